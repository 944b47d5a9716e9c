/* test-rdp-parts.cpp — the session engine's parts on their own: the input queue, the
 * framebuffer's damage, the clipboard's echo suppression (no server, no session thread)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <vector>

extern "C" {
#include "atr-rdp-cliprdr.h"
#include "atr-rdp-framebuffer.h"
#include "atr-rdp-input.h"
}

namespace {

struct Wake
{
  HANDLE event = CreateEventA (nullptr, TRUE, FALSE, nullptr);
  ~Wake () { CloseHandle (event); }
  bool set () const { return WaitForSingleObject (event, 0) == WAIT_OBJECT_0; }
  void reset () const { ResetEvent (event); }
};

/* A BGRA picture whose pixel (x, y) is (x, y, 7, alpha 0). */
std::vector<guint8>
picture (guint width, guint height)
{
  std::vector<guint8> pixels (width * height * 4);

  for (guint y = 0; y < height; y++)
    for (guint x = 0; x < width; x++)
      {
        guint8 *p = &pixels[(y * width + x) * 4];
        p[0] = (guint8) x;
        p[1] = (guint8) y;
        p[2] = 7;
        p[3] = 0;
      }
  return pixels;
}

std::vector<AtrRdpRect>
take (AtrRdpFramebuffer *fb)
{
  guint w, h;
  g_autoptr(GArray) damage = atr_rdp_framebuffer_take_damage (fb, &w, &h);
  const AtrRdpRect *r = (const AtrRdpRect *) damage->data;

  return std::vector<AtrRdpRect> (r, r + damage->len);
}

}  // namespace

/* --- input -------------------------------------------------------------------------- */

TEST (RdpInput, KeysCarryTheirDirectionAndExtension)
{
  AtrRdpCommand down = atr_rdp_command_key (0x1C, TRUE, TRUE);
  AtrRdpCommand up = atr_rdp_command_key (0x1E, FALSE, FALSE);

  EXPECT_EQ (down.kind, ATR_RDP_COMMAND_KEY);
  EXPECT_EQ (down.code, 0x1C);
  EXPECT_EQ (down.flags, KBD_FLAGS_DOWN | KBD_FLAGS_EXTENDED);
  EXPECT_EQ (up.code, 0x1E);
  EXPECT_EQ (up.flags, KBD_FLAGS_RELEASE);
}

TEST (RdpInput, PointerCoordinatesAreClampedToTheWire)
{
  AtrRdpCommand move = atr_rdp_command_move (-5, 70000);
  AtrRdpCommand right = atr_rdp_command_button (3, 4, ATR_RDP_BUTTON_RIGHT, TRUE);
  AtrRdpCommand middle = atr_rdp_command_button (3, 4, ATR_RDP_BUTTON_MIDDLE, FALSE);

  EXPECT_EQ (move.kind, ATR_RDP_COMMAND_MOUSE);
  EXPECT_EQ (move.flags, PTR_FLAGS_MOVE);
  EXPECT_EQ (move.x, 0);
  EXPECT_EQ (move.y, G_MAXUINT16);
  EXPECT_EQ (right.flags, PTR_FLAGS_BUTTON2 | PTR_FLAGS_DOWN);
  EXPECT_EQ (middle.flags, PTR_FLAGS_BUTTON3);
  EXPECT_EQ (middle.x, 3);
  EXPECT_EQ (middle.y, 4);
}

TEST (RdpInput, WheelRotationIsSignMagnitudeOnNineBits)
{
  AtrRdpCommand c;

  EXPECT_FALSE (atr_rdp_command_wheel (1, 2, 0, FALSE, &c));

  ASSERT_TRUE (atr_rdp_command_wheel (1, 2, 120, FALSE, &c));
  EXPECT_EQ (c.flags, PTR_FLAGS_WHEEL | 120);

  /* MS-RDPBCGR 2.2.8.1.1.3.1.1.3: negative rotation is the two's complement in 9 bits. */
  ASSERT_TRUE (atr_rdp_command_wheel (1, 2, -120, TRUE, &c));
  EXPECT_EQ (c.flags, PTR_FLAGS_HWHEEL | PTR_FLAGS_WHEEL_NEGATIVE | 0x88);

  ASSERT_TRUE (atr_rdp_command_wheel (1, 2, 1000, FALSE, &c));
  EXPECT_EQ (c.flags, PTR_FLAGS_WHEEL | 0xFF);
  ASSERT_TRUE (atr_rdp_command_wheel (1, 2, -1000, FALSE, &c));
  EXPECT_EQ (c.flags, PTR_FLAGS_WHEEL | PTR_FLAGS_WHEEL_NEGATIVE | 0x01);
}

