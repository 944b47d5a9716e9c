/* atr-cli-version.c — atrium-cli version
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "atr-cli.h"
#include "atr-cli-commands.h"

int
atr_cli_version_run (int    argc,
                     char **argv)
{
  printf ("atrium-cli %s\n", PACKAGE_VERSION);
  return ATR_EXIT_OK;
}
