// atr-feed-client-fixture.h — real TLS test brokers on loopback for the feed client tests
// (test-feed-client.cpp, test-feed-realworld.cpp): certificates, resolver overrides, one
// private cache root per run, and a synchronous-looking fetch driven on the main context.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "atr-feed-client.h"
#include "atr-net-error.h"
#include "atr-resolver.h"
#include "atr-test-broker.h"
#include "atr-trust-store.h"

namespace {

std::string
certs (const char *name)
{
  const char *dir = g_getenv ("ATR_TEST_CERTS");
  return std::string (dir ? dir : ".") + "/" + name;
}

std::string
tenants ()
{
  return std::string (g_getenv ("ATR_TEST_DATA")) + "/tenants";
}

// GLib reads XDG_CACHE_HOME once per process: one private cache root for the whole run.
class CacheRoot : public ::testing::Environment
{
public:
  void SetUp () override
  {
    root = g_dir_make_tmp ("atr-feed-client-XXXXXX", NULL);
    g_setenv ("XDG_CACHE_HOME", root, TRUE);
  }
  void TearDown () override
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", root);
    ASSERT_EQ (system (cmd), 0);
    g_free (root);
  }
  char *root = nullptr;
};

struct Outcome
{
  bool done = false;
  AtrFeedResult *result = nullptr;
  GError *error = nullptr;
  ~Outcome ()
  {
    g_clear_pointer (&result, atr_feed_result_free);
    g_clear_error (&error);
  }
};

void
fetched_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  auto *out = static_cast<Outcome *> (data);
  out->result = atr_feed_client_fetch_finish (ATR_FEED_CLIENT (source), res, &out->error);
  out->done = true;
}

class FeedClient : public ::testing::Test
{
protected:
  void SetUp () override
  {
    g_autoptr(GError) error = NULL;

    port = atr_test_pick_shared_port (&error);
    ASSERT_NE (port, 0u) << error->message;

    trust = atr_trust_store_new_from_file (certs ("ca.pem").c_str (), &error);
    ASSERT_NE (trust, nullptr) << error->message;

    resolver = atr_resolver_new (NULL);
    atr_resolver_install (resolver);
  }

  void TearDown () override
  {
    for (AtrTestBroker *b : brokers)
      {
        atr_test_broker_stop (b);
        g_object_unref (b);
      }
    g_clear_object (&hang);
    g_clear_object (&http);
    g_clear_object (&trust);
    g_clear_object (&resolver);
  }

  AtrTestBroker *
  start_broker (const char *address, const char *cert = "good")
  {
    g_autoptr(GError) error = NULL;
    std::string crt = certs ((std::string (cert) + ".crt").c_str ());
    std::string key = certs ((std::string (cert) + ".key").c_str ());
    AtrTestBroker *b = atr_test_broker_new (tenants ().c_str (), crt.c_str (), key.c_str (),
                                            &error);
    EXPECT_NE (b, nullptr) << (error ? error->message : "");
    EXPECT_TRUE (atr_test_broker_listen (b, address, port, &error))
      << (error ? error->message : "");
    brokers.push_back (b);
    return b;
  }

  void
  map (const char *host, const char *addresses)
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *spec = g_strdup_printf ("%s:%u:%s", host, port, addresses);
    ASSERT_TRUE (atr_resolver_add_override (resolver, spec, &error)) << error->message;
  }

  std::string
  feed_url (const char *host)
  {
    g_autofree char *url = g_strdup_printf ("https://%s:%u/RDWeb/Feed/webfeed.aspx", host, port);
    return url;
  }

  void
  fetch (const char *host, const char *tenant_id, Outcome &out,
         const char *user = nullptr, const char *password = nullptr)
  {
    fetch_url (host, feed_url (host), tenant_id, out, user, password);
  }

  // @url on @host; the HTTPS client stays in `http` for the fetches a test makes after it.
  void
  fetch_url (const char *host, const std::string &url, const char *tenant_id, Outcome &out,
             const char *user = nullptr, const char *password = nullptr)
  {
    g_clear_object (&http);
    http = atr_http_client_new (trust, host);
    atr_http_client_set_stagger (http, 250);
    g_autoptr(AtrFeedClient) client = atr_feed_client_new (http, tenant_id);
    atr_feed_client_set_attempt_timeout (client, 1500);
    if (user != nullptr)
      atr_feed_client_set_credentials (client, user, password);
    atr_feed_client_fetch_async (client, url.c_str (), NULL, fetched_cb, &out);
    while (!out.done)
      g_main_context_iteration (NULL, TRUE);
  }

  guint port = 0;
  AtrTrustStore *trust = nullptr;
  AtrResolver *resolver = nullptr;
  AtrTestHangServer *hang = nullptr;
  AtrHttpClient *http = nullptr;
  std::vector<AtrTestBroker *> brokers;
};

}  // namespace
