/* test-rdp-display-control.cpp — dynamic resolution through Display Control (MS-RDPEDISP),
 * end to end against atrium-test-rdp-server (tests/servers/), the one server here that
 * opens the channel (freerdp-shadow-cli3 and Weston 14 open none)
 *
 * The server says what it received (`LAYOUT 1600x900 monitors=1`) and what it did
 * (`RESIZE …`, `PICTURE WxH colour=…`), so each test checks both sides: the layout on the
 * wire, and the engine's desktop size and framebuffer afterwards. The server paints its
 * desktop in one colour before a resize and in another after it, uncompressed, so the
 * framebuffer must hold exactly those colours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "atr-test-rdp-server-fixture.h"

extern "C" {
#include "atr-rdp-session.h"
#include "atr-trust-store.h"
}

static std::string server_path;

static constexpr guint32 kColour = 0x336699;        /* the server's defaults */
static constexpr guint32 kResizeColour = 0xcc6633;

struct DispRun
{
  AtrRdpSession *session = NULL;
  bool finished = false;
  bool ok = false;
  GError *error = NULL;
  std::vector<std::pair<guint, guint>> sizes;   /* desktop-resized */

  ~DispRun ()
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
  resized_cb (AtrRdpSession *, guint width, guint height, DispRun *run)
  {
    run->sizes.emplace_back (width, height);
  }

  static void
  connected_cb (GObject *source, GAsyncResult *result, gpointer data)
  {
    DispRun *run = (DispRun *) data;
    run->ok = atr_rdp_session_connect_finish (ATR_RDP_SESSION (source), result, &run->error);
    run->finished = true;
  }

  /* Connects to @server asking for a @width x @height desktop (@hidden: with output
   * suppressed from the start). */
  bool
  connect (const AtrTestRdpServerProcess &server, guint width = 1024, guint height = 768,
           gboolean hidden = FALSE)
  {
    g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                              "trusted-with-intermediate.pem", NULL);
    g_autoptr(AtrTrustStore) trust = atr_trust_store_new_from_file (path, NULL);
    g_autoptr(AtrRdpTarget) target = atr_rdp_target_new ("localhost", server.port ());

    /* the server listens on 127.0.0.1 only; the certificate is checked for "localhost" */
    atr_rdp_target_add_address (target, "127.0.0.1", server.port ());
    session = atr_rdp_session_new (target);
    atr_rdp_session_set_trust_store (session, trust);
    atr_rdp_session_set_desktop_size (session, width, height);
    g_signal_connect (session, "desktop-resized", G_CALLBACK (resized_cb), this);
    if (hidden)
      atr_rdp_session_set_output_suppressed (session, TRUE);
    atr_rdp_session_connect_async (session, NULL, connected_cb, this);
    return atr_shadow_spin_until ([this] { return finished; }, 60000) && ok;
  }

  /* Whether the framebuffer is @w x @h and exactly @rgb at the corners and the middle. */
  bool
  shows (guint w, guint h, guint32 rgb, std::string *seen = NULL)
  {
    const guint8 *data = NULL;
    guint width = 0, height = 0;
    gsize stride = 0;
    guint n = 0;
    char buf[64] = "";

    if (atr_rdp_session_lock_framebuffer (session, &data, &width, &height, &stride) &&
        width == w && height == h)
      {
        const guint points[][2] = { { 0, 0 }, { w - 1, 0 }, { 0, h - 1 }, { w - 1, h - 1 },
                                    { w / 2, h / 2 } };
        for (auto &p : points)
          {
            const guint8 *px = data + p[1] * stride + p[0] * 4;   /* B, G, R, A */
            guint32 got = ((guint32) px[2] << 16) | ((guint32) px[1] << 8) | px[0];
            if (got == rgb && px[3] == 0xFF)
              n++;
            else
              g_snprintf (buf, sizeof buf, " (%u,%u) is %06x", p[0], p[1], got);
          }
      }
    atr_rdp_session_unlock_framebuffer (session);
    if (seen != NULL)
      *seen = std::to_string (width) + "x" + std::to_string (height) + buf;
    return n == 5;
  }

  bool
  saw_size (guint w, guint h) const
  {
    for (auto &s : sizes)
      if (s.first == w && s.second == h)
        return true;
    return false;
  }

  bool
  desktop_is (guint w, guint h) const
  {
    guint width = 0, height = 0;
    atr_rdp_session_get_desktop_size (session, &width, &height);
    return width == w && height == h;
  }
};

