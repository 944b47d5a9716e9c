/* atr-session-window.c — a window for one RDP session: progress, picture, reasons
 *
 * Three pages in a stack: "connecting" (a GtkSpinner — libadwaita 1.2 has no spinner — and
 * what the engine is doing), "session" (the AtrSessionView under an overlay toolbar that
 * slides in from the top edge in fullscreen) and "disconnected" (an AdwStatusPage with the
 * classified reason and, when the owner can make a new session, a Reconnect button).
 * Commands are actions on the widget class (session.fullscreen, session.disconnect,
 * session.send-ctrl-alt-del, session.reconnect, session.scale-to-fit); F11 is caught in the
 * capture phase so that it toggles fullscreen instead of reaching the remote desktop.
 * Built in code: the shared GResource is left to the app's templates. The chrome uses only
 * standard libadwaita style classes, so the tenant theme (named colours) applies as is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-session-window.h"
#include "atr-ui.h"

#define REVEAL_EDGE_PX 6
#define HIDE_BELOW_PX 96

struct _AtrSessionWindow
{
  AdwWindow       parent_instance;

  AtrRdpSession  *session;
  GCancellable   *cancellable;
  gboolean        can_reconnect;

  GtkWidget      *header;
  GtkWidget      *stack;
  GtkWidget      *progress_title;
  GtkWidget      *progress_detail;
  GtkWidget      *spinner;
  AtrSessionView *view;
  GtkWidget      *revealer;
  GtkWidget      *status;
  GtkWidget      *reconnect_button;
};

enum
{
  SIGNAL_RECONNECT_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (AtrSessionWindow, atr_session_window, ADW_TYPE_WINDOW)

static const char *
host_of (AtrSessionWindow *self)
{
  AtrRdpTarget *target = self->session ? atr_rdp_session_get_target (self->session) : NULL;

  return target != NULL ? atr_rdp_target_get_host (target) : "";
}

/* The headline and explanation for how a session ended (@error NULL: ended here). */
static void
describe_end (const GError  *error,
              const char    *host,
              char         **title,
              char         **description)
{
  if (error == NULL || error->domain != ATR_RDP_ERROR)
    {
      *title = g_strdup (_("Disconnected"));
      *description = g_strdup (_("The session was closed."));
      return;
    }

  switch ((AtrRdpError) error->code)
    {
    case ATR_RDP_ERROR_LOGOFF:
      *title = g_strdup (_("Signed Out"));
      *description = g_strdup (_("The remote session has ended."));
      break;
    case ATR_RDP_ERROR_ADMIN_DISCONNECT:
      *title = g_strdup (_("Disconnected by the Server"));
      *description = g_strdup (_("An administrator, or a sign-in from elsewhere, took over this session."));
      break;
    case ATR_RDP_ERROR_IDLE_TIMEOUT:
      *title = g_strdup (_("Session Timed Out"));
      *description = g_strdup (_("The session was idle longer than the server allows."));
      break;
    case ATR_RDP_ERROR_NETWORK_LOST:
      *title = g_strdup (_("Connection Lost"));
      *description = g_strdup_printf (_("The network connection to %s dropped."), host);
      break;
    case ATR_RDP_ERROR_AUTH:
      *title = g_strdup (_("Sign-in Failed"));
      *description = g_strdup_printf (_("%s did not accept the user name or password."), host);
      break;
    case ATR_RDP_ERROR_CERTIFICATE:
      *title = g_strdup (_("Untrusted Certificate"));
      *description = g_strdup_printf (_("The identity of %s could not be verified, so Atrium did not connect."),
                                      host);
      break;
    case ATR_RDP_ERROR_GATEWAY:
      *title = g_strdup (_("Gateway Failure"));
      *description = g_strdup_printf (_("The gateway could not open a connection to %s."), host);
      break;
    case ATR_RDP_ERROR_CONNECT:
      *title = g_strdup (_("Cannot Connect"));
      *description = g_strdup_printf (_("%s could not be reached."), host);
      break;
    case ATR_RDP_ERROR_CANCELLED:
    case ATR_RDP_ERROR_FAILED:
    default:
      *title = g_strdup (_("Session Failed"));
      *description = g_strdup_printf (_("The session to %s ended unexpectedly."), host);
      break;
    }
}

static void
show_disconnected (AtrSessionWindow *self)
{
  const GError *error = atr_rdp_session_get_disconnect_error (self->session);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *detail = NULL;

  describe_end (error, host_of (self), &title, &description);
  escaped = g_markup_escape_text (description, -1);
  if (error != NULL)
    {
      detail = g_markup_escape_text (error->message, -1);
      markup = g_strdup_printf ("%s\n\n<small>%s</small>", escaped, detail);
    }
  adw_status_page_set_title (ADW_STATUS_PAGE (self->status), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->status), markup ? markup : escaped);
  gtk_widget_set_visible (self->reconnect_button, self->can_reconnect);
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_window_unfullscreen (GTK_WINDOW (self));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "disconnected");
  atr_ui_debug ("session: disconnected (%s)%s%s", title, error ? ": " : "",
                error ? error->message : "");
}

