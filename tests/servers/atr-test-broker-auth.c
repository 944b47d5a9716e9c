/* atr-test-broker-auth.c — HTTP Basic, NTLM and the RD Web sign-in flow of the test broker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RD Web forms flow ([MS-TSWP], FORMATS.md §1): an unauthenticated feed request is redirected
 * (302) to the FeedLogin page; that page answers 401 offering Negotiate and NTLM (and Basic
 * if enabled); after a successful HTTP authentication it returns a random token in the body
 * (application/x-msts-webfeed-login) that later requests carry as the .ASPXAUTH cookie.
 */
#define G_LOG_DOMAIN "atrium-test-broker"

#include "config.h"

#include <string.h>

#include "atr-test-broker-private.h"

#include "atr-test-ntlm.h"

#define NTLM_CHALLENGE_KEY "atr-test-broker-ntlm-challenge"
#define NTLM_AUTHENTICATED_KEY "atr-test-broker-ntlm-ok"

/* ---- authentication ---------------------------------------------------------------- */

static gboolean
secret_equal (const char *a,
              const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guint8 diff = la != lb;

  for (gsize i = 0; i < MIN (la, lb); i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}

static gboolean
is_protected (const char *path)
{
  return _atr_test_broker_has_prefix_nocase (path, "/RDWeb/") &&
         !_atr_test_broker_has_prefix_nocase (path, "/RDWeb/FeedLogin/");
}

static const char *
authorization_value (SoupServerMessage *msg,
                     const char        *scheme)
{
  const char *value = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Authorization");
  gsize len = strlen (scheme);

  if (value == NULL || g_ascii_strncasecmp (value, scheme, len) != 0)
    return NULL;
  if (value[len] == '\0')
    return value + len;
  if (value[len] != ' ')
    return NULL;
  return value + len + 1;
}

static gboolean
check_basic (AtrTestBroker     *self,
             SoupServerMessage *msg)
{
  const char *token = authorization_value (msg, "Basic");
  g_autofree guchar *decoded = NULL;
  g_autofree char *expected = NULL;
  gsize len = 0;
  gboolean ok;

  if (token == NULL)
    return FALSE;
  decoded = g_base64_decode (token, &len);
  expected = g_strdup_printf ("%s:%s", self->user, self->password);
  decoded = g_realloc (decoded, len + 1);
  decoded[len] = '\0';
  ok = strlen ((char *) decoded) == len && secret_equal ((char *) decoded, expected);
  memset (decoded, 0, len);
  memset (expected, 0, strlen (expected));
  if (!ok)
    self->auth_failures++;
  return ok;
}

static void
challenge_basic (SoupServerMessage *msg)
{
  _atr_test_broker_respond_status (msg, SOUP_STATUS_UNAUTHORIZED);
  soup_message_headers_append (soup_server_message_get_response_headers (msg),
                               "WWW-Authenticate", "Basic realm=\"Atrium Test Broker\"");
}

/* 401 offering every scheme the page accepts, like IIS with Windows authentication. */
static void
challenge_windows (AtrTestBroker     *self,
                   SoupServerMessage *msg,
                   gboolean           offer_basic)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  _atr_test_broker_respond_status (msg, SOUP_STATUS_UNAUTHORIZED);
  soup_message_headers_append (headers, "WWW-Authenticate", "Negotiate");
  soup_message_headers_append (headers, "WWW-Authenticate", "NTLM");
  if (offer_basic)
    soup_message_headers_append (headers, "WWW-Authenticate", "Basic realm=\"Atrium Test Broker\"");
}

/* One step of the connection-based NTLM handshake (also carried inside "Negotiate", the way
 * Windows clients send raw NTLMSSP tokens there). Returns TRUE when this request carries a
 * valid AUTHENTICATE message; otherwise the response (a 401) is already set. */
