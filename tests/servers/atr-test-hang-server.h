/* atr-test-hang-server.h — a TCP listener that accepts and then never reads or writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test code only: a "gateway" that completes the TCP handshake and then hangs, so a client
 * must rely on its own deadline (TLS handshake never starts).
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATR_TYPE_TEST_HANG_SERVER (atr_test_hang_server_get_type ())
G_DECLARE_FINAL_TYPE (AtrTestHangServer, atr_test_hang_server, ATR, TEST_HANG_SERVER, GObject)

AtrTestHangServer *atr_test_hang_server_new                  (const char         *address,
                                                              guint               port,
                                                              GError            **error);
guint              atr_test_hang_server_get_port             (AtrTestHangServer  *self);
guint              atr_test_hang_server_get_connection_count (AtrTestHangServer  *self);
void               atr_test_hang_server_stop                 (AtrTestHangServer  *self);

G_END_DECLS
