/* tocsin-auth-session.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "tocsin-account-state.h"
#include "tocsin-auth-error.h"
#include "tocsin-config.h"
#include "tocsin-site.h"
#include "tocsin-token-provider.h"

G_BEGIN_DECLS

typedef enum
{
  TOCSIN_AUTH_STATE_SIGNED_OUT,
  TOCSIN_AUTH_STATE_SIGNING_IN,
  TOCSIN_AUTH_STATE_SIGNED_IN,
  TOCSIN_AUTH_STATE_NEEDS_REAUTH,
} TocsinAuthState;

#define TOCSIN_TYPE_AUTH_STATE (tocsin_auth_state_get_type ())
GType tocsin_auth_state_get_type (void) G_GNUC_CONST;

#define TOCSIN_TYPE_AUTH_SESSION (tocsin_auth_session_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAuthSession, tocsin_auth_session, TOCSIN, AUTH_SESSION, GObject)

void               tocsin_auth_session_claim_environment    (void);

TocsinAuthSession *tocsin_auth_session_new                  (TocsinConfig         *config);

TocsinAuthState    tocsin_auth_session_get_state            (TocsinAuthSession    *self);
GListModel        *tocsin_auth_session_get_sites            (TocsinAuthSession    *self);
TocsinSite        *tocsin_auth_session_get_current_site     (TocsinAuthSession    *self);
void               tocsin_auth_session_set_current_site     (TocsinAuthSession    *self,
                                                             TocsinSite           *site);
const char        *tocsin_auth_session_get_account_id       (TocsinAuthSession    *self);
const char        *tocsin_auth_session_get_account_name     (TocsinAuthSession    *self);
const char        *tocsin_auth_session_get_authorize_uri    (TocsinAuthSession    *self);
gboolean           tocsin_auth_session_get_keyring_unsaved  (TocsinAuthSession    *self);
gboolean           tocsin_auth_session_get_use_pkce         (TocsinAuthSession    *self);
void               tocsin_auth_session_set_use_pkce         (TocsinAuthSession    *self,
                                                             gboolean              use_pkce);
gboolean           tocsin_auth_session_get_launch_browser   (TocsinAuthSession    *self);
void               tocsin_auth_session_set_launch_browser   (TocsinAuthSession    *self,
                                                             gboolean              launch_browser);
char              *tocsin_auth_session_dup_state_file_path  (TocsinAuthSession    *self);
TocsinAccountState *tocsin_auth_session_get_account_state   (TocsinAuthSession    *self);

#define TOCSIN_AUTH_SESSION_DEFAULT_TIMEOUT 30
void               tocsin_auth_session_set_request_timeout  (TocsinAuthSession    *self,
                                                             guint                 seconds);

void               tocsin_auth_session_sign_in_async        (TocsinAuthSession    *self,
                                                             GAppLaunchContext    *launch_context,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           tocsin_auth_session_sign_in_finish       (TocsinAuthSession    *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void               tocsin_auth_session_cancel               (TocsinAuthSession    *self);
gboolean           tocsin_auth_session_submit_callback_uri  (TocsinAuthSession    *self,
                                                             const char           *uri,
                                                             GError              **error);
gboolean           tocsin_auth_session_handle_callback_uri  (TocsinAuthSession    *self,
                                                             const char           *uri);

void               tocsin_auth_session_restore_async        (TocsinAuthSession    *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           tocsin_auth_session_restore_finish       (TocsinAuthSession    *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
void               tocsin_auth_session_sign_out_async       (TocsinAuthSession    *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           tocsin_auth_session_sign_out_finish      (TocsinAuthSession    *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);

void               tocsin_auth_session_set_client_secret_async  (TocsinAuthSession *self,
                                                                 const char        *client_secret,
                                                                 GCancellable      *cancellable,
                                                                 GAsyncReadyCallback callback,
                                                                 gpointer           user_data);
gboolean           tocsin_auth_session_set_client_secret_finish (TocsinAuthSession *self,
                                                                 GAsyncResult      *result,
                                                                 GError           **error);

G_END_DECLS
