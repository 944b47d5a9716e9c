/* atr-session-view.h — the remote desktop as a widget: pixels out, keys and pointer in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atr-rdp-session.h"
#include "atr-view-transform.h"

G_BEGIN_DECLS

#define ATR_TYPE_SESSION_VIEW (atr_session_view_get_type ())
G_DECLARE_FINAL_TYPE (AtrSessionView, atr_session_view, ATR, SESSION_VIEW, GtkWidget)

GtkWidget        *atr_session_view_new                (void);

void              atr_session_view_set_session        (AtrSessionView   *self,
                                                       AtrRdpSession    *session);
AtrRdpSession    *atr_session_view_get_session        (AtrSessionView   *self);
void              atr_session_view_set_scale_mode     (AtrSessionView   *self,
                                                       AtrViewScaleMode  mode);
AtrViewScaleMode  atr_session_view_get_scale_mode     (AtrSessionView   *self);
GdkPaintable     *atr_session_view_get_paintable      (AtrSessionView   *self);
void              atr_session_view_send_ctrl_alt_del  (AtrSessionView   *self);
void              atr_session_view_release_keys       (AtrSessionView   *self);

G_END_DECLS
