/* test-api-client.c: TocsinOpsClient and the alert endpoints against tocsin-sandbox
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tocsin-alert-api.h"
#include "tocsin-ops-client.h"
#include "tocsin-test-token-provider.h"

typedef struct
{
  TocsinTestSandbox *sb;
  TestTokenProvider *provider;
  TocsinOpsClient   *client;
} Fixture;

typedef struct
{
  gboolean   done;
  JsonNode  *node;
  GPtrArray *items;
  gint64     total;
  gboolean   truncated;
  gboolean   ok;
  GError    *error;
} Result;

static void
result_clear (Result *r)
{
  g_clear_pointer (&r->node, json_node_unref);
  g_clear_pointer (&r->items, g_ptr_array_unref);
  g_clear_error (&r->error);
  memset (r, 0, sizeof *r);
}

static void
fixture_setup_with (Fixture    *f,
                    const char *scopes,
                    const char *first_arg,
                    ...)
{
  /* Only a couple of argument shapes are needed; pass them explicitly. */
  va_list args;
  const char *a[6] = { NULL };
  guint n = 0;

  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL && n < 5; arg = va_arg (args, const char *))
    a[n++] = arg;
  va_end (args);

  f->sb = tocsin_test_sandbox_start (a[0], a[1], a[2], a[3], a[4], NULL);
  g_assert_nonnull (f->sb);
  f->provider = test_token_provider_new (f->sb, scopes);
  f->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                     tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                     TOCSIN_TOKEN_PROVIDER (f->provider), NULL);
  g_assert_nonnull (f->client);
  /* Short backoff so the retry tests stay quick; Retry-After still rules 429s. */
  tocsin_ops_client_set_retry_policy (f->client, 3, 100, 400);
  tocsin_test_sandbox_clear_log (f->sb);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fixture_setup_with (f, NULL, "--alerts", "250", "--action-delay-ms", "700", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  tocsin_test_sandbox_stop (f->sb);
}

static char *
ops_path (Fixture    *f,
          const char *rest)
{
  return tocsin_test_sandbox_site_path (f->sb, 0, rest);
}

/* Log entries for one method and exact path, oldest first. */
static GPtrArray *
logged (Fixture    *f,
        const char *method,
        const char *path)
{
  g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (f->sb);
  GPtrArray *out = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);

      if ((method == NULL || g_strcmp0 (json_object_get_string_member (entry, "method"), method) == 0) &&
          g_strcmp0 (json_object_get_string_member (entry, "path"), path) == 0)
        g_ptr_array_add (out, json_object_ref (entry));
    }
  return out;
}

static const char *
query_value (JsonObject *entry,
             const char *key)
{
  JsonObject *query = json_object_get_object_member (entry, "query");
  JsonNode *node = query != NULL ? json_object_get_member (query, key) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static void
request_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  r->node = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

static void
request (Fixture    *f,
         Result     *r,
         const char *method,
         const char *path)
{
  tocsin_ops_client_request_async (f->client, method, path, NULL, NULL, NULL, request_cb, r);
  test_wait_for (&r->done);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->items = tocsin_alert_api_list_finish (TOCSIN_OPS_CLIENT (source), result, &r->total, &r->truncated,
                                           &r->error);
  r->done = TRUE;
}

static void
list_alerts (Fixture    *f,
             Result     *r,
             const char *query)
{
  tocsin_alert_api_list_async (f->client, query, 0, NULL, list_cb, r);
  test_wait_for (&r->done);
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  Result r = { 0 };
  g_autofree char *path = ops_path (f, "alerts");
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  list_alerts (f, &r, NULL);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.items->len, ==, 250);
  g_assert_cmpint (r.total, ==, 250);
  g_assert_false (r.truncated);
  for (guint i = 0; i < r.items->len; i++)
    g_hash_table_add (ids, (gpointer) tocsin_alert_get_id (g_ptr_array_index (r.items, i)));
  g_assert_cmpuint (g_hash_table_size (ids), ==, 250);

  requests = logged (f, "GET", path);
  g_assert_cmpuint (requests->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *offset = g_strdup_printf ("%u", i * 100);

      g_assert_cmpstr (query_value (g_ptr_array_index (requests, i), "offset"), ==, offset);
      g_assert_cmpstr (query_value (g_ptr_array_index (requests, i), "size"), ==, "100");
      g_assert_null (query_value (g_ptr_array_index (requests, i), "query"));
    }
  result_clear (&r);
}

