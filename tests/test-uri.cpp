// Tests for connection links (client/core/atr-uri-parser.c, atr-uri-rdp.c, atr-uri-host.c)
// and the launch check (atr-launch-request.c): hostile links refused with a reason, every
// accepted form round-tripped, the enrolled / not enrolled / kiosk matrix, and the built
// `atrium-cli uri` (ATR_CLI, set by meson) for --json and exit code 6.
//
// The headers are included from C++ on purpose: they must compile as C++.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "atr-cli-runner.h"
#include "atr-launch-request.h"
#include "atr-uri-host.h"
#include "atr-uri-parser.h"

namespace {

// Every secret below uses this value; no error message may ever contain it.
constexpr const char *kSecret = "hunter2";

struct Hostile
{
  const char *name;
  std::string uri;
  AtrUriError code;
  const char *reason;  // a substring the message must contain
};

// gtest prints a failing parameter with this (not as a byte dump of the struct)
void
PrintTo (const Hostile &c, std::ostream *os)
{
  *os << c.name;
}

std::string
repeat (const char *piece, size_t n)
{
  std::string s;
  for (size_t i = 0; i < n; i++)
    s += piece;
  return s;
}

const std::string kLaunch = "tuxclient:///?Command=LaunchApp&Server=ras.example&AppID=7";
const std::string kRdp = "rdp://full%20address=s:host.example:3389";
const std::string kConnect = "atrium://connect?tenant=t.example";

std::vector<Hostile>
hostile_cases ()
{
  return {
    // empty and overlong
    { "empty", "", ATR_URI_ERROR_EMPTY, "empty" },
    { "overlong", kConnect + "&resource=" + repeat ("a", ATR_URI_MAX_LENGTH), ATR_URI_ERROR_TOO_LONG, "8192" },
    { "overlong-value", kConnect + "&resource=" + repeat ("a", 600), ATR_URI_ERROR_TOO_LONG, "resource" },
    { "label-over-63", "atrium://connect?tenant=" + repeat ("a", 64) + ".example", ATR_URI_ERROR_BAD_HOST, "label" },
    { "host-over-253", "atrium://connect?tenant=" + repeat ("abcdefghi.", 26) + "example", ATR_URI_ERROR_TOO_LONG, "253" },
    // schemes that are not connection links
    { "file", "file:///etc/passwd", ATR_URI_ERROR_UNSUPPORTED_SCHEME, "'file:'" },
    { "javascript", "javascript:alert(1)", ATR_URI_ERROR_UNSUPPORTED_SCHEME, "'javascript:'" },
    { "data", "data:text/html,%3Cscript%3E", ATR_URI_ERROR_UNSUPPORTED_SCHEME, "'data:'" },
    { "http-target", "http://evil.example/", ATR_URI_ERROR_UNSUPPORTED_SCHEME, "'http:'" },
    { "https-target", "https://evil.example/x.rdp", ATR_URI_ERROR_UNSUPPORTED_SCHEME, "'https:'" },
    { "no-scheme", "-atrium://connect?tenant=t.example", ATR_URI_ERROR_INVALID, "scheme" },
    { "atrium-without-slashes", "atrium:connect?tenant=t.example", ATR_URI_ERROR_INVALID, "'//'" },
    // option injection with '-' / '--'
    { "dash-tenant", "atrium://connect?tenant=-evil.example", ATR_URI_ERROR_BAD_HOST, "'-'" },
    { "encoded-dash-tenant", "atrium://connect?tenant=%2d-proxy.example", ATR_URI_ERROR_BAD_HOST, "'-'" },
    { "dashdash-user", kConnect + "&user=--option%3Dx", ATR_URI_ERROR_BAD_VALUE, "'-'" },
    { "dash-resource", kConnect + "&resource=-x", ATR_URI_ERROR_BAD_VALUE, "'-'" },
    { "dashdash-server", "tuxclient:///?Command=LaunchApp&Server=--proxy%3Devil&AppID=1", ATR_URI_ERROR_BAD_HOST, "'-'" },
    { "dash-loginex", kLaunch + "&LoginEx=-u", ATR_URI_ERROR_BAD_VALUE, "LoginEx" },
    { "dash-appid", "tuxclient:///?Command=LaunchApp&Server=ras.example&AppID=--x", ATR_URI_ERROR_BAD_VALUE, "AppID" },
    { "dash-rdp-username", kRdp + "&username=s:-x", ATR_URI_ERROR_BAD_VALUE, "username" },
    { "fullwidth-hyphen", "atrium://connect?tenant=%EF%BC%8Devil.example", ATR_URI_ERROR_BAD_HOST, "'-'" },
    { "rdp-option-line", kRdp + "&%2Fproxy%3Ahttp=s:x", ATR_URI_ERROR_FORBIDDEN, "command-line option" },
    // NUL, CR/LF and invisible characters
    { "encoded-nul", "atrium://connect?tenant=t.example%00.evil.example", ATR_URI_ERROR_INVALID, "NUL" },
    { "raw-crlf", kConnect + "\r\nHost: evil.example", ATR_URI_ERROR_INVALID, "control" },
    { "raw-tab", kConnect + "\t", ATR_URI_ERROR_INVALID, "control" },
    { "encoded-crlf-user", kConnect + "&user=a%0d%0ab", ATR_URI_ERROR_INVALID, "control" },
    { "encoded-lf-resource", kConnect + "&resource=%0a", ATR_URI_ERROR_INVALID, "control" },
    { "crlf-loadbalanceinfo", kRdp + "&loadbalanceinfo=s:tsv%3A%2F%2Fx%0d%0aCookie%3A%20y", ATR_URI_ERROR_INVALID, "control" },
    { "zero-width-host", "atrium://connect?tenant=t%E2%80%8B.example", ATR_URI_ERROR_INVALID, "invisible" },
    { "bidi-override-user", kConnect + "&user=a%E2%80%AEb", ATR_URI_ERROR_INVALID, "invisible" },
    { "invalid-utf8-raw", kConnect + "&user=\xff", ATR_URI_ERROR_INVALID, "UTF-8" },
    { "invalid-utf8-encoded", kConnect + "&user=%ff", ATR_URI_ERROR_INVALID, "UTF-8" },
    // percent tricks and double encoding
    { "double-encoded-dash-host", "atrium://connect?tenant=%252dfoo.example", ATR_URI_ERROR_BAD_HOST, "'%'" },
    { "double-encoded-dash-user", kConnect + "&user=%252d%252dhelp", ATR_URI_ERROR_BAD_VALUE, "double" },
    { "double-encoded-lf", kConnect + "&user=a%250ab", ATR_URI_ERROR_BAD_VALUE, "double" },
    { "double-encoded-nul-host", "tuxclient:///?Command=LaunchApp&Server=h%2500.example&AppID=1", ATR_URI_ERROR_BAD_HOST, "'%'" },
    { "malformed-escape", kConnect + "&user=%zz", ATR_URI_ERROR_INVALID, "percent" },
    { "truncated-escape", kConnect + "&user=a%2", ATR_URI_ERROR_INVALID, "percent" },
    // secrets in keys, every spelling
    { "Password", kLaunch + "&Password=" + kSecret, ATR_URI_ERROR_SECRET, "'Password'" },
    { "EncPass", kLaunch + "&EncPass=" + kSecret, ATR_URI_ERROR_SECRET, "'EncPass'" },
    { "password-lower", kLaunch + "&password=" + kSecret, ATR_URI_ERROR_SECRET, "'password'" },
    { "PASSWORD-upper", kConnect + "&PASSWORD=" + kSecret, ATR_URI_ERROR_SECRET, "'PASSWORD'" },
    { "pwd", kConnect + "&pwd=" + kSecret, ATR_URI_ERROR_SECRET, "'pwd'" },
    { "passwd", kConnect + "&passwd=" + kSecret, ATR_URI_ERROR_SECRET, "'passwd'" },
    { "encoded-key", kConnect + "&pass%77ord=" + kSecret, ATR_URI_ERROR_SECRET, "'password'" },
    { "secret-before-other-errors", "tuxclient:///?Command=Nope&Server=-x&Password=" + std::string (kSecret), ATR_URI_ERROR_SECRET, "Password" },
    { "rdp-password-51", kRdp + "&password%2051=b:" + kSecret, ATR_URI_ERROR_SECRET, "'password 51'" },
    { "rdp-clear-password", kRdp + "&clear%20password=s:" + kSecret, ATR_URI_ERROR_SECRET, "'clear password'" },
    { "rdp-gatewayaccesstoken", kRdp + "&gatewayaccesstoken=s:" + kSecret, ATR_URI_ERROR_SECRET, "gatewayaccesstoken" },
    { "rdp-GatewayAccessToken", kRdp + "&GatewayAccessToken=s:" + kSecret, ATR_URI_ERROR_SECRET, "GatewayAccessToken" },
    { "ms-rd-token", "ms-rd:subscribe?url=https%3A%2F%2Ff.example%2F&access_token=" + std::string (kSecret), ATR_URI_ERROR_SECRET, "access_token" },
    // feeds: https only
    { "ms-rd-http-feed", "ms-rd:subscribe?url=http%3A%2F%2Ffeed.example%2FRDWeb%2FFeed", ATR_URI_ERROR_UNSUPPORTED_SCHEME, "https" },
    { "ms-rd-javascript-feed", "ms-rd:subscribe?url=javascript%3Aalert(1)", ATR_URI_ERROR_UNSUPPORTED_SCHEME, "https" },
    { "ms-rd-file-feed", "ms-rd:subscribe?url=file%3A%2F%2F%2Fetc%2Fpasswd", ATR_URI_ERROR_UNSUPPORTED_SCHEME, "https" },
    { "ms-rd-userinfo-feed", "ms-rd:subscribe?url=https%3A%2F%2Fuser%3A" + std::string (kSecret) + "%40feed.example%2F", ATR_URI_ERROR_BAD_HOST, "'@'" },
    { "ms-rd-backslash-feed", "ms-rd:subscribe?url=https%3A%2F%2Ffeed.example%5C.evil.example%2F", ATR_URI_ERROR_BAD_HOST, "backslash" },
    { "ms-rd-no-url", "ms-rd:subscribe", ATR_URI_ERROR_MISSING, "'url'" },
    { "ms-rd-unknown-action", "ms-rd:connect?url=https%3A%2F%2Ffeed.example%2F", ATR_URI_ERROR_UNKNOWN_ACTION, "connect" },
    // userinfo and confusable hosts
    { "userinfo-in-tenant", "atrium://connect?tenant=good.example%40evil.example", ATR_URI_ERROR_BAD_HOST, "'@'" },
    { "userinfo-in-authority", "atrium://alice:" + std::string (kSecret) + "@connect?tenant=t.example", ATR_URI_ERROR_INVALID, "user information" },
    { "userinfo-in-server", "tuxclient:///?Command=LaunchApp&Server=alice%40ras.example&AppID=1", ATR_URI_ERROR_BAD_HOST, "'@'" },
    { "fullwidth-at", "atrium://connect?tenant=good.example%EF%BC%A0evil.example", ATR_URI_ERROR_BAD_HOST, "host" },
    { "backslash-host", "atrium://connect?tenant=good.example%5Cevil.example", ATR_URI_ERROR_BAD_HOST, "backslash" },
    { "space-in-host", "atrium://connect?tenant=good.example%20evil", ATR_URI_ERROR_BAD_HOST, "space" },
    { "short-ipv4", "tuxclient:///?Command=LaunchApp&Server=127.1&AppID=1", ATR_URI_ERROR_BAD_HOST, "numeric" },
    { "hex-ipv4", "tuxclient:///?Command=LaunchApp&Server=0x7f000001&AppID=1", ATR_URI_ERROR_BAD_HOST, "numeric" },
    { "tenant-ip", "atrium://connect?tenant=127.0.0.1", ATR_URI_ERROR_BAD_HOST, "IP address" },
    { "empty-label", "atrium://connect?tenant=a..example", ATR_URI_ERROR_BAD_HOST, "label" },
    { "bad-punycode", "atrium://connect?tenant=xn--zz-.example", ATR_URI_ERROR_BAD_HOST, "host" },
    // unknown actions, commands and parameters
    { "atrium-unknown-action", "atrium://launch?tenant=t.example", ATR_URI_ERROR_UNKNOWN_ACTION, "'launch'" },
    { "atrium-unknown-param", kConnect + "&exec=calc", ATR_URI_ERROR_UNKNOWN_PARAMETER, "'exec'" },
    { "atrium-subscribe-with-user", "atrium://subscribe?tenant=t.example&user=bob", ATR_URI_ERROR_UNKNOWN_PARAMETER, "'user'" },
    { "atrium-no-tenant", "atrium://connect?resource=calc", ATR_URI_ERROR_MISSING, "'tenant'" },
    { "atrium-path", "atrium://connect/evil?tenant=t.example", ATR_URI_ERROR_INVALID, "path" },
    { "fragment", kConnect + "#x", ATR_URI_ERROR_INVALID, "'#'" },
    { "raw-space", kConnect + "&user=a b", ATR_URI_ERROR_INVALID, "space" },
    { "unknown-command", "tuxclient:///?Command=RunScript&Server=ras.example", ATR_URI_ERROR_UNKNOWN_ACTION, "'RunScript'" },
    { "no-command", "prlclient:///?Server=ras.example", ATR_URI_ERROR_MISSING, "'Command'" },
    { "unknown-parallels-param", kLaunch + "&Exec=cmd", ATR_URI_ERROR_UNKNOWN_PARAMETER, "'Exec'" },
    { "getversion-with-server", "tuxclient:///?Command=GetVersion&Server=evil.example", ATR_URI_ERROR_UNKNOWN_PARAMETER, "GetVersion" },
    { "launchapp-without-server", "tuxclient:///?Command=LaunchApp&AppID=1", ATR_URI_ERROR_MISSING, "'Server'" },
    { "get2xa-without-server", "tuxclient:///?Command=Get2xa", ATR_URI_ERROR_MISSING, "'Server'" },
    { "parallels-authority", "tuxclient://evil.example/?Command=GetVersion", ATR_URI_ERROR_INVALID, "authority" },
    { "connmode-4", kLaunch + "&ConnMode=4", ATR_URI_ERROR_BAD_VALUE, "ConnMode" },
    { "connmode-negative", kLaunch + "&ConnMode=-1", ATR_URI_ERROR_BAD_VALUE, "ConnMode" },
    { "duplicate-tenant", "atrium://connect?tenant=good.example&tenant=evil.example", ATR_URI_ERROR_DUPLICATE, "'tenant'" },
    { "duplicate-server-case", kLaunch + "&server=evil.example", ATR_URI_ERROR_DUPLICATE, "'server'" },
    { "no-value", kConnect + "&user", ATR_URI_ERROR_INVALID, "'user'" },
    // ports
    { "port-0", kLaunch + "&Port=0", ATR_URI_ERROR_BAD_PORT, "1 to 65535" },
    { "port-65536", kLaunch + "&Port=65536", ATR_URI_ERROR_BAD_PORT, "1 to 65535" },
    { "port-minus-1", kLaunch + "&Port=-1", ATR_URI_ERROR_BAD_PORT, "Port" },
    { "port-abc", kLaunch + "&Port=abc", ATR_URI_ERROR_BAD_PORT, "Port" },
    { "port-plus", kLaunch + "&Port=%2B80", ATR_URI_ERROR_BAD_PORT, "Port" },
    { "port-space", kLaunch + "&Port=%2080", ATR_URI_ERROR_BAD_PORT, "Port" },
    { "rdp-address-port-0", "rdp://full%20address=s:host.example:0", ATR_URI_ERROR_BAD_PORT, "full address" },
    { "rdp-address-port-99999", "rdp://full%20address=s:host.example:99999", ATR_URI_ERROR_BAD_PORT, "full address" },
    { "rdp-server-port-conflict", kRdp + "&server%20port=i:3390", ATR_URI_ERROR_BAD_PORT, "server port" },
    // redirections and other attributes links may not set
    { "rdp-drivestoredirect", kRdp + "&drivestoredirect=s:*", ATR_URI_ERROR_FORBIDDEN, "'drivestoredirect'" },
    { "rdp-redirectclipboard", kRdp + "&redirectclipboard=i:1", ATR_URI_ERROR_FORBIDDEN, "'redirectclipboard'" },
    { "rdp-redirectprinters", kRdp + "&redirectprinters=i:1", ATR_URI_ERROR_FORBIDDEN, "redirection" },
    { "rdp-devicestoredirect", kRdp + "&devicestoredirect=s:*", ATR_URI_ERROR_FORBIDDEN, "redirection" },
    { "rdp-camerastoredirect", kRdp + "&camerastoredirect=s:*", ATR_URI_ERROR_FORBIDDEN, "redirection" },
    { "rdp-usbdevicestoredirect", kRdp + "&usbdevicestoredirect=s:*", ATR_URI_ERROR_FORBIDDEN, "redirection" },
    { "rdp-RedirectDrives-case", kRdp + "&RedirectDrives=i:1", ATR_URI_ERROR_FORBIDDEN, "redirection" },
    { "rdp-audiocapturemode", kRdp + "&audiocapturemode=i:1", ATR_URI_ERROR_FORBIDDEN, "microphone" },
    { "rdp-use-redirection-server-name", kRdp + "&use%20redirection%20server%20name=i:1", ATR_URI_ERROR_FORBIDDEN, "redirect" },
    { "rdp-authentication-level", kRdp + "&authentication%20level=i:0", ATR_URI_ERROR_FORBIDDEN, "certificate" },
    { "rdp-alternate-shell", kRdp + "&alternate%20shell=s:cmd.exe", ATR_URI_ERROR_FORBIDDEN, "program" },
    { "rdp-cmdline", kRdp + "&remoteapplicationcmdline=s:x", ATR_URI_ERROR_FORBIDDEN, "command line" },
    { "rdp-kdcproxy", kRdp + "&kdcproxyname=s:evil.example", ATR_URI_ERROR_FORBIDDEN, "KDC" },
    { "rdp-unknown", kRdp + "&foo=i:1", ATR_URI_ERROR_UNKNOWN_PARAMETER, "allow-list" },
    { "rdp-wrong-type", kRdp + "&audiomode=s:2", ATR_URI_ERROR_BAD_VALUE, "type" },
    { "rdp-out-of-range", kRdp + "&audiomode=i:9", ATR_URI_ERROR_BAD_VALUE, "0 to 2" },
    { "rdp-no-type", kRdp + "&audiomode=2", ATR_URI_ERROR_INVALID, "TYPE:VALUE" },
    { "rdp-no-address", "rdp://audiomode=i:2", ATR_URI_ERROR_MISSING, "full address" },
    // IPv6 brackets malformed
    { "ipv6-unclosed", "rdp://full%20address=s:%5B::1:3389", ATR_URI_ERROR_BAD_HOST, "']'" },
    { "ipv6-not-an-address", "rdp://full%20address=s:%5Bzz::1%5D:3389", ATR_URI_ERROR_BAD_HOST, "IPv6" },
    { "ipv6-unbracketed-with-port", "rdp://full%20address=s:::1:3389", ATR_URI_ERROR_BAD_HOST, "brackets" },
    { "ipv4-in-brackets", "rdp://full%20address=s:%5B127.0.0.1%5D:3389", ATR_URI_ERROR_BAD_HOST, "IPv6" },
    { "ipv6-trailing-junk", "rdp://full%20address=s:%5B::1%5Dx", ATR_URI_ERROR_BAD_HOST, "after ']'" },
    { "ipv6-stray-bracket", "rdp://full%20address=s:::1%5D", ATR_URI_ERROR_BAD_HOST, "']'" },
    { "ipv6-zone-index", "tuxclient:///?Command=LaunchApp&Server=fe80::1%25eth0&AppID=1", ATR_URI_ERROR_BAD_HOST, "'%'" },
  };
}

class HostileUri : public ::testing::TestWithParam<Hostile> {};

TEST_P (HostileUri, IsRefusedWithAReason)
{
  const Hostile &c = GetParam ();
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrLaunchRequest) request = atr_uri_parse (c.uri.c_str (), &error);

