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

/* The RDP commands need FreeRDP. They are built into a helper program, atrium-cli-rdp
 * (atrium-cli-rdp.c, installed in libexecdir/atrium), which atrium-cli runs with execv
 * (atr-cli-helper.c), so that the other commands never load FreeRDP's libraries. Each entry
 * is written once and used by both tables: atrium-cli's (run NULL, the helper's name) and
 * the helper's (the run function, no helper). */
#define ATR_CLI_RDP_HELPER "atrium-cli-rdp"

#define ATR_CLI_RDP_SETTINGS_ENTRY(run, helper) \
  { "rdp-settings", "(FILE.rdp | URL) [--json] [--policy FILE] [--trust FILE] [--resolve …]", \
    "the effective settings of a .rdp file after the tenant policy filter", run, helper }

#define ATR_CLI_PROBE_ENTRY(run, helper) \
  { "probe", "(HOST[:PORT] | --rdp FILE [--policy FILE]) [--frames N] [--user U --password-stdin] [--trust FILE] [--resolve …] [--timeout S] [--json]", \
    "connect headless to an RDP host; report certificate and timings", run, helper }

/* atrium-cli-rdp's table: the commands it runs itself. */
#define ATR_CLI_RDP_HELPER_COMMANDS \
  ATR_CLI_RDP_SETTINGS_ENTRY (atr_cli_rdp_settings_run, NULL), \
  ATR_CLI_PROBE_ENTRY (atr_cli_probe_run, NULL),

/* atrium-cli's table, in the order --help lists it. */
#define ATR_CLI_COMMANDS \
  { "resolve", "ADDRESS [--json]", \
    "how a domain, e-mail or feed URL leads to a workspace feed", atr_cli_resolve_run }, \
  { "list", "ADDRESS [--json] [--trust FILE] [--resolve …] [--user U --password-stdin] [--timeout S] [--offline]", \
    "a tenant's desktops and RemoteApps, grouped by folder", atr_cli_list_run }, \
  { "version", "", "print the version", atr_cli_version_run }, \
  ATR_CLI_RDP_SETTINGS_ENTRY (NULL, ATR_CLI_RDP_HELPER), \
  ATR_CLI_PROBE_ENTRY (NULL, ATR_CLI_RDP_HELPER), \
  { "theme", "ADDRESS [--json] [--css [--variant light|dark]] [--locale L] [--offline] [--trust FILE] [--resolve …] [--timeout S]", \
    "a tenant's manifest and theme (what the app shows), or its generated CSS", \
    atr_cli_theme_run }, \
  { "uri", "URI [--json] [--enrolled HOST …] [--kiosk]", \
    "what a connection link (atrium:, rdp:, ms-rd:, tuxclient:, prlclient:) asks for", \
    atr_cli_uri_run },
