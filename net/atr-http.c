/* atr-http.c — HTTPS fetches for one tenant host, with staggered gateway failover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fetch: resolve the candidates (the URL host's addresses + extra gateways), run an
 * AtrFailoverPlan over them — each attempt is its own SoupSession pinned to one address
 * (AtrPinnedAddress), with a GCancellable the plan's deadline cancels — then read the winner's
 * body with a size cap and a read deadline. Sessions are kept per endpoint for connection
 * reuse and so a sign-in flow can continue on the same gateway.
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-failover.h"
#include "atr-http-fetch-private.h"
#include "atr-http-private.h"
#include "atr-net-error.h"
#include "atr-pinned-address.h"
#include "atr-http.h"

#define SESSION_IO_TIMEOUT_S   30
#define SESSION_IDLE_TIMEOUT_S 60

typedef struct
{
  char    *host;
  guint16  port;
} Gateway;

struct _AtrHttpClient
{
  GObject            parent_instance;

  AtrTrustStore     *trust;
  char              *host;
  GResolver         *resolver;
  GPtrArray         *gateways; /* Gateway */
  AtrEndpointMemory *memory;
  guint              stagger_ms;
  GHashTable        *sessions; /* label → SoupSession pinned to that endpoint */
  char              *cookie_name;
  char              *cookie_value; /* secret */
  AtrHttpAuthFunc    auth_func;
  GObject           *auth_owner;   /* weak */
};

G_DEFINE_FINAL_TYPE (AtrHttpClient, atr_http_client, G_TYPE_OBJECT)

static void
gateway_free (gpointer data)
{
  Gateway *gw = data;

  g_free (gw->host);
  g_free (gw);
}

static void
atr_http_client_dispose (GObject *object)
{
  AtrHttpClient *self = ATR_HTTP_CLIENT (object);

  g_hash_table_remove_all (self->sessions);
  g_clear_weak_pointer (&self->auth_owner);
  g_clear_object (&self->trust);
  g_clear_object (&self->resolver);
  g_clear_object (&self->memory);

  G_OBJECT_CLASS (atr_http_client_parent_class)->dispose (object);
}

static void
atr_http_client_finalize (GObject *object)
{
  AtrHttpClient *self = ATR_HTTP_CLIENT (object);

  g_free (self->host);
  g_free (self->cookie_name);
  if (self->cookie_value != NULL)
    explicit_bzero (self->cookie_value, strlen (self->cookie_value));
  g_free (self->cookie_value);
  g_ptr_array_unref (self->gateways);
  g_hash_table_unref (self->sessions);

  G_OBJECT_CLASS (atr_http_client_parent_class)->finalize (object);
}

static void
atr_http_client_class_init (AtrHttpClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atr_http_client_dispose;
  object_class->finalize = atr_http_client_finalize;
}

