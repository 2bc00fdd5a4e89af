/* test-sandbox-auth.c: the sandbox's imitation of auth.atlassian.com
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sandbox-test-common.h"

#define READ_ALERT "read:ops-alert:jira-service-management"
#define READ_CONFIG "read:ops-config:jira-service-management"

static void
test_first_line (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--client-id", "abc", "--callback-url", "http://127.0.0.1:9/cb", NULL);

  g_assert_true (g_str_has_prefix (tocsin_test_sandbox_get_auth_url (sb), "http://127.0.0.1:"));
  g_assert_cmpstr (tocsin_test_sandbox_get_auth_url (sb), ==, tocsin_test_sandbox_get_api_url (sb));
  g_assert_cmpuint (tocsin_test_sandbox_get_port (sb), >, 0);
  g_assert_cmpstr (tocsin_test_sandbox_get_client_id (sb), ==, "abc");
  g_assert_cmpstr (tocsin_test_sandbox_get_client_secret (sb), ==, "tocsin-sandbox-secret");
  g_assert_cmpstr (tocsin_test_sandbox_get_callback_url (sb, 0), ==, "http://127.0.0.1:9/cb");
  tocsin_test_sandbox_stop (sb);
}

/* Rejections that must never redirect: an error page instead. */
static void
assert_error_page (TocsinTestSandbox *sb,
                   const char        *path)
{
  g_autofree char *body = NULL;
  g_autoptr(SoupMessage) msg = st_get (sb, path, &body);
  SoupMessageHeaders *h = soup_message_get_response_headers (msg);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 400);
  g_assert_null (soup_message_headers_get_one (h, "Location"));
  g_assert_true (g_str_has_prefix (soup_message_headers_get_content_type (h, NULL), "text/html"));
  g_assert_null (strstr (body, "<form"));
}

/* Rejections sent back to the app: error=... (and state when given). */
static void
assert_error_redirect (TocsinTestSandbox *sb,
                       const char        *path,
                       const char        *error,
                       gboolean           with_state)
{
  g_autoptr(SoupMessage) msg = st_get (sb, path, NULL);
  g_autoptr(GHashTable) params = NULL;
  const char *location;

  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);
  location = soup_message_headers_get_one (soup_message_get_response_headers (msg), "Location");
  g_assert_true (g_str_has_prefix (location, tocsin_test_sandbox_get_callback_url (sb, 0)));
  params = st_location_params (msg);
  g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, error);
  g_assert_nonnull (g_hash_table_lookup (params, "error_description"));
  g_assert_null (g_hash_table_lookup (params, "code"));
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, with_state ? "st-state" : NULL);
}

static void
test_authorize_rejections (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  struct { const char *key, *value, *error; } redirects[] = {
    { "audience", NULL, "invalid_request" },
    { "audience", "api.example.com", "access_denied" },
    { "scope", "read:ops-alert:jira-service-management delete:everything", "invalid_scope" },
    { "scope", NULL, "invalid_request" },
    { "response_type", "token", "unsupported_response_type" },
    { "response_type", NULL, "unsupported_response_type" },
    { "prompt", NULL, "invalid_request" },
    { "prompt", "none", "invalid_request" },
  };
  g_autofree char *unknown_client = st_authorize_path (sb, "client_id", "someone-else", NULL);
  g_autofree char *no_client = st_authorize_path (sb, "client_id", NULL, NULL);
  g_autofree char *bad_redirect = st_authorize_path (sb, "redirect_uri", "http://localhost:8976/callback/evil", NULL);
  g_autofree char *no_redirect = st_authorize_path (sb, "redirect_uri", NULL, NULL);
  g_autofree char *no_state = st_authorize_path (sb, "state", NULL, NULL);

  assert_error_page (sb, unknown_client);
  assert_error_page (sb, no_client);
  assert_error_page (sb, bad_redirect);
  assert_error_page (sb, no_redirect);
  for (guint i = 0; i < G_N_ELEMENTS (redirects); i++)
    {
      g_autofree char *path = st_authorize_path (sb, redirects[i].key, redirects[i].value, NULL);

      assert_error_redirect (sb, path, redirects[i].error, TRUE);
    }
  assert_error_redirect (sb, no_state, "invalid_request", FALSE);
  tocsin_test_sandbox_stop (sb);
}

