/* atr-rdp-session-events.c — messages from the session thread to the main context
 *
 * The session thread never touches GObject state that the main context reads: it posts one
 * of these messages as an idle source and the handler below applies it on
 * the caller's main context (notify, signals, completing the connect task).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "atr-rdp-session-private.h"

typedef enum
{
  MESSAGE_STATE,
  MESSAGE_CERTIFICATE,
  MESSAGE_CREDENTIALS,
  MESSAGE_CONNECTED,
  MESSAGE_FRAME,
  MESSAGE_DISPLAY_CONTROL,
  MESSAGE_DESKTOP_SIZE,
  MESSAGE_POINTER,
  MESSAGE_FINISHED,
} MessageKind;

typedef struct
{
  AtrRdpSession     *self;
  MessageKind        kind;
  AtrRdpState        state;
  int                endpoint_index;
  AtrRdpCertificate *certificate;
  AtrRdpPointer     *pointer;
  gboolean           flag;   /* ask (CERTIFICATE), gateway (CREDENTIALS), available
                              * (DISPLAY_CONTROL) */
  guint              width;  /* DESKTOP_SIZE */
  guint              height;
  char              *host;
  GError            *error;
} Message;

static void
message_free (gpointer data)
{
  Message *message = data;

  g_clear_object (&message->self);
  g_clear_pointer (&message->certificate, atr_rdp_certificate_unref);
  g_clear_pointer (&message->pointer, atr_rdp_pointer_unref);
  g_clear_pointer (&message->host, g_free);
  g_clear_error (&message->error);
  g_free (message);
}

static void
set_state (AtrRdpSession *self,
           AtrRdpState    state)
{
  if (self->state == state)
    return;
  self->state = state;
  g_object_notify (G_OBJECT (self), "state");
}

/* Emits desktop-resized when the framebuffer's size is not the one last announced. Sizes
 * are read from the framebuffer itself, so that a listener always hears of a size before a
 * frame of it, and never a size older than the buffer. */
static void
announce_size (AtrRdpSession *self,
               guint          width,
               guint          height)
{
  if (atr_rdp_display_announce_size (self->display, width, height))
    g_signal_emit_by_name (self, "desktop-resized", width, height);
}

/* Reports the damage posted so far, once the session is connected: the framebuffer
 * PostConnect (or a graphics reset) fills before that is held back (the framebuffer part's
 * frame stays in flight, so later damage coalesces), and MESSAGE_CONNECTED reports it. A
 * listener thus never paints a frame its window does not show yet; test-session-window once
 * read the layout of the "Connecting…" page that way. Then the graphics part hears that the
 * UI took it (its frame acknowledgements wait for that). */
static void
emit_frame (AtrRdpSession *self)
{
  g_autoptr(GArray) damage = NULL;
  guint width, height;

  if (self->state != ATR_RDP_STATE_CONNECTED)
    {
      atr_rdp_framebuffer_get_size (self->framebuffer, &width, &height);
      announce_size (self, width, height);
      return;
    }
  damage = atr_rdp_framebuffer_take_damage (self->framebuffer, &width, &height);

  announce_size (self, width, height);
  if (damage->len > 0)
    {
      self->frame_emitted_us = g_get_monotonic_time ();   /* for pace_frame() */
      g_signal_emit_by_name (self, "frame-updated", damage->data, damage->len);
    }
  atr_rdp_graphics_frame_taken (self->graphics);
}

/* frame-updated runs at most once per FRAME_INTERVAL_US: on the legacy path a server sends a
 * picture as many bitmap updates, each its own EndPaint (freerdp-shadow-cli3: ~500 a second
 * for ~17 pictures), and every emission costs a main-loop dispatch and rebuilds the tiles it
 * touches. In between, the framebuffer part's frame stays in flight, so the session thread
 * adds its damage to the waiting frame. 16 ms: a 60 Hz display shows no more. */
#define FRAME_INTERVAL_US 16000

static gboolean
emit_frame_later_cb (gpointer data)
{
  AtrRdpSession *self = data;

  g_clear_pointer (&self->frame_later, g_source_unref);
  emit_frame (self);
  return G_SOURCE_REMOVE;
}

