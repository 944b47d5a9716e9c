/* atr-launch-request.c — what a connection link asks for (immutable value object)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <string.h>

#include "atr-uri-error.h"
#include "atr-uri-host.h"

#include "atr-launch-request-private.h"

struct _AtrLaunchRequest
{
  GObject          parent_instance;

  AtrLaunchAction  action;
  AtrUriScheme     scheme;
  const char      *command;
  char            *tenant;
  char            *display_tenant;
  char            *host;
  char            *display_host;
  guint            port;
  char            *resource;
  char            *user;
  char            *feed_url;
  char            *backup_host;
  GStrv            backup_hosts;
  char            *gateway_host;
  int              connection_mode;
  char            *multi_id;
  GStrv            rdp_attributes;
  GStrv            warnings;
};

G_DEFINE_FINAL_TYPE (AtrLaunchRequest, atr_launch_request, G_TYPE_OBJECT)

static void
atr_launch_request_finalize (GObject *object)
{
  AtrLaunchRequest *self = ATR_LAUNCH_REQUEST (object);

  g_free (self->tenant);
  g_free (self->display_tenant);
  g_free (self->host);
  g_free (self->display_host);
  g_free (self->resource);
  g_free (self->user);
  g_free (self->feed_url);
  g_free (self->backup_host);
  g_strfreev (self->backup_hosts);
  g_free (self->gateway_host);
  g_free (self->multi_id);
  g_strfreev (self->rdp_attributes);
  g_strfreev (self->warnings);

  G_OBJECT_CLASS (atr_launch_request_parent_class)->finalize (object);
}

static void
atr_launch_request_class_init (AtrLaunchRequestClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_launch_request_finalize;
}

static void
atr_launch_request_init (AtrLaunchRequest *self)
{
  self->connection_mode = ATR_LAUNCH_CONNECTION_MODE_NONE;
}

void
_atr_launch_request_builder_init (AtrLaunchRequestBuilder *builder,
                                  AtrUriScheme             scheme)
{
  memset (builder, 0, sizeof *builder);
  builder->scheme = scheme;
  builder->action = ATR_LAUNCH_ACTION_CONNECT;
  builder->connection_mode = ATR_LAUNCH_CONNECTION_MODE_NONE;
  builder->rdp_attributes = g_ptr_array_new_with_free_func (g_free);
  builder->backup_hosts = g_ptr_array_new_with_free_func (g_free);
  builder->warnings = g_ptr_array_new_with_free_func (g_free);
}

void
_atr_launch_request_builder_clear (AtrLaunchRequestBuilder *builder)
{
  g_clear_pointer (&builder->tenant, g_free);
  g_clear_pointer (&builder->display_tenant, g_free);
  g_clear_pointer (&builder->host, g_free);
  g_clear_pointer (&builder->display_host, g_free);
  g_clear_pointer (&builder->resource, g_free);
  g_clear_pointer (&builder->user, g_free);
  g_clear_pointer (&builder->feed_url, g_free);
  g_clear_pointer (&builder->backup_host, g_free);
  g_clear_pointer (&builder->backup_hosts, g_ptr_array_unref);
  g_clear_pointer (&builder->gateway_host, g_free);
  g_clear_pointer (&builder->multi_id, g_free);
  g_clear_pointer (&builder->rdp_attributes, g_ptr_array_unref);
  g_clear_pointer (&builder->warnings, g_ptr_array_unref);
}

static GStrv
steal_strv (GPtrArray **array)
{
  if (*array == NULL)
    return g_new0 (char *, 1);
  g_ptr_array_add (*array, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (array), FALSE);
}

AtrLaunchRequest *
_atr_launch_request_builder_end (AtrLaunchRequestBuilder *builder)
{
  AtrLaunchRequest *self = g_object_new (ATR_TYPE_LAUNCH_REQUEST, NULL);

  self->action = builder->action;
  self->scheme = builder->scheme;
  self->command = builder->command;
  self->tenant = g_steal_pointer (&builder->tenant);
  self->display_tenant = g_steal_pointer (&builder->display_tenant);
  self->host = g_steal_pointer (&builder->host);
  self->display_host = g_steal_pointer (&builder->display_host);
  self->port = builder->port;
  self->resource = g_steal_pointer (&builder->resource);
  self->user = g_steal_pointer (&builder->user);
  self->feed_url = g_steal_pointer (&builder->feed_url);
  self->backup_host = g_steal_pointer (&builder->backup_host);
  self->backup_hosts = steal_strv (&builder->backup_hosts);
  self->gateway_host = g_steal_pointer (&builder->gateway_host);
  self->connection_mode = builder->connection_mode;
  self->multi_id = g_steal_pointer (&builder->multi_id);
  self->rdp_attributes = steal_strv (&builder->rdp_attributes);
  self->warnings = steal_strv (&builder->warnings);
  _atr_launch_request_builder_clear (builder);
  return self;
}

const char *
atr_launch_action_to_string (AtrLaunchAction action)
{
  switch (action)
    {
    case ATR_LAUNCH_ACTION_CONNECT:
      return "connect";
    case ATR_LAUNCH_ACTION_SUBSCRIBE:
      return "subscribe";
    case ATR_LAUNCH_ACTION_VERSION:
      return "version";
    case ATR_LAUNCH_ACTION_LOGOFF:
      return "logoff";
    case ATR_LAUNCH_ACTION_OPEN:
      return "open";
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
atr_uri_scheme_to_string (AtrUriScheme scheme)
{
  switch (scheme)
    {
    case ATR_URI_SCHEME_ATRIUM:
      return "atrium";
    case ATR_URI_SCHEME_RDP:
      return "rdp";
    case ATR_URI_SCHEME_MS_RD:
      return "ms-rd";
    case ATR_URI_SCHEME_TUXCLIENT:
      return "tuxclient";
    case ATR_URI_SCHEME_PRLCLIENT:
      return "prlclient";
    default:
      g_return_val_if_reached (NULL);
    }
}

#define GETTER(type, field, fallback) \
  type \
  atr_launch_request_get_##field (AtrLaunchRequest *self) \
  { \
    g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (self), fallback); \
    return self->field; \
  }

GETTER (AtrLaunchAction, action, ATR_LAUNCH_ACTION_CONNECT)
GETTER (const char *, command, NULL)
GETTER (const char *, tenant, NULL)
GETTER (const char *, display_tenant, NULL)
GETTER (const char *, host, NULL)
GETTER (const char *, display_host, NULL)
GETTER (guint, port, 0)
GETTER (const char *, resource, NULL)
GETTER (const char *, user, NULL)
GETTER (const char *, feed_url, NULL)
GETTER (const char *, backup_host, NULL)
GETTER (const char *, gateway_host, NULL)
GETTER (int, connection_mode, ATR_LAUNCH_CONNECTION_MODE_NONE)
GETTER (const char *, multi_id, NULL)

#undef GETTER

AtrUriScheme
atr_launch_request_get_source_scheme (AtrLaunchRequest *self)
{
  g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (self), ATR_URI_SCHEME_ATRIUM);
  return self->scheme;
}

/**
 * atr_launch_request_get_backup_hosts:
 *
 * Every Parallels Backup server (ASCII form), in link order; empty when there are none.
 * Each passed the same host checks as Server, and atr_launch_request_check() requires each
 * to be enrolled like any other host.
 */
