/* atr-host-check.c — IDNA2008/UTS #46 (libidn2) and UTS #39 (ICU) checks of host names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Hand-written tables of look-alike letters always miss some (Armenian 'օ', Cherokee 'Ꮎ',
 * U+2215 DIVISION SLASH posing as '/'), so the decisions come from the libraries that carry
 * the Unicode data:
 *
 *  - libidn2, IDNA2008 with the UTS #46 non-transitional mapping: case folding, width
 *    folding, U+3002 and the other full stops as label separators, and refusal of everything
 *    IDNA2008 disallows (symbols such as U+2215 and U+2044, joiners out of context, bidi
 *    rule breaks). STD3 rules are applied by hand on the ASCII result, because libidn2's
 *    IDN2_USE_STD3_ASCII_RULES silently drops some characters ('_', U+FF0F) instead of
 *    refusing them.
 *  - ICU's spoof checker on the Unicode form of each non-ASCII label: one script per label
 *    (highly restrictive: Latin may only join Han, Hiragana, Katakana, Bopomofo or Hangul),
 *    only characters recommended for identifiers (no symbols), no invisible characters, one
 *    digit system; and a label whose confusable skeleton is plain ASCII (all-Cyrillic
 *    "аррӏе" → "appie") reads as a Latin name: refused under an ASCII top-level domain,
 *    warned about under a non-ASCII one (".рф"), as browsers do.
 *
 * A legitimate internationalised name (bücher.example, пример.рф) passes with a warning
 * naming its ASCII form, which the UI shows beside the Unicode one.
 */
#define G_LOG_DOMAIN "atrium-core"

#include "config.h"

#include <string.h>

/* GLib first: idn2.h defines G_GNUC_DEPRECATED itself when GLib has not. */
#include <glib.h>
#include <idn2.h>
#include <unicode/uspoof.h>
#include <unicode/uset.h>

#include "atr-uri-error.h"

#include "atr-host-check.h"

#define SKELETON_MAX 1024

/* Thread-safe for the check functions once configured (ICU's documentation); never freed. */
static USpoofChecker *
spoof_checker (void)
{
  static gsize checker = 0;

  if (g_once_init_enter (&checker))
    {
      UErrorCode status = U_ZERO_ERROR;
      USpoofChecker *sc = uspoof_open (&status);
      USet *allowed = uset_cloneAsThawed (uspoof_getRecommendedSet (&status));

      /* The recommended identifier set has no '-', which host names need. */
      uset_add (allowed, '-');
      uspoof_setChecks (sc, USPOOF_RESTRICTION_LEVEL | USPOOF_MIXED_NUMBERS | USPOOF_INVISIBLE |
                        USPOOF_CHAR_LIMIT | USPOOF_HIDDEN_OVERLAY, &status);
      uspoof_setRestrictionLevel (sc, USPOOF_HIGHLY_RESTRICTIVE);
      uspoof_setAllowedChars (sc, allowed, &status);
      uset_close (allowed);
      if (U_FAILURE (status))
        g_error ("ICU spoof checker could not be set up: %s", u_errorName (status));
      g_once_init_leave (&checker, (gsize) sc);
    }
  return (USpoofChecker *) checker;
}

static gboolean
is_ascii_ldh (const char *label)
{
  for (const char *p = label; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
check_label (const char  *key,
             const char  *ascii,
             const char  *label,
             gboolean     ascii_tld,
             GPtrArray   *warnings,
             GError     **error)
{
  UErrorCode status = U_ZERO_ERROR;
  char skeleton[SKELETON_MAX];
  const char *reason = NULL;
  int32_t result, length;

  result = uspoof_check2UTF8 (spoof_checker (), label, -1, NULL, &status);
  if (U_FAILURE (status))
    reason = "has a label the spoof checker cannot read";
  else if (result & USPOOF_INVISIBLE)
    reason = "contains an invisible or combining character used twice";
  else if (result & USPOOF_CHAR_LIMIT)
    reason = "contains a symbol or a character not used in names (a look-alike)";
  else if (result & USPOOF_RESTRICTION_LEVEL)
    reason = "mixes letters of different scripts in one label (look-alike characters)";
  else if (result & USPOOF_MIXED_NUMBERS)
    reason = "mixes digits of different number systems";
  else if (result & USPOOF_HIDDEN_OVERLAY)
    reason = "contains a character hidden by its neighbour";
  if (reason != NULL)
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST, "%s: host %s %s", key, ascii,
                   reason);
      return FALSE;
    }

  length = uspoof_getSkeletonUTF8 (spoof_checker (), 0, label, -1, skeleton, sizeof skeleton,
                                   &status);
  if (U_SUCCESS (status) && length > 0 && g_str_is_ascii (skeleton) && is_ascii_ldh (skeleton))
    {
      if (ascii_tld)
        {
          g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                       "%s: host %s is written in another script with letters that look like "
                       "the Latin name “%s” (whole-script look-alike)", key, ascii, skeleton);
          return FALSE;
        }
      if (warnings != NULL)
        g_ptr_array_add (warnings,
                         g_strdup_printf ("%s: host %s has letters that look like the Latin "
                                          "name “%s”", key, ascii, skeleton));
    }
  return TRUE;
}

