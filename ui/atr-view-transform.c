/* atr-view-transform.c — where the remote desktop sits inside the session view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <math.h>

#include "atr-view-transform.h"

/* A fit scale this close to 1 is drawn at exactly 1: tiles then stay on whole device pixels
 * (no seams under the cairo renderer) and nothing is resampled. */
#define SNAP_TO_ONE 0.005

/**
 * atr_view_transform_compute:
 * @transform: (out): the result
 * @mode: fit or 1:1
 * @widget_width: the widget's width (may be 0 before the first allocation)
 * @widget_height: the widget's height
 * @fb_width: the framebuffer's width
 * @fb_height: the framebuffer's height
 *
 * Returns: %FALSE (and an identity transform) when either size is empty
 */
gboolean
atr_view_transform_compute (AtrViewTransform *transform,
                            AtrViewScaleMode  mode,
                            int               widget_width,
                            int               widget_height,
                            int               fb_width,
                            int               fb_height)
{
  double scale = 1.0;

  g_return_val_if_fail (transform != NULL, FALSE);

  *transform = (AtrViewTransform) { 1.0, 0, 0, MAX (fb_width, 0), MAX (fb_height, 0),
                                    MAX (fb_width, 0), MAX (fb_height, 0) };
  if (widget_width <= 0 || widget_height <= 0 || fb_width <= 0 || fb_height <= 0)
    return FALSE;

  if (mode == ATR_VIEW_SCALE_FIT)
    {
      scale = MIN ((double) widget_width / fb_width, (double) widget_height / fb_height);
      if (fabs (scale - 1.0) < SNAP_TO_ONE)
        scale = 1.0;
    }

  transform->scale = scale;
  transform->width = fb_width * scale;
  transform->height = fb_height * scale;
  /* Centred on whole pixels; never negative (a larger picture is anchored top-left). */
  transform->x = MAX (0.0, floor ((widget_width - transform->width) / 2.0));
  transform->y = MAX (0.0, floor ((widget_height - transform->height) / 2.0));
  return TRUE;
}

/**
 * atr_view_transform_to_framebuffer:
 * @transform: from atr_view_transform_compute()
 * @widget_x: a point in the widget
 * @widget_y: a point in the widget
 * @fb_x: (out): the framebuffer pixel under it, clamped into the framebuffer
 * @fb_y: (out): the framebuffer pixel under it, clamped into the framebuffer
 *
 * Returns: %TRUE when the point is on the picture (not on a letterbox bar)
 */
gboolean
atr_view_transform_to_framebuffer (const AtrViewTransform *transform,
                                   double                  widget_x,
                                   double                  widget_y,
                                   int                    *fb_x,
                                   int                    *fb_y)
{
  double fx, fy;
  gboolean inside;

  g_return_val_if_fail (transform != NULL && transform->scale > 0, FALSE);
  g_return_val_if_fail (fb_x != NULL && fb_y != NULL, FALSE);

  fx = floor ((widget_x - transform->x) / transform->scale);
  fy = floor ((widget_y - transform->y) / transform->scale);
  inside = fx >= 0 && fy >= 0 && fx < transform->fb_width && fy < transform->fb_height;
  *fb_x = (int) CLAMP (fx, 0, MAX (transform->fb_width - 1, 0));
  *fb_y = (int) CLAMP (fy, 0, MAX (transform->fb_height - 1, 0));
  return inside;
}

/**
 * atr_view_transform_to_widget:
 * @transform: from atr_view_transform_compute()
 * @fb_x: a framebuffer coordinate (pixel edges are whole numbers)
 * @fb_y: a framebuffer coordinate
 * @widget_x: (out): where it is drawn in the widget
 * @widget_y: (out): where it is drawn in the widget
 */
void
atr_view_transform_to_widget (const AtrViewTransform *transform,
                              double                  fb_x,
                              double                  fb_y,
                              double                 *widget_x,
                              double                 *widget_y)
{
  g_return_if_fail (transform != NULL);
  g_return_if_fail (widget_x != NULL && widget_y != NULL);

  *widget_x = transform->x + fb_x * transform->scale;
  *widget_y = transform->y + fb_y * transform->scale;
}
