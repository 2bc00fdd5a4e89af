/* tocsin-schedule.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-participant.h"
#include "tocsin-shift.h"

G_BEGIN_DECLS

/* One on-call schedule with who is on call now and next and its shifts.
 * Objects keep their identity across refreshes (tocsin_schedule_update_from)
 * so views bound to them stay bound. */

#define TOCSIN_TYPE_SCHEDULE (tocsin_schedule_get_type ())

G_DECLARE_FINAL_TYPE (TocsinSchedule, tocsin_schedule, TOCSIN, SCHEDULE, GObject)

TocsinSchedule *tocsin_schedule_new                   (const char     *id);
void            tocsin_schedule_update_from           (TocsinSchedule *self,
                                                       TocsinSchedule *other);

const char     *tocsin_schedule_get_id                (TocsinSchedule *self);
const char     *tocsin_schedule_get_name              (TocsinSchedule *self);
void            tocsin_schedule_set_name              (TocsinSchedule *self,
                                                       const char     *name);
const char     *tocsin_schedule_get_description       (TocsinSchedule *self);
void            tocsin_schedule_set_description       (TocsinSchedule *self,
                                                       const char     *description);
const char     *tocsin_schedule_get_timezone          (TocsinSchedule *self);
void            tocsin_schedule_set_timezone          (TocsinSchedule *self,
                                                       const char     *timezone);
gboolean        tocsin_schedule_get_enabled           (TocsinSchedule *self);
void            tocsin_schedule_set_enabled           (TocsinSchedule *self,
                                                       gboolean        enabled);
const char     *tocsin_schedule_get_team_id           (TocsinSchedule *self);
void            tocsin_schedule_set_team_id           (TocsinSchedule *self,
                                                       const char     *team_id);
const char     *tocsin_schedule_get_team_name         (TocsinSchedule *self);
void            tocsin_schedule_set_team_name         (TocsinSchedule *self,
                                                       const char     *team_name);
const char     *tocsin_schedule_get_error             (TocsinSchedule *self);
void            tocsin_schedule_set_error             (TocsinSchedule *self,
                                                       const char     *error);

GListModel     *tocsin_schedule_get_on_call_now       (TocsinSchedule *self);
GListModel     *tocsin_schedule_get_on_call_next      (TocsinSchedule *self);
void            tocsin_schedule_set_on_call_now       (TocsinSchedule *self,
                                                       GPtrArray      *participants);
void            tocsin_schedule_set_on_call_next      (TocsinSchedule *self,
                                                       GPtrArray      *participants);
char           *tocsin_schedule_dup_on_call_now_text  (TocsinSchedule *self);
char           *tocsin_schedule_dup_on_call_next_text (TocsinSchedule *self);

GListModel     *tocsin_schedule_get_shifts            (TocsinSchedule *self);
GPtrArray      *tocsin_schedule_dup_shifts            (TocsinSchedule *self);
void            tocsin_schedule_set_shifts            (TocsinSchedule *self,
                                                       GPtrArray      *shifts,
                                                       GDateTime      *now);
guint           tocsin_schedule_get_shift_window_days (TocsinSchedule *self);
void            tocsin_schedule_set_shift_window_days (TocsinSchedule *self,
                                                       guint           days);
GListModel     *tocsin_schedule_get_shift_days        (TocsinSchedule *self);
GListModel     *tocsin_schedule_dup_shift_days        (TocsinSchedule *self,
                                                       GDateTime      *now,
                                                       guint           days);

G_END_DECLS
