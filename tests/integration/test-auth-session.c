/* test-auth-session.c: sign-in, keyring, refresh against tocsin-sandbox
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The test plays the browser over HTTP: it fetches the authorize URL the
 * session built, posts the consent form, and follows the redirect to the
 * session's loopback server (or hands a tocsin:// URI to the session).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "tocsin-auth-session.h"
#include "tocsin-sign-in-flow.h"
#include "tocsin-test-sandbox.h"
#include "tocsin-token-provider.h"

typedef struct
{
  TocsinTestSandbox *sb;
  TocsinConfig      *config;
  TocsinAuthSession *session;
  char              *redirect;
} Fixture;

/* Main loop helpers */

static gboolean
guard_timeout_cb (gpointer data)
{
  g_error ("Test took too long");
  return G_SOURCE_REMOVE;
}

static void
spin_until (gboolean *flag)
{
  guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
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
  spin_until (&async->done);
  return async->result;
}

/* The browser */

typedef struct
{
  gboolean  done;
  GBytes   *bytes;
  GError   *error;
} Fetch;

static void
on_fetched_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &fetch->error);
  fetch->done = TRUE;
}

static char *
send (SoupMessage *message,
      guint       *status)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  Fetch fetch = { 0 };
  gsize len;
  const char *data;
  char *text;

  soup_message_add_flags (message, SOUP_MESSAGE_NO_REDIRECT);
  soup_session_send_and_read_async (session, message, G_PRIORITY_DEFAULT, NULL, on_fetched_cb, &fetch);
  spin_until (&fetch.done);
  g_assert_no_error (fetch.error);

  *status = soup_message_get_status (message);
  data = g_bytes_get_data (fetch.bytes, &len);
  text = g_strndup (data, len);
  g_bytes_unref (fetch.bytes);
  return text;
}

static char *
html_unescape (const char *text)
{
  GString *out = g_string_new (NULL);
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&quot;", '"' }, { "&#39;", '\'' }, { "&lt;", '<' }, { "&gt;", '>' },
  };

  while (*text != '\0')
    {
      gboolean matched = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
        if (g_str_has_prefix (text, entities[i].entity))
          {
            g_string_append_c (out, entities[i].c);
            text += strlen (entities[i].entity);
            matched = TRUE;
            break;
          }
      if (!matched)
        g_string_append_c (out, *text++);
    }

  return g_string_free (out, FALSE);
}

/* Fetches @authorize_uri, submits the consent form with @decision and
 * returns the Location of the sandbox's redirect. */
static char *
consent (Fixture    *fixture,
         const char *authorize_uri,
         const char *decision)
{
  g_autoptr(SoupMessage) get = soup_message_new ("GET", authorize_uri);
  g_autoptr(SoupMessage) post = NULL;
  g_autoptr(GRegex) hidden = NULL;
  g_autoptr(GRegex) sites = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) form = g_string_new (NULL);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *page = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *url = NULL;
  guint status = 0;

  g_assert_nonnull (get);
  page = send (get, &status);
  g_assert_cmpuint (status, ==, 200);

  hidden = g_regex_new ("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">", 0, 0, NULL);
  for (g_regex_match (hidden, page, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *raw = g_match_info_fetch (match, 2);
      g_autofree char *value = html_unescape (raw);
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (form, "%s=%s&", name, escaped);
    }
  g_clear_pointer (&match, g_match_info_unref);

  sites = g_regex_new ("name=\"site\" value=\"([^\"]+)\"", 0, 0, NULL);
  for (g_regex_match (sites, page, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *id = g_match_info_fetch (match, 1);

      g_string_append_printf (form, "site=%s&", id);
    }
  g_string_append_printf (form, "decision=%s", decision);

  url = g_strconcat (tocsin_test_sandbox_get_auth_url (fixture->sb), "/authorize/consent", NULL);
  post = soup_message_new ("POST", url);
  body = g_bytes_new (form->str, form->len);
  soup_message_set_request_body_from_bytes (post, "application/x-www-form-urlencoded", body);
  reply = send (post, &status);
  g_assert_cmpuint (status, ==, 302);

  return g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (post), "Location"));
}

/* Setup */

static guint
free_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  guint port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);

  g_assert_cmpuint (port, >, 0);
  g_socket_listener_close (listener);
  return port;
}

static void
fixture_start (Fixture    *fixture,
               const char *redirect,
               ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  Async async = { 0 };
  const char *arg;
  va_list ap;

  fixture->redirect = redirect != NULL ? g_strdup (redirect)
                                       : g_strdup_printf ("http://localhost:%u/callback", free_port ());

  g_ptr_array_add (args, (char *)"--callback-url");
  g_ptr_array_add (args, fixture->redirect);
  va_start (ap, redirect);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (char *)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  switch (args->len)
    {
    case 3:
      fixture->sb = tocsin_test_sandbox_start (args->pdata[0], args->pdata[1], NULL);
      break;
    case 4:
      fixture->sb = tocsin_test_sandbox_start (args->pdata[0], args->pdata[1], args->pdata[2], NULL);
      break;
    case 5:
      fixture->sb = tocsin_test_sandbox_start (args->pdata[0], args->pdata[1], args->pdata[2],
                                               args->pdata[3], NULL);
      break;
    case 6:
      fixture->sb = tocsin_test_sandbox_start (args->pdata[0], args->pdata[1], args->pdata[2],
                                               args->pdata[3], args->pdata[4], NULL);
      break;
    default:
      g_assert_not_reached ();
    }
  g_assert_nonnull (fixture->sb);

  fixture->config = tocsin_config_new (NULL);
  tocsin_config_override (fixture->config, "auth-base-url", tocsin_test_sandbox_get_auth_url (fixture->sb));
  tocsin_config_override (fixture->config, "api-base-url", tocsin_test_sandbox_get_api_url (fixture->sb));
  tocsin_config_override (fixture->config, "redirect-uri", fixture->redirect);
  tocsin_config_override (fixture->config, "client-id", tocsin_test_sandbox_get_client_id (fixture->sb));

  fixture->session = tocsin_auth_session_new (fixture->config);
  tocsin_auth_session_set_launch_browser (fixture->session, FALSE);

  /* The client secret goes where a user's would: into the keyring. */
  tocsin_auth_session_set_client_secret_async (fixture->session,
                                               tocsin_test_sandbox_get_client_secret (fixture->sb),
                                               NULL, on_async_cb, &async);
  tocsin_auth_session_set_client_secret_finish (fixture->session, async_wait (&async), &error);
  g_assert_no_error (error);
  g_object_unref (async.result);
}

