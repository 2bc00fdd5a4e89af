/* tocsin-assign-dialog.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_ASSIGN_DIALOG (tocsin_assign_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TocsinAssignDialog, tocsin_assign_dialog, TOCSIN, ASSIGN_DIALOG,
                      AdwMessageDialog)

/* Asks for the new owner of @n_alerts alerts: an account id typed, or with
 * "Assign to Me" @my_account_id (when not NULL). Signal: chosen
 * (TocsinAlertAction, an assignment to that account). */

GtkWidget *tocsin_assign_dialog_new (GtkWindow  *parent,
                                     guint       n_alerts,
                                     const char *my_account_id);

G_END_DECLS
