/* atr-color.h — sRGB colours, WCAG 2 luminance and contrast, readable foregrounds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* WCAG 2 AA for normal text: what every foreground/background pair of a theme must reach. */
#define ATR_COLOR_MIN_CONTRAST 4.5

/**
 * AtrColor:
 * @r: red, 0–255
 * @g: green, 0–255
 * @b: blue, 0–255
 *
 * An opaque sRGB colour; a plain value, copied by assignment.
 */
typedef struct
{
  guint8 r;
  guint8 g;
  guint8 b;
} AtrColor;

gboolean atr_color_parse            (const char     *text,
                                     AtrColor       *out);
void     atr_color_to_string        (const AtrColor *color,
                                     char            out[8]);
gboolean atr_color_equal            (const AtrColor *a,
                                     const AtrColor *b);
double   atr_color_luminance        (const AtrColor *color);
double   atr_color_contrast         (const AtrColor *a,
                                     const AtrColor *b);
AtrColor atr_color_mix              (const AtrColor *a,
                                     const AtrColor *b,
                                     double          amount);
AtrColor atr_color_readable_fg      (const AtrColor *background,
                                     const AtrColor *foreground,
                                     double          min_ratio);

G_END_DECLS
