/* atr-theme-parser.c — parse and validate a tenant theme document (pure: no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is refused and what is repaired:
 *
 *  - errors (the theme is rejected; the last good one stays): size > 1 MiB, bad JSON,
 *    atrium_theme missing or not 1, a value of the wrong JSON type, a missing name or
 *    colors.light key, a colour that is not `#rrggbb`.
 *  - warnings (the theme is used): a foreground under 4.5:1 against its background is
 *    replaced (atr_color_readable_fg(); the background is the tenant's and is kept), a logo
 *    path that is not a relative same-origin `.png`/`.svg` path is dropped, a link that is
 *    not https is dropped, an overlong text is truncated on a character boundary, control
 *    characters in texts become spaces, unknown keys and locales are ignored.
 *
 * The dark palette, when "colors.dark" is absent or lacks keys, is derived from light:
 * accent and accent_fg stay; header_bg stays if it is already dark (luminance < 0.05),
 * else it becomes #303030 (libadwaita's dark header) tinted 12 % towards the accent;
 * window_bg is #242424 tinted 6 % towards the accent; header_fg and window_fg are white.
 * The contrast repair then runs on both palettes.
 */
#define G_LOG_DOMAIN "atrium-themes"

#include "config.h"

#include <string.h>

#include "atr-json-load.h"
#include "atr-theme-private.h"

#include "atr-theme-parser.h"

#define MAX_NAME 64
#define MAX_LOGO_PATH 200
#define MAX_LINK 2048

typedef struct
{
  const char *url;
  const char *prefix;
  GPtrArray  *warnings;
  AtrColor    colors[2][ATR_THEME_N_ROLES];
  gboolean    have[2][ATR_THEME_N_ROLES];
} Ctx;

static const char * const variant_keys[] = { "light", "dark" };

/* The pairs whose contrast is checked: foreground role, background role. */
static const AtrThemeRole pairs[][2] = {
  { ATR_THEME_ROLE_ACCENT_FG, ATR_THEME_ROLE_ACCENT },
  { ATR_THEME_ROLE_HEADER_FG, ATR_THEME_ROLE_HEADER_BG },
  { ATR_THEME_ROLE_WINDOW_FG, ATR_THEME_ROLE_WINDOW_BG },
};

G_GNUC_PRINTF (3, 4)
static void
warn (Ctx        *ctx,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (ctx->warnings,
                   g_strdup_printf ("%s: %s%s: %s", ctx->url, ctx->prefix, path, msg));
}

G_GNUC_PRINTF (5, 6)
static gboolean
fail (Ctx         *ctx,
      GError     **error,
      int          code,
      const char  *path,
      const char  *format,
      ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ATR_THEME_ERROR, code, "%s: %s%s: %s", ctx->url, ctx->prefix, path, msg);
  return FALSE;
}

static gboolean
get_string (Ctx         *ctx,
            JsonNode    *node,
            const char  *path,
            const char **out,
            GError     **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return fail (ctx, error, ATR_THEME_ERROR_INVALID, path, "expected a string");
  if (!atr_json_text_is_valid (json_node_get_string (node)))
    return fail (ctx, error, ATR_THEME_ERROR_MALFORMED, path, "not valid UTF-8 once decoded");
  *out = json_node_get_string (node);
  return TRUE;
}

/* The member names of @object, each checked before it is compared or named in a message. */
static gboolean
get_members (Ctx         *ctx,
             JsonObject  *object,
             const char  *path,
             GList      **out,
             GError     **error)
{
  gboolean valid;

  *out = atr_json_object_get_valid_members (object, &valid);
  if (!valid)
    return fail (ctx, error, ATR_THEME_ERROR_MALFORMED, path,
                 "a member name is not valid UTF-8 once decoded");
  return TRUE;
}

static gboolean
get_object (Ctx         *ctx,
            JsonNode    *node,
            const char  *path,
            JsonObject **out,
            GError     **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return fail (ctx, error, ATR_THEME_ERROR_INVALID, path, "expected an object");
  *out = json_node_get_object (node);
  return TRUE;
}

/* A short, printable excerpt of untrusted text for messages. */
static char *
excerpt (const char *text)
{
  /* get_string() has checked the text; made valid again so that no caller can make this
   * read past it */
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  glong len = g_utf8_strlen (valid, -1);
  g_autofree char *cut = g_utf8_substring (valid, 0, MIN (len, 16));
  g_autofree char *escaped = g_strescape (cut, NULL);

  return len > 16 ? g_strconcat (escaped, "…", NULL) : g_steal_pointer (&escaped);
}

