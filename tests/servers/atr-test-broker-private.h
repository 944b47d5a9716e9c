/* atr-test-broker-private.h — internals shared by the atr-test-broker*.c files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

#include "atr-test-broker.h"

G_BEGIN_DECLS

#define ATR_TEST_BROKER_DEFAULT_SLOW_DELAY_MS 3000

typedef struct
{
  char               *path;
  char               *target;   /* path and "?query", percent-encoding as sent */
  SoupMessageHeaders *headers;
} RequestRecord;

struct _AtrTestBroker
{
  GObject          parent_instance;

  SoupServer      *server;
  char            *root_dir;    /* canonical, no symlinks */
  GArray          *requests;    /* of RequestRecord */
  GPtrArray       *held;        /* SoupServerMessage paused by HANG */
  GHashTable      *pending;     /* SLOW / TRUNCATED source id → SoupServerMessage */
  GHashTable      *tokens;      /* valid .ASPXAUTH values */
  GBytes          *oversize_chunk;
  char            *user;
  char            *password;
  AtrTestFault     fault;
  AtrTestAuth      auth;
  guint            slow_delay_ms;
  guint            port;
  guint            auth_failures;
  guint            sign_ins;
  AtrTestSignInFunc sign_in_func;
  gpointer         sign_in_data;
  gboolean         feed_login_basic;
};

/* atr-test-broker.c */
void     _atr_test_broker_handle_request     (AtrTestBroker     *self,
                                              SoupServerMessage *msg);
void     _atr_test_broker_respond_status     (SoupServerMessage *msg,
                                              guint              status);
gboolean _atr_test_broker_has_prefix_nocase  (const char        *str,
                                              const char        *prefix);

/* atr-test-broker-faults.c */
void     _atr_test_broker_delay              (AtrTestBroker     *self,
                                              SoupServerMessage *msg);
void     _atr_test_broker_send_truncated     (AtrTestBroker     *self,
                                              SoupServerMessage *msg,
                                              GBytes            *body,
                                              const char        *content_type,
                                              gboolean           connection_close);
void     _atr_test_broker_send_oversize      (AtrTestBroker     *self,
                                              SoupServerMessage *msg,
                                              const char        *content_type);

/* atr-test-broker-iis.c */
gboolean _atr_test_broker_handle_iis         (AtrTestBroker     *self,
                                              SoupServerMessage *msg,
                                              const char        *tenant_dir,
                                              const char        *host,
                                              const char        *path,
                                              char             **out_path);
char    *_atr_test_broker_forms_login_path   (const char        *tenant_dir,
                                              char             **redirect_to,
                                              gboolean          *return_url);

/* atr-test-broker-auth.c */
gboolean _atr_test_broker_check_auth         (AtrTestBroker     *self,
                                              SoupServerMessage *msg,
                                              const char        *path,
                                              const char        *tenant_dir);
void     _atr_test_broker_handle_feed_login  (AtrTestBroker     *self,
                                              SoupServerMessage *msg);

G_END_DECLS