class RdpDisplayControl : public ::testing::Test
{
protected:
  void
  start (AtrTestRdpServerProcess &server, const std::vector<std::string> &options = {})
  {
    g_autoptr(GError) error = NULL;
    ASSERT_TRUE (server.start (server_path, options, &error)) << error->message;
  }

  /* Connected, Display Control offered, the first picture on screen. */
  void
  connect (AtrTestRdpServerProcess &server, DispRun &run)
  {
    std::string seen;
    ASSERT_TRUE (run.connect (server)) << (run.error ? run.error->message : "timeout")
                                       << "\nserver:\n" << server.all ();
    ASSERT_TRUE (atr_shadow_spin_until ([&run, &seen] {
      return run.shows (1024, 768, kColour, &seen); }, 30000))
      << seen << "\nserver:\n" << server.all ();
    EXPECT_NE (server.find ("ACTIVATED 1024x768 "), "") << server.all ();
  }
};

/* The must-show of #12: a resize asked of the engine reaches the server as a monitor
 * layout, the server resizes the desktop, and the engine's desktop and framebuffer follow
 * with the server's new picture. */
TEST_F (RdpDisplayControl, ResizesTheDesktopThroughDisplayControl)
{
  AtrTestRdpServerProcess server;
  ASSERT_NO_FATAL_FAILURE (start (server));
  DispRun run;
  ASSERT_NO_FATAL_FAILURE (connect (server, run));

  ASSERT_TRUE (atr_shadow_spin_until ([&run] {
    return atr_rdp_session_get_display_control (run.session); }, 30000)) << server.all ();
  /* The server says so after sending the PDU: the client may have it first. */
  EXPECT_TRUE (server.wait_for ("DISP caps monitors=16 area=8192x8192 ")) << server.all ();

  atr_rdp_session_request_resize (run.session, 1600, 900);
  ASSERT_TRUE (server.wait_for ("LAYOUT ")) << server.all ();
  EXPECT_EQ (server.find ("LAYOUT "), "LAYOUT 1600x900 monitors=1 peer=1") << server.all ();
  ASSERT_TRUE (server.wait_for ("RESIZE 1600x900 ")) << server.all ();

  std::string seen;
  ASSERT_TRUE (atr_shadow_spin_until ([&run, &seen] {
    return run.shows (1600, 900, kResizeColour, &seen); }, 30000))
    << seen << "\nserver:\n" << server.all ();
  EXPECT_TRUE (run.saw_size (1600, 900));
  EXPECT_TRUE (run.desktop_is (1600, 900));
  EXPECT_NE (server.find ("ACTIVATED 1600x900 "), "") << server.all ();
  EXPECT_EQ (atr_rdp_session_get_state (run.session), ATR_RDP_STATE_CONNECTED);
  EXPECT_TRUE (atr_rdp_session_get_display_control (run.session));
  /* one layout for one request: the debounce sent nothing twice */
  EXPECT_EQ (server.count ("LAYOUT "), 1u) << server.all ();
}

/* Sizes go out clamped to what MS-RDPEDISP allows (200..8192, even width): the server sees
 * the clamped layout, not the asked one. */
TEST_F (RdpDisplayControl, SendsSizesClampedToTheProtocolsLimits)
{
  AtrTestRdpServerProcess server;
  ASSERT_NO_FATAL_FAILURE (start (server));
  DispRun run;
  ASSERT_NO_FATAL_FAILURE (connect (server, run));
  ASSERT_TRUE (atr_shadow_spin_until ([&run] {
    return atr_rdp_session_get_display_control (run.session); }, 30000)) << server.all ();

  atr_rdp_session_request_resize (run.session, 1281, 50);
  ASSERT_TRUE (server.wait_for ("RESIZE ")) << server.all ();
  EXPECT_EQ (server.find ("LAYOUT "), "LAYOUT 1280x200 monitors=1 peer=1") << server.all ();
  std::string seen;
  EXPECT_TRUE (atr_shadow_spin_until ([&run, &seen] {
    return run.shows (1280, 200, kResizeColour, &seen); }, 30000))
    << seen << "\nserver:\n" << server.all ();
}

