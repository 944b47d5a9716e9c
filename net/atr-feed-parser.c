/* atr-feed-parser.c — parses an RD Web Access workspace feed ([MS-TSWP], FORMATS.md §1)
 *
 * A streaming SAX2 parser over libxml2: no tree is built, so a 10,000-resource feed costs
 * little more than checking that it is well-formed, and line numbers stay exact past 65,535.
 *
 * Safety, in order: the size cap is checked before libxml2 sees a byte; options are
 * XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING and never NOENT or DTDLOAD; the
 * first sign of a DOCTYPE stops the parser before its internal subset is read, so no entity
 * is ever declared, let alone expanded; errors go to a structured handler (the context's and,
 * for errors libxml2 raises without a context, the thread's) so nothing reaches stderr;
 * nesting deeper than ATR_FEED_MAX_DEPTH refuses the document; an attribute value longer than
 * ATR_FEED_MAX_ATTRIBUTE_LENGTH drops the resource it sits in, or refuses the document when it
 * sits outside any Resource.
 *
 * Tolerated quirks: schema 1.0–2.1, SupportsReconnect on ResourceCollection or Publisher,
 * stray spaces in values, duplicate TerminalServer IDs, folder names without the leading "/",
 * icon FileType in any case, Icons in any order, unknown elements and attributes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <glib/gi18n-lib.h>

#include "atr-net-error.h"
#include "atr-resource.h"
#include "atr-feed-private.h"
#include "atr-feed-url-policy.h"
#include "atr-feed-parser-private.h"

#include "atr-feed.h"

/* Where each known element may appear: (parent, local name) → kind. */
static const struct
{
  AtrFeedElementKind  parent;
  const char         *name;
  AtrFeedElementKind  kind;
} transitions[] = {
  { EL_COLLECTION, "Publisher", EL_PUBLISHER },
  { EL_PUBLISHER, "Resources", EL_RESOURCES },
  { EL_RESOURCES, "Resource", EL_RESOURCE },
  { EL_RESOURCE, "Icons", EL_ICONS },
  { EL_RESOURCE, "FileExtensions", EL_FILE_EXTENSIONS },
  { EL_RESOURCE, "Folders", EL_FOLDERS },
  { EL_RESOURCE, "HostingTerminalServers", EL_HOSTS },
  { EL_FILE_EXTENSIONS, "FileExtension", EL_FILE_EXTENSION },
  { EL_FOLDERS, "Folder", EL_FOLDER },
  { EL_HOSTS, "HostingTerminalServer", EL_HOST },
  { EL_HOST, "ResourceFile", EL_RESOURCE_FILE },
};

/* ----- SAX callbacks ----- */

static AtrFeedElementKind
child_kind (AtrFeedElementKind  parent,
            const xmlChar      *localname,
            const xmlChar      *uri)
{
  if (parent == EL_UNKNOWN || uri == NULL || strcmp ((const char *) uri, ATR_FEED_NAMESPACE) != 0)
    return EL_UNKNOWN;

  if (parent == EL_ICONS)
    return strncmp ((const char *) localname, "Icon", 4) == 0 ? EL_ICON : EL_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (transitions[i].parent == parent && strcmp (transitions[i].name, (const char *) localname) == 0)
      return transitions[i].kind;

  return EL_UNKNOWN;
}

static gboolean
inside_resource (AtrFeedParseState *state)
{
  for (int i = state->depth - 1; i >= 0; i--)
    if (state->kinds[i] == EL_RESOURCE)
      return TRUE;
  return FALSE;
}

