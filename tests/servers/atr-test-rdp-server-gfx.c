/* atr-test-rdp-server-gfx.c — the graphics pipeline part of atrium-test-rdp-server
 * (MS-RDPEGFX, FreeRDP's rdpgfx server channel)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With `--gfx=commands` it opens the "Microsoft::Windows::RDS::Graphics" dynamic channel
 * once drdynvc is ready (rdpgfx_server_context_new, the channel's own thread). When the
 * client advertises its capabilities it confirms the highest version offered, with the
 * client's own flags. Then, on the peer's thread, it plays one fixed script on a surface of
 * the desktop's size (at least 448x256), each drawing step in a frame of its own
 * (StartFrame … EndFrame, frame ids 1, 2, …):
 *
 *   ResetGraphics (the desktop's size, one monitor), CreateSurface 1 (XRGB), MapSurfaceToOutput
 *   frame 1  SolidFill: the whole surface in the background colour, then square A red
 *   frame 2  SurfaceToSurface: square A copied to square B
 *   frame 3  SurfaceToCache (slot 1, square A) and CacheToSurface to square C
 *   frame 4  a planar-coded square P (planar_compress; top half green, bottom half grey-green)
 *   frame 5  an AVC420 square V, blue (FreeRDP's H.264 encoder: the whole surface encoded,
 *            the region rect naming only V, so only V may change on the client)
 *
 * Squares are 64x64 at (left, top): A (32,32), B (128,32), C (224,32), P (32,128),
 * V (128,128); the colours are below (kBackground …). `--gfx-skip=STEP[,STEP]` leaves steps
 * out (solidfill-a, s2s, cache, planar, avc420) so a test can see that its check of a place
 * fails when the command that paints it is missing. Lines on stdout:
 *
 *   GFX opened peer=I                                     channel creation asked
 *   GFX CAPS-CONFIRM version=0xV flags=0xF avc=yes|no peer=I
 *   GFX RESET-GRAPHICS WxH peer=I
 *   GFX CREATE-SURFACE id=S WxH peer=I
 *   GFX MAP-SURFACE id=S x=0 y=0 peer=I
 *   GFX SOLIDFILL frame=N x,y,w,h colour=RRGGBB peer=I
 *   GFX SURFACETOSURFACE frame=N x,y,w,h to=x,y peer=I
 *   GFX SURFACETOCACHE frame=N x,y,w,h slot=K peer=I
 *   GFX CACHETOSURFACE frame=N slot=K to=x,y peer=I
 *   GFX PLANAR frame=N x,y,w,h bytes=B peer=I
 *   GFX AVC420 frame=N x,y,w,h bytes=B peer=I
 *   GFX AVC420-UNAVAILABLE reason=… peer=I                no H.264 here: step left out
 *   GFX DONE frames=N peer=I                              the script was sent
 *   GFX FRAME-ACKED id=N decoded=D queue=Q peer=I         the client acknowledged frame N
 *   GFX CACHE-IMPORT-OFFER entries=N peer=I               (only if a client offers one)
 *
 * What it does NOT do: any other codec (no RemoteFX, progressive, ClearCodec, AVC444,
 * alpha), several surfaces or monitors, scaled or window mapping, cache eviction, a reply to
 * a cache import offer, following the desktop through a resize (the script is played once,
 * on the first size), frame pacing (it does not wait for acknowledgements), or QoE.
 */
#define G_LOG_DOMAIN "atrium-test-rdp-server"

#include "config.h"

#include <string.h>

#include <freerdp/channels/rdpgfx.h>
#include <freerdp/codec/color.h>
#include <freerdp/codec/h264.h>
#include <freerdp/codec/planar.h>
#include <freerdp/server/rdpgfx.h>
#include <freerdp/settings.h>
#include <winpr/synch.h>

#include "atr-test-rdp-server.h"

static char *opt_gfx;
static char *opt_gfx_skip;

static const GOptionEntry gfx_options[] = {
  { "gfx", 0, 0, G_OPTION_ARG_STRING, &opt_gfx, "Open RDPGFX and play a script (only: commands)", "SCRIPT" },
  { "gfx-skip", 0, 0, G_OPTION_ARG_STRING, &opt_gfx_skip, "Leave script steps out (solidfill-a, s2s, cache, planar, avc420)", "STEP[,STEP…]" },
  { NULL }
};

