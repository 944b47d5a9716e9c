// Text from a tenant or a server is shown as plain text (issue #8, finding 5): hostile
// strings go through ui/atr-plain-text.c into real libadwaita widgets, in-process under
// Xvfb, and come out literally, with no link; and no source file in ui/ or client/ feeds a
// markup-parsing setter directly.
#include <gtest/gtest.h>

#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <adwaita.h>

#include "atr-launch-dialogs.h"
#include "atr-plain-text.h"
#include "atr-ui-text.h"

namespace {

const char *kHostile[] = {
  "503 <a href='file:///etc/'>Service Unavailable</a>",
  "Harbour & Sons",
  "<b>Bold</b> publisher",
  "unbalanced < bracket",
  "<span foreground='red' size='xx-large'>x</span>",
  "&amp; already escaped &lt;",
  "a <a href=\"https://evil.example/\">link</a> and <u>more",
};

void
collect_labels (GtkWidget *widget, std::vector<GtkLabel *> &labels)
{
  if (GTK_IS_LABEL (widget))
    labels.push_back (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != nullptr;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, labels);
}

// The label showing exactly @text, once markup (if any) has been applied; no label may
// hold a link (GTK only creates links from parsed <a> markup).
void
expect_shown_literally (GtkWidget *root, const char *text)
{
  std::vector<GtkLabel *> labels;
  collect_labels (root, labels);
  bool found = false;
  for (GtkLabel *label : labels)
    {
      if (g_strcmp0 (gtk_label_get_text (label), text) == 0)
        found = true;
      if (gtk_label_get_use_markup (label))
        {
          // what the label parsed must not contain an <a> element
          const char *markup = gtk_label_get_label (label);
          g_autofree char *parsed = nullptr;
          ASSERT_TRUE (pango_parse_markup (markup, -1, 0, nullptr, &parsed, nullptr, nullptr))
              << markup;
          EXPECT_STREQ (parsed, gtk_label_get_text (label));
        }
    }
  EXPECT_TRUE (found) << "no label shows “" << text << "” literally";
}

class PlainText : public ::testing::Test
{
protected:
  static void SetUpTestSuite () { adw_init (); }
};

TEST_F (PlainText, StatusPageDescription)
{
  for (const char *text : kHostile)
    {
      GtkWidget *page = adw_status_page_new ();
      g_object_ref_sink (page);
      atr_plain_text_status_page (ADW_STATUS_PAGE (page), text, text);
      expect_shown_literally (page, text);
      g_object_unref (page);
    }
}

// The test can fail: fed directly, the same widget parses the text as markup.
TEST_F (PlainText, StatusPageParsesMarkupWhenFedDirectly)
{
  GtkWidget *page = adw_status_page_new ();
  g_object_ref_sink (page);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), "<b>Bold</b> publisher");
  std::vector<GtkLabel *> labels;
  collect_labels (page, labels);
  for (GtkLabel *label : labels)
    EXPECT_STRNE (gtk_label_get_text (label), "<b>Bold</b> publisher");
  g_object_unref (page);
}

// Window titles and message dialogs are plain text in libadwaita 1.2: checked, not assumed.
TEST_F (PlainText, WindowTitleAndDialogArePlain)
{
  for (const char *text : kHostile)
    {
      GtkWidget *title = adw_window_title_new (text, text);
      g_object_ref_sink (title);
      expect_shown_literally (title, text);
      g_object_unref (title);

      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (nullptr, text, text));
      EXPECT_FALSE (adw_message_dialog_get_heading_use_markup (dialog));
      EXPECT_FALSE (adw_message_dialog_get_body_use_markup (dialog));
      expect_shown_literally (GTK_WIDGET (dialog), text);
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
}

