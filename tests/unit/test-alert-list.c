/* test-alert-list.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tocsin-alert-list.h"

typedef struct
{
  guint pos, removed, added;
} Change;

typedef struct
{
  TocsinAlertList *list;
  GArray          *changes;
  GPtrArray       *shadow;   /* replays the emissions: must end equal to the list */
} Recorder;

static void
on_items_changed_cb (GListModel *model,
                     guint       pos,
                     guint       removed,
                     guint       added,
                     Recorder   *rec)
{
  Change change = { pos, removed, added };

  g_array_append_val (rec->changes, change);
  g_assert_cmpuint (pos + removed, <=, rec->shadow->len);
  g_ptr_array_remove_range (rec->shadow, pos, removed);
  for (guint i = 0; i < added; i++)
    {
      /* The model must already hold the new items when it emits. */
      g_autoptr(GObject) item = g_list_model_get_item (model, pos + i);
      g_assert_nonnull (item);
      g_ptr_array_insert (rec->shadow, pos + i, item);
    }
  g_assert_cmpuint (rec->shadow->len, ==, g_list_model_get_n_items (model));
}

static void
recorder_init (Recorder *rec)
{
  rec->list = tocsin_alert_list_new ();
  rec->changes = g_array_new (FALSE, FALSE, sizeof (Change));
  rec->shadow = g_ptr_array_new ();
  g_signal_connect (rec->list, "items-changed", G_CALLBACK (on_items_changed_cb), rec);
}

static void
recorder_clear (Recorder *rec)
{
  g_assert_finalize_object (rec->list);
  g_array_unref (rec->changes);
  g_ptr_array_unref (rec->shadow);
}

static void
assert_shadow_matches (Recorder *rec)
{
  g_assert_cmpuint (rec->shadow->len, ==, g_list_model_get_n_items (G_LIST_MODEL (rec->list)));
  for (guint i = 0; i < rec->shadow->len; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (rec->list), i);
      g_assert_true (item == g_ptr_array_index (rec->shadow, i));
    }
}

static TocsinAlert *
make (const char *id,
      const char *message)
{
  TocsinAlert *alert = tocsin_alert_new (id);

  tocsin_alert_set_message (alert, message);
  return alert;
}

/* Builds fresh alerts from "id" or "id=message" strings. */
static GPtrArray *
fresh_set (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, " ", -1);
  GPtrArray *fresh = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) kv = NULL;

      if (*parts[i] == '\0')
        continue;
      kv = g_strsplit (parts[i], "=", 2);
      g_ptr_array_add (fresh, make (kv[0], kv[1] != NULL ? kv[1] : kv[0]));
    }
  return fresh;
}

static void
apply_spec (Recorder   *rec,
            const char *spec)
{
  g_autoptr(GPtrArray) fresh = fresh_set (spec);

  g_array_set_size (rec->changes, 0);
  tocsin_alert_list_apply (rec->list, fresh);
}

static char *
ids (TocsinAlertList *list)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (i > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, tocsin_alert_get_id (alert));
    }
  return g_string_free (out, FALSE);
}

