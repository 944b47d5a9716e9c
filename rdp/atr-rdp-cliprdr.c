/* atr-rdp-cliprdr.c — the session's clipboard part: text both ways through cliprdr
 *
 * Only when the session's policy allows "clipboard" (sessions made by
 * atr_rdp_session_new_from_file() with such a policy, and a file that does not turn it off)
 * is the cliprdr static channel loaded at all; otherwise the server never hears of it.
 *
 * Only CF_UNICODETEXT is offered and asked for, capped at ATR_RDP_CLIPBOARD_MAX_BYTES and
 * converted by atr-rdp-clipboard.c, which refuses invalid text. The cliprdr callbacks run on
 * the session thread (FreeRDP hands static channel data to the thread that checks the
 * event handles); the local text is shared with the API under this part's lock and announced
 * by the event loop (atr_rdp_cliprdr_dispatch). Text from the server reaches the main
 * context as AtrRdpSession::remote-text.
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
#include "atr-rdp-cliprdr.h"

struct _AtrRdpCliprdr
{
  AtrRdpSession        *session;     /* borrowed: the owner, for its messages */
  HANDLE                wake_event;  /* borrowed: the session thread's */

  /* Set before connect, read-only afterwards. */
  gboolean              allowed;     /* the policy allows the text clipboard */
  gboolean              ask_file;    /* a .rdp file was applied: it may turn it off */

  /* Under `lock`. */
  GMutex                lock;
  char                 *local;       /* the local clipboard's text offered, or NULL */
  char                 *remote;      /* the server's text last received (no echo) */
  gboolean              announce;    /* `local` changed: send a format list */
  CliprdrClientContext *cliprdr;     /* the channel, once connected */
  gboolean              ready;       /* MonitorReady came: format lists may be sent */
};

static const char *
host_of (AtrRdpCliprdr *clip)
{
  return atr_rdp_target_get_host (atr_rdp_session_get_target (clip->session));
}

AtrRdpCliprdr *
atr_rdp_cliprdr_new (AtrRdpSession *session,
                     HANDLE         wake_event)
{
  AtrRdpCliprdr *clip = g_new0 (AtrRdpCliprdr, 1);

  clip->session = session;
  clip->wake_event = wake_event;
  g_mutex_init (&clip->lock);
  return clip;
}

void
atr_rdp_cliprdr_free (AtrRdpCliprdr *clip)
{
  if (clip == NULL)
    return;
  g_clear_pointer (&clip->local, g_free);
  g_clear_pointer (&clip->remote, g_free);
  g_mutex_clear (&clip->lock);
  g_free (clip);
}

/**
 * atr_rdp_cliprdr_set_policy:
 * @allowed: the policy allows the text clipboard
 * @ask_file: the session applies a .rdp file, whose redirectclipboard may still say no
 */
void
atr_rdp_cliprdr_set_policy (AtrRdpCliprdr *clip,
                            gboolean       allowed,
                            gboolean       ask_file)
{
  clip->allowed = !!allowed;
  clip->ask_file = !!ask_file;
}

gboolean
atr_rdp_cliprdr_get_allowed (AtrRdpCliprdr *clip)
{
  return clip->allowed;
}

/**
 * atr_rdp_cliprdr_set_local_text:
 * @utf8: (nullable): the local clipboard's text, or %NULL when it holds none
 *
 * Any thread. Ignored when the policy forbids the clipboard, and for the text the server
 * itself sent last (no echo). Text that is not valid UTF-8 or larger than the cap as UTF-16
 * is offered as nothing, so that the server does not paste older text.
 *
 * Returns: whether the server will be told (the offer changed)
 */
gboolean
atr_rdp_cliprdr_set_local_text (AtrRdpCliprdr *clip,
                                const char    *utf8)
{
  gboolean changed = FALSE;

  if (!clip->allowed)
    return FALSE;
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

  g_mutex_lock (&clip->lock);
  if (g_strcmp0 (utf8, clip->local) != 0 &&
      (utf8 == NULL || g_strcmp0 (utf8, clip->remote) != 0))
    {
      g_free (clip->local);
      clip->local = g_strdup (utf8);
      clip->announce = TRUE;
      changed = TRUE;
    }
  g_mutex_unlock (&clip->lock);
  if (changed && clip->wake_event != NULL)
    SetEvent (clip->wake_event);
  return changed;
}

/* Remembered so that the same text coming back from the local clipboard is not echoed. */
void
atr_rdp_cliprdr_remember_remote (AtrRdpCliprdr *clip,
                                 const char    *utf8)
{
  g_mutex_lock (&clip->lock);
  g_free (clip->remote);
  clip->remote = g_strdup (utf8);
  g_mutex_unlock (&clip->lock);
}

/* --- the channel (session thread) -------------------------------------------------- */

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
  AtrRdpCliprdr *clip = cliprdr->custom;
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

  g_mutex_lock (&clip->lock);
  clip->ready = TRUE;
  clip->announce = FALSE;
  have_text = clip->local != NULL;
  g_mutex_unlock (&clip->lock);
  g_debug ("%s's clipboard is ready", host_of (clip));
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

