/* test-fault-matrix.c: every fault the network can throw, at every endpoint
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the token endpoint (a refresh), accessible-resources (a sign-in), the
 * alert list (the monitor), an alert action and the schedules (the schedule
 * monitor), each fault is set on the sandbox until cleared. The operation
 * must end, in a clear error or, where the client can repair what it got, in
 * success; the session keeps its sign-in unless the grant is gone; what was
 * loaded before is still there; and once the fault is cleared the same
 * operation works again. Each outcome goes into a table the test prints.
 */

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-api-error.h"
#include "tocsin-auth-session.h"
#include "tocsin-schedule-monitor.h"
#include "tocsin-site.h"
#include "tocsin-test-sandbox.h"

/* Short bounds, so that a stall or a retry costs seconds, not minutes. */
#define REQUEST_TIMEOUT_S 2
#define STALL_MS          (REQUEST_TIMEOUT_S * 1000 + 2000)
#define FORTY_MB          (40 * 1024 * 1024)

typedef enum
{
  ROW_TOKEN,
  ROW_SITES,
  ROW_ALERTS,
  ROW_ACTION,
  ROW_SCHEDULES,
  N_ROWS
} Row;

static const char * const row_names[N_ROWS] = {
  "token (refresh)", "accessible-resources", "alerts list", "alert action", "schedules",
};

typedef enum
{
  HARD,      /* the fault lasts: the operation cannot succeed */
  SOFT,      /* the client may repair what it got and succeed */
  REVOKED,   /* the grant is gone: the session needs a new sign-in */
} Severity;

typedef struct
{
  const char *name;
  const char *fault;   /* the fault's JSON members, without path and method */
  Severity    severity;
} Fault;

/* A Retry-After HTTP date must be ahead of the request it answers: the fault
 * with this text gets one made when its cell runs. */
#define RETRY_AFTER_DATE "retry-after-date"

typedef struct
{
  TocsinTestSandbox     *sb;
  TocsinConfig          *config;
  TocsinAuthSession     *session;
  TocsinOpsClient       *client;
  TocsinAlertMonitor    *alerts;
  TocsinScheduleService *service;
  TocsinScheduleMonitor *schedules;
  guint                  schedules_refreshed;
  GString               *table;
} World;

static gboolean
watchdog_cb (gpointer data)
{
  g_error ("An operation did not end within its bound: %s", (const char *) data);
  return G_SOURCE_REMOVE;
}

/* Spins until *flag is set; a hang is a failure of the matrix. */
static void
wait_for (gboolean   *flag,
          const char *what)
{
  guint watchdog = g_timeout_add_seconds (120, watchdog_cb, (gpointer) what);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Async;

static void
async_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Async *async = user_data;

  async->result = g_object_ref (result);
  async->done = TRUE;
}

/* ---- signing in ------------------------------------------------------------ */

/* The sandbox runs with --auto-consent: /authorize redirects straight to
 * tocsin://callback with a code, which goes to the session as the desktop
 * would hand it over. */
static gboolean
sign_in (World   *w,
         GError **error)
{
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) send_error = NULL;
  Async async = { 0 };
  const char *location;
  gboolean ok;

  tocsin_auth_session_sign_in_async (w->session, NULL, NULL, async_cb, &async);
  while (tocsin_auth_session_get_authorize_uri (w->session) == NULL && !async.done)
    g_main_context_iteration (NULL, TRUE);
  if (!async.done)
    {
      msg = soup_message_new ("GET", tocsin_auth_session_get_authorize_uri (w->session));
      soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
      body = tocsin_test_sandbox_send (w->sb, msg, &send_error);
      g_assert_no_error (send_error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, SOUP_STATUS_FOUND);
      location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
      g_assert_true (g_str_has_prefix (location, "tocsin://callback?"));
      g_assert_true (tocsin_auth_session_handle_callback_uri (w->session, location));
    }
  wait_for (&async.done, "sign-in");
  ok = tocsin_auth_session_sign_in_finish (w->session, async.result, error);
  g_object_unref (async.result);
  return ok;
}

