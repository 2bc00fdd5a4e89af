/* test-alert-details.c: the details pane's notes and activity against tocsin-sandbox
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tocsin-alert-service.h"
#include "tocsin-alert-details.h"
#include "tocsin-ops-client.h"
#include "tocsin-test-token-provider.h"
#include "tocsin-test-utils.h"

#define WAIT_MS 20000

typedef struct
{
  TocsinTestSandbox  *sb;
  TestTokenProvider  *provider;
  TocsinOpsClient    *client;
  TocsinAlertService *service;
  GtkWindow          *window;
  TocsinAlertDetails *details;
} Fixture;

typedef struct
{
  gboolean   done;
  GPtrArray *items;
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

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 600, 800);
  f->details = g_object_new (TOCSIN_TYPE_ALERT_DETAILS, NULL);
  gtk_window_set_child (f->window, GTK_WIDGET (f->details));
  gtk_window_present (f->window);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_object_ref (f->details);
  gtk_window_destroy (f->window);
  /* Nothing else holds the pane, not even a request under way. */
  g_assert_finalize_object (f->details);
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

  r->items =
    tocsin_alert_service_get_notes_finish (TOCSIN_ALERT_SERVICE (source), result, NULL, &r->error);
  r->done = TRUE;
}

static void
action_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *r = user_data;

  tocsin_alert_service_run_action_finish (TOCSIN_ALERT_SERVICE (source), result, &r->error);
  r->done = TRUE;
}

/* Every note of @alert, newest first (a stable sort of the API's order). */
static GPtrArray *
all_notes (Fixture     *f,
           TocsinAlert *alert)
{
  Result r = { 0 };

  tocsin_alert_service_get_notes_async (f->service, tocsin_alert_get_id (alert), NULL, 100, NULL,
                                        notes_cb, &r);
  test_wait_for (&r.done);
  g_assert_no_error (r.error);
  for (guint i = 1; i < r.items->len; i++)
    for (guint j = i; j > 0; j--)
      {
        GDateTime *a = tocsin_alert_entry_get_time (g_ptr_array_index (r.items, j - 1));
        GDateTime *b = tocsin_alert_entry_get_time (g_ptr_array_index (r.items, j));
        gpointer swap;

        if (g_date_time_compare (a, b) >= 0)
          break;
        swap = r.items->pdata[j - 1];
        r.items->pdata[j - 1] = r.items->pdata[j];
        r.items->pdata[j] = swap;
      }
  return r.items;
}

/* The seeded alert with more than a page of notes. */
static TocsinAlert *
busiest_alert (Fixture    *f,
               GPtrArray **notes_out)
{
  Result list = { 0 };
  TocsinAlert *best = NULL;

  tocsin_alert_service_list_async (f->service, NULL, 0, NULL, list_cb, &list);
  test_wait_for (&list.done);
  g_assert_no_error (list.error);
  for (guint i = 0; i < list.items->len; i++)
    {
      TocsinAlert *alert = g_ptr_array_index (list.items, i);
      g_autoptr(GPtrArray) notes = all_notes (f, alert);

      if (*notes_out == NULL || notes->len > (*notes_out)->len)
        {
          g_clear_pointer (notes_out, g_ptr_array_unref);
          *notes_out = g_steal_pointer (&notes);
          g_set_object (&best, alert);
        }
    }
  g_ptr_array_unref (list.items);
  g_assert_cmpuint ((*notes_out)->len, >, 20);
  return best;
}

static GtkWidget *
find (Fixture    *f,
      const char *id)
{
  GtkWidget *widget = tocsin_test_find_by_id (GTK_WIDGET (f->details), id);

  g_assert_nonnull (widget);
  return widget;
}

static guint
n_rows (GtkWidget *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;
  return n;
}

typedef struct
{
  GtkWidget *list;
  guint      n;
} RowsWait;

static gboolean
has_rows (gpointer data)
{
  RowsWait *wait = data;

  return n_rows (wait->list) == wait->n;
}

/* The first label of @row: the entry's text. */
static const char *
row_text (GtkWidget *list,
          guint      index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
  GtkWidget *label = tocsin_test_find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, NULL);

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Notes and activity load into their lists, newest first, one page at a
 * time behind the "more" buttons. */
