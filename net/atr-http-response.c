/* atr-http-response.c — what came back from AtrHttpClient (status, headers, which endpoint)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include "atr-http-private.h"
#include "atr-http-response.h"

struct _AtrHttpResponse
{
  GObject             parent_instance;

  guint               status;
  char               *reason;
  char               *content_type;
  GHashTable         *content_type_params;
  SoupMessageHeaders *headers;
  char               *url;
  char               *endpoint;
  GStrv               tried;
  GStrv               warnings;
};

G_DEFINE_FINAL_TYPE (AtrHttpResponse, atr_http_response, G_TYPE_OBJECT)

static void
atr_http_response_finalize (GObject *object)
{
  AtrHttpResponse *self = ATR_HTTP_RESPONSE (object);

  g_free (self->reason);
  g_free (self->content_type);
  g_clear_pointer (&self->content_type_params, g_hash_table_unref);
  g_clear_pointer (&self->headers, soup_message_headers_unref);
  g_free (self->url);
  g_free (self->endpoint);
  g_strfreev (self->tried);
  g_strfreev (self->warnings);

  G_OBJECT_CLASS (atr_http_response_parent_class)->finalize (object);
}

static void
atr_http_response_class_init (AtrHttpResponseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_http_response_finalize;
}

static void
atr_http_response_init (AtrHttpResponse *self)
{
}

AtrHttpResponse *
_atr_http_response_new (SoupMessage       *msg,
                        const char        *url,
                        const char        *endpoint,
                        const char *const *tried,
                        const char *const *warnings)
{
  AtrHttpResponse *self = g_object_new (ATR_TYPE_HTTP_RESPONSE, NULL);
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  GHashTable *params = NULL;
  const char *type;

  self->status = soup_message_get_status (msg);
  self->reason = g_strdup (soup_message_get_reason_phrase (msg));
  self->headers = soup_message_headers_ref (headers);
  type = soup_message_headers_get_content_type (headers, &params);
  if (type != NULL)
    self->content_type = g_ascii_strdown (type, -1);
  self->content_type_params = params;
  self->url = g_strdup (url);
  self->endpoint = g_strdup (endpoint);
  self->tried = g_strdupv ((char **) tried);
  self->warnings = warnings ? g_strdupv ((char **) warnings) : g_new0 (char *, 1);
  if (self->tried == NULL)
    self->tried = g_new0 (char *, 1);
  return self;
}

guint
atr_http_response_get_status (AtrHttpResponse *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_RESPONSE (self), 0);

  return self->status;
}

const char *
atr_http_response_get_reason (AtrHttpResponse *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_RESPONSE (self), NULL);

  return self->reason;
}

const char *
atr_http_response_get_content_type (AtrHttpResponse *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_RESPONSE (self), NULL);

  return self->content_type;
}

const char *
atr_http_response_get_content_type_param (AtrHttpResponse *self,
                                          const char      *name)
{
  g_return_val_if_fail (ATR_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (self->content_type_params == NULL)
    return NULL;
  return g_hash_table_lookup (self->content_type_params, name);
}

const char *
atr_http_response_get_header (AtrHttpResponse *self,
                              const char      *name)
{
  g_return_val_if_fail (ATR_IS_HTTP_RESPONSE (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return soup_message_headers_get_one (self->headers, name);
}

SoupMessageHeaders *
atr_http_response_get_headers (AtrHttpResponse *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_RESPONSE (self), NULL);

  return self->headers;
}

const char *
atr_http_response_get_url (AtrHttpResponse *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_RESPONSE (self), NULL);

  return self->url;
}

const char *
atr_http_response_get_endpoint (AtrHttpResponse *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_RESPONSE (self), NULL);

  return self->endpoint;
}

const char *const *
atr_http_response_get_tried (AtrHttpResponse *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_RESPONSE (self), NULL);

  return (const char *const *) self->tried;
}

const char *const *
atr_http_response_get_warnings (AtrHttpResponse *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_RESPONSE (self), NULL);

  return (const char *const *) self->warnings;
}
