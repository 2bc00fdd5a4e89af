/* tocsin-token-store.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsecret/secret.h>

#include "tocsin-token-set.h"

/* The account attribute of a sign-in whose account id could not be read. */
#define TOCSIN_TOKEN_STORE_UNKNOWN_ACCOUNT "unknown"

G_BEGIN_DECLS

const SecretSchema *tocsin_token_store_get_token_schema          (void);
const SecretSchema *tocsin_token_store_get_client_secret_schema  (void);

void                tocsin_token_store_save_full_async           (const char           *auth_server,
                                                                  const char           *client_id,
                                                                  const char           *account,
                                                                  const TocsinTokenSet *tokens,
                                                                  gboolean              may_prompt,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
void                tocsin_token_store_save_async                (const char           *auth_server,
                                                                  const char           *client_id,
                                                                  const char           *account,
                                                                  const TocsinTokenSet *tokens,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean            tocsin_token_store_save_finish               (GAsyncResult         *result,
                                                                  GError              **error);
void                tocsin_token_store_load_async                (const char           *auth_server,
                                                                  const char           *client_id,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
TocsinTokenSet     *tocsin_token_store_load_finish               (GAsyncResult         *result,
                                                                  char                **account,
                                                                  GError              **error);
void                tocsin_token_store_clear_async               (const char           *auth_server,
                                                                  const char           *client_id,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean            tocsin_token_store_clear_finish              (GAsyncResult         *result,
                                                                  GError              **error);

void                tocsin_token_store_save_client_secret_async  (const char           *auth_server,
                                                                  const char           *client_id,
                                                                  const char           *client_secret,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
gboolean            tocsin_token_store_save_client_secret_finish (GAsyncResult         *result,
                                                                  GError              **error);
void                tocsin_token_store_load_client_secret_async  (const char           *auth_server,
                                                                  const char           *client_id,
                                                                  GCancellable         *cancellable,
                                                                  GAsyncReadyCallback   callback,
                                                                  gpointer              user_data);
char               *tocsin_token_store_load_client_secret_finish (GAsyncResult         *result,
                                                                  GError              **error);

G_END_DECLS
