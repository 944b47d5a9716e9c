/* atr-window.h — the main window: tenant switcher, enrolment, sign-in, resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "atr-credential-store.h"
#include "atr-resource.h"
#include "atr-tenant.h"
#include "atr-trust-store.h"
#include "atr-workspace.h"

G_BEGIN_DECLS

#define ATR_TYPE_WINDOW (atr_window_get_type ())
G_DECLARE_FINAL_TYPE (AtrWindow, atr_window, ATR, WINDOW, AdwApplicationWindow)

/* @trust, @credentials (nullable). @settings: the org.atrium.Atrium schema. Emits
 * "activate-resource" (AtrWorkspace, AtrResource) when the user opens a resource. */
AtrWindow *atr_window_new              (AdwApplication     *application,
                                        GSettings          *settings,
                                        AtrTrustStore      *trust,
                                        AtrCredentialStore *credentials);
/* Shows the enrolled tenants (the default one first), or enrolment when there is none. */
void       atr_window_open_tenants     (AtrWindow          *self);
/* @address (nullable): prefills the entry. */
void       atr_window_start_enrolment  (AtrWindow          *self,
                                        const char         *address);
void       atr_window_add_toast        (AtrWindow          *self,
                                        const char         *text);
/* Kiosk: keep the one tenant (no removal, switching or leaving it for enrolment). */
void       atr_window_set_locked       (AtrWindow          *self,
                                        gboolean            locked);

/* For links (#6): enrol with the look-up started, the hosts the enrolled tenants stand for,
 * the workspace of a host, and showing one. */
void          atr_window_enrol              (AtrWindow    *self,
                                             const char   *address);
char        **atr_window_dup_enrolled_hosts (AtrWindow    *self);
AtrWorkspace *atr_window_find_workspace     (AtrWindow    *self,
                                             const char   *host);
void          atr_window_show_workspace     (AtrWindow    *self,
                                             AtrWorkspace *workspace);

/* Sessions that quitting (or closing the main window) would end: connecting, connected or
 * reconnecting, in @application's session windows. */
guint         atr_window_count_open_sessions (GtkApplication *application);

G_END_DECLS
