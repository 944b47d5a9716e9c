/* atr-ui.c — set up ui/ once per process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

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
