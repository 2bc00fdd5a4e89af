/* sandbox-ops-alerts.c: /jsm/ops/api/v1/alerts and its actions
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include <string.h>

#include "sandbox-private.h"

static const char * const read_scopes[] = { SB_SCOPE_READ_ALERT, NULL };
static const char * const write_scopes[] = { SB_SCOPE_READ_ALERT, SB_SCOPE_WRITE_ALERT, NULL };
static const char * const delete_scopes[] = { SB_SCOPE_READ_ALERT, SB_SCOPE_DELETE_ALERT, NULL };

#define ACTOR "Dana Okafor"

/* ---- asynchronous actions ----------------------------------------------- */

typedef struct _Pending Pending;

/* Applies an action; returns NULL on success or the failure text. */
typedef const char *(*ApplyFunc) (Pending *p,
                                  SbAlert *alert);

struct _Pending
{
  guint       source_id;
  SbSite     *site;
  char       *alert_id;   /* NULL for create */
  char       *request_id;
  const char *action;
  JsonObject *body;
  ApplyFunc   apply;
};

static GHashTable *
requests_table (void)
{
  if (sb->requests == NULL)
    sb->requests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_object_unref);
  return sb->requests;
}

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_free (p->alert_id);
  g_free (p->request_id);
  g_clear_pointer (&p->body, json_object_unref);
  g_free (p);
}

static void
record_request (Pending    *p,
                SbAlert    *alert,
                const char *failure)
{
  JsonObject *status = json_object_new ();
  g_autofree char *now = sb_iso_us (sb_now_us ());

  json_object_set_string_member (status, "action", p->action);
  json_object_set_string_member (status, "processedAt", now);
  json_object_set_string_member (status, "integrationId", "");
  json_object_set_boolean_member (status, "isSuccess", failure == NULL);
  json_object_set_string_member (status, "status", failure ? failure : p->action);
  json_object_set_string_member (status, "alertId",
                                 alert ? json_object_get_string_member (alert->obj, "id")
                                       : (p->alert_id ? p->alert_id : ""));
  json_object_set_string_member (status, "alias",
                                 alert ? json_object_get_string_member (alert->obj, "alias") : "");
  g_hash_table_insert (requests_table (), g_strdup (p->request_id), status);
}

/* Actions waiting for --action-delay-ms, oldest first. */
static GQueue pending_actions = G_QUEUE_INIT;

static gboolean
process_pending (gpointer data)
{
  Pending *p = data;

  g_queue_remove (&pending_actions, p);
  SbAlert *alert = p->alert_id ? sb_data_find_alert (p->site, p->alert_id) : NULL;
  const char *failure;

  if (p->alert_id != NULL && alert == NULL)
    {
      record_request (p, NULL, "Alert does not exist");
      return G_SOURCE_REMOVE;
    }
  failure = p->apply (p, alert);
  if (g_strcmp0 (p->action, "Delete") == 0)
    alert = NULL;
  else if (alert == NULL && p->alert_id != NULL)
    alert = sb_data_find_alert (p->site, p->alert_id);   /* created just now */
  if (failure == NULL && alert != NULL)
    sb_data_alert_touch (alert);
  record_request (p, alert, failure);
  return G_SOURCE_REMOVE;
}

/* Answers 202 now; the change happens after --action-delay-ms. */
static void
accept_action (SoupServerMessage *msg,
               SbSite            *site,
               SbAlert           *alert,
               const char        *action,
               JsonObject        *body,
               ApplyFunc          apply,
               guint              status)
{
  Pending *p = g_new0 (Pending, 1);
  g_autoptr(JsonObject) reply = json_object_new ();

  p->site = site;
  p->alert_id = alert ? g_strdup (json_object_get_string_member (alert->obj, "id")) : NULL;
  p->request_id = sb_random_uuid ();
  p->action = action;
  p->body = body ? json_object_ref (body) : json_object_new ();
  p->apply = apply;
  p->source_id = g_timeout_add_full (G_PRIORITY_DEFAULT, sb->opts.action_delay_ms, process_pending, p, pending_free);
  g_queue_push_tail (&pending_actions, p);

  json_object_set_string_member (reply, "result", "Request will be processed");
  json_object_set_string_member (reply, "requestId", p->request_id);
  json_object_set_double_member (reply, "took", 0.011);
  sb_respond_object (msg, status, reply);
}

