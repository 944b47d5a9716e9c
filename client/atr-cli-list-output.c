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

/* The JSON is written as it is produced, one resource at a time: a 10,000-resource feed
 * never exists as a JsonNode tree plus its serialisation (that cost ~45 MiB of RSS). The
 * layout follows json-glib's pretty printer (two spaces, "name" : value). */

static void
put_json_string (FILE       *out,
                 const char *value)
{
  if (value == NULL)
    {
      fputs ("null", out);
      return;
    }

  fputc ('"', out);
  for (const unsigned char *p = (const unsigned char *) value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':  fputs ("\\\"", out); break;
        case '\\': fputs ("\\\\", out); break;
        case '\b': fputs ("\\b", out); break;
        case '\f': fputs ("\\f", out); break;
        case '\n': fputs ("\\n", out); break;
        case '\r': fputs ("\\r", out); break;
        case '\t': fputs ("\\t", out); break;
        default:
          if (*p < 0x20 || *p == 0x7f)
            fprintf (out, "\\u%04x", *p);
          else
            fputc (*p, out);
        }
    }
  fputc ('"', out);
}

/* Starts a member (or an array element): the separator after the previous one, the indent
 * and "name" : */
static void
put_member (FILE       *out,
            guint       depth,
            gboolean   *first,
            const char *name)
{
  fputs (*first ? "\n" : ",\n", out);
  *first = FALSE;
  for (guint i = 0; i < depth; i++)
    fputs ("  ", out);
  if (name != NULL)  /* NULL: an array element */
    {
      put_json_string (out, name);
      fputs (" : ", out);
    }
}

static void
put_close (FILE     *out,
           guint     depth,
           gboolean  empty,
           char      bracket)
{
  if (!empty)
    {
      fputc ('\n', out);
      for (guint i = 0; i < depth; i++)
        fputs ("  ", out);
    }
  fputc (bracket, out);
}

static void
put_string_member (FILE       *out,
                   guint       depth,
                   gboolean   *first,
                   const char *name,
                   const char *value)
{
  put_member (out, depth, first, name);
  put_json_string (out, value);
}

static void
put_bool_member (FILE       *out,
                 guint       depth,
                 gboolean   *first,
                 const char *name,
                 gboolean    value)
{
  put_member (out, depth, first, name);
  fputs (value ? "true" : "false", out);
}

/* An array of strings from up to two string vectors. */
static void
put_strv_member (FILE               *out,
                 guint               depth,
                 gboolean           *first,
                 const char         *name,
                 const char * const *values,
                 const char * const *more)
{
  gboolean first_value = TRUE;

  put_member (out, depth, first, name);
  fputc ('[', out);
  for (const char * const *v = values; v != NULL && *v != NULL; v++)
    put_string_member (out, depth + 1, &first_value, NULL, *v);
  for (const char * const *v = more; v != NULL && *v != NULL; v++)
    put_string_member (out, depth + 1, &first_value, NULL, *v);
  put_close (out, depth, first_value, ']');
}

static void
put_resource (FILE        *out,
              guint        depth,
              AtrResource *resource)
{
  const char * const *folders = atr_resource_get_folders (resource);
  const char * const root_only[] = { "/", NULL };
  gboolean first = TRUE;
  gboolean first_icon = TRUE;

  fputc ('{', out);
  put_string_member (out, depth + 1, &first, "id", atr_resource_get_id (resource));
  put_string_member (out, depth + 1, &first, "alias", atr_resource_get_alias (resource));
  put_string_member (out, depth + 1, &first, "title", atr_resource_get_title (resource));
  put_string_member (out, depth + 1, &first, "type",
                     atr_resource_kind_to_string (atr_resource_get_kind (resource)));
  put_strv_member (out, depth + 1, &first, "folders",
                   folders != NULL && folders[0] != NULL ? folders : root_only, NULL);
  put_string_member (out, depth + 1, &first, "rdp_url", atr_resource_get_rdp_url (resource));

  put_member (out, depth + 1, &first, "icons");
  fputc ('{', out);
  for (guint i = 0; i < atr_resource_get_n_icons (resource); i++)
    {
      guint size = 0;
      const char *url = atr_resource_get_icon (resource, i, &size);
      char key[16];

      if (size == 0)
        g_strlcpy (key, "raw", sizeof key);
      else
        g_snprintf (key, sizeof key, "%u", size);
      put_string_member (out, depth + 2, &first_icon, key, url);
    }
  put_close (out, depth + 1, first_icon, '}');

  put_bool_member (out, depth + 1, &first, "show_by_default",
                   atr_resource_get_show_by_default (resource));
  put_close (out, depth, FALSE, '}');
}

/**
 * atr_cli_list_write_json:
 *
 * Writes the documented `atrium-cli list --json` object to @out, streaming the resources.
 */
void
atr_cli_list_write_json (AtrFeedResult *result,
                         FILE          *out)
{
  AtrFeed *feed;
  GPtrArray *resources;
  g_autofree char *since = NULL;
  gboolean first = TRUE;
  gboolean first_publisher = TRUE;
  gboolean first_resource = TRUE;

  g_return_if_fail (result != NULL);
  g_return_if_fail (out != NULL);

  feed = atr_feed_result_get_feed (result);
  resources = atr_feed_get_resources (feed);
  if (atr_feed_result_is_stale (result))
    since = g_date_time_format_iso8601 (atr_feed_result_get_fetched (result));

  fputc ('{', out);
  put_member (out, 1, &first, "publisher");
  fputc ('{', out);
  put_string_member (out, 2, &first_publisher, "name", atr_feed_get_publisher_name (feed));
  put_string_member (out, 2, &first_publisher, "id", atr_feed_get_publisher_id (feed));
  put_close (out, 1, FALSE, '}');

  put_string_member (out, 1, &first, "feed_url", atr_feed_result_get_feed_url (result));
  put_string_member (out, 1, &first, "endpoint", atr_feed_result_get_endpoint (result));
  put_bool_member (out, 1, &first, "stale", atr_feed_result_is_stale (result));
  put_string_member (out, 1, &first, "stale_since", since);
  put_strv_member (out, 1, &first, "warnings", atr_feed_result_get_warnings (result),
                   atr_feed_get_warnings (feed));

  put_member (out, 1, &first, "resources");
  fputc ('[', out);
  for (guint i = 0; i < resources->len; i++)
    {
      fputs (first_resource ? "\n    " : ",\n    ", out);
      first_resource = FALSE;
      put_resource (out, 2, g_ptr_array_index (resources, i));
    }
  put_close (out, 1, first_resource, ']');
  put_close (out, 0, FALSE, '}');
  fputc ('\n', out);
}

void
atr_cli_list_print_json (AtrFeedResult *result)
{
  atr_cli_list_write_json (result, stdout);
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
