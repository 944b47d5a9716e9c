// Tests for AtrResolver: curl-style overrides, round-robin, TXT overrides and forwarding.
// The wrapped resolver is another AtrResolver (or none), so real DNS is never asked.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "atr-net-error.h"
#include "atr-resolver.h"

namespace {

std::vector<std::string>
to_strings (GList *addrs)
{
  std::vector<std::string> v;
  for (GList *l = addrs; l; l = l->next)
    {
      g_autofree char *s = g_inet_address_to_string (G_INET_ADDRESS (l->data));
      v.push_back (s);
    }
  return v;
}

std::vector<std::string>
lookup (GResolver *r, const char *host,
        GResolverNameLookupFlags flags = G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
        GError **error = nullptr)
{
  GList *addrs = g_resolver_lookup_by_name_with_flags (r, host, flags, nullptr, error);
  std::vector<std::string> v = to_strings (addrs);
  g_resolver_free_addresses (addrs);
  return v;
}

TEST (Resolver, OverrideAnswersInOrderThenRoundRobin)
{
  g_autoptr(AtrResolver) r = atr_resolver_new (nullptr);
  g_autoptr(GError) error = nullptr;
  ASSERT_TRUE (atr_resolver_add_override (r, "tenant1.atrium.test:8443:127.0.0.1,127.0.0.2,"
                                          "127.0.0.3", &error)) << error->message;
  GResolver *gr = G_RESOLVER (r);
  EXPECT_EQ (lookup (gr, "tenant1.atrium.test"),
             (std::vector<std::string>{ "127.0.0.1", "127.0.0.2", "127.0.0.3" }));
  EXPECT_EQ (lookup (gr, "TENANT1.atrium.test."),
             (std::vector<std::string>{ "127.0.0.2", "127.0.0.3", "127.0.0.1" }));
  EXPECT_EQ (lookup (gr, "tenant1.atrium.test"),
             (std::vector<std::string>{ "127.0.0.3", "127.0.0.1", "127.0.0.2" }));
  EXPECT_EQ (lookup (gr, "tenant1.atrium.test"),
             (std::vector<std::string>{ "127.0.0.1", "127.0.0.2", "127.0.0.3" }));
  EXPECT_EQ (atr_resolver_get_override_port (r, "tenant1.atrium.test"), 8443);
  EXPECT_EQ (atr_resolver_get_override_port (r, "Tenant1.Atrium.Test"), 8443);
  EXPECT_TRUE (atr_resolver_has_override (r, "tenant1.atrium.test"));
  EXPECT_FALSE (atr_resolver_has_override (r, "tenant2.atrium.test"));
  EXPECT_EQ (atr_resolver_get_override_port (r, "tenant2.atrium.test"), 0);
}

/* GLib 2.74 answers "localhost" itself and never calls the installed resolver, so the
 * engine asks for the override directly: it must give the override's addresses (rotated
 * like a lookup) and nothing for a host without one. */
TEST (Resolver, LookupOverrideAnswersLocalhostDirectly)
{
  g_autoptr(AtrResolver) r = atr_resolver_new (nullptr);
  g_autoptr(GError) error = nullptr;
  ASSERT_TRUE (atr_resolver_add_override (r, "localhost:3389:127.0.0.2,127.0.0.3", &error))
    << error->message;

  GList *addrs = atr_resolver_lookup_override (r, "localhost");
  EXPECT_EQ (to_strings (addrs), (std::vector<std::string>{ "127.0.0.2", "127.0.0.3" }));
  g_resolver_free_addresses (addrs);
  addrs = atr_resolver_lookup_override (r, "LocalHost");
  EXPECT_EQ (to_strings (addrs), (std::vector<std::string>{ "127.0.0.3", "127.0.0.2" }));
  g_resolver_free_addresses (addrs);
  EXPECT_EQ (atr_resolver_lookup_override (r, "tenant2.atrium.test"), nullptr);
}

TEST (Resolver, Ipv6InBracketsAndFamilyFilters)
{
  g_autoptr(AtrResolver) r = atr_resolver_new (nullptr);
  ASSERT_TRUE (atr_resolver_add_override (r, "dual.atrium.test:443:[::1],127.0.0.1", nullptr));
  GResolver *gr = G_RESOLVER (r);
  EXPECT_EQ (lookup (gr, "dual.atrium.test", G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY),
             (std::vector<std::string>{ "127.0.0.1" }));
  EXPECT_EQ (lookup (gr, "dual.atrium.test", G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY),
             (std::vector<std::string>{ "::1" }));

  g_autoptr(GError) error = nullptr;
  ASSERT_TRUE (atr_resolver_add_override (r, "v4.atrium.test:443:127.0.0.1", nullptr));
  EXPECT_TRUE (lookup (gr, "v4.atrium.test", G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY,
                       &error).empty ());
  EXPECT_TRUE (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND));
}

