/* atr-test-x224.h — the first client PDU of RDP: TPKT + X.224 Connection Request (pure)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test code only. What an RD Connection Broker does with the routing token of a Connection
 * Request ([MS-RDPBCGR] 2.2.1.1): read `routingToken` (the raw `loadbalanceinfo`, e.g.
 * `tsv://MS Terminal Services Plugin.1.Clinic`, ended by CRLF), then hand the request on
 * without it. FreeRDP's server cannot parse a raw token ("Incorrect negotiation request
 * type 116"), so the rewrite is what makes routing to freerdp-shadow-cli3 work.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TPKT header (4) + the fixed part of a CR TPDU (7) */
#define ATR_TEST_X224_HEADER_SIZE 11
/* Connection Requests larger than this are refused (a real one is well under 300 bytes). */
#define ATR_TEST_X224_MAX_PDU     1024
/* Routing tokens longer than this are refused (the one-byte X.224 length indicator caps a
 * whole request at 260 bytes anyway). */
#define ATR_TEST_X224_MAX_TOKEN   128

#define ATR_TEST_X224_ERROR (atr_test_x224_error_quark ())

/**
 * AtrTestX224Error:
 * @ATR_TEST_X224_ERROR_SHORT: fewer bytes than the header or the TPKT length announce
 * @ATR_TEST_X224_ERROR_TPKT: not a TPKT version 3 header, or a length out of range
 * @ATR_TEST_X224_ERROR_TPDU: not a Connection Request, or a length indicator that disagrees
 *   with the TPKT length
 * @ATR_TEST_X224_ERROR_TOKEN: a routing token that is not ended by CRLF, too long, or holds
 *   control bytes
 */
typedef enum
{
  ATR_TEST_X224_ERROR_SHORT,
  ATR_TEST_X224_ERROR_TPKT,
  ATR_TEST_X224_ERROR_TPDU,
  ATR_TEST_X224_ERROR_TOKEN,
} AtrTestX224Error;

GQuark   atr_test_x224_error_quark     (void);

gssize   atr_test_x224_pdu_length      (const guint8  *data,
                                        gsize          length,
                                        GError       **error);
gboolean atr_test_x224_take_token      (const guint8  *data,
                                        gsize          length,
                                        char         **token,
                                        GBytes       **rewritten,
                                        GError       **error);

G_END_DECLS
