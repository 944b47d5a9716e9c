/* atr-rdp-error.c — the rdp/ error domain and the disconnect classifier
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"
#include <freerdp/error.h>
#include <glib/gi18n-lib.h>

#include "atr-rdp-error.h"

G_DEFINE_QUARK (atr-rdp-error-quark, atr_rdp_error)

static gboolean
classify_error_info (guint32      info,
                     AtrRdpError *out)
{
  switch (info)
    {
    case ERRINFO_RPC_INITIATED_DISCONNECT:
    case ERRINFO_DISCONNECTED_BY_OTHER_CONNECTION:
      *out = ATR_RDP_ERROR_ADMIN_DISCONNECT;
      return TRUE;
    case ERRINFO_RPC_INITIATED_LOGOFF:
    case ERRINFO_RPC_INITIATED_DISCONNECT_BY_USER:
    case ERRINFO_LOGOFF_BY_USER:
      *out = ATR_RDP_ERROR_LOGOFF;
      return TRUE;
    case ERRINFO_IDLE_TIMEOUT:
    case ERRINFO_LOGON_TIMEOUT:
      *out = ATR_RDP_ERROR_IDLE_TIMEOUT;
      return TRUE;
    case ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES:
    case ERRINFO_SERVER_FRESH_CREDENTIALS_REQUIRED:
      *out = ATR_RDP_ERROR_AUTH;
      return TRUE;
    case ERRINFO_SUCCESS:
    case ERRINFO_NONE:
      return FALSE;
    default:
      *out = ATR_RDP_ERROR_FAILED;
      return TRUE;
    }
}

/* A connection that broke before it was up: CONNECT, or one of the gateway classes when an
 * RD Gateway carried it; once connected, the same codes mean the network went away.
 *
 * Through a gateway FreeRDP resolves and dials only the gateway (the gateway dials the host),
 * so a DNS or TCP connect failure is the first hop: the gateway was not found or did not
 * answer. Anything later (the tunnel or channel refused, the stream cut) is the gateway
 * failing to carry the connection to the host. */
static AtrRdpError
transport_class (const AtrRdpFailure *failure,
                 guint32              code)
{
  if (failure->phase == ATR_RDP_PHASE_CONNECTED)
    return ATR_RDP_ERROR_NETWORK_LOST;
  if (failure->via_gateway && failure->phase == ATR_RDP_PHASE_CONNECTING)
    switch (code)
      {
      case ERRCONNECT_DNS_ERROR:
      case ERRCONNECT_DNS_NAME_NOT_FOUND:
      case ERRCONNECT_CONNECT_FAILED:
        return ATR_RDP_ERROR_GATEWAY_UNREACHABLE;
      default:
        return ATR_RDP_ERROR_GATEWAY;
      }
  return ATR_RDP_ERROR_CONNECT;
}

/**
 * atr_rdp_error_classify:
 * @failure: what FreeRDP reported and how far the connection got
 *
 * Maps FreeRDP's error codes plus their context to one disconnect class. Pure: no I/O, no
 * FreeRDP state.
 *
 * FreeRDP 3.10 reports a refused NLA password as ERRCONNECT_AUTHENTICATION_FAILED. FreeRDP
 * 2.11 reported ERRCONNECT_CONNECT_TRANSPORT_FAILED (the server just drops the socket after a
 * failed MIC check), the same code as a dead network, and a server that drops the socket
 * still gets that.
 * The discriminator is the phase: a transport failure after our certificate check accepted
 * the peer, with NLA negotiated and before the session became active, is the server
 * refusing the credentials; a transport failure before the certificate was seen is a
 * connect failure, and after PostConnect a lost network.
 *
 * Returns: the #AtrRdpError class
 */
