/* test-rdp-channels.cpp — AtrRdpSession's channels and server-driven changes, end to end
 * against freerdp-shadow-cli3 (FreeRDP 3) under Xvfb
 *
 * What the shadow server can show: when its X screen changes size (RandR, atr-x11-resize)
 * it resizes its clients' desktops (a real DesktopResize by reactivation). What it
 * cannot: FreeRDP's shadow server (2.11, and 3.10 still) offers no Display Control (nor
 * cliprdr in 2.11), so that channel is checked here for what a server without it must get:
 * a session that keeps working and a request that is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "atr-shadow-fixture.h"

extern "C" {
#include "atr-rdp-session.h"
#include "atr-trust-store.h"
}

static AtrShadowDisplay *display;
static AtrShadowServer *server;
static std::string x11_resize_path;

struct SessionRun
{
  AtrRdpSession *session = NULL;
  bool finished = false;
  bool ok = false;
  GError *error = NULL;
  std::vector<std::pair<guint, guint>> sizes;       /* desktop-resized */
  std::vector<std::pair<guint, guint>> frame_sizes; /* framebuffer size at frame-updated */
  bool whole_frame_after_resize = false;

  ~SessionRun ()
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
  resized_cb (AtrRdpSession *, guint width, guint height, SessionRun *run)
  {
    run->sizes.emplace_back (width, height);
  }

  static void
  frame_cb (AtrRdpSession *s, const AtrRdpRect *rects, guint n_rects, SessionRun *run)
  {
    guint width = 0, height = 0;

    atr_rdp_session_lock_framebuffer (s, NULL, &width, &height, NULL);
    atr_rdp_session_unlock_framebuffer (s);
    run->frame_sizes.emplace_back (width, height);
    if (!run->sizes.empty () && run->sizes.back ().first == width &&
        run->sizes.back ().second == height)
      for (guint i = 0; i < n_rects; i++)
        if (rects[i].x == 0 && rects[i].y == 0 && (guint) rects[i].width == width &&
            (guint) rects[i].height == height)
          run->whole_frame_after_resize = true;
  }

  static void
  connected_cb (GObject *source, GAsyncResult *result, gpointer data)
  {
    SessionRun *run = (SessionRun *) data;
    run->ok = atr_rdp_session_connect_finish (ATR_RDP_SESSION (source), result, &run->error);
    run->finished = true;
  }

  AtrRdpSession *
  make ()
  {
    g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                              "trusted-with-intermediate.pem", NULL);
    g_autoptr(AtrTrustStore) trust = atr_trust_store_new_from_file (path, NULL);
    g_autoptr(AtrRdpTarget) target = atr_rdp_target_new ("localhost", server->port ());

    atr_rdp_target_add_address (target, "127.0.0.1", server->port ());
    session = atr_rdp_session_new (target);
    atr_rdp_session_set_trust_store (session, trust);
    g_signal_connect (session, "desktop-resized", G_CALLBACK (resized_cb), this);
    g_signal_connect (session, "frame-updated", G_CALLBACK (frame_cb), this);
    return session;
  }

  bool
  connect ()
  {
    atr_rdp_session_connect_async (session, NULL, connected_cb, this);
    return atr_shadow_spin_until ([this] { return finished; }) && ok;
  }

  bool
  saw_size (guint w, guint h) const
  {
    for (auto &s : sizes)
      if (s.first == w && s.second == h)
        return true;
    return false;
  }
};

class RdpChannels : public ::testing::Test
{
protected:
  static void
  SetUpTestSuite ()
  {
    g_autoptr(GError) error = NULL;
    display = new AtrShadowDisplay ();
    ASSERT_TRUE (display->start (&error)) << error->message;
    server = new AtrShadowServer ();
    ASSERT_TRUE (server->start (*display, "good", false, &error)) << error->message;
  }

  static void
  TearDownTestSuite ()
  {
    delete server;
    server = NULL;
    delete display;
    display = NULL;
  }
};

