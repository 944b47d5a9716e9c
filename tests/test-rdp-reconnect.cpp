/* test-rdp-reconnect.cpp — auto-reconnect: the pure rule and schedule (fake clock), then
 * end to end with freerdp-shadow-cli3 killed and restarted on the same port
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "atr-shadow-fixture.h"

extern "C" {
#include "atr-rdp-file.h"
#include "atr-rdp-policy.h"
#include "atr-rdp-reconnect.h"
#include "atr-rdp-session.h"
#include "atr-trust-store.h"
}

#define MS 1000   /* µs */

TEST (ReconnectRule, OnlyANetworkLossUnderAPolicyThatAllowsIt)
{
  for (int code = ATR_RDP_ERROR_FAILED; code <= ATR_RDP_ERROR_CANCELLED; code++)
    {
      EXPECT_EQ (atr_rdp_reconnect_allowed ((AtrRdpError) code, TRUE),
                 code == ATR_RDP_ERROR_NETWORK_LOST) << atr_rdp_error_to_string ((AtrRdpError) code);
      EXPECT_FALSE (atr_rdp_reconnect_allowed ((AtrRdpError) code, FALSE));
    }
}

TEST (ReconnectSchedule, DoublesUpToTheCap)
{
  AtrRdpBackoff b = { 6, 500, 3000, 0 };
  std::vector<gint64> want = { 500, 1000, 2000, 3000, 3000, 3000 };

  EXPECT_EQ (atr_rdp_backoff_delay_ms (&b, 0), -1);
  for (guint i = 0; i < want.size (); i++)
    EXPECT_EQ (atr_rdp_backoff_delay_ms (&b, i + 1), want[i]) << i + 1;
  EXPECT_EQ (atr_rdp_backoff_delay_ms (&b, 7), -1);

  AtrRdpBackoff never = { 0, 500, 3000, 0 };
  EXPECT_EQ (atr_rdp_backoff_delay_ms (&never, 1), -1);

  AtrRdpBackoff odd = { 3, 5000, 1000, 0 };   /* a cap below the first delay: the first */
  EXPECT_EQ (atr_rdp_backoff_delay_ms (&odd, 3), 5000);

  AtrRdpBackoff big = { 64, 1000, G_MAXUINT, 0 };   /* no overflow however many attempts */
  EXPECT_GT (atr_rdp_backoff_delay_ms (&big, 64), 0);
}

TEST (ReconnectSchedule, FakeClockDrivesAttemptsUntilTheyRunOut)
{
  AtrRdpBackoff b = { 3, 100, 1000, 0 };
  AtrRdpReconnect r;
  gint64 now = 1000000 * MS;

  atr_rdp_reconnect_begin (&r, &b, now);
  EXPECT_EQ (atr_rdp_reconnect_get_attempt (&r), 0u);
  EXPECT_EQ (atr_rdp_reconnect_next (&r, now), now + 100 * MS);
  EXPECT_EQ (atr_rdp_reconnect_get_attempt (&r), 1u);
  now += 100 * MS + 30 * MS;   /* the first attempt took 30 ms and failed */
  EXPECT_EQ (atr_rdp_reconnect_next (&r, now), now + 200 * MS);
  now += 200 * MS + 10 * 1000 * MS;   /* the second one hung for 10 s */
  EXPECT_EQ (atr_rdp_reconnect_next (&r, now), now + 400 * MS);
  EXPECT_EQ (atr_rdp_reconnect_get_attempt (&r), 3u);
  EXPECT_EQ (atr_rdp_reconnect_next (&r, now + 400 * MS), -1);
  EXPECT_EQ (atr_rdp_reconnect_get_attempt (&r), 3u);
}

TEST (ReconnectSchedule, TotalLimitEndsEarly)
{
  AtrRdpBackoff b = { 10, 1000, 1000, 2500 };
  AtrRdpReconnect r;
  gint64 lost = 42 * MS;

  atr_rdp_reconnect_begin (&r, &b, lost);
  EXPECT_EQ (atr_rdp_reconnect_next (&r, lost), lost + 1000 * MS);
  EXPECT_EQ (atr_rdp_reconnect_next (&r, lost + 1000 * MS), lost + 2000 * MS);
  /* the third would start 3 s after the loss: over the 2.5 s limit */
  EXPECT_EQ (atr_rdp_reconnect_next (&r, lost + 2000 * MS), -1);
  /* a clock that went backwards is treated as the loss time, never earlier */
  atr_rdp_reconnect_begin (&r, &b, lost);
  EXPECT_EQ (atr_rdp_reconnect_next (&r, 0), lost + 1000 * MS);
}

