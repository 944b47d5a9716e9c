/* atr-kiosk-controller.h — applies kiosk mode (#6) to the running app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One per application, made at startup. It reads atrium.conf (atr_kiosk_config_load) and,
 * when kiosk mode is on, locks the app:
 *   - the actions of atr_kiosk_policy_get_disabled_actions() are disabled (names that do not
 *     exist are skipped) and their accelerators removed;
 *   - every toplevel (gtk_window_get_toplevels and the application's "window-added") is
 *     fullscreen, not deletable, refuses "close-request", and gets capture-phase controllers
 *     that swallow the escape keys (atr_kiosk_policy_key_is_escape) and feed the idle timer;
 *   - the main window sees only the configured tenant, through an in-memory GSettings
 *     (atr_kiosk_controller_get_settings): no enrolment, no switcher, nothing persisted;
 *   - idle logoff, and every sign-out, clears the clipboard, wipes the user's secrets and
 *     files (atr_user_wipe_async) and returns to the branded sign-in;
 *   - Ctrl+Alt+Shift+E opens the administrator's exit-PIN prompt when a PIN is configured
 *     (AtrKioskPin);
 *   - the sessions' life cycle (AtrKioskSessions): the configured resource is launched after
 *     sign-in, each session end is answered by atr_kiosk_policy_after_session(), a network
 *     loss shows the branded reconnecting screen until the session is back.
 * A configuration that cannot be trusted (for example one a user could write) leaves the app
 * locked on an error screen: no fallback to the normal app.
 */
#pragma once

#include <adwaita.h>

#include "atr-credential-store.h"
#include "atr-kiosk-config.h"
#include "atr-launcher.h"

G_BEGIN_DECLS

#define ATR_TYPE_KIOSK_CONTROLLER (atr_kiosk_controller_get_type ())
G_DECLARE_FINAL_TYPE (AtrKioskController, atr_kiosk_controller, ATR, KIOSK_CONTROLLER, GObject)

/* Reads atrium.conf (not forced). @application is not referenced (it owns the controller).
 * @credentials (nullable): where "remember me" keeps secrets; cleared at each sign-out. */
AtrKioskController *atr_kiosk_controller_new          (GtkApplication     *application,
                                                       AtrCredentialStore *credentials);
/* `atrium --kiosk` (@force): reads atrium.conf again as forced when not locked yet.
 * Returns TRUE when the app is locked (kiosk on, or a refused configuration). */
gboolean            atr_kiosk_controller_lock         (AtrKioskController *self,
                                                       gboolean            force);
gboolean            atr_kiosk_controller_is_locked    (AtrKioskController *self);
/* (nullable): the settings, NULL while not locked or when the configuration was refused. */
AtrKioskConfig     *atr_kiosk_controller_get_config   (AtrKioskController *self);
/* (transfer none): the in-memory org.atrium.Atrium settings the main window must use while
 * locked: the configured tenant only. */
GSettings          *atr_kiosk_controller_get_settings (AtrKioskController *self);
/* The app's launcher: the kiosk launches through it and follows its sessions. Call once
 * after a lock (harmless when not locked). */
void                atr_kiosk_controller_set_launcher (AtrKioskController *self,
                                                       AtrLauncher        *launcher);
/* Shows the kiosk: the error screen for a refused configuration, else resolves the tenant
 * (once) and then activates the application. Call instead of opening windows. */
void                atr_kiosk_controller_start        (AtrKioskController *self);

G_END_DECLS
