/* atr-rdp-framebuffer.h — the session's framebuffer part: pixels and damage, under one lock
 *
 * Part of the session engine (rdp/ only; no FreeRDP). The session thread paints into it
 * (copies of FreeRDP's GDI buffer, alpha forced opaque) and accumulates the damaged
 * rectangles; the main context takes the damage when the frame message arrives and reads the
 * pixels under atr_rdp_framebuffer_lock(). At most one frame message is in flight: a paint
 * says when one must be posted, taking the damage clears that.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "atr-rdp-session.h"

G_BEGIN_DECLS

/* More damaged rectangles than this between two frames are reported as their bounding box. */
#define ATR_RDP_FRAMEBUFFER_MAX_RECTS 64

typedef struct _AtrRdpFramebuffer AtrRdpFramebuffer;

AtrRdpFramebuffer *atr_rdp_framebuffer_new         (void);
void               atr_rdp_framebuffer_free        (AtrRdpFramebuffer *fb);
gboolean           atr_rdp_framebuffer_reset       (AtrRdpFramebuffer *fb,
                                                    guint              width,
                                                    guint              height,
                                                    const guint8      *src,
                                                    gsize              src_stride);
gboolean           atr_rdp_framebuffer_paint       (AtrRdpFramebuffer *fb,
                                                    const guint8      *src,
                                                    gsize              src_stride,
                                                    const AtrRdpRect  *rects,
                                                    guint              n_rects);
GArray            *atr_rdp_framebuffer_take_damage (AtrRdpFramebuffer *fb,
                                                    guint             *width,
                                                    guint             *height);
gboolean           atr_rdp_framebuffer_is_pending  (AtrRdpFramebuffer *fb);
void               atr_rdp_framebuffer_get_size    (AtrRdpFramebuffer *fb,
                                                    guint             *width,
                                                    guint             *height);
gboolean           atr_rdp_framebuffer_lock        (AtrRdpFramebuffer *fb,
                                                    const guint8     **data,
                                                    guint             *width,
                                                    guint             *height,
                                                    gsize             *stride);
void               atr_rdp_framebuffer_unlock      (AtrRdpFramebuffer *fb);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrRdpFramebuffer, atr_rdp_framebuffer_free)

G_END_DECLS
