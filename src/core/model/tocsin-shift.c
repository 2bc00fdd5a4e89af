/* tocsin-shift.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-shift"

#include "config.h"

#include "tocsin-date-utils.h"
#include "tocsin-shift.h"

struct _TocsinShift
{
  GObject            parent_instance;

  char              *schedule_id;
  char              *schedule_name;
  char              *schedule_timezone;
  char              *rotation_id;
  char              *rotation_name;
  TocsinParticipant *responder;
  TocsinShiftKind    kind;
  GDateTime         *start;
  GDateTime         *end;
  GTimeZone         *local_zone;
  GTimeZone         *schedule_zone;
  guint              clipped_start : 1;
  guint              clipped_end : 1;
};

G_DEFINE_FINAL_TYPE (TocsinShift, tocsin_shift, G_TYPE_OBJECT)
G_DEFINE_ENUM_TYPE (TocsinShiftKind, tocsin_shift_kind,
                    G_DEFINE_ENUM_VALUE (TOCSIN_SHIFT_KIND_BASE, "base"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_SHIFT_KIND_OVERRIDE, "override"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_SHIFT_KIND_FORWARDING, "forwarding"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_SHIFT_KIND_HISTORICAL, "historical"))

enum {
  PROP_0,
  PROP_SCHEDULE_ID,
  PROP_SCHEDULE_NAME,
  PROP_SCHEDULE_TIMEZONE,
  PROP_ROTATION_ID,
  PROP_ROTATION_NAME,
  PROP_RESPONDER,
  PROP_KIND,
  PROP_START,
  PROP_END,
  PROP_SCHEDULE_START,
  PROP_SCHEDULE_END,
  PROP_START_TEXT,
  PROP_END_TEXT,
  PROP_CLIPPED_START,
  PROP_CLIPPED_END,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

TocsinShiftKind
tocsin_shift_kind_from_string (const char *type)
{
  if (g_strcmp0 (type, "override") == 0)
    return TOCSIN_SHIFT_KIND_OVERRIDE;
  if (g_strcmp0 (type, "forwarding") == 0)
    return TOCSIN_SHIFT_KIND_FORWARDING;
  if (g_strcmp0 (type, "historical") == 0)
    return TOCSIN_SHIFT_KIND_HISTORICAL;
  return TOCSIN_SHIFT_KIND_BASE;
}

/* An unknown or empty IANA id must not break the page: fall back to UTC. */
GTimeZone *
tocsin_time_zone_new_for_id (const char *identifier)
{
  GTimeZone *tz = NULL;

  if (identifier != NULL && *identifier != '\0')
    tz = g_time_zone_new_identifier (identifier);

  return tz != NULL ? tz : g_time_zone_new_utc ();
}

static void
tocsin_shift_dispose (GObject *object)
{
  TocsinShift *self = (TocsinShift *)object;

  g_clear_object (&self->responder);

  G_OBJECT_CLASS (tocsin_shift_parent_class)->dispose (object);
}

static void
tocsin_shift_finalize (GObject *object)
{
  TocsinShift *self = (TocsinShift *)object;

  g_clear_pointer (&self->schedule_id, g_free);
  g_clear_pointer (&self->schedule_name, g_free);
  g_clear_pointer (&self->schedule_timezone, g_free);
  g_clear_pointer (&self->rotation_id, g_free);
  g_clear_pointer (&self->rotation_name, g_free);
  g_clear_pointer (&self->start, g_date_time_unref);
  g_clear_pointer (&self->end, g_date_time_unref);
  g_clear_pointer (&self->local_zone, g_time_zone_unref);
  g_clear_pointer (&self->schedule_zone, g_time_zone_unref);

  G_OBJECT_CLASS (tocsin_shift_parent_class)->finalize (object);
}

