/* test-broker.cpp — the loopback test broker, checked with a plain libsoup client
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Everything runs on the default main context: the broker serves and the client requests
 * asynchronously on the same thread (TOOLCHAIN.md pitfall 7).
 */
#include <gtest/gtest.h>

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

extern "C" {
#include "atr-test-broker.h"
#include "atr-test-ntlm.h"
}

namespace {

std::string
Env (const char *name)
{
  const char *value = g_getenv (name);
  return value ? value : "";
}

std::string
CertPath (const char *name)
{
  g_autofree char *path = g_build_filename (Env ("ATR_TEST_CERTS").c_str (), name, NULL);
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  return abs;
}

std::string
TenantsDir ()
{
  g_autofree char *path = g_build_filename (Env ("ATR_TEST_DATA").c_str (), "tenants", NULL);
  return path;
}

/* Iterates the default context until *done or a 60 s guard fires (then the test fails). */
void
SpinUntil (const bool *done)
{
  bool guard = false;
  guint id = g_timeout_add_seconds (60, [] (gpointer data) -> gboolean {
    *static_cast<bool *> (data) = true;
    return G_SOURCE_REMOVE;
  }, &guard);

  while (!*done && !guard)
    g_main_context_iteration (NULL, TRUE);
  if (!guard)
    g_source_remove (id);
  ASSERT_FALSE (guard) << "request did not finish within 60 s";
}

struct Reply
{
  guint status = 0;
  std::string body;
  std::string content_type;
  std::string location;
  std::vector<std::string> www_authenticate;
  GError *error = nullptr;
  gint64 elapsed_us = 0;

  ~Reply () { g_clear_error (&error); }
};

struct Pending
{
  bool done = false;
  GBytes *bytes = nullptr;
  GError *error = nullptr;
};

void
FillReply (SoupMessage *msg,
           Reply       *reply)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (msg);
  const char *type = soup_message_headers_get_one (headers, "Content-Type");
  const char *location = soup_message_headers_get_one (headers, "Location");
  SoupMessageHeadersIter iter;
  const char *name, *value;

  reply->status = soup_message_get_status (msg);
  reply->content_type = type ? type : "";
  reply->location = location ? location : "";
  soup_message_headers_iter_init (&iter, headers);
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "WWW-Authenticate") == 0)
      reply->www_authenticate.push_back (value);
}

void
Send (SoupSession *session,
      SoupMessage *msg,
      Reply       *reply)
{
  Pending pending;
  gint64 start = g_get_monotonic_time ();

  soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL,
    [] (GObject *source, GAsyncResult *result, gpointer data) {
      auto *p = static_cast<Pending *> (data);
      p->bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &p->error);
      p->done = true;
    }, &pending);
  SpinUntil (&pending.done);

  reply->elapsed_us = g_get_monotonic_time () - start;
  FillReply (msg, reply);
  reply->error = pending.error;
  if (pending.bytes != nullptr)
    {
      gsize len = 0;
      const char *data = static_cast<const char *> (g_bytes_get_data (pending.bytes, &len));
      reply->body.assign (data ? data : "", len);
      g_bytes_unref (pending.bytes);
    }
}

gboolean
AuthenticateCb (SoupMessage *msg,
                SoupAuth    *auth,
                gboolean     retrying,
                gpointer     user_data);

class BrokerTest : public ::testing::Test
{
public:
  AtrTestBroker *broker = nullptr;
  SoupSession *session = nullptr;
  AtrTestResolver *resolver = nullptr;
  GResolver *saved_resolver = nullptr;
  guint port = 0;

  /* For the authenticate handler. */
  std::string auth_user;
  std::string auth_password;
  guint auth_calls = 0;
  std::vector<std::string> auth_schemes;

  void
  SetUp () override
  {
    g_autoptr(GError) error = NULL;

    ASSERT_FALSE (Env ("ATR_TEST_CERTS").empty ()) << "ATR_TEST_CERTS is not set";
    ASSERT_FALSE (Env ("ATR_TEST_DATA").empty ()) << "ATR_TEST_DATA is not set";

    resolver = atr_test_resolver_new ();
    atr_test_resolver_add_address (resolver, "*.atrium.test", "127.0.0.1");
    saved_resolver = g_resolver_get_default ();
    g_resolver_set_default (G_RESOLVER (resolver));

    broker = atr_test_broker_new (TenantsDir ().c_str (), CertPath ("good.crt").c_str (),
                                  CertPath ("good.key").c_str (), &error);
    ASSERT_NE (broker, nullptr) << error->message;
    ASSERT_TRUE (atr_test_broker_listen (broker, "127.0.0.1", 0, &error)) << error->message;
    port = atr_test_broker_get_port (broker);
    ASSERT_NE (port, 0u);

    NewSession ();
  }

  void
  NewSession ()
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GTlsDatabase) db = g_tls_file_database_new (CertPath ("ca.pem").c_str (), &error);

    ASSERT_NE (db, nullptr) << error->message;
    if (session != nullptr)
      soup_session_abort (session);
    g_clear_object (&session);
    session = soup_session_new_with_options ("tls-database", db, "timeout", 20, NULL);
  }

  void
  TearDown () override
  {
    if (session != nullptr)
      soup_session_abort (session);
    g_clear_object (&session);
    if (broker != nullptr)
      atr_test_broker_stop (broker);
    g_clear_object (&broker);
    if (saved_resolver != nullptr)
      g_resolver_set_default (saved_resolver);
    g_clear_object (&saved_resolver);
    g_clear_object (&resolver);
    /* Let closed connections finish their callbacks. */
    while (g_main_context_iteration (NULL, FALSE))
      ;
  }

  std::string
  Url (const char *host,
       const char *path,
       guint       use_port = 0) const
  {
    g_autofree char *url = g_strdup_printf ("https://%s:%u%s", host,
                                            use_port ? use_port : port, path);
    return url;
  }

  void
  Get (const std::string &url,
       Reply             *reply,
       guint              flags = 0,
       const char        *cookie = nullptr,
       const char        *authorization = nullptr)
  {
    g_autoptr(SoupMessage) msg = soup_message_new ("GET", url.c_str ());
    ASSERT_NE (msg, nullptr) << url;
    soup_message_add_flags (msg, (SoupMessageFlags) flags);
    if (cookie != nullptr)
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Cookie", cookie);
    if (authorization != nullptr)
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    authorization);
    g_signal_connect (msg, "authenticate", G_CALLBACK (AuthenticateCb), this);
    Send (session, msg, reply);
  }
};

