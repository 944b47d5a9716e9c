/* atr-resources-page.h — the tenant's desktops and apps: grid, folders, search, states
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Activation (Return on a tile, double click, Return in the search entry for the first
 * match) emits "activate-resource"; the window hands it to the launcher.
 */
#pragma once

#include <adwaita.h>

#include "atr-workspace.h"

G_BEGIN_DECLS

#define ATR_TYPE_RESOURCES_PAGE (atr_resources_page_get_type ())
G_DECLARE_FINAL_TYPE (AtrResourcesPage, atr_resources_page, ATR, RESOURCES_PAGE, AdwBin)

void          atr_resources_page_set_workspace (AtrResourcesPage *self,
                                                AtrWorkspace     *workspace);
AtrWorkspace *atr_resources_page_get_workspace (AtrResourcesPage *self);
void          atr_resources_page_focus_search  (AtrResourcesPage *self);

G_END_DECLS
