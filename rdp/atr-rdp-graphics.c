/* atr-rdp-graphics.c — the graphics pipeline (RDPGFX, MS-RDPEGFX) part of a session
 *
 * A session offers RDPGFX unless told not to (atr_rdp_session_set_graphics_pipeline):
 * PreConnect turns SupportGraphicsPipeline on and lists the rdpgfx dynamic channel, with
 * H.264 (AVC420, AVC444) where FreeRDP was built with a decoder, progressive and planar
 * always. A server that takes it draws through that channel; one that does not keeps
 * sending the legacy bitmap updates, which the same BeginPaint/EndPaint path handles: the
 * legacy path is the fallback, not a mode.
 *
 * When the channel connects, FreeRDP's GDI takes it (gdi_graphics_pipeline_init: surfaces,
 * surface-to-surface, caches, codecs) and paints into the primary buffer between BeginPaint
 * and EndPaint like any update. Our wrappers around three of its callbacks watch and pace:
 * CapsConfirm (the server chose the pipeline and a capability version), SurfaceCommand
 * (which codecs the server really uses; each one's first use is logged) and EndFrame.
 *
 * Frame acknowledgements. FreeRDP's rdpgfx acknowledges every frame as soon as it is
 * decoded (queue depth "unavailable"), so a server may keep sending however slowly the UI
 * shows them. Our OnOpen turns that off, and a decoded frame is acknowledged only once the
 * UI has taken the damage it produced: at EndFrame when nothing is waiting for the UI, else
 * after the next frame-updated emission has been handled on the main thread (then sent from
 * the session thread). Frames decoded meanwhile are covered by one acknowledgement of the
 * latest, as the servers expect (FreeRDP's shadow server and Windows count frames in flight
 * from the last acknowledged id). A frame that drew nothing is acknowledged at once.
 *
 * Threads: the channel's callbacks run on drdynvc's thread, dispatch on the session
 * thread, frame_taken on the main thread; the state is under this part's own lock, taken
 * before the owner's (frame_pending).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <freerdp/client/cmdline.h>
#include <freerdp/config.h>
#include <freerdp/gdi/gfx.h>
#include <freerdp/settings.h>

#include "atr-rdp-graphics.h"
#include "atr-rdp-session-private.h"

struct _AtrRdpGraphics
{
  AtrRdpGraphicsOwner owner;
  GMutex              lock;

  gboolean            offered;        /* main thread before connecting; read at PreConnect */

  /* Under `lock`. */
  RdpgfxClientContext *gfx;           /* the channel, while the GDI has it */
  pcRdpgfxSurfaceCommand gdi_surface_command;   /* the GDI's, which ours call through to */
  pcRdpgfxCapsConfirm    gdi_caps_confirm;
  pcRdpgfxEndFrame       gdi_end_frame;
  gboolean            own_acks;       /* our OnOpen turned FreeRDP's acknowledgements off */
  gboolean            active;         /* the server confirmed the pipeline */
  guint32             caps_version;
  guint32             codecs;         /* 1 << RDPGFX_CODECID_* of each codec used */
  guint32             decoded;        /* frames decoded (EndFrame) on this channel */
  guint32             acknowledged;   /* acknowledgements sent */
  guint32             last_frame_id;  /* the latest decoded frame */
  gboolean            ack_waiting;    /* a decoded frame waits for the UI */
  gboolean            ack_due;        /* the UI took it: dispatch() sends the ack */
};

static const struct
{
  guint16     id;
  const char *name;
} codec_names[] = {
  { RDPGFX_CODECID_UNCOMPRESSED, "uncompressed" },
  { RDPGFX_CODECID_CAVIDEO, "remotefx" },
  { RDPGFX_CODECID_CLEARCODEC, "clearcodec" },
  { RDPGFX_CODECID_PLANAR, "planar" },
  { RDPGFX_CODECID_AVC420, "avc420" },
  { RDPGFX_CODECID_ALPHA, "alpha" },
  { RDPGFX_CODECID_CAPROGRESSIVE, "progressive" },
  { RDPGFX_CODECID_CAPROGRESSIVE_V2, "progressive-v2" },
  { RDPGFX_CODECID_AVC444, "avc444" },
  { RDPGFX_CODECID_AVC444v2, "avc444v2" },
};

