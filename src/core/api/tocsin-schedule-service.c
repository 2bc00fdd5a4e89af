/* tocsin-schedule-service.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-schedule-service"

#include "config.h"

#include "tocsin-schedule-parser.h"
#include "tocsin-schedule-service.h"

#define DEFAULT_PAGE_SIZE 50
#define MAX_PAGE_SIZE 50
/* Schedules whose details are fetched at the same time (3 requests each). */
#define MAX_PARALLEL 4

struct _TocsinScheduleService
{
  GObject                  parent_instance;

  TocsinOpsClient         *client;
  TocsinScheduleDirectory *directory;
  GTimeZone               *local_zone;
  guint                    page_size;
};

G_DEFINE_FINAL_TYPE (TocsinScheduleService, tocsin_schedule_service, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_DIRECTORY,
  PROP_PAGE_SIZE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Auxiliary methods */

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static char *
schedule_path (const char *schedule_id,
               const char *suffix)
{
  g_autofree char *escaped = g_uri_escape_string (schedule_id, NULL, FALSE);

  return g_strconcat ("/schedules/", escaped, suffix, NULL);
}

static gpointer
parse_schedule_value (JsonNode *value,
                      gpointer  user_data)
{
  return tocsin_schedule_parse_schedule (value);
}

/* GObject overrides */

static void
tocsin_schedule_service_dispose (GObject *object)
{
  TocsinScheduleService *self = (TocsinScheduleService *)object;

  g_clear_object (&self->directory);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (tocsin_schedule_service_parent_class)->dispose (object);
}

static void
tocsin_schedule_service_finalize (GObject *object)
{
  TocsinScheduleService *self = (TocsinScheduleService *)object;

  g_clear_pointer (&self->local_zone, g_time_zone_unref);

  G_OBJECT_CLASS (tocsin_schedule_service_parent_class)->finalize (object);
}

static void
tocsin_schedule_service_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  TocsinScheduleService *self = TOCSIN_SCHEDULE_SERVICE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_DIRECTORY:
      g_value_set_object (value, self->directory);
      break;

    case PROP_PAGE_SIZE:
      g_value_set_uint (value, self->page_size);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_service_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  TocsinScheduleService *self = TOCSIN_SCHEDULE_SERVICE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    case PROP_PAGE_SIZE:
      tocsin_schedule_service_set_page_size (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_service_constructed (GObject *object)
{
  TocsinScheduleService *self = (TocsinScheduleService *)object;

  G_OBJECT_CLASS (tocsin_schedule_service_parent_class)->constructed (object);

  self->directory = tocsin_schedule_directory_new (self->client);
}

static void
tocsin_schedule_service_class_init (TocsinScheduleServiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = tocsin_schedule_service_constructed;
  object_class->dispose = tocsin_schedule_service_dispose;
  object_class->finalize = tocsin_schedule_service_finalize;
  object_class->get_property = tocsin_schedule_service_get_property;
  object_class->set_property = tocsin_schedule_service_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TOCSIN_TYPE_OPS_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties [PROP_DIRECTORY] =
    g_param_spec_object ("directory", NULL, NULL, TOCSIN_TYPE_SCHEDULE_DIRECTORY,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Schedules per list request; the API allows 1..50. */
  properties [PROP_PAGE_SIZE] =
    g_param_spec_uint ("page-size", NULL, NULL, 1, MAX_PAGE_SIZE, DEFAULT_PAGE_SIZE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_schedule_service_init (TocsinScheduleService *self)
{
  self->page_size = DEFAULT_PAGE_SIZE;
}

/* Public API */

TocsinScheduleService *
tocsin_schedule_service_new (TocsinOpsClient *client)
{
  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (client), NULL);

  return g_object_new (TOCSIN_TYPE_SCHEDULE_SERVICE, "client", client, NULL);
}

/**
 * tocsin_schedule_service_get_client:
 *
 * Returns: (transfer none): the client
 */
TocsinOpsClient *
tocsin_schedule_service_get_client (TocsinScheduleService *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self), NULL);
  return self->client;
}

/**
 * tocsin_schedule_service_get_directory:
 *
 * Returns: (transfer none): the name cache
 */
TocsinScheduleDirectory *
tocsin_schedule_service_get_directory (TocsinScheduleService *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self), NULL);
  return self->directory;
}

