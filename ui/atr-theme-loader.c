/* atr-theme-loader.c — a tenant's effective theme: fetched from its domain, else bundled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <string.h>

#include "atr-data-dirs.h"
#include "atr-theme-parser.h"
#include "atr-theme-store.h"

#include "atr-theme-loader.h"

char *
atr_theme_loader_name_for_domain (const char *domain)
{
  const char *dot;
  g_autofree char *label = NULL;

  g_return_val_if_fail (domain != NULL, NULL);

  dot = strchr (domain, '.');
  label = g_ascii_strdown (domain, dot ? dot - domain : -1);
  if (*label == '\0' || g_str_equal (label, "default"))
    return NULL;
  for (const char *p = label; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return NULL;
  return g_steal_pointer (&label);
}

char *
atr_theme_loader_themes_dir (void)
{
  return atr_data_dirs_get_themes_dir ();
}

typedef struct
{
  char     *name;       /* the tenant's bundled theme, or NULL */
  AtrTheme *fallback;   /* default, once loaded */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_free (job->name);
  g_clear_object (&job->fallback);
  g_free (job);
}

static GFile *
theme_file (const char *name)
{
  g_autofree char *dir = atr_theme_loader_themes_dir ();
  g_autofree char *path = g_build_filename (dir, name, "theme.json", NULL);

  return g_file_new_for_path (path);
}

/**
 * atr_theme_loader_is_default:
 * @theme: a theme
 *
 * Returns: whether @theme is Atrium's own bundled look (what a tenant without a usable theme
 *   gets), whose texts name Atrium, not the tenant
 */
gboolean
atr_theme_loader_is_default (AtrTheme *theme)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (ATR_IS_THEME (theme), FALSE);

  file = theme_file ("default");
  uri = g_file_get_uri (file);
  return g_strcmp0 (atr_theme_get_url (theme), uri) == 0;
}

static void
tenant_loaded_cb (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *uri = g_file_get_uri (G_FILE (source));
  AtrTheme *theme = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (source), res, NULL, &error);
  if (bytes != NULL)
    theme = atr_theme_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), uri,
                             job->fallback, &error);
  if (theme == NULL)
    {
      /* A missing or broken tenant theme: Atrium's own look, never a broken window. */
      g_debug ("theme %s not used: %s", uri, error->message);
      theme = g_object_ref (job->fallback);
    }
  g_task_return_pointer (task, theme, g_object_unref);
}

static void
default_loaded_cb (GObject      *source,
                   GAsyncResult *res,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *uri = g_file_get_uri (G_FILE (source));
  g_autoptr(GFile) file = NULL;

  bytes = g_file_load_bytes_finish (G_FILE (source), res, NULL, &error);
  if (bytes != NULL)
    job->fallback = atr_theme_parse (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                     uri, NULL, &error);
  if (job->fallback == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (job->name == NULL)
    {
      g_task_return_pointer (task, g_steal_pointer (&job->fallback), g_object_unref);
      return;
    }

  file = theme_file (job->name);
  g_file_load_bytes_async (file, g_task_get_cancellable (task), tenant_loaded_cb,
                           g_object_ref (task));
}

void
atr_theme_loader_load_async (const char          *domain,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) file = theme_file ("default");
  LoadJob *job;

  g_return_if_fail (domain != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_theme_loader_load_async);
  job = g_new0 (LoadJob, 1);
  job->name = atr_theme_loader_name_for_domain (domain);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);

  g_file_load_bytes_async (file, cancellable, default_loaded_cb, g_object_ref (task));
}

AtrTheme *
atr_theme_loader_load_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  AtrHttpClient     *http;
  AtrTenantCache    *cache;
  AtrTenantManifest *manifest;
  AtrThemeStore     *store;
  AtrTheme          *fallback;
} FetchJob;

typedef struct
{
  AtrTheme *theme;
  GBytes   *logos[2];
} FetchResult;

static void
fetch_job_free (FetchJob *job)
{
  g_clear_object (&job->http);
  g_clear_object (&job->cache);
  g_clear_object (&job->manifest);
  g_clear_object (&job->store);
  g_clear_object (&job->fallback);
  g_free (job);
}

static void
fetch_result_free (FetchResult *result)
{
  g_clear_object (&result->theme);
  g_clear_pointer (&result->logos[0], g_bytes_unref);
  g_clear_pointer (&result->logos[1], g_bytes_unref);
  g_free (result);
}

static void
store_loaded_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  FetchResult *result = g_new0 (FetchResult, 1);
  const char * const *warnings;

  result->theme = atr_theme_store_load_finish (job->store, res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      fetch_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (result->theme == NULL)
    {
      /* Refused with nothing good cached, or a rejected certificate: never a broken window. */
      g_debug ("tenant theme not used: %s", error->message);
      result->theme = g_object_ref (job->fallback);
    }
  else
    for (guint v = ATR_THEME_VARIANT_LIGHT; v <= ATR_THEME_VARIANT_DARK; v++)
      {
        GBytes *logo = atr_theme_store_get_logo (job->store, v);

        result->logos[v] = logo ? g_bytes_ref (logo) : NULL;
      }
  warnings = atr_theme_store_get_warnings (job->store);
  for (guint i = 0; warnings != NULL && warnings[i] != NULL; i++)
    g_debug ("theme: %s", warnings[i]);
  g_task_return_pointer (task, result, (GDestroyNotify) fetch_result_free);
}

static void
fallback_loaded_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  job->fallback = atr_theme_loader_load_finish (res, &error);
  if (job->fallback == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  job->store = atr_theme_store_new (job->http, job->cache, job->fallback);
  atr_theme_store_load_async (job->store, job->manifest, g_task_get_cancellable (task),
                              store_loaded_cb, g_object_ref (task));
}

void
atr_theme_loader_fetch_async (const char          *domain,
                              AtrHttpClient       *http,
                              AtrTenantCache      *cache,
                              AtrTenantManifest   *manifest,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchJob *job;

  g_return_if_fail (domain != NULL);
  g_return_if_fail (http == NULL || ATR_IS_HTTP_CLIENT (http));
  g_return_if_fail (ATR_IS_TENANT_CACHE (cache));
  g_return_if_fail (manifest == NULL || ATR_IS_TENANT_MANIFEST (manifest));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_theme_loader_fetch_async);
  job = g_new0 (FetchJob, 1);
  job->http = http ? g_object_ref (http) : NULL;
  job->cache = g_object_ref (cache);
  job->manifest = manifest ? g_object_ref (manifest) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) fetch_job_free);

  atr_theme_loader_load_async (domain, cancellable, fallback_loaded_cb, g_object_ref (task));
}

AtrTheme *
atr_theme_loader_fetch_finish (GAsyncResult  *result,
                               GBytes       **light_logo,
                               GBytes       **dark_logo,
                               GError       **error)
{
  FetchResult *fetched;
  AtrTheme *theme;

  g_return_val_if_fail (G_IS_TASK (result), NULL);

  fetched = g_task_propagate_pointer (G_TASK (result), error);
  if (fetched == NULL)
    return NULL;
  theme = g_steal_pointer (&fetched->theme);
  if (light_logo != NULL)
    *light_logo = g_steal_pointer (&fetched->logos[ATR_THEME_VARIANT_LIGHT]);
  if (dark_logo != NULL)
    *dark_logo = g_steal_pointer (&fetched->logos[ATR_THEME_VARIANT_DARK]);
  fetch_result_free (fetched);
  return theme;
}