static void
test_query_passed_through (Fixture       *f,
                           gconstpointer  data)
{
  Result r = { 0 };
  g_autofree char *path = ops_path (f, "alerts");
  g_autoptr(GPtrArray) requests = NULL;
  const char *query = "status:open AND acknowledged:false";

  list_alerts (f, &r, query);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.items->len, >, 0);
  g_assert_cmpuint (r.items->len, <, 250);
  for (guint i = 0; i < r.items->len; i++)
    {
      TocsinAlert *alert = g_ptr_array_index (r.items, i);

      /* The sandbox, like JSM, counts snoozed alerts as open. */
      g_assert_cmpint (tocsin_alert_get_state (alert), !=, TOCSIN_ALERT_STATE_CLOSED);
      g_assert_false (tocsin_alert_get_acknowledged (alert));
    }
  requests = logged (f, "GET", path);
  g_assert_cmpuint (requests->len, >=, 1);
  for (guint i = 0; i < requests->len; i++)
    g_assert_cmpstr (query_value (g_ptr_array_index (requests, i), "query"), ==, query);
  result_clear (&r);
}

static void
action_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->ok = tocsin_alert_api_run_action_finish (TOCSIN_OPS_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

static void
escalations_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Result *r = user_data;

  r->items = tocsin_alert_api_list_escalations_finish (TOCSIN_OPS_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

static void
teams_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->items = tocsin_alert_api_list_teams_finish (TOCSIN_OPS_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

static char *
find_escalation (Fixture *f)
{
  Result teams = { 0 };
  char *id = NULL;

  tocsin_alert_api_list_teams_async (f->client, NULL, teams_cb, &teams);
  test_wait_for (&teams.done);
  g_assert_no_error (teams.error);
  g_assert_cmpuint (teams.items->len, >, 0);

  for (guint i = 0; i < teams.items->len && id == NULL; i++)
    {
      Result esc = { 0 };

      tocsin_alert_api_list_escalations_async (f->client,
                                               tocsin_alert_target_get_id (g_ptr_array_index (teams.items, i)),
                                               NULL, escalations_cb, &esc);
      test_wait_for (&esc.done);
      g_assert_no_error (esc.error);
      if (esc.items->len > 0)
        id = g_strdup (tocsin_alert_target_get_id (g_ptr_array_index (esc.items, 0)));
      result_clear (&esc);
    }
  result_clear (&teams);
  g_assert_nonnull (id);
  return id;
}

static void
test_actions (Fixture       *f,
              gconstpointer  data)
{
  Result list = { 0 };
  g_autofree char *escalation = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 2);
  g_autofree char *until = g_date_time_format_iso8601 (later);
  struct {
    TocsinAlertActionKind action;
    const char *arg;
    const char *arg2;
    const char *method;
    const char *suffix;
    const char *body_key;
    const char *body_value;
  } cases[] = {
    { TOCSIN_ALERT_ACTION_ACKNOWLEDGE, NULL, NULL, "POST", "acknowledge", NULL, NULL },
    { TOCSIN_ALERT_ACTION_UNACKNOWLEDGE, NULL, NULL, "POST", "unacknowledge", NULL, NULL },
    { TOCSIN_ALERT_ACTION_SNOOZE, until, NULL, "POST", "snooze", "endTime", until },
    { TOCSIN_ALERT_ACTION_ADD_NOTE, "Looking into it", NULL, "POST", "notes", "note", "Looking into it" },
    { TOCSIN_ALERT_ACTION_ASSIGN, TOCSIN_TEST_SANDBOX_USER_ID, NULL, "POST", "assign", "accountId", TOCSIN_TEST_SANDBOX_USER_ID },
    { TOCSIN_ALERT_ACTION_ESCALATE, NULL, NULL, "POST", "escalate", "escalationId", NULL },
    { TOCSIN_ALERT_ACTION_ADD_RESPONDER, TOCSIN_TEST_SANDBOX_USER_ID, "user", "POST", "responders", "id", TOCSIN_TEST_SANDBOX_USER_ID },
    { TOCSIN_ALERT_ACTION_SET_PRIORITY, "P1", NULL, "PATCH", "priority", "priority", "P1" },
    { TOCSIN_ALERT_ACTION_CLOSE, NULL, NULL, "POST", "close", NULL, NULL },
  };

  escalation = find_escalation (f);
  cases[5].arg = escalation;
  cases[5].body_value = escalation;

  list_alerts (f, &list, "status:open AND acknowledged:false");
  g_assert_no_error (list.error);
  g_assert_cmpuint (list.items->len, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TocsinAlert *alert = g_ptr_array_index (list.items, 0);
      g_autofree char *rest = g_strdup_printf ("alerts/%s/%s", tocsin_alert_get_id (alert), cases[i].suffix);
      g_autofree char *path = ops_path (f, rest);
      g_autoptr(GPtrArray) requests = NULL;
      JsonObject *entry;
      JsonNode *body;
      Result r = { 0 };

      g_test_message ("action %s", cases[i].suffix);
      tocsin_test_sandbox_clear_log (f->sb);
      tocsin_alert_api_run_action_async (f->client, tocsin_alert_get_id (alert), cases[i].action,
                                         cases[i].arg, cases[i].arg2, NULL, action_cb, &r);
      test_wait_for (&r.done);
      g_assert_no_error (r.error);
      g_assert_true (r.ok);

      requests = logged (f, cases[i].method, path);
      g_assert_cmpuint (requests->len, ==, 1);
      entry = g_ptr_array_index (requests, 0);
      body = json_object_get_member (entry, "body");
      if (cases[i].body_key != NULL)
        {
          g_assert_true (JSON_NODE_HOLDS_OBJECT (body));
          g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), cases[i].body_key), ==,
                           cases[i].body_value);
        }
      if (cases[i].action == TOCSIN_ALERT_ACTION_ADD_RESPONDER)
        g_assert_cmpstr (json_object_get_string_member (json_node_get_object (body), "type"), ==, "user");

      /* Every asynchronous action was followed to its request status. */
      if (cases[i].action != TOCSIN_ALERT_ACTION_ADD_NOTE)
        {
          g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (f->sb);
          g_autofree char *prefix = ops_path (f, "alerts/requests/");
          gboolean succeeded = FALSE;

          for (guint k = 0; k < log->len; k++)
            {
              JsonObject *e = g_ptr_array_index (log, k);

              if (g_str_has_prefix (json_object_get_string_member (e, "path"), prefix) &&
                  json_object_get_int_member (e, "status") == 200)
                succeeded = TRUE;
            }
          g_assert_true (succeeded);
        }
      result_clear (&r);
    }
  result_clear (&list);
}

