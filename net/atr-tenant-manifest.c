/* atr-tenant-manifest.c — the tenant manifest, /.well-known/atrium/tenant.json (immutable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field names are a public contract that administrators write by hand. What is refused
 * (an error: the whole document is rejected and the tenant keeps its defaults) and what is
 * dropped with a warning is decided per field:
 *
 *  - errors: size > 1 MiB, bad JSON, atrium_tenant missing or not 1, a value of the wrong JSON
 *    type, a feed_url that is not https, a gateway that is not `host[:port]`, a theme_url on
 *    another origin, both theme and theme_url, a trust anchor that is not exactly one X.509
 *    certificate in exactly one "BEGIN CERTIFICATE" block (atr_trust_anchor_check()), or
 *    carries a private key. These all change where users connect or whom
 *    they trust, so a half-applied manifest would be worse than none.
 *  - warnings: unknown fields, unknown redirections, duplicate gateways, an overlong
 *    display_name (truncated). Dropping them is harmless.
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "atr-gateway-address.h"
#include "atr-json-load.h"
#include "atr-net-error.h"
#include "atr-trust-store.h"

#include "atr-tenant-manifest.h"

#define MAX_GATEWAYS 16
#define MAX_TRUST_ANCHORS 16
#define MAX_DISPLAY_NAME 100
#define MAX_ID 64
#define MAX_IDLE_LOGOFF_MINUTES (7 * 24 * 60)

/* Redirections a tenant may allow; everything else is dropped with a warning. */
static const char * const known_redirections[] = {
  "clipboard", "audio", "printers", "drives", "smartcards", "usb", NULL
};
/* When the manifest has no policy.redirections. */
static const char * const default_redirections[] = { "clipboard", "audio", NULL };

struct _AtrTenantManifest
{
  GObject    parent_instance;

  char      *url;
  char      *id;
  char      *display_name;
  char      *feed_url;
  GStrv      gateways;
  JsonNode  *theme;
  char      *theme_url;
  GStrv      redirections;
  gboolean   allow_certificate_override;
  gboolean   reconnect;
  guint      idle_logoff_minutes;
  GStrv      trust_anchors;
  GStrv      warnings;
};

G_DEFINE_FINAL_TYPE (AtrTenantManifest, atr_tenant_manifest, G_TYPE_OBJECT)

static void
atr_tenant_manifest_finalize (GObject *object)
{
  AtrTenantManifest *self = ATR_TENANT_MANIFEST (object);

  g_free (self->url);
  g_free (self->id);
  g_free (self->display_name);
  g_free (self->feed_url);
  g_strfreev (self->gateways);
  g_clear_pointer (&self->theme, json_node_unref);
  g_free (self->theme_url);
  g_strfreev (self->redirections);
  g_strfreev (self->trust_anchors);
  g_strfreev (self->warnings);

  G_OBJECT_CLASS (atr_tenant_manifest_parent_class)->finalize (object);
}

static void
atr_tenant_manifest_class_init (AtrTenantManifestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_tenant_manifest_finalize;
}

static void
atr_tenant_manifest_init (AtrTenantManifest *self)
{
  self->reconnect = TRUE;
}

typedef struct
{
  const char *url;
  GPtrArray  *warnings;
} Ctx;

G_GNUC_PRINTF (3, 4)
static void
warn (Ctx        *ctx,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (ctx->warnings, g_strdup_printf ("%s: %s: %s", ctx->url, path, msg));
}

G_GNUC_PRINTF (4, 5)
static gboolean
fail (Ctx         *ctx,
      GError     **error,
      const char  *path,
      const char  *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA, "%s: %s: %s", ctx->url, path, msg);
  return FALSE;
}

static gboolean
node_is (JsonNode *node,
         GType     value_type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type;
}

static gboolean
get_string (Ctx         *ctx,
            JsonNode    *node,
            const char  *path,
            const char **out,
            GError     **error)
{
  if (!node_is (node, G_TYPE_STRING))
    return fail (ctx, error, path, _("expected a string"));
  if (!atr_json_text_is_valid (json_node_get_string (node)))
    return fail (ctx, error, path, _("not valid UTF-8 once decoded"));
  *out = json_node_get_string (node);
  return TRUE;
}

