/* test-alert-presets.c: what a fetched alert list tells about the preset
 * queries without asking the server again
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-alert-preset.h"

static TocsinAlert *
alert (const char *id,
       const char *status,
       gboolean    acknowledged,
       const char *owner)
{
  TocsinAlert *a = tocsin_alert_new (id);

  tocsin_alert_set_status (a, status);
  tocsin_alert_set_acknowledged (a, acknowledged);
  tocsin_alert_set_owner (a, owner);
  return a;
}

static GPtrArray *
sample (void)
{
  GPtrArray *alerts = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (alerts, alert ("1", "open", FALSE, "Dana Scully"));
  g_ptr_array_add (alerts, alert ("2", "open", TRUE, "Fox Mulder"));
  g_ptr_array_add (alerts, alert ("3", "snoozed", FALSE, NULL));
  g_ptr_array_add (alerts, alert ("4", "closed", FALSE, "Dana Scully"));
  g_ptr_array_add (alerts, alert ("5", "resolved", FALSE, ""));
  g_ptr_array_add (alerts, alert ("6", "open", FALSE, "Walter Skinner"));
  return alerts;
}

/* The server's "status:open AND acknowledged:false": snoozed is open. */
static void
test_count (void)
{
  g_autoptr(GPtrArray) alerts = sample ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();

  g_assert_cmpuint (tocsin_alert_count_open_unacknowledged (alerts), ==, 3);
  g_assert_cmpuint (tocsin_alert_count_open_unacknowledged (none), ==, 0);
}

static void
test_covers (void)
{
  g_autofree char *open = tocsin_alert_preset_query (TOCSIN_ALERT_PRESET_OPEN);
  g_autofree char *unacked = tocsin_alert_preset_query (TOCSIN_ALERT_PRESET_UNACKNOWLEDGED);
  g_autofree char *all = tocsin_alert_preset_query (TOCSIN_ALERT_PRESET_ALL);
  g_autofree char *high = tocsin_alert_preset_query (TOCSIN_ALERT_PRESET_HIGH_PRIORITY);

  /* Each query whose matches include every open unacknowledged alert. */
  g_assert_true (tocsin_alert_query_covers_open_unacknowledged (open));
  g_assert_true (tocsin_alert_query_covers_open_unacknowledged (unacked));
  g_assert_true (tocsin_alert_query_covers_open_unacknowledged (all));
  g_assert_false (tocsin_alert_query_covers_open_unacknowledged (high));
  g_assert_false (tocsin_alert_query_covers_open_unacknowledged ("tag:db"));
}

static void
test_filter_owners (void)
{
  g_autoptr(GPtrArray) alerts = sample ();
  const char *owners[] = { "Dana Scully", "Walter Skinner", NULL };
  const char *empty_owner[] = { "", NULL };
  g_autoptr(GPtrArray) kept = tocsin_alert_filter_owners (alerts, owners);
  g_autoptr(GPtrArray) kept_empty = tocsin_alert_filter_owners (alerts, empty_owner);

  /* In order, closed ones too: the query decides about status. */
  g_assert_cmpuint (kept->len, ==, 3);
  g_assert_cmpstr (tocsin_alert_get_id (g_ptr_array_index (kept, 0)), ==, "1");
  g_assert_cmpstr (tocsin_alert_get_id (g_ptr_array_index (kept, 1)), ==, "4");
  g_assert_cmpstr (tocsin_alert_get_id (g_ptr_array_index (kept, 2)), ==, "6");
  /* An alert without an owner is nobody's. */
  g_assert_cmpuint (kept_empty->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert-presets/count-open-unacknowledged", test_count);
  g_test_add_func ("/alert-presets/covers-open-unacknowledged", test_covers);
  g_test_add_func ("/alert-presets/filter-owners", test_filter_owners);

  return g_test_run ();
}
