/* atr-rdp-policy.c — the tenant policy and the .rdp filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A .rdp payload from a feed, a URI or a download is untrusted. The filter returns a new
 * file holding only what may reach FreeRDP, and lists every line it dropped or rewrote with
 * a reason (never the value):
 *
 * - lines starting with `/`: FreeRDP 2.11 feeds them to its command-line parser (option
 *   injection: `/shell:`, `/drive:`, `/cert:ignore`…) — always dropped;
 * - `authentication level` other than 1 or 2 becomes 2: 0 lets FreeRDP connect without
 *   checking the server's certificate, 3 states no requirement;
 * - `enablecredsspsupport` and `negotiate security layer` other than 1 become 1: 0 would
 *   switch off network level authentication or TLS negotiation (links refuse both);
 * - `full address`, `alternate full address` and `gatewayhostname` must pass the link host
 *   rule (atr_uri_host_normalize(): no leading '-', no '@', '\\', '%' or '_', no numeric
 *   tricks), else they are dropped;
 * - redirections the tenant does not allow: on/off integers are rewritten to 0, device
 *   lists (`drivestoredirect:s:*` of the 2024 phishing campaign) are dropped, `audiomode:i:0`
 *   becomes 2 (do not play), `redirectlocation`/`redirectwebauthn` are always turned off;
 * - `kdcproxyname` and `rdgiskdcproxy` are dropped when set: they would send the user's Kerberos
 *   exchange to a proxy the file names. `alternate shell`, `shell working directory` and
 *   the RemoteApp keys stay: they run on the server, not here;
 * - `autoreconnection enabled` is turned off when the policy forbids reconnecting;
 * - values with control characters, over-long values, known keys with the wrong type,
 *   negative integers, bad addresses or ports, and earlier copies of a repeated key (the
 *   last one wins, as in FreeRDP) are dropped;
 * - unknown keys are kept (FreeRDP ignores them). Secrets (`password 51`,
 *   `gatewayaccesstoken`, …) are kept for the engine; nothing here prints them.
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "atr-json-load.h"
#include "atr-rdp-file-private.h"
#include "atr-rdp-summary.h"

#include "atr-rdp-policy.h"

static const char * const redirection_names[ATR_RDP_REDIRECT_N_KINDS] = {
  "clipboard", "audio", "printers", "drives", "smartcards", "usb", "camera", "comports",
  "microphone",
};

typedef enum
{
  RULE_PLAIN,          /* known, passes when well typed */
  RULE_ADDRESS,        /* host[:port] */
  RULE_PORT,           /* 1–65535 */
  RULE_AUTH_LEVEL,
  RULE_SECURITY_ON,    /* 1 only: NLA (CredSSP) and security-layer negotiation stay on */
  RULE_GATEWAY_USAGE,  /* 0–4 */
  RULE_REDIRECT_FLAG,  /* integer on/off: rewritten to 0 when not allowed */
  RULE_REDIRECT_LIST,  /* string list of devices: dropped when not allowed */
  RULE_AUDIO_MODE,     /* 0 plays here: rewritten to 2 when audio is not allowed */
  RULE_NEVER,          /* a redirection the policy has no name for: always off */
  RULE_RECONNECT,
  RULE_DROP,           /* always dropped */
} RuleKind;

typedef struct
{
  const char        *key;
  char               type;
  RuleKind           kind;
  AtrRdpRedirection  redirection;
  const char        *reason;
} Rule;

