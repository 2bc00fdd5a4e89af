/* tocsin-alert-list.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-list"

#include "config.h"

#include <string.h>
#ifdef HAVE_MALLOC_TRIM
#include <malloc.h>
#endif

#include "tocsin-alert-list.h"

/* Diffing keeps the longest run of alerts whose relative order did not
 * change (a longest increasing subsequence of their old positions) in place;
 * everything else becomes removals and insertions, grouped into one
 * items-changed per contiguous block. Alerts that moved are removed and
 * re-inserted as the same object, so identity survives even then. Only ids
 * are read while diffing (they never change), so it can run in a thread. */

struct _TocsinAlertList
{
  GObject     parent_instance;

  GPtrArray  *items;     /* TocsinAlert, owned */
  GHashTable *by_id;     /* id (owned by the alert) -> alert */
  guint       open_unacknowledged;
  guint       generation;
};

#define MAX_BLOCK 1000

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TocsinAlertList, tocsin_alert_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_OPEN_UNACKNOWLEDGED_COUNT,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef struct
{
  TocsinAlert *item;      /* the object that ends up at this position */
  TocsinAlert *from;      /* fresh data for an old object, or NULL */
} Entry;

typedef struct
{
  guint pos;              /* in the list as it is when the block applies */
  guint old_start;        /* first removed item's index in the old list */
  guint removed;
  guint added;
} Block;

typedef struct
{
  GPtrArray *old;         /* snapshot, owned refs */
  GPtrArray *fresh;       /* owned refs */
  GArray    *entries;     /* Entry: the new list */
  GArray    *blocks;      /* Block */
  guint8    *gone;        /* per old index: not in the new list */
  guint      generation;
  /* progress of a chunked apply */
  guint      next_block;
  guint      next_update;
  guint      budget_us;
  guint      idle_id;
} Diff;

static void
diff_release (Diff *diff)
{
  g_clear_pointer (&diff->old, g_ptr_array_unref);
  g_clear_pointer (&diff->fresh, g_ptr_array_unref);
  g_clear_pointer (&diff->entries, g_array_unref);
  g_clear_pointer (&diff->blocks, g_array_unref);
  g_free (diff->gone);
  g_free (diff);
}

static gpointer
release_in_thread (gpointer data)
{
  diff_release (data);
#ifdef HAVE_MALLOC_TRIM
  /* A refresh parses every alert anew in worker threads. glibc keeps what
   * their arenas freed and gives back only the top of each, so without this
   * the process keeps about one more copy of the list for good (bench-rss,
   * three refreshes of 10,000 alerts: 142-148 MB, 122 MB with it). Here,
   * off the main loop, after the copies are freed. */
  malloc_trim (0);
#endif
  return NULL;
}

static void
diff_free (Diff *diff)
{
  g_clear_handle_id (&diff->idle_id, g_source_remove);
  /* Not on the main loop for thousands of alerts: finalizing the unused
   * fresh ones (or removed old ones nobody else holds) takes tens of
   * milliseconds, and freeing the big arrays the worker thread allocated
   * makes malloc consolidate that thread's arena (~10 ms measured). */
  if (diff->old->len + diff->fresh->len > 1000)
    g_thread_unref (g_thread_new ("tocsin-release", release_in_thread, diff));
  else
    diff_release (diff);
}

static GPtrArray *
ref_array (GPtrArray *array)
{
  GPtrArray *copy = g_ptr_array_new_full (array->len, g_object_unref);

  for (guint i = 0; i < array->len; i++)
    g_ptr_array_add (copy, g_object_ref (g_ptr_array_index (array, i)));
  return copy;
}

/* Fills diff->entries with the new list (first of each id): an old item
 * that stays takes the fresh data, a new id is the fresh item itself. Marks
 * diff->gone, and returns how many stayed, with their old and entry indices
 * in @matched_old and @matched_entry. */
