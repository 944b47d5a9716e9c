/* atr-json-strict.h — is a document strict RFC 8259 JSON of bounded depth? (pure, no parser)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest depth atr_json_strict_check() can be asked for. */
#define ATR_JSON_STRICT_DEPTH_LIMIT 256

/**
 * AtrJsonStrictError:
 * @offset: byte offset of the first byte at fault
 * @line: its line, from 1
 * @column: its column in characters, from 1
 * @problem: what was wrong (a static string, never the document's text)
 * @too_deep: the problem is nesting deeper than the depth asked for
 */
typedef struct
{
  gsize       offset;
  guint       line;
  guint       column;
  const char *problem;
  gboolean    too_deep;
} AtrJsonStrictError;

gboolean atr_json_strict_check (const char         *data,
                                gsize               length,
                                guint               max_depth,
                                AtrJsonStrictError *error);

G_END_DECLS
