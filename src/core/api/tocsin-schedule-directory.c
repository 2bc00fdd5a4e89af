/* tocsin-schedule-directory.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-schedule-directory"

#include "config.h"

#include "tocsin-schedule-directory.h"
#include "tocsin-schedule-parser.h"

/* Team names change rarely; /teams returns all of them at once. */
#define TEAMS_MAX_AGE (G_TIME_SPAN_HOUR)

struct _TocsinScheduleDirectory
{
  GObject          parent_instance;

  TocsinOpsClient *client;
  GHashTable      *users;          /* account id -> display name */
  GHashTable      *unknown_users;  /* ids user/bulk did not return: not asked again */
  GHashTable      *teams;          /* team id -> name */
  gint64           teams_fetched_at;
  char            *myself;
  guint            users_available : 1;
};

G_DEFINE_FINAL_TYPE (TocsinScheduleDirectory, tocsin_schedule_directory, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_USERS_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

typedef struct {
  GPtrArray  *schedules;
  GPtrArray  *pending_users;
  guint       batch_start;
  guint       next_user;
  GHashTable *team_ids;
} Resolve;

static void
resolve_free (Resolve *state)
{
  g_clear_pointer (&state->schedules, g_ptr_array_unref);
  g_clear_pointer (&state->pending_users, g_ptr_array_unref);
  g_clear_pointer (&state->team_ids, g_hash_table_unref);
  g_free (state);
}

/* Auxiliary methods */

static void
set_users_available (TocsinScheduleDirectory *self,
                     gboolean                 available)
{
  if (self->users_available == !!available)
    return;

  self->users_available = !!available;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_USERS_AVAILABLE]);
}

static void
collect_model (GListModel *model,
               GHashTable *user_ids,
               GHashTable *team_ids)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TOCSIN_IS_PARTICIPANT (item))
        tocsin_participant_collect_ids (TOCSIN_PARTICIPANT (item), user_ids, team_ids);
      else if (TOCSIN_IS_SHIFT (item))
        tocsin_participant_collect_ids (tocsin_shift_get_responder (TOCSIN_SHIFT (item)), user_ids, team_ids);
    }
}

static void
apply_model (TocsinScheduleDirectory *self,
             GListModel              *model)
{
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (TOCSIN_IS_PARTICIPANT (item))
        tocsin_schedule_directory_apply (self, TOCSIN_PARTICIPANT (item));
      else if (TOCSIN_IS_SHIFT (item))
        tocsin_schedule_directory_apply (self, tocsin_shift_get_responder (TOCSIN_SHIFT (item)));
    }
}

static void resolve_next_batch (GTask *task);

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
finish_resolve (GTask *task)
{
  TocsinScheduleDirectory *self = g_task_get_source_object (task);
  Resolve *state = g_task_get_task_data (task);

  for (guint i = 0; i < state->schedules->len; i++)
    tocsin_schedule_directory_apply_schedule (self, g_ptr_array_index (state->schedules, i));

  g_task_return_boolean (task, TRUE);
}

static void
teams_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinScheduleDirectory *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) teams = NULL;
  g_autoptr(GError) error = NULL;

  root = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (root != NULL && (teams = tocsin_schedule_parse_teams (root, &error)) != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, teams);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_hash_table_replace (self->teams, g_strdup (key), g_strdup (value));
    }

  /* Team names are optional: the id is shown instead. */
  if (error != NULL)
    g_debug ("Team names unavailable: %s", error->message);

  self->teams_fetched_at = g_get_monotonic_time ();
  finish_resolve (task);
}

static void
resolve_teams (GTask *task)
{
  TocsinScheduleDirectory *self = g_task_get_source_object (task);
  Resolve *state = g_task_get_task_data (task);
  GHashTableIter iter;
  gpointer key;
  gboolean missing = FALSE;

  g_hash_table_iter_init (&iter, state->team_ids);
  while (!missing && g_hash_table_iter_next (&iter, &key, NULL))
    missing = !g_hash_table_contains (self->teams, key);

  if (!missing ||
      (self->teams_fetched_at != 0 && g_get_monotonic_time () - self->teams_fetched_at < TEAMS_MAX_AGE))
    {
      finish_resolve (task);
      return;
    }

  tocsin_ops_client_request_async (self->client, "GET", "/teams", NULL, NULL,
                                   g_task_get_cancellable (task), teams_cb, g_object_ref (task));
}

