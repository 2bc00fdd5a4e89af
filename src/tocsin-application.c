/* tocsin-application.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-application"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tocsin-alert-monitor.h"
#include "tocsin-alert-notifier.h"
#include "tocsin-background-portal.h"
#include "tocsin-health-notifier.h"
#include "tocsin-bench.h"
#include "tocsin-application.h"
#include "tocsin-autostart.h"
#include "tocsin-gsound-player.h"
#include "tocsin-ops-client.h"
#include "tocsin-plain-text.h"
#include "tocsin-paging-watcher.h"
#include "tocsin-preferences-window.h"
#include "tocsin-schedule-list.h"
#include "tocsin-schedule-monitor.h"
#include "tocsin-status-icon.h"
#include "tocsin-window.h"

/* The app owns the sign-in (TocsinAuthSession) and, while signed in with a
 * current site, the monitors the pages show. The pages bind to the
 * "alert-monitor" / "schedule-monitor" properties; the sign-in page to
 * "auth-session", "sign-in-error" and "choosing-site". */

struct _TocsinApplication
{
  AdwApplication         parent_instance;

  GSettings             *settings;
  TocsinConfig          *config;
  TocsinAuthSession     *session;

  TocsinAlertMonitor    *alert_monitor;
  TocsinScheduleMonitor *schedule_monitor;
  TocsinAlertNotifier   *notifier;
  TocsinPagingWatcher   *watcher;
  TocsinHealthNotifier  *health_notifier;
  TocsinStatusIcon      *status_icon;
  TocsinPause           *pause;
  TocsinAlarm           *alarm;
  char                  *monitored_site_id;
  char                  *announced_path;
  gboolean               held;

  GError                *sign_in_error;
  gboolean               choosing_site;
  GCancellable          *cancellable;
  /* Started with --background (at login): no window at startup, and
   * running until Quit, like a service. */
  gboolean               start_hidden;
  gboolean               background_service;

  /* Command-line overrides, kept until startup creates the config. */
  GHashTable     *pending_overrides;
};

G_DEFINE_FINAL_TYPE (TocsinApplication, tocsin_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_AUTH_SESSION,
  PROP_ALERT_MONITOR,
  PROP_SCHEDULE_MONITOR,
  PROP_PAGING_WATCHER,
  PROP_SIGN_IN_ERROR,
  PROP_CHOOSING_SITE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void update_status_icon_text (TocsinApplication *self);

/* Command-line option name -> settings key it overrides for this run. */
static const struct {
  const char *option;
  const char *key;
} override_options[] = {
  { "auth-url", "auth-base-url" },
  { "api-url", "api-base-url" },
  { "client-id", "client-id" },
  { "redirect-uri", "redirect-uri" },
};

static const GOptionEntry main_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "background", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Start without a window and keep paging"), NULL },
  { "auth-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this authorization server for this run"), N_("URL") },
  { "api-url", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this API server for this run"), N_("URL") },
  { "client-id", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this OAuth client ID for this run"), N_("ID") },
  { "redirect-uri", 0, 0, G_OPTION_ARG_STRING, NULL, N_("Use this callback URL for this run"), N_("URL") },
  { NULL }
};

static TocsinWindow *
get_main_window (TocsinApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      window = GTK_WINDOW (tocsin_window_new (self));
      tocsin_bench_watch_first_frame (window);
    }

  return TOCSIN_WINDOW (window);
}

/* Actions */

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
  GtkWindow *preferences;

  preferences = GTK_WINDOW (tocsin_preferences_window_new (self->settings));
  tocsin_preferences_window_set_auth_session (TOCSIN_PREFERENCES_WINDOW (preferences), self->session);
  gtk_window_set_transient_for (preferences, GTK_WINDOW (get_main_window (self)));
  gtk_window_present (preferences);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  TocsinApplication *self = user_data;
  static const char *developers[] = { "The Tocsin authors", NULL };

  adw_show_about_window (GTK_WINDOW (get_main_window (self)),
                         "application-name", _("Tocsin"),
                         "application-icon", BASE_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "The Tocsin authors",
                         "developers", developers,
                         "comments", _("On-call alerts and schedules from Jira Service Management Operations"),
                         "website", "https://github.com/tocsin/tocsin",
                         "issue-url", "https://github.com/tocsin/tocsin/issues",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The Tocsin authors",
                         /* Translators: put your names here, one per line */
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
set_sign_in_error (TocsinApplication *self,
                   const GError      *error)
{
  if (self->sign_in_error == NULL && error == NULL)
    return;

  g_clear_error (&self->sign_in_error);
  if (error != NULL)
    self->sign_in_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGN_IN_ERROR]);
}

static void
set_choosing_site (TocsinApplication *self,
                   gboolean           choosing_site)
{
  choosing_site = !!choosing_site;
  if (self->choosing_site == choosing_site)
    return;

  self->choosing_site = choosing_site;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHOOSING_SITE]);
}

