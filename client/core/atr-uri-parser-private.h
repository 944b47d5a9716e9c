/* atr-uri-parser-private.h — what the per-scheme link parsers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-launch-request-private.h"
#include "atr-uri-parser.h"

G_BEGIN_DECLS

typedef struct
{
  char *name;   /* decoded once, as written: what messages name */
  char *key;    /* decoded once, then canonical (atr_rdp_key_canonical()): what is compared */
  char *value;  /* decoded once; never quoted in messages */
} AtrUriParam;

GPtrArray  *_atr_uri_split_params  (const char               *scheme,
                                    const char               *text,
                                    GError                  **error);
const char *_atr_uri_printable     (const char               *name);
gboolean    _atr_uri_parse_rdp     (const char               *body,
                                    AtrLaunchRequestBuilder  *builder,
                                    GError                  **error);

G_END_DECLS
