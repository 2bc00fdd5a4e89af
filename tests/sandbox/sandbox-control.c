/* sandbox-control.c: the request log, fault injection and /_sandbox/ endpoints
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include <string.h>

#include "sandbox-private.h"

#define HUGE_BODY_SIZE (64 * 1024 * 1024)

typedef struct
{
  guint  id;
  char  *path;
  char  *method;     /* NULL = any */
  char  *query;      /* NULL = any; else the query string must contain it */
  char  *kind;
  int    times;      /* -1 = until cleared */
  guint  status;
  char  *retry_after;
  guint  delay_ms;
  char  *message;    /* status: the error text instead of the reason phrase */
  char  *location;   /* kind "redirect" */
  gsize  size;          /* huge: body size */
  char  *content_type;  /* body: the answer's content type */
  GBytes *body;         /* body: the answer's bytes */
} SbFault;

static const char * const secret_fields[] = {
  "client_secret", "code", "code_verifier", "refresh_token", "access_token", NULL
};

static const char * const fault_kinds[] = {
  "status", "delay", "malformed", "truncated", "drop", "content-type", "huge", "redirect",
  "body", "invalid-utf8", "wrong-types", NULL
};

static void
fault_free (gpointer data)
{
  SbFault *f = data;

  g_free (f->path);
  g_free (f->method);
  g_free (f->query);
  g_free (f->kind);
  g_free (f->retry_after);
  g_free (f->message);
  g_free (f->location);
  g_free (f->content_type);
  g_clear_pointer (&f->body, g_bytes_unref);
  g_free (f);
}

void
sb_control_init (void)
{
  sb->log = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  sb->faults = g_ptr_array_new_with_free_func (fault_free);
}

/* ---- the request log ---------------------------------------------------- */

static gboolean
is_secret (const char *name)
{
  return g_strv_contains (secret_fields, name);
}

static void
redact_object (JsonObject *obj)
{
  g_autoptr(GList) members = json_object_get_members (obj);

  for (GList *l = members; l; l = l->next)
    {
      JsonNode *node = json_object_get_member (obj, l->data);

      if (is_secret (l->data))
        json_object_set_string_member (obj, l->data, "<redacted>");
      else if (JSON_NODE_HOLDS_OBJECT (node))
        redact_object (json_node_get_object (node));
    }
}

static void
add_header (const char *name,
            const char *value,
            gpointer    user_data)
{
  JsonObject *headers = user_data;

  if (g_ascii_strcasecmp (name, "Authorization") == 0)
    value = g_ascii_strncasecmp (value, "Bearer ", 7) == 0 ? "Bearer <redacted>" : "<redacted>";
  else if (g_ascii_strcasecmp (name, "Cookie") == 0)
    value = "<redacted>";
  json_object_set_string_member (headers, name, value);
}

static JsonNode *
logged_body (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) form = sb_request_form (msg);
  JsonNode *json;
  g_autoptr(GBytes) bytes = NULL;
  gsize len;
  const char *data;

  if (form != NULL)
    json = sb_query_to_json (form);
  else
    json = sb_request_json (msg);
  if (json != NULL)
    {
      if (JSON_NODE_HOLDS_OBJECT (json))
        redact_object (json_node_get_object (json));
      return json;
    }
  bytes = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  data = g_bytes_get_data (bytes, &len);
  if (len == 0 || !g_utf8_validate (data, len, NULL))
    return json_node_init_null (json_node_alloc ());
  return json_node_init_string (json_node_alloc (), "<unparsed body>");
}

static void
on_message_finished (SoupServerMessage *msg,
                     JsonObject        *entry)
{
  json_object_set_int_member (entry, "status", soup_server_message_get_status (msg));
}

static void
unref_entry (gpointer  data,
             GClosure *closure)
{
  json_object_unref (data);
}