static gboolean
ntlm_step (AtrTestBroker     *self,
           SoupServerMessage *msg,
           gboolean           offer_basic)
{
  static const char *schemes[] = { "NTLM", "Negotiate" };
  GSocket *socket = soup_server_message_get_socket (msg);

  for (gsize i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      const char *token = authorization_value (msg, schemes[i]);
      g_autofree guchar *data = NULL;
      gsize len = 0;

      if (token == NULL || *token == '\0')
        continue;
      data = g_base64_decode (token, &len);
      switch (atr_test_ntlm_message_type (data, len))
        {
        case ATR_TEST_NTLM_NEGOTIATE:
          {
            guint8 challenge[ATR_TEST_NTLM_CHALLENGE_LEN];
            g_autofree char *message = NULL;
            g_autofree char *header = NULL;

            for (gsize j = 0; j < sizeof challenge; j++)
              challenge[j] = (guint8) g_random_int_range (0, 256);
            message = atr_test_ntlm_build_challenge (challenge);
            header = g_strdup_printf ("%s %s", schemes[i], message);
            g_object_set_data_full (G_OBJECT (socket), NTLM_CHALLENGE_KEY,
                                    g_memdup2 (challenge, sizeof challenge), g_free);
            _atr_test_broker_respond_status (msg, SOUP_STATUS_UNAUTHORIZED);
            soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                         "WWW-Authenticate", header);
            return FALSE;
          }

        case ATR_TEST_NTLM_AUTHENTICATE:
          {
            const guint8 *challenge = g_object_get_data (G_OBJECT (socket), NTLM_CHALLENGE_KEY);
            g_autoptr(GError) error = NULL;

            if (challenge != NULL &&
                atr_test_ntlm_verify (data, len, challenge, self->user, self->password, &error))
              {
                g_object_set_data (G_OBJECT (socket), NTLM_CHALLENGE_KEY, NULL);
                return TRUE;
              }
            g_debug ("NTLM authentication failed: %s",
                     error ? error->message : "no challenge on this connection");
            g_object_set_data (G_OBJECT (socket), NTLM_CHALLENGE_KEY, NULL);
            self->auth_failures++;
            challenge_windows (self, msg, offer_basic);
            return FALSE;
          }

        case ATR_TEST_NTLM_CHALLENGE:
        case ATR_TEST_NTLM_INVALID:
        default:
          break;
        }
    }

  if (offer_basic && authorization_value (msg, "Basic") != NULL)
    {
      if (check_basic (self, msg))
        return TRUE;
    }

  challenge_windows (self, msg, offer_basic);
  return FALSE;
}

static char *
request_cookie (SoupServerMessage *msg,
                const char        *name)
{
  const char *header = soup_message_headers_get_list (
    soup_server_message_get_request_headers (msg), "Cookie");
  g_auto(GStrv) pairs = NULL;
  gsize name_len = strlen (name);

  if (header == NULL)
    return NULL;
  pairs = g_strsplit (header, ";", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = pairs[i];

      while (*pair == ' ' || *pair == ',')
        pair++;
      if (strncmp (pair, name, name_len) == 0 && pair[name_len] == '=')
        return g_strstrip (g_strdup (pair + name_len + 1));
    }
  return NULL;
}

/* ReturnUrl is the whole request target, path and query, escaped once more (ASP.NET forms
 * authentication: FormsAuthentication.RedirectToLoginPage). */
static void
redirect_to_feed_login (SoupServerMessage *msg,
                        const char        *path,
                        const char        *tenant_dir)
{
  gboolean return_url = TRUE;
  g_autofree char *redirect_to = NULL;
  g_autofree char *login_path = _atr_test_broker_forms_login_path (tenant_dir, &redirect_to,
                                                                   &return_url);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));
  g_autofree char *target = query ? g_strconcat (path, "?", query, NULL) : g_strdup (path);
  g_autofree char *escaped = g_uri_escape_string (target, NULL, FALSE);
  g_autofree char *location = return_url
                               ? g_strdup_printf ("%s?ReturnUrl=%s", redirect_to, escaped)
                               : g_strdup (redirect_to);

  /* Relative, as ASP.NET sends it (soup_server_message_set_redirect would make it absolute). */
  _atr_test_broker_respond_status (msg, SOUP_STATUS_FOUND);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location",
                                location);
}

