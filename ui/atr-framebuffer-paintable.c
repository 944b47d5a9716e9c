/* atr-framebuffer-paintable.c — a remote framebuffer as a grid of tile textures
 *
 * GTK 4 decides what to repaint by diffing render nodes, and a texture node only counts as
 * unchanged when it holds the very same GdkTexture. So the framebuffer is kept as a grid of
 * 256 px GdkMemoryTextures and an update rebuilds only the tiles its damaged rectangles
 * touch: under the cairo renderer GTK then repaints just those tiles (TOOLCHAIN.md,
 * "Painting a changing framebuffer": 3.9 s of CPU per 30 s instead of 22.8 s for one
 * whole-buffer texture). A touched tile whose pixels are the same as before keeps its
 * texture too: servers report more than changed (freerdp-shadow-cli3 on the legacy path
 * whole 1024 px rows for a 96 px square), and a 256 px tile compares in microseconds.
 * Textures are straight-alpha B8G8R8A8, the cheapest format for the cairo renderer in
 * GTK 4.8; the data is opaque, so straight and premultiplied agree.
 *
 * Drawn scaled, the cairo renderer shows 1 px seams at texture edges. With overlap on, each
 * tile's texture carries a 1 px margin of its neighbours' pixels and is clipped to its own
 * (whole-pixel) rectangle, so no edge is ever sampled against nothing. At 1:1 the margin is
 * pointless and the view turns it off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <math.h>
#include <string.h>

#include "atr-framebuffer-paintable.h"

typedef struct
{
  GdkTexture *texture;
  GBytes     *pixels;        /* the texture's own pixels, to compare a rebuild against */
  guint8      margin_left;   /* extra pixels of the left/top neighbour in the texture */
  guint8      margin_top;
} Tile;

struct _AtrFramebufferPaintable
{
  GObject  parent_instance;

  guint    width;
  guint    height;
  guint    columns;
  guint    rows;
  Tile    *tiles;            /* rows * columns */
  gboolean *dirty;           /* scratch, same size */
  gboolean overlap;
  guint64  tiles_built;
};

static void paintable_iface_init (GdkPaintableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtrFramebufferPaintable, atr_framebuffer_paintable,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GDK_TYPE_PAINTABLE,
                                                      paintable_iface_init))

static void
free_tiles (AtrFramebufferPaintable *self)
{
  for (guint i = 0; i < self->columns * self->rows; i++)
    {
      g_clear_object (&self->tiles[i].texture);
      g_clear_pointer (&self->tiles[i].pixels, g_bytes_unref);
    }
  g_clear_pointer (&self->tiles, g_free);
  g_clear_pointer (&self->dirty, g_free);
  self->columns = self->rows = 0;
}

static void
atr_framebuffer_paintable_finalize (GObject *object)
{
  free_tiles (ATR_FRAMEBUFFER_PAINTABLE (object));
  G_OBJECT_CLASS (atr_framebuffer_paintable_parent_class)->finalize (object);
}

static void
atr_framebuffer_paintable_class_init (AtrFramebufferPaintableClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_framebuffer_paintable_finalize;
}

static void
atr_framebuffer_paintable_init (AtrFramebufferPaintable *self)
{
}

/* --- GdkPaintable ------------------------------------------------------------------- */

