/* test-cache.c: the start-up cache of the window's alerts and schedules
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Alerts and schedules come from the sandbox through the real client, service
 * and parsers, so the round trip covers every field the API sends (teams,
 * overrides, forwarding, nested on-call trees); each test uses an account of
 * its own under the harness's throwaway XDG_CACHE_HOME.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-cache.h"
#include "tocsin-schedule-monitor.h"
#include "tocsin-test-notify.h"
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
  TocsinScheduleMonitor *schedules;
  char               *schedules_file;
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
  tocsin_alert_monitor_set_interval (f->monitor, 0);
  g_signal_connect (f->monitor, "notify::loading", G_CALLBACK (on_loading_cb), &done);
  tocsin_alert_monitor_set_query (f->monitor, "");
  tocsin_alert_monitor_set_active (f->monitor, TRUE);
  test_wait_for (&done);
  g_signal_handlers_disconnect_by_data (f->monitor, &done);
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (tocsin_alert_monitor_get_model (f->monitor))),
                    >, 0);

  f->cache = tocsin_cache_new (account);
  f->file = g_build_filename (tocsin_cache_get_path (f->cache), "alerts.json", NULL);
  f->schedules_file = g_build_filename (tocsin_cache_get_path (f->cache), "schedules.json", NULL);
}

static void
fixture_teardown (Fixture      *f,
                  gconstpointer data)
{
  g_assert_true (tocsin_cache_delete (f->cache, NULL));
  g_free (f->file);
  g_free (f->schedules_file);
  g_clear_object (&f->schedules);
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

  g_assert_true (tocsin_cache_save_finish (TOCSIN_CACHE (object), result, &error));
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
  return G_LIST_MODEL (tocsin_alert_monitor_get_model (f->monitor));
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

/* Schedules */

static void
on_schedules_loading_cb (TocsinScheduleMonitor *monitor,
                         GParamSpec            *pspec,
                         gboolean              *done)
{
  if (!tocsin_schedule_monitor_get_loading (monitor))
    *done = TRUE;
}

/* The sandbox's schedules, as the monitor shows them after a refresh. */
static TocsinScheduleList *
fetch_schedules (Fixture *f)
{
  g_autoptr(TocsinScheduleService) service = tocsin_schedule_service_new (f->client);
  gboolean done = FALSE;

  if (f->schedules != NULL)
    return tocsin_schedule_monitor_get_model (f->schedules);

  f->schedules = tocsin_schedule_monitor_new (service);
  tocsin_schedule_monitor_set_account_id (f->schedules, TOCSIN_TEST_SANDBOX_USER_ID);
  g_signal_connect (f->schedules, "notify::loading", G_CALLBACK (on_schedules_loading_cb), &done);
  tocsin_schedule_monitor_set_active (f->schedules, TRUE);
  test_wait_for (&done);
  g_signal_handlers_disconnect_by_data (f->schedules, &done);
  tocsin_schedule_monitor_set_active (f->schedules, FALSE);
  g_assert_null (tocsin_schedule_monitor_get_error (f->schedules));
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (tocsin_schedule_monitor_get_model (f->schedules))),
                    >, 1);
  return tocsin_schedule_monitor_get_model (f->schedules);
}

static void
save_schedules (Fixture *f)
{
  TocsinScheduleList *list = fetch_schedules (f);
  gboolean            done = FALSE;

  tocsin_cache_save_schedules_async (f->cache, SITE, G_LIST_MODEL (list), FALSE, NULL, on_saved_cb,
                                     &done);
  test_wait_for (&done);
}

static GPtrArray *
load_schedules (Fixture    *f,
                const char *site,
                gboolean   *names_available)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return tocsin_cache_load_schedules (f->cache, site, now, names_available);
}

static void assert_same_participants (GListModel *a,
                                      GListModel *b);

