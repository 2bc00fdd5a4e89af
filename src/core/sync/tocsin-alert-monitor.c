/* tocsin-alert-monitor.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-monitor"

#include "config.h"

#include "tocsin-alert-monitor-private.h"

G_DEFINE_FINAL_TYPE (TocsinAlertMonitor, tocsin_alert_monitor, G_TYPE_OBJECT)

GParamSpec *_tocsin_alert_monitor_properties [N_PROPS];
#define properties _tocsin_alert_monitor_properties

/* State setters */

void
_tocsin_alert_monitor_set_loading (TocsinAlertMonitor *self,
                                   gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

void
_tocsin_alert_monitor_set_error (TocsinAlertMonitor *self,
                                 const GError       *error)
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

/* Polling */

static gboolean
poll_cb (gpointer user_data)
{
  TocsinAlertMonitor *self = user_data;

  self->poll_source = 0;
  self->poll_due = TRUE;
  _tocsin_alert_monitor_start_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_poll (TocsinAlertMonitor *self)
{
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (!self->active || self->offline || self->poll_interval == 0 ||
      self->refresh_cancellable != NULL || _tocsin_alert_monitor_follows_leader (self))
    return;
  self->poll_source = g_timeout_add_seconds (self->poll_interval, poll_cb, self);
}

/* A refresh is the list and the open-unacknowledged count; it ends (loading
 * goes FALSE) when both are in, so nobody reads a count older than the list. */
static void
refresh_part_done (TocsinAlertMonitor *self)
{
  g_return_if_fail (self->refresh_parts > 0);

  if (--self->refresh_parts > 0)
    return;
  g_clear_object (&self->refresh_cancellable);
  _tocsin_alert_monitor_set_loading (self, FALSE);
  if (self->refresh_again)
    _tocsin_alert_monitor_start_refresh (self);
  else
    schedule_poll (self);
}

void
_tocsin_alert_monitor_applied_cb (GObject      *source,
                                  GAsyncResult *result,
                                  gpointer      user_data)
{
  g_autoptr(TocsinAlertMonitor) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!tocsin_alert_list_apply_finish (TOCSIN_ALERT_LIST (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _tocsin_alert_monitor_set_error (self, error);
    }
  else
    {
      _tocsin_alert_monitor_set_error (self, NULL);
      g_clear_pointer (&self->last_refresh, g_date_time_unref);
      self->last_refresh = g_date_time_new_now_utc ();
      self->last_refresh_us = g_get_monotonic_time ();
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LAST_REFRESH]);
      if (self->cached)
        {
          self->cached = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CACHED]);
        }
    }

  refresh_part_done (self);
}

void
_tocsin_alert_monitor_set_open_unacknowledged (TocsinAlertMonitor *self,
                                               gint64              count)
{
  if ((guint)CLAMP (count, 0, G_MAXUINT) == self->open_unacknowledged)
    return;
  self->open_unacknowledged = (guint)CLAMP (count, 0, G_MAXUINT);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OPEN_UNACKNOWLEDGED_COUNT]);
}

