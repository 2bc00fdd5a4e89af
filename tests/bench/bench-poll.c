/* bench-poll.c: what an idle poll costs
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For 100, 500 and 5,000 matching alerts: one first refresh through
 * TocsinAlertMonitor, then POLLS polls of its timer (1 s apart) with nothing
 * changed on the server. The sandbox request log counts the requests; their response bytes
 * are measured by sending the logged requests once more. Prints one line per
 * size for build-aux/bench: "poll <alerts> <requests per poll> <bytes per poll>".
 */

#include "config.h"

#include <libsoup/soup.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-test-token-provider.h"

#define POLLS 10

static void
on_loading_cb (GObject    *object,
               GParamSpec *pspec,
               gboolean   *done)
{
  if (!tocsin_alert_monitor_get_loading (TOCSIN_ALERT_MONITOR (object)))
    *done = TRUE;
}

static void
refresh_and_wait (TocsinAlertMonitor *monitor)
{
  gboolean done = FALSE;
  gulong id = g_signal_connect (monitor, "notify::loading", G_CALLBACK (on_loading_cb), &done);

  tocsin_alert_monitor_refresh (monitor);
  test_wait_for (&done);
  g_signal_handler_disconnect (monitor, id);
  g_assert_null (tocsin_alert_monitor_get_error (monitor));
}

static void
on_poll_done_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *polls)
{
  if (!tocsin_alert_monitor_get_loading (TOCSIN_ALERT_MONITOR (object)))
    (*polls)++;
}

static gsize
replayed_bytes (TocsinTestSandbox *sb,
                const char        *token,
                GPtrArray         *log)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  gsize bytes = 0;

  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);
      JsonObject *query = json_object_get_object_member (entry, "query");
      g_autoptr(GString) url = g_string_new (tocsin_test_sandbox_get_api_url (sb));
      g_autoptr(GList) names = json_object_get_members (query);
      g_autoptr(SoupMessage) msg = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(GError) error = NULL;

      g_string_append (url, json_object_get_string_member (entry, "path"));
      for (GList *l = names; l != NULL; l = l->next)
        {
          g_string_append_c (url, l == names ? '?' : '&');
          g_string_append_uri_escaped (url, l->data, NULL, FALSE);
          g_string_append_c (url, '=');
          g_string_append_uri_escaped (url, json_object_get_string_member (query, l->data), NULL, FALSE);
        }
      msg = soup_message_new (json_object_get_string_member (entry, "method"), url->str);
      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      body = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
      bytes += g_bytes_get_size (body);
    }
  return bytes;
}

static void
measure (const char *n_alerts)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--alerts", n_alerts, NULL);
  g_autoptr(TestTokenProvider) provider = test_token_provider_new (sb, NULL);
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(TocsinAlertMonitor) monitor = NULL;
  g_autoptr(GPtrArray) log = NULL;
  guint polls = 0;
  gulong id;

  client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (sb), tocsin_test_sandbox_get_cloud_id (sb, 0),
                                  TOCSIN_TOKEN_PROVIDER (provider), NULL);
  monitor = tocsin_alert_monitor_new (client);
  tocsin_alert_monitor_set_poll_interval (monitor, 0);
  /* Every alert matches. */
  tocsin_alert_monitor_set_query (monitor, "");
  refresh_and_wait (monitor);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (tocsin_alert_monitor_get_list (monitor))), ==,
                    g_ascii_strtoull (n_alerts, NULL, 10));

  id = g_signal_connect (monitor, "notify::loading", G_CALLBACK (on_poll_done_cb), &polls);
  tocsin_alert_monitor_set_poll_interval (monitor, 1);
  tocsin_alert_monitor_set_active (monitor, TRUE);
  /* Activating refreshes at once, in full: not an idle poll. The next poll
   * starts a second after it ends. */
  while (polls < 1)
    g_main_context_iteration (NULL, TRUE);
  tocsin_test_sandbox_clear_log (sb);
  polls = 0;
  while (polls < POLLS)
    g_main_context_iteration (NULL, TRUE);
  tocsin_alert_monitor_set_active (monitor, FALSE);
  g_signal_handler_disconnect (monitor, id);
  log = tocsin_test_sandbox_get_log (sb);
  g_print ("poll %s %.2f %.0f\n", n_alerts, (double) log->len / POLLS,
           (double) replayed_bytes (sb, provider->token, log) / POLLS);

  g_clear_object (&monitor);
  g_clear_object (&client);
  g_clear_object (&provider);
  tocsin_test_sandbox_stop (sb);
}

/* The window's monitor and the paging watcher's on the same query, both
 * polling: requests per poll of the watcher, with the window's monitor
 * following the watcher's (@shared) or polling on its own. */
static double
measure_pair (const char *n_alerts,
              gboolean    shared)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--alerts", n_alerts, NULL);
  g_autoptr(TestTokenProvider) provider = test_token_provider_new (sb, NULL);
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(TocsinAlertMonitor) watcher = NULL;
  g_autoptr(TocsinAlertMonitor) window = NULL;
  g_autoptr(GPtrArray) log = NULL;
  guint  polls = 0;
  gulong id;

  client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (sb),
                                  tocsin_test_sandbox_get_cloud_id (sb, 0),
                                  TOCSIN_TOKEN_PROVIDER (provider), NULL);
  watcher = tocsin_alert_monitor_new (client);
  window = tocsin_alert_monitor_new (client);
  if (shared)
    tocsin_alert_monitor_set_leader (window, watcher);
  tocsin_alert_monitor_set_query (watcher, "");
  tocsin_alert_monitor_set_query (window, "");
  tocsin_alert_monitor_set_poll_interval (watcher, 1);
  tocsin_alert_monitor_set_poll_interval (window, 1);
  id = g_signal_connect (watcher, "notify::loading", G_CALLBACK (on_poll_done_cb), &polls);
  tocsin_alert_monitor_set_active (watcher, TRUE);
  tocsin_alert_monitor_set_active (window, TRUE);
  while (polls < 2)
    g_main_context_iteration (NULL, TRUE);
  tocsin_test_sandbox_clear_log (sb);
  polls = 0;
  while (polls < POLLS)
    g_main_context_iteration (NULL, TRUE);
  log = tocsin_test_sandbox_get_log (sb);
  tocsin_alert_monitor_set_active (window, FALSE);
  tocsin_alert_monitor_set_active (watcher, FALSE);
  g_signal_handler_disconnect (watcher, id);

  g_clear_object (&window);
  g_clear_object (&watcher);
  g_clear_object (&client);
  g_clear_object (&provider);
  tocsin_test_sandbox_stop (sb);
  return (double) log->len / POLLS;
}

int
main (int   argc,
      char *argv[])
{
  double before;

  measure ("100");
  measure ("500");
  measure ("5000");
  before = measure_pair ("100", FALSE);
  g_print ("poll-shared 100 %.2f %.2f\n", before, measure_pair ("100", TRUE));
  return 0;
}
