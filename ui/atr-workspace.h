/* atr-workspace.h — one enrolled tenant as the UI sees it: its resources, state and theme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK-free controller: owns the tenant's HTTPS client and feed client, turns fetch results
 * into an AtrResourceList and a state the pages show (loading, ready, needs sign-in, error),
 * plus a stale flag and the time of the shown list for the offline banner.
 */
#pragma once

#include <gio/gio.h>

#include "atr-credential-store.h"
#include "atr-http.h"
#include "atr-resource-list.h"
#include "atr-tenant-manifest.h"
#include "atr-tenant.h"
#include "atr-theme.h"
#include "atr-trust-store.h"

G_BEGIN_DECLS

typedef enum
{
  ATR_WORKSPACE_STATE_IDLE,
  ATR_WORKSPACE_STATE_LOADING,
  ATR_WORKSPACE_STATE_READY,
  ATR_WORKSPACE_STATE_NEEDS_SIGN_IN,
  ATR_WORKSPACE_STATE_ERROR,
} AtrWorkspaceState;

#define ATR_TYPE_WORKSPACE (atr_workspace_get_type ())
G_DECLARE_FINAL_TYPE (AtrWorkspace, atr_workspace, ATR, WORKSPACE, GObject)

AtrWorkspace      *atr_workspace_new             (AtrTenant     *tenant,
                                                  AtrTrustStore *trust);
AtrTenant         *atr_workspace_get_tenant      (AtrWorkspace  *self);
AtrResourceList   *atr_workspace_get_resources   (AtrWorkspace  *self);
AtrHttpClient     *atr_workspace_get_http        (AtrWorkspace  *self);
AtrWorkspaceState  atr_workspace_get_state       (AtrWorkspace  *self);
const GError      *atr_workspace_get_error       (AtrWorkspace  *self);
gboolean           atr_workspace_get_stale       (AtrWorkspace  *self);
GDateTime         *atr_workspace_get_fetched     (AtrWorkspace  *self);
const char        *atr_workspace_get_publisher   (AtrWorkspace  *self);
gboolean           atr_workspace_has_credentials (AtrWorkspace  *self);
AtrTheme          *atr_workspace_get_theme       (AtrWorkspace  *self);

/* The password is copied into the feed client only; it is not kept here. New credentials
 * forget the sign-in token and the token store (set it again after this). */
void               atr_workspace_set_credentials (AtrWorkspace  *self,
                                                  const char    *user,
                                                  const char    *password);
/* TRUE once the server asked for credentials or some were given (remembered or typed):
 * there is something to sign out of. A workspace that never asked has no account. */
gboolean           atr_workspace_needs_account   (AtrWorkspace  *self);
/* Stops fetching and forgets the credentials, the feed's sign-in token and the HTTP
 * sessions (connections, cookies) in memory; the caller clears the credential store. */
void               atr_workspace_sign_out        (AtrWorkspace  *self);
/* "Remember me" for the feed's sign-in token (.ASPXAUTH): with @store (nullable: none),
 * every new token the feed's sign-in produces is stored there for the signed-in user,
 * replacing the old one. @use_stored: the credentials came from @store, so the token stored
 * for this user is tried before signing in (FALSE when they were just typed). Call after
 * atr_workspace_set_credentials(), with a user set. */
void               atr_workspace_set_token_store (AtrWorkspace       *self,
                                                  AtrCredentialStore *store,
                                                  gboolean            use_stored);
/* Shows the cached list first (if any and nothing is shown yet), then fetches. */
void               atr_workspace_refresh         (AtrWorkspace  *self);
/* Shows the cached list (if any and nothing is shown yet) without fetching: start-up calls
 * it while the saved credentials are still being looked up, which only the fetch needs.
 * A refresh asked meanwhile fetches once the cache has been read. */
void               atr_workspace_load_cached     (AtrWorkspace  *self);
void               atr_workspace_cancel          (AtrWorkspace  *self);

/* What the tenant publishes about itself (/.well-known/atrium/tenant.json), loaded when the
 * workspace is made; its gateways join the feed's failover, its theme becomes "theme". */
AtrTenantManifest *atr_workspace_get_manifest    (AtrWorkspace  *self);
const char        *atr_workspace_get_display_name (AtrWorkspace *self);
GBytes            *atr_workspace_get_logo        (AtrWorkspace    *self,
                                                  AtrThemeVariant  variant);
gboolean           atr_workspace_dup_credentials (AtrWorkspace  *self,
                                                  char         **user,
                                                  char         **password);

G_END_DECLS
