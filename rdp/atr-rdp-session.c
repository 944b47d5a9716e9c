/* atr-rdp-session.c — one RDP session: the main-context side
 *
 * Every FreeRDP call happens on the session's own thread (atr-rdp-session-thread.c). This
 * file is what the caller's main context sees: the state property, the signals, the connect
 * task, and the thread-safe entry points (input, answers, disconnect) that queue work for
 * the thread and wake it through a WinPR event. Blocking FreeRDP callbacks (credentials,
 * certificate overrides) wait on a GCond that the answer functions and disconnect() signal;
 * nothing here iterates a main loop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atr-rdp-summary.h"
#include "atr-rdp-session-private.h"
#include "atr-rdp-session.h"

G_DEFINE_ENUM_TYPE (AtrRdpState, atr_rdp_state,
  G_DEFINE_ENUM_VALUE (ATR_RDP_STATE_IDLE, "idle"),
  G_DEFINE_ENUM_VALUE (ATR_RDP_STATE_RESOLVING, "resolving"),
  G_DEFINE_ENUM_VALUE (ATR_RDP_STATE_CONNECTING, "connecting"),
  G_DEFINE_ENUM_VALUE (ATR_RDP_STATE_AUTHENTICATING, "authenticating"),
  G_DEFINE_ENUM_VALUE (ATR_RDP_STATE_CONNECTED, "connected"),
  G_DEFINE_ENUM_VALUE (ATR_RDP_STATE_RECONNECTING, "reconnecting"),
  G_DEFINE_ENUM_VALUE (ATR_RDP_STATE_DISCONNECTED, "disconnected"))

G_DEFINE_FINAL_TYPE (AtrRdpSession, atr_rdp_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TARGET,
  PROP_STATE,
  PROP_CERTIFICATE,
  PROP_DISPLAY_CONTROL,
  N_PROPS
};

enum {
  SIGNAL_CREDENTIALS_REQUESTED,
  SIGNAL_CERTIFICATE_REJECTED,
  SIGNAL_FRAME_UPDATED,
  SIGNAL_DESKTOP_RESIZED,
  SIGNAL_POINTER_CHANGED,
  SIGNAL_REMOTE_TEXT,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
atr_rdp_session_finalize (GObject *object)
{
  AtrRdpSession *self = (AtrRdpSession *) object;

  g_assert (self->thread == NULL);
  _atr_rdp_session_cancel_paced_frame (self);

  g_clear_pointer (&self->connection, atr_rdp_connection_free);
  g_clear_pointer (&self->input, atr_rdp_input_free);
  g_clear_pointer (&self->clipboard, atr_rdp_cliprdr_free);
  g_clear_pointer (&self->display, atr_rdp_display_free);
  g_clear_pointer (&self->framebuffer, atr_rdp_framebuffer_free);
  g_clear_pointer (&self->graphics, atr_rdp_graphics_free);
  if (self->wake_event != NULL)
    CloseHandle (self->wake_event);
  g_clear_pointer (&self->target, atr_rdp_target_unref);
  g_clear_object (&self->trust);
  g_clear_pointer (&self->certificate, atr_rdp_certificate_unref);
  g_clear_pointer (&self->pointer, atr_rdp_pointer_unref);
  g_clear_error (&self->disconnect_error);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->config_dir, g_free);
  g_clear_object (&self->file);

  G_OBJECT_CLASS (atr_rdp_session_parent_class)->finalize (object);
}

static void
atr_rdp_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AtrRdpSession *self = ATR_RDP_SESSION (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      g_value_set_boxed (value, self->target);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CERTIFICATE:
      g_value_set_boxed (value, self->certificate);
      break;
    case PROP_DISPLAY_CONTROL:
      g_value_set_boolean (value, atr_rdp_display_get_available (self->display));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atr_rdp_session_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AtrRdpSession *self = ATR_RDP_SESSION (object);

  switch (prop_id)
    {
    case PROP_TARGET:
      self->target = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
atr_rdp_session_class_init (AtrRdpSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = atr_rdp_session_finalize;
  object_class->get_property = atr_rdp_session_get_property;
  object_class->set_property = atr_rdp_session_set_property;

  properties[PROP_TARGET] =
    g_param_spec_boxed ("target", NULL, NULL, ATR_TYPE_RDP_TARGET,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * AtrRdpSession:state:
   *
   * Where the session is; changes are notified on the caller's main context only.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, ATR_TYPE_RDP_STATE, ATR_RDP_STATE_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * AtrRdpSession:certificate:
   *
   * The last certificate decision (server or gateway), or %NULL before the first.
   */
  properties[PROP_CERTIFICATE] =
    g_param_spec_boxed ("certificate", NULL, NULL, ATR_TYPE_RDP_CERTIFICATE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * AtrRdpSession:display-control:
   *
   * Whether the server offered the Display Control channel, so that
   * atr_rdp_session_request_resize() can change the remote desktop's size.
   */
  properties[PROP_DISPLAY_CONTROL] =
    g_param_spec_boolean ("display-control", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * AtrRdpSession::credentials-requested:
   * @gateway: %TRUE when the RD Gateway asks, %FALSE for the session host
   * @host: the host (or gateway) name
   *
   * The server needs credentials. Answer with atr_rdp_session_answer_credentials(), now or
   * later; the session thread waits. With no handler connected the request is refused.
   */
  signals[SIGNAL_CREDENTIALS_REQUESTED] =
    g_signal_new ("credentials-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_BOOLEAN, G_TYPE_STRING);
  /**
   * AtrRdpSession::certificate-rejected:
   * @certificate: the rejected certificate and the trust store's reason
   *
   * Emitted only when policy allows a user override: answer with
   * atr_rdp_session_answer_certificate(). Without an override the connection just fails
   * with %ATR_RDP_ERROR_CERTIFICATE.
   */
  signals[SIGNAL_CERTIFICATE_REJECTED] =
    g_signal_new ("certificate-rejected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ATR_TYPE_RDP_CERTIFICATE);
  /**
   * AtrRdpSession::frame-updated:
   * @rects: (array length=n_rects): the damaged #AtrRdpRect<!-- -->s
   * @n_rects: how many
   *
   * Parts of the framebuffer changed (read them under atr_rdp_session_lock_framebuffer()).
   * Never emitted with an empty damage list.
   */
  signals[SIGNAL_FRAME_UPDATED] =
    g_signal_new ("frame-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_UINT);
  /**
   * AtrRdpSession::desktop-resized:
   * @width: the remote desktop's width now
   * @height: its height
   *
   * The desktop got this size (when the session became active, or because the server
   * resized it, e.g. after atr_rdp_session_request_resize()). A frame-updated covering the
   * whole framebuffer at the new size follows.
   */
  signals[SIGNAL_DESKTOP_RESIZED] =
    g_signal_new ("desktop-resized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
  /**
   * AtrRdpSession::pointer-changed:
   * @pointer: the server's pointer now: its image (straight BGRA and a hotspot), hidden, or
   *   the system default
   *
   * Also readable afterwards with atr_rdp_session_get_pointer().
   */
  signals[SIGNAL_POINTER_CHANGED] =
    g_signal_new ("pointer-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, ATR_TYPE_RDP_POINTER);
  /**
   * AtrRdpSession::remote-text:
   * @text: UTF-8 text (LF line ends) the server put on its clipboard
   *
   * Emitted on the session's main context when the server's clipboard holds new text
   * (only when the policy allows the clipboard).
   */
  signals[SIGNAL_REMOTE_TEXT] =
    g_signal_new ("remote-text", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
atr_rdp_session_init (AtrRdpSession *self)
{
  /* NULL when WinPR could not make it: connect_async() then fails. */
  self->wake_event = CreateEventA (NULL, TRUE, FALSE, NULL);
  self->connection = atr_rdp_connection_new ();
  self->input = atr_rdp_input_new (self->wake_event);
  self->clipboard = atr_rdp_cliprdr_new (self, self->wake_event);
  self->display = atr_rdp_display_new (self, self->wake_event);
  self->framebuffer = atr_rdp_framebuffer_new ();
  self->graphics = _atr_rdp_session_graphics_new (self);
  self->desktop_width = 1024;
  self->desktop_height = 768;
  self->endpoint_index = -1;
  self->config_dir = g_build_filename (g_get_user_cache_dir (), "atrium", "freerdp", NULL);
  atr_rdp_policy_init_default (&self->policy);
  atr_rdp_backoff_init_default (&self->backoff);
}

/**
 * atr_rdp_session_new:
 * @target: where to connect (host name for certificate checks, plus endpoints)
 *
 * Returns: (transfer full): a new idle session
 */
AtrRdpSession *
atr_rdp_session_new (AtrRdpTarget *target)
{
  g_return_val_if_fail (target != NULL, NULL);

  return g_object_new (ATR_TYPE_RDP_SESSION, "target", target, NULL);
}

/**
 * atr_rdp_session_new_from_file:
 * @filtered: a payload that went through atr_rdp_file_filter() with @policy
 * @policy: (nullable): the tenant policy, or %NULL for the default
 *
 * A session for what the file asks for: its host (certificates are checked against that
 * name), its RD Gateway as the endpoint when it names one, and every other setting applied
 * through atr_rdp_settings_apply() when the session connects (routing token, RemoteApp,
 * redirections…). The policy decides the certificate override, auto-reconnect (with the
 * default schedule; see atr_rdp_session_set_reconnect()) and the text clipboard.
 *
 * Returns: (transfer full): a new idle session, or %NULL with an %ATR_RDP_FILE_ERROR when
 *   the file names no host
 */
AtrRdpSession *
atr_rdp_session_new_from_file (AtrRdpFile          *filtered,
                               const AtrRdpPolicy  *policy,
                               GError             **error)
{
  g_autoptr(AtrRdpSummary) summary = NULL;
  g_autoptr(AtrRdpTarget) target = NULL;
  AtrRdpSession *self;
  AtrRdpPolicy default_policy;

  g_return_val_if_fail (ATR_IS_RDP_FILE (filtered), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (policy == NULL)
    {
      atr_rdp_policy_init_default (&default_policy);
      policy = &default_policy;
    }

  summary = atr_rdp_summary_new_from_file (filtered, policy, error);
  if (summary == NULL)
    return NULL;

  target = atr_rdp_target_new (summary->host, summary->port);
  if (summary->gateway_host != NULL)
    atr_rdp_target_add_gateway (target, summary->gateway_host, summary->gateway_host,
                                summary->gateway_port);

  self = atr_rdp_session_new (target);
  self->file = g_object_ref (filtered);
  self->policy = *policy;
  self->allow_override = policy->allow_certificate_override;
  self->reconnect = policy->reconnect;
  atr_rdp_cliprdr_set_policy (self->clipboard,
                              atr_rdp_policy_allows (policy, ATR_RDP_REDIRECT_CLIPBOARD), TRUE);
  return self;
}

AtrRdpTarget *
atr_rdp_session_get_target (AtrRdpSession *self)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), NULL);
  return self->target;
}

/**
 * atr_rdp_session_set_trust_store:
 * @trust: the store (with the tenant's anchors) every certificate is checked against
 *
 * Without one, the session loads atr_trust_store_new_default() when it connects.
 */
void
atr_rdp_session_set_trust_store (AtrRdpSession *self,
                                 AtrTrustStore *trust)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (trust == NULL || ATR_IS_TRUST_STORE (trust));
  g_return_if_fail (self->state == ATR_RDP_STATE_IDLE);

  g_set_object (&self->trust, trust);
}

/**
 * atr_rdp_session_set_credentials:
 *
 * Credentials to offer up front (NLA). Copied; the session wipes its copies as soon as
 * FreeRDP has used them. Pass the password from a secret store or stdin, never argv.
 */
void
atr_rdp_session_set_credentials (AtrRdpSession *self,
                                 const char    *username,
                                 const char    *domain,
                                 const char    *password)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (self->state == ATR_RDP_STATE_IDLE);

  atr_rdp_connection_set_credentials (self->connection, username, domain, password);
}

void
atr_rdp_session_set_desktop_size (AtrRdpSession *self,
                                  guint          width,
                                  guint          height)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (width >= 200 && width <= 8192 && height >= 200 && height <= 8192);
  g_return_if_fail (self->state == ATR_RDP_STATE_IDLE);

  self->desktop_width = width;
  self->desktop_height = height;
}

/**
 * atr_rdp_session_set_allow_certificate_override:
 *
 * Whether a rejected certificate is offered to the user (the certificate-rejected signal).
 * Only where tenant policy allows it, and never in kiosk mode. Default %FALSE.
 */
void
atr_rdp_session_set_allow_certificate_override (AtrRdpSession *self,
                                                gboolean       allow)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (self->state == ATR_RDP_STATE_IDLE);

  self->allow_override = !!allow;
}

/**
 * atr_rdp_session_set_reconnect:
 * @backoff: (nullable): the schedule, or %NULL to never reconnect
 *
 * Auto-reconnect: when an active session loses its network (and only then), the state goes
 * RECONNECTING and the endpoints are tried again on @backoff's schedule; back to CONNECTED
 * on success, DISCONNECTED with %ATR_RDP_ERROR_NETWORK_LOST when the schedule runs out.
 * Off for atr_rdp_session_new(); what the policy says for atr_rdp_session_new_from_file().
 * While it is on, the credentials are kept (in this process only) until the session ends.
 */
void
atr_rdp_session_set_reconnect (AtrRdpSession       *self,
                               const AtrRdpBackoff *backoff)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (self->state == ATR_RDP_STATE_IDLE);

  self->reconnect = backoff != NULL && backoff->max_attempts > 0;
  if (backoff != NULL)
    self->backoff = *backoff;
}

/**
 * atr_rdp_session_set_connect_only:
 *
 * A session that only proves it can get in (`atrium-cli probe --frames 0`): it connects,
 * checks the certificate, authenticates and is activated like any other, but sets up
 * nothing it would need afterwards. FreeRDP's decoders are never created
 * (DeactivateClientDecoding: no H.264, progressive, planar… contexts, and what the server
 * sends is not decoded), no GDI and no framebuffer, no pointer, and no virtual channel is
 * loaded (no drdynvc, Display Control, graphics pipeline or clipboard). No frame-updated
 * is ever emitted. Default %FALSE.
 */
void
atr_rdp_session_set_connect_only (AtrRdpSession *self,
                                  gboolean       connect_only)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (self->state == ATR_RDP_STATE_IDLE);

  self->connect_only = !!connect_only;
}