static void
tocsin_shift_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TocsinShift *self = TOCSIN_SHIFT (object);

  switch (prop_id)
    {
    case PROP_SCHEDULE_ID:
      g_value_set_string (value, self->schedule_id);
      break;

    case PROP_SCHEDULE_NAME:
      g_value_set_string (value, self->schedule_name);
      break;

    case PROP_SCHEDULE_TIMEZONE:
      g_value_set_string (value, self->schedule_timezone);
      break;

    case PROP_ROTATION_ID:
      g_value_set_string (value, self->rotation_id);
      break;

    case PROP_ROTATION_NAME:
      g_value_set_string (value, self->rotation_name);
      break;

    case PROP_RESPONDER:
      g_value_set_object (value, self->responder);
      break;

    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_START:
      g_value_take_boxed (value, tocsin_shift_get_start (self));
      break;

    case PROP_END:
      g_value_take_boxed (value, tocsin_shift_get_end (self));
      break;

    case PROP_SCHEDULE_START:
      g_value_take_boxed (value, tocsin_shift_get_schedule_start (self));
      break;

    case PROP_SCHEDULE_END:
      g_value_take_boxed (value, tocsin_shift_get_schedule_end (self));
      break;

    case PROP_START_TEXT:
      g_value_take_string (value, tocsin_shift_format_start (self));
      break;

    case PROP_END_TEXT:
      g_value_take_string (value, tocsin_shift_format_end (self));
      break;

    case PROP_CLIPPED_START:
      g_value_set_boolean (value, self->clipped_start);
      break;

    case PROP_CLIPPED_END:
      g_value_set_boolean (value, self->clipped_end);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_shift_class_init (TocsinShiftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = tocsin_shift_dispose;
  object_class->finalize = tocsin_shift_finalize;
  object_class->get_property = tocsin_shift_get_property;

  properties [PROP_SCHEDULE_ID] = g_param_spec_string ("schedule-id", NULL, NULL, NULL, flags);
  properties [PROP_SCHEDULE_NAME] = g_param_spec_string ("schedule-name", NULL, NULL, NULL, flags);
  properties [PROP_SCHEDULE_TIMEZONE] = g_param_spec_string ("schedule-timezone", NULL, NULL, NULL, flags);
  properties [PROP_ROTATION_ID] = g_param_spec_string ("rotation-id", NULL, NULL, NULL, flags);
  properties [PROP_ROTATION_NAME] = g_param_spec_string ("rotation-name", NULL, NULL, NULL, flags);
  properties [PROP_RESPONDER] =
    g_param_spec_object ("responder", NULL, NULL, TOCSIN_TYPE_PARTICIPANT, flags);
  properties [PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, TOCSIN_TYPE_SHIFT_KIND, TOCSIN_SHIFT_KIND_BASE, flags);
  /* In the user's zone. */
  properties [PROP_START] = g_param_spec_boxed ("start", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_END] = g_param_spec_boxed ("end", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /* In the schedule's zone. */
  properties [PROP_SCHEDULE_START] = g_param_spec_boxed ("schedule-start", NULL, NULL, G_TYPE_DATE_TIME, flags);
  properties [PROP_SCHEDULE_END] = g_param_spec_boxed ("schedule-end", NULL, NULL, G_TYPE_DATE_TIME, flags);
  /* "Tue 09:00 (08:00 Europe/Berlin)" */
  properties [PROP_START_TEXT] = g_param_spec_string ("start-text", NULL, NULL, NULL, flags);
  properties [PROP_END_TEXT] = g_param_spec_string ("end-text", NULL, NULL, NULL, flags);
  /* Set on shifts cut to a display window: the real shift goes on beyond. */
  properties [PROP_CLIPPED_START] = g_param_spec_boolean ("clipped-start", NULL, NULL, FALSE, flags);
  properties [PROP_CLIPPED_END] = g_param_spec_boolean ("clipped-end", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_shift_init (TocsinShift *self)
{
}

/**
 * tocsin_shift_new:
 * @local_zone: (nullable): the user's zone; %NULL for the system zone
 *
 * Returns: (transfer full): a new shift covering [@start, @end)
 */
TocsinShift *
tocsin_shift_new (const char        *schedule_id,
                  const char        *schedule_name,
                  const char        *schedule_timezone,
                  const char        *rotation_id,
                  const char        *rotation_name,
                  TocsinParticipant *responder,
                  TocsinShiftKind    kind,
                  GDateTime         *start,
                  GDateTime         *end,
                  GTimeZone         *local_zone)
{
  TocsinShift *self;

  g_return_val_if_fail (TOCSIN_IS_PARTICIPANT (responder), NULL);
  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (end != NULL, NULL);

  self = g_object_new (TOCSIN_TYPE_SHIFT, NULL);
  self->schedule_id = g_strdup (schedule_id);
  self->schedule_name = g_strdup (schedule_name);
  self->schedule_timezone = g_strdup (schedule_timezone);
  self->rotation_id = g_strdup (rotation_id);
  self->rotation_name = g_strdup (rotation_name);
  self->responder = g_object_ref (responder);
  self->kind = kind;
  self->start = g_date_time_to_utc (start);
  self->end = g_date_time_to_utc (end);
  self->local_zone = local_zone != NULL ? g_time_zone_ref (local_zone) : g_time_zone_new_local ();
  self->schedule_zone = tocsin_time_zone_new_for_id (schedule_timezone);

  return self;
}

/**
 * tocsin_shift_copy_with_times:
 *
 * Returns: (transfer full): the same shift with other boundaries, used for
 *   merging neighbours and clipping to a display window
 */
TocsinShift *
tocsin_shift_copy_with_times (TocsinShift *self,
                              GDateTime   *start,
                              GDateTime   *end,
                              gboolean     clipped_start,
                              gboolean     clipped_end)
{
  TocsinShift *copy;

  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);

  copy = tocsin_shift_new (self->schedule_id, self->schedule_name, self->schedule_timezone,
                           self->rotation_id, self->rotation_name, self->responder,
                           self->kind, start, end, self->local_zone);
  copy->clipped_start = !!clipped_start;
  copy->clipped_end = !!clipped_end;

  return copy;
}

const char *
tocsin_shift_get_schedule_id (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return self->schedule_id;
}

const char *
tocsin_shift_get_schedule_name (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return self->schedule_name;
}

const char *
tocsin_shift_get_schedule_timezone (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return self->schedule_timezone;
}

const char *
tocsin_shift_get_rotation_id (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return self->rotation_id;
}

const char *
tocsin_shift_get_rotation_name (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return self->rotation_name;
}

TocsinParticipant *
tocsin_shift_get_responder (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return self->responder;
}

TocsinShiftKind
tocsin_shift_get_kind (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), TOCSIN_SHIFT_KIND_BASE);
  return self->kind;
}

/**
 * tocsin_shift_get_start:
 *
 * Returns: (transfer full): the start in the user's zone
 */
GDateTime *
tocsin_shift_get_start (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return g_date_time_to_timezone (self->start, self->local_zone);
}

/**
 * tocsin_shift_get_end:
 *
 * Returns: (transfer full): the end (exclusive) in the user's zone
 */
GDateTime *
tocsin_shift_get_end (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return g_date_time_to_timezone (self->end, self->local_zone);
}

/**
 * tocsin_shift_get_schedule_start:
 *
 * Returns: (transfer full): the start in the schedule's zone
 */
GDateTime *
tocsin_shift_get_schedule_start (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return g_date_time_to_timezone (self->start, self->schedule_zone);
}

/**
 * tocsin_shift_get_schedule_end:
 *
 * Returns: (transfer full): the end in the schedule's zone
 */
GDateTime *
tocsin_shift_get_schedule_end (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return g_date_time_to_timezone (self->end, self->schedule_zone);
}

/**
 * tocsin_shift_get_local_zone:
 *
 * Returns: (transfer none): the user's zone
 */
GTimeZone *
tocsin_shift_get_local_zone (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return self->local_zone;
}

/**
 * tocsin_shift_get_schedule_zone:
 *
 * Returns: (transfer none): the schedule's zone (UTC when unknown)
 */
GTimeZone *
tocsin_shift_get_schedule_zone (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return self->schedule_zone;
}

gboolean
tocsin_shift_get_clipped_start (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), FALSE);
  return self->clipped_start;
}

