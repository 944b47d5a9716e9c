/* atr-theme-css.c — libadwaita 1.2 named colours from a theme (pure CSS generation)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 CSS cannot follow the dark-mode preference by itself (no prefers-color-scheme),
 * so the theme manager installs the CSS of one variant into a display-wide provider and
 * regenerates it when AdwStyleManager:dark changes. Only validated `#rrggbb` colours reach
 * the output, never a tenant string, so a theme cannot inject CSS.
 */
#define G_LOG_DOMAIN "atrium-themes"

#include "config.h"

#include "atr-theme-css.h"

static void
define (GString        *css,
        const char     *name,
        const AtrColor *color)
{
  char hex[8];

  atr_color_to_string (color, hex);
  g_string_append_printf (css, "@define-color %s %s;\n", name, hex);
}

/**
 * atr_theme_css_generate:
 * @theme: a theme
 * @variant: the palette to use (light or dark)
 *
 * Overrides libadwaita 1.2's named colours:
 * accent_bg_color/accent_fg_color = accent/accent_fg; accent_color (accent used as text) =
 * the accent made readable on both view and window background; window_* and headerbar_*
 * from the palette (headerbar_border_color = header_fg, headerbar_backdrop_color =
 * window_bg, like libadwaita's defaults); view_bg_color = window_bg mixed 60 % towards white
 * (light) or 20 % towards black (dark); card_* = view_*; popover_bg_color = view_bg (light)
 * or window_bg mixed 8 % towards white (dark); atr_dim_fg_color (Atrium's own, for
 * secondary text in ui/style.css) = window_fg mixed 30 % towards window_bg, made readable on
 * the window, the view and an entry (window_bg tinted 10 % with window_fg). Every derived
 * foreground reaches 4.5:1.
 *
 * Returns: (transfer full): the CSS text
 */
char *
atr_theme_css_generate (AtrTheme        *theme,
                        AtrThemeVariant  variant)
{
  static const AtrColor white = { 0xff, 0xff, 0xff };
  static const AtrColor black = { 0x00, 0x00, 0x00 };
  GString *css;
  AtrColor accent, accent_fg, header_bg, header_fg, window_bg, window_fg;
  AtrColor accent_text, view_bg, view_fg, popover_bg, popover_fg, entry_bg, dim_fg;
  gboolean dark = variant == ATR_THEME_VARIANT_DARK;

  g_return_val_if_fail (ATR_IS_THEME (theme), NULL);
  g_return_val_if_fail (variant <= ATR_THEME_VARIANT_DARK, NULL);

  accent = atr_theme_get_color (theme, variant, ATR_THEME_ROLE_ACCENT);
  accent_fg = atr_theme_get_color (theme, variant, ATR_THEME_ROLE_ACCENT_FG);
  header_bg = atr_theme_get_color (theme, variant, ATR_THEME_ROLE_HEADER_BG);
  header_fg = atr_theme_get_color (theme, variant, ATR_THEME_ROLE_HEADER_FG);
  window_bg = atr_theme_get_color (theme, variant, ATR_THEME_ROLE_WINDOW_BG);
  window_fg = atr_theme_get_color (theme, variant, ATR_THEME_ROLE_WINDOW_FG);

  view_bg = dark ? atr_color_mix (&window_bg, &black, 0.2) : atr_color_mix (&window_bg, &white, 0.6);
  view_fg = atr_color_readable_fg (&view_bg, &window_fg, ATR_COLOR_MIN_CONTRAST);
  popover_bg = dark ? atr_color_mix (&window_bg, &white, 0.08) : view_bg;
  popover_fg = atr_color_readable_fg (&popover_bg, &window_fg, ATR_COLOR_MIN_CONTRAST);

  /* Readable on the view background and on the window background. */
  accent_text = atr_color_readable_fg (&view_bg, &accent, ATR_COLOR_MIN_CONTRAST);
  accent_text = atr_color_readable_fg (&window_bg, &accent_text, ATR_COLOR_MIN_CONTRAST);
  if (atr_color_contrast (&accent_text, &view_bg) < ATR_COLOR_MIN_CONTRAST)
    accent_text = MIN (atr_color_contrast (&black, &view_bg), atr_color_contrast (&black, &window_bg))
                  >= MIN (atr_color_contrast (&white, &view_bg), atr_color_contrast (&white, &window_bg))
                  ? black : white;

  /* Secondary text (.dim-label: the login hint, the help desk; entry placeholders) is small
   * text, drawn by libadwaita 1.2 at 55 % opacity: about 3.5:1. ui/style.css draws it in
   * this solid colour instead, readable on the window, the view and an entry's tint. */
  entry_bg = atr_color_mix (&window_bg, &window_fg, 0.1);
  dim_fg = atr_color_mix (&window_fg, &window_bg, 0.3);
  for (guint i = 0; i < 2; i++)
    {
      dim_fg = atr_color_readable_fg (&window_bg, &dim_fg, ATR_COLOR_MIN_CONTRAST);
      dim_fg = atr_color_readable_fg (&view_bg, &dim_fg, ATR_COLOR_MIN_CONTRAST);
      dim_fg = atr_color_readable_fg (&entry_bg, &dim_fg, ATR_COLOR_MIN_CONTRAST);
    }
  if (atr_color_contrast (&dim_fg, &window_bg) < ATR_COLOR_MIN_CONTRAST ||
      atr_color_contrast (&dim_fg, &view_bg) < ATR_COLOR_MIN_CONTRAST ||
      atr_color_contrast (&dim_fg, &entry_bg) < ATR_COLOR_MIN_CONTRAST)
    dim_fg = atr_color_luminance (&window_bg) > 0.18 ? black : white;

  css = g_string_new (NULL);
  g_string_append_printf (css, "/* Atrium tenant theme, %s variant. Generated; do not edit. */\n",
                          dark ? "dark" : "light");
  define (css, "accent_bg_color", &accent);
  define (css, "accent_fg_color", &accent_fg);
  define (css, "accent_color", &accent_text);
  define (css, "window_bg_color", &window_bg);
  define (css, "window_fg_color", &window_fg);
  define (css, "view_bg_color", &view_bg);
  define (css, "view_fg_color", &view_fg);
  define (css, "headerbar_bg_color", &header_bg);
  define (css, "headerbar_fg_color", &header_fg);
  define (css, "headerbar_border_color", &header_fg);
  define (css, "headerbar_backdrop_color", &window_bg);
  define (css, "card_bg_color", &view_bg);
  define (css, "card_fg_color", &view_fg);
  define (css, "popover_bg_color", &popover_bg);
  define (css, "popover_fg_color", &popover_fg);
  define (css, "atr_dim_fg_color", &dim_fg);

  return g_string_free (css, FALSE);
}
