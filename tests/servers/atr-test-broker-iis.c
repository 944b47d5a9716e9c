/* atr-test-broker-iis.c — what IIS and ASP.NET do before a file is served: folder redirects,
 * default documents, configured redirects, and the request targets as they arrived
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test code. Configured per tenant in "ROOT/<host>/.broker.ini" (never served):
 *
 *   [iis]
 *   default-document=webfeed.aspx
 *     A request for a folder without the trailing slash is answered 301 with an absolute
 *     Location of the folder with the slash (the query kept), as IIS's "courtesy redirect"
 *     does (Microsoft, "IIS: a trailing slash is added to a folder URL"; RD Web Access's
 *     documented _msradc value https://host/RDWeb/Feed meets it). A folder with the slash
 *     serves its default document (IIS <defaultDocument>).
 *
 *   [redirect]
 *   /RDWeb/Loop/a=302 /RDWeb/Loop/b
 *     The exact request target (path, and "?query" when present, as sent) is answered with
 *     that status and Location. In the Location, @ORIGIN@ becomes https://host:port,
 *     @AUTHORITY@ host:port and @PORT@ the port, so a test can point at http:// or another
 *     host.
 *
 *   [iis] default-document may list several names, "a.aspx;b.aspx": the first that exists.
 *
 *   [forms]
 *   login-path=/RDWeb/auth/loginfeed.aspx
 *   redirect-to=/RDWeb/FeedLogin
 *   return-url=false
 *     Where ATR_TEST_AUTH_RDWEB_FORMS answers the sign-in (default
 *     ATR_TEST_BROKER_FEED_LOGIN_PATH), where it sends an unauthenticated request (default:
 *     the login path) and whether that redirect carries ?ReturnUrl= (ASP.NET forms
 *     authentication does; raweb's webfeed.aspx calls Response.Redirect
 *     ("auth/loginfeed.aspx") without it).
 */
#define G_LOG_DOMAIN "atrium-test-broker"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "atr-test-broker-private.h"

#define TENANT_CONFIG_NAME ".broker.ini"

static GKeyFile *
load_config (const char *tenant_dir)
{
  g_autofree char *path = g_build_filename (tenant_dir, TENANT_CONFIG_NAME, NULL);
  g_autoptr(GKeyFile) config = g_key_file_new ();

  if (!g_key_file_load_from_file (config, path, G_KEY_FILE_NONE, NULL))
    return NULL;
  return g_steal_pointer (&config);
}

/* "https://host:port" or "https://[v6]:port" of the request, as the broker serves it. */
static char *
authority_of (SoupServerMessage *msg,
              const char        *host)
{
  GSocketAddress *local = soup_server_message_get_local_address (msg);
  guint port = G_IS_INET_SOCKET_ADDRESS (local)
               ? g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local)) : 0;

  if (strchr (host, ':') != NULL)
    return g_strdup_printf ("[%s]:%u", host, port);
  return g_strdup_printf ("%s:%u", host, port);
}

static char *
replace_all (const char *text,
             const char *needle,
             const char *replacement)
{
  g_auto(GStrv) parts = g_strsplit (text, needle, -1);

  return g_strjoinv (replacement, parts);
}

static void
send_redirect (SoupServerMessage *msg,
               guint              status,
               const char        *location)
{
  _atr_test_broker_respond_status (msg, status);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
}

/* [redirect] "<target>=STATUS LOCATION" for this exact request target. */
static gboolean
configured_redirect (SoupServerMessage *msg,
                     GKeyFile          *config,
                     const char        *host,
                     const char        *target)
{
  g_autofree char *value = g_key_file_get_string (config, "redirect", target, NULL);
  g_autofree char *authority = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *with_origin = NULL;
  g_autofree char *with_authority = NULL;
  g_autofree char *port = NULL;
  g_autofree char *location = NULL;
  char *space;
  guint64 status = 0;

  if (value == NULL || (space = strchr (value, ' ')) == NULL)
    return FALSE;
  *space = '\0';
  if (!g_ascii_string_to_unsigned (value, 10, 300, 399, &status, NULL))
    return FALSE;

  authority = authority_of (msg, host);
  origin = g_strconcat ("https://", authority, NULL);
  port = g_strdup (strrchr (authority, ':') + 1);
  with_origin = replace_all (space + 1, "@ORIGIN@", origin);
  with_authority = replace_all (with_origin, "@AUTHORITY@", authority);
  location = replace_all (with_authority, "@PORT@", port);
  send_redirect (msg, (guint) status, location);
  return TRUE;
}

/* The folder @path names inside @tenant_dir, or NULL. Test fixtures only: no "..", no
 * encoded characters beyond what the fixture tree holds. */
