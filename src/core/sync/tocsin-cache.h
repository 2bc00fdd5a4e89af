/* tocsin-cache.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the window last showed, kept for an instant start: a file per kind of
 * data in $XDG_CACHE_HOME/tocsin/<account>/ (0700), each written whole and
 * atomically, readable only by the user (0600), with a version; a file that
 * cannot be read, is damaged or has another version is ignored. Holds what
 * the API answered, never a token. */

/* Bump when the files' shape changes: older files are then ignored. */
#define TOCSIN_CACHE_VERSION 1

/* The same for the schedules' file. */
#define TOCSIN_CACHE_SCHEDULES_VERSION 1

/* The first pages the window shows; more would only slow the start. */
#define TOCSIN_CACHE_MAX_ALERTS 200

#define TOCSIN_TYPE_CACHE (tocsin_cache_get_type ())

G_DECLARE_FINAL_TYPE (TocsinCache, tocsin_cache, TOCSIN, CACHE, GObject)

TocsinCache *tocsin_cache_new               (const char    *account_id);

const char  *tocsin_cache_get_path          (TocsinCache   *self);

GPtrArray   *tocsin_cache_load_alerts       (TocsinCache   *self,
                                             const char    *site_id,
                                             const char    *query);
void         tocsin_cache_save_alerts_async (TocsinCache   *self,
                                             const char    *site_id,
                                             const char    *query,
                                             GListModel    *alerts,
                                             GCancellable  *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer       user_data);

GPtrArray   *tocsin_cache_load_schedules    (TocsinCache   *self,
                                             const char    *site_id,
                                             GDateTime     *now,
                                             gboolean      *names_available);
void         tocsin_cache_save_schedules_async (TocsinCache *self,
                                             const char    *site_id,
                                             GListModel    *schedules,
                                             gboolean       names_available,
                                             GCancellable  *cancellable,
                                             GAsyncReadyCallback callback,
                                             gpointer       user_data);
/* Finishes either save. */
gboolean     tocsin_cache_save_finish       (TocsinCache   *self,
                                             GAsyncResult  *result,
                                             GError       **error);

gboolean     tocsin_cache_delete            (TocsinCache   *self,
                                             GError       **error);

G_END_DECLS
