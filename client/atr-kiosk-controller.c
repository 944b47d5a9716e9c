/* atr-kiosk-controller.c — applies kiosk mode (#6) to the running app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>

#include "atr-address.h"
#include "atr-data-dirs.h"
#include "atr-kiosk-backoff.h"
#include "atr-kiosk-idle.h"
#include "atr-kiosk-lock.h"
#include "atr-kiosk-pin.h"
#include "atr-kiosk-sessions.h"
#include "atr-kiosk-policy.h"
#include "atr-tenant.h"
#include "atr-tenant-loader.h"
#include "atr-tenant-registry.h"
#include "atr-ui.h"
#include "atr-user-wipe.h"
#include "atr-window.h"

#include "atr-kiosk-controller.h"

#define SETTINGS_SCHEMA "org.atrium.Atrium"
/* Marks a toplevel the controller has locked (or must leave alone: the PIN prompt). */
#define LOCKED_KEY ATR_KIOSK_LOCKED_KEY

typedef enum
{
  USER_NONE,        /* the branded sign-in, nobody there */
  USER_SIGNING_IN,  /* credentials submitted, resources not shown yet */
  USER_SIGNED_IN,   /* the resources are on screen */
  USER_WIPING,      /* signing out: nothing is shown until the wipe is done */
} UserState;

struct _AtrKioskController
{
  GObject             parent_instance;

  GtkApplication     *application;   /* not referenced: it owns us */
  AtrCredentialStore *credentials;
  AtrKioskConfig     *config;
  GError             *refused;       /* why the configuration cannot be used */
  gboolean            locked;
  gboolean            unlocked;      /* the administrator's PIN was given */
  gboolean            ready;         /* the tenant is in `settings` */
  gboolean            resolving;

  GSettings          *settings;
  AtrAddress         *address;
  char               *tenant_id;
  char               *secrets_id;   /* the credential store's key: the bare domain */
  GCancellable       *cancellable;
  GListModel         *toplevels;

  AtrWindow          *window;        /* weak: the main window once seen */
  GtkStack           *stack;
  UserState           user;
  AtrKioskIdle       *idle;
  guint               idle_source;
  AtrKioskBackoff    *retry;         /* resolving the tenant, and the wipe */
  guint               retry_source;
  AtrKioskPin        *pin;           /* NULL without exit_pin_sha256 */
  AtrKioskSessions   *sessions;      /* auto-launch, session ends, reconnecting */
  AtrLauncher        *launcher;
  GtkWindow          *status_window;
  GHashTable         *saved_accels;  /* action → char** */
};

G_DEFINE_FINAL_TYPE (AtrKioskController, atr_kiosk_controller, G_TYPE_OBJECT)

static void lock_toplevels (AtrKioskController *self);
static void sign_out (AtrKioskController *self, AtrKioskEndReason reason);

/* AtrKioskEndReason → the word in the debug lines. */
static const char * const end_reasons[] = {
  "signed-out", "closed", "network-lost", "idle", "refused",
};

/* --- status screen (refused configuration, failed wipe) -------------------------------- */

static void
retry_clicked_cb (AtrKioskController *self)
{
  sign_out (self, ATR_KIOSK_END_REFUSED);
}

/* A fullscreen screen with only @message on it; @retry adds a button that signs out
 * (wipes) again. The main window is hidden meanwhile. */
static void
show_status (AtrKioskController *self,
             const char         *title,
             const char         *message,
             gboolean            retry)
{
  GtkWidget *page;

  atr_ui_debug ("kiosk status %s: %s", title, message);
  if (self->status_window == NULL)
    {
      self->status_window = GTK_WINDOW (adw_application_window_new (self->application));
      g_object_add_weak_pointer (G_OBJECT (self->status_window),
                                 (gpointer *) &self->status_window);
      gtk_window_set_title (self->status_window, _("Atrium"));
      lock_toplevels (self);
    }
  page = atr_kiosk_lock_status_page_new (title, message, retry ? _("_Try Again") : NULL,
                                         G_CALLBACK (retry_clicked_cb), self);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self->status_window),
                                      page);
  if (self->window != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->window), FALSE);
  gtk_window_present (self->status_window);
}

static void
hide_status (AtrKioskController *self)
{
  if (self->status_window != NULL)
    gtk_window_destroy (self->status_window);
  if (self->window != NULL)
    gtk_window_present (GTK_WINDOW (self->window));
}