static char *
folder_of (const char *tenant_dir,
           const char *path)
{
  g_autofree char *decoded = g_uri_unescape_string (path, "/");
  g_autofree char *candidate = NULL;
  g_autofree char *real_tenant = NULL;
  g_autofree char *real = NULL;

  if (decoded == NULL || decoded[0] != '/' || strstr (decoded, "..") != NULL ||
      strchr (decoded, '\\') != NULL)
    return NULL;
  candidate = g_build_filename (tenant_dir, decoded, NULL);
  real_tenant = realpath (tenant_dir, NULL);
  real = realpath (candidate, NULL);
  if (real_tenant == NULL || real == NULL || !g_str_has_prefix (real, real_tenant) ||
      !g_file_test (real, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&real);
}

/**
 * _atr_test_broker_handle_iis:
 * @path: the request path as sent (percent-encoding kept)
 * @out_path: (out) (transfer full): the path to serve instead (a default document), or
 *   %NULL to serve @path
 *
 * Returns: %TRUE when the request was answered here (a redirect)
 */
gboolean
_atr_test_broker_handle_iis (AtrTestBroker     *self,
                             SoupServerMessage *msg,
                             const char        *tenant_dir,
                             const char        *host,
                             const char        *path,
                             char             **out_path)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *query = g_uri_get_query (uri);
  g_autoptr(GKeyFile) config = load_config (tenant_dir);
  g_autofree char *target = NULL;
  g_auto(GStrv) documents = NULL;
  g_autofree char *folder = NULL;

  *out_path = NULL;
  if (config == NULL)
    return FALSE;

  target = query != NULL ? g_strconcat (path, "?", query, NULL) : g_strdup (path);
  if (configured_redirect (msg, config, host, target) ||
      (query != NULL && configured_redirect (msg, config, host, path)))
    return TRUE;

  documents = g_key_file_get_string_list (config, "iis", "default-document", NULL, NULL);
  if (documents == NULL || (folder = folder_of (tenant_dir, path)) == NULL)
    return FALSE;

  if (!g_str_has_suffix (path, "/"))
    {
      g_autofree char *authority = authority_of (msg, host);
      g_autofree char *location = g_strdup_printf ("https://%s%s/%s%s", authority, path,
                                                   query ? "?" : "", query ? query : "");

      send_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, location);
      return TRUE;
    }
  for (guint i = 0; documents[i] != NULL; i++)
    {
      g_autofree char *file = g_build_filename (folder, documents[i], NULL);

      if (g_file_test (file, G_FILE_TEST_IS_REGULAR))
        {
          *out_path = g_strconcat (path, documents[i], NULL);
          break;
        }
    }
  return FALSE;
}

/* The tenant's RD Web sign-in page ([forms] login-path); with @redirect_to, where the sign-in
 * redirect points ([forms] redirect-to, default the page) and whether it names the page asked
 * for ([forms] return-url). */
char *
_atr_test_broker_forms_login_path (const char  *tenant_dir,
                                   char       **redirect_to,
                                   gboolean    *return_url)
{
  g_autoptr(GKeyFile) config = load_config (tenant_dir);
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;
  gboolean with_return_url = TRUE;

  if (config != NULL)
    {
      path = g_key_file_get_string (config, "forms", "login-path", NULL);
      target = g_key_file_get_string (config, "forms", "redirect-to", NULL);
      with_return_url = g_key_file_get_boolean (config, "forms", "return-url", &error);
      if (error != NULL)
        with_return_url = TRUE;
    }
  if (path == NULL)
    path = g_strdup (ATR_TEST_BROKER_FEED_LOGIN_PATH);
  if (redirect_to != NULL)
    *redirect_to = target != NULL ? g_steal_pointer (&target) : g_strdup (path);
  if (return_url != NULL)
    *return_url = with_return_url;
  return g_steal_pointer (&path);
}

/**
 * atr_test_broker_dup_request_targets:
 * @path_prefix: (nullable): as for atr_test_broker_get_request_count()
 *
 * Returns: (transfer full): the request target (path and "?query") of every matching
 *   request in order of arrival, as it came over the wire up to RFC 3986 normalisation
 *   (libsoup parses it with G_URI_FLAGS_ENCODED: hex digits upper-cased, unreserved
 *   characters decoded; every reserved escape such as %2B, %3D or %26 kept).
 */
char **
atr_test_broker_dup_request_targets (AtrTestBroker *self,
                                     const char    *path_prefix)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (ATR_IS_TEST_BROKER (self), NULL);

  for (guint i = 0; i < self->requests->len; i++)
    {
      const RequestRecord *record = &g_array_index (self->requests, RequestRecord, i);

      if (path_prefix == NULL || g_str_has_prefix (record->path, path_prefix))
        g_strv_builder_add (builder, record->target);
    }
  return g_strv_builder_end (builder);
}
