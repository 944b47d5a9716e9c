/* atr-cli-resolve.c — atrium-cli resolve ADDRESS: how an address leads to a feed URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <stdio.h>

#include "atr-address.h"

#include "atr-cli.h"
#include "atr-cli-commands.h"
#include "atr-cli-net.h"

typedef struct
{
  gboolean             done;
  char                *feed_url;
  char               **warnings;
  AtrAddressFoundBy    found_by;
  GError              *error;
} ResolveRun;

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ResolveRun *run = user_data;

  run->feed_url = atr_address_resolve_finish (ATR_ADDRESS (source), result, &run->found_by,
                                              &run->warnings, &run->error);
  run->done = TRUE;
}

static void
print_json (AtrAddress *address,
            const char *input,
            ResolveRun *run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "input");
  json_builder_add_string_value (builder, input);
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder,
                                 atr_address_kind_to_string (atr_address_get_kind (address)));
  json_builder_set_member_name (builder, "domain");
  json_builder_add_string_value (builder, atr_address_get_domain (address));
  json_builder_set_member_name (builder, "port");
  json_builder_add_int_value (builder, atr_address_get_port (address));
  json_builder_set_member_name (builder, "feed_url");
  json_builder_add_string_value (builder, run->feed_url);
  json_builder_set_member_name (builder, "found_by");
  json_builder_add_string_value (builder, atr_address_found_by_to_string (run->found_by));
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; run->warnings != NULL && run->warnings[i] != NULL; i++)
    json_builder_add_string_value (builder, run->warnings[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  atr_cli_print_json (root);
}

int
atr_cli_resolve_run (int    argc,
                     char **argv)
{
  g_auto(AtrCliNetOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(AtrAddress) address = NULL;
  g_autoptr(GError) error = NULL;
  ResolveRun run = { 0 };
  int status;

  context = g_option_context_new ("ADDRESS — show how a domain, e-mail or URL finds its feed");
  g_option_context_set_main_group (context, atr_cli_net_option_group (&options));
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !atr_cli_net_setup (&options, &error))
    return atr_cli_fail (ATR_EXIT_USAGE, "%s", error->message);
  atr_cli_drop_separator (&argc, argv);
  if (argc != 2)
    return atr_cli_fail (ATR_EXIT_USAGE, "resolve takes one ADDRESS; see 'atrium-cli resolve --help'");

  address = atr_address_parse (argv[1], &error);
  if (address == NULL)
    return atr_cli_fail_error (error);

  atr_address_resolve_async (address, NULL, NULL, resolved_cb, &run);
  atr_cli_run_until (&run.done);

  if (run.feed_url == NULL)
    {
      status = atr_cli_fail_error (run.error);
      g_clear_error (&run.error);
      return status;
    }

  if (options.json)
    print_json (address, argv[1], &run);
  else
    {
      printf ("%s\n  feed: %s\n  found by: %s\n", atr_address_get_domain (address), run.feed_url,
              atr_address_found_by_to_string (run.found_by));
      for (guint i = 0; run.warnings != NULL && run.warnings[i] != NULL; i++)
        printf ("  warning: %s\n", run.warnings[i]);
    }

  g_free (run.feed_url);
  g_strfreev (run.warnings);
  return ATR_EXIT_OK;
}