/* A server that never opens Display Control: the request is kept, nothing reaches the
 * server, and the desktop keeps its size and picture. */
TEST_F (RdpDisplayControl, WithoutTheChannelNothingIsSent)
{
  AtrTestRdpServerProcess server;
  ASSERT_NO_FATAL_FAILURE (start (server, { "--no-disp" }));
  DispRun run;
  ASSERT_NO_FATAL_FAILURE (connect (server, run));

  atr_rdp_session_request_resize (run.session, 1600, 900);
  /* the request is due after 200 ms; give the server time to have seen one */
  atr_shadow_spin_until ([] { return false; }, 2000);
  EXPECT_FALSE (atr_rdp_session_get_display_control (run.session));
  EXPECT_EQ (server.find ("DISP "), "") << server.all ();
  EXPECT_EQ (server.find ("LAYOUT"), "") << server.all ();
  EXPECT_TRUE (run.shows (1024, 768, kColour));
  EXPECT_TRUE (run.desktop_is (1024, 768));
  EXPECT_EQ (atr_rdp_session_get_state (run.session), ATR_RDP_STATE_CONNECTED);
}

/* MS-RDPEDISP 2.2.2.1: a layout's combined area may be at most MaxNumMonitors ×
 * MaxMonitorAreaFactorA × MaxMonitorAreaFactorB. A server announcing one monitor of at most
 * 640x480 refuses anything bigger, so a 1600x900 request is scaled down into that area (the
 * engine keeps to the caps) and the server resizes to it. */
TEST_F (RdpDisplayControl, ClampsRequestsToTheServersMonitorArea)
{
  AtrTestRdpServerProcess server;
  ASSERT_NO_FATAL_FAILURE (start (server, { "--disp-max-monitors=1", "--disp-max-area=640x480" }));
  DispRun run;
  ASSERT_NO_FATAL_FAILURE (connect (server, run));
  ASSERT_TRUE (atr_shadow_spin_until ([&run] {
    return atr_rdp_session_get_display_control (run.session); }, 30000)) << server.all ();

  EXPECT_TRUE (server.wait_for ("DISP caps monitors=1 area=640x480 ")) << server.all ();

  atr_rdp_session_request_resize (run.session, 1600, 900);
  ASSERT_TRUE (server.wait_for ("RESIZE ")) << server.all ();
  EXPECT_EQ (server.find ("LAYOUT-REFUSED"), "") << server.all ();
  EXPECT_EQ (server.find ("LAYOUT "), "LAYOUT 736x415 monitors=1 peer=1") << server.all ();
  guint w = 0, h = 0;
  ASSERT_EQ (sscanf (server.find ("RESIZE ").c_str (), "RESIZE %ux%u", &w, &h), 2);
  EXPECT_LE ((guint64) w * h, 640u * 480u);
  EXPECT_TRUE (atr_shadow_spin_until ([&run, w, h] {
    return run.shows (w, h, kResizeColour); }, 30000));
}

/* A server announcing an area far over 8192x8192 gets at most 8192 per side all the same. */
TEST_F (RdpDisplayControl, AHugeAreaStillGetsAtMost8192)
{
  AtrTestRdpServerProcess server;
  ASSERT_NO_FATAL_FAILURE (start (server, { "--disp-max-monitors=1", "--disp-max-area=4294967295x4294967295" }));
  DispRun run;
  ASSERT_NO_FATAL_FAILURE (connect (server, run));
  ASSERT_TRUE (atr_shadow_spin_until ([&run] {
    return atr_rdp_session_get_display_control (run.session); }, 30000)) << server.all ();

  atr_rdp_session_request_resize (run.session, 100000, 300);
  ASSERT_TRUE (server.wait_for ("RESIZE ")) << server.all ();
  EXPECT_EQ (server.find ("LAYOUT "), "LAYOUT 8192x300 monitors=1 peer=1") << server.all ();
  std::string seen;
  EXPECT_TRUE (atr_shadow_spin_until ([&run, &seen] {
    return run.shows (8192, 300, kResizeColour, &seen); }, 30000))
    << seen << "\nserver:\n" << server.all ();
}

