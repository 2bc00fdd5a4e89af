/* test-paging-watcher.c: what pages, and saying so when blind, against
 * tocsin-sandbox and the capturing notification server of the test session
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "tocsin-alert-notifier.h"
#include "tocsin-health-notifier.h"
#include "tocsin-paging-watcher.h"
#include "tocsin-test-notify.h"
#include "tocsin-test-token-provider.h"
#include "tocsin-test-notifications.h"

#define DANA TOCSIN_TEST_SANDBOX_USER_ID

static const char *app_name = "tocsin-watcher-test";

typedef struct {
  TocsinTestSandbox   *sb;
  TestTokenProvider   *provider;
  TocsinOpsClient     *client;
  TocsinPagingWatcher *watcher;
  TocsinAlertNotifier *notifier;
  GApplication        *app;
  char                *state_path;
  guint                log_offset;
  guint                refreshes;
} Fixture;

/* ---- the notification log ---------------------------------------------- */

/* Notify calls of this program and every CloseNotification since mark_log. */
static GPtrArray *
read_calls (Fixture *f)
{
  return tocsin_test_notifications_since (f->log_offset, app_name);
}

static void
mark_log (Fixture *f)
{
  f->log_offset = tocsin_test_notifications_mark ();
}

static guint
count_calls (GPtrArray  *calls,
             const char *call,
             const char *summary_prefix)
{
  guint n = 0;

  for (guint i = 0; i < calls->len; i++)
    {
      JsonObject *object = g_ptr_array_index (calls, i);

      if (g_strcmp0 (json_object_get_string_member (object, "call"), call) != 0)
        continue;
      if (summary_prefix == NULL ||
          g_str_has_prefix (json_object_get_string_member_with_default (object, "summary", ""), summary_prefix))
        n++;
    }
  return n;
}

/* ---- waiting ------------------------------------------------------------ */

