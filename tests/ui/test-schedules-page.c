/* test-schedules-page.c: the schedules page against tocsin-sandbox
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-clock.h"
#include "tocsin-ops-client.h"
#include "tocsin-participant-row.h"
#include "tocsin-schedule-monitor.h"
#include "tocsin-schedule-row.h"
#include "tocsin-schedule-service.h"
#include "tocsin-schedules-page.h"
#include "tocsin-shift-day.h"
#include "tocsin-shift-day-list.h"
#include "tocsin-shift-row.h"
#include "tocsin-shifts.h"
#include "tocsin-test-notify.h"
#include "tocsin-test-utils.h"
#include "tocsin-test-token-provider.h"

#define WAIT_MS 20000
#define DANA TOCSIN_TEST_SANDBOX_USER_ID

#define NO_USER_SCOPES \
  "read:ops-alert:jira-service-management write:ops-alert:jira-service-management " \
  "read:ops-config:jira-service-management offline_access"

/* Fixture: a sandbox, a signed-in monitor, and the page in a window inside an
 * AdwViewStack like the real one. */

typedef struct
{
  TocsinTestSandbox     *sb;
  TestTokenProvider     *provider;
  TocsinOpsClient       *client;
  TocsinScheduleService *service;
  TocsinScheduleMonitor *monitor;
  GtkWindow             *window;
  TocsinSchedulesPage   *page;
  guint                  refreshed;
} Fixture;

static void
on_refreshed_cb (TocsinScheduleMonitor *monitor,
                 Fixture               *f)
{
  f->refreshed++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  AdwViewStack *stack;

  f->sb = tocsin_test_sandbox_start (NULL);
  /* @data: the scopes to sign in with, NULL for all. */
  f->provider = test_token_provider_new (f->sb, data);
  f->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                     tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                     TOCSIN_TOKEN_PROVIDER (f->provider), &error);
  g_assert_no_error (error);
  tocsin_ops_client_set_retry_policy (f->client, 0, 10, 10);
  tocsin_ops_client_set_timeout (f->client, 10);
  f->service = tocsin_schedule_service_new (f->client);
  f->monitor = tocsin_schedule_monitor_new (f->service);
  g_signal_connect (f->monitor, "refreshed", G_CALLBACK (on_refreshed_cb), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (f->window, "Schedules");
  gtk_window_set_default_size (f->window, 1280, 800);
  stack = ADW_VIEW_STACK (adw_view_stack_new ());
  f->page = g_object_new (TOCSIN_TYPE_SCHEDULES_PAGE, NULL);
  adw_view_stack_add_titled (stack, GTK_WIDGET (f->page), "schedules", "Schedules");
  gtk_window_set_child (f->window, GTK_WIDGET (stack));
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->window != NULL)
    {
      tocsin_schedules_page_set_monitor (f->page, NULL);
      gtk_window_destroy (f->window);
      tocsin_test_spin (50);
    }
  tocsin_schedule_monitor_set_active (f->monitor, FALSE);
  g_clear_object (&f->monitor);
  g_clear_object (&f->service);
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  tocsin_test_sandbox_stop (f->sb);
}

/* Helpers */

static GtkWidget *
find (Fixture    *f,
      const char *id)
{
  GtkWidget *widget = tocsin_test_find_by_id (GTK_WIDGET (f->page), id);

  g_assert_nonnull (widget);
  return widget;
}

static const char *
state (Fixture *f)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (find (f, "state_stack")));
}

static gboolean
refreshed_once (gpointer data)
{
  Fixture *f = data;

  return f->refreshed > 0;
}

static void
wait_loaded (Fixture *f)
{
  g_assert_true (tocsin_test_wait_until (refreshed_once, f, WAIT_MS));
  tocsin_test_spin (200);
}

static const char *
label_text (GtkWidget  *root,
            const char *id)
{
  GtkWidget *label = tocsin_test_find_by_id (root, id);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static GPtrArray *
rows_of (GtkWidget *list)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  g_assert_true (GTK_IS_LIST_BOX (list));
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i)) != NULL; i++)
    g_ptr_array_add (rows, row);
  return rows;
}

