/* atr-rdp-session-channels.c — the virtual channels we use, on the session thread
 *
 * Only the channels Atrium implements are loaded, never FreeRDP's whole default set
 * (freerdp_client_load_addins() would also start sound and device redirection because the
 * .rdp settings name them): drdynvc carrying the Display Control channel (MS-RDPEDISP,
 * "disp") and the graphics pipeline (rdpgfx, atr-rdp-graphics.c) unless the session turned
 * it off, and cliprdr when the tenant policy allows the clipboard
 * (atr-rdp-session-clipboard.c). FreeRDP 3 loads them through our LoadChannels callback
 * (after PreConnect, on a fresh channel manager, and again on a redirection). Its drdynvc
 * runs dynamic channel callbacks on a thread of its own, so what they share with the session
 * thread is under the session lock.
 *
 * Dynamic resolution: atr_rdp_session_request_resize() records the size under the session
 * lock; the event loop sends it (AtrRdpResize: debounced, clamped, never the size the
 * desktop already has) once the server has announced Display Control (its caps PDU). The
 * server answers with a DesktopResize (atr-rdp-session-callbacks.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <freerdp/addin.h>
#include <freerdp/client/channels.h>
#include <freerdp/client/cmdline.h>
#include <freerdp/channels/channels.h>
#include <freerdp/event.h>
#include <freerdp/settings.h>

#include "atr-rdp-session-private.h"

/* Loads the static channel @name's addin with @data as its extended data (FreeRDP's own
 * convention, as in freerdp_client_load_addins(): the settings for drdynvc, which reads its
 * dynamic channel list from them; the channel's ADDIN_ARGV for the others). */
gboolean
_atr_rdp_session_load_static_channel (rdpContext *context,
                                      const char *name,
                                      void       *data)
{
  PVIRTUALCHANNELENTRYEX entry_ex;
  PVIRTUALCHANNELENTRY entry;

  entry_ex = (PVIRTUALCHANNELENTRYEX) (void *)
    freerdp_load_channel_addin_entry (name, NULL, NULL,
                                      FREERDP_ADDIN_CHANNEL_STATIC | FREERDP_ADDIN_CHANNEL_ENTRYEX);
  if (entry_ex != NULL)
    return freerdp_channels_client_load_ex (context->channels, context->settings, entry_ex,
                                            data) == 0;
  entry = freerdp_load_channel_addin_entry (name, NULL, NULL, FREERDP_ADDIN_CHANNEL_STATIC);
  return entry != NULL &&
         freerdp_channels_client_load (context->channels, context->settings, entry, data) == 0;
}

static UINT
disp_caps_cb (DispClientContext *disp,
              UINT32             max_monitors,
              UINT32             max_factor_a,
              UINT32             max_factor_b)
{
  AtrRdpContext *ctx = disp->custom;
  AtrRdpSession *self = ctx->session;

  g_debug ("%s offers Display Control (%u monitors, area %ux%u)",
           atr_rdp_target_get_host (self->target), max_monitors, max_factor_a, max_factor_b);
  _atr_rdp_session_post_display_control (self, TRUE);
  /* The event loop sends a pending size on its next turn. */
  g_mutex_lock (&self->lock);
  ctx->disp_ready = TRUE;
  SetEvent (self->wake_event);
  g_mutex_unlock (&self->lock);
  return CHANNEL_RC_OK;
}

static void
channel_connected_cb (void                            *data,
                      const ChannelConnectedEventArgs *e)
{
  AtrRdpContext *ctx = data;

  g_debug ("Channel %s connected", e->name);
  if (g_strcmp0 (e->name, DISP_DVC_CHANNEL_NAME) == 0)
    {
      DispClientContext *disp = e->pInterface;

      disp->custom = ctx;
      disp->DisplayControlCaps = disp_caps_cb;
      g_mutex_lock (&ctx->session->lock);
      ctx->disp = disp;
      g_mutex_unlock (&ctx->session->lock);
    }
  else if (g_strcmp0 (e->name, CLIPRDR_SVC_CHANNEL_NAME) == 0)
    _atr_rdp_session_clipboard_connected (ctx, e->pInterface);
  else if (g_strcmp0 (e->name, RDPGFX_DVC_CHANNEL_NAME) == 0)
    atr_rdp_graphics_connected (ctx->session->graphics, ctx->context.gdi, e->pInterface);
}

