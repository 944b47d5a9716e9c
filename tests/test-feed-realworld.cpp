// The feed client against servers as they are in the field (issue #13): IIS's folder
// redirect and ordinary redirects around the RD Web sign-in, URLs whose percent-encoding
// must survive every request, and raweb's feeds (text/html, SchemaVersion "2", shared IDs).
// The tenants are tests/data/tenants/iis.atrium.test and raweb.atrium.test, served by the
// loopback test broker over real TLS (its IIS behaviour: tests/servers/atr-test-broker-iis.c).
#include "atr-feed-client-fixture.h"

#include "atr-feed-redirect.h"
#include "atr-http.h"

namespace {

using Strings = std::vector<std::string>;

Strings
targets (AtrTestBroker *broker, const char *prefix = nullptr)
{
  g_auto(GStrv) list = atr_test_broker_dup_request_targets (broker, prefix);
  return Strings (list, list + g_strv_length (list));
}

Strings
strings (const char * const *list)
{
  Strings out;
  for (; list != nullptr && *list != nullptr; list++)
    out.push_back (*list);
  return out;
}

AtrResource *
resource_at (GPtrArray *resources, guint i)
{
  return static_cast<AtrResource *> (g_ptr_array_index (resources, i));
}

bool
any_contains (const Strings &list, const char *needle)
{
  for (const std::string &s : list)
    if (s.find (needle) != std::string::npos)
      return true;
  return false;
}

class FeedRealWorld : public FeedClient
{
protected:
  std::string
  url (const char *host, const char *path_and_query)
  {
    g_autofree char *u = g_strdup_printf ("https://%s:%u%s", host, port, path_and_query);
    return u;
  }

  // GET @target with the HTTPS client of the last fetch (signed in as the feed was).
  void
  get (const std::string &target, guint *status)
  {
    struct Got { bool done = false; guint status = 0; } got;
    g_autoptr(AtrHttpRequest) request = atr_http_request_new ("GET", target.c_str ());

    atr_http_fetch_async (http, request, NULL, [] (GObject *source, GAsyncResult *res,
                                                   gpointer data) {
        auto *g = static_cast<Got *> (data);
        g_autoptr(AtrHttpResponse) response = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(GBytes) body = atr_http_fetch_finish (ATR_HTTP_CLIENT (source), res,
                                                        &response, &error);
        g->status = response ? atr_http_response_get_status (response) : 0;
        g->done = true;
      }, &got);
    while (!got.done)
      g_main_context_iteration (NULL, TRUE);
    *status = got.status;
  }
};

// Microsoft's RD Web Access guide has _msradc hold https://host/RDWeb/Feed, a folder: IIS
// answers 301 to /RDWeb/Feed/ ("courtesy redirect"), whose default document is the feed.
TEST_F (FeedRealWorld, FollowsIisFolderRedirect)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  map ("iis.atrium.test", "127.0.0.1");

  Outcome out;
  fetch_url ("iis.atrium.test", url ("iis.atrium.test", "/RDWeb/Feed"), nullptr, out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_EQ (atr_feed_get_resources (atr_feed_result_get_feed (out.result))->len, 2u);
  EXPECT_EQ (targets (b), (Strings { "/RDWeb/Feed", "/RDWeb/Feed/" }));
  // Relative URLs in the feed are read against where the feed really is.
  EXPECT_EQ (std::string (atr_feed_result_get_feed_url (out.result)),
             url ("iis.atrium.test", "/RDWeb/Feed/"));

  Outcome moved;  // an old feed address answering 302 to the new one
  fetch_url ("iis.atrium.test", url ("iis.atrium.test", "/RDWeb/Old/webfeed.aspx"), nullptr,
             moved);
  ASSERT_NE (moved.result, nullptr) << moved.error->message;
}

// The same site with RD Web's forms sign-in ([MS-TSWP]; FORMATS.md §1): the 301 comes first,
// then the 302 to the sign-in page, whose own folder URL meets IIS's 301 again (followed
// during the sign-in), then the feed with the token.
TEST_F (FeedRealWorld, FollowsOrdinaryRedirectsAroundTheSignIn)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  atr_test_broker_set_auth (b, ATR_TEST_AUTH_RDWEB_FORMS, "CONTOSO\\ada", "Lovelace-1815");
  map ("iis.atrium.test", "127.0.0.1");

