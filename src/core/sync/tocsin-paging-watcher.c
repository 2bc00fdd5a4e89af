/* tocsin-paging-watcher.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-paging-watcher"

#include "config.h"

#include "tocsin-api-error.h"
#include "tocsin-auth-error.h"
#include "tocsin-paging-watcher.h"

/* What pages the user, independent of what the window shows: its own alert
 * monitor polls every open, unacknowledged alert, and "alerts" holds those
 * in the page-for scope. The notifier watches "alerts" and is scanned after
 * every "refreshed".
 *
 * The scope is applied here, on the fields every alert carries, not in the
 * query: `owner` is documented as the owner's display name (so it is
 * compared with both the account id and the name), and whether the query
 * language filters on `responders` is not documented for JSM Operations
 * (the reference notes list it among Opsgenie fields only), so a query that
 * silently matched nothing would leave the user unpaged.
 *
 * Health: live until no poll has worked for stale-after seconds
 * (TOCSIN_PAGING_WATCHER_STALE_INTERVALS intervals or stale-floor, whichever
 * is longer), then stale since the last success; signed-out when the server
 * refuses the sign-in. stale-floor is a property so that tests and the demo
 * can reach the threshold in seconds. */

struct _TocsinPagingWatcher
{
  GObject                parent_instance;

  TocsinOpsClient       *client;
  TocsinAlertMonitor    *monitor;
  GListStore            *alerts;

  TocsinPageFor          page_for;
  char                  *account_id;
  char                  *account_name;
  TocsinScheduleMonitor *schedule_monitor;
  /* Ids of the teams, schedules, escalations (and me) on call now with me. */
  GHashTable            *on_call_ids;

  TocsinHealth           health;
  GDateTime             *stale_since;
  GDateTime             *last_success;
  guint                  stale_floor;
  guint                  stale_source;
};

G_DEFINE_FINAL_TYPE (TocsinPagingWatcher, tocsin_paging_watcher, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (TocsinPageFor, tocsin_page_for,
                    G_DEFINE_ENUM_VALUE (TOCSIN_PAGE_FOR_EVERYTHING, "everything"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_PAGE_FOR_ME_AND_MY_ON_CALL_TEAMS, "me-and-my-on-call-teams"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_PAGE_FOR_ME, "me"))

G_DEFINE_ENUM_TYPE (TocsinHealth, tocsin_health,
                    G_DEFINE_ENUM_VALUE (TOCSIN_HEALTH_LIVE, "live"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_HEALTH_STALE, "stale"),
                    G_DEFINE_ENUM_VALUE (TOCSIN_HEALTH_SIGNED_OUT, "signed-out"))

enum {
  PROP_0,
  PROP_PAGE_FOR,
  PROP_POLL_INTERVAL,
  PROP_STALE_FLOOR,
  PROP_ACTIVE,
  PROP_HEALTH,
  PROP_STALE_SINCE,
  N_PROPS
};

enum {
  REFRESHED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

/* Scope */

/* The notifier forgets what is not in "alerts" when it scans: before the
 * first poll that would be everything it remembers. */
static void
emit_refreshed (TocsinPagingWatcher *self)
{
  if (tocsin_alert_monitor_get_last_refresh (self->monitor) != NULL)
    g_signal_emit (self, signals [REFRESHED], 0);
}

static gboolean
is_me (TocsinPagingWatcher *self,
       const char          *who)
{
  if (who == NULL || *who == '\0')
    return FALSE;
  return g_strcmp0 (who, self->account_id) == 0 || g_strcmp0 (who, self->account_name) == 0;
}

static gboolean
wants (TocsinPagingWatcher *self,
       TocsinAlert         *alert)
{
  GVariant *responders;
  GVariantIter iter;
  const char *type, *id;

  if (self->page_for == TOCSIN_PAGE_FOR_EVERYTHING)
    return TRUE;

  if (is_me (self, tocsin_alert_get_owner (alert)))
    return TRUE;

  responders = tocsin_alert_get_responders (alert);
  if (responders == NULL)
    return FALSE;

  g_variant_iter_init (&iter, responders);
  while (g_variant_iter_next (&iter, "(&s&s)", &type, &id))
    {
      if (g_strcmp0 (type, "user") == 0 && g_strcmp0 (id, self->account_id) == 0)
        return TRUE;
      if (self->page_for == TOCSIN_PAGE_FOR_ME_AND_MY_ON_CALL_TEAMS &&
          g_hash_table_contains (self->on_call_ids, id))
        return TRUE;
    }

  return FALSE;
}

/* Keeps "alerts" equal to the monitor's list filtered by the scope. */
static void
update_alerts (TocsinPagingWatcher *self)
{
  GListModel *list = G_LIST_MODEL (tocsin_alert_monitor_get_model (self->monitor));
  g_autoptr(GPtrArray) wanted = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_items = g_list_model_get_n_items (list);
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->alerts));
  gboolean same;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (list, i);

      if (wants (self, alert))
        g_ptr_array_add (wanted, g_steal_pointer (&alert));
    }

  same = wanted->len == n_shown;
  for (guint i = 0; same && i < n_shown; i++)
    {
      g_autoptr(TocsinAlert) shown = g_list_model_get_item (G_LIST_MODEL (self->alerts), i);

      same = shown == g_ptr_array_index (wanted, i);
    }

  if (!same)
    g_list_store_splice (self->alerts, 0, n_shown, wanted->pdata, wanted->len);
}

