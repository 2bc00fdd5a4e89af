/* tocsin-alarm.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alarm"

#include "config.h"

#include "tocsin-alarm.h"

/* The audible alarm's policy. The notifier rings it for each alert it
 * announces and tells it when an alert no longer needs the user
 * (acknowledged, snoozed, closed or gone, seen at a refresh); an alert of
 * min-priority or more urgent rings at once and again every
 * repeat-interval seconds while any such alert is waiting, until the user
 * silences it. min-priority 0 is off. The sound itself is the player's. */

struct _TocsinAlarm
{
  GObject            parent_instance;

  TocsinAlarmPlayer *player;
  GHashTable        *waiting;   /* ids of alerts that ring */
  int                min_priority;
  guint              repeat_interval;
  guint              repeat_id;
};

G_DEFINE_FINAL_TYPE (TocsinAlarm, tocsin_alarm, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MIN_PRIORITY,
  PROP_REPEAT_INTERVAL,
  PROP_RINGING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
on_repeat_cb (gpointer user_data)
{
  TocsinAlarm *self = user_data;

  tocsin_alarm_player_play (self->player);
  return G_SOURCE_CONTINUE;
}

static void
start_ringing (TocsinAlarm *self)
{
  tocsin_alarm_player_play (self->player);
  self->repeat_id = g_timeout_add_seconds (self->repeat_interval, on_repeat_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RINGING]);
}

static void
stop_ringing (TocsinAlarm *self)
{
  if (self->repeat_id == 0)
    return;

  g_clear_handle_id (&self->repeat_id, g_source_remove);
  tocsin_alarm_player_stop (self->player);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RINGING]);
}

/* Does an alert of @priority ring? */
gboolean
tocsin_alarm_wants (TocsinAlarm *self,
                    int          priority)
{
  g_return_val_if_fail (TOCSIN_IS_ALARM (self), FALSE);

  return self->min_priority > 0 && priority <= self->min_priority;
}

/* A page for @alert_id: rings if its priority calls for it. */
void
tocsin_alarm_ring (TocsinAlarm *self,
                   const char  *alert_id,
                   int          priority)
{
  g_return_if_fail (TOCSIN_IS_ALARM (self));
  g_return_if_fail (alert_id != NULL);

  if (!tocsin_alarm_wants (self, priority))
    return;

  g_hash_table_add (self->waiting, g_strdup (alert_id));
  if (self->repeat_id == 0)
    start_ringing (self);
}

/* @alert_id no longer needs the user; the alarm stops with the last one. */
void
tocsin_alarm_forget (TocsinAlarm *self,
                     const char  *alert_id)
{
  g_return_if_fail (TOCSIN_IS_ALARM (self));
  g_return_if_fail (alert_id != NULL);

  if (g_hash_table_remove (self->waiting, alert_id) && g_hash_table_size (self->waiting) == 0)
    stop_ringing (self);
}

/* The user heard it: quiet until the next new page. */
void
tocsin_alarm_silence (TocsinAlarm *self)
{
  g_return_if_fail (TOCSIN_IS_ALARM (self));

  g_hash_table_remove_all (self->waiting);
  stop_ringing (self);
}

gboolean
tocsin_alarm_get_ringing (TocsinAlarm *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALARM (self), FALSE);

  return self->repeat_id != 0;
}

int
tocsin_alarm_get_min_priority (TocsinAlarm *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALARM (self), 0);

  return self->min_priority;
}

/* 1 (P1) to 5 (P5): pages of this priority or more urgent ring; 0: off. */
void
tocsin_alarm_set_min_priority (TocsinAlarm *self,
                               int          priority)
{
  g_return_if_fail (TOCSIN_IS_ALARM (self));

  priority = CLAMP (priority, 0, 5);
  if (self->min_priority == priority)
    return;

  self->min_priority = priority;
  if (priority == 0)
    tocsin_alarm_silence (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MIN_PRIORITY]);
}

guint
tocsin_alarm_get_repeat_interval (TocsinAlarm *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALARM (self), 0);

  return self->repeat_interval;
}

void
tocsin_alarm_set_repeat_interval (TocsinAlarm *self,
                                  guint        seconds)
{
  g_return_if_fail (TOCSIN_IS_ALARM (self));

  seconds = MAX (seconds, 1);
  if (self->repeat_interval == seconds)
    return;

  self->repeat_interval = seconds;
  if (self->repeat_id != 0)
    {
      g_source_remove (self->repeat_id);
      self->repeat_id = g_timeout_add_seconds (seconds, on_repeat_cb, self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_REPEAT_INTERVAL]);
}

static void
tocsin_alarm_dispose (GObject *object)
{
  TocsinAlarm *self = (TocsinAlarm *)object;

  if (self->repeat_id != 0 && self->player != NULL)
    tocsin_alarm_player_stop (self->player);
  g_clear_handle_id (&self->repeat_id, g_source_remove);
  g_clear_object (&self->player);

  G_OBJECT_CLASS (tocsin_alarm_parent_class)->dispose (object);
}

static void
tocsin_alarm_finalize (GObject *object)
{
  TocsinAlarm *self = (TocsinAlarm *)object;

  g_clear_pointer (&self->waiting, g_hash_table_unref);

  G_OBJECT_CLASS (tocsin_alarm_parent_class)->finalize (object);
}

static void
tocsin_alarm_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TocsinAlarm *self = TOCSIN_ALARM (object);

  switch (prop_id)
    {
    case PROP_MIN_PRIORITY:
      g_value_set_int (value, self->min_priority);
      break;

    case PROP_REPEAT_INTERVAL:
      g_value_set_uint (value, self->repeat_interval);
      break;

    case PROP_RINGING:
      g_value_set_boolean (value, tocsin_alarm_get_ringing (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alarm_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TocsinAlarm *self = TOCSIN_ALARM (object);

  switch (prop_id)
    {
    case PROP_MIN_PRIORITY:
      tocsin_alarm_set_min_priority (self, g_value_get_int (value));
      break;

    case PROP_REPEAT_INTERVAL:
      tocsin_alarm_set_repeat_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alarm_class_init (TocsinAlarmClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_alarm_dispose;
  object_class->finalize = tocsin_alarm_finalize;
  object_class->get_property = tocsin_alarm_get_property;
  object_class->set_property = tocsin_alarm_set_property;

  properties [PROP_MIN_PRIORITY] =
    g_param_spec_int ("min-priority", NULL, NULL, 0, 5, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_REPEAT_INTERVAL] =
    g_param_spec_uint ("repeat-interval", NULL, NULL, 1, G_MAXUINT, 30,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_RINGING] =
    g_param_spec_boolean ("ringing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_alarm_init (TocsinAlarm *self)
{
  self->waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->repeat_interval = 30;
}

TocsinAlarm *
tocsin_alarm_new (TocsinAlarmPlayer *player)
{
  TocsinAlarm *self;

  g_return_val_if_fail (TOCSIN_IS_ALARM_PLAYER (player), NULL);

  self = g_object_new (TOCSIN_TYPE_ALARM, NULL);
  self->player = g_object_ref (player);

  return self;
}
