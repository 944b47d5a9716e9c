/* fuzz-theme.c — tenant themes: atr_theme_parse() and the CSS generated from it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties: no crash or leak; a theme refused has an error and vice versa; warnings are
 * valid UTF-8; the CSS generated for both variants holds only comments and
 * `@define-color <name> #rrggbb;` lines, so no tenant text can reach GTK's CSS parser.
 */
#include "config.h"

#include <string.h>

#include "atr-theme-css.h"
#include "atr-theme-parser.h"

#include "atr-fuzz.h"

#define THEME_URL "https://tenant.atrium.test/.well-known/atrium/theme/theme.json"

static gboolean
is_define_color (const char *line)
{
  const char *p;

  if (!g_str_has_prefix (line, "@define-color "))
    return FALSE;
  p = line + strlen ("@define-color ");
  if (!g_ascii_isalpha (*p))
    return FALSE;
  while (g_ascii_isalnum (*p) || *p == '_')
    p++;
  if (strncmp (p, " #", 2) != 0)
    return FALSE;
  p += 2;
  for (int i = 0; i < 6; i++, p++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return strcmp (p, ";") == 0;
}

static void
check_css (AtrTheme        *theme,
           AtrThemeVariant  variant)
{
  g_autofree char *css = atr_theme_css_generate (theme, variant);
  g_auto(GStrv) lines = NULL;

  ATR_FUZZ_CHECK (css != NULL, "no CSS");
  lines = g_strsplit (css, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (*line == '\0')
        continue;
      if (g_str_has_prefix (line, "/*"))
        {
          /* Comments are Atrium's own: nothing may end one early or carry tenant text. */
          ATR_FUZZ_CHECK (g_str_has_suffix (line, "*/") && strstr (line + 2, "*/") ==
                          line + strlen (line) - 2, "CSS comment line %u", i + 1);
          continue;
        }
      ATR_FUZZ_CHECK (is_define_color (line), "CSS line %u: '%s'", i + 1, line);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTheme) theme = NULL;

  atr_fuzz_init_logging ();
  if (size > ATR_THEME_MAX_SIZE + 16)
    return -1;

  theme = atr_theme_parse ((const char *) data, size, THEME_URL, NULL, &error);
  ATR_FUZZ_CHECK ((theme == NULL) == (error != NULL), "result and error disagree");
  if (theme == NULL)
    {
      ATR_FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "error is not UTF-8");
      return 0;
    }

  for (const char * const *w = atr_theme_get_warnings (theme); w && *w; w++)
    ATR_FUZZ_CHECK (g_utf8_validate (*w, -1, NULL), "a warning is not UTF-8");
  check_css (theme, ATR_THEME_VARIANT_LIGHT);
  check_css (theme, ATR_THEME_VARIANT_DARK);
  return 0;
}
