/* test-auth-keyring.c: the token store on a real Secret Service, and what
 * happens when the keyring is locked or missing
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The locked and missing cases cannot share the harness's keyring (other
 * tests use it in parallel), so each runs this program again in a child
 * `dbus-run-session` with its own HOME: one with a gnome-keyring that gets
 * locked, one with no secret service at all. Afterwards every file the
 * child could write is searched for the secrets it tried to store.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <string.h>

#include "tocsin-account-state.h"
#include "tocsin-alert-monitor.h"
#include "tocsin-alert-service.h"
#include "tocsin-cache.h"
#include "tocsin-context.h"
#include "tocsin-auth-session.h"
#include "tocsin-ops-client.h"
#include "tocsin-test-sandbox.h"
#include "tocsin-token-store.h"

#define CHILD_ENV "TOCSIN_AUTH_KEYRING_CHILD"
#define MARKER_ACCESS "MARKER-ACCESS-7f3a9c"
#define MARKER_REFRESH "MARKER-REFRESH-7f3a9c"
#define MARKER_SECRET "MARKER-CLIENT-SECRET-7f3a9c"
#define CHILD_SERVER "https://auth.keyring-child.test"
#define CHILD_CLIENT "keyring-child-client"
#define CHILD_PASSWORD "tocsin-child"

static gboolean
guard_timeout_cb (gpointer data)
{
  g_error ("Test took too long");
  return G_SOURCE_REMOVE;
}

typedef struct
{
  gboolean      done;
  GAsyncResult *result;
} Async;

static void
on_async_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Async *async = user_data;

  async->result = g_object_ref (result);
  async->done = TRUE;
}

static GAsyncResult *
async_wait (Async *async)
{
  guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);

  while (!async->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  return async->result;
}

static TocsinTokenSet *
marker_tokens (void)
{
  TocsinTokenSet *tokens = tocsin_token_set_new ();

  tokens->access_token = g_strdup (MARKER_ACCESS);
  tokens->refresh_token = g_strdup (MARKER_REFRESH);
  tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC + 3600;
  tokens->scope = g_strdup ("read:ops-alert:jira-service-management offline_access");
  return tokens;
}

static gboolean
save (const char           *server,
      const char           *account,
      const TocsinTokenSet *tokens,
      GError              **error)
{
  Async async = { 0 };
  gboolean ok;

  tocsin_token_store_save_async (server, CHILD_CLIENT, account, tokens, NULL, on_async_cb, &async);
  ok = tocsin_token_store_save_finish (async_wait (&async), error);
  g_object_unref (async.result);
  return ok;
}

static TocsinTokenSet *
load (const char  *server,
      char       **account,
      GError     **error)
{
  Async async = { 0 };
  TocsinTokenSet *tokens;

  tocsin_token_store_load_async (server, CHILD_CLIENT, NULL, on_async_cb, &async);
  tokens = tocsin_token_store_load_finish (async_wait (&async), account, error);
  g_object_unref (async.result);
  return tokens;
}

static gboolean
save_client_secret (const char  *server,
                    const char  *secret,
                    GError     **error)
{
  Async async = { 0 };
  gboolean ok;

  tocsin_token_store_save_client_secret_async (server, CHILD_CLIENT, secret, NULL, on_async_cb, &async);
  ok = tocsin_token_store_save_client_secret_finish (async_wait (&async), error);
  g_object_unref (async.result);
  return ok;
}

static char *
load_client_secret (const char  *server,
                    GError     **error)
{
  Async async = { 0 };
  char *secret;

  tocsin_token_store_load_client_secret_async (server, CHILD_CLIENT, NULL, on_async_cb, &async);
  secret = tocsin_token_store_load_client_secret_finish (async_wait (&async), error);
  g_object_unref (async.result);
  return secret;
}

static char *
secret_tool (const char *first,
             ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int wait_status = 0;
  const char *arg;
  va_list ap;

  g_ptr_array_add (argv, (char *)"secret-tool");
  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL) || out == NULL || *out == '\0')
    return NULL;
  return g_steal_pointer (&out);
}

static TocsinAuthSession *
child_session (const char *server)
{
  g_autoptr(TocsinConfig) config = tocsin_config_new (NULL);
  TocsinAuthSession *session;

  tocsin_config_override (config, "auth-base-url", server);
  tocsin_config_override (config, "api-base-url", "https://api.keyring-child.test");
  tocsin_config_override (config, "redirect-uri", "tocsin://callback");
  tocsin_config_override (config, "client-id", CHILD_CLIENT);

  session = tocsin_auth_session_new (config);
  tocsin_auth_session_set_launch_browser (session, FALSE);
  return session;
}

/* In the harness keyring */

