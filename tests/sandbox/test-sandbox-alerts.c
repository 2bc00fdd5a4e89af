/* test-sandbox-alerts.c: the sandbox's alerts API
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-common.h"

#define ALL_WITH_DELETE \
  "read:ops-alert:jira-service-management write:ops-alert:jira-service-management " \
  "delete:ops-alert:jira-service-management read:ops-config:jira-service-management read:jira-user offline_access"

typedef struct
{
  TocsinTestSandbox *sb;
  char              *token;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sb = tocsin_test_sandbox_start ("--scopes", ALL_WITH_DELETE, "--action-delay-ms", "600000", NULL);
  f->token = tocsin_test_sandbox_sign_in (f->sb, ALL_WITH_DELETE, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->token);
  tocsin_test_sandbox_stop (f->sb);
}

static JsonObject *
get_ok (Fixture    *f,
        const char *ops_path)
{
  guint status = 0;
  g_autoptr(JsonNode) node = st_api (f->sb, f->token, "GET", 0, ops_path, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  return json_object_ref (st_object (node));
}

static guint
get_status (Fixture    *f,
            const char *ops_path)
{
  guint status = 0;
  g_autoptr(JsonNode) node = st_api (f->sb, f->token, "GET", 0, ops_path, NULL, &status);

  return status;
}

/* Every alert of the first site, fetched 100 at a time. */
static GPtrArray *
all_alerts (Fixture *f)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint offset = 0; ; offset += 100)
    {
      g_autofree char *path = g_strdup_printf ("alerts?offset=%u&size=100", offset);
      g_autoptr(JsonObject) page = get_ok (f, path);
      JsonArray *values = json_object_get_array_member (page, "values");

      for (guint i = 0; i < json_array_get_length (values); i++)
        g_ptr_array_add (all, json_object_ref (json_array_get_object_element (values, i)));
      if (json_array_get_length (values) < 100)
        break;
    }
  return all;
}

/* ---- list and paging ----------------------------------------------------- */

static void
test_list_default (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonObject) page = get_ok (f, "alerts");
  JsonArray *values = json_object_get_array_member (page, "values");
  const char *next = json_object_get_string_member (json_object_get_object_member (page, "links"), "next");
  g_autofree char *next_path = NULL;
  g_autoptr(JsonObject) page2 = NULL;
  JsonObject *first;

  g_assert_cmpint (json_object_get_int_member (page, "count"), >=, 60);
  g_assert_cmpuint (json_array_get_length (values), ==, 20);
  g_assert_cmpstr (next, ==, "/v1/alerts?offset=20&size=20");

  /* links.next is relative to .../jsm/ops/api */
  next_path = g_strdup_printf ("/ex/jira/%s/jsm/ops/api%s", tocsin_test_sandbox_get_cloud_id (f->sb, 0), next);
  page2 = get_ok (f, next_path);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (page2, "values")), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (page2, "values"), 0), "id"), !=,
                   json_object_get_string_member (json_array_get_object_element (values, 0), "id"));

  first = json_array_get_object_element (values, 0);
  for (const char * const *m = (const char *[]) { "id", "tinyId", "alias", "message", "status", "createdAt",
                                                  "updatedAt", "lastOccuredAt", "priority", "owner", "source", NULL }; *m; m++)
    g_assert_true (json_object_has_member (first, *m));
  g_assert_true (json_object_has_member (first, "acknowledged"));
  g_assert_true (json_object_has_member (first, "seen"));
  g_assert_true (json_object_has_member (first, "tags"));
  g_assert_true (json_object_has_member (first, "responders"));
}

static void
test_list_last_page (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(JsonObject) first = get_ok (f, "alerts?size=1");
  gint64 count = json_object_get_int_member (first, "count");
  g_autofree char *path = g_strdup_printf ("alerts?offset=%" G_GINT64_FORMAT "&size=10", count - 3);
  g_autoptr(JsonObject) last = get_ok (f, path);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (last, "values")), ==, 3);
  g_assert_false (json_object_has_member (json_object_get_object_member (last, "links"), "next"));
}

