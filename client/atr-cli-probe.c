/* atr-cli-probe.c — atrium-cli probe: connect headless, report the certificate and timings
 *
 * atrium-cli probe (HOST[:PORT] | --rdp FILE) [--policy FILE] [--frames N]
 *                  [--user U --password-stdin] [--trust FILE]
 *                  [--resolve HOST:PORT:ADDR[,ADDR…]] [--timeout S] [--json]
 *
 * With --rdp (a file or an https:// URL, fetched with the same trust and --resolve), the
 * .rdp payload is decoded, filtered by the tenant policy (the default, or
 * --policy FILE) and applied as the app would (routing token, gateway, RemoteApp…); its
 * host is the one certificates are checked against. A probe never auto-reconnects.
 *
 * Connects through the same session engine as the app (no GTK), waits for N non-empty frames
 * (0: stop once the session is active, i.e. after authentication; such a session is
 * connect-only: no decoders, GDI or channels, see atr_rdp_session_set_connect_only()), and
 * prints the verdict.
 * Exit codes as in atr-cli.h: 3 network, 4 certificate, 5 authentication.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "atr-resolver.h"
#include "atr-rdp-session.h"
#include "atr-trust-store.h"

#include "atr-cli.h"
#include "atr-cli-commands.h"
#include "atr-cli-rdp-file.h"

typedef struct
{
  GMainLoop      *loop;
  AtrRdpSession  *session;
  int             frames_wanted;
  int             frames_seen;
  gboolean        connected;
  gboolean        timed_out;
  GError         *error;
  gint64          started_us;
  gint64          total_us;
  guint           timeout_id;
} Probe;

static AtrExit
exit_for_rdp_error (const GError *error)
{
  if (error->domain != ATR_RDP_ERROR)
    return atr_cli_exit_for_error (error);

  switch ((AtrRdpError) error->code)
    {
    case ATR_RDP_ERROR_CONNECT:
    case ATR_RDP_ERROR_NETWORK_LOST:
    case ATR_RDP_ERROR_GATEWAY:
    case ATR_RDP_ERROR_GATEWAY_UNREACHABLE:
      return ATR_EXIT_NETWORK;
    case ATR_RDP_ERROR_CERTIFICATE:
      return ATR_EXIT_TRUST;
    case ATR_RDP_ERROR_AUTH:
      return ATR_EXIT_AUTH;
    case ATR_RDP_ERROR_FAILED:
    case ATR_RDP_ERROR_LOGOFF:
    case ATR_RDP_ERROR_ADMIN_DISCONNECT:
    case ATR_RDP_ERROR_IDLE_TIMEOUT:
    case ATR_RDP_ERROR_CANCELLED:
    default:
      return ATR_EXIT_INTERNAL;
    }
}

/* Reads one line from stdin; the caller wipes it. */
static char *
read_password_stdin (void)
{
  GString *buffer = g_string_new (NULL);
  int c;

  while ((c = fgetc (stdin)) != EOF && c != '\n')
    g_string_append_c (buffer, (char) c);
  if (buffer->len > 0 && buffer->str[buffer->len - 1] == '\r')
    g_string_truncate (buffer, buffer->len - 1);
  return g_string_free (buffer, FALSE);
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static void
finish_probe (Probe *probe)
{
  if (probe->total_us == 0)
    probe->total_us = g_get_monotonic_time () - probe->started_us;
  atr_rdp_session_disconnect (probe->session);
}

static void
state_changed_cb (AtrRdpSession *session,
                  GParamSpec    *pspec,
                  Probe         *probe)
{
  if (atr_rdp_session_get_state (session) == ATR_RDP_STATE_DISCONNECTED)
    g_main_loop_quit (probe->loop);
}

static void
frame_updated_cb (AtrRdpSession    *session,
                  const AtrRdpRect *rects,
                  guint             n_rects,
                  Probe            *probe)
{
  if (!probe->connected || n_rects == 0)
    return;
  if (++probe->frames_seen == probe->frames_wanted)
    finish_probe (probe);
}

static void
connect_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Probe *probe = user_data;

  if (!atr_rdp_session_connect_finish (ATR_RDP_SESSION (source), result, &probe->error))
    {
      probe->total_us = g_get_monotonic_time () - probe->started_us;
      return;   /* the state goes to DISCONNECTED next */
    }

  probe->connected = TRUE;
  if (probe->frames_wanted == 0)
    finish_probe (probe);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Probe *probe = user_data;

  probe->timed_out = TRUE;
  probe->timeout_id = 0;
  finish_probe (probe);
  return G_SOURCE_REMOVE;
}