static void
set_grant_type (JsonObject *entry,
                JsonNode   *body)
{
  JsonObject *obj = body && JSON_NODE_HOLDS_OBJECT (body) ? json_node_get_object (body) : NULL;
  JsonNode *gt = obj ? json_object_get_member (obj, "grant_type") : NULL;

  if (gt != NULL && json_node_get_value_type (gt) == G_TYPE_STRING)
    json_object_set_string_member (entry, "grant_type", json_node_get_string (gt));
  else
    json_object_set_null_member (entry, "grant_type");
}

void
sb_control_log_request (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autoptr(GHashTable) query = sb_request_query (msg);
  g_autoptr(GDateTime) now = sb_now ();
  g_autofree char *time = sb_iso (now);
  JsonObject *entry = json_object_new ();
  JsonObject *headers = json_object_new ();
  JsonNode *query_json = sb_query_to_json (query);
  JsonNode *body = logged_body (msg);

  redact_object (json_node_get_object (query_json));
  soup_message_headers_foreach (soup_server_message_get_request_headers (msg), add_header, headers);

  json_object_set_int_member (entry, "seq", ++sb->log_seq);
  json_object_set_string_member (entry, "time", time);
  json_object_set_string_member (entry, "method", soup_server_message_get_method (msg));
  json_object_set_string_member (entry, "path", g_uri_get_path (uri));
  json_object_set_member (entry, "query", query_json);
  json_object_set_object_member (entry, "headers", headers);
  set_grant_type (entry, body);
  json_object_set_member (entry, "body", body);
  json_object_set_null_member (entry, "status");
  g_ptr_array_add (sb->log, entry);

  g_signal_connect_data (msg, "finished", G_CALLBACK (on_message_finished),
                         json_object_ref (entry), unref_entry, 0);
}

static void
respond_log (SoupServerMessage *msg)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < sb->log->len; i++)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), g_ptr_array_index (sb->log, i));
      g_autofree char *line = json_to_string (node, FALSE);

      g_string_append (out, line);
      g_string_append_c (out, '\n');
    }
  sb_respond_text (msg, SOUP_STATUS_OK, "application/x-ndjson", out->str);
  g_string_free (out, TRUE);
}

/* ---- faults ------------------------------------------------------------- */

static SbFault *
take_fault (SoupServerMessage *msg,
            const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  const char *query = g_uri_get_query (soup_server_message_get_uri (msg));

  for (guint i = 0; i < sb->faults->len; i++)
    {
      SbFault *f = g_ptr_array_index (sb->faults, i);
      SbFault *copy;

      if (!g_str_has_prefix (path, f->path) ||
          (f->method != NULL && g_ascii_strcasecmp (f->method, method) != 0) ||
          (f->query != NULL && (query == NULL || strstr (query, f->query) == NULL)))
        continue;

      copy = g_new0 (SbFault, 1);
      *copy = *f;
      copy->path = g_strdup (f->path);
      copy->method = g_strdup (f->method);
      copy->query = g_strdup (f->query);
      copy->kind = g_strdup (f->kind);
      copy->retry_after = g_strdup (f->retry_after);
      copy->message = g_strdup (f->message);
      copy->location = g_strdup (f->location);
      copy->content_type = g_strdup (f->content_type);
      copy->body = f->body != NULL ? g_bytes_ref (f->body) : NULL;
      if (f->times > 0 && --f->times == 0)
        g_ptr_array_remove_index (sb->faults, i);
      return copy;
    }
  return NULL;
}

