/* test-rdp-weston.cpp — AtrRdpSession end to end against a second real server: Weston 14's
 * RDP backend (tests/atr-weston-fixture.h)
 *
 * What Weston 14 offers a client, each checked here: TLS without NLA; a desktop that takes
 * the size the client announces (or, --no-resizeable, resizes the client to its own);
 * cliprdr text both ways with Wayland clients inside it (wl-copy, wl-paste); the pointer
 * hidden on the client while Weston draws its cursor into the picture. What it lacks: any
 * dynamic channel, so no Display Control (no resizing during a session) and no RDPGFX; and
 * it drops a client that did not join cliprdr. The whole suite skips when weston is not
 * installed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "atr-weston-fixture.h"

extern "C" {
#include "atr-rdp-session.h"
#include "atr-trust-store.h"
}

static std::string weston_missing;   /* why the suite skips; empty when Weston is here */

/* wl-clipboard runs inside Weston for the clipboard tests; missing, they fail saying so */
static bool
have_wl_clipboard (void)
{
  g_autofree char *copy = g_find_program_in_path ("wl-copy");
  g_autofree char *paste = g_find_program_in_path ("wl-paste");
  return copy != NULL && paste != NULL;
}

static bool
near_colour (const guint8 *px, guint32 rgb)
{
  /* within 8 per channel: Weston encodes with NSCodec or RemoteFX, which may be lossy */
  return ABS ((int) px[2] - (int) (rgb >> 16)) <= 8 &&
         ABS ((int) px[1] - (int) ((rgb >> 8) & 0xFF)) <= 8 &&
         ABS ((int) px[0] - (int) (rgb & 0xFF)) <= 8;
}

struct WestonRun
{
  AtrRdpSession *session = NULL;
  bool finished = false;
  bool ok = false;
  GError *error = NULL;
  guint frames = 0;
  std::vector<std::pair<guint, guint>> sizes;   /* desktop-resized */
  std::vector<std::string> remote_texts;        /* remote-text */
  std::vector<AtrRdpPointerKind> pointers;      /* pointer-changed */

  ~WestonRun ()
  {
    if (session != NULL)
      {
        atr_rdp_session_disconnect (session);
        atr_shadow_spin_until ([this] { return atr_rdp_session_get_state (session) ==
                                    ATR_RDP_STATE_DISCONNECTED; });
        g_object_unref (session);
      }
    g_clear_error (&error);
  }

  static void
  frame_cb (AtrRdpSession *, const AtrRdpRect *, guint, WestonRun *run)
  {
    run->frames++;
  }

  static void
  resized_cb (AtrRdpSession *, guint width, guint height, WestonRun *run)
  {
    run->sizes.emplace_back (width, height);
  }

  static void
  remote_text_cb (AtrRdpSession *, const char *text, WestonRun *run)
  {
    run->remote_texts.emplace_back (text);
  }

  static void
  pointer_cb (AtrRdpSession *, AtrRdpPointer *pointer, WestonRun *run)
  {
    run->pointers.push_back (atr_rdp_pointer_get_kind (pointer));
  }

  static void
  connected_cb (GObject *source, GAsyncResult *result, gpointer data)
  {
    WestonRun *run = (WestonRun *) data;
    run->ok = atr_rdp_session_connect_finish (ATR_RDP_SESSION (source), result, &run->error);
    run->finished = true;
  }

  /* A session to @server: plain (no clipboard), or from a .rdp payload filtered with the
   * default policy, which allows the clipboard. */
  void
  make (const AtrWestonServer &server, bool clipboard)
  {
    g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                              "trusted-with-intermediate.pem", NULL);
    g_autoptr(AtrTrustStore) trust = atr_trust_store_new_from_file (path, NULL);

