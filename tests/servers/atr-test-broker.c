/* atr-test-broker.c — loopback HTTPS test broker (RD Web feeds per Host header, faults, auth)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test code: a SoupServer with TLS that serves ROOT/<host>/<path>. Files are small fixtures,
 * so they are read synchronously; responses that must take time (slow, hang, oversize,
 * truncated) are driven by the main context, never by blocking it.
 */
#define G_LOG_DOMAIN "atrium-test-broker"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libsoup/soup.h>

#include "atr-test-broker-private.h"
#include "atr-test-soup-server.h"

#define TENANT_CONFIG_NAME ".broker.ini"
#define FEED_CONTENT_TYPE "application/x-msts-radc+xml; charset=utf-8"


G_DEFINE_FINAL_TYPE (AtrTestBroker, atr_test_broker, G_TYPE_OBJECT)

static void
clear_request_record (gpointer data)
{
  RequestRecord *record = data;

  g_clear_pointer (&record->path, g_free);
  g_clear_pointer (&record->target, g_free);
  g_clear_pointer (&record->headers, soup_message_headers_unref);
}

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      memset (*str, 0, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

static void
atr_test_broker_dispose (GObject *object)
{
  AtrTestBroker *self = ATR_TEST_BROKER (object);

  atr_test_broker_stop (self);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (atr_test_broker_parent_class)->dispose (object);
}

static void
atr_test_broker_finalize (GObject *object)
{
  AtrTestBroker *self = ATR_TEST_BROKER (object);

  g_clear_pointer (&self->root_dir, g_free);
  g_clear_pointer (&self->requests, g_array_unref);
  g_clear_pointer (&self->held, g_ptr_array_unref);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->tokens, g_hash_table_unref);
  g_clear_pointer (&self->oversize_chunk, g_bytes_unref);
  g_clear_pointer (&self->user, g_free);
  wipe_string (&self->password);

  G_OBJECT_CLASS (atr_test_broker_parent_class)->finalize (object);
}

static void
atr_test_broker_class_init (AtrTestBrokerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atr_test_broker_dispose;
  object_class->finalize = atr_test_broker_finalize;
}

static void
atr_test_broker_init (AtrTestBroker *self)
{
  self->requests = g_array_new (FALSE, TRUE, sizeof (RequestRecord));
  g_array_set_clear_func (self->requests, clear_request_record);
  self->held = g_ptr_array_new_with_free_func (g_object_unref);
  self->pending = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->slow_delay_ms = ATR_TEST_BROKER_DEFAULT_SLOW_DELAY_MS;
}

/* ---- small helpers ----------------------------------------------------------------- */

void
_atr_test_broker_respond_status (SoupServerMessage *msg,
                                 guint              status)
{
  const char *phrase = soup_status_get_phrase (status);
  g_autofree char *body = g_strdup_printf ("%u %s\n", status, phrase ? phrase : "");

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain; charset=utf-8", SOUP_MEMORY_COPY,
                                    body, strlen (body));
}

gboolean
_atr_test_broker_has_prefix_nocase (const char *str,
                                    const char *prefix)
{
  return g_ascii_strncasecmp (str, prefix, strlen (prefix)) == 0;
}

/* The lowercased host of the request (from the Host header), or NULL if it is not a name
 * we would ever use as a directory. */
