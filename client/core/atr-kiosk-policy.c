/* atr-kiosk-policy.c — what kiosk mode allows: actions, escape keys, session end, exit PIN
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <string.h>

#include "atr-kiosk-policy.h"

/* X11 keysyms (gdk/gdkkeysyms.h); tests check them against GDK's own values. */
#define KEY_E                0x045
#define KEY_Q                0x051
#define KEY_W                0x057
#define KEY_e                0x065
#define KEY_q                0x071
#define KEY_w                0x077
#define KEY_BackSpace        0xff08
#define KEY_Tab              0xff09
#define KEY_Escape           0xff1b
#define KEY_ISO_Left_Tab     0xfe20
#define KEY_Terminate_Server 0xfed5
#define KEY_F4               0xffc1
#define KEY_F11              0xffc8
#define KEY_Meta_L           0xffe7
#define KEY_Meta_R           0xffe8
#define KEY_Super_L          0xffeb
#define KEY_Super_R          0xffec
#define KEY_Hyper_L          0xffed
#define KEY_Hyper_R          0xffee
#define KEY_XF86Switch_VT_1  0x1008fe01
#define KEY_XF86Switch_VT_12 0x1008fe0c

#define RELEVANT_MODS (ATR_KIOSK_MOD_SHIFT | ATR_KIOSK_MOD_CONTROL | ATR_KIOSK_MOD_ALT | \
                       ATR_KIOSK_MOD_SUPER | ATR_KIOSK_MOD_HYPER | ATR_KIOSK_MOD_META)

/* Names as ui installs them (client/atr-application.c, ui/atr-window.c,
 * ui/atr-session-window.c). win.certificate-override is the name reserved for any future
 * "trust this certificate anyway" action: kiosk refuses certificate problems, never asks.
 * No action may hand anything to another program either (a browser opened on a locked thin
 * client is a way out): win.support opens the tenant's help desk link, app.about's window
 * has website links. tests/test-kiosk-policy.cpp finds every such call in ui/ and client/. */
static const char * const disabled_actions[] = {
  "app.quit",
  "app.preferences",
  "app.about",
  "win.add-tenant",
  "win.remove-tenant",
  "win.cancel-enrolment",
  "win.certificate-override",
  "win.fullscreen-toggle",
  "session.fullscreen",
  "win.support",
  NULL
};

const char * const *
atr_kiosk_policy_get_disabled_actions (void)
{
  return disabled_actions;
}

gboolean
atr_kiosk_policy_action_is_disabled (const char *action)
{
  g_return_val_if_fail (action != NULL, FALSE);
  return g_strv_contains (disabled_actions, action);
}

gboolean
atr_kiosk_policy_key_is_escape (guint keyval,
                                guint modifiers)
{
  guint mods = modifiers & RELEVANT_MODS;

  switch (keyval)
    {
    case KEY_Super_L:
    case KEY_Super_R:
    case KEY_Meta_L:
    case KEY_Meta_R:
    case KEY_Hyper_L:
    case KEY_Hyper_R:
    case KEY_F11:
    case KEY_Terminate_Server:
      return TRUE;
    default:
      break;
    }

  if (keyval >= KEY_XF86Switch_VT_1 && keyval <= KEY_XF86Switch_VT_12)
    return TRUE;
  /* The window manager's and the desktop's shortcuts: never let one through. */
  if ((mods & (ATR_KIOSK_MOD_SUPER | ATR_KIOSK_MOD_HYPER | ATR_KIOSK_MOD_META)) != 0)
    return TRUE;

  if ((mods & ATR_KIOSK_MOD_ALT) != 0)
    switch (keyval)
      {
      case KEY_F4:
      case KEY_Tab:
      case KEY_ISO_Left_Tab:
      case KEY_Escape:
        return TRUE;
      case KEY_BackSpace:
        return (mods & ATR_KIOSK_MOD_CONTROL) != 0;
      default:
        break;
      }

  if ((mods & ATR_KIOSK_MOD_CONTROL) != 0)
    switch (keyval)
      {
      case KEY_q:
      case KEY_Q:
      case KEY_w:
      case KEY_W:
        return TRUE;
      default:
        break;
      }

  return FALSE;
}

