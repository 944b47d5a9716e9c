/* atr-address-resolve.c — discovery: address → feed URL (typed URL, _msradc TXT, default path)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include "atr-net-error.h"
#include "atr-address.h"

typedef struct
{
  char      *rrname;
  GPtrArray *warnings;
} ResolveData;

static void
resolve_data_free (gpointer data)
{
  ResolveData *rd = data;

  g_free (rd->rrname);
  g_ptr_array_unref (rd->warnings);
  g_free (rd);
}

typedef struct
{
  char              *feed_url;
  AtrAddressFoundBy  found_by;
  char             **warnings;
} ResolveResult;

static void
resolve_result_free (gpointer data)
{
  ResolveResult *rr = data;

  g_free (rr->feed_url);
  g_strfreev (rr->warnings);
  g_free (rr);
}

static void
finish (GTask             *task,
        char              *feed_url,
        AtrAddressFoundBy  found_by)
{
  ResolveData *rd = g_task_get_task_data (task);
  ResolveResult *rr = g_new0 (ResolveResult, 1);

  rr->feed_url = feed_url;
  rr->found_by = found_by;
  g_ptr_array_add (rd->warnings, NULL);
  rr->warnings = (char **) g_ptr_array_free (g_steal_pointer (&rd->warnings), FALSE);
  rd->warnings = g_ptr_array_new_with_free_func (g_free);
  g_task_return_pointer (task, rr, resolve_result_free);
}

static void
lookup_txt_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AtrAddress *self = g_task_get_source_object (task);
  ResolveData *rd = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *records;
  char *found = NULL;

  records = g_resolver_lookup_records_finish (G_RESOLVER (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (error != NULL)
    {
      /* No record is the normal case; anything else is worth a warning. */
      if (!g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND))
        g_ptr_array_add (rd->warnings,
                         g_strdup_printf ("TXT lookup of %s failed: %s", rd->rrname,
                                          error->message));
      else
        g_debug ("no TXT record at %s", rd->rrname);
    }

  for (GList *l = records; l != NULL; l = l->next)
    {
      g_autofree const char **strings = NULL;
      g_autoptr(GError) txt_error = NULL;
      g_autofree char *url = NULL;

      if (!g_variant_is_of_type (l->data, G_VARIANT_TYPE ("(as)")))
        continue;
      g_variant_get (l->data, "(^a&s)", &strings);
      url = atr_address_feed_url_from_txt (strings, &txt_error);
      if (url == NULL)
        g_ptr_array_add (rd->warnings,
                         g_strdup_printf ("ignored TXT record at %s: %s", rd->rrname,
                                          txt_error->message));
      else if (found == NULL)
        found = g_steal_pointer (&url);
      else if (!g_str_equal (found, url))
        g_ptr_array_add (rd->warnings,
                         g_strdup_printf ("ignored a second TXT record at %s (%s); using %s",
                                          rd->rrname, url, found));
    }
  g_list_free_full (records, (GDestroyNotify) g_variant_unref);

  if (found != NULL)
    finish (task, found, ATR_ADDRESS_FOUND_DNS_TXT);
  else
    finish (task, atr_address_get_default_feed_url (self), ATR_ADDRESS_FOUND_DEFAULT_PATH);
}

void
atr_address_resolve_async (AtrAddress          *self,
                           GResolver           *resolver,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GResolver) default_resolver = NULL;
  ResolveData *rd;

  g_return_if_fail (ATR_IS_ADDRESS (self));
  g_return_if_fail (resolver == NULL || G_IS_RESOLVER (resolver));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_address_resolve_async);
  rd = g_new0 (ResolveData, 1);
  rd->warnings = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, rd, resolve_data_free);

  if (atr_address_get_kind (self) == ATR_ADDRESS_KIND_URL)
    {
      finish (task, g_strdup (atr_address_get_feed_url (self)), ATR_ADDRESS_FOUND_URL);
      return;
    }
  if (atr_address_is_ip (self))
    {
      finish (task, atr_address_get_default_feed_url (self), ATR_ADDRESS_FOUND_DEFAULT_PATH);
      return;
    }

  if (resolver == NULL)
    resolver = default_resolver = g_resolver_get_default ();
  rd->rrname = g_strconcat ("_msradc.", atr_address_get_domain (self), NULL);
  g_resolver_lookup_records_async (resolver, rd->rrname, G_RESOLVER_RECORD_TXT, cancellable,
                                   lookup_txt_cb, g_steal_pointer (&task));
}

char *
atr_address_resolve_finish (AtrAddress          *self,
                            GAsyncResult        *result,
                            AtrAddressFoundBy   *found_by,
                            char              ***warnings,
                            GError             **error)
{
  ResolveResult *rr;
  char *feed_url;

  g_return_val_if_fail (ATR_IS_ADDRESS (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  rr = g_task_propagate_pointer (G_TASK (result), error);
  if (rr == NULL)
    return NULL;

  feed_url = g_steal_pointer (&rr->feed_url);
  if (found_by != NULL)
    *found_by = rr->found_by;
  if (warnings != NULL)
    *warnings = g_steal_pointer (&rr->warnings);
  resolve_result_free (rr);
  return feed_url;
}
