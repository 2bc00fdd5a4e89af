/* tocsin-sign-in-flow.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "tocsin-oauth-client.h"
#include "tocsin-token-set.h"

G_BEGIN_DECLS

typedef enum
{
  TOCSIN_SIGN_IN_FLOW_DEFAULT    = 0,
  TOCSIN_SIGN_IN_FLOW_NO_PKCE    = 1 << 0, /* never send a PKCE challenge */
  TOCSIN_SIGN_IN_FLOW_NO_BROWSER = 1 << 1, /* the caller plays the browser */
} TocsinSignInFlowFlags;

#define TOCSIN_TYPE_SIGN_IN_FLOW (tocsin_sign_in_flow_get_type ())

G_DECLARE_FINAL_TYPE (TocsinSignInFlow, tocsin_sign_in_flow, TOCSIN, SIGN_IN_FLOW, GObject)

TocsinSignInFlow  *tocsin_sign_in_flow_new                 (SoupSession            *http,
                                                            const char             *auth_server,
                                                            const char             *api_base,
                                                            const char             *client_id,
                                                            const char             *redirect_uri,
                                                            TocsinSignInFlowFlags   flags,
                                                            GError                **error);

void               tocsin_sign_in_flow_run_async           (TocsinSignInFlow       *self,
                                                            GAppLaunchContext      *launch_context,
                                                            GCancellable           *cancellable,
                                                            GAsyncReadyCallback     callback,
                                                            gpointer                user_data);
gboolean           tocsin_sign_in_flow_run_finish          (TocsinSignInFlow       *self,
                                                            GAsyncResult           *result,
                                                            GError                **error);
void               tocsin_sign_in_flow_cancel              (TocsinSignInFlow       *self);

const char        *tocsin_sign_in_flow_get_authorize_uri   (TocsinSignInFlow       *self);
gboolean           tocsin_sign_in_flow_claims_uri          (TocsinSignInFlow       *self,
                                                            const char             *uri);
gboolean           tocsin_sign_in_flow_submit_callback_uri (TocsinSignInFlow       *self,
                                                            const char             *uri,
                                                            GError                **error);

const char        *tocsin_sign_in_flow_get_auth_server     (TocsinSignInFlow       *self);
const char        *tocsin_sign_in_flow_get_api_base        (TocsinSignInFlow       *self);
const char        *tocsin_sign_in_flow_get_client_id       (TocsinSignInFlow       *self);

/* What a finished sign-in brings. */
TocsinOAuthClient *tocsin_sign_in_flow_get_client          (TocsinSignInFlow       *self);
TocsinTokenSet    *tocsin_sign_in_flow_steal_tokens        (TocsinSignInFlow       *self);
GPtrArray         *tocsin_sign_in_flow_get_sites           (TocsinSignInFlow       *self);
const char        *tocsin_sign_in_flow_get_account_id      (TocsinSignInFlow       *self);
const char        *tocsin_sign_in_flow_get_account_name    (TocsinSignInFlow       *self);

G_END_DECLS
