/* test-cache-start.c: the real app starts signed in from its cache
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signed in earlier (tokens in the real keyring) with alerts in the cache,
 * against a sandbox whose API answers only after a delay: the window shows
 * the cached rows before the server answers, says they are being updated,
 * and the paging watcher pages for none of them; the first refresh replaces
 * them, and signing out deletes the cache. The cached rows show before the
 * keyring answers; when it answers that nobody, or another account, is
 * signed in, they go. The schedules likewise: the cached ones show (the page
 * built only when opened), marked as being updated, until the first refresh
 * replaces them.
 */

#include "config.h"

#include <string.h>

#include "tocsin-account-state.h"
#include "tocsin-alert-monitor.h"
#include "tocsin-application.h"
#include "tocsin-cache.h"
#include "tocsin-paging-watcher.h"
#include "tocsin-schedules-page.h"
#include "tocsin-test-notifications.h"
#include "tocsin-test-sandbox.h"
#include "tocsin-test-utils.h"
#include "tocsin-token-store.h"
#include "tocsin-window.h"

#define WAIT_MS 20000
#define N_CACHED 3
#define N_CACHED_SCHEDULES 2
#define CACHED_PREFIX "cached-"

static TocsinApplication *the_app;

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Async;

static void
on_async_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Async *async = user_data;

  async->result = g_object_ref (result);
  async->done = TRUE;
}

static gboolean
async_done (gpointer data)
{
  return ((Async *) data)->done;
}

static GAsyncResult *
async_wait (Async *async)
{
  g_assert_true (tocsin_test_wait_until (async_done, async, WAIT_MS));
  return async->result;
}

static void
store_sign_in_as (TocsinTestSandbox *sb,
                  const char        *account_id)
{
  g_autoptr(TocsinTokenSet) tokens = tocsin_token_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *access = NULL;
  g_autofree char *refresh = NULL;
  Async            async = { 0 };

  access = tocsin_test_sandbox_sign_in (sb, NULL, &refresh);
  tokens->access_token = g_strdup (access);
  tokens->refresh_token = g_strdup (refresh);
  tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC + 3600;
  tokens->scope = g_strdup (TOCSIN_TEST_SANDBOX_ALL_SCOPES);
  tocsin_token_store_save_async (tocsin_test_sandbox_get_auth_url (sb),
                                 tocsin_test_sandbox_get_client_id (sb), account_id, tokens, NULL,
                                 on_async_cb, &async);
  g_assert_true (tocsin_token_store_save_finish (async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  async = (Async){ 0 };
  tocsin_token_store_save_client_secret_async (tocsin_test_sandbox_get_auth_url (sb),
                                               tocsin_test_sandbox_get_client_id (sb),
                                               tocsin_test_sandbox_get_client_secret (sb), NULL,
                                               on_async_cb, &async);
  g_assert_true (tocsin_token_store_save_client_secret_finish (async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
}

static void
store_sign_in (TocsinTestSandbox *sb)
{
  store_sign_in_as (sb, TOCSIN_TEST_SANDBOX_USER_ID);
}

static void
on_saved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (tocsin_cache_save_finish (TOCSIN_CACHE (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

/* What an earlier run kept: open, unacknowledged alerts no server has. */
static TocsinCache *
write_cache (TocsinTestSandbox *sb)
{
  TocsinCache *cache = tocsin_cache_new (TOCSIN_TEST_SANDBOX_USER_ID);
  g_autoptr(GListStore) alerts = g_list_store_new (TOCSIN_TYPE_ALERT);
  g_autofree char *query = tocsin_alert_preset_query (TOCSIN_ALERT_PRESET_OPEN);
  gboolean saved = FALSE;

  for (guint i = 0; i < N_CACHED; i++)
    {
      g_autofree char *id = g_strdup_printf (CACHED_PREFIX "%u", i);
      g_autofree char *message = g_strdup_printf ("Kept from the last run %u", i);
      g_autoptr(TocsinAlert) alert = tocsin_alert_new (id);
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      tocsin_alert_set_message (alert, message);
      tocsin_alert_set_status (alert, "open");
      tocsin_alert_set_priority (alert, 1);
      tocsin_alert_set_created_at (alert, now);
      g_list_store_append (alerts, alert);
    }
  tocsin_cache_save_alerts_async (cache, tocsin_test_sandbox_get_cloud_id (sb, 0), query,
                                  G_LIST_MODEL (alerts), NULL, on_saved_cb, &saved);
  g_assert_true (tocsin_test_wait_until (flag_set, &saved, WAIT_MS));
  /* ...and who was signed in on which site. */
  tocsin_account_state_save_last (tocsin_test_sandbox_get_auth_url (sb),
                                  tocsin_test_sandbox_get_client_id (sb),
                                  TOCSIN_TEST_SANDBOX_USER_ID,
                                  tocsin_test_sandbox_get_cloud_id (sb, 0));
  return cache;
}

static TocsinContext *
context (void)
{
  return tocsin_application_get_context (the_app);
}

static TocsinWindow *
window (void)
{
  return TOCSIN_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (the_app)));
}

static GListModel *
shown_rows (void)
{
  GtkWidget *page =
    adw_view_stack_get_child_by_name (ADW_VIEW_STACK (
                                        tocsin_test_find_by_id (GTK_WIDGET (window ()),
                                                                "view_stack")),
                                      "alerts");
  GtkWidget *view = page != NULL ? tocsin_test_find_by_id (page, "column_view") : NULL;

  return view != NULL ? G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view))) : NULL;
}

/* The items of @list (alerts or schedules) that came from the cache: only
 * it has their ids. */
static guint
count_cached (GListModel *list)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);
      g_autofree char *id = NULL;

      g_object_get (item, "id", &id, NULL);
      if (g_str_has_prefix (id, CACHED_PREFIX))
        n++;
    }
  return n;
}