/* --- actions ----------------------------------------------------------------------------- */

/* --- idle logoff ------------------------------------------------------------------------- */

static gboolean idle_tick_cb (gpointer user_data);

static void
arm_idle (AtrKioskController *self)
{
  gint64 deadline = atr_kiosk_idle_get_deadline (self->idle);
  gint64 now = g_get_monotonic_time ();

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (deadline < 0)
    return;
  /* Whole milliseconds, rounded up, so that the tick is never early. */
  self->idle_source = g_timeout_add (deadline > now ? (guint) ((deadline - now + 999) / 1000) : 0,
                                     idle_tick_cb, self);
}

static gboolean
idle_tick_cb (gpointer user_data)
{
  AtrKioskController *self = user_data;
  gint64 now = g_get_monotonic_time ();
  AtrKioskIdleState before = atr_kiosk_idle_get_state (self->idle);
  AtrKioskIdleState state = atr_kiosk_idle_tick (self->idle, now);

  self->idle_source = 0;
  if (state == ATR_KIOSK_IDLE_LOGOFF)
    {
      sign_out (self, ATR_KIOSK_END_IDLE);
      return G_SOURCE_REMOVE;
    }
  if (state == ATR_KIOSK_IDLE_WARNING && before != ATR_KIOSK_IDLE_WARNING)
    {
      guint left = atr_kiosk_idle_get_seconds_left (self->idle, now);
      g_autofree char *text = NULL;

      atr_ui_debug ("kiosk idle warning seconds=%u", left);
      text = g_strdup_printf (ngettext (
                                           "You will be signed out in %u second unless you "
                                           "use the screen.",
                                           "You will be signed out in %u seconds unless you "
                                           "use the screen.", left), left);
      if (self->window != NULL)
        atr_window_add_toast (self->window, text);
    }
  arm_idle (self);
  return G_SOURCE_REMOVE;
}

static void
activity (AtrKioskController *self)
{
  if (self->idle == NULL || atr_kiosk_idle_get_state (self->idle) == ATR_KIOSK_IDLE_STOPPED)
    return;
  /* The pending tick finds the later deadline and re-arms itself; no timer churn per event,
   * except to leave the warning at once. */
  atr_kiosk_idle_activity (self->idle, g_get_monotonic_time ());
}

/* --- sign-out and the wipe between users ------------------------------------------------ */

static void go_home (AtrKioskController *self);

static void
wiped_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(AtrKioskController) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!atr_user_wipe_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Not handed to the next user: the error, and a retry. */
      show_status (self, _("This computer is not ready for the next user"), error->message,
                   TRUE);
      return;
    }
  atr_ui_debug ("kiosk wiped tenant=%s", self->tenant_id);
  hide_status (self);
  go_home (self);
}

static void
forget_secrets (const char *tenant_id,
                GTask      *task,
                gpointer    user_data)
{
  AtrKioskController *self = user_data;

  atr_kiosk_lock_forget_secrets (self->secrets_id, task, self->credentials);
}

static void
sign_out (AtrKioskController *self,
          AtrKioskEndReason   reason)
{
  GdkDisplay *display = gdk_display_get_default ();
  GListModel *toplevels = gtk_window_get_toplevels ();   /* (transfer none) */

  atr_ui_debug ("kiosk sign-out reason=%s", end_reasons[reason]);
  self->user = USER_WIPING;
  if (self->sessions != NULL)
    atr_kiosk_sessions_reset (self->sessions);
  atr_kiosk_idle_stop (self->idle);
  g_clear_handle_id (&self->idle_source, g_source_remove);

  /* Nothing of the user stays on screen: the workspace forgets the credentials and stops
   * fetching (so no feed is written after the wipe), other windows (sessions, dialogs) go. */
  if (self->window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->window), "win.sign-in", NULL);
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (window != GTK_WINDOW (self->window) && window != self->status_window)
        {
          atr_ui_debug ("kiosk closing %s", G_OBJECT_TYPE_NAME (window));
          gtk_window_destroy (window);
        }
    }
  if (display != NULL)
    {
      gdk_clipboard_set_content (gdk_display_get_clipboard (display), NULL);
      gdk_clipboard_set_content (gdk_display_get_primary_clipboard (display), NULL);
    }

  atr_user_wipe_async (self->tenant_id, NULL,
                       self->credentials != NULL ? forget_secrets : NULL, self,
                       self->cancellable, wiped_cb, g_object_ref (self));
}

