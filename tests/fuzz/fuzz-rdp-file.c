/* fuzz-rdp-file.c — .rdp payloads: atr_rdp_file_new_from_bytes() + atr_rdp_file_filter()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Property: nothing that weakens trust or enables a redirection survives the filter without
 * policy. After filtering with the strictest policy (no redirection, no reconnection, no
 * certificate override):
 * - no option (`/`) line, no repeated key, no value with control characters (tab aside);
 * - `authentication level` is 1 or 2; every on/off redirection is 0, every device list is
 *   empty, `audiomode` is not 0, no KDC proxy;
 * - the filter is a fixpoint: the filtered file, written out and decoded again, is filtered
 *   to the same text with nothing dropped;
 * - FreeRDP 2.11's own .rdp parser takes that text without crashing, and after
 *   atr_rdp_settings_apply() (which runs that parser, then sets what the policy says) every
 *   redirection is off, the certificate is checked and the authentication level is 1 or 2.
 * The default and the most permissive policies are run too (no crash, no `/` line).
 */
#include "config.h"

#include <freerdp/client/file.h>
#include <freerdp/settings.h>

#include "atr-rdp-file.h"
#include "atr-rdp-policy.h"
#include "atr-rdp-settings.h"

#include "atr-fuzz.h"

static const char * const zero_keys[] = {
  "redirectclipboard", "redirectprinters", "redirectdrives", "redirectsmartcards",
  "redirectcomports", "redirectposdevices", "audiocapturemode", "redirectlocation",
  "redirectwebauthn", "autoreconnection enabled", "rdgiskdcproxy",
};

static const char * const empty_keys[] = {
  "drivestoredirect", "devicestoredirect", "usbdevicestoredirect", "camerastoredirect",
  "kdcproxyname",
};

static void
check_lines (AtrRdpFile *filtered)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < atr_rdp_file_get_n_lines (filtered); i++)
    {
      const AtrRdpLine *line = atr_rdp_file_get_line (filtered, i);

      ATR_FUZZ_CHECK (line->type != ATR_RDP_VALUE_OPTION, "an option line survived");
      ATR_FUZZ_CHECK (g_hash_table_add (seen, line->key), "key '%s' repeats", line->key);
      for (const char *p = line->value; *p != '\0'; p++)
        ATR_FUZZ_CHECK (((guchar) *p >= 0x20 || *p == '\t') && *p != 0x7f,
                        "control character in '%s'", line->key);
    }
}