gboolean
AuthenticateCb (SoupMessage *msg,
                SoupAuth    *auth,
                gboolean     retrying,
                gpointer     user_data)
{
  auto *self = static_cast<BrokerTest *> (user_data);

  self->auth_calls++;
  self->auth_schemes.push_back (soup_auth_get_scheme_name (auth));
  /* Supply credentials once; a retry means they were refused: give up, as a UI would
   * after the user cancels. */
  if (!retrying && !self->auth_user.empty ())
    soup_auth_authenticate (auth, self->auth_user.c_str (), self->auth_password.c_str ());
  return FALSE;
}

bool
Contains (const std::string &haystack,
          const std::string &needle)
{
  return haystack.find (needle) != std::string::npos;
}

std::string
BasicHeader (const char *user,
             const char *password)
{
  g_autofree char *pair = g_strdup_printf ("%s:%s", user, password);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  return std::string ("Basic ") + encoded;
}

/* ---- serving ----------------------------------------------------------------------- */

TEST_F (BrokerTest, ServesFeedByHostWithOriginSubstituted)
{
  Reply reply;
  g_autofree char *origin = g_strdup_printf ("https://tenant1.atrium.test:%u", port);

  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  ASSERT_EQ (reply.error, nullptr) << reply.error->message;
  EXPECT_EQ (reply.status, 200u);
  EXPECT_EQ (reply.content_type, "application/x-msts-radc+xml; charset=utf-8");
  EXPECT_TRUE (Contains (reply.body, "Name=\"Tenant One\""));
  EXPECT_TRUE (Contains (reply.body, std::string (origin) + "/RDWeb/Pages/rdp/notepad.rdp"));
  EXPECT_FALSE (Contains (reply.body, "@ORIGIN@"));
  EXPECT_EQ (atr_test_broker_get_request_count (broker, "/RDWeb/Feed/"), 1u);
  EXPECT_EQ (atr_test_broker_get_request_count (broker, "/RDWeb/Pages/"), 0u);
}

