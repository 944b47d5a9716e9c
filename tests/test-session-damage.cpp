/* test-session-damage.cpp — only the changed tiles reach the screen, on X11 and on Wayland
 *
 * freerdp-shadow-cli3 shadows an Xvfb on which atr-x11-damage blinks a 96x96 square at
 * (300, 300) ten times a second; atrium-session-demo shows that session 1:1 in a 1280x1000
 * window. What the client presents is read from outside the client:
 *
 * - X11 (a second Xvfb): X Damage on the session window (atr-x11-damage watch), every
 *   rectangle drawn, grouped into pictures.
 * - Wayland (weston --backend=headless with its GL renderer, which copies a shm buffer and
 *   releases it at once; with weston's pixman renderer, which holds the last buffer, GTK 4.8
 *   paints every picture whole into a fresh one): WAYLAND_DEBUG=client, the
 *   wl_surface.damage / damage_buffer requests on the window's surface up to each commit.
 *
 * With the cairo renderer every picture after the first must stay inside the remote desktop's
 * view (the window around it is never re-presented), and most must cover the blinking square
 * and stay in the framebuffer's top two tile rows (the server's own update rectangles for
 * the square reach y = 448; tiles are 256 px), far less than the window. A paintable that
 * invalidates every tile, or a renderer that re-presents the window, fails here. GTK's GL
 * renderer on Xvfb (llvmpipe) must present the change and is checked to re-present the whole
 * window each time, the reason the app picks cairo there (ui/atr-renderer.c). Each case
 * prints its pictures' damaged pixels (median and maximum), the numbers DESIGN.md quotes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "atr-shadow-fixture.h"

static std::string demo_path;
static std::string damage_path;

static constexpr int kBlinkX = 300, kBlinkY = 300, kBlinkSize = 96;
static constexpr int kTile = 256;

struct Rect
{
  long x, y, w, h;
};

/* Pixels covered by the union of @rects, clipped to [0, @clip_w) x [0, @clip_h). */
static long
union_area (const std::vector<Rect> &rects, long clip_w, long clip_h)
{
  std::vector<long> xs = { 0, clip_w }, ys = { 0, clip_h };
  long area = 0;

  for (const Rect &r : rects)
    {
      xs.push_back (CLAMP (r.x, 0, clip_w));
      xs.push_back (CLAMP (r.x + r.w, 0, clip_w));
      ys.push_back (CLAMP (r.y, 0, clip_h));
      ys.push_back (CLAMP (r.y + r.h, 0, clip_h));
    }
  std::sort (xs.begin (), xs.end ());
  xs.erase (std::unique (xs.begin (), xs.end ()), xs.end ());
  std::sort (ys.begin (), ys.end ());
  ys.erase (std::unique (ys.begin (), ys.end ()), ys.end ());
  for (size_t i = 0; i + 1 < xs.size (); i++)
    for (size_t j = 0; j + 1 < ys.size (); j++)
      for (const Rect &r : rects)
        if (r.x <= xs[i] && xs[i + 1] <= r.x + r.w && r.y <= ys[j] && ys[j + 1] <= r.y + r.h)
          {
            area += (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j]);
            break;
          }
  return area;
}

static bool
covers (const std::vector<Rect> &rects, const Rect &want)
{
  std::vector<Rect> clipped;

  for (const Rect &r : rects)
    {
      long x0 = MAX (r.x, want.x), y0 = MAX (r.y, want.y);
      long x1 = MIN (r.x + r.w, want.x + want.w), y1 = MIN (r.y + r.h, want.y + want.h);
      if (x0 < x1 && y0 < y1)
        clipped.push_back ({ x0 - want.x, y0 - want.y, x1 - x0, y1 - y0 });
    }
  return union_area (clipped, want.w, want.h) == want.w * want.h;
}

/* Whether every rectangle of @rects (clipped to the window) lies inside @box. */
static bool
within (const std::vector<Rect> &rects, const Rect &box, long window_w, long window_h)
{
  for (const Rect &r : rects)
    {
      long x0 = MAX (r.x, 0), y0 = MAX (r.y, 0);
      long x1 = MIN (r.x + r.w, window_w), y1 = MIN (r.y + r.h, window_h);
      if (x0 >= x1 || y0 >= y1)
        continue;
      if (x0 < box.x || y0 < box.y || x1 > box.x + box.w || y1 > box.y + box.h)
        return false;
    }
  return true;
}