/* The member names of @object, each checked before it is compared or named in a message. */
static gboolean
get_members (Ctx         *ctx,
             JsonObject  *object,
             const char  *path,
             GList      **out,
             GError     **error)
{
  gboolean valid;

  *out = atr_json_object_get_valid_members (object, &valid);
  if (!valid)
    return fail (ctx, error, path, _("a member name is not valid UTF-8 once decoded"));
  return TRUE;
}

static gboolean
get_bool (Ctx         *ctx,
          JsonNode    *node,
          const char  *path,
          gboolean    *out,
          GError     **error)
{
  if (!node_is (node, G_TYPE_BOOLEAN))
    return fail (ctx, error, path, _("expected a boolean"));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
get_array (Ctx         *ctx,
           JsonNode    *node,
           const char  *path,
           JsonArray  **out,
           GError     **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return fail (ctx, error, path, _("expected an array"));
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
same_origin (GUri *a,
             GUri *b)
{
  int pa = g_uri_get_port (a);
  int pb = g_uri_get_port (b);

  if (g_ascii_strcasecmp (g_uri_get_scheme (a), g_uri_get_scheme (b)) != 0)
    return FALSE;
  if (g_strcmp0 (g_uri_get_host (a), g_uri_get_host (b)) != 0
      && (g_uri_get_host (a) == NULL || g_uri_get_host (b) == NULL
          || g_ascii_strcasecmp (g_uri_get_host (a), g_uri_get_host (b)) != 0))
    return FALSE;
  if (pa == -1)
    pa = g_ascii_strcasecmp (g_uri_get_scheme (a), "https") == 0 ? 443 : 80;
  if (pb == -1)
    pb = g_ascii_strcasecmp (g_uri_get_scheme (b), "https") == 0 ? 443 : 80;
  return pa == pb;
}

static gboolean
parse_gateways (AtrTenantManifest *self,
                Ctx               *ctx,
                JsonNode          *node,
                GError           **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = NULL;

  if (!get_array (ctx, node, "gateways", &array, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("gateways[%u]", i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *gw = NULL;
      const char *text = NULL;

      if (!get_string (ctx, json_array_get_element (array, i), path, &text, error))
        return FALSE;

      gw = atr_gateway_address_normalize (text, &local_error);
      if (gw == NULL)
        return fail (ctx, error, path, "%s", local_error->message);

      if (g_ptr_array_find_with_equal_func (out, gw, g_str_equal, NULL))
        {
          warn (ctx, path, "duplicate gateway %s, ignored", gw);
          continue;
        }
      if (out->len == MAX_GATEWAYS)
        {
          warn (ctx, path, "more than %u gateways, the rest are ignored", MAX_GATEWAYS);
          break;
        }
      g_ptr_array_add (out, g_steal_pointer (&gw));
    }

  g_ptr_array_add (out, NULL);
  g_strfreev (self->gateways);
  self->gateways = (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

static gboolean
parse_policy (AtrTenantManifest *self,
              Ctx               *ctx,
              JsonNode          *node,
              GError           **error)
{
  JsonObject *policy;
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, error, "policy", _("expected an object"));
  policy = json_node_get_object (node);
  if (!get_members (ctx, policy, "policy", &members, error))
    return FALSE;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *path = g_strdup_printf ("policy.%s", key);
      JsonNode *value = json_object_get_member (policy, key);

      if (g_str_equal (key, "redirections"))
        {
          g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
          JsonArray *array = NULL;

          if (!get_array (ctx, value, path, &array, error))
            return FALSE;
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
              const char *name = NULL;

              if (!get_string (ctx, json_array_get_element (array, i), item_path, &name, error))
                return FALSE;
              if (!g_strv_contains (known_redirections, name))
                warn (ctx, item_path, "unknown redirection \"%.40s\", dropped", name);
              else if (!g_ptr_array_find_with_equal_func (out, name, g_str_equal, NULL))
                g_ptr_array_add (out, g_strdup (name));
            }
          g_ptr_array_add (out, NULL);
          g_strfreev (self->redirections);
          self->redirections = (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
        }
      else if (g_str_equal (key, "allow_certificate_override"))
        {
          if (!get_bool (ctx, value, path, &self->allow_certificate_override, error))
            return FALSE;
        }
      else if (g_str_equal (key, "reconnect"))
        {
          if (!get_bool (ctx, value, path, &self->reconnect, error))
            return FALSE;
        }
      else if (g_str_equal (key, "idle_logoff_minutes"))
        {
          gint64 minutes;

          if (!node_is (value, G_TYPE_INT64))
            return fail (ctx, error, path, _("expected an integer"));
          minutes = json_node_get_int (value);
          if (minutes < 0 || minutes > MAX_IDLE_LOGOFF_MINUTES)
            return fail (ctx, error, path, _("must be from 0 (never) to %u minutes, not %lld"),
                         MAX_IDLE_LOGOFF_MINUTES, (long long) minutes);
          self->idle_logoff_minutes = (guint) minutes;
        }
      else
        warn (ctx, path, "unknown field, ignored");
    }

  return TRUE;
}

static gboolean
parse_trust_anchors (AtrTenantManifest *self,
                     Ctx               *ctx,
                     JsonNode          *node,
                     GError           **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_free);
  JsonArray *array = NULL;

  if (!get_array (ctx, node, "trust_anchors", &array, error))
    return FALSE;

  if (json_array_get_length (array) > MAX_TRUST_ANCHORS)
    return fail (ctx, error, "trust_anchors", _("more than %u certificates"), MAX_TRUST_ANCHORS);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("trust_anchors[%u]", i);
      g_autoptr(GTlsCertificate) cert = NULL;
      g_autoptr(GError) local_error = NULL;
      const char *pem = NULL;

      if (!get_string (ctx, json_array_get_element (array, i), path, &pem, error))
        return FALSE;

      if (strstr (pem, "PRIVATE KEY") != NULL)
        return fail (ctx, error, path, _("contains a private key; give only the certificate"));

      /* Exactly one certificate, as OpenSSL reads it (the trust store) ... */
      if (!atr_trust_anchor_check (pem, &local_error))
        return fail (ctx, error, path, "%s", local_error->message);
      /* ... and as GnuTLS reads it (fingerprints in atrium-cli theme --json). */
      cert = g_tls_certificate_new_from_pem (pem, -1, &local_error);
      if (cert == NULL)
        return fail (ctx, error, path, _("not an X.509 certificate: %s"), local_error->message);

      g_ptr_array_add (out, g_strdup (pem));
    }

  g_ptr_array_add (out, NULL);
  g_strfreev (self->trust_anchors);
  self->trust_anchors = (GStrv) g_ptr_array_free (g_steal_pointer (&out), FALSE);
  return TRUE;
}

static gboolean
parse_member (AtrTenantManifest *self,
              Ctx               *ctx,
              GUri              *base,
              const char        *key,
              JsonNode          *value,
              GError           **error)
{
  const char *text = NULL;

  if (g_str_equal (key, "atrium_tenant"))
    return TRUE; /* checked first */

  if (g_str_equal (key, "id"))
    {
      if (!get_string (ctx, value, key, &text, error))
        return FALSE;
      if (*text == '\0' || strlen (text) > MAX_ID || text[0] == '.')
        return fail (ctx, error, key, _("must be 1 to %u characters, not starting with a dot"), MAX_ID);
      for (const char *p = text; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
          return fail (ctx, error, key, _("only letters, digits, '-', '_' and '.' are allowed"));
      self->id = g_strdup (text);
    }
  else if (g_str_equal (key, "display_name"))
    {
      if (!get_string (ctx, value, key, &text, error))
        return FALSE;
      if (g_utf8_strlen (text, -1) > MAX_DISPLAY_NAME)
        {
          self->display_name = g_utf8_substring (text, 0, MAX_DISPLAY_NAME);
          warn (ctx, key, "longer than %u characters, truncated", MAX_DISPLAY_NAME);
        }
      else
        self->display_name = g_strdup (text);
    }
  else if (g_str_equal (key, "feed_url"))
    {
      g_autoptr(GUri) uri = NULL;

      if (!get_string (ctx, value, key, &text, error))
        return FALSE;
      uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
      if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0
          || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
        return fail (ctx, error, key, _("must be an absolute https:// URL"));
      if (g_uri_get_userinfo (uri) != NULL)
        return fail (ctx, error, key, _("must not contain user info"));
      self->feed_url = g_strdup (text);
    }
  else if (g_str_equal (key, "gateways"))
    return parse_gateways (self, ctx, value, error);
  else if (g_str_equal (key, "theme"))
    {
      if (!JSON_NODE_HOLDS_OBJECT (value))
        return fail (ctx, error, key, _("expected an object (an inline theme)"));
      self->theme = json_node_ref (value);
    }
  else if (g_str_equal (key, "theme_url"))
    {
      g_autoptr(GUri) uri = NULL;

      if (!get_string (ctx, value, key, &text, error))
        return FALSE;
      /* ENCODED: the URL is fetched as the manifest wrote it (%2B, %26 stay). */
      uri = g_uri_parse_relative (base, text, G_URI_FLAGS_ENCODED, NULL);
      if (uri == NULL || *text == '\0')
        return fail (ctx, error, key, _("not a URL"));
      if (!same_origin (base, uri) || g_uri_get_userinfo (uri) != NULL)
        return fail (ctx, error, key, _("must be on the manifest's own origin"));
      self->theme_url = g_uri_to_string (uri);
    }
  else if (g_str_equal (key, "policy"))
    return parse_policy (self, ctx, value, error);
  else if (g_str_equal (key, "trust_anchors"))
    return parse_trust_anchors (self, ctx, value, error);
  else
    warn (ctx, key, "unknown field, ignored");

  return TRUE;
}

/**
 * atr_tenant_manifest_parse:
 * @data: the document as received
 * @length: its length in bytes
 * @manifest_url: the URL it came from: named in every error and warning, and the base of
 *   theme_url
 * @error: return location for an %ATR_NET_ERROR_BAD_DATA error reading
 *   "URL: key.path: what is wrong"
 *
 * Parses and validates a tenant manifest (see the file comment for what is refused and what
 * is dropped with a warning). Pure: no network, no files.
 *
 * Returns: (transfer full) (nullable): the manifest, or %NULL with @error set
 */
AtrTenantManifest *
atr_tenant_manifest_parse (const char  *data,
                           gsize        length,
                           const char  *manifest_url,
                           GError     **error)
{
  g_autoptr(AtrTenantManifest) self = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *version;
  Ctx ctx;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (manifest_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  base = g_uri_parse (manifest_url, G_URI_FLAGS_ENCODED, NULL);
  if (base == NULL)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("%s: not an absolute URL"), manifest_url);
      return NULL;
    }

  root = atr_json_load (data, length, ATR_TENANT_MANIFEST_MAX_SIZE, manifest_url,
                        ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA, ATR_NET_ERROR_BAD_DATA, error);
  if (root == NULL)
    return NULL;

  warnings = g_ptr_array_new_with_free_func (g_free);
  ctx.url = manifest_url;
  ctx.warnings = warnings;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      fail (&ctx, error, "(root)", _("expected an object"));
      return NULL;
    }
  object = json_node_get_object (root);

  version = json_object_get_member (object, "atrium_tenant");
  if (version == NULL)
    {
      fail (&ctx, error, "atrium_tenant", _("missing: not an Atrium tenant manifest"));
      return NULL;
    }
  if (!node_is (version, G_TYPE_INT64))
    {
      fail (&ctx, error, "atrium_tenant", _("expected an integer"));
      return NULL;
    }
  if (json_node_get_int (version) != ATR_TENANT_MANIFEST_VERSION)
    {
      fail (&ctx, error, "atrium_tenant", _("unsupported version %lld (this client reads version %d)"),
            (long long) json_node_get_int (version),
            ATR_TENANT_MANIFEST_VERSION);
      return NULL;
    }

  if (json_object_has_member (object, "theme") && json_object_has_member (object, "theme_url"))
    {
      fail (&ctx, error, "theme_url", _("theme and theme_url are both set; use one"));
      return NULL;
    }

  self = g_object_new (ATR_TYPE_TENANT_MANIFEST, NULL);
  self->url = g_strdup (manifest_url);

  if (!get_members (&ctx, object, "(root)", &members, error))
    return NULL;
  for (GList *l = members; l != NULL; l = l->next)
    if (!parse_member (self, &ctx, base, l->data,
                       json_object_get_member (object, l->data), error))
      return NULL;

  if (self->gateways == NULL)
    self->gateways = g_new0 (char *, 1);
  if (self->redirections == NULL)
    self->redirections = g_strdupv ((char **) default_redirections);
  if (self->trust_anchors == NULL)
    self->trust_anchors = g_new0 (char *, 1);

  g_ptr_array_add (warnings, NULL);
  self->warnings = (GStrv) g_ptr_array_free (g_steal_pointer (&warnings), FALSE);

  return g_steal_pointer (&self);
}

/**
 * atr_tenant_manifest_get_url:
 *
 * Returns: the URL the manifest was parsed from
 */
const char *
atr_tenant_manifest_get_url (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);
  return self->url;
}

