/* test-rdp-settings.cpp — filtered .rdp files applied to real FreeRDP 2.11 settings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No connection is made: freerdp_settings_new (0) and the settings accessors only.
 */
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include <freerdp/client/file.h>
#include <freerdp/freerdp.h>
#include <freerdp/settings.h>

#include "atr-rdp-file.h"
#include "atr-rdp-policy.h"
#include "atr-rdp-settings.h"
#include "atr-rdp-summary.h"

namespace {

struct SettingsDeleter
{
  void operator() (rdpSettings *settings) const { freerdp_settings_free (settings); }
};
using Settings = std::unique_ptr<rdpSettings, SettingsDeleter>;

std::string
read_fixture (const char *name)
{
  const char *data = g_getenv ("ATR_TEST_DATA");
  g_autofree char *path = g_build_filename (data != nullptr ? data : "data", "rdp", name, nullptr);
  g_autofree char *contents = nullptr;
  gsize length = 0;
  EXPECT_TRUE (g_file_get_contents (path, &contents, &length, nullptr)) << path;
  return std::string (contents != nullptr ? contents : "", length);
}

AtrRdpFile *
parse_text (const std::string &text, const char *origin = "inline.rdp")
{
  g_autoptr(GBytes) bytes = g_bytes_new (text.data (), text.size ());
  g_autoptr(GError) error = nullptr;
  AtrRdpFile *file = atr_rdp_file_new_from_bytes (bytes, origin, &error);
  if (file == nullptr)
    ADD_FAILURE () << error->message;
  return file;
}

/* Decode, filter with @policy and apply to fresh settings; the filtered file is returned. */
Settings
apply (const std::string &text, const AtrRdpPolicy *policy = nullptr,
       AtrRdpSummary **summary = nullptr)
{
  g_autoptr(AtrRdpFile) input = parse_text (text);
  g_autoptr(AtrRdpFile) filtered = atr_rdp_file_filter (input, policy, nullptr);
  g_autoptr(GError) error = nullptr;
  Settings settings (freerdp_settings_new (0));

  EXPECT_TRUE (atr_rdp_settings_apply (settings.get (), filtered, policy, summary, &error))
    << (error ? error->message : "");
  return settings;
}

const char *
str (const Settings &settings, FreeRDP_Settings_Keys_String id)
{
  return freerdp_settings_get_string (settings.get (), id);
}

bool
flag (const Settings &settings, FreeRDP_Settings_Keys_Bool id)
{
  return freerdp_settings_get_bool (settings.get (), id);
}

UINT32
u32 (const Settings &settings, FreeRDP_Settings_Keys_UInt32 id)
{
  return freerdp_settings_get_uint32 (settings.get (), id);
}

void
expect_certificates_checked (const Settings &settings)
{
  EXPECT_TRUE (flag (settings, FreeRDP_ExternalCertificateManagement));
  EXPECT_FALSE (flag (settings, FreeRDP_IgnoreCertificate));
  EXPECT_FALSE (flag (settings, FreeRDP_AutoAcceptCertificate));
  EXPECT_FALSE (flag (settings, FreeRDP_RdpSecurity));
  UINT32 level = u32 (settings, FreeRDP_AuthenticationLevel);
  EXPECT_TRUE (level == 1 || level == 2) << level;
}

} // namespace

