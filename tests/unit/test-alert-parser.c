/* test-alert-parser.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tocsin-alert-parser.h"
#include "tocsin-api-error.h"
#include "tocsin-json-utf8.h"
#include "tocsin-ops-client.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD in UTF-8 */

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  return node;
}

static TocsinAlert *
parse_alert (const char *json)
{
  g_autoptr(JsonNode) node = parse (json);

  return tocsin_alert_parse_node (node);
}

static void
test_full (void)
{
  g_autoptr(TocsinAlert) alert = parse_alert (
    "{\"id\":\"9b25-1704440650350\",\"tinyId\":\"42\",\"alias\":\"db-down\",\"message\":\"DB down\","
    "\"description\":\"The primary is gone\",\"status\":\"open\",\"acknowledged\":true,\"snoozed\":false,"
    "\"seen\":true,\"count\":7,\"priority\":\"P1\",\"owner\":\"Dana Okafor\",\"tags\":[\"db\",\"prod\"],"
    "\"responders\":[{\"id\":\"t1\",\"type\":\"team\"},{\"id\":\"u1\",\"type\":\"user\"}],"
    "\"extraProperties\":{\"zone\":\"eu\",\"host\":\"db1\"},\"source\":\"nagios\",\"entity\":\"db1\","
    "\"createdAt\":\"2024-01-05T07:44:10.35Z\",\"updatedAt\":\"2024-01-05T08:00:00+01:00\","
    "\"lastOccuredAt\":\"2024-01-05T07:50:00Z\"}");
  g_autoptr(GDateTime) expected = g_date_time_new_utc (2024, 1, 5, 7, 0, 0);
  g_autofree char *responders = NULL;
  g_autofree char *extra = NULL;

  g_assert_nonnull (alert);
  g_assert_cmpstr (tocsin_alert_get_id (alert), ==, "9b25-1704440650350");
  g_assert_cmpstr (tocsin_alert_get_tiny_id (alert), ==, "42");
  g_assert_cmpstr (tocsin_alert_get_alias (alert), ==, "db-down");
  g_assert_cmpstr (tocsin_alert_get_message (alert), ==, "DB down");
  g_assert_cmpstr (tocsin_alert_get_description (alert), ==, "The primary is gone");
  g_assert_cmpstr (tocsin_alert_get_status (alert), ==, "open");
  g_assert_true (tocsin_alert_get_acknowledged (alert));
  g_assert_cmpint (tocsin_alert_get_state (alert), ==, TOCSIN_ALERT_STATE_ACKNOWLEDGED);
  g_assert_true (tocsin_alert_get_seen (alert));
  g_assert_cmpint (tocsin_alert_get_count (alert), ==, 7);
  g_assert_cmpint (tocsin_alert_get_priority (alert), ==, 1);
  g_assert_cmpstr (tocsin_alert_get_owner (alert), ==, "Dana Okafor");
  g_assert_cmpstrv (tocsin_alert_get_tags (alert), ((const char *[]) { "db", "prod", NULL }));
  responders = g_variant_print (tocsin_alert_get_responders (alert), FALSE);
  g_assert_cmpstr (responders, ==, "[('team', 't1'), ('user', 'u1')]");
  extra = g_variant_print (tocsin_alert_get_extra_properties (alert), FALSE);
  g_assert_cmpstr (extra, ==, "{'host': 'db1', 'zone': 'eu'}");
  g_assert_cmpstr (tocsin_alert_get_source (alert), ==, "nagios");
  g_assert_cmpstr (tocsin_alert_get_entity (alert), ==, "db1");
  g_assert_cmpint (g_date_time_to_unix (tocsin_alert_get_created_at (alert)), ==, 1704440650);
  /* +01:00 is normalised to UTC */
  g_assert_true (g_date_time_equal (tocsin_alert_get_updated_at (alert), expected));
  g_assert_cmpint (g_date_time_get_minute (tocsin_alert_get_last_occurred_at (alert)), ==, 50);
}

