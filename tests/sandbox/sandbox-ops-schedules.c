/* sandbox-ops-schedules.c: schedules, on-calls, timeline, rotations,
 * overrides, teams and escalations
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-sandbox"

#include "config.h"

#include <string.h>

#include "sandbox-private.h"

static const char * const config_scopes[] = { SB_SCOPE_READ_CONFIG, NULL };

#define DAY_US ((gint64) 24 * 3600 * G_USEC_PER_SEC)

/* ---- JSON shapes ---------------------------------------------------------- */

static void
set_iso (JsonObject *obj,
         const char *member,
         GDateTime  *dt)
{
  g_autofree char *iso = sb_iso (dt);

  json_object_set_string_member (obj, member, iso);
}

static void
set_iso_us (JsonObject *obj,
            const char *member,
            gint64      us)
{
  g_autofree char *iso = sb_iso_us (us);

  json_object_set_string_member (obj, member, iso);
}

static JsonObject *
responder_json (const char *type,
                const char *id)
{
  JsonObject *r = json_object_new ();

  json_object_set_string_member (r, "type", type);
  if (id != NULL)
    json_object_set_string_member (r, "id", id);
  return r;
}

static const char *
rotation_type_name (SbRotationType type)
{
  return type == SB_ROTATION_HOURLY ? "hourly" : type == SB_ROTATION_DAILY ? "daily" : "weekly";
}

static JsonObject *
restriction_json (SbRotation *r)
{
  const char *days[] = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" };
  JsonObject *tr = json_object_new ();
  gboolean weekly = r->restriction_type == SB_RESTRICTION_WEEKDAY_AND_TIME_OF_DAY;
  JsonArray *list = json_array_new ();

  json_object_set_string_member (tr, "type", weekly ? "weekday-and-time-of-day" : "time-of-day");
  for (guint i = 0; i < r->restrictions->len; i++)
    {
      SbRestriction *x = &g_array_index (r->restrictions, SbRestriction, i);
      JsonObject *o = json_object_new ();

      if (weekly)
        {
          json_object_set_string_member (o, "startDay", days[x->start_day]);
          json_object_set_string_member (o, "endDay", days[x->end_day]);
        }
      json_object_set_int_member (o, "startHour", x->start_hour);
      json_object_set_int_member (o, "startMin", x->start_min);
      json_object_set_int_member (o, "endHour", x->end_hour);
      json_object_set_int_member (o, "endMin", x->end_min);
      json_array_add_object_element (list, o);
    }
  if (weekly)
    json_object_set_array_member (tr, "restrictions", list);
  else
    {
      json_object_set_object_member (tr, "restriction", json_object_ref (json_array_get_object_element (list, 0)));
      json_array_unref (list);
    }
  return tr;
}

static JsonObject *
rotation_json (SbRotation *r)
{
  JsonObject *obj = json_object_new ();
  JsonArray *participants = json_array_new ();

  json_object_set_string_member (obj, "id", r->id);
  json_object_set_string_member (obj, "name", r->name);
  json_object_set_int_member (obj, "order", r->order);
  set_iso (obj, "startDate", r->start);
  if (r->end != NULL)
    set_iso (obj, "endDate", r->end);
  json_object_set_string_member (obj, "type", rotation_type_name (r->type));
  json_object_set_int_member (obj, "length", r->length);
  for (guint i = 0; i < r->participants->len; i++)
    {
      SbParticipant *p = g_ptr_array_index (r->participants, i);

      json_array_add_object_element (participants, responder_json (p->type, p->id));
    }
  json_object_set_array_member (obj, "participants", participants);
  if (r->restriction_type != SB_RESTRICTION_NONE)
    json_object_set_object_member (obj, "timeRestriction", restriction_json (r));
  return obj;
}

static JsonObject *
schedule_json (SbSchedule *s,
               gboolean    with_rotations)
{
  JsonObject *obj = json_object_new ();

  json_object_set_string_member (obj, "id", s->id);
  json_object_set_string_member (obj, "name", s->name);
  json_object_set_string_member (obj, "description", s->description);
  json_object_set_string_member (obj, "timezone", s->timezone);
  json_object_set_boolean_member (obj, "enabled", s->enabled);
  json_object_set_string_member (obj, "teamId", s->team_id);
  if (with_rotations)
    {
      JsonArray *rotations = json_array_new ();

      for (guint i = 0; i < s->rotations->len; i++)
        json_array_add_object_element (rotations, rotation_json (g_ptr_array_index (s->rotations, i)));
      json_object_set_array_member (obj, "rotations", rotations);
    }
  return obj;
}

