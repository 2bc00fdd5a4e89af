/* tocsin-token-provider.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the API client needs from the sign-in layer: a current access token,
 * and a fresh one after the server refused the current one. The auth session
 * implements it; tests may implement it with a fixed token. */

#define TOCSIN_TYPE_TOKEN_PROVIDER (tocsin_token_provider_get_type ())

G_DECLARE_INTERFACE (TocsinTokenProvider, tocsin_token_provider, TOCSIN, TOKEN_PROVIDER, GObject)

struct _TocsinTokenProviderInterface
{
  GTypeInterface parent_iface;

  void   (*get_access_token_async)  (TocsinTokenProvider  *self,
                                     const char           *rejected_token,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
  char * (*get_access_token_finish) (TocsinTokenProvider  *self,
                                     GAsyncResult         *result,
                                     GError              **error);
};

/* @rejected_token: (nullable): the token a server just answered 401 to; the
 * provider refreshes (once, shared by all callers) unless it already holds a
 * newer token. %NULL asks for the current token, refreshed if it is about to
 * expire. */
void  tocsin_token_provider_get_access_token_async  (TocsinTokenProvider  *self,
                                                     const char           *rejected_token,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
char *tocsin_token_provider_get_access_token_finish (TocsinTokenProvider  *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
