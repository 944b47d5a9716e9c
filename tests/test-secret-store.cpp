// AtrSecretStore against a real Secret Service (gnome-keyring in a private D-Bus session,
// started by tests/ui/with-keyring.sh). Skipped when no keyring can be reached. Also
// "remember me" for the feed token end to end: AtrWorkspace, the keyring and the loopback
// broker's RD Web sign-in.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "atr-resolver.h"
#include "atr-secret-store.h"
#include "atr-test-broker.h"
#include "atr-trust-store.h"
#include "atr-workspace.h"

namespace {

struct Call
{
  bool done = false;
  bool ok = false;
  char *user = nullptr;
  char *password = nullptr;
  GError *error = nullptr;
  ~Call ()
  {
    g_free (user);
    atr_credential_store_wipe (password);
    g_clear_error (&error);
  }
};

void
wait (Call &c)
{
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
}

void
lookup_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  auto *c = static_cast<Call *> (data);
  c->ok = atr_credential_store_lookup_finish (ATR_CREDENTIAL_STORE (source), res, &c->user,
                                              &c->password, &c->error);
  c->done = true;
}

void
store_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  auto *c = static_cast<Call *> (data);
  c->ok = atr_credential_store_store_finish (ATR_CREDENTIAL_STORE (source), res, &c->error);
  c->done = true;
}

void
clear_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  auto *c = static_cast<Call *> (data);
  c->ok = atr_credential_store_clear_finish (ATR_CREDENTIAL_STORE (source), res, &c->error);
  c->done = true;
}

struct TokenCall
{
  bool done = false;
  bool ok = false;
  char *token = nullptr;
  GError *error = nullptr;
  ~TokenCall ()
  {
    atr_credential_store_wipe (token);
    g_clear_error (&error);
  }
};

void
token_lookup_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  auto *c = static_cast<TokenCall *> (data);
  c->token = atr_credential_store_lookup_token_finish (ATR_CREDENTIAL_STORE (source), res,
                                                      &c->error);
  c->ok = c->error == nullptr;
  c->done = true;
}

void
token_store_cb (GObject *source, GAsyncResult *res, gpointer data)
{
  auto *c = static_cast<TokenCall *> (data);
  c->ok = atr_credential_store_store_token_finish (ATR_CREDENTIAL_STORE (source), res,
                                                   &c->error);
  c->done = true;
}

void
wait (TokenCall &c)
{
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
}

class SecretStore : public ::testing::Test
{
protected:
  void SetUp () override
  {
    store = atr_secret_store_new ();
    /* Probe: no bus or no unlocked keyring → skip, never fail. */
    Call c;
    atr_credential_store_clear_async (store, "probe.example", NULL, clear_cb, &c);
    wait (c);
    if (!c.ok)
      GTEST_SKIP () << "no Secret Service: " << c.error->message;
  }
  void TearDown () override { g_clear_object (&store); }

  bool put (const char *tenant, const char *user, const char *password)
  {
    Call c;
    atr_credential_store_store_async (store, tenant, user, password, NULL, store_cb, &c);
    wait (c);
    EXPECT_TRUE (c.ok) << (c.error ? c.error->message : "");
    return c.ok;
  }
  std::string get (const char *tenant)
  {
    Call c;
    atr_credential_store_lookup_async (store, tenant, NULL, lookup_cb, &c);
    wait (c);
    EXPECT_EQ (c.error, nullptr) << (c.error ? c.error->message : "");
    if (!c.ok)
      return "(none)";
    return std::string (c.user) + ":" + c.password;
  }
  bool put_token (const char *tenant, const char *user, const char *token)
  {
    TokenCall c;
    atr_credential_store_store_token_async (store, tenant, user, token, NULL, token_store_cb, &c);
    wait (c);
    EXPECT_TRUE (c.ok) << (c.error ? c.error->message : "");
    return c.ok;
  }
  std::string get_token (const char *tenant, const char *user, bool racing = false)
  {
    TokenCall c;
    atr_credential_store_lookup_token_async (store, tenant, user, NULL, token_lookup_cb, &c);
    wait (c);
    // While the workspace replaces the item, a search may see it vanish: ask again then.
    if (!racing)
      {
        EXPECT_EQ (c.error, nullptr) << (c.error ? c.error->message : "");
      }
    return c.token ? c.token : c.error ? "(error)" : "(none)";
  }
  void forget (const char *tenant)
  {
    Call c;
    atr_credential_store_clear_async (store, tenant, NULL, clear_cb, &c);
    wait (c);
    EXPECT_TRUE (c.ok);
  }

