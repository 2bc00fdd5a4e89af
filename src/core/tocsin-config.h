/* tocsin-config.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_CONFIG (tocsin_config_get_type ())

G_DECLARE_FINAL_TYPE (TocsinConfig, tocsin_config, TOCSIN, CONFIG, GObject)

TocsinConfig *tocsin_config_new               (GSettings    *settings);
void          tocsin_config_override          (TocsinConfig *self,
                                               const char   *key,
                                               const char   *value);
gboolean      tocsin_config_is_overridden     (TocsinConfig *self,
                                               const char   *key);
const char   *tocsin_config_get_auth_base_url (TocsinConfig *self);
const char   *tocsin_config_get_api_base_url  (TocsinConfig *self);
const char   *tocsin_config_get_redirect_uri  (TocsinConfig *self);
const char   *tocsin_config_get_client_id     (TocsinConfig *self);

G_END_DECLS
