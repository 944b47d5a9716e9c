/* atr-kiosk-error.h — the error domain of kiosk mode: its system configuration and the wipe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATR_KIOSK_ERROR (atr_kiosk_error_quark ())

/* Messages name the file, group and key at fault (configuration) or the path or tenant
 * (wipe). They never quote a value from the file: the only secret-like value, the exit PIN
 * hash, is never printed. */
typedef enum
{
  ATR_KIOSK_ERROR_READ,       /* the configuration file exists but cannot be read */
  ATR_KIOSK_ERROR_TOO_LARGE,  /* over ATR_KIOSK_CONFIG_MAX_SIZE */
  ATR_KIOSK_ERROR_SYNTAX,     /* not a key file (or NUL bytes, invalid UTF-8) */
  ATR_KIOSK_ERROR_INSECURE,   /* a user other than root could have written it */
  ATR_KIOSK_ERROR_INVALID,    /* a key with the wrong type or out of range */
  ATR_KIOSK_ERROR_MISSING,    /* kiosk mode on without a tenant */
  ATR_KIOSK_ERROR_WIPE,       /* a user file could not be removed */
  ATR_KIOSK_ERROR_SECRETS,    /* the stored sign-in could not be forgotten */
} AtrKioskError;

GQuark atr_kiosk_error_quark (void);

G_END_DECLS
