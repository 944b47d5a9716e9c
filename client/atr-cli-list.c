/* atr-cli-list.c — atrium-cli list ADDRESS: a tenant's published resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "atr-address.h"
#include "atr-tenant-cache.h"
#include "atr-feed-client.h"
#include "atr-http.h"
#include "atr-net-error.h"
#include "atr-tenant-loader.h"

#include "atr-cli.h"
#include "atr-cli-commands.h"
#include "atr-cli-list-output.h"
#include "atr-cli-net.h"

typedef struct
{
  gboolean       done;
  AtrAddress    *address;
  char          *feed_url;
  AtrFeedResult *result;
  GError        *error;
  AtrTenantManifest *manifest;
  AtrTrustStore *trust;
  AtrEndpointMemory *memory;   /* shared by the manifest and the feed fetch */
} ListRun;

static void
manifest_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  ListRun *run = user_data;

  run->manifest = atr_tenant_loader_load_finish (ATR_TENANT_LOADER (source), res, &run->error);
  run->done = TRUE;
}

/* The tenant manifest (optional): its feed_url overrides discovery, its gateways join the
 * feed's failover. Only a rejected certificate stops the list; other trouble is a warning. */
static int
load_manifest (AtrCliNetOptions *options,
               ListRun          *run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTenantLoader) loader = NULL;
  const char * const *warnings;

  loader = atr_tenant_loader_new (run->trust, run->address, &error);
  if (loader == NULL)
    return atr_cli_fail_error (error);
  /* One endpoint memory for both fetches: the gateway that answered the manifest is tried
   * first for the feed, so failover is paid once, not twice. */
  atr_http_client_set_memory (atr_tenant_loader_get_http (loader), run->memory);
  if (options->timeout_s > 0)
    atr_tenant_loader_set_attempt_timeout (loader, (guint) options->timeout_s * 1000);

  run->done = FALSE;
  atr_tenant_loader_load_async (loader, NULL, manifest_cb, run);
  atr_cli_run_until (&run->done);
  if (run->error != NULL)
    {
      error = g_steal_pointer (&run->error);
      if (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE))
        return atr_cli_fail_error (error);
      /* Unreachable: the feed fetch reports the same trouble; refused: say so. */
      if (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA))
        g_printerr ("atrium-cli: warning: %s\n", error->message);
      else
        g_debug ("no tenant manifest used: %s", error->message);
      return ATR_EXIT_OK;
    }
  warnings = atr_tenant_loader_get_warnings (loader);
  for (guint i = 0; warnings[i] != NULL; i++)
    g_printerr ("atrium-cli: warning: %s\n", warnings[i]);
  return ATR_EXIT_OK;
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  ListRun *run = user_data;

  run->result = atr_feed_client_fetch_finish (ATR_FEED_CLIENT (source), res, &run->error);
  run->done = TRUE;
}

static void
cached_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  ListRun *run = user_data;

  run->result = atr_feed_client_load_cached_finish (res, &run->error);
  run->done = TRUE;
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  ListRun *run = user_data;

  run->feed_url = atr_address_resolve_finish (ATR_ADDRESS (source), res, NULL, NULL,
                                              &run->error);
  run->done = TRUE;
}

/* The endpoint memory (last good gateway, backoff) lives beside the cached feed. */
static char *
memory_path (const char *tenant_id)
{
  g_autofree char *dir = atr_tenant_cache_dir_for_tenant (tenant_id, NULL);

  return dir ? g_build_filename (dir, "endpoints.ini", NULL) : NULL;
}

static AtrEndpointMemory *
load_memory (const char *tenant_id)
{
  g_autofree char *path = memory_path (tenant_id);
  g_autofree char *data = NULL;
  AtrEndpointMemory *memory = NULL;

  if (path != NULL && g_file_get_contents (path, &data, NULL, NULL))
    memory = atr_endpoint_memory_new_from_data (data, NULL);

  return memory != NULL ? memory : atr_endpoint_memory_new ();
}

static void
save_memory (const char        *tenant_id,
             AtrEndpointMemory *memory)
{
  g_autofree char *path = memory_path (tenant_id);
  g_autofree char *data = atr_endpoint_memory_to_data (memory);
  g_autofree char *dir = NULL;

  if (path == NULL)
    return;

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) == 0)
    g_file_set_contents_full (path, data, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, NULL);
}