static const Rule rules[] = {
  { "full address", 's', RULE_ADDRESS, 0, NULL },
  { "alternate full address", 's', RULE_ADDRESS, 0, NULL },
  { "gatewayhostname", 's', RULE_ADDRESS, 0, NULL },
  { "server port", 'i', RULE_PORT, 0, NULL },
  { "authentication level", 'i', RULE_AUTH_LEVEL, 0, NULL },
  { "gatewayusagemethod", 'i', RULE_GATEWAY_USAGE, 0, NULL },
  { "redirectclipboard", 'i', RULE_REDIRECT_FLAG, ATR_RDP_REDIRECT_CLIPBOARD, NULL },
  { "redirectprinters", 'i', RULE_REDIRECT_FLAG, ATR_RDP_REDIRECT_PRINTERS, NULL },
  { "redirectdrives", 'i', RULE_REDIRECT_FLAG, ATR_RDP_REDIRECT_DRIVES, NULL },
  { "redirectsmartcards", 'i', RULE_REDIRECT_FLAG, ATR_RDP_REDIRECT_SMARTCARDS, NULL },
  { "redirectcomports", 'i', RULE_REDIRECT_FLAG, ATR_RDP_REDIRECT_COMPORTS, NULL },
  { "redirectposdevices", 'i', RULE_REDIRECT_FLAG, ATR_RDP_REDIRECT_COMPORTS, NULL },
  { "audiocapturemode", 'i', RULE_REDIRECT_FLAG, ATR_RDP_REDIRECT_MICROPHONE, NULL },
  { "drivestoredirect", 's', RULE_REDIRECT_LIST, ATR_RDP_REDIRECT_DRIVES, NULL },
  { "devicestoredirect", 's', RULE_REDIRECT_LIST, ATR_RDP_REDIRECT_USB, NULL },
  { "usbdevicestoredirect", 's', RULE_REDIRECT_LIST, ATR_RDP_REDIRECT_USB, NULL },
  { "camerastoredirect", 's', RULE_REDIRECT_LIST, ATR_RDP_REDIRECT_CAMERA, NULL },
  { "audiomode", 'i', RULE_AUDIO_MODE, ATR_RDP_REDIRECT_AUDIO, NULL },
  { "redirectlocation", 'i', RULE_NEVER, 0, NULL },
  { "redirectwebauthn", 'i', RULE_NEVER, 0, NULL },
  { "autoreconnection enabled", 'i', RULE_RECONNECT, 0, NULL },
  { "kdcproxyname", 's', RULE_DROP, 0,
    "a KDC proxy named by the file would receive the user's Kerberos exchange" },
  { "rdgiskdcproxy", 'i', RULE_DROP, 0,
    "a KDC proxy named by the file would receive the user's Kerberos exchange" },
  { "loadbalanceinfo", 's', RULE_PLAIN, 0, NULL },
  { "username", 's', RULE_PLAIN, 0, NULL },
  { "domain", 's', RULE_PLAIN, 0, NULL },
  { "password", 's', RULE_PLAIN, 0, NULL },
  { "clear password", 's', RULE_PLAIN, 0, NULL },
  { "password 51", 'b', RULE_PLAIN, 0, NULL },
  { "gatewayaccesstoken", 's', RULE_PLAIN, 0, NULL },
  { "gatewaycredentialssource", 'i', RULE_PLAIN, 0, NULL },
  { "gatewayprofileusagemethod", 'i', RULE_PLAIN, 0, NULL },
  { "promptcredentialonce", 'i', RULE_PLAIN, 0, NULL },
  { "remoteapplicationmode", 'i', RULE_PLAIN, 0, NULL },
  { "remoteapplicationprogram", 's', RULE_PLAIN, 0, NULL },
  { "remoteapplicationname", 's', RULE_PLAIN, 0, NULL },
  { "remoteapplicationcmdline", 's', RULE_PLAIN, 0, NULL },
  { "alternate shell", 's', RULE_PLAIN, 0, NULL },
  { "shell working directory", 's', RULE_PLAIN, 0, NULL },
  { "enablecredsspsupport", 'i', RULE_SECURITY_ON, 0,
    "it would switch off network level authentication (CredSSP); set to 1" },
  { "negotiate security layer", 'i', RULE_SECURITY_ON, 0,
    "it would switch off the negotiation of TLS and network level authentication; set to 1" },
  { "use redirection server name", 'i', RULE_PLAIN, 0, NULL },
  { "autoreconnect max retries", 'i', RULE_PLAIN, 0, NULL },
};

void
atr_rdp_policy_init_default (AtrRdpPolicy *policy)
{
  g_return_if_fail (policy != NULL);

  policy->redirections = ATR_RDP_REDIRECT_DEFAULT;
  policy->allow_certificate_override = FALSE;
  policy->reconnect = TRUE;
  policy->idle_logoff_minutes = 0;
}

const char *
atr_rdp_redirection_to_string (AtrRdpRedirection redirection)
{
  for (guint i = 0; i < ATR_RDP_REDIRECT_N_KINDS; i++)
    if (redirection == (AtrRdpRedirection) (1u << i))
      return redirection_names[i];
  return NULL;
}

