/* atr-fuzz.h — what every fuzz harness shares (libFuzzer entry points, GLib logging, checks)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each harness defines LLVMFuzzerTestOneInput(). Built with -Dfuzzing=true (clang) it links
 * libFuzzer; in the ordinary build it links atr-fuzz-replay.c, a main() that runs every file
 * of the corpus folders it is given through the same function, so the corpora are replayed by
 * the normal test suite.
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

G_BEGIN_DECLS

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* A property the harness checks failed: print which and abort, so libFuzzer keeps the input
 * as a crash and the replay driver fails. */
#define ATR_FUZZ_CHECK(cond, ...)                                                         \
  G_STMT_START                                                                            \
  {                                                                                       \
    if (G_UNLIKELY (!(cond)))                                                             \
      {                                                                                   \
        fprintf (stderr, "%s:%d: property failed: %s: ", __FILE__, __LINE__, #cond);      \
        fprintf (stderr, __VA_ARGS__);                                                    \
        fputc ('\n', stderr);                                                             \
        abort ();                                                                         \
      }                                                                                   \
  }                                                                                       \
  G_STMT_END

static inline void
atr_fuzz_log_cb (const char     *domain,
                 GLogLevelFlags  level,
                 const char     *message,
                 gpointer        user_data)
{
  /* Parsers report problems through GError and warning lists; a critical or warning on the
   * log is a failed g_return_if_fail() or a broken invariant, so it ends the run. */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      fprintf (stderr, "%s: %s\n", domain != NULL ? domain : "(null)", message);
      abort ();
    }
}

/* Once per process: debug output off (it would dominate the run time), criticals fatal. */
static inline void
atr_fuzz_init_logging (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_log_set_default_handler (atr_fuzz_log_cb, NULL);
      g_once_init_leave (&once, 1);
    }
}

/* A NUL-terminated copy: some entry points take C strings. */
static inline char *
atr_fuzz_strndup (const uint8_t *data,
                  size_t         size)
{
  char *copy = g_malloc (size + 1);

  if (size > 0)
    memcpy (copy, data, size);
  copy[size] = '\0';
  return copy;
}

G_END_DECLS
