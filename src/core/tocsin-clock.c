/* tocsin-clock.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-clock"

#include "config.h"

#include "tocsin-clock.h"
#include "tocsin-resume-watcher.h"

/* One clock for every page: "minute" on each wall-clock minute and "day" at
 * local midnight, instead of a timer per page that drifts off the minute.
 * GLib timeouts run on the monotonic clock, which stops during suspend, so
 * the next boundary is worked out from the wall clock every time, and again
 * after a resume or a change of time zone. "use-24h" follows the desktop's
 * clock-format (24-hour when gsettings-desktop-schemas is not installed). */

#define INTERFACE_SCHEMA "org.gnome.desktop.interface"

struct _TocsinClock
{
  GObject       parent_instance;

  GSettings    *interface_settings;   /* nullable: schema missing */
  GFileMonitor *zone_monitor;
  guint         timeout_id;
  GTimeSpan     offset;               /* tests only */
  GDate         today;
  gboolean      use_24h;
};

G_DEFINE_FINAL_TYPE (TocsinClock, tocsin_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_INTERFACE_SETTINGS,
  PROP_USE_24H,
  N_PROPS
};

enum {
  MINUTE,
  DAY,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static gint64
now_usec (TocsinClock *self)
{
  return g_get_real_time () + self->offset;
}

static void
set_today (TocsinClock *self,
           GDate       *date)
{
  g_autoptr(GDateTime) now = tocsin_clock_dup_now (self);

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static gboolean on_timeout_cb (gpointer user_data);

/* A few milliseconds past the boundary, so "now" reads the new minute. */
static void
schedule (TocsinClock *self)
{
  gint64 into_minute = now_usec (self) % G_TIME_SPAN_MINUTE;
  guint delay_ms = (guint) ((G_TIME_SPAN_MINUTE - into_minute) / 1000) + 5;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add_full (G_PRIORITY_DEFAULT, delay_ms, on_timeout_cb, self, NULL);
  g_source_set_name_by_id (self->timeout_id, "[tocsin] clock");
}

static void
tick (TocsinClock *self)
{
  GDate today;

  set_today (self, &today);
  g_signal_emit (self, signals [MINUTE], 0);
  if (g_date_compare (&today, &self->today) != 0)
    {
      self->today = today;
      g_signal_emit (self, signals [DAY], 0);
    }
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  TocsinClock *self = user_data;

  self->timeout_id = 0;
  tick (self);
  schedule (self);

  return G_SOURCE_REMOVE;
}

static void
update_use_24h (TocsinClock *self)
{
  gboolean use_24h = TRUE;

  if (self->interface_settings != NULL)
    use_24h = g_settings_get_enum (self->interface_settings, "clock-format") == 0;

  if (use_24h == self->use_24h)
    return;

  self->use_24h = use_24h;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USE_24H]);
}

static void
tocsin_clock_constructed (GObject *object)
{
  TocsinClock *self = TOCSIN_CLOCK (object);
  g_autoptr(GFile) localtime = g_file_new_for_path ("/etc/localtime");

  G_OBJECT_CLASS (tocsin_clock_parent_class)->constructed (object);

  if (self->interface_settings != NULL)
    {
      g_signal_connect_object (self->interface_settings, "changed::clock-format",
                               G_CALLBACK (update_use_24h), self, G_CONNECT_SWAPPED);
      update_use_24h (self);
    }

  /* A new zone moves midnight; the file is replaced, not written to. */
  self->zone_monitor = g_file_monitor_file (localtime, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
  if (self->zone_monitor != NULL)
    g_signal_connect_object (self->zone_monitor, "changed", G_CALLBACK (tocsin_clock_resync), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (tocsin_resume_watcher_get_default (), "resumed",
                           G_CALLBACK (tocsin_clock_resync), self, G_CONNECT_SWAPPED);

  set_today (self, &self->today);
  schedule (self);
}

static void
tocsin_clock_dispose (GObject *object)
{
  TocsinClock *self = (TocsinClock *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->zone_monitor != NULL)
    g_file_monitor_cancel (self->zone_monitor);
  g_clear_object (&self->zone_monitor);
  g_clear_object (&self->interface_settings);

  G_OBJECT_CLASS (tocsin_clock_parent_class)->dispose (object);
}

static void
tocsin_clock_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TocsinClock *self = TOCSIN_CLOCK (object);

  switch (prop_id)
    {
    case PROP_INTERFACE_SETTINGS:
      g_value_set_object (value, self->interface_settings);
      break;
    case PROP_USE_24H:
      g_value_set_boolean (value, self->use_24h);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_clock_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  TocsinClock *self = TOCSIN_CLOCK (object);

  switch (prop_id)
    {
    case PROP_INTERFACE_SETTINGS:
      self->interface_settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_clock_class_init (TocsinClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tocsin_clock_constructed;
  object_class->dispose = tocsin_clock_dispose;
  object_class->get_property = tocsin_clock_get_property;
  object_class->set_property = tocsin_clock_set_property;

  /* org.gnome.desktop.interface, or NULL for always 24-hour. */
  properties [PROP_INTERFACE_SETTINGS] =
    g_param_spec_object ("interface-settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_USE_24H] =
    g_param_spec_boolean ("use-24h", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* On every wall-clock minute, and after a resume or a new time zone. */
  signals [MINUTE] = g_signal_new ("minute", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
  /* When the local date changes, right after that minute's "minute". */
  signals [DAY] = g_signal_new ("day", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                NULL, G_TYPE_NONE, 0);
}

static void
tocsin_clock_init (TocsinClock *self)
{
  self->use_24h = TRUE;
}

/* Returns: (transfer none): the process's clock, which the context hands
 * out and widgets built without one (cells, tests) share */
TocsinClock *
tocsin_clock_get_default (void)
{
  static TocsinClock *instance;

  if (instance == NULL)
    instance = tocsin_clock_new ();

  return instance;
}

/* Follows the desktop's clock format when its schema is installed. */
TocsinClock *
tocsin_clock_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, INTERFACE_SCHEMA, TRUE);
  if (schema != NULL && g_settings_schema_has_key (schema, "clock-format"))
    settings = g_settings_new_full (schema, NULL, NULL);

  return tocsin_clock_new_with_settings (settings);
}

/* @interface_settings: (nullable): org.gnome.desktop.interface */
TocsinClock *
tocsin_clock_new_with_settings (GSettings *interface_settings)
{
  g_return_val_if_fail (interface_settings == NULL || G_IS_SETTINGS (interface_settings), NULL);

  return g_object_new (TOCSIN_TYPE_CLOCK, "interface-settings", interface_settings, NULL);
}

gboolean
tocsin_clock_get_use_24h (TocsinClock *self)
{
  g_return_val_if_fail (TOCSIN_IS_CLOCK (self), TRUE);

  return self->use_24h;
}

/* Returns: (transfer full): the local time the ticks are about */
GDateTime *
tocsin_clock_dup_now (TocsinClock *self)
{
  g_return_val_if_fail (TOCSIN_IS_CLOCK (self), NULL);

  return g_date_time_new_from_unix_local (now_usec (self) / G_USEC_PER_SEC);
}

/* The wall clock jumped (resume, new zone): tick now, then on the minute. */
void
tocsin_clock_resync (TocsinClock *self)
{
  g_return_if_fail (TOCSIN_IS_CLOCK (self));

  tick (self);
  schedule (self);
}

void
_tocsin_clock_set_offset (TocsinClock *self,
                          GTimeSpan    offset)
{
  g_return_if_fail (TOCSIN_IS_CLOCK (self));

  self->offset = offset;
  set_today (self, &self->today);
  schedule (self);
}
