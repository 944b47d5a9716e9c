/* test-rdp-error.cpp — the disconnect classifier, the failover rule and target parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <gio/gio.h>
#include <freerdp/error.h>

extern "C" {
#include "atr-rdp-error.h"
#include "atr-rdp-target.h"
}

static AtrRdpFailure
failure (guint32 last_error, AtrRdpPhase phase)
{
  AtrRdpFailure f = {};
  f.last_error = last_error;
  f.phase = phase;
  return f;
}

TEST (RdpErrorClassify, WrongNlaPasswordIsAuthNotNetwork)
{
  /* FreeRDP 2.11: MIC failure on the server → TRANSPORT_FAILED on the client (pitfall 9). */
  AtrRdpFailure f = failure (FREERDP_ERROR_CONNECT_TRANSPORT_FAILED,
                             ATR_RDP_PHASE_AUTHENTICATING);
  f.nla = TRUE;
  EXPECT_EQ (atr_rdp_error_classify (&f), ATR_RDP_ERROR_AUTH);
}

TEST (RdpErrorClassify, TransportFailureDependsOnPhase)
{
  AtrRdpFailure before_tls = failure (FREERDP_ERROR_CONNECT_TRANSPORT_FAILED,
                                      ATR_RDP_PHASE_CONNECTING);
  before_tls.nla = TRUE;
  EXPECT_EQ (atr_rdp_error_classify (&before_tls), ATR_RDP_ERROR_CONNECT);

  /* TLS security (no NLA): a transport failure during logon is not a password refusal */
  AtrRdpFailure tls_logon = failure (FREERDP_ERROR_CONNECT_TRANSPORT_FAILED,
                                     ATR_RDP_PHASE_AUTHENTICATING);
  EXPECT_EQ (atr_rdp_error_classify (&tls_logon), ATR_RDP_ERROR_CONNECT);

  AtrRdpFailure connected = failure (FREERDP_ERROR_CONNECT_TRANSPORT_FAILED,
                                     ATR_RDP_PHASE_CONNECTED);
  connected.nla = TRUE;
  EXPECT_EQ (atr_rdp_error_classify (&connected), ATR_RDP_ERROR_NETWORK_LOST);
}

TEST (RdpErrorClassify, ExplicitAuthCodes)
{
  const guint32 codes[] = {
    FREERDP_ERROR_AUTHENTICATION_FAILED, FREERDP_ERROR_CONNECT_LOGON_FAILURE,
    FREERDP_ERROR_CONNECT_WRONG_PASSWORD, FREERDP_ERROR_CONNECT_ACCOUNT_LOCKED_OUT,
    FREERDP_ERROR_CONNECT_NO_OR_MISSING_CREDENTIALS, FREERDP_ERROR_CONNECT_PASSWORD_EXPIRED,
    FREERDP_ERROR_CONNECT_ACCESS_DENIED,
  };
  for (guint32 code : codes)
    {
      AtrRdpFailure f = failure (code, ATR_RDP_PHASE_CONNECTING);
      EXPECT_EQ (atr_rdp_error_classify (&f), ATR_RDP_ERROR_AUTH) << std::hex << code;
    }
}

TEST (RdpErrorClassify, CertificateRejectionWinsOverCancel)
{
  /* our callback returning 0 makes FreeRDP report CONNECT_CANCELLED */
  AtrRdpFailure f = failure (FREERDP_ERROR_CONNECT_CANCELLED, ATR_RDP_PHASE_CONNECTING);
  f.certificate_rejected = TRUE;
  EXPECT_EQ (atr_rdp_error_classify (&f), ATR_RDP_ERROR_CERTIFICATE);

  f.certificate_rejected = FALSE;
  EXPECT_EQ (atr_rdp_error_classify (&f), ATR_RDP_ERROR_CANCELLED);
}

TEST (RdpErrorClassify, CredentialsNotGivenAreAnAuthFailure)
{
  /* FreeRDP 3: AuthenticateEx returning FALSE ends the connect as CONNECT_CANCELLED */
  AtrRdpFailure f = failure (FREERDP_ERROR_CONNECT_CANCELLED, ATR_RDP_PHASE_AUTHENTICATING);
  f.nla = TRUE;
  f.credentials_refused = TRUE;
  EXPECT_EQ (atr_rdp_error_classify (&f), ATR_RDP_ERROR_AUTH);

  /* ...unless the local side was ending the session anyway */
  f.local_abort = TRUE;
  EXPECT_EQ (atr_rdp_error_classify (&f), ATR_RDP_ERROR_CANCELLED);
}

