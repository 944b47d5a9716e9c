/* atr-session-window-show.c — the session window's idle session connects at its view's size,
 * and the server sends no pictures while the window is hidden
 *
 * An idle session waits for the window's first layout (the first frame painted after it is
 * mapped) and then connects with its desktop size set to the view's: the view sits in a
 * page of the homogeneous stack, so the "Connecting…" page has its size. The server's first
 * desktop then fits, and the view's own resize request (Display Control) finds nothing to
 * change. A window shown and laid out already (Reconnect) connects at once.
 *
 * Minimised (GdkToplevel's state; an X11 window manager iconifies by unmapping the window,
 * which GDK reports so) or not mapped, the window tells the session to suppress output
 * (atr_rdp_session_set_output_suppressed: a Suppress Output PDU where the server takes it),
 * and to resume when it shows again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include "atr-rdp-resize.h"
#include "atr-session-window-private.h"
#include "atr-ui.h"

static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(AtrSessionWindow) self = data;
  g_autoptr(GError) error = NULL;

  /* Failures show through the state (DISCONNECTED + the disconnect error). */
  if (!atr_rdp_session_connect_finish (ATR_RDP_SESSION (source), result, &error))
    g_debug ("Session to %s did not start: %s",
             atr_rdp_target_get_host (atr_rdp_session_get_target (ATR_RDP_SESSION (source))),
             error->message);
}

/* The size the view will have, in device pixels and within what RDP allows, as the view
 * itself asks for it; FALSE before the window's first layout. The view is in a page of the
 * homogeneous stack, so it gets the stack's allocation whichever page shows. */
static gboolean
view_size (AtrSessionWindow *self,
           guint            *width,
           guint            *height)
{
  int scale = gtk_widget_get_scale_factor (self->stack);
  int w = gtk_widget_get_width (self->stack);
  int h = gtk_widget_get_height (self->stack);

  if (!gtk_widget_get_mapped (self->stack) || w <= 0 || h <= 0)
    return FALSE;
  *width = (guint) w * (guint) scale;
  *height = (guint) h * (guint) scale;
  atr_rdp_resize_clamp (width, height);
  return TRUE;
}

static void
unwatch_layout (AtrSessionWindow *self)
{
  if (self->clock != NULL)
    g_clear_signal_handler (&self->after_paint_id, self->clock);
  g_clear_object (&self->clock);
}

static void
after_paint_cb (GdkFrameClock    *clock,
                AtrSessionWindow *self)
{
  _atr_session_window_start_pending_connect (self);
}

/* Once mapped, each painted frame has been laid out: the first one gives the size. */
static void
watch_layout (AtrSessionWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || clock == self->clock)
    return;
  unwatch_layout (self);
  self->clock = g_object_ref (clock);
  self->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb),
                                           self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_atr_session_window_start_pending_connect (AtrSessionWindow *self)
{
  guint width, height;

  if (!self->connect_pending || self->session == NULL)
    {
      unwatch_layout (self);
      return;
    }
  if (!view_size (self, &width, &height))
    {
      watch_layout (self);
      return;
    }
  self->connect_pending = FALSE;
  unwatch_layout (self);
  if (atr_rdp_session_get_state (self->session) != ATR_RDP_STATE_IDLE)
    return;
  atr_rdp_session_set_desktop_size (self->session, width, height);
  atr_ui_debug ("session: connecting at %ux%u", width, height);
  atr_rdp_session_connect_async (self->session, self->cancellable, connect_done_cb,
                                 g_object_ref (self));
}

/* --- hidden: no pictures ------------------------------------------------------------ */

/* Minimised (an X11 window manager unmaps the window; Wayland compositors say so) or not
 * mapped at all: nobody sees the desktop. */
void
_atr_session_window_sync_hidden (AtrSessionWindow *self)
{
  gboolean hidden = !gtk_widget_get_mapped (GTK_WIDGET (self)) || self->surface == NULL ||
                    (gdk_toplevel_get_state (GDK_TOPLEVEL (self->surface)) &
                     GDK_TOPLEVEL_STATE_MINIMIZED) != 0;

  if (self->session != NULL)
    atr_rdp_session_set_output_suppressed (self->session, hidden);
  if (hidden != self->hidden)
    atr_ui_debug ("session: %s", hidden ? "hidden" : "shown");
  self->hidden = hidden;
}

static void
surface_state_cb (GdkSurface       *surface,
                  GParamSpec       *pspec,
                  AtrSessionWindow *self)
{
  _atr_session_window_sync_hidden (self);
}

static void
map_cb (GtkWidget        *widget,
        AtrSessionWindow *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));

  if (surface != self->surface)
    {
      if (self->surface != NULL)
        g_clear_signal_handler (&self->surface_state_id, self->surface);
      g_clear_object (&self->surface);
      if (GDK_IS_TOPLEVEL (surface))
        self->surface = g_object_ref (surface);
      if (self->surface != NULL)
        self->surface_state_id = g_signal_connect (self->surface, "notify::state",
                                                   G_CALLBACK (surface_state_cb), self);
    }
  _atr_session_window_sync_hidden (self);
  _atr_session_window_start_pending_connect (self);
}

static void
unmap_cb (GtkWidget        *widget,
          AtrSessionWindow *self)
{
  unwatch_layout (self);
  _atr_session_window_sync_hidden (self);
}

static void
unrealize_cb (GtkWidget        *widget,
              AtrSessionWindow *self)
{
  if (self->surface != NULL)
    g_clear_signal_handler (&self->surface_state_id, self->surface);
  g_clear_object (&self->surface);
}

void
_atr_session_window_watch_shown (AtrSessionWindow *self)
{
  g_signal_connect (self, "map", G_CALLBACK (map_cb), self);
  g_signal_connect (self, "unmap", G_CALLBACK (unmap_cb), self);
  g_signal_connect (self, "unrealize", G_CALLBACK (unrealize_cb), self);
}

/* dispose */
void
_atr_session_window_unwatch_shown (AtrSessionWindow *self)
{
  self->connect_pending = FALSE;
  unwatch_layout (self);
  unrealize_cb (GTK_WIDGET (self), self);
}
