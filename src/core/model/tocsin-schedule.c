/* tocsin-schedule.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-schedule"

#include "config.h"

#include "tocsin-schedule.h"
#include "tocsin-shift-day.h"
#include "tocsin-shifts.h"

#define DEFAULT_WINDOW_DAYS 7
#define MAX_WINDOW_DAYS 14

struct _TocsinSchedule
{
  GObject     parent_instance;

  char       *id;
  char       *name;
  char       *description;
  char       *timezone;
  char       *team_id;
  char       *team_name;
  char       *error;
  gboolean    enabled;

  GListStore *on_call_now;
  GListStore *on_call_next;

  /* Merged shifts of the whole fetched timeline, and the display window cut
   * from them at @shifts_now. */
  GListStore *shifts;
  GListStore *shift_days;
  GDateTime  *shifts_now;
  guint       window_days;
};

G_DEFINE_FINAL_TYPE (TocsinSchedule, tocsin_schedule, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_DESCRIPTION,
  PROP_TIMEZONE,
  PROP_ENABLED,
  PROP_TEAM_ID,
  PROP_TEAM_NAME,
  PROP_ERROR,
  PROP_ON_CALL_NOW,
  PROP_ON_CALL_NEXT,
  PROP_ON_CALL_NOW_TEXT,
  PROP_ON_CALL_NEXT_TEXT,
  PROP_SHIFTS,
  PROP_SHIFT_DAYS,
  PROP_SHIFT_WINDOW_DAYS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
append_participant_text (GString           *text,
                         TocsinParticipant *participant)
{
  GListModel *children = tocsin_participant_get_participants (participant);
  guint n = g_list_model_get_n_items (children);

  g_string_append (text, tocsin_participant_get_display_name (participant));

  /* A team or escalation shows whom it expands to. */
  if (n > 0)
    {
      g_string_append (text, " (");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TocsinParticipant) child = g_list_model_get_item (children, i);

          if (i > 0)
            g_string_append (text, ", ");
          append_participant_text (text, child);
        }
      g_string_append (text, ")");
    }
}

static char *
participants_text (GListModel *model)
{
  GString *text = g_string_new (NULL);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TocsinParticipant) participant = g_list_model_get_item (model, i);

      if (i > 0)
        g_string_append (text, ", ");
      append_participant_text (text, participant);
    }

  return g_string_free (text, FALSE);
}

static void
on_participant_name_changed_cb (TocsinSchedule *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ON_CALL_NOW_TEXT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ON_CALL_NEXT_TEXT]);
}

static void
watch_participant (TocsinSchedule    *self,
                   TocsinParticipant *participant)
{
  GListModel *children = tocsin_participant_get_participants (participant);
  guint n = g_list_model_get_n_items (children);

  g_signal_connect_object (participant, "notify::display-name",
                           G_CALLBACK (on_participant_name_changed_cb), self,
                           G_CONNECT_SWAPPED);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TocsinParticipant) child = g_list_model_get_item (children, i);

      watch_participant (self, child);
    }
}

static void
replace_participants (TocsinSchedule *self,
                      GListStore     *store,
                      GPtrArray      *participants,
                      GParamSpec     *text_pspec)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint n_new = participants != NULL ? participants->len : 0;

  for (guint i = 0; i < n_new; i++)
    watch_participant (self, g_ptr_array_index (participants, i));

  g_list_store_splice (store, 0, n_old, n_new > 0 ? participants->pdata : NULL, n_new);

  if (n_old > 0 || n_new > 0)
    g_object_notify_by_pspec (G_OBJECT (self), text_pspec);
}

static void
update_shift_days (TocsinSchedule *self)
{
  g_autoptr(GListModel) days = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint n_days;
  guint n_old;

  if (self->shifts_now == NULL)
    return;

  days = tocsin_schedule_dup_shift_days (self, self->shifts_now, self->window_days);
  n_days = g_list_model_get_n_items (days);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_days; i++)
    g_ptr_array_add (items, g_list_model_get_item (days, i));

  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->shift_days));
  g_list_store_splice (self->shift_days, 0, n_old, items->pdata, items->len);
}

/* GObject overrides */

static void
tocsin_schedule_dispose (GObject *object)
{
  TocsinSchedule *self = (TocsinSchedule *)object;

  g_clear_object (&self->on_call_now);
  g_clear_object (&self->on_call_next);
  g_clear_object (&self->shifts);
  g_clear_object (&self->shift_days);

  G_OBJECT_CLASS (tocsin_schedule_parent_class)->dispose (object);
}

