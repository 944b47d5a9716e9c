/* atr-test-resolver.h — a GResolver for tests: fixed names → loopback addresses, TXT records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test code only. Install it with g_resolver_set_default() so that clients resolve
 * "harbour.atrium.test" and friends to loopback without touching real DNS. Names that are not
 * mapped fail with G_RESOLVER_ERROR_NOT_FOUND.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATR_TYPE_TEST_RESOLVER (atr_test_resolver_get_type ())
G_DECLARE_FINAL_TYPE (AtrTestResolver, atr_test_resolver, ATR, TEST_RESOLVER, GResolver)

AtrTestResolver *atr_test_resolver_new         (void);
/* @pattern is a host name or "*.suffix" (any name below suffix). Several addresses may be
 * added for one pattern; they are returned in order. Returns FALSE if @address is not an IP. */
gboolean         atr_test_resolver_add_address (AtrTestResolver *self,
                                                const char      *pattern,
                                                const char      *address);
/* A TXT record (one or more strings, as DNS splits long RDATA) for @name. */
void             atr_test_resolver_add_txt     (AtrTestResolver    *self,
                                                const char         *name,
                                                const char * const *strings);
guint            atr_test_resolver_get_lookup_count (AtrTestResolver *self);

G_END_DECLS
