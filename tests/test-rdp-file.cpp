/* test-rdp-file.cpp — decoding and splitting .rdp payloads, hostile ones included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <string>

#include "atr-rdp-file-private.h"
#include "atr-rdp-file.h"

namespace {

std::string
fixture_path (const char *name)
{
  const char *data = g_getenv ("ATR_TEST_DATA");
  g_autofree char *path = g_build_filename (data != nullptr ? data : "data", "rdp", name, nullptr);
  return path;
}

AtrRdpFile *
load_fixture (const char *name, GError **error)
{
  g_autofree char *contents = nullptr;
  gsize length = 0;
  std::string path = fixture_path (name);

  if (!g_file_get_contents (path.c_str (), &contents, &length, error))
    return nullptr;
  g_autoptr(GBytes) bytes = g_bytes_new (contents, length);
  return atr_rdp_file_new_from_bytes (bytes, name, error);
}

AtrRdpFile *
parse_text (const std::string &text, GError **error = nullptr)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text.data (), text.size ());
  return atr_rdp_file_new_from_bytes (bytes, "inline.rdp", error);
}

std::string
utf16le (const std::string &ascii, bool bom)
{
  std::string out = bom ? std::string ("\xff\xfe", 2) : std::string ();
  for (char c : ascii)
    {
      out.push_back (c);
      out.push_back ('\0');
    }
  return out;
}

} // namespace

TEST (RdpFile, MstscUtf16WithBomDecodes)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = load_fixture ("mstsc-desktop.rdp", &error);

  ASSERT_NE (file, nullptr) << error->message;
  EXPECT_STREQ (atr_rdp_file_get_string (file, "full address"), "desk01.tenant1.msp.example:3390");
  EXPECT_STREQ (atr_rdp_file_get_string (file, "username"), "TENANT1\\alice");
  EXPECT_STREQ (atr_rdp_file_get_string (file, "title"), "Bürodesktop – Zürich");
  gint64 value = 0;
  EXPECT_TRUE (atr_rdp_file_get_integer (file, "desktopwidth", &value));
  EXPECT_EQ (value, 1920);
  EXPECT_EQ (atr_rdp_file_get_malformed (file)->len, 0u);
  EXPECT_EQ (atr_rdp_file_get_n_lines (file), 49u);
  /* Line numbers count from 1 in payload order. */
  EXPECT_EQ (atr_rdp_file_lookup (file, "full address")->line, 24u);
}

TEST (RdpFile, Utf16WithoutBomIsDetected)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = load_fixture ("utf16-no-bom.rdp", &error);

  ASSERT_NE (file, nullptr) << error->message;
  EXPECT_STREQ (atr_rdp_file_get_string (file, "full address"), "nobom.tenant1.msp.example");
  gint64 value = 1;
  EXPECT_TRUE (atr_rdp_file_get_integer (file, "redirectclipboard", &value));
  EXPECT_EQ (value, 0);
}

TEST (RdpFile, Utf8WithBomAndLf)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = load_fixture ("utf8-bom-lf.rdp", &error);

  ASSERT_NE (file, nullptr) << error->message;
  EXPECT_STREQ (atr_rdp_file_get_string (file, "full address"), "bom.tenant1.msp.example");
  EXPECT_EQ (atr_rdp_file_get_n_lines (file), 3u);
}

TEST (RdpFile, Utf16BigEndianWithBom)
{
  std::string text ("\xfe\xff", 2);
  for (char c : std::string ("full address:s:be.example\r\n"))
    {
      text.push_back ('\0');
      text.push_back (c);
    }
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = parse_text (text, &error);
  ASSERT_NE (file, nullptr) << error->message;
  EXPECT_STREQ (atr_rdp_file_get_string (file, "full address"), "be.example");
}

