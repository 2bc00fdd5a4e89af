/* tocsin-test-sandbox.c: start tocsin-sandbox from a test and talk to it
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tocsin-test-sandbox"

#include "config.h"

#include <signal.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "tocsin-test-sandbox.h"

struct _TocsinTestSandbox
{
  GSubprocess  *process;
  GMainContext *context;
  SoupSession  *session;
  char         *base_url;
  char         *auth_url;
  char         *api_url;
  char         *client_id;
  char         *client_secret;
  GPtrArray    *callback_urls;
  guint         port;
  GPtrArray    *cloud_ids;   /* filled on first use */
};

/* ---- start and stop ----------------------------------------------------- */

static void
child_setup (gpointer user_data)
{
#ifdef __linux__
  /* A crashed test must not leave a sandbox behind. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

static void
read_first_line (TocsinTestSandbox *sb)
{
  g_autoptr(GDataInputStream) in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sb->process));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_data_input_stream_read_line_utf8 (in, NULL, NULL, &error);
  JsonObject *obj;
  JsonArray *urls;

  g_assert_no_error (error);
  g_assert_nonnull (line);
  json_parser_load_from_data (parser, line, -1, &error);
  g_assert_no_error (error);
  obj = json_node_get_object (json_parser_get_root (parser));

  sb->auth_url = g_strdup (json_object_get_string_member (obj, "auth_url"));
  sb->api_url = g_strdup (json_object_get_string_member (obj, "api_url"));
  sb->base_url = g_strdup (sb->api_url);
  sb->client_id = g_strdup (json_object_get_string_member (obj, "client_id"));
  sb->client_secret = g_strdup (json_object_get_string_member (obj, "client_secret"));
  sb->port = json_object_get_int_member (obj, "port");
  urls = json_object_get_array_member (obj, "callback_urls");
  sb->callback_urls = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (urls); i++)
    g_ptr_array_add (sb->callback_urls, g_strdup (json_array_get_string_element (urls, i)));
}

TocsinTestSandbox *
tocsin_test_sandbox_start (const char *first_arg,
                           ...)
{
  TocsinTestSandbox *sb = g_new0 (TocsinTestSandbox, 1);
  const char *exe = g_getenv ("TOCSIN_SANDBOX");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_assert_nonnull (exe);
  g_ptr_array_add (argv, (char *) exe);
  g_ptr_array_add (argv, (char *) "--port");
  g_ptr_array_add (argv, (char *) "0");
  va_start (ap, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  sb->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  read_first_line (sb);

  sb->context = g_main_context_new ();
  g_main_context_push_thread_default (sb->context);
  sb->session = soup_session_new_with_options ("timeout", 60, "max-conns-per-host", 4, NULL);
  g_main_context_pop_thread_default (sb->context);
  return sb;
}

void
tocsin_test_sandbox_stop (TocsinTestSandbox *sb)
{
  if (sb == NULL)
    return;
  g_subprocess_force_exit (sb->process);
  g_subprocess_wait (sb->process, NULL, NULL);
  g_main_context_push_thread_default (sb->context);
  g_clear_object (&sb->session);
  g_main_context_pop_thread_default (sb->context);
  g_main_context_unref (sb->context);
  g_object_unref (sb->process);
  g_free (sb->base_url);
  g_free (sb->auth_url);
  g_free (sb->api_url);
  g_free (sb->client_id);
  g_free (sb->client_secret);
  g_ptr_array_unref (sb->callback_urls);
  g_clear_pointer (&sb->cloud_ids, g_ptr_array_unref);
  g_free (sb);
}

/* ---- getters ------------------------------------------------------------ */

const char *
tocsin_test_sandbox_get_auth_url (TocsinTestSandbox *sb)
{
  return sb->auth_url;
}

const char *
tocsin_test_sandbox_get_api_url (TocsinTestSandbox *sb)
{
  return sb->api_url;
}

const char *
tocsin_test_sandbox_get_client_id (TocsinTestSandbox *sb)
{
  return sb->client_id;
}

const char *
tocsin_test_sandbox_get_client_secret (TocsinTestSandbox *sb)
{
  return sb->client_secret;
}

const char *
tocsin_test_sandbox_get_callback_url (TocsinTestSandbox *sb,
                                      guint              index)
{
  g_assert_cmpuint (index, <, sb->callback_urls->len);
  return g_ptr_array_index (sb->callback_urls, index);
}

guint
tocsin_test_sandbox_get_port (TocsinTestSandbox *sb)
{
  return sb->port;
}

/* ---- HTTP --------------------------------------------------------------- */

GBytes *
tocsin_test_sandbox_send (TocsinTestSandbox *sb,
                          SoupMessage       *msg,
                          GError           **error)
{
  GBytes *body;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_main_context_push_thread_default (sb->context);
  body = soup_session_send_and_read (sb->session, msg, NULL, error);
  g_main_context_pop_thread_default (sb->context);
  return body;
}

static JsonNode *
parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  return json_node_copy (json_parser_get_root (parser));
}

