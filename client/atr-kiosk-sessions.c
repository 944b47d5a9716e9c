/* atr-kiosk-sessions.c — the kiosk's session life cycle: auto-launch, session end, reconnect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-kiosk-backoff.h"
#include "atr-kiosk-lock.h"
#include "atr-kiosk-policy.h"
#include "atr-kiosk-screen.h"
#include "atr-rdp-error.h"
#include "atr-rdp-session.h"
#include "atr-session-window.h"
#include "atr-ui.h"

#include "atr-kiosk-sessions.h"

/* On each session: a GWeakRef to the AtrSessionWindow showing it, and its AtrResource. */
#define WINDOW_KEY "atr-kiosk-session-window"
#define RESOURCE_KEY "atr-kiosk-session-resource"

struct _AtrKioskSessions
{
  GObject           parent_instance;

  GtkApplication   *application;   /* not referenced: it owns the controller that owns us */
  AtrKioskConfig   *config;
  AtrLauncher      *launcher;

  /* The signed-in user's: */
  AtrWindow        *window;        /* weak: the main window, for toasts */
  AtrWorkspace     *workspace;
  gulong            ready_handler; /* workspace notify::state until the first READY */
  gboolean          launched;      /* the configured resource was started for this sign-in */

  /* Reconnecting: */
  AtrSessionWindow *target;        /* weak: the session window being brought back */
  AtrResource      *target_resource;
  AtrKioskScreen   *screen;        /* weak */
  AtrKioskBackoff  *backoff;
  gboolean          retrying;      /* the engine gave up: the kiosk's own attempts */
  guint             attempt;       /* the kiosk's attempts since the loss */
  guint             retry_source;
  guint             tick_source;
  guint             next_source;   /* the deferred answer to a session end */
  AtrKioskNext      next;
  AtrKioskEndReason next_reason;
  GWeakRef          next_window;
  AtrResource      *next_resource;
};

G_DEFINE_FINAL_TYPE (AtrKioskSessions, atr_kiosk_sessions, G_TYPE_OBJECT)

