/* tocsin-date-utils.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every date and time Tocsin shows, in one place, 12- or 24-hour as the
 * desktop says. Callers pass the clock format; the models' texts use the
 * default, which TocsinClock keeps in step with the desktop's clock-format. */

/* The values of org.gnome.desktop.interface clock-format. */
typedef enum {
  TOCSIN_CLOCK_FORMAT_24H,
  TOCSIN_CLOCK_FORMAT_12H,
} TocsinClockFormat;

TocsinClockFormat tocsin_date_get_clock_format      (void);
void              tocsin_date_set_clock_format      (TocsinClockFormat  clock);

char             *tocsin_date_format_time           (GDateTime         *time,
                                                     gboolean           with_day,
                                                     TocsinClockFormat  clock);
char             *tocsin_date_format_time_in_zones  (GDateTime         *instant,
                                                     GTimeZone         *local_zone,
                                                     GTimeZone         *schedule_zone,
                                                     TocsinClockFormat  clock);
char             *tocsin_date_format_when           (GDateTime         *instant,
                                                     GDateTime         *now,
                                                     GTimeZone         *local_zone,
                                                     TocsinClockFormat  clock);
char             *tocsin_date_format_relative       (GDateTime         *time,
                                                     GDateTime         *now);
char             *tocsin_date_format_absolute       (GDateTime         *time,
                                                     TocsinClockFormat  clock);

G_END_DECLS
