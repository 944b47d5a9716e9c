/* test-rdp-clipboard.cpp — the text clipboard: the pure UTF-16LE ↔ UTF-8 helpers, then the
 * policy gate end to end against freerdp-shadow-cli3 (FreeRDP 3) under Xvfb
 *
 * The shadow server has no cliprdr of its own, so what the wire can show here is the gate:
 * the cliprdr channel is announced to the server only when the policy allows the clipboard,
 * and a session with it stays healthy. The exchange itself (format lists, data) needs a
 * server with cliprdr and is not covered.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtest/gtest.h>

#include <string>

#include "atr-shadow-fixture.h"

extern "C" {
#include "atr-rdp-clipboard.h"
#include "atr-rdp-session.h"
#include "atr-trust-store.h"
}

/* --- pure helpers ------------------------------------------------------------------- */

static std::string
utf16le (const std::u16string &s, bool terminator)
{
  std::string out;
  for (char16_t c : s)
    {
      out.push_back ((char) (c & 0xff));
      out.push_back ((char) (c >> 8));
    }
  if (terminator)
    out.append (2, '\0');
  return out;
}

static char *
from_utf16 (const std::string &bytes, GError **error, gsize cap = ATR_RDP_CLIPBOARD_MAX_BYTES)
{
  return atr_rdp_clipboard_text_from_utf16 ((const guint8 *) bytes.data (), bytes.size (), cap,
                                            error);
}

TEST (RdpClipboardText, Utf16WithTerminatorBecomesUtf8WithLf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = from_utf16 (utf16le (u"h\u00e9llo\r\nw\u00f6rld\r\n", true), &error);

  ASSERT_NE (text, nullptr) << error->message;
  EXPECT_STREQ (text, "h\xc3\xa9llo\nw\xc3\xb6rld\n");
}

TEST (RdpClipboardText, Utf16WithoutTerminatorAndSurrogatePairs)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = from_utf16 (utf16le (u"a\U0001F600b", false), &error);

  ASSERT_NE (text, nullptr) << error->message;
  EXPECT_STREQ (text, "a\xf0\x9f\x98\x80" "b");
}

TEST (RdpClipboardText, TextEndsAtTheFirstNul)
{
  g_autoptr(GError) error = NULL;
  std::string bytes = utf16le (u"ok", true) + utf16le (u"junk", false);
  g_autofree char *text = from_utf16 (bytes, &error);

  ASSERT_NE (text, nullptr);
  EXPECT_STREQ (text, "ok");

  g_autofree char *empty = from_utf16 (std::string (), &error);
  ASSERT_NE (empty, nullptr);
  EXPECT_STREQ (empty, "");
}

TEST (RdpClipboardText, OddLengthIsRefused)
{
  g_autoptr(GError) error = NULL;
  std::string bytes = utf16le (u"abc", false) + "x";
  g_autofree char *text = from_utf16 (bytes, &error);

  EXPECT_EQ (text, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_RDP_CLIPBOARD_ERROR, ATR_RDP_CLIPBOARD_ERROR_INVALID));
  EXPECT_NE (strstr (error->message, "7 bytes is odd"), nullptr) << error->message;
}

TEST (RdpClipboardText, LoneSurrogatesAreRefused)
{
  const std::u16string cases[] = { u"a\xD83D" "b", u"a\xDE00", u"\xD83D" };

  for (const auto &c : cases)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = from_utf16 (utf16le (c, true), &error);

      EXPECT_EQ (text, nullptr);
      EXPECT_TRUE (g_error_matches (error, ATR_RDP_CLIPBOARD_ERROR,
                                    ATR_RDP_CLIPBOARD_ERROR_INVALID));
      if (error != NULL)
        {
          EXPECT_NE (strstr (error->message, "UTF-16LE"), nullptr) << error->message;
        }
    }
}