static void
assert_alert_error (Fixture    *f,
                    const char *ops_path,
                    guint       expected_status)
{
  guint status = 0;
  g_autoptr(JsonNode) node = st_api (f->sb, f->token, "GET", 0, ops_path, NULL, &status);

  g_assert_cmpuint (status, ==, expected_status);
  st_assert_error (node, "message", NULL);
  st_assert_error (node, "requestId", NULL);
  g_assert_true (json_object_has_member (st_object (node), "took"));
}

static void
test_paging_edges (Fixture       *f,
                   gconstpointer  data)
{
  assert_alert_error (f, "alerts?size=0", 422);
  assert_alert_error (f, "alerts?size=101", 422);
  assert_alert_error (f, "alerts?size=abc", 422);
  assert_alert_error (f, "alerts?offset=-1", 422);
  assert_alert_error (f, "alerts?offset=19901&size=100", 422);
  /* "lower than 20,000": reaching it is already too far. */
  assert_alert_error (f, "alerts?offset=19900&size=100", 422);
  assert_alert_error (f, "alerts?offset=19999&size=1", 422);
  assert_alert_error (f, "alerts?sort=message", 422);
  assert_alert_error (f, "alerts?order=up", 422);
  g_assert_cmpuint (get_status (f, "alerts?offset=19900&size=99"), ==, 200);
  g_assert_cmpuint (get_status (f, "alerts?offset=19998&size=1"), ==, 200);
  g_assert_cmpuint (get_status (f, "alerts?size=100"), ==, 200);
  g_assert_cmpuint (get_status (f, "alerts?size=1"), ==, 200);
}

/* With 20,000 alerts the window ends the paging: the last next link
 * shrinks so that offset + size stays below 20,000. */
static void
test_window (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--alerts", "20000", NULL);
  g_autofree char *token = tocsin_test_sandbox_sign_in (sb, NULL, NULL);
  guint status = 0;
  g_autoptr(JsonNode) near = st_api (sb, token, "GET", 0, "alerts?offset=19850&size=100", NULL, &status);
  g_autoptr(JsonNode) last = NULL;
  g_autoptr(JsonNode) beyond = NULL;
  JsonObject *links;

  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (st_object (near), "count"), ==, 20000);
  links = json_object_get_object_member (st_object (near), "links");
  g_assert_cmpstr (json_object_get_string_member (links, "next"), ==, "/v1/alerts?offset=19950&size=49");

  last = st_api (sb, token, "GET", 0, "alerts?offset=19950&size=49", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (st_object (last), "values")), ==, 49);
  g_assert_false (json_object_has_member (json_object_get_object_member (st_object (last), "links"), "next"));

  beyond = st_api (sb, token, "GET", 0, "alerts?offset=19950&size=50", NULL, &status);
  g_assert_cmpuint (status, ==, 422);
  tocsin_test_sandbox_stop (sb);
}

/* ---- query ------------------------------------------------------------------ */

typedef gboolean (*AlertPredicate) (JsonObject *alert);

static gboolean
has_tag (JsonObject *alert,
         const char *tag)
{
  JsonArray *tags = json_object_get_array_member (alert, "tags");

  for (guint i = 0; i < json_array_get_length (tags); i++)
    if (g_str_equal (json_array_get_string_element (tags, i), tag))
      return TRUE;
  return FALSE;
}

static const char *
status_of (JsonObject *a)
{
  return json_object_get_string_member (a, "status");
}

