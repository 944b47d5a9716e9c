/* atr-cli-list-output.c — how atrium-cli list prints a feed, for people and for machines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "atr-cli.h"

#include "atr-cli-list-output.h"

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

static void
add_resource (JsonBuilder *builder,
              AtrResource *resource)
{
  const char * const *folders = atr_resource_get_folders (resource);
  const char * const root_only[] = { "/", NULL };

  json_builder_begin_object (builder);
  add_string (builder, "id", atr_resource_get_id (resource));
  add_string (builder, "alias", atr_resource_get_alias (resource));
  add_string (builder, "title", atr_resource_get_title (resource));
  add_string (builder, "type", atr_resource_kind_to_string (atr_resource_get_kind (resource)));
  add_strv (builder, "folders", folders != NULL && folders[0] != NULL ? folders : root_only);
  add_string (builder, "rdp_url", atr_resource_get_rdp_url (resource));

  json_builder_set_member_name (builder, "icons");
  json_builder_begin_object (builder);
  for (guint i = 0; i < atr_resource_get_n_icons (resource); i++)
    {
      guint size = 0;
      const char *url = atr_resource_get_icon (resource, i, &size);
      g_autofree char *key = size == 0 ? g_strdup ("raw") : g_strdup_printf ("%u", size);

      add_string (builder, key, url);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "show_by_default");
  json_builder_add_boolean_value (builder, atr_resource_get_show_by_default (resource));
  json_builder_end_object (builder);
}

static void
add_warnings (JsonBuilder   *builder,
              AtrFeedResult *result)
{
  AtrFeed *feed = atr_feed_result_get_feed (result);
  const char * const *fetch_warnings = atr_feed_result_get_warnings (result);
  const char * const *parse_warnings = atr_feed_get_warnings (feed);

  json_builder_set_member_name (builder, "warnings");
  json_builder_begin_array (builder);
  for (guint i = 0; fetch_warnings != NULL && fetch_warnings[i] != NULL; i++)
    json_builder_add_string_value (builder, fetch_warnings[i]);
  for (guint i = 0; parse_warnings != NULL && parse_warnings[i] != NULL; i++)
    json_builder_add_string_value (builder, parse_warnings[i]);
  json_builder_end_array (builder);
}

/**
 * atr_cli_list_to_json:
 *
 * Returns: (transfer full): the documented `atrium-cli list --json` object
 */
JsonNode *
atr_cli_list_to_json (AtrFeedResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  AtrFeed *feed = atr_feed_result_get_feed (result);
  GPtrArray *resources = atr_feed_get_resources (feed);
  gboolean stale = atr_feed_result_is_stale (result);
  g_autofree char *since = NULL;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "publisher");
  json_builder_begin_object (builder);
  add_string (builder, "name", atr_feed_get_publisher_name (feed));
  add_string (builder, "id", atr_feed_get_publisher_id (feed));
  json_builder_end_object (builder);

  add_string (builder, "feed_url", atr_feed_result_get_feed_url (result));
  add_string (builder, "endpoint", atr_feed_result_get_endpoint (result));
  json_builder_set_member_name (builder, "stale");
  json_builder_add_boolean_value (builder, stale);
  if (stale)
    since = g_date_time_format_iso8601 (atr_feed_result_get_fetched (result));
  add_string (builder, "stale_since", since);
  add_warnings (builder, result);

  json_builder_set_member_name (builder, "resources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < resources->len; i++)
    add_resource (builder, g_ptr_array_index (resources, i));
  json_builder_end_array (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

void
atr_cli_list_print_json (AtrFeedResult *result)
{
  g_autoptr(JsonNode) root = atr_cli_list_to_json (result);

  atr_cli_print_json (root);
}

static int
compare_folders (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
print_folder (GPtrArray  *resources,
              const char *folder)
{
  printf ("%s\n", folder);
  for (guint i = 0; i < resources->len; i++)
    {
      AtrResource *resource = g_ptr_array_index (resources, i);
      const char * const *folders = atr_resource_get_folders (resource);
      gboolean here = (folders == NULL || folders[0] == NULL) ? strcmp (folder, "/") == 0
                                                              : g_strv_contains (folders, folder);

      if (!here)
        continue;
      printf ("  %-9s %-36s %s%s\n",
              atr_resource_get_kind (resource) == ATR_RESOURCE_KIND_DESKTOP ? "desktop" : "app",
              atr_resource_get_title (resource), atr_resource_get_alias (resource),
              atr_resource_get_show_by_default (resource) ? "" : "  (hidden)");
    }
}

/**
 * atr_cli_list_print_text:
 *
 * A table for people: the publisher, then each folder ("/" first) with its resources.
 */
void
atr_cli_list_print_text (AtrFeedResult *result)
{
  AtrFeed *feed = atr_feed_result_get_feed (result);
  GPtrArray *resources = atr_feed_get_resources (feed);
  g_autoptr(GPtrArray) folders = g_ptr_array_new ();
  const char * const *warnings;

  printf ("%s — %u resources\n", atr_feed_get_publisher_name (feed)
                                 ? atr_feed_get_publisher_name (feed) : "(no publisher name)",
          resources->len);
  printf ("feed: %s\n", atr_feed_result_get_feed_url (result));
  if (atr_feed_result_is_stale (result))
    {
      g_autofree char *since = g_date_time_format ((atr_feed_result_get_fetched (result)),
                                                   "%Y-%m-%d %H:%M UTC");
      printf ("OFFLINE: showing the list last updated %s\n", since);
    }
  printf ("\n");

  g_ptr_array_add (folders, (gpointer) "/");
  for (guint i = 0; i < resources->len; i++)
    {
      const char * const *f = atr_resource_get_folders (g_ptr_array_index (resources, i));

      for (guint j = 0; f != NULL && f[j] != NULL; j++)
        {
          gboolean known = FALSE;

          for (guint k = 0; k < folders->len && !known; k++)
            known = strcmp (g_ptr_array_index (folders, k), f[j]) == 0;
          if (!known)
            g_ptr_array_add (folders, (gpointer) f[j]);
        }
    }
  g_ptr_array_sort (folders, compare_folders);

  for (guint i = 0; i < folders->len; i++)
    print_folder (resources, g_ptr_array_index (folders, i));

  warnings = atr_feed_result_get_warnings (result);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    fprintf (stderr, "warning: %s\n", warnings[i]);
  warnings = atr_feed_get_warnings (feed);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    fprintf (stderr, "warning: %s\n", warnings[i]);
}
