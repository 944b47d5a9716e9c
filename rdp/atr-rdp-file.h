/* atr-rdp-file.h — a decoded .rdp payload: `name:type:value` lines (immutable)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Payloads larger than this are refused undecoded. */
#define ATR_RDP_FILE_MAX_SIZE (1024 * 1024)

#define ATR_RDP_FILE_ERROR (atr_rdp_file_error_quark ())

/**
 * AtrRdpFileError:
 * @ATR_RDP_FILE_ERROR_FAILED: an internal error (FreeRDP refused a well-formed file)
 * @ATR_RDP_FILE_ERROR_TOO_LARGE: the payload is over %ATR_RDP_FILE_MAX_SIZE
 * @ATR_RDP_FILE_ERROR_ENCODING: NUL bytes, invalid UTF-8 or UTF-16, an unsupported encoding
 * @ATR_RDP_FILE_ERROR_NO_HOST: nothing to connect to (no usable `full address`)
 * @ATR_RDP_FILE_ERROR_POLICY: a policy document that is not shaped like the manifest's "policy"
 * @ATR_RDP_FILE_ERROR_DUPLICATE: a security-relevant key (atr_rdp_key_is_security_relevant():
 *   host, port, gateway, credentials, authentication, programs, redirections) is set twice
 * @ATR_RDP_FILE_ERROR_TARGET_MISMATCH: the host, port or gateway a session would really use
 *   is not the one the launch check or the user approved
 *
 * The error domain of the .rdp payload handling (decode, filter, settings). Messages name
 * the origin (file or URL) and the line or key at fault, never a value.
 */
typedef enum
{
  ATR_RDP_FILE_ERROR_FAILED,
  ATR_RDP_FILE_ERROR_TOO_LARGE,
  ATR_RDP_FILE_ERROR_ENCODING,
  ATR_RDP_FILE_ERROR_NO_HOST,
  ATR_RDP_FILE_ERROR_POLICY,
  ATR_RDP_FILE_ERROR_DUPLICATE,
  ATR_RDP_FILE_ERROR_TARGET_MISMATCH,
} AtrRdpFileError;

/**
 * AtrRdpValueType:
 * @ATR_RDP_VALUE_INTEGER: `i`
 * @ATR_RDP_VALUE_STRING: `s`
 * @ATR_RDP_VALUE_BINARY: `b` (hex digits)
 * @ATR_RDP_VALUE_OPTION: a line starting with `/`, which FreeRDP 2.11 would take as a
 *   command-line option; the name is the text before the first `:`, the value the rest
 */
typedef enum
{
  ATR_RDP_VALUE_INTEGER = 'i',
  ATR_RDP_VALUE_STRING  = 's',
  ATR_RDP_VALUE_BINARY  = 'b',
  ATR_RDP_VALUE_OPTION  = '/',
} AtrRdpValueType;

/**
 * AtrRdpLine:
 * @line: 1-based line number in the payload (CRLF, LF and a lone CR each end a line)
 * @name: the name as written, surrounding blanks removed
 * @key: @name in the canonical form of atr_rdp_key_canonical() (blanks trimmed and
 *   collapsed, ASCII lower case): what to compare, and what is written back for FreeRDP
 * @type: the value type
 * @value: the value, verbatim UTF-8 (everything after the second colon)
 * @integer: the parsed value when @type is %ATR_RDP_VALUE_INTEGER
 */
typedef struct
{
  guint            line;
  char            *name;
  char            *key;
  AtrRdpValueType  type;
  char            *value;
  gint64           integer;
} AtrRdpLine;

/**
 * AtrRdpDropped:
 * @line: 1-based line number, 0 when not tied to a line
 * @key: the key the line set, lower case, or %NULL when none could be read
 * @reason: why the line was dropped or changed; never contains the value
 *
 * A malformed line (from the parser) or a line the policy filter removed or rewrote.
 */
typedef struct
{
  guint  line;
  char  *key;
  char  *reason;
} AtrRdpDropped;

#define ATR_TYPE_RDP_DROPPED (atr_rdp_dropped_get_type ())
GType          atr_rdp_dropped_get_type (void) G_GNUC_CONST;
AtrRdpDropped *atr_rdp_dropped_new      (guint                line,
                                         const char          *key,
                                         const char          *reason);
AtrRdpDropped *atr_rdp_dropped_copy     (const AtrRdpDropped *dropped);
void           atr_rdp_dropped_free     (AtrRdpDropped       *dropped);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrRdpDropped, atr_rdp_dropped_free)

#define ATR_TYPE_RDP_FILE (atr_rdp_file_get_type ())
G_DECLARE_FINAL_TYPE (AtrRdpFile, atr_rdp_file, ATR, RDP_FILE, GObject)

GQuark            atr_rdp_file_error_quark        (void);

AtrRdpFile       *atr_rdp_file_new_from_bytes     (GBytes      *payload,
                                                   const char  *origin,
                                                   GError     **error);

const char       *atr_rdp_file_get_origin         (AtrRdpFile  *self);
guint             atr_rdp_file_get_n_lines        (AtrRdpFile  *self);
const AtrRdpLine *atr_rdp_file_get_line           (AtrRdpFile  *self,
                                                   guint        index);
const AtrRdpLine *atr_rdp_file_lookup             (AtrRdpFile  *self,
                                                   const char  *key);
const char       *atr_rdp_file_get_string         (AtrRdpFile  *self,
                                                   const char  *key);
gboolean          atr_rdp_file_get_integer        (AtrRdpFile  *self,
                                                   const char  *key,
                                                   gint64      *value);
GPtrArray        *atr_rdp_file_get_malformed      (AtrRdpFile  *self);

char             *atr_rdp_file_to_data            (AtrRdpFile  *self,
                                                   gsize       *length);
char             *atr_rdp_file_to_redacted_string (AtrRdpFile  *self);

gboolean          atr_rdp_key_is_secret           (const char  *key);

G_END_DECLS