static void
pace_frame (AtrRdpSession *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 due = self->frame_emitted_us + FRAME_INTERVAL_US;

  if (self->frame_later != NULL)
    return;
  if (self->frame_emitted_us != 0 && now < due)
    {
      self->frame_later = g_timeout_source_new ((guint) ((due - now + 999) / 1000));
      g_source_set_callback (self->frame_later, emit_frame_later_cb, self, NULL);
      g_source_set_static_name (self->frame_later, "[atrium] rdp paced frame");
      g_source_attach (self->frame_later, self->main_context);
      return;
    }
  emit_frame (self);
}

/* Main thread: drops a paced emission (the session ends, or goes). */
void
_atr_rdp_session_cancel_paced_frame (AtrRdpSession *self)
{
  if (self->frame_later == NULL)
    return;
  g_source_destroy (self->frame_later);
  g_clear_pointer (&self->frame_later, g_source_unref);
}

static void
finish (AtrRdpSession *self,
        GError        *error)
{
  g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);

  if (self->thread != NULL)
    g_clear_pointer (&self->thread, g_thread_join);
  if (self->cancellable != NULL)
    {
      g_cancellable_disconnect (self->cancellable, self->cancelled_id);
      self->cancelled_id = 0;
      g_clear_object (&self->cancellable);
    }

  g_clear_error (&self->disconnect_error);
  if (error != NULL && !g_error_matches (error, ATR_RDP_ERROR, ATR_RDP_ERROR_CANCELLED))
    self->disconnect_error = g_error_copy (error);   /* NULL: the local side ended it */

  if (task != NULL)
    {
      if (g_task_return_error_if_cancelled (task))
        ;
      else if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_new_error (task, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                                 _("The session to %s ended while connecting"),
                                 atr_rdp_target_get_host (self->target));
    }

  _atr_rdp_session_cancel_paced_frame (self);
  emit_frame (self);
  set_state (self, ATR_RDP_STATE_DISCONNECTED);
}

static gboolean
dispatch (gpointer data)
{
  Message *message = data;
  AtrRdpSession *self = message->self;

  switch (message->kind)
    {
    case MESSAGE_STATE:
      if (message->endpoint_index >= 0)
        self->endpoint_index = message->endpoint_index;
      set_state (self, message->state);
      break;

    case MESSAGE_CERTIFICATE:
      g_clear_pointer (&self->certificate, atr_rdp_certificate_unref);
      self->certificate = atr_rdp_certificate_ref (message->certificate);
      g_object_notify (G_OBJECT (self), "certificate");
      if (message->flag)
        {
          if (g_signal_has_handler_pending (self, g_signal_lookup ("certificate-rejected",
                                                                   ATR_TYPE_RDP_SESSION),
                                            0, TRUE))
            g_signal_emit_by_name (self, "certificate-rejected", message->certificate);
          else
            atr_rdp_session_answer_certificate (self, FALSE);
        }
      break;

    case MESSAGE_CREDENTIALS:
      if (g_signal_has_handler_pending (self, g_signal_lookup ("credentials-requested",
                                                               ATR_TYPE_RDP_SESSION),
                                        0, TRUE))
        g_signal_emit_by_name (self, "credentials-requested", message->flag, message->host);
      else
        atr_rdp_session_answer_credentials (self, NULL, NULL, NULL);
      break;

    case MESSAGE_CONNECTED:
      set_state (self, ATR_RDP_STATE_CONNECTED);
      emit_frame (self);   /* what was drawn while connecting */
      if (self->connect_task != NULL)
        {
          g_autoptr(GTask) task = g_steal_pointer (&self->connect_task);
          g_task_return_boolean (task, TRUE);
        }
      break;

    case MESSAGE_FRAME:
      pace_frame (self);
      break;

    case MESSAGE_DISPLAY_CONTROL:
      if (atr_rdp_display_set_available (self->display, message->flag))
        g_object_notify (G_OBJECT (self), "display-control");
      break;

    case MESSAGE_DESKTOP_SIZE:
      {
        guint width, height;

        atr_rdp_framebuffer_get_size (self->framebuffer, &width, &height);
        announce_size (self, width, height);
      }
      break;

    case MESSAGE_POINTER:
      g_clear_pointer (&self->pointer, atr_rdp_pointer_unref);
      self->pointer = atr_rdp_pointer_ref (message->pointer);
      g_signal_emit_by_name (self, "pointer-changed", message->pointer);
      break;

    case MESSAGE_FINISHED:
      if (atr_rdp_display_set_available (self->display, FALSE))
        g_object_notify (G_OBJECT (self), "display-control");
      finish (self, message->error);
      break;

    default:
      g_assert_not_reached ();
    }

  return G_SOURCE_REMOVE;
}

