/* test-http.cpp — AtrHttpClient against real TLS brokers on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tenant1.atrium.test is mapped with --resolve style overrides (AtrResolver, no system
 * resolver behind it) to gateways on 127.0.0.1/2/3 sharing one port: refusing (nothing
 * listens), hanging after accept (AtrTestHangServer) and good (AtrTestBroker). Servers and
 * client share the default main context; nothing blocks it.
 */
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <sys/prctl.h>
#include <unistd.h>

#include "atr-http.h"
#include "atr-net-error.h"
#include "atr-pinned-address.h"
#include "atr-resolver.h"
#include "atr-trust-store.h"

extern "C" {
#include "atr-test-broker.h"
}

namespace {

constexpr const char *HOST = "tenant1.atrium.test";

std::string
cert_path (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_CERTS"), name, NULL);
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  return abs;
}

std::string
tenants_dir ()
{
  g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_DATA"), "tenants", NULL);
  return path;
}

struct Result
{
  GBytes          *body = nullptr;
  AtrHttpResponse *response = nullptr;
  GError          *error = nullptr;
  bool             done = false;
  gint64           elapsed_us = 0;
  ~Result ()
  {
    g_clear_pointer (&body, g_bytes_unref);
    g_clear_object (&response);
    g_clear_error (&error);
  }
  std::string body_str () const
  {
    gsize n = 0;
    const char *d = body ? static_cast<const char *> (g_bytes_get_data (body, &n)) : "";
    return std::string (d, n);
  }
  std::vector<std::string> tried () const
  {
    std::vector<std::string> v;
    for (const char *const *t = atr_http_response_get_tried (response); t && *t; t++)
      v.push_back (*t);
    return v;
  }
};

// Servers and client share this thread: a call that blocks it (a synchronous close waiting on
// a peer only this thread serves) stops every main-loop deadline too, and the program would
// sit until meson's timeout without saying where. The watchdog names the test and aborts.
class Watchdog
{
public:
  explicit Watchdog (gint64 limit_s) : limit_s (limit_s)
  {
    const ::testing::TestInfo *info = ::testing::UnitTest::GetInstance ()->current_test_info ();
    name = std::string (info->test_suite_name ()) + "." + info->name ();
    g_mutex_init (&mutex);
    g_cond_init (&cond);
    thread = g_thread_new ("test-watchdog", run, this);
  }
  ~Watchdog ()
  {
    g_mutex_lock (&mutex);
    done = true;
    g_cond_signal (&cond);
    g_mutex_unlock (&mutex);
    g_thread_join (thread);
    g_cond_clear (&cond);
    g_mutex_clear (&mutex);
  }

private:
  // Every thread's stack on stderr, when gdb is installed: where the wait is.
  static void dump_threads ()
  {
    g_autofree char *gdb = g_find_program_in_path ("gdb");
    if (gdb == nullptr)
      return;
    prctl (PR_SET_PTRACER, PR_SET_PTRACER_ANY, 0, 0, 0);
    g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
    const char *argv[] = { gdb, "-p", pid, "-batch", "-nx", "-ex", "thread apply all bt",
                           nullptr };
    g_spawn_sync (nullptr, (char **) argv, nullptr, G_SPAWN_CHILD_INHERITS_STDIN, nullptr,
                  nullptr, nullptr, nullptr, nullptr, nullptr);
  }

  static gpointer run (gpointer data)
  {
    Watchdog *self = static_cast<Watchdog *> (data);
    gint64 end = g_get_monotonic_time () + self->limit_s * G_USEC_PER_SEC;

    g_mutex_lock (&self->mutex);
    while (!self->done)
      if (!g_cond_wait_until (&self->cond, &self->mutex, end) && !self->done)
        {
          fprintf (stderr, "%s: still running after %" G_GINT64_FORMAT " s, its thread is "
                   "blocked outside the main loop; aborting\n", self->name.c_str (),
                   self->limit_s);
          dump_threads ();
          fflush (stderr);
          abort ();
        }
    g_mutex_unlock (&self->mutex);
    return nullptr;
  }

