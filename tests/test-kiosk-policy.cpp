// Tests for kiosk mode's pure decisions (client/core/atr-kiosk-policy.c, atr-kiosk-idle.c,
// atr-kiosk-backoff.c): the disabled actions match the names ui installs, the escape-key
// table (with GDK's own keysym and modifier values, so the copied constants cannot drift),
// what happens after a session ends, idle logoff with a fake clock, the reconnect and PIN
// backoff schedules, and the exit-PIN check.
//
// The headers are included from C++ on purpose: they must compile as C++.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <gdk/gdk.h>

#include "atr-kiosk-backoff.h"
#include "atr-kiosk-idle.h"
#include "atr-kiosk-policy.h"

namespace {

constexpr gint64 kSecond = G_TIME_SPAN_SECOND;
constexpr gint64 kMinute = G_TIME_SPAN_MINUTE;
// SHA-256 of "8642" (docs/atrium.conf.example).
constexpr const char *kPinHash =
    "b03fad7e896f0497f4f3c88a5bb083c8976608495abbf14b476e6a4bb6fd2c7f";

// --- actions ---

TEST (KioskActions, EscapeRoutesAreDisabled)
{
  for (const char *name : { "app.quit", "app.preferences", "app.about", "win.add-tenant",
                            "win.remove-tenant", "win.cancel-enrolment",
                            "win.certificate-override", "session.fullscreen" })
    EXPECT_TRUE (atr_kiosk_policy_action_is_disabled (name)) << name;
}

TEST (KioskActions, WhatAKioskUserNeedsStaysEnabled)
{
  for (const char *name : { "win.sign-in", "win.refresh", "win.search", "session.disconnect",
                            "session.reconnect", "session.send-ctrl-alt-del",
                            "session.scale-to-fit", "quit", "app.quit.extra", "" })
    EXPECT_FALSE (atr_kiosk_policy_action_is_disabled (name)) << name;
}

TEST (KioskActions, ListIsPrefixedAndMatchesTheChecker)
{
  const char * const *list = atr_kiosk_policy_get_disabled_actions ();
  guint n = 0;

  for (; list[n] != nullptr; n++)
    {
      EXPECT_TRUE (g_str_has_prefix (list[n], "app.") || g_str_has_prefix (list[n], "win.") ||
                   g_str_has_prefix (list[n], "session.")) << list[n];
      EXPECT_TRUE (atr_kiosk_policy_action_is_disabled (list[n]));
    }
  EXPECT_GE (n, 8u);
}

// The names must be the ones ui really installs; read the sources so a rename breaks this.
TEST (KioskActions, NamesExistInTheUiSources)
{
  const char *root = g_getenv ("ATR_SOURCE_ROOT");
  ASSERT_NE (root, nullptr);
  std::string all;
  for (const char *file : { "client/atr-application.c", "ui/atr-window.c",
                            "ui/atr-session-window.c" })
    {
      g_autofree char *path = g_build_filename (root, file, NULL);
      g_autofree char *text = nullptr;
      ASSERT_TRUE (g_file_get_contents (path, &text, nullptr, nullptr)) << path;
      all += text;
    }
  for (const char *name : { "\"quit\"", "\"preferences\"", "\"about\"", "\"win.add-tenant\"",
                            "\"win.remove-tenant\"", "\"win.cancel-enrolment\"",
                            "\"session.fullscreen\"" })
    EXPECT_NE (all.find (name), std::string::npos) << name << " is no longer installed by ui";
}

// Finding 4 (issue #8): in kiosk mode no action may hand anything to another program (a
// browser, a file manager, a mail client): on a locked thin client that is a way out.
// Every action that leads to gtk_show_uri and friends is named here and must be disabled.
TEST (KioskActions, NothingIsHandedToAnotherProgram)
{
  for (const char *name : { "win.support",   // the tenant's help desk link, in the browser
                            "app.about" })   // the about window's website and issue links
    EXPECT_TRUE (atr_kiosk_policy_action_is_disabled (name)) << name;
}

// The class: every call that hands a URI, a file or a command line to another program, in
// ui/ and client/, sits in a function that only an action disabled in kiosk mode reaches
// (or a widget kiosk mode hides). A new call breaks this test until it is listed and guarded.
TEST (KioskActions, EveryLauncherCallIsGuardedByADisabledAction)
{
  const char *root = g_getenv ("ATR_SOURCE_ROOT");
  ASSERT_NE (root, nullptr);
  const char *launchers[] = {
    "gtk_show_uri", "gtk_uri_launcher", "gtk_file_launcher", "g_app_info_launch",
    "g_app_info_launch_default_for_uri", "g_spawn", "GtkLinkButton", "gtk_link_button",
    "activate-link", "g_desktop_app_info", "xdg-open", "gtk_show_about", "about_window",
    "execv", "execl", "popen", "system (",
  };
  struct Guard { const char *file; const char *launcher; const char *guard; };
  // guard: a disabled action, or "hidden" for a widget kiosk mode hides (checked by the
  // kiosk UI test), or "own-helper" for execv of atrium-cli-rdp (not the kiosk app).
  const Guard guards[] = {
    { "ui/atr-window-help.c", "gtk_show_uri", "win.support" },  // only from support_action
    { "ui/atr-sign-in-page.c", "GtkLinkButton", "hidden" },
    { "ui/atr-sign-in-page.c", "gtk_link_button", "hidden" },
    { "ui/atr-sign-in-page.c", "activate-link", "hidden" },
    { "ui/atr-sign-in-page.ui", "GtkLinkButton", "hidden" },
    { "client/atr-application.c", "about_window", "app.about" },
    { "client/atr-cli-helper.c", "execv", "own-helper" },
  };
  const char *dirs[] = { "ui", "client" };
  std::string unguarded;

  for (const char *dir : dirs)
    {
      g_autofree char *path = g_build_filename (root, dir, NULL);
      g_autoptr(GDir) d = g_dir_open (path, 0, nullptr);
      ASSERT_NE (d, nullptr) << path;
      for (const char *name; (name = g_dir_read_name (d)) != nullptr;)
        {
          if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".ui"))
            continue;
          std::string rel = std::string (dir) + "/" + name;
          g_autofree char *file = g_build_filename (root, rel.c_str (), NULL);
          g_autofree char *text = nullptr;
          ASSERT_TRUE (g_file_get_contents (file, &text, nullptr, nullptr)) << file;
          for (const char *launcher : launchers)
            {
              if (strstr (text, launcher) == nullptr)
                continue;
              const char *guard = nullptr;
              for (const Guard &g : guards)
                if (rel == g.file && g_str_equal (launcher, g.launcher))
                  guard = g.guard;
              if (guard == nullptr)
                unguarded += rel + ": " + launcher + "\n";
              else if (g_str_has_prefix (guard, "app.") || g_str_has_prefix (guard, "win."))
                {
                  EXPECT_TRUE (atr_kiosk_policy_action_is_disabled (guard))
                      << rel << ": " << launcher << " is reached through " << guard
                      << ", which kiosk mode leaves enabled";
                }
            }
        }
    }
  EXPECT_TRUE (unguarded.empty ()) << "calls that hand something to another program, with no "
                                      "kiosk guard listed here:\n" << unguarded;
}

