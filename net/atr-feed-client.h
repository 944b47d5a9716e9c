/* atr-feed-client.h — fetch a tenant's workspace feed: sign-in, failover, parse, cache
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One fetch runs the RD Web Access flow real servers use (FORMATS.md §1):
 *   GET feed (Accept: application/x-msts-radc+xml; radc_schema_version=2.0)
 *   → 200: the feed (application/x-msts-radc+xml, or text/xml from old servers)
 *   → 401: HTTP authentication on the feed itself (Basic, NTLM) with the credentials
 *   → 3xx to the feed's origin (WebFeedLogin.aspx): GET it on the SAME endpoint, answer its
 *     401 (NTLM/Negotiate/Basic) with the credentials, read the token from the body
 *     (application/x-msts-webfeed-login), then GET the feed again with cookie .ASPXAUTH.
 * A token from an earlier sign-in (atr_feed_client_set_token, "remember me") is sent with the
 * first GET; a sign-in redirect then means it expired: the flow above runs again, and the
 * result carries the new token (atr_feed_result_get_token) for the caller to remember.
 * The document is parsed strictly and, when it parses, stored as the tenant's last good feed.
 * When every endpoint fails for network reasons (DNS, connect, timeout, HTTP errors) or the
 * new document is refused, the last good feed is returned marked stale, with the reason;
 * certificate and authentication failures are returned as errors (they need the user).
 */
#pragma once

#include <gio/gio.h>

#include "atr-feed.h"
#include "atr-feed-result.h"
#include "atr-http.h"

G_BEGIN_DECLS

#define ATR_FEED_ACCEPT "application/x-msts-radc+xml; radc_schema_version=2.0, text/xml;q=0.5"
#define ATR_FEED_TOKEN_COOKIE ".ASPXAUTH"
#define ATR_FEED_TOKEN_MAX_SIZE (16 * 1024)
/* The tenant cache document (AtrTenantCache) holding the last good feed, exactly as fetched. */
#define ATR_FEED_CACHE_NAME "feed.xml"

#define ATR_TYPE_FEED_CLIENT (atr_feed_client_get_type ())
G_DECLARE_FINAL_TYPE (AtrFeedClient, atr_feed_client, ATR, FEED_CLIENT, GObject)

AtrFeedClient      *atr_feed_client_new               (AtrHttpClient       *http,
                                                       const char          *tenant_id);
void                atr_feed_client_set_credentials   (AtrFeedClient       *self,
                                                       const char          *user,
                                                       const char          *password);
gboolean            atr_feed_client_set_token         (AtrFeedClient       *self,
                                                       const char          *token,
                                                       GError             **error);
void                atr_feed_client_set_extra_origins (AtrFeedClient       *self,
                                                       const char * const  *origins);
void                atr_feed_client_set_attempt_timeout (AtrFeedClient     *self,
                                                         guint              timeout_ms);
void                atr_feed_client_fetch_async       (AtrFeedClient       *self,
                                                       const char          *feed_url,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
AtrFeedResult      *atr_feed_client_fetch_finish      (AtrFeedClient       *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

void                atr_feed_client_load_cached_async (const char          *tenant_id,
                                                       const char * const  *extra_origins,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
AtrFeedResult      *atr_feed_client_load_cached_finish (GAsyncResult       *result,
                                                        GError            **error);


G_END_DECLS