static void
test_consent_page (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autofree char *path = st_authorize_path (sb, NULL);
  g_autofree char *html = NULL;
  g_autoptr(SoupMessage) msg = st_get (sb, path, &html);
  g_autofree char *site0 = g_strdup_printf ("name=\"site\" value=\"%s\" checked", tocsin_test_sandbox_get_cloud_id (sb, 0));
  g_autofree char *site1 = g_strdup_printf ("name=\"site\" value=\"%s\" checked", tocsin_test_sandbox_get_cloud_id (sb, 1));

  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (html, "method=\"post\" action=\"/authorize/consent\""));
  g_assert_nonnull (strstr (html, site0));
  g_assert_nonnull (strstr (html, site1));
  g_assert_nonnull (strstr (html, "id=\"accept\" name=\"decision\" value=\"accept\""));
  g_assert_nonnull (strstr (html, "id=\"deny\" name=\"decision\" value=\"deny\""));
  g_assert_nonnull (strstr (html, "name=\"state\" value=\"st-state\""));
  tocsin_test_sandbox_stop (sb);
}

static void
test_consent_deny (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autofree char *path = st_authorize_path (sb, NULL);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *code = st_consent (sb, path, "deny", NULL, &params);

  g_assert_null (code);
  g_assert_cmpstr (g_hash_table_lookup (params, "error"), ==, "access_denied");
  g_assert_nonnull (g_hash_table_lookup (params, "error_description"));
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "st-state");
  tocsin_test_sandbox_stop (sb);
}

/* Accept with one site ticked: accessible-resources lists that site only,
 * with the granted scopes. */
static void
test_consent_one_site (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  const char *site1 = tocsin_test_sandbox_get_cloud_id (sb, 1);
  g_autofree char *path = st_authorize_path (sb, "scope", READ_ALERT " offline_access", NULL);
  g_autofree char *code = st_consent (sb, path, "accept", site1, NULL);
  guint status = 0;
  g_autoptr(JsonObject) tokens = st_exchange_code (sb, code, &status);
  const char *access = json_object_get_string_member (tokens, "access_token");
  g_autoptr(JsonNode) resources = NULL;
  JsonObject *site;
  JsonArray *scopes;

  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (json_object_get_string_member (tokens, "token_type"), ==, "Bearer");
  g_assert_cmpint (json_object_get_int_member (tokens, "expires_in"), ==, 3600);
  g_assert_cmpstr (json_object_get_string_member (tokens, "scope"), ==, READ_ALERT " offline_access");
  g_assert_nonnull (json_object_get_string_member (tokens, "refresh_token"));

  resources = tocsin_test_sandbox_api (sb, "GET", "/oauth/token/accessible-resources", access, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (resources)), ==, 1);
  site = json_array_get_object_element (json_node_get_array (resources), 0);
  g_assert_cmpstr (json_object_get_string_member (site, "id"), ==, site1);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (site, "url"), "https://"));
  g_assert_nonnull (json_object_get_string_member (site, "name"));
  g_assert_nonnull (json_object_get_string_member (site, "avatarUrl"));
  scopes = json_object_get_array_member (site, "scopes");
  g_assert_cmpuint (json_array_get_length (scopes), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (scopes, 0), ==, READ_ALERT);
  tocsin_test_sandbox_stop (sb);
}

