/* tocsin-context.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-context"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "tocsin-context-private.h"
#include "tocsin-date-utils.h"
#include "tocsin-gsound-player.h"
#include "tocsin-ops-client.h"
#include "tocsin-schedule-list.h"

/* What windows and pages show, handed to each of them at construction: the
 * sign-in (TocsinAuthSession) and, while signed in with a current site, the
 * per-site client, monitors, paging watcher, notifiers and status icon; the
 * pause, the alarm and the clock live as long as the context. The pages bind
 * to "alert-monitor" / "schedule-monitor"; the sign-in page to
 * "auth-session", "sign-in-error" and "choosing-site". The status icon's
 * part is in tocsin-context-status-icon.c. */

G_DEFINE_FINAL_TYPE_WITH_CODE (TocsinContext, tocsin_context, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (TOCSIN_TYPE_TOKEN_PROVIDER,
                                                      _tocsin_context_token_provider_init))

enum {
  PROP_0,
  PROP_APPLICATION,
  PROP_SETTINGS,
  PROP_CONFIG,
  PROP_AUTH_SESSION,
  PROP_ALERT_MONITOR,
  PROP_SCHEDULE_MONITOR,
  PROP_PAGING_WATCHER,
  PROP_CLOCK,
  PROP_SIGN_IN_ERROR,
  PROP_CHOOSING_SITE,
  PROP_CACHED_START,
  N_PROPS
};

enum {
  PAGE_FOR_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

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

/* page-for "auto" is settled once, from the first schedules loaded after
 * sign-in (connected to the schedule monitor's "refreshed": before that the
 * list is empty and would always say "everything"); "page-for-chosen" lets
 * the window say which scope was chosen and why. */
static void
settle_page_for (TocsinContext *self)
{
  TocsinScheduleList *schedules;
  TocsinPageFor       chosen;

  if (self->schedule_monitor == NULL || g_settings_get_enum (self->settings, "page-for") != 0)
    return;

  schedules = tocsin_schedule_monitor_get_model (self->schedule_monitor);
  if (tocsin_schedule_monitor_get_loading (self->schedule_monitor) ||
      tocsin_schedule_monitor_get_error (self->schedule_monitor) != NULL)
    return;

  chosen = tocsin_paging_watcher_choose_page_for (schedules);
  /* The setting's values are the enum's nicks, after "auto". */
  g_settings_set_enum (self->settings, "page-for", (int)chosen + 1);
  g_signal_emit (self, signals [PAGE_FOR_CHOSEN], 0, chosen);
}

static void
update_page_for (TocsinContext *self)
{
  int value = g_settings_get_enum (self->settings, "page-for");

  if (self->watcher == NULL)
    return;

  /* Until "auto" is settled, everything pages: never silently unpaged. */
  tocsin_paging_watcher_set_page_for (self->watcher, value == 0 ? TOCSIN_PAGE_FOR_EVERYTHING
                                                                : (TocsinPageFor)(value - 1));
}

static void
start_notifier (TocsinContext *self)
{
  TocsinAccountState *account = tocsin_auth_session_get_account_state (self->session);

  /* The ids already announced are per-account state, so a restart does not
   * page again; sign-out deletes them. */
  g_free (self->announced_path);
  self->announced_path =
    account != NULL ? g_strdup (tocsin_account_state_get_announced_path (account)) : NULL;

  self->notifier =
    tocsin_alert_notifier_new (self->application, tocsin_paging_watcher_get_alerts (self->watcher),
                               self->announced_path);
  g_settings_bind_with_mapping (self->settings, "notify-min-priority", self->notifier,
                                "min-priority", G_SETTINGS_BIND_GET, priority_from_setting, NULL,
                                NULL, NULL);
  g_settings_bind (self->settings, "snooze-minutes", self->notifier, "snooze-minutes",
                   G_SETTINGS_BIND_GET);
  tocsin_alert_notifier_set_pause (self->notifier, self->pause);
  tocsin_alert_notifier_set_alarm (self->notifier, self->alarm);
  /* In-place changes (acknowledged elsewhere, re-opened) emit no
   * items-changed; every finished refresh is a reason to look again. */
  g_signal_connect_object (self->watcher, "refreshed", G_CALLBACK (tocsin_alert_notifier_scan),
                           self->notifier, G_CONNECT_SWAPPED);

  self->health_notifier =
    tocsin_health_notifier_new (self->application, self->watcher, self->notifier);
  /* The health notification is for when no window shows the banner. */
  tocsin_health_notifier_set_window_open (self->health_notifier, self->window_open);
}

/* What pages is the watcher's, never the window's search. */
static void
start_watcher (TocsinContext   *self,
               TocsinOpsClient *client)
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
    tocsin_paging_watcher_set_poll_interval (self->watcher,
                                             (guint)g_ascii_strtoull (interval, NULL, 10));
  else
    g_settings_bind (self->settings, "poll-interval", self->watcher, "poll-interval",
                     G_SETTINGS_BIND_GET);
  if (floor != NULL && *floor != '\0')
    tocsin_paging_watcher_set_stale_floor (self->watcher,
                                           (guint)g_ascii_strtoull (floor, NULL, 10));

