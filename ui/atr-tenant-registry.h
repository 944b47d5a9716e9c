/* atr-tenant-registry.h — the enrolled tenants as stored in GSettings (pure conversions)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GSettings key "tenants" is a(ss): (domain, feed URL) per tenant. Never secrets: passwords
 * and tokens live in the Secret Service (AtrCredentialStore).
 */
#pragma once

#include <gio/gio.h>

#include "atr-tenant.h"

G_BEGIN_DECLS

#define ATR_TENANT_REGISTRY_TYPE "a(ss)"
#define ATR_TENANT_REGISTRY_MAX 64

/* AtrTenant elements; entries with an empty domain or a feed URL that is not https:// are
 * skipped (g_debug), duplicates keep the first. */
GPtrArray *atr_tenant_registry_parse  (GVariant   *tenants);
/* A new a(ss) with @domain/@feed_url added, or replacing the entry of the same domain. */
GVariant  *atr_tenant_registry_add    (GVariant   *tenants,
                                       const char *domain,
                                       const char *feed_url);
/* A new a(ss) without @domain. */
GVariant  *atr_tenant_registry_remove (GVariant   *tenants,
                                       const char *domain);

G_END_DECLS