static void
add_on_call (TocsinPagingWatcher *self,
             TocsinParticipant   *participant)
{
  GListModel *children;

  if (!tocsin_participant_contains_user (participant, self->account_id))
    return;

  g_hash_table_add (self->on_call_ids, g_strdup (tocsin_participant_get_id (participant)));
  children = tocsin_participant_get_participants (participant);
  for (guint i = 0; i < g_list_model_get_n_items (children); i++)
    {
      g_autoptr(TocsinParticipant) child = g_list_model_get_item (children, i);

      add_on_call (self, child);
    }
}

/* Who is on call now comes from the schedule monitor, which refreshes at
 * every shift boundary: a schedule that has me on call now counts, with its
 * team and every team or escalation in its on-call tree that contains me.
 * Not from the cache: a shift kept there may have ended. */
static void
update_on_call (TocsinPagingWatcher *self)
{
  GListModel *schedules;

  g_hash_table_remove_all (self->on_call_ids);
  if (self->schedule_monitor != NULL && self->account_id != NULL &&
      !tocsin_schedule_monitor_get_cached (self->schedule_monitor))
    {
      schedules = G_LIST_MODEL (tocsin_schedule_monitor_get_model (self->schedule_monitor));
      for (guint i = 0; i < g_list_model_get_n_items (schedules); i++)
        {
          g_autoptr(TocsinSchedule) schedule = g_list_model_get_item (schedules, i);
          GListModel *now = tocsin_schedule_get_on_call_now (schedule);
          guint before = g_hash_table_size (self->on_call_ids);
          const char *team_id = tocsin_schedule_get_team_id (schedule);

          for (guint j = 0; j < g_list_model_get_n_items (now); j++)
            {
              g_autoptr(TocsinParticipant) participant = g_list_model_get_item (now, j);

              add_on_call (self, participant);
            }
          if (g_hash_table_size (self->on_call_ids) == before)
            continue;
          g_hash_table_add (self->on_call_ids, g_strdup (tocsin_schedule_get_id (schedule)));
          if (team_id != NULL && *team_id != '\0')
            g_hash_table_add (self->on_call_ids, g_strdup (team_id));
        }
    }

  update_alerts (self);
  /* The notifier looks again: what left the scope is withdrawn. */
  emit_refreshed (self);
}

TocsinPageFor
tocsin_paging_watcher_choose_page_for (TocsinScheduleList *schedules)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_LIST (schedules), TOCSIN_PAGE_FOR_EVERYTHING);

  /* In a rotation (a shift now or in the loaded window): the teams' alerts
   * are the user's. Otherwise nothing narrower is safe. */
  if (tocsin_schedule_list_get_on_call (schedules) ||
      g_list_model_get_n_items (tocsin_schedule_list_get_my_shifts (schedules)) > 0)
    return TOCSIN_PAGE_FOR_ME_AND_MY_ON_CALL_TEAMS;
  return TOCSIN_PAGE_FOR_EVERYTHING;
}

/* Health */

