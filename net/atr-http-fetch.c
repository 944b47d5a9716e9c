/* atr-http-fetch.c — one fetch: resolve the endpoints, drive the failover plan, read the body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-failover.h"
#include "atr-http-fetch-private.h"
#include "atr-http-private.h"
#include "atr-net-error.h"
#include "atr-resolver.h"
#include "atr-http.h"

#define READ_CHUNK (64 * 1024)

typedef struct _Fetch Fetch;

typedef struct
{
  char               *label;
  GInetSocketAddress *address;
} Endpoint;

typedef struct
{
  Fetch        *fetch;
  guint         index;
  SoupMessage  *msg;
  GCancellable *cancellable;
  GError       *error;   /* why this endpoint failed (ATR_NET_ERROR) */
} Attempt;

struct _Fetch
{
  AtrHttpClient   *client;
  AtrHttpRequest  *request;
  GTask           *task;       /* weak: the task owns the Fetch */
  GUri            *uri;
  char            *url;
  guint16          port;

  guint            pending_lookups;
  GPtrArray       *endpoints;  /* Endpoint */
  GPtrArray       *dns_errors; /* char * */
  AtrFailoverPlan *plan;
  Attempt        **attempts;
  GSource         *timer;
  GSource         *read_timer;
  GSource         *cancel_source;

  Attempt         *winner;
  GInputStream    *body_stream;
  GByteArray      *body;
  AtrHttpResponse *failed_response; /* the last 5xx, returned with an HTTP error */
  GPtrArray       *tried;
  GPtrArray       *warnings;
  gboolean         completed;
};

typedef struct
{
  GBytes          *body;
  AtrHttpResponse *response;
  GError          *error;
} FetchResult;

static void drive (Fetch *fetch);

static void
endpoint_free (gpointer data)
{
  Endpoint *e = data;

  g_free (e->label);
  g_clear_object (&e->address);
  g_free (e);
}

static void
attempt_free (Attempt *a)
{
  if (a == NULL)
    return;
  g_clear_object (&a->msg);
  g_clear_object (&a->cancellable);
  g_clear_error (&a->error);
  g_free (a);
}

static void
fetch_free (gpointer data)
{
  Fetch *fetch = data;

  g_assert (fetch->timer == NULL && fetch->read_timer == NULL && fetch->cancel_source == NULL);
  if (fetch->attempts != NULL)
    for (guint i = 0; i < fetch->endpoints->len; i++)
      attempt_free (fetch->attempts[i]);
  g_free (fetch->attempts);
  g_clear_pointer (&fetch->plan, atr_failover_plan_unref);
  g_clear_object (&fetch->client);
  g_clear_object (&fetch->request);
  g_clear_pointer (&fetch->uri, g_uri_unref);
  g_free (fetch->url);
  g_ptr_array_unref (fetch->endpoints);
  g_ptr_array_unref (fetch->dns_errors);
  g_clear_object (&fetch->body_stream);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_clear_object (&fetch->failed_response);
  g_ptr_array_unref (fetch->tried);
  g_ptr_array_unref (fetch->warnings);
  g_free (fetch);
}

static void
fetch_result_free (gpointer data)
{
  FetchResult *r = data;

  g_clear_pointer (&r->body, g_bytes_unref);
  g_clear_object (&r->response);
  g_clear_error (&r->error);
  g_free (r);
}

static gint64
now (void)
{
  return g_get_monotonic_time ();
}

static void
clear_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

static const char *
endpoint_label (Fetch *fetch,
                guint  i)
{
  return ((Endpoint *) g_ptr_array_index (fetch->endpoints, i))->label;
}

static AtrHttpResponse *
make_response (Fetch       *fetch,
               SoupMessage *msg,
               const char  *label)
{
  g_ptr_array_add (fetch->tried, NULL);
  g_ptr_array_add (fetch->warnings, NULL);
  AtrHttpResponse *response =
    _atr_http_response_new (msg, fetch->url, label, (const char *const *) fetch->tried->pdata,
                            (const char *const *) fetch->warnings->pdata);
  g_ptr_array_remove_index (fetch->tried, fetch->tried->len - 1);
  g_ptr_array_remove_index (fetch->warnings, fetch->warnings->len - 1);
  return response;
}

