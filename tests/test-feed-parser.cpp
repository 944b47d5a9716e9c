// Tests for the workspace feed parser (net/atr-feed*.c): real-shaped feeds of every schema,
// the quirks real servers produce, and hostile or broken documents (tests/data/feeds/).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/globals.h>
#include <libxml/xmlerror.h>
#include <unistd.h>

#include "atr-feed.h"
#include "atr-net-error.h"

namespace {

const char *FEED_URL = "https://rdweb.harbour.example/RDWeb/Feed/webfeed.aspx";
const char *BASE = "https://rdweb.harbour.example/RDWeb/Pages/rdp/";

std::string
fixture_path (const char *name)
{
  const char *dir = g_getenv ("ATR_TEST_DATA");
  g_autofree char *path = g_build_filename (dir != NULL ? dir : "tests/data", "feeds", name,
                                            NULL);
  return path;
}

std::string
read_fixture (const char *name)
{
  g_autofree char *data = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (fixture_path (name).c_str (), &data, &length, &error))
    {
      ADD_FAILURE () << error->message;
      return "";
    }
  return std::string (data, length);
}

AtrFeed *
parse_string (const std::string &doc, GError **error,
              const char * const *extra = NULL)
{
  return atr_feed_parse (doc.data (), doc.size (), FEED_URL, extra, error);
}

AtrFeed *
parse_ok (const char *name, const char * const *extra = NULL)
{
  g_autoptr(GError) error = NULL;
  AtrFeed *feed = parse_string (read_fixture (name), &error, extra);

  EXPECT_NE (feed, nullptr) << name << ": " << (error ? error->message : "");
  EXPECT_EQ (error, nullptr);
  return feed;
}

// Parses a fixture that must be refused; returns the error message.
std::string
parse_fails (const std::string &doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeed) feed = parse_string (doc, &error);

  EXPECT_EQ (feed, nullptr);
  if (error == NULL)
    return "";
  EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_BAD_DATA)) << error->message;
  return error->message;
}

std::string
fixture_fails (const char *name)
{
  return parse_fails (read_fixture (name));
}

AtrResource *
resource_at (AtrFeed *feed, guint i)
{
  GPtrArray *resources = atr_feed_get_resources (feed);

  if (i >= resources->len)
    {
      ADD_FAILURE () << "no resource " << i;
      return NULL;
    }
  return ATR_RESOURCE (g_ptr_array_index (resources, i));
}

std::vector<std::string>
strv (const char * const *v)
{
  std::vector<std::string> out;
  for (; v != NULL && *v != NULL; v++)
    out.push_back (*v);
  return out;
}

std::vector<std::string>
warnings (AtrFeed *feed)
{
  return strv (atr_feed_get_warnings (feed));
}

std::vector<std::string>
ids (AtrFeed *feed)
{
  std::vector<std::string> out;
  GPtrArray *resources = atr_feed_get_resources (feed);
  for (guint i = 0; i < resources->len; i++)
    out.push_back (atr_resource_get_id (ATR_RESOURCE (g_ptr_array_index (resources, i))));
  return out;
}

// "size=url" pairs in ascending size, to compare icons in one go.
std::vector<std::string>
icons (AtrResource *r)
{
  std::vector<std::string> out;
  for (guint i = 0; i < atr_resource_get_n_icons (r); i++)
    {
      guint size = 0;
      const char *url = atr_resource_get_icon (r, i, &size);
      out.push_back (std::to_string (size) + "=" + url);
    }
  return out;
}

std::string
url (const char *tail)
{
  return std::string (BASE) + tail;
}

using Strings = std::vector<std::string>;

bool
contains (const std::string &haystack, const char *needle)
{
  return haystack.find (needle) != std::string::npos;
}

#define EXPECT_CONTAINS(haystack, needle) \
  EXPECT_TRUE (contains ((haystack), (needle))) << "\"" << (haystack) << "\" lacks \"" << (needle) << "\""

// ----- real-shaped feeds -----

