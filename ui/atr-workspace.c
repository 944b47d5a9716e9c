/* atr-workspace.c — one enrolled tenant as the UI sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include "atr-feed-client.h"
#include "atr-net-error.h"
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

  AtrWorkspaceState  state;
  GError            *error;
  GDateTime         *fetched;
  char              *publisher;
  AtrTheme          *theme;
  guint              stale : 1;
  guint              busy : 1;
  guint              shown : 1;          /* a list (live or cached) has been shown */
  guint              has_credentials : 1;
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
      show_result (self, result);
      set_state (self, ATR_WORKSPACE_STATE_READY, NULL);
      return;
    }

  g_debug ("%s: fetch failed: %s", atr_tenant_get_domain (self->tenant), error->message);
  if (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_AUTH))
    set_state (self, ATR_WORKSPACE_STATE_NEEDS_SIGN_IN, error);
  else if (self->shown)
    {
      /* Keep showing what we have; the banner says why it is old. */
      set_stale (self, TRUE);
      set_state (self, ATR_WORKSPACE_STATE_READY, error);
    }
  else
    set_state (self, ATR_WORKSPACE_STATE_ERROR, error);
}

static void
fetch (AtrWorkspace *self)
{
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

  if (result != NULL && !self->shown)
    {
      show_result (self, result);
      /* A cached list is stale until the fetch below says otherwise. */
      set_stale (self, TRUE);
      set_state (self, ATR_WORKSPACE_STATE_READY, NULL);
    }
  else if (error != NULL)
    g_debug ("%s: no cached feed: %s", atr_tenant_get_domain (self->tenant), error->message);

  fetch (self);
}

static void
theme_loaded_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(AtrWorkspace) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTheme) theme = atr_theme_loader_load_finish (res, &error);

  if (theme == NULL)
    {
      g_debug ("%s: no theme: %s", atr_tenant_get_domain (self->tenant), error->message);
      return;
    }
  if (self->tenant == NULL)
    return;   /* disposed meanwhile */
  g_set_object (&self->theme, theme);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

static void
atr_workspace_constructed (GObject *object)
{
  AtrWorkspace *self = ATR_WORKSPACE (object);
  g_autoptr(GUri) uri = NULL;

  G_OBJECT_CLASS (atr_workspace_parent_class)->constructed (object);

  uri = g_uri_parse (atr_tenant_get_feed_url (self->tenant), G_URI_FLAGS_NONE, NULL);
  self->http = atr_http_client_new (self->trust,
                                    uri ? g_uri_get_host (uri) : atr_tenant_get_domain (self->tenant));
  self->feed_client = atr_feed_client_new (self->http, atr_tenant_get_id (self->tenant));
  atr_theme_loader_load_async (atr_tenant_get_domain (self->tenant), NULL, theme_loaded_cb,
                               g_object_ref (self));
}

static void
atr_workspace_dispose (GObject *object)
{
  AtrWorkspace *self = ATR_WORKSPACE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->feed_client);
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
}

void
atr_workspace_cancel (AtrWorkspace *self)
{
  g_return_if_fail (ATR_IS_WORKSPACE (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
}

void
atr_workspace_refresh (AtrWorkspace *self)
{
  g_return_if_fail (ATR_IS_WORKSPACE (self));

  atr_workspace_cancel (self);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);

  if (!self->shown)
    {
      set_state (self, ATR_WORKSPACE_STATE_LOADING, NULL);
      atr_feed_client_load_cached_async (atr_tenant_get_id (self->tenant), NULL,
                                         self->cancellable, cached_cb, g_object_ref (self));
    }
  else
    fetch (self);
}

/* (nullable): the tenant's theme once loaded. */
AtrTheme *
atr_workspace_get_theme (AtrWorkspace *self)
{
  g_return_val_if_fail (ATR_IS_WORKSPACE (self), NULL);
  return self->theme;
}
