/* atr-feed-redirect.c — which redirects a feed fetch follows, and which one is the sign-in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A feed fetch meets two kinds of redirect. Ordinary ones: IIS answers a folder URL without
 * its trailing slash with 301 to the folder (Microsoft's own _msradc value
 * https://host/RDWeb/Feed meets it), an old feed address may point at a new one. And the
 * sign-in redirect of RD Web's forms authentication ([MS-TSWP]; FORMATS.md §1), told apart
 * by where it goes, not by being a redirect: the RD Web sign-in page
 * (/RDWeb/FeedLogin/WebFeedLogin.aspx), raweb's (auth/loginfeed.aspx), or any page handed
 * the ASP.NET forms-authentication ReturnUrl parameter.
 *
 * Every redirect is followed only to https on the feed's own origin (scheme, host, port;
 * no downgrade, no other host), at most ATR_FEED_MAX_REDIRECTS times in one fetch and never
 * back to a URL this leg of the fetch already asked for. URLs are parsed with
 * G_URI_FLAGS_ENCODED: a Location is sent as the server wrote it (%2B, %3D, %26 stay),
 * up to RFC 3986's safe normalisation. Error messages name the host and path, never the
 * query (it may carry a token).
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-net-error.h"

#include "atr-feed-redirect.h"

#define URI_FLAGS (G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE)

struct _AtrFeedRedirects
{
  GUri      *feed_uri;
  GPtrArray *visited;  /* char *: URLs asked for in this leg, normalised */
  guint      hops;
};

static char *
normalised (GUri *uri)
{
  return g_uri_to_string (uri);
}

/**
 * atr_feed_redirects_new:
 * @feed_url: the https feed URL the fetch starts with; its origin is the only one followed
 *
 * Returns: (transfer full): the redirect state of one fetch, or %NULL with
 *   %ATR_NET_ERROR_INVALID_ADDRESS when @feed_url is not a URL
 */
AtrFeedRedirects *
atr_feed_redirects_new (const char  *feed_url,
                        GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  AtrFeedRedirects *self;

  g_return_val_if_fail (feed_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  uri = g_uri_parse (feed_url, URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("The feed URL is not a URL"));
      return NULL;
    }

  self = g_new0 (AtrFeedRedirects, 1);
  self->feed_uri = g_steal_pointer (&uri);
  self->visited = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->visited, normalised (self->feed_uri));
  return self;
}

void
atr_feed_redirects_free (AtrFeedRedirects *self)
{
  if (self == NULL)
    return;
  g_uri_unref (self->feed_uri);
  g_ptr_array_unref (self->visited);
  g_free (self);
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) == 0 &&
         g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) == 0 &&
         g_uri_get_port (a) == g_uri_get_port (b);
}

static gboolean
query_has_return_url (const char *query)
{
  g_auto(GStrv) params = NULL;

  if (query == NULL)
    return FALSE;
  params = g_strsplit (query, "&", -1);
  for (guint i = 0; params[i] != NULL; i++)
    if (g_ascii_strncasecmp (params[i], "ReturnUrl=", strlen ("ReturnUrl=")) == 0)
      return TRUE;
  return FALSE;
}

static AtrFeedRedirectKind
classify (GUri *uri)
{
  const char *path = g_uri_get_path (uri);
  const char *last = strrchr (path, '/');

  last = last != NULL ? last + 1 : path;
  if (g_ascii_strcasecmp (last, "WebFeedLogin.aspx") == 0 ||
      g_ascii_strcasecmp (last, "loginfeed.aspx") == 0 ||
      query_has_return_url (g_uri_get_query (uri)))
    return ATR_FEED_REDIRECT_SIGN_IN;
  return ATR_FEED_REDIRECT_ORDINARY;
}

/**
 * atr_feed_redirect_classify:
 * @url: an absolute URL a feed request was redirected to
 *
 * Returns: %ATR_FEED_REDIRECT_SIGN_IN when @url is a forms sign-in page (see the file comment)
 */
AtrFeedRedirectKind
atr_feed_redirect_classify (const char *url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (url != NULL, ATR_FEED_REDIRECT_ORDINARY);

  uri = g_uri_parse (url, URI_FLAGS, NULL);
  return uri != NULL ? classify (uri) : ATR_FEED_REDIRECT_ORDINARY;
}

/* "host/path" for messages: the query is left out. */
static char *
describe (GUri *uri)
{
  return g_strdup_printf ("%s%s", g_uri_get_host (uri) ? g_uri_get_host (uri) : "",
                          g_uri_get_path (uri));
}

/**
 * atr_feed_redirects_next:
 * @from_url: the URL that answered with a redirect
 * @location: (nullable): its Location header
 * @kind: (out): whether the target is the sign-in page
 *
 * Counts one hop and checks where it goes.
 *
 * Returns: (transfer full): the URL to ask next, or %NULL with %ATR_NET_ERROR_BAD_DATA (no
 *   usable Location, not https, another origin) or %ATR_NET_ERROR_HTTP (a loop, too many
 *   redirects)
 */
char *
atr_feed_redirects_next (AtrFeedRedirects     *self,
                         const char           *from_url,
                         const char           *location,
                         AtrFeedRedirectKind  *kind,
                         GError              **error)
{
  const char *host = g_uri_get_host (self->feed_uri);
  g_autoptr(GUri) from = NULL;
  g_autoptr(GUri) target = NULL;
  g_autofree char *target_url = NULL;
  g_autofree char *where = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (from_url != NULL, NULL);
  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  from = g_uri_parse (from_url, URI_FLAGS, NULL);
  if (from != NULL && location != NULL && *location != '\0')
    target = g_uri_parse_relative (from, location, URI_FLAGS, NULL);
  if (target == NULL || g_uri_get_host (target) == NULL)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                   _("%s redirected the feed without a usable Location"), host);
      return NULL;
    }

  where = describe (target);
  if (g_ascii_strcasecmp (g_uri_get_scheme (target), "https") != 0)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                   _("%s redirected the feed to %s://%s; only https is followed"),
                   host, g_uri_get_scheme (target), where);
      return NULL;
    }
  if (!same_origin (self->feed_uri, target) || g_uri_get_userinfo (target) != NULL)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                   _("%s redirected the feed to %s, which is not the feed's own origin"),
                   host, where);
      return NULL;
    }

  target_url = normalised (target);
  for (guint i = 0; i < self->visited->len; i++)
    if (strcmp (g_ptr_array_index (self->visited, i), target_url) == 0)
      {
        g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_HTTP,
                     _("%s redirected the feed in a loop (back to %s)"), host, where);
        return NULL;
      }
  if (++self->hops > ATR_FEED_MAX_REDIRECTS)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_HTTP,
                   _("%s redirected the feed more than %d times (the last to %s)"),
                   host, ATR_FEED_MAX_REDIRECTS, where);
      return NULL;
    }

  g_ptr_array_add (self->visited, g_strdup (target_url));
  *kind = classify (target);
  return g_steal_pointer (&target_url);
}

/**
 * atr_feed_redirects_restart:
 * @url: the URL asked for next (the feed again, after a sign-in)
 *
 * Starts a new leg: the URLs asked for so far may be asked for again (the feed after its
 * sign-in), the hop count stays.
 */
void
atr_feed_redirects_restart (AtrFeedRedirects *self,
                            const char       *url)
{
  g_autoptr(GUri) uri = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (url != NULL);

  g_ptr_array_set_size (self->visited, 0);
  uri = g_uri_parse (url, URI_FLAGS, NULL);
  if (uri != NULL)
    g_ptr_array_add (self->visited, normalised (uri));
}
