/* atr-bench-parse.c — parse one feed file once and print the resource count
 *
 * Usage: atr-bench-parse FILE [FEED_URL]
 * For tests/bench/bench-feed-parser.sh, which times it against `xmllint --noout FILE`.
 * With ATR_BENCH_VERBOSE set, the warnings go to stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-bench"

#include "config.h"

#include <stdio.h>

#include <glib.h>

#include "atr-feed.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeed) feed = NULL;
  g_autofree char *data = NULL;
  const char *feed_url = "https://rdweb.harbour.example/RDWeb/Feed/webfeed.aspx";
  gsize length = 0;

  if (argc < 2 || argc > 3)
    {
      fprintf (stderr, "Usage: %s FILE [FEED_URL]\n", argv[0]);
      return 2;
    }
  if (argc == 3)
    feed_url = argv[2];

  if (!g_file_get_contents (argv[1], &data, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  feed = atr_feed_parse (data, length, feed_url, NULL, &error);
  if (feed == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  if (g_getenv ("ATR_BENCH_VERBOSE") != NULL)
    for (const char * const *w = atr_feed_get_warnings (feed); *w != NULL; w++)
      fprintf (stderr, "warning: %s\n", *w);

  printf ("%u\n", atr_feed_get_resources (feed)->len);
  return 0;
}
