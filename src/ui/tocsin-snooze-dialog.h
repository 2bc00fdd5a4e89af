/* tocsin-snooze-dialog.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_SNOOZE_DIALOG (tocsin_snooze_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TocsinSnoozeDialog, tocsin_snooze_dialog, TOCSIN, SNOOZE_DIALOG,
                      AdwMessageDialog)

/* Asks how long to snooze @n_alerts alerts. Signal: chosen (TocsinAlertAction,
 * a snooze until the time picked), when the user snoozes. */

GtkWidget *tocsin_snooze_dialog_new (GtkWindow *parent,
                                     guint      n_alerts);

G_END_DECLS
