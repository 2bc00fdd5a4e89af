/* tocsin-alerts-page-actions.c: the alerts page's actions, and the dialogs they run
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alerts-page"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alerts-page-private.h"
#include "tocsin-assign-dialog.h"
#include "tocsin-escalate-dialog.h"
#include "tocsin-note-dialog.h"
#include "tocsin-priority-dialog.h"
#include "tocsin-responder-dialog.h"
#include "tocsin-snooze-dialog.h"

/* The actions on the selected alerts, enabled while some are selected. */
static const struct {
  const char            *name;
  TocsinAlertActionKind  kind;
} alert_actions[] = {
  { "alerts.acknowledge", TOCSIN_ALERT_ACTION_ACKNOWLEDGE },
  { "alerts.unacknowledge", TOCSIN_ALERT_ACTION_UNACKNOWLEDGE },
  { "alerts.close", TOCSIN_ALERT_ACTION_CLOSE },
  { "alerts.snooze", TOCSIN_ALERT_ACTION_SNOOZE },
  { "alerts.add-note", TOCSIN_ALERT_ACTION_ADD_NOTE },
  { "alerts.assign", TOCSIN_ALERT_ACTION_ASSIGN },
  { "alerts.escalate", TOCSIN_ALERT_ACTION_ESCALATE },
  { "alerts.add-responder", TOCSIN_ALERT_ACTION_ADD_RESPONDER },
  { "alerts.change-priority", TOCSIN_ALERT_ACTION_SET_PRIORITY },
  { "alerts.set-priority", TOCSIN_ALERT_ACTION_SET_PRIORITY },
};

static const struct {
  guint            key;
  GdkModifierType  modifiers;
  const char      *action;
} shortcuts[] = {
  { GDK_KEY_a, 0, "alerts.acknowledge" },
  { GDK_KEY_u, 0, "alerts.unacknowledge" },
  { GDK_KEY_c, 0, "alerts.close" },
  { GDK_KEY_s, 0, "alerts.snooze" },
  { GDK_KEY_n, 0, "alerts.add-note" },
  { GDK_KEY_r, GDK_CONTROL_MASK, "alerts.refresh" },
  { GDK_KEY_F5, 0, "alerts.refresh" },
  { GDK_KEY_f, GDK_CONTROL_MASK, "alerts.search" },
  { GDK_KEY_Menu, 0, "alerts.context-menu" },
  { GDK_KEY_F10, GDK_SHIFT_MASK, "alerts.context-menu" },
};

typedef struct
{
  TocsinAlertsPage      *self;
  TocsinAlertActionKind  kind;
  guint                  total;
  gboolean               details_touched;
} Run;

/* Messages */

static char *
success_text (TocsinAlertActionKind kind,
              guint                 n)
{
  switch (kind)
    {
    case TOCSIN_ALERT_ACTION_ACKNOWLEDGE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Acknowledged %u alert",
                                           "Acknowledged %u alerts", n),
                              n);
    case TOCSIN_ALERT_ACTION_UNACKNOWLEDGE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Unacknowledged %u alert",
                                           "Unacknowledged %u alerts", n),
                              n);
    case TOCSIN_ALERT_ACTION_CLOSE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Closed %u alert",
                                           "Closed %u alerts", n),
                              n);
    case TOCSIN_ALERT_ACTION_SNOOZE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Snoozed %u alert",
                                           "Snoozed %u alerts", n),
                              n);
    case TOCSIN_ALERT_ACTION_ADD_NOTE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Added a note to %u alert",
                                           "Added a note to %u alerts", n),
                              n);
    case TOCSIN_ALERT_ACTION_ASSIGN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Assigned %u alert",
                                           "Assigned %u alerts", n),
                              n);
    case TOCSIN_ALERT_ACTION_ESCALATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Escalated %u alert",
                                           "Escalated %u alerts", n),
                              n);
    case TOCSIN_ALERT_ACTION_ADD_RESPONDER:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Added a responder to %u alert",
                                           "Added a responder to %u alerts", n),
                              n);
    case TOCSIN_ALERT_ACTION_SET_PRIORITY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Changed the priority of %u alert",
                                           "Changed the priority of %u alerts", n),
                              n);
    }
}

