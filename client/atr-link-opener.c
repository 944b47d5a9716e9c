/* atr-link-opener.c — connection links and .rdp files given to the app (#6)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "atr-host-check.h"
#include "atr-launch-dialogs.h"
#include "atr-rdp-file.h"
#include "atr-rdp-summary.h"
#include "atr-ui.h"
#include "atr-ui-text.h"
#include "atr-uri-parser.h"

#include "atr-link-opener.h"

struct _AtrLinkOpener
{
  GObject      parent_instance;

  AtrLauncher *launcher;
  gboolean     kiosk;
};

G_DEFINE_FINAL_TYPE (AtrLinkOpener, atr_link_opener, G_TYPE_OBJECT)

static const char * const link_schemes[] = {
  "atrium", "rdp", "ms-rd", "tuxclient", "prlclient", NULL
};

static void
refuse (AtrWindow    *window,
        const GError *error)
{
  g_autofree char *text = NULL;

  atr_ui_debug ("link refused: %s", error->message);
  /* Translators: %s is the reason, e.g. "the link carries a secret in 'password'". */
  text = g_strdup_printf (_("This link was not opened: %s"), error->message);
  atr_window_add_toast (window, text);
}

/* --- connect to a resource of an enrolled workspace, once its list has it --------------- */

typedef struct
{
  AtrLauncher  *launcher;
  AtrWindow    *window;      /* weak */
  AtrWorkspace *workspace;
  char         *resource;    /* ID or alias */
  gulong        handler;
} Pending;

static void
pending_free (Pending *pending)
{
  if (pending->window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (pending->window), (gpointer *) &pending->window);
  g_clear_object (&pending->launcher);
  g_clear_object (&pending->workspace);
  g_free (pending->resource);
  g_free (pending);
}

/* TRUE when done (opened, or the list is final and does not have it). */
static gboolean
try_open (Pending *pending)
{
  GListModel *list = G_LIST_MODEL (atr_workspace_get_resources (pending->workspace));
  AtrWorkspaceState state = atr_workspace_get_state (pending->workspace);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(AtrResource) resource = g_list_model_get_item (list, i);

      if (g_strcmp0 (atr_resource_get_id (resource), pending->resource) == 0 ||
          g_strcmp0 (atr_resource_get_alias (resource), pending->resource) == 0)
        {
          atr_ui_debug ("link connect %s", atr_resource_get_id (resource));
          atr_launcher_open (pending->launcher, pending->workspace, resource);
          return TRUE;
        }
    }
  if (state == ATR_WORKSPACE_STATE_READY && !atr_workspace_get_stale (pending->workspace))
    {
      g_autofree char *text = NULL;

      atr_ui_debug ("link connect %s: not published", pending->resource);
      /* Translators: %s is the name of a desktop or app in a link. */
      text = g_strdup_printf (_("“%s” is not published in this workspace."), pending->resource);
      if (pending->window != NULL)
        atr_window_add_toast (pending->window, text);
      return TRUE;
    }
  return state == ATR_WORKSPACE_STATE_ERROR;
}

static void
workspace_state_cb (AtrWorkspace *workspace,
                    GParamSpec   *pspec,
                    Pending      *pending)
{
  if (try_open (pending))
    g_signal_handler_disconnect (workspace, pending->handler);   /* frees @pending */
}

static void
connect_resource (AtrLinkOpener *self,
                  AtrWindow     *window,
                  AtrWorkspace  *workspace,
                  const char    *resource)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->launcher = g_object_ref (self->launcher);
  pending->window = window;
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &pending->window);
  pending->workspace = g_object_ref (workspace);
  pending->resource = g_strdup (resource);
  if (try_open (pending))
    {
      pending_free (pending);
      return;
    }
  pending->handler = g_signal_connect_data (workspace, "notify::state",
                                            G_CALLBACK (workspace_state_cb), pending,
                                            (GClosureNotify) (void (*) (void)) pending_free, 0);
}

/* --- kiosk mode ---------------------------------------------------------------------------- */

/* Whether the kiosk's workspace shows its list: somebody has signed in (or the tenant needs
 * no sign-in). */
static gboolean
kiosk_signed_in (AtrWindow *window)
{
  g_auto(GStrv) hosts = atr_window_dup_enrolled_hosts (window);

  for (guint i = 0; hosts[i] != NULL; i++)
    {
      AtrWorkspace *workspace = atr_window_find_workspace (window, hosts[i]);

      if (workspace != NULL && atr_workspace_get_state (workspace) == ATR_WORKSPACE_STATE_READY)
        return TRUE;
    }
  return FALSE;
}

