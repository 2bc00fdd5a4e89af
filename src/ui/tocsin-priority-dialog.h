/* tocsin-priority-dialog.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_PRIORITY_DIALOG (tocsin_priority_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TocsinPriorityDialog, tocsin_priority_dialog, TOCSIN, PRIORITY_DIALOG,
                      AdwMessageDialog)

/* Asks for the new priority of @n_alerts alerts, starting at @priority
 * (1 to 5). Signal: chosen (TocsinAlertAction, the priority change). */

GtkWidget *tocsin_priority_dialog_new (GtkWindow *parent,
                                       guint      n_alerts,
                                       int        priority);

G_END_DECLS
