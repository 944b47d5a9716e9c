/* atr-uri-host.h — strict checks for host names, ports and values that come from links
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every function here takes already percent-decoded text (decoded exactly once) and the
 * name of the parameter it came from, which is what error messages name. Values are never
 * quoted in errors; only host names that passed the character checks appear in warnings.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  ATR_URI_HOST_NAME_ONLY  = 0,
  ATR_URI_HOST_ALLOW_IP   = 1 << 0,  /* IPv4, [IPv6] (and bare IPv6 when no port may follow) */
  ATR_URI_HOST_ALLOW_PORT = 1 << 1,  /* "host:port" or "[v6]:port" */
} AtrUriHostFlags;

#define ATR_URI_HOST_MAX_LENGTH 253   /* DNS name in ASCII, without the trailing dot */
#define ATR_URI_VALUE_MAX_LENGTH 512

gboolean  atr_uri_host_normalize  (const char       *key,
                                   const char       *input,
                                   AtrUriHostFlags   flags,
                                   char            **ascii,
                                   char            **display,
                                   guint            *port,
                                   GPtrArray        *warnings,
                                   GError          **error);
gboolean  atr_uri_port_parse      (const char       *key,
                                   const char       *text,
                                   guint            *port,
                                   GError          **error);
gboolean  atr_uri_value_check     (const char       *key,
                                   const char       *value,
                                   gsize             max_length,
                                   GError          **error);
gboolean  atr_uri_key_is_secret   (const char       *key);
char     *atr_uri_host_canonical  (const char       *host);

G_END_DECLS
