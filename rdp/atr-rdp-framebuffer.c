/* atr-rdp-framebuffer.c — the session's framebuffer part (see atr-rdp-framebuffer.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>

#include "atr-rdp-framebuffer.h"

struct _AtrRdpFramebuffer
{
  GMutex   lock;
  guint8  *pixels;        /* BGRA, alpha 0xFF; NULL before the first reset */
  guint    width;
  guint    height;
  gsize    stride;
  GArray  *damage;        /* of AtrRdpRect, not yet taken */
  gboolean frame_posted;  /* a frame message is in flight: do not post another */
};

AtrRdpFramebuffer *
atr_rdp_framebuffer_new (void)
{
  AtrRdpFramebuffer *fb = g_new0 (AtrRdpFramebuffer, 1);

  g_mutex_init (&fb->lock);
  fb->damage = g_array_new (FALSE, FALSE, sizeof (AtrRdpRect));
  return fb;
}

void
atr_rdp_framebuffer_free (AtrRdpFramebuffer *fb)
{
  if (fb == NULL)
    return;
  g_clear_pointer (&fb->pixels, g_free);
  g_clear_pointer (&fb->damage, g_array_unref);
  g_mutex_clear (&fb->lock);
  g_free (fb);
}

/* Copies @r from @src into ours with alpha forced opaque; lock held, @r inside. */
static void
copy_rect (AtrRdpFramebuffer *fb,
           const guint8      *src,
           gsize              src_stride,
           AtrRdpRect         r)
{
  for (int row = r.y; row < r.y + r.height; row++)
    {
      const guint8 *from = src + (gsize) row * src_stride + (gsize) r.x * 4;
      guint8 *dst = fb->pixels + (gsize) row * fb->stride + (gsize) r.x * 4;

      memcpy (dst, from, (gsize) r.width * 4);
      for (int col = 0; col < r.width; col++)
        dst[col * 4 + 3] = 0xFF;
    }
}

/* Lock held. Whether a frame message must be posted now (and marks it posted). */
static gboolean
want_frame (AtrRdpFramebuffer *fb)
{
  if (fb->frame_posted || fb->damage->len == 0)
    return FALSE;
  fb->frame_posted = TRUE;
  return TRUE;
}

static void
add_damage (AtrRdpFramebuffer *fb,
            const guint8      *src,
            gsize              src_stride,
            int                x,
            int                y,
            int                w,
            int                h)
{
  AtrRdpRect r;
  int x2 = MIN (x + w, (int) fb->width);
  int y2 = MIN (y + h, (int) fb->height);

  r.x = MAX (x, 0);
  r.y = MAX (y, 0);
  r.width = x2 - r.x;
  r.height = y2 - r.y;
  if (r.width <= 0 || r.height <= 0)
    return;

  copy_rect (fb, src, src_stride, r);

  if (fb->damage->len >= ATR_RDP_FRAMEBUFFER_MAX_RECTS)
    {
      /* Too many pieces for the UI to care: report the bounding box. */
      AtrRdpRect *box = &g_array_index (fb->damage, AtrRdpRect, 0);
      int bx2 = box->x + box->width, by2 = box->y + box->height;

      for (guint i = 1; i < fb->damage->len; i++)
        {
          AtrRdpRect *o = &g_array_index (fb->damage, AtrRdpRect, i);
          box->x = MIN (box->x, o->x);
          box->y = MIN (box->y, o->y);
          bx2 = MAX (bx2, o->x + o->width);
          by2 = MAX (by2, o->y + o->height);
        }
      box->x = MIN (box->x, r.x);
      box->y = MIN (box->y, r.y);
      box->width = MAX (bx2, r.x + r.width) - box->x;
      box->height = MAX (by2, r.y + r.height) - box->y;
      g_array_set_size (fb->damage, 1);
      return;
    }

  g_array_append_val (fb->damage, r);
}

/**
 * atr_rdp_framebuffer_reset:
 * @src: (nullable): the new picture, @width × @height BGRA at @src_stride
 *
 * Session thread: a new buffer of this size (the desktop was (re)sized), opaque black, then
 * @src copied in; its whole area becomes the damage (what was pending is dropped).
 *
 * Returns: whether the caller must post a frame message
 */