/* Returns FALSE when an over-long attribute dropped the resource or refused the feed. */
static gboolean
check_attribute_lengths (AtrFeedParseState       *state,
                         const xmlChar           *localname,
                         const AtrFeedAttributes *attrs)
{
  for (int i = 0; i < attrs->n; i++)
    {
      const xmlChar **a = attrs->attrs + 5 * i;
      g_autofree char *element = NULL;
      g_autofree char *attribute = NULL;

      if (a[4] - a[3] <= ATR_FEED_MAX_ATTRIBUTE_LENGTH)
        continue;

      element = _atr_feed_quote ((const char *) localname);
      attribute = _atr_feed_quote ((const char *) a[0]);
      if (!inside_resource (state))
        {
          _atr_feed_fail (state, _("<%s> (line %d): attribute %s is longer than %d bytes"),
                element, _atr_feed_line (state), attribute, ATR_FEED_MAX_ATTRIBUTE_LENGTH);
          return FALSE;
        }
      if (state->pending.builder != NULL)
        {
          _atr_feed_warn (state, "resource '%s' (line %d): attribute %s of <%s> is longer than "
                       "%d bytes; dropped", state->pending.id != NULL ? state->pending.id : "?",
                       _atr_feed_line (state), attribute, element, ATR_FEED_MAX_ATTRIBUTE_LENGTH);
          _atr_feed_drop_pending (state);
        }
      return FALSE;
    }
  return TRUE;
}

static void
start_element_cb (void           *user_data,
                  const xmlChar  *localname,
                  const xmlChar  *prefix,
                  const xmlChar  *uri,
                  int             nb_namespaces,
                  const xmlChar **namespaces,
                  int             nb_attributes,
                  int             nb_defaulted,
                  const xmlChar **attributes)
{
  AtrFeedParseState *state = user_data;
  AtrFeedAttributes attrs = { attributes, nb_attributes };
  AtrFeedElementKind kind;

  if (state->error != NULL)
    return;

  if (state->depth >= ATR_FEED_MAX_DEPTH)
    {
      g_autofree char *quoted = _atr_feed_quote ((const char *) localname);

      _atr_feed_fail (state, _("<%s> (line %d) is nested more than %d elements deep"),
            quoted, _atr_feed_line (state), ATR_FEED_MAX_DEPTH);
      return;
    }

  if (state->depth == 0)
    {
      _atr_feed_start_collection (state, localname, uri, &attrs);
      kind = EL_COLLECTION;
    }
  else
    kind = child_kind (state->kinds[state->depth - 1], localname, uri);

  state->kinds[state->depth] = kind;
  state->names[state->depth] = localname;
  state->depth++;

  if (state->error != NULL)
    return;

  /* A Resource's ID is needed to name it when its attributes are too long. */
  if (kind == EL_RESOURCE)
    _atr_feed_start_resource (state, &attrs);

  if (!check_attribute_lengths (state, localname, &attrs))
    return;

  switch (kind)
    {
    case EL_PUBLISHER:
      _atr_feed_start_publisher (state, &attrs);
      break;
    case EL_ICON:
      if (state->pending.builder != NULL)
        _atr_feed_add_icon (state, (const char *) localname, &attrs);
      break;
    case EL_FILE_EXTENSION:
      if (state->pending.builder != NULL)
        {
          g_autofree char *name = _atr_feed_dup_attr (&attrs, "Name");

          if (name != NULL && *name != '\0')
            atr_resource_builder_add_file_extension (state->pending.builder, name);
        }
      break;
    case EL_FOLDER:
      if (state->pending.builder != NULL)
        _atr_feed_add_folder (state, &attrs);
      break;
    case EL_RESOURCE_FILE:
      if (state->pending.builder != NULL)
        _atr_feed_add_resource_file (state, &attrs);
      break;
    case EL_UNKNOWN:
    case EL_COLLECTION:
    case EL_RESOURCES:
    case EL_RESOURCE:
    case EL_ICONS:
    case EL_FILE_EXTENSIONS:
    case EL_FOLDERS:
    case EL_HOSTS:
    case EL_HOST:
    default:
      break;
    }
}

static void
end_element_cb (void          *user_data,
                const xmlChar *localname,
                const xmlChar *prefix,
                const xmlChar *uri)
{
  AtrFeedParseState *state = user_data;

  if (state->error != NULL || state->depth == 0)
    return;

  state->depth--;
  if (state->kinds[state->depth] == EL_RESOURCE)
    _atr_feed_end_resource (state);
  else if (state->kinds[state->depth] == EL_PUBLISHER)
    g_clear_pointer (&state->current_publisher, g_free);
}