static void
add_toast (TocsinApplication *self,
           const char        *message)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (TOCSIN_IS_WINDOW (window))
    tocsin_window_add_toast (TOCSIN_WINDOW (window), tocsin_toast_new_plain (message));
}

static void
on_sign_in_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  g_autofree char *previous_site = g_object_steal_data (G_OBJECT (self), "previous-site");
  g_autoptr(GError) error = NULL;
  TocsinSite *site;

  if (!tocsin_auth_session_sign_in_finish (TOCSIN_AUTH_SESSION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_sign_in_error (self, error);
      return;
    }

  /* Several sites and none chosen before: let the user pick one. A sign-in
   * again for the remembered site goes straight back to it. */
  site = tocsin_auth_session_get_current_site (self->session);
  set_choosing_site (self,
                     g_list_model_get_n_items (tocsin_auth_session_get_sites (self->session)) > 1 &&
                     (site == NULL || g_strcmp0 (previous_site, tocsin_site_get_id (site)) != 0));
}

static void
sign_in_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  TocsinApplication *self = user_data;
  g_autoptr(GAppLaunchContext) context = NULL;
  TocsinWindow *window = get_main_window (self);
  TocsinSite *site = tocsin_auth_session_get_current_site (self->session);

  set_sign_in_error (self, NULL);
  set_choosing_site (self, FALSE);

  /* The browser opens on the window's display, with its startup id. */
  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (window))));
  g_object_set_data_full (G_OBJECT (self), "previous-site",
                          site != NULL ? g_strdup (tocsin_site_get_id (site)) : NULL, g_free);
  tocsin_auth_session_sign_in_async (self->session, context, NULL, on_sign_in_cb, g_object_ref (self));
}

static void
cancel_sign_in_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  TocsinApplication *self = user_data;

  tocsin_auth_session_cancel (self->session);
}

static void
on_sign_out_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tocsin_auth_session_sign_out_finish (TOCSIN_AUTH_SESSION (object), result, &error))
    add_toast (self, error->message);
}

static void
on_sign_out_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         TocsinApplication *self)
{
  if (g_strcmp0 (response, "sign-out") != 0)
    return;

  set_sign_in_error (self, NULL);
  set_choosing_site (self, FALSE);
  tocsin_auth_session_sign_out_async (self->session, NULL, on_sign_out_cb, g_object_ref (self));
}

static void
sign_out_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  TocsinApplication *self = user_data;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_WINDOW (get_main_window (self)),
                                   _("Sign Out?"),
                                   _("Tocsin forgets your sign-in and the data it keeps for this "
                                     "account. You can sign in again at any time."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "sign-out", _("_Sign Out"),
                                    NULL);
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
  GListModel *sites = tocsin_auth_session_get_sites (self->session);
  const char *id = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(TocsinSite) site = g_list_model_get_item (sites, i);

      if (g_strcmp0 (tocsin_site_get_id (site), id) == 0)
        {
          tocsin_auth_session_set_current_site (self->session, site);
          set_choosing_site (self, FALSE);
          return;
        }
    }
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
  g_autoptr(GError) error = NULL;

  if (!tocsin_alert_monitor_run_alert_action_finish (TOCSIN_ALERT_MONITOR (object), result, &error))
    notify_action_failed (self, "acknowledge-failed", _("Could Not Acknowledge the Alert"), error);
  else if (self->alert_monitor != NULL)
    tocsin_alert_monitor_refresh (self->alert_monitor);
}

static void
on_snooze_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tocsin_alert_monitor_run_alert_action_finish (TOCSIN_ALERT_MONITOR (object), result, &error))
    notify_action_failed (self, "snooze-failed", _("Could Not Snooze the Alert"), error);
  else if (self->alert_monitor != NULL)
    tocsin_alert_monitor_refresh (self->alert_monitor);
}

/* An announced alert and the monitor to act on it with: the watcher's, whose
 * list holds what was announced, whatever the window shows. */
static TocsinAlert *
lookup_announced (TocsinApplication   *self,
                  const char          *alert_id,
                  TocsinAlertMonitor **monitor)
{
  TocsinAlert *alert;

  if (self->watcher == NULL)
    return NULL;

  *monitor = tocsin_paging_watcher_get_monitor (self->watcher);
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
  tocsin_alert_monitor_run_alert_action_async (monitor, alert, TOCSIN_ALERT_ACTION_SNOOZE,
                                               end_time, NULL, NULL, on_snooze_done_cb,
                                               g_object_ref (self));
}

static void
silence_alarm_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TocsinApplication *self = user_data;

  tocsin_alarm_silence (self->alarm);
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

  tocsin_pause_pause_until (self->pause, until);
}

