/* atr-resource.c — one published desktop or RemoteApp (immutable value object)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include "atr-resource.h"

typedef struct
{
  guint  size;
  char  *url;
} AtrIcon;

struct _AtrResource
{
  GObject          parent_instance;

  char            *id;
  char            *alias;
  char            *title;
  char            *rdp_url;
  char            *publisher;
  char           **folders;
  char           **file_extensions;
  GArray          *icons;   /* of AtrIcon, ascending size */
  AtrResourceKind  kind;
  gboolean         show_by_default;
};

struct _AtrResourceBuilder
{
  AtrResource *resource;
  GPtrArray   *folders;
  GPtrArray   *file_extensions;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_ALIAS,
  PROP_TITLE,
  PROP_KIND,
  PROP_RDP_URL,
  PROP_PUBLISHER,
  PROP_SHOW_BY_DEFAULT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (AtrResource, atr_resource, G_TYPE_OBJECT)

static void
clear_icon (gpointer data)
{
  AtrIcon *icon = data;

  g_free (icon->url);
}

static void
atr_resource_finalize (GObject *object)
{
  AtrResource *self = ATR_RESOURCE (object);

  g_free (self->id);
  g_free (self->alias);
  g_free (self->title);
  g_free (self->rdp_url);
  g_free (self->publisher);
  g_strfreev (self->folders);
  g_strfreev (self->file_extensions);
  g_clear_pointer (&self->icons, g_array_unref);

  G_OBJECT_CLASS (atr_resource_parent_class)->finalize (object);
}

static void
atr_resource_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  AtrResource *self = ATR_RESOURCE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;
    case PROP_ALIAS:
      g_value_set_string (value, self->alias);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_RDP_URL:
      g_value_set_string (value, self->rdp_url);
      break;
    case PROP_PUBLISHER:
      g_value_set_string (value, self->publisher);
      break;
    case PROP_SHOW_BY_DEFAULT:
      g_value_set_boolean (value, self->show_by_default);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atr_resource_class_init (AtrResourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = atr_resource_finalize;
  object_class->get_property = atr_resource_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_ALIAS] = g_param_spec_string ("alias", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_KIND] = g_param_spec_uint ("kind", NULL, NULL,
                                             ATR_RESOURCE_KIND_DESKTOP,
                                             ATR_RESOURCE_KIND_REMOTEAPP,
                                             ATR_RESOURCE_KIND_DESKTOP, flags);
  properties[PROP_RDP_URL] = g_param_spec_string ("rdp-url", NULL, NULL, NULL, flags);
  properties[PROP_PUBLISHER] = g_param_spec_string ("publisher", NULL, NULL, NULL, flags);
  properties[PROP_SHOW_BY_DEFAULT] = g_param_spec_boolean ("show-by-default", NULL, NULL,
                                                           TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
atr_resource_init (AtrResource *self)
{
  self->show_by_default = TRUE;
  self->icons = g_array_new (FALSE, TRUE, sizeof (AtrIcon));
  g_array_set_clear_func (self->icons, clear_icon);
}

/**
 * atr_resource_builder_new:
 * @id: the feed's stable resource ID
 * @kind: desktop or RemoteApp
 *
 * Starts building a resource. Setters replace earlier values; adders append.
 * atr_resource_builder_end() hands out the finished, immutable resource.
 */
AtrResourceBuilder *
atr_resource_builder_new (const char      *id,
                          AtrResourceKind  kind)
{
  AtrResourceBuilder *builder;

  g_return_val_if_fail (id != NULL, NULL);

  builder = g_new0 (AtrResourceBuilder, 1);
  builder->resource = g_object_new (ATR_TYPE_RESOURCE, NULL);
  builder->resource->id = g_strdup (id);
  builder->resource->kind = kind;
  builder->folders = g_ptr_array_new_with_free_func (g_free);
  builder->file_extensions = g_ptr_array_new_with_free_func (g_free);

  return builder;
}

static void
replace_string (char       **field,
                const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

void
atr_resource_builder_set_alias (AtrResourceBuilder *builder,
                                const char         *alias)
{
  g_return_if_fail (builder != NULL);
  replace_string (&builder->resource->alias, alias);
}

void
atr_resource_builder_set_title (AtrResourceBuilder *builder,
                                const char         *title)
{
  g_return_if_fail (builder != NULL);
  replace_string (&builder->resource->title, title);
}

void
atr_resource_builder_set_rdp_url (AtrResourceBuilder *builder,
                                  const char         *rdp_url)
{
  g_return_if_fail (builder != NULL);
  replace_string (&builder->resource->rdp_url, rdp_url);
}

void
atr_resource_builder_set_publisher (AtrResourceBuilder *builder,
                                    const char         *publisher)
{
  g_return_if_fail (builder != NULL);
  replace_string (&builder->resource->publisher, publisher);
}

void
atr_resource_builder_set_show_by_default (AtrResourceBuilder *builder,
                                          gboolean            show)
{
  g_return_if_fail (builder != NULL);
  builder->resource->show_by_default = !!show;
}

static gboolean
contains_string (GPtrArray  *array,
                 const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_strcmp0 (g_ptr_array_index (array, i), value) == 0)
      return TRUE;
  return FALSE;
}

void
atr_resource_builder_add_folder (AtrResourceBuilder *builder,
                                 const char         *folder)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (folder != NULL);

  if (!contains_string (builder->folders, folder))
    g_ptr_array_add (builder->folders, g_strdup (folder));
}

void
atr_resource_builder_add_file_extension (AtrResourceBuilder *builder,
                                         const char         *extension)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (extension != NULL);

