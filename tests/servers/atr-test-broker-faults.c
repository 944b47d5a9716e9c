/* atr-test-broker-faults.c — the misbehaving answers of the test broker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Slow (delayed first byte), truncated (Content-Length larger than what is sent, then a clean
 * TLS close) and oversize (32 MiB streamed one chunk at a time) responses.
 */
#define G_LOG_DOMAIN "atrium-test-broker"

#include "config.h"

#include <string.h>

#include "atr-test-broker-private.h"

#define OVERSIZE_CHUNK_BYTES (64u * 1024u)

/* ---- faults ------------------------------------------------------------------------ */

typedef struct
{
  AtrTestBroker     *self;
  SoupServerMessage *msg;
  guint              source_id;
} PendingCall;

static gboolean
slow_done_cb (gpointer user_data)
{
  PendingCall *call = user_data;
  AtrTestBroker *self = call->self;
  g_autoptr(SoupServerMessage) msg = g_object_ref (call->msg);

  g_hash_table_remove (self->pending, GUINT_TO_POINTER (call->source_id));
  _atr_test_broker_handle_request (self, msg);
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

typedef struct
{
  GIOStream *stream;
  GBytes    *data;
} TruncatedWrite;

static void
truncated_write_free (TruncatedWrite *write)
{
  g_clear_object (&write->stream);
  g_clear_pointer (&write->data, g_bytes_unref);
  g_free (write);
}

static void
truncated_closed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  TruncatedWrite *write = user_data;

  g_io_stream_close_finish (G_IO_STREAM (source), result, NULL);
  truncated_write_free (write);
}

static void
truncated_written_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  TruncatedWrite *write = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (source), result, NULL, &error))
    g_debug ("truncated response not fully written: %s", error->message);
  g_io_stream_close_async (write->stream, G_PRIORITY_DEFAULT, NULL, truncated_closed_cb, write);
}

/* Runs from an idle: the message is paused, so the connection can be taken over. */
static gboolean
truncated_send_cb (gpointer user_data)
{
  PendingCall *call = user_data;
  AtrTestBroker *self = call->self;
  SoupServerMessage *msg = call->msg;
  TruncatedWrite *write;
  GBytes *body = g_object_get_data (G_OBJECT (msg), "atr-truncated-body");
  const char *type = g_object_get_data (G_OBJECT (msg), "atr-truncated-type");
  gboolean connection_close = g_object_get_data (G_OBJECT (msg), "atr-truncated-close") != NULL;
  gsize full = g_bytes_get_size (body);
  gsize sent = full / 2;
  g_autoptr(GByteArray) raw = g_byte_array_new ();
  g_autofree char *head = NULL;
  g_autoptr(GIOStream) stream = NULL;

  /* Claim at least 1 KiB more than we send, so even an empty file is visibly cut short. */
  head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %"
                          G_GSIZE_FORMAT "\r\n%s\r\n", type, full + 1024,
                          connection_close ? "Connection: close\r\n" : "");
  g_byte_array_append (raw, (const guint8 *) head, (guint) strlen (head));
  g_byte_array_append (raw, g_bytes_get_data (body, NULL), (guint) sent);

  stream = soup_server_message_steal_connection (msg);
  g_hash_table_remove (self->pending, GUINT_TO_POINTER (call->source_id));
  if (stream == NULL)
    return G_SOURCE_REMOVE;

  write = g_new0 (TruncatedWrite, 1);
  write->stream = g_steal_pointer (&stream);
  write->data = g_byte_array_free_to_bytes (g_steal_pointer (&raw));
  g_output_stream_write_all_async (g_io_stream_get_output_stream (write->stream),
                                   g_bytes_get_data (write->data, NULL),
                                   g_bytes_get_size (write->data), G_PRIORITY_DEFAULT, NULL,
                                   truncated_written_cb, write);
  return G_SOURCE_REMOVE;
}

static guint
schedule_pending (AtrTestBroker     *self,
                  SoupServerMessage *msg,
                  guint              delay_ms,
                  GSourceFunc        func)
{
  PendingCall *call = g_new0 (PendingCall, 1);

  call->self = self;
  call->msg = msg;
  soup_server_message_pause (msg);
  if (delay_ms == 0)
    call->source_id = g_idle_add_full (G_PRIORITY_DEFAULT, func, call, g_free);
  else
    call->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, func, call, g_free);
  g_hash_table_insert (self->pending, GUINT_TO_POINTER (call->source_id), g_object_ref (msg));
  return call->source_id;
}

