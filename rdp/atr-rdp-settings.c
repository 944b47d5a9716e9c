/* atr-rdp-settings.c — a filtered .rdp file applied to FreeRDP 3 settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FreeRDP's own .rdp parser maps most keys (client/common/file.c); we feed it the filtered
 * file written back as UTF-8, then set through the accessors what it gets wrong or leaves
 * out in 2.11, and what policy dictates:
 *
 * - `full address`, `alternate full address`, `server port` and `gatewayhostname` are not
 *   given to it: its freerdp_parse_hostname() splits on the last colon (IPv6 breaks) and a
 *   port it cannot read fails the whole populate call. We set ServerHostname/ServerPort and
 *   GatewayHostname/GatewayPort from our own parse (atr_rdp_parse_address());
 * - `b` lines (`password 51`) are not given to it either: it ignores them with an error log;
 * - `gatewaycredentialssource` is not mapped by 2.11: set here;
 * - redirections are set to exactly the summary's set (file ∧ policy, mstsc defaults), and
 *   DeviceRedirection (the rdpdr channel) only when a device kind is on;
 * - certificates are always checked by our callback: ExternalCertificateManagement on,
 *   IgnoreCertificate and AutoAcceptCertificate off, AuthenticationLevel 1 or 2, and
 *   legacy RDP security (no TLS, so no certificate to check) off.
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>

#include <freerdp/freerdp.h>
#include <freerdp/settings.h>
#include <freerdp/client/file.h>
#include <freerdp/locale/locale.h>
#include <winpr/wlog.h>
#include <glib/gi18n-lib.h>

#include "atr-rdp-settings.h"

/* Keys we apply ourselves, never through FreeRDP's parser. */
static const char * const applied_here[] = {
  "full address", "alternate full address", "server port", "gatewayhostname",
};

static gboolean
applied_here_key (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (applied_here); i++)
    if (strcmp (key, applied_here[i]) == 0)
      return TRUE;
  return FALSE;
}

static GString *
text_for_freerdp (AtrRdpFile *filtered)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < atr_rdp_file_get_n_lines (filtered); i++)
    {
      const AtrRdpLine *line = atr_rdp_file_get_line (filtered, i);

      if (line->type == ATR_RDP_VALUE_OPTION || line->type == ATR_RDP_VALUE_BINARY ||
          applied_here_key (line->key))
        continue;
      /* Only the line that wins reaches FreeRDP (the filter already removed repeats). */
      if (atr_rdp_file_lookup (filtered, line->key) != line)
        continue;

      if (line->type == ATR_RDP_VALUE_INTEGER)
        g_string_append_printf (out, "%s:i:%" G_GINT64_FORMAT "\r\n", line->key, line->integer);
      else
        g_string_append_printf (out, "%s:s:%s\r\n", line->key, line->value);
    }
  return out;
}

static void
wipe_string (GString *text)
{
  memset (text->str, 0, text->len);
  g_string_free (text, TRUE);
}

static gboolean
fail (GError    **error,
      AtrRdpFile *file,
      const char *what)
{
  g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_FAILED,
               _("%s: FreeRDP refused %s"), atr_rdp_file_get_origin (file), what);
  return FALSE;
}

static gboolean
set_redirections (rdpSettings      *settings,
                  AtrRdpRedirection on)
{
  gboolean drives = (on & ATR_RDP_REDIRECT_DRIVES) != 0;
  gboolean comports = (on & ATR_RDP_REDIRECT_COMPORTS) != 0;
  gboolean devices = (on & (ATR_RDP_REDIRECT_DRIVES | ATR_RDP_REDIRECT_PRINTERS |
                            ATR_RDP_REDIRECT_SMARTCARDS | ATR_RDP_REDIRECT_COMPORTS)) != 0;

  if (!drives && !freerdp_settings_set_string (settings, FreeRDP_DrivesToRedirect, NULL))
    return FALSE;

  return freerdp_settings_set_bool (settings, FreeRDP_RedirectClipboard,
                                    (on & ATR_RDP_REDIRECT_CLIPBOARD) != 0) &&
         freerdp_settings_set_bool (settings, FreeRDP_AudioPlayback,
                                    (on & ATR_RDP_REDIRECT_AUDIO) != 0) &&
         freerdp_settings_set_bool (settings, FreeRDP_AudioCapture,
                                    (on & ATR_RDP_REDIRECT_MICROPHONE) != 0) &&
         freerdp_settings_set_bool (settings, FreeRDP_RedirectPrinters,
                                    (on & ATR_RDP_REDIRECT_PRINTERS) != 0) &&
         freerdp_settings_set_bool (settings, FreeRDP_RedirectSmartCards,
                                    (on & ATR_RDP_REDIRECT_SMARTCARDS) != 0) &&
         freerdp_settings_set_bool (settings, FreeRDP_RedirectDrives, drives) &&
         freerdp_settings_set_bool (settings, FreeRDP_RedirectSerialPorts, comports) &&
         freerdp_settings_set_bool (settings, FreeRDP_RedirectParallelPorts, comports) &&
         freerdp_settings_set_bool (settings, FreeRDP_DeviceRedirection, devices);
}