TEST (ReconnectSchedule, DefaultIsBoundedAndReconnects)
{
  AtrRdpBackoff b;
  AtrRdpReconnect r;
  gint64 now = 0;
  guint attempts = 0;

  atr_rdp_backoff_init_default (&b);
  EXPECT_GT (b.max_attempts, 0u);
  atr_rdp_reconnect_begin (&r, &b, now);
  while ((now = atr_rdp_reconnect_next (&r, now)) >= 0)
    attempts++;
  EXPECT_EQ (attempts, b.max_attempts);
}

/* --- end to end ------------------------------------------------------------------------ */

static AtrShadowDisplay *display;

struct SessionRun
{
  AtrRdpSession *session = NULL;
  bool finished = false;
  bool ok = false;
  GError *error = NULL;
  std::vector<AtrRdpState> states;
  guint frames = 0;

  ~SessionRun ()
  {
    if (session != NULL)
      {
        atr_rdp_session_disconnect (session);
        atr_shadow_spin_until ([this] { return state () == ATR_RDP_STATE_DISCONNECTED; });
        g_object_unref (session);
      }
    g_clear_error (&error);
  }

  AtrRdpState state () const { return atr_rdp_session_get_state (session); }

  static void
  state_cb (AtrRdpSession *s, GParamSpec *, SessionRun *run)
  {
    run->states.push_back (atr_rdp_session_get_state (s));
  }

  static void
  frame_cb (AtrRdpSession *, const AtrRdpRect *, guint, SessionRun *run)
  {
    run->frames++;
  }

  static void
  connected_cb (GObject *source, GAsyncResult *result, gpointer data)
  {
    SessionRun *run = (SessionRun *) data;
    run->ok = atr_rdp_session_connect_finish (ATR_RDP_SESSION (source), result, &run->error);
    run->finished = true;
  }

  /* A session from a .rdp payload under a policy, with a quick schedule for the test. */
  void
  start (guint16 port, bool policy_reconnect, const AtrRdpBackoff *backoff)
  {
    g_autofree char *text = g_strdup_printf ("full address:s:localhost:%u\r\n", port);
    g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
    g_autoptr(GError) local_error = NULL;
    g_autoptr(AtrRdpFile) file = atr_rdp_file_new_from_bytes (bytes, "arc.rdp", &local_error);
    ASSERT_NE (file, nullptr) << local_error->message;
    AtrRdpPolicy policy;
    atr_rdp_policy_init_default (&policy);
    policy.reconnect = policy_reconnect;
    g_autoptr(AtrRdpFile) filtered = atr_rdp_file_filter (file, &policy, NULL);
    session = atr_rdp_session_new_from_file (filtered, &policy, &local_error);
    ASSERT_NE (session, nullptr) << local_error->message;
    if (backoff != NULL)
      atr_rdp_session_set_reconnect (session, backoff);

    g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                              "trusted-with-intermediate.pem", NULL);
    g_autoptr(AtrTrustStore) trust = atr_trust_store_new_from_file (path, &local_error);
    ASSERT_NE (trust, nullptr) << local_error->message;
    atr_rdp_session_set_trust_store (session, trust);
    g_signal_connect (session, "notify::state", G_CALLBACK (state_cb), this);
    g_signal_connect (session, "frame-updated", G_CALLBACK (frame_cb), this);
    atr_rdp_session_connect_async (session, NULL, connected_cb, this);
  }

  bool
  saw (AtrRdpState state) const
  {
    for (AtrRdpState s : states)
      if (s == state)
        return true;
    return false;
  }
};

class RdpReconnect : public ::testing::Test
{
protected:
  static void
  SetUpTestSuite ()
  {
    g_autoptr(GError) error = NULL;
    display = new AtrShadowDisplay ();
    ASSERT_TRUE (display->start (&error)) << error->message;
  }

  static void
  TearDownTestSuite ()
  {
    delete display;
    display = NULL;
  }

  void
  start_server (AtrShadowServer &server, const char *cert, guint16 port = 0)
  {
    g_autoptr(GError) error = NULL;
    ASSERT_TRUE (server.start (*display, cert, false, &error, port)) << error->message;
  }
};

static const AtrRdpBackoff quick = { 12, 200, 800, 0 };

