/* tocsin-context-cache.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-context"

#include "config.h"

#include "tocsin-client-secret.h"
#include "tocsin-context-private.h"
#include "tocsin-ops-client.h"

/* The context's cache: what the window showed (the alerts and the
 * schedules), kept per account for the next start; and the cached start, the
 * last signed-in account's cached alerts and schedules shown before the
 * keyring answers, with the token provider that holds their monitors'
 * requests until then. */

static void
on_cache_saved_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* @user_data: what was saved, "alerts" or "schedules" */
  if (!tocsin_cache_save_finish (TOCSIN_CACHE (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not keep the %s for the next start: %s", (const char *)user_data,
               error->message);
}

/* Each refresh of the window's list is what the next start shows first (not
 * with an owner filter: the query alone would not give those alerts). */
void
_tocsin_context_save_alerts_to_cache (TocsinContext *self)
{
  TocsinAlertMonitor *monitor = self->alert_monitor;

  if (self->cache == NULL || monitor == NULL || tocsin_alert_monitor_get_owners (monitor) != NULL ||
      tocsin_alert_monitor_get_last_refresh (monitor) == NULL)
    return;
  tocsin_cache_save_alerts_async (self->cache, self->monitored_site_id,
                                  tocsin_alert_monitor_get_query (monitor),
                                  G_LIST_MODEL (tocsin_alert_monitor_get_model (monitor)),
                                  self->cache_cancellable, on_cache_saved_cb, (gpointer) "alerts");
}

/* Each refresh that worked is what the next start shows first. */
static void
save_schedules_to_cache (TocsinContext *self)
{
  TocsinScheduleMonitor *monitor = self->schedule_monitor;
  TocsinScheduleList *list;

  if (self->cache == NULL || monitor == NULL ||
      tocsin_schedule_monitor_get_last_refresh (monitor) == NULL)
    return;
  list = tocsin_schedule_monitor_get_model (monitor);
  tocsin_cache_save_schedules_async (self->cache, self->monitored_site_id, G_LIST_MODEL (list),
                                     tocsin_schedule_list_get_names_available (list),
                                     self->cache_cancellable, on_cache_saved_cb,
                                     (gpointer) "schedules");
}

static void
seed_schedules (TocsinScheduleMonitor *monitor,
                TocsinCache           *cache,
                const char            *site_id)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GPtrArray) cached = NULL;
  gboolean names_available = TRUE;

  cached = tocsin_cache_load_schedules (cache, site_id, now, &names_available);
  if (cached != NULL)
    tocsin_schedule_monitor_seed (monitor, cached, names_available);
}

/* The new schedule monitor of the signed-in account's site shows the cached
 * schedules until its first refresh, and keeps every refresh for the next
 * start. */
void
_tocsin_context_seed_schedules (TocsinContext *self)
{
  if (self->cache == NULL)
    return;
  seed_schedules (self->schedule_monitor, self->cache, self->monitored_site_id);
  g_signal_connect_object (self->schedule_monitor, "notify::last-refresh",
                           G_CALLBACK (save_schedules_to_cache), self, G_CONNECT_SWAPPED);
}

/* The cache belongs to the account: opened once it is known, deleted at
 * sign-out together with the other data kept for it. */
void
_tocsin_context_update_cache (TocsinContext *self)
{
  const char *account_id = tocsin_auth_session_get_account_id (self->session);
  g_autoptr(GError) error = NULL;

  if (tocsin_auth_session_get_state (self->session) == TOCSIN_AUTH_STATE_SIGNED_OUT)
    {
      if (self->cache == NULL)
        return;
      g_cancellable_cancel (self->cache_cancellable);
      g_clear_object (&self->cache_cancellable);
      if (!tocsin_cache_delete (self->cache, &error))
        g_warning ("Could not delete the cached alerts: %s", error->message);
      g_clear_object (&self->cache);
      tocsin_account_state_delete_last ();
      return;
    }

  if (self->cache == NULL && account_id != NULL && g_strcmp0 (account_id, "unknown") != 0)
    {
      self->cache = tocsin_cache_new (account_id);
      self->cache_cancellable = g_cancellable_new ();
    }
}

/* Before the keyring answers: the alerts the last signed-in account's window
 * showed, from its cache, in a monitor whose requests wait for the keyring
 * (see the token provider below), and its schedules likewise when they were
 * kept. No paging watcher: nothing pages from the cache. Whatever the
 * keyring says ends it (end_cached_start). */
