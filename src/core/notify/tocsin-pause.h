/* tocsin-pause.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_PAUSE (tocsin_pause_get_type ())

G_DECLARE_FINAL_TYPE (TocsinPause, tocsin_pause, TOCSIN, PAUSE, GObject)

TocsinPause *tocsin_pause_new                   (void);
void         tocsin_pause_pause_until           (TocsinPause *self,
                                                 GDateTime   *until);
void         tocsin_pause_resume                (TocsinPause *self);
gboolean     tocsin_pause_get_paused            (TocsinPause *self);
GDateTime   *tocsin_pause_get_until             (TocsinPause *self);
gboolean     tocsin_pause_get_p1_breaks_through (TocsinPause *self);
void         tocsin_pause_set_p1_breaks_through (TocsinPause *self,
                                                 gboolean     breaks_through);
gboolean     tocsin_pause_lets_through          (TocsinPause *self,
                                                 int          priority);
GDateTime   *tocsin_pause_next_morning          (GDateTime   *now);

G_END_DECLS
