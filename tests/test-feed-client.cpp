// The feed client end to end: real TLS brokers on loopback, the RD Web sign-in flow,
// gateway failover, the last-good cache and certificate rejection.
#include "atr-feed-client-fixture.h"

namespace {

TEST_F (FeedClient, ListsAFeedAndCachesIt)
{
  start_broker ("127.0.0.1");
  map ("tenant1.atrium.test", "127.0.0.1");

  Outcome out;
  fetch ("tenant1.atrium.test", "plain", out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  AtrFeed *feed = atr_feed_result_get_feed (out.result);
  EXPECT_STREQ (atr_feed_get_publisher_name (feed), "Tenant One");
  EXPECT_EQ (atr_feed_get_resources (feed)->len, 2u);
  EXPECT_FALSE (atr_feed_result_is_stale (out.result));
  g_autofree char *endpoint = g_strdup_printf ("127.0.0.1:%u", port);
  EXPECT_STREQ (atr_feed_result_get_endpoint (out.result), endpoint);

  g_autofree char *accept = atr_test_broker_dup_last_header (brokers[0], "/RDWeb/Feed",
                                                             "Accept");
  ASSERT_NE (accept, nullptr);
  EXPECT_NE (strstr (accept, "application/x-msts-radc+xml"), nullptr);

  g_autofree char *cached = g_build_filename (g_get_user_cache_dir (), "atrium", "tenants",
                                              "plain", "feed.xml", NULL);
  EXPECT_TRUE (g_file_test (cached, G_FILE_TEST_EXISTS));
}

TEST_F (FeedClient, BasicAuthOnTheFeed)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  atr_test_broker_set_auth (b, ATR_TEST_AUTH_BASIC, "alice", "s3cret!");
  map ("tenant1.atrium.test", "127.0.0.1");

  Outcome good;
  fetch ("tenant1.atrium.test", "basic", good, "alice", "s3cret!");
  ASSERT_NE (good.result, nullptr) << good.error->message;

  Outcome wrong;
  fetch ("tenant1.atrium.test", "basic", wrong, "alice", "guess");
  ASSERT_EQ (wrong.result, nullptr);
  EXPECT_TRUE (g_error_matches (wrong.error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH))
    << wrong.error->message;
  EXPECT_EQ (strstr (wrong.error->message, "guess"), nullptr);

  Outcome none;
  fetch ("tenant1.atrium.test", "basic", none);
  ASSERT_EQ (none.result, nullptr);
  EXPECT_TRUE (g_error_matches (none.error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH));
  EXPECT_NE (strstr (none.error->message, "tenant1.atrium.test"), nullptr);
}

TEST_F (FeedClient, RdWebSignInFlowWithNtlmAndToken)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  atr_test_broker_set_auth (b, ATR_TEST_AUTH_RDWEB_FORMS, "HARBOUR\\bob", "Corr3ct-Horse");
  map ("tenant1.atrium.test", "127.0.0.1");

  Outcome out;
  fetch ("tenant1.atrium.test", "forms", out, "HARBOUR\\bob", "Corr3ct-Horse");
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_EQ (atr_feed_get_resources (atr_feed_result_get_feed (out.result))->len, 2u);
  EXPECT_GE (atr_test_broker_get_request_count (b, ATR_TEST_BROKER_FEED_LOGIN_PATH), 1u);
  EXPECT_GE (atr_test_broker_get_request_count (b, "/RDWeb/Feed/"), 2u);
  g_autofree char *cookie = atr_test_broker_dup_last_header (b, "/RDWeb/Feed/", "Cookie");
  ASSERT_NE (cookie, nullptr);
  EXPECT_NE (strstr (cookie, ".ASPXAUTH="), nullptr);

  Outcome wrong;
  fetch ("tenant1.atrium.test", "forms", wrong, "HARBOUR\\bob", "wrong");
  ASSERT_EQ (wrong.result, nullptr);
  EXPECT_TRUE (g_error_matches (wrong.error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH))
    << wrong.error->message;

  Outcome none;
  fetch ("tenant1.atrium.test", "forms", none);
  ASSERT_EQ (none.result, nullptr);
  EXPECT_TRUE (g_error_matches (none.error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH))
    << none.error->message;
}