  ASSERT_EQ (request, nullptr) << c.uri;
  ASSERT_NE (error, nullptr);
  EXPECT_EQ (error->domain, ATR_URI_ERROR);
  EXPECT_EQ (error->code, (int) c.code) << error->message;
  EXPECT_NE (strstr (error->message, c.reason), nullptr)
      << "message: " << error->message << "\nexpected to contain: " << c.reason;
  EXPECT_EQ (strstr (error->message, kSecret), nullptr) << error->message;
  EXPECT_EQ (strpbrk (error->message, "\r\n"), nullptr) << error->message;
}

std::string
case_name (const ::testing::TestParamInfo<Hostile> &info)
{
  std::string name = info.param.name;
  for (auto &ch : name)
    if (!g_ascii_isalnum (ch))
      ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P (Uri, HostileUri, ::testing::ValuesIn (hostile_cases ()), case_name);

TEST (Uri, AtLeastFortyHostileCases)
{
  EXPECT_GE (hostile_cases ().size (), 40u);
}

AtrLaunchRequest *
parse_ok (const std::string &uri)
{
  g_autoptr(GError) error = nullptr;
  AtrLaunchRequest *request = atr_uri_parse (uri.c_str (), &error);
  EXPECT_NE (request, nullptr) << uri << ": " << (error ? error->message : "");
  return request;
}

void
expect_round_trip (AtrLaunchRequest *request)
{
  g_autofree char *uri = atr_launch_request_to_uri (request);
  ASSERT_NE (uri, nullptr);
  g_autoptr(AtrLaunchRequest) again = parse_ok (uri);
  ASSERT_NE (again, nullptr);
  EXPECT_TRUE (atr_launch_request_equal (request, again)) << uri;
  g_autofree char *uri2 = atr_launch_request_to_uri (again);
  EXPECT_STREQ (uri, uri2);
}

TEST (UriAtrium, ConnectFieldsAndRoundTrip)
{
  g_autoptr(AtrLaunchRequest) r =
      parse_ok ("atrium://connect?tenant=Tenant1.MSP.example&resource=Word%202019&user=alice%40corp.example");
  ASSERT_NE (r, nullptr);
  EXPECT_EQ (atr_launch_request_get_action (r), ATR_LAUNCH_ACTION_CONNECT);
  EXPECT_EQ (atr_launch_request_get_source_scheme (r), ATR_URI_SCHEME_ATRIUM);
  EXPECT_STREQ (atr_launch_request_get_tenant (r), "tenant1.msp.example");
  EXPECT_STREQ (atr_launch_request_get_resource (r), "Word 2019");
  EXPECT_STREQ (atr_launch_request_get_user (r), "alice@corp.example");
  EXPECT_EQ (atr_launch_request_get_host (r), nullptr);
  EXPECT_EQ (atr_launch_request_get_port (r), 0u);
  EXPECT_EQ (atr_launch_request_get_feed_url (r), nullptr);
  EXPECT_EQ (atr_launch_request_get_connection_mode (r), ATR_LAUNCH_CONNECTION_MODE_NONE);
  EXPECT_EQ (atr_launch_request_get_warnings (r)[0], nullptr);
  EXPECT_EQ (atr_launch_request_dup_rdp_payload (r), nullptr);
  expect_round_trip (r);
}

TEST (UriAtrium, IdnTenantAndUnicodeUserRoundTrip)
{
  g_autoptr(AtrLaunchRequest) r =
      parse_ok ("atrium://connect/?tenant=b%C3%BCcher.example&user=j%C3%BCrgen&resource=%7B42%7D");
  ASSERT_NE (r, nullptr);
  EXPECT_STREQ (atr_launch_request_get_tenant (r), "xn--bcher-kva.example");
  EXPECT_STREQ (atr_launch_request_get_display_tenant (r), "bücher.example");
  EXPECT_STREQ (atr_launch_request_get_user (r), "jürgen");
  EXPECT_STREQ (atr_launch_request_get_resource (r), "{42}");
  expect_round_trip (r);
}

TEST (UriAtrium, SubscribeRoundTripAndLenientSpelling)
{
  g_autoptr(AtrLaunchRequest) r = parse_ok ("atrium://subscribe?tenant=t.example");
  g_autoptr(AtrLaunchRequest) upper = parse_ok ("ATRIUM://Subscribe?Tenant=T.EXAMPLE.&");
  ASSERT_NE (r, nullptr);
  ASSERT_NE (upper, nullptr);
  EXPECT_EQ (atr_launch_request_get_action (r), ATR_LAUNCH_ACTION_SUBSCRIBE);
  EXPECT_STREQ (atr_launch_request_get_tenant (r), "t.example");
  EXPECT_TRUE (atr_launch_request_equal (r, upper));
  expect_round_trip (r);
  g_autofree char *uri = atr_launch_request_to_uri (r);
  EXPECT_STREQ (uri, "atrium://subscribe?tenant=t.example");
}

TEST (UriAtrium, ToUriEscapesEverythingReserved)
{
  g_autoptr(AtrLaunchRequest) r = parse_ok (kConnect + "&resource=a%26b%3Dc%23d%3Fe");
  ASSERT_NE (r, nullptr);
  EXPECT_STREQ (atr_launch_request_get_resource (r), "a&b=c#d?e");
  g_autofree char *uri = atr_launch_request_to_uri (r);
  EXPECT_STREQ (uri, "atrium://connect?tenant=t.example&resource=a%26b%3Dc%23d%3Fe");
  expect_round_trip (r);
}

TEST (UriRdp, LegacyAttributeForm)
{
  g_autoptr(AtrLaunchRequest) r = parse_ok (
      "rdp://full%20address=s:Host.Example:3389&audiomode=i:2&username=s:CORP%5Calice"
      "&gatewayhostname=s:gw.example:443&loadbalanceinfo=s:tsv%3A%2F%2FMS%20Terminal%20Services%20Plugin.1.Sales"
      "&remoteapplicationmode=i:1&remoteapplicationprogram=s:%7C%7Ccalc&Screen%20Mode%20Id=i:2/");
  ASSERT_NE (r, nullptr);
  EXPECT_EQ (atr_launch_request_get_action (r), ATR_LAUNCH_ACTION_CONNECT);
  EXPECT_EQ (atr_launch_request_get_source_scheme (r), ATR_URI_SCHEME_RDP);
  EXPECT_STREQ (atr_launch_request_get_host (r), "host.example");
  EXPECT_EQ (atr_launch_request_get_port (r), 3389u);
  EXPECT_STREQ (atr_launch_request_get_user (r), "CORP\\alice");
  EXPECT_STREQ (atr_launch_request_get_resource (r), "||calc");
  EXPECT_STREQ (atr_launch_request_get_gateway_host (r), "gw.example");
  EXPECT_EQ (atr_launch_request_get_tenant (r), nullptr);
  g_autofree char *payload = atr_launch_request_dup_rdp_payload (r);
  EXPECT_STREQ (payload,
                "full address:s:host.example:3389\r\n"
                "audiomode:i:2\r\n"
                "username:s:CORP\\alice\r\n"
                "gatewayhostname:s:gw.example:443\r\n"
                "loadbalanceinfo:s:tsv://MS Terminal Services Plugin.1.Sales\r\n"
                "remoteapplicationmode:i:1\r\n"
                "remoteapplicationprogram:s:||calc\r\n"
                "screen mode id:i:2\r\n");
  g_auto(GStrv) hosts = atr_launch_request_dup_hosts (r);
  ASSERT_EQ (g_strv_length (hosts), 2u);
  EXPECT_STREQ (hosts[0], "host.example");
  EXPECT_STREQ (hosts[1], "gw.example");
  EXPECT_EQ (atr_launch_request_to_uri (r), nullptr);  // only atrium:// links are written

  // parsing the same link again gives an equal request
  g_autoptr(AtrLaunchRequest) again = parse_ok (
      "rdp://full%20address=s:Host.Example:3389&audiomode=i:2&username=s:CORP%5Calice"
      "&gatewayhostname=s:gw.example:443&loadbalanceinfo=s:tsv%3A%2F%2FMS%20Terminal%20Services%20Plugin.1.Sales"
      "&remoteapplicationmode=i:1&remoteapplicationprogram=s:%7C%7Ccalc&Screen%20Mode%20Id=i:2/");
  EXPECT_TRUE (atr_launch_request_equal (r, again));
}

TEST (UriRdp, AlternateAddressWinsAndIpv6)
{
  g_autoptr(AtrLaunchRequest) r = parse_ok (
      "rdp://alternate%20full%20address=s:%5B::1%5D:3390&full%20address=s:%5B0::1%5D:3390");
  ASSERT_NE (r, nullptr);
  EXPECT_STREQ (atr_launch_request_get_host (r), "::1");
  EXPECT_EQ (atr_launch_request_get_port (r), 3390u);

  g_autoptr(AtrLaunchRequest) p = parse_ok ("rdp://full%20address=s:10.0.0.5&server%20port=i:3391");
  ASSERT_NE (p, nullptr);
  EXPECT_STREQ (atr_launch_request_get_host (p), "10.0.0.5");
  EXPECT_EQ (atr_launch_request_get_port (p), 3391u);

  g_autoptr(AtrLaunchRequest) raw = parse_ok ("rdp://full address=s:host.example");
  ASSERT_NE (raw, nullptr);  // launchers that hand over unencoded spaces
  EXPECT_EQ (atr_launch_request_get_port (raw), 0u);
}

TEST (UriRdp, PercentDecodedExactlyOnce)
{
  // "%2526" is "%26" after one decoding: a literal, not a second '&' attribute separator
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrLaunchRequest) r = atr_uri_parse (
      "rdp://full%20address=s:h.example&remoteapplicationname=s:a%2526drivestoredirect=s:*", &error);
  EXPECT_EQ (r, nullptr);
  ASSERT_NE (error, nullptr);
  EXPECT_EQ (error->code, ATR_URI_ERROR_BAD_VALUE);  // the '%' left over, not a redirection
  // and an encoded '&' stays inside its value
  g_autoptr(AtrLaunchRequest) ok = parse_ok (
      "rdp://full%20address=s:h.example&remoteapplicationname=s:Tom%26Jerry");
  ASSERT_NE (ok, nullptr);
  EXPECT_STREQ (atr_launch_request_get_rdp_attributes (ok)[1], "remoteapplicationname:s:Tom&Jerry");
}