    if (clipboard)
      {
        AtrRdpPolicy policy;
        g_autofree char *text = g_strdup_printf ("full address:s:localhost:%u\n",
                                                 (guint) server.port ());
        g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
        g_autoptr(GError) error = NULL;

        atr_rdp_policy_init_default (&policy);   /* clipboard and audio */
        g_autoptr(AtrRdpFile) input = atr_rdp_file_new_from_bytes (bytes, "weston.rdp", &error);
        ASSERT_NE (input, nullptr) << error->message;
        g_autoptr(AtrRdpFile) filtered = atr_rdp_file_filter (input, &policy, NULL);
        session = atr_rdp_session_new_from_file (filtered, &policy, &error);
        ASSERT_NE (session, nullptr) << error->message;
      }
    else
      {
        g_autoptr(AtrRdpTarget) target = atr_rdp_target_new ("localhost", server.port ());
        session = atr_rdp_session_new (target);
      }
    /* Weston listens on 127.0.0.1 only; the certificate is still checked for "localhost" */
    atr_rdp_target_add_address (atr_rdp_session_get_target (session), "127.0.0.1",
                                server.port ());
    atr_rdp_session_set_trust_store (session, trust);
    g_signal_connect (session, "frame-updated", G_CALLBACK (frame_cb), this);
    g_signal_connect (session, "desktop-resized", G_CALLBACK (resized_cb), this);
    g_signal_connect (session, "remote-text", G_CALLBACK (remote_text_cb), this);
    g_signal_connect (session, "pointer-changed", G_CALLBACK (pointer_cb), this);
  }

  bool
  connect ()
  {
    atr_rdp_session_connect_async (session, NULL, connected_cb, this);
    return atr_shadow_spin_until ([this] { return finished; }, 60000) && ok;
  }

  bool
  saw_size (guint w, guint h) const
  {
    for (auto &s : sizes)
      if (s.first == w && s.second == h)
        return true;
    return false;
  }

  /* Whether the framebuffer is @w x @h and shows Weston's background at all of 5 points
   * spread over it (corners and middle); @hits: at how many it does. */
  bool
  shows_background (guint w, guint h, guint *hits = NULL)
  {
    const guint8 *data = NULL;
    guint width = 0, height = 0;
    gsize stride = 0;
    guint n = 0;

    if (atr_rdp_session_lock_framebuffer (session, &data, &width, &height, &stride) &&
        width == w && height == h)
      {
        const guint points[][2] = { { w / 2, h / 2 }, { w - 5, h - 5 }, { w - 5, 5 },
                                    { 40, h - 5 }, { w / 4, h / 3 } };
        for (auto &p : points)
          if (near_colour (data + p[1] * stride + p[0] * 4, kWestonColour))
            n++;
      }
    atr_rdp_session_unlock_framebuffer (session);
    if (hits != NULL)
      *hits = n;
    return n == 5;
  }
};

class RdpWeston : public ::testing::Test
{
protected:
  void
  SetUp () override
  {
    if (!weston_missing.empty ())
      GTEST_SKIP () << weston_missing;
  }

  void
  start (AtrWestonServer &server, guint width = 1024, guint height = 768,
         bool resizeable = true)
  {
    g_autoptr(GError) error = NULL;
    ASSERT_TRUE (server.start ("good", width, height, &error, resizeable)) << error->message;
  }
};