static void
fault_status (SoupServerMessage *msg,
              const char        *path,
              SbFault           *f)
{
  guint status = f->status ? f->status : SOUP_STATUS_INTERNAL_SERVER_ERROR;
  const char *reason = f->message != NULL ? f->message : soup_status_get_phrase (status);

  if (f->retry_after != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Retry-After", f->retry_after);
  if (status == 429)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "X-RateLimit-State", "THROTTLED");

  if (g_str_has_prefix (path, "/oauth/token") && !g_str_equal (path, "/oauth/token/accessible-resources"))
    sb_error_oauth (msg, status, status == 429 ? "rate_limited" : "server_error", reason);
  else if (status == SOUP_STATUS_UNAUTHORIZED || !g_str_has_prefix (path, "/ex/jira/"))
    sb_error_gateway (msg, status, reason);
  else if (strstr (path, "/jsm/ops/api/v1/alerts") != NULL)
    sb_error_alert (msg, status, reason);
  else if (strstr (path, "/rest/api/3/") != NULL)
    sb_error_jira (msg, status, reason);
  else
    sb_error_generic (msg, status, reason, status == 429 ? "TOO_MANY_REQUESTS" : "INTERNAL_SERVER_ERROR");
}

static gboolean
delayed_dispatch (gpointer data)
{
  SoupServerMessage *msg = data;

  sb_dispatch (msg);
  soup_server_message_unpause (msg);
  return G_SOURCE_REMOVE;
}

static void
fault_truncated (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *half = NULL;
  gsize len;
  const char *data;

  sb_dispatch (msg);
  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &len);
  if (len < 2)
    {
      data = "{\"values\":[{\"id\":\"x\"}]}";
      len = strlen (data);
    }
  half = g_strndup (data, len / 2);
  soup_message_body_truncate (body);   /* set_response() appends */
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, half, strlen (half));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
}

static GBytes *
huge_body (gsize size)
{
  const char *head = "{\"values\":[],\"padding\":\"";
  gsize head_len = strlen (head);
  char *data;

  size = MAX (size, head_len + 2);
  data = g_malloc (size);
  memcpy (data, head, head_len);
  memset (data + head_len, 'x', size - head_len - 2);
  memcpy (data + size - 2, "\"}", 2);
  return g_bytes_new_take (data, size);
}

/* The real answer, every string turned into a number and every number and
 * boolean into a string: JSON a client must not trust to have the types the
 * documentation gives. */
static JsonNode *
swap_types (JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *obj = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (obj);

        for (GList *l = members; l != NULL; l = l->next)
          json_object_set_member (obj, l->data, swap_types (json_node_copy (json_object_get_member (obj, l->data))));
        return node;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        JsonArray *swapped = json_array_new ();

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (swapped, swap_types (json_node_copy (json_array_get_element (array, i))));
        json_node_take_array (node, swapped);
        return node;
      }
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        json_node_set_int (node, 42);
      else
        {
          g_autofree char *text = json_node_get_value_type (node) == G_TYPE_BOOLEAN
            ? g_strdup (json_node_get_boolean (node) ? "true" : "false")
            : g_strdup_printf ("%g", json_node_get_double (node));

          json_node_set_string (node, text);
        }
      return node;
    case JSON_NODE_NULL:
    default:
      return node;
    }
}

/* Rewrites the body the real handler produced: invalid-utf8 puts bytes that
 * are not UTF-8 (a lone continuation byte, an overlong form, a cut sequence)
 * at the start of every string value; wrong-types swaps the value types. */
static void
fault_rewrite (SoupServerMessage *msg,
               const char        *kind)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) out = NULL;
  const char *data;
  gsize len;

  sb_dispatch (msg);
  bytes = soup_message_body_flatten (body);
  data = g_bytes_get_data (bytes, &len);
  if (g_str_equal (kind, "wrong-types"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!json_parser_load_from_data (parser, data, len, NULL) || json_parser_get_root (parser) == NULL)
        return;
      g_autofree char *text = json_to_string (swap_types (json_parser_get_root (parser)), FALSE);

      out = g_string_new (text);
    }
  else
    {
      gboolean in_string = FALSE;

      out = g_string_sized_new (len + 64);
      for (gsize i = 0; i < len; i++)
        {
          g_string_append_c (out, data[i]);
          if (data[i] == '\\' && in_string && i + 1 < len)
            g_string_append_c (out, data[++i]);
          else if (data[i] == '"')
            {
              in_string = !in_string;
              /* After the opening quote of a value (not a member name). */
              if (in_string && i > 0 && (data[i - 1] == ':' || data[i - 1] == '[' || data[i - 1] == ','))
                g_string_append_len (out, "\x80\xc0\xaf\xe2\x82", 5);
            }
        }
    }
  soup_message_body_truncate (body);
  soup_message_body_append (body, SOUP_MEMORY_COPY, out->str, out->len);
}

