/* test-tenant-fetch.cpp — the tenant manifest, theme and logos over HTTPS: ETag/304, the
 * per-tenant cache, refused documents, offline start, 404 manifests (real TLS broker)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test serves a private copy of the fixtures (tests/data/tenants/…) so it can replace
 * a document between two loads, and drives everything asynchronously on this thread's main
 * context, where the in-process broker also runs.
 */
#include <gtest/gtest.h>

#include <string>

#include <glib/gstdio.h>

#include "atr-cached-fetch.h"
#include "atr-net-error.h"
#include "atr-resolver.h"
#include "atr-tenant-cache.h"
#include "atr-tenant-loader.h"
#include "atr-test-broker.h"
#include "atr-theme-store.h"
#include "atr-trust-store.h"

namespace {

std::string
certs (const char *name)
{
  return std::string (g_getenv ("ATR_TEST_CERTS")) + "/" + name;
}

std::string
tenants ()
{
  return std::string (g_getenv ("ATR_TEST_DATA")) + "/tenants";
}

void
run_shell (const std::string &cmd)
{
  ASSERT_EQ (system (cmd.c_str ()), 0) << cmd;
}

/* GLib reads XDG_CACHE_HOME once per process: one private cache root for the whole run,
 * emptied before each test. */
class CacheRoot : public ::testing::Environment
{
public:
  void SetUp () override
  {
    root = g_dir_make_tmp ("atr-tenant-fetch-XXXXXX", NULL);
    g_setenv ("XDG_CACHE_HOME", root, TRUE);
  }
  void TearDown () override
  {
    run_shell (std::string ("rm -rf '") + root + "'");
    g_free (root);
  }
  char *root = nullptr;
};

CacheRoot *cache_root;

template <typename T>
struct Done
{
  bool done = false;
  T *value = nullptr;
  GError *error = nullptr;
  ~Done () { g_clear_error (&error); }
};

void
manifest_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  auto *d = static_cast<Done<AtrTenantManifest> *> (data);
  d->value = atr_tenant_loader_load_finish (ATR_TENANT_LOADER (source), res, &d->error);
  d->done = true;
}

void
theme_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  auto *d = static_cast<Done<AtrTheme> *> (data);
  d->value = atr_theme_store_load_finish (ATR_THEME_STORE (source), res, &d->error);
  d->done = true;
}

void
cached_fetch_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  auto *d = static_cast<Done<AtrCachedFetch> *> (data);
  d->value = atr_cached_fetch_finish (res, &d->error);
  d->done = true;
}

gpointer
accept_json (GBytes *document, const char *url, gpointer user_data, GError **error)
{
  gsize len = 0;
  const char *data = static_cast<const char *> (g_bytes_get_data (document, &len));
  if (len == 0 || data[0] != '{')
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA, "%s: not an object", url);
      return NULL;
    }
  return g_bytes_ref (document);
}

std::string
joined (const char * const *strv)
{
  std::string s;
  for (guint i = 0; strv != nullptr && strv[i] != nullptr; i++)
    s += std::string (strv[i]) + "\n";
  return s;
}

class TenantFetch : public ::testing::Test
{
protected:
  void SetUp () override
  {
    g_autoptr(GError) error = NULL;

    run_shell (std::string ("rm -rf '") + cache_root->root + "/atrium'");
    root = g_dir_make_tmp ("atr-tenant-root-XXXXXX", &error);
    ASSERT_NE (root, nullptr) << error->message;
    for (const char *t : { "harbour.atrium.test", "tenant1.atrium.test" })
      run_shell ("cp -r '" + tenants () + "/" + t + "' '" + root + "/'");

    port = atr_test_pick_shared_port (&error);
    ASSERT_NE (port, 0u) << error->message;
    trust = atr_trust_store_new_from_file (certs ("ca.pem").c_str (), &error);
    ASSERT_NE (trust, nullptr) << error->message;
    resolver = atr_resolver_new (NULL);
    atr_resolver_install (resolver);
    fallback = atr_theme_store_load_default (&error);
    ASSERT_NE (fallback, nullptr) << error->message;
  }