static int
fetch_live (AtrCliNetOptions *options,
            ListRun          *run,
            const char       *tenant_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrHttpClient) http = NULL;
  g_autoptr(AtrFeedClient) client = NULL;
  g_autoptr(GUri) uri = NULL;
  char *password = NULL;

  uri = g_uri_parse (run->feed_url, G_URI_FLAGS_ENCODED, &error);
  if (uri == NULL)
    return atr_cli_fail (ATR_EXIT_BAD_DATA, "feed URL '%s' is invalid: %s", run->feed_url,
                         error->message);

  if (options->password_stdin)
    {
      password = atr_cli_read_password (&error);
      if (password == NULL)
        return atr_cli_fail (ATR_EXIT_USAGE, "%s", error->message);
    }

  http = atr_http_client_new (run->trust, g_uri_get_host (uri));
  atr_http_client_set_memory (http, run->memory);
  if (run->manifest != NULL && !atr_tenant_loader_add_gateways (run->manifest, http, &error))
    return atr_cli_fail_error (error);

  client = atr_feed_client_new (http, tenant_id);
  if (options->timeout_s > 0)
    atr_feed_client_set_attempt_timeout (client, options->timeout_s * 1000);
  if (options->user != NULL)
    atr_feed_client_set_credentials (client, options->user, password);
  atr_cli_wipe_password (g_steal_pointer (&password));

  run->done = FALSE;
  atr_feed_client_fetch_async (client, run->feed_url, NULL, fetched_cb, run);
  atr_cli_run_until (&run->done);

  save_memory (tenant_id, run->memory);
  return ATR_EXIT_OK;
}

int
atr_cli_list_run (int    argc,
                  char **argv)
{
  g_auto(AtrCliNetOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant_id = NULL;
  gboolean offline = FALSE;
  ListRun run = { 0 };
  int status = ATR_EXIT_OK;
  const GOptionEntry entries[] = {
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      "Show the last good list from the cache without going online", NULL },
    G_OPTION_ENTRY_NULL
  };

  context = g_option_context_new ("ADDRESS — list a tenant's desktops and RemoteApps");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, atr_cli_net_option_group (&options));
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !atr_cli_net_setup (&options, &error))
    return atr_cli_fail (ATR_EXIT_USAGE, "%s", error->message);
  atr_cli_drop_separator (&argc, argv);
  if (argc != 2)
    return atr_cli_fail (ATR_EXIT_USAGE, "list takes one ADDRESS; see 'atrium-cli list --help'");

  run.address = atr_address_parse (argv[1], &error);
  if (run.address == NULL)
    return atr_cli_fail_error (error);
  tenant_id = atr_tenant_loader_tenant_id_for (run.address);

  if (offline)
    {
      atr_feed_client_load_cached_async (tenant_id, NULL, NULL, cached_cb, &run);
      atr_cli_run_until (&run.done);
    }
  else if ((run.trust = atr_cli_net_load_trust (&options, &error)) == NULL)
    status = atr_cli_fail (ATR_EXIT_USAGE, "%s", error->message);
  else
    {
      run.memory = load_memory (tenant_id);
      status = load_manifest (&options, &run);
      if (status == ATR_EXIT_OK && run.manifest != NULL &&
          atr_tenant_manifest_get_feed_url (run.manifest) != NULL &&
          atr_address_get_feed_url (run.address) == NULL)
        run.feed_url = g_strdup (atr_tenant_manifest_get_feed_url (run.manifest));
      else if (status == ATR_EXIT_OK)
        {
          run.done = FALSE;
          atr_address_resolve_async (run.address, NULL, NULL, resolved_cb, &run);
          atr_cli_run_until (&run.done);
        }
      if (status == ATR_EXIT_OK && run.feed_url != NULL)
        status = fetch_live (&options, &run, tenant_id);
    }

  if (status == ATR_EXIT_OK)
    {
      if (run.result == NULL)
        status = atr_cli_fail_error (run.error);
      else if (options.json)
        atr_cli_list_print_json (run.result);
      else
        atr_cli_list_print_text (run.result);
    }

  g_clear_error (&run.error);
  g_clear_pointer (&run.result, atr_feed_result_free);
  g_clear_object (&run.address);
  g_clear_object (&run.manifest);
  g_clear_object (&run.trust);
  g_clear_object (&run.memory);
  g_free (run.feed_url);
  return status;
}
