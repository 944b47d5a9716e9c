/* atr-rdp-session-clipboard.c — text clipboard both ways through cliprdr (MS-RDPECLIP)
 *
 * Only when the session's policy allows "clipboard" (sessions made by
 * atr_rdp_session_new_from_file() with such a policy, and a file that does not turn it off)
 * is the cliprdr static channel loaded at all; otherwise the server never hears of it.
 *
 * Only CF_UNICODETEXT is offered and asked for, capped at ATR_RDP_CLIPBOARD_MAX_BYTES and
 * converted by atr-rdp-clipboard.c, which refuses invalid text. The cliprdr callbacks run on
 * the session thread (FreeRDP hands static channel data to the thread that checks the
 * event handles); the local text is shared with the API under the session lock and announced
 * by the event loop (_atr_rdp_session_clipboard_dispatch). Text from the server reaches the
 * main context as AtrRdpSession::remote-text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <freerdp/client/cmdline.h>
#include <freerdp/settings.h>
#include <winpr/user.h>

#include "atr-rdp-clipboard.h"
#include "atr-rdp-session-private.h"

static guint remote_text_signal;

/* --- the session thread ------------------------------------------------------------- */

static UINT
send_format_list (CliprdrClientContext *cliprdr,
                  gboolean              have_text)
{
  CLIPRDR_FORMAT format = { .formatId = CF_UNICODETEXT, .formatName = NULL };
  CLIPRDR_FORMAT_LIST list = { 0 };

  list.common.msgType = CB_FORMAT_LIST;
  list.numFormats = have_text ? 1 : 0;
  list.formats = have_text ? &format : NULL;
  return cliprdr->ClientFormatList (cliprdr, &list);
}

static UINT
monitor_ready_cb (CliprdrClientContext        *cliprdr,
                  const CLIPRDR_MONITOR_READY *ready)
{
  AtrRdpContext *ctx = cliprdr->custom;
  AtrRdpSession *self = ctx->session;
  CLIPRDR_GENERAL_CAPABILITY_SET general = { 0 };
  CLIPRDR_CAPABILITIES caps = { 0 };
  gboolean have_text;
  UINT rc;

  (void) ready;
  general.capabilitySetType = CB_CAPSTYPE_GENERAL;
  general.capabilitySetLength = CB_CAPSTYPE_GENERAL_LEN;
  general.version = CB_CAPS_VERSION_2;
  general.generalFlags = CB_USE_LONG_FORMAT_NAMES;
  caps.cCapabilitiesSets = 1;
  caps.capabilitySets = (CLIPRDR_CAPABILITY_SET *) &general;
  rc = cliprdr->ClientCapabilities (cliprdr, &caps);
  if (rc != CHANNEL_RC_OK)
    return rc;

  g_mutex_lock (&self->lock);
  ctx->cliprdr_ready = TRUE;
  self->clip_announce = FALSE;
  have_text = self->clip_local != NULL;
  g_mutex_unlock (&self->lock);
  g_debug ("%s's clipboard is ready", atr_rdp_target_get_host (self->target));
  return send_format_list (cliprdr, have_text);
}

static UINT
server_capabilities_cb (CliprdrClientContext       *cliprdr,
                        const CLIPRDR_CAPABILITIES *caps)
{
  (void) cliprdr;
  (void) caps;
  return CHANNEL_RC_OK;
}

static UINT
server_format_list_cb (CliprdrClientContext      *cliprdr,
                       const CLIPRDR_FORMAT_LIST *list)
{
  CLIPRDR_FORMAT_LIST_RESPONSE response = { 0 };
  CLIPRDR_FORMAT_DATA_REQUEST request = { 0 };
  gboolean has_text = FALSE;
  UINT rc;

  for (UINT32 i = 0; i < list->numFormats && list->formats != NULL; i++)
    if (list->formats[i].formatId == CF_UNICODETEXT)
      has_text = TRUE;

  response.common.msgType = CB_FORMAT_LIST_RESPONSE;
  response.common.msgFlags = CB_RESPONSE_OK;
  rc = cliprdr->ClientFormatListResponse (cliprdr, &response);
  if (rc != CHANNEL_RC_OK || !has_text)
    return rc;   /* only text is taken; other formats are ignored */

  request.common.msgType = CB_FORMAT_DATA_REQUEST;
  request.requestedFormatId = CF_UNICODETEXT;
  return cliprdr->ClientFormatDataRequest (cliprdr, &request);
}

static UINT
server_format_list_response_cb (CliprdrClientContext               *cliprdr,
                                const CLIPRDR_FORMAT_LIST_RESPONSE *response)
{
  (void) cliprdr;
  (void) response;
  return CHANNEL_RC_OK;
}

static gboolean
emit_remote_text (gpointer data)
{
  gpointer *pair = data;

  g_signal_emit (pair[0], remote_text_signal, 0, (const char *) pair[1]);
  return G_SOURCE_REMOVE;
}

