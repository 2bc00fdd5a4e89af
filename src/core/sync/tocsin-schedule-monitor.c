/* tocsin-schedule-monitor.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-schedule-monitor"

#include "config.h"

#include "tocsin-reachability.h"
#include "tocsin-schedule-monitor.h"

/* Wake a little after a boundary, so the server already agrees it passed. */
#define BOUNDARY_SLACK_MS 1000

struct _TocsinScheduleMonitor
{
  GObject                parent_instance;

  TocsinScheduleService *service;
  TocsinScheduleList    *list;
  GCancellable          *cancellable;
  GDateTime             *fixed_now;
  GTimeZone             *local_zone;
  GDateTime             *next_wakeup;
  GDateTime             *last_refresh;
  GError                *error;
  TocsinReachability    *reachability;
  guint                  timeout_id;
  guint                  interval;
  guint                  running : 1;
  guint                  loading : 1;
  guint                  offline : 1;
  guint                  refreshing : 1;
  guint                  again : 1;
  guint                  cached : 1;
};

G_DEFINE_FINAL_TYPE (TocsinScheduleMonitor, tocsin_schedule_monitor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVICE,
  PROP_MODEL,
  PROP_ACTIVE,
  PROP_INTERVAL,
  PROP_LOADING,
  PROP_ERROR,
  PROP_OFFLINE,
  PROP_LAST_REFRESH,
  PROP_CACHED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  REFRESHED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* Auxiliary methods */

static GDateTime *
current_time (TocsinScheduleMonitor *self)
{
  if (self->fixed_now != NULL)
    return g_date_time_ref (self->fixed_now);

  return g_date_time_new_now_utc ();
}

static void
set_loading (TocsinScheduleMonitor *self,
             gboolean               loading)
{
  if (self->loading == !!loading)
    return;
  self->loading = !!loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

static void
set_error (TocsinScheduleMonitor *self,
           const GError          *error)
{
  if (self->error == error || (self->error != NULL && error != NULL &&
                               g_error_matches (self->error, error->domain, error->code) &&
                               g_strcmp0 (self->error->message, error->message) == 0))
    return;
  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR]);
}

static void
update_offline (TocsinScheduleMonitor *self)
{
  gboolean offline = tocsin_reachability_get_offline (self->reachability);

  if (self->offline == offline)
    return;
  self->offline = offline;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OFFLINE]);
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  TocsinScheduleMonitor *self = user_data;

  self->timeout_id = 0;
  tocsin_schedule_monitor_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_wakeup (TocsinScheduleMonitor *self,
                 GDateTime             *now)
{
  g_autoptr(GDateTime) boundary = NULL;
  gint64 delay_ms = (gint64) self->interval * 1000;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->next_wakeup, g_date_time_unref);

  if (!self->running)
    return;

  /* Who is on call changes at the next boundary: refresh then rather than
   * show a stale "on call now" for up to five minutes. */
  boundary = tocsin_schedule_list_get_next_boundary (self->list, now);
  if (boundary != NULL)
    delay_ms = MIN (delay_ms, g_date_time_difference (boundary, now) / 1000 + BOUNDARY_SLACK_MS);

  delay_ms = MAX (delay_ms, BOUNDARY_SLACK_MS);
  self->next_wakeup = g_date_time_add (now, delay_ms * 1000);
  self->timeout_id =
    g_timeout_add_full (G_PRIORITY_DEFAULT, (guint)delay_ms, on_timeout_cb, self, NULL);
}

static void
refresh_done (TocsinScheduleMonitor *self,
              GDateTime             *now)
{
  TocsinScheduleDirectory *directory = tocsin_schedule_service_get_directory (self->service);

  tocsin_schedule_list_set_names_available (self->list,
                                            tocsin_schedule_directory_get_users_available (
                                              directory));
  tocsin_schedule_list_update_my_shifts (self->list, now, self->local_zone);
  set_loading (self, FALSE);
  self->refreshing = FALSE;
  schedule_wakeup (self, now);

  g_signal_emit (self, signals [REFRESHED], 0);

  if (self->again)
    {
      self->again = FALSE;
      tocsin_schedule_monitor_refresh (self);
    }
}

