/* atr-make-test-certs.c — generates the test PKI into OUTDIR at build time
 *
 * Usage: atr-make-test-certs OUTDIR
 *
 * Writes a test root CA, an intermediate, an unrelated "evil" root and one server profile per
 * certificate problem the trust store must name (see tests/certs/meson.build for the list).
 * Certificates are never committed: they are made fresh by every build directory, so the good
 * ones never expire in the repository. Prints nothing on success; on failure prints one line
 * naming what failed and exits 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-test-certs"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#define DAY (24L * 60 * 60)
#define YEAR (365L * DAY)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509, X509_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EVP_PKEY, EVP_PKEY_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BIO, BIO_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (X509_NAME, X509_NAME_free)

static const char *outdir;

G_GNUC_NORETURN static void
die (const char *what)
{
  unsigned long e = ERR_get_error ();
  char buf[256] = "";

  if (e != 0)
    ERR_error_string_n (e, buf, sizeof buf);
  fprintf (stderr, "atr-make-test-certs: %s%s%s\n", what, e ? ": " : "", buf);
  exit (1);
}

static EVP_PKEY *
make_key (int bits)
{
  EVP_PKEY *key = EVP_PKEY_Q_keygen (NULL, NULL, "RSA", (size_t) bits);

  if (key == NULL)
    die ("RSA key generation failed");
  return key;
}

static void
add_ext (X509 *cert, X509 *issuer, int nid, const char *value)
{
  X509V3_CTX ctx;
  X509_EXTENSION *ext;

  X509V3_set_ctx (&ctx, issuer, cert, NULL, NULL, 0);
  ext = X509V3_EXT_conf_nid (NULL, &ctx, nid, value);
  if (ext == NULL || !X509_add_ext (cert, ext, -1))
    die (OBJ_nid2sn (nid));
  X509_EXTENSION_free (ext);
}

typedef enum
{
  KIND_ROOT,
  KIND_INTERMEDIATE,
  KIND_LEAF,
  KIND_LEAF_CA,   /* a server certificate that is also a CA (refused: leaf-is-ca) */
} Kind;

/* Makes one certificate. @issuer/@issuer_key NULL means self-signed. @not_before and
 * @not_after are offsets in seconds from now. @sans NULL means the usual test names, ""
 * no subjectAltName at all. */
