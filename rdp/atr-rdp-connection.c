/* atr-rdp-connection.c — the session's connection part (see atr-rdp-connection.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <string.h>
#include <sys/socket.h>

#include <freerdp/freerdp.h>
#include <freerdp/settings.h>
#include <winpr/synch.h>

#include "atr-rdp-connection.h"

typedef enum
{
  ANSWER_NONE,
  ANSWER_PENDING,
  ANSWER_GIVEN,
} AnswerState;

struct _AtrRdpConnection
{
  GMutex         lock;
  GCond          cond;               /* answers given, or quit */
  gboolean       quit;               /* the abort path of every wait */
  freerdp       *instance;           /* the current attempt's, for freerdp_abort_connect */
  gboolean       in_connect;         /* the thread is inside freerdp_connect() (blocking
                                      * reads: see interrupt_connect()) */
  GCancellable  *io_cancel;          /* cancels resolving the host (quit) */
  AtrRdpTarget  *route;              /* the endpoints actually tried (set by the thread
                                      * before the first state message naming one) */
  char          *username;           /* wiped and freed once handed to FreeRDP */
  char          *domain;
  char          *password;
  AnswerState    credentials_answer;
  gboolean       credentials_given;
  AnswerState    certificate_answer;
  gboolean       certificate_accept;
  gint64         started_us;         /* set before the thread starts */
  AtrRdpTimings  timings;
  char         **channel_names;      /* static channels announced (PostConnect) */
};

static void
wipe_string (char **str)
{
  if (*str != NULL)
    {
      explicit_bzero (*str, strlen (*str));
      g_clear_pointer (str, g_free);
    }
}

/* Lock held. */
static void
wipe_credentials_locked (AtrRdpConnection *conn)
{
  wipe_string (&conn->username);
  wipe_string (&conn->domain);
  wipe_string (&conn->password);
}

AtrRdpConnection *
atr_rdp_connection_new (void)
{
  AtrRdpConnection *conn = g_new0 (AtrRdpConnection, 1);

  g_mutex_init (&conn->lock);
  g_cond_init (&conn->cond);
  conn->io_cancel = g_cancellable_new ();
  conn->timings = (AtrRdpTimings) { -1, -1, -1, -1 };
  return conn;
}

void
atr_rdp_connection_free (AtrRdpConnection *conn)
{
  if (conn == NULL)
    return;
  wipe_credentials_locked (conn);
  g_clear_object (&conn->io_cancel);
  g_clear_pointer (&conn->route, atr_rdp_target_unref);
  g_clear_pointer (&conn->channel_names, g_strfreev);
  g_mutex_clear (&conn->lock);
  g_cond_clear (&conn->cond);
  g_free (conn);
}

/* Ends a freerdp_connect() that is waiting for the server. Lock held.
 *
 * FreeRDP 2.11 read the X.224, TLS and CredSSP answers in blocking mode without ever looking
 * at the abort event, so freerdp_abort_connect() alone left a connect to a server that
 * accepts TCP and never answers running for ever (finding 8a: `probe --timeout 3` still
 * running after 100 s; Cancel and gateway failover waited the same way). Shutting the
 * transport's sockets down makes that read fail at once with a transport error. The sockets
 * are found through FreeRDP's public event handles (each wraps the socket's file
 * descriptor); only stream sockets are touched, and only while the thread is inside
 * freerdp_connect() with `instance` set, i.e. before it frees the transport (it clears both
 * under the lock first). FreeRDP 3 checks the abort event in that loop; the shutdown stays
 * harmless there. */
