/* test-session-window.cpp — the session window end to end: pixels, keys and clicks
 *
 * freerdp-shadow-cli3 shadows one Xvfb (the fixture's, covered by atr-x11-probe in the known
 * colour, which reports every key and click it gets); atrium-session-demo shows the session
 * window on a second Xvfb of our own. We read the client's screen with ImageMagick's
 * `import`, drive it with xdotool, and read back what reached the shadowed display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "atr-shadow-fixture.h"
#include "atr-test-rdp-server-fixture.h"

static std::string demo_path;
static std::string probe_path;
static std::string rdp_server_path;

using ClientDisplay = AtrClientDisplay;

/* A process whose stdout goes to a file we can poll. */
struct Logged
{
  GSubprocess *process = NULL;
  std::string log;

  ~Logged () { atr_shadow_kill (&process); }

  std::string
  text () const
  {
    g_autofree char *contents = NULL;
    if (!g_file_get_contents (log.c_str (), &contents, NULL, NULL))
      return "";
    return contents;
  }

  /* Waits until the output holds @needle (or the process died, or 60 s). */
  bool
  wait_for (const std::string &needle, int timeout_ms = 60000) const
  {
    gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
    while (g_get_monotonic_time () < deadline)
      {
        if (text ().find (needle) != std::string::npos)
          return true;
        if (process == NULL || g_subprocess_get_identifier (process) == NULL)
          return text ().find (needle) != std::string::npos;
        g_usleep (50 * 1000);
      }
    return false;
  }
};

static bool
spawn_logged (Logged &out, const char *dir, const char *name,
              const std::vector<std::pair<const char *, const char *>> &env,
              const std::vector<const char *> &argv, GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = atr_shadow_launcher (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  std::vector<const char *> args (argv);

  out.log = std::string (dir) + "/" + name + ".log";
  g_subprocess_launcher_set_stdout_file_path (launcher, out.log.c_str ());
  for (const auto &kv : env)
    g_subprocess_launcher_setenv (launcher, kv.first, kv.second, TRUE);
  args.push_back (NULL);
  out.process = g_subprocess_launcher_spawnv (launcher, args.data (), error);
  return out.process != NULL;
}

static bool
run_tool (const char *display, const std::vector<const char *> &argv, std::string *out,
          GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = atr_shadow_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) stdout_bytes = NULL;
  std::vector<const char *> args (argv);

  g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  args.push_back (NULL);
  process = g_subprocess_launcher_spawnv (launcher, args.data (), error);
  if (process == NULL ||
      !g_subprocess_communicate (process, NULL, NULL, &stdout_bytes, NULL, error) ||
      !g_subprocess_wait_check (process, NULL, error))
    return false;
  if (out != NULL)
    out->assign ((const char *) g_bytes_get_data (stdout_bytes, NULL),
                 g_bytes_get_size (stdout_bytes));
  return true;
}

/* Pixels within 8 per channel of @rgb (RDPGFX's H.264 and progressive codecs are lossy)
 * inside [x0, x1) x [y0, y1) of a screenshot of @display. */
static long
count_colour (const char *display, guint32 rgb, int x0, int y0, int x1, int y1)
{
  std::string ppm;
  g_autoptr(GError) error = NULL;
  int w = 0, h = 0, max = 0, consumed = 0;
  long n = 0;

  if (!run_tool (display, { "import", "-display", display, "-window", "root", "-depth", "8", "ppm:-" }, &ppm,
                 &error))
    {
      ADD_FAILURE () << "import failed: " << error->message;
      return -1;
    }
  if (sscanf (ppm.c_str (), "P6 %d %d %d%n", &w, &h, &max, &consumed) != 3 || max != 255)
    {
      ADD_FAILURE () << "not a P6 PPM";
      return -1;
    }
  const guint8 *px = (const guint8 *) ppm.data () + consumed + 1;
  if (ppm.size () < (size_t) consumed + 1 + (size_t) w * h * 3)
    return -1;
  for (int y = MAX (y0, 0); y < MIN (y1, h); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, w); x++)
      {
        const guint8 *p = px + ((size_t) y * w + x) * 3;
        if (ABS ((int) p[0] - (int) (rgb >> 16)) <= 8 &&
            ABS ((int) p[1] - (int) ((rgb >> 8) & 0xFF)) <= 8 &&
            ABS ((int) p[2] - (int) (rgb & 0xFF)) <= 8)
          n++;
      }
  return n;
}