// Finding 6: a confirmed host shows its ASCII form beside the Unicode one, and says so.
TEST_F (PlainText, LinkDialogShowsTheAsciiFormBesideTheUnicodeOne)
{
  g_autofree char *same = atr_ui_host_text ("harbour.atrium.test", "harbour.atrium.test");
  EXPECT_STREQ (same, "harbour.atrium.test");
  g_autofree char *domain = atr_ui_host_text ("b\u00FCcher.example", "xn--bcher-kva.example");
  EXPECT_STREQ (domain, "b\u00FCcher.example (xn--bcher-kva.example)");

  AdwMessageDialog *dialog = atr_link_dialog_new (nullptr, domain, nullptr, nullptr,
                                                  "<b>Harbour</b> & Co", TRUE,
                                                  ATR_LINK_EFFECT_CONNECT);
  const char *body = adw_message_dialog_get_body (dialog);
  EXPECT_NE (strstr (body, "b\u00FCcher.example (xn--bcher-kva.example)"), nullptr) << body;
  EXPECT_NE (strstr (body, "Latin"), nullptr) << body;
  EXPECT_FALSE (adw_message_dialog_get_body_use_markup (dialog));
  expect_shown_literally (GTK_WIDGET (dialog), body);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

TEST_F (PlainText, ActionRowTitleAndSubtitle)
{
  for (const char *text : kHostile)
    {
      GtkWidget *row = adw_action_row_new ();
      g_object_ref_sink (row);
      atr_plain_text_row (ADW_ACTION_ROW (row), text, text);
      EXPECT_FALSE (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
      std::vector<GtkLabel *> labels;
      collect_labels (row, labels);
      int literal = 0;
      for (GtkLabel *label : labels)
        if (g_strcmp0 (gtk_label_get_text (label), text) == 0)
          literal++;
      EXPECT_EQ (literal, 2) << text;   // the title and the subtitle
      expect_shown_literally (row, text);
      g_object_unref (row);
    }
}

TEST_F (PlainText, ToastTitle)
{
  for (const char *text : kHostile)
    {
      g_autoptr(AdwToast) toast = atr_plain_text_toast_new (text, nullptr);
      // AdwToast:title is markup in libadwaita 1.2: the text is a plain label instead
      GtkWidget *title = adw_toast_get_custom_title (toast);
      ASSERT_TRUE (GTK_IS_LABEL (title));
      EXPECT_FALSE (gtk_label_get_use_markup (GTK_LABEL (title)));
      EXPECT_STREQ (gtk_label_get_text (GTK_LABEL (title)), text);
      EXPECT_STREQ (gtk_label_get_label (GTK_LABEL (title)), text);
    }
}

// A session failure's reason is long (it names the desktop, the gateway and the cause); at
// 800 px libadwaita's own toast title cut it with "…" (#14). The toast shows all of it,
// wrapped, at the main window's minimum width (307 px: the minimum size the app gives X in
// WM_NORMAL_HINTS; 300 here, a little under it) and at 800 px.
TEST_F (PlainText, LongToastIsShownWholeAtNarrowWidths)
{
  const char *text = "“Harbour Clinic Desktop” could not be opened: The gateway in front of "
                     "harbour-rdsh01.atrium.test could not be found or reached, so "
                     "harbour-rdsh01.atrium.test itself was not contacted.";
  for (int width : { 300, 800 })
    {
      GtkWidget *window = gtk_window_new ();
      GtkWidget *overlay = adw_toast_overlay_new ();
      adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), gtk_label_new ("content"));
      gtk_window_set_child (GTK_WINDOW (window), overlay);
      gtk_window_set_default_size (GTK_WINDOW (window), width, 480);
      gtk_window_present (GTK_WINDOW (window));
      gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      while (gtk_widget_get_width (overlay) != width && g_get_monotonic_time () < deadline)
        g_main_context_iteration (nullptr, TRUE);
      ASSERT_EQ (gtk_widget_get_width (overlay), width);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                   atr_plain_text_toast_new (text, overlay));

      GtkLabel *shown = nullptr;
      while (g_get_monotonic_time () < deadline)
        {
          g_main_context_iteration (nullptr, FALSE);
          std::vector<GtkLabel *> labels;
          collect_labels (overlay, labels);
          shown = nullptr;
          for (GtkLabel *label : labels)
            if (g_strcmp0 (gtk_label_get_text (label), text) == 0 &&
                gtk_widget_get_mapped (GTK_WIDGET (label)) &&
                gtk_widget_get_width (GTK_WIDGET (label)) > 0)
              shown = label;
          if (shown != nullptr)
            break;
          g_usleep (10000);
        }
      ASSERT_NE (shown, nullptr) << "no toast label shows the whole text at " << width << " px";
      EXPECT_FALSE (pango_layout_is_ellipsized (gtk_label_get_layout (shown)))
          << "the toast cuts the text at " << width << " px";
      graphene_rect_t bounds;
      ASSERT_TRUE (gtk_widget_compute_bounds (GTK_WIDGET (shown), window, &bounds));
      EXPECT_GE (bounds.origin.x, 0) << width;
      EXPECT_LE (bounds.origin.x + bounds.size.width, width) << "the toast is wider than "
                                                               << width << " px";
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

// A title (title-1 … title-4) that wraps centres its lines: German and French titles wrap,
// and came out left-aligned under a centred page (#14). Read from the sources: .ui labels
// with the class and wrap, and labels given the class and wrap in C.
TEST (PlainTextSources, WrappedTitlesAreCentred)
{
  const char *root = g_getenv ("ATR_SOURCE_ROOT");
  ASSERT_NE (root, nullptr);
  g_autofree char *dir = g_build_filename (root, "ui", nullptr);
  g_autoptr(GDir) d = g_dir_open (dir, 0, nullptr);
  ASSERT_NE (d, nullptr);
  g_autoptr(GRegex) ui_label = g_regex_new ("<object class=\"GtkLabel\"(?:(?!</object>).)*?"
                                            "title-[1-4](?:(?!</object>).)*?</object>",
                                            G_REGEX_DOTALL, (GRegexMatchFlags) 0, nullptr);
  g_autoptr(GRegex) c_title = g_regex_new ("gtk_widget_add_css_class \\(([a-z_>-]+), "
                                           "\"title-[1-4]\"\\)", (GRegexCompileFlags) 0,
                                           (GRegexMatchFlags) 0, nullptr);
  std::vector<std::string> offenders;
  int titles = 0;

  for (const char *name; (name = g_dir_read_name (d)) != nullptr;)
    {
      g_autofree char *path = g_build_filename (dir, name, nullptr);
      g_autofree char *text = nullptr;
      if (!g_str_has_suffix (name, ".ui") && !g_str_has_suffix (name, ".c"))
        continue;
      ASSERT_TRUE (g_file_get_contents (path, &text, nullptr, nullptr)) << path;
      g_autoptr(GMatchInfo) m = nullptr;
      if (g_str_has_suffix (name, ".ui"))
        for (g_regex_match (ui_label, text, (GRegexMatchFlags) 0, &m); g_match_info_matches (m);
             g_match_info_next (m, nullptr))
          {
            g_autofree char *label = g_match_info_fetch (m, 0);
            if (strstr (label, "<property name=\"wrap\">True</property>") == nullptr)
              continue;
            titles++;
            if (strstr (label, "<property name=\"justify\">center</property>") == nullptr)
              offenders.push_back (std::string ("ui/") + name + ": " + std::string (label).substr (0, 80));
          }
      else
        for (g_regex_match (c_title, text, (GRegexMatchFlags) 0, &m); g_match_info_matches (m);
             g_match_info_next (m, nullptr))
          {
            g_autofree char *var = g_match_info_fetch (m, 1);
            std::string wrap = std::string ("gtk_label_set_wrap (GTK_LABEL (") + var + "), TRUE)";
            std::string centre = std::string ("gtk_label_set_justify (GTK_LABEL (") + var +
                                 "), GTK_JUSTIFY_CENTER)";
            if (strstr (text, wrap.c_str ()) == nullptr)
              continue;
            titles++;
            if (strstr (text, centre.c_str ()) == nullptr)
              offenders.push_back (std::string ("ui/") + name + ": " + var);
          }
    }
  EXPECT_GT (titles, 0);
  std::ostringstream all;
  for (const std::string &o : offenders)
    all << o << "\n";
  EXPECT_TRUE (offenders.empty ()) << "wrapped titles not centred:\n" << all.str ();
}

// The class, not the instance: every call of a setter that parses markup lives in
// atr-plain-text.c (or builds its markup from escaped parts, listed here with the reason).
TEST (PlainTextSources, NoMarkupSetterIsFedDirectly)
{
  const char *root = g_getenv ("ATR_SOURCE_ROOT");
  ASSERT_NE (root, nullptr);
  const char *setters[] = {
    "adw_status_page_set_description", "adw_action_row_set_subtitle",
    "adw_preferences_row_set_title", "adw_expander_row_set_subtitle", "adw_toast_new",
    "adw_toast_set_title", "gtk_label_set_markup", "_format_body_markup",
    "_format_heading_markup", "adw_message_dialog_set_body_use_markup (dialog, TRUE",
  };
  const char *allowed[] = {
    "ui/atr-plain-text.c",       // the helper itself
    "ui/atr-session-window.c",   // escapes the description and the detail, adds <small>
  };
  const char *dirs[] = { "ui", "client" };
  std::vector<std::string> offenders;

  for (const char *dir : dirs)
    {
      g_autofree char *path = g_build_filename (root, dir, nullptr);
      g_autoptr(GDir) d = g_dir_open (path, 0, nullptr);
      ASSERT_NE (d, nullptr) << path;
      for (const char *name; (name = g_dir_read_name (d)) != nullptr;)
        {
          if (!g_str_has_suffix (name, ".c"))
            continue;
          std::string rel = std::string (dir) + "/" + name;
          bool skip = false;
          for (const char *a : allowed)
            skip = skip || rel == a;
          if (skip)
            continue;
          std::ifstream in (std::string (root) + "/" + rel);
          std::string line;
          for (int n = 1; std::getline (in, line); n++)
            for (const char *s : setters)
              if (line.find (s) != std::string::npos)
                offenders.push_back (rel + ":" + std::to_string (n) + ": " + line);
        }
    }
  std::ostringstream all;
  for (const std::string &o : offenders)
    all << o << "\n";
  EXPECT_TRUE (offenders.empty ()) << "markup setters fed directly (use atr-plain-text.h):\n"
                                   << all.str ();
}

}  // namespace
