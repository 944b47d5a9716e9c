/* atr-kiosk-screen.h — the kiosk's branded "reconnecting" screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A toplevel of its own, put over a session window whose connection dropped: a header bar
 * without window buttons titled with the tenant and the resource (the tenant's theme colours
 * it, as every window of the app), and a status page with a spinner, the attempt number and
 * the seconds to the next try. AtrKioskSessions drives it; AtrKioskController locks it like
 * every toplevel (fullscreen, no close, escape keys swallowed, idle timer fed).
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATR_TYPE_KIOSK_SCREEN (atr_kiosk_screen_get_type ())
G_DECLARE_FINAL_TYPE (AtrKioskScreen, atr_kiosk_screen, ATR, KIOSK_SCREEN, AdwApplicationWindow)

/* @title: the tenant's display name; @subtitle (nullable): the resource's title. */
AtrKioskScreen *atr_kiosk_screen_new         (GtkApplication *application,
                                              const char     *title,
                                              const char     *subtitle);
/* The RDP engine's own reconnect attempts are running. */
void            atr_kiosk_screen_show_engine (AtrKioskScreen *self);
/* Attempt @attempt (1, 2, …) is connecting now. */
void            atr_kiosk_screen_show_trying (AtrKioskScreen *self,
                                              guint           attempt);
/* Attempt @attempt starts in @seconds. */
void            atr_kiosk_screen_show_wait   (AtrKioskScreen *self,
                                              guint           attempt,
                                              guint           seconds);

G_END_DECLS
