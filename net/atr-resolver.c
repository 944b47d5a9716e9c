/* atr-resolver.c — a GResolver with curl-style overrides (--resolve HOST:PORT:ADDR[,ADDR…])
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-net-error.h"
#include "atr-resolver.h"

typedef struct
{
  guint16    port;
  GPtrArray *addresses; /* GInetAddress */
  guint      next;      /* round-robin start */
} Override;

struct _AtrResolver
{
  GResolver   parent_instance;

  GResolver  *wrapped;
  GMutex      lock;
  GHashTable *overrides; /* host → Override */
  GHashTable *txt;       /* name → GPtrArray of GStrv */
};

G_DEFINE_FINAL_TYPE (AtrResolver, atr_resolver, G_TYPE_RESOLVER)

static void
override_free (gpointer data)
{
  Override *o = data;

  g_ptr_array_unref (o->addresses);
  g_free (o);
}

/* Lookup key: lower case, one trailing dot dropped. */
static char *
make_key (const char *name)
{
  char *key = g_ascii_strdown (name, -1);
  gsize len = strlen (key);

  if (len > 1 && key[len - 1] == '.')
    key[len - 1] = '\0';
  return key;
}

static GError *
not_found (const char *what)
{
  return g_error_new (G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                      _("no override for “%s” and no system resolver"), what);
}

/* Rotated copy of the override's addresses, filtered by @flags; NULL if none match. */
static GList *
override_lookup (AtrResolver              *self,
                 const char               *hostname,
                 GResolverNameLookupFlags  flags,
                 gboolean                 *found)
{
  g_autofree char *key = make_key (hostname);
  GList *result = NULL;
  Override *o;

  g_mutex_lock (&self->lock);
  o = g_hash_table_lookup (self->overrides, key);
  *found = o != NULL;
  if (o != NULL)
    {
      guint n = o->addresses->len;

      for (guint i = 0; i < n; i++)
        {
          GInetAddress *a = g_ptr_array_index (o->addresses, (o->next + i) % n);
          GSocketFamily family = g_inet_address_get_family (a);

          if ((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV4_ONLY) && family != G_SOCKET_FAMILY_IPV4)
            continue;
          if ((flags & G_RESOLVER_NAME_LOOKUP_FLAGS_IPV6_ONLY) && family != G_SOCKET_FAMILY_IPV6)
            continue;
          result = g_list_prepend (result, g_object_ref (a));
        }
      o->next = (o->next + 1) % n;
    }
  g_mutex_unlock (&self->lock);

  return g_list_reverse (result);
}

static GList *
txt_lookup (AtrResolver *self,
            const char  *rrname,
            gboolean    *found)
{
  g_autofree char *key = make_key (rrname);
  GList *result = NULL;
  GPtrArray *records;

  g_mutex_lock (&self->lock);
  records = g_hash_table_lookup (self->txt, key);
  *found = records != NULL;
  for (guint i = 0; records != NULL && i < records->len; i++)
    {
      const char *const *strings = g_ptr_array_index (records, i);

      result = g_list_prepend (result,
                               g_variant_ref_sink (g_variant_new ("(^as)", strings)));
    }
  g_mutex_unlock (&self->lock);

  return g_list_reverse (result);
}

/* --- by name --- */

static GList *
atr_resolver_lookup_by_name_with_flags (GResolver                 *resolver,
                                        const char                *hostname,
                                        GResolverNameLookupFlags   flags,
                                        GCancellable              *cancellable,
                                        GError                   **error)
{
  AtrResolver *self = ATR_RESOLVER (resolver);
  gboolean found;
  GList *addrs = override_lookup (self, hostname, flags, &found);

  if (found)
    {
      if (addrs == NULL)
        g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                     _("override for “%s” has no address of the requested family"), hostname);
      return addrs;
    }
  if (self->wrapped == NULL)
    {
      g_propagate_error (error, not_found (hostname));
      return NULL;
    }
  return g_resolver_lookup_by_name_with_flags (self->wrapped, hostname, flags, cancellable,
                                               error);
}

