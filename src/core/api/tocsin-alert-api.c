/* tocsin-alert-api.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-api"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-alert-api.h"
#include "tocsin-alert-parser.h"
#include "tocsin-json-utf8.h"

#define REQUEST_FIRST_POLL_MS 300
#define REQUEST_POLL_MS       500
#define REQUEST_DEFAULT_BOUND_MS 20000

static char *
alert_path (const char *alert_id,
            const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (alert_id, NULL, FALSE);

  return g_strconcat ("/alerts/", escaped, suffix, NULL);
}

static JsonNode *
object_body (const char *first_key,
             ...)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  va_list args;

  json_builder_begin_object (builder);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      json_builder_set_member_name (builder, key);
      json_builder_add_string_value (builder, va_arg (args, const char *));
    }
  va_end (args);
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

gboolean
tocsin_alert_action_build (TocsinAlertActionKind   action,
                           const char             *alert_id,
                           const char             *arg,
                           const char             *arg2,
                           const char            **method,
                           char                  **path,
                           JsonNode              **body,
                           GError                **error)
{
  const char *suffix = NULL;
  JsonNode *node = NULL;

  g_return_val_if_fail (alert_id != NULL, FALSE);
  g_return_val_if_fail (method != NULL && path != NULL && body != NULL, FALSE);

  *method = "POST";
  switch (action)
    {
    case TOCSIN_ALERT_ACTION_ACKNOWLEDGE:
      suffix = "/acknowledge";
      break;
    case TOCSIN_ALERT_ACTION_UNACKNOWLEDGE:
      suffix = "/unacknowledge";
      break;
    case TOCSIN_ALERT_ACTION_CLOSE:
      suffix = "/close";
      break;
    case TOCSIN_ALERT_ACTION_SNOOZE:
      {
        g_autoptr(GDateTime) end = arg != NULL ? g_date_time_new_from_iso8601 (arg, NULL) : NULL;

        if (end == NULL)
          goto missing;
        suffix = "/snooze";
        node = object_body ("endTime", arg, NULL);
      }
      break;
    case TOCSIN_ALERT_ACTION_ADD_NOTE:
      if (arg == NULL || *arg == '\0')
        goto missing;
      suffix = "/notes";
      node = object_body ("note", arg, NULL);
      break;
    case TOCSIN_ALERT_ACTION_ASSIGN:
      if (arg == NULL || *arg == '\0')
        goto missing;
      suffix = "/assign";
      node = object_body ("accountId", arg, NULL);
      break;
    case TOCSIN_ALERT_ACTION_ESCALATE:
      if (arg == NULL || *arg == '\0')
        goto missing;
      suffix = "/escalate";
      node = object_body ("escalationId", arg, NULL);
      break;
    case TOCSIN_ALERT_ACTION_ADD_RESPONDER:
      if (arg == NULL || *arg == '\0' || arg2 == NULL || *arg2 == '\0')
        goto missing;
      suffix = "/responders";
      node = object_body ("id", arg, "type", arg2, NULL);
      break;
    case TOCSIN_ALERT_ACTION_SET_PRIORITY:
      if (tocsin_alert_priority_from_string (arg) == 0)
        goto missing;
      *method = "PATCH";
      suffix = "/priority";
      node = object_body ("priority", arg, NULL);
      break;
    default:
      goto missing;
    }

  *path = alert_path (alert_id, suffix);
  *body = node;
  return TRUE;

missing:
  g_set_error_literal (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_INVALID,
                       _("This action needs a value that was not given."));
  return FALSE;
}

/* List and count */

void
tocsin_alert_api_list_async (TocsinOpsClient     *client,
                             const char          *query,
                             guint                max_items,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  const char *params[] = { "query", query, "sort", "createdAt", "order", "desc", NULL };

  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (client));

  tocsin_ops_client_list_all_async (client, "/alerts",
                                    query != NULL && *query != '\0' ? params : params + 2,
                                    TOCSIN_ALERT_PAGE_SIZE, max_items,
                                    tocsin_alert_parse_value, NULL, g_object_unref,
                                    cancellable, callback, user_data);
}