/* What the sandbox answers over HTTP: every schedule, following the pages. */
static GPtrArray *
sandbox_schedules (Fixture *f)
{
  GPtrArray *schedules = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);

  for (guint offset = 0;; offset += 50)
    {
      g_autofree char *rest = g_strdup_printf ("schedules?offset=%u&size=50", offset);
      g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
      g_autoptr(JsonNode) reply = NULL;
      JsonObject *links;
      JsonArray *values;
      guint status = 0;

      reply = tocsin_test_sandbox_api (f->sb, "GET", path, f->provider->token, NULL, &status);
      g_assert_cmpuint (status, ==, 200);
      values = json_object_get_array_member (json_node_get_object (reply), "values");
      for (guint i = 0; i < json_array_get_length (values); i++)
        g_ptr_array_add (schedules, json_object_ref (json_array_get_object_element (values, i)));
      links = json_object_get_object_member (json_node_get_object (reply), "links");
      if (json_array_get_length (values) == 0 || links == NULL || !json_object_has_member (links, "next"))
        break;
    }

  return schedules;
}

/* The account ids of the users on call now in @schedule_id, over HTTP. */
static GPtrArray *
sandbox_on_call_ids (Fixture    *f,
                     const char *schedule_id)
{
  g_autofree char *rest = g_strdup_printf ("schedules/%s/on-calls?flat=true", schedule_id);
  g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
  g_autoptr(JsonNode) reply = NULL;
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
  JsonArray *users;
  guint status = 0;

  reply = tocsin_test_sandbox_api (f->sb, "GET", path, f->provider->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  users = json_object_get_array_member (json_node_get_object (reply), "onCallUsers");
  for (guint i = 0; i < json_array_get_length (users); i++)
    g_ptr_array_add (ids, g_strdup (json_array_get_string_element (users, i)));
  return ids;
}

/* Display names of the users on call now in @schedule_id, over HTTP. */
static GPtrArray *
sandbox_on_call_names (Fixture    *f,
                       const char *schedule_id)
{
  g_autofree char *rest = g_strdup_printf ("schedules/%s/on-calls?flat=true", schedule_id);
  g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
  g_autoptr(JsonNode) reply = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  JsonArray *users;
  guint status = 0;

  reply = tocsin_test_sandbox_api (f->sb, "GET", path, f->provider->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  users = json_object_get_array_member (json_node_get_object (reply), "onCallUsers");
  for (guint i = 0; i < json_array_get_length (users); i++)
    {
      const char *id = json_array_get_string_element (users, i);
      g_autofree char *user_path = g_strdup_printf ("/ex/jira/%s/rest/api/3/user/bulk?accountId=%s",
                                                    tocsin_test_sandbox_get_cloud_id (f->sb, 0), id);
      g_autoptr(JsonNode) user_reply = tocsin_test_sandbox_api (f->sb, "GET", user_path, f->provider->token,
                                                                NULL, &status);
      JsonArray *values;

      g_assert_cmpuint (status, ==, 200);
      values = json_object_get_array_member (json_node_get_object (user_reply), "values");
      g_assert_cmpuint (json_array_get_length (values), ==, 1);
      g_ptr_array_add (names, g_strdup (json_object_get_string_member (json_array_get_object_element (values, 0),
                                                                       "displayName")));
    }

  return names;
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* Checks @box holds one heading per day of @days, in order, each followed
 * by a list with that day's shifts as TocsinShiftRow, all starting on that
 * local day. Returns the number of shift rows; counts current ones. */
static guint
check_day_groups (GtkWidget  *box,
                  GListModel *days,
                  guint      *n_current)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GtkWidget *child = gtk_widget_get_first_child (box);
  GDateTime *previous = NULL;
  guint n_rows = 0;

  *n_current = 0;
  for (guint i = 0; i < g_list_model_get_n_items (days); i++)
    {
      g_autoptr(TocsinShiftDay) day = g_list_model_get_item (days, i);
      g_autofree char *label = tocsin_shift_day_get_label (day);
      GListModel *shifts = tocsin_shift_day_get_shifts (day);
      g_autoptr(GPtrArray) rows = NULL;

      /* One heading per local day, in order. */
      g_assert_true (GTK_IS_LABEL (child));
      g_assert_true (g_str_has_suffix (gtk_label_get_text (GTK_LABEL (child)), label));
      if (previous != NULL)
        g_assert_cmpint (g_date_time_compare (previous, tocsin_shift_day_get_day (day)), <, 0);
      previous = tocsin_shift_day_get_day (day);

      child = gtk_widget_get_next_sibling (child);
      rows = rows_of (child);
      g_assert_cmpuint (rows->len, ==, g_list_model_get_n_items (shifts));
      g_assert_cmpuint (rows->len, >, 0);
      for (guint j = 0; j < rows->len; j++)
        {
          TocsinShiftRow *row = g_ptr_array_index (rows, j);
          TocsinShift *shift = tocsin_shift_row_get_shift (row);
          g_autoptr(GDateTime) start = tocsin_shift_get_start (shift);
          g_autoptr(GDateTime) local_start = g_date_time_to_timezone (start,
                                                                      g_date_time_get_timezone (tocsin_shift_day_get_day (day)));

          g_assert_true (TOCSIN_IS_SHIFT_ROW (row));
          g_assert_true (same_day (local_start, tocsin_shift_day_get_day (day)));
          g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
          /* The current shift is highlighted, the others are not. */
          g_assert_cmpint (tocsin_shift_row_get_current (row), ==, tocsin_shift_contains (shift, now));
          g_assert_cmpint (gtk_widget_has_css_class (GTK_WIDGET (row), "current"), ==, tocsin_shift_contains (shift, now));
          if (tocsin_shift_row_get_current (row))
            (*n_current)++;
          n_rows++;
        }
      child = gtk_widget_get_next_sibling (child);
    }

  /* Nothing else in the box. */
  g_assert_null (child);
  return n_rows;
}

static gboolean
transitions_done (gpointer data)
{
  Fixture *f = data;

  return !gtk_stack_get_transition_running (GTK_STACK (find (f, "state_stack"))) &&
         !gtk_stack_get_transition_running (GTK_STACK (find (f, "details_stack"))) &&
         !adw_leaflet_get_child_transition_running (ADW_LEAFLET (find (f, "leaflet")));
}

/* A screenshot after the crossfades and slides have finished. */
static char *
screenshot (Fixture    *f,
            const char *name)
{
  const char *lang = g_getenv ("LANGUAGE");
  g_autofree char *full = NULL;
  char *path;

  g_assert_true (tocsin_test_wait_until (transitions_done, f, WAIT_MS));
  tocsin_test_spin (100);
  full = lang != NULL && *lang != '\0' ? g_strdup_printf ("%s-%s", name, lang) : g_strdup (name);
  path = tocsin_test_save_screenshot (GTK_WIDGET (f->window), full);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  return path;
}

static gboolean
leaflet_folded (gpointer data)
{
  Fixture *f = data;

  return adw_leaflet_get_folded (ADW_LEAFLET (find (f, "leaflet")));
}

/* Tests */

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) participant_rows = NULL;
  g_autoptr(GPtrArray) all_shifts = NULL;
  g_autoptr(GPtrArray) dana_shifts = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *expected_summary = NULL;
  g_autofree char *shot = NULL;
  TocsinScheduleList *list = tocsin_schedule_monitor_get_model (f->monitor);
  TocsinSchedule *selected;
  GListModel *my_shifts;
  guint n_current = 0, n_rows_7, n_days_7, n_rows_14, n_my_rows;
  gboolean expected_on_call = FALSE;

  g_assert_cmpstr (state (f), ==, "none");
  tocsin_schedules_page_set_monitor (f->page, f->monitor);
  g_assert_true (tocsin_schedules_page_get_monitor (f->page) == f->monitor);
  wait_loaded (f);
  g_assert_null (tocsin_schedule_monitor_get_error (f->monitor));
  g_assert_cmpstr (state (f), ==, "content");

  /* The sidebar lists what the sandbox returns over HTTP, in its order. */
  expected = sandbox_schedules (f);
  g_assert_cmpuint (expected->len, >, 1);
  rows = rows_of (find (f, "schedule_list"));
  g_assert_cmpuint (rows->len, ==, expected->len);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      JsonObject *obj = g_ptr_array_index (expected, i);
      gboolean enabled = json_object_get_boolean_member_with_default (obj, "enabled", TRUE);

      g_assert_true (TOCSIN_IS_SCHEDULE_ROW (row));
      g_assert_cmpstr (label_text (row, "name_label"), ==, json_object_get_string_member (obj, "name"));
      g_assert_true (strstr (label_text (row, "info_label"), json_object_get_string_member (obj, "timezone")) != NULL);
      /* Disabled schedules are dimmed and tagged. */
      g_assert_cmpint (gtk_widget_has_css_class (tocsin_test_find_by_id (row, "content"), "dim-label"), ==, !enabled);
      g_assert_cmpint (gtk_widget_get_visible (tocsin_test_find_by_id (row, "disabled_tag")), ==, !enabled);
    }

  /* The first schedule is shown; who is on call there is who the sandbox
   * says, by name. */
  selected = tocsin_schedules_page_get_selected (f->page);
  g_assert_nonnull (selected);
  g_assert_cmpstr (tocsin_schedule_get_id (selected), ==,
                   json_object_get_string_member (g_ptr_array_index (expected, 0), "id"));
  g_assert_cmpstr (label_text (GTK_WIDGET (f->page), "schedule_title"), ==, tocsin_schedule_get_name (selected));
  names = sandbox_on_call_names (f, tocsin_schedule_get_id (selected));
  g_assert_cmpuint (names->len, >, 0);
  participant_rows = rows_of (find (f, "on_call_now_list"));
  for (guint i = 0; i < names->len; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < participant_rows->len; j++)
        seen |= g_strcmp0 (label_text (g_ptr_array_index (participant_rows, j), "name_label"),
                           g_ptr_array_index (names, i)) == 0;
      g_assert_true (seen);
      g_assert_nonnull (strstr (label_text (g_ptr_array_index (rows, 0), "on_call_label"), g_ptr_array_index (names, i)));
    }

  /* Shifts: one heading per local day, in order, rows under their day. */
  n_rows_7 = check_day_groups (find (f, "shift_days_box"), tocsin_schedule_get_shift_days (selected), &n_current);
  n_days_7 = g_list_model_get_n_items (tocsin_schedule_get_shift_days (selected));
  g_assert_cmpuint (n_days_7, >=, 2);
  g_assert_cmpuint (n_days_7, <=, 8);
  g_assert_cmpuint (n_current, >=, 1);
  shot = screenshot (f, "schedules-page-wide");

  /* 14 days: the schedule's model follows the toggle and the page follows it. */
  /* An activated button emits "clicked" after its 250 ms press animation. */
  gtk_widget_activate (find (f, "days_14_button"));
  tocsin_test_spin (500);
  g_assert_cmpuint (tocsin_schedule_get_shift_window_days (selected), ==, 14);
  n_rows_14 = check_day_groups (find (f, "shift_days_box"), tocsin_schedule_get_shift_days (selected), &n_current);
  g_assert_cmpuint (g_list_model_get_n_items (tocsin_schedule_get_shift_days (selected)), >, n_days_7);
  g_assert_cmpuint (n_rows_14, >, n_rows_7);
  gtk_widget_activate (find (f, "days_7_button"));
  tocsin_test_spin (500);
  g_assert_cmpuint (tocsin_schedule_get_shift_window_days (selected), ==, 7);

  /* "My shifts" for Dana: the indicator is what her shifts across all
   * schedules give, recomputed here from the schedules' own shifts. */
  g_assert_cmpstr (tocsin_schedule_list_get_account_id (list), ==, DANA);
  all_shifts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(TocsinSchedule) schedule = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GPtrArray) shifts = tocsin_schedule_dup_shifts (schedule);

      g_ptr_array_extend_and_steal (all_shifts, g_steal_pointer (&shifts));
    }
  now = g_date_time_new_now_utc ();
  dana_shifts = tocsin_shifts_for_user (all_shifts, DANA, now);
  g_assert_cmpuint (dana_shifts->len, >, 0);
  expected_summary = tocsin_shifts_format_summary (dana_shifts, now, NULL, &expected_on_call);
  g_assert_nonnull (expected_summary);
  g_assert_cmpstr (tocsin_schedules_page_get_indicator (f->page), ==, expected_summary);
  g_assert_cmpstr (tocsin_schedules_page_get_indicator (f->page), ==, tocsin_schedule_list_get_summary (list));
  g_assert_cmpint (tocsin_schedules_page_get_on_call (f->page), ==, expected_on_call);
  g_assert_cmpstr (label_text (GTK_WIDGET (f->page), "indicator_label"), ==, expected_summary);
  g_assert_true (gtk_widget_get_mapped (find (f, "indicator_label")));
  g_assert_cmpstr (label_text (GTK_WIDGET (f->page), "my_shifts_subtitle"), ==, expected_summary);

  /* The "my shifts" view: Dana's shifts, by day. */
  tocsin_schedules_page_show_my_shifts (f->page);
  tocsin_test_spin (100);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (find (f, "details_stack"))), ==, "my-shifts");
  g_assert_null (tocsin_schedules_page_get_selected (f->page));
  my_shifts = tocsin_schedule_list_get_my_shifts (list);
  {
    g_autoptr(GPtrArray) mine = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(GListModel) my_days = NULL;
    GTimeZone *zone;

    for (guint i = 0; i < g_list_model_get_n_items (my_shifts); i++)
      g_ptr_array_add (mine, g_list_model_get_item (my_shifts, i));
    g_assert_cmpuint (mine->len, ==, dana_shifts->len);
    zone = tocsin_shift_get_local_zone (g_ptr_array_index (mine, 0));
    my_days = tocsin_shifts_group_by_day (mine, zone);
    n_my_rows = check_day_groups (find (f, "my_shift_days_box"), my_days, &n_current);
    g_assert_cmpuint (n_my_rows, ==, mine->len);
    g_assert_cmpint (n_current > 0, ==, expected_on_call);
  }
  g_clear_pointer (&shot, g_free);
  shot = screenshot (f, "schedules-page-my-shifts");

  /* Back to a schedule: the disabled one, to see it dimmed in the shot. */
  for (guint i = 0; i < expected->len; i++)
    if (!json_object_get_boolean_member_with_default (g_ptr_array_index (expected, i), "enabled", TRUE))
      {
        tocsin_schedules_page_select_schedule (f->page, json_object_get_string_member (g_ptr_array_index (expected, i),
                                                                                      "id"));
        tocsin_test_spin (100);
        g_assert_true (gtk_widget_get_visible (find (f, "schedule_disabled_tag")));
      }
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  AdwLeaflet *leaflet;
  g_autofree char *shot = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  TocsinSchedule *schedule;

  gtk_window_set_default_size (f->window, 380, 760);
  tocsin_schedules_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  g_assert_true (tocsin_test_wait_until (leaflet_folded, f, WAIT_MS));
  leaflet = ADW_LEAFLET (find (f, "leaflet"));

  /* Stacked: the list first. */
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
  tocsin_test_spin (200);
  shot = screenshot (f, "schedules-page-narrow-list");

  /* Activating a row shows its details with a way back. */
  rows = rows_of (find (f, "schedule_list"));
  g_assert_cmpuint (rows->len, >, 1);
  schedule = tocsin_schedule_row_get_schedule (g_ptr_array_index (rows, 1));
  gtk_list_box_select_row (GTK_LIST_BOX (find (f, "schedule_list")), g_ptr_array_index (rows, 1));
  g_signal_emit_by_name (find (f, "schedule_list"), "row-activated", g_ptr_array_index (rows, 1));
  tocsin_test_spin (600);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "details");
  g_assert_true (tocsin_schedules_page_get_selected (f->page) == schedule);
  g_assert_true (gtk_widget_get_mapped (find (f, "back_button")));
  g_assert_cmpstr (label_text (GTK_WIDGET (f->page), "details_header_label"), ==, tocsin_schedule_get_name (schedule));
  g_clear_pointer (&shot, g_free);
  shot = screenshot (f, "schedules-page-narrow-details");

  gtk_widget_activate (find (f, "back_button"));
  tocsin_test_spin (600);
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), ==, "sidebar");
}