// The HALB leg: one refusing gateway, one that accepts and hangs, one good.
TEST_F (FeedClient, FailsOverAcrossThreeGateways)
{
  g_autoptr(GError) error = NULL;
  start_broker ("127.0.0.1");
  hang = atr_test_hang_server_new ("127.0.0.3", port, &error);
  ASSERT_NE (hang, nullptr) << error->message;
  map ("tenant1.atrium.test", "127.0.0.2,127.0.0.3,127.0.0.1");

  gint64 start = g_get_monotonic_time ();
  Outcome out;
  fetch ("tenant1.atrium.test", "failover", out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  g_autofree char *endpoint = g_strdup_printf ("127.0.0.1:%u", port);
  EXPECT_STREQ (atr_feed_result_get_endpoint (out.result), endpoint);
  EXPECT_GE (atr_test_hang_server_get_connection_count (hang), 1u);
  // Not a timing assertion: only that the hung gateway's deadline (1.5 s) was not waited on.
  EXPECT_LT (g_get_monotonic_time () - start, 1500 * G_TIME_SPAN_MILLISECOND);
}

TEST_F (FeedClient, AllDownServesTheCachedListMarkedStale)
{
  start_broker ("127.0.0.1");
  map ("tenant1.atrium.test", "127.0.0.1");
  Outcome first;
  fetch ("tenant1.atrium.test", "offline", first);
  ASSERT_NE (first.result, nullptr) << first.error->message;

  for (AtrTestBroker *b : brokers)
    atr_test_broker_stop (b);

  g_autoptr(GDateTime) before_second = g_date_time_new_now_utc ();
  Outcome out;
  fetch ("tenant1.atrium.test", "offline", out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_TRUE (atr_feed_result_is_stale (out.result));
  EXPECT_EQ (atr_feed_get_resources (atr_feed_result_get_feed (out.result))->len, 2u);
  // "Stale since" is when the cached copy was fetched: the first fetch, not now.
  GTimeSpan since_first = g_date_time_difference (atr_feed_result_get_fetched (out.result),
                                                  atr_feed_result_get_fetched (first.result));
  EXPECT_LT (ABS (since_first), G_TIME_SPAN_SECOND);
  EXPECT_LE (g_date_time_difference (atr_feed_result_get_fetched (out.result), before_second), 0);
  const char * const *warnings = atr_feed_result_get_warnings (out.result);
  ASSERT_NE (warnings[0], nullptr);
  EXPECT_NE (strstr (warnings[warnings[1] ? 1 : 0], "Showing the list fetched"), nullptr);
}

TEST_F (FeedClient, AllDownWithoutCacheIsANetworkError)
{
  map ("tenant1.atrium.test", "127.0.0.1,127.0.0.2");
  Outcome out;
  fetch ("tenant1.atrium.test", "never-fetched", out);
  ASSERT_EQ (out.result, nullptr);
  EXPECT_TRUE (g_error_matches (out.error, ATR_NET_ERROR, ATR_NET_ERROR_CONNECT))
    << out.error->message;
  EXPECT_NE (strstr (out.error->message, "no earlier list"), nullptr);
}

TEST_F (FeedClient, ServerErrorKeepsTheLastGoodList)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  map ("tenant1.atrium.test", "127.0.0.1");
  Outcome first;
  fetch ("tenant1.atrium.test", "flaky", first);
  ASSERT_NE (first.result, nullptr);

  atr_test_broker_set_fault (b, ATR_TEST_FAULT_ERROR_5XX);
  Outcome out;
  fetch ("tenant1.atrium.test", "flaky", out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_TRUE (atr_feed_result_is_stale (out.result));
}

TEST_F (FeedClient, RefusedDocumentNeverReplacesTheLastGoodOne)
{
  start_broker ("127.0.0.1");
  map ("tenant1.atrium.test", "127.0.0.1");
  map ("broken.atrium.test", "127.0.0.1");
  Outcome first;
  fetch ("tenant1.atrium.test", "shared-id", first);
  ASSERT_NE (first.result, nullptr);

  Outcome out;
  fetch ("broken.atrium.test", "shared-id", out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_TRUE (atr_feed_result_is_stale (out.result));
  EXPECT_STREQ (atr_feed_get_publisher_name (atr_feed_result_get_feed (out.result)),
                "Tenant One");

  Outcome none;
  fetch ("broken.atrium.test", "broken-only", none);
  ASSERT_EQ (none.result, nullptr);
  EXPECT_TRUE (g_error_matches (none.error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA))
    << none.error->message;
}

struct CertCase
{
  const char *profile;
  const char *reason;
};

class FeedClientCertificates : public FeedClient,
                               public ::testing::WithParamInterface<CertCase>
{
};

// The certificate matrix through the real feed client; a cached list never hides it.
TEST_P (FeedClientCertificates, RejectedWithItsReason)
{
  const CertCase &c = GetParam ();
  start_broker ("127.0.0.1", c.profile);
  map ("tenant1.atrium.test", "127.0.0.1");

  Outcome out;
  fetch ("tenant1.atrium.test", "plain", out);
  ASSERT_EQ (out.result, nullptr) << c.profile << " was accepted";
  EXPECT_TRUE (g_error_matches (out.error, ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE))
    << c.profile << ": " << out.error->message;
  EXPECT_NE (strstr (out.error->message, c.reason), nullptr)
    << c.profile << ": " << out.error->message;
}

INSTANTIATE_TEST_SUITE_P (
  Matrix, FeedClientCertificates,
  ::testing::Values (CertCase { "expired", "expired" },
                     CertCase { "notyet", "not-yet-valid" },
                     CertCase { "wronghost", "host-mismatch" },
                     CertCase { "selfsigned", "self-signed" },
                     CertCase { "unknownca", "unknown-issuer" },
                     CertCase { "rsa1024", "weak-key" },
                     CertCase { "sha1", "weak-signature" }),
  [] (const ::testing::TestParamInfo<CertCase> &info) { return std::string (info.param.profile); });

TEST_F (FeedClient, IncompleteChainIsNamed)
{
  g_autoptr(GError) error = NULL;
  std::string crt = certs ("good-leaf.crt");
  std::string key = certs ("good.key");
  AtrTestBroker *b = atr_test_broker_new (tenants ().c_str (), crt.c_str (), key.c_str (), &error);
  ASSERT_NE (b, nullptr);
  ASSERT_TRUE (atr_test_broker_listen (b, "127.0.0.1", port, &error));
  brokers.push_back (b);
  map ("tenant1.atrium.test", "127.0.0.1");

  Outcome out;
  fetch ("tenant1.atrium.test", "plain", out);
  ASSERT_EQ (out.result, nullptr);
  EXPECT_TRUE (g_error_matches (out.error, ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE));
  EXPECT_NE (strstr (out.error->message, "incomplete-chain"), nullptr) << out.error->message;
}

// "Remember me": a token from an earlier sign-in is sent first and the broker takes it.
class FeedClientToken : public FeedClient
{
protected:
  void SetUp () override
  {
    FeedClient::SetUp ();
    broker = start_broker ("127.0.0.1");
    atr_test_broker_set_auth (broker, ATR_TEST_AUTH_RDWEB_FORMS, "HARBOUR\\bob",
                              "Corr3ct-Horse");
    map ("tenant1.atrium.test", "127.0.0.1");
  }

  // A client as the app makes one at start (its own HTTPS client, so new connections: the
  // broker's NTLM, unlike IIS, does not keep a connection signed in): credentials (maybe),
  // then the remembered token.
  AtrFeedClient *
  client (const char *token, bool credentials = true)
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(AtrHttpClient) http = atr_http_client_new (trust, "tenant1.atrium.test");
    AtrFeedClient *c = atr_feed_client_new (http, "forms-token");

    if (credentials)
      atr_feed_client_set_credentials (c, "HARBOUR\\bob", "Corr3ct-Horse");
    if (token != nullptr)
      {
        EXPECT_TRUE (atr_feed_client_set_token (c, token, &error)) << error->message;
      }
    return c;
  }

  void
  run (AtrFeedClient *c, Outcome &out)
  {
    atr_feed_client_fetch_async (c, feed_url ("tenant1.atrium.test").c_str (), NULL,
                                 fetched_cb, &out);
    while (!out.done)
      g_main_context_iteration (NULL, TRUE);
  }

  // Signs in once and returns the token the broker issued.
  std::string
  sign_in ()
  {
    g_autoptr(AtrFeedClient) c = client (nullptr);
    Outcome out;
    run (c, out);
    EXPECT_NE (out.result, nullptr) << out.error->message;
    if (out.result == nullptr || atr_feed_result_get_token (out.result) == nullptr)
      return "";
    EXPECT_TRUE (atr_feed_result_get_token_renewed (out.result));
    return atr_feed_result_get_token (out.result);
  }

  AtrTestBroker *broker = nullptr;
};

TEST_F (FeedClientToken, RememberedTokenIsUsedWithoutSigningIn)
{
  std::string token = sign_in ();
  ASSERT_FALSE (token.empty ());
  ASSERT_EQ (atr_test_broker_get_sign_in_count (broker), 1u);

  guint logins = atr_test_broker_get_request_count (broker, ATR_TEST_BROKER_FEED_LOGIN_PATH);
  ASSERT_GE (logins, 1u);

  // The next start: a new client given the remembered token lists without a sign-in.
  g_autoptr(AtrFeedClient) c = client (token.c_str ());
  Outcome out;
  run (c, out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_EQ (atr_feed_get_resources (atr_feed_result_get_feed (out.result))->len, 2u);
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 1u);
  EXPECT_EQ (atr_test_broker_get_request_count (broker, ATR_TEST_BROKER_FEED_LOGIN_PATH), logins)
    << "the sign-in page was asked again";
  EXPECT_STREQ (atr_feed_result_get_token (out.result), token.c_str ());
  EXPECT_FALSE (atr_feed_result_get_token_renewed (out.result));
  g_autofree char *cookie = atr_test_broker_dup_last_header (broker, "/RDWeb/Feed/", "Cookie");
  ASSERT_NE (cookie, nullptr);
  EXPECT_EQ (std::string (cookie), ".ASPXAUTH=" + token);

  // No credentials needed while the token is good.
  g_autoptr(AtrFeedClient) bare = client (token.c_str (), false);
  Outcome bare_out;
  run (bare, bare_out);
  ASSERT_NE (bare_out.result, nullptr) << bare_out.error->message;
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 1u);

  // A token belongs to the user who signed in: new credentials forget it.
  atr_feed_client_set_credentials (c, "HARBOUR\\bob", "Corr3ct-Horse");
  Outcome again;
  run (c, again);
  ASSERT_NE (again.result, nullptr) << again.error->message;
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 2u);
  EXPECT_TRUE (atr_feed_result_get_token_renewed (again.result));
}

