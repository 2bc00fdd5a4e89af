/* test-alert-history.c: TocsinAlertHistory against tocsin-sandbox
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-alert-service.h"
#include "tocsin-alert-history.h"
#include "tocsin-ops-client.h"
#include "tocsin-test-notify.h"
#include "tocsin-test-token-provider.h"

typedef struct
{
  TocsinTestSandbox *sb;
  TestTokenProvider *provider;
  TocsinOpsClient   *client;
  TocsinAlertService *service;
} Fixture;

typedef struct
{
  gboolean   done;
  GPtrArray *items;
  char      *next;
  GError    *error;
} Result;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sb = tocsin_test_sandbox_start ("--alerts", "5", NULL);
  g_assert_nonnull (f->sb);
  f->provider = test_token_provider_new (f->sb, NULL);
  f->client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                     tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                     TOCSIN_TOKEN_PROVIDER (f->provider), NULL);
  g_assert_nonnull (f->client);
  tocsin_ops_client_set_retry_policy (f->client, 2, 50, 100);
  f->service = tocsin_alert_service_new (f->client);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->service);
  g_clear_object (&f->client);
  g_clear_object (&f->provider);
  tocsin_test_sandbox_stop (f->sb);
}

static void
list_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->items =
    tocsin_alert_service_list_finish (TOCSIN_ALERT_SERVICE (source), result, NULL, NULL, &r->error);
  r->done = TRUE;
}

static void
notes_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->items = tocsin_alert_service_get_notes_finish (TOCSIN_ALERT_SERVICE (source), result, &r->next,
                                                    &r->error);
  r->done = TRUE;
}

static void
logs_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Result *r = user_data;

  r->items = tocsin_alert_service_get_logs_finish (TOCSIN_ALERT_SERVICE (source), result, &r->next,
                                                   &r->error);
  r->done = TRUE;
}

/* Every note (or log line) of @alert_id, straight from the API, as a set of
 * "text|time" keys. */
static GHashTable *
fetch_all (Fixture    *f,
           const char *alert_id,
           gboolean    notes)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *after = NULL;

  do
    {
      Result r = { 0 };

      if (notes)
        tocsin_alert_service_get_notes_async (f->service, alert_id, after, 100, NULL, notes_cb, &r);
      else
        tocsin_alert_service_get_logs_async (f->service, alert_id, after, 100, NULL, logs_cb, &r);
      test_wait_for (&r.done);
      g_assert_no_error (r.error);
      for (guint i = 0; i < r.items->len; i++)
        {
          TocsinAlertEntry *entry = g_ptr_array_index (r.items, i);
          g_autofree char  *time = g_date_time_format_iso8601 (tocsin_alert_entry_get_time (entry));

          g_hash_table_add (keys,
                            g_strdup_printf ("%s|%s", tocsin_alert_entry_get_text (entry), time));
        }
      g_ptr_array_unref (r.items);
      g_free (after);
      after = r.next;
    }
  while (after != NULL);

  return keys;
}

static char *
entry_key (TocsinAlertEntry *entry)
{
  g_autofree char *time = g_date_time_format_iso8601 (tocsin_alert_entry_get_time (entry));

  return g_strdup_printf ("%s|%s", tocsin_alert_entry_get_text (entry), time);
}

/* The seeded alert with the longest history: more than a page of each. */
static char *
busiest_alert (Fixture *f)
{
  Result list = { 0 };
  char *best = NULL;
  guint best_size = 0;

  tocsin_alert_service_list_async (f->service, NULL, 0, NULL, list_cb, &list);
  test_wait_for (&list.done);
  g_assert_no_error (list.error);
  for (guint i = 0; i < list.items->len; i++)
    {
      const char *id = tocsin_alert_get_id (g_ptr_array_index (list.items, i));
      g_autoptr(GHashTable) notes = fetch_all (f, id, TRUE);

      if (g_hash_table_size (notes) > best_size)
        {
          best_size = g_hash_table_size (notes);
          g_free (best);
          best = g_strdup (id);
        }
    }
  g_ptr_array_unref (list.items);
  g_assert_cmpuint (best_size, >, 20);
  return best;
}

static gboolean loaded;