/* Suppress Output (MS-RDPBCGR 2.2.11.3) to a server that advertises it: the caller's
 * "hidden" reaches the server once per change, and "shown" asks for the whole desktop again,
 * which the server repaints. */
TEST_F (RdpDisplayControl, SuppressOutputFollowsTheCaller)
{
  AtrTestRdpServerProcess server;
  ASSERT_NO_FATAL_FAILURE (start (server, { "--suppress-output" }));
  DispRun run;
  ASSERT_NO_FATAL_FAILURE (connect (server, run));
  size_t pictures = server.count ("PICTURE ");

  atr_rdp_session_set_output_suppressed (run.session, TRUE);
  atr_rdp_session_set_output_suppressed (run.session, TRUE);
  ASSERT_TRUE (server.wait_for ("SUPPRESS-OUTPUT ")) << server.all ();
  EXPECT_EQ (server.find ("SUPPRESS-OUTPUT "), "SUPPRESS-OUTPUT allow=0 peer=1");
  atr_rdp_session_set_output_suppressed (run.session, FALSE);
  ASSERT_TRUE (atr_shadow_spin_until ([&server, pictures] {
    return server.count ("PICTURE ") > pictures; }, 30000)) << server.all ();
  std::string all = server.all ();
  EXPECT_NE (all.find ("SUPPRESS-OUTPUT allow=1 rect=0,0,1024,768 peer=1\n"), std::string::npos)
    << all;
  atr_shadow_spin_until ([] { return false; }, 500);
  EXPECT_EQ (server.count ("SUPPRESS-OUTPUT "), 2u) << server.all ();
  EXPECT_TRUE (run.shows (1024, 768, kColour));
}

/* Hidden before it connects: the new connection starts with pictures allowed, so the
 * engine tells the server as soon as the session is active. */
TEST_F (RdpDisplayControl, SuppressOutputAskedBeforeConnectingIsSent)
{
  AtrTestRdpServerProcess server;
  ASSERT_NO_FATAL_FAILURE (start (server, { "--suppress-output" }));
  DispRun run;
  ASSERT_TRUE (run.connect (server, 1024, 768, TRUE))
    << (run.error ? run.error->message : "timeout") << "\nserver:\n" << server.all ();
  ASSERT_TRUE (server.wait_for ("SUPPRESS-OUTPUT ")) << server.all ();
  EXPECT_EQ (server.find ("SUPPRESS-OUTPUT "), "SUPPRESS-OUTPUT allow=0 peer=1");
}

/* The engine announces the user's keyboard layout (from LANG), not 0, which would leave the
 * choice to the server. */
TEST_F (RdpDisplayControl, AnnouncesTheLocalesKeyboardLayout)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANG"));
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  AtrTestRdpServerProcess server;
  ASSERT_NO_FATAL_FAILURE (start (server));
  DispRun run;
  ASSERT_NO_FATAL_FAILURE (connect (server, run));
  EXPECT_TRUE (server.wait_for ("KEYBOARD ")) << server.all ();
  EXPECT_EQ (server.find ("KEYBOARD "), "KEYBOARD layout=0x00000407 peer=1") << server.all ();
  if (saved != NULL)
    g_setenv ("LANG", saved, TRUE);
  else
    g_unsetenv ("LANG");
}

int
main (int argc, char **argv)
{
  AtrShadowHome home ("atr-rdp-disp-XXXXXX");

  ::testing::InitGoogleTest (&argc, argv);
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--rdp-server="))
      server_path = argv[i] + strlen ("--rdp-server=");
  if (server_path.empty ())
    {
      fprintf (stderr, "usage: test-rdp-display-control --rdp-server=PATH\n");
      return 2;
    }
  return RUN_ALL_TESTS ();
}
