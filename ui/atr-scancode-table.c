/* atr-scancode-table.c — Linux evdev key codes to RDP (set 1) scan codes
 *
 * The table follows <linux/input-event-codes.h> and the Windows set-1 scan codes that RDP
 * sends (the same values as FreeRDP's RDP_SCANCODE_*): codes 1–88 map one to one, the
 * navigation block, the right-hand modifiers, keypad Enter and Divide, the Windows keys and
 * the media keys are extended (0xE0) keys.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include "atr-scancode-table.h"

#define EXT 0x100   /* marks an extended key in the table */

/* Indexed by evdev code; 0 means "no RDP scan code". */
static const guint16 evdev_to_rdp[] = {
  /* 1..88: KEY_ESC .. KEY_F12 are the set-1 codes themselves (KEY_RESERVED 0 and 84 are not
   * keys). */
  [1] = 0x01, [2] = 0x02, [3] = 0x03, [4] = 0x04, [5] = 0x05, [6] = 0x06, [7] = 0x07,
  [8] = 0x08, [9] = 0x09, [10] = 0x0A, [11] = 0x0B, [12] = 0x0C, [13] = 0x0D, [14] = 0x0E,
  [15] = 0x0F, [16] = 0x10, [17] = 0x11, [18] = 0x12, [19] = 0x13, [20] = 0x14, [21] = 0x15,
  [22] = 0x16, [23] = 0x17, [24] = 0x18, [25] = 0x19, [26] = 0x1A, [27] = 0x1B, [28] = 0x1C,
  [29] = 0x1D, [30] = 0x1E, [31] = 0x1F, [32] = 0x20, [33] = 0x21, [34] = 0x22, [35] = 0x23,
  [36] = 0x24, [37] = 0x25, [38] = 0x26, [39] = 0x27, [40] = 0x28, [41] = 0x29, [42] = 0x2A,
  [43] = 0x2B, [44] = 0x2C, [45] = 0x2D, [46] = 0x2E, [47] = 0x2F, [48] = 0x30, [49] = 0x31,
  [50] = 0x32, [51] = 0x33, [52] = 0x34, [53] = 0x35, [54] = 0x36, [55] = 0x37, [56] = 0x38,
  [57] = 0x39, [58] = 0x3A, [59] = 0x3B, [60] = 0x3C, [61] = 0x3D, [62] = 0x3E, [63] = 0x3F,
  [64] = 0x40, [65] = 0x41, [66] = 0x42, [67] = 0x43, [68] = 0x44, [69] = 0x45, [70] = 0x46,
  [71] = 0x47, [72] = 0x48, [73] = 0x49, [74] = 0x4A, [75] = 0x4B, [76] = 0x4C, [77] = 0x4D,
  [78] = 0x4E, [79] = 0x4F, [80] = 0x50, [81] = 0x51, [82] = 0x52, [83] = 0x53,
  [85] = 0x76,            /* KEY_ZENKAKUHANKAKU */
  [86] = 0x56,            /* KEY_102ND: the extra key left of Z */
  [87] = 0x57,            /* KEY_F11 */
  [88] = 0x58,            /* KEY_F12 */
  [89] = 0x73,            /* KEY_RO (ABNT C1) */
  [90] = 0x78,            /* KEY_KATAKANA */
  [91] = 0x77,            /* KEY_HIRAGANA */
  [92] = 0x79,            /* KEY_HENKAN (convert) */
  [93] = 0x70,            /* KEY_KATAKANAHIRAGANA */
  [94] = 0x7B,            /* KEY_MUHENKAN (non-convert) */
  [95] = 0x5C,            /* KEY_KPJPCOMMA */
  [96] = 0x1C | EXT,      /* KEY_KPENTER */
  [97] = 0x1D | EXT,      /* KEY_RIGHTCTRL */
  [98] = 0x35 | EXT,      /* KEY_KPSLASH */
  [99] = 0x37 | EXT,      /* KEY_SYSRQ: Print Screen */
  [100] = 0x38 | EXT,     /* KEY_RIGHTALT (AltGr) */
  [102] = 0x47 | EXT,     /* KEY_HOME */
  [103] = 0x48 | EXT,     /* KEY_UP */
  [104] = 0x49 | EXT,     /* KEY_PAGEUP */
  [105] = 0x4B | EXT,     /* KEY_LEFT */
  [106] = 0x4D | EXT,     /* KEY_RIGHT */
  [107] = 0x4F | EXT,     /* KEY_END */
  [108] = 0x50 | EXT,     /* KEY_DOWN */
  [109] = 0x51 | EXT,     /* KEY_PAGEDOWN */
  [110] = 0x52 | EXT,     /* KEY_INSERT */
  [111] = 0x53 | EXT,     /* KEY_DELETE */
  [113] = 0x20 | EXT,     /* KEY_MUTE */
  [114] = 0x2E | EXT,     /* KEY_VOLUMEDOWN */
  [115] = 0x30 | EXT,     /* KEY_VOLUMEUP */
  [116] = 0x5E | EXT,     /* KEY_POWER */
  [117] = 0x59,           /* KEY_KPEQUAL */
  [119] = 0x46 | EXT,     /* KEY_PAUSE (FreeRDP's RDP_SCANCODE_PAUSE) */
  [121] = 0x7E,           /* KEY_KPCOMMA (ABNT C2) */
  [122] = 0x72,           /* KEY_HANGEUL */
  [123] = 0x71,           /* KEY_HANJA */
  [124] = 0x7D,           /* KEY_YEN */
  [125] = 0x5B | EXT,     /* KEY_LEFTMETA: left Windows key */
  [126] = 0x5C | EXT,     /* KEY_RIGHTMETA */
  [127] = 0x5D | EXT,     /* KEY_COMPOSE: the Menu (Apps) key */
  [142] = 0x5F | EXT,     /* KEY_SLEEP */
  [163] = 0x19 | EXT,     /* KEY_NEXTSONG */
  [164] = 0x22 | EXT,     /* KEY_PLAYPAUSE */
  [165] = 0x10 | EXT,     /* KEY_PREVIOUSSONG */
  [166] = 0x24 | EXT,     /* KEY_STOPCD */
  [183] = 0x64, [184] = 0x65, [185] = 0x66, [186] = 0x67, [187] = 0x68, [188] = 0x69,
  [189] = 0x6A, [190] = 0x6B, [191] = 0x6C, [192] = 0x6D, [193] = 0x6E,   /* F13..F23 */
  [194] = 0x6F,           /* KEY_F24 */
};