static gboolean
parse_palette (Ctx             *ctx,
               AtrThemeVariant  variant,
               JsonNode        *node,
               GError         **error)
{
  g_autofree char *path = g_strdup_printf ("colors.%s", variant_keys[variant]);
  g_autoptr(GList) members = NULL;
  JsonObject *object = NULL;

  if (!get_object (ctx, node, path, &object, error))
    return FALSE;

  if (!get_members (ctx, object, path, &members, error))
    return FALSE;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *key_path = g_strdup_printf ("%s.%s", path, key);
      const char *text = NULL;
      int role = -1;

      for (guint r = 0; r < ATR_THEME_N_ROLES; r++)
        if (g_str_equal (key, atr_theme_role_to_key (r)))
          role = (int) r;
      if (role < 0)
        {
          warn (ctx, key_path, "unknown colour, ignored");
          continue;
        }

      if (!get_string (ctx, json_object_get_member (object, key), key_path, &text, error))
        return FALSE;
      if (!atr_color_parse (text, &ctx->colors[variant][role]))
        {
          g_autofree char *shown = excerpt (text);
          return fail (ctx, error, ATR_THEME_ERROR_INVALID, key_path,
                       "expected a colour \"#rrggbb\", got \"%s\"", shown);
        }
      ctx->have[variant][role] = TRUE;
    }

  if (variant == ATR_THEME_VARIANT_LIGHT)
    for (guint r = 0; r < ATR_THEME_N_ROLES; r++)
      if (!ctx->have[variant][r])
        return fail (ctx, error, ATR_THEME_ERROR_INVALID, path, "missing colour \"%s\"",
                     atr_theme_role_to_key (r));

  return TRUE;
}

static void
derive_dark (Ctx *ctx)
{
  static const AtrColor adw_dark_header = { 0x30, 0x30, 0x30 };
  static const AtrColor adw_dark_window = { 0x24, 0x24, 0x24 };
  static const AtrColor white = { 0xff, 0xff, 0xff };
  const AtrColor *light = ctx->colors[ATR_THEME_VARIANT_LIGHT];
  AtrColor derived[ATR_THEME_N_ROLES];

  derived[ATR_THEME_ROLE_ACCENT] = light[ATR_THEME_ROLE_ACCENT];
  derived[ATR_THEME_ROLE_ACCENT_FG] = light[ATR_THEME_ROLE_ACCENT_FG];
  if (atr_color_luminance (&light[ATR_THEME_ROLE_HEADER_BG]) < 0.05)
    derived[ATR_THEME_ROLE_HEADER_BG] = light[ATR_THEME_ROLE_HEADER_BG];
  else
    derived[ATR_THEME_ROLE_HEADER_BG] = atr_color_mix (&adw_dark_header,
                                                       &light[ATR_THEME_ROLE_ACCENT], 0.12);
  derived[ATR_THEME_ROLE_HEADER_FG] = white;
  derived[ATR_THEME_ROLE_WINDOW_BG] = atr_color_mix (&adw_dark_window,
                                                     &light[ATR_THEME_ROLE_ACCENT], 0.06);
  derived[ATR_THEME_ROLE_WINDOW_FG] = white;

  for (guint r = 0; r < ATR_THEME_N_ROLES; r++)
    if (!ctx->have[ATR_THEME_VARIANT_DARK][r])
      ctx->colors[ATR_THEME_VARIANT_DARK][r] = derived[r];
}

static void
repair_contrast (Ctx             *ctx,
                 AtrThemeVariant  v)
{
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      AtrColor *fg = &ctx->colors[v][pairs[i][0]];
      const AtrColor *bg = &ctx->colors[v][pairs[i][1]];
      double before = atr_color_contrast (fg, bg);
      AtrColor fixed;
      char old_hex[8], new_hex[8];
      g_autofree char *path = NULL;

      if (before >= ATR_COLOR_MIN_CONTRAST)
        continue;

      fixed = atr_color_readable_fg (bg, fg, ATR_COLOR_MIN_CONTRAST);
      atr_color_to_string (fg, old_hex);
      atr_color_to_string (&fixed, new_hex);
      path = g_strdup_printf ("colors.%s.%s", variant_keys[v], atr_theme_role_to_key (pairs[i][0]));
      warn (ctx, path, "contrast %.2f:1 against colors.%s.%s is below %.1f:1; "
            "replaced %s with %s (%.2f:1)",
            before, variant_keys[v], atr_theme_role_to_key (pairs[i][1]),
            ATR_COLOR_MIN_CONTRAST, old_hex, new_hex, atr_color_contrast (&fixed, bg));
      *fg = fixed;
    }
}

