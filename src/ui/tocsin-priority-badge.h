/* tocsin-priority-badge.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_PRIORITY_BADGE (tocsin_priority_badge_get_type ())

G_DECLARE_FINAL_TYPE (TocsinPriorityBadge, tocsin_priority_badge, TOCSIN, PRIORITY_BADGE, GtkWidget)

/* An alert's priority as a coloured "P1" … "P5" badge, with a spinner while
 * an action on the alert is pending. Properties: priority (1 to 5; 0 shows
 * nothing), pending. */

GtkWidget *tocsin_priority_badge_new          (void);
int        tocsin_priority_badge_get_priority (TocsinPriorityBadge *self);
void       tocsin_priority_badge_set_priority (TocsinPriorityBadge *self,
                                               int                  priority);
gboolean   tocsin_priority_badge_get_pending  (TocsinPriorityBadge *self);
void       tocsin_priority_badge_set_pending  (TocsinPriorityBadge *self,
                                               gboolean             pending);
char      *tocsin_priority_badge_dup_tooltip  (TocsinPriorityBadge *self);

G_END_DECLS