static void
fixture_stop (Fixture *fixture)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->config);
  g_clear_pointer (&fixture->sb, tocsin_test_sandbox_stop);
  g_clear_pointer (&fixture->redirect, g_free);
}

static void
wait_for_authorize_uri (Fixture *fixture)
{
  guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);

  while (tocsin_auth_session_get_authorize_uri (fixture->session) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

/* Runs a whole sign-in with @decision, through the loopback server. */
static gboolean
sign_in (Fixture     *fixture,
         const char  *decision,
         GError     **error)
{
  g_autofree char *location = NULL;
  g_autofree char *page = NULL;
  g_autoptr(SoupMessage) get = NULL;
  Async async = { 0 };
  guint status = 0;
  gboolean ok;

  tocsin_auth_session_sign_in_async (fixture->session, NULL, NULL, on_async_cb, &async);
  wait_for_authorize_uri (fixture);
  g_assert_cmpint (tocsin_auth_session_get_state (fixture->session), ==, TOCSIN_AUTH_STATE_SIGNING_IN);

  location = consent (fixture, tocsin_auth_session_get_authorize_uri (fixture->session), decision);
  g_assert_true (g_str_has_prefix (location, fixture->redirect));

  get = soup_message_new ("GET", location);
  page = send (get, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (page, "close this tab"));

  ok = tocsin_auth_session_sign_in_finish (fixture->session, async_wait (&async), error);
  g_object_unref (async.result);
  return ok;
}

/* Keyring inspection with secret-tool, as a user would. */
static char *
secret_tool_lookup (Fixture    *fixture,
                    const char *account)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int wait_status = 0;
  const char *argv[] = {
    "secret-tool", "lookup", "xdg:schema", "io.github.tocsin.Tocsin.Token",
    "auth-server", tocsin_test_sandbox_get_auth_url (fixture->sb),
    "client-id", tocsin_test_sandbox_get_client_id (fixture->sb),
    "account", account, NULL,
  };

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &wait_status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (wait_status, NULL) || out == NULL || *out == '\0')
    return NULL;
  return g_steal_pointer (&out);
}

static JsonObject *
stored_tokens (Fixture *fixture)
{
  g_autofree char *text = secret_tool_lookup (fixture, TOCSIN_TEST_SANDBOX_USER_ID);
  g_autoptr(JsonParser) parser = json_parser_new ();

  if (text == NULL)
    return NULL;
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The keyring write follows the refresh in the background: waits for the
 * item that holds @access_token. */
static JsonObject *
wait_for_stored (Fixture    *fixture,
                 const char *access_token)
{
  guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);
  JsonObject *stored = NULL;

  for (;;)
    {
      stored = stored_tokens (fixture);
      if (stored != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (stored, "access_token", ""), access_token) == 0)
        break;
      g_clear_pointer (&stored, json_object_unref);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (guard);
  return stored;
}

static char *
get_token (Fixture    *fixture,
           const char *rejected,
           GError    **error)
{
  Async async = { 0 };
  char *token;

  tocsin_token_provider_get_access_token_async (TOCSIN_TOKEN_PROVIDER (fixture->session), rejected,
                                                NULL, on_async_cb, &async);
  token = tocsin_token_provider_get_access_token_finish (TOCSIN_TOKEN_PROVIDER (fixture->session),
                                                         async_wait (&async), error);
  g_object_unref (async.result);
  return token;
}

static guint
count_grants (Fixture    *fixture,
              const char *grant_type)
{
  g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (fixture->sb);
  guint n = 0;

  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "path", ""), "/oauth/token") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "method", ""), "POST") == 0 &&
          g_strcmp0 (json_object_get_string_member_with_default (entry, "grant_type", ""), grant_type) == 0)
        n++;
    }
  return n;
}

