/* atr-icon-cache.c — resource icons fetched through net/, checked by themes/ (atr_icon_check)
 * and kept in memory per tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include "atr-logo-check.h"
#include "atr-net-error.h"

#include "atr-icon-cache.h"

struct _AtrIconCache
{
  GObject        parent_instance;

  AtrHttpClient *http;
  GHashTable    *textures;   /* url → GdkTexture */
  GHashTable    *failed;     /* url set */
  GHashTable    *pending;    /* url → GPtrArray of GTask */
  GPtrArray     *queued;     /* urls of pending fetches not started yet */
  guint          start_idle;
  GCancellable  *cancellable;
};

G_DEFINE_FINAL_TYPE (AtrIconCache, atr_icon_cache, G_TYPE_OBJECT)

static void
atr_icon_cache_dispose (GObject *object)
{
  AtrIconCache *self = ATR_ICON_CACHE (object);

  g_clear_handle_id (&self->start_idle, g_source_remove);
  g_clear_pointer (&self->queued, g_ptr_array_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->http);
  g_clear_pointer (&self->textures, g_hash_table_unref);
  g_clear_pointer (&self->failed, g_hash_table_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);

  G_OBJECT_CLASS (atr_icon_cache_parent_class)->dispose (object);
}

static void
atr_icon_cache_class_init (AtrIconCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = atr_icon_cache_dispose;
}

static void
atr_icon_cache_init (AtrIconCache *self)
{
  self->textures = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->queued = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
}

AtrIconCache *
atr_icon_cache_new (AtrHttpClient *http)
{
  AtrIconCache *self;

  g_return_val_if_fail (ATR_IS_HTTP_CLIENT (http), NULL);

  self = g_object_new (ATR_TYPE_ICON_CACHE, NULL);
  self->http = g_object_ref (http);
  return self;
}

GdkTexture *
atr_icon_cache_peek (AtrIconCache *self,
                     const char   *url)
{
  g_return_val_if_fail (ATR_IS_ICON_CACHE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return g_hash_table_lookup (self->textures, url);
}

typedef struct
{
  AtrIconCache *self;
  char         *url;
} Fetch;

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(AtrIconCache) self = fetch->self;
  g_autofree char *url = fetch->url;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(AtrHttpResponse) response = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GPtrArray) waiters = NULL;
  gpointer key;

  g_free (fetch);

  body = atr_http_fetch_finish (ATR_HTTP_CLIENT (source), res, &response, &error);
  if (self->pending == NULL)
    return;   /* disposed */
  if (body != NULL && response != NULL && atr_http_response_get_status (response) != 200)
    {
      g_set_error (&error, ATR_NET_ERROR, ATR_NET_ERROR_HTTP, "icon %s: HTTP %u", url,
                   atr_http_response_get_status (response));
      g_clear_pointer (&body, g_bytes_unref);
    }
  /* The logo rules (format, header pixel limits, bytes) before anything is decoded: a
   * decoder allocates whatever size the header claims. */
  if (body != NULL)
    {
      gsize length = 0;
      const guint8 *data = g_bytes_get_data (body, &length);

      if (atr_icon_check (data != NULL ? data : (const guint8 *) "", length, url, NULL, &error))
        texture = gdk_texture_new_from_bytes (body, &error);
    }
  if (texture != NULL)
    g_hash_table_insert (self->textures, g_strdup (url), g_object_ref (texture));
  else
    {
      g_debug ("icon %s not shown: %s", url, error->message);
      g_hash_table_add (self->failed, g_strdup (url));
    }

  if (!g_hash_table_steal_extended (self->pending, url, &key, (gpointer *) &waiters))
    return;
  g_free (key);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (texture != NULL)
        g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }
}

static void
start_fetch (AtrIconCache *self,
             const char   *url)
{
  g_autoptr(AtrHttpRequest) request = NULL;
  Fetch *fetch;

  request = atr_http_request_new ("GET", url);
  atr_http_request_set_max_size (request, ATR_ICON_MAX_SIZE);
  atr_http_request_set_header (request, "Accept", "image/png, image/*;q=0.8");
  fetch = g_new0 (Fetch, 1);
  fetch->self = g_object_ref (self);
  fetch->url = g_strdup (url);
  atr_http_fetch_async (self->http, request, self->cancellable, fetched_cb, fetch);
}

static gboolean
start_fetches_cb (gpointer user_data)
{
  AtrIconCache *self = user_data;
  g_autoptr(GPtrArray) queued = g_steal_pointer (&self->queued);

  self->start_idle = 0;
  self->queued = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < queued->len; i++)
    start_fetch (self, g_ptr_array_index (queued, i));
  return G_SOURCE_REMOVE;
}

void
atr_icon_cache_load_async (AtrIconCache        *self,
                           const char          *url,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *waiters;
  GdkTexture *texture;

  g_return_if_fail (ATR_IS_ICON_CACHE (self));
  g_return_if_fail (url != NULL);

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, atr_icon_cache_load_async);

  texture = g_hash_table_lookup (self->textures, url);
  if (texture != NULL)
    {
      g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      return;
    }
  if (g_hash_table_contains (self->failed, url))
    {
      g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_FAILED,
                               "icon %s failed before", url);
      return;
    }

  waiters = g_hash_table_lookup (self->pending, url);
  if (waiters != NULL)
    {
      g_ptr_array_add (waiters, g_steal_pointer (&task));
      return;
    }

  waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (waiters, g_steal_pointer (&task));
  g_hash_table_insert (self->pending, g_strdup (url), waiters);

  /* Started after the frame that binds the tiles has been drawn (G_PRIORITY_LOW runs after
   * GDK's redraw priority): GtkGridView binds about 250 tiles before its first frame, and
   * setting up 250 requests there delayed the grid on screen. */
  g_ptr_array_add (self->queued, g_strdup (url));
  if (self->start_idle == 0)
    self->start_idle = g_idle_add_full (G_PRIORITY_LOW, start_fetches_cb, self, NULL);
}

GdkTexture *
atr_icon_cache_load_finish (AtrIconCache  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (ATR_IS_ICON_CACHE (self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
