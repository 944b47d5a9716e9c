/* atr-tenant-loader.c — fetch and cache a tenant's manifest (/.well-known/atrium/tenant.json)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atr-cached-fetch.h"
#include "atr-net-error.h"
#include "atr-tenant.h"

#include "atr-tenant-loader.h"

struct _AtrTenantLoader
{
  GObject          parent_instance;

  char            *tenant_id;
  char            *manifest_url;
  AtrHttpClient   *http;
  AtrTenantCache  *cache;
  gboolean         offline;
  guint            attempt_timeout_ms;
  GStrv            warnings;
  gboolean         stale;
};

G_DEFINE_FINAL_TYPE (AtrTenantLoader, atr_tenant_loader, G_TYPE_OBJECT)

static void
atr_tenant_loader_dispose (GObject *object)
{
  AtrTenantLoader *self = ATR_TENANT_LOADER (object);

  g_clear_object (&self->http);
  g_clear_object (&self->cache);

  G_OBJECT_CLASS (atr_tenant_loader_parent_class)->dispose (object);
}

static void
atr_tenant_loader_finalize (GObject *object)
{
  AtrTenantLoader *self = ATR_TENANT_LOADER (object);

  g_free (self->tenant_id);
  g_free (self->manifest_url);
  g_strfreev (self->warnings);

  G_OBJECT_CLASS (atr_tenant_loader_parent_class)->finalize (object);
}

static void
atr_tenant_loader_class_init (AtrTenantLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atr_tenant_loader_dispose;
  object_class->finalize = atr_tenant_loader_finalize;
}

static void
atr_tenant_loader_init (AtrTenantLoader *self)
{
  self->warnings = g_new0 (char *, 1);
}

/**
 * atr_tenant_loader_tenant_id_for:
 *
 * Returns: (transfer full) (nullable): the tenant ID for @address — its domain and port
 *   through atr_tenant_id_for_host(), the rule AtrTenant, the app's workspaces, the kiosk
 *   wipe and `atrium-cli list` share
 */
char *
atr_tenant_loader_tenant_id_for (AtrAddress *address)
{
  g_return_val_if_fail (ATR_IS_ADDRESS (address), NULL);

  return atr_tenant_id_for_host (atr_address_get_domain (address),
                                 atr_address_get_port (address));
}

/**
 * atr_tenant_loader_new:
 * @trust: (nullable): the trust store for the tenant host (NULL: GIO's default)
 * @address: what the user typed; the manifest is looked for on its domain (an e-mail's or a
 *   bare domain's) or on the host of a feed URL, at the same port
 *
 * Returns: (transfer full) (nullable): a loader, or %NULL with %ATR_NET_ERROR_CACHE when the
 *   address gives no usable tenant ID
 */
AtrTenantLoader *
atr_tenant_loader_new (AtrTrustStore  *trust,
                       AtrAddress     *address,
                       GError        **error)
{
  g_autoptr(AtrTenantLoader) self = NULL;
  g_autofree char *tenant_id = NULL;
  const char *domain;
  guint16 port;

  g_return_val_if_fail (trust == NULL || ATR_IS_TRUST_STORE (trust), NULL);
  g_return_val_if_fail (ATR_IS_ADDRESS (address), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (ATR_TYPE_TENANT_LOADER, NULL);
  domain = atr_address_get_domain (address);
  port = atr_address_get_port (address);
  tenant_id = atr_tenant_loader_tenant_id_for (address);
  self->cache = atr_tenant_cache_new (tenant_id, error);
  if (self->cache == NULL)
    return NULL;
  self->tenant_id = g_steal_pointer (&tenant_id);
  self->manifest_url = g_uri_join (G_URI_FLAGS_NONE, "https", NULL, domain,
                                   port != 0 ? port : -1, ATR_TENANT_MANIFEST_PATH, NULL, NULL);
  self->http = atr_http_client_new (trust, domain);
  return g_steal_pointer (&self);
}

const char *
atr_tenant_loader_get_tenant_id (AtrTenantLoader *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_LOADER (self), NULL);
  return self->tenant_id;
}

const char *
atr_tenant_loader_get_manifest_url (AtrTenantLoader *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_LOADER (self), NULL);
  return self->manifest_url;
}

AtrHttpClient *
atr_tenant_loader_get_http (AtrTenantLoader *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_LOADER (self), NULL);
  return self->http;
}

AtrTenantCache *
atr_tenant_loader_get_cache (AtrTenantLoader *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_LOADER (self), NULL);
  return self->cache;
}

/* Offline: the cached manifest only, no network. */
void
atr_tenant_loader_set_offline (AtrTenantLoader *self,
                               gboolean         offline)
{
  g_return_if_fail (ATR_IS_TENANT_LOADER (self));
  self->offline = !!offline;
}

gboolean
atr_tenant_loader_get_offline (AtrTenantLoader *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_LOADER (self), FALSE);
  return self->offline;
}

/* Per-attempt deadline for each document (0: the HTTP default). */
void
atr_tenant_loader_set_attempt_timeout (AtrTenantLoader *self,
                                       guint            timeout_ms)
{
  g_return_if_fail (ATR_IS_TENANT_LOADER (self));
  self->attempt_timeout_ms = timeout_ms;
}

guint
atr_tenant_loader_get_attempt_timeout (AtrTenantLoader *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_LOADER (self), 0);
  return self->attempt_timeout_ms;
}

