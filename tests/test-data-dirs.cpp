/* test-data-dirs.cpp — where the programs find their own files (client/core/atr-data-dirs.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This test program lies in the build tree, so its answers are the uninstalled ones and must
 * exist there without any environment variable. The layout decision itself is checked as a
 * pure function on made-up paths (build tree, relocated copy, installed, elsewhere).
 */
#include <gtest/gtest.h>

#include "config.h"

#include <cstdarg>
#include <string>

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>

#include "atr-data-dirs-private.h"

namespace {

std::string
path (const char *first, ...)
{
  va_list ap;
  va_start (ap, first);
  g_autofree char *p = g_build_filename_valist (first, &ap);
  va_end (ap);
  return p;
}

bool
exists (const std::string &p)
{
  return g_file_test (p.c_str (), G_FILE_TEST_EXISTS);
}

TEST (DataDirs, TheBuildTreeIsUninstalledAndHoldsEveryFile)
{
  g_unsetenv ("ATR_THEMES_DIR");
  ASSERT_EQ (atr_data_dirs_get_layout (), ATR_DATA_LAYOUT_UNINSTALLED);
  const char *build = _atr_data_dirs_config ()->build_root;

  for (const char *dir : { atr_data_dirs_get_pkgdatadir (), atr_data_dirs_get_schema_dir (),
                           atr_data_dirs_get_locale_dir (), atr_data_dirs_get_icon_dir (),
                           atr_data_dirs_get_helper_dir () })
    EXPECT_EQ (std::string (dir).rfind (build, 0), 0u) << dir << " is not in " << build;

  g_autofree char *themes = atr_data_dirs_get_themes_dir ();
  for (const char *theme : { "default", "harbour", "ironworks" })
    EXPECT_TRUE (exists (path (themes, theme, "theme.json", NULL))) << themes << "/" << theme;
  EXPECT_TRUE (exists (path (themes, "harbour", "logo.svg", NULL)));
  EXPECT_TRUE (exists (atr_data_dirs_get_trusted_pem ())) << atr_data_dirs_get_trusted_pem ();
  EXPECT_TRUE (exists (path (atr_data_dirs_get_schema_dir (), "gschemas.compiled", NULL)));
  for (const char *lang : { "de", "fr" })
    EXPECT_TRUE (exists (path (atr_data_dirs_get_locale_dir (), lang, "LC_MESSAGES",
                               "atrium.mo", NULL))) << lang;
  g_autofree char *icon = g_strconcat (ATR_APP_ID, ".svg", NULL);
  EXPECT_TRUE (exists (path (atr_data_dirs_get_icon_dir (), "hicolor", "scalable", "apps", icon,
                             NULL))) << icon;
  EXPECT_TRUE (exists (path (atr_data_dirs_get_helper_dir (), "atrium-cli-rdp", NULL)));
}

TEST (DataDirs, TheSchemaComesFromTheBuildTreeWithoutGSettingsSchemaDir)
{
  g_unsetenv ("GSETTINGS_SCHEMA_DIR");    /* read once, by the first lookup: not needed */
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettingsSchema) schema = atr_data_dirs_lookup_schema ("org.atrium.Atrium", &error);
  ASSERT_NE (schema, nullptr) << error->message;
  EXPECT_TRUE (g_settings_schema_has_key (schema, "tenants"));

  g_autoptr(GSettingsSchema) none = atr_data_dirs_lookup_schema ("org.atrium.Nothing", &error);
  EXPECT_EQ (none, nullptr);
  ASSERT_NE (error, nullptr);
  EXPECT_NE (std::string (error->message).find (atr_data_dirs_get_schema_dir ()),
             std::string::npos) << error->message;

  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();
  g_autoptr(GSettings) settings = atr_data_dirs_new_settings ("org.atrium.Atrium", backend);
  ASSERT_NE (settings, nullptr);
}

TEST (DataDirs, ThemesDirOverrideIsReadOnEveryCall)
{
  g_setenv ("ATR_THEMES_DIR", "/nonexistent/themes", TRUE);
  g_autofree char *overridden = atr_data_dirs_get_themes_dir ();
  EXPECT_STREQ (overridden, "/nonexistent/themes");
  g_setenv ("ATR_THEMES_DIR", "", TRUE);
  g_autofree char *empty = atr_data_dirs_get_themes_dir ();
  EXPECT_EQ (std::string (empty), path (atr_data_dirs_get_pkgdatadir (), "themes", NULL));
  g_unsetenv ("ATR_THEMES_DIR");
}

