/* atr-rdp-summary.c — the effective target of a filtered .rdp file, without FreeRDP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-uri-host.h"

#include "atr-rdp-summary.h"

G_DEFINE_BOXED_TYPE (AtrRdpSummary, atr_rdp_summary, atr_rdp_summary_copy, atr_rdp_summary_free)

/**
 * atr_rdp_parse_address:
 * @text: `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6 address
 * @host: (out) (optional) (transfer full): the host in the form hosts are compared in
 *   (lower-case ASCII, IDN as "xn--", no trailing dot, IPv6 without brackets)
 * @port: (out) (optional): the port, or 0 when @text names none
 *
 * Splits an address value the way mstsc reads `full address` and `gatewayhostname`, and
 * checks the host by the same rule as hosts in links (atr_uri_host_normalize(): no leading
 * '-', no user information, backslash, '%', '_' or blanks inside, no numeric tricks such as
 * "127.1"). Blanks around the whole value are ignored.
 *
 * Returns: whether @text is a valid address
 */
gboolean
atr_rdp_parse_address (const char  *text,
                       char       **host,
                       guint16     *port)
{
  g_autofree char *copy = NULL;
  g_autofree char *ascii = NULL;
  const char *colon;
  AtrUriHostFlags flags = ATR_URI_HOST_ALLOW_IP | ATR_URI_HOST_ALLOW_PORT;
  guint number = 0;

  g_return_val_if_fail (text != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  /* Two colons or more and no brackets: a bare IPv6 address, no port. */
  colon = strchr (copy, ':');
  if (copy[0] != '[' && colon != NULL && strchr (colon + 1, ':') != NULL)
    flags = ATR_URI_HOST_ALLOW_IP;
  if (!atr_uri_host_normalize ("address", copy, flags, &ascii, NULL, &number, NULL, NULL))
    return FALSE;

  if (host != NULL)
    *host = g_steal_pointer (&ascii);
  if (port != NULL)
    *port = (guint16) number;
  return TRUE;
}

static gint64
integer_or (AtrRdpFile *file,
            const char *key,
            gint64      fallback)
{
  gint64 value;

  return atr_rdp_file_get_integer (file, key, &value) ? value : fallback;
}

static gboolean
list_is_set (AtrRdpFile *file,
             const char *key)
{
  const char *value = atr_rdp_file_get_string (file, key);

  if (value == NULL)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return TRUE;
  return FALSE;
}

static char *
string_or_null (AtrRdpFile *file,
                const char *key)
{
  const char *value = atr_rdp_file_get_string (file, key);
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (value));
  return *trimmed != '\0' ? g_steal_pointer (&trimmed) : NULL;
}

/**
 * atr_rdp_summary_new_from_file:
 * @filtered: a file that went through atr_rdp_file_filter() with @policy
 * @policy: (nullable): the same policy, or %NULL for the default
 *
 * Reads the effective target the way mstsc would: `alternate full address` wins over
 * `full address`; a port written in the address wins over `server port`; absent
 * redirection keys take mstsc's defaults (clipboard, audio, printers and smart cards on),
 * and nothing the policy forbids is ever on. A gateway is used when `gatewayhostname` is
 * set and `gatewayusagemethod` is 1 (always) or 2 (detect), as FreeRDP does.
 *
 * Returns: (transfer full): the summary, or %NULL with %ATR_RDP_FILE_ERROR_NO_HOST
 */
