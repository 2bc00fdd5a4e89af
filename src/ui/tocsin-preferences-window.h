/* tocsin-preferences-window.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_PREFERENCES_WINDOW (tocsin_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TocsinPreferencesWindow, tocsin_preferences_window, TOCSIN, PREFERENCES_WINDOW, AdwPreferencesWindow)

TocsinPreferencesWindow *tocsin_preferences_window_new (GSettings *settings);

G_END_DECLS
