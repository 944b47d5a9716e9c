/* test-renderer.cpp — the renderer chosen by looking (ui/atr-renderer.c)
 *
 * The pure part with GL_RENDERER strings as Mesa, NVIDIA, AMD, Intel and others report them;
 * the device check with a made-up /dev; and the probe for real: on a private Xvfb (which
 * has no GPU, so Mesa answers with a software rasterizer) the probe must find software GL,
 * and a window realized afterwards must get GTK's cairo renderer although GSK_RENDERER is
 * unset and GL works there (without the probe GTK 4.8 would pick its GL renderer).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <string>

#include "atr-shadow-fixture.h"

extern "C" {
#include "atr-renderer.h"
}

static AtrShadowDisplay *xvfb;

/* --- the pure choice ---------------------------------------------------------------- */

TEST (RendererChoice, SoftwareRasterizersGetCairo)
{
  const char *software[] = {
    "llvmpipe (LLVM 15.0.6, 256 bits)",          /* Mesa 22.3, Debian 12 */
    "llvmpipe (LLVM 19.1.7, 256 bits)",          /* Mesa 25, Debian 13 */
    "softpipe",
    "Software Rasterizer",                       /* Mesa's classic swrast */
    "Mesa X11 swrast",
    "zink Vulkan 1.3(llvmpipe (LLVM 15.0.6, 256 bits))",   /* zink over lavapipe */
    "D3D12 (Microsoft Basic Render Driver)",     /* WSL on WARP */
  };

  for (const char *name : software)
    {
      EXPECT_TRUE (atr_renderer_is_software_gl (name)) << name;
      EXPECT_EQ (atr_renderer_choose (name), ATR_RENDERER_CAIRO) << name;
    }
}

TEST (RendererChoice, RealGpusKeepGtksDefault)
{
  const char *gpus[] = {
    "NVIDIA GeForce RTX 3060/PCIe/SSE2",                                     /* proprietary */
    "NVIDIA GeForce GTX 1050 Ti/PCIe/SSE2",
    "NV134",                                                                  /* nouveau */
    "AMD Radeon RX 6700 XT (navi22, LLVM 15.0.7, DRM 3.49, 6.1.0-18-amd64)", /* radeonsi */
    "AMD Radeon Graphics (renoir, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)",
    "Mesa Intel(R) UHD Graphics 620 (KBL GT2)",                             /* iris */
    "Mesa DRI Intel(R) HD Graphics 4000 (IVB GT2)",                         /* i965 */
    "Mesa Intel(R) Graphics (ADL GT2)",
    "V3D 4.2",                                                                /* Raspberry Pi 4 */
    "Mali-G52 (Panfrost)",
    "virgl (NVIDIA GeForce RTX 3060/PCIe/SSE2)",                             /* host GPU */
    "SVGA3D; build: RELEASE;  LLVM;",                                         /* VMware 3D */
    "D3D12 (NVIDIA GeForce RTX 3080)",
  };

  for (const char *name : gpus)
    {
      EXPECT_FALSE (atr_renderer_is_software_gl (name)) << name;
      EXPECT_EQ (atr_renderer_choose (name), ATR_RENDERER_GTK_DEFAULT) << name;
    }
}

TEST (RendererChoice, NoGlGetsCairo)
{
  EXPECT_EQ (atr_renderer_choose (NULL), ATR_RENDERER_CAIRO);
  EXPECT_EQ (atr_renderer_choose (""), ATR_RENDERER_CAIRO);
}

/* --- the device check and the early choice ------------------------------------------- */

class FakeDev : public ::testing::Test
{
protected:
  void
  SetUp () override
  {
    dir = g_dir_make_tmp ("atr-renderer-dev-XXXXXX", NULL);
    ASSERT_NE (dir, nullptr);
    saved_renderer = g_strdup (g_getenv ("GSK_RENDERER"));
    saved_debug = g_strdup (g_getenv ("GDK_DEBUG"));
    g_unsetenv ("GSK_RENDERER");
    g_unsetenv ("GDK_DEBUG");
  }

  void
  TearDown () override
  {
    restore ("GSK_RENDERER", saved_renderer);
    restore ("GDK_DEBUG", saved_debug);
    atr_shadow_rm_rf (dir);
    g_free (dir);
    g_free (saved_renderer);
    g_free (saved_debug);
  }

  static void
  restore (const char *name, const char *value)
  {
    if (value != NULL)
      g_setenv (name, value, TRUE);
    else
      g_unsetenv (name);
  }

  void
  touch (const char *relative)
  {
    g_autofree char *path = g_build_filename (dir, relative, NULL);
    g_autofree char *parent = g_path_get_dirname (path);
    g_mkdir_with_parents (parent, 0700);
    ASSERT_TRUE (g_file_set_contents (path, "", 0, NULL)) << path;
  }

