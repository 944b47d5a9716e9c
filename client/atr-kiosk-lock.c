/* atr-kiosk-lock.c — GTK helpers of kiosk mode: actions, accelerators, fullscreen, screens
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-kiosk-policy.h"
#include "atr-plain-text.h"
#include "atr-ui.h"

#include "atr-kiosk-lock.h"

#define FULLSCREEN_WATCHED_KEY "atr-kiosk-fullscreen-watched"

static void
credentials_cleared_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GTask *task = user_data;
  GError *error = NULL;

  if (atr_credential_store_clear_finish (ATR_CREDENTIAL_STORE (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

void
atr_kiosk_lock_forget_secrets (const char *tenant_id,
                               GTask      *task,
                               gpointer    user_data)
{
  atr_credential_store_clear_async (ATR_CREDENTIAL_STORE (user_data), tenant_id, g_task_get_cancellable (task),
                                    credentials_cleared_cb, task);
}

static gboolean
widget_has_action (GtkWidget  *widget,
                   const char *name)
{
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (widget);
  const GVariantType *parameter_type;
  const char *property;
  const char *action;
  GType owner;

  for (guint i = 0;
       gtk_widget_class_query_action (klass, i, &owner, &action, &parameter_type, &property);
       i++)
    if (g_str_equal (action, name))
      return TRUE;
  return FALSE;
}

/* Enables or disables the policy's actions on the application (app.*) and, with @widget,
 * the widget's class actions (win.*, session.*). Names that do not exist are skipped. */
void
atr_kiosk_lock_set_actions_enabled (GtkApplication *application,
                                    GtkWidget      *widget,
                                    gboolean        enabled)
{
  const char * const *names = atr_kiosk_policy_get_disabled_actions ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (widget != NULL)
        {
          if (widget_has_action (widget, names[i]))
            gtk_widget_action_set_enabled (widget, names[i], enabled);
        }
      else if (g_str_has_prefix (names[i], "app."))
        {
          GAction *action = g_action_map_lookup_action (G_ACTION_MAP (application),
                                                        names[i] + 4);

          if (G_IS_SIMPLE_ACTION (action))
            g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
        }
    }
}

void
atr_kiosk_lock_remove_accels (GtkApplication *application,
                              GHashTable     *saved)
{
  const char * const *names = atr_kiosk_policy_get_disabled_actions ();
  const char *none[] = { NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      char **accels = gtk_application_get_accels_for_action (application, names[i]);

      if (accels == NULL || accels[0] == NULL)
        {
          g_strfreev (accels);
          continue;
        }
      g_hash_table_replace (saved, g_strdup (names[i]), accels);
      gtk_application_set_accels_for_action (application, names[i], none);
    }
}

void
atr_kiosk_lock_restore_accels (GtkApplication *application,
                               GHashTable     *saved)
{
  GHashTableIter iter;
  gpointer name, accels;

  g_hash_table_iter_init (&iter, saved);
  while (g_hash_table_iter_next (&iter, &name, &accels))
    gtk_application_set_accels_for_action (application, name,
                                           (const char * const *) accels);
  g_hash_table_remove_all (saved);
}


/* Without a window manager (a bare X server, docs/kiosk.md) nobody honours the fullscreen
 * request, so the window also asks for the size of the monitor it will be on. */
void
atr_kiosk_lock_show_window_controls (GdkDisplay *display,
                                     gboolean    shown)
{
  GtkSettings *settings;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  settings = gtk_settings_get_for_display (display);
  if (shown)
    {
      /* Back to the desktop's own layout (XSETTINGS or GTK's default). */
      gtk_settings_reset_property (settings, "gtk-decoration-layout");
      return;
    }
  /* ":" — nothing before or after the title: no close, minimize or maximize button in any
   * header bar of the app (window buttons are a way out of a kiosk). */
  g_object_set (settings, "gtk-decoration-layout", ":", NULL);
}

