/* test-sandbox-control.c: the request log, faults and other /_sandbox/ endpoints
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-common.h"

typedef struct
{
  TocsinTestSandbox *sb;
  char              *token;
  char              *refresh;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->sb = tocsin_test_sandbox_start (NULL);
  f->token = tocsin_test_sandbox_sign_in (f->sb, NULL, &f->refresh);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_free (f->token);
  g_free (f->refresh);
  tocsin_test_sandbox_stop (f->sb);
}

/* GET an ops path; returns the raw response. */
static SoupMessage *
raw_get (Fixture     *f,
         const char  *ops_path,
         GBytes     **body_out,
         GError     **error)
{
  g_autofree char *path = tocsin_test_sandbox_site_path (f->sb, 0, ops_path);
  g_autofree char *url = g_strconcat (tocsin_test_sandbox_get_api_url (f->sb), path, NULL);
  g_autofree char *auth = g_strconcat ("Bearer ", f->token, NULL);
  SoupMessage *msg = soup_message_new ("GET", url);

  soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization", auth);
  *body_out = tocsin_test_sandbox_send (f->sb, msg, error);
  return msg;
}

static gboolean
is_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  return json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL);
}

/* ---- the log ----------------------------------------------------------------- */

static JsonObject *
last_entry (GPtrArray  *log,
            const char *path_prefix)
{
  for (guint i = log->len; i > 0; i--)
    {
      JsonObject *e = g_ptr_array_index (log, i - 1);

      if (g_str_has_prefix (json_object_get_string_member (e, "path"), path_prefix))
        return e;
    }
  g_assert_not_reached ();
}

static void
test_log_redacts (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) log = tocsin_test_sandbox_get_log (f->sb);
  g_autoptr(JsonObject) refreshed = NULL;
  JsonObject *token_entry = last_entry (log, "/oauth/token");
  JsonObject *body = json_object_get_object_member (token_entry, "body");
  g_autofree char *everything = NULL;
  GString *all = g_string_new (NULL);
  guint status = 0;

  g_assert_cmpstr (json_object_get_string_member (token_entry, "method"), ==, "POST");
  g_assert_cmpstr (json_object_get_string_member (token_entry, "grant_type"), ==, "authorization_code");
  g_assert_cmpint (json_object_get_int_member (token_entry, "status"), ==, 200);
  g_assert_cmpstr (json_object_get_string_member (body, "client_secret"), ==, "<redacted>");
  g_assert_cmpstr (json_object_get_string_member (body, "code"), ==, "<redacted>");
  g_assert_cmpstr (json_object_get_string_member (body, "client_id"), ==, tocsin_test_sandbox_get_client_id (f->sb));

  refreshed = st_refresh (f->sb, f->refresh, &status);
  {
    g_autoptr(JsonNode) alerts = st_api (f->sb, f->token, "GET", 0, "alerts?size=5&query=priority%3AP1", NULL, &status);
  }
  g_ptr_array_unref (log);
  log = tocsin_test_sandbox_get_log (f->sb);
  {
    JsonObject *api = last_entry (log, "/ex/jira/");
    JsonObject *headers = json_object_get_object_member (api, "headers");
    JsonObject *query = json_object_get_object_member (api, "query");
    JsonObject *refresh_entry = last_entry (log, "/oauth/token");

    g_assert_cmpstr (json_object_get_string_member (headers, "Authorization"), ==, "Bearer <redacted>");
    g_assert_cmpstr (json_object_get_string_member (query, "query"), ==, "priority:P1");
    g_assert_cmpstr (json_object_get_string_member (query, "size"), ==, "5");
    g_assert_cmpstr (json_object_get_string_member (refresh_entry, "grant_type"), ==, "refresh_token");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (refresh_entry, "body"), "refresh_token"),
                     ==, "<redacted>");
  }

  /* No secret appears anywhere in the log. */
  for (guint i = 0; i < log->len; i++)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), g_ptr_array_index (log, i));
      g_autofree char *line = json_to_string (node, FALSE);

      g_string_append (all, line);
    }
  everything = g_string_free (all, FALSE);
  g_assert_null (strstr (everything, f->token));
  g_assert_null (strstr (everything, f->refresh));
  g_assert_null (strstr (everything, tocsin_test_sandbox_get_client_secret (f->sb)));
  g_assert_null (strstr (everything, json_object_get_string_member (refreshed, "access_token")));
  g_assert_null (strstr (everything, json_object_get_string_member (refreshed, "refresh_token")));
}