static void
test_store_load_clear (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinTokenSet) tokens = marker_tokens ();
  g_autoptr(TocsinTokenSet) loaded = NULL;
  g_autofree char *server = g_strdup_printf ("https://auth-%u.store-test.example/", g_random_int ());
  g_autofree char *server_attr = g_strndup (server, strlen (server) - 1);
  g_autofree char *account = NULL;
  g_autofree char *found = NULL;
  g_autofree char *secret = NULL;

  g_assert_true (save (server, "acct-1", tokens, &error));
  g_assert_no_error (error);

  /* What secret-tool sees: the schema, the attributes, the JSON secret. */
  found = secret_tool ("lookup", "xdg:schema", "io.github.tocsin.Tocsin.Token", "auth-server", server_attr,
                       "client-id", CHILD_CLIENT, "account", "acct-1", NULL);
  g_assert_nonnull (found);
  g_assert_nonnull (strstr (found, "\"access_token\":\"" MARKER_ACCESS "\""));
  g_assert_nonnull (strstr (found, "\"refresh_token\":\"" MARKER_REFRESH "\""));
  g_assert_nonnull (strstr (found, "\"expires_at\":"));
  g_assert_nonnull (strstr (found, "\"scope\":"));
  g_clear_pointer (&found, g_free);

  loaded = load (server, &account, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpstr (loaded->access_token, ==, MARKER_ACCESS);
  g_assert_cmpstr (loaded->refresh_token, ==, MARKER_REFRESH);
  g_assert_cmpint (loaded->expires_at, ==, tokens->expires_at);
  g_assert_cmpstr (account, ==, "acct-1");
  g_clear_pointer (&loaded, tocsin_token_set_free);
  g_clear_pointer (&account, g_free);

  /* Rotation replaces the item of the same account. */
  g_free (tokens->refresh_token);
  tokens->refresh_token = g_strdup ("rotated-refresh");
  g_assert_true (save (server, "acct-1", tokens, &error));
  found = secret_tool ("search", "--all", "auth-server", server_attr, NULL);
  g_assert_nonnull (found);
  g_assert_null (strstr (found, MARKER_REFRESH));
  g_clear_pointer (&found, g_free);

  /* Another account's sign-in replaces the first. */
  g_assert_true (save (server, "acct-2", tokens, &error));
  loaded = load (server, &account, &error);
  g_assert_cmpstr (account, ==, "acct-2");
  {
    guint guard = g_timeout_add_seconds (30, guard_timeout_cb, NULL);

    /* The old item is removed in the background. */
    while ((found = secret_tool ("lookup", "auth-server", server_attr, "account", "acct-1", NULL)) != NULL)
      {
        g_clear_pointer (&found, g_free);
        g_main_context_iteration (NULL, FALSE);
      }
    g_source_remove (guard);
  }

  /* The user's client secret, in its own schema. */
  g_assert_true (save_client_secret (server, MARKER_SECRET, &error));
  secret = load_client_secret (server, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (secret, ==, MARKER_SECRET);
  g_clear_pointer (&secret, g_free);
  found = secret_tool ("lookup", "xdg:schema", "io.github.tocsin.Tocsin.ClientSecret",
                       "auth-server", server_attr, "client-id", CHILD_CLIENT, NULL);
  g_assert_cmpstr (found, ==, MARKER_SECRET);
  g_clear_pointer (&found, g_free);
  g_assert_true (save_client_secret (server, NULL, &error));
  g_assert_null (load_client_secret (server, &error));
  g_assert_no_error (error);

  /* Clearing removes every account. */
  {
    Async async = { 0 };

    tocsin_token_store_clear_async (server, CHILD_CLIENT, NULL, on_async_cb, &async);
    g_assert_true (tocsin_token_store_clear_finish (async_wait (&async), &error));
    g_object_unref (async.result);
  }
  g_clear_pointer (&loaded, tocsin_token_set_free);
  loaded = load (server, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (loaded);
  g_assert_null (secret_tool ("search", "--all", "auth-server", server_attr, NULL));
}

/* Children */

static void
assert_keyring_error (GError *error,
                      int     code)
{
  g_assert_error (error, TOCSIN_AUTH_ERROR, code);
  g_assert_nonnull (strstr (error->message, "keyring"));
}

static void
assert_session_fails (int code)
{
  g_autoptr(TocsinAuthSession) session = child_session (CHILD_SERVER);
  g_autoptr(GError) error = NULL;
  Async async = { 0 };

  tocsin_auth_session_restore_async (session, NULL, on_async_cb, &async);
  g_assert_false (tocsin_auth_session_restore_finish (session, async_wait (&async), &error));
  assert_keyring_error (error, code);
  g_clear_error (&error);
  g_clear_object (&async.result);
  g_assert_cmpint (tocsin_auth_session_get_state (session), ==, TOCSIN_AUTH_STATE_SIGNED_OUT);

  async = (Async) { 0 };
  tocsin_auth_session_sign_in_async (session, NULL, NULL, on_async_cb, &async);
  g_assert_false (tocsin_auth_session_sign_in_finish (session, async_wait (&async), &error));
  assert_keyring_error (error, code);
  g_clear_object (&async.result);
  g_assert_cmpint (tocsin_auth_session_get_state (session), ==, TOCSIN_AUTH_STATE_SIGNED_OUT);
}

static void
child_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinTokenSet) tokens = marker_tokens ();
  g_autoptr(TocsinTokenSet) loaded = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autofree char *secret = NULL;
  GList *objects;

  /* Unlocked, things are stored; then the keyring gets locked. */
  g_assert_true (save (CHILD_SERVER, "acct", tokens, &error));
  g_assert_no_error (error);
  g_assert_true (save_client_secret (CHILD_SERVER, MARKER_SECRET, &error));

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  secret_service_lock_sync (service, objects, NULL, NULL, &error);
  g_list_free (objects);
  g_assert_no_error (error);
  g_assert_true (secret_collection_get_locked (collection));

  /* No display: the unlock prompt cannot be shown, as if dismissed. */
  g_assert_false (save (CHILD_SERVER, "acct", tokens, &error));
  assert_keyring_error (error, TOCSIN_AUTH_ERROR_KEYRING_LOCKED);
  g_clear_error (&error);

  loaded = load (CHILD_SERVER, NULL, &error);
  g_assert_null (loaded);
  assert_keyring_error (error, TOCSIN_AUTH_ERROR_KEYRING_LOCKED);
  g_clear_error (&error);

  secret = load_client_secret (CHILD_SERVER, &error);
  g_assert_null (secret);
  assert_keyring_error (error, TOCSIN_AUTH_ERROR_KEYRING_LOCKED);
  g_clear_error (&error);

  assert_session_fails (TOCSIN_AUTH_ERROR_KEYRING_LOCKED);
}

