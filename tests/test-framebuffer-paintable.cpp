/* test-framebuffer-paintable.cpp — tiles: only damaged tiles get a new texture
 *
 * GTK repaints a texture node only when its GdkTexture object changes, so "the texture of an
 * untouched tile is the same object" is the property that makes partial repaints happen.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <vector>

extern "C" {
#include "atr-framebuffer-paintable.h"
}

static constexpr guint W = 1000;   /* 4 x 3 tiles, the last column and row partial */
static constexpr guint H = 600;
static constexpr guint T = ATR_FRAMEBUFFER_TILE_SIZE;

struct Counter
{
  guint contents = 0;
  guint size = 0;
};

static void contents_cb (GdkPaintable *, Counter *c) { c->contents++; }
static void size_cb (GdkPaintable *, Counter *c) { c->size++; }

class Paintable : public ::testing::Test
{
protected:
  static void
  SetUpTestSuite ()
  {
    /* Registers every render node type (gtk_init() would; no display is needed). */
    g_type_ensure (GSK_TYPE_TEXTURE_NODE);
  }

  void
  SetUp () override
  {
    stride = W * 4 + 16;   /* a padded stride, as framebuffers may have */
    pixels.assign (stride * H, 0);
    for (guint y = 0; y < H; y++)
      for (guint x = 0; x < W; x++)
        paint (x, y, x, y, (x + y) & 0xFF);
    paintable = atr_framebuffer_paintable_new ();
    g_signal_connect (paintable, "invalidate-contents", G_CALLBACK (contents_cb), &counter);
    g_signal_connect (paintable, "invalidate-size", G_CALLBACK (size_cb), &counter);
  }

  void
  TearDown () override
  {
    g_clear_object (&paintable);
    for (GdkTexture *t : seen)
      g_object_unref (t);
  }

  void
  paint (guint x, guint y, guint8 b, guint8 g, guint8 r)
  {
    guint8 *p = &pixels[y * stride + x * 4];
    p[0] = b;
    p[1] = g;
    p[2] = r;
    p[3] = 0xFF;
  }

  void
  update (std::vector<cairo_rectangle_int_t> rects, guint w = W, guint h = H)
  {
    atr_framebuffer_paintable_update (paintable, pixels.data (), w, h, stride, rects.data (),
                                      (guint) rects.size ());
  }

  /* The tiles' textures, by address. Each one stays referenced until the test ends, so that a
   * new texture can never be allocated where a replaced one was and compare as "the same"
   * (GLib 2.76+ allocates with malloc, which hands a freed block of that size straight back). */
  std::vector<GdkTexture *>
  tiles ()
  {
    std::vector<GdkTexture *> out;
    for (guint r = 0; r < 3; r++)
      for (guint c = 0; c < 4; c++)
        {
          GdkTexture *t = atr_framebuffer_paintable_get_tile (paintable, c, r);
          if (t != NULL)
            seen.push_back (GDK_TEXTURE (g_object_ref (t)));
          out.push_back (t);
        }
    return out;
  }

  /* Which of the 12 tiles have a new texture since @before. */
  std::vector<bool>
  changed (const std::vector<GdkTexture *> &before)
  {
    std::vector<GdkTexture *> now = tiles ();
    std::vector<bool> out;
    for (size_t i = 0; i < now.size (); i++)
      out.push_back (now[i] != before[i]);
    return out;
  }

  std::vector<guint8> pixels;
  gsize stride = 0;
  AtrFramebufferPaintable *paintable = NULL;
  Counter counter;
  std::vector<GdkTexture *> seen;
};

