/* atr-pinned-address.c — a host name that connects to exactly one chosen IP address
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why a GNetworkAddress subclass: libsoup 3.2 hands the session's "remote-connectable" to
 * every SoupConnection, which connects with g_socket_client_connect_async (connectable) and
 * makes it the TLS "server-identity" (soup-connection.c, new_tls_connection();
 * soup-connection-manager.c uses manager->remote_connectable when set). glib-networking then
 * takes the SNI name and the identity for certificate checks from g_network_address_get_hostname()
 * when the identity IS-A GNetworkAddress (gtlsclientconnection-gnutls.c, get_server_identity()).
 * A plain GInetSocketAddress would connect to the right IP but send no SNI and check the
 * certificate against the IP. So: keep the GNetworkAddress host name, and re-implement
 * GSocketConnectable so the enumerators yield only the pinned address — no DNS, no proxy.
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include "atr-pinned-address.h"

struct _AtrPinnedAddress
{
  GNetworkAddress     parent_instance;

  GInetSocketAddress *address;
};

static GSocketConnectableIface *parent_connectable_iface;

static void atr_pinned_address_connectable_init (GSocketConnectableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtrPinnedAddress, atr_pinned_address, G_TYPE_NETWORK_ADDRESS,
                               G_IMPLEMENT_INTERFACE (G_TYPE_SOCKET_CONNECTABLE,
                                                      atr_pinned_address_connectable_init))

static GSocketAddressEnumerator *
atr_pinned_address_enumerate (GSocketConnectable *connectable)
{
  AtrPinnedAddress *self = ATR_PINNED_ADDRESS (connectable);

  /* GInetSocketAddress's enumerator yields the address itself, once. */
  return g_socket_connectable_enumerate (G_SOCKET_CONNECTABLE (self->address));
}

static GSocketAddressEnumerator *
atr_pinned_address_proxy_enumerate (GSocketConnectable *connectable)
{
  /* Deliberately no proxy: a pinned gateway is reached directly, or pinning means nothing. */
  return atr_pinned_address_enumerate (connectable);
}

static char *
atr_pinned_address_to_string (GSocketConnectable *connectable)
{
  AtrPinnedAddress *self = ATR_PINNED_ADDRESS (connectable);
  g_autofree char *parent = parent_connectable_iface->to_string (connectable);
  g_autofree char *label = atr_pinned_address_get_label (self);

  return g_strdup_printf ("%s via %s", parent, label);
}

static void
atr_pinned_address_connectable_init (GSocketConnectableIface *iface)
{
  parent_connectable_iface = g_type_interface_peek_parent (iface);

  iface->enumerate = atr_pinned_address_enumerate;
  iface->proxy_enumerate = atr_pinned_address_proxy_enumerate;
  iface->to_string = atr_pinned_address_to_string;
}

static void
atr_pinned_address_finalize (GObject *object)
{
  AtrPinnedAddress *self = ATR_PINNED_ADDRESS (object);

  g_clear_object (&self->address);

  G_OBJECT_CLASS (atr_pinned_address_parent_class)->finalize (object);
}

static void
atr_pinned_address_class_init (AtrPinnedAddressClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_pinned_address_finalize;
}

static void
atr_pinned_address_init (AtrPinnedAddress *self)
{
}

AtrPinnedAddress *
atr_pinned_address_new (const char         *hostname,
                        GInetSocketAddress *address)
{
  AtrPinnedAddress *self;

  g_return_val_if_fail (hostname != NULL && *hostname != '\0', NULL);
  g_return_val_if_fail (G_IS_INET_SOCKET_ADDRESS (address), NULL);

  self = g_object_new (ATR_TYPE_PINNED_ADDRESS,
                       "hostname", hostname,
                       "port", (guint) g_inet_socket_address_get_port (address),
                       "scheme", "https",
                       NULL);
  self->address = g_object_ref (address);
  return self;
}

GInetSocketAddress *
atr_pinned_address_get_address (AtrPinnedAddress *self)
{
  g_return_val_if_fail (ATR_IS_PINNED_ADDRESS (self), NULL);

  return self->address;
}

char *
atr_pinned_address_get_label (AtrPinnedAddress *self)
{
  GInetAddress *inet;
  g_autofree char *text = NULL;
  guint16 port;

  g_return_val_if_fail (ATR_IS_PINNED_ADDRESS (self), NULL);

  inet = g_inet_socket_address_get_address (self->address);
  text = g_inet_address_to_string (inet);
  port = g_inet_socket_address_get_port (self->address);
  if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
    return g_strdup_printf ("[%s]:%u", text, port);
  return g_strdup_printf ("%s:%u", text, port);
}
