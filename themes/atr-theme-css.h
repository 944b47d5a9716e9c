/* atr-theme-css.h — libadwaita 1.2 named colours from a theme (pure CSS generation)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-theme.h"

G_BEGIN_DECLS

char *atr_theme_css_generate (AtrTheme        *theme,
                              AtrThemeVariant  variant);

G_END_DECLS
