/* atrium-cli-rdp.c — atrium-cli's RDP commands (rdp-settings, probe), the only ones that
 * need FreeRDP
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not run by users: atrium-cli execs it for `rdp-settings` and `probe` with its own argv
 * unchanged (argv[1] is the command), so messages, options and exit codes are exactly those
 * of `atrium-cli COMMAND`. Keeping FreeRDP out of atrium-cli spares every other command
 * about 28 MiB of RSS and 240 ms of start-up (tests/bench/README.md).
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

static const AtrCliCommand commands[] = {
  ATR_CLI_RDP_HELPER_COMMANDS
};

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, atr_data_dirs_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc >= 2)
    for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
      if (strcmp (argv[1], commands[i].name) == 0)
        return commands[i].run (argc - 1, argv + 1);

  return atr_cli_fail (ATR_EXIT_USAGE,
                       "%s is atrium-cli's helper for 'rdp-settings' and 'probe'; run "
                       "'atrium-cli --help' instead", ATR_CLI_RDP_HELPER);
}
