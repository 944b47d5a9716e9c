/* atr-rdp-resize.h — when to ask the server for a new desktop size (pure, no FreeRDP)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* MS-RDPEDISP 2.2.2.2.1: monitor sizes the Display Control channel accepts. */
#define ATR_RDP_RESIZE_MIN 200
#define ATR_RDP_RESIZE_MAX 8192

/* How long a size must stay unchanged before it is sent (window drags send many). */
#define ATR_RDP_RESIZE_DEBOUNCE_US (200 * G_TIME_SPAN_MILLISECOND)

/**
 * AtrRdpResize:
 *
 * The debounce state of dynamic resolution: the newest size asked for, when it becomes due,
 * and the desktop size the server has now. A plain struct driven by an injected clock.
 */
typedef struct
{
  guint  width;          /* the newest size asked for (clamped) */
  guint  height;
  gint64 due_us;         /* when it may be sent; -1 when nothing is pending */
  guint  desktop_width;  /* the size the server's desktop has now (0: not known yet) */
  guint  desktop_height;
  gint64 delay_us;
  guint64 max_area;      /* the server's monitor area (MS-RDPEDISP caps); 0: not known */
} AtrRdpResize;

void      atr_rdp_resize_init        (AtrRdpResize *resize,
                                      gint64        delay_us);
void      atr_rdp_resize_clamp       (guint        *width,
                                      guint        *height);
guint64   atr_rdp_resize_max_area    (guint         max_monitors,
                                      guint         factor_a,
                                      guint         factor_b);
gboolean  atr_rdp_resize_layout_allowed (guint      max_monitors);
void      atr_rdp_resize_fit_area    (guint        *width,
                                      guint        *height,
                                      guint64       max_area);
void      atr_rdp_resize_set_max_area (AtrRdpResize *resize,
                                      guint64       max_area);
void      atr_rdp_resize_request     (AtrRdpResize *resize,
                                      guint         width,
                                      guint         height,
                                      gint64        now_us);
void      atr_rdp_resize_set_desktop (AtrRdpResize *resize,
                                      guint         width,
                                      guint         height);
gint64    atr_rdp_resize_get_due     (const AtrRdpResize *resize);
gboolean  atr_rdp_resize_take        (AtrRdpResize *resize,
                                      gint64        now_us,
                                      guint        *width,
                                      guint        *height);

G_END_DECLS
