/* atr-x11-resize.c — resize an X screen with RandR (tests only)
 *
 *   DISPLAY=:N atr-x11-resize WIDTH HEIGHT
 *
 * Turns the CRTCs off and sets the screen size, which is what Xvfb allows (its one mode is
 * the initial size; anything up to that fits). A shadow server on that display sees its
 * root window change size and resizes its clients' desktops. Prints "size W H" after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <X11/Xlib.h>
#include <X11/extensions/Xrandr.h>

int
main (int   argc,
      char *argv[])
{
  Display *display;
  Window root;
  XRRScreenResources *resources;
  XWindowAttributes attributes;
  int width, height;

  if (argc != 3 || (width = atoi (argv[1])) <= 0 || (height = atoi (argv[2])) <= 0)
    {
      fprintf (stderr, "usage: atr-x11-resize WIDTH HEIGHT\n");
      return 2;
    }
  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "atr-x11-resize: cannot open the display\n");
      return 1;
    }
  root = DefaultRootWindow (display);
  resources = XRRGetScreenResources (display, root);
  if (resources == NULL)
    {
      fprintf (stderr, "atr-x11-resize: no RandR on this display\n");
      return 1;
    }

  XGrabServer (display);
  for (int i = 0; i < resources->ncrtc; i++)
    XRRSetCrtcConfig (display, resources, resources->crtcs[i], CurrentTime, 0, 0, None,
                      RR_Rotate_0, NULL, 0);
  XRRSetScreenSize (display, root, width, height, width / 4, height / 4);
  XUngrabServer (display);
  XSync (display, False);

  XGetWindowAttributes (display, root, &attributes);
  printf ("size %d %d\n", attributes.width, attributes.height);
  XRRFreeScreenResources (resources);
  XCloseDisplay (display);
  return attributes.width == width && attributes.height == height ? 0 : 1;
}
