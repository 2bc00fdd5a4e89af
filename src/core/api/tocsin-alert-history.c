/* tocsin-alert-history.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-alert-history"

#include "config.h"

#include "tocsin-alert-service.h"
#include "tocsin-alert-history.h"

/* Notes and log lines come from two cursor-paged endpoints; both go into
 * one list sorted newest first, each page merged in where it belongs, so
 * that a list bound to this model only ever gains rows. */

#define PAGE_SIZE 20

typedef enum {
  STREAM_NOTES,
  STREAM_ACTIVITY,
  N_STREAMS
} Stream;

typedef struct
{
  char     *after;      /* cursor of the next page */
  gboolean  has_more;
  gboolean  fetching;
  GError   *error;      /* why its last page failed */
} StreamState;

struct _TocsinAlertHistory
{
  GObject          parent_instance;

  TocsinAlertService *service;
  char            *alert_id;

  GPtrArray       *items;         /* TocsinAlertEntry, newest first */
  GHashTable      *notes;         /* the items that came from the notes endpoint */
  StreamState      streams[N_STREAMS];
  GCancellable    *cancellable;   /* the requests since the last reload */
  GError          *error;         /* the last failure of either */
};

static void tocsin_alert_history_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TocsinAlertHistory, tocsin_alert_history, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      tocsin_alert_history_list_model_init))

enum {
  PROP_0,
  PROP_SERVICE,
  PROP_ALERT_ID,
  PROP_LOADING,
  PROP_ERROR,
  PROP_HAS_MORE_NOTES,
  PROP_HAS_MORE_ACTIVITY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* A request does not keep its history alive: dropping the history cancels
 * what it asked for. */
typedef struct
{
  GWeakRef      self;
  GCancellable *cancellable;
  Stream        stream;
} Request;

static void
request_free (Request *request)
{
  g_weak_ref_clear (&request->self);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Auxiliary methods */

static gboolean
is_loading (TocsinAlertHistory *self)
{
  return self->streams[STREAM_NOTES].fetching || self->streams[STREAM_ACTIVITY].fetching;
}

static GParamSpec *
has_more_pspec (Stream stream)
{
  return properties [stream == STREAM_NOTES ? PROP_HAS_MORE_NOTES : PROP_HAS_MORE_ACTIVITY];
}

/* Newest first; entries without a time go last; equal times keep the order
 * they arrived in. */
static guint
insert_position (TocsinAlertHistory *self,
                 TocsinAlertEntry   *entry)
{
  GDateTime *time = tocsin_alert_entry_get_time (entry);
  guint lo = 0, hi = self->items->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      GDateTime *other = tocsin_alert_entry_get_time (g_ptr_array_index (self->items, mid));
      gboolean before;

      if (time == NULL)
        before = FALSE;
      else if (other == NULL)
        before = TRUE;
      else
        before = g_date_time_compare (time, other) > 0;

      if (before)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

static void
add_entries (TocsinAlertHistory *self,
             Stream              stream,
             GPtrArray          *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      TocsinAlertEntry *entry = g_ptr_array_index (entries, i);
      guint position = insert_position (self, entry);

      g_ptr_array_insert (self->items, position, g_object_ref (entry));
      if (stream == STREAM_NOTES)
        g_hash_table_add (self->notes, entry);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
}

static void
set_error (TocsinAlertHistory *self,
           const GError       *error)
{
  if (self->error == NULL && error == NULL)
    return;

  g_clear_error (&self->error);
  if (error != NULL)
    self->error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_ERROR]);
}

/* Callbacks */

static void
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(TocsinAlertHistory) self = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *next = NULL;
  StreamState     *state;
  gboolean         had_more;

  if (request->stream == STREAM_NOTES)
    entries =
      tocsin_alert_service_get_notes_finish (TOCSIN_ALERT_SERVICE (source), result, &next, &error);
  else
    entries =
      tocsin_alert_service_get_logs_finish (TOCSIN_ALERT_SERVICE (source), result, &next, &error);

  /* A reload since the request started owns the state now. */
  if (g_cancellable_is_cancelled (request->cancellable))
    return;
  self = g_weak_ref_get (&request->self);
  if (self == NULL)
    return;

  state = &self->streams[request->stream];
  had_more = state->has_more;

  g_object_freeze_notify (G_OBJECT (self));