TEST (RdpFile, SplitsOnTheFirstTwoColonsOnly)
{
  g_autoptr(AtrRdpFile) file = parse_text ("full address:s:host.example:3389\r\n"
                                           "remoteapplicationcmdline:s:a:b:c\r\n"
                                           "loadbalanceinfo:s:tsv://MS Terminal Services Plugin.1.C\r\n");
  ASSERT_NE (file, nullptr);
  EXPECT_STREQ (atr_rdp_file_get_string (file, "full address"), "host.example:3389");
  EXPECT_STREQ (atr_rdp_file_get_string (file, "remoteapplicationcmdline"), "a:b:c");
  EXPECT_STREQ (atr_rdp_file_get_string (file, "loadbalanceinfo"),
                "tsv://MS Terminal Services Plugin.1.C");
}

TEST (RdpFile, NamesAreCaseInsensitiveAndLastRepeatWins)
{
  g_autoptr(AtrRdpFile) file = parse_text ("Full Address:s:first.example\n"
                                           "Screen  Mode ID:i:1\n"
                                           "SCREEN MODE ID:i:2\n"
                                           "  Server Port :i:3390\n");
  ASSERT_NE (file, nullptr);
  const AtrRdpLine *line = atr_rdp_file_lookup (file, "screen mode ID");
  ASSERT_NE (line, nullptr);
  EXPECT_EQ (line->integer, 2);
  EXPECT_STREQ (line->key, "screen mode id");
  EXPECT_STREQ (line->name, "SCREEN MODE ID");
  EXPECT_EQ (line->line, 3u);
  EXPECT_STREQ (atr_rdp_file_lookup (file, "full  address ")->key, "full address");
  gint64 port = 0;
  EXPECT_TRUE (atr_rdp_file_get_integer (file, "server port", &port));
  EXPECT_EQ (port, 3390);
}

TEST (RdpFile, TypesAreParsed)
{
  g_autoptr(AtrRdpFile) file = parse_text ("a:i:-42\nb:s:text\nc:b:0aFF\n");
  ASSERT_NE (file, nullptr);
  EXPECT_EQ (atr_rdp_file_lookup (file, "a")->type, ATR_RDP_VALUE_INTEGER);
  EXPECT_EQ (atr_rdp_file_lookup (file, "a")->integer, -42);
  EXPECT_EQ (atr_rdp_file_lookup (file, "b")->type, ATR_RDP_VALUE_STRING);
  EXPECT_EQ (atr_rdp_file_lookup (file, "c")->type, ATR_RDP_VALUE_BINARY);
  EXPECT_STREQ (atr_rdp_file_lookup (file, "c")->value, "0aFF");
  /* A string asked for as an integer (and the other way round) is not there. */
  EXPECT_FALSE (atr_rdp_file_get_integer (file, "b", nullptr));
  EXPECT_EQ (atr_rdp_file_get_string (file, "a"), nullptr);
}

TEST (RdpFile, CrOnlyLinesSplitLikeFreeRdp)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = load_fixture ("cr-only.rdp", &error);

  ASSERT_NE (file, nullptr) << error->message;
  ASSERT_EQ (atr_rdp_file_get_n_lines (file), 4u);
  EXPECT_STREQ (atr_rdp_file_get_string (file, "full address"), "cr.tenant1.msp.example");
  /* The option hidden after a lone CR is a line of its own, as FreeRDP would see it. */
  const AtrRdpLine *option = atr_rdp_file_get_line (file, 2);
  EXPECT_EQ (option->type, ATR_RDP_VALUE_OPTION);
  EXPECT_STREQ (option->key, "/shell");
  EXPECT_EQ (option->line, 3u);
  EXPECT_EQ (atr_rdp_file_lookup (file, "server port")->line, 4u);
}

TEST (RdpFile, OptionLinesAreKeptForTheFilterButNeverWrittenBack)
{
  g_autoptr(AtrRdpFile) file = parse_text ("full address:s:h.example\r\n  /cert:ignore\r\n/p:hunter2\r\n");
  ASSERT_NE (file, nullptr);
  ASSERT_EQ (atr_rdp_file_get_n_lines (file), 3u);
  EXPECT_EQ (atr_rdp_file_get_line (file, 1)->type, ATR_RDP_VALUE_OPTION);
  EXPECT_STREQ (atr_rdp_file_get_line (file, 2)->key, "/p");
  g_autofree char *data = atr_rdp_file_to_data (file, nullptr);
  EXPECT_STREQ (data, "full address:s:h.example\r\n");
  g_autofree char *redacted = atr_rdp_file_to_redacted_string (file);
  EXPECT_EQ (strstr (redacted, "hunter2"), nullptr);
  EXPECT_NE (strstr (redacted, "/p:<redacted>"), nullptr);
}

