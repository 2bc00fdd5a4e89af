/* test-schedule-parser.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-api-error.h"
#include "tocsin-ops-client.h"
#include "tocsin-schedule-parser.h"

#define DANA  "5b10ac8d82e05b22cc7d4ef5"
#define ALICE "5c11aaaa00000000000a1ice"
#define BOB   "5c11bbbb000000000000b0b0"
#define CAROL "5c11cccc0000000000ca501"
#define TEAM  "7d3f2b1a-0000-4000-8000-00000000team"
#define ESC   "8e4a3c2b-0000-4000-8000-0000000000esc"

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
  g_assert_nonnull (root);
  return root;
}

static TocsinParticipant *
child_at (GListModel *model,
          guint       position)
{
  TocsinParticipant *p = g_list_model_get_item (model, position);

  g_assert_nonnull (p);
  g_object_unref (p); /* the model keeps it alive */
  return p;
}

static void
test_list_paging (void)
{
  g_autoptr(JsonNode) page1 = load_fixture ("schedules-page-1.json");
  g_autoptr(JsonNode) page2 = load_fixture ("schedules-page-2.json");
  g_autoptr(JsonNode) page3 = load_fixture ("schedules-page-3.json");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GHashTable) params1 = NULL;
  g_autoptr(GHashTable) params2 = NULL;
  g_autofree char *next1 = NULL;
  g_autofree char *next2 = NULL;
  g_autofree char *next3 = NULL;
  g_autoptr(GError) error = NULL;
  TocsinSchedule *s;

  first = tocsin_schedule_parse_list (page1, &next1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 2);
  s = g_ptr_array_index (first, 0);
  g_assert_cmpstr (tocsin_schedule_get_id (s), ==, "sch-berlin");
  g_assert_cmpstr (tocsin_schedule_get_name (s), ==, "Platform primary");
  g_assert_cmpstr (tocsin_schedule_get_description (s), ==, "Weekday platform rotation");
  g_assert_cmpstr (tocsin_schedule_get_timezone (s), ==, "Europe/Berlin");
  g_assert_true (tocsin_schedule_get_enabled (s));
  g_assert_cmpstr (tocsin_schedule_get_team_id (s), ==, TEAM);
  s = g_ptr_array_index (first, 1);
  g_assert_false (tocsin_schedule_get_enabled (s));
  /* An empty teamId means a global schedule. */
  g_assert_null (tocsin_schedule_get_team_id (s));

  /* Absolute next link. */
  g_assert_cmpstr (next1, ==, "https://api.atlassian.com/ex/jira/1a2b3c/jsm/ops/api/v1/schedules?offset=2&size=2");
  params1 = tocsin_ops_parse_next_link (next1);
  g_assert_nonnull (params1);
  g_assert_cmpstr (g_hash_table_lookup (params1, "offset"), ==, "2");

  /* Relative next link; broken entries skipped or defaulted. */
  second = tocsin_schedule_parse_list (page2, &next2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_cmpstr (tocsin_schedule_get_id (g_ptr_array_index (second, 0)), ==, "sch-kolkata");
  s = g_ptr_array_index (second, 1);
  g_assert_cmpstr (tocsin_schedule_get_id (s), ==, "sch-odd");
  g_assert_cmpstr (tocsin_schedule_get_name (s), ==, "sch-odd");
  g_assert_null (tocsin_schedule_get_timezone (s));
  g_assert_true (tocsin_schedule_get_enabled (s));
  g_assert_null (tocsin_schedule_get_team_id (s));
  g_assert_cmpstr (next2, ==, "/v1/schedules?offset=4&size=2");
  params2 = tocsin_ops_parse_next_link (next2);
  g_assert_nonnull (params2);
  g_assert_cmpstr (g_hash_table_lookup (params2, "offset"), ==, "4");
  g_assert_cmpstr (g_hash_table_lookup (params2, "size"), ==, "2");

  /* Last page: next is null. */
  third = tocsin_schedule_parse_list (page3, &next3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (third->len, ==, 0);
  g_assert_null (next3);
}

static void
test_list_malformed (void)
{
  g_autoptr(JsonNode) array = json_from_string ("[1,2]", NULL);
  g_autoptr(GBytes) garbage = g_bytes_new_static ("{\"values\": [", 12);
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;

  result = tocsin_schedule_parse_list (array, &next, &error);
  g_assert_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED);
  g_assert_null (result);
  g_assert_null (next);
  g_clear_error (&error);

  root = tocsin_schedule_parser_load (garbage, &error);
  g_assert_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED);
  g_assert_null (root);
}

