/* tocsin-schedule-list.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-schedule.h"

G_BEGIN_DECLS

/* The schedules the user can see: a GListModel of TocsinSchedule, updated in
 * place, whether a fetch found none (empty), and the signed-in user's
 * shifts across all schedules for the header indicator. It fetches nothing:
 * TocsinScheduleMonitor feeds it. */

#define TOCSIN_TYPE_SCHEDULE_LIST (tocsin_schedule_list_get_type ())

G_DECLARE_FINAL_TYPE (TocsinScheduleList, tocsin_schedule_list, TOCSIN, SCHEDULE_LIST, GObject)

TocsinScheduleList *tocsin_schedule_list_new                (void);
void                tocsin_schedule_list_update             (TocsinScheduleList *self,
                                                             GPtrArray          *schedules);
TocsinSchedule     *tocsin_schedule_list_lookup             (TocsinScheduleList *self,
                                                             const char         *id);
gboolean            tocsin_schedule_list_get_empty          (TocsinScheduleList *self);
gboolean            tocsin_schedule_list_get_names_available (TocsinScheduleList *self);
void                tocsin_schedule_list_set_names_available (TocsinScheduleList *self,
                                                             gboolean            available);
const char         *tocsin_schedule_list_get_account_id     (TocsinScheduleList *self);
void                tocsin_schedule_list_set_account_id     (TocsinScheduleList *self,
                                                             const char         *account_id);
void                tocsin_schedule_list_update_my_shifts   (TocsinScheduleList *self,
                                                             GDateTime          *now,
                                                             GTimeZone          *local_zone);
GListModel         *tocsin_schedule_list_get_my_shifts      (TocsinScheduleList *self);
gboolean            tocsin_schedule_list_get_on_call        (TocsinScheduleList *self);
const char         *tocsin_schedule_list_get_summary        (TocsinScheduleList *self);
GDateTime          *tocsin_schedule_list_get_next_boundary  (TocsinScheduleList *self,
                                                             GDateTime          *now);

G_END_DECLS
