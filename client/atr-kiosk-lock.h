/* atr-kiosk-lock.h — GTK helpers of kiosk mode: actions, accelerators, fullscreen, screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Stateless pieces AtrKioskController (atr-kiosk-controller.h) uses to lock the app.
 */
#pragma once

#include <adwaita.h>

#include "atr-credential-store.h"

G_BEGIN_DECLS

/* Enables or disables the actions of atr_kiosk_policy_get_disabled_actions(): with @widget
 * (nullable) its class actions (win.*, session.*), else the application's app.* actions.
 * Names that do not exist are skipped. */
void       atr_kiosk_lock_set_actions_enabled (GtkApplication *application,
                                               GtkWidget      *widget,
                                               gboolean        enabled);
/* Removes the accelerators of the policy's actions, keeping them in @saved (action name →
 * char**) for atr_kiosk_lock_restore_accels(). */
void       atr_kiosk_lock_remove_accels       (GtkApplication *application,
                                               GHashTable     *saved);
void       atr_kiosk_lock_restore_accels      (GtkApplication *application,
                                               GHashTable     *saved);
/* Hides (or, after the administrator's PIN, shows again) the window buttons of every
 * header bar on @display, through its GtkSettings' gtk-decoration-layout. */
void       atr_kiosk_lock_show_window_controls (GdkDisplay   *display,
                                                gboolean      shown);
/* Fullscreen without window buttons, and the size of the first monitor for when no window
 * manager honours it. */
void       atr_kiosk_lock_fill_monitor        (GtkWindow      *window);
/* (transfer none): a status page with @message; @retry_label (nullable) adds a button whose
 * "clicked" goes to @retry_cb with @retry_data. */
GtkWidget *atr_kiosk_lock_status_page_new     (const char     *title,
                                               const char     *message,
                                               const char     *retry_label,
                                               GCallback       retry_cb,
                                               gpointer        retry_data);
/* (transfer none): the administrator's exit-PIN prompt (an AdwMessageDialog with responses
 * "cancel" and "unlock" and a GtkPasswordEntry as extra child). @wait_seconds > 0 locks it
 * and says when to try again. Return in the entry answers "unlock". */
GtkWidget *atr_kiosk_lock_pin_dialog_new      (GtkWindow      *parent,
                                               int             wait_seconds);

/* An AtrUserWipeSecretsFunc: clears @tenant_id in @user_data, an AtrCredentialStore. */
void       atr_kiosk_lock_forget_secrets      (const char     *tenant_id,
                                               GTask          *task,
                                               gpointer        user_data);

G_END_DECLS