TEST (UriMsRd, SubscribeToHttpsFeed)
{
  g_autoptr(AtrLaunchRequest) r = parse_ok (
      "ms-rd:subscribe?url=https%3A%2F%2FRDWeb.B%C3%BCcher.example%3A8443%2FRDWeb%2FFeed%2Fwebfeed.aspx%3Fa%3D1");
  ASSERT_NE (r, nullptr);
  EXPECT_EQ (atr_launch_request_get_action (r), ATR_LAUNCH_ACTION_SUBSCRIBE);
  EXPECT_EQ (atr_launch_request_get_source_scheme (r), ATR_URI_SCHEME_MS_RD);
  EXPECT_STREQ (atr_launch_request_get_tenant (r), "rdweb.xn--bcher-kva.example");
  EXPECT_STREQ (atr_launch_request_get_display_tenant (r), "rdweb.bücher.example");
  EXPECT_STREQ (atr_launch_request_get_feed_url (r),
                "https://rdweb.xn--bcher-kva.example:8443/RDWeb/Feed/webfeed.aspx?a=1");

  g_autoptr(AtrLaunchRequest) bare = parse_ok ("ms-rd:subscribe?url=https://feed.example");
  ASSERT_NE (bare, nullptr);
  EXPECT_STREQ (atr_launch_request_get_feed_url (bare), "https://feed.example/");
  g_autoptr(AtrLaunchRequest) v6 = parse_ok ("ms-rd://subscribe?url=https://%5B::1%5D:8443/feed");
  ASSERT_NE (v6, nullptr);
  EXPECT_STREQ (atr_launch_request_get_feed_url (v6), "https://[::1]:8443/feed");
}

