/* tocsin-alert-service-requests.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* TocsinAlertService, continued: following an asynchronous action's
 * request until the server has processed it. */

#define G_LOG_DOMAIN "tocsin-alert-service"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-parser.h"
#include "tocsin-alert-service.h"

#define REQUEST_FIRST_POLL_MS 300
#define REQUEST_POLL_MS       500
#define REQUEST_DEFAULT_BOUND_MS 20000

typedef struct
{
  char   *request_id;
  gint64  deadline;
  guint   source_id;
} Wait;

static void
wait_free (Wait *wait)
{
  g_clear_handle_id (&wait->source_id, g_source_remove);
  g_free (wait->request_id);
  g_free (wait);
}

static void wait_poll (GTask *task);

static gboolean
wait_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  Wait *wait = g_task_get_task_data (task);

  wait->source_id = 0;
  wait_poll (task);
  return G_SOURCE_REMOVE;
}

static void
wait_again (GTask *task,
            guint  delay_ms)
{
  Wait *wait = g_task_get_task_data (task);

  if (g_get_monotonic_time () + (gint64)delay_ms * 1000 > wait->deadline)
    {
      g_task_return_new_error (
        task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_REQUEST_PENDING,
        _(
          "The server has not processed the request yet. Refresh in a moment to see whether it took effect."));
      g_object_unref (task);
      return;
    }
  wait->source_id = g_timeout_add (delay_ms, wait_timeout_cb, task);
}

static void
wait_poll_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gboolean success = FALSE;

  root = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (source), result, &error);
  if (error != NULL)
    {
      /* Just after a write the request is often not known yet. */
      if (g_error_matches (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_NOT_FOUND))
        {
          wait_again (task, REQUEST_POLL_MS);
          return;
        }
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }

  if (!tocsin_alert_parse_request_status (root, &success, &status))
    {
      wait_again (task, REQUEST_POLL_MS);
      return;
    }

  if (success)
    g_task_return_boolean (task, TRUE);
  else if (status != NULL && *status != '\0')
    g_task_return_new_error (task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_REQUEST_FAILED,
                             _("The server could not carry out the action: %s"), status);
  else
    g_task_return_new_error (task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_REQUEST_FAILED,
                             _("The server could not carry out the action."));
  g_object_unref (task);
}

static void
wait_poll (GTask *task)
{
  TocsinAlertService *service = g_task_get_source_object (task);
  Wait               *wait = g_task_get_task_data (task);
  g_autofree char    *escaped = g_uri_escape_string (wait->request_id, NULL, FALSE);
  g_autofree char    *path = g_strconcat ("/alerts/requests/", escaped, NULL);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  tocsin_ops_client_request_async (tocsin_alert_service_get_client (service), "GET", path, NULL,
                                   NULL, g_task_get_cancellable (task), wait_poll_cb, task);
}

void
tocsin_alert_service_wait_request_async (TocsinAlertService *self,
                                         const char         *request_id,
                                         guint               bound_ms,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  GTask *task;
  Wait  *wait;

  g_return_if_fail (TOCSIN_IS_ALERT_SERVICE (self));
  g_return_if_fail (request_id != NULL);

  wait = g_new0 (Wait, 1);
  wait->request_id = g_strdup (request_id);
  wait->deadline =
    g_get_monotonic_time () + (gint64)(bound_ms > 0 ? bound_ms : REQUEST_DEFAULT_BOUND_MS) * 1000;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_alert_service_wait_request_async);
  g_task_set_task_data (task, wait, (GDestroyNotify)wait_free);
  /* Processing takes a moment; asking at once would only collect a 404. */
  wait_again (task, REQUEST_FIRST_POLL_MS);
}

gboolean
tocsin_alert_service_wait_request_finish (TocsinAlertService *self,
                                          GAsyncResult       *result,
                                          GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
