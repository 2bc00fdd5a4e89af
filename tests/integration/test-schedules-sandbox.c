/* test-schedules-sandbox.c: schedules, on-calls, names, timelines and "my
 * shifts" against tocsin-sandbox
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-ops-client.h"
#include "tocsin-schedule-monitor.h"
#include "tocsin-schedule-service.h"
#include "tocsin-test-sandbox.h"
#include "tocsin-test-token-provider.h"

#define DANA TOCSIN_TEST_SANDBOX_USER_ID

#define NO_USER_SCOPES \
  "read:ops-alert:jira-service-management write:ops-alert:jira-service-management " \
  "read:ops-config:jira-service-management offline_access"


/* ---- fixture -------------------------------------------------------------- */

typedef struct {
  TocsinTestSandbox     *sb;
  TocsinOpsClient       *client;
  TocsinScheduleService *service;
  const char            *cloud_id;
  GAsyncResult          *result;
} Fixture;

static gboolean
on_watchdog_cb (gpointer user_data)
{
  g_error ("A request to the sandbox did not finish in time");
  return G_SOURCE_REMOVE;
}

static void
got_result_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fixture *f = user_data;

  g_assert_null (f->result);
  f->result = g_object_ref (result);
}

/* Bounded: the watchdog aborts the test after a minute. */
static GAsyncResult *
wait_result (Fixture *f)
{
  guint watchdog = g_timeout_add_seconds (60, on_watchdog_cb, NULL);
  GAsyncResult *result;

  while (f->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);

  result = f->result;
  f->result = NULL;
  return result;
}

static void
fixture_set_up (Fixture    *f,
                const char *scopes)
{
  TestTokenProvider *token;
  g_autoptr(GError) error = NULL;

  f->sb = tocsin_test_sandbox_start (NULL);
  token = test_token_provider_new (f->sb, scopes);
  f->cloud_id = tocsin_test_sandbox_get_cloud_id (f->sb, 0);
  f->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb), f->cloud_id,
                                     TOCSIN_TOKEN_PROVIDER (token), &error);
  g_assert_no_error (error);
  tocsin_ops_client_set_timeout (f->client, 20);
  f->service = tocsin_schedule_service_new (f->client);
  g_object_unref (token);
  tocsin_test_sandbox_clear_log (f->sb);
}

static void
fixture_tear_down (Fixture *f)
{
  g_clear_object (&f->service);
  g_clear_object (&f->client);
  g_clear_pointer (&f->sb, tocsin_test_sandbox_stop);
}

static void
set_up_all_scopes (Fixture       *f,
                   gconstpointer  data)
{
  fixture_set_up (f, NULL);
}

static void
set_up_no_user_scope (Fixture       *f,
                      gconstpointer  data)
{
  fixture_set_up (f, NO_USER_SCOPES);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  fixture_tear_down (f);
}

static GDateTime *
utc (const char *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  GDateTime *dt = g_date_time_new_from_iso8601 (iso, tz);

  g_assert_nonnull (dt);
  return dt;
}

static char *
ops_path (Fixture    *f,
          const char *rest)
{
  return tocsin_test_sandbox_site_path (f->sb, 0, rest);
}

/* The sandbox's own answer to a GET, read with the raw test client. */
static JsonNode *
raw_get (Fixture    *f,
         const char *rest)
{
  g_autofree char *path = ops_path (f, rest);
  g_autofree char *token = tocsin_test_sandbox_sign_in (f->sb, NULL, NULL);
  guint status = 0;
  JsonNode *node = tocsin_test_sandbox_api (f->sb, "GET", path, token, NULL, &status);

  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (node);
  return node;
}

static GPtrArray *
list_schedules (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *schedules;

  tocsin_schedule_service_list_async (f->service, NULL, got_result_cb, f);
  result = wait_result (f);
  schedules = tocsin_schedule_service_list_finish (f->service, result, &error);
  g_assert_no_error (error);
  return schedules;
}

static GPtrArray *
fetch_all (Fixture   *f,
           GDateTime *now)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *schedules;

  tocsin_schedule_service_fetch_all_async (f->service, now, NULL, got_result_cb, f);
  result = wait_result (f);
  schedules = tocsin_schedule_service_fetch_all_finish (f->service, result, &error);
  g_assert_no_error (error);
  return schedules;
}

