/* atr-x11-pictures.c — count the distinct pictures a client shows in a strip (benchmarks)
 *
 *   atr-x11-pictures X Y WIDTH HEIGHT SECONDS [PID]
 *
 * Reads the rectangle (X, Y, WIDTH, HEIGHT) of $DISPLAY's root window every 3 ms with
 * XGetImage, hashes its pixels (FNV-1a over the 24 colour bits) and counts the polls whose
 * hash differs from the previous poll's: each change is one new picture on screen. Put the
 * strip inside a region the remote side animates, so every remote frame that reaches the
 * screen changes it. X Damage events are not pictures (a client may post several per picture,
 * or one for the whole window), which is why this reads pixels.
 *
 * With PID, also reads utime + stime of that process from /proc/PID/stat just before the
 * first poll and just after the last one, so CPU and pictures cover the same window.
 * Prints one line:
 *   pictures N seconds S polls P late L cpu_s C
 * (late: polls that came more than 6 ms after the previous one, a sign the poller itself was
 * starved on a busy machine; cpu_s is -1 without PID). Exit 1 if the display cannot be read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* utime + stime of PID in seconds, or -1 */
static double
cpu_seconds (long pid)
{
  char path[64], buf[4096];
  FILE *f;
  size_t n;
  char *p;
  unsigned long long utime = 0, stime = 0;

  if (pid <= 0)
    return -1;
  snprintf (path, sizeof path, "/proc/%ld/stat", pid);
  f = fopen (path, "r");
  if (f == NULL)
    return -1;
  n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  /* the command name may hold spaces: fields 14 and 15 count from after the last ')' */
  p = strrchr (buf, ')');
  if (p == NULL || sscanf (p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
                           &utime, &stime) != 2)
    return -1;
  return (double) (utime + stime) / (double) sysconf (_SC_CLK_TCK);
}

static uint64_t
hash_image (XImage *image)
{
  uint64_t h = 1469598103934665603ULL;

  for (int y = 0; y < image->height; y++)
    for (int x = 0; x < image->width; x++)
      {
        unsigned long pixel = XGetPixel (image, x, y) & 0xFFFFFF;

        for (int shift = 0; shift < 24; shift += 8)
          {
            h ^= (pixel >> shift) & 0xFF;
            h *= 1099511628211ULL;
          }
      }
  return h;
}

int
main (int   argc,
      char *argv[])
{
  Display *dpy;
  int x, y, w, h;
  double seconds, start, last, cpu0, cpu1 = -1;
  long pid = 0;
  unsigned long pictures = 0, polls = 0, late = 0;
  uint64_t previous = 0;
  int have_previous = 0;
  struct timespec next;

  if (argc != 6 && argc != 7)
    {
      fprintf (stderr, "usage: atr-x11-pictures X Y WIDTH HEIGHT SECONDS [PID]\n");
      return 2;
    }
  x = atoi (argv[1]);
  y = atoi (argv[2]);
  w = atoi (argv[3]);
  h = atoi (argv[4]);
  seconds = atof (argv[5]);
  if (argc == 7)
    pid = atol (argv[6]);
  if (w <= 0 || h <= 0 || seconds <= 0)
    {
      fprintf (stderr, "atr-x11-pictures: bad strip or duration\n");
      return 2;
    }
  dpy = XOpenDisplay (NULL);
  if (dpy == NULL)
    {
      fprintf (stderr, "atr-x11-pictures: cannot open display\n");
      return 1;
    }

  cpu0 = cpu_seconds (pid);
  start = last = now_s ();
  clock_gettime (CLOCK_MONOTONIC, &next);
  while (now_s () - start < seconds)
    {
      XImage *image = XGetImage (dpy, DefaultRootWindow (dpy), x, y, (unsigned) w,
                                 (unsigned) h, AllPlanes, ZPixmap);
      double t = now_s ();

      if (image == NULL)
        {
          fprintf (stderr, "atr-x11-pictures: XGetImage failed\n");
          return 1;
        }
      uint64_t hash = hash_image (image);
      XDestroyImage (image);
      if (have_previous && hash != previous)
        pictures++;
      previous = hash;
      have_previous = 1;
      polls++;
      if (t - last > 0.006)
        late++;
      last = t;

      next.tv_nsec += 3 * 1000 * 1000;
      if (next.tv_nsec >= 1000000000L)
        {
          next.tv_sec++;
          next.tv_nsec -= 1000000000L;
        }
      /* fell behind (starved): start the 3 ms grid again from now instead of a burst */
      if (next.tv_sec + next.tv_nsec / 1e9 < now_s ())
        clock_gettime (CLOCK_MONOTONIC, &next);
      clock_nanosleep (CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
    }
  if (pid > 0)
    cpu1 = cpu_seconds (pid);
  printf ("pictures %lu seconds %.2f polls %lu late %lu cpu_s %.2f\n", pictures,
          now_s () - start, polls, late,
          (cpu0 >= 0 && cpu1 >= 0) ? cpu1 - cpu0 : -1.0);
  XCloseDisplay (dpy);
  return 0;
}
