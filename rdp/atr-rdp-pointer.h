/* atr-rdp-pointer.h — a server pointer shape: BGRA pixels and a hotspot, or hidden/default
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Largest pointer accepted (MS-RDPBCGR allows 384x384 for large pointers). */
#define ATR_RDP_POINTER_MAX_SIZE 384

/**
 * AtrRdpPointerKind:
 * @ATR_RDP_POINTER_DEFAULT: the system's own arrow
 * @ATR_RDP_POINTER_HIDDEN: no pointer at all (the server draws its own, or hides it)
 * @ATR_RDP_POINTER_IMAGE: the server's image
 */
typedef enum
{
  ATR_RDP_POINTER_DEFAULT,
  ATR_RDP_POINTER_HIDDEN,
  ATR_RDP_POINTER_IMAGE,
} AtrRdpPointerKind;

typedef struct _AtrRdpPointer AtrRdpPointer;

GType              atr_rdp_pointer_get_type        (void) G_GNUC_CONST;
#define ATR_TYPE_RDP_POINTER (atr_rdp_pointer_get_type ())

AtrRdpPointer     *atr_rdp_pointer_new             (AtrRdpPointerKind    kind);
AtrRdpPointer     *atr_rdp_pointer_new_from_masks  (guint                width,
                                                    guint                height,
                                                    guint                hotspot_x,
                                                    guint                hotspot_y,
                                                    guint                xor_bpp,
                                                    const guint8        *xor_mask,
                                                    gsize                xor_length,
                                                    const guint8        *and_mask,
                                                    gsize                and_length,
                                                    GError             **error);
AtrRdpPointer     *atr_rdp_pointer_ref             (AtrRdpPointer       *pointer);
void               atr_rdp_pointer_unref           (AtrRdpPointer       *pointer);

AtrRdpPointerKind  atr_rdp_pointer_get_kind        (const AtrRdpPointer *pointer);
guint              atr_rdp_pointer_get_width       (const AtrRdpPointer *pointer);
guint              atr_rdp_pointer_get_height      (const AtrRdpPointer *pointer);
void               atr_rdp_pointer_get_hotspot     (const AtrRdpPointer *pointer,
                                                    guint               *x,
                                                    guint               *y);
GBytes            *atr_rdp_pointer_get_pixels      (const AtrRdpPointer *pointer,
                                                    gsize               *stride);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtrRdpPointer, atr_rdp_pointer_unref)

G_END_DECLS
