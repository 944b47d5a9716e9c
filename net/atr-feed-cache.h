/* atr-feed-cache.h — the last good feed of each tenant, on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _AtrFeedCacheEntry AtrFeedCacheEntry;

char              *atr_feed_cache_dir_for_tenant      (const char         *tenant_id,
                                                       GError            **error);
gboolean           atr_feed_cache_store               (const char         *tenant_id,
                                                       const char         *feed_url,
                                                       GBytes             *document,
                                                       GDateTime          *fetched,
                                                       GError            **error);
AtrFeedCacheEntry *atr_feed_cache_load                (const char         *tenant_id,
                                                       GError            **error);
void               atr_feed_cache_load_async          (const char         *tenant_id,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
AtrFeedCacheEntry *atr_feed_cache_load_finish         (GAsyncResult       *result,
                                                       GError            **error);
gboolean           atr_feed_cache_clear               (const char         *tenant_id,
                                                       GError            **error);

const char        *atr_feed_cache_entry_get_feed_url  (AtrFeedCacheEntry  *entry);
GBytes            *atr_feed_cache_entry_get_document  (AtrFeedCacheEntry  *entry);
GDateTime         *atr_feed_cache_entry_get_fetched   (AtrFeedCacheEntry  *entry);
void               atr_feed_cache_entry_free          (AtrFeedCacheEntry  *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrFeedCacheEntry, atr_feed_cache_entry_free)

G_END_DECLS
