/* atr-feed-client.c — fetch a tenant's workspace feed: sign-in, failover, parse, cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-feed-client-private.h"
#include "atr-feed-redirect.h"
#include "atr-feed-result-private.h"
#include "atr-feed-token.h"
#include "atr-tenant-cache.h"
#include "atr-net-error.h"

#include "atr-feed-client.h"

struct _AtrFeedClient
{
  GObject        parent_instance;

  AtrHttpClient *http;
  char          *tenant_id;
  char          *user;
  char          *password;
  char          *token;      /* secret: the last token the server took or gave */
  char         **extra_origins;
  guint          attempt_timeout_ms;
  guint          credentials_serial; /* bumped by every atr_feed_client_set_credentials() */
  guint          refused_serial;     /* the credentials the server refused, or 0 */
};

G_DEFINE_FINAL_TYPE (AtrFeedClient, atr_feed_client, G_TYPE_OBJECT)

typedef enum
{
  STEP_FEED,
  STEP_LOGIN,
  STEP_FEED_WITH_TOKEN,
} FetchStep;

typedef struct
{
  AtrFeedClient *client;
  char          *feed_url;   /* where the feed is: moves with ordinary redirects */
  char          *request_url; /* what the latest request asked for */
  AtrFeedRedirects *redirects;
  char          *endpoint;   /* pinned once a sign-in flow started */
  char          *token;      /* secret */
  GPtrArray     *warnings;
  FetchStep      step;
  gboolean       renewed;    /* token comes from this fetch's sign-in */
} FetchState;

static void send_request (GTask *task, const char *url);
static gboolean auth_cb (AtrHttpRequest *request, SoupMessage *msg, SoupAuth *auth,
                         gboolean retrying, gpointer user_data);

/* The HTTPS client's other fetches (icons, .rdp files) are signed in as the feed is: they
 * carry the token the feed took or gave, and answer HTTP sign-in with the credentials. */
static void
sync_sign_in (AtrFeedClient *self)
{
  atr_http_client_set_sign_in_cookie (self->http, ATR_FEED_TOKEN_COOKIE, self->token);
}

static void
fetch_state_free (gpointer data)
{
  FetchState *state = data;

  g_clear_object (&state->client);
  g_free (state->feed_url);
  g_free (state->request_url);
  g_clear_pointer (&state->redirects, atr_feed_redirects_free);
  g_free (state->endpoint);
  atr_feed_token_wipe (&state->token);
  g_clear_pointer (&state->warnings, g_ptr_array_unref);
  g_free (state);
}

static void
atr_feed_client_finalize (GObject *object)
{
  AtrFeedClient *self = ATR_FEED_CLIENT (object);

  atr_http_client_set_sign_in_cookie (self->http, NULL, NULL);
  g_clear_object (&self->http);
  g_free (self->tenant_id);
  g_free (self->user);
  atr_feed_token_wipe (&self->password);
  atr_feed_token_wipe (&self->token);
  g_strfreev (self->extra_origins);

  G_OBJECT_CLASS (atr_feed_client_parent_class)->finalize (object);
}

static void
atr_feed_client_class_init (AtrFeedClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_feed_client_finalize;
}

static void
atr_feed_client_init (AtrFeedClient *self)
{
}

/**
 * atr_feed_client_new:
 * @http: the HTTPS client of the feed's host (trust store, endpoints, failover)
 * @tenant_id: (nullable): where the last good feed is kept; %NULL keeps nothing
 */
AtrFeedClient *
atr_feed_client_new (AtrHttpClient *http,
                     const char    *tenant_id)
{
  AtrFeedClient *self;

  g_return_val_if_fail (ATR_IS_HTTP_CLIENT (http), NULL);

  self = g_object_new (ATR_TYPE_FEED_CLIENT, NULL);
  self->http = g_object_ref (http);
  self->tenant_id = g_strdup (tenant_id);
  atr_http_client_set_sign_in_auth (http, auth_cb, G_OBJECT (self));

  return self;
}