static void
test_last_occurred_spellings (void)
{
  g_autoptr(TocsinAlert) one_r = parse_alert ("{\"id\":\"a\",\"lastOccuredAt\":\"2024-02-01T00:00:00Z\"}");
  g_autoptr(TocsinAlert) two_r = parse_alert ("{\"id\":\"b\",\"lastOccurredAt\":\"2024-03-01T00:00:00Z\"}");
  g_autoptr(TocsinAlert) none = parse_alert ("{\"id\":\"c\"}");

  g_assert_nonnull (tocsin_alert_get_last_occurred_at (one_r));
  g_assert_cmpint (g_date_time_get_month (tocsin_alert_get_last_occurred_at (one_r)), ==, 2);
  g_assert_nonnull (tocsin_alert_get_last_occurred_at (two_r));
  g_assert_cmpint (g_date_time_get_month (tocsin_alert_get_last_occurred_at (two_r)), ==, 3);
  g_assert_null (tocsin_alert_get_last_occurred_at (none));
}

static void
test_missing_and_wrong_types (void)
{
  g_autoptr(TocsinAlert) minimal = parse_alert ("{\"id\":\"min\"}");
  g_autoptr(TocsinAlert) wrong = parse_alert (
    "{\"id\":\"w\",\"message\":5,\"tags\":\"db\",\"priority\":\"P9\",\"acknowledged\":\"yes\","
    "\"count\":\"many\",\"createdAt\":true,\"updatedAt\":\"yesterday\",\"responders\":[1,{\"type\":\"team\"}],"
    "\"extraProperties\":[1,2],\"owner\":{\"name\":\"x\"},\"status\":null,\"tinyId\":17}");

  g_assert_nonnull (minimal);
  g_assert_null (tocsin_alert_get_message (minimal));
  g_assert_cmpstr (tocsin_alert_get_status (minimal), ==, "open");
  g_assert_cmpint (tocsin_alert_get_priority (minimal), ==, 3);
  g_assert_cmpint (g_strv_length ((char **) tocsin_alert_get_tags (minimal)), ==, 0);
  g_assert_null (tocsin_alert_get_created_at (minimal));

  g_assert_nonnull (wrong);
  g_assert_null (tocsin_alert_get_message (wrong));
  g_assert_cmpint (g_strv_length ((char **) tocsin_alert_get_tags (wrong)), ==, 0);
  g_assert_cmpint (tocsin_alert_get_priority (wrong), ==, 3);
  g_assert_false (tocsin_alert_get_acknowledged (wrong));
  g_assert_cmpint (tocsin_alert_get_count (wrong), ==, 0);
  g_assert_null (tocsin_alert_get_created_at (wrong));
  g_assert_null (tocsin_alert_get_updated_at (wrong));
  g_assert_cmpint (g_variant_n_children (tocsin_alert_get_responders (wrong)), ==, 0);
  g_assert_cmpint (g_variant_n_children (tocsin_alert_get_extra_properties (wrong)), ==, 0);
  g_assert_null (tocsin_alert_get_owner (wrong));
  g_assert_cmpstr (tocsin_alert_get_status (wrong), ==, "open");
  g_assert_cmpstr (tocsin_alert_get_tiny_id (wrong), ==, "17");
}

static void
test_no_id_dropped (void)
{
  static const char json[] =
    "{\"values\":[{\"message\":\"no id\"},{\"id\":\"\"},{\"id\":{\"x\":1}},\"str\",null,7,"
    "{\"id\":\"keep\",\"message\":\"kept\"}],\"count\":7,\"links\":{\"next\":\"/v1/alerts?offset=7&size=7\"}}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *next = NULL;
  gint64 count = 0;

  alerts = tocsin_alert_parse_page (bytes, &count, &next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 1);
  g_assert_cmpstr (tocsin_alert_get_id (g_ptr_array_index (alerts, 0)), ==, "keep");
  g_assert_cmpint (count, ==, 7);
  g_assert_cmpstr (next, ==, "/v1/alerts?offset=7&size=7");
}