static void
assert_same_participant (TocsinParticipant *a,
                         TocsinParticipant *b)
{
  g_assert_cmpstr (tocsin_participant_get_id (a), ==, tocsin_participant_get_id (b));
  g_assert_cmpstr (tocsin_participant_get_kind (a), ==, tocsin_participant_get_kind (b));
  g_assert_cmpstr (tocsin_participant_get_name (a), ==, tocsin_participant_get_name (b));
  g_assert_true ((tocsin_participant_get_forwarded_from (a) == NULL) ==
                 (tocsin_participant_get_forwarded_from (b) == NULL));
  if (tocsin_participant_get_forwarded_from (a) != NULL)
    assert_same_participant (tocsin_participant_get_forwarded_from (a),
                             tocsin_participant_get_forwarded_from (b));
  assert_same_participants (tocsin_participant_get_participants (a),
                            tocsin_participant_get_participants (b));
}

static void
assert_same_participants (GListModel *a,
                          GListModel *b)
{
  g_assert_cmpuint (g_list_model_get_n_items (a), ==, g_list_model_get_n_items (b));
  for (guint i = 0; i < g_list_model_get_n_items (a); i++)
    {
      g_autoptr(TocsinParticipant) pa = g_list_model_get_item (a, i);
      g_autoptr(TocsinParticipant) pb = g_list_model_get_item (b, i);

      assert_same_participant (pa, pb);
    }
}

static void
assert_same_shift (TocsinShift *a,
                   TocsinShift *b)
{
  g_assert_cmpstr (tocsin_shift_get_schedule_id (a), ==, tocsin_shift_get_schedule_id (b));
  g_assert_cmpstr (tocsin_shift_get_schedule_name (a), ==, tocsin_shift_get_schedule_name (b));
  g_assert_cmpstr (tocsin_shift_get_schedule_timezone (a), ==,
                   tocsin_shift_get_schedule_timezone (b));
  g_assert_cmpstr (tocsin_shift_get_rotation_id (a), ==, tocsin_shift_get_rotation_id (b));
  g_assert_cmpstr (tocsin_shift_get_rotation_name (a), ==, tocsin_shift_get_rotation_name (b));
  g_assert_cmpint (tocsin_shift_get_kind (a), ==, tocsin_shift_get_kind (b));
  g_assert_true (g_date_time_equal (tocsin_shift_get_start (a), tocsin_shift_get_start (b)));
  g_assert_true (g_date_time_equal (tocsin_shift_get_end (a), tocsin_shift_get_end (b)));
  assert_same_participant (tocsin_shift_get_responder (a), tocsin_shift_get_responder (b));
}

static void
assert_same_schedule (TocsinSchedule *a,
                      TocsinSchedule *b)
{
  GListModel *shifts_a = tocsin_schedule_get_shifts (a);
  GListModel *shifts_b = tocsin_schedule_get_shifts (b);

  g_assert_cmpstr (tocsin_schedule_get_id (a), ==, tocsin_schedule_get_id (b));
  g_assert_cmpstr (tocsin_schedule_get_name (a), ==, tocsin_schedule_get_name (b));
  g_assert_cmpstr (tocsin_schedule_get_description (a), ==, tocsin_schedule_get_description (b));
  g_assert_cmpstr (tocsin_schedule_get_timezone (a), ==, tocsin_schedule_get_timezone (b));
  g_assert_cmpint (tocsin_schedule_get_enabled (a), ==, tocsin_schedule_get_enabled (b));
  g_assert_cmpstr (tocsin_schedule_get_team_id (a), ==, tocsin_schedule_get_team_id (b));
  g_assert_cmpstr (tocsin_schedule_get_team_name (a), ==, tocsin_schedule_get_team_name (b));
  g_assert_cmpstr (tocsin_schedule_get_error (a), ==, tocsin_schedule_get_error (b));
  assert_same_participants (tocsin_schedule_get_on_call_now (a),
                            tocsin_schedule_get_on_call_now (b));
  assert_same_participants (tocsin_schedule_get_on_call_next (a),
                            tocsin_schedule_get_on_call_next (b));
  g_assert_cmpuint (g_list_model_get_n_items (shifts_a), ==, g_list_model_get_n_items (shifts_b));
  for (guint i = 0; i < g_list_model_get_n_items (shifts_a); i++)
    {
      g_autoptr(TocsinShift) sa = g_list_model_get_item (shifts_a, i);
      g_autoptr(TocsinShift) sb = g_list_model_get_item (shifts_b, i);

      assert_same_shift (sa, sb);
    }
}