  char *dir = NULL;
  char *saved_renderer = NULL;
  char *saved_debug = NULL;
};

TEST_F (FakeDev, NoDeviceMeansNoGpu)
{
  EXPECT_FALSE (atr_renderer_has_gpu_device (dir));
  touch ("dri/card0");   /* simpledrm: a framebuffer, no GPU */
  EXPECT_FALSE (atr_renderer_has_gpu_device (dir));
}

TEST_F (FakeDev, RenderNodeOrNvidiaMeansMaybeGpu)
{
  touch ("dri/renderD128");
  EXPECT_TRUE (atr_renderer_has_gpu_device (dir));
}

TEST_F (FakeDev, NvidiaDeviceMeansMaybeGpu)
{
  touch ("nvidiactl");
  EXPECT_TRUE (atr_renderer_has_gpu_device (dir));
}

TEST_F (FakeDev, WithoutGpuCairoAndGlOffBeforeTheDisplayOpens)
{
  EXPECT_TRUE (atr_renderer_apply_early (dir));
  EXPECT_STREQ (g_getenv ("GSK_RENDERER"), "cairo");
  EXPECT_STREQ (g_getenv ("GDK_DEBUG"), "gl-disable");
}

TEST_F (FakeDev, UsersGdkDebugStays)
{
  g_setenv ("GDK_DEBUG", "events", TRUE);
  EXPECT_TRUE (atr_renderer_apply_early (dir));
  EXPECT_STREQ (g_getenv ("GSK_RENDERER"), "cairo");
  EXPECT_STREQ (g_getenv ("GDK_DEBUG"), "events");
}

TEST_F (FakeDev, WithAGpuDeviceTheProbeDecides)
{
  touch ("dri/renderD128");
  EXPECT_FALSE (atr_renderer_apply_early (dir));
  EXPECT_EQ (g_getenv ("GSK_RENDERER"), nullptr);
  EXPECT_EQ (g_getenv ("GDK_DEBUG"), nullptr);
}

TEST_F (FakeDev, UsersRendererWins)
{
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  EXPECT_TRUE (atr_renderer_apply_early (dir));   /* decided: by the user */
  EXPECT_STREQ (g_getenv ("GSK_RENDERER"), "gl");
  EXPECT_EQ (g_getenv ("GDK_DEBUG"), nullptr);
}

/* --- the probe, on a real X server with Mesa --------------------------------------------- */

TEST (RendererProbe, UsersRendererIsNotOverridden)
{
  GdkDisplay *display = gdk_display_open (xvfb->display ());

  ASSERT_NE (display, nullptr);
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  atr_renderer_apply_for_display (display);
  g_unsetenv ("GSK_RENDERER");
  EXPECT_EQ (g_object_get_data (G_OBJECT (display), "gsk-renderer"), nullptr);
  gdk_display_close (display);
}

TEST (RendererProbe, XvfbIsSoftwareAndWindowsGetCairo)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GError) error = NULL;
  g_autofree char *gl_renderer = NULL;
  GtkWidget *window;
  GskRenderer *renderer;

  ASSERT_NE (display, nullptr);
  ASSERT_EQ (g_getenv ("GSK_RENDERER"), nullptr);

  /* Xvfb has no GPU: GL there is Mesa's software rasterizer, and it does work. */
  gl_renderer = atr_renderer_probe_gl (display, &error);
  ASSERT_NE (gl_renderer, nullptr) << error->message;
  std::cout << "GL_RENDERER on Xvfb: " << gl_renderer << "\n";
  EXPECT_TRUE (atr_renderer_is_software_gl (gl_renderer)) << gl_renderer;

  EXPECT_EQ (atr_renderer_apply_for_display (display), ATR_RENDERER_CAIRO);
  window = gtk_window_new ();
  gtk_widget_realize (window);
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  ASSERT_NE (renderer, nullptr);
  EXPECT_STREQ (G_OBJECT_TYPE_NAME (renderer), "GskCairoRenderer");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  AtrShadowHome home ("atr-renderer-home-XXXXXX");
  int status;

  ::testing::InitGoogleTest (&argc, argv);
  xvfb = new AtrShadowDisplay ();
  if (!xvfb->start (&error))
    {
      g_printerr ("Xvfb: %s\n", error->message);
      return 1;
    }
  g_setenv ("DISPLAY", xvfb->display (), TRUE);
  g_setenv ("GDK_BACKEND", "x11", TRUE);
  g_unsetenv ("WAYLAND_DISPLAY");
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
  gtk_init ();
  status = RUN_ALL_TESTS ();
  delete xvfb;
  return status;
}