/* Finish the fetch: stop everything, write the plan's outcome into the memory, return. */
static void
complete (Fetch           *fetch,
          GBytes          *body,
          AtrHttpResponse *response,
          GError          *error)
{
  GTask *task = fetch->task;
  FetchResult *r;

  if (fetch->completed)
    return;
  fetch->completed = TRUE;

  clear_source (&fetch->timer);
  clear_source (&fetch->read_timer);
  clear_source (&fetch->cancel_source);
  if (fetch->attempts != NULL)
    for (guint i = 0; i < fetch->endpoints->len; i++)
      if (fetch->attempts[i] != NULL)
        g_cancellable_cancel (fetch->attempts[i]->cancellable);
  if (fetch->plan != NULL)
    atr_failover_plan_update_memory (fetch->plan, atr_http_client_get_memory (fetch->client),
                                     g_get_real_time ());

  r = g_new0 (FetchResult, 1);
  r->body = body;
  r->response = response;
  r->error = error;
  g_task_return_pointer (task, r, fetch_result_free);
  g_object_unref (task); /* the ref the fetch held while running */
}

/* --- errors --- */

/* Every endpoint failed: one error naming each, in the order they were tried. */
static GError *
exhausted_error (Fetch *fetch)
{
  guint n = fetch->endpoints->len;
  g_autofree const char **labels = g_new0 (const char *, n);
  g_autofree const GError **errors = g_new0 (const GError *, n);

  for (guint i = 0; i < n; i++)
    {
      guint index = atr_failover_plan_get_order (fetch->plan, i);

      labels[i] = endpoint_label (fetch, index);
      errors[i] = fetch->attempts[index] ? fetch->attempts[index]->error : NULL;
    }
  return _atr_http_exhausted_error (atr_http_client_get_host (fetch->client), n, labels, errors);
}

/* --- body --- */

static void
finish_body (Fetch *fetch)
{
  Attempt *a = fetch->winner;
  guint status = soup_message_get_status (a->msg);
  AtrHttpResponse *response = make_response (fetch, a->msg, endpoint_label (fetch, a->index));
  GBytes *body = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));
  GError *error = NULL;

  if (status == SOUP_STATUS_UNAUTHORIZED || status == SOUP_STATUS_PROXY_UNAUTHORIZED)
    error = g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_AUTH, _("%s: sign-in required or refused "
                         "(HTTP %u %s)"), fetch->url, status, soup_message_get_reason_phrase (a->msg));
  else if (status >= 400)
    error = g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_HTTP, _("%s: HTTP %u %s"), fetch->url, status,
                         soup_message_get_reason_phrase (a->msg));

  if (error != NULL)
    {
      g_bytes_unref (body);
      complete (fetch, NULL, response, error);
    }
  else
    complete (fetch, body, response, NULL);
}

static void
read_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize max = atr_http_request_get_max_size (fetch->request);

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (fetch->completed)
    {
      g_object_unref (fetch->task);
      return;
    }
  if (chunk == NULL)
    {
      GError *e;

      if (fetch->winner->error != NULL) /* the read deadline */
        e = g_error_copy (fetch->winner->error);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        e = g_error_copy (error);
      else
        e = g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA, _("%s: the response was cut "
                         "short (%s)"), fetch->url, error->message);
      complete (fetch, NULL, NULL, e);
      g_object_unref (fetch->task);
      return;
    }
  if (g_bytes_get_size (chunk) == 0)
    {
      finish_body (fetch);
      g_object_unref (fetch->task);
      return;
    }
  if (fetch->body->len + g_bytes_get_size (chunk) > max)
    {
      complete (fetch, NULL, NULL,
                g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                             _("%s: the response is larger than %lu bytes"),
                             fetch->url, (unsigned long) max));
      g_object_unref (fetch->task);
      return;
    }
  g_byte_array_append (fetch->body, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (fetch->body_stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   fetch->winner->cancellable, read_cb, fetch);
}

