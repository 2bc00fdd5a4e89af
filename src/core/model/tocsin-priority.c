/* tocsin-priority.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-priority.h"

G_DEFINE_ENUM_TYPE (TocsinPriority,
                    tocsin_priority,
                    G_DEFINE_ENUM_VALUE (TOCSIN_PRIORITY_P1,
                                         "P1"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_PRIORITY_P2,
                                         "P2"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_PRIORITY_P3,
                                         "P3"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_PRIORITY_P4,
                                         "P4"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_PRIORITY_P5,
                                         "P5"))

G_DEFINE_ENUM_TYPE (TocsinAlarmPriority,
                    tocsin_alarm_priority,
                    G_DEFINE_ENUM_VALUE (TOCSIN_ALARM_PRIORITY_OFF,
                                         "off"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_ALARM_PRIORITY_P1,
                                         "P1"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_ALARM_PRIORITY_P2,
                                         "P2"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_ALARM_PRIORITY_P3,
                                         "P3"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_ALARM_PRIORITY_P4,
                                         "P4"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_ALARM_PRIORITY_P5,
                                         "P5"))
