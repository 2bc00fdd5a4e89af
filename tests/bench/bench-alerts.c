/* bench-alerts.c: parse, apply and main-loop stall at 10,000 alerts
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fetches the pages of a 10,000-alert sandbox once, then times a raw
 * json-glib parse of the same bytes (the baseline), our parser, the first
 * apply and an apply with ~5 % changed; finally runs full refreshes through
 * TocsinAlertMonitor and records the longest main-loop iteration, its CPU
 * time (bench-loop.h) and the longest gap of a high-priority 1 ms timeout.
 * No view is attached: bench-page-loop does the same with the alerts page.
 * Times only; no assertions.
 */

#include "bench-loop.h"

#include "config.h"

#include <libsoup/soup.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-alert-parser.h"
#include "tocsin-test-token-provider.h"

#define N_ALERTS "10000"
#define ROUNDS 5

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median (double *v,
        guint   n)
{
  qsort (v, n, sizeof (double), compare_double);
  return v[n / 2];
}

static GPtrArray *
fetch_pages (TocsinTestSandbox *sb,
             const char        *token)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  GPtrArray *pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *auth = g_strconcat ("Bearer ", token, NULL);
  g_autofree char *path = tocsin_test_sandbox_site_path (sb, 0, "alerts");

  for (guint offset = 0; offset < 10000; offset += 100)
    {
      g_autofree char *url = g_strdup_printf ("%s%s?offset=%u&size=100", tocsin_test_sandbox_get_api_url (sb),
                                              path, offset);
      g_autoptr(SoupMessage) msg = soup_message_new ("GET", url);
      g_autoptr(GError) error = NULL;
      GBytes *bytes;

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
      bytes = soup_session_send_and_read (session, msg, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_ptr_array_add (pages, bytes);
    }
  return pages;
}

static double
time_raw_parse (GPtrArray *pages)
{
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < pages->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      gsize len;
      const char *data = g_bytes_get_data (g_ptr_array_index (pages, i), &len);

      g_assert_true (json_parser_load_from_data (parser, data, len, NULL));
    }
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_our_parse (GPtrArray  *pages,
                GPtrArray **out)
{
  GPtrArray *alerts = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < pages->len; i++)
    {
      g_autoptr(GPtrArray) page = tocsin_alert_parse_page (g_ptr_array_index (pages, i), NULL, NULL, NULL);

      g_assert_nonnull (page);
      for (guint k = 0; k < page->len; k++)
        g_ptr_array_add (alerts, g_object_ref (g_ptr_array_index (page, k)));
    }
  if (out != NULL)
    *out = alerts;
  else
    g_ptr_array_unref (alerts);
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* ~5 % changed: 2 % removed, 2 % new, 1 % with a new message. */
static GPtrArray *
changed_copy (GPtrArray *alerts)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < alerts->len; i++)
    {
      TocsinAlert *copy = tocsin_alert_copy (g_ptr_array_index (alerts, i));

      if (i % 50 == 0)
        {
          g_object_unref (copy);
          continue;
        }
      if (i % 100 == 1)
        tocsin_alert_set_message (copy, "changed");
      if (i % 50 == 25)
        {
          g_autofree char *id = g_strdup_printf ("new-%u", i);
          g_ptr_array_add (out, tocsin_alert_new (id));
        }
      g_ptr_array_add (out, copy);
    }
  return out;
}

typedef struct
{
  gint64 last;
  gint64 max_gap;
} Stall;

static gboolean
tick_cb (gpointer data)
{
  Stall *s = data;
  gint64 now = g_get_monotonic_time ();

  if (s->last != 0 && now - s->last > s->max_gap)
    s->max_gap = now - s->last;
  s->last = now;
  return G_SOURCE_CONTINUE;
}

static void
on_loading_cb (GObject    *object,
               GParamSpec *pspec,
               gboolean   *done)
{
  if (!tocsin_alert_monitor_get_loading (TOCSIN_ALERT_MONITOR (object)))
    *done = TRUE;
}

static double
measure_refresh (TocsinAlertMonitor *monitor,
                 BenchLoop          *loop)
{
  Stall s = { 0 };
  gboolean done = FALSE;
  gulong id = g_signal_connect (monitor, "notify::loading", G_CALLBACK (on_loading_cb), &done);
  guint tick = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, &s, NULL);

  bench_loop_start ();
  tocsin_alert_monitor_refresh (monitor);
  test_wait_for (&done);
  *loop = bench_loop_stop ();
  g_source_remove (tick);
  g_signal_handler_disconnect (monitor, id);
  g_assert_null (tocsin_alert_monitor_get_error (monitor));
  /* The gap includes the 1 ms timer period itself. */
  return s.max_gap / 1000.0;
}

