/* atrium-session-demo.c — the session window, standalone, against one host (tests only)
 *
 *   atrium-session-demo HOST:PORT [--address ADDR] --trust FILE [--user USER
 *                       [--password-stdin]] [--window-size WxH] [--one-to-one]
 *                       [--quit-after-ms N] [--title TITLE] [--no-gfx]
 *
 * HOST is the name certificates are checked against; --address dials another address (a
 * loopback one in tests). Prints machine-readable lines on stdout for tests and benchmarks:
 * "renderer NAME", "state NICK", "first-frame MS" (ms from start to the first frame the
 * session view painted: mapped, allocated and with a picture), then "presentation cairo-nodes"
 * or "presentation textures" (how its tiles were drawn), "view X Y SCALE FB_W FB_H"
 * (where the remote desktop sits on the window's surface, read after that paint; again
 * after each paint at another desktop size), "view-size W H" (the view's own size in device
 * pixels, what the desktop should be), and on
 * SIGTERM or --quit-after-ms "stats frames N tiles M" (frame-updated signals, tile textures
 * built). Like the app, it has app.quit (Ctrl+Q) and app.preferences (Ctrl+,), which print
 * "app.quit" / "app.preferences" when they fire. After every state change it prints
 * "title WINDOW-TITLE | HEADER-TITLE | HEADER-SUBTITLE", "progress CONNECTING-HEADLINE" and
 * "actions ACTION=0|1 ..." (the sensitivity of the header's buttons); "focus WIDGET ACTION"
 * when the keyboard focus moves, "fullscreen 0|1" and "scale fit|1:1".
 *
 * On stderr, once connected and again whenever it changes: which drawing path the session
 * uses, "graphics: rdpgfx caps=0xVERSION codecs=NAME,..." (the codecs the server drew with
 * so far) or "graphics: legacy" (the legacy bitmap updates: --no-gfx, or a server that did
 * not confirm the pipeline within 3 s of connecting).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-demo"

#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include <adwaita.h>
#include <glib-unix.h>

#include "atr-framebuffer-paintable.h"
#include "atr-rdp-session.h"
#include "atr-session-window.h"
#include "atr-trust-store.h"
#include "atr-ui.h"

static gint64 started_us;
static char *host_port;
static char *address;
static char *trust_path;
static char *user;
static gboolean password_stdin;
static char *window_size;
static gboolean one_to_one;
static int quit_after_ms;
static char *title;
static gboolean no_gfx;
static char *password;   /* read from stdin, wiped after use */
static AtrSessionWindow *window;
static gboolean first_frame_seen;
static guint64 frames;   /* frame-updated signals, all sessions */
static char *graphics_line;   /* the "graphics: ..." line last printed */
static gint64 connected_us;   /* when the current session connected, 0: not yet */
static int view_fb_width;     /* the desktop size the last "view" line gave */
static int view_fb_height;

static AtrRdpSession *
make_session (GError **error)
{
  g_autoptr(AtrRdpTarget) parsed = atr_rdp_target_parse (host_port, 3389, error);
  g_autoptr(AtrRdpTarget) target = NULL;
  g_autoptr(AtrTrustStore) trust = NULL;
  AtrRdpSession *session;

  if (parsed == NULL)
    return NULL;
  target = atr_rdp_target_new (atr_rdp_target_get_host (parsed),
                               atr_rdp_target_get_port (parsed));
  atr_rdp_target_add_address (target, address ? address : atr_rdp_target_get_host (parsed),
                              atr_rdp_target_get_port (parsed));
  trust = atr_trust_store_new_from_file (trust_path, error);
  if (trust == NULL)
    return NULL;

  session = atr_rdp_session_new (target);
  atr_rdp_session_set_trust_store (session, trust);
  if (no_gfx)
    atr_rdp_session_set_graphics_pipeline (session, FALSE);
  if (user != NULL)
    atr_rdp_session_set_credentials (session, user, NULL, password);
  return session;
}

