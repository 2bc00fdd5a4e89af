/* sandbox-alert-store.c: creating, changing and finding alerts, notes, logs
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include <string.h>

#include "sandbox-private.h"

static const char * const priorities[] = { "P1", "P2", "P3", "P4", "P5", NULL };
static const char * const statuses[] = { "open", "acked", "resolved", "snoozed", "closed", NULL };

void
sb_data_alert_free (gpointer data)
{
  SbAlert *alert = data;
  const char *alias = json_object_get_string_member (alert->obj, "alias");

  g_hash_table_remove (alert->site->by_id, json_object_get_string_member (alert->obj, "id"));
  if (g_hash_table_lookup (alert->site->by_alias, alias) == alert)
    g_hash_table_remove (alert->site->by_alias, alias);

  json_object_unref (alert->obj);
  g_ptr_array_unref (alert->notes);
  g_ptr_array_unref (alert->logs);
  g_free (alert);
}

static void
set_time (JsonObject *obj,
          const char *name,
          gint64      us)
{
  g_autofree char *iso = sb_iso_us (us);

  json_object_set_string_member (obj, name, iso);
}

/* Alternates the two id shapes of the reference: "uuid-epochMillis" and a plain UUID. */
static char *
new_alert_id (SbSite *site,
              gint64  created_us)
{
  g_autofree char *label = g_strdup_printf ("alert:%s:%u", site->id, site->next_tiny_id);
  g_autofree char *uuid = sb_stable_uuid (label);

  if (site->next_tiny_id % 2 == 0)
    return g_strdup_printf ("%s-%" G_GINT64_FORMAT, uuid, created_us / 1000);
  return g_steal_pointer (&uuid);
}

static SbAlert *
alert_new (SbSite *site,
           gint64  created_us)
{
  SbAlert *alert = g_new0 (SbAlert, 1);
  JsonObject *obj = json_object_new ();
  g_autofree char *id = new_alert_id (site, created_us);
  g_autofree char *tiny = g_strdup_printf ("%u", site->next_tiny_id++);

  alert->site = site;
  alert->obj = obj;
  alert->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  alert->logs = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  alert->inserted_at = created_us;

  json_object_set_string_member (obj, "id", id);
  json_object_set_string_member (obj, "tinyId", tiny);
  json_object_set_string_member (obj, "alias", id);
  json_object_set_string_member (obj, "message", "");
  json_object_set_string_member (obj, "description", "");
  json_object_set_string_member (obj, "status", "open");
  json_object_set_boolean_member (obj, "acknowledged", FALSE);
  json_object_set_boolean_member (obj, "seen", FALSE);
  json_object_set_boolean_member (obj, "snoozed", FALSE);
  json_object_set_array_member (obj, "tags", json_array_new ());
  json_object_set_int_member (obj, "count", 1);
  set_time (obj, "lastOccuredAt", created_us);
  set_time (obj, "createdAt", created_us);
  set_time (obj, "updatedAt", created_us);
  json_object_set_string_member (obj, "source", "API");
  json_object_set_string_member (obj, "owner", "");
  json_object_set_string_member (obj, "priority", "P3");
  json_object_set_array_member (obj, "responders", json_array_new ());
  json_object_set_string_member (obj, "integrationType", "API");
  json_object_set_string_member (obj, "integrationName", "Default API");
  json_object_set_array_member (obj, "actions", json_array_new ());
  json_object_set_string_member (obj, "entity", "");
  json_object_set_object_member (obj, "extraProperties", json_object_new ());
  return alert;
}

void
sb_data_alert_touch (SbAlert *alert)
{
  set_time (alert->obj, "updatedAt", sb_now_us ());
}

/* ---- validation and updates --------------------------------------------- */

static gboolean
fail (GError     **error,
      const char  *name,
      const char  *what)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s %s", name, what);
  return FALSE;
}

