/* atr-ui.h — set up ui/ once per process (its GResource: templates and style.css)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the /org/atrium/Atrium resources. Call before creating any ui/ widget. */
void atr_ui_init (void);

G_END_DECLS
