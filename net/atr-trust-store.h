/* atr-trust-store.h — the one trust store every TLS connection of Atrium is checked against
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/**
 * AtrTrustReason:
 * @ATR_TRUST_OK: the certificate is trusted for the host
 * @ATR_TRUST_UNKNOWN_ISSUER: the chain ends at an authority that is not in the trust store
 * @ATR_TRUST_SELF_SIGNED: the server sent a lone self-signed certificate that is not trusted
 * @ATR_TRUST_EXPIRED: a certificate of the chain has expired
 * @ATR_TRUST_NOT_YET_VALID: a certificate of the chain is not valid yet
 * @ATR_TRUST_HOST_MISMATCH: the certificate is not for the host name or address contacted
 * @ATR_TRUST_WEAK_KEY: a key of the chain is too short (RSA/DSA < 2048 bits, EC < 224)
 * @ATR_TRUST_WEAK_SIGNATURE: a certificate is signed with SHA-1 or MD5
 * @ATR_TRUST_INCOMPLETE_CHAIN: the server did not send an intermediate that is needed, and
 *   the trust store does not hold it either
 * @ATR_TRUST_NOT_SERVER_AUTH: the certificate may not be used for TLS server authentication
 * @ATR_TRUST_INVALID: unreadable data, or a chain that is broken (bad signature, a
 *   non-CA issuer, ...)
 * @ATR_TRUST_NO_SUBJECT_ALT_NAME: a server certificate names its host only in the subject's
 *   CN, without a subjectAltName (browsers refuse those; the CN is never matched)
 * @ATR_TRUST_LEAF_IS_CA: a server certificate is itself a CA (basicConstraints CA:TRUE)
 *
 * When several problems apply, the first in this order wins: invalid data, self-signed,
 * unknown issuer, incomplete chain, broken chain, not yet valid / expired, leaf is a CA, no
 * subjectAltName, host mismatch, weak key, weak signature, not server auth. Who vouches for a certificate comes first: when
 * nobody we trust does, its dates and names do not matter.
 */
typedef enum
{
  ATR_TRUST_OK,
  ATR_TRUST_UNKNOWN_ISSUER,
  ATR_TRUST_SELF_SIGNED,
  ATR_TRUST_EXPIRED,
  ATR_TRUST_NOT_YET_VALID,
  ATR_TRUST_HOST_MISMATCH,
  ATR_TRUST_WEAK_KEY,
  ATR_TRUST_WEAK_SIGNATURE,
  ATR_TRUST_INCOMPLETE_CHAIN,
  ATR_TRUST_NOT_SERVER_AUTH,
  ATR_TRUST_INVALID,
  ATR_TRUST_NO_SUBJECT_ALT_NAME,
  ATR_TRUST_LEAF_IS_CA,
} AtrTrustReason;

#define ATR_TYPE_TRUST_STORE (atr_trust_store_get_type ())

G_DECLARE_FINAL_TYPE (AtrTrustStore, atr_trust_store, ATR, TRUST_STORE, GObject)

const char     *atr_trust_reason_to_string          (AtrTrustReason       reason);

AtrTrustStore  *atr_trust_store_new_default         (GError             **error);
AtrTrustStore  *atr_trust_store_new_from_file       (const char          *path,
                                                     GError             **error);
AtrTrustStore  *atr_trust_store_new_with_anchors    (AtrTrustStore       *base,
                                                     const char * const  *pem_anchors,
                                                     GError             **error);

gboolean        atr_trust_anchor_check              (const char          *pem,
                                                     GError             **error);

GTlsDatabase   *atr_trust_store_get_tls_database    (AtrTrustStore       *self);
guint           atr_trust_store_get_n_anchors       (AtrTrustStore       *self);

AtrTrustReason  atr_trust_store_verify_pem          (AtrTrustStore       *self,
                                                     const char          *pem_chain,
                                                     const char          *host,
                                                     char               **detail);
AtrTrustReason  atr_trust_store_verify_certificate  (AtrTrustStore       *self,
                                                     GTlsCertificate     *peer,
                                                     const char          *host,
                                                     char               **detail);

char           *atr_trust_certificate_sha256        (GTlsCertificate     *certificate);

void            atr_trust_store_watch_message       (AtrTrustStore       *self,
                                                     SoupMessage         *msg,
                                                     const char          *host);
gboolean        atr_trust_store_message_rejected    (SoupMessage         *msg,
                                                     AtrTrustReason      *reason,
                                                     const char         **detail);

G_END_DECLS
