/* test-sandbox-schedules.c: schedules, on-call, timeline, teams, Jira users
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Expected instants are worked out here from the published DST rules
 * (EU: last Sunday of March/October at 01:00 UTC; US: second Sunday of March,
 * first Sunday of November) with GDate arithmetic, not with GTimeZone, so the
 * sandbox's time-zone code is checked against an independent calculation.
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-common.h"

#define DANA   TOCSIN_TEST_SANDBOX_USER_ID
#define YUSUF  "60a8b0c2d4e6f8a0b2c4d6e8"
#define ZOE    "712020:c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f"
#define PRIYA  "712020:3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b"
#define MARCUS "712020:7a8b9c0d-1e2f-4a3b-9c4d-5e6f7a8b9c0d"

static const char *payments_daily[] = { PRIYA, DANA, MARCUS };
static const char *noc_users[] = { "61b9c1d3e5f7a9b1c3d5e7f9", "62cad2e4f6a8bac2d4e6f8a0", "63dbe3f5a7b9cbd3e5f7a9b1" };

typedef struct
{
  TocsinTestSandbox *sb;
  char              *token;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sb = tocsin_test_sandbox_start (NULL);
  f->token = tocsin_test_sandbox_sign_in (f->sb, NULL, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->token);
  tocsin_test_sandbox_stop (f->sb);
}

static JsonObject *
get (Fixture    *f,
     const char *ops_path,
     guint       expected_status)
{
  guint status = 0;
  g_autoptr(JsonNode) node = st_api (f->sb, f->token, "GET", 0, ops_path, NULL, &status);

  g_assert_cmpuint (status, ==, expected_status);
  return json_object_ref (st_object (node));
}

static void
assert_invalid (Fixture    *f,
                const char *ops_path,
                guint       expected_status)
{
  g_autoptr(JsonObject) err = get (f, ops_path, expected_status);
  JsonArray *errors = json_object_get_array_member (err, "errors");

  g_assert_cmpuint (json_array_get_length (errors), ==, 1);
  g_assert_nonnull (json_object_get_string_member (json_array_get_object_element (errors, 0), "title"));
}

static char *
schedule_id (Fixture    *f,
             const char *name)
{
  g_autofree char *escaped = g_uri_escape_string (name, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("schedules?query=%s", escaped);
  g_autoptr(JsonObject) list = get (f, path, 200);
  JsonArray *values = json_object_get_array_member (list, "values");

  g_assert_cmpuint (json_array_get_length (values), ==, 1);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (values, 0), "id"));
}

/* ---- dates without time zones ------------------------------------------------ */

static int
this_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_get_year (now);
}

static GDate *
nth_sunday (int        year,
            GDateMonth month,
            int        n)          /* n = -1: the last one */
{
  GDate *d = g_date_new_dmy (1, month, year);

  if (n < 0)
    {
      g_date_set_dmy (d, g_date_get_days_in_month (month, year), month, year);
      g_date_subtract_days (d, g_date_get_weekday (d) % 7);
      return d;
    }
  g_date_add_days (d, (7 - g_date_get_weekday (d)) % 7 + 7 * (n - 1));
  return d;
}

static void
shift_days (GDate *d,
            int    days)
{
  if (days >= 0)
    g_date_add_days (d, days);
  else
    g_date_subtract_days (d, -days);
}

static char *
day_string (GDate *d,
            int    add_days)
{
  GDate copy = *d;

  shift_days (&copy, add_days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&copy), g_date_get_month (&copy), g_date_get_day (&copy));
}

static char *
instant (GDate *d,
         int    add_days,
         int    hour_utc,
         int    min_utc)
{
  g_autofree char *day = day_string (d, add_days);

  return g_strdup_printf ("%sT%02d:%02d:00Z", day, hour_utc, min_utc);
}

static guint
days_since_2025 (GDate *d,
                 int    add_days)
{
  g_autoptr(GDate) epoch = g_date_new_dmy (1, G_DATE_JANUARY, 2025);
  GDate copy = *d;

  shift_days (&copy, add_days);
  return g_date_days_between (epoch, &copy);
}

/* ---- timeline helpers ------------------------------------------------------------ */

