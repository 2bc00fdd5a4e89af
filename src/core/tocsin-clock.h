/* tocsin-clock.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_CLOCK (tocsin_clock_get_type ())

G_DECLARE_FINAL_TYPE (TocsinClock, tocsin_clock, TOCSIN, CLOCK, GObject)

TocsinClock *tocsin_clock_get_default       (void);
TocsinClock *tocsin_clock_new               (void);
TocsinClock *tocsin_clock_new_with_settings (GSettings   *interface_settings);
gboolean     tocsin_clock_get_use_24h       (TocsinClock *self);
GDateTime   *tocsin_clock_dup_now           (TocsinClock *self);
void         tocsin_clock_resync            (TocsinClock *self);

/* For tests: shifts what the clock takes for now (no tick). */
void         _tocsin_clock_set_offset       (TocsinClock *self,
                                             GTimeSpan    offset);

G_END_DECLS
