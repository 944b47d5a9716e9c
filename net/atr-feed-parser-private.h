/* atr-feed-parser-private.h — state shared by the feed parser's files (net/ internal)
 *
 * atr-feed-parser.c drives libxml2's SAX2 parser and owns the entry point;
 * atr-feed-parser-elements.c turns the elements it recognises into AtrResources.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/parser.h>

#include "atr-feed.h"
#include "atr-feed-url-policy.h"
#include "atr-resource.h"

G_BEGIN_DECLS

/* The elements the parser acts on; everything else is EL_UNKNOWN and ignored. */
typedef enum
{
  EL_UNKNOWN,
  EL_COLLECTION,
  EL_PUBLISHER,
  EL_RESOURCES,
  EL_RESOURCE,
  EL_ICONS,
  EL_ICON,
  EL_FILE_EXTENSIONS,
  EL_FILE_EXTENSION,
  EL_FOLDERS,
  EL_FOLDER,
  EL_HOSTS,
  EL_HOST,
  EL_RESOURCE_FILE,
} AtrFeedElementKind;

typedef struct
{
  AtrResourceBuilder *builder;     /* NULL once the resource is being skipped */
  char               *id;          /* quoted form, for warnings */
  char               *raw_id;      /* as given */
  char               *rdp_ref;     /* the first .rdp ResourceFile URL */
  int                 line;
  int                 rdp_line;
} AtrFeedPending;

/* Everything one atr_feed_parse() call knows; lives on its stack. */

typedef struct
{
  xmlParserCtxtPtr   ctxt;
  AtrFeedUrlPolicy  *policy;

  int                depth;
  AtrFeedElementKind kinds[ATR_FEED_MAX_DEPTH + 1];
  const xmlChar     *names[ATR_FEED_MAX_DEPTH + 1];

  /* results */
  char              *publisher_name;
  char              *publisher_id;
  char              *current_publisher;
  char              *schema_version;
  int                reconnect_collection;   /* -1 absent, else 0/1 */
  int                reconnect_publisher;
  gboolean           saw_publisher;
  int                root_line;
  GPtrArray         *resources;
  GHashTable        *ids;
  GPtrArray         *warnings;
  AtrFeedPending            pending;

  /* failure: our own (fatal) or the first one libxml2 reported */
  GError            *error;
  char              *xml_message;
  char              *xml_element;
  int                xml_line;
  int                xml_level;
} AtrFeedParseState;

typedef struct
{
  const xmlChar **attrs;   /* libxml2's: 5 pointers per attribute */
  int             n;
} AtrFeedAttributes;

int   _atr_feed_line                (AtrFeedParseState       *state);
char *_atr_feed_quote_max           (const char              *text,
                                     gsize                    max);
char *_atr_feed_quote               (const char              *text);
void  _atr_feed_warn                (AtrFeedParseState       *state,
                                     const char              *format,
                                     ...) G_GNUC_PRINTF (2, 3);
void  _atr_feed_fail                (AtrFeedParseState       *state,
                                     const char              *format,
                                     ...) G_GNUC_PRINTF (2, 3);
char *_atr_feed_dup_attr            (const AtrFeedAttributes *attrs,
                                     const char              *name);
void  _atr_feed_pending_clear       (AtrFeedPending          *pending);
void  _atr_feed_drop_pending        (AtrFeedParseState       *state);
void  _atr_feed_start_collection    (AtrFeedParseState       *state,
                                     const xmlChar           *localname,
                                     const xmlChar           *uri,
                                     const AtrFeedAttributes *attrs);
void  _atr_feed_start_publisher     (AtrFeedParseState       *state,
                                     const AtrFeedAttributes *attrs);
void  _atr_feed_start_resource      (AtrFeedParseState       *state,
                                     const AtrFeedAttributes *attrs);
void  _atr_feed_end_resource        (AtrFeedParseState       *state);
void  _atr_feed_add_icon            (AtrFeedParseState       *state,
                                     const char              *element,
                                     const AtrFeedAttributes *attrs);
void  _atr_feed_add_folder          (AtrFeedParseState       *state,
                                     const AtrFeedAttributes *attrs);
void  _atr_feed_add_resource_file   (AtrFeedParseState       *state,
                                     const AtrFeedAttributes *attrs);

G_END_DECLS
