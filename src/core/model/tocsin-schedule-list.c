/* tocsin-schedule-list.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-schedule-list"

#include "config.h"

#include "tocsin-schedule-list.h"
#include "tocsin-shifts.h"

struct _TocsinScheduleList
{
  GObject     parent_instance;

  GPtrArray  *items;
  GListStore *my_shifts;
  char       *account_id;
  char       *summary;
  guint       on_call : 1;
  guint       names_available : 1;
  guint       loaded_once : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TocsinScheduleList, tocsin_schedule_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_EMPTY,
  PROP_NAMES_AVAILABLE,
  PROP_ACCOUNT_ID,
  PROP_MY_SHIFTS,
  PROP_ON_CALL,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* GListModel */

static GType
tocsin_schedule_list_get_item_type (GListModel *model)
{
  return TOCSIN_TYPE_SCHEDULE;
}

static guint
tocsin_schedule_list_get_n_items (GListModel *model)
{
  return TOCSIN_SCHEDULE_LIST (model)->items->len;
}

static gpointer
tocsin_schedule_list_get_item (GListModel *model,
                               guint       position)
{
  TocsinScheduleList *self = TOCSIN_SCHEDULE_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = tocsin_schedule_list_get_item_type;
  iface->get_n_items = tocsin_schedule_list_get_n_items;
  iface->get_item = tocsin_schedule_list_get_item;
}

/* Auxiliary methods */

static gboolean
compute_empty (TocsinScheduleList *self)
{
  return self->loaded_once && self->items->len == 0;
}

/* Runs @change and notifies "empty" when it flipped. */
#define WITH_EMPTY_NOTIFY(self, change)                                               \
  G_STMT_START {                                                                      \
    gboolean was_empty_ = compute_empty (self);                                       \
    change;                                                                           \
    if (was_empty_ != compute_empty (self))                                           \
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_EMPTY]);            \
  } G_STMT_END

/* GObject overrides */

static void
tocsin_schedule_list_dispose (GObject *object)
{
  TocsinScheduleList *self = (TocsinScheduleList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_object (&self->my_shifts);

  G_OBJECT_CLASS (tocsin_schedule_list_parent_class)->dispose (object);
}

static void
tocsin_schedule_list_finalize (GObject *object)
{
  TocsinScheduleList *self = (TocsinScheduleList *)object;

  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->summary, g_free);

  G_OBJECT_CLASS (tocsin_schedule_list_parent_class)->finalize (object);
}

static void
tocsin_schedule_list_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TocsinScheduleList *self = TOCSIN_SCHEDULE_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->items->len);
      break;

    case PROP_EMPTY:
      g_value_set_boolean (value, compute_empty (self));
      break;

    case PROP_NAMES_AVAILABLE:
      g_value_set_boolean (value, self->names_available);
      break;

    case PROP_ACCOUNT_ID:
      g_value_set_string (value, self->account_id);
      break;

    case PROP_MY_SHIFTS:
      g_value_set_object (value, self->my_shifts);
      break;

    case PROP_ON_CALL:
      g_value_set_boolean (value, self->on_call);
      break;

    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_list_class_init (TocsinScheduleListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tocsin_schedule_list_dispose;
  object_class->finalize = tocsin_schedule_list_finalize;
  object_class->get_property = tocsin_schedule_list_get_property;

  properties [PROP_N_ITEMS] = g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* A fetch worked and the user sees no schedule (whether a later one is
   * running or failed is TocsinScheduleMonitor's to say). */
  properties [PROP_EMPTY] = g_param_spec_boolean ("empty", NULL, NULL, FALSE, ro);
  /* FALSE when the grant lacks read:jira-user: participants show account ids. */
  properties [PROP_NAMES_AVAILABLE] = g_param_spec_boolean ("names-available", NULL, NULL, TRUE, ro);
  properties [PROP_ACCOUNT_ID] = g_param_spec_string ("account-id", NULL, NULL, NULL, ro);
  /* The signed-in user's current and upcoming TocsinShift across schedules. */
  properties [PROP_MY_SHIFTS] = g_param_spec_object ("my-shifts", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  /* The user is on call now. */
  properties [PROP_ON_CALL] = g_param_spec_boolean ("on-call", NULL, NULL, FALSE, ro);
  /* "On call until Tue 09:00" / "Next shift Fri 18:00" / NULL. */
  properties [PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_schedule_list_init (TocsinScheduleList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->my_shifts = g_list_store_new (TOCSIN_TYPE_SHIFT);
  self->names_available = TRUE;
}

/* Public API */

TocsinScheduleList *
tocsin_schedule_list_new (void)
{
  return g_object_new (TOCSIN_TYPE_SCHEDULE_LIST, NULL);
}

/**
 * tocsin_schedule_list_lookup:
 *
 * Returns: (transfer none) (nullable): the schedule with @id
 */
TocsinSchedule *
tocsin_schedule_list_lookup (TocsinScheduleList *self,
                             const char         *id)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_LIST (self), NULL);

  for (guint i = 0; i < self->items->len; i++)
    {
      TocsinSchedule *schedule = g_ptr_array_index (self->items, i);

      if (g_strcmp0 (tocsin_schedule_get_id (schedule), id) == 0)
        return schedule;
    }

  return NULL;
}

/**
 * tocsin_schedule_list_update:
 * @schedules: (element-type TocsinSchedule): a fresh fetch, in server order
 *
 * Schedules already listed (same id) keep their object and take over the new
 * data; new ones are added, gone ones removed. Marks the list as loaded.
 */
void
tocsin_schedule_list_update (TocsinScheduleList *self,
                             GPtrArray          *schedules)
{
  g_autoptr(GPtrArray) next = NULL;
  gboolean same_order;
  guint old_len;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_LIST (self));
  g_return_if_fail (schedules != NULL);

  next = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < schedules->len; i++)
    {
      TocsinSchedule *fresh = g_ptr_array_index (schedules, i);
      TocsinSchedule *existing = tocsin_schedule_list_lookup (self, tocsin_schedule_get_id (fresh));

      if (existing != NULL)
        {
          tocsin_schedule_update_from (existing, fresh);
          g_ptr_array_add (next, g_object_ref (existing));
        }
      else
        g_ptr_array_add (next, g_object_ref (fresh));
    }

  old_len = self->items->len;
  same_order = old_len == next->len;
  for (guint i = 0; same_order && i < old_len; i++)
    same_order = g_ptr_array_index (self->items, i) == g_ptr_array_index (next, i);

  WITH_EMPTY_NOTIFY (self, {
    self->loaded_once = TRUE;
    if (!same_order)
      {
        g_ptr_array_unref (self->items);
        self->items = g_steal_pointer (&next);
      }
  });

  if (!same_order)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, self->items->len);
      if (old_len != self->items->len)
        g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
    }
}

