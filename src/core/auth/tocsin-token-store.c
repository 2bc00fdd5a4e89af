/* tocsin-token-store.c
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
#include "tocsin-token-store.h"

/*
 * Where Tocsin keeps secrets: the Secret Service (GNOME Keyring, KWallet, …)
 * through libsecret, in the default collection. Nothing secret is ever
 * written anywhere else; when the keyring is locked or missing, signing in
 * fails with a message instead of falling back to a file.
 *
 * Schema "io.github.tocsin.Tocsin.Token" — one item per signed-in account
 *   attribute  auth-server  the authorization server's base URL, without a
 *                           trailing slash, e.g. "https://auth.atlassian.com"
 *   attribute  client-id    the OAuth client id the tokens were issued to
 *   attribute  account      the Atlassian account id of the user (accountId
 *                           from GET /ex/jira/{cloudid}/rest/api/3/myself);
 *                           "unknown" when the read:jira-user scope was not
 *                           granted and the id could not be read
 *   secret (UTF-8 JSON)     {"access_token": "…", "refresh_token": "…",
 *                            "expires_at": <Unix seconds>, "scope": "a b c",
 *                            "lifetime": <the access token's expires_in>}
 *                           After the grant died (invalid_grant), the tokens
 *                           are null and "needs_reauth": true, so the app
 *                           remembers the account and offers "Sign in again".
 *   label                   "Tocsin sign-in (<auth server host>)"
 *
 * Schema "io.github.tocsin.Tocsin.ClientSecret" — a client secret the user
 * entered in Preferences for their own OAuth app
 *   attribute  auth-server  as above
 *   attribute  client-id    the client id the secret belongs to
 *   secret                  the client secret, as text
 *   label                   "Tocsin client secret (<client id>)"
 *
 * Inspect with: secret-tool search xdg:schema io.github.tocsin.Tocsin.Token
 * A new sign-in replaces the item; signing out deletes it.
 *
 * libsecret never gets the caller's cancellable: in a Flatpak, libsecret 0.20
 * (Debian 12) leaves a handler on it that calls g_cancellable_disconnect()
 * when it fires, which deadlocks the app when a sign-in is cancelled or the
 * app quits. The operations are short; the GTasks keep the cancellable, so a
 * cancelled call still ends with G_IO_ERROR_CANCELLED.
 */