static void
test_on_calls_nested (void)
{
  g_autoptr(JsonNode) root = load_fixture ("on-calls-nested.json");
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GError) error = NULL;
  TocsinParticipant *team;
  TocsinParticipant *bob;
  TocsinParticipant *esc;
  TocsinParticipant *inner;

  participants = tocsin_schedule_parse_on_calls (root, &error);
  g_assert_no_error (error);
  /* The id-less entry and the number are skipped. */
  g_assert_cmpuint (participants->len, ==, 3);

  g_assert_cmpstr (tocsin_participant_get_id (g_ptr_array_index (participants, 0)), ==, DANA);
  g_assert_true (tocsin_participant_is_user (g_ptr_array_index (participants, 0)));

  team = g_ptr_array_index (participants, 1);
  g_assert_cmpstr (tocsin_participant_get_kind (team), ==, "team");
  g_assert_cmpuint (g_list_model_get_n_items (tocsin_participant_get_participants (team)), ==, 2);
  g_assert_cmpstr (tocsin_participant_get_id (child_at (tocsin_participant_get_participants (team), 0)), ==, ALICE);
  bob = child_at (tocsin_participant_get_participants (team), 1);
  g_assert_cmpstr (tocsin_participant_get_id (bob), ==, BOB);
  g_assert_nonnull (tocsin_participant_get_forwarded_from (bob));
  g_assert_cmpstr (tocsin_participant_get_id (tocsin_participant_get_forwarded_from (bob)), ==, CAROL);
  g_assert_true (tocsin_participant_contains_user (team, BOB));
  g_assert_false (tocsin_participant_contains_user (team, DANA));

  esc = g_ptr_array_index (participants, 2);
  g_assert_cmpstr (tocsin_participant_get_kind (esc), ==, "escalation");
  inner = child_at (tocsin_participant_get_participants (esc), 0);
  g_assert_cmpstr (tocsin_participant_get_id (inner), ==, TEAM);
  g_assert_cmpstr (tocsin_participant_get_id (child_at (tocsin_participant_get_participants (inner), 0)), ==, CAROL);
  g_assert_true (tocsin_participant_contains_user (esc, CAROL));

  /* Without names, the id is what is shown. */
  g_assert_cmpstr (tocsin_participant_get_display_name (bob), ==, BOB);
}

static void
test_on_calls_flat (void)
{
  g_autoptr(JsonNode) root = load_fixture ("on-calls-flat.json");
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GError) error = NULL;

  participants = tocsin_schedule_parse_on_calls (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (participants->len, ==, 2);
  g_assert_cmpstr (tocsin_participant_get_id (g_ptr_array_index (participants, 0)), ==, DANA);
  g_assert_cmpstr (tocsin_participant_get_id (g_ptr_array_index (participants, 1)), ==, ALICE);
  g_assert_true (tocsin_participant_is_user (g_ptr_array_index (participants, 1)));
}

static void
test_next_on_calls (void)
{
  g_autoptr(JsonNode) nested = load_fixture ("next-on-calls-nested.json");
  g_autoptr(JsonNode) flat = load_fixture ("next-on-calls-flat.json");
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GError) error = NULL;

  a = tocsin_schedule_parse_on_calls (nested, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_cmpstr (tocsin_participant_get_id (g_ptr_array_index (a, 0)), ==, BOB);
  g_assert_true (tocsin_participant_contains_user (g_ptr_array_index (a, 1), CAROL));

  b = tocsin_schedule_parse_on_calls (flat, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->len, ==, 1);
  g_assert_cmpstr (tocsin_participant_get_id (g_ptr_array_index (b, 0)), ==, BOB);
}

static void
assert_wall (GDateTime *dt,
             int        month,
             int        day,
             int        hour,
             int        minute)
{
  g_assert_cmpint (g_date_time_get_month (dt), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (dt), ==, day);
  g_assert_cmpint (g_date_time_get_hour (dt), ==, hour);
  g_assert_cmpint (g_date_time_get_minute (dt), ==, minute);
}

static GDateTime *
shift_utc_start (TocsinShift *shift)
{
  g_autoptr(GDateTime) start = tocsin_shift_get_start (shift);

  return g_date_time_to_utc (start);
}

