/* atr-kiosk-sessions.h — the kiosk's session life cycle: auto-launch, session end, reconnect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Owned by AtrKioskController while kiosk mode is on. It listens to the launcher's
 * "session-started" and "session-ended":
 *   - after sign-in it launches the atrium.conf `resource` (matched by alias, else by ID,
 *     ignoring case) once per sign-in; an unknown alias is a toast naming it;
 *   - every end is turned into an AtrKioskEndReason and handed to
 *     atr_kiosk_policy_after_session(): SIGN_OUT emits "sign-out" (the controller wipes),
 *     RELAUNCH starts the resource again, RESOURCES closes the session window, RECONNECT
 *     keeps the branded AtrKioskScreen up and starts new sessions in the same window at
 *     AtrKioskBackoff's pace (1, 2, 4 … 60 s) until one connects;
 *   - the screen also covers the RDP engine's own reconnect attempts (state RECONNECTING)
 *     and goes away by itself when the session is connected again.
 * Debug lines (ATR_DEBUG_UI=1), names and numbers only:
 *   atr-ui: kiosk launch alias=ALIAS id=ID        atr-ui: kiosk launch unknown alias=ALIAS
 *   atr-ui: kiosk session-end reason=R next=N     atr-ui: kiosk reconnect-screen shown
 *   atr-ui: kiosk reconnecting attempt=N delay-ms=M
 *   atr-ui: kiosk reconnect attempt=N              atr-ui: kiosk reconnected attempts=N
 *   atr-ui: kiosk relaunch alias=ALIAS            atr-ui: kiosk back to resources
 */
#pragma once

#include <adwaita.h>

#include "atr-kiosk-config.h"
#include "atr-launcher.h"
#include "atr-window.h"
#include "atr-workspace.h"

G_BEGIN_DECLS

#define ATR_TYPE_KIOSK_SESSIONS (atr_kiosk_sessions_get_type ())
G_DECLARE_FINAL_TYPE (AtrKioskSessions, atr_kiosk_sessions, ATR, KIOSK_SESSIONS, GObject)

/* @application: where the reconnecting screen goes (not referenced). Emits "sign-out"
 * (guint, an AtrKioskEndReason) when the user must be signed out. */
AtrKioskSessions *atr_kiosk_sessions_new          (GtkApplication   *application,
                                                   AtrKioskConfig   *config);
/* The app's launcher; with reconnect=false its sessions never auto-reconnect either. */
void              atr_kiosk_sessions_set_launcher (AtrKioskSessions *self,
                                                   AtrLauncher      *launcher);
/* The resources of @workspace are shown for a new sign-in in @window: auto-launch. */
void              atr_kiosk_sessions_signed_in    (AtrKioskSessions *self,
                                                   AtrWindow        *window,
                                                   AtrWorkspace     *workspace);
/* Sign-out: stops retries, closes the screen, forgets the user's workspace. */
void              atr_kiosk_sessions_reset        (AtrKioskSessions *self);

G_END_DECLS