static void
on_loading_cb (TocsinAlertHistory *history)
{
  loaded = !tocsin_alert_history_get_loading (history);
}

static void
wait_loaded (TocsinAlertHistory *history)
{
  loaded = !tocsin_alert_history_get_loading (history);
  test_wait_for (&loaded);
}

/* All pages of both lists, merged newest first, each entry once, the
 * notes told from the log lines. */
static void
test_items_and_order (Fixture      *f,
                      gconstpointer data)
{
  g_autofree char *id = busiest_alert (f);
  g_autoptr(GHashTable) notes = fetch_all (f, id, TRUE);
  g_autoptr(GHashTable) logs = fetch_all (f, id, FALSE);
  g_autoptr(TocsinAlertHistory) history = tocsin_alert_history_new (f->service, id);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(TocsinTestNotify) loading = tocsin_test_notify_new (history, "loading");
  g_autoptr(TocsinTestNotify) error = tocsin_test_notify_new (history, "error");
  g_autoptr(TocsinTestNotify) more_notes = tocsin_test_notify_new (history, "has-more-notes");
  g_autoptr(TocsinTestNotify) more_activity =
    tocsin_test_notify_new (history, "has-more-activity");
  guint n_items;

  g_signal_connect (history, "notify::loading", G_CALLBACK (on_loading_cb), NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (history)) == TOCSIN_TYPE_ALERT_ENTRY);

  tocsin_alert_history_reload (history);
  g_assert_true (tocsin_alert_history_get_loading (history));
  tocsin_test_notify_assert (loading, 1);
  wait_loaded (history);
  tocsin_test_notify_assert (loading, 1);
  g_assert_null (tocsin_alert_history_get_error (history));
  /* One page of each so far. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 40);
  g_assert_true (tocsin_alert_history_get_has_more_notes (history));
  g_assert_true (tocsin_alert_history_get_has_more_activity (history));
  tocsin_test_notify_assert (more_notes, 1);
  tocsin_test_notify_assert (more_activity, 1);

  while (tocsin_alert_history_get_has_more_notes (history) ||
         tocsin_alert_history_get_has_more_activity (history))
    {
      tocsin_alert_history_load_more_notes (history);
      tocsin_alert_history_load_more_activity (history);
      g_assert_true (tocsin_alert_history_get_loading (history));
      tocsin_test_notify_assert (loading, 1);
      wait_loaded (history);
      tocsin_test_notify_assert (loading, 1);
      g_assert_null (tocsin_alert_history_get_error (history));
    }
  /* Each list said once that it has no more. */
  tocsin_test_notify_assert (more_notes, 1);
  tocsin_test_notify_assert (more_activity, 1);
  tocsin_test_notify_assert (error, 0);
  /* Asking for more when there is none does nothing. */
  tocsin_alert_history_load_more_notes (history);
  tocsin_alert_history_load_more_activity (history);
  g_assert_false (tocsin_alert_history_get_loading (history));
  tocsin_test_notify_assert (loading, 0);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (history));
  g_assert_cmpuint (n_items, ==, g_hash_table_size (notes) + g_hash_table_size (logs));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TocsinAlertEntry) entry = g_list_model_get_item (G_LIST_MODEL (history), i);
      g_autofree char *key = entry_key (entry);
      gboolean         is_note;

      if (i > 0)
        {
          g_autoptr(TocsinAlertEntry) newer =
            g_list_model_get_item (G_LIST_MODEL (history), i - 1);

          g_assert_cmpint (g_date_time_compare (tocsin_alert_entry_get_time (newer),
                                                tocsin_alert_entry_get_time (entry)),
                           >=, 0);
        }
      is_note = tocsin_alert_history_is_note (history, entry);
      g_assert_true (g_hash_table_contains (is_note ? notes : logs, key));
      /* A note's text is also in the log line that says it was added. */
      g_assert_true (g_hash_table_add (seen, g_strconcat (is_note ? "note|" : "log|", key, NULL)));
    }

  /* A reload starts over with the first pages. */
  tocsin_alert_history_reload (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 0);
  wait_loaded (history);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 40);
}

/* A failing list says why in "error" and shows the other one's entries;
 * the next reload that works clears it. */
