/* atr-cli-net.c — the network options atrium-cli commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "atr-net-error.h"
#include "atr-resolver.h"

#include "atr-cli-net.h"

#define MAX_PASSWORD 1024

/**
 * atr_cli_net_option_group:
 *
 * Returns: (transfer full): --json, --trust, --resolve, --txt, --no-dns, --timeout, --user
 *   and --password-stdin, filling @options.
 */
GOptionGroup *
atr_cli_net_option_group (AtrCliNetOptions *options)
{
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      "Print JSON for machines", NULL },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, &options->trust_file,
      "Trust only the certificates in this PEM file", "FILE" },
    { "resolve", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->resolve,
      "Resolve HOST to these addresses (curl-style; repeatable)", "HOST:PORT:ADDR[,ADDR…]" },
    { "txt", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options->txt,
      "Answer TXT look-ups of NAME with TEXT (diagnostics; repeatable)", "NAME=TEXT" },
    { "no-dns", 0, 0, G_OPTION_ARG_NONE, &options->no_dns,
      "Answer names only from --resolve and --txt; never ask the system resolver", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout_s,
      "Seconds each endpoint may take to answer (default 5)", "S" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &options->user,
      "Sign in as this user (user, DOMAIN\\user or user@domain)", "USER" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &options->password_stdin,
      "Read the password from standard input (never from the command line)", NULL },
    G_OPTION_ENTRY_NULL
  };
  GOptionGroup *group = g_option_group_new ("network", "Network options:",
                                            "Show network options", NULL, NULL);

  g_option_group_add_entries (group, entries);
  return group;
}

/**
 * atr_cli_net_setup:
 *
 * Checks the options and installs the resolver overrides as the default resolver.
 * Errors are G_OPTION_ERROR (usage) or ATR_NET_ERROR_INVALID_ADDRESS.
 */
gboolean
atr_cli_net_setup (AtrCliNetOptions  *options,
                   GError           **error)
{
  g_autoptr(AtrResolver) resolver = NULL;

  if (options->password_stdin && options->user == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--password-stdin needs --user");
      return FALSE;
    }
  if (options->user != NULL && !options->password_stdin)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--user needs --password-stdin: passwords are read only from standard input");
      return FALSE;
    }
  if (options->timeout_s < 0 || options->timeout_s > 600)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--timeout must be between 1 and 600 seconds");
      return FALSE;
    }

  if (options->resolve == NULL && options->txt == NULL && !options->no_dns)
    return TRUE;

  /* --no-dns keeps diagnostics and tests hermetic: a name without an override is not found
   * (so discovery falls back to the default feed path) instead of leaving the machine. */
  resolver = options->no_dns ? atr_resolver_new (NULL) : atr_resolver_new_default ();
  for (guint i = 0; options->resolve != NULL && options->resolve[i] != NULL; i++)
    if (!atr_resolver_add_override (resolver, options->resolve[i], error))
      return FALSE;

  for (guint i = 0; options->txt != NULL && options->txt[i] != NULL; i++)
    {
      const char *eq = strchr (options->txt[i], '=');
      g_autofree char *name = NULL;
      const char *strings[2] = { NULL, NULL };

      if (eq == NULL || eq == options->txt[i])
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--txt '%s' is not NAME=TEXT", options->txt[i]);
          return FALSE;
        }
      name = g_strndup (options->txt[i], eq - options->txt[i]);
      strings[0] = eq + 1;
      atr_resolver_add_txt (resolver, name, strings);
    }

  atr_resolver_install (resolver);
  return TRUE;
}

/**
 * atr_cli_net_load_trust:
 *
 * Returns: (transfer full): the --trust file's store, or the bundled trust plus the
 *   administrator's additions
 */
AtrTrustStore *
atr_cli_net_load_trust (AtrCliNetOptions  *options,
                        GError           **error)
{
  if (options->trust_file != NULL)
    return atr_trust_store_new_from_file (options->trust_file, error);
  return atr_trust_store_new_default (error);
}

/**
 * atr_cli_read_password:
 *
 * Reads one line from standard input (without its line end).
 *
 * Returns: (transfer full): the password; free it with atr_cli_wipe_password()
 */
char *
atr_cli_read_password (GError **error)
{
  char *buffer = g_malloc0 (MAX_PASSWORD + 2);
  gsize length;

  if (fgets (buffer, MAX_PASSWORD + 2, stdin) == NULL)
    {
      g_free (buffer);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--password-stdin: no password on standard input");
      return NULL;
    }

  length = strlen (buffer);
  if (length > MAX_PASSWORD)
    {
      atr_cli_wipe_password (buffer);
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "--password-stdin: the password is longer than %d bytes", MAX_PASSWORD);
      return NULL;
    }

  while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
    buffer[--length] = '\0';

  return buffer;
}

void
atr_cli_wipe_password (char *password)
{
  if (password == NULL)
    return;

  explicit_bzero (password, strlen (password));
  g_free (password);
}

void
atr_cli_net_options_clear (AtrCliNetOptions *options)
{
  g_clear_pointer (&options->trust_file, g_free);
  g_clear_pointer (&options->resolve, g_strfreev);
  g_clear_pointer (&options->txt, g_strfreev);
  g_clear_pointer (&options->user, g_free);
}

/**
 * atr_cli_run_until:
 *
 * Iterates the default main context until *@done (the command's async work finished).
 * Used only at the top of a command-line program, never inside library code.
 */
gboolean
atr_cli_run_until (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
  return TRUE;
}