TEST (FeedParser, Schema11)
{
  g_autoptr(AtrFeed) feed = parse_ok ("schema-1.1.xml");
  ASSERT_NE (feed, nullptr);

  EXPECT_STREQ (atr_feed_get_schema_version (feed), "1.1");
  EXPECT_STREQ (atr_feed_get_publisher_name (feed), "Legacy RemoteApp");
  EXPECT_STREQ (atr_feed_get_publisher_id (feed), "ts01.legacy.example");
  EXPECT_FALSE (atr_feed_get_supports_reconnect (feed));
  EXPECT_EQ (warnings (feed), Strings ());
  EXPECT_EQ (ids (feed), (Strings { "3f2b8a90-wordpad", "8c1d0e22-calc", "TS01-desktop" }));

  AtrResource *wordpad = resource_at (feed, 0);
  EXPECT_STREQ (atr_resource_get_alias (wordpad), "wordpad");
  EXPECT_STREQ (atr_resource_get_title (wordpad), "WordPad");
  EXPECT_EQ (atr_resource_get_kind (wordpad), ATR_RESOURCE_KIND_REMOTEAPP);
  EXPECT_EQ (atr_resource_get_rdp_url (wordpad), url ("wordpad.rdp"));
  EXPECT_STREQ (atr_resource_get_publisher (wordpad), "Legacy RemoteApp");
  EXPECT_TRUE (atr_resource_get_show_by_default (wordpad));
  EXPECT_EQ (strv (atr_resource_get_folders (wordpad)), Strings ());
  EXPECT_EQ (strv (atr_resource_get_file_extensions (wordpad)), (Strings { ".rtf", ".txt" }));
  EXPECT_EQ (icons (wordpad), (Strings { "0=" + url ("wordpad.ico"), "32=" + url ("wordpad.png") }));

  AtrResource *calc = resource_at (feed, 1);
  EXPECT_EQ (atr_resource_get_rdp_url (calc), url ("calc.rdp"));   // relative, resolved
  EXPECT_EQ (icons (calc), (Strings { "0=" + url ("calc.ico"), "32=" + url ("calc.png") }));
  EXPECT_EQ (strv (atr_resource_get_file_extensions (calc)), Strings ());

  AtrResource *desktop = resource_at (feed, 2);
  EXPECT_EQ (atr_resource_get_kind (desktop), ATR_RESOURCE_KIND_DESKTOP);
  EXPECT_STREQ (atr_resource_get_title (desktop), "Legacy Desktop");
  EXPECT_EQ (atr_resource_get_rdp_url (desktop), url ("TS01-desktop.rdp"));
}

TEST (FeedParser, Schema20)
{
  g_autoptr(AtrFeed) feed = parse_ok ("schema-2.0.xml");
  ASSERT_NE (feed, nullptr);

  EXPECT_STREQ (atr_feed_get_schema_version (feed), "2.0");
  EXPECT_STREQ (atr_feed_get_publisher_name (feed), "Quay Apps");
  EXPECT_FALSE (atr_feed_get_supports_reconnect (feed));
  EXPECT_EQ (warnings (feed), Strings ());
  EXPECT_EQ (ids (feed), (Strings { "Word-QuayApps-CmsRdsh", "Notepad-QuayApps-CmsRdsh",
                                    "QuayApps" }));

  AtrResource *word = resource_at (feed, 0);
  EXPECT_STREQ (atr_resource_get_title (word), "Microsoft Word");
  EXPECT_EQ (strv (atr_resource_get_folders (word)), Strings { "/Office" });
  EXPECT_EQ (strv (atr_resource_get_file_extensions (word)), (Strings { ".docx", ".doc" }));
  // Icon with Dimensions, IconRaw and Icon32 in that order; FileAssociationIcons are not icons
  EXPECT_EQ (icons (word), (Strings { "0=" + url ("cpub-Word-QuayApps-CmsRdsh.ico"),
                                      "32=" + url ("cpub-Word-QuayApps-CmsRdsh.png"),
                                      "48=" + url ("cpub-Word-QuayApps-CmsRdsh.48.png") }));
  EXPECT_EQ (atr_resource_get_rdp_url (word), url ("cpub-Word-QuayApps-CmsRdsh.rdp"));

  AtrResource *notepad = resource_at (feed, 1);
  EXPECT_EQ (strv (atr_resource_get_folders (notepad)), (Strings { "/Tools", "/Office" }));

  AtrResource *desktop = resource_at (feed, 2);
  EXPECT_EQ (atr_resource_get_kind (desktop), ATR_RESOURCE_KIND_DESKTOP);
  EXPECT_EQ (strv (atr_resource_get_folders (desktop)), Strings { "/" });
}

