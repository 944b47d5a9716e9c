/* atr-http-errors.c — how a failed attempt is classified and which failure tells most
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atr-http-fetch-private.h"
#include "atr-net-error.h"
#include "atr-trust-store.h"

/* When every endpoint failed, the reported code is the most telling one: a rejected
 * certificate (possibly a MITM on one gateway) is never masked by a refused connection
 * elsewhere, and a server's HTTP answer beats transport trouble. */
int
_atr_http_error_severity (int code)
{
  switch (code)
    {
    case ATR_NET_ERROR_CERTIFICATE: return 6;
    case ATR_NET_ERROR_HTTP:        return 5;
    case ATR_NET_ERROR_TLS:         return 4;
    case ATR_NET_ERROR_TIMEOUT:     return 3;
    case ATR_NET_ERROR_CONNECT:     return 2;
    case ATR_NET_ERROR_DNS:         return 1;
    default:                        return 0;
    }
}

GError *
_atr_http_classify_send_error (const char   *host,
                               SoupMessage  *msg,
                               const GError *error)
{
  AtrTrustReason reason;
  const char *detail = NULL;

  if (atr_trust_store_message_rejected (msg, &reason, &detail))
    return g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE,
                        _("certificate of %s rejected: %s (%s)"), host,
                        atr_trust_reason_to_string (reason), detail ? detail : "no detail");
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE,
                        _("certificate of %s rejected: %s"), host, error->message);
  if (error->domain == G_TLS_ERROR)
    return g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_TLS,
                        _("TLS handshake with %s failed: %s"), host, error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_TIMEOUT, _("timed out: %s"), error->message);
  if (error->domain == G_RESOLVER_ERROR)
    return g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_DNS, "%s", error->message);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    return g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_CONNECT, _("connection refused"));
  return g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_CONNECT, _("cannot connect: %s"),
                      error->message);
}

GError *
_atr_http_exhausted_error (const char    *host,
                           guint          n,
                           const char   **labels,
                           const GError **errors)
{
  g_autoptr(GString) msg = g_string_new (NULL);
  int code = ATR_NET_ERROR_DNS;

  for (guint i = 0; i < n; i++)
    if (errors[i] != NULL &&
        _atr_http_error_severity (errors[i]->code) > _atr_http_error_severity (code))
      code = errors[i]->code;

  if (n == 1 && errors[0] != NULL)
    return g_error_new (ATR_NET_ERROR, code, "%s: %s", labels[0], errors[0]->message);

  g_string_printf (msg, "all %u endpoints of %s failed: ", n, host);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (msg, "%s%s: %s", i > 0 ? "; " : "", labels[i],
                            errors[i] != NULL ? errors[i]->message : "not tried");
  return g_error_new_literal (ATR_NET_ERROR, code, msg->str);
}
