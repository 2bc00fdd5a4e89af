/* test-alarm.c: the audible alarm, driven by the notifier against the
 * sandbox, with a recording player in place of the sound
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "tocsin-alarm.h"
#include "tocsin-alert-monitor.h"
#include "tocsin-alert-notifier.h"
#include "tocsin-test-notify.h"
#include "tocsin-test-token-provider.h"

/* A player that counts what it was asked to do. */

#define TEST_TYPE_PLAYER (test_player_get_type ())
G_DECLARE_FINAL_TYPE (TestPlayer, test_player, TEST, PLAYER, GObject)

struct _TestPlayer
{
  GObject parent_instance;
  guint   plays;
  guint   stops;
};

static void
test_player_play (TocsinAlarmPlayer *player)
{
  TEST_PLAYER (player)->plays++;
}

static void
test_player_stop (TocsinAlarmPlayer *player)
{
  TEST_PLAYER (player)->stops++;
}

static void
test_player_iface_init (TocsinAlarmPlayerInterface *iface)
{
  iface->play = test_player_play;
  iface->stop = test_player_stop;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestPlayer, test_player, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TOCSIN_TYPE_ALARM_PLAYER, test_player_iface_init))

static void
test_player_class_init (TestPlayerClass *klass)
{
}

static void
test_player_init (TestPlayer *self)
{
}

typedef struct
{
  TocsinTestSandbox   *sb;
  TestTokenProvider   *provider;
  TocsinOpsClient     *client;
  TocsinAlertMonitor  *monitor;
  TocsinAlertNotifier *notifier;
  TocsinAlarm         *alarm;
  TestPlayer          *player;
  char                *state_path;
} Fixture;

static GApplication *app;

