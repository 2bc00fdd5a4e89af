/* test-date-utils.c: dates and times on 24- and 12-hour clocks, relative
 * times, and times in two zones
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-date-utils.h"

static GDateTime *
utc (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, tz);

  g_assert_nonnull (dt);
  return dt;
}

static void
assert_time (const char        *iso,
             gboolean           with_day,
             TocsinClockFormat  clock,
             const char        *expected)
{
  g_autoptr(GDateTime) dt = utc (iso);
  g_autofree char *text = tocsin_date_format_time (dt, with_day, clock);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_time_clocks (void)
{
  assert_time ("2026-03-31T07:00:00Z", TRUE, TOCSIN_CLOCK_FORMAT_24H, "Tue 07:00");
  assert_time ("2026-03-31T07:00:00Z", TRUE, TOCSIN_CLOCK_FORMAT_12H, "Tue 7:00 AM");
  assert_time ("2026-03-31T19:05:00Z", FALSE, TOCSIN_CLOCK_FORMAT_24H, "19:05");
  assert_time ("2026-03-31T19:05:00Z", FALSE, TOCSIN_CLOCK_FORMAT_12H, "7:05 PM");
  /* Midnight and noon on a 12-hour clock are 12, not 0. */
  assert_time ("2026-03-31T00:30:00Z", FALSE, TOCSIN_CLOCK_FORMAT_12H, "12:30 AM");
  assert_time ("2026-03-31T12:00:00Z", FALSE, TOCSIN_CLOCK_FORMAT_12H, "12:00 PM");
}

static void
test_zones (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GTimeZone) new_york = g_time_zone_new_identifier ("America/New_York");
  g_autoptr(GTimeZone) kolkata = g_time_zone_new_identifier ("Asia/Kolkata");
  /* Berlin already on CEST, New York on EDT. */
  g_autoptr(GDateTime) after_switch = utc ("2026-03-31T07:00:00Z");
  g_autoptr(GDateTime) late = utc ("2026-03-09T02:00:00Z");
  g_autofree char *a24 =
    tocsin_date_format_time_in_zones (after_switch, new_york, berlin, TOCSIN_CLOCK_FORMAT_24H);
  g_autofree char *a12 =
    tocsin_date_format_time_in_zones (after_switch, new_york, berlin, TOCSIN_CLOCK_FORMAT_12H);
  g_autofree char *b12 =
    tocsin_date_format_time_in_zones (late, kolkata, new_york, TOCSIN_CLOCK_FORMAT_12H);
  g_autofree char *same =
    tocsin_date_format_time_in_zones (after_switch, berlin, berlin, TOCSIN_CLOCK_FORMAT_12H);
  g_autofree char *alone =
    tocsin_date_format_time_in_zones (after_switch, kolkata, NULL, TOCSIN_CLOCK_FORMAT_24H);

  g_assert_cmpstr (a24, ==, "Tue 03:00 (09:00 Europe/Berlin)");
  g_assert_cmpstr (a12, ==, "Tue 3:00 AM (9:00 AM Europe/Berlin)");
  /* The weekday is repeated where the day differs. */
  g_assert_cmpstr (b12, ==, "Mon 7:30 AM (Sun 10:00 PM America/New_York)");
  g_assert_cmpstr (same, ==, "Tue 9:00 AM");
  g_assert_cmpstr (alone, ==, "Tue 12:30");
}

static void
test_when (void)
{
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = utc ("2026-04-01T10:00:00Z");
  g_autoptr(GDateTime) soon = utc ("2026-04-03T16:30:00Z");
  g_autoptr(GDateTime) later = utc ("2026-04-14T07:00:00Z");
  g_autofree char *soon24 = tocsin_date_format_when (soon, now, berlin, TOCSIN_CLOCK_FORMAT_24H);
  g_autofree char *soon12 = tocsin_date_format_when (soon, now, berlin, TOCSIN_CLOCK_FORMAT_12H);
  g_autofree char *later24 = tocsin_date_format_when (later, now, berlin, TOCSIN_CLOCK_FORMAT_24H);
  g_autofree char *later12 = tocsin_date_format_when (later, now, berlin, TOCSIN_CLOCK_FORMAT_12H);

  /* Within the week a weekday, beyond it the date. */
  g_assert_cmpstr (soon24, ==, "Fri 18:30");
  g_assert_cmpstr (soon12, ==, "Fri 6:30 PM");
  g_assert_cmpstr (later24, ==, "Apr 14 09:00");
  g_assert_cmpstr (later12, ==, "Apr 14 9:00 AM");
}