const char * const *
atr_launch_request_get_backup_hosts (AtrLaunchRequest *self)
{
  g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (self), NULL);
  return (const char * const *) self->backup_hosts;
}

/**
 * atr_launch_request_get_rdp_attributes:
 *
 * For rdp:// links: the allow-listed attributes as `.rdp` lines ("name:type:value", names
 * in lower case), in link order. Empty for the other schemes.
 */
const char * const *
atr_launch_request_get_rdp_attributes (AtrLaunchRequest *self)
{
  g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (self), NULL);
  return (const char * const *) self->rdp_attributes;
}

/**
 * atr_launch_request_get_warnings:
 *
 * Things the confirmation should show (look-alike host names). Never secrets.
 */
const char * const *
atr_launch_request_get_warnings (AtrLaunchRequest *self)
{
  g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (self), NULL);
  return (const char * const *) self->warnings;
}

/**
 * atr_launch_request_dup_rdp_payload:
 *
 * The rdp:// attributes, or the target of a Parallels LaunchApp link with ConnType=2, as a
 * `.rdp` document (CRLF lines), to go through the same tenant policy filter as any other
 * `.rdp` payload. NULL when the link names no RDP target.
 */
char *
atr_launch_request_dup_rdp_payload (AtrLaunchRequest *self)
{
  g_autoptr(GString) text = NULL;

  g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (self), NULL);

  if (self->scheme != ATR_URI_SCHEME_RDP && self->rdp_attributes[0] == NULL)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; self->rdp_attributes[i] != NULL; i++)
    g_string_append_printf (text, "%s\r\n", self->rdp_attributes[i]);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_unique (GPtrArray  *hosts,
            const char *host)
{
  if (host == NULL)
    return;
  for (guint i = 0; i < hosts->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (hosts, i), host) == 0)
      return;
  g_ptr_array_add (hosts, g_strdup (host));
}

