/* test-scancode-table.cpp — evdev / GDK hardware keycodes to RDP scan codes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <linux/input-event-codes.h>

extern "C" {
#include "atr-scancode-table.h"
}

struct Expect
{
  guint evdev;
  guint16 code;
  bool extended;
};

/* Values from the Windows set-1 table (the same as FreeRDP's RDP_SCANCODE_*). */
static const Expect kKeys[] = {
  { KEY_ESC, 0x01, false },       { KEY_1, 0x02, false },         { KEY_0, 0x0B, false },
  { KEY_BACKSPACE, 0x0E, false }, { KEY_TAB, 0x0F, false },       { KEY_Q, 0x10, false },
  { KEY_A, 0x1E, false },         { KEY_Z, 0x2C, false },         { KEY_ENTER, 0x1C, false },
  { KEY_LEFTCTRL, 0x1D, false },  { KEY_LEFTSHIFT, 0x2A, false }, { KEY_RIGHTSHIFT, 0x36, false },
  { KEY_LEFTALT, 0x38, false },   { KEY_SPACE, 0x39, false },     { KEY_CAPSLOCK, 0x3A, false },
  { KEY_F1, 0x3B, false },        { KEY_F10, 0x44, false },       { KEY_F11, 0x57, false },
  { KEY_F12, 0x58, false },       { KEY_NUMLOCK, 0x45, false },   { KEY_KP7, 0x47, false },
  { KEY_KPDOT, 0x53, false },     { KEY_102ND, 0x56, false },     { KEY_KPASTERISK, 0x37, false },
  /* extended keys */
  { KEY_KPENTER, 0x1C, true },    { KEY_RIGHTCTRL, 0x1D, true },  { KEY_KPSLASH, 0x35, true },
  { KEY_SYSRQ, 0x37, true },      { KEY_RIGHTALT, 0x38, true },   { KEY_HOME, 0x47, true },
  { KEY_UP, 0x48, true },         { KEY_PAGEUP, 0x49, true },     { KEY_LEFT, 0x4B, true },
  { KEY_RIGHT, 0x4D, true },      { KEY_END, 0x4F, true },        { KEY_DOWN, 0x50, true },
  { KEY_PAGEDOWN, 0x51, true },   { KEY_INSERT, 0x52, true },     { KEY_DELETE, 0x53, true },
  { KEY_LEFTMETA, 0x5B, true },   { KEY_RIGHTMETA, 0x5C, true },  { KEY_COMPOSE, 0x5D, true },
  { KEY_PAUSE, 0x46, true },      { KEY_MUTE, 0x20, true },       { KEY_VOLUMEUP, 0x30, true },
  { KEY_F13, 0x64, false },       { KEY_F24, 0x6F, false },
};

TEST (ScancodeTable, KnownKeys)
{
  for (const Expect &e : kKeys)
    {
      AtrScancode s = { 0, FALSE };
      ASSERT_TRUE (atr_scancode_from_evdev (e.evdev, &s)) << "evdev " << e.evdev;
      EXPECT_EQ (s.code, e.code) << "evdev " << e.evdev;
      EXPECT_EQ (!!s.extended, e.extended) << "evdev " << e.evdev;
    }
}

TEST (ScancodeTable, HardwareKeycodesAreEvdevPlusEight)
{
  AtrScancode s;

  /* X11/Wayland keycode 38 is KEY_A (30), 113 is KEY_LEFT (105). */
  ASSERT_TRUE (atr_scancode_from_hardware_keycode (38, &s));
  EXPECT_EQ (s.code, 0x1E);
  EXPECT_FALSE (s.extended);
  ASSERT_TRUE (atr_scancode_from_hardware_keycode (113, &s));
  EXPECT_EQ (s.code, 0x4B);
  EXPECT_TRUE (s.extended);
  ASSERT_TRUE (atr_scancode_from_hardware_keycode (9, &s));   /* Escape */
  EXPECT_EQ (s.code, 0x01);
}

TEST (ScancodeTable, UnknownAndOutOfRangeCodesAreRefused)
{
  AtrScancode s = { 0x99, TRUE };

  EXPECT_FALSE (atr_scancode_from_evdev (KEY_RESERVED, &s));
  EXPECT_FALSE (atr_scancode_from_evdev (84, &s));            /* a hole in the evdev table */
  EXPECT_FALSE (atr_scancode_from_evdev (KEY_BRIGHTNESSUP, &s));
  EXPECT_FALSE (atr_scancode_from_evdev (100000, &s));
  EXPECT_FALSE (atr_scancode_from_evdev (G_MAXUINT, &s));
  for (guint k = 0; k < 8; k++)
    EXPECT_FALSE (atr_scancode_from_hardware_keycode (k, &s));
  EXPECT_FALSE (atr_scancode_from_hardware_keycode (G_MAXUINT, &s));
  EXPECT_EQ (s.code, 0x99);   /* untouched on failure */
}

TEST (ScancodeTable, EveryMappedKeyIsAValidDistinctScancode)
{
  bool seen[2][256] = {};

  for (guint evdev = 0; evdev < 1024; evdev++)
    {
      AtrScancode s;
      if (!atr_scancode_from_evdev (evdev, &s))
        continue;
      EXPECT_GT (s.code, 0);
      EXPECT_LE (s.code, 0x7F) << "evdev " << evdev;
      EXPECT_FALSE (seen[s.extended ? 1 : 0][s.code]) << "evdev " << evdev << " reuses "
                                                      << s.code;
      seen[s.extended ? 1 : 0][s.code] = true;
    }
}
