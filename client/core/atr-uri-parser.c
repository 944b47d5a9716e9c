/* atr-uri-parser.c — connection links to launch requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry point, atr_uri_parse(), for every form Atrium accepts (FORMATS.md §4):
 *
 *   atrium://connect?tenant=<domain>[&resource=<alias>][&user=<upn>]
 *   atrium://subscribe?tenant=<domain>
 *   rdp://full%20address=s:host:3389&audiomode=i:2            (see atr-uri-rdp.c)
 *   ms-rd:subscribe?url=<https feed URL>
 *   ms-rd:                                   (documented: opens the client, nothing else)
 *   tuxclient:///?Command=LaunchApp&Server=host[:port]&Port=…&AppID=[…]&MultiID=…&LoginEx=…
 *             &UserName=[…]&ConnType=0|2&Alias=…&Save=Yes|No&ConnMode=0..3
 *             &Backup=host[:port][,host[:port]…]
 *   tuxclient:///?Command=GetVersion | LogOff | Get2xa&Server=…   (prlclient: the same)
 *
 * The rules, in the order they apply:
 * - the raw link: not empty, at most ATR_URI_MAX_LENGTH bytes, valid UTF-8, no raw control
 *   characters, a known scheme (file:, javascript:, data:, http:, https: … are refused);
 * - parameters are split on '&' and '=' first, then key and value are percent-decoded
 *   exactly once (so "%26" stays inside a value and "%252d" stays "%2d", which the value
 *   checks then refuse); a decoded NUL is refused;
 * - before anything else is judged, any key that names a secret (Password, EncPass, pwd,
 *   "password 51", gatewayaccesstoken … in any case) refuses the whole link;
 * - duplicate and unknown keys are refused (no parameter pollution);
 * - hosts pass atr_uri_host_normalize(), other values atr_uri_value_check().
 *
 * The result is data only: nothing here, and nothing that consumes a launch request, passes
 * any part of a link to a shell or into an argv.
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <string.h>

#include "atr-rdp-key.h"
#include "atr-uri-host.h"

#include "atr-uri-parser-private.h"

#define FEED_URL_MAX_LENGTH 2048
#define NAME_MAX_PRINTABLE 48

G_DEFINE_QUARK (atr-uri-error-quark, atr_uri_error)

static void
param_free (gpointer data)
{
  AtrUriParam *param = data;

  g_free (param->name);
  g_free (param->key);
  if (param->value != NULL)
    {
      /* values can be anything the link carried: do not leave them in freed memory */
      memset (param->value, 0, strlen (param->value));
      g_free (param->value);
    }
  g_free (param);
}

/**
 * _atr_uri_printable:
 *
 * @name itself when it is short printable ASCII (so it can be named in a message), a
 * placeholder otherwise.
 */
const char *
_atr_uri_printable (const char *name)
{
  gsize len = strlen (name);

  if (len == 0)
    return "(empty name)";
  if (len > NAME_MAX_PRINTABLE)
    return "(over-long name)";
  for (gsize i = 0; i < len; i++)
    if ((guchar) name[i] < 0x20 || (guchar) name[i] > 0x7E || name[i] == '\'')
      return "(unprintable name)";
  return name;
}

/* Percent-decodes @len bytes of @text exactly once. A decoded NUL or a malformed escape is
 * an error; the result is NUL-terminated. */
static char *
decode_once (const char  *scheme,
             const char  *what,
             const char  *text,
             gsize        len,
             GError     **error)
{
  g_autoptr(GString) out = g_string_sized_new (len);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] != '%')
        {
          g_string_append_c (out, text[i]);
          continue;
        }
      if (i + 2 < len && g_ascii_isxdigit (text[i + 1]) && g_ascii_isxdigit (text[i + 2]))
        {
          char c = (char) ((g_ascii_xdigit_value (text[i + 1]) << 4) |
                           g_ascii_xdigit_value (text[i + 2]));
          if (c == '\0')
            {
              g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                           "%s: %s contains an encoded NUL (%%00)", scheme, what);
              return NULL;
            }
          g_string_append_c (out, c);
          i += 2;
          continue;
        }
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "%s: %s has a malformed percent-encoding", scheme, what);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * _atr_uri_split_params:
 * @scheme: for messages ("atrium", "rdp", …)
 * @text: "k=v&k=v…" (raw, still encoded)
 *
 * Splits, decodes keys, refuses secret keys (before anything else about the link is
 * judged), puts each key in the canonical form of atr_rdp_key_canonical() (blanks at the
 * ends removed, inner blanks collapsed, case folded: the form the .rdp filter and FreeRDP
 * read), refuses duplicates in that form, then decodes the values.
 *
 * Returns: (element-type AtrUriParam): the parameters in link order.
 */
