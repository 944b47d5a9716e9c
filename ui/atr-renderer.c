/* atr-renderer.c — GTK's GL renderer on a real GPU, cairo on software GL, chosen by looking
 *
 * Under software GL (Mesa's llvmpipe) GTK 4.8's GL renderer costs about 490 ms and 97 MiB
 * more at start-up than the cairo renderer and re-presents the whole window on every frame,
 * while cairo presents only the changed tiles (TOOLCHAIN.md). On a real GPU GL is the better
 * renderer. So the choice is made at start-up, in two steps:
 *
 * 1. Before GTK opens the display (atr_renderer_apply_early): with no GPU device node at all
 *    (no /dev/dri/renderD*, no /dev/nvidia*), GL can only be software. Cairo is chosen through
 *    GSK_RENDERER and GL is switched off (GDK_DEBUG=gl-disable), so GDK does not load Mesa
 *    either: this costs nothing and saves what it saved before.
 * 2. Otherwise, once the display is open and before any window is realized
 *    (atr_renderer_apply_for_display): a GdkGLContext is made current and GL_RENDERER read.
 *    Software (atr_renderer_is_software_gl) or no GL → the display's "gsk-renderer" is set to
 *    "cairo", which GTK's gsk_renderer_new_for_surface() consults first for every surface it
 *    realizes (as the inspector does); otherwise GTK keeps its own choice (GL).
 *
 * A GSK_RENDERER set by the user wins over both steps, and a GDK_DEBUG of the user's is never
 * changed. The choice is logged once at debug level (G_MESSAGES_DEBUG=atrium-ui).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include <string.h>

#include <epoxy/gl.h>

#include "atr-renderer.h"

/* GL_RENDERER strings of software rasterizers, lower case: Mesa's llvmpipe, softpipe and
 * classic swrast ("Software Rasterizer"), lavapipe under zink ("zink Vulkan 1.3(llvmpipe …)"
 * matches llvmpipe), and WSL's D3D12 on WARP ("D3D12 (Microsoft Basic Render Driver)").
 * Not listed, because they draw on the host's GPU: virgl, VMware's SVGA3D, D3D12 on a real
 * adapter. "LLVM" alone is no sign: AMD's radeonsi names its shader compiler ("AMD Radeon RX
 * 6700 XT (navi22, LLVM 15.0.7, …)"). */
static const char *const software_names[] = {
  "llvmpipe",
  "softpipe",
  "swrast",
  "software rasterizer",
  "lavapipe",
  "microsoft basic render driver",
};

/**
 * atr_renderer_is_software_gl:
 * @gl_renderer: (nullable): a GL_RENDERER string
 *
 * Returns: whether it names a software rasterizer; %NULL or empty (no GL) counts as software
 */
gboolean
atr_renderer_is_software_gl (const char *gl_renderer)
{
  g_autofree char *lower = NULL;

  if (gl_renderer == NULL || *gl_renderer == '\0')
    return TRUE;
  lower = g_ascii_strdown (gl_renderer, -1);
  for (guint i = 0; i < G_N_ELEMENTS (software_names); i++)
    if (strstr (lower, software_names[i]) != NULL)
      return TRUE;
  return FALSE;
}

/**
 * atr_renderer_choose:
 * @gl_renderer: (nullable): the GL_RENDERER string, %NULL when there is no GL
 *
 * Returns: cairo for software GL or none, GTK's default (GL) for a real GPU
 */
AtrRendererChoice
atr_renderer_choose (const char *gl_renderer)
{
  return atr_renderer_is_software_gl (gl_renderer) ? ATR_RENDERER_CAIRO
                                                   : ATR_RENDERER_GTK_DEFAULT;
}

const char *
atr_renderer_choice_to_string (AtrRendererChoice choice)
{
  return choice == ATR_RENDERER_CAIRO ? "cairo" : "gtk-default";
}

static gboolean
dir_has_prefix (const char *dir,
                const char *prefix)
{
  g_autoptr(GDir) entries = g_dir_open (dir, 0, NULL);
  const char *name;

  if (entries == NULL)
    return FALSE;
  while ((name = g_dir_read_name (entries)) != NULL)
    if (g_str_has_prefix (name, prefix))
      return TRUE;
  return FALSE;
}

