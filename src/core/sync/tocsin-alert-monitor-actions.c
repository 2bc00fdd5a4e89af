/* tocsin-alert-monitor-actions.c: actions on one alert and on several alerts
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-monitor"

#include "config.h"

#include "tocsin-alert-monitor.h"

/* One alert */

typedef struct
{
  TocsinAlert *alert;
  TocsinAlert *before;
} Action;

static void
action_free (Action *action)
{
  g_clear_object (&action->alert);
  g_clear_object (&action->before);
  g_free (action);
}

static void
apply_optimistic (TocsinAlert           *alert,
                  TocsinAlertActionKind  action,
                  const char            *arg)
{
  switch (action)
    {
    case TOCSIN_ALERT_ACTION_ACKNOWLEDGE:
      tocsin_alert_set_acknowledged (alert, TRUE);
      break;
    case TOCSIN_ALERT_ACTION_UNACKNOWLEDGE:
      tocsin_alert_set_acknowledged (alert, FALSE);
      break;
    case TOCSIN_ALERT_ACTION_CLOSE:
      tocsin_alert_set_status (alert, "closed");
      break;
    case TOCSIN_ALERT_ACTION_SNOOZE:
      {
        g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 (arg, NULL);

        tocsin_alert_set_snoozed (alert, TRUE);
        tocsin_alert_set_snoozed_until (alert, until);
      }
      break;
    case TOCSIN_ALERT_ACTION_SET_PRIORITY:
      tocsin_alert_set_priority (alert, tocsin_alert_priority_from_string (arg));
      break;
    case TOCSIN_ALERT_ACTION_ADD_NOTE:
    case TOCSIN_ALERT_ACTION_ASSIGN:
    case TOCSIN_ALERT_ACTION_ESCALATE:
    case TOCSIN_ALERT_ACTION_ADD_RESPONDER:
    default:
      /* Nothing visible to predict. */
      break;
    }
}

static void
action_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinAlertMonitor *self = g_task_get_source_object (task);
  Action *action = g_task_get_task_data (task);
  GError *error = NULL;

  TocsinAlertList *list = tocsin_alert_monitor_get_model (self);

  tocsin_alert_set_pending (action->alert, FALSE);

  if (!tocsin_alert_service_run_action_finish (TOCSIN_ALERT_SERVICE (source), result, &error))
    {
      /* A request still queued may yet succeed: keep the prediction then. */
      if (!g_error_matches (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_REQUEST_PENDING))
        tocsin_alert_update_from (action->alert, action->before);
      tocsin_alert_list_recount (list);
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);

  /* What the server made of it, whether it worked or not. */
  if (tocsin_alert_monitor_get_active (self))
    tocsin_alert_monitor_refresh (self);
}

void
tocsin_alert_monitor_run_alert_action_async (TocsinAlertMonitor    *self,
                                             TocsinAlert           *alert,
                                             TocsinAlertActionKind  action,
                                             const char            *arg,
                                             const char            *arg2,
                                             GCancellable          *cancellable,
                                             GAsyncReadyCallback    callback,
                                             gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Action *data;

  g_return_if_fail (TOCSIN_IS_ALERT_MONITOR (self));
  g_return_if_fail (TOCSIN_IS_ALERT (alert));

  data = g_new0 (Action, 1);
  data->alert = g_object_ref (alert);
  data->before = tocsin_alert_copy (alert);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_alert_monitor_run_alert_action_async);
  g_task_set_task_data (task, data, (GDestroyNotify)action_free);

  tocsin_alert_set_pending (alert, TRUE);
  apply_optimistic (alert, action, arg);
  tocsin_alert_list_recount (tocsin_alert_monitor_get_model (self));

  tocsin_alert_service_run_action_async (tocsin_alert_monitor_get_service (self),
                                         tocsin_alert_get_id (alert), action, arg, arg2,
                                         cancellable, action_done_cb, g_steal_pointer (&task));
}

gboolean
tocsin_alert_monitor_run_alert_action_finish (TocsinAlertMonitor *self,
                                              GAsyncResult       *result,
                                              GError            **error)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Several alerts */

/* The state of one run, as the task's data: what is left and the first
 * failure, which is what a person is told about. */
typedef struct
{
  guint        remaining;
  guint        n_failed;
  TocsinAlert *first_failed;
  GError      *error;
} Run;

typedef struct
{
  GTask       *task;
  TocsinAlert *alert;
} Call;

/* Auxiliary methods */

static void
run_free (Run *run)
{
  g_clear_object (&run->first_failed);
  g_clear_error (&run->error);
  g_free (run);
}

static void
run_complete (GTask *task)
{
  Run *run = g_task_get_task_data (task);

  if (run->error != NULL)
    g_task_return_error (task, g_error_copy (run->error));
  else
    g_task_return_boolean (task, TRUE);
}

/* Callbacks */

static void
on_alert_action_done_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GTask) task = call->task;
  g_autoptr(TocsinAlert) alert = call->alert;
  Run *run = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  g_free (call);

  /* A cancelled call is not the alert's failure: the task says it was cancelled. */
  if (!tocsin_alert_monitor_run_alert_action_finish (TOCSIN_ALERT_MONITOR (source), result,
                                                     &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (run->n_failed++ == 0)
        {
          run->error = g_steal_pointer (&error);
          run->first_failed = g_object_ref (alert);
        }
    }

  if (--run->remaining == 0)
    run_complete (task);
}

/* Public API */

void
tocsin_alert_monitor_run_action_async (TocsinAlertMonitor  *self,
                                       GPtrArray           *alerts,
                                       TocsinAlertAction   *action,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *arg = NULL;
  g_autofree char *arg2 = NULL;
  Run *run;

  g_return_if_fail (TOCSIN_IS_ALERT_MONITOR (self));
  g_return_if_fail (alerts != NULL);
  g_return_if_fail (action != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));
  for (guint i = 0; i < alerts->len; i++)
    g_return_if_fail (TOCSIN_IS_ALERT (g_ptr_array_index (alerts, i)));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_alert_monitor_run_action_async);
  run = g_new0 (Run, 1);
  run->remaining = alerts->len;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  if (alerts->len == 0)
    {
      run_complete (task);
      return;
    }

  tocsin_alert_action_dup_request_args (action, &arg, &arg2);
  for (guint i = 0; i < alerts->len; i++)
    {
      Call *call = g_new0 (Call, 1);

      call->task = g_object_ref (task);
      call->alert = g_object_ref (g_ptr_array_index (alerts, i));
      tocsin_alert_monitor_run_alert_action_async (self, call->alert,
                                                   tocsin_alert_action_get_kind (action), arg, arg2,
                                                   cancellable, on_alert_action_done_cb, call);
    }
}

gboolean
tocsin_alert_monitor_run_action_finish (TocsinAlertMonitor  *self,
                                        GAsyncResult        *result,
                                        guint               *n_failed,
                                        TocsinAlert        **first_failed,
                                        GError             **error)
{
  Run *run;

  g_return_val_if_fail (TOCSIN_IS_ALERT_MONITOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_async_result_is_tagged (result, tocsin_alert_monitor_run_action_async),
                        FALSE);

  run = g_task_get_task_data (G_TASK (result));
  if (n_failed != NULL)
    *n_failed = run->n_failed;
  if (first_failed != NULL)
    *first_failed = run->first_failed != NULL ? g_object_ref (run->first_failed) : NULL;
  return g_task_propagate_boolean (G_TASK (result), error);
}