TEST (FeedParser, Schema21)
{
  g_autoptr(AtrFeed) feed = parse_ok ("schema-2.1.xml");
  ASSERT_NE (feed, nullptr);

  EXPECT_STREQ (atr_feed_get_schema_version (feed), "2.1");
  EXPECT_STREQ (atr_feed_get_publisher_name (feed), "Harbour Workspace");
  EXPECT_STREQ (atr_feed_get_publisher_id (feed), "cb01.harbour.example");
  EXPECT_TRUE (atr_feed_get_supports_reconnect (feed));
  EXPECT_EQ (warnings (feed), Strings ());
  EXPECT_EQ (ids (feed), (Strings { "HarbourDesktops", "EngDesktops", "Excel-HarbourApps-CmsRdsh",
                                    "Word-HarbourApps-CmsRdsh", "CadViewer-EngApps-CmsRdsh" }));

  AtrResource *desk = resource_at (feed, 0);
  EXPECT_EQ (atr_resource_get_kind (desk), ATR_RESOURCE_KIND_DESKTOP);
  EXPECT_TRUE (atr_resource_get_show_by_default (desk));
  // the query string is kept verbatim, &amp; decoded to &
  EXPECT_EQ (atr_resource_get_rdp_url (desk),
             url ("cpub-HarbourDesktops-HarbourDesktops-CmsRdsh.rdp?hash=4b7c21e0&v=2"));
  EXPECT_EQ (icons (desk),
             (Strings { "0=" + url ("cpub-HarbourDesktops-HarbourDesktops-CmsRdsh.ico?hash=9d1f00aa"),
                        "32=" + url ("cpub-HarbourDesktops-HarbourDesktops-CmsRdsh.png?hash=9d1f00aa"),
                        "64=" + url ("cpub-HarbourDesktops-HarbourDesktops-CmsRdsh.64.png?hash=9d1f00aa") }));

  AtrResource *eng = resource_at (feed, 1);
  EXPECT_FALSE (atr_resource_get_show_by_default (eng));
  EXPECT_EQ (strv (atr_resource_get_folders (eng)), Strings { "/Engineering/CAD" });

  AtrResource *excel = resource_at (feed, 2);
  EXPECT_EQ (atr_resource_get_kind (excel), ATR_RESOURCE_KIND_REMOTEAPP);
  EXPECT_STREQ (atr_resource_get_alias (excel), "Excel");
  EXPECT_STREQ (atr_resource_get_publisher (excel), "Harbour Workspace");
  EXPECT_EQ (strv (atr_resource_get_file_extensions (excel)), (Strings { ".xlsx", ".csv" }));
  const char *p = "cpub-Excel-HarbourApps-CmsRdsh";
  EXPECT_EQ (icons (excel), (Strings { "0=" + url (p) + ".ico?hash=77aa",
                                       "16=" + url (p) + ".16.png?hash=77aa",
                                       "32=" + url (p) + ".png?hash=77aa",
                                       "48=" + url (p) + ".48.png?hash=77aa",
                                       "100=" + url (p) + ".100.png?hash=77aa",
                                       "256=" + url (p) + ".256.png?hash=77aa" }));
  EXPECT_STREQ (atr_resource_lookup_icon (excel, ATR_RESOURCE_ICON_RAW),
                (url (p) + ".ico?hash=77aa").c_str ());

  AtrResource *word = resource_at (feed, 3);
  EXPECT_EQ (strv (atr_resource_get_folders (word)), (Strings { "/Office", "/" }));

  AtrResource *cad = resource_at (feed, 4);
  EXPECT_FALSE (atr_resource_get_show_by_default (cad));
  EXPECT_EQ (atr_resource_get_rdp_url (cad), url ("cpub-CadViewer-EngApps-CmsRdsh.rdp"));
}

TEST (FeedParser, Quirks)
{
  g_autoptr(AtrFeed) feed = parse_ok ("quirks.xml");
  ASSERT_NE (feed, nullptr);

  EXPECT_STREQ (atr_feed_get_schema_version (feed), "1.0");
  // SupportsReconnect on the ResourceCollection rather than the Publisher
  EXPECT_TRUE (atr_feed_get_supports_reconnect (feed));
  // unknown elements, attributes and foreign-namespace Resources are ignored; duplicate
  // TerminalServer IDs and Refs with stray spaces are fine
  EXPECT_EQ (ids (feed), (Strings { "app-one", "desk-two" }));
  EXPECT_EQ (warnings (feed),
             Strings { "resource 'app-one' (line 14): IconBogus has no usable size; ignored" });

  AtrResource *one = resource_at (feed, 0);
  EXPECT_STREQ (atr_resource_get_title (one), "one");   // no Title: the Alias
  // FileType in any case, Icons in any order, spaces around FileURL
  EXPECT_EQ (icons (one), (Strings { "0=" + url ("one.ico"), "32=" + url ("one.png"),
                                     "48=" + url ("one.48.png") }));
  // folder names without the leading "/" (and with a trailing one)
  EXPECT_EQ (strv (atr_resource_get_folders (one)), (Strings { "/Office", "/Tools" }));
  // the first ResourceFile whose FileExtension is .rdp (in any case) wins
  EXPECT_EQ (atr_resource_get_rdp_url (one), url ("one.rdp"));
  EXPECT_TRUE (atr_resource_get_show_by_default (one));   // absent = true

  AtrResource *two = resource_at (feed, 1);
  EXPECT_EQ (atr_resource_get_kind (two), ATR_RESOURCE_KIND_DESKTOP);   // "desktop"
  EXPECT_STREQ (atr_resource_get_title (two), "desk-two");   // no Title, no Alias: the ID
  EXPECT_STREQ (atr_resource_get_alias (two), "desk-two");
  EXPECT_EQ (atr_resource_get_rdp_url (two), url ("desk-two.rdp"));   // no FileExtension = .rdp
}

TEST (FeedParser, HonestLatin1IsConverted)
{
  g_autoptr(AtrFeed) feed = parse_ok ("latin1.xml");
  ASSERT_NE (feed, nullptr);
  EXPECT_STREQ (atr_resource_get_title (resource_at (feed, 0)), "Caf\xc3\xa9 No\xc3\xabl");
}

// ----- hostile: DTDs and entities -----

TEST (FeedParser, BillionLaughs)
{
  std::string msg = fixture_fails ("billion-laughs.xml");
  EXPECT_EQ (msg, "Feed from rdweb.harbour.example: line 2: the document has a DOCTYPE; "
                  "feeds with a DTD are refused");
}

