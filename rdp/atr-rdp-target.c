/* atr-rdp-target.c — where a session goes: a host name plus the endpoints that reach it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "atr-rdp-error.h"

#include "atr-rdp-target.h"

struct _AtrRdpTarget
{
  gatomicrefcount  ref_count;
  char            *host;
  guint16          port;
  GArray          *endpoints;   /* of AtrRdpEndpoint */
};

G_DEFINE_BOXED_TYPE (AtrRdpTarget, atr_rdp_target, atr_rdp_target_ref, atr_rdp_target_unref)

static void
endpoint_clear (gpointer data)
{
  AtrRdpEndpoint *endpoint = data;

  g_clear_pointer (&endpoint->address, g_free);
  g_clear_pointer (&endpoint->gateway_name, g_free);
}

/**
 * atr_rdp_target_new:
 * @host: the host name the user asked for: certificates are checked against it
 * @port: its RDP port
 *
 * Returns: (transfer full): a target with no endpoints yet (the session then resolves @host
 *   itself)
 */
AtrRdpTarget *
atr_rdp_target_new (const char *host,
                    guint16     port)
{
  AtrRdpTarget *self;

  g_return_val_if_fail (host != NULL && *host != '\0', NULL);
  g_return_val_if_fail (port != 0, NULL);

  self = g_new0 (AtrRdpTarget, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->host = g_strdup (host);
  self->port = port;
  self->endpoints = g_array_new (FALSE, TRUE, sizeof (AtrRdpEndpoint));
  g_array_set_clear_func (self->endpoints, endpoint_clear);
  return self;
}

/**
 * atr_rdp_target_parse:
 * @host_port: `HOST`, `HOST:PORT`, `[V6]` or `[V6]:PORT`
 * @default_port: the port when none is given (3389)
 * @error: return location for an %ATR_RDP_ERROR_FAILED error naming the bad text
 *
 * Returns: (transfer full) (nullable): the target, or %NULL with @error set
 */
AtrRdpTarget *
atr_rdp_target_parse (const char  *host_port,
                      guint16      default_port,
                      GError     **error)
{
  g_autoptr(GNetworkAddress) parsed = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *host;

  g_return_val_if_fail (host_port != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  parsed = (GNetworkAddress *) g_network_address_parse (host_port, default_port, &local_error);
  if (parsed == NULL || g_network_address_get_port (parsed) == 0)
    {
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   _("'%s' is not a valid HOST[:PORT]%s%s"), host_port,
                   local_error ? ": " : "", local_error ? local_error->message : "");
      return NULL;
    }

  host = g_network_address_get_hostname (parsed);
  if (host == NULL || *host == '\0' || strpbrk (host, " \t\r\n/\\@") != NULL)
    {
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   _("'%s' is not a valid host name"), host_port);
      return NULL;
    }

  return atr_rdp_target_new (host, (guint16) g_network_address_get_port (parsed));
}

AtrRdpTarget *
atr_rdp_target_ref (AtrRdpTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
atr_rdp_target_unref (AtrRdpTarget *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->host);
  g_array_unref (self->endpoints);
  g_free (self);
}

const char *
atr_rdp_target_get_host (AtrRdpTarget *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->host;
}

guint16
atr_rdp_target_get_port (AtrRdpTarget *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->port;
}

/**
 * atr_rdp_target_add_address:
 * @address: an address of the host itself (from DNS or a `--resolve` override)
 * @port: the port there, or 0 for the target's port
 *
 * Endpoints are tried in the order they were added. Build the target before handing it to a
 * session; it is not locked.
 */
void
atr_rdp_target_add_address (AtrRdpTarget *self,
                            const char   *address,
                            guint16       port)
{
  AtrRdpEndpoint endpoint = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (address != NULL && *address != '\0');

  endpoint.address = g_strdup (address);
  endpoint.port = port != 0 ? port : self->port;
  g_array_append_val (self->endpoints, endpoint);
}

/**
 * atr_rdp_target_add_gateway:
 * @gateway_name: the gateway's host name (its certificate is checked against it)
 * @address: (nullable): where to connect for it, or %NULL for @gateway_name itself
 * @port: the gateway's HTTPS port, or 0 for 443
 */
void
atr_rdp_target_add_gateway (AtrRdpTarget *self,
                            const char   *gateway_name,
                            const char   *address,
                            guint16       port)
{
  AtrRdpEndpoint endpoint = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (gateway_name != NULL && *gateway_name != '\0');

  endpoint.gateway_name = g_strdup (gateway_name);
  endpoint.address = g_strdup (address != NULL ? address : gateway_name);
  endpoint.port = port != 0 ? port : 443;
  g_array_append_val (self->endpoints, endpoint);
}

guint
atr_rdp_target_get_n_endpoints (AtrRdpTarget *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->endpoints->len;
}

const AtrRdpEndpoint *
atr_rdp_target_get_endpoint (AtrRdpTarget *self,
                             guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->endpoints->len, NULL);

  return &g_array_index (self->endpoints, AtrRdpEndpoint, index);
}

/**
 * atr_rdp_target_next_endpoint:
 * @current: the index just tried, or -1 before the first attempt
 * @error: (nullable): why @current failed (%NULL before the first attempt)
 *
 * The pure failover rule of the HALB leg: after a connect or gateway failure the next
 * endpoint in order; after anything else (certificate, credentials, cancel) none.
 *
 * Returns: the index to try next, or -1 to stop
 */
int
atr_rdp_target_next_endpoint (AtrRdpTarget *self,
                              int           current,
                              const GError *error)
{
  g_return_val_if_fail (self != NULL, -1);

  if (current >= 0 && (error == NULL || !atr_rdp_error_should_failover (error)))
    return -1;
  if (current + 1 >= (int) self->endpoints->len)
    return -1;
  return current + 1;
}
