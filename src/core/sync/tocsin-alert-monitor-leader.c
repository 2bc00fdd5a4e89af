/* tocsin-alert-monitor-leader.c: an alert monitor that takes another's answers
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-monitor"

#include "config.h"

#include "tocsin-alert-monitor-private.h"

#define properties _tocsin_alert_monitor_properties

/* Sharing a request
 *
 * The window's monitor and the paging watcher's poll the same alerts when
 * the window shows the watcher's query (open and unacknowledged, no owner
 * filter). Then the window's asks the server nothing: each refresh of the
 * watcher's is applied to its list too, as copies, so that an action's
 * pending state and optimistic change stay in the list it was run from.
 * At 100 matching alerts that halves the requests of an idle poll. */

gboolean
_tocsin_alert_monitor_follows_leader (TocsinAlertMonitor *self)
{
  return self->leader != NULL && self->leader->active && self->owners == NULL &&
         self->leader->owners == NULL && g_strcmp0 (self->query, self->leader->query) == 0;
}

/* Copying is about 4 us an alert (40 ms at 10,000), so it runs in idle
 * chunks of about this many microseconds, like the apply after it. */
#define COPY_BUDGET_US 1000

typedef struct
{
  TocsinAlertMonitor *self;
  GCancellable       *cancellable;  /* the refresh this copy is part of */
  GPtrArray          *alerts;       /* the leader's, as its refresh left them */
  GPtrArray          *copies;
} Copying;

static void
copying_free (Copying *copying)
{
  g_object_unref (copying->self);
  g_object_unref (copying->cancellable);
  g_ptr_array_unref (copying->alerts);
  g_ptr_array_unref (copying->copies);
  g_free (copying);
}

/* An alert the leader changes while the copy is under way is copied as it
 * is then: newer than its refresh, as the next one would make it anyway. */
static gboolean
copy_some_cb (gpointer user_data)
{
  Copying *copying = user_data;
  TocsinAlertMonitor *self = copying->self;
  gint64 deadline = g_get_monotonic_time () + COPY_BUDGET_US;

  /* A cancelled refresh has already ended (cancel_refresh). */
  if (g_cancellable_is_cancelled (copying->cancellable))
    return G_SOURCE_REMOVE;
  while (copying->copies->len < copying->alerts->len)
    {
      TocsinAlert *alert = g_ptr_array_index (copying->alerts, copying->copies->len);

      g_ptr_array_add (copying->copies, tocsin_alert_copy (alert));
      if (g_get_monotonic_time () > deadline)
        return G_SOURCE_CONTINUE;
    }
  tocsin_alert_list_apply_async (self->list, copying->copies, 0, copying->cancellable,
                                 _tocsin_alert_monitor_applied_cb, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

static void
on_leader_refreshed_cb (TocsinAlertMonitor *self)
{
  Copying    *copying;
  GListModel *model;
  guint       n;

  if (!_tocsin_alert_monitor_follows_leader (self) || self->refresh_cancellable != NULL ||
      self->leader->last_refresh == NULL)
    return;

  model = G_LIST_MODEL (self->leader->list);
  n = g_list_model_get_n_items (model);
  copying = g_new0 (Copying, 1);
  copying->alerts = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (copying->alerts, g_list_model_get_item (model, i));
  copying->copies = g_ptr_array_new_full (n, g_object_unref);
  if (self->total != self->leader->total)
    {
      self->total = self->leader->total;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TOTAL]);
    }
  if (self->truncated != self->leader->truncated)
    {
      self->truncated = self->leader->truncated;
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TRUNCATED]);
    }
  _tocsin_alert_monitor_set_open_unacknowledged (self, self->leader->open_unacknowledged);

  self->refresh_cancellable = g_cancellable_new ();
  self->refresh_parts = 1;
  _tocsin_alert_monitor_set_loading (self, TRUE);
  copying->self = g_object_ref (self);
  copying->cancellable = g_object_ref (self->refresh_cancellable);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, copy_some_cb, copying, (GDestroyNotify) copying_free);
}

/* A failed poll of the leader is ours too (its success clears it). */
static void
on_leader_error_cb (TocsinAlertMonitor *self)
{
  if (_tocsin_alert_monitor_follows_leader (self) && self->refresh_cancellable == NULL &&
      self->leader->error != NULL)
    _tocsin_alert_monitor_set_error (self, self->leader->error);
}

/* A leader that stops leaves the polling to us again. */
static void
on_leader_active_cb (TocsinAlertMonitor *self)
{
  if (self->active && self->refresh_cancellable == NULL && self->poll_source == 0 &&
      !_tocsin_alert_monitor_follows_leader (self))
    _tocsin_alert_monitor_start_refresh (self);
}

/**
 * tocsin_alert_monitor_set_leader:
 * @leader: (nullable): a monitor on the same site that polls on its own
 *
 * While @leader is active and @self has the same query (and neither has an
 * owner filter), @self sends no request of its own: it takes @leader's
 * alerts after each of its refreshes, and a refresh of @self refreshes
 * @leader. @leader never takes anything from @self.
 */
void
tocsin_alert_monitor_set_leader (TocsinAlertMonitor *self,
                                 TocsinAlertMonitor *leader)
{
  g_return_if_fail (TOCSIN_IS_ALERT_MONITOR (self));
  g_return_if_fail (leader == NULL || TOCSIN_IS_ALERT_MONITOR (leader));
  g_return_if_fail (leader != self);

  if (self->leader == leader)
    return;
  if (self->leader != NULL)
    g_signal_handlers_disconnect_by_data (self->leader, self);
  g_set_object (&self->leader, leader);
  if (leader == NULL)
    return;
  g_signal_connect_object (leader, "notify::last-refresh", G_CALLBACK (on_leader_refreshed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (leader, "notify::error", G_CALLBACK (on_leader_error_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (leader, "notify::active", G_CALLBACK (on_leader_active_cb), self,
                           G_CONNECT_SWAPPED);
  /* Our own poll now waits for the leader's. */
  if (_tocsin_alert_monitor_follows_leader (self))
    g_clear_handle_id (&self->poll_source, g_source_remove);
}