static void
counted_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(TocsinAlertMonitor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 count;

  count = tocsin_alert_service_count_finish (TOCSIN_ALERT_SERVICE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    /* The list request reports the same problem; keep the last count. */
    g_debug ("Counting open alerts failed: %s", error->message);
  else
    _tocsin_alert_monitor_set_open_unacknowledged (self, count);
  refresh_part_done (self);
}

static void
start_count (TocsinAlertMonitor *self)
{
  self->refresh_parts++;
  tocsin_alert_service_count_async (self->service, TOCSIN_ALERT_QUERY_OPEN_UNACKNOWLEDGED,
                                    self->refresh_cancellable, counted_cb, g_object_ref (self));
}

/* An owner filter keeps only some of the matches, so the list cannot count. */
static gboolean
query_covers_open_unacknowledged (TocsinAlertMonitor *self)
{
  return self->owners == NULL && tocsin_alert_query_covers_open_unacknowledged (self->query);
}

static void
refresh_failed (TocsinAlertMonitor *self,
                const GError       *error)
{
  g_debug ("Refresh failed: %s", error->message);
  _tocsin_alert_monitor_set_error (self, error);
  tocsin_alert_pass_clear (&self->pass);
  refresh_part_done (self);
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TocsinAlertMonitor) self = user_data;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  gint64   total = 0;
  gboolean truncated = FALSE;

  alerts = tocsin_alert_service_list_finish (TOCSIN_ALERT_SERVICE (source), result, &total,
                                             &truncated, &error);
  if (alerts == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refresh_failed (self, error);
      return;
    }

  if (self->owners != NULL)
    {
      GPtrArray *kept = tocsin_alert_filter_owners (alerts, (const char * const *)self->owners);

      g_ptr_array_unref (alerts);
      alerts = kept;
      total = alerts->len;
    }
  if (self->total != total)
    {
      self->total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOTAL]);
    }
  if (self->truncated != truncated)
    {
      self->truncated = truncated;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TRUNCATED]);
    }
  if (query_covers_open_unacknowledged (self))
    {
      if (!truncated && total == (gint64)alerts->len)
        _tocsin_alert_monitor_set_open_unacknowledged (self,
                                                       tocsin_alert_count_open_unacknowledged (
                                                         alerts));
      else
        start_count (self);
    }

  tocsin_alert_list_apply_async (self->list, alerts, 0, self->refresh_cancellable,
                                 _tocsin_alert_monitor_applied_cb, g_object_ref (self));
}

static void
start_full_list (TocsinAlertMonitor *self)
{
  tocsin_alert_service_list_async (self->service, self->query, 0, self->refresh_cancellable,
                                   listed_cb, g_object_ref (self));
  if (!query_covers_open_unacknowledged (self))
    start_count (self);
}

/* Cheap polls: one page and a part of a full pass per poll (tocsin-alert-pass.c). */
static gboolean
can_poll_cheaply (TocsinAlertMonitor *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  /* With an owner filter the server's count is not the list's length. */
  return self->last_refresh_us != 0 && !self->truncated && self->owners == NULL &&
         self->total > TOCSIN_ALERT_PAGE_SIZE && self->total == n;
}

static void
polled_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(TocsinAlertMonitor) self = user_data;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GError) error = NULL;
  gboolean moved;

  fresh = tocsin_alert_pass_poll_finish (TOCSIN_ALERT_SERVICE (source), result, &moved, &error);
  if (moved)
    {
      g_debug ("Alerts moved on the server, fetching them all");
      start_full_list (self);
      return;
    }
  if (fresh == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        refresh_failed (self, error);
      return;
    }

  if (query_covers_open_unacknowledged (self))
    _tocsin_alert_monitor_set_open_unacknowledged (self,
                                                   tocsin_alert_count_open_unacknowledged (fresh));
  else
    start_count (self);
  tocsin_alert_list_apply_async (self->list, fresh, 0, self->refresh_cancellable,
                                 _tocsin_alert_monitor_applied_cb, g_object_ref (self));
}

static void
start_cheap_poll (TocsinAlertMonitor *self)
{
  tocsin_alert_pass_poll_async (&self->pass, self->service, self->query, G_LIST_MODEL (self->list),
                                self->refresh_cancellable, polled_cb, g_object_ref (self));
}

void
_tocsin_alert_monitor_start_refresh (TocsinAlertMonitor *self)
{
  gboolean poll_due = self->poll_due;

  self->poll_due = FALSE;
  g_clear_handle_id (&self->poll_source, g_source_remove);

  if (self->refresh_cancellable != NULL)
    {
      self->refresh_again = TRUE;
      return;
    }
  self->refresh_again = FALSE;

  if (self->offline)
    return;

  /* The leader polls for both; anything else (a refresh asked for, an
   * action done, a new query) asks it for a fresh answer, which is ours. */
  if (_tocsin_alert_monitor_follows_leader (self))
    {
      if (!poll_due)
        tocsin_alert_monitor_refresh (self->leader);
      return;
    }

  self->refresh_cancellable = g_cancellable_new ();
  self->refresh_parts = 1;   /* the list; a count request adds one */
  _tocsin_alert_monitor_set_loading (self, TRUE);
  if (poll_due && can_poll_cheaply (self))
    start_cheap_poll (self);
  else
    start_full_list (self);
}