/* Kiosk mode, on top of atr_launch_request_check(): no link adds a workspace (enrolment is
 * not reachable), connects to anything but the kiosk's own workspace or its hosts, or acts
 * for a user who has not signed in yet — such a link is refused (not kept for the next
 * user): sign in, then open it again. */
static gboolean
kiosk_allows (AtrWindow         *window,
              AtrLaunchRequest  *request,
              GError           **error)
{
  const char *tenant = atr_launch_request_get_tenant (request);
  const char *what = tenant ? tenant : atr_launch_request_get_host (request);

  switch (atr_launch_request_get_action (request))
    {
    case ATR_LAUNCH_ACTION_SUBSCRIBE:
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_KIOSK,
                   "kiosk mode: the link would add %s as a workspace; this computer is "
                   "locked to its own", what ? what : atr_launch_request_get_feed_url (request));
      return FALSE;

    case ATR_LAUNCH_ACTION_CONNECT:
      if (tenant != NULL && atr_window_find_workspace (window, tenant) == NULL)
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_KIOSK,
                       "kiosk mode: %s is not this computer's workspace", tenant);
          return FALSE;
        }
      if (!kiosk_signed_in (window))
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_KIOSK,
                       "kiosk mode: nobody is signed in; sign in, then open the link to %s "
                       "again", what ? what : "-");
          return FALSE;
        }
      return TRUE;

    case ATR_LAUNCH_ACTION_VERSION:
    case ATR_LAUNCH_ACTION_LOGOFF:
    case ATR_LAUNCH_ACTION_OPEN:
    default:
      return TRUE;
    }
}

/* --- acting on a checked request ----------------------------------------------------------- */

static void
act (AtrLinkOpener    *self,
     AtrWindow        *window,
     AtrLaunchRequest *request)
{
  const char *tenant = atr_launch_request_get_tenant (request);
  const char *host = atr_launch_request_get_host (request);
  AtrWorkspace *workspace;

  switch (atr_launch_request_get_action (request))
    {
    case ATR_LAUNCH_ACTION_SUBSCRIBE:
      {
        const char *address = atr_launch_request_get_feed_url (request);

        address = address ? address : tenant ? tenant : host;
        atr_ui_debug ("link subscribe %s", address ? address : "-");
        if (address != NULL)
          atr_window_enrol (window, address);
      }
      break;

    case ATR_LAUNCH_ACTION_CONNECT:
      if (tenant != NULL)
        {
          workspace = atr_window_find_workspace (window, tenant);
          if (workspace == NULL)
            {
              /* A workspace the user agreed to open but has not added: add it first. */
              atr_ui_debug ("link subscribe %s (to connect)", tenant);
              atr_window_enrol (window, tenant);
              return;
            }
          atr_window_show_workspace (window, workspace);
          if (atr_launch_request_get_resource (request) != NULL)
            connect_resource (self, window, workspace, atr_launch_request_get_resource (request));
        }
      else if (host != NULL)
        {
          char *payload = atr_launch_request_dup_rdp_payload (request);
          g_autoptr(GBytes) bytes = NULL;

          if (payload == NULL)
            return;  /* open_link() refused it before anything was asked */
          bytes = g_bytes_new_take (payload, strlen (payload));
          atr_ui_debug ("link connect host %s", host);
          /* approved: the request's host, port and gateway, which the check saw */
          atr_launcher_open_payload (self->launcher, atr_window_find_workspace (window, host),
                                     bytes, atr_uri_scheme_to_string (
                                       atr_launch_request_get_source_scheme (request)),
                                     host, atr_launch_request_get_port (request),
                                     atr_launch_request_get_gateway_host (request));
        }
      break;

    case ATR_LAUNCH_ACTION_VERSION:
      atr_ui_debug ("link version");
      break;

    case ATR_LAUNCH_ACTION_OPEN:
      /* a bare ms-rd:: the client is open now, nothing else to do */
      atr_ui_debug ("link open");
      break;

    case ATR_LAUNCH_ACTION_LOGOFF:
    default:
      atr_ui_debug ("link %s: nothing to do",
                    atr_launch_action_to_string (atr_launch_request_get_action (request)));
      break;
    }
}

