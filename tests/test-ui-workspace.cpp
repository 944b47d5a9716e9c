// AtrWorkspace (ui/'s GTK-free controller) end to end against the loopback test broker:
// the states the pages show, sign-in, the stale list when the broker goes away, offline
// start from the cache, certificate errors, and one cache folder per tenant that the
// kiosk wipe keeps the branding of. No display needed.
#include <gtest/gtest.h>

#include <glib/gstdio.h>

#include <functional>
#include <string>

#include "atr-address.h"
#include "atr-feed-client.h"
#include "atr-icon-cache.h"
#include "atr-net-error.h"
#include "atr-resolver.h"
#include "atr-tenant-loader.h"
#include "atr-test-broker.h"
#include "atr-trust-store.h"
#include "atr-user-wipe.h"
#include "atr-workspace.h"

namespace {

std::string
certs (const char *name)
{
  return std::string (g_getenv ("ATR_TEST_CERTS")) + "/" + name;
}

// GLib reads XDG_CACHE_HOME once per process: one private cache root for the whole run.
class CacheRoot : public ::testing::Environment
{
public:
  void SetUp () override
  {
    root = g_dir_make_tmp ("atr-ui-workspace-XXXXXX", NULL);
    g_setenv ("XDG_CACHE_HOME", root, TRUE);
  }
  void TearDown () override
  {
    g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", root);
    ASSERT_EQ (system (cmd), 0);
    g_free (root);
  }
  char *root = nullptr;
};

gboolean
timeout_cb (gpointer data)
{
  *static_cast<bool *> (data) = true;
  return G_SOURCE_REMOVE;
}

bool
wait_until (const std::function<bool ()> &done, guint timeout_ms = 15000)
{
  bool expired = false;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &expired);
  while (!done () && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (id);
  return done ();
}

class Workspace : public ::testing::Test
{
protected:
  void SetUp () override
  {
    g_autoptr(GError) error = NULL;

    trust = atr_trust_store_new_from_file (certs ("ca.pem").c_str (), &error);
    ASSERT_NE (trust, nullptr) << error->message;
  }

  void TearDown () override
  {
    g_clear_object (&workspace);
    stop_broker ();
    g_clear_object (&trust);
    g_clear_object (&resolver);
  }

  void start_broker (const char *cert = "good", AtrTestAuth auth = ATR_TEST_AUTH_NONE)
  {
    g_autoptr(GError) error = NULL;
    std::string tenants = std::string (g_getenv ("ATR_TEST_DATA")) + "/tenants";

    broker = atr_test_broker_new (tenants.c_str (), certs ((std::string (cert) + ".crt").c_str ()).c_str (),
                                  certs ((std::string (cert) + ".key").c_str ()).c_str (), &error);
    ASSERT_NE (broker, nullptr) << error->message;
    if (auth != ATR_TEST_AUTH_NONE)
      atr_test_broker_set_auth (broker, auth, "alice", "right-pw");
    ASSERT_TRUE (atr_test_broker_listen (broker, "127.0.0.1", port, &error)) << error->message;
    if (port == 0)
      {
        port = atr_test_broker_get_port (broker);
        resolver = atr_resolver_new (NULL);
        for (const char *host : { "harbour.atrium.test", "ironworks.atrium.test" })
          {
            g_autofree char *spec = g_strdup_printf ("%s:%u:127.0.0.1", host, port);
            ASSERT_TRUE (atr_resolver_add_override (resolver, spec, &error)) << error->message;
          }
        atr_resolver_install (resolver);
      }
  }

  void stop_broker ()
  {
    if (broker == nullptr)
      return;
    atr_test_broker_stop (broker);
    g_clear_object (&broker);
  }

  /* The feed cache is per process: harbour gets cached by the tests that reach it, while
   * ironworks is never fetched successfully here, so it never has a cached list. */
  AtrWorkspace *make_workspace (const char *domain = "harbour.atrium.test")
  {
    g_autofree char *url = g_strdup_printf ("https://%s:%u/RDWeb/Feed/webfeed.aspx", domain,
                                            port);
    g_autoptr(AtrTenant) tenant = atr_tenant_new (domain, url, NULL);
    return atr_workspace_new (tenant, trust);
  }

  bool settled ()
  {
    gboolean busy = TRUE;
    g_object_get (workspace, "busy", &busy, NULL);
    return !busy && atr_workspace_get_state (workspace) != ATR_WORKSPACE_STATE_LOADING;
  }

  void refresh_and_wait ()
  {
    atr_workspace_refresh (workspace);
    ASSERT_TRUE (wait_until ([this] { return settled (); }));
  }

  guint n_resources ()
  {
    return g_list_model_get_n_items (G_LIST_MODEL (atr_workspace_get_resources (workspace)));
  }

