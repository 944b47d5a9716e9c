// Headless tests for ui/'s pure parts: error wording, "last updated", folders and the
// show-by-default filter, the GSettings tenant list, and the bundled theme lookup.
#include <gtest/gtest.h>

#include <string>

#include "atr-net-error.h"
#include "atr-rdp-error.h"
#include "atr-resource-list.h"
#include "atr-tenant-registry.h"
#include "atr-theme-loader.h"
#include "atr-ui-text.h"

namespace {

std::string
take (char *s)
{
  std::string r = s ? s : "(null)";
  g_free (s);
  return r;
}

AtrResource *
make_resource (const char *id, std::initializer_list<const char *> folders, bool shown = true)
{
  AtrResourceBuilder *b = atr_resource_builder_new (id, ATR_RESOURCE_KIND_REMOTEAPP);
  atr_resource_builder_set_title (b, id);
  atr_resource_builder_set_show_by_default (b, shown);
  for (const char *f : folders)
    atr_resource_builder_add_folder (b, f);
  return atr_resource_builder_end (b);
}

GDateTime *
utc (int y, int mo, int d, int h, int mi, int s)
{
  return g_date_time_new_utc (y, mo, d, h, mi, s);
}

TEST (UiErrors, CertificateKeepsTheReasonAndTheHost)
{
  g_autoptr(GError) error = g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE,
                                         "harbour.atrium.test: certificate is for another host");
  EXPECT_NE (take (atr_ui_error_title (error)).find ("certificate"), std::string::npos);
  std::string description = take (atr_ui_error_description (error));
  EXPECT_NE (description.find ("harbour.atrium.test: certificate is for another host"),
             std::string::npos);
  EXPECT_EQ (atr_ui_error_action (error), ATR_UI_ACTION_RETRY);
}

TEST (UiErrors, ActionsFollowTheCause)
{
  g_autoptr(GError) auth = g_error_new_literal (ATR_NET_ERROR, ATR_NET_ERROR_AUTH, "401");
  g_autoptr(GError) dns = g_error_new_literal (ATR_NET_ERROR, ATR_NET_ERROR_DNS, "nx");
  g_autoptr(GError) bad = g_error_new_literal (ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS, "x");
  g_autoptr(GError) timeout = g_error_new_literal (ATR_NET_ERROR, ATR_NET_ERROR_TIMEOUT, "t");
  EXPECT_EQ (atr_ui_error_action (auth), ATR_UI_ACTION_SIGN_IN);
  EXPECT_EQ (atr_ui_error_action (dns), ATR_UI_ACTION_EDIT);
  EXPECT_EQ (atr_ui_error_action (bad), ATR_UI_ACTION_EDIT);
  EXPECT_EQ (atr_ui_error_action (timeout), ATR_UI_ACTION_RETRY);
  EXPECT_NE (take (atr_ui_error_title (timeout)), take (atr_ui_error_title (auth)));
}

// #14: refused credentials say what was wrong, not just that sign-in failed.
TEST (UiErrors, RefusedCredentialsSayWhatWasWrong)
{
  g_autoptr(GError) auth = g_error_new_literal (ATR_NET_ERROR, ATR_NET_ERROR_AUTH,
                                                "harbour.atrium.test refused the credentials");
  EXPECT_EQ (take (atr_ui_error_title (auth)), "Wrong user name or password");
}

TEST (UiErrors, ForeignDomainShowsItsMessage)
{
  g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                                 "/var/cache/x: permission denied");
  EXPECT_EQ (take (atr_ui_error_title (error)), "Something went wrong");
  EXPECT_EQ (take (atr_ui_error_description (error)), "/var/cache/x: permission denied");
}

