/* atr-icon-cache.h — resource icons fetched through net/ and kept in memory per tenant
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "atr-http.h"

G_BEGIN_DECLS

/* Icons bigger than this are refused. */
#define ATR_ICON_MAX_SIZE (1024 * 1024)

#define ATR_TYPE_ICON_CACHE (atr_icon_cache_get_type ())
G_DECLARE_FINAL_TYPE (AtrIconCache, atr_icon_cache, ATR, ICON_CACHE, GObject)

AtrIconCache *atr_icon_cache_new         (AtrHttpClient       *http);
/* (nullable) (transfer none): the icon if it is already loaded. */
GdkTexture   *atr_icon_cache_peek        (AtrIconCache        *self,
                                          const char          *url);
/* Concurrent loads of one URL share one fetch; a failed URL is not tried again. */
void          atr_icon_cache_load_async  (AtrIconCache        *self,
                                          const char          *url,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GdkTexture   *atr_icon_cache_load_finish (AtrIconCache        *self,
                                          GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