static const char *
query_value (JsonObject *entry,
             const char *key)
{
  JsonObject *query = json_object_get_object_member (entry, "query");
  JsonNode *node;

  if (query == NULL || !(node = json_object_get_member (query, key)))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_string_element (json_node_get_array (node), 0);
  return json_node_get_string (node);
}

/* ---- tests ----------------------------------------------------------------- */

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(JsonNode) everything = raw_get (f, "schedules?size=50");
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autofree char *list_path = ops_path (f, "schedules");
  JsonArray *values = json_object_get_array_member (json_node_get_object (everything), "values");
  guint expected = json_array_get_length (values);
  guint pages = 0;
  guint last_offset = 0;

  g_assert_cmpuint (expected, >=, 3);
  tocsin_test_sandbox_clear_log (f->sb);

  tocsin_schedule_service_set_page_size (f->service, 2);
  schedules = list_schedules (f);
  g_assert_cmpuint (schedules->len, ==, expected);
  for (guint i = 0; i < schedules->len; i++)
    g_assert_cmpstr (tocsin_schedule_get_id (g_ptr_array_index (schedules, i)), ==,
                     json_object_get_string_member (json_array_get_object_element (values, i), "id"));

  /* Several pages of two, offsets moving forward. */
  log = tocsin_test_sandbox_get_log (f->sb);
  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);
      const char *offset;

      if (g_strcmp0 (json_object_get_string_member (entry, "path"), list_path) != 0)
        continue;

      g_assert_cmpstr (query_value (entry, "size"), ==, "2");
      offset = query_value (entry, "offset");
      g_assert_nonnull (offset);
      if (pages > 0)
        g_assert_cmpuint (g_ascii_strtoull (offset, NULL, 10), ==, last_offset + 2);
      last_offset = g_ascii_strtoull (offset, NULL, 10);
      pages++;
    }
  g_assert_cmpuint (pages, >=, (expected + 1) / 2);
  g_assert_cmpuint (pages, >=, 2);
}

static void
collect_users (TocsinParticipant *participant,
               GHashTable        *users)
{
  GListModel *children = tocsin_participant_get_participants (participant);

  if (tocsin_participant_is_user (participant))
    g_hash_table_add (users, g_strdup (tocsin_participant_get_id (participant)));

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(TocsinParticipant) child = g_list_model_get_item (children, i);

      collect_users (child, users);
    }
}

static GPtrArray *
on_calls (Fixture          *f,
          const char       *id,
          TocsinOnCallWhen  when,
          gboolean          flat,
          GDateTime        *date)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *participants;

  tocsin_schedule_service_on_calls_async (f->service, id, when, flat, date, NULL, got_result_cb, f);
  result = wait_result (f);
  participants = tocsin_schedule_service_on_calls_finish (f->service, result, &error);
  g_assert_no_error (error);
  return participants;
}

