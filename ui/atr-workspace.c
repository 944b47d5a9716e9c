/* atr-workspace.c — one enrolled tenant as the UI sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <string.h>

#include "atr-address.h"
#include "atr-feed-client.h"
#include "atr-net-error.h"
#include "atr-tenant-loader.h"
#include "atr-remembered-token.h"
#include "atr-theme-loader.h"

#include "atr-workspace.h"

struct _AtrWorkspace
{
  GObject            parent_instance;

  AtrTenant         *tenant;
  AtrTrustStore     *trust;
  AtrHttpClient     *http;
  AtrFeedClient     *feed_client;
  AtrResourceList   *resources;
  GCancellable      *cancellable;

  /* What the tenant publishes about itself: manifest, theme, logos (net/, themes/). */
  AtrTenantLoader   *loader;           /* NULL when the domain gives no tenant ID */
  AtrEndpointMemory *memory;           /* shared by the manifest's and the feed's client */
  AtrTenantManifest *manifest;
  GCancellable      *meta_cancellable; /* manifest and theme; cancelled on dispose only */
  GBytes            *logos[2];
  char              *user;             /* the signed-in user, for sessions */
  char              *password;         /* wiped when replaced and on dispose */
  AtrRememberedToken *remembered;      /* "remember me" for the feed token, or NULL */
  guint              manifest_loading : 1;
  guint              manifest_failed : 1;   /* retried on the next refresh */
  guint              gateways_added : 1;
  guint              fetch_pending : 1;     /* a feed fetch waits for the manifest */

  AtrWorkspaceState  state;
  GError            *error;
  GDateTime         *fetched;
  char              *publisher;
  AtrTheme          *theme;
  guint              stale : 1;
  guint              busy : 1;
  guint              shown : 1;          /* a list (live or cached) has been shown */
  guint              cache_loading : 1;  /* the cached list is being read */
  guint              fetch_after_cache : 1;  /* refresh asked while it was read */
  guint              has_credentials : 1;
  guint              needs_account : 1;  /* asked for credentials, or was given some */
};

