/* atr-feed-cache.c — the last good feed of each tenant, on disk
 *
 * Layout: $XDG_CACHE_HOME/atrium/tenants/<tenant-id>/feed.xml (the document exactly as
 * fetched, so loading re-runs the strict parser) and feed.ini (feed URL, fetch time).
 * Both are written atomically (write to a temporary file, fsync, rename), the document
 * first, so a crash leaves either the old pair or a new document with the old metadata,
 * never a half-written file. Files are private to the user (0600).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "atr-net-error.h"

#include "atr-feed-cache.h"

#define META_GROUP "feed"

struct _AtrFeedCacheEntry
{
  char      *feed_url;
  GBytes    *document;
  GDateTime *fetched;
};

static gboolean
tenant_id_is_safe (const char *tenant_id)
{
  if (tenant_id == NULL || *tenant_id == '\0' || *tenant_id == '.' ||
      strlen (tenant_id) > 255)
    return FALSE;

  for (const char *p = tenant_id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;

  return TRUE;
}

/**
 * atr_feed_cache_dir_for_tenant:
 *
 * Returns: (transfer full): the tenant's cache folder (not created), or %NULL with
 *   %ATR_NET_ERROR_CACHE when @tenant_id could escape the cache root.
 */
char *
atr_feed_cache_dir_for_tenant (const char  *tenant_id,
                               GError     **error)
{
  if (!tenant_id_is_safe (tenant_id))
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                   "Refusing unsafe tenant ID '%s' for the cache", tenant_id ? tenant_id : "");
      return NULL;
    }

  return g_build_filename (g_get_user_cache_dir (), "atrium", "tenants", tenant_id, NULL);
}

static gboolean
write_private (const char  *path,
               const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, data, length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                   "Cannot write the cache file %s: %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * atr_feed_cache_store:
 * @document: the feed exactly as fetched (it parsed successfully)
 * @fetched: when it was fetched
 *
 * Keeps @document as the tenant's last good feed.
 */
gboolean
atr_feed_cache_store (const char  *tenant_id,
                      const char  *feed_url,
                      GBytes      *document,
                      GDateTime   *fetched,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *doc_path = NULL;
  g_autofree char *meta_path = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *fetched_iso = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  gsize meta_length = 0;
  gsize doc_length = 0;
  const char *doc_data;

  g_return_val_if_fail (feed_url != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (fetched != NULL, FALSE);

  dir = atr_feed_cache_dir_for_tenant (tenant_id, error);
  if (dir == NULL)
    return FALSE;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                   "Cannot create the cache folder %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  doc_path = g_build_filename (dir, "feed.xml", NULL);
  meta_path = g_build_filename (dir, "feed.ini", NULL);

  doc_data = g_bytes_get_data (document, &doc_length);
  if (!write_private (doc_path, doc_data, doc_length, error))
    return FALSE;

  keyfile = g_key_file_new ();
  fetched_iso = g_date_time_format_iso8601 (fetched);
  g_key_file_set_string (keyfile, META_GROUP, "url", feed_url);
  g_key_file_set_string (keyfile, META_GROUP, "fetched", fetched_iso);
  g_key_file_set_uint64 (keyfile, META_GROUP, "size", doc_length);
  meta = g_key_file_to_data (keyfile, &meta_length, NULL);

  return write_private (meta_path, meta, meta_length, error);
}

/**
 * atr_feed_cache_load:
 *
 * Returns: (transfer full): the tenant's last good feed, or %NULL with
 *   %G_IO_ERROR_NOT_FOUND when there is none, or %ATR_NET_ERROR_CACHE when it is damaged.
 */
AtrFeedCacheEntry *
atr_feed_cache_load (const char  *tenant_id,
                     GError     **error)
{
  g_autoptr(AtrFeedCacheEntry) entry = NULL;
  g_autoptr(GKeyFile) keyfile = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *doc_path = NULL;
  g_autofree char *meta_path = NULL;
  g_autofree char *url = NULL;
  g_autofree char *fetched = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint64 size;

  dir = atr_feed_cache_dir_for_tenant (tenant_id, error);
  if (dir == NULL)
    return NULL;

  doc_path = g_build_filename (dir, "feed.xml", NULL);
  meta_path = g_build_filename (dir, "feed.ini", NULL);

  keyfile = g_key_file_new ();
  if (!g_key_file_load_from_file (keyfile, meta_path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                     "No cached feed for tenant '%s'", tenant_id);
      else
        g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                     "Damaged cache file %s: %s", meta_path, local_error->message);
      return NULL;
    }

  url = g_key_file_get_string (keyfile, META_GROUP, "url", NULL);
  fetched = g_key_file_get_string (keyfile, META_GROUP, "fetched", NULL);
  size = g_key_file_get_uint64 (keyfile, META_GROUP, "size", NULL);

  entry = g_new0 (AtrFeedCacheEntry, 1);
  entry->fetched = fetched ? g_date_time_new_from_iso8601 (fetched, NULL) : NULL;
  if (url == NULL || entry->fetched == NULL)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                   "Damaged cache file %s: missing or invalid 'url' or 'fetched'", meta_path);
      return NULL;
    }

  if (!g_file_get_contents (doc_path, &contents, &length, &local_error))
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                   "Cannot read the cached feed %s: %s", doc_path, local_error->message);
      return NULL;
    }

  /* The metadata is written last: a size mismatch means the document was replaced but
   * the metadata write did not happen. The document itself is still a complete one
   * (atomic rename), so keep it but say nothing false about its age. */
  if (size != length)
    g_debug ("Cached feed %s has %" G_GSIZE_FORMAT " bytes, metadata says %" G_GUINT64_FORMAT,
             doc_path, length, size);

  entry->feed_url = g_steal_pointer (&url);
  entry->document = g_bytes_new_take (g_steal_pointer (&contents), length);

  return g_steal_pointer (&entry);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  AtrFeedCacheEntry *entry = atr_feed_cache_load (task_data, &error);

  if (entry == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entry, (GDestroyNotify) atr_feed_cache_entry_free);
}

/**
 * atr_feed_cache_load_async:
 *
 * Loads the cached feed on a worker thread (no file I/O on the main thread).
 */
void
atr_feed_cache_load_async (const char          *tenant_id,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, atr_feed_cache_load_async);
  g_task_set_task_data (task, g_strdup (tenant_id), g_free);
  g_task_run_in_thread (task, load_thread);
}

AtrFeedCacheEntry *
atr_feed_cache_load_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * atr_feed_cache_clear:
 *
 * Forgets the tenant's cached feed. Missing files are not an error.
 */
gboolean
atr_feed_cache_clear (const char  *tenant_id,
                      GError     **error)
{
  static const char * const names[] = { "feed.xml", "feed.ini" };
  g_autofree char *dir = atr_feed_cache_dir_for_tenant (tenant_id, error);

  if (dir == NULL)
    return FALSE;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                       "Cannot remove %s: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}

const char *
atr_feed_cache_entry_get_feed_url (AtrFeedCacheEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->feed_url;
}

GBytes *
atr_feed_cache_entry_get_document (AtrFeedCacheEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->document;
}

GDateTime *
atr_feed_cache_entry_get_fetched (AtrFeedCacheEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->fetched;
}

void
atr_feed_cache_entry_free (AtrFeedCacheEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->feed_url);
  g_clear_pointer (&entry->document, g_bytes_unref);
  g_clear_pointer (&entry->fetched, g_date_time_unref);
  g_free (entry);
}
