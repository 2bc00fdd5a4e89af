/* test-alert-notifier.c: desktop notifications for alerts, over D-Bus to the
 * capturing notification server of the test session
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>

#include "tocsin-alert.h"
#include "tocsin-alert-notifier.h"
#include "tocsin-test-notifications.h"
#include "tocsin-test-notify.h"

typedef struct {
  GApplication *app;
  GListStore   *alerts;
  char         *state_path;
  char         *acknowledged;
  guint         log_offset;
} Fixture;

static const char *app_name = "tocsin-notifier-test";

/* Notify calls of this program and every CloseNotification since mark_log. */
static GPtrArray *
read_calls (Fixture *fixture)
{
  return tocsin_test_notifications_since (fixture->log_offset, app_name);
}

static GPtrArray *
wait_for_calls (Fixture *fixture,
                guint    n_calls)
{
  /* A bound for a loaded machine and the sanitized build; it returns as soon
   * as the calls are there. */
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  for (;;)
    {
      GPtrArray *calls = read_calls (fixture);

      if (calls->len >= n_calls || g_get_monotonic_time () > deadline)
        return calls;

      g_ptr_array_unref (calls);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (20 * 1000);
    }
}

/* Lets any notification that was (wrongly) sent reach the log. */
static void
settle (void)
{
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10 * 1000);
    }
}

static void
mark_log (Fixture *fixture)
{
  fixture->log_offset = tocsin_test_notifications_mark ();
}

static TocsinAlert *
add_alert (Fixture    *fixture,
           const char *id,
           int         priority,
           gboolean    acknowledged)
{
  g_autoptr(TocsinAlert) alert = tocsin_alert_new (id);
  g_autofree char *message = g_strdup_printf ("Disk full on db-%s", id);

  tocsin_alert_set_message (alert, message);
  tocsin_alert_set_priority (alert, priority);
  tocsin_alert_set_status (alert, "open");
  tocsin_alert_set_acknowledged (alert, acknowledged);
  tocsin_alert_set_tiny_id (alert, "42");
  g_list_store_append (fixture->alerts, alert);

  return alert;
}

static void
acknowledge_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  Fixture *fixture = user_data;

  g_free (fixture->acknowledged);
  fixture->acknowledged = g_variant_dup_string (parameter, NULL);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static GApplication *app;
  g_autoptr(GError) error = NULL;

  /* One registered application per process, like the real app. */
  if (app == NULL)
    {
      g_autoptr(GSimpleAction) ack = g_simple_action_new ("acknowledge-alert", G_VARIANT_TYPE_STRING);
      g_autoptr(GSimpleAction) show = g_simple_action_new ("show-alert", G_VARIANT_TYPE_STRING);
      g_autoptr(GSimpleAction) snooze = g_simple_action_new ("snooze-alert", G_VARIANT_TYPE_STRING);

      g_set_application_name (app_name);
      app = g_application_new ("io.github.tocsin.NotifierTest", G_APPLICATION_NON_UNIQUE);
      g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (ack));
      g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (show));
      g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (snooze));
      g_assert_true (g_application_register (app, NULL, &error));
      g_assert_no_error (error);
    }

  fixture->app = app;
  g_signal_connect (g_action_map_lookup_action (G_ACTION_MAP (app), "acknowledge-alert"),
                    "activate", G_CALLBACK (acknowledge_cb), fixture);
  fixture->alerts = g_list_store_new (TOCSIN_TYPE_ALERT);
  fixture->state_path = g_build_filename (g_get_user_state_dir (), "tocsin-test",
                                          g_test_get_path (), "announced", NULL);
  /* A fresh start each run: `meson test --repeat` keeps the session's state dir. */
  g_unlink (fixture->state_path);
  mark_log (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (g_action_map_lookup_action (G_ACTION_MAP (fixture->app),
                                                                    "acknowledge-alert"),
                                        fixture);
  g_clear_object (&fixture->alerts);
  g_clear_pointer (&fixture->state_path, g_free);
  g_clear_pointer (&fixture->acknowledged, g_free);
}

static gboolean
has_action (JsonObject *call,
            const char *key,
            const char *label)
{
  JsonArray *actions = json_object_get_array_member (call, "actions");

  for (guint i = 0; i + 1 < json_array_get_length (actions); i += 2)
    if (g_strcmp0 (json_array_get_string_element (actions, i), key) == 0 &&
        g_strcmp0 (json_array_get_string_element (actions, i + 1), label) == 0)
      return TRUE;

  return FALSE;
}

