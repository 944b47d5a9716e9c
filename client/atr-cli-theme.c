/* atr-cli-theme.c — atrium-cli theme ADDRESS: the effective tenant (manifest + theme)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the same flow as the app: the tenant manifest (net/, cached, ETag), then the theme and
 * its logos (themes/, cached, ETag), then the feed URL (the manifest's feed_url, else
 * discovery). --json prints {"id","display_name","feed_url","gateways","policy","theme",
 * "warnings"}; --css the generated libadwaita CSS (light then dark, or --variant's).
 * A refused manifest or theme with no good cached copy exits 6.
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <stdio.h>

#include "atr-address.h"
#include "atr-tenant-loader.h"
#include "atr-theme-css.h"
#include "atr-theme-store.h"

#include "atr-cli.h"
#include "atr-cli-commands.h"
#include "atr-cli-net.h"

typedef struct
{
  gboolean           done;
  AtrTenantManifest *manifest;
  AtrTheme          *theme;
  char              *feed_url;
  GError            *error;
} ThemeRun;

static void
manifest_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  ThemeRun *run = user_data;

  run->manifest = atr_tenant_loader_load_finish (ATR_TENANT_LOADER (source), res, &run->error);
  run->done = TRUE;
}

static void
theme_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  ThemeRun *run = user_data;

  run->theme = atr_theme_store_load_finish (ATR_THEME_STORE (source), res, &run->error);
  run->done = TRUE;
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  ThemeRun *run = user_data;

  run->feed_url = atr_address_resolve_finish (ATR_ADDRESS (source), res, NULL, NULL,
                                              &run->error);
  run->done = TRUE;
}

static void
add_strv (JsonBuilder        *builder,
          const char * const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
}

static JsonNode *
build_json (AtrAddress         *address,
            const char         *tenant_id,
            AtrTenantManifest  *manifest,
            AtrTenantManifest  *defaults,
            const char         *feed_url,
            AtrTheme           *theme,
            const char         *locale,
            GPtrArray          *warnings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) manifest_json = atr_tenant_manifest_to_json (manifest ? manifest
                                                                            : defaults);
  JsonObject *mobj = json_node_get_object (manifest_json);
  const char *display_name = manifest ? atr_tenant_manifest_get_display_name (manifest) : NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, manifest && atr_tenant_manifest_get_id (manifest)
                                          ? atr_tenant_manifest_get_id (manifest) : tenant_id);
  json_builder_set_member_name (builder, "display_name");
  json_builder_add_string_value (builder, display_name ? display_name
                                                       : atr_address_get_domain (address));
  json_builder_set_member_name (builder, "feed_url");
  if (feed_url != NULL)
    json_builder_add_string_value (builder, feed_url);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "gateways");
  json_builder_begin_array (builder);
  if (manifest != NULL)
    add_strv (builder, atr_tenant_manifest_get_gateways (manifest));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "policy");
  json_builder_add_value (builder, json_node_copy (json_object_get_member (mobj, "policy")));
  json_builder_set_member_name (builder, "theme");
  json_builder_add_value (builder, atr_theme_to_json (theme, locale));
  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; i < warnings->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (warnings, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
print_text (JsonNode *root)
{
  JsonObject *o = json_node_get_object (root);
  JsonObject *theme = json_object_get_object_member (o, "theme");
  JsonArray *gateways = json_object_get_array_member (o, "gateways");
  JsonArray *warnings = json_object_get_array_member (o, "warnings");
  JsonObject *light = json_object_get_object_member (json_object_get_object_member (theme,
                                                                                    "colors"),
                                                     "light");

  printf ("%s (%s)\n", json_object_get_string_member (o, "display_name"),
          json_object_get_string_member (o, "id"));
  printf ("  feed:     %s\n", json_object_get_string_member_with_default (o, "feed_url", "-"));
  for (guint i = 0; i < json_array_get_length (gateways); i++)
    printf ("  gateway:  %s\n", json_array_get_string_element (gateways, i));
  printf ("  theme:    %s (accent %s, header %s)\n",
          json_object_get_string_member_with_default (theme, "name", "-"),
          json_object_get_string_member (light, "accent"),
          json_object_get_string_member (light, "header_bg"));
  for (guint i = 0; i < json_array_get_length (warnings); i++)
    printf ("  warning:  %s\n", json_array_get_string_element (warnings, i));
}

static void
collect (GPtrArray          *out,
         const char * const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_ptr_array_add (out, g_strdup (strv[i]));
}

int
atr_cli_theme_run (int    argc,
                   char **argv)
{
  g_auto(AtrCliNetOptions) options = { 0 };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrAddress) address = NULL;
  g_autoptr(AtrTrustStore) trust = NULL;
  g_autoptr(AtrTenantLoader) loader = NULL;
  g_autoptr(AtrThemeStore) store = NULL;
  g_autoptr(AtrTheme) fallback = NULL;
  g_autoptr(AtrTenantManifest) defaults = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *locale = NULL;
  g_autofree char *variant = NULL;
  gboolean css = FALSE, offline = FALSE;
  ThemeRun run = { 0 };
  int status = ATR_EXIT_OK;
  const GOptionEntry entries[] = {
    { "css", 0, 0, G_OPTION_ARG_NONE, &css,
      "Print the generated CSS (light, then dark) instead of the tenant", NULL },
    { "variant", 0, 0, G_OPTION_ARG_STRING, &variant,
      "With --css: only this variant", "light|dark" },
    { "locale", 0, 0, G_OPTION_ARG_STRING, &locale,
      "The locale the theme's texts are picked for (default: en)", "L" },
    { "offline", 0, 0, G_OPTION_ARG_NONE, &offline,
      "Use the cached manifest and theme without going online", NULL },
    G_OPTION_ENTRY_NULL
  };
  static const char defaults_doc[] = "{\"atrium_tenant\":1}";

  context = g_option_context_new ("ADDRESS — show a tenant's manifest and theme");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, atr_cli_net_option_group (&options));
  if (!g_option_context_parse (context, &argc, &argv, &error) ||
      !atr_cli_net_setup (&options, &error))
    return atr_cli_fail (ATR_EXIT_USAGE, "%s", error->message);
  atr_cli_drop_separator (&argc, argv);
  if (argc != 2)
    return atr_cli_fail (ATR_EXIT_USAGE, "theme takes one ADDRESS; see 'atrium-cli theme --help'");
  if (variant != NULL && !g_str_equal (variant, "light") && !g_str_equal (variant, "dark"))
    return atr_cli_fail (ATR_EXIT_USAGE, "--variant must be light or dark, not '%s'", variant);

  address = atr_address_parse (argv[1], &error);
  if (address == NULL)
    return atr_cli_fail_error (error);
  trust = atr_cli_net_load_trust (&options, &error);
  if (trust == NULL)
    return atr_cli_fail (ATR_EXIT_USAGE, "%s", error->message);
  fallback = atr_theme_store_load_default (&error);
  if (fallback == NULL)
    return atr_cli_fail (ATR_EXIT_INTERNAL, "the bundled default theme: %s", error->message);
  defaults = atr_tenant_manifest_parse (defaults_doc, sizeof defaults_doc - 1,
                                        "https://localhost/", NULL);
  g_assert (defaults != NULL);

  loader = atr_tenant_loader_new (trust, address, &error);
  if (loader == NULL)
    return atr_cli_fail_error (error);
  atr_tenant_loader_set_offline (loader, offline);
  if (options.timeout_s > 0)
    atr_tenant_loader_set_attempt_timeout (loader, (guint) options.timeout_s * 1000);

  atr_tenant_loader_load_async (loader, NULL, manifest_cb, &run);
  atr_cli_run_until (&run.done);
  if (run.error != NULL)
    {
      status = atr_cli_fail_error (run.error);
      goto out;
    }
  if (run.manifest != NULL)
    collect (warnings, atr_tenant_manifest_get_warnings (run.manifest));
  collect (warnings, atr_tenant_loader_get_warnings (loader));

  store = atr_theme_store_new (atr_tenant_loader_get_http (loader),
                               atr_tenant_loader_get_cache (loader), fallback);
  atr_theme_store_set_offline (store, offline);
  if (options.timeout_s > 0)
    atr_theme_store_set_attempt_timeout (store, (guint) options.timeout_s * 1000);
  run.done = FALSE;
  atr_theme_store_load_async (store, run.manifest, NULL, theme_cb, &run);
  atr_cli_run_until (&run.done);
  if (run.theme == NULL)
    {
      status = atr_cli_fail_error (run.error);
      goto out;
    }
  if (run.theme != fallback)
    collect (warnings, atr_theme_get_warnings (run.theme));
  collect (warnings, atr_theme_store_get_warnings (store));

  if (css)
    {
      for (guint v = 0; v < 2; v++)
        {
          g_autofree char *text = NULL;

          if (variant != NULL && !g_str_equal (variant, v == 0 ? "light" : "dark"))
            continue;
          text = atr_theme_css_generate (run.theme, v);
          fputs (text, stdout);
        }
      for (guint i = 0; i < warnings->len; i++)
        g_printerr ("atrium-cli: warning: %s\n", (char *) g_ptr_array_index (warnings, i));
      goto out;
    }

  /* The feed: the manifest's feed_url overrides discovery. */
  if (run.manifest != NULL && atr_tenant_manifest_get_feed_url (run.manifest) != NULL)
    run.feed_url = g_strdup (atr_tenant_manifest_get_feed_url (run.manifest));
  else if (atr_address_get_feed_url (address) != NULL)
    run.feed_url = g_strdup (atr_address_get_feed_url (address));
  else if (offline)
    run.feed_url = atr_address_get_default_feed_url (address);
  else
    {
      run.done = FALSE;
      atr_address_resolve_async (address, NULL, NULL, resolved_cb, &run);
      atr_cli_run_until (&run.done);
      if (run.feed_url == NULL)
        {
          status = atr_cli_fail_error (run.error);
          goto out;
        }
    }

  root = build_json (address, atr_tenant_loader_get_tenant_id (loader), run.manifest, defaults,
                     run.feed_url, run.theme, locale, warnings);
  if (options.json)
    atr_cli_print_json (root);
  else
    print_text (root);

out:
  g_clear_error (&run.error);
  g_clear_object (&run.manifest);
  g_clear_object (&run.theme);
  g_free (run.feed_url);
  return status;
}
