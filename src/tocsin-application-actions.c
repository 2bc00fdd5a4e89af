/* tocsin-application-actions.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-application"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-notifier.h"
#include "tocsin-application-private.h"
#include "tocsin-preferences-window.h"

/* The app.* actions: the window's menus, the sign-in page, notification
 * buttons (also after the window was closed) and the status icon's menu. */

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  TocsinApplication *self = user_data;
  GtkWindow         *preferences;

  preferences = GTK_WINDOW (tocsin_preferences_window_new (self->settings));
  tocsin_preferences_window_set_auth_session (TOCSIN_PREFERENCES_WINDOW (preferences),
                                              tocsin_context_get_auth_session (self->context));
  gtk_window_set_transient_for (preferences,
                                GTK_WINDOW (_tocsin_application_get_main_window (self)));
  gtk_window_present (preferences);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TocsinApplication *self = user_data;
  static const char *developers [] = { "The Tocsin authors", NULL };

  adw_show_about_window (GTK_WINDOW (_tocsin_application_get_main_window (self)),
                         "application-name", _("Tocsin"), "application-icon", BASE_ID, "version",
                         PACKAGE_VERSION, "developer-name", "The Tocsin authors", "developers",
                         developers, "comments",
                         _("On-call alerts and schedules from Jira Service Management Operations"),
                         "website", "https://github.com/tocsin/tocsin", "issue-url",
                         "https://github.com/tocsin/tocsin/issues", "license-type",
                         GTK_LICENSE_GPL_3_0, "copyright", "© 2026 The Tocsin authors",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"), NULL);
}

static void
sign_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TocsinApplication *self = user_data;
  g_autoptr(GAppLaunchContext) context = NULL;
  TocsinWindow *window = _tocsin_application_get_main_window (self);

  /* The browser opens on the window's display, with its startup id. */
  context = G_APP_LAUNCH_CONTEXT (
    gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (window))));
  tocsin_context_sign_in (self->context, context);
}

static void
cancel_sign_in_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TocsinApplication *self = user_data;

  tocsin_auth_session_cancel (tocsin_context_get_auth_session (self->context));
}

static void
on_sign_out_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tocsin_auth_session_sign_out_finish (TOCSIN_AUTH_SESSION (object), result, &error))
    _tocsin_application_add_toast (self, error->message);
}

static void
on_sign_out_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         TocsinApplication *self)
{
  if (g_strcmp0 (response, "sign-out") != 0)
    return;

  tocsin_context_set_sign_in_error (self->context, NULL);
  tocsin_context_set_choosing_site (self->context, FALSE);
  tocsin_auth_session_sign_out_async (tocsin_context_get_auth_session (self->context), NULL,
                                      on_sign_out_cb, g_object_ref (self));
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TocsinApplication *self = user_data;
  GtkWidget         *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (_tocsin_application_get_main_window (self)),
                                   _("Sign Out?"),
                                   _("Tocsin forgets your sign-in and the data it keeps for this "
                                      "account. You can sign in again at any time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "sign-out",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_sign_out_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
site_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  TocsinApplication *self = user_data;

  tocsin_context_choose_site (self->context, g_variant_get_string (parameter, NULL));
}

/* From a notification's buttons, also after the window was closed. */
static void
notify_action_failed (TocsinApplication *self,
                      const char        *id,
                      const char        *title,
                      const GError      *error)
{
  g_autoptr(GNotification) notification = g_notification_new (title);
  g_autofree char *body = tocsin_alert_notifier_escape_body (error->message);

  g_notification_set_body (notification, body);
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (G_APPLICATION (self), id, notification);
}

static void
on_acknowledge_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  TocsinAlertMonitor *alert_monitor = tocsin_context_get_alert_monitor (self->context);
  g_autoptr(GError) error = NULL;

  if (!tocsin_alert_monitor_run_alert_action_finish (TOCSIN_ALERT_MONITOR (object), result, &error))
    notify_action_failed (self, "acknowledge-failed", _("Could Not Acknowledge the Alert"), error);
  else if (alert_monitor != NULL)
    tocsin_alert_monitor_refresh (alert_monitor);
}

static void
on_snooze_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  TocsinAlertMonitor *alert_monitor = tocsin_context_get_alert_monitor (self->context);
  g_autoptr(GError) error = NULL;

  if (!tocsin_alert_monitor_run_alert_action_finish (TOCSIN_ALERT_MONITOR (object), result, &error))
    notify_action_failed (self, "snooze-failed", _("Could Not Snooze the Alert"), error);
  else if (alert_monitor != NULL)
    tocsin_alert_monitor_refresh (alert_monitor);
}

/* An announced alert and the monitor to act on it with: the watcher's, whose
 * list holds what was announced, whatever the window shows. */