static void
show_progress (AtrSessionWindow *self,
               const char       *title,
               const char       *detail)
{
  gtk_label_set_text (GTK_LABEL (self->progress_title), title);
  gtk_label_set_text (GTK_LABEL (self->progress_detail), detail);
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "connecting");
}

static void
sync_state (AtrSessionWindow *self)
{
  const char *host = host_of (self);
  g_autofree char *title = NULL;

  if (self->session == NULL)
    return;

  switch (atr_rdp_session_get_state (self->session))
    {
    case ATR_RDP_STATE_IDLE:
    case ATR_RDP_STATE_RESOLVING:
      title = g_strdup_printf (_("Connecting to %s…"), host);
      show_progress (self, title, _("Looking up the address"));
      break;
    case ATR_RDP_STATE_CONNECTING:
      title = g_strdup_printf (_("Connecting to %s…"), host);
      show_progress (self, title, _("Checking the server’s identity"));
      break;
    case ATR_RDP_STATE_AUTHENTICATING:
      title = g_strdup_printf (_("Connecting to %s…"), host);
      show_progress (self, title, _("Signing in"));
      break;
    case ATR_RDP_STATE_RECONNECTING:
      title = g_strdup_printf (_("Reconnecting to %s…"), host);
      show_progress (self, title, _("The connection dropped; trying again"));
      break;
    case ATR_RDP_STATE_CONNECTED:
      gtk_spinner_stop (GTK_SPINNER (self->spinner));
      gtk_stack_set_visible_child_name (GTK_STACK (self->stack), "session");
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
      atr_ui_debug ("session: connected to %s", host);
      break;
    case ATR_RDP_STATE_DISCONNECTED:
      show_disconnected (self);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
state_changed_cb (AtrRdpSession    *session,
                  GParamSpec       *pspec,
                  AtrSessionWindow *self)
{
  sync_state (self);
}

static void
connect_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(AtrSessionWindow) self = data;
  g_autoptr(GError) error = NULL;

  /* Failures show through the state (DISCONNECTED + the disconnect error). */
  if (!atr_rdp_session_connect_finish (ATR_RDP_SESSION (source), result, &error))
    g_debug ("Session to %s did not start: %s", host_of (self), error->message);
}

/* --- actions ------------------------------------------------------------------------ */

static void
fullscreen_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
disconnect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AtrSessionWindow *self = ATR_SESSION_WINDOW (widget);

  if (self->session != NULL)
    atr_rdp_session_disconnect (self->session);
}

static void
send_cad_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  AtrSessionWindow *self = ATR_SESSION_WINDOW (widget);

  atr_session_view_send_ctrl_alt_del (self->view);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

static void
reconnect_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_RECONNECT_REQUESTED], 0);
}

static void
scale_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  AtrSessionWindow *self = ATR_SESSION_WINDOW (widget);
  AtrViewScaleMode mode = atr_session_view_get_scale_mode (self->view);

  atr_session_view_set_scale_mode (self->view, mode == ATR_VIEW_SCALE_FIT
                                               ? ATR_VIEW_SCALE_ONE_TO_ONE : ATR_VIEW_SCALE_FIT);
}

/* --- fullscreen toolbar ------------------------------------------------------------- */

static void
fullscreen_changed_cb (GtkWindow        *window,
                       GParamSpec       *pspec,
                       AtrSessionWindow *self)
{
  gboolean fullscreen = gtk_window_is_fullscreen (window);

  gtk_widget_set_visible (self->header, !fullscreen);
  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), FALSE);
  atr_ui_debug ("session: fullscreen %s", fullscreen ? "on" : "off");
}

static void
overlay_motion_cb (GtkEventControllerMotion *controller,
                   double                    x,
                   double                    y,
                   AtrSessionWindow         *self)
{
  GtkRevealer *revealer = GTK_REVEALER (self->revealer);

  if (!gtk_window_is_fullscreen (GTK_WINDOW (self)))
    return;
  if (y <= REVEAL_EDGE_PX && !gtk_revealer_get_reveal_child (revealer))
    gtk_revealer_set_reveal_child (revealer, TRUE);
  else if (y > HIDE_BELOW_PX && gtk_revealer_get_reveal_child (revealer))
    gtk_revealer_set_reveal_child (revealer, FALSE);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_focusable (button, FALSE);   /* keys belong to the remote desktop */
  return button;
}

