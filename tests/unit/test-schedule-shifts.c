/* test-schedule-shifts.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-date-utils.h"
#include "tocsin-schedule-parser.h"
#include "tocsin-shifts.h"

#define DANA  "5b10ac8d82e05b22cc7d4ef5"
#define ALICE "5c11aaaa00000000000a1ice"
#define BOB   "5c11bbbb000000000000b0b0"

static GPtrArray *
load_timeline (const char *name,
               const char *schedule_id,
               const char *zone_id,
               GTimeZone  *local_zone)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "unit", "data", "schedules", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  char *contents = NULL;
  gsize len = 0;
  GPtrArray *shifts;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, len);
  root = tocsin_schedule_parser_load (bytes, &error);
  g_assert_no_error (error);
  shifts = tocsin_schedule_parse_timeline (root, schedule_id, schedule_id, zone_id, local_zone, &error);
  g_assert_no_error (error);
  return shifts;
}

static GDateTime *
utc (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, tz);

  g_assert_nonnull (dt);
  return dt;
}

static void
assert_span (TocsinShift *shift,
             const char  *start_iso,
             const char  *end_iso)
{
  g_autoptr(GDateTime) expected_start = utc (start_iso);
  g_autoptr(GDateTime) expected_end = utc (end_iso);
  g_autoptr(GDateTime) start = tocsin_shift_get_start (shift);
  g_autoptr(GDateTime) end = tocsin_shift_get_end (shift);

  g_assert_true (g_date_time_equal (start, expected_start));
  g_assert_true (g_date_time_equal (end, expected_end));
}

static void
test_merge (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) raw = load_timeline ("timeline-merge.json", "s1", "Europe/Berlin", local);
  g_autoptr(GPtrArray) merged = NULL;
  g_autoptr(GPtrArray) reversed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) merged_again = NULL;

  g_assert_cmpuint (raw->len, ==, 7);
  merged = tocsin_shifts_merge (raw);
  g_assert_cmpuint (merged->len, ==, 5);

  /* Three touching days of Alice in one rotation become one shift. */
  assert_span (g_ptr_array_index (merged, 0), "2026-04-06T07:00:00Z", "2026-04-09T07:00:00Z");
  g_assert_cmpint (tocsin_shift_get_kind (g_ptr_array_index (merged, 0)), ==, TOCSIN_SHIFT_KIND_BASE);
  /* The override stays separate and marked. */
  assert_span (g_ptr_array_index (merged, 1), "2026-04-09T07:00:00Z", "2026-04-09T12:00:00Z");
  g_assert_cmpint (tocsin_shift_get_kind (g_ptr_array_index (merged, 1)), ==, TOCSIN_SHIFT_KIND_OVERRIDE);
  assert_span (g_ptr_array_index (merged, 2), "2026-04-09T12:00:00Z", "2026-04-10T07:00:00Z");
  /* Bob in two rotations: not joined. */
  assert_span (g_ptr_array_index (merged, 3), "2026-04-10T07:00:00Z", "2026-04-11T07:00:00Z");
  assert_span (g_ptr_array_index (merged, 4), "2026-04-11T07:00:00Z", "2026-04-12T07:00:00Z");
  g_assert_cmpstr (tocsin_shift_get_rotation_id (g_ptr_array_index (merged, 4)), ==, "rot-2");

  /* Input order does not matter. */
  for (guint i = raw->len; i > 0; i--)
    g_ptr_array_add (reversed, g_object_ref (g_ptr_array_index (raw, i - 1)));
  merged_again = tocsin_shifts_merge (reversed);
  g_assert_cmpuint (merged_again->len, ==, 5);
  assert_span (g_ptr_array_index (merged_again, 0), "2026-04-06T07:00:00Z", "2026-04-09T07:00:00Z");
}

static void
test_clip (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) raw = load_timeline ("timeline-merge.json", "s1", "Europe/Berlin", local);
  g_autoptr(GPtrArray) merged = tocsin_shifts_merge (raw);
  g_autoptr(GDateTime) from = utc ("2026-04-07T12:00:00Z");
  g_autoptr(GDateTime) to = utc ("2026-04-10T12:00:00Z");
  g_autoptr(GPtrArray) clipped = tocsin_shifts_clip (merged, from, to);
  TocsinShift *first;
  TocsinShift *last;

  /* The shift after the window is gone; the running one is cut at "from". */
  g_assert_cmpuint (clipped->len, ==, 4);
  first = g_ptr_array_index (clipped, 0);
  assert_span (first, "2026-04-07T12:00:00Z", "2026-04-09T07:00:00Z");
  g_assert_true (tocsin_shift_get_clipped_start (first));
  g_assert_false (tocsin_shift_get_clipped_end (first));

  g_assert_false (tocsin_shift_get_clipped_start (g_ptr_array_index (clipped, 1)));
  g_assert_false (tocsin_shift_get_clipped_end (g_ptr_array_index (clipped, 1)));

  last = g_ptr_array_index (clipped, 3);
  assert_span (last, "2026-04-10T07:00:00Z", "2026-04-10T12:00:00Z");
  g_assert_false (tocsin_shift_get_clipped_start (last));
  g_assert_true (tocsin_shift_get_clipped_end (last));

  /* The originals are untouched. */
  assert_span (g_ptr_array_index (merged, 0), "2026-04-06T07:00:00Z", "2026-04-09T07:00:00Z");
}

