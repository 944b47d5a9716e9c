/* atr-resources-page.c — the tenant's desktops and apps: grid, folders, search, states
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-a11y.h"
#include "atr-icon-cache.h"
#include "atr-plain-text.h"
#include "atr-resource-tile.h"
#include "atr-ui.h"
#include "atr-ui-text.h"

#include "atr-resources-page.h"

struct _AtrResourcesPage
{
  AdwBin              parent_instance;

  GtkRevealer        *banner;
  GtkLabel           *banner_label;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *folder_dropdown;
  GtkToggleButton    *show_all_button;
  GtkStack           *stack;
  GtkGridView        *grid;
  GtkSpinner         *spinner;
  AdwStatusPage      *error_page;
  GtkButton          *error_button;

  AtrWorkspace       *workspace;
  AtrIconCache       *icons;
  GtkFilterListModel *filtered;
  GtkSliceListModel  *first_rows;      /* the grid's view of filtered; see expand_tick_cb */
  guint               expand_tick;
  gint64              grid_frame;      /* the frame that first shows the grid */
  GtkCustomFilter    *place_filter;    /* folder + show-by-default */
  GtkStringFilter    *search_filter;
  GtkStringList      *folder_labels;
  GStrv               folders;         /* parallel to folder_labels; "" = all */
  guint               banner_timer;
};

G_DEFINE_FINAL_TYPE (AtrResourcesPage, atr_resources_page, ADW_TYPE_BIN)

enum {
  SIGNAL_ACTIVATE_RESOURCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
current_folder (AtrResourcesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->folder_dropdown);

  if (self->folders == NULL || selected == GTK_INVALID_LIST_POSITION ||
      selected >= g_strv_length (self->folders))
    return NULL;
  return self->folders[selected];
}

static gboolean
place_filter_func (gpointer item,
                   gpointer user_data)
{
  AtrResourcesPage *self = user_data;

  return atr_ui_resource_matches (ATR_RESOURCE (item), current_folder (self),
                                  gtk_toggle_button_get_active (self->show_all_button));
}

static void
update_banner (AtrResourcesPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *updated = NULL;
  g_autofree char *text = NULL;
  gboolean stale = self->workspace && atr_workspace_get_stale (self->workspace) &&
                   atr_workspace_get_state (self->workspace) == ATR_WORKSPACE_STATE_READY;
  const GError *error;

  if (gtk_revealer_get_reveal_child (self->banner) != stale)
    atr_ui_debug ("offline banner %s", stale ? "shown" : "hidden");
  gtk_revealer_set_reveal_child (self->banner, stale);
  if (!stale)
    return;

  updated = atr_ui_format_last_updated (atr_workspace_get_fetched (self->workspace), now);
  /* Translators: %s is "Last updated 5 minutes ago" or similar. */
  text = g_strdup_printf (_("Offline — showing saved resources. %s."), updated);
  gtk_label_set_text (self->banner_label, text);
  error = atr_workspace_get_error (self->workspace);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->banner_label), error ? error->message : NULL);
}

static gboolean
banner_tick_cb (gpointer user_data)
{
  update_banner (user_data);
  return G_SOURCE_CONTINUE;
}

static void expand_after_first_frame (AtrResourcesPage *self);

static void
update_state (AtrResourcesPage *self)
{
  const GError *error = NULL;
  AtrWorkspaceState state = ATR_WORKSPACE_STATE_IDLE;
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  const char *page;

  if (self->workspace != NULL)
    {
      state = atr_workspace_get_state (self->workspace);
      error = atr_workspace_get_error (self->workspace);
    }

  gtk_spinner_set_spinning (self->spinner, state == ATR_WORKSPACE_STATE_LOADING);
  if (state == ATR_WORKSPACE_STATE_LOADING || state == ATR_WORKSPACE_STATE_IDLE)
    page = "loading";
  else if ((state == ATR_WORKSPACE_STATE_ERROR || state == ATR_WORKSPACE_STATE_NEEDS_SIGN_IN)
           && error != NULL)
    {
      g_autofree char *title = atr_ui_error_title (error);
      g_autofree char *description = atr_ui_error_description (error);
      gboolean sign_in = atr_ui_error_action (error) == ATR_UI_ACTION_SIGN_IN;

      /* Plain text: the description carries the server's reason phrase. */
      atr_plain_text_status_page (self->error_page, title, description);
      gtk_button_set_label (self->error_button, sign_in ? _("_Sign In Again") : _("_Try Again"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->error_button),
                                      sign_in ? "win.sign-in" : "win.refresh");
      atr_ui_debug ("resources error: %s | %s", title, error->message);
      page = "error";
    }
  else if (shown > 0)
    page = "grid";
  else if (g_list_model_get_n_items (G_LIST_MODEL (atr_workspace_get_resources (self->workspace))) == 0)
    page = "empty";
  else
    page = "no-results";

  atr_ui_debug ("resources %s shown=%u of %u", page, shown,
                self->workspace ? g_list_model_get_n_items (G_LIST_MODEL (atr_workspace_get_resources (self->workspace))) : 0);
  gtk_stack_set_visible_child_name (self->stack, page);
  if (g_str_equal (page, "grid"))
    expand_after_first_frame (self);
  update_banner (self);
}

