/* test-view-transform.cpp — the one transform the session view draws and maps the pointer with
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

extern "C" {
#include "atr-view-transform.h"
}

TEST (ViewTransform, FitLetterboxesAWideWidget)
{
  AtrViewTransform t;

  ASSERT_TRUE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_FIT, 2000, 768, 1024, 768));
  EXPECT_DOUBLE_EQ (t.scale, 1.0);
  EXPECT_DOUBLE_EQ (t.x, 488);   /* (2000 - 1024) / 2: pillarbox bars left and right */
  EXPECT_DOUBLE_EQ (t.y, 0);
  EXPECT_DOUBLE_EQ (t.width, 1024);
  EXPECT_DOUBLE_EQ (t.height, 768);
}

TEST (ViewTransform, FitScalesDownAndCentresVertically)
{
  AtrViewTransform t;

  ASSERT_TRUE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_FIT, 512, 600, 1024, 768));
  EXPECT_DOUBLE_EQ (t.scale, 0.5);
  EXPECT_DOUBLE_EQ (t.width, 512);
  EXPECT_DOUBLE_EQ (t.height, 384);
  EXPECT_DOUBLE_EQ (t.x, 0);
  EXPECT_DOUBLE_EQ (t.y, 108);   /* (600 - 384) / 2 */
}

TEST (ViewTransform, FitScalesUp)
{
  AtrViewTransform t;

  ASSERT_TRUE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_FIT, 2048, 1536, 1024, 768));
  EXPECT_DOUBLE_EQ (t.scale, 2.0);
  EXPECT_DOUBLE_EQ (t.x, 0);
  EXPECT_DOUBLE_EQ (t.y, 0);
}

TEST (ViewTransform, FitSnapsNearlyOneToExactlyOne)
{
  AtrViewTransform t;

  /* 1020/1024 = 0.996: drawn 1:1 (cropped by 2 px a side) rather than resampled. */
  ASSERT_TRUE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_FIT, 1020, 768, 1024, 768));
  EXPECT_DOUBLE_EQ (t.scale, 1.0);
  ASSERT_TRUE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_FIT, 1000, 768, 1024, 768));
  EXPECT_LT (t.scale, 1.0);
}

TEST (ViewTransform, OneToOneCentresInALargerWidget)
{
  AtrViewTransform t;

  ASSERT_TRUE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_ONE_TO_ONE, 1281, 1000, 1024, 768));
  EXPECT_DOUBLE_EQ (t.scale, 1.0);
  EXPECT_DOUBLE_EQ (t.x, 128);   /* floor (257 / 2): whole pixels */
  EXPECT_DOUBLE_EQ (t.y, 116);
}

TEST (ViewTransform, OneToOneAnchorsTopLeftInASmallerWidget)
{
  AtrViewTransform t;

  ASSERT_TRUE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_ONE_TO_ONE, 640, 480, 1024, 768));
  EXPECT_DOUBLE_EQ (t.scale, 1.0);
  EXPECT_DOUBLE_EQ (t.x, 0);
  EXPECT_DOUBLE_EQ (t.y, 0);
}

TEST (ViewTransform, EmptySizesGiveFalseAndIdentity)
{
  AtrViewTransform t;

  EXPECT_FALSE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_FIT, 0, 0, 1024, 768));
  EXPECT_DOUBLE_EQ (t.scale, 1.0);
  EXPECT_FALSE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_FIT, 800, 600, 0, 0));
  EXPECT_FALSE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_FIT, -5, 600, 1024, 768));
  EXPECT_DOUBLE_EQ (t.scale, 1.0);
  EXPECT_DOUBLE_EQ (t.x, 0);
}

TEST (ViewTransform, PointerMapsToThePixelDrawnThere)
{
  AtrViewTransform t;
  int fx, fy;

  ASSERT_TRUE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_FIT, 512, 600, 1024, 768));
  /* Every framebuffer pixel's drawn centre maps back to that pixel. */
  for (int x = 0; x < 1024; x += 37)
    for (int y = 0; y < 768; y += 41)
      {
        double wx, wy;
        atr_view_transform_to_widget (&t, x + 0.5, y + 0.5, &wx, &wy);
        ASSERT_TRUE (atr_view_transform_to_framebuffer (&t, wx, wy, &fx, &fy));
        EXPECT_EQ (fx, x);
        EXPECT_EQ (fy, y);
      }
  EXPECT_TRUE (atr_view_transform_to_framebuffer (&t, 0, 108, &fx, &fy));
  EXPECT_EQ (fx, 0);
  EXPECT_EQ (fy, 0);
  EXPECT_TRUE (atr_view_transform_to_framebuffer (&t, 511.9, 491.9, &fx, &fy));
  EXPECT_EQ (fx, 1023);
  EXPECT_EQ (fy, 767);
}

TEST (ViewTransform, LetterboxBarsAreOutsideAndClamped)
{
  AtrViewTransform t;
  int fx = -1, fy = -1;

  ASSERT_TRUE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_FIT, 512, 600, 1024, 768));
  EXPECT_FALSE (atr_view_transform_to_framebuffer (&t, 10, 50, &fx, &fy));   /* top bar */
  EXPECT_EQ (fx, 20);
  EXPECT_EQ (fy, 0);
  EXPECT_FALSE (atr_view_transform_to_framebuffer (&t, 600, 590, &fx, &fy));
  EXPECT_EQ (fx, 1023);
  EXPECT_EQ (fy, 767);
  EXPECT_FALSE (atr_view_transform_to_framebuffer (&t, -1e9, 1e9, &fx, &fy));
  EXPECT_EQ (fx, 0);
  EXPECT_EQ (fy, 767);
}

TEST (ViewTransform, OneToOneMappingIsAnOffset)
{
  AtrViewTransform t;
  int fx, fy;
  double wx, wy;

  ASSERT_TRUE (atr_view_transform_compute (&t, ATR_VIEW_SCALE_ONE_TO_ONE, 1280, 900, 1024, 768));
  ASSERT_TRUE (atr_view_transform_to_framebuffer (&t, 128 + 300, 66 + 200, &fx, &fy));
  EXPECT_EQ (fx, 300);
  EXPECT_EQ (fy, 200);
  atr_view_transform_to_widget (&t, 300, 200, &wx, &wy);
  EXPECT_DOUBLE_EQ (wx, 428);
  EXPECT_DOUBLE_EQ (wy, 266);
}
