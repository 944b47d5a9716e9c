/* atr-credential-store.c — where "remember me" keeps a tenant's secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <string.h>

#include "atr-credential-store.h"

G_DEFINE_INTERFACE (AtrCredentialStore, atr_credential_store, G_TYPE_OBJECT)

static void
atr_credential_store_default_init (AtrCredentialStoreInterface *iface)
{
}

void
atr_credential_store_lookup_async (AtrCredentialStore  *self,
                                   const char          *tenant_id,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (ATR_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (tenant_id != NULL);

  ATR_CREDENTIAL_STORE_GET_IFACE (self)->lookup_async (self, tenant_id, cancellable,
                                                       callback, user_data);
}

gboolean
atr_credential_store_lookup_finish (AtrCredentialStore  *self,
                                    GAsyncResult        *result,
                                    char               **user,
                                    char               **password,
                                    GError             **error)
{
  g_return_val_if_fail (ATR_IS_CREDENTIAL_STORE (self), FALSE);
  g_return_val_if_fail (user != NULL && password != NULL, FALSE);

  *user = NULL;
  *password = NULL;
  return ATR_CREDENTIAL_STORE_GET_IFACE (self)->lookup_finish (self, result, user, password,
                                                               error);
}

void
atr_credential_store_store_async (AtrCredentialStore  *self,
                                  const char          *tenant_id,
                                  const char          *user,
                                  const char          *password,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (ATR_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (tenant_id != NULL && user != NULL && password != NULL);

  ATR_CREDENTIAL_STORE_GET_IFACE (self)->store_async (self, tenant_id, user, password,
                                                      cancellable, callback, user_data);
}

gboolean
atr_credential_store_store_finish (AtrCredentialStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (ATR_IS_CREDENTIAL_STORE (self), FALSE);

  return ATR_CREDENTIAL_STORE_GET_IFACE (self)->store_finish (self, result, error);
}

void
atr_credential_store_clear_async (AtrCredentialStore  *self,
                                  const char          *tenant_id,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (ATR_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (tenant_id != NULL);

  ATR_CREDENTIAL_STORE_GET_IFACE (self)->clear_async (self, tenant_id, cancellable,
                                                      callback, user_data);
}

gboolean
atr_credential_store_clear_finish (AtrCredentialStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (ATR_IS_CREDENTIAL_STORE (self), FALSE);

  return ATR_CREDENTIAL_STORE_GET_IFACE (self)->clear_finish (self, result, error);
}

void
atr_credential_store_lookup_token_async (AtrCredentialStore  *self,
                                         const char          *tenant_id,
                                         const char          *user,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (ATR_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (tenant_id != NULL && user != NULL);

  ATR_CREDENTIAL_STORE_GET_IFACE (self)->lookup_token_async (self, tenant_id, user,
                                                             cancellable, callback, user_data);
}

char *
atr_credential_store_lookup_token_finish (AtrCredentialStore  *self,
                                          GAsyncResult        *result,
                                          GError             **error)
{
  g_return_val_if_fail (ATR_IS_CREDENTIAL_STORE (self), NULL);

  return ATR_CREDENTIAL_STORE_GET_IFACE (self)->lookup_token_finish (self, result, error);
}

void
atr_credential_store_store_token_async (AtrCredentialStore  *self,
                                        const char          *tenant_id,
                                        const char          *user,
                                        const char          *token,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (ATR_IS_CREDENTIAL_STORE (self));
  g_return_if_fail (tenant_id != NULL && user != NULL && token != NULL);

  ATR_CREDENTIAL_STORE_GET_IFACE (self)->store_token_async (self, tenant_id, user, token,
                                                            cancellable, callback, user_data);
}

gboolean
atr_credential_store_store_token_finish (AtrCredentialStore  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (ATR_IS_CREDENTIAL_STORE (self), FALSE);

  return ATR_CREDENTIAL_STORE_GET_IFACE (self)->store_token_finish (self, result, error);
}

void
atr_credential_store_wipe (char *password)
{
  if (password == NULL)
    return;
  explicit_bzero (password, strlen (password));
  g_free (password);
}