/* #14: a gateway that was not found was worded as the gateway failing to reach the host. */
TEST (UiSessionEnd, GatewayWordsNameTheHopThatFailed)
{
  g_autoptr(GError) first = g_error_new_literal (ATR_RDP_ERROR, ATR_RDP_ERROR_GATEWAY_UNREACHABLE,
                                                 "not found");
  g_autoptr(GError) second = g_error_new_literal (ATR_RDP_ERROR, ATR_RDP_ERROR_GATEWAY, "refused");
  char *title = NULL, *description = NULL;

  atr_ui_session_end_text (first, "pc.atrium.test", &title, &description);
  std::string t1 = take (title), d1 = take (description);
  EXPECT_EQ (t1, "Gateway Not Reachable");
  EXPECT_NE (d1.find ("could not be found or reached"), std::string::npos) << d1;
  EXPECT_NE (d1.find ("pc.atrium.test itself was not contacted"), std::string::npos) << d1;

  atr_ui_session_end_text (second, "pc.atrium.test", &title, &description);
  std::string t2 = take (title), d2 = take (description);
  EXPECT_EQ (t2, "Gateway Failure");
  EXPECT_EQ (d2, "The gateway could not open a connection to pc.atrium.test.");
  EXPECT_NE (t1, t2);
}

TEST (UiLastUpdated, RelativeWords)
{
  g_autoptr(GDateTime) now = utc (2024, 5, 2, 14, 30, 0);
  g_autoptr(GDateTime) s30 = utc (2024, 5, 2, 14, 29, 30);
  g_autoptr(GDateTime) m1 = utc (2024, 5, 2, 14, 29, 0);
  g_autoptr(GDateTime) m5 = utc (2024, 5, 2, 14, 25, 0);
  g_autoptr(GDateTime) h3 = utc (2024, 5, 2, 11, 2, 0);
  g_autoptr(GDateTime) yesterday = utc (2024, 5, 1, 9, 15, 0);
  g_autoptr(GDateTime) old = utc (2024, 4, 20, 8, 0, 0);

  EXPECT_EQ (take (atr_ui_format_last_updated (NULL, now)), "Never updated");
  EXPECT_EQ (take (atr_ui_format_last_updated (s30, now)), "Last updated just now");
  EXPECT_EQ (take (atr_ui_format_last_updated (m1, now)), "Last updated 1 minute ago");
  EXPECT_EQ (take (atr_ui_format_last_updated (m5, now)), "Last updated 5 minutes ago");
  EXPECT_EQ (take (atr_ui_format_last_updated (h3, now)), "Last updated today at 11:02");
  EXPECT_EQ (take (atr_ui_format_last_updated (yesterday, now)),
             "Last updated yesterday at 09:15");
  EXPECT_EQ (take (atr_ui_format_last_updated (old, now)), "Last updated 2024-04-20 at 08:00");
}

TEST (UiLastUpdated, ClockSkewIsNotNegative)
{
  g_autoptr(GDateTime) now = utc (2024, 5, 2, 14, 30, 0);
  g_autoptr(GDateTime) future = utc (2024, 5, 2, 14, 40, 0);
  EXPECT_EQ (take (atr_ui_format_last_updated (future, now)), "Last updated just now");
}

TEST (UiFolders, CollectedSortedRootFirstWithoutDuplicates)
{
  g_autoptr(AtrResourceList) list = atr_resource_list_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (items, make_resource ("a", { "/Clinic" }));
  g_ptr_array_add (items, make_resource ("b", { "/", "/Admin" }));
  g_ptr_array_add (items, make_resource ("c", { "/Clinic", "/Admin" }));
  g_ptr_array_add (items, make_resource ("d", {}));
  atr_resource_list_replace (list, items);

  g_auto(GStrv) folders = atr_ui_collect_folders (G_LIST_MODEL (list));
  ASSERT_EQ (g_strv_length (folders), 3u);
  EXPECT_STREQ (folders[0], "/");
  EXPECT_STREQ (folders[1], "/Admin");
  EXPECT_STREQ (folders[2], "/Clinic");
}

