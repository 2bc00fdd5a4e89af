/* tocsin-assign-dialog.c: the new owner of alerts
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-assign-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-action.h"
#include "tocsin-assign-dialog.h"

struct _TocsinAssignDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkEntry         *entry;

  char             *my_account_id;
};

G_DEFINE_FINAL_TYPE (TocsinAssignDialog, tocsin_assign_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static char *
dup_account (TocsinAssignDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
}

/* Callbacks */

static void
on_entry_changed_cb (TocsinAssignDialog *self)
{
  g_autofree char *account = dup_account (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "assign", *account != '\0');
}

/* AdwMessageDialog overrides */

static void
tocsin_assign_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  TocsinAssignDialog *self = TOCSIN_ASSIGN_DIALOG (dialog);
  g_autofree char *account = NULL;

  if (g_strcmp0 (response, "assign-me") == 0)
    account = g_strdup (self->my_account_id);
  else if (g_strcmp0 (response, "assign") == 0)
    account = dup_account (self);

  if (account != NULL && *account != '\0')
    {
      g_autoptr(TocsinAlertAction) action = tocsin_alert_action_new_assign (account);

      g_signal_emit (self, signals [CHOSEN], 0, action);
    }

  /* libadwaita 1.2 has no default handler to chain up to. */
  if (ADW_MESSAGE_DIALOG_CLASS (tocsin_assign_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (tocsin_assign_dialog_parent_class)->response (dialog, response);
}

/* GObject overrides */

static void
tocsin_assign_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TOCSIN_TYPE_ASSIGN_DIALOG);

  G_OBJECT_CLASS (tocsin_assign_dialog_parent_class)->dispose (object);
}

static void
tocsin_assign_dialog_finalize (GObject *object)
{
  TocsinAssignDialog *self = TOCSIN_ASSIGN_DIALOG (object);

  g_free (self->my_account_id);

  G_OBJECT_CLASS (tocsin_assign_dialog_parent_class)->finalize (object);
}

static void
tocsin_assign_dialog_class_init (TocsinAssignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = tocsin_assign_dialog_dispose;
  object_class->finalize = tocsin_assign_dialog_finalize;
  dialog_class->response = tocsin_assign_dialog_response;

  signals [CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TOCSIN_TYPE_ALERT_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/tocsin-assign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinAssignDialog, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
}

static void
tocsin_assign_dialog_init (TocsinAssignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
tocsin_assign_dialog_new (GtkWindow  *parent,
                          guint       n_alerts,
                          const char *my_account_id)
{
  TocsinAssignDialog *self;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (n_alerts > 0, NULL);

  if (n_alerts == 1)
    heading = g_strdup (_("Assign Alert"));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Assign %u Alert",
                                            "Assign %u Alerts", n_alerts),
                               n_alerts);
  self = g_object_new (TOCSIN_TYPE_ASSIGN_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       NULL);
  if (my_account_id != NULL && *my_account_id != '\0')
    {
      self->my_account_id = g_strdup (my_account_id);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "assign-me", _("Assign to _Me"));
    }
  return GTK_WIDGET (self);
}
