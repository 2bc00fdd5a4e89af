/* tocsin-responder-dialog.c: a responder to add to alerts
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-responder-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-action.h"
#include "tocsin-responder-dialog.h"

struct _TocsinResponderDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkDropDown      *type;
  GtkEntry         *entry;
};

G_DEFINE_FINAL_TYPE (TocsinResponderDialog, tocsin_responder_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static char *
dup_responder_id (TocsinResponderDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
}

/* Callbacks */

static void
on_entry_changed_cb (TocsinResponderDialog *self)
{
  g_autofree char *id = dup_responder_id (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", *id != '\0');
}

/* AdwMessageDialog overrides */

static void
tocsin_responder_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  TocsinResponderDialog *self = TOCSIN_RESPONDER_DIALOG (dialog);
  g_autofree char *id = dup_responder_id (self);
  guint type = gtk_drop_down_get_selected (self->type);

  if (g_strcmp0 (response, "add") == 0 && *id != '\0' && type <= TOCSIN_RESPONDER_SCHEDULE)
    {
      g_autoptr(TocsinAlertAction) action = tocsin_alert_action_new_add_responder (type, id);

      g_signal_emit (self, signals [CHOSEN], 0, action);
    }

  /* libadwaita 1.2 has no default handler to chain up to. */
  if (ADW_MESSAGE_DIALOG_CLASS (tocsin_responder_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (tocsin_responder_dialog_parent_class)->response (dialog, response);
}

/* GObject overrides */

static void
tocsin_responder_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TOCSIN_TYPE_RESPONDER_DIALOG);

  G_OBJECT_CLASS (tocsin_responder_dialog_parent_class)->dispose (object);
}

static void
tocsin_responder_dialog_class_init (TocsinResponderDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = tocsin_responder_dialog_dispose;
  dialog_class->response = tocsin_responder_dialog_response;

  signals [CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TOCSIN_TYPE_ALERT_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/tocsin-responder-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinResponderDialog, type);
  gtk_widget_class_bind_template_child (widget_class, TocsinResponderDialog, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
}

static void
tocsin_responder_dialog_init (TocsinResponderDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
tocsin_responder_dialog_new (GtkWindow *parent,
                             guint      n_alerts)
{
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (n_alerts > 0, NULL);

  if (n_alerts == 1)
    heading = g_strdup (_("Add Responder"));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Add Responder to %u Alert",
                                            "Add Responder to %u Alerts", n_alerts),
                               n_alerts);
  return g_object_new (TOCSIN_TYPE_RESPONDER_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       NULL);
}
