/* test-cli.cpp — the built `atrium-cli list` and `resolve` as a user runs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * atrium-cli runs as a real subprocess (GSubprocess, asynchronous) while the test broker
 * serves the tenant fixtures in-process on this test's main context: the context keeps
 * iterating until the CLI exits. Every CLI run gets --no-dns (only --resolve/--txt answer,
 * nothing leaves loopback) and the test's own XDG_CACHE_HOME.
 */
#include <gtest/gtest.h>

#include <json-glib/json-glib.h>

#include <set>
#include <string>
#include <vector>

#include "atr-cli-runner.h"
#include "atr-test-broker.h"

namespace {

std::string atrium_cli;

std::string
certs (const char *name)
{
  return std::string (g_getenv ("ATR_TEST_CERTS")) + "/" + name;
}

std::string
tenants ()
{
  return std::string (g_getenv ("ATR_TEST_DATA")) + "/tenants";
}

class Cli : public ::testing::Test
{
protected:
  void
  SetUp () override
  {
    g_autoptr(GError) error = NULL;

    cache = g_dir_make_tmp ("atr-test-cli-XXXXXX", &error);
    ASSERT_NE (cache, nullptr) << error->message;
    port = atr_test_pick_shared_port (&error);
    ASSERT_NE (port, 0u) << error->message;
  }

  void
  TearDown () override
  {
    for (AtrTestBroker *b : brokers)
      {
        atr_test_broker_stop (b);
        g_object_unref (b);
      }
    if (hang != nullptr)
      atr_test_hang_server_stop (hang);
    g_clear_object (&hang);
    if (cache != nullptr)
      {
        g_autoptr(GFile) dir = g_file_new_for_path (cache);
        remove_tree (dir);
        g_free (cache);
      }
  }

