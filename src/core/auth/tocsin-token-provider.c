/* tocsin-token-provider.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "tocsin-token-provider.h"

G_DEFINE_INTERFACE (TocsinTokenProvider, tocsin_token_provider, G_TYPE_OBJECT)

static void
tocsin_token_provider_default_init (TocsinTokenProviderInterface *iface)
{
}

void
tocsin_token_provider_get_access_token_async (TocsinTokenProvider *self,
                                              const char          *rejected_token,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data)
{
  g_return_if_fail (TOCSIN_IS_TOKEN_PROVIDER (self));

  TOCSIN_TOKEN_PROVIDER_GET_IFACE (self)->get_access_token_async (self, rejected_token, cancellable,
                                                                  callback, user_data);
}

char *
tocsin_token_provider_get_access_token_finish (TocsinTokenProvider  *self,
                                               GAsyncResult         *result,
                                               GError              **error)
{
  g_return_val_if_fail (TOCSIN_IS_TOKEN_PROVIDER (self), NULL);

  return TOCSIN_TOKEN_PROVIDER_GET_IFACE (self)->get_access_token_finish (self, result, error);
}
