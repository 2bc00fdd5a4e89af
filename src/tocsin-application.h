/* tocsin-application.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-alert-notifier.h"
#include "tocsin-auth-session.h"
#include "tocsin-config.h"
#include "tocsin-paging-watcher.h"
#include "tocsin-schedule-monitor.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_APPLICATION (tocsin_application_get_type ())

G_DECLARE_FINAL_TYPE (TocsinApplication, tocsin_application, TOCSIN, APPLICATION, AdwApplication)

TocsinApplication *tocsin_application_new          (void);
const char        *tocsin_application_locale_dir   (void);
GSettings         *tocsin_application_get_settings (TocsinApplication *self);
TocsinConfig      *tocsin_application_get_config   (TocsinApplication *self);

TocsinAuthSession     *tocsin_application_get_auth_session     (TocsinApplication *self);
TocsinAlertMonitor    *tocsin_application_get_alert_monitor    (TocsinApplication *self);
TocsinScheduleMonitor *tocsin_application_get_schedule_monitor (TocsinApplication *self);
TocsinPagingWatcher   *tocsin_application_get_paging_watcher   (TocsinApplication *self);
const GError          *tocsin_application_get_sign_in_error    (TocsinApplication *self);
gboolean               tocsin_application_get_choosing_site    (TocsinApplication *self);
TocsinPause           *tocsin_application_get_pause            (TocsinApplication *self);
TocsinAlarm           *tocsin_application_get_alarm            (TocsinApplication *self);
char                  *tocsin_application_dup_pause_text       (TocsinApplication *self);

G_END_DECLS