/**
 * atr_feed_client_set_credentials:
 * @user: (nullable): "user", "DOMAIN\user" or "user@domain"; %NULL forgets them
 * @password: (nullable): copied, and wiped from memory when replaced or finalized
 *
 * A sign-in token belongs to the user who signed in: this forgets it too.
 */
void
atr_feed_client_set_credentials (AtrFeedClient *self,
                                 const char    *user,
                                 const char    *password)
{
  g_return_if_fail (ATR_IS_FEED_CLIENT (self));

  g_free (self->user);
  atr_feed_token_wipe (&self->password);
  atr_feed_token_wipe (&self->token);
  self->user = g_strdup (user);
  self->password = user != NULL ? g_strdup (password != NULL ? password : "") : NULL;
  self->credentials_serial++;
  sync_sign_in (self);
  /* New connections and no auth cached by libsoup: an NTLM connection or a cache entry
   * left by refused credentials must not answer for the new ones, nor outlive a sign-out. */
  atr_http_client_forget_sessions (self->http);
}


/**
 * atr_feed_client_set_token:
 * @token: (nullable): an RD Web sign-in token (.ASPXAUTH) from an earlier sign-in, e.g.
 *   remembered in the Secret Service; %NULL forgets it
 *
 * The next fetches send @token first. When the server refuses it (it answers with its
 * sign-in page: the token expired or was revoked), the client signs in again with the
 * credentials and atr_feed_result_get_token() is the new token (see
 * atr_feed_result_get_token_renewed()); without credentials the fetch fails with
 * %ATR_NET_ERROR_AUTH. After each sign-in the client keeps the new token for its next
 * fetches. Call after atr_feed_client_set_credentials(), which forgets it.
 *
 * Returns: %FALSE with %ATR_NET_ERROR_BAD_DATA (the token is not kept, nor named in the
 *   message) when @token could not be a cookie value: empty, too long, or with spaces,
 *   control characters, ';' or ','
 */
gboolean
atr_feed_client_set_token (AtrFeedClient  *self,
                           const char     *token,
                           GError        **error)
{
  g_return_val_if_fail (ATR_IS_FEED_CLIENT (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  atr_feed_token_wipe (&self->token);
  sync_sign_in (self);
  if (token == NULL)
    return TRUE;

  if (!atr_feed_token_is_valid (token, strnlen (token, ATR_FEED_TOKEN_MAX_SIZE + 1)))
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                   _("The sign-in token given for %s is malformed (not a cookie value of "
                   "1 to %d printable characters)"), self->tenant_id ? self->tenant_id : "the feed",
                   ATR_FEED_TOKEN_MAX_SIZE);
      return FALSE;
    }
  self->token = g_strdup (token);
  sync_sign_in (self);
  return TRUE;
}

/**
 * atr_feed_client_set_extra_origins:
 * @origins: (nullable): "https://host[:port]" origins besides the feed's own that resource
 *   and icon URLs may point at (the tenant's declared hosts)
 */
void
atr_feed_client_set_extra_origins (AtrFeedClient      *self,
                                   const char * const *origins)
{
  g_return_if_fail (ATR_IS_FEED_CLIENT (self));

  g_strfreev (self->extra_origins);
  self->extra_origins = g_strdupv ((char **) origins);
}

/**
 * atr_feed_client_set_attempt_timeout:
 * @timeout_ms: deadline of each endpoint attempt (connect + TLS + first byte); 0 = default
 */
void
atr_feed_client_set_attempt_timeout (AtrFeedClient *self,
                                     guint          timeout_ms)
{
  g_return_if_fail (ATR_IS_FEED_CLIENT (self));
  self->attempt_timeout_ms = timeout_ms;
}

/* The live fetch */

static void
fallback_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  AtrFeedResult *result = atr_feed_client_load_cached_finish (res, &error);

  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) atr_feed_result_free);
}

