/* atr-test-ntlm.c — the server side of NTLM (NTLMSSP) for the test broker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Message layouts follow [MS-NLMP] 2.2.1; the NTLMv2 check follows [MS-NLMP] 3.3.2
 * (NTOWFv2 = HMAC-MD5 (MD4 (UTF-16LE (password)), UTF-16LE (UPPER (user) + domain)),
 * NTProofStr = HMAC-MD5 (NTOWFv2, server challenge + blob)). MD4 (RFC 1320) is implemented
 * here because OpenSSL 3 keeps it in the legacy provider.
 */
#define G_LOG_DOMAIN "atrium-test-broker"

#include "config.h"

#include <string.h>

#include "atr-test-ntlm.h"

#define NTLMSSP_SIGNATURE "NTLMSSP"  /* plus its NUL: 8 bytes */

#define NTLMSSP_NEGOTIATE_UNICODE                  0x00000001u
#define NTLMSSP_REQUEST_TARGET                     0x00000004u
#define NTLMSSP_NEGOTIATE_NTLM                     0x00000200u
#define NTLMSSP_NEGOTIATE_ALWAYS_SIGN              0x00008000u
#define NTLMSSP_TARGET_TYPE_DOMAIN                 0x00010000u
#define NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY 0x00080000u
#define NTLMSSP_NEGOTIATE_TARGET_INFO              0x00800000u

#define TARGET_NAME "ATRIUM"
#define TARGET_COMPUTER "BROKER"
#define TARGET_DNS_DOMAIN "atrium.test"

/* NTProofStr (16) + the smallest NTLMv2 client blob (28 bytes up to the AV pairs). */
#define NTLMV2_MIN_RESPONSE_LEN (16 + 28)

/* ---- MD4 (RFC 1320) ---------------------------------------------------------------- */

#define MD4_F(x, y, z) (((x) & (y)) | (~(x) & (z)))
#define MD4_G(x, y, z) (((x) & (y)) | ((x) & (z)) | ((y) & (z)))
#define MD4_H(x, y, z) ((x) ^ (y) ^ (z))

static inline guint32
rotl32 (guint32 value,
        int     shift)
{
  return (value << shift) | (value >> (32 - shift));
}

static void
md4_block (guint32       state[4],
           const guint8  block[64])
{
  static const int r2_order[16] = { 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15 };
  static const int r3_order[16] = { 0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15 };
  static const int r1_shift[4] = { 3, 7, 11, 19 };
  static const int r2_shift[4] = { 3, 5, 9, 13 };
  static const int r3_shift[4] = { 3, 9, 11, 15 };
  guint32 x[16];
  guint32 v[4];

  for (int i = 0; i < 16; i++)
    x[i] = (guint32) block[i * 4] | (guint32) block[i * 4 + 1] << 8 |
           (guint32) block[i * 4 + 2] << 16 | (guint32) block[i * 4 + 3] << 24;
  memcpy (v, state, sizeof v);

  /* Each step updates v[a] with a rotating among 0 (A), 3 (D), 2 (C), 1 (B). */
  for (int i = 0; i < 16; i++)
    {
      int a = (4 - i % 4) % 4;
      guint32 b = v[(a + 1) % 4], c = v[(a + 2) % 4], d = v[(a + 3) % 4];

      v[a] = rotl32 (v[a] + MD4_F (b, c, d) + x[i], r1_shift[i % 4]);
    }
  for (int i = 0; i < 16; i++)
    {
      int a = (4 - i % 4) % 4;
      guint32 b = v[(a + 1) % 4], c = v[(a + 2) % 4], d = v[(a + 3) % 4];

      v[a] = rotl32 (v[a] + MD4_G (b, c, d) + x[r2_order[i]] + 0x5A827999u, r2_shift[i % 4]);
    }
  for (int i = 0; i < 16; i++)
    {
      int a = (4 - i % 4) % 4;
      guint32 b = v[(a + 1) % 4], c = v[(a + 2) % 4], d = v[(a + 3) % 4];

      v[a] = rotl32 (v[a] + MD4_H (b, c, d) + x[r3_order[i]] + 0x6ED9EBA1u, r3_shift[i % 4]);
    }

  for (int i = 0; i < 4; i++)
    state[i] += v[i];
  memset (x, 0, sizeof x);
}

void
atr_test_ntlm_md4 (const guint8 *data,
                   gsize         len,
                   guint8        digest[16])
{
  guint32 state[4] = { 0x67452301u, 0xEFCDAB89u, 0x98BADCFEu, 0x10325476u };
  guint8 tail[128] = { 0 };
  guint64 bits = (guint64) len * 8;
  gsize full = len - len % 64;
  gsize rest = len % 64;
  gsize tail_len = rest < 56 ? 64 : 128;

  g_return_if_fail (data != NULL || len == 0);

  for (gsize off = 0; off < full; off += 64)
    md4_block (state, data + off);

  if (rest > 0)
    memcpy (tail, data + full, rest);
  tail[rest] = 0x80;
  for (int i = 0; i < 8; i++)
    tail[tail_len - 8 + i] = (guint8) (bits >> (8 * i));
  md4_block (state, tail);
  if (tail_len == 128)
    md4_block (state, tail + 64);

  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++)
      digest[i * 4 + j] = (guint8) (state[i] >> (8 * j));
  memset (tail, 0, sizeof tail);
}