typedef struct
{
  AtrLinkOpener    *self;
  AtrWindow        *window;
  AtrLaunchRequest *request;    /* a link, or */
  GBytes           *payload;    /* a file's payload */
  AtrWorkspace     *workspace;  /* the file's enrolled tenant, nullable */
  char             *origin;
  AtrRdpSummary    *approved;   /* the file's: what the dialog showed */
} Confirm;

static void
confirm_free (Confirm *confirm)
{
  g_clear_object (&confirm->self);
  g_clear_object (&confirm->window);
  g_clear_object (&confirm->request);
  g_clear_pointer (&confirm->payload, g_bytes_unref);
  g_clear_object (&confirm->workspace);
  g_free (confirm->origin);
  g_clear_pointer (&confirm->approved, atr_rdp_summary_free);
  g_free (confirm);
}

static void
confirmed_cb (AdwMessageDialog *dialog,
              const char       *response,
              Confirm          *confirm)
{
  atr_ui_debug ("link %s", g_str_equal (response, "open") ? "confirmed" : "cancelled");
  if (g_str_equal (response, "open"))
    {
      if (confirm->request != NULL)
        act (confirm->self, confirm->window, confirm->request);
      else
        atr_launcher_open_payload (confirm->self->launcher, confirm->workspace,
                                   confirm->payload, confirm->origin,
                                   confirm->approved->host, confirm->approved->port,
                                   confirm->approved->gateway_host);
    }
}

/* @ascii's Unicode form with the ASCII one beside it when they differ; sets *@international. */
static char *
host_text (const char *ascii,
           gboolean   *international)
{
  g_autofree char *display = NULL;

  if (ascii == NULL)
    return NULL;
  display = atr_host_check_to_display (ascii);
  if (!g_str_equal (display, ascii) || !g_str_is_ascii (ascii))
    *international = TRUE;
  return atr_ui_host_text (display, ascii);
}

/* @domain, @host, @gateway: ASCII forms; the dialog shows each with its Unicode form. */
static void
ask (Confirm       *confirm,
     const char    *domain,
     const char    *host,
     const char    *gateway,
     const char    *publisher,
     AtrLinkEffect  effect)
{
  gboolean international = FALSE;
  g_autofree char *domain_text = host_text (domain, &international);
  g_autofree char *host_text_ = host_text (host, &international);
  g_autofree char *gateway_text = host_text (gateway, &international);
  AdwMessageDialog *dialog = atr_link_dialog_new (GTK_WINDOW (confirm->window), domain_text,
                                                  host_text_, gateway_text, publisher,
                                                  international, effect);

  g_signal_connect_data (dialog, "response", G_CALLBACK (confirmed_cb), confirm,
                         (GClosureNotify) (void (*) (void)) confirm_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A connection to a host needs an RDP target: a Parallels LaunchApp without ConnType=2 is a
 * Parallels RAS connection, which Atrium cannot open. Said before anyone is asked. */
static gboolean
can_open (AtrLaunchRequest  *request,
          GError           **error)
{
  g_autofree char *payload = NULL;

  if (atr_launch_request_get_action (request) != ATR_LAUNCH_ACTION_CONNECT ||
      atr_launch_request_get_tenant (request) != NULL ||
      atr_launch_request_get_host (request) == NULL)
    return TRUE;
  payload = atr_launch_request_dup_rdp_payload (request);
  if (payload != NULL)
    return TRUE;
  g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_UNKNOWN_ACTION,
               "%s is a Parallels RAS server; Atrium opens only standard RDP connections "
               "(ConnType=2)", atr_launch_request_get_host (request));
  return FALSE;
}

static void
open_link (AtrLinkOpener *self,
           AtrWindow     *window,
           const char    *uri)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrLaunchRequest) request = NULL;
  g_auto(GStrv) enrolled = NULL;
  AtrLaunchCheck check;
  Confirm *confirm;
  AtrLinkEffect effect;

  request = atr_uri_parse (uri, &error);
  if (request == NULL || !can_open (request, &error))
    {
      refuse (window, error);
      return;
    }
  enrolled = atr_window_dup_enrolled_hosts (window);
  check = atr_launch_request_check (request, (const char * const *) enrolled, self->kiosk,
                                    &error);
  if (check == ATR_LAUNCH_CHECK_REFUSED)
    {
      refuse (window, error);
      return;
    }
  if (self->kiosk && check == ATR_LAUNCH_CHECK_CONFIRM)
    {
      g_auto(GStrv) hosts = atr_launch_request_dup_hosts (request);

      /* atr_launch_request_check() refuses strangers in kiosk mode: nobody is asked. */
      g_set_error (&error, ATR_URI_ERROR, ATR_URI_ERROR_KIOSK,
                   "kiosk mode: the link points at %s, which is not enrolled",
                   hosts[0] != NULL ? hosts[0] : "-");
      refuse (window, error);
      return;
    }
  if (self->kiosk && !kiosk_allows (window, request, &error))
    {
      refuse (window, error);
      return;
    }
  if (check == ATR_LAUNCH_CHECK_ALLOWED)
    {
      act (self, window, request);
      return;
    }

  confirm = g_new0 (Confirm, 1);
  confirm->self = g_object_ref (self);
  confirm->window = g_object_ref (window);
  confirm->request = g_steal_pointer (&request);
  if (atr_launch_request_get_action (confirm->request) == ATR_LAUNCH_ACTION_SUBSCRIBE)
    effect = ATR_LINK_EFFECT_SUBSCRIBE;
  else if (atr_launch_request_get_tenant (confirm->request) != NULL)
    effect = ATR_LINK_EFFECT_CONNECT;
  else
    effect = ATR_LINK_EFFECT_CONNECT_HOST;
  ask (confirm, atr_launch_request_get_tenant (confirm->request),
       atr_launch_request_get_host (confirm->request),
       atr_launch_request_get_gateway_host (confirm->request), NULL, effect);
}

