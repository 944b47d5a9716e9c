/* atr-message-dialog.h — AdwMessageDialog, safe with a long heading on every libadwaita
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* adw_message_dialog_new() (heading and body may be NULL), with libadwaita 1.6 and 1.7's
 * long-heading bug worked around: there, a heading wider than the dialog (a long workspace
 * name, "Open a Link From Outside Your Workspaces?") makes GTK warn "Trying to measure
 * GtkLabel … for width of 324, but it needs at least 457" each time the dialog is laid out
 * (libadwaita issue 1025, fixed in 1.8). Every message dialog of ui/ is made here. */
AdwMessageDialog *atr_message_dialog_new (GtkWindow  *parent,
                                          const char *heading,
                                          const char *body);

G_END_DECLS