static JsonArray *
rotation_periods (JsonObject *timeline,
                  const char *member,
                  const char *rotation_name)
{
  JsonArray *rotations = json_object_get_array_member (json_object_get_object_member (timeline, member), "rotations");

  for (guint i = 0; i < json_array_get_length (rotations); i++)
    {
      JsonObject *r = json_array_get_object_element (rotations, i);

      if (g_str_equal (json_object_get_string_member (r, "name"), rotation_name))
        return json_object_get_array_member (r, "periods");
    }
  g_assert_not_reached ();
}

/* The period that starts exactly at start_iso. */
static JsonObject *
period_starting (JsonArray  *periods,
                 const char *start_iso)
{
  for (guint i = 0; i < json_array_get_length (periods); i++)
    {
      JsonObject *p = json_array_get_object_element (periods, i);

      if (g_str_equal (json_object_get_string_member (p, "startDate"), start_iso))
        return p;
    }
  g_test_message ("no period starts at %s", start_iso);
  g_assert_not_reached ();
}

static const char *
responder_id (JsonObject *period)
{
  return json_object_get_string_member (json_object_get_object_member (period, "responder"), "id");
}

static JsonObject *
timeline (Fixture    *f,
          const char *schedule,
          const char *params)
{
  g_autofree char *id = schedule_id (f, schedule);
  g_autofree char *path = g_strdup_printf ("schedules/%s/timeline?%s", id, params);

  return get (f, path, 200);
}

/* ---- tests ------------------------------------------------------------------------ */

static void
test_list_paging (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) first = get (f, "schedules?size=2", 200);
  g_autoptr(JsonObject) second = get (f, "schedules?offset=2&size=2", 200);
  g_autoptr(JsonObject) expanded = get (f, "schedules?expand=rotation", 200);
  g_autoptr(JsonObject) prefix = get (f, "schedules?query=payments*", 200);
  g_autoptr(JsonObject) exact = get (f, "schedules?query=BENGALURU%20NOC", 200);
  g_autoptr(JsonObject) partial = get (f, "schedules?query=Bengaluru", 200);
  JsonObject *s;

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (first, "values")), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (first, "links"), "next"), ==,
                   "/v1/schedules?offset=2&size=2");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (second, "values")), ==, 2);
  g_assert_false (json_object_has_member (json_object_get_object_member (second, "links"), "next"));
  s = json_array_get_object_element (json_object_get_array_member (first, "values"), 0);
  g_assert_false (json_object_has_member (s, "rotations"));
  g_assert_nonnull (json_object_get_string_member (s, "timezone"));
  g_assert_true (json_object_has_member (s, "enabled"));
  g_assert_true (json_object_has_member (s, "teamId"));
  s = json_array_get_object_element (json_object_get_array_member (expanded, "values"), 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "rotations")), >=, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (prefix, "values")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (exact, "values")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (partial, "values")), ==, 0);
  assert_invalid (f, "schedules?size=51", 422);
  assert_invalid (f, "schedules?size=0", 422);
  assert_invalid (f, "schedules/not-a-schedule", 404);
}

static void
test_time_zones (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonObject) list = get (f, "schedules", 200);
  JsonArray *values = json_object_get_array_member (list, "values");
  g_autoptr(GHashTable) zones = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (values); i++)
    g_hash_table_add (zones, (char *) json_object_get_string_member (json_array_get_object_element (values, i), "timezone"));
  g_assert_true (g_hash_table_contains (zones, "Europe/Berlin"));
  g_assert_true (g_hash_table_contains (zones, "America/New_York"));
  g_assert_true (g_hash_table_contains (zones, "Asia/Kolkata"));
}

/* EU spring change: business hours 09-17 Berlin are 08-16 UTC before it and
 * 07-15 UTC from the Sunday on; the override covers the change. */
