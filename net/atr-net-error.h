/* atr-net-error.h — the one error domain of net/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATR_NET_ERROR (atr_net_error_quark ())

/**
 * AtrNetError:
 * @ATR_NET_ERROR_FAILED: anything not covered below (an internal error)
 * @ATR_NET_ERROR_INVALID_ADDRESS: what the user typed is not a domain, e-mail or https URL
 * @ATR_NET_ERROR_DNS: a host name could not be resolved
 * @ATR_NET_ERROR_CONNECT: no TCP connection could be made
 * @ATR_NET_ERROR_TIMEOUT: a deadline passed (connect, TLS or first byte)
 * @ATR_NET_ERROR_TLS: the TLS handshake failed for a reason other than the certificate
 * @ATR_NET_ERROR_CERTIFICATE: the server's certificate was rejected by the trust store
 * @ATR_NET_ERROR_HTTP: the server answered with an HTTP error status
 * @ATR_NET_ERROR_AUTH: sign-in is needed or was refused
 * @ATR_NET_ERROR_BAD_DATA: a malformed, hostile or oversize document
 * @ATR_NET_ERROR_CACHE: the on-disk cache could not be read or written
 *
 * Messages always name the host, URL, file, element or key at fault.
 */
typedef enum
{
  ATR_NET_ERROR_FAILED,
  ATR_NET_ERROR_INVALID_ADDRESS,
  ATR_NET_ERROR_DNS,
  ATR_NET_ERROR_CONNECT,
  ATR_NET_ERROR_TIMEOUT,
  ATR_NET_ERROR_TLS,
  ATR_NET_ERROR_CERTIFICATE,
  ATR_NET_ERROR_HTTP,
  ATR_NET_ERROR_AUTH,
  ATR_NET_ERROR_BAD_DATA,
  ATR_NET_ERROR_CACHE,
} AtrNetError;

GQuark atr_net_error_quark (void);

G_END_DECLS