static char *
read_file_or_null (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

/* Tests */

static void
test_full_flow (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(TocsinAuthSession) restored = NULL;
  g_autofree char *token = NULL;
  g_autofree char *path = NULL;
  g_autofree char *state_file = NULL;
  TocsinSite *site;
  Async async = { 0 };
  gboolean saw_verifier = FALSE;

  fixture_start (&fixture, NULL, NULL);
  g_assert_true (sign_in (&fixture, "accept", &error));
  g_assert_no_error (error);

  g_assert_cmpint (tocsin_auth_session_get_state (fixture.session), ==, TOCSIN_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (tocsin_auth_session_get_account_id (fixture.session), ==, TOCSIN_TEST_SANDBOX_USER_ID);
  g_assert_cmpstr (tocsin_auth_session_get_account_name (fixture.session), ==, "Dana Okafor");
  g_assert_cmpuint (g_list_model_get_n_items (tocsin_auth_session_get_sites (fixture.session)), ==, 2);
  site = tocsin_auth_session_get_current_site (fixture.session);
  g_assert_nonnull (site);
  g_assert_cmpstr (tocsin_site_get_id (site), ==, tocsin_test_sandbox_get_cloud_id (fixture.sb, 0));
  g_assert_true (tocsin_site_has_ops_scopes (site));
  g_assert_null (tocsin_auth_session_get_authorize_uri (fixture.session));
  /* Sites that list the Operations scopes are taken as listed. */
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (fixture.sb, "GET", "/ex/jira/"), ==, 1);

  /* The exchange used a JSON body with the PKCE verifier. */
  g_assert_cmpuint (count_grants (&fixture, "authorization_code"), ==, 1);
  log = tocsin_test_sandbox_get_log (fixture.sb);
  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);
      JsonNode *body = json_object_get_member (entry, "body");

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "grant_type", ""), "authorization_code") == 0)
        {
          g_assert_true (JSON_NODE_HOLDS_OBJECT (body));
          saw_verifier = json_object_has_member (json_node_get_object (body), "code_verifier");
        }
    }
  g_assert_true (saw_verifier);

  /* The keyring holds the tokens, and hands out what the session uses. */
  stored = stored_tokens (&fixture);
  g_assert_nonnull (stored);
  token = get_token (&fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (stored, "access_token"), ==, token);
  g_assert_nonnull (json_object_get_string_member (stored, "refresh_token"));
  g_assert_cmpint (json_object_get_int_member (stored, "expires_at"), >, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_nonnull (strstr (json_object_get_string_member (stored, "scope"), "offline_access"));

  /* The site choice is in the state dir, without any token. */
  path = tocsin_auth_session_dup_state_file_path (fixture.session);
  g_assert_true (g_str_has_prefix (path, g_get_user_state_dir ()));
  state_file = read_file_or_null (path);
  g_assert_nonnull (state_file);
  g_assert_nonnull (strstr (state_file, tocsin_site_get_id (site)));
  g_assert_null (strstr (state_file, token));
  g_assert_null (strstr (state_file, json_object_get_string_member (stored, "refresh_token")));

  /* Switch site; a new session restores the sign-in and that choice. */
  tocsin_auth_session_set_current_site (fixture.session,
                                        g_list_model_get_item (tocsin_auth_session_get_sites (fixture.session), 1));
  g_object_unref (tocsin_auth_session_get_current_site (fixture.session));
  restored = tocsin_auth_session_new (fixture.config);
  tocsin_auth_session_restore_async (restored, NULL, on_async_cb, &async);
  g_assert_true (tocsin_auth_session_restore_finish (restored, async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  g_assert_cmpint (tocsin_auth_session_get_state (restored), ==, TOCSIN_AUTH_STATE_SIGNED_IN);
  g_assert_cmpstr (tocsin_auth_session_get_account_id (restored), ==, TOCSIN_TEST_SANDBOX_USER_ID);
  /* The owner field of alerts holds the display name ("Assigned to me"). */
  g_assert_cmpstr (tocsin_auth_session_get_account_name (restored), ==, "Dana Okafor");
  g_assert_cmpstr (tocsin_site_get_id (tocsin_auth_session_get_current_site (restored)), ==,
                   tocsin_test_sandbox_get_cloud_id (fixture.sb, 1));
  g_assert_cmpuint (g_list_model_get_n_items (tocsin_auth_session_get_sites (restored)), ==, 2);

  /* Sign out: keyring item and state file gone. */
  async = (Async) { 0 };
  tocsin_auth_session_sign_out_async (restored, NULL, on_async_cb, &async);
  g_assert_true (tocsin_auth_session_sign_out_finish (restored, async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  g_assert_cmpint (tocsin_auth_session_get_state (restored), ==, TOCSIN_AUTH_STATE_SIGNED_OUT);
  g_assert_null (tocsin_auth_session_get_current_site (restored));
  g_assert_null (secret_tool_lookup (&fixture, TOCSIN_TEST_SANDBOX_USER_ID));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  fixture_stop (&fixture);
}

static void
test_denied (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;

  fixture_start (&fixture, NULL, NULL);
  g_assert_false (sign_in (&fixture, "deny", &error));
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_ACCESS_DENIED);
  g_assert_cmpint (tocsin_auth_session_get_state (fixture.session), ==, TOCSIN_AUTH_STATE_SIGNED_OUT);
  g_assert_cmpuint (count_grants (&fixture, "authorization_code"), ==, 0);
  g_assert_null (secret_tool_lookup (&fixture, TOCSIN_TEST_SANDBOX_USER_ID));
  fixture_stop (&fixture);
}

static void
on_rejected_cb (TocsinAuthSession *session,
                const GError      *error,
                guint             *count)
{
  (*count)++;
}

static void
test_custom_scheme (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  Async async = { 0 };
  guint rejected = 0;

  fixture_start (&fixture, "tocsin://callback", NULL);
  g_signal_connect (fixture.session, "callback-rejected", G_CALLBACK (on_rejected_cb), &rejected);
  tocsin_auth_session_sign_in_async (fixture.session, NULL, NULL, on_async_cb, &async);
  wait_for_authorize_uri (&fixture);

  location = consent (&fixture, tocsin_auth_session_get_authorize_uri (fixture.session), "accept");
  g_assert_true (g_str_has_prefix (location, "tocsin://callback?"));

  /* Not ours, then a forged state: neither ends the sign-in. */
  g_assert_false (tocsin_auth_session_handle_callback_uri (fixture.session, "tocsin://other?code=x&state=y"));
  g_assert_true (tocsin_auth_session_handle_callback_uri (fixture.session, "tocsin://callback?code=x&state=y"));
  g_assert_cmpuint (rejected, ==, 1);
  g_assert_false (tocsin_auth_session_submit_callback_uri (fixture.session, "tocsin://callback?code=x&state=y", &error));
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_cmpint (tocsin_auth_session_get_state (fixture.session), ==, TOCSIN_AUTH_STATE_SIGNING_IN);

  g_assert_true (tocsin_auth_session_handle_callback_uri (fixture.session, location));
  g_assert_true (tocsin_auth_session_sign_in_finish (fixture.session, async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  g_assert_cmpint (tocsin_auth_session_get_state (fixture.session), ==, TOCSIN_AUTH_STATE_SIGNED_IN);

  /* The same callback a second time is refused. */
  g_assert_false (tocsin_auth_session_handle_callback_uri (fixture.session, location));
  fixture_stop (&fixture);
}

static void
test_cancel (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  Async async = { 0 };

  fixture_start (&fixture, NULL, NULL);
  tocsin_auth_session_sign_in_async (fixture.session, NULL, NULL, on_async_cb, &async);
  wait_for_authorize_uri (&fixture);
  tocsin_auth_session_cancel (fixture.session);
  g_assert_false (tocsin_auth_session_sign_in_finish (fixture.session, async_wait (&async), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&async.result);
  g_assert_cmpint (tocsin_auth_session_get_state (fixture.session), ==, TOCSIN_AUTH_STATE_SIGNED_OUT);
  g_assert_null (tocsin_auth_session_get_authorize_uri (fixture.session));
  fixture_stop (&fixture);
}

static void
test_no_client (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  Async async = { 0 };

  fixture_start (&fixture, NULL, NULL);
  tocsin_config_override (fixture.config, "client-id", "");
  tocsin_auth_session_sign_in_async (fixture.session, NULL, NULL, on_async_cb, &async);
  g_assert_false (tocsin_auth_session_sign_in_finish (fixture.session, async_wait (&async), &error));
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NO_CLIENT);
  g_assert_nonnull (strstr (error->message, "developer console"));
  g_assert_nonnull (strstr (error->message, fixture.redirect));
  g_clear_object (&async.result);
  fixture_stop (&fixture);
}

static void
test_refresh_rotation (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *token = NULL;

  /* Tokens that live 40 s are refreshed 10 s before their end, not a
   * minute before: using them does not refresh every time. */
  fixture_start (&fixture, NULL, "--access-token-lifetime", "40", NULL);
  g_assert_true (sign_in (&fixture, "accept", &error));
  before = stored_tokens (&fixture);
  for (guint i = 0; i < 7; i++)
    {
      g_autofree char *same = get_token (&fixture, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (same, ==, json_object_get_string_member (before, "access_token"));
    }
  g_assert_cmpuint (count_grants (&fixture, "refresh_token"), ==, 0);

  /* A rejected token is refreshed, and the refresh token rotates. */
  token = get_token (&fixture, json_object_get_string_member (before, "access_token"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_grants (&fixture, "refresh_token"), ==, 1);
  g_assert_cmpstr (token, !=, json_object_get_string_member (before, "access_token"));

  /* The rotated refresh token reached the keyring along with the new access token. */
  after = wait_for_stored (&fixture, token);
  g_assert_cmpstr (json_object_get_string_member (after, "access_token"), ==, token);
  g_assert_cmpstr (json_object_get_string_member (after, "refresh_token"), !=,
                   json_object_get_string_member (before, "refresh_token"));
  g_assert_cmpint (json_object_get_int_member (after, "lifetime"), ==, 40);
  fixture_stop (&fixture);
}

typedef struct
{
  guint  done;
  char  *tokens[5];
} Many;

static void
on_many_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Many *many = user_data;
  g_autoptr(GError) error = NULL;

  many->tokens[many->done++] = tocsin_token_provider_get_access_token_finish (TOCSIN_TOKEN_PROVIDER (object),
                                                                              result, &error);
  g_assert_no_error (error);
}

static void
test_single_flight (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *again = NULL;
  g_autoptr(JsonObject) stored = NULL;
  guint guard;
  Many many = { 0 };

  fixture_start (&fixture, NULL, NULL);
  g_assert_true (sign_in (&fixture, "accept", &error));
  old = get_token (&fixture, NULL, &error);
  g_assert_no_error (error);
  tocsin_test_sandbox_control (fixture.sb, "POST", "/_sandbox/expire-access-tokens", NULL, NULL);

  /* Five API calls got a 401 with the same token at once. */
  for (guint i = 0; i < 5; i++)
    tocsin_token_provider_get_access_token_async (TOCSIN_TOKEN_PROVIDER (fixture.session), old, NULL,
                                                  on_many_cb, &many);
  guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);
  while (many.done < 5)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);

  g_assert_cmpuint (count_grants (&fixture, "refresh_token"), ==, 1);
  for (guint i = 0; i < 5; i++)
    {
      g_assert_cmpstr (many.tokens[i], !=, old);
      g_assert_cmpstr (many.tokens[i], ==, many.tokens[0]);
    }
  stored = wait_for_stored (&fixture, many.tokens[0]);

  /* A late caller with the old token gets the new one, no new refresh. */
  again = get_token (&fixture, old, &error);
  g_assert_cmpstr (again, ==, many.tokens[0]);
  g_assert_cmpuint (count_grants (&fixture, "refresh_token"), ==, 1);

  for (guint i = 0; i < 5; i++)
    g_free (many.tokens[i]);
  fixture_stop (&fixture);
}

static void
assert_needs_reauth (Fixture    *fixture,
                     const char *rejected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *token = NULL;
  g_autofree char *site_id = g_strdup (tocsin_site_get_id (tocsin_auth_session_get_current_site (fixture->session)));
  guint refreshes;

  token = get_token (fixture, rejected, &error);
  g_assert_null (token);
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH);
  g_clear_error (&error);
  g_assert_cmpint (tocsin_auth_session_get_state (fixture->session), ==, TOCSIN_AUTH_STATE_NEEDS_REAUTH);
  /* Account and site choice are kept for "Sign in again". */
  g_assert_cmpstr (tocsin_auth_session_get_account_id (fixture->session), ==, TOCSIN_TEST_SANDBOX_USER_ID);
  g_assert_cmpstr (tocsin_site_get_id (tocsin_auth_session_get_current_site (fixture->session)), ==, site_id);

  /* It never loops: asking again sends nothing. */
  refreshes = count_grants (fixture, "refresh_token");
  token = get_token (fixture, NULL, &error);
  g_assert_null (token);
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NEEDS_REAUTH);
  g_assert_cmpuint (count_grants (fixture, "refresh_token"), ==, refreshes);

  /* The dead tokens left the keyring; the account stays. */
  {
    guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);

    do
      {
        g_clear_pointer (&stored, json_object_unref);
        g_main_context_iteration (NULL, FALSE);
        stored = stored_tokens (fixture);
      }
    while (stored != NULL && !json_object_has_member (stored, "needs_reauth"));
    g_source_remove (guard);
  }
  g_assert_nonnull (stored);
  g_assert_true (json_object_get_boolean_member (stored, "needs_reauth"));
  g_assert_true (json_object_get_null_member (stored, "refresh_token"));
}

static void
test_reuse_needs_reauth (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *token = NULL;
  g_autofree char *body = NULL;
  Async async = { 0 };
  g_autoptr(TocsinAuthSession) restored = NULL;
  guint status = 0;

  fixture_start (&fixture, NULL, NULL);
  g_assert_true (sign_in (&fixture, "accept", &error));
  first = stored_tokens (&fixture);

  /* Rotate once; then someone replays the first refresh token after the
   * reuse interval, which revokes the whole grant. */
  token = get_token (&fixture, json_object_get_string_member (first, "access_token"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_grants (&fixture, "refresh_token"), ==, 1);
  tocsin_test_sandbox_advance_clock (fixture.sb, 601);
  body = g_strdup_printf ("{\"grant_type\":\"refresh_token\",\"client_id\":\"%s\",\"client_secret\":\"%s\","
                          "\"refresh_token\":\"%s\"}",
                          tocsin_test_sandbox_get_client_id (fixture.sb),
                          tocsin_test_sandbox_get_client_secret (fixture.sb),
                          json_object_get_string_member (first, "refresh_token"));
  reply = tocsin_test_sandbox_api (fixture.sb, "POST", "/oauth/token", NULL, body, &status);
  g_assert_cmpuint (status, ==, 403);

  assert_needs_reauth (&fixture, token);

  /* After a restart the app still knows it must ask to sign in again. */
  restored = tocsin_auth_session_new (fixture.config);
  tocsin_auth_session_restore_async (restored, NULL, on_async_cb, &async);
  g_assert_true (tocsin_auth_session_restore_finish (restored, async_wait (&async), &error));
  g_clear_object (&async.result);
  g_assert_cmpint (tocsin_auth_session_get_state (restored), ==, TOCSIN_AUTH_STATE_NEEDS_REAUTH);
  g_assert_nonnull (tocsin_auth_session_get_current_site (restored));
  fixture_stop (&fixture);
}

static void
test_absolute_expiry (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  fixture_start (&fixture, NULL, NULL);
  g_assert_true (sign_in (&fixture, "accept", &error));
  token = get_token (&fixture, NULL, &error);
  g_assert_no_error (error);

  /* A year and a day later the grant is over, whatever was refreshed. */
  tocsin_test_sandbox_advance_clock (fixture.sb, 366 * 24 * 3600);
  assert_needs_reauth (&fixture, token);
  g_assert_cmpuint (count_grants (&fixture, "refresh_token"), ==, 1);
  fixture_stop (&fixture);
}

static void
test_server_or_network_error_keeps_tokens (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) before = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autofree char *token = NULL;
  g_autofree char *again = NULL;

  fixture_start (&fixture, NULL, NULL);
  g_assert_true (sign_in (&fixture, "accept", &error));
  before = stored_tokens (&fixture);

  /* A server failure (not an OAuth verdict) must not cost the sign-in. */
  tocsin_test_sandbox_add_fault (fixture.sb, "{\"path\":\"/oauth/token\",\"kind\":\"status\",\"status\":503}");
  token = get_token (&fixture, json_object_get_string_member (before, "access_token"), &error);
  g_assert_null (token);
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_cmpint (tocsin_auth_session_get_state (fixture.session), ==, TOCSIN_AUTH_STATE_SIGNED_IN);
  after = stored_tokens (&fixture);
  g_assert_cmpstr (json_object_get_string_member (after, "refresh_token"), ==,
                   json_object_get_string_member (before, "refresh_token"));

  /* Once the network is back the kept refresh token works. */
  again = get_token (&fixture, json_object_get_string_member (before, "access_token"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, !=, json_object_get_string_member (before, "access_token"));

  /* The server gone altogether: a network error, the tokens stay. */
  g_clear_pointer (&after, json_object_unref);
  after = wait_for_stored (&fixture, again);
  {
    g_autofree char *auth_url = g_strdup (tocsin_test_sandbox_get_auth_url (fixture.sb));
    g_autofree char *client_id = g_strdup (tocsin_test_sandbox_get_client_id (fixture.sb));
    g_autofree char *stored = NULL;
    g_autofree char *token2 = NULL;
    const char *argv[] = { "secret-tool", "lookup", "auth-server", auth_url, "client-id", client_id,
                           "account", TOCSIN_TEST_SANDBOX_USER_ID, NULL };

    g_clear_pointer (&fixture.sb, tocsin_test_sandbox_stop);
    token2 = get_token (&fixture, again, &error);
    g_assert_null (token2);
    g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NETWORK);
    g_clear_error (&error);
    g_assert_cmpint (tocsin_auth_session_get_state (fixture.session), ==, TOCSIN_AUTH_STATE_SIGNED_IN);
    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &stored, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (stored, json_object_get_string_member (after, "refresh_token")));
  }
  fixture_stop (&fixture);
}