gboolean
tocsin_shift_get_clipped_end (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), FALSE);
  return self->clipped_end;
}

/* Shifts are half-open: [start, end). */
gboolean
tocsin_shift_contains (TocsinShift *self,
                       GDateTime   *instant)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), FALSE);
  g_return_val_if_fail (instant != NULL, FALSE);

  return g_date_time_compare (self->start, instant) <= 0 &&
         g_date_time_compare (instant, self->end) < 0;
}

char *
tocsin_shift_format_start (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return tocsin_date_format_time_in_zones (self->start, self->local_zone, self->schedule_zone,
                                           tocsin_date_get_clock_format ());
}

char *
tocsin_shift_format_end (TocsinShift *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (self), NULL);
  return tocsin_date_format_time_in_zones (self->end, self->local_zone, self->schedule_zone,
                                           tocsin_date_get_clock_format ());
}

/* A GCompareFunc on two TocsinShift: by start, then end, then schedule. */
int
tocsin_shift_compare (gconstpointer a,
                      gconstpointer b)
{
  TocsinShift *sa = (TocsinShift *)a;
  TocsinShift *sb = (TocsinShift *)b;
  int ret;

  if ((ret = g_date_time_compare (sa->start, sb->start)) != 0)
    return ret;
  if ((ret = g_date_time_compare (sa->end, sb->end)) != 0)
    return ret;
  return g_strcmp0 (sa->schedule_id, sb->schedule_id);
}
