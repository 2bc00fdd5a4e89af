/* tocsin-schedule-parser.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-schedule-parser"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-api-error.h"
#include "tocsin-json-depth.h"
#include "tocsin-schedule-parser.h"

/* How deep teams and escalations may nest before we stop following. */
#define MAX_DEPTH 8

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static const char *
get_nonempty_string (JsonObject *object,
                     const char *member)
{
  const char *value = get_string (object, member);

  return value != NULL && *value != '\0' ? value : NULL;
}

static gboolean
get_boolean (JsonObject *object,
             const char *member,
             gboolean    fallback)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return fallback;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;

  return json_node_get_boolean (node);
}

static JsonObject *
get_object (JsonObject *object,
            const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
get_array (JsonObject *object,
           const char *member)
{
  JsonNode *node;

  if (object == NULL || !(node = json_object_get_member (object, member)))
    return NULL;

  return JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
root_object (JsonNode    *root,
             GError     **error)
{
  JsonObject *object;
  JsonObject *data;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                           _("The server sent an unexpected answer"));
      return NULL;
    }

  object = json_node_get_object (root);

  /* Opsgenie wrapped answers in "data"; tolerate it. */
  if (!json_object_has_member (object, "values") && (data = get_object (object, "data")) != NULL)
    return data;

  return object;
}

static GDateTime *
parse_date (JsonObject *object,
            const char *member)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *text = get_nonempty_string (object, member);

  if (text == NULL)
    return NULL;

  /* A time without offset is taken as UTC, as the API speaks UTC. */
  return g_date_time_new_from_iso8601 (text, utc);
}

/**
 * tocsin_schedule_parser_load:
 *
 * Returns: (transfer full): the JSON tree of @bytes
 */
JsonNode *
tocsin_schedule_parser_load (GBytes  *bytes,
                             GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize len;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &len);
  /* An empty GBytes has no data pointer; json-glib wants one. */
  if (data == NULL)
    data = "";
  if (!tocsin_json_check_depth (data, len, &local_error) ||
      !json_parser_load_from_data (parser, data, len, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                   _("The server sent an unexpected answer: %s"),
                   local_error != NULL ? local_error->message : _("empty body"));
      return NULL;
    }

  return json_node_ref (json_parser_get_root (parser));
}

/**
 * tocsin_schedule_parse_schedule:
 * @node: one element of a list's "values", or a single schedule answer
 *
 * Returns: (transfer full) (nullable): the schedule, %NULL without an id
 */
TocsinSchedule *
tocsin_schedule_parse_schedule (JsonNode *node)
{
  TocsinSchedule *schedule;
  JsonObject *object;
  const char *id;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  if (!(id = get_nonempty_string (object, "id")))
    return NULL;

  schedule = tocsin_schedule_new (id);
  tocsin_schedule_set_name (schedule, get_string (object, "name") ?: id);
  tocsin_schedule_set_description (schedule, get_string (object, "description"));
  tocsin_schedule_set_timezone (schedule, get_nonempty_string (object, "timezone"));
  tocsin_schedule_set_enabled (schedule, get_boolean (object, "enabled", TRUE));
  tocsin_schedule_set_team_id (schedule, get_nonempty_string (object, "teamId"));

  return schedule;
}

/**
 * tocsin_schedule_parse_list:
 * @next_link: (out) (optional): links.next as sent (absolute or relative),
 *   %NULL on the last page
 *
 * Returns: (transfer full) (element-type TocsinSchedule): one page
 */
GPtrArray *
tocsin_schedule_parse_list (JsonNode  *root,
                            char     **next_link,
                            GError   **error)
{
  g_autoptr(GPtrArray) schedules = NULL;
  JsonObject *object;
  JsonArray *values;

  if (next_link != NULL)
    *next_link = NULL;

  if (!(object = root_object (root, error)))
    return NULL;

  schedules = g_ptr_array_new_with_free_func (g_object_unref);
  if ((values = get_array (object, "values")) != NULL)
    {
      guint n = json_array_get_length (values);

      for (guint i = 0; i < n; i++)
        {
          TocsinSchedule *schedule = tocsin_schedule_parse_schedule (json_array_get_element (values, i));

          if (schedule != NULL)
            g_ptr_array_add (schedules, schedule);
        }
    }

  if (next_link != NULL)
    *next_link = g_strdup (get_nonempty_string (get_object (object, "links"), "next"));

  return g_steal_pointer (&schedules);
}