/* Whether the sandbox has answered the (one) refresh request. */
static gboolean
refresh_answered (Fixture *fixture)
{
  g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (fixture->sb);

  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);

      if (g_strcmp0 (json_object_get_string_member_with_default (entry, "grant_type", ""), "refresh_token") == 0)
        return !json_object_get_null_member (entry, "status");
    }
  return FALSE;
}

static void
wait_for_refresh_request (Fixture *fixture)
{
  guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);

  while (count_grants (fixture, "refresh_token") == 0)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  g_source_remove (guard);
}

/* Everything the session started has ended: each call under way holds a
 * reference on it, the fixture holds the last. */
static void
wait_until_idle (Fixture *fixture)
{
  guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);

  while (G_OBJECT (fixture->session)->ref_count > 1)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

static void
test_sign_out_during_refresh (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  g_autoptr(JsonObject) stored = NULL;
  g_autofree char *token = NULL;
  Async pending = { 0 };
  Async out = { 0 };

  fixture_start (&fixture, NULL, NULL);
  g_assert_true (sign_in (&fixture, "accept", &error));
  first = stored_tokens (&fixture);

  /* A refresh is on its way when the user signs out. */
  tocsin_test_sandbox_add_fault (fixture.sb, "{\"path\":\"/oauth/token\",\"method\":\"POST\","
                                             "\"kind\":\"delay\",\"delay_ms\":5000,\"times\":1}");
  tocsin_token_provider_get_access_token_async (TOCSIN_TOKEN_PROVIDER (fixture.session),
                                                json_object_get_string_member (first, "access_token"),
                                                NULL, on_async_cb, &pending);
  wait_for_refresh_request (&fixture);
  tocsin_auth_session_sign_out_async (fixture.session, NULL, on_async_cb, &out);
  g_assert_true (tocsin_auth_session_sign_out_finish (fixture.session, async_wait (&out), &error));
  g_clear_object (&out.result);

  /* The waiter fails at sign-out, not when the answer comes. */
  token = tocsin_token_provider_get_access_token_finish (TOCSIN_TOKEN_PROVIDER (fixture.session),
                                                         async_wait (&pending), &error);
  g_clear_object (&pending.result);
  g_assert_null (token);
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);
  g_assert_false (refresh_answered (&fixture));

  /* Signed in again before the old refresh's answer arrives. */
  g_assert_true (sign_in (&fixture, "accept", &error));
  second = stored_tokens (&fixture);
  g_assert_false (refresh_answered (&fixture));

  {
    guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);

    while (!refresh_answered (&fixture))
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (10 * 1000);
      }
    g_source_remove (guard);
  }
  wait_until_idle (&fixture);

  /* The old sign-in's rotated tokens landed nowhere. */
  token = get_token (&fixture, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (token, ==, json_object_get_string_member (second, "access_token"));
  stored = stored_tokens (&fixture);
  g_assert_cmpstr (json_object_get_string_member (stored, "access_token"), ==,
                   json_object_get_string_member (second, "access_token"));
  g_assert_cmpstr (json_object_get_string_member (stored, "refresh_token"), ==,
                   json_object_get_string_member (second, "refresh_token"));
  fixture_stop (&fixture);
}

