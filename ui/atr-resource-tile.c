/* atr-resource-tile.c — one resource in the grid: icon, title, desktop/app badge
 *
 * A resource the feed hides by default (shown only with "Show All") is dimmed and says
 * "Hidden" under its badge, in words a screen reader reads too (the grid names the cell).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-ui-text.h"

#include "atr-resource-tile.h"

#define TILE_ICON_SIZE 64

struct _AtrResourceTile
{
  GtkWidget    parent_instance;

  GtkImage    *icon;
  GtkLabel    *title;
  GtkLabel    *badge;
  GtkLabel    *hidden;

  AtrResource *resource;
};

G_DEFINE_FINAL_TYPE (AtrResourceTile, atr_resource_tile, GTK_TYPE_WIDGET)

static void
icon_loaded_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(AtrResourceTile) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  const char *url;

  texture = atr_icon_cache_load_finish (ATR_ICON_CACHE (source), res, &error);
  if (texture == NULL || self->resource == NULL)
    return;

  /* The tile may show another resource by now (recycled by the grid). */
  url = atr_resource_lookup_icon (self->resource, TILE_ICON_SIZE);
  if (url != NULL && atr_icon_cache_peek (ATR_ICON_CACHE (source), url) == texture)
    gtk_image_set_from_paintable (self->icon, GDK_PAINTABLE (texture));
}

static void
atr_resource_tile_dispose (GObject *object)
{
  AtrResourceTile *self = ATR_RESOURCE_TILE (object);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->resource);

  G_OBJECT_CLASS (atr_resource_tile_parent_class)->dispose (object);
}

static void
atr_resource_tile_class_init (AtrResourceTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atr_resource_tile_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "resourcetile");
}

/* Built in code, not from a template, and with no box of its own (the tile lays its three
 * children out itself): GTK 4.8's GtkGridView makes up to 32 rows of tiles (256 at 8
 * columns) before its first frame, and a GtkBuilder template per tile made that the largest
 * cost between reading the cached list and showing it. */
static void
atr_resource_tile_init (AtrResourceTile *self)
{
  GtkWidget *icon = gtk_image_new_from_icon_name ("computer-symbolic");
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (NULL);
  GtkWidget *hidden = gtk_label_new (_("Hidden"));
  GtkWidget *widget = GTK_WIDGET (self);
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (widget);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);
  gtk_widget_set_margin_top (widget, 12);
  gtk_widget_set_margin_bottom (widget, 12);
  gtk_widget_set_margin_start (widget, 6);
  gtk_widget_set_margin_end (widget, 6);
  gtk_widget_set_size_request (widget, 132, -1);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), TILE_ICON_SIZE);
  gtk_widget_add_css_class (icon, "resource-icon");

  gtk_label_set_justify (GTK_LABEL (title), GTK_JUSTIFY_CENTER);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 2);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 16);
  gtk_widget_add_css_class (title, "resource-title");

  gtk_widget_set_halign (badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (badge, "resource-badge");

  gtk_widget_set_halign (hidden, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (hidden, "resource-hidden-label");
  gtk_widget_set_visible (hidden, FALSE);

  gtk_widget_set_parent (icon, widget);
  gtk_widget_set_parent (title, widget);
  gtk_widget_set_parent (badge, widget);
  gtk_widget_set_parent (hidden, widget);

  self->icon = GTK_IMAGE (icon);
  self->title = GTK_LABEL (title);
  self->badge = GTK_LABEL (badge);
  self->hidden = GTK_LABEL (hidden);
}

GtkWidget *
atr_resource_tile_new (void)
{
  return g_object_new (ATR_TYPE_RESOURCE_TILE, NULL);
}

void
atr_resource_tile_set_resource (AtrResourceTile *self,
                                AtrResource     *resource,
                                AtrIconCache    *icons)
{
  gboolean desktop;
  const char *url;
  GdkTexture *texture;

  g_return_if_fail (ATR_IS_RESOURCE_TILE (self));
  g_return_if_fail (resource == NULL || ATR_IS_RESOURCE (resource));
  g_return_if_fail (icons == NULL || ATR_IS_ICON_CACHE (icons));

  g_set_object (&self->resource, resource);
  gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "desktop");
  gtk_widget_remove_css_class (GTK_WIDGET (self->badge), "app");
  gtk_widget_remove_css_class (GTK_WIDGET (self), "hidden-resource");
  gtk_widget_set_visible (GTK_WIDGET (self->hidden), FALSE);
  if (resource == NULL)
    {
      gtk_label_set_text (self->title, "");
      gtk_label_set_text (self->badge, "");
      gtk_image_set_from_icon_name (self->icon, "computer-symbolic");
      return;
    }

  desktop = atr_resource_get_kind (resource) == ATR_RESOURCE_KIND_DESKTOP;
  gtk_label_set_text (self->title, atr_resource_get_title (resource));
  gtk_label_set_text (self->badge, atr_ui_kind_label (atr_resource_get_kind (resource)));
  gtk_widget_add_css_class (GTK_WIDGET (self->badge), desktop ? "desktop" : "app");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), atr_resource_get_title (resource));
  if (!atr_resource_get_show_by_default (resource))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self), "hidden-resource");
      gtk_widget_set_visible (GTK_WIDGET (self->hidden), TRUE);
    }

  url = atr_resource_lookup_icon (resource, TILE_ICON_SIZE);
  texture = (url && icons) ? atr_icon_cache_peek (icons, url) : NULL;
  if (texture != NULL)
    gtk_image_set_from_paintable (self->icon, GDK_PAINTABLE (texture));
  else
    {
      gtk_image_set_from_icon_name (self->icon, desktop ? "computer-symbolic"
                                                        : "application-x-executable-symbolic");
      if (url != NULL && icons != NULL)
        atr_icon_cache_load_async (icons, url, icon_loaded_cb, g_object_ref (self));
    }
}

AtrResource *
atr_resource_tile_get_resource (AtrResourceTile *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE_TILE (self), NULL);
  return self->resource;
}