TEST (RdpInput, QueuesOnlyWhileOpenInOrderAndWakesTheThread)
{
  Wake wake;
  g_autoptr(AtrRdpInput) input = atr_rdp_input_new (wake.event);
  AtrRdpCommand a = atr_rdp_command_key (0x1E, FALSE, TRUE);
  AtrRdpCommand b = atr_rdp_command_move (10, 20);
  GQueue taken = G_QUEUE_INIT;

  /* Before the session starts nothing is queued and the thread is not woken. */
  EXPECT_FALSE (atr_rdp_input_push (input, &a));
  EXPECT_FALSE (wake.set ());

  atr_rdp_input_open (input);
  EXPECT_TRUE (atr_rdp_input_push (input, &a));
  EXPECT_TRUE (wake.set ());
  EXPECT_TRUE (atr_rdp_input_push (input, &b));

  atr_rdp_input_take (input, &taken);
  ASSERT_EQ (g_queue_get_length (&taken), 2u);
  EXPECT_EQ (((AtrRdpCommand *) g_queue_peek_nth (&taken, 0))->code, 0x1E);
  EXPECT_EQ (((AtrRdpCommand *) g_queue_peek_nth (&taken, 1))->x, 10);
  g_queue_clear_full (&taken, g_free);

  /* Taken once: the queue is empty now. */
  atr_rdp_input_take (input, &taken);
  EXPECT_EQ (g_queue_get_length (&taken), 0u);

  /* Dropped between connections; refused once closed. */
  EXPECT_TRUE (atr_rdp_input_push (input, &a));
  atr_rdp_input_drop (input);
  atr_rdp_input_take (input, &taken);
  EXPECT_EQ (g_queue_get_length (&taken), 0u);

  EXPECT_TRUE (atr_rdp_input_push (input, &a));
  atr_rdp_input_close (input);
  wake.reset ();
  EXPECT_FALSE (atr_rdp_input_push (input, &b));
  EXPECT_FALSE (wake.set ());
  atr_rdp_input_take (input, &taken);
  EXPECT_EQ (g_queue_get_length (&taken), 0u);
}

/* --- framebuffer ---------------------------------------------------------------------- */

TEST (RdpFramebuffer, NoPixelsBeforeTheFirstDesktop)
{
  g_autoptr(AtrRdpFramebuffer) fb = atr_rdp_framebuffer_new ();
  std::vector<guint8> src = picture (8, 8);
  AtrRdpRect r = { 0, 0, 8, 8 };
  const guint8 *data = (const guint8 *) 1;
  guint w = 1, h = 1;

  EXPECT_FALSE (atr_rdp_framebuffer_lock (fb, &data, &w, &h, nullptr));
  atr_rdp_framebuffer_unlock (fb);
  EXPECT_EQ (data, nullptr);
  EXPECT_EQ (w, 0u);
  EXPECT_FALSE (atr_rdp_framebuffer_paint (fb, src.data (), 8 * 4, &r, 1));
  EXPECT_TRUE (take (fb).empty ());
}

