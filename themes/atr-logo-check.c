/* atr-logo-check.c — is a tenant logo or feed icon a safe, small image? (pure: no I/O)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Logos and feed icons are decoded by GdkTexture (gdk-pixbuf, librsvg), never a browser, but
 * both are untrusted input from a web server, and a decoder allocates what the header asks
 * for: a 380 KB PNG that claims 20000×20000 pixels costs 1.2 GB. So every image is checked
 * here, from its bytes alone, before anything decodes it: at most 1 MiB, and
 *
 *  - a PNG must have a valid signature and an IHDR of at most 2048×2048;
 *  - an ICO (feed icons only) must have a sane directory whose every entry lies inside the
 *    file, and each entry is either a PNG checked as above or a BMP whose DIB header is at
 *    most 2048×2048, of a known bit depth, and not cut off;
 *  - an SVG is parsed with libxml2 without network, DTD or entity expansion and refused if it
 *    has: a DTD, processing instructions, entity references, <script>, <foreignObject> (or
 *    HTML embedding elements), on* event attributes, animations of href or event attributes,
 *    href/xlink:href that is not a same-document "#id", url(…) that is not "#id", or @import
 *    in <style>; and if the size it would be rendered at (width/height in absolute units,
 *    else the viewBox) exceeds 2048 px.
 *
 * A logo's format is its URL's extension (.png or .svg) and the content must match; a feed
 * icon's format is sniffed from its content, since feeds serve icons from URLs without one.
 */
#define G_LOG_DOMAIN "atrium-themes"

#include "config.h"

#include <math.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "atr-theme-error.h"

#include "atr-logo-check.h"

static const guint8 png_signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

static const char * const refused_elements[] = {
  "script", "foreignobject", "iframe", "embed", "object", "handler", "include", NULL
};

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static guint32
read_le32 (const guint8 *p)
{
  return ((guint32) p[3] << 24) | ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static guint16
read_le16 (const guint8 *p)
{
  return (guint16) (p[0] | (p[1] << 8));
}

static gboolean
check_png (const guint8  *data,
           gsize          length,
           const char    *url,
           GError       **error)
{
  guint32 width, height;

  if (length < 33 || memcmp (data, png_signature, sizeof png_signature) != 0)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: not a PNG image (bad signature)", url);
      return FALSE;
    }
  if (read_be32 (data + 8) != 13 || memcmp (data + 12, "IHDR", 4) != 0)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: not a PNG image (no IHDR chunk first)", url);
      return FALSE;
    }

  width = read_be32 (data + 16);
  height = read_be32 (data + 20);
  if (width == 0 || height == 0)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: PNG has an empty size (%u×%u)", url, width, height);
      return FALSE;
    }
  if (width > ATR_LOGO_MAX_PIXELS || height > ATR_LOGO_MAX_PIXELS)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_TOO_LARGE,
                   "%s: PNG is %u×%u pixels, at most %u×%u", url, width, height,
                   ATR_LOGO_MAX_PIXELS, ATR_LOGO_MAX_PIXELS);
      return FALSE;
    }

  return TRUE;
}

/* The most entries an ICO directory may have (Windows icons have up to about ten). */
#define MAX_ICO_ENTRIES 64