static void
child_unavailable (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinTokenSet) tokens = marker_tokens ();
  g_autoptr(TocsinTokenSet) loaded = NULL;

  g_assert_false (save (CHILD_SERVER, "acct", tokens, &error));
  assert_keyring_error (error, TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE);
  g_clear_error (&error);

  loaded = load (CHILD_SERVER, NULL, &error);
  g_assert_null (loaded);
  assert_keyring_error (error, TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE);
  g_clear_error (&error);

  g_assert_false (save_client_secret (CHILD_SERVER, MARKER_SECRET, &error));
  assert_keyring_error (error, TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE);
  g_clear_error (&error);

  assert_session_fails (TOCSIN_AUTH_ERROR_KEYRING_UNAVAILABLE);
}

/* Locks or unlocks the default collection over D-Bus, as the session's
 * keyring daemon would on idle and as a user typing the password would. */
static void
set_default_collection_locked (gboolean locked)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GVariant) opened = NULL;
  g_autoptr(GVariant) reply = NULL;
  GDBusConnection *connection;
  const char *session_path;

  service = secret_service_get_sync (SECRET_SERVICE_LOAD_COLLECTIONS, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);

  if (locked)
    {
      GList *objects = g_list_append (NULL, collection);

      secret_service_lock_sync (service, objects, NULL, NULL, &error);
      g_list_free (objects);
      g_assert_no_error (error);
      return;
    }

  /* Unlock needs a prompt, which cannot be shown here; gnome-keyring's
   * private interface takes the password without one (plain session). */
  connection = g_dbus_proxy_get_connection (G_DBUS_PROXY (service));
  opened = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                        "org.freedesktop.Secret.Service", "OpenSession",
                                        g_variant_new ("(sv)", "plain", g_variant_new_string ("")),
                                        G_VARIANT_TYPE ("(vo)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (opened, "(v&o)", NULL, &session_path);
  reply = g_dbus_connection_call_sync (connection, "org.freedesktop.secrets", "/org/freedesktop/secrets",
                                       "org.gnome.keyring.InternalUnsupportedGuiltRiddenInterface",
                                       "UnlockWithMasterPassword",
                                       g_variant_new ("(o(o@ay@ays))",
                                                      g_dbus_proxy_get_object_path (G_DBUS_PROXY (collection)),
                                                      session_path,
                                                      g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, "", 0, 1),
                                                      g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, CHILD_PASSWORD,
                                                                                 strlen (CHILD_PASSWORD), 1),
                                                      "text/plain"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
}

