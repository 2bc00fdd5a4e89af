/* tocsin-json-depth.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deeper than any answer the APIs give (they nest about 6 levels), far below
 * where json-glib's recursion runs out of stack. */
#define TOCSIN_JSON_MAX_DEPTH 64

gboolean tocsin_json_check_depth (const char  *data,
                                  gssize       length,
                                  GError     **error);

G_END_DECLS
