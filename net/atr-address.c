/* atr-address.c — what the user typed (URL, e-mail or domain) and how it leads to a feed URL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-host-check.h"
#include "atr-net-error.h"
#include "atr-address.h"

#define MAX_HOST_LEN  253
#define MAX_LABEL_LEN 63
#define MAX_LOCAL_LEN 64
#define MAX_TXT_LEN   2048

struct _AtrAddress
{
  GObject         parent_instance;

  AtrAddressKind  kind;
  char           *domain;
  char           *display_domain;
  guint16         port;
  gboolean        is_ip;
  char           *feed_url;
};

G_DEFINE_FINAL_TYPE (AtrAddress, atr_address, G_TYPE_OBJECT)

static void
atr_address_finalize (GObject *object)
{
  AtrAddress *self = ATR_ADDRESS (object);

  g_free (self->domain);
  g_free (self->display_domain);
  g_free (self->feed_url);

  G_OBJECT_CLASS (atr_address_parent_class)->finalize (object);
}

static void
atr_address_class_init (AtrAddressClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_address_finalize;
}

static void
atr_address_init (AtrAddress *self)
{
}

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS, message);
  return FALSE;
}

/* For messages: the input cut short and with control characters made visible. */
static char *
printable (const char *s)
{
  g_autofree char *cut = NULL;

  if (!g_utf8_validate (s, -1, NULL))
    return g_strdup ("(not UTF-8)");
  cut = g_utf8_substring (s, 0, MIN (g_utf8_strlen (s, -1), 80));
  char high[129];

  /* Keep UTF-8 as it is; escape only control characters, quotes and backslashes. */
  for (int i = 0; i < 128; i++)
    high[i] = (char) (0x80 + i);
  high[128] = '\0';
  return g_strescape (cut, high);
}

/* A port: 1–65535, digits only. */
static gboolean
parse_port (const char  *s,
            guint16     *port,
            const char  *what,
            GError     **error)
{
  guint64 value = 0;

  if (*s == '\0')
    return invalid (error, _("empty port in “%s”"), what);
  for (const char *p = s; *p; p++)
    {
      if (!g_ascii_isdigit (*p))
        return invalid (error, _("port “%s” in “%s” is not a number"), s, what);
      value = value * 10 + (guint64) (*p - '0');
      if (value > 65535)
        return invalid (error, _("port %s in “%s” is out of range (1–65535)"), s, what);
    }
  if (value == 0)
    return invalid (error, _("port 0 in “%s” is out of range (1–65535)"), what);
  *port = (guint16) value;
  return TRUE;
}

/* Normalise a DNS host name: IDN → ASCII with the same IDNA2008 and look-alike rules as links
 * (atr_host_check(): U+2215 posing as '/', mixed scripts, whole-script look-alikes and
 * invisible characters are refused), lower case, one trailing dot dropped, then LDH rules per
 * label; "xn--" labels typed in ASCII get the same look-alike check. IP literals are returned
 * canonical with *is_ip set; @bracketed says the caller saw "[…]" (IPv6 only). */
