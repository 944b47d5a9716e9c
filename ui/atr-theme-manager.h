/* atr-theme-manager.h — the one place that installs tenant CSS (display-wide)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One GtkCssProvider on the default display, filled from atr_theme_css_generate() for the
 * variant AdwStyleManager:dark asks for, regenerated when that changes. Also loads the
 * theme's logo for the current variant (checked with atr_logo_check()) as "logo".
 */
#pragma once

#include <gtk/gtk.h>

#include "atr-theme.h"

G_BEGIN_DECLS

#define ATR_TYPE_THEME_MANAGER (atr_theme_manager_get_type ())
G_DECLARE_FINAL_TYPE (AtrThemeManager, atr_theme_manager, ATR, THEME_MANAGER, GObject)

/* Needs an initialised GTK/libadwaita (the application's startup). */
AtrThemeManager *atr_theme_manager_get_default (void);
/* @theme (nullable): NULL removes the tenant CSS (Atrium's own look). */
void             atr_theme_manager_set_theme   (AtrThemeManager *self,
                                                AtrTheme        *theme);
void             atr_theme_manager_set_theme_with_logos (AtrThemeManager *self,
                                                         AtrTheme        *theme,
                                                         GBytes          *light,
                                                         GBytes          *dark);
AtrTheme        *atr_theme_manager_get_theme   (AtrThemeManager *self);
/* (nullable): the current logo, or NULL while none is loaded. */
GdkPaintable    *atr_theme_manager_get_logo    (AtrThemeManager *self);
/* A text of the current theme for the user's language, or NULL. */
const char      *atr_theme_manager_get_text    (AtrThemeManager *self,
                                                AtrThemeText     text);

G_END_DECLS
