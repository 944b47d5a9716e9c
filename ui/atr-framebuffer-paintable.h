/* atr-framebuffer-paintable.h — a remote framebuffer as a grid of tile textures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The tile edge in framebuffer pixels: ≥ 192 keeps tiles out of GTK's GL icon atlas. */
#define ATR_FRAMEBUFFER_TILE_SIZE 256

#define ATR_TYPE_FRAMEBUFFER_PAINTABLE (atr_framebuffer_paintable_get_type ())
G_DECLARE_FINAL_TYPE (AtrFramebufferPaintable, atr_framebuffer_paintable, ATR,
                      FRAMEBUFFER_PAINTABLE, GObject)

AtrFramebufferPaintable *atr_framebuffer_paintable_new          (void);

void      atr_framebuffer_paintable_update       (AtrFramebufferPaintable     *self,
                                                  const guint8                *data,
                                                  guint                        width,
                                                  guint                        height,
                                                  gsize                        stride,
                                                  const cairo_rectangle_int_t *rects,
                                                  guint                        n_rects);
void      atr_framebuffer_paintable_clear        (AtrFramebufferPaintable     *self);
void      atr_framebuffer_paintable_set_overlap  (AtrFramebufferPaintable     *self,
                                                  gboolean                     overlap);
gboolean  atr_framebuffer_paintable_get_overlap  (AtrFramebufferPaintable     *self);
void      atr_framebuffer_paintable_set_cairo_nodes (AtrFramebufferPaintable  *self,
                                                     gboolean                  cairo_nodes);
gboolean  atr_framebuffer_paintable_get_cairo_nodes (AtrFramebufferPaintable  *self);

/* For tests and benchmarks. */
guint       atr_framebuffer_paintable_get_n_tiles        (AtrFramebufferPaintable *self);
GdkTexture *atr_framebuffer_paintable_get_tile           (AtrFramebufferPaintable *self,
                                                          guint                    column,
                                                          guint                    row);
GskRenderNode *atr_framebuffer_paintable_get_tile_node   (AtrFramebufferPaintable *self,
                                                          guint                    column,
                                                          guint                    row);
guint64     atr_framebuffer_paintable_get_tiles_built    (AtrFramebufferPaintable *self);

G_END_DECLS