static guint
diff_match (Diff  *diff,
            guint *matched_old,
            guint *matched_entry)
{
  g_autoptr(GHashTable) old_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_matched = 0;

  for (guint i = 0; i < diff->old->len; i++)
    g_hash_table_insert (old_index, (gpointer) tocsin_alert_get_id (g_ptr_array_index (diff->old, i)),
                         GUINT_TO_POINTER (i + 1));

  for (guint i = 0; i < diff->fresh->len; i++)
    {
      TocsinAlert *fresh = g_ptr_array_index (diff->fresh, i);
      const char *id = tocsin_alert_get_id (fresh);
      guint idx;
      Entry entry;

      if (!g_hash_table_add (seen, (gpointer) id))
        continue;

      idx = GPOINTER_TO_UINT (g_hash_table_lookup (old_index, id));
      if (idx != 0)
        {
          entry.item = g_ptr_array_index (diff->old, idx - 1);
          entry.from = fresh;
          diff->gone[idx - 1] = 0;
          matched_old[n_matched] = idx - 1;
          matched_entry[n_matched] = diff->entries->len;
          n_matched++;
        }
      else
        {
          entry.item = fresh;
          entry.from = NULL;
        }
      g_array_append_val (diff->entries, entry);
    }
  return n_matched;
}

/* The items that keep their place: the longest increasing subsequence of
 * @matched_old (patience sorting), marked in @keep (old indices) and
 * @anchor (entry indices). */
static void
diff_mark_anchors (const guint *matched_old,
                   const guint *matched_entry,
                   guint        n_matched,
                   guint8      *keep,
                   guint8      *anchor)
{
  g_autofree guint *tails = g_new (guint, n_matched + 1);
  g_autofree guint *prev = g_new (guint, n_matched + 1);
  guint lis_len = 0;

  for (guint k = 0; k < n_matched; k++)
    {
      guint lo = 0, hi = lis_len;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;

          if (matched_old[tails[mid]] < matched_old[k])
            lo = mid + 1;
          else
            hi = mid;
        }
      prev[k] = lo > 0 ? tails[lo - 1] : G_MAXUINT;
      tails[lo] = k;
      if (lo == lis_len)
        lis_len++;
    }

  if (lis_len > 0)
    for (guint k = tails[lis_len - 1]; k != G_MAXUINT; k = prev[k])
      {
        keep[matched_old[k]] = 1;
        anchor[matched_entry[k]] = 1;
      }
}

/* Between consecutive anchors: a run of old items to remove and a run of
 * new items to insert, which is one block. */
static void
diff_add_blocks (Diff         *diff,
                 const guint8 *keep,
                 const guint8 *anchor)
{
  guint n_old = diff->old->len;
  guint i_old = 0, i_new = 0;

  for (;;)
    {
      Block block = { i_new, i_old, 0, 0 };

      while (i_old + block.removed < n_old && !keep[i_old + block.removed])
        block.removed++;
      while (i_new + block.added < diff->entries->len && !anchor[i_new + block.added])
        block.added++;
      i_old += block.removed;
      i_new += block.added;
      /* Huge blocks (the first load) are split so no main-loop iteration
       * has to insert thousands of items at once. */
      while (block.removed > 0 || block.added > 0)
        {
          Block part = { block.pos, block.old_start, MIN (block.removed, MAX_BLOCK), MIN (block.added, MAX_BLOCK) };

          g_array_append_val (diff->blocks, part);
          block.pos += part.added;
          block.old_start += part.removed;
          block.removed -= part.removed;
          block.added -= part.added;
        }
      if (i_old >= n_old || i_new >= diff->entries->len)
        break;
      /* Both now point at the same anchor. */
      i_old++;
      i_new++;
    }
}

