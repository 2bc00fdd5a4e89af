/* tocsin-pause.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-pause"

#include "config.h"

#include "tocsin-pause.h"

/* "Do not disturb" for paging: while paused, the notifier announces nothing
 * (except P1 when p1-breaks-through is set) but keeps polling and
 * remembering what arrived; when the pause ends it sends one summary. A
 * pause has an end time, or none ("until I resume"). The end is checked
 * against the wall clock as well as by a timer, so a pause that ended while
 * the computer slept lets pages through at once. */

struct _TocsinPause
{
  GObject    parent_instance;

  gboolean   paused;
  GDateTime *until;
  gboolean   p1_breaks_through;
  guint      timeout_id;
};

G_DEFINE_FINAL_TYPE (TocsinPause, tocsin_pause, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PAUSED,
  PROP_UNTIL,
  PROP_P1_BREAKS_THROUGH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static gboolean
on_timeout_cb (gpointer user_data)
{
  TocsinPause *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GTimeSpan left = g_date_time_difference (self->until, now);

  self->timeout_id = 0;
  /* Timers run on the monotonic clock; the end is a wall-clock time. */
  if (left > G_USEC_PER_SEC)
    {
      self->timeout_id = g_timeout_add_seconds (MIN (left / G_USEC_PER_SEC, G_MAXUINT / 2),
                                                on_timeout_cb, self);
      return G_SOURCE_REMOVE;
    }

  tocsin_pause_resume (self);
  return G_SOURCE_REMOVE;
}

/* Pauses paging until @until, or until tocsin_pause_resume() when NULL. */
void
tocsin_pause_pause_until (TocsinPause *self,
                          GDateTime   *until)
{
  g_return_if_fail (TOCSIN_IS_PAUSE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->until, g_date_time_unref);
  if (until != NULL)
    {
      self->until = g_date_time_ref (until);
      self->timeout_id = g_timeout_add_seconds (0, on_timeout_cb, self);
    }

  g_object_freeze_notify (G_OBJECT (self));
  if (!self->paused)
    {
      self->paused = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAUSED]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UNTIL]);
  g_object_thaw_notify (G_OBJECT (self));
}

void
tocsin_pause_resume (TocsinPause *self)
{
  g_return_if_fail (TOCSIN_IS_PAUSE (self));

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->paused)
    return;

  g_clear_pointer (&self->until, g_date_time_unref);
  self->paused = FALSE;
  g_object_freeze_notify (G_OBJECT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_UNTIL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAUSED]);
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
tocsin_pause_get_paused (TocsinPause *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAUSE (self), FALSE);

  return self->paused;
}

/* Returns: (transfer none) (nullable): the end, NULL for "until resumed" */
GDateTime *
tocsin_pause_get_until (TocsinPause *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAUSE (self), NULL);

  return self->until;
}

gboolean
tocsin_pause_get_p1_breaks_through (TocsinPause *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAUSE (self), FALSE);

  return self->p1_breaks_through;
}

void
tocsin_pause_set_p1_breaks_through (TocsinPause *self,
                                    gboolean     breaks_through)
{
  g_return_if_fail (TOCSIN_IS_PAUSE (self));

  breaks_through = !!breaks_through;
  if (self->p1_breaks_through == breaks_through)
    return;

  self->p1_breaks_through = breaks_through;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_P1_BREAKS_THROUGH]);
}

/* May an alert of @priority page now? */
gboolean
tocsin_pause_lets_through (TocsinPause *self,
                           int          priority)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (TOCSIN_IS_PAUSE (self), TRUE);

  if (!self->paused || (self->p1_breaks_through && priority == 1))
    return TRUE;
  if (self->until == NULL)
    return FALSE;

  now = g_date_time_new_now_local ();
  return g_date_time_compare (now, self->until) >= 0;
}

/* Tomorrow at 08:00 local time, for "Pause Until Tomorrow 08:00". */
GDateTime *
tocsin_pause_next_morning (GDateTime *now)
{
  g_autoptr(GDateTime) tomorrow = NULL;

  g_return_val_if_fail (now != NULL, NULL);

  tomorrow = g_date_time_add_days (now, 1);
  return g_date_time_new (g_date_time_get_timezone (now),
                          g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                          g_date_time_get_day_of_month (tomorrow), 8, 0, 0);
}

static void
tocsin_pause_finalize (GObject *object)
{
  TocsinPause *self = (TocsinPause *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->until, g_date_time_unref);

  G_OBJECT_CLASS (tocsin_pause_parent_class)->finalize (object);
}

static void
tocsin_pause_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TocsinPause *self = TOCSIN_PAUSE (object);

  switch (prop_id)
    {
    case PROP_PAUSED:
      g_value_set_boolean (value, self->paused);
      break;

    case PROP_UNTIL:
      g_value_set_boxed (value, self->until);
      break;

    case PROP_P1_BREAKS_THROUGH:
      g_value_set_boolean (value, self->p1_breaks_through);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_pause_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TocsinPause *self = TOCSIN_PAUSE (object);

  switch (prop_id)
    {
    case PROP_P1_BREAKS_THROUGH:
      tocsin_pause_set_p1_breaks_through (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_pause_class_init (TocsinPauseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_pause_finalize;
  object_class->get_property = tocsin_pause_get_property;
  object_class->set_property = tocsin_pause_set_property;

  properties [PROP_PAUSED] =
    g_param_spec_boolean ("paused", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_UNTIL] =
    g_param_spec_boxed ("until", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_P1_BREAKS_THROUGH] =
    g_param_spec_boolean ("p1-breaks-through", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_pause_init (TocsinPause *self)
{
}

TocsinPause *
tocsin_pause_new (void)
{
  return g_object_new (TOCSIN_TYPE_PAUSE, NULL);
}
