/* atr-theme-manager.c — the one place that installs tenant CSS (display-wide)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <adwaita.h>

#include "atr-logo-check.h"
#include "atr-theme-css.h"
#include "atr-ui.h"

#include "atr-theme-manager.h"

struct _AtrThemeManager
{
  GObject          parent_instance;

  GtkCssProvider  *provider;
  AtrTheme        *theme;
  GdkTexture      *logo;
  GBytes          *logo_bytes[2];   /* fetched and checked by themes/' AtrThemeStore */
  char            *logo_url;        /* the URL of the shown logo, valid while logo_valid */
  gboolean         logo_valid;
  GCancellable    *logo_cancellable;
};

G_DEFINE_FINAL_TYPE (AtrThemeManager, atr_theme_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_THEME,
  PROP_LOGO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static AtrThemeVariant
current_variant (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ())
         ? ATR_THEME_VARIANT_DARK : ATR_THEME_VARIANT_LIGHT;
}

static void
set_logo (AtrThemeManager *self,
          GdkTexture      *logo)
{
  if (self->logo == logo)
    return;
  g_set_object (&self->logo, logo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGO]);
}

/* The first SVG that cannot be decoded because gdk-pixbuf has no SVG loader says why, once,
 * naming the Debian package: without it a tenant's SVG logo silently never shows. */
static gboolean
have_svg_loader (void)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name (l->data);

      if (g_strcmp0 (name, "svg") == 0)
        return TRUE;
    }
  return FALSE;
}

static GdkTexture *
decode_logo (GBytes     *bytes,
             const char *url)
{
  static gboolean told;
  g_autoptr(GError) error = NULL;
  GdkTexture *texture = gdk_texture_new_from_bytes (bytes, &error);
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);

  if (texture != NULL)
    {
      atr_ui_debug ("logo %s", url);
      return texture;
    }
  if (!told && g_strstr_len (data, MIN (length, 4096), "<svg") != NULL && !have_svg_loader ())
    {
      told = TRUE;
      g_message ("logo %s not shown: this system has no SVG image loader for gdk-pixbuf "
                 "(install the package librsvg2-common)", url);
      return NULL;
    }
  g_debug ("logo %s not shown: %s", url, error->message);
  return NULL;
}

static void
logo_loaded_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(AtrThemeManager) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *uri = g_file_get_uri (G_FILE (source));

  bytes = g_file_load_bytes_finish (G_FILE (source), res, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bytes != NULL)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (bytes, &length);

      if (atr_logo_check (data, length, uri, NULL, &error))
        texture = decode_logo (bytes, uri);
    }
  if (texture == NULL && error != NULL)
    g_debug ("logo %s not shown: %s", uri, error->message);
  set_logo (self, texture);
}

/* The variant whose logo is shown: the dark one when dark and the tenant has one, else the
 * tenant's light logo. Never another tenant's: both come from the current theme only. */
static AtrThemeVariant
logo_variant (AtrThemeManager *self)
{
  if (current_variant () == ATR_THEME_VARIANT_DARK &&
      atr_theme_get_logo_url (self->theme, ATR_THEME_VARIANT_DARK) != NULL)
    return ATR_THEME_VARIANT_DARK;
  return ATR_THEME_VARIANT_LIGHT;
}

/* Forgets the shown logo and any load under way: the next load_logo() starts afresh. */
static void
reset_logo (AtrThemeManager *self)
{
  g_cancellable_cancel (self->logo_cancellable);
  g_clear_object (&self->logo_cancellable);
  g_clear_pointer (&self->logo_url, g_free);
  self->logo_valid = FALSE;
  set_logo (self, NULL);
}

static void
load_logo (AtrThemeManager *self)
{
  AtrThemeVariant variant = self->theme ? logo_variant (self) : ATR_THEME_VARIANT_LIGHT;
  const char *url = self->theme ? atr_theme_get_logo_url (self->theme, variant) : NULL;
  GBytes *bytes = self->theme ? self->logo_bytes[variant] : NULL;
  g_autoptr(GFile) file = NULL;

  if (self->logo_valid && g_strcmp0 (url, self->logo_url) == 0)
    return;

  reset_logo (self);
  self->logo_url = g_strdup (url);
  self->logo_valid = TRUE;

  /* A tenant's logo fetched over HTTPS: the theme store has checked it already. */
  if (url != NULL && bytes != NULL)
    {
      g_autoptr(GdkTexture) texture = decode_logo (bytes, url);

      set_logo (self, texture);
      return;
    }

  /* Bundled themes are files. */
  if (url == NULL || !g_str_has_prefix (url, "file://"))
    return;

  file = g_file_new_for_uri (url);
  self->logo_cancellable = g_cancellable_new ();
  g_file_load_bytes_async (file, self->logo_cancellable, logo_loaded_cb, g_object_ref (self));
}

static void
regenerate (AtrThemeManager *self)
{
  g_autofree char *css = NULL;

  css = self->theme ? atr_theme_css_generate (self->theme, current_variant ()) : g_strdup ("");
  gtk_css_provider_load_from_data (self->provider, css, -1);
  load_logo (self);
}

