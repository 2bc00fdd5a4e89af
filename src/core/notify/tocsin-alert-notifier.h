/* tocsin-alert-notifier.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-alarm.h"
#include "tocsin-pause.h"

G_BEGIN_DECLS

/* More new alerts than this in one scan become one summary notification. */
#define TOCSIN_ALERT_NOTIFIER_STORM_THRESHOLD 5

#define TOCSIN_TYPE_ALERT_NOTIFIER (tocsin_alert_notifier_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlertNotifier, tocsin_alert_notifier, TOCSIN, ALERT_NOTIFIER, GObject)

TocsinAlertNotifier *tocsin_alert_notifier_new              (GApplication        *application,
                                                             GListModel          *alerts,
                                                             const char          *state_path);
int                  tocsin_alert_notifier_get_min_priority (TocsinAlertNotifier *self);
void                 tocsin_alert_notifier_set_min_priority (TocsinAlertNotifier *self,
                                                             int                  priority);
gboolean             tocsin_alert_notifier_get_enabled      (TocsinAlertNotifier *self);
void                 tocsin_alert_notifier_set_enabled      (TocsinAlertNotifier *self,
                                                             gboolean             enabled);
void                 tocsin_alert_notifier_scan             (TocsinAlertNotifier *self);
void                 tocsin_alert_notifier_catch_up         (TocsinAlertNotifier *self);
char                *tocsin_alert_notifier_notification_id  (const char          *alert_id);
char                *tocsin_alert_notifier_escape_body      (const char          *text);
void                 tocsin_alert_notifier_set_pause        (TocsinAlertNotifier *self,
                                                             TocsinPause         *pause);
void                 tocsin_alert_notifier_set_alarm        (TocsinAlertNotifier *self,
                                                             TocsinAlarm         *alarm);

G_END_DECLS