static void
set_health (TocsinPagingWatcher *self,
            TocsinHealth         health)
{
  if (self->health == health)
    return;

  self->health = health;
  g_clear_pointer (&self->stale_since, g_date_time_unref);
  if (health == TOCSIN_HEALTH_STALE)
    self->stale_since = g_date_time_ref (self->last_success);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STALE_SINCE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_HEALTH]);
}

static gboolean
stale_cb (gpointer user_data)
{
  TocsinPagingWatcher *self = user_data;

  self->stale_source = 0;
  if (self->health == TOCSIN_HEALTH_LIVE)
    set_health (self, TOCSIN_HEALTH_STALE);
  return G_SOURCE_REMOVE;
}

/* Counts stale-after from the last success (or from the start). */
static void
restart_stale_timer (TocsinPagingWatcher *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GTimeSpan left;

  g_clear_handle_id (&self->stale_source, g_source_remove);
  if (!tocsin_alert_monitor_get_active (self->monitor))
    return;

  left = (GTimeSpan) tocsin_paging_watcher_get_stale_after (self) * G_TIME_SPAN_SECOND -
         g_date_time_difference (now, self->last_success);
  self->stale_source = g_timeout_add (MAX (left, 0) / 1000, stale_cb, self);
}

static void
on_last_refresh_cb (TocsinPagingWatcher *self)
{
  g_clear_pointer (&self->last_success, g_date_time_unref);
  self->last_success = g_date_time_new_now_utc ();
  restart_stale_timer (self);
  /* Live before the notifier scans, so that it can tell a catch-up. */
  set_health (self, TOCSIN_HEALTH_LIVE);

  update_alerts (self);
  g_signal_emit (self, signals [REFRESHED], 0);
}

static void
on_error_cb (TocsinPagingWatcher *self)
{
  const GError *error = tocsin_alert_monitor_get_error (self->monitor);

  /* Only a refused sign-in is news at once; anything else (network, 5xx)
   * becomes stale once the threshold passes without a success. */
  if (g_error_matches (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_UNAUTHORIZED) ||
      g_error_matches (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH) ||
      g_error_matches (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NOT_SIGNED_IN))
    set_health (self, TOCSIN_HEALTH_SIGNED_OUT);
}

/* GObject */

static void
tocsin_paging_watcher_dispose (GObject *object)
{
  TocsinPagingWatcher *self = (TocsinPagingWatcher *)object;

  g_clear_handle_id (&self->stale_source, g_source_remove);
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      tocsin_alert_monitor_set_active (self->monitor, FALSE);
    }
  if (self->schedule_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->schedule_monitor, self);
  g_clear_object (&self->schedule_monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (tocsin_paging_watcher_parent_class)->dispose (object);
}

static void
tocsin_paging_watcher_finalize (GObject *object)
{
  TocsinPagingWatcher *self = (TocsinPagingWatcher *)object;

  g_clear_object (&self->alerts);
  g_clear_pointer (&self->on_call_ids, g_hash_table_unref);
  g_clear_pointer (&self->account_id, g_free);
  g_clear_pointer (&self->account_name, g_free);
  g_clear_pointer (&self->stale_since, g_date_time_unref);
  g_clear_pointer (&self->last_success, g_date_time_unref);

  G_OBJECT_CLASS (tocsin_paging_watcher_parent_class)->finalize (object);
}

