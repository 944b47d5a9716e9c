/* atr-cached-fetch.c — fetch one tenant document with ETag/If-None-Match, keep the last good
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atr-net-error.h"

#include "atr-cached-fetch.h"

struct _AtrCachedFetch
{
  gpointer        value;
  GDestroyNotify  value_free;
  char           *url;
  GBytes         *document;
  gboolean        from_cache;
  gboolean        not_modified;
  gboolean        gone;
  GDateTime      *cached_time;
  GError         *refused;
  GError         *failed;
};

typedef struct
{
  AtrHttpClient          *http;
  AtrTenantCache         *cache;
  char                   *name;
  char                   *url;
  GBytes                 *inline_document;
  gsize                   max_size;
  guint                   attempt_timeout_ms;
  gboolean                offline;
  gboolean                same_url_only;
  gboolean                forget_on_gone;
  AtrCachedFetchValidate  validate;
  gpointer                validate_data;
  GObject                *validate_data_ref;
  GDestroyNotify          value_free;

  AtrTenantCacheEntry    *cached;
  gpointer                cached_value;
  GBytes                 *new_body;
  char                   *new_etag;
  AtrCachedFetch         *result;
} Job;

static void
free_value (GDestroyNotify  value_free,
            gpointer        value)
{
  if (value != NULL && value_free != NULL)
    value_free (value);
}

static void
job_free (Job *job)
{
  g_clear_object (&job->http);
  g_clear_object (&job->cache);
  g_free (job->name);
  g_free (job->url);
  g_clear_pointer (&job->inline_document, g_bytes_unref);
  g_clear_object (&job->validate_data_ref);
  g_clear_pointer (&job->cached, atr_tenant_cache_entry_free);
  free_value (job->value_free, job->cached_value);
  g_clear_pointer (&job->new_body, g_bytes_unref);
  g_free (job->new_etag);
  g_clear_pointer (&job->result, atr_cached_fetch_free);
  g_free (job);
}

/* The result takes the cached copy (value, URL, document, time). */
static void
use_cached (Job *job)
{
  AtrCachedFetch *r = job->result;

  if (job->cached == NULL)
    return;
  r->value = g_steal_pointer (&job->cached_value);
  r->url = g_strdup (atr_tenant_cache_entry_get_url (job->cached));
  r->document = g_bytes_ref (atr_tenant_cache_entry_get_document (job->cached));
  r->cached_time = g_date_time_ref (atr_tenant_cache_entry_get_fetched (job->cached));
  r->from_cache = TRUE;
}

static void
complete (GTask *task)
{
  Job *job = g_task_get_task_data (task);

  g_task_return_pointer (task, g_steal_pointer (&job->result),
                         (GDestroyNotify) atr_cached_fetch_free);
  g_object_unref (task);
}

/* Worker thread: validate @document; if good, store it and make it the result. */
static void
validate_new (Job     *job,
              GBytes  *document,
              const char *etag)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) store_error = NULL;
  gpointer value;

  value = job->validate (document, job->url, job->validate_data, &error);
  if (value == NULL)
    {
      job->result->refused = g_steal_pointer (&error);
      use_cached (job);
      return;
    }

  if (!atr_tenant_cache_store (job->cache, job->name, job->url, etag, document, &store_error))
    g_debug ("%s", store_error->message);  /* still good to use; offline start loses it */

  job->result->value = value;
  job->result->url = g_strdup (job->url);
  job->result->document = g_bytes_ref (document);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  job->cached = atr_tenant_cache_load (job->cache, job->name, &error);
  if (job->cached != NULL && job->same_url_only &&
      g_strcmp0 (atr_tenant_cache_entry_get_url (job->cached), job->url) != 0)
    g_clear_pointer (&job->cached, atr_tenant_cache_entry_free);

  if (job->cached != NULL)
    {
      job->cached_value = job->validate (atr_tenant_cache_entry_get_document (job->cached),
                                         atr_tenant_cache_entry_get_url (job->cached),
                                         job->validate_data, &error);
      if (job->cached_value == NULL)
        {
          /* Written by an older client, or hand-edited: as good as absent. */
          g_debug ("cached %s not used: %s", job->name, error->message);
          g_clear_pointer (&job->cached, atr_tenant_cache_entry_free);
        }
    }

  if (job->inline_document != NULL)
    validate_new (job, job->inline_document, NULL);

  g_task_return_boolean (task, TRUE);
}

static void
new_body_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;

  validate_new (job, job->new_body, job->new_etag);
  g_task_return_boolean (task, TRUE);
}

static void
forget_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;

  if (!atr_tenant_cache_remove (job->cache, job->name, &error))
    g_debug ("%s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* Runs @func in a worker thread with the job, then completes @task. */
static void
thread_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  complete (G_TASK (user_data));
}

