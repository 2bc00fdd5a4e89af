/* tocsin-status-icon.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_STATUS_ICON (tocsin_status_icon_get_type ())

G_DECLARE_FINAL_TYPE (TocsinStatusIcon, tocsin_status_icon, TOCSIN, STATUS_ICON, GObject)

TocsinStatusIcon *tocsin_status_icon_new                 (GDBusConnection  *connection,
                                                          const char       *id,
                                                          const char       *icon_name);
gboolean          tocsin_status_icon_get_registered      (TocsinStatusIcon *self);
const char       *tocsin_status_icon_get_tooltip         (TocsinStatusIcon *self);
void              tocsin_status_icon_set_tooltip         (TocsinStatusIcon *self,
                                                          const char       *tooltip);
gboolean          tocsin_status_icon_get_needs_attention (TocsinStatusIcon *self);
void              tocsin_status_icon_set_needs_attention (TocsinStatusIcon *self,
                                                          gboolean          needs_attention);
void              tocsin_status_icon_set_menu            (TocsinStatusIcon *self,
                                                          GMenuModel       *menu,
                                                          GActionGroup     *actions);

G_END_DECLS