/* Processes every waiting action now (POST /_sandbox/flush-actions). */
guint
sb_alerts_flush (void)
{
  guint count = 0;
  Pending *p;

  while ((p = g_queue_peek_head (&pending_actions)) != NULL)
    {
      guint id = p->source_id;

      process_pending (p);
      g_source_remove (id);   /* frees p */
      count++;
    }
  return count;
}

/* ---- the action bodies --------------------------------------------------- */

static void
set_now (JsonObject *obj,
         const char *member)
{
  g_autofree char *now = sb_iso_us (sb_now_us ());

  json_object_set_string_member (obj, member, now);
}

static const char *
apply_acknowledge (Pending *p,
                   SbAlert *alert)
{
  JsonObject *obj = alert->obj;

  json_object_set_boolean_member (obj, "acknowledged", TRUE);
  set_now (obj, "ackTime");
  if (g_str_equal (json_object_get_string_member (obj, "status"), "open"))
    json_object_set_string_member (obj, "status", "acked");
  json_object_set_string_member (obj, "owner", ACTOR);
  sb_data_alert_log (alert, "system", ACTOR, "Alert acknowledged via API");
  return NULL;
}

static const char *
apply_unacknowledge (Pending *p,
                     SbAlert *alert)
{
  JsonObject *obj = alert->obj;

  json_object_set_boolean_member (obj, "acknowledged", FALSE);
  if (g_str_equal (json_object_get_string_member (obj, "status"), "acked"))
    json_object_set_string_member (obj, "status", "open");
  sb_data_alert_log (alert, "system", ACTOR, "Alert unacknowledged via API");
  return NULL;
}

static const char *
apply_close (Pending *p,
             SbAlert *alert)
{
  JsonObject *obj = alert->obj;

  json_object_set_string_member (obj, "status", "closed");
  json_object_set_boolean_member (obj, "snoozed", FALSE);
  set_now (obj, "closeTime");
  sb_data_alert_log (alert, "system", ACTOR, "Alert closed via API");
  return NULL;
}

static const char *
apply_snooze (Pending *p,
              SbAlert *alert)
{
  JsonObject *obj = alert->obj;
  const char *end = json_object_get_string_member (p->body, "endTime");
  g_autoptr(GDateTime) until = sb_parse_iso (end, NULL);
  g_autofree char *until_iso = sb_iso (until);
  g_autofree char *text = g_strdup_printf ("Alert snoozed until %s", until_iso);

  json_object_set_boolean_member (obj, "snoozed", TRUE);
  json_object_set_string_member (obj, "snoozedUntil", until_iso);
  json_object_set_string_member (obj, "status", "snoozed");
  sb_data_alert_log (alert, "system", ACTOR, text);
  return NULL;
}

static gboolean
add_responder (SbAlert    *alert,
               const char *id,
               const char *type)
{
  JsonArray *responders = json_object_get_array_member (alert->obj, "responders");
  JsonObject *r;

  for (guint i = 0; i < json_array_get_length (responders); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (responders, i), "id"), id))
      return FALSE;
  r = json_object_new ();
  json_object_set_string_member (r, "id", id);
  json_object_set_string_member (r, "type", type);
  json_array_add_object_element (responders, r);
  return TRUE;
}

static JsonObject *
find_escalation (SbSite     *site,
                 const char *id)
{
  for (guint i = 0; i < site->teams->len; i++)
    {
      SbTeam *team = g_ptr_array_index (site->teams, i);

      for (guint j = 0; j < team->escalations->len; j++)
        {
          JsonObject *esc = g_ptr_array_index (team->escalations, j);

          if (g_str_equal (json_object_get_string_member (esc, "id"), id))
            return esc;
        }
    }
  return NULL;
}

static const char *
apply_escalate (Pending *p,
                SbAlert *alert)
{
  const char *id = json_object_get_string_member (p->body, "escalationId");
  JsonObject *esc = find_escalation (p->site, id);
  g_autofree char *text = NULL;

  if (esc == NULL)
    return "Escalation does not exist";
  add_responder (alert, id, "escalation");
  text = g_strdup_printf ("Alert escalated to %s", json_object_get_string_member (esc, "name"));
  sb_data_alert_log (alert, "system", ACTOR, text);
  return NULL;
}

