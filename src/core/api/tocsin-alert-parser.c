/* tocsin-alert-parser.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-parser"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-api-error.h"
#include "tocsin-json-depth.h"
#include "tocsin-alert-parser.h"
#include "tocsin-json-utf8.h"

static JsonObject *
as_object (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Every string this parser reads comes through here or get_text(), so it is
 * valid UTF-8 whatever the server sent. */
static char *
get_string (JsonObject *object,
            const char *name)
{
  return tocsin_json_dup_string (object, name);
}

/* Strings, and numbers written as text (tinyId is a string, but be lenient). */
static char *
get_text (JsonObject *object,
          const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return tocsin_json_node_dup_string (node);
}

typedef void (*AlertStringSetter) (TocsinAlert *alert,
                                   const char  *value);

static void
set_string (TocsinAlert       *alert,
            AlertStringSetter  setter,
            JsonObject        *object,
            const char        *name)
{
  g_autofree char *value = get_string (object, name);

  setter (alert, value);
}

static gboolean
get_boolean (JsonObject *object,
             const char *name,
             gboolean    fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  return fallback;
}

static gint64
get_int (JsonObject *object,
         const char *name,
         gint64      fallback)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double value = json_node_get_double (node);

      /* Out of range (or NaN) would make the cast undefined. */
      if (!(value > (double) G_MININT64 && value < (double) G_MAXINT64))
        return fallback;
      return (gint64) value;
    }
  return fallback;
}

GDateTime *
tocsin_alert_parse_date (JsonNode *node)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *text = NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 ms = json_node_get_int (node);
      g_autoptr(GDateTime) epoch = g_date_time_new_from_unix_utc (ms / 1000);

      return epoch != NULL ? g_date_time_add (epoch, (ms % 1000) * 1000) : NULL;
    }
  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  utc = g_time_zone_new_utc ();
  text = tocsin_json_node_dup_string (node);
  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return NULL;
  return g_date_time_to_utc (parsed);
}

static GDateTime *
get_date (JsonObject *object,
          const char *name)
{
  return tocsin_alert_parse_date (json_object_get_member (object, name));
}

static int
get_priority (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "priority");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      g_autofree char *text = tocsin_json_node_dup_string (node);

      return tocsin_alert_priority_from_string (text);
    }
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    {
      gint64 value = json_node_get_int (node);
      return value >= 1 && value <= 5 ? (int) value : 0;
    }
  return 0;
}

static GStrv
get_tags (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "tags");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *tag = tocsin_json_node_dup_string (json_array_get_element (array, i));

          if (tag != NULL)
            g_strv_builder_add (builder, tag);
        }
    }
  return g_strv_builder_end (builder);
}

static GVariant *
get_responders (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "responders");
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ss)"));
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *responder = as_object (json_array_get_element (array, i));
          g_autofree char *id = get_string (responder, "id");
          g_autofree char *type = get_string (responder, "type");

          if (id != NULL)
            g_variant_builder_add (&builder, "(ss)", type != NULL ? type : "", id);
        }
    }
  return g_variant_builder_end (&builder);
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GVariant *
get_extra_properties (JsonObject *object)
{
  JsonObject *map = as_object (json_object_get_member (object, "extraProperties"));
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  if (map != NULL)
    {
      g_autoptr(GPtrArray) keys = g_ptr_array_new ();
      GList *members = json_object_get_members (map);

      for (GList *l = members; l != NULL; l = l->next)
        g_ptr_array_add (keys, l->data);
      g_list_free (members);
      /* Sorted so that equal maps compare equal whatever the server's order. */
      g_ptr_array_sort (keys, compare_keys);

      for (guint i = 0; i < keys->len; i++)
        {
          const char *key = g_ptr_array_index (keys, i);
          g_autofree char *valid_key = g_utf8_make_valid (key, -1);
          g_autofree char *value = get_text (map, key);

          if (value == NULL)
            {
              JsonNode *node = json_object_get_member (map, key);

              if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
                {
                  g_autofree char *json = json_to_string (node, FALSE);

                  value = g_utf8_make_valid (json, -1);
                }
            }
          if (value != NULL)
            g_variant_builder_add (&builder, "{ss}", valid_key, value);
        }
    }
  return g_variant_builder_end (&builder);
}

