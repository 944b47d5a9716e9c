/* atr-preferences-window.c — screen mode, scaling, the workspace that opens at start
 *
 * Scaling is a choice, not a magic number: "Follow the display's scale" (the setting's 0)
 * or a fixed percentage. Workspaces are listed by their names (the switcher's), the domain
 * under each; the names come from the main window that opened Preferences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-a11y.h"
#include "atr-tenant-registry.h"
#include "atr-window-private.h"

#include "atr-preferences-window.h"

static const char * const screen_modes[] = { "window", "maximized", "fullscreen" };

struct _AtrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *screen_mode_row;
  GtkSwitch            *follow_switch;
  GtkWidget            *scaling_row;
  GtkSpinButton        *scaling_spin;
  AdwComboRow          *default_tenant_row;

  GSettings            *settings;
  GStrv                 domains;
};

G_DEFINE_FINAL_TYPE (AtrPreferencesWindow, atr_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
screen_mode_cb (AtrPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->screen_mode_row);

  if (selected < G_N_ELEMENTS (screen_modes))
    g_settings_set_string (self->settings, "screen-mode", screen_modes[selected]);
}

static void
default_tenant_cb (AtrPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->default_tenant_row);

  if (self->domains != NULL && selected < g_strv_length (self->domains))
    g_settings_set_string (self->settings, "default-tenant", self->domains[selected]);
}

/* The setting to the two controls: 0 is "follow the display". */
static void
scaling_changed_cb (AtrPreferencesWindow *self)
{
  int scaling = g_settings_get_int (self->settings, "scaling");

  gtk_switch_set_active (self->follow_switch, scaling == 0);
  gtk_widget_set_sensitive (self->scaling_row, scaling != 0);
  if (scaling != 0)
    gtk_spin_button_set_value (self->scaling_spin, scaling);
}

static void
follow_cb (AtrPreferencesWindow *self)
{
  int scaling = gtk_switch_get_active (self->follow_switch)
                ? 0 : gtk_spin_button_get_value_as_int (self->scaling_spin);

  if (g_settings_get_int (self->settings, "scaling") != scaling)
    g_settings_set_int (self->settings, "scaling", scaling);
}

static void
scale_value_cb (AtrPreferencesWindow *self)
{
  if (!gtk_switch_get_active (self->follow_switch))
    follow_cb (self);
}

/* The list of workspaces: the name, the domain under it. */
static void
tenant_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *domain = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_xalign (GTK_LABEL (domain), 0);
  gtk_widget_add_css_class (domain, "caption");
  gtk_widget_add_css_class (domain, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), domain);
  gtk_list_item_set_child (item, box);
}

static void
tenant_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                AtrPreferencesWindow     *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *row = gtk_widget_get_parent (box);
  guint position = gtk_list_item_get_position (item);
  const char *name = gtk_string_object_get_string (gtk_list_item_get_item (item));
  const char *domain = position < g_strv_length (self->domains) ? self->domains[position] : "";
  g_autofree char *both = NULL;

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (box)), name);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (box)), domain);
  gtk_widget_set_visible (gtk_widget_get_last_child (box), g_strcmp0 (name, domain) != 0);
  /* Translators: a workspace in a list read by a screen reader: its name, its domain. */
  both = g_strdup_printf (C_("workspace", "%s, %s"), name, domain);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    g_strcmp0 (name, domain) != 0 ? both : name, -1);
}

/* (transfer none): the name the main window @parent knows @domain's workspace by, else the
 * domain itself. */
static const char *
workspace_name (GtkWindow  *parent,
                const char *domain)
{
  GPtrArray *workspaces = ATR_IS_WINDOW (parent)
                          ? _atr_window_get_workspaces (ATR_WINDOW (parent)) : NULL;

  for (guint i = 0; workspaces != NULL && i < workspaces->len; i++)
    {
      AtrWorkspace *workspace = g_ptr_array_index (workspaces, i);

      if (g_ascii_strcasecmp (atr_tenant_get_domain (atr_workspace_get_tenant (workspace)),
                              domain) == 0)
        return _atr_window_workspace_name (workspace);
    }
  return domain;
}

static void
atr_preferences_window_dispose (GObject *object)
{
  AtrPreferencesWindow *self = ATR_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), ATR_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->domains, g_strfreev);

  G_OBJECT_CLASS (atr_preferences_window_parent_class)->dispose (object);
}

static void
atr_preferences_window_class_init (AtrPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atr_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/atrium/Atrium/ui/atr-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AtrPreferencesWindow, screen_mode_row);
  gtk_widget_class_bind_template_child (widget_class, AtrPreferencesWindow, follow_switch);
  gtk_widget_class_bind_template_child (widget_class, AtrPreferencesWindow, scaling_row);
  gtk_widget_class_bind_template_child (widget_class, AtrPreferencesWindow, scaling_spin);
  gtk_widget_class_bind_template_child (widget_class, AtrPreferencesWindow, default_tenant_row);
}

static void
atr_preferences_window_init (AtrPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  atr_a11y_name_controls (GTK_WIDGET (self));
}

GtkWindow *
atr_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  AtrPreferencesWindow *self;
  g_autofree char *mode = NULL;
  g_autofree char *preferred = NULL;
  g_autoptr(GVariant) stored = NULL;
  g_autoptr(GPtrArray) tenants = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) list_factory = NULL;
  guint selected = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATR_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);

  mode = g_settings_get_string (settings, "screen-mode");
  for (guint i = 0; i < G_N_ELEMENTS (screen_modes); i++)
    if (g_str_equal (mode, screen_modes[i]))
      adw_combo_row_set_selected (self->screen_mode_row, i);
  scaling_changed_cb (self);
  g_signal_connect_object (settings, "changed::scaling", G_CALLBACK (scaling_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->follow_switch, "notify::active", G_CALLBACK (follow_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->scaling_spin, "value-changed", G_CALLBACK (scale_value_cb),
                           self, G_CONNECT_SWAPPED);

  stored = g_settings_get_value (settings, "tenants");
  tenants = atr_tenant_registry_parse (stored);
  preferred = g_settings_get_string (settings, "default-tenant");
  for (guint i = 0; i < tenants->len; i++)
    {
      const char *domain = atr_tenant_get_domain (g_ptr_array_index (tenants, i));

      g_strv_builder_add (builder, domain);
      gtk_string_list_append (names, workspace_name (parent, domain));
      if (g_ascii_strcasecmp (domain, preferred) == 0)
        selected = i;
    }
  self->domains = g_strv_builder_end (builder);
  list_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (list_factory, "setup", G_CALLBACK (tenant_setup_cb), NULL);
  g_signal_connect_object (list_factory, "bind", G_CALLBACK (tenant_bind_cb), self, 0);
  adw_combo_row_set_list_factory (self->default_tenant_row, list_factory);
  adw_combo_row_set_model (self->default_tenant_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->default_tenant_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_tenant_row), tenants->len > 1);

  g_signal_connect_object (self->screen_mode_row, "notify::selected",
                           G_CALLBACK (screen_mode_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->default_tenant_row, "notify::selected",
                           G_CALLBACK (default_tenant_cb), self, G_CONNECT_SWAPPED);

  return GTK_WINDOW (self);
}
