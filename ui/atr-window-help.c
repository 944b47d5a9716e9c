/* atr-window-help.c — "Get Help": the tenant's help desk in the browser, or, with no browser
 * to hand it to, a message that shows the help link and the help desk's words (a phone
 * number) as text the user can select and copy, instead of GIO's "Operation not supported".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-message-dialog.h"
#include "atr-ui.h"

#include "atr-window-private.h"

/* A selectable label: the tenant's words as plain text (never markup). */
static GtkWidget *
selectable_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  return label;
}

static void
show_help_message (GtkWindow  *parent,
                   const char *link,
                   const char *support)
{
  AdwMessageDialog *dialog;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  dialog = atr_message_dialog_new (parent, _("Get Help"), NULL);
  adw_message_dialog_set_body (dialog, _("No web browser could be opened. Your help desk "
                                         "can be reached here:"));
  if (support != NULL && *support != '\0')
    gtk_box_append (GTK_BOX (box), selectable_label (support));
  gtk_box_append (GTK_BOX (box), selectable_label (link));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");
  atr_ui_debug ("help message link=%s support=%s", link, support ? support : "");
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  char *link;
  char *support;
} Help;

static void
help_free (Help *help)
{
  g_free (help->link);
  g_free (help->support);
  g_free (help);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Help, help_free)

static void
shown_cb (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(Help) help = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (GTK_WINDOW (source), res, &error))
    {
      atr_ui_debug ("help opened %s", help->link);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_debug ("Get Help: %s: %s", help->link, error->message);
  show_help_message (GTK_WINDOW (source), help->link, help->support);
}

/* Opens @link (https, checked by themes/) in the browser; @support (nullable) is the help
 * desk's text, shown beside the link when no browser can be opened. */
void
_atr_window_get_help (AtrWindow  *self,
                      const char *link,
                      const char *support)
{
  Help *help = g_new0 (Help, 1);

  g_return_if_fail (ATR_IS_WINDOW (self));
  g_return_if_fail (link != NULL);

  help->link = g_strdup (link);
  help->support = g_strdup (support);
  gtk_show_uri_full (GTK_WINDOW (self), link, GDK_CURRENT_TIME, NULL, shown_cb, help);
}
