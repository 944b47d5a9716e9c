/* atr-http-response.h — what came back from AtrHttpClient (status, headers, which endpoint)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

#define ATR_TYPE_HTTP_RESPONSE (atr_http_response_get_type ())
G_DECLARE_FINAL_TYPE (AtrHttpResponse, atr_http_response, ATR, HTTP_RESPONSE, GObject)

guint               atr_http_response_get_status       (AtrHttpResponse *self);
const char         *atr_http_response_get_reason       (AtrHttpResponse *self);
/* The media type without parameters, lower case ("application/x-msts-radc+xml"), or NULL. */
const char         *atr_http_response_get_content_type (AtrHttpResponse *self);
/* A parameter of the Content-Type header ("charset", "radc_schema_version"), or NULL. */
const char         *atr_http_response_get_content_type_param (AtrHttpResponse *self,
                                                              const char      *name);
const char         *atr_http_response_get_header       (AtrHttpResponse *self,
                                                        const char      *name);
SoupMessageHeaders *atr_http_response_get_headers      (AtrHttpResponse *self);
const char         *atr_http_response_get_url          (AtrHttpResponse *self);
/* The endpoint that answered, e.g. "127.0.0.2:8443" or "[::1]:443". */
const char         *atr_http_response_get_endpoint     (AtrHttpResponse *self);
/* Endpoints in the order attempts were started (diagnostics, "probe"). */
const char *const  *atr_http_response_get_tried        (AtrHttpResponse *self);
/* Non-fatal findings, e.g. a gateway whose certificate was rejected while another answered. */
const char *const  *atr_http_response_get_warnings     (AtrHttpResponse *self);

G_END_DECLS