guint
tocsin_schedule_service_get_page_size (TocsinScheduleService *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self), DEFAULT_PAGE_SIZE);
  return self->page_size;
}

void
tocsin_schedule_service_set_page_size (TocsinScheduleService *self,
                                       guint                  page_size)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self));

  page_size = CLAMP (page_size, 1, MAX_PAGE_SIZE);
  if (self->page_size == page_size)
    return;

  self->page_size = page_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PAGE_SIZE]);
}

/* @local_zone: (nullable): the zone shifts are shown in; %NULL for the system
 * zone. Tests pin it. */
void
tocsin_schedule_service_set_local_zone (TocsinScheduleService *self,
                                        GTimeZone             *local_zone)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self));

  g_clear_pointer (&self->local_zone, g_time_zone_unref);
  if (local_zone != NULL)
    self->local_zone = g_time_zone_ref (local_zone);
}

/* -- list ----------------------------------------------------------------- */

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *schedules;

  schedules = tocsin_ops_client_list_all_finish (TOCSIN_OPS_CLIENT (object), result, NULL, NULL, &error);
  if (schedules == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, schedules, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * tocsin_schedule_service_list_async:
 *
 * Fetches every schedule the user can see, page by page
 * (#TocsinScheduleService:page-size per request), without details.
 */
void
tocsin_schedule_service_list_async (TocsinScheduleService *self,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_schedule_service_list_async);

  tocsin_ops_client_list_all_async (self->client, "/schedules", NULL, self->page_size, 0,
                                    parse_schedule_value, NULL, g_object_unref,
                                    cancellable, list_cb, task);
}

/**
 * tocsin_schedule_service_list_finish:
 *
 * Returns: (transfer full) (element-type TocsinSchedule): the schedules
 */
GPtrArray *
tocsin_schedule_service_list_finish (TocsinScheduleService  *self,
                                     GAsyncResult           *result,
                                     GError                **error)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- on-calls ------------------------------------------------------------- */

static void
on_calls_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *participants;

  root = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (root == NULL)
    participants = g_ptr_array_new_with_free_func (g_object_unref);
  else if (!(participants = tocsin_schedule_parse_on_calls (root, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, participants, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * tocsin_schedule_service_on_calls_async:
 * @when: on call now (`on-calls`) or next (`next-on-calls`)
 * @flat: ask for bare account ids instead of nested participants
 * @date: (nullable): the moment to ask about; %NULL for the server's now
 */
void
tocsin_schedule_service_on_calls_async (TocsinScheduleService *self,
                                        const char            *schedule_id,
                                        TocsinOnCallWhen       when,
                                        gboolean               flat,
                                        GDateTime             *date,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  g_autofree char *path = NULL;
  g_autofree char *date_text = NULL;
  const char *query[5] = { "flat", flat ? "true" : "false", NULL, NULL, NULL };
  GTask *task;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self));
  g_return_if_fail (schedule_id != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_schedule_service_on_calls_async);

  if (date != NULL)
    {
      date_text = format_date (date);
      query[2] = "date";
      query[3] = date_text;
    }

  path = schedule_path (schedule_id, when == TOCSIN_ON_CALL_NEXT ? "/next-on-calls" : "/on-calls");
  tocsin_ops_client_request_async (self->client, "GET", path, query, NULL,
                                   cancellable, on_calls_cb, task);
}

/**
 * tocsin_schedule_service_on_calls_finish:
 *
 * Returns: (transfer full) (element-type TocsinParticipant): who is on call
 */
GPtrArray *
tocsin_schedule_service_on_calls_finish (TocsinScheduleService  *self,
                                         GAsyncResult           *result,
                                         GError                **error)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- timeline ------------------------------------------------------------- */

static void
timeline_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinScheduleService *self = g_task_get_source_object (task);
  TocsinSchedule *schedule = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *shifts;

  root = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (root == NULL)
    shifts = g_ptr_array_new_with_free_func (g_object_unref);
  else if (!(shifts = tocsin_schedule_parse_timeline (root,
                                                      tocsin_schedule_get_id (schedule),
                                                      tocsin_schedule_get_name (schedule),
                                                      tocsin_schedule_get_timezone (schedule),
                                                      self->local_zone, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, shifts, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * tocsin_schedule_service_timeline_async:
 * @now: the moment the user looks from
 *
 * Fetches the final timeline from %TOCSIN_SCHEDULE_LOOKBEHIND_DAYS before
 * @now to %TOCSIN_SCHEDULE_LOOKAHEAD_DAYS after it (plus a day, as the
 * server starts the range at the beginning of a day).
 */
void
tocsin_schedule_service_timeline_async (TocsinScheduleService *self,
                                        TocsinSchedule        *schedule,
                                        GDateTime             *now,
                                        GCancellable          *cancellable,
                                        GAsyncReadyCallback    callback,
                                        gpointer               user_data)
{
  g_autoptr(GDateTime) from = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *interval = NULL;
  g_autofree char *path = NULL;
  GTask *task;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self));
  g_return_if_fail (TOCSIN_IS_SCHEDULE (schedule));
  g_return_if_fail (now != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_schedule_service_timeline_async);
  g_task_set_task_data (task, g_object_ref (schedule), g_object_unref);

  from = g_date_time_add_days (now, -TOCSIN_SCHEDULE_LOOKBEHIND_DAYS);
  from_text = format_date (from);
  interval = g_strdup_printf ("%d", TOCSIN_SCHEDULE_LOOKBEHIND_DAYS + TOCSIN_SCHEDULE_LOOKAHEAD_DAYS + 1);

  {
    const char *query[] = {
      "interval", interval,
      "intervalUnit", "days",
      "date", from_text,
      NULL
    };

    path = schedule_path (tocsin_schedule_get_id (schedule), "/timeline");
    tocsin_ops_client_request_async (self->client, "GET", path, query, NULL,
                                     cancellable, timeline_cb, task);
  }
}

/**
 * tocsin_schedule_service_timeline_finish:
 *
 * Returns: (transfer full) (element-type TocsinShift): the periods, unmerged
 */
GPtrArray *
tocsin_schedule_service_timeline_finish (TocsinScheduleService  *self,
                                         GAsyncResult           *result,
                                         GError                **error)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* -- everything ----------------------------------------------------------- */

typedef struct {
  GDateTime *now;
  GPtrArray *schedules;
  guint      next;
  guint      active;
  guint      done;
} FetchAll;

typedef struct {
  GTask          *task;      /* the FetchAll task, owned */
  TocsinSchedule *schedule;
  GPtrArray      *on_call_now;
  GPtrArray      *on_call_next;
  GPtrArray      *shifts;
  GError         *error;
  guint           pending;
} Detail;

static void fetch_more (GTask *task);

static void
fetch_all_free (FetchAll *state)
{
  g_clear_pointer (&state->now, g_date_time_unref);
  g_clear_pointer (&state->schedules, g_ptr_array_unref);
  g_free (state);
}

static void
detail_record_error (Detail *detail,
                     GError *error)
{
  if (detail->error == NULL)
    detail->error = error;
  else
    g_error_free (error);
}

static void
resolve_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchAll *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!tocsin_schedule_directory_resolve_finish (TOCSIN_SCHEDULE_DIRECTORY (object), result, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, g_ptr_array_ref (state->schedules), (GDestroyNotify) g_ptr_array_unref);
}

static void
detail_done (Detail *detail)
{
  g_autoptr(GTask) task = detail->task;
  TocsinScheduleService *self = g_task_get_source_object (task);
  FetchAll *state = g_task_get_task_data (task);

  if (--detail->pending > 0)
    return;

  tocsin_schedule_set_on_call_now (detail->schedule, detail->on_call_now);
  tocsin_schedule_set_on_call_next (detail->schedule, detail->on_call_next);
  if (detail->shifts != NULL)
    tocsin_schedule_set_shifts (detail->schedule, detail->shifts, state->now);
  tocsin_schedule_set_error (detail->schedule, detail->error ? detail->error->message : NULL);

  state->active--;
  state->done++;

  if (detail->error != NULL && g_error_matches (detail->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Report once, when the last one in flight ends. */
      if (state->active == 0 && !g_task_had_error (task))
        g_task_return_error (task, g_steal_pointer (&detail->error));
    }
  else if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      if (state->done == state->schedules->len)
        tocsin_schedule_directory_resolve_async (self->directory, state->schedules,
                                                 g_task_get_cancellable (task),
                                                 resolve_cb, g_object_ref (task));
      else
        fetch_more (task);
    }
  else if (state->active == 0 && !g_task_had_error (task))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");

  g_clear_pointer (&detail->on_call_now, g_ptr_array_unref);
  g_clear_pointer (&detail->on_call_next, g_ptr_array_unref);
  g_clear_pointer (&detail->shifts, g_ptr_array_unref);
  g_clear_error (&detail->error);
  g_clear_object (&detail->schedule);
  g_free (detail);
}

static void
detail_now_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Detail *detail = user_data;
  GError *error = NULL;

  detail->on_call_now = tocsin_schedule_service_on_calls_finish (TOCSIN_SCHEDULE_SERVICE (object), result, &error);
  if (error != NULL)
    detail_record_error (detail, error);
  detail_done (detail);
}

static void
detail_next_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Detail *detail = user_data;
  GError *error = NULL;

  detail->on_call_next = tocsin_schedule_service_on_calls_finish (TOCSIN_SCHEDULE_SERVICE (object), result, &error);
  if (error != NULL)
    detail_record_error (detail, error);
  detail_done (detail);
}