static GList *
atr_resolver_lookup_by_name (GResolver     *resolver,
                             const char    *hostname,
                             GCancellable  *cancellable,
                             GError       **error)
{
  return atr_resolver_lookup_by_name_with_flags (resolver, hostname,
                                                 G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                                 cancellable, error);
}

static void
forward_by_name_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *addrs;

  addrs = g_resolver_lookup_by_name_with_flags_finish (G_RESOLVER (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, addrs, (GDestroyNotify) g_resolver_free_addresses);
}

static void
atr_resolver_lookup_by_name_with_flags_async (GResolver                *resolver,
                                              const char               *hostname,
                                              GResolverNameLookupFlags  flags,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data)
{
  AtrResolver *self = ATR_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  gboolean found;
  GList *addrs;

  g_task_set_source_tag (task, atr_resolver_lookup_by_name_with_flags_async);
  addrs = override_lookup (self, hostname, flags, &found);
  if (found)
    {
      if (addrs == NULL)
        g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                                 _("override for “%s” has no address of the requested family"),
                                 hostname);
      else
        g_task_return_pointer (task, addrs, (GDestroyNotify) g_resolver_free_addresses);
      return;
    }
  if (self->wrapped == NULL)
    {
      g_task_return_error (task, not_found (hostname));
      return;
    }
  g_resolver_lookup_by_name_with_flags_async (self->wrapped, hostname, flags, cancellable,
                                              forward_by_name_cb, g_steal_pointer (&task));
}

static void
atr_resolver_lookup_by_name_async (GResolver           *resolver,
                                   const char          *hostname,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  atr_resolver_lookup_by_name_with_flags_async (resolver, hostname,
                                                G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT,
                                                cancellable, callback, user_data);
}

static GList *
atr_resolver_lookup_list_finish (GResolver     *resolver,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- records --- */

static GList *
atr_resolver_lookup_records (GResolver            *resolver,
                             const char           *rrname,
                             GResolverRecordType   record_type,
                             GCancellable         *cancellable,
                             GError              **error)
{
  AtrResolver *self = ATR_RESOLVER (resolver);

  if (record_type == G_RESOLVER_RECORD_TXT)
    {
      gboolean found;
      GList *records = txt_lookup (self, rrname, &found);

      if (found)
        return records;
    }
  if (self->wrapped == NULL)
    {
      g_propagate_error (error, not_found (rrname));
      return NULL;
    }
  return g_resolver_lookup_records (self->wrapped, rrname, record_type, cancellable, error);
}

static void
free_records (gpointer data)
{
  g_list_free_full (data, (GDestroyNotify) g_variant_unref);
}

static void
forward_records_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *records;

  records = g_resolver_lookup_records_finish (G_RESOLVER (object), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, records, free_records);
}

static void
atr_resolver_lookup_records_async (GResolver           *resolver,
                                   const char          *rrname,
                                   GResolverRecordType  record_type,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  AtrResolver *self = ATR_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, atr_resolver_lookup_records_async);
  if (record_type == G_RESOLVER_RECORD_TXT)
    {
      gboolean found;
      GList *records = txt_lookup (self, rrname, &found);

      if (found)
        {
          g_task_return_pointer (task, records, free_records);
          return;
        }
    }
  if (self->wrapped == NULL)
    {
      g_task_return_error (task, not_found (rrname));
      return;
    }
  g_resolver_lookup_records_async (self->wrapped, rrname, record_type, cancellable,
                                   forward_records_cb, g_steal_pointer (&task));
}

/* --- plain forwarding: reverse lookups and SRV --- */

static char *
atr_resolver_lookup_by_address (GResolver     *resolver,
                                GInetAddress  *address,
                                GCancellable  *cancellable,
                                GError       **error)
{
  AtrResolver *self = ATR_RESOLVER (resolver);
  g_autofree char *text = NULL;

  if (self->wrapped != NULL)
    return g_resolver_lookup_by_address (self->wrapped, address, cancellable, error);
  text = g_inet_address_to_string (address);
  g_propagate_error (error, not_found (text));
  return NULL;
}