  g_signal_connect_object (self->watcher, "notify::health",
                           G_CALLBACK (_tocsin_context_update_status_icon_text), self,
                           G_CONNECT_SWAPPED);
  tocsin_paging_watcher_set_active (self->watcher, TRUE);
}

static void
drop_monitors (TocsinContext *self)
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
      g_settings_unbind (self->alert_monitor, "interval");
      tocsin_alert_monitor_set_active (self->alert_monitor, FALSE);
      g_clear_object (&self->alert_monitor);
    }
  if (self->schedule_monitor != NULL)
    {
      tocsin_schedule_monitor_set_active (self->schedule_monitor, FALSE);
      g_clear_object (&self->schedule_monitor);
    }
  g_clear_pointer (&self->monitored_site_id, g_free);
  /* Nothing pages without an account, so nothing rings either. */
  if (self->alarm != NULL)
    tocsin_alarm_silence (self->alarm);

  if (had_alerts)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALERT_MONITOR]);
  if (had_schedules)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCHEDULE_MONITOR]);
  if (had_alerts)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGING_WATCHER]);
}

/* Monitors exist while signed in with a current site, one set per site. */
static void
update_monitors (TocsinContext *self)
{
  TocsinSite *site = tocsin_auth_session_get_current_site (self->session);
  const char *account_id = tocsin_auth_session_get_account_id (self->session);
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(TocsinScheduleService) service = NULL;
  g_autoptr(GError) error = NULL;

  if (tocsin_auth_session_get_state (self->session) != TOCSIN_AUTH_STATE_SIGNED_IN || site == NULL)
    {
      drop_monitors (self);
      return;
    }

  if (g_strcmp0 (self->monitored_site_id, tocsin_site_get_id (site)) == 0)
    return;

  drop_monitors (self);

  client =
    tocsin_ops_client_new (tocsin_config_get_api_base_url (self->config), tocsin_site_get_id (site),
                           TOCSIN_TOKEN_PROVIDER (self->session), &error);
  if (client == NULL)
    {
      tocsin_context_set_sign_in_error (self, error);
      return;
    }

  self->monitored_site_id = g_strdup (tocsin_site_get_id (site));

  self->alert_monitor = tocsin_alert_monitor_new (client);
  /* The window's list only: what pages is never what the cache says. */
  if (self->cache != NULL)
    {
      g_autoptr(GPtrArray) cached =
        tocsin_cache_load_alerts (self->cache, self->monitored_site_id,
                                  tocsin_alert_monitor_get_query (self->alert_monitor));

      if (cached != NULL)
        tocsin_alert_monitor_seed (self->alert_monitor, cached);
    }
  g_signal_connect_object (self->alert_monitor, "notify::last-refresh",
                           G_CALLBACK (_tocsin_context_save_alerts_to_cache), self,
                           G_CONNECT_SWAPPED);
  g_settings_bind (self->settings, "poll-interval", self->alert_monitor, "interval",
                   G_SETTINGS_BIND_GET);
  tocsin_alert_monitor_set_active (self->alert_monitor, TRUE);

  service = tocsin_schedule_service_new (client);
  self->schedule_monitor = tocsin_schedule_monitor_new (service);
  if (account_id != NULL && g_strcmp0 (account_id, "unknown") != 0)
    tocsin_schedule_monitor_set_account_id (self->schedule_monitor, account_id);
  _tocsin_context_seed_schedules (self);
  g_signal_connect_object (self->schedule_monitor, "refreshed", G_CALLBACK (settle_page_for), self,
                           G_CONNECT_SWAPPED);

  start_watcher (self, client);
  /* One request for both when the window shows what pages. */
  tocsin_alert_monitor_set_leader (self->alert_monitor,
                                   tocsin_paging_watcher_get_monitor (self->watcher));
  start_notifier (self);
  tocsin_schedule_monitor_set_active (self->schedule_monitor, TRUE);

  /* What the next start shows before the keyring answers. */
  if (self->cache != NULL)
    tocsin_account_state_save_last (tocsin_config_get_auth_base_url (self->config),
                                    tocsin_config_get_client_id (self->config), account_id,
                                    self->monitored_site_id);

  _tocsin_context_update_status_icon (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ALERT_MONITOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SCHEDULE_MONITOR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGING_WATCHER]);
}

