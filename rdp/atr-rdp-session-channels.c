/* atr-rdp-session-channels.c — the channel table: which part owns which virtual channel
 *
 * Only the channels Atrium implements are loaded, never FreeRDP's whole default set
 * (freerdp_client_load_addins() would also start sound and device redirection because the
 * .rdp settings name them): drdynvc carrying the Display Control channel (MS-RDPEDISP,
 * "disp", the display part, atr-rdp-display.c) and the graphics pipeline (rdpgfx, the
 * graphics part, atr-rdp-graphics.c) unless the session turned it off, and cliprdr when the
 * tenant policy allows the clipboard (the clipboard part, atr-rdp-cliprdr.c). FreeRDP 3 loads them through our
 * LoadChannels callback (after PreConnect, on a fresh channel manager, and again on a
 * redirection). Its drdynvc runs dynamic channel callbacks on a thread of its own, so each
 * part keeps what its channel shares with the session thread under the part's own lock.
 *
 * Every hook goes through one table, `parts` below: a part that owns a channel (RAIL,
 * rdpsnd, rdpdr…) adds one row with its PreConnect, LoadChannels, ChannelConnected /
 * Disconnected and event-loop functions, and nothing else here changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <freerdp/addin.h>
#include <freerdp/client/channels.h>
#include <freerdp/client/cliprdr.h>
#include <freerdp/client/disp.h>
#include <freerdp/client/rdpgfx.h>
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

/* --- the parts' rows ---------------------------------------------------------------- */

static gboolean
display_pre_connect (AtrRdpContext *ctx)
{
  return atr_rdp_display_pre_connect (ctx->display, ctx->context.settings);
}

/* drdynvc carries Display Control (and every dynamic channel listed in the settings). */
static gboolean
display_load (AtrRdpContext *ctx)
{
  return _atr_rdp_session_load_static_channel (&ctx->context, "drdynvc", ctx->context.settings);
}

static void
display_connected (AtrRdpContext *ctx,
                   void          *iface)
{
  atr_rdp_display_connected (ctx->display, iface);
}

static void
display_disconnected (AtrRdpContext *ctx,
                      void          *iface)
{
  atr_rdp_display_disconnected (ctx->display, iface);
}

static gint64
display_dispatch (AtrRdpContext *ctx)
{
  atr_rdp_display_dispatch_output (ctx->display, &ctx->context);
  return atr_rdp_display_dispatch (ctx->display);
}

static gboolean
graphics_pre_connect (AtrRdpContext *ctx)
{
  return atr_rdp_graphics_pre_connect (ctx->graphics, ctx->context.settings);
}

/* rdpgfx is a dynamic channel: drdynvc (the display row) loads it from the settings. */
static gboolean
graphics_load (AtrRdpContext *ctx)
{
  (void) ctx;
  return TRUE;
}

static void
graphics_connected (AtrRdpContext *ctx,
                    void          *iface)
{
  atr_rdp_graphics_connected (ctx->graphics, ctx->context.gdi, iface);
}

static void
graphics_disconnected (AtrRdpContext *ctx,
                       void          *iface)
{
  atr_rdp_graphics_disconnected (ctx->graphics, ctx->context.gdi, iface);
}

static gint64
graphics_dispatch (AtrRdpContext *ctx)
{
  atr_rdp_graphics_dispatch (ctx->graphics);
  return -1;
}

static gboolean
clipboard_pre_connect (AtrRdpContext *ctx)
{
  return atr_rdp_cliprdr_pre_connect (ctx->clipboard, ctx->context.settings);
}

static gboolean
clipboard_load (AtrRdpContext *ctx)
{
  return atr_rdp_cliprdr_load (ctx->clipboard, &ctx->context);
}

static void
clipboard_connected (AtrRdpContext *ctx,
                     void          *iface)
{
  atr_rdp_cliprdr_connected (ctx->clipboard, iface);
}

static void
clipboard_disconnected (AtrRdpContext *ctx,
                        void          *iface)
{
  atr_rdp_cliprdr_disconnected (ctx->clipboard, iface);
}

static gint64
clipboard_dispatch (AtrRdpContext *ctx)
{
  atr_rdp_cliprdr_dispatch (ctx->clipboard);
  return -1;
}

typedef struct
{
  const char *what;                                    /* for the log */
  const char *channel;                                 /* ChannelConnected's name */
  gboolean  (*pre_connect)  (AtrRdpContext *ctx);      /* settings: ask for the channel */
  gboolean  (*load)         (AtrRdpContext *ctx);      /* LoadChannels: load its addin */
  void      (*connected)    (AtrRdpContext *ctx,
                             void          *iface);    /* the channel's interface */
  void      (*disconnected) (AtrRdpContext *ctx,
                             void          *iface);
  gint64    (*dispatch)     (AtrRdpContext *ctx);      /* each event-loop turn: ms until
                                                        * it wants the next, or -1 */
} ChannelPart;

/* In PreConnect and LoadChannels order. */
static const ChannelPart parts[] = {
  { "Display Control", DISP_DVC_CHANNEL_NAME, display_pre_connect, display_load,
    display_connected, display_disconnected, display_dispatch },
  { "graphics pipeline", RDPGFX_DVC_CHANNEL_NAME, graphics_pre_connect, graphics_load,
    graphics_connected, graphics_disconnected, graphics_dispatch },
  { "clipboard", CLIPRDR_SVC_CHANNEL_NAME, clipboard_pre_connect, clipboard_load,
    clipboard_connected, clipboard_disconnected, clipboard_dispatch },
};

/* --- the hooks ------------------------------------------------------------------------ */

