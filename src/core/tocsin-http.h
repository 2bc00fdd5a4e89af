/* tocsin-http.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* The one way every client (JSM Ops, Jira, OAuth) sends a request and reads
 * its answer: never following a redirect, and never holding more than
 * @max_size bytes of body. */

void    tocsin_http_send_async  (SoupSession          *session,
                                 SoupMessage          *message,
                                 gsize                 max_size,
                                 GCancellable         *cancellable,
                                 GAsyncReadyCallback   callback,
                                 gpointer              user_data);
GBytes *tocsin_http_send_finish (SoupSession          *session,
                                 GAsyncResult         *result,
                                 GError              **error);

G_END_DECLS