static gboolean
parse_colors (Ctx       *ctx,
              JsonNode  *node,
              GError   **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object = NULL;

  if (node == NULL)
    return fail (ctx, error, ATR_THEME_ERROR_INVALID, "colors", "missing");
  if (!get_object (ctx, node, "colors", &object, error))
    return FALSE;
  if (!json_object_has_member (object, "light"))
    return fail (ctx, error, ATR_THEME_ERROR_INVALID, "colors.light", "missing");

  if (!get_members (ctx, object, "colors", &members, error))
    return FALSE;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (object, key);

      if (g_str_equal (key, "light"))
        {
          if (!parse_palette (ctx, ATR_THEME_VARIANT_LIGHT, value, error))
            return FALSE;
        }
      else if (g_str_equal (key, "dark"))
        {
          if (!parse_palette (ctx, ATR_THEME_VARIANT_DARK, value, error))
            return FALSE;
        }
      else
        {
          g_autofree char *path = g_strdup_printf ("colors.%s", key);
          warn (ctx, path, "unknown variant, ignored");
        }
    }

  /* Light is repaired first so that a derived dark palette inherits the repaired accent_fg. */
  repair_contrast (ctx, ATR_THEME_VARIANT_LIGHT);
  derive_dark (ctx);
  repair_contrast (ctx, ATR_THEME_VARIANT_DARK);
  return TRUE;
}

/* Returns the absolute URL of a logo, or NULL (and a reason) if the path is not acceptable. */
static char *
resolve_logo (const char  *base_url,
              const char  *text,
              const char **reason)
{
  g_autofree char *decoded = NULL;
  g_autofree char *lower = NULL;
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) resolved = NULL;
  g_auto(GStrv) segments = NULL;

  if (text == NULL || *text == '\0' || strlen (text) > MAX_LOGO_PATH)
    return (*reason = "empty or longer than 200 bytes", NULL);
  if (text[0] == '/' || text[0] == '\\')
    return (*reason = "absolute paths are not allowed; give a path relative to the theme", NULL);
  for (const char *p = text; *p != '\0'; p++)
    if (*p == ':' || *p == '\\' || *p == '?' || *p == '#' || g_ascii_iscntrl (*p) || *p == ' ')
      return (*reason = "must be a plain relative path (no scheme, query, backslash or space)",
              NULL);

  decoded = g_uri_unescape_string (text, "/\\");
  if (decoded == NULL || !g_utf8_validate (decoded, -1, NULL))
    return (*reason = "bad percent-encoding", NULL);

  segments = g_strsplit (decoded, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    if (g_str_equal (segments[i], "..") || (segments[i][0] == '\0' && segments[i + 1] != NULL))
      return (*reason = "path traversal (\"..\" or empty segments) is not allowed", NULL);

  lower = g_ascii_strdown (decoded, -1);
  if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg"))
    return (*reason = "only .png and .svg logos are allowed", NULL);

  base = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (base == NULL)
    return (*reason = "the theme's URL is not absolute", NULL);
  resolved = g_uri_parse_relative (base, text, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL
      || g_strcmp0 (g_uri_get_scheme (base), g_uri_get_scheme (resolved)) != 0
      || g_strcmp0 (g_uri_get_host (base), g_uri_get_host (resolved)) != 0
      || g_uri_get_port (base) != g_uri_get_port (resolved))
    return (*reason = "not on the theme's origin", NULL);

  return g_uri_to_string (resolved);
}

static gboolean
parse_logo (AtrTheme  *theme,
            Ctx       *ctx,
            JsonNode  *node,
            GError   **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object = NULL;

  if (!get_object (ctx, node, "logo", &object, error))
    return FALSE;

  if (!get_members (ctx, object, "logo", &members, error))
    return FALSE;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *path = g_strdup_printf ("logo.%s", key);
      g_autofree char *url = NULL;
      const char *text = NULL;
      const char *reason = NULL;
      int variant = g_str_equal (key, "light") ? 0 : g_str_equal (key, "dark") ? 1 : -1;

      if (variant < 0)
        {
          warn (ctx, path, "unknown variant, ignored");
          continue;
        }
      if (!get_string (ctx, json_object_get_member (object, key), path, &text, error))
        return FALSE;

      url = resolve_logo (ctx->url, text, &reason);
      if (url == NULL)
        {
          g_autofree char *shown = excerpt (text);
          warn (ctx, path, "logo \"%s\" dropped: %s", shown, reason);
          continue;
        }
      _atr_theme_set_logo_url (theme, variant, url);
    }

  return TRUE;
}