static gboolean
in_state (gpointer data)
{
  gpointer *args = data;

  return g_strcmp0 (state (args[0]), args[1]) == 0;
}

typedef struct
{
  Fixture *f;
  guint    before;
} RefreshWait;

static gboolean
refreshed_after (gpointer data)
{
  RefreshWait *wait = data;

  return wait->f->refreshed != wait->before;
}

static void
test_error_and_retry (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *shot = NULL;
  gpointer args[2] = { f, NULL };
  GtkWidget *error_page;
  GtkWidget *retry;
  guint before;
  RefreshWait refresh_wait;

  /* Every schedules request fails until cleared. */
  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"status\",\"status\":500,\"times\":-1}");
  tocsin_schedules_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  g_assert_nonnull (tocsin_schedule_monitor_get_error (f->monitor));
  /* Without schedules from an earlier refresh: the error page with Retry
   * (or "offline" when the machine has no network at all). */
  g_assert_true (g_str_equal (state (f), "error") || g_str_equal (state (f), "offline"));
  error_page = find (f, g_str_equal (state (f), "error") ? "error_page" : "offline_page");
  if (g_str_equal (state (f), "error"))
    g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (error_page)), ==,
                     tocsin_schedule_monitor_get_error (f->monitor)->message);
  shot = screenshot (f, "schedules-page-error");

  /* Retry asks the monitor again; with the fault gone the list appears. */
  tocsin_test_sandbox_clear_faults (f->sb);
  retry = tocsin_test_find_button (error_page, _("_Retry"));
  g_assert_nonnull (retry);
  before = f->refreshed;
  gtk_widget_activate (retry);
  args[1] = (gpointer) "content";
  g_assert_true (tocsin_test_wait_until (in_state, args, WAIT_MS));
  g_assert_cmpuint (f->refreshed, >, before);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (find (f, "banner_revealer"))));

  /* A later failure keeps the list and says so in a banner. */
  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"status\",\"status\":500,\"times\":-1}");
  before = f->refreshed;
  tocsin_schedule_monitor_refresh (f->monitor);
  refresh_wait = (RefreshWait) { f, before };
  g_assert_true (tocsin_test_wait_until (refreshed_after, &refresh_wait, WAIT_MS));
  tocsin_test_spin (50);
  g_assert_cmpstr (state (f), ==, "content");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (find (f, "banner_revealer"))));
  tocsin_test_sandbox_clear_faults (f->sb);
}