  void TearDown () override
  {
    stop ();
    g_clear_object (&broker);
    g_clear_object (&trust);
    g_clear_object (&resolver);
    g_clear_object (&fallback);
    run_shell (std::string ("rm -rf '") + root + "'");
    g_free (root);
  }

  void start (const char *cert = "good")
  {
    g_autoptr(GError) error = NULL;
    std::string crt = certs ((std::string (cert) + ".crt").c_str ());
    std::string key = certs ((std::string (cert) + ".key").c_str ());

    broker = atr_test_broker_new (root, crt.c_str (), key.c_str (), &error);
    ASSERT_NE (broker, nullptr) << error->message;
    ASSERT_TRUE (atr_test_broker_listen (broker, "127.0.0.1", port, &error)) << error->message;
  }

  void stop ()
  {
    if (broker != nullptr)
      atr_test_broker_stop (broker);
  }

  std::string host_port (const char *host)
  {
    g_autofree char *s = g_strdup_printf ("%s:%u", host, port);
    return s;
  }

  std::string origin (const char *host) { return "https://" + host_port (host); }

  void write (const char *host, const char *path, const std::string &text)
  {
    std::string file = std::string (root) + "/" + host + "/" + path;
    ASSERT_TRUE (g_file_set_contents (file.c_str (), text.data (), (gssize) text.size (), NULL));
  }

  std::string cached (const char *host, const char *name)
  {
    g_autofree char *id = g_strdup_printf ("%s_%u", host, port);
    g_autofree char *path = g_build_filename (cache_root->root, "atrium", "tenants", id, name,
                                              NULL);
    g_autofree char *data = NULL;
    if (!g_file_get_contents (path, &data, NULL, NULL))
      return "";
    return data;
  }

  /* A loader for HOST:port; HOST resolves to 127.0.0.1 (the broker). */
  AtrTenantLoader *loader_for (const char *host)
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *spec = g_strdup_printf ("%s:%u:127.0.0.1", host, port);
    EXPECT_TRUE (atr_resolver_add_override (resolver, spec, &error));
    g_autoptr(AtrAddress) address = atr_address_parse (host_port (host).c_str (), &error);
    EXPECT_NE (address, nullptr);
    AtrTenantLoader *loader = atr_tenant_loader_new (trust, address, &error);
    EXPECT_NE (loader, nullptr) << (error ? error->message : "");
    atr_tenant_loader_set_attempt_timeout (loader, 2000);
    return loader;
  }

  AtrTenantManifest *load_manifest (AtrTenantLoader *loader, GError **error = nullptr)
  {
    Done<AtrTenantManifest> d;
    atr_tenant_loader_load_async (loader, NULL, manifest_cb, &d);
    while (!d.done)
      g_main_context_iteration (NULL, TRUE);
    if (error != nullptr)
      *error = g_steal_pointer (&d.error);
    else
      EXPECT_EQ (d.error, nullptr) << d.error->message;
    return d.value;
  }

  AtrTheme *load_theme (AtrThemeStore *store, AtrTenantManifest *manifest,
                        GError **error = nullptr)
  {
    Done<AtrTheme> d;
    atr_theme_store_load_async (store, manifest, NULL, theme_cb, &d);
    while (!d.done)
      g_main_context_iteration (NULL, TRUE);
    if (error != nullptr)
      *error = g_steal_pointer (&d.error);
    else
      EXPECT_EQ (d.error, nullptr) << d.error->message;
    return d.value;
  }

  char *root = nullptr;
  guint port = 0;
  AtrTestBroker *broker = nullptr;
  AtrTrustStore *trust = nullptr;
  AtrResolver *resolver = nullptr;
  AtrTheme *fallback = nullptr;
};

/* --- the generic cached fetch: 200 stores, 304 reuses --- */