static void
resume_paging_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  TocsinApplication *self = user_data;

  tocsin_pause_resume (self->pause);
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
  TocsinWindow *window = get_main_window (self);

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

  if (self->watcher != NULL)
    tocsin_paging_watcher_refresh (self->watcher);
  if (self->alert_monitor != NULL)
    tocsin_alert_monitor_refresh (self->alert_monitor);
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

/* Monitors */

/* While signed in with run-in-background on, closing the window leaves the
 * app running, so the monitors keep polling and the notifier keeps paging. */
static void
on_background_answered_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean allowed = FALSE;

  if (!tocsin_background_portal_request_finish (result, &allowed, &error))
    g_debug ("Could not ask to run in the background: %s", error->message);
  else if (!allowed)
    add_toast (self, _("Tocsin is not allowed to run in the background. Keep its window open to be paged."));
}

static void
update_hold (TocsinApplication *self)
{
  gboolean hold = self->alert_monitor != NULL &&
                  self->settings != NULL &&
                  g_settings_get_boolean (self->settings, "run-in-background");

  if (hold == self->held)
    return;

  self->held = hold;
  if (hold)
    g_application_hold (G_APPLICATION (self));
  else
    g_application_release (G_APPLICATION (self));

  /* In Flatpak, running on without a window needs the Background portal. */
  if (hold && tocsin_background_portal_is_sandboxed () &&
      g_application_get_dbus_connection (G_APPLICATION (self)) != NULL)
    tocsin_background_portal_request_async (g_application_get_dbus_connection (G_APPLICATION (self)),
                                            _("Watching for on-call alerts"),
                                            g_settings_get_boolean (self->settings, "start-at-login"),
                                            NULL, on_background_answered_cb, g_object_ref (self));
}

static gboolean
priority_from_setting (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  if (nick[0] != 'P' || nick[1] < '1' || nick[1] > '5')
    return FALSE;

  g_value_set_int (value, nick[1] - '0');
  return TRUE;
}

/* The health notification is for when no window shows the banner. */
static void
update_window_open (TocsinApplication *self)
{
  if (self->health_notifier != NULL)
    tocsin_health_notifier_set_window_open (self->health_notifier,
                                            gtk_application_get_windows (GTK_APPLICATION (self)) != NULL);
}

static void
on_windows_changed_cb (TocsinApplication *self,
                       GtkWindow         *window,
                       gpointer           user_data)
{
  update_window_open (self);
}

/* page-for "auto" is settled once, from the first schedules loaded after
 * sign-in (connected to the schedule monitor's "refreshed": before that the
 * list is empty and would always say "everything"); the window says which
 * scope was chosen and why. */
static void
settle_page_for (TocsinApplication *self)
{
  TocsinScheduleList *schedules;
  TocsinPageFor chosen;
  GtkWindow *window;
  AdwToast *toast;

  if (self->schedule_monitor == NULL || g_settings_get_enum (self->settings, "page-for") != 0)
    return;

  schedules = tocsin_schedule_monitor_get_model (self->schedule_monitor);
  if (tocsin_schedule_list_get_loading (schedules) || tocsin_schedule_list_get_error (schedules) != NULL)
    return;

  chosen = tocsin_paging_watcher_choose_page_for (schedules);
  /* The setting's values are the enum's nicks, after "auto". */
  g_settings_set_enum (self->settings, "page-for", (int) chosen + 1);

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (!TOCSIN_IS_WINDOW (window))
    return;
  toast = adw_toast_new (chosen == TOCSIN_PAGE_FOR_ME_AND_MY_ON_CALL_TEAMS
                         ? _("Paging you for your on-call teams, as you are in a rotation")
                         : _("Paging you for every open alert, as you are in no rotation"));
  adw_toast_set_button_label (toast, _("C_hange"));
  adw_toast_set_action_name (toast, "app.preferences");
  adw_toast_set_timeout (toast, 0);
  tocsin_window_add_toast (TOCSIN_WINDOW (window), toast);
}

static void
update_page_for (TocsinApplication *self)
{
  int value = g_settings_get_enum (self->settings, "page-for");

  if (self->watcher == NULL)
    return;

  /* Until "auto" is settled, everything pages: never silently unpaged. */
  tocsin_paging_watcher_set_page_for (self->watcher,
                                      value == 0 ? TOCSIN_PAGE_FOR_EVERYTHING : (TocsinPageFor) (value - 1));
}