static void
test_log_count_and_clear (Fixture       *f,
                          gconstpointer  data)
{
  guint status = 0;
  g_autoptr(JsonNode) a = NULL;
  g_autoptr(JsonNode) b = NULL;
  g_autoptr(JsonNode) state = NULL;
  g_autoptr(GPtrArray) log = NULL;

  tocsin_test_sandbox_clear_log (f->sb);
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (f->sb, NULL, NULL), ==, 0);
  a = st_api (f->sb, f->token, "GET", 0, "alerts", NULL, &status);
  b = st_api (f->sb, f->token, "GET", 0, "schedules", NULL, &status);
  state = tocsin_test_sandbox_control (f->sb, "GET", "/_sandbox/state", NULL, &status);
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (f->sb, "GET", "/ex/jira/"), ==, 2);
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (f->sb, "POST", "/ex/jira/"), ==, 0);
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (f->sb, NULL, "/_sandbox/"), ==, 0);
  log = tocsin_test_sandbox_get_log (f->sb);
  g_assert_cmpint (json_object_get_int_member (g_ptr_array_index (log, 1), "seq"), >,
                   json_object_get_int_member (g_ptr_array_index (log, 0), "seq"));
  g_assert_nonnull (json_object_get_string_member (g_ptr_array_index (log, 0), "time"));
}

/* ---- faults ------------------------------------------------------------------- */

static void
test_fault_status (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) body2 = NULL;
  g_autoptr(GBytes) body3 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) first = NULL;
  g_autoptr(SoupMessage) second = NULL;
  g_autoptr(SoupMessage) third = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"method\":\"GET\",\"kind\":\"status\","
                                        "\"status\":429,\"retry_after\":\"2\",\"times\":2}");
  first = raw_get (f, "alerts", &body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (first), ==, 429);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (first), "Retry-After"), ==, "2");
  json_parser_load_from_data (parser, g_bytes_get_data (body, NULL), g_bytes_get_size (body), &error);
  g_assert_no_error (error);
  g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)), "message"));
  second = raw_get (f, "schedules", &body2, &error);
  g_assert_cmpuint (soup_message_get_status (second), ==, 429);
  third = raw_get (f, "alerts", &body3, &error);
  g_assert_cmpuint (soup_message_get_status (third), ==, 200);
}

/* A status fault may carry its own error text (markup and all), in the
 * error shape of the path it hits. */
static void
test_fault_message (Fixture       *f,
                    gconstpointer  data)
{
  const char *text = "CPU & <b>memory</b> <a href='https://evil.example/'>Click</a>";
  g_autofree char *fault = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GBytes) alerts_body = NULL;
  g_autoptr(GBytes) schedules_body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) alerts = NULL;
  g_autoptr(SoupMessage) schedules = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *errors;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "path");
  json_builder_add_string_value (builder, "/ex/jira/");
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder, "status");
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, 503);
  json_builder_set_member_name (builder, "times");
  json_builder_add_int_value (builder, 2);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, text);
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);
  fault = json_to_string (node, FALSE);
  tocsin_test_sandbox_add_fault (f->sb, fault);

  alerts = raw_get (f, "alerts", &alerts_body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (alerts), ==, 503);
  json_parser_load_from_data (parser, g_bytes_get_data (alerts_body, NULL), g_bytes_get_size (alerts_body), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "message"), ==, text);

  schedules = raw_get (f, "schedules", &schedules_body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (schedules), ==, 503);
  json_parser_load_from_data (parser, g_bytes_get_data (schedules_body, NULL), g_bytes_get_size (schedules_body), &error);
  g_assert_no_error (error);
  errors = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "errors");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (errors, 0), "title"), ==, text);
}

static void
test_fault_token_endpoint (Fixture       *f,
                           gconstpointer  data)
{
  guint status = 0;
  g_autoptr(JsonObject) failed = NULL;
  g_autoptr(JsonObject) ok = NULL;

  /* method filter: a GET fault does not hit the POST */
  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/oauth/token\",\"method\":\"GET\",\"kind\":\"status\",\"status\":500}");
  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/oauth/token\",\"method\":\"POST\",\"kind\":\"status\",\"status\":503}");
  failed = st_refresh (f->sb, f->refresh, &status);
  g_assert_cmpuint (status, ==, 503);
  g_assert_nonnull (json_object_get_string_member (failed, "error"));
  ok = st_refresh (f->sb, f->refresh, &status);
  g_assert_cmpuint (status, ==, 200);
}