static void
users_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinScheduleDirectory *self = g_task_get_source_object (task);
  Resolve *state = g_task_get_task_data (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) users = NULL;
  g_autoptr(GError) error = NULL;

  root = tocsin_ops_client_jira_request_finish (TOCSIN_OPS_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (g_error_matches (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_SCOPE))
    {
      /* The grant lacks read:jira-user: show ids, and don't ask every refresh. */
      g_debug ("No read:jira-user scope; showing account ids");
      set_users_available (self, FALSE);
      resolve_teams (task);
      return;
    }

  if (root == NULL || !(users = tocsin_schedule_parse_users (root, &error)))
    {
      /* Ids are shown; the next refresh tries again. */
      g_debug ("User names unavailable: %s", error ? error->message : "empty answer");
      resolve_teams (task);
      return;
    }

  for (guint i = state->batch_start; i < state->next_user; i++)
    {
      const char *id = g_ptr_array_index (state->pending_users, i);
      const char *name = g_hash_table_lookup (users, id);

      if (name != NULL)
        g_hash_table_replace (self->users, g_strdup (id), g_strdup (name));
      else
        g_hash_table_add (self->unknown_users, g_strdup (id));
    }

  resolve_next_batch (task);
}

static void
resolve_next_batch (GTask *task)
{
  TocsinScheduleDirectory *self = g_task_get_source_object (task);
  Resolve *state = g_task_get_task_data (task);
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) query = NULL;
  g_autofree char *max_results = NULL;
  guint end;

  if (!self->users_available || state->next_user >= state->pending_users->len)
    {
      resolve_teams (task);
      return;
    }

  end = MIN (state->next_user + TOCSIN_SCHEDULE_DIRECTORY_BATCH, state->pending_users->len);
  builder = g_strv_builder_new ();
  for (guint i = state->next_user; i < end; i++)
    {
      g_strv_builder_add (builder, "accountId");
      g_strv_builder_add (builder, g_ptr_array_index (state->pending_users, i));
    }
  max_results = g_strdup_printf ("%u", end - state->next_user);
  g_strv_builder_add (builder, "maxResults");
  g_strv_builder_add (builder, max_results);
  query = g_strv_builder_end (builder);

  /* users_cb reads the batch back as [batch_start, next_user). */
  state->batch_start = state->next_user;
  state->next_user = end;

  tocsin_ops_client_jira_request_async (self->client, "GET", "/rest/api/3/user/bulk",
                                        (const char * const *) query, NULL,
                                        g_task_get_cancellable (task), users_cb, g_object_ref (task));
}

/* GObject overrides */

static void
tocsin_schedule_directory_dispose (GObject *object)
{
  TocsinScheduleDirectory *self = (TocsinScheduleDirectory *)object;

  g_clear_object (&self->client);

  G_OBJECT_CLASS (tocsin_schedule_directory_parent_class)->dispose (object);
}

static void
tocsin_schedule_directory_finalize (GObject *object)
{
  TocsinScheduleDirectory *self = (TocsinScheduleDirectory *)object;

  g_clear_pointer (&self->users, g_hash_table_unref);
  g_clear_pointer (&self->unknown_users, g_hash_table_unref);
  g_clear_pointer (&self->teams, g_hash_table_unref);
  g_clear_pointer (&self->myself, g_free);

  G_OBJECT_CLASS (tocsin_schedule_directory_parent_class)->finalize (object);
}

