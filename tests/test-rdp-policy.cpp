/* test-rdp-policy.cpp — the tenant policy, the .rdp filter and the pure summary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <string>

#include "atr-rdp-file.h"
#include "atr-rdp-policy.h"
#include "atr-rdp-summary.h"

namespace {

AtrRdpFile *
load_fixture (const char *name)
{
  const char *data = g_getenv ("ATR_TEST_DATA");
  g_autofree char *path = g_build_filename (data != nullptr ? data : "data", "rdp", name, nullptr);
  g_autofree char *contents = nullptr;
  gsize length = 0;
  g_autoptr(GError) error = nullptr;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      ADD_FAILURE () << error->message;
      return nullptr;
    }
  g_autoptr(GBytes) bytes = g_bytes_new (contents, length);
  AtrRdpFile *file = atr_rdp_file_new_from_bytes (bytes, name, &error);
  if (file == nullptr)
    ADD_FAILURE () << error->message;
  return file;
}

AtrRdpFile *
parse_text (const std::string &text)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text.data (), text.size ());
  return atr_rdp_file_new_from_bytes (bytes, "inline.rdp", nullptr);
}

const AtrRdpDropped *
find_dropped (GPtrArray *dropped, const char *key)
{
  for (guint i = 0; i < dropped->len; i++)
    {
      auto *entry = (const AtrRdpDropped *) g_ptr_array_index (dropped, i);
      if (g_strcmp0 (entry->key, key) == 0)
        return entry;
    }
  return nullptr;
}

gboolean
load_policy_json (AtrRdpPolicy *policy, const char *json, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;
  return atr_rdp_policy_load_json (policy, json_parser_get_root (parser), "policy.json", error);
}

} // namespace

TEST (RdpPolicy, DefaultAllowsClipboardAndAudioOnly)
{
  AtrRdpPolicy policy;
  atr_rdp_policy_init_default (&policy);
  EXPECT_EQ (policy.redirections, ATR_RDP_REDIRECT_CLIPBOARD | ATR_RDP_REDIRECT_AUDIO);
  EXPECT_FALSE (policy.allow_certificate_override);
  EXPECT_TRUE (policy.reconnect);
  EXPECT_TRUE (atr_rdp_policy_allows (&policy, ATR_RDP_REDIRECT_CLIPBOARD));
  EXPECT_FALSE (atr_rdp_policy_allows (&policy, ATR_RDP_REDIRECT_DRIVES));
  EXPECT_FALSE (atr_rdp_policy_allows (&policy, ATR_RDP_REDIRECT_NONE));
}

TEST (RdpPolicy, RedirectionNamesRoundTrip)
{
  const char *names[] = { "clipboard", "audio", "printers", "drives", "smartcards", "usb",
                          "camera", "comports", "microphone" };
  for (const char *name : names)
    {
      AtrRdpRedirection one = ATR_RDP_REDIRECT_NONE;
      ASSERT_TRUE (atr_rdp_redirection_from_string (name, &one)) << name;
      EXPECT_STREQ (atr_rdp_redirection_to_string (one), name);
    }
  EXPECT_FALSE (atr_rdp_redirection_from_string ("location", nullptr));
}

TEST (RdpPolicy, LoadsTheManifestPolicyObject)
{
  AtrRdpPolicy policy;
  g_autoptr(GError) error = nullptr;
  atr_rdp_policy_init_default (&policy);
  ASSERT_TRUE (load_policy_json (&policy,
                                 "{\"redirections\":[\"clipboard\",\"drives\",\"future-thing\"],"
                                 "\"allow_certificate_override\":true,\"reconnect\":false,"
                                 "\"idle_logoff_minutes\":30,\"unknown\":1}",
                                 &error))
    << error->message;
  EXPECT_EQ (policy.redirections, ATR_RDP_REDIRECT_CLIPBOARD | ATR_RDP_REDIRECT_DRIVES);
  EXPECT_TRUE (policy.allow_certificate_override);
  EXPECT_FALSE (policy.reconnect);
  EXPECT_EQ (policy.idle_logoff_minutes, 30u);

  /* Absent members keep the defaults; an empty list allows nothing. */
  ASSERT_TRUE (load_policy_json (&policy, "{\"redirections\":[]}", &error));
  EXPECT_EQ (policy.redirections, ATR_RDP_REDIRECT_NONE);
  EXPECT_TRUE (policy.reconnect);
}

