/* atr-sign-in-page.c — the tenant's branded sign-in: logo, hint, pre-logon message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atr-theme-manager.h"
#include "atr-ui.h"
#include "atr-ui-text.h"

#include "atr-sign-in-page.h"

struct _AtrSignInPage
{
  AdwBin           parent_instance;

  GtkPicture      *logo;
  GtkLabel        *title;
  GtkLabel        *welcome;
  GtkLabel        *pre_logon;
  AdwEntryRow     *user_row;
  AdwEntryRow     *password_row;
  GtkLabel        *hint;
  GtkCheckButton  *remember;
  GtkLabel        *error_label;
  GtkSpinner      *spinner;
  GtkWidget       *submit_button;
  GtkLabel        *support;
  GtkLinkButton   *password_reset;

  AtrWorkspace    *workspace;
  gboolean         links_blocked;  /* kiosk: nothing is handed to a browser */
};

G_DEFINE_FINAL_TYPE (AtrSignInPage, atr_sign_in_page, ADW_TYPE_BIN)

enum {
  SIGNAL_SUBMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_text (GtkLabel   *label,
          const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
update_branding (AtrSignInPage *self)
{
  AtrThemeManager *manager = atr_theme_manager_get_default ();
  AtrTheme *theme = atr_theme_manager_get_theme (manager);
  GdkPaintable *logo = atr_theme_manager_get_logo (manager);
  const char *title = atr_theme_manager_get_text (manager, ATR_THEME_TEXT_TITLE);
  const char *reset = theme ? atr_theme_get_link (theme, ATR_THEME_LINK_PASSWORD_RESET) : NULL;

  gtk_picture_set_paintable (self->logo, logo);
  gtk_widget_set_visible (GTK_WIDGET (self->logo), logo != NULL);

  /* The theme's title, else the manifest's display name, else the domain. */
  if (title == NULL && self->workspace != NULL)
    title = atr_workspace_get_display_name (self->workspace);
  set_text (self->title, title);
  set_text (self->welcome, atr_theme_manager_get_text (manager, ATR_THEME_TEXT_WELCOME));
  set_text (self->pre_logon, atr_theme_manager_get_text (manager, ATR_THEME_TEXT_PRE_LOGON_MESSAGE));
  set_text (self->hint, atr_theme_manager_get_text (manager, ATR_THEME_TEXT_LOGIN_HINT));
  set_text (self->support, atr_theme_manager_get_text (manager, ATR_THEME_TEXT_SUPPORT));

  gtk_widget_set_visible (GTK_WIDGET (self->password_reset),
                          reset != NULL && !self->links_blocked);
  gtk_link_button_set_uri (self->password_reset,
                           reset != NULL && !self->links_blocked ? reset : "");
  atr_ui_debug ("sign-in links password-reset=%s",
                reset != NULL && !self->links_blocked ? "shown" : "hidden");
}

/* GtkLinkButton's activate-link: TRUE stops GTK from handing the URI to the browser. */
static gboolean
activate_link_cb (AtrSignInPage *self)
{
  if (self->links_blocked)
    atr_ui_debug ("sign-in link blocked");
  return self->links_blocked;
}

static void
user_activated_cb (AtrSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
submit_cb (AtrSignInPage *self)
{
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  g_autofree char *user_copy = NULL;
  char *password;

  if (*user == '\0')
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
      return;
    }

  user_copy = g_strstrip (g_strdup (user));
  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));
  /* Do not keep the password in the widget longer than needed. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  g_signal_emit (self, signals[SIGNAL_SUBMIT], 0, user_copy, password,
                 gtk_check_button_get_active (self->remember));
  explicit_bzero (password, strlen (password));
  g_free (password);
}

static void
atr_sign_in_page_dispose (GObject *object)
{
  AtrSignInPage *self = ATR_SIGN_IN_PAGE (object);

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_clear_object (&self->workspace);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATR_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (atr_sign_in_page_parent_class)->dispose (object);
}

static void
atr_sign_in_page_class_init (AtrSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atr_sign_in_page_dispose;

  signals[SIGNAL_SUBMIT] =
    g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/atrium/Atrium/ui/atr-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, logo);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, title);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, welcome);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, pre_logon);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, hint);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, remember);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, support);
  gtk_widget_class_bind_template_child (widget_class, AtrSignInPage, password_reset);
  gtk_widget_class_bind_template_callback (widget_class, user_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
}

static void
atr_sign_in_page_init (AtrSignInPage *self)
{
  AtrThemeManager *manager = atr_theme_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->password_reset, "activate-link", G_CALLBACK (activate_link_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::theme", G_CALLBACK (update_branding), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::logo", G_CALLBACK (update_branding), self,
                           G_CONNECT_SWAPPED);
  update_branding (self);
}

void
atr_sign_in_page_set_workspace (AtrSignInPage *self,
                                AtrWorkspace  *workspace)
{
  g_return_if_fail (ATR_IS_SIGN_IN_PAGE (self));
  g_return_if_fail (workspace == NULL || ATR_IS_WORKSPACE (workspace));

  if (self->workspace != NULL)
    g_signal_handlers_disconnect_by_data (self->workspace, self);
  g_set_object (&self->workspace, workspace);
  if (workspace != NULL)
    g_signal_connect_object (workspace, "notify::manifest", G_CALLBACK (update_branding), self,
                             G_CONNECT_SWAPPED);
  update_branding (self);
}

void
atr_sign_in_page_prepare (AtrSignInPage *self,
                          const char    *user,
                          const GError  *error)
{
  g_return_if_fail (ATR_IS_SIGN_IN_PAGE (self));

  atr_sign_in_page_set_busy (self, FALSE);
  if (user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
  if (error != NULL)
    {
      g_autofree char *title = atr_ui_error_title (error);

      gtk_label_set_text (self->error_label, title);
      atr_ui_debug ("sign-in error: %s | %s", title, error->message);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->error_label), error->message);
    }

  /* After a refused attempt the user name is usually right: go straight to the password. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->user_row)) != '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
}

void
atr_sign_in_page_set_busy (AtrSignInPage *self,
                           gboolean       busy)
{
  g_return_if_fail (ATR_IS_SIGN_IN_PAGE (self));

  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (self->submit_button, !busy);
}

/**
 * atr_sign_in_page_set_links_allowed:
 * @allowed: FALSE in kiosk mode
 *
 * Hides the theme's password-reset link and refuses to open it: a browser on a locked thin
 * client is a way out of the kiosk.
 */
void
atr_sign_in_page_set_links_allowed (AtrSignInPage *self,
                                    gboolean       allowed)
{
  g_return_if_fail (ATR_IS_SIGN_IN_PAGE (self));

  if (self->links_blocked == !allowed)
    return;
  self->links_blocked = !allowed;
  update_branding (self);
}