static void
print_view (void)
{
  AtrSessionView *view = atr_session_window_get_view (window);
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (view));
  GdkPaintable *paintable = atr_session_view_get_paintable (view);
  AtrViewTransform transform;
  graphene_point_t origin;
  double sx = 0, sy = 0;

  if (!gtk_widget_compute_point (GTK_WIDGET (view), GTK_WIDGET (native),
                                 &GRAPHENE_POINT_INIT (0, 0), &origin))
    return;
  gtk_native_get_surface_transform (native, &sx, &sy);
  atr_view_transform_compute (&transform, atr_session_view_get_scale_mode (view),
                              gtk_widget_get_width (GTK_WIDGET (view)),
                              gtk_widget_get_height (GTK_WIDGET (view)),
                              gdk_paintable_get_intrinsic_width (paintable),
                              gdk_paintable_get_intrinsic_height (paintable));
  printf ("view %.0f %.0f %.4f %d %d\n", origin.x + sx + transform.x,
          origin.y + sy + transform.y, transform.scale, transform.fb_width, transform.fb_height);
  view_fb_width = transform.fb_width;
  view_fb_height = transform.fb_height;
  printf ("view-size %d %d\n",
          gtk_widget_get_width (GTK_WIDGET (view)) * gtk_widget_get_scale_factor (GTK_WIDGET (view)),
          gtk_widget_get_height (GTK_WIDGET (view)) * gtk_widget_get_scale_factor (GTK_WIDGET (view)));
}

/* After the first frame, "view" again once the desktop has another size: a server such as
 * freerdp-shadow-cli3 resizes the desktop to its own screen right after connecting. */
static void
resized_paint_cb (GdkFrameClock *clock,
                  gpointer       data)
{
  GdkPaintable *paintable = atr_session_view_get_paintable (atr_session_window_get_view (window));

  if (gdk_paintable_get_intrinsic_width (paintable) != view_fb_width ||
      gdk_paintable_get_intrinsic_height (paintable) != view_fb_height)
    print_view ();
}

/* The first paint of the view itself: the frame clock also ticks for the "Connecting…"
 * page, where the view is not even allocated. */
static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  AtrSessionView *view = atr_session_window_get_view (window);

  if (!gtk_widget_get_mapped (GTK_WIDGET (view)) || gtk_widget_get_width (GTK_WIDGET (view)) <= 0 ||
      gdk_paintable_get_intrinsic_width (atr_session_view_get_paintable (view)) <= 0)
    return;
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, data);
  printf ("first-frame %" G_GINT64_FORMAT "\n", (g_get_monotonic_time () - started_us) / 1000);
  printf ("presentation %s\n",
          atr_framebuffer_paintable_get_cairo_nodes (
            ATR_FRAMEBUFFER_PAINTABLE (atr_session_view_get_paintable (view)))
          ? "cairo-nodes" : "textures");
  print_view ();
  if (g_signal_handler_find (clock, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, resized_paint_cb, NULL) == 0)
    g_signal_connect (clock, "after-paint", G_CALLBACK (resized_paint_cb), NULL);
}

static void
frame_updated_cb (AtrRdpSession    *session,
                  const AtrRdpRect *rects,
                  guint             n_rects,
                  gpointer          data)
{
  GdkFrameClock *clock;

  frames++;
  if (first_frame_seen)
    return;
  first_frame_seen = TRUE;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  if (clock != NULL)
    g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

/* Depth first: what the window shows, for the test to read. */
static void
describe (GtkWidget *widget,
          GString   *actions,
          GString   *header,
          GString   *progress)
{
  if (GTK_IS_ACTIONABLE (widget) && GTK_IS_BUTTON (widget) &&
      gtk_widget_get_ancestor (widget, ADW_TYPE_HEADER_BAR) != NULL)
    {
      const char *name = gtk_actionable_get_action_name (GTK_ACTIONABLE (widget));

      if (name != NULL)
        g_string_append_printf (actions, " %s=%d", name, gtk_widget_is_sensitive (widget));
    }
  if (ADW_IS_WINDOW_TITLE (widget) && header->len == 0)
    g_string_printf (header, "%s | %s", adw_window_title_get_title (ADW_WINDOW_TITLE (widget)),
                     adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)));
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "title-2"))
    g_string_assign (progress, gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    describe (child, actions, header, progress);
}

static gboolean
print_window_cb (gpointer data)
{
  g_autoptr(GString) actions = g_string_new ("actions");
  g_autoptr(GString) header = g_string_new (NULL);
  g_autoptr(GString) progress = g_string_new (NULL);

  if (window == NULL)
    return G_SOURCE_REMOVE;
  describe (GTK_WIDGET (window), actions, header, progress);
  printf ("title %s | %s\n", gtk_window_get_title (GTK_WINDOW (window)), header->str);
  printf ("progress %s\n", progress->str);
  printf ("%s\n", actions->str);
  return G_SOURCE_REMOVE;
}