TEST_F (FeedClientToken, ExpiredTokenSignsInAgainAndReturnsTheNewOne)
{
  std::string old_token = sign_in ();
  ASSERT_FALSE (old_token.empty ());
  atr_test_broker_expire_tokens (broker);

  g_autoptr(AtrFeedClient) c = client (old_token.c_str ());
  Outcome out;
  run (c, out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_FALSE (atr_feed_result_is_stale (out.result));
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 2u);
  ASSERT_NE (atr_feed_result_get_token (out.result), nullptr);
  EXPECT_NE (std::string (atr_feed_result_get_token (out.result)), old_token);
  EXPECT_TRUE (atr_feed_result_get_token_renewed (out.result));
  std::string new_token = atr_feed_result_get_token (out.result);

  // The client keeps the new token: the next refresh signs in no more.
  Outcome refresh;
  run (c, refresh);
  ASSERT_NE (refresh.result, nullptr) << refresh.error->message;
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 2u);
  EXPECT_STREQ (atr_feed_result_get_token (refresh.result), new_token.c_str ());
  EXPECT_FALSE (atr_feed_result_get_token_renewed (refresh.result));

  // Expired and no credentials to sign in again: an AUTH error naming the host, not the token.
  atr_test_broker_expire_tokens (broker);
  g_autoptr(AtrFeedClient) bare = client (new_token.c_str (), false);
  Outcome none;
  run (bare, none);
  ASSERT_EQ (none.result, nullptr);
  EXPECT_TRUE (g_error_matches (none.error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH))
    << none.error->message;
  EXPECT_NE (strstr (none.error->message, "tenant1.atrium.test"), nullptr) << none.error->message;
  EXPECT_NE (strstr (none.error->message, "token"), nullptr) << none.error->message;
  EXPECT_EQ (strstr (none.error->message, new_token.c_str ()), nullptr);
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 2u);
}

