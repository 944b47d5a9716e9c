/* atr-rdp-reconnect.h — when and how often a lost session is reconnected (pure)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "atr-rdp-error.h"

G_BEGIN_DECLS

/**
 * AtrRdpBackoff:
 * @max_attempts: reconnection attempts before giving up (0: never reconnect)
 * @first_delay_ms: the wait before the first attempt
 * @max_delay_ms: the longest wait; each wait doubles the previous one up to this
 * @max_total_ms: give up once this long has passed since the loss (0: no limit)
 *
 * The reconnect schedule. A plain struct: copy freely.
 */
typedef struct
{
  guint max_attempts;
  guint first_delay_ms;
  guint max_delay_ms;
  guint max_total_ms;
} AtrRdpBackoff;

/**
 * AtrRdpReconnect:
 *
 * One run of the schedule, from a loss to success or giving up. Fields are private; the
 * clock is the caller's (pass g_get_monotonic_time(), or any clock in tests).
 */
typedef struct
{
  AtrRdpBackoff backoff;
  guint         attempt;
  gint64        lost_us;
  gint64        next_delay_ms;
} AtrRdpReconnect;

void      atr_rdp_backoff_init_default  (AtrRdpBackoff        *backoff);
gint64    atr_rdp_backoff_delay_ms      (const AtrRdpBackoff  *backoff,
                                         guint                 attempt);

gboolean  atr_rdp_reconnect_allowed     (AtrRdpError           reason,
                                         gboolean              policy_allows);

void      atr_rdp_reconnect_begin       (AtrRdpReconnect      *reconnect,
                                         const AtrRdpBackoff  *backoff,
                                         gint64                now_us);
gint64    atr_rdp_reconnect_next        (AtrRdpReconnect      *reconnect,
                                         gint64                now_us);
guint     atr_rdp_reconnect_get_attempt (const AtrRdpReconnect *reconnect);

G_END_DECLS