static void
snapshot_tile (AtrFramebufferPaintable *self,
               GtkSnapshot             *snapshot,
               guint                    column,
               guint                    row,
               double                   sx,
               double                   sy)
{
  const Tile *tile = &self->tiles[row * self->columns + column];
  guint tx = column * ATR_FRAMEBUFFER_TILE_SIZE;
  guint ty = row * ATR_FRAMEBUFFER_TILE_SIZE;
  guint tw = MIN (ATR_FRAMEBUFFER_TILE_SIZE, self->width - tx);
  guint th = MIN (ATR_FRAMEBUFFER_TILE_SIZE, self->height - ty);
  double x0, y0, x1, y1;

  if (tile->texture == NULL)
    return;

  if (sx == 1.0 && sy == 1.0 && tile->margin_left == 0 && tile->margin_top == 0 &&
      (guint) gdk_texture_get_width (tile->texture) == tw &&
      (guint) gdk_texture_get_height (tile->texture) == th)
    {
      gtk_snapshot_append_texture (snapshot, tile->texture,
                                   &GRAPHENE_RECT_INIT (tx, ty, tw, th));
      return;
    }

  /* Whole-pixel edges shared exactly with the neighbours: no gaps, no anti-aliased clip. */
  x0 = round (tx * sx);
  y0 = round (ty * sy);
  x1 = round ((tx + tw) * sx);
  y1 = round ((ty + th) * sy);
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x0, y0, x1 - x0, y1 - y0));
  gtk_snapshot_append_texture (snapshot, tile->texture,
                               &GRAPHENE_RECT_INIT ((tx - tile->margin_left) * sx,
                                                    (ty - tile->margin_top) * sy,
                                                    gdk_texture_get_width (tile->texture) * sx,
                                                    gdk_texture_get_height (tile->texture) * sy));
  gtk_snapshot_pop (snapshot);
}

static void
atr_framebuffer_paintable_snapshot (GdkPaintable *paintable,
                                    GdkSnapshot  *snapshot,
                                    double        width,
                                    double        height)
{
  AtrFramebufferPaintable *self = ATR_FRAMEBUFFER_PAINTABLE (paintable);
  double sx, sy;

  if (self->width == 0 || self->height == 0 || width <= 0 || height <= 0)
    return;

  sx = width / self->width;
  sy = height / self->height;
  for (guint row = 0; row < self->rows; row++)
    for (guint column = 0; column < self->columns; column++)
      snapshot_tile (self, GTK_SNAPSHOT (snapshot), column, row, sx, sy);
}

static GdkPaintable *
atr_framebuffer_paintable_get_current_image (GdkPaintable *paintable)
{
  AtrFramebufferPaintable *self = ATR_FRAMEBUFFER_PAINTABLE (paintable);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  atr_framebuffer_paintable_snapshot (paintable, snapshot, self->width, self->height);
  return gtk_snapshot_free_to_paintable (snapshot,
                                         &GRAPHENE_SIZE_INIT (self->width, self->height));
}

static int
atr_framebuffer_paintable_get_intrinsic_width (GdkPaintable *paintable)
{
  return (int) ATR_FRAMEBUFFER_PAINTABLE (paintable)->width;
}

static int
atr_framebuffer_paintable_get_intrinsic_height (GdkPaintable *paintable)
{
  return (int) ATR_FRAMEBUFFER_PAINTABLE (paintable)->height;
}

static void
paintable_iface_init (GdkPaintableInterface *iface)
{
  iface->snapshot = atr_framebuffer_paintable_snapshot;
  iface->get_current_image = atr_framebuffer_paintable_get_current_image;
  iface->get_intrinsic_width = atr_framebuffer_paintable_get_intrinsic_width;
  iface->get_intrinsic_height = atr_framebuffer_paintable_get_intrinsic_height;
}

/* --- updates ------------------------------------------------------------------------ */

/* Whether @rows rows of @row_bytes at (@x0, @y0) of the framebuffer are @pixels, compared
 * in place: an unchanged tile then costs one read of each, not a copy as well. */
static gboolean
same_pixels (GBytes       *pixels,
             const guint8 *data,
             gsize         stride,
             guint         x0,
             guint         y0,
             gsize         row_bytes,
             guint         rows)
{
  gsize size;
  const guint8 *old = g_bytes_get_data (pixels, &size);

  if (size != row_bytes * rows)
    return FALSE;
  for (guint y = 0; y < rows; y++)
    if (memcmp (old + (gsize) y * row_bytes, data + (gsize) (y0 + y) * stride + (gsize) x0 * 4,
                row_bytes) != 0)
      return FALSE;
  return TRUE;
}

/* Returns whether the tile got a new texture: not when the rebuilt pixels and layout are
 * those it already shows (servers report more than changed: the shadow server whole rows,
 * codecs whole blocks), so GTK keeps the old texture and presents nothing there. */