TEST (RdpFile, NulByteIsAnErrorNamingTheLine)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = load_fixture ("nul-byte.rdp", &error);

  EXPECT_EQ (file, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING));
  EXPECT_NE (strstr (error->message, "line 3"), nullptr) << error->message;
  EXPECT_NE (strstr (error->message, "nul-byte.rdp"), nullptr) << error->message;
}

TEST (RdpFile, NulCharacterInUtf16IsAnError)
{
  /* inside a value, and two at the end (the first of them is not the last character) */
  std::string inside = utf16le ("full address:s:a\r\nx:s:", true) + std::string ("\0\0", 2) +
                       utf16le ("y", false);
  std::string two = utf16le ("full address:s:a\r\nx:s:y", true) + std::string (4, '\0');

  for (const std::string &text : { inside, two })
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrRdpFile) file = parse_text (text, &error);
      EXPECT_EQ (file, nullptr);
      ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING));
      EXPECT_NE (strstr (error->message, "line 2"), nullptr) << error->message;
    }
}

/* FreeRDP's own test (client/common/test/TestClientRdpFile.c) hands its UTF-8 sample to
 * freerdp_client_parse_rdp_file_buffer() with sizeof (testRdpFileUTF8): the C string's
 * terminating NUL comes with it, and FreeRDP accepts the file. One NUL as the very last
 * character (byte in UTF-8, code unit in UTF-16) is that terminator: the file reads as
 * without it. Any other NUL is still refused. */
TEST (RdpFile, OneTrailingNulIsAcceptedLikeFreeRdp)
{
  using namespace std::string_literals;
  const std::string body = "full address:s:LAB1-W7-DM-01.lab1.awake.local\n"
                           "gatewayhostname:s:LAB1-W2K8R2-GW.lab1.awake.local\n"
                           "vendor string:s:microsoft\n";
  const std::string texts[] = {
    body + std::string (1, '\0'),
    "\xef\xbb\xbf" + body + std::string (1, '\0'),
    "full address:s:a" + std::string (1, '\0'),  /* no final newline either */
    utf16le (body, true) + std::string (2, '\0'),
    utf16le (body, false) + std::string (2, '\0'),
  };

  for (const std::string &text : texts)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrRdpFile) file = parse_text (text, &error);
      ASSERT_NE (file, nullptr) << error->message;
      EXPECT_EQ (atr_rdp_file_get_malformed (file)->len, 0u);
      if (text.size () < body.size ())
        {
          EXPECT_STREQ (atr_rdp_file_get_string (file, "full address"), "a");
          continue;
        }
      EXPECT_EQ (atr_rdp_file_get_n_lines (file), 3u);
      EXPECT_STREQ (atr_rdp_file_get_string (file, "full address"),
                    "LAB1-W7-DM-01.lab1.awake.local");
      EXPECT_STREQ (atr_rdp_file_get_string (file, "vendor string"), "microsoft");
    }

  /* Only that one: a NUL before the last byte ends the text early for a C parser, which
   * would then not see the lines after it. */
  const struct
  {
    std::string text;
    const char *line;
  } refused[] = {
    { "full address:s:a\n\0\0"s, "line 2" },
    { "full address:s:a\0\n"s, "line 1" },
    { "a:s:b\nfull address:s:evil\0full address:s:a\n\0"s, "line 2" },
    { "\0\0"s, "line 1" },
  };

  for (const auto &c : refused)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrRdpFile) file = parse_text (c.text, &error);
      SCOPED_TRACE (c.line);
      EXPECT_EQ (file, nullptr);
      ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING));
      EXPECT_NE (strstr (error->message, "NUL"), nullptr) << error->message;
      EXPECT_NE (strstr (error->message, c.line), nullptr) << error->message;
    }
}