  gint64 limit_s;
  std::string name;
  GMutex mutex;
  GCond cond;
  bool done = false;
  GThread *thread = nullptr;
};

class Http : public ::testing::Test
{
protected:
  guint port = 0;
  AtrTrustStore *trust = nullptr;
  AtrResolver *resolver = nullptr;
  std::vector<GObject *> servers;
  // Each test takes seconds at most, even under ASan on a loaded machine; fetch() gives up
  // after 30 s.
  Watchdog watchdog { 75 };

  void SetUp () override
  {
    g_autoptr(GError) error = nullptr;
    port = atr_test_pick_shared_port (&error);
    ASSERT_NE (port, 0u) << error->message;
    trust = atr_trust_store_new_from_file (cert_path ("ca.pem").c_str (), &error);
    ASSERT_NE (trust, nullptr) << error->message;
    resolver = atr_resolver_new (nullptr);
  }

  void TearDown () override
  {
    for (GObject *s : servers)
      {
        if (ATR_IS_TEST_BROKER (s))
          atr_test_broker_stop (ATR_TEST_BROKER (s));
        else
          atr_test_hang_server_stop (ATR_TEST_HANG_SERVER (s));
        g_object_unref (s);
      }
    g_clear_object (&resolver);
    g_clear_object (&trust);
    // Let cancelled connections wind down before the next test; a source that stays ready
    // for good is a failure, not a spin.
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (g_main_context_iteration (nullptr, FALSE))
      if (g_get_monotonic_time () > deadline)
        {
          ADD_FAILURE () << "the main context was still busy 10 s after the test";
          break;
        }
  }

  std::string label (const char *addr) { return std::string (addr) + ":" + std::to_string (port); }

  AtrTestBroker *broker (const char *addr, const char *cert = "good")
  {
    g_autoptr(GError) error = nullptr;
    std::string crt = cert_path ((std::string (cert) + ".crt").c_str ());
    std::string key = cert_path ((std::string (cert) + ".key").c_str ());
    AtrTestBroker *b = atr_test_broker_new (tenants_dir ().c_str (), crt.c_str (), key.c_str (),
                                            &error);
    EXPECT_NE (b, nullptr) << (error ? error->message : "");
    if (b == nullptr)
      return nullptr;
    EXPECT_TRUE (atr_test_broker_listen (b, addr, port, &error)) << (error ? error->message : "");
    servers.push_back (G_OBJECT (b));
    return b;
  }

  void hang (const char *addr)
  {
    g_autoptr(GError) error = nullptr;
    AtrTestHangServer *h = atr_test_hang_server_new (addr, port, &error);
    ASSERT_NE (h, nullptr) << error->message;
    servers.push_back (G_OBJECT (h));
  }

  void map (const char *addrs)
  {
    g_autoptr(GError) error = nullptr;
    std::string spec = std::string (HOST) + ":" + std::to_string (port) + ":" + addrs;
    ASSERT_TRUE (atr_resolver_add_override (resolver, spec.c_str (), &error)) << error->message;
  }

  AtrHttpClient *client ()
  {
    AtrHttpClient *c = atr_http_client_new (trust, HOST);
    atr_http_client_set_resolver (c, G_RESOLVER (resolver));
    return c;
  }

  std::string feed_url (const char *path = "/RDWeb/Feed/webfeed.aspx")
  {
    return std::string ("https://") + HOST + ":" + std::to_string (port) + path;
  }

  AtrHttpRequest *feed_request ()
  {
    AtrHttpRequest *r = atr_http_request_new ("GET", feed_url ().c_str ());
    atr_http_request_set_header (r, "Accept",
                                 "application/x-msts-radc+xml; radc_schema_version=2.0");
    return r;
  }

  static void done_cb (GObject *o, GAsyncResult *res, gpointer data)
  {
    Result *r = static_cast<Result *> (data);
    r->body = atr_http_fetch_finish (ATR_HTTP_CLIENT (o), res, &r->response, &r->error);
    r->done = true;
  }