static gboolean
parse_texts (AtrTheme   *theme,
             Ctx        *ctx,
             const char *locale_key,
             JsonNode   *node,
             GError    **error)
{
  g_autofree char *path = g_strdup_printf ("strings.%s", locale_key);
  g_autofree char *locale = atr_theme_normalize_locale (locale_key);
  g_autoptr(GList) members = NULL;
  JsonObject *object = NULL;

  if (!get_object (ctx, node, path, &object, error))
    return FALSE;
  if (locale == NULL)
    {
      warn (ctx, path, "not a locale, ignored");
      return TRUE;
    }

  if (!get_members (ctx, object, path, &members, error))
    return FALSE;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *key_path = g_strdup_printf ("%s.%s", path, key);
      g_autofree char *value = NULL;
      const char *text = NULL;
      gboolean multiline;
      gboolean replaced = FALSE;
      int which = -1;
      guint max;

      for (guint i = 0; i < ATR_THEME_N_TEXTS; i++)
        if (g_str_equal (key, atr_theme_text_to_key (i)))
          which = (int) i;
      if (which < 0)
        {
          warn (ctx, key_path, "unknown text, ignored");
          continue;
        }
      if (!get_string (ctx, json_object_get_member (object, key), key_path, &text, error))
        return FALSE;

      max = atr_theme_text_max_length (which);
      if (g_utf8_strlen (text, -1) > max)
        {
          value = g_utf8_substring (text, 0, max);
          warn (ctx, key_path, "longer than %u characters, truncated", max);
        }
      else
        value = g_strdup (text);

      multiline = which == ATR_THEME_TEXT_WELCOME || which == ATR_THEME_TEXT_PRE_LOGON_MESSAGE;
      for (char *p = value; *p != '\0'; p++)
        if ((g_ascii_iscntrl (*p) && !(multiline && *p == '\n')))
          {
            *p = ' ';
            replaced = TRUE;
          }
      if (replaced)
        warn (ctx, key_path, "control characters replaced by spaces");

      _atr_theme_set_text (theme, locale, which, value);
    }

  return TRUE;
}

static gboolean
parse_strings (AtrTheme  *theme,
               Ctx       *ctx,
               JsonNode  *node,
               GError   **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object = NULL;

  if (!get_object (ctx, node, "strings", &object, error))
    return FALSE;

  if (!get_members (ctx, object, "strings", &members, error))
    return FALSE;
  for (GList *l = members; l != NULL; l = l->next)
    if (!parse_texts (theme, ctx, l->data, json_object_get_member (object, l->data), error))
      return FALSE;

  return TRUE;
}

static gboolean
parse_links (AtrTheme  *theme,
             Ctx       *ctx,
             JsonNode  *node,
             GError   **error)
{
  g_autoptr(GList) members = NULL;
  JsonObject *object = NULL;

  if (!get_object (ctx, node, "links", &object, error))
    return FALSE;

  if (!get_members (ctx, object, "links", &members, error))
    return FALSE;
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      g_autofree char *path = g_strdup_printf ("links.%s", key);
      g_autoptr(GUri) uri = NULL;
      const char *text = NULL;
      int which = -1;

      for (guint i = 0; i < ATR_THEME_N_LINKS; i++)
        if (g_str_equal (key, atr_theme_link_to_key (i)))
          which = (int) i;
      if (which < 0)
        {
          warn (ctx, path, "unknown link, ignored");
          continue;
        }
      if (!get_string (ctx, json_object_get_member (object, key), path, &text, error))
        return FALSE;

      if (strlen (text) <= MAX_LINK)
        uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
      if (uri == NULL || g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0
          || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
          || g_uri_get_userinfo (uri) != NULL)
        {
          g_autofree char *shown = excerpt (text);
          warn (ctx, path, "link \"%s\" dropped: only https:// URLs without user info are allowed",
                shown);
          continue;
        }
      _atr_theme_set_link (theme, which, text);
    }

  return TRUE;
}

/**
 * atr_theme_parse_node:
 * @node: a theme object, e.g. the inline "theme" of a tenant manifest
 * @base_url: the URL of the document @node came from: named in every message, and the base
 *   logos resolve against
 * @key_prefix: (nullable): prepended to key paths in messages, e.g. "theme." for an inline
 *   theme
 * @fallback: (nullable): the theme texts fall back to (the default theme)
 * @error: return location for an %ATR_THEME_ERROR reading "URL: key.path: what is wrong"
 *
 * See the file comment for what is refused and what is repaired with a warning
 * (atr_theme_get_warnings()).
 *
 * Returns: (transfer full) (nullable): the theme, or %NULL with @error set
 */