static void
check_strict (AtrRdpFile *filtered)
{
  gint64 value;

  check_lines (filtered);

  if (atr_rdp_file_get_integer (filtered, "authentication level", &value))
    ATR_FUZZ_CHECK (value == 1 || value == 2, "authentication level %" G_GINT64_FORMAT, value);
  if (atr_rdp_file_get_integer (filtered, "audiomode", &value))
    ATR_FUZZ_CHECK (value != 0, "audiomode 0 (play here) survived");

  for (guint i = 0; i < G_N_ELEMENTS (zero_keys); i++)
    {
      const AtrRdpLine *line = atr_rdp_file_lookup (filtered, zero_keys[i]);

      ATR_FUZZ_CHECK (line == NULL || (line->type == ATR_RDP_VALUE_INTEGER && line->integer == 0),
                      "'%s' is on", zero_keys[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (empty_keys); i++)
    {
      const AtrRdpLine *line = atr_rdp_file_lookup (filtered, empty_keys[i]);
      const char *p = line != NULL ? line->value : "";

      while (*p == ' ' || *p == '\t')
        p++;
      ATR_FUZZ_CHECK (*p == '\0', "'%s' is set", empty_keys[i]);
    }
}

static const struct { int id; const char *name; } redirection_settings[] = {
  { FreeRDP_RedirectDrives, "drives" },
  { FreeRDP_RedirectHomeDrive, "home drive" },
  { FreeRDP_RedirectPrinters, "printers" },
  { FreeRDP_RedirectSmartCards, "smartcards" },
  { FreeRDP_RedirectClipboard, "clipboard" },
  { FreeRDP_RedirectSerialPorts, "serial ports" },
  { FreeRDP_RedirectParallelPorts, "parallel ports" },
  { FreeRDP_AudioCapture, "microphone" },
  { FreeRDP_DeviceRedirection, "device redirection" },
  { FreeRDP_IgnoreCertificate, "certificate ignored" },
  { FreeRDP_AutoAcceptCertificate, "certificate auto-accepted" },
  { FreeRDP_AutoReconnectionEnabled, "reconnection" },
};

static void
check_settings (rdpSettings *settings)
{
  const char *drives = freerdp_settings_get_string (settings, FreeRDP_DrivesToRedirect);
  UINT32 level = freerdp_settings_get_uint32 (settings, FreeRDP_AuthenticationLevel);

  for (guint i = 0; i < G_N_ELEMENTS (redirection_settings); i++)
    ATR_FUZZ_CHECK (!freerdp_settings_get_bool (settings, redirection_settings[i].id),
                    "%s is on", redirection_settings[i].name);
  ATR_FUZZ_CHECK (drives == NULL || *drives == '\0', "drives to redirect are set");
  ATR_FUZZ_CHECK (level == 1 || level == 2, "authentication level %u", level);
  ATR_FUZZ_CHECK (freerdp_settings_get_bool (settings, FreeRDP_ExternalCertificateManagement),
                  "the certificate is not checked by Atrium");
}

/* What FreeRDP 2.11 makes of the filtered text. Its own parser runs first (for crashes
 * only: on its own it may turn things on — `redirectposdevices:i:0` alone switches serial
 * and parallel port redirection on in 2.11's file.c), then atr_rdp_settings_apply() with the
 * strict policy, as the engine does: after it every redirection is off and the certificate
 * is checked, whatever the file said. */
static void
check_freerdp (AtrRdpFile         *strict,
               const AtrRdpPolicy *policy,
               const char         *text,
               gsize               length)
{
  rdpSettings *settings = freerdp_settings_new (0);
  rdpFile *file = freerdp_client_rdp_file_new ();

  ATR_FUZZ_CHECK (settings != NULL && file != NULL, "out of memory");

  if (length >= 2 && freerdp_client_parse_rdp_file_buffer (file, (const BYTE *) text, length))
    freerdp_client_populate_settings_from_rdp_file (file, settings);
  freerdp_client_rdp_file_free (file);
  freerdp_settings_free (settings);

  settings = freerdp_settings_new (0);
  if (atr_rdp_settings_apply (settings, strict, policy, NULL, NULL))
    check_settings (settings);
  freerdp_settings_free (settings);
}

static AtrRdpFile *
decode (const void *data,
        gsize       size)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  AtrRdpFile *file = atr_rdp_file_new_from_bytes (bytes, "fuzz.rdp", &error);

  ATR_FUZZ_CHECK ((file == NULL) == (error != NULL), "result and error disagree");
  return file;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(AtrRdpFile) file = NULL;
  g_autoptr(AtrRdpFile) strict = NULL;
  g_autoptr(AtrRdpFile) again = NULL;
  g_autoptr(AtrRdpFile) strict_again = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  g_autoptr(GPtrArray) dropped_again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text_again = NULL;
  gsize length = 0;
  gsize length_again = 0;
  AtrRdpPolicy policy;

  atr_fuzz_init_logging ();
  if (size > ATR_RDP_FILE_MAX_SIZE + 16)
    return -1;

  file = decode (data, size);
  if (file == NULL)
    return 0;
  g_free (atr_rdp_file_to_redacted_string (file));

  /* Default and permissive policies: they may allow redirections, never options. */
  {
    g_autoptr(AtrRdpFile) by_default = atr_rdp_file_filter (file, NULL, NULL);
    g_autoptr(AtrRdpFile) permissive = NULL;

    check_lines (by_default);
    atr_rdp_policy_init_default (&policy);
    policy.redirections = (1u << ATR_RDP_REDIRECT_N_KINDS) - 1;
    policy.reconnect = TRUE;
    policy.allow_certificate_override = TRUE;
    permissive = atr_rdp_file_filter (file, &policy, NULL);
    check_lines (permissive);
  }

  atr_rdp_policy_init_default (&policy);
  policy.redirections = ATR_RDP_REDIRECT_NONE;
  policy.reconnect = FALSE;
  policy.allow_certificate_override = FALSE;

  strict = atr_rdp_file_filter (file, &policy, &dropped);
  check_strict (strict);

  text = atr_rdp_file_to_data (strict, &length);
  again = decode (text, length);
  ATR_FUZZ_CHECK (again != NULL || length == 0, "the filtered file does not decode again");
  if (again != NULL)
    {
      strict_again = atr_rdp_file_filter (again, &policy, &dropped_again);
      ATR_FUZZ_CHECK (dropped_again->len == 0, "filtering again drops line %u (%s)",
                      ((AtrRdpDropped *) g_ptr_array_index (dropped_again, 0))->line,
                      ((AtrRdpDropped *) g_ptr_array_index (dropped_again, 0))->reason);
      text_again = atr_rdp_file_to_data (strict_again, &length_again);
      ATR_FUZZ_CHECK (length == length_again && memcmp (text, text_again, length) == 0,
                      "filtering is not a fixpoint");
    }

  check_freerdp (strict, &policy, text, length);
  return 0;
}