  state->fetching = FALSE;
  if (entries != NULL)
    {
      add_entries (self, request->stream, entries);
      g_free (state->after);
      state->after = g_steal_pointer (&next);
      state->has_more = state->after != NULL;
    }
  else
    {
      state->has_more = FALSE;
      g_clear_error (&state->error);
      state->error = g_error_copy (error);
      set_error (self, error);
    }

  if (had_more != state->has_more)
    g_object_notify_by_pspec (G_OBJECT (self), has_more_pspec (request->stream));
  if (!is_loading (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Starts fetching the next page of @stream unless it is under way. */
static void
fetch (TocsinAlertHistory *self,
       Stream              stream)
{
  StreamState *state = &self->streams[stream];
  Request *request;

  g_assert (TOCSIN_IS_ALERT_HISTORY (self));
  g_assert (self->cancellable != NULL);

  if (state->fetching)
    return;

  state->fetching = TRUE;
  request = g_new0 (Request, 1);
  g_weak_ref_init (&request->self, self);
  request->cancellable = g_object_ref (self->cancellable);
  request->stream = stream;

  if (stream == STREAM_NOTES)
    tocsin_alert_service_get_notes_async (self->service, self->alert_id, state->after, PAGE_SIZE,
                                          self->cancellable, on_page_cb, request);
  else
    tocsin_alert_service_get_logs_async (self->service, self->alert_id, state->after, PAGE_SIZE,
                                         self->cancellable, on_page_cb, request);
}

/* Starts fetching the next page of @stream, notifying "loading" when it
 * starts the loading. */
static void
fetch_more (TocsinAlertHistory *self,
            Stream              stream)
{
  gboolean was_loading = is_loading (self);

  fetch (self, stream);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);
}

/* GListModel */

static GType
tocsin_alert_history_get_item_type (GListModel *model)
{
  return TOCSIN_TYPE_ALERT_ENTRY;
}

static guint
tocsin_alert_history_get_n_items (GListModel *model)
{
  return TOCSIN_ALERT_HISTORY (model)->items->len;
}

static gpointer
tocsin_alert_history_get_item (GListModel *model,
                               guint       position)
{
  TocsinAlertHistory *self = TOCSIN_ALERT_HISTORY (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
tocsin_alert_history_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = tocsin_alert_history_get_item_type;
  iface->get_n_items = tocsin_alert_history_get_n_items;
  iface->get_item = tocsin_alert_history_get_item;
}

/* GObject overrides */

static void
tocsin_alert_history_dispose (GObject *object)
{
  TocsinAlertHistory *self = (TocsinAlertHistory *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (tocsin_alert_history_parent_class)->dispose (object);
}

static void
tocsin_alert_history_finalize (GObject *object)
{
  TocsinAlertHistory *self = (TocsinAlertHistory *)object;

  g_free (self->alert_id);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->notes);
  for (guint i = 0; i < N_STREAMS; i++)
    {
      g_free (self->streams[i].after);
      g_clear_error (&self->streams[i].error);
    }
  g_clear_error (&self->error);

  G_OBJECT_CLASS (tocsin_alert_history_parent_class)->finalize (object);
}

static void
tocsin_alert_history_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  TocsinAlertHistory *self = TOCSIN_ALERT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    case PROP_ALERT_ID:
      g_value_set_string (value, self->alert_id);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, is_loading (self));
      break;
    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;
    case PROP_HAS_MORE_NOTES:
      g_value_set_boolean (value, self->streams[STREAM_NOTES].has_more);
      break;
    case PROP_HAS_MORE_ACTIVITY:
      g_value_set_boolean (value, self->streams[STREAM_ACTIVITY].has_more);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_history_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  TocsinAlertHistory *self = TOCSIN_ALERT_HISTORY (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    case PROP_ALERT_ID:
      self->alert_id = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_alert_history_class_init (TocsinAlertHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_alert_history_dispose;
  object_class->finalize = tocsin_alert_history_finalize;
  object_class->get_property = tocsin_alert_history_get_property;
  object_class->set_property = tocsin_alert_history_set_property;

  properties [PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, TOCSIN_TYPE_ALERT_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ALERT_ID] =
    g_param_spec_string ("alert-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_HAS_MORE_NOTES] =
    g_param_spec_boolean ("has-more-notes", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties [PROP_HAS_MORE_ACTIVITY] =
    g_param_spec_boolean ("has-more-activity", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_alert_history_init (TocsinAlertHistory *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->notes = g_hash_table_new (NULL, NULL);
}

/* Public API */

/**
 * tocsin_alert_history_new:
 * @service: the alert calls of the alert's site
 * @alert_id: the alert whose notes and activity to load
 *
 * Returns: (transfer full): an empty history; tocsin_alert_history_reload() loads it
 */
TocsinAlertHistory *
tocsin_alert_history_new (TocsinAlertService *service,
                          const char         *alert_id)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_SERVICE (service), NULL);
  g_return_val_if_fail (alert_id != NULL, NULL);

  return g_object_new (TOCSIN_TYPE_ALERT_HISTORY, "service", service, "alert-id", alert_id, NULL);
}

TocsinAlertService *
tocsin_alert_history_get_service (TocsinAlertHistory *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_HISTORY (self), NULL);
  return self->service;
}

const char *
tocsin_alert_history_get_alert_id (TocsinAlertHistory *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_HISTORY (self), NULL);
  return self->alert_id;
}

gboolean
tocsin_alert_history_get_loading (TocsinAlertHistory *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_HISTORY (self), FALSE);
  return is_loading (self);
}

/* Returns: (nullable): why the last page of notes or activity failed to
 * load since the last reload */
const GError *
tocsin_alert_history_get_error (TocsinAlertHistory *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_HISTORY (self), NULL);
  return self->error;
}

/* Returns: (nullable): why a page of the notes failed since the last
 * reload; changes with #TocsinAlertHistory:error */
const GError *
tocsin_alert_history_get_notes_error (TocsinAlertHistory *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_HISTORY (self), NULL);
  return self->streams[STREAM_NOTES].error;
}

