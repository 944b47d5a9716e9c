/* atr-rdp-session-callbacks.c — FreeRDP's callbacks, run on the session thread
 *
 * The connection's callbacks: certificates go to the trust store, credential requests and
 * certificate overrides wait on the connection part (with disconnect() as the abort path).
 * Paints are atr-rdp-session-paint.c's, channels atr-rdp-session-channels.c's.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <freerdp/client.h>
#include <freerdp/freerdp.h>
#include <freerdp/gdi/gdi.h>
#include <freerdp/primitives.h>
#include <freerdp/settings.h>
#include <winpr/wlog.h>

#include "atr-rdp-session-private.h"

#define NEGO_TAG "com.freerdp.core.nego"

/* The session whose thread this is: WLog callbacks have no context pointer. */
static GPrivate current_session;

void
_atr_rdp_session_set_current (AtrRdpSession *self)
{
  g_private_set (&current_session, self);
}

/* FreeRDP logs to stdout by default, which would corrupt `atrium-cli --json`: route it to
 * g_debug (G_MESSAGES_DEBUG=atrium-freerdp shows it).
 *
 * FreeRDP (2 and 3) has no hook after its TCP connect; the negotiation request it logs right after
 * connecting (nego.c, "RequestedProtocols") gives the "tcp" timing without a second
 * connection. */
static BOOL
wlog_message_cb (const wLogMessage *msg)
{
  if (msg->Level == WLOG_DEBUG && msg->FormatString != NULL &&
      g_str_has_prefix (msg->FormatString, "RequestedProtocols"))
    {
      AtrRdpSession *self = g_private_get (&current_session);

      if (self != NULL)
        atr_rdp_connection_mark_tcp (self->connection);
    }
  g_log ("atrium-freerdp", G_LOG_LEVEL_DEBUG, "%s", msg->TextString ? msg->TextString : "");
  return TRUE;
}

gpointer
_atr_rdp_session_init_freerdp_once (gpointer data)
{
  wLog *root = WLog_GetRoot ();
  wLogCallbacks callbacks = { 0 };

  /* Skip the ~330 ms generic-vs-optimized benchmark on the first primitives_get(). */
  primitives_set_hints (PRIMITIVES_ONLY_CPU);
  _atr_rdp_session_channels_init_once ();

  callbacks.message = wlog_message_cb;
  if (g_getenv ("WLOG_APPENDER") == NULL &&
      WLog_SetLogAppenderType (root, WLOG_APPENDER_CALLBACK))
    WLog_ConfigureAppender (WLog_GetLogAppender (root), "callbacks", &callbacks);
  if (g_getenv ("WLOG_LEVEL") == NULL)
    WLog_SetLogLevel (WLog_Get (NEGO_TAG), WLOG_DEBUG);
  return NULL;
}

/* --- callbacks (all on the session thread) ------------------------------------------ */

static gboolean
is_connect_only (freerdp *instance)
{
  return ((AtrRdpContext *) instance->context)->session->connect_only;
}

static BOOL
pre_connect_cb (freerdp *instance)
{
  if (is_connect_only (instance))
    return TRUE;   /* no channel asked for */
  return _atr_rdp_session_channels_pre_connect (instance->context);
}

static BOOL
load_channels_cb (freerdp *instance)
{
  if (is_connect_only (instance))
    return TRUE;
  return _atr_rdp_session_channels_load (instance->context);
}

static void
wipe_settings_string (rdpSettings *settings,
                      size_t       id)
{
  const char *value = freerdp_settings_get_string (settings, id);

  if (value != NULL)
    explicit_bzero ((char *) value, strlen (value));
  freerdp_settings_set_string (settings, id, NULL);
}

