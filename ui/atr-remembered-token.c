/* atr-remembered-token.c — "remember me" for a tenant's feed sign-in token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <string.h>

#include "atr-ui.h"

#include "atr-remembered-token.h"

struct _AtrRememberedToken
{
  GObject             parent_instance;

  AtrCredentialStore *store;
  char               *tenant_id;
  char               *user;
  char               *stored;       /* the token known to be in the store; wiped */
  gboolean            needs_load;
};

G_DEFINE_FINAL_TYPE (AtrRememberedToken, atr_remembered_token, G_TYPE_OBJECT)

static void
wipe (char **secret)
{
  if (*secret != NULL)
    explicit_bzero (*secret, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
atr_remembered_token_finalize (GObject *object)
{
  AtrRememberedToken *self = ATR_REMEMBERED_TOKEN (object);

  g_clear_object (&self->store);
  g_free (self->tenant_id);
  g_free (self->user);
  wipe (&self->stored);

  G_OBJECT_CLASS (atr_remembered_token_parent_class)->finalize (object);
}

static void
atr_remembered_token_class_init (AtrRememberedTokenClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_remembered_token_finalize;
}

static void
atr_remembered_token_init (AtrRememberedToken *self)
{
}

/**
 * atr_remembered_token_new:
 * @store: where "remember me" keeps the tenant's secrets
 * @tenant_id: the tenant's key there (atr_tenant_get_id)
 * @user: who signed in; a token is stored and found for this user only
 * @use_stored: %TRUE when the credentials came from @store: read its token before the next
 *   fetch; %FALSE when they were just typed (only store the token the sign-in produces)
 */
AtrRememberedToken *
atr_remembered_token_new (AtrCredentialStore *store,
                          const char         *tenant_id,
                          const char         *user,
                          gboolean            use_stored)
{
  AtrRememberedToken *self;

  g_return_val_if_fail (ATR_IS_CREDENTIAL_STORE (store), NULL);
  g_return_val_if_fail (tenant_id != NULL && user != NULL, NULL);

  self = g_object_new (ATR_TYPE_REMEMBERED_TOKEN, NULL);
  self->store = g_object_ref (store);
  self->tenant_id = g_strdup (tenant_id);
  self->user = g_strdup (user);
  self->needs_load = use_stored;
  return self;
}

gboolean
atr_remembered_token_needs_load (AtrRememberedToken *self)
{
  g_return_val_if_fail (ATR_IS_REMEMBERED_TOKEN (self), FALSE);
  return self->needs_load;
}

static void
found_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  AtrRememberedToken *self = g_task_get_source_object (task);
  AtrFeedClient *client = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) token_error = NULL;
  char *token = atr_credential_store_lookup_token_finish (ATR_CREDENTIAL_STORE (source), res,
                                                          &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));   /* read again next time */
      return;
    }

  self->needs_load = FALSE;
  if (error != NULL)
    g_debug ("%s: no remembered sign-in token: %s", self->tenant_id, error->message);
  else if (token != NULL && atr_feed_client_set_token (client, token, &token_error))
    {
      wipe (&self->stored);
      self->stored = g_strdup (token);
    }
  else if (token != NULL)   /* a damaged item: sign in, and the new token replaces it */
    g_debug ("%s: %s", self->tenant_id, token_error->message);
  atr_credential_store_wipe (token);
  g_task_return_boolean (task, TRUE);
}

void
atr_remembered_token_load_async (AtrRememberedToken  *self,
                                 AtrFeedClient       *client,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (ATR_IS_REMEMBERED_TOKEN (self));
  g_return_if_fail (ATR_IS_FEED_CLIENT (client));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_remembered_token_load_async);
  g_task_set_task_data (task, g_object_ref (client), g_object_unref);
  atr_credential_store_lookup_token_async (self->store, self->tenant_id, self->user,
                                           cancellable, found_cb, task);
}

gboolean
atr_remembered_token_load_finish (AtrRememberedToken  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (ATR_IS_REMEMBERED_TOKEN (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(AtrRememberedToken) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!atr_credential_store_store_token_finish (ATR_CREDENTIAL_STORE (source), res, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s: sign-in token not remembered: %s", self->tenant_id, error->message);
      wipe (&self->stored);   /* try again after the next fetch */
      return;
    }
  atr_ui_debug ("token remembered %s", self->tenant_id);
}

void
atr_remembered_token_update (AtrRememberedToken *self,
                             AtrFeedResult      *result,
                             GCancellable       *cancellable)
{
  const char *token;

  g_return_if_fail (ATR_IS_REMEMBERED_TOKEN (self));
  g_return_if_fail (result != NULL);

  token = atr_feed_result_get_token (result);
  if (token == NULL || atr_feed_result_is_stale (result) || g_strcmp0 (token, self->stored) == 0)
    return;

  wipe (&self->stored);
  self->stored = g_strdup (token);
  atr_credential_store_store_token_async (self->store, self->tenant_id, self->user, token,
                                          cancellable, stored_cb, g_object_ref (self));
}
