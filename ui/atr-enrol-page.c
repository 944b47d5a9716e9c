/* atr-enrol-page.c — add a workspace: address → how it resolved → branding → save
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-address.h"
#include "atr-net-error.h"
#include "atr-plain-text.h"
#include "atr-tenant-loader.h"
#include "atr-theme-loader.h"
#include "atr-theme-manager.h"
#include "atr-ui.h"
#include "atr-ui-text.h"

#include "atr-enrol-page.h"

struct _AtrEnrolPage
{
  AdwBin          parent_instance;

  GtkEntry       *address_entry;
  GtkButton      *look_up_button;
  GtkWidget      *progress_box;
  GtkSpinner     *spinner;
  GtkLabel       *progress_label;
  GtkWidget      *error_box;
  GtkLabel       *error_title;
  GtkLabel       *error_description;
  GtkWidget      *preview_group;
  AdwActionRow   *welcome_row;
  AdwActionRow   *domain_row;
  AdwActionRow   *publisher_row;
  AdwActionRow   *feed_row;
  AdwActionRow   *found_row;
  GtkWidget      *cancel_button;
  GtkWidget      *add_button;

  AtrTrustStore  *trust;
  AtrAddress     *address;
  AtrTenantLoader *loader;
  AtrTenantManifest *manifest;
  AtrWorkspace   *candidate;
  char           *looked_up;       /* the entry's text the preview is for */
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (AtrEnrolPage, atr_enrol_page, ADW_TYPE_BIN)

enum {
  SIGNAL_ENROLLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_progress (AtrEnrolPage *self,
               const char   *text)
{
  gtk_widget_set_visible (self->progress_box, text != NULL);
  gtk_spinner_set_spinning (self->spinner, text != NULL);
  gtk_label_set_text (self->progress_label, text ? text : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->look_up_button), text == NULL);
}

static void
show_error (AtrEnrolPage *self,
            const GError *error)
{
  gtk_widget_set_visible (self->error_box, error != NULL);
  if (error != NULL)
    {
      g_autofree char *title = atr_ui_error_title (error);
      g_autofree char *description = atr_ui_error_description (error);

      gtk_label_set_text (self->error_title, title);
      gtk_label_set_text (self->error_description, description);
      atr_ui_debug ("enrol error: %s | %s", title, error->message);
      /* What a person reads, on one line: tests check it is in the user's language. */
      g_strdelimit (description, "\n", ' ');
      atr_ui_debug ("enrol error text: %s / %s", title, description);
    }
}

/* Add Workspace is the window's default widget while a preview is shown: Return adds
 * the workspace from anywhere on the page that does not take Return itself. */
static void
set_add_default (AtrEnrolPage *self,
                 gboolean      add_default)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!GTK_IS_WINDOW (root))
    return;
  if (add_default)
    gtk_window_set_default_widget (GTK_WINDOW (root), self->add_button);
  else if (gtk_window_get_default_widget (GTK_WINDOW (root)) == self->add_button)
    gtk_window_set_default_widget (GTK_WINDOW (root), NULL);
}

static void
drop_candidate (AtrEnrolPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->candidate != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->candidate, self);
      atr_workspace_cancel (self->candidate);
      g_clear_object (&self->candidate);
    }
  g_clear_object (&self->address);
  g_clear_object (&self->loader);
  g_clear_object (&self->manifest);
  g_clear_pointer (&self->looked_up, g_free);
  set_add_default (self, FALSE);
  gtk_widget_set_visible (self->preview_group, FALSE);
  gtk_widget_set_visible (self->add_button, FALSE);
}

static void
candidate_theme_cb (AtrEnrolPage *self)
{
  AtrTheme *theme = atr_workspace_get_theme (self->candidate);
  const char *title = NULL;

  /* A workspace that could not be reached previews nothing, its brand included. */
  if (atr_workspace_get_state (self->candidate) == ATR_WORKSPACE_STATE_ERROR)
    return;

  /* The tenant's branding, live, before anything is saved. */
  atr_theme_manager_set_theme_with_logos (atr_theme_manager_get_default (), theme,
                                          atr_workspace_get_logo (self->candidate, ATR_THEME_VARIANT_LIGHT),
                                          atr_workspace_get_logo (self->candidate, ATR_THEME_VARIANT_DARK));
  /* Atrium's own look (the tenant has no usable theme) names Atrium, not the organisation. */
  if (theme != NULL && !atr_theme_loader_is_default (theme))
    title = atr_theme_get_text (theme, g_get_language_names ()[0], ATR_THEME_TEXT_TITLE);
  if (title == NULL)
    title = atr_workspace_get_display_name (self->candidate);
  atr_plain_text_row (self->welcome_row, NULL, title);
  atr_ui_debug ("enrol organisation %s", title);
}