AtrTheme *
atr_theme_parse_node (JsonNode    *node,
                      const char  *base_url,
                      const char  *key_prefix,
                      AtrTheme    *fallback,
                      GError     **error)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(AtrTheme) theme = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *object;
  JsonNode *version;
  g_autofree char *name = NULL;
  const char *text = NULL;
  Ctx ctx = { 0, };

  g_return_val_if_fail (node != NULL, NULL);
  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (fallback == NULL || ATR_IS_THEME (fallback), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ctx.url = base_url;
  ctx.prefix = key_prefix != NULL ? key_prefix : "";
  ctx.warnings = warnings;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (&ctx, error, ATR_THEME_ERROR_MALFORMED, "(root)", "expected an object");
      return NULL;
    }
  object = json_node_get_object (node);
  if (!get_members (&ctx, object, "(root)", &members, error))
    return NULL;

  version = json_object_get_member (object, "atrium_theme");
  if (version == NULL)
    {
      fail (&ctx, error, ATR_THEME_ERROR_VERSION, "atrium_theme",
            "missing: not an Atrium theme");
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (version) || json_node_get_value_type (version) != G_TYPE_INT64)
    {
      fail (&ctx, error, ATR_THEME_ERROR_INVALID, "atrium_theme", "expected an integer");
      return NULL;
    }
  if (json_node_get_int (version) != ATR_THEME_VERSION)
    {
      fail (&ctx, error, ATR_THEME_ERROR_VERSION, "atrium_theme",
            "unsupported version %" G_GINT64_FORMAT " (this client reads version %d)",
            json_node_get_int (version), ATR_THEME_VERSION);
      return NULL;
    }

  if (!json_object_has_member (object, "name"))
    {
      fail (&ctx, error, ATR_THEME_ERROR_INVALID, "name", "missing");
      return NULL;
    }
  if (!get_string (&ctx, json_object_get_member (object, "name"), "name", &text, error))
    return NULL;
  if (g_utf8_strlen (text, -1) > MAX_NAME)
    {
      name = g_utf8_substring (text, 0, MAX_NAME);
      warn (&ctx, "name", "longer than %u characters, truncated", MAX_NAME);
    }
  else
    name = g_strdup (text);

  if (!parse_colors (&ctx, json_object_get_member (object, "colors"), error))
    return NULL;

  theme = _atr_theme_new (base_url, name, fallback);
  for (guint v = 0; v < 2; v++)
    for (guint r = 0; r < ATR_THEME_N_ROLES; r++)
      _atr_theme_set_color (theme, v, r, &ctx.colors[v][r]);
  _atr_theme_set_has_dark (theme, json_object_has_member (json_object_get_object_member (object, "colors"), "dark"));

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *value = json_object_get_member (object, key);

      if (g_str_equal (key, "atrium_theme") || g_str_equal (key, "name")
          || g_str_equal (key, "colors"))
        continue;
      else if (g_str_equal (key, "logo"))
        {
          if (!parse_logo (theme, &ctx, value, error))
            return NULL;
        }
      else if (g_str_equal (key, "strings"))
        {
          if (!parse_strings (theme, &ctx, value, error))
            return NULL;
        }
      else if (g_str_equal (key, "links"))
        {
          if (!parse_links (theme, &ctx, value, error))
            return NULL;
        }
      else
        warn (&ctx, key, "unknown field, ignored");
    }

  g_ptr_array_add (warnings, NULL);
  _atr_theme_take_warnings (theme, (GStrv) g_ptr_array_free (g_steal_pointer (&warnings), FALSE));
  return g_steal_pointer (&theme);
}

/**
 * atr_theme_parse:
 * @data: the theme document as received
 * @length: its length in bytes
 * @theme_url: the URL it came from: named in every message, and the base of logo paths
 * @fallback: (nullable): the theme texts fall back to (the default theme)
 * @error: return location for an %ATR_THEME_ERROR
 *
 * Refuses documents over %ATR_THEME_MAX_SIZE, then see atr_theme_parse_node().
 *
 * Returns: (transfer full) (nullable): the theme, or %NULL with @error set
 */
AtrTheme *
atr_theme_parse (const char  *data,
                 gsize        length,
                 const char  *theme_url,
                 AtrTheme    *fallback,
                 GError     **error)
{
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (theme_url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = atr_json_load (data, length, ATR_THEME_MAX_SIZE, theme_url, ATR_THEME_ERROR,
                        ATR_THEME_ERROR_TOO_LARGE, ATR_THEME_ERROR_MALFORMED, error);
  if (root == NULL)
    return NULL;

  return atr_theme_parse_node (root, theme_url, NULL, fallback, error);
}