static void
test_on_calls (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) schedules = list_schedules (f);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) today = g_date_time_new_utc (g_date_time_get_year (now), g_date_time_get_month (now),
                                                    g_date_time_get_day_of_month (now), 15, 0, 0);
  /* Teams rotate in on weekends only: ask about the coming Saturday too. */
  g_autoptr(GDateTime) saturday = g_date_time_add_days (today, (6 - g_date_time_get_day_of_week (today) + 7) % 7);
  GDateTime *dates[] = { now, saturday };
  gboolean saw_nested = FALSE;
  gboolean saw_anyone = FALSE;

  for (guint d = 0; d < G_N_ELEMENTS (dates); d++)
    {
      for (guint i = 0; i < schedules->len; i++)
        {
          const char *id = tocsin_schedule_get_id (g_ptr_array_index (schedules, i));
          GDateTime *now_or_then = dates[d];

          for (TocsinOnCallWhen when = TOCSIN_ON_CALL_NOW; when <= TOCSIN_ON_CALL_NEXT; when++)
            {
              g_autoptr(GPtrArray) nested = on_calls (f, id, when, FALSE, now_or_then);
              g_autoptr(GPtrArray) flat = on_calls (f, id, when, TRUE, now_or_then);
              g_autoptr(GHashTable) nested_users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              g_autoptr(GHashTable) flat_users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              GHashTableIter iter;
              gpointer key;

              for (guint j = 0; j < nested->len; j++)
                {
                  TocsinParticipant *p = g_ptr_array_index (nested, j);

                  collect_users (p, nested_users);
                  if (g_list_model_get_n_items (tocsin_participant_get_participants (p)) > 0)
                    saw_nested = TRUE;
                }
              for (guint j = 0; j < flat->len; j++)
                {
                  g_assert_true (tocsin_participant_is_user (g_ptr_array_index (flat, j)));
                  collect_users (g_ptr_array_index (flat, j), flat_users);
                }

              /* Flat is nested with teams and escalations expanded to users. */
              g_assert_cmpuint (g_hash_table_size (flat_users), ==, g_hash_table_size (nested_users));
              g_hash_table_iter_init (&iter, flat_users);
              while (g_hash_table_iter_next (&iter, &key, NULL))
                g_assert_true (g_hash_table_contains (nested_users, key));
              if (flat->len > 0)
                saw_anyone = TRUE;
            }
        }
    }

  g_assert_true (saw_anyone);
  g_assert_true (saw_nested);

  /* What the server was asked. */
  {
    g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (f->sb);
    guint flat_true = 0, flat_false = 0, next = 0;

    for (guint i = 0; i < log->len; i++)
      {
        JsonObject *entry = g_ptr_array_index (log, i);
        const char *path = json_object_get_string_member (entry, "path");

        if (!g_str_has_suffix (path, "on-calls"))
          continue;
        if (g_str_has_suffix (path, "/next-on-calls"))
          next++;
        if (g_strcmp0 (query_value (entry, "flat"), "true") == 0)
          flat_true++;
        else if (g_strcmp0 (query_value (entry, "flat"), "false") == 0)
          flat_false++;
        g_assert_nonnull (query_value (entry, "date"));
      }
    g_assert_cmpuint (flat_true, ==, 2 * G_N_ELEMENTS (dates) * schedules->len);
    g_assert_cmpuint (flat_false, ==, 2 * G_N_ELEMENTS (dates) * schedules->len);
    g_assert_cmpuint (next, ==, 2 * G_N_ELEMENTS (dates) * schedules->len);
  }
}

typedef struct {
  guint users;
  guint named;
  guint dana_named;
} NameCount;

static void
count_names (TocsinParticipant *p,
             NameCount         *count)
{
  GListModel *children = tocsin_participant_get_participants (p);

  if (tocsin_participant_is_user (p))
    {
      count->users++;
      if (tocsin_participant_get_name (p) != NULL)
        count->named++;
      else
        g_assert_cmpstr (tocsin_participant_get_display_name (p), ==, tocsin_participant_get_id (p));
      if (g_strcmp0 (tocsin_participant_get_id (p), DANA) == 0 &&
          g_strcmp0 (tocsin_participant_get_display_name (p), "Dana Okafor") == 0)
        count->dana_named++;
    }

  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(TocsinParticipant) child = g_list_model_get_item (children, i);

      count_names (child, count);
    }
}

static void
count_schedule_names (GPtrArray *schedules,
                      NameCount *count)
{
  for (guint i = 0; i < schedules->len; i++)
    {
      TocsinSchedule *schedule = g_ptr_array_index (schedules, i);
      GListModel *models[] = {
        tocsin_schedule_get_on_call_now (schedule),
        tocsin_schedule_get_on_call_next (schedule),
        tocsin_schedule_get_shifts (schedule),
      };

      g_assert_null (tocsin_schedule_get_error (schedule));
      for (guint m = 0; m < G_N_ELEMENTS (models); m++)
        for (guint j = 0; j < g_list_model_get_n_items (models[m]); j++)
          {
            g_autoptr(GObject) item = g_list_model_get_item (models[m], j);

            if (TOCSIN_IS_SHIFT (item))
              count_names (tocsin_shift_get_responder (TOCSIN_SHIFT (item)), count);
            else
              count_names (TOCSIN_PARTICIPANT (item), count);
          }
    }
}

static guint
count_path_suffix (Fixture    *f,
                   const char *suffix)
{
  g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (f->sb);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    if (g_str_has_suffix (json_object_get_string_member (g_ptr_array_index (log, i), "path"), suffix))
      n++;
  return n;
}