/* Network trouble and refused documents fall back to the last good list; certificate and
 * sign-in failures need the user, so they are returned as they are. */
static void
fail_or_fall_back (GTask  *task,
                   GError *error)
{
  FetchState *state = g_task_get_task_data (task);
  gboolean fall_back;

  fall_back = state->client->tenant_id != NULL &&
              error->domain == ATR_NET_ERROR &&
              (error->code == ATR_NET_ERROR_DNS ||
               error->code == ATR_NET_ERROR_CONNECT ||
               error->code == ATR_NET_ERROR_TIMEOUT ||
               error->code == ATR_NET_ERROR_TLS ||
               error->code == ATR_NET_ERROR_HTTP ||
               error->code == ATR_NET_ERROR_BAD_DATA);

  if (!fall_back)
    {
      g_task_return_error (task, error);
      return;
    }

  /* The live error is what the user must see if there is no cached list either. */
  _atr_feed_client_load_cached (state->client->tenant_id,
                                (const char * const *) state->client->extra_origins,
                                error, state->warnings, g_task_get_cancellable (task),
                                fallback_cb, g_object_ref (task));
  g_error_free (error);
}

typedef struct
{
  GBytes         *document;
  char           *feed_url;
  char           *tenant_id;
  char          **extra_origins;
  char           *served_as;  /* a content type that is not a feed's, or "": read if it is one */
} ParseJob;

static void
parse_job_free (gpointer data)
{
  ParseJob *job = data;

  g_clear_pointer (&job->document, g_bytes_unref);
  g_free (job->feed_url);
  g_free (job->tenant_id);
  g_strfreev (job->extra_origins);
  g_free (job->served_as);
  g_free (job);
}

/* Parsing a large feed and writing the cache happen off the main thread. */
static void
parse_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ParseJob *job = task_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  AtrFeedResult *result;
  AtrFeed *feed;
  gsize length = 0;
  const char *data = g_bytes_get_data (job->document, &length);

  feed = atr_feed_parse (data, length, job->feed_url,
                         (const char * const *) job->extra_origins, &error);
  if (feed == NULL && job->served_as != NULL)
    {
      /* Served as something else and not a feed either: what it was served as is the news. */
      g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                               _("%s answered with %s instead of a workspace feed"), job->feed_url,
                               *job->served_as != '\0' ? job->served_as : "no content type");
      return;
    }
  if (feed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = _atr_feed_result_new (feed, job->feed_url, now, FALSE);
  if (job->served_as != NULL)
    {
      g_autofree char *warning = g_strdup_printf (
        "%s served the workspace feed as %s, not application/x-msts-radc+xml; it was read "
        "because it is a well-formed feed", job->feed_url,
        *job->served_as != '\0' ? job->served_as : "no content type");

      _atr_feed_result_add_warning (result, warning);
    }
  if (job->tenant_id != NULL)
    {
      g_autoptr(AtrTenantCache) cache = atr_tenant_cache_new (job->tenant_id, &error);

      if (cache == NULL ||
          !atr_tenant_cache_store (cache, ATR_FEED_CACHE_NAME, job->feed_url, NULL,
                                   job->document, &error))
        _atr_feed_result_add_warning (result, error->message);
    }

  g_task_return_pointer (task, result, (GDestroyNotify) atr_feed_result_free);
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchState *state = g_task_get_task_data (task);
  GError *error = NULL;
  AtrFeedResult *result = g_task_propagate_pointer (G_TASK (res), &error);

  if (result == NULL)
    {
      fail_or_fall_back (task, error);
      return;
    }

  _atr_feed_result_set_endpoint (result, state->endpoint);
  _atr_feed_result_set_token (result, state->token, state->renewed);
  /* The token the server took or gave serves the next fetches too. */
  if (state->token != NULL && g_strcmp0 (state->client->token, state->token) != 0)
    {
      atr_feed_token_wipe (&state->client->token);
      state->client->token = g_strdup (state->token);
      sync_sign_in (state->client);
    }
  for (guint i = 0; i < state->warnings->len; i++)
    _atr_feed_result_add_warning (result, g_ptr_array_index (state->warnings, i));
  g_task_return_pointer (task, result, (GDestroyNotify) atr_feed_result_free);
}