/* The picture (RGB); the test holds the same numbers. */
enum
{
  kBackground = 0x203040,
  kSquareA = 0xd02020,
  /* Every channel steps up by less than 0x80 from top to bottom: FreeRDP 3.11.0 to 3.17.1
   * (Debian 13 has 3.15) encode a planar delta that is negative or 0x80 and more wrongly
   * (cc934795e, fixed by 16be427cd "[codec,planar] fix encoder regression"); a square that
   * needs only small rising deltas tests the client's decoder on every version. */
  kPlanarTop = 0x20c040,
  kPlanarBottom = 0x80c080,
  kAvc = 0x3060e0,
  kSide = 64,
  kSurfaceId = 1,
  kCacheSlot = 1,
};

typedef struct
{
  AtrTestRdpPeer      *peer;
  RdpgfxServerContext *gfx;
  guint32              channel_id;
  gint                 confirmed;   /* atomic: caps confirmed, play on the next turn */
  gint                 avc;         /* atomic: the confirmed caps allow AVC420 */
  gboolean             played;
  guint                width;
  guint                height;
  guint8              *model;       /* BGRX: the surface as the client should hold it */
  guint32              frame_id;
} GfxPart;

static gboolean
skipped (const char *step)
{
  g_auto(GStrv) list = NULL;

  if (opt_gfx_skip == NULL)
    return FALSE;
  list = g_strsplit (opt_gfx_skip, ",", -1);
  return g_strv_contains ((const char *const *) list, step);
}

/* --- the channel's thread ------------------------------------------------------------ */

static gboolean
caps_allow_avc420 (const RDPGFX_CAPSET *caps)
{
  if (caps->version >= RDPGFX_CAPVERSION_10)
    return (caps->flags & RDPGFX_CAPS_FLAG_AVC_DISABLED) == 0;
  if (caps->version == RDPGFX_CAPVERSION_81)
    return (caps->flags & RDPGFX_CAPS_FLAG_AVC420_ENABLED) != 0;
  return FALSE;
}

static UINT
caps_advertise_cb (RdpgfxServerContext             *gfx,
                   const RDPGFX_CAPS_ADVERTISE_PDU *advertise)
{
  GfxPart *part = gfx->custom;
  const RDPGFX_CAPSET *best = NULL;
  RDPGFX_CAPSET caps;
  RDPGFX_CAPS_CONFIRM_PDU confirm = { 0 };
  UINT rc;

  for (UINT16 i = 0; i < advertise->capsSetCount; i++)
    if (best == NULL || advertise->capsSets[i].version > best->version)
      best = &advertise->capsSets[i];
  if (best == NULL)
    {
      atr_test_rdp_say ("ERROR GFX no caps advertised peer=%u", part->peer->id);
      return CHANNEL_RC_UNSUPPORTED_VERSION;
    }
  caps = *best;
  confirm.capsSet = &caps;
  rc = gfx->CapsConfirm (gfx, &confirm);
  if (rc != CHANNEL_RC_OK)
    {
      atr_test_rdp_say ("ERROR GFX caps confirm failed 0x%x peer=%u", rc, part->peer->id);
      return rc;
    }
  atr_test_rdp_say ("GFX CAPS-CONFIRM version=0x%08x flags=0x%x avc=%s peer=%u", caps.version,
                    caps.flags, caps_allow_avc420 (&caps) ? "yes" : "no", part->peer->id);
  g_atomic_int_set (&part->avc, caps_allow_avc420 (&caps));
  g_atomic_int_set (&part->confirmed, TRUE);
  SetEvent (part->peer->wake);
  return CHANNEL_RC_OK;
}

static UINT
frame_acknowledge_cb (RdpgfxServerContext                *gfx,
                      const RDPGFX_FRAME_ACKNOWLEDGE_PDU *ack)
{
  GfxPart *part = gfx->custom;

  atr_test_rdp_say ("GFX FRAME-ACKED id=%u decoded=%u queue=0x%x peer=%u", ack->frameId,
                    ack->totalFramesDecoded, ack->queueDepth, part->peer->id);
  return CHANNEL_RC_OK;
}

static UINT
cache_import_offer_cb (RdpgfxServerContext                 *gfx,
                       const RDPGFX_CACHE_IMPORT_OFFER_PDU *offer)
{
  GfxPart *part = gfx->custom;

  atr_test_rdp_say ("GFX CACHE-IMPORT-OFFER entries=%u peer=%u", offer->cacheEntriesCount,
                    part->peer->id);
  return CHANNEL_RC_OK;
}

