/* tocsin-alert-parser.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tocsin-alert.h"
#include "tocsin-alert-entry.h"
#include "tocsin-alert-target.h"

G_BEGIN_DECLS

/* Pure functions from JSON to model objects: no I/O, no globals, safe in a
 * worker thread. Missing or wrongly typed fields keep their defaults; only
 * an alert without a usable "id" is dropped (NULL). */

TocsinAlert      *tocsin_alert_parse_node           (JsonNode    *node);

/* GTask-free adaptor for tocsin_ops_client_list_all_async(). */
gpointer          tocsin_alert_parse_value          (JsonNode    *node,
                                                     gpointer     unused);

/* A whole list page ({"values":[...], "count":N, "links":{"next":...}}).
 * @count: (out) (optional): "count", or -1; @next: (out) (optional): links.next.
 * Returns NULL with TOCSIN_API_ERROR_MALFORMED when it is not such a page. */
GPtrArray        *tocsin_alert_parse_page           (GBytes      *bytes,
                                                     gint64      *count,
                                                     char       **next,
                                                     GError     **error);

/* ISO 8601 (or epoch milliseconds as a number) -> UTC GDateTime, or NULL. */
GDateTime        *tocsin_alert_parse_date           (JsonNode    *node);

/* GET /alerts/requests/{id}: TRUE when processed; @is_success and @status
 * (out, optional) then hold the outcome. Tolerates a {"data":{...}} wrapper. */
gboolean          tocsin_alert_parse_request_status (JsonNode    *root,
                                                     gboolean    *is_success,
                                                     char       **status);

/* Async receipt {"result":...,"requestId":...}; NULL when absent. */
char             *tocsin_alert_parse_request_id     (JsonNode    *root);

/* Notes ({id, createdAt, updatedAt, note, owner}) and logs ({logTime,
 * logType, log, owner}) -> TocsinAlertEntry. */
TocsinAlertEntry *tocsin_alert_parse_note           (JsonNode    *node);
TocsinAlertEntry *tocsin_alert_parse_log            (JsonNode    *node);

/* GET /teams: {"platformTeams":[{teamId,teamName}]} or a bare array of
 * {id,name} (or teamId/teamName). Returns TocsinAlertTarget (kind "team"). */
GPtrArray        *tocsin_alert_parse_teams          (JsonNode    *root);
/* One escalation policy {id, name, description} (kind "escalation"). */
TocsinAlertTarget *tocsin_alert_parse_escalation    (JsonNode    *node);

G_END_DECLS
