/* atr-trust-store.c — the one trust store every TLS connection of Atrium is checked against
 *
 * Sources: the bundled trusted.pem plus every *.pem in trusted.pem.d (administrator
 * additions), or one --trust file. Self-signed certificates of those files are the anchors;
 * the other certificates (intermediates an administrator appended because a gateway does not
 * send them) only help to build chains. Tenant-scoped anchors (new_with_anchors) are anchors
 * whatever they are. The same verification serves libsoup (through AtrTlsDatabase) and the
 * RDP layer (atr_trust_store_verify_pem).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-net"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <glib/gi18n-lib.h>

#include "atr-data-dirs.h"
#include "atr-net-error.h"
#include "atr-tls-database.h"
#include "atr-trust-verify-private.h"

#include "atr-trust-store.h"

struct _AtrTrustStore
{
  GObject         parent_instance;

  AtrTlsDatabase *database;   /* owns the certificates */
};

G_DEFINE_FINAL_TYPE (AtrTrustStore, atr_trust_store, G_TYPE_OBJECT)

#define REJECTION_KEY "atr-trust-rejection"
#define WATCH_KEY     "atr-trust-watch"

typedef struct
{
  AtrTrustReason  reason;
  char           *detail;
} Rejection;

typedef struct
{
  AtrTrustStore *store;
  char          *host;
} Watch;

static const char * const reason_names[] = {
  [ATR_TRUST_OK] = "ok",
  [ATR_TRUST_UNKNOWN_ISSUER] = "unknown-issuer",
  [ATR_TRUST_SELF_SIGNED] = "self-signed",
  [ATR_TRUST_EXPIRED] = "expired",
  [ATR_TRUST_NOT_YET_VALID] = "not-yet-valid",
  [ATR_TRUST_HOST_MISMATCH] = "host-mismatch",
  [ATR_TRUST_WEAK_KEY] = "weak-key",
  [ATR_TRUST_WEAK_SIGNATURE] = "weak-signature",
  [ATR_TRUST_INCOMPLETE_CHAIN] = "incomplete-chain",
  [ATR_TRUST_NOT_SERVER_AUTH] = "not-server-auth",
  [ATR_TRUST_INVALID] = "invalid",
  [ATR_TRUST_NO_SUBJECT_ALT_NAME] = "no-subject-alt-name",
  [ATR_TRUST_LEAF_IS_CA] = "leaf-is-ca",
};

/**
 * atr_trust_reason_to_string:
 *
 * Returns: a stable name for @reason ("ok", "unknown-issuer", …), used in JSON output and
 *   tests; "invalid" for values out of range.
 */
const char *
atr_trust_reason_to_string (AtrTrustReason reason)
{
  if ((guint) reason >= G_N_ELEMENTS (reason_names))
    return "invalid";
  return reason_names[reason];
}

static void
atr_trust_store_dispose (GObject *object)
{
  AtrTrustStore *self = (AtrTrustStore *) object;

  g_clear_object (&self->database);

  G_OBJECT_CLASS (atr_trust_store_parent_class)->dispose (object);
}

static void
atr_trust_store_class_init (AtrTrustStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = atr_trust_store_dispose;
}

static void
atr_trust_store_init (AtrTrustStore *self)
{
}

static AtrTrustStore *
store_new (STACK_OF (X509) *anchors,
           STACK_OF (X509) *helpers,
           gboolean         partial_chain)
{
  AtrTrustStore *self = g_object_new (ATR_TYPE_TRUST_STORE, NULL);

  self->database = atr_tls_database_new (anchors, helpers, partial_chain);
  g_debug ("trust store: %d anchors, %d helper certificates", sk_X509_num (anchors),
           sk_X509_num (helpers));
  return self;
}

/* ---- loading -------------------------------------------------------------------------- */

/* Adds the certificates of one PEM file: self-signed ones to @anchors, others to @helpers.
 * A missing file is fine unless @required; a file without a certificate is an error. */
static gboolean
load_file (STACK_OF (X509)  *anchors,
           STACK_OF (X509)  *helpers,
           const char       *path,
           gboolean          required,
           GError          **error)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autofree char *data = NULL;
  g_autofree char *problem = NULL;
  g_autoptr(GError) local = NULL;
  STACK_OF (X509) *certs;
  gsize length = 0;

  if (g_file_test (abs, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                   _("Trust file '%s' is a directory, not a PEM file"), abs);
      return FALSE;
    }
  if (!g_file_get_contents (abs, &data, &length, &local))
    {
      if (!required && g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_debug ("trust file '%s' does not exist; skipped", abs);
          return TRUE;
        }
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                     _("Trust file '%s' does not exist"), abs);
      else
        g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                     _("Trust file '%s' cannot be read: %s"), abs, local->message);
      return FALSE;
    }

  certs = _atr_trust_parse_pem (data, length, &problem);
  if (certs == NULL)
    {
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                   _("Trust file '%s': %s"), abs, problem);
      return FALSE;
    }

  while (sk_X509_num (certs) > 0)
    {
      X509 *cert = sk_X509_shift (certs);

      if (X509_self_signed (cert, 0) == 1)
        sk_X509_push (anchors, cert);
      else
        sk_X509_push (helpers, cert);
    }
  sk_X509_free (certs);
  ERR_clear_error ();
  return TRUE;
}