/* GTK 4.8's GtkGridView makes 32 rows of tiles (256 at 8 columns) as soon as its model
 * changes. The first frame that shows the grid only needs what fits on screen, so the grid
 * sees the first FIRST_FRAME_ITEMS until that frame has been drawn, then all of them. */
#define FIRST_FRAME_ITEMS 64

static gboolean
expand_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  AtrResourcesPage *self = user_data;

  /* The first tick comes before the frame with the grid is drawn; the second after it. */
  if (gdk_frame_clock_get_frame_counter (clock) <= self->grid_frame)
    return G_SOURCE_CONTINUE;
  self->expand_tick = 0;
  gtk_slice_list_model_set_size (self->first_rows, G_MAXUINT);
  return G_SOURCE_REMOVE;
}

static void
expand_after_first_frame (AtrResourcesPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->grid));

  if (self->expand_tick != 0 || gtk_slice_list_model_get_size (self->first_rows) == G_MAXUINT)
    return;
  self->grid_frame = clock ? gdk_frame_clock_get_frame_counter (clock) + 1 : 0;
  self->expand_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->grid), expand_tick_cb,
                                                    self, NULL);
}

static void
rebuild_folders (AtrResourcesPage *self)
{
  g_autofree char *previous = g_strdup (current_folder (self));
  g_auto(GStrv) found = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint select = 0;

  if (self->workspace != NULL)
    found = atr_ui_collect_folders (G_LIST_MODEL (atr_workspace_get_resources (self->workspace)));

  g_strv_builder_add (builder, "");
  g_ptr_array_add (labels, atr_ui_folder_label (""));
  for (guint i = 0; found != NULL && found[i] != NULL; i++)
    {
      g_strv_builder_add (builder, found[i]);
      g_ptr_array_add (labels, atr_ui_folder_label (found[i]));
      if (g_strcmp0 (previous, found[i]) == 0)
        select = i + 1;
    }
  g_ptr_array_add (labels, NULL);

  g_strfreev (self->folders);
  self->folders = g_strv_builder_end (builder);
  gtk_string_list_splice (self->folder_labels, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->folder_labels)),
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->folder_dropdown, select);
  /* One folder (or none) is no choice at all. */
  gtk_widget_set_visible (GTK_WIDGET (self->folder_dropdown), g_strv_length (self->folders) > 2);
}

static void
resources_changed_cb (AtrResourcesPage *self)
{
  rebuild_folders (self);
  update_state (self);
}

static void
place_changed_cb (AtrResourcesPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->place_filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  gtk_list_item_set_child (item, atr_resource_tile_new ());
}

/* A screen reader names a tile "Excel, App", on the tile and on the grid cell holding it:
 * the cell is what takes the keyboard focus (GTK 4.8's GtkListItem has no accessible label
 * of its own). */