static void
test_pages_open_alerts_only (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(TocsinAlertNotifier) notifier = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  JsonObject *call, *hints;

  add_alert (fixture, "p1-open", 1, FALSE);
  add_alert (fixture, "p4-open", 4, FALSE);
  add_alert (fixture, "p2-acked", 2, TRUE);

  notifier = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  tocsin_alert_notifier_set_min_priority (notifier, 3);
  tocsin_alert_notifier_scan (notifier);

  calls = wait_for_calls (fixture, 1);
  settle ();
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = read_calls (fixture);

  /* Only the open, unacknowledged P1 pages; P4 is below the threshold. */
  g_assert_cmpuint (calls->len, ==, 1);
  call = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (json_object_get_string_member (call, "call"), ==, "Notify");
  g_assert_nonnull (strstr (json_object_get_string_member (call, "summary"), "Disk full on db-p1-open"));
  g_assert_nonnull (strstr (json_object_get_string_member (call, "body"), "#42"));
  g_assert_true (has_action (call, "app.acknowledge-alert::p1-open", "Acknowledge"));
  g_assert_true (has_action (call, "app.show-alert::p1-open", "Open"));
  g_assert_true (has_action (call, "app.snooze-alert::p1-open", "Snooze 1 Hour"));
  hints = json_object_get_object_member (call, "hints");
  g_assert_cmpint (json_object_get_int_member (hints, "urgency"), ==, 2);
}

/* What a markup-reading notification server shows for @body: its text, and
 * how many elements (links, bold…) it would render. NULL when @body is not
 * valid markup (GNOME Shell and KDE then show something else than was meant). */
typedef struct
{
  GString *text;
  guint    n_elements;
} RenderedBody;

static void
rendered_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  RenderedBody *rendered = user_data;

  if (g_strcmp0 (element, "rendered-body") != 0)
    rendered->n_elements++;
}

static void
rendered_text (GMarkupParseContext  *context,
               const char           *text,
               gsize                 len,
               gpointer              user_data,
               GError              **error)
{
  g_string_append_len (((RenderedBody *) user_data)->text, text, len);
}

static char *
render_body (const char *body,
             guint      *n_elements)
{
  static const GMarkupParser parser = { rendered_start, NULL, rendered_text, NULL, NULL };
  RenderedBody rendered = { g_string_new (NULL), 0 };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &rendered, NULL);
  g_autofree char *document = g_strconcat ("<rendered-body>", body, "</rendered-body>", NULL);

  if (!g_markup_parse_context_parse (context, document, -1, NULL) ||
      !g_markup_parse_context_end_parse (context, NULL))
    {
      g_string_free (rendered.text, TRUE);
      return NULL;
    }
  *n_elements = rendered.n_elements;
  return g_string_free (rendered.text, FALSE);
}

/* An alert's source and tiny id are whatever its sender wrote: the
 * notification shows them as written, not as links or bold text. */
static void
test_body_escaped (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *source = "CPU & <b>memory</b> <a href='https://evil.example/'>Click to ack</a>";
  const char *tiny_id = "7<i>";
  g_autoptr(TocsinAlertNotifier) notifier = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *shown = NULL;
  TocsinAlert *alert;
  guint n_elements = G_MAXUINT;

  alert = add_alert (fixture, "hostile-source", 1, FALSE);
  tocsin_alert_set_source (alert, source);
  tocsin_alert_set_tiny_id (alert, tiny_id);
  notifier = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  tocsin_alert_notifier_scan (notifier);

  calls = wait_for_calls (fixture, 1);
  g_assert_cmpuint (calls->len, ==, 1);
  shown = render_body (json_object_get_string_member (g_ptr_array_index (calls, 0), "body"), &n_elements);
  g_assert_nonnull (shown);
  g_assert_cmpuint (n_elements, ==, 0);
  g_assert_nonnull (strstr (shown, source));
  g_assert_nonnull (strstr (shown, tiny_id));
}

static void
test_button_acknowledges (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TocsinAlertNotifier) notifier = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *command = NULL;
  JsonObject *call;
  gint64 deadline;
  FILE *control;

  add_alert (fixture, "click-me", 2, FALSE);
  notifier = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  tocsin_alert_notifier_scan (notifier);

  calls = wait_for_calls (fixture, 1);
  g_assert_cmpuint (calls->len, ==, 1);
  call = g_ptr_array_index (calls, 0);

  /* The server emits ActionInvoked as if the user clicked "Acknowledge". */
  command = g_strdup_printf ("invoke %" G_GINT64_FORMAT " app.acknowledge-alert::click-me\n",
                             json_object_get_int_member (call, "id"));
  control = fopen (g_getenv ("TOCSIN_NOTIFICATION_CONTROL"), "w");
  g_assert_nonnull (control);
  fputs (command, control);
  fclose (control);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (fixture->acknowledged == NULL && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }

  g_assert_cmpstr (fixture->acknowledged, ==, "click-me");
}