GPtrArray *
_atr_uri_split_params (const char  *scheme,
                       const char  *text,
                       GError     **error)
{
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (param_free);
  g_auto(GStrv) pieces = NULL;

  g_return_val_if_fail (scheme != NULL && text != NULL, NULL);

  pieces = g_strsplit (text, "&", -1);

  /* keys first: a secret anywhere refuses the whole link, whatever else is wrong with it */
  for (guint i = 0; pieces[i] != NULL; i++)
    {
      const char *eq = strchr (pieces[i], '=');
      gsize key_len = eq != NULL ? (gsize) (eq - pieces[i]) : strlen (pieces[i]);
      AtrUriParam *param;

      if (pieces[i][0] == '\0')
        continue;  /* "a=1&&b=2", a trailing '&' */
      param = g_new0 (AtrUriParam, 1);
      g_ptr_array_add (params, param);
      param->key = decode_once (scheme, "a parameter name", pieces[i], key_len, error);
      if (param->key == NULL)
        return NULL;
      param->value = eq != NULL ? g_strdup (eq + 1) : NULL;  /* still encoded */
    }
  for (guint i = 0; i < params->len; i++)
    {
      AtrUriParam *param = g_ptr_array_index (params, i);

      if (atr_uri_key_is_secret (param->key))
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_SECRET,
                       "%s: the link carries a secret in '%s'; links with passwords or "
                       "tokens are refused whole", scheme, _atr_uri_printable (param->key));
          return NULL;
        }
    }
  for (guint i = 0; i < params->len; i++)
    {
      AtrUriParam *param = g_ptr_array_index (params, i);
      const char *name = _atr_uri_printable (param->key);
      g_autofree char *what = NULL;
      char *decoded;

      for (const char *p = param->key; *p != '\0'; p++)
        if ((guchar) *p < 0x20 || *p == 0x7F)
          {
            g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                         "%s: a parameter name contains a control character", scheme);
            return NULL;
          }
      param->name = g_steal_pointer (&param->key);
      param->key = atr_rdp_key_canonical (param->name);
      for (guint j = 0; j < i; j++)
        if (strcmp (((AtrUriParam *) g_ptr_array_index (params, j))->key, param->key) == 0)
          {
            g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_DUPLICATE,
                         "%s: '%s' is given more than once", scheme, name);
            return NULL;
          }
      if (param->value == NULL)
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                       "%s: '%s' has no value ('=' missing)", scheme, name);
          return NULL;
        }
      what = g_strdup_printf ("the value of '%s'", name);
      decoded = decode_once (scheme, what, param->value, strlen (param->value), error);
      if (decoded == NULL)
        return NULL;
      g_free (param->value);
      param->value = decoded;
    }
  return g_steal_pointer (&params);
}

gboolean
_atr_uri_take_host (const char       *scheme,
                    const char       *key,
                    const char       *value,
                    AtrUriHostFlags   flags,
                    char            **ascii,
                    char            **display,
                    guint            *port,
                    GPtrArray        *warnings,
                    GError          **error)
{
  g_autofree char *where = g_strdup_printf ("%s %s", scheme, key);

  return atr_uri_host_normalize (where, value, flags, ascii, display, port, warnings, error);
}

gboolean
_atr_uri_take_value (const char  *scheme,
                     const char  *key,
                     const char  *value,
                     gsize        max_length,
                     char       **out,
                     GError     **error)
{
  g_autofree char *where = g_strdup_printf ("%s %s", scheme, key);

  if (!atr_uri_value_check (where, value, max_length, error))
    return FALSE;
  *out = g_strdup (value);
  return TRUE;
}

