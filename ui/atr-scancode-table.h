/* atr-scancode-table.h — Linux evdev key codes to RDP (set 1) scan codes
 *
 * Pure data: no GTK. GDK's hardware keycodes on X11 (xkb "evdev" rules) and on Wayland are
 * the evdev code plus 8; atr_scancode_from_hardware_keycode() takes those directly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * AtrScancode:
 * @code: the scan code without its 0xE0 prefix (1..0xFF)
 * @extended: whether the key is an extended (0xE0-prefixed) one
 */
typedef struct
{
  guint16  code;
  gboolean extended;
} AtrScancode;

/* The offset between X11/Wayland keycodes and evdev codes. */
#define ATR_EVDEV_KEYCODE_OFFSET 8

gboolean atr_scancode_from_evdev            (guint        evdev_code,
                                             AtrScancode *out);
gboolean atr_scancode_from_hardware_keycode (guint        keycode,
                                             AtrScancode *out);

G_END_DECLS