static void
test_withdraw_and_reopen (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(TocsinAlertNotifier) notifier = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  TocsinAlert *alert;
  gint64 first_id;

  alert = add_alert (fixture, "flappy", 1, FALSE);
  notifier = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  tocsin_alert_notifier_scan (notifier);
  calls = wait_for_calls (fixture, 1);
  g_assert_cmpuint (calls->len, ==, 1);
  first_id = json_object_get_int_member (g_ptr_array_index (calls, 0), "id");
  g_clear_pointer (&calls, g_ptr_array_unref);
  /* The server's id for it arrives with the reply to Notify. */
  settle ();

  /* Acknowledged elsewhere: the notification goes away. */
  tocsin_alert_set_acknowledged (alert, TRUE);
  tocsin_alert_notifier_scan (notifier);
  calls = wait_for_calls (fixture, 2);
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (calls, 1), "call"), ==, "CloseNotification");
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (calls, 1), "id"), ==, first_id);
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* Re-opened: it pages again. */
  tocsin_alert_set_acknowledged (alert, FALSE);
  tocsin_alert_notifier_scan (notifier);
  calls = wait_for_calls (fixture, 3);
  g_assert_cmpuint (calls->len, ==, 3);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (calls, 2), "call"), ==, "Notify");
  g_assert_nonnull (strstr (json_object_get_string_member (g_ptr_array_index (calls, 2), "summary"), "db-flappy"));
}

static void
test_restart_does_not_repage (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TocsinAlertNotifier) first = NULL;
  g_autoptr(TocsinAlertNotifier) second = NULL;
  g_autoptr(GPtrArray) calls = NULL;

  add_alert (fixture, "seen-before", 1, FALSE);
  first = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  tocsin_alert_notifier_scan (first);
  calls = wait_for_calls (fixture, 1);
  g_assert_cmpuint (calls->len, ==, 1);
  g_clear_pointer (&calls, g_ptr_array_unref);
  g_clear_object (&first);

  /* A new process (same state file) with one more alert pages only for it. */
  add_alert (fixture, "arrived-while-away", 1, FALSE);
  second = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  tocsin_alert_notifier_scan (second);
  calls = wait_for_calls (fixture, 2);
  settle ();
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = read_calls (fixture);
  g_assert_cmpuint (calls->len, ==, 2);
  g_assert_nonnull (strstr (json_object_get_string_member (g_ptr_array_index (calls, 1), "summary"),
                            "arrived-while-away"));
}

static void
test_storm_summarised (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(TocsinAlertNotifier) notifier = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  guint n = TOCSIN_ALERT_NOTIFIER_STORM_THRESHOLD + 3;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("storm-%u", i);
      add_alert (fixture, id, 1, FALSE);
    }

  notifier = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  tocsin_alert_notifier_scan (notifier);
  calls = wait_for_calls (fixture, 1);
  settle ();
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = read_calls (fixture);

  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (g_ptr_array_index (calls, 0), "summary"), "8"));
}

static void
test_corrupt_state_file (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(TocsinAlertNotifier) notifier = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->state_path);
  g_autofree char *contents = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (fixture->state_path, "\xff\xfe garbage \x01\n", -1, NULL));

  add_alert (fixture, "after-garbage", 1, FALSE);
  notifier = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  tocsin_alert_notifier_scan (notifier);
  calls = wait_for_calls (fixture, 1);
  g_assert_cmpuint (calls->len, ==, 1);

  /* The file is rewritten with what is known now. */
  g_assert_true (g_file_get_contents (fixture->state_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "after-garbage\n");
}

static void
test_snooze_label_follows_setting (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(TocsinAlertNotifier) notifier = NULL;
  g_autoptr(GPtrArray) calls = NULL;

  add_alert (fixture, "snooze-half", 2, FALSE);
  notifier = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  g_object_set (notifier, "snooze-minutes", 30, NULL);
  tocsin_alert_notifier_scan (notifier);

  calls = wait_for_calls (fixture, 1);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_true (has_action (g_ptr_array_index (calls, 0), "app.snooze-alert::snooze-half", "Snooze 30 Minutes"));
}

