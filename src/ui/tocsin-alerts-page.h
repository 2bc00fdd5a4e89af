/* tocsin-alerts-page.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_ALERTS_PAGE (tocsin_alerts_page_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAlertsPage, tocsin_alerts_page, TOCSIN, ALERTS_PAGE, AdwBin)

G_END_DECLS
