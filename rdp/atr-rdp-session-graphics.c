/* atr-rdp-session-graphics.c — the graphics pipeline (RDPGFX, MS-RDPEGFX)
 *
 * Every session offers RDPGFX: PreConnect turns SupportGraphicsPipeline on and lists the
 * rdpgfx dynamic channel (with H.264 where FreeRDP was built with a decoder, progressive and
 * planar always). A server that takes it draws through that channel; one that does not
 * (or that refuses the channel) keeps sending the legacy bitmap updates, which the same
 * BeginPaint/EndPaint path handles: the legacy path is the fallback, not a mode.
 *
 * When the channel connects, FreeRDP's GDI takes it (gdi_graphics_pipeline_init: surfaces,
 * caches, codecs, frame acknowledgements) and paints into the primary buffer between
 * BeginPaint and EndPaint like any update; it is handed back on disconnect. Our wrappers
 * around two of its callbacks only watch: CapsConfirm (the server chose the pipeline and a
 * capability version) and SurfaceCommand (which codecs the server really uses). That state
 * is under the session lock, readable from any thread, and each codec's first use is logged.
 * The channel's callbacks run on drdynvc's thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <freerdp/client/cmdline.h>
#include <freerdp/client/rdpgfx.h>
#include <freerdp/config.h>
#include <freerdp/gdi/gfx.h>
#include <freerdp/settings.h>

#include "atr-rdp-session-private.h"

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
  return NULL;
}

static AtrRdpContext *
context_of (RdpgfxClientContext *gfx)
{
  rdpGdi *gdi = gfx->custom;   /* set by gdi_graphics_pipeline_init() */

  return gdi != NULL ? (AtrRdpContext *) gdi->context : NULL;
}

static UINT
caps_confirm_cb (RdpgfxClientContext           *gfx,
                 const RDPGFX_CAPS_CONFIRM_PDU *confirm)
{
  AtrRdpContext *ctx = context_of (gfx);
  guint32 version = confirm->capsSet != NULL ? confirm->capsSet->version : 0;
  guint32 flags = confirm->capsSet != NULL ? confirm->capsSet->flags : 0;

  if (ctx == NULL)
    return CHANNEL_RC_OK;
  g_debug ("%s uses the graphics pipeline (RDPGFX caps version 0x%08x, flags 0x%x)",
           atr_rdp_target_get_host (ctx->session->target), version, flags);
  g_mutex_lock (&ctx->session->lock);
  ctx->session->gfx_active = TRUE;
  ctx->session->gfx_caps_version = version;
  g_mutex_unlock (&ctx->session->lock);
  return ctx->gdi_caps_confirm != NULL ? ctx->gdi_caps_confirm (gfx, confirm) : CHANNEL_RC_OK;
}

static UINT
surface_command_cb (RdpgfxClientContext          *gfx,
                    const RDPGFX_SURFACE_COMMAND *cmd)
{
  AtrRdpContext *ctx = context_of (gfx);

  if (ctx == NULL || ctx->gdi_surface_command == NULL)
    return ERROR_INTERNAL_ERROR;

  if (cmd->codecId < 32)
    {
      guint32 bit = 1u << cmd->codecId;
      gboolean first;

      g_mutex_lock (&ctx->session->lock);
      first = (ctx->session->gfx_codecs & bit) == 0;
      ctx->session->gfx_codecs |= bit;
      g_mutex_unlock (&ctx->session->lock);
      if (first)
        g_debug ("%s's first RDPGFX surface command with codec %s (0x%x)",
                 atr_rdp_target_get_host (ctx->session->target),
                 codec_name (cmd->codecId) ? codec_name (cmd->codecId) : "unknown",
                 cmd->codecId);
    }
  return ctx->gdi_surface_command (gfx, cmd);
}

/**
 * _atr_rdp_session_graphics_pre_connect:
 *
 * PreConnect: offers the graphics pipeline and lists the rdpgfx channel (loaded by drdynvc
 * from that list). The codecs: H.264 (AVC420 and AVC444) only when FreeRDP has a decoder.
 */
