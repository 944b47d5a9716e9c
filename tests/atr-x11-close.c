/* atr-x11-close.c — ask a window to close, as a window manager's close button does (tests only)
 *
 *   DISPLAY=:N atr-x11-close WINDOW-ID
 *
 * Sends the window a WM_DELETE_WINDOW client message (ICCCM WM_PROTOCOLS), which GTK turns
 * into GtkWindow::close-request. The UI tests run under Xvfb without a window manager, so
 * there is no title bar to click and xdotool can only destroy windows, not ask them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <X11/Xlib.h>

int
main (int   argc,
      char *argv[])
{
  Display *display;
  XEvent event = { 0 };
  char *end = NULL;
  unsigned long window;

  if (argc != 2 || (window = strtoul (argv[1], &end, 0)) == 0 || *end != '\0')
    {
      fprintf (stderr, "usage: atr-x11-close WINDOW-ID\n");
      return 2;
    }
  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "atr-x11-close: cannot open display\n");
      return 1;
    }
  event.xclient.type = ClientMessage;
  event.xclient.window = window;
  event.xclient.message_type = XInternAtom (display, "WM_PROTOCOLS", False);
  event.xclient.format = 32;
  event.xclient.data.l[0] = (long) XInternAtom (display, "WM_DELETE_WINDOW", False);
  event.xclient.data.l[1] = CurrentTime;
  if (!XSendEvent (display, window, False, NoEventMask, &event))
    {
      fprintf (stderr, "atr-x11-close: could not send to window %lu\n", window);
      XCloseDisplay (display);
      return 1;
    }
  XSync (display, False);
  XCloseDisplay (display);
  printf ("closed %lu\n", window);
  return 0;
}