AtrRdpSummary *
atr_rdp_summary_new_from_file (AtrRdpFile          *filtered,
                               const AtrRdpPolicy  *policy,
                               GError             **error)
{
  g_autoptr(AtrRdpSummary) self = NULL;
  AtrRdpPolicy default_policy;
  const char *address;
  const char *gateway;
  guint16 port = 0;
  AtrRdpRedirection wanted = 0;

  g_return_val_if_fail (ATR_IS_RDP_FILE (filtered), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (policy == NULL)
    {
      atr_rdp_policy_init_default (&default_policy);
      policy = &default_policy;
    }

  self = g_new0 (AtrRdpSummary, 1);

  address = atr_rdp_file_get_string (filtered, "alternate full address");
  if (address == NULL || !atr_rdp_parse_address (address, &self->host, &port))
    {
      address = atr_rdp_file_get_string (filtered, "full address");
      if (address == NULL || !atr_rdp_parse_address (address, &self->host, &port))
        {
          g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_NO_HOST,
                       _("%s: no usable 'full address' to connect to"),
                       atr_rdp_file_get_origin (filtered));
          return NULL;
        }
    }
  self->port = port != 0 ? port
                         : (guint16) integer_or (filtered, "server port", ATR_RDP_DEFAULT_PORT);

  self->gateway_usage = (guint) integer_or (filtered, "gatewayusagemethod", 0);
  self->gateway_credentials_source = (guint) integer_or (filtered, "gatewaycredentialssource", 0);
  self->gateway_use_same_credentials = integer_or (filtered, "promptcredentialonce", 0) != 0;
  gateway = atr_rdp_file_get_string (filtered, "gatewayhostname");
  if (gateway != NULL && (self->gateway_usage == 1 || self->gateway_usage == 2))
    {
      port = 0;
      if (atr_rdp_parse_address (gateway, &self->gateway_host, &port))
        self->gateway_port = port != 0 ? port : ATR_RDP_DEFAULT_GATEWAY_PORT;
    }

  self->remoteapp = integer_or (filtered, "remoteapplicationmode", 0) != 0;
  self->remoteapp_program = string_or_null (filtered, "remoteapplicationprogram");
  self->remoteapp_name = string_or_null (filtered, "remoteapplicationname");
  self->remoteapp_cmdline = string_or_null (filtered, "remoteapplicationcmdline");
  self->load_balance_info = string_or_null (filtered, "loadbalanceinfo");

  if (integer_or (filtered, "redirectclipboard", 1) != 0)
    wanted |= ATR_RDP_REDIRECT_CLIPBOARD;
  if (integer_or (filtered, "audiomode", 0) == 0)
    wanted |= ATR_RDP_REDIRECT_AUDIO;
  if (integer_or (filtered, "audiocapturemode", 0) != 0)
    wanted |= ATR_RDP_REDIRECT_MICROPHONE;
  if (integer_or (filtered, "redirectprinters", 1) != 0)
    wanted |= ATR_RDP_REDIRECT_PRINTERS;
  if (integer_or (filtered, "redirectsmartcards", 1) != 0)
    wanted |= ATR_RDP_REDIRECT_SMARTCARDS;
  if (integer_or (filtered, "redirectdrives", 0) != 0 || list_is_set (filtered, "drivestoredirect"))
    wanted |= ATR_RDP_REDIRECT_DRIVES;
  if (integer_or (filtered, "redirectcomports", 0) != 0 ||
      integer_or (filtered, "redirectposdevices", 0) != 0)
    wanted |= ATR_RDP_REDIRECT_COMPORTS;
  if (list_is_set (filtered, "usbdevicestoredirect") || list_is_set (filtered, "devicestoredirect"))
    wanted |= ATR_RDP_REDIRECT_USB;
  if (list_is_set (filtered, "camerastoredirect"))
    wanted |= ATR_RDP_REDIRECT_CAMERA;

  self->redirections = wanted & policy->redirections;

  return g_steal_pointer (&self);
}

AtrRdpSummary *
atr_rdp_summary_copy (const AtrRdpSummary *summary)
{
  AtrRdpSummary *copy;

  g_return_val_if_fail (summary != NULL, NULL);

  copy = g_memdup2 (summary, sizeof *summary);
  copy->host = g_strdup (summary->host);
  copy->gateway_host = g_strdup (summary->gateway_host);
  copy->remoteapp_program = g_strdup (summary->remoteapp_program);
  copy->remoteapp_name = g_strdup (summary->remoteapp_name);
  copy->remoteapp_cmdline = g_strdup (summary->remoteapp_cmdline);
  copy->load_balance_info = g_strdup (summary->load_balance_info);
  return copy;
}