static char *
request_host (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *host = uri ? g_uri_get_host (uri) : NULL;
  g_autofree char *lower = NULL;

  if (host == NULL || *host == '\0' || *host == '.' || strlen (host) > 253)
    return NULL;
  lower = g_ascii_strdown (host, -1);
  for (const char *p = lower; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_' && *p != ':')
      return NULL;
  if (strstr (lower, "..") != NULL)
    return NULL;
  return g_steal_pointer (&lower);
}

static guint
request_port (SoupServerMessage *msg)
{
  GSocketAddress *local = soup_server_message_get_local_address (msg);

  if (local == NULL || !G_IS_INET_SOCKET_ADDRESS (local))
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
}

static char *
request_origin (SoupServerMessage *msg,
                const char        *host)
{
  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("https://[%s]:%u", host, request_port (msg));
  return g_strdup_printf ("https://%s:%u", host, request_port (msg));
}

static const char *
content_type_for (const char *path)
{
  static const struct { const char *ext; const char *type; } types[] = {
    { ".aspx", FEED_CONTENT_TYPE },
    { ".xml", FEED_CONTENT_TYPE },
    { ".rdp", "application/x-rdp" },
    { ".png", "image/png" },
    { ".ico", "image/x-icon" },
    { ".json", "application/json" },
    { ".svg", "image/svg+xml" },
    { ".css", "text/css" },
    { ".txt", "text/plain; charset=utf-8" },
  };
  const char *dot = strrchr (path, '.');

  if (dot != NULL && strchr (dot, '/') == NULL)
    for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
      if (g_ascii_strcasecmp (dot, types[i].ext) == 0)
        return types[i].type;
  return "application/octet-stream";
}

static gboolean
is_text_type (const char *path)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL && (g_ascii_strcasecmp (dot, ".aspx") == 0 ||
                         g_ascii_strcasecmp (dot, ".xml") == 0 ||
                         g_ascii_strcasecmp (dot, ".json") == 0 ||
                         g_ascii_strcasecmp (dot, ".rdp") == 0);
}