TEST (RdpPolicy, BadPolicyDocumentsNameTheMember)
{
  struct { const char *json; const char *member; } cases[] = {
    { "{\"redirections\":\"drives\"}", "policy.redirections" },
    { "{\"redirections\":[\"clipboard\",7]}", "policy.redirections[1]" },
    { "{\"allow_certificate_override\":\"yes\"}", "policy.allow_certificate_override" },
    { "{\"reconnect\":1}", "policy.reconnect" },
    { "{\"idle_logoff_minutes\":-5}", "policy.idle_logoff_minutes" },
    { "[1,2]", "not a JSON object" },
  };
  for (auto &c : cases)
    {
      AtrRdpPolicy policy;
      g_autoptr(GError) error = nullptr;
      atr_rdp_policy_init_default (&policy);
      policy.reconnect = FALSE; /* a failed load leaves the policy untouched */
      EXPECT_FALSE (load_policy_json (&policy, c.json, &error)) << c.json;
      ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_POLICY));
      EXPECT_NE (strstr (error->message, c.member), nullptr) << error->message;
      EXPECT_NE (strstr (error->message, "policy.json"), nullptr) << error->message;
      EXPECT_FALSE (policy.reconnect);
    }
}

TEST (RdpPolicy, RogueCampaignFileIsDefused)
{
  g_autoptr(AtrRdpFile) input = load_fixture ("rogue-campaign.rdp");
  ASSERT_NE (input, nullptr);
  g_autoptr(GPtrArray) dropped = nullptr;
  g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, &dropped);
  ASSERT_NE (out, nullptr);

  /* No option line survives, and each is reported as injection. */
  for (guint i = 0; i < atr_rdp_file_get_n_lines (out); i++)
    EXPECT_NE (atr_rdp_file_get_line (out, i)->type, ATR_RDP_VALUE_OPTION);
  for (const char *option : { "/shell", "/drive", "/cert", "/v" })
    {
      const AtrRdpDropped *entry = find_dropped (dropped, option);
      ASSERT_NE (entry, nullptr) << option;
      EXPECT_NE (strstr (entry->reason, "injection"), nullptr);
    }
  EXPECT_EQ (find_dropped (dropped, "/shell")->line, 16u);

  /* drivestoredirect:s:* becomes no drive redirection at all. */
  EXPECT_EQ (atr_rdp_file_lookup (out, "drivestoredirect"), nullptr);
  EXPECT_NE (find_dropped (dropped, "drivestoredirect"), nullptr);
  gint64 value = -1;
  ASSERT_TRUE (atr_rdp_file_get_integer (out, "redirectdrives", &value));
  EXPECT_EQ (value, 0);
  for (const char *key : { "devicestoredirect", "usbdevicestoredirect", "camerastoredirect" })
    EXPECT_EQ (atr_rdp_file_lookup (out, key), nullptr) << key;
  for (const char *key : { "redirectprinters", "redirectsmartcards", "redirectcomports",
                           "redirectposdevices", "audiocapturemode", "redirectlocation",
                           "redirectwebauthn" })
    {
      ASSERT_TRUE (atr_rdp_file_get_integer (out, key, &value)) << key;
      EXPECT_EQ (value, 0) << key;
      EXPECT_NE (find_dropped (dropped, key), nullptr) << key;
    }
  /* The allowed clipboard stays on, silently. */
  ASSERT_TRUE (atr_rdp_file_get_integer (out, "redirectclipboard", &value));
  EXPECT_EQ (value, 1);
  EXPECT_EQ (find_dropped (dropped, "redirectclipboard"), nullptr);

  /* authentication level 0 is clamped to 2, and the clamp is recorded. */
  ASSERT_TRUE (atr_rdp_file_get_integer (out, "authentication level", &value));
  EXPECT_EQ (value, 2);
  const AtrRdpDropped *clamp = find_dropped (dropped, "authentication level");
  ASSERT_NE (clamp, nullptr);
  EXPECT_NE (strstr (clamp->reason, "clamped to 2"), nullptr);

  /* A KDC proxy named by the file goes; server-side programs stay. */
  EXPECT_EQ (atr_rdp_file_lookup (out, "kdcproxyname"), nullptr);
  EXPECT_EQ (atr_rdp_file_lookup (out, "rdgiskdcproxy"), nullptr);
  /* Switched off, as mstsc writes them, they stay without a report. */
  g_autoptr(AtrRdpFile) off = parse_text ("full address:s:h\nkdcproxyname:s:\nrdgiskdcproxy:i:0\n");
  g_autoptr(GPtrArray) off_dropped = nullptr;
  g_autoptr(AtrRdpFile) off_out = atr_rdp_file_filter (off, nullptr, &off_dropped);
  EXPECT_EQ (off_dropped->len, 0u);
  EXPECT_STREQ (atr_rdp_file_get_string (out, "alternate shell"), "powershell.exe");
  EXPECT_STREQ (atr_rdp_file_get_string (out, "remoteapplicationprogram"), "||msedge");

  g_autofree char *data = atr_rdp_file_to_data (out, nullptr);
  EXPECT_EQ (strstr (data, "drivestoredirect"), nullptr);
  EXPECT_EQ (strstr (data, "\n/"), nullptr);
  EXPECT_EQ (strstr (data, "cmd.exe"), nullptr);

  /* Reasons never quote values. */
  for (guint i = 0; i < dropped->len; i++)
    {
      auto *entry = (const AtrRdpDropped *) g_ptr_array_index (dropped, i);
      EXPECT_EQ (strstr (entry->reason, "attacker"), nullptr) << entry->reason;
      EXPECT_EQ (strstr (entry->reason, "cmd.exe"), nullptr) << entry->reason;
      if (i > 0)
        {
          EXPECT_LE (((AtrRdpDropped *) g_ptr_array_index (dropped, i - 1))->line, entry->line);
        }
    }

  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpSummary) summary = atr_rdp_summary_new_from_file (out, nullptr, &error);
  ASSERT_NE (summary, nullptr) << error->message;
  EXPECT_EQ (summary->redirections, ATR_RDP_REDIRECT_CLIPBOARD | ATR_RDP_REDIRECT_AUDIO);
}