static void
detail_timeline_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Detail *detail = user_data;
  GError *error = NULL;

  detail->shifts = tocsin_schedule_service_timeline_finish (TOCSIN_SCHEDULE_SERVICE (object), result, &error);
  if (error != NULL)
    detail_record_error (detail, error);
  detail_done (detail);
}

static void
fetch_more (GTask *task)
{
  TocsinScheduleService *self = g_task_get_source_object (task);
  FetchAll *state = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  while (state->active < MAX_PARALLEL && state->next < state->schedules->len)
    {
      TocsinSchedule *schedule = g_ptr_array_index (state->schedules, state->next++);
      Detail *detail = g_new0 (Detail, 1);

      /* Each of the three callbacks holds one task reference until detail_done. */
      detail->task = g_object_ref (task);
      detail->schedule = g_object_ref (schedule);
      detail->pending = 3;
      state->active++;

      g_object_ref (task);
      g_object_ref (task);
      tocsin_schedule_service_on_calls_async (self, tocsin_schedule_get_id (schedule), TOCSIN_ON_CALL_NOW,
                                              FALSE, state->now, cancellable, detail_now_cb, detail);
      tocsin_schedule_service_on_calls_async (self, tocsin_schedule_get_id (schedule), TOCSIN_ON_CALL_NEXT,
                                              FALSE, state->now, cancellable, detail_next_cb, detail);
      tocsin_schedule_service_timeline_async (self, schedule, state->now, cancellable,
                                              detail_timeline_cb, detail);
    }
}