TEST_F (TenantFetch, FirstFetchStoresThenIfNoneMatchGets304)
{
  start ();
  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  std::string url = origin ("harbour.atrium.test") + "/.well-known/atrium/theme/theme.json";
  AtrCachedFetchSpec spec = {};
  spec.http = atr_tenant_loader_get_http (loader);
  spec.cache = atr_tenant_loader_get_cache (loader);
  spec.name = "probe.json";
  spec.url = url.c_str ();
  spec.max_size = 1 << 20;
  spec.same_url_only = TRUE;
  spec.validate = accept_json;
  spec.value_free = (GDestroyNotify) g_bytes_unref;

  Done<AtrCachedFetch> first;
  atr_cached_fetch_async (&spec, NULL, cached_fetch_cb, &first);
  while (!first.done)
    g_main_context_iteration (NULL, TRUE);
  ASSERT_NE (first.value, nullptr);
  EXPECT_FALSE (atr_cached_fetch_is_from_cache (first.value));
  EXPECT_FALSE (atr_cached_fetch_is_not_modified (first.value));
  ASSERT_NE (atr_cached_fetch_get_value (first.value), nullptr);
  g_autofree char *inm1 = atr_test_broker_dup_last_header (broker, "/.well-known/atrium/theme/",
                                                           "If-None-Match");
  EXPECT_EQ (inm1, nullptr);
  std::string stored_ini = cached ("harbour.atrium.test", "probe.json.ini");
  EXPECT_NE (stored_ini.find ("etag=\""), std::string::npos) << stored_ini;

  Done<AtrCachedFetch> second;
  atr_cached_fetch_async (&spec, NULL, cached_fetch_cb, &second);
  while (!second.done)
    g_main_context_iteration (NULL, TRUE);
  ASSERT_NE (second.value, nullptr);
  EXPECT_TRUE (atr_cached_fetch_is_not_modified (second.value));
  EXPECT_TRUE (atr_cached_fetch_is_from_cache (second.value));
  EXPECT_EQ (atr_cached_fetch_get_failed (second.value), nullptr);
  g_autofree char *inm2 = atr_test_broker_dup_last_header (broker, "/.well-known/atrium/theme/",
                                                           "If-None-Match");
  ASSERT_NE (inm2, nullptr);
  EXPECT_NE (stored_ini.find (std::string ("etag=") + inm2), std::string::npos);
  EXPECT_TRUE (g_bytes_equal (atr_cached_fetch_get_document (first.value),
                              atr_cached_fetch_get_document (second.value)));
  EXPECT_EQ (atr_test_broker_get_request_count (broker, "/.well-known/atrium/theme/"), 2u);

  atr_cached_fetch_free (first.value);
  atr_cached_fetch_free (second.value);
}

/* --- manifest, theme and logos end to end --- */

