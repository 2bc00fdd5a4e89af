/* tocsin-cache.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-cache"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "tocsin-alert-parser.h"
#include "tocsin-cache.h"
#include "tocsin-json-utf8.h"
#include "tocsin-schedule-parser.h"

/* The alerts are written in the API's own list shape ({"values":[...]}),
 * so the parser that reads the server's answers (fuzzed, tolerant) reads
 * them back; "version", "site" and "query" say what they are. The schedules
 * likewise: each the API's schedule object, with the three answers fetched
 * for it (who is on call now, next, and its timeline) in their own shapes. */

#define ALERTS_FILE    "alerts.json"
#define SCHEDULES_FILE "schedules.json"

struct _TocsinCache
{
  GObject  parent_instance;

  char    *path;
  /* Checksums of what was written last: an idle poll rewrites nothing. */
  char    *alerts_written;
  char    *schedules_written;
};

typedef struct
{
  char   *name;
  GBytes *bytes;
} WriteData;

G_DEFINE_FINAL_TYPE (TocsinCache, tocsin_cache, G_TYPE_OBJECT)

/* Auxiliary methods */

/* The account id names the directory when it is a plain name (Atlassian's
 * are), else its hash does, so no id can point outside the cache. */
static char *
account_dir_name (const char *account_id)
{
  g_autofree char *digest = NULL;

  if (account_id [0] != '.' &&
      strspn (account_id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789:_.-") ==
        strlen (account_id))
    return g_strdup (account_id);

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, account_id, -1);
  digest [32] = '\0';
  return g_strdup_printf ("account-%s", digest);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = NULL;

  if (value == NULL)
    return;
  text = g_date_time_format_iso8601 (value);
  add_string (builder, name, text);
}

static void
add_alert (JsonBuilder *builder,
           TocsinAlert *alert)
{
  const char * const *tags = tocsin_alert_get_tags (alert);
  GVariant *responders = tocsin_alert_get_responders (alert);
  GVariant *extra = tocsin_alert_get_extra_properties (alert);
  g_autofree char *priority = NULL;

  json_builder_begin_object (builder);
  add_string (builder, "id", tocsin_alert_get_id (alert));
  add_string (builder, "tinyId", tocsin_alert_get_tiny_id (alert));
  add_string (builder, "alias", tocsin_alert_get_alias (alert));
  add_string (builder, "message", tocsin_alert_get_message (alert));
  add_string (builder, "description", tocsin_alert_get_description (alert));
  add_string (builder, "status", tocsin_alert_get_status (alert));
  json_builder_set_member_name (builder, "acknowledged");
  json_builder_add_boolean_value (builder, tocsin_alert_get_acknowledged (alert));
  json_builder_set_member_name (builder, "snoozed");
  json_builder_add_boolean_value (builder, tocsin_alert_get_snoozed (alert));
  add_date (builder, "snoozedUntil", tocsin_alert_get_snoozed_until (alert));
  json_builder_set_member_name (builder, "seen");
  json_builder_add_boolean_value (builder, tocsin_alert_get_seen (alert));
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, tocsin_alert_get_count (alert));
  if (tocsin_alert_get_priority (alert) > 0)
    {
      priority = g_strdup_printf ("P%d", tocsin_alert_get_priority (alert));
      add_string (builder, "priority", priority);
    }
  add_string (builder, "owner", tocsin_alert_get_owner (alert));
  json_builder_set_member_name (builder, "tags");
  json_builder_begin_array (builder);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    json_builder_add_string_value (builder, tags[i]);
  json_builder_end_array (builder);
  if (responders != NULL)
    {
      GVariantIter iter;
      const char *type, *id;

      json_builder_set_member_name (builder, "responders");
      json_builder_begin_array (builder);
      g_variant_iter_init (&iter, responders);
      while (g_variant_iter_next (&iter, "(&s&s)", &type, &id))
        {
          json_builder_begin_object (builder);
          add_string (builder, "type", type);
          add_string (builder, "id", id);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  if (extra != NULL)
    {
      GVariantIter iter;
      const char *key, *value;

      json_builder_set_member_name (builder, "extraProperties");
      json_builder_begin_object (builder);
      g_variant_iter_init (&iter, extra);
      while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
        add_string (builder, key, value);
      json_builder_end_object (builder);
    }
  add_string (builder, "source", tocsin_alert_get_source (alert));
  add_string (builder, "entity", tocsin_alert_get_entity (alert));
  add_date (builder, "createdAt", tocsin_alert_get_created_at (alert));
  add_date (builder, "updatedAt", tocsin_alert_get_updated_at (alert));
  add_date (builder, "lastOccurredAt", tocsin_alert_get_last_occurred_at (alert));
  json_builder_end_object (builder);
}

static char *
alerts_to_json (const char *site_id,
                const char *query,
                GListModel *alerts,
                gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = MIN (g_list_model_get_n_items (alerts), TOCSIN_CACHE_MAX_ALERTS);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, TOCSIN_CACHE_VERSION);
  add_string (builder, "site", site_id);
  add_string (builder, "query", query);
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TocsinAlert) alert = g_list_model_get_item (alerts, i);

      add_alert (builder, alert);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

