/* atr-rdp-session-thread.c — the session thread: resolving, failover, connect, event loop
 *
 * One GThread per session runs every FreeRDP call. It resolves the target (unless the target
 * already lists endpoints, e.g. from --resolve or the tenant's gateways), walks the endpoints
 * in order (the HALB leg: the next one only after a connect or gateway failure), runs
 * freerdp_connect() and then the event loop. Input comes in through the command queue and
 * the WinPR wake event; everything the caller sees goes out as messages posted to its main
 * context.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <glib/gstdio.h>
#include <freerdp/client.h>
#include <freerdp/freerdp.h>
#include <freerdp/input.h>
#include <freerdp/settings.h>
#include <glib/gi18n-lib.h>

#include "atr-resolver.h"
#include "atr-rdp-settings.h"
#include "atr-rdp-session-private.h"

#define CONNECT_TIMEOUT_MS 10000
#define MAX_WAIT_MS        100

/* MS-RDPBCGR 2.2.1.1.1 requestedProtocols: CredSSP (NLA) */
#define ATR_PROTOCOL_HYBRID    0x00000002
#define ATR_PROTOCOL_HYBRID_EX 0x00000008

static gboolean
is_quitting (AtrRdpSession *self)
{
  return atr_rdp_connection_is_quitting (self->connection);
}

static AtrRdpTarget *
build_route (AtrRdpSession  *self,
             GError        **error)
{
  g_autoptr(AtrRdpTarget) route = NULL;
  g_autoptr(GResolver) resolver = NULL;
  g_autoptr(GError) local_error = NULL;
  GList *addresses;
  const char *host = atr_rdp_target_get_host (self->target);
  guint16 port = atr_rdp_target_get_port (self->target);

  if (atr_rdp_target_get_n_endpoints (self->target) > 0)
    return atr_rdp_target_ref (self->target);

  route = atr_rdp_target_new (host, port);
  if (g_hostname_is_ip_address (host))
    {
      atr_rdp_target_add_address (route, host, port);
      return g_steal_pointer (&route);
    }

  resolver = g_resolver_get_default ();
  /* GLib answers "localhost" itself without asking the installed resolver: an override
   * (--resolve) must be looked up directly to win. */
  addresses = ATR_IS_RESOLVER (resolver) ?
              atr_resolver_lookup_override (ATR_RESOLVER (resolver), host) : NULL;
  if (addresses == NULL)
    addresses = g_resolver_lookup_by_name (resolver, host,
                                           atr_rdp_connection_get_io_cancel (self->connection),
                                           &local_error);
  if (addresses == NULL)
    {
      if (is_quitting (self))
        g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_CANCELLED,
                     _("The connection to %s was cancelled"), host);
      else
        g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_CONNECT,
                     _("Could not resolve %s: %s"), host, local_error->message);
      return NULL;
    }

  for (GList *l = addresses; l != NULL; l = l->next)
    {
      g_autofree char *text = g_inet_address_to_string (l->data);
      atr_rdp_target_add_address (route, text, port);
    }
  g_resolver_free_addresses (addresses);
  return g_steal_pointer (&route);
}