TEST (RdpFile, BadUtf16IsAnErrorNamingTheLine)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = load_fixture ("bad-utf16.rdp", &error);

  EXPECT_EQ (file, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING));
  EXPECT_NE (strstr (error->message, "line 2"), nullptr) << error->message;
  EXPECT_NE (strstr (error->message, "surrogate"), nullptr) << error->message;
}

TEST (RdpFile, HighSurrogateAtTheEndIsAnError)
{
  std::string text = utf16le ("full address:s:a\r\n", true) + std::string ("\x3d\xd8", 2);
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = parse_text (text, &error);
  EXPECT_EQ (file, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING));
}

TEST (RdpFile, OddLengthUtf16IsAnError)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = load_fixture ("odd-utf16.rdp", &error);

  EXPECT_EQ (file, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING));
  EXPECT_NE (strstr (error->message, "odd number of bytes"), nullptr) << error->message;
}

TEST (RdpFile, BadUtf8IsAnErrorNamingTheLine)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = load_fixture ("bad-utf8.rdp", &error);

  EXPECT_EQ (file, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING));
  EXPECT_NE (strstr (error->message, "line 4"), nullptr) << error->message;
}

TEST (RdpFile, OverlongUtf8AndSurrogatesAreRefused)
{
  const char *bad[] = { "a:s:\xc0\xaf\n", "a:s:\xed\xa0\x80\n", "a:s:\xf8\x88\x80\x80\x80\n" };
  for (const char *text : bad)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrRdpFile) file = parse_text (text, &error);
      EXPECT_EQ (file, nullptr);
      EXPECT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_ENCODING));
    }
}

TEST (RdpFile, SizeCap)
{
  /* Exactly the limit decodes; one byte more (a generated 2 MiB file too) does not. */
  std::string line = "x:s:" + std::string (1019, 'a') + "\r\n"; /* 1025 bytes */
  std::string at_limit;
  while (at_limit.size () + line.size () <= ATR_RDP_FILE_MAX_SIZE)
    at_limit += line;
  at_limit += std::string (ATR_RDP_FILE_MAX_SIZE - at_limit.size (), '\n');
  ASSERT_EQ (at_limit.size (), (size_t) ATR_RDP_FILE_MAX_SIZE);
  {
    g_autoptr(GError) error = nullptr;
    g_autoptr(AtrRdpFile) file = parse_text (at_limit, &error);
    EXPECT_NE (file, nullptr);
  }
  {
    g_autoptr(GError) error = nullptr;
    g_autoptr(AtrRdpFile) file = parse_text (at_limit + "\n", &error);
    EXPECT_EQ (file, nullptr);
    ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TOO_LARGE));
    EXPECT_NE (strstr (error->message, "inline.rdp"), nullptr);
  }
  {
    std::string big;
    while (big.size () < 2 * 1024 * 1024)
      big += line;
    g_autoptr(GError) error = nullptr;
    g_autoptr(AtrRdpFile) file = parse_text (big, &error);
    EXPECT_EQ (file, nullptr);
    EXPECT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_TOO_LARGE));
  }
}

