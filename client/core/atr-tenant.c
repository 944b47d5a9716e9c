/* atr-tenant.c — one enrolled customer of the provider (immutable value object)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include "atr-tenant.h"

struct _AtrTenant
{
  GObject  parent_instance;

  char    *id;
  char    *cache_id;
  char    *domain;
  guint16  port;
  char    *feed_url;
  char    *display_name;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_DOMAIN,
  PROP_FEED_URL,
  PROP_DISPLAY_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtrTenant, atr_tenant, G_TYPE_OBJECT)

static void
atr_tenant_finalize (GObject *object)
{
  AtrTenant *self = ATR_TENANT (object);

  g_free (self->id);
  g_free (self->cache_id);
  g_free (self->domain);
  g_free (self->feed_url);
  g_free (self->display_name);

  G_OBJECT_CLASS (atr_tenant_parent_class)->finalize (object);
}

static void
atr_tenant_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  AtrTenant *self = ATR_TENANT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_DOMAIN:
      g_value_set_string (value, self->domain);
      break;
    case PROP_FEED_URL:
      g_value_set_string (value, self->feed_url);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atr_tenant_class_init (AtrTenantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = atr_tenant_finalize;
  object_class->get_property = atr_tenant_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_DOMAIN] = g_param_spec_string ("domain", NULL, NULL, NULL, flags);
  properties[PROP_FEED_URL] = g_param_spec_string ("feed-url", NULL, NULL, NULL, flags);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atr_tenant_init (AtrTenant *self)
{
}

/**
 * atr_tenant_id_from_domain:
 * @domain: an ASCII (IDNA-encoded) host name, optionally with ":port"
 *
 * Makes @domain safe as a file name and a key: lower case, only `a-z 0-9 . -` and `_`
 * for anything else, never starting with a dot. atr_tenant_get_id() is this of the bare
 * domain; the tenant ID that names folders adds the port rule (atr_tenant_id_for_host()).
 *
 * Returns: (transfer full) (nullable): the ID, or %NULL when @domain is empty
 */
char *
atr_tenant_id_from_domain (const char *domain)
{
  GString *id;

  g_return_val_if_fail (domain != NULL, NULL);

  if (*domain == '\0')
    return NULL;

  id = g_string_new (NULL);
  for (const char *p = domain; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (g_ascii_isalnum (c) || c == '-' || (c == '.' && id->len > 0))
        g_string_append_c (id, c);
      else
        g_string_append_c (id, '_');
    }

  return g_string_free (id, FALSE);
}

/**
 * atr_tenant_id_for_host:
 * @domain: the tenant's ASCII domain (or IP literal, IPv6 without brackets)
 * @port: the port its services listen on; 0 or 443 for the default
 *
 * The one rule for the tenant ID, which names the tenant's cache folder: the feed and the
 * branding of one tenant land in the same folder, and the kiosk wipe keeps that folder's
 * branding. "example.com" on 443 and "example.com:8443" are two tenants.
 *
 * Returns: (transfer full) (nullable): the ID, or %NULL when @domain is empty
 */
char *
atr_tenant_id_for_host (const char *domain,
                        guint16     port)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (domain != NULL, NULL);

  if (*domain == '\0')
    return NULL;
  if (port == 0 || port == 443)
    return atr_tenant_id_from_domain (domain);
  key = g_strdup_printf ("%s:%u", domain, port);
  return atr_tenant_id_from_domain (key);
}

/* The feed URL's port when the feed lives on @domain itself, else 0. */
static guint16
port_from_feed_url (const char *domain,
                    const char *feed_url)
{
  g_autoptr(GUri) uri = g_uri_parse (feed_url, G_URI_FLAGS_NONE, NULL);
  int port;

  if (uri == NULL || g_uri_get_host (uri) == NULL ||
      g_ascii_strcasecmp (g_uri_get_host (uri), domain) != 0)
    return 0;
  port = g_uri_get_port (uri);
  return port > 0 && port <= G_MAXUINT16 && port != 443 ? (guint16) port : 0;
}

/**
 * atr_tenant_new:
 * @domain: the tenant's public domain (ASCII), the key of everything kept per tenant
 * @feed_url: the workspace feed URL; its port is the tenant's when it is on @domain
 * @display_name: (nullable): what users see; the domain when %NULL
 */
AtrTenant *
atr_tenant_new (const char *domain,
                const char *feed_url,
                const char *display_name)
{
  AtrTenant *self;

  g_return_val_if_fail (domain != NULL && *domain != '\0', NULL);
  g_return_val_if_fail (feed_url != NULL, NULL);

  self = g_object_new (ATR_TYPE_TENANT, NULL);
  self->port = port_from_feed_url (domain, feed_url);
  self->id = atr_tenant_id_from_domain (domain);
  self->cache_id = atr_tenant_id_for_host (domain, self->port);
  self->domain = g_strdup (domain);
  self->feed_url = g_strdup (feed_url);
  self->display_name = g_strdup (display_name != NULL ? display_name : domain);

  return self;
}

const char *
atr_tenant_get_id (AtrTenant *self)
{
  g_return_val_if_fail (ATR_IS_TENANT (self), NULL);
  return self->id;
}

const char *
atr_tenant_get_cache_id (AtrTenant *self)
{
  g_return_val_if_fail (ATR_IS_TENANT (self), NULL);
  return self->cache_id;
}

guint16
atr_tenant_get_port (AtrTenant *self)
{
  g_return_val_if_fail (ATR_IS_TENANT (self), 0);
  return self->port;
}

const char *
atr_tenant_get_domain (AtrTenant *self)
{
  g_return_val_if_fail (ATR_IS_TENANT (self), NULL);
  return self->domain;
}

const char *
atr_tenant_get_feed_url (AtrTenant *self)
{
  g_return_val_if_fail (ATR_IS_TENANT (self), NULL);
  return self->feed_url;
}

const char *
atr_tenant_get_display_name (AtrTenant *self)
{
  g_return_val_if_fail (ATR_IS_TENANT (self), NULL);
  return self->display_name;
}
