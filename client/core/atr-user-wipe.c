/* atr-user-wipe.c — kiosk mode's "between users" wipe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atr-user-wipe.h"

/* The tenant's branding, as net/ and themes/ name it in the tenant cache
 * (ATR_TENANT_MANIFEST_CACHE_NAME, ATR_THEME_CACHE_NAME, the logo names of
 * atr-theme-store.c); each with the ".ini" AtrTenantCache writes beside it. */
static const char * const kept_names[] = {
  "tenant.json", "tenant.json.ini",
  "theme.json", "theme.json.ini",
  "logo-light", "logo-light.ini",
  "logo-dark", "logo-dark.ini",
  NULL
};

const char * const *
atr_user_wipe_get_kept_names (void)
{
  return kept_names;
}

typedef struct
{
  GPtrArray *removed;
  GError    *error;   /* the first failure; later ones only go to g_debug */
} Wipe;

static void
fail (Wipe       *wipe,
      const char *path,
      const char *what,
      int         saved_errno)
{
  if (wipe->error == NULL)
    g_set_error (&wipe->error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_WIPE,
                 "Cannot %s %s: %s", what, path, g_strerror (saved_errno));
  else
    g_debug ("cannot %s %s: %s", what, path, g_strerror (saved_errno));
}

typedef gboolean (*KeepFunc) (int          dir_fd,
                              const char  *name,
                              gpointer     data);

static void remove_at (Wipe *wipe, int dir_fd, const char *name, const char *path, guint depth);

/* Removes every entry of the folder @fd except those @keep says to keep. */
static void
empty_folder (Wipe       *wipe,
              int         fd,
              const char *path,
              guint       depth,
              KeepFunc    keep,
              gpointer    keep_data)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  struct dirent *entry;
  DIR *dir;
  int list_fd;

  if (depth > ATR_USER_WIPE_MAX_DEPTH)
    {
      fail (wipe, path, "descend into (nested too deep)", ELOOP);
      return;
    }

  list_fd = dup (fd);
  if (list_fd < 0 || (dir = fdopendir (list_fd)) == NULL)
    {
      int saved_errno = errno;

      if (list_fd >= 0)
        close (list_fd);
      fail (wipe, path, "list", saved_errno);
      return;
    }
  while ((entry = readdir (dir)) != NULL)
    if (!g_str_equal (entry->d_name, ".") && !g_str_equal (entry->d_name, ".."))
      g_ptr_array_add (names, g_strdup (entry->d_name));
  closedir (dir);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *child = NULL;

      if (keep != NULL && keep (fd, name, keep_data))
        continue;
      child = g_build_filename (path, name, NULL);
      remove_at (wipe, fd, name, child, depth + 1);
    }
}

/* Removes @name in @dir_fd: a folder with everything in it; a link, not its target. */
static void
remove_at (Wipe       *wipe,
           int         dir_fd,
           const char *name,
           const char *path,
           guint       depth)
{
  struct stat st;

  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      if (errno != ENOENT)
        fail (wipe, path, "inspect", errno);
      return;
    }

  if (S_ISDIR (st.st_mode))
    {
      int fd = openat (dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

      if (fd < 0)
        {
          fail (wipe, path, "open", errno);
          return;
        }
      empty_folder (wipe, fd, path, depth, NULL, NULL);
      close (fd);
      if (unlinkat (dir_fd, name, AT_REMOVEDIR) != 0)
        {
          if (errno != ENOENT)
            fail (wipe, path, "remove", errno);
          return;
        }
    }
  else if (unlinkat (dir_fd, name, 0) != 0)
    {
      if (errno != ENOENT)
        fail (wipe, path, "remove", errno);
      return;
    }

  if (wipe->removed != NULL)
    g_ptr_array_add (wipe->removed, g_strdup (path));
}

static gboolean
is_real_folder (int         dir_fd,
                const char *name)
{
  struct stat st;

  return fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR (st.st_mode);
}

/* In tenants/<id>/: only the branding, and only as regular files. */
static gboolean
keep_branding (int          dir_fd,
               const char  *name,
               gpointer     data)
{
  struct stat st;

  return g_strv_contains (kept_names, name) &&
         fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG (st.st_mode);
}

/* Runs @keep's folder-level wipe on @name inside @dir_fd, which must be a real folder;
 * anything else by that name is removed. */