/* Replaces every @needle in @data by @replacement (byte strings). */
static GBytes *
replace_bytes (GBytes       *data,
               const guint8 *needle,
               gsize         needle_len,
               const guint8 *replacement,
               gsize         replacement_len)
{
  gsize len = 0;
  const guint8 *p = g_bytes_get_data (data, &len);
  g_autoptr(GByteArray) out = g_byte_array_sized_new ((guint) len);
  gsize i = 0;

  while (i < len)
    {
      if (len - i >= needle_len && memcmp (p + i, needle, needle_len) == 0)
        {
          g_byte_array_append (out, replacement, (guint) replacement_len);
          i += needle_len;
        }
      else
        {
          g_byte_array_append (out, p + i, 1);
          i++;
        }
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* @ORIGIN@ → the request's origin, in UTF-8 or (after a UTF-16LE BOM) in UTF-16LE. */
static GBytes *
substitute_origin (GBytes     *data,
                   const char *origin)
{
  gsize len = 0;
  const guint8 *p = g_bytes_get_data (data, &len);
  g_autofree char *needle16 = NULL;
  g_autofree char *origin16 = NULL;
  gsize needle16_len = 0, origin16_len = 0;

  if (len >= 2 && p[0] == 0xFF && p[1] == 0xFE)
    {
      needle16 = g_convert ("@ORIGIN@", -1, "UTF-16LE", "UTF-8", NULL, &needle16_len, NULL);
      origin16 = g_convert (origin, -1, "UTF-16LE", "UTF-8", NULL, &origin16_len, NULL);
      g_assert (needle16 != NULL && origin16 != NULL);
      return replace_bytes (data, (const guint8 *) needle16, needle16_len,
                            (const guint8 *) origin16, origin16_len);
    }
  return replace_bytes (data, (const guint8 *) "@ORIGIN@", 8,
                        (const guint8 *) origin, strlen (origin));
}

/* Maps the request path to a regular file inside ROOT/<host>, or NULL (→ 404). Refuses
 * "..", ".", encoded slashes and NULs, backslashes, the per-tenant config file, and anything
 * whose real path (after symlinks) leaves the tenant directory. */
static char *
resolve_file (const char *tenant_dir,
              const char *raw_path)
{
  g_autofree char *decoded = g_uri_unescape_string (raw_path, "/");
  g_auto(GStrv) segments = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  g_autofree char *candidate = NULL;
  g_autofree char *real_tenant = NULL;
  g_autofree char *real = NULL;
  gsize tenant_len;

  if (decoded == NULL || decoded[0] != '/' || strchr (decoded, '\\') != NULL)
    return NULL;

  segments = g_strsplit (decoded, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    {
      const char *seg = segments[i];

      if (*seg == '\0')
        continue;
      if (g_str_equal (seg, ".") || g_str_equal (seg, "..") ||
          g_str_equal (seg, TENANT_CONFIG_NAME))
        return NULL;
      g_ptr_array_add (parts, (gpointer) seg);
    }
  if (parts->len == 0)
    return NULL;
  g_ptr_array_add (parts, NULL);

  joined = g_strjoinv ("/", (char **) parts->pdata);
  candidate = g_build_filename (tenant_dir, joined, NULL);

  real_tenant = realpath (tenant_dir, NULL);
  real = realpath (candidate, NULL);
  if (real_tenant == NULL || real == NULL)
    return NULL;
  tenant_len = strlen (real_tenant);
  if (strncmp (real, real_tenant, tenant_len) != 0 || real[tenant_len] != '/')
    return NULL;
  if (!g_file_test (real, G_FILE_TEST_IS_REGULAR))
    return NULL;
  return g_steal_pointer (&real);
}

/* An optional per-tenant "ROOT/<host>/.broker.ini":
 *   [content-type]
 *   /RDWeb/Feed/webfeed.aspx=text/xml; charset=utf-8
 */
static char *
configured_content_type (const char *tenant_dir,
                         const char *path)
{
  g_autofree char *config_path = g_build_filename (tenant_dir, TENANT_CONFIG_NAME, NULL);
  g_autoptr(GKeyFile) config = g_key_file_new ();

  if (!g_key_file_load_from_file (config, config_path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_key_file_get_string (config, "content-type", path, NULL);
}

/* ---- serving ----------------------------------------------------------------------- */

static void
serve_file (AtrTestBroker     *self,
            SoupServerMessage *msg,
            const char        *tenant_dir,
            const char        *host,
            const char        *path)
{
  g_autofree char *file = resolve_file (tenant_dir, path);
  g_autofree char *configured = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) body = NULL;
  const char *type;
  gsize len = 0;

  if (file == NULL || !g_file_get_contents (file, &contents, &len, NULL))
    {
      _atr_test_broker_respond_status (msg, SOUP_STATUS_NOT_FOUND);
      return;
    }

  configured = configured_content_type (tenant_dir, path);
  type = configured ? configured : content_type_for (path);
  body = g_bytes_new_take (g_steal_pointer (&contents), len);
  if (is_text_type (path))
    {
      g_autofree char *origin = request_origin (msg, host);
      GBytes *substituted = substitute_origin (body, origin);

      g_bytes_unref (body);
      body = substituted;
    }

  if (self->fault == ATR_TEST_FAULT_TRUNCATED || self->fault == ATR_TEST_FAULT_TRUNCATED_CLOSE)
    {
      _atr_test_broker_send_truncated (self, msg, body, type,
                                       self->fault == ATR_TEST_FAULT_TRUNCATED_CLOSE);
      return;
    }
  if (self->fault == ATR_TEST_FAULT_OVERSIZE)
    {
      _atr_test_broker_send_oversize (self, msg, type);
      return;
    }

  /* A strong ETag from the body as served; If-None-Match with it gets 304, no body. */
  {
    g_autofree char *sum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, body);
    g_autofree char *etag = g_strdup_printf ("\"%.16s\"", sum);
    const char *inm = soup_message_headers_get_one (
      soup_server_message_get_request_headers (msg), "If-None-Match");

    soup_message_headers_replace (soup_server_message_get_response_headers (msg), "ETag", etag);
    if (inm != NULL && strstr (inm, etag) != NULL)
      {
        soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
        return;
      }
  }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  /* An empty configured type sends none (ASP.NET pages that never set one still get
   * text/html; a bare handler may send nothing). */
  if (*type != '\0')
    soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                           type, NULL);
  soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
}

void
_atr_test_broker_handle_request (AtrTestBroker     *self,
                                 SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = g_uri_get_path (uri);
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *host = request_host (msg);
  g_autofree char *tenant_dir = NULL;
  g_autofree char *document = NULL;
  g_autofree char *login_path = NULL;

  if (host == NULL)
    {
      _atr_test_broker_respond_status (msg, SOUP_STATUS_NOT_FOUND);
      return;
    }
  tenant_dir = g_build_filename (self->root_dir, host, NULL);
  if (!g_file_test (tenant_dir, G_FILE_TEST_IS_DIR))
    {
      _atr_test_broker_respond_status (msg, SOUP_STATUS_NOT_FOUND);
      return;
    }
  if (method != SOUP_METHOD_GET && method != SOUP_METHOD_HEAD)
    {
      _atr_test_broker_respond_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED);
      soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                   "Allow", "GET, HEAD");
      return;
    }

  /* IIS redirects and picks the default document before ASP.NET authenticates. */
  if (_atr_test_broker_handle_iis (self, msg, tenant_dir, host, path, &document))
    return;
  if (document != NULL)
    path = document;
  login_path = _atr_test_broker_forms_login_path (tenant_dir, NULL, NULL);
  if (self->auth == ATR_TEST_AUTH_RDWEB_FORMS && g_ascii_strcasecmp (path, login_path) == 0)
    {
      _atr_test_broker_handle_feed_login (self, msg);
      return;
    }
  if (!_atr_test_broker_check_auth (self, msg, path, tenant_dir))
    return;

  serve_file (self, msg, tenant_dir, host, path);
}