/**
 * atr_tenant_manifest_get_id:
 *
 * Returns: (nullable): the tenant's own ID ("id")
 */
const char *
atr_tenant_manifest_get_id (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);
  return self->id;
}

/**
 * atr_tenant_manifest_get_display_name:
 *
 * Returns: (nullable): "display_name", at most 100 characters
 */
const char *
atr_tenant_manifest_get_display_name (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);
  return self->display_name;
}

/**
 * atr_tenant_manifest_get_feed_url:
 *
 * Returns: (nullable): an https feed URL that overrides discovery
 */
const char *
atr_tenant_manifest_get_feed_url (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);
  return self->feed_url;
}

/**
 * atr_tenant_manifest_get_gateways:
 *
 * Returns: (transfer none): extra failover endpoints, normalised to `host:port`
 *   (ASCII, lower case, port 443 when none was given); never %NULL
 */
const char * const *
atr_tenant_manifest_get_gateways (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);
  return (const char * const *) self->gateways;
}

/**
 * atr_tenant_manifest_get_theme:
 *
 * Returns: (transfer none) (nullable): the inline "theme" object, for the theme parser
 */
JsonNode *
atr_tenant_manifest_get_theme (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);
  return self->theme;
}

/**
 * atr_tenant_manifest_get_theme_url:
 *
 * Returns: (nullable): "theme_url" resolved against the manifest URL (same origin)
 */
