/* tocsin-callback-server.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-auth-request.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_CALLBACK_SERVER (tocsin_callback_server_get_type ())

G_DECLARE_FINAL_TYPE (TocsinCallbackServer, tocsin_callback_server, TOCSIN, CALLBACK_SERVER, GObject)

gboolean              tocsin_callback_server_handles_uri (const char            *redirect_uri);
TocsinCallbackServer *tocsin_callback_server_new         (TocsinAuthRequest     *request);
gboolean              tocsin_callback_server_start       (TocsinCallbackServer  *self,
                                                          GError               **error);
void                  tocsin_callback_server_stop        (TocsinCallbackServer  *self);
gboolean              tocsin_callback_server_is_running  (TocsinCallbackServer  *self);
guint                 tocsin_callback_server_get_port    (TocsinCallbackServer  *self);
void                  tocsin_callback_server_wait_async  (TocsinCallbackServer  *self,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
char                 *tocsin_callback_server_wait_finish (TocsinCallbackServer  *self,
                                                          GAsyncResult          *result,
                                                          GError               **error);

G_END_DECLS
