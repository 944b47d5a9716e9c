/* atr-fuzz-replay.c — runs corpus files through a harness without libFuzzer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The ordinary (gcc) build links each harness with this main(): every argument is a file or a
 * folder of files, and each file is passed once to LLVMFuzzerTestOneInput(). A property that
 * fails aborts, which fails the test. Finding no input at all is a failure too: a replay
 * that replays nothing cannot fail.
 */
#include "config.h"

#include <string.h>

#include "atr-fuzz.h"

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, &error))
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return FALSE;
    }
  fprintf (stderr, "replay: %s (%" G_GSIZE_FORMAT " bytes)\n", path, length);
  LLVMFuzzerTestOneInput ((const uint8_t *) data, length);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int    argc,
      char **argv)
{
  guint replayed = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      g_autoptr(GPtrArray) names = NULL;
      const char *name;

      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          if (!replay_file (argv[i]))
            return 1;
          replayed++;
          continue;
        }

      dir = g_dir_open (argv[i], 0, &error);
      if (dir == NULL)
        {
          fprintf (stderr, "replay: %s\n", error->message);
          return 1;
        }
      names = g_ptr_array_new_with_free_func (g_free);
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.')
          g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        {
          if (!replay_file (g_ptr_array_index (names, j)))
            return 1;
          replayed++;
        }
    }

  fprintf (stderr, "replay: %u inputs, no property failed\n", replayed);
  return replayed > 0 ? 0 : 1;
}