static void
tocsin_schedule_directory_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  TocsinScheduleDirectory *self = TOCSIN_SCHEDULE_DIRECTORY (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_USERS_AVAILABLE:
      g_value_set_boolean (value, self->users_available);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_directory_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  TocsinScheduleDirectory *self = TOCSIN_SCHEDULE_DIRECTORY (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tocsin_schedule_directory_class_init (TocsinScheduleDirectoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = tocsin_schedule_directory_dispose;
  object_class->finalize = tocsin_schedule_directory_finalize;
  object_class->get_property = tocsin_schedule_directory_get_property;
  object_class->set_property = tocsin_schedule_directory_set_property;

  properties [PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, TOCSIN_TYPE_OPS_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* FALSE once Jira refused user lookups for a missing scope. */
  properties [PROP_USERS_AVAILABLE] =
    g_param_spec_boolean ("users-available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
tocsin_schedule_directory_init (TocsinScheduleDirectory *self)
{
  self->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->unknown_users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->users_available = TRUE;
}

/* Public API */

TocsinScheduleDirectory *
tocsin_schedule_directory_new (TocsinOpsClient *client)
{
  g_return_val_if_fail (TOCSIN_IS_OPS_CLIENT (client), NULL);

  return g_object_new (TOCSIN_TYPE_SCHEDULE_DIRECTORY, "client", client, NULL);
}

gboolean
tocsin_schedule_directory_get_users_available (TocsinScheduleDirectory *self)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_DIRECTORY (self), FALSE);
  return self->users_available;
}

const char *
tocsin_schedule_directory_lookup_user (TocsinScheduleDirectory *self,
                                       const char              *account_id)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_DIRECTORY (self), NULL);
  return account_id != NULL ? g_hash_table_lookup (self->users, account_id) : NULL;
}

const char *
tocsin_schedule_directory_lookup_team (TocsinScheduleDirectory *self,
                                       const char              *team_id)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_DIRECTORY (self), NULL);
  return team_id != NULL ? g_hash_table_lookup (self->teams, team_id) : NULL;
}

/* Sets the known names on @participant, its forwarder and its nested
 * participants. Unknown ones keep their name (NULL: the id shows). */
void
tocsin_schedule_directory_apply (TocsinScheduleDirectory *self,
                                 TocsinParticipant       *participant)
{
  const char *id;
  const char *name = NULL;
  GListModel *children;
  guint n;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_DIRECTORY (self));
  g_return_if_fail (TOCSIN_IS_PARTICIPANT (participant));

  id = tocsin_participant_get_id (participant);
  if (tocsin_participant_is_user (participant))
    name = g_hash_table_lookup (self->users, id);
  else if (g_strcmp0 (tocsin_participant_get_kind (participant), "team") == 0)
    name = g_hash_table_lookup (self->teams, id);

  if (name != NULL)
    tocsin_participant_set_name (participant, name);

  if (tocsin_participant_get_forwarded_from (participant) != NULL)
    tocsin_schedule_directory_apply (self, tocsin_participant_get_forwarded_from (participant));

  children = tocsin_participant_get_participants (participant);
  n = g_list_model_get_n_items (children);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(TocsinParticipant) child = g_list_model_get_item (children, i);

      tocsin_schedule_directory_apply (self, child);
    }
}

void
tocsin_schedule_directory_apply_schedule (TocsinScheduleDirectory *self,
                                          TocsinSchedule          *schedule)
{
  const char *team;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_DIRECTORY (self));
  g_return_if_fail (TOCSIN_IS_SCHEDULE (schedule));

  if ((team = g_hash_table_lookup (self->teams, tocsin_schedule_get_team_id (schedule) ?: "")) != NULL)
    tocsin_schedule_set_team_name (schedule, team);

  apply_model (self, tocsin_schedule_get_on_call_now (schedule));
  apply_model (self, tocsin_schedule_get_on_call_next (schedule));
  apply_model (self, tocsin_schedule_get_shifts (schedule));
}

/**
 * tocsin_schedule_directory_resolve_async:
 * @schedules: (element-type TocsinSchedule): schedules whose participants,
 *   shift responders and teams should get names
 *
 * Looks up the ids not yet cached (users in batches of
 * %TOCSIN_SCHEDULE_DIRECTORY_BATCH) and applies every known name. Lookup
 * failures are not errors: the ids stay. Only cancellation fails.
 */