  static void
  remove_tree (GFile *file)
  {
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (
      file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
    GFileInfo *info;
    GFile *child;

    while (children != nullptr &&
           g_file_enumerator_iterate (children, &info, &child, NULL, NULL) && info != nullptr)
      remove_tree (child);
    g_file_delete (file, NULL, NULL);
  }

  AtrTestBroker *
  start_broker (const char *address = "127.0.0.1", const char *cert = "good")
  {
    g_autoptr(GError) error = NULL;
    std::string crt = certs ((std::string (cert) + ".crt").c_str ());
    std::string key = certs ((std::string (cert) + ".key").c_str ());
    AtrTestBroker *b = atr_test_broker_new (tenants ().c_str (), crt.c_str (), key.c_str (),
                                            &error);
    EXPECT_NE (b, nullptr) << (error ? error->message : "");
    if (b == nullptr)
      return nullptr;
    EXPECT_TRUE (atr_test_broker_listen (b, address, port, &error))
      << (error ? error->message : "");
    brokers.push_back (b);
    return b;
  }

  void
  stop_brokers ()
  {
    for (AtrTestBroker *b : brokers)
      atr_test_broker_stop (b);
  }

  std::string
  trust () const
  {
    return "--trust=" + certs ("ca.pem");
  }

  std::string
  resolve (const char *host, const char *addresses = "127.0.0.1") const
  {
    g_autofree char *s = g_strdup_printf ("--resolve=%s:%u:%s", host, port, addresses);
    return s;
  }

  std::string
  address (const char *host) const
  {
    g_autofree char *s = g_strdup_printf ("%s:%u", host, port);
    return s;
  }

  std::string
  origin (const char *host) const
  {
    g_autofree char *s = g_strdup_printf ("https://%s:%u", host, port);
    return s;
  }

  /* Runs atrium-cli ARGS… --no-dns (unless @hermetic is false) with @stdin_text. */
  void
  cli (AtrCliRun &run, std::vector<std::string> args, const char *stdin_text = nullptr,
       bool hermetic = true)
  {
    std::vector<std::string> argv = { atrium_cli };
    argv.insert (argv.end (), args.begin (), args.end ());
    if (hermetic && args.size () > 1)
      argv.insert (argv.begin () + 2, "--no-dns");
    atr_cli_run (run, argv, stdin_text, { { "XDG_CACHE_HOME", cache }, { "LC_ALL", "C.UTF-8" } });
  }

  std::vector<std::string>
  list_args (const char *host, std::vector<std::string> extra = {})
  {
    std::vector<std::string> a = { "list", address (host), trust (), resolve (host) };
    a.insert (a.end (), extra.begin (), extra.end ());
    return a;
  }

  char *cache = nullptr;
  guint port = 0;
  std::vector<AtrTestBroker *> brokers;
  AtrTestHangServer *hang = nullptr;
};

/* --- list --json: the documented shape, checked against the harbour fixture --- */

struct Expected
{
  const char *id, *alias, *title, *type, *folder, *rdp, *icon;
  bool shown;
};

const Expected harbour[] = {
  { "HDG-Desktop", "HDG-Desktop", "Harbour Desktop", "desktop", "/", "HDG-Desktop", "HDG-Desktop", true },
  { "HDG-Clinic-Desktop", "HDG-Clinic-Desktop", "Clinic Workstation", "desktop", "/Clinic", "HDG-Clinic-Desktop", "HDG-Clinic-Desktop", true },
  { "HDG-Admin-Desktop", "HDG-Admin-Desktop", "Admin Desktop", "desktop", "/Admin", "HDG-Admin-Desktop", "HDG-Admin-Desktop", false },
  { "HDG-Chairside", "Chairside", "Chairside Charting", "remoteapp", "/Clinic", "Chairside", "Chairside", true },
  { "HDG-Imaging", "Imaging", "Dental Imaging Viewer", "remoteapp", "/Clinic", "Imaging", "Imaging", true },
  { "HDG-Perio", "PerioChart", "Perio Chart", "remoteapp", "/Clinic", "PerioChart", "PerioChart", true },
  { "HDG-Outlook", "OUTLOOK", "Outlook", "remoteapp", "/Office", "OUTLOOK", "OUTLOOK", true },
  { "HDG-Word", "WINWORD", "Word", "remoteapp", "/Office", "WINWORD", "WINWORD", true },
  { "HDG-Excel", "EXCEL", "Excel", "remoteapp", "/Office", "EXCEL", "EXCEL", true },
  { "HDG-Calc", "calc", "Calculator", "remoteapp", "/", "calc", "calc", true },
  { "HDG-Payroll", "Payroll", "Payroll Manager", "remoteapp", "/Admin", "Payroll", "Payroll", false },
};

TEST_F (Cli, ListJsonHasTheDocumentedShapeAndTheFixturesValues)
{
  start_broker ();
  AtrCliRun r;
  cli (r, list_args ("harbour.atrium.test", { "--json" }));
  ASSERT_EQ (r.code, 0) << r.err;
  ASSERT_NE (r.root (), nullptr) << r.out;
  JsonObject *root = r.root ();

  // The members, plus "endpoint" (which gateway answered; HACKING.md documents it).
  EXPECT_EQ (atr_json_members (root), (std::set<std::string> { "publisher", "feed_url", "endpoint",
                                                      "stale", "stale_since", "warnings",
                                                      "resources" }));
  JsonObject *publisher = json_object_get_object_member (root, "publisher");
  ASSERT_NE (publisher, nullptr);
  EXPECT_EQ (atr_json_members (publisher), (std::set<std::string> { "name", "id" }));
  EXPECT_STREQ (json_object_get_string_member (publisher, "name"), "Harbour Dental Group");
  EXPECT_STREQ (json_object_get_string_member (publisher, "id"), "harbour.atrium.test");
  EXPECT_EQ (json_object_get_string_member (root, "feed_url"),
             origin ("harbour.atrium.test") + "/RDWeb/Feed/webfeed.aspx");
  g_autofree char *endpoint = g_strdup_printf ("127.0.0.1:%u", port);
  EXPECT_STREQ (json_object_get_string_member (root, "endpoint"), endpoint);
  JsonNode *stale = json_object_get_member (root, "stale");
  ASSERT_EQ (json_node_get_value_type (stale), G_TYPE_BOOLEAN);
  EXPECT_FALSE (json_node_get_boolean (stale));
  EXPECT_TRUE (JSON_NODE_HOLDS_NULL (json_object_get_member (root, "stale_since")));
  ASSERT_TRUE (JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "warnings")));
  EXPECT_EQ (json_array_get_length (json_object_get_array_member (root, "warnings")), 0u);

