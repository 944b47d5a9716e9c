/* fuzz-feed.c — RD Web feeds: atr_feed_parse() (streaming SAX2 over libxml2)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties: no crash, leak or stray libxml2 output; a document refused has an error and
 * vice versa; every URL a kept resource names (its .rdp file and its icons) is https on the
 * feed's origin or the one extra origin given; IDs are unique; titles are valid UTF-8.
 */
#include "config.h"

#include "atr-feed.h"
#include "atr-resource.h"

#include "atr-fuzz.h"

#define FEED_URL "https://tenant.atrium.test/RDWeb/Feed/webfeed.aspx"

static void
check_url (const char *what,
           const char *url)
{
  g_autoptr(GUri) uri = NULL;
  const char *host;

  ATR_FUZZ_CHECK (url != NULL, "%s has no URL", what);
  /* Parsed as libsoup parses what it fetches (SOUP_HTTP_URI_FLAGS): a query may hold any
   * percent-escaped byte, the host may not. */
  uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD | G_URI_FLAGS_ENCODED_PATH |
                     G_URI_FLAGS_ENCODED_QUERY | G_URI_FLAGS_ENCODED_FRAGMENT |
                     G_URI_FLAGS_SCHEME_NORMALIZE, NULL);
  ATR_FUZZ_CHECK (uri != NULL, "%s URL does not parse", what);
  host = g_uri_get_host (uri);
  ATR_FUZZ_CHECK (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0, "%s is not https", what);
  ATR_FUZZ_CHECK (host != NULL && (g_ascii_strcasecmp (host, "tenant.atrium.test") == 0 ||
                                   g_ascii_strcasecmp (host, "gw.atrium.test") == 0),
                  "%s is off origin", what);
  ATR_FUZZ_CHECK (g_uri_get_port (uri) == -1 || g_uri_get_port (uri) == 443,
                  "%s is on another port", what);
  ATR_FUZZ_CHECK (g_uri_get_userinfo (uri) == NULL, "%s carries user info", what);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const extra[] = { "https://gw.atrium.test", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeed) feed = NULL;
  g_autoptr(GHashTable) ids = NULL;
  GPtrArray *resources;

  atr_fuzz_init_logging ();
  if (size > 4 * 1024 * 1024)
    return -1;

  feed = atr_feed_parse ((const char *) data, size, FEED_URL, extra, &error);
  ATR_FUZZ_CHECK ((feed == NULL) == (error != NULL), "result and error disagree");
  if (feed == NULL)
    return 0;

  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  resources = atr_feed_get_resources (feed);
  for (guint i = 0; i < resources->len; i++)
    {
      AtrResource *resource = g_ptr_array_index (resources, i);
      const char *id = atr_resource_get_id (resource);
      const char *title = atr_resource_get_title (resource);

      /* An ID may repeat with another .rdp file (raweb's Chrome web apps); the pair may not. */
      g_autofree char *key = g_strconcat (id ? id : "", "\x01",
                                          atr_resource_get_rdp_url (resource), NULL);

      ATR_FUZZ_CHECK (id != NULL && g_hash_table_add (ids, g_steal_pointer (&key)),
                      "ID and .rdp file repeat");
      ATR_FUZZ_CHECK (title == NULL || g_utf8_validate (title, -1, NULL), "title not UTF-8");
      check_url ("the .rdp file", atr_resource_get_rdp_url (resource));
      for (guint j = 0; j < atr_resource_get_n_icons (resource); j++)
        check_url ("an icon", atr_resource_get_icon (resource, j, NULL));
    }
  for (const char * const *w = atr_feed_get_warnings (feed); w != NULL && *w != NULL; w++)
    ATR_FUZZ_CHECK (g_utf8_validate (*w, -1, NULL), "a warning is not UTF-8");
  return 0;
}
