/* atr-http-request.c — one HTTPS request for AtrHttpClient (what to fetch and how)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>

#include "atr-http-private.h"
#include "atr-http-request.h"

typedef struct
{
  char *name;
  char *value; /* a secret: wiped on free */
} Cookie;

struct _AtrHttpRequest
{
  GObject          parent_instance;

  char            *method;
  char            *url;
  GPtrArray       *headers; /* alternating name, value */
  GPtrArray       *cookies; /* Cookie */
  gsize            max_size;
  guint            attempt_timeout_ms;
  guint            read_timeout_ms;
  char            *endpoint;

  AtrHttpAuthFunc  auth_func;
  gpointer         auth_data;
  GDestroyNotify   auth_destroy;
};

G_DEFINE_FINAL_TYPE (AtrHttpRequest, atr_http_request, G_TYPE_OBJECT)

static void
wipe_string (char *s)
{
  if (s != NULL)
    {
      explicit_bzero (s, strlen (s));
      g_free (s);
    }
}

static void
cookie_free (gpointer data)
{
  Cookie *c = data;

  g_free (c->name);
  wipe_string (c->value);
  g_free (c);
}

static void
atr_http_request_finalize (GObject *object)
{
  AtrHttpRequest *self = ATR_HTTP_REQUEST (object);

  if (self->auth_destroy != NULL)
    self->auth_destroy (self->auth_data);
  g_free (self->method);
  g_free (self->url);
  g_ptr_array_unref (self->headers);
  g_ptr_array_unref (self->cookies);
  g_free (self->endpoint);

  G_OBJECT_CLASS (atr_http_request_parent_class)->finalize (object);
}

static void
atr_http_request_class_init (AtrHttpRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_http_request_finalize;
}

static void
atr_http_request_init (AtrHttpRequest *self)
{
  self->headers = g_ptr_array_new_with_free_func (g_free);
  self->cookies = g_ptr_array_new_with_free_func (cookie_free);
  self->max_size = ATR_HTTP_DEFAULT_MAX_SIZE;
  self->attempt_timeout_ms = ATR_HTTP_DEFAULT_ATTEMPT_TIMEOUT_MS;
  self->read_timeout_ms = ATR_HTTP_DEFAULT_READ_TIMEOUT_MS;
}

AtrHttpRequest *
atr_http_request_new (const char *method,
                      const char *url)
{
  AtrHttpRequest *self;

  g_return_val_if_fail (method != NULL && *method != '\0', NULL);
  g_return_val_if_fail (url != NULL, NULL);

  self = g_object_new (ATR_TYPE_HTTP_REQUEST, NULL);
  self->method = g_ascii_strup (method, -1);
  self->url = g_strdup (url);
  return self;
}

const char *
atr_http_request_get_method (AtrHttpRequest *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_REQUEST (self), NULL);

  return self->method;
}

const char *
atr_http_request_get_url (AtrHttpRequest *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_REQUEST (self), NULL);

  return self->url;
}

void
atr_http_request_set_header (AtrHttpRequest *self,
                             const char     *name,
                             const char     *value)
{
  g_return_if_fail (ATR_IS_HTTP_REQUEST (self));
  g_return_if_fail (name != NULL && *name != '\0');

  for (guint i = 0; i < self->headers->len; i += 2)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->headers, i), name) == 0)
      {
        g_ptr_array_remove_range (self->headers, i, 2);
        break;
      }
  if (value != NULL)
    {
      g_ptr_array_add (self->headers, g_strdup (name));
      g_ptr_array_add (self->headers, g_strdup (value));
    }
}

const char *
atr_http_request_get_header (AtrHttpRequest *self,
                             const char     *name)
{
  g_return_val_if_fail (ATR_IS_HTTP_REQUEST (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->headers->len; i += 2)
    if (g_ascii_strcasecmp (g_ptr_array_index (self->headers, i), name) == 0)
      return g_ptr_array_index (self->headers, i + 1);
  return NULL;
}

void
atr_http_request_set_cookie (AtrHttpRequest *self,
                             const char     *name,
                             const char     *value)
{
  Cookie *c;

  g_return_if_fail (ATR_IS_HTTP_REQUEST (self));
  g_return_if_fail (name != NULL && *name != '\0');

  for (guint i = 0; i < self->cookies->len; i++)
    {
      c = g_ptr_array_index (self->cookies, i);
      if (g_str_equal (c->name, name))
        {
          g_ptr_array_remove_index (self->cookies, i);
          break;
        }
    }
  if (value == NULL)
    return;
  c = g_new0 (Cookie, 1);
  c->name = g_strdup (name);
  c->value = g_strdup (value);
  g_ptr_array_add (self->cookies, c);
}

void
atr_http_request_set_max_size (AtrHttpRequest *self,
                               gsize           max_size)
{
  g_return_if_fail (ATR_IS_HTTP_REQUEST (self));

  self->max_size = max_size;
}

gsize
atr_http_request_get_max_size (AtrHttpRequest *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_REQUEST (self), 0);

  return self->max_size;
}

