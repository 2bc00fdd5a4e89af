/* tocsin-ui-utils.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-date-utils.h"

G_BEGIN_DECLS

/* Helpers of the widget side that the core may not have: here, reading the
 * desktop's settings. */

GSettings         *tocsin_ui_desktop_settings_new (void);
TocsinClockFormat  tocsin_ui_get_clock_format     (GSettings *desktop_settings);

G_END_DECLS