static void
start_notifier (TocsinApplication *self)
{
  TocsinAccountState *account = tocsin_auth_session_get_account_state (self->session);

  /* The ids already announced are per-account state, so a restart does not
   * page again; sign-out deletes them. */
  g_free (self->announced_path);
  self->announced_path = account != NULL ? g_strdup (tocsin_account_state_get_announced_path (account))
                                         : NULL;

  self->notifier = tocsin_alert_notifier_new (G_APPLICATION (self),
                                              tocsin_paging_watcher_get_alerts (self->watcher),
                                              self->announced_path);
  g_settings_bind_with_mapping (self->settings, "notify-min-priority",
                                self->notifier, "min-priority",
                                G_SETTINGS_BIND_GET,
                                priority_from_setting, NULL, NULL, NULL);
  g_settings_bind (self->settings, "snooze-minutes", self->notifier, "snooze-minutes", G_SETTINGS_BIND_GET);
  tocsin_alert_notifier_set_pause (self->notifier, self->pause);
  tocsin_alert_notifier_set_alarm (self->notifier, self->alarm);
  /* In-place changes (acknowledged elsewhere, re-opened) emit no
   * items-changed; every finished refresh is a reason to look again. */
  g_signal_connect_object (self->watcher, "refreshed",
                           G_CALLBACK (tocsin_alert_notifier_scan), self->notifier,
                           G_CONNECT_SWAPPED);

  self->health_notifier = tocsin_health_notifier_new (G_APPLICATION (self), self->watcher, self->notifier);
  update_window_open (self);
}

/* What pages is the watcher's, never the window's search. */
static void
start_watcher (TocsinApplication *self,
               TocsinOpsClient   *client)
{
  const char *account_id = tocsin_auth_session_get_account_id (self->session);
  const char *interval = g_getenv ("TOCSIN_POLL_INTERVAL");
  const char *floor = g_getenv ("TOCSIN_STALE_FLOOR");

  self->watcher = tocsin_paging_watcher_new (client);
  tocsin_paging_watcher_set_account (self->watcher,
                                     g_strcmp0 (account_id, "unknown") != 0 ? account_id : NULL,
                                     tocsin_auth_session_get_account_name (self->session));
  tocsin_paging_watcher_set_schedule_monitor (self->watcher, self->schedule_monitor);
  update_page_for (self);

  /* For the demo and manual tests: short polls and a stale threshold
   * reachable in seconds, for this run only. */
  if (interval != NULL && g_ascii_strtoull (interval, NULL, 10) > 0)
    tocsin_paging_watcher_set_poll_interval (self->watcher, (guint) g_ascii_strtoull (interval, NULL, 10));
  else
    g_settings_bind (self->settings, "poll-interval", self->watcher, "poll-interval", G_SETTINGS_BIND_GET);
  if (floor != NULL && *floor != '\0')
    tocsin_paging_watcher_set_stale_floor (self->watcher, (guint) g_ascii_strtoull (floor, NULL, 10));

  g_signal_connect_object (self->watcher, "notify::health",
                           G_CALLBACK (update_status_icon_text), self, G_CONNECT_SWAPPED);
  tocsin_paging_watcher_set_active (self->watcher, TRUE);
}

static void
add_menu_item (GMenu      *menu,
               const char *label,
               const char *action,
               const char *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target (item, action, target != NULL ? "s" : NULL, target);
  g_menu_item_set_attribute (item, "hidden-when", "s", "action-disabled");
  g_menu_append_item (menu, item);
}

/* The status icon's menu, as KDE and Waybar users expect one. */
static GMenuModel *
build_tray_menu (void)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) paging = g_menu_new ();
  g_autoptr(GMenu) quit = g_menu_new ();

  /* The same labels as the window's menu; dbusmenu also takes "_" mnemonics. */
  g_menu_append (menu, _("_Show Tocsin"), "app.activate");
  add_menu_item (paging, _("Pause Paging for 1 _Hour"), "app.pause-paging", "hour");
  add_menu_item (paging, _("Pause Paging Until _Tomorrow 08:00"), "app.pause-paging", "morning");
  add_menu_item (paging, _("Pause Paging Until I _Resume"), "app.pause-paging", "until-resumed");
  add_menu_item (paging, _("_Resume Paging"), "app.resume-paging", NULL);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (paging));
  g_menu_append (quit, _("_Quit"), "app.quit");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (quit));

  return G_MENU_MODEL (menu);
}

/* The optional status icon: what needs the user, in a tooltip. */
static void
update_status_icon_text (TocsinApplication *self)
{
  g_autoptr(GString) tooltip = g_string_new (NULL);
  const char *summary = NULL;
  guint count;

  if (self->status_icon == NULL || self->alert_monitor == NULL)
    return;

  count = tocsin_alert_monitor_get_open_unacknowledged_count (self->alert_monitor);
  g_string_printf (tooltip, g_dngettext (GETTEXT_PACKAGE, "%u unacknowledged alert",
                                         "%u unacknowledged alerts", count), count);
  if (self->schedule_monitor != NULL)
    summary = tocsin_schedule_list_get_summary (tocsin_schedule_monitor_get_model (self->schedule_monitor));
  if (summary != NULL)
    g_string_append_printf (tooltip, " · %s", summary);
  if (tocsin_pause_get_paused (self->pause))
    {
      g_autofree char *paused = tocsin_application_dup_pause_text (self);

      g_string_append_printf (tooltip, "\n%s", paused);
    }
  if (self->watcher != NULL)
    {
      g_autofree char *health = tocsin_health_describe (tocsin_paging_watcher_get_health (self->watcher),
                                                        tocsin_paging_watcher_get_stale_since (self->watcher));

      if (health != NULL)
        g_string_append_printf (tooltip, "\n%s", health);
    }

  tocsin_status_icon_set_tooltip (self->status_icon, tooltip->str);
  tocsin_status_icon_set_needs_attention (self->status_icon, count > 0);
}

