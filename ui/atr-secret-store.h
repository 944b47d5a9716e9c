/* atr-secret-store.h — AtrCredentialStore backed by the Secret Service (libsecret)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-credential-store.h"

G_BEGIN_DECLS

/* The libsecret schema name; items carry "tenant" and "kind" ("password" with "user", or
 * "token": the feed's sign-in token). */
#define ATR_SECRET_SCHEMA_NAME "org.atrium.Atrium.Credentials"

#define ATR_TYPE_SECRET_STORE (atr_secret_store_get_type ())
G_DECLARE_FINAL_TYPE (AtrSecretStore, atr_secret_store, ATR, SECRET_STORE, GObject)

AtrCredentialStore *atr_secret_store_new (void);

G_END_DECLS