static std::string
read_file (const std::string &path, size_t from = 0)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path.c_str (), &contents, &len, NULL) || from > len)
    return "";
  return std::string (contents + from, len - from);
}

/* A process with its stdout (and optionally stderr) in files. */
struct Logged
{
  GSubprocess *process = NULL;
  std::string log;
  std::string err;

  ~Logged () { atr_shadow_kill (&process); }

  std::string text () const { return read_file (log); }

  bool
  wait_for (const std::string &needle, int timeout_ms = 60000) const
  {
    gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
    while (g_get_monotonic_time () < deadline)
      {
        if (text ().find (needle) != std::string::npos)
          return true;
        if (process == NULL || g_subprocess_get_identifier (process) == NULL)
          break;
        g_usleep (50 * 1000);
      }
    return text ().find (needle) != std::string::npos;
  }
};

static bool
spawn (Logged &out, const std::string &dir, const char *name,
       const std::vector<std::pair<const char *, const char *>> &env,
       const std::vector<const char *> &unset, const std::vector<std::string> &argv,
       bool separate_stderr, GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    atr_shadow_launcher (separate_stderr ? G_SUBPROCESS_FLAGS_NONE : G_SUBPROCESS_FLAGS_STDERR_MERGE);
  std::vector<const char *> args;

  out.log = dir + "/" + name + ".log";
  g_subprocess_launcher_set_stdout_file_path (launcher, out.log.c_str ());
  if (separate_stderr)
    {
      out.err = dir + "/" + name + ".err";
      g_subprocess_launcher_set_stderr_file_path (launcher, out.err.c_str ());
    }
  for (const char *name_ : unset)
    g_subprocess_launcher_unsetenv (launcher, name_);
  for (const auto &kv : env)
    g_subprocess_launcher_setenv (launcher, kv.first, kv.second, TRUE);
  for (const std::string &a : argv)
    args.push_back (a.c_str ());
  args.push_back (NULL);
  out.process = g_subprocess_launcher_spawnv (launcher, args.data (), error);
  return out.process != NULL;
}

struct View
{
  int x = 0, y = 0, width = 0, height = 0;
  double scale = 0;
};

static bool
parse_view (const std::string &text, View *v)
{
  size_t at = text.find ("\nview ");
  return at != std::string::npos &&
         sscanf (text.c_str () + at + 1, "view %d %d %lf %d %d", &v->x, &v->y, &v->scale,
                 &v->width, &v->height) == 5;
}

typedef std::vector<std::vector<Rect>> Pictures;

/* atr-x11-damage's "picture …" / "rect …" lines. */
static Pictures
parse_x11_pictures (const std::string &text)
{
  Pictures pictures;
  std::istringstream in (text);
  std::string line;

  while (std::getline (in, line))
    {
      Rect r;
      if (line.rfind ("picture ", 0) == 0)
        pictures.emplace_back ();
      else if (!pictures.empty () &&
               sscanf (line.c_str (), "rect %ld %ld %ld %ld", &r.x, &r.y, &r.w, &r.h) == 4)
        pictures.back ().push_back (r);
    }
  return pictures;
}

/* WAYLAND_DEBUG=client lines: the toplevel's wl_surface (the one given to get_xdg_surface),
 * its damage / damage_buffer requests, each picture ended by its commit; only pictures
 * committed at or after byte @from count. libwayland 1.21 writes "wl_surface@7", 1.22 and
 * later "wl_surface#7". */
