/* atr-application.c — the atrium program: options, settings, trust, windows, launcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-data-dirs.h"
#include "atr-preferences-window.h"
#include "atr-session-window.h"
#include "atr-resolver.h"
#include "atr-secret-store.h"
#include "atr-trust-store.h"
#include "atr-ui.h"
#include "atr-window.h"
#include "atr-workspace.h"

#include "atr-kiosk-controller.h"
#include "atr-launcher.h"
#include "atr-link-opener.h"

#include "atr-application.h"

/* Kiosk mode: links that arrive before the home screen is up, at most this many. */
#define KIOSK_LINKS_MAX 16

struct _AtrApplication
{
  AdwApplication      parent_instance;

  GSettings          *settings;
  AtrTrustStore      *trust;
  AtrCredentialStore *credentials;
  AtrLauncher        *launcher;
  AtrLinkOpener      *links;
  AtrKioskController *kiosk;
  GPtrArray          *kiosk_links;   /* targets kept until the kiosk's main window is up */
  GtkWidget          *quit_dialog;   /* weak: "Quit Atrium?" while it is asked */
  char               *trust_file;
};

G_DEFINE_FINAL_TYPE (AtrApplication, atr_application, ADW_TYPE_APPLICATION)

/* (nullable): the main window, also while a session window is the active one. */
static AtrWindow *
main_window (AtrApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (ATR_IS_WINDOW (l->data))
      return ATR_WINDOW (l->data);
  return NULL;
}

static void
launcher_notice_cb (AtrApplication *self,
                    const char     *notice)
{
  AtrWindow *window = main_window (self);

  if (window != NULL)
    atr_window_add_toast (window, notice);
}

static void
activate_resource_cb (AtrApplication *self,
                      AtrWorkspace   *workspace,
                      AtrResource    *resource)
{
  atr_launcher_open (self->launcher, workspace, resource);
}

static AtrWindow *
ensure_window (AtrApplication *self,
               gboolean       *created)
{
  GtkWindow *window = GTK_WINDOW (main_window (self));

  *created = FALSE;
  if (window != NULL)
    return ATR_WINDOW (window);

  window = GTK_WINDOW (atr_window_new (ADW_APPLICATION (self), self->settings, self->trust,
                                       self->credentials));
  g_signal_connect_object (window, "activate-resource", G_CALLBACK (activate_resource_cb),
                           self, G_CONNECT_SWAPPED);
  *created = TRUE;
  return ATR_WINDOW (window);
}

/* The one hook for "something to open": an address to enrol, a link (atrium:, rdp:, ms-rd:,
 * tuxclient:, prlclient:) or a .rdp file, from the command line or GApplication "open". */
static void
atr_application_open_target (AtrApplication *self,
                             AtrWindow      *window,
                             const char     *target)
{
  atr_link_opener_open (self->links, window, target);
}

/* Kiosk mode: the controller opens the main window once the tenant is resolved (by
 * activating the app). A link or file that comes earlier (command line, a second `atrium`,
 * GApplication "open") is kept until then, and then goes through the link opener, which
 * refuses it with a visible reason unless it is the kiosk's own (atr-link-opener.h): never
 * dropped in silence, never opening a window of its own. */
static void
keep_kiosk_link (AtrApplication *self,
                 const char     *target)
{
  if (self->kiosk_links->len >= KIOSK_LINKS_MAX)
    {
      atr_ui_debug ("kiosk link dropped: %u already waiting for the home screen",
                    self->kiosk_links->len);
      return;
    }
  g_ptr_array_add (self->kiosk_links, g_strdup (target));
  atr_ui_debug ("kiosk link kept until the home screen (%u waiting)", self->kiosk_links->len);
}

static void
open_kiosk_links (AtrApplication *self)
{
  AtrWindow *window = main_window (self);
  g_autoptr(GPtrArray) links = NULL;

  if (window == NULL || self->kiosk_links->len == 0)
    return;
  links = g_steal_pointer (&self->kiosk_links);
  self->kiosk_links = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < links->len; i++)
    atr_application_open_target (self, window, g_ptr_array_index (links, i));
}

