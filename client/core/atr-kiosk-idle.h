/* atr-kiosk-idle.h — the idle-logoff timer of kiosk mode (pure, injectable clock)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function takes "now" (monotonic microseconds, g_get_monotonic_time() in the app)
 * and nothing reads a clock inside. The app starts it at sign-in, reports input with
 * atr_kiosk_idle_activity() (key, pointer, touch, and session input), and calls
 * atr_kiosk_idle_tick() at atr_kiosk_idle_get_deadline() (one g_timeout, re-armed after
 * each tick or activity; no polling). The last minute (half the timeout if shorter) is a
 * warning the UI shows with a countdown; LOGOFF is returned once, then the timer stops.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ATR_KIOSK_IDLE_STOPPED,  /* nobody signed in, or logoff disabled (0 minutes) */
  ATR_KIOSK_IDLE_ACTIVE,   /* counting */
  ATR_KIOSK_IDLE_WARNING,  /* about to log off: show the countdown */
  ATR_KIOSK_IDLE_LOGOFF,   /* log off now (returned once; the timer is then stopped) */
} AtrKioskIdleState;

typedef struct _AtrKioskIdle AtrKioskIdle;

/* @minutes: idle_logoff_minutes; 0 disables the timer. */
AtrKioskIdle      *atr_kiosk_idle_new          (guint         minutes);
void               atr_kiosk_idle_free         (AtrKioskIdle *idle);

/* A user signed in: start counting from @now. No-op when disabled. */
void               atr_kiosk_idle_start        (AtrKioskIdle *idle,
                                                gint64        now);
/* Signed out: stop counting. */
void               atr_kiosk_idle_stop         (AtrKioskIdle *idle);
/* Input seen: restart the count (and leave the warning). Ignored while stopped. */
void               atr_kiosk_idle_activity     (AtrKioskIdle *idle,
                                                gint64        now);
AtrKioskIdleState  atr_kiosk_idle_tick         (AtrKioskIdle *idle,
                                                gint64        now);
AtrKioskIdleState  atr_kiosk_idle_get_state    (AtrKioskIdle *idle);
/* When to tick next (absolute µs), or -1 while stopped. */
gint64             atr_kiosk_idle_get_deadline (AtrKioskIdle *idle);
/* Whole seconds left before logoff at @now (for the countdown); 0 while stopped. */
guint              atr_kiosk_idle_get_seconds_left (AtrKioskIdle *idle,
                                                    gint64        now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrKioskIdle, atr_kiosk_idle_free)

G_END_DECLS
