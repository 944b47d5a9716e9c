/* atr-feed-parser-elements.c — turns the feed's elements into AtrResources
 *
 * Called by atr-feed-parser.c for each element it recognises. Everything quoted from the
 * feed into a warning goes through _atr_feed_quote(): one line, at most 64 bytes. URLs are
 * named by their host only, never their query (which may carry tokens).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <glib/gi18n-lib.h>

#include "atr-net-error.h"
#include "atr-resource.h"
#include "atr-feed-url-policy.h"

#include "atr-feed-parser-private.h"

/* Longest piece of feed text (an ID, a libxml2 message) quoted in a warning or error. */
#define QUOTE_MAX 64

int
_atr_feed_line (AtrFeedParseState *state)
{
  return xmlSAX2GetLineNumber (state->ctxt);
}

/* Feed text is untrusted: keep warnings on one line and short. */
char *
_atr_feed_quote_max (const char *text,
                     gsize       max)
{
  GString *out;
  const char *p, *end;

  if (text == NULL)
    return g_strdup ("?");

  end = text + strlen (text);
  out = g_string_sized_new (MIN ((gsize) (end - text), max) + 4);
  for (p = text; p < end && out->len < max; p++)
    g_string_append_c (out, ((guchar) *p < 0x20 || *p == 0x7f) ? '?' : *p);
  if (p < end)
    {
      /* do not cut a UTF-8 sequence in half */
      while (out->len > 0 && ((guchar) out->str[out->len - 1] & 0xC0) == 0x80)
        g_string_truncate (out, out->len - 1);
      if (out->len > 0 && (guchar) out->str[out->len - 1] >= 0xC0)
        g_string_truncate (out, out->len - 1);
      g_string_append (out, "…");
    }
  return g_string_free (out, FALSE);
}

char *
_atr_feed_quote (const char *text)
{
  return _atr_feed_quote_max (text, QUOTE_MAX);
}