void
atr_rdp_summary_free (AtrRdpSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->host);
  g_free (summary->gateway_host);
  g_free (summary->remoteapp_program);
  g_free (summary->remoteapp_name);
  g_free (summary->remoteapp_cmdline);
  g_free (summary->load_balance_info);
  g_free (summary);
}

gboolean
atr_rdp_summary_equal (const AtrRdpSummary *a,
                       const AtrRdpSummary *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->host, b->host) == 0 && a->port == b->port &&
         g_strcmp0 (a->gateway_host, b->gateway_host) == 0 &&
         a->gateway_port == b->gateway_port && a->gateway_usage == b->gateway_usage &&
         a->gateway_credentials_source == b->gateway_credentials_source &&
         !a->gateway_use_same_credentials == !b->gateway_use_same_credentials &&
         !a->remoteapp == !b->remoteapp &&
         g_strcmp0 (a->remoteapp_program, b->remoteapp_program) == 0 &&
         g_strcmp0 (a->remoteapp_name, b->remoteapp_name) == 0 &&
         g_strcmp0 (a->remoteapp_cmdline, b->remoteapp_cmdline) == 0 &&
         g_strcmp0 (a->load_balance_info, b->load_balance_info) == 0 &&
         a->redirections == b->redirections;
}

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *name,
                    const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * atr_rdp_summary_to_json:
 * @dropped: (nullable) (element-type AtrRdpDropped): what the filter dropped
 *
 * Returns: (transfer full): `{"target":{"host","port"},"gateway":{"host","port","usage"}|null,
 *   "remoteapp":{"program","name","cmdline"}|null,"load_balance_info","redirections":{…},
 *   "dropped":[{"line","key","reason"}]}`
 */