TocsinAlert *
tocsin_alert_parse_node (JsonNode *node)
{
  JsonObject *object = as_object (node);
  g_autofree char *id = NULL;
  g_autofree char *tiny_id = NULL;
  g_autoptr(GDateTime) snoozed_until = NULL;
  g_autoptr(GDateTime) created_at = NULL;
  g_autoptr(GDateTime) updated_at = NULL;
  g_autoptr(GDateTime) last_occurred_at = NULL;
  g_auto(GStrv) tags = NULL;
  g_autofree char *status = NULL;
  TocsinAlert *alert;
  int priority;

  if (object == NULL)
    return NULL;
  id = get_text (object, "id");
  if (id == NULL || *id == '\0')
    return NULL;

  alert = tocsin_alert_new (id);
  tiny_id = get_text (object, "tinyId");
  tocsin_alert_set_tiny_id (alert, tiny_id);
  set_string (alert, tocsin_alert_set_alias, object, "alias");
  set_string (alert, tocsin_alert_set_message, object, "message");
  set_string (alert, tocsin_alert_set_description, object, "description");
  status = get_string (object, "status");
  tocsin_alert_set_status (alert, status != NULL && *status != '\0' ? status : "open");
  tocsin_alert_set_acknowledged (alert, get_boolean (object, "acknowledged", FALSE));
  tocsin_alert_set_snoozed (alert, get_boolean (object, "snoozed", FALSE));
  snoozed_until = get_date (object, "snoozedUntil");
  tocsin_alert_set_snoozed_until (alert, snoozed_until);
  tocsin_alert_set_seen (alert, get_boolean (object, "seen", get_boolean (object, "isSeen", FALSE)));
  tocsin_alert_set_count (alert, get_int (object, "count", 0));
  priority = get_priority (object);
  tocsin_alert_set_priority (alert, priority != 0 ? priority : 3);
  set_string (alert, tocsin_alert_set_owner, object, "owner");
  tags = get_tags (object);
  tocsin_alert_set_tags (alert, (const char * const *) tags);
  tocsin_alert_set_responders (alert, get_responders (object));
  tocsin_alert_set_extra_properties (alert, get_extra_properties (object));
  set_string (alert, tocsin_alert_set_source, object, "source");
  set_string (alert, tocsin_alert_set_entity, object, "entity");
  created_at = get_date (object, "createdAt");
  tocsin_alert_set_created_at (alert, created_at);
  updated_at = get_date (object, "updatedAt");
  tocsin_alert_set_updated_at (alert, updated_at);
  /* The API spells it with one "r"; accept the correct spelling too. */
  last_occurred_at = get_date (object, "lastOccuredAt");
  if (last_occurred_at == NULL)
    last_occurred_at = get_date (object, "lastOccurredAt");
  tocsin_alert_set_last_occurred_at (alert, last_occurred_at);

  return alert;
}

gpointer
tocsin_alert_parse_value (JsonNode *node,
                          gpointer  unused)
{
  return tocsin_alert_parse_node (node);
}

GPtrArray *
tocsin_alert_parse_page (GBytes  *bytes,
                         gint64  *count,
                         char   **next,
                         GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  JsonObject *object;
  JsonNode *values;
  JsonObject *links;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  if (count != NULL)
    *count = -1;
  if (next != NULL)
    *next = NULL;

  data = g_bytes_get_data (bytes, &len);
  if (!tocsin_json_load (parser, data, len, &local_error))
    {
      g_set_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                   _("The server sent an answer Tocsin could not read (%s)."), local_error->message);
      return NULL;
    }

  object = as_object (json_parser_get_root (parser));
  values = object != NULL ? json_object_get_member (object, "values") : NULL;
  if (values == NULL || !JSON_NODE_HOLDS_ARRAY (values))
    {
      g_set_error_literal (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                           _("The server sent a list in a form Tocsin does not understand."));
      return NULL;
    }

  alerts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (values)); i++)
    {
      TocsinAlert *alert = tocsin_alert_parse_node (json_array_get_element (json_node_get_array (values), i));

      if (alert != NULL)
        g_ptr_array_add (alerts, alert);
    }

  if (count != NULL)
    *count = get_int (object, "count", -1);
  links = as_object (json_object_get_member (object, "links"));
  if (next != NULL && (*next = get_string (links, "next")) != NULL && **next == '\0')
    g_clear_pointer (next, g_free);

  return g_steal_pointer (&alerts);
}

