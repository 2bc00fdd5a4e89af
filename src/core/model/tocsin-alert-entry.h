/* tocsin-alert-entry.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One note or activity-log line of an alert, for the details pane. kind is "note" for notes and the logType for log lines; time is createdAt / logTime. Immutable; all properties construct-only. */

#define TOCSIN_TYPE_ALERT_ENTRY (tocsin_alert_entry_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlertEntry, tocsin_alert_entry, TOCSIN, ALERT_ENTRY, GObject)

const char *tocsin_alert_entry_get_id (TocsinAlertEntry *self);
const char *tocsin_alert_entry_get_kind (TocsinAlertEntry *self);
const char *tocsin_alert_entry_get_text (TocsinAlertEntry *self);
const char *tocsin_alert_entry_get_owner (TocsinAlertEntry *self);
GDateTime  *tocsin_alert_entry_get_time (TocsinAlertEntry *self);
GDateTime  *tocsin_alert_entry_get_updated_at (TocsinAlertEntry *self);

G_END_DECLS