JsonNode *
atr_rdp_summary_to_json (const AtrRdpSummary *summary,
                         GPtrArray           *dropped)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (summary != NULL, NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "host", summary->host);
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, summary->port);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "gateway");
  if (summary->gateway_host != NULL)
    {
      json_builder_begin_object (builder);
      add_string_or_null (builder, "host", summary->gateway_host);
      json_builder_set_member_name (builder, "port");
      json_builder_add_int_value (builder, summary->gateway_port);
      json_builder_set_member_name (builder, "usage");
      json_builder_add_int_value (builder, summary->gateway_usage);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "remoteapp");
  if (summary->remoteapp)
    {
      json_builder_begin_object (builder);
      add_string_or_null (builder, "program", summary->remoteapp_program);
      add_string_or_null (builder, "name", summary->remoteapp_name);
      add_string_or_null (builder, "cmdline", summary->remoteapp_cmdline);
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);

  add_string_or_null (builder, "load_balance_info", summary->load_balance_info);

  json_builder_set_member_name (builder, "redirections");
  json_builder_begin_object (builder);
  for (guint i = 0; i < ATR_RDP_REDIRECT_N_KINDS; i++)
    {
      AtrRdpRedirection one = (AtrRdpRedirection) (1u << i);

      json_builder_set_member_name (builder, atr_rdp_redirection_to_string (one));
      json_builder_add_boolean_value (builder, (summary->redirections & one) != 0);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "dropped");
  json_builder_begin_array (builder);
  for (guint i = 0; dropped != NULL && i < dropped->len; i++)
    {
      const AtrRdpDropped *entry = g_ptr_array_index (dropped, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "line");
      json_builder_add_int_value (builder, entry->line);
      add_string_or_null (builder, "key", entry->key);
      add_string_or_null (builder, "reason", entry->reason);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static const char *
or_dash (const char *text)
{
  return text != NULL ? text : "-";
}

/**
 * atr_rdp_summary_to_text:
 *
 * Returns: (transfer full): the summary for people, one fact per line
 */
char *
atr_rdp_summary_to_text (const AtrRdpSummary *summary,
                         GPtrArray           *dropped)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean any = FALSE;

  g_return_val_if_fail (summary != NULL, NULL);

  g_string_append_printf (out, "Host:          %s port %u\n", summary->host, summary->port);
  if (summary->gateway_host != NULL)
    g_string_append_printf (out, "Gateway:       %s port %u (usage method %u)\n",
                            summary->gateway_host, summary->gateway_port,
                            summary->gateway_usage);
  else
    g_string_append (out, "Gateway:       none\n");
  if (summary->remoteapp)
    g_string_append_printf (out, "RemoteApp:     %s (%s) command line: %s\n",
                            or_dash (summary->remoteapp_program),
                            or_dash (summary->remoteapp_name),
                            or_dash (summary->remoteapp_cmdline));
  else
    g_string_append (out, "RemoteApp:     no (full desktop)\n");
  g_string_append_printf (out, "Load balance:  %s\n", or_dash (summary->load_balance_info));

  g_string_append (out, "Redirections:  ");
  for (guint i = 0; i < ATR_RDP_REDIRECT_N_KINDS; i++)
    {
      AtrRdpRedirection one = (AtrRdpRedirection) (1u << i);

      if ((summary->redirections & one) == 0)
        continue;
      g_string_append_printf (out, "%s%s", any ? ", " : "", atr_rdp_redirection_to_string (one));
      any = TRUE;
    }
  g_string_append (out, any ? "\n" : "none\n");

  if (dropped == NULL || dropped->len == 0)
    g_string_append (out, "Dropped:       nothing\n");
  else
    {
      g_string_append_printf (out, "Dropped:       %u line(s)\n", dropped->len);
      for (guint i = 0; i < dropped->len; i++)
        {
          const AtrRdpDropped *entry = g_ptr_array_index (dropped, i);

          g_string_append_printf (out, "  line %u%s%s%s: %s\n", entry->line,
                                  entry->key != NULL ? " (" : "", entry->key ? entry->key : "",
                                  entry->key != NULL ? ")" : "", entry->reason);
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
same_host (const char *effective,
           const char *approved)
{
  g_autofree char *a = atr_uri_host_canonical (effective);
  g_autofree char *b = atr_uri_host_canonical (approved);

  return a != NULL && b != NULL && strcmp (a, b) == 0;
}

/**
 * atr_rdp_summary_verify_target:
 * @summary: what a session will really use (atr_rdp_summary_new_from_file() of the filtered
 *   file: the same target the engine and atr_rdp_settings_apply() take)
 * @origin: (nullable): the file name, URL or link scheme, for messages
 * @host: the session host the launch check or the user approved
 * @port: its port, 0 for the default (3389)
 * @gateway_host: (nullable): the approved RD Gateway, %NULL when none was approved
 * @gateway_port: its port, 0 when any port of that gateway was approved
 *
 * The last step before a session starts: the host, port and gateway the filtered settings
 * will really use must be the ones that were approved. A file that uses no gateway passes
 * even when one was approved (fewer places, not more).
 *
 * Returns: %FALSE with %ATR_RDP_FILE_ERROR_TARGET_MISMATCH naming both hosts on a mismatch
 */
gboolean
atr_rdp_summary_verify_target (const AtrRdpSummary  *summary,
                               const char           *origin,
                               const char           *host,
                               guint16               port,
                               const char           *gateway_host,
                               guint16               gateway_port,
                               GError              **error)
{
  guint16 want_port = port != 0 ? port : ATR_RDP_DEFAULT_PORT;

  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (origin == NULL)
    origin = "(payload)";

  if (summary->host == NULL || !same_host (summary->host, host) || summary->port != want_port)
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TARGET_MISMATCH,
                   _("%s: the session would connect to %s port %u, but %s port %u was approved"),
                   origin, summary->host != NULL ? summary->host : "-", summary->port, host,
                   want_port);
      return FALSE;
    }
  if (summary->gateway_host == NULL)
    return TRUE;
  if (gateway_host == NULL)
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TARGET_MISMATCH,
                   _("%s: the session would go through the gateway %s, but no gateway was "
                   "approved"), origin, summary->gateway_host);
      return FALSE;
    }
  if (!same_host (summary->gateway_host, gateway_host) ||
      (gateway_port != 0 && summary->gateway_port != gateway_port))
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TARGET_MISMATCH,
                   _("%s: the session would go through the gateway %s port %u, but %s was "
                   "approved"), origin, summary->gateway_host, summary->gateway_port,
                   gateway_host);
      return FALSE;
    }
  return TRUE;
}