static Pictures
parse_wayland_pictures (const std::string &text, size_t from, int *surface_out)
{
  Pictures pictures;
  std::vector<Rect> pending;
  std::string surface;
  size_t pos = 0;
  int id = -1;

  while (pos < text.size ())
    {
      size_t end = text.find ('\n', pos);
      std::string line = text.substr (pos, end == std::string::npos ? std::string::npos : end - pos);
      size_t line_start = pos;

      pos = end == std::string::npos ? text.size () : end + 1;
      size_t at = line.find ("get_xdg_surface(new id xdg_surface");
      if (at != std::string::npos && id < 0)
        {
          size_t s = line.find ("wl_surface", at);
          if (s != std::string::npos && sscanf (line.c_str () + s + 11, "%d", &id) == 1)
            surface = "wl_surface" + std::string (1, line[s + 10]) + std::to_string (id) + ".";
          continue;
        }
      if (id < 0 || (at = line.find ("-> " + surface)) == std::string::npos)
        continue;
      const char *request = line.c_str () + at + 3 + surface.size ();
      Rect r;
      if (sscanf (request, "damage(%ld, %ld, %ld, %ld)", &r.x, &r.y, &r.w, &r.h) == 4 ||
          sscanf (request, "damage_buffer(%ld, %ld, %ld, %ld)", &r.x, &r.y, &r.w, &r.h) == 4)
        pending.push_back (r);
      else if (g_str_has_prefix (request, "commit()") && !pending.empty ())
        {
          if (line_start >= from)
            pictures.push_back (pending);
          pending.clear ();
        }
    }
  *surface_out = id;
  return pictures;
}

struct Summary
{
  size_t pictures = 0;
  long median = 0;
  long max = 0;
};

static Summary
summarize (const Pictures &pictures, long clip_w, long clip_h)
{
  std::vector<long> areas;
  Summary s;

  for (const auto &p : pictures)
    areas.push_back (union_area (p, clip_w, clip_h));
  std::sort (areas.begin (), areas.end ());
  s.pictures = areas.size ();
  if (!areas.empty ())
    {
      s.median = areas[areas.size () / 2];
      s.max = areas.back ();
    }
  return s;
}

/* Pictures after the first (X Damage reports the whole window once when watching starts;
 * the Wayland caller passes an empty one), in surface coordinates. Each must stay inside the remote
 * desktop's view (the window around it is never re-presented); most (4 in 5: the server
 * may refresh more now and then) must lie in the view's top two tile rows, where the
 * server's update rectangles for the blinking square lie (they reach y = 448; tiles are
 * 256 px), and cover the square; the median picture must be at most those two rows. With
 * @tiles_only FALSE (GL) only the coverage is required. */
static void
expect_pictures (const Pictures &all, const View &v, long window_w, long window_h,
                 bool tiles_only, const char *what)
{
  double k = v.scale;   /* scaled to fit, each tile's 1 px margin may reach one more pixel */
  Rect blink = { v.x + (long) ceil (kBlinkX * k), v.y + (long) ceil (kBlinkY * k),
                 (long) floor (kBlinkSize * k) - 1, (long) floor (kBlinkSize * k) - 1 };
  Rect view = { v.x, v.y, (long) ceil (v.width * k), (long) ceil (v.height * k) };
  Rect rows = { v.x, v.y, view.w, (long) ceil (2 * kTile * k) + (k != 1.0 ? 1 : 0) };
  Pictures pictures (all.begin () + MIN (all.size (), (size_t) 1), all.end ());
  size_t with_blink = 0, in_rows = 0, in_view = 0;
  Summary s = summarize (pictures, window_w, window_h);

  std::cout << what << ": " << s.pictures << " pictures, damaged px median " << s.median
            << " max " << s.max << " of a " << window_w << "x" << window_h << " window ("
            << window_w * window_h << " px; the two tile rows: " << rows.w * rows.h << ")\n";
  ASSERT_GE (pictures.size (), 5u) << what << ": too few pictures to judge";
  for (const auto &p : pictures)
    {
      if (covers (p, blink))
        with_blink++;
      if (within (p, view, window_w, window_h))
        in_view++;
      if (within (p, rows, window_w, window_h))
        in_rows++;
    }
  EXPECT_GE (with_blink * 5, pictures.size () * 4)
    << what << ": only " << with_blink << " of " << pictures.size ()
    << " pictures cover the blinking square";
  if (!tiles_only)
    return;
  EXPECT_EQ (in_view, pictures.size ())
    << what << ": " << pictures.size () - in_view << " pictures re-present the window around "
    << "the remote desktop";
  EXPECT_GE (in_rows * 5, pictures.size () * 4)
    << what << ": only " << in_rows << " of " << pictures.size ()
    << " pictures stay in the changed tiles' rows";
  EXPECT_LE (s.median, rows.w * rows.h) << what << ": the median picture is too large";
}

using ClientDisplay = AtrClientDisplay;

class SessionDamage : public ::testing::Test
{
protected:
  static void
  SetUpTestSuite ()
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *geometry = g_strdup_printf ("%dx%d+%d+%d", kBlinkSize, kBlinkSize,
                                                 kBlinkX, kBlinkY);