static const char *
apply_assign (Pending *p,
              SbAlert *alert)
{
  SbUser *user = sb_data_find_user (json_object_get_string_member (p->body, "accountId"));
  g_autofree char *text = NULL;

  if (user == NULL)
    return "User does not exist";
  json_object_set_string_member (alert->obj, "owner", user->display_name);
  text = g_strdup_printf ("Alert owner changed to %s", user->display_name);
  sb_data_alert_log (alert, "system", ACTOR, text);
  return NULL;
}

static const char *
apply_responder (Pending *p,
                 SbAlert *alert)
{
  const char *id = json_object_get_string_member (p->body, "id");
  const char *type = json_object_get_string_member (p->body, "type");
  g_autofree char *text = g_strdup_printf ("Responder %s (%s) added", id, type);

  add_responder (alert, id, type);
  sb_data_alert_log (alert, "system", ACTOR, text);
  return NULL;
}

static gboolean
array_has_string (JsonArray  *array,
                  const char *value)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (g_str_equal (json_array_get_string_element (array, i), value))
      return TRUE;
  return FALSE;
}

static const char *
apply_add_tags (Pending *p,
                SbAlert *alert)
{
  JsonArray *tags = json_object_get_array_member (alert->obj, "tags");
  JsonArray *add = json_object_get_array_member (p->body, "tags");

  for (guint i = 0; i < json_array_get_length (add); i++)
    if (!array_has_string (tags, json_array_get_string_element (add, i)))
      json_array_add_string_element (tags, json_array_get_string_element (add, i));
  sb_data_alert_log (alert, "system", ACTOR, "Tags added");
  return NULL;
}

static const char *
apply_remove_tags (Pending *p,
                   SbAlert *alert)
{
  JsonArray *tags = json_object_get_array_member (alert->obj, "tags");
  JsonArray *remove = json_object_get_array_member (p->body, "tags");
  JsonArray *kept = json_array_new ();

  for (guint i = 0; i < json_array_get_length (tags); i++)
    if (!array_has_string (remove, json_array_get_string_element (tags, i)))
      json_array_add_string_element (kept, json_array_get_string_element (tags, i));
  json_object_set_array_member (alert->obj, "tags", kept);
  sb_data_alert_log (alert, "system", ACTOR, "Tags removed");
  return NULL;
}

/* priority, message and description: copy the one member of the body. */
static const char *
apply_copy_member (Pending *p,
                   SbAlert *alert)
{
  g_autoptr(GList) members = json_object_get_members (p->body);
  const char *name = members->data;
  g_autofree char *text = g_strdup_printf ("Alert %s changed", name);

  json_object_set_string_member (alert->obj, name, json_object_get_string_member (p->body, name));
  sb_data_alert_log (alert, "system", ACTOR, text);
  return NULL;
}

static const char *
apply_add_properties (Pending *p,
                      SbAlert *alert)
{
  JsonObject *props = json_object_get_object_member (alert->obj, "extraProperties");
  JsonObject *add = json_object_get_object_member (p->body, "extraProperties");
  g_autoptr(GList) members = json_object_get_members (add);

  for (GList *l = members; l; l = l->next)
    json_object_set_member (props, l->data, json_node_copy (json_object_get_member (add, l->data)));
  return NULL;
}

static const char *
apply_remove_properties (Pending *p,
                         SbAlert *alert)
{
  JsonObject *props = json_object_get_object_member (alert->obj, "extraProperties");
  JsonArray *keys = json_object_get_array_member (p->body, "keys");

  for (guint i = 0; i < json_array_get_length (keys); i++)
    json_object_remove_member (props, json_array_get_string_element (keys, i));
  return NULL;
}

static const char *
apply_custom_action (Pending *p,
                     SbAlert *alert)
{
  const char *name = json_object_get_string_member (p->body, "actionName");
  g_autofree char *text = NULL;

  if (!array_has_string (json_object_get_array_member (alert->obj, "actions"), name))
    return "Action is not defined for the alert";
  text = g_strdup_printf ("Custom action \"%s\" executed", name);
  sb_data_alert_log (alert, "system", ACTOR, text);
  return NULL;
}

static const char *
apply_delete (Pending *p,
              SbAlert *alert)
{
  g_ptr_array_remove (p->site->alerts, alert);
  return NULL;
}

