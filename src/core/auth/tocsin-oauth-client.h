/* tocsin-oauth-client.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "tocsin-token-set.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_OAUTH_CLIENT (tocsin_oauth_client_get_type ())

G_DECLARE_FINAL_TYPE (TocsinOAuthClient, tocsin_oauth_client, TOCSIN, OAUTH_CLIENT, GObject)

TocsinOAuthClient *tocsin_oauth_client_new                 (SoupSession          *session,
                                                            const char           *auth_base_url,
                                                            const char           *api_base_url,
                                                            const char           *client_id,
                                                            const char           *client_secret);
void               tocsin_oauth_client_exchange_code_async (TocsinOAuthClient    *self,
                                                            const char           *code,
                                                            const char           *redirect_uri,
                                                            const char           *code_verifier,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
TocsinTokenSet    *tocsin_oauth_client_exchange_code_finish (TocsinOAuthClient   *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void               tocsin_oauth_client_refresh_async       (TocsinOAuthClient    *self,
                                                            const char           *refresh_token,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
TocsinTokenSet    *tocsin_oauth_client_refresh_finish      (TocsinOAuthClient    *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void               tocsin_oauth_client_get_sites_async     (TocsinOAuthClient    *self,
                                                            const char           *access_token,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray         *tocsin_oauth_client_get_sites_finish    (TocsinOAuthClient    *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void               tocsin_oauth_client_get_myself_async    (TocsinOAuthClient    *self,
                                                            const char           *access_token,
                                                            const char           *cloud_id,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
char              *tocsin_oauth_client_get_myself_finish   (TocsinOAuthClient    *self,
                                                            GAsyncResult         *result,
                                                            char                **display_name,
                                                            GError              **error);

TocsinTokenSet    *tocsin_oauth_client_parse_token_response (guint               status,
                                                            GBytes              *body,
                                                            gboolean             refresh,
                                                            GError             **error);

G_END_DECLS