static void
tocsin_schedule_finalize (GObject *object)
{
  TocsinSchedule *self = (TocsinSchedule *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->timezone, g_free);
  g_clear_pointer (&self->team_id, g_free);
  g_clear_pointer (&self->team_name, g_free);
  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->shifts_now, g_date_time_unref);

  G_OBJECT_CLASS (tocsin_schedule_parent_class)->finalize (object);
}

static void
tocsin_schedule_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TocsinSchedule *self = TOCSIN_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;

    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;

    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;

    case PROP_TEAM_ID:
      g_value_set_string (value, self->team_id);
      break;

    case PROP_TEAM_NAME:
      g_value_set_string (value, tocsin_schedule_get_team_name (self));
      break;

    case PROP_ERROR:
      g_value_set_string (value, self->error);
      break;

    case PROP_ON_CALL_NOW:
      g_value_set_object (value, self->on_call_now);
      break;

    case PROP_ON_CALL_NEXT:
      g_value_set_object (value, self->on_call_next);
      break;

    case PROP_ON_CALL_NOW_TEXT:
      g_value_take_string (value, tocsin_schedule_dup_on_call_now_text (self));
      break;

    case PROP_ON_CALL_NEXT_TEXT:
      g_value_take_string (value, tocsin_schedule_dup_on_call_next_text (self));
      break;

    case PROP_SHIFTS:
      g_value_set_object (value, self->shifts);
      break;

    case PROP_SHIFT_DAYS:
      g_value_set_object (value, self->shift_days);
      break;

    case PROP_SHIFT_WINDOW_DAYS:
      g_value_set_uint (value, self->window_days);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TocsinSchedule *self = TOCSIN_SCHEDULE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_NAME:
      tocsin_schedule_set_name (self, g_value_get_string (value));
      break;

    case PROP_DESCRIPTION:
      tocsin_schedule_set_description (self, g_value_get_string (value));
      break;

    case PROP_TIMEZONE:
      tocsin_schedule_set_timezone (self, g_value_get_string (value));
      break;

    case PROP_ENABLED:
      tocsin_schedule_set_enabled (self, g_value_get_boolean (value));
      break;

    case PROP_TEAM_ID:
      tocsin_schedule_set_team_id (self, g_value_get_string (value));
      break;

    case PROP_TEAM_NAME:
      tocsin_schedule_set_team_name (self, g_value_get_string (value));
      break;

    case PROP_SHIFT_WINDOW_DAYS:
      tocsin_schedule_set_shift_window_days (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_class_init (TocsinScheduleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tocsin_schedule_dispose;
  object_class->finalize = tocsin_schedule_finalize;
  object_class->get_property = tocsin_schedule_get_property;
  object_class->set_property = tocsin_schedule_set_property;

  properties [PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties [PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, rw);
  /* IANA id, e.g. "Europe/Berlin". */
  properties [PROP_TIMEZONE] = g_param_spec_string ("timezone", NULL, NULL, NULL, rw);
  properties [PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, TRUE, rw);
  /* Empty/NULL for a global schedule. */
  properties [PROP_TEAM_ID] = g_param_spec_string ("team-id", NULL, NULL, NULL, rw);
  /* The team's name once resolved, else its id. */
  properties [PROP_TEAM_NAME] = g_param_spec_string ("team-name", NULL, NULL, NULL, rw);
  /* Why on-calls or shifts of this schedule could not be fetched, or NULL. */
  properties [PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, ro);
  properties [PROP_ON_CALL_NOW] =
    g_param_spec_object ("on-call-now", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties [PROP_ON_CALL_NEXT] =
    g_param_spec_object ("on-call-next", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  /* "Dana Okafor, Ops (Sam Lee)": for a subtitle. */
  properties [PROP_ON_CALL_NOW_TEXT] = g_param_spec_string ("on-call-now-text", NULL, NULL, NULL, ro);
  properties [PROP_ON_CALL_NEXT_TEXT] = g_param_spec_string ("on-call-next-text", NULL, NULL, NULL, ro);
  /* Every merged shift fetched (from a week back), as TocsinShift. */
  properties [PROP_SHIFTS] = g_param_spec_object ("shifts", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  /* TocsinShiftDay for the next shift-window-days days, clipped to it. */
  properties [PROP_SHIFT_DAYS] = g_param_spec_object ("shift-days", NULL, NULL, G_TYPE_LIST_MODEL, ro);
  properties [PROP_SHIFT_WINDOW_DAYS] =
    g_param_spec_uint ("shift-window-days", NULL, NULL, 1, MAX_WINDOW_DAYS, DEFAULT_WINDOW_DAYS, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_schedule_init (TocsinSchedule *self)
{
  self->enabled = TRUE;
  self->window_days = DEFAULT_WINDOW_DAYS;
  self->on_call_now = g_list_store_new (TOCSIN_TYPE_PARTICIPANT);
  self->on_call_next = g_list_store_new (TOCSIN_TYPE_PARTICIPANT);
  self->shifts = g_list_store_new (TOCSIN_TYPE_SHIFT);
  self->shift_days = g_list_store_new (TOCSIN_TYPE_SHIFT_DAY);
}

/* Public API */

TocsinSchedule *
tocsin_schedule_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (TOCSIN_TYPE_SCHEDULE, "id", id, NULL);
}

static GPtrArray *
model_to_array (GListModel *model)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (model, i));

  return array;
}

/* Takes over everything @other knows (fetched freshly) while keeping this
 * object, so a refresh does not rebuild rows. */
void
tocsin_schedule_update_from (TocsinSchedule *self,
                             TocsinSchedule *other)
{
  g_autoptr(GPtrArray) now = NULL;
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(GPtrArray) shifts = NULL;

  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));
  g_return_if_fail (TOCSIN_IS_SCHEDULE (other));

  if (self == other)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  tocsin_schedule_set_name (self, other->name);
  tocsin_schedule_set_description (self, other->description);
  tocsin_schedule_set_timezone (self, other->timezone);
  tocsin_schedule_set_enabled (self, other->enabled);
  tocsin_schedule_set_team_id (self, other->team_id);
  tocsin_schedule_set_team_name (self, other->team_name);
  tocsin_schedule_set_error (self, other->error);

  now = model_to_array (G_LIST_MODEL (other->on_call_now));
  next = model_to_array (G_LIST_MODEL (other->on_call_next));
  tocsin_schedule_set_on_call_now (self, now);
  tocsin_schedule_set_on_call_next (self, next);

  if (other->shifts_now != NULL)
    {
      shifts = model_to_array (G_LIST_MODEL (other->shifts));
      tocsin_schedule_set_shifts (self, shifts, other->shifts_now);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

const char *
tocsin_schedule_get_id (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return self->id;
}

const char *
tocsin_schedule_get_name (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return self->name;
}

void
tocsin_schedule_set_name (TocsinSchedule *self,
                          const char     *name)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));
  if (set_string (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_NAME]);
}

const char *
tocsin_schedule_get_description (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return self->description;
}

void
tocsin_schedule_set_description (TocsinSchedule *self,
                                 const char     *description)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));
  if (set_string (&self->description, description))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DESCRIPTION]);
}

