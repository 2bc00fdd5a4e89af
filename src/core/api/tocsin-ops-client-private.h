/* tocsin-ops-client-private.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "tocsin-ops-client.h"

G_BEGIN_DECLS

/* Runs in the worker thread after the JSON parse; turns the root into the
 * task's result. */
typedef gpointer (*TocsinOpsPostFunc) (JsonNode  *root,
                                       gpointer   data,
                                       GError   **error);

/* One request with retries and token refresh, shared by the paging code
 * (tocsin-ops-paging.c). Takes @url. The task's result is what @post_func
 * returns (freed with @result_free), or the JSON root without one. */
void _tocsin_ops_client_request_start (TocsinOpsClient     *self,
                                       const char          *method,
                                       char                *url,
                                       JsonNode            *body,
                                       TocsinOpsPostFunc    post_func,
                                       gpointer             post_data,
                                       GDestroyNotify       result_free,
                                       gpointer             source_tag,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);

G_END_DECLS