static void
tocsin_paging_watcher_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  TocsinPagingWatcher *self = TOCSIN_PAGING_WATCHER (object);

  switch (prop_id)
    {
    case PROP_PAGE_FOR: g_value_set_enum (value, self->page_for); break;
    case PROP_POLL_INTERVAL: g_value_set_uint (value, tocsin_paging_watcher_get_poll_interval (self)); break;
    case PROP_STALE_FLOOR: g_value_set_uint (value, self->stale_floor); break;
    case PROP_ACTIVE: g_value_set_boolean (value, tocsin_paging_watcher_get_active (self)); break;
    case PROP_HEALTH: g_value_set_enum (value, self->health); break;
    case PROP_STALE_SINCE: g_value_set_boxed (value, self->stale_since); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_paging_watcher_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  TocsinPagingWatcher *self = TOCSIN_PAGING_WATCHER (object);

  switch (prop_id)
    {
    case PROP_PAGE_FOR:
      tocsin_paging_watcher_set_page_for (self, g_value_get_enum (value));
      break;
    case PROP_POLL_INTERVAL:
      tocsin_paging_watcher_set_poll_interval (self, g_value_get_uint (value));
      break;
    case PROP_STALE_FLOOR:
      tocsin_paging_watcher_set_stale_floor (self, g_value_get_uint (value));
      break;
    case PROP_ACTIVE:
      tocsin_paging_watcher_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_paging_watcher_class_init (TocsinPagingWatcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_paging_watcher_dispose;
  object_class->finalize = tocsin_paging_watcher_finalize;
  object_class->get_property = tocsin_paging_watcher_get_property;
  object_class->set_property = tocsin_paging_watcher_set_property;

  properties [PROP_PAGE_FOR] =
    g_param_spec_enum ("page-for", NULL, NULL, TOCSIN_TYPE_PAGE_FOR, TOCSIN_PAGE_FOR_EVERYTHING,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_POLL_INTERVAL] =
    g_param_spec_uint ("poll-interval", NULL, NULL, 0, 24 * 3600, 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_STALE_FLOOR] =
    g_param_spec_uint ("stale-floor", NULL, NULL, 0, 24 * 3600, TOCSIN_PAGING_WATCHER_STALE_FLOOR,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_HEALTH] =
    g_param_spec_enum ("health", NULL, NULL, TOCSIN_TYPE_HEALTH, TOCSIN_HEALTH_LIVE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* When the last successful poll was, while stale; NULL otherwise. */
  properties [PROP_STALE_SINCE] =
    g_param_spec_boxed ("stale-since", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After every successful poll and every change of scope. */
  signals [REFRESHED] =
    g_signal_new ("refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
tocsin_paging_watcher_init (TocsinPagingWatcher *self)
{
  self->alerts = g_list_store_new (TOCSIN_TYPE_ALERT);
  self->on_call_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->stale_floor = TOCSIN_PAGING_WATCHER_STALE_FLOOR;
  self->last_success = g_date_time_new_now_utc ();
}

TocsinPagingWatcher *
tocsin_paging_watcher_new (TocsinOpsClient *client)
{
  TocsinPagingWatcher *self;

  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (client), NULL);

  self = g_object_new (TOCSIN_TYPE_PAGING_WATCHER, NULL);
  self->client = g_object_ref (client);
  self->monitor = tocsin_alert_monitor_new (client);
  tocsin_alert_monitor_set_query (self->monitor, TOCSIN_ALERT_QUERY_OPEN_UNACKNOWLEDGED);
  g_signal_connect_object (self->monitor, "notify::last-refresh",
                           G_CALLBACK (on_last_refresh_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->monitor, "notify::error",
                           G_CALLBACK (on_error_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tocsin_alert_monitor_get_model (self->monitor), "items-changed",
                           G_CALLBACK (update_alerts), self, G_CONNECT_SWAPPED);

  return self;
}

/* Returns: (transfer none): the alerts that page, a #GListModel of #TocsinAlert */
GListModel *
tocsin_paging_watcher_get_alerts (TocsinPagingWatcher *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAGING_WATCHER (self), NULL);
  return G_LIST_MODEL (self->alerts);
}

/* Returns: (transfer none): the monitor behind the watcher, for actions on
 * the alerts it pages for (a notification's Acknowledge) */
TocsinAlertMonitor *
tocsin_paging_watcher_get_monitor (TocsinPagingWatcher *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAGING_WATCHER (self), NULL);
  return self->monitor;
}

TocsinPageFor
tocsin_paging_watcher_get_page_for (TocsinPagingWatcher *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAGING_WATCHER (self), TOCSIN_PAGE_FOR_EVERYTHING);
  return self->page_for;
}

void
tocsin_paging_watcher_set_page_for (TocsinPagingWatcher *self,
                                    TocsinPageFor        page_for)
{
  g_return_if_fail (TOCSIN_IS_PAGING_WATCHER (self));

  if (self->page_for == page_for)
    return;
  self->page_for = page_for;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGE_FOR]);
  update_alerts (self);
  emit_refreshed (self);
}

/* @account_name: (nullable): the display name, which is what alerts carry
 * as their owner */
void
tocsin_paging_watcher_set_account (TocsinPagingWatcher *self,
                                   const char          *account_id,
                                   const char          *account_name)
{
  g_return_if_fail (TOCSIN_IS_PAGING_WATCHER (self));

  g_free (self->account_id);
  self->account_id = g_strdup (account_id);
  g_free (self->account_name);
  self->account_name = g_strdup (account_name);
  update_on_call (self);
}

/* @schedule_monitor: (nullable): where on-call-now comes from */
void
tocsin_paging_watcher_set_schedule_monitor (TocsinPagingWatcher   *self,
                                            TocsinScheduleMonitor *schedule_monitor)
{
  g_return_if_fail (TOCSIN_IS_PAGING_WATCHER (self));

  if (self->schedule_monitor == schedule_monitor)
    return;
  if (self->schedule_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->schedule_monitor, self);
  g_set_object (&self->schedule_monitor, schedule_monitor);
  if (schedule_monitor != NULL)
    g_signal_connect_object (schedule_monitor, "refreshed",
                             G_CALLBACK (update_on_call), self, G_CONNECT_SWAPPED);
  if (self->monitor != NULL)
    update_on_call (self);
}

guint
tocsin_paging_watcher_get_poll_interval (TocsinPagingWatcher *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAGING_WATCHER (self), 0);
  return tocsin_alert_monitor_get_interval (self->monitor);
}

void
tocsin_paging_watcher_set_poll_interval (TocsinPagingWatcher *self,
                                         guint                seconds)
{
  g_return_if_fail (TOCSIN_IS_PAGING_WATCHER (self));

  if (tocsin_alert_monitor_get_interval (self->monitor) == seconds)
    return;
  tocsin_alert_monitor_set_interval (self->monitor, seconds);
  restart_stale_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_POLL_INTERVAL]);
}