static void
test_names_with_scope (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) schedules = fetch_all (f, now);
  g_autoptr(GPtrArray) again = NULL;
  NameCount count = { 0 };
  guint bulk_requests;
  TocsinScheduleDirectory *directory = tocsin_schedule_service_get_directory (f->service);

  count_schedule_names (schedules, &count);
  g_assert_cmpuint (count.users, >, 0);
  g_assert_cmpuint (count.named, ==, count.users);
  g_assert_cmpuint (count.dana_named, >, 0);
  g_assert_true (tocsin_schedule_directory_get_users_available (directory));

  /* Batched with maxResults, then cached: a second fetch asks nobody. */
  bulk_requests = count_path_suffix (f, "/rest/api/3/user/bulk");
  g_assert_cmpuint (bulk_requests, >=, 1);
  {
    g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (f->sb);

    for (guint i = 0; i < log->len; i++)
      if (g_str_has_suffix (json_object_get_string_member (g_ptr_array_index (log, i), "path"), "/user/bulk"))
        g_assert_nonnull (query_value (g_ptr_array_index (log, i), "maxResults"));
  }
  again = fetch_all (f, now);
  g_assert_cmpuint (count_path_suffix (f, "/rest/api/3/user/bulk"), ==, bulk_requests);
}

static void
on_refreshed_cb (TocsinScheduleMonitor *monitor,
                 guint                 *count)
{
  (*count)++;
}

static void
wait_refreshes (TocsinScheduleMonitor *monitor,
                guint                 *count,
                guint                  target)
{
  guint watchdog = g_timeout_add_seconds (60, on_watchdog_cb, NULL);

  while (*count < target)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
}

/* The monitor's state, as the alert monitor's: loading while it fetches,
 * last-refresh when it worked, a TOCSIN_API_ERROR when it failed (keeping
 * what it had), and never offline towards a loopback server. */
static void
test_monitor_state (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TocsinScheduleMonitor) monitor = tocsin_schedule_monitor_new (f->service);
  TocsinScheduleList *list = tocsin_schedule_monitor_get_model (monitor);
  g_autoptr(GDateTime) first = NULL;
  guint refreshed = 0;
  guint n;

  g_signal_connect (monitor, "refreshed", G_CALLBACK (on_refreshed_cb), &refreshed);
  g_assert_null (tocsin_schedule_monitor_get_last_refresh (monitor));
  g_assert_false (tocsin_schedule_monitor_get_offline (monitor));
  g_assert_false (tocsin_schedule_monitor_get_active (monitor));

  tocsin_schedule_monitor_set_active (monitor, TRUE);
  g_assert_true (tocsin_schedule_monitor_get_active (monitor));
  g_assert_true (tocsin_schedule_monitor_get_loading (monitor));
  wait_refreshes (monitor, &refreshed, 1);
  g_assert_false (tocsin_schedule_monitor_get_loading (monitor));
  g_assert_null (tocsin_schedule_monitor_get_error (monitor));
  g_assert_nonnull (tocsin_schedule_monitor_get_last_refresh (monitor));
  first = g_date_time_ref (tocsin_schedule_monitor_get_last_refresh (monitor));
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, >, 0);

  tocsin_test_sandbox_add_fault (
    f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"status\",\"status\":500,\"times\":-1}");
  tocsin_schedule_monitor_refresh (monitor);
  wait_refreshes (monitor, &refreshed, 2);
  g_assert_error ((GError *)tocsin_schedule_monitor_get_error (monitor), TOCSIN_API_ERROR,
                  TOCSIN_API_ERROR_SERVER);
  g_assert_true (tocsin_schedule_monitor_get_last_refresh (monitor) == first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);

  tocsin_test_sandbox_clear_faults (f->sb);
  tocsin_schedule_monitor_refresh (monitor);
  wait_refreshes (monitor, &refreshed, 3);
  g_assert_null (tocsin_schedule_monitor_get_error (monitor));
  g_assert_true (tocsin_schedule_monitor_get_last_refresh (monitor) != first);

  tocsin_schedule_monitor_set_active (monitor, FALSE);
  g_assert_false (tocsin_schedule_monitor_get_active (monitor));
}