static void
test_auto_consent (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--auto-consent", NULL);
  g_autofree char *path = st_authorize_path (sb, NULL);
  g_autoptr(SoupMessage) msg = st_get (sb, path, NULL);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *bad = st_authorize_path (sb, "redirect_uri", "http://evil.example/cb", NULL);

  g_assert_cmpuint (soup_message_get_status (msg), ==, 302);
  params = st_location_params (msg);
  g_assert_nonnull (g_hash_table_lookup (params, "code"));
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, "st-state");
  /* The checks still apply. */
  assert_error_page (sb, bad);
  tocsin_test_sandbox_stop (sb);
}

static char *
new_code (TocsinTestSandbox *sb)
{
  g_autofree char *path = st_authorize_path (sb, NULL);

  return st_consent (sb, path, "accept", NULL, NULL);
}

static guint
resources_status (TocsinTestSandbox *sb,
                  const char        *access)
{
  guint status = 0;
  g_autoptr(JsonNode) node = tocsin_test_sandbox_api (sb, "GET", "/oauth/token/accessible-resources",
                                                      access, NULL, &status);
  return status;
}

/* A code works once; its reuse fails and revokes what it granted. */
static void
test_code_reuse (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autofree char *code = new_code (sb);
  guint status = 0;
  g_autoptr(JsonObject) first = st_exchange_code (sb, code, &status);
  g_autoptr(JsonObject) second = NULL;

  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (resources_status (sb, json_object_get_string_member (first, "access_token")), ==, 200);
  second = st_exchange_code (sb, code, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (second, "error"), ==, "invalid_grant");
  g_assert_cmpuint (resources_status (sb, json_object_get_string_member (first, "access_token")), ==, 401);
  tocsin_test_sandbox_stop (sb);
}

static void
test_code_expiry (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--code-lifetime", "30", NULL);
  g_autofree char *code = new_code (sb);
  g_autofree char *fresh = new_code (sb);
  guint status = 0;
  g_autoptr(JsonObject) expired = NULL;
  g_autoptr(JsonObject) ok = st_exchange_code (sb, fresh, &status);

  g_assert_cmpuint (status, ==, 200);
  tocsin_test_sandbox_advance_clock (sb, 31);
  expired = st_exchange_code (sb, code, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (expired, "error"), ==, "invalid_grant");
  tocsin_test_sandbox_stop (sb);
}

static void
test_token_checks (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autofree char *code = new_code (sb);
  const char *id = tocsin_test_sandbox_get_client_id (sb);
  g_autofree char *wrong_redirect = st_json_body ("grant_type", "authorization_code", "client_id", id,
                                                  "client_secret", tocsin_test_sandbox_get_client_secret (sb),
                                                  "code", code, "redirect_uri", "tocsin://callback", NULL);
  g_autofree char *wrong_secret = st_json_body ("grant_type", "authorization_code", "client_id", id,
                                                "client_secret", "guess", "code", code,
                                                "redirect_uri", tocsin_test_sandbox_get_callback_url (sb, 0), NULL);
  g_autofree char *bad_grant = st_json_body ("grant_type", "password", "client_id", id,
                                             "client_secret", tocsin_test_sandbox_get_client_secret (sb), NULL);
  guint status = 0;
  g_autoptr(JsonObject) r1 = st_token (sb, wrong_redirect, &status);
  g_autoptr(JsonObject) r2 = NULL;
  g_autoptr(JsonObject) r3 = NULL;
  g_autoptr(JsonObject) r4 = NULL;

  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (r1, "error"), ==, "invalid_grant");
  r2 = st_token (sb, wrong_secret, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (r2, "error"), ==, "access_denied");
  r3 = st_token (sb, bad_grant, &status);
  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (r3, "error"), ==, "unsupported_grant_type");
  /* The failed attempts did not use up the code. */
  r4 = st_exchange_code (sb, code, &status);
  g_assert_cmpuint (status, ==, 200);
  tocsin_test_sandbox_stop (sb);
}