static void
run_then_complete (GTask           *task,
                   GTaskThreadFunc  func)
{
  g_autoptr(GTask) worker = g_task_new (NULL, g_task_get_cancellable (task), thread_done_cb,
                                        task);

  g_task_set_task_data (worker, g_task_get_task_data (task), NULL);
  g_task_run_in_thread (worker, func);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(AtrHttpResponse) response = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  body = atr_http_fetch_finish (ATR_HTTP_CLIENT (source), res, &response, &error);
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  status = response != NULL ? atr_http_response_get_status (response) : 0;
  if (body == NULL && (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE))
    {
      job->result->gone = TRUE;
      job->result->failed = g_steal_pointer (&error);
      if (job->forget_on_gone)
        run_then_complete (task, forget_thread);
      else
        complete (task);
      return;
    }

  if (body != NULL && status == SOUP_STATUS_NOT_MODIFIED && job->cached != NULL)
    {
      use_cached (job);
      job->result->not_modified = TRUE;
      complete (task);
      return;
    }

  if (body != NULL && (status < 200 || status >= 300))
    g_set_error (&error, ATR_NET_ERROR, ATR_NET_ERROR_HTTP,
                 _("%s: HTTP %u %s (redirects are not followed for tenant documents)"), job->url,
                 status, atr_http_response_get_reason (response));

  if (error != NULL)
    {
      job->result->failed = g_steal_pointer (&error);
      use_cached (job);
      complete (task);
      return;
    }

  job->new_body = g_steal_pointer (&body);
  job->new_etag = g_strdup (atr_http_response_get_header (response, "ETag"));
  run_then_complete (task, new_body_thread);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(AtrHttpRequest) request = NULL;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  if (job->inline_document != NULL)
    {
      complete (task);
      return;
    }

  if (job->offline)
    {
      use_cached (job);
      if (job->cached == NULL)
        job->result->failed = g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                                           _("%s: offline, and no cached copy"), job->url);
      complete (task);
      return;
    }

  request = atr_http_request_new ("GET", job->url);
  atr_http_request_set_max_size (request, job->max_size);
  if (job->attempt_timeout_ms > 0)
    atr_http_request_set_attempt_timeout (request, job->attempt_timeout_ms);
  if (job->cached != NULL && atr_tenant_cache_entry_get_etag (job->cached) != NULL &&
      g_strcmp0 (atr_tenant_cache_entry_get_url (job->cached), job->url) == 0)
    atr_http_request_set_header (request, "If-None-Match",
                                 atr_tenant_cache_entry_get_etag (job->cached));

  atr_http_fetch_async (job->http, request, g_task_get_cancellable (task), fetched_cb, task);
}

/**
 * atr_cached_fetch_async:
 * @spec: what to fetch, where to cache it and how to validate it (copied)
 *
 * See the header comment for the outcomes.
 */
void
atr_cached_fetch_async (const AtrCachedFetchSpec *spec,
                        GCancellable             *cancellable,
                        GAsyncReadyCallback       callback,
                        gpointer                  user_data)
{
  GTask *task;
  g_autoptr(GTask) loader = NULL;
  Job *job;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (spec->http != NULL || spec->document != NULL || spec->offline);
  g_return_if_fail (ATR_IS_TENANT_CACHE (spec->cache));
  g_return_if_fail (spec->name != NULL && spec->url != NULL && spec->validate != NULL);

  job = g_new0 (Job, 1);
  job->http = spec->http ? g_object_ref (spec->http) : NULL;
  job->cache = g_object_ref (spec->cache);
  job->name = g_strdup (spec->name);
  job->url = g_strdup (spec->url);
  job->inline_document = spec->document ? g_bytes_ref (spec->document) : NULL;
  job->max_size = spec->max_size;
  job->attempt_timeout_ms = spec->attempt_timeout_ms;
  job->offline = spec->offline;
  job->same_url_only = spec->same_url_only;
  job->forget_on_gone = spec->forget_on_gone;
  job->validate = spec->validate;
  job->validate_data = spec->validate_data;
  job->validate_data_ref = spec->validate_data_ref ? g_object_ref (spec->validate_data_ref)
                                                   : NULL;
  job->value_free = spec->value_free;
  job->result = g_new0 (AtrCachedFetch, 1);
  job->result->value_free = spec->value_free;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_cached_fetch_async);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);

  loader = g_task_new (NULL, cancellable, loaded_cb, task);
  g_task_set_task_data (loader, job, NULL);
  g_task_run_in_thread (loader, load_thread);
}

/**
 * atr_cached_fetch_finish:
 *
 * Returns: (transfer full) (nullable): the outcome; %NULL only when cancelled
 */
AtrCachedFetch *
atr_cached_fetch_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
atr_cached_fetch_get_value (AtrCachedFetch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->value;
}

gpointer
atr_cached_fetch_steal_value (AtrCachedFetch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_steal_pointer (&self->value);
}

const char *
atr_cached_fetch_get_url (AtrCachedFetch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->url;
}

GBytes *
atr_cached_fetch_get_document (AtrCachedFetch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->document;
}

gboolean
atr_cached_fetch_is_from_cache (AtrCachedFetch *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->from_cache;
}

gboolean
atr_cached_fetch_is_not_modified (AtrCachedFetch *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->not_modified;
}

gboolean
atr_cached_fetch_is_gone (AtrCachedFetch *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->gone;
}

GDateTime *
atr_cached_fetch_get_cached_time (AtrCachedFetch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->cached_time;
}

const GError *
atr_cached_fetch_get_refused (AtrCachedFetch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->refused;
}

const GError *
atr_cached_fetch_get_failed (AtrCachedFetch *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->failed;
}

void
atr_cached_fetch_free (AtrCachedFetch *self)
{
  if (self == NULL)
    return;
  free_value (self->value_free, self->value);
  g_free (self->url);
  g_clear_pointer (&self->document, g_bytes_unref);
  g_clear_pointer (&self->cached_time, g_date_time_unref);
  g_clear_error (&self->refused);
  g_clear_error (&self->failed);
  g_free (self);
}