static void
row (const char *name,
     double      ms,
     double      baseline)
{
  g_print ("%-44s %10.2f ms %8.2fx\n", name, ms, ms / baseline);
}

int
main (int   argc,
      char *argv[])
{
  TocsinTestSandbox *sb;
  g_autoptr(TestTokenProvider) provider = NULL;
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(TocsinAlertMonitor) monitor = NULL;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(TocsinAlertList) list = NULL;
  double raw[ROUNDS], ours[ROUNDS];
  double baseline, first_apply, second_apply, stall_first, stall_second;
  BenchLoop loop_first, loop_second;
  gsize total_bytes = 0;
  gint64 start;

  sb = tocsin_test_sandbox_start ("--alerts", N_ALERTS, NULL);
  provider = test_token_provider_new (sb, NULL);
  pages = fetch_pages (sb, provider->token);
  for (guint i = 0; i < pages->len; i++)
    total_bytes += g_bytes_get_size (g_ptr_array_index (pages, i));

  for (guint r = 0; r < ROUNDS; r++)
    {
      raw[r] = time_raw_parse (pages);
      ours[r] = time_our_parse (pages, NULL);
    }
  baseline = median (raw, ROUNDS);
  time_our_parse (pages, &alerts);

  list = tocsin_alert_list_new ();
  start = g_get_monotonic_time ();
  tocsin_alert_list_apply (list, alerts);
  first_apply = (g_get_monotonic_time () - start) / 1000.0;
  changed = changed_copy (alerts);
  start = g_get_monotonic_time ();
  tocsin_alert_list_apply (list, changed);
  second_apply = (g_get_monotonic_time () - start) / 1000.0;

  client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (sb), tocsin_test_sandbox_get_cloud_id (sb, 0),
                                  TOCSIN_TOKEN_PROVIDER (provider), NULL);
  monitor = tocsin_alert_monitor_new (client);
  tocsin_alert_monitor_set_interval (monitor, 0);
  tocsin_alert_monitor_set_query (monitor, "");
  stall_first = measure_refresh (monitor, &loop_first);
  /* Change ~5 % on the server, then refresh again. */
  for (guint i = 0; i < 500; i++)
    {
      TocsinAlert *alert =
        g_list_model_get_item (G_LIST_MODEL (tocsin_alert_monitor_get_model (monitor)), i * 20);
      g_autofree char *path = g_strdup_printf ("/_sandbox/alerts/%s", tocsin_alert_get_id (alert));

      tocsin_test_sandbox_control (sb, "PATCH", path, "{\"message\":\"changed for the benchmark\"}", NULL);
      g_object_unref (alert);
    }
  stall_second = measure_refresh (monitor, &loop_second);

  g_print ("\nTocsin alert benchmark: %u alerts in %u pages, %.1f MiB of JSON\n",
           g_list_model_get_n_items (G_LIST_MODEL (tocsin_alert_monitor_get_model (monitor))),
           pages->len, total_bytes / 1048576.0);
  g_print ("%-44s %13s %9s\n", "measure", "time", "ratio");
  row ("json-glib parse of the same bytes (baseline)", baseline, baseline);
  row ("tocsin_alert_parse_page, all pages", median (ours, ROUNDS), baseline);
  row ("first apply (empty -> 10,000)", first_apply, baseline);
  row ("apply with ~5% changed", second_apply, baseline);
  row ("longest main-loop iteration, first refresh", loop_first.max_wall_ms, baseline);
  row ("  its CPU time", loop_first.max_wall_cpu_ms, baseline);
  row ("  most CPU time of one iteration", loop_first.max_cpu_ms, baseline);
  row ("longest main-loop iteration, ~5% changed", loop_second.max_wall_ms, baseline);
  row ("  its CPU time", loop_second.max_wall_cpu_ms, baseline);
  row ("  most CPU time of one iteration", loop_second.max_cpu_ms, baseline);
  row ("longest timer gap, first refresh", stall_first, baseline);
  row ("longest timer gap, ~5% changed", stall_second, baseline);
  g_print (
    "(parse: median of %d runs; an iteration's wall time, like a timer gap, also counts time\n"
    " the process waited for a CPU, e.g. while the sandbox uses the CPUs; its CPU time does\n"
    " not; %u CPUs here)\n",
    ROUNDS, g_get_num_processors ());

  g_clear_object (&monitor);
  g_clear_object (&client);
  g_clear_object (&provider);
  tocsin_test_sandbox_stop (sb);
  return 0;
}