  if (!contains_string (builder->file_extensions, extension))
    g_ptr_array_add (builder->file_extensions, g_strdup (extension));
}

void
atr_resource_builder_add_icon (AtrResourceBuilder *builder,
                               guint               size,
                               const char         *url)
{
  GArray *icons;
  AtrIcon icon;
  guint pos;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (url != NULL);

  icons = builder->resource->icons;
  for (pos = 0; pos < icons->len; pos++)
    {
      AtrIcon *existing = &g_array_index (icons, AtrIcon, pos);

      if (existing->size == size)
        {
          replace_string (&existing->url, url);
          return;
        }
      if (existing->size > size)
        break;
    }

  icon.size = size;
  icon.url = g_strdup (url);
  g_array_insert_val (icons, pos, icon);
}

static char **
steal_strv (GPtrArray **array)
{
  g_ptr_array_add (*array, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (array), FALSE);
}

AtrResource *
atr_resource_builder_end (AtrResourceBuilder *builder)
{
  AtrResource *resource;

  g_return_val_if_fail (builder != NULL, NULL);

  resource = g_steal_pointer (&builder->resource);
  if (resource->alias == NULL)
    resource->alias = g_strdup (resource->id);
  if (resource->title == NULL)
    resource->title = g_strdup (resource->alias);
  resource->folders = steal_strv (&builder->folders);
  resource->file_extensions = steal_strv (&builder->file_extensions);
  g_free (builder);

  return resource;
}

void
atr_resource_builder_free (AtrResourceBuilder *builder)
{
  if (builder == NULL)
    return;

  g_clear_object (&builder->resource);
  g_clear_pointer (&builder->folders, g_ptr_array_unref);
  g_clear_pointer (&builder->file_extensions, g_ptr_array_unref);
  g_free (builder);
}

const char *
atr_resource_get_id (AtrResource *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (self), NULL);
  return self->id;
}

const char *
atr_resource_get_alias (AtrResource *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (self), NULL);
  return self->alias;
}

const char *
atr_resource_get_title (AtrResource *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (self), NULL);
  return self->title;
}

AtrResourceKind
atr_resource_get_kind (AtrResource *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (self), ATR_RESOURCE_KIND_DESKTOP);
  return self->kind;
}

const char *
atr_resource_get_rdp_url (AtrResource *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (self), NULL);
  return self->rdp_url;
}