static char *
get_token (TocsinAuthSession  *session,
           const char         *rejected,
           GError            **error)
{
  Async async = { 0 };
  char *token;

  tocsin_token_provider_get_access_token_async (TOCSIN_TOKEN_PROVIDER (session), rejected, NULL,
                                                on_async_cb, &async);
  token = tocsin_token_provider_get_access_token_finish (TOCSIN_TOKEN_PROVIDER (session),
                                                         async_wait (&async), error);
  g_object_unref (async.result);
  return token;
}

static void
on_keyring_unsaved_cb (TocsinAuthSession *session,
                       GParamSpec        *pspec,
                       guint             *notices)
{
  if (tocsin_auth_session_get_keyring_unsaved (session))
    (*notices)++;
}

static gboolean
spin_done_cb (gpointer data)
{
  *(gboolean *)data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
child_refresh_locked (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinConfig) config = tocsin_config_new (NULL);
  g_autoptr(TocsinAuthSession) session = NULL;
  g_autoptr(TocsinTokenSet) tokens = tocsin_token_set_new ();
  g_autoptr(TocsinTokenSet) stored = NULL;
  g_autoptr(TocsinOpsClient) client = NULL;
  g_autoptr(TocsinAlertService) service = NULL;
  g_autoptr(GPtrArray) alerts = NULL;
  g_autofree char *refresh = NULL;
  g_autofree char *access = NULL;
  g_autofree char *token1 = NULL;
  g_autofree char *token2 = NULL;
  g_autofree char *alerts_path = NULL;
  const char *server;
  const char *client_id;
  Async async = { 0 };
  guint notices = 0;
  guint guard;

  g_assert_nonnull (sb);
  server = tocsin_test_sandbox_get_auth_url (sb);
  client_id = tocsin_test_sandbox_get_client_id (sb);

  /* Signed in earlier: the tokens and the client secret are in the keyring. */
  access = tocsin_test_sandbox_sign_in (sb, NULL, &refresh);
  tokens->access_token = g_strdup (access);
  tokens->refresh_token = g_strdup (refresh);
  tokens->expires_at = g_get_real_time () / G_USEC_PER_SEC + 3600;
  tokens->scope = g_strdup (TOCSIN_TEST_SANDBOX_ALL_SCOPES);
  tocsin_token_store_save_async (server, client_id, TOCSIN_TEST_SANDBOX_USER_ID, tokens, NULL,
                                 on_async_cb, &async);
  g_assert_true (tocsin_token_store_save_finish (async_wait (&async), &error));
  g_clear_object (&async.result);
  async = (Async) { 0 };
  tocsin_token_store_save_client_secret_async (server, client_id, tocsin_test_sandbox_get_client_secret (sb),
                                               NULL, on_async_cb, &async);
  g_assert_true (tocsin_token_store_save_client_secret_finish (async_wait (&async), &error));
  g_clear_object (&async.result);

  tocsin_config_override (config, "auth-base-url", server);
  tocsin_config_override (config, "api-base-url", tocsin_test_sandbox_get_api_url (sb));
  tocsin_config_override (config, "redirect-uri", "tocsin://callback");
  tocsin_config_override (config, "client-id", client_id);
  session = tocsin_auth_session_new (config);
  async = (Async) { 0 };
  tocsin_auth_session_restore_async (session, NULL, on_async_cb, &async);
  g_assert_true (tocsin_auth_session_restore_finish (session, async_wait (&async), &error));
  g_clear_object (&async.result);
  g_assert_cmpint (tocsin_auth_session_get_state (session), ==, TOCSIN_AUTH_STATE_SIGNED_IN);
  g_signal_connect (session, "notify::keyring-unsaved", G_CALLBACK (on_keyring_unsaved_cb), &notices);

  /* The keyring locks itself; then the access token is rejected. */
  set_default_collection_locked (TRUE);
  tocsin_test_sandbox_clear_log (sb);
  token1 = get_token (session, access, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token1, !=, access);

  /* Polling goes on with it. */
  client = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (sb), tocsin_test_sandbox_get_cloud_id (sb, 0),
                                  TOCSIN_TOKEN_PROVIDER (session), &error);
  g_assert_no_error (error);
  async = (Async) { 0 };
  service = tocsin_alert_service_new (client);
  tocsin_alert_service_list_async (service, NULL, 5, NULL, on_async_cb, &async);
  alerts = tocsin_alert_service_list_finish (service, async_wait (&async), NULL, NULL, &error);
  g_clear_object (&async.result);
  g_assert_no_error (error);
  g_assert_cmpuint (alerts->len, >, 0);
  alerts_path = tocsin_test_sandbox_site_path (sb, 0, "alerts");
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (sb, "GET", alerts_path), >=, 1);

  /* The user is told, once. */
  guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);
  while (notices == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  g_assert_true (tocsin_auth_session_get_keyring_unsaved (session));

  /* Another rotation while locked, and retries: still one notice. */
  token2 = get_token (session, token1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token2, !=, token1);
  {
    gboolean waited = FALSE;

    g_timeout_add_seconds (5, spin_done_cb, &waited);
    while (!waited)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpuint (notices, ==, 1);

  /* Unlocked again: the newest tokens reach the keyring. */
  set_default_collection_locked (FALSE);
  guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);
  while (tocsin_auth_session_get_keyring_unsaved (session))
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  g_assert_cmpuint (notices, ==, 1);

  async = (Async) { 0 };
  tocsin_token_store_load_async (server, client_id, NULL, on_async_cb, &async);
  stored = tocsin_token_store_load_finish (async_wait (&async), NULL, &error);
  g_clear_object (&async.result);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_cmpstr (stored->access_token, ==, token2);
  g_assert_nonnull (stored->refresh_token);
  g_assert_cmpstr (stored->refresh_token, !=, refresh);

  g_clear_object (&client);
  g_clear_object (&session);
  tocsin_test_sandbox_stop (sb);
}

