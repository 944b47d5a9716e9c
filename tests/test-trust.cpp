// Tests for AtrTrustStore: loading trust files and the verify_pem reason matrix, over the
// test PKI that tests/certs generates at build time (ATR_TEST_CERTS).
#include <gtest/gtest.h>

#include <string>

#include <glib/gstdio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "atr-net-error.h"
#include "atr-trust-store.h"

namespace {

std::string
cert_path (const char *name)
{
  const char *dir = g_getenv ("ATR_TEST_CERTS");
  g_autofree char *path = g_build_filename (dir ? dir : ".", name, NULL);
  return path;
}

std::string
read_cert (const char *name)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (cert_path (name).c_str (), &data, NULL, &error))
    {
      ADD_FAILURE () << error->message;
      return "";
    }
  return data;
}

AtrTrustStore *
store_from (const char *trust_file)
{
  g_autoptr(GError) error = NULL;
  AtrTrustStore *store = atr_trust_store_new_from_file (cert_path (trust_file).c_str (), &error);

  EXPECT_NE (store, nullptr) << (error ? error->message : "");
  return store;
}

struct MatrixCase
{
  const char     *chain;
  const char     *trust;
  const char     *host;
  AtrTrustReason  expected;
};

std::ostream &
operator<< (std::ostream &os, const MatrixCase &c)
{
  return os << c.chain << " vs " << c.trust << " for " << (c.host ? c.host : "(null)");
}

class TrustMatrix : public ::testing::TestWithParam<MatrixCase> {};

TEST_P (TrustMatrix, GivesTheRightReason)
{
  const MatrixCase &c = GetParam ();
  g_autoptr(AtrTrustStore) store = store_from (c.trust);
  ASSERT_NE (store, nullptr);
  std::string pem = read_cert (c.chain);
  g_autofree char *detail = NULL;

  AtrTrustReason reason = atr_trust_store_verify_pem (store, pem.c_str (), c.host, &detail);

  EXPECT_STREQ (atr_trust_reason_to_string (reason), atr_trust_reason_to_string (c.expected))
    << detail;
  ASSERT_NE (detail, nullptr);
  if (c.host != NULL)
    {
      EXPECT_NE (strstr (detail, c.host), nullptr) << detail;
    }
}