/* The documented JSON body and the form encoding both work. */
static void
test_token_form_encoding (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autofree char *code = new_code (sb);
  g_autofree char *url = g_strconcat (tocsin_test_sandbox_get_auth_url (sb), "/oauth/token", NULL);
  g_autoptr(SoupMessage) msg = soup_message_new_from_encoded_form ("POST", url,
    soup_form_encode ("grant_type", "authorization_code",
                      "client_id", tocsin_test_sandbox_get_client_id (sb),
                      "client_secret", tocsin_test_sandbox_get_client_secret (sb),
                      "code", code,
                      "redirect_uri", tocsin_test_sandbox_get_callback_url (sb, 0), NULL));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = tocsin_test_sandbox_send (sb, msg, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (msg), ==, 200);
  g_assert_nonnull (strstr (g_bytes_get_data (body, NULL), "\"access_token\""));
  tocsin_test_sandbox_stop (sb);
}

static char *
pkce_code (TocsinTestSandbox *sb,
           const char        *verifier)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *challenge = NULL;
  g_autofree char *path = NULL;

  g_checksum_update (sum, (const guchar *) verifier, strlen (verifier));
  g_checksum_get_digest (sum, digest, &len);
  challenge = g_base64_encode (digest, len);
  g_strdelimit (challenge, "+", '-');
  g_strdelimit (challenge, "/", '_');
  g_strdelimit (challenge, "=", '\0');
  path = st_authorize_path (sb, "code_challenge", challenge, "code_challenge_method", "S256", NULL);
  return st_consent (sb, path, "accept", NULL, NULL);
}

static JsonObject *
exchange_with_verifier (TocsinTestSandbox *sb,
                        const char        *code,
                        const char        *verifier,
                        guint             *status)
{
  g_autofree char *body = st_json_body ("grant_type", "authorization_code",
                                        "client_id", tocsin_test_sandbox_get_client_id (sb),
                                        "client_secret", tocsin_test_sandbox_get_client_secret (sb),
                                        "code", code,
                                        "redirect_uri", tocsin_test_sandbox_get_callback_url (sb, 0),
                                        "code_verifier", verifier, NULL);
  return st_token (sb, body, status);
}

static void
test_pkce (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  const char *verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  g_autofree char *code = pkce_code (sb, verifier);
  g_autofree char *code2 = pkce_code (sb, verifier);
  guint status = 0;
  g_autoptr(JsonObject) wrong = exchange_with_verifier (sb, code, "not-the-verifier-not-the-verifier-000000000", &status);
  g_autoptr(JsonObject) missing = NULL;
  g_autoptr(JsonObject) right = NULL;
  g_autoptr(JsonObject) wrong_method = NULL;
  g_autofree char *plain = st_authorize_path (sb, "code_challenge", "abc", "code_challenge_method", "plain", NULL);

  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (wrong, "error"), ==, "invalid_grant");
  missing = exchange_with_verifier (sb, code, NULL, &status);
  g_assert_cmpuint (status, ==, 403);
  right = exchange_with_verifier (sb, code, verifier, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (json_object_get_string_member (right, "access_token"));
  /* A second code with the same challenge still rejects a wrong verifier. */
  wrong_method = exchange_with_verifier (sb, code2, "x", &status);
  g_assert_cmpuint (status, ==, 403);
  assert_error_redirect (sb, plain, "invalid_request", TRUE);
  tocsin_test_sandbox_stop (sb);
}

/* --reject-pkce: a server that knows no PKCE ignores the challenge and,
 * strict about unknown parameters, refuses code_verifier. */