static void
test_request_status_404_then_success (Fixture       *f,
                                      gconstpointer  data)
{
  Result list = { 0 };
  Result r = { 0 };
  g_autofree char *prefix = ops_path (f, "alerts/requests/");
  g_autoptr(GPtrArray) log = NULL;
  guint not_found = 0, found = 0;

  list_alerts (f, &list, "status:open");
  g_assert_cmpuint (list.items->len, >, 0);
  tocsin_test_sandbox_clear_log (f->sb);
  /* The sandbox processes actions after 700 ms; the first poll comes sooner. */
  tocsin_alert_api_run_action_async (f->client, tocsin_alert_get_id (g_ptr_array_index (list.items, 0)),
                                     TOCSIN_ALERT_ACTION_ACKNOWLEDGE, NULL, NULL, NULL, action_cb, &r);
  test_wait_for (&r.done);
  g_assert_no_error (r.error);

  log = tocsin_test_sandbox_get_log (f->sb);
  for (guint k = 0; k < log->len; k++)
    {
      JsonObject *e = g_ptr_array_index (log, k);

      if (!g_str_has_prefix (json_object_get_string_member (e, "path"), prefix))
        continue;
      if (json_object_get_int_member (e, "status") == 404)
        {
          g_assert_cmpuint (found, ==, 0);
          not_found++;
        }
      else if (json_object_get_int_member (e, "status") == 200)
        found++;
    }
  g_assert_cmpuint (not_found, >=, 1);
  g_assert_cmpuint (found, ==, 1);
  result_clear (&r);
  result_clear (&list);
}