G_DEFINE_FINAL_TYPE (AtrWorkspace, atr_workspace, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TENANT,
  PROP_TRUST,
  PROP_STATE,
  PROP_ERROR,
  PROP_STALE,
  PROP_BUSY,
  PROP_FETCHED,
  PROP_PUBLISHER,
  PROP_THEME,
  PROP_MANIFEST,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_state (AtrWorkspace      *self,
           AtrWorkspaceState  state,
           const GError      *error)
{
  g_object_freeze_notify (G_OBJECT (self));
  if (self->error != NULL || error != NULL)
    {
      g_clear_error (&self->error);
      if (error != NULL)
        self->error = g_error_copy (error);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_busy (AtrWorkspace *self,
          gboolean      busy)
{
  if (self->busy == !!busy)
    return;
  self->busy = !!busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_stale (AtrWorkspace *self,
           gboolean      stale)
{
  if (self->stale == !!stale)
    return;
  self->stale = !!stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

static void
show_result (AtrWorkspace  *self,
             AtrFeedResult *result)
{
  AtrFeed *feed = atr_feed_result_get_feed (result);
  const char *publisher = atr_feed_get_publisher_name (feed);
  GDateTime *fetched = atr_feed_result_get_fetched (result);

  atr_resource_list_replace (self->resources, atr_feed_get_resources (feed));
  self->shown = TRUE;

  if (g_strcmp0 (self->publisher, publisher) != 0)
    {
      g_free (self->publisher);
      self->publisher = g_strdup (publisher);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHER]);
    }
  if (fetched != self->fetched)
    {
      g_clear_pointer (&self->fetched, g_date_time_unref);
      self->fetched = fetched ? g_date_time_ref (fetched) : NULL;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FETCHED]);
    }
  set_stale (self, atr_feed_result_is_stale (result));
  for (const char * const *w = atr_feed_result_get_warnings (result); w && *w; w++)
    g_debug ("%s: %s", atr_tenant_get_domain (self->tenant), *w);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(AtrWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeedResult) result = NULL;

  result = atr_feed_client_fetch_finish (ATR_FEED_CLIENT (source), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (result != NULL)
    {
      if (self->remembered != NULL)
        atr_remembered_token_update (self->remembered, result, NULL);  /* see .h */
      show_result (self, result);
      set_state (self, ATR_WORKSPACE_STATE_READY, NULL);
      return;
    }

  g_debug ("%s: fetch failed: %s", atr_tenant_get_domain (self->tenant), error->message);
  if (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH))
    {
      self->needs_account = TRUE;
      set_state (self, ATR_WORKSPACE_STATE_NEEDS_SIGN_IN, error);
    }
  else if (self->shown)
    {
      /* Keep showing what we have; the banner says why it is old. */
      set_stale (self, TRUE);
      set_state (self, ATR_WORKSPACE_STATE_READY, error);
    }
  else
    set_state (self, ATR_WORKSPACE_STATE_ERROR, error);
}

static void load_manifest (AtrWorkspace *self);
static void fetch (AtrWorkspace *self);

/* "Remember me": the stored token is read first (cancelled: again on the next refresh). */
static void
token_loaded_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(AtrWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;

  if (atr_remembered_token_load_finish (ATR_REMEMBERED_TOKEN (source), res, &error) &&
      self->cancellable != NULL)
    fetch (self);
}

static void
fetch (AtrWorkspace *self)
{
  /* The manifest's gateways join the feed's failover list first. */
  if (self->manifest_loading)
    {
      self->fetch_pending = TRUE;
      return;
    }
  self->fetch_pending = FALSE;
  if (self->remembered != NULL && atr_remembered_token_needs_load (self->remembered))
    {
      atr_remembered_token_load_async (self->remembered, self->feed_client, self->cancellable,
                                       token_loaded_cb, g_object_ref (self));
      return;
    }
  atr_feed_client_fetch_async (self->feed_client, atr_tenant_get_feed_url (self->tenant),
                               self->cancellable, fetched_cb, g_object_ref (self));
}

static void
cached_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(AtrWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeedResult) result = NULL;

  result = atr_feed_client_load_cached_finish (res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->cache_loading = FALSE;
  if (result != NULL && !self->shown)
    {
      show_result (self, result);
      /* A cached list is stale until the fetch below says otherwise. */
      set_stale (self, TRUE);
      set_state (self, ATR_WORKSPACE_STATE_READY, NULL);
    }
  else if (error != NULL)
    g_debug ("%s: no cached feed: %s", atr_tenant_get_domain (self->tenant), error->message);

  if (self->fetch_after_cache)
    {
      self->fetch_after_cache = FALSE;
      fetch (self);
    }
}

/* The cache is read with the workspace's lifetime cancellable: it is local and cheap, and a
 * refresh started while it is read waits for it (fetch_after_cache) instead of restarting. */
static void
load_cached (AtrWorkspace *self)
{
  if (self->cache_loading)
    return;
  self->cache_loading = TRUE;
  atr_feed_client_load_cached_async (atr_tenant_get_cache_id (self->tenant), NULL,
                                     self->meta_cancellable, cached_cb, g_object_ref (self));
}

static void
set_theme (AtrWorkspace *self,
           AtrTheme     *theme,
           GBytes       *light,
           GBytes       *dark)
{
  if (self->tenant == NULL)
    return;   /* disposed meanwhile */
  g_clear_pointer (&self->logos[ATR_THEME_VARIANT_LIGHT], g_bytes_unref);
  g_clear_pointer (&self->logos[ATR_THEME_VARIANT_DARK], g_bytes_unref);
  self->logos[ATR_THEME_VARIANT_LIGHT] = light ? g_bytes_ref (light) : NULL;
  self->logos[ATR_THEME_VARIANT_DARK] = dark ? g_bytes_ref (dark) : NULL;
  g_set_object (&self->theme, theme);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

static void
bundled_loaded_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(AtrWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTheme) theme = atr_theme_loader_load_finish (res, &error);

  if (theme == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s: no theme: %s", atr_tenant_get_domain (self->tenant), error->message);
      return;
    }
  set_theme (self, theme, NULL, NULL);
}

static void
theme_loaded_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(AtrWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) light = NULL;
  g_autoptr(GBytes) dark = NULL;
  g_autoptr(AtrTheme) theme = atr_theme_loader_fetch_finish (res, &light, &dark, &error);

  if (theme == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s: no theme: %s", atr_tenant_get_domain (self->tenant), error->message);
      return;
    }
  set_theme (self, theme, light, dark);
}

static void
load_theme (AtrWorkspace *self)
{
  if (self->loader == NULL)
    {
      /* No tenant ID to cache under: the bundled theme only. */
      atr_theme_loader_load_async (atr_tenant_get_domain (self->tenant), self->meta_cancellable,
                                   bundled_loaded_cb, g_object_ref (self));
      return;
    }
  atr_theme_loader_fetch_async (atr_tenant_get_domain (self->tenant),
                                atr_tenant_loader_get_http (self->loader),
                                atr_tenant_loader_get_cache (self->loader), self->manifest,
                                self->meta_cancellable, theme_loaded_cb, g_object_ref (self));
}