static void
update_status_icon (TocsinApplication *self)
{
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  gboolean wanted = self->alert_monitor != NULL && bus != NULL &&
                    g_settings_get_boolean (self->settings, "show-tray-icon");

  if (!wanted)
    {
      g_clear_object (&self->status_icon);
      return;
    }

  if (self->status_icon == NULL)
    {
      g_autoptr(GMenuModel) menu = build_tray_menu ();

      self->status_icon = tocsin_status_icon_new (bus, APP_ID, APP_ID "-symbolic");
      tocsin_status_icon_set_menu (self->status_icon, menu, G_ACTION_GROUP (self));
      g_signal_connect_object (self->status_icon, "activate",
                               G_CALLBACK (g_application_activate), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->alert_monitor, "notify::open-unacknowledged-count",
                               G_CALLBACK (update_status_icon_text), self, G_CONNECT_SWAPPED);
      if (self->schedule_monitor != NULL)
        g_signal_connect_object (tocsin_schedule_monitor_get_model (self->schedule_monitor), "notify::summary",
                                 G_CALLBACK (update_status_icon_text), self, G_CONNECT_SWAPPED);
    }

  update_status_icon_text (self);
}

static void
drop_monitors (TocsinApplication *self)
{
  gboolean had_alerts = self->alert_monitor != NULL;
  gboolean had_schedules = self->schedule_monitor != NULL;

  g_clear_object (&self->status_icon);
  g_clear_object (&self->health_notifier);
  if (self->notifier != NULL)
    {
      g_settings_unbind (self->notifier, "min-priority");
      g_settings_unbind (self->notifier, "snooze-minutes");
      g_clear_object (&self->notifier);
    }
  if (self->watcher != NULL)
    {
      g_settings_unbind (self->watcher, "poll-interval");
      tocsin_paging_watcher_set_active (self->watcher, FALSE);
      g_clear_object (&self->watcher);
    }
  if (self->alert_monitor != NULL)
    {
      g_settings_unbind (self->alert_monitor, "poll-interval");
      tocsin_alert_monitor_set_active (self->alert_monitor, FALSE);
      g_clear_object (&self->alert_monitor);
    }
  if (self->schedule_monitor != NULL)
    {
      tocsin_schedule_monitor_stop (self->schedule_monitor);
      g_clear_object (&self->schedule_monitor);
    }
  g_clear_pointer (&self->monitored_site_id, g_free);
  /* Nothing pages without an account, so nothing rings either. */
  if (self->alarm != NULL)
    tocsin_alarm_silence (self->alarm);
  update_hold (self);

  if (had_alerts)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALERT_MONITOR]);
  if (had_schedules)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCHEDULE_MONITOR]);
  if (had_alerts)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGING_WATCHER]);
}

/* Monitors exist while signed in with a current site, one set per site. */
static void
update_monitors (TocsinApplication *self)
{
  TocsinSite *site = tocsin_auth_session_get_current_site (self->session);
  const char *account_id = tocsin_auth_session_get_account_id (self->session);
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(TocsinScheduleService) service = NULL;
  g_autoptr(GError) error = NULL;
  GAction *action;

  action = g_action_map_lookup_action (G_ACTION_MAP (self), "site");
  g_simple_action_set_state (G_SIMPLE_ACTION (action),
                             g_variant_new_string (site != NULL ? tocsin_site_get_id (site) : ""));

  if (tocsin_auth_session_get_state (self->session) != TOCSIN_AUTH_STATE_SIGNED_IN || site == NULL)
    {
      drop_monitors (self);
      return;
    }

  if (g_strcmp0 (self->monitored_site_id, tocsin_site_get_id (site)) == 0)
    return;

  drop_monitors (self);

  client = tocsin_ops_client_new (tocsin_config_get_api_base_url (self->config),
                                  tocsin_site_get_id (site),
                                  TOCSIN_TOKEN_PROVIDER (self->session), &error);
  if (client == NULL)
    {
      set_sign_in_error (self, error);
      return;
    }

  self->monitored_site_id = g_strdup (tocsin_site_get_id (site));

  self->alert_monitor = tocsin_alert_monitor_new (client);
  g_settings_bind (self->settings, "poll-interval", self->alert_monitor, "poll-interval",
                   G_SETTINGS_BIND_GET);
  tocsin_alert_monitor_set_active (self->alert_monitor, TRUE);

  service = tocsin_schedule_service_new (client);
  self->schedule_monitor = tocsin_schedule_monitor_new (service);
  if (account_id != NULL && g_strcmp0 (account_id, "unknown") != 0)
    tocsin_schedule_monitor_set_account_id (self->schedule_monitor, account_id);
  g_signal_connect_object (self->schedule_monitor, "refreshed",
                           G_CALLBACK (settle_page_for), self, G_CONNECT_SWAPPED);

  start_watcher (self, client);
  start_notifier (self);
  tocsin_schedule_monitor_start (self->schedule_monitor);

  update_hold (self);
  update_status_icon (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALERT_MONITOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCHEDULE_MONITOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGING_WATCHER]);
}