static gboolean
read_deadline_cb (gpointer user_data)
{
  Fetch *fetch = user_data;

  g_clear_pointer (&fetch->read_timer, g_source_unref);
  fetch->winner->error =
    g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_TIMEOUT, _("%s: the body did not arrive within "
                 "%.1f s"), fetch->url,
                 atr_http_request_get_read_timeout (fetch->request) / 1000.0);
  g_cancellable_cancel (fetch->winner->cancellable);
  return G_SOURCE_REMOVE;
}

static void
start_body (Fetch        *fetch,
            Attempt      *a,
            GInputStream *stream)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (a->msg);
  goffset length = soup_message_headers_get_content_length (headers);
  gsize max = atr_http_request_get_max_size (fetch->request);

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > 0 && (guint64) length > max)
    {
      complete (fetch, NULL, NULL,
                g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                             _("%s: the response is larger than %lu bytes "
                               "(Content-Length %lld)"), fetch->url, (unsigned long) max,
                             (long long) length));
      return;
    }

  fetch->body_stream = g_object_ref (stream);
  fetch->body = g_byte_array_new ();
  fetch->read_timer = g_timeout_source_new (atr_http_request_get_read_timeout (fetch->request));
  g_source_set_callback (fetch->read_timer, read_deadline_cb, fetch, NULL);
  g_source_attach (fetch->read_timer, g_main_context_get_thread_default ());
  g_object_ref (fetch->task);
  g_input_stream_read_bytes_async (stream, READ_CHUNK, G_PRIORITY_DEFAULT, a->cancellable,
                                   read_cb, fetch);
}

/* --- attempts --- */

/* The first response byte on @a: it wins unless it is a 5xx (a broken gateway). */
static void
declare_winner (Fetch   *fetch,
                Attempt *a)
{
  if (fetch->winner != NULL || fetch->completed)
    return;
  atr_failover_report (fetch->plan, a->index, TRUE, now ());
  if (atr_failover_plan_get_state (fetch->plan, a->index) != ATR_FAILOVER_SUCCEEDED)
    return; /* it had already expired */
  fetch->winner = a;
  clear_source (&fetch->timer);
  for (guint i = 0; i < fetch->endpoints->len; i++)
    if (fetch->attempts[i] != NULL && fetch->attempts[i] != a)
      g_cancellable_cancel (fetch->attempts[i]->cancellable);
}

static void
got_headers_cb (SoupMessage *msg,
                gpointer     user_data)
{
  Attempt *a = user_data;

  if (soup_message_get_status (msg) < 500)
    declare_winner (a->fetch, a);
}

static void
send_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Attempt *a = user_data;
  Fetch *fetch = a->fetch;
  GTask *task = fetch->task;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  guint status;

  stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  g_signal_handlers_disconnect_by_func (a->msg, got_headers_cb, a);

  if (fetch->completed || (fetch->winner != NULL && fetch->winner != a))
    goto out;

  if (stream == NULL)
    {
      if (a->error == NULL) /* not already failed by its deadline */
        a->error = _atr_http_classify_send_error (atr_http_client_get_host (fetch->client), a->msg,
                                                  error);
      if (fetch->winner == a)
        {
          complete (fetch, NULL, NULL, g_error_copy (a->error));
          goto out;
        }
      if (a->error->code == ATR_NET_ERROR_CERTIFICATE)
        g_ptr_array_add (fetch->warnings, g_strdup_printf ("%s: %s",
                                                           endpoint_label (fetch, a->index),
                                                           a->error->message));
      g_debug ("%s: %s", endpoint_label (fetch, a->index), a->error->message);
      atr_failover_report (fetch->plan, a->index, FALSE, now ());
      drive (fetch);
      goto out;
    }

  status = soup_message_get_status (a->msg);
  if (status >= 500 && fetch->winner == NULL)
    {
      a->error = g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_HTTP, _("%s: HTTP %u %s"), fetch->url,
                              status, soup_message_get_reason_phrase (a->msg));
      g_clear_object (&fetch->failed_response);
      fetch->failed_response = make_response (fetch, a->msg, endpoint_label (fetch, a->index));
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      atr_failover_report (fetch->plan, a->index, FALSE, now ());
      drive (fetch);
      goto out;
    }

  declare_winner (fetch, a);
  if (fetch->winner == a)
    start_body (fetch, a, stream);

