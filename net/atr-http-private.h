/* atr-http-private.h — module-internal parts of the HTTPS client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-http-request.h"
#include "atr-http-response.h"

G_BEGIN_DECLS

/* A SoupMessage for @uri with the request's method, headers, cookies, auth callback and
 * SOUP_MESSAGE_NO_REDIRECT. */
SoupMessage     *_atr_http_request_build_message (AtrHttpRequest *self,
                                                  GUri           *uri);

/* For the client's sign-in (atr_http_client_set_sign_in): what a request brings itself. */
gboolean         _atr_http_request_has_cookie    (AtrHttpRequest *self,
                                                  const char     *name);
gboolean         _atr_http_request_has_auth_func (AtrHttpRequest *self);

AtrHttpResponse *_atr_http_response_new          (SoupMessage       *msg,
                                                  const char        *url,
                                                  const char        *endpoint,
                                                  const char *const *tried,
                                                  const char *const *warnings);

G_END_DECLS
