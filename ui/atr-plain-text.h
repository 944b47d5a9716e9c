/* atr-plain-text.h — text from a tenant or a server reaches widgets as plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Several libadwaita 1.2 widgets parse what they are given as Pango markup: an
 * AdwStatusPage's description, an AdwPreferencesRow's title and an AdwActionRow's subtitle
 * (use-markup defaults to TRUE), an AdwToast's title. A reason phrase such as
 * "<a href='file:///etc/'>" would become a clickable link there, which on a kiosk hands a
 * URI to another program. Every such widget is fed through these functions: rows get
 * use-markup off, the others get escaped text.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

char     *atr_plain_text_escape          (const char    *text);
void      atr_plain_text_status_page     (AdwStatusPage *page,
                                          const char    *title,
                                          const char    *description);
void      atr_plain_text_row             (AdwActionRow  *row,
                                          const char    *title,
                                          const char    *subtitle);
AdwToast *atr_plain_text_toast_new       (const char    *text,
                                          GtkWidget     *within);

G_END_DECLS
