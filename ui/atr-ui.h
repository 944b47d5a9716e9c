/* atr-ui.h — set up ui/ once per process (its GResource: templates and style.css)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Registers the /org/atrium/Atrium resources. Call before creating any ui/ widget. */
void atr_ui_init  (void);

/* With ATR_DEBUG_UI=1, prints "atr-ui: <text>" to stderr: what the UI shows (pages, states,
 * errors), for the UI tests. Never pass secrets. */
void atr_ui_debug (const char *format,
                   ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
