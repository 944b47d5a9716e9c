// Tests for the logo and icon safety checks: PNG and ICO headers and hostile SVGs.
#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// ---- feed icons (issue #8, finding 7): the logo rules, with the format sniffed ----------

const char *ICO_URL = "https://rdweb.atrium.test/RDWeb/Pages/rdp/icon.ico?id=1";

std::string
le16 (guint v)
{
  return std::string ({ (char) (v & 0xff), (char) ((v >> 8) & 0xff) });
}

std::string
le32 (guint32 v)
{
  return le16 (v & 0xffff) + le16 (v >> 16);
}

// A BMP icon entry: DIB header claiming @width×@height, then @data_bytes of pixels and mask.
std::string
dib (gint32 width, gint32 height, guint bpp, size_t data_bytes)
{
  std::string s = le32 (40) + le32 ((guint32) width) + le32 ((guint32) (height * 2)) + le16 (1)
                  + le16 (bpp) + le32 (0) + le32 (0) + le32 (0) + le32 (0) + le32 (0) + le32 (0);
  return s + std::string (data_bytes, '\0');
}

// Bytes a correct 32-bit DIB of @w×@h needs after its header.
size_t
dib32_bytes (guint w, guint h)
{
  return (size_t) w * 4 * h;
}

// An ICO file holding @images (each a PNG or a DIB), with a correct directory.
std::string
ico (const std::vector<std::string> &images, guint type = 1)
{
  std::string dir = le16 (0) + le16 (type) + le16 ((guint) images.size ());
  size_t offset = 6 + 16 * images.size ();
  std::string body;
  for (const std::string &img : images)
    {
      dir += std::string ("\x10\x10\0\0", 4) + le16 (1) + le16 (32) + le32 ((guint32) img.size ())
             + le32 ((guint32) offset);
      offset += img.size ();
      body += img;
    }
  return dir + body;
}

std::string
check_icon (const std::string &data, AtrThemeError *code = nullptr, AtrLogoFormat *format = nullptr)
{
  GError *error = nullptr;
  AtrLogoFormat f;
  if (atr_icon_check ((const guint8 *) data.data (), data.size (), ICO_URL, &f, &error))
    {
      EXPECT_EQ (error, nullptr);
      if (format != nullptr)
        *format = f;
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

TEST (IconCheck, GoodIconsOfEveryFormat)
{
  AtrLogoFormat format = ATR_LOGO_FORMAT_SVG;
  EXPECT_EQ (check_icon (png (256, 256), nullptr, &format), "OK");
  EXPECT_EQ (format, ATR_LOGO_FORMAT_PNG);
  EXPECT_EQ (check_icon (ico ({ dib (16, 16, 32, dib32_bytes (16, 16)), png (256, 256) }),
                         nullptr, &format), "OK");
  EXPECT_EQ (format, ATR_LOGO_FORMAT_ICO);
  // 8-bit with palette and mask: 40 + 1024 + 16*16 + 16*4
  EXPECT_EQ (check_icon (ico ({ dib (16, 16, 8, 1024 + 256 + 64) })), "OK");
  EXPECT_EQ (check_icon ("\xef\xbb\xbf\n  " + svg ("<rect width=\"1\" height=\"1\"/>"), nullptr,
                         &format), "OK");
  EXPECT_EQ (format, ATR_LOGO_FORMAT_SVG);
}

TEST (IconCheck, HostileHugeDimensionsInTheHeader)
{
  std::string u (ICO_URL);
  AtrThemeError code = ATR_THEME_ERROR_FAILED;

  // the 380 KB PNG of 20000×20000 px of the finding: refused from its header
  std::string huge = png (20000, 20000) + std::string (380 * 1024, '\0');
  EXPECT_EQ (check_icon (huge, &code), u + ": PNG is 20000×20000 pixels, at most 2048×2048");
  EXPECT_EQ (code, ATR_THEME_ERROR_TOO_LARGE);
  EXPECT_EQ (check_icon (png (2049, 1)), u + ": PNG is 2049×1 pixels, at most 2048×2048");

  // ICO: every entry counts, a PNG inside one as much as a bitmap
  EXPECT_EQ (check_icon (ico ({ png (20000, 20000) }), &code),
             u + ": ICO image 0: PNG is 20000×20000 pixels, at most 2048×2048");
  EXPECT_EQ (code, ATR_THEME_ERROR_TOO_LARGE);
  EXPECT_EQ (check_icon (ico ({ dib (16, 16, 32, dib32_bytes (16, 16)), png (16, 70000) })),
             u + ": ICO image 1: PNG is 16×70000 pixels, at most 2048×2048");
  EXPECT_EQ (check_icon (ico ({ dib (30000, 30000, 32, 64) }), &code),
             u + ": ICO image 0 is 30000×30000 pixels, at most 2048×2048");
  EXPECT_EQ (code, ATR_THEME_ERROR_TOO_LARGE);
  EXPECT_EQ (check_icon (ico ({ dib (-16, 16, 32, 64) })),
             u + ": ICO image 0 has an empty or negative size (-16×16)");

  // SVG: width/height in any unit, else the viewBox, is the size it is rendered at
  EXPECT_EQ (check_icon ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20000\" height=\"20000\"/>"),
             u + ": <svg> width=\"20000\" is over 2048 pixels");
  EXPECT_EQ (check_icon ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100in\" height=\"1\"/>"),
             u + ": <svg> width=\"100in\" is over 2048 pixels");
  EXPECT_EQ (check_icon ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 20000 20000\"/>"),
             u + ": <svg> viewBox width 20000 is over 2048 pixels (and width does not set a smaller size)");
  EXPECT_EQ (check_icon ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"64\" "
                         "viewBox=\"0,0,  64,\t90000\"/>"),
             "OK");   // the height is given
  EXPECT_EQ (check_icon ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"50%\" "
                         "viewBox=\"0 0 64 90000\"/>"),
             u + ": <svg> viewBox height 90000 is over 2048 pixels (and height does not set a smaller size)");
  EXPECT_EQ (check_icon ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1e9q\" height=\"1\"/>"),
             u + ": <svg> width=\"1e9q\" is not a length");
}