static void add_participants (JsonBuilder *builder,
                              const char  *name,
                              GListModel  *participants);

static void
add_participant (JsonBuilder       *builder,
                 TocsinParticipant *participant)
{
  TocsinParticipant *from = tocsin_participant_get_forwarded_from (participant);
  GListModel *children = tocsin_participant_get_participants (participant);

  json_builder_begin_object (builder);
  add_string (builder, "id", tocsin_participant_get_id (participant));
  add_string (builder, "type", tocsin_participant_get_kind (participant));
  add_string (builder, "name", tocsin_participant_get_name (participant));
  if (from != NULL)
    {
      json_builder_set_member_name (builder, "forwardedFrom");
      add_participant (builder, from);
    }
  if (g_list_model_get_n_items (children) > 0)
    add_participants (builder, "onCallParticipants", children);
  json_builder_end_object (builder);
}

static void
add_participants (JsonBuilder *builder,
                  const char  *name,
                  GListModel  *participants)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (participants); i++)
    {
      g_autoptr(TocsinParticipant) participant = g_list_model_get_item (participants, i);

      add_participant (builder, participant);
    }
  json_builder_end_array (builder);
}

/* @answer: the member of the schedule that holds the answer, @member the
 * answer's own member for the list */
static void
add_on_calls (JsonBuilder *builder,
              const char  *answer,
              const char  *member,
              GListModel  *participants)
{
  json_builder_set_member_name (builder, answer);
  json_builder_begin_object (builder);
  add_participants (builder, member, participants);
  json_builder_end_object (builder);
}

/* Each (merged) shift as a rotation of one period: merging them again when
 * they are read changes nothing. */
static void
add_shift (JsonBuilder *builder,
           TocsinShift *shift)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (TOCSIN_TYPE_SHIFT_KIND);
  GEnumValue *kind = g_enum_get_value (kinds, tocsin_shift_get_kind (shift));

  json_builder_begin_object (builder);
  add_string (builder, "id", tocsin_shift_get_rotation_id (shift));
  add_string (builder, "name", tocsin_shift_get_rotation_name (shift));
  json_builder_set_member_name (builder, "periods");
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  add_date (builder, "startDate", tocsin_shift_get_start (shift));
  add_date (builder, "endDate", tocsin_shift_get_end (shift));
  add_string (builder, "type", kind != NULL ? kind->value_nick : NULL);
  json_builder_set_member_name (builder, "responder");
  add_participant (builder, tocsin_shift_get_responder (shift));
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_schedule (JsonBuilder    *builder,
              TocsinSchedule *schedule)
{
  GListModel *shifts = tocsin_schedule_get_shifts (schedule);

  json_builder_begin_object (builder);
  add_string (builder, "id", tocsin_schedule_get_id (schedule));
  add_string (builder, "name", tocsin_schedule_get_name (schedule));
  add_string (builder, "description", tocsin_schedule_get_description (schedule));
  add_string (builder, "timezone", tocsin_schedule_get_timezone (schedule));
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, tocsin_schedule_get_enabled (schedule));
  add_string (builder, "teamId", tocsin_schedule_get_team_id (schedule));
  add_string (builder, "teamName", tocsin_schedule_get_team_name (schedule));
  add_string (builder, "error", tocsin_schedule_get_error (schedule));
  add_on_calls (builder, "onCall", "onCallParticipants",
                tocsin_schedule_get_on_call_now (schedule));
  add_on_calls (builder, "nextOnCall", "nextOnCallParticipants",
                tocsin_schedule_get_on_call_next (schedule));
  json_builder_set_member_name (builder, "timeline");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "finalTimeline");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "rotations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (shifts); i++)
    {
      g_autoptr(TocsinShift) shift = g_list_model_get_item (shifts, i);

      add_shift (builder, shift);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static char *
schedules_to_json (const char *site_id,
                   GListModel *schedules,
                   gboolean    names_available,
                   gsize      *length)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, TOCSIN_CACHE_SCHEDULES_VERSION);
  add_string (builder, "site", site_id);
  json_builder_set_member_name (builder, "namesAvailable");
  json_builder_add_boolean_value (builder, names_available);
  json_builder_set_member_name (builder, "values");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (schedules); i++)
    {
      g_autoptr(TocsinSchedule) schedule = g_list_model_get_item (schedules, i);

      add_schedule (builder, schedule);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}