static void
manifest_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(AtrWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTenantManifest) manifest = NULL;
  const char * const *warnings;

  manifest = atr_tenant_loader_load_finish (ATR_TENANT_LOADER (source), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->tenant == NULL)
    return;
  self->manifest_loading = FALSE;

  /* Only trouble worth a debug line here: the feed fetch reports an unreachable host or a
   * rejected certificate itself, and a tenant without a manifest is normal. */
  self->manifest_failed = error != NULL;
  if (error != NULL)
    g_debug ("%s: no tenant manifest: %s", atr_tenant_get_domain (self->tenant), error->message);
  warnings = atr_tenant_loader_get_warnings (self->loader);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_debug ("%s: %s", atr_tenant_get_domain (self->tenant), warnings[i]);

  if (manifest != NULL)
    {
      g_autoptr(GError) gateway_error = NULL;

      if (!self->gateways_added &&
          !atr_tenant_loader_add_gateways (manifest, self->http, &gateway_error))
        g_debug ("%s: gateways not used: %s", atr_tenant_get_domain (self->tenant),
                 gateway_error->message);
      self->gateways_added = TRUE;
      g_set_object (&self->manifest, manifest);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANIFEST]);
    }

  /* A theme is always loaded once: the tenant's, else the bundled fallback. */
  if (manifest != NULL || self->theme == NULL)
    load_theme (self);
  if (self->fetch_pending && self->cancellable != NULL)
    fetch (self);
}

/* The host and port the manifest is looked for on: the tenant's domain at the tenant's port
 * (the feed's, when the feed lives on that domain: a test broker, or RD Web on a
 * non-standard port). The loader's tenant ID is then atr_tenant_get_cache_id(): the feed
 * cache and the branding share one folder. */
static char *
manifest_address (AtrWorkspace *self)
{
  const char *domain = atr_tenant_get_domain (self->tenant);
  guint16 port = atr_tenant_get_port (self->tenant);

  if (port == 0)
    return g_strdup (domain);
  if (strchr (domain, ':') != NULL)   /* an IPv6 literal */
    return g_strdup_printf ("[%s]:%u", domain, port);
  return g_strdup_printf ("%s:%u", domain, port);
}

static void
load_manifest (AtrWorkspace *self)
{
  if (self->loader == NULL)
    {
      if (self->theme == NULL)
        load_theme (self);
      return;
    }
  self->manifest_loading = TRUE;
  self->manifest_failed = FALSE;
  atr_tenant_loader_load_async (self->loader, self->meta_cancellable, manifest_cb,
                                g_object_ref (self));
}

static void
atr_workspace_constructed (GObject *object)
{
  AtrWorkspace *self = ATR_WORKSPACE (object);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrAddress) address = NULL;
  g_autofree char *where = NULL;

  G_OBJECT_CLASS (atr_workspace_parent_class)->constructed (object);

  uri = g_uri_parse (atr_tenant_get_feed_url (self->tenant), G_URI_FLAGS_NONE, NULL);
  self->memory = atr_endpoint_memory_new ();
  self->http = atr_http_client_new (self->trust,
                                    uri ? g_uri_get_host (uri) : atr_tenant_get_domain (self->tenant));
  atr_http_client_set_memory (self->http, self->memory);
  /* The tenant ID (domain, or domain_port): the folder the loader keeps the branding in. */
  self->feed_client = atr_feed_client_new (self->http,
                                           atr_tenant_get_cache_id (self->tenant));
  self->meta_cancellable = g_cancellable_new ();

  where = manifest_address (self);
  address = atr_address_parse (where, &error);
  if (address != NULL)
    self->loader = atr_tenant_loader_new (self->trust, address, &error);
  if (self->loader != NULL)
    {
      const char *loader_id = atr_tenant_loader_get_tenant_id (self->loader);

      /* One endpoint memory for both: the gateway that answered the manifest goes first
       * for the feed, so failover is paid once. */
      atr_http_client_set_memory (atr_tenant_loader_get_http (self->loader), self->memory);
      if (g_strcmp0 (loader_id, atr_tenant_get_cache_id (self->tenant)) != 0)
        g_debug ("%s: branding kept under %s, the feed under %s", where, loader_id,
                 atr_tenant_get_cache_id (self->tenant));
    }
  else
    g_debug ("%s: no tenant manifest: %s", where, error->message);
  load_manifest (self);
}