static void
test_error (Fixture      *f,
            gconstpointer data)
{
  g_autofree char *id = busiest_alert (f);
  g_autoptr(TocsinAlertHistory) history = tocsin_alert_history_new (f->service, id);
  g_autofree char *site_path = tocsin_test_sandbox_site_path (f->sb, 0, "alerts/");
  g_autofree char *fault = NULL;
  g_autoptr(TocsinTestNotify) error = tocsin_test_notify_new (history, "error");
  g_autoptr(TocsinTestNotify) more_notes = tocsin_test_notify_new (history, "has-more-notes");
  g_autoptr(TocsinTestNotify) more_activity =
    tocsin_test_notify_new (history, "has-more-activity");

  g_signal_connect (history, "notify::loading", G_CALLBACK (on_loading_cb), NULL);

  fault = g_strdup_printf ("{\"path\":\"%s%s/logs\",\"kind\":\"status\","
                           "\"status\":500,\"times\":-1}",
                           site_path, id);
  tocsin_test_sandbox_add_fault (f->sb, fault);

  tocsin_alert_history_reload (history);
  wait_loaded (history);
  g_assert_nonnull (tocsin_alert_history_get_error (history));
  /* Only the activity failed. */
  g_assert_nonnull (tocsin_alert_history_get_activity_error (history));
  g_assert_cmpstr (tocsin_alert_history_get_activity_error (history)->message, ==,
                   tocsin_alert_history_get_error (history)->message);
  g_assert_null (tocsin_alert_history_get_notes_error (history));
  tocsin_test_notify_assert (error, 1);
  g_assert_false (tocsin_alert_history_get_has_more_activity (history));
  tocsin_test_notify_assert (more_activity, 0);
  g_assert_true (tocsin_alert_history_get_has_more_notes (history));
  tocsin_test_notify_assert (more_notes, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 20);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(TocsinAlertEntry) entry = g_list_model_get_item (G_LIST_MODEL (history), i);

      g_assert_true (tocsin_alert_history_is_note (history, entry));
    }

  tocsin_test_sandbox_clear_faults (f->sb);
  tocsin_alert_history_reload (history);
  g_assert_null (tocsin_alert_history_get_error (history));
  g_assert_null (tocsin_alert_history_get_activity_error (history));
  tocsin_test_notify_assert (error, 1);
  /* The reload took back the notes' "more" until their first page is in. */
  tocsin_test_notify_assert (more_notes, 1);
  wait_loaded (history);
  g_assert_null (tocsin_alert_history_get_error (history));
  tocsin_test_notify_assert (error, 0);
  tocsin_test_notify_assert (more_notes, 1);
  tocsin_test_notify_assert (more_activity, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (history)), ==, 40);
}

/* Dropping the history mid-load cancels its requests: nothing arrives
 * for a history that is gone. */
static void
test_dropped_while_loading (Fixture      *f,
                            gconstpointer data)
{
  g_autofree char    *id = busiest_alert (f);
  TocsinAlertHistory *history = tocsin_alert_history_new (f->service, id);
  g_autofree char    *site_path = tocsin_test_sandbox_site_path (f->sb, 0, "alerts/");
  g_autofree char    *fault = g_strdup_printf ("{\"path\":\"%s%s/\",\"kind\":\"delay\","
                                               "\"delay_ms\":500,\"times\":-1}",
                                               site_path, id);
  Result              after = { 0 };

  tocsin_test_sandbox_add_fault (f->sb, fault);
  tocsin_alert_history_reload (history);
  g_assert_finalize_object (history);

  /* A request made after it still gets its answer: the client is fine. */
  tocsin_alert_service_get_notes_async (f->service, id, NULL, 5, NULL, notes_cb, &after);
  test_wait_for (&after.done);
  g_assert_no_error (after.error);
  g_assert_cmpuint (after.items->len, ==, 5);
  g_ptr_array_unref (after.items);
  g_free (after.next);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/alert-history/items-and-order", test_items_and_order);
  ADD ("/alert-history/error", test_error);
  ADD ("/alert-history/dropped-while-loading", test_dropped_while_loading);
#undef ADD

  return g_test_run ();
}