static gboolean is_p1 (JsonObject *a) { return g_str_equal (json_object_get_string_member (a, "priority"), "P1"); }
static gboolean is_p1_or_p2 (JsonObject *a) { return is_p1 (a) || g_str_equal (json_object_get_string_member (a, "priority"), "P2"); }
static gboolean is_closed (JsonObject *a) { return g_str_equal (status_of (a), "closed"); }
static gboolean is_acked (JsonObject *a) { return json_object_get_boolean_member (a, "acknowledged"); }
static gboolean has_db (JsonObject *a) { return has_tag (a, "db"); }
static gboolean has_fire (JsonObject *a) { return has_tag (a, "🔥"); }
static gboolean is_unacked_open (JsonObject *a)
{
  return !is_acked (a) && !is_closed (a) && !g_str_equal (status_of (a), "resolved");
}
static gboolean mentions_zahlungsdienst (JsonObject *a)
{
  return strstr (json_object_get_string_member (a, "message"), "Zahlungsdienst") != NULL;
}
static gboolean mentions_kessai (JsonObject *a)
{
  return strstr (json_object_get_string_member (a, "message"), "決済") != NULL;
}
static gboolean owned_by_dana (JsonObject *a)
{
  return g_str_equal (json_object_get_string_member (a, "owner"), "Dana Okafor");
}
static gboolean p1_not_closed_with_db (JsonObject *a)
{
  return (is_p1 (a) && !is_closed (a)) || has_db (a);
}

static guint
count_matching (GPtrArray      *all,
                AlertPredicate  predicate)
{
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    if (predicate (g_ptr_array_index (all, i)))
      n++;
  return n;
}

static void
assert_query (Fixture        *f,
              GPtrArray      *all,
              const char     *query,
              AlertPredicate  predicate)
{
  g_autofree char *escaped = g_uri_escape_string (query, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("alerts?size=100&query=%s", escaped);
  g_autoptr(JsonObject) page = get_ok (f, path);
  JsonArray *values = json_object_get_array_member (page, "values");
  guint expected = count_matching (all, predicate);

  g_test_message ("%s: %u", query, expected);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, all->len);
  g_assert_cmpint (json_object_get_int_member (page, "count"), ==, expected);
  for (guint i = 0; i < json_array_get_length (values); i++)
    g_assert_true (predicate (json_array_get_object_element (values, i)));
}

static void
test_query (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) all = all_alerts (f);

  g_assert_cmpuint (all->len, >=, 60);
  assert_query (f, all, "priority:P1", is_p1);
  assert_query (f, all, "priority:P1 OR priority:P2", is_p1_or_p2);
  assert_query (f, all, "status:closed", is_closed);
  assert_query (f, all, "acknowledged:true", is_acked);
  assert_query (f, all, "status:open AND acknowledged:false", is_unacked_open);
  assert_query (f, all, "tag:db", has_db);
  assert_query (f, all, "tag:\"🔥\"", has_fire);
  assert_query (f, all, "owner:\"Dana Okafor\"", owned_by_dana);
  assert_query (f, all, "Zahlungsdienst", mentions_zahlungsdienst);
  assert_query (f, all, "決済", mentions_kessai);
  assert_query (f, all, "(priority:P1 AND NOT status:closed) OR tag:db", p1_not_closed_with_db);
  assert_alert_error (f, "alerts?query=Status%3Aopen", 400);
  assert_alert_error (f, "alerts?query=%28priority%3AP1", 400);
  assert_alert_error (f, "alerts?query=priority%3A", 400);
}

static gint64
created_us (JsonObject *alert)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (json_object_get_string_member (alert, "createdAt"), NULL);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
}

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonObject) by_created = get_ok (f, "alerts?size=100&sort=createdAt&order=asc");
  g_autoptr(JsonObject) by_priority = get_ok (f, "alerts?size=100&sort=priority&order=desc");
  JsonArray *a = json_object_get_array_member (by_created, "values");
  JsonArray *p = json_object_get_array_member (by_priority, "values");

  for (guint i = 1; i < json_array_get_length (a); i++)
    g_assert_cmpint (created_us (json_array_get_object_element (a, i - 1)), <=,
                     created_us (json_array_get_object_element (a, i)));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (p, 0), "priority"), ==, "P1");
  for (guint i = 1; i < json_array_get_length (p); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (p, i - 1), "priority"), <=,
                     json_object_get_string_member (json_array_get_object_element (p, i), "priority"));
}