/* The branded sign-in of the one tenant, from scratch (a new workspace: nothing of the
 * previous user is kept in memory either). */
static void
go_home (AtrKioskController *self)
{
  self->user = USER_NONE;
  if (self->window == NULL)
    return;
  atr_window_open_tenants (self->window);
  atr_kiosk_lock_set_actions_enabled (self->application, GTK_WIDGET (self->window), self->unlocked);
  atr_ui_debug ("kiosk home tenant=%s", self->tenant_id);
}

/* --- the main window --------------------------------------------------------------------- */

static void
page_changed_cb (AtrKioskController *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (self->window != NULL)
    atr_kiosk_lock_set_actions_enabled (self->application, GTK_WIDGET (self->window), self->unlocked);
  if (page == NULL || self->unlocked)
    return;
  if (g_str_equal (page, "enrol"))
    {
      /* Never reached through the (disabled) actions; if it is, back to the tenant. */
      go_home (self);
    }
  else if (g_str_equal (page, "resources") && self->user == USER_SIGNING_IN)
    {
      AtrWorkspace *workspace = atr_window_find_workspace (self->window,
                                                           atr_address_get_domain (self->address));

      self->user = USER_SIGNED_IN;
      atr_ui_debug ("kiosk signed in");
      if (workspace != NULL && self->sessions != NULL)
        atr_kiosk_sessions_signed_in (self->sessions, self->window, workspace);
    }
  else if (g_str_equal (page, "sign-in") && self->user == USER_SIGNED_IN)
    {
      /* "Sign Out" from the menu, or the tenant asked to sign in again. */
      sign_out (self, ATR_KIOSK_END_SIGNED_OUT);
    }
}

static void
submitted_cb (AtrKioskController *self)
{
  if (self->user != USER_NONE && self->user != USER_SIGNING_IN)
    return;
  self->user = USER_SIGNING_IN;
  atr_kiosk_idle_start (self->idle, g_get_monotonic_time ());
  arm_idle (self);
}