const char *
tocsin_schedule_get_timezone (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return self->timezone;
}

void
tocsin_schedule_set_timezone (TocsinSchedule *self,
                              const char     *timezone)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));
  if (set_string (&self->timezone, timezone))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TIMEZONE]);
}

gboolean
tocsin_schedule_get_enabled (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), FALSE);
  return self->enabled;
}

void
tocsin_schedule_set_enabled (TocsinSchedule *self,
                             gboolean        enabled)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ENABLED]);
}

const char *
tocsin_schedule_get_team_id (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return self->team_id;
}

void
tocsin_schedule_set_team_id (TocsinSchedule *self,
                             const char     *team_id)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));

  if (team_id != NULL && *team_id == '\0')
    team_id = NULL;

  if (set_string (&self->team_id, team_id))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEAM_ID]);
      if (self->team_name == NULL)
        g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEAM_NAME]);
    }
}

const char *
tocsin_schedule_get_team_name (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return self->team_name != NULL ? self->team_name : self->team_id;
}

void
tocsin_schedule_set_team_name (TocsinSchedule *self,
                               const char     *team_name)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));

  if (team_name != NULL && *team_name == '\0')
    team_name = NULL;

  if (set_string (&self->team_name, team_name))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEAM_NAME]);
}

const char *
tocsin_schedule_get_error (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return self->error;
}

void
tocsin_schedule_set_error (TocsinSchedule *self,
                           const char     *error)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));
  if (set_string (&self->error, error))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR]);
}