static gboolean
check_ico_bmp (const guint8  *img,
               gsize          size,
               guint          index,
               const char    *url,
               GError       **error)
{
  guint32 header, bpp, planes;
  gint32 width, height2;
  guint64 xor_row, and_row, palette, need;

  if (size < 40)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: ICO image %u is cut off (no bitmap header)", url, index);
      return FALSE;
    }
  header = read_le32 (img);
  width = (gint32) read_le32 (img + 4);
  height2 = (gint32) read_le32 (img + 8);   /* the colour and the mask bitmaps together */
  planes = read_le16 (img + 12);
  bpp = read_le16 (img + 14);

  if ((header != 40 && header != 108 && header != 124) || header > size || planes != 1
      || (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 16 && bpp != 24 && bpp != 32))
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: ICO image %u is neither a PNG nor a known bitmap", url, index);
      return FALSE;
    }
  if (width <= 0 || height2 <= 0 || height2 / 2 == 0)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: ICO image %u has an empty or negative size (%d×%d)", url, index,
                   width, height2 / 2);
      return FALSE;
    }
  if ((guint32) width > ATR_LOGO_MAX_PIXELS || (guint32) height2 / 2 > ATR_LOGO_MAX_PIXELS)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_TOO_LARGE,
                   "%s: ICO image %u is %d×%d pixels, at most %u×%u", url, index, width,
                   height2 / 2, ATR_LOGO_MAX_PIXELS, ATR_LOGO_MAX_PIXELS);
      return FALSE;
    }

  xor_row = (((guint64) width * bpp + 31) / 32) * 4;
  and_row = (((guint64) width + 31) / 32) * 4;
  palette = bpp <= 8 ? ((guint64) 1 << bpp) * 4 : 0;
  need = header + palette + xor_row * (guint64) (height2 / 2);
  if (bpp != 32)
    need += and_row * (guint64) (height2 / 2);
  if (need > size)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: ICO image %u is cut off (%" G_GUINT64_FORMAT " bytes needed, %"
                   G_GSIZE_FORMAT " given)", url, index, need, size);
      return FALSE;
    }
  return TRUE;
}

/* An ICO: a directory of images, each a PNG or a bitmap; every one is checked, because the
 * decoder picks which one to decode. */
static gboolean
check_ico (const guint8  *data,
           gsize          length,
           const char    *url,
           GError       **error)
{
  guint count;
  gsize directory_end;

  if (length < 6 || read_le16 (data) != 0 || read_le16 (data + 2) != 1)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: not an ICO image (bad header)", url);
      return FALSE;
    }
  count = read_le16 (data + 4);
  if (count == 0 || count > MAX_ICO_ENTRIES)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: ICO has %u images, expected 1 to %u", url, count, MAX_ICO_ENTRIES);
      return FALSE;
    }
  directory_end = 6 + (gsize) count * 16;
  if (directory_end > length)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: ICO directory is cut off", url);
      return FALSE;
    }

  for (guint i = 0; i < count; i++)
    {
      const guint8 *entry = data + 6 + (gsize) i * 16;
      guint32 size = read_le32 (entry + 8);
      guint32 offset = read_le32 (entry + 12);
      const guint8 *img;

      if (offset < directory_end || offset >= length || size == 0 || size > length - offset)
        {
          g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                       "%s: ICO image %u lies outside the file", url, i);
          return FALSE;
        }
      img = data + offset;
      if (size >= sizeof png_signature && memcmp (img, png_signature, sizeof png_signature) == 0)
        {
          g_autoptr(GError) png_error = NULL;

          if (!check_png (img, size, url, &png_error))
            {
              const char *why = png_error->message;

              if (g_str_has_prefix (why, url) && g_str_has_prefix (why + strlen (url), ": "))
                why += strlen (url) + 2;
              g_set_error (error, ATR_THEME_ERROR, png_error->code, "%s: ICO image %u: %s",
                           url, i, why);
              return FALSE;
            }
        }
      else if (!check_ico_bmp (img, size, i, url, error))
        return FALSE;
    }

  return TRUE;
}

G_GNUC_PRINTF (4, 5)
static gboolean
refuse (GError     **error,
        const char  *url,
        xmlNode     *node,
        const char  *format,
        ...)
{
  g_autofree char *msg = NULL;
  va_list args;

  va_start (args, format);
  msg = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_UNSAFE_LOGO, "%s: line %ld: %s",
               url, node != NULL ? xmlGetLineNo (node) : 0L, msg);
  return FALSE;
}

