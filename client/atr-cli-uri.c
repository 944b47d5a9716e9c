/* atr-cli-uri.c — atrium-cli uri: what a connection link asks for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Parses one link with atr_uri_parse() and prints the launch request; a refused link exits
 * with ATR_EXIT_BAD_DATA (6) and the reason, which names the part at fault and never quotes
 * a value. With --enrolled HOST (repeatable) or --kiosk it also runs the launch check and
 * prints its verdict ("allowed" or "confirm"; a refusal exits 6 too). Nothing of the link
 * is ever executed or handed on: this command only prints.
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <stdio.h>

#include "atr-uri-parser.h"

#include "atr-cli.h"
#include "atr-cli-commands.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static JsonNode *
request_to_json (AtrLaunchRequest *request,
                 const char       *verdict)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  int mode = atr_launch_request_get_connection_mode (request);

  json_builder_begin_object (builder);
  add_string (builder, "action", atr_launch_action_to_string (atr_launch_request_get_action (request)));
  add_string (builder, "source_scheme",
              atr_uri_scheme_to_string (atr_launch_request_get_source_scheme (request)));
  add_string (builder, "tenant", atr_launch_request_get_tenant (request));
  add_string (builder, "host", atr_launch_request_get_host (request));
  json_builder_set_member_name (builder, "port");
  if (atr_launch_request_get_port (request) != 0)
    json_builder_add_int_value (builder, atr_launch_request_get_port (request));
  else
    json_builder_add_null_value (builder);
  add_string (builder, "resource", atr_launch_request_get_resource (request));
  add_string (builder, "user", atr_launch_request_get_user (request));
  add_string (builder, "feed_url", atr_launch_request_get_feed_url (request));
  add_string (builder, "command", atr_launch_request_get_command (request));
  add_string (builder, "display_tenant", atr_launch_request_get_display_tenant (request));
  add_string (builder, "display_host", atr_launch_request_get_display_host (request));
  add_string (builder, "backup_host", atr_launch_request_get_backup_host (request));
  add_string (builder, "gateway_host", atr_launch_request_get_gateway_host (request));
  json_builder_set_member_name (builder, "connection_mode");
  if (mode != ATR_LAUNCH_CONNECTION_MODE_NONE)
    json_builder_add_int_value (builder, mode);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "multi_id", atr_launch_request_get_multi_id (request));
  add_strv (builder, "rdp_attributes", atr_launch_request_get_rdp_attributes (request));
  add_strv (builder, "warnings", atr_launch_request_get_warnings (request));
  if (verdict != NULL)
    add_string (builder, "check", verdict);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static void
print_line (const char *name,
            const char *value)
{
  if (value != NULL)
    printf ("%-15s %s\n", name, value);
}

static void
print_text (AtrLaunchRequest *request,
            const char       *verdict)
{
  const char * const *lines;
  g_autofree char *port = NULL;
  g_autofree char *mode = NULL;

  if (atr_launch_request_get_port (request) != 0)
    port = g_strdup_printf ("%u", atr_launch_request_get_port (request));
  if (atr_launch_request_get_connection_mode (request) != ATR_LAUNCH_CONNECTION_MODE_NONE)
    mode = g_strdup_printf ("%d", atr_launch_request_get_connection_mode (request));

  print_line ("action:", atr_launch_action_to_string (atr_launch_request_get_action (request)));
  print_line ("from:", atr_uri_scheme_to_string (atr_launch_request_get_source_scheme (request)));
  print_line ("command:", atr_launch_request_get_command (request));
  print_line ("tenant:", atr_launch_request_get_display_tenant (request));
  print_line ("host:", atr_launch_request_get_display_host (request));
  print_line ("port:", port);
  print_line ("resource:", atr_launch_request_get_resource (request));
  print_line ("user:", atr_launch_request_get_user (request));
  print_line ("feed:", atr_launch_request_get_feed_url (request));
  print_line ("backup host:", atr_launch_request_get_backup_host (request));
  print_line ("gateway:", atr_launch_request_get_gateway_host (request));
  print_line ("connection mode:", mode);
  print_line ("multi id:", atr_launch_request_get_multi_id (request));
  lines = atr_launch_request_get_rdp_attributes (request);
  for (guint i = 0; lines[i] != NULL; i++)
    print_line (i == 0 ? "rdp attributes:" : "", lines[i]);
  lines = atr_launch_request_get_warnings (request);
  for (guint i = 0; lines[i] != NULL; i++)
    print_line ("warning:", lines[i]);
  print_line ("check:", verdict);
}

int
atr_cli_uri_run (int    argc,
                 char **argv)
{
  gboolean json = FALSE;
  gboolean kiosk = FALSE;
  g_auto(GStrv) enrolled = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON for machines", NULL },
    { "enrolled", 0, 0, G_OPTION_ARG_STRING_ARRAY, &enrolled,
      "An enrolled tenant domain or host (repeatable); runs the launch check", "HOST" },
    { "kiosk", 0, 0, G_OPTION_ARG_NONE, &kiosk, "Run the launch check as a kiosk would", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrLaunchRequest) request = NULL;
  const char *verdict = NULL;

  context = g_option_context_new ("URI — what a connection link asks for");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return atr_cli_fail (ATR_EXIT_USAGE, "%s", error->message);
  atr_cli_drop_separator (&argc, argv);
  if (argc != 2)
    return atr_cli_fail (ATR_EXIT_USAGE,
                         "usage: atrium-cli uri URI [--json] [--enrolled HOST …] [--kiosk]");

  request = atr_uri_parse (argv[1], &error);
  if (request == NULL)
    return atr_cli_fail_error (error);

  if (enrolled != NULL || kiosk)
    {
      switch (atr_launch_request_check (request, (const char * const *) enrolled, kiosk, &error))
        {
        case ATR_LAUNCH_CHECK_ALLOWED:
          verdict = "allowed";
          break;
        case ATR_LAUNCH_CHECK_CONFIRM:
          verdict = "confirm";
          break;
        case ATR_LAUNCH_CHECK_REFUSED:
        default:
          return atr_cli_fail_error (error);
        }
    }

  if (json)
    {
      g_autoptr(JsonNode) node = request_to_json (request, verdict);
      atr_cli_print_json (node);
    }
  else
    print_text (request, verdict);
  return ATR_EXIT_OK;
}
