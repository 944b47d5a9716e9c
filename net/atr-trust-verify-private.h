/* atr-trust-verify-private.h — OpenSSL certificate checks behind AtrTrustStore (net/ only)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include "atr-trust-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE, X509_STORE_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_STORE_CTX, X509_STORE_CTX_free)

/* sk_X509_pop_free with X509_free, usable with g_clear_pointer. */
void             _atr_trust_x509_stack_free      (STACK_OF (X509)   *stack);

STACK_OF (X509) *_atr_trust_parse_pem           (const char        *data,
                                                 gsize              length,
                                                 char             **problem);
X509            *_atr_trust_parse_one_pem       (const char        *data,
                                                 gsize              length,
                                                 char             **problem);
STACK_OF (X509) *_atr_trust_chain_from_gtls     (GTlsCertificate   *peer,
                                                 char             **problem);
GTlsCertificate *_atr_trust_x509_to_gtls        (X509              *cert);

AtrTrustReason   _atr_trust_verify              (X509_STORE        *anchors,
                                                 STACK_OF (X509)   *helpers,
                                                 gboolean           partial_chain,
                                                 STACK_OF (X509)   *sent,
                                                 const char        *host,
                                                 gboolean           server,
                                                 char             **detail);

G_END_DECLS
