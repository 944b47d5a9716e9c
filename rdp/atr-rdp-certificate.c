/* atr-rdp-certificate.c — what the trust store said about a server's certificate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "atr-rdp-certificate.h"

struct _AtrRdpCertificate
{
  gatomicrefcount  ref_count;
  char            *host;
  guint16          port;
  gboolean         gateway;
  char            *pem;
  char            *sha256;
  AtrTrustReason   reason;
  char            *detail;
  gboolean         accepted;
};

G_DEFINE_BOXED_TYPE (AtrRdpCertificate, atr_rdp_certificate,
                     atr_rdp_certificate_ref, atr_rdp_certificate_unref)

/* SHA-256 of the first certificate's DER, as "AB:CD:…" (the trust store's format). Decoded
 * here rather than through GTlsCertificate: loading the GIO TLS backend costs ~20 ms. */
static char *
leaf_sha256 (const char *pem)
{
  static const char begin[] = "-----BEGIN CERTIFICATE-----";
  g_autofree guchar *der = NULL;
  g_autofree char *body = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  gsize der_len = 0;
  const char *start, *end;
  GString *out;

  if (pem == NULL || (start = strstr (pem, begin)) == NULL)
    return NULL;
  start += sizeof begin - 1;
  if ((end = strstr (start, "-----END CERTIFICATE-----")) == NULL)
    return NULL;

  body = g_strndup (start, (gsize) (end - start));
  der = g_base64_decode (body, &der_len);
  if (der_len == 0)
    return NULL;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der, der_len);
  g_checksum_get_digest (checksum, digest, &digest_len);
  out = g_string_sized_new (96);
  for (gsize i = 0; i < digest_len; i++)
    g_string_append_printf (out, i ? ":%02X" : "%02X", digest[i]);
  return g_string_free (out, FALSE);
}

/**
 * atr_rdp_certificate_new:
 * @host: the name the chain was checked against
 * @port: the port of the server (or gateway)
 * @gateway: %TRUE for an RD Gateway's certificate
 * @pem_chain: (nullable): the peer's chain as FreeRDP handed it over (leaf first)
 * @reason: the trust store's verdict
 * @detail: (nullable): its detail text
 *
 * Returns: (transfer full): the record; accepted when @reason is %ATR_TRUST_OK
 */
AtrRdpCertificate *
atr_rdp_certificate_new (const char     *host,
                         guint16         port,
                         gboolean        gateway,
                         const char     *pem_chain,
                         AtrTrustReason  reason,
                         const char     *detail)
{
  AtrRdpCertificate *self;

  g_return_val_if_fail (host != NULL, NULL);

  self = g_new0 (AtrRdpCertificate, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->host = g_strdup (host);
  self->port = port;
  self->gateway = !!gateway;
  self->pem = g_strdup (pem_chain);
  self->sha256 = leaf_sha256 (pem_chain);
  self->reason = reason;
  self->detail = g_strdup (detail);
  self->accepted = reason == ATR_TRUST_OK;
  return self;
}

/**
 * atr_rdp_certificate_copy_accepted:
 *
 * Returns: (transfer full): a copy of @self with the accepted flag set to @accepted (a user
 *   override of a rejected certificate, where policy allows one)
 */
AtrRdpCertificate *
atr_rdp_certificate_copy_accepted (AtrRdpCertificate *self,
                                   gboolean           accepted)
{
  AtrRdpCertificate *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = atr_rdp_certificate_new (self->host, self->port, self->gateway, self->pem,
                                  self->reason, self->detail);
  copy->accepted = !!accepted;
  return copy;
}

AtrRdpCertificate *
atr_rdp_certificate_ref (AtrRdpCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
atr_rdp_certificate_unref (AtrRdpCertificate *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->host);
  g_free (self->pem);
  g_free (self->sha256);
  g_free (self->detail);
  g_free (self);
}

const char *
atr_rdp_certificate_get_host (AtrRdpCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->host;
}

guint16
atr_rdp_certificate_get_port (AtrRdpCertificate *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->port;
}

gboolean
atr_rdp_certificate_is_gateway (AtrRdpCertificate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->gateway;
}

const char *
atr_rdp_certificate_get_pem (AtrRdpCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->pem;
}

/**
 * atr_rdp_certificate_get_sha256:
 *
 * Returns: (nullable): the SHA-256 fingerprint of the leaf, as the trust store formats it,
 *   or %NULL when the server sent nothing readable
 */
const char *
atr_rdp_certificate_get_sha256 (AtrRdpCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sha256;
}

AtrTrustReason
atr_rdp_certificate_get_reason (AtrRdpCertificate *self)
{
  g_return_val_if_fail (self != NULL, ATR_TRUST_INVALID);
  return self->reason;
}

const char *
atr_rdp_certificate_get_detail (AtrRdpCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->detail;
}

gboolean
atr_rdp_certificate_is_accepted (AtrRdpCertificate *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->accepted;
}

/**
 * atr_rdp_certificate_get_verdict:
 *
 * Returns: "trusted", "accepted-by-user" or "rejected"
 */
const char *
atr_rdp_certificate_get_verdict (AtrRdpCertificate *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->reason == ATR_TRUST_OK)
    return "trusted";
  return self->accepted ? "accepted-by-user" : "rejected";
}
