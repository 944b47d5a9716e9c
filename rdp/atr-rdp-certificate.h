/* atr-rdp-certificate.h — what the trust store said about a server's certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "atr-trust-store.h"

G_BEGIN_DECLS

#define ATR_TYPE_RDP_CERTIFICATE (atr_rdp_certificate_get_type ())

/**
 * AtrRdpCertificate:
 *
 * An immutable record of one certificate decision: the peer chain (PEM), the host name it
 * was checked against (the name the user asked for, never a --resolve address), the trust
 * store's reason and detail, and whether the connection went on (trusted, or accepted by the
 * user where policy allows an override).
 */
typedef struct _AtrRdpCertificate AtrRdpCertificate;

GType               atr_rdp_certificate_get_type      (void) G_GNUC_CONST;

AtrRdpCertificate  *atr_rdp_certificate_new           (const char         *host,
                                                       guint16             port,
                                                       gboolean            gateway,
                                                       const char         *pem_chain,
                                                       AtrTrustReason      reason,
                                                       const char         *detail);
AtrRdpCertificate  *atr_rdp_certificate_ref           (AtrRdpCertificate  *self);
void                atr_rdp_certificate_unref         (AtrRdpCertificate  *self);
AtrRdpCertificate  *atr_rdp_certificate_copy_accepted (AtrRdpCertificate  *self,
                                                       gboolean            accepted);

const char         *atr_rdp_certificate_get_host      (AtrRdpCertificate  *self);
guint16             atr_rdp_certificate_get_port      (AtrRdpCertificate  *self);
gboolean            atr_rdp_certificate_is_gateway    (AtrRdpCertificate  *self);
const char         *atr_rdp_certificate_get_pem       (AtrRdpCertificate  *self);
const char         *atr_rdp_certificate_get_sha256    (AtrRdpCertificate  *self);
AtrTrustReason      atr_rdp_certificate_get_reason    (AtrRdpCertificate  *self);
const char         *atr_rdp_certificate_get_detail    (AtrRdpCertificate  *self);
gboolean            atr_rdp_certificate_is_accepted   (AtrRdpCertificate  *self);
const char         *atr_rdp_certificate_get_verdict   (AtrRdpCertificate  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrRdpCertificate, atr_rdp_certificate_unref)

G_END_DECLS
