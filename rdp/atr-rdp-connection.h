/* atr-rdp-connection.h — the session's connection part: quitting, answers, timings, route
 *
 * Part of the session engine (rdp/ only). What the session thread's connection attempts
 * share with the other threads, under the part's own lock: the quit flag every wait aborts
 * on, the FreeRDP instance being connected (so that disconnect() can interrupt it), the
 * credentials until FreeRDP has used them, the user's answers to credential and certificate
 * questions (waited for on the part's GCond), the timings, the route tried and the static
 * channels announced. The thread itself is atr-rdp-session-thread.c; FreeRDP's connection
 * callbacks are atr-rdp-session-callbacks.c; both use only these functions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <freerdp/freerdp.h>
#include <glib.h>

#include "atr-rdp-session.h"

G_BEGIN_DECLS

typedef struct _AtrRdpConnection AtrRdpConnection;

AtrRdpConnection *atr_rdp_connection_new                (void);
void              atr_rdp_connection_free               (AtrRdpConnection *conn);

/* any thread */
void              atr_rdp_connection_quit               (AtrRdpConnection *conn);
gboolean          atr_rdp_connection_is_quitting        (AtrRdpConnection *conn);
GCancellable     *atr_rdp_connection_get_io_cancel      (AtrRdpConnection *conn);
void              atr_rdp_connection_set_credentials    (AtrRdpConnection *conn,
                                                         const char       *username,
                                                         const char       *domain,
                                                         const char       *password);
void              atr_rdp_connection_answer_credentials (AtrRdpConnection *conn,
                                                         const char       *username,
                                                         const char       *domain,
                                                         const char       *password);
void              atr_rdp_connection_answer_certificate (AtrRdpConnection *conn,
                                                         gboolean          accept);
void              atr_rdp_connection_get_timings        (AtrRdpConnection *conn,
                                                         AtrRdpTimings    *timings);
char            **atr_rdp_connection_dup_channel_names  (AtrRdpConnection *conn);

/* the connect call (main context), then the session thread */
void              atr_rdp_connection_start_clock        (AtrRdpConnection *conn);
void              atr_rdp_connection_reset_timings      (AtrRdpConnection *conn);
void              atr_rdp_connection_mark_tcp           (AtrRdpConnection *conn);
void              atr_rdp_connection_mark_tls           (AtrRdpConnection *conn);
void              atr_rdp_connection_mark_auth          (AtrRdpConnection *conn);
gboolean          atr_rdp_connection_mark_first_frame   (AtrRdpConnection *conn);
void              atr_rdp_connection_set_route          (AtrRdpConnection *conn,
                                                         AtrRdpTarget     *route);
AtrRdpTarget     *atr_rdp_connection_get_route          (AtrRdpConnection *conn);
gboolean          atr_rdp_connection_begin_connect      (AtrRdpConnection *conn,
                                                         freerdp          *instance);
void              atr_rdp_connection_end_connect        (AtrRdpConnection *conn);
gboolean          atr_rdp_connection_end_attempt        (AtrRdpConnection *conn);
gboolean          atr_rdp_connection_apply_credentials  (AtrRdpConnection *conn,
                                                         rdpSettings      *settings);
void              atr_rdp_connection_wipe_credentials   (AtrRdpConnection *conn);
void              atr_rdp_connection_ask_credentials    (AtrRdpConnection *conn);
gboolean          atr_rdp_connection_wait_credentials   (AtrRdpConnection *conn,
                                                         char            **username,
                                                         char            **password,
                                                         char            **domain,
                                                         gboolean         *quit);
void              atr_rdp_connection_ask_certificate    (AtrRdpConnection *conn);
gboolean          atr_rdp_connection_wait_certificate   (AtrRdpConnection *conn);
void              atr_rdp_connection_set_channel_names  (AtrRdpConnection *conn,
                                                         char            **names);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrRdpConnection, atr_rdp_connection_free)

G_END_DECLS
