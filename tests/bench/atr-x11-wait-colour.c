/* atr-x11-wait-colour.c — time until a screen pixel turns a colour (benchmarks)
 *
 *   atr-x11-wait-colour RRGGBB X Y TIMEOUT_MS [-- COMMAND ARGS...]
 *
 * Polls the pixel (X, Y) of $DISPLAY's root window every 2 ms; a pixel within 8 of RRGGBB in
 * each channel counts (lossy codecs, such as the ones xfreerdp3 negotiates, shift colours a
 * little: #336699 arrives as #306595). With a COMMAND, starts it
 * first, prints the milliseconds from its start to the colour, then ends it (SIGTERM) and
 * waits for it; without one, prints the milliseconds from our own start. Exit 1 on timeout.
 * The same external yardstick for every client: "first frame" is when the remote
 * desktop's colour is on the client's screen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

static int
close_to (unsigned long a,
          unsigned long b)
{
  for (int shift = 0; shift < 24; shift += 8)
    {
      int d = (int) ((a >> shift) & 0xFF) - (int) ((b >> shift) & 0xFF);
      if (d < -8 || d > 8)
        return 0;
    }
  return 1;
}

static double
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  Display *dpy;
  unsigned long want;
  int x, y, timeout_ms, status = 1;
  pid_t child = -1;
  double start;
  struct timespec pause = { 0, 2 * 1000 * 1000 };

  if (argc < 5 || (argc > 5 && strcmp (argv[5], "--") != 0) || argc == 6)
    {
      fprintf (stderr, "usage: atr-x11-wait-colour RRGGBB X Y TIMEOUT_MS [-- COMMAND...]\n");
      return 2;
    }
  want = strtoul (argv[1], NULL, 16);
  x = atoi (argv[2]);
  y = atoi (argv[3]);
  timeout_ms = atoi (argv[4]);
  dpy = XOpenDisplay (NULL);
  if (dpy == NULL)
    {
      fprintf (stderr, "atr-x11-wait-colour: cannot open display\n");
      return 2;
    }

  start = now_ms ();
  if (argc > 6)
    {
      child = fork ();
      if (child == 0)
        {
          execvp (argv[6], argv + 6);
          _exit (127);
        }
    }

  while (now_ms () - start < timeout_ms)
    {
      XImage *image = XGetImage (dpy, DefaultRootWindow (dpy), x, y, 1, 1, AllPlanes, ZPixmap);
      unsigned long pixel = image ? XGetPixel (image, 0, 0) & 0xFFFFFF : 0;

      if (image)
        XDestroyImage (image);
      if (image && close_to (pixel, want))
        {
          printf ("%.0f\n", now_ms () - start);
          status = 0;
          break;
        }
      if (child > 0 && waitpid (child, NULL, WNOHANG) == child)
        {
          child = -1;
          break;
        }
      nanosleep (&pause, NULL);
    }
  if (status != 0)
    printf ("timeout\n");
  if (child > 0)
    {
      kill (child, SIGTERM);
      waitpid (child, NULL, 0);
    }
  return status;
}
