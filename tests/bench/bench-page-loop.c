/* bench-page-loop.c: main-loop iterations of a 10,000-alert refresh with the alerts page shown
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same refreshes as bench-alerts (the first one, then one with ~5 %
 * changed on the server), with the alerts page in a window like the real
 * one, so the iterations also hold what the page's sort model, selection,
 * column view layout and paint do with each change. Times only.
 */

#include "bench-loop.h"

#include "config.h"

#include <adwaita.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-alerts-page.h"
#include "tocsin-test-token-provider.h"

#define N_ALERTS 10000

static void
on_loading_cb (GObject    *object,
               GParamSpec *pspec,
               gboolean   *done)
{
  if (!tocsin_alert_monitor_get_loading (TOCSIN_ALERT_MONITOR (object)))
    *done = TRUE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Refreshes (the first time by giving the page the monitor, which starts
 * it) and waits until the page painted the result. */
static BenchLoop
measure_refresh (TocsinAlertsPage   *page,
                 TocsinAlertMonitor *monitor,
                 GtkWidget          *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean done = FALSE, painted = FALSE;
  gulong id = g_signal_connect (monitor, "notify::loading", G_CALLBACK (on_loading_cb), &done);
  gulong paint_id;

  bench_loop_start ();
  if (tocsin_alerts_page_get_monitor (page) == NULL)
    tocsin_alerts_page_set_monitor (page, monitor);
  else
    tocsin_alert_monitor_refresh (monitor);
  test_wait_for (&done);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (window);
  test_wait_for (&painted);
  g_signal_handler_disconnect (clock, paint_id);
  g_signal_handler_disconnect (monitor, id);
  g_assert_null (tocsin_alert_monitor_get_error (monitor));
  return bench_loop_stop ();
}

int
main (int   argc,
      char *argv[])
{
  TocsinTestSandbox *sb;
  g_autoptr(TestTokenProvider) provider = NULL;
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(TocsinAlertMonitor) monitor = NULL;
  g_autofree char *count = g_strdup_printf ("%d", N_ALERTS);
  GtkWindow *window;
  AdwViewStack *stack;
  TocsinAlertsPage *page;
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;
  BenchLoop first, second;

  gtk_init ();
  adw_init ();

  sb = tocsin_test_sandbox_start ("--alerts", count, NULL);
  provider = test_token_provider_new (sb, NULL);
  client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (sb),
                                  tocsin_test_sandbox_get_cloud_id (sb, 0),
                                  TOCSIN_TOKEN_PROVIDER (provider), NULL);
  monitor = tocsin_alert_monitor_new (client);
  tocsin_alert_monitor_set_interval (monitor, 0);
  tocsin_alert_monitor_set_query (monitor, "");

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 1280, 760);
  stack = ADW_VIEW_STACK (adw_view_stack_new ());
  page = g_object_new (TOCSIN_TYPE_ALERTS_PAGE, NULL);
  adw_view_stack_add_titled (stack, GTK_WIDGET (page), "alerts", "Alerts");
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (stack));
  gtk_window_present (window);
  /* Start-up is not part of it: from the first frame on. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  test_wait_for (&painted);
  g_signal_handler_disconnect (clock, id);
  first = measure_refresh (page, monitor, GTK_WIDGET (window));

  for (guint i = 0; i < 500; i++)
    {
      TocsinAlert *alert =
        g_list_model_get_item (G_LIST_MODEL (tocsin_alert_monitor_get_model (monitor)), i * 20);
      g_autofree char *path = g_strdup_printf ("/_sandbox/alerts/%s", tocsin_alert_get_id (alert));

      tocsin_test_sandbox_control (sb, "PATCH", path, "{\"message\":\"changed for the benchmark\"}",
                                   NULL);
      g_object_unref (alert);
    }
  second = measure_refresh (page, monitor, GTK_WIDGET (window));

  g_print ("page-loop first %.2f %.2f %ld %.2f\n", first.max_wall_ms, first.max_wall_cpu_ms,
           first.max_wall_waits, first.max_cpu_ms);
  g_print ("page-loop changed %.2f %.2f %ld %.2f\n", second.max_wall_ms, second.max_wall_cpu_ms,
           second.max_wall_waits, second.max_cpu_ms);

  tocsin_alerts_page_set_monitor (page, NULL);
  gtk_window_destroy (window);
  g_clear_object (&monitor);
  g_clear_object (&client);
  g_clear_object (&provider);
  tocsin_test_sandbox_stop (sb);
  return 0;
}
