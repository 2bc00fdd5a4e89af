/* tocsin-note-dialog.c: a note to add to alerts
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-note-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-action.h"
#include "tocsin-note-dialog.h"

struct _TocsinNoteDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkTextView      *view;
  GtkTextBuffer    *buffer;
};

G_DEFINE_FINAL_TYPE (TocsinNoteDialog, tocsin_note_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static char *
dup_note (TocsinNoteDialog *self)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE));
}

/* Callbacks */

static void
on_buffer_changed_cb (TocsinNoteDialog *self)
{
  g_autofree char *note = dup_note (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", *note != '\0');
}

/* GtkWidget overrides */

static void
tocsin_note_dialog_map (GtkWidget *widget)
{
  TocsinNoteDialog *self = TOCSIN_NOTE_DIALOG (widget);

  GTK_WIDGET_CLASS (tocsin_note_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->view));
}

/* AdwMessageDialog overrides */

static void
tocsin_note_dialog_response (AdwMessageDialog *dialog,
                             const char       *response)
{
  TocsinNoteDialog *self = TOCSIN_NOTE_DIALOG (dialog);
  g_autofree char *note = dup_note (self);

  if (g_strcmp0 (response, "add") == 0 && *note != '\0')
    {
      g_autoptr(TocsinAlertAction) action = tocsin_alert_action_new_add_note (note);

      g_signal_emit (self, signals [CHOSEN], 0, action);
    }

  /* libadwaita 1.2 has no default handler to chain up to. */
  if (ADW_MESSAGE_DIALOG_CLASS (tocsin_note_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (tocsin_note_dialog_parent_class)->response (dialog, response);
}

/* GObject overrides */

static void
tocsin_note_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TOCSIN_TYPE_NOTE_DIALOG);

  G_OBJECT_CLASS (tocsin_note_dialog_parent_class)->dispose (object);
}

static void
tocsin_note_dialog_class_init (TocsinNoteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = tocsin_note_dialog_dispose;
  widget_class->map = tocsin_note_dialog_map;
  dialog_class->response = tocsin_note_dialog_response;

  signals [CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TOCSIN_TYPE_ALERT_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/tocsin-note-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinNoteDialog, view);
  gtk_widget_class_bind_template_child (widget_class, TocsinNoteDialog, buffer);
  gtk_widget_class_bind_template_callback (widget_class, on_buffer_changed_cb);
}

static void
tocsin_note_dialog_init (TocsinNoteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
tocsin_note_dialog_new (GtkWindow *parent,
                        guint      n_alerts)
{
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (n_alerts > 0, NULL);

  if (n_alerts == 1)
    heading = g_strdup (_("Add Note"));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add Note to %u Alert",
                                            "Add Note to %u Alerts", n_alerts),
                               n_alerts);
  return g_object_new (TOCSIN_TYPE_NOTE_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       NULL);
}