  void fetch (AtrHttpClient *c, AtrHttpRequest *req, Result *r, GCancellable *cancel = nullptr)
  {
    gint64 start = g_get_monotonic_time ();
    bool guard = false;
    guint id = g_timeout_add_seconds (30, [] (gpointer d) -> gboolean {
      *static_cast<bool *> (d) = true;
      return G_SOURCE_REMOVE;
    }, &guard);
    atr_http_fetch_async (c, req, cancel, done_cb, r);
    while (!r->done && !guard)
      g_main_context_iteration (nullptr, TRUE);
    if (!guard)
      g_source_remove (id);
    r->elapsed_us = g_get_monotonic_time () - start;
    ASSERT_FALSE (guard) << "fetch did not finish within 30 s";
  }
};

TEST_F (Http, RefusingHangingAndGoodGatewaysStillServeTheFeed)
{
  hang ("127.0.0.2");
  broker ("127.0.0.3");
  map ("127.0.0.1,127.0.0.2,127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_EQ (r.error, nullptr) << r.error->message;
  EXPECT_EQ (atr_http_response_get_status (r.response), 200u);
  EXPECT_NE (r.body_str ().find ("ResourceCollection"), std::string::npos);
  EXPECT_EQ (atr_http_response_get_endpoint (r.response), label ("127.0.0.3"));
  EXPECT_EQ (r.tried (), (std::vector<std::string>{ label ("127.0.0.1"), label ("127.0.0.2"),
                                                    label ("127.0.0.3") }));
  // The hung gateway cost one stagger, not its 5 s deadline.
  EXPECT_LT (r.elapsed_us, 2 * G_USEC_PER_SEC);
  RecordProperty ("elapsed_ms", (int) (r.elapsed_us / 1000));

  // The refusing gateway backs off; the hung one was abandoned, not blamed.
  AtrEndpointMemory *mem = atr_http_client_get_memory (c);
  EXPECT_STREQ (atr_endpoint_memory_get_last_good (mem), label ("127.0.0.3").c_str ());
  EXPECT_EQ (atr_endpoint_memory_get_failures (mem, label ("127.0.0.1").c_str ()), 1u);
  EXPECT_EQ (atr_endpoint_memory_get_failures (mem, label ("127.0.0.2").c_str ()), 0u);
}

TEST_F (Http, LastGoodEndpointIsTriedFirstNextTime)
{
  hang ("127.0.0.2");
  broker ("127.0.0.3");
  map ("127.0.0.1,127.0.0.2,127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result first;
  fetch (c, req, &first);
  ASSERT_EQ (first.error, nullptr) << first.error->message;

  // DNS round-robin now answers .2, .3, .1: the memory puts .3 first and .1 last anyway.
  // A stagger longer than any answer, so that a slow one (ASan, a loaded machine) does not
  // start the next candidate: only the order is checked.
  atr_http_client_set_stagger (c, 30000);
  Result second;
  fetch (c, req, &second);
  ASSERT_EQ (second.error, nullptr) << second.error->message;
  EXPECT_EQ (atr_http_response_get_endpoint (second.response), label ("127.0.0.3"));
  EXPECT_EQ (second.tried (), (std::vector<std::string>{ label ("127.0.0.3") }));

  // The memory survives a save/load round trip into a new client.
  g_autofree char *data = atr_endpoint_memory_to_data (atr_http_client_get_memory (c));
  g_autoptr(AtrEndpointMemory) loaded = atr_endpoint_memory_new_from_data (data, nullptr);
  ASSERT_NE (loaded, nullptr);
  g_autoptr(AtrHttpClient) c2 = client ();
  atr_http_client_set_stagger (c2, 30000);
  atr_http_client_set_memory (c2, loaded);
  Result third;
  fetch (c2, req, &third);
  ASSERT_EQ (third.error, nullptr) << third.error->message;
  EXPECT_EQ (third.tried (), (std::vector<std::string>{ label ("127.0.0.3") }));
}

TEST_F (Http, GoodGatewayAlone)
{
  broker ("127.0.0.3");
  map ("127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_EQ (r.error, nullptr) << r.error->message;
  EXPECT_EQ (atr_http_response_get_status (r.response), 200u);
  EXPECT_NE (atr_http_response_get_content_type (r.response), nullptr);
  EXPECT_EQ (atr_http_response_get_url (r.response), feed_url ());
  EXPECT_GT (g_bytes_get_size (r.body), 0u);
  EXPECT_EQ (g_strv_length ((char **) atr_http_response_get_warnings (r.response)), 0u);
}

TEST_F (Http, OverrideForAnotherPortAppliesPerHostWithAWarning)
{
  broker ("127.0.0.3");
  g_autoptr(GError) error = nullptr;
  ASSERT_TRUE (atr_resolver_add_override (resolver, "tenant1.atrium.test:1:127.0.0.3", &error));
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_EQ (r.error, nullptr) << r.error->message;
  const char *const *w = atr_http_response_get_warnings (r.response);
  ASSERT_EQ (g_strv_length ((char **) w), 1u);
  EXPECT_NE (strstr (w[0], "tenant1.atrium.test:1"), nullptr) << w[0];
}

TEST_F (Http, PinnedEndpointSkipsFailover)
{
  broker ("127.0.0.3");
  map ("127.0.0.1,127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  atr_http_request_set_endpoint (req, label ("127.0.0.3").c_str ());
  Result r;
  fetch (c, req, &r);
  ASSERT_EQ (r.error, nullptr) << r.error->message;
  EXPECT_EQ (r.tried (), (std::vector<std::string>{ label ("127.0.0.3") }));

  g_autoptr(AtrHttpRequest) bad = feed_request ();
  atr_http_request_set_endpoint (bad, "tenant1.atrium.test:443");
  Result b;
  fetch (c, bad, &b);
  EXPECT_TRUE (g_error_matches (b.error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS));
}

TEST_F (Http, AllDownNamesEveryEndpoint)
{
  map ("127.0.0.1,127.0.0.2,127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_NE (r.error, nullptr);
  EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_CONNECT)) << r.error->message;
  RecordProperty ("message", r.error->message);
  for (const char *a : { "127.0.0.1", "127.0.0.2", "127.0.0.3" })
    EXPECT_NE (strstr (r.error->message, label (a).c_str ()), nullptr) << r.error->message;
  EXPECT_NE (strstr (r.error->message, HOST), nullptr) << r.error->message;
  EXPECT_EQ (r.body, nullptr);
}

TEST_F (Http, HangOnlyTimesOut)
{
  hang ("127.0.0.2");
  map ("127.0.0.2");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  atr_http_request_set_attempt_timeout (req, 300);
  Result r;
  fetch (c, req, &r);
  ASSERT_NE (r.error, nullptr);
  EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_TIMEOUT)) << r.error->message;
  EXPECT_NE (strstr (r.error->message, label ("127.0.0.2").c_str ()), nullptr) << r.error->message;
}

TEST_F (Http, ServerErrorIsAnHttpError)
{
  AtrTestBroker *b = broker ("127.0.0.3");
  atr_test_broker_set_fault (b, ATR_TEST_FAULT_ERROR_5XX);
  map ("127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_NE (r.error, nullptr);
  EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_HTTP)) << r.error->message;
  EXPECT_NE (strstr (r.error->message, "503"), nullptr) << r.error->message;
  ASSERT_NE (r.response, nullptr);
  EXPECT_EQ (atr_http_response_get_status (r.response), 503u);
}

TEST_F (Http, ServerErrorFailsOverToAHealthyGateway)
{
  AtrTestBroker *sick = broker ("127.0.0.1");
  atr_test_broker_set_fault (sick, ATR_TEST_FAULT_ERROR_5XX);
  broker ("127.0.0.3");
  map ("127.0.0.1,127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_EQ (r.error, nullptr) << r.error->message;
  EXPECT_EQ (atr_http_response_get_endpoint (r.response), label ("127.0.0.3"));
}

TEST_F (Http, NotFoundIsFinal)
{
  AtrTestBroker *b = broker ("127.0.0.3");
  atr_test_broker_set_fault (b, ATR_TEST_FAULT_NOT_FOUND);
  map ("127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_HTTP));
  ASSERT_NE (r.response, nullptr);
  EXPECT_EQ (atr_http_response_get_status (r.response), 404u);
  EXPECT_NE (strstr (r.error->message, feed_url ().c_str ()), nullptr) << r.error->message;
}

TEST_F (Http, WrongCertificateIsRejectedWithItsReason)
{
  broker ("127.0.0.3", "wronghost");
  map ("127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_NE (r.error, nullptr);
  EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE))
      << r.error->message;
  EXPECT_NE (strstr (r.error->message, atr_trust_reason_to_string (ATR_TRUST_HOST_MISMATCH)),
             nullptr) << r.error->message;
  EXPECT_NE (strstr (r.error->message, "certificate of tenant1.atrium.test rejected"), nullptr)
      << r.error->message;
  RecordProperty ("message", r.error->message);
}

TEST_F (Http, CertificateRejectionIsNotMaskedByWorseErrors)
{
  broker ("127.0.0.1", "wronghost");
  map ("127.0.0.1,127.0.0.2");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_NE (r.error, nullptr);
  EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE))
      << r.error->message;
  EXPECT_NE (strstr (r.error->message, "connection refused"), nullptr) << r.error->message;
}