gboolean
_atr_uri_unknown_parameter (const char   *scheme,
                            AtrUriParam  *param,
                            const char   *context,
                            GError      **error)
{
  g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_UNKNOWN_PARAMETER,
               "%s: unknown parameter '%s'%s", scheme, _atr_uri_printable (param->name),
               context);
  return FALSE;
}

gboolean
_atr_uri_missing (const char  *scheme,
                  const char  *key,
                  GError     **error)
{
  g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_MISSING,
               "%s: the required parameter '%s' is missing", scheme, key);
  return FALSE;
}

/* "//<authority>[/][?<query>]": returns the authority and the query (NULL if none). */
gboolean
_atr_uri_split_hierarchy (const char  *scheme,
                          const char  *rest,
                          gboolean     need_slashes,
                          char       **authority,
                          const char **query,
                          GError     **error)
{
  const char *end;

  if (g_str_has_prefix (rest, "//"))
    rest += 2;
  else if (need_slashes)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "%s: expected '//' after the scheme", scheme);
      return FALSE;
    }
  end = rest + strcspn (rest, "/?");
  *authority = g_strndup (rest, (gsize) (end - rest));
  if (*end == '/')
    end++;
  if (*end == '\0')
    *query = NULL;
  else if (*end == '?')
    *query = end + 1;
  else
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "%s: unexpected path in the link", scheme);
      return FALSE;
    }
  if (strchr (*authority, '@') != NULL)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "%s: user information ('@') in the link is never accepted", scheme);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_atrium (const char               *rest,
              AtrLaunchRequestBuilder  *b,
              GError                  **error)
{
  const char *scheme = "atrium";
  g_autofree char *action = NULL;
  g_autoptr(GPtrArray) params = NULL;
  const char *query = NULL;

  if (!_atr_uri_split_hierarchy (scheme, rest, TRUE, &action, &query, error))
    return FALSE;
  if (g_ascii_strcasecmp (action, "connect") == 0)
    b->action = ATR_LAUNCH_ACTION_CONNECT;
  else if (g_ascii_strcasecmp (action, "subscribe") == 0)
    b->action = ATR_LAUNCH_ACTION_SUBSCRIBE;
  else
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_UNKNOWN_ACTION,
                   "atrium: unknown action '%s' (connect and subscribe are accepted)",
                   _atr_uri_printable (action));
      return FALSE;
    }

  params = _atr_uri_split_params (scheme, query != NULL ? query : "", error);
  if (params == NULL)
    return FALSE;
  for (guint i = 0; i < params->len; i++)
    {
      AtrUriParam *p = g_ptr_array_index (params, i);

      if (g_ascii_strcasecmp (p->key, "tenant") == 0)
        {
          if (!_atr_uri_take_host (scheme, "tenant", p->value, ATR_URI_HOST_NAME_ONLY,
                                   &b->tenant, &b->display_tenant, NULL, b->warnings, error))
            return FALSE;
        }
      else if (b->action == ATR_LAUNCH_ACTION_CONNECT && g_ascii_strcasecmp (p->key, "resource") == 0)
        {
          if (!_atr_uri_take_value (scheme, "resource", p->value, ATR_URI_VALUE_MAX_LENGTH,
                                    &b->resource, error))
            return FALSE;
        }
      else if (b->action == ATR_LAUNCH_ACTION_CONNECT && g_ascii_strcasecmp (p->key, "user") == 0)
        {
          if (!_atr_uri_take_value (scheme, "user", p->value, ATR_URI_USER_MAX_LENGTH,
                                    &b->user, error))
            return FALSE;
        }
      else
        return _atr_uri_unknown_parameter (scheme, p, b->action == ATR_LAUNCH_ACTION_CONNECT
                                           ? " (connect takes tenant, resource and user)"
                                           : " (subscribe takes tenant)", error);
    }
  if (b->tenant == NULL)
    return _atr_uri_missing (scheme, "tenant", error);
  return TRUE;
}

/* An https feed URL: rebuilt with the checked ASCII host; its path and query are kept as
 * they are (still percent-encoded: they are not decoded a second time). */
