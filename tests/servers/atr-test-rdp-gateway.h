/* atr-test-rdp-gateway.h — a routing gateway for RDP on loopback, by X.224 routing token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test code only. Plays the RD Connection Broker leg of an MSP estate: reads the client's
 * X.224 Connection Request, looks its routing token (`loadbalanceinfo`) up in a table of
 * token → tenant host, refuses unknown tokens by closing the connection, hands the request
 * on without the token and then forwards bytes both ways. TLS stays end to end (client ↔
 * tenant host): the gateway never sees a certificate or a credential.
 *
 * Everything runs on the thread-default main context of the caller of
 * atr_test_rdp_gateway_new().
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATR_TYPE_TEST_RDP_GATEWAY (atr_test_rdp_gateway_get_type ())
G_DECLARE_FINAL_TYPE (AtrTestRdpGateway, atr_test_rdp_gateway, ATR, TEST_RDP_GATEWAY, GObject)

AtrTestRdpGateway *atr_test_rdp_gateway_new              (const char         *address,
                                                          guint16             port,
                                                          GError            **error);
void               atr_test_rdp_gateway_add_route        (AtrTestRdpGateway  *self,
                                                          const char         *token,
                                                          const char         *host,
                                                          guint16             port);
guint16            atr_test_rdp_gateway_get_port         (AtrTestRdpGateway  *self);
guint              atr_test_rdp_gateway_get_routed_count (AtrTestRdpGateway  *self);
guint              atr_test_rdp_gateway_get_refused_count (AtrTestRdpGateway *self);
char              *atr_test_rdp_gateway_dup_last_refusal (AtrTestRdpGateway  *self);
void               atr_test_rdp_gateway_stop             (AtrTestRdpGateway  *self);

G_END_DECLS