static guint
count_cached_rows (void)
{
  GListModel *rows = shown_rows ();

  return rows != NULL ? count_cached (rows) : 0;
}

static gboolean
cached_rows_shown (gpointer data)
{
  return window () != NULL && tocsin_window_get_signed_in (window ()) &&
         count_cached_rows () == N_CACHED;
}

static gboolean
signed_in_from_cache (gpointer data)
{
  return !tocsin_context_get_cached_start (context ()) && cached_rows_shown (NULL);
}

static gboolean
refreshed (gpointer data)
{
  TocsinAlertMonitor *monitor = tocsin_context_get_alert_monitor (context ());

  return monitor != NULL && tocsin_alert_monitor_get_last_refresh (monitor) != NULL &&
         !tocsin_alert_monitor_get_loading (monitor);
}

static gboolean
column_view_mapped (void)
{
  GtkWidget *page =
    adw_view_stack_get_child_by_name (ADW_VIEW_STACK (
                                        tocsin_test_find_by_id (GTK_WIDGET (window ()),
                                                                "view_stack")),
                                      "alerts");
  GtkWidget *view = page != NULL ? tocsin_test_find_by_id (page, "column_view") : NULL;

  return view != NULL && gtk_widget_get_mapped (view);
}

/* What the window showed at the moment the keyring's answer arrived. */
typedef struct
{
  gboolean answered;
  guint    cached_rows;
  gboolean mapped;
} AtAnswer;

static void
on_keyring_answer_cb (TocsinAuthSession *session,
                      GParamSpec        *pspec,
                      AtAnswer          *at_answer)
{
  if (at_answer->answered)
    return;
  at_answer->answered = TRUE;
  at_answer->cached_rows = window () != NULL ? count_cached_rows () : 0;
  at_answer->mapped = window () != NULL && column_view_mapped ();
}