static GtkWidget *
cad_button (void)
{
  GtkWidget *button = gtk_button_new_with_label (_("Ctrl+Alt+Del"));

  gtk_widget_set_tooltip_text (button, _("Send Ctrl+Alt+Del to the remote desktop"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.send-ctrl-alt-del");
  gtk_widget_set_focusable (button, FALSE);
  return button;
}

static GtkWidget *
build_toolbar (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "atr-session-toolbar");
  gtk_widget_set_margin_top (box, 0);
  gtk_box_append (GTK_BOX (box), cad_button ());
  gtk_box_append (GTK_BOX (box), icon_button ("zoom-fit-best-symbolic", _("Scale to Fit or 1:1"),
                                              "session.scale-to-fit"));
  gtk_box_append (GTK_BOX (box), icon_button ("view-restore-symbolic", _("Leave Fullscreen"),
                                              "session.fullscreen"));
  gtk_box_append (GTK_BOX (box), icon_button ("window-close-symbolic", _("Disconnect"),
                                              "session.disconnect"));
  return box;
}

/* --- construction ------------------------------------------------------------------- */

static GtkWidget *
build_progress_page (AtrSessionWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *cancel;

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_size_request (self->spinner, 32, 32);
  self->progress_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->progress_title, "title-2");
  gtk_label_set_wrap (GTK_LABEL (self->progress_title), TRUE);
  self->progress_detail = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->progress_detail, "dim-label");
  cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_add_css_class (cancel, "pill");
  gtk_widget_set_halign (cancel, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "session.disconnect");
  gtk_box_append (GTK_BOX (box), self->spinner);
  gtk_box_append (GTK_BOX (box), self->progress_title);
  gtk_box_append (GTK_BOX (box), self->progress_detail);
  gtk_box_append (GTK_BOX (box), cancel);
  return box;
}

static GtkWidget *
build_session_page (AtrSessionWindow *self)
{
  GtkWidget *overlay = gtk_overlay_new ();
  GtkEventController *motion;

  self->view = ATR_SESSION_VIEW (atr_session_view_new ());
  gtk_overlay_set_child (GTK_OVERLAY (overlay), GTK_WIDGET (self->view));
  self->revealer = gtk_revealer_new ();
  gtk_revealer_set_transition_type (GTK_REVEALER (self->revealer),
                                    GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_set_valign (self->revealer, GTK_ALIGN_START);
  gtk_widget_set_halign (self->revealer, GTK_ALIGN_CENTER);
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), build_toolbar ());
  gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->revealer);

  motion = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (motion, GTK_PHASE_CAPTURE);
  g_signal_connect (motion, "motion", G_CALLBACK (overlay_motion_cb), self);
  gtk_widget_add_controller (overlay, motion);
  return overlay;
}

static GtkWidget *
build_disconnected_page (AtrSessionWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *close;

  self->status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->status), "network-offline-symbolic");
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  self->reconnect_button = gtk_button_new_with_mnemonic (_("_Reconnect"));
  gtk_widget_add_css_class (self->reconnect_button, "pill");
  gtk_widget_add_css_class (self->reconnect_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->reconnect_button), "session.reconnect");
  close = gtk_button_new_with_mnemonic (_("C_lose"));
  gtk_widget_add_css_class (close, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "window.close");
  gtk_box_append (GTK_BOX (box), self->reconnect_button);
  gtk_box_append (GTK_BOX (box), close);
  adw_status_page_set_child (ADW_STATUS_PAGE (self->status), box);
  return self->status;
}

static gboolean
atr_session_window_close_request (GtkWindow *window)
{
  AtrSessionWindow *self = ATR_SESSION_WINDOW (window);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    atr_rdp_session_disconnect (self->session);
  return GTK_WINDOW_CLASS (atr_session_window_parent_class)->close_request (window);
}

static void
atr_session_window_dispose (GObject *object)
{
  AtrSessionWindow *self = ATR_SESSION_WINDOW (object);

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      atr_rdp_session_disconnect (self->session);
      g_clear_object (&self->session);
    }
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (atr_session_window_parent_class)->dispose (object);
}