static SoupMessage *
new_message (TocsinTestSandbox *sb,
             const char        *method,
             const char        *path,
             const char        *json_body)
{
  g_autofree char *url = g_strconcat (sb->base_url, path, NULL);
  SoupMessage *msg = soup_message_new (method, url);

  g_assert_nonnull (msg);
  if (json_body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (json_body, strlen (json_body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
    }
  return msg;
}

JsonNode *
tocsin_test_sandbox_api (TocsinTestSandbox *sb,
                         const char        *method,
                         const char        *path,
                         const char        *access_token,
                         const char        *json_body,
                         guint             *status_out)
{
  g_autoptr(SoupMessage) msg = new_message (sb, method, path, json_body);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Accept", "application/json");
  if (access_token != NULL)
    {
      g_autofree char *auth = g_strconcat ("Bearer ", access_token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
    }
  body = tocsin_test_sandbox_send (sb, msg, &error);
  g_assert_no_error (error);
  if (status_out != NULL)
    *status_out = soup_message_get_status (msg);
  return parse_json (body);
}

JsonNode *
tocsin_test_sandbox_control (TocsinTestSandbox *sb,
                             const char        *method,
                             const char        *path,
                             const char        *json_body,
                             guint             *status_out)
{
  return tocsin_test_sandbox_api (sb, method, path, NULL, json_body, status_out);
}

/* ---- log and faults ----------------------------------------------------- */

GPtrArray *
tocsin_test_sandbox_get_log (TocsinTestSandbox *sb)
{
  g_autoptr(SoupMessage) msg = new_message (sb, "GET", "/_sandbox/log", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = tocsin_test_sandbox_send (sb, msg, &error);
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  /* An empty log is an empty body, whose data pointer may be NULL. */
  text = g_bytes_get_size (body) > 0 ? g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)) : g_strdup ("");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (*lines[i] == '\0')
        continue;
      json_parser_load_from_data (parser, lines[i], -1, &error);
      g_assert_no_error (error);
      g_ptr_array_add (entries, json_object_ref (json_node_get_object (json_parser_get_root (parser))));
    }
  return entries;
}

guint
tocsin_test_sandbox_count_requests (TocsinTestSandbox *sb,
                                    const char        *method,
                                    const char        *path_prefix)
{
  g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (sb);
  guint count = 0;

  for (guint i = 0; i < log->len; i++)
    {
      JsonObject *entry = g_ptr_array_index (log, i);

      if (method != NULL && g_strcmp0 (json_object_get_string_member (entry, "method"), method) != 0)
        continue;
      if (path_prefix != NULL && !g_str_has_prefix (json_object_get_string_member (entry, "path"), path_prefix))
        continue;
      count++;
    }
  return count;
}

static void
control_expect_ok (TocsinTestSandbox *sb,
                   const char        *method,
                   const char        *path,
                   const char        *json_body)
{
  guint status = 0;
  g_autoptr(JsonNode) reply = tocsin_test_sandbox_control (sb, method, path, json_body, &status);

  g_assert_cmpuint (status, ==, 200);
}

void
tocsin_test_sandbox_clear_log (TocsinTestSandbox *sb)
{
  control_expect_ok (sb, "DELETE", "/_sandbox/log", NULL);
}

void
tocsin_test_sandbox_add_fault (TocsinTestSandbox *sb,
                               const char        *fault_json)
{
  control_expect_ok (sb, "POST", "/_sandbox/faults", fault_json);
}

void
tocsin_test_sandbox_clear_faults (TocsinTestSandbox *sb)
{
  control_expect_ok (sb, "DELETE", "/_sandbox/faults", NULL);
}

void
tocsin_test_sandbox_advance_clock (TocsinTestSandbox *sb,
                                   gint64             seconds)
{
  g_autofree char *body = g_strdup_printf ("{\"advance_seconds\":%" G_GINT64_FORMAT "}", seconds);

  control_expect_ok (sb, "POST", "/_sandbox/clock", body);
}

/* ---- sites -------------------------------------------------------------- */

const char *
tocsin_test_sandbox_get_cloud_id (TocsinTestSandbox *sb,
                                  guint              index)
{
  if (sb->cloud_ids == NULL)
    {
      g_autoptr(JsonNode) state = tocsin_test_sandbox_control (sb, "GET", "/_sandbox/state", NULL, NULL);
      JsonArray *sites;

      g_assert_nonnull (state);
      sites = json_object_get_array_member (json_node_get_object (state), "sites");
      sb->cloud_ids = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < json_array_get_length (sites); i++)
        {
          JsonObject *site = json_array_get_object_element (sites, i);

          g_ptr_array_add (sb->cloud_ids, g_strdup (json_object_get_string_member (site, "id")));
        }
    }
  g_assert_cmpuint (index, <, sb->cloud_ids->len);
  return g_ptr_array_index (sb->cloud_ids, index);
}