static void
sign_out (World *w)
{
  g_autoptr(GError) error = NULL;
  Async async = { 0 };

  tocsin_auth_session_sign_out_async (w->session, NULL, async_cb, &async);
  wait_for (&async.done, "sign-out");
  tocsin_auth_session_sign_out_finish (w->session, async.result, &error);
  g_assert_no_error (error);
  g_object_unref (async.result);
}

static void
sign_in_again_if_needed (World *w)
{
  g_autoptr(GError) error = NULL;

  if (tocsin_auth_session_get_state (w->session) == TOCSIN_AUTH_STATE_SIGNED_IN)
    return;
  g_assert_true (sign_in (w, &error));
  g_assert_no_error (error);
}

/* ---- the operations --------------------------------------------------------- */

static void
on_loading_cb (GObject    *object,
               GParamSpec *pspec,
               gboolean   *done)
{
  if (!tocsin_alert_monitor_get_loading (TOCSIN_ALERT_MONITOR (object)))
    *done = TRUE;
}

static GError *
refresh_alerts (World *w)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect (w->alerts, "notify::loading", G_CALLBACK (on_loading_cb), &done);
  const GError *error;

  tocsin_alert_monitor_refresh (w->alerts);
  wait_for (&done, "alert refresh");
  g_signal_handler_disconnect (w->alerts, id);
  error = tocsin_alert_monitor_get_error (w->alerts);
  return error != NULL ? g_error_copy (error) : NULL;
}

static void
on_schedules_refreshed_cb (TocsinScheduleMonitor *monitor,
                           World                 *w)
{
  w->schedules_refreshed++;
}

static GError *
refresh_schedules (World *w)
{
  TocsinScheduleList *list = tocsin_schedule_monitor_get_model (w->schedules);
  guint target = w->schedules_refreshed + 1;
  guint watchdog = g_timeout_add_seconds (120, watchdog_cb, (gpointer) "schedule refresh");

  tocsin_schedule_monitor_refresh (w->schedules);
  while (w->schedules_refreshed < target)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watchdog);
  if (tocsin_schedule_list_get_error (list) != NULL)
    return g_error_new_literal (TOCSIN_API_ERROR, TOCSIN_API_ERROR_FAILED, tocsin_schedule_list_get_error (list));
  return NULL;
}

static TocsinAlert *
first_open_unacknowledged (World *w)
{
  GListModel *list = G_LIST_MODEL (tocsin_alert_monitor_get_list (w->alerts));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (list, i);

      if (tocsin_alert_is_open_unacknowledged (alert))
        return g_steal_pointer (&alert);
    }
  g_assert_not_reached ();
}

/* What the server holds, asked with a token of its own. */
static gboolean
server_acknowledged (World       *w,
                     TocsinAlert *alert)
{
  g_autofree char *token = tocsin_test_sandbox_sign_in (w->sb, NULL, NULL);
  g_autofree char *sub = g_strconcat ("alerts/", tocsin_alert_get_id (alert), NULL);
  g_autofree char *path = tocsin_test_sandbox_site_path (w->sb, 0, sub);
  g_autoptr(JsonNode) reply = NULL;
  guint status = 0;

  reply = tocsin_test_sandbox_api (w->sb, "GET", path, token, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  return json_object_get_boolean_member (json_node_get_object (reply), "acknowledged");
}

static GError *
acknowledge (World       *w,
             TocsinAlert *alert)
{
  GError *error = NULL;
  Async async = { 0 };

  tocsin_alert_monitor_run_alert_action_async (w->alerts, alert, TOCSIN_ALERT_ACTION_ACKNOWLEDGE,
                                               NULL, NULL, NULL, async_cb, &async);
  wait_for (&async.done, "acknowledge");
  tocsin_alert_monitor_run_alert_action_finish (w->alerts, async.result, &error);
  g_object_unref (async.result);
  return error;
}

/* ---- one cell ---------------------------------------------------------------- */

static char *
fault_path (World *w,
            Row    row)
{
  switch (row)
    {
    case ROW_TOKEN:
      return g_strdup ("/oauth/token");
    case ROW_SITES:
      return g_strdup ("/oauth/token/accessible-resources");
    case ROW_ALERTS:
    case ROW_ACTION:
      return tocsin_test_sandbox_site_path (w->sb, 0, "alerts");
    case ROW_SCHEDULES:
      return tocsin_test_sandbox_site_path (w->sb, 0, "schedules");
    case N_ROWS:
    default:
      g_assert_not_reached ();
    }
}

static const char *
fault_method (Row row)
{
  return row == ROW_TOKEN || row == ROW_ACTION ? "POST" : "GET";
}

/* A message a person can act on: some text, valid UTF-8, no page source. */
static void
assert_clear_message (const GError *error)
{
  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 10);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strstr (error->message, "<html"));
  g_assert_null (strstr (error->message, "<!DOCTYPE"));
  g_assert_null (strstr (error->message, "xxxxxxxx"));
}

