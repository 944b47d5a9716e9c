/* test-runtime.cpp — every piece Atrium loads at run time is installed, named by package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app and its tests load things no linker checks: gdk-pixbuf's SVG loader (tenant logos),
 * glib-networking (every HTTPS request), the Secret Service ("remember me"), fonts, and the
 * programs the UI and RDP suites drive. scripts/install-deps.sh installs each of them
 * explicitly (under --no-install-recommends nothing comes by itself); when one is missing,
 * this suite fails with the Debian package to install instead of a later test timing out.
 */
#include <gtest/gtest.h>

#include <string>

extern "C" {
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>
#include <gtk/gtk.h>
}

static std::string
data_file (const char *relative)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATR_SOURCE_ROOT"), relative, NULL);
  return path;
}

static bool
pixbuf_has_format (const char *wanted)
{
  g_autoptr(GSList) formats = gdk_pixbuf_get_formats ();

  for (GSList *l = formats; l != NULL; l = l->next)
    {
      g_autofree char *name = gdk_pixbuf_format_get_name ((GdkPixbufFormat *) l->data);

      if (g_strcmp0 (name, wanted) == 0)
        return true;
    }
  return false;
}

TEST (Runtime, GdkPixbufDecodesTheDemoTenantsSvgLogo)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  std::string logo = data_file ("tests/data/tenants/harbour.atrium.test/.well-known/atrium/theme/logo.svg");
  gchar *contents = NULL;
  gsize length = 0;

  ASSERT_TRUE (pixbuf_has_format ("svg"))
      << "gdk-pixbuf has no SVG loader: tenant logos never show (install librsvg2-common)";
  ASSERT_TRUE (g_file_get_contents (logo.c_str (), &contents, &length, &error)) << error->message;
  bytes = g_bytes_new_take (contents, length);
  texture = gdk_texture_new_from_bytes (bytes, &error);
  ASSERT_NE (texture, nullptr) << logo << ": " << error->message
                               << " (install librsvg2-common)";
  EXPECT_GT (gdk_texture_get_width (texture), 0);
}

TEST (Runtime, GdkPixbufDecodesFeedIcons)
{
  /* Feeds serve .ico and .png icons (the demo tenant's desktops have .ico files). */
  EXPECT_TRUE (pixbuf_has_format ("ico")) << "no ICO loader (install libgdk-pixbuf-2.0-0)";
  EXPECT_TRUE (pixbuf_has_format ("png")) << "no PNG loader (install libgdk-pixbuf-2.0-0)";
}

TEST (Runtime, GioHasATlsBackend)
{
  EXPECT_TRUE (g_tls_backend_supports_tls (g_tls_backend_get_default ()))
      << "GIO has no TLS backend: no HTTPS at all (install glib-networking)";
}

TEST (Runtime, FontconfigHasASansFont)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  ASSERT_TRUE (g_spawn_command_line_sync ("fc-match -f %{file} sans-serif", &out, &err,
                                          &status, &error))
      << error->message << " (install fontconfig)";
  EXPECT_TRUE (out != NULL && g_file_test (out, G_FILE_TEST_EXISTS))
      << "fontconfig finds no sans-serif font: text renders as boxes (install fonts-dejavu-core)";
}

struct Program
{
  const char *name;
  const char *package;
  const char *why;
};

/* What the app runs or talks to, and what the suites drive. */
static const Program kPrograms[] = {
  { "gnome-keyring-daemon", "gnome-keyring", "the Secret Service for \"remember me\"" },
  { "dbus-run-session", "dbus-daemon", "a private session bus for the keyring and UI tests" },
  { "secret-tool", "libsecret-tools", "reading the keyring in the UI tests" },
  { "busctl", "systemd", "walking the app's accessibility tree in the a11y UI test" },
  { "Xvfb", "xvfb", "the display of every UI and RDP test" },
  { "xauth", "xauth", "xvfb-run" },
  { "xdotool", "xdotool", "typing and clicking in the UI tests" },
  { "xclip", "xclip", "the clipboard tests" },
  { "import", "imagemagick", "reading the screen in the UI tests" },
  { "xlogo", "x11-apps", "a known colour on the RDP test servers' screens" },
  { "xclock", "x11-apps", "the demo desktop's clock" },
  { "openssl", "openssl", "the test certificates' checks" },
  { "glib-compile-schemas", "libglib2.0-bin", "the settings schema" },
  { "freerdp-shadow-cli3", "freerdp3-shadow-x11",
    "the demo's live desktop and the RDP tests' server (FreeRDP 3)" },
  { "xfreerdp3", "freerdp3-x11", "the reference client of the benchmarks" },
  { "winpr-hash3", "winpr3-utils", "the NLA test accounts (SAM files)" },
};

class RuntimeProgram : public ::testing::TestWithParam<Program> {};

TEST_P (RuntimeProgram, IsInstalled)
{
  const Program &p = GetParam ();
  g_autofree char *path = g_find_program_in_path (p.name);

  EXPECT_NE (path, nullptr) << p.name << " is missing, needed for " << p.why
                            << " (install " << p.package << ")";
}

INSTANTIATE_TEST_SUITE_P (Runtime, RuntimeProgram, ::testing::ValuesIn (kPrograms),
                          [] (const ::testing::TestParamInfo<Program> &info) {
                            std::string name;
                            for (const char *c = info.param.name; *c; c++)
                              name += g_ascii_isalnum (*c) ? *c : '_';
                            return name;
                          });