AtrRdpState
atr_rdp_session_get_state (AtrRdpSession *self)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), ATR_RDP_STATE_IDLE);
  return self->state;
}

/**
 * atr_rdp_session_get_certificate:
 *
 * Returns: (transfer none) (nullable): the last certificate decision
 */
AtrRdpCertificate *
atr_rdp_session_get_certificate (AtrRdpSession *self)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), NULL);
  return self->certificate;
}

/**
 * atr_rdp_session_get_disconnect_error:
 *
 * Returns: (nullable): why a session that was DISCONNECTED ended (%ATR_RDP_ERROR), or
 *   %NULL while it runs or when the local side ended it
 */
const GError *
atr_rdp_session_get_disconnect_error (AtrRdpSession *self)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), NULL);
  return self->disconnect_error;
}

void
atr_rdp_session_get_timings (AtrRdpSession *self,
                             AtrRdpTimings *timings)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (timings != NULL);

  atr_rdp_connection_get_timings (self->connection, timings);
}

/**
 * atr_rdp_session_get_endpoint:
 *
 * Returns: (nullable): the endpoint being tried or used, %NULL before the first attempt
 */
const AtrRdpEndpoint *
atr_rdp_session_get_endpoint (AtrRdpSession *self)
{
  AtrRdpTarget *route;

  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), NULL);

  route = atr_rdp_connection_get_route (self->connection);
  if (route == NULL || self->endpoint_index < 0 ||
      (guint) self->endpoint_index >= atr_rdp_target_get_n_endpoints (route))
    return NULL;
  return atr_rdp_target_get_endpoint (route, (guint) self->endpoint_index);
}