static void
forward_by_address_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *name = g_resolver_lookup_by_address_finish (G_RESOLVER (object), result, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, name, g_free);
}

static void
atr_resolver_lookup_by_address_async (GResolver           *resolver,
                                      GInetAddress        *address,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  AtrResolver *self = ATR_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, atr_resolver_lookup_by_address_async);
  if (self->wrapped == NULL)
    {
      g_autofree char *text = g_inet_address_to_string (address);

      g_task_return_error (task, not_found (text));
      return;
    }
  g_resolver_lookup_by_address_async (self->wrapped, address, cancellable,
                                      forward_by_address_cb, g_steal_pointer (&task));
}

static char *
atr_resolver_lookup_by_address_finish (GResolver     *resolver,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, resolver), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GList *
atr_resolver_lookup_service (GResolver     *resolver,
                             const char    *rrname,
                             GCancellable  *cancellable,
                             GError       **error)
{
  AtrResolver *self = ATR_RESOLVER (resolver);

  /* The public g_resolver_lookup_service() builds rrname from its parts: go to the class. */
  if (self->wrapped != NULL)
    return G_RESOLVER_GET_CLASS (self->wrapped)->lookup_service (self->wrapped, rrname,
                                                                 cancellable, error);
  g_propagate_error (error, not_found (rrname));
  return NULL;
}

static void
forward_service_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GList *targets;

  targets = G_RESOLVER_GET_CLASS (object)->lookup_service_finish (G_RESOLVER (object), result,
                                                                  &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, targets, (GDestroyNotify) g_resolver_free_targets);
}

static void
atr_resolver_lookup_service_async (GResolver           *resolver,
                                   const char          *rrname,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  AtrResolver *self = ATR_RESOLVER (resolver);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, atr_resolver_lookup_service_async);
  if (self->wrapped == NULL)
    {
      g_task_return_error (task, not_found (rrname));
      return;
    }
  G_RESOLVER_GET_CLASS (self->wrapped)->lookup_service_async (self->wrapped, rrname, cancellable,
                                                             forward_service_cb,
                                                             g_steal_pointer (&task));
}

/* --- object --- */

static void
atr_resolver_finalize (GObject *object)
{
  AtrResolver *self = ATR_RESOLVER (object);

  g_clear_object (&self->wrapped);
  g_hash_table_unref (self->overrides);
  g_hash_table_unref (self->txt);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (atr_resolver_parent_class)->finalize (object);
}

static void
atr_resolver_class_init (AtrResolverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GResolverClass *resolver_class = G_RESOLVER_CLASS (klass);

  object_class->finalize = atr_resolver_finalize;

  resolver_class->lookup_by_name = atr_resolver_lookup_by_name;
  resolver_class->lookup_by_name_async = atr_resolver_lookup_by_name_async;
  resolver_class->lookup_by_name_finish = atr_resolver_lookup_list_finish;
  resolver_class->lookup_by_name_with_flags = atr_resolver_lookup_by_name_with_flags;
  resolver_class->lookup_by_name_with_flags_async = atr_resolver_lookup_by_name_with_flags_async;
  resolver_class->lookup_by_name_with_flags_finish = atr_resolver_lookup_list_finish;
  resolver_class->lookup_by_address = atr_resolver_lookup_by_address;
  resolver_class->lookup_by_address_async = atr_resolver_lookup_by_address_async;
  resolver_class->lookup_by_address_finish = atr_resolver_lookup_by_address_finish;
  resolver_class->lookup_service = atr_resolver_lookup_service;
  resolver_class->lookup_service_async = atr_resolver_lookup_service_async;
  resolver_class->lookup_service_finish = atr_resolver_lookup_list_finish;
  resolver_class->lookup_records = atr_resolver_lookup_records;
  resolver_class->lookup_records_async = atr_resolver_lookup_records_async;
  resolver_class->lookup_records_finish = atr_resolver_lookup_list_finish;
}

