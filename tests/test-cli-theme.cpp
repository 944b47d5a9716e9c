/* test-cli-theme.cpp — the built `atrium-cli theme` (and `list` through a manifest's gateways)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * atrium-cli runs as a real subprocess (GSubprocess, asynchronous) while the test broker
 * serves a private copy of the tenant fixtures in-process on this test's main context, which
 * keeps iterating until the CLI exits. Every run gets --no-dns and the test's own
 * XDG_CACHE_HOME.
 */
#include <gtest/gtest.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include <set>
#include <string>
#include <vector>

#include "atr-cli-runner.h"
#include "atr-test-broker.h"

namespace {

std::string
certs (const char *name)
{
  return atr_test_env ("ATR_TEST_CERTS") + "/" + name;
}

void
run_shell (const std::string &cmd)
{
  ASSERT_EQ (system (cmd.c_str ()), 0) << cmd;
}

std::string
read_file (const std::string &path)
{
  g_autofree char *data = NULL;
  if (!g_file_get_contents (path.c_str (), &data, NULL, NULL))
    return "";
  return data;
}

class CliTheme : public ::testing::Test
{
protected:
  void SetUp () override
  {
    g_autoptr(GError) error = NULL;
    cache = g_dir_make_tmp ("atr-cli-theme-cache-XXXXXX", &error);
    ASSERT_NE (cache, nullptr) << error->message;
    root = g_dir_make_tmp ("atr-cli-theme-root-XXXXXX", &error);
    ASSERT_NE (root, nullptr) << error->message;
    for (const char *t : { "harbour.atrium.test", "tenant1.atrium.test" })
      run_shell ("cp -r '" + atr_test_env ("ATR_TEST_DATA") + "/tenants/" + t + "' '" + root +
                 "/'");
    port = atr_test_pick_shared_port (&error);
    ASSERT_NE (port, 0u) << error->message;
  }

  void TearDown () override
  {
    for (AtrTestBroker *b : brokers)
      {
        atr_test_broker_stop (b);
        g_object_unref (b);
      }
    run_shell (std::string ("rm -rf '") + cache + "' '" + root + "'");
    g_free (cache);
    g_free (root);
  }

  AtrTestBroker *start (const char *address = "127.0.0.1")
  {
    g_autoptr(GError) error = NULL;
    AtrTestBroker *b = atr_test_broker_new (root, certs ("good.crt").c_str (),
                                            certs ("good.key").c_str (), &error);
    EXPECT_NE (b, nullptr) << (error ? error->message : "");
    if (b == nullptr)
      return nullptr;
    EXPECT_TRUE (atr_test_broker_listen (b, address, port, &error))
      << (error ? error->message : "");
    brokers.push_back (b);
    return b;
  }

  std::string hp (const char *host) const
  {
    g_autofree char *s = g_strdup_printf ("%s:%u", host, port);
    return s;
  }

  std::string resolve (const char *host, const char *addresses = "127.0.0.1") const
  {
    return "--resolve=" + hp (host) + ":" + addresses;
  }

  void write (const std::string &rel, const std::string &text)
  {
    std::string file = std::string (root) + "/" + rel;
    g_autofree char *dir = g_path_get_dirname (file.c_str ());
    ASSERT_EQ (g_mkdir_with_parents (dir, 0700), 0);
    ASSERT_TRUE (g_file_set_contents (file.c_str (), text.data (), (gssize) text.size (), NULL));
  }

  void cli (AtrCliRun &run, std::vector<std::string> args)
  {
    std::vector<std::string> argv = { atr_test_env ("ATR_CLI") };
    argv.insert (argv.end (), args.begin (), args.end ());
    argv.push_back ("--no-dns");
    argv.push_back ("--trust=" + certs ("ca.pem"));
    atr_cli_run (run, argv, nullptr, { { "XDG_CACHE_HOME", cache }, { "LC_ALL", "C.UTF-8" } });
  }

