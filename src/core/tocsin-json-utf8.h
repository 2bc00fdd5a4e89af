/* tocsin-json-utf8.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Text from the network is written by whoever can raise an alert. json-glib
 * 1.6 rejects a whole document for one raw invalid byte or for a lone UTF-16
 * surrogate escape ("\ud800" at the end of a string), and turns other lone
 * surrogates into invalid UTF-8. These make one bad string cost only itself. */

char     *tocsin_json_repair_surrogates (const char  *data,
                                         gsize        length);
gboolean  tocsin_json_load              (JsonParser  *parser,
                                         const char  *data,
                                         gssize       length,
                                         GError     **error);
char     *tocsin_json_dup_string        (JsonObject  *object,
                                         const char  *member);
char     *tocsin_json_node_dup_string   (JsonNode    *node);

G_END_DECLS
