/* atr-kiosk-pin.c — the kiosk administrator's exit-PIN prompt, rate-limited
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium"

#include "config.h"

#include "atr-kiosk-backoff.h"
#include "atr-kiosk-lock.h"
#include "atr-kiosk-policy.h"
#include "atr-ui.h"

#include "atr-kiosk-pin.h"

struct _AtrKioskPin
{
  GObject          parent_instance;

  char            *expected;   /* the SHA-256, not a secret */
  AtrKioskBackoff *backoff;
};

G_DEFINE_FINAL_TYPE (AtrKioskPin, atr_kiosk_pin, G_TYPE_OBJECT)

enum {
  SIGNAL_UNLOCKED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             AtrKioskPin      *self)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  gint64 now = g_get_monotonic_time ();
  char *pin;

  if (!g_str_equal (response, "unlock") || !atr_kiosk_backoff_is_ready (self->backoff, now))
    {
      gtk_editable_set_text (entry, "");
      return;
    }
  pin = g_strdup (gtk_editable_get_text (entry));
  gtk_editable_set_text (entry, "");
  /* check_pin zeroes the copy; g_free then releases zeroes. */
  if (atr_kiosk_policy_check_pin (self->expected, pin))
    {
      atr_kiosk_backoff_success (self->backoff);
      g_signal_emit (self, signals[SIGNAL_UNLOCKED], 0);
    }
  else
    {
      atr_kiosk_backoff_failure (self->backoff, now);
      atr_ui_debug ("kiosk wrong exit PIN failures=%u",
                    atr_kiosk_backoff_get_failures (self->backoff));
    }
  g_free (pin);
}

static void
atr_kiosk_pin_finalize (GObject *object)
{
  AtrKioskPin *self = ATR_KIOSK_PIN (object);

  g_clear_pointer (&self->expected, g_free);
  g_clear_pointer (&self->backoff, atr_kiosk_backoff_free);

  G_OBJECT_CLASS (atr_kiosk_pin_parent_class)->finalize (object);
}

static void
atr_kiosk_pin_class_init (AtrKioskPinClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atr_kiosk_pin_finalize;

  /**
   * AtrKioskPin::unlocked:
   *
   * The administrator gave the right PIN.
   */
  signals[SIGNAL_UNLOCKED] =
    g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
atr_kiosk_pin_init (AtrKioskPin *self)
{
  self->backoff = atr_kiosk_backoff_new (ATR_KIOSK_PIN_FIRST_US, ATR_KIOSK_PIN_MAX_US);
}

AtrKioskPin *
atr_kiosk_pin_new (const char *expected_sha256_hex)
{
  AtrKioskPin *self;

  g_return_val_if_fail (expected_sha256_hex != NULL, NULL);

  self = g_object_new (ATR_TYPE_KIOSK_PIN, NULL);
  self->expected = g_strdup (expected_sha256_hex);
  return self;
}

void
atr_kiosk_pin_prompt (AtrKioskPin *self,
                      GtkWindow   *parent)
{
  gint64 now = g_get_monotonic_time ();
  GtkWidget *dialog;
  int wait = 0;

  g_return_if_fail (ATR_IS_KIOSK_PIN (self));
  g_return_if_fail (GTK_IS_WINDOW (parent));

  atr_ui_debug ("kiosk exit PIN prompt");
  if (!atr_kiosk_backoff_is_ready (self->backoff, now))
    wait = (int) ((atr_kiosk_backoff_get_next (self->backoff) - now) / G_USEC_PER_SEC + 1);
  dialog = atr_kiosk_lock_pin_dialog_new (parent, wait);
  g_object_set_data (G_OBJECT (dialog), ATR_KIOSK_LOCKED_KEY, GINT_TO_POINTER (1));
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
