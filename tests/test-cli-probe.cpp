/* test-cli-probe.cpp — the built `atrium-cli probe` against freerdp-shadow-cli3 under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <json-glib/json-glib.h>

#include <string>
#include <vector>

#include "atr-cli-runner.h"
#include "atr-shadow-fixture.h"
#include "atr-test-hang-server.h"

static AtrShadowDisplay *display;
static std::string atrium_cli;
static char *test_home;

/* `atrium-cli probe ARGS…` with @stdin_text on its stdin */
static void
probe (AtrCliRun &result, std::vector<std::string> args, const char *stdin_text = NULL)
{
  std::vector<std::string> argv = { atrium_cli, "probe" };
  argv.insert (argv.end (), args.begin (), args.end ());
  atr_cli_run (result, argv, stdin_text);
}

static std::string
trust_arg (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                            "trusted-with-intermediate.pem", NULL);
  return std::string ("--trust=") + path;
}

static std::string
resolve_arg (const char *host, guint16 port, const char *addresses = "127.0.0.1")
{
  g_autofree char *s = g_strdup_printf ("--resolve=%s:%u:%s", host, port, addresses);
  return s;
}

class CliProbe : public ::testing::Test
{
protected:
  static void
  SetUpTestSuite ()
  {
    g_autoptr(GError) error = NULL;
    display = new AtrShadowDisplay ();
    ASSERT_TRUE (display->start (&error)) << error->message;
  }

  static void
  TearDownTestSuite ()
  {
    delete display;
    display = NULL;
  }

  void
  start_server (AtrShadowServer &server, const char *cert, bool nla)
  {
    g_autoptr(GError) error = NULL;
    ASSERT_TRUE (server.start (*display, cert, nla, &error)) << error->message;
  }
};

TEST_F (CliProbe, GoodCertificateAndFrames)
{
  AtrShadowServer server;
  start_server (server, "good", false);
  AtrCliRun r;

  probe (r, { "tenant1.atrium.test", resolve_arg ("tenant1.atrium.test", server.port ()),
              trust_arg (), "--frames=1", "--timeout=15", "--json" });
  ASSERT_EQ (r.code, 0) << r.err << r.out;
  ASSERT_NE (r.root (), nullptr) << r.out;
  EXPECT_TRUE (json_object_get_boolean_member (r.root (), "ok"));
  EXPECT_STREQ (r.str (NULL, "host"), "tenant1.atrium.test");
  EXPECT_EQ (json_object_get_int_member (r.root (), "port"), server.port ());
  EXPECT_STREQ (r.str (NULL, "address"), "127.0.0.1");
  EXPECT_STREQ (r.str ("certificate", "verdict"), "trusted");
  EXPECT_STREQ (r.str ("certificate", "reason"), "ok");
  EXPECT_STREQ (r.str ("certificate", "host"), "tenant1.atrium.test");
  ASSERT_NE (r.str ("certificate", "sha256"), nullptr);
  JsonObject *t = json_object_get_object_member (r.root (), "timings_ms");
  ASSERT_NE (t, nullptr);
  for (const char *k : { "tcp", "tls", "auth", "first_frame", "total" })
    {
      ASSERT_TRUE (json_object_has_member (t, k)) << k;
      EXPECT_EQ (json_node_get_value_type (json_object_get_member (t, k)), G_TYPE_INT64) << k;
    }
}

TEST_F (CliProbe, FramesZeroStopsAfterAuthentication)
{
  AtrShadowServer server;
  start_server (server, "good", false);
  AtrCliRun r;

  probe (r, { "localhost:" + std::to_string (server.port ()),
              resolve_arg ("localhost", server.port ()), trust_arg (), "--frames=0" });
  ASSERT_EQ (r.code, 0) << r.err;
  EXPECT_EQ (r.out.rfind ("OK localhost:", 0), 0u) << r.out;
  EXPECT_NE (r.out.find ("certificate: trusted"), std::string::npos) << r.out;
}

struct BadCert
{
  const char *profile;
  const char *reason;
};

class CliProbeBadCert : public CliProbe, public ::testing::WithParamInterface<BadCert>
{
};