static void
silence_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  Fixture *f = user_data;

  tocsin_alarm_silence (f->alarm);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* One registered application per process, like the real app. */
  if (app == NULL)
    {
      const char *names[] = { "acknowledge-alert", "snooze-alert", "show-alert" };

      app = g_application_new ("io.github.tocsin.AlarmTest", G_APPLICATION_NON_UNIQUE);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autoptr(GSimpleAction) action = g_simple_action_new (names[i], G_VARIANT_TYPE_STRING);

          g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (action));
        }
      {
        g_autoptr(GSimpleAction) silence = g_simple_action_new ("silence-alarm", NULL);

        g_action_map_add_action (G_ACTION_MAP (app), G_ACTION (silence));
      }
      g_assert_true (g_application_register (app, NULL, &error));
      g_assert_no_error (error);
    }
  g_signal_connect (g_action_map_lookup_action (G_ACTION_MAP (app), "silence-alarm"),
                    "activate", G_CALLBACK (silence_cb), f);

  f->sb = tocsin_test_sandbox_start ("--alerts", "20", NULL);
  f->provider = test_token_provider_new (f->sb, NULL);
  f->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                     tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                     TOCSIN_TOKEN_PROVIDER (f->provider), &error);
  g_assert_no_error (error);
  f->monitor = tocsin_alert_monitor_new (f->client);
  /* Refreshes only when the test asks. */
  tocsin_alert_monitor_set_poll_interval (f->monitor, 0);
  tocsin_alert_monitor_set_query (f->monitor, TOCSIN_ALERT_QUERY_OPEN_UNACKNOWLEDGED);

  f->player = g_object_new (TEST_TYPE_PLAYER, NULL);
  f->alarm = tocsin_alarm_new (TOCSIN_ALARM_PLAYER (f->player));
  tocsin_alarm_set_min_priority (f->alarm, 1);
  tocsin_alarm_set_repeat_interval (f->alarm, 1);

  f->state_path = g_build_filename (g_get_user_state_dir (), "tocsin-alarm-test",
                                    g_test_get_path (), "announced", NULL);
  f->notifier = tocsin_alert_notifier_new (app, G_LIST_MODEL (tocsin_alert_monitor_get_list (f->monitor)),
                                           f->state_path);
  tocsin_alert_notifier_set_min_priority (f->notifier, 5);
  tocsin_alert_notifier_set_alarm (f->notifier, f->alarm);
  /* As the app does: every finished refresh is a reason to look again. */
  g_signal_connect_object (f->monitor, "notify::last-refresh",
                           G_CALLBACK (tocsin_alert_notifier_scan), f->notifier, G_CONNECT_SWAPPED);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (g_action_map_lookup_action (G_ACTION_MAP (app), "silence-alarm"), f);
  g_clear_object (&f->notifier);
  g_clear_object (&f->alarm);
  g_clear_object (&f->player);
  g_clear_object (&f->monitor);
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  g_clear_pointer (&f->state_path, g_free);
  tocsin_test_sandbox_stop (f->sb);
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
refresh_and_wait (Fixture *f)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect (f->monitor, "notify::loading", G_CALLBACK (on_loading_cb), &done);

  tocsin_alert_monitor_refresh (f->monitor);
  test_wait_for (&done);
  g_signal_handler_disconnect (f->monitor, id);
  g_assert_null (tocsin_alert_monitor_get_error (f->monitor));
  /* The notifier scans on an idle after the refresh. */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Iterates the main loop for @ms (the alarm's repeat timer runs in it). */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint wake = g_timeout_add (20, test_wake_cb, NULL);

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

static gboolean
wait_for_plays (TestPlayer *player,
                guint       plays)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (20, test_wake_cb, NULL);

  while (player->plays < plays && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  return player->plays >= plays;
}

static char *
create_alert (Fixture    *f,
              const char *priority)
{
  g_autofree char *path = g_strdup_printf ("/_sandbox/alerts?site=%s", tocsin_test_sandbox_get_cloud_id (f->sb, 0));
  g_autofree char *body = g_strdup_printf ("{\"message\":\"Queue backlog %s\",\"priority\":\"%s\"}", priority, priority);
  g_autoptr(JsonNode) created = NULL;
  guint status = 0;

  created = tocsin_test_sandbox_control (f->sb, "POST", path, body, &status);
  g_assert_cmpuint (status, ==, 201);

  return g_strdup (json_object_get_string_member (json_node_get_object (created), "id"));
}

/* The alerts that were open before the test do not ring: they are the
 * backlog, announced (silently here) on the first refresh. */
static void
settle_backlog (Fixture *f)
{
  tocsin_alarm_set_min_priority (f->alarm, 0);
  refresh_and_wait (f);
  tocsin_alarm_set_min_priority (f->alarm, 1);
  g_assert_false (tocsin_alarm_get_ringing (f->alarm));
  f->player->plays = 0;
  f->player->stops = 0;
}

/* A new P1 rings and rings again; acknowledged at Atlassian by someone
 * else, it stops at the next refresh. A P3 never rings at P1. */
static void
test_rings_until_acknowledged (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *p3 = NULL;
  g_autofree char *p1 = NULL;
  g_autofree char *patch = NULL;
  g_autoptr(TocsinTestNotify) ringing = NULL;
  guint status = 0;
  guint plays;

  settle_backlog (f);
  ringing = tocsin_test_notify_new (f->alarm, "ringing");

  p3 = create_alert (f, "P3");
  refresh_and_wait (f);
  g_assert_false (tocsin_alarm_get_ringing (f->alarm));
  spin (1500);
  g_assert_cmpuint (f->player->plays, ==, 0);
  tocsin_test_notify_assert (ringing, 0);

  p1 = create_alert (f, "P1");
  refresh_and_wait (f);
  g_assert_true (tocsin_alarm_get_ringing (f->alarm));
  g_assert_cmpuint (f->player->plays, ==, 1);
  /* It repeats while the alert waits, which is no change of ringing. */
  g_assert_true (wait_for_plays (f->player, 3));
  tocsin_test_notify_assert (ringing, 1);

  patch = g_strdup_printf ("/_sandbox/alerts/%s", p1);
  {
    g_autoptr(JsonNode) answer = tocsin_test_sandbox_control (f->sb, "PATCH", patch, "{\"acknowledged\":true}", &status);

    g_assert_cmpuint (status, ==, 200);
  }
  /* Still ringing until Tocsin sees it. */
  g_assert_true (tocsin_alarm_get_ringing (f->alarm));
  refresh_and_wait (f);
  g_assert_false (tocsin_alarm_get_ringing (f->alarm));
  g_assert_cmpuint (f->player->stops, ==, 1);
  tocsin_test_notify_assert (ringing, 1);

  plays = f->player->plays;
  spin (2500);
  g_assert_cmpuint (f->player->plays, ==, plays);
}

/* The Notify call whose buttons act on @alert_id, or NULL. */
static JsonObject *
find_notification (const char *alert_id)
{
  g_autofree char *contents = NULL;
  g_autofree char *button = g_strconcat ("app.acknowledge-alert::", alert_id, NULL);
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (g_getenv ("TOCSIN_NOTIFICATION_LOG"), &contents, NULL, NULL))
    return NULL;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);
      JsonObject *call;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      call = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member_with_default (call, "call", ""), "Notify") != 0 ||
          !json_object_has_member (call, "actions"))
        continue;
      if (strstr (lines[i], button) != NULL)
        return json_object_ref (call);
    }

  return NULL;
}

static gboolean
has_button (JsonObject *call,
            const char *action,
            const char *label)
{
  JsonArray *actions = json_object_get_array_member (call, "actions");

  for (guint i = 0; i + 1 < json_array_get_length (actions); i += 2)
    if (g_strcmp0 (json_array_get_string_element (actions, i), action) == 0)
      return g_strcmp0 (json_array_get_string_element (actions, i + 1), label) == 0;

  return FALSE;
}

/* The notification of a ringing alert has Silence; clicking it (through
 * the notification server) stops the alarm while the alert still waits. A
 * P2 (not ringing at P1) has no Silence button. */
