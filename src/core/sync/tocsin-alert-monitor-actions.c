/* tocsin-alert-monitor-actions.c: one action on several alerts
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-monitor"

#include "config.h"

#include "tocsin-alert-monitor.h"

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