TEST (UriParallels, LaunchAppEveryParameter)
{
  g_autoptr(AtrLaunchRequest) r = parse_ok (
      "tuxclient:///?Command=LaunchApp&Server=RAS.example&Port=443&AppID=%235&MultiID=12"
      "&LoginEx=bob%40corp.example&ConnMode=3&Backup=ras2.example");
  ASSERT_NE (r, nullptr);
  EXPECT_EQ (atr_launch_request_get_action (r), ATR_LAUNCH_ACTION_CONNECT);
  EXPECT_EQ (atr_launch_request_get_source_scheme (r), ATR_URI_SCHEME_TUXCLIENT);
  EXPECT_STREQ (atr_launch_request_get_command (r), "LaunchApp");
  EXPECT_STREQ (atr_launch_request_get_host (r), "ras.example");
  EXPECT_EQ (atr_launch_request_get_port (r), 443u);
  EXPECT_STREQ (atr_launch_request_get_resource (r), "#5");
  EXPECT_STREQ (atr_launch_request_get_multi_id (r), "12");
  EXPECT_STREQ (atr_launch_request_get_user (r), "bob@corp.example");
  EXPECT_EQ (atr_launch_request_get_connection_mode (r), 3);
  EXPECT_STREQ (atr_launch_request_get_backup_host (r), "ras2.example");
  EXPECT_EQ (atr_launch_request_to_uri (r), nullptr);
}

