/* atr-rdp-input.h — the session's input part: keys and mouse, queued for the session thread
 *
 * Part of the session engine (rdp/ only). Any thread queues commands while the session is
 * open; the session thread takes them all on each turn of its event loop and sends them
 * through FreeRDP. The queue has its own lock; the wake event (the session's, borrowed) tells
 * the thread that something is queued.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <freerdp/input.h>
#include <glib.h>
#include <winpr/synch.h>

G_BEGIN_DECLS

typedef enum
{
  ATR_RDP_COMMAND_KEY,
  ATR_RDP_COMMAND_MOUSE,
} AtrRdpCommandKind;

/* One input event, already in RDP's terms (flags as freerdp_input_send_*_event() takes them). */
typedef struct
{
  AtrRdpCommandKind kind;
  guint16           flags;
  guint16           code;   /* scancode (KEY) */
  guint16           x;      /* MOUSE */
  guint16           y;
} AtrRdpCommand;

typedef struct _AtrRdpInput AtrRdpInput;

/* The commands for what the public API takes (pure). */
AtrRdpCommand  atr_rdp_command_key    (guint16        scancode,
                                       gboolean       extended,
                                       gboolean       down);
AtrRdpCommand  atr_rdp_command_move   (int            x,
                                       int            y);
AtrRdpCommand  atr_rdp_command_button (int            x,
                                       int            y,
                                       guint          button,
                                       gboolean       down);
gboolean       atr_rdp_command_wheel  (int            x,
                                       int            y,
                                       int            delta,
                                       gboolean       horizontal,
                                       AtrRdpCommand *command);

AtrRdpInput   *atr_rdp_input_new      (HANDLE         wake_event);
void           atr_rdp_input_free     (AtrRdpInput   *input);
void           atr_rdp_input_open     (AtrRdpInput   *input);
void           atr_rdp_input_close    (AtrRdpInput   *input);
gboolean       atr_rdp_input_push     (AtrRdpInput   *input,
                                       const AtrRdpCommand *command);
void           atr_rdp_input_take     (AtrRdpInput   *input,
                                       GQueue        *commands);
void           atr_rdp_input_drop     (AtrRdpInput   *input);
void           atr_rdp_input_send     (GQueue        *commands,
                                       rdpInput      *rdp_input);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrRdpInput, atr_rdp_input_free)

G_END_DECLS