guint
tocsin_paging_watcher_get_stale_floor (TocsinPagingWatcher *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAGING_WATCHER (self), 0);
  return self->stale_floor;
}

/* The shortest time without a successful poll that counts as stale;
 * TOCSIN_PAGING_WATCHER_STALE_FLOOR unless a test or the demo lowers it. */
void
tocsin_paging_watcher_set_stale_floor (TocsinPagingWatcher *self,
                                       guint                seconds)
{
  g_return_if_fail (TOCSIN_IS_PAGING_WATCHER (self));

  if (self->stale_floor == seconds)
    return;
  self->stale_floor = seconds;
  restart_stale_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STALE_FLOOR]);
}

/* Seconds without a successful poll after which the watcher is stale. */
guint
tocsin_paging_watcher_get_stale_after (TocsinPagingWatcher *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAGING_WATCHER (self), 0);
  return MAX (TOCSIN_PAGING_WATCHER_STALE_INTERVALS * tocsin_paging_watcher_get_poll_interval (self),
              self->stale_floor);
}

gboolean
tocsin_paging_watcher_get_active (TocsinPagingWatcher *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAGING_WATCHER (self), FALSE);
  return tocsin_alert_monitor_get_active (self->monitor);
}

void
tocsin_paging_watcher_set_active (TocsinPagingWatcher *self,
                                  gboolean             active)
{
  g_return_if_fail (TOCSIN_IS_PAGING_WATCHER (self));

  active = !!active;
  if (tocsin_alert_monitor_get_active (self->monitor) == active)
    return;

  /* The threshold counts from the start, so a server that is down from
   * the beginning turns stale too. */
  g_clear_pointer (&self->last_success, g_date_time_unref);
  self->last_success = g_date_time_new_now_utc ();
  tocsin_alert_monitor_set_active (self->monitor, active);
  restart_stale_timer (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACTIVE]);
}

TocsinHealth
tocsin_paging_watcher_get_health (TocsinPagingWatcher *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAGING_WATCHER (self), TOCSIN_HEALTH_LIVE);
  return self->health;
}

/* Returns: (transfer none) (nullable): the last successful poll, while stale */
GDateTime *
tocsin_paging_watcher_get_stale_since (TocsinPagingWatcher *self)
{
  g_return_val_if_fail (TOCSIN_IS_PAGING_WATCHER (self), NULL);
  return self->stale_since;
}

/* Polls now (Retry). */
void
tocsin_paging_watcher_refresh (TocsinPagingWatcher *self)
{
  g_return_if_fail (TOCSIN_IS_PAGING_WATCHER (self));
  tocsin_alert_monitor_refresh (self->monitor);
}