static TocsinParticipant *
parse_participant (JsonNode *node,
                   guint     depth)
{
  TocsinParticipant *participant;
  JsonObject *object;
  JsonNode *forwarded;
  JsonArray *children;
  const char *id;

  if (node == NULL)
    return NULL;

  /* Flat answers list bare account ids. */
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      id = json_node_get_string (node);
      return id != NULL && *id != '\0' ? tocsin_participant_new (id, "user") : NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  object = json_node_get_object (node);
  id = get_nonempty_string (object, "id") ?: get_nonempty_string (object, "accountId");
  if (id == NULL)
    return NULL;

  participant = tocsin_participant_new (id, get_nonempty_string (object, "type"));
  tocsin_participant_set_name (participant, get_nonempty_string (object, "name") ?:
                                            get_nonempty_string (object, "displayName"));

  if (depth < MAX_DEPTH)
    {
      if ((forwarded = json_object_get_member (object, "forwardedFrom")) != NULL)
        {
          g_autoptr(TocsinParticipant) from = parse_participant (forwarded, depth + 1);

          tocsin_participant_set_forwarded_from (participant, from);
        }

      if ((children = get_array (object, "onCallParticipants")) != NULL ||
          (children = get_array (object, "nextOnCallParticipants")) != NULL)
        {
          guint n = json_array_get_length (children);

          for (guint i = 0; i < n; i++)
            {
              g_autoptr(TocsinParticipant) child =
                parse_participant (json_array_get_element (children, i), depth + 1);

              if (child != NULL)
                tocsin_participant_add_participant (participant, child);
            }
        }
    }

  return participant;
}

/**
 * tocsin_schedule_parse_on_calls:
 *
 * Parses an on-calls or next-on-calls answer, nested
 * (onCallParticipants / nextOnCallParticipants) or flat (onCallUsers /
 * nextOnCallUsers, turned into user participants).
 *
 * Returns: (transfer full) (element-type TocsinParticipant): the participants
 */
GPtrArray *
tocsin_schedule_parse_on_calls (JsonNode  *root,
                                GError   **error)
{
  static const char * const members[] = {
    "onCallParticipants", "nextOnCallParticipants", "onCallUsers", "nextOnCallUsers",
    "onCallRecipients", "nextOnCallRecipients",
  };
  g_autoptr(GPtrArray) participants = NULL;
  JsonObject *object;
  JsonArray *array = NULL;

  if (!(object = root_object (root, error)))
    return NULL;

  participants = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; array == NULL && i < G_N_ELEMENTS (members); i++)
    array = get_array (object, members[i]);

  if (array != NULL)
    {
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        {
          TocsinParticipant *participant = parse_participant (json_array_get_element (array, i), 0);

          if (participant != NULL)
            g_ptr_array_add (participants, participant);
        }
    }

  return g_steal_pointer (&participants);
}

static TocsinParticipant *
parse_responder (JsonObject *period)
{
  JsonObject *responder = get_object (period, "responder");
  JsonArray *flattened = get_array (period, "flattenedResponders");
  TocsinParticipant *participant;

  if (responder == NULL)
    return NULL;

  /* Nobody on call is a gap, not a shift. */
  if (g_strcmp0 (get_string (responder, "type"), "noone") == 0)
    return NULL;

  if (!(participant = parse_participant (json_object_get_member (period, "responder"), 0)))
    return NULL;

  /* A team responder lists its members here; "my shifts" needs them. */
  if (flattened != NULL && !tocsin_participant_is_user (participant))
    {
      guint n = json_array_get_length (flattened);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(TocsinParticipant) member = parse_participant (json_array_get_element (flattened, i), 1);

          if (member != NULL)
            tocsin_participant_add_participant (participant, member);
        }
    }

  return participant;
}

/**
 * tocsin_schedule_parse_timeline:
 * @schedule_timezone: (nullable): IANA id of the schedule's zone
 * @local_zone: (nullable): the user's zone; %NULL for the system zone
 *
 * Reads finalTimeline.rotations[].periods[] (falling back to the top-level
 * "rotations" some answers carry). Periods are not merged.
 *
 * Returns: (transfer full) (element-type TocsinShift): the periods
 */
