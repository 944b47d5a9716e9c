/* atrium-cli.c — scripting and diagnostics over the same libraries as the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "atr-cli.h"
#include "atr-data-dirs.h"
#include "atr-cli-commands.h"
#include "atr-cli-helper.h"

static const AtrCliCommand commands[] = {
  /* One line per command; each lives in its own atr-cli-<name>.c. */
  ATR_CLI_COMMANDS
};

static int
usage (FILE *out)
{
  fprintf (out, "Usage: atrium-cli COMMAND [OPTIONS…]\n\nCommands:\n");
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %s\n      %s\n", commands[i].name, commands[i].usage,
             commands[i].summary);
  fprintf (out,
           "\nCommon options: --json (output for machines), --trust FILE (use this PEM instead\n"
           "of the bundled trust store), --resolve HOST:PORT:ADDR[,ADDR…] (address override).\n"
           "Run 'atrium-cli COMMAND --help' for a command's options.\n"
           "\nExit codes: 0 ok, 1 internal error, 2 usage, 3 network (DNS, connect, timeout,\n"
           "HTTP 5xx), 4 certificate rejected, 5 authentication, 6 bad data (a malformed or\n"
           "hostile document, file or URI).\n");
  return out == stdout ? ATR_EXIT_OK : ATR_EXIT_USAGE;
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, atr_data_dirs_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage (stderr);

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    return usage (stdout);

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("atrium-cli %s\n", PACKAGE_VERSION);
      return ATR_EXIT_OK;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        /* Returns only if the helper is missing or cannot be run. */
        if (commands[i].helper != NULL)
          return atr_cli_helper_exec (commands[i].helper, argv);
        return commands[i].run (argc - 1, argv + 1);
      }

  return atr_cli_fail (ATR_EXIT_USAGE, "unknown command '%s'; see 'atrium-cli --help'",
                       argv[1]);
}
