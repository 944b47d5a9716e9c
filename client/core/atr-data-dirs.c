/* atr-data-dirs.c — where Atrium's own files are: build tree, relocated or installed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "atr-data-dirs-config.h"

#include "atr-data-dirs-private.h"

static const AtrDataConfig config = {
  .build_root = ATR_DATA_BUILD_ROOT,
  .prefix = ATR_DATA_PREFIX,
  .bindir = ATR_DATA_BINDIR,
  .libexecdir = ATR_DATA_HELPER_DIR,
  .pkgdatadir = ATR_DATA_PKGDATADIR,
  .schema_dir = ATR_DATA_SCHEMA_DIR,
  .locale_dir = ATR_DATA_LOCALE_DIR,
  .icon_dir = ATR_DATA_ICON_DIR,
  .build_pkgdatadir = ATR_DATA_BUILD_PKGDATADIR,
  .build_schema_dir = ATR_DATA_BUILD_SCHEMA_DIR,
  .build_locale_dir = ATR_DATA_BUILD_LOCALE_DIR,
  .build_icon_dir = ATR_DATA_BUILD_ICON_DIR,
  .build_helper_dir = ATR_DATA_BUILD_HELPER_DIR,
};

const AtrDataConfig *
_atr_data_dirs_config (void)
{
  return &config;
}

/* @path relative to @dir ("" for @dir itself), or NULL when it is not inside @dir. */
static const char *
relative_to (const char *path,
             const char *dir)
{
  gsize n = strlen (dir);

  while (n > 0 && dir[n - 1] == '/')
    n--;
  if (strncmp (path, dir, n) != 0)
    return NULL;
  if (path[n] == '\0')
    return path + n;
  return path[n] == '/' ? path + n + 1 : NULL;
}

/* The prefix a program in @exe_dir was installed under, if @exe_dir is @install_dir moved
 * with its prefix (…/X/usr/local/bin for /usr/local/bin), else NULL. */
static char *
moved_prefix (const AtrDataConfig *c,
              const char          *exe_dir,
              const char          *install_dir)
{
  const char *rel = relative_to (install_dir, c->prefix);
  gsize exe_len = strlen (exe_dir);
  gsize rel_len;

  if (rel == NULL || *rel == '\0')
    return NULL;
  rel_len = strlen (rel);
  if (exe_len <= rel_len + 1 || exe_dir[exe_len - rel_len - 1] != '/' ||
      strcmp (exe_dir + exe_len - rel_len, rel) != 0)
    return NULL;
  return g_strndup (exe_dir, exe_len - rel_len - 1);
}

static char *
moved (const char *path,
       const char *old_prefix,
       const char *new_prefix)
{
  return g_build_filename (new_prefix, relative_to (path, old_prefix), NULL);
}

AtrDataDirs *
_atr_data_dirs_resolve (const AtrDataConfig *c,
                        const char          *exe)
{
  g_autoptr(AtrDataDirs) dirs = g_new0 (AtrDataDirs, 1);
  g_autofree char *exe_dir = NULL;
  g_autofree char *prefix = NULL;
  const char *paths[] = { c->pkgdatadir, c->schema_dir, c->locale_dir, c->icon_dir,
                          c->libexecdir };

  g_return_val_if_fail (c != NULL, NULL);

  if (exe != NULL && g_path_is_absolute (exe))
    {
      const char *in_build = relative_to (exe, c->build_root);

      if (in_build != NULL && *in_build != '\0')
        {
          dirs->layout = ATR_DATA_LAYOUT_UNINSTALLED;
          dirs->pkgdatadir = g_strdup (c->build_pkgdatadir);
          dirs->schema_dir = g_strdup (c->build_schema_dir);
          dirs->locale_dir = g_strdup (c->build_locale_dir);
          dirs->icon_dir = g_strdup (c->build_icon_dir);
          dirs->helper_dir = g_strdup (c->build_helper_dir);
          return g_steal_pointer (&dirs);
        }

      exe_dir = g_path_get_dirname (exe);
      prefix = moved_prefix (c, exe_dir, c->bindir);
      if (prefix == NULL)
        prefix = moved_prefix (c, exe_dir, c->libexecdir);
      /* Only when every data path lies under the configured prefix can it move with it. */
      for (gsize i = 0; prefix != NULL && i < G_N_ELEMENTS (paths); i++)
        if (relative_to (paths[i], c->prefix) == NULL)
          g_clear_pointer (&prefix, g_free);
      if (prefix != NULL && relative_to (prefix, c->prefix) != NULL &&
          *relative_to (prefix, c->prefix) == '\0')
        g_clear_pointer (&prefix, g_free);
    }

  if (prefix != NULL)
    {
      dirs->layout = ATR_DATA_LAYOUT_RELOCATED;
      dirs->pkgdatadir = moved (c->pkgdatadir, c->prefix, prefix);
      dirs->schema_dir = moved (c->schema_dir, c->prefix, prefix);
      dirs->locale_dir = moved (c->locale_dir, c->prefix, prefix);
      dirs->icon_dir = moved (c->icon_dir, c->prefix, prefix);
      dirs->helper_dir = moved (c->libexecdir, c->prefix, prefix);
      return g_steal_pointer (&dirs);
    }

  dirs->layout = ATR_DATA_LAYOUT_INSTALLED;
  dirs->pkgdatadir = g_strdup (c->pkgdatadir);
  dirs->schema_dir = g_strdup (c->schema_dir);
  dirs->locale_dir = g_strdup (c->locale_dir);
  dirs->icon_dir = g_strdup (c->icon_dir);
  dirs->helper_dir = g_strdup (c->libexecdir);
  return g_steal_pointer (&dirs);
}

