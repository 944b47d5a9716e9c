// Tests for links as their publishers document them (issue #13, class 6): the bare ms-rd:
// of Microsoft's "Remote Desktop URI" page and the LaunchApp keys of Parallels' "Parallels
// Client URL Scheme" (client/core/atr-uri-parser.c, atr-uri-parallels.c). Each accepted key
// is checked, and none of the ones Atrium ignores adds a host, a port or a line to what the
// launch check approves.
#include <gtest/gtest.h>

#include <string>

#include "atr-launch-request.h"
#include "atr-uri-parser.h"

namespace {

AtrLaunchRequest *
parse_ok (const std::string &uri)
{
  g_autoptr(GError) error = nullptr;
  AtrLaunchRequest *r = atr_uri_parse (uri.c_str (), &error);
  EXPECT_NE (r, nullptr) << uri << ": " << (error ? error->message : "");
  return r;
}

void
expect_refused (const std::string &uri, AtrUriError code, const char *reason)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrLaunchRequest) r = atr_uri_parse (uri.c_str (), &error);
  EXPECT_EQ (r, nullptr) << uri;
  ASSERT_NE (error, nullptr) << uri;
  EXPECT_TRUE (g_error_matches (error, ATR_URI_ERROR, code)) << uri << ": " << error->message;
  EXPECT_NE (strstr (error->message, reason), nullptr) << uri << ": " << error->message;
}

// learn.microsoft.com, "Remote Desktop URI" (Windows Server, Remote Desktop Services): "Use
// ms-rd: without any command to launch the client."
TEST (UriDocumented, BareMsRdOpensTheClientAndNothingElse)
{
  g_autoptr(AtrLaunchRequest) r = parse_ok ("ms-rd:");
  ASSERT_NE (r, nullptr);
  EXPECT_EQ (atr_launch_request_get_action (r), ATR_LAUNCH_ACTION_OPEN);
  EXPECT_STREQ (atr_launch_action_to_string (ATR_LAUNCH_ACTION_OPEN), "open");
  EXPECT_EQ (atr_launch_request_get_source_scheme (r), ATR_URI_SCHEME_MS_RD);
  EXPECT_EQ (atr_launch_request_get_tenant (r), nullptr);
  EXPECT_EQ (atr_launch_request_get_host (r), nullptr);
  EXPECT_EQ (atr_launch_request_get_feed_url (r), nullptr);
  EXPECT_EQ (atr_launch_request_dup_rdp_payload (r), nullptr);
  g_auto(GStrv) hosts = atr_launch_request_dup_hosts (r);
  EXPECT_EQ (g_strv_length (hosts), 0u);

  // it reaches nothing, so even a kiosk with nothing enrolled lets it through
  g_autoptr(GError) error = nullptr;
  EXPECT_EQ (atr_launch_request_check (r, nullptr, TRUE, &error), ATR_LAUNCH_CHECK_ALLOWED);
  EXPECT_EQ (error, nullptr);

  // "nothing else": a bare ms-rd: with parameters is not a shortcut for subscribe
  expect_refused ("ms-rd:?url=https://feed.example/", ATR_URI_ERROR_UNKNOWN_PARAMETER,
                  "'ms-rd:' alone opens the client");
  expect_refused ("ms-rd:?password=hunter2", ATR_URI_ERROR_SECRET, "password");
  expect_refused ("ms-rd:open", ATR_URI_ERROR_UNKNOWN_ACTION, "no action to open the client");
  expect_refused ("ms-rd:#x", ATR_URI_ERROR_INVALID, "fragment");
}

