/* atr-rdp-session.h — one RDP session, run by FreeRDP on its own thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "atr-rdp-certificate.h"
#include "atr-rdp-error.h"
#include "atr-rdp-file.h"
#include "atr-rdp-pointer.h"
#include "atr-rdp-policy.h"
#include "atr-rdp-reconnect.h"
#include "atr-rdp-target.h"
#include "atr-trust-store.h"

G_BEGIN_DECLS

/**
 * AtrRdpState:
 * @ATR_RDP_STATE_IDLE: not started
 * @ATR_RDP_STATE_RESOLVING: looking up the target's addresses
 * @ATR_RDP_STATE_CONNECTING: TCP, X.224 and TLS to an endpoint
 * @ATR_RDP_STATE_AUTHENTICATING: the certificate was accepted; NLA and logon
 * @ATR_RDP_STATE_CONNECTED: the session is active
 * @ATR_RDP_STATE_RECONNECTING: the network dropped and auto-reconnect is trying
 * @ATR_RDP_STATE_DISCONNECTED: finished (see atr_rdp_session_get_disconnect_error())
 */
typedef enum
{
  ATR_RDP_STATE_IDLE,
  ATR_RDP_STATE_RESOLVING,
  ATR_RDP_STATE_CONNECTING,
  ATR_RDP_STATE_AUTHENTICATING,
  ATR_RDP_STATE_CONNECTED,
  ATR_RDP_STATE_RECONNECTING,
  ATR_RDP_STATE_DISCONNECTED,
} AtrRdpState;

GType atr_rdp_state_get_type (void) G_GNUC_CONST;
#define ATR_TYPE_RDP_STATE (atr_rdp_state_get_type ())

/**
 * AtrRdpRect:
 *
 * A damaged rectangle of the framebuffer, in framebuffer pixels.
 */
typedef struct
{
  int x;
  int y;
  int width;
  int height;
} AtrRdpRect;

/**
 * AtrRdpTimings:
 *
 * Microseconds from atr_rdp_session_connect_async() to each milestone of the endpoint that
 * got through, or -1 when it was not reached: @tcp the TCP handshake, @tls the certificate
 * check (TLS up), @auth the active session (credentials accepted, PostConnect), @first_frame
 * the first non-empty frame.
 */
typedef struct
{
  gint64 tcp;
  gint64 tls;
  gint64 auth;
  gint64 first_frame;
} AtrRdpTimings;

/* Mouse buttons for atr_rdp_session_send_button() */
#define ATR_RDP_BUTTON_LEFT   1
#define ATR_RDP_BUTTON_MIDDLE 2
#define ATR_RDP_BUTTON_RIGHT  3

#define ATR_TYPE_RDP_SESSION (atr_rdp_session_get_type ())

G_DECLARE_FINAL_TYPE (AtrRdpSession, atr_rdp_session, ATR, RDP_SESSION, GObject)

AtrRdpSession      *atr_rdp_session_new                 (AtrRdpTarget         *target);
AtrRdpSession      *atr_rdp_session_new_from_file       (AtrRdpFile           *filtered,
                                                         const AtrRdpPolicy   *policy,
                                                         GError              **error);

AtrRdpTarget       *atr_rdp_session_get_target          (AtrRdpSession        *self);
void                atr_rdp_session_set_trust_store     (AtrRdpSession        *self,
                                                         AtrTrustStore        *trust);
void                atr_rdp_session_set_credentials     (AtrRdpSession        *self,
                                                         const char           *username,
                                                         const char           *domain,
                                                         const char           *password);
void                atr_rdp_session_set_desktop_size    (AtrRdpSession        *self,
                                                         guint                 width,
                                                         guint                 height);
void                atr_rdp_session_set_allow_certificate_override (AtrRdpSession *self,
                                                                    gboolean       allow);
void                atr_rdp_session_set_reconnect       (AtrRdpSession        *self,
                                                         const AtrRdpBackoff  *backoff);