TEST (RdpFramebuffer, ResetCopiesOpaqueAndDamagesEverything)
{
  g_autoptr(AtrRdpFramebuffer) fb = atr_rdp_framebuffer_new ();
  std::vector<guint8> src = picture (16, 8);
  const guint8 *data;
  guint w, h;
  gsize stride;

  EXPECT_TRUE (atr_rdp_framebuffer_reset (fb, 16, 8, src.data (), 16 * 4));
  ASSERT_TRUE (atr_rdp_framebuffer_lock (fb, &data, &w, &h, &stride));
  EXPECT_EQ (w, 16u);
  EXPECT_EQ (h, 8u);
  EXPECT_EQ (stride, 64u);
  EXPECT_EQ (data[(5 * 16 + 9) * 4 + 0], 9);
  EXPECT_EQ (data[(5 * 16 + 9) * 4 + 1], 5);
  EXPECT_EQ (data[(5 * 16 + 9) * 4 + 3], 0xFF);   /* alpha forced opaque */
  atr_rdp_framebuffer_unlock (fb);

  std::vector<AtrRdpRect> damage = take (fb);
  ASSERT_EQ (damage.size (), 1u);
  EXPECT_EQ (damage[0].width, 16);
  EXPECT_EQ (damage[0].height, 8);
}

TEST (RdpFramebuffer, OneFrameMessageInFlightWhileDamageAccumulates)
{
  g_autoptr(AtrRdpFramebuffer) fb = atr_rdp_framebuffer_new ();
  std::vector<guint8> src = picture (32, 32);
  AtrRdpRect a = { 1, 1, 2, 2 }, b = { 10, 10, 3, 3 };

  atr_rdp_framebuffer_reset (fb, 32, 32, nullptr, 0);
  take (fb);

  EXPECT_FALSE (atr_rdp_framebuffer_is_pending (fb));
  EXPECT_TRUE (atr_rdp_framebuffer_paint (fb, src.data (), 32 * 4, &a, 1));
  EXPECT_FALSE (atr_rdp_framebuffer_paint (fb, src.data (), 32 * 4, &b, 1));   /* in flight */
  EXPECT_TRUE (atr_rdp_framebuffer_is_pending (fb));

  std::vector<AtrRdpRect> damage = take (fb);
  EXPECT_FALSE (atr_rdp_framebuffer_is_pending (fb));
  ASSERT_EQ (damage.size (), 2u);
  EXPECT_EQ (damage[1].x, 10);
  EXPECT_EQ (damage[1].width, 3);

  /* Taken: the next paint posts again. */
  EXPECT_TRUE (atr_rdp_framebuffer_paint (fb, src.data (), 32 * 4, &a, 1));
}

TEST (RdpFramebuffer, DamageIsClippedAndEmptyPaintsPostNothing)
{
  g_autoptr(AtrRdpFramebuffer) fb = atr_rdp_framebuffer_new ();
  std::vector<guint8> src = picture (64, 64);
  AtrRdpRect outside = { 40, 40, 10, 10 };
  AtrRdpRect partly = { -4, 28, 10, 10 };

  atr_rdp_framebuffer_reset (fb, 32, 32, nullptr, 0);
  take (fb);

  EXPECT_FALSE (atr_rdp_framebuffer_paint (fb, src.data (), 64 * 4, &outside, 1));
  EXPECT_TRUE (take (fb).empty ());

  EXPECT_TRUE (atr_rdp_framebuffer_paint (fb, src.data (), 64 * 4, &partly, 1));
  std::vector<AtrRdpRect> damage = take (fb);
  ASSERT_EQ (damage.size (), 1u);
  EXPECT_EQ (damage[0].x, 0);
  EXPECT_EQ (damage[0].y, 28);
  EXPECT_EQ (damage[0].width, 6);
  EXPECT_EQ (damage[0].height, 4);
}

TEST (RdpFramebuffer, TooManyPiecesBecomeTheirBoundingBox)
{
  g_autoptr(AtrRdpFramebuffer) fb = atr_rdp_framebuffer_new ();
  std::vector<guint8> src = picture (256, 256);
  std::vector<AtrRdpRect> rects;

  atr_rdp_framebuffer_reset (fb, 256, 256, nullptr, 0);
  take (fb);
  for (int i = 0; i < ATR_RDP_FRAMEBUFFER_MAX_RECTS; i++)
    rects.push_back ({ 10 + i, 20 + (i % 5), 1, 1 });
  EXPECT_TRUE (atr_rdp_framebuffer_paint (fb, src.data (), 256 * 4, rects.data (),
                                          (guint) rects.size ()));
  AtrRdpRect last = { 200, 5, 4, 4 };
  EXPECT_FALSE (atr_rdp_framebuffer_paint (fb, src.data (), 256 * 4, &last, 1));

  std::vector<AtrRdpRect> damage = take (fb);
  ASSERT_EQ (damage.size (), 1u);
  EXPECT_EQ (damage[0].x, 10);
  EXPECT_EQ (damage[0].y, 5);
  EXPECT_EQ (damage[0].width, 204 - 10);
  EXPECT_EQ (damage[0].height, 25 - 5);
}