/**
 * atr_renderer_has_gpu_device:
 * @dev_dir: the device folder ("/dev"; another one in tests)
 *
 * Returns: whether a GPU could be there: a DRM render node (`dri/renderD*`) or NVIDIA's
 *   proprietary device (`nvidiactl`, `nvidia0`). simpledrm's `dri/card0` alone is no GPU.
 */
gboolean
atr_renderer_has_gpu_device (const char *dev_dir)
{
  g_autofree char *dri = g_build_filename (dev_dir, "dri", NULL);
  g_autofree char *nvidiactl = g_build_filename (dev_dir, "nvidiactl", NULL);
  g_autofree char *nvidia0 = g_build_filename (dev_dir, "nvidia0", NULL);

  return dir_has_prefix (dri, "renderD") || g_file_test (nvidiactl, G_FILE_TEST_EXISTS) ||
         g_file_test (nvidia0, G_FILE_TEST_EXISTS);
}

/**
 * atr_renderer_probe_gl:
 * @display: an open display
 *
 * Makes a GL context of @display current for a moment and reads GL_RENDERER.
 *
 * Returns: (transfer full) (nullable): the GL_RENDERER string, %NULL with @error without GL
 */
char *
atr_renderer_probe_gl (GdkDisplay *display,
                       GError    **error)
{
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;
  char *copy;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  context = gdk_display_create_gl_context (display, error);
  if (context == NULL || !gdk_gl_context_realize (context, error))
    return NULL;
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  copy = renderer != NULL ? g_strdup (renderer) : NULL;
  gdk_gl_context_clear_current ();
  if (copy == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "GL_RENDERER is empty");
  return copy;
}

/**
 * atr_renderer_apply_early:
 * @dev_dir: the device folder ("/dev")
 *
 * Before GTK opens a display: when there is no GPU device and the user set no GSK_RENDERER,
 * chooses cairo and switches GL off (unless the user set GDK_DEBUG).
 *
 * Returns: whether the renderer is decided (by the user or here); %FALSE means probe later
 *   with atr_renderer_apply_for_display()
 */
gboolean
atr_renderer_apply_early (const char *dev_dir)
{
  const char *user = g_getenv ("GSK_RENDERER");

  if (user != NULL)
    {
      g_debug ("Renderer: GSK_RENDERER=%s, set by the user", user);
      return TRUE;
    }
  if (atr_renderer_has_gpu_device (dev_dir))
    return FALSE;

  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_debug ("Renderer: cairo, no GPU device in %s (dri/renderD*, nvidia*): GL is software "
           "or absent; GDK_DEBUG=%s", dev_dir, g_getenv ("GDK_DEBUG"));
  return TRUE;
}

/**
 * atr_renderer_apply_for_display:
 * @display: the display windows will be realized on (none yet)
 *
 * Probes GL on @display and makes every surface realized from now on use cairo when the GL
 * is software or absent. Does nothing when the user set GSK_RENDERER.
 *
 * Returns: the choice made
 */
AtrRendererChoice
atr_renderer_apply_for_display (GdkDisplay *display)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *gl_renderer = NULL;
  AtrRendererChoice choice;
  gint64 started = g_get_monotonic_time ();

  g_return_val_if_fail (GDK_IS_DISPLAY (display), ATR_RENDERER_GTK_DEFAULT);

  if (g_getenv ("GSK_RENDERER") != NULL)
    return g_strcmp0 (g_getenv ("GSK_RENDERER"), "cairo") == 0 ? ATR_RENDERER_CAIRO
                                                              : ATR_RENDERER_GTK_DEFAULT;

  gl_renderer = atr_renderer_probe_gl (display, &error);
  choice = atr_renderer_choose (gl_renderer);
  if (choice == ATR_RENDERER_CAIRO)
    g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) "cairo");
  g_debug ("Renderer: %s, GL_RENDERER \"%s\"%s%s (probed in %.1f ms)",
           choice == ATR_RENDERER_CAIRO ? "cairo" : "GTK's default (GL)",
           gl_renderer != NULL ? gl_renderer : "", error != NULL ? ", no GL: " : "",
           error != NULL ? error->message : "",
           (g_get_monotonic_time () - started) / 1000.0);
  return choice;
}

/**
 * atr_renderer_widget_uses_cairo:
 * @widget: a widget
 *
 * Returns: whether @widget's window draws with GTK's cairo renderer (%FALSE when unrealized)
 */
gboolean
atr_renderer_widget_uses_cairo (GtkWidget *widget)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GskRenderer *renderer = native != NULL ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}