static BOOL
channel_id_cb (RdpgfxServerContext *gfx,
               UINT32               channel_id)
{
  GfxPart *part = gfx->custom;

  part->channel_id = channel_id;
  return TRUE;
}

/* --- the script (the peer's thread) ------------------------------------------------- */

static void
model_fill (GfxPart *part,
            guint    x,
            guint    y,
            guint    w,
            guint    h,
            guint32  rgb)
{
  for (guint row = y; row < y + h; row++)
    for (guint col = x; col < x + w; col++)
      {
        guint8 *px = part->model + ((gsize) row * part->width + col) * 4;
        px[0] = rgb & 0xFF;
        px[1] = (rgb >> 8) & 0xFF;
        px[2] = (rgb >> 16) & 0xFF;
        px[3] = 0xFF;
      }
}

static void
model_copy (GfxPart *part,
            guint    x,
            guint    y,
            guint    w,
            guint    h,
            guint    to_x,
            guint    to_y)
{
  for (guint row = 0; row < h; row++)
    memmove (part->model + ((gsize) (to_y + row) * part->width + to_x) * 4,
             part->model + ((gsize) (y + row) * part->width + x) * 4, (gsize) w * 4);
}

static RECTANGLE_16
rect16 (guint x,
        guint y,
        guint w,
        guint h)
{
  RECTANGLE_16 r = { (UINT16) x, (UINT16) y, (UINT16) (x + w), (UINT16) (y + h) };
  return r;
}

static gboolean
start_frame (GfxPart *part)
{
  RDPGFX_START_FRAME_PDU start = { 0 };

  start.frameId = ++part->frame_id;
  start.timestamp = 0;
  return part->gfx->StartFrame (part->gfx, &start) == CHANNEL_RC_OK;
}

static gboolean
end_frame (GfxPart *part)
{
  RDPGFX_END_FRAME_PDU end = { part->frame_id };

  return part->gfx->EndFrame (part->gfx, &end) == CHANNEL_RC_OK;
}

static gboolean
solid_fill (GfxPart *part,
            guint    x,
            guint    y,
            guint    w,
            guint    h,
            guint32  rgb)
{
  RECTANGLE_16 rect = rect16 (x, y, w, h);
  RDPGFX_SOLID_FILL_PDU fill = { 0 };

  fill.surfaceId = kSurfaceId;
  fill.fillPixel.B = rgb & 0xFF;
  fill.fillPixel.G = (rgb >> 8) & 0xFF;
  fill.fillPixel.R = (rgb >> 16) & 0xFF;
  fill.fillPixel.XA = 0xFF;
  fill.fillRectCount = 1;
  fill.fillRects = &rect;
  if (part->gfx->SolidFill (part->gfx, &fill) != CHANNEL_RC_OK)
    return FALSE;
  model_fill (part, x, y, w, h, rgb);
  atr_test_rdp_say ("GFX SOLIDFILL frame=%u %u,%u,%u,%u colour=%06x peer=%u", part->frame_id,
                    x, y, w, h, rgb, part->peer->id);
  return TRUE;
}

static gboolean
surface_to_surface (GfxPart *part,
                    guint    x,
                    guint    y,
                    guint    to_x,
                    guint    to_y)
{
  RDPGFX_POINT16 to = { (UINT16) to_x, (UINT16) to_y };
  RDPGFX_SURFACE_TO_SURFACE_PDU copy = { 0 };

  copy.surfaceIdSrc = kSurfaceId;
  copy.surfaceIdDest = kSurfaceId;
  copy.rectSrc = rect16 (x, y, kSide, kSide);
  copy.destPtsCount = 1;
  copy.destPts = &to;
  if (part->gfx->SurfaceToSurface (part->gfx, &copy) != CHANNEL_RC_OK)
    return FALSE;
  model_copy (part, x, y, kSide, kSide, to_x, to_y);
  atr_test_rdp_say ("GFX SURFACETOSURFACE frame=%u %u,%u,%u,%u to=%u,%u peer=%u",
                    part->frame_id, x, y, kSide, kSide, to_x, to_y, part->peer->id);
  return TRUE;
}

