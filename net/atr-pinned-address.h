/* atr-pinned-address.h — a host name that connects to exactly one chosen IP address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GNetworkAddress (so GIO TLS takes its host name for SNI and the certificate identity
 * check) whose GSocketConnectable enumerators yield only the pinned GInetSocketAddress: no
 * DNS lookup and no proxy. Given to SoupSession as "remote-connectable" it makes every
 * connection of that session go to one gateway while the Host header, SNI and the
 * certificate check still use the tenant host name.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATR_TYPE_PINNED_ADDRESS (atr_pinned_address_get_type ())
G_DECLARE_FINAL_TYPE (AtrPinnedAddress, atr_pinned_address, ATR, PINNED_ADDRESS, GNetworkAddress)

AtrPinnedAddress   *atr_pinned_address_new         (const char         *hostname,
                                                    GInetSocketAddress *address);
GInetSocketAddress *atr_pinned_address_get_address (AtrPinnedAddress   *self);
/* "127.0.0.2:8443", "[::1]:8443" */
char               *atr_pinned_address_get_label   (AtrPinnedAddress   *self);

G_END_DECLS