static gboolean
build_tile (AtrFramebufferPaintable *self,
            const guint8            *data,
            gsize                    stride,
            guint                    column,
            guint                    row)
{
  Tile *tile = &self->tiles[row * self->columns + column];
  guint tx = column * ATR_FRAMEBUFFER_TILE_SIZE;
  guint ty = row * ATR_FRAMEBUFFER_TILE_SIZE;
  guint x0 = tx, y0 = ty;
  guint x1 = MIN (tx + ATR_FRAMEBUFFER_TILE_SIZE, self->width);
  guint y1 = MIN (ty + ATR_FRAMEBUFFER_TILE_SIZE, self->height);
  gsize tile_stride;
  guint8 *pixels;
  g_autoptr(GBytes) bytes = NULL;

  if (self->overlap)
    {
      x0 = tx > 0 ? tx - 1 : tx;
      y0 = ty > 0 ? ty - 1 : ty;
      x1 = MIN (x1 + 1, self->width);
      y1 = MIN (y1 + 1, self->height);
    }

  tile_stride = (gsize) (x1 - x0) * 4;
  if (tile->texture != NULL && tile->margin_left == tx - x0 && tile->margin_top == ty - y0 &&
      (guint) gdk_texture_get_width (tile->texture) == x1 - x0 &&
      (guint) gdk_texture_get_height (tile->texture) == y1 - y0 &&
      same_pixels (tile->pixels, data, stride, x0, y0, tile_stride, y1 - y0))
    return FALSE;

  pixels = g_malloc (tile_stride * (y1 - y0));
  for (guint y = y0; y < y1; y++)
    memcpy (pixels + (gsize) (y - y0) * tile_stride, data + (gsize) y * stride + (gsize) x0 * 4,
            tile_stride);
  bytes = g_bytes_new_take (pixels, tile_stride * (y1 - y0));

  g_clear_object (&tile->texture);
  g_clear_pointer (&tile->pixels, g_bytes_unref);
  tile->texture = gdk_memory_texture_new ((int) (x1 - x0), (int) (y1 - y0),
                                          GDK_MEMORY_B8G8R8A8, bytes, tile_stride);
  tile->pixels = g_steal_pointer (&bytes);
  tile->margin_left = (guint8) (tx - x0);
  tile->margin_top = (guint8) (ty - y0);
  self->tiles_built++;
  return TRUE;
}

static void
resize_grid (AtrFramebufferPaintable *self,
             guint                    width,
             guint                    height)
{
  free_tiles (self);
  self->width = width;
  self->height = height;
  self->columns = (width + ATR_FRAMEBUFFER_TILE_SIZE - 1) / ATR_FRAMEBUFFER_TILE_SIZE;
  self->rows = (height + ATR_FRAMEBUFFER_TILE_SIZE - 1) / ATR_FRAMEBUFFER_TILE_SIZE;
  self->tiles = g_new0 (Tile, (gsize) self->columns * self->rows);
  self->dirty = g_new0 (gboolean, (gsize) self->columns * self->rows);
}

/* Marks the tiles @rect touches (grown by the overlap margin); clipped to the framebuffer. */
static void
mark_dirty (AtrFramebufferPaintable     *self,
            const cairo_rectangle_int_t *rect)
{
  gint64 grow = self->overlap ? 1 : 0;
  gint64 x0 = MAX ((gint64) rect->x - grow, 0);
  gint64 y0 = MAX ((gint64) rect->y - grow, 0);
  gint64 x1 = MIN ((gint64) rect->x + rect->width + grow, (gint64) self->width);
  gint64 y1 = MIN ((gint64) rect->y + rect->height + grow, (gint64) self->height);

  if (rect->width <= 0 || rect->height <= 0 || x0 >= x1 || y0 >= y1)
    return;

  for (gint64 row = y0 / ATR_FRAMEBUFFER_TILE_SIZE; row <= (y1 - 1) / ATR_FRAMEBUFFER_TILE_SIZE;
       row++)
    for (gint64 column = x0 / ATR_FRAMEBUFFER_TILE_SIZE;
         column <= (x1 - 1) / ATR_FRAMEBUFFER_TILE_SIZE; column++)
      self->dirty[row * self->columns + column] = TRUE;
}

/**
 * atr_framebuffer_paintable_new:
 *
 * Returns: (transfer full): an empty (0x0) paintable
 */