static JsonNode *
timing_node (gint64 us)
{
  JsonNode *node = json_node_new (JSON_NODE_NULL);

  if (us >= 0)
    json_node_init_int (node, (us + 500) / 1000);
  return node;
}

static const char *
format_ms (gint64  us,
           char   *buffer)
{
  if (us < 0)
    return "-";
  g_snprintf (buffer, 32, "%.1f", us / 1000.0);
  return buffer;
}

static void
print_report (Probe         *probe,
              AtrRdpTarget  *target,
              gboolean       ok,
              const char    *message,
              gboolean       json)
{
  AtrRdpCertificate *certificate = atr_rdp_session_get_certificate (probe->session);
  const AtrRdpEndpoint *endpoint = atr_rdp_session_get_endpoint (probe->session);
  AtrRdpTimings t;
  char tcp[32], tls[32], auth[32], frame[32], total[32];

  atr_rdp_session_get_timings (probe->session, &t);

  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, ok);
      json_builder_set_member_name (builder, "host");
      json_builder_add_string_value (builder, atr_rdp_target_get_host (target));
      json_builder_set_member_name (builder, "port");
      json_builder_add_int_value (builder, atr_rdp_target_get_port (target));
      json_builder_set_member_name (builder, "address");
      if (endpoint != NULL)
        json_builder_add_string_value (builder, endpoint->address);
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "certificate");
      if (certificate != NULL)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "verdict");
          json_builder_add_string_value (builder, atr_rdp_certificate_get_verdict (certificate));
          json_builder_set_member_name (builder, "reason");
          json_builder_add_string_value (builder,
            atr_trust_reason_to_string (atr_rdp_certificate_get_reason (certificate)));
          json_builder_set_member_name (builder, "host");
          json_builder_add_string_value (builder, atr_rdp_certificate_get_host (certificate));
          json_builder_set_member_name (builder, "sha256");
          json_builder_add_string_value (builder, atr_rdp_certificate_get_sha256 (certificate));
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "timings_ms");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "tcp");
      json_builder_add_value (builder, timing_node (t.tcp));
      json_builder_set_member_name (builder, "tls");
      json_builder_add_value (builder, timing_node (t.tls));
      json_builder_set_member_name (builder, "auth");
      json_builder_add_value (builder, timing_node (t.auth));
      json_builder_set_member_name (builder, "first_frame");
      json_builder_add_value (builder, timing_node (t.first_frame));
      json_builder_set_member_name (builder, "total");
      json_builder_add_value (builder, timing_node (probe->total_us));
      json_builder_end_object (builder);
      if (message != NULL)
        {
          json_builder_set_member_name (builder, "error");
          json_builder_add_string_value (builder, message);
        }
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      atr_cli_print_json (root);
      return;
    }

  printf ("%s %s:%u%s%s\n", ok ? "OK" : "FAILED", atr_rdp_target_get_host (target),
          atr_rdp_target_get_port (target), endpoint ? " via " : "",
          endpoint ? endpoint->address : "");
  if (certificate != NULL)
    printf ("certificate: %s (%s) sha256 %s\n", atr_rdp_certificate_get_verdict (certificate),
            atr_trust_reason_to_string (atr_rdp_certificate_get_reason (certificate)),
            atr_rdp_certificate_get_sha256 (certificate) ? atr_rdp_certificate_get_sha256 (certificate) : "-");
  printf ("timings (ms): tcp %s tls %s auth %s first frame %s total %s\n",
          format_ms (t.tcp, tcp), format_ms (t.tls, tls), format_ms (t.auth, auth),
          format_ms (t.first_frame, frame), format_ms (probe->total_us, total));
}

