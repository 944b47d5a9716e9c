/* atr-feed-url-policy.h — resolves feed URLs and keeps them on the feed's origin
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _AtrFeedUrlPolicy AtrFeedUrlPolicy;

AtrFeedUrlPolicy *atr_feed_url_policy_new           (const char         *feed_url,
                                                     const char * const *extra_origins,
                                                     GError            **error);
const char       *atr_feed_url_policy_get_feed_host (AtrFeedUrlPolicy   *policy);
char             *atr_feed_url_policy_resolve       (AtrFeedUrlPolicy   *policy,
                                                     const char         *reference,
                                                     gboolean            want_rdp,
                                                     char              **host,
                                                     const char        **reason);
void              atr_feed_url_policy_free          (AtrFeedUrlPolicy   *policy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrFeedUrlPolicy, atr_feed_url_policy_free)

G_END_DECLS