/* The end of the demo's "view" line for a picture of the shadowed screen (1024x768). */
static const char kShadowedView[] = " 1024 768\nview-size ";

struct View
{
  int x = 0, y = 0, width = 0, height = 0;
  double scale = 0;
};

class SessionWindow : public ::testing::Test
{
protected:
  static void
  SetUpTestSuite ()
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *colour = g_strdup_printf ("%06x", kShadowColour);

    dir = g_dir_make_tmp ("atr-session-window-XXXXXX", NULL);
    shadow_display = new AtrShadowDisplay ();
    ASSERT_TRUE (shadow_display->start (&error)) << error->message;
    server = new AtrShadowServer ();
    ASSERT_TRUE (server->start (*shadow_display, "good", false, &error)) << error->message;
    client_display = new ClientDisplay ();
    ASSERT_TRUE (client_display->start (&error)) << error->message;

    probe = new Logged ();
    ASSERT_TRUE (spawn_logged (*probe, dir, "probe", { { "DISPLAY", shadow_display->display () } },
                               { probe_path.c_str (), colour }, &error))
      << error->message;
    ASSERT_TRUE (probe->wait_for ("ready\n", 20000)) << probe->text ();

    g_autofree char *target = g_strdup_printf ("localhost:%u", server->port ());
    g_autofree char *trust = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                               "trusted-with-intermediate.pem", NULL);
    g_autofree char *home = g_build_filename (dir, "home", NULL);
    g_mkdir_with_parents (home, 0700);
    demo = new Logged ();
    ASSERT_TRUE (spawn_logged (*demo, dir, "demo",
                               { { "DISPLAY", client_display->display () },
                                 { "GDK_BACKEND", "x11" },
                                 { "GSK_RENDERER", "cairo" },
                                 { "GTK_A11Y", "none" },
                                 { "HOME", home },
                                 { "XDG_CACHE_HOME", home },
                                 { "XDG_CONFIG_HOME", home } },
                               { demo_path.c_str (), target, "--address", "127.0.0.1",
                                 "--trust", trust, "--window-size", "1280x1000",
                                 "--one-to-one", "--title", "Harbour Desktop" },
                               &error))
      << error->message;
  }

  static void
  TearDownTestSuite ()
  {
    delete demo;
    delete probe;
    delete client_display;
    delete server;
    delete shadow_display;
    if (dir != NULL)
      atr_shadow_rm_rf (dir);
    g_clear_pointer (&dir, g_free);
  }

public:
  /* The "view X Y SCALE W H" line the demo prints after the first painted frame. */
  static bool
  view (View *v)
  {
    if (!demo->wait_for ("first-frame "))
      return false;
    /* at the shadowed screen's size: the window connects at its view's size, and
     * freerdp-shadow-cli3 resizes that desktop to its screen right after (the demo prints
     * "view" again then) */
    if (!demo->wait_for (kShadowedView))
      return false;
    std::string text = demo->text ();
    size_t at = text.rfind ("\nview ", text.find (kShadowedView)) + 1;
    return sscanf (text.c_str () + at, "view %d %d %lf %d %d", &v->x, &v->y, &v->scale,
                   &v->width, &v->height) == 5;
  }

  /* The probe saw a click of button 1 at (@x, @y), give or take a pixel of rounding. */
  static bool
  wait_click (int x, int y)
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while (g_get_monotonic_time () < deadline)
      {
        std::string text = probe->text ();
        size_t at = 0;
        while ((at = text.find ("button 1 ", at)) != std::string::npos)
          {
            int bx, by;
            if (sscanf (text.c_str () + at, "button 1 %d %d", &bx, &by) == 2 &&
                ABS (bx - x) <= 1 && ABS (by - y) <= 1)
              return true;
            at++;
          }
        g_usleep (50 * 1000);
      }
    return false;
  }