static void
test_refresh_on_401 (Fixture       *f,
                     gconstpointer  data)
{
  Result r = { 0 };
  g_autofree char *path = ops_path (f, "alerts");
  g_autoptr(GPtrArray) requests = NULL;

  tocsin_test_sandbox_control (f->sb, "POST", "/_sandbox/expire-access-tokens", NULL, NULL);
  tocsin_ops_client_request_async (f->client, "GET", "/alerts",
                                   (const char *[]) { "size", "1", NULL }, NULL, NULL, request_cb, &r);
  test_wait_for (&r.done);
  g_assert_no_error (r.error);
  g_assert_nonnull (r.node);
  g_assert_cmpuint (f->provider->refreshes, ==, 1);

  requests = logged (f, "GET", path);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (requests, 0), "status"), ==, 401);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (requests, 1), "status"), ==, 200);
  result_clear (&r);
}

static void
test_401_twice_is_unauthorized (Fixture       *f,
                                gconstpointer  data)
{
  Result r = { 0 };
  g_autofree char *fault = NULL;

  fault = g_strdup_printf ("{\"path\":\"/ex/jira/\",\"kind\":\"status\",\"status\":401,\"times\":-1}");
  tocsin_test_sandbox_add_fault (f->sb, fault);
  request (f, &r, "GET", "/alerts");
  g_assert_error (r.error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_UNAUTHORIZED);
  /* One refresh, one retry, then give up. */
  g_assert_cmpuint (f->provider->refreshes, ==, 1);
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (f->sb, "GET", "/ex/jira/"), ==, 2);
  tocsin_test_sandbox_clear_faults (f->sb);
  result_clear (&r);
}

static void
test_scope_401 (Fixture       *f,
                gconstpointer  data)
{
  Result r = { 0 };
  g_autoptr(TestTokenProvider) narrow = NULL;
  g_autoptr(TocsinOpsClient) client = NULL;

  /* A grant without the alert scopes. */
  narrow = test_token_provider_new (f->sb, "read:ops-config:jira-service-management offline_access");
  client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                  tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                  TOCSIN_TOKEN_PROVIDER (narrow), NULL);
  tocsin_test_sandbox_clear_log (f->sb);
  tocsin_ops_client_request_async (client, "GET", "/alerts", NULL, NULL, NULL, request_cb, &r);
  test_wait_for (&r.done);
  g_assert_error (r.error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_SCOPE);
  g_assert_cmpuint (narrow->refreshes, ==, 0);
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (f->sb, "GET", "/ex/jira/"), ==, 1);
  result_clear (&r);
}

static void
test_retry_after (Fixture       *f,
                  gconstpointer  data)
{
  Result r = { 0 };
  gint64 start;
  gint64 elapsed;
  g_autofree char *path = ops_path (f, "alerts");
  g_autoptr(GPtrArray) requests = NULL;

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"status\",\"status\":429,\"retry_after\":\"1\"}");
  /* Make the generic backoff far shorter than Retry-After, so only honouring it explains the wait. */
  tocsin_ops_client_set_retry_policy (f->client, 3, 10, 20);
  start = g_get_monotonic_time ();
  request (f, &r, "GET", "/alerts");
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (r.error);
  g_assert_cmpint (elapsed, >=, 950 * 1000);

  requests = logged (f, "GET", path);
  g_assert_cmpuint (requests->len, ==, 2);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (requests, 0), "status"), ==, 429);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (requests, 1), "status"), ==, 200);
  result_clear (&r);
}