static void
server_callback (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  AtrTestBroker *self = user_data;
  GUri *uri = soup_server_message_get_uri (msg);
  RequestRecord record;

  record.path = g_strdup (path);
  record.target = g_uri_get_query (uri) != NULL
                  ? g_strconcat (g_uri_get_path (uri), "?", g_uri_get_query (uri), NULL)
                  : g_strdup (g_uri_get_path (uri));
  record.headers = soup_message_headers_ref (soup_server_message_get_request_headers (msg));
  g_array_append_val (self->requests, record);

  switch (self->fault)
    {
    case ATR_TEST_FAULT_SLOW:
      _atr_test_broker_delay (self, msg);
      return;

    case ATR_TEST_FAULT_HANG:
      soup_server_message_pause (msg);
      g_ptr_array_add (self->held, g_object_ref (msg));
      return;

    case ATR_TEST_FAULT_ERROR_5XX:
      _atr_test_broker_respond_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE);
      soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                   "Retry-After", "1");
      return;

    case ATR_TEST_FAULT_NOT_FOUND:
      _atr_test_broker_respond_status (msg, SOUP_STATUS_NOT_FOUND);
      return;

    case ATR_TEST_FAULT_NONE:
    case ATR_TEST_FAULT_TRUNCATED:
    case ATR_TEST_FAULT_TRUNCATED_CLOSE:
    case ATR_TEST_FAULT_OVERSIZE:
    default:
      _atr_test_broker_handle_request (self, msg);
      return;
    }
}

/* ---- public API -------------------------------------------------------------------- */

/**
 * atr_test_broker_new:
 * @root_dir: a directory with one sub-directory per tenant host name
 * @cert_file: PEM certificate (leaf, optionally followed by its chain)
 * @key_file: PEM private key
 *
 * Returns: (transfer full): a broker that is not listening yet, or %NULL with @error set.
 */
AtrTestBroker *
atr_test_broker_new (const char  *root_dir,
                     const char  *cert_file,
                     const char  *key_file,
                     GError     **error)
{
  g_autoptr(AtrTestBroker) self = NULL;
  g_autoptr(GTlsCertificate) cert = NULL;
  g_autofree char *real_root = NULL;

  g_return_val_if_fail (root_dir != NULL, NULL);
  g_return_val_if_fail (cert_file != NULL, NULL);
  g_return_val_if_fail (key_file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  real_root = realpath (root_dir, NULL);
  if (real_root == NULL || !g_file_test (real_root, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   "Broker root “%s” is not a directory", root_dir);
      return NULL;
    }

  cert = g_tls_certificate_new_from_files (cert_file, key_file, error);
  if (cert == NULL)
    {
      g_prefix_error (error, "Broker certificate “%s” / key “%s”: ", cert_file, key_file);
      return NULL;
    }

  self = g_object_new (ATR_TYPE_TEST_BROKER, NULL);
  self->root_dir = g_steal_pointer (&real_root);
  self->server = soup_server_new ("tls-certificate", cert,
                                  "server-header", "Microsoft-IIS/10.0 (Atrium test broker)",
                                  NULL);
  soup_server_add_handler (self->server, NULL, server_callback, self, NULL);
  atr_test_soup_server_track_handshakes (self->server);

  return g_steal_pointer (&self);
}

/**
 * atr_test_broker_listen:
 * @address: a loopback IP address: "127.0.0.1", "127.0.0.2", "::1", …
 * @port: the port, or 0 to pick a free one
 *
 * May be called several times (several addresses). The first successful call fixes the port
 * reported by atr_test_broker_get_port().
 */
gboolean
atr_test_broker_listen (AtrTestBroker  *self,
                        const char     *address,
                        guint           port,
                        GError        **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) bind_address = NULL;
  g_autoptr(GSocketAddress) local = NULL;
  g_autoptr(GSocket) socket = NULL;

  g_return_val_if_fail (ATR_IS_TEST_BROKER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL || !g_inet_address_get_is_loopback (inet))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Broker address “%s” is not a loopback IP address", address);
      return FALSE;
    }
  if (self->server == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "Broker is stopped");
      return FALSE;
    }

  socket = g_socket_new (g_inet_address_get_family (inet), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL)
    return FALSE;
  bind_address = g_inet_socket_address_new (inet, (guint16) port);
  if (!g_socket_bind (socket, bind_address, TRUE, error) ||
      !g_socket_listen (socket, error) ||
      (local = g_socket_get_local_address (socket, error)) == NULL ||
      !soup_server_listen_socket (self->server, socket, SOUP_SERVER_LISTEN_HTTPS, error))
    {
      g_prefix_error (error, "Broker cannot listen on %s:%u: ", address, port);
      return FALSE;
    }

  if (self->port == 0)
    self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
  return TRUE;
}