static char *
normalise_host (const char  *host,
                gboolean     bracketed,
                gboolean    *is_ip,
                const char  *what,
                GError     **error)
{
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;
  g_auto(GStrv) labels = NULL;
  gsize len;

  *is_ip = FALSE;

  if (host == NULL || *host == '\0')
    {
      invalid (error, _("no host name in “%s”"), what);
      return NULL;
    }

  if (g_hostname_is_ip_address (host))
    {
      g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (host);

      if (inet == NULL)
        {
          invalid (error, _("“%s” in “%s” is not a usable IP address"), host, what);
          return NULL;
        }
      if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV6 && !bracketed)
        {
          invalid (error, _("IPv6 address %s in “%s” must be written in brackets, like [%s]"),
                   host, what, host);
          return NULL;
        }
      if (g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV4 && bracketed)
        {
          invalid (error, _("only IPv6 addresses go in brackets in “%s”"), what);
          return NULL;
        }
      *is_ip = TRUE;
      return g_inet_address_to_string (inet);
    }
  if (bracketed)
    {
      invalid (error, _("“[%s]” in “%s” is not an IPv6 address"), host, what);
      return NULL;
    }

  if (host[0] == '-')
    {
      invalid (error, _("host name “%s” in “%s” starts with “-”"), host, what);
      return NULL;
    }

  if (!g_str_is_ascii (host))
    {
      g_autoptr(GError) local = NULL;

      if (!atr_host_check ("host name", host, &ascii, NULL, NULL, &local))
        {
          invalid (error, _("“%s” in “%s” is not an acceptable host name (%s)"), host, what,
                   local->message);
          return NULL;
        }
    }
  else
    ascii = g_strdup (host);
  lower = g_ascii_strdown (ascii, -1);
  len = strlen (lower);
  if (len > 0 && lower[len - 1] == '.')
    lower[--len] = '\0';
  if (len == 0)
    {
      invalid (error, _("no host name in “%s”"), what);
      return NULL;
    }
  if (len > MAX_HOST_LEN)
    {
      invalid (error, _("host name in “%s” is longer than %d characters"), what, MAX_HOST_LEN);
      return NULL;
    }

  labels = g_strsplit (lower, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *label = labels[i];
      gsize label_len = strlen (label);

      if (label_len == 0)
        {
          invalid (error, _("host name “%s” in “%s” has an empty label"), lower, what);
          return NULL;
        }
      if (label_len > MAX_LABEL_LEN)
        {
          invalid (error, _("host name “%s” in “%s” has a label longer than %d characters"),
                   lower, what, MAX_LABEL_LEN);
          return NULL;
        }
      if (label[0] == '-' || label[label_len - 1] == '-')
        {
          invalid (error, _("label “%s” of host name in “%s” starts or ends with “-”"), label, what);
          return NULL;
        }
      for (const char *p = label; *p; p++)
        if (!g_ascii_isalnum (*p) && *p != '-')
          {
            invalid (error, _("host name “%s” in “%s” contains “%c”"), lower, what, *p);
            return NULL;
          }
    }

  if (strstr (lower, "xn--") != NULL)
    {
      g_autoptr(GError) local = NULL;
      g_autofree char *checked = NULL;

      if (!atr_host_check ("host name", lower, &checked, NULL, NULL, &local))
        {
          invalid (error, _("“%s” in “%s” is not an acceptable host name (%s)"), lower, what,
                   local->message);
          return NULL;
        }
    }

  return g_steal_pointer (&lower);
}

/* "host[:port]" or "[v6][:port]" */
static gboolean
parse_host_port (const char  *s,
                 const char  *what,
                 char       **host_out,
                 guint16     *port_out,
                 gboolean    *is_ip,
                 GError     **error)
{
  g_autofree char *host = NULL;
  const char *port = NULL;
  gboolean bracketed = FALSE;

  *port_out = 0;

  if (s[0] == '[')
    {
      const char *close = strchr (s, ']');

      if (close == NULL)
        return invalid (error, _("missing “]” in “%s”"), what);
      host = g_strndup (s + 1, close - s - 1);
      bracketed = TRUE;
      if (close[1] == ':')
        port = close + 2;
      else if (close[1] != '\0')
        return invalid (error, _("unexpected “%s” after “]” in “%s”"), close + 1, what);
    }
  else
    {
      const char *colon = strchr (s, ':');

      if (colon != NULL && strchr (colon + 1, ':') != NULL)
        return invalid (error, _("too many “:” in “%s” (IPv6 addresses go in brackets)"), what);
      if (colon != NULL)
        {
          host = g_strndup (s, colon - s);
          port = colon + 1;
        }
      else
        host = g_strdup (s);
    }

  if (port != NULL && !parse_port (port, port_out, what, error))
    return FALSE;

  *host_out = normalise_host (host, bracketed, is_ip, what, error);
  return *host_out != NULL;
}

static char *
build_url (const char *host,
           gboolean    is_ip,
           guint16     port,
           const char *path,
           const char *query,
           const char *fragment)
{
  g_autofree char *authority_host = NULL;
  GString *url = g_string_new ("https://");

  if (is_ip && strchr (host, ':') != NULL)
    g_string_append_printf (url, "[%s]", host);
  else
    g_string_append (url, host);
  if (port != 0 && port != 443)
    g_string_append_printf (url, ":%u", port);
  g_string_append (url, path != NULL && *path != '\0' ? path : "/");
  if (query != NULL)
    g_string_append_printf (url, "?%s", query);
  if (fragment != NULL)
    g_string_append_printf (url, "#%s", fragment);
  return g_string_free (url, FALSE);
}