TEST_F (BrokerTest, HostNameIsCaseInsensitive)
{
  Reply reply;

  Get (Url ("TENANT1.Atrium.Test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  ASSERT_EQ (reply.error, nullptr) << reply.error->message;
  EXPECT_EQ (reply.status, 200u);
}

TEST_F (BrokerTest, EachTenantGetsItsOwnFeed)
{
  Reply harbour, ironworks;

  Get (Url ("harbour.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &harbour);
  Get (Url ("ironworks.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &ironworks);
  ASSERT_EQ (harbour.status, 200u);
  ASSERT_EQ (ironworks.status, 200u);
  EXPECT_TRUE (Contains (harbour.body, "Harbour Dental Group"));
  EXPECT_FALSE (Contains (harbour.body, "Ironworks Engineering"));
  EXPECT_TRUE (Contains (ironworks.body, "Ironworks Engineering"));
  EXPECT_TRUE (Contains (ironworks.body, "SchemaVersion=\"2.0\""));
}

TEST_F (BrokerTest, UnknownHostIs404)
{
  Reply reply;

  Get (Url ("nosuch.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  ASSERT_EQ (reply.error, nullptr) << reply.error->message;
  EXPECT_EQ (reply.status, 404u);
}

TEST_F (BrokerTest, MissingFileIs404)
{
  Reply reply;

  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/nothing.aspx"), &reply);
  EXPECT_EQ (reply.status, 404u);
}

TEST_F (BrokerTest, ContentTypesByExtensionAndTenantConfig)
{
  Reply rdp, png, legacy, config;

  Get (Url ("harbour.atrium.test", "/RDWeb/Pages/rdp/HDG-Desktop.rdp"), &rdp);
  EXPECT_EQ (rdp.status, 200u);
  EXPECT_EQ (rdp.content_type, "application/x-rdp");

  Get (Url ("harbour.atrium.test", "/RDWeb/Pages/icons/HDG-Desktop-32.png"), &png);
  EXPECT_EQ (png.status, 200u);
  EXPECT_EQ (png.content_type, "image/png");
  EXPECT_EQ (png.body.compare (0, 8, "\x89PNG\r\n\x1a\n"), 0);

  Get (Url ("legacy.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &legacy);
  EXPECT_EQ (legacy.status, 200u);
  EXPECT_EQ (legacy.content_type, "text/xml; charset=utf-8");
  EXPECT_TRUE (Contains (legacy.body, "SchemaVersion=\"1.1\""));

  /* The per-tenant config itself is never served. */
  Get (Url ("legacy.atrium.test", "/.broker.ini"), &config);
  EXPECT_EQ (config.status, 404u);
}

TEST_F (BrokerTest, Utf16RdpFileIsServedAsIs)
{
  Reply reply;
  g_autofree char *utf8 = NULL;

  Get (Url ("harbour.atrium.test", "/RDWeb/Pages/rdp/HDG-Desktop.rdp"), &reply);
  ASSERT_EQ (reply.status, 200u);
  ASSERT_GE (reply.body.size (), 2u);
  ASSERT_EQ ((guchar) reply.body[0], 0xFF);
  ASSERT_EQ ((guchar) reply.body[1], 0xFE);
  utf8 = g_convert (reply.body.data () + 2, reply.body.size () - 2, "UTF-8", "UTF-16LE",
                    NULL, NULL, NULL);
  ASSERT_NE (utf8, nullptr);
  EXPECT_TRUE (Contains (utf8, "full address:s:harbour-rdsh01.atrium.test\r\n"));
  EXPECT_TRUE (Contains (utf8, "loadbalanceinfo:s:tsv://MS Terminal Services Plugin.1.Clinic"));
}

TEST_F (BrokerTest, PathTraversalIsRefused)
{
  const char *paths[] = {
    "/RDWeb/%2e%2e/%2e%2e/tenant1.atrium.test/RDWeb/Feed/webfeed.aspx",
    "/%2e%2e/tenant1.atrium.test/RDWeb/Feed/webfeed.aspx",
    "/RDWeb/Feed/..%2fwebfeed.aspx",
    "/RDWeb/Feed/%2fetc%2fpasswd",
    "/RDWeb/Feed/webfeed.aspx%00.png",
    "/RDWeb\\Feed\\webfeed.aspx",
    "/RDWeb/Feed/",
    "/",
  };

  for (const char *path : paths)
    {
      Reply reply;

      Get (Url ("tenant1.atrium.test", path), &reply);
      /* libsoup's server answers 400 itself for some (encoded slash or NUL); either way the
       * file is not served. */
      EXPECT_TRUE (reply.status == 404u || reply.status == 400u) << path << ": " << reply.status;
      EXPECT_FALSE (Contains (reply.body, "ResourceCollection")) << path;
    }

  /* The same file through a clean path is served, so the refusals above mean something. */
  Reply ok;
  Get (Url ("tenant1.atrium.test", "/RDWeb//Feed/webfeed.aspx"), &ok);
  EXPECT_EQ (ok.status, 200u);
}

TEST_F (BrokerTest, SymlinkOutOfTheTenantIsRefused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root = g_dir_make_tmp ("atr-broker-XXXXXX", &error);
  ASSERT_NE (root, nullptr) << error->message;
  g_autofree char *tenant = g_build_filename (root, "links.atrium.test", NULL);
  g_autofree char *secret = g_build_filename (root, "secret.json", NULL);
  g_autofree char *inside = g_build_filename (tenant, "inside.json", NULL);
  g_autofree char *link_out = g_build_filename (tenant, "out.json", NULL);
  g_autofree char *link_in = g_build_filename (tenant, "in.json", NULL);
  g_autofree char *link_etc = g_build_filename (tenant, "hosts.json", NULL);
  g_autofree char *utf16_rdp = g_build_filename (tenant, "wide.rdp", NULL);

  ASSERT_EQ (g_mkdir (tenant, 0700), 0);
  ASSERT_TRUE (g_file_set_contents (secret, "{\"secret\":1}", -1, NULL));
  ASSERT_TRUE (g_file_set_contents (inside, "{\"origin\":\"@ORIGIN@\"}", -1, NULL));
  ASSERT_EQ (symlink ("../secret.json", link_out), 0);
  ASSERT_EQ (symlink ("inside.json", link_in), 0);
  ASSERT_EQ (symlink ("/etc/hosts", link_etc), 0);
  {
    gsize wide_len = 0;
    g_autofree char *wide = g_convert ("x:s:@ORIGIN@/a\r\n", -1, "UTF-16LE", "UTF-8", NULL,
                                       &wide_len, NULL);
    std::string file ("\xff\xfe", 2);
    file.append (wide, wide_len);
    ASSERT_TRUE (g_file_set_contents (utf16_rdp, file.data (), (gssize) file.size (), NULL));
  }

  g_autoptr(AtrTestBroker) local = atr_test_broker_new (root, CertPath ("good.crt").c_str (),
                                                        CertPath ("good.key").c_str (), &error);
  ASSERT_NE (local, nullptr) << error->message;
  ASSERT_TRUE (atr_test_broker_listen (local, "127.0.0.1", 0, &error)) << error->message;
  guint local_port = atr_test_broker_get_port (local);

  Reply out, etc, in;
  Get (Url ("links.atrium.test", "/out.json", local_port), &out);
  Get (Url ("links.atrium.test", "/hosts.json", local_port), &etc);
  Get (Url ("links.atrium.test", "/in.json", local_port), &in);
  EXPECT_EQ (out.status, 404u);
  EXPECT_EQ (etc.status, 404u);
  EXPECT_EQ (in.status, 200u);
  EXPECT_EQ (in.content_type, "application/json");
  g_autofree char *expected = g_strdup_printf ("{\"origin\":\"https://links.atrium.test:%u\"}",
                                               local_port);
  EXPECT_EQ (in.body, expected);

  /* @ORIGIN@ is replaced inside a UTF-16LE file too, in UTF-16LE. */
  Reply wide;
  Get (Url ("links.atrium.test", "/wide.rdp", local_port), &wide);
  ASSERT_EQ (wide.status, 200u);
  EXPECT_EQ (wide.content_type, "application/x-rdp");
  ASSERT_GE (wide.body.size (), 2u);
  g_autofree char *wide_utf8 = g_convert (wide.body.data () + 2, wide.body.size () - 2, "UTF-8",
                                          "UTF-16LE", NULL, NULL, NULL);
  g_autofree char *wide_expected = g_strdup_printf ("x:s:https://links.atrium.test:%u/a\r\n",
                                                    local_port);
  EXPECT_STREQ (wide_utf8, wide_expected);

  atr_test_broker_stop (local);
  g_unlink (utf16_rdp);
  g_unlink (link_etc);
  g_unlink (link_in);
  g_unlink (link_out);
  g_unlink (inside);
  g_unlink (secret);
  g_rmdir (tenant);
  g_rmdir (root);
}

TEST_F (BrokerTest, PostIsRefused)
{
  g_autoptr(SoupMessage) msg =
    soup_message_new ("POST", Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx").c_str ());
  Reply reply;

  Send (session, msg, &reply);
  EXPECT_EQ (reply.status, 405u);
}

TEST_F (BrokerTest, RecordsRequestHeaders)
{
  Reply reply;
  g_autoptr(SoupMessage) msg =
    soup_message_new ("GET", Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx").c_str ());
  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept",
                                "application/x-msts-radc+xml; radc_schema_version=2.0");
  Send (session, msg, &reply);

  g_autofree char *accept = atr_test_broker_dup_last_header (broker, "/RDWeb/Feed/", "Accept");
  g_autofree char *none = atr_test_broker_dup_last_header (broker, "/nothing", "Accept");
  EXPECT_STREQ (accept, "application/x-msts-radc+xml; radc_schema_version=2.0");
  EXPECT_EQ (none, nullptr);
}

/* ---- listeners --------------------------------------------------------------------- */

TEST_F (BrokerTest, SharedPortOnThreeLoopbackAddresses)
{
  g_autoptr(GError) error = NULL;
  guint shared = atr_test_pick_shared_port (&error);
  ASSERT_NE (shared, 0u) << error->message;

  g_autoptr(AtrTestBroker) gateways = atr_test_broker_new (TenantsDir ().c_str (),
                                                           CertPath ("good.crt").c_str (),
                                                           CertPath ("good.key").c_str (),
                                                           &error);
  ASSERT_NE (gateways, nullptr) << error->message;
  for (const char *address : { "127.0.0.1", "127.0.0.2", "127.0.0.3" })
    ASSERT_TRUE (atr_test_broker_listen (gateways, address, shared, &error)) << error->message;
  EXPECT_EQ (atr_test_broker_get_port (gateways), shared);

  /* Point the tenant name at each gateway address in turn. */
  for (const char *address : { "127.0.0.2", "127.0.0.3" })
    {
      g_autoptr(AtrTestResolver) only = atr_test_resolver_new ();
      Reply reply;

      atr_test_resolver_add_address (only, "*.atrium.test", address);
      g_resolver_set_default (G_RESOLVER (only));
      NewSession ();  /* a session remembers resolved addresses */
      Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx", shared), &reply);
      EXPECT_EQ (reply.status, 200u) << address;
      EXPECT_GE (atr_test_resolver_get_lookup_count (only), 1u) << address;
    }
  g_resolver_set_default (G_RESOLVER (resolver));
  NewSession ();
  Reply good;
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx", shared), &good);
  EXPECT_EQ (good.status, 200u);
  EXPECT_EQ (atr_test_broker_get_request_count (gateways, NULL), 3u);
  atr_test_broker_stop (gateways);
}

TEST_F (BrokerTest, ListenRefusesNonLoopback)
{
  g_autoptr(GError) error = NULL;

  EXPECT_FALSE (atr_test_broker_listen (broker, "0.0.0.0", 0, &error));
  EXPECT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  EXPECT_TRUE (Contains (error->message, "0.0.0.0"));
}

TEST_F (BrokerTest, NewFailsOnMissingRootOrCertificate)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTestBroker) no_root = atr_test_broker_new ("/nonexistent/tenants",
                                                          CertPath ("good.crt").c_str (),
                                                          CertPath ("good.key").c_str (),
                                                          &error);
  EXPECT_EQ (no_root, nullptr);
  ASSERT_NE (error, nullptr);
  EXPECT_TRUE (Contains (error->message, "/nonexistent/tenants"));
  g_clear_error (&error);

  g_autoptr(AtrTestBroker) no_cert = atr_test_broker_new (TenantsDir ().c_str (),
                                                          "/nonexistent.crt",
                                                          CertPath ("good.key").c_str (),
                                                          &error);
  EXPECT_EQ (no_cert, nullptr);
  ASSERT_NE (error, nullptr);
  EXPECT_TRUE (Contains (error->message, "/nonexistent.crt"));
}

TEST_F (BrokerTest, HangServerAcceptsAndNeverAnswers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTestHangServer) hang = atr_test_hang_server_new ("127.0.0.1", 0, &error);
  ASSERT_NE (hang, nullptr) << error->message;

  g_object_set (session, "timeout", 1, NULL);
  Reply reply;
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx",
            atr_test_hang_server_get_port (hang)), &reply);
  ASSERT_NE (reply.error, nullptr);
  EXPECT_TRUE (g_error_matches (reply.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    << reply.error->message;
  EXPECT_EQ (atr_test_hang_server_get_connection_count (hang), 1u);
  EXPECT_GE (reply.elapsed_us, 900 * 1000);
  atr_test_hang_server_stop (hang);
}

/* ---- faults ------------------------------------------------------------------------ */

TEST_F (BrokerTest, Fault5xx)
{
  Reply reply;

  atr_test_broker_set_fault (broker, ATR_TEST_FAULT_ERROR_5XX);
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  ASSERT_EQ (reply.error, nullptr) << reply.error->message;
  EXPECT_EQ (reply.status, 503u);
}

TEST_F (BrokerTest, FaultNotFound)
{
  Reply reply;

  atr_test_broker_set_fault (broker, ATR_TEST_FAULT_NOT_FOUND);
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  EXPECT_EQ (reply.status, 404u);
}

TEST_F (BrokerTest, FaultTruncatedBreaksTheBody)
{
  Reply reply;

  atr_test_broker_set_fault (broker, ATR_TEST_FAULT_TRUNCATED);
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  EXPECT_EQ (reply.status, 200u);  /* the headers arrived… */
  ASSERT_NE (reply.error, nullptr) << "body of " << reply.body.size () << " bytes";  /* …the promised body did not */
  EXPECT_TRUE (g_error_matches (reply.error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    << reply.error->message;

  /* The broker keeps serving other connections. */
  Reply after;
  atr_test_broker_set_fault (broker, ATR_TEST_FAULT_NONE);
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &after);
  EXPECT_EQ (after.status, 200u);
}

TEST_F (BrokerTest, FaultTruncatedCloseIsSilentInLibsoup)
{
  Reply reply;
  Reply full;

  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &full);
  ASSERT_EQ (full.status, 200u);
  NewSession ();
  atr_test_broker_set_fault (broker, ATR_TEST_FAULT_TRUNCATED_CLOSE);
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  EXPECT_EQ (reply.status, 200u);
  /* libsoup 3.2 treats a "Connection: close" body cut short as complete. If this starts
   * failing, libsoup got stricter (good news): the fault still truncates. */
  EXPECT_EQ (reply.error, nullptr);
  EXPECT_EQ (reply.body.size (), full.body.size () / 2);
}

TEST_F (BrokerTest, FaultHangTimesOutTheClient)
{
  Reply reply;

  atr_test_broker_set_fault (broker, ATR_TEST_FAULT_HANG);
  g_object_set (session, "timeout", 1, NULL);
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  ASSERT_NE (reply.error, nullptr);
  EXPECT_TRUE (g_error_matches (reply.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    << reply.error->message;
  EXPECT_EQ (atr_test_broker_get_request_count (broker, "/RDWeb/Feed/"), 1u);
}

TEST_F (BrokerTest, FaultSlowDelaysTheFirstByte)
{
  Reply reply;

  atr_test_broker_set_fault (broker, ATR_TEST_FAULT_SLOW);
  atr_test_broker_set_slow_delay (broker, 700);
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  ASSERT_EQ (reply.error, nullptr) << reply.error->message;
  EXPECT_EQ (reply.status, 200u);
  EXPECT_GE (reply.elapsed_us, 650 * 1000);
  EXPECT_TRUE (Contains (reply.body, "Tenant One"));
}

TEST_F (BrokerTest, FaultSlowBeatsAShortTimeout)
{
  Reply reply;

  atr_test_broker_set_fault (broker, ATR_TEST_FAULT_SLOW);  /* default 3 s */
  g_object_set (session, "timeout", 1, NULL);
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  ASSERT_NE (reply.error, nullptr);
  EXPECT_TRUE (g_error_matches (reply.error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    << reply.error->message;
}

TEST_F (BrokerTest, FaultOversizeStreams32MiB)
{
  Reply reply;

  atr_test_broker_set_fault (broker, ATR_TEST_FAULT_OVERSIZE);
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &reply);
  ASSERT_EQ (reply.error, nullptr) << reply.error->message;
  EXPECT_EQ (reply.status, 200u);
  EXPECT_EQ (reply.content_type, "application/x-msts-radc+xml; charset=utf-8");
  ASSERT_EQ (reply.body.size (), (size_t) ATR_TEST_BROKER_OVERSIZE_BYTES);
  EXPECT_EQ (reply.body.compare (0, 5, "<?xml"), 0);
  EXPECT_TRUE (g_str_has_suffix (reply.body.c_str (), "</ResourceCollection>\n"));
}

/* ---- authentication ---------------------------------------------------------------- */

TEST_F (BrokerTest, BasicAuth)
{
  Reply none, bad, good, manifest;

  atr_test_broker_set_auth (broker, ATR_TEST_AUTH_BASIC, "alice", "s3cret-Pass");
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &none);
  EXPECT_EQ (none.status, 401u);
  ASSERT_EQ (none.www_authenticate.size (), 1u);
  EXPECT_TRUE (g_str_has_prefix (none.www_authenticate[0].c_str (), "Basic realm="));
  EXPECT_EQ (atr_test_broker_get_auth_failures (broker), 0u);

  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &bad, 0, nullptr,
       BasicHeader ("alice", "wrong").c_str ());
  EXPECT_EQ (bad.status, 401u);
  EXPECT_EQ (atr_test_broker_get_auth_failures (broker), 1u);

  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &good, 0, nullptr,
       BasicHeader ("alice", "s3cret-Pass").c_str ());
  EXPECT_EQ (good.status, 200u);
  EXPECT_TRUE (Contains (good.body, "Tenant One"));

  /* Through libsoup's own Basic support, driven by the authenticate signal. */
  Reply via_soup;
  auth_calls = 0;
  auth_user = "alice";
  auth_password = "s3cret-Pass";
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &via_soup);
  EXPECT_EQ (via_soup.status, 200u);
  EXPECT_EQ (auth_calls, 1u);

  /* Outside /RDWeb/ nothing is protected (tenant manifests and themes come before sign-in). */
  Get (Url ("harbour.atrium.test", "/.well-known/atrium/tenant.json"), &manifest);
  EXPECT_EQ (manifest.status, 200u);
}

TEST_F (BrokerTest, RdWebFormsFlowByHand)
{
  Reply redirect, challenge, login, feed, wrong_cookie, no_cookie;

  atr_test_broker_set_auth (broker, ATR_TEST_AUTH_RDWEB_FORMS, "alice", "s3cret-Pass");

  /* 1. The feed redirects to the sign-in page. */
  Get (Url ("harbour.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &redirect,
       SOUP_MESSAGE_NO_REDIRECT);
  ASSERT_EQ (redirect.status, 302u);
  EXPECT_EQ (redirect.location,
             "/RDWeb/FeedLogin/WebFeedLogin.aspx?ReturnUrl=%2FRDWeb%2FFeed%2Fwebfeed.aspx");

  /* 2. The sign-in page asks for Windows authentication. */
  Get (Url ("harbour.atrium.test", redirect.location.c_str ()), &challenge);
  EXPECT_EQ (challenge.status, 401u);
  ASSERT_EQ (challenge.www_authenticate.size (), 2u);
  EXPECT_EQ (challenge.www_authenticate[0], "Negotiate");
  EXPECT_EQ (challenge.www_authenticate[1], "NTLM");

  /* 3. NTLM through libsoup's SoupAuthNTLM: the token comes back in the body. */
  soup_session_add_feature_by_type (session, SOUP_TYPE_AUTH_NTLM);
  auth_user = "alice";
  auth_password = "s3cret-Pass";
  Get (Url ("harbour.atrium.test", redirect.location.c_str ()), &login);
  ASSERT_EQ (login.error, nullptr) << login.error->message;
  ASSERT_EQ (login.status, 200u);
  EXPECT_EQ (login.content_type, ATR_TEST_BROKER_FEED_LOGIN_CONTENT_TYPE);
  EXPECT_EQ (login.body.size (), 64u);
  EXPECT_EQ (auth_calls, 1u);
  ASSERT_EQ (auth_schemes.size (), 1u);
  EXPECT_EQ (auth_schemes[0], "NTLM");

  /* 4. The token as .ASPXAUTH cookie opens the feed. */
  std::string cookie = "foo=bar; .ASPXAUTH=" + login.body;
  Get (Url ("harbour.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &feed,
       SOUP_MESSAGE_NO_REDIRECT, cookie.c_str ());
  EXPECT_EQ (feed.status, 200u);
  EXPECT_TRUE (Contains (feed.body, "Harbour Dental Group"));

  /* 5. A wrong or missing cookie is sent back to the sign-in page. */
  Get (Url ("harbour.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &wrong_cookie,
       SOUP_MESSAGE_NO_REDIRECT, ".ASPXAUTH=0123456789abcdef");
  EXPECT_EQ (wrong_cookie.status, 302u);
  Get (Url ("harbour.atrium.test", "/RDWeb/Pages/rdp/HDG-Desktop.rdp"), &no_cookie,
       SOUP_MESSAGE_NO_REDIRECT);
  EXPECT_EQ (no_cookie.status, 302u);
  EXPECT_TRUE (Contains (no_cookie.location, "ReturnUrl=%2FRDWeb%2FPages%2Frdp%2FHDG-Desktop.rdp"));
  EXPECT_EQ (atr_test_broker_get_auth_failures (broker), 1u);  /* the wrong cookie */
}

/* IIS as RD Web Access runs on it (tests/data/tenants/iis.atrium.test/.broker.ini): a folder
 * without its slash is answered 301 to the folder (absolute Location, query kept), the folder
 * serves its default document, configured redirects answer exact targets, and every target
 * is recorded as sent. */
TEST_F (BrokerTest, BehavesAsIis)
{
  Reply folder, feed, loop, missing;

  Get (Url ("iis.atrium.test", "/RDWeb/Feed?x=a%2Bb"), &folder, SOUP_MESSAGE_NO_REDIRECT);
  EXPECT_EQ (folder.status, 301u);
  EXPECT_EQ (folder.location, std::string (Url ("iis.atrium.test", "/RDWeb/Feed/?x=a%2Bb")));

  Get (Url ("iis.atrium.test", "/RDWeb/Feed/"), &feed, SOUP_MESSAGE_NO_REDIRECT);
  EXPECT_EQ (feed.status, 200u);
  EXPECT_TRUE (Contains (feed.body, "Contoso IIS"));

  Get (Url ("iis.atrium.test", "/RDWeb/Loop/again.aspx"), &loop, SOUP_MESSAGE_NO_REDIRECT);
  EXPECT_EQ (loop.status, 302u);
  EXPECT_EQ (loop.location, std::string (Url ("iis.atrium.test", "/RDWeb/Loop/webfeed.aspx")));

  /* Without [iis], a folder is still a 404. */
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed"), &missing, SOUP_MESSAGE_NO_REDIRECT);
  EXPECT_EQ (missing.status, 404u);

  g_auto(GStrv) targets = atr_test_broker_dup_request_targets (broker, "/RDWeb/Feed");
  ASSERT_EQ (g_strv_length (targets), 3u);
  EXPECT_STREQ (targets[0], "/RDWeb/Feed?x=a%2Bb");
  EXPECT_STREQ (targets[1], "/RDWeb/Feed/");
  EXPECT_STREQ (targets[2], "/RDWeb/Feed");
}

TEST_F (BrokerTest, RdWebFormsWrongPasswordDoesNotLoop)
{
  Reply login;

  atr_test_broker_set_auth (broker, ATR_TEST_AUTH_RDWEB_FORMS, "alice", "s3cret-Pass");
  soup_session_add_feature_by_type (session, SOUP_TYPE_AUTH_NTLM);
  auth_user = "alice";
  auth_password = "not-the-password";

  /* Following the redirect from the feed, as a client would. */
  Get (Url ("harbour.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &login);
  ASSERT_EQ (login.error, nullptr) << login.error->message;
  EXPECT_EQ (login.status, 401u);
  EXPECT_EQ (auth_calls, 2u);  /* the first try, then the retry we declined */
  EXPECT_EQ (atr_test_broker_get_auth_failures (broker), 1u);
  /* 401 without credentials, 401 with the challenge, 401 after the bad response. */
  EXPECT_EQ (atr_test_broker_get_request_count (broker, "/RDWeb/FeedLogin/"), 3u);
}

TEST_F (BrokerTest, RdWebFormsWithDomainAndBasicOffer)
{
  Reply challenge, ntlm_login, basic_login, bad_user;

  atr_test_broker_set_auth (broker, ATR_TEST_AUTH_RDWEB_FORMS, "HARBOUR\\bob", "Tide-2024");
  atr_test_broker_set_feed_login_basic (broker, TRUE);

  Get (Url ("harbour.atrium.test", ATR_TEST_BROKER_FEED_LOGIN_PATH), &challenge);
  ASSERT_EQ (challenge.www_authenticate.size (), 3u);
  EXPECT_TRUE (g_str_has_prefix (challenge.www_authenticate[2].c_str (), "Basic"));

  Get (Url ("harbour.atrium.test", ATR_TEST_BROKER_FEED_LOGIN_PATH), &basic_login, 0, nullptr,
       BasicHeader ("HARBOUR\\bob", "Tide-2024").c_str ());
  EXPECT_EQ (basic_login.status, 200u);
  EXPECT_EQ (basic_login.body.size (), 64u);

  soup_session_add_feature_by_type (session, SOUP_TYPE_AUTH_NTLM);
  auth_user = "harbour\\BOB";  /* names compare case-insensitively, as Windows does */
  auth_password = "Tide-2024";
  Get (Url ("harbour.atrium.test", ATR_TEST_BROKER_FEED_LOGIN_PATH), &ntlm_login);
  EXPECT_EQ (ntlm_login.status, 200u);
  ASSERT_FALSE (auth_schemes.empty ());
  EXPECT_EQ (auth_schemes.back (), "NTLM");
  EXPECT_NE (ntlm_login.body, basic_login.body);
}

TEST_F (BrokerTest, NtlmOnTheFeed)
{
  Reply good;

  atr_test_broker_set_auth (broker, ATR_TEST_AUTH_NTLM, "alice", "s3cret-Pass");
  soup_session_add_feature_by_type (session, SOUP_TYPE_AUTH_NTLM);
  auth_user = "alice";
  auth_password = "s3cret-Pass";
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &good);
  ASSERT_EQ (good.error, nullptr) << good.error->message;
  EXPECT_EQ (good.status, 200u);
  EXPECT_TRUE (Contains (good.body, "Tenant One"));
  EXPECT_EQ (atr_test_broker_get_auth_failures (broker), 0u);
}

TEST_F (BrokerTest, NtlmWrongPasswordAndWrongUser)
{
  atr_test_broker_set_auth (broker, ATR_TEST_AUTH_NTLM, "alice", "s3cret-Pass");
  soup_session_add_feature_by_type (session, SOUP_TYPE_AUTH_NTLM);

  Reply wrong_password;
  auth_user = "alice";
  auth_password = "s3cret-pass";  /* one letter's case */
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &wrong_password);
  EXPECT_EQ (wrong_password.status, 401u);
  EXPECT_EQ (auth_calls, 2u);
  EXPECT_EQ (atr_test_broker_get_auth_failures (broker), 1u);

  /* A fresh session (NTLM state is per session), another user name. */
  NewSession ();
  soup_session_add_feature_by_type (session, SOUP_TYPE_AUTH_NTLM);
  Reply wrong_user;
  auth_calls = 0;
  auth_user = "mallory";
  auth_password = "s3cret-Pass";
  Get (Url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx"), &wrong_user);
  EXPECT_EQ (wrong_user.status, 401u);
  EXPECT_EQ (atr_test_broker_get_auth_failures (broker), 2u);
}

/* ---- NTLM pieces ------------------------------------------------------------------- */

std::string
Hex (const guint8 *data,
     gsize         len)
{
  std::string out;
  for (gsize i = 0; i < len; i++)
    {
      char b[3];
      g_snprintf (b, sizeof b, "%02x", data[i]);
      out += b;
    }
  return out;
}

std::string
Md4 (const std::string &input)
{
  guint8 digest[16];
  atr_test_ntlm_md4 ((const guint8 *) input.data (), input.size (), digest);
  return Hex (digest, sizeof digest);
}

TEST (TestNtlm, Md4MatchesRfc1320)
{
  EXPECT_EQ (Md4 (""), "31d6cfe0d16ae931b73c59d7e0c089c0");
  EXPECT_EQ (Md4 ("a"), "bde52cb31de33e46245e05fbdbd6fb24");
  EXPECT_EQ (Md4 ("abc"), "a448017aaf21d8525fc10ae87aa6729d");
  EXPECT_EQ (Md4 ("message digest"), "d9130a8164549fe818874806e1c7014b");
  EXPECT_EQ (Md4 ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
             "043f8582f241db351ce627e153e7f0e4");
  EXPECT_EQ (Md4 ("12345678901234567890123456789012345678901234567890123456789012345678901234567890"),
             "e33b4ddc9c38f2199c3e7b164fcc0536");
}

TEST (TestNtlm, NtHashOfSecret)
{
  /* winpr-hash3 -u tester -p secret (TOOLCHAIN.md) */
  EXPECT_EQ (Md4 (std::string ("s\0e\0c\0r\0e\0t\0", 12)), "878d8014606cda29677a44efa1353fc7");
}

TEST (TestNtlm, ChallengeAsksForNtlmV2)
{
  const guint8 challenge[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
  g_autofree char *b64 = atr_test_ntlm_build_challenge (challenge);
  gsize len = 0;
  g_autofree guchar *raw = g_base64_decode (b64, &len);

  ASSERT_GE (len, 48u);
  EXPECT_EQ (atr_test_ntlm_message_type (raw, len), ATR_TEST_NTLM_CHALLENGE);
  EXPECT_EQ (memcmp (raw + 24, challenge, 8), 0);
  guint32 flags = raw[20] | raw[21] << 8 | raw[22] << 16 | (guint32) raw[23] << 24;
  EXPECT_TRUE (flags & 0x00800000u);  /* target info → libsoup answers NTLMv2 */
}

TEST (TestNtlm, HostileAuthenticateMessagesAreRefused)
{
  const guint8 challenge[8] = { 0 };
  guint8 msg[64] = { 'N', 'T', 'L', 'M', 'S', 'S', 'P', 0, 3, 0, 0, 0 };
  g_autoptr(GError) error = NULL;

  /* Too short to hold the fields. */
  EXPECT_FALSE (atr_test_ntlm_verify (msg, 20, challenge, "alice", "pw", &error));
  EXPECT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
  g_clear_error (&error);

  /* A field pointing past the end. */
  msg[20] = 200; msg[24] = 60;
  EXPECT_FALSE (atr_test_ntlm_verify (msg, sizeof msg, challenge, "alice", "pw", &error));
  EXPECT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
  g_clear_error (&error);

  /* An NTLMv1 (24-byte) response. */
  msg[20] = 24; msg[24] = 0;
  EXPECT_FALSE (atr_test_ntlm_verify (msg, sizeof msg, challenge, "alice", "pw", &error));
  EXPECT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA));
  EXPECT_TRUE (Contains (error->message, "NTLMv1"));
  g_clear_error (&error);

  /* Not NTLMSSP at all. */
  EXPECT_EQ (atr_test_ntlm_message_type ((const guint8 *) "hello world!", 12),
             ATR_TEST_NTLM_INVALID);
}

/* ---- resolver ---------------------------------------------------------------------- */

TEST (TestResolver, MapsPatternsAndTxt)
{
  g_autoptr(AtrTestResolver) resolver = atr_test_resolver_new ();
  g_autoptr(GError) error = NULL;
  const char *txt[] = { "https://harbour.atrium.test/RDWeb/", "Feed/webfeed.aspx", NULL };

  ASSERT_TRUE (atr_test_resolver_add_address (resolver, "*.atrium.test", "127.0.0.1"));
  ASSERT_TRUE (atr_test_resolver_add_address (resolver, "*.atrium.test", "::1"));
  EXPECT_FALSE (atr_test_resolver_add_address (resolver, "x.test", "not-an-ip"));
  atr_test_resolver_add_txt (resolver, "_msradc.harbour.atrium.test", txt);

  GList *all = g_resolver_lookup_by_name (G_RESOLVER (resolver), "Harbour.Atrium.Test", NULL,
                                          &error);
  ASSERT_EQ (g_list_length (all), 2u);
  g_resolver_free_addresses (all);

  GList *v4 = g_resolver_lookup_by_name_with_flags (G_RESOLVER (resolver), "a.atrium.test",
                                                    G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY,
                                                    NULL, &error);
  ASSERT_EQ (g_list_length (v4), 1u);
  g_autofree char *v4s = g_inet_address_to_string (G_INET_ADDRESS (v4->data));
  EXPECT_STREQ (v4s, "127.0.0.1");
  g_resolver_free_addresses (v4);

  EXPECT_EQ (g_resolver_lookup_by_name (G_RESOLVER (resolver), "atrium.test", NULL, &error),
             nullptr);
  EXPECT_TRUE (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND));
  g_clear_error (&error);
  EXPECT_EQ (g_resolver_lookup_by_name (G_RESOLVER (resolver), "example.com", NULL, &error),
             nullptr);
  g_clear_error (&error);

  GList *records = g_resolver_lookup_records (G_RESOLVER (resolver),
                                              "_msradc.harbour.atrium.test",
                                              G_RESOLVER_RECORD_TXT, NULL, &error);
  ASSERT_EQ (g_list_length (records), 1u);
  g_autofree const char **strings = NULL;
  g_variant_get ((GVariant *) records->data, "(^a&s)", &strings);
  ASSERT_EQ (g_strv_length ((char **) strings), 2u);
  EXPECT_STREQ (strings[1], "Feed/webfeed.aspx");
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);
}

/* ---- the standalone program -------------------------------------------------------- */

TEST_F (BrokerTest, ProgramServesAndExitsOnSigterm)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *port_file = g_build_filename (g_get_tmp_dir (), "atr-broker-port-XXXXXX", NULL);
  int fd = g_mkstemp (port_file);
  ASSERT_GE (fd, 0);
  close (fd);

  std::string root = TenantsDir (), crt = CertPath ("good.crt"), key = CertPath ("good.key");
  g_autoptr(GSubprocess) proc = g_subprocess_new (
    G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, ATR_TEST_BROKER_EXE, "--root", root.c_str (),
    "--cert", crt.c_str (), "--key", key.c_str (), "--listen", "127.0.0.1:0",
    "--port-file", port_file, NULL);
  ASSERT_NE (proc, nullptr) << error->message;

  /* Read the "listening on" line without blocking the context. */
  g_autoptr(GDataInputStream) out =
    g_data_input_stream_new (g_subprocess_get_stdout_pipe (proc));
  struct { bool done = false; char *line = nullptr; } read_state;
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL,
    [] (GObject *source, GAsyncResult *result, gpointer data) {
      auto *s = static_cast<decltype (read_state) *> (data);
      s->line = g_data_input_stream_read_line_finish (G_DATA_INPUT_STREAM (source), result,
                                                      NULL, NULL);
      s->done = true;
    }, &read_state);
  SpinUntil (&read_state.done);
  g_autofree char *line = read_state.line;
  ASSERT_NE (line, nullptr);
  ASSERT_TRUE (g_str_has_prefix (line, "listening on https://127.0.0.1:")) << line;
  guint exe_port = (guint) g_ascii_strtoull (line + strlen ("listening on https://127.0.0.1:"),
                                             NULL, 10);
  g_autofree char *port_text = NULL;
  ASSERT_TRUE (g_file_get_contents (port_file, &port_text, NULL, NULL));
  EXPECT_EQ ((guint) g_ascii_strtoull (port_text, NULL, 10), exe_port);

  Reply reply;
  Get (Url ("harbour.atrium.test", "/RDWeb/Feed/webfeed.aspx", exe_port), &reply);
  EXPECT_EQ (reply.status, 200u);
  EXPECT_TRUE (Contains (reply.body, "Harbour Dental Group"));

  g_subprocess_send_signal (proc, SIGTERM);
  bool waited = false;
  g_subprocess_wait_async (proc, NULL,
    [] (GObject *, GAsyncResult *, gpointer data) { *static_cast<bool *> (data) = true; },
    &waited);
  SpinUntil (&waited);
  EXPECT_TRUE (g_subprocess_get_if_exited (proc));
  EXPECT_EQ (g_subprocess_get_exit_status (proc), 0);
  g_unlink (port_file);
}

TEST (TestBrokerProgram, RejectsBadArguments)
{
  const char *cases[][3] = {
    { "--fault", "explode", NULL },
    { "--listen", "127.0.0.1:99999", NULL },
    { "--auth", "kerberos", NULL },
  };

  for (auto &c : cases)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSubprocess) proc = g_subprocess_new (
        (GSubprocessFlags) (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE),
        &error, ATR_TEST_BROKER_EXE, "--root", "/tmp", "--cert", "x", "--key", "y",
        c[0], c[1], NULL);
      ASSERT_NE (proc, nullptr);
      g_autofree char *err_text = NULL;
      /* Exits at once (usage error), before any network or main loop. */
      ASSERT_TRUE (g_subprocess_communicate_utf8 (proc, NULL, NULL, NULL, &err_text, &error));
      EXPECT_EQ (g_subprocess_get_exit_status (proc), 2) << c[0] << " " << c[1];
      EXPECT_TRUE (Contains (err_text ? err_text : "", c[1])) << err_text;
    }
}

}  /* namespace */
