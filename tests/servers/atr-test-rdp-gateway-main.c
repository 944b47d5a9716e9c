/* atr-test-rdp-gateway-main.c — atrium-test-rdp-gateway: the routing gateway as a program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   atrium-test-rdp-gateway [--address ADDR] [--port N] --route TOKEN=HOST:PORT…
 *
 * Listens on a loopback address (default 127.0.0.1, any free port), prints `port N` on
 * stdout once listening and routes RDP connections by their X.224 routing token until
 * SIGTERM or SIGINT. For trying clients by hand, e.g.
 *   atrium-test-rdp-gateway --route 'tsv://MS Terminal Services Plugin.1.Clinic=127.0.0.1:33892'
 */
#define G_LOG_DOMAIN "atrium-test-gateway"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib-unix.h>

#include "atr-test-rdp-gateway.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *address = g_strdup ("127.0.0.1");
  g_auto(GStrv) routes = NULL;
  int port = 0;
  const GOptionEntry entries[] = {
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, "Loopback address to listen on", "ADDR" },
    { "port", 0, 0, G_OPTION_ARG_INT, &port, "Port (default: any free one)", "N" },
    { "route", 0, 0, G_OPTION_ARG_STRING_ARRAY, &routes, "Route a token to a host", "TOKEN=HOST:PORT" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— route RDP by X.224 routing token");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTestRdpGateway) gateway = NULL;
  g_autoptr(GMainLoop) loop = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "atrium-test-rdp-gateway: %s\n", error->message);
      return 2;
    }
  if (port < 0 || port > G_MAXUINT16 || routes == NULL)
    {
      fprintf (stderr, "atrium-test-rdp-gateway: need --route TOKEN=HOST:PORT and a port in 0..65535\n");
      return 2;
    }

  gateway = atr_test_rdp_gateway_new (address, (guint16) port, &error);
  if (gateway == NULL)
    {
      fprintf (stderr, "atrium-test-rdp-gateway: %s\n", error->message);
      return 1;
    }

  for (guint i = 0; routes[i] != NULL; i++)
    {
      const char *eq = strrchr (routes[i], '=');
      const char *colon = eq != NULL ? strrchr (eq, ':') : NULL;
      guint64 target_port = 0;
      g_autofree char *token = NULL;
      g_autofree char *host = NULL;

      if (eq == NULL || eq == routes[i] || colon == NULL ||
          !g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXUINT16, &target_port, NULL))
        {
          fprintf (stderr, "atrium-test-rdp-gateway: --route %s: expected TOKEN=HOST:PORT\n",
                   routes[i]);
          return 2;
        }
      token = g_strndup (routes[i], (gsize) (eq - routes[i]));
      host = g_strndup (eq + 1, (gsize) (colon - eq - 1));
      atr_test_rdp_gateway_add_route (gateway, token, host, (guint16) target_port);
    }

  printf ("port %u\n", atr_test_rdp_gateway_get_port (gateway));
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  atr_test_rdp_gateway_stop (gateway);
  return 0;
}