TEST (RdpSettings, RemoteAppThroughAGateway)
{
  g_autoptr(AtrRdpSummary) summary = nullptr;
  Settings settings = apply (read_fixture ("remoteapp-gateway.rdp"), nullptr, &summary);
  ASSERT_NE (summary, nullptr);

  EXPECT_STREQ (str (settings, FreeRDP_ServerHostname), "apps.tenant1.msp.example");
  EXPECT_EQ (u32 (settings, FreeRDP_ServerPort), 3390u);

  EXPECT_TRUE (flag (settings, FreeRDP_GatewayEnabled));
  EXPECT_FALSE (flag (settings, FreeRDP_GatewayBypassLocal));
  EXPECT_STREQ (str (settings, FreeRDP_GatewayHostname), "gw1.msp.example");
  EXPECT_EQ (u32 (settings, FreeRDP_GatewayPort), 8443u);
  EXPECT_EQ (u32 (settings, FreeRDP_GatewayUsageMethod), 1u);
  EXPECT_EQ (u32 (settings, FreeRDP_GatewayCredentialsSource), 0u);
  EXPECT_TRUE (flag (settings, FreeRDP_GatewayUseSameCredentials));
  /* The secret reaches the engine's settings (and nothing else). */
  EXPECT_STREQ (str (settings, FreeRDP_GatewayAccessToken), "GWTOKEN-7f3a9c1e-SECRET-must-not-print");

  const char *token = "tsv://MS Terminal Services Plugin.1.Tenant1_Apps";
  const BYTE *lbi = (const BYTE *) freerdp_settings_get_pointer (settings.get (), FreeRDP_LoadBalanceInfo);
  ASSERT_NE (lbi, nullptr);
  ASSERT_EQ (u32 (settings, FreeRDP_LoadBalanceInfoLength), strlen (token));
  EXPECT_EQ (memcmp (lbi, token, strlen (token)), 0);

  EXPECT_TRUE (flag (settings, FreeRDP_RemoteApplicationMode));
  EXPECT_STREQ (str (settings, FreeRDP_RemoteApplicationProgram), "||calc");
  EXPECT_STREQ (str (settings, FreeRDP_RemoteApplicationName), "Calculator");
  EXPECT_STREQ (str (settings, FreeRDP_RemoteApplicationCmdLine), "/mode scientific");
  EXPECT_STREQ (str (settings, FreeRDP_AlternateShell), "rdpinit.exe");

  /* The default policy: clipboard and audio; the file's drives/devices/printers are off. */
  EXPECT_TRUE (flag (settings, FreeRDP_RedirectClipboard));
  EXPECT_TRUE (flag (settings, FreeRDP_AudioPlayback));
  EXPECT_FALSE (flag (settings, FreeRDP_AudioCapture));
  EXPECT_FALSE (flag (settings, FreeRDP_RedirectDrives));
  EXPECT_EQ (str (settings, FreeRDP_DrivesToRedirect), nullptr);
  EXPECT_FALSE (flag (settings, FreeRDP_RedirectPrinters));
  EXPECT_FALSE (flag (settings, FreeRDP_RedirectSmartCards));
  EXPECT_FALSE (flag (settings, FreeRDP_RedirectSerialPorts));
  EXPECT_FALSE (flag (settings, FreeRDP_DeviceRedirection));

  expect_certificates_checked (settings);

  g_autoptr(AtrRdpSummary) read_back =
    atr_rdp_settings_read_summary (settings.get (), summary->redirections);
  EXPECT_TRUE (atr_rdp_summary_equal (summary, read_back));
}

TEST (RdpSettings, MstscDesktop)
{
  Settings settings = apply (read_fixture ("mstsc-desktop.rdp"));

  EXPECT_STREQ (str (settings, FreeRDP_ServerHostname), "desk01.tenant1.msp.example");
  EXPECT_EQ (u32 (settings, FreeRDP_ServerPort), 3390u);
  /* FreeRDP's parser does the rest: user\domain split, screen size, no gateway (usage 4). */
  EXPECT_STREQ (str (settings, FreeRDP_Username), "alice");
  EXPECT_STREQ (str (settings, FreeRDP_Domain), "TENANT1");
  EXPECT_EQ (u32 (settings, FreeRDP_DesktopWidth), 1920u);
  EXPECT_EQ (u32 (settings, FreeRDP_DesktopHeight), 1080u);
  EXPECT_FALSE (flag (settings, FreeRDP_GatewayEnabled));
  EXPECT_EQ (u32 (settings, FreeRDP_GatewayUsageMethod), 4u);
  EXPECT_FALSE (flag (settings, FreeRDP_RemoteApplicationMode));
  EXPECT_EQ (freerdp_settings_get_pointer (settings.get (), FreeRDP_LoadBalanceInfo), nullptr);
  EXPECT_EQ (u32 (settings, FreeRDP_AuthenticationLevel), 2u);
  expect_certificates_checked (settings);
}

