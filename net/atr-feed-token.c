/* atr-feed-token.c — the secrets of the feed client: token checks and wiping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>

#include "atr-feed-client.h"

#include "atr-feed-token.h"

gboolean
atr_feed_token_is_valid (const char *token,
                         gsize       length)
{
  g_return_val_if_fail (token != NULL, FALSE);

  if (length == 0 || length > ATR_FEED_TOKEN_MAX_SIZE)
    return FALSE;

  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isgraph (token[i]) || token[i] == ';' || token[i] == ',')
      return FALSE;

  return TRUE;
}

void
atr_feed_token_wipe (char **secret)
{
  g_return_if_fail (secret != NULL);

  if (*secret != NULL)
    {
      explicit_bzero (*secret, strlen (*secret));
      g_clear_pointer (secret, g_free);
    }
}
