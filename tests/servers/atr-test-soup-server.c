/* atr-test-soup-server.c: tear a test SoupServer down without libsoup 3.4–3.6's handshake
 * use-after-free.
 *
 * A SoupServerConnection starts its TLS handshake with itself as the callback's data and no
 * reference or cancellable (libsoup up to 3.6.5, Debian 13's; fixed upstream in 3.7.1 by
 * "server-connection: check for cancellation in handshake callback"). When the server is
 * disconnected while a handshake is still running — a test that ends right after its client
 * refused the certificate, before the server has read the client's alert — the connection is
 * freed, the handshake then fails, and its callback calls soup_server_connection_disconnect()
 * on freed memory: a CRITICAL under G_DEBUG=fatal-warnings, or SIGSEGV. glib-networking 2.80
 * (Debian 13) finishes the server side late enough for tests to hit it almost every time.
 *
 * The fix on our side: follow each connection's first message (created before its handshake;
 * it holds a reference on its connection and emits "connected" or "disconnected" when the
 * handshake ends), and before the server is disconnected, run the main context until every
 * handshake has ended. One that has not ended after a few seconds keeps its message (and so
 * its connection) alive for good, so that the late callback finds a live object.
 *
 * A second trap, with the client on the same thread as the server (every test here):
 * soup_server_disconnect() closes each connection synchronously, and glib-networking's close
 * blocks without a deadline — on a handshake still running in its thread (waiting for a peer
 * that is served by this very thread), or on writing close_notify into a send buffer the peer
 * no longer drains (a 32 MiB body the client gave up on). Under load that hung test-http for
 * good. atr_test_soup_server_disconnect() therefore first shuts every connection's socket down,
 * so that any read or write of the server fails at once instead of waiting for its peer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "atr-test-soup-server.h"

#define TRACKER_KEY "atr-test-soup-server-handshakes"
#define DRAIN_LIMIT_US (5 * G_USEC_PER_SEC)

typedef struct
{
  GMainContext *context;
  GHashTable   *sockets;   /* GSocket* seen → NULL: connections whose first message we saw */
  GPtrArray    *pending;   /* SoupServerMessage*: first messages whose handshake runs */
} Tracker;

/* Handshakes still running: their messages (and connections) are kept for good, on purpose
 * (see the comment at the top), and no longer followed. */
static void
tracker_keep_pending (Tracker *tracker)
{
  for (guint i = 0; i < tracker->pending->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (tracker->pending, i), tracker);
  g_ptr_array_set_size (tracker->pending, 0);
}

static void
tracker_free (gpointer data)
{
  Tracker *tracker = data;

  tracker_keep_pending (tracker);
  g_main_context_unref (tracker->context);
  g_hash_table_unref (tracker->sockets);
  g_ptr_array_unref (tracker->pending);
  g_free (tracker);
}

static void
handshake_ended_cb (SoupServerMessage *msg,
                    gpointer           user_data)
{
  Tracker *tracker = user_data;

  g_signal_handlers_disconnect_by_data (msg, tracker);
  if (g_ptr_array_remove_fast (tracker->pending, msg))
    g_object_unref (msg);
}

static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  Tracker *tracker = user_data;
  GSocket *socket = soup_server_message_get_socket (msg);

  /* Only a connection's first message is created before its TLS handshake. */
  if (socket == NULL || g_hash_table_contains (tracker->sockets, socket))
    return;
  g_hash_table_add (tracker->sockets, g_object_ref (socket));
  g_ptr_array_add (tracker->pending, g_object_ref (msg));
  g_signal_connect (msg, "connected", G_CALLBACK (handshake_ended_cb), tracker);
  g_signal_connect (msg, "disconnected", G_CALLBACK (handshake_ended_cb), tracker);
}

/**
 * atr_test_soup_server_track_handshakes:
 *
 * Call once, before the server listens, on the thread whose main context will serve it.
 */
void
atr_test_soup_server_track_handshakes (SoupServer *server)
{
  Tracker *tracker;

  g_return_if_fail (SOUP_IS_SERVER (server));
  g_return_if_fail (g_object_get_data (G_OBJECT (server), TRACKER_KEY) == NULL);

  tracker = g_new0 (Tracker, 1);
  tracker->context = g_main_context_ref_thread_default ();
  tracker->sockets = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  tracker->pending = g_ptr_array_new ();
  g_object_set_data_full (G_OBJECT (server), TRACKER_KEY, tracker, tracker_free);
  g_signal_connect (server, "request-started", G_CALLBACK (request_started_cb), tracker);
}

/* Shut down (both ways) the socket of every connection the server has had: a handshake
 * thread blocked reading sees end-of-file, a blocking write fails with EPIPE. */
static void
tracker_shutdown_sockets (Tracker *tracker)
{
  GHashTableIter iter;
  gpointer socket;

  g_hash_table_iter_init (&iter, tracker->sockets);
  while (g_hash_table_iter_next (&iter, &socket, NULL))
    if (!g_socket_is_closed (socket))
      g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

/**
 * atr_test_soup_server_drain_handshakes:
 *
 * Runs the server's main context until no TLS handshake of @server is running (at most a few
 * seconds; then the rest are kept alive). Call before soup_server_disconnect() or the last
 * unref; the server may serve on afterwards (new connections are followed again).
 */
void
atr_test_soup_server_drain_handshakes (SoupServer *server)
{
  Tracker *tracker;
  gint64 deadline;

  g_return_if_fail (SOUP_IS_SERVER (server));

  tracker = g_object_get_data (G_OBJECT (server), TRACKER_KEY);
  if (tracker == NULL)
    return;
  if (!g_main_context_acquire (tracker->context))
    {
      tracker_keep_pending (tracker);
      return;
    }
  deadline = g_get_monotonic_time () + DRAIN_LIMIT_US;
  while (tracker->pending->len > 0 && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (tracker->context, FALSE))
        g_usleep (1000);
    }
  g_main_context_release (tracker->context);
  if (tracker->pending->len > 0)
    g_debug ("test server: %u TLS handshake(s) still running at teardown, kept",
             tracker->pending->len);
  tracker_keep_pending (tracker);
}

/**
 * atr_test_soup_server_disconnect:
 *
 * Closes every connection and listener of @server without blocking on a peer: shuts the
 * connections' sockets down, lets the handshakes end (atr_test_soup_server_drain_handshakes())
 * and calls soup_server_disconnect(). For a server set up with
 * atr_test_soup_server_track_handshakes(); others are just disconnected.
 */
void
atr_test_soup_server_disconnect (SoupServer *server)
{
  Tracker *tracker;

  g_return_if_fail (SOUP_IS_SERVER (server));

  tracker = g_object_get_data (G_OBJECT (server), TRACKER_KEY);
  if (tracker != NULL)
    tracker_shutdown_sockets (tracker);
  atr_test_soup_server_drain_handshakes (server);
  soup_server_disconnect (server);
}