static char *
http_date_in (int seconds)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, seconds);

  return soup_date_time_to_string (later, SOUP_DATE_HTTP);
}

/* Runs @row's operation once with @fault set (NULL: no fault). Returns the
 * error, or NULL when the operation succeeded. */
static GError *
run_operation (World       *w,
               Row          row,
               const Fault *fault)
{
  g_autofree char *path = fault_path (w, row);
  g_autoptr(TocsinAlert) alert = NULL;
  g_autoptr(GError) sign_in_error = NULL;
  GError *error = NULL;

  if (row == ROW_SITES)
    sign_out (w);
  else if (row == ROW_TOKEN)
    tocsin_test_sandbox_control (w->sb, "POST", "/_sandbox/expire-access-tokens", NULL, NULL);
  else if (row == ROW_ACTION)
    alert = first_open_unacknowledged (w);

  if (fault != NULL && fault->severity == REVOKED)
    {
      tocsin_test_sandbox_control (w->sb, "POST", "/_sandbox/revoke", NULL, NULL);
      tocsin_test_sandbox_control (w->sb, "POST", "/_sandbox/expire-access-tokens", NULL, NULL);
    }
  else if (fault != NULL)
    {
      g_autofree char *date = http_date_in (2);
      g_autofree char *members = g_str_equal (fault->fault, RETRY_AFTER_DATE)
        ? g_strdup_printf ("\"kind\":\"status\",\"status\":429,\"retry_after\":\"%s\"", date)
        : g_strdup (fault->fault);
      g_autofree char *json = g_strdup_printf ("{\"path\":\"%s\",\"method\":\"%s\",\"times\":-1,%s}",
                                               path, fault_method (row), members);

      tocsin_test_sandbox_add_fault (w->sb, json);
    }

  switch (row)
    {
    case ROW_SITES:
      if (!sign_in (w, &sign_in_error))
        error = g_steal_pointer (&sign_in_error);
      break;
    case ROW_TOKEN:
    case ROW_ALERTS:
      error = refresh_alerts (w);
      break;
    case ROW_ACTION:
      error = acknowledge (w, alert);
      /* Nothing lost: whether the server took the acknowledge before its
       * answer was spoilt or not, the list shows what the server has. */
      if (error != NULL)
        {
          g_autoptr(GError) refresh_error = NULL;

          tocsin_test_sandbox_clear_faults (w->sb);
          tocsin_test_sandbox_control (w->sb, "POST", "/_sandbox/flush-actions", "{}", NULL);
          refresh_error = refresh_alerts (w);
          if (tocsin_auth_session_get_state (w->session) == TOCSIN_AUTH_STATE_SIGNED_IN)
            {
              g_assert_no_error (refresh_error);
              g_assert_cmpint (tocsin_alert_get_acknowledged (alert), ==, server_acknowledged (w, alert));
            }
        }
      break;
    case ROW_SCHEDULES:
      error = refresh_schedules (w);
      break;
    case N_ROWS:
    default:
      g_assert_not_reached ();
    }

  tocsin_test_sandbox_clear_faults (w->sb);
  return error;
}

static const char *
state_name (TocsinAuthState state)
{
  switch (state)
    {
    case TOCSIN_AUTH_STATE_SIGNED_OUT: return "signed out";
    case TOCSIN_AUTH_STATE_SIGNING_IN: return "signing in";
    case TOCSIN_AUTH_STATE_SIGNED_IN: return "signed in";
    case TOCSIN_AUTH_STATE_NEEDS_REAUTH: return "needs sign-in";
    default: return "?";
    }
}

