/* atr-trust-verify.c — one certificate verification for every TLS connection (OpenSSL)
 *
 * X509_verify_cert() builds the chain and checks dates, host and purpose. A verify callback
 * records every problem instead of stopping at the first one, and the key and signature
 * strength checks run on the built chain ourselves, so that the one reason reported is the
 * most useful one (order in atr-trust-store.h) and never a generic "verification failed".
 * The security level is left at OpenSSL's default for X509_STORE_CTX (no auth level), so that
 * RSA-1024 and SHA-1 reach our own checks and are named as such.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <string.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>
#include <glib/gi18n-lib.h>

#include "atr-trust-verify-private.h"

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)

/* Categories in the order they win (see AtrTrustReason). */
typedef enum
{
  RANK_SELF_SIGNED,
  RANK_UNKNOWN_ISSUER,
  RANK_INCOMPLETE,
  RANK_BROKEN,
  RANK_DATE,
  RANK_LEAF_CA,
  RANK_NO_SAN,
  RANK_HOST,
  RANK_WEAK_KEY,
  RANK_WEAK_SIGNATURE,
  RANK_PURPOSE,
  RANK_NONE,
} Rank;

typedef struct
{
  Rank  rank;
  int   error;   /* X509_V_ERR_*, or X509_V_OK for our own findings */
  int   depth;
  X509 *cert;    /* owned */
} Finding;

static void
clear_finding (gpointer data)
{
  Finding *finding = data;

  g_clear_pointer (&finding->cert, X509_free);
}

void
_atr_trust_x509_stack_free (STACK_OF (X509) *stack)
{
  sk_X509_pop_free (stack, X509_free);
}

/* ---- conversions ---------------------------------------------------------------------- */

STACK_OF (X509) *
_atr_trust_parse_pem (const char  *data,
                      gsize        length,
                      char       **problem)
{
  STACK_OF (X509) *certs;
  g_autoptr(BIO) bio = NULL;

  g_assert (problem != NULL);

  if (data == NULL || length == 0)
    {
      *problem = g_strdup (_("no certificate data"));
      return NULL;
    }
  if (length > G_MAXINT)
    {
      *problem = g_strdup (_("certificate data too large"));
      return NULL;
    }

  bio = BIO_new_mem_buf (data, (int) length);
  certs = sk_X509_new_null ();
  ERR_clear_error ();
  for (;;)
    {
      X509 *cert = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
      unsigned long err;

      if (cert != NULL)
        {
          sk_X509_push (certs, cert);
          continue;
        }

      /* PEM_read_bio_X509 skips blocks that are not certificates; it ends with "no start
       * line" at the end of the data, and any other error means a damaged certificate. */
      err = ERR_peek_last_error ();
      if (ERR_GET_LIB (err) == ERR_LIB_PEM && ERR_GET_REASON (err) == PEM_R_NO_START_LINE)
        break;

      *problem = g_strdup_printf (_("certificate %d is malformed (%s)"),
                                  sk_X509_num (certs) + 1,
                                  err ? ERR_reason_error_string (err) : "unknown error");
      ERR_clear_error ();
      _atr_trust_x509_stack_free (certs);
      return NULL;
    }
  ERR_clear_error ();

  if (sk_X509_num (certs) == 0)
    {
      *problem = g_strdup (_("no certificate found"));
      _atr_trust_x509_stack_free (certs);
      return NULL;
    }

  return certs;
}