  ASSERT_TRUE (JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "resources")));
  JsonArray *resources = json_object_get_array_member (root, "resources");
  ASSERT_EQ (json_array_get_length (resources), G_N_ELEMENTS (harbour));
  const std::string base = origin ("harbour.atrium.test") + "/RDWeb/Pages/";

  for (guint i = 0; i < G_N_ELEMENTS (harbour); i++)
    {
      const Expected &e = harbour[i];
      SCOPED_TRACE (e.id);
      JsonObject *res = json_array_get_object_element (resources, i);
      ASSERT_NE (res, nullptr);
      EXPECT_EQ (atr_json_members (res), (std::set<std::string> { "id", "alias", "title", "type",
                                                         "folders", "rdp_url", "icons",
                                                         "show_by_default" }));
      EXPECT_STREQ (json_object_get_string_member (res, "id"), e.id);
      EXPECT_STREQ (json_object_get_string_member (res, "alias"), e.alias);
      EXPECT_STREQ (json_object_get_string_member (res, "title"), e.title);
      EXPECT_STREQ (json_object_get_string_member (res, "type"), e.type);
      EXPECT_EQ (atr_json_strings (json_object_get_array_member (res, "folders")),
                 std::vector<std::string> { e.folder });
      EXPECT_EQ (json_object_get_string_member (res, "rdp_url"),
                 base + "rdp/" + e.rdp + ".rdp");
      JsonNode *shown = json_object_get_member (res, "show_by_default");
      ASSERT_EQ (json_node_get_value_type (shown), G_TYPE_BOOLEAN);
      EXPECT_EQ (json_node_get_boolean (shown), e.shown);

      JsonObject *icons = json_object_get_object_member (res, "icons");
      ASSERT_NE (icons, nullptr);
      EXPECT_EQ (atr_json_members (icons), (std::set<std::string> { "32", "64", "256" }));
      for (const char *size : { "32", "64", "256" })
        {
          std::string url = json_object_get_string_member (icons, size);
          std::string prefix = base + "icons/" + e.icon + "-" + size + ".png?hash=";
          EXPECT_EQ (url.compare (0, prefix.size (), prefix), 0) << url;
          EXPECT_EQ (url.size (), prefix.size () + 16) << url;  // the query string is kept
        }
    }
}

TEST_F (Cli, ListTextGroupsByFolder)
{
  start_broker ();
  AtrCliRun r;
  cli (r, list_args ("harbour.atrium.test"));
  ASSERT_EQ (r.code, 0) << r.err;
  EXPECT_EQ (r.json, nullptr);
  EXPECT_EQ (r.out.rfind ("Harbour Dental Group — 11 resources\n", 0), 0u) << r.out;

  // Each folder heading is followed by exactly its resources (by alias), "/" first.
  const std::vector<std::pair<std::string, std::vector<std::string>>> groups = {
    { "/", { "HDG-Desktop", "calc" } },
    { "/Admin", { "HDG-Admin-Desktop  (hidden)", "Payroll  (hidden)" } },
    { "/Clinic", { "HDG-Clinic-Desktop", "Chairside", "Imaging", "PerioChart" } },
    { "/Office", { "OUTLOOK", "WINWORD", "EXCEL" } },
  };
  g_auto(GStrv) lines = g_strsplit (r.out.c_str (), "\n", -1);
  guint at = 0;
  while (lines[at] != nullptr && g_strcmp0 (lines[at], "/") != 0)
    at++;
  for (auto &g : groups)
    {
      ASSERT_NE (lines[at], nullptr) << "missing folder " << g.first << " in\n" << r.out;
      EXPECT_EQ (std::string (lines[at]), g.first) << r.out;
      at++;
      for (auto &alias : g.second)
        {
          ASSERT_NE (lines[at], nullptr);
          std::string line = lines[at++];
          EXPECT_EQ (line.rfind ("  ", 0), 0u) << line;
          EXPECT_TRUE (g_str_has_suffix (line.c_str (), (" " + alias).c_str ()))
            << "expected " << alias << " under " << g.first << ", got: " << line;
        }
    }
  EXPECT_TRUE (lines[at] == nullptr || lines[at][0] == '\0') << lines[at];
}

