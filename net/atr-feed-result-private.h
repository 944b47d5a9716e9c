/* atr-feed-result-private.h — building an AtrFeedResult (net/ only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-feed-result.h"

G_BEGIN_DECLS

AtrFeedResult *_atr_feed_result_new          (AtrFeed       *feed,
                                              const char    *feed_url,
                                              GDateTime     *fetched,
                                              gboolean       stale);
void           _atr_feed_result_add_warning  (AtrFeedResult *result,
                                              const char    *warning);
void           _atr_feed_result_set_endpoint (AtrFeedResult *result,
                                              const char    *endpoint);
void           _atr_feed_result_set_token    (AtrFeedResult *result,
                                              const char    *token,
                                              gboolean       renewed);

G_END_DECLS