/* A configuration like the default one: prefix /usr/local, everything under it. */
const AtrDataConfig made_up = {
  .build_root = "/src/atrium/_build",
  .prefix = "/usr/local",
  .bindir = "/usr/local/bin",
  .libexecdir = "/usr/local/libexec/atrium",
  .pkgdatadir = "/usr/local/share/atrium",
  .schema_dir = "/usr/local/share/glib-2.0/schemas",
  .locale_dir = "/usr/local/share/locale",
  .icon_dir = "/usr/local/share/icons",
  .build_pkgdatadir = "/src/atrium/_build/client/data/atrium",
  .build_schema_dir = "/src/atrium/_build/client",
  .build_locale_dir = "/src/atrium/_build/po",
  .build_icon_dir = "/src/atrium/_build/client/data/icons",
  .build_helper_dir = "/src/atrium/_build/client",
};

TEST (DataDirs, UnderTheBuildRootIsUninstalled)
{
  for (const char *exe : { "/src/atrium/_build/client/atrium",
                           "/src/atrium/_build/tests/test-data-dirs" })
    {
      g_autoptr(AtrDataDirs) d = _atr_data_dirs_resolve (&made_up, exe);
      EXPECT_EQ (d->layout, ATR_DATA_LAYOUT_UNINSTALLED) << exe;
      EXPECT_STREQ (d->pkgdatadir, "/src/atrium/_build/client/data/atrium");
      EXPECT_STREQ (d->schema_dir, "/src/atrium/_build/client");
      EXPECT_STREQ (d->locale_dir, "/src/atrium/_build/po");
      EXPECT_STREQ (d->icon_dir, "/src/atrium/_build/client/data/icons");
      EXPECT_STREQ (d->helper_dir, "/src/atrium/_build/client");
    }
  /* a sibling folder whose name starts like the build root is not inside it */
  g_autoptr(AtrDataDirs) sibling = _atr_data_dirs_resolve (&made_up, "/src/atrium/_build2/atrium");
  EXPECT_EQ (sibling->layout, ATR_DATA_LAYOUT_INSTALLED);
}

TEST (DataDirs, AnInstallMovedWithItsPrefixIsRelocated)
{
  for (const char *exe : { "/tmp/x/usr/local/bin/atrium",
                           "/tmp/x/usr/local/libexec/atrium/atrium-cli-rdp" })
    {
      g_autoptr(AtrDataDirs) d = _atr_data_dirs_resolve (&made_up, exe);
      EXPECT_EQ (d->layout, ATR_DATA_LAYOUT_RELOCATED) << exe;
      EXPECT_STREQ (d->pkgdatadir, "/tmp/x/usr/local/share/atrium");
      EXPECT_STREQ (d->schema_dir, "/tmp/x/usr/local/share/glib-2.0/schemas");
      EXPECT_STREQ (d->locale_dir, "/tmp/x/usr/local/share/locale");
      EXPECT_STREQ (d->icon_dir, "/tmp/x/usr/local/share/icons");
      EXPECT_STREQ (d->helper_dir, "/tmp/x/usr/local/libexec/atrium");
    }
}

TEST (DataDirs, TheConfiguredPlaceOrAnywhereElseIsInstalled)
{
  for (const char *exe : { "/usr/local/bin/atrium", "/usr/local/libexec/atrium/atrium-cli-rdp",
                           "/opt/tools/atrium-cli", "/bin/atrium", "/tmp/x/usr/local/sbin/atrium",
                           "relative/bin/atrium" })
    {
      g_autoptr(AtrDataDirs) d = _atr_data_dirs_resolve (&made_up, exe);
      EXPECT_EQ (d->layout, ATR_DATA_LAYOUT_INSTALLED) << exe;
      EXPECT_STREQ (d->pkgdatadir, "/usr/local/share/atrium") << exe;
      EXPECT_STREQ (d->schema_dir, "/usr/local/share/glib-2.0/schemas");
      EXPECT_STREQ (d->locale_dir, "/usr/local/share/locale");
      EXPECT_STREQ (d->helper_dir, "/usr/local/libexec/atrium");
    }
  g_autoptr(AtrDataDirs) unknown = _atr_data_dirs_resolve (&made_up, NULL);
  EXPECT_EQ (unknown->layout, ATR_DATA_LAYOUT_INSTALLED);
}

TEST (DataDirs, DataOutsideThePrefixCannotMove)
{
  AtrDataConfig c = made_up;
  c.schema_dir = "/usr/share/glib-2.0/schemas";   /* a -Ddatadir outside the prefix */
  g_autoptr(AtrDataDirs) d = _atr_data_dirs_resolve (&c, "/tmp/x/usr/local/bin/atrium");
  EXPECT_EQ (d->layout, ATR_DATA_LAYOUT_INSTALLED);
  EXPECT_STREQ (d->schema_dir, "/usr/share/glib-2.0/schemas");
}

} // namespace
