/* atr-preferences-window.h — screen mode, scaling, the workspace that opens at start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define ATR_TYPE_PREFERENCES_WINDOW (atr_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (AtrPreferencesWindow, atr_preferences_window, ATR, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

/* @settings: the org.atrium.Atrium schema; every change is applied at once. */
GtkWindow *atr_preferences_window_new (GtkWindow *parent,
                                       GSettings *settings);

G_END_DECLS
