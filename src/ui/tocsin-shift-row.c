/* tocsin-shift-row.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-shift-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-date-utils.h"
#include "tocsin-shift-row.h"

/* One shift in a day group: who (or which schedule), when in the user's zone,
 * when in the schedule's zone, and tags for overrides, forwarding and "now". */

struct _TocsinShiftRow
{
  GtkListBoxRow  parent_instance;

  /* Template widgets */
  GtkLabel      *title_label;
  GtkLabel      *time_label;
  GtkLabel      *zone_label;
  GtkLabel      *detail_label;
  GtkLabel      *now_tag;
  GtkLabel      *override_tag;
  GtkLabel      *forwarded_tag;

  TocsinShift   *shift;
  gboolean       show_schedule;
  gboolean       current;
  gboolean       constructed;

  /* The shift changes when its list refreshes: these follow it. */
  GBindingGroup *responder_bindings;
  GSignalGroup  *responder_signals;
  GSignalGroup  *forwarded_from_signals;
};

G_DEFINE_FINAL_TYPE (TocsinShiftRow, tocsin_shift_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SHIFT,
  PROP_SHOW_SCHEDULE,
  PROP_CURRENT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

static char *
format_point (GDateTime *dt,
              gboolean   with_day)
{
  return tocsin_date_format_time (dt, with_day, tocsin_date_get_clock_format ());
}

/* "Tue 09:00 – 17:00", "Tue 21:00 – Wed 09:00"; a shift cut to the displayed
 * window says so instead of showing the window's edge as its start or end. */
static char *
format_range (GDateTime *start,
              GDateTime *end,
              gboolean   clipped_start,
              gboolean   clipped_end)
{
  g_autofree char *start_text = format_point (start, TRUE);
  g_autofree char *end_text = NULL;

  if (clipped_start && !clipped_end)
    {
      end_text = format_point (end, TRUE);
      /* Translators: a shift that started before the shown period, e.g. "Until Wed 09:00". */
      return g_strdup_printf (_("Until %s"), end_text);
    }

  if (clipped_end && !clipped_start)
    /* Translators: a shift that goes on after the shown period, e.g. "From Tue 09:00". */
    return g_strdup_printf (_("From %s"), start_text);

  end_text = format_point (end, !same_day (start, end));
  /* Translators: a shift's start and end, e.g. "Tue 09:00 – 17:00". */
  return g_strdup_printf (C_("shift range", "%s – %s"), start_text, end_text);
}

static const char *
kind_label (TocsinParticipant *participant)
{
  const char *kind = tocsin_participant_get_kind (participant);

  if (g_strcmp0 (kind, "team") == 0)
    return C_("participant kind", "Team");
  if (g_strcmp0 (kind, "escalation") == 0)
    return C_("participant kind", "Escalation");
  if (g_strcmp0 (kind, "schedule") == 0)
    return C_("participant kind", "Schedule");
  return NULL;
}

static void
update_detail (TocsinShiftRow *self)
{
  TocsinParticipant *responder = tocsin_shift_get_responder (self->shift);
  TocsinParticipant *forwarded_from = responder ? tocsin_participant_get_forwarded_from (responder) : NULL;
  const char *rotation = tocsin_shift_get_rotation_name (self->shift);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *text = NULL;

  if (rotation != NULL && *rotation != '\0')
    g_ptr_array_add (parts, g_strdup (rotation));

  /* In "my shifts" the title is the schedule: say when the user is on it
   * through a team rather than by name. */
  if (self->show_schedule && responder != NULL && !tocsin_participant_is_user (responder))
    {
      const char *kind = kind_label (responder);

      if (kind != NULL)
        /* Translators: e.g. "Team Platform". */
        g_ptr_array_add (parts, g_strdup_printf (C_("shift via", "%s %s"), kind,
                                                 tocsin_participant_get_display_name (responder)));
    }

  if (forwarded_from != NULL)
    /* Translators: the person whose pages go to the responder of this shift. */
    g_ptr_array_add (parts, g_strdup_printf (_("Forwarded from %s"),
                                             tocsin_participant_get_display_name (forwarded_from)));

  g_ptr_array_add (parts, NULL);
  text = g_strjoinv (" · ", (char **) parts->pdata);
  gtk_label_set_label (self->detail_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->detail_label), *text != '\0');
}