/* The seeded data has every priority and status, Unicode, emoji, RTL text,
 * long descriptions and many tags. */
static void
test_seeded_variety (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) all = all_alerts (f);
  const char *priorities[] = { "P1", "P2", "P3", "P4", "P5" };
  const char *statuses[] = { "open", "acked", "snoozed", "closed", "resolved" };
  gboolean emoji = FALSE, rtl = FALSE, long_description = FALSE, many_tags = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    for (guint j = 0; j < G_N_ELEMENTS (statuses); j++)
      {
        gboolean found = FALSE;

        for (guint k = 0; k < all->len && !found; k++)
          {
            JsonObject *a = g_ptr_array_index (all, k);

            found = g_str_equal (json_object_get_string_member (a, "priority"), priorities[i]) &&
                    g_str_equal (status_of (a), statuses[j]);
          }
        g_assert_true (found);
      }
  for (guint k = 0; k < all->len; k++)
    {
      JsonObject *a = g_ptr_array_index (all, k);
      const char *message = json_object_get_string_member (a, "message");

      emoji |= strstr (message, "🔥") != NULL;
      rtl |= strstr (message, "خطأ") != NULL || strstr (message, "שגיאת") != NULL;
      long_description |= strlen (json_object_get_string_member (a, "description")) > 800;
      many_tags |= json_array_get_length (json_object_get_array_member (a, "tags")) >= 8;
    }
  g_assert_true (emoji && rtl && long_description && many_tags);
}

/* ---- single alerts ----------------------------------------------------------- */

static void
test_get_by_id_and_alias (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(JsonObject) page = get_ok (f, "alerts?size=1");
  JsonObject *first = json_array_get_object_element (json_object_get_array_member (page, "values"), 0);
  g_autofree char *by_id = g_strdup_printf ("alerts/%s", json_object_get_string_member (first, "id"));
  g_autofree char *alias = g_uri_escape_string (json_object_get_string_member (first, "alias"), NULL, FALSE);
  g_autofree char *by_alias = g_strdup_printf ("alerts/alias?alias=%s", alias);
  g_autoptr(JsonObject) one = get_ok (f, by_id);
  g_autoptr(JsonObject) two = get_ok (f, by_alias);

  g_assert_cmpstr (json_object_get_string_member (one, "id"), ==, json_object_get_string_member (first, "id"));
  g_assert_cmpstr (json_object_get_string_member (two, "id"), ==, json_object_get_string_member (first, "id"));
  assert_alert_error (f, "alerts/does-not-exist", 404);
  assert_alert_error (f, "alerts/alias?alias=nope", 404);
  /* tinyId is not an id */
  {
    g_autofree char *tiny = g_strdup_printf ("alerts/%s", json_object_get_string_member (first, "tinyId"));
    assert_alert_error (f, tiny, 404);
  }
}

/* ---- actions ------------------------------------------------------------------ */

static JsonObject *
open_alert (Fixture *f)
{
  g_autoptr(JsonObject) page = get_ok (f, "alerts?size=1&query=status%3Aopen%20AND%20acknowledged%3Afalse");

  return json_object_ref (json_array_get_object_element (json_object_get_array_member (page, "values"), 0));
}

static char *
post_action (Fixture    *f,
             const char *method,
             const char *alert_id,
             const char *action,
             const char *body,
             guint      *status_out)
{
  g_autofree char *path = g_strdup_printf ("alerts/%s/%s", alert_id, action);
  g_autoptr(JsonNode) node = st_api (f->sb, f->token, method, 0, path, body, status_out);

  if (*status_out != 202)
    return NULL;
  g_assert_cmpstr (json_object_get_string_member (st_object (node), "result"), ==, "Request will be processed");
  return g_strdup (json_object_get_string_member (st_object (node), "requestId"));
}

/* Runs one action: 202, requests/{id} 404 until the sandbox processes it,
 * then isSuccess; returns the alert as it is afterwards. */