TEST (RdpFile, MalformedLinesAreCollectedNotFatal)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = load_fixture ("malformed.rdp", &error);

  ASSERT_NE (file, nullptr) << error->message;
  GPtrArray *malformed = atr_rdp_file_get_malformed (file);
  /* Lines 2–10 and 16 do not split or do not parse; 11–15 are well-formed. */
  guint expected_lines[] = { 2, 3, 4, 5, 6, 7, 8, 9, 16 };
  ASSERT_EQ (malformed->len, G_N_ELEMENTS (expected_lines));
  for (guint i = 0; i < malformed->len; i++)
    {
      auto *entry = (AtrRdpDropped *) g_ptr_array_index (malformed, i);
      EXPECT_EQ (entry->line, expected_lines[i]);
      EXPECT_NE (entry->reason, nullptr);
    }
  auto *no_colon = (AtrRdpDropped *) g_ptr_array_index (malformed, 0);
  EXPECT_EQ (no_colon->key, nullptr); /* a line without a colon may be anything: no key */
  auto *bad_type = (AtrRdpDropped *) g_ptr_array_index (malformed, 3);
  EXPECT_STREQ (bad_type->key, "audiomode");
  auto *bad_blob = (AtrRdpDropped *) g_ptr_array_index (malformed, 7);
  EXPECT_STREQ (bad_blob->key, "password 51");
  EXPECT_EQ (strstr (bad_blob->reason, "XYZ"), nullptr);
  /* The well-formed lines are all there. */
  EXPECT_STREQ (atr_rdp_file_get_string (file, "full address"), "ok.example:3390");
  EXPECT_TRUE (atr_rdp_file_get_integer (file, "connection type", nullptr));
}

TEST (RdpFile, EmptyAndBlankPayloads)
{
  const char *texts[] = { "", "\r\n\r\n", "   \n\t\n", "\xef\xbb\xbf" };
  for (const char *text : texts)
    {
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrRdpFile) file = parse_text (text, &error);
      ASSERT_NE (file, nullptr);
      EXPECT_EQ (atr_rdp_file_get_n_lines (file), 0u);
      EXPECT_EQ (atr_rdp_file_get_malformed (file)->len, 0u);
    }
}

TEST (RdpFile, SecretsAreRedacted)
{
  g_autoptr(GError) error = nullptr;
  g_autoptr(AtrRdpFile) file = load_fixture ("password51.rdp", &error);

  ASSERT_NE (file, nullptr) << error->message;
  g_autofree char *redacted = atr_rdp_file_to_redacted_string (file);
  EXPECT_EQ (strstr (redacted, "C0FFEE51DEADBEEF"), nullptr);
  EXPECT_EQ (strstr (redacted, "Hunter2-ClearText"), nullptr);
  EXPECT_EQ (strstr (redacted, "TOKEN-SHOULD-NOT-LEAK"), nullptr);
  EXPECT_NE (strstr (redacted, "password 51:b:<redacted>"), nullptr);
  EXPECT_NE (strstr (redacted, "username:s:bob"), nullptr);
  /* The text for FreeRDP keeps them: the engine needs them. */
  g_autofree char *data = atr_rdp_file_to_data (file, nullptr);
  EXPECT_NE (strstr (data, "C0FFEE51DEADBEEF"), nullptr);

  EXPECT_TRUE (atr_rdp_key_is_secret ("Password 51"));
  EXPECT_TRUE (atr_rdp_key_is_secret ("password"));
  EXPECT_TRUE (atr_rdp_key_is_secret ("clear password"));
  EXPECT_TRUE (atr_rdp_key_is_secret ("GatewayAccessToken"));
  EXPECT_FALSE (atr_rdp_key_is_secret ("username"));
  EXPECT_FALSE (atr_rdp_key_is_secret ("full address"));
}

TEST (RdpFile, WriteBackIsCanonical)
{
  g_autoptr(AtrRdpFile) file = parse_text ("Full Address:s:h.example\n SERVER PORT:i:3390 \n");
  ASSERT_NE (file, nullptr);
  g_autofree char *data = atr_rdp_file_to_data (file, nullptr);
  EXPECT_STREQ (data, "full address:s:h.example\r\nserver port:i:3390\r\n");
}

TEST (RdpFile, RandomBytesNeverCrash)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (0x5eed);
  guint decoded = 0;
  guint refused = 0;

  for (int round = 0; round < 2000; round++)
    {
      guint length = g_rand_int_range (rand, 0, 600);
      std::string text;
      /* Mostly printable with separators, sometimes anything: both paths get exercised. */
      gboolean wild = g_rand_boolean (rand);
      for (guint i = 0; i < length; i++)
        {
          const char alphabet[] = "abc:si/b\r\n 0123456789:";
          text.push_back (wild ? (char) g_rand_int_range (rand, 0, 256)
                               : alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
        }
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrRdpFile) file = parse_text (text, &error);
      EXPECT_TRUE ((file == nullptr) != (error == nullptr));
      if (file != nullptr)
        decoded++;
      else
        refused++;
    }
  EXPECT_GT (decoded, 100u);
  EXPECT_GT (refused, 100u);
}

