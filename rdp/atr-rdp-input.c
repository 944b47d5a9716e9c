/* atr-rdp-input.c — the session's input part (see atr-rdp-input.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <freerdp/input.h>

#include "atr-rdp-session.h"
#include "atr-rdp-input.h"

struct _AtrRdpInput
{
  GMutex   lock;
  HANDLE   wake_event;   /* borrowed from the session; set when a command is queued */
  gboolean open;         /* commands are taken only between open() and close() */
  GQueue   commands;     /* of AtrRdpCommand*, under `lock` */
};

static guint16
clamp_coord (int v)
{
  return (guint16) CLAMP (v, 0, G_MAXUINT16);
}

AtrRdpCommand
atr_rdp_command_key (guint16  scancode,
                     gboolean extended,
                     gboolean down)
{
  AtrRdpCommand command = { ATR_RDP_COMMAND_KEY, 0, 0, 0, 0 };

  command.code = scancode;
  command.flags = (down ? KBD_FLAGS_DOWN : KBD_FLAGS_RELEASE) |
                  (extended ? KBD_FLAGS_EXTENDED : 0);
  return command;
}

AtrRdpCommand
atr_rdp_command_move (int x,
                      int y)
{
  AtrRdpCommand command = { ATR_RDP_COMMAND_MOUSE, PTR_FLAGS_MOVE, 0, 0, 0 };

  command.x = clamp_coord (x);
  command.y = clamp_coord (y);
  return command;
}

AtrRdpCommand
atr_rdp_command_button (int      x,
                        int      y,
                        guint    button,
                        gboolean down)
{
  AtrRdpCommand command = { ATR_RDP_COMMAND_MOUSE, 0, 0, 0, 0 };

  command.flags = button == ATR_RDP_BUTTON_LEFT ? PTR_FLAGS_BUTTON1
                  : button == ATR_RDP_BUTTON_RIGHT ? PTR_FLAGS_BUTTON2 : PTR_FLAGS_BUTTON3;
  if (down)
    command.flags |= PTR_FLAGS_DOWN;
  command.x = clamp_coord (x);
  command.y = clamp_coord (y);
  return command;
}

/* Returns FALSE (nothing to send) for a zero @delta. */
gboolean
atr_rdp_command_wheel (int            x,
                       int            y,
                       int            delta,
                       gboolean       horizontal,
                       AtrRdpCommand *command)
{
  int magnitude;

  if (delta == 0)
    return FALSE;
  *command = (AtrRdpCommand) { ATR_RDP_COMMAND_MOUSE, 0, 0, 0, 0 };
  magnitude = MIN (ABS (delta), 0xFF);
  command->flags = horizontal ? PTR_FLAGS_HWHEEL : PTR_FLAGS_WHEEL;
  if (delta < 0)
    command->flags |= PTR_FLAGS_WHEEL_NEGATIVE | (guint16) ((0x100 - magnitude) & 0xFF);
  else
    command->flags |= (guint16) magnitude;
  command->x = clamp_coord (x);
  command->y = clamp_coord (y);
  return TRUE;
}

/**
 * atr_rdp_input_new:
 * @wake_event: (nullable): the event to set when a command is queued (not owned)
 *
 * Returns: a closed queue: nothing is taken before atr_rdp_input_open()
 */
AtrRdpInput *
atr_rdp_input_new (HANDLE wake_event)
{
  AtrRdpInput *input = g_new0 (AtrRdpInput, 1);

  g_mutex_init (&input->lock);
  g_queue_init (&input->commands);
  input->wake_event = wake_event;
  return input;
}

void
atr_rdp_input_free (AtrRdpInput *input)
{
  if (input == NULL)
    return;
  g_queue_clear_full (&input->commands, g_free);
  g_mutex_clear (&input->lock);
  g_free (input);
}

/* The session started: commands are queued from now on. */
void
atr_rdp_input_open (AtrRdpInput *input)
{
  g_mutex_lock (&input->lock);
  input->open = TRUE;
  g_mutex_unlock (&input->lock);
}

/* The session is ending: what is queued is dropped and nothing more is taken. */
void
atr_rdp_input_close (AtrRdpInput *input)
{
  g_mutex_lock (&input->lock);
  input->open = FALSE;
  g_queue_clear_full (&input->commands, g_free);
  g_mutex_unlock (&input->lock);
}

/* Any thread. Returns whether @command was queued (FALSE while closed). */
gboolean
atr_rdp_input_push (AtrRdpInput         *input,
                    const AtrRdpCommand *command)
{
  gboolean queued;

  g_mutex_lock (&input->lock);
  queued = input->open;
  if (queued)
    {
      g_queue_push_tail (&input->commands, g_memdup2 (command, sizeof *command));
      if (input->wake_event != NULL)
        SetEvent (input->wake_event);
    }
  g_mutex_unlock (&input->lock);
  return queued;
}

/* Session thread: moves every queued command, oldest first, to the end of @commands. */
void
atr_rdp_input_take (AtrRdpInput *input,
                    GQueue      *commands)
{
  AtrRdpCommand *command;

  g_mutex_lock (&input->lock);
  while ((command = g_queue_pop_head (&input->commands)) != NULL)
    g_queue_push_tail (commands, command);
  g_mutex_unlock (&input->lock);
}

/* Session thread, between connections (reconnect back-off): input meanwhile is dropped. */
void
atr_rdp_input_drop (AtrRdpInput *input)
{
  g_mutex_lock (&input->lock);
  g_queue_clear_full (&input->commands, g_free);
  g_mutex_unlock (&input->lock);
}

/* Session thread: sends and frees @commands. */
void
atr_rdp_input_send (GQueue   *commands,
                    rdpInput *rdp_input)
{
  AtrRdpCommand *command;

  while ((command = g_queue_pop_head (commands)) != NULL)
    {
      if (command->kind == ATR_RDP_COMMAND_KEY)
        freerdp_input_send_keyboard_event (rdp_input, command->flags, command->code);
      else
        freerdp_input_send_mouse_event (rdp_input, command->flags, command->x, command->y);
      g_free (command);
    }
}
