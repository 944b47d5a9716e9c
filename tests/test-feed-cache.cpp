// Tests for the on-disk last-good feed cache.
#include <gtest/gtest.h>

#include <glib/gstdio.h>

#include "atr-feed-cache.h"
#include "atr-net-error.h"

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

class FeedCache : public ::testing::Test
{
protected:
  void SetUp () override
  {
    dir = CacheRoot::root;
    ASSERT_STREQ (g_get_user_cache_dir (), dir);
  }

  const char *dir = nullptr;
};

TEST_F (FeedCache, MissingIsNotFound)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeedCacheEntry) e = atr_feed_cache_load ("nobody.example", &error);
  EXPECT_EQ (e, nullptr);
  EXPECT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));
  EXPECT_NE (strstr (error->message, "nobody.example"), nullptr);
}

TEST_F (FeedCache, StoreThenLoadRoundTrips)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) doc = g_bytes_new_static ("<x/>", 4);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 11, 1, 8, 30, 0);

  ASSERT_TRUE (atr_feed_cache_store ("t1.example", "https://t1.example/f", doc, when, &error))
    << error->message;

  g_autoptr(AtrFeedCacheEntry) e = atr_feed_cache_load ("t1.example", &error);
  ASSERT_NE (e, nullptr) << error->message;
  EXPECT_STREQ (atr_feed_cache_entry_get_feed_url (e), "https://t1.example/f");
  EXPECT_TRUE (g_bytes_equal (atr_feed_cache_entry_get_document (e), doc));
  EXPECT_TRUE (g_date_time_equal (atr_feed_cache_entry_get_fetched (e), when));

  g_autofree char *path = g_build_filename (dir, "atrium", "tenants", "t1.example", "feed.xml",
                                            NULL);
  GStatBuf st;
  ASSERT_EQ (g_stat (path, &st), 0);
  EXPECT_EQ (st.st_mode & 0777, 0600u);
}

TEST_F (FeedCache, NewerReplacesOlderAndNoTempFilesRemain)
{
#define TID "newer"
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) one = g_bytes_new_static ("one", 3);
  g_autoptr(GBytes) two = g_bytes_new_static ("two!", 4);
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();

  ASSERT_TRUE (atr_feed_cache_store (TID, "https://t/f", one, when, &error));
  ASSERT_TRUE (atr_feed_cache_store (TID, "https://t/f", two, when, &error));
  g_autoptr(AtrFeedCacheEntry) e = atr_feed_cache_load (TID, &error);
  ASSERT_NE (e, nullptr);
  EXPECT_TRUE (g_bytes_equal (atr_feed_cache_entry_get_document (e), two));

  g_autofree char *tdir = g_build_filename (dir, "atrium", "tenants", TID, NULL);
  g_autoptr(GDir) d = g_dir_open (tdir, 0, NULL);
  guint n = 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  EXPECT_EQ (n, 2u);
#undef TID
}

TEST_F (FeedCache, UnsafeTenantIdsAreRefused)
{
  const char *bad[] = { "../etc", "a/b", ".hidden", "", "x\ny" };
  g_autoptr(GBytes) doc = g_bytes_new_static ("x", 1);
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();

  for (const char *id : bad)
    {
      g_autoptr(GError) error = NULL;
      EXPECT_FALSE (atr_feed_cache_store (id, "https://x/f", doc, when, &error)) << id;
      EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE)) << id;
    }
}

TEST_F (FeedCache, DamagedMetadataIsAClearError)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) doc = g_bytes_new_static ("x", 1);
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();
  ASSERT_TRUE (atr_feed_cache_store ("damaged", "https://t/f", doc, when, &error));

  g_autofree char *meta = g_build_filename (dir, "atrium", "tenants", "damaged", "feed.ini",
                                            NULL);
  ASSERT_TRUE (g_file_set_contents (meta, "[feed]\nurl=https://t/f\nfetched=yesterday\n", -1,
                                    NULL));
  g_autoptr(AtrFeedCacheEntry) e = atr_feed_cache_load ("damaged", &error);
  EXPECT_EQ (e, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE));
  EXPECT_NE (strstr (error->message, "feed.ini"), nullptr);

  g_clear_error (&error);
  ASSERT_TRUE (g_file_set_contents (meta, "\x01garbage[[[", -1, NULL));
  g_autoptr(AtrFeedCacheEntry) e2 = atr_feed_cache_load ("damaged", &error);
  EXPECT_EQ (e2, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE));
}

TEST_F (FeedCache, ClearForgetsAndIsIdempotent)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) doc = g_bytes_new_static ("x", 1);
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();
  ASSERT_TRUE (atr_feed_cache_store ("cleared", "https://t/f", doc, when, &error));
  ASSERT_TRUE (atr_feed_cache_clear ("cleared", &error));
  ASSERT_TRUE (atr_feed_cache_clear ("cleared", &error));
  g_autoptr(AtrFeedCacheEntry) e = atr_feed_cache_load ("cleared", &error);
  EXPECT_EQ (e, nullptr);
}

void
loaded_cb (GObject *, GAsyncResult *result, gpointer data)
{
  auto *out = static_cast<AtrFeedCacheEntry **> (data);
  g_autoptr(GError) error = NULL;
  *out = atr_feed_cache_load_finish (result, &error);
  if (*out == NULL)
    *out = reinterpret_cast<AtrFeedCacheEntry *> (1);  // mark done with failure
}

TEST_F (FeedCache, LoadAsyncRunsOffTheMainThread)
{
  g_autoptr(GBytes) doc = g_bytes_new_static ("abc", 3);
  g_autoptr(GDateTime) when = g_date_time_new_now_utc ();
  ASSERT_TRUE (atr_feed_cache_store ("async", "https://t/f", doc, when, NULL));

  AtrFeedCacheEntry *e = NULL;
  atr_feed_cache_load_async ("async", NULL, loaded_cb, &e);
  while (e == NULL)
    g_main_context_iteration (NULL, TRUE);
  ASSERT_NE (e, reinterpret_cast<AtrFeedCacheEntry *> (1));
  EXPECT_TRUE (g_bytes_equal (atr_feed_cache_entry_get_document (e), doc));
  atr_feed_cache_entry_free (e);
}

}  // namespace

int
main (int argc, char **argv)
{
  ::testing::InitGoogleTest (&argc, argv);
  ::testing::AddGlobalTestEnvironment (new CacheRoot);
  return RUN_ALL_TESTS ();
}