static void
run_cell (World       *w,
          Row          row,
          const Fault *fault)
{
  GListModel *alerts = G_LIST_MODEL (tocsin_alert_monitor_get_list (w->alerts));
  GListModel *schedules = G_LIST_MODEL (tocsin_schedule_monitor_get_model (w->schedules));
  guint n_alerts = g_list_model_get_n_items (alerts);
  guint n_schedules = g_list_model_get_n_items (schedules);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) again = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *line = NULL;
  TocsinAuthState state;
  gint64 start = g_get_monotonic_time ();

  /* A sign-in makes a grant of its own: there is none to revoke before it. */
  if (row == ROW_SITES && fault->severity == REVOKED)
    return;

  sign_in_again_if_needed (w);
  error = run_operation (w, row, fault);
  state = tocsin_auth_session_get_state (w->session);

  if (error != NULL)
    {
      assert_clear_message (error);
      /* What the user reads, shortened for the table. */
      g_autofree char *start_of_message = g_utf8_substring (error->message, 0, 44);

      outcome = g_strdup_printf ("%s%s", start_of_message, g_utf8_strlen (error->message, -1) > 44 ? "…" : "");
    }
  else
    outcome = g_strdup ("ok");

  /* A fault that lasts cannot end in success. */
  if (fault->severity != SOFT)
    g_assert_nonnull (error);

  /* The sign-in survives everything but a revoked grant (and a sign-in that
   * never finished, for the sign-in row); a token answer the client cannot
   * read may cost the rotated refresh token the server already issued. */
  if (fault->severity == REVOKED)
    g_assert_cmpint (state, ==, TOCSIN_AUTH_STATE_NEEDS_REAUTH);
  else if (row == ROW_SITES)
    g_assert_cmpint (state, !=, TOCSIN_AUTH_STATE_SIGNING_IN);
  else if (!(row == ROW_TOKEN && fault->severity == SOFT))
    g_assert_cmpint (state, ==, TOCSIN_AUTH_STATE_SIGNED_IN);

  /* What was shown before is still shown after a failed refresh. */
  if (error != NULL && (row == ROW_ALERTS || row == ROW_TOKEN))
    g_assert_cmpuint (g_list_model_get_n_items (alerts), ==, n_alerts);
  if (error != NULL && row == ROW_SCHEDULES)
    g_assert_cmpuint (g_list_model_get_n_items (schedules), ==, n_schedules);

  /* The fault cleared, the same operation works again. */
  sign_in_again_if_needed (w);
  again = run_operation (w, row, NULL);
  g_assert_no_error (again);
  if (row == ROW_ALERTS || row == ROW_TOKEN)
    g_assert_cmpuint (g_list_model_get_n_items (alerts), >=, n_alerts - (row == ROW_ACTION));

  line = g_strdup_printf ("| %-20s | %-17s | %-45s | %-13s | %5.1f s |",
                          row_names[row], fault->name, outcome, state_name (state),
                          (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_test_message ("%s", line);
  g_string_append_printf (w->table, "%s\n", line);
}

/* ---- the matrix ---------------------------------------------------------------- */

static void
world_start (World *w)
{
  g_autoptr(GError) error = NULL;
  Async async = { 0 };
  TocsinSite *site;

  w->sb = tocsin_test_sandbox_start ("--auto-consent", "--action-delay-ms", "100", NULL);
  w->config = tocsin_config_new (NULL);
  tocsin_config_override (w->config, "auth-base-url", tocsin_test_sandbox_get_auth_url (w->sb));
  tocsin_config_override (w->config, "api-base-url", tocsin_test_sandbox_get_api_url (w->sb));
  tocsin_config_override (w->config, "redirect-uri", "tocsin://callback");
  tocsin_config_override (w->config, "client-id", tocsin_test_sandbox_get_client_id (w->sb));

  w->session = tocsin_auth_session_new (w->config);
  tocsin_auth_session_set_launch_browser (w->session, FALSE);
  tocsin_auth_session_set_request_timeout (w->session, REQUEST_TIMEOUT_S);
  tocsin_auth_session_set_client_secret_async (w->session, tocsin_test_sandbox_get_client_secret (w->sb),
                                               NULL, async_cb, &async);
  wait_for (&async.done, "client secret");
  tocsin_auth_session_set_client_secret_finish (w->session, async.result, &error);
  g_assert_no_error (error);
  g_object_unref (async.result);

  g_assert_true (sign_in (w, &error));
  g_assert_no_error (error);
  site = tocsin_auth_session_get_current_site (w->session);
  g_assert_nonnull (site);
  g_assert_cmpstr (tocsin_site_get_id (site), ==, tocsin_test_sandbox_get_cloud_id (w->sb, 0));

  w->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (w->sb), tocsin_site_get_id (site),
                                     TOCSIN_TOKEN_PROVIDER (w->session), &error);
  g_assert_no_error (error);
  tocsin_ops_client_set_timeout (w->client, REQUEST_TIMEOUT_S);
  tocsin_ops_client_set_retry_policy (w->client, 1, 100, 200);

  w->alerts = tocsin_alert_monitor_new (w->client);
  w->service = tocsin_schedule_service_new (w->client);
  w->schedules = tocsin_schedule_monitor_new (w->service);
  g_signal_connect (w->schedules, "refreshed", G_CALLBACK (on_schedules_refreshed_cb), w);
  w->table = g_string_new ("| endpoint             | fault             | outcome (what the user reads)"
                           "                 | session       | time    |\n");
  g_test_message ("%s", w->table->str);

  g_assert_null (refresh_alerts (w));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tocsin_alert_monitor_get_list (w->alerts))), >, 0);
  g_assert_null (refresh_schedules (w));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tocsin_schedule_monitor_get_model (w->schedules))), >, 0);
}