static const char *
apply_create (Pending *p,
              SbAlert *alert)
{
  g_autoptr(GError) error = NULL;
  SbAlert *created = sb_data_create_alert (p->site, p->body, &error);

  if (created == NULL)
    return "Alert could not be created";
  p->alert_id = g_strdup (json_object_get_string_member (created->obj, "id"));
  return NULL;
}

/* ---- body validation ------------------------------------------------------ */

static gboolean
has_string (JsonObject *body,
            const char *member)
{
  JsonNode *node = body ? json_object_get_member (body, member) : NULL;

  return node != NULL && json_node_get_value_type (node) == G_TYPE_STRING && *json_node_get_string (node);
}

static gboolean
has_string_array (JsonObject *body,
                  const char *member)
{
  JsonNode *node = body ? json_object_get_member (body, member) : NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (json_node_get_value_type (json_array_get_element (array, i)) != G_TYPE_STRING)
      return FALSE;
  return json_array_get_length (array) > 0;
}

static gboolean
valid_snooze (JsonObject *body)
{
  g_autoptr(GDateTime) end = NULL;

  if (!has_string (body, "endTime"))
    return FALSE;
  end = sb_parse_iso (json_object_get_string_member (body, "endTime"), NULL);
  return end != NULL && g_date_time_to_unix (end) * G_USEC_PER_SEC > sb_now_us ();
}

static gboolean
valid_responder (JsonObject *body)
{
  const char *types[] = { "team", "user", "escalation", "schedule", NULL };

  return has_string (body, "id") && has_string (body, "type") &&
         g_strv_contains (types, json_object_get_string_member (body, "type"));
}

static gboolean
valid_priority (JsonObject *body)
{
  const char *priorities[] = { "P1", "P2", "P3", "P4", "P5", NULL };

  return has_string (body, "priority") &&
         g_strv_contains (priorities, json_object_get_string_member (body, "priority"));
}

static gboolean
valid_message (JsonObject *body)
{
  return has_string (body, "message") &&
         g_utf8_strlen (json_object_get_string_member (body, "message"), -1) <= 130;
}

static gboolean
valid_add_properties (JsonObject *body)
{
  JsonNode *node = body ? json_object_get_member (body, "extraProperties") : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node);
}

/* ---- the action table ----------------------------------------------------- */

typedef struct
{
  const char          *method;
  const char          *name;        /* the path segment after alerts/{id}/ */
  const char          *action;      /* as reported by requests/{id} */
  const char * const  *scopes;
  gboolean           (*validate) (JsonObject *body);
  const char          *invalid;     /* the 422 message */
  ApplyFunc            apply;
} ActionSpec;

static gboolean
valid_tags (JsonObject *body)
{
  return has_string_array (body, "tags");
}

static gboolean
valid_escalate (JsonObject *body)
{
  return has_string (body, "escalationId");
}

static gboolean
valid_assign (JsonObject *body)
{
  return has_string (body, "accountId");
}

static gboolean
valid_description (JsonObject *body)
{
  return body != NULL && json_object_has_member (body, "description") &&
         json_node_get_value_type (json_object_get_member (body, "description")) == G_TYPE_STRING;
}

static gboolean
valid_remove_properties (JsonObject *body)
{
  return has_string_array (body, "keys");
}

static gboolean
valid_custom_action (JsonObject *body)
{
  return has_string (body, "actionName");
}