TEST (FeedParser, ExternalEntity)
{
  std::string msg = fixture_fails ("external-entity.xml");
  EXPECT_CONTAINS (msg, "line 2: the document has a DOCTYPE");
}

TEST (FeedParser, DtdOnly)
{
  std::string msg = fixture_fails ("dtd-only.xml");
  EXPECT_CONTAINS (msg, "line 2: the document has a DOCTYPE");
  EXPECT_FALSE (contains (msg, "evil.example"));
}

TEST (FeedParser, HtmlLoginPage)
{
  EXPECT_CONTAINS (fixture_fails ("html-login.html"), "line 1: the document has a DOCTYPE");
}

TEST (FeedParser, UndeclaredEntity)
{
  std::string msg = fixture_fails ("undeclared-entity.xml");
  EXPECT_CONTAINS (msg, "not well-formed XML: line 3");
  EXPECT_CONTAINS (msg, "Entity 'secret' not defined");
}

// Whatever a DTD or an external entity says must never reach the result or the error.
TEST (FeedParser, NothingFromDtdOrExternalEntityAppears)
{
  const char *marker = "ATRIUM-LEAK-MARKER-7f3a";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("atr-feed-XXXXXX", &error);
  ASSERT_NE (dir, nullptr);
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *dtd = g_build_filename (dir, "evil.dtd", NULL);
  ASSERT_TRUE (g_file_set_contents (secret, marker, -1, NULL));
  std::string dtd_text = std::string ("<!ENTITY leak \"") + marker + "\">\n"
                         "<!ATTLIST Resource Title CDATA \"" + marker + "\">\n";
  ASSERT_TRUE (g_file_set_contents (dtd, dtd_text.c_str (), -1, NULL));

  std::string body =
    "<ResourceCollection SchemaVersion=\"2.1\" xmlns=\"http://schemas.microsoft.com/ts/2007/05/tswf\">"
    "<Publisher Name=\"P &leak;\" ID=\"p\"><Resources>"
    "<Resource ID=\"r\" Type=\"RemoteApp\" Alias=\"&leak;\"><HostingTerminalServers><HostingTerminalServer>"
    "<ResourceFile URL=\"/x.rdp\"/></HostingTerminalServer></HostingTerminalServers></Resource>"
    "</Resources></Publisher></ResourceCollection>";
  std::vector<std::string> docs = {
    // external general entity
    std::string ("<!DOCTYPE ResourceCollection [<!ENTITY leak SYSTEM \"file://") + secret
      + "\">]>" + body,
    // external DTD declaring the entity and a defaulted attribute
    std::string ("<!DOCTYPE ResourceCollection SYSTEM \"file://") + dtd + "\">" + body,
    // parameter entity pulling the external DTD in
    std::string ("<!DOCTYPE ResourceCollection [<!ENTITY % ext SYSTEM \"file://") + dtd
      + "\"> %ext;]>" + body,
    // internal entity
    std::string ("<!DOCTYPE ResourceCollection [<!ENTITY leak \"") + marker + "\">]>" + body,
  };

  for (const std::string &doc : docs)
    {
      g_autoptr(GError) parse_error = NULL;
      g_autoptr(AtrFeed) feed = parse_string (doc, &parse_error);

      ASSERT_EQ (feed, nullptr) << doc;
      EXPECT_FALSE (contains (parse_error->message, marker)) << parse_error->message;
      EXPECT_FALSE (contains (parse_error->message, "secret.txt")) << parse_error->message;
      EXPECT_CONTAINS (std::string (parse_error->message), "DOCTYPE");
    }

  // and without a DOCTYPE, an entity reference is an error, never a lookup
  std::string doc = std::string ("<?xml version=\"1.0\"?>") + body;
  std::string msg = parse_fails (doc);
  EXPECT_CONTAINS (msg, "Entity 'leak' not defined");
  EXPECT_FALSE (contains (msg, marker));

  g_unlink (secret);
  g_unlink (dtd);
  g_rmdir (dir);
}

// ----- hostile: size, depth, attributes -----

std::string
nested_feed (int levels)
{
  std::string doc = "<ResourceCollection SchemaVersion=\"2.1\" "
                    "xmlns=\"http://schemas.microsoft.com/ts/2007/05/tswf\">\n<Publisher Name=\"P\">\n";
  for (int i = 0; i < levels; i++)
    doc += "<Nest>";
  for (int i = 0; i < levels; i++)
    doc += "</Nest>";
  return doc + "\n</Publisher></ResourceCollection>\n";
}

TEST (FeedParser, DeepNesting)
{
  // ResourceCollection + Publisher + 30 = 32 levels: allowed
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeed) feed = parse_string (nested_feed (ATR_FEED_MAX_DEPTH - 2), &error);
  EXPECT_NE (feed, nullptr);

  EXPECT_EQ (parse_fails (nested_feed (ATR_FEED_MAX_DEPTH - 1)),
             "Feed from rdweb.harbour.example: <Nest> (line 3) is nested more than 32 elements deep");
  EXPECT_CONTAINS (parse_fails (nested_feed (100000)), "<Nest> (line 3) is nested more than 32");
}