static void
interrupt_connect (AtrRdpConnection *conn)
{
  HANDLE events[MAXIMUM_WAIT_OBJECTS];
  DWORD n;

  if (conn->instance == NULL || !conn->in_connect || conn->instance->context == NULL)
    return;

  freerdp_abort_connect_context (conn->instance->context);
  n = freerdp_get_event_handles (conn->instance->context, events, G_N_ELEMENTS (events));
  for (DWORD i = 0; i < n && i < G_N_ELEMENTS (events); i++)
    {
      int fd = GetEventFileDescriptor (events[i]);
      int type = 0;
      socklen_t length = sizeof type;

      if (fd >= 0 && getsockopt (fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0 &&
          type == SOCK_STREAM && shutdown (fd, SHUT_RDWR) == 0)
        g_debug ("Interrupted the connection attempt");
    }
}

/* Any thread: aborts FreeRDP, interrupts a connect, cancels resolving and releases every
 * wait for an answer. The caller wakes the event loop. */
void
atr_rdp_connection_quit (AtrRdpConnection *conn)
{
  g_mutex_lock (&conn->lock);
  conn->quit = TRUE;
  if (conn->instance != NULL)
    freerdp_abort_connect_context (conn->instance->context);
  interrupt_connect (conn);
  g_cancellable_cancel (conn->io_cancel);
  g_cond_broadcast (&conn->cond);
  g_mutex_unlock (&conn->lock);
}

gboolean
atr_rdp_connection_is_quitting (AtrRdpConnection *conn)
{
  gboolean quit;

  g_mutex_lock (&conn->lock);
  quit = conn->quit;
  g_mutex_unlock (&conn->lock);
  return quit;
}

/* Cancelled by quit(); for resolving the host. */
GCancellable *
atr_rdp_connection_get_io_cancel (AtrRdpConnection *conn)
{
  return conn->io_cancel;
}

void
atr_rdp_connection_set_credentials (AtrRdpConnection *conn,
                                    const char       *username,
                                    const char       *domain,
                                    const char       *password)
{
  g_mutex_lock (&conn->lock);
  wipe_credentials_locked (conn);
  conn->username = g_strdup (username);
  conn->domain = g_strdup (domain);
  conn->password = g_strdup (password);
  g_mutex_unlock (&conn->lock);
}

/* Any thread: the answer to a pending credentials question (@username %NULL refuses);
 * ignored when none is pending. */
void
atr_rdp_connection_answer_credentials (AtrRdpConnection *conn,
                                       const char       *username,
                                       const char       *domain,
                                       const char       *password)
{
  g_mutex_lock (&conn->lock);
  if (conn->credentials_answer == ANSWER_PENDING)
    {
      wipe_credentials_locked (conn);
      conn->credentials_given = username != NULL;
      if (username != NULL)
        {
          conn->username = g_strdup (username);
          conn->domain = g_strdup (domain);
          conn->password = g_strdup (password != NULL ? password : "");
        }
      conn->credentials_answer = ANSWER_GIVEN;
      g_cond_broadcast (&conn->cond);
    }
  g_mutex_unlock (&conn->lock);
}

void
atr_rdp_connection_answer_certificate (AtrRdpConnection *conn,
                                       gboolean          accept)
{
  g_mutex_lock (&conn->lock);
  if (conn->certificate_answer == ANSWER_PENDING)
    {
      conn->certificate_accept = !!accept;
      conn->certificate_answer = ANSWER_GIVEN;
      g_cond_broadcast (&conn->cond);
    }
  g_mutex_unlock (&conn->lock);
}

void
atr_rdp_connection_get_timings (AtrRdpConnection *conn,
                                AtrRdpTimings    *timings)
{
  g_mutex_lock (&conn->lock);
  *timings = conn->timings;
  g_mutex_unlock (&conn->lock);
}

char **
atr_rdp_connection_dup_channel_names (AtrRdpConnection *conn)
{
  char **names;

  g_mutex_lock (&conn->lock);
  names = conn->channel_names != NULL ? g_strdupv (conn->channel_names) : g_new0 (char *, 1);
  g_mutex_unlock (&conn->lock);
  return names;
}

/* The connect call, before the thread starts: timings count from now. */
void
atr_rdp_connection_start_clock (AtrRdpConnection *conn)
{
  conn->started_us = g_get_monotonic_time ();
}

void
atr_rdp_connection_reset_timings (AtrRdpConnection *conn)
{
  g_mutex_lock (&conn->lock);
  conn->timings = (AtrRdpTimings) { -1, -1, -1, -1 };
  g_mutex_unlock (&conn->lock);
}

static gint64
elapsed_us (AtrRdpConnection *conn)
{
  return g_get_monotonic_time () - conn->started_us;
}

/* The first TCP connection of the attempt (only the first mark counts). */
void
atr_rdp_connection_mark_tcp (AtrRdpConnection *conn)
{
  g_mutex_lock (&conn->lock);
  if (conn->timings.tcp < 0)
    conn->timings.tcp = elapsed_us (conn);
  g_mutex_unlock (&conn->lock);
}

void
atr_rdp_connection_mark_tls (AtrRdpConnection *conn)
{
  g_mutex_lock (&conn->lock);
  conn->timings.tls = elapsed_us (conn);
  g_mutex_unlock (&conn->lock);
}

void
atr_rdp_connection_mark_auth (AtrRdpConnection *conn)
{
  g_mutex_lock (&conn->lock);
  conn->timings.auth = elapsed_us (conn);
  g_mutex_unlock (&conn->lock);
}

/* Returns whether this was the first frame (the only one timed). */
gboolean
atr_rdp_connection_mark_first_frame (AtrRdpConnection *conn)
{
  gboolean first = FALSE;

  g_mutex_lock (&conn->lock);
  if (conn->timings.first_frame < 0)
    {
      conn->timings.first_frame = elapsed_us (conn);
      first = TRUE;
    }
  g_mutex_unlock (&conn->lock);
  return first;
}

/* Session thread, once, before the first state message naming an endpoint; the main
 * context reads it after that message (no lock). */
void
atr_rdp_connection_set_route (AtrRdpConnection *conn,
                              AtrRdpTarget     *route)
{
  g_clear_pointer (&conn->route, atr_rdp_target_unref);
  conn->route = route != NULL ? atr_rdp_target_ref (route) : NULL;
}

AtrRdpTarget *
atr_rdp_connection_get_route (AtrRdpConnection *conn)
{
  return conn->route;
}

/* Session thread: @instance is about to connect (quit() may interrupt it from now on).
 * Returns FALSE when the session is already being ended. */
gboolean
atr_rdp_connection_begin_connect (AtrRdpConnection *conn,
                                  freerdp          *instance)
{
  gboolean quit;

  g_mutex_lock (&conn->lock);
  conn->instance = instance;
  conn->in_connect = TRUE;
  quit = conn->quit;
  g_mutex_unlock (&conn->lock);
  return !quit;
}

/* freerdp_connect() returned: its reads are no longer ours to interrupt. */
void
atr_rdp_connection_end_connect (AtrRdpConnection *conn)
{
  g_mutex_lock (&conn->lock);
  conn->in_connect = FALSE;
  g_mutex_unlock (&conn->lock);
}

/* The attempt is over (before its instance is freed). Returns whether the local side
 * ended it. */
gboolean
atr_rdp_connection_end_attempt (AtrRdpConnection *conn)
{
  gboolean quit;

  g_mutex_lock (&conn->lock);
  conn->instance = NULL;
  quit = conn->quit;
  g_mutex_unlock (&conn->lock);
  return quit;
}

gboolean
atr_rdp_connection_apply_credentials (AtrRdpConnection *conn,
                                      rdpSettings      *settings)
{
  gboolean ok = TRUE;

  g_mutex_lock (&conn->lock);
  if (conn->username != NULL)
    {
      ok &= freerdp_settings_set_string (settings, FreeRDP_Username, conn->username);
      ok &= freerdp_settings_set_string (settings, FreeRDP_Domain, conn->domain);
      ok &= freerdp_settings_set_string (settings, FreeRDP_Password,
                                         conn->password ? conn->password : "");
    }
  g_mutex_unlock (&conn->lock);
  return ok;
}

void
atr_rdp_connection_wipe_credentials (AtrRdpConnection *conn)
{
  g_mutex_lock (&conn->lock);
  wipe_credentials_locked (conn);
  g_mutex_unlock (&conn->lock);
}

/* Session thread: a question is about to go out; pending before it does, so that an
 * immediate answer is not lost. */
void
atr_rdp_connection_ask_credentials (AtrRdpConnection *conn)
{
  g_mutex_lock (&conn->lock);
  conn->credentials_answer = ANSWER_PENDING;
  g_mutex_unlock (&conn->lock);
}

/**
 * atr_rdp_connection_wait_credentials:
 * @username: (inout): FreeRDP's (malloc'd) strings, replaced by the answer when given
 * @quit: (out): whether the session is being ended
 *
 * Session thread: waits for the answer to atr_rdp_connection_ask_credentials() or quit().
 *
 * Returns: whether credentials were given
 */
gboolean
atr_rdp_connection_wait_credentials (AtrRdpConnection  *conn,
                                     char             **username,
                                     char             **password,
                                     char             **domain,
                                     gboolean          *quit)
{
  gboolean given = FALSE;

  g_mutex_lock (&conn->lock);
  while (conn->credentials_answer != ANSWER_GIVEN && !conn->quit)
    g_cond_wait (&conn->cond, &conn->lock);
  if (conn->credentials_answer == ANSWER_GIVEN && conn->credentials_given && !conn->quit)
    {
      free (*username);
      free (*password);
      free (*domain);
      *username = _strdup (conn->username);
      *password = _strdup (conn->password ? conn->password : "");
      *domain = conn->domain ? _strdup (conn->domain) : NULL;
      given = TRUE;
    }
  conn->credentials_answer = ANSWER_NONE;
  *quit = conn->quit;
  g_mutex_unlock (&conn->lock);
  return given;
}

void
atr_rdp_connection_ask_certificate (AtrRdpConnection *conn)
{
  g_mutex_lock (&conn->lock);
  conn->certificate_answer = ANSWER_PENDING;
  g_mutex_unlock (&conn->lock);
}

/* Session thread: waits for the answer to atr_rdp_connection_ask_certificate() or quit();
 * returns whether the certificate was accepted. */
gboolean
atr_rdp_connection_wait_certificate (AtrRdpConnection *conn)
{
  gboolean accept;

  g_mutex_lock (&conn->lock);
  while (conn->certificate_answer != ANSWER_GIVEN && !conn->quit)
    g_cond_wait (&conn->cond, &conn->lock);
  accept = conn->certificate_answer == ANSWER_GIVEN && conn->certificate_accept && !conn->quit;
  conn->certificate_answer = ANSWER_NONE;
  g_mutex_unlock (&conn->lock);
  return accept;
}

/* PostConnect: the static channels announced to the server (@names: transfer full). */
void
atr_rdp_connection_set_channel_names (AtrRdpConnection  *conn,
                                      char             **names)
{
  g_mutex_lock (&conn->lock);
  g_strfreev (conn->channel_names);
  conn->channel_names = names;
  g_mutex_unlock (&conn->lock);
}