TEST_F (Http, CertificateRejectedOnOneGatewayIsReportedEvenWhenAnotherServes)
{
  broker ("127.0.0.1", "wronghost");
  broker ("127.0.0.3");
  map ("127.0.0.1,127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_EQ (r.error, nullptr) << r.error->message;
  const char *const *w = atr_http_response_get_warnings (r.response);
  ASSERT_EQ (g_strv_length ((char **) w), 1u);
  EXPECT_NE (strstr (w[0], label ("127.0.0.1").c_str ()), nullptr) << w[0];
  EXPECT_NE (strstr (w[0], "host-mismatch"), nullptr) << w[0];
}

TEST_F (Http, OversizeBodyIsBadData)
{
  AtrTestBroker *b = broker ("127.0.0.3");
  atr_test_broker_set_fault (b, ATR_TEST_FAULT_OVERSIZE);
  map ("127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  atr_http_request_set_max_size (req, 1024 * 1024);
  Result r;
  fetch (c, req, &r);
  ASSERT_NE (r.error, nullptr);
  EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA)) << r.error->message;
  EXPECT_NE (strstr (r.error->message, feed_url ().c_str ()), nullptr) << r.error->message;
  EXPECT_NE (strstr (r.error->message, "larger than"), nullptr) << r.error->message;
}