/* The first shift row of the first day in @box. */
static GtkListBoxRow *
first_shift_row (GtkWidget *box)
{
  GtkWidget *first_list = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));

  g_assert_true (GTK_IS_LIST_BOX (first_list));
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (first_list), 0);
}

/* Walks @participants depth first, as the on-call lists show them: each
 * row is the next participant, indented by its depth. */
static void
check_participant_rows (GPtrArray  *rows,
                        guint      *index,
                        GListModel *participants,
                        guint       depth)
{
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(TocsinParticipant) participant = g_list_model_get_item (participants, i);
      TocsinParticipantRow *row;

      g_assert_cmpuint (*index, <, rows->len);
      row = g_ptr_array_index (rows, (*index)++);
      g_assert_true (TOCSIN_IS_PARTICIPANT_ROW (row));
      g_assert_true (tocsin_participant_row_get_participant (row) == participant);
      g_assert_cmpuint (tocsin_participant_row_get_depth (row), ==, depth);
      check_participant_rows (rows, index, tocsin_participant_get_participants (participant),
                              depth + 1);
    }
}

static void
check_on_call_now (Fixture        *f,
                   TocsinSchedule *schedule)
{
  g_autoptr(GPtrArray) rows = rows_of (find (f, "on_call_now_list"));
  guint index = 0;

  check_participant_rows (rows, &index, tocsin_schedule_get_on_call_now (schedule), 0);
  g_assert_cmpuint (index, ==, rows->len);
}