/**
 * tocsin_schedule_get_on_call_now:
 *
 * Returns: (transfer none): #TocsinParticipant on call now (teams and
 *   escalations with their nested participants)
 */
GListModel *
tocsin_schedule_get_on_call_now (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return G_LIST_MODEL (self->on_call_now);
}

/**
 * tocsin_schedule_get_on_call_next:
 *
 * Returns: (transfer none): #TocsinParticipant on call after the next change
 */
GListModel *
tocsin_schedule_get_on_call_next (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return G_LIST_MODEL (self->on_call_next);
}

void
tocsin_schedule_set_on_call_now (TocsinSchedule *self,
                                 GPtrArray      *participants)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));
  replace_participants (self, self->on_call_now, participants, properties [PROP_ON_CALL_NOW_TEXT]);
}

void
tocsin_schedule_set_on_call_next (TocsinSchedule *self,
                                  GPtrArray      *participants)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));
  replace_participants (self, self->on_call_next, participants, properties [PROP_ON_CALL_NEXT_TEXT]);
}

char *
tocsin_schedule_dup_on_call_now_text (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return participants_text (G_LIST_MODEL (self->on_call_now));
}

char *
tocsin_schedule_dup_on_call_next_text (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return participants_text (G_LIST_MODEL (self->on_call_next));
}

/**
 * tocsin_schedule_get_shifts:
 *
 * Returns: (transfer none): every merged #TocsinShift fetched, by start
 */
GListModel *
tocsin_schedule_get_shifts (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return G_LIST_MODEL (self->shifts);
}

/**
 * tocsin_schedule_dup_shifts:
 *
 * Returns: (transfer full) (element-type TocsinShift): the merged shifts
 */
GPtrArray *
tocsin_schedule_dup_shifts (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return model_to_array (G_LIST_MODEL (self->shifts));
}

/**
 * tocsin_schedule_set_shifts:
 * @shifts: (element-type TocsinShift): periods as parsed from the timeline
 * @now: the time the display window starts at
 *
 * Merges @shifts and rebuilds #TocsinSchedule:shift-days.
 */
void
tocsin_schedule_set_shifts (TocsinSchedule *self,
                            GPtrArray      *shifts,
                            GDateTime      *now)
{
  g_autoptr(GPtrArray) merged = NULL;
  guint n_old;

  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));
  g_return_if_fail (now != NULL);

  merged = tocsin_shifts_merge (shifts);
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->shifts));
  g_list_store_splice (self->shifts, 0, n_old, merged->pdata, merged->len);

  g_clear_pointer (&self->shifts_now, g_date_time_unref);
  self->shifts_now = g_date_time_ref (now);
  update_shift_days (self);
}

guint
tocsin_schedule_get_shift_window_days (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), DEFAULT_WINDOW_DAYS);
  return self->window_days;
}

/* 7 and 14 are what the page offers; anything from 1 to 14 works. */
void
tocsin_schedule_set_shift_window_days (TocsinSchedule *self,
                                       guint           days)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE (self));

  days = CLAMP (days, 1, MAX_WINDOW_DAYS);
  if (self->window_days == days)
    return;

  self->window_days = days;
  update_shift_days (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHIFT_WINDOW_DAYS]);
}

/**
 * tocsin_schedule_get_shift_days:
 *
 * Returns: (transfer none): #TocsinShiftDay for the display window
 */
GListModel *
tocsin_schedule_get_shift_days (TocsinSchedule *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  return G_LIST_MODEL (self->shift_days);
}

/**
 * tocsin_schedule_dup_shift_days:
 * @now: the window's start
 * @days: the window's length
 *
 * The shifts overlapping [@now, @now + @days days), clipped to it, grouped by
 * the day they start on in the shifts' local zone.
 *
 * Returns: (transfer full): a #GListModel of #TocsinShiftDay
 */
GListModel *
tocsin_schedule_dup_shift_days (TocsinSchedule *self,
                                GDateTime      *now,
                                guint           days)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) clipped = NULL;
  g_autoptr(GDateTime) to = NULL;
  GTimeZone *zone = NULL;

  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (self), NULL);
  g_return_val_if_fail (now != NULL, NULL);

  all = model_to_array (G_LIST_MODEL (self->shifts));
  to = g_date_time_add_days (now, days);
  clipped = tocsin_shifts_clip (all, now, to);

  if (clipped->len > 0)
    zone = tocsin_shift_get_local_zone (g_ptr_array_index (clipped, 0));

  return tocsin_shifts_group_by_day (clipped, zone);
}