/* Prints the session's drawing path on stderr when it changes; polled while connected. */
static gboolean
graphics_cb (gpointer data)
{
  AtrRdpSession *session = data;
  g_autofree char *line = NULL;
  guint32 version = 0;

  if (atr_rdp_session_get_state (session) != ATR_RDP_STATE_CONNECTED)
    return G_SOURCE_REMOVE;
  if (atr_rdp_session_get_graphics_pipeline (session, &version))
    {
      g_auto(GStrv) codecs = atr_rdp_session_dup_graphics_codecs (session);
      g_autofree char *joined = g_strjoinv (",", codecs);

      if (*joined == '\0' && g_get_monotonic_time () - connected_us < 3 * G_USEC_PER_SEC)
        return G_SOURCE_CONTINUE;   /* no surface command yet */
      line = g_strdup_printf ("graphics: rdpgfx caps=0x%08x codecs=%s", version, joined);
    }
  else if (no_gfx || g_get_monotonic_time () - connected_us >= 3 * G_USEC_PER_SEC)
    line = g_strdup ("graphics: legacy");
  if (line != NULL && g_strcmp0 (line, graphics_line) != 0)
    {
      g_printerr ("%s\n", line);
      g_free (graphics_line);
      graphics_line = g_steal_pointer (&line);
    }
  return G_SOURCE_CONTINUE;
}

static void
state_cb (AtrRdpSession *session,
          GParamSpec    *pspec,
          gpointer       data)
{
  GEnumClass *klass = g_type_class_ref (ATR_TYPE_RDP_STATE);
  GEnumValue *value = g_enum_get_value (klass, atr_rdp_session_get_state (session));

  printf ("state %s\n", value ? value->value_nick : "?");
  g_type_class_unref (klass);
  if (atr_rdp_session_get_state (session) == ATR_RDP_STATE_CONNECTED)
    {
      connected_us = g_get_monotonic_time ();
      g_clear_pointer (&graphics_line, g_free);
      g_timeout_add_full (G_PRIORITY_DEFAULT, 100, graphics_cb, g_object_ref (session),
                          g_object_unref);
    }
}

/* Connected after the window's own handler: what the window shows in this state. */
static void
describe_cb (AtrRdpSession *session,
             GParamSpec    *pspec,
             gpointer       data)
{
  print_window_cb (NULL);
}

static void
focus_cb (GtkWindow  *self,
          GParamSpec *pspec,
          gpointer    data)
{
  GtkWidget *focus = gtk_window_get_focus (self);
  const char *action = focus && GTK_IS_ACTIONABLE (focus)
                       ? gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)) : NULL;

  printf ("focus %s %s\n", focus ? G_OBJECT_TYPE_NAME (focus) : "none", action ? action : "-");
}

static void
fullscreen_cb (GtkWindow  *self,
               GParamSpec *pspec,
               gpointer    data)
{
  printf ("fullscreen %d\n", gtk_window_is_fullscreen (self));
}

static void
scale_cb (AtrSessionView *view,
          GParamSpec     *pspec,
          gpointer        data)
{
  printf ("scale %s\n",
          atr_session_view_get_scale_mode (view) == ATR_VIEW_SCALE_FIT ? "fit" : "1:1");
}

static void
app_action_cb (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       app)
{
  printf ("%s\n", g_action_get_name (G_ACTION (action)));
  if (g_strcmp0 (g_action_get_name (G_ACTION (action)), "quit") == 0)
    g_application_quit (G_APPLICATION (app));
}

/* The app's own accelerators, which must not fire while the session has the keyboard. */
static void
startup_cb (GApplication *app,
            gpointer      data)
{
  const GActionEntry entries[] = {
    { "quit", app_action_cb, NULL, NULL, NULL, { 0 } },
    { "preferences", app_action_cb, NULL, NULL, NULL, { 0 } },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
}

static gboolean
attach_session (GError **error)
{
  g_autoptr(AtrRdpSession) session = make_session (error);

  if (session == NULL)
    return FALSE;
  first_frame_seen = FALSE;
  g_signal_connect (session, "frame-updated", G_CALLBACK (frame_updated_cb), NULL);
  g_signal_connect (session, "notify::state", G_CALLBACK (state_cb), NULL);
  atr_session_window_set_session (window, session);
  g_signal_connect (session, "notify::state", G_CALLBACK (describe_cb), NULL);
  print_window_cb (NULL);
  return TRUE;
}

static void
reconnect_cb (AtrSessionWindow *self,
              gpointer          data)
{
  g_autoptr(GError) error = NULL;

  if (!attach_session (&error))
    g_printerr ("atrium-session-demo: %s\n", error->message);
}

static void
realize_cb (GtkWidget *widget,
            gpointer   data)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));

  printf ("renderer %s\n", renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");
}

