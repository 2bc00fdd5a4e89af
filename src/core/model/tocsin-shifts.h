/* tocsin-shifts.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-shift.h"
#include "tocsin-shift-day.h"

G_BEGIN_DECLS

/* Pure operations on arrays of TocsinShift (GPtrArray with g_object_unref as
 * free func). "now" is always a parameter so the results are reproducible. */

GPtrArray  *tocsin_shifts_merge          (GPtrArray  *shifts);
GPtrArray  *tocsin_shifts_clip           (GPtrArray  *shifts,
                                          GDateTime  *from,
                                          GDateTime  *to);
GListModel *tocsin_shifts_group_by_day   (GPtrArray  *shifts,
                                          GTimeZone  *local_zone);
GPtrArray  *tocsin_shifts_for_user       (GPtrArray  *shifts,
                                          const char *account_id,
                                          GDateTime  *now);
GDateTime  *tocsin_shifts_on_call_until  (GPtrArray  *shifts,
                                          GDateTime  *now);
GDateTime  *tocsin_shifts_next_start     (GPtrArray  *shifts,
                                          GDateTime  *now);
GDateTime  *tocsin_shifts_next_boundary  (GPtrArray  *shifts,
                                          GDateTime  *now);
char       *tocsin_shifts_format_summary (GPtrArray  *my_shifts,
                                          GDateTime  *now,
                                          GTimeZone  *local_zone,
                                          gboolean   *on_call_now);

G_END_DECLS