INSTANTIATE_TEST_SUITE_P (
  Profiles, TrustMatrix,
  ::testing::Values (
    MatrixCase { "good.crt", "ca.pem", "tenant1.atrium.test", ATR_TRUST_OK },
    MatrixCase { "good.crt", "ca.pem", "localhost", ATR_TRUST_OK },
    MatrixCase { "good.crt", "ca.pem", "127.0.0.1", ATR_TRUST_OK },
    MatrixCase { "good.crt", "ca.pem", "::1", ATR_TRUST_OK },
    MatrixCase { "good.crt", "ca.pem", "[::1]", ATR_TRUST_OK },
    MatrixCase { "good.crt", "ca.pem", "ATRIUM.test", ATR_TRUST_OK },
    MatrixCase { "good.crt", "ca.pem", "atrium.test.", ATR_TRUST_OK },
    MatrixCase { "good.crt", "ca.pem", NULL, ATR_TRUST_OK },
    MatrixCase { "good.crt", "ca.pem", "a.b.atrium.test", ATR_TRUST_HOST_MISMATCH },
    MatrixCase { "good.crt", "ca.pem", "atrium.test.evil.example", ATR_TRUST_HOST_MISMATCH },
    MatrixCase { "good.crt", "ca.pem", "127.0.0.2", ATR_TRUST_HOST_MISMATCH },
    MatrixCase { "good.crt", "ca.pem", "::2", ATR_TRUST_HOST_MISMATCH },
    MatrixCase { "good.crt", "ca.pem", "", ATR_TRUST_HOST_MISMATCH },
    MatrixCase { "wronghost.crt", "ca.pem", "localhost", ATR_TRUST_HOST_MISMATCH },
    MatrixCase { "wronghost.crt", "ca.pem", "wrong.example", ATR_TRUST_OK },
    MatrixCase { "good-leaf.crt", "ca.pem", "localhost", ATR_TRUST_INCOMPLETE_CHAIN },
    MatrixCase { "good-leaf.crt", "trusted-with-intermediate.pem", "localhost", ATR_TRUST_OK },
    MatrixCase { "unknownca.crt", "ca.pem", "localhost", ATR_TRUST_UNKNOWN_ISSUER },
    MatrixCase { "unknownca.crt", "evil-ca.pem", "localhost", ATR_TRUST_OK },
    MatrixCase { "selfsigned.crt", "ca.pem", "localhost", ATR_TRUST_SELF_SIGNED },
    MatrixCase { "selfsigned.crt", "selfsigned.crt", "localhost", ATR_TRUST_OK },
    MatrixCase { "expired.crt", "ca.pem", "localhost", ATR_TRUST_EXPIRED },
    MatrixCase { "notyet.crt", "ca.pem", "localhost", ATR_TRUST_NOT_YET_VALID },
    MatrixCase { "rsa1024.crt", "ca.pem", "localhost", ATR_TRUST_WEAK_KEY },
    MatrixCase { "sha1.crt", "ca.pem", "localhost", ATR_TRUST_WEAK_SIGNATURE },
    // The evil root does not vouch for our intermediate, which the server sent: its issuer
    // is nowhere, so the chain cannot be completed.
    MatrixCase { "good.crt", "evil-ca.pem", "localhost", ATR_TRUST_INCOMPLETE_CHAIN },
    // An intermediate in the trust file is not an anchor: only roots end a chain.
    MatrixCase { "good.crt", "intermediate.pem", "localhost", ATR_TRUST_INCOMPLETE_CHAIN },
    MatrixCase { "good-leaf.crt", "intermediate.pem", "localhost", ATR_TRUST_UNKNOWN_ISSUER },
    // Order: who vouches first, then dates, then the name.
    MatrixCase { "selfsigned.crt", "ca.pem", "wrong.example", ATR_TRUST_SELF_SIGNED },
    MatrixCase { "unknownca.crt", "ca.pem", "wrong.example", ATR_TRUST_UNKNOWN_ISSUER },
    MatrixCase { "expired.crt", "ca.pem", "wrong.example", ATR_TRUST_EXPIRED },
    MatrixCase { "rsa1024.crt", "ca.pem", "wrong.example", ATR_TRUST_HOST_MISMATCH },
    MatrixCase { "sha1.crt", "evil-ca.pem", "localhost", ATR_TRUST_INCOMPLETE_CHAIN },
    // Issue #8: a name only in the CN is not a name (OpenSSL alone would match it), and a
    // server certificate may not be a CA; both come before the host check.
    MatrixCase { "cnonly.crt", "ca.pem", "localhost", ATR_TRUST_NO_SUBJECT_ALT_NAME },
    MatrixCase { "cnonly.crt", "ca.pem", "wrong.example", ATR_TRUST_NO_SUBJECT_ALT_NAME },
    MatrixCase { "cnonly.crt", "ca.pem", NULL, ATR_TRUST_NO_SUBJECT_ALT_NAME },
    MatrixCase { "leafca.crt", "ca.pem", "localhost", ATR_TRUST_LEAF_IS_CA },
    MatrixCase { "leafca.crt", "ca.pem", "wrong.example", ATR_TRUST_LEAF_IS_CA },
    MatrixCase { "leafca.crt", "ca.pem", NULL, ATR_TRUST_LEAF_IS_CA },
    MatrixCase { "leafca.crt", "evil-ca.pem", "localhost", ATR_TRUST_INCOMPLETE_CHAIN }));