TEST_F (TenantFetch, ManifestThemeAndLogosAreFetchedCachedAndRevalidated)
{
  start ();
  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  g_autoptr(AtrTenantManifest) manifest = load_manifest (loader);
  ASSERT_NE (manifest, nullptr);
  EXPECT_STREQ (atr_tenant_manifest_get_id (manifest), "harbour");
  EXPECT_FALSE (atr_tenant_loader_is_stale (loader));

  g_autoptr(AtrThemeStore) store = atr_theme_store_new (atr_tenant_loader_get_http (loader),
                                                        atr_tenant_loader_get_cache (loader),
                                                        fallback);
  g_autoptr(AtrTheme) theme = load_theme (store, manifest);
  ASSERT_NE (theme, nullptr);
  EXPECT_STREQ (atr_theme_get_name (theme), "Harbour");
  EXPECT_EQ (joined (atr_theme_store_get_warnings (store)), "");
  ASSERT_NE (atr_theme_store_get_logo (store, ATR_THEME_VARIANT_LIGHT), nullptr);
  ASSERT_NE (atr_theme_store_get_logo (store, ATR_THEME_VARIANT_DARK), nullptr);
  EXPECT_EQ (atr_theme_get_logo_url (theme, ATR_THEME_VARIANT_DARK),
             origin ("harbour.atrium.test") + "/.well-known/atrium/theme/logo-dark.svg");
  for (const char *name : { "tenant.json", "theme.json", "logo-light", "logo-dark" })
    EXPECT_NE (cached ("harbour.atrium.test", name), "") << name;

  /* Second run: every document is revalidated with its ETag. */
  g_autoptr(AtrTenantManifest) again = load_manifest (loader);
  ASSERT_NE (again, nullptr);
  EXPECT_FALSE (atr_tenant_loader_is_stale (loader));
  g_autoptr(AtrTheme) theme2 = load_theme (store, again);
  ASSERT_NE (theme2, nullptr);
  EXPECT_STREQ (atr_theme_get_name (theme2), "Harbour");
  for (const char *path : { "/.well-known/atrium/tenant.json",
                            "/.well-known/atrium/theme/theme.json",
                            "/.well-known/atrium/theme/logo.svg",
                            "/.well-known/atrium/theme/logo-dark.svg" })
    {
      g_autofree char *inm = atr_test_broker_dup_last_header (broker, path, "If-None-Match");
      EXPECT_NE (inm, nullptr) << path;
      EXPECT_EQ (atr_test_broker_get_request_count (broker, path), 2u) << path;
    }
  EXPECT_NE (atr_theme_store_get_logo (store, ATR_THEME_VARIANT_LIGHT), nullptr);
}

TEST_F (TenantFetch, BrokenNewThemeNeverReplacesTheLastGoodOne)
{
  start ();
  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  g_autoptr(AtrTenantManifest) manifest = load_manifest (loader);
  ASSERT_NE (manifest, nullptr);
  g_autoptr(AtrThemeStore) store = atr_theme_store_new (atr_tenant_loader_get_http (loader),
                                                        atr_tenant_loader_get_cache (loader),
                                                        fallback);
  g_autoptr(AtrTheme) good = load_theme (store, manifest);
  ASSERT_NE (good, nullptr);
  std::string cached_before = cached ("harbour.atrium.test", "theme.json");

  write ("harbour.atrium.test", ".well-known/atrium/theme/theme.json",
         "{\"atrium_theme\":1,\"name\":\"Broken\",\"colors\":{\"light\":{\"accent\":\"red\"}}}");
  g_autoptr(AtrTheme) kept = load_theme (store, manifest);
  ASSERT_NE (kept, nullptr);
  EXPECT_STREQ (atr_theme_get_name (kept), "Harbour");
  EXPECT_TRUE (atr_theme_store_is_stale (store));
  std::string w = joined (atr_theme_store_get_warnings (store));
  EXPECT_NE (w.find ("new tenant theme refused"), std::string::npos) << w;
  EXPECT_NE (w.find ("theme.json"), std::string::npos) << w;
  EXPECT_NE (w.find ("colors.light"), std::string::npos) << w;
  EXPECT_EQ (cached ("harbour.atrium.test", "theme.json"), cached_before);
}

TEST_F (TenantFetch, BrokenNewManifestNeverReplacesTheLastGoodOne)
{
  start ();
  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  g_autoptr(AtrTenantManifest) good = load_manifest (loader);
  ASSERT_NE (good, nullptr);

  write ("harbour.atrium.test", ".well-known/atrium/tenant.json",
         "{\"atrium_tenant\":1,\"id\":\"x\",\"feed_url\":\"http://evil.example/feed\"}");
  g_autoptr(AtrTenantManifest) kept = load_manifest (loader);
  ASSERT_NE (kept, nullptr);
  EXPECT_STREQ (atr_tenant_manifest_get_id (kept), "harbour");
  EXPECT_EQ (atr_tenant_manifest_get_feed_url (kept), nullptr);
  EXPECT_TRUE (atr_tenant_loader_is_stale (loader));
  std::string w = joined (atr_tenant_loader_get_warnings (loader));
  EXPECT_NE (w.find ("new tenant manifest refused"), std::string::npos) << w;
  EXPECT_NE (w.find ("feed_url"), std::string::npos) << w;
}