static void
test_timeline_eu_dst (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDate) sunday = nth_sunday (this_year (), G_DATE_MARCH, -1);
  g_autofree char *friday = day_string (sunday, -2);
  g_autofree char *params = g_strdup_printf ("date=%s&interval=3&intervalUnit=days&expand=base,override", friday);
  g_autoptr(JsonObject) t = timeline (f, "Platform Primary", params);
  g_autofree char *start = instant (sunday, -3, 23, 0);
  g_autofree char *end = instant (sunday, 0, 22, 0);
  JsonArray *base = rotation_periods (t, "baseTimeline", "Business hours backup");
  JsonArray *final_weekly = rotation_periods (t, "finalTimeline", "Weekly primary");
  struct { int day, start_h, end_h; } expected[] = { { -2, 8, 16 }, { -1, 8, 16 }, { 0, 7, 15 } };
  g_autofree char *override_start = instant (sunday, -1, 19, 0);
  g_autofree char *override_end = instant (sunday, 0, 8, 0);
  JsonObject *o;

  g_assert_cmpstr (json_object_get_string_member (t, "startDate"), ==, start);
  g_assert_cmpstr (json_object_get_string_member (t, "endDate"), ==, end);
  g_assert_cmpuint (json_array_get_length (base), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *s = instant (sunday, expected[i].day, expected[i].start_h, 0);
      g_autofree char *e = instant (sunday, expected[i].day, expected[i].end_h, 0);
      JsonObject *p = period_starting (base, s);

      g_assert_cmpstr (json_object_get_string_member (p, "endDate"), ==, e);
      g_assert_cmpstr (json_object_get_string_member (p, "type"), ==, "base");
    }

  o = period_starting (final_weekly, override_start);
  g_assert_cmpstr (json_object_get_string_member (o, "type"), ==, "override");
  g_assert_cmpstr (json_object_get_string_member (o, "endDate"), ==, override_end);
  g_assert_cmpstr (responder_id (o), ==, YUSUF);
  g_assert_cmpuint (json_array_get_length (rotation_periods (t, "overrideTimeline", "Weekly primary")), ==, 1);
}

/* A weekly Monday 09:00 Berlin hand-over: 08:00 UTC before, 07:00 UTC after. */
static void
test_timeline_weekly_handover (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GDate) sunday = nth_sunday (this_year (), G_DATE_MARCH, -1);
  g_autofree char *monday_before = day_string (sunday, -6);
  g_autofree char *params = g_strdup_printf ("date=%s&interval=2&intervalUnit=weeks&expand=base", monday_before);
  g_autoptr(JsonObject) t = timeline (f, "Platform Primary", params);
  JsonArray *base = rotation_periods (t, "baseTimeline", "Weekly primary");
  g_autofree char *first = instant (sunday, -6, 8, 0);
  g_autofree char *second = instant (sunday, 1, 7, 0);
  JsonObject *p = period_starting (base, first);

  g_assert_cmpstr (json_object_get_string_member (p, "endDate"), ==, second);
  period_starting (base, second);
}

static void
assert_us_day (Fixture    *f,
               GDate      *sunday,
               int         utc_hour_saturday,
               int         utc_hour_sunday,
               gint64      expected_hours)
{
  g_autofree char *saturday = day_string (sunday, -1);
  g_autofree char *params = g_strdup_printf ("date=%s&interval=2&intervalUnit=days", saturday);
  g_autoptr(JsonObject) t = timeline (f, "Payments On-Call", params);
  JsonArray *final = rotation_periods (t, "finalTimeline", "Daily primary");
  g_autofree char *sat = instant (sunday, -1, utc_hour_saturday, 0);
  g_autofree char *sun = instant (sunday, 0, utc_hour_sunday, 0);
  JsonObject *p = period_starting (final, sat);
  g_autoptr(GDateTime) a = g_date_time_new_from_iso8601 (sat, NULL);
  g_autoptr(GDateTime) b = g_date_time_new_from_iso8601 (sun, NULL);

  g_assert_cmpstr (json_object_get_string_member (p, "endDate"), ==, sun);
  g_assert_cmpint (g_date_time_difference (b, a) / G_TIME_SPAN_HOUR, ==, expected_hours);
  g_assert_cmpstr (responder_id (p), ==, payments_daily[days_since_2025 (sunday, -1) % 3]);
  period_starting (final, sun);
}

/* Daily 08:00 New York: the shift across the spring change lasts 23 h,
 * the one across the autumn change 25 h. */
static void
test_timeline_us_dst (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GDate) spring = nth_sunday (this_year (), G_DATE_MARCH, 2);
  g_autoptr(GDate) autumn = nth_sunday (this_year (), G_DATE_NOVEMBER, 1);

  assert_us_day (f, spring, 13, 12, 23);
  assert_us_day (f, autumn, 12, 13, 25);
}

