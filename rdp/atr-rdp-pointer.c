/* atr-rdp-pointer.c — a server pointer shape: BGRA pixels and a hotspot, or hidden/default
 *
 * Servers send pointers as an XOR mask (1, 8, 16, 24 or 32 bpp, rows bottom-up) plus a
 * 1 bpp AND mask; FreeRDP's freerdp_image_copy_from_pointer_data() turns both into 32-bit
 * pixels with alpha (transparent where AND is set and XOR is 0). The result here is straight
 * (not premultiplied) B, G, R, A bytes, top row first: what GDK_MEMORY_B8G8R8A8 means.
 * Mask lengths are checked against the size before FreeRDP reads them, so a hostile pointer
 * PDU is an error, not an over-read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-rdp"

#include "config.h"

#include <freerdp/codec/color.h>

#include "atr-rdp-error.h"
#include "atr-rdp-pointer.h"

struct _AtrRdpPointer
{
  gatomicrefcount   ref_count;
  AtrRdpPointerKind kind;
  guint             width;
  guint             height;
  guint             hotspot_x;
  guint             hotspot_y;
  GBytes           *pixels;   /* IMAGE only */
};

G_DEFINE_BOXED_TYPE (AtrRdpPointer, atr_rdp_pointer, atr_rdp_pointer_ref, atr_rdp_pointer_unref)

/**
 * atr_rdp_pointer_new:
 * @kind: %ATR_RDP_POINTER_DEFAULT or %ATR_RDP_POINTER_HIDDEN
 *
 * Returns: (transfer full): a pointer without an image
 */
AtrRdpPointer *
atr_rdp_pointer_new (AtrRdpPointerKind kind)
{
  AtrRdpPointer *self;

  g_return_val_if_fail (kind == ATR_RDP_POINTER_DEFAULT || kind == ATR_RDP_POINTER_HIDDEN, NULL);

  self = g_new0 (AtrRdpPointer, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kind = kind;
  return self;
}

/* Bytes per row of a mask of @bpp bits per pixel: rows are padded to 2 bytes. */
static gsize
mask_stride (guint width,
             guint bpp)
{
  return (((gsize) width * bpp + 15) / 16) * 2;
}

/**
 * atr_rdp_pointer_new_from_masks:
 * @xor_bpp: bits per pixel of @xor_mask: 1, 8, 16, 24 or 32
 * @xor_mask: (array length=xor_length): the XOR (colour) mask, bottom-up
 * @and_mask: (array length=and_length) (nullable): the 1 bpp AND mask, bottom-up
 *
 * Returns: (transfer full): an %ATR_RDP_POINTER_IMAGE, or %NULL with %ATR_RDP_ERROR_FAILED
 *   naming what is wrong (size, hotspot, bpp, short masks)
 */
AtrRdpPointer *
atr_rdp_pointer_new_from_masks (guint          width,
                                guint          height,
                                guint          hotspot_x,
                                guint          hotspot_y,
                                guint          xor_bpp,
                                const guint8  *xor_mask,
                                gsize          xor_length,
                                const guint8  *and_mask,
                                gsize          and_length,
                                GError       **error)
{
  AtrRdpPointer *self;
  guint8 *pixels;
  gsize stride;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (width == 0 || height == 0 || width > ATR_RDP_POINTER_MAX_SIZE ||
      height > ATR_RDP_POINTER_MAX_SIZE)
    {
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   "Pointer size %ux%u is outside 1..%u", width, height,
                   ATR_RDP_POINTER_MAX_SIZE);
      return NULL;
    }
  if (hotspot_x >= width || hotspot_y >= height)
    {
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   "Pointer hotspot %u,%u is outside its %ux%u image", hotspot_x, hotspot_y,
                   width, height);
      return NULL;
    }
  if (xor_bpp != 1 && xor_bpp != 8 && xor_bpp != 16 && xor_bpp != 24 && xor_bpp != 32)
    {
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   "Pointer XOR mask has %u bits per pixel", xor_bpp);
      return NULL;
    }
  if (xor_bpp == 8)
    {
      /* 8 bpp needs the session palette, which servers practically never use for pointers */
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   "Pointer XOR mask has 8 bits per pixel (palette pointers are not supported)");
      return NULL;
    }
  if (xor_mask == NULL || xor_length < mask_stride (width, xor_bpp) * height)
    {
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   "Pointer XOR mask is %" G_GSIZE_FORMAT " bytes, %ux%u at %u bpp needs %"
                   G_GSIZE_FORMAT, xor_length, width, height, xor_bpp,
                   mask_stride (width, xor_bpp) * height);
      return NULL;
    }
  if (and_mask != NULL && and_length < mask_stride (width, 1) * height)
    {
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   "Pointer AND mask is %" G_GSIZE_FORMAT " bytes, %ux%u needs %" G_GSIZE_FORMAT,
                   and_length, width, height, mask_stride (width, 1) * height);
      return NULL;
    }

  stride = (gsize) width * 4;
  pixels = g_malloc0 (stride * height);
  if (!freerdp_image_copy_from_pointer_data (pixels, PIXEL_FORMAT_BGRA32, (UINT32) stride, 0, 0,
                                             width, height, xor_mask, (UINT32) xor_length,
                                             and_mask, and_mask ? (UINT32) and_length : 0,
                                             xor_bpp, NULL))
    {
      g_free (pixels);
      g_set_error (error, ATR_RDP_ERROR, ATR_RDP_ERROR_FAILED,
                   "FreeRDP could not convert a %ux%u pointer at %u bpp", width, height,
                   xor_bpp);
      return NULL;
    }

  self = g_new0 (AtrRdpPointer, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->kind = ATR_RDP_POINTER_IMAGE;
  self->width = width;
  self->height = height;
  self->hotspot_x = hotspot_x;
  self->hotspot_y = hotspot_y;
  self->pixels = g_bytes_new_take (pixels, stride * height);
  return self;
}

AtrRdpPointer *
atr_rdp_pointer_ref (AtrRdpPointer *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
atr_rdp_pointer_unref (AtrRdpPointer *self)
{
  g_return_if_fail (self != NULL);
  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_clear_pointer (&self->pixels, g_bytes_unref);
      g_free (self);
    }
}

AtrRdpPointerKind
atr_rdp_pointer_get_kind (const AtrRdpPointer *self)
{
  g_return_val_if_fail (self != NULL, ATR_RDP_POINTER_DEFAULT);
  return self->kind;
}

guint
atr_rdp_pointer_get_width (const AtrRdpPointer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->width;
}

guint
atr_rdp_pointer_get_height (const AtrRdpPointer *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->height;
}

void
atr_rdp_pointer_get_hotspot (const AtrRdpPointer *self,
                             guint               *x,
                             guint               *y)
{
  g_return_if_fail (self != NULL);
  if (x != NULL)
    *x = self->hotspot_x;
  if (y != NULL)
    *y = self->hotspot_y;
}

/**
 * atr_rdp_pointer_get_pixels:
 * @stride: (out) (optional): bytes per row (4 × width)
 *
 * Returns: (transfer none) (nullable): straight-alpha B, G, R, A bytes, top row first;
 *   %NULL unless the kind is %ATR_RDP_POINTER_IMAGE
 */
GBytes *
atr_rdp_pointer_get_pixels (const AtrRdpPointer *self,
                            gsize               *stride)
{
  g_return_val_if_fail (self != NULL, NULL);
  if (stride != NULL)
    *stride = (gsize) self->width * 4;
  return self->pixels;
}
