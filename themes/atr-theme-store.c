/* atr-theme-store.c — a tenant's theme and logos over HTTPS, validated, cached, offline-ready
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fetching, ETag handling and "last good copy" rules live in net/ (atr_cached_fetch_async);
 * this file supplies what only themes/ knows: how to validate a theme and a logo. Cache names
 * in the tenant's folder: theme.json (the last good theme, inline or fetched, with the URL it
 * resolves logos against), logo-light and logo-dark.
 */
#define G_LOG_DOMAIN "atrium-themes"

#include "config.h"

#include <string.h>

#include "atr-cached-fetch.h"
#include "atr-data-dirs.h"
#include "atr-json-load.h"
#include "atr-logo-check.h"
#include "atr-net-error.h"
#include "atr-theme-parser.h"
#include "atr-theme-private.h"

#include "atr-theme-store.h"

static const char * const logo_cache_names[] = { "logo-light", "logo-dark" };
static const char * const variant_keys[] = { "light", "dark" };

struct _AtrThemeStore
{
  GObject          parent_instance;

  AtrHttpClient   *http;
  AtrTenantCache  *cache;
  AtrTheme        *fallback;
  gboolean         offline;
  guint            attempt_timeout_ms;

  /* per load (read by the validators in worker threads; not changed while a load runs) */
  char            *inline_url;
  GBytes          *logos[2];
  GPtrArray       *warnings;     /* NULL-terminated */
  gboolean         stale;
};

G_DEFINE_FINAL_TYPE (AtrThemeStore, atr_theme_store, G_TYPE_OBJECT)

typedef struct
{
  AtrTheme *theme;
  guint     variant;
} LoadState;

static void
load_state_free (LoadState *state)
{
  g_clear_object (&state->theme);
  g_free (state);
}

static void
atr_theme_store_dispose (GObject *object)
{
  AtrThemeStore *self = ATR_THEME_STORE (object);

  g_clear_object (&self->http);
  g_clear_object (&self->cache);
  g_clear_object (&self->fallback);
  for (guint v = 0; v < 2; v++)
    g_clear_pointer (&self->logos[v], g_bytes_unref);

  G_OBJECT_CLASS (atr_theme_store_parent_class)->dispose (object);
}

static void
atr_theme_store_finalize (GObject *object)
{
  AtrThemeStore *self = ATR_THEME_STORE (object);

  g_free (self->inline_url);
  g_ptr_array_unref (self->warnings);

  G_OBJECT_CLASS (atr_theme_store_parent_class)->finalize (object);
}

static void
atr_theme_store_class_init (AtrThemeStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atr_theme_store_dispose;
  object_class->finalize = atr_theme_store_finalize;
}

static void
reset_warnings (AtrThemeStore *self)
{
  g_clear_pointer (&self->warnings, g_ptr_array_unref);
  self->warnings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->warnings, NULL);
}

static void
atr_theme_store_init (AtrThemeStore *self)
{
  reset_warnings (self);
}

static void
add_warning (AtrThemeStore *self,
             char          *message)
{
  g_ptr_array_insert (self->warnings, (int) self->warnings->len - 1, message);
}

/**
 * atr_theme_store_new:
 * @http: (nullable): the tenant host's client (atr_tenant_loader_get_http()); NULL: offline
 * @cache: the tenant's cache (atr_tenant_loader_get_cache())
 * @fallback: the theme used when the tenant has none, and for missing texts
 *
 * Returns: (transfer full): a store
 */
AtrThemeStore *
atr_theme_store_new (AtrHttpClient  *http,
                     AtrTenantCache *cache,
                     AtrTheme       *fallback)
{
  AtrThemeStore *self;

  g_return_val_if_fail (http == NULL || ATR_IS_HTTP_CLIENT (http), NULL);
  g_return_val_if_fail (ATR_IS_TENANT_CACHE (cache), NULL);
  g_return_val_if_fail (ATR_IS_THEME (fallback), NULL);

  self = g_object_new (ATR_TYPE_THEME_STORE, NULL);
  self->http = http ? g_object_ref (http) : NULL;
  self->cache = g_object_ref (cache);
  self->fallback = g_object_ref (fallback);
  self->offline = http == NULL;
  return self;
}