static JsonObject *
override_json (SbOverride *o)
{
  JsonObject *obj = json_object_new ();
  JsonArray *ids = json_array_new ();

  json_object_set_string_member (obj, "alias", o->alias);
  json_object_set_object_member (obj, "responder", responder_json (o->user_id ? "user" : "noone", o->user_id));
  set_iso (obj, "startDate", o->start);
  set_iso (obj, "endDate", o->end);
  for (guint i = 0; o->rotation_ids && i < o->rotation_ids->len; i++)
    json_array_add_string_element (ids, g_ptr_array_index (o->rotation_ids, i));
  json_object_set_array_member (obj, "rotationIds", ids);
  return obj;
}

/* ---- paging --------------------------------------------------------------- */

static gboolean
page_params (SoupServerMessage *msg,
             GHashTable        *q,
             gint64             max_size,
             gint64             default_size,
             gint64            *offset,
             gint64            *size)
{
  g_autofree char *size_error = g_strdup_printf ("size must be between 1 and %" G_GINT64_FORMAT, max_size);

  if (!sb_query_get_int (q, "offset", 0, offset) || *offset < 0)
    sb_error_generic (msg, 422, "offset must be a non-negative integer", "INVALID_PARAMETER");
  else if (!sb_query_get_int (q, "size", default_size, size) || *size < 1 || *size > max_size)
    sb_error_generic (msg, 422, size_error, "INVALID_PARAMETER");
  else
    return TRUE;
  return FALSE;
}

/* {"values":[...],"links":{"next":...}} over items[offset, offset+size). */
static void
respond_page (SoupServerMessage *msg,
              GPtrArray         *items,
              gint64             offset,
              gint64             size,
              const char        *base,
              JsonObject        *extra)
{
  g_autoptr(JsonObject) reply = extra ? json_object_ref (extra) : json_object_new ();
  JsonArray *values = json_array_new ();
  JsonObject *links = json_object_new ();

  for (gint64 i = offset; i < offset + size && i < (gint64) items->len; i++)
    json_array_add_object_element (values, json_object_ref (g_ptr_array_index (items, i)));
  if (offset + size < (gint64) items->len)
    {
      g_autofree char *off = g_strdup_printf ("%" G_GINT64_FORMAT, offset + size);
      g_autofree char *sz = g_strdup_printf ("%" G_GINT64_FORMAT, size);
      g_autofree char *next = sb_url_with_params (base, "offset", off, "size", sz, NULL);

      json_object_set_string_member (links, "next", next);
    }
  json_object_set_array_member (reply, "values", values);
  json_object_set_object_member (reply, "links", links);
  sb_respond_object (msg, SOUP_STATUS_OK, reply);
}

/* ---- schedules list ---------------------------------------------------------- */

static gboolean
name_matches (const char *name,
              const char *filter)
{
  g_autofree char *n = g_utf8_casefold (name, -1);
  g_autofree char *f = NULL;
  gsize len;

  if (filter == NULL)
    return TRUE;
  f = g_utf8_casefold (filter, -1);
  len = strlen (f);
  if (len > 0 && f[len - 1] == '*')
    return strncmp (n, f, len - 1) == 0;
  return g_str_equal (n, f);
}

static gboolean
wants_rotations (GHashTable *q)
{
  GPtrArray *expand = sb_query_get_all (q, "expand");

  for (guint i = 0; expand && i < expand->len; i++)
    if (strstr (g_ptr_array_index (expand, i), "rotation") != NULL)
      return TRUE;
  return FALSE;
}

static void
list_schedules (SoupServerMessage *msg,
                SbSite            *site)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(JsonObject) extra = json_object_new ();
  JsonArray *expands = json_array_new ();
  gint64 offset, size;

  if (!page_params (msg, q, 50, 25, &offset, &size))
    {
      json_array_unref (expands);
      return;
    }
  for (guint i = 0; i < site->schedules->len; i++)
    {
      SbSchedule *s = g_ptr_array_index (site->schedules, i);

      if (name_matches (s->name, sb_query_get (q, "query")))
        g_ptr_array_add (items, schedule_json (s, wants_rotations (q)));
    }
  json_array_add_string_element (expands, "rotation");
  json_object_set_array_member (extra, "_expands", expands);
  respond_page (msg, items, offset, size, "/v1/schedules", extra);
}