static void
cancel_refresh (TocsinAlertMonitor *self)
{
  if (self->refresh_cancellable == NULL)
    return;
  g_cancellable_cancel (self->refresh_cancellable);
  g_clear_object (&self->refresh_cancellable);
  tocsin_alert_pass_clear (&self->pass);
  self->refresh_parts = 0;
  _tocsin_alert_monitor_set_loading (self, FALSE);
}

/* Results of an old query (or owner filter) are of no use any more. */
static void
restart_refresh (TocsinAlertMonitor *self)
{
  if (self->refresh_cancellable != NULL)
    {
      cancel_refresh (self);
      _tocsin_alert_monitor_start_refresh (self);
    }
  else if (self->active)
    _tocsin_alert_monitor_start_refresh (self);
}

void
tocsin_alert_monitor_refresh (TocsinAlertMonitor *self)
{
  g_return_if_fail (TOCSIN_IS_ALERT_MONITOR (self));
  _tocsin_alert_monitor_start_refresh (self);
}

void
tocsin_alert_monitor_refresh_if_stale (TocsinAlertMonitor *self,
                                       guint               max_age_s)
{
  g_return_if_fail (TOCSIN_IS_ALERT_MONITOR (self));

  if (self->refresh_cancellable != NULL)
    return;
  if (self->last_refresh_us != 0 &&
      g_get_monotonic_time () - self->last_refresh_us < (gint64) max_age_s * G_USEC_PER_SEC)
    return;
  _tocsin_alert_monitor_start_refresh (self);
}

/* Network and suspend */

static void
on_offline_changed_cb (TocsinAlertMonitor *self)
{
  self->offline = tocsin_reachability_get_offline (self->reachability);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OFFLINE]);
  if (self->offline)
    {
      cancel_refresh (self);
      g_clear_handle_id (&self->poll_source, g_source_remove);
    }
}

/* Back online, another network, or resumed from suspend: look again. */
static void
on_look_again_cb (TocsinAlertMonitor *self)
{
  if (self->active)
    _tocsin_alert_monitor_start_refresh (self);
}

/* GObject */

