/* tocsin-shift-row.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-shift.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_SHIFT_ROW (tocsin_shift_row_get_type ())

G_DECLARE_FINAL_TYPE (TocsinShiftRow, tocsin_shift_row, TOCSIN, SHIFT_ROW, GtkListBoxRow)

GtkWidget   *tocsin_shift_row_new           (TocsinShift    *shift,
                                             gboolean        show_schedule);
TocsinShift *tocsin_shift_row_get_shift     (TocsinShiftRow *self);
void         tocsin_shift_row_set_shift     (TocsinShiftRow *self,
                                             TocsinShift    *shift);
gboolean     tocsin_shift_row_get_current   (TocsinShiftRow *self);
void         tocsin_shift_row_set_current   (TocsinShiftRow *self,
                                             gboolean        current);

G_END_DECLS