/* The cached start */

/* The keyring answered: the cached rows go, and what follows is what the
 * session says (for the same account, the monitors seed from the cache again
 * and poll). */
void
_tocsin_context_end_cached_start (TocsinContext *self)
{
  g_autoptr(GPtrArray) held = NULL;

  if (!self->cached_start)
    return;

  self->cached_start = FALSE;
  held = g_steal_pointer (&self->held_tokens);
  drop_monitors (self);
  /* Their monitor is gone; this also drops the references they hold. */
  for (guint i = 0; i < held->len; i++)
    g_task_return_new_error (g_ptr_array_index (held, i), G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The cached start ended");
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CACHED_START]);
}

static void
on_session_changed_cb (TocsinContext *self)
{
  TocsinAuthState state = tocsin_auth_session_get_state (self->session);

  /* The restore sets the account and site before the state, and may learn
   * the site only from the server: keep the cached rows until both are
   * known, or until the restore ends (tocsin_context_end_cached_start). */
  if (self->cached_start && (state == TOCSIN_AUTH_STATE_SIGNED_OUT ||
                             (state == TOCSIN_AUTH_STATE_SIGNED_IN &&
                              tocsin_auth_session_get_current_site (self->session) == NULL)))
    return;
  _tocsin_context_end_cached_start (self);

  if (state != TOCSIN_AUTH_STATE_SIGNED_IN)
    tocsin_context_set_choosing_site (self, FALSE);
  if (state == TOCSIN_AUTH_STATE_SIGNED_OUT && self->announced_path != NULL)
    {
      g_unlink (self->announced_path);
      g_clear_pointer (&self->announced_path, g_free);
    }
  _tocsin_context_update_cache (self);
  update_monitors (self);
}

/* Pause and alarm live as long as the context, across sign-ins. */
static void
setup_paging (TocsinContext *self)
{
  g_autoptr(TocsinGSoundPlayer) player =
    tocsin_gsound_player_new (RESOURCE_PATH "/sounds/alarm.oga");

  self->pause = tocsin_pause_new ();
  g_settings_bind (self->settings, "pause-p1-breaks-through", self->pause, "p1-breaks-through",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->pause, "notify::paused",
                           G_CALLBACK (_tocsin_context_update_status_icon_text), self,
                           G_CONNECT_SWAPPED);

  self->alarm = tocsin_alarm_new (TOCSIN_ALARM_PLAYER (player));
  g_settings_bind_with_mapping (self->settings, "alarm-min-priority", self->alarm, "min-priority",
                                G_SETTINGS_BIND_GET, alarm_priority_from_setting, NULL, NULL, NULL);
  g_settings_bind (self->settings, "alarm-repeat-interval", self->alarm, "repeat-interval",
                   G_SETTINGS_BIND_GET);
}

/* GObject overrides */

static void
tocsin_context_constructed (GObject *object)
{
  TocsinContext *self = TOCSIN_CONTEXT (object);

  G_OBJECT_CLASS (tocsin_context_parent_class)->constructed (object);

  g_assert (G_IS_APPLICATION (self->application));
  g_assert (G_IS_SETTINGS (self->settings));
  g_assert (TOCSIN_IS_CONFIG (self->config));

  self->clock = g_object_ref (tocsin_clock_get_default ());
  setup_paging (self);
  g_signal_connect_object (self->settings, "changed::show-tray-icon",
                           G_CALLBACK (_tocsin_context_update_status_icon), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::page-for", G_CALLBACK (update_page_for), self,
                           G_CONNECT_SWAPPED);

  self->session = tocsin_auth_session_new (self->config);
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (on_session_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::current-site",
                           G_CALLBACK (on_session_changed_cb), self, G_CONNECT_SWAPPED);
  on_session_changed_cb (self);
  _tocsin_context_start_cached (self);
}

static void
tocsin_context_dispose (GObject *object)
{
  TocsinContext *self = (TocsinContext *)object;

  drop_monitors (self);
  if (self->cache_cancellable != NULL)
    g_cancellable_cancel (self->cache_cancellable);
  g_clear_object (&self->cache_cancellable);
  g_clear_object (&self->cache);
  g_clear_object (&self->alarm);
  g_clear_object (&self->pause);
  g_clear_object (&self->clock);
  g_clear_object (&self->session);
  g_clear_object (&self->config);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (tocsin_context_parent_class)->dispose (object);
}