static gboolean
configure (AtrRdpSession         *self,
           rdpSettings           *settings,
           const AtrRdpEndpoint  *endpoint)
{
  const char *host = atr_rdp_target_get_host (self->target);
  gboolean ok = TRUE;

  /* The .rdp payload first: what follows (the endpoint we dial, the certificate rules, our
   * own reconnect loop) wins over it. */
  if (self->file != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!atr_rdp_settings_apply (settings, self->file, &self->policy, NULL, &error))
        {
          g_debug ("Could not apply %s: %s", atr_rdp_file_get_origin (self->file),
                   error->message);
          return FALSE;
        }
    }

  /* Nothing of FreeRDP's own lands in ~/.config/freerdp: no known_hosts, no certs dir. */
  if (g_mkdir_with_parents (self->config_dir, 0700) != 0)
    g_debug ("Could not create %s", self->config_dir);
  ok &= freerdp_settings_set_string (settings, FreeRDP_ConfigPath, self->config_dir);

  if (endpoint->gateway_name != NULL)
    {
      ok &= freerdp_settings_set_string (settings, FreeRDP_ServerHostname, host);
      ok &= freerdp_settings_set_uint32 (settings, FreeRDP_ServerPort,
                                         atr_rdp_target_get_port (self->target));
      ok &= freerdp_settings_set_bool (settings, FreeRDP_GatewayEnabled, TRUE);
      ok &= freerdp_settings_set_string (settings, FreeRDP_GatewayHostname, endpoint->address);
      ok &= freerdp_settings_set_uint32 (settings, FreeRDP_GatewayPort, endpoint->port);
      ok &= freerdp_settings_set_uint32 (settings, FreeRDP_GatewayUsageMethod,
                                         TSC_PROXY_MODE_DIRECT);
      ok &= freerdp_settings_set_bool (settings, FreeRDP_GatewayUseSameCredentials, TRUE);
    }
  else
    {
      ok &= freerdp_settings_set_string (settings, FreeRDP_ServerHostname, endpoint->address);
      ok &= freerdp_settings_set_uint32 (settings, FreeRDP_ServerPort, endpoint->port);
      ok &= freerdp_settings_set_bool (settings, FreeRDP_GatewayEnabled, FALSE);
    }

  ok &= freerdp_settings_set_uint32 (settings, FreeRDP_DesktopWidth, self->desktop_width);
  ok &= freerdp_settings_set_uint32 (settings, FreeRDP_DesktopHeight, self->desktop_height);
  ok &= freerdp_settings_set_uint32 (settings, FreeRDP_ColorDepth, 32);
  ok &= atr_rdp_settings_apply_keyboard_layout (settings);
  ok &= freerdp_settings_set_bool (settings, FreeRDP_SoftwareGdi, TRUE);
  /* A connect-only session never decodes: FreeRDP then creates no codec contexts at all
   * (rdp_client_reset_codecs), which is most of a probe's own CPU time. */
  ok &= freerdp_settings_set_bool (settings, FreeRDP_DeactivateClientDecoding,
                                   self->connect_only);
  ok &= freerdp_settings_set_bool (settings, FreeRDP_ExternalCertificateManagement, TRUE);
  ok &= freerdp_settings_set_bool (settings, FreeRDP_IgnoreCertificate, FALSE);
  ok &= freerdp_settings_set_bool (settings, FreeRDP_AutoReconnectionEnabled, FALSE);
  ok &= freerdp_settings_set_uint32 (settings, FreeRDP_TcpConnectTimeout, CONNECT_TIMEOUT_MS);
  /* A server that stops acknowledging what we send ends the connection after this long
   * (TCP_USER_TIMEOUT). A server that acknowledges and never answers is ended by
   * _atr_rdp_session_interrupt_connect() when the caller's deadline passes. */
  ok &= freerdp_settings_set_uint32 (settings, FreeRDP_TcpAckTimeout, CONNECT_TIMEOUT_MS);

  ok &= atr_rdp_connection_apply_credentials (self->connection, settings);

  return ok;
}

/* Blocks until an event: FreeRDP's own handles (its transport sets a "reread" event after
 * each PDU it reads, so records OpenSSL has already decrypted are drained without a socket
 * event, as xfreerdp3's INFINITE wait relies on), the wake event every part sets when it has
 * something for this thread, or a Display Control deadline. MAX_WAIT_MS only bounds a wait
 * should something forget to wake it; a 1 ms wait after every activity (as before) turned
 * the thread over a thousand times a second during a picture stream for nothing. */
static void
event_loop (AtrRdpSession *self,
            rdpContext    *context)
{
  HANDLE handles[MAXIMUM_WAIT_OBJECTS];

  for (;;)
    {
      GQueue commands = G_QUEUE_INIT;
      gboolean quit;
      DWORD n;
      DWORD timeout = MAX_WAIT_MS;
      gint64 resize_ms;

      handles[0] = self->wake_event;
      n = freerdp_get_event_handles (context, &handles[1], G_N_ELEMENTS (handles) - 1);
      if (n == 0)
        break;
      resize_ms = _atr_rdp_session_channels_dispatch (context);
      if (resize_ms >= 0)
        timeout = (DWORD) MIN ((gint64) timeout, resize_ms);
      if (WaitForMultipleObjects (n + 1, handles, FALSE, timeout) == WAIT_FAILED)
        return;

      /* Reset before looking at the parts: whatever they get from now on sets it again. */
      ResetEvent (self->wake_event);
      quit = atr_rdp_connection_is_quitting (self->connection);
      if (quit)
        break;
      atr_rdp_input_take (self->input, &commands);
      atr_rdp_input_send (&commands, context->input);

      if (!freerdp_check_event_handles (context))
        break;
      if (freerdp_shall_disconnect_context (context))
        break;
    }
}