static void
atr_resolver_init (AtrResolver *self)
{
  g_mutex_init (&self->lock);
  self->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, override_free);
  self->txt = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify) g_ptr_array_unref);
}

AtrResolver *
atr_resolver_new (GResolver *wrapped)
{
  AtrResolver *self;

  g_return_val_if_fail (wrapped == NULL || G_IS_RESOLVER (wrapped), NULL);

  self = g_object_new (ATR_TYPE_RESOLVER, NULL);
  self->wrapped = wrapped ? g_object_ref (wrapped) : NULL;
  return self;
}

AtrResolver *
atr_resolver_new_default (void)
{
  g_autoptr(GResolver) current = g_resolver_get_default ();

  /* Wrapping ourselves would loop: take over the previous override's resolver instead. */
  if (ATR_IS_RESOLVER (current))
    return atr_resolver_new (ATR_RESOLVER (current)->wrapped);
  return atr_resolver_new (current);
}

static gboolean
bad_spec (GError    **error,
          const char *spec,
          const char *why)
{
  g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS,
               _("bad --resolve “%s”: %s (expected HOST:PORT:ADDR[,ADDR…])"), spec, why);
  return FALSE;
}

static GInetAddress *
parse_override_address (const char *text)
{
  g_autofree char *inner = NULL;
  GInetAddress *addr;

  if (text[0] == '[')
    {
      gsize len = strlen (text);

      if (len < 3 || text[len - 1] != ']')
        return NULL;
      inner = g_strndup (text + 1, len - 2);
      addr = g_inet_address_new_from_string (inner);
      if (addr != NULL && g_inet_address_get_family (addr) != G_SOCKET_FAMILY_IPV6)
        g_clear_object (&addr);
      return addr;
    }
  /* Bare IPv6 is unambiguous here (the address list is the rest of the spec); accept it. */
  return g_inet_address_new_from_string (text);
}

gboolean
atr_resolver_add_override (AtrResolver  *self,
                           const char   *spec,
                           GError      **error)
{
  g_autofree char *host = NULL;
  g_autofree char *ascii = NULL;
  g_auto(GStrv) addr_texts = NULL;
  g_autoptr(GPtrArray) addrs = NULL;
  const char *first;
  const char *second;
  guint64 port = 0;
  Override *o;

  g_return_val_if_fail (ATR_IS_RESOLVER (self), FALSE);
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strlen (spec) > 4096)
    return bad_spec (error, "(too long)", "longer than 4096 bytes");
  if (!g_utf8_validate (spec, -1, NULL))
    return bad_spec (error, "(not UTF-8)", "not valid UTF-8");
  for (const char *p = spec; *p; p++)
    if (g_ascii_iscntrl (*p) || *p == ' ')
      return bad_spec (error, spec, "contains a space or control character");

  first = strchr (spec, ':');
  second = first ? strchr (first + 1, ':') : NULL;
  if (first == NULL || second == NULL)
    return bad_spec (error, spec, "missing “:”");

  host = g_strndup (spec, first - spec);
  if (*host == '\0')
    return bad_spec (error, spec, "empty host");
  if (host[0] == '-' || host[0] == '+')
    return bad_spec (error, spec, "“+HOST” and “-HOST” forms are not supported");
  if (g_hostname_is_ip_address (host))
    return bad_spec (error, spec, "HOST must be a name, not an address");
  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    return bad_spec (error, spec, "HOST is not a valid host name");
  for (const char *p = ascii; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return bad_spec (error, spec, "HOST is not a valid host name");

  if (second == first + 1)
    return bad_spec (error, spec, "empty port");
  for (const char *p = first + 1; p < second; p++)
    {
      if (!g_ascii_isdigit (*p))
        return bad_spec (error, spec, "PORT is not a number");
      port = port * 10 + (guint64) (*p - '0');
      if (port > 65535)
        return bad_spec (error, spec, "PORT is out of range (1–65535)");
    }
  if (port == 0)
    return bad_spec (error, spec, "PORT is out of range (1–65535)");

  if (second[1] == '\0')
    return bad_spec (error, spec, "no address");
  addr_texts = g_strsplit (second + 1, ",", -1);
  addrs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; addr_texts[i] != NULL; i++)
    {
      GInetAddress *addr;

      if (*addr_texts[i] == '\0')
        return bad_spec (error, spec, "empty address in the list");
      addr = parse_override_address (addr_texts[i]);
      if (addr == NULL)
        {
          g_autofree char *why = g_strdup_printf ("“%s” is not an IPv4 address or a [bracketed] "
                                                  "IPv6 address", addr_texts[i]);
          return bad_spec (error, spec, why);
        }
      g_ptr_array_add (addrs, addr);
    }

  o = g_new0 (Override, 1);
  o->port = (guint16) port;
  o->addresses = g_steal_pointer (&addrs);

  g_mutex_lock (&self->lock);
  g_hash_table_replace (self->overrides, make_key (ascii), o);
  g_mutex_unlock (&self->lock);

  g_debug ("resolver override: %s → %u address(es), port %u", ascii, o->addresses->len,
           o->port);
  return TRUE;
}