static void
atr_http_client_init (AtrHttpClient *self)
{
  self->gateways = g_ptr_array_new_with_free_func (gateway_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->memory = atr_endpoint_memory_new ();
  self->stagger_ms = ATR_FAILOVER_DEFAULT_STAGGER_US / G_TIME_SPAN_MILLISECOND;
}

/* ASCII, lower case, no trailing dot, or NULL. IP literals are kept as they are. */
char *
_atr_http_normalise_host (const char *host)
{
  g_autofree char *ascii = NULL;
  char *lower;
  gsize len;

  if (host == NULL || *host == '\0')
    return NULL;
  if (g_hostname_is_ip_address (host))
    return g_ascii_strdown (host, -1);
  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    return NULL;
  lower = g_ascii_strdown (ascii, -1);
  len = strlen (lower);
  if (len > 1 && lower[len - 1] == '.')
    lower[len - 1] = '\0';
  for (const char *p = lower; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      {
        g_free (lower);
        return NULL;
      }
  return lower;
}

AtrHttpClient *
atr_http_client_new (AtrTrustStore *trust,
                     const char    *host)
{
  AtrHttpClient *self;
  char *normal;

  g_return_val_if_fail (trust == NULL || ATR_IS_TRUST_STORE (trust), NULL);
  g_return_val_if_fail (host != NULL, NULL);

  normal = _atr_http_normalise_host (host);
  g_return_val_if_fail (normal != NULL, NULL);

  self = g_object_new (ATR_TYPE_HTTP_CLIENT, NULL);
  self->trust = trust ? g_object_ref (trust) : NULL;
  self->host = normal;
  return self;
}

const char *
atr_http_client_get_host (AtrHttpClient *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_CLIENT (self), NULL);

  return self->host;
}

void
atr_http_client_set_resolver (AtrHttpClient *self,
                              GResolver     *resolver)
{
  g_return_if_fail (ATR_IS_HTTP_CLIENT (self));
  g_return_if_fail (resolver == NULL || G_IS_RESOLVER (resolver));

  g_set_object (&self->resolver, resolver);
}

gboolean
atr_http_client_add_gateway (AtrHttpClient  *self,
                             const char     *host_port,
                             GError        **error)
{
  g_autofree char *host = NULL;
  const char *port_text = NULL;
  Gateway *gw;
  guint64 port = 0;

  g_return_val_if_fail (ATR_IS_HTTP_CLIENT (self), FALSE);
  g_return_val_if_fail (host_port != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (host_port[0] == '[')
    {
      const char *close = strchr (host_port, ']');

      if (close != NULL && close[1] == ':')
        {
          host = g_strndup (host_port + 1, close - host_port - 1);
          port_text = close + 2;
        }
    }
  else
    {
      const char *colon = strrchr (host_port, ':');

      if (colon != NULL && memchr (host_port, ':', colon - host_port) == NULL)
        {
          host = g_strndup (host_port, colon - host_port);
          port_text = colon + 1;
        }
    }
  if (host == NULL || *host == '\0' || port_text == NULL || *port_text == '\0')
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("gateway “%s” is not HOST:PORT"), host_port);
      return FALSE;
    }
  for (const char *p = port_text; *p; p++)
    {
      if (!g_ascii_isdigit (*p) || (port = port * 10 + (guint64) (*p - '0')) > 65535)
        {
          port = 0;
          break;
        }
    }
  if (port == 0)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("gateway “%s” has a bad port (1–65535)"), host_port);
      return FALSE;
    }

  gw = g_new0 (Gateway, 1);
  gw->host = _atr_http_normalise_host (host);
  gw->port = (guint16) port;
  if (gw->host == NULL || gw->host[0] == '-')
    {
      gateway_free (gw);
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("gateway “%s” does not name a valid host"), host_port);
      return FALSE;
    }
  g_ptr_array_add (self->gateways, gw);
  return TRUE;
}

void
atr_http_client_set_memory (AtrHttpClient     *self,
                            AtrEndpointMemory *memory)
{
  g_return_if_fail (ATR_IS_HTTP_CLIENT (self));
  g_return_if_fail (ATR_IS_ENDPOINT_MEMORY (memory));

  g_set_object (&self->memory, memory);
}

AtrEndpointMemory *
atr_http_client_get_memory (AtrHttpClient *self)
{
  g_return_val_if_fail (ATR_IS_HTTP_CLIENT (self), NULL);

  return self->memory;
}

void
atr_http_client_set_stagger (AtrHttpClient *self,
                             guint          stagger_ms)
{
  g_return_if_fail (ATR_IS_HTTP_CLIENT (self));

  self->stagger_ms = stagger_ms;
}

SoupSession *
atr_http_session_new (AtrTrustStore      *trust,
                      GSocketConnectable *remote_connectable)
{
  SoupSession *session;

  g_return_val_if_fail (trust == NULL || ATR_IS_TRUST_STORE (trust), NULL);
  g_return_val_if_fail (remote_connectable == NULL ||
                        G_IS_SOCKET_CONNECTABLE (remote_connectable), NULL);

  session = g_object_new (SOUP_TYPE_SESSION,
                          "user-agent", ATR_USER_AGENT,
                          "timeout", SESSION_IO_TIMEOUT_S,
                          "idle-timeout", SESSION_IDLE_TIMEOUT_S,
                          "proxy-resolver", NULL,
                          "remote-connectable", remote_connectable,
                          NULL);
  if (trust != NULL)
    soup_session_set_tls_database (session, atr_trust_store_get_tls_database (trust));
  if (!soup_session_has_feature (session, SOUP_TYPE_AUTH_NTLM))
    soup_session_add_feature_by_type (session, SOUP_TYPE_AUTH_NTLM);
  return session;
}

void
atr_http_client_forget_sessions (AtrHttpClient *self)
{
  g_return_if_fail (ATR_IS_HTTP_CLIENT (self));

  /* libsoup's queue holds its own reference for every message under way. */
  g_hash_table_remove_all (self->sessions);
}