TEST (RdpPolicy, AllowedRedirectionsPass)
{
  g_autoptr(AtrRdpFile) input = load_fixture ("rogue-campaign.rdp");
  ASSERT_NE (input, nullptr);
  AtrRdpPolicy policy;
  atr_rdp_policy_init_default (&policy);
  const char *names[] = { "drives", "printers", "usb", nullptr };
  atr_rdp_policy_set_redirections (&policy, names);

  g_autoptr(GPtrArray) dropped = nullptr;
  g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, &policy, &dropped);
  EXPECT_STREQ (atr_rdp_file_get_string (out, "drivestoredirect"), "*");
  EXPECT_STREQ (atr_rdp_file_get_string (out, "usbdevicestoredirect"), "*");
  gint64 value = 0;
  ASSERT_TRUE (atr_rdp_file_get_integer (out, "redirectprinters", &value));
  EXPECT_EQ (value, 1);
  /* Clipboard is no longer allowed by this policy. */
  ASSERT_TRUE (atr_rdp_file_get_integer (out, "redirectclipboard", &value));
  EXPECT_EQ (value, 0);
  /* Whatever the policy, options and the certificate clamp stay. */
  EXPECT_NE (find_dropped (dropped, "/shell"), nullptr);
  ASSERT_TRUE (atr_rdp_file_get_integer (out, "authentication level", &value));
  EXPECT_EQ (value, 2);

  g_autoptr(AtrRdpSummary) summary = atr_rdp_summary_new_from_file (out, &policy, nullptr);
  ASSERT_NE (summary, nullptr);
  EXPECT_EQ (summary->redirections,
             ATR_RDP_REDIRECT_DRIVES | ATR_RDP_REDIRECT_PRINTERS | ATR_RDP_REDIRECT_USB);
}

TEST (RdpPolicy, AudioAndReconnect)
{
  g_autoptr(AtrRdpFile) input = parse_text ("full address:s:h.example\naudiomode:i:0\n"
                                            "autoreconnection enabled:i:1\n");
  AtrRdpPolicy policy;
  atr_rdp_policy_init_default (&policy);
  policy.redirections = ATR_RDP_REDIRECT_CLIPBOARD;
  policy.reconnect = FALSE;

  g_autoptr(GPtrArray) dropped = nullptr;
  g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, &policy, &dropped);
  gint64 value = -1;
  ASSERT_TRUE (atr_rdp_file_get_integer (out, "audiomode", &value));
  EXPECT_EQ (value, 2); /* 0 would play here; 2 does not play */
  ASSERT_TRUE (atr_rdp_file_get_integer (out, "autoreconnection enabled", &value));
  EXPECT_EQ (value, 0);
  EXPECT_EQ (dropped->len, 2u);

  /* Audio not allowed and absent: mstsc's default (play here) does not apply either. */
  g_autoptr(AtrRdpFile) plain = parse_text ("full address:s:h.example\n");
  g_autoptr(AtrRdpSummary) summary = atr_rdp_summary_new_from_file (plain, &policy, nullptr);
  EXPECT_EQ (summary->redirections, ATR_RDP_REDIRECT_CLIPBOARD);
}

