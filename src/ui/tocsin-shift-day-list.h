/* tocsin-shift-day-list.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_SHIFT_DAY_LIST (tocsin_shift_day_list_get_type ())

G_DECLARE_FINAL_TYPE (TocsinShiftDayList, tocsin_shift_day_list, TOCSIN, SHIFT_DAY_LIST, GtkBox)

guint tocsin_shift_day_list_show           (TocsinShiftDayList *self,
                                            GListModel         *days);
void  tocsin_shift_day_list_update_current (TocsinShiftDayList *self,
                                            GDateTime          *now);

G_END_DECLS
