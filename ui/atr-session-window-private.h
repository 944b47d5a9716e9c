/* atr-session-window-private.h — what the session window's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-session-window.h"

G_BEGIN_DECLS

struct _AtrSessionWindow
{
  AdwWindow       parent_instance;

  AtrRdpSession  *session;
  GCancellable   *cancellable;
  gboolean        can_reconnect;

  GtkWidget      *header;
  GtkWidget      *window_title;  /* AdwWindowTitle: the resource, the host below */
  GtkWidget      *toolbar;
  GtkWidget      *stack;
  GtkWidget      *progress_title;
  GtkWidget      *progress_detail;
  GtkWidget      *spinner;
  AtrSessionView *view;
  GtkWidget      *revealer;
  GtkWidget      *status;
  GtkWidget      *reconnect_button;

  gboolean        connect_pending;   /* an idle session waits for the first layout */
  GdkFrameClock  *clock;             /* watched for that layout (after-paint) */
  gulong          after_paint_id;
  GdkSurface     *surface;           /* watched for the minimised state */
  gulong          surface_state_id;
  gboolean        hidden;            /* what the session was last told */
};

/* atr-session-window-show.c: connecting at the view's size, and no pictures while hidden */
void _atr_session_window_watch_shown           (AtrSessionWindow *self);
void _atr_session_window_unwatch_shown         (AtrSessionWindow *self);
void _atr_session_window_start_pending_connect (AtrSessionWindow *self);
void _atr_session_window_sync_hidden           (AtrSessionWindow *self);

G_END_DECLS