// docs.parallels.com, "Parallels Client URL Scheme" > "Launch Published Resources
// (LaunchApp)": Alias is the name of a new connection, ConnType 0 is a Parallels RAS and 2 a
// standard RDP connection, Save=NO creates the connection without keeping it, UserName is
// deprecated but still supported. A launcher link as such a page builds it:
TEST (UriDocumented, ParallelsLauncherLinkWithEveryConnectionKey)
{
  g_autoptr(AtrLaunchRequest) r = parse_ok (
      "tuxclient://?Command=LaunchApp&ConnType=2&Server=ras.atrium.test&Port=3389"
      "&Alias=Harbour%20Office&Save=NO&UserName=bob%40harbour.test&AppID=");
  ASSERT_NE (r, nullptr);
  EXPECT_EQ (atr_launch_request_get_action (r), ATR_LAUNCH_ACTION_CONNECT);
  EXPECT_STREQ (atr_launch_request_get_command (r), "LaunchApp");
  EXPECT_STREQ (atr_launch_request_get_host (r), "ras.atrium.test");
  EXPECT_EQ (atr_launch_request_get_port (r), 3389u);
  EXPECT_STREQ (atr_launch_request_get_user (r), "bob@harbour.test");
  EXPECT_EQ (g_strv_length ((char **) atr_launch_request_get_warnings (r)), 0u);

  // the key's value in any case, as the documentation's "NO"
  for (const char *no : { "NO", "No", "no" })
    {
      g_autoptr(AtrLaunchRequest) n = parse_ok (
          std::string ("prlclient:///?Command=LaunchApp&Server=ras.atrium.test&ConnType=2&Save=") +
          no);
      ASSERT_NE (n, nullptr);
      EXPECT_EQ (g_strv_length ((char **) atr_launch_request_get_warnings (n)), 0u);
    }

  // Save=YES asks Parallels Client to keep the connection: Atrium keeps nothing from a
  // link, and says so rather than dropping the request silently
  g_autoptr(AtrLaunchRequest) yes = parse_ok (
      "tuxclient:///?Command=LaunchApp&Server=ras.atrium.test&ConnType=2&Save=YES");
  ASSERT_NE (yes, nullptr);
  const char * const *warnings = atr_launch_request_get_warnings (yes);
  ASSERT_EQ (g_strv_length ((char **) warnings), 1u);
  EXPECT_NE (strstr (warnings[0], "Save"), nullptr) << warnings[0];

  // what the documentation does not allow stays refused, naming the key
  const std::string launch = "tuxclient:///?Command=LaunchApp&Server=ras.atrium.test";
  expect_refused (launch + "&Save=maybe", ATR_URI_ERROR_BAD_VALUE, "Save");
  expect_refused (launch + "&Save=", ATR_URI_ERROR_BAD_VALUE, "Save");
  expect_refused (launch + "&Save=1", ATR_URI_ERROR_BAD_VALUE, "Save");
  expect_refused (launch + "&Save=No&save=Yes", ATR_URI_ERROR_DUPLICATE, "save");
  expect_refused (launch + "&ConnType=1", ATR_URI_ERROR_BAD_VALUE, "ConnType");
  expect_refused ("tuxclient:///?Command=Get2xa&Server=ras.atrium.test&Save=No",
                  ATR_URI_ERROR_UNKNOWN_PARAMETER, "Save");
  expect_refused ("tuxclient:///?Command=GetVersion&Save=No", ATR_URI_ERROR_UNKNOWN_PARAMETER,
                  "Save");
  expect_refused (launch + "&Save=No&Password=hunter2", ATR_URI_ERROR_SECRET, "Password");
}

// The keys Atrium accepts and ignores never widen what the check approves (#8): a link with
// them reaches exactly the hosts, port, user and .rdp lines of the same link without them,
// even when a value looks like a host.
TEST (UriDocumented, IgnoredParallelsKeysNeverWidenTheApprovedHosts)
{
  const std::string plain =
      "tuxclient:///?Command=LaunchApp&Server=ras.atrium.test&AppID=7&ConnType=2";
  g_autoptr(AtrLaunchRequest) base = parse_ok (plain);
  ASSERT_NE (base, nullptr);

  for (const char *extra : { "&Alias=evil.example.net&Save=Yes",
                             "&Alias=evil.example.net:3389&Save=No",
                             "&Save=YES&Alias=ras.atrium.test%2Cevil.example.net" })
    {
      g_autoptr(AtrLaunchRequest) r = parse_ok (plain + extra);
      ASSERT_NE (r, nullptr) << extra;

      g_auto(GStrv) hosts = atr_launch_request_dup_hosts (r);
      g_auto(GStrv) base_hosts = atr_launch_request_dup_hosts (base);
      EXPECT_TRUE (g_strv_equal (hosts, base_hosts)) << extra;
      EXPECT_STREQ (atr_launch_request_get_host (r), "ras.atrium.test");
      EXPECT_EQ (atr_launch_request_get_port (r), atr_launch_request_get_port (base));
      EXPECT_STREQ (atr_launch_request_get_resource (r), "7");
      EXPECT_EQ (atr_launch_request_get_user (r), nullptr);
      EXPECT_EQ (atr_launch_request_get_backup_host (r), nullptr);
      EXPECT_EQ (atr_launch_request_get_gateway_host (r), nullptr);

      g_autofree char *payload = atr_launch_request_dup_rdp_payload (r);
      g_autofree char *base_payload = atr_launch_request_dup_rdp_payload (base);
      EXPECT_STREQ (payload, base_payload) << extra;
      ASSERT_NE (payload, nullptr);
      EXPECT_EQ (strstr (payload, "evil"), nullptr) << payload;

      // enrolled: the same verdicts as without the keys
      const char *enrolled[] = { "ras.atrium.test", nullptr };
      EXPECT_EQ (atr_launch_request_check (r, enrolled, TRUE, nullptr), ATR_LAUNCH_CHECK_ALLOWED);
      const char *other[] = { "evil.example.net", nullptr };
      g_autoptr(GError) error = nullptr;
      EXPECT_EQ (atr_launch_request_check (r, other, TRUE, &error), ATR_LAUNCH_CHECK_REFUSED);
      EXPECT_EQ (atr_launch_request_check (r, other, FALSE, nullptr), ATR_LAUNCH_CHECK_CONFIRM);
    }
}

