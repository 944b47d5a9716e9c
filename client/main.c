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
#include "atr-renderer.h"

/* Runs after GtkApplication's startup opened the display, before any window exists. */
static void
startup_cb (GApplication *app,
            gpointer      data)
{
  atr_renderer_apply_for_display (gdk_display_get_default ());
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AtrApplication) app = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  gboolean renderer_decided;

  setlocale (LC_ALL, "");
  /* The build tree's, a relocated copy's or the configured folders (atr-data-dirs.h). */
  bindtextdomain (GETTEXT_PACKAGE, atr_data_dirs_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* The renderer, by looking (ui/atr-renderer.c): GTK's GL renderer on a real GPU, cairo
   * where GL is software (llvmpipe) or absent, because there GL costs ~490 ms and ~97 MiB
   * more at start-up and re-presents the whole window on every frame (TOOLCHAIN.md). With no
   * GPU device node at all this is settled here, before GTK opens the display, and GL is
   * switched off too (GDK 4.8 would otherwise load Mesa and LLVM for nothing); with one, GL
   * is probed once the display is open, before the first window is realized (startup_cb).
   * An explicit GSK_RENDERER or GDK_DEBUG from the user is left alone. */
  renderer_decided = atr_renderer_apply_early ("/dev");

  /* A missing schema is an installation fault: say where it was looked for, then stop. */
  schema = atr_data_dirs_lookup_schema (ATR_SETTINGS_SCHEMA, &error);
  if (schema == NULL)
    {
      g_printerr ("atrium: %s\n", error->message);
      return 1;
    }

  app = atr_application_new ();
  if (!renderer_decided)
    g_signal_connect (app, "startup", G_CALLBACK (startup_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