static void
tocsin_alert_monitor_constructed (GObject *object)
{
  TocsinAlertMonitor *self = (TocsinAlertMonitor *)object;

  G_OBJECT_CLASS (tocsin_alert_monitor_parent_class)->constructed (object);

  g_assert (TOCSIN_IS_OPS_CLIENT (self->client));
  self->service = tocsin_alert_service_new (self->client);

  self->reachability = tocsin_reachability_new (tocsin_ops_client_get_api_base_url (self->client));
  self->offline = tocsin_reachability_get_offline (self->reachability);
  g_signal_connect_object (self->reachability, "notify::offline",
                           G_CALLBACK (on_offline_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reachability, "network-changed", G_CALLBACK (on_look_again_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reachability, "resumed", G_CALLBACK (on_look_again_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
tocsin_alert_monitor_dispose (GObject *object)
{
  TocsinAlertMonitor *self = (TocsinAlertMonitor *)object;

  cancel_refresh (self);
  tocsin_alert_pass_clear (&self->pass);
  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->leader != NULL)
    g_signal_handlers_disconnect_by_data (self->leader, self);
  g_clear_object (&self->leader);
  g_clear_object (&self->service);
  g_clear_object (&self->reachability);

  G_OBJECT_CLASS (tocsin_alert_monitor_parent_class)->dispose (object);
}

static void
tocsin_alert_monitor_finalize (GObject *object)
{
  TocsinAlertMonitor *self = (TocsinAlertMonitor *)object;

  g_clear_object (&self->client);
  g_clear_object (&self->list);
  g_free (self->query);
  g_strfreev (self->owners);
  g_clear_error (&self->error);
  g_clear_pointer (&self->last_refresh, g_date_time_unref);

  G_OBJECT_CLASS (tocsin_alert_monitor_parent_class)->finalize (object);
}

static void
tocsin_alert_monitor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TocsinAlertMonitor *self = TOCSIN_ALERT_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->list);
      break;
    case PROP_QUERY:
      g_value_set_string (value, self->query);
      break;
    case PROP_OWNERS:
      g_value_set_boxed (value, self->owners);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->poll_interval);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
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
    case PROP_OPEN_UNACKNOWLEDGED_COUNT:
      g_value_set_uint (value, self->open_unacknowledged);
      break;
    case PROP_TOTAL:
      g_value_set_int64 (value, self->total);
      break;
    case PROP_TRUNCATED:
      g_value_set_boolean (value, self->truncated);
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
tocsin_alert_monitor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TocsinAlertMonitor *self = TOCSIN_ALERT_MONITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_QUERY:
      tocsin_alert_monitor_set_query (self, g_value_get_string (value));
      break;
    case PROP_OWNERS:
      tocsin_alert_monitor_set_owners (self, g_value_get_boxed (value));
      break;
    case PROP_INTERVAL:
      tocsin_alert_monitor_set_interval (self, g_value_get_uint (value));
      break;
    case PROP_ACTIVE:
      tocsin_alert_monitor_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_monitor_class_init (TocsinAlertMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tocsin_alert_monitor_constructed;
  object_class->dispose = tocsin_alert_monitor_dispose;
  object_class->finalize = tocsin_alert_monitor_finalize;
  object_class->get_property = tocsin_alert_monitor_get_property;
  object_class->set_property = tocsin_alert_monitor_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TOCSIN_TYPE_OPS_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_MODEL] = g_param_spec_object ("model", NULL, NULL, TOCSIN_TYPE_ALERT_LIST,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties [PROP_QUERY] =
    g_param_spec_string ("query", NULL, NULL, "status:open",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_OWNERS] =
    g_param_spec_boxed ("owners", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, 24 * 3600, 60,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_OPEN_UNACKNOWLEDGED_COUNT] =
    g_param_spec_uint ("open-unacknowledged-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TOTAL] =
    g_param_spec_int64 ("total", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_TRUNCATED] =
    g_param_spec_boolean ("truncated", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LAST_REFRESH] =
    g_param_spec_boxed ("last-refresh", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_CACHED] =
    g_param_spec_boolean ("cached", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_alert_monitor_init (TocsinAlertMonitor *self)
{
  self->list = tocsin_alert_list_new ();
  self->query = g_strdup ("status:open");
  self->poll_interval = 60;
}

TocsinAlertMonitor *
tocsin_alert_monitor_new (TocsinOpsClient *client)
{
  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (client), NULL);

  return g_object_new (TOCSIN_TYPE_ALERT_MONITOR, "client", client, NULL);
}

/**
 * tocsin_alert_monitor_get_service:
 *
 * Returns: (transfer none): the service the monitor calls, for the calls
 *   the monitor does not make itself (notes, teams)
 */
TocsinAlertService *
tocsin_alert_monitor_get_service (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), NULL);
  return self->service;
}

TocsinAlertList *
tocsin_alert_monitor_get_model (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), NULL);
  return self->list;
}

const char *
tocsin_alert_monitor_get_query (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), NULL);
  return self->query;
}

void
tocsin_alert_monitor_set_query (TocsinAlertMonitor *self,
                                const char         *query)
{
  g_return_if_fail (TOCSIN_IS_ALERT_MONITOR (self));

  if (query == NULL)
    query = "";
  if (g_strcmp0 (self->query, query) == 0)
    return;
  g_free (self->query);
  self->query = g_strdup (query);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_QUERY]);
  restart_refresh (self);
}