static GError *
describe (AtrRdpSession        *self,
          AtrRdpError           code,
          const AtrRdpAttempt  *attempt,
          guint32               last_error)
{
  const char *host = atr_rdp_target_get_host (self->target);
  const AtrRdpEndpoint *endpoint = attempt->endpoint;
  const char *gateway = endpoint->gateway_name ? endpoint->gateway_name : "";
  /* What a person reads is ours and translated; FreeRDP's code name stays as it is. */
  const char *what = atr_rdp_error_describe_code (last_error);
  const char *name = last_error ? freerdp_get_last_error_name (last_error) : "-";

  switch (code)
    {
    case ATR_RDP_ERROR_CERTIFICATE:
      return g_error_new (ATR_RDP_ERROR, code, _("The certificate of %s was rejected: %s"),
                          attempt->cert_host,
                          atr_trust_reason_to_string (attempt->trust_reason));
    case ATR_RDP_ERROR_AUTH:
      return g_error_new (ATR_RDP_ERROR, code, _("%s refused the credentials (%s)"), host, name);
    case ATR_RDP_ERROR_CONNECT:
      return g_error_new (ATR_RDP_ERROR, code, _("Could not connect to %s at %s port %u: %s (%s)"),
                          host, endpoint->address, endpoint->port, what, name);
    case ATR_RDP_ERROR_GATEWAY_UNREACHABLE:
      /* Translators: the first %s is the gateway's name, the last the reason. */
      return g_error_new (ATR_RDP_ERROR, code,
                          _("The RD Gateway %s (%s port %u) could not be reached: %s (%s)"),
                          gateway, endpoint->address, endpoint->port, what, name);
    case ATR_RDP_ERROR_GATEWAY:
      /* Translators: the first %s is the gateway, the fourth the computer behind it. */
      return g_error_new (ATR_RDP_ERROR, code,
                          _("The RD Gateway %s (%s port %u) could not connect to %s: %s (%s)"),
                          gateway, endpoint->address, endpoint->port, host, what, name);
    case ATR_RDP_ERROR_NETWORK_LOST:
      return g_error_new (ATR_RDP_ERROR, code, _("The connection to %s was lost (%s)"), host, what);
    case ATR_RDP_ERROR_LOGOFF:
      return g_error_new (ATR_RDP_ERROR, code, _("The session on %s ended: the user logged off"),
                          host);
    case ATR_RDP_ERROR_ADMIN_DISCONNECT:
      return g_error_new (ATR_RDP_ERROR, code,
                          _("%s ended the session (an administrator or another connection)"), host);
    case ATR_RDP_ERROR_IDLE_TIMEOUT:
      return g_error_new (ATR_RDP_ERROR, code, _("The session on %s reached its time limit"), host);
    case ATR_RDP_ERROR_CANCELLED:
      return g_error_new (ATR_RDP_ERROR, code, _("The connection to %s was cancelled"), host);
    case ATR_RDP_ERROR_FAILED:
    default:
      return g_error_new (ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED, _("The session to %s failed: %s (%s)"),
                          host, what, name);
    }
}

/* Tries one endpoint. Returns TRUE when it got to an active session; @error is then why the
 * session ended (or NULL when the local side ended it). */
