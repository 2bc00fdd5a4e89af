/* test-schedule-list.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-schedule-list.h"
#include "tocsin-schedule-parser.h"
#include "tocsin-shift-day.h"

#define DANA  "5b10ac8d82e05b22cc7d4ef5"
#define ALICE "5c11aaaa00000000000a1ice"

typedef struct {
  guint position;
  guint removed;
  guint added;
  guint calls;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->position = position;
  record->removed = removed;
  record->added = added;
  record->calls++;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static JsonNode *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "unit", "data", "schedules", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize len = 0;
  JsonNode *root;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, len);
  root = tocsin_schedule_parser_load (bytes, &error);
  g_assert_no_error (error);
  return root;
}

static GDateTime *
utc (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();

  return g_date_time_new_from_iso8601 (iso, tz);
}

static TocsinSchedule *
schedule_with_timeline (const char *id,
                        const char *zone,
                        const char *fixture,
                        GTimeZone  *local,
                        GDateTime  *now)
{
  g_autoptr(JsonNode) root = load_fixture (fixture);
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GError) error = NULL;
  TocsinSchedule *schedule = tocsin_schedule_new (id);

  tocsin_schedule_set_name (schedule, id);
  tocsin_schedule_set_timezone (schedule, zone);
  shifts = tocsin_schedule_parse_timeline (root, id, id, zone, local, &error);
  g_assert_no_error (error);
  tocsin_schedule_set_shifts (schedule, shifts, now);
  return schedule;
}

static void
test_update_in_place (void)
{
  g_autoptr(TocsinScheduleList) list = tocsin_schedule_list_new ();
  g_autoptr(JsonNode) page1 = load_fixture ("schedules-page-1.json");
  g_autoptr(GPtrArray) first = tocsin_schedule_parse_list (page1, NULL, NULL);
  g_autoptr(GPtrArray) again = tocsin_schedule_parse_list (page1, NULL, NULL);
  g_autoptr(GPtrArray) shorter = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TocsinSchedule) kept = NULL;
  g_autoptr(TocsinSchedule) after = NULL;
  ItemsChanged record = { 0 };
  guint name_notifies = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &record);

  tocsin_schedule_list_update (list, first);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (record.added, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  kept = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_signal_connect (kept, "notify::name", G_CALLBACK (count_notify), &name_notifies);

  /* The same ids again, one renamed: no items-changed, same objects, one notify. */
  tocsin_schedule_set_name (g_ptr_array_index (again, 0), "Renamed");
  tocsin_schedule_list_update (list, again);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (list), 0) == (gpointer) kept);
  g_object_unref (kept);
  g_assert_cmpstr (tocsin_schedule_get_name (kept), ==, "Renamed");
  g_assert_cmpuint (name_notifies, ==, 1);

  /* One gone. */
  g_ptr_array_add (shorter, g_object_ref (g_ptr_array_index (again, 1)));
  tocsin_schedule_list_update (list, shorter);
  g_assert_cmpuint (record.calls, ==, 2);
  g_assert_cmpuint (record.removed, ==, 2);
  g_assert_cmpuint (record.added, ==, 1);
  after = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (tocsin_schedule_get_id (after), ==, "sch-nyc");
  g_assert_null (tocsin_schedule_list_lookup (list, "sch-berlin"));
}

static void
test_states (void)
{
  g_autoptr(TocsinScheduleList) list = tocsin_schedule_list_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  guint empty_notifies = 0;

  g_signal_connect (list, "notify::empty", G_CALLBACK (count_notify), &empty_notifies);

  /* Nothing fetched yet is not "empty"; a fetch of none is. */
  g_assert_false (tocsin_schedule_list_get_empty (list));
  tocsin_schedule_list_update (list, none);
  g_assert_true (tocsin_schedule_list_get_empty (list));
  g_assert_cmpuint (empty_notifies, ==, 1);
  tocsin_schedule_list_update (list, none);
  g_assert_cmpuint (empty_notifies, ==, 1);

  g_ptr_array_add (one, tocsin_schedule_new ("x"));
  tocsin_schedule_list_update (list, one);
  g_assert_false (tocsin_schedule_list_get_empty (list));
  g_assert_cmpuint (empty_notifies, ==, 2);
}

