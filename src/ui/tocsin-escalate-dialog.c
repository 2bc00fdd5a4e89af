/* tocsin-escalate-dialog.c: the escalation policy to hand alerts to
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-escalate-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-action.h"
#include "tocsin-alert-api.h"
#include "tocsin-escalate-dialog.h"

struct _TocsinEscalateDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkDropDown      *policy;
  GtkStringList    *names;
  GtkLabel         *status;

  /* Loading the policies */
  GCancellable     *cancellable;   /* cancelled when the dialog goes */
  GPtrArray        *ids;           /* escalation ids, in the order of names */
  guint             pending;       /* requests under way */
  char             *error;         /* the first one that failed */
};

G_DEFINE_FINAL_TYPE (TocsinEscalateDialog, tocsin_escalate_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

typedef struct
{
  TocsinEscalateDialog *self;      /* not a reference: a cancelled call does not touch it */
  char                 *team_name;
} TeamCall;

/* Auxiliary methods */

static void
update (TocsinEscalateDialog *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->names));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "escalate", n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->policy), n > 0);
  if (self->pending > 0)
    gtk_label_set_text (self->status, _("Loading escalation policies…"));
  else if (n == 0)
    gtk_label_set_text (self->status,
                        self->error != NULL ? self->error : _("No escalation policies found."));
  gtk_widget_set_visible (GTK_WIDGET (self->status), self->pending > 0 || n == 0);
}

static void
keep_error (TocsinEscalateDialog *self,
            const GError         *error)
{
  if (self->error == NULL)
    self->error = g_strdup (error->message);
}

/* Callbacks */

static void
on_escalations_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TeamCall *call = user_data;
  TocsinEscalateDialog *self = call->self;
  g_autofree char *team_name = call->team_name;
  g_autoptr(GPtrArray) escalations = NULL;
  g_autoptr(GError) error = NULL;

  g_free (call);
  escalations = tocsin_alert_api_list_escalations_finish (TOCSIN_OPS_CLIENT (source), result,
                                                          &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->pending--;
  if (escalations == NULL)
    keep_error (self, error);
  for (guint i = 0; escalations != NULL && i < escalations->len; i++)
    {
      TocsinAlertTarget *target = g_ptr_array_index (escalations, i);
      /* Translators: an escalation policy in a list, "Database team — Night escalation" */
      g_autofree char *name = g_strdup_printf (_("%s — %s"), team_name,
                                               tocsin_alert_target_get_name (target));

      g_ptr_array_add (self->ids, g_strdup (tocsin_alert_target_get_id (target)));
      gtk_string_list_append (self->names, name);
    }
  update (self);
}

static void
on_teams_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  TocsinEscalateDialog *self = user_data;
  g_autoptr(GPtrArray) teams = NULL;
  g_autoptr(GError) error = NULL;

  teams = tocsin_alert_api_list_teams_finish (TOCSIN_OPS_CLIENT (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->pending--;
  if (teams == NULL)
    keep_error (self, error);
  for (guint i = 0; teams != NULL && i < teams->len; i++)
    {
      TocsinAlertTarget *team = g_ptr_array_index (teams, i);
      TeamCall *call = g_new0 (TeamCall, 1);

      call->self = self;
      call->team_name = g_strdup (tocsin_alert_target_get_name (team));
      self->pending++;
      tocsin_alert_api_list_escalations_async (TOCSIN_OPS_CLIENT (source),
                                               tocsin_alert_target_get_id (team), self->cancellable,
                                               on_escalations_cb, call);
    }
  update (self);
}

/* AdwMessageDialog overrides */

static void
tocsin_escalate_dialog_response (AdwMessageDialog *dialog,
                                 const char       *response)
{
  TocsinEscalateDialog *self = TOCSIN_ESCALATE_DIALOG (dialog);
  guint index = gtk_drop_down_get_selected (self->policy);

  if (g_strcmp0 (response, "escalate") == 0 && index < self->ids->len)
    {
      const char *id = g_ptr_array_index (self->ids, index);
      g_autoptr(TocsinAlertAction) action = tocsin_alert_action_new_escalate (id);

      g_signal_emit (self, signals [CHOSEN], 0, action);
    }

  /* libadwaita 1.2 has no default handler to chain up to. */
  if (ADW_MESSAGE_DIALOG_CLASS (tocsin_escalate_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (tocsin_escalate_dialog_parent_class)->response (dialog, response);
}

/* GObject overrides */

static void
tocsin_escalate_dialog_dispose (GObject *object)
{
  TocsinEscalateDialog *self = TOCSIN_ESCALATE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), TOCSIN_TYPE_ESCALATE_DIALOG);

  G_OBJECT_CLASS (tocsin_escalate_dialog_parent_class)->dispose (object);
}

static void
tocsin_escalate_dialog_finalize (GObject *object)
{
  TocsinEscalateDialog *self = TOCSIN_ESCALATE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->ids, g_ptr_array_unref);
  g_free (self->error);

  G_OBJECT_CLASS (tocsin_escalate_dialog_parent_class)->finalize (object);
}

static void
tocsin_escalate_dialog_class_init (TocsinEscalateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = tocsin_escalate_dialog_dispose;
  object_class->finalize = tocsin_escalate_dialog_finalize;
  dialog_class->response = tocsin_escalate_dialog_response;

  signals [CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TOCSIN_TYPE_ALERT_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/tocsin-escalate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinEscalateDialog, policy);
  gtk_widget_class_bind_template_child (widget_class, TocsinEscalateDialog, names);
  gtk_widget_class_bind_template_child (widget_class, TocsinEscalateDialog, status);
}

static void
tocsin_escalate_dialog_init (TocsinEscalateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->ids = g_ptr_array_new_with_free_func (g_free);
}

/* Public API */

GtkWidget *
tocsin_escalate_dialog_new (GtkWindow       *parent,
                            guint            n_alerts,
                            TocsinOpsClient *client)
{
  TocsinEscalateDialog *self;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (n_alerts > 0, NULL);
  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (client), NULL);

  if (n_alerts == 1)
    heading = g_strdup (_("Escalate Alert"));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Escalate %u Alert",
                                            "Escalate %u Alerts", n_alerts),
                               n_alerts);
  self = g_object_new (TOCSIN_TYPE_ESCALATE_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       NULL);

  self->pending = 1;
  tocsin_alert_api_list_teams_async (client, self->cancellable, on_teams_cb, self);
  update (self);
  return GTK_WIDGET (self);
}