/* Returns: (nullable): the same for the activity log */
const GError *
tocsin_alert_history_get_activity_error (TocsinAlertHistory *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_HISTORY (self), NULL);
  return self->streams[STREAM_ACTIVITY].error;
}

gboolean
tocsin_alert_history_get_has_more_notes (TocsinAlertHistory *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_HISTORY (self), FALSE);
  return self->streams[STREAM_NOTES].has_more;
}

gboolean
tocsin_alert_history_get_has_more_activity (TocsinAlertHistory *self)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_HISTORY (self), FALSE);
  return self->streams[STREAM_ACTIVITY].has_more;
}

/* Whether @entry is one of the history's notes rather than a log line
 * (a log line's kind is whatever logType the server sent). */
gboolean
tocsin_alert_history_is_note (TocsinAlertHistory *self,
                              TocsinAlertEntry   *entry)
{
  g_return_val_if_fail (TOCSIN_IS_ALERT_HISTORY (self), FALSE);
  g_return_val_if_fail (TOCSIN_IS_ALERT_ENTRY (entry), FALSE);
  return g_hash_table_contains (self->notes, entry);
}

/**
 * tocsin_alert_history_reload:
 *
 * Drops what is loaded and any request under way, and loads the first page
 * of the notes and of the activity again.
 */
void
tocsin_alert_history_reload (TocsinAlertHistory *self)
{
  gboolean was_loading;
  guint n_old;

  g_return_if_fail (TOCSIN_IS_ALERT_HISTORY (self));

  was_loading = is_loading (self);

  g_object_freeze_notify (G_OBJECT (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  n_old = self->items->len;
  g_hash_table_remove_all (self->notes);
  g_ptr_array_set_size (self->items, 0);
  if (n_old > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, 0);

  set_error (self, NULL);
  for (guint i = 0; i < N_STREAMS; i++)
    {
      StreamState *state = &self->streams[i];

      g_clear_pointer (&state->after, g_free);
      g_clear_error (&state->error);
      if (state->has_more)
        {
          state->has_more = FALSE;
          g_object_notify_by_pspec (G_OBJECT (self), has_more_pspec (i));
        }
      /* What is under way was cancelled above. */
      state->fetching = FALSE;
    }

  fetch (self, STREAM_NOTES);
  fetch (self, STREAM_ACTIVITY);
  if (!was_loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LOADING]);

  g_object_thaw_notify (G_OBJECT (self));
}

void
tocsin_alert_history_load_more_notes (TocsinAlertHistory *self)
{
  g_return_if_fail (TOCSIN_IS_ALERT_HISTORY (self));

  if (self->cancellable != NULL && self->streams[STREAM_NOTES].has_more)
    fetch_more (self, STREAM_NOTES);
}

void
tocsin_alert_history_load_more_activity (TocsinAlertHistory *self)
{
  g_return_if_fail (TOCSIN_IS_ALERT_HISTORY (self));

  if (self->cancellable != NULL && self->streams[STREAM_ACTIVITY].has_more)
    fetch_more (self, STREAM_ACTIVITY);
}