TEST (RdpPolicy, AuthenticationLevels)
{
  struct { int in; int out; bool recorded; } cases[] = {
    { 0, 2, true }, { 1, 1, false }, { 2, 2, false }, { 3, 2, true }, { 7, 2, true },
  };
  for (auto &c : cases)
    {
      std::string text = "full address:s:h\nauthentication level:i:" + std::to_string (c.in) + "\n";
      g_autoptr(AtrRdpFile) input = parse_text (text);
      g_autoptr(GPtrArray) dropped = nullptr;
      g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, &dropped);
      gint64 value = -1;
      ASSERT_TRUE (atr_rdp_file_get_integer (out, "authentication level", &value));
      EXPECT_EQ (value, c.out) << c.in;
      EXPECT_EQ (dropped->len, c.recorded ? 1u : 0u) << c.in;
    }
}

TEST (RdpPolicy, HugeValuesAndControlCharactersAreRefused)
{
  g_autoptr(AtrRdpFile) input = load_fixture ("huge-value.rdp");
  ASSERT_NE (input, nullptr);
  g_autoptr(GPtrArray) dropped = nullptr;
  g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, &dropped);

  EXPECT_EQ (atr_rdp_file_lookup (out, "remoteapplicationcmdline"), nullptr);
  EXPECT_NE (strstr (find_dropped (dropped, "remoteapplicationcmdline")->reason, "longer"), nullptr);
  EXPECT_EQ (atr_rdp_file_lookup (out, "remoteapplicationname"), nullptr);
  EXPECT_NE (strstr (find_dropped (dropped, "remoteapplicationname")->reason, "control"), nullptr);
  /* A tab is tolerated; exactly 2048 bytes is within the limit. */
  EXPECT_STREQ (atr_rdp_file_get_string (out, "alternate shell"), "tab\tok");
  EXPECT_EQ (strlen (atr_rdp_file_get_string (out, "loadbalanceinfo")), 2048u);
}

TEST (RdpPolicy, WrongTypesBadAddressesAndRepeats)
{
  g_autoptr(AtrRdpFile) input = load_fixture ("malformed.rdp");
  ASSERT_NE (input, nullptr);
  g_autoptr(GPtrArray) dropped = nullptr;
  g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, &dropped);

  /* Parser and filter entries together, in line order. */
  EXPECT_EQ (((AtrRdpDropped *) g_ptr_array_index (dropped, 0))->line, 1u);
  EXPECT_EQ (((AtrRdpDropped *) g_ptr_array_index (dropped, 1))->line, 2u);
  EXPECT_NE (find_dropped (dropped, "connection type"), nullptr);  /* negative */
  EXPECT_NE (find_dropped (dropped, "server port"), nullptr);      /* 0 */
  EXPECT_NE (find_dropped (dropped, "gatewayhostname"), nullptr);  /* port 70000 */
  EXPECT_NE (find_dropped (dropped, "gatewayusagemethod"), nullptr);  /* 9 */
  EXPECT_EQ (atr_rdp_file_lookup (out, "gatewayhostname"), nullptr);
  EXPECT_NE (find_dropped (dropped, "alternate full address"), nullptr);  /* a blank */
  EXPECT_STREQ (atr_rdp_file_get_string (out, "full address"), "ok.example:3390");
  /* A repeated key that is not security-relevant: the earlier line loses to line 17. */
  guint repeats = 0;
  for (guint i = 0; i < dropped->len; i++)
    {
      auto *entry = (AtrRdpDropped *) g_ptr_array_index (dropped, i);
      if (g_strcmp0 (entry->key, "desktopwidth") == 0 && strstr (entry->reason, "repeated"))
        {
          repeats++;
          EXPECT_NE (strstr (entry->reason, "line 17"), nullptr) << entry->reason;
        }
    }
  EXPECT_EQ (repeats, 1u);

  g_autoptr(AtrRdpFile) typed = parse_text ("full address:i:5\nserver port:s:3389\nredirectclipboard:s:1\n");
  g_autoptr(GPtrArray) typed_dropped = nullptr;
  g_autoptr(AtrRdpFile) typed_out = atr_rdp_file_filter (typed, nullptr, &typed_dropped);
  EXPECT_EQ (atr_rdp_file_get_n_lines (typed_out), 0u);
  EXPECT_EQ (typed_dropped->len, 3u);
}

