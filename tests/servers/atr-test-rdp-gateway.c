/* atr-test-rdp-gateway.c — route RDP connections by X.224 routing token (test code)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per connection: read the 4-byte TPKT header, then the rest of the Connection Request
 * (bounded by ATR_TEST_X224_MAX_PDU, within HEADER_TIMEOUT_S), take the routing token out
 * (atr-test-x224.c), look it up, connect to the tenant host, send it the rewritten request
 * and splice the two streams. A bad request or an unknown token closes the client's
 * connection without a byte in reply, as a broker that does not know the collection would.
 */
#define G_LOG_DOMAIN "atrium-test-gateway"

#include "config.h"

#include <string.h>

#include "atr-test-x224.h"
#include "atr-test-rdp-gateway.h"

#define HEADER_TIMEOUT_S 5

struct _AtrTestRdpGateway
{
  GObject           parent_instance;

  GSocketService   *service;
  GHashTable       *routes;          /* token → "host:port" */
  GCancellable     *cancellable;     /* stops every connection */
  guint16           port;
  guint             routed;          /* atomic */
  guint             refused;         /* atomic */
  GMutex            lock;
  char             *last_refusal;    /* under lock */
};

G_DEFINE_FINAL_TYPE (AtrTestRdpGateway, atr_test_rdp_gateway, G_TYPE_OBJECT)

typedef struct
{
  AtrTestRdpGateway *gateway;
  GSocketConnection *client;
  GSocketConnection *backend;
  GCancellable      *cancellable;
  gulong             cancelled_id;
  guint              timeout_id;
  guint8             buffer[ATR_TEST_X224_MAX_PDU];
  gsize              have;
  GBytes            *rewritten;
} Connection;

static void
connection_free (Connection *conn)
{
  g_clear_handle_id (&conn->timeout_id, g_source_remove);
  if (conn->cancelled_id != 0)
    g_cancellable_disconnect (conn->gateway->cancellable, conn->cancelled_id);
  g_clear_object (&conn->client);
  g_clear_object (&conn->backend);
  g_clear_object (&conn->cancellable);
  g_clear_pointer (&conn->rewritten, g_bytes_unref);
  g_clear_object (&conn->gateway);
  g_free (conn);
}

static void
refuse (Connection *conn,
        const char *reason)
{
  AtrTestRdpGateway *self = conn->gateway;

  g_debug ("Refused a connection: %s", reason);
  g_mutex_lock (&self->lock);
  g_free (self->last_refusal);
  self->last_refusal = g_strdup (reason);
  g_mutex_unlock (&self->lock);
  g_atomic_int_inc (&self->refused);

  g_io_stream_close (G_IO_STREAM (conn->client), NULL, NULL);
  connection_free (conn);
}

static void
spliced_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Connection *conn = data;
  g_autoptr(GError) error = NULL;

  if (!g_io_stream_splice_finish (result, &error))
    g_debug ("Forwarding ended: %s", error->message);
  connection_free (conn);
}

static void
request_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  Connection *conn = data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    {
      g_autofree char *reason = g_strdup_printf ("tenant host write failed: %s", error->message);
      refuse (conn, reason);
      return;
    }
  g_atomic_int_inc (&conn->gateway->routed);
  g_io_stream_splice_async (G_IO_STREAM (conn->client), G_IO_STREAM (conn->backend),
                            G_IO_STREAM_SPLICE_CLOSE_STREAM1 | G_IO_STREAM_SPLICE_CLOSE_STREAM2 |
                            G_IO_STREAM_SPLICE_WAIT_FOR_BOTH,
                            G_PRIORITY_DEFAULT, conn->cancellable, spliced_cb, conn);
}

static void
backend_connected_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      data)
{
  Connection *conn = data;
  g_autoptr(GError) error = NULL;
  GOutputStream *out;
  gsize size;
  gconstpointer bytes;

  conn->backend = g_socket_client_connect_to_host_finish (G_SOCKET_CLIENT (source), result,
                                                          &error);
  if (conn->backend == NULL)
    {
      g_autofree char *reason = g_strdup_printf ("tenant host unreachable: %s", error->message);
      refuse (conn, reason);
      return;
    }

  out = g_io_stream_get_output_stream (G_IO_STREAM (conn->backend));
  bytes = g_bytes_get_data (conn->rewritten, &size);
  g_output_stream_write_all_async (out, bytes, size, G_PRIORITY_DEFAULT, conn->cancellable,
                                   request_sent_cb, conn);
}