/* accessible-resources lists classic scopes only (as Atlassian's examples
 * do): the sites are found by asking each for one alert. */
static void
test_sites_from_classic_scopes (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *probe0 = NULL;
  g_autofree char *probe1 = NULL;
  GListModel *sites;

  fixture_start (&fixture, NULL, "--classic-scopes", NULL);
  g_assert_true (sign_in (&fixture, "accept", &error));
  g_assert_no_error (error);
  sites = tocsin_auth_session_get_sites (fixture.session);
  g_assert_cmpuint (g_list_model_get_n_items (sites), ==, 2);
  fixture_stop (&fixture);

  /* A Jira site without Operations (404) is left out. */
  fixture_start (&fixture, NULL, "--classic-scopes", "--no-ops-site", "1", NULL);
  g_assert_true (sign_in (&fixture, "accept", &error));
  g_assert_no_error (error);
  sites = tocsin_auth_session_get_sites (fixture.session);
  g_assert_cmpuint (g_list_model_get_n_items (sites), ==, 1);
  g_assert_cmpstr (tocsin_site_get_id (tocsin_auth_session_get_current_site (fixture.session)), ==,
                   tocsin_test_sandbox_get_cloud_id (fixture.sb, 0));
  probe0 = tocsin_test_sandbox_site_path (fixture.sb, 0, "alerts");
  probe1 = tocsin_test_sandbox_site_path (fixture.sb, 1, "alerts");
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (fixture.sb, "GET", probe0), ==, 1);
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (fixture.sb, "GET", probe1), ==, 1);
  fixture_stop (&fixture);

  /* No site with Operations at all: "no sites", as before; but a server
   * failure is not taken for "no sites". */
  fixture_start (&fixture, NULL, "--classic-scopes", NULL);
  tocsin_test_sandbox_add_fault (fixture.sb, "{\"path\":\"/ex/jira/\",\"method\":\"GET\","
                                             "\"kind\":\"status\",\"status\":404,\"times\":-1}");
  g_assert_false (sign_in (&fixture, "accept", &error));
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_NO_SITES);
  g_clear_error (&error);
  tocsin_test_sandbox_clear_faults (fixture.sb);
  tocsin_test_sandbox_add_fault (fixture.sb, "{\"path\":\"/ex/jira/\",\"method\":\"GET\","
                                             "\"kind\":\"status\",\"status\":503,\"times\":-1}");
  g_assert_false (sign_in (&fixture, "accept", &error));
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER);
  fixture_stop (&fixture);
}