typedef gboolean (*Predicate) (Fixture *f, gconstpointer data);

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_until (Fixture       *f,
            Predicate      predicate,
            gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (!predicate (f, data) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
  g_assert_true (predicate (f, data));
}

/* Lets anything that was (wrongly) sent reach the log. */
static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;
  guint wake = g_timeout_add (50, wake_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

static gboolean
has_calls (Fixture       *f,
           gconstpointer  data)
{
  const char *const *want = data;   /* call, summary prefix, count as text */
  g_autoptr(GPtrArray) calls = read_calls (f);

  return count_calls (calls, want[0], want[1]) >= (guint) g_ascii_strtoull (want[2], NULL, 10);
}

static void
wait_for_call (Fixture    *f,
               const char *call,
               const char *summary_prefix)
{
  const char *want[] = { call, summary_prefix, "1" };

  wait_until (f, has_calls, want);
}

static gboolean
refreshed_since (Fixture       *f,
                 gconstpointer  data)
{
  return f->refreshes > GPOINTER_TO_UINT (data);
}

static void
wait_refresh (Fixture *f)
{
  guint before = f->refreshes;

  tocsin_paging_watcher_refresh (f->watcher);
  wait_until (f, refreshed_since, GUINT_TO_POINTER (before));
}

static gboolean
has_health (Fixture       *f,
            gconstpointer  data)
{
  return tocsin_paging_watcher_get_health (f->watcher) == (TocsinHealth) GPOINTER_TO_UINT (data);
}

static gboolean
pages_for (Fixture    *f,
           const char *id)
{
  GListModel *alerts = tocsin_paging_watcher_get_alerts (f->watcher);

  for (guint i = 0; i < g_list_model_get_n_items (alerts); i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (alerts, i);

      if (g_strcmp0 (tocsin_alert_get_id (alert), id) == 0)
        return TRUE;
    }
  return FALSE;
}

/* ---- fixture ------------------------------------------------------------ */

static void
on_refreshed_cb (TocsinPagingWatcher *watcher,
                 Fixture             *f)
{
  f->refreshes++;
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  static GApplication *app;
  g_autoptr(GError) error = NULL;

  /* One registered application per process, like the real app. */
  if (app == NULL)
    {
      g_set_application_name (app_name);
      app = g_application_new ("io.github.tocsin.WatcherTest", G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (app, NULL, &error));
      g_assert_no_error (error);
    }
  f->app = app;

  f->sb = tocsin_test_sandbox_start (NULL);
  f->provider = test_token_provider_new (f->sb, NULL);
  f->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                     tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                     TOCSIN_TOKEN_PROVIDER (f->provider), &error);
  g_assert_no_error (error);

  f->watcher = tocsin_paging_watcher_new (f->client);
  g_signal_connect (f->watcher, "refreshed", G_CALLBACK (on_refreshed_cb), f);
  f->state_path = g_build_filename (g_get_user_state_dir (), "tocsin-test", g_test_get_path (), "announced", NULL);
  f->notifier = tocsin_alert_notifier_new (app, tocsin_paging_watcher_get_alerts (f->watcher), f->state_path);
  tocsin_alert_notifier_set_min_priority (f->notifier, 3);
  /* As the application wires it: every refresh is a reason to look. */
  g_signal_connect_swapped (f->watcher, "refreshed", G_CALLBACK (tocsin_alert_notifier_scan), f->notifier);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  if (f->watcher != NULL)
    {
      g_signal_handlers_disconnect_by_data (f->watcher, f);
      g_signal_handlers_disconnect_by_data (f->watcher, f->notifier);
    }
  g_clear_object (&f->notifier);
  g_clear_object (&f->watcher);
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  g_clear_pointer (&f->sb, tocsin_test_sandbox_stop);
  g_clear_pointer (&f->state_path, g_free);
}

/* Creates an alert in the sandbox now; returns its id. */
static char *
create_alert (Fixture    *f,
              const char *message,
              const char *priority,
              const char *team_id)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/alerts?site=%s", tocsin_test_sandbox_get_cloud_id (f->sb, 0));
  g_autofree char *body = NULL;
  g_autoptr(JsonNode) node = NULL;
  guint status = 0;

  if (team_id != NULL)
    body = g_strdup_printf ("{\"message\":\"%s\",\"priority\":\"%s\",\"responders\":[{\"id\":\"%s\",\"type\":\"team\"}]}",
                            message, priority, team_id);
  else
    body = g_strdup_printf ("{\"message\":\"%s\",\"priority\":\"%s\",\"responders\":[]}", message, priority);
  node = tocsin_test_sandbox_control (f->sb, "POST", path, body, &status);
  g_assert_cmpuint (status, ==, 201);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "id"));
}

/* ---- tests -------------------------------------------------------------- */

/* The window's search never decides what pages. */
static void
test_window_search (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TocsinAlertMonitor) window = tocsin_alert_monitor_new (f->client);
  g_autofree char *id = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  guint before;

  tocsin_alert_monitor_set_query (window, "tag:nothing-matches");
  tocsin_alert_monitor_set_active (window, TRUE);
  tocsin_paging_watcher_set_page_for (f->watcher, TOCSIN_PAGE_FOR_EVERYTHING);
  tocsin_paging_watcher_set_active (f->watcher, TRUE);
  wait_until (f, refreshed_since, GUINT_TO_POINTER (0));
  /* The seeded backlog pages (as one summary); what counts comes next. */
  mark_log (f);

  id = create_alert (f, "Replica lag on db-7", "P3", NULL);
  wait_refresh (f);
  wait_for_call (f, "Notify", "P3 · Replica lag on db-7");
  g_assert_true (pages_for (f, id));
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (tocsin_alert_monitor_get_model (window))),
                    ==, 0);

  /* Another search in the window, and another again: nothing is withdrawn
   * or announced again. */
  mark_log (f);
  before = f->refreshes;
  tocsin_alert_monitor_set_query (window, "status:open AND priority:P1");
  tocsin_alert_monitor_refresh (window);
  tocsin_alert_monitor_set_query (window, "tag:db");
  wait_refresh (f);
  settle (500);
  g_assert_cmpuint (f->refreshes, >, before);
  calls = read_calls (f);
  g_assert_cmpuint (calls->len, ==, 0);
  g_assert_true (pages_for (f, id));
}

