/* tocsin-resume-watcher.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_RESUME_WATCHER (tocsin_resume_watcher_get_type ())

G_DECLARE_FINAL_TYPE (TocsinResumeWatcher, tocsin_resume_watcher, TOCSIN, RESUME_WATCHER, GObject)

TocsinResumeWatcher *tocsin_resume_watcher_get_default        (void);
TocsinResumeWatcher *tocsin_resume_watcher_new_for_connection (GDBusConnection *connection);

G_END_DECLS