/* The state the window system granted (X11 window manager or Wayland compositor), for the
 * UI tests: "kiosk fullscreen on|off". */
static void
fullscreened_cb (GtkWindow *window)
{
  atr_ui_debug ("kiosk fullscreen %s", gtk_window_is_fullscreen (window) ? "on" : "off");
}

void
atr_kiosk_lock_fill_monitor (GtkWindow *window)
{
  GdkDisplay *display;
  GListModel *monitors;
  g_autoptr(GdkMonitor) monitor = NULL;
  GdkRectangle area = { 0, 0, 0, 0 };

  g_return_if_fail (GTK_IS_WINDOW (window));

  display = gtk_widget_get_display (GTK_WIDGET (window));
  monitors = gdk_display_get_monitors (display);
  if (g_list_model_get_n_items (monitors) > 0)
    monitor = g_list_model_get_item (monitors, 0);
  if (g_object_get_data (G_OBJECT (window), FULLSCREEN_WATCHED_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (window), FULLSCREEN_WATCHED_KEY, GINT_TO_POINTER (1));
      g_signal_connect (window, "notify::fullscreened", G_CALLBACK (fullscreened_cb), NULL);
    }
  gtk_window_fullscreen (window);
  atr_kiosk_lock_show_window_controls (display, FALSE);
  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  /* A Wayland output whose mode has not been announced yet reads 0x0; the compositor
   * (cage) sizes a fullscreen window itself, so keep GTK's default then. */
  if (area.width <= 0 || area.height <= 0)
    return;
  gtk_window_set_default_size (window, area.width, area.height);
}


GtkWidget *
atr_kiosk_lock_status_page_new (const char *title,
                                const char *message,
                                const char *retry_label,
                                GCallback   retry_cb,
                                gpointer    retry_data)
{
  GtkWidget *page;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (message != NULL, NULL);

  page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "dialog-error-symbolic");
  /* Plain text: the message names the configuration file, group and key. */
  atr_plain_text_status_page (ADW_STATUS_PAGE (page), title, message);
  if (retry_label != NULL)
    {
      GtkWidget *button = gtk_button_new_with_mnemonic (retry_label);

      gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "suggested-action");
      g_signal_connect_swapped (button, "clicked", retry_cb, retry_data);
      adw_status_page_set_child (ADW_STATUS_PAGE (page), button);
    }
  return page;
}

/* GTK 4.8's GtkPasswordEntry does not disconnect its handler on its inner text's
 * "notify::has-focus" when disposed, and the window keeps a reference to that text as its
 * focus widget: destroying the prompt with the focus in the entry ran the handler on the
 * finalized entry (a crash after each answer). Dropping the focus first avoids that. */
static gboolean
pin_close_request_cb (GtkWindow *dialog)
{
  gtk_window_set_focus (dialog, NULL);
  return FALSE;
}

GtkWidget *
atr_kiosk_lock_pin_dialog_new (GtkWindow *parent,
                               int        wait_seconds)
{
  GtkWidget *dialog;
  GtkWidget *entry;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);

  dialog = adw_message_dialog_new (parent, _("Administrator Exit"), NULL);
  entry = gtk_password_entry_new ();
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "unlock", _("_Unlock"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  if (wait_seconds > 0)
    {
      g_autofree char *body = g_strdup_printf (ngettext ("Wrong PIN. Try again in %d second.",
                                                         "Wrong PIN. Try again in %d seconds.",
                                                         (gulong) wait_seconds),
                                               wait_seconds);

      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
      gtk_widget_set_sensitive (entry, FALSE);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "unlock", FALSE);
    }
  else
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), _("Enter the exit PIN."));
  /* Return activates the default response, "unlock", as a click on its button would (the
   * dialog then closes itself, not from inside the entry's own "activate" emission). A
   * locked prompt's disabled button does nothing. */
  g_object_set (entry, "activates-default", TRUE, NULL);
  g_signal_connect (dialog, "close-request", G_CALLBACK (pin_close_request_cb), NULL);
  return dialog;
}
