/* atr-feed-client-private.h — what the feed client's files share (net/ internal)
 *
 * atr-feed-client.c runs the live fetch; atr-feed-client-cache.c loads the last good list.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void _atr_feed_client_load_cached (const char          *tenant_id,
                                   const char * const  *extra_origins,
                                   const GError        *live_error,
                                   GPtrArray           *warnings,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);

G_END_DECLS