static void
tocsin_context_finalize (GObject *object)
{
  TocsinContext *self = (TocsinContext *)object;

  g_clear_pointer (&self->announced_path, g_free);
  g_clear_error (&self->sign_in_error);
  g_clear_pointer (&self->held_tokens, g_ptr_array_unref);

  G_OBJECT_CLASS (tocsin_context_parent_class)->finalize (object);
}

static void
tocsin_context_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TocsinContext *self = TOCSIN_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      g_value_set_object (value, self->application);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_CONFIG:
      g_value_set_object (value, self->config);
      break;
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
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_SIGN_IN_ERROR:
      g_value_set_boxed (value, self->sign_in_error);
      break;
    case PROP_CHOOSING_SITE:
      g_value_set_boolean (value, self->choosing_site);
      break;
    case PROP_CACHED_START:
      g_value_set_boolean (value, self->cached_start);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_context_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TocsinContext *self = TOCSIN_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_APPLICATION:
      self->application = g_value_get_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    case PROP_CONFIG:
      self->config = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_context_class_init (TocsinContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tocsin_context_constructed;
  object_class->dispose = tocsin_context_dispose;
  object_class->finalize = tocsin_context_finalize;
  object_class->get_property = tocsin_context_get_property;
  object_class->set_property = tocsin_context_set_property;

  /* Sends the notifications and owns the actions the status icon's menu uses. */
  properties [PROP_APPLICATION] =
    g_param_spec_object ("application", NULL, NULL, G_TYPE_APPLICATION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL, TOCSIN_TYPE_CONFIG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
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
  properties [PROP_CLOCK] = g_param_spec_object ("clock", NULL, NULL, TOCSIN_TYPE_CLOCK,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Why the last sign-in (or reading the keyring at startup) failed. */
  properties [PROP_SIGN_IN_ERROR] =
    g_param_spec_boxed ("sign-in-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Signed in with several sites and the user has yet to pick one. */
  properties [PROP_CHOOSING_SITE] =
    g_param_spec_boolean ("choosing-site", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* Showing the last account's cached alerts until the keyring answers. */
  properties [PROP_CACHED_START] =
    g_param_spec_boolean ("cached-start", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* page-for "auto" was settled to the TocsinPageFor argument. */
  signals [PAGE_FOR_CHOSEN] =
    g_signal_new ("page-for-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
tocsin_context_init (TocsinContext *self)
{
}

/* Public API */

TocsinContext *
tocsin_context_new (GApplication *application,
                    GSettings    *settings,
                    TocsinConfig *config)
{
  g_return_val_if_fail (G_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (TOCSIN_IS_CONFIG (config), NULL);

  return g_object_new (TOCSIN_TYPE_CONTEXT, "application", application, "settings", settings,
                       "config", config, NULL);
}

/* Returns: (transfer none) */
GApplication *
tocsin_context_get_application (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->application;
}

/* Returns: (transfer none) */
GSettings *
tocsin_context_get_settings (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->settings;
}

/* Returns: (transfer none) */
TocsinConfig *
tocsin_context_get_config (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->config;
}

/* Returns: (transfer none): the sign-in */
TocsinAuthSession *
tocsin_context_get_auth_session (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->session;
}

/* Returns: (transfer none) (nullable) */
TocsinAlertMonitor *
tocsin_context_get_alert_monitor (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->alert_monitor;
}

/* Returns: (transfer none) (nullable) */
TocsinScheduleMonitor *
tocsin_context_get_schedule_monitor (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->schedule_monitor;
}

/* Returns: (transfer none) (nullable): what pages, while signed in */
TocsinPagingWatcher *
tocsin_context_get_paging_watcher (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->watcher;
}

/* Returns: (transfer none): the minute and day ticks every page shares */
TocsinClock *
tocsin_context_get_clock (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->clock;
}

/* Returns: (transfer none) */
TocsinPause *
tocsin_context_get_pause (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->pause;
}

/* Returns: (transfer none) */
TocsinAlarm *
tocsin_context_get_alarm (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->alarm;
}

/* Returns: (transfer none) (nullable) */
const GError *
tocsin_context_get_sign_in_error (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  return self->sign_in_error;
}

/* @error: (nullable): shown on the sign-in page until the next attempt */
void
tocsin_context_set_sign_in_error (TocsinContext *self,
                                  const GError  *error)
{
  g_return_if_fail (TOCSIN_IS_CONTEXT (self));

  if (self->sign_in_error == NULL && error == NULL)
    return;

  g_clear_error (&self->sign_in_error);
  if (error != NULL)
    self->sign_in_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SIGN_IN_ERROR]);
}

gboolean
tocsin_context_get_choosing_site (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), FALSE);

  return self->choosing_site;
}

void
tocsin_context_set_choosing_site (TocsinContext *self,
                                  gboolean       choosing_site)
{
  g_return_if_fail (TOCSIN_IS_CONTEXT (self));

  choosing_site = !!choosing_site;
  if (self->choosing_site == choosing_site)
    return;

  self->choosing_site = choosing_site;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CHOOSING_SITE]);
}

/* "Paging paused until 14:00", for the tooltip and the window. */
char *
tocsin_context_dup_pause_text (TocsinContext *self)
{
  GDateTime *until;
  g_autofree char *time = NULL;

  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), NULL);

  until = tocsin_pause_get_until (self->pause);
  if (until == NULL)
    return g_strdup (_("Paging paused until you resume it"));

  time = tocsin_date_format_time (until, FALSE, tocsin_date_get_clock_format ());
  return g_strdup_printf (_("Paging paused until %s"), time);
}