static gboolean
schedules_refreshed (Fixture       *f,
                     gconstpointer  data)
{
  return *(const guint *) data > 0;
}

static void
on_schedules_refreshed_cb (TocsinScheduleMonitor *monitor,
                           guint                 *count)
{
  (*count)++;
}

static void
refresh_schedules (Fixture               *f,
                   TocsinScheduleMonitor *monitor,
                   GDateTime             *now)
{
  guint refreshed = 0;
  gulong id = g_signal_connect (monitor, "refreshed", G_CALLBACK (on_schedules_refreshed_cb), &refreshed);

  tocsin_schedule_monitor_set_now (monitor, now);
  tocsin_schedule_monitor_refresh (monitor);
  wait_until (f, schedules_refreshed, &refreshed);
  g_signal_handler_disconnect (monitor, id);
}

/* Teams of the schedules where one of Dana's shifts covers @when. */
static GHashTable *
teams_on_call (TocsinScheduleList *schedules,
               GDateTime          *when)
{
  GHashTable *teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GListModel *mine = tocsin_schedule_list_get_my_shifts (schedules);

  for (guint i = 0; i < g_list_model_get_n_items (mine); i++)
    {
      g_autoptr(TocsinShift) shift = g_list_model_get_item (mine, i);
      TocsinSchedule *schedule = tocsin_schedule_list_lookup (schedules, tocsin_shift_get_schedule_id (shift));

      if (tocsin_shift_contains (shift, when) && schedule != NULL)
        g_hash_table_add (teams, g_strdup (tocsin_schedule_get_team_id (schedule)));
    }
  return teams;
}

/* me-and-my-on-call-teams: a team's alert pages while I am on call for it,
 * another team's does not, and the shift's end withdraws it. The schedule
 * monitor's clock is set to moments around one of Dana's shifts, which the
 * sandbox computes from its rotations (date=). */
