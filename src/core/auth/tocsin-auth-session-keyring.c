/* tocsin-auth-session-keyring.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-auth-session-private.h"
#include "tocsin-client-secret.h"
#include "tocsin-token-store.h"

/* The session's sign-in as the keyring holds it: restored at startup,
 * deleted at sign-out, and the client secret the user enters. */

/* Restore */

typedef struct
{
  char *auth_server;
  char *api_base;
  char *client_id;
  char *account;
  TocsinTokenSet *tokens;
} RestoreData;

static void
restore_data_free (RestoreData *data)
{
  g_free (data->auth_server);
  g_free (data->api_base);
  g_free (data->client_id);
  g_free (data->account);
  tocsin_token_set_free (data->tokens);
  g_free (data);
}

static void
on_restore_sites_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinAuthSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sites = NULL;

  sites = tocsin_oauth_client_get_sites_finish (TOCSIN_OAUTH_CLIENT (object), result, &error);
  if (sites != NULL && sites->len > 0)
    {
      TocsinSite *site = _tocsin_auth_session_pick_site (sites, self->current_site != NULL ?
                                           tocsin_site_get_id (self->current_site) : NULL);

      _tocsin_auth_session_set_sites (self, sites);
      tocsin_auth_session_set_current_site (self, site);
    }
  else if (error != NULL)
    /* Offline at startup: carry on with the remembered site. */
    g_debug ("Could not update the site list: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

static void
on_restore_token_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  TocsinAuthSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  GCancellable *cancellable;

  token = tocsin_token_provider_get_access_token_finish (TOCSIN_TOKEN_PROVIDER (self), result, &error);
  if (token == NULL)
    {
      /* needs-reauth is a state, not a failure to restore; network and
       * keyring trouble keep the remembered site. */
      g_debug ("Could not get an access token at startup: %s", error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  cancellable = g_task_get_cancellable (task);
  tocsin_oauth_client_get_sites_async (self->client, token, cancellable,
                                       on_restore_sites_cb, g_steal_pointer (&task));
}

static void
restore_apply (GTask *task,
               char  *client_secret)
{
  TocsinAuthSession *self = g_task_get_source_object (task);
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(TocsinSite) site = NULL;
  g_autofree char *name = NULL;
  gboolean needs_reauth = data->tokens->needs_reauth;

  _tocsin_auth_session_new_generation (self);
  _tocsin_auth_session_bind_endpoints (self, data->auth_server, data->api_base, data->client_id);
  g_clear_object (&self->client);
  if (client_secret != NULL)
    self->client = tocsin_oauth_client_new (self->http, data->auth_server, data->api_base,
                                            data->client_id, client_secret);
  g_clear_pointer (&self->tokens, tocsin_token_set_free);
  if (!needs_reauth)
    self->tokens = g_steal_pointer (&data->tokens);

  _tocsin_auth_session_set_account_id (self, data->account);
  name = tocsin_account_state_load_name (self->account_state);
  _tocsin_auth_session_set_account_name (self, name);
  site = tocsin_account_state_load_site (self->account_state);
  if (site != NULL)
    {
      g_autoptr(GPtrArray) sites = g_ptr_array_new ();

      g_ptr_array_add (sites, site);
      _tocsin_auth_session_set_sites (self, sites);
    }
  _tocsin_auth_session_set_current_site (self, site);

  if (needs_reauth)
    {
      _tocsin_auth_session_set_state (self, TOCSIN_AUTH_STATE_NEEDS_REAUTH);
      g_task_return_boolean (task, TRUE);
      return;
    }

  _tocsin_auth_session_set_state (self, TOCSIN_AUTH_STATE_SIGNED_IN);
  if (self->client == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  tocsin_token_provider_get_access_token_async (TOCSIN_TOKEN_PROVIDER (self), NULL,
                                                g_task_get_cancellable (task),
                                                on_restore_token_cb, g_object_ref (task));
}

static void
on_restore_client_secret_cb (GObject      *object,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = tocsin_client_secret_load_finish (result, &error);

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Without a secret the access token still works until it expires. */
  restore_apply (task, secret);
  tocsin_client_secret_free (secret);
}

static void
on_restore_loaded_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RestoreData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable;

  data->tokens = tocsin_token_store_load_finish (result, &data->account, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->tokens == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  if (data->account == NULL)
    data->account = g_strdup (TOCSIN_TOKEN_STORE_UNKNOWN_ACCOUNT);

  cancellable = g_task_get_cancellable (task);
  tocsin_client_secret_load_async (data->auth_server, data->client_id, cancellable,
                            on_restore_client_secret_cb, g_steal_pointer (&task));
}

/**
 * tocsin_auth_session_restore_async:
 *
 * At startup: loads the sign-in from the keyring for the configured server
 * and client id, then checks the site list again (offline, the remembered
 * site is kept). Ends signed-in, needs-reauth or signed-out; fails only
 * when the keyring cannot be read (%TOCSIN_AUTH_ERROR_KEYRING_LOCKED,
 * %TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE) or the endpoints are invalid.
 */
void
tocsin_auth_session_restore_async (TocsinAuthSession   *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  RestoreData *data;

  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_auth_session_restore_async);

  data = g_new0 (RestoreData, 1);
  data->auth_server =
    _tocsin_auth_session_strip_slashes (tocsin_config_get_auth_base_url (self->config));
  data->api_base = _tocsin_auth_session_strip_slashes (tocsin_config_get_api_base_url (self->config));
  data->client_id = g_strdup (tocsin_config_get_client_id (self->config));
  g_task_set_task_data (task, data, (GDestroyNotify)restore_data_free);

  if (!_tocsin_auth_session_validate_endpoints (data->auth_server, data->api_base, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (*data->client_id == '\0')
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  tocsin_token_store_load_async (data->auth_server, data->client_id, cancellable,
                                 on_restore_loaded_cb, g_steal_pointer (&task));
}

gboolean
tocsin_auth_session_restore_finish (TocsinAuthSession  *self,
                                    GAsyncResult       *result,
                                    GError            **error)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Sign out */

static void
on_sign_out_cleared_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!tocsin_token_store_clear_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tocsin_auth_session_sign_out_async:
 *
 * Cancels a pending sign-in, forgets the tokens, deletes the keyring items
 * and the account's state file. The session is signed out even if the
 * keyring could not be reached; the error then says so.
 */
void
tocsin_auth_session_sign_out_async (TocsinAuthSession   *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *auth_server = NULL;
  g_autofree char *client_id = NULL;

  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_auth_session_sign_out_async);

  tocsin_auth_session_cancel (self);

  if (self->account_state != NULL)
    tocsin_account_state_delete (self->account_state);

  auth_server = _tocsin_auth_session_strip_slashes (self->auth_server != NULL ? self->auth_server
                                                        : tocsin_config_get_auth_base_url (self->config));
  client_id = g_strdup (self->client_id != NULL ? self->client_id
                                                : tocsin_config_get_client_id (self->config));

  /* Refresh waiters fail now; a refresh or keyring write still under way
   * drops its result (and deletes what it wrote) when it ends. */
  _tocsin_auth_session_new_generation (self);
  g_clear_pointer (&self->tokens, tocsin_token_set_free);
  g_clear_object (&self->client);
  _tocsin_auth_session_set_sites (self, NULL);
  _tocsin_auth_session_set_current_site (self, NULL);
  _tocsin_auth_session_set_account_id (self, NULL);
  _tocsin_auth_session_set_account_name (self, NULL);
  _tocsin_auth_session_set_state (self, TOCSIN_AUTH_STATE_SIGNED_OUT);

  if (client_id == NULL || *client_id == '\0')
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  tocsin_token_store_clear_async (auth_server, client_id, cancellable,
                                  on_sign_out_cleared_cb, g_steal_pointer (&task));
}

gboolean
tocsin_auth_session_sign_out_finish (TocsinAuthSession  *self,
                                     GAsyncResult       *result,
                                     GError            **error)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Client secret entered by the user */

static void
on_client_secret_saved_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!tocsin_token_store_save_client_secret_finish (result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tocsin_auth_session_set_client_secret_async:
 * @client_secret: (nullable): the secret of the configured client id; %NULL
 *   or "" deletes it
 *
 * Keeps the user's client secret in the keyring (never in GSettings), for
 * the currently configured authorization server and client id.
 */
void
tocsin_auth_session_set_client_secret_async (TocsinAuthSession   *self,
                                             const char          *client_secret,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *auth_server = NULL;
  const char *client_id;

  g_return_if_fail (TOCSIN_IS_AUTH_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_auth_session_set_client_secret_async);

  client_id = tocsin_config_get_client_id (self->config);
  if (client_id == NULL || *client_id == '\0')
    {
      g_task_return_new_error (task, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NO_CLIENT,
                               _("Enter the client ID of your Atlassian app before its secret."));
      return;
    }

  auth_server = _tocsin_auth_session_strip_slashes (tocsin_config_get_auth_base_url (self->config));
  tocsin_token_store_save_client_secret_async (auth_server, client_id, client_secret, cancellable,
                                               on_client_secret_saved_cb, g_steal_pointer (&task));
}

gboolean
tocsin_auth_session_set_client_secret_finish (TocsinAuthSession  *self,
                                              GAsyncResult       *result,
                                              GError            **error)
{
  g_return_val_if_fail (TOCSIN_IS_AUTH_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