/* A refresh that changes what a shift row shows gives the row already on
 * screen the new data instead of making a new one; the on-call lists
 * follow their participants. */
static void
test_rows_in_place (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autoptr(TocsinShift) before = NULL;
  g_autoptr(TocsinShiftDay) day = NULL;
  g_autoptr(TocsinShift) first = NULL;
  g_autofree char *time_before = NULL;
  g_autoptr(TocsinTestNotify) shift_notify = NULL;
  TocsinSchedule *selected;
  GtkListBoxRow *row;
  GtkWidget *box;
  RefreshWait refresh_wait;
  guint n_current;

  tocsin_schedule_monitor_set_now (f->monitor, now);
  tocsin_schedules_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  g_assert_cmpstr (state (f), ==, "content");
  selected = tocsin_schedules_page_get_selected (f->page);
  g_assert_nonnull (selected);
  check_on_call_now (f, selected);

  box = find (f, "shift_days_box");
  row = first_shift_row (box);
  g_assert_true (TOCSIN_IS_SHIFT_ROW (row));
  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *)&row);
  before = g_object_ref (tocsin_shift_row_get_shift (TOCSIN_SHIFT_ROW (row)));
  time_before = g_strdup (label_text (GTK_WIDGET (row), "time_label"));

  /* Three days on, the first day and its first shift are others. */
  tocsin_schedule_monitor_set_now (f->monitor, later);
  refresh_wait = (RefreshWait){ f, f->refreshed };
  tocsin_schedule_monitor_refresh (f->monitor);
  g_assert_true (tocsin_test_wait_until (refreshed_after, &refresh_wait, WAIT_MS));
  tocsin_test_spin (50);

  g_assert_true (tocsin_schedules_page_get_selected (f->page) == selected);
  day = g_list_model_get_item (tocsin_schedule_get_shift_days (selected), 0);
  first = g_list_model_get_item (tocsin_shift_day_get_shifts (day), 0);
  g_assert_false (first == before);
  /* The same widget, now showing the new first shift. */
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_first_child (box) != NULL);
  g_assert_true (tocsin_shift_row_get_shift (TOCSIN_SHIFT_ROW (row)) == first);
  g_assert_cmpstr (label_text (GTK_WIDGET (row), "time_label"), !=, time_before);
  g_assert_true (row == first_shift_row (box));
  /* And the whole box matches the new days. */
  check_day_groups (box, tocsin_schedule_get_shift_days (selected), &n_current);
  check_on_call_now (f, selected);

  /* The row's shift notifies only when it changes, and the row shows it. */
  shift_notify = tocsin_test_notify_new (row, "shift");
  tocsin_shift_row_set_shift (TOCSIN_SHIFT_ROW (row), first);
  tocsin_test_notify_assert (shift_notify, 0);
  tocsin_shift_row_set_shift (TOCSIN_SHIFT_ROW (row), before);
  tocsin_test_notify_assert (shift_notify, 1);
  g_assert_cmpstr (label_text (GTK_WIDGET (row), "time_label"), ==, time_before);

  g_object_remove_weak_pointer (G_OBJECT (row), (gpointer *) &row);
}