GPtrArray *
tocsin_alert_api_list_finish (TocsinOpsClient  *client,
                              GAsyncResult     *result,
                              gint64           *total,
                              gboolean         *truncated,
                              GError          **error)
{
  return tocsin_ops_client_list_all_finish (client, result, total, truncated, error);
}

typedef struct
{
  GPtrArray *alerts;
  gint64     total;
} Page;

static void
page_free (Page *page)
{
  g_clear_pointer (&page->alerts, g_ptr_array_unref);
  g_free (page);
}

static void
page_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonObject *object;
  JsonNode *values, *count;
  Page *page;

  root = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (values = json_object_get_member ((object = json_node_get_object (root)), "values")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (values) ||
      (count = json_object_get_member (object, "count")) == NULL ||
      !JSON_NODE_HOLDS_VALUE (count) || json_node_get_value_type (count) != G_TYPE_INT64)
    {
      g_task_return_new_error (task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                               _("The server sent a list in a form Tocsin does not understand."));
      return;
    }

  page = g_new0 (Page, 1);
  page->alerts = g_ptr_array_new_with_free_func (g_object_unref);
  page->total = json_node_get_int (count);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (values)); i++)
    {
      gpointer alert = tocsin_alert_parse_value (json_array_get_element (json_node_get_array (values), i), NULL);

      if (alert != NULL)
        g_ptr_array_add (page->alerts, alert);
    }
  g_task_return_pointer (task, page, (GDestroyNotify) page_free);
}

void
tocsin_alert_api_list_page_async (TocsinOpsClient     *client,
                                  const char          *query,
                                  guint                offset,
                                  guint                size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autofree char *offset_str = g_strdup_printf ("%u", offset);
  g_autofree char *size_str = g_strdup_printf ("%u", size);
  const char *params[] = { "sort", "createdAt", "order", "desc", "offset", offset_str, "size", size_str,
                           "query", query, NULL };
  GTask *task;

  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (client));

  if (query == NULL || *query == '\0')
    params[8] = NULL;
  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_alert_api_list_page_async);
  tocsin_ops_client_request_async (client, "GET", "/alerts", params, NULL, cancellable, page_cb, task);
}

GPtrArray *
tocsin_alert_api_list_page_finish (TocsinOpsClient  *client,
                                   GAsyncResult     *result,
                                   gint64           *total,
                                   GError          **error)
{
  Page *page;
  GPtrArray *alerts;

  g_return_val_if_fail (g_task_is_valid (result, client), NULL);

  page = g_task_propagate_pointer (G_TASK (result), error);
  if (page == NULL)
    return NULL;
  if (total != NULL)
    *total = page->total;
  alerts = g_steal_pointer (&page->alerts);
  page_free (page);
  return alerts;
}

static void
count_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *count;

  root = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (count = json_object_get_member (json_node_get_object (root), "count")) == NULL ||
      !JSON_NODE_HOLDS_VALUE (count) || json_node_get_value_type (count) != G_TYPE_INT64)
    {
      g_task_return_new_error (task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                               _("The server did not say how many alerts match."));
      return;
    }
  g_task_return_int (task, json_node_get_int (count));
}

void
tocsin_alert_api_count_async (TocsinOpsClient     *client,
                              const char          *query,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  const char *params[] = { "offset", "0", "size", "1", "query", query, NULL };
  GTask *task;

  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (client));

  if (query == NULL || *query == '\0')
    params[4] = NULL;
  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_alert_api_count_async);
  tocsin_ops_client_request_async (client, "GET", "/alerts", params, NULL, cancellable, count_cb, task);
}

gint64
tocsin_alert_api_count_finish (TocsinOpsClient  *client,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), -1);
  return g_task_propagate_int (G_TASK (result), error);
}

/* Request status */

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

  if (g_get_monotonic_time () + (gint64) delay_ms * 1000 > wait->deadline)
    {
      g_task_return_new_error (task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_REQUEST_PENDING,
                               _("The server has not processed the request yet. Refresh in a moment to see whether it took effect."));
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
  Wait *wait = g_task_get_task_data (task);
  g_autofree char *escaped = g_uri_escape_string (wait->request_id, NULL, FALSE);
  g_autofree char *path = g_strconcat ("/alerts/requests/", escaped, NULL);

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }
  tocsin_ops_client_request_async (g_task_get_source_object (task), "GET", path, NULL, NULL,
                                   g_task_get_cancellable (task), wait_poll_cb, task);
}

