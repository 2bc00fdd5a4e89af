/* tocsin-ops-paging.c: offset and cursor paging over JSM Ops lists
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tocsin_ops_client_list_all_async() follows links.next page by page on top
 * of the client's single request (retries, token refresh, worker-thread
 * parse), within the API's offset window.
 */

#define G_LOG_DOMAIN "tocsin-ops-client"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tocsin-api-error.h"
#include "tocsin-json-utf8.h"
#include "tocsin-ops-client-private.h"

typedef struct
{
  char               *path;
  GStrv               query;       /* key, value, ... without paging keys */
  guint               page_size;
  guint               max_items;
  TocsinOpsValueFunc  value_func;
  gpointer            value_func_data;
  GDestroyNotify      item_free;
  GPtrArray          *items;
  gint64              total;
  gboolean            truncated;
  guint               offset;
  guint               size;
  char               *after;
} ListAll;

typedef struct
{
  GPtrArray  *items;
  guint       n_values;
  gint64      count;
  GHashTable *next;
  gboolean    has_next;
} Page;

static void
list_all_free (ListAll *state)
{
  g_free (state->path);
  g_strfreev (state->query);
  g_clear_pointer (&state->items, g_ptr_array_unref);
  g_free (state->after);
  g_free (state);
}

static void
page_free (Page *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->next, g_hash_table_unref);
  g_free (page);
}

static gpointer
parse_page (JsonNode  *root,
            gpointer   data,
            GError   **error)
{
  ListAll *state = data;
  JsonObject *object;
  JsonNode *values;
  JsonNode *count;
  JsonNode *links;
  JsonArray *array;
  g_autofree char *next = NULL;
  Page *page;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (values = json_object_get_member (json_node_get_object (root), "values")) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (values))
    {
      g_set_error_literal (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED,
                           _("The server sent a list in a form Tocsin does not understand."));
      return NULL;
    }

  object = json_node_get_object (root);
  array = json_node_get_array (values);
  page = g_new0 (Page, 1);
  page->items = g_ptr_array_new_with_free_func (state->item_free);
  page->n_values = json_array_get_length (array);
  page->count = -1;

  for (guint i = 0; i < page->n_values; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (state->value_func != NULL)
        {
          gpointer item = state->value_func (element, state->value_func_data);

          if (item != NULL)
            g_ptr_array_add (page->items, item);
        }
      else
        g_ptr_array_add (page->items, json_node_ref (element));
    }

  count = json_object_get_member (object, "count");
  if (count != NULL && JSON_NODE_HOLDS_VALUE (count) &&
      (json_node_get_value_type (count) == G_TYPE_INT64 || json_node_get_value_type (count) == G_TYPE_DOUBLE))
    /* Clamped: casting an out-of-range double is undefined. */
    page->count = json_node_get_value_type (count) == G_TYPE_INT64 ? json_node_get_int (count)
                                                                    : (gint64) CLAMP (json_node_get_double (count), -1, 1e15);

  links = json_object_get_member (object, "links");
  if (links != NULL && JSON_NODE_HOLDS_OBJECT (links))
    next = tocsin_json_dup_string (json_node_get_object (links), "next");
  if (next != NULL && *next != '\0')
    {
      page->has_next = TRUE;
      page->next = tocsin_ops_parse_next_link (next);
    }

  return page;
}

static void list_all_fetch (GTask *task);

static void
list_all_page_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListAll *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  Page *page;
  const char *value;
  guint64 next_offset;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < page->items->len; i++)
    g_ptr_array_add (state->items, g_steal_pointer (&g_ptr_array_index (page->items, i)));
  g_ptr_array_set_free_func (page->items, NULL);
  if (page->count >= 0)
    state->total = page->count;

  if (state->max_items > 0 && state->items->len >= state->max_items)
    {
      if (state->items->len > state->max_items)
        g_ptr_array_remove_range (state->items, state->max_items, state->items->len - state->max_items);
      state->truncated = page->has_next || state->total > (gint64) state->items->len;
      goto done;
    }

  if (!page->has_next || page->n_values == 0)
    goto done;

  g_clear_pointer (&state->after, g_free);
  if (page->next != NULL && (value = g_hash_table_lookup (page->next, "after")) != NULL && *value != '\0')
    {
      /* Cursor paging (notes, logs). */
      state->after = g_strdup (value);
      list_all_fetch (g_steal_pointer (&task));
      page_free (page);
      return;
    }

  if (page->next == NULL || (value = g_hash_table_lookup (page->next, "offset")) == NULL ||
      !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &next_offset, NULL) ||
      next_offset <= state->offset)
    next_offset = (guint64) state->offset + page->n_values;

  /* The next page needs offset + size < the window with size >= 1. */
  if (next_offset + 1 >= TOCSIN_OPS_MAX_WINDOW)
    {
      state->truncated = TRUE;
      goto done;
    }
  state->offset = (guint) next_offset;
  state->size = MIN (state->page_size, TOCSIN_OPS_MAX_WINDOW - 1 - state->offset);
  page_free (page);
  list_all_fetch (g_steal_pointer (&task));
  return;

