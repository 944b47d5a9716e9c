/* atr-json-load.h — load an untrusted JSON document safely (size, strict syntax, depth)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Deeper nesting is refused before json-glib sees it: its parser recurses per level. At most
 * ATR_JSON_STRICT_DEPTH_LIMIT. */
#define ATR_JSON_MAX_DEPTH 64

JsonNode *atr_json_load (const char *data,
                         gsize       length,
                         gsize       max_length,
                         const char *url,
                         GQuark      domain,
                         int         too_large_code,
                         int         malformed_code,
                         GError    **error);

gboolean  atr_json_text_is_valid (const char *text);
GList    *atr_json_object_get_valid_members (JsonObject *object,
                                             gboolean   *valid);

G_END_DECLS
