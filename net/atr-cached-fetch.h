/* atr-cached-fetch.h — fetch one tenant document with ETag/If-None-Match, keep the last good
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One call = one document (manifest, theme, logo). In a worker thread the cached copy is
 * loaded and validated; then the URL is fetched through the tenant's AtrHttpClient with
 * If-None-Match when a cached copy of the SAME URL exists:
 *   304            → the cached value, not_modified
 *   2xx            → the new document is validated in a worker thread; valid: stored (with its
 *                    ETag) and returned; refused: the cached value is returned and the reason
 *                    is kept (get_refused) — a broken new document never replaces a good one
 *   404/410        → gone (the cached copy is forgotten when the spec asks for it)
 *   other failures → the cached value, stale, with the reason (get_failed)
 * Offline: only the cache. The validator turns bytes into the caller's value (a parsed
 * manifest, theme, checked logo); it runs in a worker thread, so it must be pure.
 * The operation itself only fails when cancelled: every outcome is in AtrCachedFetch.
 */
#pragma once

#include <gio/gio.h>

#include "atr-http.h"
#include "atr-tenant-cache.h"

G_BEGIN_DECLS

typedef gpointer (*AtrCachedFetchValidate) (GBytes      *document,
                                            const char  *url,
                                            gpointer     user_data,
                                            GError     **error);

typedef struct
{
  AtrHttpClient          *http;               /* the tenant host's client */
  AtrTenantCache         *cache;
  const char             *name;               /* cache name, e.g. "tenant.json" */
  const char             *url;                /* absolute https URL on @http's host */
  GBytes                 *document;           /* nullable: validate this (inline) instead of
                                               * fetching */
  gsize                   max_size;
  guint                   attempt_timeout_ms; /* 0: the HTTP default */
  gboolean                offline;            /* the cache only */
  gboolean                same_url_only;      /* use a cached copy only if it came from @url */
  gboolean                forget_on_gone;     /* 404/410 removes the cached copy */
  AtrCachedFetchValidate  validate;
  gpointer                validate_data;      /* kept alive by @validate_data_ref below */
  GObject                *validate_data_ref;  /* nullable: ref'd for the operation */
  GDestroyNotify          value_free;
} AtrCachedFetchSpec;

typedef struct _AtrCachedFetch AtrCachedFetch;

void            atr_cached_fetch_async            (const AtrCachedFetchSpec *spec,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
AtrCachedFetch *atr_cached_fetch_finish           (GAsyncResult             *result,
                                                   GError                  **error);

/* The value to use (new or cached), or NULL (nothing valid anywhere, or gone). */
gpointer        atr_cached_fetch_get_value        (AtrCachedFetch           *self);
gpointer        atr_cached_fetch_steal_value      (AtrCachedFetch           *self);
/* The URL the value came from. */
const char     *atr_cached_fetch_get_url          (AtrCachedFetch           *self);
GBytes         *atr_cached_fetch_get_document     (AtrCachedFetch           *self);
gboolean        atr_cached_fetch_is_from_cache    (AtrCachedFetch           *self);
gboolean        atr_cached_fetch_is_not_modified  (AtrCachedFetch           *self);
gboolean        atr_cached_fetch_is_gone          (AtrCachedFetch           *self);
/* When the value is the cached copy (nullable). */
GDateTime      *atr_cached_fetch_get_cached_time  (AtrCachedFetch           *self);
/* Why the new document was refused (nullable; ATR_NET_ERROR or the validator's domain). */
const GError   *atr_cached_fetch_get_refused      (AtrCachedFetch           *self);
/* Why nothing new could be fetched (nullable; ATR_NET_ERROR). */
const GError   *atr_cached_fetch_get_failed       (AtrCachedFetch           *self);
void            atr_cached_fetch_free             (AtrCachedFetch           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrCachedFetch, atr_cached_fetch_free)

G_END_DECLS
