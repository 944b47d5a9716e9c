/* atr-theme-parser.h — parse and validate a tenant theme document (pure: no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-theme.h"

G_BEGIN_DECLS

/* Documents larger than this are refused unparsed. */
#define ATR_THEME_MAX_SIZE (1024 * 1024)
/* The only schema version this client reads ("atrium_theme"). */
#define ATR_THEME_VERSION 1

AtrTheme *atr_theme_parse      (const char  *data,
                                gsize        length,
                                const char  *theme_url,
                                AtrTheme    *fallback,
                                GError     **error);
AtrTheme *atr_theme_parse_node (JsonNode    *node,
                                const char  *base_url,
                                const char  *key_prefix,
                                AtrTheme    *fallback,
                                GError     **error);

G_END_DECLS
