/* tocsin-schedule-row.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-schedule-row"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-schedule-row.h"

/* A schedule in the sidebar: name, team and zone, who is on call; dimmed
 * when the schedule is disabled. */

struct _TocsinScheduleRow
{
  GtkListBoxRow   parent_instance;

  /* Template widgets */
  GtkBox         *content;
  GtkLabel       *name_label;
  GtkLabel       *disabled_tag;
  GtkLabel       *info_label;
  GtkLabel       *on_call_label;

  TocsinSchedule *schedule;
};

G_DEFINE_FINAL_TYPE (TocsinScheduleRow, tocsin_schedule_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PROP_0,
  PROP_SCHEDULE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static void
update (TocsinScheduleRow *self)
{
  TocsinSchedule *schedule = self->schedule;
  const char *name = tocsin_schedule_get_name (schedule);
  const char *team = tocsin_schedule_get_team_name (schedule);
  const char *zone = tocsin_schedule_get_timezone (schedule);
  gboolean enabled = tocsin_schedule_get_enabled (schedule);
  g_autofree char *on_call = tocsin_schedule_dup_on_call_now_text (schedule);
  g_autofree char *on_call_text = NULL;
  g_autofree char *info = NULL;
  g_autofree char *accessible = NULL;

  if (name == NULL || *name == '\0')
    name = tocsin_schedule_get_id (schedule);

  if (team != NULL && *team != '\0' && zone != NULL && *zone != '\0')
    /* Translators: a schedule's team and time zone, e.g. "Platform · Europe/Berlin". */
    info = g_strdup_printf (C_("schedule info", "%s · %s"), team, zone);
  else if (zone != NULL && *zone != '\0')
    info = g_strdup (zone);
  else
    info = g_strdup (team);

  if (on_call != NULL && *on_call != '\0')
    /* Translators: who is on call now in the schedule list, e.g. "On call: Dana Okafor". */
    on_call_text = g_strdup_printf (_("On call: %s"), on_call);
  else
    on_call_text = g_strdup (_("Nobody on call"));

  gtk_label_set_label (self->name_label, name);
  gtk_label_set_label (self->info_label, info);
  gtk_widget_set_visible (GTK_WIDGET (self->info_label), info != NULL && *info != '\0');
  gtk_label_set_label (self->on_call_label, on_call_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->on_call_label), on_call_text);

  /* Disabled schedules page nobody: shown, but dimmed. */
  gtk_widget_set_visible (GTK_WIDGET (self->disabled_tag), !enabled);
  if (enabled)
    gtk_widget_remove_css_class (GTK_WIDGET (self->content), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->content), "dim-label");

  accessible = g_strjoin (", ", name, enabled ? on_call_text : C_("schedule tag", "Disabled"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

/* GObject overrides */

static void
tocsin_schedule_row_constructed (GObject *object)
{
  TocsinScheduleRow *self = (TocsinScheduleRow *)object;
  static const char * const watched[] = {
    "notify::name", "notify::team-name", "notify::timezone", "notify::enabled",
    "notify::on-call-now-text",
  };

  G_OBJECT_CLASS (tocsin_schedule_row_parent_class)->constructed (object);

  g_return_if_fail (self->schedule != NULL);

  /* The schedule object stays the same across refreshes and changes in place. */
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (self->schedule, watched[i], G_CALLBACK (update), self, G_CONNECT_SWAPPED);

  update (self);
}

static void
tocsin_schedule_row_dispose (GObject *object)
{
  TocsinScheduleRow *self = (TocsinScheduleRow *)object;

  g_clear_object (&self->schedule);

  G_OBJECT_CLASS (tocsin_schedule_row_parent_class)->dispose (object);
}

static void
tocsin_schedule_row_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  TocsinScheduleRow *self = TOCSIN_SCHEDULE_ROW (object);

  switch (prop_id)
    {
    case PROP_SCHEDULE:
      g_value_set_object (value, self->schedule);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_row_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TocsinScheduleRow *self = TOCSIN_SCHEDULE_ROW (object);

  switch (prop_id)
    {
    case PROP_SCHEDULE:
      self->schedule = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_row_class_init (TocsinScheduleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = tocsin_schedule_row_constructed;
  object_class->dispose = tocsin_schedule_row_dispose;
  object_class->get_property = tocsin_schedule_row_get_property;
  object_class->set_property = tocsin_schedule_row_set_property;

  properties [PROP_SCHEDULE] =
    g_param_spec_object ("schedule", NULL, NULL, TOCSIN_TYPE_SCHEDULE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/tocsin-schedule-row.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinScheduleRow, content);
  gtk_widget_class_bind_template_child (widget_class, TocsinScheduleRow, name_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinScheduleRow, disabled_tag);
  gtk_widget_class_bind_template_child (widget_class, TocsinScheduleRow, info_label);
  gtk_widget_class_bind_template_child (widget_class, TocsinScheduleRow, on_call_label);
}

static void
tocsin_schedule_row_init (TocsinScheduleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
tocsin_schedule_row_new (TocsinSchedule *schedule)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE (schedule), NULL);

  return g_object_new (TOCSIN_TYPE_SCHEDULE_ROW, "schedule", schedule, NULL);
}

TocsinSchedule *
tocsin_schedule_row_get_schedule (TocsinScheduleRow *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_ROW (self), NULL);

  return self->schedule;
}
