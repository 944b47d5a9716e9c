/* atr-test-x224.c — parse and rewrite the X.224 Connection Request (test code, pure)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Layout ([MS-RDPBCGR] 2.2.1.1, X.224 = ITU-T X.224 class 0, TPKT = RFC 1006):
 *
 *   0  TPKT version (3)   1  reserved   2..3  TPKT length, big endian, header included
 *   4  X.224 length indicator (LI): the bytes after it, i.e. TPKT length - 5
 *   5  0xE0 (CR, credit 0)   6..7 DST-REF   8..9 SRC-REF   10 class option
 *   11 optional routingToken (`tsv://…` CRLF) or cookie (`Cookie: mstshash=…` CRLF)
 *      optional RDP_NEG_REQ (type 0x01, 8 bytes), optional correlation info
 */
#define G_LOG_DOMAIN "atrium-test-gateway"

#include "config.h"

#include <string.h>

#include "atr-test-x224.h"

#define TPKT_VERSION    3
#define X224_TPDU_CR    0xE0
#define COOKIE_PREFIX   "Cookie:"

G_DEFINE_QUARK (atr-test-x224-error-quark, atr_test_x224_error)

/**
 * atr_test_x224_pdu_length:
 * @data: the first bytes received
 * @length: how many (at least 4 are needed)
 *
 * Returns: the whole PDU's length from its TPKT header, or -1 with @error set when the
 *   header is short or not a TPKT header of a plausible Connection Request
 */
gssize
atr_test_x224_pdu_length (const guint8  *data,
                          gsize          length,
                          GError       **error)
{
  guint total;

  g_return_val_if_fail (data != NULL || length == 0, -1);

  if (length < 4)
    {
      g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_SHORT,
                   "TPKT header: %" G_GSIZE_FORMAT " of 4 bytes", length);
      return -1;
    }
  if (data[0] != TPKT_VERSION || data[1] != 0)
    {
      g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_TPKT,
                   "TPKT header: version %u reserved %u, expected 3 and 0", data[0], data[1]);
      return -1;
    }
  total = ((guint) data[2] << 8) | data[3];
  if (total < ATR_TEST_X224_HEADER_SIZE || total > ATR_TEST_X224_MAX_PDU)
    {
      g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_TPKT,
                   "TPKT length %u is outside %u..%u", total, ATR_TEST_X224_HEADER_SIZE,
                   ATR_TEST_X224_MAX_PDU);
      return -1;
    }
  return (gssize) total;
}

static gboolean
token_byte_ok (guint8 c)
{
  return c >= 0x20 && c < 0x7F;
}

/**
 * atr_test_x224_take_token:
 * @data: one whole Connection Request PDU
 * @length: its length (must equal the TPKT length)
 * @token: (out) (nullable): the routing token without CRLF, or %NULL when the request has
 *   none (no variable part, a `Cookie:` line, or a negotiation request right away)
 * @rewritten: (out): the same request without the token line, TPKT length and LI fixed
 *   (a copy of @data when there was no token)
 *
 * Returns: %FALSE with @error (naming the field at fault) on anything malformed
 */
gboolean
atr_test_x224_take_token (const guint8  *data,
                          gsize          length,
                          char         **token,
                          GBytes       **rewritten,
                          GError       **error)
{
  gssize total;
  const guint8 *rest;
  gsize rest_length;
  gsize line = 0;
  gboolean found = FALSE;
  guint8 *out;
  gsize out_length;

  g_return_val_if_fail (token != NULL && rewritten != NULL, FALSE);
  *token = NULL;
  *rewritten = NULL;

  total = atr_test_x224_pdu_length (data, length, error);
  if (total < 0)
    return FALSE;
  if ((gsize) total > length)
    {
      g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_SHORT,
                   "TPKT length %" G_GSSIZE_FORMAT " but only %" G_GSIZE_FORMAT " bytes",
                   total, length);
      return FALSE;
    }
  if ((gsize) total < length)
    {
      g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_TPKT,
                   "TPKT length %" G_GSSIZE_FORMAT " but %" G_GSIZE_FORMAT " bytes were sent",
                   total, length);
      return FALSE;
    }
  if (data[4] != total - 5)
    {
      g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_TPDU,
                   "X.224 length indicator %u disagrees with the TPKT length %" G_GSSIZE_FORMAT,
                   data[4], total);
      return FALSE;
    }
  if ((data[5] & 0xF0) != X224_TPDU_CR)
    {
      g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_TPDU,
                   "X.224 TPDU code 0x%02x is not a Connection Request (0xE0)", data[5]);
      return FALSE;
    }

  rest = data + ATR_TEST_X224_HEADER_SIZE;
  rest_length = (gsize) total - ATR_TEST_X224_HEADER_SIZE;

  /* No variable part, a negotiation request first (type 0x01) or a cookie: no token. */
  if (rest_length == 0 || rest[0] == 0x01 ||
      (rest_length >= strlen (COOKIE_PREFIX) &&
       memcmp (rest, COOKIE_PREFIX, strlen (COOKIE_PREFIX)) == 0))
    {
      *rewritten = g_bytes_new (data, (gsize) total);
      return TRUE;
    }

  for (gsize i = 0; i + 1 < rest_length && i <= ATR_TEST_X224_MAX_TOKEN; i++)
    {
      if (rest[i] == '\r' && rest[i + 1] == '\n')
        {
          line = i;
          found = TRUE;
          break;
        }
      if (!token_byte_ok (rest[i]))
        {
          g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_TOKEN,
                       "routing token: byte 0x%02x at offset %" G_GSIZE_FORMAT
                       " is not printable ASCII", rest[i], i);
          return FALSE;
        }
    }
  if (!found)
    {
      if (rest_length > ATR_TEST_X224_MAX_TOKEN + 1)
        g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_TOKEN,
                     "routing token: no CRLF within %u bytes", ATR_TEST_X224_MAX_TOKEN);
      else
        g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_TOKEN,
                     "routing token: not ended by CRLF");
      return FALSE;
    }
  if (line == 0)
    {
      g_set_error (error, ATR_TEST_X224_ERROR, ATR_TEST_X224_ERROR_TOKEN,
                   "routing token: empty line");
      return FALSE;
    }

  out_length = (gsize) total - (line + 2);
  out = g_malloc (out_length);
  memcpy (out, data, ATR_TEST_X224_HEADER_SIZE);
  memcpy (out + ATR_TEST_X224_HEADER_SIZE, rest + line + 2, rest_length - (line + 2));
  out[2] = (guint8) (out_length >> 8);
  out[3] = (guint8) (out_length & 0xFF);
  out[4] = (guint8) (out_length - 5);

  *token = g_strndup ((const char *) rest, line);
  *rewritten = g_bytes_new_take (out, out_length);
  return TRUE;
}