static const char *
codec_name (guint32 id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (codec_names); i++)
    if (codec_names[i].id == id)
      return codec_names[i].name;
  return "unknown";
}

/* The part whose GDI took @gfx (gfx->custom is set by gdi_graphics_pipeline_init). */
static AtrRdpGraphics *
graphics_of (RdpgfxClientContext *gfx)
{
  rdpGdi *gdi = gfx->custom;

  if (gdi == NULL || gdi->context == NULL)
    return NULL;
  return ((AtrRdpContext *) gdi->context)->graphics;
}

AtrRdpGraphics *
atr_rdp_graphics_new (const AtrRdpGraphicsOwner *owner)
{
  AtrRdpGraphics *self = g_new0 (AtrRdpGraphics, 1);

  self->owner = *owner;
  self->offered = TRUE;
  g_mutex_init (&self->lock);
  return self;
}

void
atr_rdp_graphics_free (AtrRdpGraphics *self)
{
  if (self == NULL)
    return;
  g_mutex_clear (&self->lock);
  g_free (self);
}

void
atr_rdp_graphics_set_offered (AtrRdpGraphics *self,
                              gboolean        offered)
{
  self->offered = !!offered;
}

gboolean
atr_rdp_graphics_get_offered (AtrRdpGraphics *self)
{
  return self->offered;
}

/* --- the channel's callbacks (drdynvc's thread) --------------------------------------- */

static UINT
on_open_cb (RdpgfxClientContext *gfx,
            BOOL                *do_caps_advertise,
            BOOL                *send_frame_acks)
{
  AtrRdpGraphics *self = graphics_of (gfx);

  if (self == NULL)
    return CHANNEL_RC_OK;
  g_mutex_lock (&self->lock);
  self->own_acks = TRUE;
  g_mutex_unlock (&self->lock);
  *send_frame_acks = FALSE;   /* ours, paced by the UI */
  return CHANNEL_RC_OK;
}

static UINT
caps_confirm_cb (RdpgfxClientContext           *gfx,
                 const RDPGFX_CAPS_CONFIRM_PDU *confirm)
{
  AtrRdpGraphics *self = graphics_of (gfx);
  guint32 version = confirm->capsSet != NULL ? confirm->capsSet->version : 0;
  guint32 flags = confirm->capsSet != NULL ? confirm->capsSet->flags : 0;
  pcRdpgfxCapsConfirm next;

  if (self == NULL)
    return CHANNEL_RC_OK;
  g_debug ("%s uses the graphics pipeline (RDPGFX caps version 0x%08x, flags 0x%x)",
           self->owner.host (self->owner.data), version, flags);
  g_mutex_lock (&self->lock);
  self->active = TRUE;
  self->caps_version = version;
  next = self->gdi_caps_confirm;
  g_mutex_unlock (&self->lock);
  return next != NULL ? next (gfx, confirm) : CHANNEL_RC_OK;
}

static UINT
surface_command_cb (RdpgfxClientContext          *gfx,
                    const RDPGFX_SURFACE_COMMAND *cmd)
{
  AtrRdpGraphics *self = graphics_of (gfx);
  pcRdpgfxSurfaceCommand next;
  gboolean first = FALSE;

  if (self == NULL)
    return ERROR_INTERNAL_ERROR;

  g_mutex_lock (&self->lock);
  if (cmd->codecId < 32)
    {
      first = (self->codecs & (1u << cmd->codecId)) == 0;
      self->codecs |= 1u << cmd->codecId;
    }
  next = self->gdi_surface_command;
  g_mutex_unlock (&self->lock);
  if (first)
    g_debug ("%s's first RDPGFX surface command with codec %s (0x%x)", self->owner.host (self->owner.data),
             codec_name (cmd->codecId), cmd->codecId);
  return next != NULL ? next (gfx, cmd) : ERROR_INTERNAL_ERROR;
}