static void
fault_drop (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = NULL;

  stream = soup_server_message_steal_connection (msg);
  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

/* TRUE when the fault answered (or will answer) the request. */
gboolean
sb_control_apply_fault (SoupServerMessage *msg,
                        const char        *path)
{
  SbFault *f = take_fault (msg, path);
  const char *kind;

  if (f == NULL)
    return FALSE;
  kind = f->kind;
  if (g_str_equal (kind, "status"))
    fault_status (msg, path, f);
  else if (g_str_equal (kind, "delay"))
    {
      soup_server_message_pause (msg);
      g_timeout_add_full (G_PRIORITY_DEFAULT, f->delay_ms, delayed_dispatch,
                          g_object_ref (msg), g_object_unref);
    }
  else if (g_str_equal (kind, "malformed"))
    sb_respond_text (msg, SOUP_STATUS_OK, "application/json", "{\"values\":[{\"id\": <<this is not JSON>>");
  else if (g_str_equal (kind, "truncated"))
    fault_truncated (msg);
  else if (g_str_equal (kind, "drop"))
    fault_drop (msg);
  else if (g_str_equal (kind, "content-type"))
    sb_respond_text (msg, SOUP_STATUS_OK, "text/html; charset=utf-8",
                     "<!DOCTYPE html><html><body><h1>Log in to continue</h1></body></html>");
  else if (g_str_equal (kind, "redirect"))
    soup_server_message_set_redirect (msg, f->status ? f->status : SOUP_STATUS_FOUND, f->location);
  else if (g_str_equal (kind, "huge"))
    {
      g_autoptr(GBytes) huge = huge_body (f->size ? f->size : HUGE_BODY_SIZE);

      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             "application/json", NULL);
      soup_message_body_append_bytes (soup_server_message_get_response_body (msg), huge);
    }
  else if (g_str_equal (kind, "body"))
    {
      soup_server_message_set_status (msg, f->status ? f->status : SOUP_STATUS_OK, NULL);
      soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                             f->content_type ? f->content_type : "application/json", NULL);
      if (f->body != NULL)
        soup_message_body_append_bytes (soup_server_message_get_response_body (msg), f->body);
    }
  else if (g_str_equal (kind, "invalid-utf8") || g_str_equal (kind, "wrong-types"))
    fault_rewrite (msg, kind);
  fault_free (f);
  return TRUE;
}