static void
configure_app (TocsinTestSandbox *sb)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(GError) error = NULL;

  /* The sandbox is the configured server before start-up restores the sign-in. */
  g_settings_set_string (settings, "auth-base-url", tocsin_test_sandbox_get_auth_url (sb));
  g_settings_set_string (settings, "api-base-url", tocsin_test_sandbox_get_api_url (sb));
  g_settings_set_string (settings, "client-id", tocsin_test_sandbox_get_client_id (sb));
  g_settings_set_string (settings, "redirect-uri", "http://localhost:8976/callback");

  the_app = tocsin_application_new ();
  g_application_set_flags (G_APPLICATION (the_app),
                           g_application_get_flags (G_APPLICATION (the_app)) |
                             G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (the_app), NULL, &error));
  g_assert_no_error (error);
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);

  for (guint i = 0; i < 4; i++)
    g_settings_reset (settings, (const char *[]){ "auth-base-url", "api-base-url", "client-id",
                                                  "redirect-uri" } [i]);
}

static guint
count_notify_since (guint mark)
{
  g_autoptr(GPtrArray) records = tocsin_test_notifications_read_all ();
  guint n = 0;

  for (guint i = mark; i < records->len; i++)
    if (g_strcmp0 (json_object_get_string_member_with_default (g_ptr_array_index (records, i),
                                                               "call", ""),
                   "Notify") == 0)
      n++;
  return n;
}

