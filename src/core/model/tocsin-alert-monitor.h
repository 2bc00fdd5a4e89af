/* tocsin-alert-monitor.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-alert-api.h"
#include "tocsin-alert-list.h"
#include "tocsin-ops-client.h"

G_BEGIN_DECLS

/* Keeps a TocsinAlertList in step with the server: polls every
 * poll-interval seconds while active, pages through everything `query`
 * matches, refreshes at once on request, on network changes and on resume
 * from suspend, and pauses while offline. Runs actions with a per-alert
 * pending state and an optimistic update that is reverted on failure.
 *
 * Properties: client (construct-only), list (read-only), query, owners
 * (keep only alerts whose owner is one of these; NULL = all), poll-interval
 * (seconds, 0 = no polling), active, loading, error (GError, NULL when the
 * last refresh worked), offline, open-unacknowledged-count (server-wide
 * count for "status:open AND acknowledged:false"), total (alerts matching
 * the query), truncated (more than the 20,000 window), last-refresh,
 * cached (the list holds what tocsin_alert_monitor_seed() gave it, from the
 * cache, until the first refresh lands). */

typedef enum {
  TOCSIN_ALERT_PRESET_OPEN,
  TOCSIN_ALERT_PRESET_UNACKNOWLEDGED,
  TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME,
  TOCSIN_ALERT_PRESET_HIGH_PRIORITY,     /* P1–P2 */
  TOCSIN_ALERT_PRESET_ALL,
} TocsinAlertPreset;

#define TOCSIN_ALERT_QUERY_OPEN_UNACKNOWLEDGED "status:open AND acknowledged:false"

#define TOCSIN_TYPE_ALERT_MONITOR (tocsin_alert_monitor_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlertMonitor, tocsin_alert_monitor, TOCSIN, ALERT_MONITOR, GObject)

/* The JSM query for a preset. "Assigned to me" is "status:open" together
 * with the monitor's owners (see tocsin_alert_monitor_set_owners()). */
char               *tocsin_alert_preset_query                  (TocsinAlertPreset     preset);

TocsinAlertMonitor *tocsin_alert_monitor_new                   (TocsinOpsClient      *client);

TocsinOpsClient    *tocsin_alert_monitor_get_client            (TocsinAlertMonitor   *self);
TocsinAlertList    *tocsin_alert_monitor_get_list              (TocsinAlertMonitor   *self);
const char         *tocsin_alert_monitor_get_query             (TocsinAlertMonitor   *self);
void                tocsin_alert_monitor_set_query             (TocsinAlertMonitor   *self,
                                                                const char           *query);
const char * const *tocsin_alert_monitor_get_owners            (TocsinAlertMonitor   *self);
void                tocsin_alert_monitor_set_owners            (TocsinAlertMonitor   *self,
                                                                const char * const   *owners);
guint               tocsin_alert_monitor_get_poll_interval     (TocsinAlertMonitor   *self);
void                tocsin_alert_monitor_set_poll_interval     (TocsinAlertMonitor   *self,
                                                                guint                 seconds);
gboolean            tocsin_alert_monitor_get_active            (TocsinAlertMonitor   *self);
void                tocsin_alert_monitor_set_active            (TocsinAlertMonitor   *self,
                                                                gboolean              active);
gboolean            tocsin_alert_monitor_get_loading           (TocsinAlertMonitor   *self);
const GError       *tocsin_alert_monitor_get_error             (TocsinAlertMonitor   *self);
gboolean            tocsin_alert_monitor_get_offline           (TocsinAlertMonitor   *self);
guint               tocsin_alert_monitor_get_open_unacknowledged_count (TocsinAlertMonitor *self);
gint64              tocsin_alert_monitor_get_total             (TocsinAlertMonitor   *self);
gboolean            tocsin_alert_monitor_get_truncated         (TocsinAlertMonitor   *self);
GDateTime          *tocsin_alert_monitor_get_last_refresh      (TocsinAlertMonitor   *self);

void                tocsin_alert_monitor_seed                  (TocsinAlertMonitor   *self,
                                                                GPtrArray            *alerts);
gboolean            tocsin_alert_monitor_get_cached            (TocsinAlertMonitor   *self);
void                tocsin_alert_monitor_set_leader            (TocsinAlertMonitor   *self,
                                                                TocsinAlertMonitor   *leader);

/* Refresh now (a refresh already running is followed by one more). */
void                tocsin_alert_monitor_refresh               (TocsinAlertMonitor   *self);
/* Refresh unless the last one finished less than @max_age_s ago (window focus). */
void                tocsin_alert_monitor_refresh_if_stale      (TocsinAlertMonitor   *self,
                                                                guint                 max_age_s);

/* Runs @action on @alert (see tocsin_alert_api_run_action_async() for @arg
 * and @arg2): sets the alert's pending property, applies the expected
 * change at once, reverts it if the action fails, and refreshes when it is
 * done. The error says why it failed. */
void                tocsin_alert_monitor_run_alert_action_async (TocsinAlertMonitor  *self,
                                                                TocsinAlert          *alert,
                                                                TocsinAlertActionKind action,
                                                                const char           *arg,
                                                                const char           *arg2,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
gboolean            tocsin_alert_monitor_run_alert_action_finish (TocsinAlertMonitor *self,
                                                                GAsyncResult         *result,
                                                                GError              **error);

/* Runs @action on each TocsinAlert of @alerts at once, each as
 * tocsin_alert_monitor_run_alert_action_async() does, and completes when
 * all are done (tocsin-alert-monitor-actions.c). */
void                tocsin_alert_monitor_run_action_async      (TocsinAlertMonitor   *self,
                                                                GPtrArray            *alerts,
                                                                TocsinAlertAction    *action,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
/* TRUE when every alert took the action. Otherwise FALSE with the error of
 * the first alert that failed, that alert in @first_failed and how many
 * failed in @n_failed (both optional). */
gboolean            tocsin_alert_monitor_run_action_finish     (TocsinAlertMonitor   *self,
                                                                GAsyncResult         *result,
                                                                guint                *n_failed,
                                                                TocsinAlert         **first_failed,
                                                                GError              **error);

G_END_DECLS
