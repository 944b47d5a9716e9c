/* atr-a11y.h — accessible names GTK 4.8 does not give by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void atr_a11y_name_controls         (GtkWidget   *root);
void atr_a11y_name_drop_down_items (GtkDropDown *drop_down);

G_END_DECLS