static gboolean
set_load_balance_info (rdpSettings *settings,
                       const char  *token)
{
  const BYTE *current = freerdp_settings_get_pointer (settings, FreeRDP_LoadBalanceInfo);
  UINT32 length = freerdp_settings_get_uint32 (settings, FreeRDP_LoadBalanceInfoLength);

  if (token == NULL && current == NULL)
    return TRUE;
  if (token != NULL && current != NULL && length == strlen (token) &&
      memcmp (current, token, length) == 0)
    return TRUE;

  return freerdp_settings_set_pointer_len (settings, FreeRDP_LoadBalanceInfo, token,
                                          token != NULL ? strlen (token) : 0);
}

/**
 * atr_rdp_settings_apply:
 * @settings: a FreeRDP 3 rdpSettings (e.g. the session's instance->settings)
 * @filtered: a file that went through atr_rdp_file_filter() with @policy
 * @policy: (nullable): the tenant policy, or %NULL for the default
 * @summary: (out) (optional) (transfer full): what was applied
 * @error: return location for an %ATR_RDP_FILE_ERROR
 *
 * Hands @filtered to FreeRDP's .rdp parser, then sets target, gateway, RemoteApp, routing
 * token, redirections and the certificate rules through the settings accessors (see the
 * top of this file for what and why). Secrets in @filtered (`password`,
 * `gatewayaccesstoken`) reach @settings; the intermediate text is wiped.
 *
 * Returns: %FALSE when the file names no host (%ATR_RDP_FILE_ERROR_NO_HOST) or FreeRDP
 *   refused a value
 */