TEST_F (RdpWeston, ConnectsAndShowsTheDesktop)
{
  AtrWestonServer server;
  start (server);
  WestonRun run;

  run.make (server, true);
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout")
                               << "\nweston log:\n" << server.log ();
  EXPECT_EQ (atr_rdp_session_get_state (run.session), ATR_RDP_STATE_CONNECTED);
  AtrRdpCertificate *certificate = atr_rdp_session_get_certificate (run.session);
  ASSERT_NE (certificate, nullptr);
  EXPECT_STREQ (atr_rdp_certificate_get_host (certificate), "localhost");
  EXPECT_EQ (atr_rdp_certificate_get_reason (certificate), ATR_TRUST_OK);

  /* Weston's desktop shell paints the whole desktop in the weston.ini's colour */
  guint hits = 0;
  EXPECT_TRUE (atr_shadow_spin_until ([&run, &hits] {
    return run.shows_background (1024, 768, &hits); }, 30000))
    << hits << " of 5 points; " << run.frames << " frames\nweston log:\n" << server.log ();

  /* the static channels Weston got: drdynvc and, from the policy, cliprdr */
  g_auto(GStrv) names = atr_rdp_session_dup_channel_names (run.session);
  EXPECT_TRUE (g_strv_contains ((const char * const *) names, "drdynvc"));
  EXPECT_TRUE (g_strv_contains ((const char * const *) names, "cliprdr"));

  AtrRdpTimings t;
  atr_rdp_session_get_timings (run.session, &t);
  EXPECT_GE (t.tls, t.tcp);
  EXPECT_GE (t.first_frame, t.auth);

  atr_rdp_session_disconnect (run.session);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] {
    return atr_rdp_session_get_state (run.session) == ATR_RDP_STATE_DISCONNECTED; }));
  EXPECT_EQ (atr_rdp_session_get_disconnect_error (run.session), nullptr);
  EXPECT_TRUE (server.running ());   /* a client leaving does not end Weston */
}

/* Weston 14 sets RedirectClipboard on its side of every connection and opens cliprdr when
 * the client becomes active; a client that did not join that channel makes the open fail,
 * and Weston fails the activation and drops it (libweston/backend-rdp/rdp.c,
 * xf_peer_activate; xfreerdp3 -clipboard is dropped the same way). So against Weston a
 * session must announce cliprdr: a plain session (no clipboard policy) ends at once. */
TEST_F (RdpWeston, ASessionWithoutCliprdrIsDropped)
{
  AtrWestonServer server;
  start (server);
  WestonRun run;

  run.make (server, false);
  run.connect ();
  ASSERT_TRUE (atr_shadow_spin_until ([&run] {
    return atr_rdp_session_get_state (run.session) == ATR_RDP_STATE_DISCONNECTED; }, 60000));
  const GError *error = run.ok ? atr_rdp_session_get_disconnect_error (run.session)
                               : run.error;
  ASSERT_NE (error, nullptr);
  EXPECT_TRUE (error->domain == ATR_RDP_ERROR) << error->message;
  EXPECT_NE (server.log ().find ("WTSVirtualChannelOpen for cliprdr failed"), std::string::npos)
    << server.log ();
}

/* Weston's RDP backend is "resizeable" by default: its desktop takes the size the client
 * announces when it connects (AdjustMonitorsLayout during the capability exchange). */
TEST_F (RdpWeston, TheDesktopTakesTheSizeTheClientAnnounces)
{
  AtrWestonServer server;
  start (server, 1024, 768);
  WestonRun run;

  run.make (server, true);
  atr_rdp_session_set_desktop_size (run.session, 800, 600);
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.saw_size (800, 600); }, 30000));
  EXPECT_FALSE (run.saw_size (1024, 768));
  guint hits = 0;
  EXPECT_TRUE (atr_shadow_spin_until ([&run, &hits] {
    return run.shows_background (800, 600, &hits); }, 30000)) << hits << " of 5 points";
  guint w = 0, h = 0;
  atr_rdp_session_get_desktop_size (run.session, &w, &h);
  EXPECT_EQ (w, 800u);
  EXPECT_EQ (h, 600u);
  /* and Weston says so: the monitor layout it applied */
  EXPECT_NE (server.log ().find ("rdpMonitor[0]: x:0, y:0, width:800, height:600"),
             std::string::npos) << server.log ();
}

/* With --no-resizeable Weston keeps its own size and resizes the client instead (a
 * DesktopResize during the activation): the session follows. */
