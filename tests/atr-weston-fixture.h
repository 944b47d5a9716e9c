/* atr-weston-fixture.h — a second real RDP server for tests: Weston's RDP backend
 *
 * AtrWestonServer runs `weston --backend=rdp` (Weston 14, built on FreeRDP 3) on 127.0.0.1
 * with a certificate profile of the test PKI, headless: its Wayland socket, its runtime
 * folder, HOME and weston.ini live in a temporary folder of their own, and no DISPLAY or
 * WAYLAND_DISPLAY of the caller reaches it. The weston.ini it writes gives the desktop
 * shell's background one known colour (kWestonColour), no panel, no lock screen, no
 * animations and no on-screen keyboard, so the whole desktop is that colour.
 *
 * What Weston 14's RDP backend is (read from its source, libweston/backend-rdp/, and seen
 * here): TLS or RDP security only (NLA is forced off; NLA came to Weston after 14), the
 * desktop takes the size the client announces when it connects (unless --no-resizeable,
 * then the client is resized to Weston's), no Display Control channel, the cliprdr static
 * channel bound to the seat's selection, and the pointer hidden on the client (SYSPTR_NULL:
 * Weston draws the cursor into the picture itself).
 *
 * Wayland clients of that Weston (wl-copy, wl-paste) run through run_client(), with the
 * server's XDG_RUNTIME_DIR and WAYLAND_DISPLAY. Readiness is the listening port in
 * /proc/net/tcp and the Wayland socket, so no probe connection reaches the server. Teardown
 * stops only the processes these objects started (by their GSubprocess): Weston gets
 * SIGTERM, so that it ends its own clients (weston-desktop-shell), then SIGKILL if it is
 * still there after 10 s.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string>
#include <vector>

#include "atr-shadow-fixture.h"

static constexpr guint32 kWestonColour = 0x4a7a2c;   /* RGB of Weston's desktop background */
static constexpr const char *kWestonSocket = "wayland-atr";

/* Whether Weston (with its RDP backend) can be run here; else why not, in @why. */
static inline bool
atr_weston_available (std::string *why)
{
  g_autofree char *weston = g_find_program_in_path ("weston");
  g_autofree char *out = NULL;
  const char *argv[] = { "weston", "--help", NULL };

  if (weston == NULL)
    {
      *why = "weston is not installed (scripts/install-deps.sh installs Weston 14)";
      return false;
    }
  /* `weston --help` lists the backends it was built with, and the RDP backend's options */
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     NULL, NULL) ||
      out == NULL || strstr (out, "--rdp-tls-cert") == NULL)
    {
      *why = std::string (weston) + " has no RDP backend";
      return false;
    }
  return true;
}

/* The major version `weston --version` prints ("weston 14.0.2"), 0 when unknown. */
static inline guint
atr_weston_major_version (void)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "weston", "--version", NULL };

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     NULL, NULL) ||
      out == NULL || !g_str_has_prefix (out, "weston "))
    return 0;
  return (guint) g_ascii_strtoull (out + strlen ("weston "), NULL, 10);
}

/* A finished Wayland client run (see AtrWestonServer::run_client). */
struct AtrWestonClientRun
{
  bool exited = false;   /* FALSE: killed at the timeout */
  int status = -1;       /* exit status when exited */
  std::string out;       /* its stdout */
  std::string err;       /* its stderr */
};

class AtrWestonServer
{
public:
  AtrWestonServer () = default;
  AtrWestonServer (const AtrWestonServer &) = delete;
  AtrWestonServer &operator= (const AtrWestonServer &) = delete;
  ~AtrWestonServer ()
  {
    stop ();
    if (dir_ != NULL && g_getenv ("ATR_WESTON_KEEP") == NULL)
      atr_shadow_rm_rf (dir_);
    g_free (dir_);
  }

