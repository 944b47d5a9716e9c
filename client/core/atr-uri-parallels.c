/* atr-uri-parallels.c — Parallels Client links (tuxclient:, prlclient:)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Parallels Client URL Scheme" (Parallels RAS documentation): Command=LaunchApp, GetVersion,
 * LogOff or Get2xa, then the command's keys; the general link rules are atr-uri-parser.c's.
 *
 * Parallels' LaunchApp keys that configure a connection in Parallels Client are checked and
 * then ignored: Atrium keeps no connections made from links (only a subscription enrols), so
 * Alias (the new connection's name) and Save (whether Parallels Client keeps the connection;
 * Save=Yes gives a warning) change nothing. ConnType=2, a standard RDP connection, makes the
 * request an .rdp payload for Server (see add_rdp_target()); any other is a Parallels RAS
 * connection, which Atrium cannot open (a warning, no payload). None of them names a host:
 * the hosts a LaunchApp link reaches are Server and Backup only, the ones the launch check
 * approves.
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <string.h>

#include "atr-uri-host.h"

#include "atr-uri-parser-private.h"

typedef enum
{
  P_SERVER   = 1 << 0,
  P_PORT     = 1 << 1,
  P_APPID    = 1 << 2,
  P_MULTIID  = 1 << 3,
  P_LOGINEX  = 1 << 4,
  P_CONNMODE = 1 << 5,
  P_BACKUP   = 1 << 6,
  P_CONNTYPE = 1 << 7,
  P_ALIAS    = 1 << 8,
  P_USERNAME = 1 << 9,
  P_SAVE     = 1 << 10,
} ParallelsParam;

#define P_LAUNCH (P_SERVER | P_PORT | P_APPID | P_MULTIID | P_LOGINEX | P_CONNMODE | P_BACKUP | \
                  P_CONNTYPE | P_ALIAS | P_USERNAME | P_SAVE)
#define BACKUP_MAX_HOSTS 16

static const struct
{
  const char      *name;
  AtrLaunchAction  action;
  guint            allowed;
  guint            required;
} parallels_commands[] = {
  { "LaunchApp", ATR_LAUNCH_ACTION_CONNECT, P_LAUNCH, P_SERVER },
  { "GetVersion", ATR_LAUNCH_ACTION_VERSION, 0, 0 },
  { "LogOff", ATR_LAUNCH_ACTION_LOGOFF, P_SERVER | P_PORT, 0 },
  { "Get2xa", ATR_LAUNCH_ACTION_SUBSCRIBE, P_SERVER | P_PORT, P_SERVER },
};

/* Parallels' documented parameters ("Parallels Client URL Scheme"); keys are compared in
 * their canonical (lower-case) form. LoginEx and UserName both name the user: giving both
 * is a duplicate. */
static const struct
{
  const char     *name;
  ParallelsParam  flag;
} parallels_params[] = {
  { "Server", P_SERVER }, { "Port", P_PORT }, { "AppID", P_APPID }, { "MultiID", P_MULTIID },
  { "LoginEx", P_LOGINEX }, { "ConnMode", P_CONNMODE }, { "Backup", P_BACKUP },
  { "ConnType", P_CONNTYPE }, { "Alias", P_ALIAS }, { "UserName", P_USERNAME },
  { "Save", P_SAVE },
};

/* "host", "host:port", "[v6]:port", or a bare IPv6 address (no port can follow it). */
static gboolean
take_host_port (const char  *scheme,
                const char  *key,
                const char  *value,
                char       **ascii,
                char       **display,
                guint       *port,
                GPtrArray   *warnings,
                GError     **error)
{
  const char *colon = strchr (value, ':');
  AtrUriHostFlags flags = ATR_URI_HOST_ALLOW_IP | ATR_URI_HOST_ALLOW_PORT;

  if (value[0] != '[' && colon != NULL && strchr (colon + 1, ':') != NULL)
    flags = ATR_URI_HOST_ALLOW_IP;
  return _atr_uri_take_host (scheme, key, value, flags, ascii, display, port, warnings, error);
}

