// Tests for the logo safety check: PNG headers and hostile SVGs.
#include <gtest/gtest.h>

#include <string>

#include "atr-logo-check.h"
#include "atr-theme-error.h"

namespace {

const char *SVG_URL = "https://harbour.atrium.test/theme/logo.svg";
const char *PNG_URL = "https://harbour.atrium.test/theme/logo.png";

std::string
read_file (const std::string &path)
{
  char *data = nullptr;
  gsize len = 0;
  if (!g_file_get_contents (path.c_str (), &data, &len, nullptr))
    return "";
  std::string s (data, len);
  g_free (data);
  return s;
}

std::string
png (guint32 width, guint32 height)
{
  std::string s ("\x89PNG\r\n\x1a\n", 8);
  s += std::string ("\0\0\0\x0dIHDR", 8);
  for (guint32 v : { width, height })
    for (int shift = 24; shift >= 0; shift -= 8)
      s += (char) ((v >> shift) & 0xff);
  s += std::string ("\x08\x06\0\0\0", 5);      // depth, colour type, compression, filter, interlace
  s += std::string ("\0\0\0\0", 4);            // CRC (not checked)
  s += std::string ("\0\0\0\0IEND\xae\x42\x60\x82", 12);
  return s;
}

std::string
check (const std::string &data, const char *url, AtrThemeError *code = nullptr)
{
  GError *error = nullptr;
  AtrLogoFormat format;
  gboolean ok = atr_logo_check ((const guint8 *) data.data (), data.size (), url, &format, &error);
  if (ok)
    {
      EXPECT_EQ (error, nullptr);
      return "OK";
    }
  EXPECT_NE (error, nullptr);
  EXPECT_EQ (error->domain, ATR_THEME_ERROR);
  if (code != nullptr)
    *code = (AtrThemeError) error->code;
  std::string msg = error->message;
  g_error_free (error);
  return msg;
}

std::string
svg (const std::string &body, const std::string &attrs = "")
{
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
         "width=\"64\" height=\"64\"" + attrs + ">\n" + body + "\n</svg>\n";
}

TEST (LogoCheck, BundledLogosAreSafe)
{
  std::string dir = std::string (g_getenv ("G_TEST_SRCDIR")) + "/../themes/";
  for (const char *f : { "harbour/logo.svg", "harbour/logo-dark.svg", "ironworks/logo.svg" })
    {
      std::string data = read_file (dir + f);
      ASSERT_FALSE (data.empty ()) << f;
      EXPECT_EQ (check (data, (dir + f).c_str ()), "OK") << f;
    }
}

TEST (LogoCheck, Png)
{
  AtrLogoFormat format = ATR_LOGO_FORMAT_SVG;
  std::string ok = png (256, 64);
  ASSERT_TRUE (atr_logo_check ((const guint8 *) ok.data (), ok.size (), PNG_URL, &format, nullptr));
  EXPECT_EQ (format, ATR_LOGO_FORMAT_PNG);
  EXPECT_EQ (check (png (2048, 2048), "https://h/logo.PNG?v=2"), "OK");

  std::string u (PNG_URL);
  AtrThemeError code;
  EXPECT_EQ (check (png (2049, 10), PNG_URL, &code), u + ": PNG is 2049×10 pixels, at most 2048×2048");
  EXPECT_EQ (code, ATR_THEME_ERROR_TOO_LARGE);
  EXPECT_EQ (check (png (10, 100000), PNG_URL), u + ": PNG is 10×100000 pixels, at most 2048×2048");
  EXPECT_EQ (check (png (0, 10), PNG_URL), u + ": PNG has an empty size (0×10)");
  EXPECT_EQ (check ("GIF89a" + std::string (40, '\0'), PNG_URL), u + ": not a PNG image (bad signature)");
  EXPECT_EQ (check (png (10, 10).substr (0, 20), PNG_URL), u + ": not a PNG image (bad signature)");
  std::string no_ihdr = png (10, 10);
  no_ihdr[12] = 'X';
  EXPECT_EQ (check (no_ihdr, PNG_URL), u + ": not a PNG image (no IHDR chunk first)");
  // an SVG under a .png name is not a PNG
  EXPECT_EQ (check (svg (""), PNG_URL), u + ": not a PNG image (bad signature)");
  EXPECT_EQ (check ("", PNG_URL), u + ": empty file");
}

TEST (LogoCheck, HostileOversizeLogo)
{
  std::string big = png (10, 10) + std::string (ATR_LOGO_MAX_SIZE, '\0');
  AtrThemeError code;
  EXPECT_EQ (check (big, PNG_URL, &code), std::string (PNG_URL) + ": logo too large ("
             + std::to_string (big.size ()) + " bytes, at most 1048576)");
  EXPECT_EQ (code, ATR_THEME_ERROR_TOO_LARGE);

  std::string bigsvg = svg ("<!-- " + std::string (ATR_LOGO_MAX_SIZE, 'x') + " -->");
  EXPECT_EQ (check (bigsvg, SVG_URL), std::string (SVG_URL) + ": logo too large ("
             + std::to_string (bigsvg.size ()) + " bytes, at most 1048576)");
  EXPECT_EQ (check (svg ("", " width=\"4096\""), SVG_URL),
             std::string (SVG_URL) + ": line 1: not well-formed XML: Attribute width redefined");
  EXPECT_EQ (check ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"4096px\" height=\"10\"/>", SVG_URL),
             std::string (SVG_URL) + ": <svg> width=\"4096px\" is over 2048 pixels");
  EXPECT_EQ (check ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"10cm\"/>", SVG_URL),
             "OK");
}