/* --- .rdp files ------------------------------------------------------------------------------ */

typedef struct
{
  AtrLinkOpener *self;
  AtrWindow     *window;
  char          *origin;
} FileRead;

static void
file_read_free (FileRead *read)
{
  g_clear_object (&read->self);
  g_clear_object (&read->window);
  g_free (read->origin);
  g_free (read);
}

static void
file_loaded (FileRead *read,
             GBytes   *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrRdpFile) file = NULL;
  g_autoptr(AtrRdpFile) filtered = NULL;
  g_autoptr(AtrRdpSummary) summary = NULL;
  g_auto(GStrv) enrolled = NULL;
  AtrRdpPolicy policy;
  AtrWorkspace *workspace;
  gboolean stranger = FALSE;
  Confirm *confirm;

  if (g_bytes_get_size (bytes) > ATR_RDP_FILE_MAX_SIZE)
    g_set_error (&error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TOO_LARGE,
                 "%s: larger than %u bytes", read->origin, (guint) ATR_RDP_FILE_MAX_SIZE);
  else
    file = atr_rdp_file_new_from_bytes (bytes, read->origin, &error);
  if (file != NULL)
    {
      /* what the dialog shows is what the filtered file will use; the launcher checks it
       * again (atr_rdp_summary_verify_target()) before the session starts */
      atr_rdp_policy_init_default (&policy);
      filtered = atr_rdp_file_filter (file, &policy, NULL);
      summary = atr_rdp_summary_new_from_file (filtered, &policy, &error);
    }
  if (summary == NULL)
    {
      refuse (read->window, error);
      return;
    }

  /* The tenant the file belongs to (its policy and anchors), when its host is enrolled. */
  enrolled = atr_window_dup_enrolled_hosts (read->window);
  workspace = atr_window_find_workspace (read->window, summary->host);
  stranger = !atr_launch_host_is_enrolled (summary->host, (const char * const *) enrolled) ||
             (summary->gateway_host != NULL &&
              !atr_launch_host_is_enrolled (summary->gateway_host,
                                            (const char * const *) enrolled));
  if (stranger && read->self->kiosk)
    {
      g_set_error (&error, ATR_URI_ERROR, ATR_URI_ERROR_KIOSK,
                   "kiosk mode: %s points at %s, which is not enrolled", read->origin,
                   summary->host);
      refuse (read->window, error);
      return;
    }
  if (read->self->kiosk && !kiosk_signed_in (read->window))
    {
      g_set_error (&error, ATR_URI_ERROR, ATR_URI_ERROR_KIOSK,
                   "kiosk mode: nobody is signed in; sign in, then open %s again",
                   read->origin);
      refuse (read->window, error);
      return;
    }

  /* A file is always confirmed: who it connects to, through which gateway. */
  confirm = g_new0 (Confirm, 1);
  confirm->self = g_object_ref (read->self);
  confirm->window = g_object_ref (read->window);
  confirm->payload = g_bytes_ref (bytes);
  confirm->workspace = workspace && !stranger ? g_object_ref (workspace) : NULL;
  confirm->origin = g_strdup (read->origin);
  confirm->approved = atr_rdp_summary_copy (summary);
  ask (confirm, workspace ? atr_tenant_get_domain (atr_workspace_get_tenant (workspace)) : NULL,
       summary->host, summary->gateway_host,
       workspace ? atr_workspace_get_display_name (workspace) : NULL,
       ATR_LINK_EFFECT_CONNECT_HOST);
}