TEST (TrustDetail, NamesHostSubjectIssuerAndDate)
{
  g_autoptr(AtrTrustStore) store = store_from ("ca.pem");
  struct { const char *chain; const char *host; const char *needles[3]; } cases[] = {
    { "expired.crt", "tenant1.atrium.test",
      { "expired on 20", "CN=Atrium test server (expired)", "'tenant1.atrium.test'" } },
    { "notyet.crt", "localhost", { "not valid before 20", "(notyet)", NULL } },
    { "wronghost.crt", "localhost", { "wrong.example", "does not match", NULL } },
    { "good-leaf.crt", "localhost", { "CN=Atrium Test Intermediate CA", "not sent", NULL } },
    { "unknownca.crt", "localhost", { "CN=Atrium Evil Root CA", NULL, NULL } },
    { "rsa1024.crt", "localhost", { "1024-bit RSA", NULL, NULL } },
    { "sha1.crt", "localhost", { "SHA-1", "CN=Atrium Test Intermediate CA", NULL } },
    { "selfsigned.crt", "localhost", { "self-signed", "(selfsigned)", NULL } },
  };

  for (const auto &c : cases)
    {
      std::string pem = read_cert (c.chain);
      g_autofree char *detail = NULL;

      atr_trust_store_verify_pem (store, pem.c_str (), c.host, &detail);
      ASSERT_NE (detail, nullptr) << c.chain;
      EXPECT_EQ (strchr (detail, '\n'), nullptr) << detail;
      for (const char *needle : c.needles)
        {
          if (needle == NULL)
            continue;
          EXPECT_NE (strstr (detail, needle), nullptr) << c.chain << ": " << detail;
        }
    }
}

TEST (TrustHostile, BrokenInputIsInvalidWithoutCrashing)
{
  g_autoptr(AtrTrustStore) store = store_from ("ca.pem");
  std::string good = read_cert ("good.crt");
  std::string key_only = read_cert ("good.key");
  std::string truncated = good.substr (0, good.size () / 3);
  std::string bad_base64 = "-----BEGIN CERTIFICATE-----\n!!!!not base64!!!!\n"
                           "-----END CERTIFICATE-----\n";
  std::string empty_block = "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n";
  std::string binary (4096, '\0');
  for (size_t i = 0; i < binary.size (); i++)
    binary[i] = (char) (i * 7919 % 251 + 1);
  const char *inputs[] = {
    "", "garbage", key_only.c_str (), truncated.c_str (), bad_base64.c_str (),
    empty_block.c_str (), binary.c_str (),
  };

  for (const char *input : inputs)
    {
      g_autofree char *detail = NULL;

      EXPECT_EQ (atr_trust_store_verify_pem (store, input, "localhost", &detail),
                 ATR_TRUST_INVALID) << input;
      ASSERT_NE (detail, nullptr);
      EXPECT_NE (strstr (detail, "localhost"), nullptr) << detail;
    }

  g_autofree char *detail = NULL;
  EXPECT_EQ (atr_trust_store_verify_pem (store, NULL, NULL, &detail), ATR_TRUST_INVALID);
  EXPECT_EQ (atr_trust_store_verify_pem (store, "junk", "localhost", NULL), ATR_TRUST_INVALID);
}

TEST (TrustHostile, TextAroundTheCertificatesIsIgnored)
{
  g_autoptr(AtrTrustStore) store = store_from ("ca.pem");
  std::string pem = "leading text\n" + read_cert ("good.crt") + "\ntrailing text\n"
                    + read_cert ("good.key");

  EXPECT_EQ (atr_trust_store_verify_pem (store, pem.c_str (), "localhost", NULL), ATR_TRUST_OK);
}

TEST (TrustLoad, MissingFileIsAnErrorNamingIt)
{
  g_autoptr(GError) error = NULL;
  std::string path = cert_path ("no-such-file.pem");
  g_autoptr(AtrTrustStore) store = atr_trust_store_new_from_file (path.c_str (), &error);

  EXPECT_EQ (store, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA));
  EXPECT_NE (strstr (error->message, path.c_str ()), nullptr) << error->message;
}