static gboolean
run_endpoint (AtrRdpSession  *self,
              AtrRdpTarget   *route,
              int             index,
              GError        **error)
{
  RDP_CLIENT_ENTRY_POINTS entry = { 0 };
  AtrRdpAttempt attempt = { 0 };
  AtrRdpFailure failure = { 0 };
  rdpContext *context;
  AtrRdpError code;
  gboolean connected;
  guint32 selected;

  attempt.index = index;
  attempt.endpoint = atr_rdp_target_get_endpoint (route, (guint) index);
  attempt.cert_host = attempt.endpoint->gateway_name ? attempt.endpoint->gateway_name
                                                     : atr_rdp_target_get_host (self->target);
  attempt.phase = ATR_RDP_PHASE_CONNECTING;

  if (!self->reconnecting)
    atr_rdp_connection_reset_timings (self->connection);
  _atr_rdp_session_post_state (self, self->reconnecting ? ATR_RDP_STATE_RECONNECTING
                                                        : ATR_RDP_STATE_CONNECTING, index);
  g_debug ("Connecting to %s at %s port %u", atr_rdp_target_get_host (self->target),
           attempt.endpoint->address, attempt.endpoint->port);


  entry.Size = sizeof entry;
  entry.Version = RDP_CLIENT_INTERFACE_VERSION;
  entry.ContextSize = sizeof (AtrRdpContext);
  entry.ClientNew = _atr_rdp_session_client_new_cb;
  entry.ClientFree = _atr_rdp_session_client_free_cb;
  context = freerdp_client_context_new (&entry);
  if (context == NULL)
    {
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   _("Could not create a FreeRDP context for %s"),
                   atr_rdp_target_get_host (self->target));
      return FALSE;
    }
  ((AtrRdpContext *) context)->session = self;
  ((AtrRdpContext *) context)->attempt = &attempt;
  ((AtrRdpContext *) context)->connection = self->connection;
  ((AtrRdpContext *) context)->input = self->input;
  ((AtrRdpContext *) context)->clipboard = self->clipboard;
  ((AtrRdpContext *) context)->display = self->display;
  ((AtrRdpContext *) context)->framebuffer = self->framebuffer;
  ((AtrRdpContext *) context)->graphics = self->graphics;

  if (!configure (self, context->settings, attempt.endpoint))
    {
      freerdp_client_context_free (context);
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   _("Could not apply the FreeRDP settings for %s"),
                   atr_rdp_target_get_host (self->target));
      return FALSE;
    }

  failure.local_abort = !atr_rdp_connection_begin_connect (self->connection,
                                                         context->instance);

  connected = !failure.local_abort && freerdp_connect (context->instance);

  atr_rdp_connection_end_connect (self->connection);
  if (connected)
    {
      /* Kept for auto-reconnect when that is on; wiped when the thread ends. */
      if (!self->reconnect)
        atr_rdp_connection_wipe_credentials (self->connection);
      self->reconnecting = FALSE;
      _atr_rdp_session_post_connected (self);
      event_loop (self, context);
    }

  failure.local_abort = atr_rdp_connection_end_attempt (self->connection);

  selected = freerdp_settings_get_uint32 (context->settings, FreeRDP_SelectedProtocol);
  failure.last_error = freerdp_get_last_error (context);
  failure.error_info = freerdp_error_info (context->instance);
  failure.phase = attempt.phase;
  failure.nla = (selected & (ATR_PROTOCOL_HYBRID | ATR_PROTOCOL_HYBRID_EX)) != 0;
  failure.certificate_rejected = attempt.certificate_rejected;
  failure.credentials_refused = attempt.credentials_refused;
  failure.via_gateway = attempt.endpoint->gateway_name != NULL;
  code = atr_rdp_error_classify (&failure);
  g_debug ("Session to %s via %s:%u ended in state %s: last error 0x%08x, error info 0x%08x, "
           "protocol 0x%x, class %s", atr_rdp_target_get_host (self->target),
           attempt.endpoint->address, attempt.endpoint->port,
           freerdp_state_string (freerdp_get_state (context)), failure.last_error,
           failure.error_info, selected, atr_rdp_error_to_string (code));

  if (connected)
    freerdp_disconnect (context->instance);
  freerdp_client_context_free (context);

  if (!(connected && code == ATR_RDP_ERROR_CANCELLED))
    g_propagate_error (error, describe (self, code, &attempt, failure.last_error));
  return connected;
}

/* Walks the route's endpoints (failover). Returns TRUE when one got to an active session;
 * @error is then why that session ended. */
static gboolean
connect_route (AtrRdpSession  *self,
               AtrRdpTarget   *route,
               GError        **error)
{
  int index = atr_rdp_target_next_endpoint (route, -1, NULL);

  if (index < 0)
    {
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_CONNECT, _("%s has no address"),
                   atr_rdp_target_get_host (self->target));
      return FALSE;
    }

  while (index >= 0)
    {
      g_clear_error (error);
      if (run_endpoint (self, route, index, error))
        return TRUE;
      index = atr_rdp_target_next_endpoint (route, index, *error);
      if (index >= 0)
        g_debug ("%s; failing over to endpoint %d", (*error)->message, index);
    }
  return FALSE;
}

