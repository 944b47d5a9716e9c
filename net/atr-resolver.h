/* atr-resolver.h — a GResolver with curl-style overrides (--resolve HOST:PORT:ADDR[,ADDR…])
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AtrResolver wraps another resolver (normally the previous default). Host names with an
 * override resolve to the override's addresses, rotated on each lookup like DNS round-robin;
 * TXT overrides answer lookup_records; everything else goes to the wrapped resolver, or fails
 * with G_RESOLVER_ERROR_NOT_FOUND when there is none (tests: never reach real DNS).
 *
 * GResolver lookups carry no port, so an override applies to its HOST on every port; the
 * PORT is kept (atr_resolver_get_override_port) so callers that know the port can tell.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATR_TYPE_RESOLVER (atr_resolver_get_type ())
G_DECLARE_FINAL_TYPE (AtrResolver, atr_resolver, ATR, RESOLVER, GResolver)

/* @wrapped (nullable): where lookups without an override go. */
AtrResolver *atr_resolver_new               (GResolver         *wrapped);
/* A resolver wrapping the current default. */
AtrResolver *atr_resolver_new_default       (void);
/* "HOST:PORT:ADDR[,ADDR…]"; IPv6 addresses as "[::1]". A later spec for HOST replaces it.
 * Bad syntax → ATR_NET_ERROR_INVALID_ADDRESS naming the spec. */
gboolean     atr_resolver_add_override      (AtrResolver       *self,
                                             const char        *spec,
                                             GError           **error);
/* TXT record override for @name (e.g. "_msradc.tenant1.atrium.test"); each call adds one
 * record made of @strings. */
void         atr_resolver_add_txt           (AtrResolver       *self,
                                             const char        *name,
                                             const char *const *strings);
gboolean     atr_resolver_has_override      (AtrResolver       *self,
                                             const char        *host);
/* The PORT of the override for @host, 0 if none. */
guint16      atr_resolver_get_override_port (AtrResolver       *self,
                                             const char        *host);
/* The override's addresses for @host (rotated like a lookup), NULL if none; free with
 * g_resolver_free_addresses(). For names GLib resolves itself ("localhost"). */
GList       *atr_resolver_lookup_override   (AtrResolver       *self,
                                             const char        *host);
/* Make @self the default resolver (g_resolver_set_default). */
void         atr_resolver_install           (AtrResolver       *self);

G_END_DECLS