static void
candidate_state_cb (AtrEnrolPage *self)
{
  AtrWorkspaceState state = atr_workspace_get_state (self->candidate);
  const char *publisher = atr_workspace_get_publisher (self->candidate);

  switch (state)
    {
    case ATR_WORKSPACE_STATE_READY:
    case ATR_WORKSPACE_STATE_NEEDS_SIGN_IN:
      show_progress (self, NULL);
      show_error (self, NULL);
      atr_plain_text_row (self->publisher_row, NULL,
                          publisher ? publisher : _("Shown after you sign in"));
      gtk_widget_set_visible (self->preview_group, TRUE);
      gtk_widget_set_visible (self->add_button, TRUE);
      set_add_default (self, TRUE);
      gtk_widget_grab_focus (self->add_button);
      atr_ui_debug ("enrol preview %s publisher=%s",
                    atr_tenant_get_domain (atr_workspace_get_tenant (self->candidate)),
                    publisher ? publisher : "(sign-in needed)");
      break;
    case ATR_WORKSPACE_STATE_ERROR:
      /* Nothing of a workspace that failed is shown under the error: no preview, and
       * Atrium's own look instead of the tenant's (bundled or cached) brand. */
      show_progress (self, NULL);
      set_add_default (self, FALSE);
      show_error (self, atr_workspace_get_error (self->candidate));
      gtk_widget_set_visible (self->preview_group, FALSE);
      gtk_widget_set_visible (self->add_button, FALSE);
      atr_theme_manager_set_theme_with_logos (atr_theme_manager_get_default (), NULL, NULL,
                                              NULL);
      atr_ui_debug ("enrol preview cleared");
      gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
      break;
    case ATR_WORKSPACE_STATE_IDLE:
    case ATR_WORKSPACE_STATE_LOADING:
    default:
      break;
    }
}

/* The candidate for @feed_url: previewed (feed, theme) before anything is saved. */
static void
preview (AtrEnrolPage *self,
         const char   *feed_url,
         const char   *found)
{
  g_autoptr(AtrTenant) tenant = NULL;
  const char *domain = atr_address_get_domain (self->address);
  const char *name = self->manifest ? atr_tenant_manifest_get_display_name (self->manifest)
                                    : NULL;

  g_autofree char *domain_text = atr_ui_host_text (atr_address_get_display_domain (self->address),
                                                   domain);

  /* Plain text: the manifest's name and the feed's publisher are the tenant's words. The
   * domain shows its ASCII form beside an internationalised one. */
  atr_plain_text_row (self->domain_row, NULL, domain_text);
  atr_plain_text_row (self->feed_row, NULL, feed_url);
  atr_plain_text_row (self->found_row, NULL, found);
  atr_plain_text_row (self->welcome_row, NULL, name ? name : domain_text);
  show_progress (self, _("Contacting the workspace…"));

  tenant = atr_tenant_new (domain, feed_url, name);
  self->candidate = atr_workspace_new (tenant, self->trust);
  g_signal_connect_swapped (self->candidate, "notify::state", G_CALLBACK (candidate_state_cb),
                            self);
  g_signal_connect_swapped (self->candidate, "notify::theme", G_CALLBACK (candidate_theme_cb),
                            self);
  atr_workspace_refresh (self->candidate);
}

static void
resolved_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  AtrEnrolPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *feed_url = NULL;
  g_autofree char *found = NULL;
  AtrAddressFoundBy found_by;

  feed_url = atr_address_resolve_finish (ATR_ADDRESS (source), res, &found_by, NULL, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (feed_url == NULL)
    {
      show_progress (self, NULL);
      show_error (self, error);
      return;
    }

  found = atr_ui_found_by_label (atr_address_found_by_to_string (found_by),
                                 atr_address_get_domain (self->address));
  preview (self, feed_url, found);
}

/* The tenant manifest comes first: its feed_url overrides discovery (a typed feed URL
 * still wins), its display_name names the tenant. A tenant without one is normal. */
static void
manifest_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  AtrEnrolPage *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTenantManifest) manifest = NULL;
  const char *feed_url;

  manifest = atr_tenant_loader_load_finish (ATR_TENANT_LOADER (source), res, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_CERTIFICATE))
    {
      /* The tenant's own host is not who it claims to be: nothing it says is used. */
      show_progress (self, NULL);
      show_error (self, error);
      return;
    }
  if (error != NULL)
    g_debug ("enrol %s: no tenant manifest: %s", atr_address_get_domain (self->address),
             error->message);

  self->manifest = g_steal_pointer (&manifest);
  feed_url = self->manifest ? atr_tenant_manifest_get_feed_url (self->manifest) : NULL;
  if (feed_url != NULL && atr_address_get_feed_url (self->address) == NULL)
    {
      preview (self, feed_url, _("The workspace’s own settings"));
      return;
    }
  atr_address_resolve_async (self->address, NULL, self->cancellable, resolved_cb, self);
}

