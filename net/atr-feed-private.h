/* atr-feed-private.h — how the parser fills an AtrFeed (net/ internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-feed.h"

G_BEGIN_DECLS

/* Takes ownership of every argument (resources: a GPtrArray of AtrResource with
 * g_object_unref as free func; warnings: a NULL-terminated string vector). */
AtrFeed *_atr_feed_new (char      *publisher_name,
                        char      *publisher_id,
                        char      *schema_version,
                        gboolean   supports_reconnect,
                        GPtrArray *resources,
                        char     **warnings);

G_END_DECLS