gboolean
atr_rdp_settings_apply (rdpSettings         *settings,
                        AtrRdpFile          *filtered,
                        const AtrRdpPolicy  *policy,
                        AtrRdpSummary      **summary,
                        GError             **error)
{
  g_autoptr(AtrRdpSummary) wanted = NULL;
  AtrRdpPolicy default_policy;
  GString *text;
  UINT32 level;

  g_return_val_if_fail (settings != NULL, FALSE);
  g_return_val_if_fail (ATR_IS_RDP_FILE (filtered), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (policy == NULL)
    {
      atr_rdp_policy_init_default (&default_policy);
      policy = &default_policy;
    }

  wanted = atr_rdp_summary_new_from_file (filtered, policy, error);
  if (wanted == NULL)
    return FALSE;

  text = text_for_freerdp (filtered);
  if (text->len >= 2)
    {
      rdpFile *file = freerdp_client_rdp_file_new ();
      gboolean ok = file != NULL &&
                    freerdp_client_parse_rdp_file_buffer (file, (const BYTE *) text->str,
                                                          text->len) &&
                    freerdp_client_populate_settings_from_rdp_file (file, settings);

      freerdp_client_rdp_file_free (file);
      if (!ok)
        {
          wipe_string (text);
          return fail (error, filtered, "the filtered .rdp file");
        }
    }
  wipe_string (text);

  if (!freerdp_settings_set_string (settings, FreeRDP_ServerHostname, wanted->host) ||
      !freerdp_settings_set_uint32 (settings, FreeRDP_ServerPort, wanted->port))
    return fail (error, filtered, "the host and port");

  if (!freerdp_set_gateway_usage_method (settings, wanted->gateway_usage) ||
      !freerdp_settings_set_string (settings, FreeRDP_GatewayHostname, wanted->gateway_host) ||
      !freerdp_settings_set_uint32 (settings, FreeRDP_GatewayPort,
                                    wanted->gateway_host != NULL ? wanted->gateway_port
                                                                 : ATR_RDP_DEFAULT_GATEWAY_PORT) ||
      (wanted->gateway_host == NULL &&
       !freerdp_settings_set_bool (settings, FreeRDP_GatewayEnabled, FALSE)) ||
      !freerdp_settings_set_uint32 (settings, FreeRDP_GatewayCredentialsSource,
                                    wanted->gateway_credentials_source) ||
      !freerdp_settings_set_bool (settings, FreeRDP_GatewayUseSameCredentials,
                                  wanted->gateway_use_same_credentials))
    return fail (error, filtered, "the gateway settings");

  if (!freerdp_settings_set_bool (settings, FreeRDP_RemoteApplicationMode, wanted->remoteapp) ||
      !freerdp_settings_set_string (settings, FreeRDP_RemoteApplicationProgram,
                                    wanted->remoteapp_program) ||
      !freerdp_settings_set_string (settings, FreeRDP_RemoteApplicationName,
                                    wanted->remoteapp_name) ||
      !freerdp_settings_set_string (settings, FreeRDP_RemoteApplicationCmdLine,
                                    wanted->remoteapp_cmdline))
    return fail (error, filtered, "the RemoteApp settings");

  if (!set_load_balance_info (settings, wanted->load_balance_info))
    return fail (error, filtered, "the load balance info");

  if (!set_redirections (settings, wanted->redirections))
    return fail (error, filtered, "the redirection settings");

  if (!policy->reconnect &&
      !freerdp_settings_set_bool (settings, FreeRDP_AutoReconnectionEnabled, FALSE))
    return fail (error, filtered, "the reconnection setting");

  level = freerdp_settings_get_uint32 (settings, FreeRDP_AuthenticationLevel);
  if (!freerdp_settings_set_bool (settings, FreeRDP_ExternalCertificateManagement, TRUE) ||
      !freerdp_settings_set_bool (settings, FreeRDP_IgnoreCertificate, FALSE) ||
      !freerdp_settings_set_bool (settings, FreeRDP_AutoAcceptCertificate, FALSE) ||
      !freerdp_settings_set_bool (settings, FreeRDP_RdpSecurity, FALSE) ||
      ((level != 1 && level != 2) &&
       !freerdp_settings_set_uint32 (settings, FreeRDP_AuthenticationLevel, 2)))
    return fail (error, filtered, "the certificate settings");

  if (summary != NULL)
    *summary = g_steal_pointer (&wanted);
  return TRUE;
}

/* KBD_US: when the locale names no layout FreeRDP knows. */
#define ATR_KEYBOARD_LAYOUT_US 0x00000409

/**
 * atr_rdp_settings_keyboard_layout:
 *
 * The keyboard layout to announce (MS-RDPBCGR TS_UD_CS_CORE keyboardLayout): FreeRDP's guess
 * from the system locale (3.10 reads LANG, e.g. de_DE.UTF-8 → 0x407), else US (0x409). A
 * layout of 0 would leave the choice to the server.
 */
guint32
atr_rdp_settings_keyboard_layout (void)
{
  DWORD layout = 0;

  if (freerdp_detect_keyboard_layout_from_system_locale (&layout) != 0 || layout == 0)
    layout = ATR_KEYBOARD_LAYOUT_US;
  return layout;
}

/**
 * atr_rdp_settings_apply_keyboard_layout:
 *
 * Sets KeyboardLayout to atr_rdp_settings_keyboard_layout() unless a layout is already set
 * (e.g. by the .rdp file).
 *
 * Returns: %FALSE when FreeRDP refused the setting
 */
gboolean
atr_rdp_settings_apply_keyboard_layout (rdpSettings *settings)
{
  g_return_val_if_fail (settings != NULL, FALSE);

  if (freerdp_settings_get_uint32 (settings, FreeRDP_KeyboardLayout) != 0)
    return TRUE;
  return freerdp_settings_set_uint32 (settings, FreeRDP_KeyboardLayout,
                                      atr_rdp_settings_keyboard_layout ());
}

static char *
dup_or_null (const char *text)
{
  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/**
 * atr_rdp_settings_read_summary:
 * @unmapped: the values to report for usb and camera redirection, which FreeRDP 2.11 has no
 *   settings for (pass the applied summary's redirections)
 *
 * Reads back from @settings, through the accessors, what atr_rdp_settings_apply() set.
 *
 * Returns: (transfer full): the summary FreeRDP's settings amount to
 */
AtrRdpSummary *
atr_rdp_settings_read_summary (rdpSettings       *settings,
                               AtrRdpRedirection  unmapped)
{
  AtrRdpSummary *self;
  const BYTE *token;
  UINT32 token_length;

  g_return_val_if_fail (settings != NULL, NULL);

  self = g_new0 (AtrRdpSummary, 1);
  self->host = dup_or_null (freerdp_settings_get_string (settings, FreeRDP_ServerHostname));
  self->port = (guint16) freerdp_settings_get_uint32 (settings, FreeRDP_ServerPort);

  self->gateway_usage = freerdp_settings_get_uint32 (settings, FreeRDP_GatewayUsageMethod);
  if (freerdp_settings_get_bool (settings, FreeRDP_GatewayEnabled))
    {
      self->gateway_host = dup_or_null (freerdp_settings_get_string (settings,
                                                                     FreeRDP_GatewayHostname));
      self->gateway_port = (guint16) freerdp_settings_get_uint32 (settings, FreeRDP_GatewayPort);
    }
  self->gateway_credentials_source =
    freerdp_settings_get_uint32 (settings, FreeRDP_GatewayCredentialsSource);
  self->gateway_use_same_credentials =
    freerdp_settings_get_bool (settings, FreeRDP_GatewayUseSameCredentials);

  self->remoteapp = freerdp_settings_get_bool (settings, FreeRDP_RemoteApplicationMode);
  self->remoteapp_program =
    dup_or_null (freerdp_settings_get_string (settings, FreeRDP_RemoteApplicationProgram));
  self->remoteapp_name =
    dup_or_null (freerdp_settings_get_string (settings, FreeRDP_RemoteApplicationName));
  self->remoteapp_cmdline =
    dup_or_null (freerdp_settings_get_string (settings, FreeRDP_RemoteApplicationCmdLine));

  token = freerdp_settings_get_pointer (settings, FreeRDP_LoadBalanceInfo);
  token_length = freerdp_settings_get_uint32 (settings, FreeRDP_LoadBalanceInfoLength);
  if (token != NULL && token_length > 0)
    self->load_balance_info = g_strndup ((const char *) token, token_length);

  if (freerdp_settings_get_bool (settings, FreeRDP_RedirectClipboard))
    self->redirections |= ATR_RDP_REDIRECT_CLIPBOARD;
  if (freerdp_settings_get_bool (settings, FreeRDP_AudioPlayback))
    self->redirections |= ATR_RDP_REDIRECT_AUDIO;
  if (freerdp_settings_get_bool (settings, FreeRDP_AudioCapture))
    self->redirections |= ATR_RDP_REDIRECT_MICROPHONE;
  if (freerdp_settings_get_bool (settings, FreeRDP_RedirectPrinters))
    self->redirections |= ATR_RDP_REDIRECT_PRINTERS;
  if (freerdp_settings_get_bool (settings, FreeRDP_RedirectSmartCards))
    self->redirections |= ATR_RDP_REDIRECT_SMARTCARDS;
  if (freerdp_settings_get_bool (settings, FreeRDP_RedirectDrives) ||
      !g_str_equal (freerdp_settings_get_string (settings, FreeRDP_DrivesToRedirect) != NULL
                      ? freerdp_settings_get_string (settings, FreeRDP_DrivesToRedirect) : "",
                    ""))
    self->redirections |= ATR_RDP_REDIRECT_DRIVES;
  if (freerdp_settings_get_bool (settings, FreeRDP_RedirectSerialPorts) ||
      freerdp_settings_get_bool (settings, FreeRDP_RedirectParallelPorts))
    self->redirections |= ATR_RDP_REDIRECT_COMPORTS;
  self->redirections |= unmapped & (ATR_RDP_REDIRECT_USB | ATR_RDP_REDIRECT_CAMERA);

  return self;
}

/**
 * atr_rdp_settings_check:
 *
 * Applies @filtered to a scratch FreeRDP settings object (no connection) and reads it back:
 * what a session would really get. Used by `atrium-cli rdp-settings`.
 *
 * Returns: (transfer full): the summary read back from FreeRDP's settings, or %NULL with
 *   @error set (also when FreeRDP's values disagree with the pure summary)
 */
AtrRdpSummary *
atr_rdp_settings_check (AtrRdpFile          *filtered,
                        const AtrRdpPolicy  *policy,
                        GError             **error)
{
  g_autoptr(AtrRdpSummary) applied = NULL;
  g_autoptr(AtrRdpSummary) read_back = NULL;
  rdpSettings *settings;

  g_return_val_if_fail (ATR_IS_RDP_FILE (filtered), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  settings = freerdp_settings_new (0);
  if (settings == NULL)
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_FAILED,
                   _("%s: could not create FreeRDP settings"), atr_rdp_file_get_origin (filtered));
      return NULL;
    }

  /* FreeRDP's parser warns on stderr about keys it corrects (networkautodetect…): this is a
   * scratch run for a report that lists what matters itself, so keep it quiet here only. */
  {
    wLog *log = WLog_Get ("com.freerdp.client.common");
    DWORD level = log != NULL ? WLog_GetLogLevel (log) : WLOG_OFF;

    if (log != NULL && level < WLOG_ERROR)
      WLog_SetLogLevel (log, WLOG_ERROR);
    if (atr_rdp_settings_apply (settings, filtered, policy, &applied, error))
      read_back = atr_rdp_settings_read_summary (settings, applied->redirections);
    if (log != NULL && level < WLOG_ERROR)
      WLog_SetLogLevel (log, level);
  }
  freerdp_settings_free (settings);

  if (read_back == NULL)
    return NULL;

  if (!atr_rdp_summary_equal (applied, read_back))
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_FAILED,
                   _("%s: FreeRDP's settings disagree with the filtered file"),
                   atr_rdp_file_get_origin (filtered));
      return NULL;
    }

  return g_steal_pointer (&read_back);
}