// --- keys ---

TEST (KioskKeys, CopiedConstantsAreGdks)
{
  EXPECT_EQ (ATR_KIOSK_MOD_SHIFT, (guint) GDK_SHIFT_MASK);
  EXPECT_EQ (ATR_KIOSK_MOD_CONTROL, (guint) GDK_CONTROL_MASK);
  EXPECT_EQ (ATR_KIOSK_MOD_ALT, (guint) GDK_ALT_MASK);
  EXPECT_EQ (ATR_KIOSK_MOD_SUPER, (guint) GDK_SUPER_MASK);
  EXPECT_EQ (ATR_KIOSK_MOD_HYPER, (guint) GDK_HYPER_MASK);
  EXPECT_EQ (ATR_KIOSK_MOD_META, (guint) GDK_META_MASK);
}

struct Key
{
  const char *name;
  guint       keyval;
  guint       mods;
  bool        escape;
};

void
PrintTo (const Key &k, std::ostream *os)
{
  *os << k.name;
}

class KioskKeyTable : public ::testing::TestWithParam<Key>
{
};

const guint C = GDK_CONTROL_MASK, A = GDK_ALT_MASK, S = GDK_SHIFT_MASK, W = GDK_SUPER_MASK;
const guint LOCKS = GDK_LOCK_MASK | GDK_BUTTON1_MASK;