AtrFramebufferPaintable *
atr_framebuffer_paintable_new (void)
{
  return g_object_new (ATR_TYPE_FRAMEBUFFER_PAINTABLE, NULL);
}

/**
 * atr_framebuffer_paintable_update:
 * @data: the whole framebuffer, B, G, R, A bytes per pixel with opaque alpha
 * @width: its width
 * @height: its height
 * @stride: bytes per row (≥ 4 * @width)
 * @rects: (array length=n_rects): what changed since the last update
 * @n_rects: how many
 *
 * Rebuilds the tiles the rectangles touch (all of them when the size changed) and
 * invalidates the contents if any was rebuilt; tiles not touched, and touched tiles whose
 * pixels did not change, keep their texture.
 */
void
atr_framebuffer_paintable_update (AtrFramebufferPaintable     *self,
                                  const guint8                *data,
                                  guint                        width,
                                  guint                        height,
                                  gsize                        stride,
                                  const cairo_rectangle_int_t *rects,
                                  guint                        n_rects)
{
  gboolean resized = FALSE;
  guint built = 0;

  g_return_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self));
  g_return_if_fail (data != NULL);
  g_return_if_fail (width > 0 && height > 0 && width <= 16384 && height <= 16384);
  g_return_if_fail (stride >= (gsize) width * 4);
  g_return_if_fail (rects != NULL || n_rects == 0);

  if (width != self->width || height != self->height)
    {
      resize_grid (self, width, height);
      for (guint i = 0; i < self->columns * self->rows; i++)
        self->dirty[i] = TRUE;
      resized = TRUE;
    }
  else
    for (guint i = 0; i < n_rects; i++)
      mark_dirty (self, &rects[i]);

  for (guint row = 0; row < self->rows; row++)
    for (guint column = 0; column < self->columns; column++)
      if (self->dirty[row * self->columns + column])
        {
          if (build_tile (self, data, stride, column, row))
            built++;
          self->dirty[row * self->columns + column] = FALSE;
        }

  if (resized)
    gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  if (built > 0)
    gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

/**
 * atr_framebuffer_paintable_clear:
 *
 * Drops every tile; the paintable is 0x0 again.
 */
void
atr_framebuffer_paintable_clear (AtrFramebufferPaintable *self)
{
  g_return_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self));

  if (self->width == 0 && self->height == 0)
    return;
  free_tiles (self);
  self->width = self->height = 0;
  gdk_paintable_invalidate_size (GDK_PAINTABLE (self));
  gdk_paintable_invalidate_contents (GDK_PAINTABLE (self));
}

/**
 * atr_framebuffer_paintable_set_overlap:
 * @overlap: whether tiles built from now on carry a 1 px margin (for scaled drawing)
 *
 * Tiles already built keep their layout (and still draw correctly) until rebuilt: follow
 * a change with a full update to get seam-free scaled drawing everywhere.
 */
void
atr_framebuffer_paintable_set_overlap (AtrFramebufferPaintable *self,
                                       gboolean                 overlap)
{
  g_return_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self));
  self->overlap = !!overlap;
}

gboolean
atr_framebuffer_paintable_get_overlap (AtrFramebufferPaintable *self)
{
  g_return_val_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self), FALSE);
  return self->overlap;
}

guint
atr_framebuffer_paintable_get_n_tiles (AtrFramebufferPaintable *self)
{
  g_return_val_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self), 0);
  return self->columns * self->rows;
}

/**
 * atr_framebuffer_paintable_get_tile:
 *
 * Returns: (transfer none) (nullable): the texture of one tile, %NULL outside the grid
 */
GdkTexture *
atr_framebuffer_paintable_get_tile (AtrFramebufferPaintable *self,
                                    guint                    column,
                                    guint                    row)
{
  g_return_val_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self), NULL);

  if (column >= self->columns || row >= self->rows)
    return NULL;
  return self->tiles[row * self->columns + column].texture;
}

/* How many tile textures were built so far (a benchmark and test counter). */
guint64
atr_framebuffer_paintable_get_tiles_built (AtrFramebufferPaintable *self)
{
  g_return_val_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self), 0);
  return self->tiles_built;
}
