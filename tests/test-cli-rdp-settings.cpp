/* test-cli-rdp-settings.cpp — the built `atrium-cli rdp-settings`: output and exit codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ATR_CLI is the built atrium-cli, ATR_TEST_DATA the fixture folder (both set by meson).
 */
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "atr-cli-runner.h"

namespace {

std::string
fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_DATA"), "rdp", name, nullptr);
  return path;
}

/* `atrium-cli rdp-settings ARGS…` (ATR_CLI) */
AtrCliRun
run_cli (std::vector<std::string> args)
{
  AtrCliRun run;
  std::vector<std::string> argv = { atr_test_env ("ATR_CLI"), "rdp-settings" };
  argv.insert (argv.end (), args.begin (), args.end ());
  atr_cli_run (run, argv);
  return run;
}

bool
dropped_has_key (JsonObject *root, const char *key)
{
  JsonArray *dropped = json_object_get_array_member (root, "dropped");
  for (guint i = 0; i < json_array_get_length (dropped); i++)
    {
      JsonObject *entry = json_array_get_object_element (dropped, i);
      if (!json_object_get_null_member (entry, "key") &&
          g_strcmp0 (json_object_get_string_member (entry, "key"), key) == 0)
        return true;
    }
  return false;
}

std::string
write_temp (const char *name, const std::string &contents)
{
  g_autofree char *dir = g_dir_make_tmp ("atr-cli-rdp-XXXXXX", nullptr);
  g_autofree char *path = g_build_filename (dir, name, nullptr);
  EXPECT_TRUE (g_file_set_contents (path, contents.data (), (gssize) contents.size (), nullptr));
  return path;
}

void
remove_temp (const std::string &path)
{
  g_autofree char *dir = g_path_get_dirname (path.c_str ());
  g_remove (path.c_str ());
  g_rmdir (dir);
}

} // namespace

TEST (CliRdpSettings, RemoteAppJsonMatchesTheGolden)
{
  AtrCliRun run = run_cli ({ fixture ("remoteapp-gateway.rdp"), "--json" });
  ASSERT_EQ (run.code, 0) << run.err;
  g_autoptr(JsonNode) got = atr_json_parse (run.out);
  g_autofree char *golden_text = nullptr;
  ASSERT_TRUE (g_file_get_contents (fixture ("remoteapp-gateway.json").c_str (), &golden_text,
                                    nullptr, nullptr));
  g_autoptr(JsonNode) golden = atr_json_parse (golden_text);
  ASSERT_NE (got, nullptr);
  ASSERT_NE (golden, nullptr);
  EXPECT_TRUE (json_node_equal (got, golden)) << run.out;
  EXPECT_EQ (run.out.find ("GWTOKEN"), std::string::npos);
}

TEST (CliRdpSettings, RogueFileIsDefused)
{
  AtrCliRun run = run_cli ({ fixture ("rogue-campaign.rdp"), "--json" });
  ASSERT_EQ (run.code, 0) << run.err;
  g_autoptr(JsonNode) node = atr_json_parse (run.out);
  ASSERT_NE (node, nullptr);
  JsonObject *root = json_node_get_object (node);
  JsonObject *redirections = json_object_get_object_member (root, "redirections");
  EXPECT_FALSE (json_object_get_boolean_member (redirections, "drives"));
  EXPECT_FALSE (json_object_get_boolean_member (redirections, "printers"));
  EXPECT_TRUE (json_object_get_boolean_member (redirections, "clipboard"));
  for (const char *key : { "/shell", "/drive", "/cert", "/v", "drivestoredirect",
                           "authentication level", "kdcproxyname" })
    EXPECT_TRUE (dropped_has_key (root, key)) << key;
  EXPECT_EQ (run.out.find ("cmd.exe"), std::string::npos);
  EXPECT_TRUE (json_object_get_null_member (root, "gateway"));
}

TEST (CliRdpSettings, PolicyFileAllowsDrives)
{
  std::string policy = write_temp ("policy.json",
                                   "{\"redirections\":[\"drives\"],\"reconnect\":true}");
  AtrCliRun run = run_cli ({ fixture ("rogue-campaign.rdp"), "--json", "--policy", policy });
  remove_temp (policy);
  ASSERT_EQ (run.code, 0) << run.err;
  g_autoptr(JsonNode) node = atr_json_parse (run.out);
  ASSERT_NE (node, nullptr);
  JsonObject *redirections =
    json_object_get_object_member (json_node_get_object (node), "redirections");
  EXPECT_TRUE (json_object_get_boolean_member (redirections, "drives"));
  EXPECT_FALSE (json_object_get_boolean_member (redirections, "clipboard"));
  EXPECT_FALSE (dropped_has_key (json_node_get_object (node), "drivestoredirect"));
}

TEST (CliRdpSettings, BadPolicyFiles)
{
  std::string wrong = write_temp ("policy.json", "{\"redirections\":\"drives\"}");
  AtrCliRun run = run_cli ({ fixture ("rogue-campaign.rdp"), "--policy", wrong });
  remove_temp (wrong);
  EXPECT_EQ (run.code, 6);
  EXPECT_NE (run.err.find ("policy.redirections"), std::string::npos) << run.err;

  std::string broken = write_temp ("policy.json", "{\"redirections\":[");
  run = run_cli ({ fixture ("rogue-campaign.rdp"), "--policy", broken });
  remove_temp (broken);
  EXPECT_EQ (run.code, 6);
  EXPECT_NE (run.err.find ("malformed JSON at line 1, column 18: unexpected end of the document"),
             std::string::npos) << run.err;

  // the policy file goes through the same strict loader as manifests (issue #8)
  std::string commented = write_temp ("policy.json", "{\"redirections\": /* \" */"
                                      + std::string (200000, '['));
  run = run_cli ({ fixture ("rogue-campaign.rdp"), "--policy", commented });
  remove_temp (commented);
  EXPECT_EQ (run.code, 6);
  EXPECT_NE (run.err.find ("comments are not allowed"), std::string::npos) << run.err;

  run = run_cli ({ fixture ("rogue-campaign.rdp"), "--policy", "/nonexistent/policy.json" });
  EXPECT_EQ (run.code, 2) << run.err;
}