/* The browser follows the sandbox's redirect to the session's callback. */
static void
deliver_callback (const char *location)
{
  g_autoptr(SoupMessage) get = soup_message_new ("GET", location);
  g_autofree char *page = NULL;
  guint status = 0;

  g_assert_nonnull (get);
  page = send (get, &status);
  g_assert_cmpuint (status, ==, 200);
}

static char *
wait_for_new_authorize_uri (Fixture    *fixture,
                            const char *old)
{
  guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);

  while (tocsin_auth_session_get_authorize_uri (fixture->session) == NULL ||
         g_strcmp0 (tocsin_auth_session_get_authorize_uri (fixture->session), old) == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  return g_strdup (tocsin_auth_session_get_authorize_uri (fixture->session));
}

/* A server that knows no PKCE and refuses the verifier: the session asks
 * once more without PKCE, and remembers that for this server. */
static void
test_pkce_refused (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *location = NULL;
  g_autofree char *state_file = g_build_filename (g_get_user_state_dir (), "tocsin", "auth-servers.ini", NULL);
  Async async = { 0 };

  fixture_start (&fixture, NULL, "--reject-pkce", NULL);
  tocsin_auth_session_sign_in_async (fixture.session, NULL, NULL, on_async_cb, &async);
  first = wait_for_new_authorize_uri (&fixture, NULL);
  g_assert_nonnull (strstr (first, "code_challenge="));
  location = consent (&fixture, first, "accept");
  deliver_callback (location);
  g_clear_pointer (&location, g_free);

  /* Refused: the user is asked again, without PKCE. */
  second = wait_for_new_authorize_uri (&fixture, first);
  g_assert_null (strstr (second, "code_challenge"));
  location = consent (&fixture, second, "accept");
  deliver_callback (location);
  g_assert_true (tocsin_auth_session_sign_in_finish (fixture.session, async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  g_assert_cmpint (tocsin_auth_session_get_state (fixture.session), ==, TOCSIN_AUTH_STATE_SIGNED_IN);
  g_assert_cmpuint (count_grants (&fixture, "authorization_code"), ==, 2);

  /* The next sign-in, also of a new session, goes without PKCE at once. */
  g_clear_object (&fixture.session);
  fixture.session = tocsin_auth_session_new (fixture.config);
  tocsin_auth_session_set_launch_browser (fixture.session, FALSE);
  g_assert_true (sign_in (&fixture, "accept", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_grants (&fixture, "authorization_code"), ==, 3);

  /* Forgotten while the sandbox still holds its port, so that no later
   * sandbox on the same URL inherits it. */
  g_assert_cmpint (g_unlink (state_file), ==, 0);
  fixture_stop (&fixture);
}

/* Notifications: every readable property is notified once per real change
 * and never otherwise. Each notify is checked against the value it was last
 * seen with; notify_check_assert() finds changes that nobody heard of. */

typedef struct
{
  GObject    *object;
  GHashTable *values;   /* property name -> g_strdup_value_contents () */
  GHashTable *counts;   /* property name -> notifies since the last reset */
} NotifyCheck;

static char *
dup_property_contents (GObject    *object,
                       GParamSpec *pspec)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  return g_strdup_value_contents (&value);
}

static void
on_notify_check_cb (GObject     *object,
                    GParamSpec  *pspec,
                    NotifyCheck *check)
{
  g_autofree char *now = dup_property_contents (object, pspec);
  const char *before = g_hash_table_lookup (check->values, pspec->name);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (check->counts, pspec->name));

  if (g_strcmp0 (before, now) == 0)
    g_error ("%s was notified without a change (still %s)", pspec->name, now);

  g_hash_table_replace (check->values, g_strdup (pspec->name), g_steal_pointer (&now));
  g_hash_table_replace (check->counts, g_strdup (pspec->name), GUINT_TO_POINTER (count + 1));
}

static void
notify_check_assert (NotifyCheck *check)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (check->object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_autofree char *now = NULL;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;
      now = dup_property_contents (check->object, pspecs[i]);
      if (g_strcmp0 (g_hash_table_lookup (check->values, pspecs[i]->name), now) != 0)
        g_error ("%s changed to %s without a notify", pspecs[i]->name, now);
    }
}