TEST_F (TenantFetch, HostileManifestWithoutCacheIsRefused)
{
  start ();
  write ("harbour.atrium.test", ".well-known/atrium/tenant.json",
         "{\"atrium_tenant\":1,\"gateways\":[\"https://gw.example/path\"]}");
  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTenantManifest) manifest = load_manifest (loader, &error);
  EXPECT_EQ (manifest, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA));
  EXPECT_NE (std::string (error->message).find ("gateways[0]"), std::string::npos)
    << error->message;
  EXPECT_EQ (cached ("harbour.atrium.test", "tenant.json"), "");
}

TEST_F (TenantFetch, OfflineStartUsesTheCache)
{
  start ();
  {
    g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
    g_autoptr(AtrTenantManifest) manifest = load_manifest (loader);
    ASSERT_NE (manifest, nullptr);
    g_autoptr(AtrThemeStore) store = atr_theme_store_new (atr_tenant_loader_get_http (loader),
                                                          atr_tenant_loader_get_cache (loader),
                                                          fallback);
    g_autoptr(AtrTheme) theme = load_theme (store, manifest);
    ASSERT_NE (theme, nullptr);
  }
  stop ();
  guint before = atr_test_broker_get_request_count (broker, NULL);

  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  atr_tenant_loader_set_offline (loader, TRUE);
  g_autoptr(AtrTenantManifest) manifest = load_manifest (loader);
  ASSERT_NE (manifest, nullptr);
  EXPECT_STREQ (atr_tenant_manifest_get_display_name (manifest), "Harbour Dental Group");
  g_autoptr(AtrThemeStore) store = atr_theme_store_new (NULL, atr_tenant_loader_get_cache (loader),
                                                        fallback);
  g_autoptr(AtrTheme) theme = load_theme (store, manifest);
  ASSERT_NE (theme, nullptr);
  EXPECT_STREQ (atr_theme_get_name (theme), "Harbour");
  EXPECT_NE (atr_theme_store_get_logo (store, ATR_THEME_VARIANT_LIGHT), nullptr);
  EXPECT_NE (atr_theme_get_logo_url (theme, ATR_THEME_VARIANT_LIGHT), nullptr);
  EXPECT_EQ (atr_test_broker_get_request_count (broker, NULL), before);
}

TEST_F (TenantFetch, UnreachableTenantFallsBackToTheCacheWithAWarning)
{
  start ();
  {
    g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
    g_autoptr(AtrTenantManifest) manifest = load_manifest (loader);
    ASSERT_NE (manifest, nullptr);
  }
  atr_test_broker_set_fault (broker, ATR_TEST_FAULT_ERROR_5XX);
  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  g_autoptr(AtrTenantManifest) manifest = load_manifest (loader);
  ASSERT_NE (manifest, nullptr);
  EXPECT_TRUE (atr_tenant_loader_is_stale (loader));
  std::string w = joined (atr_tenant_loader_get_warnings (loader));
  EXPECT_NE (w.find ("not fetched"), std::string::npos) << w;
  EXPECT_NE (w.find ("503"), std::string::npos) << w;

  /* No cache at all: the failure is the answer. */
  g_autoptr(AtrTenantLoader) other = loader_for ("tenant1.atrium.test");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTenantManifest) none = load_manifest (other, &error);
  EXPECT_EQ (none, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_HTTP))
    << (error ? error->message : "no error");
}

