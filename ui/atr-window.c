/* atr-window.c — the main window: tenant switcher, enrolment, sign-in, resources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atr-a11y.h"
#include "atr-enrol-page.h"
#include "atr-message-dialog.h"
#include "atr-plain-text.h"
#include "atr-resources-page.h"
#include "atr-sign-in-page.h"
#include "atr-tenant-registry.h"
#include "atr-theme-manager.h"
#include "atr-ui.h"
#include "atr-workspace.h"

#include "atr-window-private.h"

struct _AtrWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toasts;
  GtkPicture           *header_logo;
  GtkDropDown          *tenant_dropdown;
  GtkSpinner           *busy_spinner;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AtrEnrolPage         *enrol_page;
  AtrSignInPage        *sign_in_page;
  AtrResourcesPage     *resources_page;

  GSettings            *settings;
  AtrTrustStore        *trust;
  AtrCredentialStore   *credentials;
  GCancellable         *cancellable;

  GPtrArray            *workspaces;     /* AtrWorkspace, in switcher order */
  GtkStringList        *tenant_names;
  AtrWorkspace         *current;
  gboolean              switching;
  gboolean              locked;      /* kiosk: the one tenant stays */
  gboolean              sign_out_enabled;
};

G_DEFINE_FINAL_TYPE (AtrWindow, atr_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  SIGNAL_ACTIVATE_RESOURCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void select_workspace (AtrWindow *self, AtrWorkspace *workspace);
static void update_title (AtrWindow *self);

/* Sign Out is offered only where there is something to sign out of (#14). */
static void
update_sign_out (AtrWindow *self,
                 gboolean   enabled)
{
  if (enabled == self->sign_out_enabled)
    return;
  self->sign_out_enabled = enabled;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", enabled);
  atr_ui_debug ("action win.sign-out %s", enabled ? "enabled" : "disabled");
}

static void
update_actions (AtrWindow *self)
{
  gboolean have = self->current != NULL;
  gboolean enrolling = g_str_equal (gtk_stack_get_visible_child_name (self->stack), "enrol");
  gboolean switcher = self->workspaces->len > 1 && !enrolling && !self->locked;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", have && !enrolling);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", have && !enrolling);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-in", have && !enrolling);
  update_sign_out (self, have && !enrolling && atr_workspace_needs_account (self->current));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.remove-tenant",
                                 have && !enrolling && !self->locked);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-enrolment",
                                 have && !self->locked);
  if (switcher != gtk_widget_get_visible (GTK_WIDGET (self->tenant_dropdown)))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->tenant_dropdown), switcher);
      update_title (self);
    }
}

static void
show_page (AtrWindow  *self,
           const char *name)
{
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), name))
    atr_ui_debug ("page %s", name);
  gtk_stack_set_visible_child_name (self->stack, name);
  update_actions (self);
}

static void
update_title (AtrWindow *self)
{
  const char *title = atr_theme_manager_get_text (atr_theme_manager_get_default (),
                                                  ATR_THEME_TEXT_TITLE);
  const char *publisher = NULL;

  /* While enrolling, the header is the candidate's (or Atrium's) alone: nothing of the
   * current workspace, another tenant, may be mixed into it. */
  if (self->current != NULL && !g_str_equal (gtk_stack_get_visible_child_name (self->stack),
                                             "enrol"))
    {
      publisher = atr_workspace_get_publisher (self->current);
      if (title == NULL)
        title = atr_workspace_get_display_name (self->current);
    }
  if (title == NULL)
    title = _("Atrium");
  if (g_strcmp0 (publisher, title) == 0)
    publisher = NULL;
  /* The switcher, when shown, reads the workspace's name: the header says it once. */
  if (self->current != NULL && gtk_widget_get_visible (GTK_WIDGET (self->tenant_dropdown)))
    {
      title = "";
      publisher = NULL;
    }
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, publisher);
  atr_ui_debug ("header title=%s subtitle=%s", title, publisher ? publisher : "");
}