TEST (RdpPolicy, UnknownKeysAndSecretsAreKept)
{
  g_autoptr(AtrRdpFile) input = load_fixture ("password51.rdp");
  ASSERT_NE (input, nullptr);
  g_autoptr(GPtrArray) dropped = nullptr;
  g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, &dropped);
  EXPECT_EQ (dropped->len, 0u);
  EXPECT_NE (atr_rdp_file_lookup (out, "password 51"), nullptr);
  EXPECT_STREQ (atr_rdp_file_get_string (out, "gatewayaccesstoken"), "TOKEN-SHOULD-NOT-LEAK");

  g_autoptr(AtrRdpFile) unknown = parse_text ("full address:s:h\nworkspace id:s:w1\nfancy:i:3\n");
  g_autoptr(AtrRdpFile) unknown_out = atr_rdp_file_filter (unknown, nullptr, nullptr);
  EXPECT_STREQ (atr_rdp_file_get_string (unknown_out, "workspace id"), "w1");
  EXPECT_TRUE (atr_rdp_file_get_integer (unknown_out, "fancy", nullptr));
}

TEST (RdpPolicy, FilterIsIdempotent)
{
  for (const char *name : { "rogue-campaign.rdp", "remoteapp-gateway.rdp", "mstsc-desktop.rdp",
                            "malformed.rdp", "huge-value.rdp" })
    {
      g_autoptr(AtrRdpFile) input = load_fixture (name);
      ASSERT_NE (input, nullptr);
      g_autoptr(AtrRdpFile) once = atr_rdp_file_filter (input, nullptr, nullptr);
      g_autoptr(GPtrArray) dropped = nullptr;
      g_autoptr(AtrRdpFile) twice = atr_rdp_file_filter (once, nullptr, &dropped);
      EXPECT_EQ (dropped->len, 0u) << name;
      g_autofree char *a = atr_rdp_file_to_data (once, nullptr);
      g_autofree char *b = atr_rdp_file_to_data (twice, nullptr);
      EXPECT_STREQ (a, b) << name;
    }
}

TEST (RdpSummary, RemoteAppThroughAGateway)
{
  g_autoptr(AtrRdpFile) input = load_fixture ("remoteapp-gateway.rdp");
  ASSERT_NE (input, nullptr);
  g_autoptr(GPtrArray) dropped = nullptr;
  g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, &dropped);
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpSummary) summary = atr_rdp_summary_new_from_file (out, nullptr, &error);
  ASSERT_NE (summary, nullptr) << error->message;

  EXPECT_STREQ (summary->host, "apps.tenant1.msp.example"); /* alternate full address wins */
  EXPECT_EQ (summary->port, 3390);                          /* its port beats server port */
  EXPECT_STREQ (summary->gateway_host, "gw1.msp.example");
  EXPECT_EQ (summary->gateway_port, 8443);
  EXPECT_EQ (summary->gateway_usage, 1u);
  EXPECT_EQ (summary->gateway_credentials_source, 0u);
  EXPECT_TRUE (summary->gateway_use_same_credentials);
  EXPECT_TRUE (summary->remoteapp);
  EXPECT_STREQ (summary->remoteapp_program, "||calc");
  EXPECT_STREQ (summary->remoteapp_name, "Calculator");
  EXPECT_STREQ (summary->remoteapp_cmdline, "/mode scientific");
  EXPECT_STREQ (summary->load_balance_info, "tsv://MS Terminal Services Plugin.1.Tenant1_Apps");
  EXPECT_EQ (summary->redirections, ATR_RDP_REDIRECT_CLIPBOARD | ATR_RDP_REDIRECT_AUDIO);

  /* The JSON has exactly the shape and no secret. */
  g_autoptr(JsonNode) node = atr_rdp_summary_to_json (summary, dropped);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  json_generator_set_root (generator, node);
  g_autofree char *text = json_generator_to_data (generator, nullptr);
  EXPECT_EQ (strstr (text, "GWTOKEN"), nullptr);
  JsonObject *root = json_node_get_object (node);
  EXPECT_EQ (json_object_get_size (root), 6u);
  for (const char *member : { "target", "gateway", "remoteapp", "load_balance_info",
                              "redirections", "dropped" })
    EXPECT_TRUE (json_object_has_member (root, member)) << member;
  EXPECT_EQ (json_object_get_size (json_object_get_object_member (root, "redirections")), 9u);
  EXPECT_EQ (json_object_get_int_member (json_object_get_object_member (root, "gateway"), "port"),
             8443);
  JsonArray *list = json_object_get_array_member (root, "dropped");
  ASSERT_EQ (json_array_get_length (list), dropped->len);
  JsonObject *first = json_array_get_object_element (list, 0);
  EXPECT_TRUE (json_object_has_member (first, "line"));
  EXPECT_TRUE (json_object_has_member (first, "key"));
  EXPECT_TRUE (json_object_has_member (first, "reason"));
}

