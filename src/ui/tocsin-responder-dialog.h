/* tocsin-responder-dialog.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_RESPONDER_DIALOG (tocsin_responder_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TocsinResponderDialog, tocsin_responder_dialog, TOCSIN, RESPONDER_DIALOG,
                      AdwMessageDialog)

/* Asks for a responder (a team, user, escalation or schedule id) to add to
 * @n_alerts alerts. Signal: chosen (TocsinAlertAction, adding it). */

GtkWidget *tocsin_responder_dialog_new (GtkWindow *parent,
                                        guint      n_alerts);

G_END_DECLS
