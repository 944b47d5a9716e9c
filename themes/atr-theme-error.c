/* atr-theme-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-themes"

#include "config.h"

#include "atr-theme-error.h"

G_DEFINE_QUARK (atr-theme-error-quark, atr_theme_error)