done:
  page_free (page);
  if (state->total < 0)
    state->total = state->items->len;
  if (state->total > (gint64) state->items->len && state->max_items == 0 &&
      (gint64) state->offset + state->size + 1 >= TOCSIN_OPS_MAX_WINDOW)
    state->truncated = TRUE;
  g_task_return_pointer (task, g_steal_pointer (&state->items), (GDestroyNotify) g_ptr_array_unref);
}

static void
list_all_fetch (GTask *task)
{
  ListAll *state = g_task_get_task_data (task);
  TocsinOpsClient *self = g_task_get_source_object (task);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) query = NULL;
  g_autofree char *offset = g_strdup_printf ("%u", state->offset);
  g_autofree char *size = g_strdup_printf ("%u", state->size);

  if (state->query != NULL)
    g_strv_builder_addv (builder, (const char **) state->query);
  if (state->after != NULL)
    {
      g_strv_builder_add (builder, "after");
      g_strv_builder_add (builder, state->after);
    }
  else
    {
      g_strv_builder_add (builder, "offset");
      g_strv_builder_add (builder, offset);
    }
  g_strv_builder_add (builder, "size");
  g_strv_builder_add (builder, size);
  query = g_strv_builder_end (builder);

  _tocsin_ops_client_request_start (self, "GET",
                                    tocsin_ops_client_build_url (self, FALSE, state->path,
                                                                 (const char * const *) query),
                                    NULL, parse_page, state, (GDestroyNotify) page_free, list_all_fetch,
                                    g_task_get_cancellable (task), list_all_page_cb, task);
}

void
tocsin_ops_client_list_all_async (TocsinOpsClient     *self,
                                  const char          *path,
                                  const char * const  *query,
                                  guint                page_size,
                                  guint                max_items,
                                  TocsinOpsValueFunc   value_func,
                                  gpointer             value_func_data,
                                  GDestroyNotify       item_free,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListAll *state;

  g_return_if_fail (TOCSIN_IS_OPS_CLIENT (self));
  g_return_if_fail (path != NULL && path[0] == '/');
  g_return_if_fail (page_size >= 1 && page_size <= 100);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  state = g_new0 (ListAll, 1);
  state->path = g_strdup (path);
  if (query != NULL)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      /* Paging keys are ours to set. */
      for (guint i = 0; query[i] != NULL && query[i + 1] != NULL; i += 2)
        if (g_strcmp0 (query[i], "offset") != 0 && g_strcmp0 (query[i], "size") != 0 &&
            g_strcmp0 (query[i], "after") != 0)
          {
            g_strv_builder_add (builder, query[i]);
            g_strv_builder_add (builder, query[i + 1]);
          }
      state->query = g_strv_builder_end (builder);
    }
  state->page_size = page_size;
  state->max_items = max_items;
  state->value_func = value_func;
  state->value_func_data = value_func_data;
  state->item_free = value_func != NULL ? item_free : (GDestroyNotify) json_node_unref;
  state->items = g_ptr_array_new_with_free_func (state->item_free);
  state->total = -1;
  state->size = page_size;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_ops_client_list_all_async);
  g_task_set_task_data (task, state, (GDestroyNotify) list_all_free);
  list_all_fetch (g_steal_pointer (&task));
}

GPtrArray *
tocsin_ops_client_list_all_finish (TocsinOpsClient  *self,
                                   GAsyncResult     *result,
                                   gint64           *total,
                                   gboolean         *truncated,
                                   GError          **error)
{
  ListAll *state;
  GPtrArray *items;

  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tocsin_ops_client_list_all_async, NULL);

  items = g_task_propagate_pointer (G_TASK (result), error);
  state = g_task_get_task_data (G_TASK (result));
  if (total != NULL)
    *total = items != NULL ? state->total : 0;
  if (truncated != NULL)
    *truncated = items != NULL ? state->truncated : FALSE;
  return items;
}

/* Public API */

GHashTable *
tocsin_ops_parse_next_link (const char *next)
{
  g_autoptr(GHashTable) params = NULL;
  const char *q;

  if (next == NULL || *next == '\0')
    return NULL;

  /* Only the query matters: the absolute and relative forms differ in what
   * comes before it, and the path we ask for is ours anyway. */
  q = strchr (next, '?');
  if (q == NULL)
    return NULL;
  q++;
  {
    const char *end = strchr (q, '#');
    g_autofree char *query = end != NULL ? g_strndup (q, end - q) : g_strdup (q);

    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  }
  if (params == NULL || g_hash_table_size (params) == 0)
    return NULL;

  return g_steal_pointer (&params);
}
