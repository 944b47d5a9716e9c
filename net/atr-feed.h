/* atr-feed.h — a parsed RD Web Access workspace feed ([MS-TSWP], FORMATS.md §1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "atr-resource.h"

G_BEGIN_DECLS

/* Documents bigger than this many bytes are refused before parsing. */
#define ATR_FEED_MAX_SIZE (16 * 1024 * 1024)
/* Element nesting deeper than this refuses the document (real feeds nest 7 deep). */
#define ATR_FEED_MAX_DEPTH 32
/* An attribute value longer than this many bytes drops the resource it sits in (with a
 * warning); outside a Resource element it refuses the document. */
#define ATR_FEED_MAX_ATTRIBUTE_LENGTH 4096

/* The feed's XML namespace; the root ResourceCollection must be in it. */
#define ATR_FEED_NAMESPACE "http://schemas.microsoft.com/ts/2007/05/tswf"

typedef struct _AtrFeed AtrFeed;

AtrFeed            *atr_feed_parse                 (const char         *data,
                                                    gsize               length,
                                                    const char         *feed_url,
                                                    const char * const *extra_origins,
                                                    GError            **error);

const char         *atr_feed_get_publisher_name    (AtrFeed            *feed);
const char         *atr_feed_get_publisher_id      (AtrFeed            *feed);
const char         *atr_feed_get_schema_version    (AtrFeed            *feed);
gboolean            atr_feed_get_supports_reconnect (AtrFeed           *feed);
GPtrArray          *atr_feed_get_resources         (AtrFeed            *feed);
const char * const *atr_feed_get_warnings          (AtrFeed            *feed);
void                atr_feed_free                  (AtrFeed            *feed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrFeed, atr_feed_free)

G_END_DECLS
