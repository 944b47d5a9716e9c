/* atr-logo-check.h — is a tenant logo or feed icon a safe, small image? (pure: no I/O)
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
  ATR_LOGO_FORMAT_ICO,   /* feed icons only */
} AtrLogoFormat;

gboolean atr_logo_check (const guint8   *data,
                         gsize           length,
                         const char     *url,
                         AtrLogoFormat  *out_format,
                         GError        **error);

gboolean atr_icon_check (const guint8   *data,
                         gsize           length,
                         const char     *url,
                         AtrLogoFormat  *out_format,
                         GError        **error);

G_END_DECLS
