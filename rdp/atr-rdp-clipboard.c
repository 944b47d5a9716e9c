/* atr-rdp-clipboard.c — clipboard text between the RDP wire (CF_UNICODETEXT) and GTK (UTF-8)
 *
 * Pure functions (GLib only). On the wire, text is UTF-16LE with CRLF line ends and usually a
 * NUL terminator (MS-RDPECLIP 1.3.1.2); GTK wants UTF-8 with LF. Both directions refuse data
 * that is not valid text (odd lengths, lone surrogates, bad UTF-8) and anything over a cap,
 * with an error naming what was wrong — never a g_warning().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>

#include "atr-rdp-clipboard.h"

G_DEFINE_QUARK (atr-rdp-clipboard-error-quark, atr_rdp_clipboard_error)

/**
 * atr_rdp_clipboard_crlf_to_lf:
 * @text: UTF-8 text
 *
 * Returns: (transfer full): @text with every CRLF turned into LF (lone CRs are kept)
 */
char *
atr_rdp_clipboard_crlf_to_lf (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    if (!(p[0] == '\r' && p[1] == '\n'))
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

/**
 * atr_rdp_clipboard_lf_to_crlf:
 * @text: UTF-8 text
 *
 * Returns: (transfer full): @text with every LF not already preceded by CR turned into CRLF
 */
char *
atr_rdp_clipboard_lf_to_crlf (const char *text)
{
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  out = g_string_sized_new (strlen (text) + 16);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n' && (p == text || p[-1] != '\r'))
        g_string_append_c (out, '\r');
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/**
 * atr_rdp_clipboard_text_from_utf16:
 * @data: (array length=length): CF_UNICODETEXT data as received (UTF-16LE)
 * @length: its size in bytes
 * @max_bytes: the cap on @length, e.g. %ATR_RDP_CLIPBOARD_MAX_BYTES
 *
 * Decodes clipboard text from the server. The text ends at the first NUL code unit (the
 * terminator, when there is one); CRLF becomes LF.
 *
 * Returns: (transfer full): UTF-8 text, or %NULL with an %ATR_RDP_CLIPBOARD_ERROR
 */
char *
atr_rdp_clipboard_text_from_utf16 (const guint8  *data,
                                   gsize          length,
                                   gsize          max_bytes,
                                   GError       **error)
{
  g_autofree gunichar2 *units = NULL;
  g_autofree char *utf8 = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize n_units = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > max_bytes)
    {
      g_set_error (error, ATR_RDP_CLIPBOARD_ERROR, ATR_RDP_CLIPBOARD_ERROR_TOO_LARGE,
                   "Clipboard text of %" G_GSIZE_FORMAT " bytes is larger than the %"
                   G_GSIZE_FORMAT " allowed", length, max_bytes);
      return NULL;
    }
  if (length % 2 != 0)
    {
      g_set_error (error, ATR_RDP_CLIPBOARD_ERROR, ATR_RDP_CLIPBOARD_ERROR_INVALID,
                   "Clipboard text is not UTF-16: its length of %" G_GSIZE_FORMAT
                   " bytes is odd", length);
      return NULL;
    }

  units = g_new (gunichar2, length / 2 + 1);
  while (n_units < length / 2)
    {
      gunichar2 unit = (gunichar2) (data[2 * n_units] | (data[2 * n_units + 1] << 8));

      if (unit == 0)
        break;   /* the terminator; anything after it is not text */
      units[n_units++] = unit;
    }
  units[n_units] = 0;

  utf8 = g_utf16_to_utf8 (units, (glong) n_units, NULL, NULL, &local_error);
  if (utf8 == NULL)
    {
      g_set_error (error, ATR_RDP_CLIPBOARD_ERROR, ATR_RDP_CLIPBOARD_ERROR_INVALID,
                   "Clipboard text is not valid UTF-16LE: %s", local_error->message);
      return NULL;
    }
  return atr_rdp_clipboard_crlf_to_lf (utf8);
}

/**
 * atr_rdp_clipboard_text_to_utf16:
 * @text: UTF-8 text (NUL-terminated)
 * @max_bytes: the cap on the result's size, e.g. %ATR_RDP_CLIPBOARD_MAX_BYTES
 * @length: (out): the result's size in bytes, terminator included
 *
 * Encodes local text for the server: LF becomes CRLF, UTF-16LE with a NUL terminator.
 *
 * Returns: (transfer full): the CF_UNICODETEXT data, or %NULL with an
 *   %ATR_RDP_CLIPBOARD_ERROR
 */
guint8 *
atr_rdp_clipboard_text_to_utf16 (const char  *text,
                                 gsize        max_bytes,
                                 gsize       *length,
                                 GError     **error)
{
  g_autofree char *crlf = NULL;
  g_autofree gunichar2 *units = NULL;
  const char *end = NULL;
  glong n_units = 0;
  guint8 *out;
  gsize size;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (length != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *length = 0;
  if (!g_utf8_validate (text, -1, &end))
    {
      g_set_error (error, ATR_RDP_CLIPBOARD_ERROR, ATR_RDP_CLIPBOARD_ERROR_INVALID,
                   "Clipboard text is not valid UTF-8 at byte %" G_GSIZE_FORMAT,
                   (gsize) (end - text));
      return NULL;
    }
  /* A cheap bound before copying: UTF-16 takes at least 2 bytes for every 3 of UTF-8, so a
   * text of more than twice the cap cannot fit. */
  if (strlen (text) / 2 > max_bytes)
    {
      g_set_error (error, ATR_RDP_CLIPBOARD_ERROR, ATR_RDP_CLIPBOARD_ERROR_TOO_LARGE,
                   "Clipboard text of %" G_GSIZE_FORMAT " bytes is larger than the %"
                   G_GSIZE_FORMAT " allowed", strlen (text), max_bytes);
      return NULL;
    }

  crlf = atr_rdp_clipboard_lf_to_crlf (text);
  units = g_utf8_to_utf16 (crlf, -1, NULL, &n_units, NULL);
  g_assert (units != NULL);   /* validated above */
  size = ((gsize) n_units + 1) * 2;
  if (size > max_bytes)
    {
      g_set_error (error, ATR_RDP_CLIPBOARD_ERROR, ATR_RDP_CLIPBOARD_ERROR_TOO_LARGE,
                   "Clipboard text of %" G_GSIZE_FORMAT " bytes (as UTF-16) is larger than "
                   "the %" G_GSIZE_FORMAT " allowed", size, max_bytes);
      return NULL;
    }

  out = g_malloc (size);
  for (glong i = 0; i <= n_units; i++)
    {
      out[2 * i] = (guint8) (units[i] & 0xff);
      out[2 * i + 1] = (guint8) (units[i] >> 8);
    }
  *length = size;
  return out;
}
