/* tocsin-escalate-dialog.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "tocsin-ops-client.h"

G_BEGIN_DECLS

#define TOCSIN_TYPE_ESCALATE_DIALOG (tocsin_escalate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TocsinEscalateDialog, tocsin_escalate_dialog, TOCSIN, ESCALATE_DIALOG,
                      AdwMessageDialog)

/* Asks which escalation policy to hand @n_alerts alerts to. The policies of
 * every team come from @client while the dialog is open. Signal: chosen
 * (TocsinAlertAction, the escalation to the policy picked). */

GtkWidget *tocsin_escalate_dialog_new (GtkWindow       *parent,
                                       guint            n_alerts,
                                       TocsinOpsClient *client);

G_END_DECLS