/* Every url(…) in @value must point into the document ("#id"). */
static gboolean
urls_are_local (const char *value)
{
  g_autofree char *lower = g_ascii_strdown (value, -1);

  for (const char *p = strstr (lower, "url("); p != NULL; p = strstr (p + 4, "url("))
    {
      const char *q = p + 4;

      while (*q == ' ' || *q == '\t' || *q == '\n' || *q == '\r' || *q == '"' || *q == '\'')
        q++;
      if (*q != '#')
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_local_ref (const char *value)
{
  while (g_ascii_isspace (*value))
    value++;
  return value[0] == '#' && value[1] != '\0';
}

static gboolean
check_svg_attributes (xmlNode     *node,
                      const char  *url,
                      GError     **error)
{
  for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
    {
      const char *name = (const char *) attr->name;
      g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) attr);

      if (g_ascii_strncasecmp (name, "on", 2) == 0)
        return refuse (error, url, node, "event attribute %s on <%s> is not allowed",
                       name, node->name);
      if (value == NULL)
        continue;
      if (g_ascii_strcasecmp (name, "href") == 0 && !is_local_ref (value))
        return refuse (error, url, node, "<%s> %s%s%s=\"%.40s\" is an external reference; only "
                       "\"#id\" is allowed", node->name,
                       attr->ns != NULL && attr->ns->prefix != NULL ? (const char *) attr->ns->prefix : "",
                       attr->ns != NULL && attr->ns->prefix != NULL ? ":" : "", name, value);
      if (!urls_are_local (value))
        return refuse (error, url, node, "<%s> %s uses url() outside the document", node->name,
                       name);
      if (g_ascii_strcasecmp (name, "attributeName") == 0
          && (g_ascii_strncasecmp (value, "on", 2) == 0 || g_str_has_suffix (value, "href")))
        return refuse (error, url, node, "<%s> animates %s, which is not allowed", node->name,
                       value);
    }

  return TRUE;
}

static gboolean
check_svg_node (xmlNode     *node,
                const char  *url,
                GError     **error)
{
  for (; node != NULL; node = node->next)
    {
      switch (node->type)
        {
        case XML_ELEMENT_NODE:
          for (guint i = 0; refused_elements[i] != NULL; i++)
            if (g_ascii_strcasecmp ((const char *) node->name, refused_elements[i]) == 0)
              return refuse (error, url, node, "<%s> is not allowed in a logo", node->name);

          if (g_ascii_strcasecmp ((const char *) node->name, "style") == 0)
            {
              g_autofree char *text = (char *) xmlNodeGetContent (node);
              g_autofree char *lower = g_ascii_strdown (text != NULL ? text : "", -1);

              if (strstr (lower, "@import") != NULL)
                return refuse (error, url, node, "@import in <style> is not allowed");
              if (!urls_are_local (lower))
                return refuse (error, url, node, "<style> uses url() outside the document");
            }

          if (!check_svg_attributes (node, url, error))
            return FALSE;
          if (!check_svg_node (node->children, url, error))
            return FALSE;
          break;

        case XML_PI_NODE:
          return refuse (error, url, node, "processing instruction <?%s?> is not allowed",
                         node->name);

        case XML_ENTITY_REF_NODE:
        case XML_ENTITY_NODE:
        case XML_ENTITY_DECL:
        case XML_DTD_NODE:
        case XML_XINCLUDE_START:
        case XML_XINCLUDE_END:
          return refuse (error, url, node, "entities, DTDs and XInclude are not allowed");

        default:
          break;
        }
    }

  return TRUE;
}

/* An SVG length in pixels as librsvg sizes the image: absolute units are converted (em and
 * ex at 16 px, more than librsvg's default font), a percentage or no value gives -1, and
 * anything else is not a length (-2). */
static double
svg_length_px (const char *value)
{
  static const struct { const char *unit; double px; } units[] = {
    { "", 1 }, { "px", 1 }, { "pt", 96.0 / 72 }, { "pc", 16 }, { "in", 96 }, { "cm", 96 / 2.54 },
    { "mm", 96 / 25.4 }, { "em", 16 }, { "ex", 16 }, { "rem", 16 },
  };
  g_autofree char *unit = NULL;
  char *end = NULL;
  double number;

  if (value == NULL)
    return -1;
  number = g_ascii_strtod (value, &end);
  if (end == value || !isfinite (number) || number < 0)
    return -2;
  unit = g_strstrip (g_ascii_strdown (end, -1));
  if (g_str_equal (unit, "%"))
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_str_equal (unit, units[i].unit))
      return number * units[i].px;
  return -2;
}

/* The size the image would be rendered at must fit: width and height, or for those given in
 * percent or not at all, the viewBox (librsvg renders a bare viewBox at its size). */
