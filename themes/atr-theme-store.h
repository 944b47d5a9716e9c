/* atr-theme-store.h — a tenant's theme and logos over HTTPS, validated, cached, offline-ready
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Takes the tenant manifest (net/'s AtrTenantLoader) and produces the effective AtrTheme:
 *   no manifest, or one without a theme  → @fallback (Atrium's default theme)
 *   inline "theme"                        → parsed from the manifest
 *   "theme_url"                           → fetched with If-None-Match through net/
 * then each logo (same origin as the theme, checked by atr_logo_check()). A theme or logo that
 * is refused never replaces the cached good one: the cached copy is used and a warning names
 * what was refused. Errors from atr_theme_store_load_finish():
 *   ATR_THEME_ERROR_*          — the theme was refused and no good copy is cached (exit 6)
 *   ATR_NET_ERROR_CERTIFICATE  — the theme host's certificate was rejected
 * A theme that cannot be fetched and is not cached gives @fallback with a warning; a logo
 * that cannot be had is dropped (its URL becomes NULL) with a warning.
 * One load at a time per store.
 */
#pragma once

#include <gio/gio.h>

#include "atr-http.h"
#include "atr-tenant-cache.h"
#include "atr-tenant-manifest.h"
#include "atr-theme.h"

G_BEGIN_DECLS

#define ATR_THEME_CACHE_NAME "theme.json"

#define ATR_TYPE_THEME_STORE (atr_theme_store_get_type ())
G_DECLARE_FINAL_TYPE (AtrThemeStore, atr_theme_store, ATR, THEME_STORE, GObject)

AtrThemeStore      *atr_theme_store_new                 (AtrHttpClient       *http,
                                                         AtrTenantCache      *cache,
                                                         AtrTheme            *fallback);
void                atr_theme_store_set_offline         (AtrThemeStore       *self,
                                                         gboolean             offline);
void                atr_theme_store_set_attempt_timeout (AtrThemeStore       *self,
                                                         guint                timeout_ms);

void                atr_theme_store_load_async          (AtrThemeStore       *self,
                                                         AtrTenantManifest   *manifest,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
AtrTheme           *atr_theme_store_load_finish         (AtrThemeStore       *self,
                                                         GAsyncResult        *result,
                                                         GError             **error);

/* After a load: the checked logo bytes (nullable), the store's warnings (the theme's own
 * validation warnings are atr_theme_get_warnings()), and whether anything came from the
 * cache because the network or the new document failed. */
GBytes             *atr_theme_store_get_logo            (AtrThemeStore       *self,
                                                         AtrThemeVariant      variant);
const char * const *atr_theme_store_get_warnings        (AtrThemeStore       *self);
gboolean            atr_theme_store_is_stale            (AtrThemeStore       *self);

/* Reads the bundled default theme, default/theme.json in atr_data_dirs_get_themes_dir().
 * Blocking (a small local file): for tools and start-up. */
AtrTheme           *atr_theme_store_load_default        (GError             **error);

G_END_DECLS