static void
test_pages (Fixture      *f,
            gconstpointer data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(TocsinAlert) alert = busiest_alert (f, &notes);
  GtkWidget *notes_list = find (f, "notes_list");
  GtkWidget *logs_list = find (f, "logs_list");
  GtkWidget *more = find (f, "notes_more_button");
  Result     added = { 0 };
  RowsWait   wait;

  /* A note newer than the seeded ones, last in the API's order. */
  tocsin_alert_service_run_action_async (f->service, tocsin_alert_get_id (alert),
                                         TOCSIN_ALERT_ACTION_ADD_NOTE, "The newest note", NULL,
                                         NULL, action_cb, &added);
  test_wait_for (&added.done);
  g_assert_no_error (added.error);
  g_ptr_array_unref (notes);
  notes = all_notes (f, alert);
  g_assert_cmpstr (tocsin_alert_entry_get_text (g_ptr_array_index (notes, 0)), ==,
                   "The newest note");

  tocsin_alert_details_set_service (f->details, f->service);
  tocsin_alert_details_set_alert (f->details, alert);

  wait = (RowsWait){ notes_list, 20 };
  g_assert_true (tocsin_test_wait_until (has_rows, &wait, WAIT_MS));
  wait = (RowsWait){ logs_list, 20 };
  g_assert_true (tocsin_test_wait_until (has_rows, &wait, WAIT_MS));
  g_assert_true (gtk_widget_get_visible (more));
  g_assert_true (gtk_widget_get_visible (find (f, "logs_more_button")));

  while (gtk_widget_get_visible (more))
    {
      guint before = n_rows (notes_list);

      g_assert_true (gtk_widget_get_sensitive (more));
      gtk_widget_activate (more);
      wait = (RowsWait){ notes_list, MIN (before + 20, notes->len) };
      g_assert_true (tocsin_test_wait_until (has_rows, &wait, WAIT_MS));
      tocsin_test_spin (50);
    }
  g_assert_cmpuint (n_rows (notes_list), ==, notes->len);
  for (guint i = 0; i < notes->len; i++)
    g_assert_cmpstr (row_text (notes_list, i), ==,
                     tocsin_alert_entry_get_text (g_ptr_array_index (notes, i)));
  /* Loading notes left the activity as it was. */
  g_assert_cmpuint (n_rows (logs_list), ==, 20);

  /* Another alert starts over. */
  tocsin_alert_details_set_alert (f->details, NULL);
  g_assert_cmpuint (n_rows (notes_list), ==, 0);
  g_assert_false (gtk_widget_get_visible (more));
}

typedef struct
{
  GtkWidget  *list;
  const char *text;
} PlaceholderWait;

static gboolean
placeholder_says (gpointer data)
{
  PlaceholderWait *wait = data;
  GtkWidget *label = tocsin_test_find_widget (wait->list, GTK_TYPE_LABEL, NULL);

  return n_rows (wait->list) == 0 && label != NULL &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), wait->text) != 0;
}

/* A list that cannot load says why where its rows would be. */
static void
test_error (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(TocsinAlert) alert = busiest_alert (f, &notes);
  g_autofree char *site_path = tocsin_test_sandbox_site_path (f->sb, 0, "alerts/");
  g_autofree char *fault = g_strdup_printf ("{\"path\":\"%s%s/logs\",\"kind\":\"status\","
                                            "\"status\":500,\"message\":\"Activity is down\","
                                            "\"times\":-1}",
                                            site_path, tocsin_alert_get_id (alert));
  GtkWidget *logs_list = find (f, "logs_list");
  GtkWidget *label;
  PlaceholderWait wait = { logs_list, _("No activity") };
  RowsWait rows_wait = { find (f, "notes_list"), 20 };

  tocsin_test_sandbox_add_fault (f->sb, fault);
  tocsin_alert_details_set_service (f->details, f->service);
  tocsin_alert_details_set_alert (f->details, alert);

  g_assert_true (tocsin_test_wait_until (placeholder_says, &wait, WAIT_MS));
  label = tocsin_test_find_widget (logs_list, GTK_TYPE_LABEL, NULL);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Activity is down"));
  g_assert_false (gtk_widget_get_visible (find (f, "logs_more_button")));
  /* The notes load all the same. */
  g_assert_true (tocsin_test_wait_until (has_rows, &rows_wait, WAIT_MS));

  /* Reloading once the fault is gone shows the activity. */
  tocsin_test_sandbox_clear_faults (f->sb);
  tocsin_alert_details_reload (f->details);
  rows_wait = (RowsWait){ logs_list, 20 };
  g_assert_true (tocsin_test_wait_until (has_rows, &rows_wait, WAIT_MS));
}

int
main (int   argc,
      char *argv [])
{
  tocsin_test_init (&argc, &argv);
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/alert-details/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("pages", test_pages);
  ADD ("error", test_error);
#undef ADD

  return g_test_run ();
}
