/* atr-cli.c — what the atrium-cli commands share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "atr-net-error.h"
#include "atr-theme-error.h"
#include "atr-uri-error.h"

#include "atr-cli.h"

/**
 * atr_cli_fail:
 *
 * Prints one line naming the cause to stderr and returns @code, so commands can
 * `return atr_cli_fail (…)`.
 */
int
atr_cli_fail (AtrExit     code,
              const char *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_strdelimit (message, "\r\n", ' ');
  fprintf (stderr, "atrium-cli: %s\n", message);
  return code;
}

/**
 * atr_cli_exit_for_error:
 *
 * Maps an error of any Atrium module (or GIO's own) to the documented exit codes.
 */
AtrExit
atr_cli_exit_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, ATR_EXIT_INTERNAL);

  if (error->domain == ATR_NET_ERROR)
    {
      switch ((AtrNetError) error->code)
        {
        case ATR_NET_ERROR_INVALID_ADDRESS:
        case ATR_NET_ERROR_BAD_DATA:
          return ATR_EXIT_BAD_DATA;
        case ATR_NET_ERROR_DNS:
        case ATR_NET_ERROR_CONNECT:
        case ATR_NET_ERROR_TIMEOUT:
        case ATR_NET_ERROR_TLS:
        case ATR_NET_ERROR_HTTP:
          return ATR_EXIT_NETWORK;
        case ATR_NET_ERROR_CERTIFICATE:
          return ATR_EXIT_TRUST;
        case ATR_NET_ERROR_AUTH:
          return ATR_EXIT_AUTH;
        case ATR_NET_ERROR_CACHE:
        case ATR_NET_ERROR_FAILED:
        default:
          return ATR_EXIT_INTERNAL;
        }
    }

  /* a refused connection link (atr-uri-parser.h, atr_launch_request_check) */
  /* A refused theme is a refused document, like a refused manifest or link. */
  if (error->domain == ATR_THEME_ERROR)
    return ATR_EXIT_BAD_DATA;
  if (error->domain == ATR_URI_ERROR)
    return ATR_EXIT_BAD_DATA;
  if (error->domain == G_OPTION_ERROR)
    return ATR_EXIT_USAGE;
  if (error->domain == G_RESOLVER_ERROR)
    return ATR_EXIT_NETWORK;
  if (error->domain == G_TLS_ERROR)
    return ATR_EXIT_TRUST;
  if (error->domain == G_IO_ERROR)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT))
        return ATR_EXIT_BAD_DATA;
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        return ATR_EXIT_USAGE;
      return ATR_EXIT_NETWORK;
    }

  return ATR_EXIT_INTERNAL;
}

int
atr_cli_fail_error (const GError *error)
{
  return atr_cli_fail (atr_cli_exit_for_error (error), "%s", error->message);
}

void
atr_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/**
 * atr_cli_drop_separator:
 *
 * GOption keeps a "--" in argv when an argument after it starts with "-". Call this after
 * parsing so that `atrium-cli list -- -rf` hands "-rf" to the address parser (which rejects
 * it as bad data) instead of counting "--" as an operand.
 */
void
atr_cli_drop_separator (int   *argc,
                        char **argv)
{
  g_return_if_fail (argc != NULL && argv != NULL);

  if (*argc >= 2 && strcmp (argv[1], "--") == 0)
    {
      /* argv[2] … argv[*argc] (the terminating NULL) move down by one */
      memmove (argv + 1, argv + 2, (gsize) (*argc - 1) * sizeof (char *));
      (*argc)--;
    }
}