public:
  static char *dir;
  static AtrShadowDisplay *shadow_display;
  static AtrShadowServer *server;
  static ClientDisplay *client_display;
  static Logged *probe;
  static Logged *demo;
};

char *SessionWindow::dir;
AtrShadowDisplay *SessionWindow::shadow_display;
AtrShadowServer *SessionWindow::server;
ClientDisplay *SessionWindow::client_display;
Logged *SessionWindow::probe;
Logged *SessionWindow::demo;

static bool
SessionWindow_view (View *v)
{
  return SessionWindow::view (v);
}

static const char *
SessionWindow_display ()
{
  return SessionWindow::client_display->display ();
}

TEST_F (SessionWindow, ShowsTheShadowedScreen)
{
  View v;

  ASSERT_TRUE (demo->wait_for ("state connected\n")) << demo->text ();
  ASSERT_TRUE (view (&v)) << demo->text ();
  EXPECT_TRUE (demo->text ().find ("renderer GskCairoRenderer") != std::string::npos)
    << demo->text ();
  /* ...which draws the tiles as cairo nodes over RGB24 surfaces: the pixels read below
   * went that way. */
  EXPECT_TRUE (demo->text ().find ("presentation cairo-nodes\n") != std::string::npos)
    << demo->text ();
  /* The picture is painted, and its place read, on the session page: a frame painted on
   * the "Connecting…" page gave the layout of a view not allocated yet (#9: every click
   * landed 123,87 px off). */
  EXPECT_LT (demo->text ().find ("state connected\n"), demo->text ().find ("first-frame "))
    << demo->text ();
  EXPECT_EQ (v.width, 1024);
  EXPECT_EQ (v.height, 768);
  EXPECT_DOUBLE_EQ (v.scale, 1.0);

  /* The whole picture is the shadowed screen's colour (allow for a frame still arriving). */
  long want = (long) v.width * v.height;
  long got = 0;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  do
    {
      got = count_colour (client_display->display (), kShadowColour, v.x, v.y, v.x + v.width,
                          v.y + v.height);
      if (got >= want * 99 / 100)
        break;
      g_usleep (200 * 1000);
    }
  while (g_get_monotonic_time () < deadline);
  EXPECT_GE (got, want * 99 / 100) << "view at " << v.x << "," << v.y;

  /* ...and only the picture: the letterbox around it is not. */
  EXPECT_EQ (count_colour (client_display->display (), kShadowColour, 0, v.y + v.height + 2,
                           1280, 1024), 0);
}

TEST_F (SessionWindow, ClickReachesTheShadowedDisplay)
{
  View v;
  g_autoptr(GError) error = NULL;

  ASSERT_TRUE (view (&v)) << demo->text ();
  /* Shadowed pixel (300, 200) is drawn at (v.x + 300, v.y + 200). */
  g_autofree char *x = g_strdup_printf ("%d", v.x + 300);
  g_autofree char *y = g_strdup_printf ("%d", v.y + 200);
  ASSERT_TRUE (run_tool (client_display->display (),
                         { "xdotool", "mousemove", "--sync", x, y, "click", "1" }, NULL, &error))
    << error->message;
  EXPECT_TRUE (wait_click (300, 200)) << probe->text ();
}

TEST_F (SessionWindow, TypedTextReachesTheShadowedDisplay)
{
  View v;
  g_autoptr(GError) error = NULL;

  ASSERT_TRUE (view (&v)) << demo->text ();
  g_autofree char *x = g_strdup_printf ("%d", v.x + 500);
  g_autofree char *y = g_strdup_printf ("%d", v.y + 400);
  /* A click focuses the view (and the X pointer stays over our window). */
  ASSERT_TRUE (run_tool (client_display->display (),
                         { "xdotool", "mousemove", "--sync", x, y, "click", "1" }, NULL, &error))
    << error->message;
  ASSERT_TRUE (wait_click (500, 400)) << probe->text ();
  ASSERT_TRUE (run_tool (client_display->display (),
                         { "xdotool", "type", "--delay", "80", "Atr1um" }, NULL, &error))
    << error->message;
  EXPECT_TRUE (probe->wait_for ("key Shift_L\nkey A\nkey t\nkey r\nkey 1\nkey u\nkey m\n",
                                20000))
    << probe->text ();
}

