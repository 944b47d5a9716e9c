// Tests for AtrAddress: parsing what a user typed, the TXT join/validate step and discovery
// (through an AtrResolver with no system resolver behind it: never real DNS).
#include <gtest/gtest.h>

#include <string>

#include "atr-address.h"
#include "atr-net-error.h"
#include "atr-resolver.h"

namespace {

struct Good
{
  const char    *input;
  AtrAddressKind kind;
  const char    *domain;
  guint16        port;
  const char    *feed_url; // URL kind only
};

TEST (Address, AcceptsUrlsEmailsAndDomains)
{
  const Good cases[] = {
    { "https://tenant1.atrium.test/RDWeb/Feed/webfeed.aspx", ATR_ADDRESS_KIND_URL,
      "tenant1.atrium.test", 0, "https://tenant1.atrium.test/RDWeb/Feed/webfeed.aspx" },
    { "  HTTPS://Tenant1.Atrium.TEST./RDWeb/Feed/webfeed.aspx?x=1  ", ATR_ADDRESS_KIND_URL,
      "tenant1.atrium.test", 0, "https://tenant1.atrium.test/RDWeb/Feed/webfeed.aspx?x=1" },
    { "https://tenant1.atrium.test:8443/feed", ATR_ADDRESS_KIND_URL, "tenant1.atrium.test",
      8443, "https://tenant1.atrium.test:8443/feed" },
    { "https://tenant1.atrium.test:443/feed", ATR_ADDRESS_KIND_URL, "tenant1.atrium.test",
      443, "https://tenant1.atrium.test/feed" },
    { "https://tenant1.atrium.test", ATR_ADDRESS_KIND_URL, "tenant1.atrium.test", 0,
      "https://tenant1.atrium.test/" },
    { "https://127.0.0.1:8443/RDWeb/Feed/webfeed.aspx", ATR_ADDRESS_KIND_URL, "127.0.0.1",
      8443, "https://127.0.0.1:8443/RDWeb/Feed/webfeed.aspx" },
    { "https://[::1]:8443/f", ATR_ADDRESS_KIND_URL, "::1", 8443, "https://[::1]:8443/f" },
    { "https://bücher.example/f", ATR_ADDRESS_KIND_URL, "xn--bcher-kva.example", 0,
      "https://xn--bcher-kva.example/f" },
    { "alice@tenant1.atrium.test", ATR_ADDRESS_KIND_EMAIL, "tenant1.atrium.test", 0, nullptr },
    { "Alice.Smith+rd@Tenant1.Atrium.Test.", ATR_ADDRESS_KIND_EMAIL, "tenant1.atrium.test", 0,
      nullptr },
    { "ünal@bücher.example", ATR_ADDRESS_KIND_EMAIL, "xn--bcher-kva.example", 0, nullptr },
    { "tenant1.atrium.test", ATR_ADDRESS_KIND_DOMAIN, "tenant1.atrium.test", 0, nullptr },
    { "\tTENANT1.atrium.test.\n", ATR_ADDRESS_KIND_DOMAIN, "tenant1.atrium.test", 0, nullptr },
    { "tenant1.atrium.test:8443", ATR_ADDRESS_KIND_DOMAIN, "tenant1.atrium.test", 8443, nullptr },
    { "Bücher.example", ATR_ADDRESS_KIND_DOMAIN, "xn--bcher-kva.example", 0, nullptr },
    { "xn--bcher-kva.example", ATR_ADDRESS_KIND_DOMAIN, "xn--bcher-kva.example", 0, nullptr },
    { "localhost", ATR_ADDRESS_KIND_DOMAIN, "localhost", 0, nullptr },
    { "127.0.0.2:8443", ATR_ADDRESS_KIND_DOMAIN, "127.0.0.2", 8443, nullptr },
    { "[::1]:8443", ATR_ADDRESS_KIND_DOMAIN, "::1", 8443, nullptr },
    { "[::1]", ATR_ADDRESS_KIND_DOMAIN, "::1", 0, nullptr },
    { "a-b.c-d.example:65535", ATR_ADDRESS_KIND_DOMAIN, "a-b.c-d.example", 65535, nullptr },
  };
  for (const Good &c : cases)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrAddress) a = atr_address_parse (c.input, &error);
      ASSERT_NE (a, nullptr) << c.input << ": " << error->message;
      EXPECT_EQ (atr_address_get_kind (a), c.kind) << c.input;
      EXPECT_STREQ (atr_address_get_domain (a), c.domain) << c.input;
      EXPECT_EQ (atr_address_get_port (a), c.port) << c.input;
      EXPECT_STREQ (atr_address_get_feed_url (a), c.feed_url) << c.input;
    }
}

