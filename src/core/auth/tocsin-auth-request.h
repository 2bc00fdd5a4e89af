/* tocsin-auth-request.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TOCSIN_AUTH_DEFAULT_SCOPES \
  "read:ops-alert:jira-service-management write:ops-alert:jira-service-management " \
  "read:ops-config:jira-service-management read:jira-user offline_access"

/* How long a pending sign-in (and its state) stays valid. */
#define TOCSIN_AUTH_FLOW_LIFETIME_SECONDS (10 * 60)

#define TOCSIN_TYPE_AUTH_REQUEST (tocsin_auth_request_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAuthRequest, tocsin_auth_request, TOCSIN, AUTH_REQUEST, GObject)

TocsinAuthRequest *tocsin_auth_request_new               (const char         *auth_base_url,
                                                          const char         *client_id,
                                                          const char         *redirect_uri,
                                                          const char         *scopes,
                                                          gboolean            use_pkce,
                                                          GError            **error);
const char        *tocsin_auth_request_get_uri           (TocsinAuthRequest  *self);
const char        *tocsin_auth_request_get_state         (TocsinAuthRequest  *self);
const char        *tocsin_auth_request_get_code_verifier (TocsinAuthRequest  *self);
const char        *tocsin_auth_request_get_redirect_uri  (TocsinAuthRequest  *self);
const char        *tocsin_auth_request_get_client_id     (TocsinAuthRequest  *self);
gboolean           tocsin_auth_request_is_expired        (TocsinAuthRequest  *self);
gboolean           tocsin_auth_request_is_used           (TocsinAuthRequest  *self);
char              *tocsin_auth_request_check_callback    (TocsinAuthRequest  *self,
                                                          const char         *uri,
                                                          GError            **error);
void               tocsin_auth_request_expire_for_testing (TocsinAuthRequest *self);

/* Servers that refused PKCE, remembered under $XDG_STATE_HOME/tocsin/. */
gboolean           tocsin_auth_request_server_refuses_pkce   (const char     *auth_server);
void               tocsin_auth_request_remember_pkce_refused (const char     *auth_server);

/* Building blocks, public for the tests. */
char              *tocsin_auth_random_string             (gsize               n_bytes,
                                                          GError            **error);
char              *tocsin_auth_base64url_encode          (const guint8       *data,
                                                          gsize               len);
char              *tocsin_auth_pkce_challenge            (const char         *code_verifier);

G_END_DECLS