void
_atr_test_broker_send_truncated (AtrTestBroker     *self,
                                 SoupServerMessage *msg,
                                 GBytes            *body,
                                 const char        *content_type,
                                 gboolean           connection_close)
{
  if (connection_close)
    g_object_set_data (G_OBJECT (msg), "atr-truncated-close", GINT_TO_POINTER (1));
  g_object_set_data_full (G_OBJECT (msg), "atr-truncated-body", g_bytes_ref (body),
                          (GDestroyNotify) g_bytes_unref);
  g_object_set_data_full (G_OBJECT (msg), "atr-truncated-type", g_strdup (content_type), g_free);
  schedule_pending (self, msg, 0, truncated_send_cb);
}

typedef struct
{
  GBytes *chunk;
  gsize   remaining;  /* bytes still to append, footer included */
  gsize   footer_len;
} OversizeState;

static const char oversize_head[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
  "<ResourceCollection PubDate=\"2024-01-01T00:00:00Z\" SchemaVersion=\"2.1\" "
  "xmlns=\"http://schemas.microsoft.com/ts/2007/05/tswf\">\n"
  "<Publisher LastUpdated=\"2024-01-01T00:00:00Z\" Name=\"Oversize\" ID=\"oversize\" "
  "Description=\"\">\n<Resources>\n";
static const char oversize_resource[] =
  "<Resource ID=\"oversize\" Alias=\"oversize\" Title=\"Oversize\" "
  "LastUpdated=\"2024-01-01T00:00:00Z\" Type=\"RemoteApp\" ShowByDefault=\"true\">"
  "<Folders><Folder Name=\"/\"/></Folders><HostingTerminalServers><HostingTerminalServer>"
  "<ResourceFile FileExtension=\".rdp\" URL=\"/RDWeb/Pages/rdp/oversize.rdp\"/>"
  "<TerminalServerRef Ref=\"ts\"/></HostingTerminalServer></HostingTerminalServers>"
  "</Resource>\n";
static const char oversize_foot[] =
  "</Resources>\n<TerminalServers><TerminalServer ID=\"ts\" Name=\"ts\" "
  "LastUpdated=\"2024-01-01T00:00:00Z\"/></TerminalServers>\n</Publisher>\n"
  "</ResourceCollection>\n";

static GBytes *
oversize_chunk (AtrTestBroker *self)
{
  if (self->oversize_chunk == NULL)
    {
      GString *chunk = g_string_sized_new (OVERSIZE_CHUNK_BYTES);

      while (chunk->len + strlen (oversize_resource) <= OVERSIZE_CHUNK_BYTES)
        g_string_append (chunk, oversize_resource);
      while (chunk->len < OVERSIZE_CHUNK_BYTES)
        g_string_append_c (chunk, ' ');
      self->oversize_chunk = g_string_free_to_bytes (chunk);
    }
  return self->oversize_chunk;
}

static void
oversize_wrote_chunk_cb (SoupServerMessage *msg,
                         OversizeState     *state)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  gsize chunk_len = g_bytes_get_size (state->chunk);

  if (state->remaining == 0)
    return;
  if (state->remaining > state->footer_len + chunk_len)
    {
      soup_message_body_append_bytes (body, state->chunk);
      state->remaining -= chunk_len;
    }
  else if (state->remaining > state->footer_len)
    {
      gsize pad = state->remaining - state->footer_len;
      char *spaces = g_malloc (pad);

      memset (spaces, ' ', pad);
      soup_message_body_append_take (body, (guchar *) spaces, pad);
      state->remaining -= pad;
    }
  else
    {
      soup_message_body_append (body, SOUP_MEMORY_STATIC, oversize_foot, state->footer_len);
      state->remaining = 0;
    }
}

static void
oversize_state_free (gpointer data)
{
  OversizeState *state = data;

  g_clear_pointer (&state->chunk, g_bytes_unref);
  g_free (state);
}

/* 32 MiB with a correct Content-Length, produced chunk by chunk as the previous one is
 * written (the body does not accumulate), so memory stays at one chunk. */
void
_atr_test_broker_send_oversize (AtrTestBroker     *self,
                                SoupServerMessage *msg,
                                const char        *content_type)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  OversizeState *state = g_new0 (OversizeState, 1);
  gsize head_len = strlen (oversize_head);

  state->chunk = g_bytes_ref (oversize_chunk (self));
  state->footer_len = strlen (oversize_foot);
  state->remaining = ATR_TEST_BROKER_OVERSIZE_BYTES - head_len;

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_content_type (headers, content_type, NULL);
  soup_message_headers_set_content_length (headers, ATR_TEST_BROKER_OVERSIZE_BYTES);
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, oversize_head, head_len);
  g_object_set_data_full (G_OBJECT (msg), "atr-oversize", state, oversize_state_free);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (oversize_wrote_chunk_cb), state);
}

void
_atr_test_broker_delay (AtrTestBroker     *self,
                        SoupServerMessage *msg)
{
  schedule_pending (self, msg, self->slow_delay_ms, slow_done_cb);
}
