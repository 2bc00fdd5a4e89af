/* tocsin-shift-day.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-shift-day"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-shift-day.h"

struct _TocsinShiftDay
{
  GObject     parent_instance;

  GDateTime  *day;
  GListStore *shifts;
};

G_DEFINE_FINAL_TYPE (TocsinShiftDay, tocsin_shift_day, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DAY,
  PROP_LABEL,
  PROP_SHIFTS,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static int
compare_shifts (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  return tocsin_shift_compare (a, b);
}

static void
tocsin_shift_day_finalize (GObject *object)
{
  TocsinShiftDay *self = (TocsinShiftDay *)object;

  g_clear_pointer (&self->day, g_date_time_unref);
  g_clear_object (&self->shifts);

  G_OBJECT_CLASS (tocsin_shift_day_parent_class)->finalize (object);
}

static void
tocsin_shift_day_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TocsinShiftDay *self = TOCSIN_SHIFT_DAY (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_boxed (value, self->day);
      break;

    case PROP_LABEL:
      g_value_take_string (value, tocsin_shift_day_get_label (self));
      break;

    case PROP_SHIFTS:
      g_value_set_object (value, self->shifts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_shift_day_class_init (TocsinShiftDayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_shift_day_finalize;
  object_class->get_property = tocsin_shift_day_get_property;

  /* Local midnight of the day. */
  properties [PROP_DAY] =
    g_param_spec_boxed ("day", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_SHIFTS] =
    g_param_spec_object ("shifts", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_shift_day_init (TocsinShiftDay *self)
{
  self->shifts = g_list_store_new (TOCSIN_TYPE_SHIFT);
}

/**
 * tocsin_shift_day_new:
 * @day: any time on the day, in the zone whose calendar is meant
 */
TocsinShiftDay *
tocsin_shift_day_new (GDateTime *day)
{
  TocsinShiftDay *self;

  g_return_val_if_fail (day != NULL, NULL);

  self = g_object_new (TOCSIN_TYPE_SHIFT_DAY, NULL);
  self->day = g_date_time_new (g_date_time_get_timezone (day),
                               g_date_time_get_year (day),
                               g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day),
                               0, 0, 0);
  return self;
}

/**
 * tocsin_shift_day_get_day:
 *
 * Returns: (transfer none): the day's first instant
 */
GDateTime *
tocsin_shift_day_get_day (TocsinShiftDay *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT_DAY (self), NULL);

  return self->day;
}

char *
tocsin_shift_day_get_label (TocsinShiftDay *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT_DAY (self), NULL);

  /* Translators: heading of a day in the shift list, g_date_time_format()
   * format, e.g. "Tuesday, 31 March". */
  return g_date_time_format (self->day, C_("shift day", "%A, %-e %B"));
}

/**
 * tocsin_shift_day_get_shifts:
 *
 * Returns: (transfer none): a #GListModel of #TocsinShift, by start time
 */
GListModel *
tocsin_shift_day_get_shifts (TocsinShiftDay *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT_DAY (self), NULL);

  return G_LIST_MODEL (self->shifts);
}

void
tocsin_shift_day_add (TocsinShiftDay *self,
                      TocsinShift    *shift)
{
  g_return_if_fail (TOCSIN_IS_SHIFT_DAY (self));
  g_return_if_fail (TOCSIN_IS_SHIFT (shift));

  g_list_store_insert_sorted (self->shifts, shift, compare_shifts, NULL);
}
