/* tocsin-alert-api.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tocsin-ops-client.h"
#include "tocsin-alert.h"
#include "tocsin-alert-action.h"
#include "tocsin-alert-entry.h"
#include "tocsin-alert-target.h"

G_BEGIN_DECLS

/* The JSM Ops alert endpoints, on top of TocsinOpsClient. */

/* Page size used for alert lists (the API maximum). */
#define TOCSIN_ALERT_PAGE_SIZE 100

/* Pure: the method, path (under /jsm/ops/api/v1) and JSON body of an action.
 * FALSE with TOCSIN_API_ERROR_INVALID when a needed argument is missing. */
gboolean   tocsin_alert_action_build              (TocsinAlertActionKind action,
                                                   const char           *alert_id,
                                                   const char           *arg,
                                                   const char           *arg2,
                                                   const char          **method,
                                                   char                **path,
                                                   JsonNode            **body,
                                                   GError              **error);

/* GET /alerts?query=..&sort=createdAt&order=desc, paged with size=100 through
 * everything the query matches (within the 20,000 window). @query may be
 * NULL or "" for all alerts. Parsing runs in a worker thread. */
void       tocsin_alert_api_list_async            (TocsinOpsClient      *client,
                                                   const char           *query,
                                                   guint                 max_items,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray *tocsin_alert_api_list_finish           (TocsinOpsClient      *client,
                                                   GAsyncResult         *result,
                                                   gint64               *total,
                                                   gboolean             *truncated,
                                                   GError              **error);

/* One page of the same list: @size alerts from @offset (one request).
 * @total: (out) (optional): how many alerts match. */
void       tocsin_alert_api_list_page_async       (TocsinOpsClient      *client,
                                                   const char           *query,
                                                   guint                 offset,
                                                   guint                 size,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray *tocsin_alert_api_list_page_finish      (TocsinOpsClient      *client,
                                                   GAsyncResult         *result,
                                                   gint64               *total,
                                                   GError              **error);

/* How many alerts match @query (one request, size=1, reading "count"). */
void       tocsin_alert_api_count_async           (TocsinOpsClient      *client,
                                                   const char           *query,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gint64     tocsin_alert_api_count_finish          (TocsinOpsClient      *client,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Runs an action; when the server answers 202 it then polls
 * /alerts/requests/{requestId} (waiting through the early 404s) until
 * isSuccess is true (TRUE) or false (TOCSIN_API_ERROR_REQUEST_FAILED), or
 * the bound passes (TOCSIN_API_ERROR_REQUEST_PENDING). */
void       tocsin_alert_api_run_action_async      (TocsinOpsClient      *client,
                                                   const char           *alert_id,
                                                   TocsinAlertActionKind action,
                                                   const char           *arg,
                                                   const char           *arg2,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean   tocsin_alert_api_run_action_finish     (TocsinOpsClient      *client,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* Just the polling part. @bound_ms: 0 = 20 s. */
void       tocsin_alert_api_wait_request_async    (TocsinOpsClient      *client,
                                                   const char           *request_id,
                                                   guint                 bound_ms,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean   tocsin_alert_api_wait_request_finish   (TocsinOpsClient      *client,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* One page of notes or of the activity log (cursor paging). @after: NULL
 * for the first page; @size: 1..100 (0 = 20). _finish returns
 * TocsinAlertEntry objects and the cursor of the next page in @next_after
 * (NULL on the last page). */
void       tocsin_alert_api_get_notes_async       (TocsinOpsClient      *client,
                                                   const char           *alert_id,
                                                   const char           *after,
                                                   guint                 size,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray *tocsin_alert_api_get_notes_finish      (TocsinOpsClient      *client,
                                                   GAsyncResult         *result,
                                                   char                **next_after,
                                                   GError              **error);
void       tocsin_alert_api_get_logs_async        (TocsinOpsClient      *client,
                                                   const char           *alert_id,
                                                   const char           *after,
                                                   guint                 size,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray *tocsin_alert_api_get_logs_finish       (TocsinOpsClient      *client,
                                                   GAsyncResult         *result,
                                                   char                **next_after,
                                                   GError              **error);

/* GET /teams -> TocsinAlertTarget (kind "team"); both response shapes. */
void       tocsin_alert_api_list_teams_async      (TocsinOpsClient      *client,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GPtrArray *tocsin_alert_api_list_teams_finish     (TocsinOpsClient      *client,
                                                   GAsyncResult         *result,
                                                   GError              **error);

/* GET /teams/{id}/escalations (all pages) -> TocsinAlertTarget (kind "escalation"). */
void       tocsin_alert_api_list_escalations_async  (TocsinOpsClient    *client,
                                                     const char         *team_id,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
GPtrArray *tocsin_alert_api_list_escalations_finish (TocsinOpsClient    *client,
                                                     GAsyncResult       *result,
                                                     GError            **error);

G_END_DECLS
