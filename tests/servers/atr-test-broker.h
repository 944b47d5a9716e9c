/* atr-test-broker.h — loopback HTTPS test broker (RD Web feeds per Host header, faults, auth)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Test code only. It serves files from ROOT/<host>/<path> over TLS on loopback, like a shared
 * gateway in front of many tenants, and can misbehave on request (see AtrTestFault) and ask
 * for credentials the way RD Web Access does (see AtrTestAuth). Everything runs on the
 * thread-default main context of the thread that created it: drive clients asynchronously on
 * the same context (never a sync soup call against an in-process broker).
 * Files carry a strong ETag (from the body as served); If-None-Match with it gets 304.
 */
#pragma once

#include <gio/gio.h>

#include "atr-test-hang-server.h"
#include "atr-test-resolver.h"

G_BEGIN_DECLS

typedef enum {
  ATR_TEST_FAULT_NONE,
  ATR_TEST_FAULT_SLOW,       /* the response starts after the slow delay (default 3 s) */
  ATR_TEST_FAULT_HANG,       /* the request is read, never answered */
  ATR_TEST_FAULT_ERROR_5XX,  /* 503 Service Unavailable */
  ATR_TEST_FAULT_TRUNCATED,  /* half the body, Content-Length 1 KiB beyond the full body,
                              * then a clean TLS close (libsoup: G_IO_ERROR_PARTIAL_INPUT) */
  ATR_TEST_FAULT_OVERSIZE,   /* a 32 MiB valid-looking body, streamed */
  ATR_TEST_FAULT_NOT_FOUND,  /* 404 for everything */
  ATR_TEST_FAULT_TRUNCATED_CLOSE,  /* as TRUNCATED, with "Connection: close": libsoup 3.2
                                    * then reports NO error, so clients must compare the
                                    * body length with Content-Length themselves */
} AtrTestFault;

typedef enum {
  ATR_TEST_AUTH_NONE,
  ATR_TEST_AUTH_BASIC,        /* HTTP Basic on /RDWeb/ */
  ATR_TEST_AUTH_NTLM,         /* connection-based NTLM (NTLMv2 only) on /RDWeb/ */
  ATR_TEST_AUTH_RDWEB_FORMS,  /* 302 → FeedLogin → 401 NTLM → token body → .ASPXAUTH cookie */
} AtrTestAuth;

/* The size of the ATR_TEST_FAULT_OVERSIZE body, in bytes. */
#define ATR_TEST_BROKER_OVERSIZE_BYTES (32u * 1024u * 1024u)
/* The RD Web sign-in page (ATR_TEST_AUTH_RDWEB_FORMS). */
#define ATR_TEST_BROKER_FEED_LOGIN_PATH "/RDWeb/FeedLogin/WebFeedLogin.aspx"
#define ATR_TEST_BROKER_FEED_LOGIN_CONTENT_TYPE "application/x-msts-webfeed-login"

#define ATR_TYPE_TEST_BROKER (atr_test_broker_get_type ())
G_DECLARE_FINAL_TYPE (AtrTestBroker, atr_test_broker, ATR, TEST_BROKER, GObject)

AtrTestBroker *atr_test_broker_new               (const char    *root_dir,
                                                  const char    *cert_file,
                                                  const char    *key_file,
                                                  GError       **error);
gboolean       atr_test_broker_listen            (AtrTestBroker *self,
                                                  const char    *address,
                                                  guint          port,
                                                  GError       **error);
guint          atr_test_broker_get_port          (AtrTestBroker *self);
void           atr_test_broker_set_fault         (AtrTestBroker *self,
                                                  AtrTestFault   fault);
void           atr_test_broker_set_slow_delay    (AtrTestBroker *self,
                                                  guint          delay_ms);
void           atr_test_broker_set_auth          (AtrTestBroker *self,
                                                  AtrTestAuth    mode,
                                                  const char    *user,
                                                  const char    *password);
void           atr_test_broker_set_feed_login_basic (AtrTestBroker *self,
                                                     gboolean       offer_basic);
guint          atr_test_broker_get_request_count (AtrTestBroker *self,
                                                  const char    *path_prefix);
guint          atr_test_broker_get_auth_failures (AtrTestBroker *self);
/* RD Web sign-ins (ATR_TEST_AUTH_RDWEB_FORMS): each one that issued a token. @func, when set,
 * sees every token issued (test code: the UI tests check that no token reaches a log). */
typedef void (*AtrTestSignInFunc) (AtrTestBroker *self,
                                   guint          count,
                                   const char    *token,
                                   gpointer       user_data);
guint          atr_test_broker_get_sign_in_count (AtrTestBroker *self);
void           atr_test_broker_set_sign_in_func  (AtrTestBroker     *self,
                                                  AtrTestSignInFunc  func,
                                                  gpointer           user_data);
/* Forgets every token issued so far, as a restarted broker does: they "expire". */
void           atr_test_broker_expire_tokens     (AtrTestBroker *self);
/* Every matching request's target ("/path?query") as sent; see atr-test-broker-iis.c. */
char         **atr_test_broker_dup_request_targets (AtrTestBroker *self,
                                                    const char    *path_prefix);
char          *atr_test_broker_dup_last_header   (AtrTestBroker *self,
                                                  const char    *path_prefix,
                                                  const char    *header_name);
void           atr_test_broker_stop              (AtrTestBroker *self);

gboolean       atr_test_fault_from_string        (const char    *name,
                                                  AtrTestFault  *out_fault);

/* A port that is free on 127.0.0.1, 127.0.0.2 and 127.0.0.3 at the time of the call (for
 * "three gateways of one tenant on the same port"). Returns 0 and sets @error on failure. */
guint          atr_test_pick_shared_port         (GError       **error);

G_END_DECLS