/**
 * atr_launch_request_dup_hosts:
 *
 * Every place the request would make the client contact, in ASCII form: tenant, host,
 * every backup host, gateway. What the confirmation lists and what the check compares.
 */
char **
atr_launch_request_dup_hosts (AtrLaunchRequest *self)
{
  GPtrArray *hosts;

  g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (self), NULL);

  hosts = g_ptr_array_new ();
  add_unique (hosts, self->tenant);
  add_unique (hosts, self->host);
  for (guint i = 0; self->backup_hosts[i] != NULL; i++)
    add_unique (hosts, self->backup_hosts[i]);
  add_unique (hosts, self->gateway_host);
  g_ptr_array_add (hosts, NULL);
  return (char **) g_ptr_array_free (hosts, FALSE);
}

static void
append_param (GString    *uri,
              const char *key,
              const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;
  escaped = g_uri_escape_string (value, NULL, FALSE);
  g_string_append_printf (uri, "%s%s=%s", strchr (uri->str, '?') ? "&" : "?", key, escaped);
}

/**
 * atr_launch_request_to_uri:
 *
 * The atrium:// link for a request that came from one (connect or subscribe); parsing it
 * gives an equal request. NULL for requests of the other schemes.
 */
char *
atr_launch_request_to_uri (AtrLaunchRequest *self)
{
  GString *uri;

  g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (self), NULL);

  if (self->scheme != ATR_URI_SCHEME_ATRIUM || self->tenant == NULL ||
      (self->action != ATR_LAUNCH_ACTION_CONNECT && self->action != ATR_LAUNCH_ACTION_SUBSCRIBE))
    return NULL;

  uri = g_string_new ("atrium://");
  g_string_append (uri, atr_launch_action_to_string (self->action));
  append_param (uri, "tenant", self->tenant);
  append_param (uri, "resource", self->resource);
  append_param (uri, "user", self->user);
  return g_string_free (uri, FALSE);
}

gboolean
atr_launch_request_equal (AtrLaunchRequest *a,
                          AtrLaunchRequest *b)
{
  g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (a), FALSE);
  g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (b), FALSE);

  if (a == b)
    return TRUE;
  return a->action == b->action && a->scheme == b->scheme &&
         g_strcmp0 (a->command, b->command) == 0 &&
         g_strcmp0 (a->tenant, b->tenant) == 0 &&
         g_strcmp0 (a->display_tenant, b->display_tenant) == 0 &&
         g_strcmp0 (a->host, b->host) == 0 &&
         g_strcmp0 (a->display_host, b->display_host) == 0 &&
         a->port == b->port &&
         g_strcmp0 (a->resource, b->resource) == 0 &&
         g_strcmp0 (a->user, b->user) == 0 &&
         g_strcmp0 (a->feed_url, b->feed_url) == 0 &&
         g_strcmp0 (a->backup_host, b->backup_host) == 0 &&
         g_strv_equal ((const char * const *) a->backup_hosts,
                       (const char * const *) b->backup_hosts) &&
         g_strcmp0 (a->gateway_host, b->gateway_host) == 0 &&
         a->connection_mode == b->connection_mode &&
         g_strcmp0 (a->multi_id, b->multi_id) == 0 &&
         g_strv_equal ((const char * const *) a->rdp_attributes,
                       (const char * const *) b->rdp_attributes) &&
         g_strv_equal ((const char * const *) a->warnings, (const char * const *) b->warnings);
}

