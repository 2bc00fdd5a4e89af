/* tocsin-context.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-alarm.h"
#include "tocsin-alert-monitor.h"
#include "tocsin-auth-session.h"
#include "tocsin-clock.h"
#include "tocsin-config.h"
#include "tocsin-paging-watcher.h"
#include "tocsin-pause.h"
#include "tocsin-schedule-monitor.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_CONTEXT (tocsin_context_get_type ())

G_DECLARE_FINAL_TYPE (TocsinContext, tocsin_context, TOCSIN, CONTEXT, GObject)

TocsinContext         *tocsin_context_new                  (GApplication      *application,
                                                            GSettings         *settings,
                                                            TocsinConfig      *config);
GApplication          *tocsin_context_get_application      (TocsinContext     *self);
GSettings             *tocsin_context_get_settings         (TocsinContext     *self);
TocsinConfig          *tocsin_context_get_config           (TocsinContext     *self);
TocsinAuthSession     *tocsin_context_get_auth_session     (TocsinContext     *self);
TocsinAlertMonitor    *tocsin_context_get_alert_monitor    (TocsinContext     *self);
TocsinScheduleMonitor *tocsin_context_get_schedule_monitor (TocsinContext     *self);
TocsinPagingWatcher   *tocsin_context_get_paging_watcher   (TocsinContext     *self);
TocsinClock           *tocsin_context_get_clock            (TocsinContext     *self);
TocsinPause           *tocsin_context_get_pause            (TocsinContext     *self);
TocsinAlarm           *tocsin_context_get_alarm            (TocsinContext     *self);
const GError          *tocsin_context_get_sign_in_error    (TocsinContext     *self);
void                   tocsin_context_set_sign_in_error    (TocsinContext     *self,
                                                            const GError      *error);
gboolean               tocsin_context_get_choosing_site    (TocsinContext     *self);
gboolean               tocsin_context_get_cached_start     (TocsinContext     *self);
void                   tocsin_context_end_cached_start     (TocsinContext     *self,
                                                            gboolean           keyring_read);
void                   tocsin_context_set_choosing_site    (TocsinContext     *self,
                                                            gboolean           choosing_site);
char                  *tocsin_context_dup_pause_text       (TocsinContext     *self);
void                   tocsin_context_set_window_open      (TocsinContext     *self,
                                                            gboolean           window_open);
void                   tocsin_context_sign_in              (TocsinContext     *self,
                                                            GAppLaunchContext *launch_context);
gboolean               tocsin_context_choose_site          (TocsinContext     *self,
                                                            const char        *site_id);
void                   tocsin_context_retry                (TocsinContext     *self);
void                   tocsin_context_shutdown             (TocsinContext     *self);

G_END_DECLS
