/* atr-kiosk-policy.h — what kiosk mode allows: actions, escape keys, session end, exit PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure decisions, no GTK: the app disables the listed actions (it does not branch inside
 * widgets), a key controller in capture phase asks atr_kiosk_policy_key_is_escape() for each
 * key press, and the session code asks atr_kiosk_policy_after_session() what to do when a
 * session ends. Key values and modifier bits are GDK's (X11 keysyms), as plain integers.
 */
#pragma once

#include <glib.h>

#include "atr-kiosk-config.h"

G_BEGIN_DECLS

/* GDK modifier bits (GdkModifierType) the key filter looks at. */
#define ATR_KIOSK_MOD_SHIFT   (1u << 0)
#define ATR_KIOSK_MOD_CONTROL (1u << 2)
#define ATR_KIOSK_MOD_ALT     (1u << 3)
#define ATR_KIOSK_MOD_SUPER   (1u << 26)
#define ATR_KIOSK_MOD_HYPER   (1u << 27)
#define ATR_KIOSK_MOD_META    (1u << 28)

/* (transfer none): the detailed action names ("app.quit", "win.add-tenant", …) the app
 * must disable, and keep disabled, in kiosk mode; NULL-terminated. */
const char * const *atr_kiosk_policy_get_disabled_actions (void);
/* @action: a detailed name with its prefix ("app.quit"). */
gboolean            atr_kiosk_policy_action_is_disabled   (const char *action);

/* TRUE when the key press @keyval with @modifiers (GdkModifierType bits; Caps/Num Lock and
 * mouse buttons are ignored) must be swallowed so it cannot close, leave or switch away
 * from the client: Alt+F4, Ctrl+Q, Ctrl+W, F11, Super/Meta/Hyper alone or with any key,
 * Alt+Tab (and Alt+Shift+Tab), Alt+Esc, Ctrl+Alt+Backspace. */
gboolean            atr_kiosk_policy_key_is_escape        (guint       keyval,
                                                           guint       modifiers);

/* TRUE for the one shortcut kiosk mode listens for, Ctrl+Alt+Shift+E: open the
 * administrator's exit-PIN prompt (only when the configuration has exit_pin_sha256). */
gboolean            atr_kiosk_policy_key_is_admin_exit    (guint       keyval,
                                                           guint       modifiers);

/* Why a session ended, as the session code reports it. */
typedef enum
{
  ATR_KIOSK_END_SIGNED_OUT,    /* the user signed out (in the session or from the client) */
  ATR_KIOSK_END_CLOSED,        /* the session or RemoteApp closed normally */
  ATR_KIOSK_END_NETWORK_LOST,  /* the connection dropped and the engine gave up reconnecting */
  ATR_KIOSK_END_IDLE,          /* idle logoff */
  ATR_KIOSK_END_REFUSED,       /* sign-in or certificate refused, or another error */
} AtrKioskEndReason;

/* What the kiosk does next. */
typedef enum
{
  ATR_KIOSK_NEXT_SIGN_OUT,   /* wipe everything of the user, back to the branded sign-in */
  ATR_KIOSK_NEXT_RELAUNCH,   /* start the configured resource again; user stays signed in */
  ATR_KIOSK_NEXT_RESOURCES,  /* back to the resource grid; user stays signed in */
  ATR_KIOSK_NEXT_RECONNECT,  /* the branded "reconnecting" screen, retrying with backoff */
} AtrKioskNext;

AtrKioskNext        atr_kiosk_policy_after_session        (AtrKioskEndReason   reason,
                                                           gboolean            reconnect,
                                                           gboolean            has_resource,
                                                           AtrKioskSessionEnd  session_end);
const char         *atr_kiosk_next_to_string              (AtrKioskNext        next);

/* Compares the SHA-256 of @pin (UTF-8, as typed) with @expected_sha256_hex (64 hex digits,
 * any case) in constant time. @pin is zeroed before returning, match or not; pass a copy
 * you own (g_strdup of the entry's text). Rate-limit attempts with an AtrKioskBackoff. */
gboolean            atr_kiosk_policy_check_pin            (const char *expected_sha256_hex,
                                                           char       *pin);

/* Zeroes @length bytes in a way the compiler cannot drop. */
void                atr_kiosk_policy_wipe                 (gpointer    data,
                                                           gsize       length);

G_END_DECLS
