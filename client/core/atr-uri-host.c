/* atr-uri-host.c — strict checks for host names, ports and values that come from links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules come from real incidents: a host or value that starts with '-' becomes an
 * option once anything hands it to a command line (TeamViewer CVE-2020-13699), "user@host"
 * and backslashes make different parsers see different hosts, control characters split
 * protocol lines (FreeRDP writes loadbalanceinfo raw, CRLF-terminated, into the X.224
 * request), resolvers accept "127.1" and "0x7f000001" as addresses, and look-alike letters
 * from other scripts or look-alike symbols (U+2215 for '/') make a stranger's host read like
 * the tenant's: names go through atr_host_check() (IDNA2008 + UTS #39, atr-host-check.c).
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "atr-host-check.h"
#include "atr-uri-error.h"

#include "atr-uri-host.h"

/* Before IDN conversion: generous, but a bound on the work done for hostile input. */
#define HOST_INPUT_MAX_LENGTH 1024
#define LABEL_MAX_LENGTH 63

/* C0, DEL, C1, line/paragraph separators and format characters (zero-width, bidi overrides). */
static gboolean
is_control (gunichar c)
{
  GUnicodeType type;

  if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
    return TRUE;
  type = g_unichar_type (c);
  return type == G_UNICODE_CONTROL || type == G_UNICODE_FORMAT ||
         type == G_UNICODE_LINE_SEPARATOR || type == G_UNICODE_PARAGRAPH_SEPARATOR ||
         type == G_UNICODE_UNASSIGNED || type == G_UNICODE_SURROGATE ||
         type == G_UNICODE_PRIVATE_USE;
}

/* Checks shared by every text value: UTF-8, no control characters. */
static gboolean
check_characters (const char  *key,
                  const char  *value,
                  GError     **error)
{
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "%s: not valid UTF-8 after decoding", key);
      return FALSE;
    }
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    if (is_control (g_utf8_get_char (p)))
      {
        g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                     "%s: contains a control or invisible character", key);
        return FALSE;
      }
  return TRUE;
}

/**
 * atr_uri_value_check:
 * @key: the parameter name, for messages
 * @value: the decoded value
 * @max_length: the limit in bytes
 *
 * The rules for user names, resource aliases and other text that ends up in settings:
 * non-empty, valid UTF-8, no control or invisible characters, no leading '-' (option
 * injection), no '%' (a value still percent-encoded after the one decoding is double
 * encoding), not longer than @max_length. The value is never quoted in the error.
 */
gboolean
atr_uri_value_check (const char  *key,
                     const char  *value,
                     gsize        max_length,
                     GError     **error)
{
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*value == '\0')
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_VALUE, "%s: empty value", key);
      return FALSE;
    }
  if (strlen (value) > max_length)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_TOO_LONG,
                   "%s: value over the %" G_GSIZE_FORMAT "-byte limit", key, max_length);
      return FALSE;
    }
  if (!check_characters (key, value, error))
    return FALSE;
  if (value[0] == '-')
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_VALUE,
                   "%s: value starts with '-' (option injection)", key);
      return FALSE;
    }
  if (strchr (value, '%') != NULL)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_VALUE,
                   "%s: value contains '%%' after decoding (double percent-encoding)", key);
      return FALSE;
    }
  return TRUE;
}

/**
 * atr_uri_port_parse:
 *
 * Decimal digits only (no sign, no spaces, at most five), 1–65535.
 */
gboolean
atr_uri_port_parse (const char  *key,
                    const char  *text,
                    guint       *port,
                    GError     **error)
{
  guint value = 0;
  gsize len;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (port != NULL, FALSE);

  len = strlen (text);
  if (len == 0 || len > 5)
    goto bad;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        goto bad;
      value = value * 10 + (guint) (text[i] - '0');
    }
  if (value < 1 || value > 65535)
    goto bad;
  *port = value;
  return TRUE;

bad:
  g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_PORT,
               "%s: the port must be a number from 1 to 65535", key);
  return FALSE;
}

/**
 * atr_uri_key_is_secret:
 *
 * TRUE for parameter or attribute names that carry credentials in any spelling:
 * Password, EncPass, pwd, passwd, "password 51", "clear password", gatewayaccesstoken,
 * tokens, secrets, cookies. Case, spaces, '_', '-' and '.' are ignored.
 */