static gboolean
through_cache (GfxPart *part,
               guint    x,
               guint    y,
               guint    to_x,
               guint    to_y)
{
  RDPGFX_SURFACE_TO_CACHE_PDU store = { 0 };
  RDPGFX_POINT16 to = { (UINT16) to_x, (UINT16) to_y };
  RDPGFX_CACHE_TO_SURFACE_PDU paint = { 0 };

  store.surfaceId = kSurfaceId;
  store.cacheKey = 0x41545249554d0001ull;   /* any 64-bit key; the client keeps it */
  store.cacheSlot = kCacheSlot;
  store.rectSrc = rect16 (x, y, kSide, kSide);
  if (part->gfx->SurfaceToCache (part->gfx, &store) != CHANNEL_RC_OK)
    return FALSE;
  atr_test_rdp_say ("GFX SURFACETOCACHE frame=%u %u,%u,%u,%u slot=%u peer=%u", part->frame_id,
                    x, y, kSide, kSide, kCacheSlot, part->peer->id);
  paint.cacheSlot = kCacheSlot;
  paint.surfaceId = kSurfaceId;
  paint.destPtsCount = 1;
  paint.destPts = &to;
  if (part->gfx->CacheToSurface (part->gfx, &paint) != CHANNEL_RC_OK)
    return FALSE;
  model_copy (part, x, y, kSide, kSide, to_x, to_y);
  atr_test_rdp_say ("GFX CACHETOSURFACE frame=%u slot=%u to=%u,%u peer=%u", part->frame_id,
                    kCacheSlot, to_x, to_y, part->peer->id);
  return TRUE;
}

static RDPGFX_SURFACE_COMMAND
surface_command (guint x,
                 guint y,
                 guint w,
                 guint h)
{
  RDPGFX_SURFACE_COMMAND cmd = { 0 };

  cmd.surfaceId = kSurfaceId;
  cmd.format = PIXEL_FORMAT_BGRX32;
  cmd.left = x;
  cmd.top = y;
  cmd.right = x + w;
  cmd.bottom = y + h;
  cmd.width = w;
  cmd.height = h;
  return cmd;
}

/* Square P, planar-coded from the model (top half and bottom half differ, so a picture
 * upside down shows). */
static gboolean
planar (GfxPart *part,
        guint    x,
        guint    y)
{
  BITMAP_PLANAR_CONTEXT *planar = freerdp_bitmap_planar_context_new (PLANAR_FORMAT_HEADER_RLE,
                                                                      kSide, kSide);
  RDPGFX_SURFACE_COMMAND cmd = surface_command (x, y, kSide, kSide);
  const guint8 *src;
  UINT rc;

  if (planar == NULL)
    return FALSE;
  model_fill (part, x, y, kSide, kSide / 2, kPlanarTop);
  model_fill (part, x, y + kSide / 2, kSide, kSide / 2, kPlanarBottom);
  src = part->model + ((gsize) y * part->width + x) * 4;
  freerdp_planar_topdown_image (planar, TRUE);
  cmd.codecId = RDPGFX_CODECID_PLANAR;
  cmd.data = freerdp_bitmap_compress_planar (planar, src, PIXEL_FORMAT_BGRX32, kSide, kSide,
                                             part->width * 4, NULL, &cmd.length);
  freerdp_bitmap_planar_context_free (planar);
  if (cmd.data == NULL)
    return FALSE;
  rc = part->gfx->SurfaceCommand (part->gfx, &cmd);
  free (cmd.data);
  if (rc != CHANNEL_RC_OK)
    return FALSE;
  atr_test_rdp_say ("GFX PLANAR frame=%u %u,%u,%u,%u bytes=%u peer=%u", part->frame_id, x, y,
                    kSide, kSide, cmd.length, part->peer->id);
  return TRUE;
}

/* Square V through H.264: the whole surface (the model, V included) is encoded, the region
 * rect names V alone. FALSE only on a failed send; no encoder is a line, not an error. */
