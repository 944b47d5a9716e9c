/* atr-resource-tile.c — one resource in the grid: icon, title, desktop/app badge
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

  GtkWidget   *box;
  GtkImage    *icon;
  GtkLabel    *title;
  GtkLabel    *badge;

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

  gtk_widget_dispose_template (GTK_WIDGET (self), ATR_TYPE_RESOURCE_TILE);
  g_clear_object (&self->resource);

  G_OBJECT_CLASS (atr_resource_tile_parent_class)->dispose (object);
}

static void
atr_resource_tile_class_init (AtrResourceTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atr_resource_tile_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/atrium/Atrium/ui/atr-resource-tile.ui");
  gtk_widget_class_bind_template_child (widget_class, AtrResourceTile, box);
  gtk_widget_class_bind_template_child (widget_class, AtrResourceTile, icon);
  gtk_widget_class_bind_template_child (widget_class, AtrResourceTile, title);
  gtk_widget_class_bind_template_child (widget_class, AtrResourceTile, badge);
  gtk_widget_class_set_css_name (widget_class, "resourcetile");
}

static void
atr_resource_tile_init (AtrResourceTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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
