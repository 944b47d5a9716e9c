/* test-rdp-gateway.cpp — the routing gateway: X.224 parse/rewrite on crafted and hostile
 * bytes, then end to end: engine and `atrium-cli probe --rdp` → gateway → the tenant's
 * freerdp-shadow-cli3, told apart by screen colour
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include <string>
#include <vector>

#include "atr-shadow-fixture.h"
#include "atr-rdp-gateway-fixture.h"

extern "C" {
#include "atr-rdp-file.h"
#include "atr-rdp-policy.h"
#include "atr-rdp-session.h"
#include "atr-test-x224.h"
#include "atr-trust-store.h"
}

static const char *kClinic = "tsv://MS Terminal Services Plugin.1.Clinic";
static const char *kDental = "tsv://MS Terminal Services Plugin.1.Dental";
static constexpr guint32 kDentalColour = 0x996633;
static const std::string kNegReq ("\x01\x00\x08\x00\x03\x00\x00\x00", 8);

/* A Connection Request with @variable after the fixed header; @li_delta lies in the LI. */
static std::string
connection_request (const std::string &variable, int li_delta = 0)
{
  gsize total = 11 + variable.size ();
  std::string pdu;

  pdu += '\x03';
  pdu += '\x00';
  pdu += (char) (total >> 8);
  pdu += (char) (total & 0xFF);
  pdu += (char) ((total - 5 + li_delta) & 0xFF);
  pdu += '\xE0';
  pdu += std::string (5, '\0');
  return pdu + variable;
}

struct Taken
{
  bool ok = false;
  char *token = NULL;
  GBytes *rewritten = NULL;
  GError *error = NULL;

  explicit Taken (const std::string &pdu)
  {
    ok = atr_test_x224_take_token ((const guint8 *) pdu.data (), pdu.size (), &token,
                                   &rewritten, &error);
  }
  ~Taken ()
  {
    g_free (token);
    g_clear_pointer (&rewritten, g_bytes_unref);
    g_clear_error (&error);
  }
  std::string
  out () const
  {
    gsize size = 0;
    const char *data = rewritten ? (const char *) g_bytes_get_data (rewritten, &size) : "";
    return std::string (data, size);
  }
  bool
  failed (AtrTestX224Error code, const char *words) const
  {
    return !ok && g_error_matches (error, ATR_TEST_X224_ERROR, code) &&
           strstr (error->message, words) != NULL && rewritten == NULL && token == NULL;
  }
};

TEST (X224, TokenIsTakenAndLengthsFixed)
{
  std::string in = connection_request (std::string (kClinic) + "\r\n" + kNegReq);
  Taken t (in);

  ASSERT_TRUE (t.ok) << t.error->message;
  EXPECT_STREQ (t.token, kClinic);
  EXPECT_EQ (t.out (), connection_request (kNegReq));
  std::string out = t.out ();
  EXPECT_EQ ((gsize) (((guint8) out[2] << 8) | (guint8) out[3]), out.size ());
  EXPECT_EQ ((guint8) out[4], out.size () - 5);
  EXPECT_EQ (out.size (), 11 + 8u);
}

TEST (X224, TokenWithoutNegotiationRequest)
{
  Taken t (connection_request (std::string (kDental) + "\r\n"));

  ASSERT_TRUE (t.ok) << t.error->message;
  EXPECT_STREQ (t.token, kDental);
  EXPECT_EQ (t.out (), connection_request (""));
}

TEST (X224, CookieAndNoVariablePartHaveNoToken)
{
  for (const std::string &variable : { std::string ("Cookie: mstshash=tester\r\n") + kNegReq,
                                       kNegReq, std::string () })
    {
      std::string in = connection_request (variable);
      Taken t (in);
      ASSERT_TRUE (t.ok) << t.error->message;
      EXPECT_EQ (t.token, nullptr);
      EXPECT_EQ (t.out (), in);
    }
}