static void
atr_workspace_dispose (GObject *object)
{
  AtrWorkspace *self = ATR_WORKSPACE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->meta_cancellable);
  g_clear_object (&self->meta_cancellable);
  g_clear_object (&self->loader);
  g_clear_object (&self->manifest);
  g_clear_object (&self->memory);
  g_clear_pointer (&self->logos[0], g_bytes_unref);
  g_clear_pointer (&self->logos[1], g_bytes_unref);
  g_clear_object (&self->feed_client);
  g_clear_object (&self->remembered);
  g_clear_object (&self->http);
  g_clear_object (&self->resources);
  g_clear_object (&self->trust);
  g_clear_object (&self->tenant);
  g_clear_object (&self->theme);

  G_OBJECT_CLASS (atr_workspace_parent_class)->dispose (object);
}

static void
atr_workspace_finalize (GObject *object)
{
  AtrWorkspace *self = ATR_WORKSPACE (object);

  g_clear_error (&self->error);
  g_clear_pointer (&self->fetched, g_date_time_unref);
  g_free (self->publisher);
  g_free (self->user);
  g_clear_pointer (&self->password, atr_credential_store_wipe);

  G_OBJECT_CLASS (atr_workspace_parent_class)->finalize (object);
}

static void
atr_workspace_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  AtrWorkspace *self = ATR_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_TENANT:
      g_value_set_object (value, self->tenant);
      break;
    case PROP_TRUST:
      g_value_set_object (value, self->trust);
      break;
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_FETCHED:
      g_value_set_boxed (value, self->fetched);
      break;
    case PROP_PUBLISHER:
      g_value_set_string (value, self->publisher);
      break;
    case PROP_THEME:
      g_value_set_object (value, self->theme);
      break;
    case PROP_MANIFEST:
      g_value_set_object (value, self->manifest);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atr_workspace_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  AtrWorkspace *self = ATR_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_TENANT:
      self->tenant = g_value_dup_object (value);
      break;
    case PROP_TRUST:
      self->trust = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atr_workspace_class_init (AtrWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags co = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = atr_workspace_constructed;
  object_class->dispose = atr_workspace_dispose;
  object_class->finalize = atr_workspace_finalize;
  object_class->get_property = atr_workspace_get_property;
  object_class->set_property = atr_workspace_set_property;

  properties[PROP_TENANT] = g_param_spec_object ("tenant", NULL, NULL, ATR_TYPE_TENANT, co);
  properties[PROP_TRUST] = g_param_spec_object ("trust", NULL, NULL, ATR_TYPE_TRUST_STORE, co);
  properties[PROP_STATE] = g_param_spec_uint ("state", NULL, NULL, ATR_WORKSPACE_STATE_IDLE,
                                              ATR_WORKSPACE_STATE_ERROR,
                                              ATR_WORKSPACE_STATE_IDLE, ro);
  properties[PROP_ERROR] = g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR, ro);
  properties[PROP_STALE] = g_param_spec_boolean ("stale", NULL, NULL, FALSE, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_FETCHED] = g_param_spec_boxed ("fetched", NULL, NULL, G_TYPE_DATE_TIME, ro);
  properties[PROP_PUBLISHER] = g_param_spec_string ("publisher", NULL, NULL, NULL, ro);
  properties[PROP_THEME] = g_param_spec_object ("theme", NULL, NULL, ATR_TYPE_THEME, ro);
  properties[PROP_MANIFEST] = g_param_spec_object ("manifest", NULL, NULL,
                                                   ATR_TYPE_TENANT_MANIFEST, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atr_workspace_init (AtrWorkspace *self)
{
  self->resources = atr_resource_list_new ();
}

/**
 * atr_workspace_new:
 * @trust: (nullable): the trust store (NULL: GIO's default database)
 */
AtrWorkspace *
atr_workspace_new (AtrTenant     *tenant,
                   AtrTrustStore *trust)
{
  g_return_val_if_fail (ATR_IS_TENANT (tenant), NULL);
  g_return_val_if_fail (trust == NULL || ATR_IS_TRUST_STORE (trust), NULL);

  return g_object_new (ATR_TYPE_WORKSPACE, "tenant", tenant, "trust", trust, NULL);
}

AtrTenant *
atr_workspace_get_tenant (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);
  return self->tenant;
}

AtrResourceList *
atr_workspace_get_resources (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);
  return self->resources;
}

AtrHttpClient *
atr_workspace_get_http (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);
  return self->http;
}

AtrWorkspaceState
atr_workspace_get_state (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), ATR_WORKSPACE_STATE_IDLE);
  return self->state;
}

const GError *
atr_workspace_get_error (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);
  return self->error;
}