static void
notify_check_start (NotifyCheck *check,
                    gpointer     object)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  check->object = object;
  check->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  check->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    if (pspecs[i]->flags & G_PARAM_READABLE)
      g_hash_table_insert (check->values, g_strdup (pspecs[i]->name),
                           dup_property_contents (object, pspecs[i]));
  g_signal_connect (object, "notify", G_CALLBACK (on_notify_check_cb), check);
}

/* Checks that nothing changed unheard and returns how often @name was
 * notified since the last call, starting the count again. */
static guint
notify_check_take_count (NotifyCheck *check,
                         const char  *name)
{
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (check->counts, name));

  notify_check_assert (check);
  g_hash_table_remove (check->counts, name);
  return count;
}

static void
notify_check_stop (NotifyCheck *check)
{
  notify_check_assert (check);
  g_signal_handlers_disconnect_by_func (check->object, on_notify_check_cb, check);
  g_clear_pointer (&check->values, g_hash_table_unref);
  g_clear_pointer (&check->counts, g_hash_table_unref);
}

/* Pending callbacks (a cancelled wait, a keyring answer) hold a reference
 * for a moment: waits until only ours is left, then asserts that dropping
 * it finalizes @object. */
static void
assert_finalized (gpointer object)
{
  guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);

  while (g_atomic_int_get (&G_OBJECT (object)->ref_count) > 1)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
  g_assert_finalize_object (object);
}