gboolean
atr_uri_key_is_secret (const char *key)
{
  static const char * const parts[] = {
    "password", "passwd", "passphrase", "encpass", "pwd", "token", "secret", "cookie",
    "aspxauth", "credential",
  };
  static const char * const whole[] = { "pass", "pw", "pin", "auth" };
  g_autoptr(GString) folded = NULL;

  g_return_val_if_fail (key != NULL, FALSE);

  folded = g_string_new (NULL);
  for (const char *p = key; *p != '\0'; p++)
    if (*p != ' ' && *p != '_' && *p != '-' && *p != '.')
      g_string_append_c (folded, g_ascii_tolower (*p));

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (strstr (folded->str, parts[i]) != NULL)
      return TRUE;
  for (gsize i = 0; i < G_N_ELEMENTS (whole); i++)
    if (strcmp (folded->str, whole[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_numeric_label (const char *label,
                  gsize       len)
{
  gsize i = 0;

  if (len >= 2 && label[0] == '0' && (label[1] == 'x' || label[1] == 'X'))
    {
      for (i = 2; i < len; i++)
        if (!g_ascii_isxdigit (label[i]))
          return FALSE;
      return TRUE;
    }
  for (i = 0; i < len; i++)
    if (!g_ascii_isdigit (label[i]))
      return FALSE;
  return TRUE;
}

/* The ASCII (A-label) form must be plain LDH labels whatever the IDN step produced:
 * NFKC turns a fullwidth '－' into '-' and '＠' into '@'. */
static gboolean
check_ascii_name (const char  *key,
                  const char  *ascii,
                  GError     **error)
{
  g_auto(GStrv) labels = NULL;
  guint n;

  if (*ascii == '\0' || strlen (ascii) > ATR_URI_HOST_MAX_LENGTH)
    {
      g_set_error (error, ATR_URI_ERROR, *ascii == '\0' ? ATR_URI_ERROR_BAD_HOST
                                                       : ATR_URI_ERROR_TOO_LONG,
                   "%s: host name is empty or over %d characters", key,
                   ATR_URI_HOST_MAX_LENGTH);
      return FALSE;
    }
  labels = g_strsplit (ascii, ".", -1);
  n = g_strv_length (labels);
  for (guint i = 0; i < n; i++)
    {
      gsize len = strlen (labels[i]);

      if (len == 0 || len > LABEL_MAX_LENGTH)
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                       "%s: host name has an empty or over-long label", key);
          return FALSE;
        }
      for (gsize j = 0; j < len; j++)
        if (!g_ascii_isalnum (labels[i][j]) && labels[i][j] != '-')
          {
            g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                         "%s: host name contains a character other than letters, digits, "
                         "'-' and '.' after IDN normalisation", key);
            return FALSE;
          }
      if (labels[i][0] == '-' || labels[i][len - 1] == '-')
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                       "%s: a host name label starts or ends with '-'", key);
          return FALSE;
        }
    }
  if (is_numeric_label (labels[n - 1], strlen (labels[n - 1])))
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                   "%s: host looks like a numeric address but is not a valid IP address", key);
      return FALSE;
    }
  return TRUE;
}

/* Splits "host", "host:port", "[v6]" and "[v6]:port"; *@bracketed says which. */
static gboolean
split_host_port (const char       *key,
                 const char       *input,
                 AtrUriHostFlags   flags,
                 char            **host,
                 char            **port_text,
                 gboolean         *bracketed,
                 GError          **error)
{
  const char *colon;

  *bracketed = FALSE;
  if (input[0] == '[')
    {
      const char *close = strchr (input, ']');

      if (close == NULL)
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                       "%s: '[' without a closing ']'", key);
          return FALSE;
        }
      if (close[1] != '\0' && !(close[1] == ':' && (flags & ATR_URI_HOST_ALLOW_PORT)))
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                       "%s: unexpected text after ']'", key);
          return FALSE;
        }
      *bracketed = TRUE;
      *host = g_strndup (input + 1, (gsize) (close - input - 1));
      *port_text = close[1] == ':' ? g_strdup (close + 2) : NULL;
      return TRUE;
    }

  if (strchr (input, ']') != NULL)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST, "%s: ']' without '['", key);
      return FALSE;
    }
  colon = strchr (input, ':');
  if (colon == NULL)
    {
      *host = g_strdup (input);
      *port_text = NULL;
      return TRUE;
    }
  if (strchr (colon + 1, ':') != NULL)
    {
      /* A bare IPv6 address: only where no port can follow. */
      if ((flags & ATR_URI_HOST_ALLOW_PORT) == 0 && (flags & ATR_URI_HOST_ALLOW_IP) != 0)
        {
          *host = g_strdup (input);
          *port_text = NULL;
          return TRUE;
        }
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                   "%s: an IPv6 address must be written in brackets", key);
      return FALSE;
    }
  if ((flags & ATR_URI_HOST_ALLOW_PORT) == 0)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                   "%s: ':' is not allowed in a host name here (the port has its own field)",
                   key);
      return FALSE;
    }
  *host = g_strndup (input, (gsize) (colon - input));
  *port_text = g_strdup (colon + 1);
  return TRUE;
}