static void
test_on_call_teams (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(TocsinScheduleService) service = tocsin_schedule_service_new (f->client);
  g_autoptr(TocsinScheduleMonitor) schedules = tocsin_schedule_monitor_new (service);
  TocsinScheduleList *list = tocsin_schedule_monitor_get_model (schedules);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) on = NULL;
  g_autoptr(GDateTime) off = NULL;
  g_autoptr(GHashTable) teams_on = NULL;
  g_autoptr(GHashTable) teams_off = NULL;
  g_autofree char *my_team = NULL;
  const char *other_team = NULL;
  g_autofree char *mine_id = NULL;
  g_autofree char *other_id = NULL;
  GListModel *shifts;

  tocsin_schedule_monitor_set_account_id (schedules, DANA);
  refresh_schedules (f, schedules, now);
  g_assert_cmpint (tocsin_paging_watcher_choose_page_for (list), ==, TOCSIN_PAGE_FOR_ME_AND_MY_ON_CALL_TEAMS);

  /* One of Dana's shifts whose team has no shift of hers right after it;
   * the other team has none at either moment. */
  shifts = tocsin_schedule_list_get_my_shifts (list);
  for (guint i = 0; i < g_list_model_get_n_items (shifts) && my_team == NULL; i++)
    {
      g_autoptr(TocsinShift) shift = g_list_model_get_item (shifts, i);
      TocsinSchedule *schedule = tocsin_schedule_list_lookup (list, tocsin_shift_get_schedule_id (shift));
      const char *team = schedule != NULL ? tocsin_schedule_get_team_id (schedule) : NULL;

      if (team == NULL || *team == '\0')
        continue;
      g_clear_pointer (&on, g_date_time_unref);
      g_clear_pointer (&off, g_date_time_unref);
      on = g_date_time_compare (tocsin_shift_get_start (shift), now) > 0
           ? g_date_time_add_minutes (tocsin_shift_get_start (shift), 1)
           : g_date_time_ref (now);
      off = g_date_time_add_minutes (tocsin_shift_get_end (shift), 1);
      g_clear_pointer (&teams_off, g_hash_table_unref);
      teams_off = teams_on_call (list, off);
      if (!g_hash_table_contains (teams_off, team))
        my_team = g_strdup (team);
    }
  g_assert_nonnull (my_team);
  teams_on = teams_on_call (list, on);
  g_assert_true (g_hash_table_contains (teams_on, my_team));

  refresh_schedules (f, schedules, on);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)) && other_team == NULL; i++)
    {
      g_autoptr(TocsinSchedule) schedule = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *team = tocsin_schedule_get_team_id (schedule);

      if (team != NULL && *team != '\0' && !g_hash_table_contains (teams_on, team) &&
          !g_hash_table_contains (teams_off, team))
        other_team = team;
    }
  g_assert_nonnull (other_team);

  tocsin_paging_watcher_set_page_for (f->watcher, TOCSIN_PAGE_FOR_ME_AND_MY_ON_CALL_TEAMS);
  tocsin_paging_watcher_set_account (f->watcher, DANA, "Dana Okafor");
  tocsin_paging_watcher_set_schedule_monitor (f->watcher, schedules);
  tocsin_paging_watcher_set_active (f->watcher, TRUE);
  wait_until (f, refreshed_since, GUINT_TO_POINTER (0));
  mark_log (f);

  mine_id = create_alert (f, "Checkout latency", "P3", my_team);
  other_id = create_alert (f, "Printer out of toner", "P2", other_team);
  wait_refresh (f);
  wait_for_call (f, "Notify", "P3 · Checkout latency");
  settle (300);
  {
    g_autoptr(GPtrArray) calls = read_calls (f);

    /* (Seeded alerts may re-open meanwhile, so count only these two.) */
    g_assert_cmpuint (count_calls (calls, "Notify", "P3 · Checkout latency"), ==, 1);
    g_assert_cmpuint (count_calls (calls, "Notify", "P2 · Printer out of toner"), ==, 0);
  }
  g_assert_true (pages_for (f, mine_id));
  g_assert_false (pages_for (f, other_id));

  /* The shift ends: the team's alert is no longer mine to answer. */
  mark_log (f);
  refresh_schedules (f, schedules, off);
  wait_for_call (f, "CloseNotification", NULL);
  g_assert_false (pages_for (f, mine_id));
  g_assert_false (pages_for (f, other_id));

  /* And "me": neither a team alert pages. */
  tocsin_paging_watcher_set_page_for (f->watcher, TOCSIN_PAGE_FOR_ME);
  refresh_schedules (f, schedules, on);
  g_assert_false (pages_for (f, mine_id));
  tocsin_paging_watcher_set_page_for (f->watcher, TOCSIN_PAGE_FOR_ME_AND_MY_ON_CALL_TEAMS);
  g_assert_true (pages_for (f, mine_id));

  tocsin_paging_watcher_set_schedule_monitor (f->watcher, NULL);
  tocsin_schedule_monitor_set_active (schedules, FALSE);
}

/* Who is on call by the cache alone is no scope: a shift kept there may
 * have ended. The cache says Dana is on call for a team she is not on call
 * for now; its alert does not page. */