TEST_F (Paintable, FirstUpdateBuildsTheWholeGrid)
{
  update ({ { 10, 10, 5, 5 } });   /* the size is new: everything is built */
  EXPECT_EQ (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (paintable)), (int) W);
  EXPECT_EQ (gdk_paintable_get_intrinsic_height (GDK_PAINTABLE (paintable)), (int) H);
  EXPECT_EQ (atr_framebuffer_paintable_get_n_tiles (paintable), 12u);
  EXPECT_EQ (atr_framebuffer_paintable_get_tiles_built (paintable), 12u);
  EXPECT_EQ (counter.size, 1u);
  EXPECT_EQ (counter.contents, 1u);
  for (GdkTexture *t : tiles ())
    ASSERT_NE (t, nullptr);
  /* Edge tiles are partial: 1000 = 3 * 256 + 232, 600 = 2 * 256 + 88. */
  EXPECT_EQ (gdk_texture_get_width (atr_framebuffer_paintable_get_tile (paintable, 3, 0)), 232);
  EXPECT_EQ (gdk_texture_get_height (atr_framebuffer_paintable_get_tile (paintable, 0, 2)), 88);
  EXPECT_EQ (atr_framebuffer_paintable_get_tile (paintable, 4, 0), nullptr);
  EXPECT_EQ (atr_framebuffer_paintable_get_tile (paintable, 0, 3), nullptr);
}

TEST_F (Paintable, OnlyTouchedTilesGetNewTextures)
{
  update ({});
  std::vector<GdkTexture *> before = tiles ();
  guint64 built = atr_framebuffer_paintable_get_tiles_built (paintable);

  paint (305, 15, 1, 2, 3);
  update ({ { 300, 10, 20, 20 } });   /* inside tile (1, 0) */
  EXPECT_EQ (changed (before),
             std::vector<bool> ({ false, true, false, false, false, false, false, false,
                                  false, false, false, false }));
  EXPECT_EQ (atr_framebuffer_paintable_get_tiles_built (paintable), built + 1);
  EXPECT_EQ (counter.contents, 2u);
  EXPECT_EQ (counter.size, 1u);

  before = tiles ();
  for (guint y = T - 1; y <= T; y++)
    for (guint x = T - 1; x <= T; x++)
      paint (x, y, 9, 9, 9);
  update ({ { T - 1, T - 1, 2, 2 } });   /* the corner of four tiles */
  EXPECT_EQ (changed (before),
             std::vector<bool> ({ true, true, false, false, true, true, false, false,
                                  false, false, false, false }));
}

/* Servers report more than changed: a touched tile with the same pixels keeps its texture,
 * so GTK presents nothing there. A new layout (the overlap margin) is a change. */
TEST_F (Paintable, UnchangedPixelsKeepTheirTexture)
{
  update ({});
  std::vector<GdkTexture *> before = tiles ();
  guint64 built = atr_framebuffer_paintable_get_tiles_built (paintable);
  guint contents = counter.contents;

  update ({ { 0, 0, (int) W, (int) H } });
  EXPECT_EQ (tiles (), before);
  EXPECT_EQ (atr_framebuffer_paintable_get_tiles_built (paintable), built);
  EXPECT_EQ (counter.contents, contents);

  paint (600, 300, 1, 2, 3);   /* tile (2, 1) */
  update ({ { 0, 0, (int) W, (int) H } });
  EXPECT_EQ (changed (before),
             std::vector<bool> ({ false, false, false, false, false, false, true, false,
                                  false, false, false, false }));
  EXPECT_EQ (atr_framebuffer_paintable_get_tiles_built (paintable), built + 1);
  EXPECT_EQ (counter.contents, contents + 1);

  /* (Counted: a freed texture's address may come back for its successor.) */
  built = atr_framebuffer_paintable_get_tiles_built (paintable);
  atr_framebuffer_paintable_set_overlap (paintable, TRUE);
  update ({ { 0, 0, (int) W, (int) H } });
  EXPECT_EQ (atr_framebuffer_paintable_get_tiles_built (paintable), built + 12);
}

