/* atr-renderer.h — GTK's GL renderer on a real GPU, cairo on software GL, chosen by looking
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  ATR_RENDERER_GTK_DEFAULT,   /* leave GTK's own choice (GL) */
  ATR_RENDERER_CAIRO,
} AtrRendererChoice;

gboolean          atr_renderer_is_software_gl      (const char *gl_renderer);
AtrRendererChoice atr_renderer_choose              (const char *gl_renderer);
const char       *atr_renderer_choice_to_string    (AtrRendererChoice choice);

gboolean          atr_renderer_has_gpu_device      (const char *dev_dir);

char             *atr_renderer_probe_gl            (GdkDisplay *display,
                                                    GError    **error);

gboolean          atr_renderer_apply_early         (const char *dev_dir);
AtrRendererChoice atr_renderer_apply_for_display   (GdkDisplay *display);

gboolean          atr_renderer_widget_uses_cairo   (GtkWidget  *widget);

G_END_DECLS
