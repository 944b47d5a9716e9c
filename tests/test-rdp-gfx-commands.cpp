/* test-rdp-gfx-commands.cpp — the graphics pipeline's commands (MS-RDPEGFX) end to end
 * against atrium-test-rdp-server's gfx part (tests/servers/atr-test-rdp-server-gfx.c)
 *
 * freerdp-shadow-cli3 (test-rdp-graphics) draws whole pictures with one codec; it never sends
 * SolidFill, SurfaceToSurface, SurfaceToCache/CacheToSurface, nor AVC420 to a client that
 * offers caps 10 or later. Our server, started with `--gfx=commands`, plays a fixed script
 * on one surface: a background and square A by SolidFill, A copied to B (SurfaceToSurface),
 * A stored in a cache slot and painted back at C, a planar-coded square P (two colours, so
 * a flipped picture shows) and an AVC420 square V, each in a frame of its own, printing a
 * line per command. The engine must apply each one: the framebuffer holds every colour at
 * its place (exactly; V, H.264 being lossy, near), nothing else changed (the H.264 picture
 * covers the whole surface, its region only V), the engine names planar and avc420, and
 * the last frame is acknowledged. With a step left out (`--gfx-skip`) that step's place
 * must show the background, so the check of each place is shown to fail without its command.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include <freerdp/config.h>

#include "atr-test-rdp-server-fixture.h"

extern "C" {
#include "atr-rdp-session.h"
#include "atr-trust-store.h"
}

static std::string server_path;

/* atr-test-rdp-server-gfx.c's picture */
static constexpr guint32 kBackground = 0x203040;
static constexpr guint32 kSquareA = 0xd02020;
static constexpr guint32 kPlanarTop = 0x20c040;
static constexpr guint32 kPlanarBottom = 0x80c080;   /* why this one: the server's comment */
static constexpr guint32 kAvc = 0x3060e0;
static constexpr guint kWidth = 640, kHeight = 480;

/* One point of the picture and the colour it must have. */
struct Point
{
  const char *what;
  guint x, y;
  guint32 rgb;
  bool exact;   /* false: H.264, each channel within a few steps */
};

static bool
colour_near (guint32 a, guint32 b)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xFF) - (int) ((b >> shift) & 0xFF)) > 12)
      return false;
  return true;
}

/* The points the script paints, given the steps left out. Each square is checked near two
 * opposite corners and in the middle. */
static std::vector<Point>
expected_points (const std::set<std::string> &skip)
{
  bool a = !skip.count ("solidfill-a");
  guint32 b = a && !skip.count ("s2s") ? kSquareA : kBackground;
  guint32 c = a && !skip.count ("cache") ? kSquareA : kBackground;
  bool p = !skip.count ("planar");
  bool v = !skip.count ("avc420");
  std::vector<Point> points = {
    { "A (SolidFill)", 33, 33, a ? kSquareA : kBackground, true },
    { "A (SolidFill)", 64, 64, a ? kSquareA : kBackground, true },
    { "A (SolidFill)", 95, 95, a ? kSquareA : kBackground, true },
    { "B (SurfaceToSurface)", 129, 33, b, true },
    { "B (SurfaceToSurface)", 160, 64, b, true },
    { "B (SurfaceToSurface)", 191, 95, b, true },
    { "C (SurfaceToCache, CacheToSurface)", 225, 33, c, true },
    { "C (SurfaceToCache, CacheToSurface)", 256, 64, c, true },
    { "C (SurfaceToCache, CacheToSurface)", 287, 95, c, true },
    { "P top (planar)", 33, 129, p ? kPlanarTop : kBackground, true },
    { "P top (planar)", 94, 158, p ? kPlanarTop : kBackground, true },
    { "P bottom (planar)", 33, 161, p ? kPlanarBottom : kBackground, true },
    { "P bottom (planar)", 94, 190, p ? kPlanarBottom : kBackground, true },
    { "V (AVC420)", 136, 136, v ? kAvc : kBackground, !v },
    { "V (AVC420)", 160, 160, v ? kAvc : kBackground, !v },
    { "V (AVC420)", 184, 184, v ? kAvc : kBackground, !v },
    /* untouched: background (V's H.264 picture covers the whole surface, black outside V) */
    { "background", 31, 31, kBackground, true },
    { "background", 320, 64, kBackground, true },
    { "background", 110, 160, kBackground, true },
    { "background", 200, 160, kBackground, true },
    { "background", 160, 200, kBackground, true },
    { "background", 400, 300, kBackground, true },
    { "background", kWidth - 1, kHeight - 1, kBackground, true },
  };
  return points;
}