static void
test_timeline_berlin_dst (void)
{
  g_autoptr(JsonNode) root = load_fixture ("timeline-berlin-dst.json");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { int day; int utc_hour; const char *who; TocsinShiftKind kind; int local_hour; } expected[] = {
    { 27, 8, ALICE, TOCSIN_SHIFT_KIND_BASE, 9 },
    { 28, 8, BOB, TOCSIN_SHIFT_KIND_BASE, 9 },
    { 29, 7, ALICE, TOCSIN_SHIFT_KIND_BASE, 9 },
    { 29, 12, CAROL, TOCSIN_SHIFT_KIND_OVERRIDE, 14 },
    { 29, 14, ALICE, TOCSIN_SHIFT_KIND_BASE, 16 },
    { 30, 7, BOB, TOCSIN_SHIFT_KIND_FORWARDING, 9 },
  };

  shifts = tocsin_schedule_parse_timeline (root, "sch-berlin", "Platform primary", "Europe/Berlin", utc, &error);
  g_assert_no_error (error);
  /* "noone", a bad date and an inverted period are dropped. */
  g_assert_cmpuint (shifts->len, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < shifts->len; i++)
    {
      TocsinShift *shift = g_ptr_array_index (shifts, i);
      g_autoptr(GDateTime) utc_start = shift_utc_start (shift);
      g_autoptr(GDateTime) local_start = tocsin_shift_get_schedule_start (shift);

      g_assert_cmpstr (tocsin_shift_get_schedule_id (shift), ==, "sch-berlin");
      g_assert_cmpstr (tocsin_shift_get_rotation_name (shift), ==, "Daily");
      g_assert_cmpstr (tocsin_participant_get_id (tocsin_shift_get_responder (shift)), ==, expected[i].who);
      g_assert_cmpint (tocsin_shift_get_kind (shift), ==, expected[i].kind);
      assert_wall (utc_start, 3, expected[i].day, expected[i].utc_hour, 0);
      assert_wall (local_start, 3, expected[i].day, expected[i].local_hour, 0);
    }

  /* The daily 09:00 handover is at 08:00Z before the switch and 07:00Z after. */
  {
    g_autoptr(GDateTime) before = shift_utc_start (g_ptr_array_index (shifts, 1));
    g_autoptr(GDateTime) after = shift_utc_start (g_ptr_array_index (shifts, 2));
    g_autoptr(GDateTime) berlin_end = tocsin_shift_get_schedule_end (g_ptr_array_index (shifts, 1));

    g_assert_cmpint (g_date_time_difference (after, before), ==, 23 * G_TIME_SPAN_HOUR);
    g_assert_cmpint (g_date_time_get_utc_offset (berlin_end), ==, 2 * G_TIME_SPAN_HOUR);
    assert_wall (berlin_end, 3, 29, 9, 0);
  }
}

static void
test_timeline_new_york_dst (void)
{
  g_autoptr(JsonNode) root = load_fixture ("timeline-newyork-dst.json");
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GError) error = NULL;
  static const int utc_hours[] = { 14, 14, 13, 13 };

  shifts = tocsin_schedule_parse_timeline (root, "sch-nyc", "Payments", "America/New_York", berlin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shifts->len, ==, 4);

  for (guint i = 0; i < shifts->len; i++)
    {
      TocsinShift *shift = g_ptr_array_index (shifts, i);
      g_autoptr(GDateTime) utc_start = shift_utc_start (shift);
      g_autoptr(GDateTime) ny_start = tocsin_shift_get_schedule_start (shift);
      g_autoptr(GDateTime) user_start = tocsin_shift_get_start (shift);

      assert_wall (utc_start, 3, 6 + i, utc_hours[i], 0);
      assert_wall (ny_start, 3, 6 + i, 9, 0);
      /* Berlin has not switched yet in early March: 15:00 CET before the US
       * switch, 14:00 CET after it. */
      assert_wall (user_start, 3, 6 + i, utc_hours[i] + 1, 0);
    }
}

static void
test_timeline_kolkata (void)
{
  g_autoptr(JsonNode) root = load_fixture ("timeline-kolkata.json");
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GError) error = NULL;
  TocsinParticipant *team;

  shifts = tocsin_schedule_parse_timeline (root, "sch-kolkata", "Bengaluru", "Asia/Kolkata", utc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shifts->len, ==, 3);

  for (guint i = 0; i < shifts->len; i++)
    {
      g_autoptr(GDateTime) start = tocsin_shift_get_schedule_start (g_ptr_array_index (shifts, i));
      g_autoptr(GDateTime) end = tocsin_shift_get_schedule_end (g_ptr_array_index (shifts, i));
      g_autoptr(GDateTime) utc_start = shift_utc_start (g_ptr_array_index (shifts, i));

      assert_wall (start, 3, 27 + i, 9, 0);
      assert_wall (end, 3, 28 + i, 9, 0);
      assert_wall (utc_start, 3, 27 + i, 3, 30);
      g_assert_cmpint (g_date_time_get_utc_offset (start), ==, 5 * G_TIME_SPAN_HOUR + 30 * G_TIME_SPAN_MINUTE);
    }

  /* The team period carries its flattened members. */
  team = tocsin_shift_get_responder (g_ptr_array_index (shifts, 1));
  g_assert_cmpstr (tocsin_participant_get_kind (team), ==, "team");
  g_assert_true (tocsin_participant_contains_user (team, DANA));
  g_assert_false (tocsin_participant_contains_user (team, BOB));
}