TEST_F (RdpReconnect, ComesBackAfterTheServerRestarts)
{
  AtrShadowServer server;
  start_server (server, "good");
  guint16 port = server.port ();
  SessionRun run;

  run.start (port, true, &quick);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.finished; }));
  ASSERT_TRUE (run.ok) << run.error->message;
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.frames > 0; }));

  server.stop ();
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.state () == ATR_RDP_STATE_RECONNECTING; }))
    << "state " << run.state ();
  EXPECT_EQ (atr_rdp_session_get_disconnect_error (run.session), nullptr);

  start_server (server, "good", port);
  guint frames_before = run.frames;
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.state () == ATR_RDP_STATE_CONNECTED; }))
    << "state " << run.state ();
  ASSERT_TRUE (atr_shadow_spin_until ([&run, frames_before] { return run.frames > frames_before; }));
  EXPECT_FALSE (run.saw (ATR_RDP_STATE_DISCONNECTED));
  /* the reconnection's certificate went through the trust store again */
  EXPECT_EQ (atr_rdp_certificate_get_reason (atr_rdp_session_get_certificate (run.session)),
             ATR_TRUST_OK);
}

TEST_F (RdpReconnect, GivesUpAsANetworkLoss)
{
  AtrShadowServer server;
  start_server (server, "good");
  AtrRdpBackoff few = { 3, 100, 200, 0 };
  SessionRun run;

  run.start (server.port (), true, &few);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.finished; }));
  ASSERT_TRUE (run.ok) << run.error->message;

  server.stop ();
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.state () == ATR_RDP_STATE_DISCONNECTED; }));
  EXPECT_TRUE (run.saw (ATR_RDP_STATE_RECONNECTING));
  const GError *error = atr_rdp_session_get_disconnect_error (run.session);
  ASSERT_NE (error, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_RDP_ERROR, ATR_RDP_ERROR_NETWORK_LOST))
    << error->message;
  EXPECT_NE (strstr (error->message, "3 attempts"), nullptr) << error->message;
  EXPECT_NE (strstr (error->message, "localhost"), nullptr) << error->message;
}

TEST_F (RdpReconnect, NeverWhenPolicyForbids)
{
  AtrShadowServer server;
  start_server (server, "good");
  SessionRun run;

  run.start (server.port (), false, NULL);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.finished; }));
  ASSERT_TRUE (run.ok) << run.error->message;

  server.stop ();
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.state () == ATR_RDP_STATE_DISCONNECTED; }));
  EXPECT_FALSE (run.saw (ATR_RDP_STATE_RECONNECTING));
  const GError *error = atr_rdp_session_get_disconnect_error (run.session);
  ASSERT_NE (error, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_RDP_ERROR, ATR_RDP_ERROR_NETWORK_LOST))
    << error->message;
}

TEST_F (RdpReconnect, StopsWhenTheCertificateChanges)
{
  /* the host comes back with a certificate the trust store refuses: no more attempts */
  AtrShadowServer server;
  start_server (server, "good");
  guint16 port = server.port ();
  SessionRun run;

  run.start (port, true, &quick);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.finished; }));
  ASSERT_TRUE (run.ok) << run.error->message;

  server.stop ();
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.state () == ATR_RDP_STATE_RECONNECTING; }));
  start_server (server, "selfsigned", port);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.state () == ATR_RDP_STATE_DISCONNECTED; }));
  const GError *error = atr_rdp_session_get_disconnect_error (run.session);
  ASSERT_NE (error, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_RDP_ERROR, ATR_RDP_ERROR_CERTIFICATE))
    << error->message;
}

TEST_F (RdpReconnect, DisconnectWhileReconnectingEndsCleanly)
{
  AtrShadowServer server;
  start_server (server, "good");
  SessionRun run;

  run.start (server.port (), true, &quick);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.finished; }));
  ASSERT_TRUE (run.ok) << run.error->message;

  server.stop ();
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.state () == ATR_RDP_STATE_RECONNECTING; }));
  atr_rdp_session_send_key (run.session, 0x2A, FALSE, TRUE);   /* dropped, not queued forever */
  atr_rdp_session_disconnect (run.session);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.state () == ATR_RDP_STATE_DISCONNECTED; }));
  EXPECT_EQ (atr_rdp_session_get_disconnect_error (run.session), nullptr);
}

int
main (int argc, char **argv)
{
  AtrShadowHome home ("atr-rdp-arc-XXXXXX");

  ::testing::InitGoogleTest (&argc, argv);
  return RUN_ALL_TESTS ();
}
