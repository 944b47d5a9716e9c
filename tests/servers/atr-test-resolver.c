/* atr-test-resolver.c — a GResolver for tests: fixed names → loopback addresses, TXT records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-test-broker"

#include "config.h"

#include <string.h>

#include "atr-test-resolver.h"

typedef struct
{
  char         *pattern;  /* lowercased; "*.suffix" or an exact name */
  GInetAddress *address;
} Mapping;

typedef struct
{
  char     *name;
  GVariant *value;  /* "(as)" */
} TxtRecord;

struct _AtrTestResolver
{
  GResolver  parent_instance;

  GArray    *mappings;  /* of Mapping */
  GArray    *txt;       /* of TxtRecord */
  guint      n_lookups;
};

G_DEFINE_FINAL_TYPE (AtrTestResolver, atr_test_resolver, G_TYPE_RESOLVER)

static void
clear_mapping (gpointer data)
{
  Mapping *mapping = data;

  g_clear_pointer (&mapping->pattern, g_free);
  g_clear_object (&mapping->address);
}

static void
clear_txt (gpointer data)
{
  TxtRecord *record = data;

  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->value, g_variant_unref);
}

static gboolean
pattern_matches (const char *pattern,
                 const char *name)
{
  if (g_str_has_prefix (pattern, "*."))
    return g_str_has_suffix (name, pattern + 1) && strlen (name) > strlen (pattern) - 1;
  return g_str_equal (pattern, name);
}

static GList *
lookup_addresses (AtrTestResolver           *self,
                  const char                *hostname,
                  GResolverNameLookupFlags   flags,
                  GError                   **error)
{
  g_autofree char *name = g_ascii_strdown (hostname, -1);
  GList *result = NULL;
  gsize len = strlen (name);

  self->n_lookups++;
  if (len > 0 && name[len - 1] == '.')
    name[len - 1] = '\0';

  for (guint i = 0; i < self->mappings->len; i++)
    {
      const Mapping *mapping = &g_array_index (self->mappings, Mapping, i);
      GSocketFamily family = g_inet_address_get_family (mapping->address);

      if (!pattern_matches (mapping->pattern, name))
        continue;
      if ((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY) && family != G_SOCKET_FAMILY_IPV4)
        continue;
      if ((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY) && family != G_SOCKET_FAMILY_IPV6)
        continue;
      result = g_list_prepend (result, g_object_ref (mapping->address));
    }

  if (result == NULL)
    g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                 "Test resolver has no address for “%s”", hostname);
  return g_list_reverse (result);
}

static GList *
lookup_by_name_with_flags (GResolver                 *resolver,
                           const char                *hostname,
                           GResolverNameLookupFlags   flags,
                           GCancellable              *cancellable,
                           GError                   **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return lookup_addresses (ATR_TEST_RESOLVER (resolver), hostname, flags, error);
}

static GList *
lookup_by_name (GResolver     *resolver,
                const char    *hostname,
                GCancellable  *cancellable,
                GError       **error)
{
  return lookup_by_name_with_flags (resolver, hostname, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                    cancellable, error);
}

static void
free_address_list (gpointer data)
{
  g_resolver_free_addresses (data);
}

static void
lookup_by_name_with_flags_async (GResolver                *resolver,
                                 const char               *hostname,
                                 GResolverNameLookupFlags  flags,
                                 GCancellable             *cancellable,
                                 GAsyncReadyCallback       callback,
                                 gpointer                  user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  GList *addresses;

  g_task_set_source_tag (task, lookup_by_name_with_flags_async);
  addresses = lookup_by_name_with_flags (resolver, hostname, flags, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addresses, free_address_list);
}