static JsonObject *
run_action (Fixture    *f,
            const char *method,
            const char *alert_id,
            const char *action,
            const char *body,
            gboolean    expect_success)
{
  guint status = 0;
  g_autofree char *request_id = post_action (f, method, alert_id, action, body, &status);
  g_autofree char *request_path = g_strdup_printf ("alerts/requests/%s", request_id);
  g_autofree char *alert_path = g_strdup_printf ("alerts/%s", alert_id);
  g_autoptr(JsonObject) request = NULL;
  guint flushed = 0;

  g_assert_cmpuint (status, ==, 202);
  g_assert_cmpuint (get_status (f, request_path), ==, 404);
  {
    g_autoptr(JsonNode) reply = tocsin_test_sandbox_control (f->sb, "POST", "/_sandbox/flush-actions", NULL, &flushed);
    g_assert_cmpint (json_object_get_int_member (st_object (reply), "processed"), ==, 1);
  }
  request = get_ok (f, request_path);
  g_assert_cmpint (json_object_get_boolean_member (request, "isSuccess"), ==, expect_success);
  g_assert_cmpstr (json_object_get_string_member (request, "alertId"), ==, alert_id);
  g_assert_nonnull (json_object_get_string_member (request, "processedAt"));
  g_assert_nonnull (json_object_get_string_member (request, "action"));
  return get_ok (f, alert_path);
}

static const char *
first_escalation_id (Fixture *f)
{
  static char id[64];
  g_autoptr(JsonObject) teams = get_ok (f, "teams");
  JsonObject *team = json_array_get_object_element (json_object_get_array_member (teams, "platformTeams"), 0);
  g_autofree char *path = g_strdup_printf ("teams/%s/escalations", json_object_get_string_member (team, "teamId"));
  g_autoptr(JsonObject) escalations = get_ok (f, path);
  JsonObject *esc = json_array_get_object_element (json_object_get_array_member (escalations, "values"), 0);

  g_strlcpy (id, json_object_get_string_member (esc, "id"), sizeof id);
  return id;
}

static gboolean
has_responder (JsonObject *alert,
               const char *id)
{
  JsonArray *responders = json_object_get_array_member (alert, "responders");

  for (guint i = 0; i < json_array_get_length (responders); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (responders, i), "id"), id))
      return TRUE;
  return FALSE;
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonObject) alert = open_alert (f);
  g_autofree char *id = g_strdup (json_object_get_string_member (alert, "id"));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 5);
  g_autofree char *later_iso = g_date_time_format_iso8601 (later);
  g_autofree char *snooze = g_strdup_printf ("{\"endTime\":\"%s\"}", later_iso);
  g_autofree char *escalate = g_strdup_printf ("{\"escalationId\":\"%s\"}", first_escalation_id (f));
  JsonObject *a;

  a = run_action (f, "POST", id, "acknowledge", NULL, TRUE);
  g_assert_true (json_object_get_boolean_member (a, "acknowledged"));
  g_assert_cmpstr (status_of (a), ==, "acked");
  json_object_unref (a);
  a = run_action (f, "POST", id, "unacknowledge", "{}", TRUE);
  g_assert_false (json_object_get_boolean_member (a, "acknowledged"));
  g_assert_cmpstr (status_of (a), ==, "open");
  json_object_unref (a);
  a = run_action (f, "POST", id, "snooze", snooze, TRUE);
  g_assert_true (json_object_get_boolean_member (a, "snoozed"));
  g_assert_cmpstr (status_of (a), ==, "snoozed");
  json_object_unref (a);
  a = run_action (f, "POST", id, "escalate", escalate, TRUE);
  g_assert_true (has_responder (a, first_escalation_id (f)));
  json_object_unref (a);
  json_object_unref (run_action (f, "POST", id, "escalate", "{\"escalationId\":\"no-such-policy\"}", FALSE));
  a = run_action (f, "POST", id, "assign", "{\"accountId\":\"" TOCSIN_TEST_SANDBOX_USER_ID "\"}", TRUE);
  g_assert_cmpstr (json_object_get_string_member (a, "owner"), ==, "Dana Okafor");
  json_object_unref (a);
  a = run_action (f, "POST", id, "responders", "{\"id\":\"" TOCSIN_TEST_SANDBOX_USER_ID "\",\"type\":\"user\"}", TRUE);
  g_assert_true (has_responder (a, TOCSIN_TEST_SANDBOX_USER_ID));
  json_object_unref (a);
  a = run_action (f, "POST", id, "tags", "{\"tags\":[\"sandbox-a\",\"sandbox-b\"]}", TRUE);
  g_assert_true (has_tag (a, "sandbox-a") && has_tag (a, "sandbox-b"));
  json_object_unref (a);
  a = run_action (f, "DELETE", id, "tags", "{\"tags\":[\"sandbox-a\"]}", TRUE);
  g_assert_true (!has_tag (a, "sandbox-a") && has_tag (a, "sandbox-b"));
  json_object_unref (a);
  a = run_action (f, "PATCH", id, "priority", "{\"priority\":\"P5\"}", TRUE);
  g_assert_cmpstr (json_object_get_string_member (a, "priority"), ==, "P5");
  json_object_unref (a);
  a = run_action (f, "PATCH", id, "message", "{\"message\":\"Renamed ✓\"}", TRUE);
  g_assert_cmpstr (json_object_get_string_member (a, "message"), ==, "Renamed ✓");
  json_object_unref (a);
  a = run_action (f, "PATCH", id, "description", "{\"description\":\"New text\"}", TRUE);
  g_assert_cmpstr (json_object_get_string_member (a, "description"), ==, "New text");
  json_object_unref (a);
  a = run_action (f, "POST", id, "close", NULL, TRUE);
  g_assert_cmpstr (status_of (a), ==, "closed");
  g_assert_true (json_object_has_member (a, "closeTime"));
  json_object_unref (a);
}

