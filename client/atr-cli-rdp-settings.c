/* atr-cli-rdp-settings.c — atrium-cli rdp-settings: the effective settings of a .rdp file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Decodes the file, filters it by the tenant policy (the default, or --policy FILE shaped
 * like the manifest's "policy" object), applies it to a scratch FreeRDP settings object and
 * prints what FreeRDP's settings then hold, plus every dropped line with its reason.
 * Secrets never reach the output: the summary has none, and reasons never quote values.
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "atr-json-load.h"
#include "atr-rdp-file.h"
#include "atr-rdp-policy.h"
#include "atr-rdp-settings.h"
#include "atr-rdp-summary.h"

#include "atr-cli.h"
#include "atr-cli-commands.h"
#include "atr-cli-net.h"
#include "atr-cli-rdp-file.h"

#define POLICY_MAX_SIZE (1024 * 1024)

/* Exit codes for .rdp errors: 6 for a bad file or policy, 1 when FreeRDP refused. */
int
atr_cli_rdp_fail (const GError *error)
{
  if (error->domain == ATR_RDP_FILE_ERROR)
    return atr_cli_fail (error->code == ATR_RDP_FILE_ERROR_FAILED ? ATR_EXIT_INTERNAL
                                                                  : ATR_EXIT_BAD_DATA,
                         "%s", error->message);
  return atr_cli_fail_error (error);
}

/* Reads at most @limit bytes of @path; a larger file is refused before it is read whole. */
GBytes *
atr_cli_rdp_read_capped (const char  *path,
                         gsize        limit,
                         GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree guint8 *buffer = NULL;
  gsize got = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return NULL;
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "%s: is a directory", path);
      return NULL;
    }
  if ((guint64) g_file_info_get_size (info) > limit)
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TOO_LARGE,
                   "%s: %" G_GOFFSET_FORMAT " bytes, over the %" G_GSIZE_FORMAT "-byte limit",
                   path, g_file_info_get_size (info), limit);
      return NULL;
    }

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return NULL;
  buffer = g_malloc (limit + 1);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), buffer, limit + 1, &got, NULL, error))
    return NULL;
  if (got > limit)
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TOO_LARGE,
                   "%s: over the %" G_GSIZE_FORMAT "-byte limit", path, limit);
      return NULL;
    }
  return g_bytes_new (buffer, got);
}

gboolean
atr_cli_rdp_load_policy (const char    *path,
                         AtrRdpPolicy  *policy,
                         GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  gsize size = 0;
  const char *data;

  bytes = atr_cli_rdp_read_capped (path, POLICY_MAX_SIZE, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &size);
  /* The same strict loader as manifests and themes: no comments, bounded depth. */
  root = atr_json_load (data != NULL ? data : "", size, POLICY_MAX_SIZE, path,
                        ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TOO_LARGE,
                        ATR_RDP_FILE_ERROR_POLICY, error);
  if (root == NULL)
    return FALSE;
  return atr_rdp_policy_load_json (policy, root, path, error);
}

int
atr_cli_rdp_settings_run (int    argc,
                          char **argv)
{
  gboolean json = FALSE;
  g_autofree char *policy_file = NULL;
  g_auto(AtrCliNetOptions) net = { 0 };
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON for machines", NULL },
    { "policy", 0, 0, G_OPTION_ARG_FILENAME, &policy_file,
      "Tenant policy (JSON shaped like the manifest's \"policy\" object)", "FILE" },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, &net.trust_file,
      "For a URL: trust only the certificates in this PEM file", "FILE" },
    { "resolve", 0, 0, G_OPTION_ARG_STRING_ARRAY, &net.resolve,
      "For a URL: resolve HOST to these addresses (curl-style; repeatable)",
      "HOST:PORT:ADDR[,ADDR…]" },
    { NULL }
  };
  g_autoptr(AtrTrustStore) trust = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AtrRdpFile) file = NULL;
  g_autoptr(AtrRdpFile) filtered = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  g_autoptr(AtrRdpSummary) summary = NULL;
  AtrRdpPolicy policy;
  const char *source;

  context = g_option_context_new ("(FILE.rdp | URL) — the effective settings after the policy filter");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return atr_cli_fail (ATR_EXIT_USAGE, "%s", error->message);
  if (argc != 2)
    return atr_cli_fail (ATR_EXIT_USAGE,
                         "usage: atrium-cli rdp-settings (FILE.rdp | URL) [--json] [--policy FILE] [--trust FILE] [--resolve …]");
  source = argv[1];

  if (!atr_cli_net_setup (&net, &error))
    return atr_cli_fail (ATR_EXIT_USAGE, "rdp-settings: %s", error->message);
  if (atr_cli_rdp_is_url (source))
    {
      if (g_ascii_strncasecmp (source, "https://", 8) != 0)
        return atr_cli_fail (ATR_EXIT_USAGE, "%s: only https:// URLs can be fetched", source);
      trust = atr_cli_net_load_trust (&net, &error);
      if (trust == NULL)
        return atr_cli_fail (ATR_EXIT_USAGE, "rdp-settings: %s", error->message);
    }

  atr_rdp_policy_init_default (&policy);
  if (policy_file != NULL && !atr_cli_rdp_load_policy (policy_file, &policy, &error))
    return atr_cli_rdp_fail (error);

  payload = atr_cli_rdp_load_payload (source, trust, &error);
  if (payload == NULL)
    return atr_cli_rdp_fail (error);

  file = atr_rdp_file_new_from_bytes (payload, source, &error);
  if (file == NULL)
    return atr_cli_rdp_fail (error);

  filtered = atr_rdp_file_filter (file, &policy, &dropped);
  summary = atr_rdp_settings_check (filtered, &policy, &error);
  if (summary == NULL)
    return atr_cli_rdp_fail (error);

  if (json)
    {
      g_autoptr(JsonNode) node = atr_rdp_summary_to_json (summary, dropped);
      atr_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = atr_rdp_summary_to_text (summary, dropped);
      fputs (text, stdout);
    }

  return ATR_EXIT_OK;
}
