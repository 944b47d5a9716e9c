/* atr-launch-dialogs.c — the questions opening a session or a link may ask
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atr-message-dialog.h"
#include "atr-ui.h"

#include "atr-launch-dialogs.h"

AdwMessageDialog *
atr_credentials_dialog_new (GtkWindow  *parent,
                            const char *host,
                            gboolean    gateway,
                            const char *user)
{
  AdwMessageDialog *dialog;
  GtkWidget *box, *user_entry, *password_entry;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (host != NULL, NULL);

  dialog = atr_message_dialog_new (parent, NULL, NULL);
  /* Translators: %s is a computer's or a gateway's host name. */
  adw_message_dialog_format_heading (dialog, gateway ? _("Sign In to the Gateway %s")
                                                     : _("Sign In to %s"), host);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  user_entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (user_entry), _("User name"));
  gtk_editable_set_text (GTK_EDITABLE (user_entry), user ? user : "");
  gtk_entry_set_activates_default (GTK_ENTRY (user_entry), TRUE);
  password_entry = gtk_password_entry_new ();
  g_object_set (password_entry, "placeholder-text", _("Password"), "activates-default", TRUE,
                NULL);
  gtk_box_append (GTK_BOX (box), user_entry);
  gtk_box_append (GTK_BOX (box), password_entry);
  adw_message_dialog_set_extra_child (dialog, box);
  g_object_set_data (G_OBJECT (dialog), "atr-user", user_entry);
  g_object_set_data (G_OBJECT (dialog), "atr-password", password_entry);

  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "connect", _("_Sign In"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "connect", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "connect");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_widget_grab_focus (user != NULL && *user != '\0' ? password_entry : user_entry);
  atr_ui_debug ("credentials asked for %s%s", gateway ? "gateway " : "", host);
  return dialog;
}

void
atr_credentials_dialog_get (AdwMessageDialog  *dialog,
                            char             **user,
                            char             **password)
{
  GtkEditable *user_entry, *password_entry;

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));
  g_return_if_fail (user != NULL && password != NULL);

  user_entry = g_object_get_data (G_OBJECT (dialog), "atr-user");
  password_entry = g_object_get_data (G_OBJECT (dialog), "atr-password");
  *user = g_strstrip (g_strdup (gtk_editable_get_text (user_entry)));
  *password = g_strdup (gtk_editable_get_text (password_entry));
  /* Do not keep the password in the widget longer than needed. */
  gtk_editable_set_text (password_entry, "");
}

/* When the confirmation really has the keyboard (a test must not type before that). */
static void
confirm_active_cb (GtkWindow  *window,
                   GParamSpec *pspec,
                   gpointer    user_data)
{
  if (gtk_window_is_active (window))
    atr_ui_debug ("link confirm active");
}


AdwMessageDialog *
atr_link_dialog_new (GtkWindow     *parent,
                     const char    *domain,
                     const char    *host,
                     const char    *gateway,
                     const char    *publisher,
                     gboolean       international,
                     AtrLinkEffect  effect)
{
  AdwMessageDialog *dialog;
  g_autoptr(GString) body = g_string_new (NULL);
  const char *what;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  switch (effect)
    {
    case ATR_LINK_EFFECT_SUBSCRIBE:
      what = _("Atrium will add this workspace.");
      break;
    case ATR_LINK_EFFECT_CONNECT:
      what = _("Atrium will open a desktop or app of this workspace.");
      break;
    case ATR_LINK_EFFECT_CONNECT_HOST:
    default:
      what = _("Atrium will connect to this computer.");
      break;
    }

  /* Translators: the labels are followed by a domain, a host name and an organisation. */
  if (domain != NULL)
    {
      g_string_append_printf (body, _("Workspace: %s"), domain);
      g_string_append_c (body, '\n');
    }
  if (host != NULL && g_strcmp0 (host, domain) != 0)
    {
      g_string_append_printf (body, _("Computer: %s"), host);
      g_string_append_c (body, '\n');
    }
  if (gateway != NULL)
    {
      g_string_append_printf (body, _("Through the gateway: %s"), gateway);
      g_string_append_c (body, '\n');
    }
  if (publisher != NULL)
    {
      g_string_append_printf (body, _("Publisher: %s"), publisher);
      g_string_append_c (body, '\n');
    }
  if (international)
    {
      g_string_append (body, _("A name above uses letters from outside the basic Latin "
                               "alphabet. Check the form in brackets: it is the address "
                               "Atrium connects to."));
      g_string_append_c (body, '\n');
    }
  g_string_append_c (body, '\n');
  g_string_append (body, what);
  g_string_append_c (body, ' ');
  g_string_append (body, _("Only continue if you expected this link."));

  dialog = atr_message_dialog_new (parent, _("Open a Link From Outside Your Workspaces?"),
                                   NULL);
  /* Plain text: link contents are never parsed as markup. */
  adw_message_dialog_set_body_use_markup (dialog, FALSE);
  adw_message_dialog_set_body (dialog, body->str);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "open", _("_Open"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "open", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  atr_ui_debug ("link confirm domain=%s host=%s gateway=%s publisher=%s international=%d "
                "effect=%d", domain ? domain : "-", host ? host : "-", gateway ? gateway : "-",
                publisher ? publisher : "-", international, effect);
  g_signal_connect (dialog, "notify::is-active", G_CALLBACK (confirm_active_cb), NULL);
  return dialog;
}