gboolean
atr_kiosk_policy_key_is_admin_exit (guint keyval,
                                    guint modifiers)
{
  const guint wanted = ATR_KIOSK_MOD_CONTROL | ATR_KIOSK_MOD_ALT | ATR_KIOSK_MOD_SHIFT;

  return (keyval == KEY_E || keyval == KEY_e) && (modifiers & RELEVANT_MODS) == wanted;
}

AtrKioskNext
atr_kiosk_policy_after_session (AtrKioskEndReason   reason,
                                gboolean            reconnect,
                                gboolean            has_resource,
                                AtrKioskSessionEnd  session_end)
{
  switch (reason)
    {
    case ATR_KIOSK_END_NETWORK_LOST:
      return reconnect ? ATR_KIOSK_NEXT_RECONNECT : ATR_KIOSK_NEXT_SIGN_OUT;
    case ATR_KIOSK_END_CLOSED:
      if (!has_resource)
        return ATR_KIOSK_NEXT_RESOURCES;
      return session_end == ATR_KIOSK_SESSION_END_RELAUNCH ? ATR_KIOSK_NEXT_RELAUNCH
                                                           : ATR_KIOSK_NEXT_SIGN_OUT;
    case ATR_KIOSK_END_SIGNED_OUT:
    case ATR_KIOSK_END_IDLE:
    case ATR_KIOSK_END_REFUSED:
    default:
      return ATR_KIOSK_NEXT_SIGN_OUT;
    }
}

const char *
atr_kiosk_next_to_string (AtrKioskNext next)
{
  switch (next)
    {
    case ATR_KIOSK_NEXT_SIGN_OUT:
      return "sign-out";
    case ATR_KIOSK_NEXT_RELAUNCH:
      return "relaunch";
    case ATR_KIOSK_NEXT_RESOURCES:
      return "resources";
    case ATR_KIOSK_NEXT_RECONNECT:
      return "reconnect";
    default:
      return "unknown";
    }
}

void
atr_kiosk_policy_wipe (gpointer data,
                       gsize    length)
{
  volatile guchar *p = data;

  if (data == NULL)
    return;
  while (length-- > 0)
    *p++ = 0;
}

gboolean
atr_kiosk_policy_check_pin (const char *expected_sha256_hex,
                            char       *pin)
{
  static const guchar zeros[63] = { 0 };
  g_autoptr(GChecksum) checksum = NULL;
  char actual[65];
  guint8 digest[32];
  gsize digest_length = sizeof digest;
  guchar difference = 0;
  gsize pin_length;

  g_return_val_if_fail (pin != NULL, FALSE);

  pin_length = strlen (pin);
  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, (const guchar *) pin, (gssize) pin_length);
  g_checksum_get_digest (checksum, digest, &digest_length);
  atr_kiosk_policy_wipe (pin, pin_length);
  /* GChecksum keeps the last partial block; overwrite it before it is freed. */
  g_checksum_reset (checksum);
  g_checksum_update (checksum, zeros, sizeof zeros);

  for (gsize i = 0; i < sizeof digest; i++)
    {
      static const char hex[] = "0123456789abcdef";

      actual[2 * i] = hex[digest[i] >> 4];
      actual[2 * i + 1] = hex[digest[i] & 0xf];
    }
  actual[64] = '\0';
  atr_kiosk_policy_wipe (digest, sizeof digest);

  if (expected_sha256_hex == NULL || strlen (expected_sha256_hex) != 64)
    {
      atr_kiosk_policy_wipe (actual, sizeof actual);
      return FALSE;
    }
  for (gsize i = 0; i < 64; i++)
    difference |= (guchar) (g_ascii_tolower (expected_sha256_hex[i]) ^ actual[i]);
  atr_kiosk_policy_wipe (actual, sizeof actual);
  return difference == 0;
}
