/* atr-color.c — sRGB colours, WCAG 2 luminance and contrast, readable foregrounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-themes"

#include "config.h"

#include <math.h>
#include <string.h>

#include "atr-color.h"

/* The neutral extremes preferred over a washed-out brand colour (see atr_color_readable_fg). */
static const AtrColor near_black = { 0x1c, 0x1c, 0x1c };
static const AtrColor near_white = { 0xfa, 0xfa, 0xfa };
static const AtrColor black = { 0x00, 0x00, 0x00 };
static const AtrColor white = { 0xff, 0xff, 0xff };

/**
 * atr_color_parse:
 * @text: the text of a colour, exactly `#rrggbb` (hex digits in either case)
 * @out: (out): where to store the colour
 *
 * Only the one form themes use is accepted: no names, no `#rgb`, no alpha, no spaces.
 *
 * Returns: %TRUE if @text was a colour
 */
gboolean
atr_color_parse (const char *text,
                 AtrColor   *out)
{
  guint8 v[3];

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || text[0] != '#' || strlen (text) != 7)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    {
      int hi = g_ascii_xdigit_value (text[1 + 2 * i]);
      int lo = g_ascii_xdigit_value (text[2 + 2 * i]);

      if (hi < 0 || lo < 0)
        return FALSE;
      v[i] = (guint8) (hi * 16 + lo);
    }

  out->r = v[0];
  out->g = v[1];
  out->b = v[2];
  return TRUE;
}

/**
 * atr_color_to_string:
 * @color: a colour
 * @out: a buffer of 8 bytes, filled with `#rrggbb` (lower case) and a NUL
 */
void
atr_color_to_string (const AtrColor *color,
                     char            out[8])
{
  g_return_if_fail (color != NULL);
  g_return_if_fail (out != NULL);

  g_snprintf (out, 8, "#%02x%02x%02x", color->r, color->g, color->b);
}

gboolean
atr_color_equal (const AtrColor *a,
                 const AtrColor *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->r == b->r && a->g == b->g && a->b == b->b;
}

static double
linearize (guint8 channel)
{
  double c = channel / 255.0;

  /* WCAG 2.x keeps the 0.03928 threshold of the sRGB draft; the difference is invisible. */
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

/**
 * atr_color_luminance:
 * @color: a colour
 *
 * Returns: the WCAG 2 relative luminance, 0 (black) to 1 (white)
 */
double
atr_color_luminance (const AtrColor *color)
{
  g_return_val_if_fail (color != NULL, 0.0);

  return 0.2126 * linearize (color->r)
       + 0.7152 * linearize (color->g)
       + 0.0722 * linearize (color->b);
}

/**
 * atr_color_contrast:
 * @a: a colour
 * @b: another colour
 *
 * Returns: the WCAG 2 contrast ratio, 1 (none) to 21 (black on white); symmetric
 */
double
atr_color_contrast (const AtrColor *a,
                    const AtrColor *b)
{
  double la, lb;

  g_return_val_if_fail (a != NULL && b != NULL, 1.0);

  la = atr_color_luminance (a);
  lb = atr_color_luminance (b);
  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

/**
 * atr_color_mix:
 * @a: the colour at @amount 0
 * @b: the colour at @amount 1
 * @amount: how much of @b, clamped to 0–1
 *
 * Returns: the per-channel linear blend of @a and @b in sRGB space, rounded
 */
AtrColor
atr_color_mix (const AtrColor *a,
               const AtrColor *b,
               double          amount)
{
  AtrColor out = { 0, 0, 0 };

  g_return_val_if_fail (a != NULL && b != NULL, out);

  amount = CLAMP (amount, 0.0, 1.0);
  out.r = (guint8) lround (a->r + (b->r - a->r) * amount);
  out.g = (guint8) lround (a->g + (b->g - a->g) * amount);
  out.b = (guint8) lround (a->b + (b->b - a->b) * amount);
  return out;
}

/**
 * atr_color_readable_fg:
 * @background: the tenant's background, which is always kept
 * @foreground: the tenant's foreground
 * @min_ratio: the contrast to reach, at most 4.58 (normally %ATR_COLOR_MIN_CONTRAST)
 *
 * Finds a foreground readable on @background. @foreground itself when it already reaches
 * @min_ratio. Otherwise the foreground is pushed towards black (on light backgrounds) or
 * white (on dark ones) in steps of 1/255 until it reaches @min_ratio: the smallest change
 * keeps the brand's hue. When that needed more than half-way (little of the brand is left),
 * the neutral near-black #1c1c1c / near-white #fafafa is used instead if it is readable, and
 * pure black / white if not. Black or white always works: for any background the better of
 * the two reaches at least 4.58:1.
 *
 * Returns: the readable foreground
 */
AtrColor
atr_color_readable_fg (const AtrColor *background,
                       const AtrColor *foreground,
                       double          min_ratio)
{
  const AtrColor *extreme, *neutral;
  gboolean towards_black;

  g_return_val_if_fail (background != NULL && foreground != NULL, black);

  if (atr_color_contrast (foreground, background) >= min_ratio)
    return *foreground;

  towards_black = atr_color_contrast (&black, background) >= atr_color_contrast (&white, background);
  extreme = towards_black ? &black : &white;
  neutral = towards_black ? &near_black : &near_white;

  for (guint step = 1; step <= 255; step++)
    {
      AtrColor c = atr_color_mix (foreground, extreme, step / 255.0);

      if (atr_color_contrast (&c, background) < min_ratio)
        continue;
      if (step <= 128)
        return c;
      break;
    }

  if (atr_color_contrast (neutral, background) >= min_ratio)
    return *neutral;

  return *extreme;
}
