/* tocsin-auth-error.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define TOCSIN_AUTH_ERROR (tocsin_auth_error_quark ())

/* Codes the sign-in page can act on. Every message is translated and says what
 * to do next; cancellation uses G_IO_ERROR_CANCELLED instead. */
typedef enum
{
  TOCSIN_AUTH_ERROR_FAILED,              /* anything else; the message says what */
  TOCSIN_AUTH_ERROR_NO_CLIENT,           /* no client id / secret: register an app */
  TOCSIN_AUTH_ERROR_INVALID_ENDPOINT,    /* auth/API/callback URL unusable (e.g. plain http) */
  TOCSIN_AUTH_ERROR_IN_PROGRESS,         /* a sign-in is already pending */
  TOCSIN_AUTH_ERROR_PORT_IN_USE,         /* loopback callback port taken */
  TOCSIN_AUTH_ERROR_BROWSER_FAILED,      /* the browser could not be opened: offer the link */
  TOCSIN_AUTH_ERROR_INVALID_STATE,       /* callback with a wrong, used or missing state */
  TOCSIN_AUTH_ERROR_INVALID_CALLBACK,    /* callback without code, repeated parameters, … */
  TOCSIN_AUTH_ERROR_ACCESS_DENIED,       /* the user refused consent */
  TOCSIN_AUTH_ERROR_AUTHORIZATION_FAILED,/* the server answered the callback with another error */
  TOCSIN_AUTH_ERROR_EXPIRED,             /* the sign-in took longer than 10 minutes */
  TOCSIN_AUTH_ERROR_INVALID_CLIENT,      /* token endpoint refused the client (wrong secret) */
  TOCSIN_AUTH_ERROR_NEEDS_REAUTH,        /* refresh token dead: sign in again */
  TOCSIN_AUTH_ERROR_NO_SITES,            /* no site granted the Operations scopes */
  TOCSIN_AUTH_ERROR_NETWORK,             /* could not reach the server; tokens are kept */
  TOCSIN_AUTH_ERROR_SERVER,              /* unexpected answer from the server */
  TOCSIN_AUTH_ERROR_NOT_SIGNED_IN,       /* no tokens */
  TOCSIN_AUTH_ERROR_KEYRING_LOCKED,      /* keyring locked or unlock prompt dismissed */
  TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE, /* no secret service on the session bus */
  TOCSIN_AUTH_ERROR_PKCE_REJECTED,       /* the token endpoint refused the PKCE verifier */
} TocsinAuthError;

GQuark tocsin_auth_error_quark (void);

G_END_DECLS