std::string
feed_with (const std::string &publisher_attrs, const std::string &resources)
{
  return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
         "<ResourceCollection SchemaVersion=\"2.1\" xmlns=\"http://schemas.microsoft.com/ts/2007/05/tswf\">\n"
         "<Publisher Name=\"P\" " + publisher_attrs + ">\n<Resources>\n" + resources
         + "</Resources>\n</Publisher>\n</ResourceCollection>\n";
}

std::string
simple_resource (const std::string &id, const std::string &extra = "",
                 const std::string &rdp = "/RDWeb/Pages/rdp/app.rdp")
{
  return "<Resource ID=\"" + id + "\" Type=\"RemoteApp\" " + extra + ">\n"
         "<HostingTerminalServers><HostingTerminalServer><ResourceFile URL=\"" + rdp + "\"/>"
         "</HostingTerminalServer></HostingTerminalServers>\n</Resource>\n";
}

TEST (FeedParser, HugeAttributes)
{
  std::string limit (ATR_FEED_MAX_ATTRIBUTE_LENGTH, 'a');
  std::string over (ATR_FEED_MAX_ATTRIBUTE_LENGTH + 1, 'b');
  std::string doc = feed_with ("", simple_resource ("at-limit", "Title=\"" + limit + "\"")
                                   + simple_resource ("too-long", "Title=\"" + over + "\"")
                                   + simple_resource (over)
                                   + simple_resource ("icon-too-long", "",
                                                      "/x.rdp?" + over)
                                   + simple_resource ("kept"));
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeed) feed = parse_string (doc, &error);
  ASSERT_NE (feed, nullptr) << error->message;

  EXPECT_EQ (ids (feed), (Strings { "at-limit", "kept" }));
  EXPECT_EQ (atr_resource_get_title (resource_at (feed, 0)), limit);
  Strings w = warnings (feed);
  ASSERT_EQ (w.size (), 3u);
  EXPECT_EQ (w[0], "resource 'too-long' (line 8): attribute Title of <Resource> is longer than "
                   "4096 bytes; dropped");
  // a huge ID is shortened in the warning
  EXPECT_EQ (w[1], "resource '" + std::string (64, 'b') + "…' (line 11): attribute ID of "
                   "<Resource> is longer than 4096 bytes; dropped");
  EXPECT_EQ (w[2], "resource 'icon-too-long' (line 15): attribute URL of <ResourceFile> is "
                   "longer than 4096 bytes; dropped");

  // outside a Resource the whole document is refused
  EXPECT_EQ (parse_fails (feed_with ("Description=\"" + over + "\"", simple_resource ("x"))),
             "Feed from rdweb.harbour.example: <Publisher> (line 3): attribute Description is "
             "longer than 4096 bytes");
}

TEST (FeedParser, Oversize)
{
  std::string head = read_fixture ("schema-2.1.xml");
  std::string doc = head + std::string (ATR_FEED_MAX_SIZE + 1 - head.size (), ' ');
  ASSERT_EQ (doc.size (), (gsize) ATR_FEED_MAX_SIZE + 1);
  EXPECT_EQ (parse_fails (doc), "Feed from rdweb.harbour.example is 16777217 bytes; the limit is "
                                "16777216");

  // exactly at the limit is still parsed (padded with unknown elements)
  doc = feed_with ("", simple_resource ("a"));
  std::string tail = doc.substr (doc.find ("</Resources>"));
  doc.resize (doc.size () - tail.size ());
  while (doc.size () + tail.size () + 7 <= ATR_FEED_MAX_SIZE)
    doc += "<Pad/>\n";
  doc += std::string (ATR_FEED_MAX_SIZE - doc.size () - tail.size (), ' ') + tail;
  ASSERT_EQ (doc.size (), (gsize) ATR_FEED_MAX_SIZE);
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeed) feed = parse_string (doc, &error);
  ASSERT_NE (feed, nullptr) << error->message;
  EXPECT_EQ (ids (feed), Strings { "a" });
}

// ----- hostile: not a feed -----

TEST (FeedParser, Truncated)
{
  EXPECT_EQ (fixture_fails ("truncated.xml"),
             "Feed from rdweb.harbour.example is not well-formed XML: line 25, in <Resource>: "
             "Premature end of data in tag Resource line 9");
}

TEST (FeedParser, WrongNamespace)
{
  EXPECT_EQ (fixture_fails ("wrong-namespace.xml"),
             "Feed from rdweb.harbour.example: <ResourceCollection> (line 2) is in namespace "
             "\"http://schemas.microsoft.com/ts/2099/01/other\"; expected "
             "http://schemas.microsoft.com/ts/2007/05/tswf");
}

TEST (FeedParser, NoNamespace)
{
  EXPECT_EQ (fixture_fails ("no-namespace.xml"),
             "Feed from rdweb.harbour.example: <ResourceCollection> (line 2) has no namespace; "
             "expected http://schemas.microsoft.com/ts/2007/05/tswf");
}