out:
  g_object_unref (task);
}

static void
start_attempt (Fetch *fetch,
               guint  index)
{
  Endpoint *e = g_ptr_array_index (fetch->endpoints, index);
  AtrTrustStore *trust = _atr_http_client_get_trust (fetch->client);
  SoupSession *session;
  Attempt *a;

  session = _atr_http_client_get_session (fetch->client, e->label, e->address);
  a = g_new0 (Attempt, 1);
  a->fetch = fetch;
  a->index = index;
  a->cancellable = g_cancellable_new ();
  a->msg = _atr_http_request_build_message (fetch->request, fetch->uri);
  if (trust != NULL)
    atr_trust_store_watch_message (trust, a->msg, atr_http_client_get_host (fetch->client));
  g_signal_connect (a->msg, "got-headers", G_CALLBACK (got_headers_cb), a);
  fetch->attempts[index] = a;
  g_ptr_array_add (fetch->tried, g_strdup (e->label));

  g_debug ("fetch %s: trying %s", fetch->url, e->label);
  g_object_ref (fetch->task);
  soup_session_send_async (session, a->msg, G_PRIORITY_DEFAULT, a->cancellable, send_cb, a);
}

static gboolean
timer_cb (gpointer user_data)
{
  Fetch *fetch = user_data;

  g_clear_pointer (&fetch->timer, g_source_unref);
  drive (fetch);
  return G_SOURCE_REMOVE;
}

static void
drive (Fetch *fetch)
{
  for (;;)
    {
      AtrFailoverStep step;
      Attempt *a;

      if (fetch->completed || fetch->winner != NULL)
        return;

      step = atr_failover_next (fetch->plan, now ());
      switch (step.kind)
        {
        case ATR_FAILOVER_START:
          start_attempt (fetch, step.index);
          break;

        case ATR_FAILOVER_EXPIRE:
          a = fetch->attempts[step.index];
          if (a->error == NULL)
            a->error = g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_TIMEOUT,
                                    _("no response within %.1f s"),
                                    atr_http_request_get_attempt_timeout (fetch->request) / 1000.0);
          g_cancellable_cancel (a->cancellable);
          break;

        case ATR_FAILOVER_WAIT_UNTIL:
          {
            gint64 delay_us = MAX (step.time - now (), 0);

            clear_source (&fetch->timer);
            fetch->timer = g_timeout_source_new ((guint) ((delay_us + 999) / 1000));
            g_source_set_callback (fetch->timer, timer_cb, fetch, NULL);
            g_source_attach (fetch->timer, g_main_context_get_thread_default ());
          }
          return;

        case ATR_FAILOVER_EXHAUSTED:
          complete (fetch, NULL, fetch->failed_response ? g_object_ref (fetch->failed_response)
                                                        : NULL,
                    exhausted_error (fetch));
          return;

        case ATR_FAILOVER_DONE:
        default:
          return;
        }
    }
}

/* --- endpoints --- */

static void
add_endpoint (Fetch        *fetch,
              GInetAddress *inet,
              guint16       port)
{
  g_autoptr(GSocketAddress) sa = g_inet_socket_address_new (inet, port);
  g_autofree char *label = _atr_http_make_label (inet, port);
  Endpoint *e;
  for (guint i = 0; i < fetch->endpoints->len; i++)
    if (g_str_equal (endpoint_label (fetch, i), label))
      return;
  e = g_new0 (Endpoint, 1);
  e->label = g_steal_pointer (&label);
  e->address = G_INET_SOCKET_ADDRESS (g_steal_pointer (&sa));
  g_ptr_array_add (fetch->endpoints, e);
}

