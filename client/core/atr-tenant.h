/* atr-tenant.h — one enrolled customer of the provider (immutable value object)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per-tenant keys — one rule each, derived here and nowhere else:
 *   the tenant ID (atr_tenant_id_for_host(), atr_tenant_get_cache_id()) names the tenant's
 *     cache folder $XDG_CACHE_HOME/atrium/tenants/<id>/ — feed, manifest, theme, logos —
 *     and is what the kiosk wipe is given: the domain, or domain_port on a port other than
 *     443 (a tenant on another port is another tenant behind another listener). net/'s
 *     atr_tenant_loader_tenant_id_for(), the kiosk and atrium-cli use the same function.
 *   atr_tenant_get_id() is the bare domain made safe: the Secret Service's "tenant"
 *     attribute and the name in log lines. The app's tenant list is keyed by domain (one
 *     tenant per domain), so it is unambiguous there, and saved sign-ins stay where earlier
 *     versions put them (the kiosk forgets them by the same key).
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ATR_TYPE_TENANT (atr_tenant_get_type ())
G_DECLARE_FINAL_TYPE (AtrTenant, atr_tenant, ATR, TENANT, GObject)

AtrTenant  *atr_tenant_new              (const char *domain,
                                         const char *feed_url,
                                         const char *display_name);
/* The Secret Service key and log name: atr_tenant_id_from_domain (domain), whatever the port. */
const char *atr_tenant_get_id           (AtrTenant  *self);
/* The cache folder's name: atr_tenant_id_for_host (domain, atr_tenant_get_port ()). */
const char *atr_tenant_get_cache_id     (AtrTenant  *self);
const char *atr_tenant_get_domain       (AtrTenant  *self);
const char *atr_tenant_get_feed_url     (AtrTenant  *self);
const char *atr_tenant_get_display_name (AtrTenant  *self);
/* The port the tenant is served on: the feed URL's, when the feed lives on the tenant's
 * own domain at a port other than 443; else 0 (the default, 443). The manifest, theme and
 * logos are fetched from the domain at this port. */
guint16     atr_tenant_get_port         (AtrTenant  *self);

/* Pure: @domain made safe as a file name (see the .c); no port rule. */
char       *atr_tenant_id_from_domain   (const char *domain);
/* Pure: THE tenant ID rule: @domain, or "@domain:@port" when @port is neither 0 nor 443,
 * through atr_tenant_id_from_domain(). NULL when @domain is empty. */
char       *atr_tenant_id_for_host      (const char *domain,
                                         guint16     port);

G_END_DECLS