static void
assert_changes (Recorder    *rec,
                const Change *expected,
                guint         n_expected)
{
  g_assert_cmpuint (rec->changes->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    {
      Change *c = &g_array_index (rec->changes, Change, i);

      g_assert_cmpuint (c->pos, ==, expected[i].pos);
      g_assert_cmpuint (c->removed, ==, expected[i].removed);
      g_assert_cmpuint (c->added, ==, expected[i].added);
    }
}

static void
test_first_apply (void)
{
  Recorder rec;
  g_autofree char *order = NULL;

  recorder_init (&rec);
  apply_spec (&rec, "a b c");
  assert_changes (&rec, (Change[]) { { 0, 0, 3 } }, 1);
  order = ids (rec.list);
  g_assert_cmpstr (order, ==, "a b c");
  assert_shadow_matches (&rec);
  recorder_clear (&rec);
}

static void
test_identity_and_no_signal_when_equal (void)
{
  Recorder rec;
  g_autoptr(TocsinAlert) b_before = NULL;
  g_autoptr(TocsinAlert) b_after = NULL;

  recorder_init (&rec);
  apply_spec (&rec, "a b c");
  b_before = g_list_model_get_item (G_LIST_MODEL (rec.list), 1);
  apply_spec (&rec, "a b c");
  g_assert_cmpuint (rec.changes->len, ==, 0);
  apply_spec (&rec, "a b=changed c");
  g_assert_cmpuint (rec.changes->len, ==, 0);
  b_after = g_list_model_get_item (G_LIST_MODEL (rec.list), 1);
  g_assert_true (b_before == b_after);
  g_assert_cmpstr (tocsin_alert_get_message (b_after), ==, "changed");
  g_assert_true (tocsin_alert_list_lookup (rec.list, "b") == b_after);
  recorder_clear (&rec);
}

static void
test_minimal_changes (void)
{
  Recorder rec;
  g_autofree char *order = NULL;
  g_autoptr(TocsinAlert) c = NULL;

  recorder_init (&rec);
  apply_spec (&rec, "a b c d e");
  c = g_list_model_get_item (G_LIST_MODEL (rec.list), 2);

  /* b gone, f new between d and e */
  apply_spec (&rec, "a c d f e");
  assert_changes (&rec, (Change[]) { { 1, 1, 0 }, { 3, 0, 1 } }, 2);
  order = ids (rec.list);
  g_assert_cmpstr (order, ==, "a c d f e");
  assert_shadow_matches (&rec);
  g_assert_null (tocsin_alert_list_lookup (rec.list, "b"));
  g_assert_nonnull (tocsin_alert_list_lookup (rec.list, "f"));

  /* a replaced by x in place: one emission */
  apply_spec (&rec, "x c d f e");
  assert_changes (&rec, (Change[]) { { 0, 1, 1 } }, 1);
  assert_shadow_matches (&rec);

  /* everything gone */
  apply_spec (&rec, "");
  assert_changes (&rec, (Change[]) { { 0, 5, 0 } }, 1);
  g_assert_null (tocsin_alert_list_lookup (rec.list, "c"));
  recorder_clear (&rec);
}

static void
test_move_keeps_identity (void)
{
  Recorder rec;
  g_autoptr(TocsinAlert) c_before = NULL;
  g_autoptr(TocsinAlert) c_after = NULL;
  g_autofree char *order = NULL;

  recorder_init (&rec);
  apply_spec (&rec, "a b c");
  c_before = g_list_model_get_item (G_LIST_MODEL (rec.list), 2);
  apply_spec (&rec, "c a b");
  /* a and b stay; c is inserted in front and its old slot removed. */
  assert_changes (&rec, (Change[]) { { 0, 0, 1 }, { 3, 1, 0 } }, 2);
  order = ids (rec.list);
  g_assert_cmpstr (order, ==, "c a b");
  c_after = g_list_model_get_item (G_LIST_MODEL (rec.list), 0);
  g_assert_true (c_before == c_after);
  assert_shadow_matches (&rec);
  recorder_clear (&rec);
}

static void
test_duplicates_ignored (void)
{
  Recorder rec;
  g_autofree char *order = NULL;

  recorder_init (&rec);
  apply_spec (&rec, "a b a=dup c b");
  order = ids (rec.list);
  g_assert_cmpstr (order, ==, "a b c");
  g_assert_cmpstr (tocsin_alert_get_message (tocsin_alert_list_lookup (rec.list, "a")), ==, "a");
  recorder_clear (&rec);
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              GPtrArray  *names)
{
  g_ptr_array_add (names, (gpointer) pspec->name);
}

static void
test_notify_only_changed (void)
{
  Recorder rec;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(TocsinAlert) a = NULL;
  g_autoptr(TocsinAlert) b = NULL;
  g_autoptr(GPtrArray) b_names = g_ptr_array_new ();
  TocsinAlert *fresh_a;

  recorder_init (&rec);
  apply_spec (&rec, "a b");
  a = g_list_model_get_item (G_LIST_MODEL (rec.list), 0);
  b = g_list_model_get_item (G_LIST_MODEL (rec.list), 1);
  g_signal_connect (a, "notify", G_CALLBACK (on_notify_cb), names);
  g_signal_connect (b, "notify", G_CALLBACK (on_notify_cb), b_names);

  fresh = fresh_set ("a b");
  fresh_a = g_ptr_array_index (fresh, 0);
  tocsin_alert_set_acknowledged (fresh_a, TRUE);
  tocsin_alert_set_count (fresh_a, 3);
  tocsin_alert_list_apply (rec.list, fresh);

  g_assert_cmpuint (b_names->len, ==, 0);
  g_assert_cmpuint (names->len, ==, 3);
  g_assert_true (g_ptr_array_find_with_equal_func (names, "acknowledged", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "count", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (names, "state", g_str_equal, NULL));
  g_assert_cmpuint (tocsin_alert_list_get_open_unacknowledged_count (rec.list), ==, 1);

  g_signal_handlers_disconnect_by_data (a, names);
  g_signal_handlers_disconnect_by_data (b, b_names);
  recorder_clear (&rec);
}

static void
test_pending_not_overwritten (void)
{
  Recorder rec;
  g_autoptr(TocsinAlert) a = NULL;

  recorder_init (&rec);
  apply_spec (&rec, "a");
  a = g_list_model_get_item (G_LIST_MODEL (rec.list), 0);
  tocsin_alert_set_pending (a, TRUE);
  tocsin_alert_set_acknowledged (a, TRUE);
  apply_spec (&rec, "a");
  g_assert_true (tocsin_alert_get_acknowledged (a));
  tocsin_alert_set_pending (a, FALSE);
  apply_spec (&rec, "a");
  g_assert_false (tocsin_alert_get_acknowledged (a));
  recorder_clear (&rec);
}

/* Random edits: after every apply the order equals the fresh order, the
 * emissions replay to the same list, and surviving alerts keep identity. */
static void
test_random (void)
{
  Recorder rec;
  GRand *rand = g_rand_new_with_seed (42);
  g_autoptr(GPtrArray) current = g_ptr_array_new_with_free_func (g_free);
  guint next_id = 0;

  recorder_init (&rec);
  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
      g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rec.list)); i++)
        {
          TocsinAlert *alert = g_list_model_get_item (G_LIST_MODEL (rec.list), i);
          g_hash_table_insert (before, g_strdup (tocsin_alert_get_id (alert)), alert);
        }

      for (guint i = 0; i < current->len; i++)
        if (g_rand_int_range (rand, 0, 10) != 0)
          g_ptr_array_add (next, g_strdup (g_ptr_array_index (current, i)));
      for (guint i = 0; i < (guint) g_rand_int_range (rand, 0, 6); i++)
        g_ptr_array_insert (next, g_rand_int_range (rand, 0, next->len + 1),
                            g_strdup_printf ("n%u", next_id++));
      if (next->len > 1 && g_rand_boolean (rand))
        {
          guint from = g_rand_int_range (rand, 0, next->len);
          guint to = g_rand_int_range (rand, 0, next->len);
          char *moved = g_ptr_array_steal_index (next, from);
          g_ptr_array_insert (next, to, moved);
        }

      for (guint i = 0; i < next->len; i++)
        g_ptr_array_add (fresh, make (g_ptr_array_index (next, i), "m"));
      tocsin_alert_list_apply (rec.list, fresh);

      assert_shadow_matches (&rec);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rec.list)), ==, next->len);
      for (guint i = 0; i < next->len; i++)
        {
          g_autoptr(TocsinAlert) alert = g_list_model_get_item (G_LIST_MODEL (rec.list), i);
          TocsinAlert *old = g_hash_table_lookup (before, g_ptr_array_index (next, i));

          g_assert_cmpstr (tocsin_alert_get_id (alert), ==, g_ptr_array_index (next, i));
          if (old != NULL)
            g_assert_true (old == alert);
        }

      g_ptr_array_set_size (current, 0);
      for (guint i = 0; i < next->len; i++)
        g_ptr_array_add (current, g_strdup (g_ptr_array_index (next, i)));
    }
  g_rand_free (rand);
  recorder_clear (&rec);
}