static const SecretSchema token_schema = {
  "io.github.tocsin.Tocsin.Token", SECRET_SCHEMA_NONE,
  {
    { "auth-server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "account", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

static const SecretSchema client_secret_schema = {
  "io.github.tocsin.Tocsin.ClientSecret", SECRET_SCHEMA_NONE,
  {
    { "auth-server", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { "client-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  }
};

const SecretSchema *
tocsin_token_store_get_token_schema (void)
{
  return &token_schema;
}

const SecretSchema *
tocsin_token_store_get_client_secret_schema (void)
{
  return &client_secret_schema;
}

static GHashTable *
make_attributes (const char *auth_server,
                 const char *client_id,
                 const char *account)
{
  GHashTable *attributes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  char *server = g_strdup (auth_server);
  gsize len = strlen (server);

  while (len > 0 && server[len - 1] == '/')
    server[--len] = '\0';

  g_hash_table_insert (attributes, (gpointer)"auth-server", server);
  g_hash_table_insert (attributes, (gpointer)"client-id", g_strdup (client_id));
  if (account != NULL)
    g_hash_table_insert (attributes, (gpointer)"account", g_strdup (account));

  return attributes;
}

/* Turns what libsecret or D-Bus reported into one of the two keyring errors
 * the sign-in page explains. */
static GError *
map_secret_error (GError       *error,
                  GCancellable *cancellable)
{
  /* libsecret reports some failed or dismissed prompts as a failure
   * without an error; that is a keyring that stayed locked. */
  if (error == NULL)
    return g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_KEYRING_LOCKED,
                                _("The keyring is locked. Unlock your default keyring (for example in "
                                  "“Passwords and Keys”) and try again; Tocsin keeps its sign-in "
                                  "only there."));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      g_cancellable_is_cancelled (cancellable))
    return g_error_copy (error);

  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
      g_error_matches (error, SECRET_ERROR, SECRET_ERROR_NO_SUCH_OBJECT) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||  /* prompt dismissed */
      g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_ACCESS_DENIED))
    return g_error_new_literal (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_KEYRING_LOCKED,
                                _("The keyring is locked. Unlock your default keyring (for example in "
                                  "“Passwords and Keys”) and try again; Tocsin keeps its sign-in "
                                  "only there."));

  g_debug ("Secret service failed: %s", error->message);
  return g_error_new (TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE,
                      _("No keyring is available (%s). Tocsin keeps its sign-in only in a keyring "
                        "service such as GNOME Keyring; install or start one and try again."),
                      error->message);
}

static GError *
locked_error (void)
{
  return map_secret_error (NULL, NULL);
}

static char *
label_for_server (const char *auth_server)
{
  g_autoptr(GUri) uri = g_uri_parse (auth_server, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL && g_uri_get_host (uri) != NULL ? g_uri_get_host (uri) : auth_server;

  /* Translators: the keyring item's name; %s is a host name */
  return g_strdup_printf (_("Tocsin sign-in (%s)"), host);
}

/* Saving tokens */

typedef struct
{
  GHashTable     *attributes;
  char           *account;
  guint           pending;
  TocsinTokenSet *tokens;     /* until the lock check is done */
  char           *bus_name;   /* of the secret service, for the lock check */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_pointer (&data->tokens, tocsin_token_set_free);
  g_free (data->bus_name);
  g_clear_pointer (&data->attributes, g_hash_table_unref);
  g_free (data->account);
  g_free (data);
}

static void
on_stale_cleared_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_debug ("Could not remove an older sign-in: %s", error->message);

  /* The new tokens are stored either way. */
  if (--data->pending == 0)
    g_task_return_boolean (task, TRUE);
}

static void
on_stale_search_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GList *items = secret_password_search_finish (result, &error);

  /* Items of other accounts under the same server and client are left over
   * from an earlier sign-in; only one account is signed in at a time. The
   * save completes once they are gone, so readers see one item. */
  data->pending = 1;
  for (GList *l = items; l != NULL; l = l->next)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *account = g_hash_table_lookup (attributes, "account");

      if (account != NULL && g_strcmp0 (account, data->account) != 0)
        {
          g_autoptr(GHashTable) stale = make_attributes (g_hash_table_lookup (data->attributes, "auth-server"),
                                                         g_hash_table_lookup (data->attributes, "client-id"),
                                                         account);

          data->pending++;
          secret_password_clearv (&token_schema, stale, NULL, on_stale_cleared_cb, g_object_ref (task));
        }
    }
  g_list_free_full (items, g_object_unref);

  if (--data->pending == 0)
    g_task_return_boolean (task, TRUE);
}

static void
on_token_stored_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      g_task_return_error (task, map_secret_error (error, g_task_get_cancellable (task)));
      return;
    }

  attributes = make_attributes (g_hash_table_lookup (data->attributes, "auth-server"),
                               g_hash_table_lookup (data->attributes, "client-id"),
                               NULL);
  secret_password_searchv (&token_schema, attributes, SECRET_SEARCH_ALL,
                           NULL, on_stale_search_cb, g_object_ref (task));
}

static void
save_store (GTask                *task,
            const TocsinTokenSet *tokens)
{
  SaveData *data = g_task_get_task_data (task);
  g_autofree char *label = label_for_server (g_hash_table_lookup (data->attributes, "auth-server"));
  g_autofree char *json = tocsin_token_set_to_json (tokens);

  secret_password_storev (&token_schema, data->attributes, SECRET_COLLECTION_DEFAULT, label, json,
                          NULL, on_token_stored_cb, task);
  explicit_bzero (json, strlen (json));
}

