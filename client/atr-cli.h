/* atr-cli.h — what the atrium-cli commands share: exit codes, output, common options
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Exit codes shared by every atrium-cli command (documented in atrium-cli --help). */
typedef enum
{
  ATR_EXIT_OK        = 0,
  ATR_EXIT_INTERNAL  = 1,
  ATR_EXIT_USAGE     = 2,
  ATR_EXIT_NETWORK   = 3,  /* DNS, connect, timeout, HTTP 5xx */
  ATR_EXIT_TRUST     = 4,  /* certificate rejected */
  ATR_EXIT_AUTH      = 5,  /* authentication needed or refused */
  ATR_EXIT_BAD_DATA  = 6,  /* a malformed or hostile document, file or URI */
} AtrExit;

typedef struct
{
  const char *name;
  const char *usage;     /* one line: the arguments */
  const char *summary;   /* one line: what it does */
  int       (*run)      (int argc, char **argv);   /* NULL when helper is set */
  const char *helper;    /* NULL, or the program atrium-cli execs for this command with its
                          * argv unchanged (atr_cli_helper_exec) */
} AtrCliCommand;

int      atr_cli_fail              (AtrExit        code,
                                    const char    *format,
                                    ...) G_GNUC_PRINTF (2, 3);
int      atr_cli_fail_error        (const GError  *error);
AtrExit  atr_cli_exit_for_error    (const GError  *error);
void     atr_cli_print_json        (JsonNode      *node);
void     atr_cli_drop_separator    (int           *argc,
                                    char         **argv);

G_END_DECLS