TEST (Resolver, IdnHostsAreNormalised)
{
  g_autoptr(AtrResolver) r = atr_resolver_new (nullptr);
  ASSERT_TRUE (atr_resolver_add_override (r, "Bücher.example:443:127.0.0.5", nullptr));
  EXPECT_EQ (lookup (G_RESOLVER (r), "xn--bcher-kva.example"),
             (std::vector<std::string>{ "127.0.0.5" }));
  EXPECT_EQ (lookup (G_RESOLVER (r), "bücher.example"),
             (std::vector<std::string>{ "127.0.0.5" }));
}

TEST (Resolver, LaterOverrideReplacesTheEarlier)
{
  g_autoptr(AtrResolver) r = atr_resolver_new (nullptr);
  ASSERT_TRUE (atr_resolver_add_override (r, "t.atrium.test:443:127.0.0.1", nullptr));
  ASSERT_TRUE (atr_resolver_add_override (r, "t.atrium.test:8443:127.0.0.9", nullptr));
  EXPECT_EQ (lookup (G_RESOLVER (r), "t.atrium.test"), (std::vector<std::string>{ "127.0.0.9" }));
  EXPECT_EQ (atr_resolver_get_override_port (r, "t.atrium.test"), 8443);
}

TEST (Resolver, BadSpecsAreRefusedNamingTheSpec)
{
  struct { const char *spec, *expect; } cases[] = {
    { "", "missing “:”" },
    { "tenant1.atrium.test", "missing “:”" },
    { "tenant1.atrium.test:443", "missing “:”" },
    { ":443:127.0.0.1", "empty host" },
    { "tenant1.atrium.test::127.0.0.1", "empty port" },
    { "tenant1.atrium.test:https:127.0.0.1", "not a number" },
    { "tenant1.atrium.test:0:127.0.0.1", "out of range" },
    { "tenant1.atrium.test:70000:127.0.0.1", "out of range" },
    { "tenant1.atrium.test:443:", "no address" },
    { "tenant1.atrium.test:443:127.0.0.1,", "empty address" },
    { "tenant1.atrium.test:443:127.0.0.1,,127.0.0.2", "empty address" },
    { "tenant1.atrium.test:443:localhost", "“localhost” is not" },
    { "tenant1.atrium.test:443:300.1.1.1", "“300.1.1.1” is not" },
    { "tenant1.atrium.test:443:[127.0.0.1]", "“[127.0.0.1]” is not" },
    { "tenant1.atrium.test:443:[::1", "“[::1” is not" },
    { "-tenant1.atrium.test:443:127.0.0.1", "not supported" },
    { "+tenant1.atrium.test:443:127.0.0.1", "not supported" },
    { "127.0.0.1:443:127.0.0.2", "not an address" },
    { "ten ant:443:127.0.0.1", "space" },
    { "tenant\n:443:127.0.0.1", "control" },
    { "ten_ant.example:443:127.0.0.1", "not a valid host name" },
  };
  for (auto &c : cases)
    {
      g_autoptr(AtrResolver) r = atr_resolver_new (nullptr);
      g_autoptr(GError) error = nullptr;
      EXPECT_FALSE (atr_resolver_add_override (r, c.spec, &error)) << c.spec;
      ASSERT_NE (error, nullptr) << c.spec;
      EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS));
      EXPECT_NE (strstr (error->message, c.expect), nullptr) << error->message;
      if (strchr (c.spec, '\n') == nullptr && *c.spec)
        {
          EXPECT_NE (strstr (error->message, c.spec), nullptr) << error->message;
        }
    }
}

TEST (Resolver, WithoutWrappedResolverEverythingElseIsNotFound)
{
  g_autoptr(AtrResolver) r = atr_resolver_new (nullptr);
  g_autoptr(GError) error = nullptr;
  EXPECT_TRUE (lookup (G_RESOLVER (r), "example.com", G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                       &error).empty ());
  EXPECT_TRUE (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND));

  g_clear_error (&error);
  GList *recs = g_resolver_lookup_records (G_RESOLVER (r), "_msradc.example.com",
                                           G_RESOLVER_RECORD_TXT, nullptr, &error);
  EXPECT_EQ (recs, nullptr);
  EXPECT_TRUE (g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND));

  // IP literals never reach the resolver class at all (GResolver answers them).
  EXPECT_EQ (lookup (G_RESOLVER (r), "127.0.0.7"), (std::vector<std::string>{ "127.0.0.7" }));
}

TEST (Resolver, ForwardsWhatItDoesNotOverride)
{
  g_autoptr(AtrResolver) inner = atr_resolver_new (nullptr);
  ASSERT_TRUE (atr_resolver_add_override (inner, "other.atrium.test:1:127.0.0.8", nullptr));
  const char *const rec[] = { "inner", nullptr };
  atr_resolver_add_txt (inner, "_msradc.other.atrium.test", rec);

  g_autoptr(AtrResolver) outer = atr_resolver_new (G_RESOLVER (inner));
  ASSERT_TRUE (atr_resolver_add_override (outer, "mine.atrium.test:1:127.0.0.9", nullptr));
  EXPECT_EQ (lookup (G_RESOLVER (outer), "other.atrium.test"),
             (std::vector<std::string>{ "127.0.0.8" }));
  EXPECT_EQ (lookup (G_RESOLVER (outer), "mine.atrium.test"),
             (std::vector<std::string>{ "127.0.0.9" }));

  GList *recs = g_resolver_lookup_records (G_RESOLVER (outer), "_msradc.other.atrium.test",
                                           G_RESOLVER_RECORD_TXT, nullptr, nullptr);
  ASSERT_EQ (g_list_length (recs), 1u);
  g_autofree const char **strv = nullptr;
  g_variant_get (static_cast<GVariant *> (recs->data), "(^a&s)", &strv);
  EXPECT_STREQ (strv[0], "inner");
  g_list_free_full (recs, (GDestroyNotify) g_variant_unref);
}

