/* atr-kiosk-backoff.c — retry schedule of the kiosk's "reconnecting" screen and PIN prompt
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include "atr-kiosk-backoff.h"

struct _AtrKioskBackoff
{
  gint64 first;
  gint64 max;
  gint64 delay;
  gint64 next;
  guint  failures;
};

AtrKioskBackoff *
atr_kiosk_backoff_new (gint64 first_us,
                       gint64 max_us)
{
  AtrKioskBackoff *backoff;

  g_return_val_if_fail (first_us > 0, NULL);
  g_return_val_if_fail (max_us >= first_us, NULL);

  backoff = g_new0 (AtrKioskBackoff, 1);
  backoff->first = first_us;
  backoff->max = max_us;
  return backoff;
}

void
atr_kiosk_backoff_free (AtrKioskBackoff *backoff)
{
  g_free (backoff);
}

gint64
atr_kiosk_backoff_failure (AtrKioskBackoff *backoff,
                           gint64           now)
{
  g_return_val_if_fail (backoff != NULL, now);

  if (backoff->failures == 0)
    backoff->delay = backoff->first;
  else
    backoff->delay = backoff->delay > backoff->max / 2 ? backoff->max : backoff->delay * 2;
  if (backoff->failures < G_MAXUINT)
    backoff->failures++;
  backoff->next = now + backoff->delay;
  return backoff->next;
}

void
atr_kiosk_backoff_success (AtrKioskBackoff *backoff)
{
  g_return_if_fail (backoff != NULL);

  backoff->failures = 0;
  backoff->delay = 0;
  backoff->next = 0;
}

gboolean
atr_kiosk_backoff_is_ready (AtrKioskBackoff *backoff,
                            gint64           now)
{
  g_return_val_if_fail (backoff != NULL, FALSE);
  return backoff->failures == 0 || now >= backoff->next;
}

gint64
atr_kiosk_backoff_get_next (AtrKioskBackoff *backoff)
{
  g_return_val_if_fail (backoff != NULL, 0);
  return backoff->next;
}

gint64
atr_kiosk_backoff_get_delay (AtrKioskBackoff *backoff)
{
  g_return_val_if_fail (backoff != NULL, 0);
  return backoff->delay;
}

guint
atr_kiosk_backoff_get_failures (AtrKioskBackoff *backoff)
{
  g_return_val_if_fail (backoff != NULL, 0);
  return backoff->failures;
}
