/* tocsin-time-label.c: a relative time that keeps itself current
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-time-label"

#include "config.h"

#include "tocsin-alert-details.h"
#include "tocsin-clock.h"
#include "tocsin-time-label.h"

struct _TocsinTimeLabel
{
  GtkWidget  parent_instance;

  GtkLabel  *label;
  GDateTime *datetime;
  gulong     minute_handler;   /* on the shared clock, while mapped */
};

G_DEFINE_FINAL_TYPE (TocsinTimeLabel, tocsin_time_label, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATETIME,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static void
update (TocsinTimeLabel *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = tocsin_alert_details_format_relative (self->datetime, now);
  g_autofree char *tooltip = tocsin_alert_details_format_absolute (self->datetime);

  gtk_label_set_text (self->label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self),
                               tooltip != NULL && *tooltip != '\0' ? tooltip : NULL);
}

/* Callbacks */

/* GtkWidget overrides */

static void
tocsin_time_label_map (GtkWidget *widget)
{
  TocsinTimeLabel *self = TOCSIN_TIME_LABEL (widget);

  GTK_WIDGET_CLASS (tocsin_time_label_parent_class)->map (widget);
  /* Only what is on screen ticks. */
  update (self);
  self->minute_handler = g_signal_connect_object (tocsin_clock_get_default (), "minute",
                                                  G_CALLBACK (update), self, G_CONNECT_SWAPPED);
}

static void
tocsin_time_label_unmap (GtkWidget *widget)
{
  TocsinTimeLabel *self = TOCSIN_TIME_LABEL (widget);

  g_clear_signal_handler (&self->minute_handler, tocsin_clock_get_default ());
  GTK_WIDGET_CLASS (tocsin_time_label_parent_class)->unmap (widget);
}

/* GObject overrides */

static void
tocsin_time_label_dispose (GObject *object)
{
  TocsinTimeLabel *self = TOCSIN_TIME_LABEL (object);

  g_clear_signal_handler (&self->minute_handler, tocsin_clock_get_default ());
  g_clear_pointer ((GtkWidget **) &self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (tocsin_time_label_parent_class)->dispose (object);
}

static void
tocsin_time_label_finalize (GObject *object)
{
  TocsinTimeLabel *self = TOCSIN_TIME_LABEL (object);

  g_clear_pointer (&self->datetime, g_date_time_unref);

  G_OBJECT_CLASS (tocsin_time_label_parent_class)->finalize (object);
}

static void
tocsin_time_label_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TocsinTimeLabel *self = TOCSIN_TIME_LABEL (object);

  switch (prop_id)
    {
    case PROP_DATETIME:
      g_value_set_boxed (value, self->datetime);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_time_label_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TocsinTimeLabel *self = TOCSIN_TIME_LABEL (object);

  switch (prop_id)
    {
    case PROP_DATETIME:
      tocsin_time_label_set_datetime (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_time_label_class_init (TocsinTimeLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tocsin_time_label_dispose;
  object_class->finalize = tocsin_time_label_finalize;
  object_class->get_property = tocsin_time_label_get_property;
  object_class->set_property = tocsin_time_label_set_property;
  widget_class->map = tocsin_time_label_map;
  widget_class->unmap = tocsin_time_label_unmap;

  properties [PROP_DATETIME] =
    g_param_spec_boxed ("datetime", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
tocsin_time_label_init (TocsinTimeLabel *self)
{
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_set_parent (GTK_WIDGET (self->label), GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
tocsin_time_label_new (void)
{
  return g_object_new (TOCSIN_TYPE_TIME_LABEL, NULL);
}

GDateTime *
tocsin_time_label_get_datetime (TocsinTimeLabel *self)
{
  g_return_val_if_fail (TOCSIN_IS_TIME_LABEL (self), NULL);

  return self->datetime;
}

void
tocsin_time_label_set_datetime (TocsinTimeLabel *self,
                                GDateTime       *datetime)
{
  g_return_if_fail (TOCSIN_IS_TIME_LABEL (self));

  if (self->datetime == datetime ||
      (self->datetime != NULL && datetime != NULL && g_date_time_equal (self->datetime, datetime)))
    return;
  g_clear_pointer (&self->datetime, g_date_time_unref);
  self->datetime = datetime != NULL ? g_date_time_ref (datetime) : NULL;
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DATETIME]);
}

/* What the label shows now. */
const char *
tocsin_time_label_get_text (TocsinTimeLabel *self)
{
  g_return_val_if_fail (TOCSIN_IS_TIME_LABEL (self), NULL);

  return gtk_label_get_text (self->label);
}