struct Bad
{
  const char *input;
  const char *expect; // part of the message
};

TEST (Address, RefusesHostileAndBrokenInputNamingTheProblem)
{
  std::string long_input (ATR_ADDRESS_MAX_INPUT + 1, 'a');
  std::string long_label = std::string (64, 'a') + ".example";
  std::string long_host;
  for (int i = 0; i < 30; i++)
    long_host += "abcdefghi.";
  long_host += "example";

  const Bad cases[] = {
    { "", "empty" },
    { "   \t\n ", "empty" },
    { long_input.c_str (), "longer than" },
    { long_label.c_str (), "longer than 63" },
    { long_host.c_str (), "longer than 253" },
    { "http://tenant1.atrium.test/feed", "only https://" },
    { "HTTP://tenant1.atrium.test/feed", "only https://" },
    { "ftp://tenant1.atrium.test/feed", "not an https:// URL" },
    { "file:///etc/passwd", "not an https:// URL" },
    { "javascript://alert(1)", "not an https:// URL" },
    { "https://user:pass@tenant1.atrium.test/feed", "user name or password" },
    { "https://user@tenant1.atrium.test/feed", "user name or password" },
    { "https:///feed", "no host name" },
    { "https://tenant1.atrium.test:0/feed", "out of range" },
    { "https://tenant1.atrium.test:99999/feed", "not a valid URL" },
    { "https://ten ant.example/", "space" },
    { "tenant1 .atrium.test", "space" },
    { "tenant1.atrium.test\x01", "control character" },
    { "ten\x7f" "ant.example", "control character" },
    { "-oProxyCommand=evil", "starts with “-”" },
    { "--help", "starts with “-”" },
    { "a..example", "empty label" },
    { ".example", "empty label" },
    { "a.-b.example", "starts or ends with “-”" },
    { "a.b-.example", "starts or ends with “-”" },
    { "a_b.example", "contains “_”" },
    { "tenant1.atrium.test:", "empty port" },
    { "tenant1.atrium.test:http", "not a number" },
    { "tenant1.atrium.test:-1", "not a number" },
    { "tenant1.atrium.test:65536", "out of range" },
    { "tenant1.atrium.test:0", "out of range" },
    { "::1", "too many" },
    { "[::1", "missing “]”" },
    { "[::1]x", "unexpected" },
    { "[127.0.0.1]:443", "brackets" },
    { "[tenant1.atrium.test]", "not an IPv6 address" },
    { "tenant1.atrium.test/RDWeb/Feed", "no https://" },
    { "@tenant1.atrium.test", "nothing before" },
    { "a@b@tenant1.atrium.test", "more than one" },
    { "alice@", "no host name" },
    { "alice@tenant1.atrium.test:8443", "cannot name a port" },
    { "alice@127.0.0.1", "IP address" },
    { "alice@[::1]", "cannot name a port or IP" },
    { "\xff\xfe", "UTF-8" },
  };
  for (const Bad &c : cases)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrAddress) a = atr_address_parse (c.input, &error);
      EXPECT_EQ (a, nullptr) << c.input;
      ASSERT_NE (error, nullptr) << c.input;
      EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS))
          << c.input;
      EXPECT_NE (strstr (error->message, c.expect), nullptr)
          << "input “" << c.input << "”: " << error->message;
    }
}