TEST (RdpClipboardText, IncomingCapIsEnforced)
{
  g_autoptr(GError) error = NULL;
  std::string at_cap (ATR_RDP_CLIPBOARD_MAX_BYTES, 'a');   /* 0x6161: a valid BMP unit */
  g_autofree char *ok = from_utf16 (at_cap, &error);

  ASSERT_NE (ok, nullptr) << error->message;
  EXPECT_EQ (strlen (ok), (size_t) 3 * ATR_RDP_CLIPBOARD_MAX_BYTES / 2);

  std::string over = at_cap + std::string (2, 'a');
  g_autofree char *refused = from_utf16 (over, &error);
  EXPECT_EQ (refused, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_RDP_CLIPBOARD_ERROR,
                                ATR_RDP_CLIPBOARD_ERROR_TOO_LARGE));
  EXPECT_NE (strstr (error->message, "1048578 bytes"), nullptr) << error->message;
}

TEST (RdpClipboardText, Utf8BecomesTerminatedUtf16WithCrlf)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  g_autofree guint8 *data = atr_rdp_clipboard_text_to_utf16 ("a\nb\r\n\xc3\xa9", 1024, &length,
                                                             &error);

  ASSERT_NE (data, nullptr) << error->message;
  std::string got ((const char *) data, length);
  EXPECT_EQ (got, utf16le (u"a\r\nb\r\n\u00e9", true));

  /* and back again */
  g_autofree char *back = from_utf16 (got, &error);
  EXPECT_STREQ (back, "a\nb\n\xc3\xa9");
}

TEST (RdpClipboardText, InvalidUtf8IsRefused)
{
  g_autoptr(GError) error = NULL;
  gsize length = 7;
  g_autofree guint8 *data = atr_rdp_clipboard_text_to_utf16 ("ab\xff" "c", 1024, &length,
                                                             &error);

  EXPECT_EQ (data, nullptr);
  EXPECT_EQ (length, 0u);
  ASSERT_TRUE (g_error_matches (error, ATR_RDP_CLIPBOARD_ERROR, ATR_RDP_CLIPBOARD_ERROR_INVALID));
  EXPECT_NE (strstr (error->message, "byte 2"), nullptr) << error->message;
}

TEST (RdpClipboardText, OutgoingCapCountsTheWireBytes)
{
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  /* 4 chars + terminator = 10 bytes; the LF costs a CR as well */
  g_autofree guint8 *fits = atr_rdp_clipboard_text_to_utf16 ("abcd", 10, &length, &error);
  ASSERT_NE (fits, nullptr) << error->message;
  EXPECT_EQ (length, 10u);

  g_autofree guint8 *over = atr_rdp_clipboard_text_to_utf16 ("abc\n", 10, &length, &error);
  EXPECT_EQ (over, nullptr);
  ASSERT_TRUE (g_error_matches (error, ATR_RDP_CLIPBOARD_ERROR,
                                ATR_RDP_CLIPBOARD_ERROR_TOO_LARGE));
  EXPECT_NE (strstr (error->message, "12 bytes"), nullptr) << error->message;
  g_clear_error (&error);

  std::string huge (3 * ATR_RDP_CLIPBOARD_MAX_BYTES, 'x');
  g_autofree guint8 *big = atr_rdp_clipboard_text_to_utf16 (huge.c_str (),
                                                            ATR_RDP_CLIPBOARD_MAX_BYTES,
                                                            &length, &error);
  EXPECT_EQ (big, nullptr);
  EXPECT_TRUE (g_error_matches (error, ATR_RDP_CLIPBOARD_ERROR,
                                ATR_RDP_CLIPBOARD_ERROR_TOO_LARGE));
}

TEST (RdpClipboardText, LineEnds)
{
  const struct { const char *in, *lf, *crlf; } cases[] = {
    { "", "", "" },
    { "a\r\nb", "a\nb", "a\r\nb" },
    { "a\nb\n", "a\nb\n", "a\r\nb\r\n" },
    { "\n\n", "\n\n", "\r\n\r\n" },
    { "lone\rcr", "lone\rcr", "lone\rcr" },
    { "\r\r\n", "\r\n", "\r\r\n" },
  };

  for (const auto &c : cases)
    {
      g_autofree char *lf = atr_rdp_clipboard_crlf_to_lf (c.in);
      g_autofree char *crlf = atr_rdp_clipboard_lf_to_crlf (c.in);
      EXPECT_STREQ (lf, c.lf) << c.in;
      EXPECT_STREQ (crlf, c.crlf) << c.in;
    }
}