static void
wipe_inside (Wipe       *wipe,
             int         dir_fd,
             const char *name,
             const char *path,
             guint       depth,
             KeepFunc    keep,
             gpointer    keep_data)
{
  int fd;

  if (!is_real_folder (dir_fd, name))
    {
      remove_at (wipe, dir_fd, name, path, depth);
      return;
    }
  fd = openat (dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    {
      fail (wipe, path, "open", errno);
      return;
    }
  empty_folder (wipe, fd, path, depth, keep, keep_data);
  close (fd);
}

static gboolean
keep_tenant_folder (int          dir_fd,
                    const char  *name,
                    gpointer     data)
{
  const char *tenant_id = data;

  return g_str_equal (name, tenant_id) && is_real_folder (dir_fd, name);
}

static gboolean
keep_tenants (int          dir_fd,
              const char  *name,
              gpointer     data)
{
  return g_str_equal (name, "tenants") && is_real_folder (dir_fd, name);
}

static int
open_root (Wipe       *wipe,
           const char *root)
{
  int fd = open (root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0 && errno != ENOENT)
    fail (wipe, root, "open", errno);
  return fd;
}

static gboolean
tenant_id_is_safe (const char *tenant_id)
{
  if (*tenant_id == '\0' || *tenant_id == '.' || strlen (tenant_id) > 255)
    return FALSE;
  for (const char *p = tenant_id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

gboolean
atr_user_wipe_files (const char              *tenant_id,
                     const AtrUserWipeRoots  *roots,
                     GPtrArray               *removed,
                     GError                 **error)
{
  const char *cache_root, *data_root, *config_root;
  Wipe wipe = { removed, NULL };
  int fd;

  g_return_val_if_fail (tenant_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!tenant_id_is_safe (tenant_id))
    {
      g_set_error (error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_WIPE,
                   "Refusing to wipe for the unsafe tenant ID '%s'", tenant_id);
      return FALSE;
    }

  cache_root = roots && roots->cache_dir ? roots->cache_dir : g_get_user_cache_dir ();
  data_root = roots && roots->data_dir ? roots->data_dir : g_get_user_data_dir ();
  config_root = roots && roots->config_dir ? roots->config_dir : g_get_user_config_dir ();

  /* The cache: keep tenants/<id>/<branding>, remove the rest. */
  fd = open_root (&wipe, cache_root);
  if (fd >= 0)
    {
      g_autofree char *atrium = g_build_filename (cache_root, "atrium", NULL);
      g_autofree char *tenants = g_build_filename (atrium, "tenants", NULL);
      g_autofree char *tenant = g_build_filename (tenants, tenant_id, NULL);

      wipe_inside (&wipe, fd, "atrium", atrium, 0, keep_tenants, NULL);
      if (is_real_folder (fd, "atrium"))
        {
          int atrium_fd = openat (fd, "atrium", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

          if (atrium_fd >= 0)
            {
              if (is_real_folder (atrium_fd, "tenants"))
                {
                  int tenants_fd = openat (atrium_fd, "tenants",
                                           O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

                  if (tenants_fd >= 0)
                    {
                      empty_folder (&wipe, tenants_fd, tenants, 1, keep_tenant_folder,
                                    (gpointer) tenant_id);
                      if (is_real_folder (tenants_fd, tenant_id))
                        wipe_inside (&wipe, tenants_fd, tenant_id, tenant, 2, keep_branding,
                                     NULL);
                      close (tenants_fd);
                    }
                  else
                    fail (&wipe, tenants, "open", errno);
                }
              close (atrium_fd);
            }
          else
            fail (&wipe, atrium, "open", errno);
        }
      close (fd);
    }

  /* Data and configuration: nothing of Atrium's there belongs to the tenant. */
  for (guint i = 0; i < 2; i++)
    {
      const char *root = i == 0 ? data_root : config_root;
      g_autofree char *atrium = g_build_filename (root, "atrium", NULL);

      fd = open_root (&wipe, root);
      if (fd < 0)
        continue;
      remove_at (&wipe, fd, "atrium", atrium, 0);
      close (fd);
    }

  if (wipe.error != NULL)
    {
      g_propagate_error (error, wipe.error);
      return FALSE;
    }
  return TRUE;
}

/* The async wipe: secrets on the caller's terms, then the files on a worker thread. */

typedef struct
{
  char   *tenant_id;
  char   *cache_dir;
  char   *data_dir;
  char   *config_dir;
  GError *secrets_error;
} WipeJob;

static void
wipe_job_free (gpointer data)
{
  WipeJob *job = data;

  g_free (job->tenant_id);
  g_free (job->cache_dir);
  g_free (job->data_dir);
  g_free (job->config_dir);
  g_clear_error (&job->secrets_error);
  g_free (job);
}

static void
files_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WipeJob *job = task_data;
  AtrUserWipeRoots roots = { job->cache_dir, job->data_dir, job->config_dir };
  g_autoptr(GError) error = NULL;
  gboolean ok = atr_user_wipe_files (job->tenant_id, &roots, NULL, &error);

  if (job->secrets_error != NULL)
    g_task_return_error (task, g_steal_pointer (&job->secrets_error));
  else if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
secrets_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  WipeJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_set_error (&job->secrets_error, ATR_KIOSK_ERROR, ATR_KIOSK_ERROR_SECRETS,
                 "Could not forget the stored sign-in for tenant %s: %s", job->tenant_id,
                 error != NULL ? error->message : "unknown error");
  g_task_run_in_thread (task, files_thread);
}

void
atr_user_wipe_async (const char              *tenant_id,
                     const AtrUserWipeRoots  *roots,
                     AtrUserWipeSecretsFunc   forget_secrets,
                     gpointer                 forget_secrets_data,
                     GCancellable            *cancellable,
                     GAsyncReadyCallback      callback,
                     gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  WipeJob *job;

  g_return_if_fail (tenant_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_user_wipe_async);
  job = g_new0 (WipeJob, 1);
  job->tenant_id = g_strdup (tenant_id);
  job->cache_dir = g_strdup (roots ? roots->cache_dir : NULL);
  job->data_dir = g_strdup (roots ? roots->data_dir : NULL);
  job->config_dir = g_strdup (roots ? roots->config_dir : NULL);
  g_task_set_task_data (task, job, wipe_job_free);

  if (forget_secrets == NULL)
    {
      g_task_run_in_thread (task, files_thread);
      return;
    }
  /* The inner task carries the caller's answer; its callback resumes the wipe. */
  forget_secrets (tenant_id, g_task_new (NULL, cancellable, secrets_done_cb,
                                         g_steal_pointer (&task)),
                  forget_secrets_data);
}

gboolean
atr_user_wipe_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == atr_user_wipe_async, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
