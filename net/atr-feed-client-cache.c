/* atr-feed-client-cache.c — the tenant's last good feed, loaded and parsed on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The feed client's offline start and its fallback when a live fetch fails. No state of
 * AtrFeedClient is used here: a job carries all it needs.
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atr-feed-result-private.h"
#include "atr-net-error.h"
#include "atr-tenant-cache.h"
#include "atr-feed-client-private.h"

#include "atr-feed-client.h"

typedef struct
{
  char  *tenant_id;
  char **extra_origins;
  GError *live_error;   /* why the live fetch failed; NULL for an offline load */
  GPtrArray *warnings;  /* carried over from the live attempt */
} CacheJob;

static void
cache_job_free (gpointer data)
{
  CacheJob *job = data;

  g_free (job->tenant_id);
  g_strfreev (job->extra_origins);
  g_clear_error (&job->live_error);
  g_clear_pointer (&job->warnings, g_ptr_array_unref);
  g_free (job);
}

static void
load_cached_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CacheJob *job = task_data;
  g_autoptr(AtrTenantCache) cache = NULL;
  g_autoptr(AtrTenantCacheEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *since = NULL;
  AtrFeedResult *result;
  AtrFeed *feed;
  GBytes *document;
  gsize length = 0;
  const char *data;

  cache = atr_tenant_cache_new (job->tenant_id, &error);
  if (cache != NULL)
    entry = atr_tenant_cache_load (cache, ATR_FEED_CACHE_NAME, &error);
  if (entry == NULL)
    {
      if (job->live_error != NULL)
        g_task_return_new_error (task, job->live_error->domain, job->live_error->code,
                                 _("%s; no earlier list of this tenant is cached"),
                                 job->live_error->message);
      else if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                                 _("No list of tenant '%s' is cached"), job->tenant_id);
      return;
    }

  document = atr_tenant_cache_entry_get_document (entry);
  data = g_bytes_get_data (document, &length);
  feed = atr_feed_parse (data, length, atr_tenant_cache_entry_get_url (entry),
                         (const char * const *) job->extra_origins, &error);
  if (feed == NULL)
    {
      if (job->live_error != NULL)
        g_task_return_new_error (task, job->live_error->domain, job->live_error->code,
                                 _("%s; the cached list is damaged too: %s"),
                                 job->live_error->message, error->message);
      else
        g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                                 _("The cached list is damaged: %s"), error->message);
      return;
    }

  result = _atr_feed_result_new (feed, atr_tenant_cache_entry_get_url (entry),
                            atr_tenant_cache_entry_get_fetched (entry), TRUE);
  if (job->warnings != NULL)
    for (guint i = 0; i < job->warnings->len; i++)
      _atr_feed_result_add_warning (result, g_ptr_array_index (job->warnings, i));
  if (job->live_error != NULL)
    {
      g_autofree char *warning = NULL;

      since = g_date_time_format_iso8601 (atr_feed_result_get_fetched (result));
      warning = g_strdup_printf ("Showing the list fetched %s: %s", since,
                                 job->live_error->message);
      _atr_feed_result_add_warning (result, warning);
    }

  g_task_return_pointer (task, result, (GDestroyNotify) atr_feed_result_free);
}

/**
 * _atr_feed_client_load_cached:
 * @live_error: (nullable): why the live fetch failed; %NULL for an offline start
 * @warnings: (nullable): the live attempt's warnings, carried over
 *
 * Loads and parses the tenant's last good feed on a worker thread; finish with
 * atr_feed_client_load_cached_finish().
 */
void
_atr_feed_client_load_cached (const char          *tenant_id,
                              const char * const  *extra_origins,
                              const GError        *live_error,
                              GPtrArray           *warnings,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  CacheJob *job = g_new0 (CacheJob, 1);

  job->tenant_id = g_strdup (tenant_id);
  job->extra_origins = g_strdupv ((char **) extra_origins);
  job->live_error = live_error ? g_error_copy (live_error) : NULL;
  job->warnings = warnings ? g_ptr_array_ref (warnings) : NULL;
  g_task_set_source_tag (task, atr_feed_client_load_cached_async);
  g_task_set_task_data (task, job, cache_job_free);
  g_task_run_in_thread (task, load_cached_thread);
}

/**
 * atr_feed_client_load_cached_async:
 *
 * Loads and parses the tenant's last good feed on a worker thread (offline start).
 * The result is marked stale.
 */
void
atr_feed_client_load_cached_async (const char          *tenant_id,
                                   const char * const  *extra_origins,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (tenant_id != NULL);

  _atr_feed_client_load_cached (tenant_id, extra_origins, NULL, NULL, cancellable, callback,
                                user_data);
}

AtrFeedResult *
atr_feed_client_load_cached_finish (GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