static void
test_schedules_round_trip (Fixture       *f,
                           gconstpointer  data)
{
  GListModel *list = G_LIST_MODEL (fetch_schedules (f));
  g_autoptr(GPtrArray) loaded = NULL;
  gboolean names_available = TRUE;
  gboolean forwarded = FALSE, team = FALSE, override = FALSE;

  g_assert_null (load_schedules (f, SITE, NULL));
  save_schedules (f);

  loaded = load_schedules (f, SITE, &names_available);
  g_assert_nonnull (loaded);
  g_assert_false (names_available);
  g_assert_cmpuint (loaded->len, ==, g_list_model_get_n_items (list));
  for (guint i = 0; i < loaded->len; i++)
    {
      g_autoptr(TocsinSchedule) original = g_list_model_get_item (list, i);
      TocsinSchedule *copy = g_ptr_array_index (loaded, i);
      GListModel     *shifts = tocsin_schedule_get_shifts (copy);

      assert_same_schedule (original, copy);
      team |= tocsin_schedule_get_team_name (copy) != NULL;
      for (guint j = 0; j < g_list_model_get_n_items (shifts); j++)
        {
          g_autoptr(TocsinShift) shift = g_list_model_get_item (shifts, j);

          override |= tocsin_shift_get_kind (shift) == TOCSIN_SHIFT_KIND_OVERRIDE;
          forwarded |=
            tocsin_participant_get_forwarded_from (tocsin_shift_get_responder (shift)) != NULL ||
            tocsin_shift_get_kind (shift) == TOCSIN_SHIFT_KIND_FORWARDING;
        }
    }
  /* The sandbox's data has each of these: the comparison saw them. */
  g_assert_true (team);
  g_assert_true (override);
  g_assert_true (forwarded);

  /* Another site's schedules are not these, and the alerts are apart. */
  g_assert_null (load_schedules (f, "site-2", NULL));
  g_assert_null (tocsin_cache_load_alerts (f->cache, SITE, QUERY));
}

static void
test_schedules_corrupt (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *contents = NULL;
  gsize length;

  save_schedules (f);
  g_assert_true (g_file_get_contents (f->schedules_file, &contents, &length, NULL));

  g_assert_true (g_file_set_contents (f->schedules_file, contents, length / 2, NULL));
  g_assert_null (load_schedules (f, SITE, NULL));
  g_assert_true (g_file_set_contents (f->schedules_file, "\x89PNG\r\n\x1a\n garbage", -1, NULL));
  g_assert_null (load_schedules (f, SITE, NULL));
  g_assert_true (g_file_set_contents (f->schedules_file, "[1, 2, 3]", -1, NULL));
  g_assert_null (load_schedules (f, SITE, NULL));
  g_assert_true (g_file_set_contents (f->schedules_file, "", 0, NULL));
  g_assert_null (load_schedules (f, SITE, NULL));

  /* Damaged parts of a schedule cost only those parts. */
  g_assert_true (g_file_set_contents (f->schedules_file,
                                      "{\"version\":1,\"site\":\"" SITE "\",\"values\":["
                                      "{\"id\":\"s1\",\"onCall\":7,\"timeline\":\"x\"},"
                                      "{\"name\":\"no id\"}, 3]}",
                                      -1, NULL));
  {
    g_autoptr(GPtrArray) loaded = load_schedules (f, SITE, NULL);

    g_assert_nonnull (loaded);
    g_assert_cmpuint (loaded->len, ==, 1);
    g_assert_cmpstr (tocsin_schedule_get_id (g_ptr_array_index (loaded, 0)), ==, "s1");
    g_assert_cmpuint (g_list_model_get_n_items (
                        tocsin_schedule_get_on_call_now (g_ptr_array_index (loaded, 0))),
                      ==, 0);
  }
}