  /* Starts Weston with the certificate profile @cert of $ATR_TEST_CERTS ("good", …) and a
   * @width x @height desktop (what it has until a client announces its own size). With
   * @resizeable FALSE (--no-resizeable) clients get Weston's size instead. */
  bool
  start (const char *cert, guint width, guint height, GError **error, bool resizeable = true)
  {
    const char *certs = g_getenv ("ATR_TEST_CERTS");
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
    g_autofree char *ini = NULL;
    g_autofree char *ini_text = NULL;
    g_autofree char *home = NULL;
    g_autofree char *socket = NULL;
    gint64 deadline;

    stop ();
    if (certs == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "ATR_TEST_CERTS is not set");
        return false;
      }
    if (atr_weston_major_version () < 14)
      {
        /* bookworm's own Weston 10 is built on FreeRDP 2 and behaves otherwise */
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                     "these tests need Weston 14 or newer (Debian 12: bookworm-backports, as "
                     "scripts/install-deps.sh installs it); `weston --version` says %u",
                     atr_weston_major_version ());
        return false;
      }
    if (dir_ == NULL && (dir_ = g_dir_make_tmp ("atr-weston-XXXXXX", error)) == NULL)
      return false;

    generation_++;
    runtime_ = std::string (dir_) + "/runtime-" + std::to_string (generation_);
    log_ = std::string (dir_) + "/weston-" + std::to_string (generation_) + ".log";
    home = g_build_filename (dir_, "home", NULL);
    ini = g_build_filename (dir_, "weston.ini", NULL);
    if (g_mkdir_with_parents (runtime_.c_str (), 0700) != 0 ||
        g_mkdir_with_parents (home, 0700) != 0)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot make folders in %s", dir_);
        return false;
      }
    ini_text = g_strdup_printf ("[core]\nidle-time=0\n"
                                "[shell]\nbackground-color=0xff%06x\npanel-position=none\n"
                                "locking=false\nanimation=none\nclose-animation=none\n"
                                "startup-animation=none\nfocus-animation=none\n"
                                "[input-method]\npath=\n",
                                kWestonColour);
    if (!g_file_set_contents (ini, ini_text, -1, error))
      return false;

    port_ = atr_shadow_free_port ();
    g_ptr_array_add (argv, g_strdup ("weston"));
    g_ptr_array_add (argv, g_strdup ("--backend=rdp"));
    g_ptr_array_add (argv, g_strdup ("--shell=desktop"));
    g_ptr_array_add (argv, g_strdup_printf ("--config=%s", ini));
    g_ptr_array_add (argv, g_strdup_printf ("--socket=%s", kWestonSocket));
    g_ptr_array_add (argv, g_strdup_printf ("--log=%s", log_.c_str ()));
    /* the RDP backend's own debug lines (monitor layouts, clipboard) go to the log too */
    g_ptr_array_add (argv, g_strdup ("--logger-scopes=log,rdp-backend,rdp-backend-clipboard"));
    g_ptr_array_add (argv, g_strdup ("--address=127.0.0.1"));
    g_ptr_array_add (argv, g_strdup_printf ("--port=%u", port_));
    g_ptr_array_add (argv, g_strdup_printf ("--width=%u", width));
    g_ptr_array_add (argv, g_strdup_printf ("--height=%u", height));
    g_ptr_array_add (argv, g_strdup_printf ("--rdp-tls-cert=%s/%s.crt", certs, cert));
    g_ptr_array_add (argv, g_strdup_printf ("--rdp-tls-key=%s/%s.key", certs, cert));
    if (!resizeable)
      g_ptr_array_add (argv, g_strdup ("--no-resizeable"));
    g_ptr_array_add (argv, NULL);

    /* FreeRDP's own messages (wLog) go to stderr, not to Weston's log */
    launcher = atr_shadow_launcher (G_SUBPROCESS_FLAGS_STDERR_MERGE);
    g_subprocess_launcher_set_stdout_file_path (launcher, (log_ + ".stderr").c_str ());
    set_client_env (launcher);
    g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
    g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
    server_ = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
    if (server_ == NULL)
      return false;

    socket = g_build_filename (runtime_.c_str (), kWestonSocket, NULL);
    deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while (!atr_shadow_port_listening (port_) || !g_file_test (socket, G_FILE_TEST_EXISTS))
      {
        if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (server_) == NULL)
          {
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                         "weston did not listen on port %u (log: %s)", port_, log_.c_str ());
            return false;
          }
        g_usleep (10 * 1000);
      }
    return true;
  }

  void
  stop ()
  {
    for (GSubprocess *client : clients_)
      {
        g_subprocess_force_exit (client);
        g_subprocess_wait (client, NULL, NULL);
        g_object_unref (client);
      }
    clients_.clear ();
    if (server_ == NULL)
      return;
    /* SIGTERM: Weston ends its own clients and removes its socket */
    g_subprocess_send_signal (server_, SIGTERM);
    gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (g_subprocess_get_identifier (server_) != NULL && g_get_monotonic_time () < deadline)
      g_usleep (10 * 1000);   /* GLib reaps it on its worker thread */
    atr_shadow_kill (&server_);
  }

  bool running () const { return server_ != NULL && g_subprocess_get_identifier (server_); }
  guint16 port () const { return port_; }
  const std::string &log_path () const { return log_; }

  /* What Weston logged so far (its log, then FreeRDP's lines from its stderr). */
  std::string
  log () const
  {
    g_autofree char *text = NULL;
    g_autofree char *freerdp = NULL;
    std::string all;

    if (g_file_get_contents (log_.c_str (), &text, NULL, NULL))
      all += text;
    if (g_file_get_contents ((log_ + ".stderr").c_str (), &freerdp, NULL, NULL))
      all += std::string ("--- stderr ---\n") + freerdp;
    return all;
  }

  /* Runs a Wayland client of this Weston (e.g. wl-paste) to its end, or kills it after
   * @timeout_ms; @input goes to its stdin. Spins the default main context meanwhile, so the
   * session's signals keep arriving. */
  AtrWestonClientRun
  run_client (const std::vector<std::string> &args, const char *input = NULL,
              int timeout_ms = 20000)
  {
    AtrWestonClientRun result;
    g_autoptr(GSubprocess) client = spawn_client (args, true, &result.err);
    /* stdin is a pipe: closed at once when there is no @input */
    g_autoptr(GBytes) in = g_bytes_new (input != NULL ? input : "",
                                        input != NULL ? strlen (input) : 0);
    GBytes *out = NULL;
    GBytes *err = NULL;
    bool finished = false;
    GError *error = NULL;

    if (client == NULL)
      return result;
    struct Done { bool *finished; GBytes **out, **err; GError **error; } done
      = { &finished, &out, &err, &error };
    g_subprocess_communicate_async (client, in, NULL, [] (GObject *source, GAsyncResult *res,
                                                          gpointer data) {
      Done *d = (Done *) data;
      g_subprocess_communicate_finish (G_SUBPROCESS (source), res, d->out, d->err, d->error);
      *d->finished = true;
    }, &done);
    if (!atr_shadow_spin_until ([&finished] { return finished; }, timeout_ms))
      {
        g_subprocess_force_exit (client);
        atr_shadow_spin_until ([&finished] { return finished; }, 5000);
      }
    else if (g_subprocess_get_if_exited (client))
      {
        result.exited = true;
        result.status = g_subprocess_get_exit_status (client);
      }
    if (out != NULL)
      result.out.assign ((const char *) g_bytes_get_data (out, NULL), g_bytes_get_size (out));
    if (err != NULL)
      result.err.assign ((const char *) g_bytes_get_data (err, NULL), g_bytes_get_size (err));
    g_clear_pointer (&out, g_bytes_unref);
    g_clear_pointer (&err, g_bytes_unref);
    g_clear_error (&error);
    return result;
  }

  /* Starts a Wayland client of this Weston that keeps running (e.g. `wl-copy --foreground`,
   * which serves the selection for as long as it runs); stopped with the server. Its stdout
   * and stderr go to @name.log in the server's folder. */
  bool
  start_client (const std::vector<std::string> &args, GError **error)
  {
    std::string why;
    GSubprocess *client = spawn_client (args, false, &why);

    if (client == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", why.c_str ());
        return false;
      }
    clients_.push_back (client);
    return true;
  }