/* --- sign-in: the password travels on stdin only and never shows --- */

const char *const secret = "Corr3ct-Horse-7731";

class CliSignIn : public Cli,
                  public ::testing::WithParamInterface<AtrTestAuth>
{
};

TEST_P (CliSignIn, RightWrongAndNoCredentials)
{
  AtrTestBroker *b = start_broker ();
  atr_test_broker_set_auth (b, GetParam (), "HARBOUR\\bob", secret);
  std::vector<std::string> with_user = list_args ("harbour.atrium.test",
                                                  { "--json", "--user", "HARBOUR\\bob",
                                                    "--password-stdin" });
  std::string right_line = std::string (secret) + "\n";

  AtrCliRun right;
  cli (right, with_user, right_line.c_str ());
  ASSERT_EQ (right.code, 0) << right.err;
  ASSERT_NE (right.root (), nullptr);
  EXPECT_EQ (json_array_get_length (json_object_get_array_member (right.root (), "resources")),
             11u);
  if (GetParam () == ATR_TEST_AUTH_RDWEB_FORMS)
    {
      EXPECT_GE (atr_test_broker_get_request_count (b, ATR_TEST_BROKER_FEED_LOGIN_PATH), 1u);
    }

  AtrCliRun wrong;
  cli (wrong, with_user, "Wrong-Horse-7731\n");
  EXPECT_EQ (wrong.code, 5) << wrong.err;
  EXPECT_TRUE (atr_one_line (wrong.err)) << wrong.err;
  EXPECT_EQ (wrong.out, "");
  EXPECT_EQ (wrong.all ().find ("Wrong-Horse"), std::string::npos) << wrong.all ();

  AtrCliRun without;
  cli (without, list_args ("harbour.atrium.test"));
  EXPECT_EQ (without.code, 5) << without.err;
  EXPECT_TRUE (atr_one_line (without.err)) << without.err;
  EXPECT_NE (without.err.find ("harbour.atrium.test"), std::string::npos) << without.err;

  for (AtrCliRun *r : { &right, &wrong, &without })
    EXPECT_EQ (r->all ().find (secret), std::string::npos) << r->all ();
  EXPECT_GE (atr_test_broker_get_auth_failures (b), 1u);
}

INSTANTIATE_TEST_SUITE_P (Modes, CliSignIn,
                          ::testing::Values (ATR_TEST_AUTH_BASIC, ATR_TEST_AUTH_RDWEB_FORMS),
                          [] (const ::testing::TestParamInfo<AtrTestAuth> &info) {
                            return std::string (info.param == ATR_TEST_AUTH_BASIC ? "Basic"
                                                                                  : "RdWeb");
                          });

TEST_F (Cli, UserWithoutPasswordStdinIsAUsageError)
{
  AtrCliRun r;
  cli (r, list_args ("harbour.atrium.test", { "--user", "bob" }));
  EXPECT_EQ (r.code, 2) << r.err;
  EXPECT_TRUE (atr_one_line (r.err)) << r.err;
  EXPECT_NE (r.err.find ("--password-stdin"), std::string::npos) << r.err;

  AtrCliRun r2;
  cli (r2, list_args ("harbour.atrium.test", { "--password-stdin" }), "pw\n");
  EXPECT_EQ (r2.code, 2) << r2.err;
  EXPECT_NE (r2.err.find ("--user"), std::string::npos) << r2.err;
}

/* --- bad input: one line on stderr that names the problem --- */

struct BadAddress
{
  const char *name;
  std::vector<std::string> args;
  const char *reason;
};

