/* tocsin-window.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-context.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_WINDOW (tocsin_window_get_type ())

G_DECLARE_FINAL_TYPE (TocsinWindow, tocsin_window, TOCSIN, WINDOW, AdwApplicationWindow)

TocsinWindow *tocsin_window_new           (GtkApplication *application,
                                           TocsinContext  *context);
void          tocsin_window_add_toast     (TocsinWindow   *self,
                                           AdwToast       *toast);
gboolean      tocsin_window_get_signed_in (TocsinWindow   *self);
void          tocsin_window_set_signed_in (TocsinWindow   *self,
                                           gboolean        signed_in);
void          tocsin_window_show_alert    (TocsinWindow   *self,
                                           const char     *alert_id);

G_END_DECLS