/* Paused until resumed: nothing pages; resuming sends one summary of what
 * still needs the user, and nothing pages for it afterwards. */
static void
test_pause_holds_then_summarises (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(TocsinAlertNotifier) notifier = NULL;
  g_autoptr(TocsinPause) pause = tocsin_pause_new ();
  g_autoptr(GPtrArray) calls = NULL;
  TocsinAlert *gone;
  JsonObject *call;

  notifier = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  tocsin_alert_notifier_set_pause (notifier, pause);
  tocsin_pause_set_p1_breaks_through (pause, TRUE);
  tocsin_pause_pause_until (pause, NULL);

  add_alert (fixture, "quiet-1", 2, FALSE);
  add_alert (fixture, "quiet-2", 3, FALSE);
  gone = add_alert (fixture, "quiet-acked", 2, FALSE);
  tocsin_alert_notifier_scan (notifier);
  settle ();
  calls = read_calls (fixture);
  g_assert_cmpuint (calls->len, ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* Acknowledged by someone else during the pause: not in the summary. */
  tocsin_alert_set_acknowledged (gone, TRUE);
  tocsin_alert_notifier_scan (notifier);

  tocsin_pause_resume (pause);
  calls = wait_for_calls (fixture, 1);
  tocsin_alert_notifier_scan (notifier);
  settle ();
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = read_calls (fixture);
  g_assert_cmpuint (calls->len, ==, 1);
  call = g_ptr_array_index (calls, 0);
  g_assert_cmpstr (json_object_get_string_member (call, "summary"), ==, "2 alerts arrived while paging was paused");
  g_assert_nonnull (strstr (json_object_get_string_member (call, "body"), "P2 · Disk full on db-quiet-1"));
  g_assert_nonnull (strstr (json_object_get_string_member (call, "body"), "P3 · Disk full on db-quiet-2"));
  g_assert_null (strstr (json_object_get_string_member (call, "body"), "quiet-acked"));
}

static void
test_pause_p1_breaks_through (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(TocsinAlertNotifier) notifier = NULL;
  g_autoptr(TocsinPause) pause = tocsin_pause_new ();
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GDateTime) later = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = g_date_time_add_hours (later, 1);

  notifier = tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  tocsin_alert_notifier_set_pause (notifier, pause);
  tocsin_pause_pause_until (pause, until);

  /* Off: not even P1. */
  add_alert (fixture, "held-p1", 1, FALSE);
  tocsin_alert_notifier_scan (notifier);
  settle ();
  calls = read_calls (fixture);
  g_assert_cmpuint (calls->len, ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);

  /* On: a new P1 pages, a new P2 still waits. */
  tocsin_pause_set_p1_breaks_through (pause, TRUE);
  add_alert (fixture, "urgent-p1", 1, FALSE);
  add_alert (fixture, "waits-p2", 2, FALSE);
  tocsin_alert_notifier_scan (notifier);
  calls = wait_for_calls (fixture, 1);
  settle ();
  g_clear_pointer (&calls, g_ptr_array_unref);
  calls = read_calls (fixture);
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_nonnull (strstr (json_object_get_string_member (g_ptr_array_index (calls, 0), "summary"), "db-urgent-p1"));
}

/* The notifier's settings notify when their value changes and never on a
 * set to the value they have. */
static void
test_notify (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(TocsinAlertNotifier) notifier =
    tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  g_autoptr(TocsinTestNotify) min_priority = tocsin_test_notify_new (notifier, "min-priority");
  g_autoptr(TocsinTestNotify) enabled = tocsin_test_notify_new (notifier, "enabled");
  g_autoptr(TocsinTestNotify) snooze_minutes = tocsin_test_notify_new (notifier, "snooze-minutes");

  tocsin_alert_notifier_set_min_priority (notifier, 3);
  tocsin_test_notify_assert (min_priority, 0);
  tocsin_alert_notifier_set_min_priority (notifier, 2);
  tocsin_alert_notifier_set_min_priority (notifier, 2);
  tocsin_test_notify_assert (min_priority, 1);
  /* Clamped to P5: the second is no change. */
  tocsin_alert_notifier_set_min_priority (notifier, 9);
  tocsin_alert_notifier_set_min_priority (notifier, 5);
  tocsin_test_notify_assert (min_priority, 1);

  tocsin_alert_notifier_set_enabled (notifier, TRUE);
  tocsin_test_notify_assert (enabled, 0);
  tocsin_alert_notifier_set_enabled (notifier, FALSE);
  tocsin_alert_notifier_set_enabled (notifier, FALSE);
  tocsin_test_notify_assert (enabled, 1);

  g_object_set (notifier, "snooze-minutes", 60, NULL);
  tocsin_test_notify_assert (snooze_minutes, 0);
  g_object_set (notifier, "snooze-minutes", 30, NULL);
  g_object_set (notifier, "snooze-minutes", 30, NULL);
  tocsin_test_notify_assert (snooze_minutes, 1);
}

