/* test-alert-actions.c: one typed action on several alerts, against tocsin-sandbox
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-alert-monitor.h"
#include "tocsin-test-token-provider.h"

typedef struct
{
  TocsinTestSandbox  *sb;
  TestTokenProvider  *provider;
  TocsinOpsClient    *client;
  TocsinAlertMonitor *monitor;
} Fixture;

typedef struct
{
  gboolean     done;
  gboolean     ok;
  guint        n_failed;
  TocsinAlert *first_failed;
  GError      *error;
} Result;

static void
result_clear (Result *r)
{
  g_clear_object (&r->first_failed);
  g_clear_error (&r->error);
  *r = (Result) { 0 };
}

static void
on_loading_cb (GObject    *object,
               GParamSpec *pspec,
               gboolean   *done)
{
  if (!tocsin_alert_monitor_get_loading (TOCSIN_ALERT_MONITOR (object)))
    *done = TRUE;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *unacked = tocsin_alert_preset_query (TOCSIN_ALERT_PRESET_UNACKNOWLEDGED);
  gboolean done = FALSE;
  gulong id;

  f->sb = tocsin_test_sandbox_start ("--action-delay-ms", "100", NULL);
  f->provider = test_token_provider_new (f->sb, NULL);
  f->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                     tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                     TOCSIN_TOKEN_PROVIDER (f->provider), NULL);
  tocsin_ops_client_set_retry_policy (f->client, 0, 10, 10);
  f->monitor = tocsin_alert_monitor_new (f->client);
  tocsin_alert_monitor_set_query (f->monitor, unacked);

  id = g_signal_connect (f->monitor, "notify::loading", G_CALLBACK (on_loading_cb), &done);
  tocsin_alert_monitor_refresh (f->monitor);
  test_wait_for (&done);
  g_signal_handler_disconnect (f->monitor, id);
  g_assert_null (tocsin_alert_monitor_get_error (f->monitor));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->monitor);
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  tocsin_test_sandbox_stop (f->sb);
}

static void
action_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  r->ok = tocsin_alert_monitor_run_action_finish (TOCSIN_ALERT_MONITOR (source), result,
                                                  &r->n_failed, &r->first_failed, &r->error);
  r->done = TRUE;
}

/* The first @n alerts of the monitor's list (new references). */
static GPtrArray *
first_alerts (Fixture *f,
              guint    n)
{
  GListModel *list = G_LIST_MODEL (tocsin_alert_monitor_get_list (f->monitor));
  GPtrArray *alerts = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpuint (g_list_model_get_n_items (list), >=, n);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (alerts, g_list_model_get_item (list, i));
  return alerts;
}

static JsonObject *
server_alert (Fixture     *f,
              TocsinAlert *alert)
{
  g_autofree char *rest = g_strconcat ("alerts/", tocsin_alert_get_id (alert), NULL);
  g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = tocsin_test_sandbox_api (f->sb, "GET", path, f->provider->token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_ref (json_node_get_object (reply));
}

static void
add_fault (Fixture     *f,
           TocsinAlert *alert,
           const char  *suffix)
{
  g_autofree char *rest = g_strdup_printf ("alerts/%s/%s", tocsin_alert_get_id (alert), suffix);
  g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, rest);
  g_autofree char *fault = NULL;

  fault = g_strdup_printf ("{\"path\":\"%s\",\"kind\":\"status\",\"status\":409}", path);

  tocsin_test_sandbox_add_fault (f->sb, fault);
}

/* Four alerts, the second and fourth refused: the two others are
 * acknowledged on the server, the refused ones are rolled back, and the
 * result names the first refused alert, the count and the server's error. */
static void
test_mixed (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) alerts = first_alerts (f, 4);
  g_autoptr(TocsinAlertAction) action = tocsin_alert_action_new (TOCSIN_ALERT_ACTION_ACKNOWLEDGE);
  Result r = { 0 };

  add_fault (f, g_ptr_array_index (alerts, 1), "acknowledge");
  add_fault (f, g_ptr_array_index (alerts, 3), "acknowledge");
  tocsin_alert_monitor_run_action_async (f->monitor, alerts, action, NULL, action_cb, &r);
  for (guint i = 0; i < alerts->len; i++)
    {
      g_assert_true (tocsin_alert_get_pending (g_ptr_array_index (alerts, i)));
      g_assert_true (tocsin_alert_get_acknowledged (g_ptr_array_index (alerts, i)));
    }
  test_wait_for (&r.done);

  g_assert_false (r.ok);
  g_assert_error (r.error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_CONFLICT);
  g_assert_cmpuint (r.n_failed, ==, 2);
  g_assert_true (r.first_failed == g_ptr_array_index (alerts, 1));
  for (guint i = 0; i < alerts->len; i++)
    {
      TocsinAlert *alert = g_ptr_array_index (alerts, i);
      g_autoptr(JsonObject) server = server_alert (f, alert);
      gboolean refused = i % 2 == 1;

      g_assert_false (tocsin_alert_get_pending (alert));
      g_assert_cmpint (json_object_get_boolean_member (server, "acknowledged"), ==, !refused);
      g_assert_cmpint (tocsin_alert_get_acknowledged (alert), ==, !refused);
    }
  result_clear (&r);
}

/* The typed values reach the server as the API's fields. */
static void
test_typed (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) alerts = first_alerts (f, 2);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) until = g_date_time_add_hours (now, 2);
  g_autoptr(TocsinAlertAction) snooze = tocsin_alert_action_new_snooze (until);
  g_autoptr(TocsinAlertAction) priority = tocsin_alert_action_new_set_priority (2);
  Result r = { 0 };

  g_assert_cmpint (tocsin_alert_action_get_kind (snooze), ==, TOCSIN_ALERT_ACTION_SNOOZE);
  tocsin_alert_monitor_run_action_async (f->monitor, alerts, snooze, NULL, action_cb, &r);
  test_wait_for (&r.done);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (r.n_failed, ==, 0);
  g_assert_null (r.first_failed);
  result_clear (&r);

  tocsin_alert_monitor_run_action_async (f->monitor, alerts, priority, NULL, action_cb, &r);
  test_wait_for (&r.done);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  result_clear (&r);

  for (guint i = 0; i < alerts->len; i++)
    {
      g_autoptr(JsonObject) server = server_alert (f, g_ptr_array_index (alerts, i));
      const char *snoozed_until = json_object_get_string_member (server, "snoozedUntil");
      g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 (snoozed_until, NULL);

      g_assert_true (json_object_get_boolean_member (server, "snoozed"));
      g_assert_nonnull (end);
      g_assert_cmpint (g_date_time_to_unix (end), ==, g_date_time_to_unix (until));
      g_assert_cmpstr (json_object_get_string_member (server, "priority"), ==, "P2");
    }
}

/* Cancelled: the result says so, and no failure is counted. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) alerts = first_alerts (f, 3);
  g_autoptr(TocsinAlertAction) action = tocsin_alert_action_new (TOCSIN_ALERT_ACTION_CLOSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Result r = { 0 };

  tocsin_alert_monitor_run_action_async (f->monitor, alerts, action, cancellable, action_cb, &r);
  g_cancellable_cancel (cancellable);
  test_wait_for (&r.done);
  g_assert_false (r.ok);
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (r.n_failed, ==, 0);
  result_clear (&r);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/alert-actions/" path, Fixture, NULL, fixture_setup, func, \
                                    fixture_teardown)
  ADD ("mixed", test_mixed);
  ADD ("typed", test_typed);
  ADD ("cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