TEST_F (Cli, BadAddressesAreBadData)
{
  const BadAddress cases[] = {
    { "http", { "list", "http://x" }, "https" },
    { "dash", { "list", "--", "-rf" }, "starts with “-”" },
    { "empty", { "list", "" }, "empty" },
    { "space", { "list", "harbour atrium.test" }, "space" },
    { "tab", { "list", "harbour.atrium.test\tx" }, "harbour.atrium.test" },
    { "no-host", { "list", "https:///RDWeb/Feed/webfeed.aspx" }, "host" },
    { "resolve-dash", { "resolve", "--", "-rf" }, "starts with “-”" },
  };
  for (const BadAddress &c : cases)
    {
      AtrCliRun r;
      cli (r, c.args);
      EXPECT_EQ (r.code, 6) << c.name << ": " << r.err;
      EXPECT_TRUE (atr_one_line (r.err)) << c.name << ": " << r.err;
      EXPECT_EQ (r.err.rfind ("atrium-cli: ", 0), 0u) << c.name << ": " << r.err;
      EXPECT_NE (r.err.find (c.reason), std::string::npos) << c.name << ": " << r.err;
      EXPECT_EQ (r.out, "") << c.name;
    }

  // Without "--", "-rf" is an option the command does not know: a usage error.
  AtrCliRun option;
  cli (option, { "list", "-rf" });
  EXPECT_EQ (option.code, 2) << option.err;
  EXPECT_TRUE (atr_one_line (option.err)) << option.err;
}

TEST_F (Cli, UsageErrors)
{
  AtrCliRun garbage;
  cli (garbage, { "list", "harbour.atrium.test", "--resolve", "garbage" });
  EXPECT_EQ (garbage.code, 2) << garbage.err;
  EXPECT_TRUE (atr_one_line (garbage.err)) << garbage.err;
  EXPECT_NE (garbage.err.find ("garbage"), std::string::npos) << garbage.err;

  AtrCliRun range;
  cli (range, { "list", "harbour.atrium.test", "--resolve", "harbour.atrium.test:99999:127.0.0.1" });
  EXPECT_EQ (range.code, 2) << range.err;

  AtrCliRun unknown;
  cli (unknown, { "frobnicate", "harbour.atrium.test" });
  EXPECT_EQ (unknown.code, 2) << unknown.err;
  EXPECT_TRUE (atr_one_line (unknown.err)) << unknown.err;
  EXPECT_NE (unknown.err.find ("frobnicate"), std::string::npos) << unknown.err;

  AtrCliRun two;
  cli (two, { "list", "a.atrium.test", "b.atrium.test" });
  EXPECT_EQ (two.code, 2) << two.err;

  AtrCliRun nothing;
  cli (nothing, {});
  EXPECT_EQ (nothing.code, 2) << nothing.err;
}

TEST_F (Cli, WrongHostCertificateIsRejectedWithItsReason)
{
  start_broker ("127.0.0.1", "wronghost");
  AtrCliRun r;
  cli (r, list_args ("harbour.atrium.test", { "--json" }));
  EXPECT_EQ (r.code, 4) << r.err;
  EXPECT_TRUE (atr_one_line (r.err)) << r.err;
  EXPECT_NE (r.err.find ("host-mismatch"), std::string::npos) << r.err;
  EXPECT_NE (r.err.find ("harbour.atrium.test"), std::string::npos) << r.err;
  EXPECT_EQ (r.out, "");
}

/* --- the network misbehaves: the last good list, marked stale --- */

