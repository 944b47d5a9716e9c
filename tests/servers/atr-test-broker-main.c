/* atr-test-broker-main.c — atrium-test-broker: the test broker as a standalone program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   atrium-test-broker --root DIR --cert CRT --key KEY [--listen ADDR:PORT]…
 *                      [--auth basic|ntlm|rdweb|rdweb+basic --user U --password-file F]
 *                      [--fault NAME] [--slow-ms N] [--port-file FILE]
 *
 * Serves the tenants under DIR on loopback until SIGTERM or SIGINT. Each RD Web sign-in
 * prints "atrium-test-broker: sign-in N token=T" on stderr. Every --listen with
 * port 0 after the first one reuses the first port, so one tenant can have several
 * "gateways" on 127.0.0.1, 127.0.0.2, … with the same port.
 */
#define G_LOG_DOMAIN "atrium-test-broker"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib-unix.h>

#include "atr-test-broker.h"

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

/* One stderr line per RD Web sign-in: the UI tests count them, and check that the tokens
 * never reach the app's own output. */
static void
sign_in_cb (AtrTestBroker *broker,
            guint          count,
            const char    *token,
            gpointer       user_data)
{
  fprintf (stderr, "atrium-test-broker: sign-in %u token=%s\n", count, token);
  fflush (stderr);
}

static gboolean
split_listen (const char  *spec,
              char       **out_address,
              guint       *out_port,
              GError     **error)
{
  const char *colon = strrchr (spec, ':');
  g_autofree char *address = NULL;
  guint64 port = 0;

  if (spec[0] == '[')
    {
      const char *close = strchr (spec, ']');

      if (close == NULL || (close[1] != '\0' && close[1] != ':'))
        goto bad;
      address = g_strndup (spec + 1, close - spec - 1);
      colon = close[1] == ':' ? close + 1 : NULL;
    }
  else if (colon != NULL && strchr (spec, ':') != colon)
    {
      address = g_strdup (spec);  /* a bare IPv6 address */
      colon = NULL;
    }
  else
    address = colon ? g_strndup (spec, colon - spec) : g_strdup (spec);

  if (colon != NULL &&
      !g_ascii_string_to_unsigned (colon + 1, 10, 0, G_MAXUINT16, &port, NULL))
    goto bad;

  *out_address = g_steal_pointer (&address);
  *out_port = (guint) port;
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "--listen “%s” is not ADDR:PORT", spec);
  return FALSE;
}

static char *
read_password (const char  *file,
               GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  if (!g_file_get_contents (file, &contents, &len, error))
    return NULL;
  while (len > 0 && (contents[len - 1] == '\n' || contents[len - 1] == '\r'))
    contents[--len] = '\0';
  if (len == 0 || strlen (contents) != len)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--password-file “%s” is empty or holds a NUL byte", file);
      return NULL;
    }
  return g_steal_pointer (&contents);
}