static const ActionSpec actions[] = {
  { "POST", "acknowledge", "Acknowledge", write_scopes, NULL, NULL, apply_acknowledge },
  { "POST", "unacknowledge", "UnAcknowledge", write_scopes, NULL, NULL, apply_unacknowledge },
  { "POST", "close", "Close", write_scopes, NULL, NULL, apply_close },
  { "POST", "snooze", "Snooze", write_scopes, valid_snooze, "endTime must be a date-time in the future", apply_snooze },
  { "POST", "escalate", "Escalate", write_scopes, valid_escalate, "escalationId is required", apply_escalate },
  { "POST", "assign", "Assign", write_scopes, valid_assign, "accountId is required", apply_assign },
  { "POST", "responders", "AddResponder", write_scopes, valid_responder,
    "id and type (team, user, escalation or schedule) are required", apply_responder },
  { "POST", "tags", "AddTags", write_scopes, valid_tags, "tags must be a non-empty array of strings", apply_add_tags },
  { "DELETE", "tags", "RemoveTags", delete_scopes, valid_tags, "tags must be a non-empty array of strings", apply_remove_tags },
  { "PATCH", "priority", "UpdatePriority", write_scopes, valid_priority, "priority must be one of P1..P5", apply_copy_member },
  { "PATCH", "message", "UpdateMessage", write_scopes, valid_message, "message is required (at most 130 characters)", apply_copy_member },
  { "PATCH", "description", "UpdateDescription", write_scopes, valid_description, "description is required", apply_copy_member },
  { "POST", "extra-properties", "AddDetails", write_scopes, valid_add_properties, "extraProperties must be an object", apply_add_properties },
  { "DELETE", "extra-properties", "RemoveDetails", delete_scopes, valid_remove_properties, "keys must be a non-empty array", apply_remove_properties },
  { "POST", "action", "ExecuteCustomAction", write_scopes, valid_custom_action, "actionName is required", apply_custom_action },
};

/* Keeps only the member an apply function copies. */
static JsonObject *
action_body (SoupServerMessage *msg)
{
  g_autoptr(JsonNode) node = sb_request_json (msg);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static JsonObject *
single_member (JsonObject *body,
               const char *name)
{
  JsonObject *only = json_object_new ();

  json_object_set_member (only, name, json_node_copy (json_object_get_member (body, name)));
  return only;
}

static gboolean
run_action (SoupServerMessage *msg,
            SbSite            *site,
            SbAlert           *alert,
            const char        *name)
{
  const char *method = soup_server_message_get_method (msg);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      const ActionSpec *spec = &actions[i];
      g_autoptr(JsonObject) body = NULL;

      if (!g_str_equal (spec->name, name) || !g_str_equal (spec->method, method))
        continue;
      if (sb_auth_check_bearer (msg, site, spec->scopes) == NULL)
        return TRUE;
      body = action_body (msg);
      if (spec->validate != NULL && !spec->validate (body))
        {
          sb_error_alert (msg, 422, spec->invalid);
          return TRUE;
        }
      if (spec->apply == apply_copy_member)
        {
          JsonObject *only = single_member (body, name);

          g_clear_pointer (&body, json_object_unref);
          body = only;
        }
      accept_action (msg, site, alert, spec->action, body, spec->apply, SOUP_STATUS_ACCEPTED);
      return TRUE;
    }
  return FALSE;
}

/* ---- list --------------------------------------------------------------- */

typedef struct
{
  SbAlert *alert;
  gint64   key;
} SortItem;

static gint64
time_key (JsonObject *obj,
          const char *member)
{
  g_autoptr(GDateTime) dt = sb_parse_iso (json_object_get_string_member_with_default (obj, member, NULL), NULL);

  return dt ? g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt) : 0;
}

static gint64
sort_key (SbAlert    *alert,
          const char *sort)
{
  if (g_str_equal (sort, "insertedAt"))
    return alert->inserted_at;
  if (g_str_equal (sort, "createdAt"))
    return time_key (alert->obj, "createdAt");
  if (g_str_equal (sort, "lastOccurredAt"))
    return time_key (alert->obj, "lastOccuredAt");
  /* priority: P1 ranks highest, so desc lists P1 first */
  return '9' - json_object_get_string_member (alert->obj, "priority")[1];
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const SortItem *x = a, *y = b;
  guint64 tx = g_ascii_strtoull (json_object_get_string_member (x->alert->obj, "tinyId"), NULL, 10);
  guint64 ty = g_ascii_strtoull (json_object_get_string_member (y->alert->obj, "tinyId"), NULL, 10);

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return tx < ty ? -1 : tx > ty ? 1 : 0;
}

