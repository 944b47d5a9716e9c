/* atr-rdp-resize.c — when to ask the server for a new desktop size (pure, no FreeRDP)
 *
 * A window being dragged asks for dozens of sizes a second; a server that gets each one
 * re-lays out the desktop each time. So a request only becomes due once no newer one came
 * for the debounce delay (a trailing debounce), and a size equal to the desktop's current
 * one is never sent. Sizes are clamped to what MS-RDPEDISP allows, with an even width
 * (Windows refuses odd widths).
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

  *resize = (AtrRdpResize) { 0, 0, -1, 0, 0, delay_us };
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
 * Returns: %TRUE when a request is due at @now_us and differs from the desktop's size; it
 *   is then no longer pending. A due request equal to the desktop's size is dropped.
 */
gboolean
atr_rdp_resize_take (AtrRdpResize *resize,
                     gint64        now_us,
                     guint        *width,
                     guint        *height)
{
  g_return_val_if_fail (resize != NULL, FALSE);
  g_return_val_if_fail (width != NULL && height != NULL, FALSE);

  if (resize->due_us < 0 || now_us < resize->due_us)
    return FALSE;
  resize->due_us = -1;
  if (resize->width == resize->desktop_width && resize->height == resize->desktop_height)
    return FALSE;
  *width = resize->width;
  *height = resize->height;
  return TRUE;
}
