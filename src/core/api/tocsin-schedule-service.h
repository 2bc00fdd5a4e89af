/* tocsin-schedule-service.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-ops-client.h"
#include "tocsin-schedule.h"
#include "tocsin-schedule-directory.h"

G_BEGIN_DECLS

/* Fetches schedules, who is on call, and timelines through TocsinOpsClient,
 * and assembles complete TocsinSchedule objects with names resolved. */

typedef enum {
  TOCSIN_ON_CALL_NOW,
  TOCSIN_ON_CALL_NEXT,
} TocsinOnCallWhen;

/* The timeline window starts this long before "now", so a shift already
 * running is seen from its real start, and reaches this far ahead. */
#define TOCSIN_SCHEDULE_LOOKBEHIND_DAYS 7
#define TOCSIN_SCHEDULE_LOOKAHEAD_DAYS  14

#define TOCSIN_TYPE_SCHEDULE_SERVICE (tocsin_schedule_service_get_type ())

G_DECLARE_FINAL_TYPE (TocsinScheduleService, tocsin_schedule_service, TOCSIN, SCHEDULE_SERVICE, GObject)

TocsinScheduleService   *tocsin_schedule_service_new                  (TocsinOpsClient        *client);
TocsinOpsClient         *tocsin_schedule_service_get_client           (TocsinScheduleService  *self);
TocsinScheduleDirectory *tocsin_schedule_service_get_directory        (TocsinScheduleService  *self);
guint                    tocsin_schedule_service_get_page_size        (TocsinScheduleService  *self);
void                     tocsin_schedule_service_set_page_size        (TocsinScheduleService  *self,
                                                                       guint                   page_size);
void                     tocsin_schedule_service_set_local_zone       (TocsinScheduleService  *self,
                                                                       GTimeZone              *local_zone);

void                     tocsin_schedule_service_list_async           (TocsinScheduleService  *self,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
GPtrArray               *tocsin_schedule_service_list_finish          (TocsinScheduleService  *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);

void                     tocsin_schedule_service_on_calls_async       (TocsinScheduleService  *self,
                                                                       const char             *schedule_id,
                                                                       TocsinOnCallWhen        when,
                                                                       gboolean                flat,
                                                                       GDateTime              *date,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
GPtrArray               *tocsin_schedule_service_on_calls_finish      (TocsinScheduleService  *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);

void                     tocsin_schedule_service_timeline_async       (TocsinScheduleService  *self,
                                                                       TocsinSchedule         *schedule,
                                                                       GDateTime              *now,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
GPtrArray               *tocsin_schedule_service_timeline_finish      (TocsinScheduleService  *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);

void                     tocsin_schedule_service_fetch_all_async      (TocsinScheduleService  *self,
                                                                       GDateTime              *now,
                                                                       GCancellable           *cancellable,
                                                                       GAsyncReadyCallback     callback,
                                                                       gpointer                user_data);
GPtrArray               *tocsin_schedule_service_fetch_all_finish     (TocsinScheduleService  *self,
                                                                       GAsyncResult           *result,
                                                                       GError                **error);

G_END_DECLS
