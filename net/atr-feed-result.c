/* atr-feed-result.c — what a feed fetch produced: the feed, where it came from, how fresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>

#include "atr-feed-result-private.h"

struct _AtrFeedResult
{
  AtrFeed   *feed;
  char      *feed_url;
  char      *endpoint;
  GDateTime *fetched;
  GPtrArray *warnings;   /* NULL-terminated strv storage */
  char      *token;      /* secret: wiped on free */
  gboolean   stale;
  gboolean   token_renewed;
};

AtrFeedResult *
_atr_feed_result_new (AtrFeed    *feed,
                      const char *feed_url,
                      GDateTime  *fetched,
                      gboolean    stale)
{
  AtrFeedResult *result = g_new0 (AtrFeedResult, 1);

  result->feed = feed;
  result->feed_url = g_strdup (feed_url);
  result->fetched = g_date_time_ref (fetched);
  result->stale = stale;
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (result->warnings, NULL);

  return result;
}

void
_atr_feed_result_add_warning (AtrFeedResult *result,
                              const char    *warning)
{
  g_ptr_array_insert (result->warnings, result->warnings->len - 1, g_strdup (warning));
}

AtrFeed *
atr_feed_result_get_feed (AtrFeedResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->feed;
}

const char *
atr_feed_result_get_feed_url (AtrFeedResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->feed_url;
}

/**
 * atr_feed_result_is_stale:
 *
 * Returns: %TRUE when the feed is the last good copy from the cache, because the live
 *   fetch failed (the reason is among the warnings) or an offline load was asked for
 */
gboolean
atr_feed_result_is_stale (AtrFeedResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return result->stale;
}

/**
 * atr_feed_result_get_fetched:
 *
 * Returns: (transfer none): when the document was fetched ("stale since" for a stale one)
 */
GDateTime *
atr_feed_result_get_fetched (AtrFeedResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->fetched;
}

/**
 * atr_feed_result_get_endpoint:
 *
 * Returns: (nullable): the endpoint that served the feed ("127.0.0.2:8443"); %NULL for a
 *   feed from the cache
 */
const char *
atr_feed_result_get_endpoint (AtrFeedResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->endpoint;
}

/**
 * atr_feed_result_get_warnings:
 *
 * Returns: (transfer none): findings of the fetch (why a stale copy is shown, gateways that
 *   failed while another answered); the parser's own are in atr_feed_get_warnings()
 */
const char * const *
atr_feed_result_get_warnings (AtrFeedResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return (const char * const *) result->warnings->pdata;
}

/**
 * atr_feed_result_get_token:
 *
 * The RD Web sign-in token (the .ASPXAUTH cookie) the feed was fetched with: the one given
 * to atr_feed_client_set_token() when the server took it, or the one a new sign-in produced.
 * It is a secret: never log it; copies belong in the Secret Service only, and are wiped.
 *
 * Returns: (nullable): the token; %NULL when the server asked for none (no sign-in, HTTP
 *   authentication on the feed itself) and for a feed from the cache
 */
const char *
atr_feed_result_get_token (AtrFeedResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return result->token;
}

/**
 * atr_feed_result_get_token_renewed:
 *
 * Returns: %TRUE when the token is new: the fetch signed in (because no token was given,
 *   or the server refused the one given, e.g. because it had expired)
 */
gboolean
atr_feed_result_get_token_renewed (AtrFeedResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return result->token_renewed;
}

void
atr_feed_result_free (AtrFeedResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->feed, atr_feed_free);
  g_free (result->feed_url);
  g_free (result->endpoint);
  if (result->token != NULL)
    explicit_bzero (result->token, strlen (result->token));
  g_free (result->token);
  g_clear_pointer (&result->fetched, g_date_time_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_free (result);
}

void
_atr_feed_result_set_endpoint (AtrFeedResult *result,
                               const char    *endpoint)
{
  g_free (result->endpoint);
  result->endpoint = g_strdup (endpoint);
}

void
_atr_feed_result_set_token (AtrFeedResult *result,
                            const char    *token,
                            gboolean       renewed)
{
  if (result->token != NULL)
    explicit_bzero (result->token, strlen (result->token));
  g_free (result->token);
  result->token = g_strdup (token);
  result->token_renewed = token != NULL && renewed;
}