const char * const *
tocsin_alert_monitor_get_owners (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), NULL);
  return (const char * const *)self->owners;
}

/**
 * tocsin_alert_monitor_set_owners:
 * @owners: (nullable): owner field values to keep (empty ones are ignored);
 *   %NULL or none keeps every alert the query matches
 */
void
tocsin_alert_monitor_set_owners (TocsinAlertMonitor *self,
                                 const char * const *owners)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) normalized = NULL;

  g_return_if_fail (TOCSIN_IS_ALERT_MONITOR (self));

  for (guint i = 0; owners != NULL && owners [i] != NULL; i++)
    if (*owners [i] != '\0')
      g_strv_builder_add (builder, owners [i]);
  normalized = g_strv_builder_end (builder);
  if (normalized [0] == NULL)
    g_clear_pointer (&normalized, g_strfreev);

  if (self->owners == normalized ||
      (self->owners != NULL && normalized != NULL &&
       g_strv_equal ((const char * const *)self->owners, (const char * const *)normalized)))
    return;
  g_strfreev (self->owners);
  self->owners = g_steal_pointer (&normalized);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OWNERS]);
  restart_refresh (self);
}

guint
tocsin_alert_monitor_get_interval (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), 0);
  return self->poll_interval;
}

void
tocsin_alert_monitor_set_interval (TocsinAlertMonitor *self,
                                   guint               seconds)
{
  g_return_if_fail (TOCSIN_IS_ALERT_MONITOR (self));

  if (self->poll_interval == seconds)
    return;
  self->poll_interval = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_INTERVAL]);
  if (self->poll_source != 0)
    schedule_poll (self);
}

gboolean
tocsin_alert_monitor_get_active (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), FALSE);
  return self->active;
}

void
tocsin_alert_monitor_set_active (TocsinAlertMonitor *self,
                                 gboolean            active)
{
  g_return_if_fail (TOCSIN_IS_ALERT_MONITOR (self));

  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ACTIVE]);

  if (active)
    _tocsin_alert_monitor_start_refresh (self);
  else
    {
      cancel_refresh (self);
      g_clear_handle_id (&self->poll_source, g_source_remove);
    }
}

gboolean
tocsin_alert_monitor_get_loading (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), FALSE);
  return self->loading;
}

const GError *
tocsin_alert_monitor_get_error (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), NULL);
  return self->error;
}

gboolean
tocsin_alert_monitor_get_offline (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), FALSE);
  return self->offline;
}

guint
tocsin_alert_monitor_get_open_unacknowledged_count (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), 0);
  return self->open_unacknowledged;
}

gint64
tocsin_alert_monitor_get_total (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), 0);
  return self->total;
}

gboolean
tocsin_alert_monitor_get_truncated (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), FALSE);
  return self->truncated;
}

GDateTime *
tocsin_alert_monitor_get_last_refresh (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), NULL);
  return self->last_refresh;
}

/**
 * tocsin_alert_monitor_seed:
 * @alerts: (element-type TocsinAlert): what the cache kept for the query
 *
 * Shows @alerts at once, before the server answers; "cached" is TRUE until
 * the first refresh lands and replaces them. Ignored once one has landed.
 */
void
tocsin_alert_monitor_seed (TocsinAlertMonitor *self,
                           GPtrArray          *alerts)
{
  g_return_if_fail (TOCSIN_IS_ALERT_MONITOR (self));
  g_return_if_fail (alerts != NULL);

  if (self->last_refresh_us != 0 || alerts->len == 0)
    return;
  tocsin_alert_list_apply (self->list, alerts);
  if (query_covers_open_unacknowledged (self))
    _tocsin_alert_monitor_set_open_unacknowledged (self,
                                                   tocsin_alert_count_open_unacknowledged (alerts));
  if (!self->cached)
    {
      self->cached = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_CACHED]);
    }
}

gboolean
tocsin_alert_monitor_get_cached (TocsinAlertMonitor *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), FALSE);
  return self->cached;
}