TEST_F (Paintable, DamageOutsideTheFramebufferChangesNothing)
{
  update ({});
  std::vector<GdkTexture *> before = tiles ();
  guint contents = counter.contents;

  update ({ { (int) W, 0, 50, 50 }, { -100, -100, 100, 100 }, { 10, 10, 0, 5 },
            { 10, 10, -5, -5 }, { G_MAXINT - 1, G_MAXINT - 1, G_MAXINT, G_MAXINT } });
  EXPECT_EQ (tiles (), before);
  EXPECT_EQ (counter.contents, contents);

  /* Huge rectangles are clipped, not overflowed. */
  update ({ { G_MININT, G_MININT, G_MAXINT, G_MAXINT } });
  EXPECT_EQ (tiles (), before);
  for (guint x = 5; x < W; x += T)
    paint (x, 5, 7, 7, 7);
  update ({ { -10, -10, G_MAXINT, 20 } });   /* the whole first row */
  EXPECT_EQ (changed (before),
             std::vector<bool> ({ true, true, true, true, false, false, false, false,
                                  false, false, false, false }));
}

TEST_F (Paintable, TexturesCarryTheFramebufferPixels)
{
  update ({});
  paint (600, 300, 1, 2, 3);
  update ({ { 600, 300, 1, 1 } });

  GdkTexture *tile = atr_framebuffer_paintable_get_tile (paintable, 2, 1);
  int tw = gdk_texture_get_width (tile), th = gdk_texture_get_height (tile);
  std::vector<guint8> out ((size_t) tw * th * 4);
  gdk_texture_download (tile, out.data (), (gsize) tw * 4);
  /* gdk_texture_download gives native-endian ARGB32 (B, G, R, A on little-endian). */
  const guint8 *p = &out[((300 - T) * tw + (600 - 2 * T)) * 4];
  EXPECT_EQ (p[0], 1);
  EXPECT_EQ (p[1], 2);
  EXPECT_EQ (p[2], 3);
  EXPECT_EQ (p[3], 0xFF);
  p = &out[((310 - T) * tw + (700 - 2 * T)) * 4];
  EXPECT_EQ (p[0], 700 & 0xFF);
  EXPECT_EQ (p[1], 310 & 0xFF);
}

TEST_F (Paintable, ResizeRebuildsEverything)
{
  update ({});
  update ({}, 300, 300);
  EXPECT_EQ (atr_framebuffer_paintable_get_n_tiles (paintable), 4u);
  EXPECT_EQ (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (paintable)), 300);
  EXPECT_EQ (counter.size, 2u);
  EXPECT_EQ (gdk_texture_get_width (atr_framebuffer_paintable_get_tile (paintable, 1, 1)), 44);

  atr_framebuffer_paintable_clear (paintable);
  EXPECT_EQ (atr_framebuffer_paintable_get_n_tiles (paintable), 0u);
  EXPECT_EQ (gdk_paintable_get_intrinsic_width (GDK_PAINTABLE (paintable)), 0);
  EXPECT_EQ (counter.size, 3u);
}

TEST_F (Paintable, OverlapAddsAMarginAndWidensDamage)
{
  atr_framebuffer_paintable_set_overlap (paintable, TRUE);
  update ({});
  EXPECT_EQ (gdk_texture_get_width (atr_framebuffer_paintable_get_tile (paintable, 0, 0)),
             (int) T + 1);
  EXPECT_EQ (gdk_texture_get_width (atr_framebuffer_paintable_get_tile (paintable, 1, 1)),
             (int) T + 2);
  EXPECT_EQ (gdk_texture_get_width (atr_framebuffer_paintable_get_tile (paintable, 3, 2)),
             232 + 1);

  /* The last column of tile 0 is in tile 1's margin: both are rebuilt. */
  std::vector<GdkTexture *> before = tiles ();
  paint (T - 1, 10, 5, 5, 5);
  update ({ { (int) T - 1, 10, 1, 1 } });
  EXPECT_EQ (changed (before),
             std::vector<bool> ({ true, true, false, false, false, false, false, false,
                                  false, false, false, false }));
}

static guint
count_nodes (GskRenderNode *node, GskRenderNodeType type)
{
  guint n = gsk_render_node_get_node_type (node) == type ? 1 : 0;

  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        n += count_nodes (gsk_container_node_get_child (node, i), type);
      break;
    case GSK_CLIP_NODE:
      n += count_nodes (gsk_clip_node_get_child (node), type);
      break;
    case GSK_TRANSFORM_NODE:
      n += count_nodes (gsk_transform_node_get_child (node), type);
      break;
    default:
      break;
    }
  return n;
}