void
_tocsin_context_start_cached (TocsinContext *self)
{
  g_autofree char *account_id = NULL;
  g_autofree char *site_id = NULL;
  g_autoptr(TocsinCache) cache = NULL;
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(GPtrArray) cached = NULL;
  g_autoptr(TocsinAlertMonitor) monitor = NULL;
  g_autoptr(TocsinScheduleService) service = NULL;
  g_autoptr(TocsinScheduleMonitor) schedules = NULL;

  if (tocsin_auth_session_get_state (self->session) != TOCSIN_AUTH_STATE_SIGNED_OUT ||
      !tocsin_account_state_load_last (tocsin_config_get_auth_base_url (self->config),
                                       tocsin_config_get_client_id (self->config), &account_id,
                                       &site_id))
    return;

  client = tocsin_ops_client_new (tocsin_config_get_api_base_url (self->config), site_id,
                                  TOCSIN_TOKEN_PROVIDER (self), NULL);
  if (client == NULL)
    return;
  monitor = tocsin_alert_monitor_new (client);
  cache = tocsin_cache_new (account_id);
  cached = tocsin_cache_load_alerts (cache, site_id, tocsin_alert_monitor_get_query (monitor));
  if (cached == NULL)
    return;

  tocsin_alert_monitor_seed (monitor, cached);
  service = tocsin_schedule_service_new (client);
  schedules = tocsin_schedule_monitor_new (service);
  tocsin_schedule_monitor_set_account_id (schedules, account_id);
  seed_schedules (schedules, cache, site_id);
  self->alert_monitor = g_steal_pointer (&monitor);
  if (tocsin_schedule_monitor_get_cached (schedules))
    self->schedule_monitor = g_steal_pointer (&schedules);
  self->monitored_site_id = g_steal_pointer (&site_id);
  self->held_tokens = g_ptr_array_new_with_free_func (g_object_unref);
  self->cached_start = TRUE;
  g_object_notify (G_OBJECT (self), "alert-monitor");
  if (self->schedule_monitor != NULL)
    g_object_notify (G_OBJECT (self), "schedule-monitor");
  g_object_notify (G_OBJECT (self), "cached-start");
}

gboolean
tocsin_context_get_cached_start (TocsinContext *self)
{
  g_return_val_if_fail (TOCSIN_IS_CONTEXT (self), FALSE);

  return self->cached_start;
}

/* The session's restore from the keyring finished; @keyring_read says the
 * keyring was read (so an empty answer means nobody is signed in), not
 * locked, missing or cancelled. */
void
tocsin_context_end_cached_start (TocsinContext *self,
                                 gboolean       keyring_read)
{
  g_return_if_fail (TOCSIN_IS_CONTEXT (self));

  if (keyring_read && self->cached_start &&
      tocsin_auth_session_get_state (self->session) == TOCSIN_AUTH_STATE_SIGNED_OUT)
    tocsin_account_state_delete_last ();
  _tocsin_context_end_cached_start (self);
}

/* TocsinTokenProvider: during the cached start a token request waits for the
 * keyring's answer, and then fails as cancelled (its monitor is dropped);
 * otherwise it is the session's. */

static void
on_session_token_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char   *token =
    tocsin_token_provider_get_access_token_finish (TOCSIN_TOKEN_PROVIDER (object), result, &error);

  if (token == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, token, (GDestroyNotify)tocsin_client_secret_free);
}

static void
tocsin_context_get_access_token_async (TocsinTokenProvider *provider,
                                       const char          *rejected_token,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  TocsinContext *self = TOCSIN_CONTEXT (provider);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tocsin_context_get_access_token_async);
  if (self->cached_start)
    g_ptr_array_add (self->held_tokens, g_steal_pointer (&task));
  else
    tocsin_token_provider_get_access_token_async (TOCSIN_TOKEN_PROVIDER (self->session),
                                                  rejected_token, cancellable, on_session_token_cb,
                                                  g_steal_pointer (&task));
}

static char *
tocsin_context_get_access_token_finish (TocsinTokenProvider *provider,
                                        GAsyncResult        *result,
                                        GError             **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_tocsin_context_token_provider_init (TocsinTokenProviderInterface *iface)
{
  iface->get_access_token_async = tocsin_context_get_access_token_async;
  iface->get_access_token_finish = tocsin_context_get_access_token_finish;
}