struct Async
{
  GList   *list = nullptr;
  GError  *error = nullptr;
  gboolean done = FALSE;
};

void
by_name_cb (GObject *o, GAsyncResult *res, gpointer data)
{
  Async *a = static_cast<Async *> (data);
  a->list = g_resolver_lookup_by_name_finish (G_RESOLVER (o), res, &a->error);
  a->done = TRUE;
}

void
records_cb (GObject *o, GAsyncResult *res, gpointer data)
{
  Async *a = static_cast<Async *> (data);
  a->list = g_resolver_lookup_records_finish (G_RESOLVER (o), res, &a->error);
  a->done = TRUE;
}

TEST (Resolver, AsyncLookupsAndTxtRecords)
{
  g_autoptr(AtrResolver) inner = atr_resolver_new (nullptr);
  ASSERT_TRUE (atr_resolver_add_override (inner, "fwd.atrium.test:1:127.0.0.4", nullptr));
  g_autoptr(AtrResolver) r = atr_resolver_new (G_RESOLVER (inner));
  ASSERT_TRUE (atr_resolver_add_override (r, "t.atrium.test:8443:127.0.0.2,[::1]", nullptr));
  const char *const rec[] = { "https://a", ".example/f", nullptr };
  atr_resolver_add_txt (r, "_msradc.t.atrium.test", rec);

  Async a;
  g_resolver_lookup_by_name_async (G_RESOLVER (r), "t.atrium.test", nullptr, by_name_cb, &a);
  while (!a.done)
    g_main_context_iteration (nullptr, TRUE);
  ASSERT_EQ (a.error, nullptr);
  EXPECT_EQ (to_strings (a.list), (std::vector<std::string>{ "127.0.0.2", "::1" }));
  g_resolver_free_addresses (a.list);

  Async f;
  g_resolver_lookup_by_name_async (G_RESOLVER (r), "fwd.atrium.test", nullptr, by_name_cb, &f);
  while (!f.done)
    g_main_context_iteration (nullptr, TRUE);
  ASSERT_EQ (f.error, nullptr);
  EXPECT_EQ (to_strings (f.list), (std::vector<std::string>{ "127.0.0.4" }));
  g_resolver_free_addresses (f.list);

  Async t;
  g_resolver_lookup_records_async (G_RESOLVER (r), "_MSRADC.t.atrium.test.",
                                   G_RESOLVER_RECORD_TXT, nullptr, records_cb, &t);
  while (!t.done)
    g_main_context_iteration (nullptr, TRUE);
  ASSERT_EQ (t.error, nullptr);
  ASSERT_EQ (g_list_length (t.list), 1u);
  g_autofree const char **strv = nullptr;
  g_variant_get (static_cast<GVariant *> (t.list->data), "(^a&s)", &strv);
  ASSERT_EQ (g_strv_length ((char **) strv), 2u);
  EXPECT_STREQ (strv[1], ".example/f");
  g_list_free_full (t.list, (GDestroyNotify) g_variant_unref);

  Async n;
  g_resolver_lookup_records_async (G_RESOLVER (r), "_msradc.none.atrium.test",
                                   G_RESOLVER_RECORD_TXT, nullptr, records_cb, &n);
  while (!n.done)
    g_main_context_iteration (nullptr, TRUE);
  EXPECT_TRUE (g_error_matches (n.error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND));
  g_clear_error (&n.error);
}

TEST (Resolver, InstalledResolverServesGNetworkAddress)
{
  g_autoptr(GResolver) previous = g_resolver_get_default ();
  g_autoptr(AtrResolver) r = atr_resolver_new_default ();
  ASSERT_TRUE (atr_resolver_add_override (r, "gw.atrium.test:8443:127.0.0.3", nullptr));
  atr_resolver_install (r);

  // A wrapper of a wrapper would loop: new_default takes the inner resolver instead.
  g_autoptr(AtrResolver) again = atr_resolver_new_default ();
  EXPECT_NE (again, r);

  g_autoptr(GSocketConnectable) c = g_network_address_new ("gw.atrium.test", 8443);
  g_autoptr(GSocketAddressEnumerator) e = g_socket_connectable_enumerate (c);
  g_autoptr(GError) error = nullptr;
  g_autoptr(GSocketAddress) sa = g_socket_address_enumerator_next (e, nullptr, &error);
  ASSERT_NE (sa, nullptr) << error->message;
  g_autofree char *s = g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (sa)));
  EXPECT_STREQ (s, "127.0.0.3");
  EXPECT_EQ (g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (sa)), 8443);

  g_resolver_set_default (previous);
}

} // namespace