gboolean
atr_rdp_redirection_from_string (const char        *name,
                                 AtrRdpRedirection *redirection)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < ATR_RDP_REDIRECT_N_KINDS; i++)
    if (g_ascii_strcasecmp (name, redirection_names[i]) == 0)
      {
        if (redirection != NULL)
          *redirection = (AtrRdpRedirection) (1u << i);
        return TRUE;
      }
  return FALSE;
}

/**
 * atr_rdp_policy_set_redirections:
 * @names: (array zero-terminated=1): redirection names as in the manifest
 *
 * Replaces the allowed set. Unknown names allow nothing (a newer manifest stays safe).
 */
void
atr_rdp_policy_set_redirections (AtrRdpPolicy       *policy,
                                 const char * const *names)
{
  g_return_if_fail (policy != NULL);

  policy->redirections = ATR_RDP_REDIRECT_NONE;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      AtrRdpRedirection one;

      if (atr_rdp_redirection_from_string (names[i], &one))
        policy->redirections |= one;
      else
        g_debug ("policy: ignoring unknown redirection '%s'", names[i]);
    }
}

gboolean
atr_rdp_policy_allows (const AtrRdpPolicy *policy,
                       AtrRdpRedirection   redirection)
{
  g_return_val_if_fail (policy != NULL, FALSE);

  return (policy->redirections & redirection) == redirection && redirection != 0;
}

static gboolean
policy_error (GError    **error,
              const char *origin,
              const char *member)
{
  g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_POLICY,
               _("%s: policy.%s has the wrong type"), origin, member);
  return FALSE;
}

static gboolean
member_is (JsonNode *node,
           GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

/**
 * atr_rdp_policy_load_json:
 * @node: the manifest's "policy" object
 * @origin: (nullable): the document's file name or URL, for messages
 *
 * Fills @policy from @node; members that are absent keep their defaults
 * (atr_rdp_policy_init_default()). Unknown members are ignored.
 *
 * Returns: %FALSE with an %ATR_RDP_FILE_ERROR_POLICY error naming the member at fault
 */
gboolean
atr_rdp_policy_load_json (AtrRdpPolicy  *policy,
                          JsonNode      *node,
                          const char    *origin,
                          GError       **error)
{
  JsonObject *object;
  JsonNode *member;
  AtrRdpPolicy result;

  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (origin == NULL)
    origin = "(policy)";

  atr_rdp_policy_init_default (&result);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_POLICY,
                   _("%s: the policy is not a JSON object"), origin);
      return FALSE;
    }
  object = json_node_get_object (node);

  member = json_object_get_member (object, "redirections");
  if (member != NULL)
    {
      JsonArray *array;
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      if (!JSON_NODE_HOLDS_ARRAY (member))
        return policy_error (error, origin, "redirections");
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!member_is (element, G_TYPE_STRING)
              || !atr_json_text_is_valid (json_node_get_string (element)))
            {
              g_autofree char *where = g_strdup_printf ("redirections[%u]", i);
              return policy_error (error, origin, where);
            }
          g_ptr_array_add (names, (gpointer) json_node_get_string (element));
        }
      g_ptr_array_add (names, NULL);
      atr_rdp_policy_set_redirections (&result, (const char * const *) names->pdata);
    }

  member = json_object_get_member (object, "allow_certificate_override");
  if (member != NULL)
    {
      if (!member_is (member, G_TYPE_BOOLEAN))
        return policy_error (error, origin, "allow_certificate_override");
      result.allow_certificate_override = json_node_get_boolean (member);
    }

  member = json_object_get_member (object, "reconnect");
  if (member != NULL)
    {
      if (!member_is (member, G_TYPE_BOOLEAN))
        return policy_error (error, origin, "reconnect");
      result.reconnect = json_node_get_boolean (member);
    }

  member = json_object_get_member (object, "idle_logoff_minutes");
  if (member != NULL)
    {
      if (!member_is (member, G_TYPE_INT64) || json_node_get_int (member) < 0 ||
          json_node_get_int (member) > G_MAXINT32)
        return policy_error (error, origin, "idle_logoff_minutes");
      result.idle_logoff_minutes = (guint) json_node_get_int (member);
    }

  *policy = result;
  return TRUE;
}