static void
test_my_shifts_two_schedules (void)
{
  g_autoptr(TocsinScheduleList) list = tocsin_schedule_list_new ();
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = utc ("2026-03-30T10:00:00Z");
  g_autoptr(GDateTime) later = utc ("2026-04-02T10:00:00Z");
  g_autoptr(GPtrArray) schedules = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) boundary = NULL;
  g_autoptr(GDateTime) expected_boundary = utc ("2026-03-31T07:00:00Z");
  guint summary_notifies = 0;
  GListModel *mine;

  g_ptr_array_add (schedules, schedule_with_timeline ("sch-a", "Europe/Berlin", "timeline-dana-a.json", berlin, now));
  g_ptr_array_add (schedules, schedule_with_timeline ("sch-b", "America/New_York", "timeline-dana-b.json", berlin, now));
  tocsin_schedule_list_update (list, schedules);
  g_signal_connect (list, "notify::summary", G_CALLBACK (count_notify), &summary_notifies);

  /* Without an account, nothing is "mine". */
  tocsin_schedule_list_update_my_shifts (list, now, berlin);
  mine = tocsin_schedule_list_get_my_shifts (list);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 0);
  g_assert_null (tocsin_schedule_list_get_summary (list));

  tocsin_schedule_list_set_account_id (list, DANA);
  tocsin_schedule_list_update_my_shifts (list, now, berlin);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 3);
  g_assert_true (tocsin_schedule_list_get_on_call (list));
  g_assert_cmpstr (tocsin_schedule_list_get_summary (list), ==, "On call until Tue 09:00");
  g_assert_cmpuint (summary_notifies, ==, 1);

  tocsin_schedule_list_update_my_shifts (list, later, berlin);
  g_assert_false (tocsin_schedule_list_get_on_call (list));
  g_assert_cmpstr (tocsin_schedule_list_get_summary (list), ==, "Next shift Fri 18:00");
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 1);
  g_assert_cmpuint (summary_notifies, ==, 2);

  /* The next handover in any schedule: Dana -> Alice in A. */
  boundary = tocsin_schedule_list_get_next_boundary (list, now);
  g_assert_true (g_date_time_equal (boundary, expected_boundary));

  /* Alice is in one schedule only. */
  tocsin_schedule_list_set_account_id (list, ALICE);
  tocsin_schedule_list_update_my_shifts (list, now, berlin);
  g_assert_cmpuint (g_list_model_get_n_items (mine), ==, 1);
}

static void
test_shift_window (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = utc ("2026-03-30T10:00:00Z");
  g_autoptr(TocsinSchedule) schedule =
    schedule_with_timeline ("sch-b", "America/New_York", "timeline-dana-b.json", berlin, now);
  GListModel *days = tocsin_schedule_get_shift_days (schedule);
  g_autoptr(TocsinShiftDay) first = NULL;
  g_autoptr(TocsinShift) running = NULL;
  g_autoptr(GDateTime) running_start = NULL;
  ItemsChanged record = { 0 };

  g_assert_cmpuint (tocsin_schedule_get_shift_window_days (schedule), ==, 7);
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 3);
  first = g_list_model_get_item (days, 0);
  running = g_list_model_get_item (tocsin_shift_day_get_shifts (first), 0);
  running_start = tocsin_shift_get_start (running);
  g_assert_true (g_date_time_equal (running_start, now));
  g_assert_true (tocsin_shift_get_clipped_start (running));
  /* The whole timeline stays available unclipped. */
  g_assert_cmpuint (g_list_model_get_n_items (tocsin_schedule_get_shifts (schedule)), ==, 3);

  g_signal_connect (days, "items-changed", G_CALLBACK (on_items_changed), &record);
  g_object_set (schedule, "shift-window-days", 1, NULL);
  g_assert_cmpuint (record.calls, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 1);
  g_object_set (schedule, "shift-window-days", 14, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 3);
}

static void
test_on_call_text (void)
{
  g_autoptr(JsonNode) root = load_fixture ("on-calls-nested.json");
  g_autoptr(GPtrArray) participants = tocsin_schedule_parse_on_calls (root, NULL);
  g_autoptr(TocsinSchedule) schedule = tocsin_schedule_new ("s");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint notifies = 0;

  tocsin_schedule_set_on_call_now (schedule, participants);
  before = tocsin_schedule_dup_on_call_now_text (schedule);
  g_assert_true (g_str_has_prefix (before, DANA ", "));

  g_signal_connect (schedule, "notify::on-call-now-text", G_CALLBACK (count_notify), &notifies);
  /* A name resolved later for a nested participant reaches the text. */
  tocsin_participant_set_name (g_ptr_array_index (participants, 0), "Dana Okafor");
  g_assert_cmpuint (notifies, ==, 1);
  after = tocsin_schedule_dup_on_call_now_text (schedule);
  g_assert_true (g_str_has_prefix (after, "Dana Okafor, "));
  g_assert_nonnull (strstr (after, ALICE));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule/list/update-in-place", test_update_in_place);
  g_test_add_func ("/schedule/list/states", test_states);
  g_test_add_func ("/schedule/list/my-shifts", test_my_shifts_two_schedules);
  g_test_add_func ("/schedule/list/shift-window", test_shift_window);
  g_test_add_func ("/schedule/list/on-call-text", test_on_call_text);

  return g_test_run ();
}
