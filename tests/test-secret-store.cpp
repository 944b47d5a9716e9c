// AtrSecretStore against a real Secret Service (gnome-keyring in a private D-Bus session,
// started by tests/ui/with-keyring.sh). Skipped when no keyring can be reached.
#include <gtest/gtest.h>

#include <string>

#include "atr-secret-store.h"

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

} // namespace
