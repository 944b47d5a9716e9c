/* atr-rdp-session-pointer.c — the server's pointer shapes, on the session thread
 *
 * FreeRDP calls Pointer_New when the server defines a shape (cached by index) and
 * Pointer_Set when it shows one; we convert at New (AtrRdpPointer, straight BGRA) and post
 * the shape at Set. SetNull hides the pointer, SetDefault asks for the system arrow. The
 * server moving the pointer (SetPosition) cannot be followed: GTK 4 does not warp pointers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <freerdp/graphics.h>

#include "atr-rdp-session-private.h"

typedef struct
{
  rdpPointer     pointer;   /* must be first: FreeRDP allocates `size` bytes */
  AtrRdpPointer *image;     /* NULL when the shape was refused */
} AtrPointerGlue;

static BOOL
pointer_new_cb (rdpContext *context,
                rdpPointer *pointer)
{
  AtrPointerGlue *glue = (AtrPointerGlue *) pointer;
  g_autoptr(GError) error = NULL;

  glue->image = atr_rdp_pointer_new_from_masks (pointer->width, pointer->height,
                                                pointer->xPos, pointer->yPos, pointer->xorBpp,
                                                pointer->xorMaskData, pointer->lengthXorMask,
                                                pointer->andMaskData, pointer->lengthAndMask,
                                                &error);
  if (glue->image == NULL)
    g_debug ("Ignoring a pointer from %s: %s",
             atr_rdp_target_get_host (((AtrRdpContext *) context)->session->target),
             error->message);
  return TRUE;   /* a bad shape is not worth ending the session for */
}

static void
pointer_free_cb (rdpContext *context,
                 rdpPointer *pointer)
{
  g_clear_pointer (&((AtrPointerGlue *) pointer)->image, atr_rdp_pointer_unref);
}

static BOOL
pointer_set_cb (rdpContext *context,
                rdpPointer *pointer)
{
  const AtrPointerGlue *glue = (const AtrPointerGlue *) pointer;
  AtrRdpSession *self = ((AtrRdpContext *) context)->session;

  if (glue->image != NULL)
    _atr_rdp_session_post_pointer (self, glue->image);
  else
    {
      g_autoptr(AtrRdpPointer) fallback = atr_rdp_pointer_new (ATR_RDP_POINTER_DEFAULT);
      _atr_rdp_session_post_pointer (self, fallback);
    }
  return TRUE;
}

static BOOL
pointer_set_null_cb (rdpContext *context)
{
  g_autoptr(AtrRdpPointer) hidden = atr_rdp_pointer_new (ATR_RDP_POINTER_HIDDEN);

  _atr_rdp_session_post_pointer (((AtrRdpContext *) context)->session, hidden);
  return TRUE;
}

static BOOL
pointer_set_default_cb (rdpContext *context)
{
  g_autoptr(AtrRdpPointer) arrow = atr_rdp_pointer_new (ATR_RDP_POINTER_DEFAULT);

  _atr_rdp_session_post_pointer (((AtrRdpContext *) context)->session, arrow);
  return TRUE;
}

static BOOL
pointer_set_position_cb (rdpContext *context,
                         UINT32      x,
                         UINT32      y)
{
  g_debug ("The server moved the pointer to %u,%u (not followed)", x, y);
  return TRUE;
}

/**
 * _atr_rdp_session_register_pointer:
 *
 * PostConnect, after gdi_init(): our pointer class replaces none of the GDI's.
 */
void
_atr_rdp_session_register_pointer (rdpContext *context)
{
  rdpPointer pointer = { 0 };

  pointer.size = sizeof (AtrPointerGlue);
  pointer.New = pointer_new_cb;
  pointer.Free = pointer_free_cb;
  pointer.Set = pointer_set_cb;
  pointer.SetNull = pointer_set_null_cb;
  pointer.SetDefault = pointer_set_default_cb;
  pointer.SetPosition = pointer_set_position_cb;
  graphics_register_pointer (context->graphics, &pointer);
}

/**
 * atr_rdp_session_get_pointer:
 *
 * Returns: (transfer none) (nullable): the server's current pointer (main context), %NULL
 *   before it sent one
 */
AtrRdpPointer *
atr_rdp_session_get_pointer (AtrRdpSession *self)
{
  g_return_val_if_fail (ATR_IS_RDP_SESSION (self), NULL);
  return self->pointer;
}