static void
update_logo (AtrWindow *self)
{
  AtrThemeManager *manager = atr_theme_manager_get_default ();
  GdkPaintable *logo = atr_theme_manager_get_logo (manager);
  const char *name = atr_theme_manager_get_text (manager, ATR_THEME_TEXT_TITLE);

  /* A screen reader names the logo after its tenant. */
  if (name == NULL && self->current != NULL)
    name = atr_workspace_get_display_name (self->current);
  if (name != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->header_logo),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_picture_set_paintable (self->header_logo, logo);
  gtk_widget_set_visible (GTK_WIDGET (self->header_logo), logo != NULL);
}

static const char *
support_link (AtrWindow *self)
{
  AtrTheme *theme = self->current ? atr_workspace_get_theme (self->current) : NULL;

  return theme ? atr_theme_get_link (theme, ATR_THEME_LINK_SUPPORT) : NULL;
}

/* The tenant's own help desk, where users look for help (https only: themes/ checks). It
 * opens the desktop's browser, so never in kiosk mode (also in atr-kiosk-policy.c's list). */
static void
update_support (AtrWindow *self)
{
  gboolean enabled = support_link (self) != NULL && !self->locked;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.support", enabled);
  atr_ui_debug ("action win.support %s", enabled ? "enabled" : "disabled");
}

static void
apply_theme (AtrWindow *self)
{
  AtrWorkspace *current = self->current;

  /* The enrol page shows the candidate's brand: the current workspace's theme, reloaded in
   * the background, must not replace it (enrolment's end applies it again). */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "enrol"))
    return;
  atr_theme_manager_set_theme_with_logos (atr_theme_manager_get_default (),
                                          current ? atr_workspace_get_theme (current) : NULL,
                                          current ? atr_workspace_get_logo (current, ATR_THEME_VARIANT_LIGHT) : NULL,
                                          current ? atr_workspace_get_logo (current, ATR_THEME_VARIANT_DARK) : NULL);
  update_support (self);
  update_title (self);
}

/* Shows the page the current workspace's state asks for. */
static void
sync_page (AtrWindow *self)
{
  AtrWorkspaceState state;

  if (self->current == NULL)
    return;

  state = atr_workspace_get_state (self->current);
  if (state == ATR_WORKSPACE_STATE_NEEDS_SIGN_IN)
    {
      /* The first request without credentials is not a failure worth a red line. */
      const GError *error = atr_workspace_has_credentials (self->current)
                            ? atr_workspace_get_error (self->current) : NULL;

      atr_sign_in_page_prepare (self->sign_in_page, NULL, error);
      show_page (self, "sign-in");
    }
  else if (state == ATR_WORKSPACE_STATE_LOADING &&
           g_str_equal (gtk_stack_get_visible_child_name (self->stack), "sign-in"))
    ;   /* signing in: the sign-in page shows its own progress */
  else
    show_page (self, "resources");
  update_title (self);
}

static void
current_state_cb (AtrWindow *self)
{
  /* A workspace loading in the background does not pull the user out of enrolment. */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "enrol"))
    return;
  sync_page (self);
}

static void
busy_cb (AtrWindow *self)
{
  gboolean busy = FALSE;

  if (self->current != NULL)
    g_object_get (self->current, "busy", &busy, NULL);
  gtk_spinner_set_spinning (self->busy_spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->busy_spinner), busy);
  atr_sign_in_page_set_busy (self->sign_in_page, busy);
}

static void
credentials_found_cb (GObject      *source,
                      GAsyncResult *res,
                      gpointer      user_data)
{
  g_autoptr(AtrWorkspace) workspace = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;
  char *password = NULL;

  if (atr_credential_store_lookup_finish (ATR_CREDENTIAL_STORE (source), res, &user,
                                          &password, &error))
    {
      atr_workspace_set_credentials (workspace, user, password);
      /* Remembered: the feed token stored beside them spares a sign-in. */
      atr_workspace_set_token_store (workspace, ATR_CREDENTIAL_STORE (source), TRUE);
    }
  else if (error != NULL)
    g_debug ("no saved credentials: %s", error->message);
  atr_credential_store_wipe (password);

  atr_workspace_refresh (workspace);
}