/* One alert failed: its message, then the reason. */
static char *
failure_text (TocsinAlertActionKind  kind,
              const char            *message,
              const char            *reason)
{
  switch (kind)
    {
    case TOCSIN_ALERT_ACTION_ACKNOWLEDGE:
      /* Translators: "Could not acknowledge “Disk full on db-1”: The server refused …" */
      return g_strdup_printf (_("Could not acknowledge “%s”: %s"), message, reason);
    case TOCSIN_ALERT_ACTION_UNACKNOWLEDGE:
      return g_strdup_printf (_("Could not unacknowledge “%s”: %s"), message, reason);
    case TOCSIN_ALERT_ACTION_CLOSE:
      return g_strdup_printf (_("Could not close “%s”: %s"), message, reason);
    case TOCSIN_ALERT_ACTION_SNOOZE:
      return g_strdup_printf (_("Could not snooze “%s”: %s"), message, reason);
    case TOCSIN_ALERT_ACTION_ADD_NOTE:
      return g_strdup_printf (_("Could not add a note to “%s”: %s"), message, reason);
    case TOCSIN_ALERT_ACTION_ASSIGN:
      return g_strdup_printf (_("Could not assign “%s”: %s"), message, reason);
    case TOCSIN_ALERT_ACTION_ESCALATE:
      return g_strdup_printf (_("Could not escalate “%s”: %s"), message, reason);
    case TOCSIN_ALERT_ACTION_ADD_RESPONDER:
      return g_strdup_printf (_("Could not add a responder to “%s”: %s"), message, reason);
    case TOCSIN_ALERT_ACTION_SET_PRIORITY:
    default:
      return g_strdup_printf (_("Could not change the priority of “%s”: %s"), message, reason);
    }
}