/* ---- the filter -------------------------------------------------------------------------- */

static const Rule *
find_rule (const char *key)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    if (strcmp (rules[i].key, key) == 0)
      return &rules[i];
  return NULL;
}

static gboolean
value_has_control_chars (const char *value)
{
  for (const char *p = value; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\t') || (c >= 0x7F && c <= 0x9F))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_blank (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

static void
drop (GPtrArray        *dropped,
      const AtrRdpLine *line,
      const char       *format,
      ...) G_GNUC_PRINTF (3, 4);

static void
drop (GPtrArray        *dropped,
      const AtrRdpLine *line,
      const char       *format,
      ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (dropped, atr_rdp_dropped_new (line->line, line->key, reason));
}

static AtrRdpLine *
rewrite_integer (const AtrRdpLine *line,
                 gint64            value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

  return _atr_rdp_line_new (line->line, line->name, ATR_RDP_VALUE_INTEGER, text, value);
}

/* Returns the line to keep (maybe rewritten), or NULL when it is dropped. */
static AtrRdpLine *
filter_line (AtrRdpFile         *input,
             const AtrRdpLine   *line,
             const AtrRdpPolicy *policy,
             GPtrArray          *dropped)
{
  const Rule *rule;
  const AtrRdpLine *winner;
  gsize limit;

  if (line->type == ATR_RDP_VALUE_OPTION)
    {
      drop (dropped, line, "FreeRDP would run this line as a command-line option (injection)");
      return NULL;
    }

  winner = atr_rdp_file_lookup (input, line->key);
  if (winner != line)
    {
      drop (dropped, line, "repeated: line %u sets it again and wins", winner->line);
      return NULL;
    }

  limit = line->type == ATR_RDP_VALUE_BINARY ? 4 * ATR_RDP_VALUE_MAX_LENGTH
                                             : ATR_RDP_VALUE_MAX_LENGTH;
  if (strlen (line->value) > limit)
    {
      drop (dropped, line, "the value is longer than %" G_GSIZE_FORMAT " bytes", limit);
      return NULL;
    }
  if (value_has_control_chars (line->value))
    {
      drop (dropped, line, "the value contains control characters");
      return NULL;
    }

  rule = find_rule (line->key);
  if (rule != NULL && rule->type != (char) line->type)
    {
      drop (dropped, line, "the value has type %c, expected %c", (char) line->type, rule->type);
      return NULL;
    }
  if (line->type == ATR_RDP_VALUE_INTEGER && line->integer < 0)
    {
      drop (dropped, line, "negative values are not valid here");
      return NULL;
    }
  if (rule == NULL)
    return _atr_rdp_line_copy (line);

  switch (rule->kind)
    {
    case RULE_PLAIN:
      break;

    case RULE_ADDRESS:
      /* An empty value (`gatewayhostname:s:`, as mstsc writes it) means none. */
      if (!is_blank (line->value) && !atr_rdp_parse_address (line->value, NULL, NULL))
        {
          drop (dropped, line, "not a valid host name or address with an optional port "
                "1-65535 (the rule links follow)");
          return NULL;
        }
      break;

    case RULE_PORT:
      if (line->integer < 1 || line->integer > G_MAXUINT16)
        {
          drop (dropped, line, "the port is outside 1-65535");
          return NULL;
        }
      break;

    case RULE_AUTH_LEVEL:
      if (line->integer != 1 && line->integer != 2)
        {
          drop (dropped, line,
                "authentication level %" G_GINT64_FORMAT " would let the connection skip or "
                "ignore the server certificate check; clamped to 2",
                line->integer);
          return rewrite_integer (line, 2);
        }
      break;

    case RULE_SECURITY_ON:
      if (line->integer != 1)
        {
          drop (dropped, line, "%s", rule->reason);
          return rewrite_integer (line, 1);
        }
      break;

    case RULE_GATEWAY_USAGE:
      if (line->integer > 4)
        {
          drop (dropped, line, "gateway usage method must be 0-4");
          return NULL;
        }
      break;

    case RULE_REDIRECT_FLAG:
      if (line->integer != 0 && !atr_rdp_policy_allows (policy, rule->redirection))
        {
          drop (dropped, line, "%s redirection is not allowed by the tenant policy; set to 0",
                atr_rdp_redirection_to_string (rule->redirection));
          return rewrite_integer (line, 0);
        }
      break;

    case RULE_REDIRECT_LIST:
      if (!is_blank (line->value) && !atr_rdp_policy_allows (policy, rule->redirection))
        {
          drop (dropped, line, "%s redirection is not allowed by the tenant policy",
                atr_rdp_redirection_to_string (rule->redirection));
          return NULL;
        }
      break;

    case RULE_AUDIO_MODE:
      if (line->integer == 0 && !atr_rdp_policy_allows (policy, ATR_RDP_REDIRECT_AUDIO))
        {
          drop (dropped, line,
                "audio redirection is not allowed by the tenant policy; set to 2 (do not play)");
          return rewrite_integer (line, 2);
        }
      break;

    case RULE_NEVER:
      if (line->integer != 0)
        {
          drop (dropped, line, "the tenant policy has no such redirection; set to 0");
          return rewrite_integer (line, 0);
        }
      break;

    case RULE_RECONNECT:
      if (line->integer != 0 && !policy->reconnect)
        {
          drop (dropped, line, "automatic reconnection is not allowed by the tenant policy; "
                "set to 0");
          return rewrite_integer (line, 0);
        }
      break;

    case RULE_DROP:
    default:
      /* `kdcproxyname:s:` and `rdgiskdcproxy:i:0` (what mstsc writes) are harmless. */
      if ((line->type == ATR_RDP_VALUE_INTEGER && line->integer == 0) ||
          (line->type == ATR_RDP_VALUE_STRING && *line->value == '\0'))
        break;
      drop (dropped, line, "%s", rule->reason);
      return NULL;
    }

  return _atr_rdp_line_copy (line);
}

static int
compare_dropped (gconstpointer a,
                 gconstpointer b)
{
  const AtrRdpDropped *da = *(const AtrRdpDropped * const *) a;
  const AtrRdpDropped *db = *(const AtrRdpDropped * const *) b;

  return da->line < db->line ? -1 : da->line > db->line;
}

/**
 * atr_rdp_file_filter:
 * @input: a decoded, untrusted file
 * @policy: (nullable): the tenant policy, or %NULL for the default (clipboard and audio)
 * @dropped: (out) (optional) (transfer full) (element-type AtrRdpDropped): the malformed,
 *   dropped and rewritten lines of @input in line order, each with a reason
 *
 * Returns: (transfer full): a new file holding only what may be handed to FreeRDP
 */
AtrRdpFile *
atr_rdp_file_filter (AtrRdpFile          *input,
                     const AtrRdpPolicy  *policy,
                     GPtrArray          **dropped)
{
  g_autoptr(GPtrArray) kept = NULL;
  g_autoptr(GPtrArray) report = NULL;
  GPtrArray *malformed;
  AtrRdpPolicy default_policy;

  g_return_val_if_fail (ATR_IS_RDP_FILE (input), NULL);

  if (policy == NULL)
    {
      atr_rdp_policy_init_default (&default_policy);
      policy = &default_policy;
    }

  kept = g_ptr_array_new_with_free_func ((GDestroyNotify) _atr_rdp_line_free);
  report = g_ptr_array_new_with_free_func ((GDestroyNotify) atr_rdp_dropped_free);

  malformed = atr_rdp_file_get_malformed (input);
  for (guint i = 0; i < malformed->len; i++)
    g_ptr_array_add (report, atr_rdp_dropped_copy (g_ptr_array_index (malformed, i)));

  for (guint i = 0; i < atr_rdp_file_get_n_lines (input); i++)
    {
      AtrRdpLine *line = filter_line (input, atr_rdp_file_get_line (input, i), policy, report);

      if (line != NULL)
        g_ptr_array_add (kept, line);
    }

  g_ptr_array_sort (report, compare_dropped);

  if (dropped != NULL)
    *dropped = g_steal_pointer (&report);

  return _atr_rdp_file_new_from_lines (atr_rdp_file_get_origin (input), g_steal_pointer (&kept),
                                       g_ptr_array_new_with_free_func (
                                         (GDestroyNotify) atr_rdp_dropped_free));
}
