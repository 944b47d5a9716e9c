/* atr-test-hang-server.c — a TCP listener that accepts and then never reads or writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-test-broker"

#include "config.h"

#include "atr-test-hang-server.h"

struct _AtrTestHangServer
{
  GObject           parent_instance;

  GSocketService   *service;
  GPtrArray        *connections;  /* of GSocketConnection, held open and never touched */
  guint             port;
  guint             n_accepted;
};

G_DEFINE_FINAL_TYPE (AtrTestHangServer, atr_test_hang_server, G_TYPE_OBJECT)

static void
atr_test_hang_server_dispose (GObject *object)
{
  AtrTestHangServer *self = ATR_TEST_HANG_SERVER (object);

  atr_test_hang_server_stop (self);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (atr_test_hang_server_parent_class)->dispose (object);
}

static void
atr_test_hang_server_finalize (GObject *object)
{
  AtrTestHangServer *self = ATR_TEST_HANG_SERVER (object);

  g_clear_pointer (&self->connections, g_ptr_array_unref);

  G_OBJECT_CLASS (atr_test_hang_server_parent_class)->finalize (object);
}

static void
atr_test_hang_server_class_init (AtrTestHangServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atr_test_hang_server_dispose;
  object_class->finalize = atr_test_hang_server_finalize;
}

static void
atr_test_hang_server_init (AtrTestHangServer *self)
{
  self->connections = g_ptr_array_new_with_free_func (g_object_unref);
}

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  AtrTestHangServer *self = user_data;

  /* Keep the connection open and never read or write: the peer waits forever. */
  g_ptr_array_add (self->connections, g_object_ref (connection));
  self->n_accepted++;
  g_debug ("hang server on port %u accepted connection %u", self->port, self->n_accepted);
  return TRUE;
}

/**
 * atr_test_hang_server_new:
 * @address: a loopback IP address ("127.0.0.1", "::1", …)
 * @port: the port, or 0 to pick one
 *
 * Starts listening at once on the thread-default main context.
 */
AtrTestHangServer *
atr_test_hang_server_new (const char  *address,
                          guint        port,
                          GError     **error)
{
  g_autoptr(AtrTestHangServer) self = NULL;
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) want = NULL;
  g_autoptr(GSocketAddress) effective = NULL;

  g_return_val_if_fail (address != NULL, NULL);
  g_return_val_if_fail (port <= G_MAXUINT16, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL || !g_inet_address_get_is_loopback (inet))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Hang server address “%s” is not a loopback IP address", address);
      return NULL;
    }

  self = g_object_new (ATR_TYPE_TEST_HANG_SERVER, NULL);
  self->service = g_socket_service_new ();
  want = g_inet_socket_address_new (inet, (guint16) port);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), want,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                      NULL, &effective, error))
    {
      g_prefix_error (error, "Hang server cannot listen on %s:%u: ", address, port);
      return NULL;
    }
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (self->service, "incoming", G_CALLBACK (incoming_cb), self);
  g_socket_service_start (self->service);

  return g_steal_pointer (&self);
}

guint
atr_test_hang_server_get_port (AtrTestHangServer *self)
{
  g_return_val_if_fail (ATR_IS_TEST_HANG_SERVER (self), 0);

  return self->port;
}

guint
atr_test_hang_server_get_connection_count (AtrTestHangServer *self)
{
  g_return_val_if_fail (ATR_IS_TEST_HANG_SERVER (self), 0);

  return self->n_accepted;
}

/**
 * atr_test_hang_server_stop:
 *
 * Stops listening and closes every held connection.
 */
void
atr_test_hang_server_stop (AtrTestHangServer *self)
{
  g_return_if_fail (ATR_IS_TEST_HANG_SERVER (self));

  if (self->service != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->service, incoming_cb, self);
      g_socket_service_stop (self->service);
      g_socket_listener_close (G_SOCKET_LISTENER (self->service));
    }

  for (guint i = 0; i < self->connections->len; i++)
    g_io_stream_close (g_ptr_array_index (self->connections, i), NULL, NULL);
  g_ptr_array_set_size (self->connections, 0);
}
