/* tocsin-ops-client.h
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "tocsin-api-error.h"
#include "tocsin-token-provider.h"

G_BEGIN_DECLS

/* The JSM Ops and Jira REST client: one SoupSession, Bearer tokens from a
 * TocsinTokenProvider, one refresh-and-retry on 401, Retry-After / backoff on
 * 429 and 5xx, a timeout on every request and a cap on the response size.
 * All errors are in TOCSIN_API_ERROR (see tocsin-api-error.h), except
 * G_IO_ERROR_CANCELLED. JSON bodies are parsed in a worker thread. */

#define TOCSIN_TYPE_OPS_CLIENT (tocsin_ops_client_get_type ())

G_DECLARE_FINAL_TYPE (TocsinOpsClient, tocsin_ops_client, TOCSIN, OPS_CLIENT, GObject)

/* offset + size must stay *below* this for offset-paged lists ("must be
 * lower than 20,000", the JSM Ops OpenAPI spec), so at most 19,999 items. */
#define TOCSIN_OPS_MAX_WINDOW 20000

/* Default cap on a response body. */
#define TOCSIN_OPS_DEFAULT_MAX_RESPONSE_SIZE (32 * 1024 * 1024)

/* @api_base_url: e.g. "https://api.atlassian.com" (http only for loopback);
 * requests go to {api_base_url}/ex/jira/{cloud_id}/jsm/ops/api/v1{path}
 * and {api_base_url}/ex/jira/{cloud_id}{path} for Jira paths.
 * Returns NULL with TOCSIN_API_ERROR_INVALID when the URL is unusable. */
TocsinOpsClient     *tocsin_ops_client_new                   (const char           *api_base_url,
                                                              const char           *cloud_id,
                                                              TocsinTokenProvider  *token_provider,
                                                              GError              **error);

const char          *tocsin_ops_client_get_api_base_url      (TocsinOpsClient      *self);
const char          *tocsin_ops_client_get_cloud_id          (TocsinOpsClient      *self);
TocsinTokenProvider *tocsin_ops_client_get_token_provider    (TocsinOpsClient      *self);

/* Tuning (defaults: 30 s timeout, 32 MiB, 3 retries, backoff 1 s doubling up
 * to 30 s with jitter, Retry-After honoured up to 60 s). Tests shorten them. */
void                 tocsin_ops_client_set_timeout           (TocsinOpsClient      *self,
                                                              guint                 seconds);
void                 tocsin_ops_client_set_max_response_size (TocsinOpsClient      *self,
                                                              gsize                 max_bytes);
void                 tocsin_ops_client_set_retry_policy      (TocsinOpsClient      *self,
                                                              guint                 max_retries,
                                                              guint                 base_delay_ms,
                                                              guint                 max_delay_ms);

/* Builds the full URL (the only place that does). @query: NULL or a
 * NULL-terminated list of key, value pairs (a key may repeat). @jira: TRUE for
 * a path under /ex/jira/{cloudid}, FALSE for one under .../jsm/ops/api/v1. */
char                *tocsin_ops_client_build_url             (TocsinOpsClient      *self,
                                                              gboolean              jira,
                                                              const char           *path,
                                                              const char * const   *query);

/* Generic JSM Ops call. @method: "GET", "POST", "PATCH", "DELETE", ...
 * @path: under /jsm/ops/api/v1, e.g. "/alerts" or "/alerts/<escaped id>/acknowledge"
 * (escape ids with g_uri_escape_string (id, NULL, FALSE)).
 * @body: (nullable): sent as application/json.
 * _finish returns the parsed JSON (NULL without error for 204 / empty bodies). */
void                 tocsin_ops_client_request_async         (TocsinOpsClient      *self,
                                                              const char           *method,
                                                              const char           *path,
                                                              const char * const   *query,
                                                              JsonNode             *body,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
JsonNode            *tocsin_ops_client_request_finish        (TocsinOpsClient      *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* The same for Jira platform paths, e.g. "/rest/api/3/myself",
 * "/rest/api/3/user/bulk" (query "accountId", "a", "accountId", "b", ...). */
void                 tocsin_ops_client_jira_request_async    (TocsinOpsClient      *self,
                                                              const char           *method,
                                                              const char           *path,
                                                              const char * const   *query,
                                                              JsonNode             *body,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
JsonNode            *tocsin_ops_client_jira_request_finish   (TocsinOpsClient      *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);

/* Turns one element of a page's "values" into an item; runs in a worker
 * thread, so it must be a pure function. Return NULL to skip the element. */
typedef gpointer (*TocsinOpsValueFunc) (JsonNode *value,
                                        gpointer  user_data);

/* Offset paging over a JSM Ops list ({"values":[...], "count":N,
 * "links":{"next":...}}): follows links.next (absolute or relative; its
 * offset/size/after parameters are taken over) until it is absent, never
 * asking beyond TOCSIN_OPS_MAX_WINDOW. Stops after @max_items (0 = the window).
 * @page_size: 1..100. @value_func: (nullable): without one, items are
 * JsonNode references (freed with json_node_unref); with one, @item_free
 * frees what it returns (e.g. g_object_unref).
 * _finish: the items in server order; @total: the server's "count" (or the
 * number of items when absent); @truncated: TRUE when more matched than could
 * be fetched. */
void                 tocsin_ops_client_list_all_async        (TocsinOpsClient      *self,
                                                              const char           *path,
                                                              const char * const   *query,
                                                              guint                 page_size,
                                                              guint                 max_items,
                                                              TocsinOpsValueFunc    value_func,
                                                              gpointer              value_func_data,
                                                              GDestroyNotify        item_free,
                                                              GCancellable         *cancellable,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GPtrArray           *tocsin_ops_client_list_all_finish       (TocsinOpsClient      *self,
                                                              GAsyncResult         *result,
                                                              gint64               *total,
                                                              gboolean             *truncated,
                                                              GError              **error);

/* Pure: reads the paging parameters ("offset", "size", "after") out of a
 * links.next value, absolute ("https://host/.../v1/alerts?offset=100&size=100")
 * or relative ("/v1/alerts?offset=100&size=100"). Returns a table
 * key -> value (free with g_hash_table_unref), or NULL when @next is unusable. */
GHashTable          *tocsin_ops_parse_next_link              (const char           *next);

G_END_DECLS