  AtrCredentialStore *store = nullptr;
};

TEST_F (SecretStore, StoreThenLookup)
{
  ASSERT_TRUE (put ("harbour.atrium.test", "alice", "s3cret"));
  EXPECT_EQ (get ("harbour.atrium.test"), "alice:s3cret");
  forget ("harbour.atrium.test");
}

TEST_F (SecretStore, NothingStoredIsNotAnError)
{
  EXPECT_EQ (get ("never-stored.example"), "(none)");
}

TEST_F (SecretStore, OneEntryPerTenantTheLastWins)
{
  ASSERT_TRUE (put ("t.example", "alice", "one"));
  ASSERT_TRUE (put ("t.example", "bob", "two"));
  EXPECT_EQ (get ("t.example"), "bob:two");
  forget ("t.example");
  EXPECT_EQ (get ("t.example"), "(none)");
}

TEST_F (SecretStore, TenantsAreSeparate)
{
  ASSERT_TRUE (put ("a.example", "alice", "pa"));
  ASSERT_TRUE (put ("b.example", "bob", "pb"));
  forget ("a.example");
  EXPECT_EQ (get ("a.example"), "(none)");
  EXPECT_EQ (get ("b.example"), "bob:pb");
  forget ("b.example");
}

TEST_F (SecretStore, UnicodeAndSeparatorsSurvive)
{
  ASSERT_TRUE (put ("u.example", "DOMAIN\\jürgen", "pä:ss\nword"));
  EXPECT_EQ (get ("u.example"), "DOMAIN\\jürgen:pä:ss\nword");
  forget ("u.example");
}

TEST_F (SecretStore, TheTokenIsKeptBesideThePasswordForItsUser)
{
  ASSERT_TRUE (put ("tok.example", "alice", "pw"));
  EXPECT_EQ (get_token ("tok.example", "alice"), "(none)");
  ASSERT_TRUE (put_token ("tok.example", "alice", "T0KEN-1"));
  EXPECT_EQ (get_token ("tok.example", "alice"), "T0KEN-1");
  // The token item never passes for the password, nor the other way round.
  EXPECT_EQ (get ("tok.example"), "alice:pw");

  // One token per tenant: the new one replaces the old; the password stays.
  ASSERT_TRUE (put_token ("tok.example", "alice", "T0KEN-2"));
  EXPECT_EQ (get_token ("tok.example", "alice"), "T0KEN-2");
  EXPECT_EQ (get ("tok.example"), "alice:pw");

  // Storing a password keeps the token; it is only found for the user it belongs to.
  ASSERT_TRUE (put ("tok.example", "bob", "pw2"));
  EXPECT_EQ (get ("tok.example"), "bob:pw2");
  EXPECT_EQ (get_token ("tok.example", "bob"), "(none)");
  EXPECT_EQ (get_token ("tok.example", "alice"), "T0KEN-2");
  EXPECT_EQ (get_token ("other.example", "alice"), "(none)");

  // Forget (sign-out, kiosk wipe) removes both.
  forget ("tok.example");
  EXPECT_EQ (get ("tok.example"), "(none)");
  EXPECT_EQ (get_token ("tok.example", "alice"), "(none)");
}