static BOOL
post_connect_cb (freerdp *instance)
{
  AtrRdpContext *ctx = (AtrRdpContext *) instance->context;

  /* Connect-only: no GDI, framebuffer, pointer or channels; the session is active. */
  if (!is_connect_only (instance))
    {
      if (!gdi_init (instance, PIXEL_FORMAT_BGRA32))
        return FALSE;
      _atr_rdp_session_paint_post_connect (instance->context);
      _atr_rdp_session_register_pointer (instance->context);
      _atr_rdp_session_channels_post_connect (instance->context);
    }

  /* The credentials have done their job: do not keep them in FreeRDP's memory. */
  wipe_settings_string (instance->context->settings, FreeRDP_Password);
  wipe_settings_string (instance->context->settings, FreeRDP_GatewayPassword);

  ctx->attempt->phase = ATR_RDP_PHASE_CONNECTED;
  atr_rdp_connection_mark_auth (ctx->connection);
  return TRUE;
}

static void
post_disconnect_cb (freerdp *instance)
{
  AtrRdpContext *ctx = (AtrRdpContext *) instance->context;

  /* The graphics pipeline's channel closes after this: hand it back before the GDI goes. */
  atr_rdp_graphics_disconnected (ctx->graphics, instance->context->gdi, NULL);
  gdi_free (instance);
}

static BOOL
wait_for_credentials (freerdp  *instance,
                      gboolean  gateway,
                      char    **username,
                      char    **password,
                      char    **domain)
{
  AtrRdpContext *ctx = (AtrRdpContext *) instance->context;
  gboolean given;
  gboolean quit;

  /* Pending before the request goes out, so that an immediate answer is not lost. */
  atr_rdp_connection_ask_credentials (ctx->connection);
  _atr_rdp_session_post_credentials (ctx->session, gateway, ctx->attempt->cert_host);
  given = atr_rdp_connection_wait_credentials (ctx->connection, username, password, domain,
                                               &quit);

  /* Refused (nobody to ask, or the user said no) is a failed logon, not a cancel, although
   * FreeRDP 3 reports it as CONNECT_CANCELLED (atr_rdp_error_classify()). */
  if (!given && !quit)
    ctx->attempt->credentials_refused = TRUE;
  return given;
}

/* FreeRDP 3 asks through one callback and says why: the host's logon (NLA, TLS or RDP
 * security) or the RD Gateway's (HTTP, RDG, RPC). A gateway that shares the host's
 * credentials (GatewayUseSameCredentials) has them copied to the host by FreeRDP, so the
 * user is asked once. Smartcard PINs are not offered: the connection is refused.
 *
 * Only NLA needs credentials before the session starts. With TLS or RDP security the
 * server shows its own logon screen, so we go on with what we have (TRUE, the values
 * untouched) instead of asking: FreeRDP 2 never asked there either. */
static BOOL
authenticate_ex_cb (freerdp         *instance,
                    char           **username,
                    char           **password,
                    char           **domain,
                    rdp_auth_reason  reason)
{
  switch (reason)
    {
    case AUTH_TLS:
    case AUTH_RDP:
      return TRUE;
    case AUTH_NLA:
      return wait_for_credentials (instance, FALSE, username, password, domain);
    case GW_AUTH_HTTP:
    case GW_AUTH_RDG:
    case GW_AUTH_RPC:
      return wait_for_credentials (instance, TRUE, username, password, domain);
    case AUTH_SMARTCARD_PIN:
    default:
      g_debug ("%s asked for credentials of a kind Atrium does not offer (reason %d)",
               atr_rdp_target_get_host (((AtrRdpContext *) instance->context)->session->target),
               (int) reason);
      return FALSE;
    }
}

/* Our trust store decides every certificate (ExternalCertificateManagement): against the
 * host name the user asked for (or the gateway's name), never the address we dialled. */
