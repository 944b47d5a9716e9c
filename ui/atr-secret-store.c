/* atr-secret-store.c — AtrCredentialStore backed by the Secret Service (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "atr-secret-store.h"

struct _AtrSecretStore
{
  GObject parent_instance;
};

static void credential_store_iface_init (AtrCredentialStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (AtrSecretStore, atr_secret_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATR_TYPE_CREDENTIAL_STORE,
                                                      credential_store_iface_init))

typedef struct
{
  char *user;
  char *password;
} Found;

static void
found_free (Found *found)
{
  g_free (found->user);
  atr_credential_store_wipe (found->password);
  g_free (found);
}

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    ATR_SECRET_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "tenant", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static void
searched_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_finish (res, &error);

  if (error != NULL)
    {
      g_prefix_error (&error, "Secret Service: ");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = NULL;
      g_autoptr(SecretValue) value = NULL;
      const char *user;
      Found *found;

      if (!SECRET_IS_ITEM (l->data))
        continue;
      attributes = secret_retrievable_get_attributes (l->data);
      user = g_hash_table_lookup (attributes, "user");
      value = secret_item_get_secret (SECRET_ITEM (l->data));
      if (user == NULL || value == NULL || secret_value_get_text (value) == NULL)
        continue;

      found = g_new0 (Found, 1);
      found->user = g_strdup (user);
      found->password = g_strdup (secret_value_get_text (value));
      g_task_return_pointer (task, found, (GDestroyNotify) found_free);
      g_list_free_full (items, g_object_unref);
      return;
    }

  g_list_free_full (items, g_object_unref);
  g_task_return_pointer (task, NULL, NULL);
}

static void
atr_secret_store_lookup_async (AtrCredentialStore  *store,
                               const char          *tenant_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, atr_secret_store_lookup_async);
  secret_password_search (get_schema (), SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                          cancellable, searched_cb, task, "tenant", tenant_id, NULL);
}

static gboolean
atr_secret_store_lookup_finish (AtrCredentialStore  *store,
                                GAsyncResult        *result,
                                char               **user,
                                char               **password,
                                GError             **error)
{
  Found *found = g_task_propagate_pointer (G_TASK (result), error);

  if (found == NULL)
    return FALSE;

  *user = g_steal_pointer (&found->user);
  *password = g_steal_pointer (&found->password);
  found_free (found);
  return TRUE;
}

typedef struct
{
  char *tenant_id;
  char *user;
  char *password;
} StoreJob;

static void
store_job_free (StoreJob *job)
{
  g_free (job->tenant_id);
  g_free (job->user);
  atr_credential_store_wipe (job->password);
  g_free (job);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (res, &error))
    {
      g_prefix_error (&error, "Secret Service: ");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
cleared_before_store_cb (GObject      *source,
                         GAsyncResult *res,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  StoreJob *job = g_task_get_task_data (task);
  g_autofree char *label = NULL;

  secret_password_clear_finish (res, &error);
  if (error != NULL)
    {
      g_prefix_error (&error, "Secret Service: ");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Translators: the name of the saved password in the keyring; %s is a tenant id. */
  label = g_strdup_printf (_("Atrium workspace %s"), job->tenant_id);
  secret_password_store (get_schema (), SECRET_COLLECTION_DEFAULT, label, job->password,
                         g_task_get_cancellable (task), stored_cb, g_object_ref (task),
                         "tenant", job->tenant_id, "user", job->user, NULL);
}

static void
atr_secret_store_store_async (AtrCredentialStore  *store,
                              const char          *tenant_id,
                              const char          *user,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  StoreJob *job = g_new0 (StoreJob, 1);

  job->tenant_id = g_strdup (tenant_id);
  job->user = g_strdup (user);
  job->password = g_strdup (password);
  g_task_set_task_data (task, job, (GDestroyNotify) store_job_free);
  g_task_set_source_tag (task, atr_secret_store_store_async);

  /* One entry per tenant: drop the old one (maybe another user) first. */
  secret_password_clear (get_schema (), cancellable, cleared_before_store_cb,
                         g_object_ref (task), "tenant", tenant_id, NULL);
}

static gboolean
atr_secret_store_store_finish (AtrCredentialStore  *store,
                               GAsyncResult        *result,
                               GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
cleared_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (res, &error);
  if (error != NULL)
    {
      g_prefix_error (&error, "Secret Service: ");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
atr_secret_store_clear_async (AtrCredentialStore  *store,
                              const char          *tenant_id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);

  g_task_set_source_tag (task, atr_secret_store_clear_async);
  secret_password_clear (get_schema (), cancellable, cleared_cb, task,
                         "tenant", tenant_id, NULL);
}

static gboolean
atr_secret_store_clear_finish (AtrCredentialStore  *store,
                               GAsyncResult        *result,
                               GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
credential_store_iface_init (AtrCredentialStoreInterface *iface)
{
  iface->lookup_async = atr_secret_store_lookup_async;
  iface->lookup_finish = atr_secret_store_lookup_finish;
  iface->store_async = atr_secret_store_store_async;
  iface->store_finish = atr_secret_store_store_finish;
  iface->clear_async = atr_secret_store_clear_async;
  iface->clear_finish = atr_secret_store_clear_finish;
}

static void
atr_secret_store_class_init (AtrSecretStoreClass *klass)
{
}

static void
atr_secret_store_init (AtrSecretStore *self)
{
}

AtrCredentialStore *
atr_secret_store_new (void)
{
  return g_object_new (ATR_TYPE_SECRET_STORE, NULL);
}