void
_atr_test_broker_handle_feed_login (AtrTestBroker     *self,
                                    SoupServerMessage *msg)
{
  guint8 raw[32];
  g_autofree char *token = NULL;

  if (!ntlm_step (self, msg, self->feed_login_basic))
    return;

  for (gsize i = 0; i < sizeof raw; i++)
    raw[i] = (guint8) g_random_int_range (0, 256);
  token = g_compute_checksum_for_data (G_CHECKSUM_SHA256, raw, sizeof raw);
  memset (raw, 0, sizeof raw);
  g_hash_table_add (self->tokens, g_strdup (token));
  self->sign_ins++;
  if (self->sign_in_func != NULL)
    self->sign_in_func (self, self->sign_ins, token, self->sign_in_data);

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, ATR_TEST_BROKER_FEED_LOGIN_CONTENT_TYPE,
                                    SOUP_MEMORY_COPY, token, strlen (token));
}

/* Returns TRUE if the request may be served; otherwise the response is set. */
gboolean
_atr_test_broker_check_auth (AtrTestBroker     *self,
                             SoupServerMessage *msg,
                             const char        *path,
                             const char        *tenant_dir)
{
  if (self->auth == ATR_TEST_AUTH_NONE || !is_protected (path))
    return TRUE;

  switch (self->auth)
    {
    case ATR_TEST_AUTH_BASIC:
      if (check_basic (self, msg))
        return TRUE;
      challenge_basic (msg);
      return FALSE;

    case ATR_TEST_AUTH_NTLM:
      {
        GSocket *socket = soup_server_message_get_socket (msg);

        if (g_object_get_data (G_OBJECT (socket), NTLM_AUTHENTICATED_KEY) != NULL)
          return TRUE;
        if (!ntlm_step (self, msg, FALSE))
          return FALSE;
        g_object_set_data (G_OBJECT (socket), NTLM_AUTHENTICATED_KEY, GINT_TO_POINTER (1));
        return TRUE;
      }

    case ATR_TEST_AUTH_RDWEB_FORMS:
      {
        g_autofree char *cookie = request_cookie (msg, ".ASPXAUTH");

        if (cookie != NULL && g_hash_table_contains (self->tokens, cookie))
          return TRUE;
        if (cookie != NULL)
          self->auth_failures++;
        redirect_to_feed_login (msg, path, tenant_dir);
        return FALSE;
      }

    case ATR_TEST_AUTH_NONE:
    default:
      return TRUE;
    }
}


/**
 * atr_test_broker_get_sign_in_count:
 *
 * Returns: how many RD Web sign-ins succeeded (tokens issued) since the broker was made
 */
guint
atr_test_broker_get_sign_in_count (AtrTestBroker *self)
{
  g_return_val_if_fail (ATR_IS_TEST_BROKER (self), 0);

  return self->sign_ins;
}

/**
 * atr_test_broker_set_sign_in_func:
 * @func: (nullable): called after each sign-in with the count and the token issued
 */
void
atr_test_broker_set_sign_in_func (AtrTestBroker     *self,
                                  AtrTestSignInFunc  func,
                                  gpointer           user_data)
{
  g_return_if_fail (ATR_IS_TEST_BROKER (self));

  self->sign_in_func = func;
  self->sign_in_data = user_data;
}

/**
 * atr_test_broker_expire_tokens:
 *
 * Every .ASPXAUTH token issued so far is refused from now on (the feed answers with the
 * sign-in redirect), as after a broker restart.
 */
void
atr_test_broker_expire_tokens (AtrTestBroker *self)
{
  g_return_if_fail (ATR_IS_TEST_BROKER (self));

  g_hash_table_remove_all (self->tokens);
}
