/* atr-feed.c — a parsed RD Web Access workspace feed (immutable result)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include "atr-feed-private.h"
#include "atr-feed.h"

struct _AtrFeed
{
  char      *publisher_name;
  char      *publisher_id;
  char      *schema_version;
  GPtrArray *resources;   /* of AtrResource, feed order */
  char     **warnings;
  gboolean   supports_reconnect;
};

AtrFeed *
_atr_feed_new (char      *publisher_name,
               char      *publisher_id,
               char      *schema_version,
               gboolean   supports_reconnect,
               GPtrArray *resources,
               char     **warnings)
{
  AtrFeed *feed = g_new0 (AtrFeed, 1);

  feed->publisher_name = publisher_name;
  feed->publisher_id = publisher_id;
  feed->schema_version = schema_version;
  feed->supports_reconnect = !!supports_reconnect;
  feed->resources = resources;
  feed->warnings = warnings != NULL ? warnings : g_new0 (char *, 1);

  return feed;
}

/**
 * atr_feed_get_publisher_name:
 *
 * Returns: the Publisher's Name (the feed host when the feed names none)
 */
const char *
atr_feed_get_publisher_name (AtrFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return feed->publisher_name;
}

/**
 * atr_feed_get_publisher_id:
 *
 * Returns: (nullable): the Publisher's ID
 */
const char *
atr_feed_get_publisher_id (AtrFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return feed->publisher_id;
}

/**
 * atr_feed_get_schema_version:
 *
 * Returns: (nullable): the SchemaVersion as the feed wrote it ("1.1", "2.0", "2.1", …)
 */
const char *
atr_feed_get_schema_version (AtrFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return feed->schema_version;
}

/**
 * atr_feed_get_supports_reconnect:
 *
 * Returns: SupportsReconnect from the Publisher, else from the ResourceCollection, else FALSE
 */
gboolean
atr_feed_get_supports_reconnect (AtrFeed *feed)
{
  g_return_val_if_fail (feed != NULL, FALSE);
  return feed->supports_reconnect;
}

/**
 * atr_feed_get_resources:
 *
 * Returns: (transfer none) (element-type AtrResource): the usable resources, in feed order
 */
GPtrArray *
atr_feed_get_resources (AtrFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return feed->resources;
}

/**
 * atr_feed_get_warnings:
 *
 * Returns: (transfer none): what was dropped or repaired, one line each, naming the resource,
 *   element and line; never a URL's query string. Empty (not %NULL) when all was well.
 */
const char * const *
atr_feed_get_warnings (AtrFeed *feed)
{
  g_return_val_if_fail (feed != NULL, NULL);
  return (const char * const *) feed->warnings;
}

void
atr_feed_free (AtrFeed *feed)
{
  if (feed == NULL)
    return;

  g_free (feed->publisher_name);
  g_free (feed->publisher_id);
  g_free (feed->schema_version);
  g_clear_pointer (&feed->resources, g_ptr_array_unref);
  g_strfreev (feed->warnings);
  g_free (feed);
}
