/* atr-tls-database.h — the GTlsDatabase that gives libsoup AtrTrustStore's verdicts
 *
 * Internal to net/: other folders use AtrTrustStore. The database owns the certificates
 * (anchors and helper intermediates) so that a SoupSession keeping it outlives nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <openssl/x509.h>

#include "atr-trust-store.h"

G_BEGIN_DECLS

#define ATR_TYPE_TLS_DATABASE (atr_tls_database_get_type ())

G_DECLARE_FINAL_TYPE (AtrTlsDatabase, atr_tls_database, ATR, TLS_DATABASE, GTlsDatabase)

AtrTlsDatabase  *atr_tls_database_new          (STACK_OF (X509)  *anchors,
                                                STACK_OF (X509)  *helpers,
                                                gboolean          partial_chain);
STACK_OF (X509) *atr_tls_database_get_anchors  (AtrTlsDatabase   *self);
STACK_OF (X509) *atr_tls_database_get_helpers  (AtrTlsDatabase   *self);
AtrTrustReason   atr_tls_database_verify       (AtrTlsDatabase   *self,
                                                STACK_OF (X509)  *sent,
                                                const char       *host,
                                                gboolean          server,
                                                char            **detail);

G_END_DECLS
