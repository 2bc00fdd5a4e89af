/* tocsin-shift-day.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-shift.h"

G_BEGIN_DECLS

/* The shifts that start on one day of the user's calendar. */

#define TOCSIN_TYPE_SHIFT_DAY (tocsin_shift_day_get_type ())

G_DECLARE_FINAL_TYPE (TocsinShiftDay, tocsin_shift_day, TOCSIN, SHIFT_DAY, GObject)

TocsinShiftDay *tocsin_shift_day_new        (GDateTime      *day);
GDateTime      *tocsin_shift_day_get_day    (TocsinShiftDay *self);
char           *tocsin_shift_day_get_label  (TocsinShiftDay *self);
GListModel     *tocsin_shift_day_get_shifts (TocsinShiftDay *self);
void            tocsin_shift_day_add        (TocsinShiftDay *self,
                                             TocsinShift    *shift);

G_END_DECLS
