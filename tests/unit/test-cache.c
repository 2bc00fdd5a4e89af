/* test-cache.c: the start-up cache of the window's alerts
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Alerts come from the sandbox through the real client and parser, so the
 * round trip covers every field the API sends; each test uses an account of
 * its own under the harness's throwaway XDG_CACHE_HOME.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-cache.h"
#include "tocsin-test-token-provider.h"

#define SITE "site-1"
#define QUERY "status:open"

typedef struct
{
  TocsinTestSandbox  *sb;
  TestTokenProvider  *provider;
  TocsinOpsClient    *client;
  TocsinAlertMonitor *monitor;
  TocsinCache        *cache;
  char               *file;
} Fixture;

static void
on_loading_cb (TocsinAlertMonitor *monitor,
               GParamSpec         *pspec,
               gboolean           *done)
{
  if (!tocsin_alert_monitor_get_loading (monitor) &&
      tocsin_alert_monitor_get_last_refresh (monitor) != NULL)
    *done = TRUE;
}

static void
fixture_setup (Fixture      *f,
               gconstpointer data)
{
  g_autofree char *account = g_strdup_printf ("557058:test-%s", (const char *)data);
  gboolean         done = FALSE;

  f->sb = tocsin_test_sandbox_start (NULL);
  f->provider = test_token_provider_new (f->sb, NULL);
  f->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                     tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                     TOCSIN_TOKEN_PROVIDER (f->provider), NULL);
  f->monitor = tocsin_alert_monitor_new (f->client);
  tocsin_alert_monitor_set_poll_interval (f->monitor, 0);
  g_signal_connect (f->monitor, "notify::loading", G_CALLBACK (on_loading_cb), &done);
  tocsin_alert_monitor_set_query (f->monitor, "");
  tocsin_alert_monitor_set_active (f->monitor, TRUE);
  test_wait_for (&done);
  g_signal_handlers_disconnect_by_data (f->monitor, &done);
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (tocsin_alert_monitor_get_list (f->monitor))),
                    >, 0);

  f->cache = tocsin_cache_new (account);
  f->file = g_build_filename (tocsin_cache_get_path (f->cache), "alerts.json", NULL);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_assert_true (tocsin_cache_delete (f->cache, NULL));
  g_free (f->file);
  g_clear_object (&f->cache);
  g_clear_object (&f->monitor);
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  tocsin_test_sandbox_stop (f->sb);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (tocsin_cache_save_alerts_finish (TOCSIN_CACHE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
save (Fixture    *f,
      GListModel *alerts)
{
  gboolean done = FALSE;

  tocsin_cache_save_alerts_async (f->cache, SITE, QUERY, alerts, NULL, on_saved_cb, &done);
  test_wait_for (&done);
}

static GListModel *
list (Fixture *f)
{
  return G_LIST_MODEL (tocsin_alert_monitor_get_list (f->monitor));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) loaded = NULL;
  guint n = g_list_model_get_n_items (list (f));

  g_assert_null (tocsin_cache_load_alerts (f->cache, SITE, QUERY));
  save (f, list (f));

  loaded = tocsin_cache_load_alerts (f->cache, SITE, QUERY);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (loaded->len, ==, MIN (n, TOCSIN_CACHE_MAX_ALERTS));
  for (guint i = 0; i < loaded->len; i++)
    {
      g_autoptr(TocsinAlert) original = g_list_model_get_item (list (f), i);

      g_assert_true (tocsin_alert_equal_content (original, g_ptr_array_index (loaded, i)));
    }

  /* Another site's or query's alerts are not these. */
  g_assert_null (tocsin_cache_load_alerts (f->cache, "site-2", QUERY));
  g_assert_null (tocsin_cache_load_alerts (f->cache, SITE, "status:closed"));
}

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length;

  save (f, list (f));
  g_assert_true (g_file_get_contents (f->file, &contents, &length, NULL));

  /* Cut short, as by a crash of a writer that did not write atomically. */
  g_assert_true (g_file_set_contents (f->file, contents, length / 2, NULL));
  g_assert_null (tocsin_cache_load_alerts (f->cache, SITE, QUERY));

  g_assert_true (g_file_set_contents (f->file, "\x89PNG\r\n\x1a\n garbage", -1, NULL));
  g_assert_null (tocsin_cache_load_alerts (f->cache, SITE, QUERY));

  g_assert_true (g_file_set_contents (f->file, "[1, 2, 3]", -1, NULL));
  g_assert_null (tocsin_cache_load_alerts (f->cache, SITE, QUERY));

  g_assert_true (g_file_set_contents (f->file, "", 0, NULL));
  g_assert_null (tocsin_cache_load_alerts (f->cache, SITE, QUERY));
}