/* Parent side */

static gboolean
contains_bytes (const char *haystack,
                gsize       len,
                const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (haystack + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static void
assert_no_marker_in (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize len = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          assert_no_marker_in (path);
          continue;
        }
      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
          !g_file_get_contents (path, &contents, &len, NULL))
        continue;

      /* Binary-safe search. */
      for (const char *markers[] = { MARKER_ACCESS, MARKER_REFRESH, MARKER_SECRET, "access_token" }, **m = markers;
           m < markers + G_N_ELEMENTS (markers); m++)
        if (contains_bytes (contents, len, *m))
          g_error ("Found %s in plain text in %s", *m, path);
    }
}

static void
rm_rf (const char *dir)
{
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autoptr(GFileEnumerator) children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                    G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                                                    NULL, NULL);
  GFileInfo *info;

  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, g_file_info_get_name (info), NULL);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        rm_rf (path);
      else
        g_unlink (path);
      g_object_unref (info);
    }
  g_rmdir (dir);
}

static void
run_child (const char *mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *scratch = g_dir_make_tmp ("tocsin-keyring-XXXXXX", &error);
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *services = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *conf_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *child_path = g_strconcat ("/auth/keyring/child-", mode, NULL);
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *dirs[] = { "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                         "XDG_STATE_HOME", "XDG_RUNTIME_DIR" };
  int wait_status = 0;
  const char *script;

  g_assert_no_error (error);
  g_assert_nonnull (self_exe);

  for (guint i = 0; i < G_N_ELEMENTS (dirs); i++)
    {
      g_autofree char *path = g_build_filename (scratch, dirs[i], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      env = g_environ_setenv (env, dirs[i], path, TRUE);
    }
  env = g_environ_setenv (env, CHILD_ENV, mode, TRUE);
  /* Nothing may reach the harness's keyring or a display for a prompt. */
  env = g_environ_unsetenv (env, "GNOME_KEYRING_CONTROL");
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  /* A bus with no activatable services: no org.freedesktop.secrets but the
   * keyring a mode starts by hand, and no prompter, so gnome-keyring refuses
   * every unlock prompt, as when a user dismisses it, the same way each run. */
  services = g_build_filename (scratch, "no-services", NULL);
  g_assert_cmpint (g_mkdir_with_parents (services, 0700), ==, 0);
  conf = g_build_filename (scratch, "session.conf", NULL);
  conf_text = g_strdup_printf (
        "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
        " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
        "<busconfig>\n"
        "  <type>session</type>\n"
        "  <listen>unix:tmpdir=%s</listen>\n"
        "  <servicedir>%s</servicedir>\n"
        "  <policy context=\"default\">\n"
        "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
        "    <allow eavesdrop=\"true\"/>\n"
        "    <allow own=\"*\"/>\n"
        "  </policy>\n"
        "</busconfig>\n", scratch, services);
  g_file_set_contents (conf, conf_text, -1, &error);
  g_assert_no_error (error);
  g_ptr_array_add (argv, (char *)"dbus-run-session");
  g_ptr_array_add (argv, (char *)"--config-file");
  g_ptr_array_add (argv, conf);
  if (g_str_equal (mode, "unavailable"))
    script = "exec \"$0\" -p \"$1\"";
  else
    {
      script =
        /* The test's fatal G_DEBUG is not the daemon's: its warning that no
         * prompt can be shown must not kill it. */
        "printf " CHILD_PASSWORD " | env -u G_DEBUG gnome-keyring-daemon --foreground --unlock "
        "  --components=secrets >/dev/null 2>&1 &\n"
        "keyring=$!\n"
        "for i in $(seq 100); do\n"
        "  dbus-send --session --print-reply --dest=org.freedesktop.DBus / "
        "    org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null |"
        "    grep -q 'boolean true' && break\n"
        "  sleep 0.1\n"
        "done\n"
        "\"$0\" -p \"$1\"; status=$?\n"
        "kill $keyring; wait $keyring 2>/dev/null\n"
        "exit $status\n";
    }
  g_ptr_array_add (argv, (char *)"--");
  g_ptr_array_add (argv, (char *)"/bin/sh");
  g_ptr_array_add (argv, (char *)"-c");
  g_ptr_array_add (argv, (char *)script);
  g_ptr_array_add (argv, self_exe);
  g_ptr_array_add (argv, child_path);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **)argv->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL))
    g_error ("Child %s failed:\n%s\n%s", mode, out, err);
  /* The child really ran its test (it would be absent without the variable). */
  g_assert_nonnull (strstr (out, "ok 1 /auth/keyring/child-"));

  assert_no_marker_in (scratch);
  rm_rf (scratch);
}

