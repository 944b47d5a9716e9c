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
 * Each tile's pixels are one CAIRO_FORMAT_RGB24 image surface (B, G, R, X bytes on
 * little-endian: the framebuffer's layout). How it is presented depends on the renderer:
 *
 * - textures (GTK's GL renderer, the default): a straight-alpha B8G8R8A8 GdkMemoryTexture
 *   over the same bytes (the engine forces the alpha byte to 0xFF).
 * - cairo nodes (GTK's cairo renderer, atr_framebuffer_paintable_set_cairo_nodes()): a
 *   GskCairoNode that paints the RGB24 surface. GTK 4.8's cairo renderer converts a texture
 *   to a premultiplied cairo surface on every draw of its node (gdk_memory_convert, a
 *   per-pixel loop: 9 % of the client's CPU on the GFX path, most of the presentation on the
 *   legacy one); an RGB24 surface needs no conversion (its X byte is ignored) and pixman
 *   copies it. The node is kept per tile and scale, so an unchanged tile is the same node and
 *   GTK's diff leaves it alone, as with textures.
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
  cairo_surface_t *image;       /* the tile's pixels (RGB24, margin included) */
  GdkTexture      *texture;     /* textures: over the image's bytes */
  GskRenderNode   *node;        /* cairo nodes: made at the first snapshot at node_sx/sy */
  guint8           margin_left; /* extra pixels of the left/top neighbour in the image */
  guint8           margin_top;
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
  gboolean cairo_nodes;
  double   node_sx;          /* the scale the tiles' nodes were made for */
  double   node_sy;
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
      /* The node first: a surface still painted by a live recording would be copied when
       * destroyed (cairo's copy-on-write snapshot); cairo steals its memory instead. */
      g_clear_pointer (&self->tiles[i].node, gsk_render_node_unref);
      g_clear_object (&self->tiles[i].texture);
      g_clear_pointer (&self->tiles[i].image, cairo_surface_destroy);
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

/* The whole-pixel rectangle a tile covers at scale (@sx, @sy): shared exactly with the
 * neighbours, so no gaps and no anti-aliased clip edges. */
static void
tile_device_rect (AtrFramebufferPaintable *self,
                  guint                    column,
                  guint                    row,
                  double                   sx,
                  double                   sy,
                  graphene_rect_t         *out)
{
  guint tx = column * ATR_FRAMEBUFFER_TILE_SIZE;
  guint ty = row * ATR_FRAMEBUFFER_TILE_SIZE;
  guint tw = MIN (ATR_FRAMEBUFFER_TILE_SIZE, self->width - tx);
  guint th = MIN (ATR_FRAMEBUFFER_TILE_SIZE, self->height - ty);
  double x0 = round (tx * sx), y0 = round (ty * sy);

  graphene_rect_init (out, x0, y0, round ((tx + tw) * sx) - x0, round ((ty + th) * sy) - y0);
}

/* A cairo node painting @tile's image into its device rectangle: at 1:1 a plain copy (the
 * margin clipped off), scaled like GTK's texture node (bilinear, edges padded). */
static GskRenderNode *
make_node (AtrFramebufferPaintable *self,
           const Tile              *tile,
           guint                    column,
           guint                    row,
           double                   sx,
           double                   sy)
{
  guint tx = column * ATR_FRAMEBUFFER_TILE_SIZE;
  guint ty = row * ATR_FRAMEBUFFER_TILE_SIZE;
  graphene_rect_t rect;
  GskRenderNode *node;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  cairo_t *cr;

  tile_device_rect (self, column, row, sx, sy, &rect);
  node = gsk_cairo_node_new (&rect);
  cr = gsk_cairo_node_get_draw_context (node);
  pattern = cairo_pattern_create_for_surface (tile->image);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  /* Pattern space is the image's: device → framebuffer → image (margin included). */
  cairo_matrix_init_translate (&matrix, (double) tile->margin_left - tx,
                               (double) tile->margin_top - ty);
  cairo_matrix_scale (&matrix, 1.0 / sx, 1.0 / sy);
  cairo_pattern_set_matrix (pattern, &matrix);
  if (sx == 1.0 && sy == 1.0)
    cairo_pattern_set_filter (pattern, CAIRO_FILTER_NEAREST);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source (cr, pattern);
  cairo_rectangle (cr, rect.origin.x, rect.origin.y, rect.size.width, rect.size.height);
  cairo_fill (cr);
  cairo_pattern_destroy (pattern);
  cairo_destroy (cr);
  return node;
}

static void
snapshot_tile (AtrFramebufferPaintable *self,
               GtkSnapshot             *snapshot,
               guint                    column,
               guint                    row,
               double                   sx,
               double                   sy)
{
  Tile *tile = &self->tiles[row * self->columns + column];
  guint tx = column * ATR_FRAMEBUFFER_TILE_SIZE;
  guint ty = row * ATR_FRAMEBUFFER_TILE_SIZE;
  guint tw = MIN (ATR_FRAMEBUFFER_TILE_SIZE, self->width - tx);
  guint th = MIN (ATR_FRAMEBUFFER_TILE_SIZE, self->height - ty);
  graphene_rect_t clip;

  if (tile->image == NULL)
    return;

  if (self->cairo_nodes)
    {
      if (tile->node == NULL)
        tile->node = make_node (self, tile, column, row, sx, sy);
      gtk_snapshot_append_node (snapshot, tile->node);
      return;
    }

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

  tile_device_rect (self, column, row, sx, sy, &clip);
  gtk_snapshot_push_clip (snapshot, &clip);
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
  if (self->cairo_nodes && (sx != self->node_sx || sy != self->node_sy))
    {
      for (guint i = 0; i < self->columns * self->rows; i++)
        g_clear_pointer (&self->tiles[i].node, gsk_render_node_unref);
      self->node_sx = sx;
      self->node_sy = sy;
    }
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

/* Whether @rows rows of @row_bytes at (@x0, @y0) of the framebuffer are @image's pixels,
 * compared in place: an unchanged tile then costs one read of each, not a copy as well. */
static gboolean
same_pixels (cairo_surface_t *image,
             const guint8    *data,
             gsize            stride,
             guint            x0,
             guint            y0,
             gsize            row_bytes,
             guint            rows)
{
  const guint8 *old = cairo_image_surface_get_data (image);
  gsize old_stride = (gsize) cairo_image_surface_get_stride (image);

  for (guint y = 0; y < rows; y++)
    if (memcmp (old + (gsize) y * old_stride,
                data + (gsize) (y0 + y) * stride + (gsize) x0 * 4, row_bytes) != 0)
      return FALSE;
  return TRUE;
}

/* A texture over @image's bytes, which it keeps alive. */
static GdkTexture *
make_texture (cairo_surface_t *image)
{
  int width = cairo_image_surface_get_width (image);
  int height = cairo_image_surface_get_height (image);
  gsize stride = (gsize) cairo_image_surface_get_stride (image);
  g_autoptr(GBytes) bytes =
    g_bytes_new_with_free_func (cairo_image_surface_get_data (image), stride * height,
                                (GDestroyNotify) cairo_surface_destroy,
                                cairo_surface_reference (image));

  return gdk_memory_texture_new (width, height, GDK_MEMORY_B8G8R8A8, bytes, stride);
}

/* Returns whether the tile got new pixels: not when the rebuilt pixels and layout are those
 * it already shows (servers report more than changed: the shadow server whole rows, codecs
 * whole blocks), so GTK keeps the old texture or node and presents nothing there. */
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
  gsize row_bytes, image_stride;
  cairo_surface_t *image;
  guint8 *pixels;

  if (self->overlap)
    {
      x0 = tx > 0 ? tx - 1 : tx;
      y0 = ty > 0 ? ty - 1 : ty;
      x1 = MIN (x1 + 1, self->width);
      y1 = MIN (y1 + 1, self->height);
    }

  row_bytes = (gsize) (x1 - x0) * 4;
  if (tile->image != NULL && tile->margin_left == tx - x0 && tile->margin_top == ty - y0 &&
      (guint) cairo_image_surface_get_width (tile->image) == x1 - x0 &&
      (guint) cairo_image_surface_get_height (tile->image) == y1 - y0 &&
      same_pixels (tile->image, data, stride, x0, y0, row_bytes, y1 - y0))
    return FALSE;

  image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (x1 - x0), (int) (y1 - y0));
  if (cairo_surface_status (image) != CAIRO_STATUS_SUCCESS)
    g_error ("Could not allocate a %ux%u tile", x1 - x0, y1 - y0);
  pixels = cairo_image_surface_get_data (image);
  image_stride = (gsize) cairo_image_surface_get_stride (image);
  for (guint y = y0; y < y1; y++)
    memcpy (pixels + (gsize) (y - y0) * image_stride, data + (gsize) y * stride + (gsize) x0 * 4,
            row_bytes);
  cairo_surface_mark_dirty (image);

  g_clear_pointer (&tile->node, gsk_render_node_unref);
  g_clear_object (&tile->texture);
  g_clear_pointer (&tile->image, cairo_surface_destroy);
  tile->image = image;
  if (!self->cairo_nodes)
    tile->texture = make_texture (image);
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

/**
 * atr_framebuffer_paintable_set_cairo_nodes:
 * @cairo_nodes: whether tiles are drawn as cairo nodes (for GTK's cairo renderer) rather
 *   than textures (for the GL renderer)
 *
 * The pixels are kept; only how they are drawn changes. Call it before snapshotting, with
 * what the renderer that draws the snapshot is (it does not invalidate the contents).
 */
void
atr_framebuffer_paintable_set_cairo_nodes (AtrFramebufferPaintable *self,
                                           gboolean                 cairo_nodes)
{
  g_return_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self));

  cairo_nodes = !!cairo_nodes;
  if (cairo_nodes == self->cairo_nodes)
    return;
  self->cairo_nodes = cairo_nodes;
  self->node_sx = self->node_sy = 0;
  for (guint i = 0; i < self->columns * self->rows; i++)
    {
      Tile *tile = &self->tiles[i];

      g_clear_pointer (&tile->node, gsk_render_node_unref);
      g_clear_object (&tile->texture);
      if (!cairo_nodes && tile->image != NULL)
        tile->texture = make_texture (tile->image);
    }
}

gboolean
atr_framebuffer_paintable_get_cairo_nodes (AtrFramebufferPaintable *self)
{
  g_return_val_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self), FALSE);
  return self->cairo_nodes;
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
 *   and when drawing with cairo nodes
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

/**
 * atr_framebuffer_paintable_get_tile_node:
 *
 * Returns: (transfer none) (nullable): the cairo node one tile was last drawn with, %NULL
 *   outside the grid, when drawing textures, or before the tile's first snapshot
 */
GskRenderNode *
atr_framebuffer_paintable_get_tile_node (AtrFramebufferPaintable *self,
                                         guint                    column,
                                         guint                    row)
{
  g_return_val_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self), NULL);

  if (column >= self->columns || row >= self->rows)
    return NULL;
  return self->tiles[row * self->columns + column].node;
}

/* How many tiles' pixels were built so far (a benchmark and test counter). */
guint64
atr_framebuffer_paintable_get_tiles_built (AtrFramebufferPaintable *self)
{
  g_return_val_if_fail (ATR_IS_FRAMEBUFFER_PAINTABLE (self), 0);
  return self->tiles_built;
}