/* The session for `--rdp FILE`: decoded, filtered, applied when it connects. */
static AtrRdpSession *
session_from_file (const char    *path,
                   const char    *policy_file,
                   AtrTrustStore *trust,
                   GError       **error)
{
  g_autoptr(GBytes) payload = NULL;
  g_autoptr(AtrRdpFile) file = NULL;
  g_autoptr(AtrRdpFile) filtered = NULL;
  g_autoptr(GPtrArray) dropped = NULL;
  AtrRdpPolicy policy;

  atr_rdp_policy_init_default (&policy);
  if (policy_file != NULL && !atr_cli_rdp_load_policy (policy_file, &policy, error))
    return NULL;
  payload = atr_cli_rdp_load_payload (path, trust, error);
  if (payload == NULL)
    return NULL;
  file = atr_rdp_file_new_from_bytes (payload, path, error);
  if (file == NULL)
    return NULL;
  filtered = atr_rdp_file_filter (file, &policy, &dropped);
  for (guint i = 0; dropped != NULL && i < dropped->len; i++)
    {
      const AtrRdpDropped *d = g_ptr_array_index (dropped, i);
      g_debug ("%s: line %u (%s): %s", path, d->line, d->key ? d->key : "-", d->reason);
    }
  return atr_rdp_session_new_from_file (filtered, &policy, error);
}

