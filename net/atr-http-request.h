/* atr-http-request.h — one HTTPS request for AtrHttpClient (what to fetch and how)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Defaults used when a request does not say otherwise. */
#define ATR_HTTP_DEFAULT_MAX_SIZE           (8 * 1024 * 1024)  /* bytes */
#define ATR_HTTP_DEFAULT_ATTEMPT_TIMEOUT_MS 5000  /* TCP + TLS + first response byte */
#define ATR_HTTP_DEFAULT_READ_TIMEOUT_MS    30000 /* the whole body, after the first byte */

#define ATR_TYPE_HTTP_REQUEST (atr_http_request_get_type ())
G_DECLARE_FINAL_TYPE (AtrHttpRequest, atr_http_request, ATR, HTTP_REQUEST, GObject)

/**
 * AtrHttpAuthFunc:
 * @request: the request being sent
 * @msg: the SoupMessage of the attempt that was challenged (one per endpoint attempt)
 * @auth: the challenge; call soup_auth_authenticate() (Basic, NTLM, Digest) or soup_auth_cancel()
 * @retrying: TRUE when credentials given before were refused
 * @user_data: closure data
 *
 * Called from SoupMessage::authenticate when the server answers 401 (same contract as that
 * signal: return TRUE if you handled @auth, possibly later, FALSE to leave it unanswered).
 * libsoup re-sends the request on the same endpoint's session, so NTLM works.
 */
typedef gboolean (*AtrHttpAuthFunc) (AtrHttpRequest *request,
                                     SoupMessage    *msg,
                                     SoupAuth       *auth,
                                     gboolean        retrying,
                                     gpointer        user_data);

AtrHttpRequest *atr_http_request_new                 (const char     *method,
                                                      const char     *url);
const char     *atr_http_request_get_method          (AtrHttpRequest *self);
const char     *atr_http_request_get_url             (AtrHttpRequest *self);

/* Extra headers (Accept, …). Setting a name again replaces it. Not for secrets: use set_cookie. */
void            atr_http_request_set_header          (AtrHttpRequest *self,
                                                      const char     *name,
                                                      const char     *value);
const char     *atr_http_request_get_header          (AtrHttpRequest *self,
                                                      const char     *name);

/* A secret cookie (e.g. ".ASPXAUTH"): sent as "Cookie: name=value", never logged, wiped on
 * finalize. Several calls add several cookies; value NULL removes the cookie @name. */
void            atr_http_request_set_cookie          (AtrHttpRequest *self,
                                                      const char     *name,
                                                      const char     *value);

void            atr_http_request_set_max_size        (AtrHttpRequest *self,
                                                      gsize           max_size);
gsize           atr_http_request_get_max_size        (AtrHttpRequest *self);
/* Per-attempt deadline: TCP connect + TLS handshake + the response headers. */
void            atr_http_request_set_attempt_timeout (AtrHttpRequest *self,
                                                      guint           timeout_ms);
guint           atr_http_request_get_attempt_timeout (AtrHttpRequest *self);
/* Deadline for reading the whole body once the headers arrived. */
void            atr_http_request_set_read_timeout    (AtrHttpRequest *self,
                                                      guint           timeout_ms);
guint           atr_http_request_get_read_timeout    (AtrHttpRequest *self);

/* Pin the request to one endpoint (a label from AtrHttpResponse's get_endpoint(), e.g.
 * "127.0.0.2:8443"): no failover. Use it to continue a sign-in flow on the gateway that
 * answered the first request. NULL = fail over across all endpoints. */
void            atr_http_request_set_endpoint        (AtrHttpRequest *self,
                                                      const char     *label);
const char     *atr_http_request_get_endpoint        (AtrHttpRequest *self);

void            atr_http_request_set_auth_func       (AtrHttpRequest *self,
                                                      AtrHttpAuthFunc func,
                                                      gpointer        user_data,
                                                      GDestroyNotify  destroy);

G_END_DECLS