/* "/ex/jira/{cloudid}/jsm/ops/api/v1/" + ops_path */
char *
tocsin_test_sandbox_site_path (TocsinTestSandbox *sb,
                               guint              site_index,
                               const char        *ops_path)
{
  return g_strdup_printf ("/ex/jira/%s/jsm/ops/api/v1/%s",
                          tocsin_test_sandbox_get_cloud_id (sb, site_index), ops_path);
}

/* ---- playing the browser ------------------------------------------------ */

static char *
html_unescape (const char *text)
{
  g_autoptr(GString) s = g_string_new (text);

  g_string_replace (s, "&quot;", "\"", 0);
  g_string_replace (s, "&#39;", "'", 0);
  g_string_replace (s, "&apos;", "'", 0);
  g_string_replace (s, "&lt;", "<", 0);
  g_string_replace (s, "&gt;", ">", 0);
  g_string_replace (s, "&amp;", "&", 0);
  return g_strdup (s->str);
}

/* The consent form's fields (hidden inputs and ticked sites) plus decision=accept. */
static char *
consent_form (const char *html)
{
  g_autoptr(GRegex) re = g_regex_new ("<input type=\"(?:hidden|checkbox)\" name=\"([^\"]+)\" value=\"([^\"]*)\"",
                                      0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GString *form = g_string_new ("decision=accept");

  g_regex_match (re, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *raw = g_match_info_fetch (match, 2);
      g_autofree char *value = html_unescape (raw);
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      g_string_append_printf (form, "&%s=%s", name, escaped);
      g_match_info_next (match, NULL);
    }
  return g_string_free (form, FALSE);
}

static char *
code_from_location (const char *location)
{
  g_autoptr(GUri) uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GHashTable) params = NULL;

  g_assert_nonnull (uri);
  params = soup_form_decode (g_uri_get_query (uri));
  g_assert_null (g_hash_table_lookup (params, "error"));
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "tocsin-test-state");
  return g_strdup (g_hash_table_lookup (params, "code"));
}

/* GET /authorize; with --auto-consent that already redirects. */
static char *
authorize (TocsinTestSandbox *sb,
           const char        *scopes)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) post = NULL;
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  g_autofree char *form = NULL;
  g_autofree char *consent_url = g_strconcat (sb->auth_url, "/authorize/consent", NULL);
  g_autofree char *e_scope = g_uri_escape_string (scopes, NULL, FALSE);
  g_autofree char *e_redirect = g_uri_escape_string (g_ptr_array_index (sb->callback_urls, 0), NULL, FALSE);
  g_autofree char *e_client = g_uri_escape_string (sb->client_id, NULL, FALSE);

  url = g_strdup_printf ("%s/authorize?audience=api.atlassian.com&client_id=%s&scope=%s&redirect_uri=%s"
                         "&state=tocsin-test-state&response_type=code&prompt=consent",
                         sb->auth_url, e_client, e_scope, e_redirect);
  msg = soup_message_new ("GET", url);
  page = tocsin_test_sandbox_send (sb, msg, &error);
  g_assert_no_error (error);
  if (soup_message_get_status (msg) == SOUP_STATUS_FOUND)
    return code_from_location (soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location"));
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);

  html = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  form = consent_form (html);
  post = soup_message_new_from_encoded_form ("POST", consent_url, g_steal_pointer (&form));
  reply = tocsin_test_sandbox_send (sb, post, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (post), ==, SOUP_STATUS_FOUND);
  return code_from_location (soup_message_headers_get_one (soup_message_get_response_headers (post), "Location"));
}

char *
tocsin_test_sandbox_sign_in (TocsinTestSandbox  *sb,
                             const char         *scopes,
                             char              **refresh_token_out)
{
  g_autofree char *code = authorize (sb, scopes ? scopes : TOCSIN_TEST_SANDBOX_ALL_SCOPES);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autoptr(JsonNode) reply = NULL;
  g_autofree char *text = NULL;
  JsonObject *obj;
  guint status = 0;

  g_assert_nonnull (code);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "grant_type");
  json_builder_add_string_value (b, "authorization_code");
  json_builder_set_member_name (b, "client_id");
  json_builder_add_string_value (b, sb->client_id);
  json_builder_set_member_name (b, "client_secret");
  json_builder_add_string_value (b, sb->client_secret);
  json_builder_set_member_name (b, "code");
  json_builder_add_string_value (b, code);
  json_builder_set_member_name (b, "redirect_uri");
  json_builder_add_string_value (b, g_ptr_array_index (sb->callback_urls, 0));
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  text = json_to_string (body, FALSE);

  reply = tocsin_test_sandbox_api (sb, "POST", "/oauth/token", NULL, text, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (reply);
  obj = json_node_get_object (reply);
  if (refresh_token_out != NULL)
    *refresh_token_out = g_strdup (json_object_get_string_member_with_default (obj, "refresh_token", NULL));
  return g_strdup (json_object_get_string_member (obj, "access_token"));
}
