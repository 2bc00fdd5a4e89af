/* tocsin-site.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TOCSIN_OPS_ALERT_READ_SCOPE "read:ops-alert:jira-service-management"

#define TOCSIN_TYPE_SITE (tocsin_site_get_type ())

G_DECLARE_FINAL_TYPE (TocsinSite, tocsin_site, TOCSIN, SITE, GObject)

TocsinSite         *tocsin_site_new                     (const char         *id,
                                                         const char         *name,
                                                         const char         *url,
                                                         const char * const *scopes,
                                                         const char         *avatar_url);
const char         *tocsin_site_get_id                  (TocsinSite         *self);
const char         *tocsin_site_get_name                (TocsinSite         *self);
const char         *tocsin_site_get_url                 (TocsinSite         *self);
const char * const *tocsin_site_get_scopes              (TocsinSite         *self);
const char         *tocsin_site_get_avatar_url          (TocsinSite         *self);
gboolean            tocsin_site_has_scope               (TocsinSite         *self,
                                                         const char         *scope);
gboolean            tocsin_site_has_ops_scopes          (TocsinSite         *self);
GPtrArray          *tocsin_site_list_from_json          (const char         *data,
                                                         gssize              length,
                                                         gboolean            ops_only,
                                                         GError            **error);

G_END_DECLS