static void
start_workspace (AtrWindow    *self,
                 AtrWorkspace *workspace)
{
  if (atr_workspace_get_state (workspace) != ATR_WORKSPACE_STATE_IDLE)
    return;
  if (self->credentials != NULL && !atr_workspace_has_credentials (workspace))
    {
      /* The Secret Service can take half a second to answer (D-Bus activation, unlock);
       * only the network refresh needs the credentials, the cached list does not. */
      atr_workspace_load_cached (workspace);
      atr_credential_store_lookup_async (self->credentials,
                                         atr_tenant_get_id (atr_workspace_get_tenant (workspace)),
                                         self->cancellable, credentials_found_cb,
                                         g_object_ref (workspace));
    }
  else
    atr_workspace_refresh (workspace);
}

static void
select_workspace (AtrWindow    *self,
                  AtrWorkspace *workspace)
{
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_data (self->current, self);
  g_set_object (&self->current, workspace);

  atr_resources_page_set_workspace (self->resources_page, workspace);
  atr_sign_in_page_set_workspace (self->sign_in_page, workspace);

  if (workspace != NULL)
    {
      guint index;

      g_signal_connect_swapped (workspace, "notify::state", G_CALLBACK (current_state_cb), self);
      g_signal_connect_swapped (workspace, "notify::theme", G_CALLBACK (apply_theme), self);
      g_signal_connect_swapped (workspace, "notify::publisher", G_CALLBACK (update_title), self);
      g_signal_connect_swapped (workspace, "notify::manifest", G_CALLBACK (update_title), self);
      g_signal_connect_swapped (workspace, "notify::busy", G_CALLBACK (busy_cb), self);
      if (g_ptr_array_find (self->workspaces, workspace, &index))
        {
          self->switching = TRUE;
          gtk_drop_down_set_selected (self->tenant_dropdown, index);
          self->switching = FALSE;
        }
      start_workspace (self, workspace);
      sync_page (self);
    }
  apply_theme (self);
  busy_cb (self);
  update_actions (self);
}

static void
tenant_selected_cb (AtrWindow *self)
{
  guint index = gtk_drop_down_get_selected (self->tenant_dropdown);

  if (self->switching || index >= self->workspaces->len)
    return;
  if (g_ptr_array_index (self->workspaces, index) != self->current)
    {
      select_workspace (self, g_ptr_array_index (self->workspaces, index));
      g_settings_set_string (self->settings, "default-tenant",
                             atr_tenant_get_domain (atr_workspace_get_tenant (self->current)));
    }
}

/* The tenant's own name once known (theme, manifest, feed publisher), else its domain: as
 * the switcher and Preferences list it. */
const char *
_atr_window_workspace_name (AtrWorkspace *workspace)
{
  AtrTheme *theme = atr_workspace_get_theme (workspace);
  const char *name = theme ? atr_theme_get_text (theme, g_get_language_names ()[0],
                                                 ATR_THEME_TEXT_TITLE) : NULL;

  if (name == NULL && atr_workspace_get_manifest (workspace) != NULL)
    name = atr_workspace_get_display_name (workspace);
  if (name == NULL)
    name = atr_workspace_get_publisher (workspace);
  if (name == NULL)
    name = atr_tenant_get_display_name (atr_workspace_get_tenant (workspace));
  return name;
}

static void
rebuild_names (AtrWindow *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint index;

  for (guint i = 0; i < self->workspaces->len; i++)
    {
      AtrWorkspace *workspace = g_ptr_array_index (self->workspaces, i);

      g_ptr_array_add (names, (gpointer) _atr_window_workspace_name (workspace));
    }
  g_ptr_array_add (names, NULL);

  self->switching = TRUE;
  gtk_string_list_splice (self->tenant_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tenant_names)),
                          (const char * const *) names->pdata);
  if (self->current != NULL && g_ptr_array_find (self->workspaces, self->current, &index))
    gtk_drop_down_set_selected (self->tenant_dropdown, index);
  self->switching = FALSE;
}

