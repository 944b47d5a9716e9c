/* atr-rdp-session-private.h — what atr-rdp-session.c (main side) and
 * atr-rdp-session-thread.c (the FreeRDP thread) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <freerdp/freerdp.h>
#include <freerdp/client/cliprdr.h>
#include <freerdp/client/disp.h>
#include <winpr/synch.h>

#include "atr-rdp-graphics.h"
#include "atr-rdp-resize.h"
#include "atr-rdp-session.h"

G_BEGIN_DECLS

typedef enum
{
  ATR_RDP_COMMAND_KEY,
  ATR_RDP_COMMAND_MOUSE,
} AtrRdpCommandKind;

typedef struct
{
  AtrRdpCommandKind kind;
  guint16           flags;
  guint16           code;   /* scancode (KEY) */
  guint16           x;      /* MOUSE */
  guint16           y;
} AtrRdpCommand;

typedef enum
{
  ATR_RDP_ANSWER_NONE,
  ATR_RDP_ANSWER_PENDING,
  ATR_RDP_ANSWER_GIVEN,
} AtrRdpAnswerState;

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
  AtrRdpBackoff       backoff;
  gboolean            clipboard;      /* the policy allows the text clipboard (cliprdr) */

  /* Session thread only. */
  gboolean            reconnecting;   /* attempts keep the visible state RECONNECTING */

  /* Main-thread only. */
  gboolean            display_control;   /* the server accepted Display Control */
  AtrRdpPointer      *pointer;           /* the server's current pointer */
  guint               desktop_width_now; /* the desktop's size as last reported */
  guint               desktop_height_now;
  GMainContext       *main_context;
  AtrRdpState         state;
  GTask              *connect_task;
  GCancellable       *cancellable;
  gulong              cancelled_id;
  GThread            *thread;
  AtrRdpCertificate  *certificate;
  GError             *disconnect_error;
  int                 endpoint_index;
  gint64              started_us;

  /* Shared with the thread, under `lock`. */
  GMutex              lock;
  GCond               cond;
  HANDLE              wake_event;     /* WinPR event: commands queued or quit */
  GQueue              commands;       /* of AtrRdpCommand* */
  gboolean            quit;           /* the abort path of every wait */
  freerdp            *instance;       /* the current attempt's, for freerdp_abort_connect */
  gboolean            in_connect;     /* the thread is inside freerdp_connect() (blocking
                                       * reads: see _atr_rdp_session_interrupt_connect) */
  GCancellable       *io_cancel;      /* cancels resolving and the TCP pre-flight */
  AtrRdpTarget       *route;          /* the endpoints actually tried (set by the thread
                                       * before the first state message naming one) */
  char               *username;       /* wiped and freed once handed to FreeRDP */
  char               *domain;
  char               *password;
  AtrRdpAnswerState   credentials_answer;
  gboolean            credentials_given;
  AtrRdpAnswerState   certificate_answer;
  gboolean            certificate_accept;
  AtrRdpTimings       timings;
  AtrRdpResize        resize;         /* dynamic resolution: asked for, debounced */
  char               *clip_local;     /* the local clipboard's text offered, or NULL */
  char               *clip_remote;    /* the server's text last received (no echo) */
  gboolean            clip_announce;  /* clip_local changed: send a format list */
  char              **channel_names;  /* static channels announced (PostConnect) */
  AtrRdpGraphics     *graphics;       /* the graphics pipeline part (its own lock) */

  /* The framebuffer, under `fb_lock`. */
  GMutex              fb_lock;
  guint8             *fb;
  guint               fb_width;
  guint               fb_height;
  gsize               fb_stride;
  GArray             *damage;         /* of AtrRdpRect, not yet reported */
  gboolean            frame_posted;
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

/* Our rdpContext: FreeRDP allocates ContextSize bytes and hands it to every callback. */
typedef struct
{
  rdpContext     context;                /* must be first */
  AtrRdpSession *session;
  AtrRdpAttempt *attempt;
  DispClientContext *disp;               /* the Display Control channel, once connected */
  gboolean       disp_ready;             /* its caps arrived: layouts may be sent */
  CliprdrClientContext *cliprdr;         /* the clipboard channel, once connected */
  gboolean       cliprdr_ready;          /* MonitorReady came: format lists may be sent */
} AtrRdpContext;

gpointer  _atr_rdp_session_thread_main          (gpointer            data);
gpointer  _atr_rdp_session_init_freerdp_once    (gpointer            data);
BOOL      _atr_rdp_session_client_new_cb        (freerdp            *instance,
                                                 rdpContext         *context);
void      _atr_rdp_session_client_free_cb       (freerdp            *instance,
                                                 rdpContext         *context);
void      _atr_rdp_session_set_current          (AtrRdpSession      *self);
gint64    _atr_rdp_session_elapsed_us           (AtrRdpSession      *self);
void      _atr_rdp_session_set_timing           (AtrRdpSession      *self,
                                                 gint64             *field);
void      _atr_rdp_session_wipe_string          (char              **str);

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
void      _atr_rdp_session_interrupt_connect    (AtrRdpSession      *self);
void      _atr_rdp_session_post_frame           (AtrRdpSession      *self);
void      _atr_rdp_session_post_display_control (AtrRdpSession *self,
                                                 gboolean            available);
void      _atr_rdp_session_post_desktop_size    (AtrRdpSession      *self,
                                                 guint               width,
                                                 guint               height);
void      _atr_rdp_session_post_pointer     (AtrRdpSession      *self,
                                                 AtrRdpPointer      *pointer);
void      _atr_rdp_session_post_finished        (AtrRdpSession      *self,
                                                 GError             *error);

/* atr-rdp-session-pointer.c (session thread) */
void      _atr_rdp_session_register_pointer     (rdpContext         *context);

/* atr-rdp-session-channels.c (session thread) */
void      _atr_rdp_session_channels_init_once   (void);
gboolean  _atr_rdp_session_channels_pre_connect (rdpContext         *context);
gboolean  _atr_rdp_session_channels_load        (rdpContext         *context);
gint64    _atr_rdp_session_channels_dispatch    (AtrRdpSession      *self,
                                                 rdpContext         *context);
gboolean  _atr_rdp_session_load_static_channel  (rdpContext         *context,
                                                 const char         *name,
                                                 void               *data);

/* atr-rdp-graphics.c */
AtrRdpGraphics *_atr_rdp_session_graphics_new     (AtrRdpSession        *session);

/* atr-rdp-session-clipboard.c */
gboolean  _atr_rdp_session_clipboard_pre_connect  (rdpContext           *context);
gboolean  _atr_rdp_session_clipboard_load         (rdpContext           *context);
void      _atr_rdp_session_clipboard_connected    (AtrRdpContext        *ctx,
                                                   CliprdrClientContext *cliprdr);
void      _atr_rdp_session_clipboard_disconnected (AtrRdpContext        *ctx);
void      _atr_rdp_session_clipboard_post_connect (rdpContext           *context);
void      _atr_rdp_session_clipboard_dispatch     (AtrRdpSession        *self,
                                                   rdpContext           *context);
void      _atr_rdp_session_clipboard_class_init   (GObjectClass         *klass);
void      _atr_rdp_session_clipboard_finalize     (AtrRdpSession        *self);

G_END_DECLS
