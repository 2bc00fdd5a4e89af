/* tocsin-auth-session-refresh.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <glib/gi18n.h>

#include "tocsin-auth-error.h"
#include "tocsin-auth-session-private.h"
#include "tocsin-client-secret.h"
#include "tocsin-token-store.h"

/* The session as TocsinTokenProvider: it hands out access tokens and
 * refreshes them single-flight.
 *
 * Refresh rules: ahead of expiry (tocsin_token_set_needs_refresh()) or when
 * a caller reports a rejected token; one request however many callers; the
 * new access token is handed out at once, and the rotated tokens are
 * written to the keyring in the background, one write at a time, always the
 * newest, retried with backoff while the keyring is locked
 * (#TocsinAuthSession:keyring-unsaved);
 * invalid_grant / unauthorized_client end in needs-reauth, keeping the
 * account and its site choice, and nothing is retried until the user signs
 * in again. */

/* A keyring write that hangs (an unlock prompt nobody answers, or one that
 * libsecret never reports back) is given up after this; one that may show
 * an unlock prompt leaves the user time to type the password. */
#define SAVE_TIMEOUT_SECONDS 30
#define SAVE_PROMPT_TIMEOUT_SECONDS 120
#define SAVE_RETRY_FIRST_SECONDS 2
#define SAVE_RETRY_MAX_SECONDS 120

/* Token refresh (single-flight) */

static const char *
account_or_unknown (TocsinAuthSession *self)
{
  return self->account_id != NULL ? self->account_id : TOCSIN_TOKEN_STORE_UNKNOWN_ACCOUNT;
}

static void refresh_start (TocsinAuthSession *self);

static void
refresh_complete (TocsinAuthSession *self,
                  const GError      *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->refresh_waiters);

  self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->refreshing = FALSE;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (self->tokens->access_token),
                               (GDestroyNotify)tocsin_client_secret_free);
    }
}

/* Forgets the write under way (its callback still comes, and sees that it
 * was abandoned) and any retry. */
void
_tocsin_auth_session_save_abandon (TocsinAuthSession *self)
{
  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  g_clear_handle_id (&self->save_retry_id, g_source_remove);
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);
  g_clear_object (&self->save_cancellable);
  self->save_again = FALSE;
}

/* A new sign-in, a restore or a sign-out: whatever the previous one still
 * has under way must not touch this one. */
void
_tocsin_auth_session_new_generation (TocsinAuthSession *self)
{
  self->generation++;
  _tocsin_auth_session_save_abandon (self);
  self->save_backoff = 0;
  _tocsin_auth_session_set_keyring_unsaved (self, FALSE);

  if (self->refreshing)
    {
      g_autoptr(GError) gone = g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NOT_SIGNED_IN,
                                                    _("You are not signed in."));

      refresh_complete (self, gone);
    }
}

typedef struct
{
  TocsinAuthSession *self;
  guint              generation;
  GCancellable      *cancellable;
  char              *auth_server;
  char              *client_id;
} Pending;

static Pending *
pending_new (TocsinAuthSession *self)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->generation = self->generation;
  pending->auth_server = g_strdup (self->auth_server);
  pending->client_id = g_strdup (self->client_id);
  return pending;
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_clear_object (&pending->cancellable);
  g_free (pending->auth_server);
  g_free (pending->client_id);
  g_free (pending);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Pending, pending_free)

static void keyring_save (TocsinAuthSession *self);

static gboolean
save_retry_cb (gpointer user_data)
{
  TocsinAuthSession *self = user_data;

  self->save_retry_id = 0;
  keyring_save (self);
  return G_SOURCE_REMOVE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  TocsinAuthSession *self = user_data;

  self->save_timeout_id = 0;
  g_debug ("The keyring did not answer in time");
  _tocsin_auth_session_save_abandon (self);
  _tocsin_auth_session_set_keyring_unsaved (self, TRUE);
  self->save_retry_id = g_timeout_add_seconds (SAVE_RETRY_FIRST_SECONDS, save_retry_cb, self);
  return G_SOURCE_REMOVE;
}

static void
on_stale_write_cleared_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tocsin_token_store_clear_finish (result, &error))
    g_debug ("Could not delete an older sign-in's tokens: %s", error->message);
}

