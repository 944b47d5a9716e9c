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

/* MS-RDPEDISP 2.2.2.1: MaxNumMonitors × FactorA × FactorB, without overflowing. */
TEST (RdpResize, TheMaxAreaIsMonitorsTimesBothFactors)
{
  EXPECT_EQ (atr_rdp_resize_max_area (1, 640, 480), 640u * 480u);
  EXPECT_EQ (atr_rdp_resize_max_area (2, 640, 480), 2u * 640u * 480u);
  EXPECT_EQ (atr_rdp_resize_max_area (0, 640, 480), 0u);
  EXPECT_EQ (atr_rdp_resize_max_area (1, G_MAXUINT32, G_MAXUINT32),
             (guint64) G_MAXUINT32 * G_MAXUINT32);
  EXPECT_EQ (atr_rdp_resize_max_area (16, G_MAXUINT32, G_MAXUINT32), G_MAXUINT64);
}

/* A server allowing no monitor gets no layout (FreeRDP 3.10 would send a malformed one). */
TEST (RdpResize, NoLayoutForAServerAllowingNoMonitor)
{
  EXPECT_FALSE (atr_rdp_resize_layout_allowed (0));
  EXPECT_TRUE (atr_rdp_resize_layout_allowed (1));
  EXPECT_TRUE (atr_rdp_resize_layout_allowed (16));
}

TEST (RdpResize, ScalesDownIntoTheServersAreaKeepingTheAspectRatio)
{
  guint w = 1600, h = 900;
  atr_rdp_resize_fit_area (&w, &h, 640u * 480u);
  EXPECT_EQ (w, 736u);
  EXPECT_EQ (h, 415u);
  EXPECT_LE ((guint64) w * h, 640u * 480u);

  /* within the area already: only the channel limits apply */
  w = 1001, h = 100;
  atr_rdp_resize_fit_area (&w, &h, 640u * 480u);
  EXPECT_EQ (w, 1000u);
  EXPECT_EQ (h, 200u);

  /* no area known, or a huge one: 8192 per side all the same */
  w = 100000, h = 300;
  atr_rdp_resize_fit_area (&w, &h, 0);
  EXPECT_EQ (w, 8192u);
  EXPECT_EQ (h, 300u);
  w = 100000, h = 300;
  atr_rdp_resize_fit_area (&w, &h, atr_rdp_resize_max_area (1, G_MAXUINT32, G_MAXUINT32));
  EXPECT_EQ (w, 8192u);
  EXPECT_EQ (h, 300u);
}

/* The 200 pixel minimum pushes the short side up; the long side gives way instead. */
TEST (RdpResize, AWideSizeInASmallAreaKeepsTheMinimumHeight)
{
  guint w = 8192, h = 300;
  atr_rdp_resize_fit_area (&w, &h, 100000);
  EXPECT_EQ (w, 500u);
  EXPECT_EQ (h, 200u);

  /* an area under 200x200 cannot be met: the channel's minimum wins */
  w = 1600, h = 900;
  atr_rdp_resize_fit_area (&w, &h, 100);
  EXPECT_EQ (w, 200u);
  EXPECT_EQ (h, 200u);
}

/* The caps may arrive after the request: what is sent keeps within them all the same. */
TEST (RdpResize, TakeKeepsWithinTheAreaAnnouncedLater)
{
  AtrRdpResize r;
  guint w = 0, h = 0;

  atr_rdp_resize_init (&r, 0);
  atr_rdp_resize_set_desktop (&r, 1024, 768);
  atr_rdp_resize_request (&r, 1600, 900, 0);
  atr_rdp_resize_set_max_area (&r, atr_rdp_resize_max_area (1, 640, 480));
  ASSERT_TRUE (atr_rdp_resize_take (&r, 0, &w, &h));
  EXPECT_EQ (w, 736u);
  EXPECT_EQ (h, 415u);

  /* a request that fits to the desktop's own size is not sent */
  atr_rdp_resize_set_desktop (&r, 736, 415);
  atr_rdp_resize_request (&r, 1600, 900, 0);
  EXPECT_FALSE (atr_rdp_resize_take (&r, 0, &w, &h));
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
