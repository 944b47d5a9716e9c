/* atr-cli-commands.h — the atrium-cli command table (one entry per atr-cli-<name>.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

G_BEGIN_DECLS

int atr_cli_version_run (int argc, char **argv);
int atr_cli_resolve_run (int argc, char **argv);
int atr_cli_list_run (int argc, char **argv);
int atr_cli_rdp_settings_run (int argc, char **argv);
int atr_cli_probe_run (int argc, char **argv);
int atr_cli_theme_run (int argc, char **argv);
int atr_cli_uri_run (int argc, char **argv);

G_END_DECLS

#define ATR_CLI_COMMANDS \
  { "resolve", "ADDRESS [--json]", \
    "how a domain, e-mail or feed URL leads to a workspace feed", atr_cli_resolve_run }, \
  { "list", "ADDRESS [--json] [--trust FILE] [--resolve …] [--user U --password-stdin] [--timeout S] [--offline]", \
    "a tenant's desktops and RemoteApps, grouped by folder", atr_cli_list_run }, \
  { "version", "", "print the version", atr_cli_version_run }, \
  { "rdp-settings", "(FILE.rdp | URL) [--json] [--policy FILE] [--trust FILE] [--resolve …]", \
    "the effective settings of a .rdp file after the tenant policy filter", \
    atr_cli_rdp_settings_run }, \
  { "probe", "(HOST[:PORT] | --rdp FILE [--policy FILE]) [--frames N] [--user U --password-stdin] [--trust FILE] [--resolve …] [--timeout S] [--json]", \
    "connect headless to an RDP host; report certificate and timings", atr_cli_probe_run }, \
  { "theme", "ADDRESS [--json] [--css [--variant light|dark]] [--locale L] [--offline] [--trust FILE] [--resolve …] [--timeout S]", \
    "a tenant's manifest and theme (what the app shows), or its generated CSS", \
    atr_cli_theme_run }, \
  { "uri", "URI [--json] [--enrolled HOST …] [--kiosk]", \
    "what a connection link (atrium:, rdp:, ms-rd:, tuxclient:, prlclient:) asks for", \
    atr_cli_uri_run },