/* libidn2's refusals in the words of the other host rules. */
static void
set_idn2_error (const char  *key,
                int          rc,
                GError     **error)
{
  switch (rc)
    {
    case IDN2_TOO_BIG_DOMAIN:
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_TOO_LONG,
                   "%s: host name is over 253 characters", key);
      return;
    case IDN2_TOO_BIG_LABEL:
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                   "%s: host name has an over-long label (more than 63 characters)", key);
      return;
    case IDN2_HYPHEN_STARTEND:
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                   "%s: a host name label starts or ends with '-'", key);
      return;
    case IDN2_DISALLOWED:
    case IDN2_UNASSIGNED:
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                   "%s: host name contains a character IDNA2008 does not allow in host names "
                   "(a symbol, punctuation or look-alike)", key);
      return;
    case IDN2_CONTEXTJ:
    case IDN2_CONTEXTJ_NO_RULE:
    case IDN2_CONTEXTO:
    case IDN2_CONTEXTO_NO_RULE:
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                   "%s: host name contains a joiner or other character out of its context "
                   "(invisible or look-alike)", key);
      return;
    default:
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                   "%s: not a valid internationalised host name (IDNA2008: %s)", key,
                   idn2_strerror (rc));
      return;
    }
}

/**
 * atr_host_check:
 * @key: the parameter name, for messages
 * @host: a DNS name in UTF-8 (no port, no brackets, not an IP address), already free of
 *   control characters
 * @ascii: (out): the lower-case ASCII form ("xn--" labels), without a trailing dot
 * @unicode: (out) (optional): the Unicode form to show, computed back from @ascii
 * @warnings: (element-type utf8) (nullable): receives a line for every internationalised
 *   host (naming its ASCII form) and for look-alikes that are not refused
 *
 * Returns FALSE with an ATR_URI_ERROR_BAD_HOST error that names @key, the host's ASCII form
 * when there is one, and the rule broken. See the file comment for the rules.
 */
gboolean
atr_host_check (const char  *key,
                const char  *host,
                char       **ascii,
                char       **unicode,
                GPtrArray   *warnings,
                GError     **error)
{
  g_autofree char *mapped = NULL;
  g_autofree char *display = NULL;
  g_auto(GStrv) labels = NULL;
  char *out = NULL;
  char *back = NULL;
  gboolean ascii_tld;
  gboolean idn = FALSE;
  guint n;
  int rc;

  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (ascii != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_utf8_validate (host, -1, NULL) || *host == '\0')
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                   "%s: host is empty or not valid UTF-8", key);
      return FALSE;
    }

  rc = idn2_lookup_u8 ((const uint8_t *) host, (uint8_t **) &out, IDN2_NONTRANSITIONAL);
  if (rc != IDN2_OK)
    {
      set_idn2_error (key, rc, error);
      return FALSE;
    }
  mapped = g_ascii_strdown (out, -1);
  idn2_free (out);
  n = (guint) strlen (mapped);
  if (n > 1 && mapped[n - 1] == '.')
    mapped[n - 1] = '\0';

  /* STD3: what UTS #46 mapped to ASCII ('／' → '/', '＠' → '@') must still be a host name. */
  for (const char *p = mapped; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      {
        g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                     "%s: host name contains a character other than letters, digits, '-' and "
                     "'.' after IDN normalisation", key);
        return FALSE;
      }

  rc = idn2_to_unicode_8z8z (mapped, &back, 0);
  if (rc != IDN2_OK || back == NULL || !g_utf8_validate (back, -1, NULL))
    {
      g_set_error (error, ATR_URI_ERROR, ATR_URI_ERROR_BAD_HOST,
                   "%s: host %s has an invalid IDN (xn--) label", key, mapped);
      idn2_free (back);
      return FALSE;
    }
  display = g_strdup (back);
  idn2_free (back);

  labels = g_strsplit (display, ".", -1);
  n = g_strv_length (labels);
  ascii_tld = n > 0 && g_str_is_ascii (labels[n - 1]);
  for (guint i = 0; i < n; i++)
    {
      if (g_str_is_ascii (labels[i]))
        continue;
      idn = TRUE;
      if (!check_label (key, mapped, labels[i], ascii_tld, warnings, error))
        return FALSE;
    }
  if (idn && warnings != NULL)
    g_ptr_array_add (warnings,
                     g_strdup_printf ("%s: host %s is an internationalised name, shown as “%s”",
                                      key, mapped, display));

  *ascii = g_steal_pointer (&mapped);
  if (unicode != NULL)
    *unicode = g_steal_pointer (&display);
  return TRUE;
}

/**
 * atr_host_check_to_display:
 * @ascii: a host's ASCII form
 *
 * The Unicode form of @ascii for display, or a copy of @ascii when it has no valid
 * internationalised labels (IP addresses included).
 */
char *
atr_host_check_to_display (const char *ascii)
{
  char *back = NULL;
  char *result;

  g_return_val_if_fail (ascii != NULL, NULL);

  if (idn2_to_unicode_8z8z (ascii, &back, 0) != IDN2_OK || back == NULL ||
      !g_utf8_validate (back, -1, NULL))
    {
      idn2_free (back);
      return g_strdup (ascii);
    }
  result = g_strdup (back);
  idn2_free (back);
  return result;
}
