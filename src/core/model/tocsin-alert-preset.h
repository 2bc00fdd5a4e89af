/* tocsin-alert-preset.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "tocsin-alert.h"

G_BEGIN_DECLS

/* The alert list's preset queries (Open, Unacknowledged, Assigned to Me,
 * P1–P2, All), in JSM's query syntax, and what a fetched list can tell
 * about them without asking the server again. */

typedef enum {
  TOCSIN_ALERT_PRESET_OPEN,
  TOCSIN_ALERT_PRESET_UNACKNOWLEDGED,
  TOCSIN_ALERT_PRESET_ASSIGNED_TO_ME,
  TOCSIN_ALERT_PRESET_HIGH_PRIORITY,     /* P1–P2 */
  TOCSIN_ALERT_PRESET_ALL,
} TocsinAlertPreset;

#define TOCSIN_ALERT_QUERY_OPEN_UNACKNOWLEDGED "status:open AND acknowledged:false"

/* The JSM query for a preset. "Assigned to me" is "status:open" together
 * with the monitor's owners (see tocsin_alert_monitor_set_owners()). */
char      *tocsin_alert_preset_query                     (TocsinAlertPreset   preset);

gboolean   tocsin_alert_query_covers_open_unacknowledged (const char         *query);
guint      tocsin_alert_count_open_unacknowledged        (GPtrArray          *alerts);
GPtrArray *tocsin_alert_filter_owners                    (GPtrArray          *alerts,
                                                          const char * const *owners);

G_END_DECLS
