// Tests for the kiosk's "between users" wipe (client/core/atr-user-wipe.c) on real folder
// trees: what is removed (feed, per-user caches, FreeRDP state, other tenants, data and
// config), what stays (the tenant's branding, other programs' files, whatever a symbolic link
// points at), hostile trees (links in place of files and folders, absurd nesting), unsafe
// tenant IDs, the async wipe with a forget-secrets function that succeeds or fails, and the
// real AtrTenantCache reading the branding back after a wipe.
//
// The headers are included from C++ on purpose: they must compile as C++.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include <glib/gstdio.h>
#include <unistd.h>

#include "atr-feed-client.h"
#include "atr-tenant-cache.h"
#include "atr-tenant-loader.h"
#include "atr-theme-store.h"
#include "atr-user-wipe.h"

namespace {

constexpr const char *kTenant = "harbour.atrium.test";

// The default XDG folders of this process point into one temp tree, before anything reads
// them (g_get_user_cache_dir() caches its first answer).
std::string
ProcessXdgRoot ()
{
  static std::string root = [] {
    char *tmp = g_dir_make_tmp ("atr-user-wipe-xdg-XXXXXX", nullptr);
    std::string r = tmp;
    g_free (tmp);
    g_setenv ("XDG_CACHE_HOME", (r + "/cache").c_str (), TRUE);
    g_setenv ("XDG_DATA_HOME", (r + "/data").c_str (), TRUE);
    g_setenv ("XDG_CONFIG_HOME", (r + "/config").c_str (), TRUE);
    return r;
  }();
  return root;
}
const std::string kXdgRoot = ProcessXdgRoot ();

void
RemoveTree (const std::string &path)
{
  g_autoptr(GError) error = nullptr;
  const char *argv[] = { "rm", "-rf", "--", path.c_str (), nullptr };
  g_spawn_sync (nullptr, (char **) argv, nullptr, G_SPAWN_SEARCH_PATH, nullptr, nullptr,
                nullptr, nullptr, nullptr, &error);
}

class UserWipe : public ::testing::Test
{
protected:
  void
  SetUp () override
  {
    char *tmp = g_dir_make_tmp ("atr-user-wipe-XXXXXX", nullptr);
    ASSERT_NE (tmp, nullptr);
    root_ = tmp;
    g_free (tmp);
    cache_ = root_ + "/cache";
    data_ = root_ + "/data";
    config_ = root_ + "/config";
    tenant_ = cache_ + "/atrium/tenants/" + kTenant;
    roots_ = { cache_.c_str (), data_.c_str (), config_.c_str () };
  }

  void
  TearDown () override
  {
    RemoveTree (root_);
  }

  void
  Put (const std::string &path,
       const std::string &text = "x")
  {
    g_autofree char *dir = g_path_get_dirname (path.c_str ());
    ASSERT_EQ (g_mkdir_with_parents (dir, 0700), 0) << dir;
    ASSERT_TRUE (g_file_set_contents (path.c_str (), text.c_str (), -1, nullptr)) << path;
  }

  void
  Link (const std::string &target,
        const std::string &path)
  {
    g_autofree char *dir = g_path_get_dirname (path.c_str ());
    ASSERT_EQ (g_mkdir_with_parents (dir, 0700), 0);
    ASSERT_EQ (symlink (target.c_str (), path.c_str ()), 0) << path;
  }

  static bool
  Exists (const std::string &path)
  {
    GStatBuf st;
    return g_lstat (path.c_str (), &st) == 0;
  }

  static std::string
  Read (const std::string &path)
  {
    g_autofree char *text = nullptr;
    if (!g_file_get_contents (path.c_str (), &text, nullptr, nullptr))
      return "<missing>";
    return text;
  }

  // The tree a kiosk user leaves behind.
  void
  PopulateUserTree ()
  {
    for (const char *name : { "tenant.json", "tenant.json.ini", "theme.json", "theme.json.ini",
                              "logo-light", "logo-light.ini", "logo-dark", "logo-dark.ini" })
      Put (tenant_ + "/" + name, std::string ("branding:") + name);
    Put (tenant_ + "/feed.xml", "<ResourceCollection/>");
    Put (tenant_ + "/feed.xml.ini");
    Put (tenant_ + "/endpoints.ini");
    Put (tenant_ + "/icons/app-32.png");
    Put (tenant_ + "/.hidden");
    Put (cache_ + "/atrium/tenants/other.test/feed.xml");
    Put (cache_ + "/atrium/tenants/other.test/tenant.json");
    Put (cache_ + "/atrium/freerdp/known_hosts2");
    Put (cache_ + "/atrium/freerdp/server/gateway.pem");
    Put (cache_ + "/atrium/stray");
    Put (data_ + "/atrium/recent.json");
    Put (config_ + "/atrium/user.conf");
    Put (cache_ + "/other-app/keep-me", "not ours");
    Put (data_ + "/other-app/keep-me", "not ours");
    Put (config_ + "/other-app/keep-me", "not ours");
  }