/* Called as soon as "<!DOCTYPE name …" is read, before any internal subset: refuse. */
static void
internal_subset_cb (void          *user_data,
                    const xmlChar *name,
                    const xmlChar *external_id,
                    const xmlChar *system_id)
{
  AtrFeedParseState *state = user_data;

  _atr_feed_fail (state, _("line %d: the document has a DOCTYPE; feeds with a DTD are refused"),
        _atr_feed_line (state));
}

static void
structured_error_cb (void        *user_data,
                     xmlErrorPtr  error)
{
  AtrFeedParseState *state = user_data;
  g_autofree char *message = NULL;

  if (error == NULL || error->level < XML_ERR_ERROR)
    return;
  /* keep the first fatal error; an earlier non-fatal one gives way to it */
  if (state->xml_message != NULL
      && (state->xml_level == XML_ERR_FATAL || error->level != XML_ERR_FATAL))
    return;

  message = g_strdup (error->message != NULL ? error->message : "unknown error");
  g_strstrip (message);

  g_free (state->xml_message);
  g_free (state->xml_element);
  state->xml_message = _atr_feed_quote_max (message, 160);
  state->xml_level = error->level;
  state->xml_line = error->line > 0 ? error->line : (state->ctxt ? _atr_feed_line (state) : 0);
  state->xml_element = state->depth > 0
                       ? _atr_feed_quote ((const char *) state->names[state->depth - 1])
                       : NULL;
}

/* ----- entry point ----- */

static void
parse_state_clear (AtrFeedParseState *state)
{
  _atr_feed_pending_clear (&state->pending);
  g_free (state->publisher_name);
  g_free (state->publisher_id);
  g_free (state->current_publisher);
  g_free (state->schema_version);
  g_clear_pointer (&state->resources, g_ptr_array_unref);
  g_clear_pointer (&state->ids, g_hash_table_unref);
  g_clear_pointer (&state->warnings, g_ptr_array_unref);
  g_clear_error (&state->error);
  g_free (state->xml_message);
  g_free (state->xml_element);
}

typedef struct
{
  const char *data;
  gsize       length;
  gsize       offset;
} SliceReader;

/* libxml2's read callback over the caller's buffer. */
static int
read_slice (void *context,
            char *buffer,
            int   size)
{
  SliceReader *reader = context;
  gsize n = MIN ((gsize) MAX (size, 0), reader->length - reader->offset);

  memcpy (buffer, reader->data + reader->offset, n);
  reader->offset += n;
  return (int) n;
}

