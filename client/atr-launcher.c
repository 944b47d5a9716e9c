/* atr-launcher.c — the one place "open this resource" goes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "atr-http.h"
#include "atr-launch-dialogs.h"
#include "atr-net-error.h"
#include "atr-rdp-file.h"
#include "atr-rdp-policy.h"
#include "atr-rdp-session.h"
#include "atr-rdp-summary.h"
#include "atr-session-window.h"
#include "atr-ui-text.h"

#include "atr-launcher.h"

struct _AtrLauncher
{
  GObject         parent_instance;

  GtkApplication *application;   /* weak */
  AtrTrustStore  *trust;
  GCancellable   *cancellable;
  gboolean        kiosk;
  gboolean        no_reconnect;   /* the engine's auto-reconnect turned off for every session */
  GHashTable     *windows;        /* "TENANT_ID RESOURCE_ID" → AtrSessionWindow, while open */
};

G_DEFINE_FINAL_TYPE (AtrLauncher, atr_launcher, G_TYPE_OBJECT)

enum {
  SIGNAL_NOTICE,
  SIGNAL_SESSION_STARTED,
  SIGNAL_SESSION_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* One launch: what is being opened, for messages, retries and the session's signals. */
typedef struct
{
  AtrLauncher      *launcher;
  AtrWorkspace     *workspace;     /* nullable: a stranger's .rdp file */
  AtrResource      *resource;      /* nullable: a file or link */
  char             *tenant_id;
  char             *what_id;       /* the resource ID, or the file's origin */
  char             *title;         /* what users call it */
  char             *origin;
  GBytes           *payload;       /* kept for Reconnect */
  AtrSessionWindow *window;        /* weak */
  gboolean          offered;       /* the signed-in user's credentials were offered */
  char             *approved_host; /* payloads: what the check or the user approved */
  guint16           approved_port;
  char             *approved_gateway;
} Launch;

static void
launch_clear (Launch *launch)
{
  g_clear_object (&launch->launcher);
  g_clear_object (&launch->workspace);
  g_clear_object (&launch->resource);
  g_free (launch->tenant_id);
  g_free (launch->what_id);
  g_free (launch->title);
  g_free (launch->origin);
  g_clear_pointer (&launch->payload, g_bytes_unref);
  g_free (launch->approved_host);
  g_free (launch->approved_gateway);
  if (launch->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (launch->window), (gpointer *) &launch->window);
}

/* Shared by the fetch, the session window (Reconnect) and each session's handlers. */
static Launch *
launch_ref (Launch *launch)
{
  return g_rc_box_acquire (launch);
}

static void
launch_unref (Launch *launch)
{
  g_rc_box_release_full (launch, (GDestroyNotify) launch_clear);
}

static Launch *
launch_new (AtrLauncher  *self,
            AtrWorkspace *workspace,
            AtrResource  *resource,
            const char   *origin)
{
  Launch *launch = g_rc_box_new0 (Launch);
  AtrTenant *tenant = workspace ? atr_workspace_get_tenant (workspace) : NULL;

  launch->launcher = g_object_ref (self);
  launch->workspace = workspace ? g_object_ref (workspace) : NULL;
  launch->resource = resource ? g_object_ref (resource) : NULL;
  launch->tenant_id = g_strdup (tenant ? atr_tenant_get_id (tenant) : "-");
  launch->what_id = g_strdup (resource ? atr_resource_get_id (resource) : origin);
  launch->title = g_strdup (resource ? atr_resource_get_title (resource) : origin);
  launch->origin = g_strdup (origin);
  return launch;
}

/* ATR_DEBUG_LAUNCHER=1: one line per step, ids and host names only (never a payload or a
 * credential). */
static void
debug_line (Launch     *launch,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
debug_line (Launch     *launch,
            const char *format,
            ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_debug ("%s %s: %s", launch->tenant_id, launch->what_id, text);
  if (g_strcmp0 (g_getenv ("ATR_DEBUG_LAUNCHER"), "1") != 0)
    return;
  fprintf (stderr, "atr-launcher: %s\n", text);
  fflush (stderr);
}

static void
notice (Launch     *launch,
        const char *reason)
{
  g_autofree char *text = NULL;

  /* Translators: the first %s is a desktop or app, the second why it could not be opened. */
  text = g_strdup_printf (_("“%s” could not be opened: %s"), launch->title, reason);
  g_signal_emit (launch->launcher, signals[SIGNAL_NOTICE], 0, text);
}

/* RemoteApps need windows of their own (RAIL), which Atrium does not have yet: say so plainly
 * instead of opening a desktop-sized window or failing on the way to the host. */
static void
remoteapp_notice (Launch     *launch,
                  const char *name)
{
  g_autofree char *text = NULL;

  debug_line (launch, "failed %s %s remoteapp: RemoteApp windows are not supported yet",
              launch->tenant_id, launch->what_id);
  /* Translators: %s is the name of a published app, e.g. “Excel”. */
  text = g_strdup_printf (_("RemoteApp windows are not supported yet, so “%s” cannot be opened."),
                          name);
  g_signal_emit (launch->launcher, signals[SIGNAL_NOTICE], 0, text);
}

/* The reason a session ended, in plain words; certificates with the trust store's reason. */
static char *
session_reason (AtrRdpSession *session,
                const GError  *error)
{
  AtrRdpTarget *target = atr_rdp_session_get_target (session);
  const char *host = target ? atr_rdp_target_get_host (target) : "";
  AtrRdpCertificate *certificate = atr_rdp_session_get_certificate (session);

  switch ((AtrRdpError) error->code)
    {
    case ATR_RDP_ERROR_CERTIFICATE:
      if (certificate != NULL && atr_rdp_certificate_get_detail (certificate) != NULL)
        return g_strdup_printf ("%s (%s)",
                                _("The identity of the computer could not be verified."),
                                atr_rdp_certificate_get_detail (certificate));
      return g_strdup_printf (_("The identity of %s could not be verified, so Atrium did not connect."),
                              host);
    case ATR_RDP_ERROR_AUTH:
    case ATR_RDP_ERROR_GATEWAY:
    case ATR_RDP_ERROR_GATEWAY_UNREACHABLE:
    case ATR_RDP_ERROR_CONNECT:
    case ATR_RDP_ERROR_NETWORK_LOST:
      {
        g_autofree char *title = NULL;
        char *description = NULL;

        atr_ui_session_end_text (error, host, &title, &description);
        return description;
      }
    case ATR_RDP_ERROR_FAILED:
    case ATR_RDP_ERROR_LOGOFF:
    case ATR_RDP_ERROR_ADMIN_DISCONNECT:
    case ATR_RDP_ERROR_IDLE_TIMEOUT:
    case ATR_RDP_ERROR_CANCELLED:
    default:
      return g_strdup (error->message);
    }
}

static const char *
state_nick (AtrRdpState state)
{
  GEnumClass *klass = g_type_class_ref (ATR_TYPE_RDP_STATE);
  GEnumValue *v = g_enum_get_value (klass, state);
  const char *nick = v ? v->value_nick : "?";

  /* Enum classes are never unloaded: the nick stays valid. */
  g_type_class_unref (klass);
  return nick;
}

static const char *
rdp_error_name (int code)
{
  static const char * const names[] = {
    "failed", "connect", "network-lost", "auth", "certificate", "gateway", "logoff",
    "admin-disconnect", "idle-timeout", "cancelled", "gateway-unreachable",
  };

  return code >= 0 && code < (int) G_N_ELEMENTS (names) ? names[code] : "failed";
}

static void
state_cb (AtrRdpSession *session,
          GParamSpec    *pspec,
          Launch        *launch)
{
  AtrRdpState state = atr_rdp_session_get_state (session);
  const GError *error;
  g_autofree char *reason = NULL;

  debug_line (launch, "state %s %s %s", launch->tenant_id, launch->what_id,
              state_nick (state));
  if (state != ATR_RDP_STATE_DISCONNECTED)
    return;

  error = atr_rdp_session_get_disconnect_error (session);
  g_signal_emit (launch->launcher, signals[SIGNAL_SESSION_ENDED], 0, launch->window,
                 launch->resource, error);
  if (error == NULL || error->domain != ATR_RDP_ERROR ||
      error->code == ATR_RDP_ERROR_CANCELLED || error->code == ATR_RDP_ERROR_LOGOFF)
    return;
  debug_line (launch, "failed %s %s %s: %s", launch->tenant_id, launch->what_id,
              rdp_error_name (error->code), error->message);
  reason = session_reason (session, error);
  notice (launch, reason);
}

static void
credentials_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         AtrRdpSession    *session)
{
  g_autofree char *user = NULL;
  char *password = NULL;

  if (g_str_equal (response, "connect"))
    atr_credentials_dialog_get (dialog, &user, &password);
  /* No user: the session thread is told no, and the connection fails as AUTH. */
  atr_rdp_session_answer_credentials (session, user && *user ? user : NULL, NULL, password);
  if (password != NULL)
    explicit_bzero (password, strlen (password));
  g_free (password);
}

static void
credentials_requested_cb (AtrRdpSession *session,
                          gboolean       gateway,
                          const char    *host,
                          Launch        *launch)
{
  g_autofree char *user = NULL;
  char *password = NULL;
  AdwMessageDialog *dialog;

  if (launch->workspace != NULL)
    atr_workspace_dup_credentials (launch->workspace, &user, &password);
  if (user != NULL && password != NULL && !launch->offered)
    {
      /* The signed-in user's, once; a refusal asks the user. */
      launch->offered = TRUE;
      atr_rdp_session_answer_credentials (session, user, NULL, password);
      explicit_bzero (password, strlen (password));
      g_free (password);
      return;
    }
  if (password != NULL)
    explicit_bzero (password, strlen (password));
  g_free (password);

  dialog = atr_credentials_dialog_new (launch->window ? GTK_WINDOW (launch->window) : NULL,
                                       host, gateway, user);
  g_signal_connect_object (dialog, "response", G_CALLBACK (credentials_response_cb), session,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void start_session (Launch *launch, AtrSessionWindow *window);

static char *
window_key (const char *tenant_id,
            const char *resource_id)
{
  return g_strdup_printf ("%s %s", tenant_id, resource_id);
}

static gboolean
is_window_cb (gpointer key,
              gpointer value,
              gpointer window)
{
  return value == window;
}

static void
window_destroyed_cb (AtrSessionWindow *window,
                     AtrLauncher      *self)
{
  g_hash_table_foreach_remove (self->windows, is_window_cb, window);
}

static void
reconnect_cb (AtrSessionWindow *window,
              Launch           *launch)
{
  launch->offered = FALSE;
  start_session (launch, window);
}

/* The policy for this launch: the tenant manifest's, else the default; links and files of
 * strangers get no redirections; kiosk mode never lets the user override a certificate. */
static void
launch_policy (Launch       *launch,
               AtrRdpPolicy *policy)
{
  AtrTenantManifest *manifest = launch->workspace
                                ? atr_workspace_get_manifest (launch->workspace) : NULL;

  atr_rdp_policy_init_default (policy);
  if (manifest != NULL)
    {
      atr_rdp_policy_set_redirections (policy, atr_tenant_manifest_get_redirections (manifest));
      policy->allow_certificate_override =
        atr_tenant_manifest_get_allow_certificate_override (manifest);
      policy->reconnect = atr_tenant_manifest_get_reconnect (manifest);
      policy->idle_logoff_minutes = atr_tenant_manifest_get_idle_logoff_minutes (manifest);
    }
  else if (launch->workspace == NULL)
    policy->redirections = ATR_RDP_REDIRECT_NONE;
  if (launch->launcher->kiosk)
    policy->allow_certificate_override = FALSE;
  if (launch->launcher->no_reconnect)
    policy->reconnect = FALSE;
}

/* The app's trust store plus the tenant's own anchors: only for this tenant's sessions. */
static AtrTrustStore *
launch_trust (Launch *launch)
{
  AtrTenantManifest *manifest = launch->workspace
                                ? atr_workspace_get_manifest (launch->workspace) : NULL;
  const char * const *anchors = manifest ? atr_tenant_manifest_get_trust_anchors (manifest)
                                         : NULL;
  g_autoptr(GError) error = NULL;
  AtrTrustStore *trust;

  if (launch->launcher->trust == NULL || anchors == NULL || anchors[0] == NULL)
    return launch->launcher->trust ? g_object_ref (launch->launcher->trust) : NULL;
  trust = atr_trust_store_new_with_anchors (launch->launcher->trust, anchors, &error);
  if (trust == NULL)
    {
      debug_line (launch, "anchors %s %s not used: %s", launch->tenant_id, launch->what_id,
                  error->message);
      return g_object_ref (launch->launcher->trust);
    }
  return trust;
}

/* The last step before a payload becomes a session: the host, port and gateway the filtered
 * file really uses (the summary the engine and the FreeRDP settings take) must be the ones
 * the launch check or the user approved. Feed resources carry no approval: their file comes
 * from the tenant's own feed. */
static gboolean
verify_target (Launch              *launch,
               AtrRdpFile          *filtered,
               const AtrRdpPolicy  *policy,
               GError             **error)
{
  g_autoptr(AtrRdpSummary) summary = NULL;

  if (launch->approved_host == NULL)
    return TRUE;
  summary = atr_rdp_summary_new_from_file (filtered, policy, error);
  return summary != NULL &&
         atr_rdp_summary_verify_target (summary, launch->origin, launch->approved_host,
                                        launch->approved_port, launch->approved_gateway, 0,
                                        error);
}

/* Decode, filter, make the session and show it (in @window when reconnecting). */
static void
start_session (Launch           *launch,
               AtrSessionWindow *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrRdpFile) file = NULL;
  g_autoptr(AtrRdpFile) filtered = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  g_autoptr(AtrRdpSession) session = NULL;
  g_autoptr(AtrTrustStore) trust = NULL;
  g_autofree char *user = NULL;
  char *password = NULL;
  AtrRdpPolicy policy;
  gint64 remoteapp = 0;

  file = atr_rdp_file_new_from_bytes (launch->payload, launch->origin, &error);
  if (file != NULL)
    {
      launch_policy (launch, &policy);
      filtered = atr_rdp_file_filter (file, &policy, &dropped);
      /* Files and links name no resource kind: their own remoteapplicationmode tells. */
      if (atr_rdp_file_get_integer (filtered, "remoteapplicationmode", &remoteapp) &&
          remoteapp != 0)
        {
          const char *name = atr_rdp_file_get_string (filtered, "remoteapplicationname");

          remoteapp_notice (launch, launch->resource != NULL || name == NULL || *name == '\0'
                                    ? launch->title : name);
          return;
        }
      if (verify_target (launch, filtered, &policy, &error))
        session = atr_rdp_session_new_from_file (filtered, &policy, &error);
    }
  if (session == NULL && g_error_matches (error, ATR_RDP_FILE_ERROR,
                                          ATR_RDP_FILE_ERROR_TARGET_MISMATCH))
    {
      debug_line (launch, "failed %s %s target: %s", launch->tenant_id, launch->what_id,
                  error->message);
      notice (launch, _("The connection file leads somewhere other than what was approved."));
      return;
    }
  if (session == NULL)
    {
      debug_line (launch, "failed %s %s bad-file: %s", launch->tenant_id, launch->what_id,
                  error->message);
      notice (launch, _("The connection file is not usable."));
      return;
    }
  for (guint i = 0; dropped != NULL && i < dropped->len; i++)
    {
      AtrRdpDropped *d = g_ptr_array_index (dropped, i);

      g_debug ("%s line %u (%s): %s", launch->origin, d->line, d->key ? d->key : "?",
               d->reason);
    }
  debug_line (launch, "session %s %s host=%s dropped=%u", launch->tenant_id, launch->what_id,
              atr_rdp_target_get_host (atr_rdp_session_get_target (session)),
              dropped ? dropped->len : 0);

  trust = launch_trust (launch);
  if (trust != NULL)
    atr_rdp_session_set_trust_store (session, trust);
  if (launch->workspace != NULL &&
      atr_workspace_dup_credentials (launch->workspace, &user, &password) && password != NULL)
    {
      launch->offered = TRUE;
      atr_rdp_session_set_credentials (session, user, NULL, password);
    }
  if (password != NULL)
    explicit_bzero (password, strlen (password));
  g_free (password);

  g_signal_connect_data (session, "notify::state", G_CALLBACK (state_cb), launch_ref (launch),
                         (GClosureNotify) (void (*) (void)) launch_unref, 0);
  g_signal_connect_data (session, "credentials-requested",
                         G_CALLBACK (credentials_requested_cb), launch_ref (launch),
                         (GClosureNotify) (void (*) (void)) launch_unref, 0);

  if (window == NULL)
    {
      window = atr_session_window_new (launch->launcher->application, NULL);
      launch->window = window;
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &launch->window);
      atr_session_window_set_can_reconnect (window, TRUE);
      g_signal_connect_data (window, "reconnect-requested", G_CALLBACK (reconnect_cb),
                             launch_ref (launch),
                             (GClosureNotify) (void (*) (void)) launch_unref, 0);
      gtk_window_set_title (GTK_WINDOW (window), launch->title);
      /* A resource has one session window: opening it again raises this one. */
      if (launch->resource != NULL)
        {
          g_hash_table_replace (launch->launcher->windows,
                                window_key (launch->tenant_id, launch->what_id), window);
          g_signal_connect_object (window, "destroy", G_CALLBACK (window_destroyed_cb),
                                   launch->launcher, 0);
        }
    }
  atr_session_window_set_session (window, session);
  g_signal_emit (launch->launcher, signals[SIGNAL_SESSION_STARTED], 0, window, launch->resource,
                 session);
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
authenticate_cb (AtrHttpRequest *request,
                 SoupMessage    *msg,
                 SoupAuth       *auth,
                 gboolean        retrying,
                 gpointer        user_data)
{
  AtrWorkspace *workspace = user_data;
  g_autofree char *user = NULL;
  char *password = NULL;

  if (retrying || !atr_workspace_dup_credentials (workspace, &user, &password))
    {
      g_free (password);
      return FALSE;
    }
  soup_auth_authenticate (auth, user, password ? password : "");
  if (password != NULL)
    explicit_bzero (password, strlen (password));
  g_free (password);
  return TRUE;
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Launch *launch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrHttpResponse) response = NULL;
  g_autoptr(GBytes) body = NULL;

  body = atr_http_fetch_finish (ATR_HTTP_CLIENT (source), result, &response, &error);
  if (body != NULL && (atr_http_response_get_status (response) < 200 ||
                       atr_http_response_get_status (response) > 299))
    {
      g_set_error (&error, ATR_NET_ERROR, ATR_NET_ERROR_HTTP, "%s answered HTTP %u",
                   launch->origin, atr_http_response_get_status (response));
      g_clear_pointer (&body, g_bytes_unref);
    }
  if (body == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *reason = atr_ui_error_title (error);

          debug_line (launch, "failed %s %s fetch: %s", launch->tenant_id, launch->what_id,
                      error->message);
          notice (launch, reason);
        }
      launch_unref (launch);
      return;
    }

