/* tocsin-schedule-row.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-schedule.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_SCHEDULE_ROW (tocsin_schedule_row_get_type ())

G_DECLARE_FINAL_TYPE (TocsinScheduleRow, tocsin_schedule_row, TOCSIN, SCHEDULE_ROW, GtkListBoxRow)

GtkWidget      *tocsin_schedule_row_new          (TocsinSchedule    *schedule);
TocsinSchedule *tocsin_schedule_row_get_schedule (TocsinScheduleRow *self);

G_END_DECLS