static gboolean
check_svg_size (xmlNode     *root,
                const char  *url,
                GError     **error)
{
  static const char * const names[2] = { "width", "height" };
  g_autofree char *viewbox = (char *) xmlGetProp (root, (const xmlChar *) "viewBox");
  g_auto(GStrv) box = NULL;

  if (viewbox != NULL)
    {
      g_strdelimit (viewbox, ",\t\r\n", ' ');
      box = g_strsplit (g_strstrip (viewbox), " ", -1);
    }

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *value = (char *) xmlGetProp (root, (const xmlChar *) names[i]);
      double px = svg_length_px (value);

      if (px == -2)
        {
          g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                       "%s: <svg> %s=\"%.20s\" is not a length", url, names[i], value);
          return FALSE;
        }
      if (px > ATR_LOGO_MAX_PIXELS)
        {
          g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_TOO_LARGE,
                       "%s: <svg> %s=\"%.20s\" is over %u pixels", url, names[i], value,
                       ATR_LOGO_MAX_PIXELS);
          return FALSE;
        }
      if (px < 0 && box != NULL)
        {
          guint n = 0;
          const char *size = NULL;

          /* the third and fourth numbers, skipping the empty strings of repeated spaces */
          for (guint k = 0; box[k] != NULL; k++)
            if (box[k][0] != '\0' && n++ == 2 + i)
              size = box[k];
          if (size != NULL && g_ascii_strtod (size, NULL) > ATR_LOGO_MAX_PIXELS)
            {
              g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_TOO_LARGE,
                           "%s: <svg> viewBox %s %.20s is over %u pixels (and %s does not "
                           "set a smaller size)", url, names[i], size, ATR_LOGO_MAX_PIXELS,
                           names[i]);
              return FALSE;
            }
        }
    }

  return TRUE;
}

static gboolean
check_svg (const guint8  *data,
           gsize          length,
           const char    *url,
           GError       **error)
{
  xmlParserCtxtPtr ctxt = NULL;
  xmlDocPtr doc = NULL;
  xmlNode *root;
  gboolean ok = FALSE;
  g_autofree char *lower = NULL;

  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: not an SVG image (contains a NUL byte)", url);
      return FALSE;
    }

  /* Refuse DTDs before libxml2 sees them: no entity tricks can start. */
  lower = g_ascii_strdown ((const char *) data, (gssize) length);
  if (strstr (lower, "<!doctype") != NULL || strstr (lower, "<!entity") != NULL)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_UNSAFE_LOGO,
                   "%s: a DTD (<!DOCTYPE>/<!ENTITY>) is not allowed in a logo", url);
      return FALSE;
    }

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_FAILED, "%s: out of memory", url);
      return FALSE;
    }

  doc = xmlCtxtReadMemory (ctxt, (const char *) data, (int) length, url, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL || !ctxt->wellFormed)
    {
      const xmlError *xerr = xmlCtxtGetLastError (ctxt);
      g_autofree char *msg = g_strstrip (g_strdup (xerr != NULL && xerr->message != NULL
                                                   ? xerr->message : "unknown error"));

      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: line %d: not well-formed XML: %s", url, xerr != NULL ? xerr->line : 0,
                   msg);
      goto out;
    }

  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      refuse (error, url, NULL, "a DTD is not allowed in a logo");
      goto out;
    }

  root = xmlDocGetRootElement (doc);
  if (root == NULL || g_strcmp0 ((const char *) root->name, "svg") != 0)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: not an SVG image (the root element is not <svg>)", url);
      goto out;
    }

  if (!check_svg_node (doc->children, url, error))
    goto out;
  if (!check_svg_size (root, url, error))
    goto out;

  ok = TRUE;

out:
  g_clear_pointer (&doc, xmlFreeDoc);
  xmlFreeParserCtxt (ctxt);
  return ok;
}

static gboolean
check_length (gsize        length,
              const char  *url,
              const char  *what,
              GError     **error)
{
  if (length > ATR_LOGO_MAX_SIZE)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_TOO_LARGE,
                   "%s: %s too large (%" G_GSIZE_FORMAT " bytes, at most %u)", url, what,
                   length, ATR_LOGO_MAX_SIZE);
      return FALSE;
    }
  if (length == 0)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED, "%s: empty file", url);
      return FALSE;
    }
  return TRUE;
}