/* The first line of the demo's output that starts with @prefix at or after @from. */
static std::string
line_from (const std::string &text, const std::string &prefix, size_t from = 0)
{
  size_t at = text.find ("\n" + prefix, from == 0 ? 0 : from - 1);
  if (from == 0 && text.compare (0, prefix.size (), prefix) == 0)
    at = 0;
  else if (at == std::string::npos)
    return "";
  else
    at++;
  return text.substr (at, text.find ('\n', at) - at);
}

/* The demo's output once it described the connected window. */
static std::string
connected_text ()
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  std::string text;

  while (g_get_monotonic_time () < deadline)
    {
      text = SessionWindow::demo->text ();
      size_t at = text.find ("state connected\n");
      if (at != std::string::npos && !line_from (text, "actions ", at).empty ())
        break;
      g_usleep (50 * 1000);
    }
  return text;
}

/* #14 item 7: the window and "Connecting to…" name the resource; the host is the subtitle. */
TEST_F (SessionWindow, TitledByTheResourceNotTheHost)
{
  std::string text = connected_text ();
  EXPECT_EQ (line_from (text, "progress "), "progress Connecting to Harbour Desktop…") << text;
  EXPECT_EQ (line_from (text, "title ", text.find ("state connected\n")),
             "title Harbour Desktop | Harbour Desktop | localhost") << text;
}

/* #14 item 7: Ctrl+Alt+Del, Scale and Fullscreen wait for the session. */
TEST_F (SessionWindow, SessionActionsOnlyWhileConnected)
{
  std::string text = connected_text ();
  size_t connected = text.find ("state connected\n");
  std::string before = line_from (text, "actions ");
  ASSERT_LT (text.find (before), connected) << text;
  for (const char *action : { "session.send-ctrl-alt-del=0", "session.scale-to-fit=0",
                              "session.fullscreen=0", "session.disconnect=1" })
    EXPECT_NE (before.find (action), std::string::npos) << action << " in " << before;
  std::string after = line_from (text, "actions ", connected);
  for (const char *action : { "session.send-ctrl-alt-del=1", "session.scale-to-fit=1",
                              "session.fullscreen=1", "session.disconnect=1" })
    EXPECT_NE (after.find (action), std::string::npos) << action << " in " << after;
}

/* Clicks the picture at shadowed pixel (@x, @y): the view takes the keyboard. */
static void
focus_view (int x, int y)
{
  View v;
  g_autoptr(GError) error = NULL;

  ASSERT_TRUE (SessionWindow_view (&v));
  g_autofree char *sx = g_strdup_printf ("%d", v.x + x);
  g_autofree char *sy = g_strdup_printf ("%d", v.y + y);
  ASSERT_TRUE (run_tool (SessionWindow_display (),
                         { "xdotool", "mousemove", "--sync", sx, sy, "click", "1" }, NULL, &error))
    << error->message;
}

/* #14 item 1: Ctrl+Q and Ctrl+, are the remote desktop's keys while the session has the
 * keyboard; the application's accelerators do not fire. */
TEST_F (SessionWindow, AppShortcutsReachTheRemoteDesktop)
{
  g_autoptr(GError) error = NULL;

  focus_view (520, 420);
  ASSERT_TRUE (wait_click (520, 420)) << probe->text ();
  ASSERT_TRUE (run_tool (client_display->display (),
                         { "xdotool", "key", "--delay", "80", "ctrl+q", "ctrl+comma" }, NULL,
                         &error))
    << error->message;
  EXPECT_TRUE (probe->wait_for ("key Control_L\nkey q\n", 20000)) << probe->text ();
  EXPECT_TRUE (probe->wait_for ("key Control_L\nkey comma\n", 20000)) << probe->text ();
  g_usleep (300 * 1000);
  EXPECT_EQ (demo->text ().find ("app.quit"), std::string::npos) << demo->text ();
  EXPECT_EQ (demo->text ().find ("app.preferences"), std::string::npos) << demo->text ();
}

