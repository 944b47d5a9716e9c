/* fuzz-logo.c — tenant logos and icons: atr_logo_check()
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Properties: no crash or over-read, whatever the URL says; a logo refused has an error and
 * vice versa; a PNG accepted starts with the PNG signature and an IHDR whose size is within
 * ATR_LOGO_MAX_PIXELS on both sides; an SVG accepted holds no script and no external
 * reference the check exists to refuse: re-parsed with libxml2, no element of any namespace
 * or case is named "script" (a "<script" inside a comment or CDATA is text, not a script).
 */
#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "atr-logo-check.h"

#include "atr-fuzz.h"

static guint32
read_be32 (const uint8_t *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
has_script_element (xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE &&
          g_ascii_strcasecmp ((const char *) node->name, "script") == 0)
        return TRUE;
      if (node->type == XML_ELEMENT_NODE && has_script_element (node->children))
        return TRUE;
    }
  return FALSE;
}

static void
check_one (const uint8_t *data,
           size_t         size,
           const char    *url)
{
  static const uint8_t signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GError) error = NULL;
  AtrLogoFormat format = ATR_LOGO_FORMAT_SVG;
  gboolean ok;

  ok = atr_logo_check (data, size, url, &format, &error);
  ATR_FUZZ_CHECK (ok == (error == NULL), "result and error disagree");
  if (!ok)
    {
      ATR_FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL), "error is not UTF-8");
      return;
    }

  if (format == ATR_LOGO_FORMAT_PNG)
    {
      guint32 width, height;

      ATR_FUZZ_CHECK (size >= 24 && memcmp (data, signature, 8) == 0, "PNG signature");
      ATR_FUZZ_CHECK (memcmp (data + 12, "IHDR", 4) == 0, "PNG without IHDR first");
      width = read_be32 (data + 16);
      height = read_be32 (data + 20);
      ATR_FUZZ_CHECK (width >= 1 && height >= 1 && width <= ATR_LOGO_MAX_PIXELS &&
                      height <= ATR_LOGO_MAX_PIXELS, "PNG of %u×%u accepted", width, height);
    }
  else
    {
      xmlDocPtr doc = xmlReadMemory ((const char *) data, (int) size, NULL, NULL,
                                     XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

      ATR_FUZZ_CHECK (doc != NULL, "SVG accepted that libxml2 cannot parse");
      ATR_FUZZ_CHECK (!has_script_element (xmlDocGetRootElement (doc)),
                      "SVG with a script accepted");
      xmlFreeDoc (doc);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  atr_fuzz_init_logging ();
  if (size > ATR_LOGO_MAX_SIZE + 16)
    return -1;

  check_one (data, size, "https://tenant.atrium.test/theme/logo.png");
  check_one (data, size, "https://tenant.atrium.test/theme/logo.svg");
  check_one (data, size, "https://tenant.atrium.test/theme/logo");
  return 0;
}