// Look-alike hosts (issue #8, finding 6): enrolment refuses what links refuse, in every
// form a user can type (domain, e-mail, feed URL).
TEST (Address, RefusesLookAlikeHostsInEveryForm)
{
  const char *hosts[] = {
    "harbour.atrium.test\u2215x.net",        // DIVISION SLASH
    "harbour.atrium.test\u2044x.net",        // FRACTION SLASH
    "harbour.atrium.test\uFF0Fx.net",        // FULLWIDTH SOLIDUS
    "harbour\uFE52atrium.test",              // SMALL FULL STOP
    "harbour.atrium.test\u2024x.net",        // ONE DOT LEADER
    "harb\u0585ur.atrium.test",              // Armenian 'օ'
    "harb\u13A4ur.atrium.test",              // Cherokee
    "h\u0430rbour.atrium.test",              // Cyrillic 'а'
    "xn--hrbour-3nf.atrium.test",            // the same, typed in ASCII
    "g\u03BF\u03BFgle.example",              // Greek 'ο'
    "\u0430\u0440\u0440\u04CF\u0435.com",    // all-Cyrillic "аррӏе"
    "xn--80ak6aa92e.com",                    // the same in ASCII
    "har\u200Dbour.atrium.test",             // ZERO WIDTH JOINER
    "har\u202Ebour.atrium.test",             // RIGHT-TO-LEFT OVERRIDE
    "a1\u0662.example",                      // mixed digits
  };
  for (const char *host : hosts)
    {
      std::string forms[] = {
        host,
        std::string ("alice@") + host,
        std::string ("https://") + host + "/RDWeb/Feed/webfeed.aspx",
      };
      for (const std::string &input : forms)
        {
          g_autoptr(GError) error = nullptr;
          g_autoptr(AtrAddress) a = atr_address_parse (input.c_str (), &error);
          EXPECT_EQ (a, nullptr) << input << " accepted as "
                                 << (a ? atr_address_get_domain (a) : "");
          if (error != nullptr)
            {
              EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS))
                  << input;
            }
        }
    }
}

TEST (Address, GenuineInternationalDomainsKeepBothForms)
{
  struct { const char *input, *ascii, *display; } cases[] = {
    { "b\u00FCcher.example", "xn--bcher-kva.example", "b\u00FCcher.example" },
    { "alice@B\u00FCcher.example", "xn--bcher-kva.example", "b\u00FCcher.example" },
    { "https://b\u00FCcher.example/f", "xn--bcher-kva.example", "b\u00FCcher.example" },
    { "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444", "xn--e1afmkfd.xn--p1ai",
      "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444" },
    { "xn--e1afmkfd.xn--p1ai", "xn--e1afmkfd.xn--p1ai",
      "\u043F\u0440\u0438\u043C\u0435\u0440.\u0440\u0444" },
    { "harbour.atrium\u3002test", "harbour.atrium.test", "harbour.atrium.test" },
    { "tenant1.atrium.test", "tenant1.atrium.test", "tenant1.atrium.test" },
    { "127.0.0.1:8443", "127.0.0.1", "127.0.0.1" },
  };
  for (const auto &c : cases)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrAddress) a = atr_address_parse (c.input, &error);
      ASSERT_NE (a, nullptr) << c.input << ": " << error->message;
      EXPECT_STREQ (atr_address_get_domain (a), c.ascii) << c.input;
      EXPECT_STREQ (atr_address_get_display_domain (a), c.display) << c.input;
    }
}

TEST (Address, ErrorMessagesShowControlCharactersEscaped)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrAddress) a = atr_address_parse ("evil\x1b[2Jhost", &error);
  ASSERT_EQ (a, nullptr);
  EXPECT_EQ (strchr (error->message, '\x1b'), nullptr) << error->message;
  EXPECT_NE (strstr (error->message, "\\033"), nullptr) << error->message;
}

TEST (Address, DefaultFeedUrl)
{
  struct { const char *in, *url; } cases[] = {
    { "tenant1.atrium.test", "https://tenant1.atrium.test/RDWeb/Feed/webfeed.aspx" },
    { "tenant1.atrium.test:8443", "https://tenant1.atrium.test:8443/RDWeb/Feed/webfeed.aspx" },
    { "bob@Tenant1.atrium.test", "https://tenant1.atrium.test/RDWeb/Feed/webfeed.aspx" },
    { "[::1]:8443", "https://[::1]:8443/RDWeb/Feed/webfeed.aspx" },
  };
  for (auto &c : cases)
    {
      g_autoptr(AtrAddress) a = atr_address_parse (c.in, nullptr);
      ASSERT_NE (a, nullptr) << c.in;
      g_autofree char *url = atr_address_get_default_feed_url (a);
      EXPECT_STREQ (url, c.url);
    }
}

TEST (AddressTxt, JoinsSplitStrings)
{
  const char *const parts[] = { "https://rdweb.tenant1.atrium.test", "/RDWeb/Feed/",
                                "webfeed.aspx", nullptr };
  g_autoptr(GError) error = nullptr;
  g_autofree char *url = atr_address_feed_url_from_txt (parts, &error);
  ASSERT_NE (url, nullptr) << error->message;
  EXPECT_STREQ (url, "https://rdweb.tenant1.atrium.test/RDWeb/Feed/webfeed.aspx");
}

