// The feed client against servers as they are in the field (issue #13): URLs whose
// percent-encoding must survive every request.
// The tenants are tests/data/tenants/iis.atrium.test and raweb.atrium.test, served by the
// loopback test broker over real TLS (its IIS behaviour: tests/servers/atr-test-broker-iis.c).
#include "atr-feed-client-fixture.h"

#include "atr-http.h"

namespace {

using Strings = std::vector<std::string>;

Strings
targets (AtrTestBroker *broker, const char *prefix = nullptr)
{
  g_auto(GStrv) list = atr_test_broker_dup_request_targets (broker, prefix);
  return Strings (list, list + g_strv_length (list));
}

AtrResource *
resource_at (GPtrArray *resources, guint i)
{
  return static_cast<AtrResource *> (g_ptr_array_index (resources, i));
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

}  // namespace

int
main (int argc, char **argv)
{
  ::testing::InitGoogleTest (&argc, argv);
  ::testing::AddGlobalTestEnvironment (new CacheRoot);
  return RUN_ALL_TESTS ();
}