TEST (TrustLoad, FileWithoutCertificateIsAnErrorNamingIt)
{
  g_autoptr(GError) error = NULL;
  std::string path = cert_path ("good.key");
  g_autoptr(AtrTrustStore) store = atr_trust_store_new_from_file (path.c_str (), &error);

  EXPECT_EQ (store, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA));
  EXPECT_NE (strstr (error->message, path.c_str ()), nullptr) << error->message;
  EXPECT_NE (strstr (error->message, "no certificate"), nullptr) << error->message;
}

TEST (TrustLoad, DirectoryIsAnErrorNamingIt)
{
  g_autoptr(GError) error = NULL;
  std::string path = cert_path ("");
  path.pop_back ();   // no trailing slash
  g_autoptr(AtrTrustStore) store = atr_trust_store_new_from_file (path.c_str (), &error);

  EXPECT_EQ (store, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA));
  EXPECT_NE (strstr (error->message, path.c_str ()), nullptr) << error->message;
}

TEST (TrustLoad, RelativePathIsResolved)
{
  g_autofree char *cwd = g_get_current_dir ();
  ASSERT_EQ (g_chdir (cert_path ("").c_str ()), 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTrustStore) store = atr_trust_store_new_from_file ("ca.pem", &error);
  g_autoptr(GError) missing = NULL;
  g_autoptr(AtrTrustStore) none = atr_trust_store_new_from_file ("nope.pem", &missing);
  ASSERT_EQ (g_chdir (cwd), 0);

  ASSERT_NE (store, nullptr) << error->message;
  EXPECT_EQ (atr_trust_store_get_n_anchors (store), 1u);
  ASSERT_NE (missing, nullptr);
  EXPECT_TRUE (g_path_is_absolute (strchr (missing->message, '\'') + 1)) << missing->message;
}

TEST (TrustLoad, IntermediatesInTheTrustFileAreNotAnchors)
{
  g_autoptr(AtrTrustStore) both = store_from ("trusted-with-intermediate.pem");
  g_autoptr(AtrTrustStore) inter = store_from ("intermediate.pem");

  EXPECT_EQ (atr_trust_store_get_n_anchors (both), 1u);
  EXPECT_EQ (atr_trust_store_get_n_anchors (inter), 0u);
}

class TrustDefault : public ::testing::Test
{
protected:
  char *dir = NULL;

  void SetUp () override
  {
    dir = g_dir_make_tmp ("atr-trust-XXXXXX", NULL);
    ASSERT_NE (dir, nullptr);
    g_setenv ("ATRIUM_TRUSTED_PEM", cert_path ("evil-ca.pem").c_str (), TRUE);
    g_setenv ("ATRIUM_TRUSTED_PEM_D", dir, TRUE);
  }

  void TearDown () override
  {
    const char *names[] = { "extra.pem", "notes.txt", "zz-broken.pem", "sub.pem" };
    for (const char *name : names)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_remove (path);
      }
    g_rmdir (dir);
    g_free (dir);
    g_unsetenv ("ATRIUM_TRUSTED_PEM");
    g_unsetenv ("ATRIUM_TRUSTED_PEM_D");
  }

  void put (const char *name, const std::string &contents)
  {
    g_autofree char *path = g_build_filename (dir, name, NULL);
    ASSERT_TRUE (g_file_set_contents (path, contents.c_str (), -1, NULL));
  }
};

