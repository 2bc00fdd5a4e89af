/* tocsin-health-notifier.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-alert-notifier.h"
#include "tocsin-paging-watcher.h"

G_BEGIN_DECLS

#define TOCSIN_HEALTH_NOTIFIER_NOTIFICATION_ID "health-stale"

#define TOCSIN_TYPE_HEALTH_NOTIFIER (tocsin_health_notifier_get_type ())

G_DECLARE_FINAL_TYPE (TocsinHealthNotifier, tocsin_health_notifier, TOCSIN, HEALTH_NOTIFIER, GObject)

TocsinHealthNotifier *tocsin_health_notifier_new             (GApplication         *application,
                                                              TocsinPagingWatcher  *watcher,
                                                              TocsinAlertNotifier  *notifier);
gboolean              tocsin_health_notifier_get_window_open (TocsinHealthNotifier *self);
void                  tocsin_health_notifier_set_window_open (TocsinHealthNotifier *self,
                                                              gboolean              window_open);
char                 *tocsin_health_describe                 (TocsinHealth          health,
                                                              GDateTime            *stale_since);

G_END_DECLS