static void
test_action_validation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(JsonObject) alert = open_alert (f);
  const char *id = json_object_get_string_member (alert, "id");
  struct { const char *method, *action, *body; } bad[] = {
    { "POST", "snooze", "{}" },
    { "POST", "snooze", "{\"endTime\":\"2001-01-01T00:00:00Z\"}" },
    { "POST", "escalate", "{}" },
    { "POST", "assign", "{\"owner\":\"x\"}" },
    { "POST", "responders", "{\"id\":\"x\",\"type\":\"robot\"}" },
    { "POST", "tags", "{\"tags\":[]}" },
    { "PATCH", "priority", "{\"priority\":\"P9\"}" },
    { "POST", "notes", "{}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *path = g_strdup_printf ("alerts/%s/%s", id, bad[i].action);
      guint status = 0;
      g_autoptr(JsonNode) node = st_api (f->sb, f->token, bad[i].method, 0, path, bad[i].body, &status);

      g_test_message ("%s %s %s", bad[i].method, bad[i].action, bad[i].body);
      g_assert_cmpuint (status, ==, 422);
      st_assert_error (node, "message", NULL);
    }
  {
    guint status = 0;
    g_autofree char *none = post_action (f, "POST", "no-such-alert", "acknowledge", NULL, &status);

    g_assert_cmpuint (status, ==, 404);
  }
}

/* The real delay: the request status appears only after --action-delay-ms. */
static void
test_action_delay (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--action-delay-ms", "300", NULL);
  g_autofree char *token = tocsin_test_sandbox_sign_in (sb, NULL, NULL);
  guint status = 0;
  g_autoptr(JsonNode) page = st_api (sb, token, "GET", 0, "alerts?size=1&query=acknowledged%3Afalse", NULL, &status);
  JsonObject *alert = json_array_get_object_element (json_object_get_array_member (st_object (page), "values"), 0);
  g_autofree char *path = g_strdup_printf ("alerts/%s/acknowledge", json_object_get_string_member (alert, "id"));
  gint64 start = g_get_monotonic_time ();
  g_autoptr(JsonNode) accepted = st_api (sb, token, "POST", 0, path, NULL, &status);
  g_autoptr(JsonObject) request = NULL;

  g_assert_cmpuint (status, ==, 202);
  g_assert_true (st_wait_request (sb, token, json_object_get_string_member (st_object (accepted), "requestId"), &request));
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 300 * 1000);
  g_assert_true (json_object_get_boolean_member (request, "isSuccess"));
  g_assert_cmpstr (json_object_get_string_member (request, "action"), ==, "Acknowledge");
  tocsin_test_sandbox_stop (sb);
}