static void
set_tile_accessible_name (GtkWidget   *tile,
                          AtrResource *resource)
{
  GtkWidget *cell = gtk_widget_get_parent (tile);
  g_autofree char *name = NULL;

  if (resource == NULL)
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL);
      if (cell != NULL)
        gtk_accessible_reset_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  if (atr_resource_get_show_by_default (resource))
    /* Translators: how a screen reader names a resource tile: the resource's title, then
     * "Desktop" or "App". */
    name = g_strdup_printf (C_("resource tile", "%s, %s"), atr_resource_get_title (resource),
                            atr_ui_kind_label (atr_resource_get_kind (resource)));
  else
    /* Translators: the same for a resource hidden by default (shown by "Show All"). */
    name = g_strdup_printf (C_("resource tile", "%s, %s, hidden"),
                            atr_resource_get_title (resource),
                            atr_ui_kind_label (atr_resource_get_kind (resource)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (cell != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                    -1);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         AtrResourcesPage         *self)
{
  GtkWidget *tile = gtk_list_item_get_child (item);

  atr_resource_tile_set_resource (ATR_RESOURCE_TILE (tile), gtk_list_item_get_item (item),
                                  self->icons);
  set_tile_accessible_name (tile, gtk_list_item_get_item (item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           gpointer                  user_data)
{
  GtkWidget *tile = gtk_list_item_get_child (item);

  atr_resource_tile_set_resource (ATR_RESOURCE_TILE (tile), NULL, NULL);
  set_tile_accessible_name (tile, NULL);
}

static void
activate_position (AtrResourcesPage *self,
                   guint             position)
{
  g_autoptr(AtrResource) resource = g_list_model_get_item (G_LIST_MODEL (self->filtered),
                                                           position);

  if (resource != NULL)
    g_signal_emit (self, signals[SIGNAL_ACTIVATE_RESOURCE], 0, resource);
}

static void
grid_activate_cb (AtrResourcesPage *self,
                  guint             position)
{
  activate_position (self, position);
}

static void
search_activate_cb (AtrResourcesPage *self)
{
  /* Return in the search entry opens the first match: type, Return, done. */
  activate_position (self, 0);
}

static void
search_stop_cb (AtrResourcesPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* The cell showing the first tile takes the focus. GTK 4.8's grid has neither scroll_to nor
 * a way to focus a position: its scroll-to-item action makes sure the first item has a cell
 * (and brings it into view), then the cell bound to that item is focused. */
static gboolean
focus_first_tile (AtrResourcesPage *self)
{
  g_autoptr(AtrResource) first = g_list_model_get_item (G_LIST_MODEL (self->first_rows), 0);

  if (first == NULL)
    return FALSE;

  gtk_widget_activate_action (GTK_WIDGET (self->grid), "list.scroll-to-item", "u", 0);
  for (GtkWidget *cell = gtk_widget_get_first_child (GTK_WIDGET (self->grid));
       cell != NULL;
       cell = gtk_widget_get_next_sibling (cell))
    {
      GtkWidget *tile = gtk_widget_get_first_child (cell);

      if (ATR_IS_RESOURCE_TILE (tile) &&
          atr_resource_tile_get_resource (ATR_RESOURCE_TILE (tile)) == first)
        return gtk_widget_grab_focus (cell);
    }
  return FALSE;
}

/* Down in the search entry moves to the first tile, whichever tile had the focus before. */
static gboolean
search_key_pressed_cb (AtrResourcesPage      *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 ||
      !g_str_equal (gtk_stack_get_visible_child_name (self->stack), "grid"))
    return GDK_EVENT_PROPAGATE;

  return focus_first_tile (self) ? GDK_EVENT_STOP : GDK_EVENT_PROPAGATE;
}

/* Tab enters the grid once and leaves it at once (arrow keys move inside): while the grid
 * has the focus, Tab and Shift+Tab move on as if the grid were one control. GTK 4.8's grid
 * has no tab-behavior property (4.12): for this one move it takes no focus, so the window
 * passes the focus to whatever comes after (or before) it. */
static gboolean
grid_key_pressed_cb (AtrResourcesPage      *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  GtkWidget *grid = GTK_WIDGET (self->grid);
  GtkDirectionType direction;
  GtkRoot *root;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return GDK_EVENT_PROPAGATE;
  root = gtk_widget_get_root (grid);
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0 || root == NULL)
    return GDK_EVENT_PROPAGATE;

  gtk_widget_set_can_focus (grid, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    gtk_widget_child_focus (GTK_WIDGET (root), direction);   /* wrapped around */
  gtk_widget_set_can_focus (grid, TRUE);
  return GDK_EVENT_STOP;
}

static void
atr_resources_page_dispose (GObject *object)
{
  AtrResourcesPage *self = ATR_RESOURCES_PAGE (object);

  atr_resources_page_set_workspace (self, NULL);
  g_clear_handle_id (&self->banner_timer, g_source_remove);
  if (self->expand_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->grid), self->expand_tick);
  self->expand_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), ATR_TYPE_RESOURCES_PAGE);
  g_clear_object (&self->first_rows);
  g_clear_object (&self->filtered);
  g_clear_object (&self->folder_labels);
  g_clear_pointer (&self->folders, g_strfreev);

  G_OBJECT_CLASS (atr_resources_page_parent_class)->dispose (object);
}

