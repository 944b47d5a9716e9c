/* atr-theme.h — a tenant's look: colours, logos, texts, links (immutable value object)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "atr-color.h"
#include "atr-theme-error.h"

G_BEGIN_DECLS

typedef enum
{
  ATR_THEME_VARIANT_LIGHT,
  ATR_THEME_VARIANT_DARK,
} AtrThemeVariant;

/* The six colours of a palette, in schema order ("accent", "accent_fg", …). */
typedef enum
{
  ATR_THEME_ROLE_ACCENT,
  ATR_THEME_ROLE_ACCENT_FG,
  ATR_THEME_ROLE_HEADER_BG,
  ATR_THEME_ROLE_HEADER_FG,
  ATR_THEME_ROLE_WINDOW_BG,
  ATR_THEME_ROLE_WINDOW_FG,
  ATR_THEME_N_ROLES
} AtrThemeRole;

/* The per-locale texts ("title", "welcome", …) and their length caps in characters. */
typedef enum
{
  ATR_THEME_TEXT_TITLE,
  ATR_THEME_TEXT_WELCOME,
  ATR_THEME_TEXT_LOGIN_HINT,
  ATR_THEME_TEXT_PRE_LOGON_MESSAGE,
  ATR_THEME_TEXT_SUPPORT,
  ATR_THEME_N_TEXTS
} AtrThemeText;

typedef enum
{
  ATR_THEME_LINK_SUPPORT,
  ATR_THEME_LINK_PASSWORD_RESET,
  ATR_THEME_LINK_PRIVACY,
  ATR_THEME_N_LINKS
} AtrThemeLink;

#define ATR_TYPE_THEME (atr_theme_get_type ())
G_DECLARE_FINAL_TYPE (AtrTheme, atr_theme, ATR, THEME, GObject)

const char         *atr_theme_get_name          (AtrTheme        *self);
const char         *atr_theme_get_url           (AtrTheme        *self);
AtrTheme           *atr_theme_get_fallback      (AtrTheme        *self);
AtrColor            atr_theme_get_color         (AtrTheme        *self,
                                                 AtrThemeVariant  variant,
                                                 AtrThemeRole     role);
gboolean            atr_theme_has_dark_colors   (AtrTheme        *self);
const char         *atr_theme_get_logo_url      (AtrTheme        *self,
                                                 AtrThemeVariant  variant);
const char         *atr_theme_get_text          (AtrTheme        *self,
                                                 const char      *locale,
                                                 AtrThemeText     text);
const char         *atr_theme_get_link          (AtrTheme        *self,
                                                 AtrThemeLink     link);
const char * const *atr_theme_get_warnings      (AtrTheme        *self);

JsonNode           *atr_theme_to_json           (AtrTheme        *self,
                                                 const char      *locale);

const char         *atr_theme_role_to_key       (AtrThemeRole     role);
const char         *atr_theme_text_to_key       (AtrThemeText     text);
guint               atr_theme_text_max_length   (AtrThemeText     text);
const char         *atr_theme_link_to_key       (AtrThemeLink     link);
char               *atr_theme_normalize_locale  (const char      *locale);

G_END_DECLS