TEST_F (Paintable, SnapshotDrawsOneTextureNodePerTile)
{
  update ({});

  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (GDK_PAINTABLE (paintable), snapshot, W, H);
  GskRenderNode *node = gtk_snapshot_free_to_node (snapshot);
  ASSERT_NE (node, nullptr);
  EXPECT_EQ (count_nodes (node, GSK_TEXTURE_NODE), 12u);
  EXPECT_EQ (count_nodes (node, GSK_CLIP_NODE), 0u);   /* 1:1: no clips */
  graphene_rect_t bounds;
  gsk_render_node_get_bounds (node, &bounds);
  EXPECT_FLOAT_EQ (bounds.size.width, W);
  EXPECT_FLOAT_EQ (bounds.size.height, H);
  gsk_render_node_unref (node);

  /* Scaled with overlap: each tile's texture (with its margin) is clipped to whole pixels. */
  atr_framebuffer_paintable_set_overlap (paintable, TRUE);
  update ({ { 0, 0, (int) W, (int) H } });
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (GDK_PAINTABLE (paintable), snapshot, W / 2.0, H / 2.0);
  node = gtk_snapshot_free_to_node (snapshot);
  EXPECT_EQ (count_nodes (node, GSK_TEXTURE_NODE), 12u);
  EXPECT_EQ (count_nodes (node, GSK_CLIP_NODE), 12u);
  gsk_render_node_unref (node);
}

TEST_F (Paintable, EmptyPaintableDrawsNothing)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (GDK_PAINTABLE (paintable), snapshot, 100, 100);
  GskRenderNode *node = gtk_snapshot_free_to_node (snapshot);
  EXPECT_EQ (node, nullptr);
}

/* --- cairo nodes (GTK's cairo renderer) ---------------------------------------------- */

/* @node drawn into a @w x @h RGB24 image over magenta (whatever no tile covers). */
struct Drawn
{
  cairo_surface_t *target;

  Drawn (GskRenderNode *node, int w, int h)
  {
    target = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
    cairo_t *cr = cairo_create (target);
    cairo_set_source_rgb (cr, 1, 0, 1);
    cairo_paint (cr);
    gsk_render_node_draw (node, cr);
    cairo_destroy (cr);
    cairo_surface_flush (target);
  }
  ~Drawn () { cairo_surface_destroy (target); }

  /* Pixel (@x, @y) as 0xRRGGBB. */
  guint32
  at (int x, int y) const
  {
    return *(const guint32 *) (cairo_image_surface_get_data (target) +
                               (gsize) y * cairo_image_surface_get_stride (target) +
                               (gsize) x * 4) & 0xFFFFFF;
  }
};

static guint32
rgb_at (guint x, guint y)   /* what SetUp painted */
{
  return ((x + y) & 0xFF) << 16 | (y & 0xFF) << 8 | (x & 0xFF);
}

static GskRenderNode *
snapshot_node (AtrFramebufferPaintable *paintable, double w, double h)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (GDK_PAINTABLE (paintable), snapshot, w, h);
  return gtk_snapshot_free_to_node (snapshot);
}

TEST_F (Paintable, CairoNodesDrawTheFramebufferPixels)
{
  atr_framebuffer_paintable_set_cairo_nodes (paintable, TRUE);
  /* The alpha byte is not forced here: cairo's RGB24 ignores it. */
  pixels[(300 * stride) + 600 * 4 + 3] = 0;
  paint (600, 300, 1, 2, 3);
  pixels[(300 * stride) + 600 * 4 + 3] = 0;
  update ({});
  EXPECT_EQ (atr_framebuffer_paintable_get_tile (paintable, 0, 0), nullptr);

  GskRenderNode *node = snapshot_node (paintable, W, H);
  ASSERT_NE (node, nullptr);
  EXPECT_EQ (count_nodes (node, GSK_CAIRO_NODE), 12u);
  EXPECT_EQ (count_nodes (node, GSK_TEXTURE_NODE), 0u);
  Drawn drawn (node, W, H);
  gsk_render_node_unref (node);
  EXPECT_EQ (drawn.at (600, 300), 0x030201u);
  guint wrong = 0;
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      if (!(x == 600 && y == 300) && drawn.at (x, y) != rgb_at (x, y) && wrong++ < 5)
        ADD_FAILURE () << "pixel " << x << "," << y << " is " << std::hex << drawn.at (x, y);
  EXPECT_EQ (wrong, 0u);
}

