// Tests for AtrColor: parsing, WCAG 2 luminance and contrast, readable foregrounds.
#include <gtest/gtest.h>

#include "atr-color.h"

namespace {

AtrColor
rgb (guint8 r, guint8 g, guint8 b)
{
  AtrColor c = { r, g, b };
  return c;
}

std::string
hex (const AtrColor &c)
{
  char buf[8];
  atr_color_to_string (&c, buf);
  return buf;
}

TEST (Color, ParsesOnlyHashSixHex)
{
  AtrColor c = rgb (1, 2, 3);

  ASSERT_TRUE (atr_color_parse ("#0f766E", &c));
  EXPECT_EQ (hex (c), "#0f766e");
  EXPECT_EQ (c.r, 0x0f);
  EXPECT_EQ (c.g, 0x76);
  EXPECT_EQ (c.b, 0x6e);

  for (const char *bad : { "#12345", "red", "#GGGGGG", "#1234567", "", "123456", " #123456",
                           "#123456 ", "#12 456", "rgb(1,2,3)", "#fff" })
    {
      AtrColor untouched = rgb (9, 9, 9);
      EXPECT_FALSE (atr_color_parse (bad, &untouched)) << bad;
      EXPECT_EQ (hex (untouched), "#090909") << bad;
    }
  EXPECT_FALSE (atr_color_parse (nullptr, &c));
}

TEST (Color, LuminanceMatchesWcag)
{
  AtrColor black = rgb (0, 0, 0), white = rgb (255, 255, 255);

  EXPECT_DOUBLE_EQ (atr_color_luminance (&black), 0.0);
  EXPECT_NEAR (atr_color_luminance (&white), 1.0, 1e-9);
  // Pure primaries weigh 0.2126 / 0.7152 / 0.0722.
  AtrColor red = rgb (255, 0, 0), green = rgb (0, 255, 0), blue = rgb (0, 0, 255);
  EXPECT_NEAR (atr_color_luminance (&red), 0.2126, 1e-9);
  EXPECT_NEAR (atr_color_luminance (&green), 0.7152, 1e-9);
  EXPECT_NEAR (atr_color_luminance (&blue), 0.0722, 1e-9);
  // #777777 → 0.184 (the classic "just fails AA on white" grey).
  AtrColor grey = rgb (0x77, 0x77, 0x77);
  EXPECT_NEAR (atr_color_luminance (&grey), 0.1845, 1e-3);
}

TEST (Color, ContrastMatchesKnownValues)
{
  AtrColor black = rgb (0, 0, 0), white = rgb (255, 255, 255);
  AtrColor g77 = rgb (0x77, 0x77, 0x77), g76 = rgb (0x76, 0x76, 0x76);
  AtrColor blue = rgb (0x1c, 0x71, 0xd8);

  EXPECT_NEAR (atr_color_contrast (&black, &white), 21.0, 1e-9);
  EXPECT_NEAR (atr_color_contrast (&white, &black), 21.0, 1e-9);
  EXPECT_NEAR (atr_color_contrast (&white, &white), 1.0, 1e-9);
  EXPECT_NEAR (atr_color_contrast (&g77, &white), 4.48, 0.005);
  EXPECT_LT (atr_color_contrast (&g77, &white), ATR_COLOR_MIN_CONTRAST);
  EXPECT_NEAR (atr_color_contrast (&g76, &white), 4.54, 0.005);
  EXPECT_GE (atr_color_contrast (&g76, &white), ATR_COLOR_MIN_CONTRAST);
  EXPECT_NEAR (atr_color_contrast (&blue, &white), 4.77, 0.01);
}

TEST (Color, MixEndpointsAndMiddle)
{
  AtrColor a = rgb (0, 100, 200), b = rgb (255, 255, 255);
  AtrColor m0 = atr_color_mix (&a, &b, 0.0), m1 = atr_color_mix (&a, &b, 1.0);
  AtrColor mh = atr_color_mix (&a, &b, 0.5), clamp = atr_color_mix (&a, &b, 7.0);

  EXPECT_TRUE (atr_color_equal (&m0, &a));
  EXPECT_TRUE (atr_color_equal (&m1, &b));
  EXPECT_TRUE (atr_color_equal (&clamp, &b));
  EXPECT_EQ (hex (mh), "#80b2e4");
}

TEST (Color, ReadableFgKeepsAGoodForeground)
{
  AtrColor bg = rgb (0xfa, 0xfa, 0xfa), fg = rgb (0x1e, 0x1e, 0x1e);
  AtrColor out = atr_color_readable_fg (&bg, &fg, ATR_COLOR_MIN_CONTRAST);

  EXPECT_TRUE (atr_color_equal (&out, &fg));
}

TEST (Color, ReadableFgDarkensABrandColourJustEnough)
{
  AtrColor bg = rgb (255, 255, 255), fg = rgb (0x35, 0x84, 0xe4); // 3.77:1
  AtrColor out = atr_color_readable_fg (&bg, &fg, ATR_COLOR_MIN_CONTRAST);

  EXPECT_GE (atr_color_contrast (&out, &bg), ATR_COLOR_MIN_CONTRAST);
  EXPECT_LT (atr_color_contrast (&out, &bg), 5.0);    // the smallest change, not black
  EXPECT_GT (out.b, out.r);                           // still blue
  EXPECT_LT (out.b, fg.b);                            // darker
}

TEST (Color, ReadableFgLightensOnDarkBackgrounds)
{
  AtrColor bg = rgb (0x18, 0x18, 0x1b), fg = rgb (0x40, 0x20, 0x10);
  AtrColor out = atr_color_readable_fg (&bg, &fg, ATR_COLOR_MIN_CONTRAST);

  EXPECT_GE (atr_color_contrast (&out, &bg), ATR_COLOR_MIN_CONTRAST);
  EXPECT_GT (atr_color_luminance (&out), atr_color_luminance (&fg));
}

TEST (Color, ReadableFgRepairsZeroContrast)
{
  // fg == bg: nothing of the brand can survive, a neutral is used.
  AtrColor bg = rgb (0xe0, 0xf2, 0xf1);
  AtrColor out = atr_color_readable_fg (&bg, &bg, ATR_COLOR_MIN_CONTRAST);
  EXPECT_GE (atr_color_contrast (&out, &bg), ATR_COLOR_MIN_CONTRAST);

  AtrColor mid = rgb (0x77, 0x77, 0x77);
  out = atr_color_readable_fg (&mid, &mid, ATR_COLOR_MIN_CONTRAST);
  EXPECT_GE (atr_color_contrast (&out, &mid), ATR_COLOR_MIN_CONTRAST);
  EXPECT_EQ (hex (out), "#000000"); // neither near-black nor near-white reaches 4.5 on #777
}

TEST (Color, ReadableFgAlwaysReachesAAOnRandomBackgrounds)
{
  GRand *rand = g_rand_new_with_seed (20240603);
  double worst = 21.0;

  for (int i = 0; i < 500; i++)
    {
      AtrColor bg = rgb (g_rand_int_range (rand, 0, 256), g_rand_int_range (rand, 0, 256),
                         g_rand_int_range (rand, 0, 256));
      AtrColor fg = rgb (g_rand_int_range (rand, 0, 256), g_rand_int_range (rand, 0, 256),
                         g_rand_int_range (rand, 0, 256));
      AtrColor out = atr_color_readable_fg (&bg, &fg, ATR_COLOR_MIN_CONTRAST);
      AtrColor same = atr_color_readable_fg (&bg, &bg, ATR_COLOR_MIN_CONTRAST);
      double c = atr_color_contrast (&out, &bg);

      ASSERT_GE (c, ATR_COLOR_MIN_CONTRAST) << hex (fg) << " on " << hex (bg) << " → " << hex (out);
      ASSERT_GE (atr_color_contrast (&same, &bg), ATR_COLOR_MIN_CONTRAST) << hex (bg);
      worst = MIN (worst, c);
    }
  g_rand_free (rand);
  EXPECT_GE (worst, ATR_COLOR_MIN_CONTRAST);
}

} // namespace
