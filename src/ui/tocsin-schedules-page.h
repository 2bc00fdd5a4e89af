/* tocsin-schedules-page.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-schedule-monitor.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_SCHEDULES_PAGE (tocsin_schedules_page_get_type ())

G_DECLARE_FINAL_TYPE (TocsinSchedulesPage, tocsin_schedules_page, TOCSIN, SCHEDULES_PAGE, AdwBin)

TocsinScheduleMonitor *tocsin_schedules_page_get_monitor        (TocsinSchedulesPage   *self);
void                   tocsin_schedules_page_set_monitor        (TocsinSchedulesPage   *self,
                                                                 TocsinScheduleMonitor *monitor);
const char            *tocsin_schedules_page_get_indicator      (TocsinSchedulesPage   *self);
gboolean               tocsin_schedules_page_get_on_call        (TocsinSchedulesPage   *self);
TocsinSchedule        *tocsin_schedules_page_get_selected       (TocsinSchedulesPage   *self);
void                   tocsin_schedules_page_select_schedule    (TocsinSchedulesPage   *self,
                                                                 const char            *schedule_id);
void                   tocsin_schedules_page_show_my_shifts     (TocsinSchedulesPage   *self);

G_END_DECLS