/* GTK's diff keeps a node that is the same object: an untouched tile must keep its node. */
TEST_F (Paintable, OnlyTouchedTilesGetNewCairoNodes)
{
  atr_framebuffer_paintable_set_cairo_nodes (paintable, TRUE);
  update ({});
  gsk_render_node_unref (snapshot_node (paintable, W, H));
  std::vector<GskRenderNode *> before;
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 4; c++)
      {
        GskRenderNode *n = atr_framebuffer_paintable_get_tile_node (paintable, c, r);
        ASSERT_NE (n, nullptr);
        before.push_back (gsk_render_node_ref (n));   /* kept: no address reuse */
      }

  paint (305, 15, 1, 2, 3);
  update ({ { 300, 10, 20, 20 }, { 0, 0, 10, 10 } });   /* tile 0's pixels are unchanged */
  GskRenderNode *node = snapshot_node (paintable, W, H);
  for (guint i = 0; i < 12; i++)
    EXPECT_EQ (atr_framebuffer_paintable_get_tile_node (paintable, i % 4, i / 4) != before[i],
               i == 1) << "tile " << i;
  EXPECT_EQ (Drawn (node, W, H).at (305, 15), 0x030201u);
  gsk_render_node_unref (node);

  /* Back to textures (a window moved to a GL renderer): the same pixels, as textures. */
  atr_framebuffer_paintable_set_cairo_nodes (paintable, FALSE);
  EXPECT_EQ (atr_framebuffer_paintable_get_tile_node (paintable, 1, 0), nullptr);
  GdkTexture *tile = atr_framebuffer_paintable_get_tile (paintable, 1, 0);
  ASSERT_NE (tile, nullptr);
  std::vector<guint8> out ((size_t) T * T * 4);
  gdk_texture_download (tile, out.data (), (gsize) T * 4);
  const guint8 *p = &out[(15 * T + (305 - T)) * 4];
  EXPECT_EQ (p[0], 1);
  EXPECT_EQ (p[2], 3);
  for (GskRenderNode *n : before)
    gsk_render_node_unref (n);
}

/* Scaled, each tile is drawn into its own whole-pixel rectangle from its margin: no seams
 * (the background never shows between tiles) and the right pixels inside. */
TEST_F (Paintable, ScaledCairoNodesLeaveNoSeams)
{
  atr_framebuffer_paintable_set_cairo_nodes (paintable, TRUE);
  atr_framebuffer_paintable_set_overlap (paintable, TRUE);
  for (guint y = 0; y < H; y++)
    for (guint x = 0; x < W; x++)
      paint (x, y, 0x20, 0x40, x < T ? 0x60 : 0x61);   /* smooth: interpolation stays near */
  update ({});

  const double s = 0.75;
  GskRenderNode *node = snapshot_node (paintable, W * s, H * s);
  int w = (int) (W * s), h = (int) (H * s);
  Drawn drawn (node, w, h);
  guint wrong = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 px = drawn.at (x, y);
        if ((px & 0xFEFFFF) != 0x604020 && wrong++ < 5)
          ADD_FAILURE () << "pixel " << x << "," << y << " is " << std::hex << px;
      }
  EXPECT_EQ (wrong, 0u);
  /* A tile drawn again at another scale gets new nodes. */
  GskRenderNode *first = atr_framebuffer_paintable_get_tile_node (paintable, 0, 0);
  gsk_render_node_ref (first);
  gsk_render_node_unref (snapshot_node (paintable, W, H));
  EXPECT_NE (atr_framebuffer_paintable_get_tile_node (paintable, 0, 0), first);
  gsk_render_node_unref (first);
  gsk_render_node_unref (node);
}
