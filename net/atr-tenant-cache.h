/* atr-tenant-cache.h — a tenant's last good documents on disk, each with its URL and ETag
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lives in the tenant's cache folder (atr_tenant_cache_dir_for_tenant()), beside the feed:
 * NAME holds the document exactly as fetched, NAME.ini its URL, ETag, fetch time, size and
 * SHA-256. Both are written atomically (temporary file, fsync, rename; 0600), the document
 * first; a document that does not match its .ini (a crash between the two renames, a
 * hand-edited file) reads as absent. Only documents that passed validation are stored, so the
 * cache always holds the last GOOD copy. The calls block on small files: run them from a
 * worker thread (atr_cached_fetch_async() does).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _AtrTenantCacheEntry AtrTenantCacheEntry;

#define ATR_TYPE_TENANT_CACHE (atr_tenant_cache_get_type ())
G_DECLARE_FINAL_TYPE (AtrTenantCache, atr_tenant_cache, ATR, TENANT_CACHE, GObject)

char                *atr_tenant_cache_dir_for_tenant (const char *tenant_id,
                                                      GError    **error);
AtrTenantCache      *atr_tenant_cache_new            (const char      *tenant_id,
                                                      GError         **error);
const char          *atr_tenant_cache_get_tenant_id  (AtrTenantCache  *self);
const char          *atr_tenant_cache_get_dir        (AtrTenantCache  *self);

/* NULL without an error when nothing (usable) is cached under @name. */
AtrTenantCacheEntry *atr_tenant_cache_load           (AtrTenantCache  *self,
                                                      const char      *name,
                                                      GError         **error);
gboolean             atr_tenant_cache_store          (AtrTenantCache  *self,
                                                      const char      *name,
                                                      const char      *url,
                                                      const char      *etag,
                                                      GBytes          *document,
                                                      GError         **error);
gboolean             atr_tenant_cache_remove         (AtrTenantCache  *self,
                                                      const char      *name,
                                                      GError         **error);

const char          *atr_tenant_cache_entry_get_url      (AtrTenantCacheEntry *entry);
const char          *atr_tenant_cache_entry_get_etag     (AtrTenantCacheEntry *entry);
GBytes              *atr_tenant_cache_entry_get_document (AtrTenantCacheEntry *entry);
GDateTime           *atr_tenant_cache_entry_get_fetched  (AtrTenantCacheEntry *entry);
void                 atr_tenant_cache_entry_free         (AtrTenantCacheEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrTenantCacheEntry, atr_tenant_cache_entry_free)

G_END_DECLS
