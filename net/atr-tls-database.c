/* atr-tls-database.c — the GTlsDatabase that gives libsoup AtrTrustStore's verdicts
 *
 * glib-networking (2.74, GnuTLS backend, tls/base/gtlsconnection-base.c verify_peer_certificate)
 * calls g_tls_database_verify_chain() of the connection's database with the peer chain as
 * the server sent it (issuers linked), purpose AUTHENTICATE_SERVER and, as identity, the
 * client connection's server-identity (libsoup sets a GNetworkAddress of the URI host). The
 * flags returned are the whole decision: any flag within the validation flags makes the
 * connection emit accept-certificate, and libsoup re-emits that on the SoupMessage. GnuTLS's
 * own certificate verification is not used when a database is set. A GError set here would
 * only be logged there, so verification failures are reported through flags alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <openssl/err.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include "atr-trust-verify-private.h"

#include "atr-tls-database.h"

struct _AtrTlsDatabase
{
  GTlsDatabase     parent_instance;

  X509_STORE      *store;          /* the anchors, and nothing else */
  STACK_OF (X509) *anchors;        /* the same certificates, to derive other stores */
  STACK_OF (X509) *helpers;        /* intermediates from trust files: untrusted, help chains */
  gboolean         partial_chain;
};

G_DEFINE_FINAL_TYPE (AtrTlsDatabase, atr_tls_database, G_TYPE_TLS_DATABASE)

static GTlsCertificateFlags
flags_for_reason (AtrTrustReason reason)
{
  switch (reason)
    {
    case ATR_TRUST_OK:
      return 0;
    case ATR_TRUST_UNKNOWN_ISSUER:
    case ATR_TRUST_SELF_SIGNED:
    case ATR_TRUST_INCOMPLETE_CHAIN:
      return G_TLS_CERTIFICATE_UNKNOWN_CA;
    case ATR_TRUST_EXPIRED:
      return G_TLS_CERTIFICATE_EXPIRED;
    case ATR_TRUST_NOT_YET_VALID:
      return G_TLS_CERTIFICATE_NOT_ACTIVATED;
    case ATR_TRUST_HOST_MISMATCH:
    case ATR_TRUST_NO_SUBJECT_ALT_NAME:
      return G_TLS_CERTIFICATE_BAD_IDENTITY;
    case ATR_TRUST_WEAK_KEY:
    case ATR_TRUST_WEAK_SIGNATURE:
      return G_TLS_CERTIFICATE_INSECURE;
    case ATR_TRUST_NOT_SERVER_AUTH:
    case ATR_TRUST_LEAF_IS_CA:
    case ATR_TRUST_INVALID:
    default:
      return G_TLS_CERTIFICATE_GENERIC_ERROR;
    }
}

/* The host name (or address literal) the identity stands for. An identity of a kind we do not
 * know gives "", which matches no certificate: never skip the host check by accident. */
static char *
host_for_identity (GSocketConnectable *identity)
{
  if (identity == NULL)
    return NULL;
  if (G_IS_NETWORK_ADDRESS (identity))
    return g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (identity)));
  if (G_IS_NETWORK_SERVICE (identity))
    return g_strdup (g_network_service_get_domain (G_NETWORK_SERVICE (identity)));
  if (G_IS_INET_SOCKET_ADDRESS (identity))
    return g_inet_address_to_string (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (identity)));
  return g_strdup ("");
}

static GTlsCertificateFlags
atr_tls_database_verify_chain (GTlsDatabase             *database,
                               GTlsCertificate          *chain,
                               const char               *purpose,
                               GSocketConnectable       *identity,
                               GTlsInteraction          *interaction,
                               GTlsDatabaseVerifyFlags   flags,
                               GCancellable             *cancellable,
                               GError                  **error)
{
  AtrTlsDatabase *self = ATR_TLS_DATABASE (database);
  g_autofree char *host = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *detail = NULL;
  STACK_OF (X509) *sent;
  AtrTrustReason reason;
  gboolean server;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return G_TLS_CERTIFICATE_GENERIC_ERROR;

  sent = _atr_trust_chain_from_gtls (chain, &problem);
  if (sent == NULL)
    {
      g_debug ("peer certificate rejected: %s", problem);
      return G_TLS_CERTIFICATE_GENERIC_ERROR;
    }

  host = host_for_identity (identity);
  server = g_strcmp0 (purpose, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_CLIENT) != 0;
  reason = atr_tls_database_verify (self, sent, host, server, &detail);
  _atr_trust_x509_stack_free (sent);

  g_debug ("%s: %s", atr_trust_reason_to_string (reason), detail);
  return flags_for_reason (reason);
}