/* The participants of one answer; none when it is missing or damaged. */
static GPtrArray *
load_on_calls (JsonObject *schedule,
               const char *answer)
{
  GPtrArray *participants =
    tocsin_schedule_parse_on_calls (json_object_get_member (schedule, answer), NULL);

  return participants != NULL ? participants : g_ptr_array_new_with_free_func (g_object_unref);
}

static TocsinSchedule *
load_schedule (JsonNode  *node,
               GDateTime *now)
{
  g_autoptr(TocsinSchedule) schedule = tocsin_schedule_parse_schedule (node);
  g_autoptr(GPtrArray) on_call_now = NULL;
  g_autoptr(GPtrArray) on_call_next = NULL;
  g_autoptr(GPtrArray) shifts = NULL;
  g_autofree char *team_name = NULL;
  g_autofree char *error = NULL;
  JsonObject *object;

  if (schedule == NULL)
    return NULL;

  object = json_node_get_object (node);
  team_name = tocsin_json_dup_string (object, "teamName");
  error = tocsin_json_dup_string (object, "error");
  tocsin_schedule_set_team_name (schedule, team_name);
  tocsin_schedule_set_error (schedule, error);
  on_call_now = load_on_calls (object, "onCall");
  on_call_next = load_on_calls (object, "nextOnCall");
  tocsin_schedule_set_on_call_now (schedule, on_call_now);
  tocsin_schedule_set_on_call_next (schedule, on_call_next);
  shifts = tocsin_schedule_parse_timeline (json_object_get_member (object, "timeline"),
                                           tocsin_schedule_get_id (schedule),
                                           tocsin_schedule_get_name (schedule),
                                           tocsin_schedule_get_timezone (schedule), NULL, NULL);
  if (shifts != NULL)
    tocsin_schedule_set_shifts (schedule, shifts, now);
  return g_steal_pointer (&schedule);
}

/* The root of the file @name when it is of @version and for @site_id (it
 * belongs to @parser), else %NULL. */