static void
assert_relative (GDateTime  *now,
                 GTimeSpan   offset,
                 const char *expected)
{
  g_autoptr(GDateTime) time = g_date_time_add (now, offset);
  g_autofree char *text = tocsin_date_format_relative (time, now);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_relative (void)
{
  g_autoptr(GDateTime) now = utc ("2026-04-01T10:00:00Z");
  g_autoptr(GDateTime) long_ago = utc ("2026-01-05T10:00:00Z");
  g_autofree char *old = tocsin_date_format_relative (long_ago, now);
  g_autofree char *none = tocsin_date_format_relative (NULL, now);

  assert_relative (now, -30 * G_TIME_SPAN_SECOND, "just now");
  assert_relative (now, -G_TIME_SPAN_MINUTE, "1 min ago");
  assert_relative (now, -59 * G_TIME_SPAN_MINUTE, "59 min ago");
  assert_relative (now, -G_TIME_SPAN_HOUR, "1 hour ago");
  assert_relative (now, -3 * G_TIME_SPAN_HOUR, "3 hours ago");
  assert_relative (now, -2 * G_TIME_SPAN_DAY, "2 days ago");
  /* Ahead rounds up: a snooze ending in 90 s ends "in 2 min". */
  assert_relative (now, 90 * G_TIME_SPAN_SECOND, "in 2 min");
  assert_relative (now, 3 * G_TIME_SPAN_HOUR, "in 3 hours");
  assert_relative (now, 3 * G_TIME_SPAN_DAY, "in 3 days");
  /* A month and more ago: the date (the test runs in UTC). */
  g_assert_cmpstr (old, ==, "5 Jan 2026");
  g_assert_cmpstr (none, ==, "");
}

static void
test_absolute (void)
{
  g_autoptr(GDateTime) time = utc ("2026-03-02T19:05:09Z");
  g_autofree char *text24 = tocsin_date_format_absolute (time, TOCSIN_CLOCK_FORMAT_24H);
  g_autofree char *text12 = tocsin_date_format_absolute (time, TOCSIN_CLOCK_FORMAT_12H);

  g_assert_cmpstr (text24, ==, "Monday, 2 March 2026, 19:05:09");
  g_assert_cmpstr (text12, ==, "Monday, 2 March 2026, 7:05:09 PM");
}

static void
test_default_clock (void)
{
  g_assert_cmpint (tocsin_date_get_clock_format (), ==, TOCSIN_CLOCK_FORMAT_24H);
  tocsin_date_set_clock_format (TOCSIN_CLOCK_FORMAT_12H);
  g_assert_cmpint (tocsin_date_get_clock_format (), ==, TOCSIN_CLOCK_FORMAT_12H);
  tocsin_date_set_clock_format (TOCSIN_CLOCK_FORMAT_24H);
  g_assert_cmpint (tocsin_date_get_clock_format (), ==, TOCSIN_CLOCK_FORMAT_24H);
}

int
main (int   argc,
      char *argv[])
{
  /* Local times (relative dates, the absolute form) in a known zone. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date-utils/time-clocks", test_time_clocks);
  g_test_add_func ("/date-utils/zones", test_zones);
  g_test_add_func ("/date-utils/when", test_when);
  g_test_add_func ("/date-utils/relative", test_relative);
  g_test_add_func ("/date-utils/absolute", test_absolute);
  g_test_add_func ("/date-utils/default-clock", test_default_clock);

  return g_test_run ();
}
