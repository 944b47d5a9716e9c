// One tenant's brand at a time (issue #14, item 4): the display-wide AtrThemeManager, driven
// in-process under Xvfb as the window and the enrol page drive it, switching tenants in
// light and dark mode. A tenant without a dark logo shows its light one, never the previous
// tenant's dark logo; a tenant without any logo (or Atrium's own look) shows none.
#include <gtest/gtest.h>

#include <string>

#include <adwaita.h>

#include "atr-theme-manager.h"
#include "atr-theme-parser.h"

namespace {

std::string
data_path (const char *tenant, const char *file)
{
  g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_DATA"), "tenants", tenant,
                                            ".well-known", "atrium", "theme", file, nullptr);
  return path;
}

GBytes *
read_bytes (const char *tenant, const char *file)
{
  g_autoptr(GError) error = nullptr;
  char *data = nullptr;
  gsize length = 0;

  if (!g_file_get_contents (data_path (tenant, file).c_str (), &data, &length, &error))
    {
      ADD_FAILURE () << error->message;
      return nullptr;
    }
  return g_bytes_new_take (data, length);
}

AtrTheme *
parse (const char *tenant)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(GBytes) json = read_bytes (tenant, "theme.json");
  g_autofree char *url = g_strdup_printf ("https://%s/.well-known/atrium/theme/theme.json",
                                          tenant);
  AtrTheme *theme = atr_theme_parse ((const char *) g_bytes_get_data (json, nullptr),
                                     g_bytes_get_size (json), url, nullptr, &error);

  EXPECT_NE (theme, nullptr) << (error ? error->message : "");
  return theme;
}

// The decoded pixels of a logo, to tell two logos apart.
GBytes *
pixels (GdkPaintable *paintable)
{
  if (!GDK_IS_TEXTURE (paintable))
    return nullptr;
  GdkTexture *texture = GDK_TEXTURE (paintable);
  gsize stride = gdk_texture_get_width (texture) * 4;
  gsize size = stride * gdk_texture_get_height (texture);
  guchar *data = (guchar *) g_malloc (size);

  gdk_texture_download (texture, data, stride);
  return g_bytes_new_take (data, size);
}

GBytes *
decoded (GBytes *file)
{
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (file, nullptr);

  return texture ? pixels (GDK_PAINTABLE (texture)) : nullptr;
}

class ThemeManager : public ::testing::TestWithParam<bool>
{
protected:
  static void SetUpTestSuite () { adw_init (); }

  void SetUp () override
  {
    adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                        GetParam () ? ADW_COLOR_SCHEME_FORCE_DARK
                                                    : ADW_COLOR_SCHEME_FORCE_LIGHT);
    manager = atr_theme_manager_get_default ();
    atr_theme_manager_set_theme (manager, nullptr);
    harbour = parse ("harbour.atrium.test");
    ironworks = parse ("ironworks.atrium.test");
    harbour_light = read_bytes ("harbour.atrium.test", "logo.svg");
    harbour_dark = read_bytes ("harbour.atrium.test", "logo-dark.svg");
    ironworks_light = read_bytes ("ironworks.atrium.test", "logo.svg");
  }

  void TearDown () override
  {
    atr_theme_manager_set_theme (manager, nullptr);
    g_clear_object (&harbour);
    g_clear_object (&ironworks);
    g_clear_pointer (&harbour_light, g_bytes_unref);
    g_clear_pointer (&harbour_dark, g_bytes_unref);
    g_clear_pointer (&ironworks_light, g_bytes_unref);
  }

  // The logo shown now is exactly the picture in @expected (NULL: none is shown).
  void expect_logo (GBytes *expected, const char *what)
  {
    GdkPaintable *logo = atr_theme_manager_get_logo (manager);

    if (expected == nullptr)
      {
        EXPECT_EQ (logo, nullptr) << what << ": a logo is shown";
        return;
      }
    ASSERT_NE (logo, nullptr) << what << ": no logo shown";
    g_autoptr(GBytes) want = decoded (expected);
    g_autoptr(GBytes) have = pixels (logo);
    ASSERT_NE (want, nullptr);
    EXPECT_TRUE (have != nullptr && g_bytes_equal (want, have))
        << what << ": another picture is shown";
  }

  bool dark () const { return GetParam (); }

  AtrThemeManager *manager = nullptr;
  AtrTheme *harbour = nullptr;
  AtrTheme *ironworks = nullptr;
  GBytes *harbour_light = nullptr;
  GBytes *harbour_dark = nullptr;
  GBytes *ironworks_light = nullptr;
};

TEST_P (ThemeManager, SwitchingTenantsShowsOnlyTheNewTenantsLogo)
{
  atr_theme_manager_set_theme_with_logos (manager, harbour, harbour_light, harbour_dark);
  expect_logo (dark () ? harbour_dark : harbour_light, "Harbour");

  // Ironworks has no dark logo: its light one, in both variants; never Harbour's.
  atr_theme_manager_set_theme_with_logos (manager, ironworks, ironworks_light, nullptr);
  EXPECT_EQ (atr_theme_manager_get_theme (manager), ironworks);
  expect_logo (ironworks_light, "Ironworks after Harbour");

  // And back: Harbour's own again.
  atr_theme_manager_set_theme_with_logos (manager, harbour, harbour_light, harbour_dark);
  expect_logo (dark () ? harbour_dark : harbour_light, "Harbour after Ironworks");
}

TEST_P (ThemeManager, ATenantWithoutLogosShowsNone)
{
  atr_theme_manager_set_theme_with_logos (manager, harbour, harbour_light, harbour_dark);
  ASSERT_NE (atr_theme_manager_get_logo (manager), nullptr);

  // Ironworks whose logo could not be fetched: no logo, not the previous tenant's.
  atr_theme_manager_set_theme_with_logos (manager, ironworks, nullptr, nullptr);
  expect_logo (nullptr, "Ironworks without its logo's bytes");

  atr_theme_manager_set_theme_with_logos (manager, harbour, harbour_light, harbour_dark);
  atr_theme_manager_set_theme (manager, nullptr);
  expect_logo (nullptr, "Atrium's own look");
  EXPECT_EQ (atr_theme_manager_get_text (manager, ATR_THEME_TEXT_TITLE), nullptr);
}

TEST_P (ThemeManager, ChangingTheVariantKeepsTheTenant)
{
  atr_theme_manager_set_theme_with_logos (manager, harbour, harbour_light, harbour_dark);
  atr_theme_manager_set_theme_with_logos (manager, ironworks, ironworks_light, nullptr);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      dark () ? ADW_COLOR_SCHEME_FORCE_LIGHT
                                              : ADW_COLOR_SCHEME_FORCE_DARK);
  expect_logo (ironworks_light, "Ironworks after the variant changed");
}

INSTANTIATE_TEST_SUITE_P (Variants, ThemeManager, ::testing::Values (false, true),
                          [] (const ::testing::TestParamInfo<bool> &info) {
                            return std::string (info.param ? "Dark" : "Light");
                          });

}  // namespace
