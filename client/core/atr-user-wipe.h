/* atr-user-wipe.h — kiosk mode's "between users" wipe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When a kiosk user signs out (or is logged off), everything that user left behind goes:
 * the stored sign-in in the Secret Service (through the caller's forget-secrets function, so
 * this stays GLib-only), and on disk everything Atrium keeps under the user folders except
 * the tenant's branding:
 *
 *   $XDG_CACHE_HOME/atrium/tenants/<tenant>/   keeps only the regular files named by
 *       atr_user_wipe_get_kept_names() (tenant manifest, theme, logos and their .ini);
 *       feed.xml goes: an RD Web feed is per user (which apps that user may run).
 *   $XDG_CACHE_HOME/atrium/<anything else>     removed (FreeRDP state, other tenants, …)
 *   $XDG_DATA_HOME/atrium, $XDG_CONFIG_HOME/atrium   removed.
 *
 * <tenant> is the tenant ID (atr_tenant_get_cache_id(), atr_tenant_loader_tenant_id_for():
 * one rule, atr_tenant_id_for_host()), the one folder holding the tenant's feed and branding.
 *
 * Removal never follows a symbolic link (fd-relative, O_NOFOLLOW): a link is removed, not
 * what it points at. It continues past failures and reports the first one. The clipboard
 * and anything in memory are the app's to clear.
 */
#pragma once

#include <gio/gio.h>

#include "atr-kiosk-error.h"

G_BEGIN_DECLS

/* Folders deeper than this under an Atrium folder are not descended into (an error). */
#define ATR_USER_WIPE_MAX_DEPTH 64

typedef struct
{
  const char *cache_dir;   /* $XDG_CACHE_HOME; NULL: g_get_user_cache_dir () */
  const char *data_dir;    /* $XDG_DATA_HOME;  NULL: g_get_user_data_dir () */
  const char *config_dir;  /* $XDG_CONFIG_HOME; NULL: g_get_user_config_dir () */
} AtrUserWipeRoots;

/* Forgets @tenant_id's stored credentials and tokens (honour g_task_get_cancellable()),
 * then completes @task (transfer full) with g_task_return_boolean (task, TRUE) or
 * g_task_return_error () and drops the reference: g_object_unref (task). */
typedef void (*AtrUserWipeSecretsFunc) (const char *tenant_id,
                                        GTask      *task,
                                        gpointer    user_data);

/* (transfer none): the tenant cache files that survive a wipe; NULL-terminated. */
const char * const *atr_user_wipe_get_kept_names (void);

/* Blocking: the disk part only. @roots (nullable): the XDG folders.
 * @removed (nullable): receives the path of each removed file or folder (utf8). */
gboolean  atr_user_wipe_files   (const char              *tenant_id,
                                 const AtrUserWipeRoots  *roots,
                                 GPtrArray               *removed,
                                 GError                 **error);

/* Secrets first (when @forget_secrets is given), then the files on a worker thread. The
 * files are wiped even when forgetting the secrets failed; the error then says so. */
void      atr_user_wipe_async   (const char              *tenant_id,
                                 const AtrUserWipeRoots  *roots,
                                 AtrUserWipeSecretsFunc   forget_secrets,
                                 gpointer                 forget_secrets_data,
                                 GCancellable            *cancellable,
                                 GAsyncReadyCallback      callback,
                                 gpointer                 user_data);
/* FALSE with %ATR_KIOSK_ERROR_SECRETS or %ATR_KIOSK_ERROR_WIPE when something stayed: the
 * app must then not hand the kiosk to the next user (show an error; retry). */
gboolean  atr_user_wipe_finish  (GAsyncResult            *result,
                                 GError                 **error);

G_END_DECLS
