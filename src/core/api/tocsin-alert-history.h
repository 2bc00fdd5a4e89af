/* tocsin-alert-history.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-alert-entry.h"
#include "tocsin-alert-service.h"

G_BEGIN_DECLS

/* An alert's notes and activity log as one list of TocsinAlertEntry, newest
 * first, loaded page by page through the alert API. */

#define TOCSIN_TYPE_ALERT_HISTORY (tocsin_alert_history_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlertHistory, tocsin_alert_history, TOCSIN, ALERT_HISTORY, GObject)

TocsinAlertHistory *tocsin_alert_history_new                   (TocsinAlertService *service,
                                                                const char         *alert_id);
TocsinAlertService *tocsin_alert_history_get_service            (TocsinAlertHistory *self);
const char         *tocsin_alert_history_get_alert_id          (TocsinAlertHistory *self);
gboolean            tocsin_alert_history_get_loading           (TocsinAlertHistory *self);
const GError       *tocsin_alert_history_get_error             (TocsinAlertHistory *self);
const GError       *tocsin_alert_history_get_notes_error       (TocsinAlertHistory *self);
const GError       *tocsin_alert_history_get_activity_error    (TocsinAlertHistory *self);
gboolean            tocsin_alert_history_get_has_more_notes    (TocsinAlertHistory *self);
gboolean            tocsin_alert_history_get_has_more_activity (TocsinAlertHistory *self);
gboolean            tocsin_alert_history_is_note               (TocsinAlertHistory *self,
                                                                TocsinAlertEntry   *entry);
void                tocsin_alert_history_reload                (TocsinAlertHistory *self);
void                tocsin_alert_history_load_more_notes       (TocsinAlertHistory *self);
void                tocsin_alert_history_load_more_activity    (TocsinAlertHistory *self);

G_END_DECLS