static void
bytes_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  FileRead *read = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result,
                                                              &error);

  if (bytes == NULL)
    refuse (read->window, error);
  else
    file_loaded (read, bytes);
  file_read_free (read);
}

static void
file_opened_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  FileRead *read = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = g_file_read_finish (G_FILE (source), result, &error);

  if (stream == NULL)
    {
      refuse (read->window, error);
      file_read_free (read);
      return;
    }
  /* One byte over the cap is enough to refuse an oversize file without reading it all. */
  g_input_stream_read_bytes_async (G_INPUT_STREAM (stream), ATR_RDP_FILE_MAX_SIZE + 1,
                                   G_PRIORITY_DEFAULT, NULL, bytes_read_cb, read);
}

static gboolean
is_link (const char *target)
{
  g_autofree char *scheme = g_uri_parse_scheme (target);

  /* ms-rd:subscribe has no "//": g_uri_parse_scheme() still finds the scheme. */
  return scheme != NULL && g_strv_contains (link_schemes, scheme);
}

static void
atr_link_opener_dispose (GObject *object)
{
  AtrLinkOpener *self = ATR_LINK_OPENER (object);

  g_clear_object (&self->launcher);
  G_OBJECT_CLASS (atr_link_opener_parent_class)->dispose (object);
}

static void
atr_link_opener_class_init (AtrLinkOpenerClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = atr_link_opener_dispose;
}

static void
atr_link_opener_init (AtrLinkOpener *self)
{
}

AtrLinkOpener *
atr_link_opener_new (AtrLauncher *launcher)
{
  AtrLinkOpener *self;

  g_return_val_if_fail (ATR_IS_LAUNCHER (launcher), NULL);

  self = g_object_new (ATR_TYPE_LINK_OPENER, NULL);
  self->launcher = g_object_ref (launcher);
  return self;
}

void
atr_link_opener_set_kiosk (AtrLinkOpener *self,
                           gboolean       kiosk)
{
  g_return_if_fail (ATR_IS_LINK_OPENER (self));
  self->kiosk = !!kiosk;
}

void
atr_link_opener_open (AtrLinkOpener *self,
                      AtrWindow     *window,
                      const char    *target)
{
  g_autofree char *lower = NULL;

  g_return_if_fail (ATR_IS_LINK_OPENER (self));
  g_return_if_fail (ATR_IS_WINDOW (window));
  g_return_if_fail (target != NULL);

  lower = g_ascii_strdown (target, -1);
  if (is_link (lower))
    open_link (self, window, target);
  else if (g_str_has_suffix (lower, ".rdp"))
    {
      g_autoptr(GFile) file = g_str_has_prefix (lower, "file:")
                              ? g_file_new_for_uri (target) : g_file_new_for_path (target);
      FileRead *read = g_new0 (FileRead, 1);

      read->self = g_object_ref (self);
      read->window = g_object_ref (window);
      read->origin = g_file_get_parse_name (file);
      atr_ui_debug ("link file %s", read->origin);
      g_file_read_async (file, G_PRIORITY_DEFAULT, NULL, file_opened_cb, read);
    }
  else if (self->kiosk)
    {
      g_autoptr(GError) error = NULL;

      /* Not echoed: a bare argument has not been checked for secrets. */
      g_set_error_literal (&error, ATR_URI_ERROR, ATR_URI_ERROR_KIOSK,
                           "kiosk mode: an address to add as a workspace; this computer is "
                           "locked to its own");
      refuse (window, error);
    }
  else
    /* A bare address: enrolment, prefilled; nothing is looked up before the user says so. */
    atr_window_start_enrolment (window, target);
}