TEST_F (TrustDefault, ReadsTheFileAndEveryPemInTheDirectory)
{
  std::string good = read_cert ("good.crt");
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(AtrTrustStore) store = atr_trust_store_new_default (&error);
    ASSERT_NE (store, nullptr) << error->message;
    EXPECT_EQ (atr_trust_store_get_n_anchors (store), 1u);
    EXPECT_NE (atr_trust_store_verify_pem (store, good.c_str (), "localhost", NULL), ATR_TRUST_OK);
  }

  put ("extra.pem", read_cert ("ca.pem"));
  put ("notes.txt", "not a certificate, and not a .pem file: ignored");
  g_autoptr(AtrTrustStore) store = atr_trust_store_new_default (&error);
  ASSERT_NE (store, nullptr) << error->message;
  EXPECT_EQ (atr_trust_store_get_n_anchors (store), 2u);
  EXPECT_EQ (atr_trust_store_verify_pem (store, good.c_str (), "localhost", NULL), ATR_TRUST_OK);
  std::string unknown = read_cert ("unknownca.crt");
  EXPECT_EQ (atr_trust_store_verify_pem (store, unknown.c_str (), "localhost", NULL),
             ATR_TRUST_OK);
}

TEST_F (TrustDefault, ABrokenPemInTheDirectoryIsAnErrorNamingIt)
{
  g_autoptr(GError) error = NULL;

  put ("extra.pem", read_cert ("ca.pem"));
  put ("zz-broken.pem", "# an administrator's note, no certificate\n");
  g_autoptr(AtrTrustStore) store = atr_trust_store_new_default (&error);

  EXPECT_EQ (store, nullptr);
  ASSERT_NE (error, nullptr);
  EXPECT_NE (strstr (error->message, "zz-broken.pem"), nullptr) << error->message;
}

TEST_F (TrustDefault, MissingFilesAreSkipped)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nowhere = g_build_filename (dir, "missing", NULL);

  g_setenv ("ATRIUM_TRUSTED_PEM", nowhere, TRUE);
  g_setenv ("ATRIUM_TRUSTED_PEM_D", nowhere, TRUE);
  g_autoptr(AtrTrustStore) store = atr_trust_store_new_default (&error);

  ASSERT_NE (store, nullptr) << error->message;
  EXPECT_EQ (atr_trust_store_get_n_anchors (store), 0u);
  std::string good = read_cert ("good.crt");
  EXPECT_EQ (atr_trust_store_verify_pem (store, good.c_str (), "localhost", NULL),
             ATR_TRUST_INCOMPLETE_CHAIN);
}

TEST (TrustAnchors, TenantAnchorsExtendTheBase)
{
  g_autoptr(AtrTrustStore) base = store_from ("evil-ca.pem");
  std::string ca = read_cert ("ca.pem");
  std::string inter = read_cert ("intermediate.pem");
  std::string good = read_cert ("good.crt");
  std::string unknown = read_cert ("unknownca.crt");
  g_autoptr(GError) error = NULL;

  const char *roots[] = { ca.c_str (), NULL };
  g_autoptr(AtrTrustStore) with_root = atr_trust_store_new_with_anchors (base, roots, &error);
  ASSERT_NE (with_root, nullptr) << error->message;
  EXPECT_EQ (atr_trust_store_verify_pem (with_root, good.c_str (), "localhost", NULL),
             ATR_TRUST_OK);
  EXPECT_EQ (atr_trust_store_verify_pem (with_root, unknown.c_str (), "localhost", NULL),
             ATR_TRUST_OK);   // the base's anchors stay
  EXPECT_NE (atr_trust_store_verify_pem (base, good.c_str (), "localhost", NULL), ATR_TRUST_OK);

  // An explicitly listed intermediate is an anchor (partial chain), unlike one in a file.
  const char *inters[] = { inter.c_str (), NULL };
  g_autoptr(AtrTrustStore) with_inter = atr_trust_store_new_with_anchors (base, inters, &error);
  ASSERT_NE (with_inter, nullptr) << error->message;
  EXPECT_EQ (atr_trust_store_verify_pem (with_inter, good.c_str (), "localhost", NULL),
             ATR_TRUST_OK);
  std::string expired = read_cert ("expired.crt");
  EXPECT_EQ (atr_trust_store_verify_pem (with_inter, expired.c_str (), "localhost", NULL),
             ATR_TRUST_EXPIRED);
}