static void
test_schedules_old_version (Fixture      *f,
                            gconstpointer data)
{
  g_autofree char *contents = NULL;
  g_autofree char *current = g_strdup_printf ("\"version\":%d", TOCSIN_CACHE_SCHEDULES_VERSION);
  const char      *versions [] = { "\"version\":0", "\"version\":99", "\"version\":\"1\"",
                                   "\"unversioned\":1" };
  g_autoptr(GPtrArray) after = NULL;

  save_schedules (f);
  g_assert_true (g_file_get_contents (f->schedules_file, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, current));

  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autoptr(GString) other = g_string_new (contents);

      g_string_replace (other, current, versions[i], 1);
      g_assert_true (g_file_set_contents (f->schedules_file, other->str, other->len, NULL));
      g_assert_null (load_schedules (f, SITE, NULL));
    }

  /* A save after a failed load writes the current version again. */
  g_assert_true (tocsin_cache_delete (f->cache, NULL));
  save_schedules (f);
  after = load_schedules (f, SITE, NULL);
  g_assert_nonnull (after);
  g_assert_cmpuint (after->len, ==, g_list_model_get_n_items (G_LIST_MODEL (fetch_schedules (f))));
}

static void
test_schedules_permissions (Fixture      *f,
                            gconstpointer data)
{
  const char *dir = tocsin_cache_get_path (f->cache);
  struct stat st;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  save_schedules (f);

  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (g_stat (f->schedules_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* Sign-out deletes it with the rest. */
  save (f, list (f));
  g_assert_true (tocsin_cache_delete (f->cache, NULL));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

static void
test_schedules_no_token (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *text = NULL;
  gsize length;

  save_schedules (f);
  g_assert_true (g_file_get_contents (f->schedules_file, &text, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  g_assert_cmpuint (strlen (f->provider->token), >, 8);
  g_assert_null (g_strstr_len (text, length, f->provider->token));
  g_assert_null (g_strstr_len (text, length, "Bearer"));
}

/* Seeded, the monitor shows the cached schedules marked as such until a
 * refresh lands; then a seed is ignored. */
static void
test_schedules_seed (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(TocsinScheduleService) service = tocsin_schedule_service_new (f->client);
  g_autoptr(TocsinScheduleMonitor) monitor = tocsin_schedule_monitor_new (service);
  g_autoptr(TocsinTestNotify) cached = tocsin_test_notify_new (monitor, "cached");
  TocsinScheduleList *list = tocsin_schedule_monitor_get_model (monitor);
  g_autoptr(GPtrArray) loaded = NULL;
  gboolean done = FALSE;

  save_schedules (f);
  loaded = load_schedules (f, SITE, NULL);
  tocsin_schedule_monitor_set_account_id (monitor, TOCSIN_TEST_SANDBOX_USER_ID);
  tocsin_schedule_monitor_seed (monitor, loaded, FALSE);
  g_assert_true (tocsin_schedule_monitor_get_cached (monitor));
  tocsin_test_notify_assert (cached, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, loaded->len);
  g_assert_false (tocsin_schedule_list_get_names_available (list));
  /* "My shifts" from the cached shifts, at once. */
  g_assert_cmpuint (g_list_model_get_n_items (tocsin_schedule_list_get_my_shifts (list)), >, 0);
  tocsin_schedule_monitor_seed (monitor, loaded, FALSE);
  tocsin_test_notify_assert (cached, 0);

  g_signal_connect (monitor, "notify::loading", G_CALLBACK (on_schedules_loading_cb), &done);
  tocsin_schedule_monitor_set_active (monitor, TRUE);
  test_wait_for (&done);
  tocsin_schedule_monitor_set_active (monitor, FALSE);
  g_assert_nonnull (tocsin_schedule_monitor_get_last_refresh (monitor));
  g_assert_false (tocsin_schedule_monitor_get_cached (monitor));
  tocsin_test_notify_assert (cached, 1);
  g_assert_true (tocsin_schedule_list_get_names_available (list));

  tocsin_schedule_monitor_seed (monitor, loaded, FALSE);
  g_assert_false (tocsin_schedule_monitor_get_cached (monitor));
  g_assert_true (tocsin_schedule_list_get_names_available (list));
  tocsin_test_notify_assert (cached, 0);
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
  ADD ("schedules/round-trip", test_schedules_round_trip);
  ADD ("schedules/corrupt", test_schedules_corrupt);
  ADD ("schedules/old-version", test_schedules_old_version);
  ADD ("schedules/permissions", test_schedules_permissions);
  ADD ("schedules/no-token", test_schedules_no_token);
  ADD ("schedules/seed", test_schedules_seed);
#undef ADD
  g_test_add_func ("/cache/account-path", test_account_path);

  return g_test_run ();
}
