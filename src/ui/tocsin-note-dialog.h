/* tocsin-note-dialog.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define TOCSIN_TYPE_NOTE_DIALOG (tocsin_note_dialog_get_type ())

G_DECLARE_FINAL_TYPE (TocsinNoteDialog, tocsin_note_dialog, TOCSIN, NOTE_DIALOG,
                      AdwMessageDialog)

/* Asks for a note to add to @n_alerts alerts. Signal: chosen
 * (TocsinAlertAction, adding the text typed, without surrounding space). */

GtkWidget *tocsin_note_dialog_new (GtkWindow *parent,
                                   guint      n_alerts);

G_END_DECLS