static void
fetch_list_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinScheduleService *self = TOCSIN_SCHEDULE_SERVICE (object);
  FetchAll *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  state->schedules = tocsin_schedule_service_list_finish (self, result, &error);
  if (state->schedules == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (state->schedules->len == 0)
    {
      g_task_return_pointer (task, g_ptr_array_ref (state->schedules), (GDestroyNotify) g_ptr_array_unref);
      return;
    }

  fetch_more (task);
}

/**
 * tocsin_schedule_service_fetch_all_async:
 * @now: the moment to ask about (a parameter so tests are reproducible)
 *
 * Lists the schedules, then for each who is on call now and next (nested)
 * and its timeline, then resolves names. A failure of one schedule's details
 * lands in its #TocsinSchedule:error; only a failure to list fails the call.
 */
void
tocsin_schedule_service_fetch_all_async (TocsinScheduleService *self,
                                         GDateTime             *now,
                                         GCancellable          *cancellable,
                                         GAsyncReadyCallback    callback,
                                         gpointer               user_data)
{
  GTask *task;
  FetchAll *state;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self));
  g_return_if_fail (now != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_schedule_service_fetch_all_async);
  state = g_new0 (FetchAll, 1);
  state->now = g_date_time_ref (now);
  g_task_set_task_data (task, state, (GDestroyNotify) fetch_all_free);

  tocsin_schedule_service_list_async (self, cancellable, fetch_list_cb, task);
}

/**
 * tocsin_schedule_service_fetch_all_finish:
 *
 * Returns: (transfer full) (element-type TocsinSchedule): complete schedules
 */
GPtrArray *
tocsin_schedule_service_fetch_all_finish (TocsinScheduleService  *self,
                                          GAsyncResult           *result,
                                          GError                **error)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_SERVICE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