static void
on_locked_checked_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) locked = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinTokenSet) tokens = g_steal_pointer (&data->tokens);

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (object), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, map_secret_error (error, g_task_get_cancellable (task)));
      return;
    }

  g_variant_get (reply, "(v)", &locked);
  if (!g_variant_is_of_type (locked, G_VARIANT_TYPE_BOOLEAN) || g_variant_get_boolean (locked))
    {
      g_task_return_error (task, locked_error ());
      return;
    }

  save_store (g_steal_pointer (&task), tokens);
}

static void
on_default_alias_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GDBusConnection *connection = G_DBUS_CONNECTION (object);
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  const char *path;

  reply = g_dbus_connection_call_finish (connection, result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, map_secret_error (error, cancellable));
      return;
    }

  g_variant_get (reply, "(&o)", &path);
  if (g_str_equal (path, "/"))
    {
      /* No default keyring yet: storing creates one, and that prompts. */
      g_task_return_error (task, locked_error ());
      return;
    }

  g_dbus_connection_call (connection, data->bus_name, path,
                          "org.freedesktop.DBus.Properties", "Get",
                          g_variant_new ("(ss)", "org.freedesktop.Secret.Collection", "Locked"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                          on_locked_checked_cb, g_steal_pointer (&task));
}

static void
on_service_for_check_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    {
      g_task_return_error (task, map_secret_error (error, cancellable));
      return;
    }

  /* Asked directly: libsecret's cached collection proxies may not know of
   * a lock yet. */
  data->bus_name = g_strdup (g_dbus_proxy_get_name (G_DBUS_PROXY (service)));
  g_dbus_connection_call (g_dbus_proxy_get_connection (G_DBUS_PROXY (service)),
                          data->bus_name, g_dbus_proxy_get_object_path (G_DBUS_PROXY (service)),
                          "org.freedesktop.Secret.Service", "ReadAlias", g_variant_new ("(s)", "default"),
                          G_VARIANT_TYPE ("(o)"), G_DBUS_CALL_FLAGS_NONE, -1, cancellable,
                          on_default_alias_cb, g_steal_pointer (&task));
}

/**
 * tocsin_token_store_save_full_async:
 * @auth_server: the authorization server's base URL
 * @client_id: the client id the tokens belong to
 * @account: the account id (see the schema comment)
 * @tokens: what to store
 * @may_prompt: whether a locked keyring may ask the user to unlock it;
 *   %FALSE fails at once with %TOCSIN_AUTH_ERROR_KEYRING_LOCKED instead
 *   (background retries)
 *
 * Stores @tokens, replacing the item of the same account and removing items
 * of other accounts. Fails with %TOCSIN_AUTH_ERROR_KEYRING_LOCKED or
 * %TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE; nothing is written elsewhere.
 */
void
tocsin_token_store_save_full_async (const char           *auth_server,
                                    const char           *client_id,
                                    const char           *account,
                                    const TocsinTokenSet *tokens,
                                    gboolean              may_prompt,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (auth_server != NULL);
  g_return_if_fail (client_id != NULL);
  g_return_if_fail (account != NULL);
  g_return_if_fail (tokens != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_token_store_save_async);

  data = g_new0 (SaveData, 1);
  data->attributes = make_attributes (auth_server, client_id, account);
  data->account = g_strdup (account);
  g_task_set_task_data (task, data, (GDestroyNotify)save_data_free);

  if (may_prompt)
    {
      save_store (g_steal_pointer (&task), tokens);
      return;
    }

  data->tokens = tocsin_token_set_copy (tokens);
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, NULL, on_service_for_check_cb,
                      g_steal_pointer (&task));
}