AtrRdpError
atr_rdp_error_classify (const AtrRdpFailure *failure)
{
  AtrRdpError from_info = ATR_RDP_ERROR_FAILED;
  guint32 klass;
  guint32 code;

  g_return_val_if_fail (failure != NULL, ATR_RDP_ERROR_FAILED);

  if (failure->certificate_rejected)
    return ATR_RDP_ERROR_CERTIFICATE;

  klass = GET_FREERDP_ERROR_CLASS (failure->last_error);
  code = failure->last_error & 0xFFFF;

  /* What the server said about why it ended the session beats what the transport saw. */
  if (classify_error_info (failure->error_info, &from_info))
    return from_info;
  if (klass == FREERDP_ERROR_ERRINFO_CLASS && classify_error_info (code, &from_info))
    return from_info;

  if (failure->local_abort)
    return ATR_RDP_ERROR_CANCELLED;

  /* FreeRDP 3 reports credentials we could not give as CONNECT_CANCELLED. */
  if (failure->credentials_refused)
    return ATR_RDP_ERROR_AUTH;

  if (failure->last_error == 0)
    return failure->phase == ATR_RDP_PHASE_CONNECTED ? ATR_RDP_ERROR_NETWORK_LOST
                                                     : transport_class (failure, 0);

  if (klass != FREERDP_ERROR_CONNECT_CLASS)
    return failure->phase == ATR_RDP_PHASE_CONNECTED ? ATR_RDP_ERROR_NETWORK_LOST
                                                     : ATR_RDP_ERROR_FAILED;

  switch (code)
    {
    case ERRCONNECT_AUTHENTICATION_FAILED:
    case ERRCONNECT_INSUFFICIENT_PRIVILEGES:
    case ERRCONNECT_PASSWORD_EXPIRED:
    case ERRCONNECT_PASSWORD_CERTAINLY_EXPIRED:
    case ERRCONNECT_CLIENT_REVOKED:
    case ERRCONNECT_KDC_UNREACHABLE:
    case ERRCONNECT_ACCOUNT_DISABLED:
    case ERRCONNECT_PASSWORD_MUST_CHANGE:
    case ERRCONNECT_LOGON_FAILURE:
    case ERRCONNECT_WRONG_PASSWORD:
    case ERRCONNECT_ACCESS_DENIED:
    case ERRCONNECT_ACCOUNT_RESTRICTION:
    case ERRCONNECT_ACCOUNT_LOCKED_OUT:
    case ERRCONNECT_ACCOUNT_EXPIRED:
    case ERRCONNECT_LOGON_TYPE_NOT_GRANTED:
    case ERRCONNECT_NO_OR_MISSING_CREDENTIALS:
      return ATR_RDP_ERROR_AUTH;

    case ERRCONNECT_CONNECT_CANCELLED:
      return ATR_RDP_ERROR_CANCELLED;

    case ERRCONNECT_CONNECT_TRANSPORT_FAILED:
      if (failure->nla && failure->phase == ATR_RDP_PHASE_AUTHENTICATING)
        return ATR_RDP_ERROR_AUTH;
      return transport_class (failure, code);

    case ERRCONNECT_DNS_ERROR:
    case ERRCONNECT_DNS_NAME_NOT_FOUND:
    case ERRCONNECT_CONNECT_FAILED:
    case ERRCONNECT_TLS_CONNECT_FAILED:
    case ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED:
    case ERRCONNECT_MCS_CONNECT_INITIAL_ERROR:
    case ERRCONNECT_CONNECT_UNDEFINED:
      return transport_class (failure, code);

    case ERRCONNECT_PRE_CONNECT_FAILED:
    case ERRCONNECT_POST_CONNECT_FAILED:
    default:
      return ATR_RDP_ERROR_FAILED;
    }
}

/**
 * atr_rdp_error_should_failover:
 * @error: the error of one connection attempt
 *
 * The HALB rule: try the next endpoint (address or gateway) only when this one could not be
 * reached. A rejected certificate, refused credentials or a local cancel end the attempt:
 * another endpoint of the same target would only repeat them (or, for certificates, let an
 * attacker who controls one path downgrade us to another).
 */
gboolean
atr_rdp_error_should_failover (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  return error->domain == ATR_RDP_ERROR &&
         (error->code == ATR_RDP_ERROR_CONNECT || error->code == ATR_RDP_ERROR_GATEWAY ||
          error->code == ATR_RDP_ERROR_GATEWAY_UNREACHABLE);
}