static void
send_ack (AtrRdpGraphics      *self,
          RdpgfxClientContext *gfx,
          guint32              frame_id,
          guint32              decoded)
{
  RDPGFX_FRAME_ACKNOWLEDGE_PDU ack = { 0 };
  UINT rc;

  ack.queueDepth = QUEUE_DEPTH_UNAVAILABLE;
  ack.frameId = frame_id;
  ack.totalFramesDecoded = decoded;
  rc = gfx->FrameAcknowledge != NULL ? gfx->FrameAcknowledge (gfx, &ack) : ERROR_INTERNAL_ERROR;
  if (rc != CHANNEL_RC_OK)
    g_debug ("Could not acknowledge RDPGFX frame %u to %s (0x%x)", frame_id, self->owner.host (self->owner.data),
             rc);
  else
    {
      g_mutex_lock (&self->lock);
      self->acknowledged++;
      g_mutex_unlock (&self->lock);
    }
}

static UINT
end_frame_cb (RdpgfxClientContext         *gfx,
              const RDPGFX_END_FRAME_PDU *end)
{
  AtrRdpGraphics *self = graphics_of (gfx);
  pcRdpgfxEndFrame next;
  gboolean ack_now = FALSE;
  guint32 decoded = 0;
  UINT rc;

  if (self == NULL)
    return ERROR_INTERNAL_ERROR;

  g_mutex_lock (&self->lock);
  next = self->gdi_end_frame;
  g_mutex_unlock (&self->lock);
  /* The GDI paints the frame here (EndPaint posts its damage to the UI). */
  rc = next != NULL ? next (gfx, end) : CHANNEL_RC_OK;

  g_mutex_lock (&self->lock);
  self->decoded++;
  decoded = self->decoded;
  self->last_frame_id = end->frameId;
  if (self->own_acks)
    {
      if (self->owner.frame_pending (self->owner.data))
        self->ack_waiting = TRUE;   /* frame_taken() makes it due */
      else
        {
          self->ack_waiting = self->ack_due = FALSE;
          ack_now = TRUE;
        }
    }
  g_mutex_unlock (&self->lock);

  if (ack_now)
    send_ack (self, gfx, end->frameId, decoded);
  return rc;
}

/* --- the session's side ------------------------------------------------------------- */

/**
 * atr_rdp_graphics_pre_connect:
 *
 * PreConnect (session thread): offers the graphics pipeline and lists the rdpgfx channel
 * (loaded by drdynvc from that list), or turns both off. H.264 (AVC420 and AVC444) only
 * when FreeRDP has a decoder.
 */
gboolean
atr_rdp_graphics_pre_connect (AtrRdpGraphics *self,
                              rdpSettings    *settings)
{
  const char *rdpgfx[] = { "rdpgfx" };
#if defined(WITH_GFX_H264)
  gboolean h264 = TRUE;
#else
  gboolean h264 = FALSE;
#endif

  g_mutex_lock (&self->lock);
  self->active = FALSE;
  self->caps_version = 0;
  self->codecs = 0;
  self->decoded = self->acknowledged = self->last_frame_id = 0;
  self->ack_waiting = self->ack_due = self->own_acks = FALSE;
  g_mutex_unlock (&self->lock);

  if (!self->offered)
    {
      /* FreeRDP 3's .rdp parser turns the pipeline on by default (as mstsc does). */
      if (freerdp_dynamic_channel_collection_find (settings, "rdpgfx") != NULL)
        freerdp_dynamic_channel_collection_del (settings, "rdpgfx");
      return freerdp_settings_set_bool (settings, FreeRDP_SupportGraphicsPipeline, FALSE);
    }

  return freerdp_settings_set_bool (settings, FreeRDP_SupportGraphicsPipeline, TRUE) &&
         freerdp_settings_set_bool (settings, FreeRDP_GfxH264, h264) &&
         freerdp_settings_set_bool (settings, FreeRDP_GfxAVC444, h264) &&
         freerdp_settings_set_bool (settings, FreeRDP_GfxAVC444v2, h264) &&
         freerdp_settings_set_bool (settings, FreeRDP_GfxProgressive, TRUE) &&
         freerdp_settings_set_bool (settings, FreeRDP_GfxPlanar, TRUE) &&
         (freerdp_dynamic_channel_collection_find (settings, "rdpgfx") != NULL ||
          freerdp_client_add_dynamic_channel (settings, 1, rdpgfx));
}