static int
verify_x509_cb (freerdp    *instance,
                const BYTE *data,
                size_t      length,
                const char *hostname,
                UINT16      port,
                DWORD       flags)
{
  AtrRdpContext *ctx = (AtrRdpContext *) instance->context;
  AtrRdpSession *self = ctx->session;
  AtrRdpAttempt *attempt = ctx->attempt;
  g_autofree char *pem = g_strndup ((const char *) data, length);
  g_autofree char *detail = NULL;
  g_autoptr(AtrRdpCertificate) certificate = NULL;
  const char *check_host = attempt->cert_host;
  gboolean gateway = (flags & VERIFY_CERT_FLAG_GATEWAY) != 0;
  AtrTrustReason reason;
  gboolean accept;

  if (flags & VERIFY_CERT_FLAG_REDIRECT)
    check_host = hostname;   /* the server redirected us: that name must match */
  else if (gateway && attempt->endpoint->gateway_name != NULL)
    check_host = attempt->endpoint->gateway_name;
  else if (!gateway)
    check_host = atr_rdp_target_get_host (self->target);

  atr_rdp_connection_mark_tls (ctx->connection);
  reason = atr_trust_store_verify_pem (self->trust, pem, check_host, &detail);
  certificate = atr_rdp_certificate_new (check_host, port, gateway, pem, reason, detail);
  g_debug ("Certificate of %s (%s:%u): %s", check_host, hostname, port,
           atr_trust_reason_to_string (reason));

  if (reason == ATR_TRUST_OK)
    {
      _atr_rdp_session_post_certificate (self, certificate, FALSE);
      accept = TRUE;
    }
  else if (!self->allow_override)
    {
      _atr_rdp_session_post_certificate (self, certificate, FALSE);
      accept = FALSE;
    }
  else
    {
      atr_rdp_connection_ask_certificate (ctx->connection);
      _atr_rdp_session_post_certificate (self, certificate, TRUE);
      accept = atr_rdp_connection_wait_certificate (ctx->connection);

      if (accept)
        {
          g_autoptr(AtrRdpCertificate) accepted = atr_rdp_certificate_copy_accepted (certificate,
                                                                                    TRUE);
          _atr_rdp_session_post_certificate (self, accepted, FALSE);
        }
    }

  if (!accept)
    {
      attempt->certificate_rejected = TRUE;
      attempt->trust_reason = reason;
      return 0;
    }

  if (!gateway)
    {
      attempt->phase = ATR_RDP_PHASE_AUTHENTICATING;
      if (!self->reconnecting)
        _atr_rdp_session_post_state (self, ATR_RDP_STATE_AUTHENTICATING, attempt->index);
    }
  return 2;   /* accept for this session only: nothing is written anywhere */
}

/* With ExternalCertificateManagement FreeRDP 3 asks VerifyX509Certificate only (tls.c);
 * these two run when a certificate is checked by FreeRDP's own store, which Atrium never
 * asks for. Should they run anyway, refuse (0) rather than trust: a fingerprint, or a PEM
 * (VERIFY_CERT_FLAG_FP_IS_PEM), the flags (gateway, redirect, changed, mismatch) say
 * which, and the debug log names them. */
static DWORD
verify_certificate_ex_cb (freerdp *instance, const char *host, UINT16 port,
                          const char *common_name, const char *subject, const char *issuer,
                          const char *fingerprint, DWORD flags)
{
  g_debug ("Refusing a certificate of %s:%u outside our trust store (flags 0x%x)", host, port,
           (unsigned) flags);
  return 0;
}

static DWORD
verify_changed_certificate_ex_cb (freerdp *instance, const char *host, UINT16 port,
                                  const char *common_name, const char *subject,
                                  const char *issuer, const char *new_fingerprint,
                                  const char *old_subject, const char *old_issuer,
                                  const char *old_fingerprint, DWORD flags)
{
  g_debug ("Refusing a changed certificate of %s:%u outside our trust store (flags 0x%x)",
           host, port, (unsigned) flags);
  return 0;
}

BOOL
_atr_rdp_session_client_new_cb (freerdp    *instance,
               rdpContext *context)
{
  instance->PreConnect = pre_connect_cb;
  instance->LoadChannels = load_channels_cb;
  instance->PostConnect = post_connect_cb;
  instance->PostDisconnect = post_disconnect_cb;
  instance->AuthenticateEx = authenticate_ex_cb;
  instance->VerifyX509Certificate = verify_x509_cb;
  instance->VerifyCertificateEx = verify_certificate_ex_cb;
  instance->VerifyChangedCertificateEx = verify_changed_certificate_ex_cb;
  return TRUE;
}

void
_atr_rdp_session_client_free_cb (freerdp    *instance,
                rdpContext *context)
{
}