static GTlsCertificate *
atr_tls_database_lookup_certificate_issuer (GTlsDatabase             *database,
                                            GTlsCertificate          *certificate,
                                            GTlsInteraction          *interaction,
                                            GTlsDatabaseLookupFlags   flags,
                                            GCancellable             *cancellable,
                                            GError                  **error)
{
  AtrTlsDatabase *self = ATR_TLS_DATABASE (database);
  g_autofree char *problem = NULL;
  STACK_OF (X509) *subject;
  GTlsCertificate *issuer = NULL;
  STACK_OF (X509) *lists[2] = { self->anchors, self->helpers };

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  subject = _atr_trust_chain_from_gtls (certificate, &problem);
  if (subject == NULL)
    return NULL;

  for (guint l = 0; l < G_N_ELEMENTS (lists) && issuer == NULL; l++)
    for (int i = 0; i < sk_X509_num (lists[l]) && issuer == NULL; i++)
      {
        X509 *candidate = sk_X509_value (lists[l], i);

        if (X509_check_issued (candidate, sk_X509_value (subject, 0)) == X509_V_OK)
          issuer = _atr_trust_x509_to_gtls (candidate);
      }
  _atr_trust_x509_stack_free (subject);
  ERR_clear_error ();
  return issuer;
}

static GList *
atr_tls_database_lookup_certificates_issued_by (GTlsDatabase             *database,
                                                GByteArray               *issuer_raw_dn,
                                                GTlsInteraction          *interaction,
                                                GTlsDatabaseLookupFlags   flags,
                                                GCancellable             *cancellable,
                                                GError                  **error)
{
  /* Only used for choosing client certificates, which Atrium does not have. */
  return NULL;
}

static void
atr_tls_database_finalize (GObject *object)
{
  AtrTlsDatabase *self = (AtrTlsDatabase *) object;

  g_clear_pointer (&self->store, X509_STORE_free);
  g_clear_pointer (&self->anchors, _atr_trust_x509_stack_free);
  g_clear_pointer (&self->helpers, _atr_trust_x509_stack_free);

  G_OBJECT_CLASS (atr_tls_database_parent_class)->finalize (object);
}

static void
atr_tls_database_class_init (AtrTlsDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GTlsDatabaseClass *database_class = G_TLS_DATABASE_CLASS (klass);

  object_class->finalize = atr_tls_database_finalize;

  /* verify_chain_async: GTlsDatabase's default runs verify_chain in a worker thread, which is
   * safe: the store and the helper list are never changed after construction. */
  database_class->verify_chain = atr_tls_database_verify_chain;
  database_class->lookup_certificate_issuer = atr_tls_database_lookup_certificate_issuer;
  database_class->lookup_certificates_issued_by = atr_tls_database_lookup_certificates_issued_by;
}

static void
atr_tls_database_init (AtrTlsDatabase *self)
{
}

/**
 * atr_tls_database_new:
 * @anchors: (transfer full): the certificates that end a chain
 * @helpers: (transfer full): certificates that only help to build chains
 * @partial_chain: whether some anchors are not self-signed (explicitly listed ones)
 *
 * Only @anchors go into the OpenSSL store; @helpers are handed to every verification as
 * untrusted certificates, exactly like those the server sends.
 *
 * X509_V_FLAG_PARTIAL_CHAIN makes any certificate of the store end a chain. Because the store
 * holds anchors only, that flag is safe here, but it is set only when an anchor is not
 * self-signed (an explicitly listed tenant anchor): an intermediate an administrator appended
 * to trusted.pem is never in the store, so it can never become an anchor by itself, and a
 * chain through it must still reach a trusted root.
 */
AtrTlsDatabase *
atr_tls_database_new (STACK_OF (X509) *anchors,
                      STACK_OF (X509) *helpers,
                      gboolean         partial_chain)
{
  AtrTlsDatabase *self;

  g_return_val_if_fail (anchors != NULL, NULL);
  g_return_val_if_fail (helpers != NULL, NULL);

  self = g_object_new (ATR_TYPE_TLS_DATABASE, NULL);
  self->anchors = anchors;
  self->helpers = helpers;
  self->partial_chain = partial_chain;
  self->store = X509_STORE_new ();
  for (int i = 0; i < sk_X509_num (anchors); i++)
    X509_STORE_add_cert (self->store, sk_X509_value (anchors, i));   /* duplicates are fine */
  ERR_clear_error ();

  return self;
}

STACK_OF (X509) *
atr_tls_database_get_anchors (AtrTlsDatabase *self)
{
  g_return_val_if_fail (ATR_IS_TLS_DATABASE (self), NULL);
  return self->anchors;
}

STACK_OF (X509) *
atr_tls_database_get_helpers (AtrTlsDatabase *self)
{
  g_return_val_if_fail (ATR_IS_TLS_DATABASE (self), NULL);
  return self->helpers;
}

AtrTrustReason
atr_tls_database_verify (AtrTlsDatabase   *self,
                         STACK_OF (X509)  *sent,
                         const char       *host,
                         gboolean          server,
                         char            **detail)
{
  g_return_val_if_fail (ATR_IS_TLS_DATABASE (self), ATR_TRUST_INVALID);
  g_return_val_if_fail (sent != NULL, ATR_TRUST_INVALID);

  return _atr_trust_verify (self->store, self->helpers, self->partial_chain, sent, host,
                            server, detail);
}
