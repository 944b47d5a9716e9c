/* atr-test-rdp-server-fixture.h — runs atrium-test-rdp-server for a test and reads its lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AtrTestRdpServerProcess starts the program (its path comes from the test's command line,
 * `--rdp-server=PATH`, see tests/meson.build) with the `good` certificate of
 * $ATR_TEST_CERTS and the options a test gives, waits for `READY port=N`, and keeps every
 * line the server prints on stdout (read on the default main context, so spinning it with
 * atr_shadow_spin_until() collects them). Only the process it started is killed.
 */
#pragma once

#include <string>
#include <vector>

#include <gio/gio.h>

#include "atr-shadow-fixture.h"

class AtrTestRdpServerProcess
{
public:
  AtrTestRdpServerProcess () = default;
  AtrTestRdpServerProcess (const AtrTestRdpServerProcess &) = delete;
  AtrTestRdpServerProcess &operator= (const AtrTestRdpServerProcess &) = delete;
  ~AtrTestRdpServerProcess ()
  {
    g_cancellable_cancel (cancel_);
    atr_shadow_kill (&process_);
    /* let the cancelled read finish before the object goes */
    atr_shadow_spin_until ([this] { return !reading_; }, 5000);
    g_clear_object (&input_);
    g_clear_object (&cancel_);
  }

  bool
  start (const std::string &program, const std::vector<std::string> &options, GError **error)
  {
    const char *certs = g_getenv ("ATR_TEST_CERTS");
    g_autoptr(GSubprocessLauncher) launcher = NULL;
    std::vector<std::string> args = { program };
    std::vector<const char *> argv;

    if (certs == NULL)
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "ATR_TEST_CERTS is not set");
        return false;
      }
    args.push_back (std::string ("--cert=") + certs + "/good.crt");
    args.push_back (std::string ("--key=") + certs + "/good.key");
    args.insert (args.end (), options.begin (), options.end ());
    for (const std::string &a : args)
      argv.push_back (a.c_str ());
    argv.push_back (NULL);

    /* FreeRDP's log goes to stderr: the test's own, so a failing run shows it */
    launcher = atr_shadow_launcher (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    process_ = g_subprocess_launcher_spawnv (launcher, argv.data (), error);
    if (process_ == NULL)
      return false;
    cancel_ = g_cancellable_new ();
    input_ = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process_));
    read_next ();
    if (!wait_for ("READY port=", 20000))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                     "atrium-test-rdp-server did not become ready; it said:\n%s",
                     all ().c_str ());
        return false;
      }
    port_ = (guint16) g_ascii_strtoull (find ("READY port=").c_str () + strlen ("READY port="),
                                        NULL, 10);
    return port_ != 0;
  }

  guint16 port () const { return port_; }
  bool running () const { return process_ != NULL && g_subprocess_get_identifier (process_); }

  /* The first line starting with @prefix, or "" */
  std::string
  find (const std::string &prefix) const
  {
    for (const std::string &line : lines_)
      if (line.compare (0, prefix.size (), prefix) == 0)
        return line;
    return "";
  }

  size_t
  count (const std::string &prefix) const
  {
    size_t n = 0;
    for (const std::string &line : lines_)
      if (line.compare (0, prefix.size (), prefix) == 0)
        n++;
    return n;
  }

  bool
  wait_for (const std::string &prefix, int timeout_ms = 30000)
  {
    return atr_shadow_spin_until ([this, &prefix] { return !find (prefix).empty (); },
                                  timeout_ms);
  }

  /* Everything the server printed, for failure messages */
  std::string
  all () const
  {
    std::string text;
    for (const std::string &line : lines_)
      text += line + "\n";
    return text;
  }

private:
  void
  read_next ()
  {
    reading_ = true;
    g_data_input_stream_read_line_async (input_, G_PRIORITY_DEFAULT, cancel_,
                                         [] (GObject *source, GAsyncResult *result,
                                             gpointer data) {
      AtrTestRdpServerProcess *self = (AtrTestRdpServerProcess *) data;
      g_autofree char *line = g_data_input_stream_read_line_finish (
          G_DATA_INPUT_STREAM (source), result, NULL, NULL);

      self->reading_ = false;
      if (line == NULL)
        return;   /* end of output, or cancelled */
      self->lines_.emplace_back (line);
      self->read_next ();
    }, this);
  }

  GSubprocess *process_ = NULL;
  GDataInputStream *input_ = NULL;
  GCancellable *cancel_ = NULL;
  std::vector<std::string> lines_;
  bool reading_ = false;
  guint16 port_ = 0;
};
