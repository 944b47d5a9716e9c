/* atr-launcher.h — the one place "open this resource" goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For now it only tells the user that sessions arrive with the RDP engine (#5 fills it in:
 * fetch the .rdp payload, filter it by tenant policy, open a session window). With
 * ATR_DEBUG_LAUNCHER=1 in the environment every request is printed to stderr as
 * "atr-launcher: open TENANT_ID RESOURCE_ID" (the UI tests watch for it).
 */
#pragma once

#include <gio/gio.h>

#include "atr-resource.h"
#include "atr-tenant.h"

G_BEGIN_DECLS

#define ATR_TYPE_LAUNCHER (atr_launcher_get_type ())
G_DECLARE_FINAL_TYPE (AtrLauncher, atr_launcher, ATR, LAUNCHER, GObject)

AtrLauncher *atr_launcher_new  (void);
/* Emits "notice" (a translated sentence for a toast) when there is news for the user. */
void         atr_launcher_open (AtrLauncher *self,
                                AtrTenant   *tenant,
                                AtrResource *resource);

G_END_DECLS