  char *cache = nullptr;
  char *root = nullptr;
  guint port = 0;
  std::vector<AtrTestBroker *> brokers;
};

TEST_F (CliTheme, JsonHasTheIssuesShapeAndTheFixturesValues)
{
  start ();
  AtrCliRun r;
  cli (r, { "theme", hp ("harbour.atrium.test"), "--json", "--locale=de_DE.UTF-8",
            resolve ("harbour.atrium.test") });
  ASSERT_EQ (r.code, 0) << r.err;
  JsonObject *o = r.root ();
  ASSERT_NE (o, nullptr) << r.out;
  EXPECT_EQ (atr_json_members (o), (std::set<std::string> { "id", "display_name", "feed_url", "gateways",
                                                   "policy", "theme", "warnings" }));
  EXPECT_STREQ (json_object_get_string_member (o, "id"), "harbour");
  EXPECT_STREQ (json_object_get_string_member (o, "display_name"), "Harbour Dental Group");
  std::string origin = "https://" + hp ("harbour.atrium.test");
  EXPECT_EQ (json_object_get_string_member (o, "feed_url"),
             origin + "/RDWeb/Feed/webfeed.aspx");
  EXPECT_EQ (atr_json_strings (json_object_get_array_member (o, "gateways")),
             (std::vector<std::string> { "127.0.0.2:443", "127.0.0.3:443" }));
  JsonObject *policy = json_object_get_object_member (o, "policy");
  EXPECT_EQ (atr_json_members (policy), (std::set<std::string> { "redirections",
                                                        "allow_certificate_override",
                                                        "reconnect", "idle_logoff_minutes" }));
  EXPECT_EQ (json_object_get_int_member (policy, "idle_logoff_minutes"), 30);
  EXPECT_EQ (atr_json_strings (json_object_get_array_member (o, "warnings")),
             std::vector<std::string> {});

  JsonObject *theme = json_object_get_object_member (o, "theme");
  EXPECT_EQ (atr_json_members (theme), (std::set<std::string> { "name", "colors", "logo", "strings",
                                                       "links" }));
  EXPECT_STREQ (json_object_get_string_member (theme, "name"), "Harbour");
  JsonObject *colors = json_object_get_object_member (theme, "colors");
  EXPECT_STREQ (json_object_get_string_member (json_object_get_object_member (colors, "light"),
                                               "accent"), "#0f766e");
  EXPECT_STREQ (json_object_get_string_member (json_object_get_object_member (colors, "dark"),
                                               "header_bg"), "#12302d");
  JsonObject *logo = json_object_get_object_member (theme, "logo");
  EXPECT_EQ (json_object_get_string_member (logo, "light"),
             origin + "/.well-known/atrium/theme/logo.svg");
  JsonObject *texts = json_object_get_object_member (theme, "strings");
  EXPECT_STREQ (json_object_get_string_member (texts, "welcome"),
                "Willkommen im Arbeitsbereich der Harbour Dental Group.");
  /* "support" has no German text: English */
  EXPECT_STREQ (json_object_get_string_member (texts, "support"),
                "Practice IT desk: +44 20 7946 0000");
  EXPECT_STREQ (json_object_get_string_member (json_object_get_object_member (theme, "links"),
                                               "privacy"),
                "https://harbour.atrium.test/privacy");
}

TEST_F (CliTheme, CssIsTheGoldenCssLightThenDark)
{
  start ();
  std::string golden = atr_test_env ("ATR_TEST_DATA") + "/themes/";
  AtrCliRun both;
  cli (both, { "theme", hp ("harbour.atrium.test"), "--css", resolve ("harbour.atrium.test") });
  ASSERT_EQ (both.code, 0) << both.err;
  EXPECT_EQ (both.out, read_file (golden + "harbour-light.css") +
                         read_file (golden + "harbour-dark.css"));
  AtrCliRun dark;
  cli (dark, { "theme", hp ("harbour.atrium.test"), "--css", "--variant=dark",
               resolve ("harbour.atrium.test") });
  ASSERT_EQ (dark.code, 0) << dark.err;
  EXPECT_EQ (dark.out, read_file (golden + "harbour-dark.css"));
  AtrCliRun bad;
  cli (bad, { "theme", hp ("harbour.atrium.test"), "--css", "--variant=sepia",
              resolve ("harbour.atrium.test") });
  EXPECT_EQ (bad.code, 2) << bad.err;
}

TEST_F (CliTheme, NoManifestGivesTheDefaultThemeAndTheDiscoveredFeed)
{
  start ();
  AtrCliRun r;
  cli (r, { "theme", hp ("tenant1.atrium.test"), "--json", resolve ("tenant1.atrium.test") });
  ASSERT_EQ (r.code, 0) << r.err;
  JsonObject *o = r.root ();
  ASSERT_NE (o, nullptr) << r.out;
  EXPECT_EQ (json_object_get_string_member (o, "feed_url"),
             "https://" + hp ("tenant1.atrium.test") + "/RDWeb/Feed/webfeed.aspx");
  EXPECT_EQ (atr_json_strings (json_object_get_array_member (o, "gateways")), std::vector<std::string> {});
  EXPECT_STREQ (json_object_get_string_member (json_object_get_object_member (o, "theme"),
                                               "name"), "Atrium");
  EXPECT_EQ (json_object_get_string_member (o, "display_name"), std::string ("tenant1.atrium.test"));
}

TEST_F (CliTheme, HostileDocumentsOverTheNetworkExitSix)
{
  start ();
  write ("harbour.atrium.test/.well-known/atrium/tenant.json",
         "{\"atrium_tenant\":1,\"trust_anchors\":[\"-----BEGIN CERTIFICATE-----\\nnot one\\n"
         "-----END CERTIFICATE-----\"]}");
  AtrCliRun manifest;
  cli (manifest, { "theme", hp ("harbour.atrium.test"), "--json",
                   resolve ("harbour.atrium.test") });
  EXPECT_EQ (manifest.code, 6) << manifest.err;
  EXPECT_NE (manifest.err.find ("trust_anchors[0]"), std::string::npos) << manifest.err;
  EXPECT_EQ (manifest.out, "");

  write ("harbour.atrium.test/.well-known/atrium/tenant.json",
         "{\"atrium_tenant\":1,\"theme_url\":\"theme/theme.json\"}");
  write ("harbour.atrium.test/.well-known/atrium/theme/theme.json",
         "{\"atrium_theme\":7,\"name\":\"Future\"}");
  AtrCliRun theme;
  cli (theme, { "theme", hp ("harbour.atrium.test"), "--json",
                resolve ("harbour.atrium.test") });
  EXPECT_EQ (theme.code, 6) << theme.err;
  EXPECT_NE (theme.err.find ("atrium_theme"), std::string::npos) << theme.err;
}

// Issue #8, finding 2: a quote inside a comment or a single-quoted string hid 200,000 brackets
// from the depth check and json-glib's recursion ended the process (exit 139). Now strict JSON
// is required first: exit 6 naming the line and what was wrong, for the manifest, the theme
// and `list` alike.
TEST_F (CliTheme, HostileCommentedDeepNestingExitsSixNotACrash)
{
  start ();
  const std::string deep (200000, '[');

  write ("harbour.atrium.test/.well-known/atrium/tenant.json",
         "{\"atrium_tenant\":1,\"x\":/* \" */" + deep);
  AtrCliRun manifest;
  cli (manifest, { "theme", hp ("harbour.atrium.test"), "--json",
                   resolve ("harbour.atrium.test") });
  EXPECT_EQ (manifest.code, 6) << manifest.err;
  EXPECT_NE (manifest.err.find ("line 1, column 24: comments are not allowed"),
             std::string::npos) << manifest.err;
  EXPECT_EQ (manifest.out, "");

  AtrCliRun list;
  cli (list, { "list", hp ("harbour.atrium.test"), "--json", "--timeout=3",
               resolve ("harbour.atrium.test") });
  EXPECT_GE (list.code, 0) << list.err;
  EXPECT_LT (list.code, 7) << list.err;
  EXPECT_NE (list.err.find ("comments are not allowed"), std::string::npos) << list.err;

  write ("harbour.atrium.test/.well-known/atrium/tenant.json",
         "{\"atrium_tenant\":1,\"theme_url\":\"theme/theme.json\"}");
  write ("harbour.atrium.test/.well-known/atrium/theme/theme.json",
         "{\"atrium_theme\":1,\"name\":'\"',\n\"x\":" + deep);
  AtrCliRun theme;
  cli (theme, { "theme", hp ("harbour.atrium.test"), "--json",
                resolve ("harbour.atrium.test") });
  EXPECT_EQ (theme.code, 6) << theme.err;
  EXPECT_NE (theme.err.find ("line 1, column 26: strings must be in double quotes"),
             std::string::npos) << theme.err;
}

TEST_F (CliTheme, OfflineStartPrintsTheCachedTenant)
{
  AtrTestBroker *b = start ();
  AtrCliRun online;
  cli (online, { "theme", hp ("harbour.atrium.test"), "--json",
                 resolve ("harbour.atrium.test") });
  ASSERT_EQ (online.code, 0) << online.err;
  atr_test_broker_stop (b);

  AtrCliRun offline;
  cli (offline, { "theme", hp ("harbour.atrium.test"), "--json", "--offline",
                  resolve ("harbour.atrium.test") });
  ASSERT_EQ (offline.code, 0) << offline.err;
  EXPECT_EQ (offline.out, online.out);

  /* Not offline, but the tenant is down: the cache answers, with a warning. */
  AtrCliRun down;
  cli (down, { "theme", hp ("harbour.atrium.test"), "--json", "--timeout=2",
               resolve ("harbour.atrium.test") });
  ASSERT_EQ (down.code, 0) << down.err;
  ASSERT_NE (down.root (), nullptr) << down.out;
  std::vector<std::string> w = atr_json_strings (json_object_get_array_member (down.root (), "warnings"));
  ASSERT_FALSE (w.empty ());
  EXPECT_NE (w[0].find ("tenant manifest not fetched"), std::string::npos) << w[0];
}

/* A user's run from the build: no ATR_THEMES_DIR, no GSETTINGS_*, nothing but what the
 * loopback test needs (a cache folder and no proxy). The tenant has no manifest, so its theme
 * is the bundled default, read from the build tree's own copy. */
std::vector<std::string>
clean_env (const std::string &cache)
{
  std::vector<std::string> argv = { "/usr/bin/env", "-i", "HOME=" + cache,
                                    "XDG_CACHE_HOME=" + cache, "LC_ALL=C.UTF-8", "NO_PROXY=*",
                                    "no_proxy=*", "GIO_USE_PROXY_RESOLVER=dummy" };
  /* the sanitizer build's runtime options (suppressions), not data paths */
  for (const char *name : { "ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS" })
    if (g_getenv (name) != NULL)
      argv.push_back (std::string (name) + "=" + g_getenv (name));
  return argv;
}

TEST_F (CliTheme, RunsFromTheBuildWithoutEnvironmentVariables)
{
  start ();
  std::vector<std::string> argv = clean_env (cache);
  for (const std::string &a : { atr_test_env ("ATR_CLI"), std::string ("theme"),
                                hp ("tenant1.atrium.test"), std::string ("--json"),
                                resolve ("tenant1.atrium.test"), std::string ("--no-dns"),
                                "--trust=" + certs ("ca.pem") })
    argv.push_back (a);
  AtrCliRun r;
  atr_cli_run (r, argv);
  ASSERT_EQ (r.code, 0) << r.err;
  ASSERT_NE (r.root (), nullptr) << r.out;
  EXPECT_STREQ (r.str ("theme", "name"), "Atrium") << r.out;
}

/* An installed copy somewhere else, laid out as `meson install --destdir DEST` lays it out
 * (DEST + the configured bindir, libexecdir/atrium and pkgdatadir): that copy reads its own
 * data (a default theme renamed in the copy, so the build tree's or the configured prefix's
 * cannot pass for it) and runs its own atrium-cli-rdp from its libexec folder. */
TEST_F (CliTheme, AnInstalledCopyFindsItsOwnData)
{
  std::string build = atr_test_env ("ATR_BUILD_ROOT");
  std::string bindir = atr_test_env ("ATR_INSTALL_BINDIR");
  std::string helperdir = atr_test_env ("ATR_INSTALL_HELPER_DIR");
  std::string pkgdatadir = atr_test_env ("ATR_INSTALL_PKGDATADIR");
  ASSERT_FALSE (build.empty () || bindir.empty () || helperdir.empty () || pkgdatadir.empty ())
    << "ATR_BUILD_ROOT and ATR_INSTALL_* are set by meson";
  g_autoptr(GError) error = NULL;
  g_autofree char *destdir = g_dir_make_tmp ("atr-cli-theme-install-XXXXXX", &error);
  ASSERT_NE (destdir, nullptr) << error->message;
  std::string dest = destdir;
  run_shell ("mkdir -p '" + dest + bindir + "' '" + dest + helperdir + "' '" + dest +
             pkgdatadir + "' && cp '" + build + "/client/atrium-cli' '" + dest + bindir +
             "/' && cp '" + build + "/client/atrium-cli-rdp' '" + dest + helperdir +
             "/' && cp -r '" + build + "/client/data/atrium/.' '" + dest + pkgdatadir + "/'");
  std::string cli = dest + bindir + "/atrium-cli";
  std::string helper = dest + helperdir + "/atrium-cli-rdp";

  std::string theme = dest + pkgdatadir + "/themes/default/theme.json";
  std::string text = read_file (theme);
  ASSERT_NE (text.find ("\"name\": \"Atrium\""), std::string::npos) << theme << ": " << text;
  text.replace (text.find ("\"name\": \"Atrium\""), 16, "\"name\": \"Copied\"");
  ASSERT_TRUE (g_file_set_contents (theme.c_str (), text.c_str (), -1, NULL));

  start ();
  std::vector<std::string> argv = clean_env (cache);
  for (const std::string &a : { cli, std::string ("theme"), hp ("tenant1.atrium.test"),
                                std::string ("--json"), resolve ("tenant1.atrium.test"),
                                std::string ("--no-dns"), "--trust=" + certs ("ca.pem") })
    argv.push_back (a);
  AtrCliRun r;
  atr_cli_run (r, argv);
  ASSERT_EQ (r.code, 0) << r.err;
  EXPECT_STREQ (r.str ("theme", "name"), "Copied") << r.out;

  /* rdp-settings runs in the copy's own helper (not beside atrium-cli, not the configured
   * libexec folder): with that helper removed, the error names the copy's path. */
  std::string rdp = atr_test_env ("ATR_TEST_DATA") + "/rdp/mstsc-desktop.rdp";
  std::vector<std::string> rdp_argv = clean_env (cache);
  rdp_argv.insert (rdp_argv.end (), { cli, "rdp-settings", rdp, "--json" });
  AtrCliRun ok;
  atr_cli_run (ok, rdp_argv);
  EXPECT_EQ (ok.code, 0) << ok.err;
  ASSERT_EQ (g_unlink (helper.c_str ()), 0) << helper;
  AtrCliRun missing;
  atr_cli_run (missing, rdp_argv);
  EXPECT_EQ (missing.code, 1) << missing.err;
  EXPECT_NE (missing.err.find (helper), std::string::npos) << missing.err;

  run_shell ("rm -rf '" + dest + "'");
}

/* The manifest's gateways reach the feed's failover: the manifest comes from the tenant host
 * (127.0.0.2), its feed_url names feed.atrium.test, which --resolve points at 127.0.0.1 where
 * nothing listens; only the manifest's gateways 127.0.0.2/127.0.0.3 serve that feed. */
TEST_F (CliTheme, ListReachesTheFeedThroughTheManifestsGateways)
{
  run_shell (std::string ("cp -r '") + root + "/harbour.atrium.test' '" + root +
             "/feed.atrium.test'");
  g_autofree char *manifest = g_strdup_printf (
    "{\"atrium_tenant\":1,\"id\":\"gw\",\"display_name\":\"Gateway Tenant\","
    "\"feed_url\":\"https://feed.atrium.test:%u/RDWeb/Feed/webfeed.aspx\","
    "\"gateways\":[\"127.0.0.2:%u\",\"127.0.0.3:%u\"]}", port, port, port);
  write ("gw.atrium.test/.well-known/atrium/tenant.json", manifest);
  start ("127.0.0.2");
  AtrTestBroker *third = start ("127.0.0.3");

  std::vector<std::string> args = { "list", hp ("gw.atrium.test"), "--json", "--timeout=3",
                                    resolve ("gw.atrium.test", "127.0.0.2"),
                                    resolve ("feed.atrium.test", "127.0.0.1") };
  AtrCliRun r;
  cli (r, args);
  ASSERT_EQ (r.code, 0) << r.err;
  ASSERT_NE (r.root (), nullptr) << r.out;
  EXPECT_EQ (json_object_get_string_member (r.root (), "feed_url"),
             "https://" + hp ("feed.atrium.test") + "/RDWeb/Feed/webfeed.aspx");
  std::string endpoint = json_object_get_string_member (r.root (), "endpoint");
  EXPECT_TRUE (endpoint == "127.0.0.2:" + std::to_string (port) ||
               endpoint == "127.0.0.3:" + std::to_string (port)) << endpoint;
  EXPECT_GT (json_array_get_length (json_object_get_array_member (r.root (), "resources")), 0u);

  /* Control: without the manifest the same feed is unreachable (only 127.0.0.1 is tried). */
  g_autofree char *gone = g_build_filename (root, "gw.atrium.test", ".well-known", "atrium",
                                            "tenant.json", NULL);
  ASSERT_EQ (g_unlink (gone), 0);
  std::vector<std::string> direct = { "list", "https://" + hp ("feed.atrium.test") +
                                        "/RDWeb/Feed/webfeed.aspx", "--json", "--timeout=3",
                                      resolve ("feed.atrium.test", "127.0.0.1") };
  AtrCliRun d;
  cli (d, direct);
  EXPECT_EQ (d.code, 3) << d.out << d.err;
  (void) third;
}

} // namespace