void                atr_rdp_session_set_connect_only    (AtrRdpSession        *self,
                                                         gboolean              connect_only);

AtrRdpState         atr_rdp_session_get_state           (AtrRdpSession        *self);
AtrRdpCertificate  *atr_rdp_session_get_certificate     (AtrRdpSession        *self);
const GError       *atr_rdp_session_get_disconnect_error (AtrRdpSession       *self);
void                atr_rdp_session_get_timings         (AtrRdpSession        *self,
                                                         AtrRdpTimings        *timings);
const AtrRdpEndpoint *atr_rdp_session_get_endpoint      (AtrRdpSession        *self);

void                atr_rdp_session_connect_async       (AtrRdpSession        *self,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
gboolean            atr_rdp_session_connect_finish      (AtrRdpSession        *self,
                                                         GAsyncResult         *result,
                                                         GError              **error);
void                atr_rdp_session_disconnect          (AtrRdpSession        *self);

/* Answers to the credentials-requested and certificate-rejected signals (main thread). */
void                atr_rdp_session_answer_credentials  (AtrRdpSession        *self,
                                                         const char           *username,
                                                         const char           *domain,
                                                         const char           *password);
void                atr_rdp_session_answer_certificate  (AtrRdpSession        *self,
                                                         gboolean              accept);

/* Input: callable from any thread; queued to the session thread. */
void                atr_rdp_session_send_key            (AtrRdpSession        *self,
                                                         guint16               scancode,
                                                         gboolean              extended,
                                                         gboolean              down);
void                atr_rdp_session_send_pointer_move   (AtrRdpSession        *self,
                                                         int                   x,
                                                         int                   y);
void                atr_rdp_session_send_button         (AtrRdpSession        *self,
                                                         int                   x,
                                                         int                   y,
                                                         guint                 button,
                                                         gboolean              down);
void                atr_rdp_session_send_wheel          (AtrRdpSession        *self,
                                                         int                   x,
                                                         int                   y,
                                                         int                   delta,
                                                         gboolean              horizontal);

/* Dynamic resolution (Display Control channel): callable from any thread. */
void                atr_rdp_session_request_resize      (AtrRdpSession        *self,
                                                         guint                 width,
                                                         guint                 height);
gboolean            atr_rdp_session_get_display_control (AtrRdpSession        *self);
void                atr_rdp_session_set_output_suppressed (AtrRdpSession      *self,
                                                           gboolean            suppressed);
AtrRdpPointer      *atr_rdp_session_get_pointer         (AtrRdpSession        *self);
void                atr_rdp_session_get_desktop_size    (AtrRdpSession        *self,
                                                         guint                *width,
                                                         guint                *height);

/* The text clipboard (cliprdr), only when the policy allows it: any thread. */
gboolean            atr_rdp_session_get_clipboard       (AtrRdpSession        *self);
void                atr_rdp_session_set_local_text      (AtrRdpSession        *self,
                                                         const char           *utf8);
char              **atr_rdp_session_dup_channel_names   (AtrRdpSession        *self);
gboolean            atr_rdp_session_get_graphics_pipeline (AtrRdpSession      *self,
                                                           guint32            *caps_version);
char              **atr_rdp_session_dup_graphics_codecs (AtrRdpSession        *self);
void                atr_rdp_session_set_graphics_pipeline (AtrRdpSession      *self,
                                                           gboolean            offer);
void                atr_rdp_session_get_graphics_frames (AtrRdpSession        *self,
                                                         guint32              *decoded,
                                                         guint32              *acknowledged);

/* The framebuffer: 32-bit BGRA (B, G, R, A in memory), alpha always 0xFF. */
gboolean            atr_rdp_session_lock_framebuffer    (AtrRdpSession        *self,
                                                         const guint8        **data,
                                                         guint                *width,
                                                         guint                *height,
                                                         gsize                *stride);
void                atr_rdp_session_unlock_framebuffer  (AtrRdpSession        *self);

G_END_DECLS