static void
test_5xx_backoff (Fixture       *f,
                  gconstpointer  data)
{
  Result r = { 0 };
  g_autofree char *path = ops_path (f, "alerts");
  g_autoptr(GPtrArray) requests = NULL;

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"status\",\"status\":503,\"times\":2}");
  request (f, &r, "GET", "/alerts");
  g_assert_no_error (r.error);
  requests = logged (f, "GET", path);
  g_assert_cmpuint (requests->len, ==, 3);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (requests, 0), "status"), ==, 503);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (requests, 1), "status"), ==, 503);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (requests, 2), "status"), ==, 200);
  result_clear (&r);

  /* Beyond the retries: a server error, said so. */
  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"status\",\"status\":500,\"times\":-1}");
  request (f, &r, "GET", "/alerts");
  g_assert_error (r.error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_SERVER);
  tocsin_test_sandbox_clear_faults (f->sb);
  result_clear (&r);
}

static void
test_bad_bodies (Fixture       *f,
                 gconstpointer  data)
{
  struct { const char *kind; TocsinApiError code; } cases[] = {
    { "malformed", TOCSIN_API_ERROR_MALFORMED },
    { "truncated", TOCSIN_API_ERROR_MALFORMED },
    { "content-type", TOCSIN_API_ERROR_MALFORMED },
    { "huge", TOCSIN_API_ERROR_TOO_LARGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Result r = { 0 };
      g_autofree char *fault = g_strdup_printf ("{\"path\":\"/ex/jira/\",\"kind\":\"%s\"}", cases[i].kind);

      g_test_message ("fault %s", cases[i].kind);
      tocsin_test_sandbox_add_fault (f->sb, fault);
      list_alerts (f, &r, NULL);
      g_assert_error (r.error, TOCSIN_API_ERROR, (int) cases[i].code);
      g_assert_null (r.items);
      result_clear (&r);
      tocsin_test_sandbox_clear_faults (f->sb);
    }
}

static void
test_wrong_types (Fixture       *f,
                  gconstpointer  data)
{
  Result r = { 0 };
  Result page = { 0 };
  g_autofree char *rest = NULL;
  g_autofree char *patch_path = NULL;
  const char *id;
  TocsinAlert *patched = NULL;

  /* A list endpoint answering something that is not a list page. */
  tocsin_ops_client_list_all_async (f->client, "/teams", NULL, 10, 0, NULL, NULL, NULL, NULL, list_cb, &page);
  test_wait_for (&page.done);
  g_assert_error (page.error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED);
  result_clear (&page);

  /* An alert with wrongly typed fields is still listed. */
  list_alerts (f, &r, NULL);
  id = tocsin_alert_get_id (g_ptr_array_index (r.items, 0));
  patch_path = g_strdup_printf ("/_sandbox/alerts/%s", id);
  tocsin_test_sandbox_control (f->sb, "PATCH", patch_path,
                               "{\"message\":42,\"tags\":\"oops\",\"priority\":true,\"acknowledged\":\"no\"}", NULL);
  rest = g_strdup (id);
  result_clear (&r);

  list_alerts (f, &r, NULL);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.items->len, ==, 250);
  for (guint i = 0; i < r.items->len; i++)
    if (g_strcmp0 (tocsin_alert_get_id (g_ptr_array_index (r.items, i)), rest) == 0)
      patched = g_ptr_array_index (r.items, i);
  g_assert_nonnull (patched);
  result_clear (&r);
}

static void
test_dropped_connection (Fixture       *f,
                         gconstpointer  data)
{
  Result r = { 0 };

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"drop\",\"times\":-1}");
  request (f, &r, "GET", "/alerts");
  g_assert_error (r.error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_NETWORK);
  tocsin_test_sandbox_clear_faults (f->sb);
  result_clear (&r);

  /* And the client recovers. */
  request (f, &r, "GET", "/alerts");
  g_assert_no_error (r.error);
  result_clear (&r);
}

static void
notes_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;
  g_autofree char *next = NULL;

  r->items = tocsin_alert_api_get_notes_finish (TOCSIN_OPS_CLIENT (source), result, &next, &r->error);
  r->node = next != NULL ? json_node_init_string (json_node_alloc (), next) : NULL;
  r->done = TRUE;
}

