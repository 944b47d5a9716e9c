/* atr-credential-store.h — where "remember me" keeps a tenant's secrets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small interface so the UI does not care how secrets are kept; AtrSecretStore is the
 * Secret Service (libsecret) implementation. Secrets never go to GSettings, files or logs.
 * Per tenant (atr_tenant_get_id) it keeps two secrets, written and read separately: the user
 * name and password, and the feed's sign-in token (.ASPXAUTH) the last sign-in produced,
 * with the user it belongs to. A token is only found for that user. Storing a password keeps
 * the token (the workspace replaces it after its next sign-in); clear removes both.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATR_TYPE_CREDENTIAL_STORE (atr_credential_store_get_type ())
G_DECLARE_INTERFACE (AtrCredentialStore, atr_credential_store, ATR, CREDENTIAL_STORE, GObject)

struct _AtrCredentialStoreInterface
{
  GTypeInterface parent_iface;

  void     (*lookup_async)  (AtrCredentialStore  *self,
                             const char          *tenant_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
  gboolean (*lookup_finish) (AtrCredentialStore  *self,
                             GAsyncResult        *result,
                             char               **user,
                             char               **password,
                             GError             **error);
  void     (*store_async)   (AtrCredentialStore  *self,
                             const char          *tenant_id,
                             const char          *user,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
  gboolean (*store_finish)  (AtrCredentialStore  *self,
                             GAsyncResult        *result,
                             GError             **error);
  void     (*clear_async)   (AtrCredentialStore  *self,
                             const char          *tenant_id,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data);
  gboolean (*clear_finish)  (AtrCredentialStore  *self,
                             GAsyncResult        *result,
                             GError             **error);
  void     (*lookup_token_async)  (AtrCredentialStore  *self,
                                   const char          *tenant_id,
                                   const char          *user,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
  char    *(*lookup_token_finish) (AtrCredentialStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error);
  void     (*store_token_async)   (AtrCredentialStore  *self,
                                   const char          *tenant_id,
                                   const char          *user,
                                   const char          *token,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
  gboolean (*store_token_finish)  (AtrCredentialStore  *self,
                                   GAsyncResult        *result,
                                   GError             **error);
};

void     atr_credential_store_lookup_async  (AtrCredentialStore  *self,
                                             const char          *tenant_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
/* TRUE with @user and @password set when found; FALSE without error when nothing is stored.
 * Free the password with atr_credential_store_wipe(). */
gboolean atr_credential_store_lookup_finish (AtrCredentialStore  *self,
                                             GAsyncResult        *result,
                                             char               **user,
                                             char               **password,
                                             GError             **error);
void     atr_credential_store_store_async   (AtrCredentialStore  *self,
                                             const char          *tenant_id,
                                             const char          *user,
                                             const char          *password,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean atr_credential_store_store_finish  (AtrCredentialStore  *self,
                                             GAsyncResult        *result,
                                             GError             **error);
/* Forgets everything kept for the tenant: password and token. */
void     atr_credential_store_clear_async   (AtrCredentialStore  *self,
                                             const char          *tenant_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean atr_credential_store_clear_finish  (AtrCredentialStore  *self,
                                             GAsyncResult        *result,
                                             GError             **error);

void     atr_credential_store_lookup_token_async  (AtrCredentialStore  *self,
                                                   const char          *tenant_id,
                                                   const char          *user,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* The token remembered for that user, or NULL (no error) when none is. Free it with
 * atr_credential_store_wipe(). */
char    *atr_credential_store_lookup_token_finish (AtrCredentialStore  *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);
/* Replaces the tenant's token (whoever it belonged to) by @user's; the password stays. */
void     atr_credential_store_store_token_async   (AtrCredentialStore  *self,
                                                   const char          *tenant_id,
                                                   const char          *user,
                                                   const char          *token,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean atr_credential_store_store_token_finish  (AtrCredentialStore  *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* Zeroes and frees a password or token. */
void     atr_credential_store_wipe          (char                *password);

G_END_DECLS
