/* tocsin-priority.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* An alert priority as a setting; the nicks are the GSettings enum's
 * ("P1".."P5"), so a setting stored before reads back unchanged. */
typedef enum {
  TOCSIN_PRIORITY_P1 = 1,
  TOCSIN_PRIORITY_P2 = 2,
  TOCSIN_PRIORITY_P3 = 3,
  TOCSIN_PRIORITY_P4 = 4,
  TOCSIN_PRIORITY_P5 = 5,
} TocsinPriority;

/* The lowest priority that rings the alarm, or none ("off"). */
typedef enum {
  TOCSIN_ALARM_PRIORITY_OFF = 0,
  TOCSIN_ALARM_PRIORITY_P1 = 1,
  TOCSIN_ALARM_PRIORITY_P2 = 2,
  TOCSIN_ALARM_PRIORITY_P3 = 3,
  TOCSIN_ALARM_PRIORITY_P4 = 4,
  TOCSIN_ALARM_PRIORITY_P5 = 5,
} TocsinAlarmPriority;

#define TOCSIN_TYPE_PRIORITY (tocsin_priority_get_type ())
#define TOCSIN_TYPE_ALARM_PRIORITY (tocsin_alarm_priority_get_type ())

GType tocsin_priority_get_type       (void) G_GNUC_CONST;
GType tocsin_alarm_priority_get_type (void) G_GNUC_CONST;

G_END_DECLS
