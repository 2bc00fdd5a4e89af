/* tocsin-test-utils.h: helpers shared by the UI tests
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*TocsinTestPredicate) (gpointer user_data);

void       tocsin_test_init               (int                 *argc,
                                           char              ***argv);
gboolean   tocsin_test_wait_until         (TocsinTestPredicate  predicate,
                                           gpointer             user_data,
                                           guint                timeout_ms);
void       tocsin_test_spin               (guint                ms);
gboolean   tocsin_test_wait_subprocess    (GSubprocess         *subprocess,
                                           guint                timeout_ms);
char      *tocsin_test_save_screenshot    (GtkWidget           *widget,
                                           const char          *name);
GtkWidget *tocsin_test_find_widget        (GtkWidget           *root,
                                           GType                type,
                                           const char          *css_name_or_null);
GtkWidget *tocsin_test_find_button        (GtkWidget           *root,
                                           const char          *label);
GtkWidget *tocsin_test_find_by_id         (GtkWidget           *root,
                                           const char          *id);

G_END_DECLS
