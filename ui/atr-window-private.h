/* atr-window-private.h — AtrWindow internals shared by its sibling files (ui/ only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-window.h"

G_BEGIN_DECLS

/* (element-type AtrWorkspace) (transfer none): the enrolled workspaces, in switcher order */
GPtrArray *_atr_window_get_workspaces (AtrWindow *self);

/* (transfer none): the workspace's name as the switcher shows it */
const char *_atr_window_workspace_name (AtrWorkspace *workspace);

/* ui/atr-window-help.c: "Get Help" */
void       _atr_window_get_help        (AtrWindow  *self,
                                        const char *link,
                                        const char *support);

/* ui/atr-window-close.c: closing the main window with sessions open asks first */
gboolean   _atr_window_ask_before_closing (AtrWindow *self);

G_END_DECLS
