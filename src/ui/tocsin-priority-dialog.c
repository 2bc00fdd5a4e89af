/* tocsin-priority-dialog.c: the new priority of alerts
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-priority-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-action.h"
#include "tocsin-priority-dialog.h"

struct _TocsinPriorityDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkDropDown      *priority;
};

G_DEFINE_FINAL_TYPE (TocsinPriorityDialog, tocsin_priority_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* AdwMessageDialog overrides */

static void
tocsin_priority_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  TocsinPriorityDialog *self = TOCSIN_PRIORITY_DIALOG (dialog);
  guint index = gtk_drop_down_get_selected (self->priority);

  if (g_strcmp0 (response, "change") == 0 && index < 5)
    {
      g_autoptr(TocsinAlertAction) action = tocsin_alert_action_new_set_priority ((int) index + 1);

      g_signal_emit (self, signals [CHOSEN], 0, action);
    }

  /* libadwaita 1.2 has no default handler to chain up to. */
  if (ADW_MESSAGE_DIALOG_CLASS (tocsin_priority_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (tocsin_priority_dialog_parent_class)->response (dialog, response);
}

/* GObject overrides */

static void
tocsin_priority_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TOCSIN_TYPE_PRIORITY_DIALOG);

  G_OBJECT_CLASS (tocsin_priority_dialog_parent_class)->dispose (object);
}

static void
tocsin_priority_dialog_class_init (TocsinPriorityDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = tocsin_priority_dialog_dispose;
  dialog_class->response = tocsin_priority_dialog_response;

  signals [CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TOCSIN_TYPE_ALERT_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/tocsin-priority-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinPriorityDialog, priority);
}

static void
tocsin_priority_dialog_init (TocsinPriorityDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
tocsin_priority_dialog_new (GtkWindow *parent,
                            guint      n_alerts,
                            int        priority)
{
  TocsinPriorityDialog *self;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (n_alerts > 0, NULL);

  if (n_alerts == 1)
    heading = g_strdup (_("Change Priority"));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Change Priority of %u Alert",
                                            "Change Priority of %u Alerts", n_alerts),
                               n_alerts);
  self = g_object_new (TOCSIN_TYPE_PRIORITY_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       NULL);
  gtk_drop_down_set_selected (self->priority, (guint) CLAMP (priority, 1, 5) - 1);
  return GTK_WIDGET (self);
}