static gboolean
take_backups (const char               *scheme,
              const char               *value,
              AtrLaunchRequestBuilder  *b,
              GError                  **error)
{
  g_auto(GStrv) hosts = g_strsplit (value, ",", -1);
  guint n = g_strv_length (hosts);

  if (n > BACKUP_MAX_HOSTS)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_TOO_LONG,
                   "%s Backup: more than %d servers", scheme, BACKUP_MAX_HOSTS);
      return FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ascii = NULL;
      guint port = 0;

      if (!take_host_port (scheme, "Backup", hosts[i], &ascii, NULL, &port, b->warnings, error))
        return FALSE;
      if (b->backup_host == NULL)
        b->backup_host = g_strdup (ascii);
      g_ptr_array_add (b->backup_hosts, g_steal_pointer (&ascii));
    }
  return TRUE;
}

/* LaunchApp with ConnType=2 ("Standard RDP Connection"): Server is an RDP host, reached
 * through an .rdp payload that names only what the launch check approves (Server, its port,
 * the user). Any other ConnType, or none, is a Parallels RAS connection, which Atrium cannot
 * open: said in a warning, and no payload. */
static void
add_rdp_target (const char               *scheme,
                gboolean                  standard_rdp,
                AtrLaunchRequestBuilder  *b)
{
  gboolean v6 = strchr (b->host, ':') != NULL;
  g_autofree char *port = b->port != 0 ? g_strdup_printf (":%u", b->port) : g_strdup ("");

  if (!standard_rdp)
    {
      g_ptr_array_add (b->warnings,
                       g_strdup_printf ("%s ConnType: a Parallels RAS connection; Atrium opens "
                                        "only standard RDP connections (ConnType=2)", scheme));
      return;
    }
  g_ptr_array_add (b->rdp_attributes, g_strdup_printf ("full address:s:%s%s%s%s", v6 ? "[" : "",
                                                       b->host, v6 ? "]" : "", port));
  if (b->user != NULL)
    g_ptr_array_add (b->rdp_attributes, g_strdup_printf ("username:s:%s", b->user));
}

static gboolean
take_parallels_param (const char               *scheme,
                      ParallelsParam            flag,
                      const char               *value,
                      AtrLaunchRequestBuilder  *b,
                      guint                    *server_port,
                      GError                  **error)
{
  switch (flag)
    {
    case P_SERVER:
      return take_host_port (scheme, "Server", value, &b->host, &b->display_host, server_port,
                             b->warnings, error);
    case P_PORT:
      {
        g_autofree char *where = g_strdup_printf ("%s Port", scheme);
        return atr_uri_port_parse (where, value, &b->port, error);
      }
    case P_APPID:
      /* documented: an empty AppID lists the resources instead of launching one */
      if (*value == '\0')
        return TRUE;
      return _atr_uri_take_value (scheme, "AppID", value, ATR_URI_VALUE_MAX_LENGTH,
                                  &b->resource, error);
    case P_MULTIID:
      return _atr_uri_take_value (scheme, "MultiID", value, 64, &b->multi_id, error);
    case P_LOGINEX:
    case P_USERNAME:
      /* documented: an empty UserName means "ask when connecting" */
      if (*value == '\0' && flag == P_USERNAME)
        return TRUE;
      return _atr_uri_take_value (scheme, flag == P_USERNAME ? "UserName" : "LoginEx", value,
                                  ATR_URI_USER_MAX_LENGTH, &b->user, error);
    case P_CONNMODE:
      if (strlen (value) != 1 || value[0] < '0' || value[0] > '3')
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_VALUE,
                       "%s ConnMode: must be 0, 1, 2 or 3", scheme);
          return FALSE;
        }
      b->connection_mode = value[0] - '0';
      return TRUE;
    case P_CONNTYPE:
      if (strcmp (value, "0") != 0 && strcmp (value, "2") != 0)
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_VALUE,
                       "%s ConnType: must be 0 (Parallels RAS) or 2 (RDP)", scheme);
          return FALSE;
        }
      return TRUE;
    case P_ALIAS:
      {
        /* the name Parallels Client gives a connection it creates: Atrium creates none */
        g_autofree char *alias = NULL;
        return _atr_uri_take_value (scheme, "Alias", value, ATR_URI_USER_MAX_LENGTH, &alias,
                                    error);
      }
    case P_SAVE:
      /* documented: Save=NO creates the connection without keeping it in Parallels Client.
       * Atrium keeps nothing from a link either way; a request to keep it is not silently
       * dropped. */
      if (g_ascii_strcasecmp (value, "no") == 0)
        return TRUE;
      if (g_ascii_strcasecmp (value, "yes") == 0)
        {
          g_ptr_array_add (b->warnings,
                           g_strdup_printf ("%s Save: ignored; Atrium does not keep "
                                            "connections from links (subscribe to the "
                                            "workspace to keep it)", scheme));
          return TRUE;
        }
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_VALUE,
                   "%s Save: must be Yes or No", scheme);
      return FALSE;
    case P_BACKUP:
      return take_backups (scheme, value, b, error);
    default:
      g_assert_not_reached ();
    }
}