TEST (CliRdpSettings, SecretsNeverReachTheOutput)
{
  for (bool json : { false, true })
    {
      std::vector<std::string> args = { fixture ("password51.rdp") };
      if (json)
        args.push_back ("--json");
      AtrCliRun run = run_cli (args);
      ASSERT_EQ (run.code, 0) << run.err;
      std::string all = run.out + run.err;
      for (const char *secret : { "C0FFEE51DEADBEEF", "01000000D08C9DDF", "Hunter2-ClearText",
                                  "TOKEN-SHOULD-NOT-LEAK" })
        EXPECT_EQ (all.find (secret), std::string::npos) << secret;
      EXPECT_NE (run.out.find ("pw.tenant1.msp.example"), std::string::npos);
    }
}

TEST (CliRdpSettings, HostileFilesExitWithBadData)
{
  struct { const char *name; const char *message; } cases[] = {
    { "nul-byte.rdp", "line 3: NUL" },
    { "bad-utf16.rdp", "line 2: invalid UTF-16" },
    { "bad-utf8.rdp", "line 4: invalid UTF-8" },
    { "odd-utf16.rdp", "odd number of bytes" },
  };
  for (auto &c : cases)
    {
      AtrCliRun run = run_cli ({ fixture (c.name), "--json" });
      EXPECT_EQ (run.code, 6) << c.name;
      EXPECT_NE (run.err.find (c.message), std::string::npos) << run.err;
      EXPECT_NE (run.err.find (c.name), std::string::npos) << run.err;
      EXPECT_EQ (run.out, "");
    }

  std::string big;
  while (big.size () < 2 * 1024 * 1024)
    big += "remoteapplicationname:s:" + std::string (100, 'x') + "\r\n";
  std::string path = write_temp ("big.rdp", big);
  AtrCliRun run = run_cli ({ path });
  remove_temp (path);
  EXPECT_EQ (run.code, 6);
  EXPECT_NE (run.err.find ("limit"), std::string::npos) << run.err;

  std::string nohost = write_temp ("nohost.rdp", "username:s:bob\r\n/v:evil.example\r\n");
  run = run_cli ({ nohost });
  remove_temp (nohost);
  EXPECT_EQ (run.code, 6);
  EXPECT_NE (run.err.find ("full address"), std::string::npos) << run.err;
}

TEST (CliRdpSettings, TextForPeople)
{
  AtrCliRun run = run_cli ({ fixture ("mstsc-desktop.rdp") });
  ASSERT_EQ (run.code, 0) << run.err;
  EXPECT_NE (run.out.find ("Host:          desk01.tenant1.msp.example port 3390\n"),
             std::string::npos) << run.out;
  EXPECT_NE (run.out.find ("Gateway:       none\n"), std::string::npos) << run.out;
  EXPECT_NE (run.out.find ("Dropped:       2 line(s)\n"), std::string::npos) << run.out;
  EXPECT_NE (run.out.find ("(redirectprinters): printers redirection is not allowed"),
             std::string::npos) << run.out;

  run = run_cli ({ fixture ("utf8-bom-lf.rdp") });
  ASSERT_EQ (run.code, 0) << run.err;
  EXPECT_NE (run.out.find ("Host:          bom.tenant1.msp.example port 3391\n"),
             std::string::npos) << run.out;
  EXPECT_NE (run.out.find ("Dropped:       nothing\n"), std::string::npos) << run.out;
}

TEST (CliRdpSettings, UsageErrors)
{
  AtrCliRun run = run_cli ({});
  EXPECT_EQ (run.code, 2);
  run = run_cli ({ fixture ("mstsc-desktop.rdp"), fixture ("mstsc-desktop.rdp") });
  EXPECT_EQ (run.code, 2);
  run = run_cli ({ fixture ("mstsc-desktop.rdp"), "--no-such-option" });
  EXPECT_EQ (run.code, 2);
  run = run_cli ({ "/nonexistent/file.rdp" });
  EXPECT_EQ (run.code, 2);
  EXPECT_NE (run.err.find ("/nonexistent/file.rdp"), std::string::npos) << run.err;
  /* a URL is fetched (test-rdp-gateway serves one); nothing listens here: a network error
   * naming the host, and no name ever leaves the machine (--resolve) */
  run = run_cli ({ "https://tenant1.msp.example:1/RDWeb/Pages/rdp/cpub-Desk.rdp",
                   "--resolve=tenant1.msp.example:1:127.0.0.1" });
  EXPECT_EQ (run.code, 3) << run.err;
  EXPECT_NE (run.err.find ("tenant1.msp.example"), std::string::npos) << run.err;
  run = run_cli ({ "http://tenant1.msp.example/a.rdp" });
  EXPECT_EQ (run.code, 2);
  EXPECT_NE (run.err.find ("only https://"), std::string::npos) << run.err;
}