static void
update_accessible_label (TocsinShiftRow *self)
{
  g_autofree char *label = NULL;

  if (self->shift == NULL)
    return;

  label = g_strjoin (", ",
                     gtk_label_get_label (self->title_label),
                     gtk_label_get_label (self->time_label),
                     NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

static void
update_times (TocsinShiftRow *self)
{
  g_autoptr(GDateTime) start = tocsin_shift_get_start (self->shift);
  g_autoptr(GDateTime) end = tocsin_shift_get_end (self->shift);
  gboolean clipped_start = tocsin_shift_get_clipped_start (self->shift);
  gboolean clipped_end = tocsin_shift_get_clipped_end (self->shift);
  g_autofree char *local_text = format_range (start, end, clipped_start, clipped_end);
  const char *local_id = g_time_zone_get_identifier (tocsin_shift_get_local_zone (self->shift));
  const char *schedule_id = g_time_zone_get_identifier (tocsin_shift_get_schedule_zone (self->shift));

  gtk_label_set_label (self->time_label, local_text);

  /* The schedule's own clock alongside, unless it is the user's. */
  if (g_strcmp0 (local_id, schedule_id) != 0)
    {
      g_autoptr(GDateTime) schedule_start = tocsin_shift_get_schedule_start (self->shift);
      g_autoptr(GDateTime) schedule_end = tocsin_shift_get_schedule_end (self->shift);
      g_autofree char *range = format_range (schedule_start, schedule_end, clipped_start, clipped_end);
      g_autofree char *text = NULL;

      /* Translators: a shift's times in the schedule's zone and that zone,
       * e.g. "Tue 08:00 – 16:00 (Europe/Berlin)". */
      text = g_strdup_printf (C_("shift zone", "%s (%s)"), range, schedule_id);
      gtk_label_set_label (self->zone_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->zone_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->zone_label), FALSE);
}

static void
on_title_changed_cb (TocsinShiftRow *self)
{
  update_accessible_label (self);
}

static void
setup_shift (TocsinShiftRow *self)
{
  TocsinShift *shift = self->shift;
  TocsinParticipant *responder;
  TocsinParticipant *forwarded_from;
  TocsinShiftKind kind;

  if (shift == NULL)
    return;

  responder = tocsin_shift_get_responder (shift);
  forwarded_from = responder != NULL ? tocsin_participant_get_forwarded_from (responder) : NULL;
  kind = tocsin_shift_get_kind (shift);

  /* Names arrive after the shifts when they are resolved. */
  g_binding_group_set_source (self->responder_bindings, self->show_schedule ? NULL : responder);
  g_signal_group_set_target (self->responder_signals, responder);
  g_signal_group_set_target (self->forwarded_from_signals, forwarded_from);
  if (self->show_schedule)
    gtk_label_set_label (self->title_label, tocsin_shift_get_schedule_name (shift));
  else if (responder == NULL)
    gtk_label_set_label (self->title_label, "");

  update_times (self);
  update_detail (self);

  gtk_widget_set_visible (GTK_WIDGET (self->override_tag), kind == TOCSIN_SHIFT_KIND_OVERRIDE);
  gtk_widget_set_visible (GTK_WIDGET (self->forwarded_tag),
                          kind == TOCSIN_SHIFT_KIND_FORWARDING || forwarded_from != NULL);
  if (kind == TOCSIN_SHIFT_KIND_OVERRIDE)
    gtk_widget_add_css_class (GTK_WIDGET (self), "override");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "override");

  update_accessible_label (self);
}

/* GObject overrides */

static void
tocsin_shift_row_constructed (GObject *object)
{
  TocsinShiftRow *self = (TocsinShiftRow *)object;

  G_OBJECT_CLASS (tocsin_shift_row_parent_class)->constructed (object);

  /* Both properties are known here, in whatever order they came. */
  self->constructed = TRUE;
  setup_shift (self);
}

static void
tocsin_shift_row_dispose (GObject *object)
{
  TocsinShiftRow *self = (TocsinShiftRow *)object;

  g_binding_group_set_source (self->responder_bindings, NULL);
  g_signal_group_set_target (self->responder_signals, NULL);
  g_signal_group_set_target (self->forwarded_from_signals, NULL);
  g_clear_object (&self->responder_bindings);
  g_clear_object (&self->responder_signals);
  g_clear_object (&self->forwarded_from_signals);
  g_clear_object (&self->shift);

  G_OBJECT_CLASS (tocsin_shift_row_parent_class)->dispose (object);
}

static void
tocsin_shift_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  TocsinShiftRow *self = TOCSIN_SHIFT_ROW (object);

  switch (prop_id)
    {
    case PROP_SHIFT:
      g_value_set_object (value, self->shift);
      break;

    case PROP_SHOW_SCHEDULE:
      g_value_set_boolean (value, self->show_schedule);
      break;

    case PROP_CURRENT:
      g_value_set_boolean (value, self->current);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_shift_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  TocsinShiftRow *self = TOCSIN_SHIFT_ROW (object);

  switch (prop_id)
    {
    case PROP_SHIFT:
      tocsin_shift_row_set_shift (self, g_value_get_object (value));
      break;

    case PROP_SHOW_SCHEDULE:
      self->show_schedule = g_value_get_boolean (value);
      break;

    case PROP_CURRENT:
      tocsin_shift_row_set_current (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_shift_row_class_init (TocsinShiftRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tocsin_shift_row_constructed;
  object_class->dispose = tocsin_shift_row_dispose;
  object_class->get_property = tocsin_shift_row_get_property;
  object_class->set_property = tocsin_shift_row_set_property;

  /* The title is the schedule's name instead of the responder's ("my shifts"). */
  properties [PROP_SHOW_SCHEDULE] =
    g_param_spec_boolean ("show-schedule", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SHIFT] =
    g_param_spec_object ("shift", NULL, NULL, TOCSIN_TYPE_SHIFT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The shift covers now: highlighted and tagged. */
  properties [PROP_CURRENT] =
    g_param_spec_boolean ("current", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-shift-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinShiftRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinShiftRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinShiftRow, zone_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinShiftRow, detail_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinShiftRow, now_tag);
  gtk_widget_class_bind_template_child (widget_class, TocsinShiftRow, override_tag);
  gtk_widget_class_bind_template_child (widget_class, TocsinShiftRow, forwarded_tag);
}

static void
tocsin_shift_row_init (TocsinShiftRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->title_label, "notify::label",
                           G_CALLBACK (on_title_changed_cb), self, G_CONNECT_SWAPPED);

  self->responder_bindings = g_binding_group_new ();
  g_binding_group_bind (self->responder_bindings, "display-name", self->title_label, "label",
                        G_BINDING_SYNC_CREATE);
  self->responder_signals = g_signal_group_new (TOCSIN_TYPE_PARTICIPANT);
  g_signal_group_connect_swapped (self->responder_signals, "notify::display-name",
                                  G_CALLBACK (update_detail), self);
  self->forwarded_from_signals = g_signal_group_new (TOCSIN_TYPE_PARTICIPANT);
  g_signal_group_connect_swapped (self->forwarded_from_signals, "notify::display-name",
                                  G_CALLBACK (update_detail), self);
}

/* Public API */

GtkWidget *
tocsin_shift_row_new (TocsinShift *shift,
                      gboolean     show_schedule)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT (shift), NULL);

  return g_object_new (TOCSIN_TYPE_SHIFT_ROW,
                       "show-schedule", show_schedule,
                       "shift", shift,
                       NULL);
}

TocsinShift *
tocsin_shift_row_get_shift (TocsinShiftRow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT_ROW (self), NULL);

  return self->shift;
}

/* Shows @shift instead, in place: a refreshed list reuses its rows. */
void
tocsin_shift_row_set_shift (TocsinShiftRow *self,
                            TocsinShift    *shift)
{
  g_return_if_fail (TOCSIN_IS_SHIFT_ROW (self));
  g_return_if_fail (shift == NULL || TOCSIN_IS_SHIFT (shift));

  if (!g_set_object (&self->shift, shift))
    return;

  /* Until constructed, show-schedule may not be known yet. */
  if (self->constructed)
    setup_shift (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SHIFT]);
}

gboolean
tocsin_shift_row_get_current (TocsinShiftRow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SHIFT_ROW (self), FALSE);

  return self->current;
}

void
tocsin_shift_row_set_current (TocsinShiftRow *self,
                              gboolean        current)
{
  g_return_if_fail (TOCSIN_IS_SHIFT_ROW (self));

  current = !!current;
  if (self->current == current)
    return;

  self->current = current;
  gtk_widget_set_visible (GTK_WIDGET (self->now_tag), current);
  if (current)
    gtk_widget_add_css_class (GTK_WIDGET (self), "current");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "current");

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CURRENT]);
}