/* 12-hour shifts from 08:30 Kolkata (UTC+05:30): hand-overs at 03:00 and 15:00 UTC. */
static void
test_timeline_half_hour_zone (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDate) day = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                         g_date_time_get_year (now));
  g_autofree char *tomorrow = day_string (day, 1);
  g_autofree char *params = g_strdup_printf ("date=%sT12:00:00&interval=1&intervalUnit=days", tomorrow);
  g_autoptr(JsonObject) t = timeline (f, "Bengaluru NOC", params);
  JsonArray *final = rotation_periods (t, "finalTimeline", "12-hour shifts");
  g_autofree char *start = instant (day, 0, 18, 30);
  g_autofree char *morning = instant (day, 1, 3, 0);
  g_autofree char *evening = instant (day, 1, 15, 0);
  JsonObject *p;

  g_assert_cmpstr (json_object_get_string_member (t, "startDate"), ==, start);
  g_assert_cmpuint (json_array_get_length (final), ==, 3);
  p = period_starting (final, morning);
  g_assert_cmpstr (json_object_get_string_member (p, "endDate"), ==, evening);
  g_assert_cmpstr (responder_id (p), ==, noc_users[(2 * days_since_2025 (day, 1)) % 3]);
}

/* Dana forwards to Zoë from 7 to 14 days ahead: none of her base time is
 * left in the final timeline, it shows up as forwarding periods. */
static void
test_timeline_forwarding (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDate) day = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                         g_date_time_get_year (now));
  g_autofree char *from = day_string (day, 8);
  g_autofree char *params = g_strdup_printf ("date=%s&interval=5&intervalUnit=days&expand=base,forwarding", from);
  g_autoptr(JsonObject) t = timeline (f, "Payments On-Call", params);
  JsonArray *final = rotation_periods (t, "finalTimeline", "Daily primary");
  JsonArray *base = rotation_periods (t, "baseTimeline", "Daily primary");
  JsonArray *forwarding = rotation_periods (t, "forwardingTimeline", "Daily primary");
  guint dana_base = 0, forwarded = 0;

  for (guint i = 0; i < json_array_get_length (base); i++)
    dana_base += g_str_equal (responder_id (json_array_get_object_element (base, i)), DANA);
  for (guint i = 0; i < json_array_get_length (final); i++)
    {
      JsonObject *p = json_array_get_object_element (final, i);

      g_assert_cmpstr (responder_id (p), !=, DANA);
      if (g_str_equal (json_object_get_string_member (p, "type"), "forwarding"))
        {
          forwarded++;
          g_assert_cmpstr (responder_id (p), ==, ZOE);
          g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (p, "from"), "id"), ==, DANA);
        }
    }
  g_assert_cmpuint (dana_base, >, 0);
  g_assert_cmpuint (forwarded, ==, dana_base);
  g_assert_cmpuint (json_array_get_length (forwarding), ==, forwarded);
}

static void
test_timeline_params (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *id = schedule_id (f, "Platform Primary");
  g_autofree char *years = g_strdup_printf ("schedules/%s/timeline?intervalUnit=years", id);
  g_autofree char *far = g_strdup_printf ("schedules/%s/timeline?date=%d-06-01", id, this_year () + 3);
  g_autofree char *bad_date = g_strdup_printf ("schedules/%s/timeline?date=yesterday", id);
  g_autofree char *months = g_strdup_printf ("schedules/%s/timeline?date=%d-05-15T10:00:00&interval=2&intervalUnit=months",
                                             id, this_year ());
  g_autoptr(JsonObject) t = NULL;
  g_autofree char *start = g_strdup_printf ("%d-04-30T22:00:00Z", this_year ());
  g_autofree char *end = g_strdup_printf ("%d-06-30T22:00:00Z", this_year ());

  assert_invalid (f, years, 422);
  assert_invalid (f, far, 422);
  assert_invalid (f, bad_date, 422);
  /* The spec's example: 2 months from a mid-month date start on the 1st. */
  t = get (f, months, 200);
  g_assert_cmpstr (json_object_get_string_member (t, "startDate"), ==, start);
  g_assert_cmpstr (json_object_get_string_member (t, "endDate"), ==, end);
}