gboolean
atr_workspace_get_stale (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), FALSE);
  return self->stale;
}

GDateTime *
atr_workspace_get_fetched (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);
  return self->fetched;
}

const char *
atr_workspace_get_publisher (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);
  return self->publisher;
}

gboolean
atr_workspace_has_credentials (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), FALSE);
  return self->has_credentials;
}

void
atr_workspace_set_credentials (AtrWorkspace *self,
                               const char   *user,
                               const char   *password)
{
  g_return_if_fail (ATR_IS_WORKSPACE (self));

  atr_feed_client_set_credentials (self->feed_client, user, password);
  self->has_credentials = user != NULL;
  self->needs_account |= user != NULL;
  g_free (self->user);
  self->user = g_strdup (user);
  g_clear_pointer (&self->password, atr_credential_store_wipe);
  self->password = g_strdup (password);
  g_clear_object (&self->remembered);   /* a token belongs to the user who signed in */
}

gboolean
atr_workspace_needs_account (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), FALSE);
  return self->needs_account;
}

void
atr_workspace_sign_out (AtrWorkspace *self)
{
  g_return_if_fail (ATR_IS_WORKSPACE (self));

  atr_workspace_cancel (self);
  /* Forgets the password, the feed token and the HTTP sessions (their cookies). */
  atr_workspace_set_credentials (self, NULL, NULL);
}

void
atr_workspace_set_token_store (AtrWorkspace       *self,
                               AtrCredentialStore *store,
                               gboolean            use_stored)
{
  g_return_if_fail (ATR_IS_WORKSPACE (self));
  g_return_if_fail (store == NULL || (ATR_IS_CREDENTIAL_STORE (store) && self->user != NULL));

  g_clear_object (&self->remembered);
  if (store != NULL)
    self->remembered = atr_remembered_token_new (store, atr_tenant_get_id (self->tenant),
                                                 self->user, use_stored);
}

void
atr_workspace_cancel (AtrWorkspace *self)
{
  g_return_if_fail (ATR_IS_WORKSPACE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->fetch_after_cache = FALSE;
  set_busy (self, FALSE);
}

void
atr_workspace_refresh (AtrWorkspace *self)
{
  g_return_if_fail (ATR_IS_WORKSPACE (self));

  atr_workspace_cancel (self);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  /* The manifest again only when the last try failed (ETag: cheap when it did not). */
  if (self->manifest_failed && !self->manifest_loading)
    load_manifest (self);

  if (!self->shown)
    {
      set_state (self, ATR_WORKSPACE_STATE_LOADING, NULL);
      self->fetch_after_cache = TRUE;
      load_cached (self);
    }
  else
    fetch (self);
}

void
atr_workspace_load_cached (AtrWorkspace *self)
{
  g_return_if_fail (ATR_IS_WORKSPACE (self));

  if (self->shown)
    return;
  if (self->state == ATR_WORKSPACE_STATE_IDLE)
    set_state (self, ATR_WORKSPACE_STATE_LOADING, NULL);
  load_cached (self);
}

/* (nullable): the tenant's theme once loaded. */
AtrTheme *
atr_workspace_get_theme (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);
  return self->theme;
}

/* (nullable): the tenant manifest once loaded (policy, trust anchors, gateways). */
AtrTenantManifest *
atr_workspace_get_manifest (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);
  return self->manifest;
}

/* The tenant's name: the manifest's display_name, else the tenant's own (its domain). */
const char *
atr_workspace_get_display_name (AtrWorkspace *self)
{
  const char *name;

  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);

  name = self->manifest ? atr_tenant_manifest_get_display_name (self->manifest) : NULL;
  return name != NULL ? name : atr_tenant_get_display_name (self->tenant);
}

/* (nullable): the checked logo the tenant's theme fetched for @variant. */
GBytes *
atr_workspace_get_logo (AtrWorkspace    *self,
                        AtrThemeVariant  variant)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (variant <= ATR_THEME_VARIANT_DARK, NULL);
  return self->logos[variant];
}

/**
 * atr_workspace_dup_credentials:
 * @user: (out) (transfer full) (nullable): the signed-in user
 * @password: (out) (transfer full) (nullable): the password; wipe it after use
 *
 * What the user signed in with this run, for sessions of this tenant.
 *
 * Returns: %TRUE when there is a user name
 */
gboolean
atr_workspace_dup_credentials (AtrWorkspace  *self,
                               char         **user,
                               char         **password)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (user != NULL && password != NULL, FALSE);

  *user = g_strdup (self->user);
  *password = g_strdup (self->password);
  return self->user != NULL;
}