  Outcome out;
  fetch_url ("iis.atrium.test", url ("iis.atrium.test", "/RDWeb/Feed"), nullptr, out,
             "CONTOSO\\ada", "Lovelace-1815");
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_EQ (atr_test_broker_get_sign_in_count (b), 1u);
  EXPECT_TRUE (atr_feed_result_get_token_renewed (out.result));
  Strings sent = targets (b);
  ASSERT_GE (sent.size (), 5u);
  EXPECT_EQ (sent[0], "/RDWeb/Feed");
  EXPECT_EQ (sent[1], "/RDWeb/Feed/");
  EXPECT_EQ (sent[2], "/RDWeb/FeedLogin?ReturnUrl=%2FRDWeb%2FFeed%2Fwebfeed.aspx");
  EXPECT_EQ (sent[3], "/RDWeb/FeedLogin/?ReturnUrl=%2FRDWeb%2FFeed%2Fwebfeed.aspx");
  EXPECT_EQ (sent.back (), "/RDWeb/Feed/");

  Outcome none;  // no credentials: the sign-in is asked for, not a redirect error
  fetch_url ("iis.atrium.test", url ("iis.atrium.test", "/RDWeb/Feed"), nullptr, none);
  ASSERT_EQ (none.result, nullptr);
  EXPECT_TRUE (g_error_matches (none.error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH))
    << none.error->message;
}

// Redirects that are not followed, each with an error naming what was wrong; none of them
// leaves the feed's origin or asks for credentials.
TEST_F (FeedRealWorld, RefusesBadRedirects)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  map ("iis.atrium.test", "127.0.0.1");
  map ("tenant1.atrium.test", "127.0.0.1");
  struct Case { const char *path; GQuark domain; int code; const char *says; };
  const Case cases[] = {
    { "/RDWeb/Loop/webfeed.aspx", ATR_NET_ERROR, ATR_NET_ERROR_HTTP,
      "redirected the feed in a loop (back to iis.atrium.test/RDWeb/Loop/webfeed.aspx)" },
    { "/RDWeb/Hops/1", ATR_NET_ERROR, ATR_NET_ERROR_HTTP,
      "redirected the feed more than 10 times (the last to iis.atrium.test/RDWeb/Feed/)" },
    { "/RDWeb/Away/webfeed.aspx", ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
      "redirected the feed to tenant1.atrium.test/RDWeb/Feed/webfeed.aspx, which is not the "
      "feed's own origin" },
    { "/RDWeb/Plain/webfeed.aspx", ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
      "redirected the feed to http://iis.atrium.test/RDWeb/Feed/webfeed.aspx; only https is "
      "followed" },
    { "/RDWeb/Nowhere/webfeed.aspx", ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
      "redirected the feed without a usable Location" },
  };

  for (const Case &c : cases)
    {
      Outcome out;
      fetch_url ("iis.atrium.test", url ("iis.atrium.test", c.path), nullptr, out);
      ASSERT_EQ (out.result, nullptr) << c.path;
      EXPECT_TRUE (g_error_matches (out.error, c.domain, c.code)) << out.error->message;
      EXPECT_NE (strstr (out.error->message, c.says), nullptr) << out.error->message;
    }
  EXPECT_EQ (atr_test_broker_get_request_count (b, "/RDWeb/Feed/"), 0u);
  EXPECT_EQ (atr_test_broker_get_request_count (b, "/RDWeb/Hops/"), 11u);
}

// The [MS-TSWP] examples carry base64 hashes in icon and .rdp URL queries (%2B, %3D), and a
// feed URL may hold an escaped ampersand (?terminalServer=TS%2601): every request sends them
// as given; decoding %26 to & would even split one parameter into two.
TEST_F (FeedRealWorld, KeepsPercentEncodingInEveryRequest)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  map ("iis.atrium.test", "127.0.0.1");
  const char *typed = "/RDWeb/Feed/webfeed.aspx?terminalServer=TS%2601&tag=a%2Bb%3D";

  Outcome out;
  fetch_url ("iis.atrium.test", url ("iis.atrium.test", typed), nullptr, out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_EQ (targets (b), Strings { typed });

  AtrResource *word = NULL;
  GPtrArray *resources = atr_feed_get_resources (atr_feed_result_get_feed (out.result));
  for (guint i = 0; i < resources->len; i++)
    if (g_strcmp0 (atr_resource_get_alias (resource_at (resources, i)), "WINWORD") == 0)
      word = resource_at (resources, i);
  ASSERT_NE (word, nullptr);
  ASSERT_GE (atr_resource_get_n_icons (word), 1u);

  guint status = 0;
  get (atr_resource_get_rdp_url (word), &status);
  EXPECT_EQ (status, 200u);
  get (atr_resource_get_icon (word, 0, NULL), &status);
  EXPECT_EQ (status, 200u);
  EXPECT_EQ (targets (b, "/RDWeb/Pages/"),
             (Strings { "/RDWeb/Pages/rdp/WINWORD.rdp?hash=Zm9v%2Bbar%3D&collection=R%26D",
                        "/RDWeb/Pages/rdp/WINWORD.ico?hash=q8%2B1lYd%3D%3D&collection=R%26D" }));
}