static void
cancelled_cb (GCancellable  *cancellable,
              AtrRdpSession *self)
{
  atr_rdp_session_disconnect (self);
}

/**
 * atr_rdp_session_connect_async:
 * @cancellable: (nullable): cancels the connection attempt (and ends the session)
 *
 * Starts the session thread. Completes once the session is active (state CONNECTED), or
 * with an %ATR_RDP_ERROR naming the host when every endpoint failed, the certificate was
 * rejected or the credentials were refused. Signals and notifications arrive on the
 * thread-default main context of the caller. The session holds a reference on itself until
 * its thread has ended: call atr_rdp_session_disconnect() when done.
 */
void
atr_rdp_session_connect_async (AtrRdpSession       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, atr_rdp_session_connect_async);

  if (self->state != ATR_RDP_STATE_IDLE)
    {
      g_task_return_new_error (task, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                               _("The session to %s was already started"),
                               atr_rdp_target_get_host (self->target));
      return;
    }

  if (self->trust == NULL)
    {
      self->trust = atr_trust_store_new_default (&error);
      if (self->trust == NULL)
        {
          g_task_return_new_error (task, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                                   _("No trust store to check %s against: %s"),
                                   atr_rdp_target_get_host (self->target), error->message);
          return;
        }
    }

  if (self->wake_event == NULL)
    {
      g_task_return_new_error (task, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                               _("Could not create the wake event of the session to %s"),
                               atr_rdp_target_get_host (self->target));
      return;
    }

  self->main_context = g_main_context_ref_thread_default ();
  self->connect_task = g_steal_pointer (&task);
  atr_rdp_connection_start_clock (self->connection);
  atr_rdp_input_open (self->input);
  self->state = ATR_RDP_STATE_RESOLVING;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  if (cancellable != NULL)
    {
      self->cancellable = g_object_ref (cancellable);
      self->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (cancelled_cb),
                                                  self, NULL);
    }

  /* The thread owns a reference until _atr_rdp_session_post_finished() has run. */
  self->thread = g_thread_new ("atr-rdp-session", _atr_rdp_session_thread_main,
                               g_object_ref (self));
}