static void
free_remote_text (gpointer data)
{
  gpointer *pair = data;

  g_object_unref (pair[0]);
  g_free (pair[1]);
  g_free (pair);
}

static UINT
server_format_data_response_cb (CliprdrClientContext               *cliprdr,
                                const CLIPRDR_FORMAT_DATA_RESPONSE *response)
{
  AtrRdpContext *ctx = cliprdr->custom;
  AtrRdpSession *self = ctx->session;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) source = NULL;
  gpointer *pair;
  char *text;

  if ((response->common.msgFlags & CB_RESPONSE_OK) == 0 || response->requestedFormatData == NULL)
    {
      g_debug ("%s refused its clipboard text", atr_rdp_target_get_host (self->target));
      return CHANNEL_RC_OK;
    }
  text = atr_rdp_clipboard_text_from_utf16 (response->requestedFormatData,
                                            response->common.dataLen,
                                            ATR_RDP_CLIPBOARD_MAX_BYTES, &error);
  if (text == NULL)
    {
      g_debug ("Ignoring clipboard text from %s: %s", atr_rdp_target_get_host (self->target),
               error->message);
      return CHANNEL_RC_OK;
    }

  /* Remembered so that the same text coming back from the local clipboard is not echoed. */
  g_mutex_lock (&self->lock);
  g_free (self->clip_remote);
  self->clip_remote = g_strdup (text);
  g_mutex_unlock (&self->lock);

  pair = g_new (gpointer, 2);
  pair[0] = g_object_ref (self);
  pair[1] = text;
  source = g_idle_source_new ();
  g_source_set_callback (source, emit_remote_text, pair, free_remote_text);
  g_source_set_static_name (source, "[atrium] rdp remote clipboard text");
  g_source_attach (source, self->main_context);
  return CHANNEL_RC_OK;
}

static UINT
server_format_data_request_cb (CliprdrClientContext              *cliprdr,
                               const CLIPRDR_FORMAT_DATA_REQUEST *request)
{
  AtrRdpContext *ctx = cliprdr->custom;
  AtrRdpSession *self = ctx->session;
  CLIPRDR_FORMAT_DATA_RESPONSE response = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = NULL;
  gsize length = 0;

  g_mutex_lock (&self->lock);
  if (request->requestedFormatId == CF_UNICODETEXT && self->clip_local != NULL)
    data = atr_rdp_clipboard_text_to_utf16 (self->clip_local, ATR_RDP_CLIPBOARD_MAX_BYTES,
                                            &length, &error);
  g_mutex_unlock (&self->lock);
  if (error != NULL)
    g_debug ("Not sending the local clipboard: %s", error->message);

  response.common.msgType = CB_FORMAT_DATA_RESPONSE;
  response.common.msgFlags = data != NULL ? CB_RESPONSE_OK : CB_RESPONSE_FAIL;
  response.common.dataLen = (UINT32) length;
  response.requestedFormatData = data;
  return cliprdr->ClientFormatDataResponse (cliprdr, &response);
}

/**
 * _atr_rdp_session_clipboard_pre_connect:
 *
 * PreConnect: lists the cliprdr static channel when the policy (and the file) allow the
 * clipboard, and makes sure the settings say no otherwise.
 */
gboolean
_atr_rdp_session_clipboard_pre_connect (rdpContext *context)
{
  AtrRdpContext *ctx = (AtrRdpContext *) context;
  AtrRdpSession *self = ctx->session;
  rdpSettings *settings = context->settings;
  gboolean wanted = self->clipboard &&
                    (self->file == NULL ||
                     freerdp_settings_get_bool (settings, FreeRDP_RedirectClipboard));
  const char *argv[] = { CLIPRDR_SVC_CHANNEL_NAME };

  if (!freerdp_settings_set_bool (settings, FreeRDP_RedirectClipboard, wanted))
    return FALSE;
  if (!wanted)
    return TRUE;

  /* Listed in the settings with its ADDIN_ARGV, the addin's extended data. */
  return freerdp_static_channel_collection_find (settings, CLIPRDR_SVC_CHANNEL_NAME) != NULL ||
         freerdp_client_add_static_channel (settings, 1, argv);
}

/* LoadChannels: the cliprdr addin from the static channel table, as
 * freerdp_client_load_addins() would, when PreConnect turned the clipboard on. */
gboolean
_atr_rdp_session_clipboard_load (rdpContext *context)
{
  rdpSettings *settings = context->settings;

  if (!freerdp_settings_get_bool (settings, FreeRDP_RedirectClipboard))
    return TRUE;
  return _atr_rdp_session_load_static_channel (context, CLIPRDR_SVC_CHANNEL_NAME,
                                               freerdp_static_channel_collection_find (
                                                 settings, CLIPRDR_SVC_CHANNEL_NAME));
}