// Through a tenant's extra gateway (manifest "gateways"): the same request target, escapes kept.
TEST_F (FeedRealWorld, KeepsPercentEncodingThroughAGateway)
{
  AtrTestBroker *b = start_broker ("127.0.0.2");
  map ("iis.atrium.test", "127.0.0.1");  // nothing listens there: the gateway answers
  g_autofree char *gateway = g_strdup_printf ("127.0.0.2:%u", port);
  g_autoptr(GError) error = NULL;
  const char *target = "/RDWeb/Pages/rdp/WINWORD.rdp?hash=Zm9v%2Bbar%3D&collection=R%26D";

  http = atr_http_client_new (trust, "iis.atrium.test");
  atr_http_client_set_stagger (http, 50);
  ASSERT_TRUE (atr_http_client_add_gateway (http, gateway, &error)) << error->message;
  guint status = 0;
  get (url ("iis.atrium.test", target), &status);
  EXPECT_EQ (status, 200u);
  EXPECT_EQ (targets (b), Strings { target });
}

// ASP.NET forms authentication sends the page asked for, escaped, as ReturnUrl: the sign-in
// request carries it exactly as the Location gave it.
TEST_F (FeedRealWorld, KeepsTheSignInReturnUrl)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  atr_test_broker_set_auth (b, ATR_TEST_AUTH_RDWEB_FORMS, "HARBOUR\\bob", "Corr3ct-Horse");
  map ("tenant1.atrium.test", "127.0.0.1");

  Outcome out;
  fetch_url ("tenant1.atrium.test",
             url ("tenant1.atrium.test", "/RDWeb/Feed/webfeed.aspx?terminalServer=TS%2601"),
             nullptr, out, "HARBOUR\\bob", "Corr3ct-Horse");
  ASSERT_NE (out.result, nullptr) << out.error->message;
  Strings sign_in = targets (b, "/RDWeb/FeedLogin/");
  ASSERT_FALSE (sign_in.empty ());
  for (const std::string &target : sign_in)  // the NTLM handshake asks more than once
    EXPECT_EQ (target, "/RDWeb/FeedLogin/WebFeedLogin.aspx?ReturnUrl="
                       "%2FRDWeb%2FFeed%2Fwebfeed.aspx%3FterminalServer%3DTS%252601");
}

// raweb (github.com/kimmknight/raweb) 2020–2024 never set a Content-Type on webfeed.aspx, so
// ASP.NET sent text/html; it writes SchemaVersion with C#'s double.ToString() ("2"), and its
// Chrome web apps share chrome_proxy.exe's ID. The feed is read with one warning about the
// type; a real HTML page under the same type is still refused.
TEST_F (FeedRealWorld, ReadsRawebFeeds)
{
  start_broker ("127.0.0.1");
  map ("raweb.atrium.test", "127.0.0.1");

  Outcome out;
  fetch_url ("raweb.atrium.test", url ("raweb.atrium.test", "/RDWeb/webfeed.aspx"), nullptr,
             out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  AtrFeed *feed = atr_feed_result_get_feed (out.result);
  EXPECT_STREQ (atr_feed_get_schema_version (feed), "2.0");
  GPtrArray *resources = atr_feed_get_resources (feed);
  Strings titles;
  for (guint i = 0; i < resources->len; i++)
    titles.push_back (atr_resource_get_title (resource_at (resources, i)));
  EXPECT_EQ (titles, (Strings { "YouTube", "Outlook (PWA)", "RAWEB01 Desktop" }));
  Strings warned = strings (atr_feed_result_get_warnings (out.result));
  EXPECT_TRUE (any_contains (warned, "served the workspace feed as text/html")) << warned.size ();
  EXPECT_FALSE (any_contains (strings (atr_feed_get_warnings (feed)), "SchemaVersion"));

  Outcome bare;  // no Content-Type at all
  fetch_url ("raweb.atrium.test", url ("raweb.atrium.test", "/RDWeb/nocontenttype.aspx"),
             nullptr, bare);
  ASSERT_NE (bare.result, nullptr) << bare.error->message;
  EXPECT_TRUE (any_contains (strings (atr_feed_result_get_warnings (bare.result)),
                             "served the workspace feed as no content type"));

  Outcome page;  // raweb's web page: HTML, refused
  fetch_url ("raweb.atrium.test", url ("raweb.atrium.test", "/RDWeb/default.aspx"), nullptr,
             page);
  ASSERT_EQ (page.result, nullptr);
  EXPECT_TRUE (g_error_matches (page.error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA));
  EXPECT_NE (strstr (page.error->message, "answered with text/html instead of a workspace feed"),
             nullptr) << page.error->message;
}

// raweb's sign-in: webfeed.aspx calls Response.Redirect("auth/loginfeed.aspx"), no ReturnUrl;
// that page answers the token as RD Web's does.
TEST_F (FeedRealWorld, SignsInToRaweb)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  atr_test_broker_set_auth (b, ATR_TEST_AUTH_RDWEB_FORMS, "RAWEB01\\kim", "Kn1ght!");
  map ("raweb.atrium.test", "127.0.0.1");

  Outcome out;
  fetch_url ("raweb.atrium.test", url ("raweb.atrium.test", "/RDWeb/webfeed.aspx"), nullptr,
             out, "RAWEB01\\kim", "Kn1ght!");
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_EQ (atr_test_broker_get_sign_in_count (b), 1u);
}