void
_atr_feed_warn (AtrFeedParseState *state,
                const char        *format,
                ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (state->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

void
_atr_feed_fail (AtrFeedParseState *state,
                const char        *format,
                ...)
{
  va_list args;
  g_autofree char *message = NULL;

  if (state->error == NULL)
    {
      va_start (args, format);
      message = g_strdup_vprintf (format, args);
      va_end (args);
      state->error = g_error_new (ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA, _("Feed from %s: %s"),
                                  atr_feed_url_policy_get_feed_host (state->policy), message);
    }
  xmlStopParser (state->ctxt);
}

/* ----- attributes ----- */

static gboolean
find_attr (const AtrFeedAttributes  *attrs,
           const char               *name,
           const char              **value,
           gsize                    *length)
{
  for (int i = 0; i < attrs->n; i++)
    {
      const xmlChar **a = attrs->attrs + 5 * i;

      /* a[0] local name, a[1] prefix, a[2] URI, a[3] value, a[4] end of value */
      if (a[2] == NULL && strcmp ((const char *) a[0], name) == 0)
        {
          *value = (const char *) a[3];
          *length = a[4] - a[3];
          return TRUE;
        }
    }
  return FALSE;
}

/* The value with surrounding spaces stripped, or NULL when absent. Without entity
 * substitution libxml2 hands "&amp;" in attributes on as "&#38;": decode that here. */
char *
_atr_feed_dup_attr (const AtrFeedAttributes *attrs,
                    const char              *name)
{
  const char *value;
  gsize length;
  char *copy;

  if (!find_attr (attrs, name, &value, &length))
    return NULL;

  while (length > 0 && g_ascii_isspace (*value))
    value++, length--;
  while (length > 0 && g_ascii_isspace (value[length - 1]))
    length--;

  copy = g_strndup (value, length);
  if (memchr (copy, '&', length) != NULL)
    {
      char *in = copy, *out = copy;

      while (*in != '\0')
        {
          if (strncmp (in, "&#38;", 5) == 0)
            {
              *out++ = '&';
              in += 5;
            }
          else
            *out++ = *in++;
        }
      *out = '\0';
    }
  return copy;
}

/* -1 absent or unrecognised (warned about), else 0/1 */
static int
attr_boolean (AtrFeedParseState       *state,
              const AtrFeedAttributes *attrs,
              const char              *element,
              const char              *name)
{
  g_autofree char *value = _atr_feed_dup_attr (attrs, name);
  g_autofree char *quoted = NULL;

  if (value == NULL)
    return -1;
  if (g_ascii_strcasecmp (value, "true") == 0 || strcmp (value, "1") == 0)
    return 1;
  if (g_ascii_strcasecmp (value, "false") == 0 || strcmp (value, "0") == 0)
    return 0;

  quoted = _atr_feed_quote (value);
  _atr_feed_warn (state, "%s (line %d): %s=\"%s\" is not true or false; ignored",
               element, _atr_feed_line (state), name, quoted);
  return -1;
}

/* ----- resources ----- */

void
_atr_feed_pending_clear (AtrFeedPending *pending)
{
  g_clear_pointer (&pending->builder, atr_resource_builder_free);
  g_clear_pointer (&pending->id, g_free);
  g_clear_pointer (&pending->raw_id, g_free);
  g_clear_pointer (&pending->rdp_ref, g_free);
  pending->line = pending->rdp_line = 0;
}

void
_atr_feed_drop_pending (AtrFeedParseState *state)
{
  g_clear_pointer (&state->pending.builder, atr_resource_builder_free);
}

void
_atr_feed_start_resource (AtrFeedParseState       *state,
                          const AtrFeedAttributes *attrs)
{
  AtrFeedPending *pending = &state->pending;
  g_autofree char *id = _atr_feed_dup_attr (attrs, "ID");
  g_autofree char *type = _atr_feed_dup_attr (attrs, "Type");
  g_autofree char *alias = _atr_feed_dup_attr (attrs, "Alias");
  g_autofree char *title = _atr_feed_dup_attr (attrs, "Title");
  AtrResourceKind kind = ATR_RESOURCE_KIND_REMOTEAPP;
  int show;

  _atr_feed_pending_clear (pending);
  pending->line = _atr_feed_line (state);

  if (id == NULL || *id == '\0')
    {
      g_autofree char *quoted = _atr_feed_quote (title != NULL ? title : alias);

      _atr_feed_warn (state, "Resource (line %d, title \"%s\"): no ID; dropped",
                   pending->line, quoted);
      return;
    }

  pending->id = _atr_feed_quote (id);
  pending->raw_id = g_strdup (id);

  if (type != NULL && g_ascii_strcasecmp (type, "Desktop") == 0)
    kind = ATR_RESOURCE_KIND_DESKTOP;
  else if (type == NULL || g_ascii_strcasecmp (type, "RemoteApp") != 0)
    {
      g_autofree char *quoted = _atr_feed_quote (type);

      _atr_feed_warn (state, "resource '%s' (line %d): unknown Type \"%s\"; taken as RemoteApp",
                   pending->id, pending->line, type != NULL ? quoted : "");
    }

  pending->builder = atr_resource_builder_new (id, kind);
  if (alias != NULL && *alias != '\0')
    atr_resource_builder_set_alias (pending->builder, alias);
  if (title != NULL && *title != '\0')
    atr_resource_builder_set_title (pending->builder, title);
  if (state->current_publisher != NULL)
    atr_resource_builder_set_publisher (pending->builder, state->current_publisher);

  show = attr_boolean (state, attrs, "Resource", "ShowByDefault");
  atr_resource_builder_set_show_by_default (pending->builder, show != 0);
}

void
_atr_feed_end_resource (AtrFeedParseState *state)
{
  AtrFeedPending *pending = &state->pending;
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;
  g_autofree char *key = NULL;
  const char *reason = NULL;

  if (pending->builder == NULL)
    goto out;

  if (pending->rdp_ref == NULL)
    {
      _atr_feed_warn (state, "resource '%s' (line %d): no ResourceFile with FileExtension .rdp; "
                   "dropped", pending->id, pending->line);
      goto out;
    }

  url = atr_feed_url_policy_resolve (state->policy, pending->rdp_ref, TRUE, &host, &reason);
  if (url == NULL)
    {
      g_autofree char *quoted = _atr_feed_quote (host);

      _atr_feed_warn (state, "resource '%s' (line %d): ResourceFile URL on host %s %s; dropped",
                   pending->id, pending->rdp_line, quoted, reason);
      goto out;
    }

  /* One resource per ID and .rdp file: the same pair twice is one resource listed twice;
   * the same ID with another .rdp file is another resource (raweb gives every Chrome web
   * app the ID of chrome_proxy.exe), so both are kept. */
  key = g_strconcat (pending->raw_id, "\x01", url, NULL);
  if (!g_hash_table_add (state->ids, g_steal_pointer (&key)))
    {
      _atr_feed_warn (state, "resource '%s' (line %d): same ID and .rdp file as an earlier "
                   "one; the first one is kept", pending->id, pending->line);
      goto out;
    }

  atr_resource_builder_set_rdp_url (pending->builder, url);
  g_ptr_array_add (state->resources,
                   atr_resource_builder_end (g_steal_pointer (&pending->builder)));

out:
  _atr_feed_pending_clear (pending);
}

void
_atr_feed_add_icon (AtrFeedParseState       *state,
                    const char              *element,
                    const AtrFeedAttributes *attrs)
{
  AtrFeedPending *pending = &state->pending;
  g_autofree char *file_url = _atr_feed_dup_attr (attrs, "FileURL");
  g_autofree char *file_type = _atr_feed_dup_attr (attrs, "FileType");
  g_autofree char *url = NULL;
  g_autofree char *host = NULL;
  const char *reason = NULL;
  guint64 size = ATR_RESOURCE_ICON_RAW;
  int line = _atr_feed_line (state);

  if (strcmp (element, "IconRaw") != 0)
    {
      g_autofree char *dimensions = NULL;
      const char *digits = element + strlen ("Icon");

      if (*digits == '\0')
        digits = dimensions = _atr_feed_dup_attr (attrs, "Dimensions");
      if (digits == NULL || !g_ascii_isdigit (*digits)
          || (size = g_ascii_strtoull (digits, NULL, 10)) == 0 || size > 4096)
        {
          _atr_feed_warn (state, "resource '%s' (line %d): %s has no usable size; ignored",
                       pending->id, line, element);
          return;
        }
    }

  if (file_type != NULL && g_ascii_strcasecmp (file_type, "png") != 0
      && g_ascii_strcasecmp (file_type, "ico") != 0)
    {
      g_autofree char *quoted = _atr_feed_quote (file_type);

      _atr_feed_warn (state, "resource '%s' (line %d): %s has FileType \"%s\"; ignored",
                   pending->id, line, element, quoted);
      return;
    }

  if (file_url == NULL || *file_url == '\0')
    {
      _atr_feed_warn (state, "resource '%s' (line %d): %s has no FileURL; ignored",
                   pending->id, line, element);
      return;
    }

  url = atr_feed_url_policy_resolve (state->policy, file_url, FALSE, &host, &reason);
  if (url == NULL)
    {
      g_autofree char *quoted = _atr_feed_quote (host);

      _atr_feed_warn (state, "resource '%s' (line %d): %s URL on host %s %s; icon ignored",
                   pending->id, line, element, quoted, reason);
      return;
    }

  atr_resource_builder_add_icon (pending->builder, (guint) size, url);
}

void
_atr_feed_add_folder (AtrFeedParseState       *state,
                      const AtrFeedAttributes *attrs)
{
  g_autofree char *name = _atr_feed_dup_attr (attrs, "Name");
  g_autofree char *normal = NULL;
  gsize len;

  if (name == NULL || *name == '\0')
    return;

  normal = name[0] == '/' ? g_strdup (name) : g_strconcat ("/", name, NULL);
  len = strlen (normal);
  while (len > 1 && normal[len - 1] == '/')
    normal[--len] = '\0';

  atr_resource_builder_add_folder (state->pending.builder, normal);
}

void
_atr_feed_add_resource_file (AtrFeedParseState       *state,
                             const AtrFeedAttributes *attrs)
{
  AtrFeedPending *pending = &state->pending;
  g_autofree char *extension = _atr_feed_dup_attr (attrs, "FileExtension");

  if (pending->rdp_ref != NULL)
    return;
  if (extension != NULL && g_ascii_strcasecmp (extension, ".rdp") != 0
      && g_ascii_strcasecmp (extension, "rdp") != 0)
    return;

  pending->rdp_ref = _atr_feed_dup_attr (attrs, "URL");
  pending->rdp_line = _atr_feed_line (state);
  if (pending->rdp_ref != NULL && *pending->rdp_ref == '\0')
    g_clear_pointer (&pending->rdp_ref, g_free);
}

/* ----- collection and publisher ----- */

void
_atr_feed_start_collection (AtrFeedParseState       *state,
                            const xmlChar           *localname,
                            const xmlChar           *uri,
                            const AtrFeedAttributes *attrs)
{
  g_autofree char *version = NULL;

  state->root_line = _atr_feed_line (state);
  if (strcmp ((const char *) localname, "ResourceCollection") != 0)
    {
      g_autofree char *quoted = _atr_feed_quote ((const char *) localname);

      _atr_feed_fail (state, _("the root element <%s> (line %d) is not <ResourceCollection>"),
            quoted, state->root_line);
      return;
    }
  if (uri == NULL)
    {
      _atr_feed_fail (state, _("<ResourceCollection> (line %d) has no namespace; expected %s"),
            state->root_line, ATR_FEED_NAMESPACE);
      return;
    }
  if (strcmp ((const char *) uri, ATR_FEED_NAMESPACE) != 0)
    {
      g_autofree char *quoted = _atr_feed_quote ((const char *) uri);

      _atr_feed_fail (state, _("<ResourceCollection> (line %d) is in namespace \"%s\"; expected %s"),
            state->root_line, quoted, ATR_FEED_NAMESPACE);
      return;
    }

  version = _atr_feed_dup_attr (attrs, "SchemaVersion");
  if (version == NULL)
    _atr_feed_warn (state, "ResourceCollection (line %d): no SchemaVersion", state->root_line);
  else if (strcmp (version, "1") == 0 || strcmp (version, "2") == 0)
    {
      /* raweb writes the version with C#'s double.ToString(): 2.0 comes out as "2". */
      g_autofree char *whole = g_steal_pointer (&version);

      version = g_strconcat (whole, ".0", NULL);
    }
  else if (strcmp (version, "1.0") != 0 && strcmp (version, "1.1") != 0
           && strcmp (version, "2.0") != 0 && strcmp (version, "2.1") != 0)
    {
      g_autofree char *quoted = _atr_feed_quote (version);

      _atr_feed_warn (state, "ResourceCollection (line %d): unknown SchemaVersion \"%s\"; "
                   "read as 2.1", state->root_line, quoted);
    }
  state->schema_version = g_steal_pointer (&version);
  state->reconnect_collection = attr_boolean (state, attrs, "ResourceCollection",
                                              "SupportsReconnect");
}

void
_atr_feed_start_publisher (AtrFeedParseState       *state,
                           const AtrFeedAttributes *attrs)
{
  g_autofree char *name = _atr_feed_dup_attr (attrs, "Name");
  int reconnect = attr_boolean (state, attrs, "Publisher", "SupportsReconnect");

  if (name == NULL || *name == '\0')
    {
      _atr_feed_warn (state, "Publisher (line %d): no Name; the feed host stands in",
                   _atr_feed_line (state));
      g_free (name);
      name = g_strdup (atr_feed_url_policy_get_feed_host (state->policy));
    }

  g_free (state->current_publisher);
  state->current_publisher = g_strdup (name);

  if (state->saw_publisher)
    return;

  state->saw_publisher = TRUE;
  state->publisher_name = g_steal_pointer (&name);
  state->publisher_id = _atr_feed_dup_attr (attrs, "ID");
  state->reconnect_publisher = reconnect;
}