TEST (UriParallels, OtherCommandsAndPrlclient)
{
  struct { const char *uri; AtrLaunchAction action; const char *command; const char *host; } cases[] = {
    { "prlclient:///?Command=GetVersion", ATR_LAUNCH_ACTION_VERSION, "GetVersion", nullptr },
    { "tuxclient:?command=getversion", ATR_LAUNCH_ACTION_VERSION, "GetVersion", nullptr },
    { "prlclient:///?Command=LogOff", ATR_LAUNCH_ACTION_LOGOFF, "LogOff", nullptr },
    { "tuxclient:///?Command=LogOff&Server=ras.example&Port=80", ATR_LAUNCH_ACTION_LOGOFF, "LogOff", "ras.example" },
    { "prlclient:///?Command=Get2xa&Server=ras.example", ATR_LAUNCH_ACTION_SUBSCRIBE, "Get2xa", "ras.example" },
    { "prlclient:///?Command=LaunchApp&Server=::1&AppID=1", ATR_LAUNCH_ACTION_CONNECT, "LaunchApp", "::1" },
  };
  for (auto &c : cases)
    {
      g_autoptr(AtrLaunchRequest) r = parse_ok (c.uri);
      ASSERT_NE (r, nullptr) << c.uri;
      EXPECT_EQ (atr_launch_request_get_action (r), c.action) << c.uri;
      EXPECT_STREQ (atr_launch_request_get_command (r), c.command) << c.uri;
      EXPECT_STREQ (atr_launch_request_get_host (r), c.host) << c.uri;
      g_autoptr(AtrLaunchRequest) again = parse_ok (c.uri);
      EXPECT_TRUE (atr_launch_request_equal (r, again));
    }
}

// Look-alike hosts (issue #8, finding 6): every class, through a real link. Each host is
// percent-encoded as UTF-8 into a connect link's tenant.
std::string
connect_to (const char *host)
{
  g_autofree char *escaped = g_uri_escape_string (host, NULL, FALSE);
  return std::string ("atrium://connect?tenant=") + escaped;
}

TEST (UriHost, LookAlikeHostsAreRefused)
{
  const char *hosts[] = {
    "harbour.atrium.test\u2215x.net",        // DIVISION SLASH posing as '/'
    "harbour.atrium.test\u2044x.net",        // FRACTION SLASH
    "harbour.atrium.test\uFF0Fx.net",        // FULLWIDTH SOLIDUS (UTS #46 maps it to '/')
    "harbour.atrium.test\u29F8x.net",        // BIG SOLIDUS
    "harbour.atrium.test\u2024x.net",        // ONE DOT LEADER posing as '.'
    "harbour\uFE52atrium.test",              // SMALL FULL STOP
    "harb\u0585ur.atrium.test",              // Armenian 'օ' in a Latin label
    "harbour.atriu\u0574.test",              // Armenian 'մ'
    "harb\u13A4ur.atrium.test",              // Cherokee 'Ꭴ' in a Latin label
    "\u13A0\u13AC\u13DE.example",            // Cherokee only, reads as "DEL"... with Latin TLD
    "h\u0430rbour.atrium.test",              // Cyrillic 'а'
    "\u0430pple.example",                    // Cyrillic 'а' (the classic)
    "xn--pple-43d.example",                  // the same, already in ASCII
    "g\u03BF\u03BFgle.example",              // Greek 'ο'
    "\u0430\u0440\u0440\u04CF\u0435.com",    // all-Cyrillic "аррӏе": whole-script look-alike
    "\u0440\u0430\u0443\u0440\u0430\u0456.example", // all-Cyrillic "paypal"
    "xn--80ak6aa92e.com",                    // "аррӏе.com" in ASCII
    "\u03C1\u03BF\u03B9.example",            // all-Greek "ροι" reads as "poi"
    "har\u200Dbour.atrium.test",             // ZERO WIDTH JOINER
    "har\u200Cbour.atrium.test",             // ZERO WIDTH NON-JOINER
    "har\u200Bbour.atrium.test",             // ZERO WIDTH SPACE
    "har\u2060bour.atrium.test",             // WORD JOINER
    "har\u202Ebour.atrium.test",             // RIGHT-TO-LEFT OVERRIDE
    "har\u2067bour.atrium.test",             // RIGHT-TO-LEFT ISOLATE
    "har\u00ADbour.atrium.test",             // SOFT HYPHEN
    "a1\u0662.example",                      // ASCII and Arabic-Indic digits
    "\u0661\u06F1.example",                  // Arabic-Indic and Extended Arabic-Indic digits
    "harbour\u2013atrium.test",              // EN DASH posing as '-'
    "harbour.atrium.test\u00B7x.net",        // MIDDLE DOT
    "harbour\u0589atrium.test",              // ARMENIAN FULL STOP
  };
  for (const char *host : hosts)
    {
      std::string uri = connect_to (host);
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrLaunchRequest) r = atr_uri_parse (uri.c_str (), &error);

      EXPECT_EQ (r, nullptr) << host << " was accepted as "
                             << (r ? atr_launch_request_get_display_tenant (r) : "");
      if (error != nullptr)
        {
          // invisible characters are already refused as control characters
          EXPECT_TRUE (g_error_matches (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST) ||
                       g_error_matches (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID))
              << host << ": " << error->message;
          EXPECT_NE (strstr (error->message, "tenant"), nullptr) << error->message;
        }
      // the same host in an .rdp link's address and a Parallels server
      g_autofree char *escaped = g_uri_escape_string (host, NULL, FALSE);
      std::string rdp = std::string ("rdp://full%20address=s:") + escaped + ":3389";
      g_autoptr(GError) error2 = nullptr;
      g_autoptr(AtrLaunchRequest) r2 = atr_uri_parse (rdp.c_str (), &error2);
      EXPECT_EQ (r2, nullptr) << host << " accepted in full address";
      // and the canonical form used for enrolled hosts
      g_autofree char *canonical = atr_uri_host_canonical (host);
      EXPECT_EQ (canonical, nullptr) << host << " → " << canonical;
    }
}

struct GoodIdn
{
  const char *host;
  const char *ascii;
  const char *display;
  gboolean    warned;
};

