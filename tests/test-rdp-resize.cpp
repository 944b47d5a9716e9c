/* test-rdp-resize.cpp — the dynamic-resolution debounce (AtrRdpResize), with a fake clock
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

extern "C" {
#include "atr-rdp-resize.h"
}

static constexpr gint64 kDelay = 200 * 1000;

TEST (RdpResize, ClampsToTheChannelLimitsWithAnEvenWidth)
{
  guint w = 1281, h = 1001;
  atr_rdp_resize_clamp (&w, &h);
  EXPECT_EQ (w, 1280u);
  EXPECT_EQ (h, 1001u);

  w = 10, h = 0;
  atr_rdp_resize_clamp (&w, &h);
  EXPECT_EQ (w, 200u);
  EXPECT_EQ (h, 200u);

  w = 100000, h = G_MAXUINT;
  atr_rdp_resize_clamp (&w, &h);
  EXPECT_EQ (w, 8192u);
  EXPECT_EQ (h, 8192u);

  w = 201, h = 8193;
  atr_rdp_resize_clamp (&w, &h);
  EXPECT_EQ (w, 200u);
  EXPECT_EQ (h, 8192u);
}

TEST (RdpResize, NothingPendingSendsNothing)
{
  AtrRdpResize r;
  guint w = 7, h = 7;

  atr_rdp_resize_init (&r, kDelay);
  EXPECT_EQ (atr_rdp_resize_get_due (&r), -1);
  EXPECT_FALSE (atr_rdp_resize_take (&r, G_MAXINT64, &w, &h));
  EXPECT_EQ (w, 7u);
}

TEST (RdpResize, SendsOnlyAfterTheDelay)
{
  AtrRdpResize r;
  guint w = 0, h = 0;

  atr_rdp_resize_init (&r, kDelay);
  atr_rdp_resize_set_desktop (&r, 1024, 768);
  atr_rdp_resize_request (&r, 1280, 800, 1000);
  EXPECT_EQ (atr_rdp_resize_get_due (&r), 1000 + kDelay);
  EXPECT_FALSE (atr_rdp_resize_take (&r, 1000 + kDelay - 1, &w, &h));
  ASSERT_TRUE (atr_rdp_resize_take (&r, 1000 + kDelay, &w, &h));
  EXPECT_EQ (w, 1280u);
  EXPECT_EQ (h, 800u);
  /* sent once */
  EXPECT_EQ (atr_rdp_resize_get_due (&r), -1);
  EXPECT_FALSE (atr_rdp_resize_take (&r, 1000 + 10 * kDelay, &w, &h));
}

TEST (RdpResize, ADragSendsOnlyTheLastSize)
{
  AtrRdpResize r;
  guint w = 0, h = 0;
  gint64 t = 5000;

  atr_rdp_resize_init (&r, kDelay);
  atr_rdp_resize_set_desktop (&r, 1024, 768);
  /* 30 sizes, 16 ms apart: none is due while the drag goes on */
  for (guint i = 0; i < 30; i++, t += 16000)
    {
      atr_rdp_resize_request (&r, 800 + i * 10, 600 + i * 5, t);
      EXPECT_FALSE (atr_rdp_resize_take (&r, t, &w, &h)) << i;
    }
  t -= 16000;
  EXPECT_FALSE (atr_rdp_resize_take (&r, t + kDelay - 1, &w, &h));
  ASSERT_TRUE (atr_rdp_resize_take (&r, t + kDelay, &w, &h));
  EXPECT_EQ (w, 800u + 29 * 10);
  EXPECT_EQ (h, 600u + 29 * 5);
}

TEST (RdpResize, TheDesktopsOwnSizeIsNeverSent)
{
  AtrRdpResize r;
  guint w = 0, h = 0;

  atr_rdp_resize_init (&r, kDelay);
  atr_rdp_resize_set_desktop (&r, 1280, 800);
  atr_rdp_resize_request (&r, 1281, 800, 0);   /* clamps to the current size */
  EXPECT_FALSE (atr_rdp_resize_take (&r, kDelay, &w, &h));
  EXPECT_EQ (atr_rdp_resize_get_due (&r), -1);   /* dropped, not kept */

  /* a server resize in between makes an earlier request worth sending again */
  atr_rdp_resize_request (&r, 1024, 768, 0);
  atr_rdp_resize_set_desktop (&r, 1024, 768);
  EXPECT_FALSE (atr_rdp_resize_take (&r, kDelay, &w, &h));
  atr_rdp_resize_request (&r, 1024, 768, kDelay);
  atr_rdp_resize_set_desktop (&r, 800, 600);
  ASSERT_TRUE (atr_rdp_resize_take (&r, 2 * kDelay, &w, &h));
  EXPECT_EQ (w, 1024u);
  EXPECT_EQ (h, 768u);
}

TEST (RdpResize, ZeroDelayIsDueAtOnce)
{
  AtrRdpResize r;
  guint w = 0, h = 0;

  atr_rdp_resize_init (&r, 0);
  atr_rdp_resize_request (&r, 640, 480, 42);
  ASSERT_TRUE (atr_rdp_resize_take (&r, 42, &w, &h));
  EXPECT_EQ (w, 640u);
}