/* Several alerts failed: @n_failed of @total, then the first one's reason. */
static char *
failures_text (TocsinAlertActionKind  kind,
               guint                  n_failed,
               guint                  total,
               const char            *reason)
{
  switch (kind)
    {
    case TOCSIN_ALERT_ACTION_ACKNOWLEDGE:
      /* Translators: "Could not acknowledge 3 of 5 alerts: The server refused …" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Could not acknowledge %u of %u alert: %s",
                                           "Could not acknowledge %u of %u alerts: %s", total),
                              n_failed, total, reason);
    case TOCSIN_ALERT_ACTION_UNACKNOWLEDGE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Could not unacknowledge %u of %u alert: %s",
                                           "Could not unacknowledge %u of %u alerts: %s", total),
                              n_failed, total, reason);
    case TOCSIN_ALERT_ACTION_CLOSE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Could not close %u of %u alert: %s",
                                           "Could not close %u of %u alerts: %s", total),
                              n_failed, total, reason);
    case TOCSIN_ALERT_ACTION_SNOOZE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Could not snooze %u of %u alert: %s",
                                           "Could not snooze %u of %u alerts: %s", total),
                              n_failed, total, reason);
    case TOCSIN_ALERT_ACTION_ADD_NOTE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Could not add a note to %u of %u alert: %s",
                                           "Could not add a note to %u of %u alerts: %s", total),
                              n_failed, total, reason);
    case TOCSIN_ALERT_ACTION_ASSIGN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Could not assign %u of %u alert: %s",
                                           "Could not assign %u of %u alerts: %s", total),
                              n_failed, total, reason);
    case TOCSIN_ALERT_ACTION_ESCALATE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Could not escalate %u of %u alert: %s",
                                           "Could not escalate %u of %u alerts: %s", total),
                              n_failed, total, reason);
    case TOCSIN_ALERT_ACTION_ADD_RESPONDER:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Could not add a responder to %u of %u alert: %s",
                                           "Could not add a responder to %u of %u alerts: %s",
                                           total),
                              n_failed, total, reason);
    case TOCSIN_ALERT_ACTION_SET_PRIORITY:
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Could not change the priority of %u of %u alert: %s",
                                           "Could not change the priority of %u of %u alerts: %s",
                                           total),
                              n_failed, total, reason);
    }
}

/* Running actions */

static void
on_action_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autofree Run *run = user_data;
  g_autoptr(TocsinAlertsPage) self = run->self;
  g_autoptr(TocsinAlert) first_failed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n_failed = 0;

  tocsin_alert_monitor_run_action_finish (TOCSIN_ALERT_MONITOR (source), result, &n_failed,
                                          &first_failed, &error);
  /* Cancelled: the page is going away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (error == NULL)
    text = success_text (run->kind, run->total);
  else if (n_failed == 1 && first_failed != NULL)
    text = failure_text (run->kind, tocsin_alert_get_message (first_failed), error->message);
  else
    text = failures_text (run->kind, n_failed, run->total, error->message);
  _tocsin_alerts_page_show_toast (self, text, error != NULL);

  if (run->details_touched && self->details != NULL)
    tocsin_alert_details_reload (self->details);
}

static void
run_action (TocsinAlertsPage  *self,
            GPtrArray         *alerts,
            TocsinAlertAction *action)
{
  TocsinAlert *shown =
    self->details != NULL ? tocsin_alert_details_get_alert (self->details) : NULL;
  Run *run;

  g_assert (TOCSIN_IS_ALERTS_PAGE (self));
  g_assert (action != NULL);

  if (self->monitor == NULL || alerts == NULL || alerts->len == 0)
    return;

  run = g_new0 (Run, 1);
  run->self = g_object_ref (self);
  run->kind = tocsin_alert_action_get_kind (action);
  run->total = alerts->len;
  run->details_touched = shown != NULL && g_ptr_array_find (alerts, shown, NULL);
  tocsin_alert_monitor_run_action_async (self->monitor, alerts, action, self->cancellable,
                                         on_action_done_cb, run);
}

/* Dialogs */

static void
on_dialog_chosen_cb (GtkWidget         *dialog,
                     TocsinAlertAction *action,
                     TocsinAlertsPage  *self)
{
  run_action (self, g_object_get_data (G_OBJECT (dialog), "tocsin-alerts"), action);
}

/* The dialog asks, the page runs what it chose on @alerts. */
static void
run_dialog (TocsinAlertsPage *self,
            GtkWidget        *dialog,
            GPtrArray        *alerts)
{
  g_object_set_data_full (G_OBJECT (dialog), "tocsin-alerts", g_ptr_array_ref (alerts),
                          (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "chosen", G_CALLBACK (on_dialog_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
dialog_new (TocsinAlertsPage      *self,
            TocsinAlertActionKind  kind,
            GPtrArray             *alerts)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWindow *parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;

  switch (kind)
    {
    case TOCSIN_ALERT_ACTION_SNOOZE:
      return tocsin_snooze_dialog_new (parent, alerts->len);
    case TOCSIN_ALERT_ACTION_ADD_NOTE:
      return tocsin_note_dialog_new (parent, alerts->len);
    case TOCSIN_ALERT_ACTION_ASSIGN:
      return tocsin_assign_dialog_new (parent, alerts->len, self->account_id);
    case TOCSIN_ALERT_ACTION_ESCALATE:
      return tocsin_escalate_dialog_new (parent, alerts->len,
                                         tocsin_alert_monitor_get_service (self->monitor));
    case TOCSIN_ALERT_ACTION_ADD_RESPONDER:
      return tocsin_responder_dialog_new (parent, alerts->len);
    case TOCSIN_ALERT_ACTION_SET_PRIORITY:
      return tocsin_priority_dialog_new (parent, alerts->len,
                                         tocsin_alert_get_priority (g_ptr_array_index (alerts, 0)));
    case TOCSIN_ALERT_ACTION_ACKNOWLEDGE:
    case TOCSIN_ALERT_ACTION_UNACKNOWLEDGE:
    case TOCSIN_ALERT_ACTION_CLOSE:
    default:
      g_assert_not_reached ();
    }
}

/* The context menu */

static void
popup_context_menu (TocsinAlertsPage *self,
                    GtkWidget        *widget,
                    double            x,
                    double            y)
{
  double px, py;

  if (!gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), x, y, &px, &py))
    return;

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (self->alert_menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self));
    }
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) px, (int) py, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

/* One right-click gesture on the view rather than one on every cell. */
static void
on_view_pressed_cb (GtkGestureClick *gesture,
                    int              n_press,
                    double           x,
                    double           y)
{
  GtkWidget        *view = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  GtkWidget        *page = gtk_widget_get_ancestor (view, TOCSIN_TYPE_ALERTS_PAGE);
  TocsinAlertsPage *self = page != NULL ? TOCSIN_ALERTS_PAGE (page) : NULL;
  GtkWidget        *picked = gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT);
  guint             position =
    picked != NULL ? _tocsin_alerts_page_cell_position (picked) : GTK_INVALID_LIST_POSITION;

  if (self == NULL || position == GTK_INVALID_LIST_POSITION)
    return;

  /* Like a file manager: a right click outside the selection selects that row. */
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_context_menu (self, view, x, y);
}