TEST (AddressTxt, NormalisesHost)
{
  const char *const parts[] = { "https://RDWeb.Tenant1.atrium.test.:8443/f?a=b", nullptr };
  g_autofree char *url = atr_address_feed_url_from_txt (parts, nullptr);
  EXPECT_STREQ (url, "https://rdweb.tenant1.atrium.test:8443/f?a=b");
}

TEST (AddressTxt, RefusesWhatIsNotAnHttpsFeedUrl)
{
  std::string huge (3000, 'a');
  const char *const empty[] = { nullptr };
  const char *const empty_strings[] = { "", "", nullptr };
  const char *const http[] = { "http://tenant1.atrium.test/feed", nullptr };
  const char *const word[] = { "v=spf1 -all", nullptr };
  const char *const userinfo[] = { "https://a:b@tenant1.atrium.test/", nullptr };
  const char *const ctl[] = { "https://tenant1.atrium.test/\n", nullptr };
  const char *const big[] = { "https://x.example/", huge.c_str (), nullptr };
  const char *const split_scheme[] = { "htt", "p://tenant1.atrium.test/", nullptr };
  const char *const bad_utf8[] = { "https://\xff.example/", nullptr };
  struct { const char *const *strings; const char *expect; } cases[] = {
    { empty, "empty" },
    { empty_strings, "empty" },
    { http, "only https://" },
    { word, "space" },
    { userinfo, "user name or password" },
    { ctl, "control character" },
    { big, "longer than" },
    { split_scheme, "only https://" },
    { bad_utf8, "UTF-8" },
  };
  for (auto &c : cases)
    {
      g_autoptr(GError) error = nullptr;
      g_autofree char *url = atr_address_feed_url_from_txt (c.strings, &error);
      EXPECT_EQ (url, nullptr);
      ASSERT_NE (error, nullptr);
      EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS));
      EXPECT_NE (strstr (error->message, c.expect), nullptr) << error->message;
      EXPECT_TRUE (g_str_has_prefix (error->message, "TXT record")) << error->message;
    }
}

// --- discovery through a resolver that never reaches real DNS ---

struct Resolved
{
  char              *url = nullptr;
  AtrAddressFoundBy  found_by = ATR_ADDRESS_FOUND_URL;
  char             **warnings = nullptr;
  GError            *error = nullptr;
  gboolean           done = FALSE;
  ~Resolved () { g_free (url); g_strfreev (warnings); g_clear_error (&error); }
};

void
resolve_cb (GObject *object, GAsyncResult *result, gpointer user_data)
{
  Resolved *r = static_cast<Resolved *> (user_data);
  r->url = atr_address_resolve_finish (ATR_ADDRESS (object), result, &r->found_by,
                                       &r->warnings, &r->error);
  r->done = TRUE;
}

void
resolve (const char *input, GResolver *resolver, Resolved *r)
{
  g_autoptr(AtrAddress) a = atr_address_parse (input, nullptr);
  ASSERT_NE (a, nullptr);
  atr_address_resolve_async (a, resolver, nullptr, resolve_cb, r);
  while (!r->done)
    g_main_context_iteration (nullptr, TRUE);
}

TEST (AddressResolve, UrlIsUsedAsIs)
{
  g_autoptr(AtrResolver) resolver = atr_resolver_new (nullptr);
  Resolved r;
  resolve ("https://Tenant1.atrium.test/custom/feed.aspx", G_RESOLVER (resolver), &r);
  ASSERT_EQ (r.error, nullptr) << r.error->message;
  EXPECT_STREQ (r.url, "https://tenant1.atrium.test/custom/feed.aspx");
  EXPECT_EQ (r.found_by, ATR_ADDRESS_FOUND_URL);
  EXPECT_STREQ (atr_address_found_by_to_string (r.found_by), "url");
}

TEST (AddressResolve, EmailFindsTheTxtRecord)
{
  g_autoptr(AtrResolver) resolver = atr_resolver_new (nullptr);
  const char *const rec[] = { "https://rdweb.tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx",
                              nullptr };
  atr_resolver_add_txt (resolver, "_msradc.tenant1.atrium.test", rec);
  Resolved r;
  resolve ("alice@TENANT1.atrium.test", G_RESOLVER (resolver), &r);
  ASSERT_EQ (r.error, nullptr) << r.error->message;
  EXPECT_STREQ (r.url, "https://rdweb.tenant1.atrium.test/RDWeb/Feed/webfeed.aspx");
  EXPECT_EQ (r.found_by, ATR_ADDRESS_FOUND_DNS_TXT);
  EXPECT_STREQ (atr_address_found_by_to_string (r.found_by), "dns-txt");
  EXPECT_EQ (g_strv_length (r.warnings), 0u);
}

