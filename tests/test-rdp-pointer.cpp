/* test-rdp-pointer.cpp — server pointer shapes: XOR/AND masks to straight BGRA, hostile PDUs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <vector>

extern "C" {
#include "atr-rdp-error.h"
#include "atr-rdp-pointer.h"
}

/* B, G, R, A of pixel (x, y), top row first */
static guint32
pixel (AtrRdpPointer *p, guint x, guint y)
{
  gsize stride = 0;
  const guint8 *d = (const guint8 *) g_bytes_get_data (atr_rdp_pointer_get_pixels (p, &stride),
                                                       NULL);
  const guint8 *px = d + y * stride + x * 4;
  return ((guint32) px[3] << 24) | ((guint32) px[2] << 16) | ((guint32) px[1] << 8) | px[0];
}

TEST (RdpPointer, ThirtyTwoBitIsFlippedAndKeepsItsAlpha)
{
  /* 2x2, bottom-up: the first row in the PDU is the bottom row on screen */
  const guint8 xor_mask[] = {
    0x00, 0x00, 0xFF, 0xFF,   0x00, 0xFF, 0x00, 0x80,   /* bottom: red opaque, green half */
    0xFF, 0x00, 0x00, 0xFF,   0x00, 0x00, 0x00, 0x00,   /* top: blue opaque, transparent */
  };
  const guint8 and_mask[] = { 0x00, 0x00, 0x00, 0x00 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrRdpPointer) p = atr_rdp_pointer_new_from_masks (2, 2, 1, 0, 32, xor_mask,
                                                               sizeof xor_mask, and_mask,
                                                               sizeof and_mask, &error);

  ASSERT_NE (p, nullptr) << error->message;
  EXPECT_EQ (atr_rdp_pointer_get_kind (p), ATR_RDP_POINTER_IMAGE);
  EXPECT_EQ (atr_rdp_pointer_get_width (p), 2u);
  EXPECT_EQ (atr_rdp_pointer_get_height (p), 2u);
  guint hx = 9, hy = 9;
  atr_rdp_pointer_get_hotspot (p, &hx, &hy);
  EXPECT_EQ (hx, 1u);
  EXPECT_EQ (hy, 0u);
  EXPECT_EQ (pixel (p, 0, 0), 0xFF0000FFu) << std::hex << pixel (p, 0, 0);   /* blue */
  EXPECT_EQ (pixel (p, 1, 0) >> 24, 0x00u) << std::hex << pixel (p, 1, 0);   /* clear */
  EXPECT_EQ (pixel (p, 0, 1), 0xFFFF0000u) << std::hex << pixel (p, 0, 1);   /* red */
  EXPECT_EQ (pixel (p, 1, 1), 0x8000FF00u) << std::hex << pixel (p, 1, 1);   /* green, 50% */
}

TEST (RdpPointer, MonochromeMasksGiveBlackWhiteAndClear)
{
  /* 4x1, 1 bpp, rows padded to 2 bytes: pixels are AND/XOR = 00, 01, 10, 11 */
  const guint8 xor_mask[] = { 0x50, 0x00 };   /* 0101 */
  const guint8 and_mask[] = { 0x30, 0x00 };   /* 0011 */
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrRdpPointer) p = atr_rdp_pointer_new_from_masks (4, 1, 0, 0, 1, xor_mask,
                                                               sizeof xor_mask, and_mask,
                                                               sizeof and_mask, &error);

  ASSERT_NE (p, nullptr) << error->message;
  EXPECT_EQ (pixel (p, 0, 0), 0xFF000000u) << std::hex << pixel (p, 0, 0);   /* black */
  EXPECT_EQ (pixel (p, 1, 0), 0xFFFFFFFFu) << std::hex << pixel (p, 1, 0);   /* white */
  EXPECT_EQ (pixel (p, 2, 0) >> 24, 0x00u) << std::hex << pixel (p, 2, 0);   /* clear */
  /* "invert the screen" cannot be drawn by a cursor image: it must at least be visible */
  EXPECT_NE (pixel (p, 3, 0) >> 24, 0x00u) << std::hex << pixel (p, 3, 0);
}