static gboolean
avc420 (GfxPart *part,
        guint    x,
        guint    y)
{
  H264_CONTEXT *h264 = NULL;
  RDPGFX_SURFACE_COMMAND cmd = surface_command (x, y, kSide, kSide);
  RDPGFX_AVC420_BITMAP_STREAM stream = { 0 };
  RECTANGLE_16 region = rect16 (x, y, kSide, kSide);
  const char *reason = NULL;
  INT32 encoded = 0;
  UINT rc = CHANNEL_RC_OK;

  if (!g_atomic_int_get (&part->avc))
    reason = "client-caps";
  else if ((h264 = h264_context_new (TRUE)) == NULL)
    reason = "no-encoder";
  else if (!h264_context_reset (h264, part->width, part->height) ||
           !h264_context_set_option (h264, H264_CONTEXT_OPTION_RATECONTROL, H264_RATECONTROL_VBR) ||
           !h264_context_set_option (h264, H264_CONTEXT_OPTION_BITRATE, 10000000) ||
           !h264_context_set_option (h264, H264_CONTEXT_OPTION_FRAMERATE, 30))
    reason = "encoder-setup";
  else
    {
      RECTANGLE_16 whole = rect16 (0, 0, part->width, part->height);

      model_fill (part, x, y, kSide, kSide, kAvc);
      /* The whole surface, as freerdp-shadow-cli3 does: 3.10's threaded RGB-to-YUV step
       * splits a region into desktop-height / threads rows and converts nothing of a region
       * shorter than half that (yuv.c, pool_encode), so a 64-row region alone encodes an
       * empty picture. The region sent names V alone. */
      encoded = avc420_compress (h264, part->model, PIXEL_FORMAT_BGRX32, part->width * 4,
                                 part->width, part->height, &whole, &stream.data,
                                 &stream.length, &stream.meta);
      if (encoded <= 0)
        reason = encoded < 0 ? "encode-failed" : "encoder-gave-nothing";
      else if (stream.meta.numRegionRects == 0)
        reason = "no-region";
      else
        {
          stream.meta.regionRects[0] = region;
          stream.meta.numRegionRects = 1;
        }
    }
  if (reason == NULL)
    {
      cmd.codecId = RDPGFX_CODECID_AVC420;
      cmd.extra = &stream;
      rc = part->gfx->SurfaceCommand (part->gfx, &cmd);
      if (rc == CHANNEL_RC_OK)
        atr_test_rdp_say ("GFX AVC420 frame=%u %u,%u,%u,%u bytes=%u peer=%u", part->frame_id,
                          x, y, kSide, kSide, stream.length, part->peer->id);
    }
  else
    atr_test_rdp_say ("GFX AVC420-UNAVAILABLE reason=%s peer=%u", reason, part->peer->id);
  free_h264_metablock (&stream.meta);
  h264_context_free (h264);   /* the stream's data belongs to the context */
  return rc == CHANNEL_RC_OK;
}

static gboolean
play_commands (GfxPart *part)
{
  rdpSettings *settings = part->peer->context.settings;
  RDPGFX_RESET_GRAPHICS_PDU reset = { 0 };
  MONITOR_DEF monitor = { 0 };
  RDPGFX_CREATE_SURFACE_PDU create = { 0 };
  RDPGFX_MAP_SURFACE_TO_OUTPUT_PDU map = { 0 };
  guint id = part->peer->id;

  part->width = freerdp_settings_get_uint32 (settings, FreeRDP_DesktopWidth);
  part->height = freerdp_settings_get_uint32 (settings, FreeRDP_DesktopHeight);
  if (part->width < 448 || part->height < 256 || part->width > 8192 || part->height > 8192)
    {
      atr_test_rdp_say ("ERROR GFX the script needs a desktop of 448x256 or more, not %ux%u peer=%u",
                        part->width, part->height, id);
      return FALSE;
    }
  part->model = g_malloc0 ((gsize) part->width * part->height * 4);

  monitor.right = (INT32) part->width - 1;
  monitor.bottom = (INT32) part->height - 1;
  monitor.flags = MONITOR_PRIMARY;
  reset.width = part->width;
  reset.height = part->height;
  reset.monitorCount = 1;
  reset.monitorDefArray = &monitor;
  if (part->gfx->ResetGraphics (part->gfx, &reset) != CHANNEL_RC_OK)
    return FALSE;
  atr_test_rdp_say ("GFX RESET-GRAPHICS %ux%u peer=%u", part->width, part->height, id);
  create.surfaceId = kSurfaceId;
  create.width = (UINT16) part->width;
  create.height = (UINT16) part->height;
  create.pixelFormat = GFX_PIXEL_FORMAT_XRGB_8888;
  if (part->gfx->CreateSurface (part->gfx, &create) != CHANNEL_RC_OK)
    return FALSE;
  atr_test_rdp_say ("GFX CREATE-SURFACE id=%u %ux%u peer=%u", kSurfaceId, part->width,
                    part->height, id);
  map.surfaceId = kSurfaceId;
  if (part->gfx->MapSurfaceToOutput (part->gfx, &map) != CHANNEL_RC_OK)
    return FALSE;
  atr_test_rdp_say ("GFX MAP-SURFACE id=%u x=0 y=0 peer=%u", kSurfaceId, id);

  if (!start_frame (part) || !solid_fill (part, 0, 0, part->width, part->height, kBackground) ||
      (!skipped ("solidfill-a") && !solid_fill (part, 32, 32, kSide, kSide, kSquareA)) ||
      !end_frame (part))
    return FALSE;
  if (!skipped ("s2s") &&
      (!start_frame (part) || !surface_to_surface (part, 32, 32, 128, 32) || !end_frame (part)))
    return FALSE;
  if (!skipped ("cache") &&
      (!start_frame (part) || !through_cache (part, 32, 32, 224, 32) || !end_frame (part)))
    return FALSE;
  if (!skipped ("planar") &&
      (!start_frame (part) || !planar (part, 32, 128) || !end_frame (part)))
    return FALSE;
  if (!skipped ("avc420") &&
      (!start_frame (part) || !avc420 (part, 128, 128) || !end_frame (part)))
    return FALSE;
  atr_test_rdp_say ("GFX DONE frames=%u peer=%u", part->frame_id, id);
  return TRUE;
}