void
tocsin_alert_api_wait_request_async (TocsinOpsClient     *client,
                                     const char          *request_id,
                                     guint                bound_ms,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GTask *task;
  Wait *wait;

  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (client));
  g_return_if_fail (request_id != NULL);

  wait = g_new0 (Wait, 1);
  wait->request_id = g_strdup (request_id);
  wait->deadline = g_get_monotonic_time () + (gint64) (bound_ms > 0 ? bound_ms : REQUEST_DEFAULT_BOUND_MS) * 1000;

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_alert_api_wait_request_async);
  g_task_set_task_data (task, wait, (GDestroyNotify) wait_free);
  /* Processing takes a moment; asking at once would only collect a 404. */
  wait_again (task, REQUEST_FIRST_POLL_MS);
}

gboolean
tocsin_alert_api_wait_request_finish (TocsinOpsClient  *client,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Actions */

static void
action_waited_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (tocsin_alert_api_wait_request_finish (TOCSIN_OPS_CLIENT (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
action_sent_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *request_id = NULL;
  GError *error = NULL;

  root = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  request_id = tocsin_alert_parse_request_id (root);
  if (GPOINTER_TO_INT (g_task_get_task_data (task)) == TOCSIN_ALERT_ACTION_ADD_NOTE || request_id == NULL)
    {
      /* Synchronous (add note), or no receipt to follow. */
      g_task_return_boolean (task, TRUE);
      return;
    }

  tocsin_alert_api_wait_request_async (TOCSIN_OPS_CLIENT (source), request_id, 0,
                                       g_task_get_cancellable (task), action_waited_cb,
                                       g_object_ref (task));
}

void
tocsin_alert_api_run_action_async (TocsinOpsClient       *client,
                                   const char            *alert_id,
                                   TocsinAlertActionKind  action,
                                   const char            *arg,
                                   const char            *arg2,
                                   GCancellable          *cancellable,
                                   GAsyncReadyCallback    callback,
                                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  const char *method;

  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (client));
  g_return_if_fail (alert_id != NULL);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_alert_api_run_action_async);
  g_task_set_task_data (task, GINT_TO_POINTER (action), NULL);

  if (!tocsin_alert_action_build (action, alert_id, arg, arg2, &method, &path, &body, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  tocsin_ops_client_request_async (client, method, path, NULL, body, cancellable,
                                   action_sent_cb, g_steal_pointer (&task));
}

gboolean
tocsin_alert_api_run_action_finish (TocsinOpsClient  *client,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Notes and logs */

typedef TocsinAlertEntry *(*EntryParser) (JsonNode *node);

typedef struct
{
  GPtrArray *entries;
  char      *next_after;
} EntryPage;

static void
entry_page_free (EntryPage *page)
{
  g_clear_pointer (&page->entries, g_ptr_array_unref);
  g_free (page->next_after);
  g_free (page);
}

static void
entries_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  EntryParser parse = (EntryParser) g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;
  JsonNode *values;
  JsonNode *links;
  EntryPage *page;

  root = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (source), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      (values = json_object_get_member (json_node_get_object (root), "values")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (values))
    {
      g_task_return_new_error (task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                               _("The server sent a list in a form Tocsin does not understand."));
      return;
    }

  page = g_new0 (EntryPage, 1);
  page->entries = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (values)); i++)
    {
      TocsinAlertEntry *entry = parse (json_array_get_element (json_node_get_array (values), i));

      if (entry != NULL)
        g_ptr_array_add (page->entries, entry);
    }

  links = json_object_get_member (json_node_get_object (root), "links");
  if (links != NULL && JSON_NODE_HOLDS_OBJECT (links))
    {
      g_autofree char *next = tocsin_json_dup_string (json_node_get_object (links), "next");
      g_autoptr(GHashTable) params = tocsin_ops_parse_next_link (next);
      const char *after = params != NULL ? g_hash_table_lookup (params, "after") : NULL;

      if (after != NULL && *after != '\0')
        page->next_after = g_strdup (after);
    }

  g_task_return_pointer (task, page, (GDestroyNotify) entry_page_free);
}

static void
get_entries (TocsinOpsClient     *client,
             const char          *alert_id,
             const char          *suffix,
             EntryParser          parse,
             gpointer             source_tag,
             const char          *after,
             guint                size,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autofree char *path = alert_path (alert_id, suffix);
  g_autofree char *size_text = g_strdup_printf ("%u", CLAMP (size > 0 ? size : 20, 1, 100));
  const char *params[] = { "size", size_text, "after", after, NULL };
  GTask *task;

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, (gpointer) parse, NULL);
  if (after == NULL)
    params[2] = NULL;
  tocsin_ops_client_request_async (client, "GET", path, params, NULL, cancellable, entries_cb, task);
}

