/* atr-launcher.h — the one place "open this resource" goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * atr_launcher_open() fetches the resource's .rdp payload through the tenant's AtrHttpClient
 * (its trust store, gateways and failover), decodes it and filters it by the tenant
 * manifest's policy (the default policy without a manifest), and shows an AtrRdpSession made
 * from it in an AtrSessionWindow. Certificates are checked against the app's trust store
 * plus the tenant's own trust_anchors (for this tenant's sessions only). Credentials are the
 * signed-in user's, else asked for in a dialog when the session requests them.
 * atr_launcher_open_payload() does the same for a .rdp file or an rdp:// link the user
 * confirmed, with redirections off unless a tenant's policy allows them, and only when the
 * host, port and gateway the filtered payload really uses are the ones that were approved.
 *
 * "notice" carries a translated sentence for a toast: failures with their classified reason.
 * "session-started" (AtrSessionWindow, AtrResource or NULL, AtrRdpSession) is emitted for
 * every session put in a window, Reconnect's too; "session-ended" (AtrSessionWindow or NULL,
 * AtrResource or NULL, the ATR_RDP_ERROR disconnect error or NULL) when one went DISCONNECTED.
 * A window's "reconnect-requested" starts a new session of the same launch in it. A resource
 * has at most one session window: opening it again while that window is open raises it.
 * With ATR_DEBUG_LAUNCHER=1 each step is printed to stderr, ids and host names only:
 *   atr-launcher: open TENANT_ID RESOURCE_ID
 *   atr-launcher: session TENANT_ID RESOURCE_ID host=HOST dropped=N
 *   atr-launcher: state TENANT_ID RESOURCE_ID NICK
 *   atr-launcher: raise TENANT_ID RESOURCE_ID
 *   atr-launcher: failed TENANT_ID RESOURCE_ID REASON: MESSAGE
 */
#pragma once

#include <adwaita.h>

#include "atr-resource.h"
#include "atr-trust-store.h"
#include "atr-workspace.h"

G_BEGIN_DECLS

#define ATR_TYPE_LAUNCHER (atr_launcher_get_type ())
G_DECLARE_FINAL_TYPE (AtrLauncher, atr_launcher, ATR, LAUNCHER, GObject)

/* @application: where session windows go (not referenced: it owns the launcher). */
AtrLauncher *atr_launcher_new          (GtkApplication *application);
void         atr_launcher_set_trust    (AtrLauncher    *self,
                                        AtrTrustStore  *trust);
/* Kiosk mode: no certificate override, whatever the tenant policy says. */
void         atr_launcher_set_kiosk    (AtrLauncher    *self,
                                        gboolean        kiosk);
/* FALSE: sessions never auto-reconnect, whatever the tenant policy says (the kiosk with
 * reconnect=false); TRUE (the default): the policy decides. */
void         atr_launcher_set_auto_reconnect (AtrLauncher *self,
                                              gboolean     allow);
void         atr_launcher_open         (AtrLauncher    *self,
                                        AtrWorkspace   *workspace,
                                        AtrResource    *resource);
/* @workspace (nullable): the enrolled tenant the payload belongs to (its policy, anchors and
 * credentials), or NULL for a stranger's file (default policy, redirections off).
 * @host, @port (0: the default) and @gateway_host (nullable: none) are what the launch
 * check or the user approved; no session starts unless the filtered payload really uses
 * exactly them (atr_rdp_summary_verify_target()). */
void         atr_launcher_open_payload (AtrLauncher    *self,
                                        AtrWorkspace   *workspace,
                                        GBytes         *payload,
                                        const char     *origin,
                                        const char     *host,
                                        guint           port,
                                        const char     *gateway_host);

G_END_DECLS