static void
world_stop (World *w)
{
  g_clear_object (&w->schedules);
  g_clear_object (&w->service);
  g_clear_object (&w->alerts);
  g_clear_object (&w->client);
  g_clear_object (&w->session);
  g_clear_object (&w->config);
  g_clear_pointer (&w->sb, tocsin_test_sandbox_stop);
  g_string_free (w->table, TRUE);
}

static void
test_fault_matrix (void)
{
  g_autofree char *huge_fault = g_strdup_printf ("\"kind\":\"huge\",\"size\":%d", FORTY_MB);
  g_autofree char *stall_fault = g_strdup_printf ("\"kind\":\"delay\",\"delay_ms\":%d", STALL_MS);
  const Fault faults[] = {
    { "429 (seconds)", "\"kind\":\"status\",\"status\":429,\"retry_after\":\"1\"", HARD },
    { "429 (HTTP date)", RETRY_AFTER_DATE, HARD },
    { "500", "\"kind\":\"status\",\"status\":500", HARD },
    { "502", "\"kind\":\"status\",\"status\":502", HARD },
    { "503", "\"kind\":\"status\",\"status\":503", HARD },
    { "stall", stall_fault, HARD },
    { "dropped", "\"kind\":\"drop\"", HARD },
    { "truncated", "\"kind\":\"truncated\"", HARD },
    { "invalid UTF-8", "\"kind\":\"invalid-utf8\"", SOFT },
    { "wrong JSON types", "\"kind\":\"wrong-types\"", SOFT },
    { "100k-deep nesting", "\"kind\":\"body\",\"body\":\"[\",\"body_repeat\":100000", HARD },
    { "40 MB body", huge_fault, HARD },
    { "HTML error page", "\"kind\":\"body\",\"status\":502,\"content_type\":\"text/html\","
                         "\"body\":\"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1>"
                         "<a href='https://evil.example/'>status</a></body></html>\"", HARD },
    { "revoked grant", NULL, REVOKED },
  };
  World w = { 0 };

  world_start (&w);
  for (Row row = 0; row < N_ROWS; row++)
    for (guint i = 0; i < G_N_ELEMENTS (faults); i++)
      run_cell (&w, row, &faults[i]);

  /* Each line is in the test log already; the whole table for a person. */
  g_printerr ("\n%s", w.table->str);
  world_stop (&w);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fault-matrix/all", test_fault_matrix);
  return g_test_run ();
}
