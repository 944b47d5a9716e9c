/* atr-session-window.c — a window for one RDP session: progress, picture, reasons
 *
 * Three pages in a stack: "connecting" (a GtkSpinner — libadwaita 1.2 has no spinner — and
 * what the engine is doing), "session" (the AtrSessionView under an overlay toolbar that
 * slides in from the top edge in fullscreen) and "disconnected" (an AdwStatusPage with the
 * classified reason and, when the owner can make a new session, a Reconnect button).
 * Commands are actions on the widget class (session.fullscreen, session.disconnect,
 * session.send-ctrl-alt-del, session.reconnect, session.scale-to-fit,
 * session.release-keyboard); those that need a live session are enabled only while it is
 * connected. The window owns the keyboard: while the view has the focus every key press goes
 * to the remote desktop, caught in the capture phase before the application's accelerators
 * (Ctrl+Q, Ctrl+,) can fire. Only the host keys (ATR_SESSION_HOST_KEYS: Ctrl+Alt+Shift with
 * a letter, Ctrl+Alt+End as in mstsc, and F11) reach Atrium's own actions. "Release
 * keyboard" moves the focus to the toolbar (revealed in fullscreen), whose buttons take the
 * focus and carry accessible names; clicking the picture gives the keys back.
 *
 * An idle session is connected once the window has its first layout, at its view's size, and
 * the server sends no pictures while the window is hidden (atr-session-window-show.c).
 * Built in code: the shared GResource is left to the app's templates. The chrome uses only
 * standard libadwaita style classes, so the tenant theme (named colours) applies as is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "atr-session-window-private.h"
#include "atr-ui-text.h"
#include "atr-ui.h"

#define REVEAL_EDGE_PX 6
#define HIDE_BELOW_PX 96


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

/* What users call this session: the owner's window title (the resource's name), else
 * the host. */
static const char *
name_of (AtrSessionWindow *self)
{
  const char *title = gtk_window_get_title (GTK_WINDOW (self));

  return title != NULL && *title != '\0' ? title : host_of (self);
}

static void
sync_title (AtrSessionWindow *self)
{
  const char *host = host_of (self);
  const char *name = name_of (self);

  adw_window_title_set_title (ADW_WINDOW_TITLE (self->window_title), name);
  adw_window_title_set_subtitle (ADW_WINDOW_TITLE (self->window_title),
                                 g_strcmp0 (name, host) != 0 ? host : NULL);
  gtk_widget_set_tooltip_text (self->window_title, *host != '\0' ? host : NULL);
}

