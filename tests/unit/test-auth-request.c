/* test-auth-request.c: authorize URL, state, PKCE, callback parsing, endpoints
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tocsin-auth-callback.h"
#include "tocsin-auth-error.h"
#include "tocsin-auth-request.h"
#include "tocsin-endpoint.h"

#define AUTH "https://auth.example.test"
#define CLIENT "client id/with+odd&chars"
#define REDIRECT "http://localhost:8976/callback"

/* Parses the query of @uri, failing the test on a repeated parameter. */
static GHashTable *
query_of (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  g_autoptr(GError) error = NULL;
  GHashTable *params;

  g_assert_nonnull (parsed);
  params = g_uri_parse_params (g_uri_get_query (parsed), -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  return params;
}

static void
test_url_params (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinAuthRequest) request = tocsin_auth_request_new (AUTH "/", CLIENT, REDIRECT, NULL, FALSE, &error);
  g_autoptr(GUri) uri = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *text;

  g_assert_no_error (error);
  text = tocsin_auth_request_get_uri (request);
  uri = g_uri_parse (text, G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_uri_get_scheme (uri), ==, "https");
  g_assert_cmpstr (g_uri_get_host (uri), ==, "auth.example.test");
  g_assert_cmpstr (g_uri_get_path (uri), ==, "/authorize");

  params = query_of (text);
  g_assert_cmpuint (g_hash_table_size (params), ==, 7);
  g_assert_cmpstr (g_hash_table_lookup (params, "audience"), ==, "api.atlassian.com");
  g_assert_cmpstr (g_hash_table_lookup (params, "client_id"), ==, CLIENT);
  g_assert_cmpstr (g_hash_table_lookup (params, "scope"), ==,
                   "read:ops-alert:jira-service-management write:ops-alert:jira-service-management "
                   "read:ops-config:jira-service-management read:jira-user offline_access");
  g_assert_cmpstr (g_hash_table_lookup (params, "redirect_uri"), ==, REDIRECT);
  g_assert_cmpstr (g_hash_table_lookup (params, "state"), ==, tocsin_auth_request_get_state (request));
  g_assert_cmpstr (g_hash_table_lookup (params, "response_type"), ==, "code");
  g_assert_cmpstr (g_hash_table_lookup (params, "prompt"), ==, "consent");
  g_assert_null (tocsin_auth_request_get_code_verifier (request));

  /* Spaces as %20 (never '+'), reserved characters escaped. */
  g_assert_nonnull (strstr (text, "scope=read%3Aops-alert%3Ajira-service-management%20write"));
  g_assert_null (strchr (text, '+'));
  g_assert_null (strchr (text, ' '));
  g_assert_nonnull (strstr (text, "redirect_uri=http%3A%2F%2Flocalhost%3A8976%2Fcallback"));
  g_assert_nonnull (strstr (text, "client_id=client%20id%2Fwith%2Bodd%26chars"));
}

static void
test_url_pkce (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinAuthRequest) request = tocsin_auth_request_new (AUTH, "c", REDIRECT, "a b", TRUE, &error);
  g_autoptr(GHashTable) params = NULL;
  g_autofree char *expected = NULL;
  const char *verifier;

  g_assert_no_error (error);
  params = query_of (tocsin_auth_request_get_uri (request));
  g_assert_cmpuint (g_hash_table_size (params), ==, 9);
  g_assert_cmpstr (g_hash_table_lookup (params, "scope"), ==, "a b");
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge_method"), ==, "S256");

  verifier = tocsin_auth_request_get_code_verifier (request);
  g_assert_nonnull (verifier);
  g_assert_cmpuint (strlen (verifier), ==, 43);   /* RFC 7636 §4.1: 43..128 */
  expected = tocsin_auth_pkce_challenge (verifier);
  g_assert_cmpstr (g_hash_table_lookup (params, "code_challenge"), ==, expected);
  g_assert_cmpstr (expected, !=, verifier);
}

static gboolean
is_base64url (const char *s)
{
  for (; *s != '\0'; s++)
    if (!g_ascii_isalnum (*s) && *s != '-' && *s != '_')
      return FALSE;
  return TRUE;
}