/* Kiosk mode: links to anything not enrolled are refused, certificates never overridden. */
static void
sync_kiosk (AtrApplication *self)
{
  gboolean locked = atr_kiosk_controller_is_locked (self->kiosk);

  atr_launcher_set_kiosk (self->launcher, locked);
  atr_link_opener_set_kiosk (self->links, locked);
}

static void
atr_application_open (GApplication  *app,
                      GFile        **files,
                      int            n_files,
                      const char    *hint)
{
  AtrApplication *self = ATR_APPLICATION (app);
  gboolean created;
  AtrWindow *window;

  /* The kiosk controller owns the windows: links only reach one it has opened. */
  if (atr_kiosk_controller_is_locked (self->kiosk))
    {
      for (int i = 0; i < n_files; i++)
        {
          g_autofree char *uri = g_file_get_uri (files[i]);

          keep_kiosk_link (self, uri);
        }
      open_kiosk_links (self);
      return;
    }
  window = ensure_window (self, &created);
  if (created)
    atr_window_open_tenants (window);
  for (int i = 0; i < n_files; i++)
    {
      /* Links arrive as GFiles of their scheme: the URI is the link, unchanged. */
      g_autofree char *uri = g_file_get_uri (files[i]);

      atr_application_open_target (self, window, uri);
    }
  gtk_window_present (GTK_WINDOW (window));
}

static void
atr_application_activate (GApplication *app)
{
  AtrApplication *self = ATR_APPLICATION (app);
  gboolean created;
  AtrWindow *window = ensure_window (self, &created);

  if (created)
    atr_window_open_tenants (window);
  gtk_window_present (GTK_WINDOW (window));
  if (atr_kiosk_controller_is_locked (self->kiosk))
    open_kiosk_links (self);
}

/* A .rdp path given to a second `atrium` is relative to its folder, not ours. */
static char *
dup_target (GApplicationCommandLine *command_line,
            const char              *arg)
{
  g_autofree char *scheme = g_uri_parse_scheme (arg);
  g_autofree char *lower = g_ascii_strdown (arg, -1);

  if (scheme == NULL && !g_path_is_absolute (arg) && g_str_has_suffix (lower, ".rdp"))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line,
                                                                              arg);

      return g_file_get_path (file);
    }
  return g_strdup (arg);
}

static gboolean
load_trust (AtrApplication  *self,
            const char      *trust_file,
            GError         **error)
{
  g_autoptr(AtrTrustStore) trust = NULL;

  if (self->trust != NULL && g_strcmp0 (trust_file, self->trust_file) == 0)
    return TRUE;

  if (trust_file != NULL)
    {
      /* GIO trust databases need absolute paths. */
      g_autofree char *absolute = g_canonicalize_filename (trust_file, NULL);

      trust = atr_trust_store_new_from_file (absolute, error);
    }
  else
    trust = atr_trust_store_new_default (error);
  if (trust == NULL)
    return FALSE;

  g_set_object (&self->trust, trust);
  atr_launcher_set_trust (self->launcher, trust);
  g_free (self->trust_file);
  self->trust_file = g_strdup (trust_file);
  return TRUE;
}

