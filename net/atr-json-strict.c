/* atr-json-strict.c — is a document strict RFC 8259 JSON of bounded depth? (pure, no parser)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * json-glib 1.6 is built on GScanner and accepts much more than JSON: comments, strings in
 * single quotes, octal and hex escapes, hex numbers, identifiers. Any pre-check that counts
 * brackets has to agree with that grammar exactly, or a quote inside a comment hides 200,000
 * brackets from it and json-glib recurses once per bracket until the stack is gone. So this
 * scanner does not try to agree: it accepts only RFC 8259 JSON, iteratively (an explicit
 * stack of at most ATR_JSON_STRICT_DEPTH_LIMIT containers), and refuses everything else
 * before json-glib sees it. What passes here is read by json-glib the same way.
 *
 * Beyond RFC 8259, it refuses a byte order mark and the escape \u0000 (json-glib's strings
 * end at the first NUL, so the text checked and the text used would differ).
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-json-strict.h"

typedef enum
{
  EXPECT_VALUE,            /* a value: top level, after ':' or after ',' in an array */
  EXPECT_VALUE_OR_CLOSE,   /* just after '[' */
  EXPECT_KEY,              /* after ',' in an object */
  EXPECT_KEY_OR_CLOSE,     /* just after '{' */
  EXPECT_COLON,
  EXPECT_COMMA_OR_CLOSE,   /* after a value */
} State;

typedef struct
{
  const guint8 *data;
  gsize         length;
  gsize         pos;
  const char   *problem;
  gsize         problem_at;
  gboolean      too_deep;
} Scanner;

static gboolean
refuse (Scanner    *s,
        gsize       at,
        const char *problem)
{
  s->problem = problem;
  s->problem_at = at;
  return FALSE;
}

static int
hex_value (guint8 c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* Reads the four hex digits of a \u escape at s->pos (just after the 'u'). */
static gboolean
read_hex4 (Scanner *s,
           guint   *out)
{
  guint value = 0;

  if (s->length - s->pos < 4)
    return refuse (s, s->pos, _("\\u needs four hex digits"));
  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (s->data[s->pos + i]);

      if (digit < 0)
        return refuse (s, s->pos + i, _("\\u needs four hex digits"));
      value = (value << 4) | (guint) digit;
    }
  s->pos += 4;
  *out = value;
  return TRUE;
}

/* One UTF-8 sequence starting at s->pos (a byte >= 0x80): shortest form, no surrogates,
 * at most U+10FFFF. */
static gboolean
read_utf8 (Scanner *s)
{
  const guint8 *p = s->data + s->pos;
  gsize left = s->length - s->pos;
  guint32 cp, min;
  guint n;

  if (p[0] >= 0xc2 && p[0] <= 0xdf)
    n = 2, cp = p[0] & 0x1f, min = 0x80;
  else if (p[0] >= 0xe0 && p[0] <= 0xef)
    n = 3, cp = p[0] & 0x0f, min = 0x800;
  else if (p[0] >= 0xf0 && p[0] <= 0xf4)
    n = 4, cp = p[0] & 0x07, min = 0x10000;
  else
    return refuse (s, s->pos, _("not UTF-8"));

  if (left < n)
    return refuse (s, s->pos, _("not UTF-8 (a sequence is cut off)"));
  for (guint i = 1; i < n; i++)
    {
      if ((p[i] & 0xc0) != 0x80)
        return refuse (s, s->pos, _("not UTF-8"));
      cp = (cp << 6) | (p[i] & 0x3f);
    }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
    return refuse (s, s->pos, _("not UTF-8 (overlong, surrogate or out of range)"));

  s->pos += n;
  return TRUE;
}

/* A string starting at the '"' at s->pos. */
static gboolean
read_string (Scanner *s)
{
  gsize start = s->pos;

  s->pos++;
  for (;;)
    {
      guint8 c;

      if (s->pos >= s->length)
        return refuse (s, start, _("unterminated string"));
      c = s->data[s->pos];

      if (c == '"')
        {
          s->pos++;
          return TRUE;
        }
      if (c < 0x20)
        return refuse (s, s->pos, c == 0 ? _("NUL byte in a string")
                                         : _("control character in a string (must be escaped)"));
      if (c >= 0x80)
        {
          if (!read_utf8 (s))
            return FALSE;
          continue;
        }
      if (c != '\\')
        {
          s->pos++;
          continue;
        }

      /* an escape */
      if (s->pos + 1 >= s->length)
        return refuse (s, start, _("unterminated string"));
      c = s->data[s->pos + 1];
      if (strchr ("\"\\/bfnrt", c) != NULL && c != '\0')
        {
          s->pos += 2;
          continue;
        }
      if (c == 'u')
        {
          gsize escape = s->pos;
          guint unit = 0, low = 0;

          s->pos += 2;
          if (!read_hex4 (s, &unit))
            return FALSE;
          if (unit == 0)
            return refuse (s, escape, _("\\u0000 is not allowed"));
          if (unit >= 0xdc00 && unit <= 0xdfff)
            return refuse (s, escape, _("\\u escape is a lone low surrogate"));
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              if (s->length - s->pos < 2 || s->data[s->pos] != '\\' || s->data[s->pos + 1] != 'u')
                return refuse (s, escape, _("\\u escape is a high surrogate without its low half"));
              s->pos += 2;
              if (!read_hex4 (s, &low))
                return FALSE;
              if (low < 0xdc00 || low > 0xdfff)
                return refuse (s, escape, _("\\u escape is a high surrogate without its low half"));
            }
          continue;
        }
      if (c >= '0' && c <= '7')
        return refuse (s, s->pos, _("octal escapes are not JSON"));
      return refuse (s, s->pos, _("invalid escape in a string"));
    }
}

static gboolean
is_digit (guint8 c)
{
  return c >= '0' && c <= '9';
}

/* A number per RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)? */
static gboolean
read_number (Scanner *s)
{
  gsize start = s->pos;
  const guint8 *d = s->data;
  gsize n = s->length;

  if (s->pos < n && d[s->pos] == '-')
    s->pos++;
  if (s->pos >= n || !is_digit (d[s->pos]))
    return refuse (s, start, _("invalid number"));
  if (d[s->pos] == '0')
    {
      s->pos++;
      if (s->pos < n && (is_digit (d[s->pos]) || d[s->pos] == 'x' || d[s->pos] == 'X'))
        return refuse (s, start, _("invalid number (leading zero or hex)"));
    }
  else
    while (s->pos < n && is_digit (d[s->pos]))
      s->pos++;

  if (s->pos < n && d[s->pos] == '.')
    {
      s->pos++;
      if (s->pos >= n || !is_digit (d[s->pos]))
        return refuse (s, start, _("invalid number (no digit after '.')"));
      while (s->pos < n && is_digit (d[s->pos]))
        s->pos++;
    }
  if (s->pos < n && (d[s->pos] == 'e' || d[s->pos] == 'E'))
    {
      s->pos++;
      if (s->pos < n && (d[s->pos] == '+' || d[s->pos] == '-'))
        s->pos++;
      if (s->pos >= n || !is_digit (d[s->pos]))
        return refuse (s, start, _("invalid number (no digit in the exponent)"));
      while (s->pos < n && is_digit (d[s->pos]))
        s->pos++;
    }
  return TRUE;
}

static gboolean
read_literal (Scanner *s)
{
  static const char * const literals[] = { "true", "false", "null" };

  for (guint i = 0; i < G_N_ELEMENTS (literals); i++)
    {
      gsize len = strlen (literals[i]);

      if (s->length - s->pos >= len && memcmp (s->data + s->pos, literals[i], len) == 0)
        {
          s->pos += len;
          return TRUE;
        }
    }
  return FALSE;
}

/* What to say about a byte where a value was expected. */
static const char *
unexpected (Scanner *s,
            guint8   c)
{
  if (c == '/' && s->pos + 1 < s->length
      && (s->data[s->pos + 1] == '/' || s->data[s->pos + 1] == '*'))
    return _("comments are not allowed");
  if (c == '#')
    return _("comments are not allowed");
  if (c == '\'')
    return _("strings must be in double quotes");
  if (c == 0)
    return _("NUL byte");
  if (c == 0xef && s->pos == 0)
    return _("byte order mark");
  return NULL;
}

static void
locate (const guint8       *data,
        gsize               offset,
        AtrJsonStrictError *error)
{
  guint line = 1, column = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++, column = 1;
      else if ((data[i] & 0xc0) != 0x80)
        column++;
    }
  error->offset = offset;
  error->line = line;
  error->column = column;
}

/**
 * atr_json_strict_check:
 * @data: the document (not necessarily NUL-terminated)
 * @length: its length in bytes
 * @max_depth: the deepest nesting of arrays and objects allowed, at most
 *   %ATR_JSON_STRICT_DEPTH_LIMIT
 * @error: (out caller-allocates) (optional): where and what, when the document is refused
 *
 * Checks that @data is one strict RFC 8259 JSON value surrounded by optional white space:
 * no comments, no single quotes, no trailing commas, valid escapes (surrogate pairs
 * complete), numbers per the grammar, valid UTF-8, no NUL, and at most @max_depth nested
 * containers. Iterative; reads each byte a bounded number of times. Pure, for fuzzing.
 *
 * Returns: %TRUE if json-glib may parse it
 */
gboolean
atr_json_strict_check (const char         *data,
                       gsize               length,
                       guint               max_depth,
                       AtrJsonStrictError *error)
{
  guint8 stack[ATR_JSON_STRICT_DEPTH_LIMIT];
  guint depth = 0;
  State state = EXPECT_VALUE;
  gboolean after_comma = FALSE;
  Scanner s = { (const guint8 *) data, length, 0, NULL, 0, FALSE };
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  max_depth = MIN (max_depth, ATR_JSON_STRICT_DEPTH_LIMIT);

  for (;;)
    {
      guint8 c;

      while (s.pos < s.length && (s.data[s.pos] == ' ' || s.data[s.pos] == '\t'
                                  || s.data[s.pos] == '\n' || s.data[s.pos] == '\r'))
        s.pos++;

      if (s.pos >= s.length)
        {
          if (state != EXPECT_COMMA_OR_CLOSE || depth > 0)
            ok = refuse (&s, s.length, state == EXPECT_VALUE && depth == 0
                                       ? _("empty document") : _("unexpected end of the document"));
          break;
        }
      c = s.data[s.pos];

      switch (state)
        {
        case EXPECT_VALUE_OR_CLOSE:
          if (c == ']')
            {
              depth--;
              s.pos++;
              state = EXPECT_COMMA_OR_CLOSE;
              continue;
            }
          G_GNUC_FALLTHROUGH;
        case EXPECT_VALUE:
          if (c == '{' || c == '[')
            {
              if (depth >= max_depth)
                {
                  s.too_deep = TRUE;
                  ok = refuse (&s, s.pos, _("nested too deeply"));
                  break;
                }
              stack[depth++] = c;
              s.pos++;
              state = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
            }
          else if (c == '"')
            {
              ok = read_string (&s);
              state = EXPECT_COMMA_OR_CLOSE;
            }
          else if (c == '-' || is_digit (c))
            {
              ok = read_number (&s);
              state = EXPECT_COMMA_OR_CLOSE;
            }
          else if ((c == 't' || c == 'f' || c == 'n') && read_literal (&s))
            state = EXPECT_COMMA_OR_CLOSE;
          else if (c == ']' && after_comma)
            ok = refuse (&s, s.pos, _("trailing comma before ']'"));
          else
            {
              const char *why = unexpected (&s, c);
              ok = refuse (&s, s.pos, why != NULL ? why : _("expected a value"));
            }
          break;

        case EXPECT_KEY_OR_CLOSE:
        case EXPECT_KEY:
          if (c == '}' && state == EXPECT_KEY_OR_CLOSE)
            {
              depth--;
              s.pos++;
              state = EXPECT_COMMA_OR_CLOSE;
            }
          else if (c == '"')
            {
              ok = read_string (&s);
              state = EXPECT_COLON;
            }
          else if (c == '}')
            ok = refuse (&s, s.pos, _("trailing comma before '}'"));
          else
            {
              const char *why = unexpected (&s, c);
              ok = refuse (&s, s.pos, why != NULL ? why : _("expected a member name in double quotes"));
            }
          break;

        case EXPECT_COLON:
          if (c == ':')
            {
              s.pos++;
              state = EXPECT_VALUE;
            }
          else
            {
              const char *why = unexpected (&s, c);
              ok = refuse (&s, s.pos, why != NULL ? why : _("expected ':' after a member name"));
            }
          break;

        case EXPECT_COMMA_OR_CLOSE:
        default:
          if (depth == 0)
            {
              const char *why = unexpected (&s, c);
              ok = refuse (&s, s.pos, why != NULL ? why : _("unexpected data after the document"));
            }
          else if (c == ',')
            {
              s.pos++;
              state = stack[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
              after_comma = TRUE;
              continue;
            }
          else if ((c == ']' && stack[depth - 1] == '[') || (c == '}' && stack[depth - 1] == '{'))
            {
              depth--;
              s.pos++;
            }
          else
            {
              const char *why = unexpected (&s, c);
              ok = refuse (&s, s.pos, why != NULL ? why
                                      : stack[depth - 1] == '{' ? _("expected ',' or '}'")
                                                                : _("expected ',' or ']'"));
            }
          break;
        }

      after_comma = FALSE;
      if (!ok)
        break;
    }

  if (!ok && error != NULL)
    {
      locate (s.data, MIN (s.problem_at, s.length), error);
      error->problem = s.problem;
      error->too_deep = s.too_deep;
    }
  return ok;
}
