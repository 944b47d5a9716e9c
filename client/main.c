/* main.c — atrium, the desktop program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "atr-data-dirs.h"

#include "atr-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AtrApplication) app = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  /* The build tree's, a relocated copy's or the configured folders (atr-data-dirs.h). */
  bindtextdomain (GETTEXT_PACKAGE, atr_data_dirs_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Thin clients rarely have a GPU: under software GL (llvmpipe) GTK 4.8's GL renderer
   * costs ~490 ms more start-up and ~97 MiB more memory than the cairo renderer, and it
   * repaints the whole window every frame (TOOLCHAIN.md). Cairo unless the user says
   * otherwise with GSK_RENDERER=gl. GDK 4.8 still loads Mesa and LLVM at start-up for
   * the cairo renderer (about 200 ms and 60 MiB); with cairo chosen here, GL is switched
   * off too (tests/bench/bench-startup.sh: about 120 → 70 MiB, window mapped ~40 % sooner).
   * An explicit GSK_RENDERER or GDK_DEBUG from the user is left alone. */
  if (g_getenv ("GSK_RENDERER") == NULL)
    {
      g_setenv ("GSK_RENDERER", "cairo", TRUE);
      g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
    }

  /* A missing schema is an installation fault: say where it was looked for, then stop. */
  schema = atr_data_dirs_lookup_schema (ATR_SETTINGS_SCHEMA, &error);
  if (schema == NULL)
    {
      g_printerr ("atrium: %s\n", error->message);
      return 1;
    }

  app = atr_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
