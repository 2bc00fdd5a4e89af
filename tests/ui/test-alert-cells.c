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
#include "tocsin-clock.h"
#include "tocsin-time-label.h"
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

static void
test_priority_badge (void)
{
  GtkWidget *badge = g_object_ref_sink (tocsin_priority_badge_new ());
  GtkWidget *window = show_in_window (badge);
  GtkWidget *label = find_label (badge);
  GtkWidget *spinner = tocsin_test_find_widget (badge, GTK_TYPE_SPINNER, NULL);
  g_autofree char *tooltip = NULL;

  /* Nothing until it has a priority. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "");
  g_assert_null (gtk_widget_get_tooltip_text (badge));

  tocsin_priority_badge_set_priority (TOCSIN_PRIORITY_BADGE (badge), 2);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "P2");
  g_assert_true (gtk_widget_has_css_class (label, "p2"));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, _("Priority P2"));
  g_assert_false (gtk_widget_get_visible (spinner));

  /* Pending: the spinner turns and the tooltip says why. */
  tocsin_priority_badge_set_pending (TOCSIN_PRIORITY_BADGE (badge), TRUE);
  tocsin_priority_badge_set_priority (TOCSIN_PRIORITY_BADGE (badge), 1);
  g_assert_true (gtk_widget_has_css_class (label, "p1"));
  g_assert_false (gtk_widget_has_css_class (label, "p2"));
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_true (gtk_widget_has_css_class (badge, "dim-label"));
  tooltip = g_strdup_printf (_("Priority %s; an action is being processed"), "P1");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, tooltip);

  gtk_window_destroy (GTK_WINDOW (window));
  tocsin_test_spin (50);
  g_assert_finalize_object (badge);
}

static void
test_time_label (void)
{
  GtkWidget *time_label = g_object_ref_sink (tocsin_time_label_new ());
  GtkWidget *window = show_in_window (time_label);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) earlier = g_date_time_add_hours (now, -3);
  g_autofree char *relative = tocsin_alert_details_format_relative (earlier, now);
  g_autofree char *absolute = tocsin_alert_details_format_absolute (earlier);

  g_assert_cmpstr (tocsin_time_label_get_text (TOCSIN_TIME_LABEL (time_label)), ==, "");
  tocsin_time_label_set_datetime (TOCSIN_TIME_LABEL (time_label), earlier);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_label (time_label))), ==, relative);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (time_label), ==, absolute);
  g_assert_true (tocsin_time_label_get_datetime (TOCSIN_TIME_LABEL (time_label)) == earlier);

  /* It keeps current on the shared clock's minute, while on screen only. */
  gtk_label_set_text (GTK_LABEL (find_label (time_label)), "stale");
  g_signal_emit_by_name (tocsin_clock_get_default (), "minute");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_label (time_label))), ==, relative);
  gtk_widget_set_visible (time_label, FALSE);
  gtk_label_set_text (GTK_LABEL (find_label (time_label)), "stale");
  g_signal_emit_by_name (tocsin_clock_get_default (), "minute");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_label (time_label))), ==, "stale");
  gtk_widget_set_visible (time_label, TRUE);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_label (time_label))), ==, relative);

  tocsin_time_label_set_datetime (TOCSIN_TIME_LABEL (time_label), NULL);
  g_assert_cmpstr (tocsin_time_label_get_text (TOCSIN_TIME_LABEL (time_label)), ==, "");
  g_assert_null (gtk_widget_get_tooltip_text (time_label));

  gtk_window_destroy (GTK_WINDOW (window));
  tocsin_test_spin (50);
  g_assert_finalize_object (time_label);
}

int
main (int   argc,
      char *argv[])
{
  tocsin_test_init (&argc, &argv);
  adw_init ();

  g_test_add_func ("/alert-cells/priority-badge", test_priority_badge);
  g_test_add_func ("/alert-cells/time-label", test_time_label);

  return g_test_run ();
}
