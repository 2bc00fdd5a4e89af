/* tocsin-auth-session-private.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "tocsin-account-state.h"
#include "tocsin-auth-session.h"
#include "tocsin-oauth-client.h"
#include "tocsin-sign-in-flow.h"
#include "tocsin-token-set.h"

G_BEGIN_DECLS

/* Shared by the session's files: tocsin-auth-session.c (sign-in, properties),
 * tocsin-auth-session-keyring.c (restore, sign-out, client secret) and
 * tocsin-auth-session-refresh.c (the token provider, refresh and the
 * background keyring write of rotated tokens). */
struct _TocsinAuthSession
{
  GObject             parent_instance;

  TocsinConfig       *config;
  gboolean            use_pkce;
  gboolean            launch_browser;

  TocsinAuthState     state;
  GListStore         *sites;
  TocsinSite         *current_site;
  char               *account_id;
  char               *account_name;
  TocsinAccountState *account_state;    /* NULL without an account */

  /* What the tokens are bound to, fixed at sign-in or restore. */
  char               *auth_server;
  char               *api_base;
  char               *client_id;
  SoupSession        *http;             /* shared by every OAuth client */
  TocsinOAuthClient  *client;
  TocsinTokenSet     *tokens;

  /* Bumped by sign-in, restore and sign-out: what an older generation's
   * callbacks bring is dropped. */
  guint               generation;

  /* The sign-in under way. */
  TocsinSignInFlow   *flow;
  GTask              *sign_in_task;
  TocsinAuthState     sign_in_previous_state;

  /* The background keyring write of the rotated tokens. */
  GCancellable       *save_cancellable; /* the write under way, or NULL */
  guint               save_timeout_id;
  guint               save_retry_id;
  guint               save_backoff;     /* seconds until the next retry */
  gboolean            save_again;       /* newer tokens came during a write */
  gboolean            keyring_unsaved;

  GPtrArray          *refresh_waiters;  /* GTask */
  gboolean            refreshing;
};

/* tocsin-auth-session.c */
char       *_tocsin_auth_session_strip_slashes       (const char                   *url);
gboolean    _tocsin_auth_session_validate_endpoints  (const char                   *auth_server,
                                                      const char                   *api_base,
                                                      GError                      **error);
TocsinSite *_tocsin_auth_session_pick_site           (GPtrArray                    *sites,
                                                      const char                   *remembered_id);
void        _tocsin_auth_session_bind_endpoints      (TocsinAuthSession            *self,
                                                      const char                   *auth_server,
                                                      const char                   *api_base,
                                                      const char                   *client_id);
void        _tocsin_auth_session_set_state           (TocsinAuthSession            *self,
                                                      TocsinAuthState               state);
void        _tocsin_auth_session_set_account_id      (TocsinAuthSession            *self,
                                                      const char                   *account_id);
void        _tocsin_auth_session_set_account_name    (TocsinAuthSession            *self,
                                                      const char                   *account_name);
void        _tocsin_auth_session_set_sites           (TocsinAuthSession            *self,
                                                      GPtrArray                    *sites);
void        _tocsin_auth_session_set_current_site    (TocsinAuthSession            *self,
                                                      TocsinSite                   *site);
void        _tocsin_auth_session_set_keyring_unsaved (TocsinAuthSession            *self,
                                                      gboolean                      unsaved);

/* tocsin-auth-session-refresh.c */
void        _tocsin_auth_session_token_provider_init (TocsinTokenProviderInterface *iface);
void        _tocsin_auth_session_new_generation      (TocsinAuthSession            *self);
void        _tocsin_auth_session_save_abandon        (TocsinAuthSession            *self);
void        _tocsin_auth_session_undo_stale_write    (TocsinAuthSession            *self,
                                                      const char                   *auth_server,
                                                      const char                   *client_id);

G_END_DECLS
