/* atr-rdp-error.h — the one error domain of rdp/ and the disconnect classifier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATR_RDP_ERROR (atr_rdp_error_quark ())

/**
 * AtrRdpError:
 * @ATR_RDP_ERROR_FAILED: anything not covered below (an internal error)
 * @ATR_RDP_ERROR_CONNECT: no RDP connection could be made to an endpoint (DNS, refused,
 *   unreachable, timeout, TLS or protocol negotiation before any certificate was seen)
 * @ATR_RDP_ERROR_NETWORK_LOST: an established session lost its connection
 * @ATR_RDP_ERROR_AUTH: the server (or NLA) refused the credentials, or none were given
 * @ATR_RDP_ERROR_CERTIFICATE: the trust store rejected the server's or gateway's certificate
 * @ATR_RDP_ERROR_GATEWAY: the RD Gateway answered but refused or failed the tunnel to the host
 * @ATR_RDP_ERROR_LOGOFF: the user logged off (or the server ended the session normally)
 * @ATR_RDP_ERROR_ADMIN_DISCONNECT: an administrator or another session took over
 * @ATR_RDP_ERROR_IDLE_TIMEOUT: the server's idle or session time limit ran out
 * @ATR_RDP_ERROR_CANCELLED: the local side aborted (disconnect() or a cancellable)
 * @ATR_RDP_ERROR_GATEWAY_UNREACHABLE: the RD Gateway itself was not found (DNS) or did not
 *   answer, so the host behind it was never asked for
 *
 * Messages always name the host (and the endpoint or gateway) at fault.
 */
typedef enum
{
  ATR_RDP_ERROR_FAILED,
  ATR_RDP_ERROR_CONNECT,
  ATR_RDP_ERROR_NETWORK_LOST,
  ATR_RDP_ERROR_AUTH,
  ATR_RDP_ERROR_CERTIFICATE,
  ATR_RDP_ERROR_GATEWAY,
  ATR_RDP_ERROR_LOGOFF,
  ATR_RDP_ERROR_ADMIN_DISCONNECT,
  ATR_RDP_ERROR_IDLE_TIMEOUT,
  ATR_RDP_ERROR_CANCELLED,
  ATR_RDP_ERROR_GATEWAY_UNREACHABLE,
} AtrRdpError;

/**
 * AtrRdpPhase:
 *
 * How far a connection got before it ended; the classifier's main context.
 */
typedef enum
{
  ATR_RDP_PHASE_CONNECTING,     /* before the certificate was seen (TCP, X.224, TLS) */
  ATR_RDP_PHASE_AUTHENTICATING, /* certificate accepted, before the session was active */
  ATR_RDP_PHASE_CONNECTED,      /* PostConnect passed: an active session */
} AtrRdpPhase;

/**
 * AtrRdpFailure:
 * @last_error: freerdp_get_last_error() (FREERDP_ERROR_* class|code), 0 when none
 * @error_info: freerdp_error_info() (the server's ERRINFO_* disconnect reason), 0 when none
 * @phase: how far the connection got
 * @nla: TRUE when NLA (CredSSP) was the negotiated security protocol
 * @certificate_rejected: TRUE when our certificate callback refused the peer
 * @via_gateway: TRUE when the connection went through an RD Gateway
 * @local_abort: TRUE when the local side asked for the disconnect
 * @credentials_refused: TRUE when the server asked for credentials and none were given
 *   (nobody to ask, or the user declined)
 *
 * Everything the classifier looks at; filled by the session thread, built by hand in tests.
 */
typedef struct
{
  guint32     last_error;
  guint32     error_info;
  AtrRdpPhase phase;
  gboolean    nla;
  gboolean    certificate_rejected;
  gboolean    via_gateway;
  gboolean    local_abort;
  gboolean    credentials_refused;
} AtrRdpFailure;

GQuark       atr_rdp_error_quark           (void);

AtrRdpError  atr_rdp_error_classify        (const AtrRdpFailure *failure);
gboolean     atr_rdp_error_should_failover (const GError        *error);
const char  *atr_rdp_error_to_string       (AtrRdpError          code);
const char  *atr_rdp_error_describe_code   (guint32              last_error);

G_END_DECLS
