/* tocsin-alert-monitor-private.h: what the alert monitor's files share
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tocsin-alert-monitor.h"
#include "tocsin-alert-pass.h"
#include "tocsin-reachability.h"

G_BEGIN_DECLS

struct _TocsinAlertMonitor
{
  GObject             parent_instance;

  TocsinOpsClient    *client;
  TocsinAlertService *service;
  TocsinReachability *reachability;
  TocsinAlertList    *list;
  char               *query;
  GStrv               owners;
  guint               poll_interval;
  gboolean            active;
  gboolean            loading;
  GError             *error;
  gboolean            offline;
  guint               open_unacknowledged;
  gint64              total;
  gboolean            truncated;
  GDateTime          *last_refresh;
  gint64              last_refresh_us;
  gboolean            cached;          /* showing the cache until a refresh lands */
  /* Polls the same alerts: while the query is the same, its answers are ours. */
  TocsinAlertMonitor *leader;

  GCancellable       *refresh_cancellable;
  guint               refresh_parts;   /* the list and the count, while loading */
  gboolean            refresh_again;
  guint               poll_source;
  gboolean            poll_due;
  TocsinAlertPass     pass;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_MODEL,
  PROP_QUERY,
  PROP_OWNERS,
  PROP_INTERVAL,
  PROP_ACTIVE,
  PROP_LOADING,
  PROP_ERROR,
  PROP_OFFLINE,
  PROP_OPEN_UNACKNOWLEDGED_COUNT,
  PROP_TOTAL,
  PROP_TRUNCATED,
  PROP_LAST_REFRESH,
  PROP_CACHED,
  N_PROPS
};

extern GParamSpec *_tocsin_alert_monitor_properties [N_PROPS];

void     _tocsin_alert_monitor_set_loading             (TocsinAlertMonitor *self,
                                                        gboolean            loading);
void     _tocsin_alert_monitor_set_error               (TocsinAlertMonitor *self,
                                                        const GError       *error);
void     _tocsin_alert_monitor_set_open_unacknowledged (TocsinAlertMonitor *self,
                                                        gint64              count);
void     _tocsin_alert_monitor_start_refresh           (TocsinAlertMonitor *self);
void     _tocsin_alert_monitor_applied_cb              (GObject            *source,
                                                        GAsyncResult       *result,
                                                        gpointer            user_data);
gboolean _tocsin_alert_monitor_follows_leader          (TocsinAlertMonitor *self);

G_END_DECLS
