/* tocsin-context-private.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tocsin-alert-notifier.h"
#include "tocsin-cache.h"
#include "tocsin-context.h"
#include "tocsin-health-notifier.h"
#include "tocsin-status-icon.h"

G_BEGIN_DECLS

struct _TocsinContext
{
  GObject                parent_instance;

  GApplication          *application;   /* borrowed: it owns the context */
  GSettings             *settings;
  TocsinConfig          *config;
  TocsinAuthSession     *session;
  TocsinClock           *clock;
  TocsinPause           *pause;
  TocsinAlarm           *alarm;

  TocsinAlertMonitor    *alert_monitor;
  TocsinScheduleMonitor *schedule_monitor;
  TocsinAlertNotifier   *notifier;
  TocsinPagingWatcher   *watcher;
  TocsinHealthNotifier  *health_notifier;
  TocsinStatusIcon      *status_icon;
  char                  *monitored_site_id;
  char                  *announced_path;
  /* What the window showed, for the next start; per account. */
  TocsinCache           *cache;
  GCancellable          *cache_cancellable;
  /* Showing the last account's cached alerts until the keyring answers;
   * their monitor's token requests wait in held_tokens meanwhile. */
  gboolean               cached_start;
  GPtrArray             *held_tokens;
  gboolean               window_open;

  GError                *sign_in_error;
  gboolean               choosing_site;
};

void _tocsin_context_update_status_icon      (TocsinContext *self);
void _tocsin_context_save_alerts_to_cache    (TocsinContext *self);
void _tocsin_context_seed_schedules          (TocsinContext *self);
void _tocsin_context_update_cache            (TocsinContext *self);
void _tocsin_context_start_cached            (TocsinContext *self);
void _tocsin_context_end_cached_start        (TocsinContext *self);
void _tocsin_context_token_provider_init     (TocsinTokenProviderInterface *iface);
void _tocsin_context_update_status_icon_text (TocsinContext *self);

G_END_DECLS