static gboolean
check_list_params (SoupServerMessage *msg,
                   GHashTable        *q,
                   gint64            *offset,
                   gint64            *size)
{
  const char *sorts[] = { "createdAt", "insertedAt", "lastOccurredAt", "priority", NULL };
  const char *orders[] = { "asc", "desc", NULL };
  const char *sort = sb_query_get (q, "sort");
  const char *order = sb_query_get (q, "order");

  if (!sb_query_get_int (q, "offset", 0, offset) || *offset < 0)
    sb_error_alert (msg, 422, "offset must be a non-negative integer");
  else if (!sb_query_get_int (q, "size", 20, size) || *size < 1 || *size > 100)
    sb_error_alert (msg, 422, "size must be between 1 and 100");
  else if (*offset + *size >= SB_ALERT_WINDOW)
    /* The spec: offset + size must be lower than 20,000. */
    sb_error_alert (msg, 422, "offset + size must be lower than 20000; narrow the query instead");
  else if (sort != NULL && !g_strv_contains (sorts, sort))
    sb_error_alert (msg, 422, "sort must be createdAt, insertedAt, lastOccurredAt or priority");
  else if (order != NULL && !g_strv_contains (orders, order))
    sb_error_alert (msg, 422, "order must be asc or desc");
  else
    return TRUE;
  return FALSE;
}

static char *
next_link (GHashTable *q,
           gint64      offset,
           gint64      size)
{
  g_autofree char *off = g_strdup_printf ("%" G_GINT64_FORMAT, offset);
  g_autofree char *sz = g_strdup_printf ("%" G_GINT64_FORMAT, size);

  return sb_url_with_params ("/v1/alerts",
                             "query", sb_query_get (q, "query"),
                             "sort", sb_query_get (q, "sort"),
                             "order", sb_query_get (q, "order"),
                             "offset", off,
                             "size", sz,
                             NULL);
}

static void
list_alerts (SoupServerMessage *msg,
             SbSite            *site)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbQuery) query = NULL;
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (SortItem));
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *values = json_array_new ();
  JsonObject *links = json_object_new ();
  const char *sort = sb_query_get (q, "sort") ? sb_query_get (q, "sort") : "insertedAt";
  gboolean desc = g_strcmp0 (sb_query_get (q, "order"), "asc") != 0;
  gint64 offset, size;

  if (!check_list_params (msg, q, &offset, &size))
    goto out;
  query = sb_query_compile (sb_query_get (q, "query") ? sb_query_get (q, "query") : "", &error);
  if (query == NULL)
    {
      sb_error_alert (msg, SOUP_STATUS_BAD_REQUEST, error->message);
      goto out;
    }

  sb_data_refresh_snoozes (site);
  for (guint i = 0; i < site->alerts->len; i++)
    {
      SortItem item = { g_ptr_array_index (site->alerts, i), 0 };

      if (!sb_query_matches (query, item.alert))
        continue;
      item.key = sort_key (item.alert, sort);
      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_items);

  for (gint64 i = offset; i < offset + size && i < (gint64) items->len; i++)
    {
      guint index = desc ? items->len - 1 - i : i;

      json_array_add_object_element (values, json_object_ref (g_array_index (items, SortItem, index).alert->obj));
    }
  if (offset + size < (gint64) items->len && offset + size + 1 < SB_ALERT_WINDOW)
    {
      /* The last page before the window gets smaller rather than reaching it. */
      g_autofree char *next = next_link (q, offset + size, MIN (size, SB_ALERT_WINDOW - 1 - offset - size));

      json_object_set_string_member (links, "next", next);
    }
  json_object_set_array_member (reply, "values", g_steal_pointer (&values));
  json_object_set_int_member (reply, "count", items->len);
  json_object_set_object_member (reply, "links", g_steal_pointer (&links));
  sb_respond_object (msg, SOUP_STATUS_OK, reply);

out:
  if (values != NULL)
    json_array_unref (values);
  if (links != NULL)
    json_object_unref (links);
}

/* ---- notes and logs (cursor paging) ---------------------------------------- */