/* Like tocsin_token_store_save_full_async(), asking to unlock if needed. */
void
tocsin_token_store_save_async (const char           *auth_server,
                               const char           *client_id,
                               const char           *account,
                               const TocsinTokenSet *tokens,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  tocsin_token_store_save_full_async (auth_server, client_id, account, tokens, TRUE,
                                      cancellable, callback, user_data);
}

gboolean
tocsin_token_store_save_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Reading: the newest item of a schema, telling "locked" from "none" */

typedef struct
{
  char       *secret;       /* wiped on free */
  GHashTable *attributes;
} Found;

static void
found_free (Found *found)
{
  if (found->secret != NULL)
    explicit_bzero (found->secret, strlen (found->secret));
  g_free (found->secret);
  g_clear_pointer (&found->attributes, g_hash_table_unref);
  g_free (found);
}

static void
on_secret_retrieved_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretValue) value = NULL;
  Found *found;

  value = secret_retrievable_retrieve_secret_finish (SECRET_RETRIEVABLE (object), result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, map_secret_error (error, g_task_get_cancellable (task)));
      return;
    }

  /* The search asked to unlock; no secret means the item stayed locked:
   * the prompt was dismissed or could not be shown. */
  if (value == NULL || secret_value_get_text (value) == NULL)
    {
      g_task_return_error (task, locked_error ());
      return;
    }

  found = g_new0 (Found, 1);
  found->secret = g_strdup (secret_value_get_text (value));
  found->attributes = secret_retrievable_get_attributes (SECRET_RETRIEVABLE (object));

  g_task_return_pointer (task, found, (GDestroyNotify)found_free);
}

static void
on_search_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (task);
  SecretRetrievable *newest = NULL;
  GList *items;

  items = secret_password_search_finish (result, &error);
  if (g_task_return_error_if_cancelled (task))
    {
      g_list_free_full (items, g_object_unref);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, map_secret_error (error, cancellable));
      return;
    }

  for (GList *l = items; l != NULL; l = l->next)
    if (newest == NULL || secret_retrievable_get_modified (l->data) > secret_retrievable_get_modified (newest))
      newest = l->data;

  if (newest == NULL)
    g_task_return_pointer (task, NULL, NULL);
  else
    secret_retrievable_retrieve_secret (newest, NULL, on_secret_retrieved_cb, g_steal_pointer (&task));
  g_list_free_full (items, g_object_unref);
}

/* Through libsecret's password API, not SecretService: inside a Flatpak
 * only that API uses the file backend the Secret portal unlocks; the
 * Secret Service itself is outside the sandbox.
 *
 * See the top of the file for why libsecret never gets a cancellable. */
static void
search_newest_async (const SecretSchema  *schema,
                     GHashTable          *attributes,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_task_data (task, attributes, (GDestroyNotify)g_hash_table_unref);
  secret_password_searchv (schema, attributes,
                           SECRET_SEARCH_ALL | SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                           NULL, on_search_cb, task);
}

