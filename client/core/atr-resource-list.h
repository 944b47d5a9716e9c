/* atr-resource-list.h — the resources of one tenant as a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "atr-resource.h"

G_BEGIN_DECLS

#define ATR_TYPE_RESOURCE_LIST (atr_resource_list_get_type ())
G_DECLARE_FINAL_TYPE (AtrResourceList, atr_resource_list, ATR, RESOURCE_LIST, GObject)

AtrResourceList *atr_resource_list_new        (void);
void             atr_resource_list_replace    (AtrResourceList *self,
                                               GPtrArray       *resources);
AtrResource     *atr_resource_list_find_by_id (AtrResourceList *self,
                                               const char      *id);

G_END_DECLS