TEST (RdpSettings, RawRogueFileWouldDisarmFreeRdpButFilteredDoesNot)
{
  std::string text = read_fixture ("rogue-campaign.rdp");

  /* What FreeRDP's parser alone makes of the file: the hazard the filter exists for. */
  {
    Settings raw (freerdp_settings_new (0));
    rdpFile *file = freerdp_client_rdp_file_new ();
    ASSERT_TRUE (freerdp_client_parse_rdp_file_buffer (file, (const BYTE *) text.data (), text.size ()));
    ASSERT_TRUE (freerdp_client_populate_settings_from_rdp_file (file, raw.get ()));
    freerdp_client_rdp_file_free (file);
    EXPECT_TRUE (flag (raw, FreeRDP_IgnoreCertificate));        /* from /cert:ignore */
    EXPECT_EQ (u32 (raw, FreeRDP_AuthenticationLevel), 0u);
    EXPECT_STREQ (str (raw, FreeRDP_DrivesToRedirect), "*");
  }

  Settings settings = apply (text);
  expect_certificates_checked (settings);
  EXPECT_EQ (u32 (settings, FreeRDP_AuthenticationLevel), 2u);
  EXPECT_FALSE (flag (settings, FreeRDP_RedirectDrives));
  EXPECT_EQ (str (settings, FreeRDP_DrivesToRedirect), nullptr);
  EXPECT_FALSE (flag (settings, FreeRDP_DeviceRedirection));
  EXPECT_FALSE (flag (settings, FreeRDP_RedirectPrinters));
  EXPECT_FALSE (flag (settings, FreeRDP_RedirectSmartCards));
  EXPECT_FALSE (flag (settings, FreeRDP_AudioCapture));
  EXPECT_FALSE (flag (settings, FreeRDP_RedirectSerialPorts));
  EXPECT_FALSE (flag (settings, FreeRDP_RedirectParallelPorts));
  EXPECT_TRUE (flag (settings, FreeRDP_RedirectClipboard));
  EXPECT_STREQ (str (settings, FreeRDP_ServerHostname), "rdp.attacker.example");
  /* The server-side shell stays; /shell: never reached the command-line parser. */
  EXPECT_STREQ (str (settings, FreeRDP_AlternateShell), "powershell.exe");
}

TEST (RdpSettings, DrivesWhenThePolicyAllowsThem)
{
  AtrRdpPolicy policy;
  atr_rdp_policy_init_default (&policy);
  policy.redirections = (AtrRdpRedirection) (ATR_RDP_REDIRECT_DRIVES | ATR_RDP_REDIRECT_MICROPHONE);
  Settings settings = apply ("full address:s:h.example\ndrivestoredirect:s:C:;D:\n"
                             "audiocapturemode:i:1\nredirectclipboard:i:1\n", &policy);

  EXPECT_TRUE (flag (settings, FreeRDP_RedirectDrives));
  EXPECT_STREQ (str (settings, FreeRDP_DrivesToRedirect), "C:;D:");
  EXPECT_TRUE (flag (settings, FreeRDP_DeviceRedirection));
  EXPECT_TRUE (flag (settings, FreeRDP_AudioCapture));
  EXPECT_FALSE (flag (settings, FreeRDP_RedirectClipboard));
  EXPECT_FALSE (flag (settings, FreeRDP_AudioPlayback));
}