gboolean
atr_rdp_session_connect_finish (AtrRdpSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * atr_rdp_session_disconnect:
 *
 * Ends the session (or the connection attempt) from any thread: aborts FreeRDP, releases
 * any callback waiting for an answer, and lets the thread finish. The state becomes
 * DISCONNECTED on the main context shortly after. Safe to call more than once.
 */
void
atr_rdp_session_disconnect (AtrRdpSession *self)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));

  atr_rdp_connection_quit (self->connection);
  atr_rdp_input_close (self->input);
  if (self->wake_event != NULL)
    SetEvent (self->wake_event);
}

/**
 * atr_rdp_session_answer_credentials:
 * @username: (nullable): the user name, or %NULL to refuse
 * @domain: (nullable): the domain
 * @password: (nullable): the password; copied and wiped after use
 */
void
atr_rdp_session_answer_credentials (AtrRdpSession *self,
                                    const char    *username,
                                    const char    *domain,
                                    const char    *password)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));

  atr_rdp_connection_answer_credentials (self->connection, username, domain, password);
}

void
atr_rdp_session_answer_certificate (AtrRdpSession *self,
                                    gboolean       accept)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));

  atr_rdp_connection_answer_certificate (self->connection, accept);
}

/**
 * atr_rdp_session_send_key:
 * @scancode: the RDP (set 1) scan code, without the 0xE0 prefix
 * @extended: whether it is an extended (0xE0-prefixed) key
 * @down: press or release
 */