static void
test_start_from_cache (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autoptr(TocsinCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *api_prefix = tocsin_test_sandbox_site_path (sb, 0, "");
  TocsinPagingWatcher *watcher;
  TocsinAlertMonitor *monitor;
  GtkWidget *hint_bar, *hint_label;
  Async async = { 0 };
  AtAnswer at_answer = { 0 };
  guint mark;

  store_sign_in (sb);
  cache = write_cache (sb);

  /* A slow server: every API answer comes after three seconds. */
  fault = g_strdup_printf (
    "{\"path\":\"%s\",\"method\":\"GET\",\"kind\":\"delay\",\"delay_ms\":3000,\"times\":-1}",
    api_prefix);
  tocsin_test_sandbox_add_fault (sb, fault);
  tocsin_test_sandbox_clear_log (sb);
  mark = tocsin_test_notifications_mark ();

  configure_app (sb);
  /* The keyring's answer (the restore) signs in: by then the cached rows are
   * in the window, mapped. */
  g_signal_connect (tocsin_context_get_auth_session (context ()), "notify::state",
                    G_CALLBACK (on_keyring_answer_cb), &at_answer);
  g_application_activate (G_APPLICATION (the_app));

  /* The cached rows, before any API answer. */
  if (!tocsin_test_wait_until (cached_rows_shown, NULL, WAIT_MS))
    {
      TocsinAuthSession  *session = tocsin_context_get_auth_session (context ());
      TocsinSite         *site = tocsin_auth_session_get_current_site (session);
      TocsinAlertMonitor *m = tocsin_context_get_alert_monitor (context ());

      g_error (
        "state %d, site %s (cached for %s), account %s, window %p signed in %d, monitor %p cached %d, "
        "rows %u, shown %p",
        tocsin_auth_session_get_state (session), site != NULL ? tocsin_site_get_id (site) : "none",
        tocsin_test_sandbox_get_cloud_id (sb, 0), tocsin_auth_session_get_account_id (session),
        window (), window () != NULL && tocsin_window_get_signed_in (window ()), m,
        m != NULL && tocsin_alert_monitor_get_cached (m),
        m != NULL ? g_list_model_get_n_items (G_LIST_MODEL (tocsin_alert_monitor_get_model (m)))
                  : 0,
        shown_rows ());
    }
  g_assert_true (tocsin_test_wait_until (flag_set, &at_answer.answered, WAIT_MS));
  g_signal_handlers_disconnect_by_data (tocsin_context_get_auth_session (context ()), &at_answer);
  g_assert_cmpuint (at_answer.cached_rows, ==, N_CACHED);
  g_assert_true (at_answer.mapped);
  g_assert_cmpint (tocsin_auth_session_get_state (tocsin_context_get_auth_session (context ())), ==,
                   TOCSIN_AUTH_STATE_SIGNED_IN);
  /* Then the signed-in account's monitors, seeded from the cache again. */
  g_assert_true (tocsin_test_wait_until (signed_in_from_cache, NULL, WAIT_MS));
  monitor = tocsin_context_get_alert_monitor (context ());
  g_assert_nonnull (monitor);
  g_assert_null (tocsin_alert_monitor_get_last_refresh (monitor));
  g_assert_true (tocsin_alert_monitor_get_loading (monitor));
  g_assert_true (tocsin_alert_monitor_get_cached (monitor));

  /* ...marked as being updated, in text a screen reader reads. */
  hint_bar = tocsin_test_find_by_id (GTK_WIDGET (window ()), "offline_bar");
  hint_label = tocsin_test_find_by_id (GTK_WIDGET (window ()), "offline_label");
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (hint_bar)));
  g_assert_true (
    tocsin_test_wait_until ((TocsinTestPredicate)gtk_widget_get_mapped, hint_label, WAIT_MS));
  g_assert_null (tocsin_alert_monitor_get_last_refresh (monitor));
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (hint_label))), >, 0);
  g_assert_true (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (hint_label)) ==
                 GTK_ACCESSIBLE_ROLE_LABEL);

  /* The paging watcher holds nothing from the cache and paged for nothing. */
  watcher = tocsin_context_get_paging_watcher (context ());
  g_assert_nonnull (watcher);
  g_assert_cmpuint (g_list_model_get_n_items (tocsin_paging_watcher_get_alerts (watcher)), ==, 0);
  g_assert_cmpuint (count_notify_since (mark), ==, 0);

  /* The first refresh replaces them and the hint goes. */
  g_assert_true (tocsin_test_wait_until (refreshed, NULL, WAIT_MS));
  g_assert_false (tocsin_alert_monitor_get_cached (monitor));
  g_assert_cmpuint (count_cached_rows (), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown_rows ()), >, 0);
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (hint_bar)));
  g_assert_true (g_file_test (tocsin_cache_get_path (cache), G_FILE_TEST_IS_DIR));

  /* Signing out deletes the cache. */
  tocsin_auth_session_sign_out_async (tocsin_context_get_auth_session (context ()), NULL,
                                      on_async_cb, &async);
  g_assert_true (tocsin_auth_session_sign_out_finish (tocsin_context_get_auth_session (context ()),
                                                      async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  g_assert_false (g_file_test (tocsin_cache_get_path (cache), G_FILE_TEST_EXISTS));

  tocsin_test_sandbox_clear_faults (sb);
  tocsin_test_sandbox_stop (sb);
  reset_settings ();
}

static gboolean
sign_in_page_shown (gpointer data)
{
  GtkWidget *stack = tocsin_test_find_by_id (GTK_WIDGET (window ()), "main_stack");

  return !tocsin_window_get_signed_in (window ()) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (stack)), "signed-out") == 0;
}