TEST (UriHost, GenuineInternationalNamesKeepUnicodeAndAsciiForms)
{
  const GoodIdn cases[] = {
    { "b\u00FCcher.example", "xn--bcher-kva.example", "b\u00FCcher.example", TRUE },
    { "B\u00DCCHER.Example", "xn--bcher-kva.example", "b\u00FCcher.example", TRUE },
    { "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444", "xn--e1afmkfd.xn--p1ai",
      "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444", TRUE },
    { "\u043F\u0440\u0438\u043C\u0435\u0440.example", "xn--e1afmkfd.example",
      "\u043F\u0440\u0438\u043C\u0435\u0440.example", TRUE },
    { "\u03C0\u03B1\u03C1\u03AC\u03B4\u03B5\u03B9\u03B3\u03BC\u03B1.gr",
      "xn--hxajbheg2az3al.gr", "\u03C0\u03B1\u03C1\u03AC\u03B4\u03B5\u03B9\u03B3\u03BC\u03B1.gr", TRUE },
    { "\u4F8B\u3048.jp", "xn--r8jz45g.jp", "\u4F8B\u3048.jp", TRUE },
    { "fa\u00DF.de", "xn--fa-hia.de", "fa\u00DF.de", TRUE },   // non-transitional: ß stays
    // UTS #46 separators and width folding map to the plain ASCII name, shown as such
    { "harbour.atrium\u3002test", "harbour.atrium.test", "harbour.atrium.test", FALSE },
    { "harbour\uFF0Eatrium.test", "harbour.atrium.test", "harbour.atrium.test", FALSE },
    { "\uFF48arbour.atrium.test", "harbour.atrium.test", "harbour.atrium.test", FALSE },
    // a whole-script look-alike under its own script's TLD is warned about, not refused
    { "\u0430\u0440\u0440\u04CF\u0435.\u0440\u0444", "xn--80ak6aa92e.xn--p1ai",
      "\u0430\u0440\u0440\u04CF\u0435.\u0440\u0444", TRUE },
  };
  for (const GoodIdn &c : cases)
    {
      g_autoptr(AtrLaunchRequest) r = parse_ok (connect_to (c.host));
      ASSERT_NE (r, nullptr) << c.host;
      EXPECT_STREQ (atr_launch_request_get_tenant (r), c.ascii) << c.host;
      EXPECT_STREQ (atr_launch_request_get_display_tenant (r), c.display) << c.host;
      const char * const *warnings = atr_launch_request_get_warnings (r);
      if (c.warned)
        {
          ASSERT_NE (warnings[0], nullptr) << c.host;
          bool names_ascii = false;
          for (guint i = 0; warnings[i] != nullptr; i++)
            names_ascii = names_ascii || strstr (warnings[i], c.ascii) != nullptr;
          EXPECT_TRUE (names_ascii) << c.host << ": " << warnings[0];
        }
      else
        {
          EXPECT_EQ (warnings[0], nullptr) << c.host << ": " << warnings[0];
        }
      // never treated as an enrolled Latin tenant
      const char *enrolled[] = { "apple.example", "harbour.atrium.test", nullptr };
      g_autoptr(GError) error = nullptr;
      EXPECT_EQ (atr_launch_request_check (r, enrolled, FALSE, &error),
                 g_str_equal (c.ascii, "harbour.atrium.test") ? ATR_LAUNCH_CHECK_ALLOWED
                                                               : ATR_LAUNCH_CHECK_CONFIRM)
          << c.host;
    }
}

TEST (UriHost, NormalizeDirectly)
{
  g_autofree char *ascii = nullptr;
  g_autofree char *display = nullptr;
  guint port = 0;
  g_autoptr(GError) error = nullptr;

  ASSERT_TRUE (atr_uri_host_normalize ("k", "[2001:DB8::1]:8443",
                                       (AtrUriHostFlags) (ATR_URI_HOST_ALLOW_IP | ATR_URI_HOST_ALLOW_PORT),
                                       &ascii, &display, &port, nullptr, &error));
  EXPECT_STREQ (ascii, "2001:db8::1");
  EXPECT_EQ (port, 8443u);
  EXPECT_FALSE (atr_uri_host_normalize ("k", "h.example:80", ATR_URI_HOST_NAME_ONLY, &ascii,
                                        nullptr, nullptr, nullptr, &error));
  EXPECT_TRUE (g_error_matches (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST));
  g_autofree char *canonical = atr_uri_host_canonical ("B\xC3\xBC" "cher.Example.");
  EXPECT_STREQ (canonical, "xn--bcher-kva.example");
  EXPECT_EQ (atr_uri_host_canonical ("-x"), nullptr);
  EXPECT_TRUE (atr_uri_key_is_secret ("Password"));
  EXPECT_TRUE (atr_uri_key_is_secret ("password 51"));
  EXPECT_TRUE (atr_uri_key_is_secret ("GatewayAccessToken"));
  EXPECT_TRUE (atr_uri_key_is_secret ("ENCPASS"));
  EXPECT_FALSE (atr_uri_key_is_secret ("tenant"));
  EXPECT_FALSE (atr_uri_key_is_secret ("username"));
}

// The check: enrolled / not enrolled / kiosk.
struct CheckCase
{
  const char *uri;
  std::vector<const char *> enrolled;
  gboolean kiosk;
  AtrLaunchCheck expected;
  AtrUriError code;  // when refused
};

TEST (UriCheck, Matrix)
{
  const char *get2xa = "tuxclient:///?Command=Get2xa&Server=ras.tenant1.example";
  const char *launch = "tuxclient:///?Command=LaunchApp&Server=ras.tenant1.example&AppID=1&Backup=ras.stranger.example";
  const char *rdp = "rdp://full%20address=s:host.tenant1.example&gatewayhostname=s:gw.stranger.example";
  const char *connect = "atrium://connect?tenant=b%C3%BCcher.example&resource=calc";
  const char *feed = "ms-rd:subscribe?url=https%3A%2F%2Fnew.example%2Ffeed";
  std::vector<CheckCase> cases = {
    // enrolled: allowed, kiosk or not (the enrolled list may hold the Unicode form)
    { connect, { "bücher.example" }, FALSE, ATR_LAUNCH_CHECK_ALLOWED, ATR_URI_ERROR_EMPTY },
    { connect, { "XN--BCHER-KVA.example." }, TRUE, ATR_LAUNCH_CHECK_ALLOWED, ATR_URI_ERROR_EMPTY },
    // not enrolled: confirm on a desktop, refused in kiosk mode
    { connect, { "other.example" }, FALSE, ATR_LAUNCH_CHECK_CONFIRM, ATR_URI_ERROR_EMPTY },
    { connect, {}, FALSE, ATR_LAUNCH_CHECK_CONFIRM, ATR_URI_ERROR_EMPTY },
    { connect, { "other.example" }, TRUE, ATR_LAUNCH_CHECK_REFUSED, ATR_URI_ERROR_KIOSK },
    { feed, { "tenant1.example" }, FALSE, ATR_LAUNCH_CHECK_CONFIRM, ATR_URI_ERROR_EMPTY },
    { feed, { "tenant1.example" }, TRUE, ATR_LAUNCH_CHECK_REFUSED, ATR_URI_ERROR_KIOSK },
    { feed, { "new.example" }, TRUE, ATR_LAUNCH_CHECK_ALLOWED, ATR_URI_ERROR_EMPTY },
    // Get2xa: only towards enrolled hosts, never a confirmation
    { get2xa, { "tenant1.example", "ras.tenant1.example" }, FALSE, ATR_LAUNCH_CHECK_ALLOWED, ATR_URI_ERROR_EMPTY },
    { get2xa, { "tenant1.example" }, FALSE, ATR_LAUNCH_CHECK_REFUSED, ATR_URI_ERROR_NOT_ENROLLED },
    { get2xa, {}, TRUE, ATR_LAUNCH_CHECK_REFUSED, ATR_URI_ERROR_NOT_ENROLLED },
    // every host counts: a stranger as backup or gateway is a stranger
    { launch, { "ras.tenant1.example" }, FALSE, ATR_LAUNCH_CHECK_CONFIRM, ATR_URI_ERROR_EMPTY },
    { launch, { "ras.tenant1.example" }, TRUE, ATR_LAUNCH_CHECK_REFUSED, ATR_URI_ERROR_KIOSK },
    { launch, { "ras.tenant1.example", "ras.stranger.example" }, TRUE, ATR_LAUNCH_CHECK_ALLOWED, ATR_URI_ERROR_EMPTY },
    { rdp, { "host.tenant1.example" }, FALSE, ATR_LAUNCH_CHECK_CONFIRM, ATR_URI_ERROR_EMPTY },
    { rdp, { "host.tenant1.example", "gw.stranger.example" }, FALSE, ATR_LAUNCH_CHECK_ALLOWED, ATR_URI_ERROR_EMPTY },
    // nothing remote: always allowed
    { "prlclient:///?Command=GetVersion", {}, TRUE, ATR_LAUNCH_CHECK_ALLOWED, ATR_URI_ERROR_EMPTY },
    { "tuxclient:///?Command=LogOff&Server=x.example", {}, TRUE, ATR_LAUNCH_CHECK_ALLOWED, ATR_URI_ERROR_EMPTY },
  };

  for (auto &c : cases)
    {
      g_autoptr(AtrLaunchRequest) r = parse_ok (c.uri);
      ASSERT_NE (r, nullptr);
      std::vector<const char *> list = c.enrolled;
      list.push_back (nullptr);
      g_autoptr(GError) error = nullptr;
      AtrLaunchCheck got = atr_launch_request_check (r, list.data (), c.kiosk, &error);
      EXPECT_EQ (got, c.expected) << c.uri << " kiosk=" << c.kiosk;
      if (c.expected == ATR_LAUNCH_CHECK_REFUSED)
        {
          ASSERT_NE (error, nullptr) << c.uri;
          EXPECT_TRUE (g_error_matches (error, ATR_URI_ERROR, c.code)) << error->message;
        }
      else
        EXPECT_EQ (error, nullptr) << c.uri;
    }

  g_autoptr(AtrLaunchRequest) r = parse_ok (connect);
  g_autoptr(GError) error = nullptr;
  EXPECT_EQ (atr_launch_request_check (r, nullptr, FALSE, &error), ATR_LAUNCH_CHECK_CONFIRM);
}