// Issue #8: OpenSSL also reads "X509 CERTIFICATE" and "TRUSTED CERTIFICATE" blocks, so one
// entry counted by its "BEGIN CERTIFICATE" lines added three anchors. One entry is exactly one
// certificate now, and nothing else.
std::string
relabel (const std::string &pem, const std::string &label)
{
  std::string out = pem;
  for (const char *edge : { "-----BEGIN ", "-----END " })
    {
      size_t at = out.find (std::string (edge) + "CERTIFICATE-----");
      if (at != std::string::npos)
        out.replace (at + strlen (edge), strlen ("CERTIFICATE"), label);
    }
  return out;
}

TEST (TrustAnchors, OneEntryIsExactlyOneCertificate)
{
  g_autoptr(AtrTrustStore) base = store_from ("ca.pem");
  std::string ca = read_cert ("ca.pem");
  std::string evil = read_cert ("evil-ca.pem");
  std::string inter = read_cert ("intermediate.pem");
  std::string unknown = read_cert ("unknownca.crt");
  guint before = atr_trust_store_get_n_anchors (base);

  const std::pair<std::string, const char *> cases[] = {
    { ca + relabel (evil, "X509 CERTIFICATE") + relabel (inter, "TRUSTED CERTIFICATE"),
      "holds 3 PEM blocks" },
    { ca + relabel (evil, "TRUSTED CERTIFICATE"), "holds 2 PEM blocks" },
    { relabel (evil, "X509 CERTIFICATE"), "another kind" },
    { relabel (evil, "TRUSTED CERTIFICATE"), "another kind" },
    { ca + evil, "holds 2 PEM blocks" },
    { unknown, "holds 2 PEM blocks" },
    { ca + "trailing words\n", "data after the certificate" },
    { "a comment\n" + ca, "text before the certificate" },
    { ca + "-----END CERTIFICATE-----\n", "data after the certificate" },
    { ca.substr (0, ca.size () - 10), "no END CERTIFICATE line" },
    { "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not an X.509 certificate" },
  };
  for (const auto &c : cases)
    {
      const char *anchors[] = { c.first.c_str (), NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(AtrTrustStore) store = atr_trust_store_new_with_anchors (base, anchors, &error);

      EXPECT_EQ (store, nullptr) << c.first;
      if (store != nullptr)
        {
          EXPECT_EQ (atr_trust_store_get_n_anchors (store), before + 1) << c.first;
        }
      ASSERT_NE (error, nullptr) << c.first;
      EXPECT_NE (strstr (error->message, "anchor 1"), nullptr) << error->message;
      EXPECT_NE (strstr (error->message, c.second), nullptr) << error->message;

      g_autoptr(GError) check_error = NULL;
      EXPECT_FALSE (atr_trust_anchor_check (c.first.c_str (), &check_error)) << c.first;
    }

  // exactly one certificate, surrounding white space allowed: one more anchor
  std::string spaced = "\n  " + evil + "\n\n";
  const char *one[] = { spaced.c_str (), NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTrustStore) store = atr_trust_store_new_with_anchors (base, one, &error);
  ASSERT_NE (store, nullptr) << error->message;
  EXPECT_EQ (atr_trust_store_get_n_anchors (store), before + 1);
  EXPECT_TRUE (atr_trust_anchor_check (evil.c_str (), NULL));
}

TEST (TrustAnchors, BrokenTenantAnchorIsAnError)
{
  g_autoptr(AtrTrustStore) base = store_from ("ca.pem");
  std::string ca = read_cert ("ca.pem");
  const char *anchors[] = { ca.c_str (), "not a certificate", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrTrustStore) store = atr_trust_store_new_with_anchors (base, anchors, &error);

  EXPECT_EQ (store, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA));
  EXPECT_NE (strstr (error->message, "anchor 2"), nullptr) << error->message;
}