TEST_F (RdpWeston, ANotResizeableWestonResizesTheSession)
{
  AtrWestonServer server;
  start (server, 1024, 768, false);
  WestonRun run;

  run.make (server, true);
  atr_rdp_session_set_desktop_size (run.session, 800, 600);
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  ASSERT_TRUE (atr_shadow_spin_until ([&run] {
    return !run.sizes.empty () && run.sizes.back () == std::make_pair (1024u, 768u); },
    30000)) << run.sizes.size () << " resizes";
  guint hits = 0;
  EXPECT_TRUE (atr_shadow_spin_until ([&run, &hits] {
    return run.shows_background (1024, 768, &hits); }, 30000)) << hits << " of 5 points";
  EXPECT_EQ (atr_rdp_session_get_state (run.session), ATR_RDP_STATE_CONNECTED);
}

/* Weston 14 opens no dynamic channel at all: no Display Control (MS-RDPEDISP), so the size
 * cannot change during a session. The request is kept, nothing is sent, and the session
 * goes on at its size; Weston applies no second monitor layout. */
TEST_F (RdpWeston, HasNoDisplayControlSoAResizeRequestIsKept)
{
  AtrWestonServer server;
  start (server);
  WestonRun run;

  run.make (server, true);
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.shows_background (1024, 768); },
                                      30000));
  atr_rdp_session_request_resize (run.session, 800, 600);
  /* the request is due after 200 ms; give a server that had the channel time to answer */
  atr_shadow_spin_until ([] { return false; }, 3000);
  EXPECT_FALSE (atr_rdp_session_get_display_control (run.session));
  EXPECT_EQ (atr_rdp_session_get_state (run.session), ATR_RDP_STATE_CONNECTED);
  EXPECT_FALSE (run.saw_size (800, 600));
  EXPECT_TRUE (run.shows_background (1024, 768));
  std::string log = server.log ();
  size_t first = log.find ("xf_peer_adjust_monitor_layout");
  ASSERT_NE (first, std::string::npos) << log;
  EXPECT_EQ (log.find ("xf_peer_adjust_monitor_layout", first + 1), std::string::npos) << log;
}

/* Runs wl-paste inside Weston until it prints @want (the clipboard becomes ready a moment
 * after the session does); returns what it printed last. */
static std::string
paste_until (AtrWestonServer &server, const std::string &want)
{
  AtrWestonClientRun paste;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  do
    {
      paste = server.run_client ({ "wl-paste", "--no-newline" }, NULL, 15000);
      if (paste.exited && paste.status == 0 && paste.out == want)
        break;
      atr_shadow_spin_until ([] { return false; }, 500);
    }
  while (g_get_monotonic_time () < deadline);
  return paste.out;
}

/* The local clipboard's text reaches a Wayland client inside Weston (wl-paste asks Weston's
 * seat for its selection, which Weston fills from cliprdr), before the connection and as it
 * changes afterwards. Weston converts UTF-16 to UTF-8 but keeps the wire's CRLF line ends
 * (libweston/backend-rdp/rdpclip.c, clipboard_process_text_utf8). */
TEST_F (RdpWeston, LocalTextArrivesInWeston)
{
  ASSERT_TRUE (have_wl_clipboard ()) << "wl-copy/wl-paste missing: install wl-clipboard";
  AtrWestonServer server;
  start (server);
  WestonRun run;

  run.make (server, true);
  atr_rdp_session_set_local_text (run.session, "before the connection");
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.shows_background (1024, 768); },
                                      30000));
  EXPECT_EQ (paste_until (server, "before the connection"), "before the connection")
    << server.log ();

  atr_rdp_session_set_local_text (run.session, "gr\xc3\xbc\xc3\x9f" "e \xe2\x9c\x93 1\n2");
  EXPECT_EQ (paste_until (server, "gr\xc3\xbc\xc3\x9f" "e \xe2\x9c\x93 1\r\n2"),
             "gr\xc3\xbc\xc3\x9f" "e \xe2\x9c\x93 1\r\n2") << server.log ();
  EXPECT_EQ (atr_rdp_session_get_state (run.session), ATR_RDP_STATE_CONNECTED);
}

/* Text a Wayland client inside Weston copies (wl-copy sets the seat's selection) reaches
 * the session as remote-text; Weston sends LF line ends as they are, which stay LF. */