static void
test_notify (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  TocsinAuthSession *restored;
  NotifyCheck check = { 0 };
  NotifyCheck restored_check = { 0 };
  Async async = { 0 };

  fixture_start (&fixture, NULL, NULL);
  notify_check_start (&check, fixture.session);

  /* Setting what is already there says nothing. */
  tocsin_auth_session_set_use_pkce (fixture.session, TRUE);
  tocsin_auth_session_set_launch_browser (fixture.session, FALSE);
  tocsin_auth_session_set_current_site (fixture.session, NULL);
  g_assert_cmpuint (notify_check_take_count (&check, "use-pkce"), ==, 0);
  tocsin_auth_session_set_use_pkce (fixture.session, FALSE);
  tocsin_auth_session_set_use_pkce (fixture.session, TRUE);
  g_assert_cmpuint (notify_check_take_count (&check, "use-pkce"), ==, 2);

  /* Signing in: the link comes and goes once, the state changes twice. */
  g_assert_true (sign_in (&fixture, "accept", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notify_check_take_count (&check, "authorize-uri"), ==, 2);
  g_assert_cmpuint (notify_check_take_count (&check, "state"), ==, 2);
  g_assert_cmpuint (notify_check_take_count (&check, "account-id"), ==, 1);
  g_assert_cmpuint (notify_check_take_count (&check, "account-name"), ==, 1);
  g_assert_cmpuint (notify_check_take_count (&check, "current-site"), ==, 1);

  /* The same site again is no change; another is one. */
  tocsin_auth_session_set_current_site (fixture.session,
                                        tocsin_auth_session_get_current_site (fixture.session));
  g_assert_cmpuint (notify_check_take_count (&check, "current-site"), ==, 0);
  g_object_set (fixture.session, "current-site",
                g_list_model_get_item (tocsin_auth_session_get_sites (fixture.session), 1), NULL);
  g_object_unref (tocsin_auth_session_get_current_site (fixture.session));
  g_assert_cmpuint (notify_check_take_count (&check, "current-site"), ==, 1);

  /* A refresh and its keyring write change no property. */
  token = get_token (&fixture, NULL, &error);
  g_assert_no_error (error);
  g_free (get_token (&fixture, token, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notify_check_take_count (&check, "state"), ==, 0);
  g_assert_cmpuint (notify_check_take_count (&check, "keyring-unsaved"), ==, 0);

  /* Restoring: one notice per property that takes a value. */
  restored = tocsin_auth_session_new (fixture.config);
  notify_check_start (&restored_check, restored);
  tocsin_auth_session_restore_async (restored, NULL, on_async_cb, &async);
  g_assert_true (tocsin_auth_session_restore_finish (restored, async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  g_assert_cmpuint (notify_check_take_count (&restored_check, "state"), ==, 1);
  g_assert_cmpuint (notify_check_take_count (&restored_check, "account-id"), ==, 1);
  g_assert_cmpuint (notify_check_take_count (&restored_check, "account-name"), ==, 1);
  /* The remembered site, then the same site from the fresh list: a new
   * object, whose name or avatar may have changed meanwhile. */
  g_assert_cmpuint (notify_check_take_count (&restored_check, "current-site"), ==, 2);
  notify_check_stop (&restored_check);
  assert_finalized (restored);

  /* Signing out clears each once; the session is then finalized. */
  async = (Async) { 0 };
  tocsin_auth_session_sign_out_async (fixture.session, NULL, on_async_cb, &async);
  g_assert_true (tocsin_auth_session_sign_out_finish (fixture.session, async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  g_assert_cmpuint (notify_check_take_count (&check, "state"), ==, 1);
  g_assert_cmpuint (notify_check_take_count (&check, "account-id"), ==, 1);
  g_assert_cmpuint (notify_check_take_count (&check, "account-name"), ==, 1);
  g_assert_cmpuint (notify_check_take_count (&check, "current-site"), ==, 1);
  g_assert_cmpuint (notify_check_take_count (&check, "authorize-uri"), ==, 0);
  notify_check_stop (&check);
  assert_finalized (g_steal_pointer (&fixture.session));
  fixture_stop (&fixture);
}

static TocsinSignInFlow *
flow_new (Fixture     *fixture,
          SoupSession *http)
{
  g_autoptr(GError) error = NULL;
  TocsinSignInFlow *flow;

  flow = tocsin_sign_in_flow_new (http, tocsin_test_sandbox_get_auth_url (fixture->sb),
                                  tocsin_test_sandbox_get_api_url (fixture->sb),
                                  tocsin_test_sandbox_get_client_id (fixture->sb),
                                  fixture->redirect, TOCSIN_SIGN_IN_FLOW_NO_BROWSER, &error);
  g_assert_no_error (error);
  return flow;
}

static void
wait_for_flow_uri (TocsinSignInFlow *flow)
{
  guint guard = g_timeout_add_seconds (60, guard_timeout_cb, NULL);

  while (tocsin_sign_in_flow_get_authorize_uri (flow) == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

/* A sign-in flow, run on its own, is finalized once its result is dropped:
 * after success (the callback server has sent its page) and after a cancel
 * (its pending wait and browser launch let go). */
static void
test_flow_finalized (void)
{
  Fixture fixture = { 0 };
  g_autoptr(SoupSession) http = soup_session_new ();
  g_autoptr(SoupMessage) get = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *location = NULL;
  g_autofree char *page = NULL;
  TocsinSignInFlow *flow;
  NotifyCheck check = { 0 };
  Async async = { 0 };
  guint status = 0;

  fixture_start (&fixture, NULL, NULL);

  flow = flow_new (&fixture, http);
  notify_check_start (&check, flow);
  tocsin_sign_in_flow_run_async (flow, NULL, NULL, on_async_cb, &async);
  wait_for_flow_uri (flow);
  location = consent (&fixture, tocsin_sign_in_flow_get_authorize_uri (flow), "accept");
  get = soup_message_new ("GET", location);
  page = send (get, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_true (tocsin_sign_in_flow_run_finish (flow, async_wait (&async), &error));
  g_assert_no_error (error);
  g_clear_object (&async.result);
  g_assert_cmpstr (tocsin_sign_in_flow_get_account_id (flow), ==, TOCSIN_TEST_SANDBOX_USER_ID);
  g_assert_cmpuint (tocsin_sign_in_flow_get_sites (flow)->len, ==, 2);
  g_assert_null (tocsin_sign_in_flow_get_authorize_uri (flow));
  g_assert_cmpuint (notify_check_take_count (&check, "authorize-uri"), ==, 2);
  notify_check_stop (&check);
  assert_finalized (flow);

  async = (Async) { 0 };
  flow = flow_new (&fixture, http);
  tocsin_sign_in_flow_run_async (flow, NULL, NULL, on_async_cb, &async);
  wait_for_flow_uri (flow);
  tocsin_sign_in_flow_cancel (flow);
  g_assert_null (tocsin_sign_in_flow_get_authorize_uri (flow));
  g_assert_false (tocsin_sign_in_flow_run_finish (flow, async_wait (&async), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&async.result);
  assert_finalized (flow);

  fixture_stop (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/session/full-flow", test_full_flow);
  g_test_add_func ("/auth/session/denied", test_denied);
  g_test_add_func ("/auth/session/custom-scheme", test_custom_scheme);
  g_test_add_func ("/auth/session/cancel", test_cancel);
  g_test_add_func ("/auth/session/no-client", test_no_client);
  g_test_add_func ("/auth/session/refresh-rotation", test_refresh_rotation);
  g_test_add_func ("/auth/session/single-flight", test_single_flight);
  g_test_add_func ("/auth/session/reuse-needs-reauth", test_reuse_needs_reauth);
  g_test_add_func ("/auth/session/absolute-expiry", test_absolute_expiry);
  g_test_add_func ("/auth/session/server-or-network-error-keeps-tokens", test_server_or_network_error_keeps_tokens);
  g_test_add_func ("/auth/session/sign-out-during-refresh", test_sign_out_during_refresh);
  g_test_add_func ("/auth/session/sites-from-classic-scopes", test_sites_from_classic_scopes);
  g_test_add_func ("/auth/session/pkce-refused", test_pkce_refused);
  g_test_add_func ("/auth/session/notify", test_notify);
  g_test_add_func ("/auth/sign-in-flow/finalized", test_flow_finalized);

  return g_test_run ();
}
