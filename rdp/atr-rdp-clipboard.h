/* atr-rdp-clipboard.h — clipboard text between the RDP wire (CF_UNICODETEXT) and GTK (UTF-8)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest clipboard text accepted or sent, in bytes of UTF-16LE on the wire (1 MiB). */
#define ATR_RDP_CLIPBOARD_MAX_BYTES (1024 * 1024)

#define ATR_RDP_CLIPBOARD_ERROR (atr_rdp_clipboard_error_quark ())

/**
 * AtrRdpClipboardError:
 * @ATR_RDP_CLIPBOARD_ERROR_INVALID: the text is not valid UTF-16LE (odd length, lone
 *   surrogate) or not valid UTF-8
 * @ATR_RDP_CLIPBOARD_ERROR_TOO_LARGE: the text is larger than the cap
 */
typedef enum
{
  ATR_RDP_CLIPBOARD_ERROR_INVALID,
  ATR_RDP_CLIPBOARD_ERROR_TOO_LARGE,
} AtrRdpClipboardError;

GQuark   atr_rdp_clipboard_error_quark (void);

char    *atr_rdp_clipboard_text_from_utf16 (const guint8  *data,
                                            gsize          length,
                                            gsize          max_bytes,
                                            GError       **error);
guint8  *atr_rdp_clipboard_text_to_utf16   (const char    *text,
                                            gsize          max_bytes,
                                            gsize         *length,
                                            GError       **error);
char    *atr_rdp_clipboard_crlf_to_lf      (const char    *text);
char    *atr_rdp_clipboard_lf_to_crlf      (const char    *text);

G_END_DECLS