TEST (LogoCheck, HostileSvgs)
{
  const std::pair<std::string, const char *> cases[] = {
    { svg ("<script>alert(1)</script>"), "line 2: <script> is not allowed in a logo" },
    { svg ("<g><SCRIPT href=\"#x\"/></g>"), "line 2: <SCRIPT> is not allowed in a logo" },
    { svg ("", " onload=\"alert(1)\""), "line 1: event attribute onload on <svg> is not allowed" },
    { svg ("<rect width=\"1\" height=\"1\" OnClick=\"x()\"/>"),
      "line 2: event attribute OnClick on <rect> is not allowed" },
    { svg ("<foreignObject><div xmlns=\"http://www.w3.org/1999/xhtml\">hi</div></foreignObject>"),
      "line 2: <foreignObject> is not allowed in a logo" },
    { svg ("<image href=\"https://evil.example/track.png\" width=\"1\" height=\"1\"/>"),
      "line 2: <image> href=\"https://evil.example/track.png\" is an external reference; only \"#id\" is allowed" },
    { svg ("<image xlink:href=\"http://evil.example/x.png\"/>"),
      "line 2: <image> xlink:href=\"http://evil.example/x.png\" is an external reference; only \"#id\" is allowed" },
    { svg ("<use xlink:href=\"other.svg#a\"/>"),
      "line 2: <use> xlink:href=\"other.svg#a\" is an external reference; only \"#id\" is allowed" },
    { svg ("<a href=\"javascript:alert(1)\"><rect width=\"1\" height=\"1\"/></a>"),
      "line 2: <a> href=\"javascript:alert(1)\" is an external reference; only \"#id\" is allowed" },
    { svg ("<image href=\"data:image/svg+xml;base64,PHN2Zz4=\"/>"),
      "line 2: <image> href=\"data:image/svg+xml;base64,PHN2Zz4=\" is an external reference; only \"#id\" is allowed" },
    { svg ("<rect width=\"1\" height=\"1\" fill=\"url(https://evil.example/p.svg#g)\"/>"),
      "line 2: <rect> fill uses url() outside the document" },
    { svg ("<rect width=\"1\" height=\"1\" style=\"fill: URL( 'file:///etc/passwd' )\"/>"),
      "line 2: <rect> style uses url() outside the document" },
    { svg ("<style>@import url(#x); rect { fill: red }</style>"), "line 2: @import in <style> is not allowed" },
    { svg ("<style>rect { fill: url(https://evil.example/f.svg#p) }</style>"),
      "line 2: <style> uses url() outside the document" },
    { svg ("<set attributeName=\"xlink:href\" to=\"https://evil.example\"/>"),
      "line 2: <set> animates xlink:href, which is not allowed" },
    { "<?xml-stylesheet href=\"https://evil.example/s.css\"?>\n" + svg (""),
      "line 1: processing instruction <?xml-stylesheet?> is not allowed" },
    { "<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n"
      + svg ("<text>&b;</text>"), "a DTD (<!DOCTYPE>/<!ENTITY>) is not allowed in a logo" },
    { "<!doctype svg SYSTEM \"http://evil.example/svg.dtd\">\n" + svg (""),
      "a DTD (<!DOCTYPE>/<!ENTITY>) is not allowed in a logo" },
    { svg ("<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"/etc/passwd\"/>"),
      "line 2: <include> is not allowed in a logo" },
  };

  for (const auto &c : cases)
    {
      AtrThemeError code = ATR_THEME_ERROR_FAILED;
      std::string msg = check (c.first, SVG_URL, &code);
      EXPECT_EQ (msg, std::string (SVG_URL) + ": " + c.second) << c.first;
      EXPECT_EQ (code, ATR_THEME_ERROR_UNSAFE_LOGO) << c.first;
    }
}

TEST (LogoCheck, LocalReferencesAreFine)
{
  std::string ok = svg ("<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#0f766e\"/>"
                        "</linearGradient><path id=\"p\" d=\"M0 0h1v1z\"/></defs>"
                        "<use xlink:href=\"#p\"/><use href=\" #p\"/>"
                        "<rect width=\"1\" height=\"1\" fill=\"url(#g)\" style=\"fill: url('#g')\"/>"
                        "<style>rect { fill: url(#g) }</style>");
  EXPECT_EQ (check (ok, SVG_URL), "OK");
}

TEST (LogoCheck, BrokenSvgs)
{
  std::string u (SVG_URL);
  EXPECT_EQ (check ("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>", SVG_URL),
             u + ": line 1: not well-formed XML: Premature end of data in tag svg line 1");
  EXPECT_EQ (check ("<html><script/></html>", SVG_URL),
             u + ": not an SVG image (the root element is not <svg>)");
  EXPECT_EQ (check (png (10, 10), SVG_URL), u + ": not an SVG image (contains a NUL byte)");
  EXPECT_EQ (check (svg (""), "https://harbour.atrium.test/theme/logo.gif"),
             "https://harbour.atrium.test/theme/logo.gif: only .png and .svg logos are allowed");
}

} // namespace