GPtrArray *
tocsin_schedule_parse_timeline (JsonNode    *root,
                                const char  *schedule_id,
                                const char  *schedule_name,
                                const char  *schedule_timezone,
                                GTimeZone   *local_zone,
                                GError     **error)
{
  g_autoptr(GPtrArray) shifts = NULL;
  JsonObject *object;
  JsonArray *rotations;
  guint n_rotations;

  if (!(object = root_object (root, error)))
    return NULL;

  shifts = g_ptr_array_new_with_free_func (g_object_unref);

  if (!(rotations = get_array (get_object (object, "finalTimeline"), "rotations")) &&
      !(rotations = get_array (object, "rotations")))
    return g_steal_pointer (&shifts);

  n_rotations = json_array_get_length (rotations);
  for (guint i = 0; i < n_rotations; i++)
    {
      JsonNode *rotation_node = json_array_get_element (rotations, i);
      JsonObject *rotation;
      JsonArray *periods;
      guint n_periods;

      if (!JSON_NODE_HOLDS_OBJECT (rotation_node))
        continue;

      rotation = json_node_get_object (rotation_node);
      if (!(periods = get_array (rotation, "periods")))
        continue;

      n_periods = json_array_get_length (periods);
      for (guint j = 0; j < n_periods; j++)
        {
          JsonNode *period_node = json_array_get_element (periods, j);
          g_autoptr(TocsinParticipant) responder = NULL;
          g_autoptr(GDateTime) start = NULL;
          g_autoptr(GDateTime) end = NULL;
          JsonObject *period;

          if (!JSON_NODE_HOLDS_OBJECT (period_node))
            continue;

          period = json_node_get_object (period_node);
          start = parse_date (period, "startDate");
          end = parse_date (period, "endDate");
          if (start == NULL || end == NULL || g_date_time_compare (start, end) >= 0)
            continue;

          if (!(responder = parse_responder (period)))
            continue;

          g_ptr_array_add (shifts,
                           tocsin_shift_new (schedule_id, schedule_name, schedule_timezone,
                                             get_string (rotation, "id"),
                                             get_string (rotation, "name"),
                                             responder,
                                             tocsin_shift_kind_from_string (get_string (period, "type")),
                                             start, end, local_zone));
        }
    }

  return g_steal_pointer (&shifts);
}

static void
add_team (GHashTable *teams,
          JsonNode   *node)
{
  JsonObject *object;
  const char *id;
  const char *name;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;

  object = json_node_get_object (node);
  id = get_nonempty_string (object, "teamId") ?: get_nonempty_string (object, "id");
  name = get_nonempty_string (object, "teamName") ?: get_nonempty_string (object, "name") ?:
         get_nonempty_string (object, "displayName");

  if (id != NULL && name != NULL)
    g_hash_table_replace (teams, g_strdup (id), g_strdup (name));
}

/**
 * tocsin_schedule_parse_teams:
 *
 * Accepts {"platformTeams":[{teamId,teamName}]}, {"values":[...]} or a bare
 * array of {id,name} (the reference leaves the shape open).
 *
 * Returns: (transfer full): team id -> name
 */
GHashTable *
tocsin_schedule_parse_teams (JsonNode  *root,
                             GError   **error)
{
  g_autoptr(GHashTable) teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  JsonArray *array = NULL;

  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    array = json_node_get_array (root);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      if (!(array = get_array (object, "platformTeams")) &&
          !(array = get_array (object, "values")) &&
          !(array = get_array (object, "teams")))
        array = get_array (get_object (object, "data"), "platformTeams");
    }
  else
    {
      g_set_error_literal (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                           _("The server sent an unexpected answer"));
      return NULL;
    }

  if (array != NULL)
    {
      guint n = json_array_get_length (array);

      for (guint i = 0; i < n; i++)
        add_team (teams, json_array_get_element (array, i));
    }

  return g_steal_pointer (&teams);
}

/**
 * tocsin_schedule_parse_users:
 *
 * Parses Jira's user/bulk answer {"values":[{accountId, displayName}]}.
 *
 * Returns: (transfer full): account id -> display name
 */
GHashTable *
tocsin_schedule_parse_users (JsonNode  *root,
                             GError   **error)
{
  g_autoptr(GHashTable) users = NULL;
  JsonObject *object;
  JsonArray *values;

  if (!(object = root_object (root, error)))
    return NULL;

  users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((values = get_array (object, "values")) != NULL)
    {
      guint n = json_array_get_length (values);

      for (guint i = 0; i < n; i++)
        {
          JsonNode *node = json_array_get_element (values, i);
          JsonObject *user;
          const char *id;
          const char *name;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;

          user = json_node_get_object (node);
          id = get_nonempty_string (user, "accountId");
          name = get_nonempty_string (user, "displayName");
          if (id != NULL && name != NULL)
            g_hash_table_replace (users, g_strdup (id), g_strdup (name));
        }
    }

  return g_steal_pointer (&users);
}

/**
 * tocsin_schedule_parse_myself:
 *
 * Returns: (transfer full): the account id of Jira's /myself answer
 */
char *
tocsin_schedule_parse_myself (JsonNode  *root,
                              GError   **error)
{
  JsonObject *object;
  const char *id;

  if (!(object = root_object (root, error)))
    return NULL;

  if (!(id = get_nonempty_string (object, "accountId")))
    {
      g_set_error_literal (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                           _("The server did not say who is signed in"));
      return NULL;
    }

  return g_strdup (id);
}
