/* atr-endpoint-memory.c — per-tenant memory of gateway endpoints: last good one, backoff state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-net-error.h"
#include "atr-endpoint-memory.h"

/* Bounds for what a saved file may hold; more is not corrupt but is cut. */
#define MAX_ENTRIES   64
#define MAX_LABEL_LEN 300

#define GROUP_MEMORY   "Memory"
#define GROUP_ENDPOINT "Endpoint"

typedef struct
{
  guint  failures;
  gint64 backoff_until;
} Entry;

struct _AtrEndpointMemory
{
  GObject     parent_instance;

  char       *last_good;
  GHashTable *entries; /* label → Entry */
};

G_DEFINE_FINAL_TYPE (AtrEndpointMemory, atr_endpoint_memory, G_TYPE_OBJECT)

static void
atr_endpoint_memory_finalize (GObject *object)
{
  AtrEndpointMemory *self = ATR_ENDPOINT_MEMORY (object);

  g_free (self->last_good);
  g_hash_table_unref (self->entries);

  G_OBJECT_CLASS (atr_endpoint_memory_parent_class)->finalize (object);
}

static void
atr_endpoint_memory_class_init (AtrEndpointMemoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_endpoint_memory_finalize;
}

static void
atr_endpoint_memory_init (AtrEndpointMemory *self)
{
  self->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

AtrEndpointMemory *
atr_endpoint_memory_new (void)
{
  return g_object_new (ATR_TYPE_ENDPOINT_MEMORY, NULL);
}

static gint64
backoff_for (guint failures)
{
  gint64 delay = ATR_ENDPOINT_BACKOFF_BASE_US;

  for (guint i = 1; i < failures && delay < ATR_ENDPOINT_BACKOFF_MAX_US; i++)
    delay *= 2;

  return MIN (delay, ATR_ENDPOINT_BACKOFF_MAX_US);
}

static gboolean
label_is_sane (const char *label)
{
  gsize len = strlen (label);

  if (len == 0 || len > MAX_LABEL_LEN || !g_utf8_validate (label, len, NULL))
    return FALSE;
  for (const char *p = label; *p; p++)
    if (g_ascii_iscntrl (*p) || *p == ' ')
      return FALSE;
  return TRUE;
}

void
atr_endpoint_memory_record_success (AtrEndpointMemory *self,
                                    const char        *label,
                                    gint64             now)
{
  g_return_if_fail (ATR_IS_ENDPOINT_MEMORY (self));
  g_return_if_fail (label != NULL);

  g_hash_table_remove (self->entries, label);
  if (g_strcmp0 (self->last_good, label) != 0)
    {
      g_free (self->last_good);
      self->last_good = g_strdup (label);
    }
}

void
atr_endpoint_memory_record_failure (AtrEndpointMemory *self,
                                    const char        *label,
                                    gint64             now)
{
  Entry *entry;

  g_return_if_fail (ATR_IS_ENDPOINT_MEMORY (self));
  g_return_if_fail (label != NULL);

  entry = g_hash_table_lookup (self->entries, label);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      g_hash_table_insert (self->entries, g_strdup (label), entry);
    }
  if (entry->failures < G_MAXUINT)
    entry->failures++;
  entry->backoff_until = now + backoff_for (entry->failures);
}

const char *
atr_endpoint_memory_get_last_good (AtrEndpointMemory *self)
{
  g_return_val_if_fail (ATR_IS_ENDPOINT_MEMORY (self), NULL);

  return self->last_good;
}