static void
enable_action (TocsinApplication *self,
               const char        *name,
               gboolean           enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
on_session_changed_cb (TocsinApplication *self)
{
  TocsinAuthState state = tocsin_auth_session_get_state (self->session);

  if (state != TOCSIN_AUTH_STATE_SIGNED_IN)
    set_choosing_site (self, FALSE);
  else
    g_application_withdraw_notification (G_APPLICATION (self), "not-signed-in");
  if (state == TOCSIN_AUTH_STATE_SIGNED_OUT && self->announced_path != NULL)
    {
      g_unlink (self->announced_path);
      g_clear_pointer (&self->announced_path, g_free);
    }
  enable_action (self, "sign-out",
                 state == TOCSIN_AUTH_STATE_SIGNED_IN || state == TOCSIN_AUTH_STATE_NEEDS_REAUTH);
  enable_action (self, "cancel-sign-in", state == TOCSIN_AUTH_STATE_SIGNING_IN);
  update_monitors (self);
}

static void
on_restored_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  /* A locked or missing keyring: say so on the sign-in page; the app stays
   * usable and signing in tells again what is wrong. */
  if (!tocsin_auth_session_restore_finish (TOCSIN_AUTH_SESSION (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_sign_in_error (self, error);

  /* Started at login with nobody to page for: say so, once. */
  if (self->background_service &&
      tocsin_auth_session_get_state (self->session) != TOCSIN_AUTH_STATE_SIGNED_IN)
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Tocsin Cannot Page You"));

      g_notification_set_body (notification, _("Nobody is signed in. Open Tocsin to sign in."));
      g_notification_set_default_action (notification, "app.activate");
      g_application_send_notification (G_APPLICATION (self), "not-signed-in", notification);
    }
}

/* GApplication overrides */

static int
tocsin_application_handle_local_options (GApplication *app,
                                         GVariantDict *options)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "tocsin", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "background"))
    {
      g_autoptr(GError) error = NULL;

      /* Already running: it pages already, and must not open a window. */
      if (!g_application_register (app, NULL, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      if (g_application_get_is_remote (app))
        return 0;
      self->start_hidden = TRUE;
      self->background_service = TRUE;
      g_application_hold (app);
    }

  for (guint i = 0; i < G_N_ELEMENTS (override_options); i++)
    {
      const char *value = NULL;

      if (g_variant_dict_lookup (options, override_options[i].option, "&s", &value))
        g_hash_table_insert (self->pending_overrides,
                             g_strdup (override_options[i].key),
                             g_strdup (value));
    }

  return -1;
}

/* The rotated sign-in could not reach the keyring: say so once, in the
 * window or, with none open, as a notification. */
static void
on_keyring_unsaved_cb (TocsinApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  const char *message = _("Tocsin could not save your sign-in to the keyring: unlock it to stay "
                          "signed in after a restart");
  g_autoptr(GNotification) notification = NULL;

  if (!tocsin_auth_session_get_keyring_unsaved (self->session))
    {
      g_application_withdraw_notification (G_APPLICATION (self), "keyring-unsaved");
      return;
    }

  if (TOCSIN_IS_WINDOW (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      tocsin_window_add_toast (TOCSIN_WINDOW (window), toast);
      return;
    }

  notification = g_notification_new (_("Sign-In Not Saved"));
  g_notification_set_body (notification, message);
  g_notification_set_default_action (notification, "app.activate");
  g_application_send_notification (G_APPLICATION (self), "keyring-unsaved", notification);
}

static gboolean
alarm_priority_from_setting (GValue   *value,
                             GVariant *variant,
                             gpointer  user_data)
{
  if (g_str_equal (g_variant_get_string (variant, NULL), "off"))
    {
      g_value_set_int (value, 0);
      return TRUE;
    }

  return priority_from_setting (value, variant, user_data);
}

static void
on_pause_changed_cb (TocsinApplication *self)
{
  gboolean paused = tocsin_pause_get_paused (self->pause);

  enable_action (self, "pause-paging", !paused);
  enable_action (self, "resume-paging", paused);
  update_status_icon_text (self);
}

/* Start at login: an autostart entry, or inside Flatpak the Background
 * portal, which also covers running without a window. */
static void
update_autostart (TocsinApplication *self)
{
  gboolean enabled = g_settings_get_boolean (self->settings, "start-at-login");
  GDBusConnection *bus = g_application_get_dbus_connection (G_APPLICATION (self));
  g_autoptr(GError) error = NULL;

  if (tocsin_background_portal_is_sandboxed ())
    {
      if (bus != NULL)
        tocsin_background_portal_request_async (bus, _("Watching for on-call alerts"), enabled, NULL,
                                                on_background_answered_cb, g_object_ref (self));
      return;
    }

  if (!tocsin_autostart_set_enabled (APP_ID, _("Tocsin"), enabled, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not change starting at login: %s"), error->message);

      add_toast (self, message);
    }
}

/* Pause, alarm and start at login live as long as the app, across sign-ins. */
static void
setup_paging (TocsinApplication *self)
{
  g_autoptr(TocsinGSoundPlayer) player = tocsin_gsound_player_new (RESOURCE_PATH "/sounds/alarm.oga");

  self->pause = tocsin_pause_new ();
  g_settings_bind (self->settings, "pause-p1-breaks-through", self->pause, "p1-breaks-through",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->pause, "notify::paused", G_CALLBACK (on_pause_changed_cb),
                           self, G_CONNECT_SWAPPED);
  on_pause_changed_cb (self);

  self->alarm = tocsin_alarm_new (TOCSIN_ALARM_PLAYER (player));
  g_settings_bind_with_mapping (self->settings, "alarm-min-priority", self->alarm, "min-priority",
                                G_SETTINGS_BIND_GET, alarm_priority_from_setting, NULL, NULL, NULL);
  g_settings_bind (self->settings, "alarm-repeat-interval", self->alarm, "repeat-interval",
                   G_SETTINGS_BIND_GET);

  g_signal_connect_object (self->settings, "changed::start-at-login",
                           G_CALLBACK (update_autostart), self, G_CONNECT_SWAPPED);
}

static void
tocsin_application_startup (GApplication *app)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  GHashTableIter iter;
  gpointer key, value;

  G_APPLICATION_CLASS (tocsin_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);

  self->settings = g_settings_new (BASE_ID);
  self->config = tocsin_config_new (self->settings);

  g_hash_table_iter_init (&iter, self->pending_overrides);
  while (g_hash_table_iter_next (&iter, &key, &value))
    tocsin_config_override (self->config, key, value);
  g_hash_table_remove_all (self->pending_overrides);

  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (update_hold), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::show-tray-icon",
                           G_CALLBACK (update_status_icon), self, G_CONNECT_SWAPPED);
  setup_paging (self);
  g_signal_connect_object (self->settings, "changed::page-for",
                           G_CALLBACK (update_page_for), self, G_CONNECT_SWAPPED);
  g_signal_connect_after (self, "window-added", G_CALLBACK (on_windows_changed_cb), NULL);
  g_signal_connect_after (self, "window-removed", G_CALLBACK (on_windows_changed_cb), NULL);

  self->session = tocsin_auth_session_new (self->config);
  g_signal_connect_object (self->session, "notify::state",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::current-site",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::keyring-unsaved",
                           G_CALLBACK (on_keyring_unsaved_cb), self, G_CONNECT_SWAPPED);
  on_session_changed_cb (self);

  /* Tokens come from the keyring without blocking the window. */
  self->cancellable = g_cancellable_new ();
  tocsin_auth_session_restore_async (self->session, self->cancellable, on_restored_cb, g_object_ref (self));
}

static void
tocsin_application_activate (GApplication *app)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);

  /* The activation that follows --background opens nothing; a later one
   * (the launcher, a notification) shows the window as usual. */
  if (self->start_hidden)
    {
      self->start_hidden = FALSE;
      return;
    }

  gtk_window_present (GTK_WINDOW (get_main_window (self)));
}