TEST (X224, HostileHeadersAreRefused)
{
  std::string good = connection_request (std::string (kClinic) + "\r\n" + kNegReq);
  std::string v2 = good, tiny = good, huge = good, cc = good;

  v2[0] = '\x02';
  tiny[2] = 0; tiny[3] = 5;
  huge[2] = '\x08'; huge[3] = 0;
  cc[5] = '\xD0';

  EXPECT_TRUE (Taken ("").failed (ATR_TEST_X224_ERROR_SHORT, "0 of 4"));
  EXPECT_TRUE (Taken (good.substr (0, 3)).failed (ATR_TEST_X224_ERROR_SHORT, "3 of 4"));
  EXPECT_TRUE (Taken (v2).failed (ATR_TEST_X224_ERROR_TPKT, "version 2"));
  EXPECT_TRUE (Taken (tiny).failed (ATR_TEST_X224_ERROR_TPKT, "TPKT length 5"));
  EXPECT_TRUE (Taken (huge).failed (ATR_TEST_X224_ERROR_TPKT, "TPKT length 2048"));
  EXPECT_TRUE (Taken (cc).failed (ATR_TEST_X224_ERROR_TPDU, "0xd0"));
  /* lying lengths: TPKT longer than what came, shorter than what came, LI off by one */
  EXPECT_TRUE (Taken (good.substr (0, good.size () - 1)).failed (ATR_TEST_X224_ERROR_SHORT,
                                                                 "only"));
  EXPECT_TRUE (Taken (good + "x").failed (ATR_TEST_X224_ERROR_TPKT, "were sent"));
  EXPECT_TRUE (Taken (connection_request (std::string (kClinic) + "\r\n", 1))
                 .failed (ATR_TEST_X224_ERROR_TPDU, "length indicator"));
  EXPECT_TRUE (Taken (connection_request (std::string (kClinic) + "\r\n", -1))
                 .failed (ATR_TEST_X224_ERROR_TPDU, "length indicator"));
}

TEST (X224, HostileTokensAreRefused)
{
  EXPECT_TRUE (Taken (connection_request (kClinic)).failed (ATR_TEST_X224_ERROR_TOKEN,
                                                            "not ended by CRLF"));
  EXPECT_TRUE (Taken (connection_request (std::string (kClinic) + "\n" + kNegReq))
                 .failed (ATR_TEST_X224_ERROR_TOKEN, "0x0a"));
  EXPECT_TRUE (Taken (connection_request (std::string (200, 'A') + "\r\n"))
                 .failed (ATR_TEST_X224_ERROR_TOKEN, "no CRLF within 128"));
  EXPECT_TRUE (Taken (connection_request (std::string ("tsv://a\0b\r\n", 11)))
                 .failed (ATR_TEST_X224_ERROR_TOKEN, "0x00 at offset 7"));
  EXPECT_TRUE (Taken (connection_request ("\r\n" + kNegReq)).failed (ATR_TEST_X224_ERROR_TOKEN,
                                                                     "empty"));
  /* the longest token accepted */
  Taken longest (connection_request (std::string (128, 'A') + "\r\n"));
  ASSERT_TRUE (longest.ok) << longest.error->message;
  EXPECT_EQ (strlen (longest.token), 128u);
}

TEST (X224, EveryPrefixAndRandomBytesFailCleanly)
{
  std::string good = connection_request (std::string (kClinic) + "\r\n" + kNegReq);
  GRand *rand = g_rand_new_with_seed (5);

  for (gsize n = 0; n < good.size (); n++)
    EXPECT_FALSE (Taken (good.substr (0, n)).ok) << n;

  for (int round = 0; round < 5000; round++)
    {
      std::string in = good;
      int flips = g_rand_int_range (rand, 1, 6);
      for (int f = 0; f < flips; f++)
        in[g_rand_int_range (rand, 0, (gint32) in.size ())] = (char) g_rand_int_range (rand, 0, 256);
      Taken t (in);
      if (t.ok)
        {
          /* whatever passes is a consistent request */
          std::string out = t.out ();
          ASSERT_GE (out.size (), 11u);
          EXPECT_EQ ((gsize) (((guint8) out[2] << 8) | (guint8) out[3]), out.size ());
          EXPECT_EQ ((guint8) out[4], out.size () - 5);
          EXPECT_LE (out.size (), in.size ());
        }
      else
        EXPECT_NE (t.error, nullptr);
    }
  g_rand_free (rand);
}

/* --- end to end ------------------------------------------------------------------------ */

static AtrShadowDisplay *clinic_display;
static AtrShadowDisplay *dental_display;
static AtrShadowServer *clinic;
static AtrShadowServer *dental;
static AtrGatewayThread *gateway;
static std::string atrium_cli;
static AtrShadowHome *test_home;

/* The codec may round a channel by a step or two: close enough tells the tenants apart. */
static bool
colour_near (guint32 a, guint32 b)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xFF) - (int) ((b >> shift) & 0xFF)) > 8)
      return false;
  return true;
}

static std::string
rdp_text (const char *token)
{
  g_autofree char *text = g_strdup_printf ("full address:s:localhost:%u\r\n"
                                           "loadbalanceinfo:s:%s\r\n"
                                           "authentication level:i:0\r\n",
                                           gateway->port (), token);
  return text;
}