static void
test_page_errors (void)
{
  const char *bad[] = {
    "{\"values\":[{\"id\":\"a\"}",      /* truncated */
    "<html>login</html>",               /* not JSON */
    "{\"values\":{\"id\":\"a\"}}",      /* wrong type */
    "[1,2,3]",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (bad[i], strlen (bad[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) alerts = tocsin_alert_parse_page (bytes, NULL, NULL, &error);

      g_assert_null (alerts);
      g_assert_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED);
    }
}

static void
test_next_link_forms (void)
{
  g_autoptr(GHashTable) absolute =
    tocsin_ops_parse_next_link ("https://api.atlassian.com/ex/jira/abc/jsm/ops/api/v1/alerts?query=status%3Aopen&offset=200&size=100");
  g_autoptr(GHashTable) relative = tocsin_ops_parse_next_link ("/v1/alerts?offset=10&size=5");
  g_autoptr(GHashTable) cursor = tocsin_ops_parse_next_link ("/v1/alerts/x/notes?after=k%2B1&size=20");

  g_assert_nonnull (absolute);
  g_assert_cmpstr (g_hash_table_lookup (absolute, "offset"), ==, "200");
  g_assert_cmpstr (g_hash_table_lookup (absolute, "size"), ==, "100");
  g_assert_cmpstr (g_hash_table_lookup (absolute, "query"), ==, "status:open");
  g_assert_nonnull (relative);
  g_assert_cmpstr (g_hash_table_lookup (relative, "offset"), ==, "10");
  g_assert_cmpstr (g_hash_table_lookup (relative, "size"), ==, "5");
  g_assert_cmpstr (g_hash_table_lookup (cursor, "after"), ==, "k+1");
  g_assert_null (tocsin_ops_parse_next_link (NULL));
  g_assert_null (tocsin_ops_parse_next_link (""));
  g_assert_null (tocsin_ops_parse_next_link ("/v1/alerts"));
}

static void
test_request_status (void)
{
  g_autoptr(JsonNode) ok = parse ("{\"action\":\"Acknowledge\",\"isSuccess\":true,\"status\":\"Alert acknowledged\"}");
  g_autoptr(JsonNode) failed = parse ("{\"data\":{\"isSuccess\":false,\"status\":\"Alert is closed\"}}");
  g_autoptr(JsonNode) pending = parse ("{\"action\":\"Acknowledge\"}");
  g_autoptr(JsonNode) receipt = parse ("{\"result\":\"Request will be processed\",\"requestId\":\"r-1\",\"took\":0.1}");
  g_autofree char *status = NULL;
  g_autofree char *request_id = NULL;
  gboolean success = TRUE;

  g_assert_true (tocsin_alert_parse_request_status (ok, &success, NULL));
  g_assert_true (success);
  g_assert_true (tocsin_alert_parse_request_status (failed, &success, &status));
  g_assert_false (success);
  g_assert_cmpstr (status, ==, "Alert is closed");
  g_assert_false (tocsin_alert_parse_request_status (pending, &success, NULL));
  request_id = tocsin_alert_parse_request_id (receipt);
  g_assert_cmpstr (request_id, ==, "r-1");
}

static void
test_teams_shapes (void)
{
  g_autoptr(JsonNode) spec = parse ("{\"platformTeams\":[{\"teamId\":\"t1\",\"teamName\":\"Ops\"},{\"teamName\":\"no id\"}]}");
  g_autoptr(JsonNode) bare = parse ("[{\"id\":\"t2\",\"name\":\"DB\"},{\"teamId\":\"t3\",\"teamName\":\"Net\"}]");
  g_autoptr(GPtrArray) a = tocsin_alert_parse_teams (spec);
  g_autoptr(GPtrArray) b = tocsin_alert_parse_teams (bare);

  g_assert_cmpuint (a->len, ==, 1);
  g_assert_cmpstr (tocsin_alert_target_get_id (g_ptr_array_index (a, 0)), ==, "t1");
  g_assert_cmpstr (tocsin_alert_target_get_name (g_ptr_array_index (a, 0)), ==, "Ops");
  g_assert_cmpuint (b->len, ==, 2);
  g_assert_cmpstr (tocsin_alert_target_get_name (g_ptr_array_index (b, 0)), ==, "DB");
  g_assert_cmpstr (tocsin_alert_target_get_id (g_ptr_array_index (b, 1)), ==, "t3");
}

static void
test_notes_and_logs (void)
{
  g_autoptr(JsonNode) note_node = parse ("{\"id\":\"n1\",\"note\":\"Looking\",\"owner\":\"dana@example.com\",\"createdAt\":\"2024-01-01T10:00:00Z\"}");
  g_autoptr(JsonNode) log_node = parse ("{\"log\":\"Alert acknowledged\",\"logType\":\"system\",\"logTime\":\"2024-01-01T10:00:00Z\"}");
  g_autoptr(JsonNode) bad_node = parse ("{\"note\":3}");
  g_autoptr(TocsinAlertEntry) note = tocsin_alert_parse_note (note_node);
  g_autoptr(TocsinAlertEntry) log = tocsin_alert_parse_log (log_node);

  g_assert_cmpstr (tocsin_alert_entry_get_text (note), ==, "Looking");
  g_assert_cmpstr (tocsin_alert_entry_get_kind (note), ==, "note");
  g_assert_nonnull (tocsin_alert_entry_get_time (note));
  g_assert_cmpstr (tocsin_alert_entry_get_kind (log), ==, "system");
  g_assert_null (tocsin_alert_parse_note (bad_node));
}

static void
test_repair_surrogates (void)
{
  const struct {
    const char *in;
    const char *out; /* NULL: left as it is, without a copy */
  } cases[] = {
    { "\"plain\"", NULL },
    { "", NULL },
    { "\"\\ud83d\\ude00\"", NULL },                        /* a pair */
    { "\"\\uD83D\\uDE00\"", NULL },                        /* upper case */
    { "\"t\\ud800\"]", "\"t\\uFFFD\"]" },                  /* lone high at the end */
    { "\"\\udc00x\"", "\"\\uFFFDx\"" },                    /* lone low */
    { "\"\\ud800\\ud800\"", "\"\\uFFFD\\uFFFD\"" },       /* high high */
    { "\"\\ude00\\ud83d\"", "\"\\uFFFD\\uFFFD\"" },       /* pair in the wrong order */
    { "\"\\ud800\\u0041\"", "\"\\uFFFD\\u0041\"" },       /* high, then no low */
    { "\"\\\\ud800\"", NULL },                             /* an escaped backslash, then text */
    { "\"\\\\\\ud800\"", "\"\\\\\\uFFFD\"" },            /* an escaped backslash, then the escape */
    { "\"\\ud80\"", NULL },                                 /* too short: the parser's business */
    { "\"\\", NULL },                                        /* ends in a backslash */
    { "\"\\ud83d\\", "\"\\uFFFD\\" },                      /* high, then a cut escape */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = tocsin_json_repair_surrogates (cases[i].in, strlen (cases[i].in));

      g_test_message ("case %u: %s", i, cases[i].in);
      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* A lone surrogate escape in one alert's tag made json-glib reject the whole
 * page; the good alert beside it must still come through. */
static void
test_page_lone_surrogate (void)
{
  static const char json[] =
    "{\"values\":["
    "{\"id\":\"cut\",\"message\":\"Disk \\ud83d\",\"tags\":[\"t\\ud800\"],"
    "\"owner\":\"\\udc00x\",\"extraProperties\":{\"k\\ud800\":\"v\\udfff\",\"n\":[\"\\ud800\"]}},"
    "{\"id\":\"good\",\"message\":\"Fine \\ud83d\\ude00\"}],\"count\":2}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *extra = NULL;
  TocsinAlert *cut;
  gint64 count = 0;

  alerts = tocsin_alert_parse_page (bytes, &count, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 2);
  g_assert_cmpint (count, ==, 2);

  cut = g_ptr_array_index (alerts, 0);
  g_assert_cmpstr (tocsin_alert_get_message (cut), ==, "Disk " REPLACEMENT);
  g_assert_cmpstr (tocsin_alert_get_tags (cut)[0], ==, "t" REPLACEMENT);
  g_assert_cmpstr (tocsin_alert_get_owner (cut), ==, REPLACEMENT "x");
  extra = g_variant_print (tocsin_alert_get_extra_properties (cut), FALSE);
  g_assert_true (g_utf8_validate (extra, -1, NULL));
  g_assert_nonnull (strstr (extra, "'k" REPLACEMENT "': 'v" REPLACEMENT "'"));

  g_assert_cmpstr (tocsin_alert_get_id (g_ptr_array_index (alerts, 1)), ==, "good");
  g_assert_cmpstr (tocsin_alert_get_message (g_ptr_array_index (alerts, 1)), ==, "Fine \xf0\x9f\x98\x80");
}

/* Raw bytes that are not UTF-8 made json-glib refuse the whole body. */
static void
test_page_invalid_utf8 (void)
{
  static const char json[] =
    "{\"values\":[{\"id\":\"raw\",\"message\":\"caf\xe9 \xff\",\"tags\":[\"\xc3\"]},"
    "{\"id\":\"good\",\"message\":\"ok\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;

  alerts = tocsin_alert_parse_page (bytes, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 2);
  g_assert_cmpstr (tocsin_alert_get_message (g_ptr_array_index (alerts, 0)), ==, "caf" REPLACEMENT " " REPLACEMENT);
  g_assert_cmpstr (tocsin_alert_get_tags (g_ptr_array_index (alerts, 0))[0], ==, REPLACEMENT);
  g_assert_cmpstr (tocsin_alert_get_id (g_ptr_array_index (alerts, 1)), ==, "good");
}

/* Strings reach the parser invalid when a tree did not come through
 * tocsin_json_load(); the parser makes them valid itself (g_variant_new_string
 * would fail a CRITICAL on the extra properties otherwise). */
static void
test_node_invalid_strings (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(TocsinAlert) alert = NULL;
  g_autofree char *extra = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_string_value (builder, "i\xed\xa0\x80");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, "m\xed\xa0\x80");
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, "t\xff");
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "extraProperties");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "k\xff");
  json_builder_add_string_value (builder, "v\xff");
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  alert = tocsin_alert_parse_node (node);
  g_assert_nonnull (alert);
  g_assert_true (g_utf8_validate (tocsin_alert_get_id (alert), -1, NULL));
  g_assert_cmpstr (tocsin_alert_get_message (alert), ==, "m" REPLACEMENT REPLACEMENT REPLACEMENT);
  g_assert_cmpstr (tocsin_alert_get_tags (alert)[0], ==, "t" REPLACEMENT);
  extra = g_variant_print (tocsin_alert_get_extra_properties (alert), FALSE);
  g_assert_cmpstr (extra, ==, "{'k" REPLACEMENT "': 'v" REPLACEMENT "'}");
}

