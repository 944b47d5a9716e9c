/* atr-remembered-token.h — "remember me" for a tenant's feed sign-in token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK-free helper of AtrWorkspace: keeps the RD Web token (.ASPXAUTH) a feed sign-in produced
 * in an AtrCredentialStore, beside the remembered password, for the user who signed in, so
 * the next start sends the token instead of signing in again. The token is a secret: never
 * logged, copies wiped.
 */
#pragma once

#include <gio/gio.h>

#include "atr-credential-store.h"
#include "atr-feed-client.h"

G_BEGIN_DECLS

#define ATR_TYPE_REMEMBERED_TOKEN (atr_remembered_token_get_type ())
G_DECLARE_FINAL_TYPE (AtrRememberedToken, atr_remembered_token, ATR, REMEMBERED_TOKEN, GObject)

AtrRememberedToken *atr_remembered_token_new          (AtrCredentialStore  *store,
                                                       const char          *tenant_id,
                                                       const char          *user,
                                                       gboolean             use_stored);
/* TRUE until the stored token has been read (only when made with use_stored). */
gboolean            atr_remembered_token_needs_load   (AtrRememberedToken  *self);
/* Reads the stored token and gives it to @client (atr_feed_client_set_token). A missing or
 * damaged one is not an error: the client then signs in, and update() stores the new one. */
void                atr_remembered_token_load_async   (AtrRememberedToken  *self,
                                                       AtrFeedClient       *client,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            atr_remembered_token_load_finish  (AtrRememberedToken  *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* After a live fetch: stores the result's token when it is not the one stored already.
 * The workspace passes no cancellable: a short local write that should land even when the
 * workspace goes away (and libsecret 0.20 was seen to return a cancelled clear twice). */
void                atr_remembered_token_update       (AtrRememberedToken  *self,
                                                       AtrFeedResult       *result,
                                                       GCancellable        *cancellable);

G_END_DECLS