TEST (FeedParser, WrongRoot)
{
  EXPECT_EQ (fixture_fails ("wrong-root.xml"),
             "Feed from rdweb.harbour.example: the root element <feed> (line 2) is not "
             "<ResourceCollection>");
}

TEST (FeedParser, NoPublisher)
{
  EXPECT_EQ (fixture_fails ("no-publisher.xml"),
             "Feed from rdweb.harbour.example: <ResourceCollection> (line 2) has no <Publisher>");
}

TEST (FeedParser, Empty)
{
  EXPECT_EQ (fixture_fails ("empty.xml"), "Feed from rdweb.harbour.example is empty (line 1)");
  EXPECT_EQ (fixture_fails ("whitespace.xml"),
             "Feed from rdweb.harbour.example is not well-formed XML: line 4: Start tag expected, "
             "'<' not found");
}

TEST (FeedParser, NotXml)
{
  EXPECT_EQ (fixture_fails ("not-xml.txt"),
             "Feed from rdweb.harbour.example is not well-formed XML: line 1: Start tag expected, "
             "'<' not found");
}

// ----- hostile: encodings -----

TEST (FeedParser, InvalidUtf8)
{
  EXPECT_EQ (fixture_fails ("bad-utf8.xml"),
             "Feed from rdweb.harbour.example is not well-formed XML: line 6, in <Resources>: "
             "Input is not proper UTF-8, indicate encoding !?Bytes: 0xC3 0x28 0x20 0xFF");
}

TEST (FeedParser, LyingEncodingDeclaration)
{
  EXPECT_EQ (fixture_fails ("lying-encoding.xml"),
             "Feed from rdweb.harbour.example is not well-formed XML: line 1: Document labelled "
             "UTF-16 but has UTF-8 content");
  // declared UTF-8, sent as Latin-1
  EXPECT_EQ (fixture_fails ("latin1-as-utf8.xml"),
             "Feed from rdweb.harbour.example is not well-formed XML: line 6, in <Resources>: "
             "Input is not proper UTF-8, indicate encoding !?Bytes: 0xE9 0x20 0x4E 0x6F");
  EXPECT_EQ (fixture_fails ("unknown-encoding.xml"),
             "Feed from rdweb.harbour.example is not well-formed XML: line 1: Unsupported "
             "encoding x-klingon-8");
}

// ----- hostile: resources that must be dropped -----

TEST (FeedParser, MissingId)
{
  g_autoptr(AtrFeed) feed = parse_ok ("missing-id.xml");
  ASSERT_NE (feed, nullptr);

  EXPECT_EQ (ids (feed), (Strings { "kept", "no-title-alias", "no-title" }));
  EXPECT_EQ (warnings (feed), (Strings { "Resource (line 5, title \"First\"): no ID; dropped",
                                         "Resource (line 13, title \"Empty ID\"): no ID; dropped" }));
  EXPECT_STREQ (atr_resource_get_title (resource_at (feed, 1)), "no-title-alias");
  EXPECT_STREQ (atr_resource_get_title (resource_at (feed, 2)), "alias-only");
}

// An ID shared by resources with different .rdp files names different resources: raweb
// (github.com/kimmknight/raweb, 2020–2024) gave every Chrome web app the ID of the program it
// runs, chrome_proxy.exe. The same ID with the same .rdp file is one resource listed twice.
TEST (FeedParser, DuplicateIds)
{
  g_autoptr(AtrFeed) feed = parse_ok ("duplicate-ids.xml");
  ASSERT_NE (feed, nullptr);

  EXPECT_EQ (ids (feed), (Strings { "Calc", "Paint", "Calc" }));
  EXPECT_STREQ (atr_resource_get_title (resource_at (feed, 0)), "Calculator");
  EXPECT_EQ (atr_resource_get_rdp_url (resource_at (feed, 0)), url ("calc.rdp"));
  EXPECT_STREQ (atr_resource_get_title (resource_at (feed, 2)), "Calculator (another .rdp file)");
  EXPECT_EQ (atr_resource_get_rdp_url (resource_at (feed, 2)), url ("impostor.rdp"));
  EXPECT_EQ (warnings (feed), Strings { "resource 'Calc' (line 29): same ID and .rdp file as "
                                        "an earlier one; the first one is kept" });
}

// raweb writes SchemaVersion with C#'s double.ToString(): a 2.0 feed says "2" (and a 1.0
// feed "1"). They are those versions, with no warning.
TEST (FeedParser, WholeNumberSchemaVersions)
{
  for (const char *version : { "2", "1" })
    {
      std::string doc = std::string ("<ResourceCollection SchemaVersion=\"") + version
        + "\" xmlns=\"http://schemas.microsoft.com/ts/2007/05/tswf\">\n"
          "<Publisher Name=\"RAWEB01\">\n<Resources>\n"
        + simple_resource ("a", "")
        + "</Resources>\n</Publisher>\n</ResourceCollection>\n";
      g_autoptr(GError) error = NULL;
      g_autoptr(AtrFeed) feed = parse_string (doc, &error);
      ASSERT_NE (feed, nullptr) << error->message;

      EXPECT_EQ (std::string (atr_feed_get_schema_version (feed)), std::string (version) + ".0");
      EXPECT_EQ (warnings (feed), Strings {}) << version;
    }
}