static void
channel_disconnected_cb (void                               *data,
                         const ChannelDisconnectedEventArgs *e)
{
  AtrRdpContext *ctx = data;

  g_debug ("Channel %s disconnected", e->name);
  if (g_strcmp0 (e->name, DISP_DVC_CHANNEL_NAME) == 0)
    {
      gboolean was_ready;

      g_mutex_lock (&ctx->session->lock);
      was_ready = ctx->disp_ready;
      ctx->disp = NULL;
      ctx->disp_ready = FALSE;
      g_mutex_unlock (&ctx->session->lock);
      if (was_ready)
        _atr_rdp_session_post_display_control (ctx->session, FALSE);
    }
  else if (g_strcmp0 (e->name, CLIPRDR_SVC_CHANNEL_NAME) == 0)
    _atr_rdp_session_clipboard_disconnected (ctx);
  else if (g_strcmp0 (e->name, RDPGFX_DVC_CHANNEL_NAME) == 0)
    atr_rdp_graphics_disconnected (ctx->session->graphics, ctx->context.gdi, e->pInterface);
}

/**
 * _atr_rdp_session_channels_pre_connect:
 *
 * PreConnect: subscribe to the channel events and ask for the channels we implement.
 */
gboolean
_atr_rdp_session_channels_pre_connect (rdpContext *context)
{
  rdpSettings *settings = context->settings;
  const char *disp[] = { "disp" };

  PubSub_SubscribeChannelConnected (context->pubSub, channel_connected_cb);
  PubSub_SubscribeChannelDisconnected (context->pubSub, channel_disconnected_cb);

  return freerdp_settings_set_bool (settings, FreeRDP_SupportDisplayControl, TRUE) &&
         freerdp_settings_set_bool (settings, FreeRDP_DynamicResolutionUpdate, TRUE) &&
         freerdp_settings_set_bool (settings, FreeRDP_SupportDynamicChannels, TRUE) &&
         (freerdp_dynamic_channel_collection_find (settings, "disp") != NULL ||
          freerdp_client_add_dynamic_channel (settings, 1, disp)) &&
         atr_rdp_graphics_pre_connect (((AtrRdpContext *) context)->session->graphics,
                                       settings) &&
         _atr_rdp_session_clipboard_pre_connect (context);
}

/**
 * _atr_rdp_session_channels_load:
 *
 * LoadChannels (FreeRDP 3 calls it after PreConnect, on a fresh channel manager, and again
 * after a server redirection): loads the addins of exactly the channels we implement, in
 * place of FreeRDP's freerdp_client_load_channels(), which would load every channel the
 * settings name (sound, devices...).
 */
gboolean
_atr_rdp_session_channels_load (rdpContext *context)
{
  AtrRdpContext *ctx = (AtrRdpContext *) context;
  AtrRdpSession *self = ctx->session;
  rdpSettings *settings = context->settings;

  if (!_atr_rdp_session_load_static_channel (context, "drdynvc", settings))
    {
      g_debug ("Could not load the Display Control channel for %s",
               atr_rdp_target_get_host (self->target));
      return FALSE;
    }
  if (!_atr_rdp_session_clipboard_load (context))
    {
      g_debug ("Could not load the clipboard channel for %s",
               atr_rdp_target_get_host (self->target));
      return FALSE;
    }

  return TRUE;
}

/**
 * _atr_rdp_session_channels_dispatch:
 *
 * Called by the event loop each turn: announces new local clipboard text, sends a resize
 * that is due.
 *
 * Returns: milliseconds until the next resize is due, or -1 when none waits
 */