static const char *
member_string (JsonObject *obj,
               const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
add_fault (SoupServerMessage *msg)
{
  g_autoptr(JsonNode) node = sb_request_json (msg);
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonObject *obj = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  SbFault *f;

  if (obj == NULL || member_string (obj, "path") == NULL ||
      !g_strv_contains (fault_kinds, member_string (obj, "kind") ? member_string (obj, "kind") : "") ||
      (g_str_equal (member_string (obj, "kind"), "redirect") && member_string (obj, "location") == NULL))
    {
      sb_error_generic (msg, SOUP_STATUS_BAD_REQUEST, "path and a known kind are required", "BAD_REQUEST");
      return;
    }
  f = g_new0 (SbFault, 1);
  f->id = ++sb->fault_seq;
  f->path = g_strdup (member_string (obj, "path"));
  f->method = g_strdup (member_string (obj, "method"));
  f->query = g_strdup (member_string (obj, "query"));
  f->kind = g_strdup (member_string (obj, "kind"));
  f->times = json_object_get_int_member_with_default (obj, "times", 1);
  f->status = json_object_get_int_member_with_default (obj, "status", 0);
  f->delay_ms = json_object_get_int_member_with_default (obj, "delay_ms", 1000);
  f->message = g_strdup (member_string (obj, "message"));
  f->location = g_strdup (member_string (obj, "location"));
  if (json_object_has_member (obj, "retry_after"))
    {
      JsonNode *ra = json_object_get_member (obj, "retry_after");

      f->retry_after = json_node_get_value_type (ra) == G_TYPE_STRING
        ? g_strdup (json_node_get_string (ra))
        : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (ra));
    }
  f->size = json_object_get_int_member_with_default (obj, "size", 0);
  f->content_type = g_strdup (member_string (obj, "content_type"));
  /* body: text as is, or body_repeat times over (deep nesting without a
   * megabyte of control request), or body_base64 for bytes JSON cannot hold. */
  if (member_string (obj, "body") != NULL)
    {
      const char *text = member_string (obj, "body");
      gint64 repeat = json_object_get_int_member_with_default (obj, "body_repeat", 1);
      GString *body = g_string_new (NULL);

      for (gint64 i = 0; i < CLAMP (repeat, 1, 1000000); i++)
        g_string_append (body, text);
      f->body = g_string_free_to_bytes (body);
    }
  else if (member_string (obj, "body_base64") != NULL)
    {
      gsize len = 0;
      guchar *data = g_base64_decode (member_string (obj, "body_base64"), &len);

      f->body = g_bytes_new_take (data, len);
    }
  if (f->times == 0)
    f->times = 1;
  g_ptr_array_add (sb->faults, f);

  json_object_set_int_member (reply, "id", f->id);
  sb_respond_object (msg, SOUP_STATUS_OK, reply);
}

/* ---- other control endpoints --------------------------------------------- */

static void
respond_empty_object (SoupServerMessage *msg)
{
  g_autoptr(JsonObject) obj = json_object_new ();

  sb_respond_object (msg, SOUP_STATUS_OK, obj);
}

static void
create_alert (SoupServerMessage *msg)
{
  g_autoptr(GHashTable) query = sb_request_query (msg);
  g_autoptr(JsonNode) node = sb_request_json (msg);
  g_autoptr(GError) error = NULL;
  const char *site_id = sb_query_get (query, "site");
  SbSite *site = site_id ? sb_data_find_site (site_id) : g_ptr_array_index (sb->sites, 0);
  SbAlert *alert;

  if (site == NULL || node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      sb_error_generic (msg, SOUP_STATUS_BAD_REQUEST, "Unknown site or no JSON object body", "BAD_REQUEST");
      return;
    }
  alert = sb_data_create_alert (site, json_node_get_object (node), &error);
  if (alert == NULL)
    {
      sb_error_generic (msg, 422, error->message, "VALIDATION");
      return;
    }
  sb_respond_object (msg, SOUP_STATUS_CREATED, alert->obj);
}

static SbAlert *
find_alert_anywhere (const char *id)
{
  for (guint i = 0; i < sb->sites->len; i++)
    {
      SbAlert *alert = sb_data_find_alert (g_ptr_array_index (sb->sites, i), id);

      if (alert != NULL)
        return alert;
    }
  return NULL;
}

static void
patch_alert (SoupServerMessage *msg,
             const char        *id)
{
  g_autoptr(JsonNode) node = sb_request_json (msg);
  g_autoptr(GError) error = NULL;
  SbAlert *alert = find_alert_anywhere (id);

  if (alert == NULL)
    {
      sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "No such alert", "NOT_FOUND");
      return;
    }
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      sb_error_generic (msg, SOUP_STATUS_BAD_REQUEST, "Body must be a JSON object", "BAD_REQUEST");
      return;
    }
  if (!sb_data_update_alert (alert, json_node_get_object (node), &error))
    {
      sb_error_generic (msg, 422, error->message, "VALIDATION");
      return;
    }
  sb_respond_object (msg, SOUP_STATUS_OK, alert->obj);
}