static void
start_plan (Fetch *fetch)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  AtrHttpClient *client = fetch->client;

  if (fetch->endpoints->len == 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (fetch->dns_errors, NULL);
      joined = g_strjoinv ("; ", (char **) fetch->dns_errors->pdata);
      complete (fetch, NULL, NULL,
                g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_DNS, _("cannot resolve %s: %s"),
                             atr_http_client_get_host (client), joined));
      return;
    }
  for (guint i = 0; i < fetch->dns_errors->len; i++)
    g_ptr_array_add (fetch->warnings, g_strdup (g_ptr_array_index (fetch->dns_errors, i)));

  for (guint i = 0; i < fetch->endpoints->len; i++)
    g_ptr_array_add (labels, (gpointer) endpoint_label (fetch, i));
  g_ptr_array_add (labels, NULL);

  fetch->attempts = g_new0 (Attempt *, fetch->endpoints->len);
  fetch->plan = atr_failover_plan_new ((const char *const *) labels->pdata,
                                       atr_http_client_get_memory (client), g_get_real_time ());
  atr_failover_plan_set_stagger (fetch->plan, (gint64) _atr_http_client_get_stagger_ms (client) *
                                              G_TIME_SPAN_MILLISECOND);
  atr_failover_plan_set_deadline (fetch->plan,
                                  (gint64) atr_http_request_get_attempt_timeout (fetch->request) *
                                  G_TIME_SPAN_MILLISECOND);
  drive (fetch);
}

typedef struct
{
  Fetch   *fetch;
  char    *host;
  guint16  port;
} Lookup;

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Lookup *lookup = user_data;
  Fetch *fetch = lookup->fetch;
  g_autoptr(GError) error = NULL;
  GList *addrs;

  addrs = g_resolver_lookup_by_name_finish (G_RESOLVER (object), result, &error);
  if (!fetch->completed)
    {
      if (addrs == NULL)
        g_ptr_array_add (fetch->dns_errors, g_strdup_printf ("%s: %s", lookup->host,
                                                             error->message));
      for (GList *l = addrs; l != NULL; l = l->next)
        add_endpoint (fetch, l->data, lookup->port);
      if (--fetch->pending_lookups == 0)
        start_plan (fetch);
    }
  g_resolver_free_addresses (addrs);
  g_object_unref (fetch->task);
  g_free (lookup->host);
  g_free (lookup);
}

static void
resolve_host (Fetch      *fetch,
              GResolver  *resolver,
              const char *host,
              guint16     port)
{
  Lookup *lookup;

  if (g_hostname_is_ip_address (host))
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (host);

      if (inet != NULL)
        add_endpoint (fetch, inet, port);
      return;
    }
  lookup = g_new0 (Lookup, 1);
  lookup->fetch = fetch;
  lookup->host = g_strdup (host);
  lookup->port = port;
  fetch->pending_lookups++;
  g_object_ref (fetch->task);
  g_resolver_lookup_by_name_async (resolver, host, g_task_get_cancellable (fetch->task),
                                   lookup_cb, lookup);
}

static gboolean
pin_endpoint (Fetch       *fetch,
              const char  *label,
              GError     **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  guint16 port;

  if (!_atr_http_parse_label (label, &inet, &port))
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("endpoint “%s” is not ADDRESS:PORT"), label);
      return FALSE;
    }
  add_endpoint (fetch, inet, port);
  return TRUE;
}

/* The caller's cancellable fired (GCancellableSource: runs in the fetch's main context). */
static gboolean
user_cancelled_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  Fetch *fetch = user_data;

  g_clear_pointer (&fetch->cancel_source, g_source_unref);

  if (!fetch->completed)
    complete (fetch, NULL, NULL, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                      _("Operation was cancelled")));
  return G_SOURCE_REMOVE;
}