/* --- the part ----------------------------------------------------------------------- */

static gboolean
gfx_start (AtrTestRdpPeer *peer,
           gpointer       *state)
{
  GfxPart *part;

  if (opt_gfx == NULL)
    return TRUE;
  if (g_strcmp0 (opt_gfx, "commands") != 0)
    {
      atr_test_rdp_say ("ERROR --gfx knows only the script \"commands\", not %s", opt_gfx);
      return FALSE;
    }
  part = g_new0 (GfxPart, 1);
  *state = part;
  part->peer = peer;
  part->gfx = rdpgfx_server_context_new (peer->vcm);
  if (part->gfx == NULL)
    return FALSE;
  part->gfx->custom = part;
  part->gfx->rdpcontext = &peer->context;
  part->gfx->CapsAdvertise = caps_advertise_cb;
  part->gfx->FrameAcknowledge = frame_acknowledge_cb;
  part->gfx->CacheImportOffer = cache_import_offer_cb;
  part->gfx->ChannelIdAssigned = channel_id_cb;
  if (!part->gfx->Open (part->gfx))
    {
      atr_test_rdp_say ("ERROR cannot open RDPGFX peer=%u", peer->id);
      return FALSE;
    }
  atr_test_rdp_say ("GFX opened peer=%u", peer->id);
  return TRUE;
}

static void
gfx_created (AtrTestRdpPeer *peer,
             gpointer        state,
             guint32         channel_id,
             gint32          status)
{
  GfxPart *part = state;

  if (part != NULL && part->channel_id != 0 && channel_id == part->channel_id && status != 0)
    atr_test_rdp_say ("GFX refused status=%d peer=%u", status, peer->id);
}

static gboolean
gfx_turn (AtrTestRdpPeer *peer,
          gpointer        state)
{
  GfxPart *part = state;

  (void) peer;
  if (part == NULL || part->played || !g_atomic_int_get (&part->confirmed))
    return TRUE;
  part->played = TRUE;
  if (!play_commands (part))
    {
      atr_test_rdp_say ("ERROR GFX the script stopped at frame %u peer=%u", part->frame_id,
                        peer->id);
      return FALSE;
    }
  return TRUE;
}

static void
gfx_stop (AtrTestRdpPeer *peer,
          gpointer        state)
{
  GfxPart *part = state;

  (void) peer;
  if (part == NULL)
    return;
  if (part->gfx != NULL)
    {
      part->gfx->Close (part->gfx);
      rdpgfx_server_context_free (part->gfx);
    }
  g_free (part->model);
  g_free (part);
}

const AtrTestRdpPart atr_test_rdp_gfx_part = {
  .name = "gfx",
  .options = gfx_options,
  .start = gfx_start,
  .created = gfx_created,
  .turn = gfx_turn,
  .stop = gfx_stop,
};