TEST (RdpFramebuffer, ResetDropsDamageOfTheOldSize)
{
  g_autoptr(AtrRdpFramebuffer) fb = atr_rdp_framebuffer_new ();
  std::vector<guint8> src = picture (64, 64);
  AtrRdpRect r = { 40, 40, 10, 10 };
  guint w, h;

  atr_rdp_framebuffer_reset (fb, 64, 64, nullptr, 0);
  take (fb);
  atr_rdp_framebuffer_paint (fb, src.data (), 64 * 4, &r, 1);
  atr_rdp_framebuffer_reset (fb, 32, 16, src.data (), 64 * 4);

  g_autoptr(GArray) damage = atr_rdp_framebuffer_take_damage (fb, &w, &h);
  EXPECT_EQ (w, 32u);
  EXPECT_EQ (h, 16u);
  ASSERT_EQ (damage->len, 1u);
  EXPECT_EQ (g_array_index (damage, AtrRdpRect, 0).width, 32);
  EXPECT_EQ (g_array_index (damage, AtrRdpRect, 0).height, 16);
}

/* --- clipboard ------------------------------------------------------------------------ */

TEST (RdpCliprdr, ForbiddenByPolicyOffersNothing)
{
  Wake wake;
  g_autoptr(AtrRdpCliprdr) clip = atr_rdp_cliprdr_new (nullptr, wake.event);

  EXPECT_FALSE (atr_rdp_cliprdr_get_allowed (clip));
  EXPECT_FALSE (atr_rdp_cliprdr_set_local_text (clip, "secret"));
  EXPECT_FALSE (wake.set ());
}

TEST (RdpCliprdr, TheServersOwnTextIsNotEchoedBack)
{
  Wake wake;
  g_autoptr(AtrRdpCliprdr) clip = atr_rdp_cliprdr_new (nullptr, wake.event);

  atr_rdp_cliprdr_set_policy (clip, TRUE, FALSE);
  atr_rdp_cliprdr_remember_remote (clip, "from the server");

  /* The local clipboard took the server's text: nothing to announce. */
  EXPECT_FALSE (atr_rdp_cliprdr_set_local_text (clip, "from the server"));
  EXPECT_FALSE (wake.set ());

  EXPECT_TRUE (atr_rdp_cliprdr_set_local_text (clip, "typed here"));
  EXPECT_TRUE (wake.set ());
  wake.reset ();
  EXPECT_FALSE (atr_rdp_cliprdr_set_local_text (clip, "typed here"));   /* unchanged */
  EXPECT_FALSE (wake.set ());

  /* An empty clipboard is news; the server's text still is not. */
  EXPECT_TRUE (atr_rdp_cliprdr_set_local_text (clip, nullptr));
  EXPECT_FALSE (atr_rdp_cliprdr_set_local_text (clip, "from the server"));

  /* Once the server sent something else, its old text is the user's again. */
  atr_rdp_cliprdr_remember_remote (clip, "newer");
  EXPECT_TRUE (atr_rdp_cliprdr_set_local_text (clip, "from the server"));
}

TEST (RdpCliprdr, InvalidTextIsOfferedAsNothing)
{
  Wake wake;
  g_autoptr(AtrRdpCliprdr) clip = atr_rdp_cliprdr_new (nullptr, wake.event);

  atr_rdp_cliprdr_set_policy (clip, TRUE, FALSE);
  EXPECT_TRUE (atr_rdp_cliprdr_set_local_text (clip, "fine"));
  /* Not UTF-8: the server must not keep pasting "fine". */
  EXPECT_TRUE (atr_rdp_cliprdr_set_local_text (clip, "\xff\xfe broken"));
  EXPECT_FALSE (atr_rdp_cliprdr_set_local_text (clip, "\xc3 also broken"));
}
