/* atr-theme-loader.h — a tenant's effective theme: fetched from its domain, else bundled
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * atr_theme_loader_fetch_async() is what the app uses: the theme the tenant manifest names
 * (inline or theme_url) and its logos, through themes/' AtrThemeStore (validated, ETag,
 * cached per tenant, the cached copy when offline). The fallback — for a tenant without a
 * manifest or theme, or whose theme was refused with nothing good cached — is the bundled
 * theme named after the first label of its domain ("harbour.atrium.test" → themes/harbour/),
 * else "default" (atr_theme_loader_load_async()). The bundled directory is
 * atr_data_dirs_get_themes_dir(): the build tree's copy when uninstalled, else the installed
 * one.
 */
#pragma once

#include <gio/gio.h>

#include "atr-http.h"
#include "atr-tenant-cache.h"
#include "atr-tenant-manifest.h"
#include "atr-theme.h"

G_BEGIN_DECLS

/* Pure: the bundled theme name for @domain, or NULL if it has no usable first label. */
char     *atr_theme_loader_name_for_domain (const char          *domain);
char     *atr_theme_loader_themes_dir      (void);
gboolean  atr_theme_loader_is_default      (AtrTheme            *theme);

void      atr_theme_loader_load_async      (const char          *domain,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
AtrTheme *atr_theme_loader_load_finish     (GAsyncResult        *result,
                                            GError             **error);

/* @http, @cache: the tenant host's client and cache (AtrTenantLoader's); @manifest
 * (nullable): none → the bundled fallback. Never fails for a refused or unreachable theme
 * (the fallback, with a g_debug); fails only when not even the bundled default loads. */
void      atr_theme_loader_fetch_async     (const char          *domain,
                                            AtrHttpClient       *http,
                                            AtrTenantCache      *cache,
                                            AtrTenantManifest   *manifest,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
/* @light_logo, @dark_logo (out, optional, nullable): the checked logo bytes. */
AtrTheme *atr_theme_loader_fetch_finish    (GAsyncResult        *result,
                                            GBytes             **light_logo,
                                            GBytes             **dark_logo,
                                            GError             **error);

G_END_DECLS