TEST (IconCheck, HostileTruncatedAndDamagedIcons)
{
  std::string u (ICO_URL);
  EXPECT_EQ (check_icon (png (16, 16).substr (0, 20)), u + ": not a PNG image (bad signature)");
  EXPECT_EQ (check_icon (std::string ("\0\0\1\0\0\0", 6)), u + ": ICO has 0 images, expected 1 to 64");
  EXPECT_EQ (check_icon (std::string ("\0\0\1\0\x01\x00", 6)), u + ": ICO directory is cut off");
  EXPECT_EQ (check_icon (std::string ("\0\0\1\0\xe8\x03", 6) + std::string (16000, '\0')),
             u + ": ICO has 1000 images, expected 1 to 64");
  std::string cut = ico ({ dib (16, 16, 32, dib32_bytes (16, 16)) });
  EXPECT_EQ (check_icon (cut.substr (0, cut.size () - 100)), u + ": ICO image 0 lies outside the file");
  EXPECT_EQ (check_icon (ico ({ dib (256, 256, 32, 100) })),
             u + ": ICO image 0 is cut off (262184 bytes needed, 140 given)");
  EXPECT_EQ (check_icon (ico ({ std::string (10, 'x') })),
             u + ": ICO image 0 is cut off (no bitmap header)");
  EXPECT_EQ (check_icon (ico ({ dib (16, 16, 7, 2000) })),
             u + ": ICO image 0 is neither a PNG nor a known bitmap");
  std::string outside = ico ({ dib (16, 16, 32, dib32_bytes (16, 16)) });
  outside.replace (18, 4, le32 (0x7fffffff));
  EXPECT_EQ (check_icon (outside), u + ": ICO image 0 lies outside the file");
  std::string overlapping = ico ({ dib (16, 16, 32, dib32_bytes (16, 16)) });
  overlapping.replace (18, 4, le32 (2));   // inside the directory
  EXPECT_EQ (check_icon (overlapping), u + ": ICO image 0 lies outside the file");
  std::string bad_png = png (16, 16);
  bad_png[12] = 'X';
  EXPECT_EQ (check_icon (ico ({ bad_png })), u + ": ICO image 0: not a PNG image (no IHDR chunk first)");
}