/* Takes @workspace; the switcher follows its name. */
static void
add_workspace (AtrWindow    *self,
               AtrWorkspace *workspace)
{
  g_signal_connect_object (workspace, "notify::publisher", G_CALLBACK (rebuild_names), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::theme", G_CALLBACK (rebuild_names), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::manifest", G_CALLBACK (rebuild_names), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->workspaces, workspace);
}

static AtrWorkspace *
find_workspace (AtrWindow  *self,
                const char *domain)
{
  for (guint i = 0; i < self->workspaces->len; i++)
    {
      AtrWorkspace *workspace = g_ptr_array_index (self->workspaces, i);

      if (g_ascii_strcasecmp (atr_tenant_get_domain (atr_workspace_get_tenant (workspace)),
                              domain) == 0)
        return workspace;
    }
  return NULL;
}

static void
enrolled_cb (AtrWindow    *self,
             AtrWorkspace *workspace)
{
  AtrTenant *tenant = atr_workspace_get_tenant (workspace);
  g_autoptr(GVariant) before = g_settings_get_value (self->settings, "tenants");
  g_autoptr(GVariant) after = NULL;
  AtrWorkspace *old = find_workspace (self, atr_tenant_get_domain (tenant));

  /* Only the domain and the feed URL are saved; never a secret. */
  after = atr_tenant_registry_add (before, atr_tenant_get_domain (tenant),
                                   atr_tenant_get_feed_url (tenant));
  g_settings_set_value (self->settings, "tenants", after);
  g_settings_set_string (self->settings, "default-tenant", atr_tenant_get_domain (tenant));

  if (old != NULL)
    g_ptr_array_remove (self->workspaces, old);
  add_workspace (self, g_object_ref (workspace));
  rebuild_names (self);

  select_workspace (self, workspace);
}

static void
credentials_stored_cb (GObject      *source,
                       GAsyncResult *res,
                       gpointer      user_data)
{
  g_autoptr(AtrWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!atr_credential_store_store_finish (ATR_CREDENTIAL_STORE (source), res, &error))
    {
      g_autofree char *text = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_debug ("remember me: %s", error->message);
      text = g_strdup_printf (_("Your password could not be remembered: %s"), error->message);
      atr_window_add_toast (self, text);
    }
}

static void
credentials_cleared_cb (GObject      *source,
                        GAsyncResult *res,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tenant_id = user_data;   /* (nullable) */

  if (!atr_credential_store_clear_finish (ATR_CREDENTIAL_STORE (source), res, &error))
    g_debug ("forget credentials: %s", error->message);
  else if (tenant_id != NULL)
    atr_ui_debug ("credentials forgotten %s", tenant_id);
}

static void
sign_in_submit_cb (AtrWindow  *self,
                   const char *user,
                   const char *password,
                   gboolean    remember)
{
  const char *tenant_id;

  if (self->current == NULL)
    return;

  tenant_id = atr_tenant_get_id (atr_workspace_get_tenant (self->current));
  atr_workspace_set_credentials (self->current, user, password);
  if (self->credentials != NULL && remember)
    {
      atr_credential_store_store_async (self->credentials, tenant_id, user, password,
                                        self->cancellable, credentials_stored_cb,
                                        g_object_ref (self));
      /* The feed token this sign-in produces is remembered too. */
      atr_workspace_set_token_store (self->current, self->credentials, FALSE);
    }
  else if (self->credentials != NULL)
    atr_credential_store_clear_async (self->credentials, tenant_id, self->cancellable,
                                      credentials_cleared_cb, NULL);
  atr_workspace_refresh (self->current);
}

static void
activate_resource_cb (AtrWindow   *self,
                      AtrResource *resource)
{
  if (self->current == NULL)
    return;
  g_signal_emit (self, signals[SIGNAL_ACTIVATE_RESOURCE], 0, self->current, resource);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtrWindow *self = ATR_WINDOW (widget);

  if (self->current != NULL)
    atr_workspace_refresh (self->current);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  AtrWindow *self = ATR_WINDOW (widget);

  if (self->current == NULL)
    return;
  show_page (self, "resources");
  atr_resources_page_focus_search (self->resources_page);
}