TEST_F (Cli, AllDownServesTheCachedListMarkedStale)
{
  start_broker ();
  AtrCliRun first;
  cli (first, list_args ("harbour.atrium.test", { "--json" }));
  ASSERT_EQ (first.code, 0) << first.err;

  stop_brokers ();
  AtrCliRun r;
  cli (r, list_args ("harbour.atrium.test", { "--json" }));
  ASSERT_EQ (r.code, 0) << r.err;
  ASSERT_NE (r.root (), nullptr) << r.out;
  EXPECT_TRUE (json_object_get_boolean_member (r.root (), "stale"));
  JsonNode *since = json_object_get_member (r.root (), "stale_since");
  ASSERT_EQ (json_node_get_value_type (since), G_TYPE_STRING);
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (json_node_get_string (since), NULL);
  ASSERT_NE (when, nullptr) << json_node_get_string (since);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  EXPECT_LE (g_date_time_difference (now, when), 120 * G_TIME_SPAN_SECOND);
  JsonArray *warnings = json_object_get_array_member (r.root (), "warnings");
  ASSERT_GE (json_array_get_length (warnings), 1u);
  std::string all_warnings;
  for (auto &w : atr_json_strings (warnings))
    all_warnings += w + "\n";
  EXPECT_NE (all_warnings.find ("127.0.0.1"), std::string::npos) << all_warnings;
  EXPECT_EQ (json_array_get_length (json_object_get_array_member (r.root (), "resources")),
             11u);

  AtrCliRun text;
  cli (text, list_args ("harbour.atrium.test"));
  ASSERT_EQ (text.code, 0) << text.err;
  EXPECT_NE (text.out.find ("OFFLINE"), std::string::npos) << text.out;
  EXPECT_NE (text.err.find ("warning:"), std::string::npos) << text.err;

  AtrCliRun offline;
  cli (offline, { "list", address ("harbour.atrium.test"), "--offline", "--json" });
  ASSERT_EQ (offline.code, 0) << offline.err;
  ASSERT_NE (offline.root (), nullptr);
  EXPECT_TRUE (json_object_get_boolean_member (offline.root (), "stale"));
  EXPECT_EQ (json_array_get_length (json_object_get_array_member (offline.root (),
                                                                  "resources")), 11u);
}

TEST_F (Cli, AllDownWithoutCacheIsANetworkError)
{
  AtrCliRun r;
  cli (r, list_args ("harbour.atrium.test", { "--json" }));
  EXPECT_EQ (r.code, 3) << r.err;
  EXPECT_TRUE (atr_one_line (r.err)) << r.err;
  EXPECT_NE (r.err.find ("127.0.0.1"), std::string::npos) << r.err;
  EXPECT_EQ (r.out, "");

  AtrCliRun offline;
  cli (offline, { "list", address ("harbour.atrium.test"), "--offline" });
  EXPECT_NE (offline.code, 0);
  EXPECT_TRUE (atr_one_line (offline.err)) << offline.err;
  EXPECT_NE (offline.err.find ("harbour.atrium.test"), std::string::npos) << offline.err;
}

/* The HALB leg through the CLI: refusing, hanging after accept, good — on one port. */
TEST_F (Cli, FailsOverAcrossThreeGateways)
{
  g_autoptr(GError) error = NULL;
  start_broker ("127.0.0.1");
  hang = atr_test_hang_server_new ("127.0.0.3", port, &error);
  ASSERT_NE (hang, nullptr) << error->message;

  AtrCliRun r;
  cli (r, { "list", address ("tenant1.atrium.test"), trust (),
            resolve ("tenant1.atrium.test", "127.0.0.2,127.0.0.3,127.0.0.1"), "--json" });
  ASSERT_EQ (r.code, 0) << r.err;
  ASSERT_NE (r.root (), nullptr);
  g_autofree char *endpoint = g_strdup_printf ("127.0.0.1:%u", port);
  EXPECT_STREQ (json_object_get_string_member (r.root (), "endpoint"), endpoint);
  EXPECT_FALSE (json_object_get_boolean_member (r.root (), "stale"));
  EXPECT_EQ (json_array_get_length (json_object_get_array_member (r.root (), "resources")), 2u);
  EXPECT_GE (atr_test_hang_server_get_connection_count (hang), 1u);
}

/* --- resolve --- */

struct ResolveCase
{
  const char *name;
  std::vector<std::string> args;
  const char *kind;
  const char *found_by;
  std::string feed_url;
};