gboolean
_atr_uri_parse_parallels (const char               *scheme,
                          const char               *rest,
                          AtrLaunchRequestBuilder  *b,
                          GError                  **error)
{
  g_autofree char *authority = NULL;
  g_autoptr(GPtrArray) params = NULL;
  const char *query = NULL;
  AtrUriParam *command = NULL;
  guint command_index = G_N_ELEMENTS (parallels_commands);
  guint seen = 0;
  guint server_port = 0;
  gboolean standard_rdp = FALSE;

  if (!_atr_uri_split_hierarchy (scheme, rest, FALSE, &authority, &query, error))
    return FALSE;
  if (*authority != '\0')
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_INVALID,
                   "%s: a host in the link's authority is not accepted (use Server=)", scheme);
      return FALSE;
    }
  params = _atr_uri_split_params (scheme, query != NULL ? query : "", error);
  if (params == NULL)
    return FALSE;

  for (guint i = 0; i < params->len && command == NULL; i++)
    if (g_ascii_strcasecmp (((AtrUriParam *) g_ptr_array_index (params, i))->key, "Command") == 0)
      command = g_ptr_array_index (params, i);
  if (command == NULL)
    return _atr_uri_missing (scheme, "Command", error);
  for (guint i = 0; i < G_N_ELEMENTS (parallels_commands); i++)
    if (g_ascii_strcasecmp (command->value, parallels_commands[i].name) == 0)
      command_index = i;
  if (command_index == G_N_ELEMENTS (parallels_commands))
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_UNKNOWN_ACTION,
                   "%s: unknown Command '%s' (LaunchApp, GetVersion, LogOff and Get2xa are "
                   "accepted)", scheme, _atr_uri_printable (command->value));
      return FALSE;
    }
  b->command = parallels_commands[command_index].name;
  b->action = parallels_commands[command_index].action;

  for (guint i = 0; i < params->len; i++)
    {
      AtrUriParam *p = g_ptr_array_index (params, i);
      ParallelsParam flag = 0;

      if (p == command)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (parallels_params); j++)
        if (g_ascii_strcasecmp (p->key, parallels_params[j].name) == 0)
          flag = parallels_params[j].flag;
      if (flag == 0 || (parallels_commands[command_index].allowed & flag) == 0)
        {
          g_autofree char *context = g_strdup_printf (" for %s", b->command);
          return _atr_uri_unknown_parameter (scheme, p, context, error);
        }
      if ((flag & (P_LOGINEX | P_USERNAME)) && (seen & (P_LOGINEX | P_USERNAME)))
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_DUPLICATE,
                       "%s: '%s' names the user a second time (LoginEx and UserName are one "
                       "parameter)", scheme, _atr_uri_printable (p->name));
          return FALSE;
        }
      if (!take_parallels_param (scheme, flag, p->value, b, &server_port, error))
        return FALSE;
      if (flag == P_CONNTYPE)
        standard_rdp = strcmp (p->value, "2") == 0;
      seen |= flag;
    }
  if (server_port != 0 && b->port != 0 && server_port != b->port)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_PORT,
                   "%s: 'Port' contradicts the port in 'Server'", scheme);
      return FALSE;
    }
  if (server_port != 0)
    b->port = server_port;
  for (guint j = 0; j < G_N_ELEMENTS (parallels_params); j++)
    if ((parallels_commands[command_index].required & parallels_params[j].flag) &&
        (seen & parallels_params[j].flag) == 0)
      return _atr_uri_missing (scheme, parallels_params[j].name, error);
  if (b->action == ATR_LAUNCH_ACTION_CONNECT)
    add_rdp_target (scheme, standard_rdp, b);
  return TRUE;
}
