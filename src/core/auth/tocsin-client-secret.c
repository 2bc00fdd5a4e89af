/* tocsin-client-secret.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-auth"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "tocsin-auth-error.h"
#include "tocsin-auth-request.h"
#include "tocsin-client-secret.h"
#include "tocsin-token-store.h"

/* The secret of the Atlassian app that signs in and refreshes: from
 * $TOCSIN_CLIENT_SECRET, then the keyring, then the built-in one (which
 * belongs to the built-in client id only). Secrets are wiped when freed. */

/* Taken out of the environment at startup, so that no child (the browser
 * opened for sign-in above all) inherits it. */
static char *environment_secret;

/* Auxiliary methods */

static const char *
builtin_secret_for (const char *client_id)
{
  if (*BUILTIN_CLIENT_ID != '\0' && *BUILTIN_CLIENT_SECRET != '\0' &&
      g_strcmp0 (client_id, BUILTIN_CLIENT_ID) == 0)
    return BUILTIN_CLIENT_SECRET;
  return NULL;
}

/* Callbacks */

static void
on_client_secret_loaded_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  char *secret = tocsin_token_store_load_client_secret_finish (result, &error);
  const char *client_id = g_task_get_task_data (task);
  const char *builtin;

  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (secret != NULL && *secret != '\0')
    {
      char *copy = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, copy, (GDestroyNotify)tocsin_client_secret_free);
      return;
    }
  secret_password_free (secret);

  builtin = builtin_secret_for (client_id);
  if (builtin != NULL)
    g_task_return_pointer (task, g_strdup (builtin), (GDestroyNotify)tocsin_client_secret_free);
  else
    g_task_return_pointer (task, NULL, NULL);
}

/* Public API */

/**
 * tocsin_client_secret_claim_environment:
 *
 * Takes `TOCSIN_CLIENT_SECRET` out of the environment and keeps it for this
 * process. Call it before any thread runs (unsetting a variable is not
 * thread-safe).
 */
void
tocsin_client_secret_claim_environment (void)
{
  const char *value = g_getenv ("TOCSIN_CLIENT_SECRET");

  if (value == NULL)
    return;

  g_clear_pointer (&environment_secret, tocsin_client_secret_free);
  if (*value != '\0')
    environment_secret = g_strdup (value);
  g_unsetenv ("TOCSIN_CLIENT_SECRET");
}

void
tocsin_client_secret_load_async (const char          *auth_server,
                                 const char          *client_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (auth_server != NULL);
  g_return_if_fail (client_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_client_secret_load_async);

  /* A secret from the environment wins, for this run only: the demo and
   * tests pass the sandbox's secret this way, never on a command line. */
  if (environment_secret != NULL)
    {
      g_task_return_pointer (task, g_strdup (environment_secret),
                             (GDestroyNotify)tocsin_client_secret_free);
      g_object_unref (task);
      return;
    }

  g_task_set_task_data (task, g_strdup (client_id), g_free);
  tocsin_token_store_load_client_secret_async (auth_server, client_id, cancellable,
                                               on_client_secret_loaded_cb, task);
}

/**
 * tocsin_client_secret_load_finish:
 *
 * Returns: (transfer full) (nullable): the secret, to free with
 *   tocsin_client_secret_free(); %NULL without an error when none is known
 */
char *
tocsin_client_secret_load_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Wipes @secret (any secret string: a client secret, a token, a code) and
 * frees it. */
void
tocsin_client_secret_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

/* The error that says how to register an Atlassian app. */
GError *
tocsin_client_secret_missing_error (const char *redirect_uri)
{
  return g_error_new (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NO_CLIENT,
                      _("Tocsin has no Atlassian app to sign in with. Create an OAuth 2.0 (3LO) "
                        "app in the Atlassian developer console (developer.atlassian.com → "
                        "Developer console → Create), set its callback URL to %s, add the Jira "
                        "Service Management Operations scopes (%s), then enter its client ID "
                        "and secret in Preferences."),
                      redirect_uri != NULL && *redirect_uri != '\0' ? redirect_uri : "http://localhost:8976/callback",
                      TOCSIN_AUTH_DEFAULT_SCOPES);
}
