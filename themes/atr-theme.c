/* atr-theme.c — a tenant's look: colours, logos, texts, links (immutable value object)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the parser (atr-theme-parser.c) builds themes, through atr-theme-private.h; once
 * handed out a theme never changes. Colours are always complete and readable: the parser
 * derives the dark palette when absent and repairs low-contrast pairs.
 */
#define G_LOG_DOMAIN "atrium-themes"

#include "config.h"

#include <string.h>

#include "atr-theme-private.h"

#include "atr-theme.h"

static const char * const role_keys[ATR_THEME_N_ROLES] = {
  "accent", "accent_fg", "header_bg", "header_fg", "window_bg", "window_fg",
};
static const char * const text_keys[ATR_THEME_N_TEXTS] = {
  "title", "welcome", "login_hint", "pre_logon_message", "support",
};
static const guint text_max[ATR_THEME_N_TEXTS] = { 64, 200, 120, 500, 200 };
static const char * const link_keys[ATR_THEME_N_LINKS] = {
  "support", "password_reset", "privacy",
};

typedef struct
{
  char *texts[ATR_THEME_N_TEXTS];
} Texts;

struct _AtrTheme
{
  GObject      parent_instance;

  char        *url;
  char        *name;
  AtrTheme    *fallback;
  AtrColor     colors[2][ATR_THEME_N_ROLES];
  gboolean     has_dark;
  char        *logos[2];
  GHashTable  *texts;                       /* normalised locale → Texts */
  char        *links[ATR_THEME_N_LINKS];
  GStrv        warnings;
};

G_DEFINE_FINAL_TYPE (AtrTheme, atr_theme, G_TYPE_OBJECT)

static void
texts_free (gpointer data)
{
  Texts *t = data;

  for (guint i = 0; i < ATR_THEME_N_TEXTS; i++)
    g_free (t->texts[i]);
  g_free (t);
}

static void
atr_theme_dispose (GObject *object)
{
  AtrTheme *self = ATR_THEME (object);

  g_clear_object (&self->fallback);

  G_OBJECT_CLASS (atr_theme_parent_class)->dispose (object);
}

static void
atr_theme_finalize (GObject *object)
{
  AtrTheme *self = ATR_THEME (object);

  g_free (self->url);
  g_free (self->name);
  g_free (self->logos[0]);
  g_free (self->logos[1]);
  g_hash_table_unref (self->texts);
  for (guint i = 0; i < ATR_THEME_N_LINKS; i++)
    g_free (self->links[i]);
  g_strfreev (self->warnings);

  G_OBJECT_CLASS (atr_theme_parent_class)->finalize (object);
}

static void
atr_theme_class_init (AtrThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = atr_theme_dispose;
  object_class->finalize = atr_theme_finalize;
}

static void
atr_theme_init (AtrTheme *self)
{
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, texts_free);
  self->warnings = g_new0 (char *, 1);
}

AtrTheme *
_atr_theme_new (const char *url,
                const char *name,
                AtrTheme   *fallback)
{
  AtrTheme *self = g_object_new (ATR_TYPE_THEME, NULL);

  self->url = g_strdup (url);
  self->name = g_strdup (name);
  self->fallback = fallback != NULL ? g_object_ref (fallback) : NULL;
  return self;
}

void
_atr_theme_set_color (AtrTheme        *self,
                      AtrThemeVariant  variant,
                      AtrThemeRole     role,
                      const AtrColor  *color)
{
  g_assert (variant <= ATR_THEME_VARIANT_DARK && role < ATR_THEME_N_ROLES);
  self->colors[variant][role] = *color;
}

void
_atr_theme_set_has_dark (AtrTheme *self,
                         gboolean  has_dark)
{
  self->has_dark = has_dark;
}

void
_atr_theme_set_logo_url (AtrTheme        *self,
                         AtrThemeVariant  variant,
                         const char      *url)
{
  g_assert (variant <= ATR_THEME_VARIANT_DARK);
  g_free (self->logos[variant]);
  self->logos[variant] = g_strdup (url);
}

void
_atr_theme_set_text (AtrTheme     *self,
                     const char   *normalized_locale,
                     AtrThemeText  text,
                     const char   *value)
{
  Texts *t;

  g_assert (text < ATR_THEME_N_TEXTS);

  t = g_hash_table_lookup (self->texts, normalized_locale);
  if (t == NULL)
    {
      t = g_new0 (Texts, 1);
      g_hash_table_insert (self->texts, g_strdup (normalized_locale), t);
    }
  g_free (t->texts[text]);
  t->texts[text] = g_strdup (value);
}

void
_atr_theme_set_link (AtrTheme     *self,
                     AtrThemeLink  link,
                     const char   *url)
{
  g_assert (link < ATR_THEME_N_LINKS);
  g_free (self->links[link]);
  self->links[link] = g_strdup (url);
}

void
_atr_theme_take_warnings (AtrTheme *self,
                          GStrv     warnings)
{
  g_strfreev (self->warnings);
  self->warnings = warnings != NULL ? warnings : g_new0 (char *, 1);
}