/* The actions that act on a live session: only while it is connected. */
static void
sync_actions (AtrSessionWindow *self)
{
  AtrRdpState state = self->session ? atr_rdp_session_get_state (self->session)
                                    : ATR_RDP_STATE_DISCONNECTED;
  gboolean connected = state == ATR_RDP_STATE_CONNECTED;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "session.send-ctrl-alt-del", connected);
  gtk_widget_action_set_enabled (widget, "session.scale-to-fit", connected);
  /* An undeletable window is locked by its owner (kiosk mode, which disables
   * session.fullscreen itself): leave that action as the owner set it. */
  if (gtk_window_get_deletable (GTK_WINDOW (self)))
    gtk_widget_action_set_enabled (widget, "session.fullscreen",
                                   connected || gtk_window_is_fullscreen (GTK_WINDOW (self)));
  gtk_widget_action_set_enabled (widget, "session.release-keyboard", connected);
  gtk_widget_action_set_enabled (widget, "session.disconnect",
                                 state != ATR_RDP_STATE_DISCONNECTED);
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

  atr_ui_session_end_text (error, host_of (self), &title, &description);
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
  atr_ui_debug ("session: page text: %s / %s / %s", title, description,
                error ? error->message : "");
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
  const char *name = name_of (self);
  g_autofree char *title = NULL;

  if (self->session == NULL)
    return;

  sync_actions (self);
  switch (atr_rdp_session_get_state (self->session))
    {
    case ATR_RDP_STATE_IDLE:
    case ATR_RDP_STATE_RESOLVING:
      title = g_strdup_printf (_("Connecting to %s…"), name);
      show_progress (self, title, _("Looking up the address"));
      break;
    case ATR_RDP_STATE_CONNECTING:
      title = g_strdup_printf (_("Connecting to %s…"), name);
      show_progress (self, title, _("Checking the server’s identity"));
      break;
    case ATR_RDP_STATE_AUTHENTICATING:
      title = g_strdup_printf (_("Connecting to %s…"), name);
      show_progress (self, title, _("Signing in"));
      break;
    case ATR_RDP_STATE_RECONNECTING:
      title = g_strdup_printf (_("Reconnecting to %s…"), name);
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

/* The focus to the toolbar (shown in fullscreen), so that keys stay here; again: back to the
 * remote desktop. */
static void
release_keyboard_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  AtrSessionWindow *self = ATR_SESSION_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *bar = gtk_window_is_fullscreen (GTK_WINDOW (self)) ? self->toolbar : self->header;

  if (focus != NULL && focus != GTK_WIDGET (self->view) &&
      gtk_widget_is_ancestor (focus, bar))
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->view));
      atr_ui_debug ("session: keyboard to the remote desktop");
      return;
    }
  if (bar == self->toolbar)
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
  gtk_widget_child_focus (bar, GTK_DIR_TAB_FORWARD);
  atr_ui_debug ("session: keyboard released");
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
  sync_actions (self);
  atr_ui_debug ("session: fullscreen %s", fullscreen ? "on" : "off");
}

static gboolean
toolbar_has_focus (AtrSessionWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL && gtk_widget_is_ancestor (focus, self->toolbar);
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
  else if (y > HIDE_BELOW_PX && gtk_revealer_get_reveal_child (revealer) &&
           !toolbar_has_focus (self))
    gtk_revealer_set_reveal_child (revealer, FALSE);
}

/* In fullscreen the toolbar shows while it has the keyboard focus, not only on hover. */
static void
toolbar_focus_enter_cb (GtkEventControllerFocus *controller,
                        AtrSessionWindow        *self)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
    gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer), TRUE);
}

/* Every key press goes to the focused view before the application's accelerators (which
 * GtkWindow runs in the capture phase too, after the controllers added here). */
static gboolean
key_capture_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                AtrSessionWindow      *self)
{
  if (!gtk_widget_has_focus (GTK_WIDGET (self->view)))
    return FALSE;
  gtk_event_controller_key_forward (controller, GTK_WIDGET (self->view));
  return TRUE;
}

/* This controller handled the press, so it stops the release too: forward that as well
 * (after a focus change the view has already released every key it pressed). */
static void
key_release_capture_cb (GtkEventControllerKey *controller,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        AtrSessionWindow      *self)
{
  if (gtk_widget_has_focus (GTK_WIDGET (self->view)))
    gtk_event_controller_key_forward (controller, GTK_WIDGET (self->view));
}

/* Focusable (the keyboard reaches them after "release keyboard"), named for screen
 * readers, and told apart by tooltip and icon. */
static GtkWidget *
icon_button (const char *icon,
             const char *name,
             const char *tooltip,
             const char *action)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  return button;
}

/* Disconnect is labelled, unlike the window's own close button. */
static GtkWidget *
disconnect_button (void)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "network-offline-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Disconnect"));
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, _("Disconnect (Ctrl+Alt+Shift+D)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.disconnect");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Disconnect"), -1);
  return button;
}

static GtkWidget *
cad_button (void)
{
  GtkWidget *button = gtk_button_new_with_label (_("Ctrl+Alt+Del"));

  gtk_widget_set_tooltip_text (button,
                               _("Send Ctrl+Alt+Del to the remote desktop (Ctrl+Alt+End)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "session.send-ctrl-alt-del");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Send Ctrl+Alt+Del"), -1);
  return button;
}

static GtkWidget *
scale_button (void)
{
  return icon_button ("zoom-fit-best-symbolic", _("Scale to Fit or 1:1"),
                      _("Scale to Fit or 1:1 (Ctrl+Alt+Shift+S)"), "session.scale-to-fit");
}

