/* atr-shadow-fixture.h — a real RDP server for tests: freerdp-shadow-cli3 on its own Xvfb
 *
 * AtrShadowDisplay starts `Xvfb -displayfd` (depth 24, as the shadow server needs) and covers
 * the screen with a window of one known colour (xlogo with fg = bg = kShadowColour).
 * AtrShadowServer runs `freerdp-shadow-cli3 /bind-address:127.0.0.1 /port:N` on that display
 * with a certificate profile of the test PKI (copied to $XDG_CONFIG_HOME/freerdp/shadow/,
 * the only place the shadow server reads it from) and, for NLA, a SAM file from winpr-hash3.
 * Readiness is read from /proc/net/tcp, so no probe connection ever reaches the server.
 * Teardown kills only the processes these objects started (by their GSubprocess).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <functional>
#include <string>

#include <gio/gio.h>
#include <glib/gstdio.h>

static constexpr guint32 kShadowColour = 0x336699;   /* RGB of the shadowed screen */
static constexpr const char *kShadowUser = "tester";
static constexpr const char *kShadowPassword = "secret";

/* A loopback port that nothing listens on (right now). */
static inline guint16
atr_shadow_free_port (void)
{
  struct sockaddr_in sa = {};
  socklen_t len = sizeof sa;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  guint16 port = 0;

  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  if (fd >= 0 && bind (fd, (struct sockaddr *) &sa, sizeof sa) == 0 &&
      getsockname (fd, (struct sockaddr *) &sa, &len) == 0)
    port = ntohs (sa.sin_port);
  if (fd >= 0)
    close (fd);
  return port;
}

/* TRUE once something LISTENs on 127.0.0.1:port (read from /proc/net/tcp). */
static inline bool
atr_shadow_port_listening (guint16 port)
{
  g_autofree char *text = NULL;
  g_autofree char *needle = g_strdup_printf ("0100007F:%04X 00000000:0000 0A", port);

  if (!g_file_get_contents ("/proc/net/tcp", &text, NULL, NULL))
    return false;
  return strstr (text, needle) != NULL;
}

