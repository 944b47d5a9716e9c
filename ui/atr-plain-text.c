/* atr-plain-text.c — text from a tenant or a server reaches widgets as plain text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include "atr-plain-text.h"

/**
 * atr_plain_text_escape:
 *
 * @text with '<', '>', '&' and quotes escaped, for a property that is always markup; ""
 * for NULL.
 */
char *
atr_plain_text_escape (const char *text)
{
  return g_markup_escape_text (text != NULL ? text : "", -1);
}

/**
 * atr_plain_text_status_page:
 * @title: (nullable): plain text; NULL leaves the title as it is
 * @description: (nullable): plain text (escaped: the description is always markup)
 */
void
atr_plain_text_status_page (AdwStatusPage *page,
                            const char    *title,
                            const char    *description)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (ADW_IS_STATUS_PAGE (page));

  /* The title is a plain label in libadwaita 1.2; the description is markup. */
  if (title != NULL)
    adw_status_page_set_title (page, title);
  if (description != NULL)
    escaped = atr_plain_text_escape (description);
  adw_status_page_set_description (page, escaped);
}

/**
 * atr_plain_text_row:
 * @title: (nullable): plain text; NULL leaves the title as it is
 * @subtitle: (nullable): plain text; NULL leaves the subtitle as it is
 *
 * Turns the row's use-markup off (it is TRUE by default) before setting the texts.
 */
void
atr_plain_text_row (AdwActionRow *row,
                    const char   *title,
                    const char   *subtitle)
{
  g_return_if_fail (ADW_IS_ACTION_ROW (row));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (title != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
}

/**
 * atr_plain_text_toast_new:
 *
 * An AdwToast showing @text literally (toast titles are markup in libadwaita 1.2).
 */
AdwToast *
atr_plain_text_toast_new (const char *text)
{
  g_autofree char *escaped = atr_plain_text_escape (text);

  return adw_toast_new (escaped);
}