/* Whether a window shows the health banner, so no notification is needed. */
void
tocsin_context_set_window_open (TocsinContext *self,
                                gboolean       window_open)
{
  g_return_if_fail (TOCSIN_IS_CONTEXT (self));

  self->window_open = !!window_open;
  if (self->health_notifier != NULL)
    tocsin_health_notifier_set_window_open (self->health_notifier, self->window_open);
}

typedef struct
{
  TocsinContext *self;
  char          *previous_site;
} SignIn;

static void
on_sign_in_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  SignIn *sign_in = user_data;
  g_autoptr(TocsinContext) self = sign_in->self;
  g_autofree char *previous_site = sign_in->previous_site;
  g_autoptr(GError) error = NULL;
  TocsinSite *site;

  g_free (sign_in);

  if (!tocsin_auth_session_sign_in_finish (TOCSIN_AUTH_SESSION (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tocsin_context_set_sign_in_error (self, error);
      return;
    }

  /* Several sites and none chosen before: let the user pick one. A sign-in
   * again for the remembered site goes straight back to it. */
  site = tocsin_auth_session_get_current_site (self->session);
  tocsin_context_set_choosing_site (self,
                                    g_list_model_get_n_items (
                                      tocsin_auth_session_get_sites (self->session)) > 1 &&
                                      (site == NULL ||
                                       g_strcmp0 (previous_site, tocsin_site_get_id (site)) != 0));
}

/* @launch_context: (nullable): where the browser opens */
void
tocsin_context_sign_in (TocsinContext     *self,
                        GAppLaunchContext *launch_context)
{
  TocsinSite *site;
  SignIn *sign_in;

  g_return_if_fail (TOCSIN_IS_CONTEXT (self));

  site = tocsin_auth_session_get_current_site (self->session);
  tocsin_context_set_sign_in_error (self, NULL);
  tocsin_context_set_choosing_site (self, FALSE);

  sign_in = g_new0 (SignIn, 1);
  sign_in->self = g_object_ref (self);
  sign_in->previous_site = site != NULL ? g_strdup (tocsin_site_get_id (site)) : NULL;
  tocsin_auth_session_sign_in_async (self->session, launch_context, NULL, on_sign_in_cb, sign_in);
}

/* Returns: whether @site_id is one of the session's sites */
gboolean
tocsin_context_choose_site (TocsinContext *self,
                            const char    *site_id)
{
  GListModel *sites;

  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), FALSE);

  sites = tocsin_auth_session_get_sites (self->session);
  for (guint i = 0; i < g_list_model_get_n_items (sites); i++)
    {
      g_autoptr(TocsinSite) site = g_list_model_get_item (sites, i);

      if (g_strcmp0 (tocsin_site_get_id (site), site_id) == 0)
        {
          tocsin_auth_session_set_current_site (self->session, site);
          tocsin_context_set_choosing_site (self, FALSE);
          return TRUE;
        }
    }

  return FALSE;
}

/* The health banner's Retry: poll now, for the pager and the window. */
void
tocsin_context_retry (TocsinContext *self)
{
  g_return_if_fail (TOCSIN_IS_CONTEXT (self));

  if (self->watcher != NULL)
    tocsin_paging_watcher_refresh (self->watcher);
  if (self->alert_monitor != NULL)
    tocsin_alert_monitor_refresh (self->alert_monitor);
}

/* Ends the sign-in in progress and stops polling, before the app exits. */
void
tocsin_context_shutdown (TocsinContext *self)
{
  g_return_if_fail (TOCSIN_IS_CONTEXT (self));

  tocsin_auth_session_cancel (self->session);
  _tocsin_context_end_cached_start (self);
  drop_monitors (self);
}