/* Offline: cached theme and logos only. */
void
atr_theme_store_set_offline (AtrThemeStore *self,
                             gboolean       offline)
{
  g_return_if_fail (ATR_IS_THEME_STORE (self));
  self->offline = !!offline || self->http == NULL;
}

void
atr_theme_store_set_attempt_timeout (AtrThemeStore *self,
                                     guint          timeout_ms)
{
  g_return_if_fail (ATR_IS_THEME_STORE (self));
  self->attempt_timeout_ms = timeout_ms;
}

GBytes *
atr_theme_store_get_logo (AtrThemeStore   *self,
                          AtrThemeVariant  variant)
{
  g_return_val_if_fail (ATR_IS_THEME_STORE (self), NULL);
  g_return_val_if_fail (variant <= ATR_THEME_VARIANT_DARK, NULL);
  return self->logos[variant];
}

const char * const *
atr_theme_store_get_warnings (AtrThemeStore *self)
{
  g_return_val_if_fail (ATR_IS_THEME_STORE (self), NULL);
  return (const char * const *) self->warnings->pdata;
}

gboolean
atr_theme_store_is_stale (AtrThemeStore *self)
{
  g_return_val_if_fail (ATR_IS_THEME_STORE (self), FALSE);
  return self->stale;
}

/* ---- validators (worker threads; pure) ------------------------------------------------ */

static gpointer
validate_theme (GBytes      *document,
                const char  *url,
                gpointer     user_data,
                GError     **error)
{
  AtrThemeStore *self = user_data;
  gsize length = 0;
  const char *data = g_bytes_get_data (document, &length);
  g_autoptr(JsonNode) root = NULL;

  if (data == NULL)
    data = "";
  if (self->inline_url == NULL || g_strcmp0 (url, self->inline_url) != 0)
    return atr_theme_parse (data, length, url, self->fallback, error);

  /* The inline "theme" of the manifest: messages name its keys as "theme.…". */
  root = atr_json_load (data, length, ATR_THEME_MAX_SIZE, url, ATR_THEME_ERROR,
                        ATR_THEME_ERROR_TOO_LARGE, ATR_THEME_ERROR_MALFORMED, error);
  if (root == NULL)
    return NULL;
  return atr_theme_parse_node (root, url, "theme.", self->fallback, error);
}

static gpointer
validate_logo (GBytes      *document,
               const char  *url,
               gpointer     user_data,
               GError     **error)
{
  gsize length = 0;
  const guint8 *data = g_bytes_get_data (document, &length);

  if (!atr_logo_check (data ? data : (const guint8 *) "", length, url, NULL, error))
    return NULL;
  return g_bytes_ref (document);
}

/* ---- the load --------------------------------------------------------------------------- */

static char *
since (AtrCachedFetch *fetch)
{
  GDateTime *time = atr_cached_fetch_get_cached_time (fetch);

  return time != NULL ? g_date_time_format_iso8601 (time) : g_strdup ("an earlier run");
}

static void fetch_next_logo (GTask *task);

static void
logo_fetched_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  GTask *task = user_data;
  AtrThemeStore *self = g_task_get_source_object (task);
  LoadState *state = g_task_get_task_data (task);
  guint v = state->variant;
  const char *url = atr_theme_get_logo_url (state->theme, v);
  g_autoptr(AtrCachedFetch) fetch = NULL;
  g_autoptr(GError) error = NULL;
  const GError *refused, *failed;

  fetch = atr_cached_fetch_finish (res, &error);
  if (fetch == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  refused = atr_cached_fetch_get_refused (fetch);
  failed = atr_cached_fetch_get_failed (fetch);
  self->logos[v] = atr_cached_fetch_steal_value (fetch);
  if (self->logos[v] == NULL)
    {
      const GError *why = refused != NULL ? refused : failed;

      add_warning (self, g_strdup_printf ("logo.%s %s dropped: %s", variant_keys[v], url,
                                          why != NULL ? why->message : "not available"));
      _atr_theme_set_logo_url (state->theme, v, NULL);
    }
  else if (refused != NULL)
    {
      g_autofree char *when = since (fetch);

      add_warning (self, g_strdup_printf ("new logo.%s refused (%s); still using the one "
                                          "cached at %s", variant_keys[v], refused->message,
                                          when));
      self->stale = TRUE;
    }
  else if (failed != NULL && !self->offline)
    {
      g_autofree char *when = since (fetch);

      add_warning (self, g_strdup_printf ("logo.%s not fetched (%s); using the one cached "
                                          "at %s", variant_keys[v], failed->message, when));
      self->stale = TRUE;
    }

  state->variant++;
  fetch_next_logo (task);
}

