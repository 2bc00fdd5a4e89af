/* tocsin-schedules-page.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_SCHEDULES_PAGE (tocsin_schedules_page_get_type ())

G_DECLARE_FINAL_TYPE (TocsinSchedulesPage, tocsin_schedules_page, TOCSIN, SCHEDULES_PAGE, AdwBin)

G_END_DECLS
