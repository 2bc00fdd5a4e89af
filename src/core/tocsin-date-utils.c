/* tocsin-date-utils.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-date-utils"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-date-utils.h"

/* Set by the UI from the desktop's setting; the models' texts follow it. */
static TocsinClockFormat default_clock = TOCSIN_CLOCK_FORMAT_24H;

TocsinClockFormat
tocsin_date_get_clock_format (void)
{
  return g_atomic_int_get ((int *) &default_clock);
}

void
tocsin_date_set_clock_format (TocsinClockFormat clock)
{
  g_return_if_fail (clock == TOCSIN_CLOCK_FORMAT_24H || clock == TOCSIN_CLOCK_FORMAT_12H);

  g_atomic_int_set ((int *) &default_clock, clock);
}

/**
 * tocsin_date_format_time:
 * @time: the time, in the zone to show it in
 * @with_day: whether the weekday comes first
 *
 * Returns: e.g. "Tue 09:00", "09:00", "Tue 9:00 AM" or "9:00 AM"
 */
char *
tocsin_date_format_time (GDateTime         *time,
                         gboolean           with_day,
                         TocsinClockFormat  clock)
{
  const char *format;

  g_return_val_if_fail (time != NULL, NULL);

  if (clock == TOCSIN_CLOCK_FORMAT_12H)
    /* Translators: g_date_time_format() formats of a time on a 12-hour clock,
     * with the weekday ("Tue 9:00 AM") and without ("9:00 AM"). */
    format = with_day ? C_("shift time", "%a %-l:%M %p") : C_("shift time", "%-l:%M %p");
  else
    /* Translators: a shift boundary, strftime-like format of g_date_time_format();
     * weekday and 24-hour time, e.g. "Tue 09:00". Use your locale's convention. */
    format = with_day ? C_("shift time", "%a %H:%M") : C_("shift time", "%H:%M");

  return g_date_time_format (time, format);
}

/**
 * tocsin_date_format_time_in_zones:
 * @instant: the time to show
 * @local_zone: (nullable): the user's zone; %NULL for the system zone
 * @schedule_zone: (nullable): the schedule's zone
 *
 * Formats @instant in the user's zone with the schedule's zone alongside,
 * e.g. "Tue 09:00 (08:00 Europe/Berlin)". The weekday is repeated in the
 * parenthesis only when the day differs there. When both zones are the same
 * zone, only the local part is returned.
 */
char *
tocsin_date_format_time_in_zones (GDateTime         *instant,
                                  GTimeZone         *local_zone,
                                  GTimeZone         *schedule_zone,
                                  TocsinClockFormat  clock)
{
  g_autoptr(GTimeZone) system_zone = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) remote = NULL;
  g_autofree char *local_text = NULL;
  g_autofree char *remote_text = NULL;
  const char *local_id;
  const char *remote_id;
  gboolean same_day;

  g_return_val_if_fail (instant != NULL, NULL);

  if (local_zone == NULL)
    local_zone = system_zone = g_time_zone_new_local ();

  local = g_date_time_to_timezone (instant, local_zone);
  local_text = tocsin_date_format_time (local, TRUE, clock);

  if (schedule_zone == NULL)
    return g_steal_pointer (&local_text);

  local_id = g_time_zone_get_identifier (local_zone);
  remote_id = g_time_zone_get_identifier (schedule_zone);
  if (g_strcmp0 (local_id, remote_id) == 0)
    return g_steal_pointer (&local_text);

  remote = g_date_time_to_timezone (instant, schedule_zone);
  same_day = g_date_time_get_day_of_month (local) == g_date_time_get_day_of_month (remote);
  remote_text = tocsin_date_format_time (remote, !same_day, clock);

  /* Translators: first %s is a time in the user's zone ("Tue 09:00"), second
   * the same instant in the schedule's zone ("08:00"), third that zone's name. */
  return g_strdup_printf (C_("shift time", "%s (%s %s)"), local_text, remote_text, remote_id);
}

/**
 * tocsin_date_format_when:
 *
 * @instant in @local_zone as a point ahead of @now: "Tue 09:00" within the
 * coming week, where a weekday names the right day, "Apr 14 09:00" beyond.
 */
char *
tocsin_date_format_when (GDateTime         *instant,
                         GDateTime         *now,
                         GTimeZone         *local_zone,
                         TocsinClockFormat  clock)
{
  g_autoptr(GDateTime) local = NULL;

  g_return_val_if_fail (instant != NULL && now != NULL && local_zone != NULL, NULL);

  local = g_date_time_to_timezone (instant, local_zone);
  if (g_date_time_difference (instant, now) < 6 * G_TIME_SPAN_DAY)
    return tocsin_date_format_time (local, TRUE, clock);

  if (clock == TOCSIN_CLOCK_FORMAT_12H)
    /* Translators: a date and time more than a week ahead on a 12-hour clock,
     * g_date_time_format() format, e.g. "Apr 14 9:00 AM". */
    return g_date_time_format (local, C_("shift time", "%b %-e %-l:%M %p"));
  /* Translators: a date and time more than a week ahead, g_date_time_format()
   * format, e.g. "Apr 14 09:00". */
  return g_date_time_format (local, C_("shift time", "%b %-e %H:%M"));
}

/**
 * tocsin_date_format_relative:
 * @time: (nullable): the time
 * @now: the present
 *
 * Returns: e.g. "just now", "5 min ago", "in 2 hours", or the date for a
 *   time more than a month ago; "" for no time
 */
char *
tocsin_date_format_relative (GDateTime *time,
                             GDateTime *now)
{
  GTimeSpan span;
  gint64 minutes;

  g_return_val_if_fail (now != NULL, NULL);

  if (time == NULL)
    return g_strdup ("");

  span = g_date_time_difference (now, time);
  if (span < 0)
    {
      minutes = (-span + G_TIME_SPAN_MINUTE - 1) / G_TIME_SPAN_MINUTE;
      if (minutes < 60)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d min", "in %d min", minutes),
                                (int)minutes);
      if (minutes < 48 * 60)
        return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d hour", "in %d hours",
                                             minutes / 60),
                                (int)(minutes / 60));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d day", "in %d days",
                                           minutes / (24 * 60)),
                              (int)(minutes / (24 * 60)));
    }

  minutes = span / G_TIME_SPAN_MINUTE;
  if (minutes < 1)
    return g_strdup (_("just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", minutes),
                            (int)minutes);
  if (minutes < 24 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago",
                                         minutes / 60),
                            (int)(minutes / 60));
  if (minutes < 30 * 24 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago",
                                         minutes / (24 * 60)),
                            (int)(minutes / (24 * 60)));
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (time);

    /* Translators: a date in the alert list, see g_date_time_format() */
    return g_date_time_format (local, _("%-e %b %Y"));
  }
}

/**
 * tocsin_date_format_absolute:
 * @time: (nullable): the time
 *
 * Returns: the full local date and time, e.g. "Monday, 3 March 2026,
 *   10:15:00"; "" for no time
 */
char *
tocsin_date_format_absolute (GDateTime         *time,
                             TocsinClockFormat  clock)
{
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (time);
  if (clock == TOCSIN_CLOCK_FORMAT_12H)
    /* Translators: a full date and time on a 12-hour clock, see g_date_time_format() */
    return g_date_time_format (local, _("%A, %-e %B %Y, %-l:%M:%S %p"));
  /* Translators: a full date and time, see g_date_time_format() */
  return g_date_time_format (local, _("%A, %-e %B %Y, %H:%M:%S"));
}