TEST (RdpErrorClassify, ServerDisconnectReasons)
{
  struct { guint32 info; AtrRdpError expected; } cases[] = {
    { ERRINFO_LOGOFF_BY_USER, ATR_RDP_ERROR_LOGOFF },
    { ERRINFO_RPC_INITIATED_LOGOFF, ATR_RDP_ERROR_LOGOFF },
    { ERRINFO_RPC_INITIATED_DISCONNECT_BY_USER, ATR_RDP_ERROR_LOGOFF },
    { ERRINFO_RPC_INITIATED_DISCONNECT, ATR_RDP_ERROR_ADMIN_DISCONNECT },
    { ERRINFO_DISCONNECTED_BY_OTHER_CONNECTION, ATR_RDP_ERROR_ADMIN_DISCONNECT },
    { ERRINFO_IDLE_TIMEOUT, ATR_RDP_ERROR_IDLE_TIMEOUT },
    { ERRINFO_LOGON_TIMEOUT, ATR_RDP_ERROR_IDLE_TIMEOUT },
    { ERRINFO_SERVER_INSUFFICIENT_PRIVILEGES, ATR_RDP_ERROR_AUTH },
    { ERRINFO_LICENSE_NO_LICENSE, ATR_RDP_ERROR_FAILED },
  };
  for (auto &c : cases)
    {
      /* the server's reason wins over what the transport saw when it closed */
      AtrRdpFailure f = failure (FREERDP_ERROR_CONNECT_TRANSPORT_FAILED, ATR_RDP_PHASE_CONNECTED);
      f.error_info = c.info;
      EXPECT_EQ (atr_rdp_error_classify (&f), c.expected) << std::hex << c.info;

      /* also when FreeRDP reports it through the ERRINFO class of last_error */
      AtrRdpFailure g = failure (MAKE_FREERDP_ERROR (ERRINFO, c.info), ATR_RDP_PHASE_CONNECTED);
      EXPECT_EQ (atr_rdp_error_classify (&g), c.expected) << std::hex << c.info;
    }
}

TEST (RdpErrorClassify, ConnectAndGatewayFailures)
{
  const guint32 codes[] = { FREERDP_ERROR_CONNECT_FAILED, FREERDP_ERROR_DNS_NAME_NOT_FOUND,
                            FREERDP_ERROR_TLS_CONNECT_FAILED,
                            FREERDP_ERROR_SECURITY_NEGO_CONNECT_FAILED };
  for (guint32 code : codes)
    {
      AtrRdpFailure f = failure (code, ATR_RDP_PHASE_CONNECTING);
      EXPECT_EQ (atr_rdp_error_classify (&f), ATR_RDP_ERROR_CONNECT);
    }
}

/* Through a gateway FreeRDP looks up and dials only the gateway: a DNS or connect failure is
 * the gateway not found or not answering (#14: it was worded as the gateway failing to
 * reach the host); later failures are the gateway failing the hop to the host. */
TEST (RdpErrorClassify, GatewayFailuresNameTheHop)
{
  const guint32 first_hop[] = { FREERDP_ERROR_DNS_NAME_NOT_FOUND, FREERDP_ERROR_CONNECT_FAILED,
                                MAKE_FREERDP_ERROR (CONNECT, ERRCONNECT_DNS_ERROR) };
  const guint32 second_hop[] = { FREERDP_ERROR_CONNECT_TRANSPORT_FAILED,
                                 FREERDP_ERROR_TLS_CONNECT_FAILED,
                                 FREERDP_ERROR_SECURITY_NEGO_CONNECT_FAILED };
  for (guint32 code : first_hop)
    {
      AtrRdpFailure f = failure (code, ATR_RDP_PHASE_CONNECTING);
      f.via_gateway = TRUE;
      EXPECT_EQ (atr_rdp_error_classify (&f), ATR_RDP_ERROR_GATEWAY_UNREACHABLE) << std::hex << code;
    }
  for (guint32 code : second_hop)
    {
      AtrRdpFailure f = failure (code, ATR_RDP_PHASE_CONNECTING);
      f.via_gateway = TRUE;
      EXPECT_EQ (atr_rdp_error_classify (&f), ATR_RDP_ERROR_GATEWAY) << std::hex << code;
    }
}

TEST (RdpErrorClassify, NoCodeAndLocalAbort)
{
  AtrRdpFailure lost = failure (0, ATR_RDP_PHASE_CONNECTED);
  EXPECT_EQ (atr_rdp_error_classify (&lost), ATR_RDP_ERROR_NETWORK_LOST);

  AtrRdpFailure early = failure (0, ATR_RDP_PHASE_CONNECTING);
  EXPECT_EQ (atr_rdp_error_classify (&early), ATR_RDP_ERROR_CONNECT);

  AtrRdpFailure local = failure (FREERDP_ERROR_CONNECT_TRANSPORT_FAILED, ATR_RDP_PHASE_CONNECTED);
  local.local_abort = TRUE;
  EXPECT_EQ (atr_rdp_error_classify (&local), ATR_RDP_ERROR_CANCELLED);

  AtrRdpFailure odd = failure (0xFFFFFFFF, ATR_RDP_PHASE_AUTHENTICATING);
  EXPECT_EQ (atr_rdp_error_classify (&odd), ATR_RDP_ERROR_FAILED);
}

