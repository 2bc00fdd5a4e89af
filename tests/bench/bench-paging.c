/* bench-paging.c: from an alert's creation in the sandbox to the Notify call
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs inside a private session bus with the capturing notification server
 * (build-aux/bench sets that up). The paging watcher polls every 15 s; each
 * run creates an alert right after a poll finished, the worst moment, and
 * times until the server logs the Notify for it. The bound is the interval
 * plus one second; the program fails when a run exceeds it.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>

#include "tocsin-alert-notifier.h"
#include "tocsin-paging-watcher.h"
#include "tocsin-test-token-provider.h"

#define INTERVAL_S 15
#define RUNS       4

static guint refreshes;

static void
on_refreshed_cb (void)
{
  refreshes++;
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Whether the log has a Notify whose summary ends with @message. */
static gboolean
logged (const char *log_path,
        const char *message)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (log_path, &contents, NULL, NULL))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], NULL);
      JsonObject *object;

      if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (g_strcmp0 (json_object_get_string_member (object, "call"), "Notify") == 0 &&
          g_str_has_suffix (json_object_get_string_member_with_default (object, "summary", ""), message))
        return TRUE;
    }
  return FALSE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  const char *log_path = g_getenv ("TOCSIN_NOTIFICATION_LOG");
  g_autoptr(GApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  TocsinTestSandbox *sb;
  g_autoptr(TestTokenProvider) provider = NULL;
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(TocsinPagingWatcher) watcher = NULL;
  g_autoptr(TocsinAlertNotifier) notifier = NULL;
  g_autofree char *create_path = NULL;
  double latencies[RUNS];
  guint wake = g_timeout_add (5, wake_cb, NULL);
  gboolean ok = TRUE;

  if (log_path == NULL)
    {
      g_printerr ("bench-paging: run it through build-aux/bench (needs the notification server)\n");
      return 2;
    }

  g_set_application_name ("tocsin-bench");
  app = g_application_new ("io.github.tocsin.PagingBench", G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (app, NULL, &error))
    g_error ("%s", error->message);

  sb = tocsin_test_sandbox_start (NULL);
  provider = test_token_provider_new (sb, NULL);
  client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (sb), tocsin_test_sandbox_get_cloud_id (sb, 0),
                                  TOCSIN_TOKEN_PROVIDER (provider), &error);
  g_assert_no_error (error);
  create_path = g_strdup_printf ("/_sandbox/alerts?site=%s", tocsin_test_sandbox_get_cloud_id (sb, 0));

  watcher = tocsin_paging_watcher_new (client);
  notifier = tocsin_alert_notifier_new (app, tocsin_paging_watcher_get_alerts (watcher), NULL);
  g_signal_connect (watcher, "refreshed", G_CALLBACK (on_refreshed_cb), NULL);
  g_signal_connect_swapped (watcher, "refreshed", G_CALLBACK (tocsin_alert_notifier_scan), notifier);
  tocsin_paging_watcher_set_poll_interval (watcher, INTERVAL_S);
  tocsin_paging_watcher_set_active (watcher, TRUE);

  g_print ("\nTocsin paging latency: alert created in the sandbox -> Notify, %d s poll interval\n", INTERVAL_S);
  g_print ("(each alert is created right after a poll finished: the worst case)\n");

  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *message = g_strdup_printf ("Paging bench %u", run);
      g_autofree char *body = g_strdup_printf ("{\"message\":\"%s\",\"priority\":\"P1\"}", message);
      g_autoptr(JsonNode) created = NULL;
      guint seen = refreshes;
      gint64 start;
      guint status = 0;

      while (refreshes == seen)
        g_main_context_iteration (NULL, TRUE);

      start = g_get_monotonic_time ();
      created = tocsin_test_sandbox_control (sb, "POST", create_path, body, &status);
      g_assert_cmpuint (status, ==, 201);
      while (!logged (log_path, message) &&
             g_get_monotonic_time () - start < (INTERVAL_S + 10) * G_USEC_PER_SEC)
        g_main_context_iteration (NULL, TRUE);

      latencies[run] = (g_get_monotonic_time () - start) / 1000.0;
      g_print ("  run %u: %8.0f ms\n", run + 1, latencies[run]);
      ok &= latencies[run] <= (INTERVAL_S + 1) * 1000.0;
    }

  qsort (latencies, RUNS, sizeof (double), compare_doubles);
  g_print ("%-44s %10.0f ms\n", "median creation -> Notify", (latencies[RUNS / 2 - 1] + latencies[RUNS / 2]) / 2);
  g_print ("%-44s %10.0f ms (limit %d ms) %s\n", "worst", latencies[RUNS - 1], (INTERVAL_S + 1) * 1000,
           ok ? "ok" : "TOO SLOW");

  g_source_remove (wake);
  tocsin_paging_watcher_set_active (watcher, FALSE);
  g_clear_object (&notifier);
  g_clear_object (&watcher);
  g_clear_object (&client);
  g_clear_object (&provider);
  tocsin_test_sandbox_stop (sb);

  return ok ? 0 : 1;
}