static void
respond_state (SoupServerMessage *msg)
{
  g_autoptr(JsonObject) obj = json_object_new ();
  g_autoptr(GDateTime) now = sb_now ();
  g_autofree char *now_iso = sb_iso (now);
  JsonArray *sites = json_array_new ();
  guint alert_count = 0;

  for (guint i = 0; i < sb->sites->len; i++)
    {
      SbSite *site = g_ptr_array_index (sb->sites, i);
      JsonObject *s = json_object_new ();

      json_object_set_string_member (s, "id", site->id);
      json_object_set_string_member (s, "name", site->name);
      json_object_set_string_member (s, "url", site->url);
      json_object_set_int_member (s, "alert_count", site->alerts->len);
      json_array_add_object_element (sites, s);
      alert_count += site->alerts->len;
    }
  json_object_set_array_member (obj, "sites", sites);
  json_object_set_object_member (obj, "user", sb_data_user_json (sb_data_find_user (SB_USER_ACCOUNT_ID)));
  json_object_set_int_member (obj, "alert_count", alert_count);
  json_object_set_int_member (obj, "grants", sb->grants->len);
  json_object_set_string_member (obj, "now", now_iso);
  sb_respond_object (msg, SOUP_STATUS_OK, obj);
}

/* Extension: POST {"advance_seconds":N} moves the sandbox clock forward,
 * so expiry tests need not sleep. */
static void
advance_clock (SoupServerMessage *msg)
{
  g_autoptr(JsonNode) node = sb_request_json (msg);
  JsonObject *obj = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  g_autoptr(JsonObject) reply = json_object_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *now_iso = NULL;

  if (obj != NULL)
    sb->clock_offset += json_object_get_int_member_with_default (obj, "advance_seconds", 0) * G_USEC_PER_SEC;
  now = sb_now ();
  now_iso = sb_iso (now);
  json_object_set_string_member (reply, "now", now_iso);
  sb_respond_object (msg, SOUP_STATUS_OK, reply);
}

gboolean
sb_control_handle (SoupServerMessage *msg,
                   const char        *path)
{
  const char *method = soup_server_message_get_method (msg);
  const char *rest = path + strlen ("/_sandbox/");

  if (g_str_equal (rest, "log") && g_str_equal (method, "GET"))
    respond_log (msg);
  else if (g_str_equal (rest, "log") && g_str_equal (method, "DELETE"))
    {
      g_ptr_array_set_size (sb->log, 0);
      respond_empty_object (msg);
    }
  else if (g_str_equal (rest, "faults") && g_str_equal (method, "POST"))
    add_fault (msg);
  else if (g_str_equal (rest, "faults") && g_str_equal (method, "DELETE"))
    {
      g_ptr_array_set_size (sb->faults, 0);
      respond_empty_object (msg);
    }
  else if (g_str_equal (rest, "expire-access-tokens") && g_str_equal (method, "POST"))
    {
      sb_auth_expire_access_tokens ();
      respond_empty_object (msg);
    }
  else if (g_str_equal (rest, "revoke") && g_str_equal (method, "POST"))
    {
      sb_auth_revoke_all ();
      respond_empty_object (msg);
    }
  else if (g_str_equal (rest, "alerts") && g_str_equal (method, "POST"))
    create_alert (msg);
  else if (g_str_has_prefix (rest, "alerts/") && g_str_equal (method, "PATCH"))
    patch_alert (msg, rest + strlen ("alerts/"));
  else if (g_str_equal (rest, "flush-actions") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonObject) reply = json_object_new ();

      json_object_set_int_member (reply, "processed", sb_alerts_flush ());
      sb_respond_object (msg, SOUP_STATUS_OK, reply);
    }
  else if (g_str_equal (rest, "state") && g_str_equal (method, "GET"))
    respond_state (msg);
  else if (g_str_equal (rest, "clock") && (g_str_equal (method, "POST") || g_str_equal (method, "GET")))
    advance_clock (msg);
  else
    return FALSE;
  return TRUE;
}