static void
test_fault_delay (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  gint64 start;

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"delay\",\"delay_ms\":400}");
  start = g_get_monotonic_time ();
  msg = raw_get (f, "alerts", &body, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 400 * 1000);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_true (is_json (body));
}

static void
test_fault_bodies (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) normal = NULL;
  g_autoptr(SoupMessage) normal_msg = raw_get (f, "alerts", &normal, &error);
  struct { const char *kind; } kinds[] = { { "malformed" }, { "truncated" }, { "content-type" } };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *fault = g_strdup_printf ("{\"path\":\"/ex/jira/\",\"kind\":\"%s\"}", kinds[i].kind);
      g_autoptr(GBytes) body = NULL;
      g_autoptr(SoupMessage) msg = NULL;
      const char *ct;

      tocsin_test_sandbox_add_fault (f->sb, fault);
      msg = raw_get (f, "alerts", &body, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
      g_assert_false (is_json (body));
      ct = soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL);
      if (g_str_equal (kinds[i].kind, "content-type"))
        g_assert_cmpstr (ct, ==, "text/html");
      else
        g_assert_cmpstr (ct, ==, "application/json");
      if (g_str_equal (kinds[i].kind, "truncated"))
        g_assert_cmpuint (g_bytes_get_size (body), <, g_bytes_get_size (normal));
    }
}

static void
test_fault_drop (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(SoupMessage) msg2 = NULL;

  /* libsoup quietly retries when a reused keep-alive connection closes,
   * so drop until cleared; a fresh connection then fails for real. */
  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"drop\",\"times\":-1}");
  msg = raw_get (f, "alerts", &body, &error);
  g_assert_nonnull (error);
  g_assert_null (body);
  g_clear_error (&error);
  g_assert_cmpuint (tocsin_test_sandbox_count_requests (f->sb, "GET", "/ex/jira/"), >=, 1);
  tocsin_test_sandbox_clear_faults (f->sb);
  msg2 = raw_get (f, "alerts", &again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg2), ==, 200);
}

/* "query" narrows a fault to requests whose query string contains it: here
 * the one-alert count request, not the list beside it. */
static void
test_fault_query (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) list_body = NULL;
  g_autoptr(GBytes) count_body = NULL;
  g_autoptr(GBytes) again_body = NULL;
  g_autoptr(SoupMessage) list = NULL;
  g_autoptr(SoupMessage) count = NULL;
  g_autoptr(SoupMessage) again = NULL;

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"query\":\"size=1&\",\"kind\":\"status\",\"status\":503}");
  list = raw_get (f, "alerts?offset=0&size=100&query=status%3Aopen", &list_body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (list), ==, 200);
  count = raw_get (f, "alerts?offset=0&size=1&query=status%3Aopen", &count_body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (count), ==, 503);
  again = raw_get (f, "alerts?offset=0&size=1&query=status%3Aopen", &again_body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (again), ==, 200);
}

static void
test_fault_huge (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(SoupMessage) msg = NULL;

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"huge\"}");
  msg = raw_get (f, "alerts", &body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_cmpuint (g_bytes_get_size (body), ==, 64 * 1024 * 1024);
}

/* body, a sized huge, invalid-utf8 and wrong-types: what the fault matrix
 * throws at the client. */