static void
test_no_monitor (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;

  /* Nothing to show, and nothing to refresh. */
  g_assert_cmpstr (state (f), ==, "none");
  g_assert_null (tocsin_schedules_page_get_indicator (f->page));

  /* Shown, then taken away (signed out): the rows go too. */
  tocsin_schedules_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  g_assert_cmpstr (state (f), ==, "content");
  g_assert_nonnull (tocsin_schedules_page_get_indicator (f->page));
  g_object_set (f->page, "monitor", NULL, NULL);
  g_assert_cmpstr (state (f), ==, "none");
  rows = rows_of (find (f, "schedule_list"));
  g_assert_cmpuint (rows->len, ==, 0);
  g_assert_null (tocsin_schedules_page_get_indicator (f->page));
  g_assert_null (tocsin_schedules_page_get_selected (f->page));
}

static void
test_ids_without_user_scope (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  TocsinSchedule *selected;
  g_autofree char *shot = NULL;

  tocsin_schedules_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  g_assert_cmpstr (state (f), ==, "content");
  g_assert_false (tocsin_schedule_list_get_names_available (tocsin_schedule_monitor_get_model (f->monitor)));

  /* Without read:jira-user the account ids stand in for names, and say so. */
  selected = tocsin_schedules_page_get_selected (f->page);
  g_assert_nonnull (selected);
  ids = sandbox_on_call_ids (f, tocsin_schedule_get_id (selected));
  g_assert_cmpuint (ids->len, >, 0);
  rows = rows_of (find (f, "on_call_now_list"));
  for (guint i = 0; i < ids->len; i++)
    {
      gboolean seen = FALSE;

      for (guint j = 0; j < rows->len; j++)
        if (g_strcmp0 (label_text (g_ptr_array_index (rows, j), "name_label"), g_ptr_array_index (ids, i)) == 0)
          {
            seen = TRUE;
            g_assert_cmpstr (label_text (g_ptr_array_index (rows, j), "caption_label"), ==,
                             _("Account ID (name not available)"));
          }
      g_assert_true (seen);
    }

  /* Who is signed in is unknown too (no /myself): no indicator, and the
   * "my shifts" view says why it is empty. */
  g_assert_null (tocsin_schedules_page_get_indicator (f->page));
  g_assert_false (gtk_widget_get_visible (find (f, "indicator_bar")));
  tocsin_schedules_page_show_my_shifts (f->page);
  tocsin_test_spin (100);
  g_assert_true (gtk_widget_get_mapped (find (f, "my_shifts_empty_label")));
  g_assert_cmpstr (label_text (GTK_WIDGET (f->page), "my_shifts_empty_label"), ==,
                   _("Your shifts cannot be shown because it is not known who is signed in."));
  shot = screenshot (f, "schedules-page-no-names");
}

