/* tocsin-schedule-directory.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-ops-client.h"
#include "tocsin-participant.h"
#include "tocsin-schedule.h"

G_BEGIN_DECLS

/* Turns account ids into display names (Jira user/bulk, batched, cached) and
 * team ids into team names (/teams), and knows who is signed in (Jira
 * /myself). When the grant lacks read:jira-user, ids stay ids and the
 * directory stops asking: names are a nicety, never an error. */

#define TOCSIN_TYPE_SCHEDULE_DIRECTORY (tocsin_schedule_directory_get_type ())

G_DECLARE_FINAL_TYPE (TocsinScheduleDirectory, tocsin_schedule_directory, TOCSIN, SCHEDULE_DIRECTORY, GObject)

/* Ids per user/bulk request (Jira's maxResults defaults to 10). */
#define TOCSIN_SCHEDULE_DIRECTORY_BATCH 50

TocsinScheduleDirectory *tocsin_schedule_directory_new                 (TocsinOpsClient          *client);
gboolean                 tocsin_schedule_directory_get_users_available (TocsinScheduleDirectory  *self);
const char              *tocsin_schedule_directory_lookup_user         (TocsinScheduleDirectory  *self,
                                                                        const char               *account_id);
const char              *tocsin_schedule_directory_lookup_team         (TocsinScheduleDirectory  *self,
                                                                        const char               *team_id);
void                     tocsin_schedule_directory_apply               (TocsinScheduleDirectory  *self,
                                                                        TocsinParticipant        *participant);
void                     tocsin_schedule_directory_apply_schedule      (TocsinScheduleDirectory  *self,
                                                                        TocsinSchedule           *schedule);
void                     tocsin_schedule_directory_resolve_async       (TocsinScheduleDirectory  *self,
                                                                        GPtrArray                *schedules,
                                                                        GCancellable             *cancellable,
                                                                        GAsyncReadyCallback       callback,
                                                                        gpointer                  user_data);
gboolean                 tocsin_schedule_directory_resolve_finish      (TocsinScheduleDirectory  *self,
                                                                        GAsyncResult             *result,
                                                                        GError                  **error);
void                     tocsin_schedule_directory_get_myself_async    (TocsinScheduleDirectory  *self,
                                                                        GCancellable             *cancellable,
                                                                        GAsyncReadyCallback       callback,
                                                                        gpointer                  user_data);
char                    *tocsin_schedule_directory_get_myself_finish   (TocsinScheduleDirectory  *self,
                                                                        GAsyncResult             *result,
                                                                        GError                  **error);
void                     tocsin_schedule_directory_forget              (TocsinScheduleDirectory  *self);

G_END_DECLS