TEST (FeedParser, DotDotUrls)
{
  g_autoptr(AtrFeed) feed = parse_ok ("dotdot-urls.xml");
  ASSERT_NE (feed, nullptr);

  EXPECT_EQ (ids (feed), (Strings { "climb-stays", "absolute-dotdot" }));
  AtrResource *stays = resource_at (feed, 0);
  EXPECT_STREQ (atr_resource_get_rdp_url (stays), "https://rdweb.harbour.example/x/climb.rdp?hash=aa11");
  EXPECT_EQ (icons (stays), Strings { "32=https://rdweb.harbour.example/icons/climb.png" });
  EXPECT_EQ (atr_resource_get_rdp_url (resource_at (feed, 1)), url ("abs.rdp"));
  EXPECT_EQ (warnings (feed),
             Strings { "resource 'climb-escapes' (line 19): ResourceFile URL on host evil.example "
                       "is not on the feed's origin; dropped" });
}

TEST (FeedParser, OffOriginUrls)
{
  g_autoptr(AtrFeed) feed = parse_ok ("off-origin-urls.xml");
  ASSERT_NE (feed, nullptr);

  EXPECT_EQ (ids (feed), (Strings { "evil-icon", "default-port" }));
  EXPECT_EQ (icons (resource_at (feed, 0)), Strings { "48=" + url ("good.48.png") });
  EXPECT_EQ (atr_resource_get_rdp_url (resource_at (feed, 1)), url ("port443.rdp"));
  EXPECT_EQ (warnings (feed), (Strings {
    "resource 'evil-rdp' (line 8): ResourceFile URL on host evil.example is not on the feed's "
    "origin; dropped",
    "resource 'other-port' (line 16): ResourceFile URL on host rdweb.harbour.example is not on "
    "the feed's origin; dropped",
    "resource 'declared-origin' (line 24): ResourceFile URL on host apps.harbour.example is not "
    "on the feed's origin; dropped",
    "resource 'userinfo' (line 32): ResourceFile URL on host evil.example carries user "
    "information; dropped",
    "resource 'evil-icon' (line 39): Icon32 URL on host tracker.example is not on the feed's "
    "origin; icon ignored" }));

  // an origin the tenant declares is accepted, with its query string
  const char *extra[] = { "https://apps.harbour.example", NULL };
  g_autoptr(AtrFeed) with_extra = parse_ok ("off-origin-urls.xml", extra);
  ASSERT_NE (with_extra, nullptr);
  EXPECT_EQ (ids (with_extra), (Strings { "declared-origin", "evil-icon", "default-port" }));
  EXPECT_STREQ (atr_resource_get_rdp_url (resource_at (with_extra, 0)),
                "https://apps.harbour.example/RDWeb/Pages/rdp/declared.rdp?hash=ok");
  EXPECT_EQ (warnings (with_extra).size (), 4u);
}

TEST (FeedParser, HttpUrls)
{
  g_autoptr(AtrFeed) feed = parse_ok ("http-urls.xml");
  ASSERT_NE (feed, nullptr);

  EXPECT_EQ (ids (feed), Strings { "http-icon" });
  EXPECT_EQ (atr_resource_get_n_icons (resource_at (feed, 0)), 0u);
  EXPECT_EQ (warnings (feed), (Strings {
    "resource 'plain-http' (line 8): ResourceFile URL on host rdweb.harbour.example is not "
    "https; dropped",
    "resource 'file-scheme' (line 16): ResourceFile URL on host ? is not a valid URL; dropped",
    "resource 'http-icon' (line 23): Icon32 URL on host rdweb.harbour.example is not https; "
    "icon ignored" }));
}

TEST (FeedParser, ExeResourceFiles)
{
  g_autoptr(AtrFeed) feed = parse_ok ("exe-resource-file.xml");
  ASSERT_NE (feed, nullptr);

  EXPECT_EQ (ids (feed), Strings { "real-rdp" });
  EXPECT_EQ (atr_resource_get_rdp_url (resource_at (feed, 0)), url ("REAL.RDP"));
  EXPECT_EQ (warnings (feed), (Strings {
    "resource 'exe' (line 8): ResourceFile URL on host rdweb.harbour.example is not a .rdp "
    "file; dropped",
    "resource 'rdp-then-exe' (line 16): ResourceFile URL on host rdweb.harbour.example is not "
    "a .rdp file; dropped",
    "resource 'exe-extension' (line 21): no ResourceFile with FileExtension .rdp; dropped",
    "resource 'no-resource-file' (line 29): no ResourceFile with FileExtension .rdp; dropped" }));
}

// ----- cross-cutting -----