// Tokens that could not be a cookie value are refused before anything is sent; a
// well-formed stranger is refused by the server, and the client signs in instead.
TEST_F (FeedClientToken, HostileTokensAreRefusedOrReplaced)
{
  std::string huge (ATR_FEED_TOKEN_MAX_SIZE + 1, 'A');
  const char *hostile[] = {
    "", "a;b", "a,b", "has space", "tok\r\nX-Injected: 1", "\x01\x02", "t\xc3\xa9",
    huge.c_str (),
  };

  for (const char *token : hostile)
    {
      g_autoptr(AtrFeedClient) c = client (nullptr);
      g_autoptr(GError) error = NULL;
      EXPECT_FALSE (atr_feed_client_set_token (c, token, &error)) << token;
      ASSERT_NE (error, nullptr);
      EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA));
      if (*token != '\0')
        {
          EXPECT_EQ (strstr (error->message, token), nullptr) << error->message;
        }
    }

  // The refused token is not kept: the fetch signs in as without one.
  g_autoptr(AtrFeedClient) c = client (nullptr);
  g_autoptr(GError) error = NULL;
  EXPECT_FALSE (atr_feed_client_set_token (c, "x\r\nCookie: .ASPXAUTH=y", &error));
  Outcome out;
  run (c, out);
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 1u);
  g_autofree char *cookie = atr_test_broker_dup_last_header (broker, "/RDWeb/Feed/", "Cookie");
  ASSERT_NE (cookie, nullptr);
  EXPECT_EQ (strstr (cookie, "y"), nullptr) << cookie;

  // Well-formed but unknown to the server: refused there, then a normal sign-in.
  g_autoptr(AtrFeedClient) stranger = client ("0123456789abcdef-forged");
  Outcome forged;
  run (stranger, forged);
  ASSERT_NE (forged.result, nullptr) << forged.error->message;
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 2u);
  EXPECT_EQ (atr_test_broker_get_auth_failures (broker), 1u);
  EXPECT_STRNE (atr_feed_result_get_token (forged.result), "0123456789abcdef-forged");
  EXPECT_TRUE (atr_feed_result_get_token_renewed (forged.result));
}