TEST (RdpSettings, GatewayUsageMethods)
{
  struct { bool enabled; bool bypass; } expected[] = {
    { false, false }, { true, false }, { true, true }, { false, false }, { false, false },
  };
  for (int usage = 0; usage <= 4; usage++)
    {
      std::string text = "full address:s:h.example\ngatewayhostname:s:gw.example\n"
                         "gatewaycredentialssource:i:4\npromptcredentialonce:i:0\n"
                         "gatewayusagemethod:i:" + std::to_string (usage) + "\n";
      g_autoptr(AtrRdpSummary) summary = nullptr;
      Settings settings = apply (text, nullptr, &summary);
      EXPECT_EQ (u32 (settings, FreeRDP_GatewayUsageMethod), (UINT32) usage);
      EXPECT_EQ (flag (settings, FreeRDP_GatewayEnabled), expected[usage].enabled) << usage;
      EXPECT_EQ (flag (settings, FreeRDP_GatewayBypassLocal), expected[usage].bypass) << usage;
      EXPECT_EQ (u32 (settings, FreeRDP_GatewayCredentialsSource), 4u);
      EXPECT_FALSE (flag (settings, FreeRDP_GatewayUseSameCredentials));
      g_autoptr(AtrRdpSummary) read_back =
        atr_rdp_settings_read_summary (settings.get (), summary->redirections);
      EXPECT_TRUE (atr_rdp_summary_equal (summary, read_back)) << usage;
    }
}

TEST (RdpSettings, GatewayUsageWithoutAHostStaysDirect)
{
  Settings settings = apply ("full address:s:h.example\ngatewayusagemethod:i:1\n");
  EXPECT_FALSE (flag (settings, FreeRDP_GatewayEnabled));
  EXPECT_EQ (str (settings, FreeRDP_GatewayHostname), nullptr);
}

TEST (RdpSettings, AddressesFreeRdpWouldMisread)
{
  /* freerdp_parse_hostname() splits on the last colon; ours reads brackets and bare IPv6. */
  struct { const char *text; const char *host; UINT32 port; } cases[] = {
    { "full address:s:[::1]:3390\n", "::1", 3390 },
    { "full address:s:fe80::1\n", "fe80::1", 3389 },
    { "full address:s:h.example\nserver port:i:3395\n", "h.example", 3395 },
    { "full address:s:h.example:3391\nserver port:i:3395\n", "h.example", 3391 },
    { "full address:s:h.example\nalternate full address:s:[2001:db8::5]\n", "2001:db8::5", 3389 },
  };
  for (auto &c : cases)
    {
      Settings settings = apply (c.text);
      EXPECT_STREQ (str (settings, FreeRDP_ServerHostname), c.host) << c.text;
      EXPECT_EQ (u32 (settings, FreeRDP_ServerPort), c.port) << c.text;
    }
}

TEST (RdpSettings, ApplyClampsEvenAnUnfilteredFile)
{
  g_autoptr(AtrRdpFile) raw = parse_text ("full address:s:h.example\nauthentication level:i:0\n");
  Settings settings (freerdp_settings_new (0));
  ASSERT_TRUE (freerdp_settings_set_bool (settings.get (), FreeRDP_IgnoreCertificate, TRUE));
  ASSERT_TRUE (freerdp_settings_set_bool (settings.get (), FreeRDP_AutoAcceptCertificate, TRUE));
  ASSERT_TRUE (atr_rdp_settings_apply (settings.get (), raw, nullptr, nullptr, nullptr));
  expect_certificates_checked (settings);
  EXPECT_EQ (u32 (settings, FreeRDP_AuthenticationLevel), 2u);
}

TEST (RdpSettings, ReconnectPolicy)
{
  AtrRdpPolicy policy;
  atr_rdp_policy_init_default (&policy);
  policy.reconnect = FALSE;
  Settings off = apply ("full address:s:h.example\nautoreconnection enabled:i:1\n", &policy);
  EXPECT_FALSE (flag (off, FreeRDP_AutoReconnectionEnabled));
  Settings on = apply ("full address:s:h.example\nautoreconnection enabled:i:1\n");
  EXPECT_TRUE (flag (on, FreeRDP_AutoReconnectionEnabled));
}