static void
sign_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtrWindow *self = ATR_WINDOW (widget);

  if (self->current == NULL)
    return;
  atr_workspace_cancel (self->current);
  atr_workspace_set_credentials (self->current, NULL, NULL);
  atr_sign_in_page_prepare (self->sign_in_page, NULL, NULL);
  show_page (self, "sign-in");
}

/* Sign Out: forgets what signs this user in, in memory and in the Secret Service
 * (password and feed token), then asks again. */
static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AtrWindow *self = ATR_WINDOW (widget);
  AtrTenant *tenant;

  if (self->current == NULL || !atr_workspace_needs_account (self->current))
    return;
  tenant = atr_workspace_get_tenant (self->current);
  atr_ui_debug ("sign-out %s", atr_tenant_get_id (tenant));
  atr_workspace_sign_out (self->current);
  if (self->credentials != NULL)
    atr_credential_store_clear_async (self->credentials, atr_tenant_get_id (tenant),
                                      NULL, credentials_cleared_cb,
                                      g_strdup (atr_tenant_get_id (tenant)));
  atr_sign_in_page_prepare (self->sign_in_page, NULL, NULL);
  show_page (self, "sign-in");
}

static void
support_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AtrWindow *self = ATR_WINDOW (widget);
  const char *link = support_link (self);

  if (link != NULL && !self->locked)
    _atr_window_get_help (self, link,
                          atr_theme_manager_get_text (atr_theme_manager_get_default (),
                                                      ATR_THEME_TEXT_SUPPORT));
}

static void
add_tenant_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  atr_window_start_enrolment (ATR_WINDOW (widget), NULL);
}

static void
cancel_enrolment_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AtrWindow *self = ATR_WINDOW (widget);
  g_autoptr(AtrWorkspace) current = self->current ? g_object_ref (self->current) : NULL;

  atr_enrol_page_reset (self->enrol_page, NULL);
  select_workspace (self, current);
}

/* Removes @removed for good: from the saved list, its secrets from the Secret Service. */
static void
remove_workspace (AtrWindow    *self,
                  AtrWorkspace *removed)
{
  g_autoptr(GVariant) before = NULL;
  g_autoptr(GVariant) after = NULL;
  AtrTenant *tenant = atr_workspace_get_tenant (removed);
  gboolean was_current = removed == self->current;

  atr_ui_debug ("remove-tenant %s", atr_tenant_get_id (tenant));
  before = g_settings_get_value (self->settings, "tenants");
  after = atr_tenant_registry_remove (before, atr_tenant_get_domain (tenant));
  g_settings_set_value (self->settings, "tenants", after);
  if (self->credentials != NULL)
    atr_credential_store_clear_async (self->credentials, atr_tenant_get_id (tenant),
                                      NULL, credentials_cleared_cb,
                                      g_strdup (atr_tenant_get_id (tenant)));

  atr_workspace_cancel (removed);
  g_ptr_array_remove (self->workspaces, removed);
  rebuild_names (self);
  if (!was_current)
    return;
  if (self->workspaces->len > 0)
    select_workspace (self, g_ptr_array_index (self->workspaces, 0));
  else
    {
      select_workspace (self, NULL);
      atr_window_start_enrolment (self, NULL);
    }
}

static void
remove_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    gpointer          user_data)
{
  AtrWindow *self = ATR_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  AtrWorkspace *workspace = user_data;

  atr_ui_debug ("remove-tenant answer %s", response);
  /* The workspace may have gone meanwhile (replaced by a new enrolment of its domain). */
  if (g_str_equal (response, "remove") && self != NULL &&
      g_ptr_array_find (self->workspaces, workspace, NULL))
    remove_workspace (self, workspace);
}

/* Removing a workspace deletes its saved password: asked first, naming it (#14). Quitting
 * while the question shows removes nothing. */