    dir = g_dir_make_tmp ("atr-session-damage-XXXXXX", NULL);
    shadow_display = new AtrShadowDisplay ();
    ASSERT_TRUE (shadow_display->start (&error)) << error->message;
    server = new AtrShadowServer ();
    ASSERT_TRUE (server->start (*shadow_display, "good", false, &error)) << error->message;
    blink = new Logged ();
    ASSERT_TRUE (spawn (*blink, dir, "blink", { { "DISPLAY", shadow_display->display () } }, {},
                        { damage_path, "blink", geometry, "10" }, false, &error))
      << error->message;
    ASSERT_TRUE (blink->wait_for ("ready\n", 20000)) << blink->text ();
  }

  static void
  TearDownTestSuite ()
  {
    delete blink;
    delete server;
    delete shadow_display;
    if (dir != NULL && g_getenv ("ATR_UI_KEEP") == NULL)
      atr_shadow_rm_rf (dir);
    else if (dir != NULL)
      std::cout << "kept " << dir << "\n";
    g_clear_pointer (&dir, g_free);
  }

  /* Starts the demo with @env and waits for its first painted frame. */
  static void
  start_demo (Logged &demo, const char *name,
              const std::vector<std::pair<const char *, const char *>> &env,
              const std::vector<const char *> &unset, bool separate_stderr, View *v,
              bool one_to_one = true)
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *target = g_strdup_printf ("localhost:%u", server->port ());
    g_autofree char *trust = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                               "trusted-with-intermediate.pem", NULL);
    std::string home = std::string (dir) + "/home-" + name;
    std::vector<std::pair<const char *, const char *>> all = {
      { "GTK_A11Y", "none" }, { "HOME", home.c_str () }, { "XDG_CACHE_HOME", home.c_str () },
      { "XDG_CONFIG_HOME", home.c_str () } };

    g_mkdir_with_parents (home.c_str (), 0700);
    all.insert (all.end (), env.begin (), env.end ());
    std::vector<std::string> argv = { demo_path, target, "--address", "127.0.0.1", "--trust",
                                      trust, "--window-size", "1280x1000", "--title",
                                      "Harbour Desktop" };
    if (one_to_one)
      argv.push_back ("--one-to-one");
    ASSERT_TRUE (spawn (demo, dir, name, all, unset, argv, separate_stderr, &error))
      << error->message;
    ASSERT_TRUE (demo.wait_for ("state connected\n")) << demo.text ();
    /* the shadowed screen's size: the window connects at its view's, and the server
     * resizes that desktop to its screen right after (the demo prints "view" again) */
    ASSERT_TRUE (demo.wait_for (" 1024 768\nview-size ")) << demo.text ();
    std::string text = demo.text ();
    ASSERT_TRUE (parse_view (text.substr (text.rfind ("\nview ", text.find (" 1024 768\nview-size "))), v))
      << text;
    ASSERT_EQ (v->width, 1024);
    ASSERT_EQ (v->height, 768);
    g_usleep (1500 * 1000);   /* the first full frames and the focus settle */
  }

  /* X Damage on the demo's window on @display for @ms. */
  static Pictures
  watch_x11 (const char *display, int ms, long *window_w, long *window_h)
  {
    g_autoptr(GError) error = NULL;
    Logged watch;
    std::string text;

    static int n;
    std::string name = "watch-" + std::to_string (++n);   /* a log of its own: GLib does not
                                                            truncate an existing one */

    EXPECT_TRUE (spawn (watch, dir, name.c_str (), { { "DISPLAY", display } }, {},
                        { damage_path, "watch", "Harbour Desktop", std::to_string (ms) }, false,
                        &error));
    if (watch.process == NULL)
      return {};
    EXPECT_TRUE (watch.wait_for ("done ", ms + 30000)) << watch.text ();
    text = watch.text ();
    if (sscanf (text.c_str (), "window %ld %ld", window_w, window_h) != 2)
      ADD_FAILURE () << "no window line: " << text;
    return parse_x11_pictures (text);
  }

public:
  static char *dir;
  static AtrShadowDisplay *shadow_display;
  static AtrShadowServer *server;
  static Logged *blink;
};

