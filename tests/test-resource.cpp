// Tests for AtrResource and AtrTenant: the immutable value objects of client/core.
#include <gtest/gtest.h>

#include "atr-resource.h"
#include "atr-tenant.h"

namespace {

AtrResource *
make (const char *id, const char *title)
{
  AtrResourceBuilder *b = atr_resource_builder_new (id, ATR_RESOURCE_KIND_REMOTEAPP);
  atr_resource_builder_set_title (b, title);
  atr_resource_builder_set_rdp_url (b, "https://t.example/RDWeb/x.rdp");
  atr_resource_builder_add_folder (b, "/Office");
  atr_resource_builder_add_icon (b, 48, "https://t.example/i48.png");
  atr_resource_builder_add_icon (b, 32, "https://t.example/i32.png");
  atr_resource_builder_add_icon (b, ATR_RESOURCE_ICON_RAW, "https://t.example/raw.ico");
  return atr_resource_builder_end (b);
}

TEST (Resource, BuilderFillsEveryField)
{
  AtrResourceBuilder *b = atr_resource_builder_new ("id-1", ATR_RESOURCE_KIND_DESKTOP);
  atr_resource_builder_set_alias (b, "desk");
  atr_resource_builder_set_title (b, "My Desktop");
  atr_resource_builder_set_publisher (b, "Harbour");
  atr_resource_builder_set_show_by_default (b, FALSE);
  atr_resource_builder_add_folder (b, "/");
  atr_resource_builder_add_folder (b, "/Sub");
  atr_resource_builder_add_folder (b, "/Sub");
  atr_resource_builder_add_file_extension (b, ".docx");
  g_autoptr(AtrResource) r = atr_resource_builder_end (b);

  EXPECT_STREQ (atr_resource_get_id (r), "id-1");
  EXPECT_STREQ (atr_resource_get_alias (r), "desk");
  EXPECT_STREQ (atr_resource_get_title (r), "My Desktop");
  EXPECT_STREQ (atr_resource_get_publisher (r), "Harbour");
  EXPECT_EQ (atr_resource_get_kind (r), ATR_RESOURCE_KIND_DESKTOP);
  EXPECT_FALSE (atr_resource_get_show_by_default (r));
  ASSERT_EQ (g_strv_length ((char **) atr_resource_get_folders (r)), 2u);
  EXPECT_STREQ (atr_resource_get_folders (r)[1], "/Sub");
  EXPECT_STREQ (atr_resource_get_file_extensions (r)[0], ".docx");
  EXPECT_STREQ (atr_resource_kind_to_string (atr_resource_get_kind (r)), "desktop");

  g_autofree char *title = NULL;
  g_object_get (r, "title", &title, NULL);
  EXPECT_STREQ (title, "My Desktop");
}

TEST (Resource, AliasAndTitleDefaultToId)
{
  g_autoptr(AtrResource) r =
    atr_resource_builder_end (atr_resource_builder_new ("only-id", ATR_RESOURCE_KIND_REMOTEAPP));
  EXPECT_STREQ (atr_resource_get_alias (r), "only-id");
  EXPECT_STREQ (atr_resource_get_title (r), "only-id");
  EXPECT_TRUE (atr_resource_get_show_by_default (r));
  EXPECT_EQ (atr_resource_get_n_icons (r), 0u);
  EXPECT_EQ (atr_resource_lookup_icon (r, 32), nullptr);
}

TEST (Resource, IconsSortedAndLookedUpBySize)
{
  g_autoptr(AtrResource) r = make ("a", "A");
  guint size = 99;
  ASSERT_EQ (atr_resource_get_n_icons (r), 3u);
  atr_resource_get_icon (r, 0, &size);
  EXPECT_EQ (size, (guint) ATR_RESOURCE_ICON_RAW);
  atr_resource_get_icon (r, 2, &size);
  EXPECT_EQ (size, 48u);
  EXPECT_STREQ (atr_resource_lookup_icon (r, 32), "https://t.example/i32.png");
  EXPECT_STREQ (atr_resource_lookup_icon (r, 40), "https://t.example/i48.png");
  EXPECT_STREQ (atr_resource_lookup_icon (r, 256), "https://t.example/i48.png");
}

TEST (Resource, EqualComparesEveryField)
{
  g_autoptr(AtrResource) a = make ("a", "A");
  g_autoptr(AtrResource) same = make ("a", "A");
  g_autoptr(AtrResource) other = make ("a", "B");
  EXPECT_TRUE (atr_resource_equal (a, same));
  EXPECT_FALSE (atr_resource_equal (a, other));
}

TEST (Resource, BuilderFreeWithoutEndLeaksNothing)
{
  AtrResourceBuilder *b = atr_resource_builder_new ("x", ATR_RESOURCE_KIND_DESKTOP);
  atr_resource_builder_add_folder (b, "/");
  atr_resource_builder_free (b);
}

TEST (Tenant, IdIsSafeForFileNames)
{
  g_autofree char *a = atr_tenant_id_from_domain ("Tenant1.MSP.example:8443");
  g_autofree char *b = atr_tenant_id_from_domain ("../../etc/passwd");
  g_autofree char *c = atr_tenant_id_from_domain ("a/b\\c");
  EXPECT_STREQ (a, "tenant1.msp.example_8443");
  EXPECT_EQ (strchr (b, '/'), nullptr);
  EXPECT_NE (b[0], '.');
  EXPECT_STREQ (c, "a_b_c");
  EXPECT_EQ (atr_tenant_id_from_domain (""), nullptr);
}

TEST (Tenant, Fields)
{
  g_autoptr(AtrTenant) t = atr_tenant_new ("harbour.example", "https://harbour.example/f", NULL);
  EXPECT_STREQ (atr_tenant_get_id (t), "harbour.example");
  EXPECT_STREQ (atr_tenant_get_display_name (t), "harbour.example");
  EXPECT_STREQ (atr_tenant_get_feed_url (t), "https://harbour.example/f");
}

TEST (Tenant, IdForHostAddsThePortUnlessItIsTheDefault)
{
  g_autofree char *bare = atr_tenant_id_for_host ("Harbour.Example", 0);
  g_autofree char *https = atr_tenant_id_for_host ("harbour.example", 443);
  g_autofree char *other = atr_tenant_id_for_host ("harbour.example", 8443);
  g_autofree char *v6 = atr_tenant_id_for_host ("::1", 8443);

  EXPECT_STREQ (bare, "harbour.example");
  EXPECT_STREQ (https, "harbour.example");
  EXPECT_STREQ (other, "harbour.example_8443");
  EXPECT_STREQ (v6, "__1_8443");
  EXPECT_EQ (atr_tenant_id_for_host ("", 8443), nullptr);
}

// The tenant's port is its feed's when the feed is on the tenant's domain: the ID then names
// the folder the branding (fetched from domain:port) is cached in too. The ID (secrets, logs)
// stays the domain's.
TEST (Tenant, PortAndIdsFollowTheFeedOnTheTenantsDomain)
{
  struct { const char *feed; guint16 port; const char *id; } cases[] = {
    { "https://harbour.example/f", 0, "harbour.example" },
    { "https://harbour.example:443/f", 0, "harbour.example" },
    { "https://HARBOUR.example:8443/f", 8443, "harbour.example_8443" },
    { "https://rdweb.harbour.example:8443/f", 0, "harbour.example" },
    { "not a url", 0, "harbour.example" },
  };

  for (const auto &c : cases)
    {
      g_autoptr(AtrTenant) t = atr_tenant_new ("harbour.example", c.feed, NULL);

      EXPECT_EQ (atr_tenant_get_port (t), c.port) << c.feed;
      EXPECT_STREQ (atr_tenant_get_cache_id (t), c.id) << c.feed;
      EXPECT_STREQ (atr_tenant_get_id (t), "harbour.example") << c.feed;
    }
}

}  // namespace
