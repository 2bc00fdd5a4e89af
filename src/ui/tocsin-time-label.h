/* tocsin-time-label.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_TIME_LABEL (tocsin_time_label_get_type ())

G_DECLARE_FINAL_TYPE (TocsinTimeLabel, tocsin_time_label, TOCSIN, TIME_LABEL, GtkWidget)

/* A time as "5 minutes ago", kept current every minute while shown, with
 * the date and time as its tooltip. Property: datetime (nullable). */

GtkWidget *tocsin_time_label_new          (void);
GDateTime *tocsin_time_label_get_datetime (TocsinTimeLabel *self);
void       tocsin_time_label_set_datetime (TocsinTimeLabel *self,
                                           GDateTime       *datetime);
const char *tocsin_time_label_get_text    (TocsinTimeLabel *self);

G_END_DECLS