TEST_F (Http, TruncatedBodyIsBadData)
{
  AtrTestBroker *b = broker ("127.0.0.3");
  atr_test_broker_set_fault (b, ATR_TEST_FAULT_TRUNCATED);
  map ("127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_NE (r.error, nullptr);
  EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA)) << r.error->message;
  EXPECT_NE (strstr (r.error->message, "cut short"), nullptr) << r.error->message;
}

TEST_F (Http, SlowResponseHitsTheAttemptDeadline)
{
  AtrTestBroker *b = broker ("127.0.0.3");
  atr_test_broker_set_fault (b, ATR_TEST_FAULT_SLOW);
  atr_test_broker_set_slow_delay (b, 3000);
  map ("127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  atr_http_request_set_attempt_timeout (req, 300);
  Result r;
  fetch (c, req, &r);
  ASSERT_NE (r.error, nullptr);
  EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_TIMEOUT)) << r.error->message;
}

TEST_F (Http, UrlOnAnotherHostIsRefused)
{
  g_autoptr(AtrHttpClient) c = client ();
  const char *urls[] = { "https://evil.example/RDWeb/Feed/webfeed.aspx",
                         "http://tenant1.atrium.test/RDWeb/Feed/webfeed.aspx", "not a url" };
  for (const char *u : urls)
    {
      g_autoptr(AtrHttpRequest) req = atr_http_request_new ("GET", u);
      Result r;
      fetch (c, req, &r);
      EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS)) << u;
    }
}