/* ChannelConnected for cliprdr: our callbacks on its interface. */
void
_atr_rdp_session_clipboard_connected (AtrRdpContext        *ctx,
                                      CliprdrClientContext *cliprdr)
{
  cliprdr->custom = ctx;
  cliprdr->MonitorReady = monitor_ready_cb;
  cliprdr->ServerCapabilities = server_capabilities_cb;
  cliprdr->ServerFormatList = server_format_list_cb;
  cliprdr->ServerFormatListResponse = server_format_list_response_cb;
  cliprdr->ServerFormatDataRequest = server_format_data_request_cb;
  cliprdr->ServerFormatDataResponse = server_format_data_response_cb;
  g_mutex_lock (&ctx->session->lock);
  ctx->cliprdr = cliprdr;
  ctx->cliprdr_ready = FALSE;
  g_mutex_unlock (&ctx->session->lock);
}

void
_atr_rdp_session_clipboard_disconnected (AtrRdpContext *ctx)
{
  g_mutex_lock (&ctx->session->lock);
  ctx->cliprdr = NULL;
  ctx->cliprdr_ready = FALSE;
  g_mutex_unlock (&ctx->session->lock);
}

/* PostConnect: records the static channels announced to the server (diagnostics, tests). */
void
_atr_rdp_session_clipboard_post_connect (rdpContext *context)
{
  AtrRdpContext *ctx = (AtrRdpContext *) context;
  AtrRdpSession *self = ctx->session;
  rdpSettings *settings = context->settings;
  UINT32 count = freerdp_settings_get_uint32 (settings, FreeRDP_ChannelCount);
  const CHANNEL_DEF *defs = freerdp_settings_get_pointer (settings, FreeRDP_ChannelDefArray);
  GPtrArray *names = g_ptr_array_new ();

  for (UINT32 i = 0; defs != NULL && i < count; i++)
    g_ptr_array_add (names, g_strndup (defs[i].name, sizeof (defs[i].name)));
  g_ptr_array_add (names, NULL);

  g_mutex_lock (&self->lock);
  g_strfreev (self->channel_names);
  self->channel_names = (char **) g_ptr_array_free (names, FALSE);
  g_mutex_unlock (&self->lock);
}

/* The event loop, each turn: announces new local text once the clipboard is ready. */
void
_atr_rdp_session_clipboard_dispatch (AtrRdpSession *self,
                                     rdpContext    *context)
{
  AtrRdpContext *ctx = (AtrRdpContext *) context;
  CliprdrClientContext *cliprdr = NULL;
  gboolean have_text = FALSE;

  g_mutex_lock (&self->lock);
  if (ctx->cliprdr_ready && self->clip_announce)
    {
      cliprdr = ctx->cliprdr;
      have_text = self->clip_local != NULL;
      self->clip_announce = FALSE;
    }
  g_mutex_unlock (&self->lock);

  if (cliprdr != NULL && send_format_list (cliprdr, have_text) != CHANNEL_RC_OK)
    g_debug ("Could not announce the local clipboard to %s",
             atr_rdp_target_get_host (self->target));
}

/* --- the main side -------------------------------------------------------------------- */

void
_atr_rdp_session_clipboard_class_init (GObjectClass *klass)
{
  /**
   * AtrRdpSession::remote-text:
   * @text: UTF-8 text (LF line ends) the server put on its clipboard
   *
   * Emitted on the session's main context when the server's clipboard holds new text
   * (only when the policy allows the clipboard).
   */
  remote_text_signal =
    g_signal_new ("remote-text", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

void
_atr_rdp_session_clipboard_finalize (AtrRdpSession *self)
{
  g_clear_pointer (&self->clip_local, g_free);
  g_clear_pointer (&self->clip_remote, g_free);
  g_clear_pointer (&self->channel_names, g_strfreev);
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
  return self->clipboard;
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

  if (!self->clipboard)
    return;
  if (utf8 != NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree guint8 *probe = NULL;
      gsize length;

      probe = atr_rdp_clipboard_text_to_utf16 (utf8, ATR_RDP_CLIPBOARD_MAX_BYTES, &length,
                                               &error);
      if (probe == NULL)
        {
          /* The server must not paste what the clipboard held before: offer nothing. */
          g_debug ("Not offering the local clipboard: %s", error->message);
          utf8 = NULL;
        }
    }

  g_mutex_lock (&self->lock);
  if (g_strcmp0 (utf8, self->clip_local) != 0 &&
      (utf8 == NULL || g_strcmp0 (utf8, self->clip_remote) != 0))
    {
      g_free (self->clip_local);
      self->clip_local = g_strdup (utf8);
      self->clip_announce = TRUE;
      if (self->wake_event != NULL)
        SetEvent (self->wake_event);
    }
  g_mutex_unlock (&self->lock);
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
  char **names;

  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), NULL);

  g_mutex_lock (&self->lock);
  names = self->channel_names != NULL ? g_strdupv (self->channel_names) : g_new0 (char *, 1);
  g_mutex_unlock (&self->lock);
  return names;
}