TEST (IconCheck, HostileWrongMagicAndOversizeBytes)
{
  std::string u (ICO_URL);
  AtrThemeError code = ATR_THEME_ERROR_FAILED;
  EXPECT_EQ (check_icon ("GIF89a" + std::string (40, '\0')), u + ": not a PNG, ICO or SVG image");
  EXPECT_EQ (check_icon (std::string ("\xff\xd8\xff\xe0", 4) + std::string (40, '\0')),
             u + ": not a PNG, ICO or SVG image");
  EXPECT_EQ (check_icon ("BM" + std::string (60, '\0')), u + ": not a PNG, ICO or SVG image");
  EXPECT_EQ (check_icon (ico ({ dib (16, 16, 32, dib32_bytes (16, 16)) }, 2)),
             u + ": not a PNG, ICO or SVG image");   // a cursor
  EXPECT_EQ (check_icon ("<html><svg/></html>"), u + ": not an SVG image (the root element is not <svg>)");
  EXPECT_EQ (check_icon (svg ("<script>alert(1)</script>"), &code),
             u + ": line 2: <script> is not allowed in a logo");
  EXPECT_EQ (code, ATR_THEME_ERROR_UNSAFE_LOGO);
  EXPECT_EQ (check_icon (""), u + ": empty file");

  std::string big = png (16, 16) + std::string (ATR_LOGO_MAX_SIZE, '\0');
  EXPECT_EQ (check_icon (big, &code), u + ": icon too large (" + std::to_string (big.size ())
             + " bytes, at most 1048576)");
  EXPECT_EQ (code, ATR_THEME_ERROR_TOO_LARGE);
}

TEST (LogoCheck, HostileSvgViewBoxIsTheRenderedSize)
{
  EXPECT_EQ (check ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 50000 10\"/>", SVG_URL),
             std::string (SVG_URL) + ": <svg> viewBox width 50000 is over 2048 pixels (and width "
             "does not set a smaller size)");
  EXPECT_EQ (check ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10000mm\" height=\"1\"/>", SVG_URL),
             std::string (SVG_URL) + ": <svg> width=\"10000mm\" is over 2048 pixels");
  // an ICO is not a logo
  EXPECT_EQ (check (ico ({ png (16, 16) }), "https://h/logo.ico"),
             "https://h/logo.ico: only .png and .svg logos are allowed");
}

} // namespace

/* libxml2's "not well-formed" messages quote the offending bytes; every refusal still comes
 * out as valid UTF-8 (found by fuzz-logo, both error paths: with and without a prolog). */
TEST (LogoCheck, HostileErrorsNeverQuoteInvalidUtf8)
{
  static const char prolog[] =
      "<?xml ver\xebion=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"16\"/>\n";
  static const char bare[] = "<ype\xff\xff\xff" "ctype\xff\xff\xff\xff";
  static const char attr[] =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\xc3\" height=\"16\"/>";
  const char *docs[] = { prolog, bare, attr };
  const gsize lengths[] = { sizeof prolog - 1, sizeof bare - 1, sizeof attr - 1 };

  for (gsize i = 0; i < G_N_ELEMENTS (docs); i++)
    {
      for (int icon = 0; icon < 2; icon++)
        {
          g_autoptr(GError) error = NULL;
          gboolean ok = icon
              ? atr_icon_check ((const guint8 *) docs[i], lengths[i],
                                "https://t.example/i.svg", NULL, &error)
              : atr_logo_check ((const guint8 *) docs[i], lengths[i],
                                "https://t.example/l.svg", NULL, &error);

          ASSERT_FALSE (ok) << "document " << i;
          ASSERT_NE (error, nullptr);
          EXPECT_TRUE (g_utf8_validate (error->message, -1, NULL))
              << "document " << i << (icon ? " (icon)" : " (logo)");
        }
    }
}
