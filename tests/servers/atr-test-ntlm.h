/* atr-test-ntlm.h — the server side of NTLM (NTLMSSP) for the test broker
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test code only. Builds CHALLENGE messages that ask for NTLMv2 (they carry target
 * information, so libsoup's SoupAuthNTLM answers with an NTLMv2 response) and checks
 * AUTHENTICATE messages against a user name and password. NTLMv1 and NTLM2-session responses
 * are refused, as a Windows server at LmCompatibilityLevel 5 does.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define ATR_TEST_NTLM_CHALLENGE_LEN 8

typedef enum {
  ATR_TEST_NTLM_INVALID = 0,
  ATR_TEST_NTLM_NEGOTIATE = 1,
  ATR_TEST_NTLM_CHALLENGE = 2,
  ATR_TEST_NTLM_AUTHENTICATE = 3,
} AtrTestNtlmType;

AtrTestNtlmType atr_test_ntlm_message_type     (const guint8 *data,
                                                gsize         len);
/* A CHALLENGE message for @server_challenge, base64-encoded (for WWW-Authenticate). */
char           *atr_test_ntlm_build_challenge  (const guint8  server_challenge[ATR_TEST_NTLM_CHALLENGE_LEN]);
/* Checks an AUTHENTICATE message. @expected_user may be "DOMAIN\user" (then the domain must
 * match too) or "user" (any domain). Errors are G_IO_ERROR_PERMISSION_DENIED (wrong user or
 * password) or G_IO_ERROR_INVALID_DATA (malformed, or not NTLMv2). */
gboolean        atr_test_ntlm_verify           (const guint8 *data,
                                                gsize         len,
                                                const guint8  server_challenge[ATR_TEST_NTLM_CHALLENGE_LEN],
                                                const char   *expected_user,
                                                const char   *password,
                                                GError      **error);
void            atr_test_ntlm_md4              (const guint8 *data,
                                                gsize         len,
                                                guint8        digest[16]);

G_END_DECLS