static void
atr_session_window_class_init (AtrSessionWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = atr_session_window_dispose;
  window_class->close_request = atr_session_window_close_request;

  /**
   * AtrSessionWindow::reconnect-requested:
   *
   * The user pressed Reconnect: the owner makes a new session (credentials, trust, target)
   * and hands it over with atr_session_window_set_session().
   */
  signals[SIGNAL_RECONNECT_REQUESTED] =
    g_signal_new ("reconnect-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "session.fullscreen", NULL, fullscreen_action);
  gtk_widget_class_install_action (widget_class, "session.disconnect", NULL, disconnect_action);
  gtk_widget_class_install_action (widget_class, "session.send-ctrl-alt-del", NULL,
                                   send_cad_action);
  gtk_widget_class_install_action (widget_class, "session.reconnect", NULL, reconnect_action);
  gtk_widget_class_install_action (widget_class, "session.scale-to-fit", NULL, scale_action);
}

static void
atr_session_window_init (AtrSessionWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *shortcuts;

  self->cancellable = g_cancellable_new ();

  self->header = adw_header_bar_new ();
  adw_header_bar_pack_start (ADW_HEADER_BAR (self->header),
                             icon_button ("window-close-symbolic", _("Disconnect"),
                                          "session.disconnect"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header),
                           icon_button ("view-fullscreen-symbolic", _("Fullscreen"),
                                        "session.fullscreen"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header),
                           icon_button ("zoom-fit-best-symbolic", _("Scale to Fit or 1:1"),
                                        "session.scale-to-fit"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header), cad_button ());

  self->stack = gtk_stack_new ();
  gtk_widget_set_vexpand (self->stack, TRUE);
  gtk_stack_add_named (GTK_STACK (self->stack), build_progress_page (self), "connecting");
  gtk_stack_add_named (GTK_STACK (self->stack), build_session_page (self), "session");
  gtk_stack_add_named (GTK_STACK (self->stack), build_disconnected_page (self), "disconnected");

  gtk_box_append (GTK_BOX (box), self->header);
  gtk_box_append (GTK_BOX (box), self->stack);
  adw_window_set_content (ADW_WINDOW (self), box);
  gtk_window_set_default_size (GTK_WINDOW (self), 1024, 800);
  gtk_widget_add_css_class (GTK_WIDGET (self), "atr-session-window");

  /* Before the view (which takes every key): F11 is ours. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F11, 0),
                                                          gtk_named_action_new ("session.fullscreen")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreen_changed_cb), self);
}

/**
 * atr_session_window_new:
 * @application: (nullable): the application to add the window to
 * @session: (nullable): the session to show (connected here if it is idle)
 *
 * Returns: (transfer full): a new window (not yet presented)
 */
AtrSessionWindow *
atr_session_window_new (GtkApplication *application,
                        AtrRdpSession  *session)
{
  AtrSessionWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (session == NULL || ATR_IS_RDP_SESSION (session), NULL);

  self = g_object_new (ATR_TYPE_SESSION_WINDOW, "application", application, NULL);
  if (session != NULL)
    atr_session_window_set_session (self, session);
  return self;
}

/**
 * atr_session_window_set_session:
 * @session: the session to show
 *
 * Replaces (and disconnects) the current session. An idle session is connected at once,
 * with a cancellable the window cancels when it closes.
 */
void
atr_session_window_set_session (AtrSessionWindow *self,
                                AtrRdpSession    *session)
{
  g_return_if_fail (ATR_IS_SESSION_WINDOW (self));
  g_return_if_fail (ATR_IS_RDP_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      atr_rdp_session_disconnect (self->session);
      g_clear_object (&self->session);
    }
  self->session = g_object_ref (session);
  gtk_window_set_title (GTK_WINDOW (self), host_of (self));
  atr_session_view_set_session (self->view, session);
  g_signal_connect (session, "notify::state", G_CALLBACK (state_changed_cb), self);
  if (atr_rdp_session_get_state (session) == ATR_RDP_STATE_IDLE)
    atr_rdp_session_connect_async (session, self->cancellable, connect_done_cb,
                                   g_object_ref (self));
  sync_state (self);
}

/**
 * atr_session_window_get_session:
 *
 * Returns: (transfer none) (nullable): the session shown
 */
AtrRdpSession *
atr_session_window_get_session (AtrSessionWindow *self)
{
  g_return_val_if_fail (ATR_IS_SESSION_WINDOW (self), NULL);
  return self->session;
}

/**
 * atr_session_window_get_view:
 *
 * Returns: (transfer none): the session view
 */
AtrSessionView *
atr_session_window_get_view (AtrSessionWindow *self)
{
  g_return_val_if_fail (ATR_IS_SESSION_WINDOW (self), NULL);
  return self->view;
}

/**
 * atr_session_window_set_can_reconnect:
 * @can_reconnect: whether the disconnected page offers Reconnect (the owner then answers
 *   AtrSessionWindow::reconnect-requested)
 */
void
atr_session_window_set_can_reconnect (AtrSessionWindow *self,
                                      gboolean          can_reconnect)
{
  g_return_if_fail (ATR_IS_SESSION_WINDOW (self));

  self->can_reconnect = !!can_reconnect;
  gtk_widget_set_visible (self->reconnect_button, self->can_reconnect);
}
