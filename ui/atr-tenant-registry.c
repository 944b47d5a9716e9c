/* atr-tenant-registry.c — the enrolled tenants as stored in GSettings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include "atr-tenant-registry.h"

static gboolean
entry_valid (const char *domain,
             const char *feed_url)
{
  return domain[0] != '\0' &&
         g_ascii_strncasecmp (feed_url, "https://", 8) == 0 &&
         feed_url[8] != '\0';
}

GPtrArray *
atr_tenant_registry_parse (GVariant *tenants)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GVariantIter iter;
  const char *domain;
  const char *feed_url;

  g_return_val_if_fail (tenants != NULL, NULL);
  g_return_val_if_fail (g_variant_is_of_type (tenants, G_VARIANT_TYPE (ATR_TENANT_REGISTRY_TYPE)),
                        NULL);

  g_variant_iter_init (&iter, tenants);
  while (g_variant_iter_next (&iter, "(&s&s)", &domain, &feed_url))
    {
      g_autofree char *key = g_ascii_strdown (domain, -1);

      if (!entry_valid (domain, feed_url))
        {
          g_debug ("settings: tenant '%s' skipped: feed URL '%s' is not https", domain, feed_url);
          continue;
        }
      if (g_hash_table_contains (seen, key))
        continue;
      if (result->len >= ATR_TENANT_REGISTRY_MAX)
        break;
      g_ptr_array_add (result, atr_tenant_new (domain, feed_url, NULL));
      g_hash_table_add (seen, g_steal_pointer (&key));
    }

  return g_steal_pointer (&result);
}

static GVariant *
copy_without (GVariant   *tenants,
              const char *domain,
              const char *add_domain,
              const char *add_feed_url)
{
  GVariantBuilder builder;
  GVariantIter iter;
  const char *d;
  const char *f;
  gboolean added = FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE (ATR_TENANT_REGISTRY_TYPE));
  if (tenants != NULL)
    {
      g_variant_iter_init (&iter, tenants);
      while (g_variant_iter_next (&iter, "(&s&s)", &d, &f))
        {
          if (g_ascii_strcasecmp (d, domain) == 0)
            {
              /* Replace in place so the order the user enrolled in is kept. */
              if (add_domain != NULL && !added)
                {
                  g_variant_builder_add (&builder, "(ss)", add_domain, add_feed_url);
                  added = TRUE;
                }
              continue;
            }
          g_variant_builder_add (&builder, "(ss)", d, f);
        }
    }
  if (add_domain != NULL && !added)
    g_variant_builder_add (&builder, "(ss)", add_domain, add_feed_url);

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

GVariant *
atr_tenant_registry_add (GVariant   *tenants,
                         const char *domain,
                         const char *feed_url)
{
  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (feed_url != NULL, NULL);
  g_return_val_if_fail (tenants == NULL ||
                        g_variant_is_of_type (tenants, G_VARIANT_TYPE (ATR_TENANT_REGISTRY_TYPE)),
                        NULL);

  return copy_without (tenants, domain, domain, feed_url);
}

GVariant *
atr_tenant_registry_remove (GVariant   *tenants,
                            const char *domain)
{
  g_return_val_if_fail (domain != NULL, NULL);
  g_return_val_if_fail (tenants == NULL ||
                        g_variant_is_of_type (tenants, G_VARIANT_TYPE (ATR_TENANT_REGISTRY_TYPE)),
                        NULL);

  return copy_without (tenants, domain, NULL, NULL);
}
