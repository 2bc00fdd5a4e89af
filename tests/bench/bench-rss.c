/* bench-rss.c: resident memory with 10,000 alerts shown
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The alerts page, signed in against a 10,000-alert sandbox (which runs in
 * its own process), in a window like the real one; once every alert is
 * loaded, the page is painted until its list shows them all (it adds its
 * rows a screenful per frame) and VmRSS read after that paint.
 * Prints "rss-kb <kB>" for build-aux/bench, and before it "rss-kb-model
 * <kB>": the same with the alerts loaded but not yet given to the page.
 * Then "rss-kb-refreshed <kB>": after three full refreshes, as a running
 * app is after a while (each parses every alert anew; what is freed then
 * is what glibc may keep).
 */

#include "config.h"

#include <adwaita.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-alerts-page.h"
#include "tocsin-bench.h"
#include "tocsin-test-token-provider.h"

#define N_ALERTS 10000

static void
on_loading_cb (GObject    *object,
               GParamSpec *pspec,
               gboolean   *done)
{
  TocsinAlertMonitor *monitor = TOCSIN_ALERT_MONITOR (object);

  if (!tocsin_alert_monitor_get_loading (monitor) &&
      g_list_model_get_n_items (G_LIST_MODEL (tocsin_alert_monitor_get_model (monitor))) ==
        N_ALERTS)
    *done = TRUE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

static gboolean
on_settled_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
paint (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  test_wait_for (&painted);
  g_signal_handler_disconnect (clock, id);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Paints until the alerts list shows every alert, then once more. */
static void
paint_all_rows (GtkWidget *window)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_descendant (window, GTK_TYPE_COLUMN_VIEW));

  g_assert_nonnull (view);
  while (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))) < N_ALERTS)
    paint (window);
  paint (window);
}

static void
refresh (TocsinAlertMonitor *monitor)
{
  gboolean loaded = FALSE;
  gulong id = g_signal_connect (monitor, "notify::loading", G_CALLBACK (on_loading_cb), &loaded);

  tocsin_alert_monitor_refresh (monitor);
  test_wait_for (&loaded);
  g_signal_handler_disconnect (monitor, id);
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
  gboolean loaded = FALSE, settled = FALSE;
  gulong id;

  gtk_init ();
  adw_init ();

  sb = tocsin_test_sandbox_start ("--alerts", count, NULL);
  provider = test_token_provider_new (sb, NULL);
  client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (sb), tocsin_test_sandbox_get_cloud_id (sb, 0),
                                  TOCSIN_TOKEN_PROVIDER (provider), NULL);
  monitor = tocsin_alert_monitor_new (client);
  tocsin_alert_monitor_set_interval (monitor, 0);

  window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (window, 1280, 760);
  stack = ADW_VIEW_STACK (adw_view_stack_new ());
  page = g_object_new (TOCSIN_TYPE_ALERTS_PAGE, NULL);
  adw_view_stack_add_titled (stack, GTK_WIDGET (page), "alerts", "Alerts");
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (stack));
  gtk_window_present (window);

  /* The alerts first, not shown: what the model costs apart from the rows. */
  id = g_signal_connect (monitor, "notify::loading", G_CALLBACK (on_loading_cb), &loaded);
  tocsin_alert_monitor_set_query (monitor, "");
  tocsin_alert_monitor_set_active (monitor, TRUE);
  test_wait_for (&loaded);
  g_signal_handler_disconnect (monitor, id);
  g_print ("rss-kb-model %" G_GSIZE_FORMAT "\n", tocsin_bench_read_rss_kb ());
  tocsin_alerts_page_set_monitor (page, monitor);

  paint_all_rows (GTK_WIDGET (window));
  g_print ("rss-kb %" G_GSIZE_FORMAT "\n", tocsin_bench_read_rss_kb ());

  for (guint i = 0; i < 3; i++)
    refresh (monitor);
  /* The replaced copies are freed in a thread after the refresh ends. */
  g_timeout_add_seconds (1, on_settled_cb, &settled);
  test_wait_for (&settled);
  paint_all_rows (GTK_WIDGET (window));
  g_print ("rss-kb-refreshed %" G_GSIZE_FORMAT "\n", tocsin_bench_read_rss_kb ());

  tocsin_alerts_page_set_monitor (page, NULL);
  gtk_window_destroy (window);
  g_clear_object (&monitor);
  g_clear_object (&client);
  g_clear_object (&provider);
  tocsin_test_sandbox_stop (sb);
  return 0;
}