static void
tocsin_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);

  /* tocsin:// callbacks arrive here, also forwarded from a second process
   * started by the browser; the pending sign-in claims them. Anything else
   * just brings the window up. */
  tocsin_application_activate (app);

  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *uri = g_file_get_uri (files[i]);

      if (!g_str_has_prefix (uri, "tocsin:"))
        continue;
      if (!tocsin_auth_session_handle_callback_uri (self->session, uri))
        add_toast (self, _("This sign-in link does not belong to a sign-in in progress."));
    }
}

static void
tocsin_application_shutdown (GApplication *app)
{
  TocsinApplication *self = TOCSIN_APPLICATION (app);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    tocsin_auth_session_cancel (self->session);
  drop_monitors (self);

  G_APPLICATION_CLASS (tocsin_application_parent_class)->shutdown (app);
}

/* GObject overrides */

static void
tocsin_application_dispose (GObject *object)
{
  TocsinApplication *self = (TocsinApplication *)object;

  drop_monitors (self);
  g_clear_object (&self->alarm);
  g_clear_object (&self->pause);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->config);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tocsin_application_parent_class)->dispose (object);
}

static void
tocsin_application_finalize (GObject *object)
{
  TocsinApplication *self = (TocsinApplication *)object;

  g_clear_pointer (&self->pending_overrides, g_hash_table_unref);
  g_clear_pointer (&self->announced_path, g_free);
  g_clear_error (&self->sign_in_error);

  G_OBJECT_CLASS (tocsin_application_parent_class)->finalize (object);
}