static void
test_group_by_day (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  g_autoptr(GPtrArray) raw = load_timeline ("timeline-berlin-dst.json", "s1", "Europe/Berlin", berlin);
  g_autoptr(GListModel) days = tocsin_shifts_group_by_day (raw, berlin);
  g_autoptr(GListModel) days_in_india = tocsin_shifts_group_by_day (raw, kolkata);
  g_autoptr(TocsinShiftDay) sunday = NULL;
  g_autoptr(TocsinShiftDay) first_india = NULL;

  /* Berlin calendar: 27, 28, 29 (three shifts), 30. */
  g_assert_cmpuint (g_list_model_get_n_items (days), ==, 4);
  sunday = g_list_model_get_item (days, 2);
  g_assert_cmpint (g_date_time_get_day_of_month (tocsin_shift_day_get_day (sunday)), ==, 29);
  g_assert_cmpint (g_date_time_get_hour (tocsin_shift_day_get_day (sunday)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (tocsin_shift_day_get_shifts (sunday)), ==, 3);

  /* In Kolkata the 12:00Z and 14:00Z shifts on the 29th start at 17:30 and
   * 19:30, still the 29th; the 08:00Z ones start at 13:30 the same day. */
  g_assert_cmpuint (g_list_model_get_n_items (days_in_india), ==, 4);
  first_india = g_list_model_get_item (days_in_india, 0);
  g_assert_cmpint (g_date_time_get_day_of_month (tocsin_shift_day_get_day (first_india)), ==, 27);
  g_assert_cmpint (g_date_time_get_utc_offset (tocsin_shift_day_get_day (first_india)), ==,
                   5 * G_TIME_SPAN_HOUR + 30 * G_TIME_SPAN_MINUTE);
}

static void
test_format_zones (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  g_autoptr(GDateTime) after_switch = utc ("2026-03-31T07:00:00Z");
  g_autoptr(GDateTime) late = utc ("2026-03-09T02:00:00Z");
  g_autofree char *a =
    tocsin_date_format_time_in_zones (after_switch, new_york, berlin, TOCSIN_CLOCK_FORMAT_24H);
  g_autofree char *b =
    tocsin_date_format_time_in_zones (late, kolkata, new_york, TOCSIN_CLOCK_FORMAT_24H);
  g_autofree char *c =
    tocsin_date_format_time_in_zones (after_switch, berlin, berlin, TOCSIN_CLOCK_FORMAT_24H);
  g_autoptr(GPtrArray) raw = load_timeline ("timeline-berlin-dst.json", "s1", "Europe/Berlin", new_york);
  g_autofree char *start_text = NULL;

  g_assert_cmpstr (a, ==, "Tue 03:00 (09:00 Europe/Berlin)");
  /* The day is repeated when it differs in the schedule's zone. */
  g_assert_cmpstr (b, ==, "Mon 07:30 (Sun 22:00 America/New_York)");
  g_assert_cmpstr (c, ==, "Tue 09:00");

  /* 2026-03-29T07:00Z: New York is already on EDT (-4). */
  g_object_get (g_ptr_array_index (raw, 2), "start-text", &start_text, NULL);
  g_assert_cmpstr (start_text, ==, "Sun 03:00 (09:00 Europe/Berlin)");
}

static GPtrArray *
dana_shifts (GTimeZone *local)
{
  g_autoptr(GPtrArray) a = load_timeline ("timeline-dana-a.json", "sch-a", "Europe/Berlin", local);
  g_autoptr(GPtrArray) b = load_timeline ("timeline-dana-b.json", "sch-b", "America/New_York", local);
  g_autoptr(GPtrArray) merged_a = tocsin_shifts_merge (a);
  g_autoptr(GPtrArray) merged_b = tocsin_shifts_merge (b);
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < merged_a->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (merged_a, i)));
  for (guint i = 0; i < merged_b->len; i++)
    g_ptr_array_add (all, g_object_ref (g_ptr_array_index (merged_b, i)));

  return all;
}