/* Same scheme, host and port as the tenant host's client: logos never leave the origin. */
static gboolean
on_tenant_origin (AtrThemeStore *self,
                  const char    *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

  return uri != NULL && self->http != NULL &&
         g_strcmp0 (g_uri_get_scheme (uri), "https") == 0 &&
         g_uri_get_host (uri) != NULL &&
         g_ascii_strcasecmp (g_uri_get_host (uri), atr_http_client_get_host (self->http)) == 0;
}

static void
fetch_next_logo (GTask *task)
{
  AtrThemeStore *self = g_task_get_source_object (task);
  LoadState *state = g_task_get_task_data (task);
  AtrCachedFetchSpec spec = { 0, };
  const char *url = NULL;

  for (; state->variant < 2; state->variant++)
    {
      url = atr_theme_get_logo_url (state->theme, state->variant);
      if (url == NULL)
        continue;
      if (self->http != NULL && !on_tenant_origin (self, url))
        {
          add_warning (self, g_strdup_printf ("logo.%s %s dropped: not on the tenant's "
                                              "origin %s", variant_keys[state->variant], url,
                                              atr_http_client_get_host (self->http)));
          _atr_theme_set_logo_url (state->theme, state->variant, NULL);
          continue;
        }
      break;
    }

  if (state->variant >= 2)
    {
      g_task_return_pointer (task, g_steal_pointer (&state->theme), g_object_unref);
      g_object_unref (task);
      return;
    }

  spec.http = self->http;
  spec.cache = self->cache;
  spec.name = logo_cache_names[state->variant];
  spec.url = url;
  spec.max_size = ATR_LOGO_MAX_SIZE;
  spec.attempt_timeout_ms = self->attempt_timeout_ms;
  spec.offline = self->offline;
  spec.same_url_only = TRUE;
  spec.forget_on_gone = TRUE;
  spec.validate = validate_logo;
  spec.value_free = (GDestroyNotify) g_bytes_unref;
  atr_cached_fetch_async (&spec, g_task_get_cancellable (task), logo_fetched_cb, task);
}

static void
theme_fetched_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  GTask *task = user_data;
  AtrThemeStore *self = g_task_get_source_object (task);
  LoadState *state = g_task_get_task_data (task);
  g_autoptr(AtrCachedFetch) fetch = NULL;
  g_autoptr(GError) error = NULL;
  const GError *refused, *failed;

  fetch = atr_cached_fetch_finish (res, &error);
  if (fetch == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  refused = atr_cached_fetch_get_refused (fetch);
  failed = atr_cached_fetch_get_failed (fetch);
  state->theme = atr_cached_fetch_steal_value (fetch);

  if (failed != NULL && g_error_matches (failed, ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE))
    {
      g_clear_object (&state->theme);
      g_task_return_error (task, g_error_copy (failed));
      g_object_unref (task);
      return;
    }
  if (state->theme == NULL && refused != NULL)
    {
      g_task_return_error (task, g_error_copy (refused));
      g_object_unref (task);
      return;
    }
  if (state->theme == NULL)
    {
      add_warning (self, g_strdup_printf ("tenant theme not available (%s); using the "
                                          "default theme",
                                          failed ? failed->message : "no document"));
      g_task_return_pointer (task, g_object_ref (self->fallback), g_object_unref);
      g_object_unref (task);
      return;
    }

  if (refused != NULL)
    {
      g_autofree char *when = since (fetch);

      add_warning (self, g_strdup_printf ("new tenant theme refused (%s); still using the "
                                          "one cached at %s", refused->message, when));
      self->stale = TRUE;
    }
  else if (failed != NULL && !self->offline)
    {
      g_autofree char *when = since (fetch);

      add_warning (self, g_strdup_printf ("tenant theme not fetched (%s); using the one "
                                          "cached at %s", failed->message, when));
      self->stale = TRUE;
    }

  state->variant = ATR_THEME_VARIANT_LIGHT;
  fetch_next_logo (task);
}