static gboolean
take_feed_url (const char               *value,
               AtrLaunchRequestBuilder  *b,
               GError                  **error)
{
  const char *where = "ms-rd url";
  g_autofree char *authority = NULL;
  g_autofree char *host = NULL;
  const char *rest;
  guint port = 0;

  if (strlen (value) > FEED_URL_MAX_LENGTH)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_TOO_LONG,
                   "%s: over the %d-byte limit", where, FEED_URL_MAX_LENGTH);
      return FALSE;
    }
  if (g_ascii_strncasecmp (value, "https://", 8) != 0)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_UNSUPPORTED_SCHEME,
                   "%s: only https:// feed URLs are accepted", where);
      return FALSE;
    }
  rest = value + 8 + strcspn (value + 8, "/?#");
  authority = g_strndup (value + 8, (gsize) (rest - (value + 8)));
  if (!atr_uri_host_normalize (where, authority, ATR_URI_HOST_ALLOW_IP | ATR_URI_HOST_ALLOW_PORT,
                               &host, &b->display_tenant, &port, b->warnings, error))
    return FALSE;
  for (const char *p = rest; *p != '\0'; p++)
    {
      const char *reason = NULL;

      if ((guchar) *p <= 0x20 || *p == 0x7F)
        reason = "a space or control character";
      else if (*p == '\\')
        reason = "a backslash";
      else if (*p == '#')
        reason = "a fragment ('#')";
      else if (*p == '%' && !(g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2])))
        reason = "a malformed percent-encoding";
      if (reason != NULL)
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_VALUE,
                       "%s: the path of the feed URL contains %s", where, reason);
          return FALSE;
        }
    }

  {
    gboolean v6 = strchr (host, ':') != NULL;
    g_autofree char *port_text = port != 0 ? g_strdup_printf (":%u", port) : g_strdup ("");

    b->feed_url = g_strconcat ("https://", v6 ? "[" : "", host, v6 ? "]" : "", port_text,
                               *rest != '\0' ? rest : "/", NULL);
  }
  b->tenant = g_steal_pointer (&host);
  return TRUE;
}

static gboolean
parse_ms_rd (const char               *rest,
             AtrLaunchRequestBuilder  *b,
             GError                  **error)
{
  const char *scheme = "ms-rd";
  g_autofree char *action = NULL;
  g_autoptr(GPtrArray) params = NULL;
  const char *query = NULL;

  if (!_atr_uri_split_hierarchy (scheme, rest, FALSE, &action, &query, error))
    return FALSE;
  if (*action == '\0')
    {
      /* Microsoft's "Remote Desktop URI" page: ms-rd: without a command starts the client. */
      params = _atr_uri_split_params (scheme, query != NULL ? query : "", error);
      if (params == NULL)
        return FALSE;
      if (params->len > 0)
        return _atr_uri_unknown_parameter (scheme, g_ptr_array_index (params, 0),
                                           " ('ms-rd:' alone opens the client; subscribe "
                                           "takes url)", error);
      b->action = ATR_LAUNCH_ACTION_OPEN;
      return TRUE;
    }
  if (g_ascii_strcasecmp (action, "subscribe") != 0)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_UNKNOWN_ACTION,
                   "ms-rd: unknown action '%s' (subscribe is accepted, or no action to "
                   "open the client)", _atr_uri_printable (action));
      return FALSE;
    }
  b->action = ATR_LAUNCH_ACTION_SUBSCRIBE;
  params = _atr_uri_split_params (scheme, query != NULL ? query : "", error);
  if (params == NULL)
    return FALSE;
  for (guint i = 0; i < params->len; i++)
    {
      AtrUriParam *p = g_ptr_array_index (params, i);

      if (g_ascii_strcasecmp (p->key, "url") != 0)
        return _atr_uri_unknown_parameter (scheme, p, " (subscribe takes url)", error);
      if (!take_feed_url (p->value, b, error))
        return FALSE;
    }
  if (b->feed_url == NULL)
    return _atr_uri_missing (scheme, "url", error);
  return TRUE;
}

