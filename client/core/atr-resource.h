/* atr-resource.h — one published desktop or RemoteApp (immutable value object)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  ATR_RESOURCE_KIND_DESKTOP,
  ATR_RESOURCE_KIND_REMOTEAPP,
} AtrResourceKind;

/* Icon size used for the raw ICO icon (IconRaw), which has no single dimension. */
#define ATR_RESOURCE_ICON_RAW 0

#define ATR_TYPE_RESOURCE (atr_resource_get_type ())
G_DECLARE_FINAL_TYPE (AtrResource, atr_resource, ATR, RESOURCE, GObject)

typedef struct _AtrResourceBuilder AtrResourceBuilder;

AtrResourceBuilder  *atr_resource_builder_new               (const char         *id,
                                                             AtrResourceKind     kind);
void                 atr_resource_builder_set_alias         (AtrResourceBuilder *builder,
                                                             const char         *alias);
void                 atr_resource_builder_set_title         (AtrResourceBuilder *builder,
                                                             const char         *title);
void                 atr_resource_builder_set_rdp_url       (AtrResourceBuilder *builder,
                                                             const char         *rdp_url);
void                 atr_resource_builder_set_publisher     (AtrResourceBuilder *builder,
                                                             const char         *publisher);
void                 atr_resource_builder_set_show_by_default (AtrResourceBuilder *builder,
                                                               gboolean            show);
void                 atr_resource_builder_add_folder        (AtrResourceBuilder *builder,
                                                             const char         *folder);
void                 atr_resource_builder_add_icon          (AtrResourceBuilder *builder,
                                                             guint               size,
                                                             const char         *url);
void                 atr_resource_builder_add_file_extension (AtrResourceBuilder *builder,
                                                              const char         *extension);
AtrResource         *atr_resource_builder_end               (AtrResourceBuilder *builder);
void                 atr_resource_builder_free              (AtrResourceBuilder *builder);

const char          *atr_resource_get_id                    (AtrResource        *self);
const char          *atr_resource_get_alias                 (AtrResource        *self);
const char          *atr_resource_get_title                 (AtrResource        *self);
AtrResourceKind      atr_resource_get_kind                  (AtrResource        *self);
const char          *atr_resource_get_rdp_url               (AtrResource        *self);
const char          *atr_resource_get_publisher             (AtrResource        *self);
gboolean             atr_resource_get_show_by_default       (AtrResource        *self);
const char * const  *atr_resource_get_folders               (AtrResource        *self);
const char * const  *atr_resource_get_file_extensions       (AtrResource        *self);
guint                atr_resource_get_n_icons               (AtrResource        *self);
const char          *atr_resource_get_icon                  (AtrResource        *self,
                                                             guint               index,
                                                             guint              *size);
const char          *atr_resource_lookup_icon               (AtrResource        *self,
                                                             guint               size);
gboolean             atr_resource_equal                     (AtrResource        *a,
                                                             AtrResource        *b);
const char          *atr_resource_kind_to_string            (AtrResourceKind     kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrResourceBuilder, atr_resource_builder_free)

G_END_DECLS