  std::string         root_, cache_, data_, config_, tenant_;
  AtrUserWipeRoots    roots_;
};

TEST_F (UserWipe, KeptNamesAreWhatNetAndThemesStore)
{
  const char * const *kept = atr_user_wipe_get_kept_names ();

  EXPECT_TRUE (g_strv_contains (kept, ATR_TENANT_MANIFEST_CACHE_NAME));
  EXPECT_TRUE (g_strv_contains (kept, ATR_THEME_CACHE_NAME));
  EXPECT_TRUE (g_strv_contains (kept, "logo-light"));
  EXPECT_TRUE (g_strv_contains (kept, "logo-dark"));
  // The feed is per user: it never survives.
  EXPECT_FALSE (g_strv_contains (kept, ATR_FEED_CACHE_NAME));
}

TEST_F (UserWipe, RemovesTheUserKeepsTheBranding)
{
  PopulateUserTree ();
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = nullptr;

  ASSERT_TRUE (atr_user_wipe_files (kTenant, &roots_, removed, &error)) << error->message;

  for (const char *name : { "tenant.json", "tenant.json.ini", "theme.json", "theme.json.ini",
                            "logo-light", "logo-light.ini", "logo-dark", "logo-dark.ini" })
    EXPECT_EQ (Read (tenant_ + "/" + name), std::string ("branding:") + name);

  for (const std::string &gone :
       { tenant_ + "/feed.xml", tenant_ + "/feed.xml.ini", tenant_ + "/endpoints.ini",
         tenant_ + "/icons", tenant_ + "/.hidden", cache_ + "/atrium/tenants/other.test",
         cache_ + "/atrium/freerdp", cache_ + "/atrium/stray", data_ + "/atrium",
         config_ + "/atrium" })
    EXPECT_FALSE (Exists (gone)) << gone;

  for (const std::string &stays :
       { cache_ + "/other-app/keep-me", data_ + "/other-app/keep-me",
         config_ + "/other-app/keep-me" })
    EXPECT_EQ (Read (stays), "not ours") << stays;

  // Reported: each removed top-level item once (children first, then their folder).
  std::vector<std::string> list;
  for (guint i = 0; i < removed->len; i++)
    list.emplace_back ((const char *) g_ptr_array_index (removed, i));
  auto has = [&] (const std::string &p) {
    return std::find (list.begin (), list.end (), p) != list.end ();
  };
  EXPECT_TRUE (has (tenant_ + "/feed.xml"));
  EXPECT_TRUE (has (tenant_ + "/icons/app-32.png"));
  EXPECT_TRUE (has (tenant_ + "/icons"));
  EXPECT_TRUE (has (data_ + "/atrium"));
  EXPECT_FALSE (has (tenant_ + "/theme.json"));
}

TEST_F (UserWipe, SecondWipeFindsNothing)
{
  PopulateUserTree ();
  ASSERT_TRUE (atr_user_wipe_files (kTenant, &roots_, nullptr, nullptr));

  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  ASSERT_TRUE (atr_user_wipe_files (kTenant, &roots_, removed, nullptr));
  EXPECT_EQ (removed->len, 0u);
}

TEST_F (UserWipe, NothingThereIsFine)
{
  g_autoptr(GError) error = nullptr;
  EXPECT_TRUE (atr_user_wipe_files (kTenant, &roots_, nullptr, &error));
  EXPECT_EQ (error, nullptr);
}

TEST_F (UserWipe, LinksAreRemovedNeverFollowed)
{
  std::string outside = root_ + "/outside";
  Put (outside + "/precious", "precious");
  Put (outside + "/sub/also", "precious");

  // A kept name that is a link, a link to a folder, a link in place of a per-user file.
  Link (outside + "/precious", tenant_ + "/logo-dark");
  Link (outside, tenant_ + "/icons");
  Link (outside, cache_ + "/atrium/freerdp");
  Link (outside, data_ + "/atrium");
  Put (tenant_ + "/theme.json", "branding");

  g_autoptr(GError) error = nullptr;
  ASSERT_TRUE (atr_user_wipe_files (kTenant, &roots_, nullptr, &error)) << error->message;

  EXPECT_FALSE (Exists (tenant_ + "/logo-dark"));
  EXPECT_FALSE (Exists (tenant_ + "/icons"));
  EXPECT_FALSE (Exists (cache_ + "/atrium/freerdp"));
  EXPECT_FALSE (Exists (data_ + "/atrium"));
  EXPECT_EQ (Read (tenant_ + "/theme.json"), "branding");
  EXPECT_EQ (Read (outside + "/precious"), "precious");
  EXPECT_EQ (Read (outside + "/sub/also"), "precious");
}

TEST_F (UserWipe, LinkedFoldersOnTheWayAreRemovedAsLinks)
{
  std::string outside = root_ + "/outside";
  Put (outside + "/tenants/" + kTenant + "/feed.xml", "someone else's");

  // cache/atrium itself a link: removed; the branding is simply fetched again.
  Link (outside, cache_ + "/atrium");
  ASSERT_TRUE (atr_user_wipe_files (kTenant, &roots_, nullptr, nullptr));
  EXPECT_FALSE (Exists (cache_ + "/atrium"));
  EXPECT_EQ (Read (outside + "/tenants/" + kTenant + "/feed.xml"), "someone else's");

  // The tenant folder a link: the same.
  Link (outside + "/tenants/" + kTenant, tenant_);
  ASSERT_TRUE (atr_user_wipe_files (kTenant, &roots_, nullptr, nullptr));
  EXPECT_FALSE (Exists (tenant_));
  EXPECT_TRUE (Exists (cache_ + "/atrium/tenants"));
  EXPECT_EQ (Read (outside + "/tenants/" + kTenant + "/feed.xml"), "someone else's");
}

TEST_F (UserWipe, KeptNameThatIsAFolderIsRemoved)
{
  Put (tenant_ + "/theme.json/inner");
  ASSERT_TRUE (atr_user_wipe_files (kTenant, &roots_, nullptr, nullptr));
  EXPECT_FALSE (Exists (tenant_ + "/theme.json"));
}

TEST_F (UserWipe, AbsurdNestingIsAnErrorButTheRestGoes)
{
  std::string deep = data_ + "/atrium";
  for (int i = 0; i < ATR_USER_WIPE_MAX_DEPTH + 5; i++)
    deep += "/d";
  Put (deep + "/leaf");
  Put (tenant_ + "/feed.xml");
  Put (config_ + "/atrium/user.conf");

  g_autoptr(GError) error = nullptr;
  EXPECT_FALSE (atr_user_wipe_files (kTenant, &roots_, nullptr, &error));
  ASSERT_NE (error, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_WIPE));
  EXPECT_NE (strstr (error->message, "nested too deep"), nullptr) << error->message;
  EXPECT_NE (strstr (error->message, data_.c_str ()), nullptr) << error->message;
  EXPECT_FALSE (Exists (tenant_ + "/feed.xml"));
  EXPECT_FALSE (Exists (config_ + "/atrium"));
}