gboolean
_atr_rdp_session_graphics_pre_connect (rdpContext *context)
{
  AtrRdpSession *self = ((AtrRdpContext *) context)->session;
  rdpSettings *settings = context->settings;
  const char *rdpgfx[] = { "rdpgfx" };
#if defined(WITH_GFX_H264)
  gboolean h264 = TRUE;
#else
  gboolean h264 = FALSE;
#endif

  g_mutex_lock (&self->lock);
  self->gfx_active = FALSE;
  self->gfx_caps_version = 0;
  self->gfx_codecs = 0;
  g_mutex_unlock (&self->lock);

  return freerdp_settings_set_bool (settings, FreeRDP_SupportGraphicsPipeline, TRUE) &&
         freerdp_settings_set_bool (settings, FreeRDP_GfxH264, h264) &&
         freerdp_settings_set_bool (settings, FreeRDP_GfxAVC444, h264) &&
         freerdp_settings_set_bool (settings, FreeRDP_GfxAVC444v2, h264) &&
         freerdp_settings_set_bool (settings, FreeRDP_GfxProgressive, TRUE) &&
         freerdp_settings_set_bool (settings, FreeRDP_GfxPlanar, TRUE) &&
         (freerdp_dynamic_channel_collection_find (settings, "rdpgfx") != NULL ||
          freerdp_client_add_dynamic_channel (settings, 1, rdpgfx));
}

/* ChannelConnected for rdpgfx: the GDI takes the channel, we watch two callbacks. */
void
_atr_rdp_session_graphics_connected (AtrRdpContext       *ctx,
                                     RdpgfxClientContext *gfx)
{
  rdpGdi *gdi = ctx->context.gdi;

  if (gdi == NULL || !gdi_graphics_pipeline_init (gdi, gfx))
    {
      g_debug ("Could not take the graphics pipeline channel of %s",
               atr_rdp_target_get_host (ctx->session->target));
      return;
    }
  ctx->gfx = gfx;
  ctx->gdi_surface_command = gfx->SurfaceCommand;
  ctx->gdi_caps_confirm = gfx->CapsConfirm;
  gfx->SurfaceCommand = surface_command_cb;
  gfx->CapsConfirm = caps_confirm_cb;
}

void
_atr_rdp_session_graphics_disconnected (AtrRdpContext       *ctx,
                                        RdpgfxClientContext *gfx)
{
  if (ctx->gfx != gfx)
    return;
  gfx->SurfaceCommand = ctx->gdi_surface_command;
  gfx->CapsConfirm = ctx->gdi_caps_confirm;
  gdi_graphics_pipeline_uninit (ctx->context.gdi, gfx);
  ctx->gfx = NULL;
  ctx->gdi_surface_command = NULL;
  ctx->gdi_caps_confirm = NULL;
  g_mutex_lock (&ctx->session->lock);
  ctx->session->gfx_active = FALSE;
  g_mutex_unlock (&ctx->session->lock);
}

/* --- the API (any thread) ------------------------------------------------------------ */

/**
 * atr_rdp_session_get_graphics_pipeline:
 * @caps_version: (out) (optional): the RDPGFX capability version the server confirmed
 *
 * Returns: whether the current connection draws through the graphics pipeline (the server
 *   confirmed RDPGFX); %FALSE on the legacy path and before the session is active
 */
gboolean
atr_rdp_session_get_graphics_pipeline (AtrRdpSession *self,
                                       guint32       *caps_version)
{
  gboolean active;

  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), FALSE);

  g_mutex_lock (&self->lock);
  active = self->gfx_active;
  if (caps_version != NULL)
    *caps_version = active ? self->gfx_caps_version : 0;
  g_mutex_unlock (&self->lock);
  return active;
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
  GPtrArray *names;
  guint32 codecs;

  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), NULL);

  g_mutex_lock (&self->lock);
  codecs = self->gfx_codecs;
  g_mutex_unlock (&self->lock);

  names = g_ptr_array_new ();
  for (gsize i = 0; i < G_N_ELEMENTS (codec_names); i++)
    if (codecs & (1u << codec_names[i].id))
      g_ptr_array_add (names, g_strdup (codec_names[i].name));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}
