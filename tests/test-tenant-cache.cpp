// Tests for the per-tenant on-disk cache (AtrTenantCache): the folder rule, round trips and
// atomic replacement. Tampering and document names are covered in test-tenant-fetch.
#include <gtest/gtest.h>

#include <glib/gstdio.h>

#include "atr-net-error.h"
#include "atr-tenant-cache.h"

namespace {

// GLib reads XDG_CACHE_HOME once per process: one private cache root for the whole run,
// and a tenant ID per test.
class CacheRoot : public ::testing::Environment
{
public:
  void SetUp () override
  {
    root = g_dir_make_tmp ("atr-cache-XXXXXX", NULL);
    ASSERT_NE (root, nullptr);
    g_setenv ("XDG_CACHE_HOME", root, TRUE);
  }
  void TearDown () override
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", root);
    ASSERT_EQ (system (cmd), 0);
  }
  static char *root;
};

char *CacheRoot::root = nullptr;

AtrTenantCache *
open_cache (const char *tenant_id)
{
  g_autoptr(GError) error = NULL;
  AtrTenantCache *cache = atr_tenant_cache_new (tenant_id, &error);
  EXPECT_NE (cache, nullptr) << (error ? error->message : "");
  return cache;
}

TEST (TenantCache, FolderIsUnderTheUserCache)
{
  g_autofree char *dir = atr_tenant_cache_dir_for_tenant ("t1.example", NULL);
  g_autofree char *want = g_build_filename (CacheRoot::root, "atrium", "tenants", "t1.example",
                                            NULL);
  EXPECT_STREQ (dir, want);
}

TEST (TenantCache, UnsafeTenantIdsAreRefused)
{
  const char *bad[] = { "../etc", "a/b", ".hidden", "", "x\ny", "..", "a b" };

  for (const char *id : bad)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(AtrTenantCache) cache = atr_tenant_cache_new (id, &error);
      EXPECT_EQ (cache, nullptr) << id;
      EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE)) << id;
    }
}

TEST (TenantCache, MissingReadsAsAbsent)
{
  g_autoptr(AtrTenantCache) cache = open_cache ("nobody.example");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTenantCacheEntry) e = atr_tenant_cache_load (cache, "feed.xml", &error);
  EXPECT_EQ (e, nullptr);
  EXPECT_EQ (error, nullptr);
}

TEST (TenantCache, StoreThenLoadRoundTrips)
{
  g_autoptr(AtrTenantCache) cache = open_cache ("roundtrip");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) doc = g_bytes_new_static ("<x/>", 4);
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();

  ASSERT_TRUE (atr_tenant_cache_store (cache, "feed.xml", "https://t1.example/f", "\"e1\"", doc,
                                       &error)) << error->message;

  g_autoptr(AtrTenantCacheEntry) e = atr_tenant_cache_load (cache, "feed.xml", &error);
  ASSERT_NE (e, nullptr);
  EXPECT_STREQ (atr_tenant_cache_entry_get_url (e), "https://t1.example/f");
  EXPECT_STREQ (atr_tenant_cache_entry_get_etag (e), "\"e1\"");
  EXPECT_TRUE (g_bytes_equal (atr_tenant_cache_entry_get_document (e), doc));
  // Stored with second precision: not earlier than a second before the store.
  EXPECT_GE (g_date_time_difference (atr_tenant_cache_entry_get_fetched (e), before),
             -G_TIME_SPAN_SECOND);

  g_autofree char *path = g_build_filename (atr_tenant_cache_get_dir (cache), "feed.xml", NULL);
  GStatBuf st;
  ASSERT_EQ (g_stat (path, &st), 0);
  EXPECT_EQ (st.st_mode & 0777, 0600u);
}

TEST (TenantCache, NewerReplacesOlderAndNoTempFilesRemain)
{
  g_autoptr(AtrTenantCache) cache = open_cache ("newer");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) one = g_bytes_new_static ("one", 3);
  g_autoptr(GBytes) two = g_bytes_new_static ("two!", 4);

  ASSERT_TRUE (atr_tenant_cache_store (cache, "feed.xml", "https://t/f", NULL, one, &error));
  ASSERT_TRUE (atr_tenant_cache_store (cache, "feed.xml", "https://t/f", NULL, two, &error));
  g_autoptr(AtrTenantCacheEntry) e = atr_tenant_cache_load (cache, "feed.xml", &error);
  ASSERT_NE (e, nullptr);
  EXPECT_TRUE (g_bytes_equal (atr_tenant_cache_entry_get_document (e), two));

  g_autoptr(GDir) d = g_dir_open (atr_tenant_cache_get_dir (cache), 0, NULL);
  ASSERT_NE (d, nullptr);
  guint n = 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  EXPECT_EQ (n, 2u);  // feed.xml and feed.xml.ini
}

TEST (TenantCache, RemoveForgetsAndIsIdempotent)
{
  g_autoptr(AtrTenantCache) cache = open_cache ("removed");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) doc = g_bytes_new_static ("x", 1);
  ASSERT_TRUE (atr_tenant_cache_store (cache, "feed.xml", "https://t/f", NULL, doc, &error));
  ASSERT_TRUE (atr_tenant_cache_remove (cache, "feed.xml", &error));
  ASSERT_TRUE (atr_tenant_cache_remove (cache, "feed.xml", &error));
  g_autoptr(AtrTenantCacheEntry) e = atr_tenant_cache_load (cache, "feed.xml", &error);
  EXPECT_EQ (e, nullptr);
}

}  // namespace

int
main (int argc, char **argv)
{
  ::testing::InitGoogleTest (&argc, argv);
  ::testing::AddGlobalTestEnvironment (new CacheRoot);
  return RUN_ALL_TESTS ();
}