TEST_F (SecretStore, ATokenAloneIsNoCredential)
{
  ASSERT_TRUE (put_token ("lone.example", "alice", "T0KEN"));
  EXPECT_EQ (get ("lone.example"), "(none)");
  forget ("lone.example");
  EXPECT_EQ (get_token ("lone.example", "alice"), "(none)");
}

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
    root = g_dir_make_tmp ("atr-secret-store-XXXXXX", NULL);
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

::testing::Environment *const cache_root = ::testing::AddGlobalTestEnvironment (new CacheRoot);

// The workspace with "remember me": the token its sign-in produced goes to the keyring, the
// next start uses it instead of signing in, and an expired one is replaced.
class RememberToken : public SecretStore
{
protected:
  void SetUp () override
  {
    SecretStore::SetUp ();
    if (IsSkipped ())
      return;
    g_autoptr(GError) error = NULL;

    trust = atr_trust_store_new_from_file (certs ("ca.pem").c_str (), &error);
    ASSERT_NE (trust, nullptr) << error->message;
    std::string tenants = std::string (g_getenv ("ATR_TEST_DATA")) + "/tenants";
    broker = atr_test_broker_new (tenants.c_str (), certs ("good.crt").c_str (),
                                  certs ("good.key").c_str (), &error);
    ASSERT_NE (broker, nullptr) << error->message;
    atr_test_broker_set_auth (broker, ATR_TEST_AUTH_RDWEB_FORMS, "alice", "right-pw");
    ASSERT_TRUE (atr_test_broker_listen (broker, "127.0.0.1", 0, &error)) << error->message;
    port = atr_test_broker_get_port (broker);
    resolver = atr_resolver_new (NULL);
    g_autofree char *spec = g_strdup_printf ("harbour.atrium.test:%u:127.0.0.1", port);
    ASSERT_TRUE (atr_resolver_add_override (resolver, spec, &error)) << error->message;
    atr_resolver_install (resolver);
    forget ("harbour.atrium.test");
  }
  void TearDown () override
  {
    if (broker != nullptr)
      {
        forget ("harbour.atrium.test");
        atr_test_broker_stop (broker);
      }
    g_clear_object (&broker);
    g_clear_object (&trust);
    g_clear_object (&resolver);
    SecretStore::TearDown ();
  }

  // A workspace as the window makes one: typed credentials (with "remember me" or not), or
  // the remembered ones from the store (use_stored). Returns it once it has settled.
  AtrWorkspace *start (const char *user, const char *password, bool remember, bool use_stored)
  {
    g_autofree char *url = g_strdup_printf ("https://harbour.atrium.test:%u/RDWeb/Feed/"
                                            "webfeed.aspx", port);
    g_autoptr(AtrTenant) tenant = atr_tenant_new ("harbour.atrium.test", url, NULL);
    AtrWorkspace *w = atr_workspace_new (tenant, trust);
    atr_workspace_set_credentials (w, user, password);
    if (remember)
      atr_workspace_set_token_store (w, store, use_stored);
    atr_workspace_refresh (w);
    EXPECT_TRUE (wait_until ([w] {
      gboolean busy = TRUE;
      g_object_get (w, "busy", &busy, NULL);
      return !busy && atr_workspace_get_state (w) != ATR_WORKSPACE_STATE_LOADING;
    }));
    return w;
  }

  // The token in the keyring once the workspace stored it (it does so after the fetch).
  std::string stored_token (const std::string &not_this = "(none)")
  {
    std::string token = "(none)";
    for (int i = 0; i < 50; i++)   // poll every 100 ms: the store sends no event to wait for
      {
        token = get_token ("harbour.atrium.test", "alice", true);
        if (token != not_this && token != "(error)")
          break;
        wait_until ([] { return false; }, 100);
      }
    return token;
  }

  AtrTrustStore *trust = nullptr;
  AtrTestBroker *broker = nullptr;
  AtrResolver *resolver = nullptr;
  guint port = 0;
};