TEST (TrustReason, StableNames)
{
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_OK), "ok");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_UNKNOWN_ISSUER), "unknown-issuer");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_SELF_SIGNED), "self-signed");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_EXPIRED), "expired");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_NOT_YET_VALID), "not-yet-valid");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_HOST_MISMATCH), "host-mismatch");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_WEAK_KEY), "weak-key");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_WEAK_SIGNATURE), "weak-signature");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_INCOMPLETE_CHAIN), "incomplete-chain");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_NOT_SERVER_AUTH), "not-server-auth");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_INVALID), "invalid");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_NO_SUBJECT_ALT_NAME), "no-subject-alt-name");
  EXPECT_STREQ (atr_trust_reason_to_string (ATR_TRUST_LEAF_IS_CA), "leaf-is-ca");
  EXPECT_STREQ (atr_trust_reason_to_string ((AtrTrustReason) 99), "invalid");
}

TEST (TrustCertificate, VerifiesAGTlsCertificateChain)
{
  g_autoptr(AtrTrustStore) store = store_from ("ca.pem");
  g_autoptr(GError) error = NULL;
  g_autoptr(GTlsCertificate) good = g_tls_certificate_new_from_files (
    cert_path ("good.crt").c_str (), cert_path ("good.key").c_str (), &error);
  ASSERT_NE (good, nullptr) << error->message;
  ASSERT_NE (g_tls_certificate_get_issuer (good), nullptr);
  g_autoptr(GTlsCertificate) leaf = g_tls_certificate_new_from_file (
    cert_path ("good-leaf.crt").c_str (), &error);
  ASSERT_NE (leaf, nullptr) << error->message;
  g_autofree char *detail = NULL;

  EXPECT_EQ (atr_trust_store_verify_certificate (store, good, "localhost", NULL), ATR_TRUST_OK);
  EXPECT_EQ (atr_trust_store_verify_certificate (store, good, "wrong.example", &detail),
             ATR_TRUST_HOST_MISMATCH);
  EXPECT_NE (strstr (detail, "wrong.example"), nullptr);
  EXPECT_EQ (atr_trust_store_verify_certificate (store, leaf, "localhost", NULL),
             ATR_TRUST_INCOMPLETE_CHAIN);
}

TEST (TrustCertificate, DatabaseMapsReasonsToFlags)
{
  g_autoptr(AtrTrustStore) store = store_from ("ca.pem");
  GTlsDatabase *db = atr_trust_store_get_tls_database (store);
  ASSERT_TRUE (G_IS_TLS_DATABASE (db));
  struct { const char *chain; const char *host; GTlsCertificateFlags flags; } cases[] = {
    { "good.crt", "localhost", (GTlsCertificateFlags) 0 },
    { "good.crt", "127.0.0.1", (GTlsCertificateFlags) 0 },
    { "wronghost.crt", "localhost", G_TLS_CERTIFICATE_BAD_IDENTITY },
    { "expired.crt", "localhost", G_TLS_CERTIFICATE_EXPIRED },
    { "notyet.crt", "localhost", G_TLS_CERTIFICATE_NOT_ACTIVATED },
    { "unknownca.crt", "localhost", G_TLS_CERTIFICATE_UNKNOWN_CA },
    { "selfsigned.crt", "localhost", G_TLS_CERTIFICATE_UNKNOWN_CA },
    { "good-leaf.crt", "localhost", G_TLS_CERTIFICATE_UNKNOWN_CA },
    { "rsa1024.crt", "localhost", G_TLS_CERTIFICATE_INSECURE },
    { "sha1.crt", "localhost", G_TLS_CERTIFICATE_INSECURE },
  };

  for (const auto &c : cases)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_file (
        cert_path (c.chain).c_str (), &error);
      ASSERT_NE (cert, nullptr) << error->message;
      g_autoptr(GSocketConnectable) identity = NULL;
      if (g_hostname_is_ip_address (c.host))
        {
          g_autoptr(GInetAddress) addr = g_inet_address_new_from_string (c.host);
          identity = G_SOCKET_CONNECTABLE (g_inet_socket_address_new (addr, 443));
        }
      else
        identity = g_network_address_new (c.host, 443);

      GTlsCertificateFlags flags = g_tls_database_verify_chain (
        db, cert, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER, identity, NULL,
        G_TLS_DATABASE_VERIFY_NONE, NULL, &error);

      EXPECT_EQ (flags, c.flags) << c.chain;
      EXPECT_EQ (error, nullptr) << c.chain;
    }

  // An identity of an unknown kind never skips the host check.
  g_autoptr(GTlsCertificate) good = g_tls_certificate_new_from_file (
    cert_path ("good.crt").c_str (), NULL);
  g_autoptr(GSocketConnectable) unix_socket =
    G_SOCKET_CONNECTABLE (g_unix_socket_address_new ("/run/atrium-test"));
  EXPECT_EQ (g_tls_database_verify_chain (db, good, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                          unix_socket, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL,
                                          NULL),
             G_TLS_CERTIFICATE_BAD_IDENTITY);
  // A cancelled verification reports an error, never a pass.
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_cancellable_cancel (cancellable);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) localhost = g_network_address_new ("localhost", 443);
  EXPECT_NE (g_tls_database_verify_chain (db, good, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                          localhost, NULL, G_TLS_DATABASE_VERIFY_NONE,
                                          cancellable, &error),
             (GTlsCertificateFlags) 0);
  EXPECT_TRUE (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}