/* Schedules no server has, with the signed-in user on call now. */
static void
write_schedules_cache (TocsinTestSandbox *sb,
                       TocsinCache       *cache)
{
  g_autoptr(GListStore) schedules = g_list_store_new (TOCSIN_TYPE_SCHEDULE);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) start = g_date_time_add_hours (now, -1);
  g_autoptr(GDateTime) end = g_date_time_add_hours (now, 8);
  gboolean saved = FALSE;

  for (guint i = 0; i < N_CACHED_SCHEDULES; i++)
    {
      g_autofree char *id = g_strdup_printf (CACHED_PREFIX "schedule-%u", i);
      g_autofree char *name = g_strdup_printf ("Kept schedule %u", i);
      g_autoptr(TocsinSchedule) schedule = tocsin_schedule_new (id);
      g_autoptr(TocsinParticipant) me =
        tocsin_participant_new (TOCSIN_TEST_SANDBOX_USER_ID, "user");
      g_autoptr(GPtrArray) on_call = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GPtrArray) shifts = g_ptr_array_new_with_free_func (g_object_unref);

      tocsin_schedule_set_name (schedule, name);
      tocsin_participant_set_name (me, "Kept Dana");
      g_ptr_array_add (on_call, g_object_ref (me));
      tocsin_schedule_set_on_call_now (schedule, on_call);
      g_ptr_array_add (shifts, tocsin_shift_new (id, name, "UTC", "rotation", "Rotation", me,
                                                 TOCSIN_SHIFT_KIND_BASE, start, end, NULL));
      tocsin_schedule_set_shifts (schedule, shifts, now);
      g_list_store_append (schedules, schedule);
    }
  tocsin_cache_save_schedules_async (cache, tocsin_test_sandbox_get_cloud_id (sb, 0),
                                     G_LIST_MODEL (schedules), TRUE, NULL, on_saved_cb, &saved);
  g_assert_true (tocsin_test_wait_until (flag_set, &saved, WAIT_MS));
}

/* Signed in from the keyring, the schedule monitor seeded from the cache. */
static gboolean
schedules_seeded (gpointer data)
{
  TocsinScheduleMonitor *monitor = tocsin_context_get_schedule_monitor (context ());

  return !tocsin_context_get_cached_start (context ()) &&
         tocsin_auth_session_get_state (tocsin_context_get_auth_session (context ())) ==
           TOCSIN_AUTH_STATE_SIGNED_IN &&
         monitor != NULL &&
         count_cached (G_LIST_MODEL (tocsin_schedule_monitor_get_model (monitor))) ==
           N_CACHED_SCHEDULES;
}

static gboolean
schedules_refreshed (gpointer data)
{
  TocsinScheduleMonitor *monitor = data;

  return tocsin_schedule_monitor_get_last_refresh (monitor) != NULL &&
         !tocsin_schedule_monitor_get_loading (monitor);
}

/* The cached schedules show at once on the schedules page, built when it is
 * first shown, marked as being updated; the first refresh replaces them. */