static void
fetch_all_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(TocsinScheduleMonitor) self = user_data;
  g_autoptr(GPtrArray) schedules = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;

  schedules =
    tocsin_schedule_service_fetch_all_finish (TOCSIN_SCHEDULE_SERVICE (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Stopped or disposed: leave the model as it is. */
      self->refreshing = FALSE;
      set_loading (self, FALSE);
      return;
    }

  if (schedules != NULL)
    {
      tocsin_schedule_list_update (self->list, schedules);
      set_error (self, NULL);
      g_clear_pointer (&self->last_refresh, g_date_time_unref);
      self->last_refresh = g_date_time_new_now_utc ();
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_REFRESH]);
      if (self->cached)
        {
          self->cached = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CACHED]);
        }
    }
  else
    {
      /* Keep what the last good refresh showed. */
      g_debug ("Refreshing schedules failed: %s", error->message);
      set_error (self, error);
    }

  now = current_time (self);
  refresh_done (self, now);
}

static void
start_fetch (TocsinScheduleMonitor *self)
{
  g_autoptr(GDateTime) now = current_time (self);

  tocsin_schedule_service_fetch_all_async (self->service, now, self->cancellable, fetch_all_cb,
                                           g_object_ref (self));
}

static void
myself_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TocsinScheduleMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *account_id = NULL;

  account_id = tocsin_schedule_directory_get_myself_finish (TOCSIN_SCHEDULE_DIRECTORY (object),
                                                            result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->refreshing = FALSE;
      set_loading (self, FALSE);
      return;
    }

  /* Without knowing who is signed in there are no "my shifts"; the
   * schedules still show. */
  if (account_id != NULL)
    tocsin_schedule_list_set_account_id (self->list, account_id);
  else
    g_debug ("Who is signed in is unknown: %s", error->message);

  start_fetch (self);
}

/* GObject overrides */

static void
on_resumed_cb (TocsinScheduleMonitor *self)
{
  if (self->running)
    tocsin_schedule_monitor_refresh (self);
}