gint64
_atr_rdp_session_channels_dispatch (AtrRdpSession *self,
                                    rdpContext    *context)
{
  AtrRdpContext *ctx = (AtrRdpContext *) context;
  DISPLAY_CONTROL_MONITOR_LAYOUT layout = { 0 };
  DispClientContext *disp;
  gint64 now = g_get_monotonic_time ();
  gint64 due;
  guint width, height;
  gboolean send;

  _atr_rdp_session_clipboard_dispatch (self, context);
  atr_rdp_graphics_dispatch (self->graphics);

  g_mutex_lock (&self->lock);
  if (!ctx->disp_ready || ctx->disp == NULL)
    {
      g_mutex_unlock (&self->lock);
      return -1;   /* kept pending until the server offers Display Control */
    }
  disp = ctx->disp;
  send = atr_rdp_resize_take (&self->resize, now, &width, &height);
  due = atr_rdp_resize_get_due (&self->resize);
  g_mutex_unlock (&self->lock);

  if (send)
    {
      layout.Flags = DISPLAY_CONTROL_MONITOR_PRIMARY;
      layout.Width = width;
      layout.Height = height;
      layout.Orientation = ORIENTATION_LANDSCAPE;
      layout.DesktopScaleFactor = 100;
      layout.DeviceScaleFactor = 100;
      g_debug ("Asking %s for a %ux%u desktop", atr_rdp_target_get_host (self->target),
               width, height);
      if (disp->SendMonitorLayout (disp, 1, &layout) != CHANNEL_RC_OK)
        g_debug ("Display Control refused the %ux%u layout", width, height);
    }
  return due < 0 ? -1 : MAX ((due - now + 999) / 1000, 0);
}

/* Once per process: channels resolve through FreeRDP's built-in (static) addin table. */
void
_atr_rdp_session_channels_init_once (void)
{
  freerdp_register_addin_provider (freerdp_channels_load_static_addin_entry, 0);
}

/* --- the API (any thread) ------------------------------------------------------------ */

/**
 * atr_rdp_session_request_resize:
 * @width: the wanted desktop width in pixels (clamped to 200..8192, rounded down to even)
 * @height: the wanted height (clamped to 200..8192)
 *
 * Asks the server to resize the remote desktop through the Display Control channel, e.g. as
 * the window is resized. Callable from any thread and as often as wanted: the session thread
 * sends only the newest size once none came for 200 ms, and only when it differs from the
 * desktop's size. Before the session is active the size is kept until the server offers
 * Display Control (see #AtrRdpSession:display-control); a server without it keeps its size.
 * The result arrives as AtrRdpSession::desktop-resized.
 */
void
atr_rdp_session_request_resize (AtrRdpSession *self,
                                guint          width,
                                guint          height)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));

  g_mutex_lock (&self->lock);
  atr_rdp_resize_request (&self->resize, width, height, g_get_monotonic_time ());
  if (self->wake_event != NULL)
    SetEvent (self->wake_event);
  g_mutex_unlock (&self->lock);
}

/**
 * atr_rdp_session_get_display_control:
 *
 * Returns: whether the server offered Display Control (resizes can be requested)
 */
gboolean
atr_rdp_session_get_display_control (AtrRdpSession *self)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), FALSE);
  return self->display_control;
}

/**
 * atr_rdp_session_get_desktop_size:
 * @width: (out) (optional): the remote desktop's width, 0 before the session is active
 * @height: (out) (optional): its height
 *
 * The size last reported by AtrRdpSession::desktop-resized (main context).
 */
void
atr_rdp_session_get_desktop_size (AtrRdpSession *self,
                                  guint         *width,
                                  guint         *height)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));

  if (width != NULL)
    *width = self->desktop_width_now;
  if (height != NULL)
    *height = self->desktop_height_now;
}