// A feed without the RD Web sign-in has no token to remember.
TEST_F (FeedClient, NoTokenWithoutTheRdWebSignIn)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  atr_test_broker_set_auth (b, ATR_TEST_AUTH_BASIC, "alice", "s3cret!");
  map ("tenant1.atrium.test", "127.0.0.1");

  Outcome out;
  fetch ("tenant1.atrium.test", "basic-token", out, "alice", "s3cret!");
  ASSERT_NE (out.result, nullptr) << out.error->message;
  EXPECT_EQ (atr_feed_result_get_token (out.result), nullptr);
  EXPECT_FALSE (atr_feed_result_get_token_renewed (out.result));
  EXPECT_EQ (atr_test_broker_get_sign_in_count (b), 0u);
}

// #14: one typo, then the right password on the same client a moment later (as the sign-in
// page does): the new credentials are answered even though libsoup marks the attempt as a
// retry on the same endpoint's session; the refused ones are never sent twice.
class FeedClientRetype : public FeedClient, public ::testing::WithParamInterface<AtrTestAuth>
{
};

TEST_P (FeedClientRetype, WrongThenRightOnTheSameClient)
{
  AtrTestBroker *b = start_broker ("127.0.0.1");
  atr_test_broker_set_auth (b, GetParam (), "HARBOUR\\bob", "Corr3ct-Horse");
  map ("tenant1.atrium.test", "127.0.0.1");

  g_autoptr(AtrHttpClient) http = atr_http_client_new (trust, "tenant1.atrium.test");
  g_autoptr(AtrFeedClient) client = atr_feed_client_new (http, "retype");
  atr_feed_client_set_attempt_timeout (client, 1500);
  auto run = [&] (Outcome &out) {
    atr_feed_client_fetch_async (client, feed_url ("tenant1.atrium.test").c_str (), NULL,
                                 fetched_cb, &out);
    while (!out.done)
      g_main_context_iteration (NULL, TRUE);
  };

  atr_feed_client_set_credentials (client, "HARBOUR\\bob", "typo");
  Outcome wrong;
  run (wrong);
  ASSERT_EQ (wrong.result, nullptr);
  EXPECT_TRUE (g_error_matches (wrong.error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH))
    << wrong.error->message;
  guint failures = atr_test_broker_get_auth_failures (b);
  EXPECT_GE (failures, 1u);

  // The same wrong password again is refused without being sent twice per attempt.
  Outcome again;
  run (again);
  ASSERT_EQ (again.result, nullptr);
  EXPECT_TRUE (g_error_matches (again.error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH));
  EXPECT_LE (atr_test_broker_get_auth_failures (b), 2 * failures);

  atr_feed_client_set_credentials (client, "HARBOUR\\bob", "Corr3ct-Horse");
  Outcome right;
  run (right);
  ASSERT_NE (right.result, nullptr) << right.error->message;
  EXPECT_EQ (atr_feed_get_resources (atr_feed_result_get_feed (right.result))->len, 2u);
}

INSTANTIATE_TEST_SUITE_P (
  Auth, FeedClientRetype,
  ::testing::Values (ATR_TEST_AUTH_BASIC, ATR_TEST_AUTH_NTLM, ATR_TEST_AUTH_RDWEB_FORMS),
  [] (const ::testing::TestParamInfo<AtrTestAuth> &info) -> std::string {
    switch (info.param)
      {
      case ATR_TEST_AUTH_BASIC: return "Basic";
      case ATR_TEST_AUTH_NTLM: return "Ntlm";
      default: return "RdWeb";
      }
  });

}  // namespace

int
main (int argc, char **argv)
{
  ::testing::InitGoogleTest (&argc, argv);
  ::testing::AddGlobalTestEnvironment (new CacheRoot);
  return RUN_ALL_TESTS ();
}
