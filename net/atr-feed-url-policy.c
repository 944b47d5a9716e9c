/* atr-feed-url-policy.c — resolves feed URLs and keeps them on the feed's origin
 *
 * A feed names its .rdp files and icons by URLs, often relative to the feed URL and carrying
 * query strings (`?hash=…`, sometimes tokens). The policy resolves them with GUri, keeps the
 * query verbatim (G_URI_FLAGS_ENCODED), and accepts only https URLs on the feed's origin
 * (scheme, host, port) or on an extra origin the tenant declares. Reasons and hosts it hands
 * back never contain the query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "atr-net-error.h"

#include "atr-feed-url-policy.h"

#define URI_FLAGS (G_URI_FLAGS_ENCODED | G_URI_FLAGS_SCHEME_NORMALIZE)

typedef struct
{
  char *host;   /* lower case */
  int   port;
} AtrOrigin;

struct _AtrFeedUrlPolicy
{
  GUri   *feed_uri;
  char   *feed_host;
  GArray *origins;   /* of AtrOrigin; [0] is the feed's own when it is https */
};

static void
clear_origin (gpointer data)
{
  AtrOrigin *origin = data;

  g_free (origin->host);
}

static int
effective_port (GUri *uri)
{
  int port = g_uri_get_port (uri);

  return port > 0 ? port : 443;
}

static gboolean
is_https (GUri *uri)
{
  return g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
}

static void
add_origin (AtrFeedUrlPolicy *policy,
            GUri             *uri)
{
  AtrOrigin origin;

  origin.host = g_ascii_strdown (g_uri_get_host (uri), -1);
  origin.port = effective_port (uri);
  g_array_append_val (policy->origins, origin);
}

/**
 * atr_feed_url_policy_new:
 * @feed_url: the absolute URL the feed was fetched from
 * @extra_origins: (nullable): more "https://host[:port]" origins the tenant declares
 *
 * An unparseable extra origin is skipped (it comes from the tenant manifest, which is
 * validated where it is parsed); a feed URL that is not absolute is an error.
 */
AtrFeedUrlPolicy *
atr_feed_url_policy_new (const char         *feed_url,
                         const char * const *extra_origins,
                         GError            **error)
{
  g_autoptr(AtrFeedUrlPolicy) policy = NULL;
  g_autoptr(GUri) feed_uri = NULL;

  g_return_val_if_fail (feed_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  feed_uri = g_uri_parse (feed_url, URI_FLAGS, NULL);
  if (feed_uri == NULL || g_uri_get_host (feed_uri) == NULL || *g_uri_get_host (feed_uri) == '\0')
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("The feed URL is not an absolute URL with a host"));
      return NULL;
    }

  policy = g_new0 (AtrFeedUrlPolicy, 1);
  policy->feed_uri = g_steal_pointer (&feed_uri);
  policy->feed_host = g_ascii_strdown (g_uri_get_host (policy->feed_uri), -1);
  policy->origins = g_array_new (FALSE, FALSE, sizeof (AtrOrigin));
  g_array_set_clear_func (policy->origins, clear_origin);

  if (is_https (policy->feed_uri))
    add_origin (policy, policy->feed_uri);

  for (guint i = 0; extra_origins != NULL && extra_origins[i] != NULL; i++)
    {
      g_autoptr(GUri) uri = g_uri_parse (extra_origins[i], URI_FLAGS, NULL);

      if (uri == NULL || !is_https (uri) || g_uri_get_host (uri) == NULL)
        {
          g_debug ("Ignoring extra feed origin that is not https://host[:port]");
          continue;
        }
      add_origin (policy, uri);
    }

  return g_steal_pointer (&policy);
}

const char *
atr_feed_url_policy_get_feed_host (AtrFeedUrlPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, NULL);
  return policy->feed_host;
}

static gboolean
on_origin (AtrFeedUrlPolicy *policy,
           GUri             *uri)
{
  const char *host = g_uri_get_host (uri);
  int port = effective_port (uri);

  for (guint i = 0; i < policy->origins->len; i++)
    {
      AtrOrigin *origin = &g_array_index (policy->origins, AtrOrigin, i);

      if (origin->port == port && g_ascii_strcasecmp (origin->host, host) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_rdp_suffix (const char *path)
{
  gsize len = strlen (path);

  return len >= 4 && g_ascii_strcasecmp (path + len - 4, ".rdp") == 0;
}

/**
 * atr_feed_url_policy_resolve:
 * @reference: a URL from the feed, absolute or relative to the feed URL (no surrounding space)
 * @want_rdp: whether the path must end in ".rdp"
 * @host: (out) (optional): the host the URL points at, or "?" when it has none
 * @reason: (out): why the URL was refused, when it was
 *
 * Returns: (transfer full) (nullable): the absolute URL with its query string kept verbatim,
 *   or %NULL when it is refused.
 */
char *
atr_feed_url_policy_resolve (AtrFeedUrlPolicy  *policy,
                             const char        *reference,
                             gboolean           want_rdp,
                             char             **host,
                             const char       **reason)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (reference != NULL, NULL);
  g_return_val_if_fail (reason != NULL, NULL);

  *reason = NULL;
  if (host != NULL)
    *host = NULL;

  uri = g_uri_parse_relative (policy->feed_uri, reference, URI_FLAGS, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      *reason = "is not a valid URL";
      if (host != NULL)
        *host = g_strdup ("?");
      return NULL;
    }

  if (host != NULL)
    *host = g_strdup (g_uri_get_host (uri));

  if (!is_https (uri))
    *reason = "is not https";
  else if (g_uri_get_userinfo (uri) != NULL)
    *reason = "carries user information";
  else if (!on_origin (policy, uri))
    *reason = "is not on the feed's origin";
  else if (want_rdp && !has_rdp_suffix (g_uri_get_path (uri)))
    *reason = "is not a .rdp file";

  if (*reason != NULL)
    return NULL;

  /* GUri keeps the host's case: lower it so equal URLs compare equal. */
  for (const char *p = g_uri_get_host (uri); *p != '\0'; p++)
    if (g_ascii_isupper (*p))
      {
        g_autofree char *lower = g_ascii_strdown (g_uri_get_host (uri), -1);
        g_autoptr(GUri) lowered = g_uri_build (g_uri_get_flags (uri), g_uri_get_scheme (uri),
                                               NULL, lower, g_uri_get_port (uri),
                                               g_uri_get_path (uri), g_uri_get_query (uri),
                                               g_uri_get_fragment (uri));

        return g_uri_to_string (lowered);
      }

  return g_uri_to_string (uri);
}

void
atr_feed_url_policy_free (AtrFeedUrlPolicy *policy)
{
  if (policy == NULL)
    return;

  g_clear_pointer (&policy->feed_uri, g_uri_unref);
  g_free (policy->feed_host);
  g_clear_pointer (&policy->origins, g_array_unref);
  g_free (policy);
}