enum {
  SIGNAL_SIGN_OUT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* AtrKioskEndReason → the word in the debug lines (as AtrKioskController's). */
static const char * const end_reasons[] = {
  "signed-out", "closed", "network-lost", "idle", "refused",
};

static void
set_weak (gpointer  object,
          gpointer *field)
{
  if (*field == object)
    return;
  if (*field != NULL)
    g_object_remove_weak_pointer (G_OBJECT (*field), field);
  *field = object;
  if (object != NULL)
    g_object_add_weak_pointer (G_OBJECT (object), field);
}

/* The engine's end of a session, as the kiosk policy sees it. */
static AtrKioskEndReason
end_reason (const GError *error)
{
  if (error == NULL)
    return ATR_KIOSK_END_CLOSED;
  if (error->domain != ATR_RDP_ERROR)
    return ATR_KIOSK_END_REFUSED;
  switch ((AtrRdpError) error->code)
    {
    /* A logoff ends a desktop the user signed out of and a RemoteApp that was closed
     * alike: the session closed normally, and session_end (or the grid) decides. The
     * kiosk's own sign-out is the client's, never the server's. */
    case ATR_RDP_ERROR_LOGOFF:
    case ATR_RDP_ERROR_ADMIN_DISCONNECT:
    case ATR_RDP_ERROR_IDLE_TIMEOUT:
    case ATR_RDP_ERROR_CANCELLED:
      return ATR_KIOSK_END_CLOSED;
    case ATR_RDP_ERROR_NETWORK_LOST:
    case ATR_RDP_ERROR_CONNECT:
    case ATR_RDP_ERROR_GATEWAY:
    case ATR_RDP_ERROR_GATEWAY_UNREACHABLE:
      return ATR_KIOSK_END_NETWORK_LOST;
    case ATR_RDP_ERROR_AUTH:
    case ATR_RDP_ERROR_CERTIFICATE:
    case ATR_RDP_ERROR_FAILED:
    default:
      return ATR_KIOSK_END_REFUSED;
    }
}

static gboolean
is_configured (AtrKioskSessions *self,
               AtrResource      *resource)
{
  const char *want = atr_kiosk_config_get_resource (self->config);
  const char *alias;

  if (want == NULL || resource == NULL)
    return FALSE;
  alias = atr_resource_get_alias (resource);
  return (alias != NULL && g_ascii_strcasecmp (alias, want) == 0) ||
         g_ascii_strcasecmp (atr_resource_get_id (resource), want) == 0;
}

/* --- auto-launch --------------------------------------------------------------------------- */

static AtrResource *
find_configured (AtrKioskSessions *self)
{
  GListModel *list = G_LIST_MODEL (atr_workspace_get_resources (self->workspace));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(AtrResource) resource = g_list_model_get_item (list, i);

      if (is_configured (self, resource))
        return g_steal_pointer (&resource);
    }
  return NULL;
}

static void
launch (AtrKioskSessions *self)
{
  const char *alias = atr_kiosk_config_get_resource (self->config);
  g_autoptr(AtrResource) resource = NULL;
  g_autofree char *text = NULL;

  g_clear_signal_handler (&self->ready_handler, self->workspace);
  self->launched = TRUE;
  resource = find_configured (self);
  if (resource != NULL && self->launcher != NULL)
    {
      atr_ui_debug ("kiosk launch alias=%s id=%s", alias, atr_resource_get_id (resource));
      atr_launcher_open (self->launcher, self->workspace, resource);
      return;
    }
  atr_ui_debug ("kiosk launch unknown alias=%s", alias);
  /* Translators: %s is the name (alias) of a desktop or app in the kiosk's configuration. */
  text = g_strdup_printf (_("“%s” is not among the desktops and apps of this workspace."),
                          alias);
  if (self->window != NULL)
    atr_window_add_toast (self->window, text);
}

static void
workspace_state_cb (AtrKioskSessions *self)
{
  if (atr_workspace_get_state (self->workspace) == ATR_WORKSPACE_STATE_READY)
    launch (self);
}

/* --- the reconnecting screen --------------------------------------------------------------- */

static void
show_screen (AtrKioskSessions *self,
             AtrSessionWindow *window,
             AtrResource      *resource)
{
  const char *tenant = self->workspace ? atr_workspace_get_display_name (self->workspace) : NULL;

  set_weak (window, (gpointer *) &self->target);
  g_set_object (&self->target_resource, resource);
  if (self->screen != NULL)
    return;
  set_weak (atr_kiosk_screen_new (self->application, tenant ? tenant : _("Atrium"),
                                  resource ? atr_resource_get_title (resource) : NULL),
            (gpointer *) &self->screen);
  gtk_window_present (GTK_WINDOW (self->screen));
  atr_ui_debug ("kiosk reconnect-screen shown");
}

static void
stop_retrying (AtrKioskSessions *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  self->retrying = FALSE;
  self->attempt = 0;
  atr_kiosk_backoff_success (self->backoff);
  if (self->screen != NULL)
    gtk_window_destroy (GTK_WINDOW (self->screen));
  set_weak (NULL, (gpointer *) &self->screen);
}

static gboolean
tick_cb (gpointer user_data)
{
  AtrKioskSessions *self = user_data;
  gint64 left = atr_kiosk_backoff_get_next (self->backoff) - g_get_monotonic_time ();

  if (self->screen != NULL)
    atr_kiosk_screen_show_wait (self->screen, self->attempt + 1,
                                (guint) MAX (0, (left + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC));
  return G_SOURCE_CONTINUE;
}

static gboolean
retry_cb (gpointer user_data)
{
  AtrKioskSessions *self = user_data;

  self->retry_source = 0;
  g_clear_handle_id (&self->tick_source, g_source_remove);
  if (self->target == NULL)
    {
      stop_retrying (self);
      return G_SOURCE_REMOVE;
    }
  self->attempt++;
  atr_ui_debug ("kiosk reconnect attempt=%u", self->attempt);
  if (self->screen != NULL)
    atr_kiosk_screen_show_trying (self->screen, self->attempt);
  /* The window's Reconnect path: a new session of the same launch in the same window. The
   * launcher presents that window: the screen goes back on top until the session is up. */
  g_signal_emit_by_name (self->target, "reconnect-requested");
  if (self->screen != NULL)
    gtk_window_present (GTK_WINDOW (self->screen));
  return G_SOURCE_REMOVE;
}

/* The engine gave up, or one of the kiosk's attempts failed: the next one, later. */
static void
schedule_retry (AtrKioskSessions *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 next = atr_kiosk_backoff_failure (self->backoff, now);
  guint delay_ms = (guint) ((next - now + 999) / 1000);

  self->retrying = TRUE;
  atr_ui_debug ("kiosk reconnecting attempt=%u delay-ms=%u", self->attempt + 1, delay_ms);
  g_clear_handle_id (&self->retry_source, g_source_remove);
  g_clear_handle_id (&self->tick_source, g_source_remove);
  self->retry_source = g_timeout_add (delay_ms, retry_cb, self);
  self->tick_source = g_timeout_add_seconds (1, tick_cb, self);
  tick_cb (self);
}

/* --- session end --------------------------------------------------------------------------- */

static gboolean
next_cb (gpointer user_data)
{
  AtrKioskSessions *self = user_data;
  g_autoptr(AtrSessionWindow) window = g_weak_ref_get (&self->next_window);
  g_autoptr(AtrResource) resource = g_steal_pointer (&self->next_resource);

  self->next_source = 0;
  g_weak_ref_set (&self->next_window, NULL);
  switch (self->next)
    {
    case ATR_KIOSK_NEXT_SIGN_OUT:
      stop_retrying (self);
      g_signal_emit (self, signals[SIGNAL_SIGN_OUT], 0, (guint) self->next_reason);
      break;
    case ATR_KIOSK_NEXT_RELAUNCH:
      stop_retrying (self);
      if (window != NULL)
        gtk_window_destroy (GTK_WINDOW (window));
      if (self->workspace != NULL && resource != NULL && self->launcher != NULL)
        {
          atr_ui_debug ("kiosk relaunch alias=%s", atr_kiosk_config_get_resource (self->config));
          atr_launcher_open (self->launcher, self->workspace, resource);
        }
      break;
    case ATR_KIOSK_NEXT_RESOURCES:
      stop_retrying (self);
      if (window != NULL)
        gtk_window_destroy (GTK_WINDOW (window));
      atr_ui_debug ("kiosk back to resources");
      if (self->window != NULL)
        gtk_window_present (GTK_WINDOW (self->window));
      break;
    case ATR_KIOSK_NEXT_RECONNECT:
    default:
      if (window == NULL)
        break;
      show_screen (self, window, resource);
      schedule_retry (self);
      break;
    }
  return G_SOURCE_REMOVE;
}

static void
session_ended_cb (AtrKioskSessions *self,
                  AtrSessionWindow *window,
                  AtrResource      *resource,
                  const GError     *error)
{
  AtrKioskEndReason reason;
  AtrKioskNext next;

  /* Closed here (a sign-out, a replaced session): nothing to answer. */
  if (window == NULL || g_error_matches (error, ATR_RDP_ERROR, ATR_RDP_ERROR_CANCELLED))
    return;
  reason = end_reason (error);
  if (self->retrying && window == self->target && reason == ATR_KIOSK_END_NETWORK_LOST)
    {
      /* One of the kiosk's own attempts did not get through. */
      schedule_retry (self);
      return;
    }
  next = atr_kiosk_policy_after_session (reason, atr_kiosk_config_get_reconnect (self->config),
                                         is_configured (self, resource),
                                         atr_kiosk_config_get_session_end (self->config));
  atr_ui_debug ("kiosk session-end reason=%s next=%s", end_reasons[reason],
                atr_kiosk_next_to_string (next));
  /* Answered from the main loop, not from inside the session's notify. */
  self->next = next;
  self->next_reason = reason;
  g_weak_ref_set (&self->next_window, window);
  g_set_object (&self->next_resource, resource);
  if (self->next_source == 0)
    self->next_source = g_idle_add (next_cb, self);
}

static void
session_state_cb (AtrRdpSession    *session,
                  GParamSpec       *pspec,
                  AtrKioskSessions *self)
{
  GWeakRef *ref = g_object_get_data (G_OBJECT (session), WINDOW_KEY);
  g_autoptr(AtrSessionWindow) window = ref ? g_weak_ref_get (ref) : NULL;
  AtrRdpState state = atr_rdp_session_get_state (session);

  if (window == NULL)
    return;
  if (state == ATR_RDP_STATE_RECONNECTING)
    {
      /* The engine's own attempts: the branded screen from the first moment. */
      show_screen (self, window, g_object_get_data (G_OBJECT (session), RESOURCE_KEY));
      atr_kiosk_screen_show_engine (self->screen);
    }
  else if (state == ATR_RDP_STATE_CONNECTED && window == self->target)
    {
      atr_ui_debug ("kiosk reconnected attempts=%u", self->attempt);
      stop_retrying (self);
      set_weak (NULL, (gpointer *) &self->target);
      g_clear_object (&self->target_resource);
      /* The disconnected page left fullscreen. */
      atr_kiosk_lock_fill_monitor (GTK_WINDOW (window));
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
session_started_cb (AtrKioskSessions *self,
                    AtrSessionWindow *window,
                    AtrResource      *resource,
                    AtrRdpSession    *session)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, window);
  g_object_set_data_full (G_OBJECT (session), WINDOW_KEY, ref, weak_ref_free);
  if (resource != NULL)
    g_object_set_data_full (G_OBJECT (session), RESOURCE_KEY, g_object_ref (resource),
                            g_object_unref);
  g_signal_connect_object (session, "notify::state", G_CALLBACK (session_state_cb), self, 0);
}

/* --- object -------------------------------------------------------------------------------- */

static void
atr_kiosk_sessions_dispose (GObject *object)
{
  AtrKioskSessions *self = ATR_KIOSK_SESSIONS (object);

  g_clear_handle_id (&self->next_source, g_source_remove);
  stop_retrying (self);
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->ready_handler, self->workspace);
  set_weak (NULL, (gpointer *) &self->window);
  set_weak (NULL, (gpointer *) &self->target);
  g_weak_ref_set (&self->next_window, NULL);
  g_clear_object (&self->workspace);
  g_clear_object (&self->launcher);
  g_clear_object (&self->config);
  g_clear_object (&self->target_resource);
  g_clear_object (&self->next_resource);

  G_OBJECT_CLASS (atr_kiosk_sessions_parent_class)->dispose (object);
}

static void
atr_kiosk_sessions_finalize (GObject *object)
{
  AtrKioskSessions *self = ATR_KIOSK_SESSIONS (object);

  g_weak_ref_clear (&self->next_window);
  g_clear_pointer (&self->backoff, atr_kiosk_backoff_free);

  G_OBJECT_CLASS (atr_kiosk_sessions_parent_class)->finalize (object);
}

static void
atr_kiosk_sessions_class_init (AtrKioskSessionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atr_kiosk_sessions_dispose;
  object_class->finalize = atr_kiosk_sessions_finalize;

  /**
   * AtrKioskSessions::sign-out:
   * @reason: the AtrKioskEndReason
   *
   * A session end means the user is signed out (wiped, back to the branded sign-in).
   */
  signals[SIGNAL_SIGN_OUT] =
    g_signal_new ("sign-out", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
atr_kiosk_sessions_init (AtrKioskSessions *self)
{
  self->backoff = atr_kiosk_backoff_new (ATR_KIOSK_RECONNECT_FIRST_US,
                                         ATR_KIOSK_RECONNECT_MAX_US);
  g_weak_ref_init (&self->next_window, NULL);
}

AtrKioskSessions *
atr_kiosk_sessions_new (GtkApplication *application,
                        AtrKioskConfig *config)
{
  AtrKioskSessions *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (ATR_IS_KIOSK_CONFIG (config), NULL);

  self = g_object_new (ATR_TYPE_KIOSK_SESSIONS, NULL);
  self->application = application;
  self->config = g_object_ref (config);
  return self;
}

void
atr_kiosk_sessions_set_launcher (AtrKioskSessions *self,
                                 AtrLauncher      *launcher)
{
  g_return_if_fail (ATR_IS_KIOSK_SESSIONS (self));
  g_return_if_fail (ATR_IS_LAUNCHER (launcher));

  if (self->launcher != NULL)
    g_signal_handlers_disconnect_by_data (self->launcher, self);
  g_set_object (&self->launcher, launcher);
  atr_launcher_set_auto_reconnect (launcher, atr_kiosk_config_get_reconnect (self->config));
  g_signal_connect_object (launcher, "session-started", G_CALLBACK (session_started_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (launcher, "session-ended", G_CALLBACK (session_ended_cb), self,
                           G_CONNECT_SWAPPED);
}

void
atr_kiosk_sessions_signed_in (AtrKioskSessions *self,
                              AtrWindow        *window,
                              AtrWorkspace     *workspace)
{
  g_return_if_fail (ATR_IS_KIOSK_SESSIONS (self));
  g_return_if_fail (ATR_IS_WINDOW (window));
  g_return_if_fail (ATR_IS_WORKSPACE (workspace));

  set_weak (window, (gpointer *) &self->window);
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->ready_handler, self->workspace);
  g_set_object (&self->workspace, workspace);
  if (self->launched || atr_kiosk_config_get_resource (self->config) == NULL)
    return;
  if (atr_workspace_get_state (workspace) == ATR_WORKSPACE_STATE_READY)
    launch (self);
  else
    self->ready_handler = g_signal_connect_swapped (workspace, "notify::state",
                                                    G_CALLBACK (workspace_state_cb), self);
}

void
atr_kiosk_sessions_reset (AtrKioskSessions *self)
{
  g_return_if_fail (ATR_IS_KIOSK_SESSIONS (self));

  g_clear_handle_id (&self->next_source, g_source_remove);
  g_weak_ref_set (&self->next_window, NULL);
  g_clear_object (&self->next_resource);
  stop_retrying (self);
  set_weak (NULL, (gpointer *) &self->target);
  g_clear_object (&self->target_resource);
  if (self->workspace != NULL)
    g_clear_signal_handler (&self->ready_handler, self->workspace);
  g_clear_object (&self->workspace);
  self->launched = FALSE;
}
