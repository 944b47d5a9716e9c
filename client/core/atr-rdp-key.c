/* atr-rdp-key.c — one canonical form for .rdp attribute names, links and files alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The `rdp://` link parser (atr-uri-rdp.c) and the `.rdp` file parser (rdp/atr-rdp-file.c)
 * compare attribute names in this one form, and the filtered file is written back to
 * FreeRDP in it, so no reader can see a name that another reader spelled differently
 * ("full address " with a trailing blank, "FULL  ADDRESS", "Full\taddress"). A name that
 * one parser took for a duplicate is a duplicate for every parser.
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <string.h>

#include "atr-uri-host.h"

#include "atr-rdp-key.h"

/**
 * atr_rdp_key_canonical:
 * @name: a name as written (already percent-decoded once when it came from a link)
 *
 * Blanks (spaces and tabs) at either end removed, every inner run of blanks collapsed to
 * one space, ASCII letters in lower case. Other bytes are kept as they are (they never
 * match a known name, in Atrium or in FreeRDP, whose comparisons are ASCII-only).
 *
 * Returns: (transfer full): the canonical key
 */
char *
atr_rdp_key_canonical (const char *name)
{
  GString *out;
  gboolean blank = FALSE;

  g_return_val_if_fail (name != NULL, NULL);

  out = g_string_sized_new (strlen (name));
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t')
        {
          blank = TRUE;
          continue;
        }
      if (blank && out->len > 0)
        g_string_append_c (out, ' ');
      blank = FALSE;
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

/* Names that decide where the session goes, who it signs in as, what runs or what is
 * redirected: a link or file that sets one twice is refused. */
static const char * const security_keys[] = {
  "full address", "alternate full address", "server port", "gatewayhostname",
  "gatewayusagemethod", "gatewayprofileusagemethod", "gatewaycredentialssource",
  "gatewaybrokeringtype", "username", "domain", "authentication level",
  "enablecredsspsupport", "negotiate security layer", "loadbalanceinfo",
  "use redirection server name", "kdcproxyname", "rdgiskdcproxy", "remoteapplicationmode",
  "remoteapplicationprogram", "remoteapplicationname", "remoteapplicationcmdline",
  "remoteapplicationfile", "alternate shell", "shell working directory",
  "promptcredentialonce", "audiomode", "audiocapturemode", "autoreconnection enabled",
  "signature", "signscope",
};

/**
 * atr_rdp_key_is_security_relevant:
 * @key: a canonical key (atr_rdp_key_canonical())
 *
 * TRUE for the host, port, gateway, credential, authentication, program and redirection
 * keys, and for every key that names a secret.
 */
gboolean
atr_rdp_key_is_security_relevant (const char *key)
{
  g_return_val_if_fail (key != NULL, TRUE);

  for (gsize i = 0; i < G_N_ELEMENTS (security_keys); i++)
    if (strcmp (key, security_keys[i]) == 0)
      return TRUE;
  return g_str_has_prefix (key, "redirect") || g_str_has_suffix (key, "storedirect") ||
         atr_uri_key_is_secret (key);
}