/* Returns %NULL without an error when nothing is stored. */
static Found *
search_newest_finish (GAsyncResult  *result,
                      GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Loading tokens */

typedef struct
{
  TocsinTokenSet *tokens;
  char           *account;
} LoadResult;

static void
load_result_free (LoadResult *load)
{
  tocsin_token_set_free (load->tokens);
  g_free (load->account);
  g_free (load);
}

static void
on_token_found_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinTokenSet) tokens = NULL;
  Found *found;
  LoadResult *load;

  found = search_newest_finish (result, &error);
  if (found == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  tokens = tocsin_token_set_from_json (found->secret, &error);
  if (tokens == NULL)
    {
      found_free (found);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  load = g_new0 (LoadResult, 1);
  load->tokens = g_steal_pointer (&tokens);
  load->account = g_strdup (g_hash_table_lookup (found->attributes, "account"));
  found_free (found);

  g_task_return_pointer (task, load, (GDestroyNotify)load_result_free);
}

/**
 * tocsin_token_store_load_async:
 *
 * Reads the most recent token item for @auth_server and @client_id.
 */
void
tocsin_token_store_load_async (const char          *auth_server,
                               const char          *client_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (auth_server != NULL);
  g_return_if_fail (client_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_token_store_load_async);

  search_newest_async (&token_schema, make_attributes (auth_server, client_id, NULL),
                       cancellable, on_token_found_cb, task);
}

/**
 * tocsin_token_store_load_finish:
 * @account: (out) (optional): the account attribute of the item
 *
 * Returns: (transfer full) (nullable): the tokens; %NULL without an error
 *   when nothing is stored
 */
TocsinTokenSet *
tocsin_token_store_load_finish (GAsyncResult  *result,
                                char         **account,
                                GError       **error)
{
  LoadResult *load;
  TocsinTokenSet *tokens;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  if (account != NULL)
    *account = NULL;

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  tokens = g_steal_pointer (&load->tokens);
  if (account != NULL)
    *account = g_steal_pointer (&load->account);
  load_result_free (load);

  return tokens;
}

/* Clearing tokens */

static void
on_clear_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* FALSE without an error only means there was nothing to delete. */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_task_return_error (task, map_secret_error (error, g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tocsin_token_store_clear_async:
 *
 * Deletes the token items of every account for @auth_server and @client_id.
 */
void
tocsin_token_store_clear_async (const char          *auth_server,
                                const char          *client_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  GTask *task;

  g_return_if_fail (auth_server != NULL);
  g_return_if_fail (client_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_token_store_clear_async);

  attributes = make_attributes (auth_server, client_id, NULL);
  secret_password_clearv (&token_schema, attributes, NULL, on_clear_cb, task);
}

gboolean
tocsin_token_store_clear_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* The user's client secret */

static void
on_client_secret_stored_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, map_secret_error (error, g_task_get_cancellable (task)));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * tocsin_token_store_save_client_secret_async:
 * @client_secret: (nullable): the secret; %NULL or "" deletes the stored one
 */
void
tocsin_token_store_save_client_secret_async (const char          *auth_server,
                                             const char          *client_id,
                                             const char          *client_secret,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;
  g_autofree char *label = NULL;
  GTask *task;

  g_return_if_fail (auth_server != NULL);
  g_return_if_fail (client_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_token_store_save_client_secret_async);

  attributes = make_attributes (auth_server, client_id, NULL);
  if (client_secret == NULL || *client_secret == '\0')
    {
      secret_password_clearv (&client_secret_schema, attributes, NULL, on_clear_cb, task);
      return;
    }

  /* Translators: the keyring item's name; %s is an OAuth client id */
  label = g_strdup_printf (_("Tocsin client secret (%s)"), client_id);
  secret_password_storev (&client_secret_schema, attributes, SECRET_COLLECTION_DEFAULT, label,
                          client_secret, NULL, on_client_secret_stored_cb, task);
}

gboolean
tocsin_token_store_save_client_secret_finish (GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_client_secret_found_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  Found *found = search_newest_finish (result, &error);
  char *secret;

  if (found == NULL)
    {
      if (error != NULL)
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, NULL, NULL);
      return;
    }

  secret = g_strdup (found->secret);
  found_free (found);
  g_task_return_pointer (task, secret, (GDestroyNotify)secret_password_free);
}

void
tocsin_token_store_load_client_secret_async (const char          *auth_server,
                                             const char          *client_id,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (auth_server != NULL);
  g_return_if_fail (client_id != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, tocsin_token_store_load_client_secret_async);

  search_newest_async (&client_secret_schema, make_attributes (auth_server, client_id, NULL),
                       cancellable, on_client_secret_found_cb, task);
}

/**
 * tocsin_token_store_load_client_secret_finish:
 *
 * Returns: (transfer full) (nullable): the secret (free with
 *   secret_password_free()), %NULL without an error when none is stored
 */
char *
tocsin_token_store_load_client_secret_finish (GAsyncResult  *result,
                                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