/* ChannelConnected for rdpgfx: the GDI takes the channel, we wrap four callbacks. */
void
atr_rdp_graphics_connected (AtrRdpGraphics      *self,
                            rdpGdi              *gdi,
                            RdpgfxClientContext *gfx)
{
  if (gdi == NULL || !gdi_graphics_pipeline_init (gdi, gfx))
    {
      g_debug ("Could not take the graphics pipeline channel of %s", self->owner.host (self->owner.data));
      return;
    }
  g_mutex_lock (&self->lock);
  self->gfx = gfx;
  self->gdi_surface_command = gfx->SurfaceCommand;
  self->gdi_caps_confirm = gfx->CapsConfirm;
  self->gdi_end_frame = gfx->EndFrame;
  gfx->SurfaceCommand = surface_command_cb;
  gfx->CapsConfirm = caps_confirm_cb;
  gfx->EndFrame = end_frame_cb;
  gfx->OnOpen = on_open_cb;
  g_mutex_unlock (&self->lock);
}

/* ChannelDisconnected, or PostDisconnect before the GDI goes (@gfx NULL: whichever). */
void
atr_rdp_graphics_disconnected (AtrRdpGraphics      *self,
                               rdpGdi              *gdi,
                               RdpgfxClientContext *gfx)
{
  g_mutex_lock (&self->lock);
  if (self->gfx == NULL || (gfx != NULL && self->gfx != gfx))
    {
      g_mutex_unlock (&self->lock);
      return;
    }
  gfx = self->gfx;
  gfx->SurfaceCommand = self->gdi_surface_command;
  gfx->CapsConfirm = self->gdi_caps_confirm;
  gfx->EndFrame = self->gdi_end_frame;
  gfx->OnOpen = NULL;
  self->gfx = NULL;
  self->gdi_surface_command = NULL;
  self->gdi_caps_confirm = NULL;
  self->gdi_end_frame = NULL;
  self->active = FALSE;
  self->ack_waiting = self->ack_due = FALSE;
  g_mutex_unlock (&self->lock);
  gdi_graphics_pipeline_uninit (gdi, gfx);
}

/* Session thread: sends the acknowledgement the UI made due. */
void
atr_rdp_graphics_dispatch (AtrRdpGraphics *self)
{
  RdpgfxClientContext *gfx;
  guint32 frame_id, decoded;

  g_mutex_lock (&self->lock);
  gfx = self->ack_due ? self->gfx : NULL;
  self->ack_due = FALSE;
  frame_id = self->last_frame_id;
  decoded = self->decoded;
  g_mutex_unlock (&self->lock);
  if (gfx != NULL)
    send_ack (self, gfx, frame_id, decoded);
}

/**
 * atr_rdp_graphics_enter:
 *
 * Session thread, around a change of the GDI's primary buffer (a legacy DesktopResize):
 * holds the pipeline's lock, which its painting (UpdateSurfaces, on drdynvc's thread) and
 * its graphics resets hold, so no surface is drawn into a buffer being replaced. The lock
 * is recursive: a reset's own DesktopResize takes it again.
 *
 * Returns: (nullable): what to pass to atr_rdp_graphics_leave(); %NULL without a pipeline
 */
RdpgfxClientContext *
atr_rdp_graphics_enter (AtrRdpGraphics *self)
{
  RdpgfxClientContext *gfx;

  g_mutex_lock (&self->lock);
  gfx = self->gfx;
  g_mutex_unlock (&self->lock);
  if (gfx != NULL)
    EnterCriticalSection (&gfx->mux);
  return gfx;
}

void
atr_rdp_graphics_leave (RdpgfxClientContext *gfx)
{
  if (gfx != NULL)
    LeaveCriticalSection (&gfx->mux);
}

/* Main thread, after a frame-updated emission: a frame waiting for the UI is due once
 * nothing more is. */
void
atr_rdp_graphics_frame_taken (AtrRdpGraphics *self)
{
  gboolean wake = FALSE;

  g_mutex_lock (&self->lock);
  if (self->ack_waiting && !self->owner.frame_pending (self->owner.data))
    {
      self->ack_waiting = FALSE;
      self->ack_due = wake = TRUE;
    }
  g_mutex_unlock (&self->lock);
  if (wake)
    self->owner.wake (self->owner.data);
}