static void
test_create_via_api (Fixture       *f,
                     gconstpointer  data)
{
  guint status = 0;
  g_autoptr(JsonNode) accepted = st_api (f->sb, f->token, "POST", 0, "alerts",
                                         "{\"message\":\"Created by a test 🧪\",\"alias\":\"test-create\",\"priority\":\"P2\",\"tags\":[\"t\"]}",
                                         &status);
  g_autofree char *request_path = NULL;
  g_autoptr(JsonObject) request = NULL;
  g_autoptr(JsonObject) alert = NULL;
  g_autoptr(JsonNode) reply = NULL;

  g_assert_cmpuint (status, ==, 202);
  request_path = g_strdup_printf ("alerts/requests/%s", json_object_get_string_member (st_object (accepted), "requestId"));
  g_assert_cmpuint (get_status (f, request_path), ==, 404);
  g_assert_cmpuint (get_status (f, "alerts/alias?alias=test-create"), ==, 404);
  reply = tocsin_test_sandbox_control (f->sb, "POST", "/_sandbox/flush-actions", NULL, NULL);
  request = get_ok (f, request_path);
  g_assert_true (json_object_get_boolean_member (request, "isSuccess"));
  g_assert_cmpstr (json_object_get_string_member (request, "alias"), ==, "test-create");
  alert = get_ok (f, "alerts/alias?alias=test-create");
  g_assert_cmpstr (json_object_get_string_member (alert, "id"), ==, json_object_get_string_member (request, "alertId"));
  g_assert_cmpstr (json_object_get_string_member (alert, "priority"), ==, "P2");
}

/* ---- notes and logs ------------------------------------------------------------ */

/* Follows links.next to the end; returns how many items came, all distinct. */
static guint
follow_cursor (Fixture    *f,
               const char *first_path,
               const char *key)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *path = g_strdup (first_path);
  g_autofree char *prefix = g_strdup_printf ("/ex/jira/%s/jsm/ops/api", tocsin_test_sandbox_get_cloud_id (f->sb, 0));

  for (guint pages = 0; path != NULL; pages++)
    {
      g_autoptr(JsonObject) page = get_ok (f, path);
      JsonArray *values = json_object_get_array_member (page, "values");
      const char *next = json_object_get_string_member_with_default (json_object_get_object_member (page, "links"), "next", NULL);

      g_assert_cmpuint (pages, <, 20);
      for (guint i = 0; i < json_array_get_length (values); i++)
        g_assert_true (g_hash_table_add (seen, g_strdup (json_object_get_string_member (json_array_get_object_element (values, i), key))));
      g_free (path);
      path = NULL;
      if (next != NULL)
        {
          g_assert_true (g_str_has_prefix (next, "/v1/alerts/"));
          g_assert_nonnull (strstr (next, "after="));
          path = g_strconcat (prefix, next, NULL);
        }
    }
  return g_hash_table_size (seen);
}