static void
test_old_version (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autofree char *current = g_strdup_printf ("\"version\":%d", TOCSIN_CACHE_VERSION);
  const char *versions[] = { "\"version\":0", "\"version\":\"1\"", "\"unversioned\":1" };

  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;

  save (f, list (f));
  before = tocsin_cache_load_alerts (f->cache, SITE, QUERY);
  g_assert_nonnull (before);
  g_assert_true (g_file_get_contents (f->file, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, current));

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autoptr(GString) other = g_string_new (contents);

      g_string_replace (other, current, versions[i], 1);
      g_assert_true (g_file_set_contents (f->file, other->str, other->len, NULL));
      g_assert_null (tocsin_cache_load_alerts (f->cache, SITE, QUERY));
    }

  /* A save after a failed load writes the current version again. */
  g_assert_true (tocsin_cache_delete (f->cache, NULL));
  save (f, list (f));
  after = tocsin_cache_load_alerts (f->cache, SITE, QUERY);
  g_assert_nonnull (after);
  g_assert_cmpuint (after->len, ==, before->len);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  const char *dir = tocsin_cache_get_path (f->cache);
  struct stat st;

  /* A directory left too open (by hand, an older build) is closed again. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  save (f, list (f));

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (f->file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_str_has_prefix (dir, g_get_user_cache_dir ()));

  /* Deleted whole, and deleting what is gone is no error. */
  g_assert_true (tocsin_cache_delete (f->cache, NULL));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_assert_true (tocsin_cache_delete (f->cache, NULL));
}

/* The alerts came over a signed-in client; nothing of its token is kept. */
static void
test_no_token (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  save (f, list (f));
  g_assert_nonnull (f->provider->token);
  g_assert_cmpuint (strlen (f->provider->token), >, 8);

  dir = g_dir_open (tocsin_cache_get_path (f->cache), 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (tocsin_cache_get_path (f->cache), name, NULL);
      g_autofree char *text = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (path, &text, &length, NULL));
      g_assert_cmpuint (length, >, 0);
      g_assert_null (g_strstr_len (text, length, f->provider->token));
      g_assert_null (g_strstr_len (text, length, "Bearer"));
      n_files++;
    }
  g_assert_cmpuint (n_files, ==, 1);
}

/* An account id is a directory name only when it is a plain one. */
static void
test_account_path (void)
{
  const char *ids[] = { "../../escape", "a/b", ".", "..", ".hidden" };
  g_autofree char *root = g_build_filename (g_get_user_cache_dir (), "tocsin", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(TocsinCache) cache = tocsin_cache_new (ids[i]);
      g_autofree char *parent = g_path_get_dirname (tocsin_cache_get_path (cache));
      g_autofree char *base = g_path_get_basename (tocsin_cache_get_path (cache));

      g_assert_cmpstr (parent, ==, root);
      g_assert_true (g_str_has_prefix (base, "account-"));
    }
}

int
main (int   argc,
      char *argv [])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/cache/" name, Fixture, name, fixture_setup, func, fixture_teardown)
  ADD ("round-trip", test_round_trip);
  ADD ("corrupt", test_corrupt);
  ADD ("old-version", test_old_version);
  ADD ("permissions", test_permissions);
  ADD ("no-token", test_no_token);
#undef ADD
  g_test_add_func ("/cache/account-path", test_account_path);

  return g_test_run ();
}