static void
test_notes_paging (Fixture       *f,
                   gconstpointer  data)
{
  Result list = { 0 };
  Result first = { 0 };
  Result second = { 0 };
  const char *id;

  list_alerts (f, &list, NULL);
  id = tocsin_alert_get_id (g_ptr_array_index (list.items, 0));
  for (guint i = 0; i < 3; i++)
    {
      Result r = { 0 };
      g_autofree char *note = g_strdup_printf ("note %u", i);

      tocsin_alert_api_run_action_async (f->client, id, TOCSIN_ALERT_ACTION_ADD_NOTE, note, NULL, NULL, action_cb, &r);
      test_wait_for (&r.done);
      g_assert_no_error (r.error);
      result_clear (&r);
    }

  tocsin_alert_api_get_notes_async (f->client, id, NULL, 2, NULL, notes_cb, &first);
  test_wait_for (&first.done);
  g_assert_no_error (first.error);
  g_assert_cmpuint (first.items->len, ==, 2);
  g_assert_nonnull (first.node);

  tocsin_alert_api_get_notes_async (f->client, id, json_node_get_string (first.node), 2, NULL, notes_cb, &second);
  test_wait_for (&second.done);
  g_assert_no_error (second.error);
  g_assert_cmpuint (second.items->len, >=, 1);
  g_assert_cmpstr (tocsin_alert_entry_get_id (g_ptr_array_index (second.items, 0)), !=,
                   tocsin_alert_entry_get_id (g_ptr_array_index (first.items, 0)));

  result_clear (&first);
  result_clear (&second);
  result_clear (&list);
}

static void
fixture_setup_full_window (Fixture       *f,
                           gconstpointer  data)
{
  fixture_setup_with (f, NULL, "--alerts", "20000", NULL);
}

/* The most the API lets anyone page through (offset + size below 20,000,
 * so 19,999 of the 20,000): no request is refused, and the list says so. */
static void
test_window_20000 (Fixture       *f,
                   gconstpointer  data)
{
  Result r = { 0 };
  g_autofree char *path = ops_path (f, "alerts");
  g_autoptr(GPtrArray) requests = NULL;

  list_alerts (f, &r, NULL);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.items->len, ==, TOCSIN_OPS_MAX_WINDOW - 1);
  g_assert_cmpint (r.total, ==, 20000);
  g_assert_true (r.truncated);

  requests = logged (f, "GET", path);
  g_assert_cmpuint (requests->len, ==, 200);
  for (guint i = 0; i < requests->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (requests, i);
      guint64 offset = g_ascii_strtoull (query_value (entry, "offset"), NULL, 10);
      guint64 size = g_ascii_strtoull (query_value (entry, "size"), NULL, 10);

      g_assert_cmpuint (offset + size, <, TOCSIN_OPS_MAX_WINDOW);
      g_assert_cmpint (json_object_get_int_member (entry, "status"), ==, 200);
    }
  result_clear (&r);
}

static void
test_bad_base_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestTokenProvider) provider = g_object_new (TEST_TYPE_TOKEN_PROVIDER, NULL);

  g_assert_null (tocsin_ops_client_new ("http://example.com", "c", TOCSIN_TOKEN_PROVIDER (provider), &error));
  g_assert_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (tocsin_ops_client_new ("not a url", "c", TOCSIN_TOKEN_PROVIDER (provider), &error));
  g_assert_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/api-client/paging", test_paging);
  ADD ("/api-client/query-passed-through", test_query_passed_through);
  ADD ("/api-client/actions", test_actions);
  ADD ("/api-client/request-status-404-then-success", test_request_status_404_then_success);
  ADD ("/api-client/refresh-on-401", test_refresh_on_401);
  ADD ("/api-client/401-twice", test_401_twice_is_unauthorized);
  ADD ("/api-client/scope-401", test_scope_401);
  ADD ("/api-client/retry-after", test_retry_after);
  ADD ("/api-client/5xx-backoff", test_5xx_backoff);
  ADD ("/api-client/bad-bodies", test_bad_bodies);
  ADD ("/api-client/wrong-types", test_wrong_types);
  ADD ("/api-client/dropped-connection", test_dropped_connection);
  ADD ("/api-client/notes-paging", test_notes_paging);
#undef ADD
  g_test_add ("/api-client/window-20000", Fixture, NULL, fixture_setup_full_window, test_window_20000,
              fixture_teardown);
  g_test_add_func ("/api-client/bad-base-url", test_bad_base_url);

  return g_test_run ();
}
