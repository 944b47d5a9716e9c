/* atr-rdp-resize.c — when to ask the server for a new desktop size (pure, no FreeRDP)
 *
 * A window being dragged asks for dozens of sizes a second; a server that gets each one
 * re-lays out the desktop each time. So a request only becomes due once no newer one came
 * for the debounce delay (a trailing debounce), and a size equal to the desktop's current
 * one is never sent. Sizes are clamped to what MS-RDPEDISP allows, with an even width
 * (Windows refuses odd widths), and kept within the monitor area the server announced in
 * its caps (scaled down, aspect ratio kept).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include "atr-rdp-resize.h"

void
atr_rdp_resize_init (AtrRdpResize *resize,
                     gint64        delay_us)
{
  g_return_if_fail (resize != NULL);
  g_return_if_fail (delay_us >= 0);

  *resize = (AtrRdpResize) { 0, 0, -1, 0, 0, delay_us, 0 };
}

/**
 * atr_rdp_resize_clamp:
 *
 * Clamps a size into 200..8192 and rounds the width down to an even number.
 */
void
atr_rdp_resize_clamp (guint *width,
                      guint *height)
{
  g_return_if_fail (width != NULL && height != NULL);

  *width = CLAMP (*width, ATR_RDP_RESIZE_MIN, ATR_RDP_RESIZE_MAX) & ~1u;
  *height = CLAMP (*height, ATR_RDP_RESIZE_MIN, ATR_RDP_RESIZE_MAX);
}

/**
 * atr_rdp_resize_max_area:
 *
 * MS-RDPEDISP 2.2.2.1: the largest combined monitor area a layout may have,
 * MaxNumMonitors × MaxMonitorAreaFactorA × MaxMonitorAreaFactorB (saturating).
 *
 * Returns: the area in pixels
 */
guint64
atr_rdp_resize_max_area (guint max_monitors,
                         guint factor_a,
                         guint factor_b)
{
  guint64 ab = (guint64) factor_a * factor_b;   /* < 2^64: both factors are 32-bit */

  if (max_monitors != 0 && ab > G_MAXUINT64 / max_monitors)
    return G_MAXUINT64;
  return ab * max_monitors;
}

/**
 * atr_rdp_resize_layout_allowed:
 *
 * Whether a monitor layout may be sent to a server announcing @max_monitors. A server
 * allowing none leaves Display Control unusable (FreeRDP 3.10's client would send a
 * malformed PDU).
 */
gboolean
atr_rdp_resize_layout_allowed (guint max_monitors)
{
  return max_monitors > 0;
}

/**
 * atr_rdp_resize_fit_area:
 * @max_area: the server's monitor area; 0 when not known (no limit)
 *
 * Clamps a size like atr_rdp_resize_clamp() and, when width × height is over @max_area,
 * scales it down keeping the aspect ratio. The 200 pixel minimum wins over a smaller area.
 */
void
atr_rdp_resize_fit_area (guint   *width,
                         guint   *height,
                         guint64  max_area)
{
  guint w, h, lo, hi;

  g_return_if_fail (width != NULL && height != NULL);

  atr_rdp_resize_clamp (width, height);
  w = *width;
  h = *height;
  if (max_area == 0 || (guint64) w * h <= max_area)
    return;
  /* The largest height whose proportional width fits (both at most 8192: no overflow). */
  lo = 1;
  hi = h;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;
      guint64 mid_w = (guint64) w * mid / h;

      if (mid_w * mid <= max_area)
        lo = mid;
      else
        hi = mid - 1;
    }
  *width = (guint) ((guint64) w * lo / h);
  *height = lo;
  atr_rdp_resize_clamp (width, height);
  /* The minimum may have pushed one side up: take it off the other. */
  if ((guint64) *width * *height > max_area)
    *width = MAX ((guint) MIN (max_area / *height, ATR_RDP_RESIZE_MAX) & ~1u, ATR_RDP_RESIZE_MIN);
  if ((guint64) *width * *height > max_area)
    *height = MAX ((guint) MIN (max_area / *width, ATR_RDP_RESIZE_MAX), ATR_RDP_RESIZE_MIN);
}

/**
 * atr_rdp_resize_set_max_area:
 * @max_area: from atr_rdp_resize_max_area(); 0: no limit
 *
 * The server announced its monitor area: requests sent from now on keep within it.
 */
void
atr_rdp_resize_set_max_area (AtrRdpResize *resize,
                             guint64       max_area)
{
  g_return_if_fail (resize != NULL);
  resize->max_area = max_area;
}

/**
 * atr_rdp_resize_request:
 * @now_us: the clock (monotonic microseconds)
 *
 * Asks for @width x @height (clamped); replaces any pending request and restarts the delay.
 */
void
atr_rdp_resize_request (AtrRdpResize *resize,
                        guint         width,
                        guint         height,
                        gint64        now_us)
{
  g_return_if_fail (resize != NULL);

  atr_rdp_resize_clamp (&width, &height);
  resize->width = width;
  resize->height = height;
  resize->due_us = now_us + resize->delay_us;
}

/**
 * atr_rdp_resize_set_desktop:
 *
 * The server's desktop has this size now (connected, or resized by the server).
 */
void
atr_rdp_resize_set_desktop (AtrRdpResize *resize,
                            guint         width,
                            guint         height)
{
  g_return_if_fail (resize != NULL);

  resize->desktop_width = width;
  resize->desktop_height = height;
}

/**
 * atr_rdp_resize_get_due:
 *
 * Returns: when the pending request may be sent, or -1 when none is pending
 */
gint64
atr_rdp_resize_get_due (const AtrRdpResize *resize)
{
  g_return_val_if_fail (resize != NULL, -1);
  return resize->due_us;
}

/**
 * atr_rdp_resize_take:
 * @width: (out): the size to send
 * @height: (out):
 *
 * Returns: %TRUE when a request is due at @now_us and, kept within the server's monitor
 *   area, differs from the desktop's size; it is then no longer pending. A due request
 *   equal to the desktop's size is dropped.
 */
gboolean
atr_rdp_resize_take (AtrRdpResize *resize,
                     gint64        now_us,
                     guint        *width,
                     guint        *height)
{
  guint w, h;

  g_return_val_if_fail (resize != NULL, FALSE);
  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  if (resize->due_us < 0 || now_us < resize->due_us)
    return FALSE;
  resize->due_us = -1;
  w = resize->width;
  h = resize->height;
  atr_rdp_resize_fit_area (&w, &h, resize->max_area);
  if (w == resize->desktop_width && h == resize->desktop_height)
    return FALSE;
  *width = w;
  *height = h;
  return TRUE;
}
