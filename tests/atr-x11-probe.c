/* atr-x11-probe.c — a full-screen X11 window that reports the input it gets (tests only)
 *
 *   atr-x11-probe RRGGBB
 *
 * Covers the screen of $DISPLAY with one colour, takes the keyboard focus and prints
 * "ready", then one line per event: "key KEYSYM" for key presses and "button N X Y" for
 * button presses (root coordinates). Used on the shadowed display to see what the session
 * window sent through RDP.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

int
main (int   argc,
      char *argv[])
{
  Display *dpy;
  Window win;
  XEvent ev;
  int screen;
  unsigned long colour;

  if (argc != 2)
    {
      fprintf (stderr, "usage: atr-x11-probe RRGGBB\n");
      return 2;
    }
  colour = strtoul (argv[1], NULL, 16);
  dpy = XOpenDisplay (NULL);
  if (dpy == NULL)
    {
      fprintf (stderr, "atr-x11-probe: cannot open display\n");
      return 1;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  screen = DefaultScreen (dpy);
  win = XCreateSimpleWindow (dpy, RootWindow (dpy, screen), 0, 0,
                             (unsigned) DisplayWidth (dpy, screen),
                             (unsigned) DisplayHeight (dpy, screen), 0, colour, colour);
  XSelectInput (dpy, win, KeyPressMask | ButtonPressMask | StructureNotifyMask);
  XMapRaised (dpy, win);
  for (;;)
    {
      XNextEvent (dpy, &ev);
      if (ev.type == MapNotify)
        break;
    }
  XSetInputFocus (dpy, win, RevertToParent, CurrentTime);
  XSync (dpy, False);
  printf ("ready\n");

  for (;;)
    {
      XNextEvent (dpy, &ev);
      if (ev.type == KeyPress)
        {
          KeySym sym = NoSymbol;
          char text[8];
          XLookupString (&ev.xkey, text, sizeof text, &sym, NULL);
          printf ("key %s\n", sym != NoSymbol ? XKeysymToString (sym) : "none");
        }
      else if (ev.type == ButtonPress)
        printf ("button %u %d %d\n", ev.xbutton.button, ev.xbutton.x_root, ev.xbutton.y_root);
    }
  return 0;
}