static void
route (Connection *conn)
{
  AtrTestRdpGateway *self = conn->gateway;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketClient) client = NULL;
  g_autofree char *token = NULL;
  const char *target;

  g_clear_handle_id (&conn->timeout_id, g_source_remove);

  if (!atr_test_x224_take_token (conn->buffer, conn->have, &token, &conn->rewritten, &error))
    {
      refuse (conn, error->message);
      return;
    }
  if (token == NULL)
    {
      refuse (conn, "no routing token");
      return;
    }
  target = g_hash_table_lookup (self->routes, token);
  if (target == NULL)
    {
      /* The token is the tenant's collection name, not a secret: it is named in the reason. */
      g_autofree char *reason = g_strdup_printf ("unknown routing token \"%s\"", token);
      refuse (conn, reason);
      return;
    }

  g_debug ("Routing \"%s\" to %s", token, target);
  client = g_socket_client_new ();
  g_socket_client_set_timeout (client, HEADER_TIMEOUT_S);
  g_socket_client_connect_to_host_async (client, target, 0, conn->cancellable,
                                         backend_connected_cb, conn);
}

static void read_more (Connection *conn, gsize want);

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Connection *conn = data;
  g_autoptr(GError) error = NULL;
  gsize got = 0;
  gssize total;

  if (!g_input_stream_read_all_finish (G_INPUT_STREAM (source), result, &got, &error))
    {
      g_autofree char *reason = g_strdup_printf ("reading the Connection Request: %s",
                                                 error->message);
      refuse (conn, reason);
      return;
    }
  conn->have += got;
  if (got == 0 || (conn->have < 4))
    {
      g_autofree char *reason = g_strdup_printf ("the client closed after %" G_GSIZE_FORMAT
                                                 " bytes", conn->have);
      refuse (conn, reason);
      return;
    }

  total = atr_test_x224_pdu_length (conn->buffer, conn->have, &error);
  if (total < 0)
    {
      refuse (conn, error->message);
      return;
    }
  if (conn->have < (gsize) total)
    {
      if (conn->have > 4)
        {
          g_autofree char *reason = g_strdup_printf ("the client closed after %" G_GSIZE_FORMAT
                                                     " of %" G_GSSIZE_FORMAT " bytes",
                                                     conn->have, total);
          refuse (conn, reason);
          return;
        }
      read_more (conn, (gsize) total - conn->have);
      return;
    }
  route (conn);
}

static void
read_more (Connection *conn,
           gsize       want)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn->client));

  g_assert (conn->have + want <= sizeof conn->buffer);
  g_input_stream_read_all_async (in, conn->buffer + conn->have, want, G_PRIORITY_DEFAULT,
                                 conn->cancellable, read_cb, conn);
}

static gboolean
header_timeout_cb (gpointer data)
{
  Connection *conn = data;

  conn->timeout_id = 0;
  g_cancellable_cancel (conn->cancellable);   /* the pending read fails: refused */
  return G_SOURCE_REMOVE;
}

static void
gateway_cancelled_cb (GCancellable *cancellable,
                      GCancellable *conn_cancellable)
{
  g_cancellable_cancel (conn_cancellable);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *client,
             GObject           *source_object,
             gpointer           data)
{
  AtrTestRdpGateway *self = data;
  Connection *conn = g_new0 (Connection, 1);

  conn->gateway = g_object_ref (self);
  conn->client = g_object_ref (client);
  conn->cancellable = g_cancellable_new ();
  conn->cancelled_id = g_cancellable_connect (self->cancellable,
                                              G_CALLBACK (gateway_cancelled_cb),
                                              g_object_ref (conn->cancellable),
                                              g_object_unref);
  conn->timeout_id = g_timeout_add_seconds (HEADER_TIMEOUT_S, header_timeout_cb, conn);
  read_more (conn, 4);
  return TRUE;
}

static void
atr_test_rdp_gateway_dispose (GObject *object)
{
  AtrTestRdpGateway *self = ATR_TEST_RDP_GATEWAY (object);

  atr_test_rdp_gateway_stop (self);
  g_clear_object (&self->service);
  G_OBJECT_CLASS (atr_test_rdp_gateway_parent_class)->dispose (object);
}

