/* atr-json-load.c — load an untrusted JSON document safely (size, strict syntax, depth)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-json-strict.h"

#include "atr-json-load.h"

/**
 * atr_json_load:
 * @data: the document as received (not necessarily NUL-terminated)
 * @length: its length in bytes
 * @max_length: documents longer than this are refused unparsed
 * @url: the document's URL, named in every error
 * @domain: the caller's error domain
 * @too_large_code: the error code for an oversize document
 * @malformed_code: the error code for anything else wrong with it
 * @error: return location for an error
 *
 * Checks size, UTF-8 and NUL bytes, then refuses anything that is not strict RFC 8259 JSON
 * nested at most %ATR_JSON_MAX_DEPTH deep (atr_json_strict_check(): json-glib 1.6 accepts
 * comments, single quotes and octal escapes, and recurses once per nesting level), and only
 * then lets json-glib parse. Every JSON document Atrium reads from outside comes through
 * here. Errors read "URL: …" and name the line and column.
 *
 * Returns: (transfer full): the root node, or %NULL with @error set
 */
JsonNode *
atr_json_load (const char *data,
               gsize       length,
               gsize       max_length,
               const char *url,
               GQuark      domain,
               int         too_large_code,
               int         malformed_code,
               GError    **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *end = NULL;
  const char *msg;
  AtrJsonStrictError strict = { 0, };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (length > max_length)
    {
      g_set_error (error, domain, too_large_code,
                   _("%s: document too large (%lu bytes, at most %lu)"),
                   url, (unsigned long) length, (unsigned long) max_length);
      return NULL;
    }

  if (length == 0)
    {
      g_set_error (error, domain, malformed_code, _("%s: empty document"), url);
      return NULL;
    }

  if (!g_utf8_validate (data, length, &end))
    {
      g_set_error (error, domain, malformed_code,
                   _("%s: not UTF-8 (invalid byte at offset %lu)"),
                   url, (unsigned long) (end - data));
      return NULL;
    }

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, domain, malformed_code, _("%s: document contains a NUL byte"), url);
      return NULL;
    }

  if (!atr_json_strict_check (data, length, ATR_JSON_MAX_DEPTH, &strict))
    {
      if (strict.too_deep)
        g_set_error (error, domain, malformed_code,
                     _("%s: line %u, column %u: nested deeper than %u levels"),
                     url, strict.line, strict.column, ATR_JSON_MAX_DEPTH);
      else
        g_set_error (error, domain, malformed_code,
                     _("%s: malformed JSON at line %u, column %u: %s"),
                     url, strict.line, strict.column, strict.problem);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      msg = local_error->message;
      if (g_str_has_prefix (msg, "<data>:"))
        msg += strlen ("<data>:");
      g_set_error (error, domain, malformed_code, _("%s: malformed JSON: %s"), url, msg);
      return NULL;
    }

  if (json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, domain, malformed_code, _("%s: empty document"), url);
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/**
 * atr_json_text_is_valid:
 * @text: (nullable): a string value or member name as json-glib decoded it
 *
 * json-glib 1.6 decodes escapes itself (octal `\766` becomes one stray byte), so a decoded
 * string can be invalid UTF-8 even when the document was not. Every reader checks each
 * string and member name with this before using, comparing or printing it.
 *
 * Returns: %TRUE if @text is valid UTF-8
 */
gboolean
atr_json_text_is_valid (const char *text)
{
  return text != NULL && g_utf8_validate (text, -1, NULL);
}

/**
 * atr_json_object_get_valid_members:
 * @object: a JSON object
 * @valid: (out): %FALSE when a member name is not valid UTF-8 once decoded
 *
 * The member names of @object, each checked before a caller compares it or names it in a
 * message (json-glib decodes escapes such as an octal `\7` into stray bytes).
 *
 * Returns: (transfer container) (nullable): the names, or %NULL when one is invalid
 */
GList *
atr_json_object_get_valid_members (JsonObject *object,
                                   gboolean   *valid)
{
  g_autoptr(GList) members = json_object_get_members (object);

  *valid = TRUE;
  for (GList *l = members; l != NULL; l = l->next)
    if (!atr_json_text_is_valid (l->data))
      {
        *valid = FALSE;
        return NULL;
      }
  return g_steal_pointer (&members);
}
