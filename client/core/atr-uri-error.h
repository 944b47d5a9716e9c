/* atr-uri-error.h — the error domain of connection-link parsing and the launch check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATR_URI_ERROR (atr_uri_error_quark ())

/* Messages name the parameter, attribute or part at fault; they never quote a value that
 * could be a secret (and never quote values at all, except printable host names). */
typedef enum
{
  ATR_URI_ERROR_EMPTY,               /* nothing to parse */
  ATR_URI_ERROR_TOO_LONG,            /* the link or one value is over its limit */
  ATR_URI_ERROR_INVALID,             /* syntax: control characters, bad encoding, shape */
  ATR_URI_ERROR_UNSUPPORTED_SCHEME,  /* file:, javascript:, data:, http:, https:, … */
  ATR_URI_ERROR_UNKNOWN_ACTION,      /* unknown atrium action or Parallels command */
  ATR_URI_ERROR_UNKNOWN_PARAMETER,   /* a parameter or rdp:// attribute not on the allow-list */
  ATR_URI_ERROR_FORBIDDEN,           /* redirections and other attributes links may not set */
  ATR_URI_ERROR_SECRET,              /* a password, token or similar key: the whole link is refused */
  ATR_URI_ERROR_BAD_HOST,            /* a host name that fails the strict checks */
  ATR_URI_ERROR_BAD_PORT,            /* not a port in 1–65535 */
  ATR_URI_ERROR_BAD_VALUE,           /* a value that fails its checks (leading '-', '%', range) */
  ATR_URI_ERROR_MISSING,             /* a required parameter is absent */
  ATR_URI_ERROR_DUPLICATE,           /* a parameter given twice */
  ATR_URI_ERROR_NOT_ENROLLED,        /* check: a command that is only allowed towards enrolled hosts */
  ATR_URI_ERROR_KIOSK,               /* check: kiosk mode refuses links to non-enrolled places */
} AtrUriError;

GQuark atr_uri_error_quark (void);

G_END_DECLS
