/* atr-atspi-listen.c — be a screen reader's event listener on an accessibility bus (tests only)
 *
 *   atr-atspi-listen BUS-ADDRESS EVENT…      e.g. object:state-changed:focused
 *
 * Registers each EVENT with the AT-SPI registry (org.a11y.atspi.Registry.RegisterEvent), as
 * Orca does through libatspi, prints "REGISTERED" and stays connected until it is killed or
 * its stdin closes; the registry forgets the events when it disconnects.
 *
 * Why: GTK 4.14 and later send AT-SPI events only while some client has registered for them
 * (it asks the registry, GetRegisteredEvents, and follows EventListenerRegistered), so a bare
 * dbus-monitor on the bus sees no focus event at all on Debian 13 (GTK 4.18). GTK 4.8
 * (Debian 12) sends them regardless. The UI tests read focus events with dbus-monitor while
 * this listener makes them be sent, on both.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <gio/gio.h>
#include <gio/gunixinputstream.h>

static void
stdin_closed_cb (GObject      *stream,
                 GAsyncResult *result,
                 gpointer      loop)
{
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GInputStream) in = NULL;
  char buffer[64];

  if (argc < 3)
    {
      fprintf (stderr, "usage: atr-atspi-listen BUS-ADDRESS EVENT…\n");
      return 2;
    }
  bus = g_dbus_connection_new_for_address_sync (argv[1],
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  if (bus == NULL)
    {
      fprintf (stderr, "atr-atspi-listen: %s: %s\n", argv[1], error->message);
      return 1;
    }
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(GVariant) reply =
        g_dbus_connection_call_sync (bus, "org.a11y.atspi.Registry", "/org/a11y/atspi/registry",
                                     "org.a11y.atspi.Registry", "RegisterEvent",
                                     g_variant_new ("(s)", argv[i]), NULL,
                                     G_DBUS_CALL_FLAGS_NONE, 10000, NULL, &error);
      if (reply == NULL)
        {
          fprintf (stderr, "atr-atspi-listen: RegisterEvent %s: %s\n", argv[i], error->message);
          return 1;
        }
    }
  printf ("REGISTERED\n");
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  in = g_unix_input_stream_new (0, FALSE);
  g_input_stream_read_async (in, buffer, sizeof buffer, G_PRIORITY_DEFAULT, NULL,
                             stdin_closed_cb, loop);
  g_main_loop_run (loop);
  return 0;
}