TEST_F (Cli, ResolveNamesHowTheFeedWasFound)
{
  g_autofree char *txt_url = g_strdup_printf ("https://tenant1.atrium.test:%u/RDWeb/Feed/webfeed.aspx",
                                              port);
  const std::string txt = std::string ("--txt=_msradc.tenant1.atrium.test=") + txt_url;
  const ResolveCase cases[] = {
    { "url", { "resolve", txt_url, "--json" }, "url", "url", txt_url },
    { "dns-txt", { "resolve", "tenant1.atrium.test", txt, "--json" }, "domain", "dns-txt",
      txt_url },
    { "default-path", { "resolve", "tenant1.atrium.test", "--json" }, "domain",
      "default-path", "https://tenant1.atrium.test/RDWeb/Feed/webfeed.aspx" },
    { "email", { "resolve", "alice@tenant1.atrium.test", txt, "--json" }, "email", "dns-txt",
      txt_url },
    { "email-default", { "resolve", "alice@Tenant1.Atrium.Test", "--json" }, "email",
      "default-path", "https://tenant1.atrium.test/RDWeb/Feed/webfeed.aspx" },
  };

  for (const ResolveCase &c : cases)
    {
      AtrCliRun r;
      cli (r, c.args);
      ASSERT_EQ (r.code, 0) << c.name << ": " << r.err;
      ASSERT_NE (r.root (), nullptr) << c.name << ": " << r.out;
      EXPECT_STREQ (json_object_get_string_member (r.root (), "kind"), c.kind) << c.name;
      EXPECT_STREQ (json_object_get_string_member (r.root (), "found_by"), c.found_by) << c.name;
      EXPECT_EQ (json_object_get_string_member (r.root (), "feed_url"), c.feed_url) << c.name;
      EXPECT_STREQ (json_object_get_string_member (r.root (), "domain"), "tenant1.atrium.test")
        << c.name;
      EXPECT_EQ (json_array_get_length (json_object_get_array_member (r.root (), "warnings")),
                 0u) << c.name;
    }

  // A TXT record that points off https is ignored with a warning, not followed.
  AtrCliRun bad;
  cli (bad, { "resolve", "tenant1.atrium.test",
              "--txt=_msradc.tenant1.atrium.test=http://evil.example/feed", "--json" });
  ASSERT_EQ (bad.code, 0) << bad.err;
  ASSERT_NE (bad.root (), nullptr);
  EXPECT_STREQ (json_object_get_string_member (bad.root (), "found_by"), "default-path");
  EXPECT_EQ (json_array_get_length (json_object_get_array_member (bad.root (), "warnings")),
             1u);
}

/* A domain address end to end: the TXT override leads to the broker's port. */
TEST_F (Cli, ListFollowsTheTxtRecord)
{
  start_broker ();
  g_autofree char *txt = g_strdup_printf (
    "--txt=_msradc.tenant1.atrium.test=https://tenant1.atrium.test:%u/RDWeb/Feed/webfeed.aspx",
    port);
  AtrCliRun r;
  cli (r, { "list", "tenant1.atrium.test", trust (), resolve ("tenant1.atrium.test"), txt,
            "--json" });
  ASSERT_EQ (r.code, 0) << r.err;
  ASSERT_NE (r.root (), nullptr);
  EXPECT_STREQ (json_object_get_string_member (json_object_get_object_member (r.root (),
                                                                              "publisher"),
                                               "name"),
                "Tenant One");
}

}  // namespace

int
main (int argc, char **argv)
{
  ::testing::InitGoogleTest (&argc, argv);
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--atrium-cli="))
      atrium_cli = argv[i] + strlen ("--atrium-cli=");
  if (atrium_cli.empty () && g_getenv ("ATR_CLI") != nullptr)
    atrium_cli = g_getenv ("ATR_CLI");
  if (atrium_cli.empty () || g_getenv ("ATR_TEST_CERTS") == nullptr)
    {
      fprintf (stderr, "test-cli: needs --atrium-cli=PATH (or ATR_CLI) and ATR_TEST_CERTS\n");
      return 1;
    }
  return RUN_ALL_TESTS ();
}