static void
applied_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (tocsin_alert_list_apply_finish (TOCSIN_ALERT_LIST (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_async_matches_sync (void)
{
  Recorder rec;
  g_autoptr(TocsinAlertList) sync_list = tocsin_alert_list_new ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(TocsinAlert) kept = NULL;
  g_autofree char *async_ids = NULL;
  g_autofree char *sync_ids = NULL;
  gboolean done = FALSE;
  gint64 deadline;

  recorder_init (&rec);
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("id%u", i);
      g_ptr_array_add (first, make (id, "x"));
    }
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *id = g_strdup_printf ("id%u", (i % 20 == 0) ? i + 100000 : i);
      g_ptr_array_add (second, make (id, i % 7 == 0 ? "y" : "x"));
    }

  tocsin_alert_list_apply (rec.list, first);
  kept = g_list_model_get_item (G_LIST_MODEL (rec.list), 1);
  /* A tiny budget forces many chunks. */
  tocsin_alert_list_apply_async (rec.list, second, 50, NULL, applied_cb, &done);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (done);
  g_assert_cmpuint (rec.changes->len, >, 1);

  tocsin_alert_list_apply (sync_list, second);
  async_ids = ids (rec.list);
  sync_ids = ids (sync_list);
  g_assert_cmpstr (async_ids, ==, sync_ids);
  assert_shadow_matches (&rec);
  g_assert_true (tocsin_alert_list_lookup (rec.list, "id1") == kept);
  g_assert_cmpstr (tocsin_alert_get_message (tocsin_alert_list_lookup (rec.list, "id7")), ==, "y");
  recorder_clear (&rec);
}

/* Memory given back */

#define N_BIG 1000
#define BIG_TEXT (16 * 1024)

static gsize
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  g_assert_true (g_file_get_contents ("/proc/self/status", &status, NULL, NULL));
  line = strstr (status, "\nVmRSS:");
  g_assert_nonnull (line);
  return g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

/* Alerts "keep<i>" and "drop<i>" made in turns, in a thread of their own
 * as the parser's are, so the drop ones' memory lies between the keep
 * ones' in that thread's malloc arena. */
static gpointer
make_big_in_thread (gpointer data)
{
  GPtrArray *alerts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = g_strnfill (BIG_TEXT, 'x');

  for (guint i = 0; i < N_BIG; i++)
    {
      g_autofree char *keep = g_strdup_printf ("keep%u", i);
      g_autofree char *drop = g_strdup_printf ("drop%u", i);

      g_ptr_array_add (alerts, make (keep, text));
      g_ptr_array_add (alerts, make (drop, text));
    }
  return alerts;
}

/* The alerts an apply drops are freed in a thread; then the pages they
 * held go back to the system, not only to malloc (glibc keeps the freed
 * middle of a thread's arena otherwise). */
static void
test_memory_given_back (void)
{
  g_autoptr(TocsinAlertList) list = tocsin_alert_list_new ();
  g_autoptr(GPtrArray) both = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_object_unref);
  gsize before, loaded, target;
  gint64 deadline;

#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer keeps freed memory in quarantine");
  return;
#endif
#ifndef HAVE_MALLOC_TRIM
  g_test_skip ("No malloc_trim() in this C library");
  return;
#endif

  before = read_rss_kb ();
  both = g_thread_join (g_thread_new ("make", make_big_in_thread, NULL));
  tocsin_alert_list_apply (list, both);
  for (guint i = 0; i < both->len; i += 2)
    g_ptr_array_add (kept, g_object_ref (g_ptr_array_index (both, i)));
  g_clear_pointer (&both, g_ptr_array_unref);
  loaded = read_rss_kb ();
  g_assert_cmpuint (loaded, >, before + N_BIG * BIG_TEXT / 1024);

  /* The drop alerts leave: half of what the load took, in holes. */
  tocsin_alert_list_apply (list, kept);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_BIG);
  target = loaded - (loaded - before) / 4;
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (read_rss_kb () > target && g_get_monotonic_time () < deadline)
    g_usleep (20000);
  g_test_message ("RSS %" G_GSIZE_FORMAT " kB before, %" G_GSIZE_FORMAT " loaded, %" G_GSIZE_FORMAT
                  " after the drop",
                  before, loaded, read_rss_kb ());
  g_assert_cmpuint (read_rss_kb (), <=, target);
}