static void
test_cached_schedules (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autoptr(TocsinCache) cache = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *schedules_path = tocsin_test_sandbox_site_path (sb, 0, "schedules");
  TocsinScheduleMonitor *monitor;
  AdwViewStack *views;
  GtkWidget *page, *rows, *banner, *banner_label;

  store_sign_in (sb);
  cache = write_cache (sb);
  write_schedules_cache (sb, cache);
  /* A slow server: the list of schedules, the first request of a refresh,
   * comes after three seconds. */
  fault = g_strdup_printf (
    "{\"path\":\"%s\",\"method\":\"GET\",\"kind\":\"delay\",\"delay_ms\":3000,\"times\":1}",
    schedules_path);
  tocsin_test_sandbox_add_fault (sb, fault);

  configure_app (sb);
  g_application_activate (G_APPLICATION (the_app));
  g_assert_true (tocsin_test_wait_until (schedules_seeded, NULL, WAIT_MS));
  monitor = tocsin_context_get_schedule_monitor (context ());
  g_assert_true (tocsin_schedule_monitor_get_cached (monitor));
  g_assert_null (tocsin_schedule_monitor_get_last_refresh (monitor));

  /* Before the page is built, the tab says the user is on call. */
  views = ADW_VIEW_STACK (tocsin_test_find_by_id (GTK_WIDGET (window ()), "view_stack"));
  g_assert_null (
    tocsin_test_find_widget (GTK_WIDGET (window ()), TOCSIN_TYPE_SCHEDULES_PAGE, NULL));
  g_assert_true (adw_view_stack_page_get_needs_attention (
    adw_view_stack_get_page (views, adw_view_stack_get_child_by_name (views, "schedules"))));

  /* Opened, the page shows them, marked as being updated. */
  adw_view_stack_set_visible_child_name (views, "schedules");
  page = tocsin_test_find_widget (GTK_WIDGET (window ()), TOCSIN_TYPE_SCHEDULES_PAGE, NULL);
  g_assert_nonnull (page);
  g_assert_true (tocsin_schedules_page_get_monitor (TOCSIN_SCHEDULES_PAGE (page)) == monitor);
  rows = tocsin_test_find_by_id (page, "schedule_list");
  banner = tocsin_test_find_by_id (page, "banner_revealer");
  banner_label = tocsin_test_find_by_id (page, "banner_label");
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (rows), N_CACHED_SCHEDULES - 1));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (rows), N_CACHED_SCHEDULES));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_true (
    tocsin_test_wait_until ((TocsinTestPredicate)gtk_widget_get_mapped, banner_label, WAIT_MS));
  g_assert_cmpuint (strlen (gtk_label_get_text (GTK_LABEL (banner_label))), >, 0);
  g_assert_true (tocsin_schedule_monitor_get_cached (monitor));
  g_assert_null (tocsin_schedule_monitor_get_last_refresh (monitor));

  /* The first refresh replaces them, and the mark goes. */
  g_assert_true (tocsin_test_wait_until (schedules_refreshed, monitor, WAIT_MS));
  g_assert_false (tocsin_schedule_monitor_get_cached (monitor));
  g_assert_cmpuint (count_cached (G_LIST_MODEL (tocsin_schedule_monitor_get_model (monitor))), ==,
                    0);
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (tocsin_schedule_monitor_get_model (monitor))),
                    >, 0);
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));

  tocsin_test_sandbox_clear_faults (sb);
  tocsin_test_sandbox_stop (sb);
  reset_settings ();
}

