/* atr-resource-tile.h — one resource in the grid: icon, title, desktop/app badge
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atr-icon-cache.h"
#include "atr-resource.h"

G_BEGIN_DECLS

#define ATR_TYPE_RESOURCE_TILE (atr_resource_tile_get_type ())
G_DECLARE_FINAL_TYPE (AtrResourceTile, atr_resource_tile, ATR, RESOURCE_TILE, GtkWidget)

GtkWidget   *atr_resource_tile_new          (void);
/* @resource, @icons (nullable): what to show; NULL clears the tile (unbind). */
void         atr_resource_tile_set_resource (AtrResourceTile *self,
                                             AtrResource     *resource,
                                             AtrIconCache    *icons);
AtrResource *atr_resource_tile_get_resource (AtrResourceTile *self);

G_END_DECLS
