/* sandbox-test-common.c: small helpers shared by the sandbox's own tests
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "sandbox-test-common.h"

/* /authorize with all seven parameters valid; each key/value pair replaces
 * one (a NULL value leaves the parameter out). */
char *
st_authorize_path (TocsinTestSandbox *sb,
                   const char        *first_key,
                   ...)
{
  const char *keys[] = { "audience", "client_id", "scope", "redirect_uri", "state", "response_type", "prompt" };
  const char *values[] = { "api.atlassian.com", tocsin_test_sandbox_get_client_id (sb),
                           TOCSIN_TEST_SANDBOX_ALL_SCOPES, tocsin_test_sandbox_get_callback_url (sb, 0),
                           "st-state", "code", "consent" };
  g_autoptr(GHashTable) params = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  GString *path = g_string_new ("/authorize");
  va_list ap;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_hash_table_insert (params, (char *) keys[i], (char *) values[i]);
      g_ptr_array_add (order, (char *) keys[i]);
    }
  va_start (ap, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (ap, const char *))
    {
      const char *value = va_arg (ap, const char *);

      if (!g_hash_table_contains (params, key))
        g_ptr_array_add (order, (char *) key);
      g_hash_table_insert (params, (char *) key, (char *) value);
    }
  va_end (ap);

  for (guint i = 0; i < order->len; i++)
    {
      const char *value = g_hash_table_lookup (params, order->pdata[i]);
      g_autofree char *escaped = NULL;

      if (value == NULL)
        continue;
      escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_printf (path, "%c%s=%s", path->len == strlen ("/authorize") ? '?' : '&',
                              (char *) order->pdata[i], escaped);
    }
  return g_string_free (path, FALSE);
}

SoupMessage *
st_get (TocsinTestSandbox *sb,
        const char        *path,
        char             **body_out)
{
  g_autofree char *url = g_strconcat (tocsin_test_sandbox_get_auth_url (sb), path, NULL);
  SoupMessage *msg = soup_message_new ("GET", url);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = tocsin_test_sandbox_send (sb, msg, &error);

  g_assert_no_error (error);
  if (body_out != NULL)
    *body_out = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  return msg;
}

GHashTable *
st_location_params (SoupMessage *msg)
{
  const char *location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  g_autoptr(GUri) uri = NULL;

  g_assert_nonnull (location);
  uri = g_uri_parse (location, G_URI_FLAGS_NONE, NULL);
  g_assert_nonnull (uri);
  return soup_form_decode (g_uri_get_query (uri) ? g_uri_get_query (uri) : "");
}

/* {"k":"v",...} from string pairs; a NULL value leaves the member out. */
char *
st_json_body (const char *first_key,
              ...)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list ap;

  json_builder_begin_object (b);
  va_start (ap, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (ap, const char *))
    {
      const char *value = va_arg (ap, const char *);

      if (value == NULL)
        continue;
      json_builder_set_member_name (b, key);
      json_builder_add_string_value (b, value);
    }
  va_end (ap);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

