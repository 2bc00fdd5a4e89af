/* test-api-error.c
 *
 * Copyright 2026 The Tocsin authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "tocsin-api-error.h"

static GError *
from (guint       status,
      const char *body)
{
  g_autoptr(GBytes) bytes = body != NULL ? g_bytes_new (body, strlen (body)) : NULL;

  return tocsin_api_error_from_response (status, "Reason", bytes, -1);
}

static void
test_status_codes (void)
{
  struct { guint status; TocsinApiError code; } cases[] = {
    { 400, TOCSIN_API_ERROR_INVALID },
    { 401, TOCSIN_API_ERROR_UNAUTHORIZED },
    { 402, TOCSIN_API_ERROR_PAYMENT_REQUIRED },
    { 403, TOCSIN_API_ERROR_FORBIDDEN },
    { 404, TOCSIN_API_ERROR_NOT_FOUND },
    { 409, TOCSIN_API_ERROR_CONFLICT },
    { 422, TOCSIN_API_ERROR_INVALID },
    { 429, TOCSIN_API_ERROR_RATE_LIMITED },
    { 500, TOCSIN_API_ERROR_SERVER },
    { 503, TOCSIN_API_ERROR_SERVER },
    { 418, TOCSIN_API_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = from (cases[i].status, NULL);

      g_assert_error (error, TOCSIN_API_ERROR, (int) cases[i].code);
      g_assert_cmpuint (strlen (error->message), >, 10);
    }
  g_assert_null (from (200, NULL));
  g_assert_null (from (204, NULL));
}

static void
test_scope (void)
{
  g_autoptr(GError) scope = from (401, "{\"code\":401,\"message\":\"Unauthorized; scope does not match\"}");
  g_autoptr(GError) plain = from (401, "{\"code\":401,\"message\":\"Unauthorized\"}");

  g_assert_error (scope, TOCSIN_API_ERROR, TOCSIN_API_ERROR_SCOPE);
  g_assert_error (plain, TOCSIN_API_ERROR, TOCSIN_API_ERROR_UNAUTHORIZED);
}

static void
test_body_shapes (void)
{
  struct { const char *body; const char *expected; } cases[] = {
    { "{\"errors\":[{\"title\":\"Invalid query\",\"code\":\"BAD_REQUEST\"}]}", "Invalid query" },
    { "{\"errors\":[{\"title\":\"Bad\",\"detail\":\"size must be <= 100\"},{\"title\":\"Also\"}]}", "Bad: size must be <= 100; Also" },
    { "{\"code\":40301,\"message\":\"Account does not have access to Opsgenie.\",\"took\":0.062}", "Account does not have access to Opsgenie." },
    { "{\"message\":\"Alert not found\",\"took\":0.01,\"requestId\":\"r\"}", "Alert not found" },
    { "{\"error\":\"invalid_grant\",\"error_description\":\"Unknown token\"}", "Unknown token" },
    { "not json", NULL },
    { "{\"errors\":\"wrong type\"}", NULL },
    { "[]", NULL },
    /* A cut emoji and a raw Latin-1 byte: the text survives, made valid. */
    { "{\"message\":\"Quota \\ud83d\"}", "Quota \xef\xbf\xbd" },
    { "{\"errors\":[{\"title\":\"Caf\xe9\"}]}", "Caf\xef\xbf\xbd" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (cases[i].body, strlen (cases[i].body));
      g_autofree char *message = tocsin_api_error_body_message (bytes);
      g_autoptr(GError) error = tocsin_api_error_from_response (422, NULL, bytes, -1);

      g_assert_cmpstr (message, ==, cases[i].expected);
      if (cases[i].expected != NULL)
        g_assert_nonnull (strstr (error->message, cases[i].expected));
    }
}

static void
test_transport (void)
{
  g_autoptr(GError) timeout = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "t");
  g_autoptr(GError) tls = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE, "bad cert");
  g_autoptr(GError) refused = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED, "refused");
  g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "c");
  g_autoptr(GError) parsing = g_error_new_literal (SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_PARSING, "p");
  g_autoptr(GError) a = tocsin_api_error_from_transport (timeout);
  g_autoptr(GError) b = tocsin_api_error_from_transport (tls);
  g_autoptr(GError) c = tocsin_api_error_from_transport (refused);
  g_autoptr(GError) d = tocsin_api_error_from_transport (cancelled);
  g_autoptr(GError) e = tocsin_api_error_from_transport (parsing);

  g_assert_error (a, TOCSIN_API_ERROR, TOCSIN_API_ERROR_TIMEOUT);
  g_assert_error (b, TOCSIN_API_ERROR, TOCSIN_API_ERROR_TLS);
  g_assert_error (c, TOCSIN_API_ERROR, TOCSIN_API_ERROR_NETWORK);
  g_assert_error (d, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (e, TOCSIN_API_ERROR, TOCSIN_API_ERROR_MALFORMED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api-error/status-codes", test_status_codes);
  g_test_add_func ("/api-error/scope", test_scope);
  g_test_add_func ("/api-error/body-shapes", test_body_shapes);
  g_test_add_func ("/api-error/transport", test_transport);

  return g_test_run ();
}