/* Resizes the shadowed X screen (RandR); the shadow server then resizes its clients. */
static bool
resize_screen (int width, int height)
{
  g_autofree char *w = g_strdup_printf ("%d", width);
  g_autofree char *h = g_strdup_printf ("%d", height);
  const char *argv[] = { x11_resize_path.c_str (), w, h, NULL };
  char **envp = g_environ_setenv (g_get_environ (), "DISPLAY", display->display (), TRUE);
  int status = -1;
  bool ok = g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                          &status, NULL) && g_spawn_check_wait_status (status, NULL);

  g_strfreev (envp);
  return ok;
}

TEST_F (RdpChannels, TheServersNewDesktopSizeIsApplied)
{
  SessionRun run;

  run.make ();
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.saw_size (1024, 768); }))
    << run.sizes.size () << " resizes";

  /* the shadowed screen shrinks: a DesktopResize (reactivation) reaches the session */
  run.whole_frame_after_resize = false;
  ASSERT_TRUE (resize_screen (800, 600));
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.saw_size (800, 600); }))
    << run.sizes.size () << " resizes";
  guint w = 0, h = 0;
  atr_rdp_session_get_desktop_size (run.session, &w, &h);
  EXPECT_EQ (w, 800u);
  EXPECT_EQ (h, 600u);

  /* the framebuffer was reallocated, and a frame of the whole new size followed */
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.whole_frame_after_resize; }));
  gsize stride = 0;
  ASSERT_TRUE (atr_rdp_session_lock_framebuffer (run.session, NULL, &w, &h, &stride));
  atr_rdp_session_unlock_framebuffer (run.session);
  EXPECT_EQ (w, 800u);
  EXPECT_EQ (h, 600u);
  EXPECT_EQ (stride, 800u * 4);

  /* and back: the session follows again and stays up */
  run.whole_frame_after_resize = false;
  ASSERT_TRUE (resize_screen (1024, 768));
  ASSERT_TRUE (atr_shadow_spin_until ([&run] {
    return !run.sizes.empty () && run.sizes.back () == std::make_pair (1024u, 768u) &&
           run.whole_frame_after_resize; }));
  EXPECT_EQ (atr_rdp_session_get_state (run.session), ATR_RDP_STATE_CONNECTED);

  /* no frame ever had a size that was not announced before it */
  for (auto &f : run.frame_sizes)
    EXPECT_TRUE (run.saw_size (f.first, f.second)) << f.first << "x" << f.second;
}

TEST_F (RdpChannels, AResizeRequestWithoutDisplayControlKeepsTheSession)
{
  SessionRun run;

  run.make ();
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  ASSERT_TRUE (atr_shadow_spin_until ([&run] { return run.saw_size (1024, 768); }));
  EXPECT_FALSE (atr_rdp_session_get_display_control (run.session));

  /* from another thread, many times, as a window drag does */
  GThread *thread = g_thread_new ("resize", [] (gpointer data) -> gpointer {
    for (guint i = 0; i < 50; i++)
      atr_rdp_session_request_resize (ATR_RDP_SESSION (data), 1000 + i * 2, 700 + i);
    return NULL;
  }, run.session);
  g_thread_join (thread);

  /* Shadow never opens Display Control: the session goes on at the server's size. The
   * input path still works after the request (a round trip through the session thread). */
  guint frames = (guint) run.frame_sizes.size ();
  atr_rdp_session_send_pointer_move (run.session, 10, 10);
  atr_shadow_spin_until ([] { return false; }, 1500);
  EXPECT_EQ (atr_rdp_session_get_state (run.session), ATR_RDP_STATE_CONNECTED);
  EXPECT_FALSE (atr_rdp_session_get_display_control (run.session));
  guint w = 0, h = 0;
  atr_rdp_session_get_desktop_size (run.session, &w, &h);
  EXPECT_EQ (w, 1024u);
  EXPECT_EQ (h, 768u);
  EXPECT_GE (run.frame_sizes.size (), frames);
}

int
main (int argc, char **argv)
{
  AtrShadowHome home ("atr-rdp-channels-XXXXXX");

  ::testing::InitGoogleTest (&argc, argv);
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--x11-resize="))
      x11_resize_path = argv[i] + strlen ("--x11-resize=");
  if (x11_resize_path.empty ())
    {
      fprintf (stderr, "usage: test-rdp-channels --x11-resize=PATH\n");
      return 2;
    }
  return RUN_ALL_TESTS ();
}