TEST_F (Http, UnknownHostIsADnsError)
{
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_NE (r.error, nullptr);
  EXPECT_TRUE (g_error_matches (r.error, ATR_NET_ERROR, ATR_NET_ERROR_DNS)) << r.error->message;
  EXPECT_NE (strstr (r.error->message, HOST), nullptr) << r.error->message;
}

TEST_F (Http, ExtraGatewaysJoinTheCandidates)
{
  broker ("127.0.0.3");
  map ("127.0.0.1");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(GError) error = nullptr;
  ASSERT_TRUE (atr_http_client_add_gateway (c, label ("127.0.0.3").c_str (), &error));
  for (const char *bad : { "gw.example", "gw.example:", ":443", "gw.example:0", "[::1",
                           "-gw.example:443", "gw.example:99999" })
    {
      g_autoptr(GError) e = nullptr;
      EXPECT_FALSE (atr_http_client_add_gateway (c, bad, &e)) << bad;
      EXPECT_TRUE (g_error_matches (e, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS)) << bad;
    }
  g_autoptr(AtrHttpRequest) req = feed_request ();
  Result r;
  fetch (c, req, &r);
  ASSERT_EQ (r.error, nullptr) << r.error->message;
  EXPECT_EQ (atr_http_response_get_endpoint (r.response), label ("127.0.0.3"));
}

