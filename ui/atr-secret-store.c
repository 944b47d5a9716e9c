/* atr-secret-store.c — AtrCredentialStore backed by the Secret Service (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two items per tenant in the schema ATR_SECRET_SCHEMA_NAME, told apart by "kind": the
 * password (kind "password") and the feed's sign-in token (kind "token"), each with the
 * "user" it belongs to; a token is only looked up with its user. Each
 * is replaced on its own, so storing one never races with storing the other; clearing by
 * "tenant" alone removes both. Items from before the token (no "kind") read as passwords.
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "atr-secret-store.h"

#define KIND_PASSWORD "password"
#define KIND_TOKEN    "token"

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
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };

  return &schema;
}

static GHashTable *
attributes_new (const char *tenant_id,
                const char *kind,
                const char *user)
{
  GHashTable *attributes = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (attributes, "tenant", (gpointer) tenant_id);
  if (kind != NULL)
    g_hash_table_insert (attributes, "kind", (gpointer) kind);
  if (user != NULL)
    g_hash_table_insert (attributes, "user", (gpointer) user);
  return attributes;
}

static void
return_prefixed_error (GTask  *task,
                       GError *error)
{
  g_prefix_error (&error, "Secret Service: ");
  g_task_return_error (task, error);
}

/* Looking up: a password (with its user) or a token. */

static void
searched_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *items = secret_password_search_finish (res, &error);
  Found *found = NULL;
  gboolean want_token = GPOINTER_TO_INT (g_task_get_task_data (task));

  if (error != NULL)
    {
      return_prefixed_error (task, error);
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = NULL;
      g_autoptr(SecretValue) value = NULL;
      const char *user;
      const char *kind;
      gboolean is_token;

      if (!SECRET_IS_ITEM (l->data))
        continue;
      attributes = secret_retrievable_get_attributes (l->data);
      user = g_hash_table_lookup (attributes, "user");
      kind = g_hash_table_lookup (attributes, "kind");
      is_token = g_strcmp0 (kind, KIND_TOKEN) == 0;
      value = secret_item_get_secret (SECRET_ITEM (l->data));
      if (value == NULL || secret_value_get_text (value) == NULL || is_token != want_token)
        continue;
      if (!want_token && user == NULL)
        continue;
      /* A "password" item wins over one from before the token (no kind). */
      if (found != NULL && kind == NULL)
        continue;

      g_clear_pointer (&found, found_free);
      found = g_new0 (Found, 1);
      found->user = g_strdup (user);
      found->password = g_strdup (secret_value_get_text (value));
      if (want_token || kind != NULL)
        break;
    }

  g_list_free_full (items, g_object_unref);
  g_task_return_pointer (task, found, (GDestroyNotify) found_free);
}

static void
search (AtrCredentialStore  *store,
        const char          *tenant_id,
        const char          *user,        /* set for a token */
        gboolean             token,
        gpointer             source_tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  GTask *task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(GHashTable) attributes = attributes_new (tenant_id,
                                                     token ? KIND_TOKEN : NULL, user);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, GINT_TO_POINTER (token), NULL);
  secret_password_searchv (get_schema (), attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                           cancellable, searched_cb, task);
}

