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

/* The alerts are written in the API's own list shape ({"values":[...]}),
 * so the parser that reads the server's answers (fuzzed, tolerant) reads
 * them back; "version", "site" and "query" say what they are. */

#define ALERTS_FILE "alerts.json"

struct _TocsinCache
{
  GObject  parent_instance;

  char    *path;
  /* A checksum of what was written last: an idle poll rewrites nothing. */
  char    *alerts_written;
};

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
  GBytes *bytes = task_data;
  g_autofree char *path = g_build_filename (self->path, ALERTS_FILE, NULL);
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

/* GObject overrides */

static void
tocsin_cache_finalize (GObject *object)
{
  TocsinCache *self = (TocsinCache *)object;

  g_free (self->path);
  g_free (self->alerts_written);

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
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autofree char *site = NULL;
  g_autofree char *saved_query = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonNode   *node;
  JsonNode   *values;
  gsize       length;

  g_return_val_if_fail (TOCSIN_IS_CACHE (self), NULL);
  g_return_val_if_fail (site_id != NULL, NULL);

  path = g_build_filename (self->path, ALERTS_FILE, NULL);
  if (!g_file_get_contents (path, &data, &length, &error) ||
      !tocsin_json_load (parser, data, length, &error))
    {
      if (!g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_debug ("Ignoring the cached alerts: %s", error->message);
      return NULL;
    }

  node = json_parser_get_root (parser);
  root = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (root == NULL ||
      json_object_get_int_member_with_default (root, "version", 0) != TOCSIN_CACHE_VERSION)
    {
      g_debug ("Ignoring the cached alerts: not version %d", TOCSIN_CACHE_VERSION);
      return NULL;
    }
  site = tocsin_json_dup_string (root, "site");
  saved_query = tocsin_json_dup_string (root, "query");
  if (g_strcmp0 (site, site_id) != 0 || g_strcmp0 (saved_query, query != NULL ? query : "") != 0)
    return NULL;

  values = json_object_get_member (root, "values");
  if (values == NULL || !JSON_NODE_HOLDS_ARRAY (values))
    return NULL;

  alerts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (values)); i++)
    {
      TocsinAlert *alert =
        tocsin_alert_parse_node (json_array_get_element (json_node_get_array (values), i));

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
  g_autofree char *checksum = NULL;
  char *data;
  gsize length;

  g_return_if_fail (TOCSIN_IS_CACHE (self));
  g_return_if_fail (site_id != NULL);
  g_return_if_fail (G_IS_LIST_MODEL (alerts));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_cache_save_alerts_async);

  /* The alerts are main-thread objects: turned into bytes here. */
  data = alerts_to_json (site_id, query != NULL ? query : "", alerts, &length);
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data, length);
  if (g_strcmp0 (checksum, self->alerts_written) == 0)
    {
      g_free (data);
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_free (self->alerts_written);
  self->alerts_written = g_steal_pointer (&checksum);

  g_task_set_task_data (task, g_bytes_new_take (data, length), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, write_file_thread);
}

gboolean
tocsin_cache_save_alerts_finish (TocsinCache   *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (TOCSIN_IS_CACHE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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
