/* atr-resource-list.c — the resources of one tenant as a GListModel
 *
 * A refresh replaces the whole list at once. Items that did not change keep their old
 * objects, and the change is announced as one items-changed over the smallest span that
 * differs (common head and tail are left alone), so views keep scroll position and focus.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include "atr-resource-list.h"

struct _AtrResourceList
{
  GObject    parent_instance;
  GPtrArray *items;   /* of AtrResource */
};

static GType
atr_resource_list_get_item_type (GListModel *model)
{
  return ATR_TYPE_RESOURCE;
}

static guint
atr_resource_list_get_n_items (GListModel *model)
{
  return ATR_RESOURCE_LIST (model)->items->len;
}

static gpointer
atr_resource_list_get_item (GListModel *model,
                            guint       position)
{
  AtrResourceList *self = ATR_RESOURCE_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = atr_resource_list_get_item_type;
  iface->get_n_items = atr_resource_list_get_n_items;
  iface->get_item = atr_resource_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (AtrResourceList, atr_resource_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
atr_resource_list_finalize (GObject *object)
{
  AtrResourceList *self = ATR_RESOURCE_LIST (object);

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (atr_resource_list_parent_class)->finalize (object);
}

static void
atr_resource_list_class_init (AtrResourceListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_resource_list_finalize;
}

static void
atr_resource_list_init (AtrResourceList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

AtrResourceList *
atr_resource_list_new (void)
{
  return g_object_new (ATR_TYPE_RESOURCE_LIST, NULL);
}

static AtrResource *
item_at (GPtrArray *array,
         guint      index)
{
  return g_ptr_array_index (array, index);
}

/**
 * atr_resource_list_replace:
 * @resources: (element-type AtrResource) (transfer none): the new contents, in order
 *
 * Replaces the contents atomically. Unchanged resources keep their existing objects;
 * exactly one items-changed is emitted, covering only the span that differs, or none when
 * nothing changed.
 */
void
atr_resource_list_replace (AtrResourceList *self,
                           GPtrArray       *resources)
{
  g_autoptr(GPtrArray) next = NULL;
  guint old_len, new_len, head = 0, tail = 0;

  g_return_if_fail (ATR_IS_RESOURCE_LIST (self));
  g_return_if_fail (resources != NULL);

  old_len = self->items->len;
  new_len = resources->len;

  while (head < old_len && head < new_len &&
         atr_resource_equal (item_at (self->items, head), item_at (resources, head)))
    head++;

  while (tail < old_len - head && tail < new_len - head &&
         atr_resource_equal (item_at (self->items, old_len - 1 - tail),
                             item_at (resources, new_len - 1 - tail)))
    tail++;

  if (head == old_len && head == new_len)
    return;

  next = g_ptr_array_new_full (new_len, g_object_unref);
  for (guint i = 0; i < new_len; i++)
    {
      AtrResource *item;

      if (i < head)
        item = item_at (self->items, i);
      else if (i >= new_len - tail)
        item = item_at (self->items, old_len - (new_len - i));
      else
        item = item_at (resources, i);
      g_ptr_array_add (next, g_object_ref (item));
    }

  g_ptr_array_unref (self->items);
  self->items = g_steal_pointer (&next);

  g_list_model_items_changed (G_LIST_MODEL (self), head,
                              old_len - head - tail, new_len - head - tail);
}

/**
 * atr_resource_list_find_by_id:
 *
 * Returns: (transfer none) (nullable): the resource with the feed ID @id
 */
AtrResource *
atr_resource_list_find_by_id (AtrResourceList *self,
                              const char      *id)
{
  g_return_val_if_fail (ATR_IS_RESOURCE_LIST (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->items->len; i++)
    if (g_strcmp0 (atr_resource_get_id (item_at (self->items, i)), id) == 0)
      return item_at (self->items, i);

  return NULL;
}
