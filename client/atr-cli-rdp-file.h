/* atr-cli-rdp-file.h — reading .rdp files and tenant policies for atrium-cli commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by `rdp-settings` and `probe --rdp` (readers in atr-cli-rdp-settings.c, URL
 * fetching in atr-cli-rdp-fetch.c).
 */
#pragma once

#include <gio/gio.h>

#include "atr-rdp-policy.h"
#include "atr-trust-store.h"

G_BEGIN_DECLS

int       atr_cli_rdp_fail        (const GError  *error);
GBytes   *atr_cli_rdp_read_capped (const char    *path,
                                   gsize          limit,
                                   GError       **error);
gboolean  atr_cli_rdp_load_policy (const char    *path,
                                   AtrRdpPolicy  *policy,
                                   GError       **error);
gboolean  atr_cli_rdp_is_url      (const char    *source);
GBytes   *atr_cli_rdp_load_payload (const char   *source,
                                    AtrTrustStore *trust,
                                    GError      **error);

G_END_DECLS