/* Sleeps until @deadline_us (monotonic) or disconnect(); input queued meanwhile is dropped.
 * Returns FALSE when the session is being ended. */
static gboolean
sleep_until (AtrRdpSession *self,
             gint64         deadline_us)
{
  for (;;)
    {
      gint64 left_ms = (deadline_us - g_get_monotonic_time () + 999) / 1000;
      gboolean quit;

      ResetEvent (self->wake_event);
      quit = atr_rdp_connection_is_quitting (self->connection);
      atr_rdp_input_drop (self->input);

      if (quit)
        return FALSE;
      if (left_ms <= 0)
        return TRUE;
      WaitForSingleObject (self->wake_event, (DWORD) MIN (left_ms, G_MAXINT32));
    }
}

static gboolean
is_reconnectable (AtrRdpSession *self,
                  const GError  *error)
{
  return error != NULL && error->domain == ATR_RDP_ERROR &&
         atr_rdp_reconnect_allowed ((AtrRdpError) error->code, self->reconnect) &&
         !is_quitting (self);
}

/* Auto-reconnect after the network loss in @error, on the session's schedule. Returns TRUE
 * when a session was active again (@error: why that one ended); FALSE with @error the final
 * reason otherwise. */
static gboolean
reconnect (AtrRdpSession  *self,
           AtrRdpTarget   *route,
           GError        **error)
{
  AtrRdpReconnect schedule;
  g_autoptr(GError) loss = g_steal_pointer (error);
  gint64 at;

  atr_rdp_reconnect_begin (&schedule, &self->backoff, g_get_monotonic_time ());
  self->reconnecting = TRUE;
  _atr_rdp_session_post_state (self, ATR_RDP_STATE_RECONNECTING, -1);
  g_debug ("%s; reconnecting", loss->message);

  while ((at = atr_rdp_reconnect_next (&schedule, g_get_monotonic_time ())) >= 0)
    {
      g_autoptr(GError) attempt_error = NULL;

      if (!sleep_until (self, at))
        {
          self->reconnecting = FALSE;
          g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_CANCELLED,
                       _("The reconnection to %s was cancelled"),
                       atr_rdp_target_get_host (self->target));
          return FALSE;
        }
      g_debug ("Reconnection attempt %u to %s", atr_rdp_reconnect_get_attempt (&schedule),
               atr_rdp_target_get_host (self->target));
      if (connect_route (self, route, &attempt_error))
        {
          if (attempt_error != NULL)
            g_propagate_error (error, g_steal_pointer (&attempt_error));
          return TRUE;
        }
      /* Refused credentials, a rejected certificate, a cancel: stop here. */
      if (!atr_rdp_error_should_failover (attempt_error) &&
          !g_error_matches (attempt_error, ATR_RDP_ERROR, ATR_RDP_ERROR_NETWORK_LOST))
        {
          self->reconnecting = FALSE;
          g_propagate_error (error, g_steal_pointer (&attempt_error));
          return FALSE;
        }
      g_debug ("Reconnection attempt %u failed: %s", atr_rdp_reconnect_get_attempt (&schedule),
               attempt_error->message);
    }

  self->reconnecting = FALSE;
  g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_NETWORK_LOST,
               _("%s; %u attempts to reconnect failed"), loss->message,
               atr_rdp_reconnect_get_attempt (&schedule));
  return FALSE;
}

gpointer
_atr_rdp_session_thread_main (gpointer data)
{
  AtrRdpSession *self = data;   /* a reference of our own */
  static GOnce freerdp_once = G_ONCE_INIT;
  g_autoptr(AtrRdpTarget) route = NULL;
  GError *error = NULL;

  g_once (&freerdp_once, _atr_rdp_session_init_freerdp_once, NULL);
  _atr_rdp_session_set_current (self);

  route = build_route (self, &error);
  if (route != NULL)
    {
      atr_rdp_connection_set_route (self->connection, route);
      if (connect_route (self, route, &error))
        while (is_reconnectable (self, error) && reconnect (self, route, &error))
          ;
    }

  atr_rdp_connection_wipe_credentials (self->connection);
  _atr_rdp_session_set_current (NULL);
  _atr_rdp_session_post_finished (self, error);
  g_object_unref (self);
  return NULL;
}
