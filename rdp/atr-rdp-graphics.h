/* atr-rdp-graphics.h — the graphics pipeline (RDPGFX) part of a session (internal)
 *
 * An owned part of AtrRdpSession with its own state and lock: whether the session offers
 * the pipeline, what the server chose (caps version, codecs used), and the frame
 * acknowledgements, which wait until the UI has taken the frame's damage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <freerdp/freerdp.h>
#include <freerdp/client/rdpgfx.h>

G_BEGIN_DECLS

typedef struct _AtrRdpGraphics AtrRdpGraphics;

/* What the part asks of its owner (any thread; must not call back into the part). */
typedef struct
{
  gpointer    data;
  const char *(*host)        (gpointer data);    /* for log lines */
  gboolean  (*frame_pending) (gpointer data);    /* damage posted, not yet taken by the UI */
  void      (*wake)          (gpointer data);    /* run atr_rdp_graphics_dispatch() soon */
} AtrRdpGraphicsOwner;

AtrRdpGraphics *atr_rdp_graphics_new            (const AtrRdpGraphicsOwner *owner);
void            atr_rdp_graphics_free           (AtrRdpGraphics            *self);

/* Main thread, before connecting. */
void            atr_rdp_graphics_set_offered    (AtrRdpGraphics            *self,
                                                 gboolean                   offered);
gboolean        atr_rdp_graphics_get_offered    (AtrRdpGraphics            *self);

/* Session thread. */
gboolean        atr_rdp_graphics_pre_connect    (AtrRdpGraphics            *self,
                                                 rdpSettings               *settings);
void            atr_rdp_graphics_connected      (AtrRdpGraphics            *self,
                                                 rdpGdi                    *gdi,
                                                 RdpgfxClientContext       *gfx);
void            atr_rdp_graphics_disconnected   (AtrRdpGraphics            *self,
                                                 rdpGdi                    *gdi,
                                                 RdpgfxClientContext       *gfx);
void            atr_rdp_graphics_dispatch       (AtrRdpGraphics            *self);
RdpgfxClientContext *atr_rdp_graphics_enter     (AtrRdpGraphics            *self);
void            atr_rdp_graphics_leave          (RdpgfxClientContext       *gfx);

/* Main thread, once the UI has handled a frame-updated emission. */
void            atr_rdp_graphics_frame_taken    (AtrRdpGraphics            *self);

/* Any thread. */
gboolean        atr_rdp_graphics_get_active     (AtrRdpGraphics            *self,
                                                 guint32                   *caps_version);
char          **atr_rdp_graphics_dup_codecs     (AtrRdpGraphics            *self);
void            atr_rdp_graphics_get_acks       (AtrRdpGraphics            *self,
                                                 guint32                   *decoded,
                                                 guint32                   *acknowledged);

G_END_DECLS
