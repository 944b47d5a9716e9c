/* atr-x11-wm-state.c — the fullscreen part of a window manager, for Xvfb tests only
 *
 *   DISPLAY=:N atr-x11-wm-state
 *
 * The UI tests run under Xvfb without a window manager, where asking for fullscreen
 * (a _NET_WM_STATE client message to the root window, EWMH) does nothing. This does what a
 * window manager does with _NET_WM_STATE_FULLSCREEN and nothing else: it sets or clears the
 * state in the window's _NET_WM_STATE property (GDK reads it back) and resizes the window
 * to the screen, or back to its size before. Prints "ready", then "fullscreen on|off WINDOW"
 * per change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <X11/Xatom.h>
#include <X11/Xlib.h>

#define MAX_WINDOWS 16

static struct
{
  Window window;
  int    x, y;
  unsigned int width, height;
} saved[MAX_WINDOWS];

static void
save_geometry (Display *display,
               Window   window)
{
  XWindowAttributes attributes;
  Window child;
  int x, y;

  if (!XGetWindowAttributes (display, window, &attributes))
    return;
  XTranslateCoordinates (display, window, attributes.root, 0, 0, &x, &y, &child);
  for (int i = 0; i < MAX_WINDOWS; i++)
    if (saved[i].window == window || saved[i].window == None)
      {
        saved[i].window = window;
        saved[i].x = x;
        saved[i].y = y;
        saved[i].width = attributes.width;
        saved[i].height = attributes.height;
        return;
      }
}

static void
set_fullscreen (Display *display,
                Window   window,
                Atom     state,
                Atom     fullscreen,
                int      on)
{
  Screen *screen = DefaultScreenOfDisplay (display);

  if (on)
    {
      save_geometry (display, window);
      XChangeProperty (display, window, state, XA_ATOM, 32, PropModeReplace,
                       (unsigned char *) &fullscreen, 1);
      XMoveResizeWindow (display, window, 0, 0, WidthOfScreen (screen),
                         HeightOfScreen (screen));
    }
  else
    {
      XChangeProperty (display, window, state, XA_ATOM, 32, PropModeReplace, NULL, 0);
      for (int i = 0; i < MAX_WINDOWS; i++)
        if (saved[i].window == window)
          XMoveResizeWindow (display, window, saved[i].x, saved[i].y, saved[i].width,
                             saved[i].height);
    }
  printf ("fullscreen %s 0x%lx\n", on ? "on" : "off", window);
  fflush (stdout);
}

static int
is_fullscreen (Display *display,
               Window   window,
               Atom     state,
               Atom     fullscreen)
{
  Atom type;
  int format, found = 0;
  unsigned long n, after;
  unsigned char *data = NULL;

  if (XGetWindowProperty (display, window, state, 0, 32, False, XA_ATOM, &type, &format, &n,
                          &after, &data) == Success && data != NULL)
    {
      for (unsigned long i = 0; i < n; i++)
        found |= ((Atom *) data)[i] == fullscreen;
      XFree (data);
    }
  return found;
}

int
main (void)
{
  Display *display = XOpenDisplay (NULL);
  Atom state, fullscreen;
  XEvent event;

  if (display == NULL)
    {
      fprintf (stderr, "atr-x11-wm-state: cannot open display\n");
      return 1;
    }
  state = XInternAtom (display, "_NET_WM_STATE", False);
  fullscreen = XInternAtom (display, "_NET_WM_STATE_FULLSCREEN", False);
  XSelectInput (display, DefaultRootWindow (display), SubstructureNotifyMask);
  XSync (display, False);
  printf ("ready\n");
  fflush (stdout);

  for (;;)
    {
      XNextEvent (display, &event);
      if (event.type != ClientMessage || event.xclient.message_type != state ||
          event.xclient.format != 32)
        continue;
      /* data.l: [0] 0 remove, 1 add, 2 toggle; [1], [2] the states */
      if ((Atom) event.xclient.data.l[1] == fullscreen ||
          (Atom) event.xclient.data.l[2] == fullscreen)
        {
          long action = event.xclient.data.l[0];
          int now = is_fullscreen (display, event.xclient.window, state, fullscreen);
          int on = action == 2 ? !now : action == 1;

          if (on != now)
            set_fullscreen (display, event.xclient.window, state, fullscreen, on);
        }
    }
  return 0;
}
