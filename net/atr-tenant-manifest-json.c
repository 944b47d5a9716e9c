/* atr-tenant-manifest-json.c — the effective manifest as JSON (atrium-cli theme --json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <gio/gio.h>

#include "atr-tenant-manifest.h"

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv[i] != NULL; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

static void
add_nullable_string (JsonBuilder *builder,
                     const char  *name,
                     const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * atr_tenant_manifest_to_json:
 *
 * The effective manifest as `atrium-cli theme --json` prints it: id, display_name, feed_url,
 * gateways, theme_url, policy{…}, trust_anchors (SHA-256 fingerprints of the DER, not the
 * PEM) and warnings. Absent optional strings are null.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
atr_tenant_manifest_to_json (AtrTenantManifest *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char * const *anchors;

  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);

  json_builder_begin_object (builder);
  add_nullable_string (builder, "id", atr_tenant_manifest_get_id (self));
  add_nullable_string (builder, "display_name", atr_tenant_manifest_get_display_name (self));
  add_nullable_string (builder, "feed_url", atr_tenant_manifest_get_feed_url (self));
  add_strv (builder, "gateways", atr_tenant_manifest_get_gateways (self));
  add_nullable_string (builder, "theme_url", atr_tenant_manifest_get_theme_url (self));

  json_builder_set_member_name (builder, "policy");
  json_builder_begin_object (builder);
  add_strv (builder, "redirections", atr_tenant_manifest_get_redirections (self));
  json_builder_set_member_name (builder, "allow_certificate_override");
  json_builder_add_boolean_value (builder,
                                  atr_tenant_manifest_get_allow_certificate_override (self));
  json_builder_set_member_name (builder, "reconnect");
  json_builder_add_boolean_value (builder, atr_tenant_manifest_get_reconnect (self));
  json_builder_set_member_name (builder, "idle_logoff_minutes");
  json_builder_add_int_value (builder, atr_tenant_manifest_get_idle_logoff_minutes (self));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "trust_anchors");
  json_builder_begin_array (builder);
  anchors = atr_tenant_manifest_get_trust_anchors (self);
  for (guint i = 0; anchors[i] != NULL; i++)
    {
      g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_pem (anchors[i], -1, NULL);
      g_autoptr(GByteArray) der = NULL;
      g_autofree char *sha = NULL;

      if (cert != NULL)
        g_object_get (cert, "certificate", &der, NULL);
      if (der != NULL)
        sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, der->data, der->len);
      if (sha != NULL)
        json_builder_add_string_value (builder, sha);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_array (builder);

  add_strv (builder, "warnings", atr_tenant_manifest_get_warnings (self));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}