static int
atr_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  AtrApplication *self = ATR_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GError) error = NULL;
  g_autofree char *trust_file = NULL;
  g_autofree char **resolve = NULL;
  g_autofree char **targets = NULL;
  gboolean created;
  gboolean kiosk = FALSE;
  AtrWindow *window;

  g_variant_dict_lookup (options, "trust", "^ay", &trust_file);
  g_variant_dict_lookup (options, "resolve", "^a&s", &resolve);
  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &targets);
  g_variant_dict_lookup (options, "kiosk", "b", &kiosk);

  /* A running kiosk keeps the trust and name overrides it was started with: a second
   * `atrium` must not re-point it at other certificates or addresses. */
  if (g_application_command_line_get_is_remote (command_line) &&
      atr_kiosk_controller_is_locked (self->kiosk) && (resolve != NULL || trust_file != NULL))
    {
      g_application_command_line_printerr (command_line,
                                           "atrium: kiosk mode: the running kiosk does not "
                                           "take --trust or --resolve\n");
      return 2;
    }

  if (resolve != NULL)
    {
      g_autoptr(AtrResolver) resolver = atr_resolver_new_default ();

      for (guint i = 0; resolve[i] != NULL; i++)
        if (!atr_resolver_add_override (resolver, resolve[i], &error))
          {
            g_application_command_line_printerr (command_line, "atrium: --resolve: %s\n",
                                                 error->message);
            return 2;
          }
      atr_resolver_install (resolver);
    }

  if (!load_trust (self, trust_file, &error))
    {
      g_application_command_line_printerr (command_line, "atrium: %s\n", error->message);
      return 2;
    }
  /* Kiosk mode (#6): the controller opens the windows, for the configured tenant only. */
  if (atr_kiosk_controller_lock (self->kiosk, kiosk))
    {
      sync_kiosk (self);
      g_set_object (&self->settings, atr_kiosk_controller_get_settings (self->kiosk));
      for (guint i = 0; targets != NULL && targets[i] != NULL; i++)
        {
          g_autofree char *target = dup_target (command_line, targets[i]);

          keep_kiosk_link (self, target);
        }
      /* Activates the app once the tenant is ready, which opens what was kept. */
      atr_kiosk_controller_start (self->kiosk);
      return 0;
    }
  if (targets != NULL && targets[0] != NULL && targets[1] != NULL)
    {
      g_application_command_line_printerr (command_line,
                                           "atrium: give at most one ADDRESS\n");
      return 2;
    }

  window = ensure_window (self, &created);
  if (targets != NULL && targets[0] != NULL)
    {
      g_autofree char *target = dup_target (command_line, targets[0]);

      if (created)
        atr_window_open_tenants (window);
      atr_application_open_target (self, window, target);
    }
  else if (created)
    atr_window_open_tenants (window);

  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
quit_response_cb (AdwMessageDialog *dialog,
                  const char       *response,
                  AtrApplication   *self)
{
  atr_ui_debug ("quit: %s", response);
  if (g_strcmp0 (response, "quit") == 0)
    g_application_quit (G_APPLICATION (self));
}

