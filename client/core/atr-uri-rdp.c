/* atr-uri-rdp.c — the Microsoft legacy rdp:// link form
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   rdp://full%20address=s:host:3389&audiomode=i:2&username=s:alice
 *
 * '&'-joined `name=type:value` attributes, each percent-decoded exactly once. Only the
 * allow-list below is accepted; redirections (drives, clipboard, devices, …, the 2024 rogue
 * `.rdp` campaign) and attributes that weaken security or run commands are refused with a
 * reason, anything else as "not on the allow-list". The accepted attributes are kept as
 * `.rdp` lines for the tenant policy filter of #5; a link never turns a redirection on.
 *
 * Names are compared in the canonical form of atr_rdp_key_canonical(), the one the .rdp
 * parser and the filter use, so "full address " and "FULL  ADDRESS" are the same attribute
 * as "full address": given twice, the link is refused. "full address" and "alternate full
 * address" must name the same host and port, and "server port" must agree with a port in
 * the address: the host the launch check approves is the only one the payload can reach.
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <string.h>

#include "atr-uri-host.h"

#include "atr-uri-parser-private.h"

typedef enum
{
  KIND_ADDRESS,   /* s: host[:port], the session host */
  KIND_GATEWAY,   /* s: host[:port], the RD Gateway */
  KIND_PORT,      /* i: 1–65535 */
  KIND_USER,      /* s: user name */
  KIND_TEXT,      /* s: checked text (domain, application name, program alias) */
  KIND_ROUTING,   /* s: loadbalanceinfo, raw into the X.224 request: no CR/LF ever */
  KIND_INT,       /* i: within [min, max] */
} Kind;

static const struct
{
  const char *name;
  char        type;
  Kind        kind;
  int         min, max;
} allowed[] = {
  { "full address", 's', KIND_ADDRESS, 0, 0 },
  { "alternate full address", 's', KIND_ADDRESS, 0, 0 },
  { "server port", 'i', KIND_PORT, 1, 65535 },
  { "username", 's', KIND_USER, 0, 0 },
  { "domain", 's', KIND_TEXT, 0, 0 },
  { "gatewayhostname", 's', KIND_GATEWAY, 0, 0 },
  { "gatewayusagemethod", 'i', KIND_INT, 0, 4 },
  { "gatewayprofileusagemethod", 'i', KIND_INT, 0, 1 },
  { "remoteapplicationmode", 'i', KIND_INT, 0, 1 },
  { "remoteapplicationprogram", 's', KIND_TEXT, 0, 0 },
  { "remoteapplicationname", 's', KIND_TEXT, 0, 0 },
  { "loadbalanceinfo", 's', KIND_ROUTING, 0, 0 },
  { "screen mode id", 'i', KIND_INT, 1, 2 },
  { "desktopwidth", 'i', KIND_INT, 200, 8192 },
  { "desktopheight", 'i', KIND_INT, 200, 8192 },
  { "desktopscalefactor", 'i', KIND_INT, 100, 500 },
  { "session bpp", 'i', KIND_INT, 8, 32 },
  { "use multimon", 'i', KIND_INT, 0, 1 },
  { "smart sizing", 'i', KIND_INT, 0, 1 },
  { "dynamic resolution", 'i', KIND_INT, 0, 1 },
  { "audiomode", 'i', KIND_INT, 0, 2 },
  { "videoplaybackmode", 'i', KIND_INT, 0, 1 },
  { "connection type", 'i', KIND_INT, 1, 7 },
  { "networkautodetect", 'i', KIND_INT, 0, 1 },
  { "bandwidthautodetect", 'i', KIND_INT, 0, 1 },
  { "compression", 'i', KIND_INT, 0, 1 },
  { "displayconnectionbar", 'i', KIND_INT, 0, 1 },
  { "disable wallpaper", 'i', KIND_INT, 0, 1 },
  { "allow font smoothing", 'i', KIND_INT, 0, 1 },
  { "allow desktop composition", 'i', KIND_INT, 0, 1 },
  { "disable full window drag", 'i', KIND_INT, 0, 1 },
  { "disable menu anims", 'i', KIND_INT, 0, 1 },
  { "disable themes", 'i', KIND_INT, 0, 1 },
  { "disable cursor setting", 'i', KIND_INT, 0, 1 },
  { "bitmapcachepersistenable", 'i', KIND_INT, 0, 1 },
  { "autoreconnection enabled", 'i', KIND_INT, 0, 1 },
  { "keyboardhook", 'i', KIND_INT, 0, 2 },
  { "promptcredentialonce", 'i', KIND_INT, 0, 1 },
};