static GPtrArray *
get_entries_finish (GAsyncResult  *result,
                    char         **next_after,
                    GError       **error)
{
  EntryPage *page = g_task_propagate_pointer (G_TASK (result), error);
  GPtrArray *entries;

  if (next_after != NULL)
    *next_after = page != NULL ? g_steal_pointer (&page->next_after) : NULL;
  if (page == NULL)
    return NULL;
  entries = g_steal_pointer (&page->entries);
  entry_page_free (page);
  return entries;
}

void
tocsin_alert_api_get_notes_async (TocsinOpsClient     *client,
                                  const char          *alert_id,
                                  const char          *after,
                                  guint                size,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (client));
  g_return_if_fail (alert_id != NULL);

  get_entries (client, alert_id, "/notes", tocsin_alert_parse_note, tocsin_alert_api_get_notes_async,
               after, size, cancellable, callback, user_data);
}

GPtrArray *
tocsin_alert_api_get_notes_finish (TocsinOpsClient  *client,
                                   GAsyncResult     *result,
                                   char            **next_after,
                                   GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return get_entries_finish (result, next_after, error);
}

void
tocsin_alert_api_get_logs_async (TocsinOpsClient     *client,
                                 const char          *alert_id,
                                 const char          *after,
                                 guint                size,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (client));
  g_return_if_fail (alert_id != NULL);

  get_entries (client, alert_id, "/logs", tocsin_alert_parse_log, tocsin_alert_api_get_logs_async,
               after, size, cancellable, callback, user_data);
}

GPtrArray *
tocsin_alert_api_get_logs_finish (TocsinOpsClient  *client,
                                  GAsyncResult     *result,
                                  char            **next_after,
                                  GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return get_entries_finish (result, next_after, error);
}

/* Teams and escalations */

static void
teams_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  GError *error = NULL;

  root = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (source), result, &error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, tocsin_alert_parse_teams (root), (GDestroyNotify) g_ptr_array_unref);
}

void
tocsin_alert_api_list_teams_async (TocsinOpsClient     *client,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (client));

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_alert_api_list_teams_async);
  tocsin_ops_client_request_async (client, "GET", "/teams", NULL, NULL, cancellable, teams_cb, task);
}

GPtrArray *
tocsin_alert_api_list_teams_finish (TocsinOpsClient  *client,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
parse_escalation_value (JsonNode *node,
                        gpointer  unused)
{
  return tocsin_alert_parse_escalation (node);
}

void
tocsin_alert_api_list_escalations_async (TocsinOpsClient     *client,
                                         const char          *team_id,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree char *escaped = NULL;
  g_autofree char *path = NULL;

  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (client));
  g_return_if_fail (team_id != NULL);

  escaped = g_uri_escape_string (team_id, NULL, FALSE);
  path = g_strconcat ("/teams/", escaped, "/escalations", NULL);
  tocsin_ops_client_list_all_async (client, path, NULL, 100, 1000, parse_escalation_value, NULL,
                                    g_object_unref, cancellable, callback, user_data);
}

GPtrArray *
tocsin_alert_api_list_escalations_finish (TocsinOpsClient  *client,
                                          GAsyncResult     *result,
                                          GError          **error)
{
  return tocsin_ops_client_list_all_finish (client, result, NULL, NULL, error);
}
