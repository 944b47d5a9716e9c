/* atr-launch-request-private.h — how the link parsers build a launch request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "atr-launch-request.h"

G_BEGIN_DECLS

/* Filled by a parser, then turned into the immutable request by _end (which takes every
 * field). Strings are owned; rdp_attributes holds "name:type:value" lines. */
typedef struct
{
  AtrLaunchAction  action;
  AtrUriScheme     scheme;
  const char      *command;          /* static: the canonical Parallels command name */
  char            *tenant;
  char            *display_tenant;
  char            *host;
  char            *display_host;
  guint            port;
  char            *resource;
  char            *user;
  char            *feed_url;
  char            *backup_host;      /* the first of backup_hosts */
  GPtrArray       *backup_hosts;     /* every Parallels Backup server, checked like Server */
  char            *gateway_host;
  int              connection_mode;
  char            *multi_id;
  GPtrArray       *rdp_attributes;
  GPtrArray       *warnings;
} AtrLaunchRequestBuilder;

void              _atr_launch_request_builder_init  (AtrLaunchRequestBuilder *builder,
                                                     AtrUriScheme             scheme);
void              _atr_launch_request_builder_clear (AtrLaunchRequestBuilder *builder);
AtrLaunchRequest *_atr_launch_request_builder_end   (AtrLaunchRequestBuilder *builder);

G_END_DECLS