TEST (RdpErrorFailover, OnlyConnectAndGatewayFailOver)
{
  for (int code = ATR_RDP_ERROR_FAILED; code <= ATR_RDP_ERROR_GATEWAY_UNREACHABLE; code++)
    {
      g_autoptr(GError) error = g_error_new (ATR_RDP_ERROR, code, "x");
      bool expected = code == ATR_RDP_ERROR_CONNECT || code == ATR_RDP_ERROR_GATEWAY ||
                      code == ATR_RDP_ERROR_GATEWAY_UNREACHABLE;
      EXPECT_EQ (!!atr_rdp_error_should_failover (error), expected)
        << atr_rdp_error_to_string ((AtrRdpError) code);
    }

  g_autoptr(GError) other = g_error_new (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "x");
  EXPECT_FALSE (atr_rdp_error_should_failover (other));
}

TEST (RdpTarget, NextEndpoint)
{
  g_autoptr(AtrRdpTarget) target = atr_rdp_target_new ("tenant1.atrium.test", 3389);
  g_autoptr(GError) refused = g_error_new (ATR_RDP_ERROR, ATR_RDP_ERROR_CONNECT, "refused");
  g_autoptr(GError) cert = g_error_new (ATR_RDP_ERROR, ATR_RDP_ERROR_CERTIFICATE, "bad");
  g_autoptr(GError) auth = g_error_new (ATR_RDP_ERROR, ATR_RDP_ERROR_AUTH, "no");

  EXPECT_EQ (atr_rdp_target_next_endpoint (target, -1, NULL), -1);   /* nothing to try */

  atr_rdp_target_add_address (target, "127.0.0.2", 0);
  atr_rdp_target_add_gateway (target, "gw1.atrium.test", "127.0.0.3", 0);
  atr_rdp_target_add_address (target, "127.0.0.1", 3390);
  ASSERT_EQ (atr_rdp_target_get_n_endpoints (target), 3u);
  EXPECT_EQ (atr_rdp_target_get_endpoint (target, 0)->port, 3389);
  EXPECT_EQ (atr_rdp_target_get_endpoint (target, 0)->gateway_name, nullptr);
  EXPECT_STREQ (atr_rdp_target_get_endpoint (target, 1)->gateway_name, "gw1.atrium.test");
  EXPECT_EQ (atr_rdp_target_get_endpoint (target, 1)->port, 443);
  EXPECT_EQ (atr_rdp_target_get_endpoint (target, 2)->port, 3390);

  EXPECT_EQ (atr_rdp_target_next_endpoint (target, -1, NULL), 0);
  EXPECT_EQ (atr_rdp_target_next_endpoint (target, 0, refused), 1);
  EXPECT_EQ (atr_rdp_target_next_endpoint (target, 1, refused), 2);
  EXPECT_EQ (atr_rdp_target_next_endpoint (target, 2, refused), -1);
  EXPECT_EQ (atr_rdp_target_next_endpoint (target, 0, cert), -1);
  EXPECT_EQ (atr_rdp_target_next_endpoint (target, 0, auth), -1);
  EXPECT_EQ (atr_rdp_target_next_endpoint (target, 0, NULL), -1);
}

TEST (RdpTarget, Parse)
{
  struct { const char *text; const char *host; guint16 port; } good[] = {
    { "host.example", "host.example", 3389 },
    { "host.example:3390", "host.example", 3390 },
    { "127.0.0.1:4000", "127.0.0.1", 4000 },
    { "[::1]:4001", "::1", 4001 },
  };
  for (auto &c : good)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AtrRdpTarget) t = atr_rdp_target_parse (c.text, 3389, &error);
      ASSERT_NE (t, nullptr) << c.text << ": " << error->message;
      EXPECT_STREQ (atr_rdp_target_get_host (t), c.host);
      EXPECT_EQ (atr_rdp_target_get_port (t), c.port);
    }

  const char *bad[] = { "", "host:0", "host:99999", "host:port", "a b", "user@host",
                        "[::1", "host/../x" };
  for (const char *text : bad)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AtrRdpTarget) t = atr_rdp_target_parse (text, 3389, &error);
      EXPECT_EQ (t, nullptr) << text;
      ASSERT_NE (error, nullptr) << text;
      EXPECT_NE (strstr (error->message, text), nullptr) << error->message;
    }
}
