/* atr-logo-check.c — is a tenant logo a safe, small PNG or SVG? (pure: no I/O, no network)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Logos are rendered through librsvg / GdkTexture, never a browser, but a logo is still
 * untrusted input from a tenant's web server. A PNG must have a valid signature and an IHDR
 * of at most 2048×2048. An SVG is parsed with libxml2 without network, DTD or entity
 * expansion and refused if it has: a DTD, processing instructions, entity references,
 * <script>, <foreignObject> (or HTML embedding elements), on* event attributes, animations
 * of href or event attributes, href/xlink:href that is not a same-document "#id",
 * url(…) that is not "#id", or @import in <style>; and if its width/height exceed 2048 px.
 */
#define G_LOG_DOMAIN "atrium-themes"

#include "config.h"

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

static gboolean
check_svg_size (xmlNode     *root,
                const char  *name,
                const char  *url,
                GError     **error)
{
  g_autofree char *value = (char *) xmlGetProp (root, (const xmlChar *) name);
  char *end = NULL;
  double px;

  if (value == NULL)
    return TRUE;

  px = g_ascii_strtod (value, &end);
  if (end == value || (*end != '\0' && g_ascii_strcasecmp (end, "px") != 0))
    return TRUE; /* %, em, mm…: librsvg scales it to the space the UI gives */

  if (px > ATR_LOGO_MAX_PIXELS)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_TOO_LARGE,
                   "%s: <svg> %s=\"%.20s\" is over %u pixels", url, name, value,
                   ATR_LOGO_MAX_PIXELS);
      return FALSE;
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
  if (!check_svg_size (root, "width", url, error) || !check_svg_size (root, "height", url, error))
    goto out;

  ok = TRUE;

out:
  g_clear_pointer (&doc, xmlFreeDoc);
  xmlFreeParserCtxt (ctxt);
  return ok;
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

  if (length > ATR_LOGO_MAX_SIZE)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_TOO_LARGE,
                   "%s: logo too large (%" G_GSIZE_FORMAT " bytes, at most %u)", url, length,
                   ATR_LOGO_MAX_SIZE);
      return FALSE;
    }
  if (length == 0)
    {
      g_set_error (error, ATR_THEME_ERROR, ATR_THEME_ERROR_MALFORMED, "%s: empty file", url);
      return FALSE;
    }

  if (format == ATR_LOGO_FORMAT_PNG ? !check_png (data, length, url, error)
                                    : !check_svg (data, length, url, error))
    return FALSE;

  if (out_format != NULL)
    *out_format = format;
  return TRUE;
}