static void
test_locked (void)
{
  run_child ("locked");
}

static void
test_unavailable (void)
{
  run_child ("unavailable");
}

/* A start from the cache, and the keyring locked (the unlock prompt
 * dismissed): the cached alerts show until the keyring answers, then go,
 * since nothing can be asked of the server; the user is told why; the
 * account is still remembered, so the start after an unlock shows its
 * cached alerts again. Nothing pages from the cache meanwhile. */
static void
child_cached_start_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinTokenSet) tokens = marker_tokens ();
  g_autoptr(TocsinCache) cache = tocsin_cache_new ("acct");
  g_autoptr(GListStore) alerts = g_list_store_new (TOCSIN_TYPE_ALERT);
  g_autofree char *query = tocsin_alert_preset_query (TOCSIN_ALERT_PRESET_OPEN);
  g_autofree char *last_account = NULL;
  g_autofree char *last_site = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_ID);
  g_autoptr(TocsinConfig) config = tocsin_config_new (NULL);
  g_autoptr(GApplication) app =
    g_application_new ("io.github.tocsin.KeyringChild", G_APPLICATION_NON_UNIQUE);
  g_autoptr(TocsinContext) context = NULL;
  TocsinAlertMonitor *monitor;
  TocsinAuthSession  *session;
  Async               async = { 0 };

  /* Signed in on an earlier run, which left its alerts in the cache. */
  g_assert_true (save (CHILD_SERVER, "acct", tokens, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("cached-%u", i);
      g_autoptr(TocsinAlert) alert = tocsin_alert_new (id);

      tocsin_alert_set_status (alert, "open");
      g_list_store_append (alerts, alert);
    }
  tocsin_cache_save_alerts_async (cache, "site-1", query, G_LIST_MODEL (alerts), NULL, on_async_cb,
                                  &async);
  g_assert_true (tocsin_cache_save_finish (cache, async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  tocsin_account_state_save_last (CHILD_SERVER, CHILD_CLIENT, "acct", "site-1");
  set_default_collection_locked (TRUE);

  tocsin_config_override (config, "auth-base-url", CHILD_SERVER);
  tocsin_config_override (config, "api-base-url", "https://api.keyring-child.test");
  tocsin_config_override (config, "redirect-uri", "tocsin://callback");
  tocsin_config_override (config, "client-id", CHILD_CLIENT);
  context = tocsin_context_new (app, settings, config);
  session = tocsin_context_get_auth_session (context);

  /* Before the keyring answers: the cached alerts, nothing paging. */
  g_assert_true (tocsin_context_get_cached_start (context));
  monitor = tocsin_context_get_alert_monitor (context);
  g_assert_nonnull (monitor);
  g_assert_true (tocsin_alert_monitor_get_cached (monitor));
  g_assert_cmpuint (g_list_model_get_n_items (
                      G_LIST_MODEL (tocsin_alert_monitor_get_model (monitor))),
                    ==, 3);
  g_assert_null (tocsin_context_get_paging_watcher (context));

  /* The keyring answers "locked"; the application passes that on. */
  async = (Async){ 0 };
  tocsin_auth_session_restore_async (session, NULL, on_async_cb, &async);
  g_assert_false (tocsin_auth_session_restore_finish (session, async_wait (&async), &error));
  assert_keyring_error (error, TOCSIN_AUTH_ERROR_KEYRING_LOCKED);
  tocsin_context_set_sign_in_error (context, error);
  tocsin_context_end_cached_start (context, FALSE);
  g_clear_object (&async.result);

  g_assert_false (tocsin_context_get_cached_start (context));
  g_assert_null (tocsin_context_get_alert_monitor (context));
  g_assert_null (tocsin_context_get_paging_watcher (context));
  g_assert_cmpint (tocsin_auth_session_get_state (session), ==, TOCSIN_AUTH_STATE_SIGNED_OUT);
  g_assert_true (g_error_matches (tocsin_context_get_sign_in_error (context), TOCSIN_AUTH_ERROR,
                                  TOCSIN_AUTH_ERROR_KEYRING_LOCKED));
  /* Locked is not signed out: the account and its cache stay. */
  g_assert_true (
    tocsin_account_state_load_last (CHILD_SERVER, CHILD_CLIENT, &last_account, &last_site));
  g_assert_cmpstr (last_account, ==, "acct");
  g_assert_true (g_file_test (tocsin_cache_get_path (cache), G_FILE_TEST_IS_DIR));

  tocsin_context_shutdown (context);
}

static void
test_cached_start_locked (void)
{
  run_child ("cached-start-locked");
}

/* A refresh while the keyring is locked: the API calls go on, the user is
 * told once, and the newest tokens are written once it is unlocked. */
static void
test_refresh_locked (void)
{
  run_child ("refresh-locked");
}

int
main (int   argc,
      char *argv[])
{
  const char *child = g_getenv (CHILD_ENV);

  g_test_init (&argc, &argv, NULL);

  if (g_strcmp0 (child, "locked") == 0)
    g_test_add_func ("/auth/keyring/child-locked", child_locked);
  else if (g_strcmp0 (child, "unavailable") == 0)
    g_test_add_func ("/auth/keyring/child-unavailable", child_unavailable);
  else if (g_strcmp0 (child, "refresh-locked") == 0)
    g_test_add_func ("/auth/keyring/child-refresh-locked", child_refresh_locked);
  else if (g_strcmp0 (child, "cached-start-locked") == 0)
    g_test_add_func ("/auth/keyring/child-cached-start-locked", child_cached_start_locked);
  else
    {
      g_test_add_func ("/auth/keyring/store-load-clear", test_store_load_clear);
      g_test_add_func ("/auth/keyring/locked", test_locked);
      g_test_add_func ("/auth/keyring/unavailable", test_unavailable);
      g_test_add_func ("/auth/keyring/refresh-while-locked", test_refresh_locked);
      g_test_add_func ("/auth/keyring/cached-start-locked", test_cached_start_locked);
    }

  return g_test_run ();
}
