/* atr-rdp-reconnect.c — the auto-reconnect rule and schedule (pure: no I/O, no clock)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only a lost network is worth another try. A logoff, an administrator's disconnect, an idle
 * timeout, refused credentials or a rejected certificate would either repeat themselves or
 * undo what the server or the user decided, so they end the session for good. The session
 * thread asks atr_rdp_reconnect_next() for the time of the next attempt after every failed
 * one, with its own clock; tests drive the same code with a fake one.
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include "atr-rdp-reconnect.h"

/**
 * atr_rdp_backoff_init_default:
 *
 * 8 attempts waiting 0.5, 1, 2, 4, 8, 10, 10, 10 s, and never more than 2 minutes in all:
 * long enough for a gateway failover or a Wi-Fi roam, short enough that a user at a dead
 * session is told so.
 */
void
atr_rdp_backoff_init_default (AtrRdpBackoff *backoff)
{
  g_return_if_fail (backoff != NULL);

  backoff->max_attempts = 8;
  backoff->first_delay_ms = 500;
  backoff->max_delay_ms = 10000;
  backoff->max_total_ms = 120000;
}

/**
 * atr_rdp_backoff_delay_ms:
 * @attempt: 1 for the first attempt after the loss
 *
 * Returns: the wait before @attempt, or -1 when @backoff allows no such attempt
 */
gint64
atr_rdp_backoff_delay_ms (const AtrRdpBackoff *backoff,
                          guint                attempt)
{
  gint64 delay;

  g_return_val_if_fail (backoff != NULL, -1);

  if (attempt == 0 || attempt > backoff->max_attempts)
    return -1;

  delay = backoff->first_delay_ms;
  for (guint i = 1; i < attempt && delay < backoff->max_delay_ms; i++)
    delay *= 2;
  return MIN (delay, (gint64) MAX (backoff->max_delay_ms, backoff->first_delay_ms));
}

/**
 * atr_rdp_reconnect_allowed:
 * @reason: why the session ended
 * @policy_allows: the tenant policy's `reconnect`
 *
 * Returns: %TRUE only for %ATR_RDP_ERROR_NETWORK_LOST under a policy that allows it
 */
gboolean
atr_rdp_reconnect_allowed (AtrRdpError reason,
                           gboolean    policy_allows)
{
  return policy_allows && reason == ATR_RDP_ERROR_NETWORK_LOST;
}

/**
 * atr_rdp_reconnect_begin:
 * @now_us: the clock when the loss was seen
 */
void
atr_rdp_reconnect_begin (AtrRdpReconnect     *reconnect,
                         const AtrRdpBackoff *backoff,
                         gint64               now_us)
{
  g_return_if_fail (reconnect != NULL && backoff != NULL);

  reconnect->backoff = *backoff;
  reconnect->attempt = 0;
  reconnect->lost_us = now_us;
  reconnect->next_delay_ms = 0;
}

/**
 * atr_rdp_reconnect_next:
 * @now_us: the clock now (at the loss, or when the previous attempt failed)
 *
 * Counts the next attempt and says when to make it.
 *
 * Returns: the clock time (µs) at which to start the next attempt, or -1 to give up (the
 *   attempts are used up, or the next one would start after max_total_ms)
 */
gint64
atr_rdp_reconnect_next (AtrRdpReconnect *reconnect,
                        gint64           now_us)
{
  gint64 delay;
  gint64 at;

  g_return_val_if_fail (reconnect != NULL, -1);

  delay = atr_rdp_backoff_delay_ms (&reconnect->backoff, reconnect->attempt + 1);
  if (delay < 0)
    return -1;
  at = MAX (now_us, reconnect->lost_us) + delay * 1000;
  if (reconnect->backoff.max_total_ms > 0 &&
      at - reconnect->lost_us > (gint64) reconnect->backoff.max_total_ms * 1000)
    return -1;

  reconnect->attempt++;
  reconnect->next_delay_ms = delay;
  return at;
}

/* Attempts counted so far (1 after the first atr_rdp_reconnect_next()). */
guint
atr_rdp_reconnect_get_attempt (const AtrRdpReconnect *reconnect)
{
  g_return_val_if_fail (reconnect != NULL, 0);
  return reconnect->attempt;
}