/* #14 item 6: host keys reach Atrium's actions, not the remote desktop. */
TEST_F (SessionWindow, HostKeysReachTheWindow)
{
  g_autoptr(GError) error = NULL;
  const char *display = client_display->display ();

  focus_view (540, 440);
  ASSERT_TRUE (wait_click (540, 440)) << probe->text ();
  size_t start = probe->text ().size ();
  /* Scale to fit and back. */
  ASSERT_TRUE (run_tool (display, { "xdotool", "key", "ctrl+alt+shift+s" }, NULL, &error))
    << error->message;
  EXPECT_TRUE (demo->wait_for ("scale fit\n", 10000)) << demo->text ();
  ASSERT_TRUE (run_tool (display, { "xdotool", "key", "ctrl+alt+shift+s" }, NULL, &error))
    << error->message;
  EXPECT_TRUE (demo->wait_for ("scale 1:1\n", 10000)) << demo->text ();
  /* Ctrl+Alt+End sends Ctrl+Alt+Del. */
  ASSERT_TRUE (run_tool (display, { "xdotool", "key", "ctrl+alt+End" }, NULL, &error))
    << error->message;
  EXPECT_TRUE (probe->wait_for ("key Delete\n", 20000)) << probe->text ();
  /* Release the keyboard: the toolbar has it, typed keys stay here... */
  ASSERT_TRUE (run_tool (display, { "xdotool", "key", "ctrl+alt+shift+r" }, NULL, &error))
    << error->message;
  EXPECT_TRUE (demo->wait_for ("focus GtkButton session.disconnect\n", 10000)) << demo->text ();
  ASSERT_TRUE (run_tool (display, { "xdotool", "key", "x" }, NULL, &error)) << error->message;
  /* ...and again: back to the remote desktop. */
  ASSERT_TRUE (run_tool (display, { "xdotool", "key", "ctrl+alt+shift+r" }, NULL, &error))
    << error->message;
  EXPECT_TRUE (demo->wait_for ("focus AtrSessionView -\n", 10000)) << demo->text ();
  ASSERT_TRUE (run_tool (display, { "xdotool", "key", "y" }, NULL, &error)) << error->message;
  EXPECT_TRUE (probe->wait_for ("key y\n", 20000)) << probe->text ();
  std::string keys = probe->text ().substr (start);
  EXPECT_EQ (keys.find ("key x\n"), std::string::npos) << keys;
  EXPECT_EQ (keys.find ("key s\n"), std::string::npos) << keys;
  EXPECT_EQ (keys.find ("key S\n"), std::string::npos) << keys;
  EXPECT_EQ (keys.find ("key r\n"), std::string::npos) << keys;
  EXPECT_EQ (keys.find ("key R\n"), std::string::npos) << keys;
}

TEST_F (SessionWindow, ServerGoneShowsTheDisconnectedPage)
{
  View v;

  ASSERT_TRUE (view (&v)) << demo->text ();
  server->stop ();
  ASSERT_TRUE (demo->wait_for ("state disconnected\n")) << demo->text ();
  /* The status page replaced the picture. */
  long got = -1;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((got = count_colour (client_display->display (), kShadowColour, 0, 0, 1280, 1024)) != 0 &&
         g_get_monotonic_time () < deadline)
    g_usleep (200 * 1000);
  EXPECT_EQ (got, 0);
}

/* The colour of the last `PICTURE WxH colour=RRGGBB` line the server printed. */
static guint32
last_picture_colour (const AtrTestRdpServerProcess &server, guint *width, guint *height)
{
  std::string all = server.all ();
  size_t at = all.rfind ("PICTURE ");
  guint32 rgb = 0;

  if (at == std::string::npos ||
      sscanf (all.c_str () + at, "PICTURE %ux%u colour=%x", width, height, &rgb) != 3)
    return G_MAXUINT32;
  return rgb;
}

/* Starts atrium-session-demo on @display against atrium-test-rdp-server @server, with a
 * @size window titled @title. */
