/* atr-feed-token.h — the secrets of the feed client: token checks and wiping (private)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TRUE when @token (@length bytes) can be sent as the .ASPXAUTH cookie's value: 1 to
 * ATR_FEED_TOKEN_MAX_SIZE printable ASCII characters, no space, ';' or ','. */
gboolean atr_feed_token_is_valid (const char *token,
                                  gsize       length);

/* Zeroes and frees *@secret (a password or token), leaving NULL. */
void     atr_feed_token_wipe     (char      **secret);

G_END_DECLS