/* ---- message helpers --------------------------------------------------------------- */

static guint32
read_le32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
read_le16 (const guint8 *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static void
append_le16 (GByteArray *out,
             guint16     value)
{
  guint8 b[2] = { (guint8) value, (guint8) (value >> 8) };

  g_byte_array_append (out, b, sizeof b);
}

static void
append_le32 (GByteArray *out,
             guint32     value)
{
  guint8 b[4] = { (guint8) value, (guint8) (value >> 8), (guint8) (value >> 16),
                  (guint8) (value >> 24) };

  g_byte_array_append (out, b, sizeof b);
}

static GBytes *
utf16le (const char *utf8)
{
  gsize len = 0;
  char *data = g_convert (utf8, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);

  if (data == NULL)
    return NULL;
  return g_bytes_new_take (data, len);
}

/* A security buffer (length, max length, offset) inside @data, bounds-checked. */
static gboolean
read_field (const guint8  *data,
            gsize          len,
            gsize          at,
            const guint8 **out,
            gsize         *out_len)
{
  guint16 field_len;
  guint32 offset;

  if (at + 8 > len)
    return FALSE;
  field_len = read_le16 (data + at);
  offset = read_le32 (data + at + 4);
  if (field_len == 0)
    {
      *out = data;
      *out_len = 0;
      return TRUE;
    }
  if (offset > len || field_len > len - offset)
    return FALSE;
  *out = data + offset;
  *out_len = field_len;
  return TRUE;
}

static char *
utf16le_to_utf8 (const guint8 *data,
                 gsize         len)
{
  if (len % 2 != 0)
    return NULL;
  if (len == 0)
    return g_strdup ("");
  return g_convert ((const char *) data, len, "UTF-8", "UTF-16LE", NULL, NULL, NULL);
}

static void
hmac_md5 (const guint8 *key,
          gsize         key_len,
          const guint8 *data1,
          gsize         data1_len,
          const guint8 *data2,
          gsize         data2_len,
          guint8        out[16])
{
  g_autoptr(GHmac) hmac = g_hmac_new (G_CHECKSUM_MD5, key, key_len);
  gsize out_len = 16;

  g_hmac_update (hmac, data1, data1_len);
  if (data2_len > 0)
    g_hmac_update (hmac, data2, data2_len);
  g_hmac_get_digest (hmac, out, &out_len);
}

static gboolean
same_name (const char *a,
           const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);

  return g_str_equal (fa, fb);
}

/* ---- public ------------------------------------------------------------------------ */

AtrTestNtlmType
atr_test_ntlm_message_type (const guint8 *data,
                            gsize         len)
{
  guint32 type;

  if (data == NULL || len < 12 || memcmp (data, NTLMSSP_SIGNATURE, 8) != 0)
    return ATR_TEST_NTLM_INVALID;
  type = read_le32 (data + 8);
  if (type < ATR_TEST_NTLM_NEGOTIATE || type > ATR_TEST_NTLM_AUTHENTICATE)
    return ATR_TEST_NTLM_INVALID;
  return (AtrTestNtlmType) type;
}

char *
atr_test_ntlm_build_challenge (const guint8 server_challenge[ATR_TEST_NTLM_CHALLENGE_LEN])
{
  g_autoptr(GByteArray) msg = g_byte_array_new ();
  g_autoptr(GByteArray) info = g_byte_array_new ();
  g_autoptr(GBytes) name = utf16le (TARGET_NAME);
  static const struct { guint16 id; const char *value; } av[] = {
    { 2, TARGET_NAME },        /* MsvAvNbDomainName */
    { 1, TARGET_COMPUTER },    /* MsvAvNbComputerName */
    { 4, TARGET_DNS_DOMAIN },  /* MsvAvDnsDomainName */
  };
  const guint32 flags = NTLMSSP_NEGOTIATE_UNICODE | NTLMSSP_REQUEST_TARGET |
                        NTLMSSP_NEGOTIATE_NTLM | NTLMSSP_NEGOTIATE_ALWAYS_SIGN |
                        NTLMSSP_TARGET_TYPE_DOMAIN |
                        NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY |
                        NTLMSSP_NEGOTIATE_TARGET_INFO;
  const guint8 reserved[8] = { 0 };
  const guint32 payload = 48;
  gsize name_len = g_bytes_get_size (name);

  g_return_val_if_fail (server_challenge != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (av); i++)
    {
      g_autoptr(GBytes) value = utf16le (av[i].value);

      append_le16 (info, av[i].id);
      append_le16 (info, (guint16) g_bytes_get_size (value));
      g_byte_array_append (info, g_bytes_get_data (value, NULL), g_bytes_get_size (value));
    }
  append_le16 (info, 0);  /* MsvAvEOL */
  append_le16 (info, 0);

  g_byte_array_append (msg, (const guint8 *) NTLMSSP_SIGNATURE, 8);
  append_le32 (msg, ATR_TEST_NTLM_CHALLENGE);
  append_le16 (msg, (guint16) name_len);   /* TargetNameFields */
  append_le16 (msg, (guint16) name_len);
  append_le32 (msg, payload);
  append_le32 (msg, flags);
  g_byte_array_append (msg, server_challenge, ATR_TEST_NTLM_CHALLENGE_LEN);
  g_byte_array_append (msg, reserved, sizeof reserved);
  append_le16 (msg, (guint16) info->len);  /* TargetInfoFields */
  append_le16 (msg, (guint16) info->len);
  append_le32 (msg, payload + (guint32) name_len);
  g_assert (msg->len == payload);
  g_byte_array_append (msg, g_bytes_get_data (name, NULL), name_len);
  g_byte_array_append (msg, info->data, info->len);

  return g_base64_encode (msg->data, msg->len);
}

