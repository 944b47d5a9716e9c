/* atr-tenant-cache.c — a tenant's last good documents on disk, each with its URL and ETag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "atr-net-error.h"

#include "atr-tenant-cache.h"

#define META_GROUP "document"
#define MAX_NAME 64

struct _AtrTenantCache
{
  GObject  parent_instance;

  char    *tenant_id;
  char    *dir;
};

struct _AtrTenantCacheEntry
{
  char      *url;
  char      *etag;
  GBytes    *document;
  GDateTime *fetched;
};

G_DEFINE_FINAL_TYPE (AtrTenantCache, atr_tenant_cache, G_TYPE_OBJECT)

static void
atr_tenant_cache_finalize (GObject *object)
{
  AtrTenantCache *self = ATR_TENANT_CACHE (object);

  g_free (self->tenant_id);
  g_free (self->dir);

  G_OBJECT_CLASS (atr_tenant_cache_parent_class)->finalize (object);
}

static void
atr_tenant_cache_class_init (AtrTenantCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_tenant_cache_finalize;
}

static void
atr_tenant_cache_init (AtrTenantCache *self)
{
}

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
 * atr_tenant_cache_dir_for_tenant:
 *
 * Returns: (transfer full): the tenant's cache folder
 *   ($XDG_CACHE_HOME/atrium/tenants/<id>, not created), or %NULL with
 *   %ATR_NET_ERROR_CACHE when @tenant_id could escape the cache root.
 */
char *
atr_tenant_cache_dir_for_tenant (const char  *tenant_id,
                                 GError     **error)
{
  if (!tenant_id_is_safe (tenant_id))
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                   _("Refusing unsafe tenant ID '%s' for the cache"), tenant_id ? tenant_id : "");
      return NULL;
    }

  return g_build_filename (g_get_user_cache_dir (), "atrium", "tenants", tenant_id, NULL);
}

/* Document names are ours ("tenant.json", "logo-dark"), never from the network; still, a
 * name can never leave the folder or hide as a dot file. */
static gboolean
name_is_safe (const char *name)
{
  if (name == NULL || *name == '\0' || *name == '.' || strlen (name) > MAX_NAME)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;
  return !g_str_has_suffix (name, ".ini");
}

/**
 * atr_tenant_cache_new:
 * @tenant_id: the tenant's ID as derived from its address (atr_tenant_id_from_domain()),
 *   never an ID a server chose
 *
 * Returns: (transfer full) (nullable): the cache (the folder is created on the first store),
 *   or %NULL with %ATR_NET_ERROR_CACHE when @tenant_id could escape the cache root
 */
AtrTenantCache *
atr_tenant_cache_new (const char  *tenant_id,
                      GError     **error)
{
  AtrTenantCache *self;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = atr_tenant_cache_dir_for_tenant (tenant_id, error);
  if (dir == NULL)
    return NULL;

  self = g_object_new (ATR_TYPE_TENANT_CACHE, NULL);
  self->tenant_id = g_strdup (tenant_id);
  self->dir = g_steal_pointer (&dir);
  return self;
}

const char *
atr_tenant_cache_get_tenant_id (AtrTenantCache *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_CACHE (self), NULL);
  return self->tenant_id;
}

const char *
atr_tenant_cache_get_dir (AtrTenantCache *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_CACHE (self), NULL);
  return self->dir;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  if (name_is_safe (name))
    return TRUE;
  g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
               _("Refusing unsafe cache document name '%s'"), name ? name : "");
  return FALSE;
}

static char *
meta_path (AtrTenantCache *self,
           const char     *name)
{
  g_autofree char *file = g_strconcat (name, ".ini", NULL);

  return g_build_filename (self->dir, file, NULL);
}

/**
 * atr_tenant_cache_load:
 * @name: the document, e.g. "tenant.json"
 *
 * Blocking. A missing document, one whose .ini is missing or unreadable, or one whose size
 * or SHA-256 does not match its .ini, reads as absent.
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL (with @error set only for an
 *   unsafe @name)
 */
