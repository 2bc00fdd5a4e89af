/* tocsin-schedule-monitor.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-schedule-list.h"
#include "tocsin-schedule-service.h"

G_BEGIN_DECLS

/* Keeps a TocsinScheduleList current while active: refreshes every
 * #TocsinScheduleMonitor:interval seconds (5 minutes), at the next
 * shift boundary of any schedule, and when asked (tocsin_schedule_monitor_refresh,
 * e.g. on resume from suspend). The UI binds to the model.
 *
 * The same shape as TocsinAlertMonitor: active, interval, model (read-only),
 * loading, error (GError, NULL when the last refresh worked), offline,
 * last-refresh, cached (seeded from the cache, not refreshed yet). */

#define TOCSIN_TYPE_SCHEDULE_MONITOR (tocsin_schedule_monitor_get_type ())

G_DECLARE_FINAL_TYPE (TocsinScheduleMonitor, tocsin_schedule_monitor, TOCSIN, SCHEDULE_MONITOR, GObject)

#define TOCSIN_SCHEDULE_MONITOR_DEFAULT_INTERVAL (5 * 60)

TocsinScheduleMonitor *tocsin_schedule_monitor_new                  (TocsinScheduleService *service);
TocsinScheduleService *tocsin_schedule_monitor_get_service          (TocsinScheduleMonitor *self);
TocsinScheduleList    *tocsin_schedule_monitor_get_model            (TocsinScheduleMonitor *self);
gboolean               tocsin_schedule_monitor_get_active           (TocsinScheduleMonitor *self);
void                   tocsin_schedule_monitor_set_active           (TocsinScheduleMonitor *self,
                                                                     gboolean               active);
void                   tocsin_schedule_monitor_refresh              (TocsinScheduleMonitor *self);
guint                  tocsin_schedule_monitor_get_interval         (TocsinScheduleMonitor *self);
void                   tocsin_schedule_monitor_set_interval         (TocsinScheduleMonitor *self,
                                                                     guint                  seconds);
void                   tocsin_schedule_monitor_set_account_id       (TocsinScheduleMonitor *self,
                                                                     const char            *account_id);
void                   tocsin_schedule_monitor_set_now              (TocsinScheduleMonitor *self,
                                                                     GDateTime             *now);
void                   tocsin_schedule_monitor_set_local_zone       (TocsinScheduleMonitor *self,
                                                                     GTimeZone             *local_zone);
gboolean               tocsin_schedule_monitor_get_loading          (TocsinScheduleMonitor *self);
const GError          *tocsin_schedule_monitor_get_error            (TocsinScheduleMonitor *self);
gboolean               tocsin_schedule_monitor_get_offline          (TocsinScheduleMonitor *self);
GDateTime             *tocsin_schedule_monitor_get_last_refresh     (TocsinScheduleMonitor *self);
GDateTime             *tocsin_schedule_monitor_get_next_wakeup      (TocsinScheduleMonitor *self);
void                   tocsin_schedule_monitor_seed                 (TocsinScheduleMonitor *self,
                                                                     GPtrArray             *schedules,
                                                                     gboolean               names_available);
gboolean               tocsin_schedule_monitor_get_cached           (TocsinScheduleMonitor *self);

G_END_DECLS