struct GfxRun
{
  AtrRdpSession *session = NULL;
  bool finished = false;
  bool ok = false;
  GError *error = NULL;

  ~GfxRun ()
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
  connected_cb (GObject *source, GAsyncResult *result, gpointer data)
  {
    GfxRun *run = (GfxRun *) data;
    run->ok = atr_rdp_session_connect_finish (ATR_RDP_SESSION (source), result, &run->error);
    run->finished = true;
  }

  bool
  connect (const AtrTestRdpServerProcess &server)
  {
    g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                              "trusted-with-intermediate.pem", NULL);
    g_autoptr(AtrTrustStore) trust = atr_trust_store_new_from_file (path, NULL);
    g_autoptr(AtrRdpTarget) target = atr_rdp_target_new ("localhost", server.port ());

    atr_rdp_target_add_address (target, "127.0.0.1", server.port ());
    session = atr_rdp_session_new (target);
    atr_rdp_session_set_trust_store (session, trust);
    atr_rdp_session_set_desktop_size (session, kWidth, kHeight);
    atr_rdp_session_connect_async (session, NULL, connected_cb, this);
    return atr_shadow_spin_until ([this] { return finished; }, 60000) && ok;
  }

  /* The points whose colour is wrong, one per line ("" when the picture is right). */
  std::string
  wrong_points (const std::vector<Point> &points)
  {
    const guint8 *data = NULL;
    guint width = 0, height = 0;
    gsize stride = 0;
    std::string wrong;

    if (!atr_rdp_session_lock_framebuffer (session, &data, &width, &height, &stride) ||
        width != kWidth || height != kHeight)
      wrong = "framebuffer " + std::to_string (width) + "x" + std::to_string (height) + "\n";
    else
      for (const Point &p : points)
        {
          const guint8 *px = data + p.y * stride + p.x * 4;   /* B, G, R, A */
          guint32 got = ((guint32) px[2] << 16) | ((guint32) px[1] << 8) | px[0];
          if (p.exact ? got != p.rgb : !colour_near (got, p.rgb))
            {
              char line[160];
              g_snprintf (line, sizeof line, "%s at (%u,%u) is %06x, not %s%06x\n", p.what,
                          p.x, p.y, got, p.exact ? "" : "near ", p.rgb);
              wrong += line;
            }
        }
    atr_rdp_session_unlock_framebuffer (session);
    return wrong;
  }

  std::string
  codecs () const
  {
    g_auto(GStrv) names = atr_rdp_session_dup_graphics_codecs (session);
    g_autofree char *joined = g_strjoinv (",", names);
    return joined;
  }
};

class RdpGfxCommands : public ::testing::Test
{
protected:
  /* Starts the server with the script (less @skip), connects, waits for the script's end
   * and for the picture; @wrong holds what is still wrong when it never came. */
  void
  play (AtrTestRdpServerProcess &server, GfxRun &run, const std::set<std::string> &skip,
        std::string *wrong)
  {
    g_autoptr(GError) error = NULL;
    std::vector<std::string> options = { "--gfx=commands", "--no-disp" };
    std::string skip_list;

    for (const std::string &step : skip)
      skip_list += (skip_list.empty () ? "" : ",") + step;
    if (!skip_list.empty ())
      options.push_back ("--gfx-skip=" + skip_list);
    ASSERT_TRUE (server.start (server_path, options, &error)) << error->message;
    ASSERT_TRUE (run.connect (server)) << (run.error ? run.error->message : "timeout")
                                       << "\nserver:\n" << server.all ();
    ASSERT_TRUE (server.wait_for ("GFX DONE ")) << server.all ();
    std::vector<Point> points = expected_points (skip);
    atr_shadow_spin_until ([&] { *wrong = run.wrong_points (points); return wrong->empty (); },
                           30000);
  }
};

