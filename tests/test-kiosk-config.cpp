// Tests for the kiosk system configuration (client/core/atr-kiosk-config.c): every key, the
// defaults, `--kiosk` forcing, hostile files (not a key file, NUL bytes, wrong types,
// out-of-range minutes, bad PIN hashes, huge files, FIFOs, folders) refused with an error that
// names file, group and key, unknown keys and groups as warnings, and the ownership rule:
// a file or folder that anyone but root could have written is refused.
//
// Each test gets its own folder as ATRIUM_SYSCONFDIR; ATRIUM_KIOSK_TRUSTED_UID names the uid
// running the test so that its own files count as root's, except where a test says otherwise.
//
// The headers are included from C++ on purpose: they must compile as C++.
#include "config.h"

#include <gtest/gtest.h>

#include <string>

#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "atr-address.h"
#include "atr-kiosk-config.h"

namespace {

constexpr const char *kPin = "b03fad7e896f0497f4f3c88a5bb083c8976608495abbf14b476e6a4bb6fd2c7f";

class KioskConfig : public ::testing::Test
{
protected:
  void
  SetUp () override
  {
    g_autoptr(GError) error = nullptr;
    char *tmp = g_dir_make_tmp ("atr-kiosk-config-XXXXXX", &error);

    ASSERT_NE (tmp, nullptr) << error->message;
    dir_ = tmp;
    g_free (tmp);
    path_ = dir_ + "/atrium.conf";
    g_setenv ("ATRIUM_SYSCONFDIR", dir_.c_str (), TRUE);
    TrustMe ();
  }

  void
  TearDown () override
  {
    g_chmod (dir_.c_str (), 0700);
    g_remove (path_.c_str ());
    g_rmdir (dir_.c_str ());
    g_unsetenv ("ATRIUM_SYSCONFDIR");
    g_unsetenv ("ATRIUM_KIOSK_TRUSTED_UID");
  }

  static void
  TrustMe ()
  {
    g_autofree char *uid = g_strdup_printf ("%u", (guint) getuid ());
    g_setenv ("ATRIUM_KIOSK_TRUSTED_UID", uid, TRUE);
  }

  void
  Write (const std::string &text,
         mode_t             mode = 0644)
  {
    g_autoptr(GError) error = nullptr;
    ASSERT_TRUE (g_file_set_contents (path_.c_str (), text.data (), (gssize) text.size (),
                                      &error)) << error->message;
    ASSERT_EQ (g_chmod (path_.c_str (), mode), 0);
  }

  AtrKioskConfig *
  Load (gboolean force = FALSE)
  {
    g_clear_error (&error_);
    g_ptr_array_set_size (warnings_, 0);
    return atr_kiosk_config_load (force, warnings_, &error_);
  }

  // Loading fails with @code and a message naming the file and each of @parts.
  void
  ExpectRefused (AtrKioskError                     code,
                 std::initializer_list<const char *> parts)
  {
    g_autoptr(AtrKioskConfig) config = Load ();

    ASSERT_EQ (config, nullptr);
    ASSERT_NE (error_, nullptr);
    EXPECT_TRUE (g_error_matches (error_, ATR_KIOSK_ERROR, code))
        << "code " << error_->code << ": " << error_->message;
    for (const char *part : parts)
      EXPECT_NE (strstr (error_->message, part), nullptr)
          << "'" << part << "' not in: " << error_->message;
  }