void
atr_resolver_add_txt (AtrResolver       *self,
                      const char        *name,
                      const char *const *strings)
{
  g_autofree char *key = NULL;
  GPtrArray *records;

  g_return_if_fail (ATR_IS_RESOLVER (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (strings != NULL);

  key = make_key (name);
  g_mutex_lock (&self->lock);
  records = g_hash_table_lookup (self->txt, key);
  if (records == NULL)
    {
      records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      g_hash_table_insert (self->txt, g_steal_pointer (&key), records);
    }
  g_ptr_array_add (records, g_strdupv ((char **) strings));
  g_mutex_unlock (&self->lock);
}

gboolean
atr_resolver_has_override (AtrResolver *self,
                           const char  *host)
{
  return atr_resolver_get_override_port (self, host) != 0;
}

guint16
atr_resolver_get_override_port (AtrResolver *self,
                                const char  *host)
{
  g_autofree char *ascii = NULL;
  g_autofree char *key = NULL;
  Override *o;
  guint16 port;

  g_return_val_if_fail (ATR_IS_RESOLVER (self), 0);
  g_return_val_if_fail (host != NULL, 0);

  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    return 0;
  key = make_key (ascii);
  g_mutex_lock (&self->lock);
  o = g_hash_table_lookup (self->overrides, key);
  port = o ? o->port : 0;
  g_mutex_unlock (&self->lock);
  return port;
}

/**
 * atr_resolver_lookup_override:
 *
 * The override's addresses for @host, as a lookup would answer them (rotated on each call),
 * without going through g_resolver_lookup_by_name(): GLib answers "localhost" itself (::1,
 * then 127.0.0.1) and never asks the installed resolver.
 *
 * Returns: (transfer full) (element-type GInetAddress) (nullable): the addresses (free with
 *   g_resolver_free_addresses()), or %NULL when @host has no override
 */
GList *
atr_resolver_lookup_override (AtrResolver *self,
                              const char  *host)
{
  g_autofree char *ascii = NULL;
  gboolean found = FALSE;

  g_return_val_if_fail (ATR_IS_RESOLVER (self), NULL);
  g_return_val_if_fail (host != NULL, NULL);

  ascii = g_hostname_to_ascii (host);
  if (ascii == NULL)
    return NULL;
  return override_lookup (self, ascii, G_RESOLVER_NAME_LOOKUP_FLAGS_DEFAULT, &found);
}

void
atr_resolver_install (AtrResolver *self)
{
  g_return_if_fail (ATR_IS_RESOLVER (self));

  g_resolver_set_default (G_RESOLVER (self));
}