/* Tokens of a sign-in that has ended reached the keyring after all. */
void
_tocsin_auth_session_undo_stale_write (TocsinAuthSession *self,
                  const char        *auth_server,
                  const char        *client_id)
{
  if (self->tokens != NULL &&
      g_strcmp0 (self->auth_server, auth_server) == 0 &&
      g_strcmp0 (self->client_id, client_id) == 0)
    /* It may have replaced the current sign-in's item: write that again. */
    keyring_save (self);
  else
    tocsin_token_store_clear_async (auth_server, client_id, NULL, on_stale_write_cleared_cb, NULL);
}

static void
on_keyring_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  TocsinAuthSession *self = pending->self;
  g_autoptr(GError) error = NULL;
  gboolean saved = tocsin_token_store_save_finish (result, &error);

  if (pending->generation != self->generation)
    {
      /* Written for a sign-in that has ended since. */
      if (saved)
        _tocsin_auth_session_undo_stale_write (self, pending->auth_server, pending->client_id);
      return;
    }

  if (pending->cancellable != self->save_cancellable)
    {
      /* Given up after the timeout, yet it went through late: it may have
       * overwritten newer tokens, so the current ones go in again. */
      if (saved)
        keyring_save (self);
      return;
    }

  g_clear_handle_id (&self->save_timeout_id, g_source_remove);
  g_clear_object (&self->save_cancellable);

  if (self->tokens == NULL)
    return;

  if (self->save_again)
    {
      self->save_again = FALSE;
      keyring_save (self);
      return;
    }

  if (!saved)
    {
      g_debug ("Could not save the rotated tokens, retrying in %u s: %s",
               MAX (self->save_backoff, SAVE_RETRY_FIRST_SECONDS), error->message);
      self->save_backoff = CLAMP (self->save_backoff * 2, SAVE_RETRY_FIRST_SECONDS, SAVE_RETRY_MAX_SECONDS);
      self->save_retry_id = g_timeout_add_seconds (self->save_backoff, save_retry_cb, self);
      _tocsin_auth_session_set_keyring_unsaved (self, TRUE);
      return;
    }

  self->save_backoff = 0;
  _tocsin_auth_session_set_keyring_unsaved (self, FALSE);
}

/* Writes the current tokens, after the write under way if there is one, so
 * the keyring never ends with older tokens than memory. After a failure,
 * only a keyring that is unlocked by now is written to: no unlock prompt
 * every retry. */
static void
keyring_save (TocsinAuthSession *self)
{
  Pending *pending;
  gboolean may_prompt;

  if (self->tokens == NULL || self->auth_server == NULL || self->client_id == NULL)
    return;

  if (self->save_cancellable != NULL)
    {
      self->save_again = TRUE;
      return;
    }

  may_prompt = !self->keyring_unsaved;
  g_clear_handle_id (&self->save_retry_id, g_source_remove);
  self->save_cancellable = g_cancellable_new ();
  self->save_timeout_id = g_timeout_add_seconds (may_prompt ? SAVE_PROMPT_TIMEOUT_SECONDS : SAVE_TIMEOUT_SECONDS,
                                                 save_timeout_cb, self);

  pending = pending_new (self);
  pending->cancellable = g_object_ref (self->save_cancellable);
  tocsin_token_store_save_full_async (self->auth_server, self->client_id,
                                      account_or_unknown (self),
                                      self->tokens, may_prompt,
                                      self->save_cancellable, on_keyring_saved_cb, pending);
}

static void
on_reauth_marker_saved_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!tocsin_token_store_save_finish (result, &error))
    g_debug ("Could not mark the sign-in as expired in the keyring: %s", error->message);
}

static void
enter_needs_reauth (TocsinAuthSession *self)
{
  g_autoptr(TocsinTokenSet) marker = tocsin_token_set_new ();

  /* The dead tokens are dropped; the account and its site choice stay. */
  marker->needs_reauth = TRUE;
  marker->scope = g_strdup (self->tokens != NULL ? self->tokens->scope : NULL);
  g_clear_pointer (&self->tokens, tocsin_token_set_free);
  _tocsin_auth_session_save_abandon (self);
  _tocsin_auth_session_set_keyring_unsaved (self, FALSE);

  if (self->auth_server != NULL && self->client_id != NULL)
    tocsin_token_store_save_async (self->auth_server, self->client_id,
                                   account_or_unknown (self),
                                   marker, NULL, on_reauth_marker_saved_cb, NULL);

  _tocsin_auth_session_set_state (self, TOCSIN_AUTH_STATE_NEEDS_REAUTH);
}

