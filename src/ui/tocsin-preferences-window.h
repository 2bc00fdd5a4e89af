/* tocsin-preferences-window.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-auth-session.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_PREFERENCES_WINDOW (tocsin_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (TocsinPreferencesWindow, tocsin_preferences_window, TOCSIN, PREFERENCES_WINDOW, AdwPreferencesWindow)

TocsinPreferencesWindow *tocsin_preferences_window_new              (GSettings               *settings);
void                     tocsin_preferences_window_set_auth_session (TocsinPreferencesWindow *self,
                                                                     TocsinAuthSession       *session);

G_END_DECLS