JsonObject *
st_object (JsonNode *node)
{
  g_assert_nonnull (node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_node_get_object (node);
}

JsonObject *
st_token (TocsinTestSandbox *sb,
          const char        *json_body,
          guint             *status_out)
{
  g_autoptr(JsonNode) node = tocsin_test_sandbox_api (sb, "POST", "/oauth/token", NULL, json_body, status_out);

  return json_object_ref (st_object (node));
}

JsonObject *
st_exchange_code (TocsinTestSandbox *sb,
                  const char        *code,
                  guint             *status_out)
{
  g_autofree char *body = st_json_body ("grant_type", "authorization_code",
                                        "client_id", tocsin_test_sandbox_get_client_id (sb),
                                        "client_secret", tocsin_test_sandbox_get_client_secret (sb),
                                        "code", code,
                                        "redirect_uri", tocsin_test_sandbox_get_callback_url (sb, 0),
                                        NULL);
  return st_token (sb, body, status_out);
}

JsonObject *
st_refresh (TocsinTestSandbox *sb,
            const char        *refresh_token,
            guint             *status_out)
{
  g_autofree char *body = st_json_body ("grant_type", "refresh_token",
                                        "client_id", tocsin_test_sandbox_get_client_id (sb),
                                        "client_secret", tocsin_test_sandbox_get_client_secret (sb),
                                        "refresh_token", refresh_token,
                                        NULL);
  return st_token (sb, body, status_out);
}

static char *
consent_form (const char *html,
              const char *decision,
              const char *only_site)
{
  g_autoptr(GRegex) re = g_regex_new ("<input type=\"(hidden|checkbox)\" name=\"([^\"]+)\" value=\"([^\"]*)\"",
                                      0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GString *form = g_string_new ("decision=");

  g_string_append (form, decision);
  g_regex_match (re, html, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *type = g_match_info_fetch (match, 1);
      g_autofree char *name = g_match_info_fetch (match, 2);
      g_autofree char *raw = g_match_info_fetch (match, 3);
      g_autofree char *value = g_strdup (raw);
      g_autofree char *escaped = NULL;
      g_autoptr(GString) unescaped = g_string_new (value);

      g_string_replace (unescaped, "&quot;", "\"", 0);
      g_string_replace (unescaped, "&amp;", "&", 0);
      escaped = g_uri_escape_string (unescaped->str, NULL, FALSE);
      if (!(g_str_equal (type, "checkbox") && only_site && !g_str_equal (unescaped->str, only_site)))
        g_string_append_printf (form, "&%s=%s", name, escaped);
      g_match_info_next (match, NULL);
    }
  return g_string_free (form, FALSE);
}

/* Shows the consent page, submits it, and returns the code (or NULL). */
char *
st_consent (TocsinTestSandbox  *sb,
            const char         *authorize_path,
            const char         *decision,
            const char         *only_site,
            GHashTable        **params_out)
{
  g_autofree char *html = NULL;
  g_autoptr(SoupMessage) page = st_get (sb, authorize_path, &html);
  g_autofree char *url = g_strconcat (tocsin_test_sandbox_get_auth_url (sb), "/authorize/consent", NULL);
  g_autoptr(SoupMessage) post = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) params = NULL;
  char *code;

  g_assert_cmpuint (soup_message_get_status (page), ==, 200);
  post = soup_message_new_from_encoded_form ("POST", url, consent_form (html, decision, only_site));
  reply = tocsin_test_sandbox_send (sb, post, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (post), ==, SOUP_STATUS_FOUND);
  params = st_location_params (post);
  code = g_strdup (g_hash_table_lookup (params, "code"));
  if (params_out != NULL)
    *params_out = g_steal_pointer (&params);
  return code;
}

JsonNode *
st_api (TocsinTestSandbox *sb,
        const char        *token,
        const char        *method,
        guint              site,
        const char        *ops_path,
        const char        *json_body,
        guint             *status_out)
{
  g_autofree char *path = ops_path[0] == '/' ? g_strdup (ops_path)
                                             : tocsin_test_sandbox_site_path (sb, site, ops_path);

  return tocsin_test_sandbox_api (sb, method, path, token, json_body, status_out);
}

/* Polls requests/{id} (bounded: 10 s) until it stops answering 404. */
gboolean
st_wait_request (TocsinTestSandbox  *sb,
                 const char         *token,
                 const char         *request_id,
                 JsonObject        **status_out)
{
  g_autofree char *path = g_strdup_printf ("alerts/requests/%s", request_id);

  for (guint attempt = 0; attempt < 200; attempt++)
    {
      guint status = 0;
      g_autoptr(JsonNode) node = st_api (sb, token, "GET", 0, path, NULL, &status);

      if (status == 200)
        {
          *status_out = json_object_ref (st_object (node));
          return TRUE;
        }
      g_assert_cmpuint (status, ==, 404);
      g_usleep (50 * 1000);
    }
  return FALSE;
}

void
st_assert_error (JsonNode   *node,
                 const char *member,
                 const char *expected_substring)
{
  JsonObject *obj = st_object (node);
  const char *text = json_object_get_string_member_with_default (obj, member, NULL);

  g_assert_nonnull (text);
  if (expected_substring != NULL)
    g_assert_nonnull (strstr (text, expected_substring));
}
