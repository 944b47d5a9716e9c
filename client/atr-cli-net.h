/* atr-cli-net.h — the network options atrium-cli commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "atr-trust-store.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean   json;
  char      *trust_file;
  char     **resolve;      /* HOST:PORT:ADDR[,ADDR…] */
  char     **txt;          /* NAME=TEXT: TXT record overrides (diagnostics, tests) */
  gboolean   no_dns;       /* answer only from --resolve/--txt, never the system resolver */
  int        timeout_s;
  char      *user;
  gboolean   password_stdin;
} AtrCliNetOptions;

GOptionGroup  *atr_cli_net_option_group   (AtrCliNetOptions  *options);
gboolean       atr_cli_net_setup          (AtrCliNetOptions  *options,
                                           GError           **error);
AtrTrustStore *atr_cli_net_load_trust     (AtrCliNetOptions  *options,
                                           GError           **error);
char          *atr_cli_read_password      (GError           **error);
void           atr_cli_wipe_password      (char              *password);
void           atr_cli_net_options_clear  (AtrCliNetOptions  *options);
gboolean       atr_cli_run_until          (gboolean          *done);

G_END_DECLS

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AtrCliNetOptions, atr_cli_net_options_clear)
