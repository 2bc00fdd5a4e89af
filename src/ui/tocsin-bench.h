/* tocsin-bench.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gsize tocsin_bench_read_rss_kb         (void);
void  tocsin_bench_watch_first_frame   (GtkWindow *window);

G_END_DECLS