static gboolean
check_member (const char  *name,
              JsonNode    *node,
              GError     **error)
{
  GType type = json_node_get_value_type (node);

  if (g_strv_contains ((const char *[]) { "message", "alias", "description", "source", "entity",
                                          "owner", "createdAt", "snoozedUntil", "ackTime", "closeTime", NULL },
                       name))
    {
      if (type != G_TYPE_STRING)
        return fail (error, name, "must be a string");
      if (g_str_equal (name, "message") && g_utf8_strlen (json_node_get_string (node), -1) > 130)
        return fail (error, name, "must be at most 130 characters");
      if (g_str_equal (name, "message") && *json_node_get_string (node) == '\0')
        return fail (error, name, "must not be empty");
    }
  else if (g_str_equal (name, "priority"))
    {
      if (type != G_TYPE_STRING || !g_strv_contains (priorities, json_node_get_string (node)))
        return fail (error, name, "must be one of P1..P5");
    }
  else if (g_str_equal (name, "status"))
    {
      if (type != G_TYPE_STRING || !g_strv_contains (statuses, json_node_get_string (node)))
        return fail (error, name, "must be open, acked, resolved, snoozed or closed");
    }
  else if (g_strv_contains ((const char *[]) { "acknowledged", "seen", "snoozed", NULL }, name))
    {
      if (type != G_TYPE_BOOLEAN)
        return fail (error, name, "must be a boolean");
    }
  else if (g_strv_contains ((const char *[]) { "tags", "actions", "responders", NULL }, name))
    {
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return fail (error, name, "must be an array");
    }
  else if (g_str_equal (name, "extraProperties"))
    {
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fail (error, name, "must be an object");
    }
  else if (g_str_equal (name, "count"))
    {
      if (type != G_TYPE_INT64)
        return fail (error, name, "must be an integer");
    }
  else if (!g_str_equal (name, "note") && !g_str_equal (name, "visibleTo"))
    return fail (error, name, "is not a known field");
  return TRUE;
}

/* Keeps the flags consistent with a status set directly. */
static void
apply_status (JsonObject *obj,
              const char *status)
{
  gint64 now = sb_now_us ();

  json_object_set_string_member (obj, "status", status);
  if (g_str_equal (status, "acked"))
    {
      json_object_set_boolean_member (obj, "acknowledged", TRUE);
      if (!json_object_has_member (obj, "ackTime"))
        set_time (obj, "ackTime", now);
    }
  else if (g_str_equal (status, "closed") || g_str_equal (status, "resolved"))
    {
      if (!json_object_has_member (obj, "closeTime"))
        set_time (obj, "closeTime", now);
      json_object_set_boolean_member (obj, "snoozed", FALSE);
    }
  else if (g_str_equal (status, "open"))
    json_object_set_boolean_member (obj, "acknowledged", FALSE);
}

static void
reindex_alias (SbAlert    *alert,
               const char *alias)
{
  GHashTable *index = alert->site->by_alias;
  const char *old = json_object_get_string_member (alert->obj, "alias");

  if (g_hash_table_lookup (index, old) != alert)
    return;   /* not indexed yet (being created) or shadowed */
  g_hash_table_remove (index, old);
  g_hash_table_insert (index, g_strdup (alias), alert);
}

gboolean
sb_data_update_alert (SbAlert     *alert,
                      JsonObject  *fields,
                      GError     **error)
{
  g_autoptr(GList) members = json_object_get_members (fields);

  for (GList *l = members; l; l = l->next)
    if (!check_member (l->data, json_object_get_member (fields, l->data), error))
      return FALSE;

  for (GList *l = members; l; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (fields, name);

      if (g_str_equal (name, "note") || g_str_equal (name, "visibleTo"))
        continue;
      if (g_str_equal (name, "status"))
        {
          apply_status (alert->obj, json_node_get_string (node));
          continue;
        }
      if (g_str_equal (name, "alias"))
        reindex_alias (alert, json_node_get_string (node));
      json_object_set_member (alert->obj, name, json_node_copy (node));
    }
  if (json_object_has_member (fields, "acknowledged") && !json_object_has_member (fields, "status") &&
      json_object_get_boolean_member (fields, "acknowledged") &&
      g_str_equal (json_object_get_string_member (alert->obj, "status"), "open"))
    apply_status (alert->obj, "acked");
  sb_data_alert_touch (alert);
  return TRUE;
}

static SbAlert *
find_open_by_alias (SbSite     *site,
                    const char *alias)
{
  SbAlert *alert = sb_data_find_alert_by_alias (site, alias);

  if (alert == NULL)
    return NULL;
  if (g_str_equal (json_object_get_string_member (alert->obj, "status"), "closed"))
    return NULL;
  return alert;
}

/* Opsgenie deduplication: an open alert with the same alias only counts up. */
static SbAlert *
deduplicate (SbSite     *site,
             JsonObject *fields)
{
  const char *alias = json_object_get_string_member_with_default (fields, "alias", NULL);
  SbAlert *alert = alias ? find_open_by_alias (site, alias) : NULL;

  if (alert == NULL)
    return NULL;
  json_object_set_int_member (alert->obj, "count", json_object_get_int_member (alert->obj, "count") + 1);
  set_time (alert->obj, "lastOccuredAt", sb_now_us ());
  sb_data_alert_touch (alert);
  sb_data_alert_log (alert, "system", "System", "Alert occurred again; count increased");
  return alert;
}