static void
load_css (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  /* AdwApplication loads this by itself; these tests have no application. */
  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* Every widget type the page builds rows from, one of each found live. */
static void
collect_rows (GtkWidget *widget,
              GPtrArray *found)
{
  GType types [] = { TOCSIN_TYPE_SCHEDULE_ROW, TOCSIN_TYPE_SHIFT_ROW, TOCSIN_TYPE_PARTICIPANT_ROW,
                     TOCSIN_TYPE_SHIFT_DAY_LIST };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (widget, types [i]) && g_ptr_array_index (found, i) == NULL)
      g_ptr_array_index (found, i) = widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, found);
}

static gboolean
all_gone (gpointer user_data)
{
  GPtrArray *found = user_data;

  for (guint i = 0; i < found->len; i++)
    if (g_ptr_array_index (found, i) != NULL)
      return FALSE;
  return TRUE;
}

/* The rows, the day list and the page go away with their window: nothing
 * (a binding, a signal, a model item) keeps one alive. */
static void
test_rows_finalized (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  TocsinSchedulesPage *page = g_object_ref (f->page);

  g_ptr_array_set_size (found, 4);
  tocsin_schedules_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  g_assert_cmpstr (state (f), ==, "content");
  collect_rows (GTK_WIDGET (f->window), found);
  for (guint i = 0; i < found->len; i++)
    {
      g_assert_nonnull (g_ptr_array_index (found, i));
      g_object_add_weak_pointer (g_ptr_array_index (found, i), &found->pdata[i]);
    }

  tocsin_schedules_page_set_monitor (f->page, NULL);
  gtk_window_destroy (f->window);
  f->window = NULL;
  f->page = NULL;
  tocsin_test_spin (50);
  /* Ours was the last reference to the page; its rows go with it. */
  g_assert_finalize_object (page);
  g_assert_true (tocsin_test_wait_until (all_gone, found, WAIT_MS));
}