static void
test_teams (void)
{
  g_autoptr(JsonNode) platform = load_fixture ("teams-platform.json");
  g_autoptr(JsonNode) array = load_fixture ("teams-array.json");
  g_autoptr(GHashTable) a = NULL;
  g_autoptr(GHashTable) b = NULL;
  g_autoptr(GError) error = NULL;

  a = tocsin_schedule_parse_teams (platform, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (a), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (a, TEAM), ==, "Platform");
  g_assert_cmpstr (g_hash_table_lookup (a, "t2"), ==, "Payments");

  b = tocsin_schedule_parse_teams (array, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (b), ==, 1);
  g_assert_cmpstr (g_hash_table_lookup (b, TEAM), ==, "Platform");
}

static void
test_users_and_myself (void)
{
  g_autoptr(JsonNode) bulk = load_fixture ("users-bulk.json");
  g_autoptr(JsonNode) myself = load_fixture ("myself.json");
  g_autoptr(JsonNode) anonymous = json_from_string ("{\"displayName\":\"x\"}", NULL);
  g_autoptr(GHashTable) users = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;
  g_autofree char *nobody = NULL;

  users = tocsin_schedule_parse_users (bulk, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (users), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (users, DANA), ==, "Dana Okafor");
  g_assert_cmpstr (g_hash_table_lookup (users, ALICE), ==, "Alice Moreau");
  g_assert_false (g_hash_table_contains (users, BOB));

  me = tocsin_schedule_parse_myself (myself, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (me, ==, DANA);

  nobody = tocsin_schedule_parse_myself (anonymous, &error);
  g_assert_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED);
  g_assert_null (nobody);
}

/* One schedule with a cut emoji (a lone surrogate escape) and one with a raw
 * Latin-1 byte: json-glib refused the whole list for either. Both come through
 * with U+FFFD, beside the good one. */
static void
test_list_bad_text (void)
{
  static const char json[] =
    "{\"values\":[{\"id\":\"s1\",\"name\":\"Rota \\ud83d\"},{\"id\":\"s2\",\"name\":\"Caf\xe9\"},"
    "{\"id\":\"s3\",\"name\":\"Fine\"},{\"name\":\"no id\"},{\"id\":7}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  root = tocsin_schedule_parser_load (bytes, &error);
  g_assert_no_error (error);
  schedules = tocsin_schedule_parse_list (root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (schedules->len, ==, 3);
  g_assert_cmpstr (tocsin_schedule_get_name (g_ptr_array_index (schedules, 0)), ==, "Rota \xef\xbf\xbd");
  g_assert_cmpstr (tocsin_schedule_get_name (g_ptr_array_index (schedules, 1)), ==, "Caf\xef\xbf\xbd");
  g_assert_cmpstr (tocsin_schedule_get_name (g_ptr_array_index (schedules, 2)), ==, "Fine");
}

/* A tree that did not come through the loader: names are made valid anyway. */
static void
test_on_calls_invalid_names (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) participants = NULL;
  g_autoptr(GError) error = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "onCallParticipants");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, DANA);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "user");
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, "Dana \xed\xa0\xbd");
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  participants = tocsin_schedule_parse_on_calls (root, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (participants->len, ==, 1);
  g_assert_cmpstr (tocsin_participant_get_display_name (g_ptr_array_index (participants, 0)), ==,
                   "Dana \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schedule/parser/list/paging", test_list_paging);
  g_test_add_func ("/schedule/parser/list/malformed", test_list_malformed);
  g_test_add_func ("/schedule/parser/list/bad-text", test_list_bad_text);
  g_test_add_func ("/schedule/parser/on-calls/invalid-names", test_on_calls_invalid_names);
  g_test_add_func ("/schedule/parser/on-calls/nested", test_on_calls_nested);
  g_test_add_func ("/schedule/parser/on-calls/flat", test_on_calls_flat);
  g_test_add_func ("/schedule/parser/on-calls/next", test_next_on_calls);
  g_test_add_func ("/schedule/parser/timeline/berlin-dst", test_timeline_berlin_dst);
  g_test_add_func ("/schedule/parser/timeline/new-york-dst", test_timeline_new_york_dst);
  g_test_add_func ("/schedule/parser/timeline/kolkata", test_timeline_kolkata);
  g_test_add_func ("/schedule/parser/teams", test_teams);
  g_test_add_func ("/schedule/parser/users", test_users_and_myself);

  return g_test_run ();
}