/* A view that spends 400 us on each change. */
typedef struct
{
  guint emitted;      /* in this main-loop iteration */
  guint max_emitted;  /* the most in one iteration */
} View;

static void
on_view_items_changed_cb (GListModel *model,
                          guint       pos,
                          guint       removed,
                          guint       added,
                          View       *view)
{
  gint64 until = g_get_monotonic_time () + 400;

  while (g_get_monotonic_time () < until)
    ;
  view->emitted++;
}

/* With the default budget (1 ms) a chunk of an apply ends after the change
 * that passes it, what the view did with the changes counted: three of
 * them, not eight (3 ms). A slower or busier machine only makes it fewer. */
static void
test_async_budget_counts_view (void)
{
  g_autoptr(TocsinAlertList) list = tocsin_alert_list_new ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  View view = { 0 };
  gboolean done = FALSE;

  for (guint i = 0; i < 1000; i++)
    {
      g_autofree char *id = g_strdup_printf ("id%u", i);

      g_ptr_array_add (first, make (id, "x"));
      /* Every tenth gone: a hundred separate changes. */
      if (i % 10 != 0)
        g_ptr_array_add (fresh, make (id, "x"));
    }
  tocsin_alert_list_apply (list, first);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_view_items_changed_cb), &view);

  tocsin_alert_list_apply_async (list, fresh, 0, NULL, applied_cb, &done);
  while (!done)
    {
      view.emitted = 0;
      g_main_context_iteration (NULL, TRUE);
      view.max_emitted = MAX (view.max_emitted, view.emitted);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 900);
  g_assert_cmpuint (view.max_emitted, >=, 1);
  g_assert_cmpuint (view.max_emitted, <=, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/alert-list/first-apply", test_first_apply);
  g_test_add_func ("/alert-list/identity", test_identity_and_no_signal_when_equal);
  g_test_add_func ("/alert-list/minimal-changes", test_minimal_changes);
  g_test_add_func ("/alert-list/move-keeps-identity", test_move_keeps_identity);
  g_test_add_func ("/alert-list/duplicates-ignored", test_duplicates_ignored);
  g_test_add_func ("/alert-list/notify-only-changed", test_notify_only_changed);
  g_test_add_func ("/alert-list/pending-not-overwritten", test_pending_not_overwritten);
  g_test_add_func ("/alert-list/random", test_random);
  g_test_add_func ("/alert-list/async-matches-sync", test_async_matches_sync);
  g_test_add_func ("/alert-list/memory-given-back", test_memory_given_back);
  g_test_add_func ("/alert-list/async-budget-counts-view", test_async_budget_counts_view);

  return g_test_run ();
}