TEST (FeedParser, NoQueryStringInAnyWarning)
{
  const char *names[] = { "dotdot-urls.xml", "off-origin-urls.xml", "http-urls.xml",
                          "exe-resource-file.xml", "schema-2.1.xml", "quirks.xml" };
  guint n_warnings = 0;

  for (const char *name : names)
    {
      g_autoptr(AtrFeed) feed = parse_ok (name);
      ASSERT_NE (feed, nullptr);
      for (const std::string &w : warnings (feed))
        {
          n_warnings++;
          EXPECT_FALSE (contains (w, "?hash") || contains (w, "token") || contains (w, "SECRET")
                        || contains (w, "file=") || contains (w, ".rdp?"))
            << name << ": " << w;
          EXPECT_FALSE (contains (w, "\n")) << name << ": " << w;
        }
    }
  EXPECT_GE (n_warnings, 12u);
}

TEST (FeedParser, LineNumbersPast65535)
{
  std::string resources;
  for (int i = 0; i < 25000; i++)
    resources += simple_resource ("r" + std::to_string (i));
  resources += "<Resource Title=\"late\" Type=\"RemoteApp\"/>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeed) feed = parse_string (feed_with ("", resources), &error);
  ASSERT_NE (feed, nullptr);

  EXPECT_EQ (atr_feed_get_resources (feed)->len, 25000u);
  EXPECT_EQ (warnings (feed), Strings { "Resource (line 75005, title \"late\"): no ID; dropped" });
}

// libxml2 prints errors to stderr unless told otherwise: nothing may reach it, and the
// thread's error handler must be put back afterwards.
TEST (FeedParser, LibxmlPrintsNothing)
{
  const char *names[] = { "bad-utf8.xml", "lying-encoding.xml", "latin1-as-utf8.xml",
                          "unknown-encoding.xml", "truncated.xml", "not-xml.txt",
                          "undeclared-entity.xml", "billion-laughs.xml", "whitespace.xml",
                          "html-login.html" };
  xmlStructuredErrorFunc handler_before = xmlStructuredError;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("atr-feed-stderr-XXXXXX", &path, NULL);
  ASSERT_GE (fd, 0);

  fflush (stderr);
  int saved = dup (2);
  dup2 (fd, 2);
  for (const char *name : names)
    {
      std::string doc = read_fixture (name);
      g_autoptr(GError) error = NULL;
      g_autoptr(AtrFeed) feed = parse_string (doc, &error);
      EXPECT_EQ (feed, nullptr) << name;
    }
  fflush (stderr);
  dup2 (saved, 2);
  close (saved);
  close (fd);

  g_autofree char *printed = NULL;
  ASSERT_TRUE (g_file_get_contents (path, &printed, NULL, NULL));
  EXPECT_STREQ (printed, "");
  EXPECT_EQ (xmlStructuredError, handler_before);
  g_unlink (path);
}

TEST (FeedParser, PublisherFallbacksAndOddValues)
{
  std::string kiosk = simple_resource ("a", "ShowByDefault=\"sometimes\"");
  kiosk.replace (kiosk.find ("RemoteApp"), strlen ("RemoteApp"), "Kiosk");
  std::string doc =
    "<ResourceCollection SchemaVersion=\"3.0\" SupportsReconnect=\"true\" "
    "xmlns=\"http://schemas.microsoft.com/ts/2007/05/tswf\">\n"
    "<Publisher SupportsReconnect=\"maybe\">\n<Resources>\n"
    + kiosk
    + "</Resources>\n</Publisher>\n</ResourceCollection>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeed) feed = parse_string (doc, &error);
  ASSERT_NE (feed, nullptr) << error->message;

  EXPECT_STREQ (atr_feed_get_publisher_name (feed), "rdweb.harbour.example");
  EXPECT_EQ (atr_feed_get_publisher_id (feed), nullptr);
  EXPECT_STREQ (atr_feed_get_schema_version (feed), "3.0");
  EXPECT_TRUE (atr_feed_get_supports_reconnect (feed));   // the Publisher's value is unusable
  AtrResource *a = resource_at (feed, 0);
  EXPECT_EQ (atr_resource_get_kind (a), ATR_RESOURCE_KIND_REMOTEAPP);
  EXPECT_TRUE (atr_resource_get_show_by_default (a));
  EXPECT_STREQ (atr_resource_get_publisher (a), "rdweb.harbour.example");
  EXPECT_EQ (warnings (feed), (Strings {
    "ResourceCollection (line 1): unknown SchemaVersion \"3.0\"; read as 2.1",
    "Publisher (line 2): SupportsReconnect=\"maybe\" is not true or false; ignored",
    "Publisher (line 2): no Name; the feed host stands in",
    "resource 'a' (line 4): unknown Type \"Kiosk\"; taken as RemoteApp",
    "Resource (line 4): ShowByDefault=\"sometimes\" is not true or false; ignored" }));
}

TEST (FeedParser, BadFeedUrl)
{
  std::string doc = read_fixture ("schema-2.1.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(AtrFeed) feed = atr_feed_parse (doc.data (), doc.size (), "/RDWeb/Feed", NULL, &error);
  EXPECT_EQ (feed, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_NET_ERROR, ATR_NET_ERROR_INVALID_ADDRESS));
}

}  // namespace
