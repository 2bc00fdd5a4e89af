/* tocsin-auth-callback.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *tocsin_auth_parse_callback            (const char  *uri,
                                                const char  *expected_state,
                                                GError     **error);
gboolean  tocsin_auth_callback_is_custom_scheme (const char  *redirect_uri);
gboolean  tocsin_auth_callback_matches_redirect (const char  *uri,
                                                const char  *redirect_uri);

G_END_DECLS