const Key kKeys[] = {
  { "alt_f4", GDK_KEY_F4, A, true },
  { "alt_f4_with_caps_lock", GDK_KEY_F4, A | LOCKS, true },
  { "ctrl_alt_f4", GDK_KEY_F4, C | A, true },
  { "ctrl_q", GDK_KEY_q, C, true },
  { "ctrl_shift_q", GDK_KEY_Q, C | S, true },
  { "ctrl_w", GDK_KEY_w, C, true },
  { "ctrl_W_caps", GDK_KEY_W, C | GDK_LOCK_MASK, true },
  { "f11", GDK_KEY_F11, 0, true },
  { "shift_f11", GDK_KEY_F11, S, true },
  { "super_l", GDK_KEY_Super_L, 0, true },
  { "super_r", GDK_KEY_Super_R, 0, true },
  { "meta_l", GDK_KEY_Meta_L, 0, true },
  { "hyper_l", GDK_KEY_Hyper_L, 0, true },
  { "super_d", GDK_KEY_d, W, true },
  { "super_tab", GDK_KEY_Tab, W, true },
  { "meta_mask_key", GDK_KEY_l, GDK_META_MASK, true },
  { "alt_tab", GDK_KEY_Tab, A, true },
  { "alt_shift_tab", GDK_KEY_ISO_Left_Tab, A | S, true },
  { "alt_escape", GDK_KEY_Escape, A, true },
  { "ctrl_alt_backspace", GDK_KEY_BackSpace, C | A, true },
  { "terminate_server", GDK_KEY_Terminate_Server, C | A, true },
  { "switch_vt_1", GDK_KEY_Switch_VT_1, C | A, true },
  { "switch_vt_12", GDK_KEY_Switch_VT_12, C | A, true },
  // Typing and the session's own keys pass.
  { "q", GDK_KEY_q, 0, false },
  { "shift_q", GDK_KEY_Q, S, false },
  { "w", GDK_KEY_w, 0, false },
  { "f4", GDK_KEY_F4, 0, false },
  { "ctrl_f4", GDK_KEY_F4, C, false },
  { "tab", GDK_KEY_Tab, 0, false },
  { "ctrl_tab", GDK_KEY_Tab, C, false },
  { "shift_tab", GDK_KEY_ISO_Left_Tab, S, false },
  { "escape", GDK_KEY_Escape, 0, false },
  { "backspace", GDK_KEY_BackSpace, 0, false },
  { "alt_backspace", GDK_KEY_BackSpace, A, false },
  { "ctrl_alt_delete", GDK_KEY_Delete, C | A, false },
  { "alt_q", GDK_KEY_q, A, false },
  { "ctrl_c", GDK_KEY_c, C, false },
  { "ctrl_f", GDK_KEY_f, C, false },
  { "f5", GDK_KEY_F5, 0, false },
  { "f12", GDK_KEY_F12, 0, false },
  { "return", GDK_KEY_Return, 0, false },
};

TEST_P (KioskKeyTable, Swallowed)
{
  const Key &k = GetParam ();
  EXPECT_EQ (atr_kiosk_policy_key_is_escape (k.keyval, k.mods), k.escape);
}

INSTANTIATE_TEST_SUITE_P (Keys, KioskKeyTable, ::testing::ValuesIn (kKeys),
                          [] (const ::testing::TestParamInfo<Key> &info) {
                            return std::string (info.param.name);
                          });

