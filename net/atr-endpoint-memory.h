/* atr-endpoint-memory.h — per-tenant memory of gateway endpoints: last good one, backoff state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Backoff after the n-th consecutive failure: BASE * 2^(n-1), capped at MAX. */
#define ATR_ENDPOINT_BACKOFF_BASE_US (10 * G_USEC_PER_SEC)
#define ATR_ENDPOINT_BACKOFF_MAX_US  (15 * 60 * G_USEC_PER_SEC)

#define ATR_TYPE_ENDPOINT_MEMORY (atr_endpoint_memory_get_type ())
G_DECLARE_FINAL_TYPE (AtrEndpointMemory, atr_endpoint_memory, ATR, ENDPOINT_MEMORY, GObject)

/* All times are wall-clock microseconds (g_get_real_time()) passed in by the caller, so the
 * memory can be saved and loaded across runs and tested with a fake clock. */
AtrEndpointMemory *atr_endpoint_memory_new             (void);
AtrEndpointMemory *atr_endpoint_memory_new_from_data   (const char        *data,
                                                        GError           **error);
/* A small GKeyFile text; the caller persists it (e.g. in the tenant's cache dir). */
char              *atr_endpoint_memory_to_data         (AtrEndpointMemory *self);

void               atr_endpoint_memory_record_success  (AtrEndpointMemory *self,
                                                        const char        *label,
                                                        gint64             now);
void               atr_endpoint_memory_record_failure  (AtrEndpointMemory *self,
                                                        const char        *label,
                                                        gint64             now);
const char        *atr_endpoint_memory_get_last_good   (AtrEndpointMemory *self);
guint              atr_endpoint_memory_get_failures    (AtrEndpointMemory *self,
                                                        const char        *label);
/* 0 when @label is not backing off (never failed, or succeeded since). */
gint64             atr_endpoint_memory_get_backoff_until (AtrEndpointMemory *self,
                                                          const char        *label);
gboolean           atr_endpoint_memory_is_backing_off  (AtrEndpointMemory *self,
                                                        const char        *label,
                                                        gint64             now);

G_END_DECLS