TEST_P (CliProbeBadCert, ExitsWithTheTrustCode)
{
  AtrShadowServer server;
  start_server (server, GetParam ().profile, false);
  AtrCliRun r;

  probe (r, { "tenant1.atrium.test", resolve_arg ("tenant1.atrium.test", server.port ()),
              trust_arg (), "--json" });
  EXPECT_EQ (r.code, 4) << r.err;
  ASSERT_NE (r.root (), nullptr) << r.out;
  EXPECT_FALSE (json_object_get_boolean_member (r.root (), "ok"));
  EXPECT_STREQ (r.str ("certificate", "verdict"), "rejected");
  EXPECT_STREQ (r.str ("certificate", "reason"), GetParam ().reason);
  EXPECT_NE (r.err.find (GetParam ().reason), std::string::npos) << r.err;
  EXPECT_NE (r.err.find ("tenant1.atrium.test"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P (Matrix, CliProbeBadCert, ::testing::Values (
  BadCert { "expired", "expired" },
  BadCert { "wronghost", "host-mismatch" },
  BadCert { "selfsigned", "self-signed" },
  BadCert { "unknownca", "incomplete-chain" },   /* the shadow server sends the leaf alone */
  BadCert { "rsa1024", "weak-key" }),
  [] (const ::testing::TestParamInfo<BadCert> &info) { return std::string (info.param.profile); });

TEST_F (CliProbe, ResolveChecksTheNameNotTheAddress)
{
  AtrShadowServer server;
  start_server (server, "good", false);
  AtrCliRun r;

  /* 127.0.0.1 is in the certificate; tenant1.other.test is not */
  probe (r, { "tenant1.other.test", resolve_arg ("tenant1.other.test", server.port ()),
              trust_arg (), "--json" });
  EXPECT_EQ (r.code, 4) << r.err;
  EXPECT_STREQ (r.str ("certificate", "reason"), "host-mismatch");
  EXPECT_STREQ (r.str ("certificate", "host"), "tenant1.other.test");
}

TEST_F (CliProbe, Nla)
{
  AtrShadowServer server;
  start_server (server, "good", true);
  std::string target = "localhost:" + std::to_string (server.port ());
  std::string resolve = resolve_arg ("localhost", server.port ());

  {
    AtrCliRun r;
    probe (r, { target, resolve, trust_arg (), "--user=tester", "--password-stdin",
                "--frames=0", "--json" }, "secret\n");
    EXPECT_EQ (r.code, 0) << r.err;
    EXPECT_EQ (r.out.find ("secret"), std::string::npos);
  }
  {
    AtrCliRun r;
    probe (r, { target, resolve, trust_arg (), "--user=tester", "--password-stdin", "--json" },
           "not-the-password\n");
    EXPECT_EQ (r.code, 5) << r.err;
    EXPECT_EQ (r.out.find ("not-the-password"), std::string::npos);
    EXPECT_EQ (r.err.find ("not-the-password"), std::string::npos);
  }
  {
    AtrCliRun r;   /* --frames 0 is connect-only in the engine: still refused */
    probe (r, { target, resolve, trust_arg (), "--user=tester", "--password-stdin",
                "--frames=0", "--json" }, "not-the-password\n");
    EXPECT_EQ (r.code, 5) << r.err;
    ASSERT_NE (r.root (), nullptr) << r.out;
    EXPECT_FALSE (json_object_get_boolean_member (r.root (), "ok"));
    EXPECT_STREQ (r.str ("certificate", "verdict"), "trusted");
  }
  {
    AtrCliRun r;   /* no credentials at all */
    probe (r, { target, resolve, trust_arg () });
    EXPECT_EQ (r.code, 5) << r.err;
  }
}

TEST_F (CliProbe, FailsOverToTheNextAddress)
{
  AtrShadowServer server;
  start_server (server, "good", false);
  AtrCliRun r;

  /* 127.0.0.2 is loopback too, but nothing listens there */
  probe (r, { "tenant1.atrium.test",
              resolve_arg ("tenant1.atrium.test", server.port (), "127.0.0.2,127.0.0.1"),
              trust_arg (), "--frames=0", "--json" });
  ASSERT_EQ (r.code, 0) << r.err;
  EXPECT_STREQ (r.str (NULL, "address"), "127.0.0.1");
}

/* GLib answers "localhost" itself (::1, then 127.0.0.1) without asking the installed
 * resolver: an override for localhost must win all the same. Here it names only 127.0.0.2,
 * where nothing listens, so the probe fails there instead of reaching the server on
 * 127.0.0.1. */
TEST_F (CliProbe, ResolveOverridesLocalhostToo)
{
  AtrShadowServer server;
  start_server (server, "good", false);
  AtrCliRun r;

  probe (r, { "localhost:" + std::to_string (server.port ()),
              resolve_arg ("localhost", server.port (), "127.0.0.2"), trust_arg (),
              "--frames=0" });
  EXPECT_NE (r.code, 0) << r.out;
  EXPECT_NE (r.err.find ("127.0.0.2"), std::string::npos) << r.err;
}

TEST_F (CliProbe, NetworkAndUsageErrors)
{
  guint16 dead = atr_shadow_free_port ();
  {
    AtrCliRun r;
    probe (r, { "tenant1.atrium.test", resolve_arg ("tenant1.atrium.test", dead), trust_arg (),
                "--json" });
    EXPECT_EQ (r.code, 3) << r.err;
    EXPECT_NE (r.err.find ("tenant1.atrium.test"), std::string::npos) << r.err;
    EXPECT_EQ (r.str (NULL, "certificate"), nullptr);
  }
  {
    AtrCliRun r;
    probe (r, {});
    EXPECT_EQ (r.code, 2);
  }
  {
    AtrCliRun r;
    probe (r, { "localhost", "--password-stdin" });
    EXPECT_EQ (r.code, 2);
  }
  {
    AtrCliRun r;
    probe (r, { "bad host name" });
    EXPECT_EQ (r.code, 2);
    EXPECT_NE (r.err.find ("bad host name"), std::string::npos) << r.err;
  }
  {
    AtrCliRun r;
    probe (r, { "localhost", "--resolve=nonsense" });
    EXPECT_EQ (r.code, 2);
  }
  {
    AtrCliRun r;
    probe (r, { "localhost", "--trust=/nonexistent/trust.pem" });
    EXPECT_EQ (r.code, 2);
    EXPECT_NE (r.err.find ("/nonexistent/trust.pem"), std::string::npos) << r.err;
  }
}

/* Finding 8a: a server that accepts TCP and never answers. FreeRDP 2.11's blocking read
 * ignored the abort, so the probe ran far past its deadline. It must now end with the
 * network exit code soon after --timeout (generous bound: never a tight timing). */
TEST_F (CliProbe, DeadlineEndsAConnectTheServerNeverAnswers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTestHangServer) hang = atr_test_hang_server_new ("127.0.0.1", 0, &error);
  ASSERT_NE (hang, nullptr) << error->message;
  g_autofree char *address = g_strdup_printf ("127.0.0.1:%u",
                                              atr_test_hang_server_get_port (hang));
  AtrCliRun r;

  gint64 start = g_get_monotonic_time ();
  probe (r, { address, "--timeout=3", "--json" });
  double elapsed_s = (g_get_monotonic_time () - start) / 1e6;

  EXPECT_EQ (r.code, 3) << r.err;
  EXPECT_LT (elapsed_s, 3 + 5.0) << r.err;
  EXPECT_NE (r.err.find ("did not connect within 3 s"), std::string::npos) << r.err;
  EXPECT_GE (atr_test_hang_server_get_connection_count (hang), 1u);
  atr_test_hang_server_stop (hang);
}

int
main (int argc, char **argv)
{
  ::testing::InitGoogleTest (&argc, argv);
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--atrium-cli="))
      atrium_cli = argv[i] + strlen ("--atrium-cli=");
  if (atrium_cli.empty ())
    {
      fprintf (stderr, "usage: %s --atrium-cli=PATH\n", argv[0]);
      return 2;
    }

  /* the probe's FreeRDP cache and GLib files go to a throwaway home */
  test_home = g_dir_make_tmp ("atr-probe-home-XXXXXX", NULL);
  g_autofree char *cache = g_build_filename (test_home, ".cache", NULL);
  g_setenv ("HOME", test_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", cache, TRUE);

  int rc = RUN_ALL_TESTS ();
  g_autofree char *config = g_build_filename (test_home, ".config", "freerdp", NULL);
  if (g_file_test (config, G_FILE_TEST_EXISTS))
    {
      fprintf (stderr, "atrium-cli wrote %s\n", config);
      rc = 1;
    }
  atr_shadow_rm_rf (test_home);
  g_free (test_home);
  return rc;
}