void
atr_http_client_set_sign_in_cookie (AtrHttpClient *self,
                                    const char    *name,
                                    const char    *value)
{
  g_return_if_fail (ATR_IS_HTTP_CLIENT (self));
  g_return_if_fail (value == NULL || (name != NULL && *name != '\0'));

  if (self->cookie_value != NULL)
    explicit_bzero (self->cookie_value, strlen (self->cookie_value));
  g_clear_pointer (&self->cookie_value, g_free);
  g_clear_pointer (&self->cookie_name, g_free);
  if (value == NULL)
    return;
  self->cookie_name = g_strdup (name);
  self->cookie_value = g_strdup (value);
}

void
atr_http_client_set_sign_in_auth (AtrHttpClient  *self,
                                  AtrHttpAuthFunc func,
                                  GObject        *owner)
{
  g_return_if_fail (ATR_IS_HTTP_CLIENT (self));
  g_return_if_fail (func == NULL || G_IS_OBJECT (owner));

  g_clear_weak_pointer (&self->auth_owner);
  self->auth_func = func;
  if (func != NULL)
    g_set_weak_pointer (&self->auth_owner, owner);
}

/* Module-internal accessors for the fetch driver (atr-http-fetch.c). */

void
_atr_http_client_apply_sign_in (AtrHttpClient  *self,
                                AtrHttpRequest *request)
{
  if (self->cookie_value != NULL && !_atr_http_request_has_cookie (request, self->cookie_name))
    atr_http_request_set_cookie (request, self->cookie_name, self->cookie_value);
  if (self->auth_func != NULL && self->auth_owner != NULL &&
      !_atr_http_request_has_auth_func (request))
    atr_http_request_set_auth_func (request, self->auth_func, g_object_ref (self->auth_owner),
                                    g_object_unref);
}

SoupSession *
_atr_http_client_get_session (AtrHttpClient      *self,
                              const char         *label,
                              GInetSocketAddress *address)
{
  SoupSession *session = g_hash_table_lookup (self->sessions, label);

  if (session == NULL)
    {
      g_autoptr(AtrPinnedAddress) pinned = atr_pinned_address_new (self->host, address);

      session = atr_http_session_new (self->trust, G_SOCKET_CONNECTABLE (pinned));
      g_hash_table_insert (self->sessions, g_strdup (label), session);
    }
  return session;
}

AtrTrustStore *
_atr_http_client_get_trust (AtrHttpClient *self)
{
  return self->trust;
}

GResolver *
_atr_http_client_dup_resolver (AtrHttpClient *self)
{
  return self->resolver ? g_object_ref (self->resolver) : g_resolver_get_default ();
}

guint
_atr_http_client_get_n_gateways (AtrHttpClient *self)
{
  return self->gateways->len;
}

const char *
_atr_http_client_get_gateway (AtrHttpClient *self,
                              guint          i,
                              guint16       *port)
{
  const Gateway *gw = g_ptr_array_index (self->gateways, i);

  *port = gw->port;
  return gw->host;
}

guint
_atr_http_client_get_stagger_ms (AtrHttpClient *self)
{
  return self->stagger_ms;
}

char *
_atr_http_make_label (GInetAddress *inet,
                      guint16       port)
{
  g_autofree char *text = g_inet_address_to_string (inet);

  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]:%u", text, port);
  return g_strdup_printf ("%s:%u", text, port);
}

gboolean
_atr_http_parse_label (const char    *label,
                       GInetAddress **inet,
                       guint16       *port)
{
  g_autofree char *host = NULL;
  const char *colon = strrchr (label, ':');
  guint64 value = 0;

  *inet = NULL;
  if (colon == NULL || colon[1] == '\0')
    return FALSE;
  if (label[0] == '[')
    {
      if (colon - label < 3 || colon[-1] != ']')
        return FALSE;
      host = g_strndup (label + 1, colon - label - 2);
    }
  else
    host = g_strndup (label, colon - label);
  for (const char *p = colon + 1; *p; p++)
    if (!g_ascii_isdigit (*p) || (value = value * 10 + (guint64) (*p - '0')) > 65535)
      return FALSE;
  if (value == 0)
    return FALSE;
  *inet = g_inet_address_new_from_string (host);
  if (*inet == NULL)
    return FALSE;
  if ((g_inet_address_get_family (*inet) == G_SOCKET_FAMILY_IPV6) != (label[0] == '['))
    {
      g_clear_object (inet);
      return FALSE;
    }
  *port = (guint16) value;
  return TRUE;
}
