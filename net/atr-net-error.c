/* atr-net-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "atr-net-error.h"

G_DEFINE_QUARK (atr-net-error-quark, atr_net_error)