static const struct
{
  const char   *name;
  AtrUriScheme  scheme;
} schemes[] = {
  { "atrium", ATR_URI_SCHEME_ATRIUM },
  { "rdp", ATR_URI_SCHEME_RDP },
  { "ms-rd", ATR_URI_SCHEME_MS_RD },
  { "tuxclient", ATR_URI_SCHEME_TUXCLIENT },
  { "prlclient", ATR_URI_SCHEME_PRLCLIENT },
};

/* The raw-link rules that hold for every scheme. */
static gboolean
check_raw (const char  *uri,
           gsize        len,
           GError     **error)
{
  if (len == 0)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_EMPTY, "empty link");
      return FALSE;
    }
  if (len > ATR_URI_MAX_LENGTH)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_TOO_LONG,
                   "the link is %" G_GSIZE_FORMAT " bytes, over the %d-byte limit", len,
                   ATR_URI_MAX_LENGTH);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if ((guchar) uri[i] < 0x20 || uri[i] == 0x7F)
      {
        g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                     "the link contains a raw control character at byte %" G_GSIZE_FORMAT, i);
        return FALSE;
      }
  if (!g_utf8_validate (uri, (gssize) len, NULL))
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID, "the link is not valid UTF-8");
      return FALSE;
    }
  return TRUE;
}

/**
 * atr_uri_parse:
 * @uri: a link as it arrived (from GApplication::open, a browser, a script)
 *
 * Turns every accepted link form into one immutable launch request (see the file
 * comment). The request is data: act on it only after atr_launch_request_check().
 *
 * Returns: (transfer full): the request, or NULL with an ATR_URI_ERROR naming the part,
 *   parameter or attribute at fault (values, and so secrets, are never quoted).
 */
AtrLaunchRequest *
atr_uri_parse (const char  *uri,
               GError     **error)
{
  AtrLaunchRequestBuilder b;
  g_autofree char *scheme_name = NULL;
  const char *colon;
  const char *rest;
  gsize len, scheme_len;
  guint index = G_N_ELEMENTS (schemes);
  gboolean ok = FALSE;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  len = strnlen (uri, ATR_URI_MAX_LENGTH + 1);
  if (!check_raw (uri, len, error))
    return NULL;

  scheme_len = 0;
  if (g_ascii_isalpha (uri[0]))
    while (uri[scheme_len] != '\0' &&
           (g_ascii_isalnum (uri[scheme_len]) || strchr ("+-.", uri[scheme_len]) != NULL))
      scheme_len++;
  colon = uri + scheme_len;
  if (scheme_len == 0 || *colon != ':')
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "not a link: it does not start with a scheme such as atrium:");
      return NULL;
    }
  scheme_name = g_ascii_strdown (uri, (gssize) scheme_len);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (strcmp (scheme_name, schemes[i].name) == 0)
      index = i;
  if (index == G_N_ELEMENTS (schemes))
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_UNSUPPORTED_SCHEME,
                   "'%s:' links are not accepted (Atrium opens atrium:, rdp:, ms-rd:, "
                   "tuxclient: and prlclient: links)", _atr_uri_printable (scheme_name));
      return NULL;
    }
  rest = colon + 1;

  if (schemes[index].scheme != ATR_URI_SCHEME_RDP && strpbrk (rest, " #") != NULL)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "%s: the link contains a raw space or a fragment ('#')", scheme_name);
      return NULL;
    }

  _atr_launch_request_builder_init (&b, schemes[index].scheme);
  switch (schemes[index].scheme)
    {
    case ATR_URI_SCHEME_ATRIUM:
      ok = parse_atrium (rest, &b, error);
      break;
    case ATR_URI_SCHEME_RDP:
      ok = _atr_uri_parse_rdp (rest, &b, error);
      break;
    case ATR_URI_SCHEME_MS_RD:
      ok = parse_ms_rd (rest, &b, error);
      break;
    case ATR_URI_SCHEME_TUXCLIENT:
      ok = _atr_uri_parse_parallels ("tuxclient", rest, &b, error);
      break;
    case ATR_URI_SCHEME_PRLCLIENT:
      ok = _atr_uri_parse_parallels ("prlclient", rest, &b, error);
      break;
    default:
      g_assert_not_reached ();
    }
  if (!ok)
    {
      _atr_launch_request_builder_clear (&b);
      return NULL;
    }
  return _atr_launch_request_builder_end (&b);
}
