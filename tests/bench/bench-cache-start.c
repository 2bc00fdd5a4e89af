/* bench-cache-start.c: the scene for the signed-in start-up benchmark
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signed in earlier: the sandbox's tokens in the session's keyring, and the
 * cache holding the open alerts as an earlier run left them, with the
 * record of the account signed in last. Then the
 * sandbox's API is made slow (every answer after BENCH_DELAY_MS) and
 * "ready AUTH-URL API-URL CLIENT-ID" printed; build-aux/bench starts
 * `tocsin` with those until it has what it measures and closes stdin, which
 * ends this program and the sandbox.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "tocsin-account-state.h"
#include "tocsin-alert-monitor.h"
#include "tocsin-cache.h"
#include "tocsin-test-token-provider.h"
#include "tocsin-token-store.h"

/* The 2 s of the benchmark; TOCSIN_BENCH_DELAY_MS sets another, e.g. a
 * longer one for a run under a profiler, which is slower than the server. */
#define BENCH_DELAY_MS 2000

static void
on_async_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
async_wait (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
store_sign_in (TocsinTestSandbox *sb)
{
  g_autoptr(TocsinTokenSet) tokens = tocsin_token_set_new ();
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) secret_saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refresh = NULL;

  tokens->access_token = tocsin_test_sandbox_sign_in (sb, NULL, &refresh);
  tokens->refresh_token = g_steal_pointer (&refresh);
  tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC + 3600;
  tokens->scope = g_strdup (TOCSIN_TEST_SANDBOX_ALL_SCOPES);
  tocsin_token_store_save_async (tocsin_test_sandbox_get_auth_url (sb),
                                 tocsin_test_sandbox_get_client_id (sb),
                                 TOCSIN_TEST_SANDBOX_USER_ID, tokens, NULL, on_async_cb, &saved);
  if (!tocsin_token_store_save_finish (async_wait (&saved), &error))
    g_error ("bench-cache-start: no keyring: %s", error->message);
  tocsin_token_store_save_client_secret_async (tocsin_test_sandbox_get_auth_url (sb),
                                               tocsin_test_sandbox_get_client_id (sb),
                                               tocsin_test_sandbox_get_client_secret (sb), NULL,
                                               on_async_cb, &secret_saved);
  if (!tocsin_token_store_save_client_secret_finish (async_wait (&secret_saved), &error))
    g_error ("bench-cache-start: no keyring: %s", error->message);
}

static void
on_loading_cb (TocsinAlertMonitor *monitor,
               GParamSpec         *pspec,
               gboolean           *done)
{
  if (!tocsin_alert_monitor_get_loading (monitor) &&
      tocsin_alert_monitor_get_last_refresh (monitor) != NULL)
    *done = TRUE;
}

/* What the app's window keeps after a refresh of its default query. */
static void
fill_cache (TocsinTestSandbox *sb)
{
  g_autoptr(TestTokenProvider) provider = test_token_provider_new (sb, NULL);
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(TocsinAlertMonitor) monitor = NULL;
  g_autoptr(TocsinCache) cache = tocsin_cache_new (TOCSIN_TEST_SANDBOX_USER_ID);
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (sb),
                                  tocsin_test_sandbox_get_cloud_id (sb, 0),
                                  TOCSIN_TOKEN_PROVIDER (provider), NULL);
  monitor = tocsin_alert_monitor_new (client);
  tocsin_alert_monitor_set_interval (monitor, 0);
  g_signal_connect (monitor, "notify::loading", G_CALLBACK (on_loading_cb), &done);
  tocsin_alert_monitor_set_active (monitor, TRUE);
  test_wait_for (&done);
  tocsin_alert_monitor_set_active (monitor, FALSE);

  tocsin_cache_save_alerts_async (cache, tocsin_test_sandbox_get_cloud_id (sb, 0),
                                  tocsin_alert_monitor_get_query (monitor),
                                  G_LIST_MODEL (tocsin_alert_monitor_get_model (monitor)), NULL,
                                  on_async_cb, &saved);
  if (!tocsin_cache_save_finish (cache, async_wait (&saved), &error))
    g_error ("bench-cache-start: %s", error->message);
  /* ...and who was signed in, so the cache is read before the keyring answers. */
  tocsin_account_state_save_last (tocsin_test_sandbox_get_auth_url (sb),
                                  tocsin_test_sandbox_get_client_id (sb),
                                  TOCSIN_TEST_SANDBOX_USER_ID,
                                  tocsin_test_sandbox_get_cloud_id (sb, 0));
}

int
main (int   argc,
      char *argv [])
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autofree char   *site = tocsin_test_sandbox_site_path (sb, 0, "");
  g_autofree char   *fault = NULL;
  const char        *delay = g_getenv ("TOCSIN_BENCH_DELAY_MS");
  char               buffer [64];

  store_sign_in (sb);
  fill_cache (sb);

  fault = g_strdup_printf (
    "{\"path\":\"%s\",\"method\":\"GET\",\"kind\":\"delay\",\"delay_ms\":%d,\"times\":-1}", site,
    delay != NULL ? atoi (delay) : BENCH_DELAY_MS);
  tocsin_test_sandbox_add_fault (sb, fault);

  printf ("ready %s %s %s\n", tocsin_test_sandbox_get_auth_url (sb),
          tocsin_test_sandbox_get_api_url (sb), tocsin_test_sandbox_get_client_id (sb));
  fflush (stdout);
  while (fgets (buffer, sizeof buffer, stdin) != NULL)
    ;

  tocsin_test_sandbox_stop (sb);
  return 0;
}
