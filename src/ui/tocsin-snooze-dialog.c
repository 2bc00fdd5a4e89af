/* tocsin-snooze-dialog.c: how long to snooze alerts
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-snooze-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-action.h"
#include "tocsin-snooze-dialog.h"

struct _TocsinSnoozeDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkDropDown      *duration;
};

G_DEFINE_FINAL_TYPE (TocsinSnoozeDialog, tocsin_snooze_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The durations of the template's list, in its order. */
static const guint snooze_minutes[] = { 15, 30, 60, 120, 240, 480, 24 * 60 };

/* AdwMessageDialog overrides */

static void
tocsin_snooze_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  TocsinSnoozeDialog *self = TOCSIN_SNOOZE_DIALOG (dialog);
  guint index = gtk_drop_down_get_selected (self->duration);

  if (g_strcmp0 (response, "snooze") == 0 && index < G_N_ELEMENTS (snooze_minutes))
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) until = g_date_time_add_minutes (now, snooze_minutes[index]);
      g_autoptr(TocsinAlertAction) action = tocsin_alert_action_new_snooze (until);

      g_signal_emit (self, signals [CHOSEN], 0, action);
    }

  /* libadwaita 1.2 has no default handler to chain up to. */
  if (ADW_MESSAGE_DIALOG_CLASS (tocsin_snooze_dialog_parent_class)->response != NULL)
    ADW_MESSAGE_DIALOG_CLASS (tocsin_snooze_dialog_parent_class)->response (dialog, response);
}

/* GObject overrides */

static void
tocsin_snooze_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), TOCSIN_TYPE_SNOOZE_DIALOG);

  G_OBJECT_CLASS (tocsin_snooze_dialog_parent_class)->dispose (object);
}

static void
tocsin_snooze_dialog_class_init (TocsinSnoozeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = tocsin_snooze_dialog_dispose;
  dialog_class->response = tocsin_snooze_dialog_response;

  signals [CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, TOCSIN_TYPE_ALERT_ACTION);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/tocsin-snooze-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, TocsinSnoozeDialog, duration);
}

static void
tocsin_snooze_dialog_init (TocsinSnoozeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

GtkWidget *
tocsin_snooze_dialog_new (GtkWindow *parent,
                          guint      n_alerts)
{
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (n_alerts > 0, NULL);

  if (n_alerts == 1)
    heading = g_strdup (_("Snooze Alert?"));
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Snooze %u Alert?",
                                            "Snooze %u Alerts?", n_alerts),
                               n_alerts);
  return g_object_new (TOCSIN_TYPE_SNOOZE_DIALOG,
                       "transient-for", parent,
                       "heading", heading,
                       NULL);
}