TEST_F (RdpWeston, TextCopiedInWestonArrivesAtTheSession)
{
  ASSERT_TRUE (have_wl_clipboard ()) << "wl-copy/wl-paste missing: install wl-clipboard";
  AtrWestonServer server;
  start (server);
  WestonRun run;
  const std::string text = "Weston to Atrium \xe2\x9c\x93 42\nline two";
  g_autoptr(GError) error = NULL;

  run.make (server, true);
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.shows_background (1024, 768); },
                                      30000));
  EXPECT_TRUE (run.remote_texts.empty ());
  /* The session's first format list (empty: no local text) makes Weston set the seat's
   * selection to the session's clipboard, replacing whatever a Wayland client had copied
   * before it came; so copy only once Weston took it (its clipboard debug log says so). */
  ASSERT_TRUE (atr_shadow_spin_until ([&server] {
    return server.log ().find ("clipboard_client_format_list clipboard format list") !=
           std::string::npos; }, 30000)) << server.log ();
  ASSERT_TRUE (server.start_client ({ "wl-copy", "--foreground", text }, &error))
    << error->message;
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return !run.remote_texts.empty (); }, 30000))
    << server.log ();
  EXPECT_EQ (run.remote_texts.back (), text);

  /* a second copy replaces it */
  ASSERT_TRUE (server.start_client ({ "wl-copy", "--foreground", "second" }, &error))
    << error->message;
  EXPECT_TRUE (atr_shadow_spin_until ([&run] {
    return run.remote_texts.back () == "second"; }, 30000)) << server.log ();
}

/* Non-background pixels in the 32x32 square at (@x, @y) of the framebuffer. */
static guint
marks_at (AtrRdpSession *session, guint x, guint y)
{
  const guint8 *data = NULL;
  guint width = 0, height = 0, n = 0;
  gsize stride = 0;

  if (atr_rdp_session_lock_framebuffer (session, &data, &width, &height, &stride))
    for (guint j = y; j < y + 32 && j < height; j++)
      for (guint i = x; i < x + 32 && i < width; i++)
        if (!near_colour (data + j * stride + i * 4, kWestonColour))
          n++;
  atr_rdp_session_unlock_framebuffer (session);
  return n;
}

/* Weston hides the client's pointer (a system pointer update, SYSPTR_NULL) and draws its
 * own cursor into the picture where the pointer is: moving the pointer moves that drawing. */
TEST_F (RdpWeston, HidesThePointerAndDrawsItsOwnCursor)
{
  AtrWestonServer server;
  start (server);
  WestonRun run;

  run.make (server, true);
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return !run.pointers.empty (); }, 30000));
  EXPECT_EQ (run.pointers.back (), ATR_RDP_POINTER_HIDDEN);
  EXPECT_EQ (atr_rdp_pointer_get_kind (atr_rdp_session_get_pointer (run.session)),
             ATR_RDP_POINTER_HIDDEN);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.shows_background (1024, 768); },
                                      30000));
  EXPECT_EQ (marks_at (run.session, 300, 300), 0u);
  EXPECT_EQ (marks_at (run.session, 600, 400), 0u);

  atr_rdp_session_send_pointer_move (run.session, 300, 300);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return marks_at (run.session, 300, 300) > 40; },
                                      30000));
  atr_rdp_session_send_pointer_move (run.session, 600, 400);
  ASSERT_TRUE (atr_shadow_spin_until ([&run] {
    return marks_at (run.session, 600, 400) > 40 && marks_at (run.session, 300, 300) == 0; },
    30000));
  /* no cursor image ever came over the wire */
  for (AtrRdpPointerKind kind : run.pointers)
    EXPECT_NE (kind, ATR_RDP_POINTER_IMAGE);
}

int
main (int argc, char **argv)
{
  AtrShadowHome home ("atr-rdp-weston-XXXXXX");

  ::testing::InitGoogleTest (&argc, argv);
  atr_weston_available (&weston_missing);
  return RUN_ALL_TESTS ();
}
