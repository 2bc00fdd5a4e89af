/* tocsin-alert-details.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-alert.h"
#include "tocsin-alert-service.h"
#include "tocsin-date-utils.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_ALERT_DETAILS (tocsin_alert_details_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlertDetails, tocsin_alert_details, TOCSIN, ALERT_DETAILS, AdwBin)

/* Properties: alert (TocsinAlert, nullable), service (TocsinAlertService
 * for notes and the activity log, nullable), n-selected (how many alerts are
 * selected; the pane shows a summary instead of one alert when not 1). */

TocsinAlert *tocsin_alert_details_get_alert      (TocsinAlertDetails *self);
void         tocsin_alert_details_set_alert      (TocsinAlertDetails *self,
                                                  TocsinAlert        *alert);
void         tocsin_alert_details_set_service    (TocsinAlertDetails *self,
                                                  TocsinAlertService *service);
void         tocsin_alert_details_set_n_selected (TocsinAlertDetails *self,
                                                  guint               n_selected);
/* Fetches notes and the activity log again from the first page. */
void         tocsin_alert_details_reload         (TocsinAlertDetails *self);

G_END_DECLS