static void
test_names_without_scope (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(TocsinScheduleMonitor) monitor = tocsin_schedule_monitor_new (f->service);
  TocsinScheduleList *list = tocsin_schedule_monitor_get_model (monitor);
  g_autoptr(GPtrArray) schedules = g_ptr_array_new_with_free_func (g_object_unref);
  NameCount count = { 0 };
  guint refreshed = 0;
  guint user_requests;

  g_signal_connect (monitor, "refreshed", G_CALLBACK (on_refreshed_cb), &refreshed);
  tocsin_schedule_monitor_refresh (monitor);
  g_assert_true (tocsin_schedule_monitor_get_loading (monitor));
  wait_refreshes (monitor, &refreshed, 1);

  /* Ids shown, and that is not an error. */
  g_assert_false (tocsin_schedule_monitor_get_loading (monitor));
  g_assert_null (tocsin_schedule_monitor_get_error (monitor));
  g_assert_false (tocsin_schedule_list_get_names_available (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    g_ptr_array_add (schedules, g_list_model_get_item (G_LIST_MODEL (list), i));
  count_schedule_names (schedules, &count);
  g_assert_cmpuint (count.users, >, 0);
  g_assert_cmpuint (count.named, ==, 0);

  /* Jira was asked at most once per kind and refused; not again on refresh. */
  user_requests = count_path_suffix (f, "/rest/api/3/user/bulk") + count_path_suffix (f, "/rest/api/3/myself");
  g_assert_cmpuint (user_requests, >=, 1);
  g_assert_cmpuint (user_requests, <=, 2);
  tocsin_schedule_monitor_refresh (monitor);
  wait_refreshes (monitor, &refreshed, 2);
  g_assert_null (tocsin_schedule_monitor_get_error (monitor));
  g_assert_cmpuint (count_path_suffix (f, "/rest/api/3/user/bulk") + count_path_suffix (f, "/rest/api/3/myself"),
                    ==, user_requests);
}

/* ---- timelines: expected wall times from the rotation definitions ---------- */

typedef struct {
  const char *zone;
  gboolean    saw_offsets[2];
  gint64      offsets[2];
  guint       checked;
} ZoneCheck;

static JsonObject *
find_rotation (JsonArray  *rotations,
               const char *id)
{
  for (guint i = 0; i < json_array_get_length (rotations); i++)
    {
      JsonObject *r = json_array_get_object_element (rotations, i);

      if (g_strcmp0 (json_object_get_string_member (r, "id"), id) == 0)
        return r;
    }
  return NULL;
}

static gboolean
has_time_restriction (JsonObject *rotation)
{
  JsonNode *node = json_object_get_member (rotation, "timeRestriction");

  return node != NULL && !JSON_NODE_HOLDS_NULL (node);
}

static void
check_timeline (Fixture        *f,
                TocsinSchedule *schedule,
                GDateTime      *now,
                ZoneCheck      *check)
{
  g_autofree char *rest = g_strdup_printf ("schedules/%s/rotations?size=50", tocsin_schedule_get_id (schedule));
  g_autoptr(JsonNode) raw = raw_get (f, rest);
  JsonArray *rotations = json_object_get_array_member (json_node_get_object (raw), "values");
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier (check->zone);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autoptr(GHashTable) other_edges = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) edge_store = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 64);
  g_autoptr(GError) error = NULL;
  gint64 range_start = 0;

  tocsin_schedule_service_timeline_async (f->service, schedule, now, NULL, got_result_cb, f);
  result = wait_result (f);
  shifts = tocsin_schedule_service_timeline_finish (f->service, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (shifts->len, >, 0);

  /* Base periods may begin where an override or forwarding ended; those
   * starts follow the override, not the rotation. The earliest period is
   * cut at the range start. */
  g_array_set_size (edge_store, shifts->len);
  for (guint i = 0; i < shifts->len; i++)
    {
      TocsinShift *shift = g_ptr_array_index (shifts, i);
      g_autoptr(GDateTime) end = tocsin_shift_get_end (shift);
      g_autoptr(GDateTime) begin = tocsin_shift_get_start (shift);

      if (i == 0 || g_date_time_to_unix (begin) < range_start)
        range_start = g_date_time_to_unix (begin);

      if (tocsin_shift_get_kind (shift) == TOCSIN_SHIFT_KIND_BASE)
        continue;
      g_array_index (edge_store, gint64, i) = g_date_time_to_unix (end);
      g_hash_table_add (other_edges, &g_array_index (edge_store, gint64, i));
    }

  for (guint i = 0; i < shifts->len; i++)
    {
      TocsinShift *shift = g_ptr_array_index (shifts, i);
      JsonObject *rotation = find_rotation (rotations, tocsin_shift_get_rotation_id (shift));
      g_autoptr(GDateTime) start = tocsin_shift_get_schedule_start (shift);
      g_autoptr(GDateTime) rotation_start = NULL;
      g_autoptr(GDateTime) rotation_local = NULL;
      gint64 start_unix = g_date_time_to_unix (start);
      const char *type;

      g_assert_cmpstr (tocsin_shift_get_schedule_timezone (shift), ==, check->zone);

      if (rotation == NULL || tocsin_shift_get_kind (shift) != TOCSIN_SHIFT_KIND_BASE ||
          has_time_restriction (rotation) || g_hash_table_contains (other_edges, &start_unix) ||
          start_unix <= range_start)
        continue;

      rotation_start = utc (json_object_get_string_member (rotation, "startDate"));
      rotation_local = g_date_time_to_timezone (rotation_start, zone);
      type = json_object_get_string_member (rotation, "type");
      if (g_date_time_compare (start, rotation_local) <= 0)
        continue;

      /* A daily or weekly rotation hands over at its start's wall time in
       * the schedule's zone, whatever the UTC offset that day. */
      g_assert_cmpint (g_date_time_get_minute (start), ==, g_date_time_get_minute (rotation_local));
      if (g_strcmp0 (type, "hourly") != 0)
        {
          gint64 length = json_object_get_int_member (rotation, "length");
          GDate a, b;

          g_assert_cmpint (g_date_time_get_hour (start), ==, g_date_time_get_hour (rotation_local));
          g_date_clear (&a, 1);
          g_date_clear (&b, 1);
          g_date_set_dmy (&a, g_date_time_get_day_of_month (rotation_local),
                          g_date_time_get_month (rotation_local), g_date_time_get_year (rotation_local));
          g_date_set_dmy (&b, g_date_time_get_day_of_month (start),
                          g_date_time_get_month (start), g_date_time_get_year (start));
          g_assert_cmpint (g_date_days_between (&a, &b) % (length * (g_strcmp0 (type, "weekly") == 0 ? 7 : 1)), ==, 0);
        }

      for (guint k = 0; k < 2; k++)
        if (!check->saw_offsets[k] || check->offsets[k] == g_date_time_get_utc_offset (start))
          {
            check->saw_offsets[k] = TRUE;
            check->offsets[k] = g_date_time_get_utc_offset (start);
            break;
          }
      check->checked++;
    }
}

static void
test_timeline_zones (Fixture       *f,
                     gconstpointer  data)
{
  /* Windows around the 2026 switches: US on 8 March, EU on 29 March. */
  static const char * const nows[] = { "2026-03-05T12:00:00Z", "2026-03-25T12:00:00Z" };
  ZoneCheck checks[] = {
    { "Europe/Berlin" }, { "America/New_York" }, { "Asia/Kolkata" },
  };
  g_autoptr(GPtrArray) schedules = list_schedules (f);

  for (guint n = 0; n < G_N_ELEMENTS (nows); n++)
    {
      g_autoptr(GDateTime) now = utc (nows[n]);

      for (guint i = 0; i < schedules->len; i++)
        for (guint z = 0; z < G_N_ELEMENTS (checks); z++)
          if (g_strcmp0 (tocsin_schedule_get_timezone (g_ptr_array_index (schedules, i)), checks[z].zone) == 0)
            check_timeline (f, g_ptr_array_index (schedules, i), now, &checks[z]);
    }

  for (guint z = 0; z < G_N_ELEMENTS (checks); z++)
    {
      g_test_message ("%s: %u handovers checked", checks[z].zone, checks[z].checked);
      g_assert_cmpuint (checks[z].checked, >, 0);
    }

  /* Berlin and New York were seen on both sides of their switch, one hour
   * apart in UTC; Kolkata is always +05:30. */
  for (guint z = 0; z < 2; z++)
    {
      g_assert_true (checks[z].saw_offsets[0] && checks[z].saw_offsets[1]);
      g_assert_cmpint (ABS (checks[z].offsets[0] - checks[z].offsets[1]), ==, G_TIME_SPAN_HOUR);
    }
  g_assert_false (checks[2].saw_offsets[1]);
  g_assert_cmpint (checks[2].offsets[0], ==, 5 * G_TIME_SPAN_HOUR + 30 * G_TIME_SPAN_MINUTE);
}

static void
test_my_shifts (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TocsinScheduleMonitor) monitor = tocsin_schedule_monitor_new (f->service);
  TocsinScheduleList *list = tocsin_schedule_monitor_get_model (monitor);
  g_autoptr(GTimeZone) berlin = g_time_zone_new_identifier ("Europe/Berlin");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GHashTable) schedules_with_dana = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) on_call_now_in = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *mine;
  guint refreshed = 0;

  tocsin_schedule_monitor_set_now (monitor, now);
  tocsin_schedule_monitor_set_local_zone (monitor, berlin);
  g_signal_connect (monitor, "refreshed", G_CALLBACK (on_refreshed_cb), &refreshed);
  tocsin_schedule_monitor_set_active (monitor, TRUE);
  wait_refreshes (monitor, &refreshed, 1);

  g_assert_null (tocsin_schedule_monitor_get_error (monitor));
  /* Who is signed in came from Jira's /myself. */
  g_assert_cmpstr (tocsin_schedule_list_get_account_id (list), ==, DANA);
  g_assert_cmpuint (count_path_suffix (f, "/rest/api/3/myself"), ==, 1);

  mine = tocsin_schedule_list_get_my_shifts (list);
  g_assert_cmpuint (g_list_model_get_n_items (mine), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(TocsinShift) shift = g_list_model_get_item (mine, i);
      g_autoptr(GDateTime) end = tocsin_shift_get_end (shift);

      g_assert_true (tocsin_participant_contains_user (tocsin_shift_get_responder (shift), DANA));
      g_assert_cmpint (g_date_time_compare (end, now), >, 0);
      g_hash_table_add (schedules_with_dana, g_strdup (tocsin_shift_get_schedule_id (shift)));
      if (tocsin_shift_contains (shift, now))
        g_hash_table_add (on_call_now_in, g_strdup (tocsin_shift_get_schedule_id (shift)));
    }
  g_assert_cmpuint (g_hash_table_size (schedules_with_dana), >=, 2);

  /* Independently: the server's flat on-call list says where Dana is on call now. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(TocsinSchedule) schedule = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GPtrArray) flat = on_calls (f, tocsin_schedule_get_id (schedule), TOCSIN_ON_CALL_NOW, TRUE, now);
      gboolean dana_now = FALSE;

      for (guint j = 0; j < flat->len; j++)
        dana_now |= g_strcmp0 (tocsin_participant_get_id (g_ptr_array_index (flat, j)), DANA) == 0;

      g_assert_cmpint (dana_now, ==, g_hash_table_contains (on_call_now_in, tocsin_schedule_get_id (schedule)));
    }

  g_assert_cmpint (tocsin_schedule_list_get_on_call (list), ==, g_hash_table_size (on_call_now_in) > 0);
  g_assert_nonnull (tocsin_schedule_list_get_summary (list));
  g_assert_true (g_str_has_prefix (tocsin_schedule_list_get_summary (list),
                                   tocsin_schedule_list_get_on_call (list) ? "On call until " : "Next shift "));

  /* The next refresh is due no later than the next boundary (plus slack). */
  {
    GDateTime *wakeup = tocsin_schedule_monitor_get_next_wakeup (monitor);
    g_autoptr(GDateTime) boundary = tocsin_schedule_list_get_next_boundary (list, now);

    g_assert_nonnull (wakeup);
    g_assert_cmpint (g_date_time_difference (wakeup, now), <=, 5 * G_TIME_SPAN_MINUTE);
    if (boundary != NULL)
      g_assert_cmpint (g_date_time_difference (wakeup, boundary), <=, G_TIME_SPAN_SECOND);
  }
  tocsin_schedule_monitor_set_active (monitor, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/schedules/sandbox/paging", Fixture, NULL, set_up_all_scopes, test_paging, tear_down);
  g_test_add ("/schedules/sandbox/on-calls", Fixture, NULL, set_up_all_scopes, test_on_calls, tear_down);
  g_test_add ("/schedules/sandbox/names/with-scope", Fixture, NULL, set_up_all_scopes, test_names_with_scope, tear_down);
  g_test_add ("/schedules/sandbox/names/without-scope", Fixture, NULL, set_up_no_user_scope, test_names_without_scope, tear_down);
  g_test_add ("/schedules/sandbox/timeline-zones", Fixture, NULL, set_up_all_scopes, test_timeline_zones, tear_down);
  g_test_add ("/schedules/sandbox/monitor-state", Fixture, NULL, set_up_all_scopes,
              test_monitor_state, tear_down);
  g_test_add ("/schedules/sandbox/my-shifts", Fixture, NULL, set_up_all_scopes, test_my_shifts, tear_down);

  return g_test_run ();
}