  AtrTrustStore *trust = nullptr;
  AtrResolver *resolver = nullptr;
  AtrTestBroker *broker = nullptr;
  AtrWorkspace *workspace = nullptr;
  guint port = 0;
};

TEST_F (Workspace, RefreshShowsTheTenantsResourcesAndTheme)
{
  start_broker ();
  workspace = make_workspace ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_IDLE);
  refresh_and_wait ();

  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_READY);
  EXPECT_EQ (n_resources (), 11u);
  EXPECT_STREQ (atr_workspace_get_publisher (workspace), "Harbour Dental Group");
  EXPECT_FALSE (atr_workspace_get_stale (workspace));
  EXPECT_NE (atr_workspace_get_fetched (workspace), nullptr);
  EXPECT_EQ (atr_workspace_get_error (workspace), nullptr);
  ASSERT_TRUE (wait_until ([this] { return atr_workspace_get_theme (workspace) != nullptr; }));
  EXPECT_STREQ (atr_theme_get_name (atr_workspace_get_theme (workspace)), "Harbour");
}

TEST_F (Workspace, SignInIsAskedForThenAccepted)
{
  start_broker ("good", ATR_TEST_AUTH_BASIC);
  workspace = make_workspace ();
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_NEEDS_SIGN_IN);
  EXPECT_TRUE (g_error_matches (atr_workspace_get_error (workspace), ATR_NET_ERROR,
                                ATR_NET_ERROR_AUTH));
  EXPECT_FALSE (atr_workspace_has_credentials (workspace));

  atr_workspace_set_credentials (workspace, "alice", "wrong-pw");
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_NEEDS_SIGN_IN);
  EXPECT_EQ (std::string (atr_workspace_get_error (workspace)->message).find ("wrong-pw"),
             std::string::npos) << "a password in an error message";

  atr_workspace_set_credentials (workspace, "alice", "right-pw");
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_READY);
  EXPECT_EQ (n_resources (), 11u);
}

TEST_F (Workspace, BrokerGoneKeepsTheListMarkedStale)
{
  start_broker ();
  workspace = make_workspace ();
  refresh_and_wait ();
  ASSERT_EQ (n_resources (), 11u);

  stop_broker ();
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_READY);
  EXPECT_TRUE (atr_workspace_get_stale (workspace));
  EXPECT_EQ (n_resources (), 11u);

  start_broker ();
  refresh_and_wait ();
  EXPECT_FALSE (atr_workspace_get_stale (workspace));
  EXPECT_EQ (atr_workspace_get_error (workspace), nullptr);
}

TEST_F (Workspace, OfflineStartShowsTheCachedList)
{
  start_broker ();
  workspace = make_workspace ();
  refresh_and_wait ();
  g_clear_object (&workspace);
  stop_broker ();

  workspace = make_workspace ();
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_READY);
  EXPECT_TRUE (atr_workspace_get_stale (workspace));
  EXPECT_EQ (n_resources (), 11u);
  EXPECT_NE (atr_workspace_get_fetched (workspace), nullptr);
}

TEST_F (Workspace, NoBrokerAndNoCacheIsAnError)
{
  start_broker ();
  stop_broker ();
  workspace = make_workspace ("ironworks.atrium.test");
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_ERROR);
  ASSERT_NE (atr_workspace_get_error (workspace), nullptr);
  EXPECT_EQ (n_resources (), 0u);
}

TEST_F (Workspace, UntrustedCertificateIsAnErrorNamingTheHost)
{
  start_broker ("wronghost");
  workspace = make_workspace ("ironworks.atrium.test");
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_ERROR);
  const GError *error = atr_workspace_get_error (workspace);
  ASSERT_NE (error, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE)) << error->message;
  EXPECT_NE (std::string (error->message).find ("ironworks.atrium.test"), std::string::npos)
    << error->message;
}

bool
https_logo (AtrWorkspace *workspace)
{
  AtrTheme *theme = atr_workspace_get_theme (workspace);
  const char *url = theme ? atr_theme_get_logo_url (theme, ATR_THEME_VARIANT_LIGHT) : NULL;

  return url != NULL && g_str_has_prefix (url, "https://harbour.atrium.test:")
         && atr_workspace_get_logo (workspace, ATR_THEME_VARIANT_LIGHT) != NULL;
}

TEST_F (Workspace, TheTenantsManifestNamesItAndBringsItsThemeAndLogo)
{
  start_broker ();
  workspace = make_workspace ();
  EXPECT_STREQ (atr_workspace_get_display_name (workspace), "harbour.atrium.test");
  refresh_and_wait ();
  ASSERT_NE (atr_workspace_get_manifest (workspace), nullptr);
  EXPECT_STREQ (atr_workspace_get_display_name (workspace), "Harbour Dental Group");
  // The theme and its logo come from the tenant's own domain, not from the bundled themes.
  ASSERT_TRUE (wait_until ([this] { return https_logo (workspace); }));
  EXPECT_STREQ (atr_theme_get_name (atr_workspace_get_theme (workspace)), "Harbour");
  GBytes *logo = atr_workspace_get_logo (workspace, ATR_THEME_VARIANT_LIGHT);
  EXPECT_NE (std::string ((const char *) g_bytes_get_data (logo, NULL), g_bytes_get_size (logo))
               .find ("<svg"), std::string::npos);
}