static GList *
lookup_by_name_with_flags_finish (GResolver     *resolver,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
lookup_by_name_async (GResolver           *resolver,
                      const char          *hostname,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  lookup_by_name_with_flags_async (resolver, hostname, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                   cancellable, callback, user_data);
}

static GList *
lookup_records (GResolver            *resolver,
                const char           *rrname,
                GResolverRecordType   record_type,
                GCancellable         *cancellable,
                GError              **error)
{
  AtrTestResolver *self = ATR_TEST_RESOLVER (resolver);
  g_autofree char *name = g_ascii_strdown (rrname, -1);
  GList *result = NULL;

  self->n_lookups++;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (record_type == G_RESOLVER_RECORD_TXT)
    {
      for (guint i = 0; i < self->txt->len; i++)
        {
          const TxtRecord *record = &g_array_index (self->txt, TxtRecord, i);

          if (g_str_equal (record->name, name))
            result = g_list_prepend (result, g_variant_ref (record->value));
        }
    }

  if (result == NULL)
    g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                 "Test resolver has no record for “%s”", rrname);
  return g_list_reverse (result);
}

static void
free_record_list (gpointer data)
{
  g_list_free_full (data, (GDestroyNotify) g_variant_unref);
}

static void
lookup_records_async (GResolver           *resolver,
                      const char          *rrname,
                      GResolverRecordType  record_type,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;
  GList *records;

  g_task_set_source_tag (task, lookup_records_async);
  records = lookup_records (resolver, rrname, record_type, cancellable, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, free_record_list);
}

static GList *
lookup_records_finish (GResolver     *resolver,
                       GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
atr_test_resolver_finalize (GObject *object)
{
  AtrTestResolver *self = ATR_TEST_RESOLVER (object);

  g_clear_pointer (&self->mappings, g_array_unref);
  g_clear_pointer (&self->txt, g_array_unref);

  G_OBJECT_CLASS (atr_test_resolver_parent_class)->finalize (object);
}

static void
atr_test_resolver_class_init (AtrTestResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  object_class->finalize = atr_test_resolver_finalize;

  resolver_class->lookup_by_name = lookup_by_name;
  resolver_class->lookup_by_name_async = lookup_by_name_async;
  resolver_class->lookup_by_name_finish = lookup_by_name_with_flags_finish;
  resolver_class->lookup_by_name_with_flags = lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = lookup_by_name_with_flags_finish;
  resolver_class->lookup_records = lookup_records;
  resolver_class->lookup_records_async = lookup_records_async;
  resolver_class->lookup_records_finish = lookup_records_finish;
}

static void
atr_test_resolver_init (AtrTestResolver *self)
{
  self->mappings = g_array_new (FALSE, TRUE, sizeof (Mapping));
  g_array_set_clear_func (self->mappings, clear_mapping);
  self->txt = g_array_new (FALSE, TRUE, sizeof (TxtRecord));
  g_array_set_clear_func (self->txt, clear_txt);
}

AtrTestResolver *
atr_test_resolver_new (void)
{
  return g_object_new (ATR_TYPE_TEST_RESOLVER, NULL);
}

gboolean
atr_test_resolver_add_address (AtrTestResolver *self,
                               const char      *pattern,
                               const char      *address)
{
  Mapping mapping;
  GInetAddress *inet;

  g_return_val_if_fail (ATR_IS_TEST_RESOLVER (self), FALSE);
  g_return_val_if_fail (pattern != NULL, FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    return FALSE;

  mapping.pattern = g_ascii_strdown (pattern, -1);
  mapping.address = inet;
  g_array_append_val (self->mappings, mapping);
  return TRUE;
}

void
atr_test_resolver_add_txt (AtrTestResolver    *self,
                           const char         *name,
                           const char * const *strings)
{
  TxtRecord record;

  g_return_if_fail (ATR_IS_TEST_RESOLVER (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (strings != NULL);

  record.name = g_ascii_strdown (name, -1);
  record.value = g_variant_ref_sink (g_variant_new ("(^as)", strings));
  g_array_append_val (self->txt, record);
}

guint
atr_test_resolver_get_lookup_count (AtrTestResolver *self)
{
  g_return_val_if_fail (ATR_IS_TEST_RESOLVER (self), 0);

  return self->n_lookups;
}