  std::string  dir_;
  std::string  path_;
  GError      *error_ = nullptr;
  GPtrArray   *warnings_ = g_ptr_array_new_with_free_func (g_free);

public:
  ~KioskConfig () override
  {
    g_clear_error (&error_);
    g_ptr_array_unref (warnings_);
  }
};

TEST_F (KioskConfig, DefaultPathFollowsSysconfdirOverride)
{
  g_autofree char *path = atr_kiosk_config_get_default_path ();
  EXPECT_EQ (std::string (path), path_);

  g_unsetenv ("ATRIUM_SYSCONFDIR");
  g_autofree char *built_in = atr_kiosk_config_get_default_path ();
  EXPECT_STREQ (built_in, ATR_SYSCONFDIR "/atrium.conf");
}

TEST_F (KioskConfig, NoFileMeansNoKiosk)
{
  g_autoptr(AtrKioskConfig) config = Load ();

  ASSERT_NE (config, nullptr) << error_->message;
  EXPECT_FALSE (atr_kiosk_config_get_enabled (config));
  EXPECT_EQ (atr_kiosk_config_get_path (config), nullptr);
  EXPECT_EQ (atr_kiosk_config_get_tenant (config), nullptr);
  EXPECT_TRUE (atr_kiosk_config_get_reconnect (config));
  EXPECT_EQ (warnings_->len, 0u);
}

TEST_F (KioskConfig, ForcedWithoutFileNeedsTenant)
{
  g_autoptr(AtrKioskConfig) config = Load (TRUE);

  ASSERT_EQ (config, nullptr);
  EXPECT_TRUE (g_error_matches (error_, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_MISSING));
  EXPECT_NE (strstr (error_->message, "tenant"), nullptr) << error_->message;
  EXPECT_NE (strstr (error_->message, path_.c_str ()), nullptr) << error_->message;
}

TEST_F (KioskConfig, EveryKey)
{
  Write (std::string ("# comment\n[kiosk]\nenabled=true\ntenant=harbour.atrium.test\n"
                      "resource=FrontDesk\nidle_logoff_minutes=15\nexit_pin_sha256=") +
         "B03FAD7E896F0497F4F3C88A5BB083C8976608495ABBF14B476E6A4BB6FD2C7F" +
         "\nreconnect=false\nsession_end=relaunch\n");
  g_autoptr(AtrKioskConfig) config = Load ();

  ASSERT_NE (config, nullptr) << error_->message;
  EXPECT_STREQ (atr_kiosk_config_get_path (config), path_.c_str ());
  EXPECT_TRUE (atr_kiosk_config_get_enabled (config));
  EXPECT_STREQ (atr_kiosk_config_get_tenant (config), "harbour.atrium.test");
  EXPECT_STREQ (atr_kiosk_config_get_resource (config), "FrontDesk");
  EXPECT_EQ (atr_kiosk_config_get_idle_logoff_minutes (config), 15u);
  EXPECT_STREQ (atr_kiosk_config_get_exit_pin_sha256 (config), kPin);  // lower-cased
  EXPECT_FALSE (atr_kiosk_config_get_reconnect (config));
  EXPECT_EQ (atr_kiosk_config_get_session_end (config), ATR_KIOSK_SESSION_END_RELAUNCH);
  EXPECT_EQ (warnings_->len, 0u);
}

TEST_F (KioskConfig, Defaults)
{
  Write ("[kiosk]\nenabled=true\ntenant=user@harbour.atrium.test\n");
  g_autoptr(AtrKioskConfig) config = Load ();

  ASSERT_NE (config, nullptr) << error_->message;
  EXPECT_EQ (atr_kiosk_config_get_resource (config), nullptr);
  EXPECT_EQ (atr_kiosk_config_get_idle_logoff_minutes (config), 0u);
  EXPECT_EQ (atr_kiosk_config_get_exit_pin_sha256 (config), nullptr);
  EXPECT_TRUE (atr_kiosk_config_get_reconnect (config));
  EXPECT_EQ (atr_kiosk_config_get_session_end (config), ATR_KIOSK_SESSION_END_HOME);
}

TEST_F (KioskConfig, KioskFlagForcesEnabled)
{
  Write ("[kiosk]\nenabled=false\ntenant=harbour.atrium.test\n");
  g_autoptr(AtrKioskConfig) off = Load (FALSE);
  ASSERT_NE (off, nullptr) << error_->message;
  EXPECT_FALSE (atr_kiosk_config_get_enabled (off));

  g_autoptr(AtrKioskConfig) on = Load (TRUE);
  ASSERT_NE (on, nullptr) << error_->message;
  EXPECT_TRUE (atr_kiosk_config_get_enabled (on));
}

TEST_F (KioskConfig, DisabledWithoutTenantIsFine)
{
  Write ("[kiosk]\nenabled=false\n");
  g_autoptr(AtrKioskConfig) config = Load ();
  ASSERT_NE (config, nullptr) << error_->message;
  EXPECT_FALSE (atr_kiosk_config_get_enabled (config));
}

TEST_F (KioskConfig, EnabledWithoutTenantIsRefused)
{
  Write ("[kiosk]\nenabled=true\nresource=FrontDesk\n");
  ExpectRefused (ATR_KIOSK_ERROR_MISSING, { path_.c_str (), "[kiosk] tenant" });
}

TEST_F (KioskConfig, UnknownKeysAndGroupsAreWarnings)
{
  Write ("[kiosk]\nenabled=true\ntenant=harbour.atrium.test\nidle_logof_minutes=5\n"
         "[display]\nscale=2\n");
  g_autoptr(AtrKioskConfig) config = Load ();

  ASSERT_NE (config, nullptr) << error_->message;
  ASSERT_EQ (warnings_->len, 2u);
  std::string all;
  for (guint i = 0; i < warnings_->len; i++)
    all += std::string ((const char *) g_ptr_array_index (warnings_, i)) + "\n";
  EXPECT_NE (all.find ("[kiosk] unknown key idle_logof_minutes"), std::string::npos) << all;
  EXPECT_NE (all.find ("unknown group [display]"), std::string::npos) << all;
  EXPECT_NE (all.find (path_), std::string::npos) << all;
  // The typo did not set anything.
  EXPECT_EQ (atr_kiosk_config_get_idle_logoff_minutes (config), 0u);
}

struct Hostile
{
  const char    *name;
  std::string    text;
  AtrKioskError  code;
  const char    *key;  // the key the message must name (nullable)
};

void
PrintTo (const Hostile &c, std::ostream *os)
{
  *os << c.name;
}

class KioskConfigHostile : public KioskConfig, public ::testing::WithParamInterface<Hostile>
{
};

const std::string kHead = "[kiosk]\nenabled=true\ntenant=harbour.atrium.test\n";

const Hostile kHostile[] = {
  { "not_a_keyfile", "this is not a key file\n", ATR_KIOSK_ERROR_SYNTAX, nullptr },
  { "html", "<html><body>[kiosk]</body></html>\n", ATR_KIOSK_ERROR_SYNTAX, nullptr },
  { "nul_byte", std::string ("[kiosk]\nenabled=true\0tenant=x\n", 30), ATR_KIOSK_ERROR_SYNTAX,
    nullptr },
  { "invalid_utf8", "[kiosk]\ntenant=\xff\xfe\n", ATR_KIOSK_ERROR_SYNTAX, nullptr },
  { "enabled_yes", "[kiosk]\nenabled=yes\ntenant=a.test\n", ATR_KIOSK_ERROR_INVALID, "enabled" },
  { "enabled_one", "[kiosk]\nenabled=1\ntenant=a.test\n", ATR_KIOSK_ERROR_INVALID, "enabled" },
  { "enabled_empty", "[kiosk]\nenabled=\ntenant=a.test\n", ATR_KIOSK_ERROR_INVALID, "enabled" },
  { "reconnect_list", kHead + "reconnect=true;false\n", ATR_KIOSK_ERROR_INVALID, "reconnect" },
  { "minutes_negative", kHead + "idle_logoff_minutes=-1\n", ATR_KIOSK_ERROR_INVALID,
    "idle_logoff_minutes" },
  { "minutes_over_a_day", kHead + "idle_logoff_minutes=1441\n", ATR_KIOSK_ERROR_INVALID,
    "idle_logoff_minutes" },
  { "minutes_trailing_text", kHead + "idle_logoff_minutes=10min\n", ATR_KIOSK_ERROR_INVALID,
    "idle_logoff_minutes" },
  { "minutes_float", kHead + "idle_logoff_minutes=1.5\n", ATR_KIOSK_ERROR_INVALID,
    "idle_logoff_minutes" },
  { "minutes_hex", kHead + "idle_logoff_minutes=0x10\n", ATR_KIOSK_ERROR_INVALID,
    "idle_logoff_minutes" },
  { "minutes_overflow", kHead + "idle_logoff_minutes=99999999999999999999999\n",
    ATR_KIOSK_ERROR_INVALID, "idle_logoff_minutes" },
  { "minutes_empty", kHead + "idle_logoff_minutes=\n", ATR_KIOSK_ERROR_INVALID,
    "idle_logoff_minutes" },
  { "pin_short", kHead + "exit_pin_sha256=b03fad7e\n", ATR_KIOSK_ERROR_INVALID,
    "exit_pin_sha256" },
  { "pin_long", kHead + "exit_pin_sha256=" + kPin + "0\n", ATR_KIOSK_ERROR_INVALID,
    "exit_pin_sha256" },
  { "pin_not_hex", kHead + "exit_pin_sha256=" + std::string (63, 'a') + "g\n",
    ATR_KIOSK_ERROR_INVALID, "exit_pin_sha256" },
  { "pin_plain_text", kHead + "exit_pin_sha256=1234\n", ATR_KIOSK_ERROR_INVALID,
    "exit_pin_sha256" },
  { "tenant_space", "[kiosk]\nenabled=true\ntenant=harbour atrium.test\n",
    ATR_KIOSK_ERROR_INVALID, "tenant" },
  { "tenant_option", "[kiosk]\nenabled=true\ntenant=--proxy=evil.test\n",
    ATR_KIOSK_ERROR_INVALID, "tenant" },
  { "tenant_escape", "[kiosk]\nenabled=true\ntenant=a.test\\nevil.test\n",
    ATR_KIOSK_ERROR_INVALID, "tenant" },
  { "tenant_control", "[kiosk]\nenabled=true\ntenant=a.test\x01\n", ATR_KIOSK_ERROR_INVALID,
    "tenant" },
  { "tenant_empty", "[kiosk]\nenabled=true\ntenant=\n", ATR_KIOSK_ERROR_INVALID, "tenant" },
  { "tenant_overlong", "[kiosk]\nenabled=true\ntenant=" + std::string (2049, 'a') + "\n",
    ATR_KIOSK_ERROR_INVALID, "tenant" },
  { "resource_space", kHead + "resource=Front Desk\n", ATR_KIOSK_ERROR_INVALID, "resource" },
  { "resource_option", kHead + "resource=-x\n", ATR_KIOSK_ERROR_INVALID, "resource" },
  { "session_end_other", kHead + "session_end=exit\n", ATR_KIOSK_ERROR_INVALID, "session_end" },
};

TEST_P (KioskConfigHostile, RefusedNamingFileGroupAndKey)
{
  const Hostile &c = GetParam ();

  Write (c.text);
  if (c.key != nullptr)
    {
      std::string where = std::string ("[kiosk] ") + c.key;
      ExpectRefused (c.code, { path_.c_str (), where.c_str () });
      // The value itself is never quoted (the PIN hash least of all).
      EXPECT_EQ (strstr (error_->message, "=") , nullptr) << error_->message;
    }
  else
    ExpectRefused (c.code, { path_.c_str () });
}

INSTANTIATE_TEST_SUITE_P (Files, KioskConfigHostile, ::testing::ValuesIn (kHostile),
                          [] (const ::testing::TestParamInfo<Hostile> &info) {
                            return std::string (info.param.name);
                          });

TEST_F (KioskConfig, HugeFileIsRefusedUnread)
{
  const std::string line = "# padding padding padding padding padding padding padding\n";
  std::string text = kHead;
  while (text.size () + line.size () <= ATR_KIOSK_CONFIG_MAX_SIZE)
    text += line;

  // Up to the cap is fine …
  Write (text);
  {
    g_autoptr(AtrKioskConfig) config = Load ();
    EXPECT_NE (config, nullptr) << error_->message;
  }
  // … one line more is not.
  Write (text + line);
  ExpectRefused (ATR_KIOSK_ERROR_TOO_LARGE, { path_.c_str (), "too large" });
}

TEST_F (KioskConfig, WorldWritableFileIsRefused)
{
  Write (kHead, 0666);
  ExpectRefused (ATR_KIOSK_ERROR_INSECURE, { path_.c_str (), "world-writable" });
}

TEST_F (KioskConfig, WorldWritableFolderIsRefused)
{
  Write (kHead);
  ASSERT_EQ (g_chmod (dir_.c_str (), 0777), 0);
  ExpectRefused (ATR_KIOSK_ERROR_INSECURE, { dir_.c_str (), "folder", "world-writable" });
}

TEST_F (KioskConfig, FileOfAnotherUserIsRefused)
{
  Write (kHead);
  if (getuid () == 0)
    {
      // Root's own files are trusted; give the file to "nobody".
      ASSERT_EQ (chown (path_.c_str (), 65534, (gid_t) -1), 0);
    }
  else
    {
      // Without the test override, a file the user owns is not root's.
      g_unsetenv ("ATRIUM_KIOSK_TRUSTED_UID");
      g_autofree char *other = g_strdup_printf ("%u", (guint) getuid () + 1);
      g_setenv ("ATRIUM_KIOSK_TRUSTED_UID", other, TRUE);
    }
  ExpectRefused (ATR_KIOSK_ERROR_INSECURE, { path_.c_str (), "not root" });
}

TEST_F (KioskConfig, GroupWritableOnlyForGroupRoot)
{
  if (getuid () != 0)
    GTEST_SKIP () << "needs root to give the file to another group";
  Write (kHead, 0664);
  ASSERT_EQ (chown (path_.c_str (), (uid_t) -1, 0), 0);
  {
    g_autoptr(AtrKioskConfig) config = Load ();
    EXPECT_NE (config, nullptr) << error_->message;
  }
  ASSERT_EQ (chown (path_.c_str (), (uid_t) -1, 65534), 0);
  ExpectRefused (ATR_KIOSK_ERROR_INSECURE, { path_.c_str (), "writable by group 65534" });
}

TEST_F (KioskConfig, FolderInsteadOfFileIsRefused)
{
  ASSERT_EQ (g_mkdir (path_.c_str (), 0755), 0);
  ExpectRefused (ATR_KIOSK_ERROR_READ, { path_.c_str (), "not a regular file" });
}

TEST_F (KioskConfig, FifoIsRefusedWithoutBlocking)
{
  ASSERT_EQ (mkfifo (path_.c_str (), 0644), 0);
  ExpectRefused (ATR_KIOSK_ERROR_READ, { path_.c_str (), "not a regular file" });
}

TEST_F (KioskConfig, SymlinkToForeignFileIsJudgedByTheTarget)
{
  // A link in the trusted folder pointing at a world-writable file is still refused.
  std::string target = dir_ + "/real.conf";
  ASSERT_TRUE (g_file_set_contents (target.c_str (), kHead.c_str (), -1, nullptr));
  ASSERT_EQ (g_chmod (target.c_str (), 0666), 0);
  ASSERT_EQ (symlink (target.c_str (), path_.c_str ()), 0);
  ExpectRefused (ATR_KIOSK_ERROR_INSECURE, { "world-writable" });
  g_remove (target.c_str ());
}

// The tenant passes only a shape check here; the app parses it with atr_address_parse()
// before anything else (core cannot use net/). Both layers together refuse these.
TEST_F (KioskConfig, TenantIsThenCheckedByTheAddressParser)
{
  Write ("[kiosk]\nenabled=true\ntenant=http://harbour.atrium.test/feed\n");
  g_autoptr(AtrKioskConfig) config = Load ();
  ASSERT_NE (config, nullptr) << error_->message;

  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrAddress) address = atr_address_parse (atr_kiosk_config_get_tenant (config),
                                                     &error);
  EXPECT_EQ (address, nullptr);
  EXPECT_NE (error, nullptr);
}

TEST_F (KioskConfig, SampleFromTheDocsLoads)
{
  g_autofree char *sample = g_build_filename (g_getenv ("ATR_SOURCE_ROOT"), "docs",
                                              "atrium.conf.example", NULL);
  g_autofree char *text = nullptr;
  ASSERT_TRUE (g_file_get_contents (sample, &text, nullptr, nullptr)) << sample;
  Write (text);

  g_autoptr(AtrKioskConfig) config = Load ();
  ASSERT_NE (config, nullptr) << error_->message;
  EXPECT_EQ (warnings_->len, 0u);
  EXPECT_TRUE (atr_kiosk_config_get_enabled (config));
  EXPECT_STREQ (atr_kiosk_config_get_exit_pin_sha256 (config), kPin);

  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrAddress) address = atr_address_parse (atr_kiosk_config_get_tenant (config),
                                                     &error);
  EXPECT_NE (address, nullptr) << error->message;
}

}  // namespace