void
atr_http_fetch_async (AtrHttpClient       *client,
                      AtrHttpRequest      *request,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GResolver) resolver = NULL;
  g_autofree char *url_host = NULL;
  const char *label;
  Fetch *fetch;
  int port;

  g_return_if_fail (ATR_IS_HTTP_CLIENT (client));
  g_return_if_fail (ATR_IS_HTTP_REQUEST (request));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_http_fetch_async);
  _atr_http_client_apply_sign_in (client, request);

  fetch = g_new0 (Fetch, 1);
  fetch->client = g_object_ref (client);
  fetch->request = g_object_ref (request);
  fetch->task = task;
  fetch->url = g_strdup (atr_http_request_get_url (request));
  fetch->endpoints = g_ptr_array_new_with_free_func (endpoint_free);
  fetch->dns_errors = g_ptr_array_new_with_free_func (g_free);
  fetch->tried = g_ptr_array_new_with_free_func (g_free);
  fetch->warnings = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, fetch, fetch_free);

  /* ENCODED: the URL is sent as given (%2B, %3D, %26 stay escaped), up to RFC 3986 safe
   * normalisation; G_URI_FLAGS_NONE would decode the query and path before sending. */
  fetch->uri = g_uri_parse (fetch->url, G_URI_FLAGS_ENCODED, &error);
  if (fetch->uri == NULL || g_strcmp0 (g_uri_get_scheme (fetch->uri), "https") != 0)
    {
      g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                               _("“%s” is not an https:// URL"), fetch->url);
      return;
    }
  url_host = _atr_http_normalise_host (g_uri_get_host (fetch->uri));
  if (url_host == NULL || !g_str_equal (url_host, atr_http_client_get_host (client)))
    {
      g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                               _("“%s” is not on host %s"), fetch->url,
                               atr_http_client_get_host (client));
      return;
    }
  port = g_uri_get_port (fetch->uri);
  fetch->port = port > 0 ? (guint16) port : 443;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_object_ref (task); /* held until complete() */
  if (cancellable != NULL)
    {
      fetch->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (fetch->cancel_source, G_SOURCE_FUNC (user_cancelled_cb), fetch, NULL);
      g_source_attach (fetch->cancel_source, g_main_context_get_thread_default ());
    }

  label = atr_http_request_get_endpoint (request);
  if (label != NULL)
    {
      if (!pin_endpoint (fetch, label, &error))
        {
          complete (fetch, NULL, NULL, g_steal_pointer (&error));
          return;
        }
      start_plan (fetch);
      return;
    }

  resolver = _atr_http_client_dup_resolver (client);
  /* GResolver has no port: an override applies to its host on every port. Say so when the
   * override was written for another port than the one used. */
  if (ATR_IS_RESOLVER (resolver))
    {
      guint16 override_port = atr_resolver_get_override_port (ATR_RESOLVER (resolver), url_host);

      if (override_port != 0 && override_port != fetch->port)
        g_ptr_array_add (fetch->warnings,
                         g_strdup_printf ("the address override for %s:%u was used for port %u",
                                          url_host, override_port, fetch->port));
    }
  fetch->pending_lookups = 1; /* held while starting the lookups */
  resolve_host (fetch, resolver, url_host, fetch->port);
  for (guint i = 0; i < _atr_http_client_get_n_gateways (client); i++)
    {
      guint16 gw_port;
      const char *gw_host = _atr_http_client_get_gateway (client, i, &gw_port);

      resolve_host (fetch, resolver, gw_host, gw_port);
    }
  if (--fetch->pending_lookups == 0)
    start_plan (fetch);
}

GBytes *
atr_http_fetch_finish (AtrHttpClient    *client,
                       GAsyncResult     *result,
                       AtrHttpResponse **response,
                       GError          **error)
{
  FetchResult *r;
  GBytes *body;

  g_return_val_if_fail (ATR_IS_HTTP_CLIENT (client), NULL);
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  if (response != NULL)
    *response = NULL;
  r = g_task_propagate_pointer (G_TASK (result), error);
  if (r == NULL)
    return NULL;
  if (response != NULL)
    *response = g_steal_pointer (&r->response);
  if (r->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&r->error));
      fetch_result_free (r);
      return NULL;
    }
  body = g_steal_pointer (&r->body);
  fetch_result_free (r);
  return body;
}