TEST (RdpSettings, Secrets)
{
  Settings settings = apply ("full address:s:h.example\npassword 51:b:0102AB\npassword:s:pw-clear\n");
  /* FreeRDP maps the clear password; password 51 (DPAPI, Windows only) is never handed over. */
  EXPECT_STREQ (str (settings, FreeRDP_Password), "pw-clear");
}

TEST (RdpSettings, NoHostFails)
{
  g_autoptr(AtrRdpFile) file = parse_text ("username:s:bob\n", "nohost.rdp");
  Settings settings (freerdp_settings_new (0));
  g_autoptr(GError) error = nullptr;
  EXPECT_FALSE (atr_rdp_settings_apply (settings.get (), file, nullptr, nullptr, &error));
  ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_NO_HOST));
  EXPECT_NE (strstr (error->message, "nohost.rdp"), nullptr);
}

TEST (RdpSettings, CheckAgreesWithThePureSummaryForEveryFixture)
{
  for (const char *name : { "mstsc-desktop.rdp", "remoteapp-gateway.rdp", "rogue-campaign.rdp",
                            "utf16-no-bom.rdp", "utf8-bom-lf.rdp", "cr-only.rdp",
                            "huge-value.rdp", "password51.rdp", "malformed.rdp" })
    {
      g_autoptr(AtrRdpFile) input = parse_text (read_fixture (name), name);
      ASSERT_NE (input, nullptr) << name;
      g_autoptr(AtrRdpFile) filtered = atr_rdp_file_filter (input, nullptr, nullptr);
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrRdpSummary) pure = atr_rdp_summary_new_from_file (filtered, nullptr, &error);
      ASSERT_NE (pure, nullptr) << name << ": " << error->message;
      g_autoptr(AtrRdpSummary) checked = atr_rdp_settings_check (filtered, nullptr, &error);
      ASSERT_NE (checked, nullptr) << name << ": " << error->message;
      EXPECT_TRUE (atr_rdp_summary_equal (pure, checked)) << name;
    }
}

/* Issue #8, finding 8: what the filter clamps is what FreeRDP gets. */
TEST (RdpSettings, NlaAndSecurityNegotiationStayOn)
{
  for (const char *text : { "full address:s:h.example\nenablecredsspsupport:i:0\n"
                            "negotiate security layer:i:0\n",
                            "full address:s:h.example\n EnableCredSSPSupport\t:i:0\n"
                            "Negotiate  Security Layer:i:0\n" })
    {
      Settings settings = apply (text);
      EXPECT_TRUE (flag (settings, FreeRDP_NlaSecurity)) << text;
      EXPECT_TRUE (flag (settings, FreeRDP_NegotiateSecurityLayer)) << text;
      expect_certificates_checked (settings);
    }
}

/* Issue #8, finding 1: the host FreeRDP is given is the one every reader of the file saw, and
 * the one an approval names; a name only one reader could take for "full address" never
 * reaches FreeRDP. */