gboolean
atr_rdp_graphics_get_active (AtrRdpGraphics *self,
                             guint32        *caps_version)
{
  gboolean active;

  g_mutex_lock (&self->lock);
  active = self->active;
  if (caps_version != NULL)
    *caps_version = active ? self->caps_version : 0;
  g_mutex_unlock (&self->lock);
  return active;
}

char **
atr_rdp_graphics_dup_codecs (AtrRdpGraphics *self)
{
  GPtrArray *names = g_ptr_array_new ();
  guint32 codecs;

  g_mutex_lock (&self->lock);
  codecs = self->codecs;
  g_mutex_unlock (&self->lock);

  for (gsize i = 0; i < G_N_ELEMENTS (codec_names); i++)
    if (codecs & (1u << codec_names[i].id))
      g_ptr_array_add (names, g_strdup (codec_names[i].name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

void
atr_rdp_graphics_get_acks (AtrRdpGraphics *self,
                           guint32        *decoded,
                           guint32        *acknowledged)
{
  g_mutex_lock (&self->lock);
  *decoded = self->decoded;
  *acknowledged = self->acknowledged;
  g_mutex_unlock (&self->lock);
}

/* --- the session's side: the owner, and the API (atr-rdp-session.h) -------------------- */

static const char *
session_host (gpointer data)
{
  return atr_rdp_target_get_host (atr_rdp_session_get_target (data));
}

/* Damage the UI has not taken yet: posted or about to be (the framebuffer part's lock). */
static gboolean
session_frame_pending (gpointer data)
{
  return atr_rdp_framebuffer_is_pending (((AtrRdpSession *) data)->framebuffer);
}

static void
session_wake (gpointer data)
{
  SetEvent (((AtrRdpSession *) data)->wake_event);
}

/* For atr_rdp_session_init(). */
AtrRdpGraphics *
_atr_rdp_session_graphics_new (AtrRdpSession *session)
{
  const AtrRdpGraphicsOwner owner = { session, session_host, session_frame_pending,
                                      session_wake };

  return atr_rdp_graphics_new (&owner);
}

/**
 * atr_rdp_session_set_graphics_pipeline:
 * @offer: whether to offer the graphics pipeline (RDPGFX); %TRUE by default
 *
 * With %FALSE the session draws only with the legacy bitmap updates (for comparisons and
 * as a way out of a server's broken pipeline). Set before connecting; a reconnect uses it.
 */
void
atr_rdp_session_set_graphics_pipeline (AtrRdpSession *self,
                                       gboolean       offer)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (self->thread == NULL);

  atr_rdp_graphics_set_offered (self->graphics, offer);
}

/**
 * atr_rdp_session_get_graphics_pipeline:
 * @caps_version: (out) (optional): the RDPGFX capability version the server confirmed
 *
 * Returns: whether the current connection draws through the graphics pipeline (the server
 *   confirmed RDPGFX); %FALSE on the legacy path, when not offered, and before the session
 *   is active
 */
gboolean
atr_rdp_session_get_graphics_pipeline (AtrRdpSession *self,
                                       guint32       *caps_version)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), FALSE);
  return atr_rdp_graphics_get_active (self->graphics, caps_version);
}

/**
 * atr_rdp_session_dup_graphics_codecs:
 *
 * The RDPGFX codecs the server has used so far on this connection, by name ("avc420",
 * "avc444", "avc444v2", "progressive", "planar", "remotefx", "clearcodec", "uncompressed",
 * "alpha"), in that table's order; for diagnostics and tests.
 *
 * Returns: (transfer full): a %NULL-terminated list, empty on the legacy path
 */
char **
atr_rdp_session_dup_graphics_codecs (AtrRdpSession *self)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), NULL);
  return atr_rdp_graphics_dup_codecs (self->graphics);
}

/**
 * atr_rdp_session_get_graphics_frames:
 * @decoded: (out): RDPGFX frames decoded on this connection
 * @acknowledged: (out): frame acknowledgements sent (one may cover several frames)
 *
 * For tests and diagnostics of the acknowledgement pacing.
 */
void
atr_rdp_session_get_graphics_frames (AtrRdpSession *self,
                                     guint32       *decoded,
                                     guint32       *acknowledged)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (decoded != NULL && acknowledged != NULL);
  atr_rdp_graphics_get_acks (self->graphics, decoded, acknowledged);
}