void
tocsin_schedule_directory_resolve_async (TocsinScheduleDirectory *self,
                                         GPtrArray               *schedules,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GHashTable) user_ids = NULL;
  Resolve *state;
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_DIRECTORY (self));
  g_return_if_fail (schedules != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_schedule_directory_resolve_async);

  state = g_new0 (Resolve, 1);
  state->schedules = g_ptr_array_new_with_free_func (g_object_unref);
  state->pending_users = g_ptr_array_new_with_free_func (g_free);
  state->team_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_task_set_task_data (task, state, (GDestroyNotify) resolve_free);

  user_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < schedules->len; i++)
    {
      TocsinSchedule *schedule = g_ptr_array_index (schedules, i);

      g_ptr_array_add (state->schedules, g_object_ref (schedule));
      if (tocsin_schedule_get_team_id (schedule) != NULL)
        g_hash_table_add (state->team_ids, g_strdup (tocsin_schedule_get_team_id (schedule)));
      collect_model (tocsin_schedule_get_on_call_now (schedule), user_ids, state->team_ids);
      collect_model (tocsin_schedule_get_on_call_next (schedule), user_ids, state->team_ids);
      collect_model (tocsin_schedule_get_shifts (schedule), user_ids, state->team_ids);
    }

  g_hash_table_iter_init (&iter, user_ids);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (self->users, key) && !g_hash_table_contains (self->unknown_users, key))
      g_ptr_array_add (state->pending_users, g_strdup (key));

  /* A stable order makes the batches (and the server log) reproducible. */
  g_ptr_array_sort (state->pending_users, compare_strings);
  resolve_next_batch (g_steal_pointer (&task));
}

gboolean
tocsin_schedule_directory_resolve_finish (TocsinScheduleDirectory  *self,
                                          GAsyncResult             *result,
                                          GError                  **error)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_DIRECTORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
myself_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinScheduleDirectory *self = g_task_get_source_object (task);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  root = tocsin_ops_client_jira_request_finish (TOCSIN_OPS_CLIENT (object), result, &error);
  if (root != NULL)
    id = tocsin_schedule_parse_myself (root, &error);

  if (id == NULL)
    {
      if (g_error_matches (error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_SCOPE))
        set_users_available (self, FALSE);
      if (error == NULL)
        error = g_error_new_literal (TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED, "empty answer");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_free (self->myself);
  self->myself = g_strdup (id);
  g_task_return_pointer (task, g_steal_pointer (&id), g_free);
}

/**
 * tocsin_schedule_directory_get_myself_async:
 *
 * The signed-in user's account id, from Jira's /myself (cached). Without
 * read:jira-user it fails with TOCSIN_API_ERROR_SCOPE, at once after the
 * first refusal.
 */
void
tocsin_schedule_directory_get_myself_async (TocsinScheduleDirectory *self,
                                            GCancellable            *cancellable,
                                            GAsyncReadyCallback      callback,
                                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (TOCSIN_IS_SCHEDULE_DIRECTORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_schedule_directory_get_myself_async);

  if (self->myself != NULL)
    {
      g_task_return_pointer (task, g_strdup (self->myself), g_free);
      return;
    }

  if (!self->users_available)
    {
      g_task_return_new_error (task, TOCSIN_API_ERROR, TOCSIN_API_ERROR_SCOPE,
                               "read:jira-user was not granted");
      return;
    }

  tocsin_ops_client_jira_request_async (self->client, "GET", "/rest/api/3/myself", NULL, NULL,
                                        cancellable, myself_cb, g_steal_pointer (&task));
}

char *
tocsin_schedule_directory_get_myself_finish (TocsinScheduleDirectory  *self,
                                             GAsyncResult             *result,
                                             GError                  **error)
{
  g_return_val_if_fail (TOCSIN_IS_SCHEDULE_DIRECTORY (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Drops every cache and the "no scope" verdict, e.g. after signing in again
 * with other scopes. */
void
tocsin_schedule_directory_forget (TocsinScheduleDirectory *self)
{
  g_return_if_fail (TOCSIN_IS_SCHEDULE_DIRECTORY (self));

  g_hash_table_remove_all (self->users);
  g_hash_table_remove_all (self->unknown_users);
  g_hash_table_remove_all (self->teams);
  self->teams_fetched_at = 0;
  g_clear_pointer (&self->myself, g_free);
  set_users_available (self, TRUE);
}