/* Pure; runs in a worker thread for the async path. */
static void
diff_compute (Diff *diff)
{
  guint n_old = diff->old->len;
  g_autofree guint *matched_old = g_new (guint, diff->fresh->len + 1);     /* old index per match */
  g_autofree guint *matched_entry = g_new (guint, diff->fresh->len + 1);   /* entry index per match */
  g_autofree guint8 *keep = NULL;
  g_autofree guint8 *anchor = NULL;
  guint n_matched;

  diff->entries = g_array_sized_new (FALSE, FALSE, sizeof (Entry), diff->fresh->len);
  diff->blocks = g_array_new (FALSE, FALSE, sizeof (Block));
  diff->gone = g_malloc (MAX (n_old, 1));
  memset (diff->gone, 1, MAX (n_old, 1));

  n_matched = diff_match (diff, matched_old, matched_entry);

  keep = g_malloc0 (MAX (n_old, 1));
  anchor = g_malloc0 (MAX (diff->entries->len, 1));
  diff_mark_anchors (matched_old, matched_entry, n_matched, keep, anchor);
  diff_add_blocks (diff, keep, anchor);
}

static Diff *
diff_new (TocsinAlertList *self,
          GPtrArray       *fresh)
{
  Diff *diff = g_new0 (Diff, 1);

  diff->old = ref_array (self->items);
  /* Kept, not copied: one pass less over 10,000 alerts on the main loop. */
  diff->fresh = g_ptr_array_ref (fresh);
  diff->generation = ++self->generation;
  return diff;
}

static void
recount (TocsinAlertList *self)
{
  guint count = 0;

  for (guint i = 0; i < self->items->len; i++)
    if (tocsin_alert_is_open_unacknowledged (g_ptr_array_index (self->items, i)))
      count++;

  if (count != self->open_unacknowledged)
    {
      self->open_unacknowledged = count;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OPEN_UNACKNOWLEDGED_COUNT]);
    }
}

static void
apply_block (TocsinAlertList *self,
             Diff            *diff,
             const Block     *block)
{
  GPtrArray *items = self->items;
  guint old_len = items->len;
  guint new_len = old_len - block->removed + block->added;

  for (guint k = 0; k < block->removed; k++)
    {
      TocsinAlert *alert = g_ptr_array_index (items, block->pos + k);

      if (diff->gone[block->old_start + k])
        g_hash_table_remove (self->by_id, tocsin_alert_get_id (alert));
      g_object_unref (alert);
    }

  if (block->added > block->removed)
    g_ptr_array_set_size (items, new_len);
  memmove (items->pdata + block->pos + block->added,
           items->pdata + block->pos + block->removed,
           (old_len - block->pos - block->removed) * sizeof (gpointer));
  if (block->added < block->removed)
    {
      /* Shrinking with set_size would unref the stale tail pointers. */
      g_ptr_array_set_free_func (items, NULL);
      g_ptr_array_set_size (items, new_len);
      g_ptr_array_set_free_func (items, g_object_unref);
    }

  for (guint k = 0; k < block->added; k++)
    {
      const Entry *entry = &g_array_index (diff->entries, Entry, block->pos + k);

      items->pdata[block->pos + k] = g_object_ref (entry->item);
      if (entry->from == NULL)
        g_hash_table_insert (self->by_id, (gpointer) tocsin_alert_get_id (entry->item), entry->item);
    }

  g_list_model_items_changed (G_LIST_MODEL (self), block->pos, block->removed, block->added);
}

/* Returns TRUE when the whole diff is applied. */
static gboolean
apply_some (TocsinAlertList *self,
            Diff            *diff,
            gint64           deadline)
{
  guint n_before = self->items->len;

  while (diff->next_block < diff->blocks->len)
    {
      apply_block (self, diff, &g_array_index (diff->blocks, Block, diff->next_block++));
      if (deadline > 0 && g_get_monotonic_time () > deadline)
        goto out;
    }

  while (diff->next_update < diff->entries->len)
    {
      const Entry *entry = &g_array_index (diff->entries, Entry, diff->next_update++);

      /* An alert with an action in flight keeps its optimistic state until
       * the action settles; the next refresh brings it up to date. Its
       * handlers (a row showing it) may cost more than the update. */
      if (entry->from != NULL && !tocsin_alert_get_pending (entry->item))
        tocsin_alert_update_from (entry->item, entry->from);
      if (deadline > 0 && g_get_monotonic_time () > deadline)
        goto out;
    }

out:
  if (n_before != self->items->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
  return diff->next_block >= diff->blocks->len && diff->next_update >= diff->entries->len;
}

void
tocsin_alert_list_apply (TocsinAlertList *self,
                         GPtrArray       *fresh)
{
  Diff *diff;

  g_return_if_fail (TOCSIN_IS_ALERT_LIST (self));
  g_return_if_fail (fresh != NULL);

  diff = diff_new (self, fresh);
  diff_compute (diff);
  apply_some (self, diff, 0);
  diff_free (diff);
  recount (self);
}

static void
compute_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  diff_compute (task_data);
  g_task_return_boolean (task, TRUE);
}