/* The one check behind logos and icons, once the format is known. */
static gboolean
check_image_format (AtrLogoFormat  format,
                    const guint8  *data,
                    gsize          length,
                    const char    *url,
                    GError       **error)
{
  switch (format)
    {
    case ATR_LOGO_FORMAT_PNG:
      return check_png (data, length, url, error);
    case ATR_LOGO_FORMAT_ICO:
      return check_ico (data, length, url, error);
    case ATR_LOGO_FORMAT_SVG:
    default:
      return check_svg (data, length, url, error);
    }
}

/* An error may quote the image (libxml2's "not well-formed" messages copy the offending
 * bytes): every message leaves here as valid UTF-8, since it can reach a log or the screen. */
static gboolean
check_image (AtrLogoFormat  format,
             const guint8  *data,
             gsize          length,
             const char    *url,
             GError       **error)
{
  GError *local_error = NULL;

  if (check_image_format (format, data, length, url, &local_error))
    return TRUE;
  if (!g_utf8_validate (local_error->message, -1, NULL))
    {
      char *valid = g_utf8_make_valid (local_error->message, -1);

      g_free (local_error->message);
      local_error->message = valid;
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

/**
 * atr_logo_check:
 * @data: the logo file as received
 * @length: its length in bytes
 * @url: where it came from; its extension (.png or .svg, query ignored) decides the format
 * @out_format: (out) (optional): the format
 * @error: return location for an %ATR_THEME_ERROR naming @url (and the SVG line)
 *
 * See the file comment for the rules. Pure and without network access.
 *
 * Returns: %TRUE if the logo may be shown
 */
gboolean
atr_logo_check (const guint8   *data,
                gsize           length,
                const char     *url,
                AtrLogoFormat  *out_format,
                GError        **error)
{
  g_autofree char *path = NULL;
  AtrLogoFormat format;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_ascii_strdown (url, strcspn (url, "?#"));
  if (g_str_has_suffix (path, ".png"))
    format = ATR_LOGO_FORMAT_PNG;
  else if (g_str_has_suffix (path, ".svg"))
    format = ATR_LOGO_FORMAT_SVG;
  else
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: only .png and .svg logos are allowed", url);
      return FALSE;
    }

  if (!check_length (length, url, "logo", error)
      || !check_image (format, data, length, url, error))
    return FALSE;

  if (out_format != NULL)
    *out_format = format;
  return TRUE;
}

/* An SVG starts, after an optional UTF-8 BOM and white space, with '<' and has an <svg. */
static gboolean
looks_like_svg (const guint8 *data,
                gsize         length)
{
  gsize i = 0;

  if (length >= 3 && data[0] == 0xef && data[1] == 0xbb && data[2] == 0xbf)
    i = 3;
  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i < length && data[i] == '<'
         && g_strstr_len ((const char *) data + i, (gssize) (length - i), "<svg") != NULL;
}

/**
 * atr_icon_check:
 * @data: the icon file as a feed's server sent it
 * @length: its length in bytes
 * @url: where it came from, named in errors
 * @out_format: (out) (optional): the format
 * @error: return location for an %ATR_THEME_ERROR naming @url
 *
 * The logo rules for resource icons: the format is sniffed from the content (PNG, ICO or
 * SVG; anything else is refused) and checked exactly as atr_logo_check() checks a logo,
 * with the same byte and pixel limits, before GdkTexture decodes it. Pure and without
 * network access.
 *
 * Returns: %TRUE if the icon may be decoded
 */
gboolean
atr_icon_check (const guint8   *data,
                gsize           length,
                const char     *url,
                AtrLogoFormat  *out_format,
                GError        **error)
{
  static const guint8 ico_magic[4] = { 0, 0, 1, 0 };
  AtrLogoFormat format;

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_length (length, url, "icon", error))
    return FALSE;

  if (length >= sizeof png_signature && memcmp (data, png_signature, sizeof png_signature) == 0)
    format = ATR_LOGO_FORMAT_PNG;
  else if (length >= sizeof ico_magic && memcmp (data, ico_magic, sizeof ico_magic) == 0)
    format = ATR_LOGO_FORMAT_ICO;
  else if (looks_like_svg (data, length))
    format = ATR_LOGO_FORMAT_SVG;
  else
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED,
                   "%s: not a PNG, ICO or SVG image", url);
      return FALSE;
    }

  if (!check_image (format, data, length, url, error))
    return FALSE;

  if (out_format != NULL)
    *out_format = format;
  return TRUE;
}