const char *
atr_theme_role_to_key (AtrThemeRole role)
{
  g_return_val_if_fail (role < ATR_THEME_N_ROLES, NULL);
  return role_keys[role];
}

const char *
atr_theme_text_to_key (AtrThemeText text)
{
  g_return_val_if_fail (text < ATR_THEME_N_TEXTS, NULL);
  return text_keys[text];
}

/**
 * atr_theme_text_max_length:
 * @text: which text
 *
 * Returns: the cap in characters (title 64, welcome 200, login_hint 120,
 *   pre_logon_message 500, support 200); longer texts are truncated by the parser
 */
guint
atr_theme_text_max_length (AtrThemeText text)
{
  g_return_val_if_fail (text < ATR_THEME_N_TEXTS, 0);
  return text_max[text];
}

const char *
atr_theme_link_to_key (AtrThemeLink link)
{
  g_return_val_if_fail (link < ATR_THEME_N_LINKS, NULL);
  return link_keys[link];
}

/**
 * atr_theme_normalize_locale:
 * @locale: a POSIX locale (`de_DE.UTF-8@euro`) or a language tag (`de-DE`, `zh-Hant-TW`)
 *
 * Returns: (transfer full) (nullable): `ll`, `ll_CC` or `ll_Ssss_CC` (`C`/`POSIX` become
 *   `en`), or %NULL if @locale is not a locale
 */
char *
atr_theme_normalize_locale (const char *locale)
{
  g_autofree char *base = NULL;
  g_auto(GStrv) parts = NULL;
  GString *out;
  gsize n;

  g_return_val_if_fail (locale != NULL, NULL);

  if (g_str_equal (locale, "C") || g_str_equal (locale, "POSIX") || g_str_has_prefix (locale, "C."))
    return g_strdup ("en");

  n = strcspn (locale, ".@");
  if (n == 0 || n > 32)
    return NULL;
  base = g_strndup (locale, n);
  g_strdelimit (base, "-", '_');
  parts = g_strsplit (base, "_", 4);
  if (g_strv_length (parts) > 3)
    return NULL;

  out = g_string_new (NULL);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = parts[i];
      gsize len = strlen (p);
      gboolean alpha = TRUE, digit = TRUE;

      for (gsize j = 0; j < len; j++)
        {
          alpha &= g_ascii_isalpha (p[j]);
          digit &= g_ascii_isdigit (p[j]);
        }

      if (i == 0 && alpha && (len == 2 || len == 3))
        for (gsize j = 0; j < len; j++)
          g_string_append_c (out, g_ascii_tolower (p[j]));
      else if (i > 0 && alpha && len == 2)
        g_string_append_printf (out, "_%c%c", g_ascii_toupper (p[0]), g_ascii_toupper (p[1]));
      else if (i > 0 && alpha && len == 4)
        g_string_append_printf (out, "_%c%c%c%c", g_ascii_toupper (p[0]), g_ascii_tolower (p[1]),
                                g_ascii_tolower (p[2]), g_ascii_tolower (p[3]));
      else if (i > 0 && digit && len == 3)
        g_string_append_printf (out, "_%s", p);
      else
        {
          g_string_free (out, TRUE);
          return NULL;
        }
    }

  return g_string_free (out, FALSE);
}

const char *
atr_theme_get_name (AtrTheme *self)
{
  g_return_val_if_fail (ATR_IS_THEME (self), NULL);
  return self->name;
}

/**
 * atr_theme_get_url:
 *
 * Returns: the URL of the document the theme was parsed from (logos resolve against it)
 */
const char *
atr_theme_get_url (AtrTheme *self)
{
  g_return_val_if_fail (ATR_IS_THEME (self), NULL);
  return self->url;
}

/**
 * atr_theme_get_fallback:
 *
 * Returns: (transfer none) (nullable): the theme texts fall back to (the default theme)
 */
AtrTheme *
atr_theme_get_fallback (AtrTheme *self)
{
  g_return_val_if_fail (ATR_IS_THEME (self), NULL);
  return self->fallback;
}

/**
 * atr_theme_get_color:
 * @variant: light or dark
 * @role: which colour
 *
 * Returns: the colour; every foreground reaches 4.5:1 against its background
 */
AtrColor
atr_theme_get_color (AtrTheme        *self,
                     AtrThemeVariant  variant,
                     AtrThemeRole     role)
{
  AtrColor black = { 0, 0, 0 };

  g_return_val_if_fail (ATR_IS_THEME (self), black);
  g_return_val_if_fail (variant <= ATR_THEME_VARIANT_DARK, black);
  g_return_val_if_fail (role < ATR_THEME_N_ROLES, black);

  return self->colors[variant][role];
}

/**
 * atr_theme_has_dark_colors:
 *
 * Returns: %TRUE if the document had "colors.dark" (else the dark palette was derived)
 */
gboolean
atr_theme_has_dark_colors (AtrTheme *self)
{
  g_return_val_if_fail (ATR_IS_THEME (self), FALSE);
  return self->has_dark;
}