static std::string
trust_path (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                            "trusted-with-intermediate.pem", NULL);
  return path;
}

class RdpGateway : public ::testing::Test
{
protected:
  static void
  SetUpTestSuite ()
  {
    g_autoptr(GError) error = NULL;

    clinic_display = new AtrShadowDisplay ();
    dental_display = new AtrShadowDisplay ();
    ASSERT_TRUE (clinic_display->start (&error)) << error->message;
    ASSERT_TRUE (dental_display->start (&error, kDentalColour)) << error->message;
    clinic = new AtrShadowServer ();
    dental = new AtrShadowServer ();
    ASSERT_TRUE (clinic->start (*clinic_display, "good", false, &error)) << error->message;
    ASSERT_TRUE (dental->start (*dental_display, "good", false, &error)) << error->message;

    gateway = new AtrGatewayThread ();
    gateway->route (kClinic, clinic->port ());
    gateway->route (kDental, dental->port ());
    ASSERT_TRUE (gateway->start (&error)) << error->message;
  }

  static void
  TearDownTestSuite ()
  {
    delete gateway;
    delete clinic;
    delete dental;
    delete clinic_display;
    delete dental_display;
  }
};

struct SessionRun
{
  AtrRdpSession *session = NULL;
  bool finished = false;
  bool ok = false;
  GError *error = NULL;
  guint32 colour = 0;

  ~SessionRun ()
  {
    if (session != NULL)
      {
        atr_rdp_session_disconnect (session);
        atr_shadow_spin_until ([this] { return atr_rdp_session_get_state (session) ==
                                    ATR_RDP_STATE_DISCONNECTED; });
        g_object_unref (session);
      }
    g_clear_error (&error);
  }

  static void
  frame_cb (AtrRdpSession *s, const AtrRdpRect *, guint, SessionRun *run)
  {
    const guint8 *data;
    gsize stride;

    if (atr_rdp_session_lock_framebuffer (s, &data, NULL, NULL, &stride))
      {
        const guint8 *px = data + 10 * stride + 10 * 4;   /* B, G, R, A */
        guint32 rgb = ((guint32) px[2] << 16) | ((guint32) px[1] << 8) | px[0];
        if (rgb != 0)
          run->colour = rgb;
      }
    atr_rdp_session_unlock_framebuffer (s);
  }

  static void
  connected_cb (GObject *source, GAsyncResult *result, gpointer data)
  {
    SessionRun *run = (SessionRun *) data;
    run->ok = atr_rdp_session_connect_finish (ATR_RDP_SESSION (source), result, &run->error);
    run->finished = true;
  }

  void
  start (const std::string &text)
  {
    g_autoptr(GBytes) bytes = g_bytes_new (text.data (), text.size ());
    g_autoptr(GError) local_error = NULL;
    g_autoptr(AtrRdpFile) file = atr_rdp_file_new_from_bytes (bytes, "gateway.rdp", &local_error);
    ASSERT_NE (file, nullptr) << local_error->message;
    AtrRdpPolicy policy;
    atr_rdp_policy_init_default (&policy);
    g_autoptr(GPtrArray) dropped = NULL;
    g_autoptr(AtrRdpFile) filtered = atr_rdp_file_filter (file, &policy, &dropped);
    session = atr_rdp_session_new_from_file (filtered, &policy, &local_error);
    ASSERT_NE (session, nullptr) << local_error->message;
    g_autoptr(AtrTrustStore) trust = atr_trust_store_new_from_file (trust_path ().c_str (),
                                                                     &local_error);
    ASSERT_NE (trust, nullptr) << local_error->message;
    atr_rdp_session_set_trust_store (session, trust);
    g_signal_connect (session, "frame-updated", G_CALLBACK (frame_cb), this);
    atr_rdp_session_connect_async (session, NULL, connected_cb, this);
  }
};

TEST_F (RdpGateway, TheTokenPicksTheTenantHost)
{
  struct { const char *token; guint32 colour; } cases[] = {
    { kClinic, kShadowColour },
    { kDental, kDentalColour },
  };

  for (auto &c : cases)
    {
      guint routed = gateway->routed ();
      SessionRun run;

      run.start (rdp_text (c.token));
      ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.finished; }));
      ASSERT_TRUE (run.ok) << run.error->message;
      EXPECT_GT (gateway->routed (), routed);
      /* the certificate is checked against the name in the file, through the gateway */
      AtrRdpCertificate *certificate = atr_rdp_session_get_certificate (run.session);
      ASSERT_NE (certificate, nullptr);
      EXPECT_STREQ (atr_rdp_certificate_get_host (certificate), "localhost");
      EXPECT_EQ (atr_rdp_certificate_get_reason (certificate), ATR_TRUST_OK);
      EXPECT_EQ (atr_rdp_session_get_endpoint (run.session)->port, gateway->port ());
      ASSERT_TRUE (atr_shadow_spin_until ([&run, &c] { return colour_near (run.colour, c.colour); }))
        << c.token << ": saw colour " << std::hex << run.colour;
    }
}