static void
test_state_random (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean saw_dash = FALSE, saw_underscore = FALSE;

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(TocsinAuthRequest) request = tocsin_auth_request_new (AUTH, "c", REDIRECT, NULL, TRUE, &error);
      const char *state;

      g_assert_no_error (error);
      state = tocsin_auth_request_get_state (request);
      /* 32 bytes -> 43 base64url characters, no padding. */
      g_assert_cmpuint (strlen (state), ==, 43);
      g_assert_true (is_base64url (state));
      g_assert_true (is_base64url (tocsin_auth_request_get_code_verifier (request)));
      saw_dash |= strchr (state, '-') != NULL;
      saw_underscore |= strchr (state, '_') != NULL;

      g_assert_false (g_hash_table_contains (seen, state));
      g_hash_table_add (seen, g_strdup (state));
      g_assert_false (g_hash_table_contains (seen, tocsin_auth_request_get_code_verifier (request)));
      g_hash_table_add (seen, g_strdup (tocsin_auth_request_get_code_verifier (request)));
    }

  /* Over 2000 draws the URL-safe characters do show up (p of missing < 1e-100). */
  g_assert_true (saw_dash);
  g_assert_true (saw_underscore);
}

static void
test_pkce_rfc7636 (void)
{
  /* RFC 7636 Appendix B. */
  static const guint8 octets[] = {
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186,
    22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
  };
  g_autofree char *verifier = tocsin_auth_base64url_encode (octets, sizeof octets);
  g_autofree char *challenge = NULL;

  g_assert_cmpstr (verifier, ==, "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
  challenge = tocsin_auth_pkce_challenge (verifier);
  g_assert_cmpstr (challenge, ==, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

#define STATE "s7aTe-_0123456789abcdefghijklmnopqrstuvwxyz"

static void
expect_error (const char *uri,
              int         code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *result = tocsin_auth_parse_callback (uri, STATE, &error);

  g_assert_null (result);
  g_assert_error (error, TOCSIN_AUTH_ERROR, code);
  g_assert_nonnull (error->message);
}

static void
test_callback_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = NULL;

  code = tocsin_auth_parse_callback (REDIRECT "?code=abc%2Fdef&state=" STATE, STATE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "abc/def");
  g_clear_pointer (&code, g_free);

  code = tocsin_auth_parse_callback ("tocsin://callback?state=" STATE "&code=xyz", STATE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "xyz");

  /* Refusal and other server errors, with the right state. */
  expect_error (REDIRECT "?error=access_denied&error_description=User%20said%20no&state=" STATE,
                TOCSIN_AUTH_ERROR_ACCESS_DENIED);
  expect_error (REDIRECT "?error=server_error&state=" STATE, TOCSIN_AUTH_ERROR_AUTHORIZATION_FAILED);
  /* An error and a code together is still an error. */
  expect_error (REDIRECT "?error=access_denied&code=abc&state=" STATE, TOCSIN_AUTH_ERROR_ACCESS_DENIED);

  /* Wrong, missing, truncated state. */
  expect_error (REDIRECT "?code=abc&state=other", TOCSIN_AUTH_ERROR_INVALID_STATE);
  expect_error (REDIRECT "?code=abc&state=" STATE "x", TOCSIN_AUTH_ERROR_INVALID_STATE);
  expect_error (REDIRECT "?code=abc", TOCSIN_AUTH_ERROR_INVALID_STATE);
  expect_error (REDIRECT "?code=abc&state=", TOCSIN_AUTH_ERROR_INVALID_STATE);
  expect_error (REDIRECT, TOCSIN_AUTH_ERROR_INVALID_STATE);
  expect_error ("not a url", TOCSIN_AUTH_ERROR_INVALID_STATE);
  /* A denial with a wrong state cannot end the flow either. */
  expect_error (REDIRECT "?error=access_denied&state=other", TOCSIN_AUTH_ERROR_INVALID_STATE);

  /* Missing code. */
  expect_error (REDIRECT "?state=" STATE, TOCSIN_AUTH_ERROR_INVALID_CALLBACK);
  expect_error (REDIRECT "?code=&state=" STATE, TOCSIN_AUTH_ERROR_INVALID_CALLBACK);

  /* Repeated parameters. */
  expect_error (REDIRECT "?code=a&code=b&state=" STATE, TOCSIN_AUTH_ERROR_INVALID_CALLBACK);
  expect_error (REDIRECT "?code=a&state=" STATE "&state=" STATE, TOCSIN_AUTH_ERROR_INVALID_STATE);
  expect_error (REDIRECT "?code=a&state=other&state=" STATE, TOCSIN_AUTH_ERROR_INVALID_STATE);
  expect_error (REDIRECT "?code=a&error=x&error=access_denied&state=" STATE, TOCSIN_AUTH_ERROR_INVALID_CALLBACK);
}

static void
test_callback_error_not_echoed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *code = tocsin_auth_parse_callback (REDIRECT "?error=%3Cscript%3Ealert(1)&state=" STATE,
                                                      STATE, &error);

  g_assert_null (code);
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_AUTHORIZATION_FAILED);
  g_assert_null (strstr (error->message, "script"));
}