TEST_F (Http, CancelStopsEverything)
{
  hang ("127.0.0.2");
  map ("127.0.0.2");
  g_autoptr(AtrHttpClient) c = client ();
  g_autoptr(AtrHttpRequest) req = feed_request ();
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_timeout_add (100, [] (gpointer d) -> gboolean {
    g_cancellable_cancel (G_CANCELLABLE (d));
    return G_SOURCE_REMOVE;
  }, cancel);
  Result r;
  fetch (c, req, &r, cancel);
  EXPECT_TRUE (g_error_matches (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  EXPECT_LT (r.elapsed_us, 4 * G_USEC_PER_SEC);
}

gboolean
ntlm_auth (AtrHttpRequest *request, SoupMessage *msg, SoupAuth *auth, gboolean retrying,
           gpointer user_data)
{
  int *calls = static_cast<int *> (user_data);
  (*calls)++;
  if (retrying)
    return FALSE;
  soup_auth_authenticate (auth, "alice", "secret");
  return TRUE;
}

// The RD Web sign-in flow as the feed client will run it: 302 returned (not followed),
// 401 answered with NTLM through the auth callback on the same endpoint, token from the body
// sent back as the .ASPXAUTH cookie.
TEST_F (Http, ApiCarriesTheRdWebSignInFlow)
{
  hang ("127.0.0.2");
  AtrTestBroker *b = broker ("127.0.0.3");
  atr_test_broker_set_auth (b, ATR_TEST_AUTH_RDWEB_FORMS, "alice", "secret");
  map ("127.0.0.2,127.0.0.3");
  g_autoptr(AtrHttpClient) c = client ();

  g_autoptr(AtrHttpRequest) first = feed_request ();
  Result r1;
  fetch (c, first, &r1);
  ASSERT_EQ (r1.error, nullptr) << r1.error->message;
  ASSERT_EQ (atr_http_response_get_status (r1.response), 302u);
  const char *location = atr_http_response_get_header (r1.response, "Location");
  ASSERT_NE (location, nullptr);
  std::string endpoint = atr_http_response_get_endpoint (r1.response);

  g_autoptr(GUri) base = g_uri_parse (feed_url ().c_str (), G_URI_FLAGS_NONE, nullptr);
  g_autoptr(GUri) login_uri = g_uri_parse_relative (base, location, G_URI_FLAGS_NONE, nullptr);
  g_autofree char *login_url = g_uri_to_string (login_uri);
  g_autoptr(AtrHttpRequest) login = atr_http_request_new ("GET", login_url);
  int calls = 0;
  atr_http_request_set_auth_func (login, ntlm_auth, &calls, nullptr);
  atr_http_request_set_endpoint (login, endpoint.c_str ());
  Result r2;
  fetch (c, login, &r2);
  ASSERT_EQ (r2.error, nullptr) << r2.error->message;
  EXPECT_GE (calls, 1);
  EXPECT_STREQ (atr_http_response_get_content_type (r2.response),
                ATR_TEST_BROKER_FEED_LOGIN_CONTENT_TYPE);
  std::string token = r2.body_str ();
  ASSERT_FALSE (token.empty ());

  g_autoptr(AtrHttpRequest) feed = feed_request ();
  atr_http_request_set_cookie (feed, ".ASPXAUTH", token.c_str ());
  atr_http_request_set_endpoint (feed, endpoint.c_str ());
  Result r3;
  fetch (c, feed, &r3);
  ASSERT_EQ (r3.error, nullptr) << r3.error->message;
  EXPECT_EQ (atr_http_response_get_status (r3.response), 200u);
  EXPECT_NE (r3.body_str ().find ("ResourceCollection"), std::string::npos);

  // Without credentials the login page is an AUTH error, with the response for inspection.
  g_autoptr(AtrHttpRequest) anon = atr_http_request_new ("GET", login_url);
  Result r4;
  fetch (c, anon, &r4);
  EXPECT_TRUE (g_error_matches (r4.error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH));
  ASSERT_NE (r4.response, nullptr);
  EXPECT_EQ (atr_http_response_get_status (r4.response), 401u);
}

TEST (PinnedAddress, KeepsTheHostNameAndYieldsOnlyThePinnedAddress)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string ("127.0.0.3");
  g_autoptr(GSocketAddress) sa = g_inet_socket_address_new (inet, 8443);
  g_autoptr(AtrPinnedAddress) p =
      atr_pinned_address_new ("tenant1.atrium.test", G_INET_SOCKET_ADDRESS (sa));
  ASSERT_TRUE (G_IS_NETWORK_ADDRESS (p));
  EXPECT_STREQ (g_network_address_get_hostname (G_NETWORK_ADDRESS (p)), "tenant1.atrium.test");
  EXPECT_EQ (g_network_address_get_port (G_NETWORK_ADDRESS (p)), 8443);
  g_autofree char *label = atr_pinned_address_get_label (p);
  EXPECT_STREQ (label, "127.0.0.3:8443");

  for (bool proxy : { false, true })
    {
      g_autoptr(GSocketAddressEnumerator) e =
          proxy ? g_socket_connectable_proxy_enumerate (G_SOCKET_CONNECTABLE (p))
                : g_socket_connectable_enumerate (G_SOCKET_CONNECTABLE (p));
      g_autoptr(GSocketAddress) first = g_socket_address_enumerator_next (e, nullptr, nullptr);
      ASSERT_TRUE (G_IS_INET_SOCKET_ADDRESS (first));
      g_autofree char *s = g_inet_address_to_string (
          g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (first)));
      EXPECT_STREQ (s, "127.0.0.3");
      g_autoptr(GSocketAddress) second = g_socket_address_enumerator_next (e, nullptr, nullptr);
      EXPECT_EQ (second, nullptr);
    }

  g_autoptr(GInetAddress) v6 = g_inet_address_new_from_string ("::1");
  g_autoptr(GSocketAddress) sa6 = g_inet_socket_address_new (v6, 443);
  g_autoptr(AtrPinnedAddress) p6 =
      atr_pinned_address_new ("tenant1.atrium.test", G_INET_SOCKET_ADDRESS (sa6));
  g_autofree char *label6 = atr_pinned_address_get_label (p6);
  EXPECT_STREQ (label6, "[::1]:443");
}

} // namespace