static gboolean
only_space (const char *p,
            const char *end)
{
  for (; p < end; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;
  return TRUE;
}

/* Exactly one "CERTIFICATE" PEM block and nothing else. PEM_read_bio_X509() also reads
 * "X509 CERTIFICATE" and "TRUSTED CERTIFICATE" blocks and skips text between blocks, so a
 * count of "BEGIN CERTIFICATE" lines can be fooled: here every "-----BEGIN " counts, the
 * label must be CERTIFICATE, the text around the block must be white space and the DER must
 * be one X.509 certificate with no bytes after it. */
X509 *
_atr_trust_parse_one_pem (const char  *data,
                          gsize        length,
                          char       **problem)
{
  static const char begin_line[] = "-----BEGIN CERTIFICATE-----";
  static const char end_line[] = "-----END CERTIFICATE-----";
  g_autofree char *text = NULL;
  g_autoptr(BIO) bio = NULL;
  const char *begin, *end;
  char *name = NULL, *header = NULL;
  unsigned char *der = NULL;
  const unsigned char *p;
  long der_length = 0;
  guint blocks = 0;
  X509 *cert = NULL;

  g_assert (problem != NULL);

  if (data == NULL || length == 0)
    return (*problem = g_strdup (_("no certificate data"))), NULL;
  if (length > 64 * 1024)
    return (*problem = g_strdup (_("certificate data too large"))), NULL;
  if (memchr (data, '\0', length) != NULL)
    return (*problem = g_strdup (_("contains a NUL byte"))), NULL;

  text = g_strndup (data, length);
  for (const char *b = strstr (text, "-----BEGIN"); b != NULL; b = strstr (b + 1, "-----BEGIN"))
    blocks++;
  if (blocks == 0)
    return (*problem = g_strdup (_("not a PEM certificate (no BEGIN CERTIFICATE line)"))), NULL;
  if (blocks > 1)
    return (*problem = g_strdup_printf (_("holds %u PEM blocks; give exactly one certificate "
                                        "per entry"), blocks)), NULL;

  begin = strstr (text, "-----BEGIN");
  if (!only_space (text, begin))
    return (*problem = g_strdup (_("has text before the certificate"))), NULL;
  if (!g_str_has_prefix (begin, begin_line))
    return (*problem = g_strdup (_("is a PEM block of another kind; give one "
                                 "\"BEGIN CERTIFICATE\" block"))), NULL;
  end = strstr (begin, end_line);
  if (end == NULL)
    return (*problem = g_strdup (_("has no END CERTIFICATE line"))), NULL;
  end += strlen (end_line);
  if (!only_space (end, text + length))
    return (*problem = g_strdup (_("has data after the certificate"))), NULL;

  bio = BIO_new_mem_buf (begin, (int) (length - (gsize) (begin - text)));
  ERR_clear_error ();
  if (bio == NULL || !PEM_read_bio (bio, &name, &header, &der, &der_length))
    {
      unsigned long err = ERR_peek_last_error ();

      *problem = g_strdup_printf (_("not an X.509 certificate: %s"),
                                  err ? ERR_reason_error_string (err) : "bad PEM");
      goto out;
    }
  if (g_strcmp0 (name, "CERTIFICATE") != 0 || (header != NULL && header[0] != '\0'))
    {
      *problem = g_strdup (_("is a PEM block of another kind; give one \"BEGIN CERTIFICATE\" "
                           "block without headers"));
      goto out;
    }

  p = der;
  cert = d2i_X509 (NULL, &p, der_length);
  if (cert == NULL)
    {
      unsigned long err = ERR_peek_last_error ();

      *problem = g_strdup_printf (_("not an X.509 certificate: %s"),
                                  err ? ERR_reason_error_string (err) : "bad DER");
      goto out;
    }
  if (p != der + der_length)
    {
      g_clear_pointer (&cert, X509_free);
      *problem = g_strdup (_("has data after the certificate inside the PEM block"));
      goto out;
    }

out:
  ERR_clear_error ();
  OPENSSL_free (name);
  OPENSSL_free (header);
  OPENSSL_free (der);
  return cert;
}

STACK_OF (X509) *
_atr_trust_chain_from_gtls (GTlsCertificate  *peer,
                            char            **problem)
{
  STACK_OF (X509) *certs = sk_X509_new_null ();
  GTlsCertificate *cert;

  /* Leaf first, then the issuers the TLS library linked from what the server sent. The
   * length cap only guards against a pathological issuer loop. */
  for (cert = peer; cert != NULL && sk_X509_num (certs) < 32; cert = g_tls_certificate_get_issuer (cert))
    {
      g_autoptr(GByteArray) der = NULL;
      const unsigned char *p;
      X509 *x;

      g_object_get (cert, "certificate", &der, NULL);
      if (der == NULL || der->len == 0 || der->len > G_MAXINT)
        {
          *problem = g_strdup_printf (_("certificate %d has no data"), sk_X509_num (certs) + 1);
          _atr_trust_x509_stack_free (certs);
          return NULL;
        }
      p = der->data;
      x = d2i_X509 (NULL, &p, (long) der->len);
      if (x == NULL)
        {
          ERR_clear_error ();
          *problem = g_strdup_printf (_("certificate %d is malformed"), sk_X509_num (certs) + 1);
          _atr_trust_x509_stack_free (certs);
          return NULL;
        }
      sk_X509_push (certs, x);
    }

  if (sk_X509_num (certs) == 0)
    {
      *problem = g_strdup (_("no certificate"));
      _atr_trust_x509_stack_free (certs);
      return NULL;
    }
  return certs;
}

GTlsCertificate *
_atr_trust_x509_to_gtls (X509 *cert)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  g_autofree char *pem = NULL;
  char *data = NULL;
  long len;

  if (!PEM_write_bio_X509 (bio, cert))
    {
      ERR_clear_error ();
      return NULL;
    }
  len = BIO_get_mem_data (bio, &data);
  pem = g_strndup (data, (gsize) len);
  return g_tls_certificate_new_from_pem (pem, -1, NULL);
}