AtrTenantCacheEntry *
atr_tenant_cache_load (AtrTenantCache  *self,
                       const char      *name,
                       GError         **error)
{
  g_autofree char *doc_path = NULL;
  g_autofree char *ini_path = NULL;
  g_autofree char *data = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *want_sha = NULL;
  g_autofree char *url = NULL;
  g_autofree char *fetched = NULL;
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  AtrTenantCacheEntry *entry;
  gsize length = 0;
  guint64 want_size;

  g_return_val_if_fail (ATR_IS_TENANT_CACHE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_name (name, error))
    return NULL;

  doc_path = g_build_filename (self->dir, name, NULL);
  ini_path = meta_path (self, name);
  if (!g_key_file_load_from_file (meta, ini_path, G_KEY_FILE_NONE, &local_error) ||
      !g_file_get_contents (doc_path, &data, &length, &local_error))
    {
      g_debug ("%s: no cached copy: %s", doc_path, local_error->message);
      return NULL;
    }

  url = g_key_file_get_string (meta, META_GROUP, "url", NULL);
  want_sha = g_key_file_get_string (meta, META_GROUP, "sha256", NULL);
  want_size = g_key_file_get_uint64 (meta, META_GROUP, "size", NULL);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  if (url == NULL || want_sha == NULL || want_size != length || g_strcmp0 (sha, want_sha) != 0)
    {
      g_debug ("%s: does not match %s; ignored", doc_path, ini_path);
      return NULL;
    }

  entry = g_new0 (AtrTenantCacheEntry, 1);
  entry->url = g_steal_pointer (&url);
  entry->etag = g_key_file_get_string (meta, META_GROUP, "etag", NULL);
  entry->document = g_bytes_new_take (g_steal_pointer (&data), length);
  fetched = g_key_file_get_string (meta, META_GROUP, "fetched", NULL);
  if (fetched != NULL)
    entry->fetched = g_date_time_new_from_iso8601 (fetched, NULL);
  if (entry->fetched == NULL)
    entry->fetched = g_date_time_new_from_unix_utc (0);
  return entry;
}

static gboolean
write_private (const char  *path,
               const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (path, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                   _("Cannot write the cache file %s: %s"), path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * atr_tenant_cache_store:
 * @name: the document, e.g. "tenant.json"
 * @url: where it came from
 * @etag: (nullable): the server's ETag for it
 * @document: the document exactly as fetched; store only what passed validation
 *
 * Blocking. Replaces the cached copy atomically.
 */
gboolean
atr_tenant_cache_store (AtrTenantCache  *self,
                        const char      *name,
                        const char      *url,
                        const char      *etag,
                        GBytes          *document,
                        GError         **error)
{
  g_autofree char *doc_path = NULL;
  g_autofree char *ini_path = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *meta_data = NULL;
  g_autofree char *now_iso = NULL;
  g_autoptr(GKeyFile) meta = g_key_file_new ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  gsize length = 0, meta_length = 0;
  const char *data;

  g_return_val_if_fail (ATR_IS_TENANT_CACHE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_name (name, error))
    return FALSE;

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                   _("Cannot create the cache folder %s: %s"), self->dir,
                   g_strerror (saved_errno));
      return FALSE;
    }

  data = g_bytes_get_data (document, &length);
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) (data ? data : ""),
                                     length);
  now_iso = g_date_time_format_iso8601 (now);
  g_key_file_set_string (meta, META_GROUP, "url", url);
  if (etag != NULL)
    g_key_file_set_string (meta, META_GROUP, "etag", etag);
  g_key_file_set_string (meta, META_GROUP, "fetched", now_iso);
  g_key_file_set_uint64 (meta, META_GROUP, "size", length);
  g_key_file_set_string (meta, META_GROUP, "sha256", sha);
  meta_data = g_key_file_to_data (meta, &meta_length, NULL);

  doc_path = g_build_filename (self->dir, name, NULL);
  ini_path = meta_path (self, name);
  return write_private (doc_path, data ? data : "", length, error) &&
         write_private (ini_path, meta_data, meta_length, error);
}

/**
 * atr_tenant_cache_remove:
 *
 * Blocking. Forgets @name (e.g. the tenant withdrew its manifest). Absent is not an error.
 */
gboolean
atr_tenant_cache_remove (AtrTenantCache  *self,
                         const char      *name,
                         GError         **error)
{
  g_autofree char *doc_path = NULL;
  g_autofree char *ini_path = NULL;

  g_return_val_if_fail (ATR_IS_TENANT_CACHE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_name (name, error))
    return FALSE;

  doc_path = g_build_filename (self->dir, name, NULL);
  ini_path = meta_path (self, name);
  /* The .ini first: without it the document already reads as absent. */
  for (guint i = 0; i < 2; i++)
    {
      const char *path = i == 0 ? ini_path : doc_path;

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                       _("Cannot remove the cache file %s: %s"), path, g_strerror (saved_errno));
          return FALSE;
        }
    }
  return TRUE;
}

const char *
atr_tenant_cache_entry_get_url (AtrTenantCacheEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->url;
}

/* Returns: (nullable): the ETag the server sent with the document */
const char *
atr_tenant_cache_entry_get_etag (AtrTenantCacheEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->etag;
}

GBytes *
atr_tenant_cache_entry_get_document (AtrTenantCacheEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->document;
}

GDateTime *
atr_tenant_cache_entry_get_fetched (AtrTenantCacheEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);
  return entry->fetched;
}

void
atr_tenant_cache_entry_free (AtrTenantCacheEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->url);
  g_free (entry->etag);
  g_clear_pointer (&entry->document, g_bytes_unref);
  g_clear_pointer (&entry->fetched, g_date_time_unref);
  g_free (entry);
}