const char *
atr_tenant_manifest_get_theme_url (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);
  return self->theme_url;
}

/**
 * atr_tenant_manifest_get_redirections:
 *
 * Returns: (transfer none): the allowed redirections, a subset of clipboard, audio,
 *   printers, drives, smartcards, usb; clipboard and audio when the manifest has no
 *   policy.redirections; never %NULL
 */
const char * const *
atr_tenant_manifest_get_redirections (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);
  return (const char * const *) self->redirections;
}

/**
 * atr_tenant_manifest_get_allow_certificate_override:
 *
 * Returns: whether users may accept an untrusted certificate (default %FALSE)
 */
gboolean
atr_tenant_manifest_get_allow_certificate_override (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), FALSE);
  return self->allow_certificate_override;
}

/**
 * atr_tenant_manifest_get_reconnect:
 *
 * Returns: whether sessions reconnect automatically (default %TRUE)
 */
gboolean
atr_tenant_manifest_get_reconnect (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), TRUE);
  return self->reconnect;
}

/**
 * atr_tenant_manifest_get_idle_logoff_minutes:
 *
 * Returns: minutes of inactivity before sign-out, 0 for never (the default); at most a week
 */
guint
atr_tenant_manifest_get_idle_logoff_minutes (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), 0);
  return self->idle_logoff_minutes;
}

/**
 * atr_tenant_manifest_get_trust_anchors:
 *
 * Returns: (transfer none): PEM certificates trusted for this tenant's RDP hosts and
 *   gateways only (never for HTTPS of other tenants); each one parsed as X.509; never %NULL
 */
const char * const *
atr_tenant_manifest_get_trust_anchors (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);
  return (const char * const *) self->trust_anchors;
}

/**
 * atr_tenant_manifest_get_warnings:
 *
 * Returns: (transfer none): what was ignored or dropped, each "URL: key.path: message";
 *   never %NULL
 */
const char * const *
atr_tenant_manifest_get_warnings (AtrTenantManifest *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (self), NULL);
  return (const char * const *) self->warnings;
}
