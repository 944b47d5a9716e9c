/* atr-logo-check.h — is a tenant logo a safe, small PNG or SVG? (pure: no I/O, no network)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATR_LOGO_MAX_SIZE   (1024 * 1024)
#define ATR_LOGO_MAX_PIXELS 2048

typedef enum
{
  ATR_LOGO_FORMAT_PNG,
  ATR_LOGO_FORMAT_SVG,
} AtrLogoFormat;

gboolean atr_logo_check (const guint8   *data,
                         gsize           length,
                         const char     *url,
                         AtrLogoFormat  *out_format,
                         GError        **error);

G_END_DECLS
