/* tocsin-endpoint.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TOCSIN_ENDPOINT_ERROR (tocsin_endpoint_error_quark ())

typedef enum
{
  TOCSIN_ENDPOINT_ERROR_INVALID,   /* not an absolute http(s) URL with a host */
  TOCSIN_ENDPOINT_ERROR_INSECURE,  /* plain http to a host that is not loopback */
} TocsinEndpointError;

GQuark   tocsin_endpoint_error_quark (void);

gboolean tocsin_endpoint_is_loopback_host (const char  *host);
gboolean tocsin_endpoint_validate         (const char  *url,
                                           GError     **error);

G_END_DECLS