static void
remove_tenant_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AtrWindow *self = ATR_WINDOW (widget);
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  const char *name;

  if (self->current == NULL || self->locked)
    return;

  name = atr_workspace_get_display_name (self->current);
  /* Translators: %s is the workspace's (organisation's) name. */
  heading = g_strdup_printf (_("Remove “%s”?"), name);
  dialog = atr_message_dialog_new (GTK_WINDOW (self), NULL, NULL);
  /* Plain text: the name is the tenant's words. */
  adw_message_dialog_set_heading (dialog, heading);
  adw_message_dialog_set_body (dialog,
                               _("Atrium forgets this workspace and the password saved "
                                 "for it on this computer. You can add it again later."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (remove_response_cb),
                         g_object_ref (self->current), (GClosureNotify) (void (*) (void)) g_object_unref,
                         0);
  atr_ui_debug ("remove-tenant ask %s", name);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
atr_window_dispose (GObject *object)
{
  AtrWindow *self = ATR_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->current != NULL)
    g_signal_handlers_disconnect_by_data (self->current, self);
  g_clear_object (&self->current);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATR_TYPE_WINDOW);
  g_clear_pointer (&self->workspaces, g_ptr_array_unref);
  g_clear_object (&self->tenant_names);
  g_clear_object (&self->settings);
  g_clear_object (&self->trust);
  g_clear_object (&self->credentials);

  G_OBJECT_CLASS (atr_window_parent_class)->dispose (object);
}

static gboolean
atr_window_close_request (GtkWindow *window)
{
  if (_atr_window_ask_before_closing (ATR_WINDOW (window)))
    return TRUE;
  return GTK_WINDOW_CLASS (atr_window_parent_class)->close_request (window);
}

static void
atr_window_class_init (AtrWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atr_window_dispose;
  GTK_WINDOW_CLASS (klass)->close_request = atr_window_close_request;

  signals[SIGNAL_ACTIVATE_RESOURCE] =
    g_signal_new ("activate-resource", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, ATR_TYPE_WORKSPACE, ATR_TYPE_RESOURCE);

  g_type_ensure (ATR_TYPE_ENROL_PAGE);
  g_type_ensure (ATR_TYPE_SIGN_IN_PAGE);
  g_type_ensure (ATR_TYPE_RESOURCES_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/atrium/Atrium/ui/atr-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtrWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, AtrWindow, header_logo);
  gtk_widget_class_bind_template_child (widget_class, AtrWindow, tenant_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtrWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, AtrWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, AtrWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, AtrWindow, enrol_page);
  gtk_widget_class_bind_template_child (widget_class, AtrWindow, sign_in_page);
  gtk_widget_class_bind_template_child (widget_class, AtrWindow, resources_page);
  gtk_widget_class_bind_template_callback (widget_class, enrolled_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_resource_cb);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.sign-in", NULL, sign_in_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.add-tenant", NULL, add_tenant_action);
  gtk_widget_class_install_action (widget_class, "win.support", NULL, support_action);
  gtk_widget_class_install_action (widget_class, "win.remove-tenant", NULL,
                                   remove_tenant_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-enrolment", NULL,
                                   cancel_enrolment_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.add-tenant", NULL);
}