static bool
start_demo (Logged &demo, const char *dir, const ClientDisplay &display,
            const AtrTestRdpServerProcess &server, const char *size, const char *title,
            GError **error)
{
  g_autofree char *home = g_build_filename (dir, "home", NULL);
  g_autofree char *trust = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                             "trusted-with-intermediate.pem", NULL);
  g_autofree char *target = g_strdup_printf ("localhost:%u", server.port ());

  g_mkdir_with_parents (home, 0700);
  return spawn_logged (demo, dir, "demo",
                       { { "DISPLAY", display.display () }, { "GDK_BACKEND", "x11" },
                         { "GSK_RENDERER", "cairo" }, { "GTK_A11Y", "none" },
                         { "HOME", home }, { "XDG_CACHE_HOME", home },
                         { "XDG_CONFIG_HOME", home } },
                       { demo_path.c_str (), target, "--address", "127.0.0.1", "--trust", trust,
                         "--window-size", size, "--title", title }, error);
}

/* The session window connects at the size its view has, not at a default that the view
 * then corrects through Display Control (#9): the server's first desktop is the view's
 * size, and no monitor layout follows while the window keeps its size. */
TEST (SessionWindowResize, ConnectsAtTheViewsSizeWithNoLayout)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atr-session-connect-XXXXXX", NULL);
  ClientDisplay display;
  AtrTestRdpServerProcess server;
  Logged demo;
  int vw = 0, vh = 0;
  guint aw = 0, ah = 0;

  ASSERT_TRUE (display.start (&error)) << error->message;
  ASSERT_TRUE (server.start (rdp_server_path, { "--colour=2a5c8f" }, &error)) << error->message;
  ASSERT_TRUE (start_demo (demo, dir, display, server, "1200x900", "Connect Desktop", &error))
    << error->message;
  ASSERT_TRUE (demo.wait_for ("view-size ")) << demo.text () << server.all ();
  ASSERT_TRUE (server.wait_for ("DISP caps ")) << server.all ();
  std::string text = demo.text ();
  ASSERT_EQ (sscanf (text.c_str () + text.find ("view-size "), "view-size %d %d", &vw, &vh), 2)
    << text;
  /* the view's debounce (300 ms) and the engine's (200 ms) have long passed */
  atr_shadow_spin_until ([] { return false; }, 2000);
  std::string activated = server.find ("ACTIVATED ");
  ASSERT_EQ (sscanf (activated.c_str (), "ACTIVATED %ux%u", &aw, &ah), 2) << server.all ();
  /* RDP wants an even width: the view's, rounded down */
  EXPECT_EQ (aw, (guint) vw & ~1u) << server.all () << demo.text ();
  EXPECT_EQ (ah, (guint) vh) << server.all () << demo.text ();
  EXPECT_GT (vw, 1000);   /* the window's width, not Atrium's old 1024x768 default */
  EXPECT_EQ (server.count ("LAYOUT"), 0u) << server.all ();
  EXPECT_EQ (server.count ("ACTIVATED "), 1u) << server.all ();
  atr_shadow_kill (&demo.process);
  atr_shadow_rm_rf (dir);
}

/* Minimised, the window asks the server to stop sending pictures (Suppress Output), and
 * shown again, to send the whole desktop; atrium-test-rdp-server advertises the PDU with
 * --suppress-output and reports each one. Xvfb has no window manager: xdotool unmaps the
 * window as an X11 window manager does to iconify it (GDK then reports it minimised). */
