/* atr-session-window.h — a window for one RDP session: progress, picture, reasons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "atr-rdp-session.h"
#include "atr-session-view.h"

G_BEGIN_DECLS

#define ATR_TYPE_SESSION_WINDOW (atr_session_window_get_type ())
G_DECLARE_FINAL_TYPE (AtrSessionWindow, atr_session_window, ATR, SESSION_WINDOW, AdwWindow)

AtrSessionWindow *atr_session_window_new           (GtkApplication   *application,
                                                    AtrRdpSession    *session);
void              atr_session_window_set_session   (AtrSessionWindow *self,
                                                    AtrRdpSession    *session);
AtrRdpSession    *atr_session_window_get_session   (AtrSessionWindow *self);
AtrSessionView   *atr_session_window_get_view      (AtrSessionWindow *self);
void              atr_session_window_set_can_reconnect (AtrSessionWindow *self,
                                                        gboolean          can_reconnect);

G_END_DECLS
