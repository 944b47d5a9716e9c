/* atr-a11y.c — accessible names GTK 4.8 does not give by itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GTK 4.8 names a control without an accessible label after its type ("GtkImage" for an
 * icon-only button, "GtkMenuButton", "GtkToggleButton" for a drop-down, "GtkSearchEntry"),
 * and reads a labelled button twice ("_Sign In Sign In": its label property, then the label
 * inside it). A screen reader user hears
 * that. atr_a11y_name_controls() names every such control under a widget from what a
 * sighted user reads: the label without its mnemonic, the tooltip of an icon-only button
 * (and of a drop-down's or menu button's inner button), the placeholder of a search entry;
 * it follows later changes of these texts. Text the .ui files give explicitly
 * (<accessibility>) is not touched: only these control types are named here.
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <adwaita.h>

#include "atr-a11y.h"

/* Without a text to read, a name given elsewhere (a .ui file, GTK itself) stays. */
static void
set_name (GtkWidget  *widget,
          const char *name)
{
  if (name != NULL && *name != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name, -1);
}

/* "_Sign In" → "Sign In"; "__" stands for one underscore. */
static char *
without_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static const char *
label_of (GtkWidget *widget,
          gboolean  *underline)
{
  if (GTK_IS_BUTTON (widget))
    {
      *underline = gtk_button_get_use_underline (GTK_BUTTON (widget));
      return gtk_button_get_label (GTK_BUTTON (widget));
    }
  if (GTK_IS_CHECK_BUTTON (widget))
    {
      *underline = gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget));
      return gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
    }
  *underline = FALSE;
  return NULL;
}

static void
name_button (GtkWidget *widget)
{
  gboolean underline;
  const char *label = label_of (widget, &underline);

  if (label != NULL && *label != '\0')
    {
      g_autofree char *plain = underline ? without_mnemonic (label) : g_strdup (label);

      /* GTK 4.8 names a button by its label property (with the mnemonic's underscore) and
       * again by the label inside it (labelled-by): one name, once. */
      set_name (widget, plain);
      gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget),
                                     GTK_ACCESSIBLE_RELATION_LABELLED_BY);
    }
  else
    set_name (widget, gtk_widget_get_tooltip_text (widget));
}

/* A drop-down's or menu button's focusable part is an inner button: it takes the outer
 * widget's tooltip ("Switch workspace", "Main Menu"), as does the outer widget. */
static void
name_composite (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (tooltip == NULL)
    return;
  set_name (widget, tooltip);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      {
        set_name (child, tooltip);
        gtk_accessible_reset_relation (GTK_ACCESSIBLE (child),
                                       GTK_ACCESSIBLE_RELATION_LABELLED_BY);
      }
}

static void
name_search_entry (GtkWidget *widget)
{
  g_autofree char *placeholder = NULL;

  g_object_get (widget, "placeholder-text", &placeholder, NULL);
  set_name (widget, placeholder);
}

/* An entry row ("User name"): libadwaita 1.7 shows its title in two labels (the title, and
 * the same words inside the empty entry), and GTK 4.18 names the focusable row from both:
 * "User name User name". One name, the title, once. */
static void
name_entry_row (GtkWidget *widget)
{
  set_name (widget, adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
}

void
atr_a11y_name_controls (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_ENTRY_ROW (root))
    {
      name_entry_row (root);
      g_signal_connect (root, "notify::title", G_CALLBACK (name_entry_row), NULL);
      /* its entry is named by the row's title already */
    }

  if (GTK_IS_MENU_BUTTON (root) || GTK_IS_DROP_DOWN (root))
    {
      name_composite (root);
      g_signal_connect (root, "notify::tooltip-text", G_CALLBACK (name_composite), NULL);
      return;
    }
  if (GTK_IS_BUTTON (root) || GTK_IS_CHECK_BUTTON (root))
    {
      name_button (root);
      g_signal_connect (root, "notify::label", G_CALLBACK (name_button), NULL);
      g_signal_connect (root, "notify::use-underline", G_CALLBACK (name_button), NULL);
      g_signal_connect (root, "notify::tooltip-text", G_CALLBACK (name_button), NULL);
      return;
    }
  if (GTK_IS_SEARCH_ENTRY (root))
    {
      name_search_entry (root);
      g_signal_connect (root, "notify::placeholder-text", G_CALLBACK (name_search_entry), NULL);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    atr_a11y_name_controls (child);
}

/* The items of a drop-down's list (a GtkStringList): GTK 4.8 leaves each row unnamed ("list
 * item"); here each is named by its text, and the selected one keeps its check mark. */
static void
item_selected_cb (GtkListItem *item,
                  GParamSpec  *pspec,
                  GtkWidget   *check)
{
  gtk_widget_set_opacity (check, gtk_list_item_get_selected (item) ? 1.0 : 0.0);
}

static void
item_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
  g_signal_connect_object (item, "notify::selected", G_CALLBACK (item_selected_cb), check, 0);
}

static void
item_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *label = gtk_widget_get_first_child (box);
  GtkWidget *row = gtk_widget_get_parent (box);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (GTK_LABEL (label), text);
  set_name (box, text);
  if (row != NULL)
    set_name (row, text);
  item_selected_cb (item, NULL, gtk_widget_get_last_child (box));
}

void
atr_a11y_name_drop_down_items (GtkDropDown *drop_down)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  g_signal_connect (factory, "setup", G_CALLBACK (item_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (item_bind_cb), NULL);
  gtk_drop_down_set_list_factory (drop_down, factory);
}