static void
test_reject_pkce (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--reject-pkce", NULL);
  const char *verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  g_autofree char *code = pkce_code (sb, verifier);
  g_autofree char *code2 = pkce_code (sb, verifier);
  guint status = 0;
  g_autoptr(JsonObject) refused = exchange_with_verifier (sb, code, verifier, &status);
  g_autoptr(JsonObject) plain = NULL;

  g_assert_cmpuint (status, ==, 400);
  g_assert_cmpstr (json_object_get_string_member (refused, "error"), ==, "invalid_request");
  g_assert_nonnull (strstr (json_object_get_string_member (refused, "error_description"), "code_verifier"));
  plain = exchange_with_verifier (sb, code2, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (json_object_get_string_member (plain, "access_token"));
  tocsin_test_sandbox_stop (sb);
}

/* --classic-scopes lists no granular scope; --no-ops-site takes
 * Operations away from one site. */
static void
test_classic_scopes_and_no_ops_site (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--classic-scopes", "--no-ops-site", "1", NULL);
  g_autofree char *access = tocsin_test_sandbox_sign_in (sb, NULL, NULL);
  g_autofree char *alerts0 = tocsin_test_sandbox_site_path (sb, 0, "alerts?size=1");
  g_autofree char *alerts1 = tocsin_test_sandbox_site_path (sb, 1, "alerts?size=1");
  g_autoptr(JsonNode) resources = NULL;
  g_autoptr(JsonNode) on0 = NULL;
  g_autoptr(JsonNode) on1 = NULL;
  JsonArray *sites;
  guint status = 0;

  resources = tocsin_test_sandbox_api (sb, "GET", "/oauth/token/accessible-resources", access, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  sites = json_node_get_array (resources);
  g_assert_cmpuint (json_array_get_length (sites), ==, 2);
  for (guint i = 0; i < json_array_get_length (sites); i++)
    {
      JsonArray *scopes = json_object_get_array_member (json_array_get_object_element (sites, i), "scopes");
      gboolean jira_work = FALSE;

      for (guint j = 0; j < json_array_get_length (scopes); j++)
        {
          const char *scope = json_array_get_string_element (scopes, j);

          g_assert_null (strstr (scope, ":jira-service-management"));
          jira_work |= g_str_equal (scope, "read:jira-work");
        }
      g_assert_true (jira_work);
    }

  on0 = tocsin_test_sandbox_api (sb, "GET", alerts0, access, NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  on1 = tocsin_test_sandbox_api (sb, "GET", alerts1, access, NULL, &status);
  g_assert_cmpuint (status, ==, 404);
  tocsin_test_sandbox_stop (sb);
}

static void
test_no_offline_access (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autofree char *refresh = NULL;
  g_autofree char *access = tocsin_test_sandbox_sign_in (sb, READ_ALERT, &refresh);

  g_assert_nonnull (access);
  g_assert_null (refresh);
  tocsin_test_sandbox_stop (sb);
}

/* Rotation: each refresh returns a new refresh token; the old one still
 * works within the reuse interval; reusing it later revokes the grant. */
static void
test_refresh_rotation (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--refresh-reuse-interval", "60", NULL);
  g_autofree char *rt0 = NULL;
  g_autofree char *at0 = tocsin_test_sandbox_sign_in (sb, NULL, &rt0);
  guint status = 0;
  g_autoptr(JsonObject) r1 = st_refresh (sb, rt0, &status);
  const char *rt1 = json_object_get_string_member (r1, "refresh_token");
  g_autoptr(JsonObject) r1b = NULL;
  g_autoptr(JsonObject) late = NULL;
  g_autoptr(JsonObject) newest = NULL;

  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpstr (rt1, !=, rt0);
  g_assert_cmpstr (json_object_get_string_member (r1, "access_token"), !=, at0);

  tocsin_test_sandbox_advance_clock (sb, 30);
  r1b = st_refresh (sb, rt0, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (resources_status (sb, json_object_get_string_member (r1b, "access_token")), ==, 200);

  tocsin_test_sandbox_advance_clock (sb, 31);
  late = st_refresh (sb, rt0, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (late, "error"), ==, "invalid_grant");
  g_assert_cmpstr (json_object_get_string_member (late, "error_description"), ==, "Unknown or invalid refresh token.");

  /* The whole grant is gone: the newest tokens too. */
  newest = st_refresh (sb, rt1, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpuint (resources_status (sb, json_object_get_string_member (r1, "access_token")), ==, 401);
  tocsin_test_sandbox_stop (sb);
}

static void
test_refresh_inactivity (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--refresh-inactivity", "100", NULL);
  g_autofree char *rt0 = NULL;
  g_autofree char *at0 = tocsin_test_sandbox_sign_in (sb, NULL, &rt0);
  guint status = 0;
  g_autoptr(JsonObject) r1 = NULL;
  g_autoptr(JsonObject) r2 = NULL;
  g_autoptr(JsonObject) r3 = NULL;
  g_autofree char *rt2 = NULL;

  /* Each refresh opens a new window. */
  tocsin_test_sandbox_advance_clock (sb, 80);
  r1 = st_refresh (sb, rt0, &status);
  g_assert_cmpuint (status, ==, 200);
  tocsin_test_sandbox_advance_clock (sb, 80);
  r2 = st_refresh (sb, json_object_get_string_member (r1, "refresh_token"), &status);
  g_assert_cmpuint (status, ==, 200);
  rt2 = g_strdup (json_object_get_string_member (r2, "refresh_token"));
  tocsin_test_sandbox_advance_clock (sb, 101);
  r3 = st_refresh (sb, rt2, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (r3, "error"), ==, "invalid_grant");
  tocsin_test_sandbox_stop (sb);
}

static void
test_refresh_absolute (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--refresh-absolute", "300", "--refresh-inactivity", "200", NULL);
  g_autofree char *rt = NULL;
  g_autofree char *at = tocsin_test_sandbox_sign_in (sb, NULL, &rt);
  guint status = 0;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(JsonObject) r = NULL;

      tocsin_test_sandbox_advance_clock (sb, 140);
      r = st_refresh (sb, rt, &status);
      g_assert_cmpuint (status, ==, 200);
      g_free (rt);
      rt = g_strdup (json_object_get_string_member (r, "refresh_token"));
    }
  {
    g_autoptr(JsonObject) r = NULL;

    tocsin_test_sandbox_advance_clock (sb, 30);
    r = st_refresh (sb, rt, &status);
    g_assert_cmpuint (status, ==, 403);
    g_assert_cmpstr (json_object_get_string_member (r, "error"), ==, "invalid_grant");
  }
  tocsin_test_sandbox_stop (sb);
}

static void
test_access_token_expiry (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start ("--access-token-lifetime", "120", NULL);
  g_autofree char *rt = NULL;
  g_autofree char *at = tocsin_test_sandbox_sign_in (sb, NULL, &rt);
  guint status = 0;
  g_autoptr(JsonObject) r = NULL;
  g_autofree char *at2 = tocsin_test_sandbox_sign_in (sb, NULL, NULL);
  g_autoptr(JsonNode) err = NULL;

  g_assert_cmpuint (resources_status (sb, at), ==, 200);
  tocsin_test_sandbox_advance_clock (sb, 121);
  err = tocsin_test_sandbox_api (sb, "GET", "/oauth/token/accessible-resources", at, NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpint (json_object_get_int_member (st_object (err), "code"), ==, 401);
  r = st_refresh (sb, rt, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpint (json_object_get_int_member (r, "expires_in"), ==, 120);
  g_assert_cmpuint (resources_status (sb, json_object_get_string_member (r, "access_token")), ==, 200);

  /* The control endpoint expires every token issued so far. */
  tocsin_test_sandbox_control (sb, "POST", "/_sandbox/expire-access-tokens", NULL, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (resources_status (sb, json_object_get_string_member (r, "access_token")), ==, 401);
  tocsin_test_sandbox_stop (sb);
}

static void
test_revoke (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autofree char *rt = NULL;
  g_autofree char *at = tocsin_test_sandbox_sign_in (sb, NULL, &rt);
  guint status = 0;
  g_autoptr(JsonNode) reply = tocsin_test_sandbox_control (sb, "POST", "/_sandbox/revoke", NULL, &status);
  g_autoptr(JsonObject) r = NULL;

  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (resources_status (sb, at), ==, 401);
  r = st_refresh (sb, rt, &status);
  g_assert_cmpuint (status, ==, 403);
  g_assert_cmpstr (json_object_get_string_member (r, "error"), ==, "invalid_grant");
  tocsin_test_sandbox_stop (sb);
}

/* A token used with a scope it lacks, or a site it was not granted. */
static void
test_scope_and_site_checks (void)
{
  TocsinTestSandbox *sb = tocsin_test_sandbox_start (NULL);
  g_autofree char *config_only = tocsin_test_sandbox_sign_in (sb, READ_CONFIG, NULL);
  g_autofree char *path = st_authorize_path (sb, NULL);
  g_autofree char *code = st_consent (sb, path, "accept", tocsin_test_sandbox_get_cloud_id (sb, 1), NULL);
  guint status = 0;
  g_autoptr(JsonObject) tokens = st_exchange_code (sb, code, &status);
  g_autoptr(JsonNode) alerts = st_api (sb, config_only, "GET", 0, "alerts", NULL, &status);
  g_autoptr(JsonNode) schedules = NULL;
  g_autoptr(JsonNode) other_site = NULL;
  g_autoptr(JsonNode) no_token = NULL;

  g_assert_cmpuint (status, ==, 401);
  g_assert_cmpstr (json_object_get_string_member (st_object (alerts), "message"), ==,
                   "Unauthorized; scope does not match");
  g_assert_cmpint (json_object_get_int_member (st_object (alerts), "code"), ==, 401);
  schedules = st_api (sb, config_only, "GET", 0, "schedules", NULL, &status);
  g_assert_cmpuint (status, ==, 200);

  other_site = st_api (sb, json_object_get_string_member (tokens, "access_token"), "GET", 0, "schedules", NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  no_token = st_api (sb, NULL, "GET", 0, "schedules", NULL, &status);
  g_assert_cmpuint (status, ==, 401);
  tocsin_test_sandbox_stop (sb);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sandbox/auth/first-line", test_first_line);
  g_test_add_func ("/sandbox/auth/authorize-rejections", test_authorize_rejections);
  g_test_add_func ("/sandbox/auth/consent-page", test_consent_page);
  g_test_add_func ("/sandbox/auth/consent-deny", test_consent_deny);
  g_test_add_func ("/sandbox/auth/reject-pkce", test_reject_pkce);
  g_test_add_func ("/sandbox/auth/classic-scopes-and-no-ops-site", test_classic_scopes_and_no_ops_site);
  g_test_add_func ("/sandbox/auth/consent-one-site", test_consent_one_site);
  g_test_add_func ("/sandbox/auth/auto-consent", test_auto_consent);
  g_test_add_func ("/sandbox/auth/code-reuse", test_code_reuse);
  g_test_add_func ("/sandbox/auth/code-expiry", test_code_expiry);
  g_test_add_func ("/sandbox/auth/token-checks", test_token_checks);
  g_test_add_func ("/sandbox/auth/token-form-encoding", test_token_form_encoding);
  g_test_add_func ("/sandbox/auth/pkce", test_pkce);
  g_test_add_func ("/sandbox/auth/no-offline-access", test_no_offline_access);
  g_test_add_func ("/sandbox/auth/refresh-rotation", test_refresh_rotation);
  g_test_add_func ("/sandbox/auth/refresh-inactivity", test_refresh_inactivity);
  g_test_add_func ("/sandbox/auth/refresh-absolute", test_refresh_absolute);
  g_test_add_func ("/sandbox/auth/access-token-expiry", test_access_token_expiry);
  g_test_add_func ("/sandbox/auth/revoke", test_revoke);
  g_test_add_func ("/sandbox/auth/scope-and-site-checks", test_scope_and_site_checks);

  return g_test_run ();
}