const char *
atr_resource_get_publisher (AtrResource *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (self), NULL);
  return self->publisher;
}

gboolean
atr_resource_get_show_by_default (AtrResource *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (self), TRUE);
  return self->show_by_default;
}

/**
 * atr_resource_get_folders:
 *
 * Returns: (transfer none): the folders ("/" is the root) the resource is shown in; empty
 *   means the root only.
 */
const char * const *
atr_resource_get_folders (AtrResource *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (self), NULL);
  return (const char * const *) self->folders;
}

const char * const *
atr_resource_get_file_extensions (AtrResource *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (self), NULL);
  return (const char * const *) self->file_extensions;
}

guint
atr_resource_get_n_icons (AtrResource *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (self), 0);
  return self->icons->len;
}

/**
 * atr_resource_get_icon:
 * @index: 0 … n_icons - 1, in ascending size
 * @size: (out) (optional): the icon's pixel size, or %ATR_RESOURCE_ICON_RAW
 *
 * Returns: (transfer none): the icon's absolute URL
 */
const char *
atr_resource_get_icon (AtrResource *self,
                       guint        index,
                       guint       *size)
{
  const AtrIcon *icon;

  g_return_val_if_fail (ATR_IS_RESOURCE (self), NULL);
  g_return_val_if_fail (index < self->icons->len, NULL);

  icon = &g_array_index (self->icons, AtrIcon, index);
  if (size != NULL)
    *size = icon->size;
  return icon->url;
}

/**
 * atr_resource_lookup_icon:
 * @size: the wanted pixel size
 *
 * Returns: (nullable): the URL of the smallest PNG icon at least @size pixels, else the
 *   largest one, else the raw icon; %NULL when the resource has none.
 */
const char *
atr_resource_lookup_icon (AtrResource *self,
                          guint        size)
{
  const char *best = NULL;

  g_return_val_if_fail (ATR_IS_RESOURCE (self), NULL);

  for (guint i = 0; i < self->icons->len; i++)
    {
      const AtrIcon *icon = &g_array_index (self->icons, AtrIcon, i);

      best = icon->url;
      if (icon->size >= size)
        break;
    }

  return best;
}

static gboolean
strv_equal (char **a,
            char **b)
{
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/**
 * atr_resource_equal:
 *
 * Returns: %TRUE when every field of @a and @b is the same, so a refreshed list can keep
 *   the old object (and the widgets showing it).
 */
gboolean
atr_resource_equal (AtrResource *a,
                    AtrResource *b)
{
  g_return_val_if_fail (ATR_IS_RESOURCE (a), FALSE);
  g_return_val_if_fail (ATR_IS_RESOURCE (b), FALSE);

  if (a == b)
    return TRUE;

  if (a->kind != b->kind ||
      a->show_by_default != b->show_by_default ||
      g_strcmp0 (a->id, b->id) != 0 ||
      g_strcmp0 (a->alias, b->alias) != 0 ||
      g_strcmp0 (a->title, b->title) != 0 ||
      g_strcmp0 (a->rdp_url, b->rdp_url) != 0 ||
      g_strcmp0 (a->publisher, b->publisher) != 0 ||
      !strv_equal (a->folders, b->folders) ||
      !strv_equal (a->file_extensions, b->file_extensions) ||
      a->icons->len != b->icons->len)
    return FALSE;

  for (guint i = 0; i < a->icons->len; i++)
    {
      const AtrIcon *ia = &g_array_index (a->icons, AtrIcon, i);
      const AtrIcon *ib = &g_array_index (b->icons, AtrIcon, i);

      if (ia->size != ib->size || g_strcmp0 (ia->url, ib->url) != 0)
        return FALSE;
    }

  return TRUE;
}

/**
 * atr_resource_kind_to_string:
 *
 * Returns: the stable machine name: "desktop" or "remoteapp".
 */
const char *
atr_resource_kind_to_string (AtrResourceKind kind)
{
  return kind == ATR_RESOURCE_KIND_REMOTEAPP ? "remoteapp" : "desktop";
}