static int
run (int    argc,
     char **argv)
{
  g_autofree char *root = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_auto(GStrv) listen = NULL;
  g_autofree char *auth = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *port_file = NULL;
  int slow_ms = -1;
  GOptionEntry entries[] = {
    { "root", 0, 0, G_OPTION_ARG_FILENAME, &root, "Directory with one folder per tenant host", "DIR" },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &cert, "TLS certificate (PEM, chain allowed)", "CRT" },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key, "TLS private key (PEM)", "KEY" },
    { "listen", 0, 0, G_OPTION_ARG_STRING_ARRAY, &listen, "Loopback address and port (repeatable; default 127.0.0.1:0)", "ADDR:PORT" },
    { "auth", 0, 0, G_OPTION_ARG_STRING, &auth, "basic, ntlm, rdweb or rdweb+basic", "MODE" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "User name (DOMAIN\\user for NTLM)", "USER" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "File holding the password", "FILE" },
    { "fault", 0, 0, G_OPTION_ARG_STRING, &fault, "none, slow, hang, 5xx, truncated, truncated-close, oversize, not-found", "NAME" },
    { "slow-ms", 0, 0, G_OPTION_ARG_INT, &slow_ms, "Delay of the slow fault (default 3000)", "MS" },
    { "port-file", 0, 0, G_OPTION_ARG_FILENAME, &port_file, "Write the port here once listening", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- Atrium loopback test broker");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTestBroker) broker = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  AtrTestFault fault_mode = ATR_TEST_FAULT_NONE;
  AtrTestAuth auth_mode = ATR_TEST_AUTH_NONE;
  gboolean feed_login_basic = FALSE;
  const char *default_listen[] = { "127.0.0.1:0", NULL };
  const char * const *specs;
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GArray) ports = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) banner = g_string_new (NULL);
  guint sigterm_id, sigint_id;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto usage;
  if (root == NULL || cert == NULL || key == NULL)
    {
      g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "--root, --cert and --key are required");
      goto usage;
    }
  if (fault != NULL && !atr_test_fault_from_string (fault, &fault_mode))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "Unknown --fault “%s”", fault);
      goto usage;
    }
  if (auth != NULL)
    {
      if (g_str_equal (auth, "basic"))
        auth_mode = ATR_TEST_AUTH_BASIC;
      else if (g_str_equal (auth, "ntlm"))
        auth_mode = ATR_TEST_AUTH_NTLM;
      else if (g_str_equal (auth, "rdweb"))
        auth_mode = ATR_TEST_AUTH_RDWEB_FORMS;
      else if (g_str_equal (auth, "rdweb+basic"))
        {
          auth_mode = ATR_TEST_AUTH_RDWEB_FORMS;
          feed_login_basic = TRUE;
        }
      else if (!g_str_equal (auth, "none"))
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "Unknown --auth “%s”", auth);
          goto usage;
        }
      if (auth_mode != ATR_TEST_AUTH_NONE && (user == NULL || password_file == NULL))
        {
          g_set_error_literal (&error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               "--auth needs --user and --password-file");
          goto usage;
        }
    }

  /* Check every --listen before doing anything else, so usage errors exit with 2. */
  specs = listen ? (const char * const *) listen : default_listen;
  addresses = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; specs[i] != NULL; i++)
    {
      char *address = NULL;
      guint port = 0;

      if (!split_listen (specs[i], &address, &port, &error))
        goto usage;
      g_ptr_array_add (addresses, address);
      g_array_append_val (ports, port);
    }

  broker = atr_test_broker_new (root, cert, key, &error);
  if (broker == NULL)
    goto fail;
  atr_test_broker_set_fault (broker, fault_mode);
  if (slow_ms >= 0)
    atr_test_broker_set_slow_delay (broker, (guint) slow_ms);
  if (auth_mode != ATR_TEST_AUTH_NONE)
    {
      g_autofree char *password = read_password (password_file, &error);

      if (password == NULL)
        goto fail;
      atr_test_broker_set_auth (broker, auth_mode, user, password);
      atr_test_broker_set_feed_login_basic (broker, feed_login_basic);
      atr_test_broker_set_sign_in_func (broker, sign_in_cb, NULL);
      memset (password, 0, strlen (password));
    }

  for (guint i = 0; i < addresses->len; i++)
    {
      const char *address = g_ptr_array_index (addresses, i);
      guint port = g_array_index (ports, guint, i);
      g_autoptr(GInetAddress) inet = NULL;

      if (port == 0)
        port = atr_test_broker_get_port (broker);
      if (!atr_test_broker_listen (broker, address, port, &error))
        goto fail;
      port = port ? port : atr_test_broker_get_port (broker);
      inet = g_inet_address_new_from_string (address);
      if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6)
        g_string_append_printf (banner, "listening on https://[%s]:%u\n", address, port);
      else
        g_string_append_printf (banner, "listening on https://%s:%u\n", address, port);
    }

  /* The port file first, then the banner: whoever sees either can connect. */
  if (port_file != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%u\n", atr_test_broker_get_port (broker));

      if (!g_file_set_contents (port_file, text, -1, &error))
        goto fail;
    }
  fputs (banner->str, stdout);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  sigterm_id = g_unix_signal_add (SIGTERM, quit_cb, loop);
  sigint_id = g_unix_signal_add (SIGINT, quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (sigterm_id);
  g_source_remove (sigint_id);

  atr_test_broker_stop (broker);
  return EXIT_SUCCESS;

usage:
  fprintf (stderr, "atrium-test-broker: %s\n", error->message);
  return 2;

fail:
  fprintf (stderr, "atrium-test-broker: %s\n", error->message);
  return 1;
}

int
main (int    argc,
      char **argv)
{
  return run (argc, argv);
}