static void
atr_secret_store_lookup_async (AtrCredentialStore  *store,
                               const char          *tenant_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  search (store, tenant_id, NULL, FALSE, atr_secret_store_lookup_async, cancellable, callback,
          user_data);
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

static void
atr_secret_store_lookup_token_async (AtrCredentialStore  *store,
                                     const char          *tenant_id,
                                     const char          *user,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  search (store, tenant_id, user, TRUE, atr_secret_store_lookup_token_async, cancellable, callback,
          user_data);
}

static char *
atr_secret_store_lookup_token_finish (AtrCredentialStore  *store,
                                      GAsyncResult        *result,
                                      GError             **error)
{
  Found *found = g_task_propagate_pointer (G_TASK (result), error);
  char *token;

  if (found == NULL)
    return NULL;
  token = g_steal_pointer (&found->password);
  found_free (found);
  return token;
}

/* Storing: drop the tenant's item of that kind, then write the new one. */

typedef struct
{
  char       *tenant_id;
  char       *user;
  char       *secret;
  const char *kind;
} StoreJob;

static void
store_job_free (StoreJob *job)
{
  g_free (job->tenant_id);
  g_free (job->user);
  atr_credential_store_wipe (job->secret);
  g_free (job);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (res, &error))
    {
      return_prefixed_error (task, error);
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
  GError *error = NULL;
  StoreJob *job = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;

  secret_password_clear_finish (res, &error);
  if (error != NULL)
    {
      return_prefixed_error (task, error);
      return;
    }

  /* Both items carry the same label; "kind" tells them apart. */
  g_assert (job->user != NULL);
  attributes = attributes_new (job->tenant_id, job->kind, job->user);
  /* Translators: the name of the saved password in the keyring; %s is a tenant id. */
  label = g_strdup_printf (_("Atrium workspace %s"), job->tenant_id);
  secret_password_storev (get_schema (), attributes, SECRET_COLLECTION_DEFAULT, label,
                          job->secret, g_task_get_cancellable (task), stored_cb,
                          g_object_ref (task));
}

static void
store (AtrCredentialStore  *store,
       const char          *tenant_id,
       const char          *user,
       const char          *secret,
       const char          *kind,
       gpointer             source_tag,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  StoreJob *job = g_new0 (StoreJob, 1);
  g_autoptr(GHashTable) old = NULL;

  job->tenant_id = g_strdup (tenant_id);
  job->user = g_strdup (user);
  job->secret = g_strdup (secret);
  job->kind = kind;
  g_task_set_task_data (task, job, (GDestroyNotify) store_job_free);
  g_task_set_source_tag (task, source_tag);

  /* One item of each kind per tenant: drop the old one (maybe another user's) first. */
  old = attributes_new (tenant_id, kind, NULL);
  secret_password_clearv (get_schema (), old, cancellable, cleared_before_store_cb,
                          g_object_ref (task));
}

static void
atr_secret_store_store_async (AtrCredentialStore  *self,
                              const char          *tenant_id,
                              const char          *user,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  store (self, tenant_id, user, password, KIND_PASSWORD, atr_secret_store_store_async,
         cancellable, callback, user_data);
}

static void
atr_secret_store_store_token_async (AtrCredentialStore  *self,
                                    const char          *tenant_id,
                                    const char          *user,
                                    const char          *token,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  store (self, tenant_id, user, token, KIND_TOKEN, atr_secret_store_store_token_async,
         cancellable, callback, user_data);
}

static gboolean
atr_secret_store_store_finish (AtrCredentialStore  *store,
                               GAsyncResult        *result,
                               GError             **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Clearing: every item of the tenant, password and token alike. */

static void
cleared_cb (GObject      *source,
            GAsyncResult *res,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  secret_password_clear_finish (res, &error);
  if (error != NULL)
    {
      return_prefixed_error (task, error);
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

static void
credential_store_iface_init (AtrCredentialStoreInterface *iface)
{
  iface->lookup_async = atr_secret_store_lookup_async;
  iface->lookup_finish = atr_secret_store_lookup_finish;
  iface->store_async = atr_secret_store_store_async;
  iface->store_finish = atr_secret_store_store_finish;
  iface->clear_async = atr_secret_store_clear_async;
  iface->clear_finish = atr_secret_store_store_finish;
  iface->lookup_token_async = atr_secret_store_lookup_token_async;
  iface->lookup_token_finish = atr_secret_store_lookup_token_finish;
  iface->store_token_async = atr_secret_store_store_token_async;
  iface->store_token_finish = atr_secret_store_store_finish;
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
