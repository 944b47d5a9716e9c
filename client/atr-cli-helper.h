/* atr-cli-helper.h — running a command that lives in a helper program (atrium-cli-rdp)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The RDP commands need FreeRDP, whose shared libraries cost every process that maps them
 * about 28 MiB and 240 ms. They are built into a second program, atrium-cli-rdp, and
 * atrium-cli replaces itself with it (execv) for those commands, so `list`, `theme`, `uri`,
 * `resolve` and `version` never load FreeRDP.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *atr_cli_helper_find (const char  *exe_path,
                           const char  *name,
                           GError     **error);
int   atr_cli_helper_exec (const char  *name,
                           char       **argv);

G_END_DECLS
