/* tocsin-dbus-menu.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_DBUS_MENU (tocsin_dbus_menu_get_type ())

G_DECLARE_FINAL_TYPE (TocsinDBusMenu, tocsin_dbus_menu, TOCSIN, DBUS_MENU, GObject)

TocsinDBusMenu *tocsin_dbus_menu_new          (GDBusConnection *connection,
                                               const char      *object_path,
                                               GMenuModel      *menu,
                                               GActionGroup    *actions);
const char     *tocsin_dbus_menu_get_path     (TocsinDBusMenu  *self);
guint           tocsin_dbus_menu_get_revision (TocsinDBusMenu  *self);

G_END_DECLS
