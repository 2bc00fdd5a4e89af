/* tocsin-shift-day-list.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-shift-day-list"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-shift-day.h"
#include "tocsin-shift-day-list.h"
#include "tocsin-shift-row.h"

/* Shifts grouped by day: a heading per day, then a boxed list of that day's
 * TocsinShiftRow. Shown again after every refresh, it keeps its widgets and
 * gives them the new data. */

struct _TocsinShiftDayList
{
  GtkBox   parent_instance;

  gboolean show_schedule;
};

G_DEFINE_FINAL_TYPE (TocsinShiftDayList, tocsin_shift_day_list, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SHOW_SCHEDULE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static gboolean
same_local_day (GDateTime *a,
                GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* "Today · Tuesday, 31 March" for the first days, the plain date after. */
static char *
day_heading (TocsinShiftDay *day,
             GDateTime      *now)
{
  GDateTime *midnight = tocsin_shift_day_get_day (day);
  g_autoptr(GDateTime) today = g_date_time_to_timezone (now, g_date_time_get_timezone (midnight));
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  g_autofree char *label = tocsin_shift_day_get_label (day);

  if (same_local_day (midnight, today))
    /* Translators: heading of today's shifts, %s is the date ("Tuesday, 31 March"). */
    return g_strdup_printf (_("Today · %s"), label);
  if (same_local_day (midnight, tomorrow))
    /* Translators: heading of tomorrow's shifts, %s is the date. */
    return g_strdup_printf (_("Tomorrow · %s"), label);

  return g_steal_pointer (&label);
}

static GtkWidget *
day_heading_new (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_add_css_class (label, "day-heading");
  return label;
}

static GtkWidget *
day_list_new (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_add_css_class (list, "shift-day-list");
  return list;
}

/* The rows of @list show @shifts in order: the rows there take the new
 * shifts in place, missing ones are added and extra ones go. */
static void
sync_shift_rows (GtkListBox *list,
                 GListModel *shifts,
                 gboolean    show_schedule,
                 GDateTime  *now)
{
  guint n_shifts = g_list_model_get_n_items (shifts);
  GtkListBoxRow *row;

  for (guint i = 0; i < n_shifts; i++)
    {
      g_autoptr(TocsinShift) shift = g_list_model_get_item (shifts, i);

      row = gtk_list_box_get_row_at_index (list, i);
      if (row == NULL)
        {
          row = GTK_LIST_BOX_ROW (tocsin_shift_row_new (shift, show_schedule));
          gtk_list_box_append (list, GTK_WIDGET (row));
        }
      else
        tocsin_shift_row_set_shift (TOCSIN_SHIFT_ROW (row), shift);
      tocsin_shift_row_set_current (TOCSIN_SHIFT_ROW (row), tocsin_shift_contains (shift, now));
    }

  while ((row = gtk_list_box_get_row_at_index (list, n_shifts)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* GObject overrides */

static void
tocsin_shift_day_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TocsinShiftDayList *self = TOCSIN_SHIFT_DAY_LIST (object);

  switch (prop_id)
    {
    case PROP_SHOW_SCHEDULE:
      g_value_set_boolean (value, self->show_schedule);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_shift_day_list_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TocsinShiftDayList *self = TOCSIN_SHIFT_DAY_LIST (object);

  switch (prop_id)
    {
    case PROP_SHOW_SCHEDULE:
      self->show_schedule = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_shift_day_list_class_init (TocsinShiftDayListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = tocsin_shift_day_list_get_property;
  object_class->set_property = tocsin_shift_day_list_set_property;

  /* The rows' titles are the schedules instead of the responders ("my shifts"). */
  properties [PROP_SHOW_SCHEDULE] =
    g_param_spec_boolean ("show-schedule", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_shift_day_list_init (TocsinShiftDayList *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);
}

/* Public API */

/**
 * tocsin_shift_day_list_show:
 * @days: (nullable): the TocsinShiftDay items to show
 *
 * Shows @days, updating the headings, lists and rows already there in place
 * rather than making them anew.
 *
 * Returns: the number of days shown
 */
guint
tocsin_shift_day_list_show (TocsinShiftDayList *self,
                            GListModel         *days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n_days = days != NULL ? g_list_model_get_n_items (days) : 0;
  GtkBox *box = GTK_BOX (self);
  GtkWidget *heading;

  g_return_val_if_fail (TOCSIN_IS_SHIFT_DAY_LIST (self), 0);
  g_return_val_if_fail (days == NULL || G_IS_LIST_MODEL (days), 0);

  heading = gtk_widget_get_first_child (GTK_WIDGET (box));

  for (guint i = 0; i < n_days; i++)
    {
      g_autoptr(TocsinShiftDay) day = g_list_model_get_item (days, i);
      g_autofree char *text = day_heading (day, now);
      GtkWidget *list;

      if (heading == NULL)
        {
          heading = day_heading_new ();
          gtk_box_append (box, heading);
          gtk_box_append (box, day_list_new ());
        }
      list = gtk_widget_get_next_sibling (heading);

      gtk_label_set_label (GTK_LABEL (heading), text);
      gtk_widget_set_margin_top (heading, i > 0 ? 12 : 0);
      gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                      -1);
      sync_shift_rows (GTK_LIST_BOX (list), tocsin_shift_day_get_shifts (day), self->show_schedule,
                       now);

      heading = gtk_widget_get_next_sibling (list);
    }

  /* The days past the last one go, heading and list. */
  while (heading != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (heading);

      gtk_box_remove (box, heading);
      heading = next;
    }

  return n_days;
}

/* Highlights the shifts that contain @now, and only those. */
void
tocsin_shift_day_list_update_current (TocsinShiftDayList *self,
                                      GDateTime          *now)
{
  g_return_if_fail (TOCSIN_IS_SHIFT_DAY_LIST (self));
  g_return_if_fail (now != NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox    *list = GTK_IS_LIST_BOX (child) ? GTK_LIST_BOX (child) : NULL;
      GtkListBoxRow *row;

      if (list == NULL)
        continue;

      for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
        {
          TocsinShiftRow *shift_row = TOCSIN_SHIFT_ROW (row);
          TocsinShift *shift = tocsin_shift_row_get_shift (shift_row);

          tocsin_shift_row_set_current (shift_row, tocsin_shift_contains (shift, now));
        }
    }
}