static void
test_cached_on_call (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TocsinScheduleService) service = tocsin_schedule_service_new (f->client);
  g_autoptr(TocsinScheduleMonitor) fetched = tocsin_schedule_monitor_new (service);
  g_autoptr(TocsinScheduleMonitor) cached = tocsin_schedule_monitor_new (service);
  TocsinScheduleList *list = tocsin_schedule_monitor_get_model (fetched);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GHashTable) teams_on = NULL;
  g_autoptr(TocsinSchedule) kept = tocsin_schedule_new ("kept-schedule");
  g_autoptr(TocsinParticipant) dana = tocsin_participant_new (DANA, "user");
  g_autoptr(GPtrArray) on_call = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) seed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *id = NULL;
  const char *team = NULL;

  tocsin_schedule_monitor_set_account_id (fetched, DANA);
  refresh_schedules (f, fetched, now);
  teams_on = teams_on_call (list, now);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)) && team == NULL; i++)
    {
      g_autoptr(TocsinSchedule) schedule = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *team_id = tocsin_schedule_get_team_id (schedule);

      if (team_id != NULL && *team_id != '\0' && !g_hash_table_contains (teams_on, team_id))
        team = team_id; /* the list keeps the schedule */
    }
  g_assert_nonnull (team);

  tocsin_schedule_set_team_id (kept, team);
  g_ptr_array_add (on_call, g_object_ref (dana));
  tocsin_schedule_set_on_call_now (kept, on_call);
  g_ptr_array_add (seed, g_object_ref (kept));
  tocsin_schedule_monitor_set_account_id (cached, DANA);
  tocsin_schedule_monitor_seed (cached, seed, TRUE);
  g_assert_true (tocsin_schedule_monitor_get_cached (cached));

  tocsin_paging_watcher_set_page_for (f->watcher, TOCSIN_PAGE_FOR_ME_AND_MY_ON_CALL_TEAMS);
  tocsin_paging_watcher_set_account (f->watcher, DANA, "Dana Okafor");
  tocsin_paging_watcher_set_schedule_monitor (f->watcher, cached);
  tocsin_paging_watcher_set_active (f->watcher, TRUE);
  wait_until (f, refreshed_since, GUINT_TO_POINTER (0));

  id = create_alert (f, "Only the cache says so", "P3", team);
  wait_refresh (f);
  g_assert_false (pages_for (f, id));

  tocsin_paging_watcher_set_schedule_monitor (f->watcher, NULL);
}

/* Blind for longer than the threshold with no window: one notification
 * (none while a window shows the banner), withdrawn when polling works
 * again, then one summary. */
static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(TocsinHealthNotifier) health = tocsin_health_notifier_new (f->app, f->watcher, f->notifier);
  g_autoptr(TocsinTestNotify) health_notify = tocsin_test_notify_new (f->watcher, "health");
  g_autoptr(TocsinTestNotify) stale_since_notify =
    tocsin_test_notify_new (f->watcher, "stale-since");
  g_autofree char *meanwhile = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  guint before;

  /* 1 s polls and a 2 s floor: stale after 3 intervals = 3 s. */
  tocsin_paging_watcher_set_poll_interval (f->watcher, 1);
  tocsin_paging_watcher_set_stale_floor (f->watcher, 2);
  g_assert_cmpuint (tocsin_paging_watcher_get_stale_after (f->watcher), ==, 3);
  tocsin_paging_watcher_set_stale_floor (f->watcher, 4);
  g_assert_cmpuint (tocsin_paging_watcher_get_stale_after (f->watcher), ==, 4);
  tocsin_paging_watcher_set_stale_floor (f->watcher, 2);
  tocsin_health_notifier_set_window_open (health, TRUE);

  tocsin_paging_watcher_set_active (f->watcher, TRUE);
  wait_until (f, refreshed_since, GUINT_TO_POINTER (0));
  g_assert_cmpint (tocsin_paging_watcher_get_health (f->watcher), ==, TOCSIN_HEALTH_LIVE);
  mark_log (f);

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"status\",\"status\":503,\"times\":-1}");
  tocsin_test_notify_assert (health_notify, 0);
  wait_until (f, has_health, GUINT_TO_POINTER (TOCSIN_HEALTH_STALE));
  tocsin_test_notify_assert (health_notify, 1);
  tocsin_test_notify_assert (stale_since_notify, 1);
  /* Since the last success, at least the threshold ago. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    g_assert_cmpint (g_date_time_difference (now, tocsin_paging_watcher_get_stale_since (f->watcher)),
                     >=, 3 * G_TIME_SPAN_SECOND - 50 * G_TIME_SPAN_MILLISECOND);
  }
  /* The window's banner tells while it is open; closing it notifies. */
  settle (500);
  calls = read_calls (f);
  g_assert_cmpuint (count_calls (calls, "Notify", NULL), ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);
  tocsin_health_notifier_set_window_open (health, FALSE);
  wait_for_call (f, "Notify", "Tocsin cannot reach Atlassian since ");

  /* An alert arrives while blind; polls keep failing for a while. */
  meanwhile = create_alert (f, "Queue backlog", "P2", NULL);
  settle (3000);
  calls = read_calls (f);
  g_assert_cmpuint (count_calls (calls, "Notify", NULL), ==, 1);
  g_assert_cmpuint (count_calls (calls, "CloseNotification", NULL), ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);
  /* Failed polls while stale are no news. */
  tocsin_test_notify_assert (health_notify, 0);
  tocsin_test_notify_assert (stale_since_notify, 0);

  before = f->refreshes;
  tocsin_test_sandbox_clear_faults (f->sb);
  wait_until (f, has_health, GUINT_TO_POINTER (TOCSIN_HEALTH_LIVE));
  wait_until (f, refreshed_since, GUINT_TO_POINTER (before));
  wait_for_call (f, "Notify", "Tocsin Reaches Atlassian Again");
  settle (1500);
  tocsin_test_notify_assert (health_notify, 1);
  tocsin_test_notify_assert (stale_since_notify, 1);

  calls = read_calls (f);
  g_assert_cmpuint (count_calls (calls, "CloseNotification", NULL), ==, 1);
  g_assert_cmpuint (count_calls (calls, "Notify", "Tocsin cannot reach"), ==, 1);
  g_assert_cmpuint (count_calls (calls, "Notify", "Tocsin Reaches Atlassian Again"), ==, 1);
  /* The summary, not a page of its own. */
  g_assert_cmpuint (count_calls (calls, "Notify", NULL), ==, 2);
  g_assert_true (pages_for (f, meanwhile));
  for (guint i = 0; i < calls->len; i++)
    {
      JsonObject *call = g_ptr_array_index (calls, i);

      if (g_str_has_prefix (json_object_get_string_member_with_default (call, "summary", ""), "Tocsin Reaches"))
        g_assert_cmpstr (json_object_get_string_member (call, "body"), ==, "1 new alert arrived meanwhile.");
    }

  tocsin_paging_watcher_set_active (f->watcher, FALSE);
}