/* An https URL: normalised, or NULL with an error naming what is wrong. */
static char *
normalise_url (const char  *url,
               const char  *what,
               char       **host_out,
               guint16     *port_out,
               gboolean    *is_ip_out,
               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *host = NULL;
  g_autofree char *scheme = NULL;
  const char *colon = strstr (url, "://");
  const char *raw_host;
  gboolean bracketed;
  gboolean is_ip;
  int port;

  scheme = g_ascii_strdown (url, colon != NULL ? colon - url : -1);
  if (colon == NULL || !g_str_equal (scheme, "https"))
    {
      if (g_str_equal (scheme, "http"))
        invalid (error, _("“%s” uses http://: only https:// URLs are accepted"), what);
      else
        invalid (error, _("“%s” is not an https:// URL"), what);
      return NULL;
    }

  /* NON_DNS: GUri would otherwise apply GLib's IDN conversion, which drops zero-width
   * joiners and maps U+FE52 to '.' before normalise_host() could see them. */
  uri = g_uri_parse (url, G_URI_FLAGS_NON_DNS, &local_error);
  if (uri == NULL)
    {
      invalid (error, _("“%s” is not a valid URL: %s"), what, local_error->message);
      return NULL;
    }
  if (g_uri_get_userinfo (uri) != NULL)
    {
      invalid (error, _("“%s” carries a user name or password; those never go in URLs"), what);
      return NULL;
    }

  raw_host = g_uri_get_host (uri);
  if (raw_host == NULL || *raw_host == '\0')
    {
      invalid (error, _("no host name in “%s”"), what);
      return NULL;
    }
  /* GUri strips the brackets of IPv6 literals; tell them apart by the ':'. */
  bracketed = strchr (raw_host, ':') != NULL;
  host = normalise_host (raw_host, bracketed, &is_ip, what, error);
  if (host == NULL)
    return NULL;

  port = g_uri_get_port (uri);
  if (port == 0 || port > 65535)
    {
      invalid (error, _("port %d in “%s” is out of range (1–65535)"), port, what);
      return NULL;
    }

  if (host_out != NULL)
    *host_out = g_strdup (host);
  if (port_out != NULL)
    *port_out = port > 0 ? (guint16) port : 0;
  if (is_ip_out != NULL)
    *is_ip_out = is_ip;

  return build_url (host, is_ip, port > 0 ? (guint16) port : 0, g_uri_get_path (uri),
                    g_uri_get_query (uri), g_uri_get_fragment (uri));
}

static gboolean
check_characters (const char  *input,
                  const char  *what,
                  GError     **error)
{
  for (const char *p = input; *p; p++)
    {
      if (g_ascii_iscntrl (*p))
        return invalid (error, _("“%s” contains a control character"), what);
      if (*p == ' ')
        return invalid (error, _("“%s” contains a space"), what);
    }
  return TRUE;
}

AtrAddress *
atr_address_parse (const char  *input,
                   GError     **error)
{
  g_autoptr(AtrAddress) self = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *what = NULL;
  const char *at;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strlen (input) > ATR_ADDRESS_MAX_INPUT)
    {
      invalid (error, _("the address is longer than %d bytes"), ATR_ADDRESS_MAX_INPUT);
      return NULL;
    }
  if (!g_utf8_validate (input, -1, NULL))
    {
      invalid (error, _("the address is not valid UTF-8"));
      return NULL;
    }

  trimmed = g_strstrip (g_strdup (input));
  what = printable (trimmed);
  if (*trimmed == '\0')
    {
      invalid (error, _("the address is empty"));
      return NULL;
    }
  if (!check_characters (trimmed, what, error))
    return NULL;
  if (trimmed[0] == '-')
    {
      invalid (error, _("“%s” starts with “-”"), what);
      return NULL;
    }

  self = g_object_new (ATR_TYPE_ADDRESS, NULL);

  if (strstr (trimmed, "://") != NULL || g_ascii_strncasecmp (trimmed, "http:", 5) == 0 ||
      g_ascii_strncasecmp (trimmed, "https:", 6) == 0)
    {
      self->kind = ATR_ADDRESS_KIND_URL;
      self->feed_url = normalise_url (trimmed, what, &self->domain, &self->port, &self->is_ip,
                                      error);
      if (self->feed_url == NULL)
        return NULL;
      return g_steal_pointer (&self);
    }

  at = strchr (trimmed, '@');
  if (at != NULL)
    {
      gboolean is_ip;

      if (strchr (at + 1, '@') != NULL)
        {
          invalid (error, _("“%s” has more than one “@”"), what);
          return NULL;
        }
      if (at == trimmed)
        {
          invalid (error, _("“%s” has nothing before the “@”"), what);
          return NULL;
        }
      if (at - trimmed > MAX_LOCAL_LEN)
        {
          invalid (error, _("the user part of “%s” is longer than %d characters"), what,
                   MAX_LOCAL_LEN);
          return NULL;
        }
      if (strchr (at + 1, ':') != NULL || at[1] == '[')
        {
          invalid (error, _("an e-mail address cannot name a port or IP address (“%s”)"), what);
          return NULL;
        }
      self->kind = ATR_ADDRESS_KIND_EMAIL;
      self->domain = normalise_host (at + 1, FALSE, &is_ip, what, error);
      if (self->domain == NULL)
        return NULL;
      if (is_ip)
        {
          invalid (error, _("an e-mail address cannot name an IP address (“%s”)"), what);
          return NULL;
        }
      return g_steal_pointer (&self);
    }

  if (strchr (trimmed, '/') != NULL || strchr (trimmed, '?') != NULL ||
      strchr (trimmed, '#') != NULL)
    {
      invalid (error, _("“%s” has a path but no https:// in front"), what);
      return NULL;
    }

  self->kind = ATR_ADDRESS_KIND_DOMAIN;
  if (!parse_host_port (trimmed, what, &self->domain, &self->port, &self->is_ip, error))
    return NULL;

  return g_steal_pointer (&self);
}

