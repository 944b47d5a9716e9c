/* atr-feed-result.h — what a feed fetch produced: the feed, where it came from, how fresh
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "atr-feed.h"

G_BEGIN_DECLS

typedef struct _AtrFeedResult AtrFeedResult;

AtrFeed            *atr_feed_result_get_feed     (AtrFeedResult *result);
const char         *atr_feed_result_get_feed_url (AtrFeedResult *result);
gboolean            atr_feed_result_is_stale     (AtrFeedResult *result);
GDateTime          *atr_feed_result_get_fetched  (AtrFeedResult *result);
const char         *atr_feed_result_get_endpoint (AtrFeedResult *result);
const char * const *atr_feed_result_get_warnings (AtrFeedResult *result);
const char         *atr_feed_result_get_token    (AtrFeedResult *result);
gboolean            atr_feed_result_get_token_renewed (AtrFeedResult *result);
void                atr_feed_result_free         (AtrFeedResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrFeedResult, atr_feed_result_free)

G_END_DECLS