/* At midnight the page asks again, so "Today" is the new today. */
static void
test_new_day (Fixture       *f,
              gconstpointer  data)
{
  RefreshWait refresh_wait;

  tocsin_schedules_page_set_monitor (f->page, f->monitor);
  wait_loaded (f);
  refresh_wait = (RefreshWait){ f, f->refreshed };
  g_signal_emit_by_name (tocsin_clock_get_default (), "day");
  g_assert_true (tocsin_test_wait_until (refreshed_after, &refresh_wait, WAIT_MS));
}

int
main (int   argc,
      char *argv[])
{
  tocsin_test_init (&argc, &argv);
  adw_init ();
  load_css ();

#define ADD(path, func) g_test_add ("/schedules-page/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("list", test_list);
  g_test_add ("/schedules-page/ids-without-user-scope", Fixture, NO_USER_SCOPES,
              fixture_setup, test_ids_without_user_scope, fixture_teardown);
  ADD ("narrow", test_narrow);
  ADD ("error-and-retry", test_error_and_retry);
  ADD ("no-monitor", test_no_monitor);
  ADD ("rows-in-place", test_rows_in_place);
  ADD ("rows-finalized", test_rows_finalized);
  ADD ("new-day", test_new_day);
#undef ADD

  return g_test_run ();
}