static void
test_cached_schedules_in_subprocess (void)
{
  g_test_trap_subprocess ("/cache-start/schedules/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The cache and the last account are there, but the keyring holds no
 * tokens (signed out elsewhere, or the keyring was reset): the cached rows
 * show until it answers, then go, and the sign-in page shows. */
static void
test_no_tokens (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autoptr(TocsinCache) cache = NULL;
  g_autofree char *last_account = NULL;
  g_autofree char *last_site = NULL;
  guint mark;

  cache = write_cache (sb);
  mark = tocsin_test_notifications_mark ();
  configure_app (sb);
  g_application_activate (G_APPLICATION (the_app));

  /* At once, before the main loop could hear from the keyring. */
  g_assert_true (tocsin_context_get_cached_start (context ()));
  g_assert_true (cached_rows_shown (NULL));
  g_assert_null (tocsin_context_get_paging_watcher (context ()));

  g_assert_true (tocsin_test_wait_until (sign_in_page_shown, NULL, WAIT_MS));
  g_assert_false (tocsin_context_get_cached_start (context ()));
  g_assert_null (tocsin_context_get_alert_monitor (context ()));
  g_assert_null (tocsin_context_get_paging_watcher (context ()));
  g_assert_cmpuint (count_cached_rows (), ==, 0);
  g_assert_cmpuint (count_notify_since (mark), ==, 0);
  /* Nobody is signed in: the next start shows nobody's alerts. */
  g_assert_false (tocsin_account_state_load_last (tocsin_test_sandbox_get_auth_url (sb),
                                                  tocsin_test_sandbox_get_client_id (sb),
                                                  &last_account, &last_site));

  tocsin_test_sandbox_stop (sb);
  reset_settings ();
}

#define OTHER_ACCOUNT "other-account-0001"

static gboolean
keyring_answered (gpointer data)
{
  return !tocsin_context_get_cached_start (context ()) &&
         tocsin_auth_session_get_state (tocsin_context_get_auth_session (context ())) ==
           TOCSIN_AUTH_STATE_SIGNED_IN;
}

/* The cache and the last account are someone else's than the keyring's
 * sign-in (another account signed in on this computer since): the cached
 * rows show until the keyring answers, then go for good, and nothing is
 * paged from them; the next start remembers the keyring's account. */
static void
test_other_account (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autoptr(TocsinCache) cache = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fault = NULL;
  g_autofree char *api_prefix = tocsin_test_sandbox_site_path (sb, 0, "");
  g_autofree char *last_account = NULL;
  g_autofree char *last_site = NULL;
  TocsinAlertMonitor *monitor;
  Async async = { 0 };
  guint mark;

  store_sign_in_as (sb, OTHER_ACCOUNT);
  cache = write_cache (sb);
  /* A slow server, so no refresh replaces anything while this looks. */
  fault = g_strdup_printf (
    "{\"path\":\"%s\",\"method\":\"GET\",\"kind\":\"delay\",\"delay_ms\":3000,\"times\":-1}",
    api_prefix);
  tocsin_test_sandbox_add_fault (sb, fault);
  mark = tocsin_test_notifications_mark ();
  configure_app (sb);
  g_application_activate (G_APPLICATION (the_app));

  g_assert_true (tocsin_context_get_cached_start (context ()));
  g_assert_true (cached_rows_shown (NULL));

  g_assert_true (tocsin_test_wait_until (keyring_answered, NULL, WAIT_MS));
  g_assert_cmpstr (tocsin_auth_session_get_account_id (
                     tocsin_context_get_auth_session (context ())),
                   ==, OTHER_ACCOUNT);
  g_assert_cmpuint (count_cached_rows (), ==, 0);
  monitor = tocsin_context_get_alert_monitor (context ());
  g_assert_true (monitor == NULL || !tocsin_alert_monitor_get_cached (monitor));
  /* Still none a second later, while the server has not answered. */
  tocsin_test_spin (1000);
  g_assert_cmpuint (count_cached_rows (), ==, 0);
  g_assert_cmpuint (count_notify_since (mark), ==, 0);
  g_assert_true (tocsin_account_state_load_last (tocsin_test_sandbox_get_auth_url (sb),
                                                 tocsin_test_sandbox_get_client_id (sb),
                                                 &last_account, &last_site));
  g_assert_cmpstr (last_account, ==, OTHER_ACCOUNT);

  tocsin_auth_session_sign_out_async (tocsin_context_get_auth_session (context ()), NULL,
                                      on_async_cb, &async);
  g_assert_true (tocsin_auth_session_sign_out_finish (tocsin_context_get_auth_session (context ()),
                                                      async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  tocsin_test_sandbox_clear_faults (sb);
  tocsin_test_sandbox_stop (sb);
  reset_settings ();
}

/* Each in its own process: one app per bus name and object path. */
static void
test_no_tokens_in_subprocess (void)
{
  g_test_trap_subprocess ("/cache-start/no-tokens/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_other_account_in_subprocess (void)
{
  g_test_trap_subprocess ("/cache-start/other-account/subprocess", 0,
                          G_TEST_SUBPROCESS_INHERIT_STDOUT | G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv [])
{
  tocsin_test_init (&argc, &argv);

  g_test_add_func ("/cache-start/slow-server", test_start_from_cache);
  g_test_add_func ("/cache-start/no-tokens", test_no_tokens_in_subprocess);
  g_test_add_func ("/cache-start/no-tokens/subprocess", test_no_tokens);
  g_test_add_func ("/cache-start/other-account", test_other_account_in_subprocess);
  g_test_add_func ("/cache-start/other-account/subprocess", test_other_account);
  g_test_add_func ("/cache-start/schedules", test_cached_schedules_in_subprocess);
  g_test_add_func ("/cache-start/schedules/subprocess", test_cached_schedules);

  return g_test_run ();
}
