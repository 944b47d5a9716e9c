/* atr-theme-error.h — the one error domain of themes/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define ATR_THEME_ERROR (atr_theme_error_quark ())

/**
 * AtrThemeError:
 * @ATR_THEME_ERROR_FAILED: anything not covered below
 * @ATR_THEME_ERROR_TOO_LARGE: a document or logo over its size or pixel limit
 * @ATR_THEME_ERROR_MALFORMED: not UTF-8, not JSON, nested too deep, or not the expected format
 * @ATR_THEME_ERROR_VERSION: atrium_theme is missing or not a version this client reads
 * @ATR_THEME_ERROR_INVALID: a key has the wrong type, a bad value, or is missing
 * @ATR_THEME_ERROR_UNSAFE_LOGO: a logo with scripts, external references, a DTD, …
 *
 * Messages always read "URL: key.path: what is wrong" (or name the logo's element and line).
 */
typedef enum
{
  ATR_THEME_ERROR_FAILED,
  ATR_THEME_ERROR_TOO_LARGE,
  ATR_THEME_ERROR_MALFORMED,
  ATR_THEME_ERROR_VERSION,
  ATR_THEME_ERROR_INVALID,
  ATR_THEME_ERROR_UNSAFE_LOGO,
} AtrThemeError;

GQuark atr_theme_error_quark (void);

G_END_DECLS