char *SessionDamage::dir;
AtrShadowDisplay *SessionDamage::shadow_display;
AtrShadowServer *SessionDamage::server;
Logged *SessionDamage::blink;

TEST_F (SessionDamage, X11CairoPresentsOnlyChangedTiles)
{
  ClientDisplay client;
  g_autoptr(GError) error = NULL;
  Logged demo;
  View v;
  long w = 0, h = 0;

  ASSERT_TRUE (client.start (&error)) << error->message;
  start_demo (demo, "demo-x11-cairo",
              { { "DISPLAY", client.display () }, { "GDK_BACKEND", "x11" },
                { "GSK_RENDERER", "cairo" } },
              { "WAYLAND_DISPLAY" }, false, &v);
  if (HasFatalFailure ())
    return;
  ASSERT_NE (demo.text ().find ("renderer GskCairoRenderer"), std::string::npos) << demo.text ();
  /* Tiles drawn as cairo nodes over RGB24 surfaces, not textures GTK converts per draw. */
  ASSERT_NE (demo.text ().find ("presentation cairo-nodes\n"), std::string::npos) << demo.text ();
  Pictures pictures = watch_x11 (client.display (), 3000, &w, &h);
  ASSERT_EQ (w, 1280);
  expect_pictures (pictures, v, w, h, true, "X11, cairo");
}

/* The app's default: scaled to fit the window, so the tiles are clipped and carry a 1 px
 * margin of their neighbours (a change at a tile's edge rebuilds the neighbour too). */
TEST_F (SessionDamage, X11CairoScaledToFitPresentsOnlyChangedTiles)
{
  ClientDisplay client;
  g_autoptr(GError) error = NULL;
  Logged demo;
  View v;
  long w = 0, h = 0;

  ASSERT_TRUE (client.start (&error)) << error->message;
  start_demo (demo, "demo-x11-cairo-fit",
              { { "DISPLAY", client.display () }, { "GDK_BACKEND", "x11" },
                { "GSK_RENDERER", "cairo" } },
              { "WAYLAND_DISPLAY" }, false, &v, false);
  if (HasFatalFailure ())
    return;
  ASSERT_GT (v.scale, 1.0);
  ASSERT_NE (demo.text ().find ("presentation cairo-nodes\n"), std::string::npos) << demo.text ();
  Pictures pictures = watch_x11 (client.display (), 3000, &w, &h);
  ASSERT_EQ (w, 1280);
  expect_pictures (pictures, v, w, h, true, "X11, cairo, scaled to fit");
}

TEST_F (SessionDamage, X11GlPresentsTheChange)
{
  ClientDisplay client;
  g_autoptr(GError) error = NULL;
  Logged demo;
  View v;
  long w = 0, h = 0;

  ASSERT_TRUE (client.start (&error)) << error->message;
  start_demo (demo, "demo-x11-gl",
              { { "DISPLAY", client.display () }, { "GDK_BACKEND", "x11" },
                { "GSK_RENDERER", ATR_GSK_GL_NAME } },
              { "WAYLAND_DISPLAY", "GDK_DEBUG" }, false, &v);
  if (HasFatalFailure ())
    return;
  ASSERT_NE (demo.text ().find ("renderer GskGLRenderer"), std::string::npos) << demo.text ();
  ASSERT_NE (demo.text ().find ("presentation textures\n"), std::string::npos) << demo.text ();
  Pictures pictures = watch_x11 (client.display (), 3000, &w, &h);
  ASSERT_EQ (w, 1280);
  expect_pictures (pictures, v, w, h, false, "X11, GL (llvmpipe)");
  /* GTK 4.8's GL renderer on llvmpipe (no buffer age under Xvfb) re-presents the whole
   * window for every picture: why ui/atr-renderer.c picks cairo there. Should a later GTK
   * do better, this fails, and that choice wants a new look. */
  EXPECT_EQ (summarize (Pictures (pictures.begin () + 1, pictures.end ()), w, h).median, w * h);
}

/* weston --backend=headless with its GL renderer on a private XDG_RUNTIME_DIR. */
class Weston
{
public:
  ~Weston ()
  {
    atr_shadow_kill (&weston_);
    if (runtime_ != NULL)
      atr_shadow_rm_rf (runtime_);
    g_free (runtime_);
  }