static void
test_fault_rewrites (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) normal = NULL;
  g_autoptr(GBytes) deep = NULL;
  g_autoptr(GBytes) html = NULL;
  g_autoptr(GBytes) sized = NULL;
  g_autoptr(GBytes) invalid = NULL;
  g_autoptr(GBytes) swapped = NULL;
  g_autoptr(SoupMessage) normal_msg = raw_get (f, "alerts", &normal, &error);
  g_autoptr(SoupMessage) deep_msg = NULL;
  g_autoptr(SoupMessage) html_msg = NULL;
  g_autoptr(SoupMessage) sized_msg = NULL;
  g_autoptr(SoupMessage) invalid_msg = NULL;
  g_autoptr(SoupMessage) swapped_msg = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *first;

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"body\",\"body\":\"[\","
                                        "\"body_repeat\":100000}");
  deep_msg = raw_get (f, "alerts", &deep, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (deep), ==, 100000);
  g_assert_cmpint (((const char *) g_bytes_get_data (deep, NULL))[99999], ==, '[');

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"body\",\"status\":502,"
                                        "\"content_type\":\"text/html\",\"body\":\"<html>Bad gateway</html>\"}");
  html_msg = raw_get (f, "alerts", &html, &error);
  g_assert_cmpuint (soup_message_get_status (html_msg), ==, 502);
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_message_get_response_headers (html_msg), NULL),
                   ==, "text/html");

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"huge\",\"size\":1000000}");
  sized_msg = raw_get (f, "alerts", &sized, &error);
  g_assert_cmpuint (g_bytes_get_size (sized), ==, 1000000);

  /* The real page, with bytes that are not UTF-8 in its strings. */
  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"invalid-utf8\"}");
  invalid_msg = raw_get (f, "alerts", &invalid, &error);
  g_assert_cmpuint (g_bytes_get_size (invalid), >, g_bytes_get_size (normal));
  g_assert_false (g_utf8_validate (g_bytes_get_data (invalid, NULL), g_bytes_get_size (invalid), NULL));

  /* The real page, strings turned into numbers: valid JSON, wrong types. */
  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"wrong-types\"}");
  swapped_msg = raw_get (f, "alerts", &swapped, &error);
  json_parser_load_from_data (parser, g_bytes_get_data (swapped, NULL), g_bytes_get_size (swapped), &error);
  g_assert_no_error (error);
  first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                       "values"), 0);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (first, "id")), ==, G_TYPE_INT64);
}

static void
test_fault_redirect (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) body2 = NULL;
  g_autoptr(GBytes) body3 = NULL;
  g_autoptr(SoupMessage) found = NULL;
  g_autoptr(SoupMessage) temporary = NULL;
  g_autoptr(SoupMessage) after = NULL;
  guint status = 0;
  g_autoptr(JsonNode) refused = NULL;

  /* A location is required. */
  refused = tocsin_test_sandbox_control (f->sb, "POST", "/_sandbox/faults",
                                         "{\"path\":\"/ex/jira/\",\"kind\":\"redirect\"}", &status);
  g_assert_cmpuint (status, ==, 400);

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"redirect\","
                                        "\"location\":\"http://127.0.0.1:9/elsewhere?x=1\"}");
  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"redirect\",\"status\":307,"
                                        "\"location\":\"http://127.0.0.1:9/again\"}");
  found = raw_get (f, "alerts", &body, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (found), ==, 302);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (found), "Location"),
                   ==, "http://127.0.0.1:9/elsewhere?x=1");
  temporary = raw_get (f, "alerts", &body2, &error);
  g_assert_cmpuint (soup_message_get_status (temporary), ==, 307);
  g_assert_cmpstr (soup_message_headers_get_one (soup_message_get_response_headers (temporary), "Location"),
                   ==, "http://127.0.0.1:9/again");
  /* Each once: then the real answer. */
  after = raw_get (f, "alerts", &body3, &error);
  g_assert_cmpuint (soup_message_get_status (after), ==, 200);
}

static void
test_fault_until_cleared (Fixture       *f,
                          gconstpointer  data)
{
  guint status = 0;
  g_autoptr(JsonNode) bad = NULL;

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/ex/jira/\",\"kind\":\"status\",\"status\":502,\"times\":-1}");
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonNode) node = st_api (f->sb, f->token, "GET", 0, "alerts", NULL, &status);
      g_assert_cmpuint (status, ==, 502);
    }
  tocsin_test_sandbox_clear_faults (f->sb);
  {
    g_autoptr(JsonNode) node = st_api (f->sb, f->token, "GET", 0, "alerts", NULL, &status);
    g_assert_cmpuint (status, ==, 200);
  }
  bad = tocsin_test_sandbox_control (f->sb, "POST", "/_sandbox/faults", "{\"path\":\"/x\",\"kind\":\"explode\"}", &status);
  g_assert_cmpuint (status, ==, 400);
}

/* ---- alerts and state ---------------------------------------------------------- */

