/* tocsin-alerts-page.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-alert-monitor.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_ALERTS_PAGE (tocsin_alerts_page_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlertsPage, tocsin_alerts_page, TOCSIN, ALERTS_PAGE, AdwBin)

/* Properties: context (TocsinContext, nullable, construct-only: the page
 * then shows its "alert-monitor" for its session's account),
 * monitor (TocsinAlertMonitor, nullable, read-write),
 * account-id (the signed-in account for "Assigned to me" and "Assign to me"),
 * account-name (its display name, which the API puts in an alert's owner
 * field),
 * open-unacknowledged-count (read-only; the page also puts it on the badge of
 * the AdwViewStackPage it is the child of). */

TocsinAlertMonitor *tocsin_alerts_page_get_monitor                   (TocsinAlertsPage   *self);
void                tocsin_alerts_page_set_monitor                   (TocsinAlertsPage   *self,
                                                                      TocsinAlertMonitor *monitor);
const char         *tocsin_alerts_page_get_account_id                (TocsinAlertsPage   *self);
void                tocsin_alerts_page_set_account_id                (TocsinAlertsPage   *self,
                                                                      const char         *account_id);
const char         *tocsin_alerts_page_get_account_name              (TocsinAlertsPage   *self);
void                tocsin_alerts_page_set_account_name              (TocsinAlertsPage   *self,
                                                                      const char         *account_name);
guint               tocsin_alerts_page_get_open_unacknowledged_count (TocsinAlertsPage   *self);
gboolean            tocsin_alerts_page_select_alert                  (TocsinAlertsPage   *self,
                                                                      const char         *alert_id);

G_END_DECLS