TEST (SessionWindowHidden, MinimisingSuppressesOutput)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atr-session-hidden-XXXXXX", NULL);
  ClientDisplay display;
  AtrTestRdpServerProcess server;
  Logged demo;
  std::string window;
  guint w = 0, h = 0;

  ASSERT_TRUE (display.start (&error)) << error->message;
  ASSERT_TRUE (server.start (rdp_server_path, { "--colour=2a5c8f", "--suppress-output" }, &error))
    << error->message;
  ASSERT_TRUE (start_demo (demo, dir, display, server, "900x700", "Hidden Desktop", &error))
    << error->message;
  ASSERT_TRUE (demo.wait_for ("first-frame ")) << demo.text () << server.all ();
  ASSERT_TRUE (server.wait_for ("PICTURE ")) << server.all ();
  ASSERT_EQ (sscanf (server.find ("ACTIVATED ").c_str (), "ACTIVATED %ux%u", &w, &h), 2)
    << server.all ();
  atr_shadow_spin_until ([] { return false; }, 500);
  EXPECT_EQ (server.count ("SUPPRESS-OUTPUT"), 0u) << server.all ();
  size_t pictures = server.count ("PICTURE ");

  ASSERT_TRUE (run_tool (display.display (), { "xdotool", "search", "--name", "Hidden Desktop" },
                         &window, &error)) << error->message;
  window = window.substr (0, window.find ('\n'));
  ASSERT_TRUE (run_tool (display.display (), { "xdotool", "windowunmap", "--sync",
                                               window.c_str () }, NULL, &error))
    << error->message;
  ASSERT_TRUE (server.wait_for ("SUPPRESS-OUTPUT ")) << server.all () << demo.text ();
  EXPECT_EQ (server.find ("SUPPRESS-OUTPUT "), "SUPPRESS-OUTPUT allow=0 peer=1") << server.all ();

  ASSERT_TRUE (run_tool (display.display (), { "xdotool", "windowmap", "--sync",
                                               window.c_str () }, NULL, &error))
    << error->message;
  ASSERT_TRUE (atr_shadow_spin_until ([&server] {
    return server.count ("SUPPRESS-OUTPUT ") >= 2; }, 30000)) << server.all ();
  g_autofree char *resume = g_strdup_printf ("SUPPRESS-OUTPUT allow=1 rect=0,0,%u,%u peer=1",
                                             w, h);
  std::string all = server.all ();
  EXPECT_NE (all.find (std::string (resume) + "\n", all.find ("SUPPRESS-OUTPUT allow=0")),
             std::string::npos) << all;
  EXPECT_EQ (server.count ("SUPPRESS-OUTPUT "), 2u) << all;
  /* the server's repaint reaches the screen again */
  ASSERT_TRUE (atr_shadow_spin_until ([&server, pictures] {
    return server.count ("PICTURE ") > pictures; }, 30000)) << server.all ();
  long seen = 0;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline &&
         (seen = count_colour (display.display (), 0x2a5c8f, 0, 0, 1280, 1024)) <
           (long) w * h * 9 / 10)
    atr_shadow_spin_until ([] { return false; }, 200);
  EXPECT_GE (seen, (long) w * h * 9 / 10) << demo.text ();
  atr_shadow_kill (&demo.process);
  atr_shadow_rm_rf (dir);
}

/* Resizing the session window resizes the remote desktop (#12): the view asks through
 * Display Control, and atrium-test-rdp-server, the server here that opens that channel,
 * gets a layout of the view's new size, resizes its desktop and sends a picture of the new
 * size in its next colour, which reaches the client's screen. Xvfb has no window manager:
 * xdotool sizes the window itself. */