  bool
  start (const char *dir, std::string *why)
  {
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *socket_path = NULL;
    gint64 deadline;

    runtime_ = g_build_filename (dir, "runtime", NULL);
    g_mkdir_with_parents (runtime_, 0700);
    log_ = std::string (dir) + "/weston.log";
    launcher = atr_shadow_launcher (G_SUBPROCESS_FLAGS_STDERR_MERGE);
    g_subprocess_launcher_set_stdout_file_path (launcher, log_.c_str ());
    g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_, TRUE);
    g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
    g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
    /* --use-gl: weston 10 (Debian 12) and 14 (an alias of --renderer=gl) both take it. */
    weston_ = g_subprocess_launcher_spawn (launcher, &error, "weston", "--backend=headless",
                                           "--use-gl", "--socket=atr-damage", "--width=1280",
                                           "--height=1024", "--idle-time=0", "--no-config",
                                           NULL);
    if (weston_ == NULL)
      {
        *why = error->message;
        return false;
      }
    socket_path = g_build_filename (runtime_, "atr-damage", NULL);
    deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while (!g_file_test (socket_path, G_FILE_TEST_EXISTS))
      {
        if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (weston_) == NULL)
          {
            *why = "weston did not start: " + read_file (log_);
            return false;
          }
        g_usleep (20 * 1000);
      }
    return true;
  }

  const char *runtime () const { return runtime_; }

private:
  GSubprocess *weston_ = NULL;
  char *runtime_ = NULL;
  std::string log_;
};

TEST_F (SessionDamage, WaylandCairoCommitsOnlyChangedTiles)
{
  Weston weston;
  std::string why;
  Logged demo;
  View v;
  int surface = -1;

  if (g_find_program_in_path ("weston") == NULL)
    GTEST_SKIP () << "weston is not installed (scripts/install-deps.sh installs it)";
  ASSERT_TRUE (weston.start (dir, &why)) << why;
  start_demo (demo, "demo-wayland-cairo",
              { { "XDG_RUNTIME_DIR", weston.runtime () }, { "WAYLAND_DISPLAY", "atr-damage" },
                { "WAYLAND_DEBUG", "client" }, { "GDK_BACKEND", "wayland" },
                { "GSK_RENDERER", "cairo" } },
              { "DISPLAY" }, true, &v);
  if (HasFatalFailure ())
    return;
  ASSERT_NE (demo.text ().find ("renderer GskCairoRenderer"), std::string::npos) << demo.text ();
  /* Tiles drawn as cairo nodes over RGB24 surfaces, not textures GTK converts per draw. */
  ASSERT_NE (demo.text ().find ("presentation cairo-nodes\n"), std::string::npos) << demo.text ();

  size_t from = read_file (demo.err).size ();
  g_usleep (3000 * 1000);
  std::string trace = read_file (demo.err);

  /* The window's first picture (damage over the whole surface) gives its size. */
  Pictures first = parse_wayland_pictures (trace, 0, &surface);
  ASSERT_GE (surface, 0) << "no xdg_surface in the WAYLAND_DEBUG trace";
  ASSERT_FALSE (first.empty ());
  long w = 0, h = 0;
  for (const Rect &r : first.front ())
    {
      w = MAX (w, MIN (r.x + r.w, 8192L));
      h = MAX (h, MIN (r.y + r.h, 8192L));
    }
  std::cout << "Wayland: window surface " << w << "x" << h << ", view at " << v.x << ","
            << v.y << "\n";
  /* The pictures of the last 3 s; an empty first one for expect_pictures to drop. */
  Pictures pictures = parse_wayland_pictures (trace, from, &surface);
  pictures.insert (pictures.begin (), std::vector<Rect> ());
  expect_pictures (pictures, v, w, h, true, "Wayland, cairo");
}

int
main (int argc, char **argv)
{
  AtrShadowHome home ("atr-session-damage-home-XXXXXX");

  ::testing::InitGoogleTest (&argc, argv);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--demo="))
        demo_path = argv[i] + strlen ("--demo=");
      else if (g_str_has_prefix (argv[i], "--damage="))
        damage_path = argv[i] + strlen ("--damage=");
    }
  if (demo_path.empty () || damage_path.empty ())
    {
      g_printerr ("usage: test-session-damage --demo=PATH --damage=PATH\n");
      return 2;
    }
  return RUN_ALL_TESTS ();
}