static void
test_request_single_use (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinAuthRequest) request = tocsin_auth_request_new (AUTH, "c", REDIRECT, NULL, TRUE, &error);
  g_autofree char *good = NULL;
  g_autofree char *code = NULL;

  g_assert_no_error (error);
  good = g_strdup_printf (REDIRECT "?code=c1&state=%s", tocsin_auth_request_get_state (request));

  /* A stranger's callback does not use the request up. */
  code = tocsin_auth_request_check_callback (request, REDIRECT "?code=evil&state=nope", &error);
  g_assert_null (code);
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_false (tocsin_auth_request_is_used (request));

  code = tocsin_auth_request_check_callback (request, good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (code, ==, "c1");
  g_clear_pointer (&code, g_free);
  g_assert_true (tocsin_auth_request_is_used (request));

  /* The same callback again is refused. */
  code = tocsin_auth_request_check_callback (request, good, &error);
  g_assert_null (code);
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_INVALID_STATE);
}

static void
test_request_expiry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TocsinAuthRequest) request = tocsin_auth_request_new (AUTH, "c", REDIRECT, NULL, FALSE, &error);
  g_autofree char *good = NULL;
  g_autofree char *code = NULL;

  g_assert_no_error (error);
  g_assert_false (tocsin_auth_request_is_expired (request));
  good = g_strdup_printf (REDIRECT "?code=c1&state=%s", tocsin_auth_request_get_state (request));
  tocsin_auth_request_expire_for_testing (request);
  g_assert_true (tocsin_auth_request_is_expired (request));

  code = tocsin_auth_request_check_callback (request, good, &error);
  g_assert_null (code);
  g_assert_error (error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_EXPIRED);
}

static void
expect_endpoint (const char *url,
                 int         code)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = tocsin_endpoint_validate (url, &error);

  if (code < 0)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, TOCSIN_ENDPOINT_ERROR, code);
      if (url != NULL && *url != '\0')
        g_assert_nonnull (strstr (error->message, url));
    }
}

static void
test_endpoint (void)
{
  expect_endpoint ("https://auth.atlassian.com", -1);
  expect_endpoint ("https://api.atlassian.com/", -1);
  expect_endpoint ("HTTPS://example.com:8443/base", -1);
  expect_endpoint ("http://localhost:8080", -1);
  expect_endpoint ("http://LOCALHOST", -1);
  expect_endpoint ("http://127.0.0.1:1234", -1);
  expect_endpoint ("http://127.5.6.7", -1);
  expect_endpoint ("http://[::1]:9000/x", -1);

  expect_endpoint ("http://auth.atlassian.com", TOCSIN_ENDPOINT_ERROR_INSECURE);
  expect_endpoint ("http://128.0.0.1", TOCSIN_ENDPOINT_ERROR_INSECURE);
  expect_endpoint ("http://10.0.0.1", TOCSIN_ENDPOINT_ERROR_INSECURE);
  expect_endpoint ("http://[::2]", TOCSIN_ENDPOINT_ERROR_INSECURE);
  expect_endpoint ("http://localhost.example.com", TOCSIN_ENDPOINT_ERROR_INSECURE);
  expect_endpoint ("http://127.0.0.1.nip.io", TOCSIN_ENDPOINT_ERROR_INSECURE);

  expect_endpoint ("ftp://example.com", TOCSIN_ENDPOINT_ERROR_INVALID);
  expect_endpoint ("example.com", TOCSIN_ENDPOINT_ERROR_INVALID);
  expect_endpoint ("https://", TOCSIN_ENDPOINT_ERROR_INVALID);
  expect_endpoint ("", TOCSIN_ENDPOINT_ERROR_INVALID);
  expect_endpoint (NULL, TOCSIN_ENDPOINT_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/auth/request/url-params", test_url_params);
  g_test_add_func ("/auth/request/url-pkce", test_url_pkce);
  g_test_add_func ("/auth/request/state-random", test_state_random);
  g_test_add_func ("/auth/request/pkce-rfc7636", test_pkce_rfc7636);
  g_test_add_func ("/auth/request/single-use", test_request_single_use);
  g_test_add_func ("/auth/request/expiry", test_request_expiry);
  g_test_add_func ("/auth/callback/parse", test_callback_parse);
  g_test_add_func ("/auth/callback/error-not-echoed", test_callback_error_not_echoed);
  g_test_add_func ("/auth/endpoint/validate", test_endpoint);

  return g_test_run ();
}