// Issue #8, finding 1: a file that sets a host, port, gateway, credential or security key
// twice is refused, in every spelling a reader could take for the same key (blanks, case,
// inner blanks) and in every encoding; the error names the key and both lines.
TEST (RdpFile, RepeatedSecurityKeysRefuseTheFile)
{
  const char *second[] = {
    "full address:s:evil.example.net",
    "full address :s:evil.example.net",
    " \tFULL ADDRESS\t:s:evil.example.net",
    "Full  Address:s:evil.example.net",
    "full \t address:s:evil.example.net",
  };
  for (const char *line : second)
    {
      std::string text = std::string ("full address:s:harbour.atrium.test\r\n"
                                      "audiomode:i:2\r\n") + line + "\r\n";
      for (int encoding = 0; encoding < 3; encoding++)
        {
          std::string payload = encoding == 0 ? text
                              : encoding == 1 ? "\xef\xbb\xbf" + text
                                              : utf16le (text, true);
          g_autoptr(GError) error = nullptr;
          g_autoptr(AtrRdpFile) file = parse_text (payload, &error);
          EXPECT_EQ (file, nullptr) << line << " encoding " << encoding;
          ASSERT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_DUPLICATE))
              << line << " encoding " << encoding << ": " << (error ? error->message : "");
          EXPECT_NE (strstr (error->message, "'full address'"), nullptr) << error->message;
          EXPECT_NE (strstr (error->message, "line 3"), nullptr) << error->message;
          EXPECT_NE (strstr (error->message, "line 1"), nullptr) << error->message;
          EXPECT_EQ (strstr (error->message, "evil"), nullptr) << error->message;
        }
    }

  for (const char *key : { "alternate full address:s:x.example", "server port:i:3390",
                           "gatewayhostname:s:gw.example", "gatewayusagemethod:i:1",
                           "username:s:bob", "authentication level:i:2",
                           "enablecredsspsupport:i:1", "negotiate security layer:i:1",
                           "loadbalanceinfo:s:x", "drivestoredirect:s:", "redirectclipboard:i:1",
                           "password 51:b:00", "gatewayaccesstoken:s:x",
                           "remoteapplicationprogram:s:||x", "alternate shell:s:x" })
    {
      std::string text = std::string ("full address:s:h.example\n") + key + "\n" + key + "\n";
      g_autoptr(GError) error = nullptr;
      g_autoptr(AtrRdpFile) file = parse_text (text, &error);
      EXPECT_EQ (file, nullptr) << key;
      EXPECT_TRUE (g_error_matches (error, ATR_RDP_FILE_ERROR, ATR_RDP_FILE_ERROR_DUPLICATE)) << key;
    }
}

// A name that is not printable ASCII (a second BOM, a zero-width space, a non-breaking space)
// could hide a key from one reader and not another: such a line is malformed, never kept.
TEST (RdpFile, NamesOutsidePrintableAsciiAreMalformed)
{
  for (const char *line : { "\xef\xbb\xbf" "full address:s:evil.example",
                            "full\xc2\xa0" "address:s:evil.example",
                            "full\xe2\x80\x8b address:s:evil.example",
                            "\xef\xbc\xa6ull address:s:evil.example" })
    {
      std::string text = std::string ("full address:s:harbour.atrium.test\n") + line + "\n";
      g_autoptr(AtrRdpFile) file = parse_text (text);
      ASSERT_NE (file, nullptr) << line;
      EXPECT_EQ (atr_rdp_file_get_n_lines (file), 1u) << line;
      EXPECT_EQ (atr_rdp_file_get_malformed (file)->len, 1u) << line;
      EXPECT_STREQ (atr_rdp_file_get_string (file, "full address"), "harbour.atrium.test");
    }
}