gboolean
tocsin_schedule_list_get_empty (TocsinScheduleList *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_LIST (self), FALSE);
  return compute_empty (self);
}

gboolean
tocsin_schedule_list_get_names_available (TocsinScheduleList *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_LIST (self), FALSE);
  return self->names_available;
}

void
tocsin_schedule_list_set_names_available (TocsinScheduleList *self,
                                          gboolean            available)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE_LIST (self));

  available = !!available;
  if (self->names_available == available)
    return;

  self->names_available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAMES_AVAILABLE]);
}

const char *
tocsin_schedule_list_get_account_id (TocsinScheduleList *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_LIST (self), NULL);
  return self->account_id;
}

/* Call tocsin_schedule_list_update_my_shifts() afterwards. */
void
tocsin_schedule_list_set_account_id (TocsinScheduleList *self,
                                     const char         *account_id)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE_LIST (self));

  if (g_strcmp0 (self->account_id, account_id) == 0)
    return;

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACCOUNT_ID]);
}

static GPtrArray *
collect_all_shifts (TocsinScheduleList *self)
{
  GPtrArray *all = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->items->len; i++)
    {
      g_autoptr(GPtrArray) shifts = tocsin_schedule_dup_shifts (g_ptr_array_index (self->items, i));

      for (guint j = 0; j < shifts->len; j++)
        g_ptr_array_add (all, g_object_ref (g_ptr_array_index (shifts, j)));
    }

  return all;
}

/**
 * tocsin_schedule_list_update_my_shifts:
 * @now: the current time (a parameter so tests are reproducible)
 * @local_zone: (nullable): the user's zone; %NULL for the system zone
 *
 * Recomputes #TocsinScheduleList:my-shifts, :on-call and :summary from the
 * schedules' shifts and #TocsinScheduleList:account-id.
 */
void
tocsin_schedule_list_update_my_shifts (TocsinScheduleList *self,
                                       GDateTime          *now,
                                       GTimeZone          *local_zone)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autofree char *summary = NULL;
  gboolean on_call = FALSE;
  guint n_old;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_LIST (self));
  g_return_if_fail (now != NULL);

  all = collect_all_shifts (self);
  mine = tocsin_shifts_for_user (all, self->account_id, now);
  summary = tocsin_shifts_format_summary (mine, now, local_zone, &on_call);

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->my_shifts));
  g_list_store_splice (self->my_shifts, 0, n_old, mine->pdata, mine->len);

  if (self->on_call != !!on_call)
    {
      self->on_call = !!on_call;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ON_CALL]);
    }

  if (g_strcmp0 (self->summary, summary) != 0)
    {
      g_free (self->summary);
      self->summary = g_steal_pointer (&summary);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUMMARY]);
    }
}

/**
 * tocsin_schedule_list_get_my_shifts:
 *
 * Returns: (transfer none): the user's current and upcoming #TocsinShift
 */
GListModel *
tocsin_schedule_list_get_my_shifts (TocsinScheduleList *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_LIST (self), NULL);
  return G_LIST_MODEL (self->my_shifts);
}

gboolean
tocsin_schedule_list_get_on_call (TocsinScheduleList *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_LIST (self), FALSE);
  return self->on_call;
}

const char *
tocsin_schedule_list_get_summary (TocsinScheduleList *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_LIST (self), NULL);
  return self->summary;
}

/**
 * tocsin_schedule_list_get_next_boundary:
 *
 * Returns: (transfer full) (nullable): the first shift start or end of any
 *   schedule after @now: who is on call changes then
 */
GDateTime *
tocsin_schedule_list_get_next_boundary (TocsinScheduleList *self,
                                        GDateTime          *now)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_LIST (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  all = collect_all_shifts (self);
  return tocsin_shifts_next_boundary (all, now);
}