TEST (SessionWindowResize, ResizingTheWindowResizesTheRemoteDesktop)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atr-session-resize-XXXXXX", NULL);
  g_autofree char *home = g_build_filename (dir, "home", NULL);
  g_autofree char *trust = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                             "trusted-with-intermediate.pem", NULL);
  ClientDisplay display;
  AtrTestRdpServerProcess server;
  Logged demo;
  std::string window;
  guint w = 0, h = 0;

  ASSERT_TRUE (display.start (&error)) << error->message;
  /* each resize's picture in the next of three colours: the last two always differ */
  ASSERT_TRUE (server.start (rdp_server_path,
                             { "--colour=2a5c8f", "--resize-colour=cc6633,55aa22,aa2299" },
                             &error)) << error->message;
  g_autofree char *target = g_strdup_printf ("localhost:%u", server.port ());
  g_mkdir_with_parents (home, 0700);
  ASSERT_TRUE (spawn_logged (demo, dir, "demo",
                             { { "DISPLAY", display.display () }, { "GDK_BACKEND", "x11" },
                               { "GSK_RENDERER", "cairo" }, { "GTK_A11Y", "none" },
                               { "HOME", home }, { "XDG_CACHE_HOME", home },
                               { "XDG_CONFIG_HOME", home } },
                             { demo_path.c_str (), target, "--address", "127.0.0.1",
                               "--trust", trust, "--window-size", "1200x900",
                               "--title", "Resize Desktop" }, &error)) << error->message;
  ASSERT_TRUE (demo.wait_for ("first-frame ")) << demo.text () << server.all ();
  ASSERT_TRUE (server.wait_for ("DISP caps ")) << server.all ();
  /* the desktop has the view's size from the start (ConnectsAtTheViewsSizeWithNoLayout);
   * wait out the debounces all the same */
  atr_shadow_spin_until ([] { return false; }, 1500);
  size_t layouts = server.count ("LAYOUT ");
  guint32 before = last_picture_colour (server, &w, &h);
  ASSERT_NE (before, G_MAXUINT32) << server.all ();
  EXPECT_GT (count_colour (display.display (), before, 0, 0, 1280, 1024), (long) 100000)
    << server.all ();

  ASSERT_TRUE (run_tool (display.display (), { "xdotool", "search", "--name", "Resize Desktop" },
                         &window, &error)) << error->message;
  window = window.substr (0, window.find ('\n'));
  ASSERT_TRUE (run_tool (display.display (), { "xdotool", "windowsize", "--sync",
                                               window.c_str (), "800", "600" }, NULL, &error))
    << error->message;
  ASSERT_TRUE (atr_shadow_spin_until ([&server, layouts] {
    return server.count ("LAYOUT ") > layouts; }, 30000)) << server.all ();
  /* the view's size: the window's less the header bar, so at most 800 x 600 */
  std::string all = server.all (), layout;
  for (size_t i = 0, n = 0; (i = all.find ("LAYOUT ", i)) != std::string::npos; i++)
    if (++n == layouts + 1)
      layout = all.substr (i, all.find ('\n', i) - i);
  ASSERT_EQ (sscanf (layout.c_str (), "LAYOUT %ux%u", &w, &h), 2) << layout;
  EXPECT_LE (w, 800u);
  EXPECT_GE (w, 700u);
  EXPECT_LT (h, 600u);
  EXPECT_GE (h, 450u);
  g_autofree char *resize = g_strdup_printf ("RESIZE %ux%u ", w, h);
  g_autofree char *picture = g_strdup_printf ("PICTURE %ux%u ", w, h);
  ASSERT_TRUE (server.wait_for (resize)) << server.all ();
  ASSERT_TRUE (server.wait_for (picture)) << server.all ();
  guint pw = 0, ph = 0;
  guint32 after = last_picture_colour (server, &pw, &ph);
  ASSERT_NE (after, before) << server.all ();
  /* the new picture fills the view on the screen, and the old colour is gone */
  long n_after = 0, n_before = 0;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < deadline &&
         ((n_after = count_colour (display.display (), after, 0, 0, 1280, 1024)) <
            (long) w * h * 9 / 10 ||
          (n_before = count_colour (display.display (), before, 0, 0, 1280, 1024)) != 0))
    atr_shadow_spin_until ([] { return false; }, 200);
  EXPECT_GE (n_after, (long) w * h * 9 / 10) << demo.text () << server.all ();
  EXPECT_EQ (n_before, 0);
  atr_shadow_kill (&demo.process);
  atr_shadow_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  ::testing::InitGoogleTest (&argc, argv);
  for (int i = 1; i < argc; i++)
    {
      if (g_str_has_prefix (argv[i], "--demo="))
        demo_path = argv[i] + strlen ("--demo=");
      else if (g_str_has_prefix (argv[i], "--probe="))
        probe_path = argv[i] + strlen ("--probe=");
      else if (g_str_has_prefix (argv[i], "--rdp-server="))
        rdp_server_path = argv[i] + strlen ("--rdp-server=");
    }
  if (demo_path.empty () || probe_path.empty () || rdp_server_path.empty ())
    {
      fprintf (stderr, "usage: test-session-window --demo=PATH --probe=PATH --rdp-server=PATH\n");
      return 2;
    }
  return RUN_ALL_TESTS ();
}