static JsonObject *
load_root (TocsinCache *self,
           JsonParser  *parser,
           const char  *name,
           int          version,
           const char  *site_id)
{
  g_autofree char *path = g_build_filename (self->path, name, NULL);
  g_autofree char *data = NULL;
  g_autofree char *site = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonNode   *node;
  JsonNode   *values;
  gsize       length;

  if (!g_file_get_contents (path, &data, &length, &error) ||
      !tocsin_json_load (parser, data, length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Ignoring the cached %s: %s", name, error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  root = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (root == NULL || json_object_get_int_member_with_default (root, "version", 0) != version)
    {
      g_debug ("Ignoring the cached %s: not version %d", name, version);
      return NULL;
    }
  site = tocsin_json_dup_string (root, "site");
  values = json_object_get_member (root, "values");
  if (g_strcmp0 (site, site_id) != 0 || values == NULL || !JSON_NODE_HOLDS_ARRAY (values))
    return NULL;
  return root;
}

static gboolean
ensure_dir (TocsinCache  *self,
            GError      **error)
{
  if (g_mkdir_with_parents (self->path, 0700) != 0 || g_chmod (self->path, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not create %s: %s", self->path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

/* In a worker thread: the data is plain bytes by now. */
static void
write_file_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TocsinCache *self = source_object;
  WriteData *write = task_data;
  g_autofree char *path = g_build_filename (self->path, write->name, NULL);
  GBytes *bytes = write->bytes;
  GError *error = NULL;

  /* Cancelled by a sign-out that deleted the cache meanwhile. */
  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ensure_dir (self, &error) ||
      !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
write_data_free (WriteData *write)
{
  g_free (write->name);
  g_bytes_unref (write->bytes);
  g_free (write);
}

/* Writes @data (taken) to the file @name in a worker, unless it equals what
 * @written says was written last. */
static void
save_file (TocsinCache  *self,
           GTask        *task,
           const char   *name,
           char         *data,
           gsize         length,
           char        **written)
{
  g_autofree char *checksum =
    g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data, length);
  WriteData *write;

  if (g_strcmp0 (checksum, *written) == 0)
    {
      g_free (data);
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_free (*written);
  *written = g_steal_pointer (&checksum);

  write = g_new0 (WriteData, 1);
  write->name = g_strdup (name);
  write->bytes = g_bytes_new_take (data, length);
  g_task_set_task_data (task, write, (GDestroyNotify) write_data_free);
  g_task_run_in_thread (task, write_file_thread);
}

/* GObject overrides */

static void
tocsin_cache_finalize (GObject *object)
{
  TocsinCache *self = (TocsinCache *)object;

  g_free (self->path);
  g_free (self->alerts_written);
  g_free (self->schedules_written);

  G_OBJECT_CLASS (tocsin_cache_parent_class)->finalize (object);
}

static void
tocsin_cache_class_init (TocsinCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = tocsin_cache_finalize;
}

static void
tocsin_cache_init (TocsinCache *self)
{
}

/* Public API */

/**
 * tocsin_cache_new:
 * @account_id: the signed-in account
 *
 * Returns: (transfer full): the cache of @account_id's data
 */
TocsinCache *
tocsin_cache_new (const char *account_id)
{
  TocsinCache *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (account_id != NULL && *account_id != '\0', NULL);

  self = g_object_new (TOCSIN_TYPE_CACHE, NULL);
  name = account_dir_name (account_id);
  self->path = g_build_filename (g_get_user_cache_dir (), "tocsin", name, NULL);
  return self;
}

/* The account's directory (which may not exist yet). */
const char *
tocsin_cache_get_path (TocsinCache *self)
{
  g_return_val_if_fail (TOCSIN_IS_CACHE (self), NULL);

  return self->path;
}

/**
 * tocsin_cache_load_alerts:
 *
 * Returns: (transfer full) (nullable): the alerts saved for @site_id and
 *   @query, in their order; %NULL when there are none, or the file is
 *   damaged, of another version or for another site or query
 */
GPtrArray *
tocsin_cache_load_alerts (TocsinCache *self,
                          const char  *site_id,
                          const char  *query)
{
  g_autofree char *saved_query = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) alerts = NULL;
  JsonObject *root;
  JsonArray  *values;

  g_return_val_if_fail (TOCSIN_IS_CACHE (self), NULL);
  g_return_val_if_fail (site_id != NULL, NULL);

  root = load_root (self, parser, ALERTS_FILE, TOCSIN_CACHE_VERSION, site_id);
  if (root == NULL)
    return NULL;
  saved_query = tocsin_json_dup_string (root, "query");
  if (g_strcmp0 (saved_query, query != NULL ? query : "") != 0)
    return NULL;

  values = json_object_get_array_member (root, "values");
  alerts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      TocsinAlert *alert = tocsin_alert_parse_node (json_array_get_element (values, i));

      if (alert != NULL)
        g_ptr_array_add (alerts, alert);
    }
  return g_steal_pointer (&alerts);
}

/**
 * tocsin_cache_save_alerts_async:
 * @alerts: a #GListModel of #TocsinAlert, of which the first
 *   %TOCSIN_CACHE_MAX_ALERTS are saved
 *
 * Saves @alerts as what @site_id's @query showed. What equals the last
 * save is not written again.
 */
void
tocsin_cache_save_alerts_async (TocsinCache         *self,
                                const char          *site_id,
                                const char          *query,
                                GListModel          *alerts,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char *data;
  gsize length;

  g_return_if_fail (TOCSIN_IS_CACHE (self));
  g_return_if_fail (site_id != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (alerts));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_cache_save_alerts_async);

  /* The alerts are main-thread objects: turned into bytes here. */
  data = alerts_to_json (site_id, query != NULL ? query : "", alerts, &length);
  save_file (self, task, ALERTS_FILE, data, length, &self->alerts_written);
}

/**
 * tocsin_cache_save_finish:
 *
 * Finishes tocsin_cache_save_alerts_async() or
 * tocsin_cache_save_schedules_async().
 */
gboolean
tocsin_cache_save_finish (TocsinCache   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (TOCSIN_IS_CACHE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * tocsin_cache_load_schedules:
 * @now: where the shifts' display window starts
 * @names_available: (out) (optional): whether people's names could be
 *   looked up when they were saved
 *
 * The shifts are in the system's time zone, as the schedule monitor's.
 *
 * Returns: (transfer full) (nullable) (element-type TocsinSchedule): the
 *   schedules saved for @site_id, in their order; %NULL when there are
 *   none, or the file is damaged, of another version or for another site
 */
GPtrArray *
tocsin_cache_load_schedules (TocsinCache *self,
                             const char  *site_id,
                             GDateTime   *now,
                             gboolean    *names_available)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) schedules = NULL;
  JsonObject *root;
  JsonArray  *values;

  g_return_val_if_fail (TOCSIN_IS_CACHE (self), NULL);
  g_return_val_if_fail (site_id != NULL, NULL);
  g_return_val_if_fail (now != NULL, NULL);

  root = load_root (self, parser, SCHEDULES_FILE, TOCSIN_CACHE_SCHEDULES_VERSION, site_id);
  if (root == NULL)
    return NULL;

  values = json_object_get_array_member (root, "values");
  schedules = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (values); i++)
    {
      TocsinSchedule *schedule = load_schedule (json_array_get_element (values, i), now);

      if (schedule != NULL)
        g_ptr_array_add (schedules, schedule);
    }
  if (names_available != NULL)
    *names_available = json_object_get_boolean_member_with_default (root, "namesAvailable", TRUE);
  return g_steal_pointer (&schedules);
}

/**
 * tocsin_cache_save_schedules_async:
 * @schedules: a #GListModel of #TocsinSchedule
 * @names_available: whether people's names could be looked up
 *
 * Saves @schedules, with who is on call and their shifts, as what
 * @site_id's schedules page showed. What equals the last save is not
 * written again.
 */
void
tocsin_cache_save_schedules_async (TocsinCache         *self,
                                   const char          *site_id,
                                   GListModel          *schedules,
                                   gboolean             names_available,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  char *data;
  gsize length;

  g_return_if_fail (TOCSIN_IS_CACHE (self));
  g_return_if_fail (site_id != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (schedules));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_cache_save_schedules_async);

  data = schedules_to_json (site_id, schedules, names_available, &length);
  save_file (self, task, SCHEDULES_FILE, data, length, &self->schedules_written);
}

/**
 * tocsin_cache_delete:
 *
 * Deletes the account's cached files and directory (at sign-out). A cache
 * that does not exist is no error.
 */
gboolean
tocsin_cache_delete (TocsinCache  *self,
                     GError      **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_return_val_if_fail (TOCSIN_IS_CACHE (self), FALSE);

  g_clear_pointer (&self->alerts_written, g_free);
  g_clear_pointer (&self->schedules_written, g_free);
  dir = g_dir_open (self->path, 0, &local_error);
  if (dir == NULL)
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* Only files live here; a leftover temporary file goes too. */
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (self->path, name, NULL);

      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not delete %s: %s", path, g_strerror (saved_errno));
          return FALSE;
        }
    }
  if (g_rmdir (self->path) != 0 && errno != ENOENT)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Could not delete %s: %s", self->path, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}
