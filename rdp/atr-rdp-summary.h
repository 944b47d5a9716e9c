/* atr-rdp-summary.h — the effective connection a filtered .rdp file asks for (pure data)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "atr-rdp-file.h"
#include "atr-rdp-policy.h"

G_BEGIN_DECLS

#define ATR_RDP_DEFAULT_PORT 3389
#define ATR_RDP_DEFAULT_GATEWAY_PORT 443

/**
 * AtrRdpSummary:
 * @host: the session host (`alternate full address` wins over `full address`)
 * @port: its port (a port in the address wins over `server port`; default 3389)
 * @gateway_host: (nullable): the RD Gateway, %NULL when none is used
 * @gateway_port: its port (default 443)
 * @gateway_usage: `gatewayusagemethod` 0–4 (0 when absent)
 * @gateway_credentials_source: `gatewaycredentialssource` (0 when absent)
 * @gateway_use_same_credentials: from `promptcredentialonce`
 * @remoteapp: whether `remoteapplicationmode` is on
 * @remoteapp_program: (nullable): `remoteapplicationprogram` (e.g. `||calc`)
 * @remoteapp_name: (nullable): `remoteapplicationname`
 * @remoteapp_cmdline: (nullable): `remoteapplicationcmdline`
 * @load_balance_info: (nullable): `loadbalanceinfo`, the routing token
 * @redirections: what will actually be redirected (file ∧ policy, mstsc's defaults for
 *   absent keys)
 *
 * The effective target of a filtered file (the brief's "AtrRdpTarget"; that name belongs to
 * the engine's endpoint list). Computed without FreeRDP, for the CLI and the tests; holds
 * no secrets.
 */
typedef struct
{
  char              *host;
  guint16            port;
  char              *gateway_host;
  guint16            gateway_port;
  guint              gateway_usage;
  guint              gateway_credentials_source;
  gboolean           gateway_use_same_credentials;
  gboolean           remoteapp;
  char              *remoteapp_program;
  char              *remoteapp_name;
  char              *remoteapp_cmdline;
  char              *load_balance_info;
  AtrRdpRedirection  redirections;
} AtrRdpSummary;

#define ATR_TYPE_RDP_SUMMARY (atr_rdp_summary_get_type ())
GType          atr_rdp_summary_get_type      (void) G_GNUC_CONST;
AtrRdpSummary *atr_rdp_summary_new_from_file (AtrRdpFile           *filtered,
                                              const AtrRdpPolicy   *policy,
                                              GError              **error);
AtrRdpSummary *atr_rdp_summary_copy          (const AtrRdpSummary  *summary);
void           atr_rdp_summary_free          (AtrRdpSummary        *summary);
gboolean       atr_rdp_summary_equal         (const AtrRdpSummary  *a,
                                              const AtrRdpSummary  *b);
JsonNode      *atr_rdp_summary_to_json       (const AtrRdpSummary  *summary,
                                              GPtrArray            *dropped);
char          *atr_rdp_summary_to_text       (const AtrRdpSummary  *summary,
                                              GPtrArray            *dropped);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrRdpSummary, atr_rdp_summary_free)

gboolean       atr_rdp_summary_verify_target (const AtrRdpSummary  *summary,
                                              const char           *origin,
                                              const char           *host,
                                              guint16               port,
                                              const char           *gateway_host,
                                              guint16               gateway_port,
                                              GError              **error);

gboolean       atr_rdp_parse_address         (const char           *text,
                                              char                **host,
                                              guint16              *port);

G_END_DECLS