gboolean
tocsin_alert_parse_request_status (JsonNode  *root,
                                   gboolean  *is_success,
                                   char     **status)
{
  JsonObject *object = as_object (root);
  JsonObject *data;
  JsonNode *success;

  if (object != NULL && (data = as_object (json_object_get_member (object, "data"))) != NULL &&
      !json_object_has_member (object, "isSuccess"))
    object = data;
  if (object == NULL)
    return FALSE;

  success = json_object_get_member (object, "isSuccess");
  if (success == NULL || !JSON_NODE_HOLDS_VALUE (success) ||
      json_node_get_value_type (success) != G_TYPE_BOOLEAN)
    return FALSE;

  if (is_success != NULL)
    *is_success = json_node_get_boolean (success);
  if (status != NULL)
    *status = get_string (object, "status");
  return TRUE;
}

char *
tocsin_alert_parse_request_id (JsonNode *root)
{
  JsonObject *object = as_object (root);
  JsonObject *data;

  if (object != NULL && !json_object_has_member (object, "requestId") &&
      (data = as_object (json_object_get_member (object, "data"))) != NULL)
    object = data;
  return get_text (object, "requestId");
}

TocsinAlertEntry *
tocsin_alert_parse_note (JsonNode *node)
{
  JsonObject *object = as_object (node);
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  g_autofree char *owner = NULL;

  if (object == NULL || (text = get_string (object, "note")) == NULL)
    return NULL;
  owner = get_string (object, "owner");
  id = get_text (object, "id");
  created = get_date (object, "createdAt");
  updated = get_date (object, "updatedAt");
  return g_object_new (TOCSIN_TYPE_ALERT_ENTRY,
                       "id", id,
                       "kind", "note",
                       "text", text,
                       "owner", owner,
                       "time", created,
                       "updated-at", updated,
                       NULL);
}

TocsinAlertEntry *
tocsin_alert_parse_log (JsonNode *node)
{
  JsonObject *object = as_object (node);
  g_autoptr(GDateTime) log_time = NULL;
  g_autofree char *text = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *owner = NULL;

  if (object == NULL || (text = get_string (object, "log")) == NULL)
    return NULL;
  log_time = get_date (object, "logTime");
  kind = get_string (object, "logType");
  owner = get_string (object, "owner");
  return g_object_new (TOCSIN_TYPE_ALERT_ENTRY,
                       "kind", kind,
                       "text", text,
                       "owner", owner,
                       "time", log_time,
                       NULL);
}

static TocsinAlertTarget *
parse_team (JsonNode *node)
{
  JsonObject *object = as_object (node);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  if (object == NULL)
    return NULL;
  id = get_text (object, "teamId");
  if (id == NULL)
    id = get_text (object, "id");
  if (id == NULL || *id == '\0')
    return NULL;
  name = get_string (object, "teamName");
  if (name == NULL)
    name = get_string (object, "name");
  description = get_string (object, "description");
  return g_object_new (TOCSIN_TYPE_ALERT_TARGET,
                       "id", id,
                       "kind", "team",
                       "name", name != NULL ? name : id,
                       "description", description,
                       NULL);
}

GPtrArray *
tocsin_alert_parse_teams (JsonNode *root)
{
  GPtrArray *teams = g_ptr_array_new_with_free_func (g_object_unref);
  JsonNode *list = root;
  JsonObject *object = as_object (root);

  if (object != NULL)
    {
      list = json_object_get_member (object, "platformTeams");
      if (list == NULL)
        list = json_object_get_member (object, "values");
      if (list == NULL)
        list = json_object_get_member (object, "data");
    }

  if (list != NULL && JSON_NODE_HOLDS_ARRAY (list))
    {
      JsonArray *array = json_node_get_array (list);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          TocsinAlertTarget *team = parse_team (json_array_get_element (array, i));

          if (team != NULL)
            g_ptr_array_add (teams, team);
        }
    }

  return teams;
}

TocsinAlertTarget *
tocsin_alert_parse_escalation (JsonNode *node)
{
  JsonObject *object = as_object (node);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  g_autofree char *description = NULL;

  if (object == NULL || (id = get_text (object, "id")) == NULL || *id == '\0')
    return NULL;
  name = get_string (object, "name");
  description = get_string (object, "description");
  return g_object_new (TOCSIN_TYPE_ALERT_TARGET,
                       "id", id,
                       "kind", "escalation",
                       "name", name != NULL ? name : id,
                       "description", description,
                       NULL);
}