static void
tocsin_schedule_monitor_constructed (GObject *object)
{
  TocsinScheduleMonitor *self = (TocsinScheduleMonitor *)object;
  TocsinOpsClient *client;

  G_OBJECT_CLASS (tocsin_schedule_monitor_parent_class)->constructed (object);

  g_assert (TOCSIN_IS_SCHEDULE_SERVICE (self->service));

  client = tocsin_schedule_service_get_client (self->service);
  self->reachability = tocsin_reachability_new (tocsin_ops_client_get_api_base_url (client));
  self->offline = tocsin_reachability_get_offline (self->reachability);
  g_signal_connect_object (self->reachability, "notify::offline", G_CALLBACK (update_offline), self,
                           G_CONNECT_SWAPPED);
  /* The boundary timer slept with the machine: look again on waking. */
  g_signal_connect_object (self->reachability, "resumed", G_CALLBACK (on_resumed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
tocsin_schedule_monitor_dispose (GObject *object)
{
  TocsinScheduleMonitor *self = (TocsinScheduleMonitor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->list);
  g_clear_object (&self->service);
  g_clear_object (&self->reachability);

  G_OBJECT_CLASS (tocsin_schedule_monitor_parent_class)->dispose (object);
}

static void
tocsin_schedule_monitor_finalize (GObject *object)
{
  TocsinScheduleMonitor *self = (TocsinScheduleMonitor *)object;

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  g_clear_pointer (&self->local_zone, g_time_zone_unref);
  g_clear_pointer (&self->next_wakeup, g_date_time_unref);
  g_clear_pointer (&self->last_refresh, g_date_time_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (tocsin_schedule_monitor_parent_class)->finalize (object);
}

static void
tocsin_schedule_monitor_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TocsinScheduleMonitor *self = TOCSIN_SCHEDULE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;

    case PROP_MODEL:
      g_value_set_object (value, self->list);
      break;

    case PROP_ACTIVE:
      g_value_set_boolean (value, self->running);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    case PROP_LAST_REFRESH:
      g_value_set_boxed (value, self->last_refresh);
      break;

    case PROP_CACHED:
      g_value_set_boolean (value, self->cached);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_monitor_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TocsinScheduleMonitor *self = TOCSIN_SCHEDULE_MONITOR (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;

    case PROP_ACTIVE:
      tocsin_schedule_monitor_set_active (self, g_value_get_boolean (value));
      break;

    case PROP_INTERVAL:
      tocsin_schedule_monitor_set_interval (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_monitor_class_init (TocsinScheduleMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tocsin_schedule_monitor_constructed;
  object_class->dispose = tocsin_schedule_monitor_dispose;
  object_class->finalize = tocsin_schedule_monitor_finalize;
  object_class->get_property = tocsin_schedule_monitor_get_property;
  object_class->set_property = tocsin_schedule_monitor_set_property;

  properties [PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, TOCSIN_TYPE_SCHEDULE_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MODEL] = g_param_spec_object ("model", NULL, NULL, TOCSIN_TYPE_SCHEDULE_LIST,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, G_MAXUINT / 1000,
                       TOCSIN_SCHEDULE_MONITOR_DEFAULT_INTERVAL,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* A refresh is running. */
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Why the last refresh failed (its message is for a person), NULL when it
   * worked. The schedules of the last good refresh stay. */
  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* No network, and the server is not on this machine. */
  properties [PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* When the last refresh worked (UTC), NULL before the first. */
  properties [PROP_LAST_REFRESH] =
    g_param_spec_boxed ("last-refresh", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* The schedules shown came from the cache (tocsin_schedule_monitor_seed);
   * FALSE once a refresh replaced them. */
  properties [PROP_CACHED] =
    g_param_spec_boolean ("cached", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every refresh, successful or not. */
  signals [REFRESHED] = g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                      NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tocsin_schedule_monitor_init (TocsinScheduleMonitor *self)
{
  self->list = tocsin_schedule_list_new ();
  self->cancellable = g_cancellable_new ();
  self->interval = TOCSIN_SCHEDULE_MONITOR_DEFAULT_INTERVAL;
}

/* Public API */

TocsinScheduleMonitor *
tocsin_schedule_monitor_new (TocsinScheduleService *service)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (service), NULL);

  return g_object_new (TOCSIN_TYPE_SCHEDULE_MONITOR, "service", service, NULL);
}

/**
 * tocsin_schedule_monitor_get_service:
 *
 * Returns: (transfer none): the service
 */
TocsinScheduleService *
tocsin_schedule_monitor_get_service (TocsinScheduleMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self), NULL);
  return self->service;
}

/**
 * tocsin_schedule_monitor_get_model:
 *
 * Returns: (transfer none): the list the UI binds to
 */
TocsinScheduleList *
tocsin_schedule_monitor_get_model (TocsinScheduleMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self), NULL);
  return self->list;
}

gboolean
tocsin_schedule_monitor_get_active (TocsinScheduleMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self), FALSE);
  return self->running;
}

/* Active: refreshes now and keeps refreshing. Inactive: stops the timers and
 * cancels a refresh in flight; the list keeps its data. */
void
tocsin_schedule_monitor_set_active (TocsinScheduleMonitor *self,
                                    gboolean               active)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self));

  active = !!active;
  if (self->running == active)
    return;

  self->running = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACTIVE]);

  if (active)
    {
      tocsin_schedule_monitor_refresh (self);
      return;
    }

  self->again = FALSE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_pointer (&self->next_wakeup, g_date_time_unref);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/**
 * tocsin_schedule_monitor_refresh:
 *
 * Fetches everything again now (e.g. on resume from suspend). A refresh
 * asked for while one runs happens right after it.
 */
void
tocsin_schedule_monitor_refresh (TocsinScheduleMonitor *self)
{
  TocsinScheduleDirectory *directory;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self));

  if (self->refreshing)
    {
      self->again = TRUE;
      return;
    }

  self->refreshing = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  set_loading (self, TRUE);

  directory = tocsin_schedule_service_get_directory (self->service);
  if (tocsin_schedule_list_get_account_id (self->list) == NULL &&
      tocsin_schedule_directory_get_users_available (directory))
    tocsin_schedule_directory_get_myself_async (directory, self->cancellable, myself_cb,
                                                g_object_ref (self));
  else
    start_fetch (self);
}