static void
test_notes_and_logs (Fixture       *f,
                     gconstpointer  data)
{
  /* The first seeded alert carries the long histories. */
  g_autoptr(JsonObject) page = get_ok (f, "alerts?query=tinyId%3A1");
  JsonObject *first = json_array_get_object_element (json_object_get_array_member (page, "values"), 0);
  const char *id = json_object_get_string_member (first, "id");
  g_autofree char *notes = g_strdup_printf ("alerts/%s/notes?size=20", id);
  g_autofree char *logs = g_strdup_printf ("alerts/%s/logs?size=25", id);
  g_autofree char *bad_after = g_strdup_printf ("alerts/%s/notes?after=nope", id);
  g_autofree char *bad_size = g_strdup_printf ("alerts/%s/notes?size=0", id);
  g_autofree char *add = g_strdup_printf ("alerts/%s/notes", id);
  guint status = 0;
  g_autoptr(JsonNode) note = NULL;

  g_assert_cmpuint (follow_cursor (f, notes, "id"), ==, 45);
  g_assert_cmpuint (follow_cursor (f, logs, "offset"), >=, 60);
  assert_alert_error (f, bad_after, 422);
  assert_alert_error (f, bad_size, 422);

  note = st_api (f->sb, f->token, "POST", 0, add, "{\"note\":\"Looking into it – نعم\"}", &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (st_object (note), "note"), ==, "Looking into it – نعم");
  g_assert_nonnull (json_object_get_string_member (st_object (note), "id"));
  g_assert_cmpuint (follow_cursor (f, notes, "id"), ==, 46);
}

static void
test_write_scope (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autofree char *reader = tocsin_test_sandbox_sign_in (sb, "read:ops-alert:jira-service-management", NULL);
  g_autofree char *writer = tocsin_test_sandbox_sign_in (sb, NULL, NULL);
  guint status = 0;
  g_autoptr(JsonNode) page = st_api (sb, reader, "GET", 0, "alerts?size=1", NULL, &status);
  const char *id = json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (st_object (page), "values"), 0), "id");
  g_autofree char *ack = g_strdup_printf ("alerts/%s/acknowledge", id);
  g_autofree char *tags = g_strdup_printf ("alerts/%s/tags", id);
  g_autoptr(JsonNode) denied = st_api (sb, reader, "POST", 0, ack, NULL, &status);
  g_autoptr(JsonNode) no_delete = NULL;

  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (st_object (denied), "message"), ==, "Unauthorized; scope does not match");
  no_delete = st_api (sb, writer, "DELETE", 0, tags, "{\"tags\":[\"db\"]}", &status);
  g_assert_cmpuint (status, ==, 401);
  tocsin_test_sandbox_stop (sb);
}

/* The raw list answer of one site, for what a JSON parser would hide. */
static char *
raw_list (Fixture *f,
          guint    site)
{
  g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, site, "alerts?size=100");
  g_autofree char *url = g_strconcat (tocsin_test_sandbox_get_api_url (f->sb), path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", f->token, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  body = tocsin_test_sandbox_send (f->sb, msg, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* One seeded tag on each site was cut in the middle of an emoji: the answer
 * carries the lone high surrogate as an escape, the rest stays valid UTF-8. */
static void
test_seeded_lone_surrogate (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *first = raw_list (f, 0);
  g_autofree char *second = raw_list (f, 1);

  g_assert_nonnull (strstr (first, "\"backup-\\ud83d\xe2\x80\xa6\"]"));
  g_assert_true (g_utf8_validate (first, -1, NULL));
  g_assert_nonnull (strstr (second, "\"backup-\\ud83d\"]"));
  g_assert_true (g_utf8_validate (second, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/sandbox/alerts/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("list-default", test_list_default);
  ADD ("list-last-page", test_list_last_page);
  ADD ("paging-edges", test_paging_edges);
  ADD ("query", test_query);
  ADD ("sort", test_sort);
  ADD ("seeded-variety", test_seeded_variety);
  ADD ("get-by-id-and-alias", test_get_by_id_and_alias);
  ADD ("actions", test_actions);
  ADD ("action-validation", test_action_validation);
  ADD ("create-via-api", test_create_via_api);
  ADD ("notes-and-logs", test_notes_and_logs);
  ADD ("seeded-lone-surrogate", test_seeded_lone_surrogate);
#undef ADD
  g_test_add_func ("/sandbox/alerts/window", test_window);
  g_test_add_func ("/sandbox/alerts/action-delay", test_action_delay);
  g_test_add_func ("/sandbox/alerts/write-scope", test_write_scope);

  return g_test_run ();
}