static gboolean
content_type_is_feed (const char *type)
{
  return g_ascii_strcasecmp (type, "application/x-msts-radc+xml") == 0 ||
         g_ascii_strcasecmp (type, "text/xml") == 0 ||
         g_ascii_strcasecmp (type, "application/xml") == 0;
}

static void
handle_feed (GTask           *task,
             AtrHttpResponse *response,
             GBytes          *body)
{
  FetchState *state = g_task_get_task_data (task);
  const char *type = atr_http_response_get_content_type (response);
  g_autoptr(GTask) parse_task = NULL;
  gboolean sniff;
  ParseJob *job;

  /* raweb 2020–2024 set no type on its feed, so ASP.NET sent its default, text/html; a
   * bare handler may send none. Such a body is read when it is a feed, with a warning (the
   * issue reports that Windows' client reads it); a real HTML page is still refused
   * (parse_thread). */
  sniff = type == NULL || g_ascii_strcasecmp (type, "text/html") == 0;
  if (!sniff && !content_type_is_feed (type))
    {
      fail_or_fall_back (task, g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                                            _("%s answered with %s instead of a workspace feed"),
                                            state->feed_url, type));
      return;
    }

  job = g_new0 (ParseJob, 1);
  job->document = g_bytes_ref (body);
  job->feed_url = g_strdup (state->feed_url);
  job->tenant_id = g_strdup (state->client->tenant_id);
  job->extra_origins = g_strdupv (state->client->extra_origins);
  job->served_as = sniff ? g_strdup (type != NULL ? type : "") : NULL;

  parse_task = g_task_new (NULL, g_task_get_cancellable (task), parsed_cb, g_object_ref (task));
  g_task_set_task_data (parse_task, job, parse_job_free);
  g_task_run_in_thread (parse_task, parse_thread);
}

/* A 3xx: an ordinary redirect is followed; the sign-in redirect starts the sign-in (see
 * atr-feed-redirect.c for which is which and what is refused). */
static void
handle_redirect (GTask           *task,
                 AtrHttpResponse *response)
{
  FetchState *state = g_task_get_task_data (task);
  g_autoptr(GUri) feed_uri = g_uri_parse (state->feed_url, G_URI_FLAGS_ENCODED, NULL);
  g_autofree char *target_url = NULL;
  g_autoptr(GError) error = NULL;
  AtrFeedRedirectKind kind;

  g_assert (state->redirects != NULL);  /* a URL that is none is never answered */
  target_url = atr_feed_redirects_next (state->redirects, state->request_url,
                                        atr_http_response_get_header (response, "Location"),
                                        &kind, &error);
  if (target_url == NULL)
    {
      fail_or_fall_back (task, g_steal_pointer (&error));
      return;
    }

  /* The feed moved, or the sign-in page sends on to itself elsewhere: ask there. Relative
   * resource URLs are then read against where the feed really is. */
  if (kind == ATR_FEED_REDIRECT_ORDINARY || state->step == STEP_LOGIN)
    {
      if (state->step != STEP_LOGIN)
        {
          g_free (state->feed_url);
          state->feed_url = g_strdup (target_url);
        }
      send_request (task, target_url);
      return;
    }

  if (state->step == STEP_FEED_WITH_TOKEN)
    {
      g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_AUTH,
                               _("%s refused the sign-in token and asked to sign in again"),
                               g_uri_get_host (feed_uri));
      return;
    }

  if (state->step == STEP_FEED && state->token != NULL)
    {
      /* The token given (remembered) was refused: expired or revoked. It is useless now,
       * also for the client's next fetches; sign in again when we can. */
      if (g_strcmp0 (state->client->token, state->token) == 0)
        {
          atr_feed_token_wipe (&state->client->token);
          sync_sign_in (state->client);
        }
      atr_feed_token_wipe (&state->token);
      g_debug ("%s refused the sign-in token given; signing in again",
               g_uri_get_host (feed_uri));
      if (state->client->user == NULL)
        {
          g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_AUTH,
                                   _("%s refused the remembered sign-in token (expired or "
                                   "revoked), and no credentials were given to sign in again"),
                                   g_uri_get_host (feed_uri));
          return;
        }
    }

  if (state->client->user == NULL)
    {
      g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_AUTH,
                               _("Sign-in required by %s, and no credentials were given"),
                               g_uri_get_host (feed_uri));
      return;
    }

  g_free (state->endpoint);
  state->endpoint = g_strdup (atr_http_response_get_endpoint (response));
  state->step = STEP_LOGIN;
  send_request (task, target_url);
}