TEST (UiFolders, MatchHonoursFolderAndShowByDefault)
{
  g_autoptr(AtrResource) clinic = make_resource ("a", { "/Clinic" });
  g_autoptr(AtrResource) hidden = make_resource ("h", { "/Admin" }, false);
  g_autoptr(AtrResource) rootless = make_resource ("r", {});

  EXPECT_TRUE (atr_ui_resource_matches (clinic, NULL, FALSE));
  EXPECT_TRUE (atr_ui_resource_matches (clinic, "", FALSE));
  EXPECT_TRUE (atr_ui_resource_matches (clinic, "/Clinic", FALSE));
  EXPECT_FALSE (atr_ui_resource_matches (clinic, "/Admin", FALSE));
  EXPECT_FALSE (atr_ui_resource_matches (hidden, NULL, FALSE));
  EXPECT_TRUE (atr_ui_resource_matches (hidden, NULL, TRUE));
  EXPECT_TRUE (atr_ui_resource_matches (hidden, "/Admin", TRUE));
  EXPECT_TRUE (atr_ui_resource_matches (rootless, "/", FALSE));
  EXPECT_FALSE (atr_ui_resource_matches (rootless, "/Clinic", FALSE));
}

TEST (UiFolders, Labels)
{
  EXPECT_EQ (take (atr_ui_folder_label ("")), "All folders");
  EXPECT_EQ (take (atr_ui_folder_label ("/")), "Top level");
  EXPECT_EQ (take (atr_ui_folder_label ("/Clinic")), "Clinic");
  EXPECT_EQ (take (atr_ui_folder_label ("Office")), "Office");
}

TEST (UiText, KindsAndDiscovery)
{
  EXPECT_STREQ (atr_ui_kind_label (ATR_RESOURCE_KIND_DESKTOP), "Desktop");
  EXPECT_STREQ (atr_ui_kind_label (ATR_RESOURCE_KIND_REMOTEAPP), "App");
  EXPECT_EQ (take (atr_ui_found_by_label ("dns-txt", "example.com")),
             "DNS record _msradc.example.com");
  EXPECT_EQ (take (atr_ui_found_by_label ("url", "example.com")), "Typed feed address");
  EXPECT_EQ (take (atr_ui_found_by_label ("something-new", "x")), "something-new");
}

GVariant *
registry (std::initializer_list<std::pair<const char *, const char *>> entries)
{
  GVariantBuilder b;
  g_variant_builder_init (&b, G_VARIANT_TYPE (ATR_TENANT_REGISTRY_TYPE));
  for (auto &e : entries)
    g_variant_builder_add (&b, "(ss)", e.first, e.second);
  return g_variant_ref_sink (g_variant_builder_end (&b));
}

TEST (TenantRegistry, ParseSkipsUnsafeAndDuplicateEntries)
{
  g_autoptr(GVariant) v = registry ({
    { "harbour.atrium.test", "https://harbour.atrium.test/RDWeb/Feed/webfeed.aspx" },
    { "plain.example", "http://plain.example/RDWeb/Feed/webfeed.aspx" },
    { "", "https://nameless.example/feed" },
    { "HARBOUR.atrium.test", "https://other.example/feed" },
    { "js.example", "javascript:alert(1)" },
    { "bare.example", "https://" },
    { "ironworks.atrium.test", "HTTPS://ironworks.atrium.test/RDWeb/Feed/webfeed.aspx" },
  });
  g_autoptr(GPtrArray) tenants = atr_tenant_registry_parse (v);
  ASSERT_EQ (tenants->len, 2u);
  EXPECT_STREQ (atr_tenant_get_domain (ATR_TENANT (tenants->pdata[0])), "harbour.atrium.test");
  EXPECT_STREQ (atr_tenant_get_feed_url (ATR_TENANT (tenants->pdata[0])),
                "https://harbour.atrium.test/RDWeb/Feed/webfeed.aspx");
  EXPECT_STREQ (atr_tenant_get_domain (ATR_TENANT (tenants->pdata[1])), "ironworks.atrium.test");
}

TEST (TenantRegistry, ParseCapsTheCount)
{
  GVariantBuilder b;
  g_variant_builder_init (&b, G_VARIANT_TYPE (ATR_TENANT_REGISTRY_TYPE));
  for (int i = 0; i < 500; i++)
    {
      g_autofree char *d = g_strdup_printf ("t%d.example", i);
      g_autofree char *u = g_strdup_printf ("https://t%d.example/feed", i);
      g_variant_builder_add (&b, "(ss)", d, u);
    }
  g_autoptr(GVariant) v = g_variant_ref_sink (g_variant_builder_end (&b));
  g_autoptr(GPtrArray) tenants = atr_tenant_registry_parse (v);
  EXPECT_EQ (tenants->len, (guint) ATR_TENANT_REGISTRY_MAX);
}