const char * const *
atr_tenant_loader_get_warnings (AtrTenantLoader *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_LOADER (self), NULL);
  return (const char * const *) self->warnings;
}

gboolean
atr_tenant_loader_is_stale (AtrTenantLoader *self)
{
  g_return_val_if_fail (ATR_IS_TENANT_LOADER (self), FALSE);
  return self->stale;
}

/* Runs in a worker thread (atr_tenant_manifest_parse is pure). */
static gpointer
validate_manifest (GBytes      *document,
                   const char  *url,
                   gpointer     user_data,
                   GError     **error)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (document, &length);

  return atr_tenant_manifest_parse (data ? data : "", length, url, error);
}

static char *
cached_since (AtrCachedFetch *fetch)
{
  GDateTime *time = atr_cached_fetch_get_cached_time (fetch);

  return time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("an earlier run");
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AtrTenantLoader *self = g_task_get_source_object (task);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AtrCachedFetch) fetch = NULL;
  g_autoptr(AtrTenantManifest) manifest = NULL;
  g_autoptr(GError) error = NULL;
  const GError *refused, *failed;

  fetch = atr_cached_fetch_finish (res, &error);
  if (fetch == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  manifest = atr_cached_fetch_steal_value (fetch);
  refused = atr_cached_fetch_get_refused (fetch);
  failed = atr_cached_fetch_get_failed (fetch);
  self->stale = atr_cached_fetch_is_from_cache (fetch) && !atr_cached_fetch_is_not_modified (fetch);

  if (atr_cached_fetch_is_gone (fetch))
    g_clear_object (&manifest);  /* the tenant withdrew it: defaults from now on */
  else if (failed != NULL && g_error_matches (failed, ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE))
    {
      g_task_return_error (task, g_error_copy (failed));
      return;
    }
  else if (manifest == NULL && refused != NULL)
    {
      g_task_return_new_error (task, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                               _("tenant manifest refused: %s"), refused->message);
      return;
    }
  else if (manifest == NULL && failed != NULL)
    {
      g_task_return_error (task, g_error_copy (failed));
      return;
    }
  else if (refused != NULL)
    {
      g_autofree char *since = cached_since (fetch);

      g_ptr_array_add (warnings, g_strdup_printf ("new tenant manifest refused (%s); still "
                                                  "using the one cached at %s",
                                                  refused->message, since));
    }
  else if (failed != NULL && !self->offline)
    {
      g_autofree char *since = cached_since (fetch);

      g_ptr_array_add (warnings, g_strdup_printf ("tenant manifest not fetched (%s); using "
                                                  "the one cached at %s",
                                                  failed->message, since));
    }

  g_ptr_array_add (warnings, NULL);
  g_strfreev (self->warnings);
  self->warnings = (GStrv) g_ptr_array_free (g_steal_pointer (&warnings), FALSE);
  g_task_return_pointer (task, g_steal_pointer (&manifest), g_object_unref);
}

/**
 * atr_tenant_loader_load_async:
 *
 * Fetches the manifest with If-None-Match, validates it in a worker thread, and keeps it
 * as the tenant's last good manifest (see the header for the outcomes).
 */
void
atr_tenant_loader_load_async (AtrTenantLoader     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AtrCachedFetchSpec spec = { 0, };

  g_return_if_fail (ATR_IS_TENANT_LOADER (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_tenant_loader_load_async);

  spec.http = self->http;
  spec.cache = self->cache;
  spec.name = ATR_TENANT_MANIFEST_CACHE_NAME;
  spec.url = self->manifest_url;
  spec.max_size = ATR_TENANT_MANIFEST_MAX_SIZE;
  spec.attempt_timeout_ms = self->attempt_timeout_ms;
  spec.offline = self->offline;
  spec.same_url_only = TRUE;
  spec.forget_on_gone = TRUE;
  spec.validate = validate_manifest;
  spec.value_free = g_object_unref;
  atr_cached_fetch_async (&spec, cancellable, fetched_cb, g_steal_pointer (&task));
}

/**
 * atr_tenant_loader_load_finish:
 *
 * Returns: (transfer full) (nullable): the manifest; %NULL without @error set when the tenant
 *   has none
 */
AtrTenantManifest *
atr_tenant_loader_load_finish (AtrTenantLoader  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (ATR_IS_TENANT_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * atr_tenant_loader_add_gateways:
 * @manifest: the tenant's manifest
 * @http: the client that fetches the tenant's feed
 *
 * Puts the manifest's "gateways" into @http's failover list, in manifest order.
 */
gboolean
atr_tenant_loader_add_gateways (AtrTenantManifest  *manifest,
                                AtrHttpClient      *http,
                                GError            **error)
{
  const char * const *gateways;

  g_return_val_if_fail (ATR_IS_TENANT_MANIFEST (manifest), FALSE);
  g_return_val_if_fail (ATR_IS_HTTP_CLIENT (http), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  gateways = atr_tenant_manifest_get_gateways (manifest);
  for (guint i = 0; gateways[i] != NULL; i++)
    if (!atr_http_client_add_gateway (http, gateways[i], error))
      {
        g_prefix_error (error, _("%s: gateways[%u]: "), atr_tenant_manifest_get_url (manifest), i);
        return FALSE;
      }
  return TRUE;
}