TEST (KioskKeys, AdminExitShortcut)
{
  EXPECT_TRUE (atr_kiosk_policy_key_is_admin_exit (GDK_KEY_E, C | A | S));
  EXPECT_TRUE (atr_kiosk_policy_key_is_admin_exit (GDK_KEY_e, C | A | S | GDK_LOCK_MASK));
  EXPECT_FALSE (atr_kiosk_policy_key_is_admin_exit (GDK_KEY_E, C | A));
  EXPECT_FALSE (atr_kiosk_policy_key_is_admin_exit (GDK_KEY_E, C | A | S | W));
  EXPECT_FALSE (atr_kiosk_policy_key_is_admin_exit (GDK_KEY_r, C | A | S));
  // It is not an escape key itself, so the filter lets it reach the prompt.
  EXPECT_FALSE (atr_kiosk_policy_key_is_escape (GDK_KEY_E, C | A | S));
}

// --- after a session ---

TEST (KioskAfterSession, Matrix)
{
  const AtrKioskSessionEnd HOME = ATR_KIOSK_SESSION_END_HOME;
  const AtrKioskSessionEnd RELAUNCH = ATR_KIOSK_SESSION_END_RELAUNCH;

  for (gboolean reconnect : { (gboolean) FALSE, (gboolean) TRUE })
    for (gboolean resource : { (gboolean) FALSE, (gboolean) TRUE })
      for (AtrKioskSessionEnd end : { HOME, RELAUNCH })
        {
          // Signing out, idle logoff and refusals always end the user's turn.
          for (AtrKioskEndReason r : { ATR_KIOSK_END_SIGNED_OUT, ATR_KIOSK_END_IDLE,
                                       ATR_KIOSK_END_REFUSED })
            EXPECT_EQ (atr_kiosk_policy_after_session (r, reconnect, resource, end),
                       ATR_KIOSK_NEXT_SIGN_OUT);
          EXPECT_EQ (atr_kiosk_policy_after_session (ATR_KIOSK_END_NETWORK_LOST, reconnect,
                                                     resource, end),
                     reconnect ? ATR_KIOSK_NEXT_RECONNECT : ATR_KIOSK_NEXT_SIGN_OUT);
        }

  EXPECT_EQ (atr_kiosk_policy_after_session (ATR_KIOSK_END_CLOSED, TRUE, FALSE, HOME),
             ATR_KIOSK_NEXT_RESOURCES);
  EXPECT_EQ (atr_kiosk_policy_after_session (ATR_KIOSK_END_CLOSED, TRUE, FALSE, RELAUNCH),
             ATR_KIOSK_NEXT_RESOURCES);
  EXPECT_EQ (atr_kiosk_policy_after_session (ATR_KIOSK_END_CLOSED, TRUE, TRUE, HOME),
             ATR_KIOSK_NEXT_SIGN_OUT);
  EXPECT_EQ (atr_kiosk_policy_after_session (ATR_KIOSK_END_CLOSED, TRUE, TRUE, RELAUNCH),
             ATR_KIOSK_NEXT_RELAUNCH);
  EXPECT_STREQ (atr_kiosk_next_to_string (ATR_KIOSK_NEXT_RECONNECT), "reconnect");
}

// --- idle logoff ---

TEST (KioskIdle, DisabledAtZero)
{
  g_autoptr(AtrKioskIdle) idle = atr_kiosk_idle_new (0);

  atr_kiosk_idle_start (idle, 0);
  EXPECT_EQ (atr_kiosk_idle_get_state (idle), ATR_KIOSK_IDLE_STOPPED);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 10000 * kMinute), ATR_KIOSK_IDLE_STOPPED);
  EXPECT_EQ (atr_kiosk_idle_get_deadline (idle), -1);
}

TEST (KioskIdle, NothingBeforeSignIn)
{
  g_autoptr(AtrKioskIdle) idle = atr_kiosk_idle_new (5);

  atr_kiosk_idle_activity (idle, 0);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 60 * kMinute), ATR_KIOSK_IDLE_STOPPED);
}

