/* tocsin-alarm.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tocsin-alarm-player.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_ALARM (tocsin_alarm_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlarm, tocsin_alarm, TOCSIN, ALARM, GObject)

TocsinAlarm *tocsin_alarm_new                    (TocsinAlarmPlayer *player);
int          tocsin_alarm_get_min_priority       (TocsinAlarm       *self);
void         tocsin_alarm_set_min_priority       (TocsinAlarm       *self,
                                                  int                priority);
guint        tocsin_alarm_get_repeat_interval    (TocsinAlarm       *self);
void         tocsin_alarm_set_repeat_interval    (TocsinAlarm       *self,
                                                  guint              seconds);
gboolean     tocsin_alarm_get_ringing            (TocsinAlarm       *self);
gboolean     tocsin_alarm_wants                  (TocsinAlarm       *self,
                                                  int                priority);
void         tocsin_alarm_ring                   (TocsinAlarm       *self,
                                                  const char        *alert_id,
                                                  int                priority);
void         tocsin_alarm_forget                 (TocsinAlarm       *self,
                                                  const char        *alert_id);
void         tocsin_alarm_silence                (TocsinAlarm       *self);

G_END_DECLS