private:
  void
  set_client_env (GSubprocessLauncher *launcher) const
  {
    g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
    g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
    g_subprocess_launcher_unsetenv (launcher, "WAYLAND_SOCKET");
    g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_.c_str (), TRUE);
  }

  GSubprocess *
  spawn_client (const std::vector<std::string> &args, bool pipes, std::string *why)
  {
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    g_autoptr(GError) error = NULL;
    std::vector<const char *> argv;
    GSubprocess *client;

    if (server_ == NULL)
      {
        *why = "weston is not running";
        return NULL;
      }
    for (const std::string &a : args)
      argv.push_back (a.c_str ());
    argv.push_back (NULL);
    if (pipes)
      launcher = atr_shadow_launcher ((GSubprocessFlags) (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                          G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                          G_SUBPROCESS_FLAGS_STDERR_PIPE));
    else
      {
        g_autofree char *name = g_path_get_basename (args[0].c_str ());
        std::string path = std::string (dir_) + "/" + name + "-" +
                           std::to_string (clients_.size ()) + ".log";
        launcher = atr_shadow_launcher (G_SUBPROCESS_FLAGS_STDERR_MERGE);   /* stdin: null */
        g_subprocess_launcher_set_stdout_file_path (launcher, path.c_str ());
      }
    set_client_env (launcher);
    g_subprocess_launcher_setenv (launcher, "WAYLAND_DISPLAY", kWestonSocket, TRUE);
    client = g_subprocess_launcher_spawnv (launcher, argv.data (), &error);
    if (client == NULL)
      *why = error->message;
    return client;
  }

  GSubprocess *server_ = NULL;
  std::vector<GSubprocess *> clients_;
  char *dir_ = NULL;
  std::string runtime_;
  std::string log_;
  guint16 port_ = 0;
  guint generation_ = 0;
};