TEST (RdpPointer, TwentyFourBitUsesTheAndMaskForTransparency)
{
  /* 2x1, 24 bpp (rows padded to 2 bytes: 6 bytes), AND: second pixel clear */
  const guint8 xor_mask[] = { 0x10, 0x20, 0x30, 0x00, 0x00, 0x00 };
  const guint8 and_mask[] = { 0x40, 0x00 };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrRdpPointer) p = atr_rdp_pointer_new_from_masks (2, 1, 0, 0, 24, xor_mask,
                                                               sizeof xor_mask, and_mask,
                                                               sizeof and_mask, &error);

  ASSERT_NE (p, nullptr) << error->message;
  EXPECT_EQ (pixel (p, 0, 0), 0xFF302010u) << std::hex << pixel (p, 0, 0);
  EXPECT_EQ (pixel (p, 1, 0) >> 24, 0x00u) << std::hex << pixel (p, 1, 0);
}

TEST (RdpPointer, HostileShapesAreRefusedWithAReason)
{
  std::vector<guint8> big (400 * 400 * 4, 0);
  const guint8 small[4] = { 0 };
  struct Case
  {
    const char *name;
    guint w, h, hx, hy, bpp;
    const guint8 *xor_mask;
    gsize xor_len;
    const guint8 *and_mask;
    gsize and_len;
    const char *says;
  } cases[] = {
    { "zero size", 0, 4, 0, 0, 32, big.data (), big.size (), NULL, 0, "size 0x4" },
    { "too big", 385, 10, 0, 0, 32, big.data (), big.size (), NULL, 0, "385x10" },
    { "hotspot outside", 4, 4, 4, 0, 32, big.data (), big.size (), NULL, 0, "hotspot 4,0" },
    { "odd bpp", 4, 4, 0, 0, 7, big.data (), big.size (), NULL, 0, "7 bits" },
    { "palette", 4, 4, 0, 0, 8, big.data (), big.size (), NULL, 0, "palette" },
    { "short xor", 32, 32, 0, 0, 32, small, sizeof small, NULL, 0, "XOR mask is 4 bytes" },
    { "no xor", 2, 2, 0, 0, 32, NULL, 0, NULL, 0, "XOR mask is 0 bytes" },
    { "short and", 32, 32, 0, 0, 32, big.data (), big.size (), small, sizeof small,
      "AND mask is 4 bytes" },
  };

  for (const Case &c : cases)
    {
      g_autoptr(GError) error = NULL;
      AtrRdpPointer *p = atr_rdp_pointer_new_from_masks (c.w, c.h, c.hx, c.hy, c.bpp,
                                                         c.xor_mask, c.xor_len, c.and_mask,
                                                         c.and_len, &error);
      EXPECT_EQ (p, nullptr) << c.name;
      ASSERT_NE (error, nullptr) << c.name;
      EXPECT_TRUE (g_error_matches (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED)) << c.name;
      EXPECT_NE (strstr (error->message, c.says), nullptr) << c.name << ": " << error->message;
      if (p != NULL)
        atr_rdp_pointer_unref (p);
    }
}

TEST (RdpPointer, HiddenAndDefaultHaveNoPixels)
{
  g_autoptr(AtrRdpPointer) hidden = atr_rdp_pointer_new (ATR_RDP_POINTER_HIDDEN);
  g_autoptr(AtrRdpPointer) def = atr_rdp_pointer_new (ATR_RDP_POINTER_DEFAULT);

  EXPECT_EQ (atr_rdp_pointer_get_kind (hidden), ATR_RDP_POINTER_HIDDEN);
  EXPECT_EQ (atr_rdp_pointer_get_kind (def), ATR_RDP_POINTER_DEFAULT);
  EXPECT_EQ (atr_rdp_pointer_get_pixels (hidden, NULL), nullptr);
  EXPECT_EQ (atr_rdp_pointer_get_width (def), 0u);
  /* a boxed type: copies share the value */
  AtrRdpPointer *copy = (AtrRdpPointer *) g_boxed_copy (ATR_TYPE_RDP_POINTER, hidden);
  EXPECT_EQ (copy, hidden);
  g_boxed_free (ATR_TYPE_RDP_POINTER, copy);
}