static void
test_silence_button (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *p1 = NULL;
  g_autofree char *p2 = NULL;
  g_autoptr(JsonObject) call = NULL;
  g_autoptr(JsonObject) quiet = NULL;
  g_autofree char *command = NULL;
  gint64 deadline;
  guint plays;
  FILE *control;

  settle_backlog (f);

  p2 = create_alert (f, "P2");
  p1 = create_alert (f, "P1");
  refresh_and_wait (f);
  g_assert_true (tocsin_alarm_get_ringing (f->alarm));

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while ((call == NULL || quiet == NULL) && g_get_monotonic_time () < deadline)
    {
      if (call == NULL)
        call = find_notification (p1);
      if (quiet == NULL)
        quiet = find_notification (p2);
      spin (20);
    }
  g_assert_nonnull (call);
  g_assert_nonnull (quiet);
  g_assert_true (has_button (call, "app.silence-alarm", "Silence"));
  g_assert_false (has_button (quiet, "app.silence-alarm", "Silence"));

  command = g_strdup_printf ("invoke %" G_GINT64_FORMAT " app.silence-alarm\n", json_object_get_int_member (call, "id"));
  control = fopen (g_getenv ("TOCSIN_NOTIFICATION_CONTROL"), "w");
  g_assert_nonnull (control);
  fputs (command, control);
  fclose (control);

  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (tocsin_alarm_get_ringing (f->alarm) && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_false (tocsin_alarm_get_ringing (f->alarm));
  g_assert_cmpuint (f->player->stops, ==, 1);

  /* Silenced stays silent, also across refreshes while the alert waits. */
  plays = f->player->plays;
  refresh_and_wait (f);
  spin (2500);
  g_assert_cmpuint (f->player->plays, ==, plays);
}

/* Each property notifies when its value changes and never on a set to the
 * value it has; ringing notifies when the alarm starts and stops, not for
 * each page that keeps it ringing. */
static void
test_notify (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(TocsinTestNotify) min_priority = tocsin_test_notify_new (f->alarm, "min-priority");
  g_autoptr(TocsinTestNotify) repeat_interval =
    tocsin_test_notify_new (f->alarm, "repeat-interval");
  g_autoptr(TocsinTestNotify) ringing = tocsin_test_notify_new (f->alarm, "ringing");

  tocsin_alarm_set_min_priority (f->alarm, tocsin_alarm_get_min_priority (f->alarm));
  tocsin_test_notify_assert (min_priority, 0);
  tocsin_alarm_set_min_priority (f->alarm, 2);
  tocsin_alarm_set_min_priority (f->alarm, 2);
  tocsin_test_notify_assert (min_priority, 1);

  tocsin_alarm_set_repeat_interval (f->alarm, tocsin_alarm_get_repeat_interval (f->alarm));
  tocsin_test_notify_assert (repeat_interval, 0);
  tocsin_alarm_set_repeat_interval (f->alarm, 5);
  tocsin_alarm_set_repeat_interval (f->alarm, 5);
  tocsin_test_notify_assert (repeat_interval, 1);

  tocsin_alarm_ring (f->alarm, "quiet", 3);
  tocsin_test_notify_assert (ringing, 0);
  tocsin_alarm_ring (f->alarm, "first", 1);
  tocsin_alarm_ring (f->alarm, "second", 2);
  tocsin_test_notify_assert (ringing, 1);
  tocsin_alarm_forget (f->alarm, "first");
  tocsin_test_notify_assert (ringing, 0);
  tocsin_alarm_forget (f->alarm, "second");
  tocsin_test_notify_assert (ringing, 1);
  tocsin_alarm_silence (f->alarm);
  tocsin_test_notify_assert (ringing, 0);
  tocsin_alarm_ring (f->alarm, "third", 1);
  tocsin_alarm_silence (f->alarm);
  tocsin_test_notify_assert (ringing, 2);
}

/* Dropped by their owner while ringing, the notifier, the alarm and its
 * player are finalized, and the repeat stops with them. */
static void
test_finalize (Fixture       *f,
               gconstpointer  data)
{
  TestPlayer *player = f->player;
  g_autofree char *p1 = NULL;

  settle_backlog (f);
  p1 = create_alert (f, "P1");
  refresh_and_wait (f);
  g_assert_true (tocsin_alarm_get_ringing (f->alarm));

  g_signal_handlers_disconnect_by_data (f->monitor, f->notifier);
  g_assert_finalize_object (g_steal_pointer (&f->notifier));
  g_assert_finalize_object (g_steal_pointer (&f->alarm));
  g_object_add_weak_pointer (G_OBJECT (player), (gpointer *)&player);
  g_clear_object (&f->player);
  g_assert_null (player);
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

  g_test_add ("/alarm/rings-until-acknowledged", Fixture, NULL,
              fixture_set_up, test_rings_until_acknowledged, fixture_tear_down);
  g_test_add ("/alarm/silence-button", Fixture, NULL,
              fixture_set_up, test_silence_button, fixture_tear_down);
  g_test_add ("/alarm/notify", Fixture, NULL, fixture_set_up, test_notify, fixture_tear_down);
  g_test_add ("/alarm/finalize", Fixture, NULL, fixture_set_up, test_finalize, fixture_tear_down);

  return g_test_run ();
}