/* ---- on-call -------------------------------------------------------------- */

static gboolean
parse_date_param (SoupServerMessage *msg,
                  GHashTable        *q,
                  SbSchedule        *s,
                  gint64            *out)
{
  const char *text = sb_query_get (q, "date");
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    {
      *out = sb_now_us ();
      return TRUE;
    }
  dt = sb_parse_iso (text, s->tz);
  if (dt == NULL)
    {
      sb_error_generic (msg, 422, "date must be an ISO 8601 date-time", "INVALID_PARAMETER");
      return FALSE;
    }
  *out = sb_dt_to_us (dt);
  return TRUE;
}

static void
add_unique (JsonArray  *participants,
            JsonObject *p)
{
  for (guint i = 0; i < json_array_get_length (participants); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (participants, i), "id"),
                     json_object_get_string_member (p, "id")))
      {
        json_object_unref (p);
        return;
      }
  json_array_add_object_element (participants, p);
}

/* Teams expand into their members (nested), users may carry forwardedFrom. */
static JsonObject *
participant_json (SbSite   *site,
                  SbPeriod *p)
{
  JsonObject *obj = responder_json (p->responder_type, p->responder_id);

  if (g_str_equal (p->responder_type, "team"))
    {
      SbTeam *team = sb_data_find_team (site, p->responder_id);
      JsonArray *nested = json_array_new ();

      for (guint i = 0; team && i < team->member_ids->len; i++)
        json_array_add_object_element (nested, responder_json ("user", g_ptr_array_index (team->member_ids, i)));
      json_object_set_array_member (obj, "onCallParticipants", nested);
    }
  if (p->from_id != NULL)
    json_object_set_object_member (obj, "forwardedFrom", responder_json ("user", p->from_id));
  return obj;
}

static void
collect_users (JsonArray  *participants,
               GPtrArray  *users)
{
  for (guint i = 0; i < json_array_get_length (participants); i++)
    {
      JsonObject *p = json_array_get_object_element (participants, i);
      const char *type = json_object_get_string_member (p, "type");

      if (g_str_equal (type, "user") &&
          !g_ptr_array_find_with_equal_func (users, json_object_get_string_member (p, "id"), g_str_equal, NULL))
        g_ptr_array_add (users, g_strdup (json_object_get_string_member (p, "id")));
      if (json_object_has_member (p, "onCallParticipants"))
        collect_users (json_object_get_array_member (p, "onCallParticipants"), users);
    }
}

static SbPeriod *
period_at (GArray *periods,
           gint64  t)
{
  for (guint i = 0; i < periods->len; i++)
    {
      SbPeriod *p = &g_array_index (periods, SbPeriod, i);

      if (p->start <= t && t < p->end)
        return p;
    }
  return NULL;
}

/* The next shift: the first period that starts once the current one ends. */
static SbPeriod *
period_next (GArray *periods,
             gint64  t)
{
  SbPeriod *now = period_at (periods, t);
  gint64 from = now ? now->end : t + 1;

  for (guint i = 0; i < periods->len; i++)
    {
      SbPeriod *p = &g_array_index (periods, SbPeriod, i);

      if (p->start >= from)
        return p;
    }
  return NULL;
}

static void
respond_on_calls (SoupServerMessage *msg,
                  SbSite            *site,
                  SbSchedule        *s,
                  gboolean           next)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *participants;
  JsonObject *parent;
  gint64 t;

  if (!parse_date_param (msg, q, s, &t))
    return;
  participants = json_array_new ();
  for (guint i = 0; s->enabled && i < s->rotations->len; i++)
    {
      /* Six weeks ahead is enough to find the next shift of any seeded rotation. */
      g_autoptr(GArray) periods = sb_timeline_rotation (site, s, g_ptr_array_index (s->rotations, i),
                                                        t, t + 42 * DAY_US, TRUE);
      SbPeriod *p = next ? period_next (periods, t) : period_at (periods, t);

      if (p != NULL && !g_str_equal (p->responder_type, "noone"))
        add_unique (participants, participant_json (site, p));
    }

  parent = json_object_new ();
  json_object_set_string_member (parent, "id", s->id);
  json_object_set_string_member (parent, "name", s->name);
  json_object_set_boolean_member (parent, "enabled", s->enabled);
  json_object_set_object_member (reply, "_parent", parent);
  if (sb_query_get_bool (q, "flat", FALSE))
    {
      g_autoptr(GPtrArray) users = g_ptr_array_new_with_free_func (g_free);

      collect_users (participants, users);
      json_object_set_member (reply, next ? "nextOnCallUsers" : "onCallUsers", sb_string_array (users));
      json_array_unref (participants);
    }
  else
    json_object_set_array_member (reply, next ? "nextOnCallParticipants" : "onCallParticipants", participants);
  sb_respond_object (msg, SOUP_STATUS_OK, reply);
}

