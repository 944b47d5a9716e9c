/* atr-rdp-settings.h — a filtered .rdp file applied to FreeRDP 3 settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "atr-rdp-file.h"
#include "atr-rdp-policy.h"
#include "atr-rdp-summary.h"

G_BEGIN_DECLS

/* FreeRDP's rdpSettings, declared here so that callers outside rdp/ need no FreeRDP header. */
struct rdp_settings;

gboolean       atr_rdp_settings_apply        (struct rdp_settings  *settings,
                                              AtrRdpFile           *filtered,
                                              const AtrRdpPolicy   *policy,
                                              AtrRdpSummary       **summary,
                                              GError              **error);
AtrRdpSummary *atr_rdp_settings_read_summary (struct rdp_settings  *settings,
                                              AtrRdpRedirection     unmapped);
guint32        atr_rdp_settings_keyboard_layout       (void);
gboolean       atr_rdp_settings_apply_keyboard_layout (struct rdp_settings *settings);
AtrRdpSummary *atr_rdp_settings_check        (AtrRdpFile           *filtered,
                                              const AtrRdpPolicy   *policy,
                                              GError              **error);

G_END_DECLS