static void
watch_main_window (AtrKioskController *self,
                   AtrWindow          *window)
{
  GObject *page;

  if (self->window != NULL)
    return;
  self->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &self->window);

  /* The window's template children "stack" (pages enrol, sign-in, resources) and
   * "sign_in_page" (its "submit" signal) tell where the user is. */
  self->stack = GTK_STACK (gtk_widget_get_template_child (GTK_WIDGET (window), ATR_TYPE_WINDOW,
                                                          "stack"));
  page = gtk_widget_get_template_child (GTK_WIDGET (window), ATR_TYPE_WINDOW, "sign_in_page");
  if (self->stack == NULL || page == NULL)
    {
      g_debug ("kiosk: the main window has no stack or sign-in page; no sign-out tracking");
      return;
    }
  g_signal_connect_object (self->stack, "notify::visible-child-name",
                           G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (page, "submit", G_CALLBACK (submitted_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

/* --- toplevels: fullscreen, no close, key filter, activity ----------------------------- */

static gboolean
close_request_cb (GtkWindow          *window,
                  AtrKioskController *self)
{
  if (self->unlocked)
    return FALSE;
  atr_ui_debug ("kiosk refused close-request");
  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AtrKioskController    *self)
{
  guint modifiers = (guint) state;

  activity (self);
  if (self->unlocked)
    return FALSE;
  if (atr_kiosk_policy_key_is_admin_exit (keyval, modifiers))
    {
      if (self->pin != NULL)
        atr_kiosk_pin_prompt (self->pin, GTK_WINDOW (gtk_event_controller_get_widget (
                                                       GTK_EVENT_CONTROLLER (controller))));
      return TRUE;
    }
  if (atr_kiosk_policy_key_is_escape (keyval, modifiers))
    {
      g_autofree char *name = gtk_accelerator_name (keyval, state);

      atr_ui_debug ("kiosk swallowed key %s", name);
      return TRUE;
    }
  return FALSE;
}

static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                AtrKioskController       *self)
{
  switch (gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_KEY_PRESS:
      activity (self);
      break;
    default:
      break;
    }
  return FALSE;
}

static void
window_realized_cb (GtkWindow          *window,
                    AtrKioskController *self)
{
  if (self->unlocked)
    return;
  atr_kiosk_lock_set_actions_enabled (self->application, GTK_WIDGET (window), FALSE);
  if (ATR_IS_WINDOW (window))
    {
      atr_window_set_locked (ATR_WINDOW (window), TRUE);
      watch_main_window (self, ATR_WINDOW (window));
    }
}

static void
lock_window (AtrKioskController *self,
             GtkWindow          *window)
{
  GtkEventController *keys;
  GtkEventController *input;
  gboolean dialog = gtk_window_get_transient_for (window) != NULL;

  if (g_object_get_data (G_OBJECT (window), LOCKED_KEY) != NULL)
    return;
  g_object_set_data (G_OBJECT (window), LOCKED_KEY, GINT_TO_POINTER (1));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), keys);
  input = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (input, GTK_PHASE_CAPTURE);
  g_signal_connect_object (input, "event", G_CALLBACK (input_event_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (window), input);

  /* Toplevels are listed while still being constructed: their actions and template
   * children are there once realized. */
  g_signal_connect_object (window, "realize", G_CALLBACK (window_realized_cb), self, 0);

  /* Dialogs keep their own size and may close (their buttons do that). */
  if (dialog)
    return;
  gtk_window_set_deletable (window, FALSE);
  g_signal_connect_object (window, "close-request", G_CALLBACK (close_request_cb), self, 0);
  atr_kiosk_lock_fill_monitor (window);
}

static void
lock_toplevels (AtrKioskController *self)
{
  if (!self->locked || self->unlocked)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (self->toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (self->toplevels, i);

      lock_window (self, window);
    }
}

/* --- the administrator's exit PIN -------------------------------------------------------- */

static void
unlock (AtrKioskController *self)
{
  atr_ui_debug ("kiosk unlocked by the administrator");
  self->unlocked = TRUE;
  atr_kiosk_idle_stop (self->idle);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  atr_kiosk_lock_set_actions_enabled (self->application, NULL, TRUE);
  atr_kiosk_lock_restore_accels (self->application, self->saved_accels);
  for (guint i = 0; i < g_list_model_get_n_items (self->toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (self->toplevels, i);

      atr_kiosk_lock_set_actions_enabled (self->application, GTK_WIDGET (window), TRUE);
      if (ATR_IS_WINDOW (window))
        atr_window_set_locked (ATR_WINDOW (window), FALSE);
      gtk_window_set_deletable (window, TRUE);
    }
  if (gdk_display_get_default () != NULL)
    atr_kiosk_lock_show_window_controls (gdk_display_get_default (), TRUE);
}

/* --- configuration and start ------------------------------------------------------------- */

static void
toplevels_changed_cb (AtrKioskController *self)
{
  lock_toplevels (self);
}

static void
load (AtrKioskController *self,
      gboolean            force)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrKioskConfig) config = atr_kiosk_config_load (force, warnings, &error);

  for (guint i = 0; i < warnings->len; i++)
    g_message ("kiosk: %s", (const char *) g_ptr_array_index (warnings, i));

  if (config == NULL)
    {
      /* Fail closed: locked on the error screen, never the normal app. */
      self->refused = g_steal_pointer (&error);
    }
  else if (atr_kiosk_config_get_enabled (config))
    {
      self->address = atr_address_parse (atr_kiosk_config_get_tenant (config), &error);
      if (self->address == NULL)
        self->refused = g_error_new (error->domain, error->code, "%s: [%s] tenant: %s",
                                     atr_kiosk_config_get_path (config) ?
                                     atr_kiosk_config_get_path (config) : "atrium.conf",
                                     ATR_KIOSK_CONFIG_GROUP, error->message);
      else
        {  /* files: the branding cache's key (domain_port); secrets: the domain */
          self->tenant_id = atr_tenant_loader_tenant_id_for (self->address);
          self->secrets_id = atr_tenant_id_from_domain (atr_address_get_domain (self->address));
        }
      self->config = g_steal_pointer (&config);
    }
  else
    return;

  self->locked = TRUE;
  if (self->refused == NULL)
    {
      self->idle = atr_kiosk_idle_new (atr_kiosk_config_get_idle_logoff_minutes (self->config));
      self->sessions = atr_kiosk_sessions_new (self->application, self->config);
      g_signal_connect_object (self->sessions, "sign-out", G_CALLBACK (sign_out), self,
                               G_CONNECT_SWAPPED);
      if (self->launcher != NULL)
        atr_kiosk_sessions_set_launcher (self->sessions, self->launcher);
      if (atr_kiosk_config_get_exit_pin_sha256 (self->config) != NULL)
        {
          self->pin = atr_kiosk_pin_new (atr_kiosk_config_get_exit_pin_sha256 (self->config));
          g_signal_connect_object (self->pin, "unlocked", G_CALLBACK (unlock), self,
                                   G_CONNECT_SWAPPED);
        }
      atr_ui_debug ("kiosk locked tenant=%s idle=%u", self->tenant_id,
                    atr_kiosk_config_get_idle_logoff_minutes (self->config));
    }
  else
    atr_ui_debug ("kiosk refused: %s", self->refused->message);

  atr_kiosk_lock_set_actions_enabled (self->application, NULL, FALSE);
  atr_kiosk_lock_remove_accels (self->application, self->saved_accels);
  self->toplevels = g_object_ref (gtk_window_get_toplevels ());
  g_signal_connect_object (self->toplevels, "items-changed", G_CALLBACK (toplevels_changed_cb),
                           self, G_CONNECT_SWAPPED);
  lock_toplevels (self);
}

