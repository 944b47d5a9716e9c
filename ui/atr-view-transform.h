/* atr-view-transform.h — where the remote desktop sits inside the session view
 *
 * Pure geometry, no GTK: the session view draws with it and maps the pointer with it, so a
 * click lands on the pixel it was drawn on. Widget coordinates are GTK logical pixels.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AtrViewScaleMode:
 * @ATR_VIEW_SCALE_FIT: scale (up or down) to fit the widget, keeping the aspect ratio, and
 *   centre the picture with letterbox or pillarbox bars
 * @ATR_VIEW_SCALE_ONE_TO_ONE: one framebuffer pixel per widget pixel, centred when the
 *   widget is larger, anchored top-left (and cropped) when it is smaller
 */
typedef enum
{
  ATR_VIEW_SCALE_FIT,
  ATR_VIEW_SCALE_ONE_TO_ONE,
} AtrViewScaleMode;

/**
 * AtrViewTransform:
 * @scale: widget pixels per framebuffer pixel (> 0)
 * @x: left edge of the picture in the widget (whole pixels)
 * @y: top edge of the picture in the widget (whole pixels)
 * @width: drawn width of the picture in widget pixels
 * @height: drawn height of the picture in widget pixels
 * @fb_width: framebuffer width
 * @fb_height: framebuffer height
 */
typedef struct
{
  double scale;
  double x;
  double y;
  double width;
  double height;
  int    fb_width;
  int    fb_height;
} AtrViewTransform;

gboolean atr_view_transform_compute          (AtrViewTransform       *transform,
                                              AtrViewScaleMode        mode,
                                              int                     widget_width,
                                              int                     widget_height,
                                              int                     fb_width,
                                              int                     fb_height);
gboolean atr_view_transform_to_framebuffer   (const AtrViewTransform *transform,
                                              double                  widget_x,
                                              double                  widget_y,
                                              int                    *fb_x,
                                              int                    *fb_y);
void     atr_view_transform_to_widget        (const AtrViewTransform *transform,
                                              double                  fb_x,
                                              double                  fb_y,
                                              double                 *widget_x,
                                              double                 *widget_y);

G_END_DECLS