/* Characters refused before any IDN processing, with a reason each. */
static gboolean
check_raw_host (const char  *key,
                const char  *input,
                GError     **error)
{
  const char *reason = NULL;

  if (!check_characters (key, input, error))
    return FALSE;
  if (input[0] == '-')
    reason = "starts with '-' (option injection)";
  else if (strchr (input, '@') != NULL)
    reason = "contains '@' (user information is never accepted in a host)";
  else if (strchr (input, '\\') != NULL)
    reason = "contains a backslash";
  else if (strchr (input, '%') != NULL)
    reason = "contains '%' after decoding (double percent-encoding or a zone index)";
  else if (strpbrk (input, " \t") != NULL)
    reason = "contains a space";
  else
    for (const char *p = input; *p != '\0'; p++)
      if ((guchar) *p < 0x80 && !g_ascii_isalnum (*p) && strchr ("-.:[]", *p) == NULL)
        {
          reason = "contains a character that is not allowed in host names";
          break;
        }

  if (reason != NULL)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST, "%s: host %s", key, reason);
      return FALSE;
    }
  return TRUE;
}

/**
 * atr_uri_host_normalize:
 * @key: the parameter name, for messages
 * @input: the decoded host (with a port when @flags allow it)
 * @flags: what may appear besides a DNS name
 * @ascii: (out): the ASCII form to connect to (lower case, IDN as "xn--", IPv6 without
 *   brackets)
 * @display: (out) (optional): the form to show the user (Unicode for IDN)
 * @port: (out) (optional): the port, 0 when none was given
 * @warnings: (element-type utf8) (nullable): receives internationalised-name and look-alike
 *   warnings
 *
 * The strict host rules: see the file comment. Returns FALSE with an ATR_URI_ERROR that
 * names @key and the rule broken.
 */
gboolean
atr_uri_host_normalize (const char       *key,
                        const char       *input,
                        AtrUriHostFlags   flags,
                        char            **ascii,
                        char            **display,
                        guint            *port,
                        GPtrArray        *warnings,
                        GError          **error)
{
  g_autofree char *host = NULL;
  g_autofree char *port_text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *unicode = NULL;
  g_autoptr(GPtrArray) found = NULL;
  gboolean bracketed = FALSE;
  guint port_value = 0;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (ascii != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*input == '\0')
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST, "%s: empty host", key);
      return FALSE;
    }
  if (strlen (input) > HOST_INPUT_MAX_LENGTH)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_TOO_LONG,
                   "%s: host over %d bytes", key, HOST_INPUT_MAX_LENGTH);
      return FALSE;
    }
  if (!check_raw_host (key, input, error))
    return FALSE;
  if (!split_host_port (key, input, flags, &host, &port_text, &bracketed, error))
    return FALSE;
  if (port_text != NULL && !atr_uri_port_parse (key, port_text, &port_value, error))
    return FALSE;
  if (*host == '\0')
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST, "%s: empty host", key);
      return FALSE;
    }

  if (bracketed || strchr (host, ':') != NULL || g_hostname_is_ip_address (host))
    {
      g_autoptr(GInetAddress) address = g_inet_address_new_from_string (host);

      if (address == NULL || (bracketed && g_inet_address_get_family (address) != G_SOCKET_FAMILY_IPV6) ||
          !g_hostname_is_ip_address (host))
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                       bracketed ? "%s: not an IPv6 address inside the brackets"
                                 : "%s: not a valid IP address", key);
          return FALSE;
        }
      if ((flags & ATR_URI_HOST_ALLOW_IP) == 0)
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                       "%s: an IP address is not accepted here, only a domain name", key);
          return FALSE;
        }
      *ascii = g_inet_address_to_string (address);
      if (display != NULL)
        *display = g_strdup (*ascii);
      if (port != NULL)
        *port = port_value;
      return TRUE;
    }

  /* IDNA2008/UTS #46 and the UTS #39 look-alike rules: atr-host-check.c. */
  found = g_ptr_array_new_with_free_func (g_free);
  if (!atr_host_check (key, host, &name, &unicode, found, error))
    return FALSE;
  if (!check_ascii_name (key, name, error))
    return FALSE;
  if (!check_characters (key, unicode, error))
    return FALSE;
  for (guint i = 0; warnings != NULL && i < found->len; i++)
    g_ptr_array_add (warnings, g_strdup (g_ptr_array_index (found, i)));

  *ascii = g_steal_pointer (&name);
  if (display != NULL)
    *display = g_steal_pointer (&unicode);
  if (port != NULL)
    *port = port_value;
  return TRUE;
}

/**
 * atr_uri_host_canonical:
 *
 * The form hosts are compared in (for enrolled-host lists): lower-case ASCII, IDN as
 * "xn--", no trailing dot, IPv6 without brackets. NULL when @host is not a host.
 */
char *
atr_uri_host_canonical (const char *host)
{
  char *ascii = NULL;

  g_return_val_if_fail (host != NULL, NULL);

  if (!atr_uri_host_normalize ("host", host, ATR_URI_HOST_ALLOW_IP, &ascii, NULL, NULL, NULL,
                               NULL))
    return NULL;
  return ascii;
}
