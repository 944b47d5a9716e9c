/* atr-tenant.h — one enrolled customer of the provider (immutable value object)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define ATR_TYPE_TENANT (atr_tenant_get_type ())
G_DECLARE_FINAL_TYPE (AtrTenant, atr_tenant, ATR, TENANT, GObject)

AtrTenant  *atr_tenant_new              (const char *domain,
                                         const char *feed_url,
                                         const char *display_name);
const char *atr_tenant_get_id           (AtrTenant  *self);
const char *atr_tenant_get_domain       (AtrTenant  *self);
const char *atr_tenant_get_feed_url     (AtrTenant  *self);
const char *atr_tenant_get_display_name (AtrTenant  *self);

char       *atr_tenant_id_from_domain   (const char *domain);

G_END_DECLS