static gboolean retry_start_cb (gpointer user_data);

static void
resolved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(AtrKioskController) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *feed_url = NULL;
  g_autoptr(GVariant) tenants = NULL;
  g_autoptr(AtrTenant) tenant = NULL;

  self->resolving = FALSE;
  feed_url = atr_address_resolve_finish (ATR_ADDRESS (source), result, NULL, NULL, &error);
  if (feed_url == NULL)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 next;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_application_release (G_APPLICATION (self->application));
          return;
        }
      /* Back by itself when the network is: retry at the backoff's pace. */
      next = atr_kiosk_backoff_failure (self->retry, now);
      show_status (self, _("Cannot reach your workspace"), error->message, FALSE);
      g_application_release (G_APPLICATION (self->application));
      g_clear_handle_id (&self->retry_source, g_source_remove);
      self->retry_source = g_timeout_add ((guint) ((next - now) / 1000), retry_start_cb, self);
      return;
    }

  atr_kiosk_backoff_success (self->retry);
  /* The one tenant, in memory only: the window shows no enrolment and no switcher. */
  /* The wipe's folder is the one the workspace caches this tenant's feed in: named by the
   * feed's host and port (atr_tenant_get_cache_id), which DNS discovery may have moved. */
  tenant = atr_tenant_new (atr_address_get_domain (self->address), feed_url, NULL);
  if (tenant != NULL)
    {
      g_free (self->tenant_id);
      self->tenant_id = g_strdup (atr_tenant_get_cache_id (tenant));
    }
  tenants = atr_tenant_registry_add (NULL, atr_address_get_domain (self->address), feed_url);
  g_settings_set_value (self->settings, "tenants", tenants);
  g_settings_set_string (self->settings, "default-tenant",
                         atr_address_get_domain (self->address));
  self->ready = TRUE;
  if (self->status_window != NULL)
    gtk_window_destroy (self->status_window);
  g_application_activate (G_APPLICATION (self->application));
  g_application_release (G_APPLICATION (self->application));
}

static gboolean
retry_start_cb (gpointer user_data)
{
  AtrKioskController *self = user_data;

  self->retry_source = 0;
  atr_kiosk_controller_start (self);
  return G_SOURCE_REMOVE;
}

/* A locked app opens windows only through atr_kiosk_controller_start(): plain activation
 * (D-Bus, a second instance) is held back until the tenant is ready. */
static void
activate_cb (GApplication       *application,
             AtrKioskController *self)
{
  if (!self->locked || self->unlocked || self->ready)
    return;
  g_signal_stop_emission_by_name (application, "activate");
  atr_kiosk_controller_start (self);
}