/* Numbers out of every range drop the field, not the alert or its page. */
static void
test_page_wild_numbers (void)
{
  static const char json[] =
    "{\"values\":[{\"id\":\"wild\",\"count\":1e300,\"createdAt\":9223372036854775807,"
    "\"updatedAt\":-9223372036854775807,\"priority\":1e300,\"tags\":[1,null,{},[]]},"
    "{\"id\":\"good\",\"count\":-1e300}],\"count\":-1e300}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  gint64 count = 0;

  alerts = tocsin_alert_parse_page (bytes, &count, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, ==, 2);
  g_assert_cmpint (count, ==, -1);
  g_assert_cmpint (tocsin_alert_get_count (g_ptr_array_index (alerts, 0)), ==, 0);
  g_assert_null (tocsin_alert_get_created_at (g_ptr_array_index (alerts, 0)));
  g_assert_null (tocsin_alert_get_updated_at (g_ptr_array_index (alerts, 0)));
  g_assert_cmpint (tocsin_alert_get_priority (g_ptr_array_index (alerts, 0)), ==, 3);
  g_assert_cmpint (g_strv_length ((char **) tocsin_alert_get_tags (g_ptr_array_index (alerts, 0))), ==, 0);
  g_assert_cmpint (tocsin_alert_get_count (g_ptr_array_index (alerts, 1)), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert-parser/full", test_full);
  g_test_add_func ("/alert-parser/last-occurred-spellings", test_last_occurred_spellings);
  g_test_add_func ("/alert-parser/missing-and-wrong-types", test_missing_and_wrong_types);
  g_test_add_func ("/alert-parser/no-id-dropped", test_no_id_dropped);
  g_test_add_func ("/alert-parser/page-errors", test_page_errors);
  g_test_add_func ("/alert-parser/next-link-forms", test_next_link_forms);
  g_test_add_func ("/alert-parser/request-status", test_request_status);
  g_test_add_func ("/alert-parser/teams-shapes", test_teams_shapes);
  g_test_add_func ("/alert-parser/notes-and-logs", test_notes_and_logs);
  g_test_add_func ("/alert-parser/repair-surrogates", test_repair_surrogates);
  g_test_add_func ("/alert-parser/page-lone-surrogate", test_page_lone_surrogate);
  g_test_add_func ("/alert-parser/page-invalid-utf8", test_page_invalid_utf8);
  g_test_add_func ("/alert-parser/node-invalid-strings", test_node_invalid_strings);
  g_test_add_func ("/alert-parser/page-wild-numbers", test_page_wild_numbers);

  return g_test_run ();
}