TEST (TenantRegistry, AddReplacesInPlaceAndRemoveDrops)
{
  g_autoptr(GVariant) v = registry ({
    { "a.example", "https://a.example/1" },
    { "b.example", "https://b.example/1" },
  });
  g_autoptr(GVariant) added = atr_tenant_registry_add (v, "c.example", "https://c.example/1");
  g_autoptr(GVariant) replaced = atr_tenant_registry_add (added, "A.example", "https://a.example/2");
  g_autoptr(GVariant) removed = atr_tenant_registry_remove (replaced, "b.EXAMPLE");
  g_autoptr(GVariant) empty = atr_tenant_registry_add (NULL, "z.example", "https://z.example/");

  g_autofree char *text = g_variant_print (removed, FALSE);
  EXPECT_STREQ (text, "[('A.example', 'https://a.example/2'), ('c.example', 'https://c.example/1')]");
  EXPECT_EQ (g_variant_n_children (empty), 1u);
}

TEST (ThemeLoader, NameFromTheFirstLabelOnly)
{
  EXPECT_EQ (take (atr_theme_loader_name_for_domain ("harbour.atrium.test")), "harbour");
  EXPECT_EQ (take (atr_theme_loader_name_for_domain ("Ironworks.Atrium.Test")), "ironworks");
  EXPECT_EQ (take (atr_theme_loader_name_for_domain ("localhost")), "localhost");
  EXPECT_EQ (take (atr_theme_loader_name_for_domain ("default.example")), "(null)");
  EXPECT_EQ (take (atr_theme_loader_name_for_domain (".example")), "(null)");
  EXPECT_EQ (take (atr_theme_loader_name_for_domain ("..%2f.example")), "(null)");
  EXPECT_EQ (take (atr_theme_loader_name_for_domain ("a_b.example")), "(null)");
}

struct Loaded { AtrTheme *theme = nullptr; GError *error = nullptr; bool done = false; };

void
loaded_cb (GObject *, GAsyncResult *res, gpointer data)
{
  auto *l = static_cast<Loaded *> (data);
  l->theme = atr_theme_loader_load_finish (res, &l->error);
  l->done = true;
}

std::string
load_name (const char *domain)
{
  Loaded l;
  atr_theme_loader_load_async (domain, NULL, loaded_cb, &l);
  while (!l.done)
    g_main_context_iteration (NULL, TRUE);
  if (l.theme == nullptr)
    {
      std::string m = l.error->message;
      g_error_free (l.error);
      return "error: " + m;
    }
  std::string name = atr_theme_get_name (l.theme);
  g_object_unref (l.theme);
  return name;
}

/* The build tree's own copy of the bundled themes (client/core/atr-data-dirs.c), found
 * without any environment variable. */
TEST (ThemeLoader, BundledThemeByDomainElseDefault)
{
  g_unsetenv ("ATR_THEMES_DIR");
  EXPECT_EQ (load_name ("harbour.atrium.test"), "Harbour");
  EXPECT_EQ (load_name ("ironworks.atrium.test"), "Ironworks");
  EXPECT_EQ (load_name ("unknown.example"), "Atrium");
}

/* ATR_THEMES_DIR stays as the tests' override for a folder that is not the bundled one. */
TEST (ThemeLoader, MissingThemesDirIsAnErrorNamingTheFile)
{
  g_setenv ("ATR_THEMES_DIR", "/nonexistent/atrium-themes", TRUE);
  std::string r = load_name ("harbour.atrium.test");
  g_unsetenv ("ATR_THEMES_DIR");
  EXPECT_EQ (r.rfind ("error: ", 0), 0u) << r;
  EXPECT_NE (r.find ("/nonexistent/atrium-themes"), std::string::npos) << r;
}

} // namespace