/* ---- timeline ------------------------------------------------------------- */

static gboolean
invalid (SoupServerMessage *msg,
         const char        *title)
{
  sb_error_generic (msg, 422, title, "INVALID_PARAMETER");
  return FALSE;
}

/* The range: the start of the unit containing date (in the schedule's zone). */
static gboolean
timeline_range (SoupServerMessage *msg,
                GHashTable        *q,
                SbSchedule        *s,
                gint64            *start_out,
                gint64            *end_out)
{
  const char *unit = sb_query_get (q, "intervalUnit") ? sb_query_get (q, "intervalUnit") : "weeks";
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  gint64 interval, t, now = sb_now_us ();

  if (!sb_query_get_int (q, "interval", 1, &interval) || interval < 1 || interval > 366)
    return invalid (msg, "interval must be a positive integer");
  if (!g_str_equal (unit, "days") && !g_str_equal (unit, "weeks") && !g_str_equal (unit, "months"))
    return invalid (msg, "intervalUnit must be days, weeks or months");
  if (!parse_date_param (msg, q, s, &t))
    return FALSE;

  date = sb_us_to_dt (t, s->tz);
  day = g_date_time_new (s->tz, g_date_time_get_year (date), g_date_time_get_month (date),
                         g_date_time_get_day_of_month (date), 0, 0, 0);
  if (g_str_equal (unit, "days"))
    {
      start = g_date_time_ref (day);
      end = g_date_time_add_days (start, interval);
    }
  else if (g_str_equal (unit, "weeks"))
    {
      start = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
      end = g_date_time_add_weeks (start, interval);
    }
  else
    {
      start = g_date_time_add_days (day, 1 - g_date_time_get_day_of_month (day));
      end = g_date_time_add_months (start, interval);
    }
  *start_out = sb_dt_to_us (start);
  *end_out = sb_dt_to_us (end);
  if (*start_out < now - 366 * DAY_US || *end_out > now + 2 * 366 * DAY_US)
    return invalid (msg, "The timeline may reach back 1 year and forward 2 years at most");
  return TRUE;
}

static JsonObject *
period_json (SbSite   *site,
             SbPeriod *p)
{
  JsonObject *obj = json_object_new ();
  JsonObject *responder = responder_json (p->responder_type, p->responder_id);
  JsonArray *flattened = json_array_new ();
  SbTeam *team = g_str_equal (p->responder_type, "team") ? sb_data_find_team (site, p->responder_id) : NULL;

  set_iso_us (obj, "startDate", p->start);
  set_iso_us (obj, "endDate", p->end);
  json_object_set_string_member (obj, "type", p->type);
  json_object_set_boolean_member (responder, "deleted", FALSE);
  json_object_set_object_member (obj, "responder", responder);
  if (g_str_equal (p->responder_type, "user"))
    json_array_add_object_element (flattened, responder_json ("user", p->responder_id));
  for (guint i = 0; team && i < team->member_ids->len; i++)
    json_array_add_object_element (flattened, responder_json ("user", g_ptr_array_index (team->member_ids, i)));
  json_object_set_array_member (obj, "flattenedResponders", flattened);
  if (p->from_id != NULL)
    json_object_set_object_member (obj, "from", responder_json ("user", p->from_id));
  return obj;
}