static void
respond_cursor_page (SoupServerMessage *msg,
                     SbAlert           *alert,
                     GPtrArray         *items,
                     const char        *key_member,
                     const char        *segment)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  g_autoptr(JsonObject) reply = json_object_new ();
  const char *after = sb_query_get (q, "after");
  JsonArray *values;
  JsonObject *links;
  guint start = 0;
  gint64 size;

  if (!sb_query_get_int (q, "size", 20, &size) || size < 1 || size > 100)
    {
      sb_error_alert (msg, 422, "size must be between 1 and 100");
      return;
    }
  if (after != NULL)
    {
      for (start = 0; start < items->len; start++)
        if (g_str_equal (json_object_get_string_member (g_ptr_array_index (items, start), key_member), after))
          break;
      if (start == items->len)
        {
          sb_error_alert (msg, 422, "after does not name an item of this list");
          return;
        }
      start++;
    }

  values = json_array_new ();
  links = json_object_new ();
  for (guint i = start; i < start + size && i < items->len; i++)
    json_array_add_object_element (values, json_object_ref (g_ptr_array_index (items, i)));
  if (start + size < items->len)
    {
      JsonObject *last = g_ptr_array_index (items, start + size - 1);
      g_autofree char *base = g_strdup_printf ("/v1/alerts/%s/%s",
                                               json_object_get_string_member (alert->obj, "id"), segment);
      g_autofree char *sz = g_strdup_printf ("%" G_GINT64_FORMAT, size);
      g_autofree char *next = sb_url_with_params (base, "after", json_object_get_string_member (last, key_member),
                                                  "size", sz, NULL);

      json_object_set_string_member (links, "next", next);
    }
  json_object_set_array_member (reply, "values", values);
  json_object_set_object_member (reply, "links", links);
  sb_respond_object (msg, SOUP_STATUS_OK, reply);
}

static JsonObject *
find_note (SbAlert    *alert,
           const char *id)
{
  for (guint i = 0; i < alert->notes->len; i++)
    {
      JsonObject *note = g_ptr_array_index (alert->notes, i);

      if (g_str_equal (json_object_get_string_member (note, "id"), id))
        return note;
    }
  return NULL;
}

