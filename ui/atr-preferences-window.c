/* atr-preferences-window.c — screen mode, scaling, the workspace that opens at start
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include "atr-a11y.h"
#include "atr-tenant-registry.h"

#include "atr-preferences-window.h"

static const char * const screen_modes[] = { "window", "maximized", "fullscreen" };

struct _AtrPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *screen_mode_row;
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
  guint selected = 0;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (ATR_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->settings = g_object_ref (settings);

  mode = g_settings_get_string (settings, "screen-mode");
  for (guint i = 0; i < G_N_ELEMENTS (screen_modes); i++)
    if (g_str_equal (mode, screen_modes[i]))
      adw_combo_row_set_selected (self->screen_mode_row, i);
  g_settings_bind (settings, "scaling", self->scaling_spin, "value", G_SETTINGS_BIND_DEFAULT);

  stored = g_settings_get_value (settings, "tenants");
  tenants = atr_tenant_registry_parse (stored);
  preferred = g_settings_get_string (settings, "default-tenant");
  for (guint i = 0; i < tenants->len; i++)
    {
      const char *domain = atr_tenant_get_domain (g_ptr_array_index (tenants, i));

      g_strv_builder_add (builder, domain);
      gtk_string_list_append (names, domain);
      if (g_ascii_strcasecmp (domain, preferred) == 0)
        selected = i;
    }
  self->domains = g_strv_builder_end (builder);
  adw_combo_row_set_model (self->default_tenant_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->default_tenant_row, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (self->default_tenant_row), tenants->len > 1);

  g_signal_connect_object (self->screen_mode_row, "notify::selected",
                           G_CALLBACK (screen_mode_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->default_tenant_row, "notify::selected",
                           G_CALLBACK (default_tenant_cb), self, G_CONNECT_SWAPPED);

  return GTK_WINDOW (self);
}