SbAlert *
sb_data_create_alert (SbSite      *site,
                      JsonObject  *fields,
                      GError     **error)
{
  g_autoptr(GDateTime) created = NULL;
  const char *created_text;
  SbAlert *alert;
  gint64 created_us = sb_now_us ();

  if (!json_object_has_member (fields, "message"))
    {
      fail (error, "message", "is required");
      return NULL;
    }
  alert = deduplicate (site, fields);
  if (alert != NULL)
    return alert;

  created_text = json_object_get_string_member_with_default (fields, "createdAt", NULL);
  created = created_text ? sb_parse_iso (created_text, NULL) : NULL;
  if (created != NULL)
    created_us = g_date_time_to_unix (created) * G_USEC_PER_SEC + g_date_time_get_microsecond (created);

  alert = alert_new (site, created_us);
  if (!sb_data_update_alert (alert, fields, error))
    {
      site->next_tiny_id--;
      sb_data_alert_free (alert);
      return NULL;
    }
  set_time (alert->obj, "updatedAt", created_us);
  if (json_object_has_member (fields, "createdAt"))
    set_time (alert->obj, "lastOccuredAt", created_us);
  g_ptr_array_add (site->alerts, alert);
  g_hash_table_insert (site->by_id, g_strdup (json_object_get_string_member (alert->obj, "id")), alert);
  g_hash_table_insert (site->by_alias, g_strdup (json_object_get_string_member (alert->obj, "alias")), alert);
  sb_data_alert_log (alert, "system", "System", "Alert created via API");
  if (json_object_get_string_member_with_default (fields, "note", NULL) != NULL)
    sb_data_alert_add_note (alert, "Dana Okafor", json_object_get_string_member (fields, "note"));
  return alert;
}

/* ---- notes and logs ----------------------------------------------------- */

void
sb_data_alert_log (SbAlert    *alert,
                   const char *log_type,
                   const char *owner,
                   const char *text)
{
  JsonObject *log = json_object_new ();
  g_autofree char *offset = g_strdup_printf ("%06u", ++alert->next_log);

  set_time (log, "logTime", sb_now_us ());
  json_object_set_string_member (log, "logType", log_type);
  json_object_set_string_member (log, "log", text);
  json_object_set_string_member (log, "owner", owner);
  json_object_set_string_member (log, "offset", offset);
  g_ptr_array_add (alert->logs, log);
}

JsonObject *
sb_data_alert_add_note (SbAlert    *alert,
                        const char *owner,
                        const char *text)
{
  JsonObject *note = json_object_new ();
  g_autofree char *label = g_strdup_printf ("note:%s:%u",
                                            json_object_get_string_member (alert->obj, "id"),
                                            ++alert->next_note);
  g_autofree char *id = sb_stable_uuid (label);
  gint64 now = sb_now_us ();

  json_object_set_string_member (note, "id", id);
  set_time (note, "createdAt", now);
  set_time (note, "updatedAt", now);
  json_object_set_string_member (note, "note", text);
  json_object_set_string_member (note, "owner", owner);
  g_ptr_array_add (alert->notes, note);
  sb_data_alert_log (alert, "alertNote", owner, text);
  return note;
}

/* ---- lookups ------------------------------------------------------------ */

SbAlert *
sb_data_find_alert (SbSite     *site,
                    const char *id)
{
  return g_hash_table_lookup (site->by_id, id);
}

SbAlert *
sb_data_find_alert_by_alias (SbSite     *site,
                             const char *alias)
{
  return g_hash_table_lookup (site->by_alias, alias);
}

/* Snoozes end by themselves when their time has come. */
void
sb_data_refresh_snoozes (SbSite *site)
{
  gint64 now = sb_now_us ();

  for (guint i = 0; i < site->alerts->len; i++)
    {
      SbAlert *alert = g_ptr_array_index (site->alerts, i);
      JsonObject *obj = alert->obj;
      g_autoptr(GDateTime) until = NULL;

      if (!json_object_get_boolean_member (obj, "snoozed"))
        continue;
      until = sb_parse_iso (json_object_get_string_member_with_default (obj, "snoozedUntil", NULL), NULL);
      if (until == NULL || g_date_time_to_unix (until) * G_USEC_PER_SEC > now)
        continue;
      json_object_set_boolean_member (obj, "snoozed", FALSE);
      json_object_set_string_member (obj, "status",
                                     json_object_get_boolean_member (obj, "acknowledged") ? "acked" : "open");
      sb_data_alert_log (alert, "system", "System", "Snooze ended");
    }
}
