/* atr-rdp-file-private.h — rdp/-internal construction of AtrRdpFile (filter, tests)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-rdp-file.h"

G_BEGIN_DECLS

AtrRdpLine *_atr_rdp_line_new            (guint            line,
                                          const char      *name,
                                          AtrRdpValueType  type,
                                          const char      *value,
                                          gint64           integer);
AtrRdpLine *_atr_rdp_line_copy           (const AtrRdpLine *line);
void        _atr_rdp_line_free           (AtrRdpLine      *line);

/* Takes ownership of @lines (of AtrRdpLine) and @malformed (of AtrRdpDropped). */
AtrRdpFile *_atr_rdp_file_new_from_lines (const char      *origin,
                                          GPtrArray       *lines,
                                          GPtrArray       *malformed);

char       *_atr_rdp_file_decode         (const guint8    *data,
                                          gsize            length,
                                          const char      *origin,
                                          gsize           *out_length,
                                          GError         **error);

G_END_DECLS
