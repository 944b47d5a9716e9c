/* atr-theme-private.h — how the parser fills an AtrTheme before handing it out
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-theme.h"

G_BEGIN_DECLS

AtrTheme *_atr_theme_new            (const char      *url,
                                     const char      *name,
                                     AtrTheme        *fallback);
void      _atr_theme_set_color      (AtrTheme        *self,
                                     AtrThemeVariant  variant,
                                     AtrThemeRole     role,
                                     const AtrColor  *color);
void      _atr_theme_set_has_dark   (AtrTheme        *self,
                                     gboolean         has_dark);
void      _atr_theme_set_logo_url   (AtrTheme        *self,
                                     AtrThemeVariant  variant,
                                     const char      *url);
void      _atr_theme_set_text       (AtrTheme        *self,
                                     const char      *normalized_locale,
                                     AtrThemeText     text,
                                     const char      *value);
void      _atr_theme_set_link       (AtrTheme        *self,
                                     AtrThemeLink     link,
                                     const char      *url);
void      _atr_theme_take_warnings  (AtrTheme        *self,
                                     GStrv            warnings);

G_END_DECLS