static UINT
server_format_data_response_cb (CliprdrClientContext               *cliprdr,
                                const CLIPRDR_FORMAT_DATA_RESPONSE *response)
{
  AtrRdpCliprdr *clip = cliprdr->custom;
  g_autoptr(GError) error = NULL;
  char *text;

  if ((response->common.msgFlags & CB_RESPONSE_OK) == 0 || response->requestedFormatData == NULL)
    {
      g_debug ("%s refused its clipboard text", host_of (clip));
      return CHANNEL_RC_OK;
    }
  text = atr_rdp_clipboard_text_from_utf16 (response->requestedFormatData,
                                            response->common.dataLen,
                                            ATR_RDP_CLIPBOARD_MAX_BYTES, &error);
  if (text == NULL)
    {
      g_debug ("Ignoring clipboard text from %s: %s", host_of (clip), error->message);
      return CHANNEL_RC_OK;
    }

  atr_rdp_cliprdr_remember_remote (clip, text);
  _atr_rdp_session_post_remote_text (clip->session, text);
  return CHANNEL_RC_OK;
}

static UINT
server_format_data_request_cb (CliprdrClientContext              *cliprdr,
                               const CLIPRDR_FORMAT_DATA_REQUEST *request)
{
  AtrRdpCliprdr *clip = cliprdr->custom;
  CLIPRDR_FORMAT_DATA_RESPONSE response = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *data = NULL;
  gsize length = 0;

  g_mutex_lock (&clip->lock);
  if (request->requestedFormatId == CF_UNICODETEXT && clip->local != NULL)
    data = atr_rdp_clipboard_text_to_utf16 (clip->local, ATR_RDP_CLIPBOARD_MAX_BYTES,
                                            &length, &error);
  g_mutex_unlock (&clip->lock);
  if (error != NULL)
    g_debug ("Not sending the local clipboard: %s", error->message);

  response.common.msgType = CB_FORMAT_DATA_RESPONSE;
  response.common.msgFlags = data != NULL ? CB_RESPONSE_OK : CB_RESPONSE_FAIL;
  response.common.dataLen = (UINT32) length;
  response.requestedFormatData = data;
  return cliprdr->ClientFormatDataResponse (cliprdr, &response);
}

/**
 * atr_rdp_cliprdr_pre_connect:
 *
 * PreConnect: lists the cliprdr static channel when the policy (and the file) allow the
 * clipboard, and makes sure the settings say no otherwise.
 */
gboolean
atr_rdp_cliprdr_pre_connect (AtrRdpCliprdr *clip,
                             rdpSettings   *settings)
{
  gboolean wanted = clip->allowed &&
                    (!clip->ask_file ||
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
atr_rdp_cliprdr_load (AtrRdpCliprdr *clip,
                      rdpContext    *context)
{
  rdpSettings *settings = context->settings;

  (void) clip;
  if (!freerdp_settings_get_bool (settings, FreeRDP_RedirectClipboard))
    return TRUE;
  return _atr_rdp_session_load_static_channel (context, CLIPRDR_SVC_CHANNEL_NAME,
                                               freerdp_static_channel_collection_find (
                                                 settings, CLIPRDR_SVC_CHANNEL_NAME));
}

/* ChannelConnected for cliprdr: our callbacks on its interface. */
void
atr_rdp_cliprdr_connected (AtrRdpCliprdr        *clip,
                           CliprdrClientContext *cliprdr)
{
  cliprdr->custom = clip;
  cliprdr->MonitorReady = monitor_ready_cb;
  cliprdr->ServerCapabilities = server_capabilities_cb;
  cliprdr->ServerFormatList = server_format_list_cb;
  cliprdr->ServerFormatListResponse = server_format_list_response_cb;
  cliprdr->ServerFormatDataRequest = server_format_data_request_cb;
  cliprdr->ServerFormatDataResponse = server_format_data_response_cb;
  g_mutex_lock (&clip->lock);
  clip->cliprdr = cliprdr;
  clip->ready = FALSE;
  g_mutex_unlock (&clip->lock);
}

void
atr_rdp_cliprdr_disconnected (AtrRdpCliprdr        *clip,
                              CliprdrClientContext *cliprdr)
{
  (void) cliprdr;
  g_mutex_lock (&clip->lock);
  clip->cliprdr = NULL;
  clip->ready = FALSE;
  g_mutex_unlock (&clip->lock);
}

/* The event loop, each turn: announces new local text once the clipboard is ready. */
void
atr_rdp_cliprdr_dispatch (AtrRdpCliprdr *clip)
{
  CliprdrClientContext *cliprdr = NULL;
  gboolean have_text = FALSE;

  g_mutex_lock (&clip->lock);
  if (clip->ready && clip->announce)
    {
      cliprdr = clip->cliprdr;
      have_text = clip->local != NULL;
      clip->announce = FALSE;
    }
  g_mutex_unlock (&clip->lock);

  if (cliprdr != NULL && send_format_list (cliprdr, have_text) != CHANNEL_RC_OK)
    g_debug ("Could not announce the local clipboard to %s", host_of (clip));
}
