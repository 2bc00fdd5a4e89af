/* test-alert-cells.c: the cell widgets of the alerts list, each on its own
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-details.h"
#include "tocsin-priority-badge.h"
#include "tocsin-test-utils.h"

static GtkWidget *
find_label (GtkWidget *root)
{
  GtkWidget *label = tocsin_test_find_widget (root, GTK_TYPE_LABEL, NULL);

  g_assert_nonnull (label);
  return label;
}

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  tocsin_test_spin (100);
  return window;
}

/* What the badge's tooltip says, asked for as when the pointer rests on
 * it; NULL for none. */
static char *
badge_tooltip (GtkWidget *badge)
{
  g_autoptr(GtkTooltip) tooltip = g_object_new (GTK_TYPE_TOOLTIP, NULL);
  char *text = tocsin_priority_badge_dup_tooltip (TOCSIN_PRIORITY_BADGE (badge));
  gboolean shown = FALSE;

  g_assert_true (gtk_widget_get_has_tooltip (badge));
  g_signal_emit_by_name (badge, "query-tooltip", 1, 1, FALSE, tooltip, &shown);
  g_assert_cmpint (shown, ==, text != NULL);
  return text;
}

static void
test_priority_badge (void)
{
  GtkWidget *badge = g_object_ref_sink (tocsin_priority_badge_new ());
  GtkWidget *window = show_in_window (badge);
  GtkWidget *label = find_label (badge);
  GtkWidget *spinner;
  g_autofree char *tooltip = NULL;
  g_autofree char *expected = NULL;

  /* Nothing until it has a priority. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "");
  g_assert_null (badge_tooltip (badge));

  tocsin_priority_badge_set_priority (TOCSIN_PRIORITY_BADGE (badge), 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "P2");
  g_assert_true (gtk_widget_has_css_class (label, "p2"));
  tooltip = badge_tooltip (badge);
  g_assert_cmpstr (tooltip, ==, _("Priority P2"));
  g_clear_pointer (&tooltip, g_free);
  /* No spinner until it is pending: most badges never are. */
  g_assert_null (tocsin_test_find_widget (badge, GTK_TYPE_SPINNER, NULL));

  /* Pending: the spinner turns and the tooltip says why. */
  tocsin_priority_badge_set_pending (TOCSIN_PRIORITY_BADGE (badge), TRUE);
  tocsin_priority_badge_set_priority (TOCSIN_PRIORITY_BADGE (badge), 1);
  g_assert_true (gtk_widget_has_css_class (label, "p1"));
  g_assert_false (gtk_widget_has_css_class (label, "p2"));
  spinner = tocsin_test_find_widget (badge, GTK_TYPE_SPINNER, NULL);
  g_assert_nonnull (spinner);
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_true (gtk_widget_has_css_class (badge, "dim-label"));
  expected = g_strdup_printf (_("Priority %s; an action is being processed"), "P1");
  tooltip = badge_tooltip (badge);
  g_assert_cmpstr (tooltip, ==, expected);

  /* Done: the spinner hides and stops. */
  tocsin_priority_badge_set_pending (TOCSIN_PRIORITY_BADGE (badge), FALSE);
  g_assert_false (gtk_widget_get_visible (spinner));
  g_assert_false (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_false (gtk_widget_has_css_class (badge, "dim-label"));

  gtk_window_destroy (GTK_WINDOW (window));
  tocsin_test_spin (50);
  g_assert_finalize_object (badge);
}

int
main (int   argc,
      char *argv[])
{
  tocsin_test_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/alert-cells/priority-badge", test_priority_badge);

  return g_test_run ();
}