void
atr_http_request_set_attempt_timeout (AtrHttpRequest *self,
                                      guint           timeout_ms)
{
  g_return_if_fail (ATR_IS_HTTP_REQUEST (self));
  g_return_if_fail (timeout_ms > 0);

  self->attempt_timeout_ms = timeout_ms;
}

guint
atr_http_request_get_attempt_timeout (AtrHttpRequest *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_REQUEST (self), 0);

  return self->attempt_timeout_ms;
}

void
atr_http_request_set_read_timeout (AtrHttpRequest *self,
                                   guint           timeout_ms)
{
  g_return_if_fail (ATR_IS_HTTP_REQUEST (self));
  g_return_if_fail (timeout_ms > 0);

  self->read_timeout_ms = timeout_ms;
}

guint
atr_http_request_get_read_timeout (AtrHttpRequest *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_REQUEST (self), 0);

  return self->read_timeout_ms;
}

void
atr_http_request_set_endpoint (AtrHttpRequest *self,
                               const char     *label)
{
  g_return_if_fail (ATR_IS_HTTP_REQUEST (self));

  g_free (self->endpoint);
  self->endpoint = g_strdup (label);
}

const char *
atr_http_request_get_endpoint (AtrHttpRequest *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_REQUEST (self), NULL);

  return self->endpoint;
}

void
atr_http_request_set_auth_func (AtrHttpRequest *self,
                                AtrHttpAuthFunc func,
                                gpointer        user_data,
                                GDestroyNotify  destroy)
{
  g_return_if_fail (ATR_IS_HTTP_REQUEST (self));

  if (self->auth_destroy != NULL)
    self->auth_destroy (self->auth_data);
  self->auth_func = func;
  self->auth_data = user_data;
  self->auth_destroy = destroy;
}

gboolean
_atr_http_request_has_cookie (AtrHttpRequest *self,
                              const char     *name)
{
  for (guint i = 0; i < self->cookies->len; i++)
    if (g_str_equal (((Cookie *) g_ptr_array_index (self->cookies, i))->name, name))
      return TRUE;
  return FALSE;
}

gboolean
_atr_http_request_has_auth_func (AtrHttpRequest *self)
{
  return self->auth_func != NULL;
}

static gboolean
authenticate_cb (SoupMessage *msg,
                 SoupAuth    *auth,
                 gboolean     retrying,
                 gpointer     user_data)
{
  AtrHttpRequest *self = user_data;

  if (self->auth_func == NULL)
    return FALSE;
  return self->auth_func (self, msg, auth, retrying, self->auth_data);
}

SoupMessage *
_atr_http_request_build_message (AtrHttpRequest *self,
                                 GUri           *uri)
{
  SoupMessage *msg;
  SoupMessageHeaders *headers;

  g_return_val_if_fail (ATR_IS_HTTP_REQUEST (self), NULL);

  msg = soup_message_new_from_uri (self->method, uri);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (msg);
  for (guint i = 0; i < self->headers->len; i += 2)
    soup_message_headers_replace (headers, g_ptr_array_index (self->headers, i),
                                  g_ptr_array_index (self->headers, i + 1));
  if (self->cookies->len > 0)
    {
      GString *cookie = g_string_new (NULL);

      for (guint i = 0; i < self->cookies->len; i++)
        {
          const Cookie *c = g_ptr_array_index (self->cookies, i);

          if (cookie->len > 0)
            g_string_append (cookie, "; ");
          g_string_append_printf (cookie, "%s=%s", c->name, c->value);
        }
      soup_message_headers_replace (headers, "Cookie", cookie->str);
      explicit_bzero (cookie->str, cookie->len);
      g_string_free (cookie, TRUE);
    }
  g_signal_connect_object (msg, "authenticate", G_CALLBACK (authenticate_cb), self, 0);
  return msg;
}