TEST (KioskIdle, WarnsThenLogsOffOnce)
{
  const gint64 t0 = 1000 * kSecond;  // any origin
  g_autoptr(AtrKioskIdle) idle = atr_kiosk_idle_new (5);

  atr_kiosk_idle_start (idle, t0);
  EXPECT_EQ (atr_kiosk_idle_get_deadline (idle), t0 + 4 * kMinute);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, t0 + 4 * kMinute - 1), ATR_KIOSK_IDLE_ACTIVE);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, t0 + 4 * kMinute), ATR_KIOSK_IDLE_WARNING);
  EXPECT_EQ (atr_kiosk_idle_get_deadline (idle), t0 + 5 * kMinute);
  EXPECT_EQ (atr_kiosk_idle_get_seconds_left (idle, t0 + 4 * kMinute + 15 * kSecond), 45u);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, t0 + 5 * kMinute - 1), ATR_KIOSK_IDLE_WARNING);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, t0 + 5 * kMinute), ATR_KIOSK_IDLE_LOGOFF);
  // Once: the timer is stopped until the next sign-in.
  EXPECT_EQ (atr_kiosk_idle_tick (idle, t0 + 6 * kMinute), ATR_KIOSK_IDLE_STOPPED);
  EXPECT_EQ (atr_kiosk_idle_get_deadline (idle), -1);

  atr_kiosk_idle_start (idle, t0 + 10 * kMinute);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, t0 + 15 * kMinute), ATR_KIOSK_IDLE_LOGOFF);
}

TEST (KioskIdle, ActivityRestartsTheCountAndLeavesTheWarning)
{
  g_autoptr(AtrKioskIdle) idle = atr_kiosk_idle_new (2);

  atr_kiosk_idle_start (idle, 0);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 90 * kSecond), ATR_KIOSK_IDLE_WARNING);
  atr_kiosk_idle_activity (idle, 100 * kSecond);
  EXPECT_EQ (atr_kiosk_idle_get_state (idle), ATR_KIOSK_IDLE_ACTIVE);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 120 * kSecond), ATR_KIOSK_IDLE_ACTIVE);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 219 * kSecond), ATR_KIOSK_IDLE_WARNING);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 220 * kSecond), ATR_KIOSK_IDLE_LOGOFF);
}

TEST (KioskIdle, OneMinuteWarnsForHalfOfIt)
{
  g_autoptr(AtrKioskIdle) idle = atr_kiosk_idle_new (1);

  atr_kiosk_idle_start (idle, 0);
  EXPECT_EQ (atr_kiosk_idle_get_deadline (idle), 30 * kSecond);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 29 * kSecond), ATR_KIOSK_IDLE_ACTIVE);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 30 * kSecond), ATR_KIOSK_IDLE_WARNING);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 60 * kSecond), ATR_KIOSK_IDLE_LOGOFF);
}

TEST (KioskIdle, LongestTimeout)
{
  g_autoptr(AtrKioskIdle) idle = atr_kiosk_idle_new (1440);

  atr_kiosk_idle_start (idle, 0);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 1439 * kMinute - 1), ATR_KIOSK_IDLE_ACTIVE);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 1440 * kMinute), ATR_KIOSK_IDLE_LOGOFF);
}

TEST (KioskIdle, ClockGoingBackwardsNeverLogsOff)
{
  g_autoptr(AtrKioskIdle) idle = atr_kiosk_idle_new (5);

  atr_kiosk_idle_start (idle, 10 * kMinute);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 0), ATR_KIOSK_IDLE_ACTIVE);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 4 * kMinute), ATR_KIOSK_IDLE_WARNING);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 5 * kMinute), ATR_KIOSK_IDLE_LOGOFF);
}

TEST (KioskIdle, StopOnSignOut)
{
  g_autoptr(AtrKioskIdle) idle = atr_kiosk_idle_new (5);

  atr_kiosk_idle_start (idle, 0);
  atr_kiosk_idle_stop (idle);
  EXPECT_EQ (atr_kiosk_idle_tick (idle, 60 * kMinute), ATR_KIOSK_IDLE_STOPPED);
  EXPECT_EQ (atr_kiosk_idle_get_seconds_left (idle, 0), 0u);
}

// --- backoff ---