static void
handle_note (SoupServerMessage *msg,
             SbSite            *site,
             SbAlert           *alert,
             const char        *note_id)
{
  const char *method = soup_server_message_get_method (msg);
  JsonObject *note = find_note (alert, note_id);
  g_autoptr(JsonObject) body = NULL;

  if (g_str_equal (method, "DELETE"))
    {
      if (sb_auth_check_bearer (msg, site, delete_scopes) == NULL)
        return;
      if (note == NULL)
        sb_error_alert (msg, SOUP_STATUS_NOT_FOUND, "Note does not exist");
      else
        {
          g_ptr_array_remove (alert->notes, note);
          sb_respond_empty (msg, SOUP_STATUS_NO_CONTENT);
        }
      return;
    }
  if (!g_str_equal (method, "PATCH"))
    {
      sb_error_alert (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
      return;
    }
  if (sb_auth_check_bearer (msg, site, write_scopes) == NULL)
    return;
  body = action_body (msg);
  if (note == NULL)
    sb_error_alert (msg, SOUP_STATUS_NOT_FOUND, "Note does not exist");
  else if (!has_string (body, "note"))
    sb_error_alert (msg, 422, "note is required");
  else
    {
      json_object_set_string_member (note, "note", json_object_get_string_member (body, "note"));
      set_now (note, "updatedAt");
      sb_respond_object (msg, SOUP_STATUS_OK, note);
    }
}

static void
handle_notes (SoupServerMessage *msg,
              SbSite            *site,
              SbAlert           *alert)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(JsonObject) body = NULL;

  if (g_str_equal (method, "GET"))
    {
      if (sb_auth_check_bearer (msg, site, read_scopes) != NULL)
        respond_cursor_page (msg, alert, alert->notes, "id", "notes");
      return;
    }
  if (!g_str_equal (method, "POST"))
    {
      sb_error_alert (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
      return;
    }
  if (sb_auth_check_bearer (msg, site, write_scopes) == NULL)
    return;
  body = action_body (msg);
  if (!has_string (body, "note"))
    {
      sb_error_alert (msg, 422, "note is required");
      return;
    }
  sb_respond_object (msg, SOUP_STATUS_OK,
                     sb_data_alert_add_note (alert, ACTOR, json_object_get_string_member (body, "note")));
  sb_data_alert_touch (alert);
}

/* ---- single alert ---------------------------------------------------------- */

static void
respond_alert (SoupServerMessage *msg,
               SbSite            *site,
               SbAlert           *alert)
{
  if (sb_auth_check_bearer (msg, site, read_scopes) == NULL)
    return;
  if (alert == NULL)
    {
      sb_error_alert (msg, SOUP_STATUS_NOT_FOUND, "Alert does not exist");
      return;
    }
  sb_data_refresh_snoozes (site);
  sb_respond_object (msg, SOUP_STATUS_OK, alert->obj);
}

static void
respond_request_status (SoupServerMessage *msg,
                        SbSite            *site,
                        const char        *request_id)
{
  JsonObject *status;

  if (sb_auth_check_bearer (msg, site, read_scopes) == NULL)
    return;
  status = g_hash_table_lookup (requests_table (), request_id);
  if (status == NULL)
    sb_error_alert (msg, SOUP_STATUS_NOT_FOUND, "Request not found or not processed yet");
  else
    sb_respond_object (msg, SOUP_STATUS_OK, status);
}

static void
handle_alert_path (SoupServerMessage *msg,
                   SbSite            *site,
                   const char        *id,
                   const char        *sub)
{
  const char *method = soup_server_message_get_method (msg);
  SbAlert *alert = sb_data_find_alert (site, id);

  if (sub == NULL)
    {
      if (g_str_equal (method, "GET"))
        respond_alert (msg, site, alert);
      else if (g_str_equal (method, "DELETE") && sb_auth_check_bearer (msg, site, delete_scopes) != NULL)
        {
          if (alert == NULL)
            sb_error_alert (msg, SOUP_STATUS_NOT_FOUND, "Alert does not exist");
          else
            accept_action (msg, site, alert, "Delete", NULL, apply_delete, SOUP_STATUS_ACCEPTED);
        }
      else if (!g_str_equal (method, "DELETE"))
        sb_error_alert (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
      return;
    }

  if (alert == NULL)
    {
      if (sb_auth_check_bearer (msg, site, read_scopes) != NULL)
        sb_error_alert (msg, SOUP_STATUS_NOT_FOUND, "Alert does not exist");
      return;
    }
  if (g_str_equal (sub, "notes"))
    handle_notes (msg, site, alert);
  else if (g_str_has_prefix (sub, "notes/"))
    handle_note (msg, site, alert, sub + strlen ("notes/"));
  else if (g_str_equal (sub, "logs") && g_str_equal (method, "GET"))
    {
      if (sb_auth_check_bearer (msg, site, read_scopes) != NULL)
        respond_cursor_page (msg, alert, alert->logs, "offset", "logs");
    }
  else if (!run_action (msg, site, alert, sub))
    sb_error_alert (msg, SOUP_STATUS_NOT_FOUND, "Unknown alert action");
}

static void
create_alert (SoupServerMessage *msg,
              SbSite            *site)
{
  g_autoptr(JsonObject) body = NULL;

  if (sb_auth_check_bearer (msg, site, write_scopes) == NULL)
    return;
  body = action_body (msg);
  if (body == NULL || !valid_message (body))
    {
      sb_error_alert (msg, 422, "message is required (at most 130 characters)");
      return;
    }
  accept_action (msg, site, NULL, "Create", body, apply_create, SOUP_STATUS_ACCEPTED);
}

static void
get_by_alias (SoupServerMessage *msg,
              SbSite            *site)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  const char *alias = sb_query_get (q, "alias");

  if (alias == NULL)
    {
      if (sb_auth_check_bearer (msg, site, read_scopes) != NULL)
        sb_error_alert (msg, 422, "alias is required");
      return;
    }
  respond_alert (msg, site, sb_data_find_alert_by_alias (site, alias));
}

/* rest: "alerts", "alerts/alias", "alerts/requests/{id}", "alerts/{id}[/...]" */
gboolean
sb_alerts_handle (SoupServerMessage *msg,
                  SbSite            *site,
                  const char        *rest)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = NULL;

  if (g_str_equal (rest, "alerts"))
    {
      if (g_str_equal (method, "GET") && sb_auth_check_bearer (msg, site, read_scopes) != NULL)
        list_alerts (msg, site);
      else if (g_str_equal (method, "POST"))
        create_alert (msg, site);
      else if (!g_str_equal (method, "GET"))
        sb_error_alert (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "Method not allowed");
      return TRUE;
    }
  if (!g_str_has_prefix (rest, "alerts/"))
    return FALSE;

  parts = g_strsplit (rest + strlen ("alerts/"), "/", 2);
  if (g_str_equal (parts[0], "alias") && parts[1] == NULL)
    get_by_alias (msg, site);
  else if (g_str_equal (parts[0], "requests") && parts[1] != NULL)
    respond_request_status (msg, site, parts[1]);
  else
    handle_alert_path (msg, site, parts[0], parts[1]);
  return TRUE;
}
