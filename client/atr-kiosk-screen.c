/* atr-kiosk-screen.c — the kiosk's branded "reconnecting" screen
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-plain-text.h"
#include "atr-theme-manager.h"

#include "atr-kiosk-screen.h"

struct _AtrKioskScreen
{
  AdwApplicationWindow parent_instance;

  GtkWidget           *status;   /* AdwStatusPage */
};

G_DEFINE_FINAL_TYPE (AtrKioskScreen, atr_kiosk_screen, ADW_TYPE_APPLICATION_WINDOW)

static void
atr_kiosk_screen_class_init (AtrKioskScreenClass *klass)
{
}

static void
atr_kiosk_screen_init (AtrKioskScreen *self)
{
  GtkWidget *spinner = gtk_spinner_new ();

  self->status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), "network-wired-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), _("Reconnecting…"));
  gtk_widget_set_vexpand (self->status, TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_spinner_start (GTK_SPINNER (spinner));
  adw_status_page_set_child (ADW_STATUS_PAGE (self->status), spinner);
}

AtrKioskScreen *
atr_kiosk_screen_new (GtkApplication *application,
                      const char     *title,
                      const char     *subtitle)
{
  AtrKioskScreen *self;
  GtkWidget *box;
  GtkWidget *header;
  GdkPaintable *logo;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (title != NULL, NULL);

  self = g_object_new (ATR_TYPE_KIOSK_SCREEN, "application", application, "title", title,
                       NULL);
  header = adw_header_bar_new ();
  adw_header_bar_set_show_start_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (title, subtitle ? subtitle : ""));
  logo = atr_theme_manager_get_logo (atr_theme_manager_get_default ());
  if (logo != NULL)
    {
      /* The tenant's logo where the main window shows it: the user knows whose screen
       * this is while the session is away. */
      GtkWidget *picture = gtk_picture_new_for_paintable (logo);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
      gtk_widget_set_size_request (picture, 112, 28);
      gtk_widget_add_css_class (picture, "tenant-logo");
      adw_header_bar_pack_start (ADW_HEADER_BAR (header), picture);
    }
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), self->status);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), box);
  atr_kiosk_screen_show_engine (self);
  return self;
}

void
atr_kiosk_screen_show_engine (AtrKioskScreen *self)
{
  g_return_if_fail (ATR_IS_KIOSK_SCREEN (self));

  atr_plain_text_status_page (ADW_STATUS_PAGE (self->status), NULL,
                              _("The connection dropped. Trying to get it back…"));
}

void
atr_kiosk_screen_show_trying (AtrKioskScreen *self,
                              guint           attempt)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ATR_IS_KIOSK_SCREEN (self));

  /* Translators: %u is the number of the attempt (1, 2, 3 …). */
  text = g_strdup_printf (_("Attempt %u: connecting…"), attempt);
  atr_plain_text_status_page (ADW_STATUS_PAGE (self->status), NULL, text);
}

void
atr_kiosk_screen_show_wait (AtrKioskScreen *self,
                            guint           attempt,
                            guint           seconds)
{
  g_autofree char *text = NULL;

  g_return_if_fail (ATR_IS_KIOSK_SCREEN (self));

  /* Translators: the first %u is the number of the attempt, the second seconds. */
  text = g_strdup_printf (ngettext ("Attempt %u starts in %u second.",
                                    "Attempt %u starts in %u seconds.", seconds),
                          attempt, seconds);
  atr_plain_text_status_page (ADW_STATUS_PAGE (self->status), NULL, text);
}