static const struct
{
  const char *name;
  const char *reason;
} forbidden[] = {
  { "authentication level", "it can switch off the server certificate check" },
  { "enablecredsspsupport", "it can switch off network level authentication" },
  { "negotiate security layer", "it can switch off TLS" },
  { "alternate shell", "it names a program to run" },
  { "shell working directory", "it goes with a program to run" },
  { "remoteapplicationcmdline", "it passes a command line to the application" },
  { "kdcproxyname", "a KDC proxy named by a link would receive the Kerberos exchange" },
  { "rdgiskdcproxy", "a KDC proxy named by a link would receive the Kerberos exchange" },
  { "gatewaycredentialssource", "it changes where gateway credentials come from" },
  { "use redirection server name", "it lets the server redirect the connection" },
  { "audiocapturemode", "it redirects the microphone" },
  { "encode redirected video capture", "it goes with camera redirection" },
  { "redirected video capture encoding quality", "it goes with camera redirection" },
  { "signature", "a signature cannot be checked from a link" },
  { "signscope", "a signature cannot be checked from a link" },
};

static gboolean
is_redirection (const char *name)
{
  return g_str_has_prefix (name, "redirect") || g_str_has_suffix (name, "storedirect");
}

static gboolean
parse_int (const char *text,
           int         min,
           int         max,
           int        *out)
{
  gint64 value = 0;
  gsize len = strlen (text);

  if (len == 0 || len > 9)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      value = value * 10 + (text[i] - '0');
    }
  if (value < min || value > max)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

/* Checks one attribute and appends its normalised `.rdp` line. */
static gboolean
take_attribute (AtrUriParam              *param,
                char                     *name,
                AtrLaunchRequestBuilder  *b,
                char                    **address,
                guint                    *address_port,
                gboolean                 *is_alternate,
                guint                    *server_port,
                GError                  **error)
{
  g_autofree char *where = g_strdup_printf ("rdp '%s'", name);
  g_autofree char *line_value = NULL;
  const char *value;
  guint index = G_N_ELEMENTS (allowed);
  char type;

  if (name[0] == '/')
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_FORBIDDEN,
                   "rdp: '%s' is a FreeRDP command-line option, never accepted from links",
                   _atr_uri_printable (name));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    if (strcmp (name, forbidden[i].name) == 0)
      {
        g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_FORBIDDEN,
                     "rdp: the attribute '%s' is not accepted from links: %s",
                     forbidden[i].name, forbidden[i].reason);
        return FALSE;
      }
  if (is_redirection (name))
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_FORBIDDEN,
                   "rdp: the redirection attribute '%s' is not accepted from links "
                   "(redirections come only from the tenant policy)", _atr_uri_printable (name));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (strcmp (name, allowed[i].name) == 0)
      index = i;
  if (index == G_N_ELEMENTS (allowed))
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_UNKNOWN_PARAMETER,
                   "rdp: the attribute '%s' is not on the allow-list for links",
                   _atr_uri_printable (name));
      return FALSE;
    }

  if (strlen (param->value) < 2 || param->value[1] != ':')
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "%s: expected TYPE:VALUE after '='", where);
      return FALSE;
    }
  type = g_ascii_tolower (param->value[0]);
  value = param->value + 2;
  if (type != allowed[index].type)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_VALUE,
                   "%s: must be of type '%c'", where, allowed[index].type);
      return FALSE;
    }

  switch (allowed[index].kind)
    {
    case KIND_ADDRESS:
    case KIND_GATEWAY:
      {
        g_autofree char *ascii = NULL;
        g_autofree char *display = NULL;
        guint port = 0;
        gboolean v6;

        if (!atr_uri_host_normalize (where, value, ATR_URI_HOST_ALLOW_IP | ATR_URI_HOST_ALLOW_PORT,
                                     &ascii, &display, &port, b->warnings, error))
          return FALSE;
        v6 = strchr (ascii, ':') != NULL;
        line_value = port != 0 ? g_strdup_printf ("%s%s%s:%u", v6 ? "[" : "", ascii,
                                                  v6 ? "]" : "", port)
                               : g_strdup_printf ("%s%s%s", v6 ? "[" : "", ascii, v6 ? "]" : "");
        if (allowed[index].kind == KIND_GATEWAY)
          b->gateway_host = g_steal_pointer (&ascii);
        else if (*address != NULL)
          {
            /* mstsc lets "alternate full address" win over "full address": a link that names
             * two different places is refused, so that no reader can pick the other one */
            if (g_ascii_strcasecmp (*address, ascii) != 0 ||
                (*address_port != 0 && port != 0 && *address_port != port))
              {
                g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                             "rdp: 'full address' and 'alternate full address' name different "
                             "hosts or ports");
                return FALSE;
              }
            if (strcmp (name, "alternate full address") == 0)
              {
                /* the alternate address wins, its port (or none) with it */
                *address_port = port;
                *is_alternate = TRUE;
              }
          }
        else
          {
            *address = g_steal_pointer (&ascii);
            b->display_host = g_steal_pointer (&display);
            *address_port = port;
            *is_alternate = strcmp (name, "alternate full address") == 0;
          }
      }
      break;
    case KIND_PORT:
      if (!atr_uri_port_parse (where, value, server_port, error))
        return FALSE;
      line_value = g_strdup_printf ("%u", *server_port);
      break;
    case KIND_USER:
      if (!atr_uri_value_check (where, value, 256, error))
        return FALSE;
      b->user = g_strdup (value);
      line_value = g_strdup (value);
      break;
    case KIND_TEXT:
    case KIND_ROUTING:
      if (!atr_uri_value_check (where, value, ATR_URI_VALUE_MAX_LENGTH, error))
        return FALSE;
      if (strcmp (name, "remoteapplicationprogram") == 0)
        b->resource = g_strdup (value);
      line_value = g_strdup (value);
      break;
    case KIND_INT:
      {
        int number = 0;

        if (!parse_int (value, allowed[index].min, allowed[index].max, &number))
          {
            g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_VALUE,
                         "%s: must be a number from %d to %d", where, allowed[index].min,
                         allowed[index].max);
            return FALSE;
          }
        line_value = g_strdup_printf ("%d", number);
      }
      break;
    default:
      g_assert_not_reached ();
    }

  g_ptr_array_add (b->rdp_attributes,
                   g_strdup_printf ("%s:%c:%s", allowed[index].name, type, line_value));
  return TRUE;
}