TEST_F (TenantFetch, NoManifestMeansTheDefaultTheme)
{
  start ();
  g_autoptr(AtrTenantLoader) loader = loader_for ("tenant1.atrium.test");
  g_autoptr(AtrTenantManifest) manifest = load_manifest (loader);
  EXPECT_EQ (manifest, nullptr);
  EXPECT_EQ (joined (atr_tenant_loader_get_warnings (loader)), "");
  g_autoptr(AtrThemeStore) store = atr_theme_store_new (atr_tenant_loader_get_http (loader),
                                                        atr_tenant_loader_get_cache (loader),
                                                        fallback);
  g_autoptr(AtrTheme) theme = load_theme (store, NULL);
  EXPECT_EQ (theme, fallback);
  EXPECT_STREQ (atr_theme_get_name (theme), "Atrium");
}

TEST_F (TenantFetch, AWithdrawnManifestIsForgotten)
{
  start ();
  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  g_autoptr(AtrTenantManifest) manifest = load_manifest (loader);
  ASSERT_NE (manifest, nullptr);
  ASSERT_NE (cached ("harbour.atrium.test", "tenant.json"), "");

  std::string file = std::string (root) + "/harbour.atrium.test/.well-known/atrium/tenant.json";
  ASSERT_EQ (g_unlink (file.c_str ()), 0);
  g_autoptr(AtrTenantManifest) gone = load_manifest (loader);
  EXPECT_EQ (gone, nullptr);
  EXPECT_EQ (cached ("harbour.atrium.test", "tenant.json"), "");
}

TEST_F (TenantFetch, ARejectedCertificateIsAnError)
{
  start ("unknownca");
  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTenantManifest) manifest = load_manifest (loader, &error);
  EXPECT_EQ (manifest, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE))
    << (error ? error->message : "no error");
}

TEST_F (TenantFetch, AnUnsafeLogoIsDroppedWithAWarning)
{
  start ();
  write ("harbour.atrium.test", ".well-known/atrium/theme/logo.svg",
         "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
         "<script>alert(1)</script></svg>");
  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  g_autoptr(AtrTenantManifest) manifest = load_manifest (loader);
  ASSERT_NE (manifest, nullptr);
  g_autoptr(AtrThemeStore) store = atr_theme_store_new (atr_tenant_loader_get_http (loader),
                                                        atr_tenant_loader_get_cache (loader),
                                                        fallback);
  g_autoptr(AtrTheme) theme = load_theme (store, manifest);
  ASSERT_NE (theme, nullptr);
  EXPECT_EQ (atr_theme_get_logo_url (theme, ATR_THEME_VARIANT_LIGHT), nullptr);
  EXPECT_EQ (atr_theme_store_get_logo (store, ATR_THEME_VARIANT_LIGHT), nullptr);
  EXPECT_NE (atr_theme_get_logo_url (theme, ATR_THEME_VARIANT_DARK), nullptr);
  std::string w = joined (atr_theme_store_get_warnings (store));
  EXPECT_NE (w.find ("logo.light"), std::string::npos) << w;
  EXPECT_NE (w.find ("script"), std::string::npos) << w;
  EXPECT_EQ (cached ("harbour.atrium.test", "logo-light"), "");
}

