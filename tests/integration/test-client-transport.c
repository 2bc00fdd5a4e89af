/* test-client-transport.c: what every client does with a redirect or a huge answer
 *
 * No client follows a redirect, so no token or secret leaves for another
 * origin; the OAuth client caps its answers like the ops client does.
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "tocsin-auth-error.h"
#include "tocsin-oauth-client.h"
#include "tocsin-ops-client.h"
#include "tocsin-test-token-provider.h"

typedef struct
{
  TocsinTestSandbox *sb;
  TestTokenProvider *provider;
  TocsinOpsClient   *ops;
  TocsinOAuthClient *oauth;
  SoupServer        *elsewhere;     /* another loopback origin */
  char              *elsewhere_url;
  guint              elsewhere_hits;
} Fixture;

typedef struct
{
  gboolean  done;
  gpointer  value;
  GError   *error;
} Result;

/* Answers like a willing API would, and counts what reaches it. */
static void
elsewhere_cb (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Fixture *f = user_data;
  const char *authorization = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                            "Authorization");

  f->elsewhere_hits++;
  g_test_message ("elsewhere got %s %s%s", soup_server_message_get_method (message), path,
                  authorization != NULL ? " with an Authorization header" : "");
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"access_token\":\"x\",\"values\":[]}", 32);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  f->sb = tocsin_test_sandbox_start (NULL);
  f->provider = test_token_provider_new (f->sb, NULL);
  f->ops = tocsin_ops_client_new (tocsin_test_sandbox_get_api_url (f->sb),
                                  tocsin_test_sandbox_get_cloud_id (f->sb, 0),
                                  TOCSIN_TOKEN_PROVIDER (f->provider), NULL);
  tocsin_ops_client_set_retry_policy (f->ops, 0, 100, 100);
  f->oauth = tocsin_oauth_client_new (NULL, tocsin_test_sandbox_get_auth_url (f->sb),
                                      tocsin_test_sandbox_get_api_url (f->sb),
                                      tocsin_test_sandbox_get_client_id (f->sb),
                                      tocsin_test_sandbox_get_client_secret (f->sb));

  f->elsewhere = soup_server_new (NULL, NULL);
  soup_server_add_handler (f->elsewhere, NULL, elsewhere_cb, f, NULL);
  soup_server_listen_local (f->elsewhere, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (f->elsewhere);
  f->elsewhere_url = g_strdup_printf ("http://127.0.0.1:%d/collect", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  soup_server_disconnect (f->elsewhere);
  g_clear_object (&f->elsewhere);
  g_free (f->elsewhere_url);
  g_clear_object (&f->oauth);
  g_clear_object (&f->ops);
  g_clear_object (&f->provider);
  tocsin_test_sandbox_stop (f->sb);
}

static void
add_redirect (Fixture    *f,
              const char *path,
              const char *method,
              guint       status)
{
  g_autofree char *fault = g_strdup_printf ("{\"path\":\"%s\",\"method\":\"%s\",\"kind\":\"redirect\","
                                            "\"status\":%u,\"location\":\"%s\"}",
                                            path, method, status, f->elsewhere_url);

  tocsin_test_sandbox_add_fault (f->sb, fault);
}

static gboolean
guard_cb (gpointer data)
{
  g_error ("Test took too long");
  return G_SOURCE_REMOVE;
}

static void
wait_for (Result *r)
{
  guint guard = g_timeout_add_seconds (30, guard_cb, NULL);

  while (!r->done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (guard);
}

static void
ops_cb (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Result *r = user_data;

  r->value = tocsin_ops_client_request_finish (TOCSIN_OPS_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

static void
test_api_request (Fixture       *f,
                  gconstpointer  data)
{
  guint status = GPOINTER_TO_UINT (data);
  Result r = { 0 };

  add_redirect (f, "/ex/jira/", "GET", status);
  tocsin_ops_client_request_async (f->ops, "GET", "/alerts", NULL, NULL, NULL, ops_cb, &r);
  wait_for (&r);

  g_assert_error (r.error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_REDIRECT);
  g_assert_nonnull (strstr (r.error->message, "Preferences"));
  g_assert_null (r.value);
  g_assert_cmpuint (f->elsewhere_hits, ==, 0);
  g_clear_error (&r.error);
}

static void
test_api_post (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(JsonNode) body = json_from_string ("{\"note\":\"secret runbook\"}", NULL);
  Result r = { 0 };

  /* 307 keeps the method and the body. */
  add_redirect (f, "/ex/jira/", "POST", 307);
  tocsin_ops_client_request_async (f->ops, "POST", "/alerts/any/acknowledge", NULL, body, NULL, ops_cb, &r);
  wait_for (&r);

  g_assert_error (r.error, TOCSIN_API_ERROR, TOCSIN_API_ERROR_REDIRECT);
  g_assert_cmpuint (f->elsewhere_hits, ==, 0);
  g_clear_error (&r.error);
}

static void
refresh_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Result *r = user_data;

  r->value = tocsin_oauth_client_refresh_finish (TOCSIN_OAUTH_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

static void
test_token_request (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *refresh = NULL;
  g_autofree char *access = tocsin_test_sandbox_sign_in (f->sb, NULL, &refresh);
  Result r = { 0 };

  /* The body carries the client secret and the refresh token. */
  add_redirect (f, "/oauth/token", "POST", 307);
  tocsin_oauth_client_refresh_async (f->oauth, refresh, NULL, refresh_cb, &r);
  wait_for (&r);

  g_assert_error (r.error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER);
  g_assert_nonnull (strstr (r.error->message, "Preferences"));
  g_assert_null (r.value);
  g_assert_cmpuint (f->elsewhere_hits, ==, 0);
  g_clear_error (&r.error);
}

static void
sites_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *r = user_data;

  r->value = tocsin_oauth_client_get_sites_finish (TOCSIN_OAUTH_CLIENT (source), result, &r->error);
  r->done = TRUE;
}

static void
test_sites_request (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *access = tocsin_test_sandbox_sign_in (f->sb, NULL, NULL);
  Result r = { 0 };

  add_redirect (f, "/oauth/token/accessible-resources", "GET", 302);
  tocsin_oauth_client_get_sites_async (f->oauth, access, NULL, sites_cb, &r);
  wait_for (&r);

  g_assert_error (r.error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER);
  g_assert_null (r.value);
  g_assert_cmpuint (f->elsewhere_hits, ==, 0);
  g_clear_error (&r.error);

  /* Without the fault the same call works: the error was the redirect. */
  memset (&r, 0, sizeof r);
  tocsin_oauth_client_get_sites_async (f->oauth, access, NULL, sites_cb, &r);
  wait_for (&r);
  g_assert_no_error (r.error);
  g_assert_cmpuint (((GPtrArray *) r.value)->len, >, 0);
  g_ptr_array_unref (r.value);
}

/* 64 MiB answers from the token endpoint and accessible-resources: refused
 * at the OAuth client's cap, not read and then found unreadable. */
static void
test_oauth_huge (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *refresh = NULL;
  g_autofree char *access = tocsin_test_sandbox_sign_in (f->sb, NULL, &refresh);
  g_autofree char *limit = g_format_size (1024 * 1024);
  Result r = { 0 };

  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/oauth/token/accessible-resources\",\"kind\":\"huge\"}");
  tocsin_oauth_client_get_sites_async (f->oauth, access, NULL, sites_cb, &r);
  wait_for (&r);
  g_assert_error (r.error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER);
  g_assert_nonnull (strstr (r.error->message, limit));
  g_clear_error (&r.error);

  memset (&r, 0, sizeof r);
  tocsin_test_sandbox_add_fault (f->sb, "{\"path\":\"/oauth/token\",\"method\":\"POST\",\"kind\":\"huge\"}");
  tocsin_oauth_client_refresh_async (f->oauth, refresh, NULL, refresh_cb, &r);
  wait_for (&r);
  g_assert_error (r.error, TOCSIN_AUTH_ERROR, TOCSIN_AUTH_ERROR_SERVER);
  g_assert_nonnull (strstr (r.error->message, limit));
  g_assert_null (r.value);
  g_clear_error (&r.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/redirects/api-request-302", Fixture, GUINT_TO_POINTER (302),
              fixture_setup, test_api_request, fixture_teardown);
  g_test_add ("/redirects/api-request-301", Fixture, GUINT_TO_POINTER (301),
              fixture_setup, test_api_request, fixture_teardown);
  g_test_add ("/redirects/api-post-307", Fixture, NULL, fixture_setup, test_api_post, fixture_teardown);
  g_test_add ("/redirects/token-307", Fixture, NULL, fixture_setup, test_token_request, fixture_teardown);
  g_test_add ("/redirects/sites-302", Fixture, NULL, fixture_setup, test_sites_request, fixture_teardown);
  g_test_add ("/size-cap/oauth-huge", Fixture, NULL, fixture_setup, test_oauth_huge, fixture_teardown);

  return g_test_run ();
}