// The built atrium-cli (ATR_CLI): `atrium-cli uri ARGS…`.
AtrCliRun
run_cli (std::vector<std::string> args)
{
  AtrCliRun run;
  std::vector<std::string> argv = { atr_test_env ("ATR_CLI"), "uri" };
  argv.insert (argv.end (), args.begin (), args.end ());
  atr_cli_run (run, argv);
  return run;
}

TEST (UriCli, JsonForAConnectLink)
{
  AtrCliRun run = run_cli ({ "--json", "atrium://connect?tenant=t.example&resource=calc&user=alice" });
  ASSERT_EQ (run.code, 0) << run.err;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = nullptr;
  ASSERT_TRUE (json_parser_load_from_data (parser, run.out.c_str (), -1, &error)) << run.out;
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  EXPECT_STREQ (json_object_get_string_member (o, "action"), "connect");
  EXPECT_STREQ (json_object_get_string_member (o, "source_scheme"), "atrium");
  EXPECT_STREQ (json_object_get_string_member (o, "tenant"), "t.example");
  EXPECT_STREQ (json_object_get_string_member (o, "resource"), "calc");
  EXPECT_STREQ (json_object_get_string_member (o, "user"), "alice");
  for (const char *null_member : { "host", "port", "feed_url" })
    {
      ASSERT_TRUE (json_object_has_member (o, null_member)) << null_member;
      EXPECT_TRUE (json_object_get_null_member (o, null_member)) << null_member;
    }
  EXPECT_FALSE (json_object_has_member (o, "check"));
}

TEST (UriCli, JsonForParallelsAndRdp)
{
  AtrCliRun run = run_cli ({ "tuxclient:///?Command=LaunchApp&Server=ras.example&Port=443&AppID=5", "--json" });
  ASSERT_EQ (run.code, 0) << run.err;
  g_autoptr(JsonParser) parser = json_parser_new ();
  ASSERT_TRUE (json_parser_load_from_data (parser, run.out.c_str (), -1, nullptr));
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  EXPECT_STREQ (json_object_get_string_member (o, "host"), "ras.example");
  EXPECT_EQ (json_object_get_int_member (o, "port"), 443);
  EXPECT_TRUE (json_object_get_null_member (o, "tenant"));

  AtrCliRun text = run_cli ({ "rdp://full%20address=s:h.example:3389" });
  ASSERT_EQ (text.code, 0) << text.err;
  EXPECT_NE (text.out.find ("h.example"), std::string::npos) << text.out;
}

TEST (UriCli, RefusedLinksExitSixWithTheReason)
{
  AtrCliRun secret = run_cli ({ "--json", std::string ("tuxclient:///?Command=LaunchApp&Server=ras.example&AppID=5&EncPass=") + kSecret });
  EXPECT_EQ (secret.code, 6);
  EXPECT_TRUE (secret.out.empty ()) << secret.out;
  EXPECT_NE (secret.err.find ("EncPass"), std::string::npos) << secret.err;
  EXPECT_EQ (secret.err.find (kSecret), std::string::npos) << secret.err;

  AtrCliRun js = run_cli ({ "javascript:alert(1)" });
  EXPECT_EQ (js.code, 6);
  EXPECT_NE (js.err.find ("javascript"), std::string::npos) << js.err;

  AtrCliRun dash = run_cli ({ "--", "-atrium://connect" });
  EXPECT_EQ (dash.code, 6) << dash.err;

  AtrCliRun usage = run_cli ({});
  EXPECT_EQ (usage.code, 2);
}

TEST (UriCli, LaunchCheckVerdicts)
{
  const std::string get2xa = "tuxclient:///?Command=Get2xa&Server=ras.example";
  AtrCliRun stranger = run_cli ({ "--json", "--enrolled", "tenant.example", get2xa });
  EXPECT_EQ (stranger.code, 6);
  EXPECT_NE (stranger.err.find ("Get2xa"), std::string::npos) << stranger.err;

  AtrCliRun enrolled = run_cli ({ "--json", "--enrolled", "ras.example", get2xa });
  ASSERT_EQ (enrolled.code, 0) << enrolled.err;
  EXPECT_NE (enrolled.out.find ("\"check\" : \"allowed\""), std::string::npos) << enrolled.out;

  AtrCliRun confirm = run_cli ({ "--json", "--enrolled", "other.example", "atrium://subscribe?tenant=new.example" });
  ASSERT_EQ (confirm.code, 0) << confirm.err;
  EXPECT_NE (confirm.out.find ("\"check\" : \"confirm\""), std::string::npos) << confirm.out;

  AtrCliRun kiosk = run_cli ({ "--kiosk", "atrium://subscribe?tenant=new.example" });
  EXPECT_EQ (kiosk.code, 6);
  EXPECT_NE (kiosk.err.find ("kiosk"), std::string::npos) << kiosk.err;
}

// Issue #8, finding 1: a link checked against one host must not connect to another. Keys
// are compared in the one canonical form (trimmed, blanks collapsed, case-folded, decoded
// once) that the .rdp filter and FreeRDP read, so every spelling of a repeat is a repeat.
TEST (UriDuplicates, EveryCanonicalSpellingOfARepeatIsRefused)
{
  const std::string good = "rdp://full%20address=s:harbour.atrium.test";
  const char *variants[] = {
    "&full%20address%20=s:evil.example.net",      // the report: a trailing blank
    "&%20full%20address=s:evil.example.net",      // a leading blank
    "&FULL%20ADDRESS=s:evil.example.net",         // case
    "&Full%20Address=s:evil.example.net",
    "&full%20%20address=s:evil.example.net",      // two inner blanks
    "&full%20%20%20address%20%20=s:evil.example.net",
    "&full address =s:evil.example.net",          // raw blanks, as some launchers hand over
    "&full+address=s:evil.example.net&",          // '+' is not a blank: unknown, refused
  };
  for (const char *v : variants)
    {
      std::string uri = good + v;
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrLaunchRequest) r = atr_uri_parse (uri.c_str (), &error);
      EXPECT_EQ (r, nullptr) << uri;
      ASSERT_NE (error, nullptr) << uri;
      EXPECT_NE (strstr (error->message, "evil"), error->message) << error->message;
      if (strchr (v, '+') == nullptr)
        {
          EXPECT_TRUE (g_error_matches (error, ATR_URI_ERROR, ATR_URI_ERROR_DUPLICATE))
              << uri << ": " << error->message;
        }
    }

  // the same for the other security-relevant keys and the other schemes
  const char *more[] = {
    "rdp://full%20address=s:h.example&server%20port=i:3389&Server%20Port%20=i:3390",
    "rdp://full%20address=s:h.example&gatewayhostname=s:gw.example&GatewayHostName%20=s:evil.example",
    "rdp://full%20address=s:h.example&gatewayusagemethod=i:1&gatewayusagemethod%20=i:2",
    "rdp://full%20address=s:h.example&username=s:alice&USERNAME=s:mallory",
    "rdp://full%20address=s:h.example&alternate%20full%20address=s:h.example&alternate%20%20full%20address=s:evil.example",
    "rdp://full%20address=s:h.example&loadbalanceinfo=s:a&%20loadbalanceinfo=s:b",
    "atrium://connect?tenant=harbour.atrium.test&tenant%20=evil.example",
    "atrium://connect?tenant=harbour.atrium.test&%20Tenant=evil.example",
    "tuxclient:///?Command=LaunchApp&Server=harbour.atrium.test&AppID=1&Server%20=evil.example",
    "tuxclient:///?Command=LaunchApp&Server=harbour.atrium.test&AppID=1&%53erver=evil.example",
    "prlclient:///?Command=Get2xa&Server=harbour.atrium.test&SERVER%20%20=evil.example",
  };
  for (const char *uri : more)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrLaunchRequest) r = atr_uri_parse (uri, &error);
      EXPECT_EQ (r, nullptr) << uri;
      EXPECT_TRUE (g_error_matches (error, ATR_URI_ERROR, ATR_URI_ERROR_DUPLICATE))
          << uri << ": " << (error ? error->message : "");
    }
}