/* Children die with the test process even when it is killed by a timeout. */
static inline void
atr_shadow_child_setup (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static inline GSubprocessLauncher *
atr_shadow_launcher (GSubprocessFlags flags)
{
  GSubprocessLauncher *launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_set_child_setup (launcher, atr_shadow_child_setup, NULL, NULL);
  return launcher;
}

static inline void
atr_shadow_rm_rf (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            atr_shadow_rm_rf (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

/* Runs the default main context until @done or @timeout_ms (tests only: product code never
 * spins); a 20 ms tick keeps it waking up to look at @done. */
static inline bool
atr_shadow_spin_until (const std::function<bool ()> &done, int timeout_ms = 20000)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint tick = g_timeout_add (20, [] (gpointer) -> gboolean { return G_SOURCE_CONTINUE; }, NULL);

  while (!done () && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  return done ();
}

/* A private HOME for a test program, so that FreeRDP and GLib never write into the real one:
 * HOME and XDG_CACHE_HOME point into a new temporary folder (XDG_CONFIG_HOME unset, so it
 * follows HOME), removed with everything in it when the object goes. */
class AtrShadowHome
{
public:
  explicit AtrShadowHome (const char *tmpl)
  {
    path_ = g_dir_make_tmp (tmpl, NULL);
    g_autofree char *cache = g_build_filename (path_, ".cache", NULL);
    g_setenv ("HOME", path_, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    g_unsetenv ("XDG_CONFIG_HOME");
  }
  AtrShadowHome (const AtrShadowHome &) = delete;
  AtrShadowHome &operator= (const AtrShadowHome &) = delete;
  ~AtrShadowHome ();

  const char *path () const { return path_; }

private:
  char *path_ = NULL;
};

static inline void
atr_shadow_kill (GSubprocess **process)
{
  if (*process == NULL)
    return;
  g_subprocess_force_exit (*process);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

inline AtrShadowHome::~AtrShadowHome ()
{
  atr_shadow_rm_rf (path_);
  g_free (path_);
}

/* Starts `Xvfb -displayfd` with one screen of @screen (WxHxD) and no reset, and waits (10 s at
 * most) for the display number it picked. Returns: (transfer full): the Xvfb, or NULL. */
static inline GSubprocess *
atr_shadow_spawn_xvfb (const char *screen, std::string *display, GError **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  GSubprocess *xvfb;
  int fds[2];
  char buffer[32] = "";
  gsize used = 0;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  if (pipe (fds) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "pipe() failed");
      return NULL;
    }
  launcher = atr_shadow_launcher ((GSubprocessFlags) (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                      G_SUBPROCESS_FLAGS_STDERR_SILENCE));
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  xvfb = g_subprocess_launcher_spawn (launcher, error, "Xvfb", "-displayfd", "3", "-screen",
                                      "0", screen, "-nolisten", "tcp", "-noreset", NULL);
  g_clear_object (&launcher);   /* closes our copy of the write end */
  if (xvfb == NULL)
    {
      close (fds[0]);
      return NULL;
    }
  while (used < sizeof buffer - 1 && strchr (buffer, '\n') == NULL)
    {
      struct pollfd pfd = { fds[0], POLLIN, 0 };
      int left_ms = (int) ((deadline - g_get_monotonic_time ()) / 1000);
      ssize_t n;

      if (left_ms <= 0 || poll (&pfd, 1, left_ms) <= 0)
        break;
      n = read (fds[0], buffer + used, sizeof buffer - 1 - used);
      if (n <= 0)
        break;
      used += (gsize) n;
      buffer[used] = '\0';
    }
  close (fds[0]);
  if (strchr (buffer, '\n') == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Xvfb did not report a display");
      atr_shadow_kill (&xvfb);
      return NULL;
    }
  *display = std::string (":") + g_strstrip (buffer);
  return xvfb;
}

/* A client's own X server, 1280x1024, nothing else on it. */
class AtrClientDisplay
{
public:
  AtrClientDisplay () = default;
  AtrClientDisplay (const AtrClientDisplay &) = delete;
  AtrClientDisplay &operator= (const AtrClientDisplay &) = delete;
  ~AtrClientDisplay () { atr_shadow_kill (&xvfb_); }

  bool
  start (GError **error)
  {
    xvfb_ = atr_shadow_spawn_xvfb ("1280x1024x24", &display_, error);
    return xvfb_ != NULL;
  }

  const char *display () const { return display_.c_str (); }

private:
  GSubprocess *xvfb_ = NULL;
  std::string display_;
};

class AtrShadowDisplay
{
public:
  AtrShadowDisplay () = default;
  AtrShadowDisplay (const AtrShadowDisplay &) = delete;
  AtrShadowDisplay &operator= (const AtrShadowDisplay &) = delete;
  ~AtrShadowDisplay () { stop (); }

  /* @colour: the RGB the screen is covered with (kShadowColour unless a test needs to tell
   * two servers apart) */
  bool
  start (GError **error, guint32 colour_rgb = kShadowColour)
  {
    g_autoptr(GSubprocessLauncher) launcher = NULL;

    xvfb_ = atr_shadow_spawn_xvfb ("1024x768x24", &display_, error);
    if (xvfb_ == NULL)
      return false;

    g_autofree char *colour = g_strdup_printf ("#%06x", colour_rgb);
    launcher = atr_shadow_launcher ((GSubprocessFlags) (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE));
    xlogo_ = g_subprocess_launcher_spawn (launcher, error, "xlogo", "-display", display_.c_str (),
                                          "-geometry", "1024x768+0+0", "-bg", colour,
                                          "-fg", colour, NULL);
    return xlogo_ != NULL;
  }

  void
  stop ()
  {
    atr_shadow_kill (&xlogo_);
    atr_shadow_kill (&xvfb_);
  }

  const char *display () const { return display_.c_str (); }

private:
  GSubprocess *xvfb_ = NULL;
  GSubprocess *xlogo_ = NULL;
  std::string display_;
};

class AtrShadowServer
{
public:
  AtrShadowServer () = default;
  AtrShadowServer (const AtrShadowServer &) = delete;
  AtrShadowServer &operator= (const AtrShadowServer &) = delete;
  ~AtrShadowServer ()
  {
    stop ();
    if (dir_ != NULL)
      {
        atr_shadow_rm_rf (dir_);
        g_free (dir_);
      }
  }

  /* Starts the server with the certificate profile @cert of $ATR_TEST_CERTS ("good",
   * "expired", …); with @nla, NLA only, for kShadowUser/kShadowPassword. @port 0 picks a
   * free one; restart() reuses the last one (a server that went away and came back).
   * @extra_arg: more switches for a server without NLA, separated by spaces. */
  bool
  start (const AtrShadowDisplay &display,
         const char             *cert,
         bool                    nla,
         GError                **error,
         guint16                 port = 0,
         const char             *extra_arg = NULL)
  {
    const char *certs = g_getenv ("ATR_TEST_CERTS");
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    g_autofree char *shadow_dir = NULL;
    g_autofree char *xdg = NULL;
    g_autofree char *home = NULL;
    g_autofree char *log = NULL;
    g_autofree char *port_arg = NULL;
    g_autofree char *sam_arg = NULL;
    gint64 deadline;

    stop ();
    if (certs == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "ATR_TEST_CERTS is not set");
        return false;
      }
    if (dir_ == NULL && (dir_ = g_dir_make_tmp ("atr-shadow-XXXXXX", error)) == NULL)
      return false;

    generation_++;
    xdg = g_strdup_printf ("%s/xdg-%u", dir_, generation_);
    home = g_build_filename (dir_, "home", NULL);
    shadow_dir = g_build_filename (xdg, "freerdp", "shadow", NULL);
    g_mkdir_with_parents (shadow_dir, 0700);
    g_mkdir_with_parents (home, 0700);
    if (!copy_file (certs, cert, ".crt", shadow_dir, "shadow.crt", error) ||
        !copy_file (certs, cert, ".key", shadow_dir, "shadow.key", error))
      return false;

    if (nla && !write_sam (error))
      return false;

    port_ = port != 0 ? port : atr_shadow_free_port ();
    port_arg = g_strdup_printf ("/port:%u", port_);
    log = g_strdup_printf ("%s/shadow-%u.log", dir_, generation_);
    launcher = atr_shadow_launcher (G_SUBPROCESS_FLAGS_STDERR_MERGE);
    g_subprocess_launcher_set_stdout_file_path (launcher, log);
    g_subprocess_launcher_setenv (launcher, "DISPLAY", display.display (), TRUE);
    g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", xdg, TRUE);
    g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
    if (nla)
      {
        sam_arg = g_strdup_printf ("/sam-file:%s/sam.txt", dir_);
        server_ = g_subprocess_launcher_spawn (launcher, error, "freerdp-shadow-cli3",
                                               "/bind-address:127.0.0.1", port_arg, "+auth",
                                               "/sec:nla", sam_arg, NULL);
      }
    else
      {
        /* @extra_arg may hold several switches separated by spaces. */
        g_autoptr(GPtrArray) argv = g_ptr_array_new ();
        g_auto(GStrv) extra = g_strsplit (extra_arg != NULL ? extra_arg : "", " ", -1);

        g_ptr_array_add (argv, (gpointer) "freerdp-shadow-cli3");
        g_ptr_array_add (argv, (gpointer) "/bind-address:127.0.0.1");
        g_ptr_array_add (argv, port_arg);
        g_ptr_array_add (argv, (gpointer) "-auth");
        for (char **e = extra; *e != NULL; e++)
          if (**e != '\0')
            g_ptr_array_add (argv, *e);
        g_ptr_array_add (argv, NULL);
        server_ = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata,
                                                error);
      }
    if (server_ == NULL)
      return false;

    deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (!atr_shadow_port_listening (port_))
      {
        if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (server_) == NULL)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "freerdp-shadow-cli3 did not listen on port %u (log: %s)", port_, log);
            return false;
          }
        g_usleep (10 * 1000);
      }
    return true;
  }

  void stop () { atr_shadow_kill (&server_); }

  bool running () const { return server_ != NULL; }

  guint16 port () const { return port_; }