/**
 * atr_launch_host_is_enrolled:
 * @host: a host as a link, a .rdp file or a feed names it
 * @enrolled_hosts: (nullable): the enrolled tenants' hosts
 *
 * Whether @host is one of @enrolled_hosts, both compared in their canonical form
 * (atr_uri_host_canonical: case, IDN, trailing dot, IPv6 brackets do not matter).
 */
gboolean
atr_launch_host_is_enrolled (const char         *host,
                             const char * const *enrolled_hosts)
{
  g_autofree char *wanted = host != NULL ? atr_uri_host_canonical (host) : NULL;

  if (wanted == NULL || enrolled_hosts == NULL)
    return FALSE;
  for (guint i = 0; enrolled_hosts[i] != NULL; i++)
    {
      g_autofree char *canonical = atr_uri_host_canonical (enrolled_hosts[i]);

      if (canonical != NULL && g_ascii_strcasecmp (canonical, wanted) == 0)
        return TRUE;
    }
  return FALSE;
}

/**
 * atr_launch_request_check:
 * @enrolled_hosts: (nullable): every enrolled tenant domain and the hosts their feeds and
 *   manifests name (gateways, session hosts), in any form (Unicode or ASCII)
 * @kiosk: whether the client is a locked kiosk
 *
 * The policy for acting on a link:
 * - version, logoff and open touch nothing remote: allowed;
 * - Parallels Get2xa re-points the client at the server it names (the RustDesk
 *   CVE-2026-30797 pattern): refused unless every host it names is enrolled;
 * - everything else: allowed when every host is enrolled; otherwise refused in kiosk mode,
 *   and needs the user's confirmation (showing atr_launch_request_dup_hosts(),
 *   the display forms and the warnings) on a desktop.
 *
 * Returns: %ATR_LAUNCH_CHECK_REFUSED with @error set, or ALLOWED / CONFIRM.
 */
AtrLaunchCheck
atr_launch_request_check (AtrLaunchRequest   *self,
                          const char * const *enrolled_hosts,
                          gboolean            kiosk,
                          GError            **error)
{
  g_auto(GStrv) hosts = NULL;
  const char *stranger = NULL;

  g_return_val_if_fail (ATR_IS_LAUNCH_REQUEST (self), ATR_LAUNCH_CHECK_REFUSED);
  g_return_val_if_fail (error == NULL || *error == NULL, ATR_LAUNCH_CHECK_REFUSED);

  if (self->action == ATR_LAUNCH_ACTION_VERSION || self->action == ATR_LAUNCH_ACTION_LOGOFF ||
      self->action == ATR_LAUNCH_ACTION_OPEN)
    return ATR_LAUNCH_CHECK_ALLOWED;

  hosts = atr_launch_request_dup_hosts (self);
  for (guint i = 0; hosts[i] != NULL && stranger == NULL; i++)
    if (!atr_launch_host_is_enrolled (hosts[i], enrolled_hosts))
      stranger = hosts[i];

  if (stranger == NULL)
    return ATR_LAUNCH_CHECK_ALLOWED;

  if (g_strcmp0 (self->command, "Get2xa") == 0)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_NOT_ENROLLED,
                   "Get2xa: %s is not a host of an enrolled tenant; Get2xa is only "
                   "accepted towards enrolled tenants' hosts", stranger);
      return ATR_LAUNCH_CHECK_REFUSED;
    }
  if (kiosk)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_KIOSK,
                   "kiosk mode: the link points at %s, which is not enrolled", stranger);
      return ATR_LAUNCH_CHECK_REFUSED;
    }
  return ATR_LAUNCH_CHECK_CONFIRM;
}
