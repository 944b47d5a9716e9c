/* atr-ui.c — set up ui/ once per process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <stdio.h>

#include "atr-ui-resources.h"

#include "atr-ui.h"

void
atr_ui_init (void)
{
  static gsize initialized;

  /* Registered explicitly: a constructor in a static library is dropped by the linker. */
  if (g_once_init_enter (&initialized))
    {
      atr_ui_register_resource ();
      g_once_init_leave (&initialized, 1);
    }
}

void
atr_ui_debug (const char *format,
              ...)
{
  static int enabled = -1;
  g_autofree char *text = NULL;
  va_list args;

  if (enabled < 0)
    enabled = g_strcmp0 (g_getenv ("ATR_DEBUG_UI"), "1") == 0;
  if (!enabled)
    return;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "atr-ui: %s\n", text);
  fflush (stderr);
}
