/* fuzz-manifest.c — tenant manifests: atr_tenant_manifest_parse() over atr_json_load()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties: no crash or leak (json-glib 1.6 recurses per nesting level, so depth must be
 * refused before it parses); a manifest refused has an error and vice versa; every URL a
 * manifest hands on is https; warnings are valid UTF-8.
 */
#include "config.h"

#include "atr-json-load.h"
#include "atr-net-error.h"
#include "atr-tenant-manifest.h"

#include "atr-fuzz.h"

#define MANIFEST_URL "https://tenant.atrium.test/.well-known/atrium/tenant.json"

static void
check_https (const char *what,
             const char *url)
{
  if (url != NULL)
    ATR_FUZZ_CHECK (g_str_has_prefix (url, "https://"), "%s is not https", what);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTenantManifest) manifest = NULL;

  atr_fuzz_init_logging ();
  if (size > 4 * 1024 * 1024)
    return -1;

  /* The loader on its own, as every JSON document Atrium reads goes through it. */
  {
    g_autoptr(GError) load_error = NULL;
    JsonNode *node = atr_json_load ((const char *) data, size, 1024 * 1024, MANIFEST_URL,
                                    ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA, ATR_NET_ERROR_BAD_DATA,
                                    &load_error);

    ATR_FUZZ_CHECK ((node == NULL) == (load_error != NULL), "result and error disagree");
    g_clear_pointer (&node, json_node_unref);
  }

  manifest = atr_tenant_manifest_parse ((const char *) data, size, MANIFEST_URL, &error);
  ATR_FUZZ_CHECK ((manifest == NULL) == (error != NULL), "result and error disagree");
  if (manifest == NULL)
    return 0;

  check_https ("the feed URL", atr_tenant_manifest_get_feed_url (manifest));
  check_https ("the theme URL", atr_tenant_manifest_get_theme_url (manifest));
  for (const char * const *w = atr_tenant_manifest_get_warnings (manifest); w && *w; w++)
    ATR_FUZZ_CHECK (g_utf8_validate (*w, -1, NULL), "a warning is not UTF-8");
  return 0;
}
