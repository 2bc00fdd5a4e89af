/* tocsin-client-secret.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

void     tocsin_client_secret_claim_environment (void);

void     tocsin_client_secret_load_async        (const char           *auth_server,
                                                 const char           *client_id,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char    *tocsin_client_secret_load_finish       (GAsyncResult         *result,
                                                 GError              **error);
void     tocsin_client_secret_free              (char                 *secret);

GError  *tocsin_client_secret_missing_error     (const char           *redirect_uri);

G_END_DECLS