static void
atr_kiosk_controller_dispose (GObject *object)
{
  AtrKioskController *self = ATR_KIOSK_CONTROLLER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (self->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
  self->window = NULL;
  if (self->status_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->status_window),
                                  (gpointer *) &self->status_window);
  self->status_window = NULL;
  g_clear_object (&self->toplevels);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->credentials);
  g_clear_object (&self->config);
  g_clear_object (&self->pin);
  g_clear_object (&self->sessions);
  g_clear_object (&self->launcher);
  g_clear_object (&self->settings);
  g_clear_object (&self->address);

  G_OBJECT_CLASS (atr_kiosk_controller_parent_class)->dispose (object);
}

static void
atr_kiosk_controller_finalize (GObject *object)
{
  AtrKioskController *self = ATR_KIOSK_CONTROLLER (object);

  g_clear_error (&self->refused);
  g_clear_pointer (&self->tenant_id, g_free);
  g_clear_pointer (&self->secrets_id, g_free);
  g_clear_pointer (&self->idle, atr_kiosk_idle_free);
  g_clear_pointer (&self->retry, atr_kiosk_backoff_free);
  g_clear_pointer (&self->saved_accels, g_hash_table_unref);

  G_OBJECT_CLASS (atr_kiosk_controller_parent_class)->finalize (object);
}

static void
atr_kiosk_controller_class_init (AtrKioskControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atr_kiosk_controller_dispose;
  object_class->finalize = atr_kiosk_controller_finalize;
}

static void
atr_kiosk_controller_init (AtrKioskController *self)
{
  g_autoptr(GSettingsBackend) backend = g_memory_settings_backend_new ();

  self->cancellable = g_cancellable_new ();
  self->settings = atr_data_dirs_new_settings (SETTINGS_SCHEMA, backend);
  self->retry = atr_kiosk_backoff_new (ATR_KIOSK_RECONNECT_FIRST_US, ATR_KIOSK_RECONNECT_MAX_US);
  self->saved_accels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_strfreev);
}

AtrKioskController *
atr_kiosk_controller_new (GtkApplication     *application,
                          AtrCredentialStore *credentials)
{
  AtrKioskController *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (credentials == NULL || ATR_IS_CREDENTIAL_STORE (credentials), NULL);

  self = g_object_new (ATR_TYPE_KIOSK_CONTROLLER, NULL);
  self->application = application;
  self->credentials = credentials ? g_object_ref (credentials) : NULL;
  g_signal_connect_object (application, "activate", G_CALLBACK (activate_cb), self, 0);
  load (self, FALSE);
  return self;
}

gboolean
atr_kiosk_controller_lock (AtrKioskController *self,
                           gboolean            force)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONTROLLER (self), FALSE);

  if (force && !self->locked)
    load (self, TRUE);
  return self->locked;
}

gboolean
atr_kiosk_controller_is_locked (AtrKioskController *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONTROLLER (self), FALSE);

  return self->locked;
}

AtrKioskConfig *
atr_kiosk_controller_get_config (AtrKioskController *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONTROLLER (self), NULL);

  return self->config;
}

GSettings *
atr_kiosk_controller_get_settings (AtrKioskController *self)
{
  g_return_val_if_fail (ATR_IS_KIOSK_CONTROLLER (self), NULL);

  return self->settings;
}

void
atr_kiosk_controller_set_launcher (AtrKioskController *self,
                                   AtrLauncher        *launcher)
{
  g_return_if_fail (ATR_IS_KIOSK_CONTROLLER (self));
  g_return_if_fail (ATR_IS_LAUNCHER (launcher));

  g_set_object (&self->launcher, launcher);
  if (self->sessions != NULL)
    atr_kiosk_sessions_set_launcher (self->sessions, launcher);
}

void
atr_kiosk_controller_start (AtrKioskController *self)
{
  g_return_if_fail (ATR_IS_KIOSK_CONTROLLER (self));
  g_return_if_fail (self->locked);

  if (self->refused != NULL)
    {
      show_status (self, _("Kiosk mode is not set up correctly"), self->refused->message,
                   FALSE);
      return;
    }
  if (self->ready)
    {
      g_application_activate (G_APPLICATION (self->application));
      return;
    }
  if (self->resolving)
    return;
  /* The tenant is found as enrolment finds it (DNS TXT, then the default path). */
  self->resolving = TRUE;
  g_application_hold (G_APPLICATION (self->application));
  atr_address_resolve_async (self->address, NULL, self->cancellable, resolved_cb,
                             g_object_ref (self));
}
