/* atr-tenant-manifest.h — the tenant manifest, /.well-known/atrium/tenant.json (immutable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Documents larger than this are refused unparsed. */
#define ATR_TENANT_MANIFEST_MAX_SIZE (1024 * 1024)
/* The only schema version this client reads ("atrium_tenant"). */
#define ATR_TENANT_MANIFEST_VERSION 1
/* The well-known path a tenant serves its manifest at. */
#define ATR_TENANT_MANIFEST_PATH "/.well-known/atrium/tenant.json"

#define ATR_TYPE_TENANT_MANIFEST (atr_tenant_manifest_get_type ())
G_DECLARE_FINAL_TYPE (AtrTenantManifest, atr_tenant_manifest, ATR, TENANT_MANIFEST, GObject)

AtrTenantManifest  *atr_tenant_manifest_parse                        (const char        *data,
                                                                      gsize              length,
                                                                      const char        *manifest_url,
                                                                      GError           **error);

const char         *atr_tenant_manifest_get_url                      (AtrTenantManifest *self);
const char         *atr_tenant_manifest_get_id                       (AtrTenantManifest *self);
const char         *atr_tenant_manifest_get_display_name             (AtrTenantManifest *self);
const char         *atr_tenant_manifest_get_feed_url                 (AtrTenantManifest *self);
const char * const *atr_tenant_manifest_get_gateways                 (AtrTenantManifest *self);
JsonNode           *atr_tenant_manifest_get_theme                    (AtrTenantManifest *self);
const char         *atr_tenant_manifest_get_theme_url                (AtrTenantManifest *self);
const char * const *atr_tenant_manifest_get_redirections             (AtrTenantManifest *self);
gboolean            atr_tenant_manifest_get_allow_certificate_override (AtrTenantManifest *self);
gboolean            atr_tenant_manifest_get_reconnect                (AtrTenantManifest *self);
guint               atr_tenant_manifest_get_idle_logoff_minutes      (AtrTenantManifest *self);
const char * const *atr_tenant_manifest_get_trust_anchors            (AtrTenantManifest *self);
const char * const *atr_tenant_manifest_get_warnings                 (AtrTenantManifest *self);

JsonNode           *atr_tenant_manifest_to_json                      (AtrTenantManifest *self);

G_END_DECLS