TEST (RdpSummary, GatewayUsageMethods)
{
  /* FreeRDP enables the gateway for 1 (always) and 2 (detect) only. */
  const char *expected[] = { nullptr, "gw.example", "gw.example", nullptr, nullptr };
  for (int usage = 0; usage <= 4; usage++)
    {
      std::string text = "full address:s:h\ngatewayhostname:s:gw.example\ngatewayusagemethod:i:" +
                         std::to_string (usage) + "\n";
      g_autoptr(AtrRdpFile) input = parse_text (text);
      g_autoptr(AtrRdpSummary) summary = atr_rdp_summary_new_from_file (input, nullptr, nullptr);
      ASSERT_NE (summary, nullptr);
      EXPECT_STREQ (summary->gateway_host, expected[usage]) << usage;
      EXPECT_EQ (summary->gateway_usage, (guint) usage);
      if (expected[usage] != nullptr)
        {
          EXPECT_EQ (summary->gateway_port, 443);
        }
    }
}

TEST (RdpSummary, NoHostIsAnError)
{
  for (const char *text : { "", "username:s:bob\n", "full address:s:\n",
                            "full address:s:bad host\n" })
    {
      g_autoptr(AtrRdpFile) input = parse_text (text);
      g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, nullptr);
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrRdpSummary) summary = atr_rdp_summary_new_from_file (out, nullptr, &error);
      EXPECT_EQ (summary, nullptr);
      ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_NO_HOST));
      EXPECT_NE (strstr (error->message, "inline.rdp"), nullptr);
    }
}

TEST (RdpSummary, Addresses)
{
  struct { const char *text; const char *host; guint16 port; } good[] = {
    { "host.example", "host.example", 0 },
    { " host.example:3390 ", "host.example", 3390 },
    { "10.0.0.1:1", "10.0.0.1", 1 },
    { "[::1]:3389", "::1", 3389 },
    { "fe80::1", "fe80::1", 0 },
    { "Host.Example.:65535", "host.example", 65535 },
    { "b\xc3\xbc" "cher.example", "xn--bcher-kva.example", 0 },
  };
  for (auto &g : good)
    {
      g_autofree char *host = nullptr;
      guint16 port = 99;
      ASSERT_TRUE (atr_rdp_parse_address (g.text, &host, &port)) << g.text;
      EXPECT_STREQ (host, g.host);
      EXPECT_EQ (port, g.port);
    }
  for (const char *bad : { "", ":3389", "host:", "host:0", "host:65536", "host:12ab",
                           "ho st", "host/x", "user@host", "[::1", "[::1]x", "[zz::1]",
                           "host:-1", "a:b:c",
                           /* the link rule (atr-uri-host.c), one rule for both */
                           "-evil.example.net", "-evil.example.net:3389", "--proxy",
                           "[fe80::1%eth0]", "under_score.example", "127.1", "0x7f000001",
                           "evil.example\\x", "a..example", "x.-y.example" })
    EXPECT_FALSE (atr_rdp_parse_address (bad, nullptr, nullptr)) << bad;
}