int
atr_cli_probe_run (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTrustStore) trust = NULL;
  g_autoptr(AtrResolver) resolver = NULL;
  g_autoptr(AtrRdpTarget) target = NULL;
  g_autoptr(AtrRdpSession) session = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_auto(GStrv) resolve = NULL;
  g_autofree char *user = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *trust_file = NULL;
  g_autofree char *rdp_file = NULL;
  g_autofree char *policy_file = NULL;
  gboolean password_stdin = FALSE;
  gboolean json = FALSE;
  int frames = 1;
  int timeout_s = 30;
  Probe probe = { 0 };
  gboolean ok;
  int code = ATR_EXIT_OK;
  const GOptionEntry entries[] = {
    { "rdp", 0, 0, G_OPTION_ARG_FILENAME, &rdp_file, "Connect as this .rdp file or https:// URL says (after the policy filter)", "FILE|URL" },
    { "policy", 0, 0, G_OPTION_ARG_FILENAME, &policy_file, "Tenant policy for --rdp (JSON shaped like the manifest's \"policy\")", "FILE" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, "Wait for N non-empty frames (0: stop after authentication)", "N" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "User name for NLA", "U" },
    { "domain", 0, 0, G_OPTION_ARG_STRING, &domain, "Domain for NLA", "D" },
    { "password-stdin", 0, 0, G_OPTION_ARG_NONE, &password_stdin, "Read the password from the first line of stdin", NULL },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, &trust_file, "Check certificates against this PEM instead of the bundled trust store", "FILE" },
    { "resolve", 0, 0, G_OPTION_ARG_STRING_ARRAY, &resolve, "Address override (repeatable)", "HOST:PORT:ADDR[,ADDR…]" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s, "Give up after S seconds (default 30)", "S" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, "Print JSON", NULL },
    { NULL }
  };

  probe.started_us = g_get_monotonic_time ();

  options = g_option_context_new ("(HOST[:PORT] | --rdp FILE) — connect headless and report");
  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    return atr_cli_fail (ATR_EXIT_USAGE, "probe: %s", error->message);
  if ((rdp_file == NULL && argc != 2) || (rdp_file != NULL && argc != 1))
    return atr_cli_fail (ATR_EXIT_USAGE, "probe: expected one HOST[:PORT] or --rdp FILE; see 'atrium-cli probe --help'");
  if (policy_file != NULL && rdp_file == NULL)
    return atr_cli_fail (ATR_EXIT_USAGE, "probe: --policy needs --rdp");
  if (frames < 0 || timeout_s <= 0)
    return atr_cli_fail (ATR_EXIT_USAGE, "probe: --frames must be >= 0 and --timeout > 0");
  if (password_stdin && user == NULL)
    return atr_cli_fail (ATR_EXIT_USAGE, "probe: --password-stdin needs --user");

  if (resolve != NULL)
    {
      resolver = atr_resolver_new_default ();
      for (guint i = 0; resolve[i] != NULL; i++)
        if (!atr_resolver_add_override (resolver, resolve[i], &error))
          return atr_cli_fail (ATR_EXIT_USAGE, "probe: --resolve %s: %s", resolve[i],
                               error->message);
      atr_resolver_install (resolver);
    }

  if (trust_file != NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (trust_file, NULL);
      trust = atr_trust_store_new_from_file (absolute, &error);
    }
  else
    trust = atr_trust_store_new_default (&error);
  if (trust == NULL)
    return atr_cli_fail (ATR_EXIT_USAGE, "probe: %s", error->message);

  if (rdp_file != NULL)
    {
      session = session_from_file (rdp_file, policy_file, trust, &error);
      if (session == NULL)
        return atr_cli_rdp_fail (error);
      atr_rdp_session_set_reconnect (session, NULL);
      target = atr_rdp_target_ref (atr_rdp_session_get_target (session));
    }
  else if ((target = atr_rdp_target_parse (argv[1], 3389, &error)) == NULL)
    return atr_cli_fail (ATR_EXIT_USAGE, "probe: %s", error->message);
  if (rdp_file == NULL && resolver != NULL && strchr (argv[1], ':') == NULL &&
      atr_resolver_get_override_port (resolver, atr_rdp_target_get_host (target)) != 0)
    {
      /* curl-style: "--resolve HOST:PORT:ADDR" with a bare HOST means that PORT */
      guint16 port = atr_resolver_get_override_port (resolver, atr_rdp_target_get_host (target));
      g_autoptr(AtrRdpTarget) ported = atr_rdp_target_new (atr_rdp_target_get_host (target), port);
      g_clear_pointer (&target, atr_rdp_target_unref);
      target = g_steal_pointer (&ported);
    }

  if (session == NULL)
    session = atr_rdp_session_new (target);
  atr_rdp_session_set_trust_store (session, trust);
  /* --frames 0 asks only whether we get in: no decoders, GDI or channels to set up. */
  atr_rdp_session_set_connect_only (session, frames == 0);
  if (user != NULL)
    {
      char *password = password_stdin ? read_password_stdin () : NULL;
      atr_rdp_session_set_credentials (session, user, domain, password);
      wipe_free (password);
    }

  loop = g_main_loop_new (NULL, FALSE);
  probe.loop = loop;
  probe.session = session;
  probe.frames_wanted = frames;
  g_signal_connect (session, "notify::state", G_CALLBACK (state_changed_cb), &probe);
  g_signal_connect (session, "frame-updated", G_CALLBACK (frame_updated_cb), &probe);
  probe.timeout_id = g_timeout_add_seconds ((guint) timeout_s, timeout_cb, &probe);

  atr_rdp_session_connect_async (session, NULL, connect_cb, &probe);
  g_main_loop_run (loop);
  g_clear_handle_id (&probe.timeout_id, g_source_remove);

  ok = probe.connected && !probe.timed_out && probe.frames_seen >= probe.frames_wanted;
  if (probe.timed_out)
    {
      code = ATR_EXIT_NETWORK;
      print_report (&probe, target, FALSE, "timed out", json);
      atr_cli_fail (code, "probe: %s did not %s within %d s", atr_rdp_target_get_host (target),
                    probe.connected ? "send enough frames" : "connect", timeout_s);
    }
  else if (!ok)
    {
      const GError *reason = probe.error ? probe.error
                                         : atr_rdp_session_get_disconnect_error (session);
      code = reason ? exit_for_rdp_error (reason) : ATR_EXIT_INTERNAL;
      print_report (&probe, target, FALSE, reason ? reason->message : "ended early", json);
      atr_cli_fail (code, "probe: %s", reason ? reason->message : "the session ended early");
    }
  else
    print_report (&probe, target, TRUE, NULL, json);

  g_clear_error (&probe.error);
  return code;
}