static gboolean
contains_id (JsonArray  *array,
             const char *id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *n = json_array_get_element (array, i);
      const char *value = JSON_NODE_HOLDS_OBJECT (n)
        ? json_object_get_string_member (json_node_get_object (n), "id") : json_node_get_string (n);

      if (g_strcmp0 (value, id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A Saturday noon at least 15 days out (past the forwarding rule): the daily
 * user and the weekend team, nested and flat. */
static void
test_on_calls (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDate) day = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                         g_date_time_get_year (now));
  int to_saturday = (G_DATE_SATURDAY - g_date_get_weekday (day) + 7) % 7 + 21;
  g_autofree char *date = day_string (day, to_saturday);
  g_autofree char *id = schedule_id (f, "Payments On-Call");
  g_autofree char *nested_path = g_strdup_printf ("schedules/%s/on-calls?date=%sT12:00:00", id, date);
  g_autofree char *flat_path = g_strdup_printf ("schedules/%s/on-calls?flat=true&date=%sT12:00:00", id, date);
  g_autofree char *next_path = g_strdup_printf ("schedules/%s/next-on-calls?flat=true&date=%sT12:00:00", id, date);
  g_autoptr(JsonObject) nested = get (f, nested_path, 200);
  g_autoptr(JsonObject) flat = get (f, flat_path, 200);
  g_autoptr(JsonObject) next = get (f, next_path, 200);
  JsonArray *participants = json_object_get_array_member (nested, "onCallParticipants");
  JsonArray *users = json_object_get_array_member (flat, "onCallUsers");
  const char *daily = payments_daily[days_since_2025 (day, to_saturday) % 3];
  const char *tomorrow = payments_daily[(days_since_2025 (day, to_saturday) + 1) % 3];
  JsonObject *team = NULL;

  g_assert_cmpuint (json_array_get_length (participants), ==, 2);
  g_assert_true (contains_id (participants, daily));
  for (guint i = 0; i < 2; i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (participants, i), "type"), "team"))
      team = json_array_get_object_element (participants, i);
  g_assert_nonnull (team);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (team, "onCallParticipants")), ==, 4);

  g_assert_false (json_object_has_member (flat, "onCallParticipants"));
  g_assert_cmpuint (json_array_get_length (users), ==, 4);
  for (const char * const *u = (const char *[]) { PRIYA, DANA, MARCUS, ZOE, NULL }; *u; u++)
    g_assert_true (contains_id (users, *u));

  g_assert_true (contains_id (json_object_get_array_member (next, "nextOnCallUsers"), tomorrow));
}

static void
test_rotations_and_overrides (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *id = schedule_id (f, "Platform Primary");
  g_autofree char *rot_path = g_strdup_printf ("schedules/%s/rotations?size=1", id);
  g_autofree char *rot_bad = g_strdup_printf ("schedules/%s/rotations?size=51", id);
  g_autofree char *ov_path = g_strdup_printf ("schedules/%s/overrides", id);
  g_autofree char *ov_one = g_strdup_printf ("schedules/%s/overrides/dst-night-cover", id);
  g_autofree char *ov_none = g_strdup_printf ("schedules/%s/overrides/nope", id);
  g_autoptr(JsonObject) rotations = get (f, rot_path, 200);
  g_autoptr(JsonObject) all = NULL;
  g_autoptr(JsonObject) overrides = get (f, ov_path, 200);
  g_autoptr(JsonObject) one = get (f, ov_one, 200);
  g_autofree char *next = g_strdup_printf ("/v1/schedules/%s/rotations?offset=1&size=1", id);
  g_autofree char *all_path = g_strdup_printf ("schedules/%s/rotations", id);
  JsonArray *values;
  gboolean aiko = FALSE;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (rotations, "links"), "next"), ==, next);
  assert_invalid (f, rot_bad, 422);
  all = get (f, all_path, 200);
  values = json_object_get_array_member (all, "values");
  g_assert_cmpuint (json_array_get_length (values), ==, 2);
  {
    JsonObject *backup = json_array_get_object_element (values, 1);
    JsonObject *tr = json_object_get_object_member (backup, "timeRestriction");

    g_assert_cmpstr (json_object_get_string_member (backup, "type"), ==, "daily");
    g_assert_cmpint (json_object_get_int_member (backup, "length"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (tr, "type"), ==, "time-of-day");
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (tr, "restriction"), "startHour"), ==, 9);
    g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (tr, "restriction"), "endHour"), ==, 17);
  }

  values = json_object_get_array_member (overrides, "values");
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      JsonObject *o = json_array_get_object_element (values, i);
      g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 (json_object_get_string_member (o, "endDate"), NULL);

      g_assert_cmpint (g_date_time_compare (end, now), >, 0);
      aiko |= g_str_equal (json_object_get_string_member (o, "alias"), "aiko-swap");
    }
  g_assert_true (aiko);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (one, "responder"), "id"), ==, YUSUF);
  assert_invalid (f, ov_none, 404);
}