static void
test_control_alerts (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *create = g_strdup_printf ("/_sandbox/alerts?site=%s", tocsin_test_sandbox_get_cloud_id (f->sb, 1));
  guint status = 0;
  g_autoptr(JsonNode) created = tocsin_test_sandbox_control (f->sb, "POST", create,
                                                              "{\"message\":\"Injected ⚡\",\"priority\":\"P1\",\"tags\":[\"x\"]}", &status);
  const char *id = json_object_get_string_member (st_object (created), "id");
  g_autofree char *patch_path = g_strdup_printf ("/_sandbox/alerts/%s", id);
  g_autofree char *get_path = g_strdup_printf ("alerts/%s", id);
  g_autoptr(JsonNode) patched = NULL;
  g_autoptr(JsonNode) fetched = NULL;
  g_autoptr(JsonNode) invalid = NULL;
  g_autoptr(JsonNode) missing = NULL;
  g_autoptr(JsonNode) no_message = NULL;

  g_assert_cmpuint (status, ==, 201);
  patched = tocsin_test_sandbox_control (f->sb, "PATCH", patch_path, "{\"status\":\"acked\",\"owner\":\"Lars Ødegård\"}", &status);
  g_assert_cmpuint (status, ==, 200);
  fetched = st_api (f->sb, f->token, "GET", 1, get_path, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (st_object (fetched), "status"), ==, "acked");
  g_assert_true (json_object_get_boolean_member (st_object (fetched), "acknowledged"));
  g_assert_cmpstr (json_object_get_string_member (st_object (fetched), "owner"), ==, "Lars Ødegård");

  invalid = tocsin_test_sandbox_control (f->sb, "PATCH", patch_path, "{\"priority\":\"P0\"}", &status);
  g_assert_cmpuint (status, ==, 422);
  missing = tocsin_test_sandbox_control (f->sb, "PATCH", "/_sandbox/alerts/nope", "{\"priority\":\"P2\"}", &status);
  g_assert_cmpuint (status, ==, 404);
  no_message = tocsin_test_sandbox_control (f->sb, "POST", "/_sandbox/alerts", "{\"priority\":\"P2\"}", &status);
  g_assert_cmpuint (status, ==, 422);
}

static void
test_state (Fixture       *f,
            gconstpointer  data)
{
  guint status = 0;
  g_autoptr(JsonNode) state = tocsin_test_sandbox_control (f->sb, "GET", "/_sandbox/state", NULL, &status);
  JsonObject *obj = st_object (state);
  JsonArray *sites = json_object_get_array_member (obj, "sites");

  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (sites), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (obj, "user"), "accountId"), ==,
                   TOCSIN_TEST_SANDBOX_USER_ID);
  g_assert_cmpint (json_object_get_int_member (obj, "alert_count"), >=, 60);
  g_assert_cmpint (json_object_get_int_member (obj, "grants"), ==, 1);
}

/* Same seed, same ids; another seed, other ids. */
static void
test_seed (void)
{
  TocsinTestSandbox *a = tocsin_test_sandbox_start (NULL);
  TocsinTestSandbox *b = tocsin_test_sandbox_start ("--seed", "1", NULL);
  TocsinTestSandbox *c = tocsin_test_sandbox_start ("--seed", "2", NULL);

  g_assert_cmpstr (tocsin_test_sandbox_get_cloud_id (a, 0), ==, tocsin_test_sandbox_get_cloud_id (b, 0));
  g_assert_cmpstr (tocsin_test_sandbox_get_cloud_id (a, 0), !=, tocsin_test_sandbox_get_cloud_id (c, 0));
  tocsin_test_sandbox_stop (a);
  tocsin_test_sandbox_stop (b);
  tocsin_test_sandbox_stop (c);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add ("/sandbox/control/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("log-redacts", test_log_redacts);
  ADD ("log-count-and-clear", test_log_count_and_clear);
  ADD ("fault-status", test_fault_status);
  ADD ("fault-message", test_fault_message);
  ADD ("fault-token-endpoint", test_fault_token_endpoint);
  ADD ("fault-delay", test_fault_delay);
  ADD ("fault-bodies", test_fault_bodies);
  ADD ("fault-drop", test_fault_drop);
  ADD ("fault-huge", test_fault_huge);
  ADD ("fault-query", test_fault_query);
  ADD ("fault-redirect", test_fault_redirect);
  ADD ("fault-rewrites", test_fault_rewrites);
  ADD ("fault-until-cleared", test_fault_until_cleared);
  ADD ("control-alerts", test_control_alerts);
  ADD ("state", test_state);
#undef ADD
  g_test_add_func ("/sandbox/control/seed", test_seed);

  return g_test_run ();
}