gboolean
atr_test_ntlm_verify (const guint8  *data,
                      gsize          len,
                      const guint8   server_challenge[ATR_TEST_NTLM_CHALLENGE_LEN],
                      const char    *expected_user,
                      const char    *password,
                      GError       **error)
{
  const guint8 *nt, *domain, *user;
  gsize nt_len, domain_len, user_len;
  g_autofree char *user_utf8 = NULL;
  g_autofree char *domain_utf8 = NULL;
  g_autofree char *user_upper = NULL;
  g_autoptr(GBytes) user_upper16 = NULL;
  g_autoptr(GBytes) password16 = NULL;
  g_autoptr(GByteArray) identity = NULL;
  const char *slash;
  const char *want_user = expected_user;
  g_autofree char *want_domain = NULL;
  guint8 nt_hash[16], ntowf[16], proof[16];
  guint8 diff = 0;

  g_return_val_if_fail (data != NULL, FALSE);
  g_return_val_if_fail (server_challenge != NULL, FALSE);
  g_return_val_if_fail (expected_user != NULL, FALSE);
  g_return_val_if_fail (password != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (atr_test_ntlm_message_type (data, len) != ATR_TEST_NTLM_AUTHENTICATE ||
      !read_field (data, len, 20, &nt, &nt_len) ||
      !read_field (data, len, 28, &domain, &domain_len) ||
      !read_field (data, len, 36, &user, &user_len))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "NTLM AUTHENTICATE message is malformed");
      return FALSE;
    }
  if (nt_len == 24)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "NTLM AUTHENTICATE carries an NTLMv1 response; NTLMv2 is required");
      return FALSE;
    }
  if (nt_len < NTLMV2_MIN_RESPONSE_LEN)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "NTLM AUTHENTICATE NT response is %" G_GSIZE_FORMAT " bytes, too short "
                   "for NTLMv2", nt_len);
      return FALSE;
    }

  user_utf8 = utf16le_to_utf8 (user, user_len);
  domain_utf8 = utf16le_to_utf8 (domain, domain_len);
  if (user_utf8 == NULL || domain_utf8 == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "NTLM AUTHENTICATE user or domain is not valid UTF-16LE");
      return FALSE;
    }

  slash = strchr (expected_user, '\\');
  if (slash != NULL)
    {
      want_domain = g_strndup (expected_user, slash - expected_user);
      want_user = slash + 1;
    }
  if (!same_name (user_utf8, want_user) ||
      (want_domain != NULL && !same_name (domain_utf8, want_domain)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "NTLM user “%s\\%s” is not known", domain_utf8, user_utf8);
      return FALSE;
    }

  password16 = utf16le (password);
  user_upper = g_utf8_strup (user_utf8, -1);
  user_upper16 = utf16le (user_upper);
  if (password16 == NULL || user_upper16 == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           "NTLM credentials cannot be converted to UTF-16LE");
      return FALSE;
    }

  atr_test_ntlm_md4 (g_bytes_get_data (password16, NULL), g_bytes_get_size (password16),
                     nt_hash);
  identity = g_byte_array_new ();
  g_byte_array_append (identity, g_bytes_get_data (user_upper16, NULL),
                       g_bytes_get_size (user_upper16));
  g_byte_array_append (identity, domain, domain_len);
  hmac_md5 (nt_hash, sizeof nt_hash, identity->data, identity->len, NULL, 0, ntowf);
  hmac_md5 (ntowf, sizeof ntowf, server_challenge, ATR_TEST_NTLM_CHALLENGE_LEN,
            nt + 16, nt_len - 16, proof);

  for (int i = 0; i < 16; i++)
    diff |= proof[i] ^ nt[i];

  memset (nt_hash, 0, sizeof nt_hash);
  memset (ntowf, 0, sizeof ntowf);
  memset (proof, 0, sizeof proof);

  if (diff != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   "NTLM response for “%s\\%s” does not match the password",
                   domain_utf8, user_utf8);
      return FALSE;
    }
  return TRUE;
}