static TocsinAlert *
lookup_announced (TocsinApplication   *self,
                  const char          *alert_id,
                  TocsinAlertMonitor **monitor)
{
  TocsinPagingWatcher *watcher = tocsin_context_get_paging_watcher (self->context);
  TocsinAlert *alert;

  if (watcher == NULL)
    return NULL;

  *monitor = tocsin_paging_watcher_get_monitor (watcher);
  alert = tocsin_alert_list_lookup (tocsin_alert_monitor_get_list (*monitor), alert_id);
  if (alert == NULL)
    g_debug ("Alert %s is no longer listed", alert_id);   /* closed elsewhere since */
  return alert;
}

static void
acknowledge_alert_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TocsinApplication *self = user_data;
  TocsinAlertMonitor *monitor = NULL;
  TocsinAlert *alert = lookup_announced (self, g_variant_get_string (parameter, NULL), &monitor);

  if (alert != NULL)
    tocsin_alert_monitor_run_alert_action_async (monitor, alert, TOCSIN_ALERT_ACTION_ACKNOWLEDGE,
                                                 NULL, NULL, NULL, on_acknowledge_done_cb,
                                                 g_object_ref (self));
}

static void
snooze_alert_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TocsinApplication *self = user_data;
  TocsinAlertMonitor *monitor = NULL;
  TocsinAlert *alert = lookup_announced (self, g_variant_get_string (parameter, NULL), &monitor);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *end_time = NULL;

  if (alert == NULL)
    return;

  end = g_date_time_add_minutes (now, g_settings_get_uint (self->settings, "snooze-minutes"));
  end_time = g_date_time_format (end, "%Y-%m-%dT%H:%M:%SZ");
  tocsin_alert_monitor_run_alert_action_async (monitor, alert, TOCSIN_ALERT_ACTION_SNOOZE, end_time,
                                               NULL, NULL, on_snooze_done_cb, g_object_ref (self));
}

static void
silence_alarm_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TocsinApplication *self = user_data;

  tocsin_alarm_silence (tocsin_context_get_alarm (self->context));
}

/* "hour", "morning" (tomorrow 08:00) or "until-resumed". */
static void
pause_paging_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  TocsinApplication *self = user_data;
  const char *length = g_variant_get_string (parameter, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) until = NULL;

  if (g_str_equal (length, "hour"))
    until = g_date_time_add_hours (now, 1);
  else if (g_str_equal (length, "morning"))
    until = tocsin_pause_next_morning (now);
  else if (!g_str_equal (length, "until-resumed"))
    return;

  tocsin_pause_pause_until (tocsin_context_get_pause (self->context), until);
}

static void
resume_paging_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TocsinApplication *self = user_data;

  tocsin_pause_resume (tocsin_context_get_pause (self->context));
}

/* For menus (the status icon's); notifications use app.activate too. */
static void
activate_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  g_application_activate (G_APPLICATION (user_data));
}

static void
show_alert_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  TocsinApplication *self = user_data;
  TocsinWindow *window = _tocsin_application_get_main_window (self);

  tocsin_window_show_alert (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

/* The health banner's Retry: poll now, for the pager and the window. */
static void
retry_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TocsinApplication *self = user_data;

  tocsin_context_retry (self->context);
}

static const GActionEntry app_actions[] = {
  { "acknowledge-alert", acknowledge_alert_action, "s" },
  { "show-alert", show_alert_action, "s" },
  { "snooze-alert", snooze_alert_action, "s" },
  { "silence-alarm", silence_alarm_action },
  { "pause-paging", pause_paging_action, "s" },
  { "resume-paging", resume_paging_action },
  { "activate", activate_action },
  { "retry", retry_action },
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "sign-in", sign_in_action },
  { "sign-out", sign_out_action },
  { "cancel-sign-in", cancel_sign_in_action },
  { "site", site_action, "s", "''" },
};

void
_tocsin_application_init_actions (TocsinApplication *self)
{
  static const char *quit_accels [] = { "<Control>q", NULL };
  static const char *preferences_accels [] = { "<Control>comma", NULL };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}

static void
enable_action (TocsinApplication *self,
               const char        *name,
               gboolean           enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* What can be done follows the sign-in, the current site and the pause. */
void
_tocsin_application_update_actions (TocsinApplication *self)
{
  TocsinAuthSession *session = tocsin_context_get_auth_session (self->context);
  TocsinAuthState state = tocsin_auth_session_get_state (session);
  TocsinSite *site = tocsin_auth_session_get_current_site (session);
  gboolean paused = tocsin_pause_get_paused (tocsin_context_get_pause (self->context));
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "site");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (site != NULL ? tocsin_site_get_id (site) : ""));

  enable_action (self, "sign-out",
                 state == TOCSIN_AUTH_STATE_SIGNED_IN || state == TOCSIN_AUTH_STATE_NEEDS_REAUTH);
  enable_action (self, "cancel-sign-in", state == TOCSIN_AUTH_STATE_SIGNING_IN);
  enable_action (self, "pause-paging", !paused);
  enable_action (self, "resume-paging", paused);
}