const char *
atr_rdp_error_to_string (AtrRdpError code)
{
  switch (code)
    {
    case ATR_RDP_ERROR_FAILED: return "failed";
    case ATR_RDP_ERROR_CONNECT: return "connect-failed";
    case ATR_RDP_ERROR_NETWORK_LOST: return "network-lost";
    case ATR_RDP_ERROR_AUTH: return "authentication-failed";
    case ATR_RDP_ERROR_CERTIFICATE: return "certificate-rejected";
    case ATR_RDP_ERROR_GATEWAY: return "gateway-failed";
    case ATR_RDP_ERROR_LOGOFF: return "logoff";
    case ATR_RDP_ERROR_ADMIN_DISCONNECT: return "admin-disconnect";
    case ATR_RDP_ERROR_IDLE_TIMEOUT: return "idle-timeout";
    case ATR_RDP_ERROR_CANCELLED: return "cancelled";
    case ATR_RDP_ERROR_GATEWAY_UNREACHABLE: return "gateway-unreachable";
    default: return "unknown";
    }
}

/**
 * atr_rdp_error_describe_code:
 * @last_error: freerdp_get_last_error() (FREERDP_ERROR_* class|code), 0 when none
 *
 * Why a connection failed, in a few translated words for a person ("the name was not found
 * in DNS"). FreeRDP's own strings are English only, so they never reach the screen; a code
 * this does not know reads as "an unexpected error", and FreeRDP's code name goes beside it.
 *
 * Returns: (transfer none): a translated phrase
 */
const char *
atr_rdp_error_describe_code (guint32 last_error)
{
  if (last_error == 0)
    return _("no reason given");
  if (GET_FREERDP_ERROR_CLASS (last_error) != FREERDP_ERROR_CONNECT_CLASS)
    return _("an unexpected error");

  switch (last_error & 0xFFFF)
    {
    case ERRCONNECT_DNS_ERROR:
    case ERRCONNECT_DNS_NAME_NOT_FOUND:
      return _("the name was not found in DNS");
    case ERRCONNECT_CONNECT_FAILED:
      return _("the connection was refused or did not answer");
    case ERRCONNECT_CONNECT_TRANSPORT_FAILED:
      return _("the connection broke off");
    case ERRCONNECT_TLS_CONNECT_FAILED:
      return _("the TLS handshake failed");
    case ERRCONNECT_SECURITY_NEGO_CONNECT_FAILED:
      return _("the security negotiation failed");
    case ERRCONNECT_MCS_CONNECT_INITIAL_ERROR:
      return _("the server did not accept the connection");
    case ERRCONNECT_CONNECT_CANCELLED:
      return _("the connection was cancelled");
    case ERRCONNECT_AUTHENTICATION_FAILED:
    case ERRCONNECT_LOGON_FAILURE:
    case ERRCONNECT_WRONG_PASSWORD:
    case ERRCONNECT_NO_OR_MISSING_CREDENTIALS:
      return _("the user name or password was not accepted");
    case ERRCONNECT_PASSWORD_EXPIRED:
    case ERRCONNECT_PASSWORD_CERTAINLY_EXPIRED:
    case ERRCONNECT_PASSWORD_MUST_CHANGE:
      return _("the password has expired or must be changed");
    case ERRCONNECT_ACCOUNT_DISABLED:
    case ERRCONNECT_ACCOUNT_EXPIRED:
    case ERRCONNECT_ACCOUNT_LOCKED_OUT:
    case ERRCONNECT_ACCOUNT_RESTRICTION:
    case ERRCONNECT_CLIENT_REVOKED:
      return _("the account is locked, disabled or restricted");
    case ERRCONNECT_ACCESS_DENIED:
    case ERRCONNECT_INSUFFICIENT_PRIVILEGES:
    case ERRCONNECT_LOGON_TYPE_NOT_GRANTED:
      return _("access was denied");
    case ERRCONNECT_KDC_UNREACHABLE:
      return _("the Kerberos server could not be reached");
    default:
      return _("an unexpected error");
    }
}
