/* atr-cli-rdp-fetch.c — a .rdp payload from a file or an https:// URL, for atrium-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * URLs go through the same AtrHttpClient as feeds: the trust store decides the certificate
 * (checked against the URL's host, also when --resolve points it at a loopback address),
 * the body is capped at ATR_RDP_FILE_MAX_SIZE and redirects are not followed.
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <string.h>

#include "atr-http.h"
#include "atr-net-error.h"
#include "atr-rdp-file.h"

#include "atr-cli-net.h"
#include "atr-cli-rdp-file.h"

typedef struct
{
  gboolean         done;
  GBytes          *body;
  AtrHttpResponse *response;
  GError          *error;
} Fetch;

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Fetch *fetch = data;

  fetch->body = atr_http_fetch_finish (ATR_HTTP_CLIENT (source), result, &fetch->response,
                                       &fetch->error);
  fetch->done = TRUE;
}

/* TRUE when @source names a URL rather than a file. */
gboolean
atr_cli_rdp_is_url (const char *source)
{
  return source != NULL && strstr (source, "://") != NULL;
}

/**
 * atr_cli_rdp_load_payload:
 * @source: a file name or an https:// URL
 * @trust: (nullable): the trust store for URLs (%NULL: the default one is loaded)
 *
 * Returns: (transfer full): the undecoded payload, or %NULL with @error: G_OPTION_ERROR for
 *   a URL that is not https://, ATR_NET_ERROR for fetch failures and non-2xx answers,
 *   ATR_RDP_FILE_ERROR_TOO_LARGE or G_IO_ERROR for files
 */
GBytes *
atr_cli_rdp_load_payload (const char     *source,
                          AtrTrustStore  *trust,
                          GError        **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(AtrTrustStore) default_trust = NULL;
  g_autoptr(AtrHttpClient) client = NULL;
  g_autoptr(AtrHttpRequest) request = NULL;
  Fetch fetch = { 0 };
  guint status;

  g_return_val_if_fail (source != NULL, NULL);

  if (!atr_cli_rdp_is_url (source))
    return atr_cli_rdp_read_capped (source, ATR_RDP_FILE_MAX_SIZE, error);

  uri = g_uri_parse (source, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_strcmp0 (g_uri_get_scheme (uri), "https") != 0 ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s: only https:// URLs with a host can be fetched", source);
      return NULL;
    }

  if (trust == NULL)
    {
      default_trust = atr_trust_store_new_default (error);
      if (default_trust == NULL)
        return NULL;
      trust = default_trust;
    }

  client = atr_http_client_new (trust, g_uri_get_host (uri));
  request = atr_http_request_new ("GET", source);
  atr_http_request_set_header (request, "Accept", "application/x-rdp, */*");
  atr_http_request_set_max_size (request, ATR_RDP_FILE_MAX_SIZE);
  atr_http_fetch_async (client, request, NULL, fetched_cb, &fetch);
  atr_cli_run_until (&fetch.done);

  if (fetch.body == NULL)
    {
      g_clear_object (&fetch.response);
      g_propagate_prefixed_error (error, fetch.error, "%s: ", source);
      return NULL;
    }

  status = atr_http_response_get_status (fetch.response);
  g_clear_object (&fetch.response);
  if (status < 200 || status > 299)
    {
      g_clear_pointer (&fetch.body, g_bytes_unref);
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_HTTP,
                   "%s answered HTTP %u%s", source, status,
                   status >= 300 && status <= 399 ? " (redirects are not followed)" : "");
      return NULL;
    }
  return fetch.body;
}
