/* atr-tenant-loader.h — fetch and cache a tenant's manifest (/.well-known/atrium/tenant.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The manifest is optional. Outcomes of atr_tenant_loader_load_finish():
 *   a manifest          — fetched (or 304: the cached copy is current), or the cached copy when
 *                         the server failed or sent a document that was refused (then stale,
 *                         with a warning naming what happened)
 *   NULL, no error      — the tenant has none (404/410): default theme, discovered feed
 *   NULL + BAD_DATA     — the document was refused and nothing good is cached (exit 6)
 *   NULL + CERTIFICATE  — the tenant host's certificate was rejected (never hidden by a cache)
 *   NULL + other errors — unreachable and nothing cached
 * The cache is keyed by the tenant ID derived from the ADDRESS the user typed, never by the
 * manifest's own "id" (a tenant must not be able to overwrite another tenant's cache).
 */
#pragma once

#include <gio/gio.h>

#include "atr-address.h"
#include "atr-http.h"
#include "atr-tenant-cache.h"
#include "atr-tenant-manifest.h"
#include "atr-trust-store.h"

G_BEGIN_DECLS

#define ATR_TENANT_MANIFEST_CACHE_NAME "tenant.json"

#define ATR_TYPE_TENANT_LOADER (atr_tenant_loader_get_type ())
G_DECLARE_FINAL_TYPE (AtrTenantLoader, atr_tenant_loader, ATR, TENANT_LOADER, GObject)

AtrTenantLoader    *atr_tenant_loader_new                 (AtrTrustStore      *trust,
                                                           AtrAddress         *address,
                                                           GError            **error);
const char         *atr_tenant_loader_get_tenant_id       (AtrTenantLoader    *self);
const char         *atr_tenant_loader_get_manifest_url    (AtrTenantLoader    *self);
/* The client for the tenant host (manifest, theme and logos share its origin). */
AtrHttpClient      *atr_tenant_loader_get_http            (AtrTenantLoader    *self);
AtrTenantCache     *atr_tenant_loader_get_cache           (AtrTenantLoader    *self);
void                atr_tenant_loader_set_offline         (AtrTenantLoader    *self,
                                                           gboolean            offline);
gboolean            atr_tenant_loader_get_offline         (AtrTenantLoader    *self);
void                atr_tenant_loader_set_attempt_timeout (AtrTenantLoader    *self,
                                                           guint               timeout_ms);
guint               atr_tenant_loader_get_attempt_timeout (AtrTenantLoader    *self);

void                atr_tenant_loader_load_async          (AtrTenantLoader    *self,
                                                           GCancellable       *cancellable,
                                                           GAsyncReadyCallback callback,
                                                           gpointer            user_data);
AtrTenantManifest  *atr_tenant_loader_load_finish         (AtrTenantLoader    *self,
                                                           GAsyncResult       *result,
                                                           GError            **error);
/* After a load: what happened that the user should know (stale copy, refused document). */
const char * const *atr_tenant_loader_get_warnings        (AtrTenantLoader    *self);
gboolean            atr_tenant_loader_is_stale            (AtrTenantLoader    *self);

/* The tenant ID a cache uses for @address: atr_tenant_id_for_host (domain, port), i.e. the
 * domain, or domain_port on a port other than 443 (the same ID as AtrTenant's). */
char               *atr_tenant_loader_tenant_id_for       (AtrAddress         *address);
/* Adds the manifest's gateways to @http's failover list (the feed's client). */
gboolean            atr_tenant_loader_add_gateways        (AtrTenantManifest  *manifest,
                                                           AtrHttpClient      *http,
                                                           GError            **error);

G_END_DECLS