/* A pause's properties notify when they change: paused and until together
 * on pausing and resuming, until alone when a pause is extended, nothing
 * when resuming what is not paused. */
static void
test_pause_notify (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(TocsinPause) pause = tocsin_pause_new ();
  g_autoptr(TocsinTestNotify) paused = tocsin_test_notify_new (pause, "paused");
  g_autoptr(TocsinTestNotify) until = tocsin_test_notify_new (pause, "until");
  g_autoptr(TocsinTestNotify) p1 = tocsin_test_notify_new (pause, "p1-breaks-through");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) in_an_hour = g_date_time_add_hours (now, 1);
  g_autoptr(GDateTime) in_two_hours = g_date_time_add_hours (now, 2);

  tocsin_pause_set_p1_breaks_through (pause, FALSE);
  tocsin_test_notify_assert (p1, 0);
  tocsin_pause_set_p1_breaks_through (pause, TRUE);
  tocsin_pause_set_p1_breaks_through (pause, TRUE);
  tocsin_test_notify_assert (p1, 1);

  tocsin_pause_resume (pause);
  tocsin_test_notify_assert (paused, 0);
  tocsin_test_notify_assert (until, 0);

  tocsin_pause_pause_until (pause, in_an_hour);
  tocsin_test_notify_assert (paused, 1);
  tocsin_test_notify_assert (until, 1);
  tocsin_pause_pause_until (pause, in_two_hours);
  tocsin_test_notify_assert (paused, 0);
  tocsin_test_notify_assert (until, 1);

  tocsin_pause_resume (pause);
  tocsin_pause_resume (pause);
  tocsin_test_notify_assert (paused, 1);
  tocsin_test_notify_assert (until, 1);
}

/* Dropped by their owner with a page out and a timed pause on, the notifier
 * and the pause are finalized. */
static void
test_finalize (Fixture       *fixture,
               gconstpointer  data)
{
  TocsinAlertNotifier *notifier =
    tocsin_alert_notifier_new (fixture->app, G_LIST_MODEL (fixture->alerts), fixture->state_path);
  TocsinPause *pause = tocsin_pause_new ();
  g_autoptr(GPtrArray) calls = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 1);

  tocsin_alert_notifier_set_pause (notifier, pause);
  add_alert (fixture, "paged", 1, FALSE);
  tocsin_alert_notifier_scan (notifier);
  calls = wait_for_calls (fixture, 1);
  tocsin_pause_pause_until (pause, later);
  /* A change the notifier has queued a scan for. */
  add_alert (fixture, "queued", 1, FALSE);

  g_assert_finalize_object (notifier);
  g_assert_finalize_object (pause);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("TOCSIN_NOTIFICATION_LOG") == NULL)
    {
      g_test_message ("needs the test session's notification server (./build-aux/dev test)");
      return 77;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/notifier/pages-open-alerts-only", test_pages_open_alerts_only);
  ADD ("/notifier/body-escaped", test_body_escaped);
  ADD ("/notifier/button-acknowledges", test_button_acknowledges);
  ADD ("/notifier/withdraw-and-reopen", test_withdraw_and_reopen);
  ADD ("/notifier/restart-does-not-repage", test_restart_does_not_repage);
  ADD ("/notifier/storm-summarised", test_storm_summarised);
  ADD ("/notifier/snooze-label-follows-setting", test_snooze_label_follows_setting);
  ADD ("/notifier/pause-holds-then-summarises", test_pause_holds_then_summarises);
  ADD ("/notifier/pause-p1-breaks-through", test_pause_p1_breaks_through);
  ADD ("/notifier/corrupt-state-file", test_corrupt_state_file);
  ADD ("/notifier/notify", test_notify);
  ADD ("/notifier/pause-notify", test_pause_notify);
  ADD ("/notifier/finalize", test_finalize);
#undef ADD

  return g_test_run ();
}
