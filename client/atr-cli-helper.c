/* atr-cli-helper.c — running a command that lives in a helper program (atrium-cli-rdp)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>

#include "atr-cli.h"
#include "atr-data-dirs.h"

#include "atr-cli-helper.h"

static gboolean
is_program (const char *path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR) &&
         g_file_test (path, G_FILE_TEST_IS_EXECUTABLE);
}

/**
 * atr_cli_helper_find:
 * @exe_path: (nullable): the running program's own path (the target of /proc/self/exe), or
 *   %NULL when it is unknown
 * @name: the helper's file name, for example "atrium-cli-rdp"
 *
 * Looks for @name beside @exe_path first (the build tree), then in the helper directory
 * (libexecdir/atrium, moved with the prefix in a relocated copy: atr-data-dirs.h).
 *
 * Returns: (transfer full): the helper's path, or %NULL with a G_IO_ERROR_NOT_FOUND error
 *   that names every path looked at.
 */
char *
atr_cli_helper_find (const char  *exe_path,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(GPtrArray) tried = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *list = NULL;
  g_autofree char *installed = NULL;

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);
  g_return_val_if_fail (strchr (name, '/') == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (exe_path != NULL && g_path_is_absolute (exe_path))
    {
      g_autofree char *dir = g_path_get_dirname (exe_path);
      g_ptr_array_add (tried, g_build_filename (dir, name, NULL));
    }
  installed = g_build_filename (atr_data_dirs_get_helper_dir (), name, NULL);
  if (tried->len == 0 || !g_str_equal (g_ptr_array_index (tried, 0), installed))
    g_ptr_array_add (tried, g_steal_pointer (&installed));

  for (guint i = 0; i < tried->len; i++)
    if (is_program (g_ptr_array_index (tried, i)))
      return g_strdup (g_ptr_array_index (tried, i));

  g_ptr_array_add (tried, NULL);
  list = g_strjoinv (" or ", (char **) tried->pdata);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               "the helper program %s is missing: no executable %s", name, list);
  return NULL;
}

/**
 * atr_cli_helper_exec:
 * @name: the helper's file name
 * @argv: atrium-cli's own argv, passed to the helper unchanged (argv[0] included)
 *
 * Replaces this process with the helper (execv: no shell, same stdin/stdout/stderr and
 * environment, so the helper's exit status is atrium-cli's). Returns only on failure, with
 * ATR_EXIT_INTERNAL after one line on stderr naming the helper's path.
 */
int
atr_cli_helper_exec (const char  *name,
                     char       **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self = NULL;
  g_autofree char *path = NULL;
  int saved;

  g_return_val_if_fail (name != NULL, ATR_EXIT_INTERNAL);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, ATR_EXIT_INTERNAL);

  self = g_file_read_link ("/proc/self/exe", NULL);
  path = atr_cli_helper_find (self, name, &error);
  if (path == NULL)
    return atr_cli_fail (ATR_EXIT_INTERNAL, "'%s' cannot run: %s",
                         argv[1] != NULL ? argv[1] : name, error->message);

  fflush (stdout);
  fflush (stderr);
  execv (path, argv);
  saved = errno;
  return atr_cli_fail (ATR_EXIT_INTERNAL, "cannot run the helper program %s: %s", path,
                       g_strerror (saved));
}
