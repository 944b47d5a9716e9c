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

/* Wider than this a toast wraps (about 60 characters: a readable line). */
#define TOAST_MAX_CHARS 60
#define TOAST_MIN_CHARS 16
/* What a toast draws around its title: its margins and padding, the close button. */
#define TOAST_CHROME_PX 112
/* A long message stays up a moment longer than the default 5 s, to be read to the end. */
#define TOAST_LONG_CHARS 80
#define TOAST_LONG_TIMEOUT_S 10

/* How many characters fit on a line of @label in a toast over @within: AdwToastOverlay
 * gives a toast its natural width, however narrow the window, so the line is made to fit. */
static int
toast_line_chars (GtkWidget *label,
                  GtkWidget *within)
{
  PangoContext *context = gtk_widget_get_pango_context (label);
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int char_px = pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;
  int width = within != NULL ? gtk_widget_get_width (within) : 0;

  pango_font_metrics_unref (metrics);
  if (width <= 0 || char_px <= 0)
    return TOAST_MAX_CHARS;
  return CLAMP ((width - TOAST_CHROME_PX) / char_px, TOAST_MIN_CHARS, TOAST_MAX_CHARS);
}

/**
 * atr_plain_text_toast_new:
 * @text: plain text
 * @within: (nullable): the toast overlay, whose width the toast must fit in
 *
 * An AdwToast showing @text literally (toast titles are markup in libadwaita 1.2), in full:
 * libadwaita's own title label ends in "…" where the window is narrower than the text,
 * which cut a session failure's reason at 800 px (#14). The custom title, a plain-text
 * label, wraps instead, in lines that fit @within (libadwaita then clears AdwToast:title).
 */
AdwToast *
atr_plain_text_toast_new (const char *text,
                          GtkWidget  *within)
{
  AdwToast *toast = adw_toast_new ("");
  GtkWidget *label = gtk_label_new (text != NULL ? text : "");

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "heading");
  gtk_label_set_max_width_chars (GTK_LABEL (label), toast_line_chars (label, within));
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  adw_toast_set_custom_title (toast, label);
  if (text != NULL && g_utf8_strlen (text, -1) > TOAST_LONG_CHARS)
    adw_toast_set_timeout (toast, TOAST_LONG_TIMEOUT_S);
  return toast;
}
