/* fuzz-uri.c — connection links: atr_uri_parse() and its round trip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties: parsing never crashes; a request refused has an error and vice versa; parsing
 * is deterministic; an atrium:// request re-serialised with atr_launch_request_to_uri()
 * parses to an equal request whose serialisation is the same text; no request carries a
 * password or token attribute; every host it names is canonical (re-parses to itself).
 */
#include "config.h"

#include "atr-launch-request.h"
#include "atr-uri-host.h"
#include "atr-uri-parser.h"

#include "atr-fuzz.h"

static void
check_hosts (AtrLaunchRequest *request)
{
  g_auto(GStrv) hosts = atr_launch_request_dup_hosts (request);

  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    {
      g_autofree char *again = atr_uri_host_canonical (hosts[i]);

      ATR_FUZZ_CHECK (hosts[i][0] != '\0' && hosts[i][0] != '-', "host '%s'", hosts[i]);
      ATR_FUZZ_CHECK (again != NULL && g_ascii_strcasecmp (again, hosts[i]) == 0,
                      "host '%s' is not canonical (%s)", hosts[i], again ? again : "refused");
    }
}

static void
check_no_secrets (AtrLaunchRequest *request)
{
  const char * const *attributes = atr_launch_request_get_rdp_attributes (request);

  for (guint i = 0; attributes != NULL && attributes[i] != NULL; i++)
    {
      g_autofree char *lower = g_ascii_strdown (attributes[i], -1);

      ATR_FUZZ_CHECK (!g_str_has_prefix (lower, "password") &&
                      !g_str_has_prefix (lower, "clear password") &&
                      !g_str_has_prefix (lower, "gatewayaccesstoken") &&
                      lower[0] != '/',
                      "attribute %u survived", i);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(AtrLaunchRequest) request = NULL;
  g_autoptr(AtrLaunchRequest) twice = NULL;
  g_autofree char *uri = NULL;

  atr_fuzz_init_logging ();
  if (size > ATR_URI_MAX_LENGTH + 16)
    return -1;

  uri = atr_fuzz_strndup (data, size);
  request = atr_uri_parse (uri, &error);
  ATR_FUZZ_CHECK ((request == NULL) == (error != NULL), "result and error disagree");

  twice = atr_uri_parse (uri, &error2);
  ATR_FUZZ_CHECK ((twice == NULL) == (request == NULL), "parsing is not deterministic");
  if (request == NULL)
    return 0;
  ATR_FUZZ_CHECK (atr_launch_request_equal (request, twice), "parsing is not deterministic");

  check_hosts (request);
  check_no_secrets (request);
  g_free (atr_launch_request_dup_rdp_payload (request));

  /* The round trip: whatever parses and can be written back as a link parses to the same
   * request, and writing that one gives the same link (canonical form). */
  {
    g_autofree char *link = atr_launch_request_to_uri (request);
    g_autoptr(AtrLaunchRequest) again = NULL;
    g_autoptr(GError) again_error = NULL;
    g_autofree char *link2 = NULL;

    if (link == NULL)
      return 0;
    again = atr_uri_parse (link, &again_error);
    ATR_FUZZ_CHECK (again != NULL, "'%s' does not parse again: %s", link,
                    again_error->message);
    ATR_FUZZ_CHECK (atr_launch_request_equal (request, again),
                    "'%s' parses to a different request", link);
    link2 = atr_launch_request_to_uri (again);
    ATR_FUZZ_CHECK (g_strcmp0 (link, link2) == 0, "'%s' is written back as '%s'", link,
                    link2 ? link2 : "(null)");
  }
  return 0;
}