guint
atr_test_broker_get_port (AtrTestBroker *self)
{
  g_return_val_if_fail (ATR_IS_TEST_BROKER (self), 0);

  return self->port;
}

void
atr_test_broker_set_fault (AtrTestBroker *self,
                           AtrTestFault   fault)
{
  g_return_if_fail (ATR_IS_TEST_BROKER (self));
  g_return_if_fail (fault <= ATR_TEST_FAULT_TRUNCATED_CLOSE);

  self->fault = fault;
}

/**
 * atr_test_broker_set_slow_delay:
 * @delay_ms: how long ATR_TEST_FAULT_SLOW holds each response (default 3000)
 */
void
atr_test_broker_set_slow_delay (AtrTestBroker *self,
                                guint          delay_ms)
{
  g_return_if_fail (ATR_IS_TEST_BROKER (self));

  self->slow_delay_ms = delay_ms;
}

/**
 * atr_test_broker_set_auth:
 * @mode: how /RDWeb/ is protected
 * @user: (nullable): "user" or "DOMAIN\user" (NTLM); required unless @mode is NONE
 * @password: (nullable): the password; required unless @mode is NONE
 *
 * Paths under /RDWeb/ (except /RDWeb/FeedLogin/) need credentials; everything else (for
 * example /.well-known/atrium/) stays public. Changing the mode forgets issued tokens.
 */
void
atr_test_broker_set_auth (AtrTestBroker *self,
                          AtrTestAuth    mode,
                          const char    *user,
                          const char    *password)
{
  g_return_if_fail (ATR_IS_TEST_BROKER (self));
  g_return_if_fail (mode <= ATR_TEST_AUTH_RDWEB_FORMS);
  g_return_if_fail (mode == ATR_TEST_AUTH_NONE || (user != NULL && password != NULL));

  self->auth = mode;
  g_clear_pointer (&self->user, g_free);
  wipe_string (&self->password);
  self->user = g_strdup (user);
  self->password = g_strdup (password);
  g_hash_table_remove_all (self->tokens);
}

/**
 * atr_test_broker_set_feed_login_basic:
 * @offer_basic: whether the RD Web sign-in page also offers and accepts HTTP Basic
 */
void
atr_test_broker_set_feed_login_basic (AtrTestBroker *self,
                                      gboolean       offer_basic)
{
  g_return_if_fail (ATR_IS_TEST_BROKER (self));

  self->feed_login_basic = !!offer_basic;
}

/**
 * atr_test_broker_get_request_count:
 * @path_prefix: (nullable): count only requests whose path starts with this; %NULL for all
 *
 * Every request that reached the HTTP layer counts, whatever the answer was.
 */
guint
atr_test_broker_get_request_count (AtrTestBroker *self,
                                   const char    *path_prefix)
{
  guint count = 0;

  g_return_val_if_fail (ATR_IS_TEST_BROKER (self), 0);

  for (guint i = 0; i < self->requests->len; i++)
    {
      const RequestRecord *record = &g_array_index (self->requests, RequestRecord, i);

      if (path_prefix == NULL || g_str_has_prefix (record->path, path_prefix))
        count++;
    }
  return count;
}