TEST (TrustCertificate, IssuerLookupFindsTrustFileCertificates)
{
  g_autoptr(AtrTrustStore) store = store_from ("trusted-with-intermediate.pem");
  GTlsDatabase *db = atr_trust_store_get_tls_database (store);
  g_autoptr(GTlsCertificate) leaf = g_tls_certificate_new_from_file (
    cert_path ("good-leaf.crt").c_str (), NULL);
  g_autoptr(GTlsCertificate) inter = g_tls_certificate_new_from_file (
    cert_path ("intermediate.pem").c_str (), NULL);
  ASSERT_NE (leaf, nullptr);

  g_autoptr(GTlsCertificate) issuer = g_tls_database_lookup_certificate_issuer (
    db, leaf, NULL, G_TLS_DATABASE_LOOKUP_NONE, NULL, NULL);
  ASSERT_NE (issuer, nullptr);
  EXPECT_TRUE (g_tls_certificate_is_same (issuer, inter));

  g_autoptr(GTlsCertificate) unknown = g_tls_certificate_new_from_file (
    cert_path ("selfsigned.crt").c_str (), NULL);
  g_autoptr(GTlsCertificate) none = g_tls_database_lookup_certificate_issuer (
    db, unknown, NULL, G_TLS_DATABASE_LOOKUP_NONE, NULL, NULL);
  EXPECT_EQ (none, nullptr);
}

TEST (TrustCertificate, Sha256MatchesOpenSsl)
{
  g_autoptr(GTlsCertificate) cert = g_tls_certificate_new_from_file (
    cert_path ("good-leaf.crt").c_str (), NULL);
  ASSERT_NE (cert, nullptr);
  g_autofree char *ours = atr_trust_certificate_sha256 (cert);

  // The reference: OpenSSL's own digest of the same certificate.
  std::string pem = read_cert ("good-leaf.crt");
  BIO *bio = BIO_new_mem_buf (pem.data (), (int) pem.size ());
  X509 *x = PEM_read_bio_X509 (bio, NULL, NULL, NULL);
  ASSERT_NE (x, nullptr);
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  ASSERT_EQ (X509_digest (x, EVP_sha256 (), md, &len), 1);
  X509_free (x);
  BIO_free (bio);
  std::string expected;
  for (unsigned int i = 0; i < len; i++)
    {
      char hex[4];
      g_snprintf (hex, sizeof hex, "%s%02X", i ? ":" : "", md[i]);
      expected += hex;
    }

  ASSERT_NE (ours, nullptr);
  EXPECT_EQ (ours, expected);
  EXPECT_EQ (strlen (ours), 95u);
}

}  // namespace