static gboolean
quit_cb (gpointer data)
{
  if (window != NULL)
    {
      GdkPaintable *paintable = atr_session_view_get_paintable (atr_session_window_get_view (window));

      printf ("stats frames %" G_GUINT64_FORMAT " tiles %" G_GUINT64_FORMAT "\n", frames,
              atr_framebuffer_paintable_get_tiles_built (ATR_FRAMEBUFFER_PAINTABLE (paintable)));
      gtk_window_close (GTK_WINDOW (window));
    }
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;
  int w = 0, h = 0;

  window = atr_session_window_new (GTK_APPLICATION (app), NULL);
  if (title != NULL)
    gtk_window_set_title (GTK_WINDOW (window), title);   /* as the launcher does */
  g_signal_connect (window, "notify::focus-widget", G_CALLBACK (focus_cb), NULL);
  g_signal_connect (window, "notify::fullscreened", G_CALLBACK (fullscreen_cb), NULL);
  g_signal_connect (atr_session_window_get_view (window), "notify::scale-to-fit",
                    G_CALLBACK (scale_cb), NULL);
  atr_session_window_set_can_reconnect (window, TRUE);
  g_signal_connect (window, "reconnect-requested", G_CALLBACK (reconnect_cb), NULL);
  g_signal_connect_after (window, "realize", G_CALLBACK (realize_cb), NULL);
  if (window_size != NULL && sscanf (window_size, "%dx%d", &w, &h) == 2 && w > 0 && h > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), w, h);
  if (one_to_one)
    atr_session_view_set_scale_mode (atr_session_window_get_view (window),
                                     ATR_VIEW_SCALE_ONE_TO_ONE);
  if (!attach_session (&error))
    {
      g_printerr ("atrium-session-demo: %s\n", error->message);
      g_application_quit (app);
      return;
    }
  if (password != NULL)
    {
      explicit_bzero (password, strlen (password));
      g_clear_pointer (&password, g_free);
    }
  gtk_window_present (GTK_WINDOW (window));
  if (quit_after_ms > 0)
    g_timeout_add (quit_after_ms, quit_cb, NULL);
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, "Dial this address instead", "ADDR" },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, &trust_path, "Trusted certificates (PEM)", "FILE" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "User name", "USER" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, "Read the password from stdin", NULL },
    { "window-size", 0, 0, G_OPTION_ARG_STRING, &window_size, "Default window size", "WxH" },
    { "one-to-one", 0, 0, G_OPTION_ARG_NONE, &one_to_one, "Draw 1:1 instead of scale-to-fit", NULL },
    { "quit-after-ms", 0, 0, G_OPTION_ARG_INT, &quit_after_ms, "Close the window after N ms", "N" },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, "The window title (the resource's name)", "TITLE" },
    { "no-gfx", 0, 0, G_OPTION_ARG_NONE, &no_gfx, "Do not offer the graphics pipeline (legacy bitmap updates only)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("HOST:PORT");
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autofree char *absolute = NULL;
  int status;

  started_us = g_get_monotonic_time ();
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("atrium-session-demo: %s\n", error->message);
      return 2;
    }
  if (argc != 2 || trust_path == NULL)
    {
      g_printerr ("usage: atrium-session-demo HOST:PORT --trust FILE [options]\n");
      return 2;
    }
  host_port = argv[1];
  absolute = g_canonicalize_filename (trust_path, NULL);
  g_free (trust_path);
  trust_path = g_steal_pointer (&absolute);

  if (password_stdin)
    {
      char line[512] = "";
      if (fgets (line, sizeof line, stdin) != NULL)
        {
          line[strcspn (line, "\r\n")] = '\0';
          password = g_strdup (line);
        }
      explicit_bzero (line, sizeof line);
    }

  atr_ui_init ();
  g_unix_signal_add (SIGTERM, quit_cb, NULL);   /* benchmarks end us this way: print stats */
  app = adw_application_new ("org.atrium.SessionDemo", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "startup", G_CALLBACK (startup_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  status = g_application_run (G_APPLICATION (app), 1, argv);
  printf ("exit\n");
  return status;
}