guint
tocsin_schedule_monitor_get_interval (TocsinScheduleMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self), 0);
  return self->interval;
}

void
tocsin_schedule_monitor_set_interval (TocsinScheduleMonitor *self,
                                      guint                  seconds)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self));
  g_return_if_fail (seconds > 0);

  if (self->interval == seconds)
    return;

  self->interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTERVAL]);
}

/* For when the sign-in layer already knows the account id (saves /myself,
 * and works without read:jira-user). */
void
tocsin_schedule_monitor_set_account_id (TocsinScheduleMonitor *self,
                                        const char            *account_id)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self));

  tocsin_schedule_list_set_account_id (self->list, account_id);
}

/* @now: (nullable): a fixed clock for tests; %NULL for the real one */
void
tocsin_schedule_monitor_set_now (TocsinScheduleMonitor *self,
                                 GDateTime             *now)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self));

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  if (now != NULL)
    self->fixed_now = g_date_time_ref (now);
}

/* @local_zone: (nullable): the user's zone for the summary; %NULL for the
 * system zone */
void
tocsin_schedule_monitor_set_local_zone (TocsinScheduleMonitor *self,
                                        GTimeZone             *local_zone)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self));

  g_clear_pointer (&self->local_zone, g_time_zone_unref);
  if (local_zone != NULL)
    self->local_zone = g_time_zone_ref (local_zone);
  tocsin_schedule_service_set_local_zone (self->service, local_zone);
}

/**
 * tocsin_schedule_monitor_get_next_wakeup:
 *
 * Returns: (transfer none) (nullable): when the next automatic refresh is
 *   due, %NULL when stopped
 */
gboolean
tocsin_schedule_monitor_get_loading (TocsinScheduleMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self), FALSE);
  return self->loading;
}

/**
 * tocsin_schedule_monitor_get_error:
 *
 * Returns: (transfer none) (nullable): why the last refresh failed
 */
const GError *
tocsin_schedule_monitor_get_error (TocsinScheduleMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self), NULL);
  return self->error;
}

gboolean
tocsin_schedule_monitor_get_offline (TocsinScheduleMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self), FALSE);
  return self->offline;
}

/**
 * tocsin_schedule_monitor_get_last_refresh:
 *
 * Returns: (transfer none) (nullable): when the last refresh worked
 */
GDateTime *
tocsin_schedule_monitor_get_last_refresh (TocsinScheduleMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self), NULL);
  return self->last_refresh;
}

GDateTime *
tocsin_schedule_monitor_get_next_wakeup (TocsinScheduleMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self), NULL);
  return self->next_wakeup;
}

/**
 * tocsin_schedule_monitor_seed:
 * @schedules: (element-type TocsinSchedule): what the cache kept
 * @names_available: whether people's names could be looked up then
 *
 * Shows @schedules at once, before the server answers; "cached" is TRUE
 * until the first refresh lands and replaces them. Ignored once one has
 * landed. Emits no "refreshed": nothing that acts on who is on call (the
 * paging watcher, the paging scope) takes it from the cache.
 */
void
tocsin_schedule_monitor_seed (TocsinScheduleMonitor *self,
                              GPtrArray             *schedules,
                              gboolean               names_available)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self));
  g_return_if_fail (schedules != NULL);

  if (self->last_refresh != NULL || schedules->len == 0)
    return;

  now = current_time (self);
  tocsin_schedule_list_update (self->list, schedules);
  tocsin_schedule_list_set_names_available (self->list, names_available);
  tocsin_schedule_list_update_my_shifts (self->list, now, self->local_zone);
  if (!self->cached)
    {
      self->cached = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CACHED]);
    }
}

gboolean
tocsin_schedule_monitor_get_cached (TocsinScheduleMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_MONITOR (self), FALSE);
  return self->cached;
}