/* The sign-in page answered: its body is the token for the .ASPXAUTH cookie. */
static void
handle_login (GTask           *task,
              AtrHttpResponse *response,
              GBytes          *body)
{
  FetchState *state = g_task_get_task_data (task);
  const char *type = atr_http_response_get_content_type (response);
  g_autoptr(GUri) feed_uri = g_uri_parse (state->feed_url, G_URI_FLAGS_ENCODED, NULL);
  const char *host = feed_uri ? g_uri_get_host (feed_uri) : state->feed_url;
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);
  g_autofree char *token = NULL;

  if (g_ascii_strcasecmp (type ? type : "", "application/x-msts-webfeed-login") != 0)
    {
      g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_AUTH,
                               _("The sign-in page of %s answered with %s; only HTTP sign-in "
                               "(NTLM, Negotiate, Basic) is supported for feeds"),
                               host, type ? type : "no content type");
      return;
    }

  token = g_strndup (data, length);
  g_strstrip (token);
  if (!atr_feed_token_is_valid (token, strlen (token)))
    {
      atr_feed_token_wipe (&token);
      fail_or_fall_back (task, g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                                            _("The sign-in token from %s is malformed "
                                              "(%lu bytes)"), host, (unsigned long) length));
      return;
    }

  atr_feed_token_wipe (&state->token);
  state->token = g_steal_pointer (&token);
  state->renewed = TRUE;
  state->step = STEP_FEED_WITH_TOKEN;
  atr_feed_redirects_restart (state->redirects, state->feed_url);
  send_request (task, state->feed_url);
}

static void
response_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchState *state = g_task_get_task_data (task);
  g_autoptr(AtrHttpResponse) response = NULL;
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  const char * const *warnings;
  guint status;

  body = atr_http_fetch_finish (ATR_HTTP_CLIENT (source), res, &response, &error);

  if (response != NULL && (warnings = atr_http_response_get_warnings (response)) != NULL)
    for (guint i = 0; warnings[i] != NULL; i++)
      g_ptr_array_add (state->warnings, g_strdup (warnings[i]));

  if (body == NULL)
    {
      if (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH) &&
          state->client->user == NULL)
        {
          g_autoptr(GUri) uri = g_uri_parse (state->feed_url, G_URI_FLAGS_ENCODED, NULL);

          g_clear_error (&error);
          g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_AUTH,
                                   _("Sign-in required by %s, and no credentials were given"),
                                   uri ? g_uri_get_host (uri) : state->feed_url);
          return;
        }
      fail_or_fall_back (task, error);
      return;
    }

  if (state->endpoint == NULL)
    state->endpoint = g_strdup (atr_http_response_get_endpoint (response));

  status = atr_http_response_get_status (response);
  if (status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
      status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
      status == SOUP_STATUS_PERMANENT_REDIRECT)
    {
      handle_redirect (task, response);
      return;
    }

  if (status != SOUP_STATUS_OK)
    {
      fail_or_fall_back (task, g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_HTTP,
                                            _("%s answered %u %s"), atr_http_response_get_url (response),
                                            status, atr_http_response_get_reason (response)));
      return;
    }

  if (state->step == STEP_LOGIN)
    handle_login (task, response, body);
  else
    handle_feed (task, response, body);
}

