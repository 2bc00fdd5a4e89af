/* test-clock.c: the shared clock ticks on wall-clock boundaries and
 * follows the desktop's 12/24-hour setting
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-clock.h"

typedef struct
{
  GMainLoop *loop;
  GArray    *minutes; /* gint64: "now" in µs at each "minute" */
  guint      days;
  guint      minutes_before_day;
} Ticks;

static void
on_minute_cb (TocsinClock *clock,
              Ticks       *ticks)
{
  g_autoptr(GDateTime) now = tocsin_clock_dup_now (clock);
  gint64 usec = g_date_time_to_unix (now) * G_USEC_PER_SEC;

  g_array_append_val (ticks->minutes, usec);
  g_main_loop_quit (ticks->loop);
}

static void
on_day_cb (TocsinClock *clock,
           Ticks       *ticks)
{
  ticks->days++;
  ticks->minutes_before_day = ticks->minutes->len;
}

static gboolean
on_too_late_cb (gpointer user_data)
{
  g_error ("No tick within five seconds of the boundary");
  return G_SOURCE_REMOVE;
}

/* Makes the clock believe it is @year-@month-@day @hour:@minute:59.7. */
static void
set_time (TocsinClock *clock,
          int          year,
          int          month,
          int          day,
          int          hour,
          int          minute)
{
  g_autoptr(GDateTime) target = g_date_time_new_local (year, month, day, hour, minute, 59.7);
  gint64 target_usec = g_date_time_to_unix (target) * G_USEC_PER_SEC + 700 * 1000;

  _tocsin_clock_set_offset (clock, target_usec - g_get_real_time ());
}

static void
wait_for_tick (Ticks *ticks)
{
  guint guard = g_timeout_add_seconds (5, on_too_late_cb, NULL);

  g_main_loop_run (ticks->loop);
  g_source_remove (guard);
}

static void
ticks_init (Ticks       *ticks,
            TocsinClock *clock)
{
  ticks->loop = g_main_loop_new (NULL, FALSE);
  ticks->minutes = g_array_new (FALSE, FALSE, sizeof (gint64));
  ticks->days = 0;
  g_signal_connect (clock, "minute", G_CALLBACK (on_minute_cb), ticks);
  g_signal_connect (clock, "day", G_CALLBACK (on_day_cb), ticks);
}

static void
ticks_clear (Ticks *ticks)
{
  g_main_loop_unref (ticks->loop);
  g_array_unref (ticks->minutes);
}

static void
test_minute_boundary (void)
{
  g_autoptr(TocsinClock) clock = tocsin_clock_new_with_settings (NULL);
  g_autoptr(GDateTime) expected = g_date_time_new_local (2026, 3, 10, 10, 1, 0);
  g_autoptr(GDateTime) second = g_date_time_new_local (2026, 3, 10, 17, 46, 0);
  Ticks ticks;

  ticks_init (&ticks, clock);

  /* 0.3 s before 10:01: one tick, at 10:01:00, and no new day. */
  set_time (clock, 2026, 3, 10, 10, 0);
  wait_for_tick (&ticks);
  g_assert_cmpuint (ticks.minutes->len, ==, 1);
  g_assert_cmpint (g_array_index (ticks.minutes, gint64, 0), ==,
                   g_date_time_to_unix (expected) * G_USEC_PER_SEC);
  g_assert_cmpuint (ticks.days, ==, 0);

  /* Moved on (as after a resume): the next tick is on that minute too. */
  set_time (clock, 2026, 3, 10, 17, 45);
  wait_for_tick (&ticks);
  g_assert_cmpuint (ticks.minutes->len, ==, 2);
  g_assert_cmpint (g_array_index (ticks.minutes, gint64, 1), ==,
                   g_date_time_to_unix (second) * G_USEC_PER_SEC);
  g_assert_cmpuint (ticks.days, ==, 0);

  ticks_clear (&ticks);
  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
test_day_boundary (void)
{
  g_autoptr(TocsinClock) clock = tocsin_clock_new_with_settings (NULL);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (2026, 3, 11, 0, 0, 0);
  Ticks ticks;

  ticks_init (&ticks, clock);

  set_time (clock, 2026, 3, 10, 23, 59);
  wait_for_tick (&ticks);
  g_assert_cmpuint (ticks.minutes->len, ==, 1);
  g_assert_cmpint (g_array_index (ticks.minutes, gint64, 0), ==,
                   g_date_time_to_unix (midnight) * G_USEC_PER_SEC);
  /* "day" once, after that minute's "minute". */
  g_assert_cmpuint (ticks.days, ==, 1);
  g_assert_cmpuint (ticks.minutes_before_day, ==, 1);

  ticks_clear (&ticks);
  g_assert_finalize_object (g_steal_pointer (&clock));
}

/* After a resume the clock ticks at once, not at the minute it slept past. */
static void
test_resync (void)
{
  g_autoptr(TocsinClock) clock = tocsin_clock_new_with_settings (NULL);
  Ticks ticks;

  ticks_init (&ticks, clock);
  tocsin_clock_resync (clock);
  g_assert_cmpuint (ticks.minutes->len, ==, 1);
  g_assert_cmpuint (ticks.days, ==, 0);

  ticks_clear (&ticks);
  g_assert_finalize_object (g_steal_pointer (&clock));
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_clock_format (void)
{
  g_autoptr(GSettings) interface = g_settings_new ("org.gnome.desktop.interface");
  g_autoptr(TocsinClock) clock = NULL;
  g_autoptr(TocsinClock) desktop_clock = NULL;
  guint notified = 0;

  g_settings_set_string (interface, "clock-format", "12h");
  clock = tocsin_clock_new_with_settings (interface);
  g_assert_false (tocsin_clock_get_use_24h (clock));
  /* tocsin_clock_new() finds the same schema and setting. */
  desktop_clock = tocsin_clock_new ();
  g_assert_false (tocsin_clock_get_use_24h (desktop_clock));

  g_signal_connect (clock, "notify::use-24h", G_CALLBACK (on_notify_cb), &notified);
  g_settings_set_string (interface, "clock-format", "24h");
  g_assert_true (tocsin_clock_get_use_24h (clock));
  g_assert_true (tocsin_clock_get_use_24h (desktop_clock));
  g_assert_cmpuint (notified, ==, 1);

  /* Setting it again to the same is no change. */
  g_settings_set_string (interface, "clock-format", "24h");
  g_assert_cmpuint (notified, ==, 1);
  g_settings_set_string (interface, "clock-format", "12h");
  g_assert_false (tocsin_clock_get_use_24h (clock));
  g_assert_cmpuint (notified, ==, 2);

  g_assert_finalize_object (g_steal_pointer (&clock));
  g_assert_finalize_object (g_steal_pointer (&desktop_clock));
}

/* Without gsettings-desktop-schemas: 24-hour, and no complaint. */
static void
test_no_schema (void)
{
  g_autoptr(TocsinClock) clock = tocsin_clock_new_with_settings (NULL);

  g_assert_true (tocsin_clock_get_use_24h (clock));
  g_assert_finalize_object (g_steal_pointer (&clock));
}

int
main (int   argc,
      char *argv[])
{
  /* Midnight is local: pin a zone with daylight saving. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/clock/minute-boundary", test_minute_boundary);
  g_test_add_func ("/clock/day-boundary", test_day_boundary);
  g_test_add_func ("/clock/resync", test_resync);
  g_test_add_func ("/clock/clock-format", test_clock_format);
  g_test_add_func ("/clock/no-schema", test_no_schema);

  return g_test_run ();
}
