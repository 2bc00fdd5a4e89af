/* tocsin-autostart.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *tocsin_autostart_dup_path    (const char  *app_id);
gboolean  tocsin_autostart_set_enabled (const char  *app_id,
                                        const char  *name,
                                        gboolean     enabled,
                                        GError     **error);

G_END_DECLS