static X509 *
make_cert (Kind        kind,
           const char *common_name,
           EVP_PKEY   *key,
           X509       *issuer,
           EVP_PKEY   *issuer_key,
           long        not_before,
           long        not_after,
           const char *sans,
           const EVP_MD *md)
{
  g_autoptr(X509) cert = X509_new ();
  g_autoptr(X509_NAME) name = X509_NAME_new ();
  BIGNUM *serial = BN_new ();
  gboolean self_signed = (issuer == NULL);

  if (cert == NULL || name == NULL || serial == NULL)
    die ("out of memory");

  X509_set_version (cert, X509_VERSION_3);
  /* Random positive 64-bit serials: unique per issuer, as real CAs do. */
  if (!BN_rand (serial, 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY)
      || !BN_to_ASN1_INTEGER (serial, X509_get_serialNumber (cert)))
    die ("serial number");
  BN_free (serial);

  X509_NAME_add_entry_by_txt (name, "O", MBSTRING_UTF8, (const unsigned char *) "Atrium Tests",
                              -1, -1, 0);
  X509_NAME_add_entry_by_txt (name, "CN", MBSTRING_UTF8, (const unsigned char *) common_name,
                              -1, -1, 0);
  X509_set_subject_name (cert, name);
  X509_set_issuer_name (cert, self_signed ? name : X509_get_subject_name (issuer));
  if (X509_gmtime_adj (X509_getm_notBefore (cert), not_before) == NULL
      || X509_gmtime_adj (X509_getm_notAfter (cert), not_after) == NULL)
    die ("validity dates");
  X509_set_pubkey (cert, key);

  if (self_signed)
    {
      issuer = cert;
      issuer_key = key;
    }

  add_ext (cert, issuer, NID_subject_key_identifier, "hash");
  if (!self_signed)
    add_ext (cert, issuer, NID_authority_key_identifier, "keyid:always");

  switch (kind)
    {
    case KIND_ROOT:
      add_ext (cert, issuer, NID_basic_constraints, "critical,CA:TRUE");
      add_ext (cert, issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
      break;
    case KIND_INTERMEDIATE:
      add_ext (cert, issuer, NID_basic_constraints, "critical,CA:TRUE,pathlen:0");
      add_ext (cert, issuer, NID_key_usage, "critical,keyCertSign,cRLSign");
      break;
    case KIND_LEAF:
    case KIND_LEAF_CA:
    default:
      add_ext (cert, issuer, NID_basic_constraints,
               kind == KIND_LEAF_CA ? "critical,CA:TRUE" : "critical,CA:FALSE");
      add_ext (cert, issuer, NID_key_usage,
               kind == KIND_LEAF_CA ? "critical,digitalSignature,keyEncipherment,keyCertSign"
                                    : "critical,digitalSignature,keyEncipherment");
      add_ext (cert, issuer, NID_ext_key_usage, "serverAuth");
      if (sans == NULL || sans[0] != '\0')
        add_ext (cert, issuer, NID_subject_alt_name,
                 sans ? sans
                      : "DNS:localhost,DNS:atrium.test,DNS:*.atrium.test,IP:127.0.0.1,IP:::1");
      break;
    }

  if (X509_sign (cert, issuer_key, md) == 0)
    die ("signing");

  return g_steal_pointer (&cert);
}

static void
write_file (const char *name,
            BIO        *bio,
            int         mode)
{
  g_autofree char *path = g_build_filename (outdir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  long len = BIO_get_mem_data (bio, &data);

  if (!g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, mode, &error))
    {
      fprintf (stderr, "atr-make-test-certs: %s\n", error->message);
      exit (1);
    }
}

/* Writes @name with the PEM of every certificate in the NULL-terminated list. */
static void
write_certs (const char *name,
             ...)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());
  va_list args;
  X509 *cert;

  va_start (args, name);
  while ((cert = va_arg (args, X509 *)) != NULL)
    if (!PEM_write_bio_X509 (bio, cert))
      die (name);
  va_end (args);
  write_file (name, bio, 0644);
}

static void
write_key (const char *name,
           EVP_PKEY   *key)
{
  g_autoptr(BIO) bio = BIO_new (BIO_s_mem ());

  if (!PEM_write_bio_PrivateKey (bio, key, NULL, NULL, 0, NULL, NULL))
    die (name);
  write_file (name, bio, 0600);
}

/* One server profile: NAME.crt (the leaf plus what the server sends) and NAME.key. @sans ""
 * makes a certificate whose only name is its CN, "localhost". */
static X509 *
write_leaf_kind (Kind        kind,
                 const char *profile,
                 EVP_PKEY   *key,
                 X509       *issuer,
                 EVP_PKEY   *issuer_key,
                 long        not_before,
                 long        not_after,
                 const char *sans,
                 const EVP_MD *md,
                 X509       *sent)
{
  g_autofree char *cn = sans != NULL && sans[0] == '\0'
                          ? g_strdup ("localhost")
                          : g_strdup_printf ("Atrium test server (%s)", profile);
  g_autofree char *crt = g_strconcat (profile, ".crt", NULL);
  g_autofree char *keyfile = g_strconcat (profile, ".key", NULL);
  X509 *leaf = make_cert (kind, cn, key, issuer, issuer_key, not_before, not_after, sans, md);

  write_certs (crt, leaf, sent, NULL);
  write_key (keyfile, key);
  return leaf;
}

static X509 *
write_leaf (const char *profile,
            EVP_PKEY   *key,
            X509       *issuer,
            EVP_PKEY   *issuer_key,
            long        not_before,
            long        not_after,
            const char *sans,
            const EVP_MD *md,
            X509       *sent)
{
  return write_leaf_kind (KIND_LEAF, profile, key, issuer, issuer_key, not_before, not_after,
                          sans, md, sent);
}