TEST (KioskBackoff, ReconnectScheduleDoublesToSixtySeconds)
{
  g_autoptr(AtrKioskBackoff) b = atr_kiosk_backoff_new (ATR_KIOSK_RECONNECT_FIRST_US,
                                                        ATR_KIOSK_RECONNECT_MAX_US);
  std::vector<gint64> delays;
  gint64 now = 5 * kSecond;

  EXPECT_TRUE (atr_kiosk_backoff_is_ready (b, 0));
  for (int i = 0; i < 10; i++)
    {
      gint64 next = atr_kiosk_backoff_failure (b, now);
      delays.push_back ((next - now) / kSecond);
      EXPECT_FALSE (atr_kiosk_backoff_is_ready (b, next - 1));
      EXPECT_TRUE (atr_kiosk_backoff_is_ready (b, next));
      now = next;
    }
  EXPECT_EQ (delays, (std::vector<gint64>{ 1, 2, 4, 8, 16, 32, 60, 60, 60, 60 }));
  EXPECT_EQ (atr_kiosk_backoff_get_failures (b), 10u);

  atr_kiosk_backoff_success (b);
  EXPECT_EQ (atr_kiosk_backoff_get_failures (b), 0u);
  EXPECT_TRUE (atr_kiosk_backoff_is_ready (b, 0));
  EXPECT_EQ (atr_kiosk_backoff_failure (b, now) - now, 1 * kSecond);
  EXPECT_EQ (atr_kiosk_backoff_get_delay (b), 1 * kSecond);
}

TEST (KioskBackoff, ThousandsOfFailuresStayCapped)
{
  g_autoptr(AtrKioskBackoff) b = atr_kiosk_backoff_new (ATR_KIOSK_PIN_FIRST_US,
                                                        ATR_KIOSK_PIN_MAX_US);
  for (int i = 0; i < 5000; i++)
    atr_kiosk_backoff_failure (b, 0);
  EXPECT_EQ (atr_kiosk_backoff_get_delay (b), ATR_KIOSK_PIN_MAX_US);
}

// --- exit PIN ---

TEST (KioskPin, RightPinMatchesAndIsWiped)
{
  char pin[] = "8642";

  EXPECT_TRUE (atr_kiosk_policy_check_pin (kPinHash, pin));
  EXPECT_EQ (memcmp (pin, "\0\0\0\0", 5), 0);
}

TEST (KioskPin, UpperCaseHashMatches)
{
  g_autofree char *upper = g_ascii_strup (kPinHash, -1);
  char pin[] = "8642";
  EXPECT_TRUE (atr_kiosk_policy_check_pin (upper, pin));
}

TEST (KioskPin, WrongPinsFailAndAreWiped)
{
  for (const char *typed : { "8641", "86420", "864", "", " 8642", "8642\n", "٨٦٤٢" })
    {
      g_autofree char *pin = g_strdup (typed);
      size_t length = strlen (typed);

      EXPECT_FALSE (atr_kiosk_policy_check_pin (kPinHash, pin)) << typed;
      for (size_t i = 0; i < length; i++)
        EXPECT_EQ (pin[i], '\0') << typed;
    }
}

TEST (KioskPin, NoOrBrokenHashNeverMatches)
{
  char pin1[] = "8642";
  EXPECT_FALSE (atr_kiosk_policy_check_pin (nullptr, pin1));
  EXPECT_EQ (pin1[0], '\0');

  char pin2[] = "8642";
  EXPECT_FALSE (atr_kiosk_policy_check_pin ("b03fad7e", pin2));

  // An empty PIN matches only the hash of the empty string.
  char empty[] = "";
  EXPECT_TRUE (atr_kiosk_policy_check_pin (
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty));
}

TEST (KioskPin, WipeZeroes)
{
  guint8 buffer[16];
  memset (buffer, 0xa5, sizeof buffer);
  atr_kiosk_policy_wipe (buffer, sizeof buffer);
  for (guint8 b : buffer)
    EXPECT_EQ (b, 0);
  atr_kiosk_policy_wipe (nullptr, 10);  // no crash
}

}  // namespace