static void
atr_resources_page_class_init (AtrResourcesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atr_resources_page_dispose;

  signals[SIGNAL_ACTIVATE_RESOURCE] =
    g_signal_new ("activate-resource", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, ATR_TYPE_RESOURCE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/atrium/Atrium/ui/atr-resources-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AtrResourcesPage, banner);
  gtk_widget_class_bind_template_child (widget_class, AtrResourcesPage, banner_label);
  gtk_widget_class_bind_template_child (widget_class, AtrResourcesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, AtrResourcesPage, folder_dropdown);
  gtk_widget_class_bind_template_child (widget_class, AtrResourcesPage, show_all_button);
  gtk_widget_class_bind_template_child (widget_class, AtrResourcesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, AtrResourcesPage, grid);
  gtk_widget_class_bind_template_child (widget_class, AtrResourcesPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AtrResourcesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, AtrResourcesPage, error_button);
  gtk_widget_class_bind_template_callback (widget_class, grid_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
}

static void
atr_resources_page_init (AtrResourcesPage *self)
{
  GtkListItemFactory *factory;
  GtkEventController *controller;
  GtkEveryFilter *every;
  GtkExpression *title;
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->place_filter = gtk_custom_filter_new (place_filter_func, self, NULL);
  title = gtk_property_expression_new (ATR_TYPE_RESOURCE, NULL, "title");
  self->search_filter = gtk_string_filter_new (title);
  gtk_string_filter_set_match_mode (self->search_filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->search_filter, TRUE);
  every = gtk_every_filter_new ();
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), GTK_FILTER (self->place_filter));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), GTK_FILTER (self->search_filter));
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (every));
  g_object_bind_property (self->search_entry, "text", self->search_filter, "search",
                          G_BINDING_SYNC_CREATE);

  self->first_rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)), 0,
                                               FIRST_FRAME_ITEMS);
  /* No selection: a tile is opened (one click, Return), never selected. A plain arrow key
   * in a grid with a selection moves and selects; with GTK 4.18 (Debian 13) the first such
   * move left the focus on the tile it started from (Right from the first tile did nothing
   * once; Ctrl+Right, which does not select, moved). */
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->first_rows)));
  gtk_grid_view_set_model (self->grid, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);
  gtk_grid_view_set_factory (self->grid, factory);
  g_object_unref (factory);

  self->folder_labels = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->folder_dropdown, G_LIST_MODEL (self->folder_labels));
  atr_a11y_name_drop_down_items (self->folder_dropdown);
  g_signal_connect_object (self->folder_dropdown, "notify::selected",
                           G_CALLBACK (place_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->show_all_button, "toggled",
                           G_CALLBACK (place_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (search_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (grid_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->grid), controller);

  /* Type anywhere on the page to search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  rebuild_folders (self);

  /* "Last updated 5 minutes ago" ages while it is shown. */
  self->banner_timer = g_timeout_add_seconds (30, banner_tick_cb, self);
}

void
atr_resources_page_set_workspace (AtrResourcesPage *self,
                                  AtrWorkspace     *workspace)
{
  g_return_if_fail (ATR_IS_RESOURCES_PAGE (self));
  g_return_if_fail (workspace == NULL || ATR_IS_WORKSPACE (workspace));

  if (self->workspace == workspace)
    return;

  if (self->workspace != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      g_signal_handlers_disconnect_by_data (atr_workspace_get_resources (self->workspace), self);
    }
  g_set_object (&self->workspace, workspace);
  g_clear_object (&self->icons);
  if (self->filtered == NULL)
    return;   /* disposing */

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (workspace != NULL)
    {
      AtrResourceList *resources = atr_workspace_get_resources (workspace);

      self->icons = atr_icon_cache_new (atr_workspace_get_http (workspace));
      g_signal_connect_swapped (workspace, "notify::state", G_CALLBACK (update_state), self);
      g_signal_connect_swapped (workspace, "notify::stale", G_CALLBACK (update_banner), self);
      g_signal_connect_swapped (workspace, "notify::fetched", G_CALLBACK (update_banner), self);
      gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (resources));
      /* After the filter model has taken the change in: rebuilding the folder list may
       * refilter, which must not happen while the filter model is still catching up (it
       * would count the new items twice). */
      g_signal_connect_data (resources, "items-changed", G_CALLBACK (resources_changed_cb),
                             self, NULL, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
    }
  else
    gtk_filter_list_model_set_model (self->filtered, NULL);

  rebuild_folders (self);
  update_state (self);
}

AtrWorkspace *
atr_resources_page_get_workspace (AtrResourcesPage *self)
{
  g_return_val_if_fail (ATR_IS_RESOURCES_PAGE (self), NULL);
  return self->workspace;
}

void
atr_resources_page_focus_search (AtrResourcesPage *self)
{
  g_return_if_fail (ATR_IS_RESOURCES_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