/* Quitting drops every session: with any open, ask first (answered through a callback). */
static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  AtrApplication *self = user_data;
  guint n = atr_window_count_open_sessions (GTK_APPLICATION (self));
  GtkWindow *parent;
  GtkWidget *dialog;

  if (n == 0)
    {
      g_application_quit (G_APPLICATION (self));
      return;
    }
  if (self->quit_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->quit_dialog));
      return;
    }
  parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  dialog = adw_message_dialog_new (parent, _("Quit Atrium?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  ngettext ("%u session is open. Quitting disconnects it.",
                                            "%u sessions are open. Quitting disconnects them.",
                                            n),
                                  n);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "quit", _("_Quit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "quit",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (quit_response_cb), self, 0);
  self->quit_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->quit_dialog);
  atr_ui_debug ("quit: asking, %u session(s) open", n);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  AtrApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (atr_preferences_window_new (parent, self->settings));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  AtrApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *developers[] = { "The Atrium authors", NULL };

  adw_show_about_window (parent,
                         "application-name", _("Atrium"),
                         "application-icon", ATR_APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Your organisation’s remote desktops and apps"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "developers", developers,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
atr_application_startup (GApplication *app)
{
  AtrApplication *self = ATR_APPLICATION (app);
  const GActionEntry entries[] = {
    { "quit", quit_action, NULL, NULL, NULL, { 0 } },
    { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
    { "about", about_action, NULL, NULL, NULL, { 0 } },
  };
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  atr_ui_init ();
  G_APPLICATION_CLASS (atr_application_parent_class)->startup (app);
  /* The app icon of an uninstalled or relocated copy is not where the icon theme looks. */
  if (atr_data_dirs_get_layout () != ATR_DATA_LAYOUT_INSTALLED)
    gtk_icon_theme_add_search_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    atr_data_dirs_get_icon_dir ());

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);

  self->settings = atr_data_dirs_new_settings (ATR_SETTINGS_SCHEMA, NULL);
  self->credentials = atr_secret_store_new ();
  /* Kiosk mode (#6): atrium.conf may lock the app to one tenant; see docs/kiosk.md. */
  self->kiosk = atr_kiosk_controller_new (GTK_APPLICATION (self), self->credentials);
  if (atr_kiosk_controller_is_locked (self->kiosk))
    g_set_object (&self->settings, atr_kiosk_controller_get_settings (self->kiosk));
  self->launcher = atr_launcher_new (GTK_APPLICATION (self));
  atr_launcher_set_trust (self->launcher, self->trust);
  atr_kiosk_controller_set_launcher (self->kiosk, self->launcher);
  self->links = atr_link_opener_new (self->launcher);
  sync_kiosk (self);
  g_signal_connect_object (self->launcher, "notice", G_CALLBACK (launcher_notice_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Quitting with sessions open: end them and let their threads finish (5 s at most) before
 * the process exits. Otherwise FreeRDP is still tearing the connection down on the session
 * thread while exit() frees what it uses: with FreeRDP 3, "malloc(): unsorted double linked
 * list corrupted" at quit now and then (test-ui-demo). */
static void
atr_application_shutdown (GApplication *app)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (ATR_IS_SESSION_WINDOW (l->data))
      {
        AtrRdpSession *session = atr_session_window_get_session (l->data);

        if (session != NULL && atr_rdp_session_get_state (session) != ATR_RDP_STATE_DISCONNECTED)
          {
            g_ptr_array_add (sessions, g_object_ref (session));
            atr_rdp_session_disconnect (session);
          }
      }
  /* The state becomes DISCONNECTED on this main context once the thread has been joined. */
  for (guint i = 0; i < sessions->len; i++)
    while (atr_rdp_session_get_state (sessions->pdata[i]) != ATR_RDP_STATE_DISCONNECTED &&
           g_get_monotonic_time () < deadline)
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (5 * 1000);
  if (sessions->len > 0)
    atr_ui_debug ("quit: %u session(s) ended", sessions->len);

  G_APPLICATION_CLASS (atr_application_parent_class)->shutdown (app);
}

static void
atr_application_dispose (GObject *object)
{
  AtrApplication *self = ATR_APPLICATION (object);

  if (self->quit_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->quit_dialog), (gpointer *) &self->quit_dialog);
  self->quit_dialog = NULL;
  g_clear_object (&self->settings);
  g_clear_object (&self->trust);
  g_clear_object (&self->credentials);
  g_clear_object (&self->launcher);
  g_clear_object (&self->kiosk);
  g_clear_object (&self->links);
  g_clear_pointer (&self->kiosk_links, g_ptr_array_unref);
  g_clear_pointer (&self->trust_file, g_free);

  G_OBJECT_CLASS (atr_application_parent_class)->dispose (object);
}

static void
atr_application_class_init (AtrApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = atr_application_dispose;
  app_class->startup = atr_application_startup;
  app_class->shutdown = atr_application_shutdown;
  app_class->activate = atr_application_activate;
  app_class->command_line = atr_application_command_line;
  app_class->open = atr_application_open;
}

static void
atr_application_init (AtrApplication *self)
{
  const GOptionEntry entries[] = {
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Trust only the certificates in this PEM file"), N_("FILE") },
    { "resolve", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Resolve HOST to these addresses (curl-style; repeatable)"), "HOST:PORT:ADDR[,ADDR…]" },
    { "kiosk", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Lock to the tenant in atrium.conf (kiosk mode)"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[ADDRESS]") },
    G_OPTION_ENTRY_NULL
  };

  self->kiosk_links = g_ptr_array_new_with_free_func (g_free);
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[ADDRESS]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
    _("Open your organisation’s remote desktops and apps. ADDRESS is a domain, an e-mail "
      "address or a feed URL to add as a workspace."));
}

AtrApplication *
atr_application_new (void)
{
  return g_object_new (ATR_TYPE_APPLICATION,
                       "application-id", ATR_APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE | G_APPLICATION_HANDLES_OPEN,
                       /* The same resources for the .Devel app ID. */
                       "resource-base-path", "/org/atrium/Atrium",
                       NULL);
}