static void
tocsin_application_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  TocsinApplication *self = TOCSIN_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_AUTH_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ALERT_MONITOR:
      g_value_set_object (value, self->alert_monitor);
      break;
    case PROP_SCHEDULE_MONITOR:
      g_value_set_object (value, self->schedule_monitor);
      break;
    case PROP_PAGING_WATCHER:
      g_value_set_object (value, self->watcher);
      break;
    case PROP_SIGN_IN_ERROR:
      g_value_set_boxed (value, self->sign_in_error);
      break;
    case PROP_CHOOSING_SITE:
      g_value_set_boolean (value, self->choosing_site);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_application_class_init (TocsinApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = tocsin_application_dispose;
  object_class->finalize = tocsin_application_finalize;
  object_class->get_property = tocsin_application_get_property;

  properties [PROP_AUTH_SESSION] =
    g_param_spec_object ("auth-session", NULL, NULL, TOCSIN_TYPE_AUTH_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ALERT_MONITOR] =
    g_param_spec_object ("alert-monitor", NULL, NULL, TOCSIN_TYPE_ALERT_MONITOR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SCHEDULE_MONITOR] =
    g_param_spec_object ("schedule-monitor", NULL, NULL, TOCSIN_TYPE_SCHEDULE_MONITOR,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_PAGING_WATCHER] =
    g_param_spec_object ("paging-watcher", NULL, NULL, TOCSIN_TYPE_PAGING_WATCHER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Why the last sign-in (or reading the keyring at startup) failed. */
  properties [PROP_SIGN_IN_ERROR] =
    g_param_spec_boxed ("sign-in-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Signed in with several sites and the user has yet to pick one. */
  properties [PROP_CHOOSING_SITE] =
    g_param_spec_boolean ("choosing-site", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  app_class->handle_local_options = tocsin_application_handle_local_options;
  app_class->startup = tocsin_application_startup;
  app_class->activate = tocsin_application_activate;
  app_class->open = tocsin_application_open;
  app_class->shutdown = tocsin_application_shutdown;
}

static void
tocsin_application_init (TocsinApplication *self)
{
  self->pending_overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  g_application_add_main_option_entries (G_APPLICATION (self), main_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[URI…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("See and act on your on-call alerts and schedules."));
}

TocsinApplication *
tocsin_application_new (void)
{
  return g_object_new (TOCSIN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_PATH,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       NULL);
}

/* The uninstalled build (demo, tests) points this at the build tree. */
const char *
tocsin_application_locale_dir (void)
{
  const char *dir = g_getenv ("TOCSIN_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

GSettings *
tocsin_application_get_settings (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->settings;
}

TocsinConfig *
tocsin_application_get_config (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->config;
}

/* Returns: (transfer none): the sign-in, set from startup on */
TocsinAuthSession *
tocsin_application_get_auth_session (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->session;
}

/* Returns: (transfer none) (nullable) */
TocsinAlertMonitor *
tocsin_application_get_alert_monitor (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->alert_monitor;
}

/* Returns: (transfer none) (nullable) */
TocsinScheduleMonitor *
tocsin_application_get_schedule_monitor (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->schedule_monitor;
}

/* Returns: (transfer none) (nullable): what pages, while signed in */
TocsinPagingWatcher *
tocsin_application_get_paging_watcher (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->watcher;
}

/* Returns: (transfer none) (nullable) */
const GError *
tocsin_application_get_sign_in_error (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->sign_in_error;
}

gboolean
tocsin_application_get_choosing_site (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), FALSE);

  return self->choosing_site;
}

/* Returns: (transfer none) (nullable): set from startup on */
TocsinPause *
tocsin_application_get_pause (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->pause;
}

/* Returns: (transfer none) (nullable): set from startup on */
TocsinAlarm *
tocsin_application_get_alarm (TocsinApplication *self)
{
  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  return self->alarm;
}

/* "Paging paused until 14:00", for the tooltip and the window. */
char *
tocsin_application_dup_pause_text (TocsinApplication *self)
{
  GDateTime *until;
  g_autofree char *time = NULL;

  g_return_val_if_fail (TOCSIN_IS_APPLICATION (self), NULL);

  until = tocsin_pause_get_until (self->pause);
  if (until == NULL)
    return g_strdup (_("Paging paused until you resume it"));

  time = g_date_time_format (until, "%H:%M");
  return g_strdup_printf (_("Paging paused until %s"), time);
}