TEST_F (TenantFetch, InlineThemeIsUsedAndABrokenOneKeepsTheCachedTheme)
{
  start ();
  std::string manifest_text =
    "{\"atrium_tenant\":1,\"id\":\"harbour\",\"theme\":{\"atrium_theme\":1,\"name\":\"Inline\","
    "\"colors\":{\"light\":{\"accent\":\"#0f766e\",\"accent_fg\":\"#ffffff\","
    "\"header_bg\":\"#e0f2f1\",\"header_fg\":\"#134e4a\",\"window_bg\":\"#f7fbfb\","
    "\"window_fg\":\"#102a28\"}}}}";
  write ("harbour.atrium.test", ".well-known/atrium/tenant.json", manifest_text);
  g_autoptr(AtrTenantLoader) loader = loader_for ("harbour.atrium.test");
  g_autoptr(AtrTenantManifest) manifest = load_manifest (loader);
  ASSERT_NE (manifest, nullptr);
  g_autoptr(AtrThemeStore) store = atr_theme_store_new (atr_tenant_loader_get_http (loader),
                                                        atr_tenant_loader_get_cache (loader),
                                                        fallback);
  g_autoptr(AtrTheme) theme = load_theme (store, manifest);
  ASSERT_NE (theme, nullptr);
  EXPECT_STREQ (atr_theme_get_name (theme), "Inline");

  /* The manifest stays valid (the theme is checked by themes/), the theme does not. */
  std::string broken = manifest_text;
  broken.replace (broken.find ("#0f766e"), 7, "#0f76");
  write ("harbour.atrium.test", ".well-known/atrium/tenant.json", broken);
  g_autoptr(AtrTenantManifest) manifest2 = load_manifest (loader);
  ASSERT_NE (manifest2, nullptr);
  g_autoptr(AtrTheme) kept = load_theme (store, manifest2);
  ASSERT_NE (kept, nullptr);
  EXPECT_STREQ (atr_theme_get_name (kept), "Inline");
  std::string w = joined (atr_theme_store_get_warnings (store));
  EXPECT_NE (w.find ("theme.colors.light.accent"), std::string::npos) << w;
}

/* --- the cache on its own --- */

TEST (TenantCache, StoresLoadsAndRefusesTamperedOrUnsafeEntries)
{
  g_autoptr(GError) error = NULL;
  run_shell (std::string ("rm -rf '") + cache_root->root + "/atrium'");
  g_autoptr(AtrTenantCache) cache = atr_tenant_cache_new ("cache.test", &error);
  ASSERT_NE (cache, nullptr) << error->message;
  g_autoptr(GBytes) doc = g_bytes_new_static ("{\"a\":1}", 7);
  ASSERT_TRUE (atr_tenant_cache_store (cache, "doc.json", "https://cache.test/doc.json",
                                       "\"abc\"", doc, &error)) << error->message;

  g_autoptr(AtrTenantCacheEntry) entry = atr_tenant_cache_load (cache, "doc.json", &error);
  ASSERT_NE (entry, nullptr);
  EXPECT_STREQ (atr_tenant_cache_entry_get_url (entry), "https://cache.test/doc.json");
  EXPECT_STREQ (atr_tenant_cache_entry_get_etag (entry), "\"abc\"");
  EXPECT_TRUE (g_bytes_equal (atr_tenant_cache_entry_get_document (entry), doc));

  g_autofree char *path = g_build_filename (atr_tenant_cache_get_dir (cache), "doc.json", NULL);
  GStatBuf st;
  ASSERT_EQ (g_stat (path, &st), 0);
  EXPECT_EQ (st.st_mode & 0777, 0600u);
  ASSERT_TRUE (g_file_set_contents (path, "{\"a\":2}", 7, NULL));
  g_autoptr(AtrTenantCacheEntry) tampered = atr_tenant_cache_load (cache, "doc.json", &error);
  EXPECT_EQ (tampered, nullptr);
  EXPECT_EQ (error, nullptr);

  for (const char *bad : { "../x", ".hidden", "a/b", "x.ini", "" })
    {
      g_autoptr(GError) e = NULL;
      EXPECT_FALSE (atr_tenant_cache_store (cache, bad, "https://x/", NULL, doc, &e)) << bad;
      EXPECT_TRUE (g_error_matches (e, ATR_NET_ERROR, ATR_NET_ERROR_CACHE)) << bad;
    }
  g_autoptr(GError) e2 = NULL;
  g_autoptr(AtrTenantCache) escape = atr_tenant_cache_new ("../etc", &e2);
  EXPECT_EQ (escape, nullptr);
  EXPECT_TRUE (g_error_matches (e2, ATR_NET_ERROR, ATR_NET_ERROR_CACHE));
}

} // namespace

int
main (int argc, char **argv)
{
  ::testing::InitGoogleTest (&argc, argv);
  cache_root = new CacheRoot ();
  ::testing::AddGlobalTestEnvironment (cache_root);
  return RUN_ALL_TESTS ();
}