static void
run_parser (AtrFeedParseState *state,
            const char        *data,
            gsize              length)
{
  static gsize libxml_ready = 0;
  xmlSAXHandler sax;
  xmlStructuredErrorFunc old_handler = xmlStructuredError;
  void *old_context = xmlStructuredErrorContext;
  SliceReader reader = { data, length, 0 };

  /* libxml2 wants its globals set up once before it is used from several threads */
  if (g_once_init_enter (&libxml_ready))
    {
      xmlInitParser ();
      g_once_init_leave (&libxml_ready, 1);
    }

  memset (&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = start_element_cb;
  sax.endElementNs = end_element_cb;
  sax.internalSubset = internal_subset_cb;
  sax.serror = structured_error_cb;

  /* libxml2 raises some errors (encoding conversion) without a context: catch those on
   * this thread too instead of letting them reach stderr. */
  xmlSetStructuredErrorFunc (state, structured_error_cb);

  /* Read through a callback rather than xmlCreateMemoryParserCtxt(): libxml2 2.9's memory
   * input first copies the whole document (11 MiB more RSS for a 10,000-resource feed),
   * while an I/O input is read in small pieces and shrunk as it is consumed. Same pull
   * parser, so the same messages and line numbers. */
  state->ctxt = xmlCreateIOParserCtxt (&sax, state, read_slice, NULL, &reader,
                                       XML_CHAR_ENCODING_NONE);
  if (state->ctxt != NULL)
    {
      xmlCtxtUseOptions (state->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
      xmlParseDocument (state->ctxt);
      if (!state->ctxt->wellFormed && state->error == NULL && state->xml_message == NULL)
        state->xml_message = g_strdup ("not well-formed");
      xmlFreeParserCtxt (state->ctxt);
      state->ctxt = NULL;
    }
  else if (state->xml_message == NULL)
    state->xml_message = g_strdup ("could not create a parser");

  xmlSetStructuredErrorFunc (old_context, old_handler);
}

/**
 * atr_feed_parse:
 * @data: the document as received
 * @length: its length in bytes
 * @feed_url: the absolute URL it came from: relative URLs resolve against it and its origin
 *   is the one resource files and icons must stay on
 * @extra_origins: (nullable): more "https://host[:port]" origins the tenant declares
 * @error: %ATR_NET_ERROR_BAD_DATA naming the element and line at fault;
 *   %ATR_NET_ERROR_INVALID_ADDRESS when @feed_url is not absolute
 *
 * Parses a workspace feed strictly (see the top of this file for what is refused and what
 * is tolerated). Resources that cannot be used safely are dropped with a warning; the
 * document is refused only when it is not a feed at all or is hostile.
 *
 * Returns: (transfer full): the feed, or %NULL with @error set
 */
AtrFeed *
atr_feed_parse (const char          *data,
                gsize                length,
                const char          *feed_url,
                const char * const  *extra_origins,
                GError             **error)
{
  g_autoptr(AtrFeedUrlPolicy) policy = NULL;
  AtrFeedParseState state = { 0 };
  AtrFeed *feed;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (feed_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  policy = atr_feed_url_policy_new (feed_url, extra_origins, error);
  if (policy == NULL)
    return NULL;

  if (length > ATR_FEED_MAX_SIZE)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                   _("Feed from %s is %lu bytes; the limit is %d"),
                   atr_feed_url_policy_get_feed_host (policy), (unsigned long) length,
                   ATR_FEED_MAX_SIZE);
      return NULL;
    }
  if (length == 0)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                   _("Feed from %s is empty (line 1)"), atr_feed_url_policy_get_feed_host (policy));
      return NULL;
    }

  state.policy = policy;
  state.reconnect_collection = state.reconnect_publisher = -1;
  state.resources = g_ptr_array_new_with_free_func (g_object_unref);
  state.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state.warnings = g_ptr_array_new_with_free_func (g_free);

  run_parser (&state, data, length);

  if (state.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&state.error));
      parse_state_clear (&state);
      return NULL;
    }
  if (state.xml_message != NULL)
    {
      if (state.xml_element != NULL)
        g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                     _("Feed from %s is not well-formed XML: line %d, in <%s>: %s"),
                     atr_feed_url_policy_get_feed_host (policy), state.xml_line,
                     state.xml_element, state.xml_message);
      else
        g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                     _("Feed from %s is not well-formed XML: line %d: %s"),
                     atr_feed_url_policy_get_feed_host (policy), state.xml_line,
                     state.xml_message);
      parse_state_clear (&state);
      return NULL;
    }
  if (!state.saw_publisher)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                   _("Feed from %s: <ResourceCollection> (line %d) has no <Publisher>"),
                   atr_feed_url_policy_get_feed_host (policy), state.root_line);
      parse_state_clear (&state);
      return NULL;
    }

  g_ptr_array_add (state.warnings, NULL);
  feed = _atr_feed_new (g_steal_pointer (&state.publisher_name),
                        g_steal_pointer (&state.publisher_id),
                        g_steal_pointer (&state.schema_version),
                        state.reconnect_publisher >= 0 ? state.reconnect_publisher
                                                       : state.reconnect_collection == 1,
                        g_steal_pointer (&state.resources),
                        (char **) g_ptr_array_free (g_steal_pointer (&state.warnings), FALSE));
  parse_state_clear (&state);
  return feed;
}