TEST_F (Workspace, OfflineStartUsesTheCachedManifestThemeAndLogo)
{
  start_broker ();
  workspace = make_workspace ();
  refresh_and_wait ();
  ASSERT_TRUE (wait_until ([this] { return https_logo (workspace); }));
  g_clear_object (&workspace);
  stop_broker ();

  workspace = make_workspace ();
  refresh_and_wait ();
  EXPECT_TRUE (atr_workspace_get_stale (workspace));
  ASSERT_TRUE (wait_until ([this] { return https_logo (workspace); }))
    << "no cached theme or logo while the tenant is unreachable";
  EXPECT_STREQ (atr_workspace_get_display_name (workspace), "Harbour Dental Group");
}

TEST_F (Workspace, ATenantWithoutManifestGetsTheBundledTheme)
{
  start_broker ();
  // tenant1 serves no /.well-known/atrium/tenant.json: the default look, no logo fetched.
  g_autofree char *spec = g_strdup_printf ("tenant1.atrium.test:%u:127.0.0.1", port);
  g_autoptr(GError) error = NULL;
  ASSERT_TRUE (atr_resolver_add_override (resolver, spec, &error)) << error->message;
  workspace = make_workspace ("tenant1.atrium.test");
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_READY);
  EXPECT_EQ (atr_workspace_get_manifest (workspace), nullptr);
  ASSERT_TRUE (wait_until ([this] { return atr_workspace_get_theme (workspace) != nullptr; }));
  EXPECT_STREQ (atr_theme_get_name (atr_workspace_get_theme (workspace)), "Atrium");
  EXPECT_EQ (atr_workspace_get_logo (workspace, ATR_THEME_VARIANT_LIGHT), nullptr);
}

bool
is_file (const std::string &path)
{
  return g_file_test (path.c_str (), G_FILE_TEST_IS_REGULAR);
}

// The broker is always on a non-default port: the tenant's feed and its branding (fetched
// from domain:port) land in one folder, named by the ID the kiosk derives from
// "domain:port"; the kiosk's wipe for that ID takes the user's feed and keeps the branding.
TEST_F (Workspace, FeedAndBrandingShareOneFolderThatTheWipeKeepsOnlyTheBrandingOf)
{
  g_autoptr(GError) error = NULL;

  start_broker ();
  workspace = make_workspace ();
  refresh_and_wait ();
  ASSERT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_READY);
  ASSERT_TRUE (wait_until ([this] { return https_logo (workspace); }));

  g_autoptr(AtrTenant) tenant = ATR_TENANT (g_object_ref (atr_workspace_get_tenant (workspace)));
  g_autofree char *expected_id = g_strdup_printf ("harbour.atrium.test_%u", port);
  g_autofree char *configured = g_strdup_printf ("harbour.atrium.test:%u", port);
  g_autoptr(AtrAddress) address = atr_address_parse (configured, &error);
  ASSERT_NE (address, nullptr) << error->message;
  g_autofree char *kiosk_id = atr_tenant_loader_tenant_id_for (address);
  EXPECT_STREQ (atr_tenant_get_cache_id (tenant), expected_id);
  EXPECT_STREQ (kiosk_id, expected_id);
  EXPECT_STREQ (atr_tenant_get_id (tenant), "harbour.atrium.test");   // secrets, logs

  const std::string cache = g_getenv ("XDG_CACHE_HOME");
  const std::string folder = cache + "/atrium/tenants/" + expected_id;
  const char *branding[] = { "tenant.json", "theme.json", "logo-light" };
  EXPECT_TRUE (is_file (folder + "/" ATR_FEED_CACHE_NAME)) << "the feed is not in " << folder;
  for (const char *name : branding)
    EXPECT_TRUE (is_file (folder + "/" + name)) << name << " is not beside the feed in " << folder;

  // Nothing is written after the wipe: the workspace goes first, as the kiosk's does.
  g_clear_object (&workspace);
  stop_broker ();
  g_autofree char *data = g_dir_make_tmp ("atr-ui-workspace-data-XXXXXX", NULL);
  g_autofree char *config = g_dir_make_tmp ("atr-ui-workspace-config-XXXXXX", NULL);
  AtrUserWipeRoots roots = { cache.c_str (), data, config };
  EXPECT_TRUE (atr_user_wipe_files (kiosk_id, &roots, NULL, &error)) << error->message;
  g_rmdir (data);
  g_rmdir (config);

  EXPECT_FALSE (is_file (folder + "/" ATR_FEED_CACHE_NAME)) << "the user's feed outlived the wipe";
  for (const char *name : branding)
    EXPECT_TRUE (is_file (folder + "/" + name)) << "the wipe took " << name;

  // The next user, offline: no list of the previous user, the tenant's look all the same.
  workspace = make_workspace ();
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_ERROR);
  EXPECT_EQ (n_resources (), 0u);
  ASSERT_TRUE (wait_until ([this] { return https_logo (workspace); }))
    << "the cached branding is not used after the wipe";
  EXPECT_STREQ (atr_workspace_get_display_name (workspace), "Harbour Dental Group");
}

