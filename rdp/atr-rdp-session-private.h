/* atr-rdp-session-private.h — the session facade, its parts, and what its files share
 *
 * AtrRdpSession is the public GObject; it owns one of each part (atr-rdp-connection.h,
 * atr-rdp-input.h, atr-rdp-cliprdr.h, atr-rdp-display.h, atr-rdp-framebuffer.h). The
 * FreeRDP context points at the parts, and the channel table (atr-rdp-session-channels.c)
 * hands each channel to the part that owns it. The graphics pipeline (atr-rdp-graphics.h)
 * is a part of the same kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <freerdp/freerdp.h>
#include <winpr/synch.h>

#include "atr-rdp-cliprdr.h"
#include "atr-rdp-connection.h"
#include "atr-rdp-display.h"
#include "atr-rdp-framebuffer.h"
#include "atr-rdp-graphics.h"
#include "atr-rdp-input.h"
#include "atr-rdp-session.h"

G_BEGIN_DECLS

/* The facade. Its parts (each with its own header, state and lock) are created with the
 * session and freed with it; they do not reach into each other or into this struct. */
struct _AtrRdpSession
{
  GObject             parent_instance;

  /* Set before connect, read-only afterwards (the thread reads them without a lock). */
  AtrRdpTarget       *target;
  AtrTrustStore      *trust;
  guint               desktop_width;
  guint               desktop_height;
  gboolean            allow_override;
  char               *config_dir;
  AtrRdpFile         *file;           /* (nullable) a filtered .rdp payload to apply */
  AtrRdpPolicy        policy;         /* the policy @file was filtered with */
  gboolean            reconnect;      /* auto-reconnect after a network loss */
  gboolean            connect_only;   /* no decoders, GDI or channels (a probe) */
  AtrRdpBackoff       backoff;
  HANDLE              wake_event;     /* WinPR event: the session thread has work (made at
                                       * init, never replaced; parts borrow it) */

  /* The parts. */
  AtrRdpConnection   *connection;     /* quit, answers, credentials, timings, route */
  AtrRdpInput        *input;          /* keys and mouse for the thread */
  AtrRdpCliprdr      *clipboard;      /* cliprdr: text both ways */
  AtrRdpDisplay      *display;        /* Display Control: resize, desktop size */
  AtrRdpFramebuffer  *framebuffer;    /* pixels and damage */
  AtrRdpGraphics     *graphics;       /* the graphics pipeline (RDPGFX), its acks */

  /* Session thread only. */
  gboolean            reconnecting;   /* attempts keep the visible state RECONNECTING */

  /* Main-thread only. */
  AtrRdpPointer      *pointer;        /* the server's current pointer */
  GMainContext       *main_context;
  AtrRdpState         state;
  GTask              *connect_task;
  GCancellable       *cancellable;
  gulong              cancelled_id;
  GThread            *thread;
  AtrRdpCertificate  *certificate;
  GError             *disconnect_error;
  int                 endpoint_index;
  gint64              frame_emitted_us;   /* when frame-updated was last emitted */
  GSource            *frame_later;        /* a paced emission waiting, or NULL */
};

/* One connection attempt to one endpoint (session thread only). */
typedef struct
{
  int                   index;
  const AtrRdpEndpoint *endpoint;
  const char           *cert_host;       /* what certificates are checked against */
  gboolean              certificate_rejected;
  gboolean              credentials_refused;  /* asked for, none given */
  AtrTrustReason        trust_reason;     /* of the rejected certificate */
  AtrRdpPhase           phase;
} AtrRdpAttempt;

/* Our rdpContext: FreeRDP allocates ContextSize bytes and hands it to every callback. It
 * points at the session's parts, so that each callback reaches the part it serves. */
typedef struct
{
  rdpContext         context;            /* must be first */
  AtrRdpSession     *session;
  AtrRdpAttempt     *attempt;
  AtrRdpConnection  *connection;
  AtrRdpInput       *input;
  AtrRdpCliprdr     *clipboard;
  AtrRdpDisplay     *display;
  AtrRdpFramebuffer *framebuffer;
  AtrRdpGraphics    *graphics;
} AtrRdpContext;

gpointer  _atr_rdp_session_thread_main          (gpointer            data);
gpointer  _atr_rdp_session_init_freerdp_once    (gpointer            data);
BOOL      _atr_rdp_session_client_new_cb        (freerdp            *instance,
                                                 rdpContext         *context);
void      _atr_rdp_session_client_free_cb       (freerdp            *instance,
                                                 rdpContext         *context);
void      _atr_rdp_session_set_current          (AtrRdpSession      *self);

/* Called on the session thread; each posts to the session's main context. */
void      _atr_rdp_session_post_state           (AtrRdpSession      *self,
                                                 AtrRdpState         state,
                                                 int                 endpoint_index);
void      _atr_rdp_session_post_certificate     (AtrRdpSession      *self,
                                                 AtrRdpCertificate  *certificate,
                                                 gboolean            ask);
void      _atr_rdp_session_post_credentials     (AtrRdpSession      *self,
                                                 gboolean            gateway,
                                                 const char         *host);
void      _atr_rdp_session_post_connected       (AtrRdpSession      *self);
void      _atr_rdp_session_post_frame           (AtrRdpSession      *self);
void      _atr_rdp_session_cancel_paced_frame   (AtrRdpSession      *self);
void      _atr_rdp_session_post_display_control (AtrRdpSession *self,
                                                 gboolean            available);
void      _atr_rdp_session_post_desktop_size    (AtrRdpSession      *self,
                                                 guint               width,
                                                 guint               height);
void      _atr_rdp_session_post_pointer         (AtrRdpSession      *self,
                                                 AtrRdpPointer      *pointer);
void      _atr_rdp_session_post_remote_text     (AtrRdpSession      *self,
                                                 char               *text);
void      _atr_rdp_session_post_finished        (AtrRdpSession      *self,
                                                 GError             *error);

/* atr-rdp-session-pointer.c (session thread) */
void      _atr_rdp_session_register_pointer     (rdpContext         *context);

/* atr-rdp-session-paint.c (session thread): the GDI's paints into the framebuffer part */
void      _atr_rdp_session_paint_post_connect   (rdpContext         *context);

/* atr-rdp-graphics.c: the graphics part, with the session as its owner */
AtrRdpGraphics *_atr_rdp_session_graphics_new   (AtrRdpSession      *session);

/* atr-rdp-session-channels.c (session thread): the channel table */
void      _atr_rdp_session_channels_init_once   (void);
gboolean  _atr_rdp_session_channels_pre_connect (rdpContext         *context);
gboolean  _atr_rdp_session_channels_load        (rdpContext         *context);
void      _atr_rdp_session_channels_post_connect (rdpContext        *context);
gint64    _atr_rdp_session_channels_dispatch    (rdpContext         *context);
gboolean  _atr_rdp_session_load_static_channel  (rdpContext         *context,
                                                 const char         *name,
                                                 void               *data);

G_END_DECLS