/**
 * atr_scancode_from_evdev:
 * @evdev_code: a Linux input key code (KEY_*)
 * @out: (out): the RDP scan code
 *
 * Returns: %TRUE when the key has an RDP scan code
 */
gboolean
atr_scancode_from_evdev (guint        evdev_code,
                         AtrScancode *out)
{
  guint16 entry;

  g_return_val_if_fail (out != NULL, FALSE);

  if (evdev_code >= G_N_ELEMENTS (evdev_to_rdp))
    return FALSE;
  entry = evdev_to_rdp[evdev_code];
  if (entry == 0)
    return FALSE;
  out->code = entry & 0xFF;
  out->extended = (entry & EXT) != 0;
  return TRUE;
}

/**
 * atr_scancode_from_hardware_keycode:
 * @keycode: a GDK hardware keycode (X11 with evdev rules, or Wayland): evdev + 8
 * @out: (out): the RDP scan code
 *
 * Returns: %TRUE when the key has an RDP scan code
 */
gboolean
atr_scancode_from_hardware_keycode (guint        keycode,
                                    AtrScancode *out)
{
  g_return_val_if_fail (out != NULL, FALSE);

  if (keycode < ATR_EVDEV_KEYCODE_OFFSET)
    return FALSE;
  return atr_scancode_from_evdev (keycode - ATR_EVDEV_KEYCODE_OFFSET, out);
}