TEST (UriDuplicates, AddressAndAlternateAddressMustAgree)
{
  // mstsc lets the alternate address win; a link that names two different places is
  // refused rather than checked against one of them
  const char *refused[] = {
    "rdp://full%20address=s:harbour.atrium.test&alternate%20full%20address=s:evil.example.net",
    "rdp://alternate%20full%20address=s:harbour.atrium.test&full%20address=s:evil.example.net",
    "rdp://full%20address=s:harbour.atrium.test:3389&alternate%20full%20address=s:harbour.atrium.test:3390",
    "rdp://full%20address=s:harbour.atrium.test:3390&server%20port=i:3389",
  };
  for (const char *uri : refused)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrLaunchRequest) r = atr_uri_parse (uri, &error);
      EXPECT_EQ (r, nullptr) << uri;
      ASSERT_NE (error, nullptr) << uri;
    }
  g_autoptr(AtrLaunchRequest) same = parse_ok (
      "rdp://full%20address=s:Harbour.Atrium.Test&alternate%20full%20address=s:harbour.atrium.test.:3389");
  ASSERT_NE (same, nullptr);
  EXPECT_STREQ (atr_launch_request_get_host (same), "harbour.atrium.test");
  EXPECT_EQ (atr_launch_request_get_port (same), 3389u);
}

TEST (UriDuplicates, TheCheckSeesWhatTheSessionWouldUse)
{
  // whatever a link carries, the payload's effective host is the one the check approves:
  // no line in rdp_attributes names a host, port or gateway the request does not
  const char *uris[] = {
    "rdp://full%20address=s:harbour.atrium.test&audiomode=i:2",
    "rdp://alternate%20full%20address=s:harbour.atrium.test:3390&full%20address=s:harbour.atrium.test",
    "rdp://full%20address=s:harbour.atrium.test&gatewayhostname=s:gw.atrium.test:8443&gatewayusagemethod=i:1",
  };
  for (const char *uri : uris)
    {
      g_autoptr(AtrLaunchRequest) r = parse_ok (uri);
      ASSERT_NE (r, nullptr) << uri;
      for (const char * const *line = atr_launch_request_get_rdp_attributes (r); *line; line++)
        {
          if (g_str_has_prefix (*line, "full address:s:") ||
              g_str_has_prefix (*line, "alternate full address:s:"))
            {
              EXPECT_NE (strstr (*line, atr_launch_request_get_host (r)), nullptr) << *line;
            }
          if (g_str_has_prefix (*line, "gatewayhostname:s:"))
            {
              EXPECT_NE (strstr (*line, atr_launch_request_get_gateway_host (r)), nullptr) << *line;
            }
        }
    }
}

// Finding 8: real Parallels links, as its documentation writes them.
TEST (UriParallels, DocumentedLaunchAppForm)
{
  g_autoptr(AtrLaunchRequest) r = parse_ok (
      "tuxclient://?Command=LaunchApp&AppID=&Server=ras.atrium.test:8443&ConnType=2"
      "&Alias=Harbour%20Office&UserName=bob%40harbour.test&ConnMode=1"
      "&Backup=ras2.atrium.test:444,ras3.atrium.test");
  ASSERT_NE (r, nullptr);
  EXPECT_STREQ (atr_launch_request_get_host (r), "ras.atrium.test");
  EXPECT_EQ (atr_launch_request_get_port (r), 8443u);
  EXPECT_EQ (atr_launch_request_get_resource (r), nullptr);  // empty AppID: list resources
  EXPECT_STREQ (atr_launch_request_get_user (r), "bob@harbour.test");
  EXPECT_EQ (atr_launch_request_get_connection_mode (r), 1);
  EXPECT_STREQ (atr_launch_request_get_backup_host (r), "ras2.atrium.test");
  const char * const *backups = atr_launch_request_get_backup_hosts (r);
  ASSERT_EQ (g_strv_length ((char **) backups), 2u);
  EXPECT_STREQ (backups[0], "ras2.atrium.test");
  EXPECT_STREQ (backups[1], "ras3.atrium.test");

  // every backup is a host the check must approve
  const char *only_main[] = { "ras.atrium.test", "ras2.atrium.test", nullptr };
  g_autoptr(GError) error = nullptr;
  EXPECT_EQ (atr_launch_request_check (r, only_main, TRUE, &error), ATR_LAUNCH_CHECK_REFUSED);
  EXPECT_NE (strstr (error->message, "ras3.atrium.test"), nullptr) << error->message;
  const char *all[] = { "ras.atrium.test", "ras2.atrium.test", "ras3.atrium.test", nullptr };
  EXPECT_EQ (atr_launch_request_check (r, all, TRUE, nullptr), ATR_LAUNCH_CHECK_ALLOWED);

  g_autoptr(AtrLaunchRequest) rds = parse_ok (
      "prlclient:///?Command=LaunchApp&Server=ras.atrium.test&Port=80&AppID=12&ConnType=0&UserName=");
  ASSERT_NE (rds, nullptr);
  EXPECT_EQ (atr_launch_request_get_port (rds), 80u);
  EXPECT_EQ (atr_launch_request_get_user (rds), nullptr);  // empty: asked when connecting
}

TEST (UriParallels, DocumentedFormStillRefusesWhatIsUnsafe)
{
  const struct { const char *uri; AtrUriError code; } cases[] = {
    { "tuxclient://?Command=LaunchApp&AppID=&Server=ras.atrium.test&EncPass=x", ATR_URI_ERROR_SECRET },
    { "tuxclient://?Command=LaunchApp&AppID=&Server=ras.atrium.test&Password=x", ATR_URI_ERROR_SECRET },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test:8443&Port=443", ATR_URI_ERROR_BAD_PORT },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test&ConnType=1", ATR_URI_ERROR_BAD_VALUE },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test&ConnType=x", ATR_URI_ERROR_BAD_VALUE },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test&Backup=ok.example,-evil.example", ATR_URI_ERROR_BAD_HOST },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test&Backup=ok.example,,x.example", ATR_URI_ERROR_BAD_HOST },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test&Backup=a%40evil.example", ATR_URI_ERROR_BAD_HOST },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test&Backup=b.example:0", ATR_URI_ERROR_BAD_PORT },
    { "tuxclient://?Command=LaunchApp&Server=-ras.atrium.test:8443", ATR_URI_ERROR_BAD_HOST },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test&Alias=-x", ATR_URI_ERROR_BAD_VALUE },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test&UserName=-x", ATR_URI_ERROR_BAD_VALUE },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test&UserName=a&LoginEx=b", ATR_URI_ERROR_DUPLICATE },
    { "tuxclient://?Command=LaunchApp&Server=ras.atrium.test&Alias=a&Alias%20=b", ATR_URI_ERROR_DUPLICATE },
  };
  for (auto &c : cases)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrLaunchRequest) r = atr_uri_parse (c.uri, &error);
      EXPECT_EQ (r, nullptr) << c.uri;
      EXPECT_TRUE (g_error_matches (error, ATR_URI_ERROR, c.code))
          << c.uri << ": " << (error ? error->message : "");
    }
}

TEST (UriCli, TheReportedDuplicateLinkIsRefused)
{
  const std::string link =
      "rdp://full%20address=s:harbour.atrium.test&full%20address%20=s:evil.example.net";
  for (bool kiosk : { false, true })
    {
      std::vector<std::string> args = { "--json", "--enrolled", "harbour.atrium.test", link };
      if (kiosk)
        args.insert (args.begin (), "--kiosk");
      AtrCliRun run = run_cli (args);
      EXPECT_EQ (run.code, 6) << run.out;
      EXPECT_EQ (run.out.find ("allowed"), std::string::npos) << run.out;
      EXPECT_NE (run.err.find ("full address"), std::string::npos) << run.err;
    }
}

}  // namespace