static void
channel_connected_cb (void                            *data,
                      const ChannelConnectedEventArgs *e)
{
  AtrRdpContext *ctx = data;

  g_debug ("Channel %s connected", e->name);
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_strcmp0 (e->name, parts[i].channel) == 0)
      parts[i].connected (ctx, e->pInterface);
}

static void
channel_disconnected_cb (void                               *data,
                         const ChannelDisconnectedEventArgs *e)
{
  AtrRdpContext *ctx = data;

  g_debug ("Channel %s disconnected", e->name);
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (g_strcmp0 (e->name, parts[i].channel) == 0)
      parts[i].disconnected (ctx, e->pInterface);
}

/**
 * _atr_rdp_session_channels_pre_connect:
 *
 * PreConnect: subscribe to the channel events and let each part ask for its channel.
 */
gboolean
_atr_rdp_session_channels_pre_connect (rdpContext *context)
{
  AtrRdpContext *ctx = (AtrRdpContext *) context;

  PubSub_SubscribeChannelConnected (context->pubSub, channel_connected_cb);
  PubSub_SubscribeChannelDisconnected (context->pubSub, channel_disconnected_cb);

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (!parts[i].pre_connect (ctx))
      return FALSE;
  return TRUE;
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

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (!parts[i].load (ctx))
      {
        g_debug ("Could not load the %s channel for %s", parts[i].what,
                 atr_rdp_target_get_host (ctx->session->target));
        return FALSE;
      }
  return TRUE;
}

/* PostConnect: records the static channels announced to the server (diagnostics, tests). */
void
_atr_rdp_session_channels_post_connect (rdpContext *context)
{
  AtrRdpContext *ctx = (AtrRdpContext *) context;
  rdpSettings *settings = context->settings;
  UINT32 count = freerdp_settings_get_uint32 (settings, FreeRDP_ChannelCount);
  const CHANNEL_DEF *defs = freerdp_settings_get_pointer (settings, FreeRDP_ChannelDefArray);
  GPtrArray *names = g_ptr_array_new ();

  for (UINT32 i = 0; defs != NULL && i < count; i++)
    g_ptr_array_add (names, g_strndup (defs[i].name, sizeof (defs[i].name)));
  g_ptr_array_add (names, NULL);
  atr_rdp_connection_set_channel_names (ctx->connection,
                                        (char **) g_ptr_array_free (names, FALSE));
}

/**
 * _atr_rdp_session_channels_dispatch:
 *
 * Called by the event loop each turn: each part sends what is due (new local clipboard
 * text, a resize).
 *
 * Returns: milliseconds until a part wants the next turn, or -1 when none waits
 */
gint64
_atr_rdp_session_channels_dispatch (rdpContext *context)
{
  AtrRdpContext *ctx = (AtrRdpContext *) context;
  gint64 next = -1;

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      gint64 ms = parts[i].dispatch (ctx);

      if (ms >= 0 && (next < 0 || ms < next))
        next = ms;
    }
  return next;
}

/* Once per process: channels resolve through FreeRDP's built-in (static) addin table. */
void
_atr_rdp_session_channels_init_once (void)
{
  freerdp_register_addin_provider (freerdp_channels_load_static_addin_entry, 0);
}

/* --- the API (any thread unless said) ------------------------------------------------ */

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

  atr_rdp_display_request (self->display, width, height);
}

/**
 * atr_rdp_session_set_output_suppressed:
 * @suppressed: %TRUE while nobody can see the desktop (the window is minimised or hidden)
 *
 * Asks the server to stop sending pictures (MS-RDPBCGR Suppress Output PDU,
 * allowDisplayUpdates FALSE) or, with %FALSE, to send them again for the whole desktop.
 * Sent by the session thread once connected, and again on each new connection (which
 * starts with pictures allowed), only to a server that advertises the PDU in its General
 * Capability Set; a server without it goes on sending. Callable from any thread, any
 * time; only a change is sent.
 */
void
atr_rdp_session_set_output_suppressed (AtrRdpSession *self,
                                       gboolean       suppressed)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));

  atr_rdp_display_suppress_output (self->display, suppressed);
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
  return atr_rdp_display_get_available (self->display);
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

  atr_rdp_display_get_size (self->display, width, height);
}

/**
 * atr_rdp_session_get_clipboard:
 *
 * Returns: whether the session's policy allows the text clipboard (off for
 *   atr_rdp_session_new(); what the policy says for atr_rdp_session_new_from_file())
 */
gboolean
atr_rdp_session_get_clipboard (AtrRdpSession *self)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), FALSE);
  return atr_rdp_cliprdr_get_allowed (self->clipboard);
}

/**
 * atr_rdp_session_set_local_text:
 * @utf8: (nullable): the local clipboard's text, or %NULL when it holds none
 *
 * Offers the local clipboard's text to the server (a format list with CF_UNICODETEXT; the
 * server asks for the data when it needs it). Callable from any thread; ignored when the
 * policy forbids the clipboard and for the text the server itself sent last (no echo).
 * Text that is not valid UTF-8 or larger than %ATR_RDP_CLIPBOARD_MAX_BYTES as UTF-16 is
 * offered as nothing, so that the server does not paste older text.
 */
void
atr_rdp_session_set_local_text (AtrRdpSession *self,
                                const char    *utf8)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));

  atr_rdp_cliprdr_set_local_text (self->clipboard, utf8);
}

/**
 * atr_rdp_session_dup_channel_names:
 *
 * The static virtual channels the current connection announced to the server (e.g.
 * "drdynvc", and "cliprdr" only when the clipboard is allowed); for diagnostics and tests.
 *
 * Returns: (transfer full): a %NULL-terminated list, empty before the session is active
 */
char **
atr_rdp_session_dup_channel_names (AtrRdpSession *self)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), NULL);

  return atr_rdp_connection_dup_channel_names (self->connection);
}