static gboolean
apply_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  TocsinAlertList *self = g_task_get_source_object (task);
  Diff *diff = g_task_get_task_data (task);

  if (diff->generation != self->generation)
    {
      diff->idle_id = 0;
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Superseded by a newer apply");
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      diff->idle_id = 0;
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }

  if (!apply_some (self, diff, g_get_monotonic_time () + diff->budget_us))
    return G_SOURCE_CONTINUE;

  diff->idle_id = 0;
  recount (self);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GTask *task = user_data;
  Diff *diff = g_task_get_task_data (task);
  TocsinAlertList *self = TOCSIN_ALERT_LIST (source);

  if (diff->generation != self->generation)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Superseded by a newer apply");
      g_object_unref (task);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  /* Run the first chunk right away; the rest in idles below redraw priority. */
  if (apply_idle_cb (task) == G_SOURCE_CONTINUE)
    diff->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, apply_idle_cb, task, NULL);
}

void
tocsin_alert_list_apply_async (TocsinAlertList     *self,
                               GPtrArray           *fresh,
                               guint                budget_us,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) worker = NULL;
  Diff *diff;

  g_return_if_fail (TOCSIN_IS_ALERT_LIST (self));
  g_return_if_fail (fresh != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  diff = diff_new (self, fresh);
  diff->budget_us = budget_us > 0 ? budget_us : 1000;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_alert_list_apply_async);
  g_task_set_task_data (task, diff, (GDestroyNotify) diff_free);

  worker = g_task_new (self, NULL, computed_cb, g_steal_pointer (&task));
  g_task_set_task_data (worker, diff, NULL);
  g_task_run_in_thread (worker, compute_in_thread);
}

gboolean
tocsin_alert_list_apply_finish (TocsinAlertList  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

TocsinAlert *
tocsin_alert_list_lookup (TocsinAlertList *self,
                          const char      *id)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_LIST (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->by_id, id);
}

guint
tocsin_alert_list_get_open_unacknowledged_count (TocsinAlertList *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_LIST (self), 0);
  return self->open_unacknowledged;
}

void
tocsin_alert_list_recount (TocsinAlertList *self)
{
  g_return_if_fail (TOCSIN_IS_ALERT_LIST (self));
  recount (self);
}

static GType
list_get_item_type (GListModel *model)
{
  return TOCSIN_TYPE_ALERT;
}

static guint
list_get_n_items (GListModel *model)
{
  return TOCSIN_ALERT_LIST (model)->items->len;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  TocsinAlertList *self = TOCSIN_ALERT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
tocsin_alert_list_finalize (GObject *object)
{
  TocsinAlertList *self = (TocsinAlertList *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (tocsin_alert_list_parent_class)->finalize (object);
}

static void
tocsin_alert_list_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TocsinAlertList *self = TOCSIN_ALERT_LIST (object);

  switch (prop_id)
    {
    case PROP_OPEN_UNACKNOWLEDGED_COUNT:
      g_value_set_uint (value, self->open_unacknowledged);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_list_class_init (TocsinAlertListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_alert_list_finalize;
  object_class->get_property = tocsin_alert_list_get_property;

  properties [PROP_OPEN_UNACKNOWLEDGED_COUNT] =
    g_param_spec_uint ("open-unacknowledged-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_alert_list_init (TocsinAlertList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

TocsinAlertList *
tocsin_alert_list_new (void)
{
  return g_object_new (TOCSIN_TYPE_ALERT_LIST, NULL);
}
