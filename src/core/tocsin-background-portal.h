/* tocsin-background-portal.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean tocsin_background_portal_is_sandboxed (void);
void     tocsin_background_portal_request_async  (GDBusConnection      *bus,
                                                  const char           *reason,
                                                  gboolean              autostart,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean tocsin_background_portal_request_finish (GAsyncResult         *result,
                                                  gboolean             *allowed,
                                                  GError              **error);

G_END_DECLS