int
main (int    argc,
      char **argv)
{
  const EVP_MD *sha256 = EVP_sha256 ();
  const long from = -DAY, to = 10 * YEAR;

  if (argc != 2)
    {
      fprintf (stderr, "usage: atr-make-test-certs OUTDIR\n");
      return 2;
    }
  outdir = argv[1];
  if (g_mkdir_with_parents (outdir, 0755) != 0)
    {
      fprintf (stderr, "atr-make-test-certs: cannot create '%s'\n", outdir);
      return 1;
    }

  /* The PKI: root → intermediate → leaves; and an unrelated root. */
  g_autoptr(EVP_PKEY) ca_key = make_key (2048);
  g_autoptr(X509) ca = make_cert (KIND_ROOT, "Atrium Test Root CA", ca_key, NULL, NULL,
                                  from, 20 * YEAR, NULL, sha256);
  g_autoptr(EVP_PKEY) int_key = make_key (2048);
  g_autoptr(X509) inter = make_cert (KIND_INTERMEDIATE, "Atrium Test Intermediate CA", int_key,
                                     ca, ca_key, from, 15 * YEAR, NULL, sha256);
  g_autoptr(EVP_PKEY) evil_key = make_key (2048);
  g_autoptr(X509) evil = make_cert (KIND_ROOT, "Atrium Evil Root CA", evil_key, NULL, NULL,
                                    from, 20 * YEAR, NULL, sha256);

  write_certs ("ca.pem", ca, NULL);
  write_key ("ca.key", ca_key);
  write_certs ("intermediate.pem", inter, NULL);
  write_key ("intermediate.key", int_key);
  write_certs ("trusted-with-intermediate.pem", ca, inter, NULL);
  write_certs ("evil-ca.pem", evil, NULL);
  write_key ("evil-ca.key", evil_key);

  /* Server profiles. */
  {
    g_autoptr(EVP_PKEY) key = make_key (2048);
    g_autoptr(X509) leaf = write_leaf ("good", key, inter, int_key, from, to, NULL, sha256,
                                       inter);
    write_certs ("good-leaf.crt", leaf, NULL);
  }
  {
    g_autoptr(EVP_PKEY) key = make_key (2048);
    g_autoptr(X509) leaf = write_leaf ("expired", key, inter, int_key, -60 * DAY, -DAY, NULL,
                                       sha256, inter);
  }
  {
    /* Far enough ahead that a reused build directory keeps it "not yet valid". */
    g_autoptr(EVP_PKEY) key = make_key (2048);
    g_autoptr(X509) leaf = write_leaf ("notyet", key, inter, int_key, 5 * YEAR, to, NULL,
                                       sha256, inter);
  }
  {
    g_autoptr(EVP_PKEY) key = make_key (2048);
    g_autoptr(X509) leaf = write_leaf ("wronghost", key, inter, int_key, from, to,
                                       "DNS:wrong.example", sha256, inter);
  }
  {
    g_autoptr(EVP_PKEY) key = make_key (2048);
    g_autoptr(X509) leaf = write_leaf ("selfsigned", key, NULL, NULL, from, to, NULL, sha256,
                                       NULL);
  }
  {
    g_autoptr(EVP_PKEY) key = make_key (2048);
    g_autoptr(X509) leaf = write_leaf ("unknownca", key, evil, evil_key, from, to, NULL, sha256,
                                       evil);
  }
  {
    g_autoptr(EVP_PKEY) key = make_key (1024);
    g_autoptr(X509) leaf = write_leaf ("rsa1024", key, inter, int_key, from, to, NULL, sha256,
                                       inter);
  }
  {
    g_autoptr(EVP_PKEY) key = make_key (2048);
    g_autoptr(X509) leaf = write_leaf ("sha1", key, inter, int_key, from, to, NULL, EVP_sha1 (),
                                       inter);
  }
  {
    /* CN=localhost and no subjectAltName: OpenSSL would match the CN; browsers do not. */
    g_autoptr(EVP_PKEY) key = make_key (2048);
    g_autoptr(X509) leaf = write_leaf ("cnonly", key, inter, int_key, from, to, "", sha256,
                                       inter);
  }
  {
    /* A server certificate with CA:TRUE: it could issue certificates for other hosts. */
    g_autoptr(EVP_PKEY) key = make_key (2048);
    g_autoptr(X509) leaf = write_leaf_kind (KIND_LEAF_CA, "leafca", key, inter, int_key, from,
                                            to, NULL, sha256, inter);
  }

  return 0;
}