// #14: icons are fetched with the same signed-in state as the feed (the .ASPXAUTH cookie,
// or the HTTP sign-in): on a workspace that needs an account they load after the sign-in.
class WorkspaceSignedIn : public Workspace, public ::testing::WithParamInterface<AtrTestAuth>
{
protected:
  GdkTexture *load_icon (AtrIconCache *icons, const char *url, GError **error)
  {
    bool done = false;
    GdkTexture *texture = nullptr;
    struct Ctx { bool *done; GdkTexture **texture; GError **error; } ctx = { &done, &texture, error };
    atr_icon_cache_load_async (icons, url, [] (GObject *source, GAsyncResult *res, gpointer data) {
        auto *c = static_cast<Ctx *> (data);
        *c->texture = atr_icon_cache_load_finish (ATR_ICON_CACHE (source), res, c->error);
        *c->done = true;
      }, &ctx);
    EXPECT_TRUE (wait_until ([&] { return done; }));
    return texture;
  }
};

TEST_P (WorkspaceSignedIn, IconsLoadWithTheFeedsSignIn)
{
  g_autoptr(GError) error = NULL;
  start_broker ("good", GetParam ());
  workspace = make_workspace ();
  atr_workspace_set_credentials (workspace, "alice", "right-pw");
  refresh_and_wait ();
  ASSERT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_READY);
  ASSERT_GT (n_resources (), 0u);

  g_autoptr(AtrResource) resource = ATR_RESOURCE (
    g_list_model_get_item (G_LIST_MODEL (atr_workspace_get_resources (workspace)), 0));
  ASSERT_GT (atr_resource_get_n_icons (resource), 0u);
  const char *url = atr_resource_lookup_icon (resource, 32);
  ASSERT_NE (url, nullptr);

  g_autoptr(AtrIconCache) icons = atr_icon_cache_new (atr_workspace_get_http (workspace));
  g_autoptr(GdkTexture) texture = load_icon (icons, url, &error);
  EXPECT_NE (texture, nullptr) << (error ? error->message : "");
}

// Sign Out forgets what signed the user in (password, token, cookies in memory): the next
// refresh asks again. A workspace that never asked has nothing to sign out of.
TEST_P (WorkspaceSignedIn, SignOutForgetsTheSignIn)
{
  start_broker ("good", GetParam ());
  workspace = make_workspace ();
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_NEEDS_SIGN_IN);
  EXPECT_TRUE (atr_workspace_needs_account (workspace));
  atr_workspace_set_credentials (workspace, "alice", "right-pw");
  refresh_and_wait ();
  ASSERT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_READY);

  atr_workspace_sign_out (workspace);
  EXPECT_FALSE (atr_workspace_has_credentials (workspace));
  EXPECT_TRUE (atr_workspace_needs_account (workspace));
  refresh_and_wait ();
  EXPECT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_NEEDS_SIGN_IN)
    << "still signed in after Sign Out";
}

INSTANTIATE_TEST_SUITE_P (
  Auth, WorkspaceSignedIn,
  ::testing::Values (ATR_TEST_AUTH_BASIC, ATR_TEST_AUTH_NTLM, ATR_TEST_AUTH_RDWEB_FORMS),
  [] (const ::testing::TestParamInfo<AtrTestAuth> &info) -> std::string {
    switch (info.param)
      {
      case ATR_TEST_AUTH_BASIC: return "Basic";
      case ATR_TEST_AUTH_NTLM: return "Ntlm";
      default: return "RdWeb";
      }
  });

TEST_F (Workspace, NoAccountWhereNothingAsksForOne)
{
  start_broker ();
  workspace = make_workspace ();
  refresh_and_wait ();
  ASSERT_EQ (atr_workspace_get_state (workspace), ATR_WORKSPACE_STATE_READY);
  EXPECT_FALSE (atr_workspace_needs_account (workspace));
}

} // namespace

int
main (int argc, char **argv)
{
  ::testing::InitGoogleTest (&argc, argv);
  ::testing::AddGlobalTestEnvironment (new CacheRoot);
  return RUN_ALL_TESTS ();
}