TEST (RdpSettings, TheHostFreeRdpGetsIsTheApprovedOne)
{
  struct { const char *text; const char *host; UINT32 port; const char *gateway; } cases[] = {
    { "full address:s:harbour.atrium.test\nFull\xc2\xa0" "Address:s:evil.example.net\n",
      "harbour.atrium.test", 3389, nullptr },
    { "full address:s:harbour.atrium.test\n\xef\xbb\xbf" "full address:s:evil.example.net\n",
      "harbour.atrium.test", 3389, nullptr },
    { "full address:s:harbour.atrium.test\nalternate full address:s:-evil.example.net\n",
      "harbour.atrium.test", 3389, nullptr },
    { " FULL  ADDRESS :s:Harbour.Atrium.Test:3390\ngatewayhostname:s:-gw.evil.example\n"
      "gatewayusagemethod:i:1\n", "harbour.atrium.test", 3390, nullptr },
    { "full address:s:harbour.atrium.test\ngatewayhostname:s:gw.atrium.test\n"
      "GatewayUsageMethod :i:1\n", "harbour.atrium.test", 3389, "gw.atrium.test" },
  };
  for (auto &c : cases)
    {
      AtrRdpSummary *applied = nullptr;
      Settings settings = apply (c.text, nullptr, &applied);
      g_autoptr(AtrRdpSummary) summary = applied;
      ASSERT_NE (summary, nullptr) << c.text;
      EXPECT_STREQ (str (settings, FreeRDP_ServerHostname), c.host) << c.text;
      EXPECT_EQ (u32 (settings, FreeRDP_ServerPort), c.port) << c.text;
      if (c.gateway != nullptr)
        {
          EXPECT_TRUE (flag (settings, FreeRDP_GatewayEnabled)) << c.text;
          EXPECT_STREQ (str (settings, FreeRDP_GatewayHostname), c.gateway) << c.text;
        }
      else
        EXPECT_FALSE (flag (settings, FreeRDP_GatewayEnabled)) << c.text;
      g_autoptr(GError) error = nullptr;
      EXPECT_TRUE (atr_rdp_summary_verify_target (summary, "inline.rdp", c.host, (guint16) c.port,
                                                  c.gateway, 0, &error))
          << c.text << (error ? error->message : "");
      g_autoptr(GError) other = nullptr;
      EXPECT_FALSE (atr_rdp_summary_verify_target (summary, "inline.rdp", "evil.example.net", 0,
                                                   c.gateway, 0, &other));
      EXPECT_TRUE (g_error_matches (other, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TARGET_MISMATCH));
    }
}

/* The engine announces the user's keyboard layout, not 0 (which lets the server pick its
 * default): FreeRDP 3.10 guesses it from LANG; unknown locales fall back to US (0x409). */
class KeyboardLayout : public ::testing::Test
{
protected:
  void SetUp () override { saved_ = g_strdup (g_getenv ("LANG")); }
  void TearDown () override
  {
    if (saved_ != nullptr)
      g_setenv ("LANG", saved_, TRUE);
    else
      g_unsetenv ("LANG");
    g_free (saved_);
  }
  char *saved_ = nullptr;
};

TEST_F (KeyboardLayout, ComesFromTheLocaleElseUs)
{
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  EXPECT_EQ (atr_rdp_settings_keyboard_layout (), 0x407u);
  g_setenv ("LANG", "fr_FR.UTF-8", TRUE);
  EXPECT_EQ (atr_rdp_settings_keyboard_layout (), 0x40cu);
  g_setenv ("LANG", "POSIX", TRUE);
  EXPECT_EQ (atr_rdp_settings_keyboard_layout (), 0x409u);
  g_unsetenv ("LANG");
  EXPECT_EQ (atr_rdp_settings_keyboard_layout (), 0x409u);
}

TEST_F (KeyboardLayout, IsSetUnlessAlreadyChosen)
{
  g_setenv ("LANG", "de_DE.UTF-8", TRUE);
  Settings settings (freerdp_settings_new (0));
  ASSERT_TRUE (settings);
  ASSERT_TRUE (freerdp_settings_set_uint32 (settings.get (), FreeRDP_KeyboardLayout, 0));
  ASSERT_TRUE (atr_rdp_settings_apply_keyboard_layout (settings.get ()));
  EXPECT_EQ (freerdp_settings_get_uint32 (settings.get (), FreeRDP_KeyboardLayout), 0x407u);

  /* one already set (e.g. by the .rdp file) wins */
  ASSERT_TRUE (freerdp_settings_set_uint32 (settings.get (), FreeRDP_KeyboardLayout, 0x40c));
  ASSERT_TRUE (atr_rdp_settings_apply_keyboard_layout (settings.get ()));
  EXPECT_EQ (freerdp_settings_get_uint32 (settings.get (), FreeRDP_KeyboardLayout), 0x40cu);
}