/* Each setting notifies when its value changes and never on a set to the
 * value it has. */
static void
test_notify (Fixture      *f,
             gconstpointer data)
{
  g_autoptr(TocsinTestNotify) page_for = tocsin_test_notify_new (f->watcher, "page-for");
  g_autoptr(TocsinTestNotify) poll_interval = tocsin_test_notify_new (f->watcher, "poll-interval");
  g_autoptr(TocsinTestNotify) stale_floor = tocsin_test_notify_new (f->watcher, "stale-floor");
  g_autoptr(TocsinTestNotify) active = tocsin_test_notify_new (f->watcher, "active");
  g_autoptr(TocsinTestNotify) health = tocsin_test_notify_new (f->watcher, "health");

  tocsin_paging_watcher_set_page_for (f->watcher, tocsin_paging_watcher_get_page_for (f->watcher));
  tocsin_test_notify_assert (page_for, 0);
  tocsin_paging_watcher_set_page_for (f->watcher, TOCSIN_PAGE_FOR_ME);
  tocsin_paging_watcher_set_page_for (f->watcher, TOCSIN_PAGE_FOR_ME);
  tocsin_test_notify_assert (page_for, 1);
  tocsin_paging_watcher_set_page_for (f->watcher, TOCSIN_PAGE_FOR_EVERYTHING);
  tocsin_test_notify_assert (page_for, 1);

  tocsin_paging_watcher_set_poll_interval (f->watcher,
                                           tocsin_paging_watcher_get_poll_interval (f->watcher));
  tocsin_test_notify_assert (poll_interval, 0);
  tocsin_paging_watcher_set_poll_interval (f->watcher, 7);
  tocsin_paging_watcher_set_poll_interval (f->watcher, 7);
  tocsin_test_notify_assert (poll_interval, 1);

  tocsin_paging_watcher_set_stale_floor (f->watcher,
                                         tocsin_paging_watcher_get_stale_floor (f->watcher));
  tocsin_test_notify_assert (stale_floor, 0);
  tocsin_paging_watcher_set_stale_floor (f->watcher, 9);
  tocsin_paging_watcher_set_stale_floor (f->watcher, 9);
  tocsin_test_notify_assert (stale_floor, 1);

  tocsin_paging_watcher_set_active (f->watcher, FALSE);
  tocsin_test_notify_assert (active, 0);
  tocsin_paging_watcher_set_active (f->watcher, TRUE);
  tocsin_paging_watcher_set_active (f->watcher, TRUE);
  tocsin_test_notify_assert (active, 1);
  wait_until (f, refreshed_since, GUINT_TO_POINTER (0));
  tocsin_paging_watcher_set_active (f->watcher, FALSE);
  tocsin_test_notify_assert (active, 1);

  /* A working poll keeps the health as it was: live. */
  tocsin_test_notify_assert (health, 0);
}

