/* tocsin-api-error.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Every failure of a call to the JSM Ops or Jira API ends up in this domain;
 * the message is meant to be shown to a person as it is. */
#define TOCSIN_API_ERROR (tocsin_api_error_quark ())

typedef enum {
  TOCSIN_API_ERROR_FAILED,            /* anything not covered below */
  TOCSIN_API_ERROR_UNAUTHORIZED,      /* 401 even after one token refresh */
  TOCSIN_API_ERROR_SCOPE,             /* 401 "scope does not match": the grant lacks a scope */
  TOCSIN_API_ERROR_PAYMENT_REQUIRED,  /* 402: the site's plan lacks the feature */
  TOCSIN_API_ERROR_FORBIDDEN,         /* 403 */
  TOCSIN_API_ERROR_NOT_FOUND,         /* 404 */
  TOCSIN_API_ERROR_CONFLICT,          /* 409 */
  TOCSIN_API_ERROR_INVALID,           /* 400, 422: the server refused what we sent */
  TOCSIN_API_ERROR_RATE_LIMITED,      /* 429 after the allowed retries */
  TOCSIN_API_ERROR_SERVER,            /* 5xx after the allowed retries */
  TOCSIN_API_ERROR_NETWORK,           /* no connection, connection dropped, DNS */
  TOCSIN_API_ERROR_TLS,               /* certificate or handshake problem */
  TOCSIN_API_ERROR_TIMEOUT,           /* the server did not answer in time */
  TOCSIN_API_ERROR_MALFORMED,         /* the answer was not the JSON we expect */
  TOCSIN_API_ERROR_TOO_LARGE,         /* the answer exceeds the response size cap */
  TOCSIN_API_ERROR_REQUEST_FAILED,    /* an async action was processed and failed */
  TOCSIN_API_ERROR_REQUEST_PENDING,   /* an async action was not processed within the bound */
  TOCSIN_API_ERROR_REDIRECT,          /* the server answered with a redirect, which is not followed */
} TocsinApiError;

GQuark tocsin_api_error_quark (void);

/* Pure: maps an HTTP status and its body to an error (NULL for 2xx).
 * @retry_after_s: seconds from a Retry-After header, or -1. */
GError *tocsin_api_error_from_response (guint         status,
                                        const char   *reason,
                                        GBytes       *body,
                                        gint64        retry_after_s);

/* Maps a transport error (GIO, TLS, libsoup) to TOCSIN_API_ERROR; cancellation
 * (G_IO_ERROR_CANCELLED) is returned unchanged so callers can ignore it. */
GError *tocsin_api_error_from_transport (const GError *error);

/* The human part of any of the error body shapes the API uses, or NULL. */
char   *tocsin_api_error_body_message   (GBytes       *body);

G_END_DECLS