static void
look_up_cb (AtrEnrolPage *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_entry));

  drop_candidate (self);
  show_error (self, NULL);

  self->looked_up = g_strdup (text);
  self->address = atr_address_parse (text, &error);
  if (self->address == NULL)
    {
      show_error (self, error);
      return;
    }

  self->cancellable = g_cancellable_new ();
  show_progress (self, _("Looking up the workspace…"));
  self->loader = atr_tenant_loader_new (self->trust, self->address, &error);
  if (self->loader == NULL)
    {
      g_debug ("enrol %s: no tenant manifest: %s", text, error->message);
      atr_address_resolve_async (self->address, NULL, self->cancellable, resolved_cb, self);
      return;
    }
  atr_tenant_loader_load_async (self->loader, self->cancellable, manifest_cb, self);
}

static void add_cb (AtrEnrolPage *self);

/* Return in the address entry looks the address up; once its preview is shown, Return
 * (with the address unchanged) adds it, like the default button it now is. */
static void
entry_activate_cb (AtrEnrolPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->address_entry));

  if (gtk_widget_get_visible (self->add_button) && g_strcmp0 (text, self->looked_up) == 0)
    add_cb (self);
  else
    look_up_cb (self);
}

static void
add_cb (AtrEnrolPage *self)
{
  g_autoptr(AtrWorkspace) candidate = NULL;

  if (self->candidate == NULL)
    return;

  candidate = g_object_ref (self->candidate);
  g_signal_handlers_disconnect_by_data (self->candidate, self);
  g_clear_object (&self->candidate);
  drop_candidate (self);
  g_signal_emit (self, signals[SIGNAL_ENROLLED], 0, candidate);
}

/* Escape goes back where enrolment came from, when there is such a place (Cancel shown). */
static gboolean
escape_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  AtrEnrolPage *self = ATR_ENROL_PAGE (widget);

  if (!gtk_widget_get_visible (self->cancel_button) ||
      !gtk_widget_is_sensitive (self->cancel_button))
    return FALSE;
  atr_ui_debug ("enrol cancelled (Escape)");
  return gtk_widget_activate (self->cancel_button);
}

static void
atr_enrol_page_dispose (GObject *object)
{
  AtrEnrolPage *self = ATR_ENROL_PAGE (object);

  drop_candidate (self);
  g_clear_object (&self->trust);
  gtk_widget_dispose_template (GTK_WIDGET (self), ATR_TYPE_ENROL_PAGE);

  G_OBJECT_CLASS (atr_enrol_page_parent_class)->dispose (object);
}

static void
atr_enrol_page_class_init (AtrEnrolPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = atr_enrol_page_dispose;

  signals[SIGNAL_ENROLLED] =
    g_signal_new ("enrolled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, ATR_TYPE_WORKSPACE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/atrium/Atrium/ui/atr-enrol-page.ui");
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, address_entry);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, look_up_button);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, progress_box);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, error_title);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, error_description);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, preview_group);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, welcome_row);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, domain_row);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, publisher_row);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, feed_row);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, found_row);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AtrEnrolPage, add_button);
  gtk_widget_class_bind_template_callback (widget_class, look_up_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_cb);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_cb, NULL);
}

static void
atr_enrol_page_init (AtrEnrolPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
atr_enrol_page_set_trust (AtrEnrolPage  *self,
                          AtrTrustStore *trust)
{
  g_return_if_fail (ATR_IS_ENROL_PAGE (self));
  g_return_if_fail (trust == NULL || ATR_IS_TRUST_STORE (trust));

  g_set_object (&self->trust, trust);
}

void
atr_enrol_page_reset (AtrEnrolPage *self,
                      const char   *address)
{
  g_return_if_fail (ATR_IS_ENROL_PAGE (self));

  drop_candidate (self);
  show_progress (self, NULL);
  show_error (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->address_entry), address ? address : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->address_entry));
}

void
atr_enrol_page_set_can_cancel (AtrEnrolPage *self,
                               gboolean      can_cancel)
{
  g_return_if_fail (ATR_IS_ENROL_PAGE (self));
  gtk_widget_set_visible (self->cancel_button, can_cancel);
}

AtrWorkspace *
atr_enrol_page_get_candidate (AtrEnrolPage *self)
{
  g_return_val_if_fail (ATR_IS_ENROL_PAGE (self), NULL);
  return self->candidate;
}

/* Looks up what the entry holds, as the Look Up button does (links that subscribe). */
void
atr_enrol_page_look_up (AtrEnrolPage *self)
{
  g_return_if_fail (ATR_IS_ENROL_PAGE (self));
  atr_ui_debug ("enrol look-up %s", gtk_editable_get_text (GTK_EDITABLE (self->address_entry)));
  look_up_cb (self);
}