static void
dark_changed_cb (AtrThemeManager *self)
{
  regenerate (self);
}

static void
atr_theme_manager_dispose (GObject *object)
{
  AtrThemeManager *self = ATR_THEME_MANAGER (object);

  g_cancellable_cancel (self->logo_cancellable);
  g_clear_object (&self->logo_cancellable);
  g_clear_object (&self->theme);
  g_clear_object (&self->logo);
  g_clear_pointer (&self->logo_bytes[0], g_bytes_unref);
  g_clear_pointer (&self->logo_bytes[1], g_bytes_unref);
  g_clear_object (&self->provider);
  g_clear_pointer (&self->logo_url, g_free);

  G_OBJECT_CLASS (atr_theme_manager_parent_class)->dispose (object);
}

static void
atr_theme_manager_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AtrThemeManager *self = ATR_THEME_MANAGER (object);

  switch (prop_id)
    {
    case PROP_THEME:
      g_value_set_object (value, self->theme);
      break;
    case PROP_LOGO:
      g_value_set_object (value, self->logo);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atr_theme_manager_class_init (AtrThemeManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->dispose = atr_theme_manager_dispose;
  object_class->get_property = atr_theme_manager_get_property;

  properties[PROP_THEME] = g_param_spec_object ("theme", NULL, NULL, ATR_TYPE_THEME, ro);
  properties[PROP_LOGO] = g_param_spec_object ("logo", NULL, NULL, GDK_TYPE_PAINTABLE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atr_theme_manager_init (AtrThemeManager *self)
{
  self->provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (self->provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

AtrThemeManager *
atr_theme_manager_get_default (void)
{
  static AtrThemeManager *instance;

  if (instance == NULL)
    {
      instance = g_object_new (ATR_TYPE_THEME_MANAGER, NULL);
      g_object_add_weak_pointer (G_OBJECT (instance), (gpointer *) &instance);
    }
  return instance;
}

void
atr_theme_manager_set_theme (AtrThemeManager *self,
                             AtrTheme        *theme)
{
  g_return_if_fail (ATR_IS_THEME_MANAGER (self));
  g_return_if_fail (theme == NULL || ATR_IS_THEME (theme));

  atr_theme_manager_set_theme_with_logos (self, theme, NULL, NULL);
}

/**
 * atr_theme_manager_set_theme_with_logos:
 * @light: (nullable): the light logo's bytes, already checked (atr_theme_store_get_logo())
 * @dark: (nullable): the dark one
 *
 * Like atr_theme_manager_set_theme() for a theme fetched from the tenant: its logos are
 * https URLs whose checked bytes the caller has. A variant without bytes shows no logo
 * unless the theme's URL is a bundled file. In dark mode a theme without a dark logo shows
 * its light one; the previous theme's logos are dropped.
 */
void
atr_theme_manager_set_theme_with_logos (AtrThemeManager *self,
                                        AtrTheme        *theme,
                                        GBytes          *light,
                                        GBytes          *dark)
{
  gboolean changed;

  g_return_if_fail (ATR_IS_THEME_MANAGER (self));
  g_return_if_fail (theme == NULL || ATR_IS_THEME (theme));

  /* One tenant at a time: a new theme or new bytes replace both variants' logos, and
   * nothing of the previous tenant's (logo, pending load, cached URL) is kept. */
  changed = g_set_object (&self->theme, theme);
  if (changed ||
      self->logo_bytes[ATR_THEME_VARIANT_LIGHT] != light ||
      self->logo_bytes[ATR_THEME_VARIANT_DARK] != dark)
    {
      g_clear_pointer (&self->logo_bytes[ATR_THEME_VARIANT_LIGHT], g_bytes_unref);
      g_clear_pointer (&self->logo_bytes[ATR_THEME_VARIANT_DARK], g_bytes_unref);
      self->logo_bytes[ATR_THEME_VARIANT_LIGHT] = theme && light ? g_bytes_ref (light) : NULL;
      self->logo_bytes[ATR_THEME_VARIANT_DARK] = theme && dark ? g_bytes_ref (dark) : NULL;
      reset_logo (self);
      changed = TRUE;
    }
  if (!changed)
    return;
  regenerate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THEME]);
}

AtrTheme *
atr_theme_manager_get_theme (AtrThemeManager *self)
{
  g_return_val_if_fail (ATR_IS_THEME_MANAGER (self), NULL);
  return self->theme;
}

GdkPaintable *
atr_theme_manager_get_logo (AtrThemeManager *self)
{
  g_return_val_if_fail (ATR_IS_THEME_MANAGER (self), NULL);
  return self->logo ? GDK_PAINTABLE (self->logo) : NULL;
}

const char *
atr_theme_manager_get_text (AtrThemeManager *self,
                            AtrThemeText     text)
{
  g_return_val_if_fail (ATR_IS_THEME_MANAGER (self), NULL);

  if (self->theme == NULL)
    return NULL;
  return atr_theme_get_text (self->theme, g_get_language_names ()[0], text);
}
