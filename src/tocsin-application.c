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
#include "tocsin-bench.h"
#include "tocsin-application.h"
#include "tocsin-ops-client.h"
#include "tocsin-plain-text.h"
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
  TocsinStatusIcon      *status_icon;
  char                  *monitored_site_id;
  char                  *announced_path;
  gboolean               held;

  GError                *sign_in_error;
  gboolean               choosing_site;
  GCancellable          *cancellable;

  /* Command-line overrides, kept until startup creates the config. */
  GHashTable     *pending_overrides;
};

G_DEFINE_FINAL_TYPE (TocsinApplication, tocsin_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_AUTH_SESSION,
  PROP_ALERT_MONITOR,
  PROP_SCHEDULE_MONITOR,
  PROP_SIGN_IN_ERROR,
  PROP_CHOOSING_SITE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

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
on_acknowledge_done_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(TocsinApplication) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tocsin_alert_monitor_run_action_finish (TOCSIN_ALERT_MONITOR (object), result, &error))
    {
      g_autoptr(GNotification) notification = g_notification_new (_("Could Not Acknowledge the Alert"));
      g_autofree char *body = tocsin_alert_notifier_escape_body (error->message);

      g_notification_set_body (notification, body);
      g_notification_set_default_action (notification, "app.activate");
      g_application_send_notification (G_APPLICATION (self), "acknowledge-failed", notification);
    }
}

static void
acknowledge_alert_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  TocsinApplication *self = user_data;
  const char *alert_id = g_variant_get_string (parameter, NULL);
  TocsinAlert *alert;

  if (self->alert_monitor == NULL)
    return;

  alert = tocsin_alert_list_lookup (tocsin_alert_monitor_get_list (self->alert_monitor), alert_id);
  if (alert == NULL)
    {
      /* Gone since it was announced (closed elsewhere): nothing to do. */
      g_debug ("Alert %s is no longer listed", alert_id);
      return;
    }

  tocsin_alert_monitor_run_action_async (self->alert_monitor, alert, TOCSIN_ALERT_ACTION_ACKNOWLEDGE,
                                         NULL, NULL, NULL, on_acknowledge_done_cb, g_object_ref (self));
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

static const GActionEntry app_actions[] = {
  { "acknowledge-alert", acknowledge_alert_action, "s" },
  { "show-alert", show_alert_action, "s" },
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
                                            _("Watching for on-call alerts"), NULL,
                                            on_background_answered_cb, g_object_ref (self));
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

static void
start_notifier (TocsinApplication *self)
{
  g_autofree char *state_file = tocsin_auth_session_dup_state_file_path (self->session);

  /* The ids already announced sit beside the account's state file, so a
   * restart does not page again; sign-out deletes both. */
  g_free (self->announced_path);
  self->announced_path = state_file != NULL ? g_strconcat (state_file, ".announced", NULL) : NULL;

  self->notifier = tocsin_alert_notifier_new (G_APPLICATION (self),
                                              G_LIST_MODEL (tocsin_alert_monitor_get_list (self->alert_monitor)),
                                              self->announced_path);
  g_settings_bind_with_mapping (self->settings, "notify-min-priority",
                                self->notifier, "min-priority",
                                G_SETTINGS_BIND_GET,
                                priority_from_setting, NULL, NULL, NULL);
  /* In-place changes (acknowledged elsewhere, re-opened) emit no
   * items-changed; every finished refresh is a reason to look again. */
  g_signal_connect_object (self->alert_monitor, "notify::last-refresh",
                           G_CALLBACK (tocsin_alert_notifier_scan), self->notifier,
                           G_CONNECT_SWAPPED);
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
      self->status_icon = tocsin_status_icon_new (bus, APP_ID, APP_ID "-symbolic");
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
  if (self->notifier != NULL)
    {
      g_settings_unbind (self->notifier, "min-priority");
      g_clear_object (&self->notifier);
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
  update_hold (self);

  if (had_alerts)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALERT_MONITOR]);
  if (had_schedules)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCHEDULE_MONITOR]);
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
  start_notifier (self);

  service = tocsin_schedule_service_new (client);
  self->schedule_monitor = tocsin_schedule_monitor_new (service);
  if (account_id != NULL && g_strcmp0 (account_id, "unknown") != 0)
    tocsin_schedule_monitor_set_account_id (self->schedule_monitor, account_id);
  tocsin_schedule_monitor_start (self->schedule_monitor);

  update_hold (self);
  update_status_icon (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALERT_MONITOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCHEDULE_MONITOR]);
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

  self->session = tocsin_auth_session_new (self->config);
  g_signal_connect_object (self->session, "notify::state",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::current-site",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  on_session_changed_cb (self);

  /* Tokens come from the keyring without blocking the window. */
  self->cancellable = g_cancellable_new ();
  tocsin_auth_session_restore_async (self->session, self->cancellable, on_restored_cb, g_object_ref (self));
}

static void
tocsin_application_activate (GApplication *app)
{
  gtk_window_present (GTK_WINDOW (get_main_window (TOCSIN_APPLICATION (app))));
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