AtrAddressKind
atr_address_get_kind (AtrAddress *self)
{
  g_return_val_if_fail (ATR_IS_ADDRESS (self), ATR_ADDRESS_KIND_DOMAIN);

  return self->kind;
}

const char *
atr_address_kind_to_string (AtrAddressKind kind)
{
  switch (kind)
    {
    case ATR_ADDRESS_KIND_URL:
      return "url";
    case ATR_ADDRESS_KIND_EMAIL:
      return "email";
    case ATR_ADDRESS_KIND_DOMAIN:
      return "domain";
    default:
      return "unknown";
    }
}

const char *
atr_address_get_domain (AtrAddress *self)
{
  g_return_val_if_fail (ATR_IS_ADDRESS (self), NULL);

  return self->domain;
}

/**
 * atr_address_get_display_domain:
 *
 * The domain as the user should read it: Unicode for an internationalised name (its ASCII
 * form is atr_address_get_domain()), the same text otherwise.
 */
const char *
atr_address_get_display_domain (AtrAddress *self)
{
  g_return_val_if_fail (ATR_IS_ADDRESS (self), NULL);

  if (self->display_domain == NULL)
    self->display_domain = self->is_ip ? g_strdup (self->domain)
                                       : atr_host_check_to_display (self->domain);
  return self->display_domain;
}

guint16
atr_address_get_port (AtrAddress *self)
{
  g_return_val_if_fail (ATR_IS_ADDRESS (self), 0);

  return self->port;
}

gboolean
atr_address_is_ip (AtrAddress *self)
{
  g_return_val_if_fail (ATR_IS_ADDRESS (self), FALSE);

  return self->is_ip;
}

const char *
atr_address_get_feed_url (AtrAddress *self)
{
  g_return_val_if_fail (ATR_IS_ADDRESS (self), NULL);

  return self->feed_url;
}

char *
atr_address_get_default_feed_url (AtrAddress *self)
{
  g_return_val_if_fail (ATR_IS_ADDRESS (self), NULL);

  return build_url (self->domain, self->is_ip, self->port, ATR_ADDRESS_FEED_PATH, NULL, NULL);
}

const char *
atr_address_found_by_to_string (AtrAddressFoundBy found_by)
{
  switch (found_by)
    {
    case ATR_ADDRESS_FOUND_URL:
      return "url";
    case ATR_ADDRESS_FOUND_DNS_TXT:
      return "dns-txt";
    case ATR_ADDRESS_FOUND_DEFAULT_PATH:
      return "default-path";
    default:
      return "unknown";
    }
}

char *
atr_address_feed_url_from_txt (const char *const *strings,
                               GError           **error)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  g_autofree char *what = NULL;
  g_autofree char *url = NULL;

  g_return_val_if_fail (strings != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; strings[i] != NULL; i++)
    {
      g_string_append (joined, strings[i]);
      if (joined->len > MAX_TXT_LEN)
        {
          invalid (error, _("TXT record is longer than %d bytes"), MAX_TXT_LEN);
          return NULL;
        }
    }
  if (joined->len == 0)
    {
      invalid (error, _("TXT record is empty"));
      return NULL;
    }
  if (!g_utf8_validate (joined->str, joined->len, NULL))
    {
      invalid (error, _("TXT record is not valid UTF-8"));
      return NULL;
    }
  what = printable (joined->str);
  for (gsize i = 0; i < joined->len; i++)
    if (g_ascii_iscntrl (joined->str[i]) || joined->str[i] == ' ')
      {
        invalid (error, _("TXT record “%s” contains a space or control character"), what);
        return NULL;
      }

  url = normalise_url (joined->str, what, NULL, NULL, NULL, error);
  if (url == NULL)
    {
      g_prefix_error (error, _("TXT record: "));
      return NULL;
    }
  return g_steal_pointer (&url);
}
