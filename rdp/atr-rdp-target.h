/* atr-rdp-target.h — where a session goes: a host name plus the endpoints that reach it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * AtrRdpEndpoint:
 * @address: where to connect (an address of the host, or of the gateway)
 * @gateway_name: (nullable): the RD Gateway's host name when this endpoint is a gateway
 * @port: the port at @address
 */
typedef struct
{
  char    *address;
  char    *gateway_name;
  guint16  port;
} AtrRdpEndpoint;

#define ATR_TYPE_RDP_TARGET (atr_rdp_target_get_type ())

typedef struct _AtrRdpTarget AtrRdpTarget;

GType                 atr_rdp_target_get_type        (void) G_GNUC_CONST;
AtrRdpTarget         *atr_rdp_target_new             (const char    *host,
                                                      guint16        port);
AtrRdpTarget         *atr_rdp_target_parse           (const char    *host_port,
                                                      guint16        default_port,
                                                      GError       **error);
AtrRdpTarget         *atr_rdp_target_ref             (AtrRdpTarget  *self);
void                  atr_rdp_target_unref           (AtrRdpTarget  *self);
const char           *atr_rdp_target_get_host        (AtrRdpTarget  *self);
guint16               atr_rdp_target_get_port        (AtrRdpTarget  *self);
void                  atr_rdp_target_add_address     (AtrRdpTarget  *self,
                                                      const char    *address,
                                                      guint16        port);
void                  atr_rdp_target_add_gateway     (AtrRdpTarget  *self,
                                                      const char    *gateway_name,
                                                      const char    *address,
                                                      guint16        port);
guint                 atr_rdp_target_get_n_endpoints (AtrRdpTarget  *self);
const AtrRdpEndpoint *atr_rdp_target_get_endpoint    (AtrRdpTarget  *self,
                                                      guint          index);
int                   atr_rdp_target_next_endpoint   (AtrRdpTarget  *self,
                                                      int            current,
                                                      const GError  *error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrRdpTarget, atr_rdp_target_unref)

G_END_DECLS