/* ---- describing certificates ---------------------------------------------------------- */

static char *
name_to_string (const X509_NAME *name)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;
  char *text;

  /* RFC 2253 order (CN first), control characters escaped, UTF-8 kept readable. */
  if (name == NULL
      || X509_NAME_print_ex (bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
    return g_strdup ("(unreadable name)");
  len = BIO_get_mem_data (bio, &data);
  if (len <= 0)
    return g_strdup ("(empty name)");
  text = g_utf8_make_valid (data, MIN (len, 200));
  return text;
}

static char *
subject_of (X509 *cert)
{
  return name_to_string (X509_get_subject_name (cert));
}

static char *
issuer_of (X509 *cert)
{
  return name_to_string (X509_get_issuer_name (cert));
}

static char *
date_to_string (const ASN1_TIME *time)
{
  struct tm tm = { 0 };

  if (time == NULL || !ASN1_TIME_to_tm (time, &tm))
    return g_strdup ("(unreadable date)");
  return g_strdup_printf ("%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* "localhost, atrium.test, 127.0.0.1" — the names the certificate is for (capped). */
static char *
names_of (X509 *cert)
{
  GENERAL_NAMES *names = X509_get_ext_d2i (cert, NID_subject_alt_name, NULL, NULL);
  GString *out = g_string_new (NULL);
  int n = names ? sk_GENERAL_NAME_num (names) : 0;
  int shown = 0;

  for (int i = 0; i < n && shown < 6; i++)
    {
      const GENERAL_NAME *gn = sk_GENERAL_NAME_value (names, i);
      g_autofree char *text = NULL;

      if (gn->type == GEN_DNS)
        {
          const ASN1_IA5STRING *s = gn->d.dNSName;
          text = g_utf8_make_valid ((const char *) ASN1_STRING_get0_data (s),
                                    MIN (ASN1_STRING_length (s), 100));
        }
      else if (gn->type == GEN_IPADD)
        {
          const ASN1_OCTET_STRING *s = gn->d.iPAddress;
          int len = ASN1_STRING_length (s);

          if (len == 4 || len == 16)
            {
              g_autoptr(GInetAddress) addr =
                g_inet_address_new_from_bytes (ASN1_STRING_get0_data (s),
                                               len == 4 ? G_SOCKET_FAMILY_IPV4
                                                        : G_SOCKET_FAMILY_IPV6);
              text = g_inet_address_to_string (addr);
            }
        }
      if (text == NULL)
        continue;
      g_string_append_printf (out, "%s%s", shown ? ", " : "", text);
      shown++;
    }
  if (shown < n && shown == 6)
    g_string_append (out, ", …");
  GENERAL_NAMES_free (names);

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return g_strdup ("no host names");
    }
  return g_string_free (out, FALSE);
}

/* ---- our own strength checks ---------------------------------------------------------- */

/* Returns the key size in bits if the key is too weak, 0 otherwise. */
static int
weak_key_bits (X509        *cert,
               const char **algorithm)
{
  EVP_PKEY *key = X509_get0_pubkey (cert);
  int bits;

  if (key == NULL)
    return 0;   /* an undecodable key fails signature checks: "invalid" */
  bits = EVP_PKEY_get_bits (key);
  switch (EVP_PKEY_get_base_id (key))
    {
    case EVP_PKEY_RSA:
    case EVP_PKEY_RSA_PSS:
      *algorithm = "RSA";
      return bits < 2048 ? bits : 0;
    case EVP_PKEY_DSA:
      *algorithm = "DSA";
      return bits < 2048 ? bits : 0;
    case EVP_PKEY_EC:
      *algorithm = "EC";
      return bits < 224 ? bits : 0;
    default:
      return 0;  /* Ed25519, Ed448 */
    }
}

/* Returns the name of the weak digest @cert is signed with, or NULL. */
static const char *
weak_signature_digest (X509 *cert)
{
  int mdnid = NID_undef;

  if (!X509_get_signature_info (cert, &mdnid, NULL, NULL, NULL))
    {
      ERR_clear_error ();
      return NULL;
    }
  switch (mdnid)
    {
    case NID_sha1:     return "SHA-1";
    case NID_md5:      return "MD5";
    case NID_md5_sha1: return "MD5-SHA1";
    case NID_md4:      return "MD4";
    case NID_md2:      return "MD2";
    default:           return NULL;
    }
}

/* ---- verification --------------------------------------------------------------------- */

static Rank
rank_for_error (int  error,
                X509 *cert)
{
  switch (error)
    {
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      return RANK_SELF_SIGNED;
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_CERT_UNTRUSTED:
    case X509_V_ERR_CERT_REJECTED:
      return RANK_UNKNOWN_ISSUER;
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
      return RANK_INCOMPLETE;   /* refined by the caller: sent by the server or not */
    case X509_V_ERR_CERT_NOT_YET_VALID:
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return RANK_DATE;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return RANK_HOST;
    case X509_V_ERR_EE_KEY_TOO_SMALL:
    case X509_V_ERR_CA_KEY_TOO_SMALL:
      return RANK_WEAK_KEY;
    case X509_V_ERR_CA_MD_TOO_WEAK:
      return RANK_WEAK_SIGNATURE;
    case X509_V_ERR_INVALID_PURPOSE:
      return RANK_PURPOSE;
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
    case X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE:
#ifdef X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM
    case X509_V_ERR_UNSUPPORTED_SIGNATURE_ALGORITHM:
#endif
      /* A library or policy that refuses SHA-1/MD5 outright fails the signature: name the
       * digest rather than calling the chain broken. */
      if (cert != NULL && weak_signature_digest (cert) != NULL)
        return RANK_WEAK_SIGNATURE;
      return RANK_BROKEN;
    default:
      return RANK_BROKEN;
    }
}

static int
collect_cb (int             ok,
            X509_STORE_CTX *ctx)
{
  GArray *findings = X509_STORE_CTX_get_app_data (ctx);

  if (!ok)
    {
      Finding f = { 0 };

      f.error = X509_STORE_CTX_get_error (ctx);
      f.depth = X509_STORE_CTX_get_error_depth (ctx);
      f.cert = X509_STORE_CTX_get_current_cert (ctx);
      if (f.cert != NULL)
        X509_up_ref (f.cert);
      f.rank = rank_for_error (f.error, f.cert);
      g_array_append_val (findings, f);
    }

  /* Keep going: every problem is collected and the most useful one is reported. */
  return 1;
}

static void
add_finding (GArray *findings,
             Rank    rank,
             int     depth,
             X509   *cert)
{
  Finding f = { rank, X509_V_OK, depth, cert };

  X509_up_ref (cert);
  g_array_append_val (findings, f);
}

static gboolean
stack_contains (STACK_OF (X509) *stack,
                X509            *cert)
{
  for (int i = 0; i < sk_X509_num (stack); i++)
    if (X509_cmp (sk_X509_value (stack, i), cert) == 0)
      return TRUE;
  return FALSE;
}

static char *
describe (const Finding *f,
          X509          *leaf,
          const char    *host)
{
  X509 *cert = f->cert ? f->cert : leaf;
  g_autofree char *subject = subject_of (cert);
  g_autofree char *issuer = issuer_of (cert);
  g_autofree char *for_host = host ? g_strdup_printf (_(" for '%s'"), host) : g_strdup ("");
  /* "certificate for 'h'" when the leaf is at fault, "certificate 'CN=…' in the chain for
   * 'h'" when an issuer is. */
  g_autofree char *what = f->depth > 0
    ? g_strdup_printf (_("certificate '%s' in the chain%s"), subject, for_host)
    : g_strdup_printf (_("certificate%s"), for_host);

  switch (f->rank)
    {
    case RANK_SELF_SIGNED:
      return g_strdup_printf (_("certificate%s is self-signed and not in the trust store "
                              "(subject %s)"), for_host, subject);
    case RANK_UNKNOWN_ISSUER:
      return g_strdup_printf (_("certificate%s was issued by '%s', which is not in the trust "
                              "store"), for_host, f->error == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN
                                                 ? subject : issuer);
    case RANK_INCOMPLETE:
      return g_strdup_printf (_("certificate chain%s is incomplete: the issuer '%s' of '%s' was "
                              "not sent by the server and is not in the trust store"),
                              for_host, issuer, subject);
    case RANK_DATE:
      {
        gboolean expired = f->error == X509_V_ERR_CERT_HAS_EXPIRED;
        g_autofree char *date = date_to_string (expired ? X509_get0_notAfter (cert)
                                                        : X509_get0_notBefore (cert));
        if (f->depth > 0)
          return g_strdup_printf ("%s %s %s", what, expired ? _("expired on") : _("is not valid before"),
                                  date);
        return g_strdup_printf (_("%s %s %s (subject %s)"), what,
                                expired ? _("expired on") : _("is not valid before"), date, subject);
      }
    case RANK_HOST:
      {
        g_autofree char *names = names_of (leaf);
        return g_strdup_printf (_("certificate%s does not match that host: it is for %s "
                                "(subject %s)"), for_host, names, subject);
      }
    case RANK_WEAK_KEY:
      {
        const char *alg = "public";
        int bits = weak_key_bits (cert, &alg);

        if (f->depth > 0)
          return g_strdup_printf (_("%s has a weak %d-bit %s key"), what, bits, alg);
        return g_strdup_printf (_("%s has a weak %d-bit %s key (subject %s)"), what, bits, alg,
                                subject);
      }
    case RANK_WEAK_SIGNATURE:
      {
        const char *md = weak_signature_digest (cert);
        return g_strdup_printf (_("%s is signed with %s, which is no longer secure "
                                "(subject %s, issuer %s)"), what, md ? md : _("a weak digest"),
                                subject, issuer);
      }
    case RANK_PURPOSE:
      return g_strdup_printf (_("%s may not be used for TLS server authentication (subject %s)"),
                              what, subject);
    case RANK_LEAF_CA:
      return g_strdup_printf (_("certificate%s is a CA certificate (basicConstraints CA:TRUE), "
                              "which a server may not use as its own (subject %s)"), for_host,
                              subject);
    case RANK_NO_SAN:
      return g_strdup_printf (_("certificate%s has no subjectAltName; a host name only in the "
                              "subject's CN is not accepted (subject %s)"), for_host, subject);
    case RANK_BROKEN:
    case RANK_NONE:
    default:
      return g_strdup_printf (_("%s is invalid: %s (subject %s)"), what,
                              X509_verify_cert_error_string (f->error), subject);
    }
}

static AtrTrustReason
reason_for (const Finding *f)
{
  switch (f->rank)
    {
    case RANK_SELF_SIGNED:    return ATR_TRUST_SELF_SIGNED;
    case RANK_UNKNOWN_ISSUER: return ATR_TRUST_UNKNOWN_ISSUER;
    case RANK_INCOMPLETE:     return ATR_TRUST_INCOMPLETE_CHAIN;
    case RANK_DATE:           return f->error == X509_V_ERR_CERT_HAS_EXPIRED
                                     ? ATR_TRUST_EXPIRED : ATR_TRUST_NOT_YET_VALID;
    case RANK_HOST:           return ATR_TRUST_HOST_MISMATCH;
    case RANK_WEAK_KEY:       return ATR_TRUST_WEAK_KEY;
    case RANK_WEAK_SIGNATURE: return ATR_TRUST_WEAK_SIGNATURE;
    case RANK_PURPOSE:        return ATR_TRUST_NOT_SERVER_AUTH;
    case RANK_LEAF_CA:        return ATR_TRUST_LEAF_IS_CA;
    case RANK_NO_SAN:         return ATR_TRUST_NO_SUBJECT_ALT_NAME;
    case RANK_BROKEN:
    case RANK_NONE:
    default:                  return ATR_TRUST_INVALID;
    }
}

/* Sets up the host check; FALSE if @host can never match (empty or unusable). */
static gboolean
set_host (X509_VERIFY_PARAM *param,
          const char        *host)
{
  g_autofree char *name = NULL;
  gsize len;

  if (host[0] == '[')
    name = g_strndup (host + 1, strcspn (host + 1, "]"));
  else if (g_hostname_is_non_ascii (host))
    name = g_hostname_to_ascii (host);   /* normally done earlier: hosts arrive as ASCII */
  else
    name = g_strdup (host);
  if (name == NULL || name[0] == '\0')
    return FALSE;

  len = strlen (name);
  if (len > 1 && name[len - 1] == '.')
    name[len - 1] = '\0';

  if (g_hostname_is_ip_address (name))
    return X509_VERIFY_PARAM_set1_ip_asc (param, name) == 1;

  /* Names come from the subjectAltName only, as in browsers; a CN-only certificate is
   * refused as such (RANK_NO_SAN). */
  X509_VERIFY_PARAM_set_hostflags (param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS
                                          | X509_CHECK_FLAG_NEVER_CHECK_SUBJECT);
  return X509_VERIFY_PARAM_set1_host (param, name, 0) == 1;
}

AtrTrustReason
_atr_trust_verify (X509_STORE      *anchors,
                   STACK_OF (X509) *helpers,
                   gboolean         partial_chain,
                   STACK_OF (X509) *sent,
                   const char      *host,
                   gboolean         server,
                   char           **detail)
{
  g_autoptr(X509_STORE_CTX) ctx = NULL;
  g_autoptr(GArray) findings = NULL;
  STACK_OF (X509) *untrusted = NULL;
  STACK_OF (X509) *chain;
  X509_VERIFY_PARAM *param;
  const Finding *best = NULL;
  X509 *leaf;
  gboolean trusted;
  int n, rc;

  g_assert (anchors != NULL);
  g_assert (sent != NULL && sk_X509_num (sent) > 0);

  leaf = sk_X509_value (sent, 0);

  /* What the server sent after its leaf, then intermediates from the trust files: both only
   * help to build the chain; trust comes from the anchors in the store. */
  untrusted = sk_X509_new_null ();
  for (int i = 1; i < sk_X509_num (sent); i++)
    sk_X509_push (untrusted, sk_X509_value (sent, i));
  for (int i = 0; helpers != NULL && i < sk_X509_num (helpers); i++)
    sk_X509_push (untrusted, sk_X509_value (helpers, i));

  findings = g_array_new (FALSE, TRUE, sizeof (Finding));
  g_array_set_clear_func (findings, clear_finding);

  ctx = X509_STORE_CTX_new ();
  if (ctx == NULL || !X509_STORE_CTX_init (ctx, anchors, leaf, untrusted))
    {
      ERR_clear_error ();
      sk_X509_free (untrusted);
      if (detail)
        *detail = g_strdup (_("certificate verification could not be set up"));
      return ATR_TRUST_INVALID;
    }
  X509_STORE_CTX_set_purpose (ctx, server ? X509_PURPOSE_SSL_SERVER : X509_PURPOSE_SSL_CLIENT);
  X509_STORE_CTX_set_app_data (ctx, findings);
  X509_STORE_CTX_set_verify_cb (ctx, collect_cb);

  param = X509_STORE_CTX_get0_param (ctx);
  /* See AtrTlsDatabase: the store holds anchors only, so a partial chain (one that ends at a
   * certificate of the store that is not self-signed) is acceptable exactly when such
   * certificates were listed explicitly as anchors. */
  if (partial_chain)
    X509_VERIFY_PARAM_set_flags (param, X509_V_FLAG_PARTIAL_CHAIN);

  if (host != NULL && !set_host (param, host))
    {
      Finding f = { RANK_HOST, X509_V_ERR_HOSTNAME_MISMATCH, 0, NULL };

      ERR_clear_error ();
      X509_up_ref (leaf);
      f.cert = leaf;
      g_array_append_val (findings, f);
    }

  rc = X509_verify_cert (ctx);
  ERR_clear_error ();

  chain = X509_STORE_CTX_get0_chain (ctx);
  n = chain ? sk_X509_num (chain) : 0;
  if (rc < 0 || n == 0)
    {
      sk_X509_free (untrusted);
      if (detail)
        *detail = g_strdup_printf (_("certificate%s%s%s could not be verified"),
                                   host ? " for '" : "", host ? host : "", host ? "'" : "");
      return ATR_TRUST_INVALID;
    }

  trusted = TRUE;
  for (guint i = 0; i < findings->len; i++)
    {
      Finding *f = &g_array_index (findings, Finding, i);

      if (f->rank == RANK_SELF_SIGNED || f->rank == RANK_UNKNOWN_ISSUER
          || f->rank == RANK_INCOMPLETE)
        trusted = FALSE;

      /* The top of the chain has no issuer anywhere. If the server sent it, the server left
       * out an intermediate; if it came from the trust files, the trust store lacks a root. */
      if (f->rank == RANK_INCOMPLETE && f->cert != NULL && !stack_contains (sent, f->cert))
        f->rank = RANK_UNKNOWN_ISSUER;
    }

  /* Strength checks over the built chain. The anchor's own signature does not matter (it is
   * trusted because it is in the store, not because of its signature). */
  for (int i = 0; i < n; i++)
    {
      X509 *cert = sk_X509_value (chain, i);
      const char *alg = NULL;

      if (weak_key_bits (cert, &alg) > 0)
        add_finding (findings, RANK_WEAK_KEY, i, cert);
      if (!(trusted && i == n - 1) && weak_signature_digest (cert) != NULL)
        add_finding (findings, RANK_WEAK_SIGNATURE, i, cert);
    }

  /* A server's own certificate must name its hosts in a subjectAltName and must not be a
   * CA: browsers refuse both, and a CA:TRUE leaf could sign certificates for other hosts. */
  if (server)
    {
      if (X509_get_extension_flags (leaf) & EXFLAG_CA)
        add_finding (findings, RANK_LEAF_CA, 0, leaf);
      if (X509_get_ext_by_NID (leaf, NID_subject_alt_name, -1) < 0)
        add_finding (findings, RANK_NO_SAN, 0, leaf);
    }

  sk_X509_free (untrusted);

  for (guint i = 0; i < findings->len; i++)
    {
      const Finding *f = &g_array_index (findings, Finding, i);

      if (best == NULL || f->rank < best->rank
          || (f->rank == best->rank && f->depth < best->depth))
        best = f;
    }

  if (best == NULL)
    {
      if (detail)
        {
          g_autofree char *subject = subject_of (leaf);
          g_autofree char *top = subject_of (sk_X509_value (chain, n - 1));

          *detail = g_strdup_printf ("certificate%s%s%s is trusted (subject %s, anchor %s)",
                                     host ? " for '" : "", host ? host : "", host ? "'" : "",
                                     subject, top);
        }
      return ATR_TRUST_OK;
    }

  if (detail)
    *detail = describe (best, leaf, host);
  return reason_for (best);
}
