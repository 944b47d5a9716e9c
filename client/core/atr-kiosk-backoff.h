/* atr-kiosk-backoff.h — retry schedule of the kiosk's "reconnecting" screen and PIN prompt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure, injectable clock (monotonic µs). After each failure the next attempt waits twice as
 * long as the one before (1 s, 2 s, 4 s, … capped at 60 s for reconnecting); a success
 * resets it. The reconnecting screen retries forever at this pace, starting after the RDP
 * engine's own auto-reconnect gave up. The exit-PIN prompt uses a second schedule so that
 * guessing the PIN is slow: after a wrong PIN the prompt stays locked until ready.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATR_KIOSK_RECONNECT_FIRST_US (1 * G_TIME_SPAN_SECOND)
#define ATR_KIOSK_RECONNECT_MAX_US   (60 * G_TIME_SPAN_SECOND)
#define ATR_KIOSK_PIN_FIRST_US       (1 * G_TIME_SPAN_SECOND)
#define ATR_KIOSK_PIN_MAX_US         (5 * G_TIME_SPAN_MINUTE)

typedef struct _AtrKioskBackoff AtrKioskBackoff;

/* @first_us > 0, @max_us >= @first_us */
AtrKioskBackoff *atr_kiosk_backoff_new          (gint64           first_us,
                                                 gint64           max_us);
void             atr_kiosk_backoff_free         (AtrKioskBackoff *backoff);

/* An attempt failed at @now. Returns when the next attempt may start (absolute µs). */
gint64           atr_kiosk_backoff_failure      (AtrKioskBackoff *backoff,
                                                 gint64           now);
/* An attempt succeeded: the next failure waits @first_us again. */
void             atr_kiosk_backoff_success      (AtrKioskBackoff *backoff);
/* May an attempt start at @now? (TRUE before any failure.) */
gboolean         atr_kiosk_backoff_is_ready     (AtrKioskBackoff *backoff,
                                                 gint64           now);
/* The absolute time of the next attempt (0 before any failure). */
gint64           atr_kiosk_backoff_get_next     (AtrKioskBackoff *backoff);
/* The delay the last failure scheduled (0 before any failure). */
gint64           atr_kiosk_backoff_get_delay    (AtrKioskBackoff *backoff);
guint            atr_kiosk_backoff_get_failures (AtrKioskBackoff *backoff);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrKioskBackoff, atr_kiosk_backoff_free)

G_END_DECLS