static void
test_teams_and_escalations (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(JsonObject) teams = get (f, "teams", 200);
  JsonArray *list = json_object_get_array_member (teams, "platformTeams");
  JsonObject *team = json_array_get_object_element (list, 0);
  g_autofree char *esc_path = g_strdup_printf ("teams/%s/escalations", json_object_get_string_member (team, "teamId"));
  g_autofree char *esc_bad = g_strdup_printf ("teams/%s/escalations?size=101", json_object_get_string_member (team, "teamId"));
  g_autoptr(JsonObject) escalations = get (f, esc_path, 200);
  JsonObject *esc = json_array_get_object_element (json_object_get_array_member (escalations, "values"), 0);
  JsonObject *rule = json_array_get_object_element (json_object_get_array_member (esc, "rules"), 0);

  g_assert_cmpuint (json_array_get_length (list), ==, 3);
  g_assert_nonnull (json_object_get_string_member (team, "teamName"));
  g_assert_nonnull (json_object_get_string_member (esc, "id"));
  g_assert_cmpstr (json_object_get_string_member (rule, "condition"), ==, "if-not-acked");
  g_assert_true (json_object_has_member (rule, "recipient"));
  assert_invalid (f, esc_bad, 422);
  assert_invalid (f, "teams/nope/escalations", 404);
}

static void
test_jira_users (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *base = g_strdup_printf ("/ex/jira/%s/rest/api/3/", tocsin_test_sandbox_get_cloud_id (f->sb, 0));
  g_autofree char *bulk = g_strconcat (base, "user/bulk?accountId=" DANA "&accountId=nobody&accountId=" YUSUF "&maxResults=10", NULL);
  g_autofree char *one = g_strconcat (base, "user/bulk?accountId=" DANA "&accountId=" YUSUF "&maxResults=1", NULL);
  g_autofree char *none = g_strconcat (base, "user/bulk", NULL);
  g_autofree char *myself = g_strconcat (base, "myself", NULL);
  g_autofree char *no_users = tocsin_test_sandbox_sign_in (f->sb, "read:ops-alert:jira-service-management", NULL);
  guint status = 0;
  g_autoptr(JsonNode) b = tocsin_test_sandbox_api (f->sb, "GET", bulk, f->token, NULL, &status);
  g_autoptr(JsonNode) b1 = NULL, b0 = NULL, me = NULL, denied = NULL;
  JsonArray *values;

  g_assert_cmpuint (status, ==, 200);
  values = json_object_get_array_member (st_object (b), "values");
  g_assert_cmpuint (json_array_get_length (values), ==, 2);
  g_assert_cmpint (json_object_get_int_member (st_object (b), "total"), ==, 2);
  g_assert_true (json_object_get_boolean_member (st_object (b), "isLast"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (values, 0), "displayName"), ==, "Dana Okafor");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (json_array_get_object_element (values, 1), "displayName"), "Yusuf"));

  b1 = tocsin_test_sandbox_api (f->sb, "GET", one, f->token, NULL, &status);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (st_object (b1), "values")), ==, 1);
  g_assert_false (json_object_get_boolean_member (st_object (b1), "isLast"));
  b0 = tocsin_test_sandbox_api (f->sb, "GET", none, f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (st_object (b0), "errorMessages")), ==, 1);
  me = tocsin_test_sandbox_api (f->sb, "GET", myself, f->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (st_object (me), "accountId"), ==, DANA);
  g_assert_nonnull (json_object_get_string_member (st_object (me), "timeZone"));
  denied = tocsin_test_sandbox_api (f->sb, "GET", myself, no_users, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/sandbox/schedules/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("list-paging", test_list_paging);
  ADD ("time-zones", test_time_zones);
  ADD ("timeline-eu-dst", test_timeline_eu_dst);
  ADD ("timeline-weekly-handover", test_timeline_weekly_handover);
  ADD ("timeline-us-dst", test_timeline_us_dst);
  ADD ("timeline-half-hour-zone", test_timeline_half_hour_zone);
  ADD ("timeline-forwarding", test_timeline_forwarding);
  ADD ("timeline-params", test_timeline_params);
  ADD ("on-calls", test_on_calls);
  ADD ("rotations-and-overrides", test_rotations_and_overrides);
  ADD ("teams-and-escalations", test_teams_and_escalations);
  ADD ("jira-users", test_jira_users);
#undef ADD

  return g_test_run ();
}
