/* atr-http-fetch-private.h — what the fetch driver needs from AtrHttpClient
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-http.h"

G_BEGIN_DECLS

char          *_atr_http_normalise_host        (const char         *host);
SoupSession   *_atr_http_client_get_session    (AtrHttpClient      *self,
                                                const char         *label,
                                                GInetSocketAddress *address);
/* Gives @request the client's sign-in cookie and auth answer where it has none. */
void           _atr_http_client_apply_sign_in  (AtrHttpClient      *self,
                                                AtrHttpRequest     *request);
AtrTrustStore *_atr_http_client_get_trust      (AtrHttpClient      *self);
GResolver     *_atr_http_client_dup_resolver   (AtrHttpClient      *self);
guint          _atr_http_client_get_n_gateways (AtrHttpClient      *self);
const char    *_atr_http_client_get_gateway    (AtrHttpClient      *self,
                                                guint               i,
                                                guint16            *port);
guint          _atr_http_client_get_stagger_ms (AtrHttpClient      *self);

/* "127.0.0.2:8443", "[::1]:8443" */
char          *_atr_http_make_label            (GInetAddress       *inet,
                                                guint16             port);
gboolean       _atr_http_parse_label           (const char         *label,
                                                GInetAddress      **inet,
                                                guint16            *port);

int            _atr_http_error_severity        (int                 code);
GError        *_atr_http_classify_send_error   (const char         *host,
                                                SoupMessage        *msg,
                                                const GError       *error);
GError        *_atr_http_exhausted_error       (const char         *host,
                                                guint               n,
                                                const char        **labels,
                                                const GError      **errors);

G_END_DECLS
