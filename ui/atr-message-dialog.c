/* atr-message-dialog.c — AdwMessageDialog, safe with a long heading on every libadwaita
 *
 * libadwaita 1.6 gave the dialog two heading labels in a box of class "heading-bin": a large
 * one ("title-2") that never wraps, shown when the heading fits on one line, and a small one
 * ("title-4") that wraps, shown when it does not. The box's height-for-width measure asks the
 * large label for its height at the box's width even when that is narrower than the label's
 * one line, and GTK 4.12 and later warn about every such measure ("Trying to measure
 * GtkLabel … for width of 324, but it needs at least 457"; with G_DEBUG=fatal-warnings the
 * app stops). libadwaita 1.8 fixed it (commit 34d32f5e, "alert/message-dialog: Fix warning
 * with long heading", issue 1025). Debian 13 ships 1.7.
 *
 * On 1.6 and 1.7 the box gets a layout of ours that chooses between the two labels as
 * libadwaita does (the large one when its one line fits the width, else the small one, and
 * only the small one on a "short" dialog) but measures the large label only at a width it
 * fits in. What is on screen is the same; only the bad measure is gone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "atrium-ui"

#include "config.h"

#include "atr-message-dialog.h"

static GtkWidget *
find_with_class (GtkWidget  *widget,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The heading box's two labels; FALSE when it does not hold them (another layout). */
static gboolean
heading_labels (GtkWidget  *bin,
                GtkWidget **large,
                GtkWidget **small)
{
  *large = *small = NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (bin); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LABEL (child))
        return FALSE;
      if (gtk_widget_has_css_class (child, "title-2") && !gtk_label_get_wrap (GTK_LABEL (child)))
        *large = child;
      else if (gtk_widget_has_css_class (child, "title-4") && gtk_label_get_wrap (GTK_LABEL (child)))
        *small = child;
      else
        return FALSE;
    }
  return *large != NULL && *small != NULL;
}

static gboolean
dialog_is_short (GtkWidget *bin)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (bin));

  return root != NULL && gtk_widget_has_css_class (root, "short");
}

/* The large label's width on one line: it is shown only where that fits. */
static int
one_line_width (GtkWidget *large)
{
  int natural;

  gtk_widget_measure (large, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

static GtkSizeRequestMode
heading_request_mode (GtkWidget *bin)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
heading_measure (GtkWidget      *bin,
                 GtkOrientation  orientation,
                 int             for_size,
                 int            *minimum,
                 int            *natural,
                 int            *minimum_baseline,
                 int            *natural_baseline)
{
  GtkWidget *large, *small;
  int large_min = 0, large_nat = 0, small_min = 0, small_nat = 0;

  *minimum_baseline = *natural_baseline = -1;
  if (!heading_labels (bin, &large, &small))
    {
      *minimum = *natural = 0;
      return;
    }
  if (dialog_is_short (bin))
    {
      gtk_widget_measure (small, orientation, for_size, minimum, natural, NULL, NULL);
      return;
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The large label never wraps: its width does not depend on a height. */
      gtk_widget_measure (large, orientation, -1, &large_min, &large_nat, NULL, NULL);
      gtk_widget_measure (small, orientation, for_size, &small_min, &small_nat, NULL, NULL);
      *minimum = MIN (large_min, small_min);
      *natural = MAX (large_nat, small_nat);
    }
  else if (for_size < 0)
    {
      gtk_widget_measure (large, orientation, -1, &large_min, &large_nat, NULL, NULL);
      gtk_widget_measure (small, orientation, -1, &small_min, &small_nat, NULL, NULL);
      *minimum = MAX (large_min, small_min);
      *natural = MAX (large_nat, small_nat);
    }
  else
    {
      /* Only the label shown at this width is measured at it. */
      GtkWidget *shown = one_line_width (large) > for_size ? small : large;

      gtk_widget_measure (shown, orientation, for_size, minimum, natural, NULL, NULL);
    }
}

static void
heading_allocate (GtkWidget *bin,
                  int        width,
                  int        height,
                  int        baseline)
{
  GtkWidget *large, *small, *shown;
  gboolean use_small;

  if (!heading_labels (bin, &large, &small))
    return;
  use_small = dialog_is_short (bin) || one_line_width (large) > width;
  shown = use_small ? small : large;
  if (gtk_widget_get_child_visible (large) == use_small)
    gtk_widget_set_child_visible (large, !use_small);
  if (gtk_widget_get_child_visible (small) != use_small)
    gtk_widget_set_child_visible (small, use_small);
  gtk_widget_allocate (shown, width, height, baseline, NULL);
}

static gboolean
has_long_heading_bug (void)
{
  guint minor = adw_get_minor_version ();

  return adw_get_major_version () == 1 && minor >= 6 && minor < 8;
}

AdwMessageDialog *
atr_message_dialog_new (GtkWindow  *parent,
                        const char *heading,
                        const char *body)
{
  AdwMessageDialog *dialog;
  GtkWidget *bin, *large, *small;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));
  if (!has_long_heading_bug ())
    return dialog;
  bin = find_with_class (GTK_WIDGET (dialog), "heading-bin");
  /* Not the layout this works around: leave libadwaita's own. */
  if (bin == NULL || !heading_labels (bin, &large, &small))
    return dialog;
  gtk_widget_set_layout_manager (bin, gtk_custom_layout_new (heading_request_mode,
                                                             heading_measure,
                                                             heading_allocate));
  return dialog;
}