static void
atr_test_rdp_gateway_finalize (GObject *object)
{
  AtrTestRdpGateway *self = ATR_TEST_RDP_GATEWAY (object);

  g_clear_pointer (&self->routes, g_hash_table_unref);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->last_refusal, g_free);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (atr_test_rdp_gateway_parent_class)->finalize (object);
}

static void
atr_test_rdp_gateway_class_init (AtrTestRdpGatewayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atr_test_rdp_gateway_dispose;
  object_class->finalize = atr_test_rdp_gateway_finalize;
}

static void
atr_test_rdp_gateway_init (AtrTestRdpGateway *self)
{
  g_mutex_init (&self->lock);
  self->routes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * atr_test_rdp_gateway_new:
 * @address: a loopback address to listen on
 * @port: the port, 0 for any free one
 *
 * Returns: (transfer full): a listening gateway with no routes, or %NULL with @error
 */
AtrTestRdpGateway *
atr_test_rdp_gateway_new (const char  *address,
                          guint16      port,
                          GError     **error)
{
  g_autoptr(AtrTestRdpGateway) self = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) bind_address = NULL;
  g_autoptr(GSocketAddress) effective = NULL;

  g_return_val_if_fail (address != NULL, NULL);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL || !g_inet_address_get_is_loopback (inet))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "%s: the test gateway listens on loopback addresses only", address);
      return NULL;
    }

  self = g_object_new (ATR_TYPE_TEST_RDP_GATEWAY, NULL);
  self->service = g_socket_service_new ();
  bind_address = g_inet_socket_address_new (inet, port);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), bind_address,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, NULL,
                                      &effective, error))
    return NULL;
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);
  return g_steal_pointer (&self);
}

/**
 * atr_test_rdp_gateway_add_route:
 * @token: the routing token as the client sends it, without CRLF
 *   (`tsv://MS Terminal Services Plugin.1.Clinic`)
 * @host: the tenant host (a loopback address)
 */
void
atr_test_rdp_gateway_add_route (AtrTestRdpGateway *self,
                                const char        *token,
                                const char        *host,
                                guint16            port)
{
  g_return_if_fail (ATR_IS_TEST_RDP_GATEWAY (self));
  g_return_if_fail (token != NULL && host != NULL && port != 0);

  g_hash_table_replace (self->routes, g_strdup (token),
                        strchr (host, ':') != NULL ? g_strdup_printf ("[%s]:%u", host, port)
                                                   : g_strdup_printf ("%s:%u", host, port));
}

guint16
atr_test_rdp_gateway_get_port (AtrTestRdpGateway *self)
{
  g_return_val_if_fail (ATR_IS_TEST_RDP_GATEWAY (self), 0);
  return self->port;
}

/* Connections handed on to a tenant host (safe from any thread). */
guint
atr_test_rdp_gateway_get_routed_count (AtrTestRdpGateway *self)
{
  g_return_val_if_fail (ATR_IS_TEST_RDP_GATEWAY (self), 0);
  return (guint) g_atomic_int_get (&self->routed);
}

/* Connections closed without routing (safe from any thread). */
guint
atr_test_rdp_gateway_get_refused_count (AtrTestRdpGateway *self)
{
  g_return_val_if_fail (ATR_IS_TEST_RDP_GATEWAY (self), 0);
  return (guint) g_atomic_int_get (&self->refused);
}

/**
 * atr_test_rdp_gateway_dup_last_refusal:
 *
 * Returns: (transfer full) (nullable): why the last refused connection was refused
 */
char *
atr_test_rdp_gateway_dup_last_refusal (AtrTestRdpGateway *self)
{
  char *reason;

  g_return_val_if_fail (ATR_IS_TEST_RDP_GATEWAY (self), NULL);

  g_mutex_lock (&self->lock);
  reason = g_strdup (self->last_refusal);
  g_mutex_unlock (&self->lock);
  return reason;
}

/* Stops listening and ends every connection in flight. */
void
atr_test_rdp_gateway_stop (AtrTestRdpGateway *self)
{
  g_return_if_fail (ATR_IS_TEST_RDP_GATEWAY (self));

  if (self->service != NULL)
    {
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }
  g_cancellable_cancel (self->cancellable);
}
