/* atr-kiosk-config.h — the kiosk settings from the system configuration (immutable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read from $sysconfdir/atrium/atrium.conf (ATRIUM_SYSCONFDIR overrides the folder), group
 * [kiosk]. Users must not be able to change kiosk settings, so a file (or folder) that
 * anyone but root could have written is refused, not read: owner root (or the uid in
 * ATRIUM_KIOSK_TRUSTED_UID, for tests), not world-writable, group-writable only for group
 * root. A missing file means "no kiosk" (unless forced by `atrium --kiosk`).
 *
 * The tenant address is only checked for shape here (client/core cannot use net/): the
 * caller must still parse it with atr_address_parse() and refuse to start on an error.
 * See docs/kiosk.md for every key.
 */
#pragma once

#include <glib-object.h>

#include "atr-kiosk-error.h"

G_BEGIN_DECLS

#define ATR_KIOSK_CONFIG_FILE_NAME "atrium.conf"
#define ATR_KIOSK_CONFIG_GROUP "kiosk"
/* Bigger files are refused unread. */
#define ATR_KIOSK_CONFIG_MAX_SIZE (64 * 1024)
#define ATR_KIOSK_IDLE_MAX_MINUTES 1440

/* What happens when the auto-launched resource's session closes normally. */
typedef enum
{
  ATR_KIOSK_SESSION_END_HOME,      /* sign out, wipe, back to the branded sign-in */
  ATR_KIOSK_SESSION_END_RELAUNCH,  /* start the configured resource again */
} AtrKioskSessionEnd;

#define ATR_TYPE_KIOSK_CONFIG (atr_kiosk_config_get_type ())
G_DECLARE_FINAL_TYPE (AtrKioskConfig, atr_kiosk_config, ATR, KIOSK_CONFIG, GObject)

/* (transfer full): $ATRIUM_SYSCONFDIR/atrium.conf, else ATR_SYSCONFDIR/atrium.conf */
char               *atr_kiosk_config_get_default_path     (void);

/* Reads atr_kiosk_config_get_default_path(). @force_enabled: `atrium --kiosk`.
 * @warnings (nullable): receives one string per unknown group or key (element type utf8).
 * Returns (transfer full) (nullable): the settings, or %NULL with %ATR_KIOSK_ERROR — the
 * app must then not start at all (fail closed), kiosk or not. */
AtrKioskConfig     *atr_kiosk_config_load                 (gboolean      force_enabled,
                                                           GPtrArray    *warnings,
                                                           GError      **error);
/* The same from an explicit path (tests, atrium-cli). */
AtrKioskConfig     *atr_kiosk_config_load_from_path       (const char   *path,
                                                           gboolean      force_enabled,
                                                           GPtrArray    *warnings,
                                                           GError      **error);

/* (nullable): the file read, or %NULL when there was none */
const char         *atr_kiosk_config_get_path             (AtrKioskConfig *self);
gboolean            atr_kiosk_config_get_enabled          (AtrKioskConfig *self);
/* (nullable): NULL only when kiosk mode is off */
const char         *atr_kiosk_config_get_tenant           (AtrKioskConfig *self);
/* (nullable): the alias of the resource to launch after sign-in */
const char         *atr_kiosk_config_get_resource         (AtrKioskConfig *self);
/* 0 = never */
guint               atr_kiosk_config_get_idle_logoff_minutes (AtrKioskConfig *self);
/* (nullable): 64 lower-case hex digits, or NULL when there is no administrator exit */
const char         *atr_kiosk_config_get_exit_pin_sha256  (AtrKioskConfig *self);
gboolean            atr_kiosk_config_get_reconnect        (AtrKioskConfig *self);
AtrKioskSessionEnd  atr_kiosk_config_get_session_end      (AtrKioskConfig *self);

G_END_DECLS