/**
 * atr_theme_get_logo_url:
 * @variant: light or dark
 *
 * Returns: (nullable): the absolute URL of the logo as declared (same origin as the theme);
 *   callers use the light logo when the dark one is %NULL
 */
const char *
atr_theme_get_logo_url (AtrTheme        *self,
                        AtrThemeVariant  variant)
{
  g_return_val_if_fail (ATR_IS_THEME (self), NULL);
  g_return_val_if_fail (variant <= ATR_THEME_VARIANT_DARK, NULL);
  return self->logos[variant];
}

static const char *
lookup_text (AtrTheme     *self,
             const char   *normalized,
             AtrThemeText  text)
{
  g_autofree char *tag = g_strdup (normalized);

  /* exact → shorter tags (de_DE → de) → en */
  for (;;)
    {
      Texts *t = g_hash_table_lookup (self->texts, tag);
      char *underscore;

      if (t != NULL && t->texts[text] != NULL)
        return t->texts[text];
      underscore = strrchr (tag, '_');
      if (underscore == NULL)
        break;
      *underscore = '\0';
    }

  if (!g_str_equal (tag, "en"))
    {
      Texts *t = g_hash_table_lookup (self->texts, "en");

      if (t != NULL && t->texts[text] != NULL)
        return t->texts[text];
    }

  return NULL;
}

/**
 * atr_theme_get_text:
 * @locale: (nullable): a locale such as `de_DE.UTF-8`; %NULL means `en`
 * @text: which text
 *
 * Looks the text up per key: the exact locale, then shorter tags (`de_DE` → `de`), then
 * `en`, then the same in the fallback theme.
 *
 * Returns: (nullable): the text, or %NULL if no theme in the chain has it
 */
const char *
atr_theme_get_text (AtrTheme     *self,
                    const char   *locale,
                    AtrThemeText  text)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (ATR_IS_THEME (self), NULL);
  g_return_val_if_fail (text < ATR_THEME_N_TEXTS, NULL);

  normalized = atr_theme_normalize_locale (locale != NULL ? locale : "en");
  if (normalized == NULL)
    normalized = g_strdup ("en");

  for (AtrTheme *t = self; t != NULL; t = t->fallback)
    {
      const char *value = lookup_text (t, normalized, text);

      if (value != NULL)
        return value;
    }

  return NULL;
}

/**
 * atr_theme_get_link:
 * @link: which link
 *
 * Returns: (nullable): an https URL
 */
const char *
atr_theme_get_link (AtrTheme     *self,
                    AtrThemeLink  link)
{
  g_return_val_if_fail (ATR_IS_THEME (self), NULL);
  g_return_val_if_fail (link < ATR_THEME_N_LINKS, NULL);
  return self->links[link];
}

/**
 * atr_theme_get_warnings:
 *
 * Returns: (transfer none): what the parser dropped, truncated or repaired, each
 *   "URL: key.path: message"; never %NULL
 */
const char * const *
atr_theme_get_warnings (AtrTheme *self)
{
  g_return_val_if_fail (ATR_IS_THEME (self), NULL);
  return (const char * const *) self->warnings;
}

static void
add_nullable (JsonBuilder *builder,
              const char  *name,
              const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

/**
 * atr_theme_to_json:
 * @locale: (nullable): the locale the texts are picked for (see atr_theme_get_text())
 *
 * The effective theme as `atrium-cli theme --json` prints it:
 * `{"name","colors":{"light":{…},"dark":{…}},"logo":{"light","dark"},"strings":{…},
 * "links":{…}}`, with null for absent logos, texts and links.
 *
 * Returns: (transfer full): a JSON object
 */
JsonNode *
atr_theme_to_json (AtrTheme   *self,
                   const char *locale)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  static const char * const variant_keys[] = { "light", "dark" };

  g_return_val_if_fail (ATR_IS_THEME (self), NULL);

  json_builder_begin_object (builder);
  add_nullable (builder, "name", self->name);

  json_builder_set_member_name (builder, "colors");
  json_builder_begin_object (builder);
  for (guint v = 0; v < 2; v++)
    {
      json_builder_set_member_name (builder, variant_keys[v]);
      json_builder_begin_object (builder);
      for (guint r = 0; r < ATR_THEME_N_ROLES; r++)
        {
          char hex[8];

          atr_color_to_string (&self->colors[v][r], hex);
          json_builder_set_member_name (builder, role_keys[r]);
          json_builder_add_string_value (builder, hex);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "logo");
  json_builder_begin_object (builder);
  for (guint v = 0; v < 2; v++)
    add_nullable (builder, variant_keys[v], self->logos[v]);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "strings");
  json_builder_begin_object (builder);
  for (guint i = 0; i < ATR_THEME_N_TEXTS; i++)
    add_nullable (builder, text_keys[i], atr_theme_get_text (self, locale, i));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "links");
  json_builder_begin_object (builder);
  for (guint i = 0; i < ATR_THEME_N_LINKS; i++)
    add_nullable (builder, link_keys[i], self->links[i]);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