TEST (RdpSummary, TextForPeople)
{
  g_autoptr(AtrRdpFile) input = load_fixture ("rogue-campaign.rdp");
  g_autoptr(GPtrArray) dropped = nullptr;
  g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, &dropped);
  g_autoptr(AtrRdpSummary) summary = atr_rdp_summary_new_from_file (out, nullptr, nullptr);
  g_autofree char *text = atr_rdp_summary_to_text (summary, dropped);
  EXPECT_NE (strstr (text, "Host:          rdp.attacker.example port 3389\n"), nullptr) << text;
  EXPECT_NE (strstr (text, "Redirections:  clipboard, audio\n"), nullptr) << text;
  EXPECT_NE (strstr (text, "line 16 (/shell)"), nullptr) << text;
}

/* Issue #8, finding 8: a file may not switch network level authentication or the security
 * layer negotiation off; like authentication level, they are clamped and reported, and the
 * reason never quotes the value. */
TEST (RdpPolicy, NlaAndSecurityNegotiationCannotBeSwitchedOff)
{
  struct { const char *key; gint64 in; gint64 out; bool recorded; } cases[] = {
    { "enablecredsspsupport", 0, 1, true },
    { "enablecredsspsupport", 1, 1, false },
    { "enablecredsspsupport", 7, 1, true },
    { "negotiate security layer", 0, 1, true },
    { "negotiate security layer", 1, 1, false },
    { "negotiate security layer", 3, 1, true },
  };
  for (auto &c : cases)
    {
      std::string text = std::string ("full address:s:h.example\n") + c.key + ":i:" +
                         std::to_string (c.in) + "\n";
      g_autoptr(AtrRdpFile) input = parse_text (text);
      ASSERT_NE (input, nullptr);
      g_autoptr(GPtrArray) dropped = nullptr;
      g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, &dropped);
      gint64 value = -1;
      ASSERT_TRUE (atr_rdp_file_get_integer (out, c.key, &value)) << c.key;
      EXPECT_EQ (value, c.out) << c.key << " " << c.in;
      EXPECT_EQ (dropped->len, c.recorded ? 1u : 0u) << c.key << " " << c.in;
      if (c.recorded)
        {
          const AtrRdpDropped *d = find_dropped (dropped, c.key);
          ASSERT_NE (d, nullptr);
          EXPECT_EQ (strstr (d->reason, std::to_string (c.in).c_str ()), nullptr) << d->reason;
        }
    }
  /* spelled any way a reader could take for the key */
  g_autoptr(AtrRdpFile) spelled = parse_text ("full address:s:h.example\n"
                                              " EnableCredSSPSupport :i:0\n"
                                              "Negotiate  Security\tLayer:i:0\n");
  g_autoptr(AtrRdpFile) spelled_out = atr_rdp_file_filter (spelled, nullptr, nullptr);
  gint64 value = -1;
  EXPECT_TRUE (atr_rdp_file_get_integer (spelled_out, "enablecredsspsupport", &value));
  EXPECT_EQ (value, 1);
  EXPECT_TRUE (atr_rdp_file_get_integer (spelled_out, "negotiate security layer", &value));
  EXPECT_EQ (value, 1);
  g_autofree char *data = atr_rdp_file_to_data (spelled_out, nullptr);
  EXPECT_NE (strstr (data, "\r\nnegotiate security layer:i:1\r\n"), nullptr) << data;
}

/* Hosts in files follow the link rule: no leading '-', nothing that is not a host. */
TEST (RdpPolicy, HostsThatAreNotHostsAreDropped)
{
  for (const char *key : { "full address", "alternate full address", "gatewayhostname" })
    for (const char *value : { "-evil.example.net", "-evil.example.net:3389", "--proxy=x",
                               "evil.example\\x", "user@evil.example", "127.1", "h_x.example",
                               "[fe80::1%eth0]" })
      {
        std::string text = g_str_equal (key, "full address")
            ? std::string ("full address:s:") + value + "\n"
            : std::string ("full address:s:harbour.atrium.test\n") + key + ":s:" + value + "\n";
        text += "gatewayusagemethod:i:1\n";
        g_autoptr(AtrRdpFile) input = parse_text (text);
        ASSERT_NE (input, nullptr) << text;
        g_autoptr(GPtrArray) dropped = nullptr;
        g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, &dropped);
        EXPECT_EQ (atr_rdp_file_lookup (out, key), nullptr) << key << " " << value;
        const AtrRdpDropped *d = find_dropped (dropped, key);
        ASSERT_NE (d, nullptr) << key << " " << value;
        EXPECT_EQ (strstr (d->reason, "evil"), nullptr) << d->reason;
        g_autoptr(GError) error = nullptr;
        g_autoptr(AtrRdpSummary) summary = atr_rdp_summary_new_from_file (out, nullptr, &error);
        if (g_str_equal (key, "full address"))
          EXPECT_EQ (summary, nullptr) << value;
        else
          {
            ASSERT_NE (summary, nullptr) << error->message;
            EXPECT_STREQ (summary->host, "harbour.atrium.test");
            EXPECT_EQ (summary->gateway_host, nullptr);
          }
        /* and never from the unfiltered file either */
        g_autoptr(AtrRdpSummary) raw = atr_rdp_summary_new_from_file (input, nullptr, nullptr);
        if (raw != nullptr)
          {
            EXPECT_STRNE (raw->host, value);
            EXPECT_EQ (raw->gateway_host, nullptr) << value;
          }
      }
}