/* --- the policy gate, against the shadow server ---------------------------------------- */

static AtrShadowDisplay *display;
static AtrShadowServer *server;

struct ClipRun
{
  AtrRdpSession *session = NULL;
  bool finished = false;
  bool ok = false;
  guint frames = 0;
  GError *error = NULL;

  ~ClipRun ()
  {
    if (session != NULL)
      {
        atr_rdp_session_disconnect (session);
        atr_shadow_spin_until ([this] { return atr_rdp_session_get_state (session) ==
                                    ATR_RDP_STATE_DISCONNECTED; });
        g_object_unref (session);
      }
    g_clear_error (&error);
  }

  static void
  connected_cb (GObject *source, GAsyncResult *result, gpointer data)
  {
    ClipRun *run = (ClipRun *) data;
    run->ok = atr_rdp_session_connect_finish (ATR_RDP_SESSION (source), result, &run->error);
    run->finished = true;
  }

  static void
  frame_cb (AtrRdpSession *, const AtrRdpRect *, guint, ClipRun *run)
  {
    run->frames++;
  }

  /* A plain session (no policy), or one from a .rdp payload filtered with @policy. */
  void
  make (const AtrRdpPolicy *policy, bool from_file, const char *extra = "")
  {
    g_autofree char *path = g_build_filename (g_getenv ("ATR_TEST_CERTS"),
                                              "trusted-with-intermediate.pem", NULL);
    g_autoptr(AtrTrustStore) trust = atr_trust_store_new_from_file (path, NULL);

    if (from_file)
      {
        g_autofree char *text = g_strdup_printf ("full address:s:localhost:%u\n%s",
                                                 (guint) server->port (), extra);
        g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
        g_autoptr(GError) error = NULL;
        g_autoptr(AtrRdpFile) input = atr_rdp_file_new_from_bytes (bytes, "clip.rdp", &error);
        ASSERT_NE (input, nullptr) << error->message;
        g_autoptr(AtrRdpFile) filtered = atr_rdp_file_filter (input, policy, NULL);
        session = atr_rdp_session_new_from_file (filtered, policy, &error);
        ASSERT_NE (session, nullptr) << error->message;
      }
    else
      {
        g_autoptr(AtrRdpTarget) target = atr_rdp_target_new ("localhost", server->port ());
        session = atr_rdp_session_new (target);
      }
    /* the shadow server listens on 127.0.0.1 only; certificates are still checked against
     * "localhost" */
    atr_rdp_target_add_address (atr_rdp_session_get_target (session), "127.0.0.1",
                                server->port ());
    atr_rdp_session_set_trust_store (session, trust);
    g_signal_connect (session, "frame-updated", G_CALLBACK (frame_cb), this);
  }

  bool
  connect ()
  {
    atr_rdp_session_connect_async (session, NULL, connected_cb, this);
    return atr_shadow_spin_until ([this] { return finished; }) && ok;
  }

  bool
  has_channel (const char *name)
  {
    g_auto(GStrv) names = atr_rdp_session_dup_channel_names (session);
    return g_strv_contains ((const char * const *) names, name);
  }

  guint
  n_channels ()
  {
    g_auto(GStrv) names = atr_rdp_session_dup_channel_names (session);
    return g_strv_length (names);
  }
};

class RdpClipboardGate : public ::testing::Test
{
protected:
  static void
  SetUpTestSuite ()
  {
    g_autoptr(GError) error = NULL;
    display = new AtrShadowDisplay ();
    ASSERT_TRUE (display->start (&error)) << error->message;
    server = new AtrShadowServer ();
    ASSERT_TRUE (server->start (*display, "good", false, &error)) << error->message;
  }