/* {"rotations":[{id,name,order,deleted,periods}]}, periods filtered by type (NULL = all). */
static JsonObject *
timeline_json (SbSite     *site,
               SbSchedule *s,
               gint64      start,
               gint64      end,
               gboolean    final,
               const char *only_type)
{
  JsonObject *obj = json_object_new ();
  JsonArray *rotations = json_array_new ();

  for (guint i = 0; i < s->rotations->len; i++)
    {
      SbRotation *r = g_ptr_array_index (s->rotations, i);
      g_autoptr(GArray) periods = sb_timeline_rotation (site, s, r, start, end, final);
      JsonObject *rot = json_object_new ();
      JsonArray *list = json_array_new ();

      for (guint j = 0; j < periods->len; j++)
        {
          SbPeriod *p = &g_array_index (periods, SbPeriod, j);

          if (only_type == NULL || g_str_equal (p->type, only_type))
            json_array_add_object_element (list, period_json (site, p));
        }
      json_object_set_string_member (rot, "id", r->id);
      json_object_set_string_member (rot, "name", r->name);
      json_object_set_int_member (rot, "order", r->order);
      json_object_set_boolean_member (rot, "deleted", FALSE);
      json_object_set_array_member (rot, "periods", list);
      json_array_add_object_element (rotations, rot);
    }
  json_object_set_array_member (obj, "rotations", rotations);
  return obj;
}

static gboolean
wants (GHashTable *q,
       const char *name)
{
  GPtrArray *expand = sb_query_get_all (q, "expand");

  for (guint i = 0; expand && i < expand->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (expand, i), ",", -1);

      if (g_strv_contains ((const char * const *) parts, name))
        return TRUE;
    }
  return FALSE;
}

static void
respond_timeline (SoupServerMessage *msg,
                  SbSite            *site,
                  SbSchedule        *s)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *expands = json_array_new ();
  gint64 start, end;

  if (!timeline_range (msg, q, s, &start, &end))
    {
      json_array_unref (expands);
      return;
    }
  set_iso_us (reply, "startDate", start);
  set_iso_us (reply, "endDate", end);
  json_object_set_object_member (reply, "_parent", schedule_json (s, FALSE));
  json_object_set_object_member (reply, "finalTimeline", timeline_json (site, s, start, end, TRUE, NULL));
  if (wants (q, "base"))
    json_object_set_object_member (reply, "baseTimeline", timeline_json (site, s, start, end, FALSE, NULL));
  if (wants (q, "override"))
    json_object_set_object_member (reply, "overrideTimeline", timeline_json (site, s, start, end, TRUE, "override"));
  if (wants (q, "forwarding"))
    json_object_set_object_member (reply, "forwardingTimeline", timeline_json (site, s, start, end, TRUE, "forwarding"));
  json_array_add_string_element (expands, "base");
  json_array_add_string_element (expands, "forwarding");
  json_array_add_string_element (expands, "override");
  json_object_set_array_member (reply, "_expands", expands);
  sb_respond_object (msg, SOUP_STATUS_OK, reply);
}

/* ---- rotations and overrides ---------------------------------------------- */

static void
respond_rotations (SoupServerMessage *msg,
                   SbSchedule        *s,
                   const char        *rotation_id)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *base = g_strdup_printf ("/v1/schedules/%s/rotations", s->id);
  gint64 offset, size;

  for (guint i = 0; i < s->rotations->len; i++)
    {
      SbRotation *r = g_ptr_array_index (s->rotations, i);

      if (rotation_id == NULL)
        g_ptr_array_add (items, rotation_json (r));
      else if (g_str_equal (r->id, rotation_id))
        {
          g_autoptr(JsonObject) obj = rotation_json (r);

          sb_respond_object (msg, SOUP_STATUS_OK, obj);
          return;
        }
    }
  if (rotation_id != NULL)
    sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "Rotation not found", "NOT_FOUND");
  else if (page_params (msg, q, 50, 25, &offset, &size))
    respond_page (msg, items, offset, size, base, NULL);
}

static void
respond_overrides (SoupServerMessage *msg,
                   SbSchedule        *s,
                   const char        *alias)
{
  g_autoptr(GHashTable) q = sb_request_query (msg);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *base = g_strdup_printf ("/v1/schedules/%s/overrides", s->id);
  gint64 offset, size, now = sb_now_us ();

  for (guint i = 0; i < s->overrides->len; i++)
    {
      SbOverride *o = g_ptr_array_index (s->overrides, i);

      if (alias != NULL && g_str_equal (o->alias, alias))
        {
          g_autoptr(JsonObject) obj = override_json (o);

          sb_respond_object (msg, SOUP_STATUS_OK, obj);
          return;
        }
      /* The list holds ongoing and future overrides only. */
      if (alias == NULL && sb_dt_to_us (o->end) > now)
        g_ptr_array_add (items, override_json (o));
    }
  if (alias != NULL)
    sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "Override not found", "NOT_FOUND");
  else if (page_params (msg, q, 50, 25, &offset, &size))
    respond_page (msg, items, offset, size, base, NULL);
}