static void
test_my_shifts (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) all = dana_shifts (berlin);
  g_autoptr(GDateTime) now = utc ("2026-03-30T10:00:00Z");
  g_autoptr(GPtrArray) mine = tocsin_shifts_for_user (all, DANA, now);
  g_autoptr(GPtrArray) alices = tocsin_shifts_for_user (all, ALICE, now);
  g_autoptr(GPtrArray) nobody = tocsin_shifts_for_user (all, NULL, now);

  g_assert_cmpuint (mine->len, ==, 3);
  assert_span (g_ptr_array_index (mine, 0), "2026-03-30T07:00:00Z", "2026-03-31T07:00:00Z");
  g_assert_cmpstr (tocsin_shift_get_schedule_id (g_ptr_array_index (mine, 0)), ==, "sch-a");
  assert_span (g_ptr_array_index (mine, 1), "2026-04-01T07:00:00Z", "2026-04-02T07:00:00Z");
  g_assert_cmpstr (tocsin_shift_get_schedule_id (g_ptr_array_index (mine, 2)), ==, "sch-b");
  g_assert_cmpint (tocsin_shift_get_kind (g_ptr_array_index (mine, 2)), ==, TOCSIN_SHIFT_KIND_OVERRIDE);

  g_assert_cmpuint (alices->len, ==, 1);
  g_assert_cmpuint (nobody->len, ==, 0);
}

static void
check_summary (GPtrArray  *all,
               GTimeZone  *local,
               const char *now_iso,
               const char *expected,
               gboolean    expected_on_call)
{
  g_autoptr(GDateTime) now = utc (now_iso);
  g_autoptr(GPtrArray) mine = tocsin_shifts_for_user (all, DANA, now);
  g_autofree char *summary = NULL;
  gboolean on_call = !expected_on_call;

  summary = tocsin_shifts_format_summary (mine, now, local, &on_call);
  g_assert_cmpstr (summary, ==, expected);
  g_assert_cmpint (on_call, ==, expected_on_call);
}

static void
test_summary (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GPtrArray) all = dana_shifts (berlin);

  check_summary (all, berlin, "2026-03-30T10:00:00Z", "On call until Tue 09:00", TRUE);
  check_summary (all, new_york, "2026-03-30T10:00:00Z", "On call until Tue 03:00", TRUE);
  check_summary (all, berlin, "2026-03-31T10:00:00Z", "Next shift Wed 09:00", FALSE);
  check_summary (all, berlin, "2026-04-02T10:00:00Z", "Next shift Fri 18:00", FALSE);
  /* Exactly at the end of a shift, it is over (half-open). */
  check_summary (all, berlin, "2026-03-31T07:00:00Z", "Next shift Wed 09:00", FALSE);
  check_summary (all, berlin, "2026-04-05T10:00:00Z", NULL, FALSE);
}

static void
test_summary_handover (void)
{
  g_autoptr(GTimeZone) utc_zone = g_time_zone_new_utc ();
  g_autoptr(TocsinParticipant) dana = tocsin_participant_new (DANA, "user");
  g_autoptr(GDateTime) t0 = utc ("2026-05-04T08:00:00Z");
  g_autoptr(GDateTime) t1 = utc ("2026-05-04T16:00:00Z");
  g_autoptr(GDateTime) t2 = utc ("2026-05-05T08:00:00Z");
  g_autoptr(GDateTime) t3 = utc ("2026-05-14T08:00:00Z");
  g_autoptr(GDateTime) t4 = utc ("2026-05-14T09:00:00Z");
  g_autoptr(GDateTime) now = utc ("2026-05-04T09:00:00Z");
  g_autoptr(GPtrArray) shifts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GDateTime) until = NULL;
  g_autoptr(GDateTime) boundary = NULL;
  g_autofree char *far = NULL;

  /* One schedule hands Dana to another at 16:00: on call until the second ends. */
  g_ptr_array_add (shifts, tocsin_shift_new ("a", "A", "UTC", "r", "r", dana, TOCSIN_SHIFT_KIND_BASE, t0, t1, utc_zone));
  g_ptr_array_add (shifts, tocsin_shift_new ("b", "B", "UTC", "r", "r", dana, TOCSIN_SHIFT_KIND_BASE, t1, t2, utc_zone));
  g_ptr_array_add (shifts, tocsin_shift_new ("b", "B", "UTC", "r", "r", dana, TOCSIN_SHIFT_KIND_BASE, t3, t4, utc_zone));

  until = tocsin_shifts_on_call_until (shifts, now);
  g_assert_true (g_date_time_equal (until, t2));
  boundary = tocsin_shifts_next_boundary (shifts, now);
  g_assert_true (g_date_time_equal (boundary, t1));

  /* More than a week ahead, a weekday alone would be ambiguous. */
  far = tocsin_shifts_format_summary (shifts, t2, utc_zone, NULL);
  g_assert_cmpstr (far, ==, "Next shift May 14 08:00");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule/shifts/merge", test_merge);
  g_test_add_func ("/schedule/shifts/clip", test_clip);
  g_test_add_func ("/schedule/shifts/group-by-day", test_group_by_day);
  g_test_add_func ("/schedule/shifts/format-zones", test_format_zones);
  g_test_add_func ("/schedule/shifts/my-shifts", test_my_shifts);
  g_test_add_func ("/schedule/shifts/summary", test_summary);
  g_test_add_func ("/schedule/shifts/summary-handover", test_summary_handover);

  return g_test_run ();
}