private:
  static bool
  copy_file (const char *dir, const char *profile, const char *ext, const char *to_dir,
             const char *to_name, GError **error)
  {
    g_autofree char *name = g_strconcat (profile, ext, NULL);
    g_autofree char *from = g_build_filename (dir, name, NULL);
    g_autofree char *to = g_build_filename (to_dir, to_name, NULL);
    g_autofree char *data = NULL;
    gsize len = 0;

    return g_file_get_contents (from, &data, &len, error) &&
           g_file_set_contents_full (to, data, (gssize) len, G_FILE_SET_CONTENTS_NONE, 0600,
                                     error);
  }

  bool
  write_sam (GError **error)
  {
    g_autofree char *out = NULL;
    g_autofree char *path = g_build_filename (dir_, "sam.txt", NULL);
    int status = 0;
    const char *argv[] = { "winpr-hash3", "-u", kShadowUser, "-p", kShadowPassword, "-f", "sam",
                           NULL };

    if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                       &status, error))
      return false;
    if (!g_spawn_check_wait_status (status, error))
      return false;
    return g_file_set_contents_full (path, out, -1, G_FILE_SET_CONTENTS_NONE, 0600, error);
  }

  GSubprocess *server_ = NULL;
  char *dir_ = NULL;
  guint16 port_ = 0;
  guint generation_ = 0;
};
