/* atr-kiosk-pin.h — the kiosk administrator's exit-PIN prompt, rate-limited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * AtrKioskController opens it on Ctrl+Alt+Shift+E when atrium.conf has exit_pin_sha256.
 * The typed PIN is copied once, hashed and compared in constant time
 * (atr_kiosk_policy_check_pin), and zeroed; the entry is emptied at once. A wrong PIN locks
 * the prompt at AtrKioskBackoff's pace (ATR_KIOSK_PIN_FIRST_US … ATR_KIOSK_PIN_MAX_US).
 * "unlocked" is emitted when the right PIN was given.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Set on the prompt's window: the controller leaves such toplevels alone. */
#define ATR_KIOSK_LOCKED_KEY "atr-kiosk-locked"

#define ATR_TYPE_KIOSK_PIN (atr_kiosk_pin_get_type ())
G_DECLARE_FINAL_TYPE (AtrKioskPin, atr_kiosk_pin, ATR, KIOSK_PIN, GObject)

/* @expected_sha256_hex: 64 hex digits (atr_kiosk_config_get_exit_pin_sha256()). */
AtrKioskPin *atr_kiosk_pin_new    (const char  *expected_sha256_hex);
/* Opens the prompt over @parent (a locked prompt when a wrong PIN was given recently). */
void         atr_kiosk_pin_prompt (AtrKioskPin *self,
                                   GtkWindow   *parent);

G_END_DECLS