/**
 * atr_test_broker_get_auth_failures:
 *
 * Returns: how many requests carried wrong credentials (bad Basic, failed NTLM, unknown
 *   .ASPXAUTH cookie). A client that loops on bad credentials makes this grow.
 */
guint
atr_test_broker_get_auth_failures (AtrTestBroker *self)
{
  g_return_val_if_fail (ATR_IS_TEST_BROKER (self), 0);

  return self->auth_failures;
}

/**
 * atr_test_broker_dup_last_header:
 * @path_prefix: (nullable): as for atr_test_broker_get_request_count()
 * @header_name: a request header, such as "Accept" or "User-Agent"
 *
 * Returns: (transfer full) (nullable): that header of the latest matching request.
 */
char *
atr_test_broker_dup_last_header (AtrTestBroker *self,
                                 const char    *path_prefix,
                                 const char    *header_name)
{
  g_return_val_if_fail (ATR_IS_TEST_BROKER (self), NULL);
  g_return_val_if_fail (header_name != NULL, NULL);

  for (guint i = self->requests->len; i > 0; i--)
    {
      const RequestRecord *record = &g_array_index (self->requests, RequestRecord, i - 1);

      if (path_prefix == NULL || g_str_has_prefix (record->path, path_prefix))
        return g_strdup (soup_message_headers_get_list (record->headers, header_name));
    }
  return NULL;
}

/**
 * atr_test_broker_stop:
 *
 * Closes every listener and connection and drops held or delayed requests. Idempotent.
 */
void
atr_test_broker_stop (AtrTestBroker *self)
{
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (ATR_IS_TEST_BROKER (self));

  g_hash_table_iter_init (&iter, self->pending);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_source_remove (GPOINTER_TO_UINT (key));
  g_hash_table_remove_all (self->pending);

  if (self->server != NULL)
    atr_test_soup_server_disconnect (self->server);
  g_ptr_array_set_size (self->held, 0);
}

gboolean
atr_test_fault_from_string (const char   *name,
                            AtrTestFault *out_fault)
{
  static const struct { const char *name; AtrTestFault fault; } faults[] = {
    { "none", ATR_TEST_FAULT_NONE },
    { "slow", ATR_TEST_FAULT_SLOW },
    { "hang", ATR_TEST_FAULT_HANG },
    { "5xx", ATR_TEST_FAULT_ERROR_5XX },
    { "error-5xx", ATR_TEST_FAULT_ERROR_5XX },
    { "truncated", ATR_TEST_FAULT_TRUNCATED },
    { "truncated-close", ATR_TEST_FAULT_TRUNCATED_CLOSE },
    { "oversize", ATR_TEST_FAULT_OVERSIZE },
    { "not-found", ATR_TEST_FAULT_NOT_FOUND },
    { "404", ATR_TEST_FAULT_NOT_FOUND },
  };

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (out_fault != NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (faults); i++)
    if (g_ascii_strcasecmp (name, faults[i].name) == 0)
      {
        *out_fault = faults[i].fault;
        return TRUE;
      }
  return FALSE;
}

static gboolean
port_is_free (const char *address,
              guint       port)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  g_autoptr(GSocketAddress) sockaddr = g_inet_socket_address_new (inet, (guint16) port);
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);

  return socket != NULL && g_socket_bind (socket, sockaddr, TRUE, NULL);
}

guint
atr_test_pick_shared_port (GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  for (int attempt = 0; attempt < 50; attempt++)
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string ("127.0.0.1");
      g_autoptr(GSocketAddress) any = g_inet_socket_address_new (inet, 0);
      g_autoptr(GSocketAddress) local = NULL;
      g_autoptr(GSocket) socket = NULL;
      guint port;

      socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                             G_SOCKET_PROTOCOL_TCP, error);
      if (socket == NULL || !g_socket_bind (socket, any, TRUE, error) ||
          (local = g_socket_get_local_address (socket, error)) == NULL)
        return 0;
      port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
      if (port_is_free ("127.0.0.2", port) && port_is_free ("127.0.0.3", port))
        return port;
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_ADDRESS_IN_USE,
                       "No port is free on 127.0.0.1, 127.0.0.2 and 127.0.0.3 at once");
  return 0;
}
