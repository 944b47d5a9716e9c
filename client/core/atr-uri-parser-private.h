/* atr-uri-parser-private.h — what the per-scheme link parsers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-launch-request-private.h"
#include "atr-uri-host.h"
#include "atr-uri-parser.h"

G_BEGIN_DECLS

/* user names in links (atrium user=, Parallels LoginEx/UserName) and Parallels' Alias */
#define ATR_URI_USER_MAX_LENGTH 256

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
gboolean    _atr_uri_parse_parallels (const char               *scheme,
                                      const char               *rest,
                                      AtrLaunchRequestBuilder  *builder,
                                      GError                  **error);

/* "//<authority>[/][?<query>]": the authority and the query (NULL if none); "user@" is
 * never accepted */
gboolean    _atr_uri_split_hierarchy   (const char   *scheme,
                                        const char   *rest,
                                        gboolean      need_slashes,
                                        char        **authority,
                                        const char  **query,
                                        GError      **error);
/* atr_uri_host_normalize() with "<scheme> <key>" as the place named in messages */
gboolean    _atr_uri_take_host         (const char       *scheme,
                                        const char       *key,
                                        const char       *value,
                                        AtrUriHostFlags   flags,
                                        char            **ascii,
                                        char            **display,
                                        guint            *port,
                                        GPtrArray        *warnings,
                                        GError          **error);
/* atr_uri_value_check(), then a copy in *out */
gboolean    _atr_uri_take_value        (const char   *scheme,
                                        const char   *key,
                                        const char   *value,
                                        gsize         max_length,
                                        char        **out,
                                        GError      **error);
gboolean    _atr_uri_unknown_parameter (const char   *scheme,
                                        AtrUriParam  *param,
                                        const char   *context,
                                        GError      **error);
gboolean    _atr_uri_missing           (const char   *scheme,
                                        const char   *key,
                                        GError      **error);

G_END_DECLS
