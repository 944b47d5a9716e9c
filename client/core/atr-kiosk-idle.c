/* atr-kiosk-idle.c — the idle-logoff timer of kiosk mode (pure, injectable clock)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include "atr-kiosk-idle.h"

struct _AtrKioskIdle
{
  gint64             timeout;        /* µs; 0 = disabled */
  gint64             warning;        /* µs before logoff the warning starts */
  gint64             last_activity;
  AtrKioskIdleState  state;
};

AtrKioskIdle *
atr_kiosk_idle_new (guint minutes)
{
  AtrKioskIdle *idle = g_new0 (AtrKioskIdle, 1);

  idle->timeout = (gint64) minutes * G_TIME_SPAN_MINUTE;
  idle->warning = MIN (G_TIME_SPAN_MINUTE, idle->timeout / 2);
  idle->state = ATR_KIOSK_IDLE_STOPPED;
  return idle;
}

void
atr_kiosk_idle_free (AtrKioskIdle *idle)
{
  g_free (idle);
}

void
atr_kiosk_idle_start (AtrKioskIdle *idle,
                      gint64        now)
{
  g_return_if_fail (idle != NULL);

  if (idle->timeout == 0)
    return;
  idle->last_activity = now;
  idle->state = ATR_KIOSK_IDLE_ACTIVE;
}

void
atr_kiosk_idle_stop (AtrKioskIdle *idle)
{
  g_return_if_fail (idle != NULL);
  idle->state = ATR_KIOSK_IDLE_STOPPED;
}

void
atr_kiosk_idle_activity (AtrKioskIdle *idle,
                         gint64        now)
{
  g_return_if_fail (idle != NULL);

  if (idle->state == ATR_KIOSK_IDLE_STOPPED)
    return;
  /* A clock that went backwards counts as activity now, never as time idle. */
  idle->last_activity = now;
  idle->state = ATR_KIOSK_IDLE_ACTIVE;
}

AtrKioskIdleState
atr_kiosk_idle_tick (AtrKioskIdle *idle,
                     gint64        now)
{
  gint64 idle_for;

  g_return_val_if_fail (idle != NULL, ATR_KIOSK_IDLE_STOPPED);

  if (idle->state == ATR_KIOSK_IDLE_STOPPED)
    return ATR_KIOSK_IDLE_STOPPED;
  if (now < idle->last_activity)
    idle->last_activity = now;

  idle_for = now - idle->last_activity;
  if (idle_for >= idle->timeout)
    {
      idle->state = ATR_KIOSK_IDLE_STOPPED;
      return ATR_KIOSK_IDLE_LOGOFF;
    }
  idle->state = idle_for >= idle->timeout - idle->warning ? ATR_KIOSK_IDLE_WARNING
                                                          : ATR_KIOSK_IDLE_ACTIVE;
  return idle->state;
}

AtrKioskIdleState
atr_kiosk_idle_get_state (AtrKioskIdle *idle)
{
  g_return_val_if_fail (idle != NULL, ATR_KIOSK_IDLE_STOPPED);
  return idle->state;
}

gint64
atr_kiosk_idle_get_deadline (AtrKioskIdle *idle)
{
  g_return_val_if_fail (idle != NULL, -1);

  switch (idle->state)
    {
    case ATR_KIOSK_IDLE_ACTIVE:
      return idle->last_activity + idle->timeout - idle->warning;
    case ATR_KIOSK_IDLE_WARNING:
      return idle->last_activity + idle->timeout;
    case ATR_KIOSK_IDLE_STOPPED:
    case ATR_KIOSK_IDLE_LOGOFF:
    default:
      return -1;
    }
}

guint
atr_kiosk_idle_get_seconds_left (AtrKioskIdle *idle,
                                 gint64        now)
{
  gint64 left;

  g_return_val_if_fail (idle != NULL, 0);

  if (idle->state == ATR_KIOSK_IDLE_STOPPED)
    return 0;
  left = idle->last_activity + idle->timeout - MAX (now, idle->last_activity);
  if (left <= 0)
    return 0;
  return (guint) ((left + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND);
}