TEST_F (RdpGateway, UnknownTokenIsAConnectFailure)
{
  guint refused = gateway->refused ();
  guint routed = gateway->routed ();
  SessionRun run;

  run.start (rdp_text ("tsv://MS Terminal Services Plugin.1.Nowhere"));
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.finished; }));
  ASSERT_FALSE (run.ok);
  EXPECT_TRUE (g_error_matches (run.error, ATR_RDP_ERROR, ATR_RDP_ERROR_CONNECT))
    << run.error->message;
  EXPECT_NE (strstr (run.error->message, "localhost"), nullptr) << run.error->message;
  EXPECT_GT (gateway->refused (), refused);
  EXPECT_EQ (gateway->routed (), routed);
  EXPECT_NE (gateway->last_refusal ().find ("unknown routing token"), std::string::npos)
    << gateway->last_refusal ();
  EXPECT_EQ (atr_rdp_session_get_certificate (run.session), nullptr);
}

TEST_F (RdpGateway, NoTokenIsRefused)
{
  guint refused = gateway->refused ();
  g_autofree char *text = g_strdup_printf ("full address:s:localhost:%u\r\n", gateway->port ());
  SessionRun run;

  run.start (text);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.finished; }));
  EXPECT_TRUE (g_error_matches (run.error, ATR_RDP_ERROR, ATR_RDP_ERROR_CONNECT));
  EXPECT_GT (gateway->refused (), refused);
}

/* `atrium-cli probe --rdp FILE`: exit code and JSON */
static int
probe_file (const std::string &text, JsonNode **json, std::string *err)
{
  g_autofree char *path = g_build_filename (test_home->path (), "probe.rdp", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *errout = NULL;
  std::string trust = "--trust=" + trust_path ();

  if (!g_file_set_contents (path, text.c_str (), -1, &error))
    return -1;
  g_autoptr(GSubprocess) process = g_subprocess_new (
    (GSubprocessFlags) (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE), &error,
    atrium_cli.c_str (), "probe", "--rdp", path, trust.c_str (), "--frames=1", "--timeout=20",
    "--json", NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &errout,
                                                         &error))
    return -1;
  *json = json_from_string (out ? out : "", NULL);
  *err = errout ? errout : "";
  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

TEST_F (RdpGateway, CliProbeRdpFile)
{
  {
    JsonNode *json = NULL;
    std::string err;
    guint routed = gateway->routed ();
    int code = probe_file (rdp_text (kDental), &json, &err);

    EXPECT_EQ (code, 0) << err;
    ASSERT_NE (json, nullptr) << err;
    JsonObject *root = json_node_get_object (json);
    EXPECT_TRUE (json_object_get_boolean_member (root, "ok"));
    EXPECT_STREQ (json_object_get_string_member (root, "host"), "localhost");
    EXPECT_EQ (json_object_get_int_member (root, "port"), gateway->port ());
    EXPECT_STREQ (json_object_get_string_member (
                    json_object_get_object_member (root, "certificate"), "verdict"), "trusted");
    EXPECT_GT (gateway->routed (), routed);
    json_node_unref (json);
  }
  {
    JsonNode *json = NULL;
    std::string err;
    int code = probe_file (rdp_text ("tsv://MS Terminal Services Plugin.1.Nowhere"), &json,
                           &err);

    EXPECT_EQ (code, 3) << err;   /* network */
    EXPECT_NE (err.find ("localhost"), std::string::npos) << err;
    if (json != NULL)
      json_node_unref (json);
  }
  {
    JsonNode *json = NULL;
    std::string err;
    int code = probe_file ("username:s:nobody\r\n", &json, &err);   /* no host */

    EXPECT_EQ (code, 6) << err;
    EXPECT_NE (err.find ("probe.rdp"), std::string::npos) << err;
    if (json != NULL)
      json_node_unref (json);
  }
}

/* --- .rdp files from an https:// URL ---------------------------------------------------- */

static void
serve_cb (SoupServer *server, SoupServerMessage *msg, const char *path, GHashTable *query,
          gpointer data)
{
  if (g_strcmp0 (path, "/clinic.rdp") == 0)
    {
      std::string text = rdp_text (kClinic);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/x-rdp", SOUP_MEMORY_COPY,
                                        text.c_str (), text.size ());
    }
  else if (g_strcmp0 (path, "/moved.rdp") == 0)
    {
      soup_server_message_set_status (msg, 302, NULL);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                    "/clinic.rdp");
    }
  else
    soup_server_message_set_status (msg, 404, NULL);
}