TEST_F (RememberToken, TheNextStartUsesTheRememberedTokenWithoutSigningIn)
{
  g_autoptr(AtrWorkspace) first = start ("alice", "right-pw", true, false);
  ASSERT_EQ (atr_workspace_get_state (first), ATR_WORKSPACE_STATE_READY);
  ASSERT_EQ (atr_test_broker_get_sign_in_count (broker), 1u);
  std::string token = stored_token ();
  ASSERT_NE (token, "(none)") << "the token was not remembered";
  g_clear_object (&first);

  g_autoptr(AtrWorkspace) next = start ("alice", "right-pw", true, true);
  EXPECT_EQ (atr_workspace_get_state (next), ATR_WORKSPACE_STATE_READY);
  EXPECT_GT (g_list_model_get_n_items (G_LIST_MODEL (atr_workspace_get_resources (next))), 0u);
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 1u) << "signed in again";
  g_autofree char *cookie = atr_test_broker_dup_last_header (broker, "/RDWeb/Feed/", "Cookie");
  ASSERT_NE (cookie, nullptr);
  EXPECT_EQ (std::string (cookie), ".ASPXAUTH=" + token);
  EXPECT_EQ (get_token ("harbour.atrium.test", "alice"), token);
}

TEST_F (RememberToken, AnExpiredTokenIsReplacedByTheNewSignIns)
{
  g_autoptr(AtrWorkspace) first = start ("alice", "right-pw", true, false);
  std::string old_token = stored_token ();
  ASSERT_NE (old_token, "(none)");
  g_clear_object (&first);
  atr_test_broker_expire_tokens (broker);

  g_autoptr(AtrWorkspace) next = start ("alice", "right-pw", true, true);
  EXPECT_EQ (atr_workspace_get_state (next), ATR_WORKSPACE_STATE_READY);
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 2u);
  std::string new_token = stored_token (old_token);
  EXPECT_NE (new_token, old_token);
  EXPECT_NE (new_token, "(none)");
}

TEST_F (RememberToken, ADamagedStoredTokenMeansASignInNotACrash)
{
  ASSERT_TRUE (put_token ("harbour.atrium.test", "alice", "bad token;\r\nX-Evil: 1"));
  g_autoptr(AtrWorkspace) w = start ("alice", "right-pw", true, true);
  EXPECT_EQ (atr_workspace_get_state (w), ATR_WORKSPACE_STATE_READY);
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 1u);
  g_autofree char *cookie = atr_test_broker_dup_last_header (broker, "/RDWeb/Feed/", "Cookie");
  ASSERT_NE (cookie, nullptr);
  EXPECT_EQ (strstr (cookie, "Evil"), nullptr) << cookie;
  EXPECT_NE (stored_token ("bad token;\r\nX-Evil: 1"), "bad token;\r\nX-Evil: 1");
}

TEST_F (RememberToken, WithoutRememberMeNothingIsStored)
{
  g_autoptr(AtrWorkspace) w = start ("alice", "right-pw", false, false);
  EXPECT_EQ (atr_workspace_get_state (w), ATR_WORKSPACE_STATE_READY);
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 1u);
  // Give a stray store call time to land, then look.
  wait_until ([] { return false; }, 300);
  EXPECT_EQ (get_token ("harbour.atrium.test", "alice"), "(none)");
  EXPECT_EQ (get ("harbour.atrium.test"), "(none)");
}

TEST_F (RememberToken, AnotherUsersTokenIsNotUsed)
{
  ASSERT_TRUE (put_token ("harbour.atrium.test", "mallory", "0123456789abcdef"));
  g_autoptr(AtrWorkspace) w = start ("alice", "right-pw", true, true);
  EXPECT_EQ (atr_workspace_get_state (w), ATR_WORKSPACE_STATE_READY);
  EXPECT_EQ (atr_test_broker_get_auth_failures (broker), 0u) << "mallory's token was sent";
  EXPECT_EQ (atr_test_broker_get_sign_in_count (broker), 1u);
  EXPECT_NE (stored_token (), "(none)") << "alice's own token was not stored";
}

} // namespace