// ConnType 2 is a "Standard RDP Connection": Server is an RDP host, and the link becomes an
// .rdp payload naming Server, its port and the user, nothing else, so the launcher's
// verify-target step (atr_rdp_summary_verify_target) sees the approved host and port. Any
// other ConnType is a Parallels RAS connection: no payload, and a warning says why.
TEST (UriDocumented, ConnType2IsAnRdpConnectionToTheServer)
{
  g_autoptr(AtrLaunchRequest) r = parse_ok (
      "tuxclient://?Command=LaunchApp&ConnType=2&Server=ras.atrium.test:3390"
      "&UserName=bob%40harbour.test&Alias=Harbour&Backup=ras2.atrium.test");
  ASSERT_NE (r, nullptr);
  g_autofree char *payload = atr_launch_request_dup_rdp_payload (r);
  EXPECT_STREQ (payload, "full address:s:ras.atrium.test:3390\r\nusername:s:bob@harbour.test\r\n");

  g_autoptr(AtrLaunchRequest) v6 = parse_ok ("prlclient:///?Command=LaunchApp&ConnType=2&Server=::1");
  ASSERT_NE (v6, nullptr);
  g_autofree char *v6_payload = atr_launch_request_dup_rdp_payload (v6);
  EXPECT_STREQ (v6_payload, "full address:s:[::1]\r\n");

  for (const char *ras : { "tuxclient:///?Command=LaunchApp&Server=ras.atrium.test&ConnType=0",
                           "tuxclient:///?Command=LaunchApp&Server=ras.atrium.test&AppID=2360" })
    {
      g_autoptr(AtrLaunchRequest) q = parse_ok (ras);
      ASSERT_NE (q, nullptr);
      EXPECT_EQ (atr_launch_request_dup_rdp_payload (q), nullptr) << ras;
      const char * const *warnings = atr_launch_request_get_warnings (q);
      ASSERT_EQ (g_strv_length ((char **) warnings), 1u) << ras;
      EXPECT_NE (strstr (warnings[0], "ConnType"), nullptr) << warnings[0];
    }
}

}  // namespace

/* The kiosk asks whether a .rdp file's host and gateway are enrolled; files and feeds write
 * hosts as they like (Microsoft's examples use mixed case and FQDNs with a trailing dot), so
 * the comparison is in the canonical form on both sides, never a plain string compare. */
TEST (UriDocumented, EnrolledHostsCompareInTheirCanonicalForm)
{
  const char *enrolled[] = { "Harbour-RDCB01.Atrium.Test", "bücher.example", "::1", nullptr };

  EXPECT_TRUE (atr_launch_host_is_enrolled ("harbour-rdcb01.atrium.test", enrolled));
  EXPECT_TRUE (atr_launch_host_is_enrolled ("HARBOUR-RDCB01.ATRIUM.TEST.", enrolled));
  EXPECT_TRUE (atr_launch_host_is_enrolled ("xn--bcher-kva.example", enrolled));
  EXPECT_TRUE (atr_launch_host_is_enrolled ("[::1]", enrolled));
  EXPECT_FALSE (atr_launch_host_is_enrolled ("harbour-rdcb02.atrium.test", enrolled));
  EXPECT_FALSE (atr_launch_host_is_enrolled ("atrium.test", enrolled));
  EXPECT_FALSE (atr_launch_host_is_enrolled ("", enrolled));
  EXPECT_FALSE (atr_launch_host_is_enrolled ("harbour-rdcb01.atrium.test", nullptr));
}