TEST_F (RdpGfxCommands, EachCommandPaintsItsPlace)
{
  AtrTestRdpServerProcess server;
  GfxRun run;
  std::string wrong;
  ASSERT_NO_FATAL_FAILURE (play (server, run, {}, &wrong));
  EXPECT_EQ (wrong, "") << "codecs: " << run.codecs () << "\nserver:\n" << server.all ();

  /* what the server said it sent, in order */
  EXPECT_NE (server.find ("GFX CAPS-CONFIRM "), "") << server.all ();
  EXPECT_EQ (server.find ("GFX RESET-GRAPHICS "), "GFX RESET-GRAPHICS 640x480 peer=1");
  EXPECT_EQ (server.find ("GFX CREATE-SURFACE "), "GFX CREATE-SURFACE id=1 640x480 peer=1");
  EXPECT_EQ (server.find ("GFX SURFACETOSURFACE "),
             "GFX SURFACETOSURFACE frame=2 32,32,64,64 to=128,32 peer=1");
  EXPECT_EQ (server.find ("GFX SURFACETOCACHE "),
             "GFX SURFACETOCACHE frame=3 32,32,64,64 slot=1 peer=1");
  EXPECT_EQ (server.find ("GFX CACHETOSURFACE "), "GFX CACHETOSURFACE frame=3 slot=1 to=224,32 peer=1");
  EXPECT_NE (server.find ("GFX PLANAR frame=4 32,128,64,64 "), "") << server.all ();
#if defined(WITH_GFX_H264)
  /* the engine decodes H.264 with the same FreeRDP build that encodes it in the server */
  EXPECT_NE (server.find ("GFX AVC420 frame=5 128,128,64,64 "), "") << server.all ();
  EXPECT_EQ (server.find ("GFX DONE "), "GFX DONE frames=5 peer=1");
  const guint32 last_frame = 5;
#else
  EXPECT_NE (server.find ("GFX AVC420-UNAVAILABLE "), "") << server.all ();
  const guint32 last_frame = 4;
#endif

  EXPECT_TRUE (atr_rdp_session_get_graphics_pipeline (run.session, NULL));
  g_auto(GStrv) names = atr_rdp_session_dup_graphics_codecs (run.session);
  EXPECT_TRUE (g_strv_contains ((const char *const *) names, "planar")) << run.codecs ();
#if defined(WITH_GFX_H264)
  EXPECT_TRUE (g_strv_contains ((const char *const *) names, "avc420")) << run.codecs ();
#endif

  /* The last frame is acknowledged (one acknowledgement may cover several frames). */
  std::string acked = "GFX FRAME-ACKED id=" + std::to_string (last_frame) + " ";
  EXPECT_TRUE (server.wait_for (acked)) << server.all ();
  guint32 decoded = 0, acknowledged = 0;
  atr_rdp_session_get_graphics_frames (run.session, &decoded, &acknowledged);
  EXPECT_EQ (decoded, last_frame);
  EXPECT_GT (acknowledged, 0u);
  EXPECT_EQ (server.count ("GFX FRAME-ACKED "), (size_t) acknowledged) << server.all ();
}

/* Each step left out: its place shows the background, the others stay right. This is the
 * proof that the first test's checks fail when a command is not applied. */
class RdpGfxCommandMissing : public RdpGfxCommands,
                             public ::testing::WithParamInterface<const char *>
{
};

TEST_P (RdpGfxCommandMissing, LeavesItsPlaceToTheBackground)
{
  const std::string step = GetParam ();
  AtrTestRdpServerProcess server;
  GfxRun run;
  std::string wrong;

#if !defined(WITH_GFX_H264)
  if (step == "avc420")
    GTEST_SKIP () << "this FreeRDP has no H.264";
#endif
  ASSERT_NO_FATAL_FAILURE (play (server, run, { step }, &wrong));
  EXPECT_EQ (wrong, "") << "codecs: " << run.codecs () << "\nserver:\n" << server.all ();
  /* and the picture of the whole script is not what this session shows */
  std::string full = run.wrong_points (expected_points ({}));
  EXPECT_NE (full, "") << "without " << step << " the full picture's check still passes";
  EXPECT_EQ (server.count ("GFX SOLIDFILL "), step == "solidfill-a" ? 1u : 2u);
}

INSTANTIATE_TEST_SUITE_P (Steps, RdpGfxCommandMissing,
                          ::testing::Values ("solidfill-a", "s2s", "cache", "planar", "avc420"),
                          [] (const ::testing::TestParamInfo<const char *> &info) {
                            std::string name = info.param;
                            for (char &ch : name)
                              if (!g_ascii_isalnum (ch))
                                ch = '_';
                            return name;
                          });

int
main (int argc, char **argv)
{
  AtrShadowHome home ("atr-rdp-gfx-XXXXXX");

  ::testing::InitGoogleTest (&argc, argv);
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--rdp-server="))
      server_path = argv[i] + strlen ("--rdp-server=");
  if (server_path.empty ())
    {
      fprintf (stderr, "usage: test-rdp-gfx-commands --rdp-server=PATH\n");
      return 2;
    }
  return RUN_ALL_TESTS ();
}