TEST_F (UserWipe, UnsafeTenantIdsAreRefused)
{
  PopulateUserTree ();
  for (const char *id : { "", "..", ".", "../other-app", "a/b", ".hidden", "harbour test" })
    {
      g_autoptr(GError) error = nullptr;
      EXPECT_FALSE (atr_user_wipe_files (id, &roots_, nullptr, &error)) << id;
      EXPECT_TRUE (g_error_matches (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_WIPE)) << id;
    }
  // Nothing was touched.
  EXPECT_TRUE (Exists (tenant_ + "/feed.xml"));
  EXPECT_TRUE (Exists (data_ + "/atrium/recent.json"));
}

// --- async, with a forget-secrets function ---

struct Forget
{
  std::vector<std::string>  tenants;
  bool                      fail = false;
  GCancellable             *seen_cancellable = nullptr;
};

void
forget_cb (const char *tenant_id,
           GTask      *task,
           gpointer    user_data)
{
  Forget *f = static_cast<Forget *> (user_data);

  f->tenants.emplace_back (tenant_id);
  f->seen_cancellable = g_task_get_cancellable (task);
  // Answer later, from the main loop, as libsecret would.
  g_idle_add_once ([] (gpointer data) {
                     GTask *t = G_TASK (data);
                     Forget *ff = static_cast<Forget *> (g_object_get_data (G_OBJECT (t), "f"));
                     if (ff->fail)
                       g_task_return_new_error (t, G_IO_ERROR, G_IO_ERROR_FAILED,
                                                "the keyring is locked");
                     else
                       g_task_return_boolean (t, TRUE);
                     g_object_unref (t);
                   }, task);
  g_object_set_data (G_OBJECT (task), "f", f);
}

