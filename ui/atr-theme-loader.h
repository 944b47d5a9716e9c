/* atr-theme-loader.h — a tenant's theme from the bundled/cached themes (async file reads)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Until themes are fetched over HTTPS (#3), a tenant gets the bundled theme named after the
 * first label of its domain ("harbour.atrium.test" → themes/harbour/), else "default".
 * The directory is $ATR_THEMES_DIR when set (tests, uninstalled runs), else the installed one.
 */
#pragma once

#include <gio/gio.h>

#include "atr-theme.h"

G_BEGIN_DECLS

/* Pure: the bundled theme name for @domain, or NULL if it has no usable first label. */
char     *atr_theme_loader_name_for_domain (const char          *domain);
char     *atr_theme_loader_themes_dir      (void);

void      atr_theme_loader_load_async      (const char          *domain,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
AtrTheme *atr_theme_loader_load_finish     (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS
