/* atr-rdp-file.c — decoding and splitting a .rdp payload
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The payload is untrusted input (a feed, a download, a URI). Decoding is strict: UTF-16LE
 * with a BOM (what mstsc writes), UTF-16BE with a BOM, UTF-16LE without a BOM (detected by
 * the zero high bytes of ASCII text), or UTF-8 with or without a BOM. A single NUL at the
 * very end (a C string's terminator) is dropped; any other NUL character and invalid
 * sequences are errors naming the line. CRLF, LF and a lone CR each end a line, as
 * in FreeRDP's own parser (strtok on "\r\n"), so a CR cannot hide a line from us that
 * FreeRDP would see. Lines are split on the first two colons only; a line that does not
 * split is collected as malformed, never fatal. Names are compared in the canonical form
 * of atr_rdp_key_canonical(), the one the rdp:// link parser uses too; a security-relevant
 * key set twice refuses the whole file.
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-rdp-key.h"

#include "atr-rdp-file-private.h"

#define NAME_MAX_LENGTH 128
#define OPTION_KEY_MAX_LENGTH 64

struct _AtrRdpFile
{
  GObject     parent_instance;

  char       *origin;
  GPtrArray  *lines;      /* of AtrRdpLine */
  GPtrArray  *malformed;  /* of AtrRdpDropped */
  GHashTable *last_index; /* key → GUINT_TO_POINTER (index + 1) of the line that wins */
};

G_DEFINE_FINAL_TYPE (AtrRdpFile, atr_rdp_file, G_TYPE_OBJECT)

G_DEFINE_QUARK (atr-rdp-file-error-quark, atr_rdp_file_error)

G_DEFINE_BOXED_TYPE (AtrRdpDropped, atr_rdp_dropped, atr_rdp_dropped_copy, atr_rdp_dropped_free)

AtrRdpDropped *
atr_rdp_dropped_new (guint       line,
                     const char *key,
                     const char *reason)
{
  AtrRdpDropped *self;

  g_return_val_if_fail (reason != NULL, NULL);

  self = g_new0 (AtrRdpDropped, 1);
  self->line = line;
  self->key = g_strdup (key);
  self->reason = g_strdup (reason);
  return self;
}

AtrRdpDropped *
atr_rdp_dropped_copy (const AtrRdpDropped *dropped)
{
  g_return_val_if_fail (dropped != NULL, NULL);

  return atr_rdp_dropped_new (dropped->line, dropped->key, dropped->reason);
}

void
atr_rdp_dropped_free (AtrRdpDropped *dropped)
{
  if (dropped == NULL)
    return;
  g_free (dropped->key);
  g_free (dropped->reason);
  g_free (dropped);
}

AtrRdpLine *
_atr_rdp_line_new (guint            line,
                   const char      *name,
                   AtrRdpValueType  type,
                   const char      *value,
                   gint64           integer)
{
  AtrRdpLine *self = g_new0 (AtrRdpLine, 1);

  self->line = line;
  self->name = g_strdup (name);
  self->key = atr_rdp_key_canonical (name);
  self->type = type;
  self->value = g_strdup (value);
  self->integer = integer;
  return self;
}

AtrRdpLine *
_atr_rdp_line_copy (const AtrRdpLine *line)
{
  return _atr_rdp_line_new (line->line, line->name, line->type, line->value, line->integer);
}

void
_atr_rdp_line_free (AtrRdpLine *line)
{
  if (line == NULL)
    return;
  g_free (line->name);
  g_free (line->key);
  if (line->value != NULL)
    {
      /* Values may be secrets (password 51, gatewayaccesstoken): wipe before freeing. */
      memset (line->value, 0, strlen (line->value));
      g_free (line->value);
    }
  g_free (line);
}

static void
atr_rdp_file_finalize (GObject *object)
{
  AtrRdpFile *self = ATR_RDP_FILE (object);

  g_clear_pointer (&self->origin, g_free);
  g_clear_pointer (&self->lines, g_ptr_array_unref);
  g_clear_pointer (&self->malformed, g_ptr_array_unref);
  g_clear_pointer (&self->last_index, g_hash_table_unref);

  G_OBJECT_CLASS (atr_rdp_file_parent_class)->finalize (object);
}

static void
atr_rdp_file_class_init (AtrRdpFileClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = atr_rdp_file_finalize;
}

static void
atr_rdp_file_init (AtrRdpFile *self)
{
  self->last_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

AtrRdpFile *
_atr_rdp_file_new_from_lines (const char *origin,
                              GPtrArray  *lines,
                              GPtrArray  *malformed)
{
  AtrRdpFile *self = g_object_new (ATR_TYPE_RDP_FILE, NULL);

  self->origin = g_strdup (origin != NULL ? origin : "(payload)");
  self->lines = lines;
  self->malformed = malformed;

  for (guint i = 0; i < lines->len; i++)
    {
      const AtrRdpLine *line = g_ptr_array_index (lines, i);

      if (line->type != ATR_RDP_VALUE_OPTION)
        g_hash_table_replace (self->last_index, g_strdup (line->key), GUINT_TO_POINTER (i + 1));
    }

  return self;
}

/* ---- decoding ---------------------------------------------------------------------------- */

/* The 1-based line that byte @offset of @data lies on (CRLF, LF or a lone CR end a line). */
static guint
line_at_offset (const guint8 *data,
                gsize         offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r' && data[i + 1] != '\n') /* i + 1 <= offset < length */
        line++;
    }
  return line;
}

static gboolean
looks_like_utf16le (const guint8 *data,
                    gsize         length)
{
  gsize sample = MIN (length, 1024) & ~(gsize) 1;
  gsize pairs = sample / 2;
  gsize zero_high = 0;
  gsize zero_low = 0;

  if (pairs == 0)
    return FALSE;

  for (gsize i = 0; i < sample; i += 2)
    {
      if (data[i] == 0)
        zero_low++;
      if (data[i + 1] == 0)
        zero_high++;
    }

  /* ASCII text in UTF-16LE: (nearly) every high byte is zero, the low bytes are not. */
  return zero_high * 4 >= pairs * 3 && zero_low * 2 < zero_high;
}

static char *
decode_utf16 (const guint8 *data,
              gsize         length,
              gboolean      big_endian,
              const char   *origin,
              gsize        *out_length,
              GError      **error)
{
  g_autoptr(GString) text = g_string_sized_new (length / 2 + 1);
  gsize n_units = length / 2;
  guint line = 1;

#define UNIT(i) (big_endian ? (guint16) ((data[2 * (i)] << 8) | data[2 * (i) + 1]) \
                            : (guint16) ((data[2 * (i) + 1] << 8) | data[2 * (i)]))

  /* a single NUL at the very end is the terminator of a C string written out with the text
   * (see _atr_rdp_file_decode()): dropped; any other NUL is refused below */
  if (length % 2 == 0 && n_units > 0 && UNIT (n_units - 1) == 0)
    n_units--;

  for (gsize i = 0; i < n_units; i++)
    {
      guint16 unit = UNIT (i);
      gunichar c;

      if (unit == 0)
        {
          g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING,
                       _("%s: line %u: NUL character in UTF-16 text"), origin, line);
          return NULL;
        }
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          guint16 low = i + 1 < n_units ? UNIT (i + 1) : 0;

          if (low < 0xDC00 || low > 0xDFFF)
            {
              g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING,
                           _("%s: line %u: invalid UTF-16 (a high surrogate without its low half)"),
                           origin, line);
              return NULL;
            }
          c = 0x10000 + (((gunichar) unit - 0xD800) << 10) + ((gunichar) low - 0xDC00);
          i++;
        }
      else if (unit >= 0xDC00 && unit <= 0xDFFF)
        {
          g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING,
                       _("%s: line %u: invalid UTF-16 (a lone low surrogate)"), origin, line);
          return NULL;
        }
      else
        c = unit;

      if (c == '\n')
        line++;
      else if (c == '\r' && !(i + 1 < n_units && UNIT (i + 1) == '\n'))
        line++;

      g_string_append_unichar (text, c);
    }
#undef UNIT

  if (length % 2 != 0)
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING,
                   _("%s: line %u: invalid UTF-16 (an odd number of bytes: truncated)"),
                   origin, line);
      return NULL;
    }

  *out_length = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/*
 * _atr_rdp_file_decode:
 *
 * Turns the raw payload into NUL-terminated UTF-8 text, or fails naming the line.
 */
char *
_atr_rdp_file_decode (const guint8 *data,
                      gsize         length,
                      const char   *origin,
                      gsize        *out_length,
                      GError      **error)
{
  const guint8 *nul;
  const char *end = NULL;

  if (length > ATR_RDP_FILE_MAX_SIZE)
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TOO_LARGE,
                   _("%s: %lu bytes, over the %d-byte limit for .rdp files"),
                   origin, (unsigned long) length, ATR_RDP_FILE_MAX_SIZE);
      return NULL;
    }

  if (length >= 2 && data[0] == 0xFF && data[1] == 0xFE)
    return decode_utf16 (data + 2, length - 2, FALSE, origin, out_length, error);
  if (length >= 2 && data[0] == 0xFE && data[1] == 0xFF)
    return decode_utf16 (data + 2, length - 2, TRUE, origin, out_length, error);
  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    {
      data += 3;
      length -= 3;
    }
  else if (looks_like_utf16le (data, length))
    return decode_utf16 (data, length, FALSE, origin, out_length, error);

  /* One NUL as the last byte is a C string's terminator written out with the text:
   * FreeRDP's own test data does that (TestClientRdpFile.c parses sizeof (testRdpFileUTF8))
   * and FreeRDP accepts it. It ends nothing early, so it is dropped. A NUL anywhere else
   * would end the text early for a C parser and hide the lines after it: refused. */
  if (length > 0 && data[length - 1] == 0)
    length--;

  nul = memchr (data, 0, length);
  if (nul != NULL)
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING,
                   _("%s: line %u: NUL byte in the text"), origin,
                   line_at_offset (data, (gsize) (nul - data)));
      return NULL;
    }

  if (!g_utf8_validate_len ((const char *) data, length, &end))
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING,
                   _("%s: line %u: invalid UTF-8"), origin,
                   line_at_offset (data, (gsize) ((const guint8 *) end - data)));
      return NULL;
    }

  *out_length = length;
  return g_strndup ((const char *) data, length);
}

/* ---- splitting lines --------------------------------------------------------------------- */

static gboolean
has_control_chars (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return TRUE;
    }
  return FALSE;
}

/* Tabs are blanks in names (atr_rdp_key_canonical() collapses them); other controls are not. */
static gboolean
name_has_control_chars (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if (*p != '\t' && ((guchar) *p < 0x20 || (guchar) *p == 0x7F))
      return TRUE;
  return FALSE;
}

/* Names are printable ASCII with blanks: anything else (a second BOM, a zero-width or
 * non-breaking space, a fullwidth letter) could make one reader see a key another does not. */
static gboolean
name_is_printable_ascii (const char *name)
{
  for (const char *p = name; *p != '\0'; p++)
    if (*p != '\t' && ((guchar) *p < 0x20 || (guchar) *p > 0x7E))
      return FALSE;
  return TRUE;
}

static void
add_malformed (GPtrArray  *malformed,
               guint       line,
               const char *key,
               const char *reason)
{
  g_autofree char *lower = key != NULL ? atr_rdp_key_canonical (key) : NULL;

  g_ptr_array_add (malformed, atr_rdp_dropped_new (line, lower, reason));
}

static gboolean
parse_integer (const char *text,
               gint64     *out)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  const char *p = trimmed;
  gint64 value = 0;
  gboolean negative = FALSE;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (*p == '\0')
    return FALSE;
  for (; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      value = value * 10 + (*p - '0');
      if (value > G_MAXINT32 + (gint64) negative)
        return FALSE;
    }
  *out = negative ? -value : value;
  return TRUE;
}

static gboolean
is_hex (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p != '\0'; p++, n++)
    if (!g_ascii_isxdigit (*p))
      return FALSE;
  return n % 2 == 0;
}

static void
parse_line (char       *text,
            guint       number,
            GPtrArray  *lines,
            GPtrArray  *malformed)
{
  char *start = text;
  char *colon1;
  char *colon2;
  g_autofree char *name = NULL;
  char type;
  const char *value;
  gint64 integer = 0;

  while (*start == ' ' || *start == '\t')
    start++;
  if (*start == '\0')
    return;

  if (*start == '/')
    {
      /* FreeRDP 2.11 passes such a line to its command-line parser. Keep it for the filter
       * to drop and report; the key is the option name only, never its value. */
      gsize key_length = strcspn (start, ":");

      name = g_strndup (start, MIN (key_length, OPTION_KEY_MAX_LENGTH));
      if (!g_utf8_validate (name, -1, NULL) || has_control_chars (name))
        {
          g_free (name);
          name = g_strdup ("/");
        }
      value = start[key_length] == ':' ? start + key_length + 1 : "";
      g_ptr_array_add (lines, _atr_rdp_line_new (number, name, ATR_RDP_VALUE_OPTION, value, 0));
      return;
    }

  colon1 = strchr (start, ':');
  if (colon1 == NULL)
    {
      add_malformed (malformed, number, NULL, "not a name:type:value line (no ':')");
      return;
    }

  name = g_strstrip (g_strndup (start, (gsize) (colon1 - start)));
  if (*name == '\0')
    {
      add_malformed (malformed, number, NULL, "empty name");
      return;
    }
  if (strlen (name) > NAME_MAX_LENGTH || name_has_control_chars (name))
    {
      add_malformed (malformed, number, NULL,
                     "the name is longer than 128 bytes or contains control characters");
      return;
    }
  if (!name_is_printable_ascii (name))
    {
      add_malformed (malformed, number, NULL,
                     "the name contains characters other than printable ASCII");
      return;
    }

  colon2 = strchr (colon1 + 1, ':');
  if (colon2 == NULL)
    {
      add_malformed (malformed, number, name, "no type field (expected name:type:value)");
      return;
    }
  if (colon2 - colon1 != 2)
    {
      add_malformed (malformed, number, name, "the type field is not one of i, s, b");
      return;
    }

  type = colon1[1];
  value = colon2 + 1;

  switch (type)
    {
    case 'i':
      if (!parse_integer (value, &integer))
        {
          add_malformed (malformed, number, name,
                         "the integer value is not a decimal number in the 32-bit range");
          return;
        }
      break;
    case 's':
      break;
    case 'b':
      if (!is_hex (value))
        {
          add_malformed (malformed, number, name,
                         "the binary value is not an even number of hex digits");
          return;
        }
      break;
    default:
      add_malformed (malformed, number, name, "the type field is not one of i, s, b");
      return;
    }

  g_ptr_array_add (lines, _atr_rdp_line_new (number, name, (AtrRdpValueType) type, value,
                                             integer));
}

/* A key that decides where the session goes or how it authenticates, set twice: readers
 * that let the first or the last line win would disagree, so the file is refused. Other
 * repeats are left to the filter (the last one wins, as in FreeRDP). */
static gboolean
check_repeats (GPtrArray   *lines,
               const char  *origin,
               GError     **error)
{
  g_autoptr(GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < lines->len; i++)
    {
      const AtrRdpLine *line = g_ptr_array_index (lines, i);
      const AtrRdpLine *earlier;

      if (line->type == ATR_RDP_VALUE_OPTION || !atr_rdp_key_is_security_relevant (line->key))
        continue;
      earlier = g_hash_table_lookup (first, line->key);
      if (earlier != NULL)
        {
          g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_DUPLICATE,
                       _("%s: line %u sets '%s' again (first set on line %u); a file that sets "
                       "a host, port, gateway, credential or security key twice is refused"),
                       origin, line->line, line->key, earlier->line);
          return FALSE;
        }
      g_hash_table_insert (first, line->key, (gpointer) line);
    }
  return TRUE;
}

/**
 * atr_rdp_file_new_from_bytes:
 * @payload: the raw .rdp payload
 * @origin: (nullable): a file name or URL for messages
 * @error: return location for an %ATR_RDP_FILE_ERROR
 *
 * Decodes and splits @payload. Malformed lines do not fail the call: they are listed by
 * atr_rdp_file_get_malformed(). A security-relevant key set twice does
 * (%ATR_RDP_FILE_ERROR_DUPLICATE, naming the key and both lines).
 *
 * Returns: (transfer full): the file, or %NULL when the payload is oversize or not text,
 *   or repeats a security-relevant key
 */
AtrRdpFile *
atr_rdp_file_new_from_bytes (GBytes      *payload,
                             const char  *origin,
                             GError     **error)
{
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) malformed = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  gsize size = 0;
  const guint8 *data;
  char *p;
  guint number = 1;

  g_return_val_if_fail (payload != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (origin == NULL)
    origin = "(payload)";

  data = g_bytes_get_data (payload, &size);
  text = _atr_rdp_file_decode (data != NULL ? data : (const guint8 *) "", size, origin,
                               &length, error);
  if (text == NULL)
    return NULL;

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) _atr_rdp_line_free);
  malformed = g_ptr_array_new_with_free_func ((GDestroyNotify) atr_rdp_dropped_free);

  p = text;
  while (p < text + length)
    {
      gsize span = strcspn (p, "\r\n");
      char *next = p + span;

      if (*next == '\r' && next[1] == '\n')
        {
          *next = '\0';
          next += 2;
        }
      else if (*next != '\0')
        *next++ = '\0';

      parse_line (p, number, lines, malformed);
      number++;
      p = next;
    }

  memset (text, 0, length);
  if (!check_repeats (lines, origin, error))
    return NULL;
  return _atr_rdp_file_new_from_lines (origin, g_steal_pointer (&lines),
                                       g_steal_pointer (&malformed));
}

const char *
atr_rdp_file_get_origin (AtrRdpFile *self)
{
  g_return_val_if_fail (ATR_IS_RDP_FILE (self), NULL);

  return self->origin;
}

guint
atr_rdp_file_get_n_lines (AtrRdpFile *self)
{
  g_return_val_if_fail (ATR_IS_RDP_FILE (self), 0);

  return self->lines->len;
}

/**
 * atr_rdp_file_get_line:
 *
 * Returns: (transfer none): the @index-th line in payload order (option lines included)
 */
const AtrRdpLine *
atr_rdp_file_get_line (AtrRdpFile *self,
                       guint       index)
{
  g_return_val_if_fail (ATR_IS_RDP_FILE (self), NULL);
  g_return_val_if_fail (index < self->lines->len, NULL);

  return g_ptr_array_index (self->lines, index);
}

/**
 * atr_rdp_file_lookup:
 * @key: a name, any case
 *
 * Returns: (transfer none) (nullable): the line that sets @key; when a key repeats the last
 *   one wins, as in FreeRDP
 */
const AtrRdpLine *
atr_rdp_file_lookup (AtrRdpFile *self,
                     const char *key)
{
  g_autofree char *lower = NULL;
  guint index;

  g_return_val_if_fail (ATR_IS_RDP_FILE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  lower = atr_rdp_key_canonical (key);
  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->last_index, lower));
  return index > 0 ? g_ptr_array_index (self->lines, index - 1) : NULL;
}

/**
 * atr_rdp_file_get_string:
 *
 * Returns: (nullable): the value of the `s` line that sets @key
 */
const char *
atr_rdp_file_get_string (AtrRdpFile *self,
                         const char *key)
{
  const AtrRdpLine *line = atr_rdp_file_lookup (self, key);

  return line != NULL && line->type == ATR_RDP_VALUE_STRING ? line->value : NULL;
}

gboolean
atr_rdp_file_get_integer (AtrRdpFile *self,
                          const char *key,
                          gint64     *value)
{
  const AtrRdpLine *line = atr_rdp_file_lookup (self, key);

  if (line == NULL || line->type != ATR_RDP_VALUE_INTEGER)
    return FALSE;
  if (value != NULL)
    *value = line->integer;
  return TRUE;
}

/**
 * atr_rdp_file_get_malformed:
 *
 * Returns: (transfer none) (element-type AtrRdpDropped): lines that did not parse
 */
GPtrArray *
atr_rdp_file_get_malformed (AtrRdpFile *self)
{
  g_return_val_if_fail (ATR_IS_RDP_FILE (self), NULL);

  return self->malformed;
}

static void
append_line (GString          *out,
             const AtrRdpLine *line,
             gboolean          redact)
{
  if (line->type == ATR_RDP_VALUE_OPTION)
    {
      g_string_append_printf (out, "%s:<redacted>\r\n", line->key);
      return;
    }

  g_string_append_printf (out, "%s:%c:", line->key, (char) line->type);
  if (redact && atr_rdp_key_is_secret (line->key))
    g_string_append (out, "<redacted>");
  else if (line->type == ATR_RDP_VALUE_INTEGER)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, line->integer);
  else
    g_string_append (out, line->value);
  g_string_append (out, "\r\n");
}

/**
 * atr_rdp_file_to_data:
 * @length: (out) (optional): the length in bytes
 *
 * Writes the file back as UTF-8 text with CRLF lines, names in lower case and integers in
 * canonical decimal — the form handed to FreeRDP's parser. Option (`/`) lines are never
 * written. The text holds secrets: wipe it after use and never log it.
 *
 * Returns: (transfer full): the text
 */
char *
atr_rdp_file_to_data (AtrRdpFile *self,
                      gsize      *length)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (ATR_IS_RDP_FILE (self), NULL);

  for (guint i = 0; i < self->lines->len; i++)
    {
      const AtrRdpLine *line = g_ptr_array_index (self->lines, i);

      if (line->type != ATR_RDP_VALUE_OPTION)
        append_line (out, line, FALSE);
    }

  if (length != NULL)
    *length = out->len;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * atr_rdp_file_to_redacted_string:
 *
 * The one place a .rdp payload may be turned into printable text: secret values
 * (atr_rdp_key_is_secret()) and the arguments of option lines are replaced by
 * `<redacted>`.
 *
 * Returns: (transfer full): the redacted text, one CRLF-terminated line per entry
 */
char *
atr_rdp_file_to_redacted_string (AtrRdpFile *self)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (ATR_IS_RDP_FILE (self), NULL);

  for (guint i = 0; i < self->lines->len; i++)
    append_line (out, g_ptr_array_index (self->lines, i), TRUE);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * atr_rdp_key_is_secret:
 * @key: a name, any case
 *
 * Whether the value of @key is a secret that must never be printed or logged:
 * `password`, `password 51`, `clear password`, `gatewayaccesstoken`, and any key whose
 * name mentions a password, token, secret or cookie.
 */
gboolean
atr_rdp_key_is_secret (const char *key)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (key != NULL, TRUE);

  lower = g_utf8_strdown (key, -1);
  return strstr (lower, "password") != NULL || strstr (lower, "token") != NULL ||
         strstr (lower, "secret") != NULL || strstr (lower, "cookie") != NULL ||
         strstr (lower, "pwd") != NULL;
}