/* When their owner (the application) drops them, even while polling, the
 * notifiers, the watcher and the lists it owned are all finalized: no
 * reference cycle and no callback keeps them. */
static void
test_finalize (Fixture      *f,
               gconstpointer data)
{
  TocsinHealthNotifier *health = tocsin_health_notifier_new (f->app, f->watcher, f->notifier);
  GListModel           *alerts = g_object_ref (tocsin_paging_watcher_get_alerts (f->watcher));
  TocsinAlertMonitor   *monitor = tocsin_paging_watcher_get_monitor (f->watcher);
  TocsinAlertList      *list = g_object_ref (tocsin_alert_monitor_get_model (monitor));

  g_object_add_weak_pointer (G_OBJECT (monitor), (gpointer *)&monitor);
  tocsin_paging_watcher_set_poll_interval (f->watcher, 1);
  tocsin_paging_watcher_set_active (f->watcher, TRUE);
  wait_until (f, refreshed_since, GUINT_TO_POINTER (0));
  g_assert_cmpuint (g_list_model_get_n_items (alerts), >, 0);

  g_signal_handlers_disconnect_by_data (f->watcher, f);
  g_signal_handlers_disconnect_by_data (f->watcher, f->notifier);
  g_assert_finalize_object (health);
  g_assert_finalize_object (g_steal_pointer (&f->notifier));
  g_assert_finalize_object (g_steal_pointer (&f->watcher));
  g_assert_null (monitor);
  g_assert_finalize_object (alerts);
  g_assert_finalize_object (list);
}

/* The schedule monitor the watcher reads on-call from, dropped with the
 * watcher after a refresh, is finalized with its service and its
 * TocsinScheduleList. */
static void
test_schedules_finalize (Fixture       *f,
                         gconstpointer  data)
{
  TocsinScheduleService *service = tocsin_schedule_service_new (f->client);
  TocsinScheduleMonitor *schedules = tocsin_schedule_monitor_new (service);
  TocsinScheduleList *list = g_object_ref (tocsin_schedule_monitor_get_model (schedules));
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  tocsin_schedule_monitor_set_account_id (schedules, DANA);
  tocsin_paging_watcher_set_schedule_monitor (f->watcher, schedules);
  refresh_schedules (f, schedules, now);
  g_assert_cmpuint (g_list_model_get_n_items (tocsin_schedule_list_get_my_shifts (list)), >, 0);

  g_signal_handlers_disconnect_by_data (f->watcher, f);
  g_signal_handlers_disconnect_by_data (f->watcher, f->notifier);
  g_clear_object (&f->notifier);
  g_assert_finalize_object (g_steal_pointer (&f->watcher));
  g_assert_finalize_object (schedules);
  g_assert_finalize_object (service);
  g_assert_finalize_object (list);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/paging-watcher/window-search", Fixture, NULL, set_up, test_window_search, tear_down);
  g_test_add ("/paging-watcher/on-call-teams", Fixture, NULL, set_up, test_on_call_teams, tear_down);
  g_test_add ("/paging-watcher/cached-on-call", Fixture, NULL, set_up, test_cached_on_call,
              tear_down);
  g_test_add ("/paging-watcher/stale", Fixture, NULL, set_up, test_stale, tear_down);
  g_test_add ("/paging-watcher/notify", Fixture, NULL, set_up, test_notify, tear_down);
  g_test_add ("/paging-watcher/finalize", Fixture, NULL, set_up, test_finalize, tear_down);
  g_test_add ("/paging-watcher/schedules-finalize", Fixture, NULL, set_up, test_schedules_finalize,
              tear_down);
  return g_test_run ();
}