// Which redirect is the sign-in, by where it goes.
TEST (FeedRedirect, TellsTheSignInPageByWhereItGoes)
{
  EXPECT_EQ (atr_feed_redirect_classify ("https://h/RDWeb/FeedLogin/WebFeedLogin.aspx?ReturnUrl=%2f"),
             ATR_FEED_REDIRECT_SIGN_IN);
  EXPECT_EQ (atr_feed_redirect_classify ("https://h/rdweb/feedlogin/webfeedlogin.aspx"),
             ATR_FEED_REDIRECT_SIGN_IN);
  EXPECT_EQ (atr_feed_redirect_classify ("https://h/RDWeb/auth/loginfeed.aspx"),
             ATR_FEED_REDIRECT_SIGN_IN);
  EXPECT_EQ (atr_feed_redirect_classify ("https://h/Login?returnurl=%2FRDWeb%2FFeed"),
             ATR_FEED_REDIRECT_SIGN_IN);
  EXPECT_EQ (atr_feed_redirect_classify ("https://h/RDWeb/Feed/"), ATR_FEED_REDIRECT_ORDINARY);
  EXPECT_EQ (atr_feed_redirect_classify ("https://h/RDWeb/Feed/webfeed.aspx?x=ReturnUrl"),
             ATR_FEED_REDIRECT_ORDINARY);
  EXPECT_EQ (atr_feed_redirect_classify ("not a url"), ATR_FEED_REDIRECT_ORDINARY);
}

TEST (FeedRedirect, HostileLocations)
{
  g_autoptr(AtrFeedRedirects) redirects =
    atr_feed_redirects_new ("https://rdweb.contoso.test/RDWeb/Feed", NULL);
  ASSERT_NE (redirects, nullptr);
  const char *from = "https://rdweb.contoso.test/RDWeb/Feed";
  const char *refused[] = {
    NULL, "", "http://rdweb.contoso.test/RDWeb/Feed/", "https://evil.test/RDWeb/Feed/",
    "https://rdweb.contoso.test:8443/RDWeb/Feed/", "//evil.test/x",
    "https://user:pw@rdweb.contoso.test/RDWeb/Feed/", "https://[::1", "javascript:alert(1)",
    "file:///etc/passwd",
  };
  for (const char *location : refused)
    {
      g_autoptr(GError) error = NULL;
      AtrFeedRedirectKind kind;
      g_autofree char *next = atr_feed_redirects_next (redirects, from, location, &kind,
                                                       &error);
      EXPECT_EQ (next, nullptr) << (location ? location : "(null)");
      EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA))
        << (location ? location : "(null)");
    }

  // Relative, with escapes kept; the default port written out is the same origin.
  g_autoptr(GError) error = NULL;
  AtrFeedRedirectKind kind;
  g_autofree char *next = atr_feed_redirects_next (redirects, from,
                                                   "https://RDWEB.contoso.test:443/RDWeb/Feed/?a=%2B%26",
                                                   &kind, &error);
  ASSERT_NE (next, nullptr) << error->message;
  EXPECT_STREQ (next, "https://RDWEB.contoso.test/RDWeb/Feed/?a=%2B%26");
  EXPECT_EQ (kind, ATR_FEED_REDIRECT_ORDINARY);
}

}  // namespace

int
main (int argc, char **argv)
{
  ::testing::InitGoogleTest (&argc, argv);
  ::testing::AddGlobalTestEnvironment (new CacheRoot);
  return RUN_ALL_TESTS ();
}
