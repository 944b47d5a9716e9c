/* atr-gateway-address.c — validate and normalise a gateway endpoint, "host[:port]"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "atr-net-error.h"

#include "atr-gateway-address.h"

static gboolean
host_is_valid_ascii (const char *host)
{
  g_auto(GStrv) labels = NULL;

  if (*host == '\0' || strlen (host) > 253)
    return FALSE;

  labels = g_strsplit (host, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);

      /* One trailing dot (a fully qualified name) is fine; empty labels elsewhere are not. */
      if (len == 0 && labels[i + 1] == NULL && i > 0)
        continue;
      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return FALSE;
      for (const char *p = labels[i]; *p != '\0'; p++)
        if (!g_ascii_isalnum (*p) && *p != '-')
          return FALSE;
    }

  return TRUE;
}

/**
 * atr_gateway_address_normalize:
 * @text: a gateway as written in a manifest, `host[:port]` or `[ipv6][:port]`
 * @error: return location for an error (%ATR_NET_ERROR_INVALID_ADDRESS) saying what is wrong
 *
 * Refuses schemes, paths, user info, white space and ports outside 1–65535, converts an
 * internationalised host to ASCII (IDNA) and lower case, and adds the default port 443.
 *
 * Returns: (transfer full) (nullable): `host:port` (`[addr]:port` for IPv6), or %NULL
 */
char *
atr_gateway_address_normalize (const char  *text,
                               GError     **error)
{
  g_autofree char *host = NULL;
  g_autofree char *ascii = NULL;
  const char *port_text = NULL;
  guint64 port = 443;
  gboolean bracketed = FALSE;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (*text == '\0' || strlen (text) > 300)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("\"%.40s\": empty or too long for host[:port]"), text);
      return NULL;
    }

  for (const char *p = text; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      {
        g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                     _("\"%.40s\": contains white space or control characters"), text);
        return NULL;
      }

  if (strstr (text, "://") != NULL || strchr (text, '/') != NULL || strchr (text, '?') != NULL
      || strchr (text, '#') != NULL)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("\"%.40s\": has a scheme or path; write host[:port]"), text);
      return NULL;
    }

  if (strchr (text, '@') != NULL)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("\"%.40s\": user info is not allowed; write host[:port]"), text);
      return NULL;
    }

  if (text[0] == '[')
    {
      const char *close = strchr (text, ']');

      if (close == NULL)
        {
          g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                       _("\"%.40s\": unterminated [IPv6 address]"), text);
          return NULL;
        }
      host = g_strndup (text + 1, close - text - 1);
      bracketed = TRUE;
      if (close[1] == ':')
        port_text = close + 2;
      else if (close[1] != '\0')
        {
          g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                       _("\"%.40s\": unexpected text after ]"), text);
          return NULL;
        }
    }
  else
    {
      const char *colon = strchr (text, ':');

      if (colon != NULL && strchr (colon + 1, ':') != NULL)
        {
          g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                       _("\"%.40s\": an IPv6 address must be written in brackets, [addr]:port"),
                       text);
          return NULL;
        }
      host = colon != NULL ? g_strndup (text, colon - text) : g_strdup (text);
      port_text = colon != NULL ? colon + 1 : NULL;
    }

  if (port_text != NULL)
    {
      if (*port_text == '\0' || strlen (port_text) > 5
          || !g_ascii_string_to_unsigned (port_text, 10, 1, 65535, &port, NULL))
        {
          g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                       _("\"%.40s\": port must be a number from 1 to 65535"), text);
          return NULL;
        }
    }

  if (bracketed)
    {
      g_autoptr(GInetAddress) addr = g_inet_address_new_from_string (host);

      if (addr == NULL || g_inet_address_get_family (addr) != G_SOCKET_FAMILY_IPV6
          || strchr (host, '%') != NULL)
        {
          g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                       _("\"%.40s\": not an IPv6 address in brackets"), text);
          return NULL;
        }
      return g_strdup_printf ("[%s]:%u", host, (guint) port);
    }

  ascii = g_hostname_to_ascii (host);
  if (ascii != NULL)
    {
      char *lower = g_ascii_strdown (ascii, -1);
      g_free (ascii);
      ascii = lower;
    }
  if (ascii == NULL || !host_is_valid_ascii (ascii))
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
                   _("\"%.40s\": not a valid host name"), text);
      return NULL;
    }

  return g_strdup_printf ("%s:%u", ascii, (guint) port);
}