static void
post (AtrRdpSession *self,
      Message       *message)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  /* Never g_main_context_invoke(): when nobody owns the context at that instant it runs the
   * handler right here on the session thread. */
  message->self = g_object_ref (self);
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, dispatch, message, message_free);
  g_source_set_static_name (source, "[atrium] rdp session message");
  g_source_attach (source, self->main_context);
}

void
_atr_rdp_session_post_state (AtrRdpSession *self,
                             AtrRdpState    state,
                             int            endpoint_index)
{
  Message *message = g_new0 (Message, 1);

  message->kind = MESSAGE_STATE;
  message->state = state;
  message->endpoint_index = endpoint_index;
  post (self, message);
}

void
_atr_rdp_session_post_certificate (AtrRdpSession     *self,
                                   AtrRdpCertificate *certificate,
                                   gboolean           ask)
{
  Message *message = g_new0 (Message, 1);

  message->kind = MESSAGE_CERTIFICATE;
  message->certificate = atr_rdp_certificate_ref (certificate);
  message->flag = ask;
  post (self, message);
}

void
_atr_rdp_session_post_credentials (AtrRdpSession *self,
                                   gboolean       gateway,
                                   const char    *host)
{
  Message *message = g_new0 (Message, 1);

  message->kind = MESSAGE_CREDENTIALS;
  message->flag = gateway;
  message->host = g_strdup (host);
  post (self, message);
}

void
_atr_rdp_session_post_connected (AtrRdpSession *self)
{
  Message *message = g_new0 (Message, 1);

  message->kind = MESSAGE_CONNECTED;
  post (self, message);
}

/* When the framebuffer part says so: at most one frame message is in flight; damage
 * accumulates in the part meanwhile. */
void
_atr_rdp_session_post_frame (AtrRdpSession *self)
{
  Message *message = g_new0 (Message, 1);


  message->kind = MESSAGE_FRAME;
  post (self, message);
}

void
_atr_rdp_session_post_display_control (AtrRdpSession *self,
                                       gboolean       available)
{
  Message *message = g_new0 (Message, 1);

  message->kind = MESSAGE_DISPLAY_CONTROL;
  message->flag = available;
  post (self, message);
}

/* The framebuffer was reallocated: announce its size even if no frame follows soon. */
void
_atr_rdp_session_post_desktop_size (AtrRdpSession *self,
                                    guint          width,
                                    guint          height)
{
  Message *message = g_new0 (Message, 1);

  message->kind = MESSAGE_DESKTOP_SIZE;
  message->width = width;
  message->height = height;
  post (self, message);
}

void
_atr_rdp_session_post_pointer (AtrRdpSession *self,
                               AtrRdpPointer *pointer)
{
  Message *message = g_new0 (Message, 1);

  message->kind = MESSAGE_POINTER;
  message->pointer = atr_rdp_pointer_ref (pointer);
  post (self, message);
}

static gboolean
emit_remote_text (gpointer data)
{
  gpointer *pair = data;

  g_signal_emit_by_name (pair[0], "remote-text", (const char *) pair[1]);
  return G_SOURCE_REMOVE;
}

static void
free_remote_text (gpointer data)
{
  gpointer *pair = data;

  g_object_unref (pair[0]);
  g_free (pair[1]);
  g_free (pair);
}

/* @text: (transfer full): the server's clipboard text, for AtrRdpSession::remote-text (at
 * idle priority, after the session's own messages). */
void
_atr_rdp_session_post_remote_text (AtrRdpSession *self,
                                   char          *text)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  gpointer *pair = g_new (gpointer, 2);

  pair[0] = g_object_ref (self);
  pair[1] = text;
  g_source_set_callback (source, emit_remote_text, pair, free_remote_text);
  g_source_set_static_name (source, "[atrium] rdp remote clipboard text");
  g_source_attach (source, self->main_context);
}

/**
 * _atr_rdp_session_post_finished:
 * @error: (transfer full) (nullable): why the session ended
 *
 * The thread's last message: the handler joins the thread and drops its reference.
 */
void
_atr_rdp_session_post_finished (AtrRdpSession *self,
                                GError        *error)
{
  Message *message = g_new0 (Message, 1);

  message->kind = MESSAGE_FINISHED;
  message->error = error;
  post (self, message);
}
