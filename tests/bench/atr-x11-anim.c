/* atr-x11-anim.c — a continuously animating X11 window for the session benchmark
 *
 *   atr-x11-anim WIDTHxHEIGHT+X+Y FPS
 *
 * Every frame repaints the whole window with moving diagonal bands (so every pixel of it
 * changes, as video would), paced to FPS frames per second.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

int
main (int   argc,
      char *argv[])
{
  Display *dpy;
  Window win;
  GC gc;
  int x = 0, y = 0, fps = 0;
  unsigned w = 0, h = 0;
  struct timespec next;
  unsigned long colours[4] = { 0xd04020, 0x20a050, 0x3050e0, 0xe0c030 };

  if (argc != 3 || (XParseGeometry (argv[1], &x, &y, &w, &h) & (WidthValue | HeightValue)) !=
                   (WidthValue | HeightValue) || (fps = atoi (argv[2])) <= 0)
    {
      fprintf (stderr, "usage: atr-x11-anim WIDTHxHEIGHT+X+Y FPS\n");
      return 2;
    }
  dpy = XOpenDisplay (NULL);
  if (dpy == NULL)
    {
      fprintf (stderr, "atr-x11-anim: cannot open display\n");
      return 1;
    }
  win = XCreateSimpleWindow (dpy, DefaultRootWindow (dpy), x, y, w, h, 0, 0, 0);
  XMapRaised (dpy, win);
  gc = XCreateGC (dpy, win, 0, NULL);
  clock_gettime (CLOCK_MONOTONIC, &next);

  for (unsigned long frame = 0;; frame++)
    {
      int band = 40;
      int shift = (int) (frame * 7 % (unsigned long) (band * 4));

      for (int i = -4; (i - 4) * band < (int) (w + h); i++)
        {
          XPoint p[4] = { { (short) (i * band + shift), 0 },
                          { (short) (i * band + shift + band), 0 },
                          { (short) (i * band + shift + band - (int) h), (short) h },
                          { (short) (i * band + shift - (int) h), (short) h } };
          XSetForeground (dpy, gc, colours[((i % 4) + 4) % 4]);
          XFillPolygon (dpy, win, gc, p, 4, Convex, CoordModeOrigin);
        }
      XFlush (dpy);

      next.tv_nsec += 1000000000L / fps;
      if (next.tv_nsec >= 1000000000L)
        {
          next.tv_sec++;
          next.tv_nsec -= 1000000000L;
        }
      clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
    }
  return 0;
}