#define AUTH_SERIAL_KEY "atr-feed-client-auth-serial"

static gboolean
auth_cb (AtrHttpRequest *request,
         SoupMessage    *msg,
         SoupAuth       *auth,
         gboolean        retrying,
         gpointer        user_data)
{
  AtrFeedClient *client = user_data;
  guint answered = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (msg), AUTH_SERIAL_KEY));

  if (client->user == NULL)
    return FALSE;

  /* libsoup says "retrying" whenever this message was refused before, also when what it
   * sent came from its cache of older credentials. Only ours, sent with this message and
   * refused, mean that these credentials are wrong. */
  if (retrying && answered == client->credentials_serial)
    client->refused_serial = client->credentials_serial;

  /* Credentials refused once are not sent again (no lock-out by retries); new ones, typed
   * since, are. */
  if (client->refused_serial == client->credentials_serial)
    return FALSE;

  g_object_set_data (G_OBJECT (msg), AUTH_SERIAL_KEY,
                     GUINT_TO_POINTER (client->credentials_serial));
  soup_auth_authenticate (auth, client->user, client->password);
  return TRUE;
}

static void
send_request (GTask      *task,
              const char *url)
{
  FetchState *state = g_task_get_task_data (task);
  g_autoptr(AtrHttpRequest) request = atr_http_request_new ("GET", url);

  if (state->request_url != url)
    {
      g_free (state->request_url);
      state->request_url = g_strdup (url);
    }
  if (state->step != STEP_LOGIN)
    {
      atr_http_request_set_header (request, "Accept", ATR_FEED_ACCEPT);
      atr_http_request_set_max_size (request, ATR_FEED_MAX_SIZE);
    }
  else
    {
      atr_http_request_set_max_size (request, ATR_FEED_TOKEN_MAX_SIZE);
    }

  if (state->client->attempt_timeout_ms > 0)
    atr_http_request_set_attempt_timeout (request, state->client->attempt_timeout_ms);
  if (state->step != STEP_FEED)
    atr_http_request_set_endpoint (request, state->endpoint);
  if (state->token != NULL)
    atr_http_request_set_cookie (request, ATR_FEED_TOKEN_COOKIE, state->token);

  atr_http_request_set_auth_func (request, auth_cb, g_object_ref (state->client),
                                  g_object_unref);
  atr_http_fetch_async (state->client->http, request, g_task_get_cancellable (task),
                        response_cb, g_object_ref (task));
}

/**
 * atr_feed_client_fetch_async:
 * @feed_url: the https feed URL (from discovery or the tenant manifest)
 *
 * Fetches, signs in when asked to, parses and caches the feed; see the file comment for
 * when a stale copy is returned instead.
 */
void
atr_feed_client_fetch_async (AtrFeedClient       *self,
                             const char          *feed_url,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchState *state;

  g_return_if_fail (ATR_IS_FEED_CLIENT (self));
  g_return_if_fail (feed_url != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_feed_client_fetch_async);

  state = g_new0 (FetchState, 1);
  state->client = g_object_ref (self);
  state->feed_url = g_strdup (feed_url);
  state->warnings = g_ptr_array_new_with_free_func (g_free);
  state->token = g_strdup (self->token);
  state->step = STEP_FEED;
  /* NULL for a URL that is none: the request fails with the HTTP client's error. */
  state->redirects = atr_feed_redirects_new (feed_url, NULL);
  g_task_set_task_data (task, state, fetch_state_free);

  send_request (task, feed_url);
}

AtrFeedResult *
atr_feed_client_fetch_finish (AtrFeedClient  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (ATR_IS_FEED_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