gboolean
atr_rdp_framebuffer_reset (AtrRdpFramebuffer *fb,
                           guint              width,
                           guint              height,
                           const guint8      *src,
                           gsize              src_stride)
{
  AtrRdpRect all = { 0, 0, (int) width, (int) height };
  gboolean post = FALSE;

  g_mutex_lock (&fb->lock);
  g_free (fb->pixels);
  fb->width = width;
  fb->height = height;
  fb->stride = (gsize) width * 4;
  fb->pixels = g_malloc0 (fb->stride * height);
  for (gsize i = 3; i < fb->stride * height; i += 4)
    fb->pixels[i] = 0xFF;
  g_array_set_size (fb->damage, 0);
  if (width > 0 && height > 0)
    {
      if (src != NULL)
        copy_rect (fb, src, src_stride, all);
      g_array_append_val (fb->damage, all);
      post = want_frame (fb);
    }
  g_mutex_unlock (&fb->lock);
  return post;
}

/**
 * atr_rdp_framebuffer_paint:
 * @src: the source picture, at least as large as the framebuffer, BGRA at @src_stride
 * @rects: what changed in it (clipped to the framebuffer here)
 *
 * Session thread: copies the changed rectangles in and adds them to the damage.
 *
 * Returns: whether the caller must post a frame message (none is in flight and the damage
 *   grew)
 */
gboolean
atr_rdp_framebuffer_paint (AtrRdpFramebuffer *fb,
                           const guint8      *src,
                           gsize              src_stride,
                           const AtrRdpRect  *rects,
                           guint              n_rects)
{
  gboolean post = FALSE;
  guint before;

  g_mutex_lock (&fb->lock);
  if (fb->pixels != NULL)
    {
      before = fb->damage->len;
      for (guint i = 0; i < n_rects; i++)
        add_damage (fb, src, src_stride, rects[i].x, rects[i].y, rects[i].width,
                    rects[i].height);
      if (fb->damage->len != before || before >= ATR_RDP_FRAMEBUFFER_MAX_RECTS)
        post = want_frame (fb);
    }
  g_mutex_unlock (&fb->lock);
  return post;
}

/**
 * atr_rdp_framebuffer_take_damage:
 * @width: (out): the framebuffer's size with this damage
 *
 * Main context, when a frame message arrives: the damage since the last call; a paint may
 * post the next frame message from now on.
 *
 * Returns: (transfer full): the damaged #AtrRdpRect<!-- -->s, maybe none
 */
GArray *
atr_rdp_framebuffer_take_damage (AtrRdpFramebuffer *fb,
                                 guint             *width,
                                 guint             *height)
{
  GArray *damage;

  g_mutex_lock (&fb->lock);
  damage = g_steal_pointer (&fb->damage);
  fb->damage = g_array_new (FALSE, FALSE, sizeof (AtrRdpRect));
  fb->frame_posted = FALSE;
  *width = fb->width;
  *height = fb->height;
  g_mutex_unlock (&fb->lock);
  return damage;
}

/* Any thread: whether there is damage the main context has not taken yet (posted, or
 * accumulating until it is). */
gboolean
atr_rdp_framebuffer_is_pending (AtrRdpFramebuffer *fb)
{
  gboolean pending;

  g_mutex_lock (&fb->lock);
  pending = fb->frame_posted || fb->damage->len > 0;
  g_mutex_unlock (&fb->lock);
  return pending;
}

void
atr_rdp_framebuffer_get_size (AtrRdpFramebuffer *fb,
                              guint             *width,
                              guint             *height)
{
  g_mutex_lock (&fb->lock);
  *width = fb->width;
  *height = fb->height;
  g_mutex_unlock (&fb->lock);
}

/* Locks the pixels against the session thread; call unlock() even when this returns FALSE
 * (no picture yet). */
gboolean
atr_rdp_framebuffer_lock (AtrRdpFramebuffer  *fb,
                          const guint8      **data,
                          guint              *width,
                          guint              *height,
                          gsize              *stride)
{
  g_mutex_lock (&fb->lock);
  if (data != NULL)
    *data = fb->pixels;
  if (width != NULL)
    *width = fb->width;
  if (height != NULL)
    *height = fb->height;
  if (stride != NULL)
    *stride = fb->stride;
  return fb->pixels != NULL;
}

void
atr_rdp_framebuffer_unlock (AtrRdpFramebuffer *fb)
{
  g_mutex_unlock (&fb->lock);
}