/* Actions */

static void
alert_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(TocsinAlertAction) action = NULL;
  TocsinAlertActionKind kind = TOCSIN_ALERT_ACTION_ACKNOWLEDGE;

  if (self->monitor == NULL)
    return;
  alerts = _tocsin_alerts_page_dup_selected_alerts (self);
  if (alerts->len == 0)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (alert_actions); i++)
    if (g_str_equal (action_name, alert_actions[i].name))
      kind = alert_actions[i].kind;

  if (kind == TOCSIN_ALERT_ACTION_ACKNOWLEDGE || kind == TOCSIN_ALERT_ACTION_UNACKNOWLEDGE ||
      kind == TOCSIN_ALERT_ACTION_CLOSE)
    action = tocsin_alert_action_new (kind);
  else if (kind == TOCSIN_ALERT_ACTION_SET_PRIORITY && parameter != NULL)
    {
      int priority = tocsin_alert_priority_from_string (g_variant_get_string (parameter, NULL));

      if (priority < 1 || priority > 5)
        return;
      action = tocsin_alert_action_new_set_priority (priority);
    }

  if (action != NULL)
    run_action (self, alerts, action);
  else
    run_dialog (self, dialog_new (self, kind, alerts), alerts);
}

static void
refresh_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);

  if (self->monitor != NULL)
    tocsin_alert_monitor_refresh (self->monitor);
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_list_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
}

static void
context_menu_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  TocsinAlertsPage *self = TOCSIN_ALERTS_PAGE (widget);
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_rect_t bounds;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->column_view)) ||
      !gtk_widget_compute_bounds (focus, focus, &bounds))
    return;
  popup_context_menu (self, focus, bounds.size.width / 2, bounds.size.height / 2);
}

/* Private API */

void
_tocsin_alerts_page_update_actions (TocsinAlertsPage *self,
                                    guint             n_selected)
{
  g_assert (TOCSIN_IS_ALERTS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (alert_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), alert_actions[i].name,
                                   self->monitor != NULL && n_selected > 0);
}

/* After the template: binds the cells' callback too. */
void
_tocsin_alerts_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_view_pressed_cb);

  for (guint i = 0; i < G_N_ELEMENTS (alert_actions); i++)
    {
      gboolean with_priority = g_str_equal (alert_actions[i].name, "alerts.set-priority");

      gtk_widget_class_install_action (widget_class, alert_actions[i].name,
                                       with_priority ? "s" : NULL, alert_action_cb);
    }
  gtk_widget_class_install_action (widget_class, "alerts.refresh", NULL, refresh_action_cb);
  gtk_widget_class_install_action (widget_class, "alerts.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "alerts.show-list", NULL, show_list_action_cb);
  gtk_widget_class_install_action (widget_class, "alerts.context-menu", NULL,
                                   context_menu_action_cb);

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_widget_class_add_binding_action (widget_class, shortcuts[i].key, shortcuts[i].modifiers,
                                         shortcuts[i].action, NULL);
}