static GtkWidget *
build_toolbar (AtrSessionWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_add_css_class (box, "osd");
  gtk_widget_add_css_class (box, "atr-session-toolbar");
  gtk_widget_set_margin_top (box, 0);
  gtk_box_append (GTK_BOX (box), disconnect_button ());
  gtk_box_append (GTK_BOX (box), cad_button ());
  gtk_box_append (GTK_BOX (box), scale_button ());
  gtk_box_append (GTK_BOX (box), icon_button ("view-restore-symbolic", _("Leave Fullscreen"),
                                              _("Leave Fullscreen (F11)"),
                                              "session.fullscreen"));
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
  /* German and French titles wrap; their lines stay centred like the page. */
  gtk_label_set_justify (GTK_LABEL (self->progress_title), GTK_JUSTIFY_CENTER);
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
  self->toolbar = build_toolbar (self);
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), self->toolbar);
  motion = gtk_event_controller_focus_new ();
  g_signal_connect (motion, "enter", G_CALLBACK (toolbar_focus_enter_cb), self);
  gtk_widget_add_controller (self->toolbar, motion);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remote desktop"), -1);
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
  _atr_session_window_unwatch_shown (self);
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
  gtk_widget_class_install_action (widget_class, "session.release-keyboard", NULL,
                                   release_keyboard_action);
}

/* Ctrl+Alt+Shift with a letter cannot be a character (Ctrl+Alt alone is AltGr on Windows:
 * Ctrl+Alt+Q types @ on a German keyboard); Ctrl+Alt+End is what mstsc uses. */
static const struct
{
  const char *trigger;
  const char *action;
} host_keys[] = {
  { "F11", "session.fullscreen" },
  { "<Control><Alt><Shift>f", "session.fullscreen" },
  { "<Control><Alt><Shift>d", "session.disconnect" },
  { "<Control><Alt>End", "session.send-ctrl-alt-del" },
  { "<Control><Alt><Shift>s", "session.scale-to-fit" },
  { "<Control><Alt><Shift>r", "session.release-keyboard" },
};

static void
atr_session_window_init (AtrSessionWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkEventController *shortcuts;
  GtkEventController *keys;

  self->cancellable = g_cancellable_new ();

  self->header = adw_header_bar_new ();
  self->window_title = adw_window_title_new ("", NULL);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (self->header), self->window_title);
  adw_header_bar_pack_start (ADW_HEADER_BAR (self->header), disconnect_button ());
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header),
                           icon_button ("view-fullscreen-symbolic", _("Fullscreen"),
                                        _("Fullscreen (F11)"), "session.fullscreen"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (self->header), scale_button ());
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

  /* Capture phase, on the window, so before the view (which takes every key) and before the
   * application's accelerators (GtkWindow's own controllers, added by its init). GTK runs a
   * widget's controllers last-added first: the host keys come first, then every other key
   * press goes to the remote desktop while the view has the focus (test-session-window
   * checks both). */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_capture_cb), self);
  g_signal_connect (keys, "key-released", G_CALLBACK (key_release_capture_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (host_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string (host_keys[i].trigger),
                                                            gtk_named_action_new (host_keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreen_changed_cb), self);
  g_signal_connect (self, "notify::title", G_CALLBACK (sync_title), NULL);
  _atr_session_window_watch_shown (self);
  sync_actions (self);
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
 * Replaces (and disconnects) the current session. An idle session is connected once the
 * window is shown and laid out (at once when it already is), with its desktop size set to
 * the view's and a cancellable the window cancels when it closes.
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
  sync_title (self);
  atr_session_view_set_session (self->view, session);
  g_signal_connect (session, "notify::state", G_CALLBACK (state_changed_cb), self);
  self->connect_pending = atr_rdp_session_get_state (session) == ATR_RDP_STATE_IDLE;
  _atr_session_window_sync_hidden (self);
  _atr_session_window_start_pending_connect (self);
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