struct Done
{
  GMainLoop *loop;
  gboolean   ok = FALSE;
  GError    *error = nullptr;
};

void
wipe_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Done *d = static_cast<Done *> (user_data);
  d->ok = atr_user_wipe_finish (result, &d->error);
  g_main_loop_quit (d->loop);
}

TEST_F (UserWipe, AsyncForgetsSecretsThenFiles)
{
  PopulateUserTree ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (nullptr, FALSE);
  Forget forget;
  Done done { loop };

  atr_user_wipe_async (kTenant, &roots_, forget_cb, &forget, cancellable, wipe_done_cb, &done);
  g_main_loop_run (loop);

  EXPECT_TRUE (done.ok) << (done.error ? done.error->message : "");
  EXPECT_EQ (forget.tenants, std::vector<std::string> { kTenant });
  EXPECT_EQ (forget.seen_cancellable, cancellable);
  EXPECT_FALSE (Exists (tenant_ + "/feed.xml"));
  EXPECT_TRUE (Exists (tenant_ + "/theme.json"));
  g_clear_error (&done.error);
}

TEST_F (UserWipe, AsyncReportsSecretsFailureButStillWipesFiles)
{
  PopulateUserTree ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (nullptr, FALSE);
  Forget forget;
  forget.fail = true;
  Done done { loop };

  atr_user_wipe_async (kTenant, &roots_, forget_cb, &forget, nullptr, wipe_done_cb, &done);
  g_main_loop_run (loop);

  EXPECT_FALSE (done.ok);
  ASSERT_NE (done.error, nullptr);
  EXPECT_TRUE (g_error_matches (done.error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_SECRETS));
  EXPECT_NE (strstr (done.error->message, kTenant), nullptr) << done.error->message;
  EXPECT_NE (strstr (done.error->message, "keyring is locked"), nullptr);
  EXPECT_FALSE (Exists (tenant_ + "/feed.xml"));
  EXPECT_FALSE (Exists (data_ + "/atrium"));
  g_clear_error (&done.error);
}

TEST_F (UserWipe, AsyncWithoutSecretsFunction)
{
  PopulateUserTree ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (nullptr, FALSE);
  Done done { loop };

  atr_user_wipe_async (kTenant, &roots_, nullptr, nullptr, nullptr, wipe_done_cb, &done);
  g_main_loop_run (loop);
  EXPECT_TRUE (done.ok);
  EXPECT_FALSE (Exists (config_ + "/atrium"));
}

// The real cache code reads the branding back after a wipe, and no longer finds the feed.
TEST_F (UserWipe, RealTenantCacheAfterWipe)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrTenantCache) cache = atr_tenant_cache_new (kTenant, &error);
  ASSERT_NE (cache, nullptr) << error->message;
  ASSERT_EQ (std::string (atr_tenant_cache_get_dir (cache)),
             kXdgRoot + "/cache/atrium/tenants/" + kTenant);

  g_autoptr(GBytes) manifest = g_bytes_new_static ("{\"schema\":1}", 12);
  g_autoptr(GBytes) feed = g_bytes_new_static ("<ResourceCollection/>", 21);
  ASSERT_TRUE (atr_tenant_cache_store (cache, ATR_TENANT_MANIFEST_CACHE_NAME,
                                       "https://harbour.atrium.test/.well-known/atrium/tenant.json",
                                       "\"e1\"", manifest, &error)) << error->message;
  ASSERT_TRUE (atr_tenant_cache_store (cache, ATR_FEED_CACHE_NAME,
                                       "https://harbour.atrium.test/RDWeb/Feed/webfeed.aspx",
                                       nullptr, feed, &error)) << error->message;
  Put (kXdgRoot + "/data/atrium/recent.json");

  ASSERT_TRUE (atr_user_wipe_files (kTenant, nullptr, nullptr, &error)) << error->message;

  AtrTenantCacheEntry *kept = atr_tenant_cache_load (cache, ATR_TENANT_MANIFEST_CACHE_NAME,
                                                     &error);
  ASSERT_NE (kept, nullptr);
  EXPECT_TRUE (g_bytes_equal (atr_tenant_cache_entry_get_document (kept), manifest));
  atr_tenant_cache_entry_free (kept);
  EXPECT_EQ (atr_tenant_cache_load (cache, ATR_FEED_CACHE_NAME, &error), nullptr);
  EXPECT_FALSE (Exists (kXdgRoot + "/data/atrium"));

  RemoveTree (kXdgRoot);
}

}  // namespace