TEST (AddressResolve, NoTxtRecordFallsBackToTheDefaultPathQuietly)
{
  g_autoptr(AtrResolver) resolver = atr_resolver_new (nullptr);
  Resolved r;
  resolve ("tenant2.atrium.test:8443", G_RESOLVER (resolver), &r);
  ASSERT_EQ (r.error, nullptr);
  EXPECT_STREQ (r.url, "https://tenant2.atrium.test:8443/RDWeb/Feed/webfeed.aspx");
  EXPECT_EQ (r.found_by, ATR_ADDRESS_FOUND_DEFAULT_PATH);
  EXPECT_STREQ (atr_address_found_by_to_string (r.found_by), "default-path");
  EXPECT_EQ (g_strv_length (r.warnings), 0u);
}

TEST (AddressResolve, BadTxtRecordsAreIgnoredWithAWarning)
{
  g_autoptr(AtrResolver) resolver = atr_resolver_new (nullptr);
  const char *const http[] = { "http://evil.example/feed", nullptr };
  const char *const junk[] = { "v=spf1 -all", nullptr };
  atr_resolver_add_txt (resolver, "_msradc.tenant3.atrium.test", http);
  atr_resolver_add_txt (resolver, "_msradc.tenant3.atrium.test", junk);
  Resolved r;
  resolve ("tenant3.atrium.test", G_RESOLVER (resolver), &r);
  ASSERT_EQ (r.error, nullptr);
  EXPECT_EQ (r.found_by, ATR_ADDRESS_FOUND_DEFAULT_PATH);
  EXPECT_STREQ (r.url, "https://tenant3.atrium.test/RDWeb/Feed/webfeed.aspx");
  ASSERT_EQ (g_strv_length (r.warnings), 2u);
  EXPECT_NE (strstr (r.warnings[0], "_msradc.tenant3.atrium.test"), nullptr) << r.warnings[0];
  EXPECT_NE (strstr (r.warnings[0], "https"), nullptr) << r.warnings[0];
}

TEST (AddressResolve, FirstValidTxtRecordWinsAndTheRestAreReported)
{
  g_autoptr(AtrResolver) resolver = atr_resolver_new (nullptr);
  const char *const junk[] = { "hello", nullptr };
  const char *const one[] = { "https://a.tenant4.atrium.test/feed", nullptr };
  const char *const two[] = { "https://b.tenant4.atrium.test/feed", nullptr };
  atr_resolver_add_txt (resolver, "_msradc.tenant4.atrium.test", junk);
  atr_resolver_add_txt (resolver, "_msradc.tenant4.atrium.test", one);
  atr_resolver_add_txt (resolver, "_msradc.tenant4.atrium.test", two);
  Resolved r;
  resolve ("tenant4.atrium.test", G_RESOLVER (resolver), &r);
  EXPECT_STREQ (r.url, "https://a.tenant4.atrium.test/feed");
  EXPECT_EQ (r.found_by, ATR_ADDRESS_FOUND_DNS_TXT);
  EXPECT_EQ (g_strv_length (r.warnings), 2u);
}

TEST (AddressResolve, IpAddressSkipsTheTxtLookup)
{
  g_autoptr(AtrResolver) resolver = atr_resolver_new (nullptr);
  Resolved r;
  resolve ("127.0.0.2:8443", G_RESOLVER (resolver), &r);
  EXPECT_STREQ (r.url, "https://127.0.0.2:8443/RDWeb/Feed/webfeed.aspx");
  EXPECT_EQ (r.found_by, ATR_ADDRESS_FOUND_DEFAULT_PATH);
}

TEST (AddressResolve, CancelledLookupReportsCancellation)
{
  g_autoptr(AtrResolver) resolver = atr_resolver_new (nullptr);
  g_autoptr(AtrAddress) a = atr_address_parse ("tenant1.atrium.test", nullptr);
  g_autoptr(GCancellable) c = g_cancellable_new ();
  g_cancellable_cancel (c);
  Resolved r;
  atr_address_resolve_async (a, G_RESOLVER (resolver), c, resolve_cb, &r);
  while (!r.done)
    g_main_context_iteration (nullptr, TRUE);
  EXPECT_TRUE (g_error_matches (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

} // namespace