static void
atr_window_init (AtrWindow *self)
{
  AtrThemeManager *manager = atr_theme_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  atr_a11y_name_controls (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->workspaces = g_ptr_array_new_with_free_func (g_object_unref);
  self->tenant_names = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->tenant_dropdown, G_LIST_MODEL (self->tenant_names));
  atr_a11y_name_drop_down_items (self->tenant_dropdown);
  g_signal_connect_object (self->tenant_dropdown, "notify::selected",
                           G_CALLBACK (tenant_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::logo", G_CALLBACK (update_logo), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::theme", G_CALLBACK (update_title), self,
                           G_CONNECT_SWAPPED);
  self->sign_out_enabled = TRUE;   /* as installed: the first update_actions() decides */
  update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.support", FALSE);
}

AtrWindow *
atr_window_new (AdwApplication     *application,
                GSettings          *settings,
                AtrTrustStore      *trust,
                AtrCredentialStore *credentials)
{
  AtrWindow *self;

  g_return_val_if_fail (ADW_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (trust == NULL || ATR_IS_TRUST_STORE (trust), NULL);
  g_return_val_if_fail (credentials == NULL || ATR_IS_CREDENTIAL_STORE (credentials), NULL);

  self = g_object_new (ATR_TYPE_WINDOW, "application", application, NULL);
  self->settings = g_object_ref (settings);
  self->trust = trust ? g_object_ref (trust) : NULL;
  self->credentials = credentials ? g_object_ref (credentials) : NULL;
  atr_enrol_page_set_trust (self->enrol_page, trust);
  return self;
}

void
atr_window_open_tenants (AtrWindow *self)
{
  g_autoptr(GVariant) stored = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  g_autofree char *preferred = NULL;
  AtrWorkspace *first;

  g_return_if_fail (ATR_IS_WINDOW (self));

  stored = g_settings_get_value (self->settings, "tenants");
  tenants = atr_tenant_registry_parse (stored);
  g_ptr_array_set_size (self->workspaces, 0);
  for (guint i = 0; i < tenants->len; i++)
    add_workspace (self, atr_workspace_new (g_ptr_array_index (tenants, i), self->trust));
  rebuild_names (self);

  if (self->workspaces->len == 0)
    {
      atr_window_start_enrolment (self, NULL);
      return;
    }

  preferred = g_settings_get_string (self->settings, "default-tenant");
  first = find_workspace (self, preferred);
  select_workspace (self, first ? first : g_ptr_array_index (self->workspaces, 0));
}

void
atr_window_start_enrolment (AtrWindow  *self,
                            const char *address)
{
  g_return_if_fail (ATR_IS_WINDOW (self));

  /* Visible first, so the address entry can take the focus. */
  show_page (self, "enrol");
  atr_enrol_page_reset (self->enrol_page, address);
  atr_enrol_page_set_can_cancel (self->enrol_page, self->current != NULL);
  atr_theme_manager_set_theme (atr_theme_manager_get_default (), NULL);
  update_title (self);
}

void
atr_window_add_toast (AtrWindow  *self,
                      const char *text)
{

  g_return_if_fail (ATR_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  /* AdwToast titles are markup in libadwaita 1.2: error text must not be parsed as such. */
  atr_ui_debug ("toast %s", text);
  adw_toast_overlay_add_toast (self->toasts,
                               atr_plain_text_toast_new (text, GTK_WIDGET (self->toasts)));
}

/* Looks up @address at once: a link asked to subscribe (nothing is saved before "Add"). */
void
atr_window_enrol (AtrWindow  *self,
                  const char *address)
{
  g_return_if_fail (ATR_IS_WINDOW (self));
  g_return_if_fail (address != NULL);

  atr_window_start_enrolment (self, address);
  atr_enrol_page_look_up (self->enrol_page);
}

/* Shows @workspace (enrolled in this window). */
void
atr_window_show_workspace (AtrWindow    *self,
                           AtrWorkspace *workspace)
{
  g_return_if_fail (ATR_IS_WINDOW (self));
  g_return_if_fail (ATR_IS_WORKSPACE (workspace));

  if (self->current != workspace)
    select_workspace (self, workspace);
  else
    sync_page (self);
}

/**
 * atr_window_set_locked:
 * @locked: %TRUE in kiosk mode: no tenant can be removed or switched, and enrolment cannot
 *   be left for another tenant, whatever page is shown
 */
void
atr_window_set_locked (AtrWindow *self,
                       gboolean   locked)
{
  g_return_if_fail (ATR_IS_WINDOW (self));

  self->locked = !!locked;
  update_actions (self);
  update_support (self);
  atr_sign_in_page_set_links_allowed (self->sign_in_page, !self->locked);
}

GPtrArray *
_atr_window_get_workspaces (AtrWindow *self)
{
  return self->workspaces;
}
