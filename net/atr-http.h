/* atr-http.h — HTTPS fetches for one tenant host, with staggered gateway failover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AtrHttpClient serves one host (the feed URL's host). Its candidate endpoints are every
 * address that host resolves to (through the default GResolver, i.e. AtrResolver overrides
 * when installed) on the URL's port, plus extra gateways "host:port" (tenant manifest). A fetch
 * runs an AtrFailoverPlan over them: attempts start 250 ms apart (at once when one fails), each
 * with a deadline for TCP + TLS + response headers; the first to get headers wins and the
 * others are cancelled. Every attempt connects to ONE address (AtrPinnedAddress) while SNI, the
 * Host header and the certificate check use the host name. The last good endpoint and backoff
 * state live in an AtrEndpointMemory the caller may persist.
 *
 * Redirects are never followed (a 3xx is returned like a 2xx: read "Location" yourself), so a
 * sign-in flow stays on the endpoint it started on (see atr_http_request_set_endpoint()).
 *
 * Errors (ATR_NET_ERROR): DNS, CONNECT, TIMEOUT, TLS, CERTIFICATE (with the trust store's
 * reason), HTTP (4xx other than 401/407, and 5xx), AUTH (401/407 left unanswered or refused),
 * BAD_DATA (oversize or truncated body). A 5xx counts as a failed endpoint and fails over; a
 * 4xx is the server's answer and is final. When several endpoints failed, the message names
 * each endpoint and its failure, and the code is the most telling one: CERTIFICATE > HTTP >
 * TLS > TIMEOUT > CONNECT > DNS. A rejected certificate on one gateway never hides behind a
 * success elsewhere: it is listed in atr_http_response_get_warnings().
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "atr-endpoint-memory.h"
#include "atr-http-request.h"
#include "atr-http-response.h"
#include "atr-trust-store.h"

G_BEGIN_DECLS

/* The one SoupSession factory: user agent ATR_USER_AGENT, I/O and idle timeouts, the trust
 * store's GTlsDatabase (NULL trust: GIO's default), Basic + NTLM auth, no proxy, and when
 * @remote_connectable is given (an AtrPinnedAddress) every connection goes there. */
SoupSession       *atr_http_session_new         (AtrTrustStore      *trust,
                                                 GSocketConnectable *remote_connectable);

#define ATR_TYPE_HTTP_CLIENT (atr_http_client_get_type ())
G_DECLARE_FINAL_TYPE (AtrHttpClient, atr_http_client, ATR, HTTP_CLIENT, GObject)

/* @trust (nullable): NULL uses GIO's default database (system CAs) — tests and the product
 * always pass one. @host: the tenant's feed host (any case, IDN ok). */
AtrHttpClient     *atr_http_client_new          (AtrTrustStore     *trust,
                                                 const char        *host);
const char        *atr_http_client_get_host     (AtrHttpClient     *self);
/* Resolver for the host and the gateways; NULL (default) = g_resolver_get_default(). */
void               atr_http_client_set_resolver (AtrHttpClient     *self,
                                                 GResolver         *resolver);
/* An extra endpoint serving the same host: "gw1.example:443", "127.0.0.3:8443", "[::1]:8443". */
gboolean           atr_http_client_add_gateway  (AtrHttpClient     *self,
                                                 const char        *host_port,
                                                 GError           **error);
void               atr_http_client_set_memory   (AtrHttpClient     *self,
                                                 AtrEndpointMemory *memory);
AtrEndpointMemory *atr_http_client_get_memory   (AtrHttpClient     *self);
/* The tenant's signed-in state, given to every request of this client that does not bring
 * its own: a session cookie (@name=@value; a secret, wiped when replaced, never logged;
 * @value NULL forgets it) and the answer to HTTP sign-in (@func NULL: none; @owner, its
 * data, is held weakly here and referenced by each request under way). The feed client
 * keeps both current, so icons and .rdp files are fetched signed in like the feed. */
void               atr_http_client_set_sign_in_cookie (AtrHttpClient  *self,
                                                       const char     *name,
                                                       const char     *value);
void               atr_http_client_set_sign_in_auth   (AtrHttpClient  *self,
                                                       AtrHttpAuthFunc func,
                                                       GObject        *owner);
/* Drops the kept sessions, and with them their connections (NTLM signs in a connection),
 * cookies and libsoup's cached credentials: the next fetch starts afresh. Fetches under
 * way finish on their own session. Called when the credentials change. */
void               atr_http_client_forget_sessions (AtrHttpClient *self);
/* Delay before the next endpoint is tried while one is still pending (default 250 ms). */
void               atr_http_client_set_stagger  (AtrHttpClient     *self,
                                                 guint              stagger_ms);

void               atr_http_fetch_async         (AtrHttpClient     *client,
                                                 AtrHttpRequest    *request,
                                                 GCancellable      *cancellable,
                                                 GAsyncReadyCallback callback,
                                                 gpointer           user_data);
/* Returns the body (never NULL on success, maybe empty). @response is set whenever an HTTP
 * response arrived, also together with an HTTP or AUTH error. */
GBytes            *atr_http_fetch_finish        (AtrHttpClient     *client,
                                                 GAsyncResult      *result,
                                                 AtrHttpResponse  **response,
                                                 GError           **error);

G_END_DECLS