void
atr_rdp_session_send_key (AtrRdpSession *self,
                          guint16        scancode,
                          gboolean       extended,
                          gboolean       down)
{
  AtrRdpCommand command;

  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (scancode != 0 && scancode <= 0xFF);

  command = atr_rdp_command_key (scancode, extended, down);
  atr_rdp_input_push (self->input, &command);
}

void
atr_rdp_session_send_pointer_move (AtrRdpSession *self,
                                   int            x,
                                   int            y)
{
  AtrRdpCommand command;

  g_return_if_fail (ATR_IS_RDP_SESSION (self));

  command = atr_rdp_command_move (x, y);
  atr_rdp_input_push (self->input, &command);
}

void
atr_rdp_session_send_button (AtrRdpSession *self,
                             int            x,
                             int            y,
                             guint          button,
                             gboolean       down)
{
  AtrRdpCommand command;

  g_return_if_fail (ATR_IS_RDP_SESSION (self));
  g_return_if_fail (button >= ATR_RDP_BUTTON_LEFT && button <= ATR_RDP_BUTTON_RIGHT);

  command = atr_rdp_command_button (x, y, button, down);
  atr_rdp_input_push (self->input, &command);
}

/**
 * atr_rdp_session_send_wheel:
 * @delta: rotation in RDP units (120 per notch); positive scrolls up (or right)
 */
void
atr_rdp_session_send_wheel (AtrRdpSession *self,
                            int            x,
                            int            y,
                            int            delta,
                            gboolean       horizontal)
{
  AtrRdpCommand command;

  g_return_if_fail (ATR_IS_RDP_SESSION (self));

  if (atr_rdp_command_wheel (x, y, delta, horizontal, &command))
    atr_rdp_input_push (self->input, &command);
}

/**
 * atr_rdp_session_lock_framebuffer:
 * @data: (out): the pixels, BGRA with opaque alpha
 *
 * Locks the framebuffer against the session thread; keep it short and call
 * atr_rdp_session_unlock_framebuffer() even when this returns %FALSE (no frame yet).
 */
gboolean
atr_rdp_session_lock_framebuffer (AtrRdpSession  *self,
                                  const guint8  **data,
                                  guint          *width,
                                  guint          *height,
                                  gsize          *stride)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), FALSE);

  return atr_rdp_framebuffer_lock (self->framebuffer, data, width, height, stride);
}

void
atr_rdp_session_unlock_framebuffer (AtrRdpSession *self)
{
  g_return_if_fail (ATR_IS_RDP_SESSION (self));

  atr_rdp_framebuffer_unlock (self->framebuffer);
}