  static void
  TearDownTestSuite ()
  {
    delete server;
    server = NULL;
    delete display;
    display = NULL;
  }
};

TEST_F (RdpClipboardGate, APlainSessionNeverAnnouncesCliprdr)
{
  ClipRun run;

  run.make (NULL, false);
  EXPECT_FALSE (atr_rdp_session_get_clipboard (run.session));
  atr_rdp_session_set_local_text (run.session, "ignored");   /* a no-op, before and after */
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  atr_rdp_session_set_local_text (run.session, "ignored too");

  /* the channel list was recorded (drdynvc is always there), and cliprdr is not in it */
  EXPECT_TRUE (run.has_channel ("drdynvc"));
  EXPECT_FALSE (run.has_channel ("cliprdr"));
}

TEST_F (RdpClipboardGate, APolicyWithoutClipboardKeepsCliprdrOff)
{
  ClipRun run;
  AtrRdpPolicy policy;

  atr_rdp_policy_init_default (&policy);
  policy.redirections = ATR_RDP_REDIRECT_AUDIO;
  run.make (&policy, true, "redirectclipboard:i:1\n");
  EXPECT_FALSE (atr_rdp_session_get_clipboard (run.session));
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  EXPECT_TRUE (run.has_channel ("drdynvc"));
  EXPECT_FALSE (run.has_channel ("cliprdr"));
}

TEST_F (RdpClipboardGate, AFileTurningTheClipboardOffWins)
{
  ClipRun run;
  AtrRdpPolicy policy;

  atr_rdp_policy_init_default (&policy);
  run.make (&policy, true, "redirectclipboard:i:0\n");
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  EXPECT_TRUE (run.has_channel ("drdynvc"));
  EXPECT_FALSE (run.has_channel ("cliprdr"));
}

TEST_F (RdpClipboardGate, APolicyWithClipboardLoadsCliprdrAndConnects)
{
  ClipRun run;
  AtrRdpPolicy policy;

  atr_rdp_policy_init_default (&policy);   /* clipboard and audio */
  run.make (&policy, true);
  EXPECT_TRUE (atr_rdp_session_get_clipboard (run.session));
  atr_rdp_session_set_local_text (run.session, "before the connection");
  ASSERT_TRUE (run.connect ()) << (run.error ? run.error->message : "timeout");
  EXPECT_TRUE (run.has_channel ("cliprdr"));
  EXPECT_TRUE (run.has_channel ("drdynvc"));
  EXPECT_EQ (run.n_channels (), 2u);   /* nothing else: no sound, no devices */

  /* local text from another thread, many times, hostile text included: the session stays
   * up and frames keep coming */
  GThread *thread = g_thread_new ("clip", [] (gpointer data) -> gpointer {
    AtrRdpSession *s = ATR_RDP_SESSION (data);
    std::string big (3 * ATR_RDP_CLIPBOARD_MAX_BYTES, 'x');
    for (guint i = 0; i < 20; i++)
      {
        g_autofree char *t = g_strdup_printf ("line %u\nnext", i);
        atr_rdp_session_set_local_text (s, t);
      }
    atr_rdp_session_set_local_text (s, "bad \xff utf-8");
    atr_rdp_session_set_local_text (s, big.c_str ());
    atr_rdp_session_set_local_text (s, NULL);
    return NULL;
  }, run.session);
  g_thread_join (thread);

  guint frames = run.frames;
  ASSERT_TRUE (atr_shadow_spin_until ([&run, frames] { return run.frames > frames; }, 10000));
  EXPECT_EQ (atr_rdp_session_get_state (run.session), ATR_RDP_STATE_CONNECTED);
}

int
main (int argc, char **argv)
{
  AtrShadowHome home ("atr-rdp-clipboard-XXXXXX");

  ::testing::InitGoogleTest (&argc, argv);
  return RUN_ALL_TESTS ();
}
