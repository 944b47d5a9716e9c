/* atr-rdp-session-paint.c — FreeRDP's GDI paints into the framebuffer part (session thread)
 *
 * FreeRDP's software GDI draws every update into its primary buffer between BeginPaint and
 * EndPaint and records what it invalidated. EndPaint hands those rectangles to the
 * framebuffer part (AtrRdpFramebuffer), which copies them with opaque alpha and accumulates
 * the damage; a frame message goes out only when the part says none is in flight.
 * DesktopResize (the server changed the desktop's size) gives the part a new buffer and
 * tells the display part the desktop's size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <freerdp/freerdp.h>
#include <freerdp/gdi/gdi.h>
#include <freerdp/settings.h>

#include "atr-rdp-session-private.h"

static const char *
host_of (AtrRdpContext *ctx)
{
  return atr_rdp_target_get_host (atr_rdp_session_get_target (ctx->session));
}

static BOOL
begin_paint_cb (rdpContext *context)
{
  HGDI_WND hwnd = context->gdi->primary->hdc->hwnd;

  hwnd->invalid->null = TRUE;
  hwnd->ninvalid = 0;
  return TRUE;
}

static BOOL
end_paint_cb (rdpContext *context)
{
  AtrRdpContext *ctx = (AtrRdpContext *) context;
  rdpGdi *gdi = context->gdi;
  HGDI_WND hwnd = gdi->primary->hdc->hwnd;
  g_autofree AtrRdpRect *rects = NULL;
  guint n_rects;
  gboolean first;

  /* The first EndPaints of a session can be empty: only count real content. */
  if (hwnd->invalid->null)
    return TRUE;

  /* Timed before the frame is posted, so that whoever sees the frame sees the timing. */
  first = atr_rdp_connection_mark_first_frame (ctx->connection);

  n_rects = hwnd->ninvalid > 0 ? (guint) hwnd->ninvalid : 1;
  rects = g_new (AtrRdpRect, n_rects);
  if (hwnd->ninvalid > 0)
    for (guint i = 0; i < n_rects; i++)
      rects[i] = (AtrRdpRect) { hwnd->cinvalid[i].x, hwnd->cinvalid[i].y,
                                hwnd->cinvalid[i].w, hwnd->cinvalid[i].h };
  else
    rects[0] = (AtrRdpRect) { hwnd->invalid->x, hwnd->invalid->y, hwnd->invalid->w,
                              hwnd->invalid->h };
  if (atr_rdp_framebuffer_paint (ctx->framebuffer, gdi->primary_buffer, gdi->stride, rects,
                                 n_rects))
    _atr_rdp_session_post_frame (ctx->session);

  if (first)
    g_debug ("First frame from %s", host_of (ctx));
  return TRUE;
}

/* A new framebuffer of the GDI's size with the GDI's picture; its size is announced before
 * the frame that covers it all. */
static gboolean
allocate_framebuffer (AtrRdpContext *ctx,
                      rdpGdi        *gdi)
{
  guint width = (guint) gdi->width;
  guint height = (guint) gdi->height;
  gboolean post;

  atr_rdp_display_set_desktop (ctx->display, width, height);
  post = atr_rdp_framebuffer_reset (ctx->framebuffer, width, height, gdi->primary_buffer,
                                    gdi->stride);
  /* Once the new buffer is in place: whoever reads the size finds a buffer that big. */
  _atr_rdp_session_post_desktop_size (ctx->session, width, height);
  if (post)
    _atr_rdp_session_post_frame (ctx->session);
  return TRUE;
}

/* The server changed the desktop size (reactivation): after a Display Control request, or
 * because it keeps a size of its own. */
static BOOL
desktop_resize_cb (rdpContext *context)
{
  AtrRdpContext *ctx = (AtrRdpContext *) context;
  rdpSettings *settings = context->settings;
  UINT32 width = freerdp_settings_get_uint32 (settings, FreeRDP_DesktopWidth);
  UINT32 height = freerdp_settings_get_uint32 (settings, FreeRDP_DesktopHeight);
  RdpgfxClientContext *gfx;
  BOOL ok;

  g_debug ("%s resized the desktop to %ux%u", host_of (ctx), width, height);
  /* The graphics pipeline paints into the GDI's buffer from drdynvc's thread, and its
   * resets resize it there too: hold its lock while the buffer is replaced and copied. */
  gfx = atr_rdp_graphics_enter (ctx->graphics);
  ok = gdi_resize (context->gdi, width, height) && allocate_framebuffer (ctx, context->gdi);
  atr_rdp_graphics_leave (gfx);
  return ok;
}

/**
 * _atr_rdp_session_paint_post_connect:
 *
 * PostConnect, after gdi_init(): our paint callbacks, and the first framebuffer.
 */
void
_atr_rdp_session_paint_post_connect (rdpContext *context)
{
  context->update->BeginPaint = begin_paint_cb;
  context->update->EndPaint = end_paint_cb;
  context->update->DesktopResize = desktop_resize_cb;
  allocate_framebuffer ((AtrRdpContext *) context, context->gdi);
}