/**
 * _atr_uri_parse_rdp:
 * @body: what follows "rdp:" in the link
 *
 * Fills @builder for an rdp:// link: action connect, host and port from (alternate) full
 * address and server port, user, resource (remoteapplicationprogram), gateway, and the
 * accepted attributes as `.rdp` lines.
 */
gboolean
_atr_uri_parse_rdp (const char               *body,
                    AtrLaunchRequestBuilder  *b,
                    GError                  **error)
{
  g_autoptr(GPtrArray) params = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *address = NULL;
  guint address_port = 0, server_port = 0;
  gboolean is_alternate = FALSE;
  gsize len;

  g_return_val_if_fail (body != NULL && b != NULL, FALSE);

  if (!g_str_has_prefix (body, "//"))
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "rdp: expected '//' after the scheme");
      return FALSE;
    }
  trimmed = g_strdup (body + 2);
  len = strlen (trimmed);
  if (len > 0 && trimmed[len - 1] == '/')
    trimmed[len - 1] = '\0';  /* some launchers append a slash */
  if (strchr (trimmed, '#') != NULL)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "rdp: the link contains a fragment ('#')");
      return FALSE;
    }

  params = _atr_uri_split_params ("rdp", trimmed, error);
  if (params == NULL)
    return FALSE;
  for (guint i = 0; i < params->len; i++)
    {
      AtrUriParam *param = g_ptr_array_index (params, i);
      /* already canonical (atr_rdp_key_canonical()): the .rdp filter's form */
      g_autofree char *name = g_strdup (param->key);

      if (!take_attribute (param, name, b, &address, &address_port, &is_alternate,
                           &server_port, error))
        return FALSE;
    }

  if (address == NULL)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_MISSING,
                   "rdp: the link has no 'full address'");
      return FALSE;
    }
  if (address_port != 0 && server_port != 0 && address_port != server_port)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_PORT,
                   "rdp: 'server port' contradicts the port in the address");
      return FALSE;
    }
  b->action = ATR_LAUNCH_ACTION_CONNECT;
  b->host = g_steal_pointer (&address);
  b->port = address_port != 0 ? address_port : server_port;
  return TRUE;
}
