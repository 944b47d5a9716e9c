/* atr-x11-damage.c — what a client re-presents on X11, picture by picture (tests only)
 *
 *   atr-x11-damage watch TITLE MS     X Damage on the top-level window named TITLE
 *   atr-x11-damage blink WxH+X+Y FPS  a small window whose every pixel changes FPS times a second
 *
 * watch: waits for the window (WM_NAME), asks the X server for every rectangle drawn into it
 * (XDamageReportRawRectangles) for MS milliseconds and groups them into pictures: a picture
 * is a burst of damage ended by 8 ms without any. Prints "window W H" once, then per picture
 * "picture AREA X0 Y0 X1 Y1" (AREA = pixels of the union of its rectangles, then its bounding
 * box in window coordinates) followed by its rectangles as "rect X Y W H", and "done N" at the
 * end. The first picture is the X server's own: a new Damage object reports the whole window. blink: the changing region on the shadowed screen, for the client to show.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xdamage.h>

#define QUIET_MS 8
#define MAX_RECTS 4096

static long long
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static Window
find_window (Display *dpy,
             Window   parent,
             const char *title)
{
  Window root, up, *children = NULL, found = None;
  unsigned n = 0;

  if (!XQueryTree (dpy, parent, &root, &up, &children, &n))
    return None;
  for (unsigned i = 0; i < n && found == None; i++)
    {
      char *name = NULL;
      XWindowAttributes attrs;

      if (XFetchName (dpy, children[i], &name) && name != NULL && strcmp (name, title) == 0 &&
          XGetWindowAttributes (dpy, children[i], &attrs) && attrs.map_state == IsViewable)
        found = children[i];
      if (name != NULL)
        XFree (name);
    }
  if (children != NULL)
    XFree (children);
  return found;
}

typedef struct
{
  int          width, height;
  unsigned char *mask;
  XRectangle   rects[MAX_RECTS];
  int          n_rects;
  int          x0, y0, x1, y1;
} Picture;

static void
picture_add (Picture          *p,
             const XRectangle *r)
{
  int x0 = r->x < 0 ? 0 : r->x, y0 = r->y < 0 ? 0 : r->y;
  int x1 = r->x + r->width > p->width ? p->width : r->x + r->width;
  int y1 = r->y + r->height > p->height ? p->height : r->y + r->height;

  if (x0 >= x1 || y0 >= y1)
    return;
  for (int y = y0; y < y1; y++)
    memset (p->mask + (size_t) y * p->width + x0, 1, (size_t) (x1 - x0));
  if (p->n_rects < MAX_RECTS)
    p->rects[p->n_rects] = *r;
  if (p->n_rects == 0 || x0 < p->x0) p->x0 = x0;
  if (p->n_rects == 0 || y0 < p->y0) p->y0 = y0;
  if (p->n_rects == 0 || x1 > p->x1) p->x1 = x1;
  if (p->n_rects == 0 || y1 > p->y1) p->y1 = y1;
  p->n_rects++;
}

static void
picture_flush (Picture *p)
{
  long area = 0;

  if (p->n_rects == 0)
    return;
  for (size_t i = 0; i < (size_t) p->width * p->height; i++)
    area += p->mask[i];
  printf ("picture %ld %d %d %d %d\n", area, p->x0, p->y0, p->x1, p->y1);
  for (int i = 0; i < p->n_rects && i < MAX_RECTS; i++)
    printf ("rect %d %d %u %u\n", p->rects[i].x, p->rects[i].y, p->rects[i].width,
            p->rects[i].height);
  memset (p->mask, 0, (size_t) p->width * p->height);
  p->n_rects = 0;
}

static int
watch (const char *title,
       int         duration_ms)
{
  Display *dpy = XOpenDisplay (NULL);
  Window win = None;
  XWindowAttributes attrs;
  int event_base, error_base, pictures = 0;
  long long deadline, last_event = 0;
  Picture *p;

  if (dpy == NULL)
    {
      fprintf (stderr, "atr-x11-damage: cannot open display\n");
      return 1;
    }
  if (!XDamageQueryExtension (dpy, &event_base, &error_base))
    {
      fprintf (stderr, "atr-x11-damage: no DAMAGE extension\n");
      return 1;
    }
  deadline = now_ms () + 30000;
  while ((win = find_window (dpy, DefaultRootWindow (dpy), title)) == None)
    {
      if (now_ms () > deadline)
        {
          fprintf (stderr, "atr-x11-damage: no window named \"%s\"\n", title);
          return 1;
        }
      nanosleep (&(struct timespec) { 0, 50 * 1000000L }, NULL);
    }
  XGetWindowAttributes (dpy, win, &attrs);
  p = calloc (1, sizeof *p);
  p->width = attrs.width;
  p->height = attrs.height;
  p->mask = calloc ((size_t) attrs.width * attrs.height, 1);
  XDamageCreate (dpy, win, XDamageReportRawRectangles);
  XSync (dpy, False);
  printf ("window %d %d\n", attrs.width, attrs.height);
  fflush (stdout);

  deadline = now_ms () + duration_ms;
  while (now_ms () < deadline)
    {
      struct pollfd pfd = { ConnectionNumber (dpy), POLLIN, 0 };
      int wait = p->n_rects > 0 ? QUIET_MS : 50;

      if (XPending (dpy) == 0 && poll (&pfd, 1, wait) == 0)
        {
          if (p->n_rects > 0 && now_ms () - last_event >= QUIET_MS)
            {
              picture_flush (p);
              pictures++;
              fflush (stdout);
            }
          continue;
        }
      while (XPending (dpy) > 0)
        {
          XEvent event;

          XNextEvent (dpy, &event);
          if (event.type == event_base + XDamageNotify)
            {
              XDamageNotifyEvent *damage = (XDamageNotifyEvent *) &event;
              picture_add (p, &damage->area);
              last_event = now_ms ();
            }
        }
    }
  if (p->n_rects > 0)
    {
      picture_flush (p);
      pictures++;
    }
  printf ("done %d\n", pictures);
  fflush (stdout);
  return 0;
}

static int
blink (const char *geometry,
       int         fps)
{
  Display *dpy = XOpenDisplay (NULL);
  unsigned long colours[2] = { 0xd04020, 0x20a050 };
  int x = 0, y = 0;
  unsigned w = 0, h = 0;
  Window win;
  GC gc;
  struct timespec next;

  if (dpy == NULL)
    {
      fprintf (stderr, "atr-x11-damage: cannot open display\n");
      return 1;
    }
  XParseGeometry (geometry, &x, &y, &w, &h);
  win = XCreateSimpleWindow (dpy, DefaultRootWindow (dpy), x, y, w, h, 0, 0, colours[0]);
  XSetWindowAttributes override = { .override_redirect = True };
  XChangeWindowAttributes (dpy, win, CWOverrideRedirect, &override);
  XMapRaised (dpy, win);
  gc = XCreateGC (dpy, win, 0, NULL);
  printf ("ready\n");
  fflush (stdout);
  clock_gettime (CLOCK_MONOTONIC, &next);
  for (unsigned long frame = 0;; frame++)
    {
      XSetForeground (dpy, gc, colours[frame % 2]);
      XFillRectangle (dpy, win, gc, 0, 0, w, h);
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

int
main (int   argc,
      char *argv[])
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc == 4 && strcmp (argv[1], "watch") == 0 && atoi (argv[3]) > 0)
    return watch (argv[2], atoi (argv[3]));
  if (argc == 4 && strcmp (argv[1], "blink") == 0 && atoi (argv[3]) > 0)
    return blink (argv[2], atoi (argv[3]));
  fprintf (stderr, "usage: atr-x11-damage watch TITLE MS | blink WxH+X+Y FPS\n");
  return 2;
}