static gboolean
load_directory (STACK_OF (X509)  *anchors,
                STACK_OF (X509)  *helpers,
                const char       *path,
                GError          **error)
{
  g_autofree char *abs = g_canonicalize_filename (path, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  dir = g_dir_open (abs, 0, &local);
  if (dir == NULL)
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        {
          g_debug ("trust directory '%s' does not exist; skipped", abs);
          return TRUE;
        }
      g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                   _("Trust directory '%s' cannot be read: %s"), abs, local->message);
      return FALSE;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".pem") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);   /* deterministic order */

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *file = g_build_filename (abs, g_ptr_array_index (names, i), NULL);

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR))
        continue;
      if (!load_file (anchors, helpers, file, TRUE, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * atr_trust_store_new_default:
 *
 * The product's trust: the bundled trusted.pem (atr_data_dirs_get_trusted_pem(): the build
 * tree's copy when uninstalled) plus every *.pem in ATR_TRUSTED_PEM_D (sorted by
 * name; other files are ignored). The environment variables ATRIUM_TRUSTED_PEM and
 * ATRIUM_TRUSTED_PEM_D override the two paths. Missing files or directories are skipped; a
 * file that holds no certificate is an error naming it.
 */
AtrTrustStore *
atr_trust_store_new_default (GError **error)
{
  const char *file = g_getenv ("ATRIUM_TRUSTED_PEM");
  const char *dir = g_getenv ("ATRIUM_TRUSTED_PEM_D");
  STACK_OF (X509) *anchors = sk_X509_new_null ();
  STACK_OF (X509) *helpers = sk_X509_new_null ();

  if (file == NULL || file[0] == '\0')
    file = atr_data_dirs_get_trusted_pem ();
  if (dir == NULL || dir[0] == '\0')
    dir = ATR_TRUSTED_PEM_D;

  if (!load_file (anchors, helpers, file, FALSE, error)
      || !load_directory (anchors, helpers, dir, error))
    {
      _atr_trust_x509_stack_free (anchors);
      _atr_trust_x509_stack_free (helpers);
      return NULL;
    }

  return store_new (anchors, helpers, FALSE);
}

/**
 * atr_trust_store_new_from_file:
 * @path: a PEM file (relative paths are taken from the current directory)
 *
 * The --trust override: only the certificates of @path. Its self-signed certificates are the
 * anchors; the others help build chains.
 */
AtrTrustStore *
atr_trust_store_new_from_file (const char  *path,
                               GError     **error)
{
  STACK_OF (X509) *anchors;
  STACK_OF (X509) *helpers;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  anchors = sk_X509_new_null ();
  helpers = sk_X509_new_null ();
  if (!load_file (anchors, helpers, path, TRUE, error))
    {
      _atr_trust_x509_stack_free (anchors);
      _atr_trust_x509_stack_free (helpers);
      return NULL;
    }
  return store_new (anchors, helpers, FALSE);
}

static STACK_OF (X509) *
stack_dup (STACK_OF (X509) *stack)
{
  STACK_OF (X509) *copy = sk_X509_new_null ();

  for (int i = 0; i < sk_X509_num (stack); i++)
    {
      X509 *cert = sk_X509_value (stack, i);

      X509_up_ref (cert);
      sk_X509_push (copy, cert);
    }
  return copy;
}

/**
 * atr_trust_anchor_check:
 * @pem: one tenant trust anchor as text
 * @error: return location for an %ATR_NET_ERROR_BAD_DATA error saying what is wrong
 *
 * One anchor entry is exactly one certificate: a single "BEGIN CERTIFICATE" PEM block (no
 * "X509 CERTIFICATE" or "TRUSTED CERTIFICATE" blocks, which OpenSSL would also read, no
 * second block of any kind, no text around it) holding one X.509 certificate with nothing
 * after it. Pure; the manifest parser and atr_trust_store_new_with_anchors() both use it.
 *
 * Returns: %TRUE if @pem is exactly one certificate
 */
gboolean
atr_trust_anchor_check (const char  *pem,
                        GError     **error)
{
  g_autofree char *problem = NULL;
  g_autoptr(X509) cert = NULL;

  g_return_val_if_fail (pem != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  cert = _atr_trust_parse_one_pem (pem, strlen (pem), &problem);
  if (cert == NULL)
    {
      g_set_error_literal (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA, problem);
      return FALSE;
    }
  return TRUE;
}

/**
 * atr_trust_store_new_with_anchors:
 * @base: the store to extend
 * @pem_anchors: (array zero-terminated=1): PEM texts, each exactly one certificate
 *   (atr_trust_anchor_check())
 *
 * @base plus tenant-scoped anchors (from a tenant manifest). Listed certificates are trusted
 * as they are, even when they are not self-signed (an intermediate or a pinned server
 * certificate): that is what listing them means.
 */
AtrTrustStore *
atr_trust_store_new_with_anchors (AtrTrustStore       *base,
                                  const char * const  *pem_anchors,
                                  GError             **error)
{
  STACK_OF (X509) *anchors;
  STACK_OF (X509) *helpers;
  gboolean partial = FALSE;

  g_return_val_if_fail (ATR_IS_TRUST_STORE (base), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  anchors = stack_dup (atr_tls_database_get_anchors (base->database));
  helpers = stack_dup (atr_tls_database_get_helpers (base->database));

  for (guint i = 0; pem_anchors != NULL && pem_anchors[i] != NULL; i++)
    {
      g_autofree char *problem = NULL;
      X509 *cert = _atr_trust_parse_one_pem (pem_anchors[i], strlen (pem_anchors[i]), &problem);

      if (cert == NULL)
        {
          g_set_error (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA,
                       _("Tenant trust anchor %u: %s"), i + 1, problem);
          _atr_trust_x509_stack_free (anchors);
          _atr_trust_x509_stack_free (helpers);
          return NULL;
        }
      if (X509_self_signed (cert, 0) != 1)
        partial = TRUE;
      sk_X509_push (anchors, cert);
    }
  ERR_clear_error ();

  return store_new (anchors, helpers, partial);
}

/**
 * atr_trust_store_get_tls_database:
 *
 * Returns: (transfer none): the database to set as SoupSession:tls-database
 */
GTlsDatabase *
atr_trust_store_get_tls_database (AtrTrustStore *self)
{
  g_return_val_if_fail (ATR_IS_TRUST_STORE (self), NULL);
  return G_TLS_DATABASE (self->database);
}

/**
 * atr_trust_store_get_n_anchors:
 *
 * Returns: how many certificates end a chain (for diagnostics: an empty store trusts nothing)
 */
guint
atr_trust_store_get_n_anchors (AtrTrustStore *self)
{
  g_return_val_if_fail (ATR_IS_TRUST_STORE (self), 0);
  return (guint) sk_X509_num (atr_tls_database_get_anchors (self->database));
}

/* ---- verification --------------------------------------------------------------------- */

static AtrTrustReason
invalid (const char  *host,
         const char  *problem,
         char       **detail)
{
  if (detail)
    *detail = host ? g_strdup_printf ("certificate data for '%s' is unusable: %s", host, problem)
                   : g_strdup_printf ("certificate data is unusable: %s", problem);
  return ATR_TRUST_INVALID;
}

/**
 * atr_trust_store_verify_pem:
 * @pem_chain: the server's certificates in PEM, leaf first, then whatever the server sent
 * @host: (nullable): the host name or address contacted; NULL skips the identity check
 * @detail: (out) (optional): one plain English line naming the host and the certificate at
 *   fault
 *
 * Returns: why the chain is not trusted, or %ATR_TRUST_OK
 */
AtrTrustReason
atr_trust_store_verify_pem (AtrTrustStore  *self,
                            const char     *pem_chain,
                            const char     *host,
                            char          **detail)
{
  g_autofree char *problem = NULL;
  STACK_OF (X509) *sent;
  AtrTrustReason reason;

  g_return_val_if_fail (ATR_IS_TRUST_STORE (self), ATR_TRUST_INVALID);
  g_return_val_if_fail (detail == NULL || *detail == NULL, ATR_TRUST_INVALID);

  if (pem_chain == NULL)
    return invalid (host, _("no certificate data"), detail);

  sent = _atr_trust_parse_pem (pem_chain, strlen (pem_chain), &problem);
  if (sent == NULL)
    return invalid (host, problem, detail);

  reason = atr_tls_database_verify (self->database, sent, host, TRUE, detail);
  _atr_trust_x509_stack_free (sent);
  return reason;
}

/**
 * atr_trust_store_verify_certificate:
 * @peer: the peer certificate; its issuer links are the chain the server sent
 *
 * Same as atr_trust_store_verify_pem() for a GTlsCertificate.
 */
AtrTrustReason
atr_trust_store_verify_certificate (AtrTrustStore    *self,
                                    GTlsCertificate  *peer,
                                    const char       *host,
                                    char            **detail)
{
  g_autofree char *problem = NULL;
  STACK_OF (X509) *sent;
  AtrTrustReason reason;

  g_return_val_if_fail (ATR_IS_TRUST_STORE (self), ATR_TRUST_INVALID);
  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (peer), ATR_TRUST_INVALID);
  g_return_val_if_fail (detail == NULL || *detail == NULL, ATR_TRUST_INVALID);

  sent = _atr_trust_chain_from_gtls (peer, &problem);
  if (sent == NULL)
    return invalid (host, problem, detail);

  reason = atr_tls_database_verify (self->database, sent, host, TRUE, detail);
  _atr_trust_x509_stack_free (sent);
  return reason;
}

/**
 * atr_trust_certificate_sha256:
 *
 * Returns: (transfer full): the SHA-256 fingerprint of @certificate's DER, as "AB:CD:…"
 */
char *
atr_trust_certificate_sha256 (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  GString *out;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &digest_len);

  out = g_string_sized_new (digest_len * 3);
  for (gsize i = 0; i < digest_len; i++)
    g_string_append_printf (out, "%s%02X", i ? ":" : "", digest[i]);
  return g_string_free (out, FALSE);
}

/* ---- libsoup ---------------------------------------------------------------------------- */

static void
rejection_free (gpointer data)
{
  Rejection *rejection = data;

  g_free (rejection->detail);
  g_free (rejection);
}

static void
watch_free (gpointer  data,
            GClosure *closure)
{
  Watch *watch = data;

  g_clear_object (&watch->store);
  g_free (watch->host);
  g_free (watch);
}

static gboolean
accept_certificate_cb (SoupMessage          *msg,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Watch *watch = user_data;
  Rejection *rejection = g_new0 (Rejection, 1);
  const char *host = watch->host;

  if (host == NULL)
    host = g_uri_get_host (soup_message_get_uri (msg));

  rejection->reason = atr_trust_store_verify_certificate (watch->store, certificate, host,
                                                          &rejection->detail);
  if (rejection->reason == ATR_TRUST_OK)
    {
      /* The TLS layer refused something our check accepts (not expected with our database;
       * possible if another database was set). Still a rejection, never an acceptance. */
      rejection->reason = ATR_TRUST_INVALID;
      g_free (rejection->detail);
      rejection->detail = g_strdup_printf ("certificate for '%s' was rejected by the TLS "
                                           "layer (flags 0x%x)", host ? host : "",
                                           (guint) errors);
    }

  g_debug ("rejecting certificate: %s", rejection->detail);
  g_object_set_data_full (G_OBJECT (msg), REJECTION_KEY, rejection, rejection_free);
  return FALSE;
}

/**
 * atr_trust_store_watch_message:
 * @host: (nullable): the host name to check against; NULL uses the message's URI host at
 *   the time of the handshake
 *
 * Makes @msg remember why its server's certificate was rejected: connects to
 * SoupMessage::accept-certificate (emitted when the database rejected the certificate),
 * computes the reason, and never accepts. Read it with atr_trust_store_message_rejected()
 * after the message failed. Calling it again replaces the previous watch.
 */
void
atr_trust_store_watch_message (AtrTrustStore *self,
                               SoupMessage   *msg,
                               const char    *host)
{
  Watch *watch;
  gulong id;

  g_return_if_fail (ATR_IS_TRUST_STORE (self));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (msg), WATCH_KEY));
  if (id != 0)
    g_signal_handler_disconnect (msg, id);

  watch = g_new0 (Watch, 1);
  watch->store = g_object_ref (self);
  watch->host = g_strdup (host);
  id = g_signal_connect_data (msg, "accept-certificate", G_CALLBACK (accept_certificate_cb),
                              watch, watch_free, 0);
  g_object_set_data (G_OBJECT (msg), WATCH_KEY, GSIZE_TO_POINTER (id));
  g_object_set_data (G_OBJECT (msg), REJECTION_KEY, NULL);
}

/**
 * atr_trust_store_message_rejected:
 * @reason: (out) (optional): why
 * @detail: (out) (optional) (transfer none): one line for people, owned by @msg
 *
 * Returns: whether the certificate of @msg's server was rejected (for a watched message)
 */
gboolean
atr_trust_store_message_rejected (SoupMessage     *msg,
                                  AtrTrustReason  *reason,
                                  const char     **detail)
{
  Rejection *rejection;

  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), FALSE);

  rejection = g_object_get_data (G_OBJECT (msg), REJECTION_KEY);
  if (reason)
    *reason = rejection ? rejection->reason : ATR_TRUST_OK;
  if (detail)
    *detail = rejection ? rejection->detail : NULL;
  return rejection != NULL;
}
