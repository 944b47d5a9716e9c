/* atr-gateway-address.h — validate and normalise a gateway endpoint, "host[:port]"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *atr_gateway_address_normalize (const char  *text,
                                     GError     **error);

G_END_DECLS