struct CliRun
{
  bool done = false;
  int code = -1;
  std::string out;
  std::string err;
};

static void
communicated_cb (GObject *source, GAsyncResult *result, gpointer data)
{
  CliRun *run = (CliRun *) data;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &out, &err, NULL) &&
      g_subprocess_get_if_exited (G_SUBPROCESS (source)))
    run->code = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->out = out ? out : "";
  run->err = err ? err : "";
  run->done = true;
}

/* atrium-cli while this thread keeps serving HTTPS (its main context is spun meanwhile) */
static void
run_cli (CliRun &run, std::vector<std::string> args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) atrium_cli.c_str ());
  for (auto &a : args)
    g_ptr_array_add (argv, (gpointer) a.c_str ());
  g_ptr_array_add (argv, NULL);
  g_autoptr(GSubprocess) process = g_subprocess_newv (
    (const char * const *) argv->pdata,
    (GSubprocessFlags) (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE), &error);
  ASSERT_NE (process, nullptr) << error->message;
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, &run);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.done; }, 40000));
}

TEST_F (RdpGateway, RdpFileFromAnHttpsUrl)
{
  g_autofree char *crt = g_build_filename (g_getenv ("ATR_TEST_CERTS"), "good.crt", NULL);
  g_autofree char *key = g_build_filename (g_getenv ("ATR_TEST_CERTS"), "good.key", NULL);
  g_autofree char *evil = g_build_filename (g_getenv ("ATR_TEST_CERTS"), "evil-ca.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_files (crt, key, &error);
  ASSERT_NE (cert, nullptr) << error->message;
  g_autoptr(SoupServer) server = soup_server_new ("tls-certificate", cert, NULL);
  soup_server_add_handler (server, NULL, serve_cb, NULL, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  ASSERT_TRUE (soup_server_listen (server, address, SOUP_SERVER_LISTEN_HTTPS, &error))
    << error->message;
  GSList *uris = soup_server_get_uris (server);
  ASSERT_NE (uris, nullptr);
  int port = g_uri_get_port ((GUri *) uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_autofree char *url = g_strdup_printf ("https://localhost:%d/clinic.rdp", port);
  g_autofree char *moved = g_strdup_printf ("https://localhost:%d/moved.rdp", port);
  std::string trust = "--trust=" + trust_path ();

  {
    CliRun run;   /* the effective settings of the fetched file */
    run_cli (run, { "rdp-settings", url, trust, "--json" });
    EXPECT_EQ (run.code, 0) << run.err;
    g_autoptr(JsonNode) json = json_from_string (run.out.c_str (), NULL);
    ASSERT_NE (json, nullptr) << run.out;
    EXPECT_STREQ (json_object_get_string_member (json_node_get_object (json),
                                                 "load_balance_info"), kClinic);
  }
  {
    CliRun run;   /* URL → .rdp → gateway → the Clinic host */
    guint routed = gateway->routed ();
    run_cli (run, { "probe", "--rdp", url, trust, "--frames=1", "--timeout=20", "--json" });
    EXPECT_EQ (run.code, 0) << run.err;
    EXPECT_GT (gateway->routed (), routed);
  }
  {
    CliRun run;   /* redirects are not followed */
    run_cli (run, { "probe", "--rdp", moved, trust });
    EXPECT_EQ (run.code, 3) << run.err;
    EXPECT_NE (run.err.find ("redirects are not followed"), std::string::npos) << run.err;
  }
  {
    CliRun run;   /* the web server's certificate goes through the trust store too */
    run_cli (run, { "rdp-settings", url, std::string ("--trust=") + evil });
    EXPECT_EQ (run.code, 4) << run.err;
    EXPECT_NE (run.err.find ("localhost"), std::string::npos) << run.err;
  }
}

int
main (int argc, char **argv)
{
  AtrShadowHome home ("atr-rdp-gateway-XXXXXX");
  test_home = &home;

  ::testing::InitGoogleTest (&argc, argv);
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--atrium-cli="))
      atrium_cli = argv[i] + strlen ("--atrium-cli=");
  return RUN_ALL_TESTS ();
}