  launch->payload = g_steal_pointer (&body);
  start_session (launch, NULL);
  launch_unref (launch);
}

static void
atr_launcher_dispose (GObject *object)
{
  AtrLauncher *self = ATR_LAUNCHER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->trust);
  if (self->windows != NULL)
    g_hash_table_remove_all (self->windows);
  if (self->application != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->application),
                                  (gpointer *) &self->application);
  self->application = NULL;

  G_OBJECT_CLASS (atr_launcher_parent_class)->dispose (object);
}

static void
atr_launcher_finalize (GObject *object)
{
  AtrLauncher *self = ATR_LAUNCHER (object);

  g_hash_table_unref (self->windows);
  G_OBJECT_CLASS (atr_launcher_parent_class)->finalize (object);
}

static void
atr_launcher_class_init (AtrLauncherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atr_launcher_dispose;
  object_class->finalize = atr_launcher_finalize;

  signals[SIGNAL_NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /**
   * AtrLauncher::session-started:
   * @window: the AtrSessionWindow showing it (a new one, or the same one on Reconnect)
   * @resource: (nullable): the resource, or %NULL for a file or link
   * @session: the AtrRdpSession, already connecting
   */
  signals[SIGNAL_SESSION_STARTED] =
    g_signal_new ("session-started", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, ATR_TYPE_SESSION_WINDOW, ATR_TYPE_RESOURCE,
                  ATR_TYPE_RDP_SESSION);
  /**
   * AtrLauncher::session-ended:
   * @window: (nullable): the AtrSessionWindow, %NULL once it was closed
   * @resource: (nullable): the resource, or %NULL for a file or link
   * @error: (nullable): atr_rdp_session_get_disconnect_error(), an %ATR_RDP_ERROR
   *
   * A session went DISCONNECTED for good (after the engine's own reconnect attempts).
   */
  signals[SIGNAL_SESSION_ENDED] =
    g_signal_new ("session-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, ATR_TYPE_SESSION_WINDOW, ATR_TYPE_RESOURCE,
                  G_TYPE_ERROR);
}

static void
atr_launcher_init (AtrLauncher *self)
{
  self->cancellable = g_cancellable_new ();
  self->windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}


AtrLauncher *
atr_launcher_new (GtkApplication *application)
{
  AtrLauncher *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (ATR_TYPE_LAUNCHER, NULL);
  self->application = application;
  g_object_add_weak_pointer (G_OBJECT (application), (gpointer *) &self->application);
  return self;
}

void
atr_launcher_set_trust (AtrLauncher   *self,
                        AtrTrustStore *trust)
{
  g_return_if_fail (ATR_IS_LAUNCHER (self));
  g_return_if_fail (trust == NULL || ATR_IS_TRUST_STORE (trust));

  g_set_object (&self->trust, trust);
}

void
atr_launcher_set_kiosk (AtrLauncher *self,
                        gboolean     kiosk)
{
  g_return_if_fail (ATR_IS_LAUNCHER (self));
  self->kiosk = !!kiosk;
}

void
atr_launcher_set_auto_reconnect (AtrLauncher *self,
                                 gboolean     allow)
{
  g_return_if_fail (ATR_IS_LAUNCHER (self));
  self->no_reconnect = !allow;
}

void
atr_launcher_open (AtrLauncher  *self,
                   AtrWorkspace *workspace,
                   AtrResource  *resource)
{
  g_autoptr(AtrHttpRequest) request = NULL;
  g_autofree char *key = NULL;
  AtrSessionWindow *open;
  const char *url;
  Launch *launch;

  g_return_if_fail (ATR_IS_LAUNCHER (self));
  g_return_if_fail (ATR_IS_WORKSPACE (workspace));
  g_return_if_fail (ATR_IS_RESOURCE (resource));

  url = atr_resource_get_rdp_url (resource);
  launch = launch_new (self, workspace, resource, url ? url : atr_resource_get_id (resource));
  debug_line (launch, "open %s %s", launch->tenant_id, launch->what_id);
  key = window_key (launch->tenant_id, launch->what_id);
  open = g_hash_table_lookup (self->windows, key);
  if (open != NULL)
    {
      /* Already open (connecting, connected or ended with Reconnect): no second session. */
      debug_line (launch, "raise %s %s", launch->tenant_id, launch->what_id);
      gtk_window_present (GTK_WINDOW (open));
      launch_unref (launch);
      return;
    }
  if (url == NULL || self->application == NULL)
    {
      notice (launch, _("The workspace gives no connection file for it."));
      launch_unref (launch);
      return;
    }
  if (atr_resource_get_kind (resource) == ATR_RESOURCE_KIND_REMOTEAPP)
    {
      remoteapp_notice (launch, launch->title);
      launch_unref (launch);
      return;
    }

  /* The tenant's own client: its trust, gateways and failover, never a redirect. */
  request = atr_http_request_new ("GET", url);
  atr_http_request_set_header (request, "Accept", "application/x-rdp, */*");
  atr_http_request_set_max_size (request, ATR_RDP_FILE_MAX_SIZE);
  atr_http_request_set_auth_func (request, authenticate_cb, g_object_ref (workspace),
                                  g_object_unref);
  atr_http_fetch_async (atr_workspace_get_http (workspace), request, self->cancellable,
                        fetched_cb, launch);
}

void
atr_launcher_open_payload (AtrLauncher  *self,
                           AtrWorkspace *workspace,
                           GBytes       *payload,
                           const char   *origin,
                           const char   *host,
                           guint         port,
                           const char   *gateway_host)
{
  Launch *launch;

  g_return_if_fail (ATR_IS_LAUNCHER (self));
  g_return_if_fail (workspace == NULL || ATR_IS_WORKSPACE (workspace));
  g_return_if_fail (payload != NULL);
  g_return_if_fail (origin != NULL);
  g_return_if_fail (host != NULL);
  g_return_if_fail (port <= G_MAXUINT16);

  launch = launch_new (self, workspace, NULL, origin);
  launch->payload = g_bytes_ref (payload);
  launch->approved_host = g_strdup (host);
  launch->approved_port = (guint16) port;
  launch->approved_gateway = g_strdup (gateway_host);
  debug_line (launch, "open %s %s", launch->tenant_id, launch->what_id);
  if (self->application != NULL)
    start_session (launch, NULL);
  launch_unref (launch);
}