void
_atr_data_dirs_free (AtrDataDirs *dirs)
{
  if (dirs == NULL)
    return;
  g_free (dirs->pkgdatadir);
  g_free (dirs->schema_dir);
  g_free (dirs->locale_dir);
  g_free (dirs->icon_dir);
  g_free (dirs->helper_dir);
  g_free (dirs);
}

/* A path with its symbolic links resolved, or a copy when it cannot be (missing). */
static char *
canonical (const char *path)
{
  char buffer[PATH_MAX];

  if (realpath (path, buffer) != NULL)
    return g_strdup (buffer);
  return g_strdup (path);
}

static const AtrDataDirs *
dirs_get (void)
{
  static AtrDataDirs *dirs;

  if (g_once_init_enter (&dirs))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *exe_real = exe != NULL ? canonical (exe) : NULL;
      AtrDataConfig real = config;
      g_autofree char *build_root = canonical (config.build_root);
      AtrDataDirs *resolved;

      real.build_root = build_root;
      resolved = _atr_data_dirs_resolve (&real, exe_real);
      g_debug ("data: %s layout, package data in %s",
               atr_data_dirs_layout_to_string (resolved->layout), resolved->pkgdatadir);
      g_once_init_leave (&dirs, resolved);
    }
  return dirs;
}

AtrDataLayout
atr_data_dirs_get_layout (void)
{
  return dirs_get ()->layout;
}

const char *
atr_data_dirs_layout_to_string (AtrDataLayout layout)
{
  switch (layout)
    {
    case ATR_DATA_LAYOUT_UNINSTALLED:
      return "uninstalled";
    case ATR_DATA_LAYOUT_RELOCATED:
      return "relocated";
    case ATR_DATA_LAYOUT_INSTALLED:
      return "installed";
    default:
      g_return_val_if_reached ("unknown");
    }
}

const char *
atr_data_dirs_get_pkgdatadir (void)
{
  return dirs_get ()->pkgdatadir;
}

/**
 * atr_data_dirs_get_themes_dir:
 *
 * Returns: (transfer full): the bundled themes' folder; $ATR_THEMES_DIR overrides it (read
 *   on every call, so a test can point it elsewhere between cases)
 */
char *
atr_data_dirs_get_themes_dir (void)
{
  const char *env = g_getenv ("ATR_THEMES_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (dirs_get ()->pkgdatadir, "themes", NULL);
}

const char *
atr_data_dirs_get_trusted_pem (void)
{
  static char *path;

  if (g_once_init_enter (&path))
    g_once_init_leave (&path, g_build_filename (dirs_get ()->pkgdatadir, "trusted.pem", NULL));
  return path;
}

const char *
atr_data_dirs_get_schema_dir (void)
{
  return dirs_get ()->schema_dir;
}

const char *
atr_data_dirs_get_locale_dir (void)
{
  return dirs_get ()->locale_dir;
}

const char *
atr_data_dirs_get_icon_dir (void)
{
  return dirs_get ()->icon_dir;
}

const char *
atr_data_dirs_get_helper_dir (void)
{
  return dirs_get ()->helper_dir;
}

GSettingsSchemaSource *
atr_data_dirs_get_schema_source (void)
{
  static gsize done;
  static GSettingsSchemaSource *source;

  if (g_once_init_enter (&done))
    {
      GSettingsSchemaSource *parent = g_settings_schema_source_get_default ();
      g_autoptr(GError) error = NULL;

      if (dirs_get ()->layout != ATR_DATA_LAYOUT_INSTALLED)
        {
          source = g_settings_schema_source_new_from_directory (dirs_get ()->schema_dir,
                                                               parent, FALSE, &error);
          if (source == NULL)
            g_debug ("data: no schemas in %s: %s", dirs_get ()->schema_dir, error->message);
        }
      if (source == NULL && parent != NULL)
        source = g_settings_schema_source_ref (parent);
      g_once_init_leave (&done, 1);
    }
  return source;
}

GSettingsSchema *
atr_data_dirs_lookup_schema (const char  *schema_id,
                             GError     **error)
{
  GSettingsSchemaSource *source = atr_data_dirs_get_schema_source ();
  GSettingsSchema *schema;

  g_return_val_if_fail (schema_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  schema = source != NULL ? g_settings_schema_source_lookup (source, schema_id, TRUE) : NULL;
  if (schema == NULL)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                 "the settings schema %s is not installed: not in %s%s", schema_id,
                 dirs_get ()->schema_dir,
                 dirs_get ()->layout == ATR_DATA_LAYOUT_INSTALLED
                   ? " nor the other system schema folders" : " nor the system's");
  return schema;
}

GSettings *
atr_data_dirs_new_settings (const char       *schema_id,
                            GSettingsBackend *backend)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (schema_id != NULL, NULL);
  g_return_val_if_fail (backend == NULL || G_IS_SETTINGS_BACKEND (backend), NULL);

  schema = atr_data_dirs_lookup_schema (schema_id, &error);
  if (schema == NULL)
    g_error ("%s", error->message);    /* as g_settings_new() does for a missing schema */
  return g_settings_new_full (schema, backend, NULL);
}