/**
 * atr_theme_store_load_async:
 * @manifest: (nullable): the tenant's manifest; %NULL when it has none
 *
 * See the header comment for what happens.
 */
void
atr_theme_store_load_async (AtrThemeStore       *self,
                            AtrTenantManifest   *manifest,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  AtrCachedFetchSpec spec = { 0, };
  g_autoptr(GBytes) inline_doc = NULL;
  JsonNode *inline_theme;
  const char *theme_url;

  g_return_if_fail (ATR_IS_THEME_STORE (self));
  g_return_if_fail (manifest == NULL || ATR_IS_TENANT_MANIFEST (manifest));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_theme_store_load_async);
  g_task_set_task_data (task, g_new0 (LoadState, 1), (GDestroyNotify) load_state_free);

  reset_warnings (self);
  self->stale = FALSE;
  for (guint v = 0; v < 2; v++)
    g_clear_pointer (&self->logos[v], g_bytes_unref);
  g_clear_pointer (&self->inline_url, g_free);

  inline_theme = manifest != NULL ? atr_tenant_manifest_get_theme (manifest) : NULL;
  theme_url = manifest != NULL ? atr_tenant_manifest_get_theme_url (manifest) : NULL;
  if (inline_theme == NULL && theme_url == NULL)
    {
      g_task_return_pointer (task, g_object_ref (self->fallback), g_object_unref);
      g_object_unref (task);
      return;
    }

  if (inline_theme != NULL)
    {
      g_autofree char *text = json_to_string (inline_theme, FALSE);
      gsize length = strlen (text);

      self->inline_url = g_strdup (atr_tenant_manifest_get_url (manifest));
      inline_doc = g_bytes_new_take (g_steal_pointer (&text), length);
    }

  spec.http = self->http;
  spec.cache = self->cache;
  spec.name = ATR_THEME_CACHE_NAME;
  spec.url = inline_theme != NULL ? self->inline_url : theme_url;
  spec.document = inline_doc;
  spec.max_size = ATR_THEME_MAX_SIZE;
  spec.attempt_timeout_ms = self->attempt_timeout_ms;
  spec.offline = self->offline && inline_theme == NULL;
  spec.validate = validate_theme;
  spec.validate_data = self;
  spec.validate_data_ref = G_OBJECT (self);
  spec.value_free = g_object_unref;
  atr_cached_fetch_async (&spec, cancellable, theme_fetched_cb, task);
}

/**
 * atr_theme_store_load_finish:
 *
 * Returns: (transfer full) (nullable): the effective theme, or %NULL with @error set
 */
AtrTheme *
atr_theme_store_load_finish (AtrThemeStore  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (ATR_IS_THEME_STORE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * atr_theme_store_load_default:
 *
 * Returns: (transfer full) (nullable): Atrium's own theme, or %NULL with @error set
 */
AtrTheme *
atr_theme_store_load_default (GError **error)
{
  g_autofree char *dir = atr_data_dirs_get_themes_dir ();
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  path = g_build_filename (dir, "default", "theme.json", NULL);
  if (!g_file_get_contents (path, &data, &length, error))
    return NULL;
  uri = g_filename_to_uri (path, NULL, error);
  if (uri == NULL)
    return NULL;
  return atr_theme_parse (data, length, uri, NULL, error);
}