static void
handle_schedule (SoupServerMessage *msg,
                 SbSite            *site,
                 const char        *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", 3);
  SbSchedule *s = sb_data_find_schedule (site, parts[0]);
  const char *sub = parts[1];

  if (s == NULL || g_strcmp0 (s->id, parts[0]) != 0)
    sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "Schedule not found", "NOT_FOUND");
  else if (sub == NULL)
    {
      g_autoptr(JsonObject) obj = schedule_json (s, TRUE);

      sb_respond_object (msg, SOUP_STATUS_OK, obj);
    }
  else if (g_str_equal (sub, "on-calls") && parts[2] == NULL)
    respond_on_calls (msg, site, s, FALSE);
  else if (g_str_equal (sub, "next-on-calls") && parts[2] == NULL)
    respond_on_calls (msg, site, s, TRUE);
  else if (g_str_equal (sub, "timeline") && parts[2] == NULL)
    respond_timeline (msg, site, s);
  else if (g_str_equal (sub, "rotations"))
    respond_rotations (msg, s, parts[2]);
  else if (g_str_equal (sub, "overrides"))
    respond_overrides (msg, s, parts[2]);
  else
    sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "Not found", "NOT_FOUND");
}

/* ---- teams -------------------------------------------------------------- */

static void
list_teams (SoupServerMessage *msg,
            SbSite            *site)
{
  g_autoptr(JsonObject) reply = json_object_new ();
  JsonArray *teams = json_array_new ();

  for (guint i = 0; i < site->teams->len; i++)
    {
      SbTeam *team = g_ptr_array_index (site->teams, i);
      JsonObject *obj = json_object_new ();

      json_object_set_string_member (obj, "teamId", team->id);
      json_object_set_string_member (obj, "teamName", team->name);
      json_array_add_object_element (teams, obj);
    }
  json_object_set_array_member (reply, "platformTeams", teams);
  sb_respond_object (msg, SOUP_STATUS_OK, reply);
}

static void
handle_team (SoupServerMessage *msg,
             SbSite            *site,
             const char        *path)
{
  g_auto(GStrv) parts = g_strsplit (path, "/", 3);
  SbTeam *team = sb_data_find_team (site, parts[0]);
  g_autoptr(GHashTable) q = sb_request_query (msg);
  g_autofree char *base = NULL;
  gint64 offset, size;

  if (team == NULL)
    {
      sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "Team not found", "NOT_FOUND");
      return;
    }
  if (g_strcmp0 (parts[1], "escalations") != 0)
    {
      sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "Not found", "NOT_FOUND");
      return;
    }
  if (parts[2] != NULL)
    {
      for (guint i = 0; i < team->escalations->len; i++)
        if (g_str_equal (json_object_get_string_member (g_ptr_array_index (team->escalations, i), "id"), parts[2]))
          {
            sb_respond_object (msg, SOUP_STATUS_OK, g_ptr_array_index (team->escalations, i));
            return;
          }
      sb_error_generic (msg, SOUP_STATUS_NOT_FOUND, "Escalation not found", "NOT_FOUND");
      return;
    }
  base = g_strdup_printf ("/v1/teams/%s/escalations", team->id);
  if (page_params (msg, q, 100, 20, &offset, &size))
    respond_page (msg, team->escalations, offset, size, base, NULL);
}

/* rest: "schedules[/...]" or "teams[/...]" */
gboolean
sb_schedules_handle (SoupServerMessage *msg,
                     SbSite            *site,
                     const char        *rest)
{
  gboolean schedules = g_str_equal (rest, "schedules") || g_str_has_prefix (rest, "schedules/");
  gboolean teams = g_str_equal (rest, "teams") || g_str_has_prefix (rest, "teams/");

  if (!schedules && !teams)
    return FALSE;
  if (sb_auth_check_bearer (msg, site, config_scopes) == NULL)
    return TRUE;
  if (!g_str_equal (soup_server_message_get_method (msg), "GET"))
    sb_error_generic (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "The sandbox serves reads only here", "METHOD_NOT_ALLOWED");
  else if (g_str_equal (rest, "schedules"))
    list_schedules (msg, site);
  else if (schedules)
    handle_schedule (msg, site, rest + strlen ("schedules/"));
  else if (g_str_equal (rest, "teams"))
    list_teams (msg, site);
  else
    handle_team (msg, site, rest + strlen ("teams/"));
  return TRUE;
}