/* The last step before a session: the host, port and gateway the filtered file really uses
 * must be the ones the check approved. */
TEST (RdpSummary, VerifyTargetAgainstWhatWasApproved)
{
  struct {
    const char *text;
    const char *host; guint16 port; const char *gateway; guint16 gateway_port;
    bool ok;
  } cases[] = {
    { "full address:s:harbour.atrium.test\n", "harbour.atrium.test", 0, nullptr, 0, true },
    { "full address:s:Harbour.Atrium.Test.:3389\n", "harbour.atrium.test", 3389, nullptr, 0, true },
    { "full address:s:harbour.atrium.test\n", "evil.example.net", 0, nullptr, 0, false },
    /* alternate full address wins over full address */
    { "full address:s:harbour.atrium.test\nalternate full address:s:evil.example.net\n",
      "harbour.atrium.test", 0, nullptr, 0, false },
    /* server port vs the port in the address */
    { "full address:s:harbour.atrium.test\nserver port:i:3390\n", "harbour.atrium.test", 0, nullptr, 0, false },
    { "full address:s:harbour.atrium.test\nserver port:i:3390\n", "harbour.atrium.test", 3390, nullptr, 0, true },
    { "full address:s:harbour.atrium.test:3391\nserver port:i:3390\n", "harbour.atrium.test", 3390, nullptr, 0, false },
    /* gateways: none approved, another one, another port */
    { "full address:s:harbour.atrium.test\ngatewayhostname:s:gw.evil.example\ngatewayusagemethod:i:1\n",
      "harbour.atrium.test", 0, nullptr, 0, false },
    { "full address:s:harbour.atrium.test\ngatewayhostname:s:gw.evil.example\ngatewayusagemethod:i:1\n",
      "harbour.atrium.test", 0, "gw.atrium.test", 0, false },
    { "full address:s:harbour.atrium.test\ngatewayhostname:s:gw.atrium.test:8443\ngatewayusagemethod:i:1\n",
      "harbour.atrium.test", 0, "gw.atrium.test", 443, false },
    { "full address:s:harbour.atrium.test\ngatewayhostname:s:GW.atrium.test:8443\ngatewayusagemethod:i:2\n",
      "harbour.atrium.test", 0, "gw.atrium.test", 8443, true },
    /* an approved gateway the file does not use is fine (fewer places, not more) */
    { "full address:s:harbour.atrium.test\ngatewayhostname:s:gw.atrium.test\n",
      "harbour.atrium.test", 0, "gw.atrium.test", 0, true },
  };
  for (auto &c : cases)
    {
      g_autoptr(AtrRdpFile) input = parse_text (c.text);
      ASSERT_NE (input, nullptr) << c.text;
      g_autoptr(AtrRdpFile) out = atr_rdp_file_filter (input, nullptr, nullptr);
      g_autoptr(AtrRdpSummary) summary = atr_rdp_summary_new_from_file (out, nullptr, nullptr);
      ASSERT_NE (summary, nullptr) << c.text;
      g_autoptr(GError) error = nullptr;
      gboolean ok = atr_rdp_summary_verify_target (summary, "inline.rdp", c.host, c.port,
                                                   c.gateway, c.gateway_port, &error);
      EXPECT_EQ (ok, c.ok) << c.text << (error ? error->message : "");
      if (!c.ok)
        {
          ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TARGET_MISMATCH))
              << c.text;
          EXPECT_NE (strstr (error->message, "inline.rdp"), nullptr) << error->message;
        }
    }
}