guint
atr_endpoint_memory_get_failures (AtrEndpointMemory *self,
                                  const char        *label)
{
  Entry *entry;

  g_return_val_if_fail (ATR_IS_ENDPOINT_MEMORY (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  entry = g_hash_table_lookup (self->entries, label);
  return entry ? entry->failures : 0;
}

gint64
atr_endpoint_memory_get_backoff_until (AtrEndpointMemory *self,
                                       const char        *label)
{
  Entry *entry;

  g_return_val_if_fail (ATR_IS_ENDPOINT_MEMORY (self), 0);
  g_return_val_if_fail (label != NULL, 0);

  entry = g_hash_table_lookup (self->entries, label);
  return entry ? entry->backoff_until : 0;
}

gboolean
atr_endpoint_memory_is_backing_off (AtrEndpointMemory *self,
                                    const char        *label,
                                    gint64             now)
{
  g_return_val_if_fail (ATR_IS_ENDPOINT_MEMORY (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  return atr_endpoint_memory_get_backoff_until (self, label) > now;
}

static int
compare_labels (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

char *
atr_endpoint_memory_to_data (AtrEndpointMemory *self)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree gpointer *labels = NULL;
  guint n_labels = 0;
  guint n = 0;

  g_return_val_if_fail (ATR_IS_ENDPOINT_MEMORY (self), NULL);

  g_key_file_set_integer (kf, GROUP_MEMORY, "Version", 1);
  if (self->last_good != NULL)
    g_key_file_set_string (kf, GROUP_MEMORY, "LastGood", self->last_good);

  /* Sorted, so the same state always gives the same text. */
  labels = g_hash_table_get_keys_as_array (self->entries, &n_labels);
  qsort (labels, n_labels, sizeof (gpointer), compare_labels);
  for (guint i = 0; i < n_labels && n < MAX_ENTRIES; i++, n++)
    {
      const char *label = labels[i];
      const Entry *entry = g_hash_table_lookup (self->entries, label);
      g_autofree char *group = g_strdup_printf (GROUP_ENDPOINT " %u", n);

      g_key_file_set_string (kf, group, "Label", label);
      g_key_file_set_uint64 (kf, group, "Failures", entry->failures);
      g_key_file_set_int64 (kf, group, "BackoffUntil", entry->backoff_until);
    }

  return g_key_file_to_data (kf, NULL, NULL);
}

static gboolean
cache_error (GError     **error,
             const char  *group,
             const char  *key,
             const char  *why)
{
  g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
               _("endpoint memory: [%s] %s: %s"), group, key, why);
  return FALSE;
}

static gboolean
load_endpoint (AtrEndpointMemory  *self,
               GKeyFile           *kf,
               const char         *group,
               GError            **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;
  guint64 failures;
  gint64 backoff_until;
  Entry *entry;

  label = g_key_file_get_string (kf, group, "Label", &local_error);
  if (label == NULL)
    return cache_error (error, group, "Label", local_error->message);
  if (!label_is_sane (label))
    return cache_error (error, group, "Label", "not an endpoint label");

  failures = g_key_file_get_uint64 (kf, group, "Failures", &local_error);
  if (local_error != NULL)
    return cache_error (error, group, "Failures", local_error->message);
  if (failures == 0 || failures > 1000000)
    return cache_error (error, group, "Failures", "out of range");

  backoff_until = g_key_file_get_int64 (kf, group, "BackoffUntil", &local_error);
  if (local_error != NULL)
    return cache_error (error, group, "BackoffUntil", local_error->message);
  if (backoff_until < 0)
    return cache_error (error, group, "BackoffUntil", "negative time");

  if (g_hash_table_contains (self->entries, label))
    return cache_error (error, group, "Label", "duplicate endpoint");

  entry = g_new0 (Entry, 1);
  entry->failures = (guint) failures;
  entry->backoff_until = backoff_until;
  g_hash_table_insert (self->entries, g_steal_pointer (&label), entry);
  return TRUE;
}

AtrEndpointMemory *
atr_endpoint_memory_new_from_data (const char  *data,
                                   GError     **error)
{
  g_autoptr(AtrEndpointMemory) self = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_auto(GStrv) groups = NULL;
  int version;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strlen (data) > 64 * 1024)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                   _("endpoint memory: larger than 64 KiB"));
      return NULL;
    }
  if (!g_key_file_load_from_data (kf, data, -1, G_KEY_FILE_NONE, &local_error))
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                   _("endpoint memory: %s"), local_error->message);
      return NULL;
    }

  version = g_key_file_get_integer (kf, GROUP_MEMORY, "Version", &local_error);
  if (local_error != NULL || version != 1)
    {
      cache_error (error, GROUP_MEMORY, "Version",
                   local_error ? local_error->message : "unsupported version");
      return NULL;
    }

  self = atr_endpoint_memory_new ();
  if (g_key_file_has_key (kf, GROUP_MEMORY, "LastGood", NULL))
    {
      self->last_good = g_key_file_get_string (kf, GROUP_MEMORY, "LastGood", NULL);
      if (self->last_good == NULL || !label_is_sane (self->last_good))
        {
          cache_error (error, GROUP_MEMORY, "LastGood", "not an endpoint label");
          return NULL;
        }
    }

  groups = g_key_file_get_groups (kf, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      if (g_str_equal (groups[i], GROUP_MEMORY))
        continue;
      if (!g_str_has_prefix (groups[i], GROUP_ENDPOINT " "))
        {
          g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_CACHE,
                       _("endpoint memory: unknown group [%s]"), groups[i]);
          return NULL;
        }
      if (g_hash_table_size (self->entries) >= MAX_ENTRIES)
        break;
      if (!load_endpoint (self, kf, groups[i], error))
        return NULL;
    }

  return g_steal_pointer (&self);
}