static void
on_refreshed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Pending) pending = user_data;
  TocsinAuthSession *self = pending->self;
  g_autoptr(GError) error = NULL;
  TocsinTokenSet *tokens;

  tokens = tocsin_oauth_client_refresh_finish (TOCSIN_OAUTH_CLIENT (object), result, &error);

  if (pending->generation != self->generation)
    {
      /* An older sign-in's refresh: its waiters were failed already. */
      g_debug ("Dropping the refresh of an earlier sign-in");
      g_clear_pointer (&tokens, tocsin_token_set_free);
      return;
    }

  if (self->tokens == NULL)
    {
      g_autoptr(GError) gone = g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NOT_SIGNED_IN,
                                                    _("You are not signed in."));
      g_clear_pointer (&tokens, tocsin_token_set_free);
      refresh_complete (self, gone);
      return;
    }

  if (tokens == NULL)
    {
      if (g_error_matches (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH))
        enter_needs_reauth (self);
      /* Any other failure keeps the tokens for the next try. */
      refresh_complete (self, error);
      return;
    }

  /* Atlassian rotates refresh tokens; keep the old one only if none came. */
  if (tokens->refresh_token == NULL)
    tokens->refresh_token = g_strdup (self->tokens->refresh_token);
  if (tokens->scope == NULL)
    tokens->scope = g_strdup (self->tokens->scope);

  g_clear_pointer (&self->tokens, tocsin_token_set_free);
  self->tokens = tokens;

  /* Polling goes on whatever the keyring does; the write follows. */
  refresh_complete (self, NULL);
  keyring_save (self);
}

static void
refresh_start (TocsinAuthSession *self)
{
  g_assert (!self->refreshing);

  self->refreshing = TRUE;

  if (self->tokens->refresh_token == NULL || self->client == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->client == NULL)
        error = tocsin_client_secret_missing_error (tocsin_config_get_redirect_uri (self->config));
      else
        {
          error = g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH,
                                       _("Your sign-in has expired. Sign in again."));
          enter_needs_reauth (self);
        }
      refresh_complete (self, error);
      return;
    }

  g_debug ("Refreshing the access token");
  tocsin_oauth_client_refresh_async (self->client, self->tokens->refresh_token, NULL,
                                     on_refreshed_cb, pending_new (self));
}

/* TocsinTokenProvider */

static void
tocsin_auth_session_get_access_token_async (TocsinTokenProvider *provider,
                                            const char          *rejected_token,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  TocsinAuthSession *self = TOCSIN_AUTH_SESSION (provider);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_auth_session_get_access_token_async);

  if (self->state == TOCSIN_AUTH_STATE_NEEDS_REAUTH)
    {
      g_task_return_new_error (task, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH,
                               _("Your sign-in has expired or was revoked. Sign in again."));
      return;
    }

  if (self->tokens == NULL || self->tokens->access_token == NULL)
    {
      g_task_return_new_error (task, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NOT_SIGNED_IN,
                               _("You are not signed in."));
      return;
    }

  if (!self->refreshing &&
      g_strcmp0 (rejected_token, self->tokens->access_token) != 0 &&
      !tocsin_token_set_needs_refresh (self->tokens))
    {
      g_task_return_pointer (task, g_strdup (self->tokens->access_token),
                               (GDestroyNotify)tocsin_client_secret_free);
      return;
    }

  /* Everyone who asks while a refresh runs gets its outcome. */
  g_ptr_array_add (self->refresh_waiters, g_steal_pointer (&task));
  if (!self->refreshing)
    refresh_start (self);
}

static char *
tocsin_auth_session_get_access_token_finish (TocsinTokenProvider  *provider,
                                             GAsyncResult         *result,
                                             GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, provider), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_tocsin_auth_session_token_provider_init (TocsinTokenProviderInterface *iface)
{
  iface->get_access_token_async = tocsin_auth_session_get_access_token_async;
  iface->get_access_token_finish = tocsin_auth_session_get_access_token_finish;
}
